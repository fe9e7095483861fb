"""After the participation (devoir de suite): what was heard and what is done with it.

Two kinds of data, kept apart on purpose:

- in ``client.yml``, section ``suites``: the client's own list of themes, the
  channels that are not events of the programme, the quotes it chooses, the
  answer given to each theme or proposal and the commitments it tracks;
- next to it, ``contributions.csv`` (one opinion heard per line) and
  ``questionnaire.csv`` (one participant's questionnaire per line): citizen
  text, imported with ``kit contributions``, never typed into YAML.

A contribution carries no personal data: no name, e-mail or phone is ever
stored (the import drops such columns and refuses such text).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator

from macros.model.base import KitModel, Slug, Text, unique_ids

__all__ = [
    "ANSWER_LABELS",
    "CHOICE_LABELS",
    "COMMITMENT_LABELS",
    "QUESTIONS",
    "Answer",
    "Commitment",
    "Contribution",
    "FollowUp",
    "Question",
    "QuestionnaireReply",
    "Theme",
]

AnswerKind = Literal["retenue", "retenue-en-partie", "non-retenue", "hors-perimetre"]
ANSWER_LABELS: dict[str, str] = {
    "retenue": "Retenue",
    "retenue-en-partie": "Retenue en partie",
    "non-retenue": "Non retenue",
    "hors-perimetre": "Hors du périmètre",
}

CommitmentStatus = Literal["a-faire", "en-cours", "fait"]
COMMITMENT_LABELS: dict[str, str] = {"a-faire": "À faire", "en-cours": "En cours", "fait": "Fait"}


class Theme(KitModel):
    """One of the client's own themes, under which every contribution is filed."""

    id: Slug = Field(alias="id")
    title: Text = Field(alias="titre")
    summary: Text | None = Field(None, alias="synthese")
    """What was heard on this theme, in a few sentences written by the consultant."""


class Answer(KitModel):
    """The answer to a theme, or to one proposal within it."""

    theme: Slug = Field(alias="theme")
    proposal: Text | None = Field(None, alias="proposition")
    """A proposal heard within the theme; the theme as a whole otherwise."""
    kind: AnswerKind = Field(alias="reponse")
    why: Text = Field(alias="pourquoi")
    decider: Text = Field(alias="decideur")
    day: date = Field(alias="date")
    next_step: Text | None = Field(None, alias="suite")
    """What happens next: where it goes in the project."""
    due: date | None = Field(None, alias="echeance")


class Commitment(KitModel):
    """A promise made after the participation, tracked until it is kept."""

    id: Slug = Field(alias="id")
    title: Text = Field(alias="titre")
    theme: Slug | None = Field(None, alias="theme")
    status: CommitmentStatus = Field("a-faire", alias="statut")
    due: date | None = Field(None, alias="echeance")
    owner: Text | None = Field(None, alias="responsable")
    """A service or a body, never a named person."""
    progress: Text | None = Field(None, alias="avancement")
    updated: date | None = Field(None, alias="mis_a_jour")


class FollowUp(KitModel):
    """``suites:`` of ``client.yml``."""

    themes: list[Theme] = Field(default_factory=list, alias="themes")
    channels: list[Text] = Field(default_factory=list, alias="canaux")
    """Channels that are not events of the programme (a register at the town hall, e-mails...)."""
    quotes: list[Text] = Field(default_factory=list, alias="citations")
    """Identifiers of contributions chosen as representative, in the order to show them."""
    answers: list[Answer] = Field(default_factory=list, alias="reponses")
    commitments: list[Commitment] = Field(default_factory=list, alias="engagements")
    report_date: date | None = Field(None, alias="date_bilan")
    """The date the bilan is drawn up (its cover); never before what it reports (``kit check``)."""

    _u_themes = field_validator("themes")(lambda v: unique_ids(v, "thème"))
    _u_commitments = field_validator("commitments")(lambda v: unique_ids(v, "engagement"))


class Contribution(KitModel):
    """One opinion heard, as stored in ``contributions.csv``."""

    id: Text
    day: date
    channel: Text
    theme: Slug
    public: Slug | None = None
    text: Text


# --- The participant questionnaire -------------------------------------------


class Question(KitModel):
    id: Slug
    text: Text
    choices: tuple[Slug, ...]


CHOICE_LABELS: dict[str, str] = {
    "oui": "Oui",
    "un-peu": "Un peu",
    "non": "Non",
    "affiche": "Une affiche",
    "ecole": "L’école",
    "commercant": "Un commerçant",
    "reseaux": "Les réseaux sociaux",
    "journal": "Le journal de la ville",
    "entourage": "Une personne que je connais",
    "autre": "Autrement",
}

_SCALE = ("oui", "un-peu", "non")

QUESTIONS: tuple[Question, ...] = (
    Question(id="compris", text="Avez-vous compris à quoi sert cette démarche\u00a0?", choices=_SCALE),
    Question(id="parole", text="Avez-vous pu dire ce que vous pensez\u00a0?", choices=_SCALE),
    Question(id="ecoute", text="Votre avis a-t-il été écouté\u00a0?", choices=_SCALE),
    Question(id="pratique", text="L’heure et le lieu vous allaient-ils\u00a0?", choices=_SCALE),
    Question(id="utile", text="Pensez-vous que votre avis va servir\u00a0?", choices=_SCALE),
    Question(id="revenir", text="Voulez-vous participer encore une autre fois\u00a0?", choices=_SCALE),
    Question(
        id="connu",
        text="Comment avez-vous su qu’il y avait cette démarche\u00a0?",
        choices=("affiche", "ecole", "commercant", "reseaux", "journal", "entourage", "autre"),
    ),
)
"""Short questions in easy-to-read French (FALC): one idea each, common words."""


class QuestionnaireReply(KitModel):
    """One participant's answers, as stored in ``questionnaire.csv`` (no name, ever)."""

    id: Text
    day: date
    channel: Text
    public: Slug | None = None
    answers: dict[Slug, Slug] = Field(default_factory=dict)
    """Question id -> choice id; a question left blank is absent."""

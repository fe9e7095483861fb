"""The client data behind the deliverables of each offer.

Every section is optional: a client fills in what its offer produces and a
widget says plainly when something is not provided yet. Sections:

- ``parametres``: places, communication, facilitation, accessibility, public dates;
- ``contrat_participation``: the contract between the public actor and citizens;
- ``site_public``: words for the public site (why the voice of citizens matters);
- ``cahier_des_charges``: what the specification needs beyond the other data;
- ``strategie``: the three workshops of the strategy offer and their analysis;
- ``defricher``: research notes, creative leads and fictional scenarios.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import Field, WithJsonSchema, field_validator, model_validator

from macros.model.base import KitModel, Money, Percent, Slug, Text, unique_ids
from macros.model.library import Iap2Level, Weight

__all__ = [
    "AccessOffer",
    "Appointment",
    "CommunicationMeans",
    "Discovery",
    "Facilitation",
    "Parameters",
    "ParticipationContract",
    "PublicSite",
    "Specs",
    "Strategy",
    "Venue",
]

Group = Literal["elus", "citoyens", "services"]
GROUP_LABELS = {"elus": "Élus", "citoyens": "Citoyens", "services": "Services"}


# --- Concertation parameters -------------------------------------------------


class Venue(KitModel):
    id: Slug = Field(alias="id")
    name: Text = Field(alias="nom")
    address: Text | None = Field(None, alias="adresse")
    use: Text | None = Field(None, alias="usage")
    accessible: bool = Field(False, alias="accessible")
    """Reachable and usable by people with reduced mobility."""
    fallback: Text | None = Field(None, alias="solution_repli")
    """For a venue that is not accessible: what is offered instead (printed on the public site)."""
    note: Text | None = Field(None, alias="note")


class CommunicationMeans(KitModel):
    means: Text = Field(alias="moyen")
    publics: list[Slug] = Field(default_factory=list, alias="publics")
    """Client publics (ids) that this means is meant to reach."""
    when: Text | None = Field(None, alias="quand")


class Facilitation(KitModel):
    method: Text = Field(alias="methode")
    facilitators: Text | None = Field(None, alias="animateurs")
    principles: list[Text] = Field(default_factory=list, alias="principes")


class Appointment(KitModel):
    """A date of the concertation, announced to citizens on the public site."""

    id: Slug | None = Field(None, alias="id")
    """Named by an accessibility offer or a feedback commitment (``rendez_vous: [id]``)."""
    title: Text = Field(alias="titre")
    day: date = Field(alias="date")
    last_day: date | None = Field(None, alias="date_fin")
    """Last day of a rendez-vous that lasts several days (an online questionnaire)."""
    hours: Text | None = Field(None, alias="horaire")
    """Free text; its clock times (``de 9 h à 12 h 30``) give the agenda event's times."""
    venue: Slug | None = Field(None, alias="lieu")
    """A place of ``parametres.lieux`` (its id)."""
    online: bool = Field(False, alias="en_ligne")
    description: Text | None = Field(None, alias="description")
    link: Text | None = Field(None, alias="lien")
    """An address for citizens (the online questionnaire): ``http`` or ``https`` only."""
    technique: Slug | None = Field(None, alias="technique")
    """The technique card it applies (set-up, material, pitfalls, agent-days): one of the
    chosen scenario's, checked by ``kit check`` (a restitution may use any)."""
    holder: Text | None = Field(None, alias="tenu_par")
    """Who holds it (a service, never a named person)."""

    @field_validator("link")
    @classmethod
    def _web_address(cls, value: str | None) -> str | None:
        if value is None:
            return value
        parts = urlsplit(value)
        if (
            parts.scheme.lower() not in ("http", "https")
            or not parts.netloc
            or any(c.isspace() for c in value)
        ):
            raise ValueError(f"adresse web attendue, commençant par https:// (ou http://), reçu « {value} »")
        return value

    @model_validator(mode="after")
    def _ends_after_start(self) -> Appointment:
        if self.last_day is not None and self.last_day < self.day:
            raise ValueError(
                f"date_fin ({self.last_day.isoformat()}) avant la date du rendez-vous ({self.day.isoformat()})"
            )
        return self


_ACCESS_OFFER_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1, "description": "Une mesure valable pour tous les rendez-vous."},
        {
            "type": "object",
            "properties": {
                "mesure": {"type": "string", "minLength": 1, "description": "La mesure, en une phrase."},
                "rendez_vous": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "Les rendez-vous (leur id) où elle est assurée.",
                },
            },
            "required": ["mesure"],
            "additionalProperties": False,
        },
    ]
}


class AccessOffer(KitModel):
    """An accessibility measure, for every event or for the events it names."""

    measure: Text = Field(alias="mesure")
    appointments: list[Slug] = Field(default_factory=list, alias="rendez_vous")
    """Ids of ``parametres.rendez_vous``; empty: every event."""

    @model_validator(mode="before")
    @classmethod
    def _plain_sentence(cls, data: Any) -> Any:
        # ``- Documents en FALC.`` is the short form of ``- mesure: Documents en FALC.``
        return {"mesure": data} if isinstance(data, str) else data


class Parameters(KitModel):
    venues: list[Venue] = Field(default_factory=list, alias="lieux")
    communication: list[CommunicationMeans] = Field(default_factory=list, alias="communication")
    facilitation: Facilitation | None = Field(None, alias="animation")
    accessibility: list[Annotated[AccessOffer, WithJsonSchema(_ACCESS_OFFER_SCHEMA)]] = Field(
        default_factory=list, alias="accessibilite"
    )
    """Measures: easy-to-read French, childcare, interpreting... (the venues say whether they are accessible)."""
    appointments: list[Appointment] = Field(default_factory=list, alias="rendez_vous")
    owners: dict[Slug, Text] = Field(default_factory=dict, alias="responsables")
    """Who carries each role of the reverse planning (``pilote``, ``communication``...)."""

    _u_venues = field_validator("venues")(lambda v: unique_ids(v, "lieu"))

    @field_validator("appointments")
    @classmethod
    def _unique_appointment_ids(cls, value: list[Appointment]) -> list[Appointment]:
        unique_ids([a for a in value if a.id], "rendez-vous")
        return value


# --- Contract of participation -----------------------------------------------


class Feedback(KitModel):
    """The duty to report back (devoir de suite)."""

    by: date = Field(alias="date")
    form: Text = Field(alias="forme")


class PublicContact(KitModel):
    """A contact meant for publication: a service, never a named person."""

    service: Text = Field(alias="service")
    email: Text | None = Field(None, alias="courriel")
    phone: Text | None = Field(None, alias="telephone")
    address: Text | None = Field(None, alias="adresse")
    hours: Text | None = Field(None, alias="horaires")


class GuarantorContact(KitModel):
    """The guarantor's own address: independent of the service that runs the participation."""

    name: Text | None = Field(None, alias="nom")
    email: Text | None = Field(None, alias="courriel")
    phone: Text | None = Field(None, alias="telephone")
    address: Text | None = Field(None, alias="adresse")


class ParticipationContract(KitModel):
    who_decides: Text | None = Field(None, alias="qui_decide")
    """Defaults to the project's decider and decision date."""
    asks: list[Text] = Field(default_factory=list, alias="demandes")
    provides: list[Text] = Field(default_factory=list, alias="apports")
    commitments: list[Text] = Field(default_factory=list, alias="engagements")
    level: Iap2Level | None = Field(None, alias="niveau")
    feedback: Feedback | None = Field(None, alias="retour")
    rules: list[Text] = Field(default_factory=list, alias="regles")
    guarantor: Text | None = Field(None, alias="garant")
    guarantor_contact: GuarantorContact | None = Field(None, alias="garant_contact")
    """How to reach the guarantor directly, not through the service the guarantor oversees."""
    contact: PublicContact | None = Field(None, alias="contact")
    personal_data: Text | None = Field(None, alias="donnees_personnelles")
    follow_up: list[Text] = Field(default_factory=list, alias="suivi")


class PublicSite(KitModel):
    why: list[Text] = Field(default_factory=list, alias="pourquoi")
    """Why the voice of citizens matters here, in short sentences."""


# --- Cahier des charges ------------------------------------------------------


class ServiceDays(KitModel):
    service: Text = Field(alias="service")
    days: Weight = Field(alias="jours")


class Means(KitModel):
    budget: Money | None = Field(None, alias="budget")
    agent_days: list[ServiceDays] = Field(default_factory=list, alias="jours_agent")


class Governance(KitModel):
    steering: Text | None = Field(None, alias="comite_pilotage")
    technical: Text | None = Field(None, alias="comite_technique")
    follow_up: Text | None = Field(None, alias="instance_suivi")
    elected_roles: list[Text] = Field(default_factory=list, alias="role_elus")


class AwardCriterion(KitModel):
    criterion: Text = Field(alias="critere")
    weight: Percent = Field(alias="poids")


class Tender(KitModel):
    skills: list[Text] = Field(default_factory=list, alias="competences")
    award_criteria: list[AwardCriterion] = Field(default_factory=list, alias="criteres_attribution")


class Specs(KitModel):
    objectives: list[Text] = Field(default_factory=list, alias="objectifs")
    use_of_results: Text | None = Field(None, alias="usage_resultats")
    alternatives: list[Text] = Field(default_factory=list, alias="alternatives")
    levels: dict[Slug, Iap2Level] = Field(default_factory=dict, alias="niveaux")
    """Participation level per client public; default: the scenario's highest level."""
    governance: Governance | None = Field(None, alias="gouvernance")
    means: Means | None = Field(None, alias="moyens")
    deliverables: list[Text] = Field(default_factory=list, alias="livrables")
    indicators: list[Text] = Field(default_factory=list, alias="indicateurs")
    tender: Tender | None = Field(None, alias="marche_public")


# --- Strategy offer ----------------------------------------------------------

Appreciation = Literal["favorable", "partage", "defavorable"]


class GridCriterion(KitModel):
    id: Slug = Field(alias="id")
    label: Text = Field(alias="libelle")
    question: Text | None = Field(None, alias="question")


class GridReading(KitModel):
    criterion: Slug = Field(alias="critere")
    appreciation: Appreciation = Field(alias="appreciation")
    finding: Text = Field(alias="constat")


class StrategyWorkshop(KitModel):
    group: Group = Field(alias="groupe")
    day: date | None = Field(None, alias="date")
    participants: int | None = Field(None, ge=0, le=10_000_000, alias="participants")
    usage_scenarios: list[Text] = Field(default_factory=list, alias="scenarios_usage")
    liked: list[Text] = Field(default_factory=list, alias="positif")
    disliked: list[Text] = Field(default_factory=list, alias="negatif")
    analysis: list[GridReading] = Field(default_factory=list, alias="analyse")


class CreativeSolution(KitModel):
    title: Text = Field(alias="titre")
    description: Text = Field(alias="description")
    elected_feedback: Text | None = Field(None, alias="retour_elus")
    citizen_feedback: Text | None = Field(None, alias="retour_citoyens")
    kept: bool = Field(False, alias="retenue")


class CreativeSession(KitModel):
    day: date | None = Field(None, alias="date")
    participants: Text | None = Field(None, alias="participants")
    solutions: list[CreativeSolution] = Field(default_factory=list, alias="solutions")


class Strategy(KitModel):
    principles: list[Text] = Field(default_factory=list, alias="principes")
    """The principles the public actor commits to, beyond the firm's three conditions."""
    state_of_the_art: list[Text] = Field(default_factory=list, alias="etat_de_l_art")
    grid: list[GridCriterion] = Field(default_factory=list, alias="grille")
    workshops: list[StrategyWorkshop] = Field(default_factory=list, alias="ateliers")
    options: list[Text] = Field(default_factory=list, alias="options")
    """The options open to the public actor after the analysis."""
    decided: list[Text] = Field(default_factory=list, alias="options_retenues")
    """The options the public actor decided, in its own words."""
    creativity: CreativeSession | None = Field(None, alias="creativite")
    roi_use: list[Text] = Field(default_factory=list, alias="usage_roi")
    """How the R.O.I. citoyen kit will be used after the mission: projects, who, when."""

    _u_grid = field_validator("grid")(lambda v: unique_ids(v, "critère de la grille"))


# --- Défricher offer ---------------------------------------------------------


class ResearchNote(KitModel):
    kind: Literal[
        "observation", "analogie", "entretien", "distanciation", "desynchronisation", "documentation"
    ] = Field(alias="type")
    title: Text = Field(alias="titre")
    summary: Text = Field(alias="resume")
    profile: Literal["usager-extreme", "expert", "iconoclaste", "habitant", "agent"] | None = Field(
        None, alias="profil"
    )
    """For an interview: who was met (never a name)."""


class CreativeLead(KitModel):
    id: Slug = Field(alias="id")
    title: Text = Field(alias="titre")
    description: Text = Field(alias="description")
    status: Literal["a-tester", "retenue", "ecartee"] = Field("a-tester", alias="statut")
    reason: Text | None = Field(None, alias="raison")


class GroupFeedback(KitModel):
    group: Group = Field(alias="groupe")
    liked: list[Text] = Field(default_factory=list, alias="positif")
    disliked: list[Text] = Field(default_factory=list, alias="negatif")


class FictionalScenario(KitModel):
    id: Slug = Field(alias="id")
    title: Text = Field(alias="titre")
    story: Text = Field(alias="recit")
    leads: list[Slug] = Field(default_factory=list, alias="pistes")
    feedback: list[GroupFeedback] = Field(default_factory=list, alias="retours")


class Proposal(KitModel):
    title: Text = Field(alias="titre")
    description: Text = Field(alias="description")
    leads: list[Slug] = Field(default_factory=list, alias="pistes")
    conditions: list[Text] = Field(default_factory=list, alias="conditions")


class Discovery(KitModel):
    research: list[ResearchNote] = Field(default_factory=list, alias="recherches")
    leads: list[CreativeLead] = Field(default_factory=list, alias="pistes")
    fictional_scenarios: list[FictionalScenario] = Field(default_factory=list, alias="scenarios_fictifs")
    proposals: list[Proposal] = Field(default_factory=list, alias="analyse")

    _u_leads = field_validator("leads")(lambda v: unique_ids(v, "piste"))
    _u_scenarios = field_validator("fictional_scenarios")(lambda v: unique_ids(v, "scénario fictif"))

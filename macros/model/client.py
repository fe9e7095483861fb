"""A client's kit: ``kits/clients/<slug>/client.yml``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import PurePosixPath
from typing import Annotated, Literal

from pydantic import Field, field_validator

from macros.model.base import KitModel, Slug, Text
from macros.model.deliverables import (
    Appointment,
    Discovery,
    Feedback,
    Parameters,
    ParticipationContract,
    PublicSite,
    Specs,
    Strategy,
)
from macros.model.followup import FollowUp
from macros.model.legal import LegalPages
from macros.model.library import Iap2Level, PublicProfile
from macros.model.procedures import Deliberation
from macros.model.quote import QuoteData
from macros.model.roi import RoiData

__all__ = [
    "INTERNAL_FIELDS",
    "CalendarEntry",
    "FeedbackCommitment",
    "Mitigation",
    "Client",
    "ClientPublic",
    "Collectivity",
    "Mission",
    "Project",
    "Scenario",
    "Stakeholder",
]

INTERNAL_FIELDS: tuple[str, ...] = (
    "mission",
    "parties_prenantes[].contact",
    "publics[].note",
    "devis",
    "roi.notes",
)
"""Parts of ``client.yml`` (French keys, ``[]`` for every item) that never reach
the public site. A public page printing one of them fails the public build."""

Status = Literal["fait", "en-cours", "prevu"]


class Collectivity(KitModel):
    name: Text = Field(alias="nom")
    kind: Literal["commune", "intercommunalite", "departement", "region", "etablissement-public", "autre"] = (
        Field(alias="type")
    )
    population: int | None = Field(None, gt=0, le=100_000_000, alias="population")
    territory: Text | None = Field(None, alias="territoire")
    logo: Text | None = Field(None, alias="logo")
    """Image inside the client folder, e.g. ``images/logo.png``."""
    article: Literal["le", "la", "l'", "l’", "les", "aucun"] | None = Field(None, alias="article")
    """Article of the name in a sentence (« la Ville de … »); inferred from the name and the type otherwise."""
    gender: Literal["masculin", "feminin"] | None = Field(None, alias="genre")
    """Gender of the name (« elle vous invite »); inferred from the name and the type otherwise."""
    address: Text | None = Field(None, alias="adresse")
    """Postal address of the collectivity: printed on the quote and the legal pages."""

    @field_validator("logo")
    @classmethod
    def _inside_folder(cls, value: str | None) -> str | None:
        if value is None:
            return value
        path = PurePosixPath(value.replace("\\", "/"))
        if path.is_absolute() or ".." in path.parts:
            raise ValueError(
                f"le chemin « {value} » sort du dossier du client : "
                "indiquez un chemin relatif au dossier, sans « .. »"
            )
        return path.as_posix()


class Perimeter(KitModel):
    negotiable: list[Text] = Field(default_factory=list, alias="negociable")
    fixed: list[Text] = Field(default_factory=list, alias="non_negociable")


class Project(KitModel):
    title: Text = Field(alias="titre")
    summary: Text = Field(alias="resume")
    stakes: list[Text] = Field(default_factory=list, alias="enjeux")
    decision: Text = Field(alias="decision")
    """What will be decided at the end, in one sentence."""
    decider: Text = Field(alias="decideur")
    decision_date: date | None = Field(None, alias="date_decision")
    perimeter: Perimeter = Field(default_factory=Perimeter, alias="perimetre")
    procedures: list[Slug] = Field(default_factory=list, alias="procedures")
    """Participation procedures set by law that apply (ids of ``procedures.yml``)."""
    deliberations: list[Deliberation] = Field(default_factory=list, alias="deliberations")
    """The votes those procedures require, with their dates."""


class Mission(KitModel):
    consultant: Text = Field(alias="consultant")
    start: date = Field(alias="debut")
    version: Text = Field("1", alias="version")
    version_date: date | None = Field(None, alias="date_version")
    """Date of this version of the kit, printed on the covers (the quote's date otherwise)."""


class CalendarEntry(KitModel):
    step: Slug = Field(alias="etape")
    start: date = Field(alias="debut")
    end: date | None = Field(None, alias="fin")
    status: Status = Field("prevu", alias="statut")
    note: Text | None = Field(None, alias="note")


class ClientPublic(KitModel):
    id: Slug = Field(alias="id")
    """A public of the shared library, or one of the client's own (``publics_propres``)."""
    priority: bool = Field(False, alias="prioritaire")
    estimate: Text | None = Field(None, alias="effectif")
    note: Text | None = Field(None, alias="note")


class PrivateContact(KitModel):
    """Personal data: never shown on the public site."""

    name: Text | None = Field(None, alias="nom")
    email: Text | None = Field(None, alias="courriel")
    phone: Text | None = Field(None, alias="telephone")


class Stakeholder(KitModel):
    id: Slug = Field(alias="id")
    name: Text = Field(alias="nom")
    category: Literal[
        "elus", "services", "habitants", "associations", "acteurs-economiques", "institutions", "medias"
    ] = Field(alias="categorie")
    power: int = Field(alias="pouvoir", ge=1, le=4)
    interest: int = Field(alias="interet", ge=1, le=4)
    attitude: Literal["favorable", "neutre", "reserve", "oppose"] = Field(alias="attitude")
    relays: list[Slug] = Field(default_factory=list, alias="relaie")
    """Publics (ids) that this stakeholder can reach."""
    target_level: Iap2Level = Field(alias="niveau_cible")
    channel: Text | None = Field(None, alias="canal")
    contact: PrivateContact | None = Field(None, alias="contact")


Gain = Annotated[int, Field(ge=1, le=4, strict=True)]


class Mitigation(KitModel):
    """A measure that lowers a cost or raises a benefit for some publics."""

    id: Slug = Field(alias="id")
    title: Text = Field(alias="titre")
    agent_days: Decimal = Field(Decimal(0), ge=0, le=100_000, allow_inf_nan=False, alias="jours_agent")
    improves: dict[Slug, dict[Slug, Gain]] = Field(default_factory=dict, alias="ameliore")
    """Public -> criterion -> points gained (a cost goes down, a benefit goes up)."""


class FeedbackCommitment(KitModel):
    """Devoir de suite: what participants will receive, in what form, by when."""

    form: Text = Field(alias="forme")
    due: date | None = Field(None, alias="echeance")
    channel: Text | None = Field(None, alias="canal")
    appointment: Slug | None = Field(None, alias="rendez_vous")
    """A public meeting of ``parametres.rendez_vous`` (its id): its date and place are this feedback's."""


class Scenario(KitModel):
    id: Slug = Field(alias="id")
    title: Text = Field(alias="titre")
    summary: Text = Field(alias="resume")
    techniques: list[Slug] = Field(alias="techniques", min_length=1)
    negotiable: list[Text] = Field(default_factory=list, alias="negociable")
    fixed: list[Text] = Field(default_factory=list, alias="non_negociable")
    """What is not open to discussion in this scenario (the project's perimeter otherwise)."""
    decider: Text | None = Field(None, alias="decideur")
    """Who decides at the end (the project's decider otherwise)."""
    decision_date: date | None = Field(None, alias="date_decision")
    elected_role: Text | None = Field(None, alias="role_elus")
    """What the élus do at each step: they keep their mandate."""
    agent_days: Decimal | None = Field(None, ge=0, le=100_000, allow_inf_nan=False, alias="jours_agent")
    """The consultant's estimate for the whole scenario (sum of the technique cards otherwise)."""
    mitigations: list[Mitigation] = Field(default_factory=list, alias="attenuations")
    feedback: list[FeedbackCommitment] = Field(default_factory=list, alias="retours")

    def total_agent_days(self, techniques: Mapping[str, Decimal]) -> Decimal:
        """The one count of a scenario's agent-days: its own estimate, or the sum of its
        technique cards (``techniques``: id -> agent-days per occurrence)."""
        if self.agent_days is not None:
            return self.agent_days
        return sum((techniques.get(t, Decimal(0)) for t in self.techniques), Decimal(0))


class Client(KitModel):
    collectivity: Collectivity = Field(alias="collectivite")
    project: Project = Field(alias="projet")
    offer: Slug = Field(alias="offre")
    mission: Mission = Field(alias="mission")
    calendar: list[CalendarEntry] = Field(default_factory=list, alias="calendrier")
    own_publics: list[PublicProfile] = Field(default_factory=list, alias="publics_propres")
    """Publics that the shared library lacks, described with the library's fields."""
    publics: list[ClientPublic] = Field(default_factory=list, alias="publics")
    stakeholders: list[Stakeholder] = Field(default_factory=list, alias="parties_prenantes")
    scenarios: list[Scenario] = Field(default_factory=list, alias="scenarios")
    chosen_scenario: Slug | None = Field(None, alias="scenario_retenu")
    parameters: Parameters | None = Field(None, alias="parametres")
    contract: ParticipationContract | None = Field(None, alias="contrat_participation")
    public_site: PublicSite | None = Field(None, alias="site_public")
    specs: Specs | None = Field(None, alias="cahier_des_charges")
    quote: QuoteData | None = Field(None, alias="devis")
    strategy: Strategy | None = Field(None, alias="strategie")
    discovery: Discovery | None = Field(None, alias="defricher")
    roi: RoiData = Field(default_factory=RoiData, alias="roi")
    follow_up: FollowUp | None = Field(None, alias="suites")
    """After the participation: themes, answers, commitments (devoir de suite)."""
    legal: LegalPages | None = Field(None, alias="pages_legales")

    def chosen(self) -> Scenario | None:
        """The scenario the collectivity chose (``scenario_retenu``), never a guess."""
        return next((s for s in self.scenarios if s.id == self.chosen_scenario), None)

    # One rule for each shared fact, read by the checks and by every page.

    def decider(self, scenario: Scenario | None) -> str:
        return (scenario.decider if scenario else None) or self.project.decider

    def decision_day(self, scenario: Scenario | None) -> date | None:
        return (scenario.decision_date if scenario else None) or self.project.decision_date

    def appointment(self, appointment_id: str | None) -> Appointment | None:
        if appointment_id is None or self.parameters is None:
            return None
        return next((a for a in self.parameters.appointments if a.id == appointment_id), None)

    def feedback_day(self, commitment: FeedbackCommitment) -> date | None:
        """A feedback meeting is on its event's day; otherwise its own due date."""
        meeting = self.appointment(commitment.appointment)
        return meeting.day if meeting else commitment.due

    def report(self, scenario: Scenario | None) -> Feedback | None:
        """The last dated feedback promised (the report on what became of the opinions): the
        scenario's, else the contract's. Letters, posters and the legal frame quote this one."""
        dated = [(day, c) for c in (scenario.feedback if scenario else []) if (day := self.feedback_day(c))]
        if dated:
            day, last = max(dated, key=lambda pair: pair[0])
            return Feedback(by=day, form=last.form)
        return self.contract.feedback if self.contract else None

    def restitution_ids(self) -> set[str]:
        """Events that report back (named by a scenario's feedback): not participation."""
        return {c.appointment for s in self.scenarios for c in s.feedback if c.appointment}

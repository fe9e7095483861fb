"""A client's kit: ``kits/clients/<slug>/client.yml``."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath
from typing import Literal

from pydantic import Field, field_validator

from .base import KitModel, Slug, Text
from .library import Iap2Level

__all__ = [
    "CalendarEntry",
    "Client",
    "ClientPublic",
    "Collectivity",
    "Mission",
    "Project",
    "Scenario",
    "Stakeholder",
]

Status = Literal["fait", "en-cours", "prevu"]


class Collectivity(KitModel):
    name: Text = Field(alias="nom")
    kind: Literal[
        "commune", "intercommunalite", "departement", "region", "etablissement-public", "autre"
    ] = Field(alias="type")
    population: int | None = Field(None, gt=0, alias="population")
    territory: Text | None = Field(None, alias="territoire")
    logo: Text | None = Field(None, alias="logo")
    """Image inside the client folder, e.g. ``images/logo.png``."""

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


class Mission(KitModel):
    consultant: Text = Field(alias="consultant")
    start: date = Field(alias="debut")
    version: Text = Field("1", alias="version")


class CalendarEntry(KitModel):
    step: Slug = Field(alias="etape")
    start: date = Field(alias="debut")
    end: date | None = Field(None, alias="fin")
    status: Status = Field("prevu", alias="statut")
    note: Text | None = Field(None, alias="note")


class ClientPublic(KitModel):
    id: Slug = Field(alias="id")
    """A public of the shared library."""
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


class Scenario(KitModel):
    id: Slug = Field(alias="id")
    title: Text = Field(alias="titre")
    summary: Text = Field(alias="resume")
    techniques: list[Slug] = Field(alias="techniques", min_length=1)


class Client(KitModel):
    collectivity: Collectivity = Field(alias="collectivite")
    project: Project = Field(alias="projet")
    offer: Slug = Field(alias="offre")
    mission: Mission = Field(alias="mission")
    calendar: list[CalendarEntry] = Field(default_factory=list, alias="calendrier")
    publics: list[ClientPublic] = Field(default_factory=list, alias="publics")
    stakeholders: list[Stakeholder] = Field(default_factory=list, alias="parties_prenantes")
    scenarios: list[Scenario] = Field(default_factory=list, alias="scenarios")

"""The shared method library: ``kits/bibliotheque/``.

Criteria, publics and techniques of the R.O.I. citoyen (see the method page of
the kit). Each client picks its publics and techniques from here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, field_validator

from macros.model.base import KitModel, Label, Money, Score, Slug, Text, unique_ids
from macros.model.procedures import Procedure

__all__ = [
    "IAP2_LEVELS",
    "Criterion",
    "Library",
    "PublicProfile",
    "Technique",
]

IAP2_LEVELS = ("informer", "consulter", "impliquer", "collaborer", "habiliter")
Iap2Level = Literal["informer", "consulter", "impliquer", "collaborer", "habiliter"]
Weight = Annotated[Decimal, Field(ge=0, le=1000, allow_inf_nan=False)]


class Criterion(KitModel):
    id: Slug = Field(alias="id")
    label: Text = Field(alias="libelle")
    side: Literal["citoyen", "acteur"] = Field(alias="cote")
    """Whose point of view: the citizen's or the public actor's."""
    direction: Literal["cout", "benefice"] = Field(alias="sens")
    weight: Weight = Field(Decimal(1), alias="poids")
    question: Text = Field(alias="question")
    levels: dict[Score, Text] = Field(alias="niveaux")
    """One written descriptor per level 0-4, so that a room scores alike."""
    euro_bounds: list[Money] = Field(default_factory=list, alias="bornes_euros")
    """For a criterion scored in euros: the amount where each level 1-4 starts
    (``[0, 1000, 5000, 15000]``: 0 is nothing, under 1 000 € is 1...), so that a
    declared budget can be checked against the score."""

    def level_of_amount(self, amount: Decimal) -> int | None:
        """The level a declared amount falls in, or ``None`` without bounds."""
        if len(self.euro_bounds) != 4:
            return None
        if amount <= self.euro_bounds[0]:
            return 0
        return 1 + sum(1 for bound in self.euro_bounds[1:] if amount >= bound)

    @field_validator("levels")
    @classmethod
    def _five_levels(cls, value: dict[int, str]) -> dict[int, str]:
        missing = [str(n) for n in range(5) if n not in value]
        if missing:
            raise ValueError(f"un descripteur par niveau 0 à 4 est attendu ; manque : {', '.join(missing)}")
        return value


class PublicProfile(KitModel):
    id: Slug = Field(alias="id")
    name: Label = Field(alias="nom")
    description: Text = Field(alias="description")
    sensitivities: dict[Slug, Weight] = Field(default_factory=dict, alias="sensibilites")
    """Multipliers of criterion weights for this public (1 = neutral)."""
    channels: list[Text] = Field(default_factory=list, alias="canaux")
    relays: list[Text] = Field(default_factory=list, alias="relais")
    far_from_institutions: bool = Field(False, alias="eloigne_des_institutions")


class Technique(KitModel):
    id: Slug = Field(alias="id")
    name: Text = Field(alias="nom")
    summary: Text = Field(alias="resume")
    level: Iap2Level = Field(alias="niveau_iap2")
    format: Literal["presentiel", "en-ligne", "hybride"] = Field(alias="format")
    duration: Text = Field(alias="duree")
    group_size: Text = Field(alias="taille_groupe")
    needs: list[Text] = Field(default_factory=list, alias="besoins")
    agent_days: Weight = Field(alias="jours_agent")
    default_scores: dict[Slug, Score] = Field(default_factory=dict, alias="scores_defaut")
    steps: list[Text] = Field(default_factory=list, alias="deroule")
    materials: list[Text] = Field(default_factory=list, alias="materiel")
    pitfalls: list[Text] = Field(default_factory=list, alias="ecueils")


class Library(KitModel):
    criteria: list[Criterion] = Field(alias="criteres", min_length=1)
    publics: list[PublicProfile] = Field(alias="publics", min_length=1)
    techniques: list[Technique] = Field(alias="techniques", min_length=1)
    procedures: list[Procedure] = Field(default_factory=list, alias="procedures")
    """Participation procedures set by law (``procedures.yml``)."""

    _u_criteria = field_validator("criteria")(lambda v: unique_ids(v, "critère"))
    _u_publics = field_validator("publics")(lambda v: unique_ids(v, "public"))
    _u_techniques = field_validator("techniques")(lambda v: unique_ids(v, "technique"))
    _u_procedures = field_validator("procedures")(lambda v: unique_ids(v, "procédure"))

    def criterion(self, cid: str) -> Criterion:
        return next(c for c in self.criteria if c.id == cid)

    def public(self, pid: str) -> PublicProfile:
        return next(p for p in self.publics if p.id == pid)

    def technique(self, tid: str) -> Technique:
        return next(t for t in self.techniques if t.id == tid)

    def procedure(self, pid: str) -> Procedure:
        return next(p for p in self.procedures if p.id == pid)

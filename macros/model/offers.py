"""The firm's offers: ``kits/offres/<id>.yml``, one per offer."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator, model_validator

from macros.model.base import KitModel, Money, Slug, Text, unique_ids

__all__ = [
    "SLIDES",
    "SPEC_PARTS",
    "Deliverable",
    "ElectedDecision",
    "Offer",
    "OptionSpec",
    "Outline",
    "Step",
    "StopRule",
]

SpecPart = Literal[
    # shared by every offer
    "contexte",
    "decision",
    "objectifs",
    "perimetre",
    "publics",
    "gouvernance",
    "moyens",
    "livrables",
    "retours",
    "indicateurs",
    "donnees",
    "marche",
    "contact",
    # concertation: the set-up to run
    "niveaux",
    "dispositif",
    "regles",
    # strategie: the dialogue strategy to put in place
    "principes",
    "grille",
    "dispositifs-retenus",
    "options",
    "communication",
    "usage-roi",
    # defricher: the project or service to commission
    "enseignements",
    "propositions",
    "ecarte",
]
"""The sections a cahier des charges can hold; each offer lists its own, in order."""
SPEC_PARTS: tuple[str, ...] = SpecPart.__args__  # type: ignore[attr-defined]

Slide = Literal[
    "titre",
    "projet",
    "perimetre",
    "publics",
    "dispositif",
    "calendrier",
    "conditions",
    "engagements",
    "ecoute",
    "solutions",
    "options",
    "outil-roi",
    "enseignements",
    "pistes",
    "ecarte",
    "suite",
]
"""The slides the presentation material can hold; each offer lists its own, in order."""
SLIDES: tuple[str, ...] = Slide.__args__  # type: ignore[attr-defined]


class Deliverable(KitModel):
    id: Slug = Field(alias="id")
    title: Text = Field(alias="titre")
    description: Text = Field(alias="description")
    components: list[Slug] = Field(default_factory=list, alias="composants")
    """Pages of the kit that make up this deliverable (their ``composant``)."""


class Step(KitModel):
    id: Slug = Field(alias="id")
    title: Text = Field(alias="titre")
    description: Text = Field(alias="description")
    produces: Text | None = Field(None, alias="produit")
    deliverables: list[Slug] = Field(default_factory=list, alias="livrables")
    workshops: int = Field(0, ge=0, le=1000, alias="ateliers")


class OptionSpec(KitModel):
    id: Slug = Field(alias="id")
    title: Text = Field(alias="titre")
    description: Text = Field(alias="description")
    unit: Text = Field("forfait", alias="unite")
    example_price: Money | None = Field(None, alias="tarif_exemple")
    """An example value only: the brochure gives no option prices."""
    components: list[Slug] = Field(default_factory=list, alias="composants")
    """Pages that the option adds to the kit when the quote buys it (``composant``)."""


class Outline(KitModel):
    """The title, purpose and sections of an offer's cahier des charges."""

    title: Text = Field(alias="titre")
    purpose: Text = Field(alias="objet")
    """What the document is for, in one or two sentences."""
    parts: list[SpecPart] = Field(alias="plan", min_length=1)


class StopRule(KitModel):
    """The concertation offer may stop before its workshop at a reduced price."""

    before_step: Slug = Field(alias="avant_etape")
    factor: Decimal = Field(alias="coefficient", gt=0, le=1)
    description: Text = Field(alias="description")


class ElectedDecision(KitModel):
    """A decision the élus take during the mission, at the end of a step."""

    step: Slug = Field(alias="etape")
    title: Text = Field(alias="titre")
    who: Text = Field("Comité de pilotage", alias="qui")
    detail: Literal["options", "solutions", "propositions"] | None = Field(None, alias="detail")
    """Client items listed under it: the strategy's options, its retained solutions, the proposals."""


class Offer(KitModel):
    id: Slug = Field(alias="id")
    order: int = Field(alias="ordre", ge=1, le=1000)
    """Position in the firm's catalogue."""
    title: Text = Field(alias="titre")
    subtitle: Text = Field(alias="accroche")
    summary: Text = Field(alias="resume")
    price_from: Money = Field(alias="prix_a_partir_de")
    days: int = Field(alias="jours", gt=0, le=10_000)
    workshops: int = Field(alias="ateliers", ge=0, le=1000)
    deliverables: list[Deliverable] = Field(alias="livrables", min_length=1)
    steps: list[Step] = Field(alias="etapes", min_length=1)
    options: list[OptionSpec] = Field(default_factory=list, alias="options")
    stop_rule: StopRule | None = Field(None, alias="regle_arret")
    elected_decisions: list[ElectedDecision] = Field(default_factory=list, alias="decisions_elus")
    page_titles: dict[str, Text] = Field(default_factory=dict, alias="titres_pages")
    """Page source (``livrables/scenarios.md``) -> its title in this offer's kit."""
    specs: Outline = Field(alias="cahier_des_charges")
    slides: list[Slide] = Field(alias="presentation", min_length=1)
    """The slides of the presentation material, in order."""

    _u_deliverables = field_validator("deliverables")(lambda v: unique_ids(v, "livrable"))
    _u_steps = field_validator("steps")(lambda v: unique_ids(v, "étape"))
    _u_options = field_validator("options")(lambda v: unique_ids(v, "option"))

    @model_validator(mode="after")
    def _check_references(self) -> Offer:
        known = {d.id for d in self.deliverables}
        for step in self.steps:
            for ref in step.deliverables:
                if ref not in known:
                    raise ValueError(
                        f"l’étape « {step.id} » produit un livrable inconnu « {ref} » "
                        f"(connus : {', '.join(sorted(known))})"
                    )
        planned = sum(step.workshops for step in self.steps)
        if planned != self.workshops:
            raise ValueError(
                f"les étapes prévoient {planned} atelier{'s' if planned > 1 else ''} mais l’offre en annonce {self.workshops}"
            )
        for decision in self.elected_decisions:
            if decision.step not in {s.id for s in self.steps}:
                raise ValueError(f"decisions_elus : étape inconnue « {decision.step} »")
        if self.stop_rule and self.stop_rule.before_step not in {s.id for s in self.steps}:
            raise ValueError(f"regle_arret.avant_etape : étape inconnue « {self.stop_rule.before_step} »")
        return self

    def step(self, step_id: str) -> Step:
        return next(s for s in self.steps if s.id == step_id)

    @property
    def components(self) -> set[str]:
        return {c for d in self.deliverables for c in d.components}

    def option(self, option_id: str) -> OptionSpec | None:
        return next((o for o in self.options if o.id == option_id), None)

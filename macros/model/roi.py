"""The R.O.I. citoyen workshop data of a client: the ``roi:`` section of ``client.yml``.

A consultant types it by hand during or after the half-day workshop::

    roi:
      capacite_jours_agent: 20
      seuil_citoyen: 40
      notes:
        aller-vers:
          acteur: {utilite-decision: 3, charge-services: 2}
          publics:
            seniors:
              temps: 1
              influence: {note: 2, raison: Avis pris en compte sur le mobilier}
              horaires: 3, le soir, après la fermeture des boutiques

The last form (the score, a comma, the reason) needs neither braces nor
quotes, so that a reason may hold commas; a reason holding « : » is quoted.

A cell that is absent is *not scored*: it is never read as 0. Ranges (0 to 4)
and ids (scenario, public, criterion) are checked in :mod:`macros.loading.references`
so that the message can name the exact cell.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import Field, StrictInt, field_validator, model_validator

from macros.model.base import KitModel, Percent, Slug, Text

__all__ = ["BREAK_EVEN", "Cell", "RoiData", "ScenarioScores", "Workshop"]

BREAK_EVEN = Decimal(50)
"""R.O.I. of a public for whom participating costs as much as it brings (see the method page)."""

_SCORE_AND_REASON = re.compile(r"\s*(?P<note>\d{1,2})\s*,\s*(?P<reason>\S.*)", re.DOTALL)

SignedWeight = Annotated[Decimal, Field(ge=-1000, le=1000, allow_inf_nan=False)]
"""Checked for sign in :mod:`macros.loading.references`, which names the cell."""


class Cell(KitModel):
    """One score of the workshop, with the room's short reason."""

    score: StrictInt = Field(alias="note")
    reason: Text | None = Field(None, alias="raison")

    @model_validator(mode="before")
    @classmethod
    def _bare_number(cls, data: Any) -> Any:
        # ``temps: 2`` is the short form of ``temps: {note: 2}``; ``temps: 2, une
        # raison, avec des virgules`` gives the reason too, without braces or quotes.
        if isinstance(data, dict):
            return data
        if isinstance(data, str) and (match := _SCORE_AND_REASON.fullmatch(data)):
            return {"note": int(match["note"]), "raison": match["reason"]}
        return {"note": data}


class ScenarioScores(KitModel):
    actor: dict[Slug, Cell] = Field(default_factory=dict, alias="acteur")
    """Public-actor criteria: one score per criterion for the whole scenario."""
    publics: dict[Slug, dict[Slug, Cell]] = Field(default_factory=dict, alias="publics")
    """Citizen criteria: public -> criterion -> score."""


class Workshop(KitModel):
    """The half-day workshop itself, used to personalise the usage kit."""

    day: date | None = Field(None, alias="date")
    start: Text = Field("14:00", alias="heure")
    """Start time, ``14:00`` or ``14h00``."""
    place: Text | None = Field(None, alias="lieu")
    participants: list[Text] = Field(default_factory=list, alias="participants")
    length: int = Field(210, ge=60, le=480, alias="duree_minutes")
    """Length of the half-day, pause included (3 h 30 by default)."""
    prefilled: bool = Field(False, alias="fiches_pre_remplies")
    """Print the scores already entered on the sheets (a review session); blank by default."""

    @field_validator("start", mode="before")
    @classmethod
    def _clock(cls, value: Any) -> Any:
        # YAML 1.1 reads an unquoted 14:00 as the base-60 number 840.
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
            value = f"{value // 60:02d}:{value % 60:02d}"
        if not isinstance(value, str) or not re.fullmatch(r"([01]?\d|2[0-3])[:h][0-5]\d", value.strip()):
            raise ValueError(f"heure attendue au format HH:MM (ex. 14:00), reçu « {value} »")
        hour, minute = re.split("[:h]", value.strip())
        return f"{int(hour):02d}:{minute}"


class RoiData(KitModel):
    capacity: Annotated[Decimal, Field(ge=0, le=1_000_000, allow_inf_nan=False)] | None = Field(
        None, alias="capacite_jours_agent"
    )
    """Agent-days the services declare they can give to the whole process."""
    citizen_threshold: Percent = Field(BREAK_EVEN, alias="seuil_citoyen")
    """Lowest acceptable ROI (0-100) of the worst-served priority public; 50 is the
    scale's break-even (it costs as much as it gives)."""
    threshold_reason: Text | None = Field(None, alias="raison_seuil")
    """Why the threshold differs from the break-even (printed on the method page)."""
    citizen_margin: Percent = Field(Decimal(10), alias="marge_citoyen")
    """Above the threshold by less than this: warn instead of pass."""
    load_warning: Percent = Field(Decimal(80), alias="alerte_charge")
    """Share of the capacity (in %) above which the services condition warns."""
    weights: dict[Slug, SignedWeight] = Field(default_factory=dict, alias="poids")
    """Client adjustments of criterion weights (library value otherwise)."""
    sensitivities: dict[Slug, dict[Slug, SignedWeight]] = Field(default_factory=dict, alias="sensibilites")
    """Client adjustments of a public's sensitivities: public -> criterion -> multiplier."""
    workshop: Workshop = Field(default_factory=Workshop, alias="atelier")
    scores: dict[Slug, ScenarioScores] = Field(default_factory=dict, alias="notes")
    """Scenario -> scores."""

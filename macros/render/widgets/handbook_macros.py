"""The macros of the handbook pages (élus brief, legal frame, agents' pack), by their French names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macros.loading.kit import Kit
from macros.render.widgets import brief, field_sheets, legal, letters, operations

__all__ = ["handbook_macros"]


def handbook_macros(kit: Kit) -> dict[str, Callable[..., Any]]:
    return {
        "essentiel": lambda part: brief.brief_part(kit, part),
        "cadre_legal": lambda: legal.legal_frame(kit),
        "cadre_legal_resume": lambda: legal.legal_summary(kit),
        "retroplanning": lambda: operations.reverse_planning_table(kit),
        "fiches_rendez_vous": lambda: field_sheets.appointment_sheets(kit),
        "modele": lambda which, falc=False: letters.letter(kit, which, falc),
        "fiche_recueil": lambda: operations.contribution_form(kit),
        "programme_participation": lambda: operations.participation_programme(kit),
    }

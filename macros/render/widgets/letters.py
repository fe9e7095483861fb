"""Templates of the invitation letter, the poster and the press release, each with
its easy-to-read version (FALC), filled from the model by Jinja partials."""

from __future__ import annotations

from typing import Any

from macros.compute import names
from macros.compute.choice import perimeter
from macros.compute.handbook import decider_and_date
from macros.compute.promises import promises
from macros.errors import KitError, Problem
from macros.loading.kit import Kit
from macros.render.html import Markup
from macros.render.partials import render_partial
from macros.render.widgets.commitments import access_items

__all__ = ["TEMPLATES", "letter"]

TEMPLATES = ("invitation", "affiche", "communique")


def _meetings(kit: Kit) -> list[dict[str, Any]]:
    params = kit.client.parameters
    if not params:
        return []
    venues = {v.id: v for v in params.venues}
    out = []
    for m in sorted(params.appointments, key=lambda m: m.day):
        venue = venues.get(m.venue) if m.venue else None
        where = (
            "en ligne"
            if m.online
            else (venue.name + (f", {venue.address}" if venue.address else "") if venue else None)
        )
        out.append({"meeting": m, "where": where})
    return out


def _values(kit: Kit) -> dict[str, Any]:
    client = kit.client
    open_, fixed = perimeter(kit)
    decider, when = decider_and_date(kit)
    meetings = _meetings(kit)
    contract = client.contract
    return {
        "collectivity": names.collectivity(
            client
        ),  # a Name: {{ collectivity }} alone, {{ collectivity.The() }} in a sentence
        "project": client.project.title,
        "summary": client.project.summary,
        "decision": client.project.decision,
        "decider": names.decider(decider),
        "when": when,
        "open_": list(open_),
        "fixed": list(fixed),
        "meetings": meetings,
        "count": len(meetings),
        "first": meetings[0]["meeting"].day if meetings else None,
        "accessibility": access_items(kit),
        "feedback": promises(kit).report,
        "contact": contract.contact if contract else None,
    }


def letter(kit: Kit, which: str, falc: bool = False) -> Markup:
    """``letter(kit, "invitation")`` or its easy-to-read version with ``falc=True``."""
    if which not in TEMPLATES:
        raise KitError([Problem("docs", f"modèle inconnu « {which} » (possibles : {', '.join(TEMPLATES)})")])
    return render_partial(f"{which}{'-falc' if falc else ''}.html", **_values(kit))

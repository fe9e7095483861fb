"""One sheet per public rendez-vous, for the agents who hold it (a Jinja partial filled from the model)."""

from __future__ import annotations

import re

from macros.compute import names
from macros.compute.choice import perimeter
from macros.compute.handbook import decider_and_date, owner
from macros.compute.promises import promises
from macros.loading.kit import Kit
from macros.model.deliverables import Appointment
from macros.render.html import Markup, join, tag
from macros.render.partials import render_partial

__all__ = ["appointment_sheets"]


def _slug(index: int, title: str) -> str:
    return f"{index}-" + (re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "rdv")


def _relays(kit: Kit) -> list[str]:
    chosen = {p.id for p in kit.client.publics}
    return [s.name for s in kit.client.stakeholders if chosen.intersection(s.relays)]


def _material(needs: list[str]) -> list[str]:
    """A technique's needs and material, once each (case aside), in its words."""
    seen: dict[str, str] = {}
    for item in needs:
        seen.setdefault(item.casefold(), item[:1].lower() + item[1:])
    return list(seen.values())


def _sheet(kit: Kit, index: int, meeting: Appointment) -> Markup:
    params = kit.client.parameters
    venues = {v.id: v for v in params.venues} if params else {}
    techniques = {t.id: t for t in kit.library.techniques}
    open_, fixed = perimeter(kit)
    technique = techniques.get(meeting.technique) if meeting.technique else None
    decider, when = decider_and_date(kit)
    facilitators = params.facilitation.facilitators if params and params.facilitation else None
    return render_partial(
        "fiche-rendez-vous.html",
        slug=_slug(index, meeting.title),
        meeting=meeting,
        venue=venues.get(meeting.venue) if meeting.venue else None,
        technique=technique,
        material=_material([*technique.needs, *technique.materials]) if technique else [],
        holder=meeting.holder or facilitators or owner(kit, "pilote"),
        accessibility=[
            o.measure
            for o in (params.accessibility if params else [])
            if not o.appointments or meeting.id in o.appointments
        ],
        collectivity=names.collectivity(kit.client),
        decision=kit.client.project.decision,
        decider=names.decider(decider),
        when=when,
        open_=list(open_),
        fixed=list(fixed),
        feedback=promises(kit).report,
        pilot=owner(kit, "pilote"),
        relays=_relays(kit),
    )


def appointment_sheets(kit: Kit) -> Markup:
    params = kit.client.parameters
    if not params or not params.appointments:
        return tag(
            "p",
            "Aucun rendez-vous public n’est encore prévu : les fiches viendront avec le programme.",
            class_="kit-empty",
        )
    meetings = sorted(params.appointments, key=lambda m: m.day)
    return join(_sheet(kit, i, m) for i, m in enumerate(meetings, start=1))

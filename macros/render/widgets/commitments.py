"""The shared promises, written once: decision, perimeter, feedback, accessibility.

Every page that prints one of these facts (public site, contract, cahier des
charges, slides, booklets) calls these functions on :func:`macros.compute.promises.promises`,
so that a date or a list reads the same everywhere. Each block carries a
``kit-promise--*`` class: the tests compare them page by page.
"""

from __future__ import annotations

from macros.compute.fmt import day
from macros.compute.names import decider as decider_name
from macros.compute.promises import Decision, Event, Feedback, promises
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag

__all__ = [
    "access_items",
    "decision_paragraph",
    "decision_sentence",
    "event_place",
    "feedback_items",
    "feedback_list",
    "feedback_sentence",
    "perimeter_list",
    "proposal_notice",
    "step_free_sentence",
]


def decision_sentence(decision: Decision) -> str:
    text = f"La décision revient {decider_name(decision.decider).to()}."
    if decision.day:
        text += f" Elle sera prise le {day(decision.day)}."
    return text


def decision_paragraph(kit: Kit) -> Markup:
    return tag("p", decision_sentence(promises(kit).decision), class_="kit-promise--decision")


def event_place(event: Event) -> str | None:
    if event.online:
        return "En ligne"
    venue = event.venue
    if venue is None:
        return None
    return venue.name + (f", {venue.address}" if venue.address else "")


def step_free_sentence(event: Event) -> str | None:
    """Said plainly, with the fallback when the place is not accessible."""
    venue = event.venue
    if event.step_free is None or venue is None:
        return None
    if event.step_free:
        return "Lieu accessible en fauteuil roulant."
    if venue.fallback:
        return (
            f"Ce lieu n’est pas accessible en fauteuil roulant. À la place, nous proposons : {venue.fallback}"
        )
    return "Ce lieu n’est pas accessible en fauteuil roulant. Dites-nous si vous en avez besoin : nous chercherons une solution avec vous."


def feedback_sentence(item: Feedback) -> str:
    """``Synthèse affichée… : au plus tard le 15 mai 2027 (affichage)``; a meeting gives its day and place."""
    if item.event is not None:
        where = event_place(item.event)
        when = day(item.event.day, "EEEE d MMMM y") + (f", {item.event.hours}" if item.event.hours else "")
        return f"{item.form} : {when}" + (f", {where}" if where else "") + "."
    when = f"au plus tard le {day(item.day)}" if item.day else "date à fixer"
    return f"{item.form} : {when}" + (f" ({item.channel})" if item.channel else "") + "."


def feedback_items(kit: Kit) -> list[str]:
    return [feedback_sentence(f) for f in promises(kit).feedback]


def feedback_list(kit: Kit, css: str = "") -> Markup:
    items = feedback_items(kit)
    if not items:
        return tag(
            "p", "La date du retour aux participants : à préciser par la collectivité.", class_="kit-empty"
        )
    return tag("ul", join(tag("li", i) for i in items), class_=f"kit-promise--retours {css}".strip())


def perimeter_list(kit: Kit, which: str, css: str = "") -> Markup:
    """``which`` is ``open`` or ``fixed``."""
    found = promises(kit)
    items = found.open if which == "open" else found.fixed
    key = "ouvert" if which == "open" else "decide"
    if not items:
        return tag("p", "À préciser par la collectivité.", class_="kit-empty")
    return tag("ul", join(tag("li", i) for i in items), class_=f"kit-promise--{key} {css}".strip())


def access_items(kit: Kit) -> list[str]:
    """Offers for every event, then those made for some events, with their dates."""
    found = promises(kit)
    items = list(found.access)
    for measure, events in found.access_by_event:
        named = ", ".join(f"{e.title} ({day(e.day, 'EEEE d MMMM')})" for e in events)
        items.append(f"{measure.rstrip('.')} : {named}." if named else measure)
    return items


def proposal_notice(kit: Kit) -> Markup:
    """In the review kit, before the choice: say that this is a proposal, not a commitment."""
    found = promises(kit)
    if found.chosen or found.scenario is None:
        return Markup("")
    return tag(
        "p",
        f"{found.how_chosen} Les engagements de cette page suivent le scénario « {found.scenario.title} ».",
        class_="kit-warning kit-promise__proposal",
    )

"""Participation parameters: places, communication, facilitation, accessibility, dates;
and the scenarios, each with the techniques it activates."""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from macros.compute.choice import (
    LEVEL_LABELS,
    choice_badge,
    followed_scenario,
    scenario_agent_days,
    scenario_level,
    scenario_techniques,
)
from macros.compute.fmt import agent_days, day, number
from macros.compute.french import after_colon
from macros.compute.promises import Event, promises
from macros.loading.kit import Kit
from macros.model.client import Scenario
from macros.render.calendar import MISSION_FILE, PROGRAMME_FILE, event_path
from macros.render.html import Markup, join, tag
from macros.render.widgets.commitments import access_items, event_place, step_free_sentence

__all__ = [
    "FORMAT_LABELS",
    "accessibility_list",
    "appointments_list",
    "mission_agenda_link",
    "communication_table",
    "facilitation",
    "publics_list",
    "scenario_cards",
    "venues_table",
]

FORMAT_LABELS = {"presentiel": "En présentiel", "en-ligne": "En ligne", "hybride": "Hybride"}


def empty(what: str) -> Markup:
    return tag("p", f"{what} : information pas encore renseignée.", class_="kit-empty")


def table(caption: str, heads: Sequence[str], rows: list[Markup], css: str) -> Markup:
    """A data table whose first cell of each row is its header."""
    head = tag("tr", join([tag("th", h, scope="col") for h in heads], ""))
    body = tag(
        "table",
        join([tag("caption", caption), tag("thead", head), tag("tbody", join(rows))]),
        class_=f"kit-table {css}",
    )
    return tag("div", body, class_="kit-table-scroll")


def row(first: object, *cells: object) -> Markup:
    return tag("tr", join([tag("th", first, scope="row"), *(tag("td", c) for c in cells)], ""))


def bullet_list(items: Sequence[object], css: str | None = None) -> Markup:
    return tag("ul", join(tag("li", i) for i in items), class_=css)


def _public_names(kit: Kit, ids: Sequence[str]) -> str:
    names = {p.id: p.name for p in kit.library.publics}
    return ", ".join(names.get(i, i) for i in ids) or "Tous les publics"


def publics_list(kit: Kit) -> Markup:
    """The publics the collectivity most wants to hear (its priority ones, else all), by their plain names."""
    names = {p.id: p.name for p in kit.library.publics}
    ordered = [p for p in kit.client.publics if p.priority] or kit.client.publics
    if not ordered:
        return tag("p", "Tous les habitants sont invités.", class_="kit-empty")
    return bullet_list([names.get(p.id, p.id) for p in ordered], "kit-publics")


def venues_table(kit: Kit) -> Markup:
    params = kit.client.parameters
    if not params or not params.venues:
        return empty("Lieux")
    rows = [
        row(
            v.name,
            v.address or "—",
            v.use or "—",
            "Oui"
            if v.accessible
            else ("Non ; repli : " + v.fallback if v.fallback else "Non, ou à vérifier"),
            v.note or "—",
        )
        for v in params.venues
    ]
    return table("Lieux", ("Lieu", "Adresse", "Usage", "Accessible (PMR)", "Remarque"), rows, "kit-venues")


def communication_table(kit: Kit) -> Markup:
    params = kit.client.parameters
    if not params or not params.communication:
        return empty("Moyens de communication")
    rows = [row(m.means, _public_names(kit, m.publics), m.when or "—") for m in params.communication]
    return table("Moyens de communication", ("Moyen", "Publics visés", "Quand"), rows, "kit-communication")


def facilitation(kit: Kit) -> Markup:
    params = kit.client.parameters
    if not params or not params.facilitation:
        return empty("Méthode d’animation")
    f = params.facilitation
    parts = [tag("p", f.method)]
    if f.facilitators:
        parts.append(
            tag("p", join([tag("strong", "Animation : "), tag("span", after_colon(f.facilitators))], ""))
        )
    if f.principles:
        parts.append(bullet_list(f.principles, "kit-facilitation__principles"))
    return tag("div", join(parts), class_="kit-facilitation")


def accessibility_list(kit: Kit) -> Markup:
    """Whether the places are accessible (from the venues, never a sentence to keep true by hand), then the offers."""
    found = promises(kit)
    places = [e for e in found.programme if e.step_free is not None]
    items = []
    if places and all(e.step_free for e in places):
        items.append("Tous les lieux des rendez-vous sont accessibles en fauteuil roulant.")
    for event in (e for e in places if not e.step_free):
        items.append(f"{event.title} ({day(event.day, 'EEEE d MMMM')}) : {step_free_sentence(event)}")
    items += access_items(kit)
    if not items:
        return empty("Mesures d’accessibilité")
    return bullet_list(items, "kit-accessibility kit-promise--accessibilite")


def _appointment(event: Event, agenda: Markup | None = None) -> Markup:
    when = day(event.day, "EEEE d MMMM y").capitalize()
    if event.last_day is not None:
        when = f"Du {day(event.day, 'EEEE d MMMM y')} au {day(event.last_day, 'EEEE d MMMM y')}"
    when += f", {event.hours}" if event.hours else ""
    lines = [
        tag("strong", event.title, class_="kit-appointment__title"),
        tag("span", when, class_="kit-appointment__when"),
    ]
    where = event_place(event)
    if where:
        lines.append(tag("span", where, class_="kit-appointment__where"))
    access = step_free_sentence(event)
    if access:
        css = "kit-appointment__access" + ("" if event.step_free else " kit-appointment__access--non")
        lines.append(tag("span", access, class_=css))
    for measure in event.access:
        lines.append(tag("span", measure, class_="kit-appointment__offer"))
    if event.description:
        lines.append(tag("span", event.description, class_="kit-appointment__desc"))
    if event.link:
        lines.append(
            tag(
                "span",
                join([Markup("Participer en ligne\u00a0: "), tag("a", event.link, href=event.link)], ""),
                class_="kit-appointment__link",
            )
        )
    if agenda is not None:
        lines.append(agenda)
    return tag(
        "li",
        join(lines),
        class_="kit-appointment" + (" kit-appointment--restitution" if event.restitution else ""),
    )


def _agenda_link(href: str, text: str) -> Markup:
    return tag("a", text, href=href, type="text/calendar", download=True, class_="kit-appointment__ics")


def appointments_list(kit: Kit, page_url: str | None = None) -> Markup:
    """The public dates, in order: what, when, where, and whether one can get in; with
    ``page_url`` (the site-relative URL of the page), a link to each one's agenda file
    and to the whole programme's (screen only: the PDFs do not print them)."""
    events = promises(kit).programme
    if not events:
        return tag("p", "Les dates des rendez-vous seront annoncées ici prochainement.", class_="kit-empty")
    appointments = kit.client.parameters.appointments if kit.client.parameters else []
    items = []
    for event in events:
        agenda = None
        if page_url is not None:
            href = _relative(event_path(appointments, event.source), page_url)
            agenda = tag(
                "span",
                _agenda_link(href, f"Ajouter « {event.title} » à mon agenda"),
                class_="kit-appointment__agenda kit-ecran-seul",
            )
        items.append(_appointment(event, agenda))
    out = [tag("ul", join(items), class_="kit-appointments kit-promise--programme")]
    if page_url is not None:
        whole = _agenda_link(
            _relative(PROGRAMME_FILE, page_url), "Ajouter tout le programme à mon agenda (fichier .ics)"
        )
        out.append(tag("p", whole, class_="kit-agenda kit-ecran-seul"))
    return join(out)


def mission_agenda_link(page_url: str | None) -> Markup:
    """The mission's calendar as an agenda file, for the review kit (screen only)."""
    if page_url is None:  # not printed by a page of the site: say where the file is
        return tag(
            "p",
            f"Le calendrier de la mission existe aussi en fichier d’agenda : {MISSION_FILE}.",
            class_="kit-agenda kit-ecran-seul",
        )
    link = _agenda_link(
        _relative(MISSION_FILE, page_url), "Ajouter le calendrier de la mission à mon agenda (fichier .ics)"
    )
    return tag("p", link, class_="kit-agenda kit-ecran-seul")


def _relative(target: str, page_url: str) -> str:
    """``agenda/x.ics`` seen from the page at ``public/participer/``: ``../../agenda/x.ics``."""
    base = page_url if page_url.endswith("/") or not page_url else posixpath.dirname(page_url) + "/"
    return posixpath.relpath(target, base.rstrip("/") or ".")


def techniques_table(kit: Kit, scenario: Scenario) -> Markup:
    rows = [
        row(
            t.name,
            LEVEL_LABELS[t.level],
            FORMAT_LABELS[t.format],
            t.duration,
            t.group_size,
            number(t.agent_days),
        )
        for t in scenario_techniques(kit, scenario)
    ]
    heads = (
        "Technique",
        "Niveau de participation",
        "Format",
        "Durée",
        "Taille du groupe",
        "Jours-agent par occurrence",
    )
    return table(f"Techniques activées par le scénario « {scenario.title} »", heads, rows, "kit-techniques")


def _scenario_card(kit: Kit, scenario: Scenario, badge: str | None) -> Markup:
    chosen = badge is not None
    title = join(
        [
            tag("span", scenario.title),
            tag("span", badge, class_="kit-badge kit-badge--retenu") if chosen else Markup(""),
        ],
        " ",
    )
    parts = [
        tag("h2", title, id=f"scenario-{scenario.id}", class_="kit-scenario__title"),
        tag("p", scenario.summary),
        tag(
            "p",
            f"Niveau de participation le plus élevé : {LEVEL_LABELS[scenario_level(kit, scenario)].lower()} ; "
            f"charge estimée pour les services : {agent_days(scenario_agent_days(kit, scenario))}.",
        ),
        techniques_table(kit, scenario),
    ]
    mitigations = getattr(scenario, "mitigations", [])
    if mitigations:
        parts.append(tag("p", "Mesures pour lever les freins :", class_="kit-label"))
        parts.append(bullet_list([m.title for m in mitigations]))
    return tag("section", join(parts), class_="kit-scenario" + (" kit-scenario--retenu" if chosen else ""))


def scenario_cards(kit: Kit) -> Markup:
    if not kit.client.scenarios:
        return empty("Scénarios")
    chosen, badge = followed_scenario(kit), choice_badge(kit)
    return join(
        _scenario_card(kit, s, badge if chosen and s.id == chosen.id else None) for s in kit.client.scenarios
    )

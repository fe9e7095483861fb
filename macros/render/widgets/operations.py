"""The agents' operational pack: the reverse planning and the contribution recording form."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from macros.compute.fmt import day, number
from macros.compute.handbook import decider_and_date, reverse_planning
from macros.loading.kit import Kit
from macros.model.deliverables import Appointment
from macros.render.html import Markup, join, tag
from macros.render.widgets.parameters import appointments_list, bullet_list, row, table

__all__ = ["CONTRIBUTION_COLUMNS", "contribution_form", "participation_programme", "reverse_planning_table"]

CONTRIBUTION_COLUMNS = ("date", "canal", "theme", "public", "texte")
"""The columns that ``kit contributions`` imports, in this order."""
_BLANK_ROWS = 14


def _before(kit: Kit, when: date | None) -> str:
    _, decision = decider_and_date(kit)
    if when is None or decision is None:
        return "—"
    gap = (decision - when).days
    return "J" if gap == 0 else (f"J−{gap}" if gap > 0 else f"J+{-gap}")


def reverse_planning_table(kit: Kit) -> Markup:
    """Every task from the decision back to the cadrage, then the agent-days per owner."""
    tasks = reverse_planning(kit)
    rows = [
        tag(
            "tr",
            join(
                [
                    tag("td", day(t.day) if t.day else "À fixer"),
                    tag("td", _before(kit, t.day)),
                    tag("th", t.title, scope="row"),
                    tag("td", t.owner),
                    tag("td", number(t.agent_days) if t.agent_days else "—"),
                ],
                "",
            ),
        )
        for t in tasks
    ]
    total = sum((t.agent_days for t in tasks), Decimal(0))
    head = tag(
        "tr",
        join(
            [
                tag("th", h, scope="col")
                for h in ("Échéance", "Avant la décision", "Tâche", "Qui", "Jours-agent")
            ],
            "",
        ),
    )
    main = tag(
        "div",
        tag(
            "table",
            join(
                [
                    tag("caption", "Rétroplanning, de la décision au cadrage"),
                    tag("thead", head),
                    tag("tbody", join(rows)),
                ]
            ),
            class_="kit-table kit-retro",
        ),
        class_="kit-table-scroll",
    )
    per_owner: dict[str, Decimal] = {}
    for t in tasks:
        if t.agent_days:
            per_owner[t.owner] = per_owner.get(t.owner, Decimal(0)) + t.agent_days
    summary = [row(who, number(days)) for who, days in per_owner.items()]
    summary.append(
        tag("tr", join([tag("th", "Total", scope="row"), tag("td", number(total))], ""), class_="kit-total")
    )
    return join(
        [
            main,
            table(
                "Jours-agent du rétroplanning, par responsable",
                ("Qui", "Jours-agent"),
                summary,
                "kit-retro__owners",
            ),
        ]
    )


def _channels(kit: Kit) -> list[str]:
    params = kit.client.parameters
    return [m.title for m in sorted(params.appointments, key=lambda m: m.day)] if params else []


def contribution_form(kit: Kit) -> Markup:
    """The printable recording form: one row per opinion heard, the columns of the import."""
    names = {p.id: p.name for p in kit.library.publics}
    publics = [f"{p.id} ({names.get(p.id, p.id)})" for p in kit.client.publics]
    legend = tag(
        "dl",
        join(
            [
                tag(
                    "div",
                    join([tag("dt", "date"), tag("dd", "le jour de l’avis, AAAA-MM-JJ ou JJ/MM/AAAA")], ""),
                    class_="kit-form__row",
                ),
                tag(
                    "div",
                    join(
                        [
                            tag("dt", "canal"),
                            tag(
                                "dd",
                                "le rendez-vous, écrit comme au programme : "
                                + (" ; ".join(_channels(kit)) or "à préciser"),
                            ),
                        ],
                        "",
                    ),
                    class_="kit-form__row",
                ),
                tag(
                    "div",
                    join(
                        [tag("dt", "theme"), tag("dd", "un thème de la liste du projet, un seul par ligne")],
                        "",
                    ),
                    class_="kit-form__row",
                ),
                tag(
                    "div",
                    join(
                        [
                            tag("dt", "public"),
                            tag(
                                "dd",
                                "seulement si la personne le dit : " + (" ; ".join(publics) or "à préciser"),
                            ),
                        ],
                        "",
                    ),
                    class_="kit-form__row",
                ),
                tag(
                    "div",
                    join(
                        [
                            tag("dt", "texte"),
                            tag("dd", "l’avis avec les mots de la personne, sans le reformuler"),
                        ],
                        "",
                    ),
                    class_="kit-form__row",
                ),
            ]
        ),
        class_="kit-form__legend",
    )
    head = tag("tr", join([tag("th", c, scope="col") for c in CONTRIBUTION_COLUMNS], ""))
    blank = tag("tr", join([tag("td", "") for _ in CONTRIBUTION_COLUMNS], ""))
    grid = tag(
        "table",
        join(
            [
                tag("caption", "Fiche de recueil des avis"),
                tag("thead", head),
                tag("tbody", join([blank] * _BLANK_ROWS)),
            ]
        ),
        class_="kit-form__grid",
    )
    return tag("div", join([legend, grid]), class_="kit-form")


def _when(m: Appointment) -> str:
    first = day(m.day, "EEEE d MMMM y")
    when = f"du {first} au {day(m.last_day, 'EEEE d MMMM y')}" if m.last_day else first
    return when + (f", {m.hours}" if m.hours else "")


def _programme_table(kit: Kit) -> Markup:
    params = kit.client.parameters
    if not params or not params.appointments:
        return appointments_list(kit)  # says plainly that the dates are to come
    venues = {v.id: v for v in params.venues}
    rows = []
    for m in sorted(params.appointments, key=lambda m: m.day):
        venue = venues.get(m.venue) if m.venue else None
        where = "En ligne" if m.online else (venue.name if venue else "à préciser")
        access = "—" if m.online or venue is None else ("Oui" if venue.accessible else "Non, ou à vérifier")
        rows.append(row(m.title, _when(m), where, access))
    return table(
        "Les rendez-vous publics",
        ("Rendez-vous", "Quand", "Où", "Accessible en fauteuil"),
        rows,
        "kit-programme",
    )


def participation_programme(kit: Kit) -> Markup:
    """The public rendez-vous when the offer runs a participation; otherwise what the citizens take part in."""
    if kit.has("parametres"):
        return _programme_table(kit)
    discovery = kit.client.discovery
    scenarios = [s.title for s in discovery.fictional_scenarios] if discovery else []
    intro = tag(
        "p",
        "Cette mission ne comprend pas de rendez-vous publics : des habitants, des élus et des agents "
        "réagissent, chacun dans son atelier, à des scénarios fictifs.",
    )
    return join([intro, bullet_list(scenarios)]) if scenarios else intro

"""The client kit's home: who, what project, which offer, when."""

from __future__ import annotations

from macros.compute.fmt import day, days_span, number
from macros.compute.french import capitalize
from macros.compute.names import decider
from macros.compute.promises import promises
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag

__all__ = ["STATUS_LABELS", "calendar_table", "client_summary"]

STATUS_LABELS = {"fait": "Fait", "en-cours": "En cours", "prevu": "Prévu"}


def client_summary(kit: Kit) -> Markup:
    client, offer = kit.client, kit.offer
    rows = [("Collectivité", client.collectivity.name)]
    if client.collectivity.population:
        rows.append(("Population", f"{number(client.collectivity.population)} habitants"))
    decision = promises(kit).decision
    rows += [
        ("Projet", client.project.title),
        ("Décision attendue", decision.what),
        ("Qui décide", capitalize(decider(decision.decider).text)),
    ]
    if decision.day:
        rows.append(("Date de la décision", day(decision.day)))
    rows += [("Offre retenue", offer.title), ("Version du kit", client.mission.version)]
    items = [tag("div", join([tag("dt", k), tag("dd", v)], ""), class_="kit-summary__row") for k, v in rows]
    return tag("dl", join(items), class_="kit-summary")


def calendar_table(kit: Kit) -> Markup:
    """Every step of the offer, with the client's dates where known."""
    by_step = {entry.step: entry for entry in kit.client.calendar}
    rows = []
    for index, step in enumerate(kit.offer.steps, start=1):
        entry = by_step.get(step.id)
        when = days_span(entry.start, entry.end) if entry else "à programmer"
        status = STATUS_LABELS[entry.status] if entry else "Non daté"
        css = f"kit-status kit-status--{entry.status if entry else 'non-date'}"
        note = tag("span", entry.note, class_="kit-calendar__note") if entry and entry.note else Markup("")
        rows.append(
            tag(
                "tr",
                join(
                    [
                        tag("td", str(index)),
                        tag("th", join([tag("span", step.title), note], " "), scope="row"),
                        tag("td", when),
                        tag("td", tag("span", status, class_=css)),
                    ],
                    "",
                ),
            )
        )
    head = tag("tr", join([tag("th", h, scope="col") for h in ("N°", "Étape", "Dates", "Statut")], ""))
    caption = tag("caption", f"Calendrier de la mission « {kit.offer.title} »")
    return tag(
        "table",
        join([caption, tag("thead", head), tag("tbody", join(rows))]),
        class_="kit-table kit-calendar",
    )

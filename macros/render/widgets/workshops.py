"""Strategy offer: the three workshops élus / citoyens / services, their reading
against the analysis grid, and the creativity session."""

from __future__ import annotations

from macros.compute.fmt import count, day
from macros.loading.kit import Kit
from macros.model.deliverables import GROUP_LABELS, GridReading
from macros.render.html import Markup, join, tag
from macros.render.widgets.parameters import bullet_list, empty, row, table

__all__ = ["APPRECIATION_LABELS", "creativity", "grid_analysis", "state_of_the_art", "strategy_workshops"]

APPRECIATION_LABELS = {"favorable": "Favorable", "partage": "Partagé", "defavorable": "Défavorable"}
# A sign as well as a word: the cell never relies on colour.
_SIGNS = {"favorable": "+", "partage": "±", "defavorable": "−"}


def state_of_the_art(kit: Kit) -> Markup:
    strategy = kit.client.strategy
    if not strategy or not strategy.state_of_the_art:
        return empty("État de l’art")
    return bullet_list(strategy.state_of_the_art, "kit-state-of-art")


def _workshop(w) -> Markup:
    meta = []
    if w.day:
        meta.append(day(w.day))
    if w.participants is not None:
        meta.append(count(w.participants, "participant"))
    parts = [
        tag("h3", f"Atelier {GROUP_LABELS[w.group].lower()}", class_="kit-workshop__title"),
        tag("p", " · ".join(meta) or "Date non renseignée", class_="kit-workshop__meta"),
    ]
    if w.usage_scenarios:
        parts += [
            tag("p", "Scénarios d’usage présentés :", class_="kit-label"),
            bullet_list(w.usage_scenarios),
        ]
    columns = [
        tag(
            "div",
            join(
                [
                    tag("p", "Ce qui a plu", class_="kit-label"),
                    bullet_list(w.liked) if w.liked else tag("p", "—"),
                ]
            ),
            class_="kit-workshop__col kit-workshop__col--plus",
        ),
        tag(
            "div",
            join(
                [
                    tag("p", "Ce qui a gêné", class_="kit-label"),
                    bullet_list(w.disliked) if w.disliked else tag("p", "—"),
                ]
            ),
            class_="kit-workshop__col kit-workshop__col--minus",
        ),
    ]
    parts.append(tag("div", join(columns), class_="kit-workshop__cols"))
    return tag("section", join(parts), class_="kit-workshop")


def strategy_workshops(kit: Kit) -> Markup:
    strategy = kit.client.strategy
    if not strategy or not strategy.workshops:
        return empty("Ateliers élus, citoyens et services")
    order = list(GROUP_LABELS)
    workshops = sorted(strategy.workshops, key=lambda w: order.index(w.group))
    return join(_workshop(w) for w in workshops)


def grid_analysis(kit: Kit) -> Markup:
    """Criterion x group, each cell a sign, a word and the finding."""
    strategy = kit.client.strategy
    if not strategy or not strategy.grid or not strategy.workshops:
        return empty("Analyse au regard de la grille")
    groups = [g for g in GROUP_LABELS if any(w.group == g for w in strategy.workshops)]
    readings: dict[tuple[str, str], GridReading] = {
        (w.group, r.criterion): r for w in strategy.workshops for r in w.analysis
    }
    rows = []
    for criterion in strategy.grid:
        cells = [
            tag(
                "th",
                join(
                    [
                        tag("span", criterion.label),
                        tag("span", criterion.question, class_="kit-analysis__question")
                        if criterion.question
                        else Markup(""),
                    ],
                    " ",
                ),
                scope="row",
            )
        ]
        for group in groups:
            reading = readings.get((group, criterion.id))
            if reading is None:
                cells.append(tag("td", "non abordé", class_="kit-analysis__cell kit-analysis__cell--vide"))
                continue
            head = tag(
                "strong", f"{_SIGNS[reading.appreciation]} {APPRECIATION_LABELS[reading.appreciation]}"
            )
            cells.append(
                tag(
                    "td",
                    join([head, tag("span", reading.finding)], " "),
                    class_=f"kit-analysis__cell kit-analysis__cell--{reading.appreciation}",
                )
            )
        rows.append(tag("tr", join(cells, "")))
    heads = ["Critère de la grille", *(GROUP_LABELS[g] for g in groups)]
    parts = [table("Souhaits de chaque groupe au regard de la grille d’analyse", heads, rows, "kit-analysis")]
    if strategy.options:
        parts += [
            tag("p", "Options ouvertes à la collectivité :", class_="kit-label"),
            bullet_list(strategy.options),
        ]
    return join(parts)


def creativity(kit: Kit) -> Markup:
    strategy = kit.client.strategy
    session = strategy.creativity if strategy else None
    if not session or not session.solutions:
        return empty("Séance de créativité")
    meta = []
    if session.day:
        meta.append(f"Séance du {day(session.day)}")
    if session.participants:
        meta.append(session.participants)
    rows = [
        row(
            s.title,
            s.description,
            s.elected_feedback or "—",
            s.citizen_feedback or "—",
            "Oui" if s.kept else "Non",
        )
        for s in session.solutions
    ]
    heads = ("Solution", "Description", "Test auprès des élus", "Test auprès des citoyens", "Retenue")
    parts = [tag("p", " · ".join(meta), class_="kit-workshop__meta")] if meta else []
    parts.append(table("Solutions de la séance de créativité et leur test", heads, rows, "kit-creativity"))
    return join(parts)

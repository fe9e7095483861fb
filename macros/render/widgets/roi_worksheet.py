"""The printable A3 workshop worksheet: one sheet per public, pre-filled, and a blank one.

Plain HTML tables (not SVG) so that the sheet prints sharp and stays readable
with a screen reader; the print rules (A3 landscape) live in ``roi.css``.
"""

from __future__ import annotations

from macros.compute.roi import analyse
from macros.loading.kit import Kit
from macros.model.client import Scenario
from macros.model.library import Criterion
from macros.render.html import Markup, join, tag
from macros.render.widgets.roi_common import nothing_yet
from macros.render.widgets.roi_kit import workshop_date

__all__ = ["blank_worksheet", "worksheets"]

SECTIONS = (("cout", "Ce que ça me coûte"), ("benefice", "Ce que j’y gagne"))


def _strip(score: int | None) -> Markup:
    """The scoring strip 0-4; the room's score, if any, is marked."""
    boxes = [
        tag(
            "span",
            str(n),
            class_="kit-strip__box" + (" kit-strip__box--on" if n == score else ""),
            aria_hidden="true",
        )
        for n in range(5)
    ]
    said = "non noté" if score is None else f"note {score} sur 4"
    return tag("span", join([*boxes, tag("span", said, class_="kit-roi-sr")], ""), class_="kit-strip")


def _cell(kit: Kit, scenario: Scenario | None, pid: str | None, criterion: Criterion) -> Markup:
    if scenario is None or pid is None or not kit.client.roi.workshop.prefilled:
        return tag("td", join([_strip(None), tag("span", "", class_="kit-worksheet__line")]))
    # Pre-filled only from the mission's own workshop: a usage kit starts blank.
    scores = kit.client.roi.scores.get(scenario.id) if kit.roi_workshop else None
    cell = scores.publics.get(pid, {}).get(criterion.id) if scores else None
    reason = (
        tag("span", cell.reason, class_="kit-worksheet__reason")
        if cell and cell.reason
        else tag("span", "", class_="kit-worksheet__line")
    )
    return tag("td", join([_strip(cell.score if cell else None), reason]))


def _ideas(scenario: Scenario | None, pid: str | None) -> Markup:
    if scenario is None or pid is None:
        return tag("td", tag("span", "", class_="kit-worksheet__lines"))
    items = [tag("li", m.title) for m in scenario.mitigations if pid in m.improves]
    listed = tag("ul", join(items), class_="kit-worksheet__ideas") if items else Markup("")
    return tag("td", join([listed, tag("span", "", class_="kit-worksheet__lines")]))


def _grid(kit: Kit, scenarios: list[Scenario | None], pid: str | None, caption: str) -> Markup:
    heads = [tag("th", "Critère (de 0 à 4)", scope="col")]
    for k, s in enumerate(scenarios, start=1):
        heads.append(tag("th", s.title if s else f"Scénario {k} : ", scope="col"))
    rows = []
    span = str(len(scenarios) + 1)
    for direction, title in SECTIONS:
        rows.append(
            tag("tr", tag("th", title, scope="colgroup", colspan=span), class_="kit-worksheet__section")
        )
        for criterion in (
            c for c in kit.library.criteria if c.side == "citoyen" and c.direction == direction
        ):
            label = join(
                [
                    tag("span", criterion.label, class_="kit-worksheet__criterion"),
                    tag("span", criterion.question, class_="kit-worksheet__question"),
                ]
            )
            rows.append(
                tag(
                    "tr",
                    join(
                        [tag("th", label, scope="row"), *[_cell(kit, s, pid, criterion) for s in scenarios]],
                        "",
                    ),
                )
            )
    rows.append(
        tag(
            "tr",
            tag("th", "Ce qui me ferait venir", scope="colgroup", colspan=span),
            class_="kit-worksheet__section",
        )
    )
    rows.append(
        tag(
            "tr",
            join(
                [
                    tag("th", "Atténuations, idées, conditions", scope="row"),
                    *[_ideas(s, pid) for s in scenarios],
                ],
                "",
            ),
        )
    )
    return tag(
        "table",
        join([tag("caption", caption), tag("thead", tag("tr", join(heads, ""))), tag("tbody", join(rows))]),
        class_="kit-worksheet__grid",
    )


def _header(kit: Kit, public_title: Markup, about: Markup) -> Markup:
    when = workshop_date(kit)
    project = f"{kit.client.collectivity.name} — {kit.client.project.title}"
    line = project + (
        f" — atelier R.O.I. citoyen du {when.day}/{when.month:02d}/{when.year}"
        if when
        else " — atelier R.O.I. citoyen"
    )
    return tag(
        "header",
        join([tag("p", line, class_="kit-worksheet__project"), public_title, about]),
        class_="kit-worksheet__head",
    )


def _legend() -> Markup:
    return tag(
        "p",
        "Cochez une case par critère et par scénario : 0 = rien, 4 = beaucoup. Pour un coût, "
        "4 est lourd ; pour un gain, 4 est fort. Laissez vide ce que la salle ne sait pas noter : "
        "une case vide n’est jamais comptée comme 0.",
        class_="kit-worksheet__legend",
    )


def worksheets(kit: Kit) -> Markup:
    """One A3 sheet per public of the client: blank by default, so that nothing
    anchors the room's scores; with ``roi.atelier.fiches_pre_remplies`` the
    scores already entered are marked (a review session)."""
    if not kit.client.publics or not kit.client.scenarios:
        return nothing_yet("La fiche de l’atelier demande au moins un public et un scénario.")
    # Blank sheets keep the client's order: the ranking would anchor the room as much as the scores.
    if kit.client.roi.workshop.prefilled:
        analysis = analyse(kit)
        order: list[Scenario | None] = [analysis.scenarios[r.scenario] for r in analysis.results]
    else:
        order = list[Scenario | None](kit.client.scenarios)
    sheets = []
    for chosen in kit.client.publics:
        profile = kit.library.public(chosen.id)
        badge = tag("span", "public prioritaire", class_="kit-roi-badge") if chosen.priority else Markup("")
        title = tag(
            "h2",
            join([tag("span", f"Dans la peau de : {profile.name}"), badge], " "),
            id=f"fiche-{chosen.id}",
        )
        about = tag(
            "p",
            profile.description + (f" ({chosen.estimate})" if chosen.estimate else ""),
            class_="kit-worksheet__about",
        )
        grid = _grid(kit, order, chosen.id, f"Fiche de l’atelier pour le public « {profile.name} »")
        # tabindex: on a narrow screen the sheet scrolls sideways, and keyboards must reach it.
        sheets.append(
            tag(
                "section",
                join([_header(kit, title, about), _legend(), grid]),
                class_="kit-worksheet",
                aria_labelledby=f"fiche-{chosen.id}",
                tabindex="0",
            )
        )
    return join(sheets)


def blank_worksheet(kit: Kit) -> Markup:
    """The same sheet with nothing filled in, for another public or another workshop."""
    count = max(3, len(kit.client.scenarios))
    title = tag("h2", "Dans la peau de : ", id="fiche-vierge", class_="kit-worksheet__blank-title")
    about = tag(
        "p",
        "Qui est ce public, combien sont-ils, qu’est-ce qui compte pour eux :",
        class_="kit-worksheet__about kit-worksheet__line-after",
    )
    grid = _grid(kit, [None] * count, None, "Fiche vierge de l’atelier R.O.I. citoyen")
    return tag(
        "section",
        join([_header(kit, title, about), _legend(), grid]),
        class_="kit-worksheet kit-worksheet--blank",
        aria_labelledby="fiche-vierge",
        tabindex="0",
    )

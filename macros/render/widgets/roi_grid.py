"""The raw scores of the workshop and the weights used: everything the ranking rests on."""

from __future__ import annotations

from fractions import Fraction

from macros.compute.roi import analyse
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag
from macros.render.widgets.roi_common import nothing_yet, points, roi_table

__all__ = ["scores_detail", "sensitivities_table"]


def _cell(cell) -> Markup:
    if cell is None:
        return tag("td", "non noté", class_="kit-roi-scores__blank")
    reason = tag("span", cell.reason, class_="kit-roi-scores__reason") if cell.reason else Markup("")
    return tag("td", join([tag("strong", str(cell.score)), reason], " "))


def _scenario_table(kit: Kit, sid: str, title: str) -> Markup:
    scores = kit.client.roi.scores.get(sid)
    publics = [p.id for p in kit.client.publics]
    names = analyse(kit).public_names
    rows = []
    for criterion in (c for c in kit.library.criteria if c.side == "citoyen"):
        cells = [(scores.publics.get(p, {}).get(criterion.id) if scores else None) for p in publics]
        rows.append(
            tag("tr", join([tag("th", criterion.label, scope="row"), *[_cell(c) for c in cells]], ""))
        )
    actor = [c for c in kit.library.criteria if c.side == "acteur"]
    for criterion in actor:
        cell = scores.actor.get(criterion.id) if scores else None
        rows.append(
            tag(
                "tr",
                join(
                    [
                        tag("th", f"{criterion.label} (collectivité)", scope="row"),
                        _cell(cell),
                        *[tag("td", "—") for _ in publics[1:]],
                    ],
                    "",
                ),
            )
        )
    table = roi_table(
        f"Notes de 0 à 4 du scénario « {title} », avec la raison donnée en atelier",
        ["Critère", *[names[p] for p in publics]],
        rows,
        "kit-roi-scores",
    )
    return tag(
        "details",
        join([tag("summary", f"Notes du scénario « {title} »"), table]),
        class_="kit-roi-scores__block",
    )


def scores_detail(kit: Kit) -> Markup:
    """One table per scenario: every cell with its score and reason, or « non noté »."""
    analysis = analyse(kit)
    if not analysis.results or not kit.client.publics:
        return nothing_yet("Pas encore de notes : la grille se remplit pendant l’atelier.")
    return join(
        [_scenario_table(kit, r.scenario, analysis.scenarios[r.scenario].title) for r in analysis.results]
    )


def sensitivities_table(kit: Kit) -> Markup:
    """For each of the client's publics, the criteria that weigh more or less for them."""
    analysis = analyse(kit)
    if not analysis.grid.publics:
        return nothing_yet("Aucun public n’est encore choisi pour ce client.")
    labels = {c.id: c.label.lower() for c in kit.library.criteria}
    adjusted = kit.client.roi.sensitivities
    rows = []
    for public in analysis.grid.publics:
        items = sorted(public.sensitivities.items(), key=lambda kv: (-kv[1], kv[0]))
        listed = ", ".join(
            f"{labels.get(c, c)} × {points(Fraction(w), 2).rstrip('0').rstrip(',')}"
            for c, w in items
            if w != 1
        )
        note = " (ajusté pour ce client)" if public.id in adjusted else ""
        rows.append(
            tag(
                "tr",
                join(
                    [
                        tag("th", analysis.public_names[public.id], scope="row"),
                        tag("td", "oui" if public.priority else "non"),
                        tag("td", (listed or "aucune : tous les critères à 1") + note),
                    ],
                    "",
                ),
            )
        )
    return roi_table(
        "Sensibilités des publics du client : le poids d’un critère est multiplié d’autant pour ce public",
        ["Public", "Prioritaire", "Sensibilités (1 = neutre)"],
        rows,
        "kit-roi-sensitivities",
    )

"""The three conditions, scenario by scenario: pass, warn or fail, and why."""

from __future__ import annotations

from macros.compute.roi import analyse
from macros.compute.roi.gates import GATE_LABELS
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag
from macros.render.widgets.roi_common import STATUS, nothing_yet, roi_table

__all__ = ["gates_table"]


def _cell(gate) -> Markup:
    symbol, word = STATUS[gate.status]
    badge = tag(
        "span",
        join([tag("span", symbol, aria_hidden="true"), tag("span", word)], " "),
        class_=f"kit-roi-gate__badge kit-roi-gate--{gate.status}",
    )
    reasons = tag("ul", join([tag("li", r) for r in gate.reasons]), class_="kit-roi-gate__reasons")
    return tag("td", join([badge, reasons]))


def gates_table(kit: Kit) -> Markup:
    analysis = analyse(kit)
    if not analysis.results:
        return nothing_yet(
            "Les trois conditions seront vérifiées pour chaque scénario dès qu’il y en aura un."
        )
    rows = [
        tag(
            "tr",
            join(
                [
                    tag("th", f"{r.rank}. {analysis.scenarios[r.scenario].title}", scope="row"),
                    *[_cell(g) for g in analysis.gates[r.scenario]],
                ],
                "",
            ),
        )
        for r in analysis.results
    ]
    return roi_table(
        "Les trois conditions d’un dialogue citoyen de qualité, vérifiées à part du score",
        ["Scénario", *GATE_LABELS.values()],
        rows,
        "kit-roi-gates",
    )

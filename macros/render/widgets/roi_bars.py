"""Per-public cost and benefit bars: what each scenario costs a public, what it gives."""

from __future__ import annotations

from fractions import Fraction

from macros.compute.roi import Analysis, analyse
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag
from macros.render.widgets.roi_common import (
    UNSCORED_LABEL,
    data_table,
    figure,
    nothing_yet,
    points,
    roi_text,
    svg_root,
    text,
)

__all__ = ["cost_benefit_bars"]

LABEL_W, HALF, ROI_W, ROW_H, HEAD_H, GAP = 330, 210, 130, 28, 34, 18
COST_FILL, GAIN_FILL = "#e08214", "#253494"
"""Orange and dark blue: told apart by colour-blind readers and in grey (luminance 0.32 vs 0.05)."""
AXIS = LABEL_W + HALF


def _short(title: str, width: int = 46) -> str:
    return title if len(title) <= width else title[: width - 1].rstrip() + "…"


def _bar(value: Fraction | None, y: float, cost: bool) -> Markup:
    if value is None:
        at = AXIS - 8 if cost else AXIS + 8
        return text(
            at,
            y + 18,
            UNSCORED_LABEL,
            font_size="12",
            font_style="italic",
            text_anchor="end" if cost else "start",
        )
    length: float = float(value) * (HALF - 40) / 100
    x = AXIS - length if cost else AXIS
    rect = tag(
        "rect",
        "",
        x=f"{x:.1f}",
        y=str(y + 5),
        width=f"{length:.1f}",
        height=str(ROW_H - 10),
        fill=COST_FILL if cost else GAIN_FILL,
    )
    label_x = x - 6 if cost else AXIS + length + 6
    label = text(label_x, y + 19, points(value), font_size="13", text_anchor="end" if cost else "start")
    return join([rect, label], "")


def _panel(analysis: Analysis, pid: str, top: float) -> Markup:
    priority = any(p.id == pid and p.priority for p in analysis.grid.publics)
    name = analysis.public_names[pid] + (" (prioritaire)" if priority else "")
    parts = [text(0, top + 22, name, font_size="16", font_weight="700")]
    for i, result in enumerate(analysis.results):
        y = top + HEAD_H + ROW_H * i
        balance = result.publics[pid]
        parts.append(text(0, y + 19, _short(analysis.scenarios[result.scenario].title), font_size="13"))
        parts.append(_bar(balance.cost, y, cost=True))
        parts.append(_bar(balance.gain, y, cost=False))
        parts.append(
            text(
                AXIS + HALF + 10, y + 19, f"R.O.I. {roi_text(balance.roi)}", font_size="13", font_weight="700"
            )
        )
    bottom = top + HEAD_H + ROW_H * len(analysis.results)
    parts.append(
        tag(
            "line",
            "",
            x1=str(AXIS),
            y1=str(top + HEAD_H - 4),
            x2=str(AXIS),
            y2=str(bottom + 2),
            stroke="#000000",
        )
    )
    return join(parts, "")


def _svg(analysis: Analysis, uid: str) -> Markup:
    publics = list(analysis.public_names)
    panel_h = HEAD_H + ROW_H * len(analysis.results) + GAP
    width, legend_h = LABEL_W + 2 * HALF + ROI_W, 40
    parts = [
        tag("rect", "", x=str(AXIS - 150), y="6", width="14", height="14", fill=COST_FILL),
        text(AXIS - 130, 18, "Ce que ça coûte", font_size="13"),
        tag("rect", "", x=str(AXIS + 10), y="6", width="14", height="14", fill=GAIN_FILL),
        text(AXIS + 30, 18, "Ce qu’on y gagne", font_size="13"),
    ]
    for k, pid in enumerate(publics):
        parts.append(_panel(analysis, pid, legend_h + panel_h * k))
    height = legend_h + panel_h * len(publics)
    desc = (
        f"Pour chacun des {len(publics)} publics, une barre par scénario : à gauche ce que le scénario lui "
        "coûte, à droite ce qu’il y gagne, chacun sur 100, puis le R.O.I. qui en résulte."
    )
    return svg_root(
        uid, "Coûts et bénéfices de chaque scénario, public par public", desc, width, height, join(parts, "")
    )


def cost_benefit_bars(kit: Kit, uid: str = "roi-barres") -> Markup:
    analysis = analyse(kit)
    if not analysis.results or not analysis.public_names:
        return nothing_yet(
            "Les barres par public apparaîtront quand le client aura des publics et des scénarios."
        )
    rows = []
    for pid, name in analysis.public_names.items():
        for result in analysis.results:
            balance = result.publics[pid]
            label = f"{name} — {analysis.scenarios[result.scenario].title}"
            rows.append(
                (
                    label,
                    [
                        roi_text(balance.cost),
                        roi_text(balance.gain),
                        roi_text(balance.roi),
                        f"{balance.scored} sur {balance.total}",
                    ],
                )
            )
    table = data_table(
        "Coût, gain et R.O.I. sur 100, par public et par scénario",
        ["Public et scénario", "Ce que ça coûte", "Ce qu’on y gagne", "R.O.I.", "Critères notés"],
        rows,
        "kit-roi-bars__table",
    )
    caption = "Gauche : ce que le scénario coûte à ce public ; droite : ce qu’il y gagne (moyennes pondérées, sur 100)."
    return figure(_svg(analysis, uid), table, caption, "kit-roi-bars")

"""Scenario x public heatmap of the R.O.I. citoyen, values printed in the cells."""

from __future__ import annotations

from macros.compute.roi import Analysis, analyse
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag
from macros.render.widgets.roi_common import (
    BANDS,
    UNSCORED_LABEL,
    band_color,
    data_table,
    figure,
    nothing_yet,
    roi_text,
    svg_root,
    text,
    text_color,
)

__all__ = ["heatmap"]

LABEL_W, CELL_W, CELL_H, HEAD_H, LEGEND_H = 250, 150, 56, 64, 92
HATCH = Markup(
    '<defs><pattern id="kit-roi-hachures" width="8" height="8" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/>'
    '<line x1="0" y1="0" x2="0" y2="8" stroke="#c4c4c4" stroke-width="3"/></pattern></defs>'
)


def _wrap(label: str, width: int = 24) -> list[str]:
    """Split a label on words into lines of about ``width`` characters (two at most)."""
    lines: list[str] = []
    for word in label.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines[:2] if len(lines) <= 2 else [lines[0], " ".join(lines[1:])[: width - 1] + "…"]


def _label(x: float, y: float, label: str, **attrs: object) -> Markup:
    lines = _wrap(label)
    spans = [tag("tspan", line, x=f"{x:g}", dy="0" if i == 0 else "1.15em") for i, line in enumerate(lines)]
    shift = -7 if len(lines) == 2 else 0
    return tag("text", join(spans, ""), x=f"{x:g}", y=f"{y + shift:g}", **attrs)


def _cell(x: float, y: float, value, scored: int, total: int) -> Markup:
    fill = band_color(value)
    rect = tag(
        "rect",
        "",
        x=str(x + 2),
        y=str(y + 2),
        width=str(CELL_W - 4),
        height=str(CELL_H - 4),
        fill=fill or "url(#kit-roi-hachures)",
        stroke="#5f6b7a",
        stroke_width="1",
    )
    ink = text_color(fill) if fill else "#000000"
    cx = x + CELL_W / 2
    if value is None:
        return join(
            [
                rect,
                tag("rect", "", x=f"{cx - 42:g}", y=f"{y + 18:g}", width="84", height="22", fill="#ffffff"),
                text(
                    cx,
                    y + CELL_H / 2 + 5,
                    UNSCORED_LABEL,
                    fill="#000000",
                    text_anchor="middle",
                    font_size="15",
                ),
            ],
            "",
        )
    parts = [
        rect,
        text(
            cx,
            y + CELL_H / 2 + (1 if scored < total else 7),
            roi_text(value),
            fill=ink,
            text_anchor="middle",
            font_size="20",
            font_weight="700",
        ),
    ]
    if scored < total:
        parts.append(
            text(
                cx,
                y + CELL_H - 9,
                f"{scored} sur {total} critères",
                fill=ink,
                text_anchor="middle",
                font_size="11",
            )
        )
    return join(parts, "")


def _legend(y: float) -> Markup:
    parts = [
        text(
            0,
            y + 16,
            "Lecture : R.O.I. sur 100 ; 50 = ce que ça coûte équilibre ce qu’on y gagne.",
            font_size="14",
        )
    ]
    x = 0
    for _low, _high, color, label in BANDS:
        parts.append(
            tag("rect", "", x=str(x), y=str(y + 28), width="22", height="22", fill=color, stroke="#5f6b7a")
        )
        parts.append(text(x + 28, y + 44, label.split(" : ")[0], font_size="13"))
        x += 110
    parts.append(
        tag(
            "rect",
            "",
            x=str(x),
            y=str(y + 28),
            width="22",
            height="22",
            fill="url(#kit-roi-hachures)",
            stroke="#5f6b7a",
        )
    )
    parts.append(text(x + 28, y + 44, UNSCORED_LABEL, font_size="13"))
    return join(parts, "")


def _svg(analysis: Analysis, uid: str) -> Markup:
    publics = list(analysis.public_names)
    results = analysis.results
    width = LABEL_W + CELL_W * len(publics)
    height = HEAD_H + CELL_H * len(results) + LEGEND_H
    parts = [HATCH]
    priority = {p.id for p in analysis.grid.publics if p.priority}
    for j, pid in enumerate(publics):
        name = analysis.public_names[pid] + ("\u00a0*" if pid in priority else "")
        parts.append(
            _label(
                LABEL_W + CELL_W * j + CELL_W / 2,
                HEAD_H - 14,
                name,
                text_anchor="middle",
                font_size="14",
                font_weight="700",
            )
        )
    for i, result in enumerate(results):
        y = HEAD_H + CELL_H * i
        title = f"{result.rank}. {analysis.scenarios[result.scenario].title}"
        parts.append(_label(0, y + CELL_H / 2 + 5, title, font_size="14"))
        for j, pid in enumerate(publics):
            balance = result.publics[pid]
            parts.append(_cell(LABEL_W + CELL_W * j, y, balance.roi, balance.scored, balance.total))
    parts.append(_legend(HEAD_H + CELL_H * len(results) + 10))
    desc = (
        f"Tableau en couleurs de {len(results)} scénarios (lignes, dans l’ordre du classement) et "
        f"{len(publics)} publics (colonnes). Chaque case donne le R.O.I. citoyen sur 100 ; plus la case est "
        "foncée, plus le public y gagne. Les cases hachurées ne sont pas notées. Un astérisque marque les "
        "publics prioritaires."
    )
    return svg_root(uid, "R.O.I. citoyen par scénario et par public", desc, width, height, join(parts, ""))


def heatmap(kit: Kit, uid: str = "roi-carte") -> Markup:
    analysis = analyse(kit)
    if not analysis.results or not analysis.public_names:
        return nothing_yet(
            "La carte des R.O.I. apparaîtra quand le client aura des publics et des scénarios."
        )
    publics = list(analysis.public_names)
    rows = []
    for result in analysis.results:
        values = []
        for pid in publics:
            balance = result.publics[pid]
            extra = (
                f" ({balance.scored} sur {balance.total} critères notés)"
                if balance.roi is not None and not balance.complete
                else ""
            )
            values.append(roi_text(balance.roi) + extra)
        rows.append((analysis.scenarios[result.scenario].title, values))
    table = data_table(
        "R.O.I. citoyen sur 100, par scénario (lignes) et par public (colonnes)",
        ["Scénario", *[analysis.public_names[p] for p in publics]],
        rows,
        "kit-roi-heatmap__table",
    )
    caption = "Plus la case est foncée, plus ce public y trouve son compte. * public prioritaire."
    return figure(_svg(analysis, uid), table, caption, "kit-roi-heatmap")

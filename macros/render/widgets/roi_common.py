"""Shared pieces of the R.O.I. citoyen widgets: numbers, colours, SVG frames.

The heatmap palette is ColorBrewer's YlGnBu in five classes: safe for the
common colour-vision deficiencies and monotonic in lightness, so that it reads
in greyscale too. Each cell's text colour is whichever of black or white has
the higher contrast with its fill (at least 4.5:1, checked by the tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from macros.compute.fmt import half_up, rounded
from macros.compute.roi.gates import FAIL, PASS, WARN
from macros.render.html import Markup, join, tag

__all__ = [
    "BANDS",
    "GATE_SHORT",
    "STATUS",
    "UNSCORED_LABEL",
    "band_color",
    "contrast",
    "data_table",
    "figure",
    "nothing_yet",
    "points",
    "roi_table",
    "roi_text",
    "svg_root",
    "text",
    "text_color",
]

BANDS = (
    (0, 20, "#ffffcc", "0 à 19 : y perd nettement"),
    (20, 40, "#a1dab4", "20 à 39 : y perd"),
    (40, 60, "#41b6c4", "40 à 59 : à peu près à l’équilibre"),
    (60, 80, "#2c7fb8", "60 à 79 : y gagne"),
    (80, 101, "#253494", "80 à 100 : y gagne nettement"),
)
UNSCORED_LABEL = "non noté"

GATE_SHORT = {"elus": "Élus", "services": "Services", "citoyens": "Citoyens"}

STATUS = {
    PASS: ("✓", "Respectée"),
    WARN: ("!", "À surveiller"),
    FAIL: ("✗", "Non respectée"),
}


points = rounded
"""French rounding for display (half up), as everywhere in the kit."""


def roi_text(value: Fraction | None) -> str:
    return UNSCORED_LABEL if value is None else points(value)


def band_color(value: Fraction | None) -> str | None:
    """The band of the value as printed (rounded), not of its unrounded fraction."""
    if value is None:
        return None
    shown = half_up(value)
    return next(color for low, high, color, _ in BANDS if low <= shown < high)


def _luminance(hex_color: str) -> float:
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_color(fill: str) -> str:
    return max(("#000000", "#ffffff"), key=lambda c: contrast(c, fill))


def svg_root(uid: str, title: str, desc: str, width: int, height: int, body: Markup) -> Markup:
    """An accessible inline SVG: role img, a title and a description, text as text."""
    head = join(
        [
            tag("title", title, id=f"{uid}-titre"),
            tag("desc", desc, id=f"{uid}-desc"),
            tag("rect", "", width="100%", height="100%", fill="#ffffff"),
        ],
        "",
    )
    return tag(
        "svg",
        join([head, body], ""),
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {width} {height}",
        width=str(width),
        role="img",
        aria_labelledby=f"{uid}-titre {uid}-desc",
        class_="kit-roi-svg",
        preserveAspectRatio="xMinYMin meet",
    )


def roi_table(caption: str, head: list[str], rows: list[Markup], css: str) -> Markup:
    """A table with its caption and column headers, around rows already built."""
    thead = tag("tr", join([tag("th", h, scope="col") for h in head], ""))
    return tag(
        "table",
        join([tag("caption", caption), tag("thead", thead), tag("tbody", join(rows))]),
        class_=f"kit-table {css}",
    )


def data_table(
    caption: str, head: list[str], rows: Sequence[tuple[str, Sequence[object]]], css: str
) -> Markup:
    """A plain data table: each row a header cell, then its values."""
    body = [
        tag("tr", join([tag("th", label, scope="row"), *[tag("td", v) for v in values]], ""))
        for label, values in rows
    ]
    return roi_table(caption, head, body, css)


def figure(svg: Markup, table: Markup, caption: str, css: str) -> Markup:
    """The chart with its caption, then its data as a table (the text alternative)."""
    details = tag(
        "details",
        join([tag("summary", "Les mêmes données en tableau"), table]),
        class_="kit-roi-figure__data",
    )
    chart = tag("figure", join([tag("div", svg, class_="kit-roi-figure__chart"), tag("figcaption", caption)]))
    return tag("div", join([chart, details]), class_=f"kit-roi-figure {css}")


def nothing_yet(message: str) -> Markup:
    return tag("p", message, class_="kit-roi-empty")


def text(x: float, y: float, content: str, **attrs: object) -> Markup:
    return tag("text", content, x=f"{x:g}", y=f"{y:g}", **attrs)

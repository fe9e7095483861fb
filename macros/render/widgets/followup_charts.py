"""Contributions counted by theme, channel and public: a bar chart, then its table.

Each chart is a static ``<svg role="img">`` whose ``<desc>`` lists every bar
with its value, so that a screen reader (and the PDF's structure tree) gets
the whole figure in words; the table after it carries the same numbers with
their shares. One colour only: the bars are told apart by their labels, not
by hue, and read the same in grey.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from macros.compute.fmt import day, rounded
from macros.compute.followup import by_channel, by_public, by_theme, channel_public_table, public_names
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag
from macros.render.widgets.svgfig import figure, svg, svg_text, wrap

__all__ = [
    "bar_chart",
    "long_day",
    "channel_counts",
    "channel_public",
    "count_table",
    "percent",
    "public_counts",
    "theme_counts",
]

_LABEL_W, _BAR_W, _VALUE_W, _ROW, _TOP = 240, 220, 50, 34, 8
_FILL = "#1d4e6f"
"""Dark blue: 9.4:1 against the white card, and as clear in grey."""
UNSAID = "Public non précisé"


def long_day(value: date, pattern: str = "d MMMM y") -> str:
    """``1er mai 2027``, ``17 avril 2027``: French writes the first of a month « 1er »."""
    text = day(value, pattern)
    return "1er" + text[1:] if value.day == 1 and pattern.startswith("d ") else text


def percent(part: int, whole: int) -> str:
    """``24 %`` (French rounding, no-break space); ``—`` when there is nothing to divide."""
    return f"{rounded(Fraction(part * 100, whole))}\u00a0%" if whole else "—"


def _bar_row(index: int, label: str, value: int, top: int) -> Markup:
    y = _TOP + index * _ROW
    lines = wrap(label, 32)
    parts = [
        svg_text(
            _LABEL_W - 10,
            y + 21 + k * 14 - (len(lines) - 1) * 7,
            line,
            font_size=13,
            text_anchor="end",
            fill="#1a1a1a",
        )
        for k, line in enumerate(lines)
    ]
    width = float(value) * _BAR_W / top if top else 0.0
    parts.append(
        svg(
            "rect",
            x=float(_LABEL_W),
            y=float(y + 7),
            width=max(width, 1.0),
            height=float(_ROW - 14),
            fill=_FILL,
        )
    )
    parts.append(
        svg_text(_LABEL_W + width + 8, y + 22, str(value), font_size=13, font_weight="bold", fill="#1a1a1a")
    )
    return join(parts, "")


def bar_chart(uid: str, title: str, rows: list[tuple[str, int]], unit: str = "contributions") -> Markup:
    """Horizontal bars, longest first as given; the description reads every value."""
    top = max((v for _, v in rows), default=0)
    height = _TOP * 2 + _ROW * len(rows)
    body = join([_bar_row(i, label, value, top) for i, (label, value) in enumerate(rows)], "")
    axis = svg(
        "line",
        x1=float(_LABEL_W),
        y1=float(_TOP),
        x2=float(_LABEL_W),
        y2=float(height - _TOP),
        stroke="#1a1a1a",
    )
    desc = f"Diagramme en barres, {unit} : " + " ; ".join(f"{label} : {value}" for label, value in rows) + "."
    return figure(
        uid,
        _LABEL_W + _BAR_W + _VALUE_W,
        height,
        title,
        desc,
        join([body, axis], ""),
        "kit-suites-chart__svg",
    )


def count_table(caption: str, head: str, rows: list[tuple[str, int]]) -> Markup:
    """The chart's numbers, with each row's share and the total."""
    total = sum(v for _, v in rows)
    header = tag(
        "tr",
        join(
            [
                tag("th", head, scope="col"),
                tag("th", "Contributions", scope="col"),
                tag("th", "Part", scope="col"),
            ],
            "",
        ),
    )
    body = [
        tag(
            "tr",
            join(
                [
                    tag("th", label, scope="row"),
                    tag("td", value, class_="kit-num"),
                    tag("td", percent(value, total), class_="kit-num"),
                ],
                "",
            ),
        )
        for label, value in rows
    ]
    foot = tag(
        "tr",
        join(
            [
                tag("th", "Total", scope="row"),
                tag("td", total, class_="kit-num"),
                tag("td", percent(total, total), class_="kit-num"),
            ],
            "",
        ),
    )
    return tag(
        "div",
        tag(
            "table",
            join(
                [tag("caption", caption), tag("thead", header), tag("tbody", join(body)), tag("tfoot", foot)]
            ),
            class_="kit-table kit-suites-table",
        ),
        class_="kit-table-scroll",
    )


def _figure(uid: str, title: str, head: str, rows: list[tuple[str, int]]) -> Markup:
    if not rows:
        return tag("p", "Aucune contribution n’est encore importée.", class_="kit-empty")
    chart = tag("div", bar_chart(uid, title, rows), class_="kit-suites-chart")
    return join([chart, count_table(title, head, rows)])


def theme_counts(kit: Kit, uid: str = "suites-themes") -> Markup:
    rows = [(theme.title, n) for theme, n in by_theme(kit)]
    return _figure(uid, "Contributions par thème", "Thème", rows)


def channel_counts(kit: Kit, uid: str = "suites-canaux") -> Markup:
    return _figure(uid, "Contributions par rendez-vous ou canal", "Rendez-vous ou canal", by_channel(kit))


def public_counts(kit: Kit, uid: str = "suites-publics") -> Markup:
    names = public_names(kit)
    rows = [(names[pid] if pid else UNSAID, n) for pid, n in by_public(kit)]
    return _figure(uid, "Contributions par public, quand la personne l’a dit", "Public", rows)


def channel_public(kit: Kit) -> Markup:
    """Who took part where: one row per event or channel, one column per public."""
    names = list(public_names(kit).values())
    rows = channel_public_table(kit)
    if not rows:
        return tag("p", "Aucune contribution n’est encore importée.", class_="kit-empty")
    head = tag(
        "tr",
        join(
            [
                tag("th", "Rendez-vous ou canal", scope="col"),
                *(tag("th", n, scope="col") for n in [*names, "Non précisé", "Total"]),
            ],
            "",
        ),
    )
    body = [
        tag(
            "tr",
            join([tag("th", channel, scope="row"), *(tag("td", v, class_="kit-num") for v in values)], ""),
        )
        for channel, values in rows
    ]
    totals = [sum(values[i] for _, values in rows) for i in range(len(names) + 2)]
    foot = tag(
        "tr", join([tag("th", "Total", scope="row"), *(tag("td", v, class_="kit-num") for v in totals)], "")
    )
    caption = "Contributions par rendez-vous et par public"
    table = tag(
        "table",
        join([tag("caption", caption), tag("thead", head), tag("tbody", join(body)), tag("tfoot", foot)]),
        class_="kit-table kit-suites-table",
    )
    return tag("div", table, class_="kit-table-scroll")

"""The mission's timeline: the offer's steps on a time axis, with their status.

The status is told three ways, never by colour alone: the bar's fill (solid,
hatched, outlined), the word written after the bar, and the table that
follows the chart (:func:`macros.render.widgets.mission.calendar_table`).
"""

from __future__ import annotations

from datetime import date, timedelta

from macros.compute.fmt import day
from macros.compute.promises import promises
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag
from macros.render.widgets.mission import STATUS_LABELS, calendar_table
from macros.render.widgets.svgfig import figure, svg, svg_text, wrap

__all__ = ["timeline", "timeline_chart"]

_LABEL_W, _PLOT_W, _RIGHT = 250, 420, 90
_ROW, _TOP = 46, 40
_STYLE = {
    "fait": {"fill": "#1d4e6f", "stroke": "#1d4e6f"},
    "en-cours": {"fill": "url(#{uid}-hachures)", "stroke": "#8a5a00"},
    "prevu": {"fill": "#ffffff", "stroke": "#44546a", "stroke_dasharray": "5 3"},
}


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _next_month(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def _bounds(kit: Kit) -> tuple[date, date] | None:
    dates = [d for e in kit.client.calendar for d in (e.start, e.end) if d]
    decided = promises(kit).decision.day
    if decided:
        dates.append(decided)
    if not dates:
        return None
    return _month_start(min(dates)), _next_month(max(dates))


def _x(d: date, first: date, last: date) -> float:
    span = (last - first).days or 1
    return _LABEL_W + (d - first).days * _PLOT_W / span


def _axis(first: date, last: date, height: int) -> Markup:
    parts = []
    month = first
    while month <= last:
        x = _x(month, first, last)
        parts.append(svg("line", x1=x, y1=float(_TOP - 8), x2=x, y2=float(height - 10), stroke="#c3cad2"))
        if month < last:
            parts.append(svg_text(x + 4, _TOP - 14, day(month, "MMM y"), font_size=11, fill="#1a1a1a"))
        month = _next_month(month)
    return join(parts, "")


def _row(index: int, step, entry, first: date, last: date, uid: str) -> Markup:
    y = _TOP + index * _ROW
    parts = [
        svg(
            "line",
            x1=0.0,
            y1=float(y + _ROW),
            x2=float(_LABEL_W + _PLOT_W + _RIGHT),
            y2=float(y + _ROW),
            stroke="#e1e5ea",
        )
    ]
    lines = wrap(f"{index + 1}. {step.title}", 32)
    for k, line in enumerate(lines):
        parts.append(
            svg_text(4, y + 19 + k * 15 - (len(lines) - 1) * 4, line, font_size=13.5, fill="#1a1a1a")
        )
    if entry is None:
        parts.append(
            svg_text(_LABEL_W + 6, y + 27, "à programmer", font_size=12, font_style="italic", fill="#44546a")
        )
        return join(parts, "")
    x1 = _x(entry.start, first, last)
    x2 = _x((entry.end or entry.start) + timedelta(days=1), first, last)
    style = {k: v.format(uid=uid) if isinstance(v, str) else v for k, v in _STYLE[entry.status].items()}
    parts.append(
        svg(
            "rect",
            x=x1,
            y=float(y + 12),
            width=max(x2 - x1, 6.0),
            height=20.0,
            rx=3.0,
            stroke_width=2,
            **style,
        )
    )
    parts.append(
        svg_text(max(x2, x1 + 6) + 6, y + 27, STATUS_LABELS[entry.status], font_size=13, fill="#1a1a1a")
    )
    return join(parts, "")


def _decision(kit: Kit, first: date, last: date, height: int) -> Markup:
    when = promises(kit).decision.day
    if when is None:
        return Markup("")
    x = _x(when, first, last)
    return join(
        [
            svg(
                "line",
                x1=x,
                y1=float(_TOP - 4),
                x2=x,
                y2=float(height - 22),
                stroke="#b33c00",
                stroke_width=2,
                stroke_dasharray="2 3",
            ),
            svg_text(
                min(x, _LABEL_W + _PLOT_W + _RIGHT - 4),
                height - 8,
                f"Décision : {day(when)}",
                text_anchor="end" if x > _LABEL_W + _PLOT_W / 2 else "start",
                font_size=12,
                font_weight="bold",
                fill="#8f3000",
            ),
        ],
        "",
    )


def _hatching(uid: str) -> Markup:
    pattern = (
        f'<pattern id="{uid}-hachures" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#fff4d6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a5a00" stroke-width="3"/></pattern>'
    )
    return Markup(f"<defs>{pattern}</defs>")


def timeline_chart(kit: Kit, uid: str = "frise-mission") -> Markup:
    """The steps of the offer as rows, the client's dates as bars."""
    bounds = _bounds(kit)
    steps = kit.offer.steps
    if bounds is None:
        return tag("p", "Calendrier : aucune date renseignée pour l’instant.", class_="kit-empty")
    first, last = bounds
    by_step = {e.step: e for e in kit.client.calendar}
    height = _TOP + len(steps) * _ROW + 34
    rows = [_row(i, s, by_step.get(s.id), first, last, uid) for i, s in enumerate(steps)]
    counts = {k: sum(1 for e in kit.client.calendar if e.status == k) for k in STATUS_LABELS}
    undated = sum(1 for s in steps if s.id not in by_step)
    desc = (
        f"Frise des {len(steps)} étapes de la mission, de {day(first, 'MMMM y')} à {day(last - timedelta(days=1), 'MMMM y')}. "
        + ", ".join(f"{STATUS_LABELS[k].lower()} : {n}" for k, n in counts.items())
        + (f", à programmer : {undated}" if undated else "")
        + ". Le détail des dates est dans le tableau qui suit."
    )
    body = join(
        [_hatching(uid), _axis(first, last, height - 24), *rows, _decision(kit, first, last, height)], ""
    )
    title = f"Calendrier de la mission « {kit.offer.title} »"
    return figure(uid, _LABEL_W + _PLOT_W + _RIGHT, height, title, desc, body, "kit-timeline__svg")


def timeline(kit: Kit, uid: str = "frise-mission") -> Markup:
    """Chart then its table: the same data, seen and read."""
    return join([tag("figure", timeline_chart(kit, uid), class_="kit-timeline"), calendar_table(kit)])

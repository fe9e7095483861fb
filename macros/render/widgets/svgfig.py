"""Small builders of static, accessible inline SVG for the deliverable charts.

A chart is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>``
referenced by ``aria-labelledby``; its text stays text. Each chart is followed
on the page by an HTML table that carries the same data.
"""

from __future__ import annotations

import textwrap

from macros.render.html import Markup, esc, join, tag

__all__ = ["figure", "svg", "svg_text", "wrap"]


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def svg(name: str, content: object = "", /, **attrs: object) -> Markup:
    """An SVG element; numbers are written with one decimal at most."""
    shown = {k: _num(v) if isinstance(v, float) else v for k, v in attrs.items()}
    return tag(name, content, **shown)


def svg_text(x: float, y: float, text: str, /, **attrs: object) -> Markup:
    return svg("text", text, x=float(x), y=float(y), **attrs)


def wrap(text: str, width: int, lines: int = 2) -> list[str]:
    """Cut a label into at most ``lines`` lines, with an ellipsis if it is longer."""
    parts = textwrap.wrap(text, width) or [""]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: max(1, width - 1)].rstrip() + "…"
    return parts


def figure(uid: str, width: int, height: int, title: str, desc: str, body: Markup, css: str) -> Markup:
    """The ``<svg>`` root, scalable, described for screen readers."""
    head = join([tag("title", title, id=f"{uid}-titre"), tag("desc", desc, id=f"{uid}-desc")], "")
    return Markup(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'class="{esc(css)}" aria-labelledby="{esc(uid)}-titre {esc(uid)}-desc" '
        f'font-family="inherit">{head}{body}</svg>'
    )

"""Small helpers to write escaped HTML from validated data.

Every text that comes from YAML goes through :func:`esc`; widgets return
:class:`markupsafe.Markup` so that Jinja's autoescape leaves them alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

__all__ = ["Markup", "esc", "join", "tag"]


def esc(value: object) -> Markup:
    return escape("" if value is None else str(value))


def tag(name: str, content: object = "", /, **attrs: object) -> Markup:
    """``tag("p", text, class_="kit-x")``: attributes and text are escaped."""
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{escape(str(value))}"')
    opening = " ".join([name, *parts])
    body = content if isinstance(content, Markup) else esc(content)
    return Markup(f"<{opening}>{body}</{name}>")


def join(items: Iterable[object], sep: str = "\n") -> Markup:
    return Markup(sep).join(items)

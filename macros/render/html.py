"""Small helpers to write escaped HTML from validated data: the way in for client text.

Every text that comes from ``kits/`` or a client folder reaches a page through
:func:`esc` (widgets, with :func:`tag`) or through Jinja's autoescape with
:func:`markdown_inert` as its ``finalize`` (``{{ client.projet.titre }}`` in a
page). Both write the text so that it reads exactly as typed and can become
nothing else:

- HTML escaping (``& < > " '``) keeps it from being markup;
- the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
  U+2066–U+2069) are removed (:data:`BIDI_CONTROLS`): « U+202E gnp.exe »
  would show as « exe.png ». Removed rather than shown as ``\u202e``, because a
  reader of a citizen's words should read words, and French text has no use
  for them (the browser orders Arabic or Hebrew by itself); the implicit marks
  U+200E/U+200F stay, as they cannot reverse a run of letters;
- the characters Markdown gives a meaning to (``{ } [ ] * _ ` \\ | # !``) are
  written as character references, because the page is rendered by Markdown
  *after* Jinja has filled it: ``{: onfocus=… }`` would otherwise become
  attributes (``attr_list``), ``![](https://…)`` a third-party image, ``*x*``
  emphasis. Markdown passes a character reference through untouched and the
  browser shows the character: typed text stays typed text.

Widgets return :class:`Markup` (a :class:`markupsafe.Markup` whose own escaping,
used by ``Markup.format``, ``+`` and ``join``, is this one), so that Jinja's
autoescape leaves them alone. The final allow-list pass over every page is in
:mod:`macros.render.sanitize`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import markupsafe

__all__ = ["BIDI_CONTROLS", "Markup", "esc", "join", "markdown_inert", "tag", "without_bidi_controls"]

#: Characters that reorder the text after them (embeddings, overrides, isolates): spoofing.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_NO_BIDI = str.maketrans(dict.fromkeys(BIDI_CONTROLS))

# One table, so that the ``#`` of a reference is never escaped again.
_INERT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"}
    | {sign: f"&#{ord(sign)};" for sign in "{}[]*_`\\|#!"}
    | dict.fromkeys(BIDI_CONTROLS)
)


def without_bidi_controls(text: str) -> str:
    """``text`` without :data:`BIDI_CONTROLS`, in the order it was typed."""
    return text.translate(_NO_BIDI)


def _inert(text: str) -> str:
    return text.translate(_INERT)


class Markup(markupsafe.Markup):
    """Trusted HTML; whatever is added to it (``format``, ``+``, ``join``) is escaped by :func:`esc`."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Markup:
        if hasattr(s, "__html__"):
            return cls(s.__html__())
        return cls(_inert("" if s is None else str(s)))


def esc(value: object) -> Markup:
    """``value`` as text that neither HTML nor Markdown can turn into anything else."""
    return Markup.escape(value)


def markdown_inert(value: object) -> object:
    """Jinja ``finalize``: a page's ``{{ value }}`` is escaped like :func:`esc`; widgets' Markup passes."""
    if hasattr(value, "__html__"):
        return value
    return esc(value)


def tag(name: str, content: object = "", /, **attrs: object) -> Markup:
    """``tag("p", text, class_="kit-x")``: attributes and text are escaped."""
    parts = []
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        # Inside a tag Markdown changes nothing: HTML escaping is enough there.
        parts.append(
            key if value is True else f'{key}="{markupsafe.escape(without_bidi_controls(str(value)))}"'
        )
    opening = " ".join([name, *parts])
    body = content if isinstance(content, markupsafe.Markup) else esc(content)
    return Markup(f"<{opening}>{body}</{name}>")


def join(items: Iterable[object], sep: str = "\n") -> Markup:
    """Markup pieces joined; anything else is escaped on the way, as Markup.join does."""
    return Markup(sep).join(
        item if isinstance(item, str) or hasattr(item, "__html__") else str(item) for item in items
    )

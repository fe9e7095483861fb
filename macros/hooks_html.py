"""HTML fixes for what the W3C Nu checker rejects in Material's own templates.

Material 9.8 writes ``autocomplete="off"`` on its checkbox toggles (the
attribute is only valid on text-like inputs) and, with ``navigation.sections``,
an empty ``tabindex=""`` on section labels (not an integer). Both are removed
after rendering: from every page (``on_post_page``) and from static templates
such as ``404.html`` (``on_post_template``), which never go through
``on_post_page``.

It also makes the kit's horizontally scrolling table wrappers
(``kit-table-scroll``) reachable with the keyboard (WCAG 2.1.1): a reader who
cannot use a mouse must be able to focus the region to scroll it.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["clean_html", "on_post_page", "on_post_template"]

_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
_SCROLL_REGION = re.compile(r'<div\b[^>]*\bclass="(?:[^"]*\s)?kit-table-scroll(?:\s[^"]*)?"[^>]*>')


def clean_html(html: str) -> str:
    """The page without the invalid attributes, its scroll regions focusable."""
    html = _CHECKBOX.sub(lambda m: _AUTOCOMPLETE.sub("", m[0]), html)
    html = _EMPTY_TABINDEX.sub("", html)
    return _SCROLL_REGION.sub(_focusable, html)


def _focusable(match: re.Match[str]) -> str:
    start = match[0]
    return start if "tabindex=" in start else start[:-1] + ' tabindex="0">'


def on_post_page(output: str, page: Any, config: Any) -> str:
    return clean_html(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return clean_html(output_content)

"""HTML fixes for what the W3C Nu checker rejects in Material's own templates.

Material 9.8 writes ``autocomplete="off"`` on its checkbox toggles (the
attribute is only valid on text-like inputs) and, with ``navigation.sections``,
an empty ``tabindex=""`` on section labels (not an integer). Both are removed
after rendering: from every page (``on_post_page``) and from static templates
such as ``404.html`` (``on_post_template``), which never go through
``on_post_page``.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["clean_html", "on_post_page", "on_post_template"]

_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')


def clean_html(html: str) -> str:
    """The page without the two invalid attributes; nothing else changes."""
    html = _CHECKBOX.sub(lambda m: _AUTOCOMPLETE.sub("", m[0]), html)
    return _EMPTY_TABINDEX.sub("", html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return clean_html(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return clean_html(output_content)

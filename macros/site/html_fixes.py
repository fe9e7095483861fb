"""HTML fixes: what the Nu checker rejects in Material, and client text made inert.

Material 9.8 writes ``autocomplete="off"`` on its checkbox toggles (the
attribute is only valid on text-like inputs) and, with ``navigation.sections``,
an empty ``tabindex=""`` on section labels (not an integer). Both are removed
after rendering: from every page (``on_post_page``) and from static templates
such as ``404.html`` (``on_post_template``), which never go through
``on_post_page``.

It also makes the kit's horizontally scrolling table wrappers
(``kit-table-scroll``) reachable with the keyboard (WCAG 2.1.1): a reader who
cannot use a mouse must be able to focus the region to scroll it.

Client text never runs. Material prints the site name, description and page
titles unescaped: the name and description are escaped where they are made
from ``client.yml`` (:mod:`macros.site.plugin`), and every title loses its tags here. A client's own pages
(under its folder, whatever their final address, a symbolic link included) are never rendered by
Jinja, are rendered by a safe Markdown (:mod:`macros.site.client_pages`) and keep only what it
writes. Last, the content of every page of both sites passes the page allow-list
(:func:`final_pass`, :mod:`macros.render.sanitize`): what it had to remove is reported.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from macros.render.html import without_bidi_controls
from macros.render.sanitize import clean_client_html, clean_page_html, disallowed, plain_title
from macros.site import state
from macros.site.pages import CLIENT_PREFIX

__all__ = [
    "attribute_text",
    "clean_html",
    "final_pass",
    "inert_page_content",
    "is_client_page",
    "plain_nav",
    "protect_page_source",
]

_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="off"')
_EMPTY_TABINDEX = re.compile(r'\s+tabindex=""')
# Front matter keys that Material prints as they are: in text (title, navigation), where
# tags are taken out, and inside an attribute (<meta name="description">), where the value is
# escaped instead, so that it reads as typed (not « ”›alert(”d”) » with curly quotes).
_DISPLAYED_META = ("title", "subtitle")
_ATTRIBUTE_META = ("description",)
_SCROLL_REGION = re.compile(r'<div\b[^>]*\bclass="(?:[^"]*\s)?kit-table-scroll(?:\s[^"]*)?"[^>]*>')


def clean_html(html: str) -> str:
    """The page without the invalid attributes, its scroll regions focusable."""
    html = _CHECKBOX.sub(lambda m: _AUTOCOMPLETE.sub("", m[0]), html)
    html = _EMPTY_TABINDEX.sub("", html)
    return _SCROLL_REGION.sub(_focusable, html)


def _focusable(match: re.Match[str]) -> str:
    start = match[0]
    return start if "tabindex=" in start else start[:-1] + ' tabindex="0">'


def is_client_page(page: Any) -> bool:
    """Written in the client's folder (the public home may come from there too).

    Judged on the path as listed, not on where a symbolic link points: a link in
    ``pages/`` to a file elsewhere is still the client's page, never a Jinja template."""
    if page.file.src_uri.startswith(CLIENT_PREFIX):
        return True
    source = page.file.abs_src_path
    return bool(source) and Path(source).absolute().is_relative_to(state.current().client_dir.absolute())


def protect_page_source(markdown: str, page: Any) -> str:
    """Before mkdocs-macros renders the page: a client page is never a Jinja template."""
    if is_client_page(page):
        # Front matter values are printed by the theme unescaped, too.
        page.meta = {
            key: value if key in _ATTRIBUTE_META else _plain_value(value) for key, value in page.meta.items()
        }
        page.meta["render_macros"] = False
    for key in _DISPLAYED_META:
        if isinstance(page.meta.get(key), str):
            page.meta[key] = plain_title(page.meta[key])
    for key in _ATTRIBUTE_META:
        if isinstance(page.meta.get(key), str):
            page.meta[key] = attribute_text(page.meta[key])
    return markdown


def attribute_text(value: str) -> str:
    """``value`` escaped for an attribute the theme prints unescaped: it reads as typed there."""
    return escape(without_bidi_controls(value), quote=True)


def _plain_value(value: Any) -> Any:
    if isinstance(value, str):
        return plain_title(value)
    if isinstance(value, list):
        return [_plain_value(item) for item in value]
    return value


def plain_nav(items: Any) -> None:
    """Section titles without tags (they may come from a client page's front matter)."""
    for item in items:
        if item.is_section:
            item.title = plain_title(item.title)
            plain_nav(item.children)


def inert_page_content(html: str, page: Any) -> str:
    """Titles without tags; a client page keeps only what Markdown writes."""
    page.title = plain_title(page.title)
    _plain_toc(page.toc)
    return clean_client_html(html) if is_client_page(page) else html


def final_pass(html: str) -> tuple[str, list[str]]:
    """The content of any page with only what :data:`~macros.render.sanitize.PAGE_POLICY`
    allows, and what had to be removed (empty for a page as the kit writes it)."""
    return clean_page_html(html), disallowed(html)


def _plain_toc(items: Any) -> None:
    for item in items:
        item.title = plain_title(item.title)
        _plain_toc(item.children)

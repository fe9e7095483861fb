"""Client-written HTML made inert: an allow-list of the tags Markdown writes.

A client's extra pages (``kits/clients/<slug>/pages/*.md``) are Markdown typed
by a consultant, possibly pasted from a client's e-mail. Python-Markdown lets
raw HTML through, so ``<script>``, ``onerror=`` or ``style="background:
url(https://tracker)"`` would reach readers. :func:`sanitize_html` keeps the
elements and attributes that Markdown and the kit's extensions produce, and
writes anything else back as visible, escaped text: the reader sees what was
typed, nothing runs, nothing loads from elsewhere.

Titles (navigation, ``<title>``, table of contents) are printed unescaped by
the theme: :func:`plain_title` takes every tag and angle bracket out of them.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

__all__ = ["ALLOWED_TAGS", "plain_title", "safe_url", "sanitize_html"]

ALLOWED_TAGS = frozenset(
    "a abbr b blockquote br caption code col colgroup dd del details div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s small span strong sub summary sup "
    "table tbody td tfoot th thead tr u ul".split()
)
_VOID = frozenset({"br", "col", "hr", "img"})
_COMMON_ATTRS = frozenset({"id", "class", "title", "lang", "dir"})
_TAG_ATTRS = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "abbr": {"title"},
    "col": {"span"},
}
_URL_ATTRS = {"href", "src"}
_SAFE_SCHEMES = ("http", "https", "mailto", "tel")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
REMOVED_LINK = "#lien-retire"


def safe_url(value: str) -> bool:
    """A relative URL, an anchor, or http(s)/mailto/tel: never ``javascript:``, ``data:``..."""
    compact = _INVISIBLE.sub("", value)
    match = _SCHEME.match(compact)
    return match is None or match[1].lower() in _SAFE_SCHEMES


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        allowed = _COMMON_ATTRS | _TAG_ATTRS.get(tag, set())
        kept = []
        for name, value in attrs:
            if name not in allowed:
                continue
            value = value or ""
            if name in _URL_ATTRS and not safe_url(value):
                value = REMOVED_LINK if name == "href" else ""
            kept.append(f' {name}="{html.escape(value, quote=True)}"')
        return "".join(kept)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ALLOWED_TAGS:
            self.out.append(f"<{tag}{self._attrs(tag, attrs)}>")
        else:
            self.out.append(html.escape(self.get_starttag_text() or f"<{tag}>"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ALLOWED_TAGS:
            self.out.append(f"<{tag}{self._attrs(tag, attrs)}>" + ("" if tag in _VOID else f"</{tag}>"))
        else:
            self.out.append(html.escape(self.get_starttag_text() or f"<{tag}/>"))

    def handle_endtag(self, tag: str) -> None:
        if tag in ALLOWED_TAGS and tag not in _VOID:
            self.out.append(f"</{tag}>")
        elif tag not in ALLOWED_TAGS:
            self.out.append(html.escape(f"</{tag}>"))

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def unknown_decl(self, data: str) -> None:
        self.out.append(html.escape(f"<![{data}]>"))

    # Comments, doctype and processing instructions are dropped: never shown, never kept.
    def handle_comment(self, data: str) -> None:
        pass

    def handle_decl(self, decl: str) -> None:
        pass

    def handle_pi(self, data: str) -> None:
        pass


def sanitize_html(fragment: str) -> str:
    """``fragment`` with only allowed tags and attributes; the rest as escaped text."""
    parser = _Sanitizer()
    parser.feed(fragment)
    parser.close()
    if parser.rawdata:  # an unfinished tag at the very end: show it as text
        parser.out.append(html.escape(parser.rawdata))
    return "".join(parser.out)


_TAG = re.compile(r"<[^>]*>")


def plain_title(title: str | None) -> str | None:
    """A title without markup, safe where the theme prints it unescaped."""
    if title is None:
        return None
    text = _TAG.sub("", html.unescape(str(title)))
    return " ".join(text.replace("<", "‹").replace(">", "›").replace('"', "”").split())

"""No third party, enforced: a built page that would load something from another site fails.

The RGPD promise of the kit is that a reader's browser asks nothing of anyone
but the site it reads: no font, image, script, style or frame from elsewhere
(each such request tells a third party who reads what). Links to other sites
are fine: the browser loads nothing until the reader follows one.

Every page of both sites is read once written (``on_post_page``), the theme's
parts included; each external resource is reported with the page and, where
it can be found, the line of the source that brought it: the page itself, or
the field of ``client.yml`` whose text it is.

Material's ``privacy`` plugin was measured for the same job (December 2026,
Material 9.8.2, this machine): by default it downloads the external assets
(offline: a warning per asset, then a Python traceback); with
``assets_fetch: false`` it refuses them as strict-mode warnings, in English,
naming the page file but not the line nor the field, and it also flags the
Mermaid loader inside Material's own bundle, which the kit never triggers; a
5-line site took 4.5 s to build with it. This check says which line or field
brought the address, in French, and costs about 3 ms for the demo's 20 pages
(a cheap look for ``//`` first, a parse of the page only when one may load).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from macros.errors import Problem

__all__ = [
    "ExternalResource",
    "css_urls",
    "external_resources",
    "is_external",
    "line_of",
    "locate",
    "problem",
]

_ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE
)
# Link relations that only name a page (navigation): the browser loads nothing.
_NAVIGATION_RELS = {
    "canonical",
    "alternate",
    "next",
    "prev",
    "author",
    "license",
    "help",
    "bookmark",
    "me",
    "search",
}
_RESOURCE_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "iframe": ("src",),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "embed": ("src",),
    "object": ("data",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"), "frame": ("src",),
}  # fmt: skip


@dataclass(frozen=True)
class ExternalResource:
    url: str
    element: str


def css_urls(css: str) -> list[str]:
    """Every ``url(…)`` and ``@import`` of a style sheet or ``style`` attribute."""
    return [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(css) if any(m.groups())]


def is_external(url: str) -> bool:
    """An address on another host (``https://…``, ``//…``); ``data:`` and relative ones are local."""
    return bool(_ABSOLUTE.match(html.unescape(url))) and not url.strip().lower().startswith("data:")


class _ResourceFinder(HTMLParser):
    """URLs that a browser fetches while showing a page (links to other pages excluded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[ExternalResource] = []
        self._in_style = False

    def _add(self, element: str, urls: list[str]) -> None:
        self.found += [ExternalResource(u.strip(), element) for u in urls if is_external(u)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and not set(values.get("rel", "").lower().split()) <= _NAVIGATION_RELS:
            self._add("<link>", [values.get("href", "")])
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self._add("<meta refresh>", [values.get("content", "").partition("url=")[2]])
        for attr in _RESOURCE_ATTRS.get(tag, ()):
            self._add(
                f"<{tag}>", [part.split()[0] for part in values.get(attr, "").split(",") if part.strip()]
            )
        self._add(f"<{tag} style>", css_urls(values.get("style", "")))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._add("<style>", css_urls(data))


# Every external address holds ``//`` (or hides it behind a character reference);
# finding those with ``str.find`` and judging the few characters before each is a
# hundred times cheaper than parsing the page, which is done only when one of
# them may load something.
_BEFORE_ADDRESS = re.compile(
    r"""(?:\b(?:src|srcset|poster|data|href|url)\s*=\s*["']?[^"'>]*?|url\(\s*["']?|@import\s+(?:url\()?["']?)"""
    r"""\s*(?:[a-z][a-z0-9+.-]*:)?\Z""",
    re.IGNORECASE,
)
_ANCHOR_OR_XMLNS = re.compile(
    r"<a\s[^<>]*\Z|xmlns(?::\w+)?\s*=\s*[\"']?[^\"'>]*\Z|<link\b[^<>]*\brel=[\"']?canonical", re.IGNORECASE
)


def _may_load_from_elsewhere(page_html: str) -> bool:
    for marker in ("//", "&#"):
        index = page_html.find(marker)
        while index >= 0:
            before = page_html[max(0, index - 200) : index]
            if _BEFORE_ADDRESS.search(before) and not _ANCHOR_OR_XMLNS.search(before):
                return True
            index = page_html.find(marker, index + 2)
    return False


def external_resources(page_html: str) -> list[ExternalResource]:
    """Every resource of another site that ``page_html`` makes a browser load."""
    if not _may_load_from_elsewhere(page_html):
        return []
    finder = _ResourceFinder()
    finder.feed(page_html)
    finder.close()
    return list(dict.fromkeys(finder.found))


def line_of(text: str, needle: str) -> int | None:
    """The line of ``text`` where ``needle`` first appears (1 for the first), if it does."""
    index = text.find(needle)
    return None if index < 0 else text.count("\n", 0, index) + 1


def locate(url: str, sources: list[tuple[str, Path]]) -> tuple[str, int | None] | None:
    """The first source (shown name, file) whose text holds ``url``, with its line."""
    for shown, path in sources:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for needle in dict.fromkeys((url, html.unescape(url), url.split("//", 1)[-1].split("/")[0])):
            line = line_of(text, needle) if needle else None
            if line is not None:
                return shown, line
    return None


def problem(resource: ExternalResource, page: str, sources: list[tuple[str, Path]]) -> Problem:
    """The French message for one external resource of one page."""
    message = (
        f"ressource d’un autre site « {resource.url} » ({resource.element}, page {page}) : "
        "aucune ressource tierce n’est permise (RGPD) ; copiez le fichier dans le dossier du client"
    )
    found = locate(resource.url, sources)
    if found is None:
        return Problem(page, message)
    return Problem(found[0], message, found[1])

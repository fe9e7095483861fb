"""The one sanitizing choke point: allow-lists of what a page may contain.

Three layers stand between what a client types and what a reader's browser runs;
each exists because the one before cannot see everything:

1. **Escaping** (:mod:`macros.render.html`): text from ``client.yml`` and
   ``kits/`` is written as text, HTML and Markdown signs included. It shows
   the text exactly as typed, which a sanitizer cannot (it removes).
2. **Client pages** (``pages/*.md``) are Markdown typed by a consultant,
   possibly pasted from an e-mail: they are rendered with a fixed, safe set of
   Markdown extensions (no ``attr_list``, no ``md_in_html``; raw HTML shown
   as text, see :mod:`macros.site.client_pages`), then cleaned by
   :func:`clean_client_html`, an allow-list of what that Markdown writes.
3. **Every page of both sites**, the kit's own included, goes through
   :func:`clean_page_html` last: a widget written tomorrow that forgets to
   escape cannot put an event handler, a script or a ``javascript:`` link on
   a page. :func:`disallowed` names what this pass would remove, so that the
   build can say so instead of silently changing a page.

The cleaning is done by nh3 (bindings to the Rust ``ammonia`` crate, a
maintained HTML5 parser and sanitizer): a hand-written filter over regular
expressions or ``html.parser`` sees HTML differently from a browser, ammonia
parses it as a browser does. URLs keep an allow-list of schemes (http, https,
mailto, tel and relative addresses), judged once whitespace and control
characters are removed (``java\\nscript:`` is ``javascript:``).

Titles (navigation, ``<title>``, table of contents) are printed unescaped by
the theme: :func:`plain_title` takes every tag and angle bracket out of them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

from macros.errors import printable
from macros.render.html import without_bidi_controls

__all__ = [
    "CLIENT_POLICY",
    "PAGE_POLICY",
    "Policy",
    "clean_client_html",
    "clean_page_html",
    "disallowed",
    "plain_title",
    "safe_url",
]

SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]+")
_URL_ATTRS = frozenset({"href", "src", "xlink:href", "action", "formaction", "poster", "data", "cite"})


def safe_url(value: str) -> bool:
    """A relative URL, an anchor, or http(s)/mailto/tel: never ``javascript:``, ``data:``..."""
    compact = _INVISIBLE.sub("", html.unescape(value))
    match = _SCHEME.match(compact)
    return match is None or match[1].lower() in SAFE_SCHEMES


@dataclass(frozen=True)
class Policy:
    """Elements and attributes a fragment may keep (attribute names as HTML5 spells them)."""

    tags: frozenset[str]
    common: frozenset[str]
    per_tag: dict[str, frozenset[str]]
    prefixes: frozenset[str] = frozenset()

    def allows(self, tag: str, attribute: str) -> bool:
        attribute = attribute.lower()
        allowed = self.common | self.per_tag.get(tag, frozenset())
        return attribute in {a.lower() for a in allowed} or any(
            attribute.startswith(p) for p in self.prefixes
        )

    def attributes(self) -> dict[str, set[str]]:
        return {"*": set(self.common), **{tag: set(names) for tag, names in self.per_tag.items()}}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MARKDOWN_TAGS = _words(
    "a abbr b blockquote br caption code col colgroup dd del details div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s small span strong sub summary sup "
    "table tbody td tfoot th thead tr u ul"
)
_MARKDOWN_ATTRS = {
    "a": _words("href"),
    "img": _words("src alt width height"),
    "td": _words("colspan rowspan align"),
    "th": _words("colspan rowspan scope align"),
    "ol": _words("start reversed"),
    "details": _words("open"),
    "col": _words("span"),
}

CLIENT_POLICY = Policy(_MARKDOWN_TAGS, _words("id class title lang dir"), _MARKDOWN_ATTRS)
"""What Markdown (with the extensions of a client page) writes: nothing else."""

_SVG_SHAPE = _words(
    "fill fill-opacity stroke stroke-width stroke-dasharray stroke-linecap stroke-linejoin opacity transform"
)
_SVG_TEXT = _words("x y dx dy text-anchor dominant-baseline font-size font-weight font-style font-family")
PAGE_POLICY = Policy(
    _MARKDOWN_TAGS
    | _words("article aside footer header nav section time cite dfn data wbr address")
    | _words("svg g defs title desc pattern line rect circle ellipse path polygon polyline text tspan")
    | _words("linearGradient radialGradient stop clipPath marker symbol use"),
    _words("id class title lang dir role tabindex hidden"),
    {
        **_MARKDOWN_ATTRS,
        "a": _words("href download hreflang target rel type"),
        "img": _MARKDOWN_ATTRS["img"] | _words("loading decoding"),
        "li": _words("value"),
        "time": _words("datetime"),
        "data": _words("value"),
        "svg": _words("xmlns viewBox width height preserveAspectRatio font-family focusable"),
        "g": _SVG_SHAPE,
        "pattern": _words("id x y width height patternUnits patternTransform patternContentUnits"),
        "line": _SVG_SHAPE | _words("x1 y1 x2 y2"),
        "rect": _SVG_SHAPE | _words("x y width height rx ry"),
        "circle": _SVG_SHAPE | _words("cx cy r"),
        "ellipse": _SVG_SHAPE | _words("cx cy rx ry"),
        "path": _SVG_SHAPE | _words("d"),
        "polygon": _SVG_SHAPE | _words("points"),
        "polyline": _SVG_SHAPE | _words("points"),
        "text": _SVG_SHAPE | _SVG_TEXT,
        "tspan": _SVG_SHAPE | _SVG_TEXT,
        "linearGradient": _words("x1 y1 x2 y2 gradientUnits gradientTransform"),
        "radialGradient": _words("cx cy r fx fy gradientUnits gradientTransform"),
        "stop": _words("offset stop-color stop-opacity"),
        "marker": _words("viewBox refX refY markerWidth markerHeight orient markerUnits"),
        "symbol": _words("viewBox preserveAspectRatio"),
        "use": _words("href x y width height"),
    },
    prefixes=frozenset({"aria-", "data-"}),
)
"""What the kit's pages and widgets write (Markdown, tables, inline SVG charts).

A widget that needs another element or attribute adds it here, knowingly:
the build names anything this pass removes (:func:`disallowed`)."""


def _clean(fragment: str, policy: Policy) -> str:
    # html5ever writes U+00A0 as "&nbsp;": the French no-break spaces stay characters, as typed.
    # It also writes "&#8238;" as the character: bidi controls are taken out after it (see
    # macros.render.html: U+202E would show a client page's « gnp.exe » reversed).
    return without_bidi_controls(_nh3_clean(fragment, policy).replace("&nbsp;", "\u00a0"))


def _nh3_clean(fragment: str, policy: Policy) -> str:
    return nh3.clean(
        fragment,
        tags=set(policy.tags),
        attributes=policy.attributes(),
        generic_attribute_prefixes=set(policy.prefixes) or None,
        url_schemes=set(SAFE_SCHEMES),
        attribute_filter=_filter_url,
        link_rel=None,  # ammonia would add rel="noopener noreferrer" to every link
        strip_comments=True,
    )


def _filter_url(tag: str, attribute: str, value: str) -> str | None:
    """ammonia checks the schemes of the URL attributes it knows; this covers the others
    (``use href``), and judges every URL once invisible characters are taken out.
    Material's own ``data-md-*`` attributes drive its scripts (one loads from GitHub):
    page content never sets them."""
    if attribute.lower().startswith("data-md-"):
        return None
    if attribute.lower() in _URL_ATTRS and not safe_url(value):
        return None
    if tag == "use" and attribute == "href" and not value.startswith("#"):
        return None  # an SVG <use> may only point inside the page
    return value


def clean_client_html(fragment: str) -> str:
    """A client page's HTML (as Markdown wrote it) with only :data:`CLIENT_POLICY`."""
    return _clean(fragment, CLIENT_POLICY)


def clean_page_html(fragment: str) -> str:
    """The content of any page with only :data:`PAGE_POLICY`."""
    return _clean(fragment, PAGE_POLICY)


class _Finder(HTMLParser):
    """What in a fragment :func:`_clean` would take out, in words."""

    def __init__(self, policy: Policy) -> None:
        super().__init__(convert_charrefs=True)
        self.policy = policy
        self.found: list[str] = []
        self._tags = {t.lower(): t for t in policy.tags}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = self._tags.get(tag)
        if name is None:
            self.found.append(f"élément <{tag}>")
            return
        for attribute, value in attrs:
            if not self.policy.allows(name, attribute) or attribute.startswith("data-md-"):
                self.found.append(f"attribut « {attribute} » de <{tag}>")
            elif attribute in _URL_ATTRS and not safe_url(value or ""):
                self.found.append(f"adresse « {printable((value or '').strip()[:60])} » de <{tag}>")
            elif name == "use" and attribute == "href" and not (value or "").startswith("#"):
                self.found.append(f"adresse « {printable((value or '').strip()[:60])} » de <{tag}>")


_START_TAG = re.compile(r"<([a-zA-Z][\w:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _looks_allowed(fragment: str, policy: Policy) -> bool:
    """A quick look with regular expressions: True when no tag, attribute or URL is out of
    the allow-list, which spares the slower parse of :func:`disallowed` for most pages."""
    tags = {t.lower() for t in policy.tags}
    for match in _START_TAG.finditer(fragment):
        tag = match[1].lower()
        if tag not in tags:
            return False
        for attribute in _ATTRIBUTE.finditer(match[2]):
            name, value = attribute[1], next((g for g in attribute.groups()[1:] if g is not None), "")
            if not policy.allows(tag, name) or name.lower().startswith("data-md-"):
                return False
            if name.lower() in _URL_ATTRS and not safe_url(value):
                return False
            if tag == "use" and name.lower() == "href" and not value.startswith("#"):
                return False
    return "<!" not in fragment.replace("<!--", "")


def disallowed(fragment: str, policy: Policy = PAGE_POLICY) -> list[str]:
    """Elements, attributes and URLs of ``fragment`` that ``policy`` does not allow."""
    if _looks_allowed(fragment, policy):
        return []
    finder = _Finder(policy)
    finder.feed(fragment)
    finder.close()
    return list(dict.fromkeys(finder.found))


_TAG = re.compile(r"<[^>]*>")


def plain_title(title: str | None) -> str | None:
    """A title without markup, safe where the theme prints it unescaped."""
    if title is None:
        return None
    text = _TAG.sub("", without_bidi_controls(html.unescape(str(title))))
    return " ".join(text.replace("<", "‹").replace(">", "›").replace('"', "”").split())

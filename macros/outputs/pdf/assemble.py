"""One print document from built pages: cover, contents, numbered chapters.

The content of each page is taken from the built site (``<article>`` of the
Material page), so a PDF prints exactly what the site shows, without the
screen chrome (navigation, header, search, footer, permalinks). Every id is
prefixed by its chapter so that pages cannot collide, and every link to a
page of the same book becomes a link inside the PDF; a link to a page that
is not in the book keeps its text only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from posixpath import normpath
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from lxml import etree
from markupsafe import Markup

from macros.compute.fmt import day
from macros.errors import KitError, Problem, display_path
from macros.outputs.pdf.names import WORKSHEET_FILE
from macros.outputs.pdf.sources import Page
from macros.render.html import esc, join, tag
from macros.render.typography import french_html
from macros.settings import PROJECT_DIR

__all__ = ["BASE_URL", "Assembled", "BookInfo", "assemble"]

#: Fixed base of every resource URL: the PDF never depends on the checkout
#: path, and the fetcher refuses anything else (``.invalid`` never resolves).
BASE_URL = "https://livret.invalid/"

#: Screen-only elements left out of the print document: tags, and classes.
_DROP_TAGS = {"script", "noscript", "form", "input", "button"}
_DROP_CLASSES = {"headerlink", "md-content__button", "md-source-file", "kit-ecran-seul"}
_IDREF_ATTRS = ("aria-labelledby", "aria-describedby", "aria-controls", "headers", "for", "list")
_URL_REF = re.compile(r"url\(\s*#([^)\s]+)\s*\)")
SVG_FONTS = "IBM Plex Sans, Kit Symboles, sans-serif"
_OWN_NUMBER = re.compile(r"^\s*\d+(?:\.\d+)*[.)]\s+")


@dataclass(frozen=True)
class BookInfo:
    """What the cover, the metadata and the running header say."""

    kind: str  # elus, agents, feuille
    audience_label: str  # "Livret des élus"
    collectivity: str
    project: str
    firm: str
    firm_tagline: str
    version: str
    day: date
    """The build's date (metadata): ``SOURCE_DATE_EPOCH`` for reproducible files."""
    page_size: str = "A4"
    version_day: date | None = None
    """The date of the kit version, printed on the cover (the build's date otherwise)."""


def _article(page: Page, doc: etree._Element) -> etree._Element:
    found = doc.find_class("md-content__inner")
    if not found:
        raise KitError(
            [
                Problem(
                    display_path(page.html_path, PROJECT_DIR),
                    "page construite sans contenu <article> : le site est-il construit avec le thème du kit ?",
                )
            ]
        )
    return found[0]


def _styles(page: Page, doc: etree._Element) -> list[str]:
    """Stylesheets of the kit and of the pages, not Material's screen theme."""
    out = []
    for link in doc.iter("link"):
        href = link.get("href", "")
        if link.get("rel") != "stylesheet" or "assets/stylesheets/" in href or urlsplit(href).scheme:
            continue
        out.append(urljoin(BASE_URL + page.url, href.split("?")[0]))
    return out


class _Chapter:
    def __init__(self, page: Page, number: int, prefix: str):
        self.page = page
        self.number = number
        self.prefix = prefix
        doc = lxml.html.document_fromstring(page.html_path.read_text(encoding="utf-8"))
        self.article = _article(page, doc)
        self.styles = _styles(page, doc)
        self.inline_styles = [el.text or "" for el in doc.head.iter("style")]
        self.ids: dict[str, str] = {}
        self.headings: list[tuple[str, str, str, str]] = []  # level, id, number, text

    def ident(self, local: str) -> str:
        return f"{self.prefix}--{local}"


def _drop_chrome(article: etree._Element) -> None:
    doomed = [
        el
        for el in article.iter()
        if isinstance(el.tag, str)
        and (el.tag in _DROP_TAGS or _DROP_CLASSES.intersection(el.get("class", "").split()))
    ]
    for el in doomed:
        el.drop_tree()
    for el in article.iter("details"):
        el.set("open", "open")


def _rename_ids(chapter: _Chapter) -> dict[str, str]:
    ids = {}
    for el in chapter.article.iter():
        if not isinstance(el.tag, str):
            continue
        local = el.get("id")
        if local:
            ids[local] = chapter.ident(local)
            el.set("id", ids[local])
    for el in chapter.article.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in _IDREF_ATTRS:
            if el.get(attr):
                el.set(attr, " ".join(ids.get(t, t) for t in el.get(attr).split()))
        for attr, value in el.attrib.items():
            if "url(#" in value:
                el.set(attr, _URL_REF.sub(lambda m: f"url(#{ids.get(m[1], m[1])})", value))
        if el.tag in ("use", "image", "textpath", "mpath") or el.tag.endswith("gradient"):
            for attr in ("href", "xlink:href"):
                value = el.get(attr, "")
                if value.startswith("#"):
                    el.set(attr, "#" + ids.get(value[1:], value[1:]))
    return ids


def _fix_links(chapter: _Chapter, by_url: dict[str, _Chapter]) -> None:
    page_abs = BASE_URL + chapter.page.url
    for el in list(chapter.article.iter("a")):
        href = el.get("href")
        if href is None:
            continue
        parts = urlsplit(href)
        if parts.scheme in ("mailto", "tel") or (
            parts.scheme in ("http", "https") and not href.startswith(BASE_URL)
        ):
            continue  # a real outside link stays a link (it is never fetched)
        if parts.scheme and not href.startswith(BASE_URL):
            el.drop_tag()
            continue
        target = urlsplit(urljoin(page_abs, href))
        path = unquote(target.path).lstrip("/")
        path = normpath(path) if path else ""
        path = "" if path in (".", "index.html") else path.removesuffix("index.html")
        if path and not path.endswith("/") and "." not in path.rsplit("/", 1)[-1]:
            path += "/"
        dest = by_url.get(path)
        if dest is None:
            el.drop_tag()  # not in this book: keep the words, not a dead link
            continue
        fragment = unquote(target.fragment)
        el.set("href", "#" + (dest.ids[fragment] if fragment in dest.ids else dest.prefix))
        el.attrib.pop("target", None)


def _absolute_resources(chapter: _Chapter) -> None:
    page_abs = BASE_URL + chapter.page.url
    for el in chapter.article.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("src", "poster", "data"):
            value = el.get(attr)
            if value and not value.startswith("data:"):
                el.set(attr, urljoin(page_abs, value))
        if el.tag == "image":
            for attr in ("href", "xlink:href"):
                value = el.get(attr)
                if value and not value.startswith(("#", "data:")):
                    el.set(attr, urljoin(page_abs, value))
        if el.get("srcset"):
            del el.attrib["srcset"]


def check_alternatives(chapter: _Chapter) -> list[Problem]:
    """Every image and chart must carry its text alternative into the PDF."""
    shown = display_path(chapter.page.src_path, PROJECT_DIR)
    problems = []
    if not any(el.text_content().strip() for el in chapter.article.iter("h1")):
        problems.append(
            Problem(shown, "page sans titre : donnez-lui un titre « # … » ou un « title » dans son en-tête")
        )
    for el in chapter.article.iter("img"):
        if not (el.get("alt") or "").strip():
            problems.append(
                Problem(
                    shown,
                    f"image sans texte de remplacement (alt) : « {el.get('src', '?').rsplit('/', 1)[-1]} »",
                )
            )
    for n, el in enumerate(chapter.article.iter("svg"), start=1):
        if any(a.tag == "svg" for a in el.iterancestors()):
            continue
        title = el.find("title")
        if title is None or not title.text_content().strip():
            problems.append(
                Problem(
                    shown,
                    f'graphique SVG n° {n} sans <title> : ajoutez role="img", <title> et <desc> pour le livret PDF',
                )
            )
    return problems


def _svg_fonts(chapter: _Chapter) -> None:
    """WeasyPrint draws SVG text in its own default font (the machine's
    sans-serif) unless told: inline charts get the book's bundled fonts."""
    for el in chapter.article.iter("svg"):
        if el.get("font-family", "inherit") == "inherit" and not any(
            a.tag == "svg" for a in el.iterancestors()
        ):
            el.set("font-family", SVG_FONTS)


#: The A3 sheets of a worksheet page (the sheets per public, the blank one, the cards).
_SHEET_CLASS = "kit-worksheet"


def _is_sheet(el: etree._Element) -> bool:
    return _SHEET_CLASS in (el.get("class") or "").split()


def _sheets_apart(chapter: _Chapter) -> None:
    """A worksheet page in a book keeps its text, not its A3 sheets: they are
    printed once, in their own A3 PDF, instead of a second time inside the A4
    book (for the large client of ``bench/``, about half of the agents'
    booklet, of its time and of its memory). A note says where they are."""
    sheets = [
        el
        for el in chapter.article.iter()
        if isinstance(el.tag, str) and _is_sheet(el) and not any(_is_sheet(a) for a in el.iterancestors())
    ]
    if not sheets:
        return
    name = tag("span", WORKSHEET_FILE, class_="kit-livret__fichier")  # never cut at its hyphens
    words = (
        "Les fiches de cet atelier sont imprimées à part, une par feuille A3 paysage\u00a0: fichier «\u00a0"
    )
    note = tag(
        "p", join([esc(words), name, esc("\u00a0», à côté de ce livret.")], ""), class_="kit-livret__a-part"
    )
    sheets[0].addprevious(lxml.html.fragment_fromstring(str(note)))
    for el in sheets:
        el.drop_tree()


def _flat_strips(chapter: _Chapter) -> None:
    """Each scoring strip of a worksheet (five boxes 0 to 4, the room's score
    marked) becomes one box drawn by a picture of the five boxes (``print/
    bande-*.svg``, one per score and one blank). WeasyPrint keeps a text layout
    and several boxes for every digit of every box until the PDF is written:
    the large client's worksheet has 2 112 strips, 10 560 boxes, and most of
    the step's memory went there. The strip keeps its words for screen readers
    (« note 3 sur 4 »); the boxes were already hidden from them."""
    for strip in chapter.article.find_class("kit-strip"):
        boxes = [el for el in strip if "kit-strip__box" in (el.get("class") or "").split()]
        if len(boxes) != 5:
            continue  # not the 0-4 strip this picture draws: left as it is
        marked = [n for n, el in enumerate(boxes) if "kit-strip__box--on" in el.get("class", "").split()]
        for el in boxes:
            el.drop_tree()
        score = str(marked[0]) if len(marked) == 1 else "vide"
        strip.set("class", f"{strip.get('class')} kit-strip--image kit-strip--{score}")


#: A table with more columns than this does not fit across an A4 portrait page
#: (the score tables of a client with ten publics have eleven: the last ones
#: were cut off at the right edge); the demo's widest has nine.
WIDE_COLUMNS = 9
_LANDSCAPE_CLASS = "kit-livret__paysage"


def _columns(table: etree._Element) -> int:
    return max(
        (sum(int(c.get("colspan") or 1) for c in row if c.tag in ("td", "th")) for row in table.iter("tr")),
        default=0,
    )


def _mark_landscape(el: etree._Element) -> None:
    classes = (el.get("class") or "").split()
    if _LANDSCAPE_CLASS not in classes:
        el.set("class", " ".join([*classes, _LANDSCAPE_CLASS]))


#: At most this many blocks before a landscape block (its heading and a
#: sentence or two introducing it) turn with it.
_INTRO_BLOCKS = 3
_HEADINGS = ("h1", "h2", "h3", "h4")


def _landscape_tables(chapter: _Chapter) -> None:
    """The block holding a table too wide for an A4 portrait page (a child of
    the article: the table itself, or the figure or details around it) is
    printed on A4 landscape pages (``@page paysage`` of ``livret.css``):
    every column readable, each table on one page instead of two, its last
    columns no longer cut off. The heading just before it, and the few blocks
    between that heading and it, turn with it: a change of page size breaks
    the page, and the heading would stay alone at the bottom of the page
    before."""
    article = chapter.article
    for table in list(article.iter("table")):
        if _columns(table) <= WIDE_COLUMNS:
            continue
        block = table
        while block.getparent() is not None and block.getparent() is not article:
            block = block.getparent()
        _mark_landscape(block)
        before = []
        for sibling in block.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str) or _LANDSCAPE_CLASS in (sibling.get("class") or "").split():
                break
            before.append(sibling)
            if sibling.tag in _HEADINGS or len(before) > _INTRO_BLOCKS:
                break
        if before and before[-1].tag in _HEADINGS:
            for sibling in before:
                _mark_landscape(sibling)


_BOLD_CELL_CLASS = "kit-livret__fort"
_SHORT = 12


def _bold_cells(chapter: _Chapter) -> None:
    """A table cell holding only a short emphasised value (a score:
    ``<td><strong>3</strong></td>``) is printed as a bold cell: the same
    drawing and words, without the inline box and the text layout of its own
    that WeasyPrint keeps for the ``<strong>`` of every cell of every page
    (for the large client's score tables, 3 000 cells: a tenth of the agents'
    booklet's memory and time)."""
    for cell in chapter.article.iter("td", "th"):
        if len(cell) != 1 or (cell.text or "").strip():
            continue
        inner = cell[0]
        text = inner.text or ""
        if (
            inner.tag not in ("strong", "b")
            or len(inner)
            or inner.attrib
            or (inner.tail or "").strip()
            or len(text) > _SHORT
        ):
            continue
        cell.remove(inner)
        cell.text = text
        cell.set("class", " ".join([*(cell.get("class") or "").split(), _BOLD_CELL_CLASS]))


def _ensure_title(chapter: _Chapter) -> None:
    """A page without a level-1 heading gets its front matter title as one."""
    if not any(el.text_content().strip() for el in chapter.article.iter("h1")) and chapter.page.title:
        title = tag("h1", chapter.page.title, id=chapter.ident("titre"))
        chapter.article.insert(0, lxml.html.fragment_fromstring(str(title)))


def _number_headings(chapter: _Chapter) -> None:
    article = chapter.article
    sub = 0
    seen_h1 = False
    for el in article.iter("h1", "h2"):
        if el.tag == "h1" and not seen_h1:
            seen_h1 = True
            num = str(chapter.number)
            el.set("class", (el.get("class", "") + " kit-livret__titre").strip())
        else:
            if el.tag == "h1":  # a second h1 in a page reads as a section
                el.tag = "h2"
            sub += 1
            num = f"{chapter.number}.{sub}"
        if not el.get("id"):
            el.set("id", chapter.ident(f"section-{num}"))
        # the book numbers its sections: a page's own "3. Title" loses its number
        el.text = _OWN_NUMBER.sub("", el.text or "", count=1)
        text = " ".join(el.text_content().split())
        span = etree.Element("span")
        span.set("class", "kit-livret__num")
        span.text = num
        span.tail = " " + el.text
        el.text = None
        el.insert(0, span)
        chapter.headings.append((el.tag, el.get("id"), num, text))


def _cover(info: BookInfo) -> Markup:
    return tag(
        "section",
        join(
            [
                tag("p", info.firm, class_="kit-livret__cabinet"),
                tag("p", info.firm_tagline, class_="kit-livret__signature"),
                tag("p", info.collectivity, class_="kit-livret__client"),
                tag("p", info.project, class_="kit-livret__projet"),
                tag("p", info.audience_label, class_="kit-livret__public"),
                tag(
                    "dl",
                    join(
                        [
                            tag(
                                "div",
                                tag("dt", "Date") + tag("dd", day(info.version_day or info.day)),
                                class_="kit-livret__meta",
                            ),
                            tag(
                                "div",
                                tag("dt", "Version") + tag("dd", info.version),
                                class_="kit-livret__meta",
                            ),
                            tag(
                                "div",
                                tag("dt", "Préparé par") + tag("dd", info.firm),
                                class_="kit-livret__meta",
                            ),
                        ]
                    ),
                    class_="kit-livret__metas",
                ),
            ]
        ),
        class_="kit-livret__couverture",
        data_cabinet=info.firm,
        data_version=info.version,
    )


def _contents(chapters: list[_Chapter]) -> Markup:
    items = []
    for chapter in chapters:
        top = next((h for h in chapter.headings if h[0] == "h1"), None)
        subs = [h for h in chapter.headings if h[0] == "h2"]
        if top is None:
            continue
        link = tag(
            "a", tag("span", top[2], class_="kit-livret__num") + Markup(" ") + esc(top[3]), href="#" + top[1]
        )
        inner = ""
        if subs:
            inner = tag(
                "ol",
                join(
                    tag(
                        "li",
                        tag(
                            "a",
                            tag("span", h[2], class_="kit-livret__num") + Markup(" ") + esc(h[3]),
                            href="#" + h[1],
                        ),
                    )
                    for h in subs
                ),
            )
        items.append(tag("li", link + inner))
    return tag(
        "nav",
        tag("h1", "Sommaire", class_="kit-livret__sommaire-titre", id="sommaire") + tag("ol", join(items)),
        class_="kit-livret__sommaire",
        aria_labelledby="sommaire",
    )


@dataclass(frozen=True)
class Assembled:
    html: str
    labels: dict[str, str]
    """Anchor id -> words describing where an internal link leads."""


def _labels(chapters: list[_Chapter]) -> dict[str, str]:
    labels = {}
    for chapter in chapters:
        title = next(
            (f"{h[2]} {h[3]}" for h in chapter.headings if h[0] == "h1"),
            chapter.page.title or chapter.page.src_uri,
        )
        labels[chapter.prefix] = title
        labels.update(dict.fromkeys(chapter.ids.values(), title))
        labels.update({h[1]: f"{h[2]} {h[3]}" for h in chapter.headings})
    return labels


def assemble(
    pages: list[Page],
    info: BookInfo,
    *,
    book: bool = True,
    stylesheet: str = "pdf/livret.css",
    sheets_apart: bool = False,
) -> Assembled:
    """The whole print document: a book (cover, contents, numbered headings)
    or, with ``book=False``, the pages one after the other. ``sheets_apart``:
    the A3 sheets of the worksheet pages have their own PDF; the book says so
    instead of printing them a second time."""
    if not pages:
        raise ValueError("no page")
    chapters = [_Chapter(p, n, f"c{n}-{p.slug}") for n, p in enumerate(pages, start=1)]
    by_url = {c.page.url: c for c in chapters}
    styles: list[str] = []
    inline: list[str] = []
    problems: list[Problem] = []
    for chapter in chapters:
        for href in chapter.styles:
            if href not in styles:
                styles.append(href)
        for text in chapter.inline_styles:
            if text not in inline:
                inline.append(text)
        _drop_chrome(chapter.article)
        if sheets_apart and chapter.page.worksheet:
            _sheets_apart(chapter)
        _flat_strips(chapter)
        _bold_cells(chapter)
        if book:
            _landscape_tables(chapter)
        chapter.ids = _rename_ids(chapter)
        _absolute_resources(chapter)
        _svg_fonts(chapter)
        _ensure_title(chapter)
        problems.extend(check_alternatives(chapter))
        if book:
            _number_headings(chapter)
    if problems:
        raise KitError(problems)
    for chapter in chapters:
        _fix_links(chapter, by_url)
    body = []
    for chapter in chapters:
        section = etree.Element("section")
        section.set("class", "kit-livret__chapitre")
        section.set("id", chapter.prefix)
        article = chapter.article
        article.tag = "div"
        article.attrib.clear()
        article.set("class", "kit-livret__contenu md-typeset")
        section.append(article)
        body.append(lxml.html.tostring(section, encoding="unicode"))
    title = f"{info.collectivity} — {info.project} — {info.audience_label}"
    head = join(
        [
            Markup('<meta charset="utf-8">'),
            tag("title", title),
            Markup('<meta name="author" content="{}">').format(info.firm),
            Markup('<meta name="dcterms.created" content="{}">').format(info.day.isoformat()),
            Markup('<meta name="dcterms.modified" content="{}">').format(info.day.isoformat()),
            *(Markup('<link rel="stylesheet" href="{}">').format(href) for href in styles),
            Markup('<link rel="stylesheet" href="{}">').format(BASE_URL + stylesheet),
            *(Markup("<style>{}</style>").format(Markup(text.replace("</", "<\\/"))) for text in inline),
        ]
    )
    # The cover and the contents are written here, not by the site: same French typography.
    parts = [Markup(french_html(str(_cover(info)))), _contents(chapters)] if book else []
    html_class = "kit-livret kit-livret--" + info.kind
    html = (
        "<!doctype html>\n"
        + f'<html lang="fr" class="{html_class}"><head>{head}</head><body>'
        + str(join(parts))
        + "\n".join(body)
        + "</body></html>"
    )
    return Assembled(html, _labels(chapters))

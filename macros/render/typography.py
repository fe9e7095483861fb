"""French typography, applied once to the text of every built page.

Why a final pass over the built HTML rather than rules in each template or a
Markdown extension: the words of a page come from four places (Markdown pages,
Jinja in those pages, Python widgets, Material's own templates), and the PDF
books are assembled from the built pages. One pass at ``on_post_page`` reaches
all of them, site and PDF alike, and nothing written later can forget it.
A Markdown extension would miss the widgets' HTML and Material's own words,
and rules in each template would be forgotten by the next widget. Measured on
the demo's 22 review pages: about 2 ms a page (text without punctuation is
skipped at once).

What it changes, in text only (never inside ``pre``, ``code``, ``kbd``,
``samp``, ``script``, ``style``, ``textarea``, never in an attribute, a
comment, an entity, a URL or an e-mail address):

- the straight apostrophe ``'`` becomes ’ (U+2019);
- "quoted" words become « quoted » words;
- a time of day written « 14:00 » or « 18h30 » becomes « 14 h », « 18 h 30 »;
- a no-break space inside numbers (« 3 200 ») and between a number and its
  unit (« 14 h », « 82 % », « 30 000 habitants »);
- a narrow no-break space (U+202F) before ``;`` ``!`` ``?`` ``»`` and after
  ``«``, a no-break space (U+00A0) before ``:`` -- replacing a plain space,
  or added when the text has none (« Pourquoi? » -> « Pourquoi ? »); a colon
  between digits that is not a time (``3:1``) or not followed by a space is left alone.

:func:`plain` undoes these changes, for checks that compare built text with
the data it came from (the leak check of the public site).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from macros.render.plain_language import explain_jargon

__all__ = ["NBSP", "NNBSP", "french_html", "french_page", "french_text", "plain"]

NBSP = "\u00a0"
NNBSP = "\u202f"

#: Elements whose text is code or machine text: left exactly as written.
_VERBATIM = {"pre", "code", "kbd", "samp", "var", "tt"}
#: Comments, tags, and elements whose content is not text at all (skipped in one piece).
_TOKEN = re.compile(r"<!--.*?-->|<(script|style|textarea)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
_VERBATIM_INITIALS = {"/", "p", "c", "k", "s", "v", "t"}
_QUOTED_CLASS = re.compile(r"""\bclass\s*=\s*["'][^"']*\bkit-verbatim\b""")
_TAG_NAME = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w:-]*)")

# Parts of a text that are not prose: entities, URLs, e-mail addresses.
_PROTECTED = re.compile(
    r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);"
    r"|\b(?:https?|ftp|mailto|tel|file):[^\s<>«»\"]+"
    r"|\bwww\.[^\s<>«»\"]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)
_QUOTE_ENTITIES = {"&#39;": "'", "&#x27;": "'", "&apos;": "'", "&quot;": '"', "&#34;": '"', "&nbsp;": NBSP}
_QUOTE_ENTITY = re.compile("|".join(map(re.escape, _QUOTE_ENTITIES)))

_SPACES = "[ \u00a0\u202f\u2009]"
_LETTER_BEFORE = r"(?<=[^\W\d_]|[)\]…’%€\d\ue001])"
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # "words" between straight quotes, not code that a page shows as typed (attr="value")
    (re.compile(r'(?:^|(?<=[\s(\[]))"([^"\n=<>]{1,300}?)"(?=[\s.,;:!?)\]…]|$)'), "«\u202f\\1\u202f»"),
    (re.compile("«" + _SPACES + "*(?=\\S)"), "«\u202f"),
    (re.compile("(?<=\\S)" + _SPACES + "*»"), "\u202f»"),
    (re.compile("^" + _SPACES + "+»"), "\u202f»"),  # the closing mark right after an inline tag
    (re.compile(_SPACES + "+([;!?])"), "\u202f\\1"),
    (re.compile(_LETTER_BEFORE + r"([;!?])(?=\s|$|[)\]»])"), "\u202f\\1"),
    # times of day as French writes them: « 14:00 », « 18h30 » -> « 14 h », « 18 h 30 »
    (re.compile(r"(?<![\w:.,/])([01]?\d|2[0-3])(?::|h)00(?![\d:])"), "\\1\u00a0h"),
    (re.compile(r"(?<![\w:.,/])([01]?\d|2[0-3])(?::|h)([0-5]\d)(?![\d:])"), "\\1\u00a0h\u00a0\\2"),
    (re.compile(r"(?<![\w:.,/])([01]?\d|2[0-3])h(?![\w])"), "\\1\u00a0h"),
    # numbers: digit groups (« 3 200 foyers ») and a number with its unit stay on one line
    (re.compile(r"(?<=\d) (?=\d{3}(?!\d))"), "\u00a0"),
    (
        re.compile(
            r"(?<=\d) (?=(?:€|%|h|min|km|m²|m|ans|jours?|heures?|mois|semaines?|minutes?|habitants|personnes|places)(?![\w-]))"
        ),
        "\u00a0",
    ),
    (re.compile(r"(?<=\d\u00a0h) (?=\d\d(?!\d))"), "\u00a0"),  # « 12 h 30 »
    (re.compile("[ \u202f\u2009]+:"), "\u00a0:"),
    (re.compile(r"(?<=[^\W\d_]|[)\]…’»%€\ue001])(:)(?=\s|$)"), "\u00a0:"),
)
_OPENS_HIGH = re.compile("^[;:!?»]")
_OPEN_AT_END = re.compile("«" + _SPACES + "*$")


_TRIGGERS = re.compile("[':;!?«»\"]|\\d[ h]")


def french_text(text: str) -> str:
    """The French typography rules on one piece of plain text (no HTML)."""
    if not _TRIGGERS.search(text):
        return text  # most text nodes: nothing to set, and the pass stays cheap
    saved: list[str] = []

    def keep(match: re.Match[str]) -> str:
        saved.append(match[0])
        return f"\ue000{len(saved) - 1}\ue001"

    text = _PROTECTED.sub(keep, text)
    text = text.replace("'", "\u2019")
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return re.sub("\ue000(\\d+)\ue001", lambda m: saved[int(m[1])], text)


def _tokens(html: str) -> Iterator[tuple[bool, str]]:
    """(is_text, piece) in document order."""
    last = 0
    for match in _TOKEN.finditer(html):
        if match.start() > last:
            yield True, html[last : match.start()]
        yield False, match[0]
        last = match.end()
    if last < len(html):
        yield True, html[last:]


class _Verbatim:
    """Where the text must stay as written: code elements, and any element of
    class ``kit-verbatim`` (what a citizen typed, quoted word for word)."""

    def __init__(self) -> None:
        self.code = 0
        self.quoted: str | None = None  # tag name of the open kit-verbatim element
        self.nest = 0

    def see(self, tag: str) -> None:
        self.code += _depth_change(tag)
        if self.quoted is None and "kit-verbatim" not in tag:
            return  # most tags: nothing opens (a page has thousands of them, the nav included)
        match = _TAG_NAME.match(tag)
        if not match or tag.endswith("/>"):
            return
        closing, name = bool(match[1]), match[2].lower()
        if self.quoted is None:
            if not closing and _QUOTED_CLASS.search(tag):
                self.quoted, self.nest = name, 1
        elif name == self.quoted:
            self.nest += -1 if closing else 1
            if self.nest == 0:
                self.quoted = None

    @property
    def active(self) -> bool:
        return self.code > 0 or self.quoted is not None


def french_html(html: str) -> str:
    """Every text node of ``html`` through :func:`french_text`; markup untouched."""
    out: list[str] = []
    previous: int | None = None  # index in ``out`` of the previous text, prose or code
    previous_is_prose = False
    verbatim = _Verbatim()
    for is_text, piece in _tokens(html):
        if not is_text:
            verbatim.see(piece)
            out.append(piece)
            continue
        if not piece.strip():
            out.append(piece)
            continue
        if verbatim.active:
            previous, previous_is_prose = len(out), False
            out.append(piece)
            continue
        fixed = french_text(_QUOTE_ENTITY.sub(lambda m: _QUOTE_ENTITIES[m[0]], piece))
        if previous is not None and _OPENS_HIGH.match(fixed):
            fixed = _join_punctuation(out, previous, previous_is_prose, fixed)
        fixed = _OPEN_AT_END.sub("«" + NNBSP, fixed)
        previous, previous_is_prose = len(out), True
        out.append(fixed)
    return "".join(out)


def _join_punctuation(out: list[str], previous: int, prose: bool, fixed: str) -> str:
    """A text opens with « : » or « ? » right after an inline tag: the space
    before it is the previous text's last character, or is missing."""
    space = NBSP if fixed[0] == ":" else NNBSP
    before = out[previous]
    if before[-1:] in (NBSP, NNBSP) or (before[-1:].isspace() and not prose):
        return fixed
    if before.endswith(" "):
        out[previous] = before[:-1] + space
        return fixed
    return space + fixed


def french_page(html: str, *, public: bool = False) -> str:
    """A built page as French readers expect it: a page for the public gets
    its jargon explained first (:mod:`macros.render.plain_language`), then
    every page the typography of :func:`french_html`."""
    return french_html(explain_jargon(html) if public else html)


def _depth_change(tag: str) -> int:
    if tag[1:2].lower() not in _VERBATIM_INITIALS:
        return 0
    match = _TAG_NAME.match(tag)
    if not match or match[2].lower() not in _VERBATIM or tag.endswith("/>"):
        return 0
    return -1 if match[1] else 1


_UNDO = str.maketrans({"\u2019": "'", NBSP: " ", NNBSP: " ", "«": '"', "»": '"'})


def plain(text: str) -> str:
    """``text`` with the typographic characters brought back to plain ones
    and no space before high punctuation: two texts that differ only by this
    pass compare equal."""
    text = text.translate(_UNDO)
    # times: « 14:00 », « 14h00 » and « 14 h » read alike, so do « 18:30 » and « 18 h 30 »
    text = re.sub(r"(?<!\d)(\d{1,2})\s*[:h]\s*00(?!\d)", r"\1h", text)
    text = re.sub(r"(?<!\d)(\d{1,2})\s*[:h]\s*(\d{2})(?!\d)", r"\1h\2", text)
    text = re.sub(r"(?<!\d)(\d{1,2})\s+h\b", r"\1h", text)
    text = re.sub(r'\s+([;:!?"])', r"\1", text)
    return re.sub(r'"\s+', '"', text)

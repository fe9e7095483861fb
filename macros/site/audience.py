"""What the public site may contain, and the check that nothing else got through.

The public build keeps only the pages whose front matter names the ``public``
audience (:mod:`macros.pages`). This module adds the safety nets around that
selection:

- links from a kept page to a page left out are unwrapped (their text stays,
  the dead link that would reveal an internal path goes);
- files that are not pages (images, attachments) under ``docs/`` or a client
  folder are published only if a public page refers to them;
- after the build, :func:`check_public_site` reads every file written and fails
  the build if it finds a page that is not public, an unexpected file, the
  address or file name of a page left out, or the value of an internal field
  of ``client.yml`` (contacts, consultant, internal notes).

The check looks for what can leak, not for words: a page left out is found by
its address (``livrables/``, ``cabinet/offres``) or its file name
(``devis.md``), never by a bare word such as "livrables", which a public
summary may well use; an internal value is found as a whole, once both sides
are normalised (NFKC, case, spaces, and the invisible characters that would
otherwise hide it: soft hyphens, zero-width spaces and joiners), in the text
as written and with its tags taken out.
"""

from __future__ import annotations

import gzip
import html
import json
import posixpath
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from macros.errors import format_path
from macros.model.client import INTERNAL_FIELDS
from macros.render import typography

__all__ = [
    "INTERNAL_FIELDS",
    "Leak",
    "PublicPlan",
    "check_public_site",
    "internal_values",
    "referenced_urls",
    "resolve_url",
    "strip_comments",
    "unwrap_links",
]

_MIN_SECRET = 6  # shorter values ("1.0", "oui") would match ordinary text
_LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<text>.*?)</a>", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_REF = re.compile(r"""\b(?:href|src|srcset|data|poster)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TEXT_SUFFIXES = {
    ".html",
    ".htm",
    ".json",
    ".xml",
    ".txt",
    ".js",
    ".css",
    ".svg",
    ".md",
    ".csv",
    ".yml",
    ".yaml",
    ".ics",
}


def _walk(value: Any, parts: list[str], loc: tuple) -> Iterator[tuple[tuple, str]]:
    """Every string under the part of ``value`` named by ``parts``, with its location."""
    if not parts:
        yield from _leaves(value, loc)
        return
    head, rest = parts[0], parts[1:]
    many = head.endswith("[]")
    key = head.removesuffix("[]")
    child = _child(value, key)
    if child is None:
        return
    if many:
        for index, item in enumerate(child if isinstance(child, list) else []):
            yield from _walk(item, rest, (*loc, key, index))
    else:
        yield from _walk(child, rest, (*loc, key))


def _child(value: Any, key: str) -> Any:
    if isinstance(value, dict):
        return value.get(key)
    return None


def _leaves(value: Any, loc: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "id":  # identifiers are shared vocabulary, not secrets
                yield from _leaves(item, (*loc, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*loc, index))


_INVISIBLE = re.compile("[\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_TAGS = re.compile(r"<[^>]*>")


def _normalise(text: str) -> str:
    """Text as a reader sees it, whatever hides a value: entities, compatibility forms
    (NFKC: no-break spaces, ligatures), invisible characters, case and spacing, and
    what the typography pass changed (apostrophes, spaces before punctuation, times)."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", html.unescape(text)))
    return " ".join(typography.plain(text).split()).casefold()


def internal_values(client: Any, fields: Iterable[str] = INTERNAL_FIELDS) -> dict[str, str]:
    """Texts of the internal fields of a client, keyed by their dotted path."""
    # Python mode: dates and amounts stay typed and are not compared (a date
    # of the quote may well be the build date printed in sitemap.xml).
    data = client.model_dump(by_alias=True) if hasattr(client, "model_dump") else client
    found: dict[str, str] = {}
    for spec in fields:
        for loc, value in _walk(data, spec.split("."), ()):
            text = _normalise(value)
            if len(text) >= _MIN_SECRET:
                found[format_path(loc)] = text
    return found


def resolve_url(href: str, page_url: str) -> str | None:
    """Site-relative path a link points to, or None for an external or in-page link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(page_url) if not page_url.endswith("/") else page_url, path)
    normal = posixpath.normpath(joined) if joined else "."
    return "" if normal == "." else normal.lstrip("/")


def _same_target(path: str, targets: set[str]) -> bool:
    bare = path.removesuffix("/index.html").removesuffix("index.html").rstrip("/")
    return bare in targets or bare.removesuffix(".md") in targets


def unwrap_links(content: str, page_url: str, excluded: set[str]) -> str:
    """Replace each link to a page left out by its bare text."""
    if not excluded:
        return content
    # MkDocs writes addresses percent-encoded (``notes%20internes/``) and links are
    # resolved decoded: both sides are compared decoded, or a page with a space or an
    # accent in its name would keep its link on the public site.
    excluded = {unquote(url).rstrip("/") for url in excluded}
    page_url = unquote(page_url)

    def replace(match: re.Match[str]) -> str:
        href = _HREF.search(match["attrs"])
        if not href:
            return match[0]
        target = resolve_url(html.unescape(next(g for g in href.groups() if g is not None)), page_url)
        if target is not None and _same_target(target, excluded):
            return match["text"]
        return match[0]

    return _LINK.sub(replace, content)


def strip_comments(content: str) -> str:
    """The page without HTML comments (``<!-- à vérifier avec le maire -->``),
    which Markdown passes through untouched into the published source."""
    return _COMMENT.sub("", content)


def referenced_urls(content: str, page_url: str) -> set[str]:
    """Site-relative paths of the files a page's HTML refers to."""
    found = set()
    for match in _REF.finditer(content):
        value = next(g for g in match.groups() if g is not None)
        for candidate in value.split(","):
            target = resolve_url(html.unescape(candidate.strip().split(" ")[0]), page_url)
            if target:
                found.add(target)
    return found


@dataclass
class PublicPlan:
    """What a public build is expected to write, gathered before writing."""

    expected: set[str] = field(default_factory=set)
    """Every file the site may contain (paths relative to the site folder)."""
    theme: set[str] = field(default_factory=set)
    """Files of the theme (not client data): not scanned for internal data."""
    pages: dict[str, str] = field(default_factory=dict)
    """Destination of each kept page -> source file of its front matter."""
    excluded: dict[str, str] = field(default_factory=dict)
    """Address of each page left out -> its source path (``cabinet/offres.md``)."""
    secrets: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Leak:
    path: str
    message: str

    def __str__(self) -> str:
        return f"site public, {self.path} : {self.message}"


def _read_text(file: Path) -> str | None:
    if file.suffix == ".gz":
        try:
            return gzip.decompress(file.read_bytes()).decode("utf-8", "replace")
        except OSError:
            return None
    if file.suffix.lower() not in _TEXT_SUFFIXES:
        return None
    text = file.read_text(encoding="utf-8", errors="replace")
    if file.suffix == ".ics":  # unfold the 75-octet lines and unescape, or a folded value would slip through
        text = re.sub(r"\r?\n[ \t]", "", text).replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";")
    if file.suffix == ".json":
        try:
            text = json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    return text


def _mention(needle: str) -> re.Pattern[str]:
    """A path as a whole: ``public/a`` must not match inside ``public/avis``."""
    return re.compile(r"(?<![\w-])" + re.escape(needle) + r"(?![\w-])")


def _page_needles(url: str, source: str) -> set[str]:
    """How a page left out can show in a file: its address, its source path or file name.

    A bare word (the address ``livrables/`` without its slash) is not one of them."""
    bare = url.strip("/")
    needles = {source, bare + "/", bare + "/index.html", source.removesuffix(".md") + ".html"}
    if "/" in bare:  # a path of several parts is specific enough on its own
        needles.add(bare)
    name = posixpath.basename(source)
    if name != "index.md":
        needles.add(name)
    return needles - {"/", "/index.html", ".html", ""}


def _value(needle: str) -> re.Pattern[str]:
    """A value as a whole: « Martin » must not match inside « Martinez »."""
    return re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")


def _scan(rel: str, text: str, plan: PublicPlan) -> Iterator[Leak]:
    # A plain substring test first (C speed): the word-boundary regex, whose
    # lookbehind is tried at every position, only runs where the needle is present.
    # Without it the scan took half of a public build (1,8 s of 3,2 s for the demo).
    for url, source in plan.excluded.items():
        if any(n in text and _mention(n).search(text) for n in _page_needles(url, source)):
            yield Leak(rel, f"mentionne la page non publique « {source} »")
    flat, bare = _normalise(text), _normalise(_TAGS.sub(" ", text))
    for where, value in plan.secrets.items():
        if value not in flat and value not in bare:
            continue
        pattern = _value(value)
        if pattern.search(flat) or pattern.search(bare):
            yield Leak(rel, f"contient la valeur d’un champ interne de client.yml ({where})")


def check_public_site(site_dir: Path, plan: PublicPlan, front_matter_audience: Any) -> list[Leak]:
    """Every way the written site may disclose something that is not public."""
    leaks: list[Leak] = []
    for dest, source in sorted(plan.pages.items()):
        if "public" not in front_matter_audience(source):
            leaks.append(Leak(dest, f"la page « {source} » n’est pas destinée au public"))
    for file in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = file.relative_to(site_dir).as_posix()
        if rel not in plan.expected:
            leaks.append(Leak(rel, "fichier inattendu (ni page publique, ni fichier du thème)"))
        if rel in plan.theme:
            continue
        text = _read_text(file)
        if text is not None:
            leaks.extend(_scan(rel, text, plan))
    return leaks

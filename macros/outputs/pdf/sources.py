"""Which built pages go into which PDF: page front matter, nothing else.

A page lands in the handbook ``elus`` (or ``agents``, or the ``bilan`` of the
participation) when its front matter lists it in ``livrets``; chapters follow
``ordre`` then the source path, as the site's navigation does (with a kit
given: the offer's titles and order of deliverables, as
:func:`macros.site.pages.in_offer_order` sets them). A page with ``feuille_a3: true`` is the workshop
worksheet: it gets its own A3 landscape PDF. Only pages that the site build
kept (a built ``index.html`` exists) are taken, so the offer's components and
the audience filter of :mod:`macros.site.pages` apply unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from macros.errors import KitError, Problem
from macros.loading.kit import Kit
from macros.site.pages import (
    CLIENT_PREFIX,
    WORKSHEET_KEY,
    PageInfo,
    component_ranks,
    for_kit,
    in_offer_order,
    read_page_info,
)

__all__ = ["HANDBOOKS", "WORKSHEET_KEY", "Page", "find_pages", "page_sources", "page_url"]

#: Handbook id -> label used on the cover and in file names.
HANDBOOKS = {
    "elus": "Livret des élus",
    "agents": "Livret des agents",
    "bilan": "Bilan de la participation",
    "devis": "Devis",
}


@dataclass(frozen=True)
class Page:
    src_uri: str
    title: str | None
    order: float
    handbooks: tuple[str, ...]
    worksheet: bool
    url: str
    """Site-relative URL of the built page, e.g. ``cabinet/offres/`` (``""`` for home)."""
    html_path: Path
    src_path: Path

    @property
    def slug(self) -> str:
        return self.url.strip("/").replace("/", "-") or "accueil"


def page_url(src_uri: str) -> str:
    """URL of a page built with ``use_directory_urls``: ``a/b.md`` -> ``a/b/``."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    parts = stem.split("/")
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
    return "/".join(parts) + "/" if parts else ""


def page_sources(docs_dir: Path, client_pages: Path | None) -> list[tuple[Path, str]]:
    """Every page source with its ``src_uri``: ``docs/**.md``, then the client's ``pages/*.md``."""
    found = [(p, p.relative_to(docs_dir).as_posix()) for p in sorted(docs_dir.rglob("*.md"))]
    if client_pages is not None and client_pages.is_dir():
        found += [(p, CLIENT_PREFIX + p.name) for p in sorted(client_pages.glob("*.md"))]
    return found


def find_pages(
    site_dir: Path, docs_dir: Path, client_pages: Path | None = None, kit: Kit | None = None
) -> list[Page]:
    """Every built page that belongs to a handbook or is the worksheet, in book order."""
    infos: list[tuple[PageInfo, Path]] = []
    problems: list[Problem] = []
    for path, src_uri in page_sources(docs_dir, client_pages):
        try:
            info = read_page_info(path, src_uri)
        except KitError as exc:
            problems.extend(exc.problems)
            continue
        infos.append((for_kit(info, kit) if kit else info, path))
    if problems:
        raise KitError(problems)
    paths = {info.src_uri: path for info, path in infos}
    ranks = component_ranks(kit) if kit else {}
    pages: list[Page] = []
    for info in in_offer_order((i for i, _ in infos), ranks):
        src_uri, path = info.src_uri, paths[info.src_uri]
        if not info.handbooks and not info.worksheet:
            continue
        url = page_url(src_uri)
        html_path = site_dir / url / "index.html"
        if not html_path.is_file():  # left out of this site (offer, audience)
            continue
        pages.append(
            Page(src_uri, info.title, info.order, info.handbooks, info.worksheet, url, html_path, path)
        )
    return pages

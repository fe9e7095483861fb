"""The PDF step: built site in, tagged PDF/UA-1 handbooks out, atomically.

Every book is assembled first (cheap); the books whose inputs changed are then
rendered by WeasyPrint (the costly part) in parallel worker processes, one
book each, as many at once as the machine has cores, or as ``workers`` says
(``kit build --all`` shares the cores between clients). A book whose inputs did
not change is taken from the cache (:mod:`macros.outputs.pdf.cache`).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from macros.compute.handbook import report_day, version_day
from macros.loading.kit import Kit, load_kit
from macros.outputs.pdf.assemble import Assembled, BookInfo, assemble
from macros.outputs.pdf.cache import CacheEntry, PdfCache
from macros.outputs.pdf.names import LOOSE_DOCUMENTS, OUTPUT_FOLDER, WORKSHEET_FILE, handbook_file
from macros.outputs.pdf.pool import estimate, run_books
from macros.outputs.pdf.render import PRINT_DIR, Rendered, render, write_atomic
from macros.outputs.pdf.sources import HANDBOOKS, Page, find_pages
from macros.settings import PROJECT_DIR, Settings
from macros.site.reproducible import build_moment

__all__ = ["BuiltPdf", "build_handbooks", "source_date"]


@dataclass(frozen=True)
class BuiltPdf:
    kind: str  # elus, agents, feuille
    label: str
    path: Path
    pages: int
    chapters: tuple[str, ...]
    seconds: float
    warnings: tuple[str, ...]
    reused: bool = False
    """Taken from the cache: nothing it is made from changed since it was rendered."""


@dataclass(frozen=True)
class _Book:
    kind: str
    label: str
    pages: list[Page]
    target: Path
    doc: Assembled


def source_date(environ: dict[str, str] | None = None) -> date:
    """``SOURCE_DATE_EPOCH`` (reproducible builds) if set, else today (UTC)."""
    return build_moment(environ).date()


def _info(kit: Kit, kind: str, label: str, on: date, size: str = "A4") -> BookInfo:
    client = kit.client
    return BookInfo(
        kind=kind,
        audience_label=label,
        collectivity=client.collectivity.name,
        project=client.project.title,
        firm=kit.firm.name,
        firm_tagline=kit.firm.tagline,
        version=client.mission.version,
        day=on,
        page_size=size,
        version_day=report_day(kit) if kind == "bilan" else version_day(kit),
    )


def _render_book(html: str, site: Path, name: str, labels: dict[str, str]) -> tuple[Rendered, float]:
    start = time.perf_counter()
    return render(html, site, name=name, labels=labels), time.perf_counter() - start


#: Books whose HTML adds up to less than this are "small" (the demo's three: 0.25 MB; the large client's: 0.9 MB).
SMALL_BOOKS = 500_000


def _slots(books: list[_Book], workers: int) -> int:
    """How many books render at once. Three small books on two cores finish
    sooner all at once (the system shares the cores to the end) than two then
    one (the last one alone on a core, the other idle); large books keep to
    one per core, for memory."""
    if 2 <= workers < len(books) and sum(len(b.doc.html) for b in books) < SMALL_BOOKS:
        return workers + 1
    return min(workers, len(books))


def _render_all(books: list[_Book], site: Path, workers: int) -> list[tuple[Rendered, float]]:
    """Render each book, in parallel processes when there are several and cores
    for them (:mod:`.pool`: one fresh process per book, the heaviest first,
    never two heavy ones together)."""
    args = [(b.doc.html, site, b.target.name, b.doc.labels) for b in books]
    workers = _slots(books, workers)
    if workers <= 1 or len(books) <= 1:
        return [_render_book(*a) for a in args]
    sizes = [estimate(b.doc.html) for b in books]
    return run_books(_render_book, args, sizes, [b.target.name for b in books], workers)


def default_workers() -> int:
    """``KIT_PDF_WORKERS`` if set (``kit build --all`` shares the cores), else every core."""
    try:
        return max(1, int(os.environ.get("KIT_PDF_WORKERS", "")))
    except ValueError:
        return os.cpu_count() or 1


def build_handbooks(
    site_dir: str | Path,
    out_dir: str | Path | None = None,
    *,
    settings: Settings | None = None,
    docs_dir: str | Path | None = None,
    handbooks: tuple[str, ...] = tuple(HANDBOOKS),
    worksheet: bool = True,
    on: date | None = None,
    cache_dir: Path | None = None,
    reuse: bool = True,
    workers: int | None = None,
) -> list[BuiltPdf]:
    """Print the handbooks (and the A3 worksheet) of the site built in ``site_dir``.

    ``out_dir`` defaults to ``<site_dir>/livrets``, where the site's links
    point. ``settings`` picks the client (default: the environment, as for
    ``mkdocs build``); ``docs_dir`` the page sources (default ``docs/``);
    ``on`` the build's date, written in the metadata (default :func:`source_date`);
    the cover prints the date of the kit version (:func:`macros.compute.handbook.version_day`);
    ``cache_dir`` where unchanged books are kept from one build to the next
    (default: no cache; with ``reuse=False`` every book renders again and the
    cache is refreshed); ``workers`` how many books render at once (default
    :func:`default_workers`).
    Every PDF is rendered before any is written: a failure (a
    :class:`~macros.errors.KitError` listing every problem) keeps the
    previous files. A handbook without any page is not written; nothing is
    printed for the public site (``KIT_AUDIENCE=public``): returns ``[]``.
    """
    site = Path(site_dir)
    out = Path(out_dir) if out_dir is not None else site / OUTPUT_FOLDER
    settings = settings or Settings.from_env()
    if settings.audience == "public":
        return []  # the handbooks are for élus and agents: printed from the review site only
    kit = load_kit(settings)
    pages = find_pages(
        site, Path(docs_dir) if docs_dir else PROJECT_DIR / "docs", kit.client_dir / "pages", kit
    )
    on = on or source_date()
    books: list[_Book] = []
    sheets = [p for p in pages if p.worksheet]
    apart = worksheet and bool(sheets)  # the A3 sheets get their own PDF: the books do not print them again
    for handbook in handbooks:
        chosen = [p for p in pages if handbook in p.handbooks]
        if chosen:
            info = _info(kit, handbook, HANDBOOKS[handbook], on)
            book, css = handbook not in LOOSE_DOCUMENTS, LOOSE_DOCUMENTS.get(handbook, "pdf/livret.css")
            doc = assemble(chosen, info, book=book, stylesheet=css, sheets_apart=apart)
            books.append(_Book(handbook, HANDBOOKS[handbook], chosen, out / handbook_file(handbook), doc))
    if worksheet and sheets:
        info = _info(kit, "feuille", "Feuille d’atelier", on, "A3")
        doc = assemble(sheets, info, book=False, stylesheet="pdf/feuille-a3.css")
        books.append(_Book("feuille", "Feuille d’atelier", sheets, out / WORKSHEET_FILE, doc))
    return _print(books, site, PdfCache(cache_dir, reuse=reuse), workers or default_workers())


def _print(books: list[_Book], site: Path, cache: PdfCache, workers: int) -> list[BuiltPdf]:
    roots = {"site": site, "print": PRINT_DIR}
    keys = [cache.key(book.doc.html) for book in books]
    found = [cache.get(key, roots) for key in keys]
    missing = [book for book, entry in zip(books, found, strict=True) if entry is None]
    rendered = iter(_render_all(missing, site, workers))
    built: list[BuiltPdf] = []
    files: dict[Path, bytes] = {}
    for book, key, entry in zip(books, keys, found, strict=True):
        seconds, reused = 0.0, entry is not None
        if entry is None:
            result, seconds = next(rendered)
            entry = CacheEntry(result.pdf, result.pages, result.warnings)
            cache.put(key, entry, result.resources)
        files[book.target] = entry.pdf
        chapters = tuple(p.src_uri for p in book.pages)
        built.append(
            BuiltPdf(
                book.kind, book.label, book.target, entry.pages, chapters, seconds, entry.warnings, reused
            )
        )
    write_atomic(files)
    cache.prune()
    return built

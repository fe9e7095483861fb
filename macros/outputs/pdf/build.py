"""The PDF step: built site in, tagged PDF/UA-1 handbooks out, atomically."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from macros.loading.kit import Kit, load_kit
from macros.outputs.pdf.assemble import BookInfo, assemble
from macros.outputs.pdf.names import OUTPUT_FOLDER, WORKSHEET_FILE, handbook_file
from macros.outputs.pdf.render import render, write_atomic
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
    )


def build_handbooks(
    site_dir: str | Path,
    out_dir: str | Path | None = None,
    *,
    settings: Settings | None = None,
    docs_dir: str | Path | None = None,
    handbooks: tuple[str, ...] = tuple(HANDBOOKS),
    worksheet: bool = True,
    on: date | None = None,
) -> list[BuiltPdf]:
    """Print the handbooks (and the A3 worksheet) of the site built in ``site_dir``.

    ``out_dir`` defaults to ``<site_dir>/livrets``, where the site's links
    point. ``settings`` picks the client (default: the environment, as for
    ``mkdocs build``); ``docs_dir`` the page sources (default ``docs/``);
    ``on`` the date printed on the cover (default :func:`source_date`).
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
    pages = find_pages(site, Path(docs_dir) if docs_dir else PROJECT_DIR / "docs", kit.client_dir / "pages")
    on = on or source_date()
    jobs: list[tuple[str, str, list[Page], Path, bool, str]] = []
    for handbook in handbooks:
        chosen = [p for p in pages if handbook in p.handbooks]
        if chosen:
            jobs.append((handbook, HANDBOOKS[handbook], chosen, out / handbook_file(handbook), True, "pdf/livret.css"))
    sheets = [p for p in pages if p.worksheet]
    if worksheet and sheets:
        jobs.append(("feuille", "Feuille d'atelier", sheets, out / WORKSHEET_FILE, False, "pdf/feuille-a3.css"))
    built: list[BuiltPdf] = []
    files: dict[Path, bytes] = {}
    for kind, label, chosen, target, book, css in jobs:
        start = time.perf_counter()
        doc = assemble(chosen, _info(kit, kind, label, on, "A4" if book else "A3"), book=book, stylesheet=css)
        result = render(doc.html, site, name=target.name, labels=doc.labels)
        files[target] = result.pdf
        built.append(BuiltPdf(kind, label, target, result.pages, tuple(p.src_uri for p in chosen), time.perf_counter() - start, result.warnings))
    write_atomic(files)
    return built

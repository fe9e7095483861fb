"""WeasyPrint, locked down: local files only, tagged PDF/UA-1, errors are fatal.

WeasyPrint logs a missing alternative text or an unreachable image as an
error and still writes the PDF; here any error it logs stops the build.
Resources are fetched only from the built site, through a fixed base URL,
so that the bytes never depend on the checkout path and nothing is fetched
from the network during rendering.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pydyf
from weasyprint import HTML
from weasyprint.document import Page
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from macros.errors import KitError, Problem
from macros.outputs.pdf.assemble import BASE_URL

__all__ = ["PRINT_DIR", "LocalFetcher", "Rendered", "render", "write_atomic"]


# Print stylesheets and their fonts live beside this code, not in the theme:
# the sites never ship them. The books reach them under ``BASE_URL/pdf/``.
PRINT_DIR = Path(__file__).resolve().parent / "print"
PRINT_PREFIX = "pdf/"


def _page_references(pdf: pydyf.PDF) -> tuple[bytes, ...]:
    """pydyf's ``PDF.page_references``, built once per page count instead of at
    every call: WeasyPrint's PDF/UA tagging asks for it once per tagged box, and
    each call made the tuple of every page again (for the large client's
    agents booklet, 28 000 calls over 120 pages: a tenth of writing the PDF).
    Pages are only ever appended (``add_page``), so the count keys the cache;
    the bytes written are the same."""
    kids = pdf.pages["Kids"]
    cached: tuple[int, tuple[bytes, ...]] | None = getattr(pdf, "_kit_page_references", None)
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf._kit_page_references = cached
    return cached[1]


pydyf.PDF.page_references = property(_page_references)

_paint = Page.paint


def _paint_joined(page: Page, stream: pydyf.Stream, scale: float = 1) -> None:
    """WeasyPrint's ``Page.paint``, then the page's drawing operators joined
    into one string, as pydyf will join them when writing the file (same bytes).
    Until then pydyf keeps every operator as its own small object, for every
    page of the book at once: two million objects, 100 MB, for the large
    client's agents booklet. Nothing is added to a page's stream once it is
    painted (the tags and links live in other objects)."""
    _paint(page, stream, scale)
    stream.stream = [b"\n".join(pydyf._to_bytes(item) for item in stream.stream)]


Page.paint = _paint_joined


class LocalFetcher(URLFetcher):
    """Serves ``BASE_URL/pdf/<path>`` from the print assets and ``BASE_URL/<path>``
    from the site folder; refuses everything else."""

    def __init__(self, root: Path):
        super().__init__(allowed_protocols=("https", "data"))
        self.root = root.resolve()
        self.fetched: dict[str, str] = {}
        """``site:<path>`` or ``print:<path>`` -> digest: what the PDF was made from."""

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if not url.startswith(BASE_URL):
            raise ValueError(f"ressource hors du site refusée : {url}")
        relative = unquote(urlsplit(url).path).lstrip("/")
        root, label = self.root, "site"
        if relative.startswith(PRINT_PREFIX):
            root, label, relative = PRINT_DIR, "print", relative.removeprefix(PRINT_PREFIX)
        path = (root / relative).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            raise ValueError(f"ressource absente du site : {url.removeprefix(BASE_URL)}")
        data = path.read_bytes()
        self.fetched[f"{label}:{path.relative_to(root).as_posix()}"] = hashlib.sha256(data).hexdigest()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, data, {"Content-Type": kind})


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        (self.errors if record.levelno >= logging.ERROR else self.warnings).append(message)


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    pages: int
    warnings: tuple[str, ...]
    resources: dict[str, str]
    """The files fetched, ``site:`` or ``print:`` and their path -> digest (see :mod:`.cache`)."""


def _describe_links(labels: dict[str, str]):
    """WeasyPrint describes a link (``/Contents``, read by screen readers) by
    its raw target; say where it leads instead."""

    def finisher(document: object, pdf: pydyf.PDF) -> None:
        for obj in pdf.objects:
            if not isinstance(obj, pydyf.Dictionary) or obj.get("Subtype") != "/Link":
                continue
            target = obj.get("Contents")
            if not isinstance(target, pydyf.String):
                continue
            if "Dest" in obj:
                obj["Contents"] = pydyf.String(
                    f"Aller à : {labels.get(target.string, 'autre partie du livret')}"
                )
            else:
                obj["Contents"] = pydyf.String(f"Lien externe : {target.string}")

    return finisher


def render(html: str, site_dir: Path, *, name: str, labels: dict[str, str] | None = None) -> Rendered:
    """Tagged PDF/UA-1 of ``html``; a WeasyPrint error raises :class:`KitError`."""
    collector = _Collector()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    fetcher = LocalFetcher(site_dir)
    try:
        document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
            font_config=FontConfiguration(), pdf_variant="pdf/ua-1"
        )
        pdf = document.write_pdf(
            pdf_variant="pdf/ua-1", pdf_identifier=True, finisher=_describe_links(labels or {})
        )
    finally:
        logger.removeHandler(collector)
    if collector.errors:
        raise KitError([Problem(name, f"erreur de WeasyPrint : {message}") for message in collector.errors])
    return Rendered(
        pdf, len(document.pages), tuple(collector.warnings), dict(sorted(fetcher.fetched.items()))
    )


def write_atomic(files: dict[Path, bytes]) -> None:
    """Write every file next to its target, then rename: all or nothing stays."""
    temps = []
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            temp.write_bytes(data)
            temps.append((temp, target))
        for temp, target in temps:
            os.replace(temp, target)
    finally:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)

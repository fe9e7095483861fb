"""The documents a client edits, as DOCX (Word) and ODT (LibreOffice).

Two pages of the review site are handed over to be edited: the cahier des
charges, which a buyer pastes into their tender documents, and the élus'
brief (« L’essentiel pour les élus »), which a secretary-general reworks into
a note for the council. Each must open as a real document: headings in Word's heading styles (the outline view
and the table of contents work), tables as tables, the numbered sections of the
page, the client's name under the title. Pandoc (shipped by the
``pypandoc-binary`` package) converts the page of the built review site, the
same HTML the PDF prints, so the three formats never disagree.

Measured on the demo (2 cores): Pandoc takes about 0.2 s per document on a
quiet machine (0.45 s with the load at 9). A python-docx prototype writing the
same HTML took 0.23 s to import and 0.42 s to write the DOCX alone, kept only
headings, paragraphs, bullets and plain tables (no bold labels, captions or
definition lists unless each is written by hand) and gives no ODT (a second
writer, odfpy, would be needed): Pandoc was kept.

``SOURCE_DATE_EPOCH`` (inherited by Pandoc) fixes the documents' dates and
zip timestamps: the same sources give the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import lxml.html
from lxml.html import HtmlElement

from macros.compute.fmt import day
from macros.loading.kit import Kit
from macros.outputs.pdf.names import OUTPUT_FOLDER
from macros.outputs.pdf.render import write_atomic
from macros.outputs.pdf.sources import page_url
from macros.site.reproducible import build_moment

__all__ = ["EDITABLE", "FORMATS", "BuiltDocument", "Editable", "build_office_documents"]

FORMATS = {"docx": "Word", "odt": "LibreOffice"}


@dataclass(frozen=True)
class Editable:
    """A page of the review site handed over as editable documents."""

    page: str  # its source, as in ``kit_pages``
    stem: str  # ``cahier-des-charges`` -> ``livrets/cahier-des-charges.docx``
    label: str  # the link text on the kit's home page

    def file(self, fmt: str) -> str:
        return f"{self.stem}.{fmt}"


EDITABLE = (
    Editable("livrables/cahier-des-charges.md", "cahier-des-charges", "Cahier des charges"),
    Editable("demarche/essentiel-elus.md", "essentiel-elus", "L’essentiel pour les élus"),
)
_DROP = ("kit-audience", "headerlink", "kit-ecran-seul", "md-content__button", "md-source-file")


@dataclass(frozen=True)
class BuiltDocument:
    path: Path
    seconds: float
    reused: bool = False


def _has_class(element: HtmlElement, names: tuple[str, ...]) -> bool:
    return any(c in names for c in (element.get("class") or "").split())


def _clean(article: HtmlElement) -> None:
    """What a document cannot use: screen-only parts, internal links, pictures."""
    for element in list(article.iter()):
        if element.getparent() is not None and (
            _has_class(element, _DROP) or element.tag in ("script", "svg", "img", "button")
        ):
            element.drop_tree()
    for link in article.iter("a"):
        if not (link.get("href") or "").startswith(("http://", "https://")):
            link.drop_tag()
    for item in article.xpath('.//li[contains(@class, "kit-appointment")]'):
        parts = [child for child in item if child.tag in ("span", "strong")]
        for part in parts[:-1]:
            part.addnext(lxml.html.Element("br"))  # one line each: what, when, where
    _drop_repeated_captions(article)


_NUMBER = re.compile(r"^\s*\d+\.\s*")


def _words(element: HtmlElement) -> str:
    return " ".join(_NUMBER.sub("", element.text_content()).split()).casefold()


def _drop_repeated_captions(article: HtmlElement) -> None:
    """A table whose caption is the heading just above it (« Décision visée et calendrier »):
    the page needs the caption (a table is named for screen readers), a document would print
    the words twice, once as a heading and once as « Tableau : … » under the table."""
    heading = ""
    for element in list(article.iter("h1", "h2", "h3", "h4", "h5", "h6", "caption")):
        if element.tag != "caption":
            heading = _words(element)
        elif heading and _words(element) == heading:
            element.drop_tree()


def _article(html_path: Path) -> str:
    page = lxml.html.fromstring(html_path.read_bytes())
    found = page.xpath("//article")
    if not found:
        raise RuntimeError(f"{html_path} : page sans contenu (élément article absent)")
    _clean(found[0])
    return lxml.html.tostring(found[0], encoding="unicode")


def _pandoc(html: str, fmt: str, metadata: dict[str, str]) -> bytes:
    import pypandoc

    args = [
        pypandoc.get_pandoc_path(),
        "--from=html",
        f"--to={fmt}",
        "--output=-",
        "--shift-heading-level-by=-1",
    ]
    args += [f"--metadata={key}:{value}" for key, value in metadata.items()]
    proc = subprocess.run(args, input=html.encode("utf-8"), capture_output=True, timeout=120, check=False)
    if proc.returncode != 0:
        raise RuntimeError(
            f"Pandoc n’a pas pu écrire le {fmt.upper()} : {proc.stderr.decode('utf-8', 'replace').strip()}"
        )
    return proc.stdout


def _key(html: str, fmt: str, metadata: dict[str, str]) -> str:
    """What makes Pandoc write other bytes: its version, the page, the format,
    the metadata and ``SOURCE_DATE_EPOCH`` (the documents' dates)."""
    import pypandoc

    h = hashlib.sha256()
    for part in (
        pypandoc.get_pandoc_version(),
        fmt,
        json.dumps(metadata, sort_keys=True),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        html,
    ):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def _convert(
    html: str, fmt: str, metadata: dict[str, str], cache: Path | None, used: set[str]
) -> tuple[bytes, bool]:
    """The document, from the cache when the same inputs made it before."""
    name = f"{_key(html, fmt, metadata)}.{fmt}"
    used.add(name)
    if cache is not None and (cache / name).is_file():
        return (cache / name).read_bytes(), True
    data = _pandoc(html, fmt, metadata)
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cache / f".{name}.tmp"
        tmp.write_bytes(data)
        tmp.replace(cache / name)
    return data, False


def _prune(cache: Path | None, used: set[str]) -> None:
    """Keep only what this build used: the cache never grows past one build."""
    if cache is not None and cache.is_dir():
        for path in cache.iterdir():
            if path.name not in used:
                path.unlink(missing_ok=True)


def build_office_documents(
    site_dir: str | Path,
    kit: Kit,
    out_dir: str | Path | None = None,
    *,
    cache_dir: str | Path | None = None,
    reuse: bool = True,
) -> list[BuiltDocument]:
    """The editable documents of the site built in ``site_dir``, as DOCX and ODT.

    Nothing is written for the public site, nor for a page that the offer left
    out of the build; each page gives both files or neither. With
    ``cache_dir`` (``kit build`` keeps it beside the manifest), a document whose
    inputs did not change is reused; ``reuse=False`` (``--force``) converts again.
    """
    site = Path(site_dir)
    if kit.settings.audience == "public":
        return []
    out = Path(out_dir) if out_dir is not None else site / OUTPUT_FOLDER
    cache = Path(cache_dir) if cache_dir is not None else None
    client = kit.client
    metadata = {
        "subtitle": f"{client.collectivity.name} — {client.project.title}",
        "author": kit.firm.name,
        "date": day(build_moment().date(), "d MMMM y"),
        "lang": "fr-FR",
    }
    files: dict[Path, bytes] = {}
    built = []
    used: set[str] = set()
    for document in EDITABLE:
        html_path = site / page_url(document.page) / "index.html"
        if not html_path.is_file():
            continue
        html = _article(html_path)
        for fmt in FORMATS:
            start = time.perf_counter()
            path = out / document.file(fmt)
            files[path], reused = _convert(html, fmt, metadata, cache if reuse else None, used)
            built.append(BuiltDocument(path, time.perf_counter() - start, reused))
    if not files:
        return []
    write_atomic(files)
    if reuse:
        _prune(cache, used)
    return built

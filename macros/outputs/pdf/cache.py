"""Reuse a PDF when nothing it was made from has changed.

A book is keyed by the digest of its assembled HTML and of the generator (the
code of this package, WeasyPrint's and pydyf's versions). The renderer
records every file it fetched (stylesheets, fonts, images) with its digest;
an entry is reused only if each of those files still has the same digest. So a
changed page, stylesheet, font, image or generator always renders again, and
nothing that did not change is rendered twice.

The cache lives beside the build's manifest (``<out>/.kit/pdf/<client>/``),
outside the site folder that each build replaces; a build keeps only the
entries it used.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
from pathlib import Path

__all__ = ["CacheEntry", "PdfCache", "digest_file", "generator_id"]

_CODE_DIR = Path(__file__).resolve().parent


def digest_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def generator_id() -> str:
    """What makes the same HTML give other bytes: this code, its print assets, the libraries."""
    h = hashlib.sha256()
    for name in ("weasyprint", "pydyf", "fonttools"):
        h.update(f"{name}={version(name)}\n".encode())
    for path in sorted(_CODE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(_CODE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class CacheEntry:
    pdf: bytes
    pages: int
    warnings: tuple[str, ...]


class PdfCache:
    """Entries ``<key>.pdf`` and ``<key>.json`` (the fetched files and their digests)."""

    def __init__(self, folder: Path | None, *, reuse: bool = True) -> None:
        self.folder = folder
        self.reuse = reuse
        self.used: set[str] = set()

    @staticmethod
    def key(html: str) -> str:
        return hashlib.sha256(generator_id().encode() + b"\0" + html.encode()).hexdigest()

    def get(self, key: str, roots: dict[str, Path]) -> CacheEntry | None:
        if self.folder is None or not self.reuse:
            return None
        try:
            meta = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            for name, digest in meta["resources"].items():
                root, _, relative = name.partition(":")
                if digest_file(roots[root] / relative) != digest:
                    return None
            pdf = (self.folder / f"{key}.pdf").read_bytes()
        except (OSError, ValueError, KeyError):
            return None  # absent, partial or stale: render again
        if hashlib.sha256(pdf).hexdigest() != meta.get("pdf"):
            return None
        self.used.add(key)
        return CacheEntry(pdf, int(meta["pages"]), tuple(meta["warnings"]))

    def put(self, key: str, entry: CacheEntry, resources: dict[str, str]) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        meta = {
            "pdf": hashlib.sha256(entry.pdf).hexdigest(),
            "pages": entry.pages,
            "warnings": list(entry.warnings),
            "resources": resources,
        }
        for suffix, data in ((".pdf", entry.pdf), (".json", json.dumps(meta, indent=1).encode())):
            tmp = self.folder / f".{key}{suffix}.tmp"
            tmp.write_bytes(data)
            tmp.replace(self.folder / f"{key}{suffix}")
        self.used.add(key)

    def prune(self) -> None:
        """Keep only what this build used: the cache never grows past one build."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name.split(".")[0] not in self.used:
                path.unlink(missing_ok=True)

"""What a successful build was made from: the proof ``kit publish`` asks for.

A build writes ``<out>/.kit/<slug>.json`` after swapping the new site in: the
audience, a hash of every source the site depends on (configuration, pages,
theme, code, shared kit data and the client's folder) and a hash of the site
written. Publishing checks both again, so that what goes out is exactly what
a successful public build produced from the sources as they are now.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from macros.settings import PROJECT_DIR, Settings

__all__ = ["MANIFEST_FOLDER", "Manifest", "read_manifest", "site_digest", "sources_digest", "write_manifest"]

MANIFEST_FOLDER = ".kit"
_SKIP_PARTS = {"__pycache__", ".git", ".pytest_cache", ".ruff_cache"}


@dataclass(frozen=True)
class Manifest:
    slug: str
    audience: str
    sources: str
    site: str
    built_at: str
    site_url: str = ""
    """The address the site was built for (``KIT_SITE_URL``), empty if none."""


def _files(folder: Path, skip: Path | None = None) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or _SKIP_PARTS.intersection(path.parts) or path.suffix == ".pyc":
            continue
        if skip is not None and path.is_relative_to(skip):
            continue
        yield path


def _labelled_sources(settings: Settings) -> Iterator[tuple[str, Path]]:
    for name in ("mkdocs.yml", "requirements.lock"):
        yield name, PROJECT_DIR / name
    for folder in ("docs", "overrides", "macros"):
        for path in _files(PROJECT_DIR / folder):
            yield path.relative_to(PROJECT_DIR).as_posix(), path
    clients = settings.clients_dir.resolve()
    for path in _files(settings.kits_dir, skip=clients):
        yield "kits/" + path.relative_to(settings.kits_dir).as_posix(), path
    for path in _files(settings.client_dir):
        yield "client/" + path.relative_to(settings.client_dir).as_posix(), path


def _digest(items: Iterator[tuple[str, Path]]) -> str:
    total = hashlib.sha256()
    for label, path in items:
        total.update(label.encode() + b"\0")
        total.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"-")
    return total.hexdigest()


def sources_digest(settings: Settings) -> str:
    """Hash of everything a client's site is built from."""
    return _digest(_labelled_sources(settings))


def site_digest(site: Path) -> str:
    """Hash of a built site, file names and contents."""
    return _digest((p.relative_to(site).as_posix(), p) for p in _files(site))


def _path(out_dir: Path, slug: str) -> Path:
    return out_dir / MANIFEST_FOLDER / f"{slug}.json"


def write_manifest(out_dir: Path, manifest: Manifest) -> None:
    path = _path(out_dir, manifest.slug)
    path.parent.mkdir(exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(manifest), ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)


def read_manifest(out_dir: Path, slug: str) -> Manifest | None:
    try:
        return Manifest(**json.loads(_path(out_dir, slug).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None

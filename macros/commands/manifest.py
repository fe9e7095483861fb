"""What a successful build was made from: the proof ``kit publish`` asks for.

A build writes ``<out>/.kit/<slug>.json`` after swapping the new site in: the
audience, a hash of every source the site depends on (configuration, pages,
theme, code, shared kit data and the client's folder) and a hash of the site
written. Publishing checks both again, so that what goes out is exactly what
a successful public build produced from the sources as they are now. A hash
per kind of source (:data:`SOURCE_KINDS`) lets it say *what* changed: the
kit's own code after an update is not the client's folder.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from macros.settings import PROJECT_DIR, Settings

__all__ = [
    "MANIFEST_FOLDER",
    "SOURCE_KINDS",
    "Manifest",
    "read_manifest",
    "site_digest",
    "source_digests",
    "sources_digest",
    "write_manifest",
]

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
    parts: dict[str, str] = field(default_factory=dict)
    """A hash per kind of source (:data:`SOURCE_KINDS`); empty in a manifest written before them."""


#: Kinds of sources, in the words ``kit publish`` uses to say which changed.
SOURCE_KINDS = {
    "code": "le code du kit (macros/, requirements.lock)",
    "pages": "les pages et le thème du kit (docs/, overrides/, mkdocs.yml)",
    "kits": "les données du cabinet, des offres et de la bibliothèque (kits/)",
    "client": "le dossier du client",
}
_KIND_OF = {"mkdocs.yml": "pages", "requirements.lock": "code", "docs": "pages", "overrides": "pages"}


def _files(folder: Path, skip: Path | None = None) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or _SKIP_PARTS.intersection(path.parts) or path.suffix == ".pyc":
            continue
        if skip is not None and path.is_relative_to(skip):
            continue
        yield path


def _labelled_sources(settings: Settings) -> Iterator[tuple[str, str, Path]]:
    """(kind, label, path) of every source, in a fixed order."""
    for name in ("mkdocs.yml", "requirements.lock"):
        yield _KIND_OF[name], name, PROJECT_DIR / name
    for folder in ("docs", "overrides", "macros"):
        for path in _files(PROJECT_DIR / folder):
            yield _KIND_OF.get(folder, "code"), path.relative_to(PROJECT_DIR).as_posix(), path
    clients = settings.clients_dir.resolve()
    for path in _files(settings.kits_dir, skip=clients):
        yield "kits", "kits/" + path.relative_to(settings.kits_dir).as_posix(), path
    for path in _files(settings.client_dir):
        yield "client", "client/" + path.relative_to(settings.client_dir).as_posix(), path


def _entry(label: str, path: Path) -> bytes:
    content = hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"-"
    return label.encode() + b"\0" + content


def _digest(items: Iterator[tuple[str, Path]]) -> str:
    total = hashlib.sha256()
    for label, path in items:
        total.update(_entry(label, path))
    return total.hexdigest()


def source_digests(settings: Settings) -> tuple[str, dict[str, str]]:
    """Hash of everything a client's site is built from, and one hash per kind of source."""
    total, kinds = hashlib.sha256(), {kind: hashlib.sha256() for kind in SOURCE_KINDS}
    for kind, label, path in _labelled_sources(settings):
        entry = _entry(label, path)
        total.update(entry)
        kinds[kind].update(entry)
    return total.hexdigest(), {kind: digest.hexdigest() for kind, digest in kinds.items()}


def sources_digest(settings: Settings) -> str:
    """Hash of everything a client's site is built from."""
    return source_digests(settings)[0]


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

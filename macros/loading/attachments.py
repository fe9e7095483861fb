"""What a client folder may hold: nothing from outside it, and only known kinds of files.

A client's pages may join images and documents (``pages/plan.png``,
``pages/compte-rendu.pdf``); they are published with the pages that use them.
Two things must never get in that way:

- a file from elsewhere on the machine: a symbolic link whose target lies
  outside the client folder is refused wherever it is (``client.yml``,
  ``pages/`` itself, a page, an image, an attachment), since it would be
  copied into the site and pushed by ``kit publish``;
- a file that a browser would run: only images (PNG, JPEG, WebP, and SVG,
  which the build cleans) and documents (PDF, ODT, DOCX, XLSX, CSV) are
  joined, each checked by its first bytes as well as its name; an HTML,
  JavaScript or unknown file is refused.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from macros.errors import Problem, display_path
from macros.settings import PROJECT_DIR

__all__ = ["ALLOWED_ATTACHMENTS", "IMAGE_SUFFIXES", "check_client_folder"]

_ZIP = (b"PK\x03\x04",)
ALLOWED_ATTACHMENTS: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".png": ("une image PNG", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("une image JPEG", (b"\xff\xd8\xff",)),
    ".jpeg": ("une image JPEG", (b"\xff\xd8\xff",)),
    ".webp": ("une image WebP", (b"RIFF",)),
    ".svg": ("une image SVG", (b"<",)),
    ".pdf": ("un document PDF", (b"%PDF-",)),
    ".odt": ("un document ODT", _ZIP),
    ".docx": ("un document DOCX", _ZIP),
    ".xlsx": ("un classeur XLSX", _ZIP),
    ".csv": ("un tableau CSV", (b"",)),
}
"""Suffix -> what it is, and the first bytes such a file starts with."""
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".svg"})
_KINDS = "des images (PNG, JPEG, WebP, SVG) et des documents (PDF, ODT, DOCX, XLSX, CSV)"


def _outside_links(folder: Path) -> Iterator[Path]:
    """Symbolic links under ``folder`` whose target is not inside it (hidden folders skipped)."""
    root = folder.resolve()
    for current, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".") or os.path.islink(os.path.join(current, d))]
        for name in sorted(dirs + files):
            path = Path(current) / name
            if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(root):
                yield path


def _starts_like(path: Path, suffix: str) -> bool:
    kind = ALLOWED_ATTACHMENTS[suffix][1]
    with path.open("rb") as stream:
        head = stream.read(16)
    if suffix == ".webp":
        return head.startswith(b"RIFF") and head[8:12] == b"WEBP"
    if suffix == ".svg":
        return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
    if suffix == ".csv":
        with path.open("rb") as stream:
            return b"\x00" not in stream.read(65536)
    return head.startswith(kind)


def attachment_problem(path: Path) -> str | None:
    """Why ``path`` may not be joined to a page, or None."""
    suffix = path.suffix.lower()
    if suffix not in ALLOWED_ATTACHMENTS:
        what = f"« {path.suffix} »" if path.suffix else "sans extension"
        return f"type de fichier refusé ({what}) : une page peut joindre {_KINDS}"
    if not _starts_like(path, suffix):
        return f"le contenu du fichier ne correspond pas à son extension « {path.suffix} » : ce n’est pas {ALLOWED_ATTACHMENTS[suffix][0]}"
    return None


def _attachments(pages: Path) -> Iterator[Path]:
    """Files of ``pages/`` published with the pages (as :mod:`macros.site.pages` lists them)."""
    for path in sorted(pages.rglob("*")):
        if path.name.startswith(".") or (path.is_symlink() and not path.exists()):
            continue
        if path.is_file() and path.suffix != ".md":
            yield path


def _shown(link: Path) -> str:
    """The link as listed, not its target (which :func:`display_path` would resolve)."""
    return f"{display_path(link.parent, PROJECT_DIR)}/{link.name}"


def check_client_folder(folder: Path) -> list[Problem]:
    """Every symbolic link leaving the client folder and every attachment of a refused kind."""
    if not folder.is_dir():
        return []
    problems = []
    links = list(_outside_links(folder))
    for link in links:
        target = os.path.realpath(link)
        message = f"lien symbolique vers « {target} », hors du dossier du client : copiez-y le fichier au lieu d’un lien"
        problems.append(Problem(_shown(link), message))
    pages = folder / "pages"
    if pages.is_dir() and pages not in links:
        for path in _attachments(pages):
            if path in links:
                continue
            found = attachment_problem(path)
            if found:
                problems.append(Problem(display_path(path, PROJECT_DIR), found))
    return problems

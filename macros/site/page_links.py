"""Links and images of a client page whose target MkDocs will not find.

``kit build`` is strict: a link ``[compte rendu](../client.yml)`` or an image
that is not in ``pages/`` stops it (« fichier introuvable »). ``kit check``
finds the same targets before any build, from the page rendered with the
Markdown the build gives client pages, and both name the line of the source.

A client page is ``client/<name>.md`` in the site: a relative target resolves
from ``client/``; under ``client/`` it must be a file of ``pages/``, elsewhere
a file of ``docs/`` (a kit page).
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

__all__ = ["local_targets", "missing_target"]

_CLIENT = "client"


class _Targets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"a": "href", "img": "src"}.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.found.append(value)


def local_targets(rendered: str) -> list[str]:
    """Each relative link and image target of a rendered page, once, in order."""
    parser = _Targets()
    parser.feed(rendered)
    kept = []
    for target in parser.found:
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or target.startswith(("#", "/")) or not parts.path:
            continue
        if target not in kept:
            kept.append(target)
    return kept


def missing_target(target: str, pages_dir: Path, docs_dir: Path) -> bool:
    """Would MkDocs miss the file ``target`` names, from a client page?"""
    written = unquote(urlsplit(target).path)
    if not posixpath.splitext(written)[1]:
        return False  # « ../livrables/ »: no file named, MkDocs leaves it as is (and says so at INFO)
    path = posixpath.normpath(posixpath.join(_CLIENT, written))
    if path == ".." or path.startswith("../"):
        return True
    if path == _CLIENT or path.startswith(_CLIENT + "/"):
        rest = path[len(_CLIENT) + 1 :]
        return not rest or not (pages_dir / rest).is_file()
    return not (docs_dir / path).is_file()

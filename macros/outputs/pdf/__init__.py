"""PDF handbooks of a client's kit, printed from the built site.

The PDF step runs after ``mkdocs build`` and never during ``mkdocs serve``:
``build_handbooks(site_dir)`` reads which pages go into which handbook from
the pages' front matter (``livrets: [elus, agents]``, ``ordre``; the workshop
worksheet has ``feuille_a3: true``), prints them with WeasyPrint as tagged
PDF/UA-1 and writes the files atomically. ``python -m macros.outputs.pdf`` and
``make pdf`` run it from the command line.

WeasyPrint is imported only when a PDF is built, so that the site build
(which imports this package for the download links) stays fast.
"""

from __future__ import annotations

from typing import Any

from macros.outputs.pdf.names import OUTPUT_FOLDER, WORKSHEET_FILE, handbook_file
from macros.outputs.pdf.sources import HANDBOOKS, WORKSHEET_KEY

__all__ = [
    "HANDBOOKS",
    "OUTPUT_FOLDER",
    "WORKSHEET_FILE",
    "WORKSHEET_KEY",
    "BuiltPdf",
    "build_handbooks",
    "handbook_file",
    "source_date",
]


def __getattr__(name: str) -> Any:
    if name in ("BuiltPdf", "build_handbooks", "source_date"):
        from macros.outputs.pdf import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

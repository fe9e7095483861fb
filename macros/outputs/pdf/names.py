"""Where the PDFs go inside a built site, and their names (the site links to them)."""

from __future__ import annotations

__all__ = ["OUTPUT_FOLDER", "WORKSHEET_FILE", "handbook_file"]

OUTPUT_FOLDER = "livrets"
WORKSHEET_FILE = "feuille-atelier-a3.pdf"


def handbook_file(handbook: str) -> str:
    """``livret-elus.pdf``, ``livret-agents.pdf``."""
    return f"livret-{handbook}.pdf"

"""Where the PDFs go inside a built site, and their names (the site links to them)."""

from __future__ import annotations

__all__ = ["BILAN_FILE", "OUTPUT_FOLDER", "WORKSHEET_FILE", "handbook_file"]

OUTPUT_FOLDER = "livrets"
WORKSHEET_FILE = "feuille-atelier-a3.pdf"


BILAN_FILE = "bilan-participation.pdf"
"""The bilan of the participation, for the council: printed like the handbooks."""


def handbook_file(handbook: str) -> str:
    """``livret-elus.pdf``, ``livret-agents.pdf``, and ``bilan-participation.pdf``."""
    return BILAN_FILE if handbook == "bilan" else f"livret-{handbook}.pdf"

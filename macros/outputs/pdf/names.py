"""Where the PDFs go inside a built site, and their names (the site links to them)."""

from __future__ import annotations

__all__ = ["BILAN_FILE", "LOOSE_DOCUMENTS", "OUTPUT_FOLDER", "WORKSHEET_FILE", "handbook_file"]

OUTPUT_FOLDER = "livrets"
WORKSHEET_FILE = "feuille-atelier-a3.pdf"


BILAN_FILE = "bilan-participation.pdf"
"""The bilan of the participation, for the council: printed like the handbooks."""

#: Documents printed as their pages, without cover or contents: id -> stylesheet.
LOOSE_DOCUMENTS = {"devis": "pdf/devis.css"}


def handbook_file(handbook: str) -> str:
    """``livret-elus.pdf``, ``livret-agents.pdf``, ``bilan-participation.pdf``; a loose document is ``devis.pdf``."""
    if handbook == "bilan":
        return BILAN_FILE
    return f"{handbook}.pdf" if handbook in LOOSE_DOCUMENTS else f"livret-{handbook}.pdf"

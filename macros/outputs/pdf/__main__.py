"""``python -m macros.outputs.pdf [--site DOSSIER] [--sortie DOSSIER]``: print the PDFs of a built site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.errors import KitError
from macros.outputs.pdf import build_handbooks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m macros.outputs.pdf",
        description="Imprime les livrets PDF (élus, agents) et la feuille d’atelier A3 d’un site déjà construit.",
    )
    parser.add_argument("--site", default="site/demo", help="dossier du site construit (défaut : site/demo)")
    parser.add_argument("--sortie", default=None, help="dossier des PDF (défaut : <site>/livrets)")
    args = parser.parse_args(argv)
    site = Path(args.site)
    if not (site / "index.html").is_file():
        print(f"{site} : aucun site construit ici (lancez d’abord mkdocs build)", file=sys.stderr)
        return 2
    try:
        built = build_handbooks(site, args.sortie)
    except KitError as exc:
        print(exc, file=sys.stderr)
        return 1
    if not built:
        print("Aucune page ne demande de livret (clé « livrets » des pages) : aucun PDF écrit.")
    warnings: dict[str, None] = {}
    for pdf in built:
        print(f"{pdf.label} : {pdf.path} ({pdf.pages} pages, {pdf.seconds:.1f} s)")
        warnings.update(dict.fromkeys(pdf.warnings))
    for warning in warnings:  # CSS that WeasyPrint ignores: once each, not fatal
        print(f"  avertissement de WeasyPrint : {warning}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

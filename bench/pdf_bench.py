"""Time of the PDF step against WeasyPrint alone on the same HTML (not a test).

    .venv/bin/python bench/pdf_bench.py [--repeat 5] [--site DIR]

Builds the demo site once (or uses --site), then, alternately, times
``build_handbooks`` (the whole PDF step: kit loading, page selection,
assembly, checks, rendering, atomic writes) and WeasyPrint's own
``HTML(...).write_pdf(pdf_variant="pdf/ua-1")`` on the HTML the step
assembles. Prints the best and the median of each and the step's overhead (on a
busy machine, the best of several runs is the figure to trust).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from weasyprint import HTML  # noqa: E402

from macros.loading.kit import load_kit  # noqa: E402
from macros.outputs.pdf import build_handbooks, source_date  # noqa: E402
from macros.outputs.pdf.assemble import BASE_URL, assemble  # noqa: E402
from macros.outputs.pdf.build import _info  # noqa: E402
from macros.outputs.pdf.render import LocalFetcher  # noqa: E402
from macros.outputs.pdf.sources import HANDBOOKS, find_pages  # noqa: E402
from macros.settings import Settings  # noqa: E402


def build_site(target: Path) -> None:
    env = dict(os.environ, KIT_CLIENT="demo", KIT_AUDIENCE="interne", NO_MKDOCS_2_WARNING="1")
    subprocess.run(
        [str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "--strict", "-d", str(target)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--site", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if args.site is None:
            build_site(site)
        settings = Settings()
        on = source_date({"SOURCE_DATE_EPOCH": "1790000000"})
        own_start = time.perf_counter()  # the step's own work, outside WeasyPrint
        kit = load_kit(settings)
        pages = find_pages(site, ROOT / "docs", kit.client_dir / "pages")
        documents = []
        for hb, label in HANDBOOKS.items():
            chosen = [p for p in pages if hb in p.handbooks]
            if chosen:
                documents.append(
                    assemble(chosen, _info(kit, hb, label, on), book=True, stylesheet="pdf/livret.css").html
                )
        sheets = [p for p in pages if p.worksheet]
        if sheets:
            documents.append(
                assemble(
                    sheets,
                    _info(kit, "feuille", "Feuille d'atelier", on, "A3"),
                    book=False,
                    stylesheet="pdf/feuille-a3.css",
                ).html
            )
        own = time.perf_counter() - own_start
        step, alone = [], []
        build_handbooks(site, Path(tmp) / "warm", settings=settings, on=on)  # warm caches once
        for _ in range(args.repeat):
            start = time.perf_counter()
            built = build_handbooks(site, Path(tmp) / "out", settings=settings, on=on)
            step.append(time.perf_counter() - start)
            start = time.perf_counter()
            for html in documents:
                HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFetcher(site)).write_pdf(
                    pdf_variant="pdf/ua-1", pdf_identifier=True
                )
            alone.append(time.perf_counter() - start)
    print(f"PDF produits : {', '.join(f'{b.path.name} ({b.pages} p.)' for b in built)}")
    print(
        f"Travail propre de l'étape hors WeasyPrint (kit, pages, assemblage) : {own:.3f} s, soit {100 * own / min(alone):.1f} % de WeasyPrint seul"
    )
    for name, pick in (("meilleur", min), ("médiane", statistics.median)):
        a, s = pick(alone), pick(step)
        print(
            f"[{name} de {args.repeat}] WeasyPrint seul (même HTML) : {a:.2f} s ; étape PDF complète : {s:.2f} s ; surcoût : {100 * (s - a) / a:+.1f} % (objectif < 15 %)"
        )


if __name__ == "__main__":
    main()

"""``kit build``: many clients at once, in a pool of worker processes.

Starting MkDocs costs more than building a small kit. Each worker pays that
start-up once and then builds client after client (:mod:`.worker`); with
``-j 2`` two clients are built at the same time. A failing client is named at
the end and does not stop the others.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from macros.commands.common import err
from macros.commands.worker import Job, Result, build_one, warm_up
from macros.errors import display_path
from macros.settings import PROJECT_DIR, Settings

__all__ = ["build_clients", "default_out", "print_summary"]


def default_out(audience: str) -> Path:
    """``site/interne`` or ``site/public`` of the kit's repository (as MkDocs'
    ``site_dir``, relative to ``mkdocs.yml``, wherever the command runs)."""
    return PROJECT_DIR / "site" / audience


def _seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + " s"


def _line(result: Result, done: int, total: int) -> Text:
    mark = Text("✓ ", style="green") if result.ok else Text("✗ ", style="bold red")
    state = "construit" if result.ok else "ÉCHEC"
    notes = f" ({', '.join(result.notes)})" if result.notes else ""
    return Text(f"[{done}/{total}] ") + mark + Text(f"{result.slug} : {state} en {_seconds(result.seconds)}{notes}")


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("Construction des kits"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _pool(workers: int) -> ProcessPoolExecutor:
    # fork: workers inherit the modules imported by warm_up() instead of
    # importing MkDocs and Material again.
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    warm_up()
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def build_clients(
    settings: Settings, slugs: list[str], *, audience: str, out_dir: Path, pdf: bool, workers: int, force: bool = False
) -> list[Result]:
    """Build every client, ``workers`` at a time; results in the order given.

    The cores are shared: with two clients building at once on two cores, each
    prints its books one at a time."""
    out_dir.mkdir(parents=True, exist_ok=True)
    clients_at_once = max(1, min(workers, len(slugs)))
    pdf_workers = max(1, (os.cpu_count() or 1) // clients_at_once)
    jobs = [
        Job(slug, str(settings.clients_dir), str(settings.kits_dir), audience, str(out_dir.resolve()), pdf, force, pdf_workers)
        for slug in slugs
    ]
    results: dict[str, Result] = {}
    with _pool(clients_at_once) as pool:
        futures: dict[Future[Result], Job] = {pool.submit(build_one, job): job for job in jobs}
        with _progress() as progress:
            task = progress.add_task("kits", total=len(jobs))
            for future in as_completed(futures):
                result = future.result()
                results[result.slug] = result
                progress.advance(task)
                progress.console.print(_line(result, len(results), len(jobs)))
    return [results[slug] for slug in slugs]


def print_summary(results: list[Result], seconds: float, out_dir: Path) -> None:
    failed = [r for r in results if not r.ok]
    for result in failed:
        err.print(Text(f"✗ {result.slug} :", style="bold red"))
        for message in result.messages or ["échec sans message"]:
            err.print(Text("  " + message.replace("\n", "\n  ")))
    built = len(results) - len(failed)
    where = display_path(out_dir, PROJECT_DIR)
    err.print(Text(f"{built} kit(s) construit(s) sur {len(results)} en {_seconds(seconds)}, dans {where}/"))
    if failed:
        names = ", ".join(r.slug for r in failed)
        err.print(Text(f"{len(failed)} client(s) en échec : {names}", style="bold red"))


def run_build(
    settings: Settings, slugs: list[str], *, audience: str, out_dir: Path, pdf: bool, workers: int, force: bool = False
) -> bool:
    start = time.perf_counter()
    results = build_clients(settings, slugs, audience=audience, out_dir=out_dir, pdf=pdf, workers=workers, force=force)
    print_summary(results, time.perf_counter() - start, out_dir)
    return all(r.ok for r in results)

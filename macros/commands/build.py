"""``kit build``: many clients at once, in a pool of worker processes.

Starting MkDocs costs more than building a small kit. Each worker pays that
start-up once and then builds client after client (:mod:`.worker`); with
``-j 2`` two clients are built at the same time. A failing client is named at
the end and does not stop the others.

Faults end in one French line, never a traceback: Ctrl-C or SIGTERM stops the
workers (each removes its temporary folder; a swap in progress completes), a
worker killed by the system fails the clients it had not finished, a full or
read-only disk fails the build with the previous sites kept. The output folder
is locked for the whole build, and what a killed build left there is cleaned
first (:mod:`.outdir`).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
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

from macros.commands.common import KitAbort, err, os_error_text
from macros.commands.outdir import build_lock, check_out_dir, clean_stale
from macros.commands.worker import Job, Result, build_one, init_worker, warm_up
from macros.compute.fmt import count
from macros.errors import display_path
from macros.settings import PROJECT_DIR, Settings, epoch_problem, site_url_for, site_url_problem

__all__ = ["Interrupted", "build_clients", "default_out", "print_summary", "run_build"]

_STOP_WAIT = 10.0
"""Seconds a stopped worker gets to remove its temporary folder before SIGKILL."""


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM during a build: stop the workers, clean up, exit 128+signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _stop_on_signals() -> Iterator[None]:
    """Turn SIGINT and SIGTERM into :class:`Interrupted` in the command process."""

    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

    def handler(signum: int, frame: object) -> None:
        for sig in signals:  # once: stopping the workers and cleaning up must not be cut short
            signal.signal(sig, signal.SIG_IGN)
        raise Interrupted(signum)

    previous = {sig: signal.signal(sig, handler) for sig in signals}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


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
    return (
        Text(f"[{done}/{total}] ")
        + mark
        + Text(f"{result.slug} : {state} en {_seconds(result.seconds)}{notes}")
    )


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
    context = (
        multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    )
    warm_up()
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=init_worker, initargs=(os.getpid(),)
    )


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """SIGTERM every worker (each removes its temporary folder), SIGKILL the late ones."""
    processes = list(getattr(pool, "_processes", {}).values())  # no public API lists them
    for process in processes:
        if process.is_alive():
            process.terminate()
    deadline = time.monotonic() + _STOP_WAIT
    for process in processes:
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join(1.0)
    pool.shutdown(wait=False, cancel_futures=True)


_KILLED = (
    "un processus de construction a été arrêté brutalement (tué, ou mémoire épuisée) : "
    "ce kit n’a pas été construit, son site précédent est gardé ; relancez kit build"
)


def _run_jobs(pool: ProcessPoolExecutor, jobs: list[Job]) -> dict[str, Result]:
    results: dict[str, Result] = {}
    futures: dict[Future[Result], Job] = {pool.submit(build_one, job): job for job in jobs}
    with _progress() as progress:
        task = progress.add_task("kits", total=len(jobs))
        for future in as_completed(futures):
            job = futures[future]
            try:
                result = future.result()
            except BrokenProcessPool:  # a worker died: its clients (and those not started) fail
                result = Result(job.slug, False, 0.0, str(Path(job.out_dir) / job.slug), [_KILLED])
            results[result.slug] = result
            progress.advance(task)
            progress.console.print(_line(result, len(results), len(jobs)))
    return results


def build_clients(
    settings: Settings,
    slugs: list[str],
    *,
    audience: str,
    out_dir: Path,
    pdf: bool,
    workers: int,
    force: bool = False,
    site_url: str = "",
) -> list[Result]:
    """Build every client, ``workers`` at a time; results in the order given.

    The cores are shared: with two clients building at once on two cores, each
    prints its books one at a time."""
    clients_at_once = max(1, min(workers, len(slugs)))
    pdf_workers = max(1, (os.cpu_count() or 1) // clients_at_once)
    jobs = [
        Job(
            slug,
            str(settings.clients_dir),
            str(settings.kits_dir),
            audience,
            str(out_dir),
            pdf,
            force,
            pdf_workers,
            site_url_for(site_url, slug) if site_url else "",
        )
        for slug in slugs
    ]
    pool = _pool(clients_at_once)
    try:
        results = _run_jobs(pool, jobs)
    except BaseException:
        _stop_workers(pool)
        raise
    pool.shutdown(wait=True)
    return [results[slug] for slug in slugs]


def print_summary(results: list[Result], seconds: float, out_dir: Path) -> None:
    failed = [r for r in results if not r.ok]
    for result in failed:
        err.print(Text(f"✗ {result.slug} :", style="bold red"))
        for message in result.messages or ["échec sans message"]:
            err.print(Text("  " + message.replace("\n", "\n  ")))
    built = len(results) - len(failed)
    where = display_path(out_dir, PROJECT_DIR)
    err.print(
        Text(
            f"{count(built, 'kit construit', 'kits construits', space=' ')} sur {len(results)} en {_seconds(seconds)}, dans {where}/"
        )
    )
    if failed:
        names = ", ".join(r.slug for r in failed)
        err.print(Text(f"{count(len(failed), 'client', space=' ')} en échec : {names}", style="bold red"))


def _preflight(slugs: list[str], site_url: str) -> None:
    """Refuse, before anything is written, what MkDocs would end in a traceback."""
    problem = epoch_problem()
    if problem:
        raise KitAbort(problem)
    if site_url:
        problem = site_url_problem(site_url, several=len(slugs) > 1)
        if problem:
            raise KitAbort(problem)


def _notice_waiting(out: Path) -> None:
    where = display_path(out, PROJECT_DIR)
    err.print(Text(f"Une autre construction écrit dans {where} : attente de sa fin…"))


def _notice_cleaned(n: int) -> None:
    if n:
        err.print(
            Text(
                f"{count(n, 'dossier laissé', 'dossiers laissés', space=' ')} par une construction interrompue : {'nettoyé' if n < 2 else 'nettoyés'}."
            )
        )


def run_build(
    settings: Settings,
    slugs: list[str],
    *,
    audience: str,
    out_dir: Path,
    pdf: bool,
    workers: int,
    force: bool = False,
) -> bool:
    """``kit build``: checks, lock, clean-up, the builds, the summary."""
    start = time.perf_counter()
    site_url = os.environ.get("KIT_SITE_URL", "").strip()
    _preflight(slugs, site_url)
    out = check_out_dir(out_dir, settings)
    try:
        with _stop_on_signals():
            out.mkdir(parents=True, exist_ok=True)
            with build_lock(out, waiting=lambda: _notice_waiting(out)):
                try:
                    _notice_cleaned(clean_stale(out))
                    results = build_clients(
                        settings,
                        slugs,
                        audience=audience,
                        out_dir=out,
                        pdf=pdf,
                        workers=workers,
                        force=force,
                        site_url=site_url,
                    )
                finally:
                    clean_stale(out)  # what a stopped or killed worker left behind
    except OSError as exc:
        raise KitAbort(f"{os_error_text(exc, out)} : aucun site n’a été remplacé à moitié") from None
    except Interrupted as exc:
        name = signal.Signals(exc.signum).name.removeprefix("SIG")
        raise KitAbort(
            f"construction interrompue ({name}) : chaque site est soit l’ancien, soit le nouveau complet ; "
            "aucun dossier temporaire n’est laissé",
            status=128 + exc.signum,
        ) from None
    print_summary(results, time.perf_counter() - start, out)
    return all(r.ok for r in results)

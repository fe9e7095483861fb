"""Books rendered in parallel: one fresh process per book, started by memory.

WeasyPrint keeps the layout of every page of a book until the PDF is written,
and Python rarely gives freed memory back to the system: a process reused for
a second book keeps the first one's peak (the large client of ``bench/``: the
A3 worksheet's 200 MB stayed held while the agents' booklet reached its own
peak beside it). Each book therefore gets its own process, forked (it
inherits the loaded libraries) and gone, with all its memory, when its PDF is
sent back.

Books start longest first (the length of their HTML is a fair measure of
their cost), as many at once as there are slots, but never two whose
estimated memory adds up to more than :data:`MEMORY_BUDGET`: a large client's
two heaviest books are printed one after the other. A book's memory grows as
its pages are laid out and peaks when its PDF is written, at its end: short
books started beside a long one, adding up to at most a third of it
(:data:`BESIDE_SHARE`), finish long before its peak and may start whatever
the budget says. A book alone always starts, whatever its estimate.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from macros.errors import KitError, Problem

__all__ = ["BESIDE_SHARE", "MEMORY_BUDGET", "MEMORY_PER_HTML_BYTE", "estimate", "run_books"]

T = TypeVar("T")

#: Working memory of WeasyPrint per byte of a book's HTML, measured on the
#: books of the demo and of the large client (from 0.4 to 0.65 MB per kB of HTML).
MEMORY_PER_HTML_BYTE = 650

#: Estimated memory of the books rendered at once, at most (bytes). With the
#: command and the site build's process (about 120 MB together), a build
#: stays under 500 MB when the estimates are right.
MEMORY_BUDGET = 380_000_000


#: Short books may run beside a long one, whatever the budget, while their
#: sizes add up to at most this share of its size.
BESIDE_SHARE = 1 / 3


def estimate(html: str) -> int:
    """Estimated peak memory (bytes) of rendering a book of this HTML."""
    return len(html) * MEMORY_PER_HTML_BYTE


_STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


def _child(conn: Connection, work: Callable[..., Any], args: tuple[Any, ...]) -> None:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _STOP_SIGNALS)  # held by the parent during the fork
    # The objects inherited from the site build stay out of the garbage
    # collector's sight: its passes would write to every page holding them and
    # so copy them, page after page, into this process's own memory.
    gc.freeze()
    try:
        conn.send(("ok", work(*args)))
    except BaseException as exc:  # sent back and raised in the parent, as a pool would
        conn.send(("error", exc))
    finally:
        conn.close()


def _next(pending: list[int], sizes: Sequence[int], running: dict[int, int], budget: int) -> int | None:
    """The first pending book that may start beside those running (any book, if
    none runs). ``running``: each running book -> the sizes of the books
    started while it ran, added up."""
    if not running:
        return pending[0] if pending else None
    used = sum(sizes[n] for n in running)
    longest = max(running, key=lambda n: sizes[n])
    for n in pending:
        if used + sizes[n] <= budget or running[longest] + sizes[n] <= sizes[longest] * BESIDE_SHARE:
            return n
    return None


def run_books(
    work: Callable[..., T],
    args: Sequence[tuple[Any, ...]],
    sizes: Sequence[int],
    names: Sequence[str],
    slots: int,
    budget: int = MEMORY_BUDGET,
) -> list[T]:
    """``work(*a)`` for each of ``args`` in its own forked process, at most
    ``slots`` at once, within ``budget``; results in the order given. An
    exception in a book is raised here; a process that dies without an answer
    (killed, out of memory) fails the build with its book's name."""
    context = multiprocessing.get_context("fork")
    pending = sorted(range(len(args)), key=lambda n: -sizes[n])
    running: dict[int, tuple[BaseProcess, Connection]] = {}
    beside: dict[int, int] = {}  # running book -> sizes of the books started beside it
    results: dict[int, T] = {}
    try:
        while pending or running:
            while len(running) < slots:
                n = _next(pending, sizes, beside, budget)
                if n is None:
                    break
                pending.remove(n)
                for other in beside:
                    beside[other] += sizes[n]
                beside[n] = 0
                receiver, sender = context.Pipe(duplex=False)
                child: BaseProcess = context.Process(target=_child, args=(sender, work, args[n]), daemon=True)
                # No stop signal during the fork: raised inside an at-fork hook
                # (logging has one), the exception would be swallowed and the stop lost.
                held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
                try:
                    child.start()
                    running[n] = (child, receiver)  # known before a stop can arrive: killed with the others
                finally:
                    signal.pthread_sigmask(signal.SIG_SETMASK, held)
                sender.close()
            ready = wait([conn for _, conn in running.values()])
            for n in [n for n, (_, conn) in running.items() if conn in ready]:
                done, conn = running.pop(n)
                del beside[n]
                results[n] = _answer(conn, done, names[n])
    finally:
        for process, conn in running.values():  # a failure elsewhere: the others are not awaited
            process.kill()
            process.join()
            conn.close()
    return [results[n] for n in range(len(args))]


def _answer(conn: Connection, process: BaseProcess, name: str) -> Any:
    try:
        state, value = conn.recv()
    except EOFError:
        state, value = "died", None
    finally:
        conn.close()
    process.join()
    if state == "ok":
        return value
    if state == "error":
        raise value
    code = process.exitcode
    raise KitError(
        [
            Problem(
                name,
                f"l’impression s’est arrêtée brutalement (processus tué ou mémoire épuisée, code {code}) : aucun PDF n’est remplacé",
            )
        ]
    )

"""One client's build, in-process: what each worker of ``kit build`` runs.

A worker imports MkDocs, Material and the macros module once, then builds
client after client through MkDocs' own API (``load_config`` + ``build``), as
``mkdocs build --strict`` would. Three things must not leak from one build to
the next: the selected client (environment variables, read by the macros
module), the kit loaded by the previous build (``macros.site.state`` is reloaded by
``define_env``) and MkDocs' logging (each build gets its own handler; the
strict-mode counter is MkDocs' own, per build). mkdocs-macros calls ``exit()``
on a macro error: that ``SystemExit`` fails this client only.

The site is built in a temporary folder next to its destination and swapped
in only on success: a failed build leaves the previous good site untouched.
A worker never outlives the command: it asks the kernel for SIGTERM when its
parent dies (``prctl(PR_SET_PDEATHSIG)``), checks its parent again before the
swap, and a SIGTERM removes its temporary folder before it exits. The swap
itself (and the manifest that goes with it) runs with SIGTERM and SIGINT held
back, so that a site is never left half replaced.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import multiprocessing
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from macros.commands.common import os_error_text, select_client
from macros.commands.manifest import MANIFEST_FOLDER, Manifest, site_digest, source_digests, write_manifest
from macros.commands.outdir import MARKER, MARKER_TEXT, exchange, is_kit_output, refusal, temporary_prefix
from macros.errors import display_path
from macros.settings import PROJECT_DIR, Settings
from macros.site.third_party import line_of

__all__ = [
    "Collector",
    "Job",
    "Result",
    "build_one",
    "failure_lines",
    "french_message",
    "init_worker",
    "warm_up",
]

_PR_SET_PDEATHSIG = 1
EXIT_STOPPED = 143
_WATCH_INTERVAL = 0.5
_CLEANUP_GRACE = 20.0
"""Seconds a worker whose command died may spend cleaning up before it simply exits:
whatever it still waits on (a result no one will read, a pipe no one empties), it
must not outlive its command for long, holding the lock and the terminal's pipes."""
_worker_pid: int | None = None  # the worker a book process was forked from
_parent_pid: int | None = None
_building = False


class Stopped(BaseException):
    """SIGTERM while building: unwind (removing the temporary folder), then exit."""


@dataclass(frozen=True)
class Job:
    slug: str
    clients_dir: str
    kits_dir: str
    audience: str
    out_dir: str
    pdf: bool = True
    force: bool = False
    """Render every PDF again, even those whose inputs did not change."""
    pdf_workers: int = 0
    """Books rendered at once (0: every core); ``kit build --all`` shares the cores."""
    site_url: str = ""
    """The address of this client's site (``KIT_SITE_URL``), empty if none."""


@dataclass
class Result:
    slug: str
    ok: bool
    seconds: float
    site: str
    messages: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


_MISSING_TARGET = re.compile(
    r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the target '[^']*' is not found among documentation files\."
)
_MISSING_ANCHOR = re.compile(
    r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but the doc '[^']*' does not contain an anchor '[^']*'\."
)


def french_message(message: str, client_dir: Path | None) -> str:
    """MkDocs' most common strict-mode warnings, said in French with the real file."""
    for pattern, text in (
        (_MISSING_TARGET, "lien ou image « {link} » : fichier introuvable"),
        (_MISSING_ANCHOR, "lien « {link} » : cette section n’existe pas dans la page visée"),
    ):
        match = pattern.fullmatch(message)
        if match:
            page, source = match["page"], None
            if client_dir is not None and page.startswith("client/"):
                source = client_dir / "pages" / page.removeprefix("client/")
                page = display_path(source, PROJECT_DIR)
            elif not page.startswith("client/"):
                source = PROJECT_DIR / "docs" / page
                page = f"docs/{page}"
            line = _link_line(source, match["link"])
            return f"{page}{f':{line}' if line else ''}: {text.format(link=match['link'])}"
    return message


def _link_line(source: Path | None, link: str) -> int | None:
    """The line of the page that writes ``link`` (the page was read by the build: it is a file)."""
    if source is None or not source.is_file():
        return None
    try:
        return line_of(source.read_text(encoding="utf-8-sig"), link)
    except (OSError, UnicodeDecodeError):
        return None


class Collector(logging.Handler):
    """Keeps this build's warnings and errors, to report them per client."""

    def __init__(self, client_dir: Path | None = None) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.client_dir = client_dir

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(french_message(record.getMessage().strip(), self.client_dir))


def warm_up() -> None:
    """Import the heavy modules once, before workers are forked."""
    import material  # noqa: F401
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401
    import mkdocs_macros.plugin  # noqa: F401

    import macros  # noqa: F401
    from macros.site.buildcache import cache_git_info

    cache_git_info()
    # Objects imported so far live as long as the worker: keep the garbage
    # collector from scanning them again (and from touching shared pages).
    gc.freeze()


def _on_sigterm(signum: int, frame: object) -> None:
    # Once: a second SIGTERM (parent watch after prctl) must not cut the clean-up short.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if _building:
        raise Stopped
    os._exit(EXIT_STOPPED)  # idle: nothing of ours to clean up


def init_worker(parent_pid: int) -> None:
    """Run in each worker as it starts: die with the parent, leave Ctrl-C to it."""
    global _parent_pid
    _parent_pid = parent_pid
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command stops its workers itself
    signal.signal(signal.SIGTERM, _on_sigterm)
    _die_with_parent(signal.SIGTERM)
    # The PDF step forks processes of its own (one per book): they only render,
    # so they simply die with this worker.
    os.register_at_fork(before=_remember_worker, after_in_child=_init_grandchild)
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(EXIT_STOPPED)
    threading.Thread(target=_watch_parent, name="surveillance-parent", daemon=True).start()


def _die_with_parent(signum: int) -> None:
    """Ask the kernel to send ``signum`` when the parent dies (Linux)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the parent check before the swap still holds


def _remember_worker() -> None:
    global _worker_pid
    _worker_pid = os.getpid()


def _init_grandchild() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent(signal.SIGKILL)
    if os.getppid() != _worker_pid:  # the worker died between the fork and prctl
        os._exit(EXIT_STOPPED)


def _watch_parent() -> None:
    """Second guard, wherever prctl is missing or its signal went astray: poll the parent.

    This thread never takes SIGTERM itself, so that while the main thread holds it
    back (the swap), the signal waits instead of being taken here.
    """
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    while _parent_alive():
        time.sleep(_WATCH_INTERVAL)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(_CLEANUP_GRACE)  # the clean-up of the main thread, then no more waiting
    os._exit(EXIT_STOPPED)


def _parent_alive() -> bool:
    return _parent_pid is None or os.getppid() == _parent_pid


@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGTERM and SIGINT wait until the block is over (then act as usual)."""
    held = {signal.SIGTERM, signal.SIGINT}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _select(job: Job) -> Settings:
    select_client(job.slug, job.clients_dir, job.kits_dir, job.audience)
    if job.site_url:
        os.environ["KIT_SITE_URL"] = job.site_url
    else:
        os.environ.pop("KIT_SITE_URL", None)
    return Settings.from_env()


def _mkdocs_build(site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(PROJECT_DIR / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def _pdfs(site_dir: Path, settings: Settings, result: Result, job: Job) -> None:
    """The handbooks, printed from the freshly built site (never the public one), and the
    cahier des charges as DOCX and ODT next to them (skipped with them by ``--no-pdf``).

    Unchanged books come from the cache kept beside the manifest, outside the
    site folder that the swap replaces."""
    from macros.loading.kit import load_kit
    from macros.outputs.office import build_office_documents
    from macros.outputs.pdf import build_handbooks

    cache = Path(job.out_dir) / MANIFEST_FOLDER / "pdf" / job.slug
    _release_memory()
    built = build_handbooks(
        site_dir, settings=settings, cache_dir=cache, reuse=not job.force, workers=job.pdf_workers or None
    )
    reused = sum(b.reused for b in built)
    result.notes.append(
        f"{len(built)} PDF" + (f", dont {reused} inchangé{'s' if reused > 1 else ''}" if reused else "")
    )
    office_cache = Path(job.out_dir) / MANIFEST_FOLDER / "bureautique" / job.slug
    documents = build_office_documents(
        site_dir, load_kit(settings), cache_dir=office_cache, reuse=not job.force
    )
    if documents:
        kept = sum(d.reused for d in documents)
        result.notes.append(
            f"{len(documents)} DOCX/ODT"
            + (f", dont {kept} inchangé{'s' if kept > 1 else ''}" if kept else "")
        )


def _release_memory() -> None:
    """Give back what the site build freed before the books are printed: each
    book's process is forked from this one and the build counts the memory of
    all of them (the C allocator keeps freed pages until told otherwise)."""
    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).malloc_trim(0)
        except (OSError, AttributeError):
            pass  # not glibc: the pages stay with this process


class _Refused(Exception):
    """The destination may not be replaced; the message says why."""


def _swap_in(tmp: Path, final: Path, out_dir: Path, manifest: Manifest) -> None:
    """Replace the site and write its manifest, as one step no signal splits."""
    with _signals_held():
        if not _parent_alive():
            raise _Refused("la commande kit build s’est arrêtée : le site précédent est gardé")
        if not is_kit_output(final, out_dir, manifest.slug):
            raise _Refused(refusal(final))
        old = exchange(tmp, final)
        write_manifest(out_dir, manifest)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def failure_lines(exc: BaseException, collected: list[str], out_dir: Path) -> list[str]:
    from mkdocs.exceptions import Abort

    lines = list(collected)
    if isinstance(exc, Abort):  # MkDocs' own stop (a SystemExit too): its reason is logged above
        strict = "strict" in str(exc)
        lines.append(
            "construction arrêtée : avertissements refusés en mode strict"
            if strict
            else "construction arrêtée"
        )
    elif isinstance(exc, SystemExit):  # mkdocs-macros exits on an error in a macro or in define_env
        lines.append("construction arrêtée" if lines else "construction arrêtée par une erreur de macro")
    elif isinstance(exc, _Refused):
        lines.append(str(exc))
    elif isinstance(exc, OSError):
        lines.append(os_error_text(exc, out_dir) + " : le site précédent est gardé")
    elif str(exc) not in "\n".join(lines):
        lines.append(f"{type(exc).__name__} : {exc}")
    return lines


def build_one(job: Job) -> Result:
    """Build one client's site (and PDFs); never raises, reports instead.

    A SIGTERM (the command stopping, or its death) ends the worker once the
    temporary folder is removed.
    """
    global _building
    _building = True
    try:
        return _build_one(job)
    except Stopped:
        for child in multiprocessing.active_children():  # the PDF step's processes
            child.kill()
        os._exit(EXIT_STOPPED)
    finally:
        _building = False


def _build_one(job: Job) -> Result:
    start = time.perf_counter()
    out_dir = Path(job.out_dir)
    final = out_dir / job.slug
    result = Result(job.slug, False, 0.0, str(final))
    collector = Collector(Path(job.clients_dir) / job.slug)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    tmp: Path | None = None
    try:
        if not is_kit_output(final, out_dir, job.slug):
            raise _Refused(refusal(final))
        tmp = Path(tempfile.mkdtemp(prefix=temporary_prefix(job.slug), suffix=".construction", dir=out_dir))
        settings = _select(job)
        sources, parts = source_digests(settings)
        _mkdocs_build(tmp)
        if job.pdf and job.audience == "interne":
            _pdfs(tmp, settings, result, job)
        (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        tmp.chmod(0o755)
        built_at = datetime.now(UTC).isoformat(timespec="seconds")
        manifest = Manifest(job.slug, job.audience, sources, site_digest(tmp), built_at, job.site_url, parts)
        _swap_in(tmp, final, out_dir, manifest)
        result.ok = True
    except (Exception, SystemExit) as exc:  # one client's failure must not stop the others
        result.messages = failure_lines(exc, collector.lines, out_dir)
    finally:
        logger.removeHandler(collector)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    result.seconds = time.perf_counter() - start
    return result

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
"""

from __future__ import annotations

import gc
import logging
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from macros.commands.common import select_client
from macros.commands.manifest import MANIFEST_FOLDER, Manifest, site_digest, sources_digest, write_manifest
from macros.errors import display_path
from macros.settings import PROJECT_DIR, Settings

__all__ = ["Job", "Result", "build_one", "warm_up"]


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


def _french(message: str, client_dir: Path | None) -> str:
    """MkDocs' most common strict-mode warnings, said in French with the real file."""
    for pattern, text in (
        (_MISSING_TARGET, "lien ou image « {link} » : fichier introuvable"),
        (_MISSING_ANCHOR, "lien « {link} » : cette section n'existe pas dans la page visée"),
    ):
        match = pattern.fullmatch(message)
        if match:
            page = match["page"]
            if client_dir is not None and page.startswith("client/"):
                page = display_path(client_dir / "pages" / page.removeprefix("client/"), PROJECT_DIR)
            elif not page.startswith("client/"):
                page = f"docs/{page}"
            return f"{page}: {text.format(link=match['link'])}"
    return message


class _Collector(logging.Handler):
    """Keeps this build's warnings and errors, to report them per client."""

    def __init__(self, client_dir: Path | None = None) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.client_dir = client_dir

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(_french(record.getMessage().strip(), self.client_dir))


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


def _select(job: Job) -> Settings:
    select_client(job.slug, job.clients_dir, job.kits_dir, job.audience)
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
    built = build_handbooks(site_dir, settings=settings, cache_dir=cache, reuse=not job.force, workers=job.pdf_workers or None)
    reused = sum(b.reused for b in built)
    result.notes.append(f"{len(built)} PDF" + (f", dont {reused} inchangé{'s' if reused > 1 else ''}" if reused else ""))
    office_cache = Path(job.out_dir) / MANIFEST_FOLDER / "bureautique" / job.slug
    documents = build_office_documents(site_dir, load_kit(settings), cache_dir=office_cache, reuse=not job.force)
    if documents:
        kept = sum(d.reused for d in documents)
        result.notes.append(f"{len(documents)} DOCX/ODT" + (f", dont {kept} inchangé{'s' if kept > 1 else ''}" if kept else ""))


def _swap(tmp: Path, final: Path) -> None:
    old = None
    if final.exists():
        old = final.with_name(f".{final.name}.ancien-{os.getpid()}-{time.monotonic_ns()}")
        final.rename(old)
    tmp.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _failure(exc: BaseException, collected: list[str]) -> list[str]:
    from mkdocs.exceptions import Abort

    lines = list(collected)
    if isinstance(exc, Abort):  # MkDocs' own stop (a SystemExit too): its reason is logged above
        strict = "strict" in str(exc)
        lines.append("construction arrêtée : avertissements refusés en mode strict" if strict else "construction arrêtée")
    elif isinstance(exc, SystemExit):  # mkdocs-macros exits on an error in a macro or in define_env
        lines.append("construction arrêtée" if lines else "construction arrêtée par une erreur de macro")
    elif str(exc) not in "\n".join(lines):
        lines.append(f"{type(exc).__name__} : {exc}")
    return lines


def build_one(job: Job) -> Result:
    """Build one client's site (and PDFs); never raises, reports instead."""
    start = time.perf_counter()
    out_dir = Path(job.out_dir)
    final = out_dir / job.slug
    result = Result(job.slug, False, 0.0, str(final))
    collector = _Collector(Path(job.clients_dir) / job.slug)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    tmp = Path(tempfile.mkdtemp(prefix=f".{job.slug}.", suffix=".construction", dir=out_dir))
    try:
        settings = _select(job)
        sources = sources_digest(settings)
        _mkdocs_build(tmp)
        if job.pdf and job.audience == "interne":
            _pdfs(tmp, settings, result, job)
        tmp.chmod(0o755)
        _swap(tmp, final)
        manifest = Manifest(job.slug, job.audience, sources, site_digest(final), datetime.now(UTC).isoformat(timespec="seconds"))
        write_manifest(out_dir, manifest)
        result.ok = True
    except (Exception, SystemExit) as exc:  # one client's failure must not stop the others
        result.messages = _failure(exc, collector.lines)
    finally:
        logger.removeHandler(collector)
        shutil.rmtree(tmp, ignore_errors=True)
    result.seconds = time.perf_counter() - start
    return result

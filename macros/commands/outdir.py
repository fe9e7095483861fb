"""Where ``kit build`` may write, and what it may replace there.

A build deletes: it replaces a client's site folder whole. So the output
folder is checked before anything is written (it may not be, contain or lie
inside the sources), a site folder is replaced only if a previous kit build
made it (it carries :data:`MARKER`), one build at a time writes in an output
folder (a lock held by the command and its workers), and the temporary
folders of a build that was killed are removed by the next one.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from macros.commands.common import KitAbort
from macros.commands.manifest import MANIFEST_FOLDER
from macros.errors import display_path
from macros.settings import PROJECT_DIR, Settings, output_problem

__all__ = [
    "MARKER",
    "build_lock",
    "check_out_dir",
    "clean_stale",
    "exchange",
    "is_kit_output",
    "temporary_prefix",
]

MARKER = ".kit-site"
"""File written in every site folder a kit build makes: the proof that the
folder may be replaced by the next build (and by nothing else)."""

MARKER_TEXT = "Site construit par kit build (A.M.O.O.R.) : la prochaine construction de ce client remplacera ce dossier.\n"

_LOCK = "verrou"
_TEMPORARY = re.compile(r"\.(?P<slug>[a-z0-9-]+)\.[^/]*\.construction")
_OLD = re.compile(r"\.(?P<slug>[a-z0-9-]+)\.ancien-[0-9-]+")


def temporary_prefix(slug: str) -> str:
    """Name prefix of the folder a client's site is built in (``.<slug>.<random>.construction``)."""
    return f".{slug}."


def check_out_dir(out_dir: Path, settings: Settings) -> Path:
    """The output folder, resolved; a French refusal if a build there could
    delete a source (:func:`macros.settings.output_problem`)."""
    out = out_dir.expanduser().resolve()
    shown = display_path(out, PROJECT_DIR)
    if out.exists() and not out.is_dir():
        raise KitAbort(f"dossier de sortie refusé : {shown} existe et n’est pas un dossier")
    problem = output_problem(out, settings)
    if problem:
        raise KitAbort(
            f"dossier de sortie refusé : {shown} {problem} ; "
            "choisissez un dossier à part pour les sites, par exemple site/interne (le dossier par défaut)"
        )
    return out


def is_kit_output(site: Path, out_dir: Path, slug: str) -> bool:
    """May ``site`` be replaced? Only if it does not exist or a kit build made it
    (its marker, or the build manifest that builds before the marker wrote)."""
    if not site.exists() and not site.is_symlink():
        return True
    if site.is_symlink() or not site.is_dir():
        return False
    return (site / MARKER).is_file() or (out_dir / MANIFEST_FOLDER / f"{slug}.json").is_file()


def refusal(site: Path) -> str:
    return (
        f"le dossier {display_path(site, PROJECT_DIR)} existe et ne vient pas d’une construction du kit "
        f"(pas de fichier {MARKER}) : il n’est pas remplacé ; déplacez-le ou choisissez un autre dossier (--out)"
    )


def _acquire(handle: IO[str], out_dir: Path, waiting: Callable[[], None], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise KitAbort(
                    f"une autre construction écrit déjà dans {display_path(out_dir, PROJECT_DIR)} : "
                    "attendez qu’elle se termine, ou choisissez un autre dossier (--out)"
                ) from None
            if not told:
                waiting()
                told = True
            time.sleep(0.2)


@contextmanager
def build_lock(
    out_dir: Path, waiting: Callable[[], None] = lambda: None, timeout: float = 60.0
) -> Iterator[None]:
    """One build at a time in an output folder.

    An ``flock`` on ``<out>/.kit/verrou``: the kernel releases it when the
    command and every worker that inherited it have ended, so a killed build
    never leaves a stale lock, and while it is held the temporary folders found
    there belong to no running build. A build waits (``timeout`` seconds at
    most) for the previous one, for instance for the workers of a killed build
    to finish their clean-up.
    """
    folder = out_dir / MANIFEST_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / _LOCK, "a", encoding="utf-8") as handle:
        _acquire(handle, out_dir, waiting, timeout)
        yield


def clean_stale(out_dir: Path) -> int:
    """Remove what killed builds left in ``out_dir`` (call with the lock held).

    A temporary build folder is deleted; an old site set aside during a swap
    that was cut short is put back if its client has no site any more.
    Returns the number of folders dealt with.
    """
    count = 0
    if not out_dir.is_dir():
        return 0
    for entry in sorted(out_dir.iterdir()):
        if entry.is_symlink() or not entry.is_dir():
            continue
        if _TEMPORARY.fullmatch(entry.name):
            shutil.rmtree(entry, ignore_errors=True)
            count += 1
        elif match := _OLD.fullmatch(entry.name):
            final = out_dir / match["slug"]
            if not final.exists():
                entry.rename(final)
            else:
                shutil.rmtree(entry, ignore_errors=True)
            count += 1
    return count


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2(old: Path, new: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2``); False if unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        call = libc.renameat2
    except (OSError, AttributeError):
        return False
    done = call(_AT_FDCWD, os.fsencode(old), _AT_FDCWD, os.fsencode(new), _RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(new))


def exchange(new: Path, final: Path) -> Path | None:
    """Put ``new`` in place of ``final``; return where the old site now is.

    With ``renameat2(RENAME_EXCHANGE)`` there is no moment without a site; elsewhere
    the old site is first set aside (``.<slug>.ancien-…``), and :func:`clean_stale`
    puts it back if the build is killed between the two renames.
    """
    if not final.exists():
        new.rename(final)
        return None
    if _renameat2(new, final):
        return new
    old = final.with_name(f".{final.name}.ancien-{os.getpid()}-{time.monotonic_ns()}")
    final.rename(old)
    new.rename(final)
    return old

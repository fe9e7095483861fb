"""What every ``kit`` command shares: where clients live, which ones to take."""

from __future__ import annotations

import dataclasses
import errno
import os
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.text import Text

from macros.loading.kit import CLIENT_FILE
from macros.settings import Settings, bad_slug_message, is_valid_slug

__all__ = [
    "EXIT_FAILED",
    "KitAbort",
    "base_settings",
    "check_slug",
    "client_slugs",
    "err",
    "known_clients",
    "os_error_text",
    "out",
    "select_client",
]

EXIT_FAILED = 1
"""Exit code of a command that ran and found errors (invalid kit, failed build)."""

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class KitAbort(click.ClickException):
    """A clean French message on stderr and exit code 1, never a traceback."""

    exit_code = EXIT_FAILED

    def __init__(self, message: str, status: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.status = status
        """The exit code (``exit_code`` is click's, shared by the class): 130 for Ctrl-C..."""

    def format_message(self) -> str:
        return self.message

    def show(self, file: Any = None) -> None:
        err.print(Text("Erreur : ", style="bold red") + Text(self.message))


def check_slug(slug: str) -> str:
    """Refuse, in French, a client identifier that ``kit new`` would refuse."""
    if not is_valid_slug(slug):
        raise KitAbort(bad_slug_message(slug))
    return slug


_OS_ERRORS = {
    errno.ENOSPC: "plus de place sur le disque",
    errno.EDQUOT: "quota du disque dépassé",
    errno.EROFS: "dossier en lecture seule",
    errno.EACCES: "accès refusé",
    errno.EPERM: "opération non permise",
    errno.ENOENT: "fichier ou dossier introuvable",
    errno.ENOTDIR: "n’est pas un dossier",
    errno.EISDIR: "est un dossier",
    errno.EEXIST: "existe déjà",
    errno.ENOTEMPTY: "dossier non vide",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.EIO: "erreur d’entrée-sortie du disque",
    errno.EADDRINUSE: "adresse déjà utilisée",
    errno.EADDRNOTAVAIL: "adresse indisponible sur cette machine",
}


_WRITING = {errno.ENOSPC, errno.EDQUOT, errno.EROFS}


def os_error_text(exc: OSError, written: Path | None = None) -> str:
    """An operating-system error in one French line, with the file concerned.

    For a full or read-only disk, the folder being written (``written``) says
    more than the file being copied, which Python often names instead.
    """
    what = _OS_ERRORS.get(exc.errno or -1) or f"erreur du système (errno {exc.errno}) : {exc.strerror or exc}"
    where = exc.filename if exc.filename is not None else None
    if written is not None and exc.errno in _WRITING:
        where = f"dossier {written}"
    return f"{what} ({where})" if where else what


def base_settings(clients_dir: Path | None) -> Settings:
    """Settings from the environment, with ``--clients-dir`` taking precedence."""
    settings = Settings.from_env()
    if clients_dir is not None:
        settings = dataclasses.replace(settings, clients_dir=clients_dir.expanduser())
    return dataclasses.replace(settings, clients_dir=settings.clients_dir.resolve())


def known_clients(settings: Settings) -> list[str]:
    """Every folder of the clients directory holding a ``client.yml``, sorted."""
    folder = settings.clients_dir
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / CLIENT_FILE).is_file())


def client_slugs(slugs: tuple[str, ...], all_clients: bool, settings: Settings) -> list[str]:
    """The clients a command works on: those named, or all of them with ``--all``."""
    if slugs and all_clients:
        raise click.UsageError("nommez des clients ou utilisez --all, pas les deux")
    if not slugs and not all_clients:
        raise click.UsageError("nommez au moins un client, ou utilisez --all pour tous les clients")
    if all_clients:
        found = known_clients(settings)
        if not found:
            raise KitAbort(f"aucun client (dossier contenant {CLIENT_FILE}) dans {settings.clients_dir}")
        return found
    return [check_slug(slug) for slug in dict.fromkeys(slugs)]


def select_client(slug: str, clients_dir: str | Path, kits_dir: str | Path, audience: str) -> None:
    """Select one client for MkDocs and the macros module of this process."""
    os.environ.update(
        KIT_CLIENT=slug,
        KIT_CLIENTS_DIR=str(clients_dir),
        KIT_KITS_DIR=str(kits_dir),
        KIT_AUDIENCE=audience,
        NO_MKDOCS_2_WARNING="1",
    )

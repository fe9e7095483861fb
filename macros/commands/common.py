"""What every ``kit`` command shares: where clients live, which ones to take."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.text import Text

from macros.loading.kit import CLIENT_FILE
from macros.settings import Settings

__all__ = ["EXIT_FAILED", "KitAbort", "base_settings", "client_slugs", "err", "known_clients", "out", "select_client"]

EXIT_FAILED = 1
"""Exit code of a command that ran and found errors (invalid kit, failed build)."""

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class KitAbort(click.ClickException):
    """A clean French message on stderr and exit code 1, never a traceback."""

    exit_code = EXIT_FAILED

    def format_message(self) -> str:
        return self.message

    def show(self, file: Any = None) -> None:
        err.print(Text("Erreur : ", style="bold red") + Text(self.message))


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
    return list(dict.fromkeys(slugs))


def select_client(slug: str, clients_dir: str | Path, kits_dir: str | Path, audience: str) -> None:
    """Select one client for MkDocs and the macros module of this process."""
    os.environ.update(
        KIT_CLIENT=slug,
        KIT_CLIENTS_DIR=str(clients_dir),
        KIT_KITS_DIR=str(kits_dir),
        KIT_AUDIENCE=audience,
        NO_MKDOCS_2_WARNING="1",
    )

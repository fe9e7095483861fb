"""``kit check``: validate clients without building anything."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from rich.text import Text

from macros.commands.common import err, out
from macros.errors import KitError, Problem, printable
from macros.loading.kit import load_kit
from macros.loading.legal_checks import legal_warnings
from macros.loading.publication_checks import publication_warnings
from macros.outputs.pdf.sources import page_sources
from macros.settings import PROJECT_DIR, Settings
from macros.site.pages import read_page_info

__all__ = ["check_clients", "client_problems", "client_warnings"]


def _page_problems(pages: list[tuple[Path, str]]) -> list[Problem]:
    problems: list[Problem] = []
    for path, src_uri in pages:
        try:
            read_page_info(path, src_uri)
        except KitError as exc:
            problems.extend(exc.problems)
    return problems


def client_problems(settings: Settings) -> list[Problem]:
    """Every problem of one client's kit: its data, the shared data, the pages."""
    problems: list[Problem] = []
    try:
        load_kit(dataclasses.replace(settings, audience="interne"))
    except KitError as exc:
        problems.extend(exc.problems)
    problems.extend(_page_problems(page_sources(PROJECT_DIR / "docs", settings.client_dir / "pages")))
    return problems


def client_warnings(settings: Settings) -> list[Problem]:
    """What a valid kit lacks but a human may still be gathering: the legal frame,
    and what the public site and the quote need to be published or sent."""
    try:
        kit = load_kit(dataclasses.replace(settings, audience="interne"))
    except KitError:
        return []
    return legal_warnings(kit.client, kit.client_doc, kit.library) + publication_warnings(kit)


def _print_warnings(slug: str, warnings: list[Problem]) -> None:
    count = "1 avertissement" if len(warnings) == 1 else f"{len(warnings)} avertissements"
    err.print(Text("! ", style="yellow") + Text(f"{slug} : {count}"))
    for warning in warnings:
        out.print(Text(f"{warning} (avertissement)"))


def check_clients(settings: Settings, slugs: list[str]) -> int:
    """Print every problem once (shared files may concern every client);
    return the number of clients with at least one problem."""
    printed: set[Problem] = set()
    failed = 0
    for slug in slugs:
        problems = client_problems(dataclasses.replace(settings, slug=slug))
        warnings = [] if problems else client_warnings(dataclasses.replace(settings, slug=slug))
        if warnings:
            _print_warnings(slug, warnings)
        if not problems:
            err.print(Text("✓ ", style="green") + Text(f"{printable(slug)} : aucune erreur"))
            continue
        failed += 1
        count = "1 erreur" if len(problems) == 1 else f"{len(problems)} erreurs"
        err.print(Text("✗ ", style="red") + Text(f"{printable(slug)} : {count}"))
        for problem in problems:
            if problem not in printed:
                printed.add(problem)
                out.print(Text(str(problem)))
    return failed

"""``kit check``: validate clients without building anything."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from rich.text import Text

from macros.commands.common import err, out
from macros.errors import KitError, Problem, display_path, printable
from macros.loading.kit import Kit, load_kit
from macros.loading.publication_checks import publication_warnings
from macros.outputs.pdf.sources import page_sources
from macros.settings import PROJECT_DIR, Settings
from macros.site import page_links, third_party
from macros.site.client_pages import SAFE_EXTENSIONS, RawHtmlAsText
from macros.site.pages import read_page_info

__all__ = ["check_clients", "client_problems"]


def _page_problems(pages: list[tuple[Path, str]]) -> list[Problem]:
    problems: list[Problem] = []
    for path, src_uri in pages:
        try:
            read_page_info(path, src_uri)
        except KitError as exc:
            problems.extend(exc.problems)
    return problems


def _client_page_problems(pages_dir: Path) -> list[Problem]:
    """What a client page would load from another site, and the files it names that the
    build would not find, found before any build.

    The page is rendered with the Markdown the build gives client pages
    (:data:`SAFE_EXTENSIONS`, raw HTML as text), so what is found here is what the
    build's own check (:mod:`macros.site.third_party`) would refuse, with the line.
    """
    import markdown

    problems: list[Problem] = []
    for path in sorted(pages_dir.glob("*.md")) if pages_dir.is_dir() else []:
        if not path.is_file():
            continue  # a pipe or a device would block the read: read_page_info refuses it
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # read_page_info says why, with the file
        shown = display_path(path, PROJECT_DIR)
        rendered = markdown.markdown(text, extensions=[*SAFE_EXTENSIONS, RawHtmlAsText()])
        for resource in third_party.external_resources(rendered):
            problems.append(third_party.problem(resource, path.name, [(shown, path)]))
        for target in page_links.local_targets(rendered):
            if page_links.missing_target(target, pages_dir, PROJECT_DIR / "docs"):
                message = f"lien ou image « {target} » : fichier introuvable (ni dans pages/, ni page du kit)"
                problems.append(Problem(shown, message, third_party.line_of(text, target)))
    return problems


def client_problems(settings: Settings) -> list[Problem]:
    """Every problem of one client's kit: its data, the shared data, the pages; the
    warnings of a kit that loads (``Problem.warning``: coherence, sections no page
    reads, what the declared legal frame and the publication require) with them."""
    problems: list[Problem] = []
    try:
        problems.extend(client_warnings(load_kit(dataclasses.replace(settings, audience="interne"))))
    except KitError as exc:
        problems.extend(exc.problems)
    problems.extend(_page_problems(page_sources(PROJECT_DIR / "docs", settings.client_dir / "pages")))
    problems.extend(_client_page_problems(settings.client_dir / "pages"))
    return problems


def client_warnings(kit: Kit | Settings) -> list[Problem]:
    """What a valid kit lacks but a human may still be gathering: the checks of the
    loading (coherence, legal frame), and what the public site and the quote need."""
    if isinstance(kit, Settings):
        try:
            kit = load_kit(dataclasses.replace(kit, audience="interne"))
        except KitError:
            return []
    return [*kit.warnings, *(w.as_warning() for w in publication_warnings(kit))]


def _count(problems: list[Problem]) -> str:
    errors = sum(1 for p in problems if not p.warning)
    warnings = len(problems) - errors
    parts = []
    if errors:
        parts.append("1 erreur" if errors == 1 else f"{errors} erreurs")
    if warnings:
        parts.append("1 avertissement" if warnings == 1 else f"{warnings} avertissements")
    return " et ".join(parts)


def check_clients(settings: Settings, slugs: list[str], strict: bool = False) -> int:
    """Print every problem once (shared files may concern every client), warnings
    included; return the number of clients with an error (or, ``strict``, a warning)."""
    printed: set[Problem] = set()
    failed = 0
    for slug in slugs:
        problems = client_problems(dataclasses.replace(settings, slug=slug))
        if not problems:
            err.print(Text("✓ ", style="green") + Text(f"{printable(slug)} : aucune erreur"))
            continue
        fails = strict or any(not p.warning for p in problems)
        failed += fails
        err.print(
            Text("✗ " if fails else "! ", style="red" if fails else "yellow")
            + Text(f"{printable(slug)} : {_count(problems)}")
        )
        for problem in problems:
            if problem not in printed:
                printed.add(problem)
                out.print(Text(str(problem)))
    return failed

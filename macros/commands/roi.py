"""``kit roi CLIENT``: the ranking for the workshop, and the grid as a spreadsheet both ways.

- ``kit roi CLIENT``: the ranking, the three conditions, the completeness;
- ``kit roi CLIENT --export grille.xlsx`` (or ``.ods``): the grid to fill in;
- ``kit roi CLIENT --import grille.xlsx``: the filled-in grid back into
  ``client.yml`` (only scores and reasons change), what changed, the checks of
  ``kit check`` and the new ranking.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.text import Text

from macros.commands.check import client_problems
from macros.commands.common import KitAbort
from macros.commands.roi_import import Change, GridImport, import_grid
from macros.compute.fmt import count
from macros.compute.roi import ACTOR, analyse
from macros.compute.roi.summary import print_summary
from macros.errors import display_path
from macros.loading.kit import Kit, load_kit
from macros.loading.sheets import SUFFIXES
from macros.outputs.spreadsheet import write_grid
from macros.settings import PROJECT_DIR

__all__ = ["export_grid", "run_import"]


def export_grid(kit: Kit, target: Path, overwrite: bool = False) -> Path:
    """Write the grid; refuse to overwrite a workbook that may hold a workshop's work."""
    if target.suffix.lower() not in SUFFIXES:
        raise KitAbort(
            f"format non pris en charge « {target.suffix or target.name} » : indiquez un fichier .xlsx ou .ods"
        )
    if target.exists() and not overwrite:
        raise KitAbort(
            f"{display_path(target, PROJECT_DIR)} existe déjà : choisissez un autre nom, ou ajoutez --ecraser"
        )
    if not target.parent.is_dir():
        raise KitAbort(f"dossier introuvable : {display_path(target.parent, PROJECT_DIR)}")
    return write_grid(kit, target)


def _cell_text(cell: tuple[int, str | None] | None) -> str:
    if cell is None:
        return "non notée"
    score, reason = cell
    return f"{score} (« {reason} »)" if reason else str(score)


def _line(kit: Kit, change: Change) -> str:
    scenarios = {s.id: s.title for s in kit.client.scenarios}
    names = analyse(kit).public_names
    who = "collectivité" if change.public == ACTOR else names.get(change.public, change.public)
    criterion = kit.library.criterion(change.criterion).label
    return f"{scenarios[change.scenario]} · {who} · {criterion} : {_cell_text(change.before)} → {_cell_text(change.after)}"


def _summary(result: GridImport) -> str:
    added = sum(1 for c in result.changes if c.before is None)
    emptied = sum(1 for c in result.changes if c.after is None)
    changed = len(result.changes) - added - emptied
    parts = [
        count(n, word, space=" ")
        for n, word in ((changed, "modifiée"), (added, "ajoutée"), (emptied, "vidée"))
        if n
    ]
    return f"{count(len(result.changes), 'case mise à jour', 'cases mises à jour', space=' ')} : {', '.join(parts)}."


def run_import(kit: Kit, source: Path, console: Console) -> None:
    """Import, say what changed, check the client again and print the new ranking."""
    shown = display_path(source, PROJECT_DIR)
    result = import_grid(kit, source, shown)
    if not result.changes:
        console.print(
            Text(f"Aucun changement : {display_path(result.client_file, PROJECT_DIR)} est déjà à jour.")
        )
        return
    for change in result.changes:
        console.print(Text(f"  {_line(kit, change)}"))
    console.print(
        Text(
            f"{_summary(result)} {display_path(result.client_file, PROJECT_DIR)} : seules les notes et raisons ont changé."
        )
    )
    problems = client_problems(kit.settings)
    for problem in problems:
        console.print(Text(str(problem)))
    if any(not p.warning for p in problems):  # warnings are listed, as kit check does, and do not stop
        raise KitAbort(
            f"le kit de « {kit.slug} » contient des erreurs après l’import : corrigez-les (kit check {kit.slug})"
        )
    console.print(Text(f"kit check {kit.slug} : aucune erreur."))
    print_summary(load_kit(kit.settings), console)

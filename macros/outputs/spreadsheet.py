"""The R.O.I. grid as a spreadsheet for the workshop: XLSX (openpyxl) and ODS (odfpy).

One sheet per scenario: the room scores one scenario at a time, from the point
of view of each public in turn, and the public actor's criteria are scored
once per scenario, so they sit in the same sheet (one "Collectivité" column).
A sheet per public would scatter those actor scores over every sheet.

Layout of a scenario sheet (the import in :mod:`macros.commands.roi_import`
reads it back by these positions, never by the French labels a person may
retouch):

- ``B2``: the scenario's id; row 4: above each score column the public's id
  (``acteur`` for the public actor), above each reason column ``raison``;
- from row 5, one row per criterion, its id in column B;
- a score cell accepts a whole number from 0 to 4 (data validation, with the
  criterion's level descriptors as the input help); an empty cell is "not
  scored", never 0. The last column repeats the descriptors in full.

Rows 1 to 4 and columns A to C are frozen; the sheet prints in landscape, one
page wide, with rows 3 and 4 repeated on each page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.compute.roi import ACTOR, analyse

__all__ = [
    "FIRST_ROW",
    "ID_COLUMN",
    "ID_ROW",
    "REASON_ID",
    "SCENARIO_CELL",
    "GridColumn",
    "GridRow",
    "GridSheet",
    "grid_sheets",
    "write_grid",
]

SCENARIO_CELL = (2, 2)
"""(row, column) of the scenario id: ``B2``."""
ID_ROW = 4
ID_COLUMN = 2
FIRST_ROW = 5
FIRST_SCORE_COLUMN = 4
REASON_ID = "raison"
ACTOR_LABEL = "Collectivité"
HELP = (
    "Notez chaque case de 0 à 4 d’après les niveaux de la dernière colonne ; "
    "laissez vide une case non notée (elle ne compte pas). Ne modifiez ni les "
    "identifiants (colonne B, ligne 4) ni les noms des feuilles."
)
_PROMPT_MAX = 255  # Excel refuses a longer input message


@dataclass(frozen=True)
class GridColumn:
    public: str
    """A public's id, or :data:`macros.compute.roi.ACTOR`."""
    label: str
    score_col: int

    @property
    def reason_col(self) -> int:
        return self.score_col + 1


@dataclass(frozen=True)
class GridRow:
    criterion: str
    label: str
    side: str
    sense: str
    levels: tuple[str, ...]

    @property
    def levels_text(self) -> str:
        return "\n".join(f"{n} : {text}" for n, text in enumerate(self.levels))

    @property
    def prompt(self) -> str:
        text = self.levels_text
        return text if len(text) <= _PROMPT_MAX else text[: _PROMPT_MAX - 1] + "…"

    def applies_to(self, column: GridColumn) -> bool:
        return (column.public == ACTOR) == (self.side == "acteur")


@dataclass(frozen=True)
class GridSheet:
    name: str
    scenario: str
    title: str
    columns: tuple[GridColumn, ...]
    rows: tuple[GridRow, ...]
    cells: dict[tuple[str, str], tuple[int, str | None]]
    """(criterion, public or ACTOR) -> (score, reason) of the cells already scored."""

    @property
    def levels_col(self) -> int:
        return self.columns[-1].reason_col + 1


def _sense(side: str, direction: str) -> str:
    what = "coût" if direction == "cout" else "bénéfice"
    return f"{what} pour {'le public' if side == 'citoyen' else 'la collectivité'}"


def sheet_name(scenario: str) -> str:
    """Spreadsheets allow 31 characters; the id in ``B2`` is the reference anyway."""
    return scenario[:31]


def grid_sheets(kit: Any) -> list[GridSheet]:
    """One sheet plan per scenario of the client, citizen criteria first."""
    names = analyse(kit).public_names
    publics = [(p.id, names.get(p.id, p.id)) for p in kit.client.publics] + [(ACTOR, ACTOR_LABEL)]
    columns = tuple(
        GridColumn(pid, label, FIRST_SCORE_COLUMN + 2 * i) for i, (pid, label) in enumerate(publics)
    )
    criteria = sorted(kit.library.criteria, key=lambda c: c.side != "citoyen")
    rows = tuple(
        GridRow(c.id, c.label, c.side, _sense(c.side, c.direction), tuple(c.levels[n] for n in range(5)))
        for c in criteria
    )
    sheets = []
    for scenario in kit.client.scenarios:
        scores = kit.client.roi.scores.get(scenario.id)
        cells: dict[tuple[str, str], tuple[int, str | None]] = {}
        if scores is not None:
            cells.update({(cid, ACTOR): (c.score, c.reason) for cid, c in scores.actor.items()})
            for pid, row in scores.publics.items():
                cells.update({(cid, pid): (c.score, c.reason) for cid, c in row.items()})
        title = f"Grille R.O.I. citoyen — {kit.client.collectivity.name} — scénario « {scenario.title} »"
        sheets.append(GridSheet(sheet_name(scenario.id), scenario.id, title, columns, rows, cells))
    return sheets


def write_grid(kit: Any, path: Path) -> Path:
    """Write the grid to ``path`` (``.xlsx`` or ``.ods``), atomically."""
    sheets = grid_sheets(kit)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from macros.outputs.sheets_xlsx import write_xlsx as writer
    elif suffix == ".ods":
        from macros.outputs.sheets_ods import write_ods as writer
    else:
        raise ValueError(suffix)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        writer(sheets, tmp)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path

"""``kit roi CLIENT --import FILE``: the workshop's filled-in grid back into ``client.yml``.

The workbook is the one ``kit roi CLIENT --export`` wrote (layout in
:mod:`macros.outputs.spreadsheet`), perhaps retouched by hand: columns and
rows are found by the ids of row 4 and column B, not by position, and every
mismatch with the client (a scenario, a public or a criterion it does not
have, or one missing) refuses the whole file with the sheet and the cell.
Cells are untrusted text: a score is a whole number 0-4 or empty, a reason is
plain text on one line. Only the changed scores and reasons are written, by
:func:`macros.loading.yamledit.edit_scores`, and only if the result passes the
same checks as ``kit check``.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from macros.compute.roi import ACTOR
from macros.errors import KitError, Problem, display_path, unknown
from macros.loading import references
from macros.loading.kit import CLIENT_FILE, Kit
from macros.loading.sheets import CellValue, Sheet, cell_ref, read_workbook
from macros.loading.validation import describe, validate_document
from macros.loading.yamledit import CellEdit, EditRefused, edit_scores
from macros.loading.yamlsource import load_yaml
from macros.model import Client
from macros.outputs.spreadsheet import FIRST_ROW, ID_COLUMN, ID_ROW, REASON_ID, SCENARIO_CELL
from macros.settings import PROJECT_DIR

__all__ = ["Change", "GridImport", "import_grid", "read_grid"]

MAX_REASON = 500
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DIGIT = re.compile(r"\s*([0-4])\s*")

Cells = dict[tuple[str, str, str], tuple[int, str | None]]
"""(scenario, public or ACTOR, criterion) -> (score, reason)."""


@dataclass(frozen=True)
class Change:
    scenario: str
    public: str
    criterion: str
    before: tuple[int, str | None] | None
    after: tuple[int, str | None] | None


@dataclass(frozen=True)
class GridImport:
    changes: list[Change]
    client_file: Path


class _Reader:
    """Reads one workbook against one client, collecting every problem."""

    def __init__(self, kit: Kit, shown: str) -> None:
        self.kit = kit
        self.shown = shown
        self.problems: list[Problem] = []
        self.publics = [p.id for p in kit.client.publics]
        self.sides = {c.id: c.side for c in kit.library.criteria}

    def problem(self, sheet: Sheet, row: int, col: int, message: str) -> None:
        self.problems.append(
            Problem(self.shown, f"feuille « {sheet.name} », cellule {cell_ref(row, col)} : {message}")
        )

    # --- structure -------------------------------------------------------------

    def scenario_of(self, sheet: Sheet, known: list[str]) -> str | None:
        value = sheet.value(*SCENARIO_CELL)
        if not isinstance(value, str) or not value.strip():
            self.problem(
                sheet,
                *SCENARIO_CELL,
                "identifiant du scénario attendu ; cette feuille ne vient pas de « kit roi --export »",
            )
            return None
        if value.strip() not in known:
            self.problem(sheet, *SCENARIO_CELL, unknown("scénario", value.strip(), known))
            return None
        return value.strip()

    def columns(self, sheet: Sheet) -> dict[str, int]:
        """Public id (or ``acteur``) -> its score column, from row 4."""
        found: dict[str, int] = {}
        expected = [*self.publics, ACTOR]
        for (row, col), value in sorted(sheet.cells.items()):
            if (
                row != ID_ROW
                or col <= ID_COLUMN + 1
                or not isinstance(value, str)
                or value.strip() == REASON_ID
            ):
                continue
            pid = value.strip()
            if pid not in expected:
                self.problem(
                    sheet,
                    row,
                    col,
                    unknown("public", pid, self.publics)
                    + " : ce classeur ne correspond pas aux publics du client",
                )
            elif pid in found:
                self.problem(
                    sheet,
                    row,
                    col,
                    f"colonne du public « {pid} » en double (déjà en {cell_ref(row, found[pid])})",
                )
            elif _text(sheet.value(row, col + 1)) != REASON_ID:
                self.problem(
                    sheet,
                    row,
                    col + 1,
                    f"colonne « {REASON_ID} » attendue à droite de la note du public « {pid} »",
                )
            else:
                found[pid] = col
        for pid in expected:
            if pid not in found:
                self.problems.append(
                    Problem(
                        self.shown,
                        f"feuille « {sheet.name} », ligne {ID_ROW} : colonne du public « {pid} » absente : exportez de nouveau la grille",
                    )
                )
        return found

    def rows(self, sheet: Sheet, columns: dict[str, int]) -> dict[str, int]:
        """Criterion id -> its row, from column B."""
        found: dict[str, int] = {}
        score_cols = set(columns.values()) | {c + 1 for c in columns.values()}
        for row in sheet.rows:
            if row < FIRST_ROW:
                continue
            cid = _text(sheet.value(row, ID_COLUMN))
            if cid is None:
                for col in sorted(score_cols):
                    if sheet.value(row, col) is not None:
                        self.problem(
                            sheet,
                            row,
                            col,
                            "case remplie sur une ligne sans identifiant de critère (colonne B)",
                        )
                continue
            if cid not in self.sides:
                self.problem(sheet, row, ID_COLUMN, unknown("critère", cid, self.sides))
            elif cid in found:
                self.problem(sheet, row, ID_COLUMN, f"critère « {cid} » en double (déjà ligne {found[cid]})")
            else:
                found[cid] = row
        for cid in self.sides:
            if cid not in found:
                self.problems.append(
                    Problem(
                        self.shown,
                        f"feuille « {sheet.name} », colonne B : ligne du critère « {cid} » absente : exportez de nouveau la grille",
                    )
                )
        return found

    # --- values ----------------------------------------------------------------

    def score(self, sheet: Sheet, row: int, col: int) -> int | None:
        value = sheet.value(row, col)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.problem(sheet, row, col, f"note entière de 0 à 4 attendue, reçu {describe(value)}")
            return None
        if isinstance(value, str):
            match = _DIGIT.fullmatch(value)
            if match:
                return int(match[1])
        elif float(value).is_integer() and 0 <= value <= 4:
            return int(value)
        shown = describe(value).replace(".", ",") if not isinstance(value, str) else describe(value)
        self.problem(
            sheet, row, col, f"note entière de 0 à 4 attendue, reçu {shown} (une case non notée reste vide)"
        )
        return None

    def reason(self, sheet: Sheet, row: int, col: int) -> str | None:
        value = sheet.value(row, col)
        if value is None:
            return None
        if isinstance(value, bool):
            self.problem(sheet, row, col, f"raison attendue en texte, reçu {describe(value)}")
            return None
        text = " ".join(str(value).split())
        if _CONTROL.search(text):
            self.problem(
                sheet, row, col, "caractère de contrôle interdit dans une raison : retapez-la en texte simple"
            )
            return None
        if len(text) > MAX_REASON:
            self.problem(
                sheet,
                row,
                col,
                f"raison trop longue ({len(text)} caractères ; {MAX_REASON} au plus) : résumez-la",
            )
            return None
        return text or None

    def cells(self, sheet: Sheet, scenario: str, columns: dict[str, int], rows: dict[str, int]) -> Cells:
        found: Cells = {}
        for cid, row in rows.items():
            for pid, col in columns.items():
                applies = (pid == ACTOR) == (self.sides[cid] == "acteur")
                score, reason = self.score(sheet, row, col), self.reason(sheet, row, col + 1)
                if not applies:
                    if score is not None or reason is not None or sheet.value(row, col) is not None:
                        where = (
                            "la colonne « Collectivité »"
                            if self.sides[cid] == "acteur"
                            else "les colonnes des publics"
                        )
                        self.problem(
                            sheet, row, col, f"« {cid} » ne se note que dans {where} : videz cette case"
                        )
                    continue
                if score is None and reason is not None:
                    self.problem(sheet, row, col, "une raison sans note : notez la case ou effacez la raison")
                elif score is not None:
                    found[(scenario, pid, cid)] = (score, reason)
        return found


def _text(value: CellValue | None) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_grid(kit: Kit, path: Path, shown: str) -> Cells:
    """Every scored cell of the workbook; :class:`KitError` listing every mismatch."""
    reader = _Reader(kit, shown)
    scenarios = [s.id for s in kit.client.scenarios]
    cells: Cells = {}
    seen: dict[str, str] = {}
    for sheet in read_workbook(path, shown):
        scenario = reader.scenario_of(sheet, scenarios)
        if scenario is None:
            continue
        if scenario in seen:
            reader.problem(
                sheet,
                *SCENARIO_CELL,
                f"scénario « {scenario} » déjà noté dans la feuille « {seen[scenario]} »",
            )
            continue
        seen[scenario] = sheet.name
        columns = reader.columns(sheet)
        rows = reader.rows(sheet, columns)
        cells.update(reader.cells(sheet, scenario, columns, rows))
    for scenario in scenarios:
        if scenario not in seen and not reader.problems:
            reader.problems.append(
                Problem(
                    shown,
                    f"aucune feuille pour le scénario « {scenario} » : exportez de nouveau la grille (kit roi {kit.slug} --export {path.name})",
                )
            )
    if reader.problems:
        raise KitError(reader.problems)
    return cells


def current_cells(client: Client) -> Cells:
    cells: Cells = {}
    for sid, scores in client.roi.scores.items():
        cells.update({(sid, ACTOR, cid): (c.score, c.reason) for cid, c in scores.actor.items()})
        for pid, row in scores.publics.items():
            cells.update({(sid, pid, cid): (c.score, c.reason) for cid, c in row.items()})
    return cells


def _changes(kit: Kit, new: Cells) -> list[Change]:
    old = current_cells(kit.client)
    scenarios = {s.id for s in kit.client.scenarios}
    keys = sorted(set(old) | set(new), key=_order(kit))
    return [
        Change(*key, old.get(key), new.get(key))
        for key in keys
        if key[0] in scenarios and old.get(key) != new.get(key)
    ]


def _order(kit: Kit) -> Callable[[tuple[str, str, str]], tuple[int, ...]]:
    rank = _rank(kit)
    return lambda key: tuple(rank(part) for part in key)


def _rank(kit: Kit) -> Callable[[str], int]:
    """Natural order of the keys of ``roi.notes``: the client's scenarios and publics, the library's criteria."""
    order: dict[str, int] = {}
    for group in (
        [s.id for s in kit.client.scenarios],
        [ACTOR, "publics"],
        [p.id for p in kit.client.publics],
        [c.id for c in kit.library.criteria],
    ):
        order.update({key: index for index, key in enumerate(group) if key not in order})
    return lambda key: order.get(key, 1 << 30)


def _validated(kit: Kit, text: str, client_file: Path) -> None:
    """Check the new text as ``kit check`` checks ``client.yml``, before it replaces it."""
    shown = display_path(client_file, PROJECT_DIR)
    fd, name = tempfile.mkstemp(prefix=".client.", suffix=".yml", dir=client_file.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        doc = load_yaml(tmp, shown)
        client = validate_document(Client, doc)
        problems = references.check_client(client, doc, kit.offers, kit.library, kit.client_dir)
        if problems:
            raise KitError(problems)
        tmp.chmod(client_file.stat().st_mode & 0o777)
        tmp.replace(client_file)
    finally:
        tmp.unlink(missing_ok=True)


def import_grid(kit: Kit, path: Path, shown: str) -> GridImport:
    """Write the workbook's changes into the client's ``client.yml``; return them."""
    changes = _changes(kit, read_grid(kit, path, shown))
    client_file = kit.client_dir / CLIENT_FILE
    if not changes:
        return GridImport([], client_file)
    raw = client_file.read_bytes().decode("utf-8-sig")
    text = raw.replace("\r\n", "\n")  # ruamel.yaml writes "\n": compare like with like
    edits = [CellEdit(c.scenario, c.public, c.criterion, *(c.after or (None, None))) for c in changes]
    try:
        new_text = edit_scores(text, edits, _rank(kit))
    except EditRefused as exc:
        raise KitError(
            [Problem(display_path(client_file, PROJECT_DIR), f"{exc} ; rien n’a été modifié")]
        ) from None
    _validated(kit, new_text.replace("\n", "\r\n") if text != raw else new_text, client_file)
    return GridImport(changes, client_file)

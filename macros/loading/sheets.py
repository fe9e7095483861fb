"""Read a spreadsheet someone filled in (XLSX or ODS) into plain cell values.

A workbook comes from outside: a workshop laptop, an e-mail, an online
questionnaire's export. It is read as untrusted data, with limits that a real
grid never reaches: the file's size, the size once unzipped (a zip bomb), the
number of non-empty cells. XML entities are refused (openpyxl and odfpy both
parse through defusedxml). Formulas are not evaluated: a cell gives the value
that the spreadsheet program last computed and saved.

Shared by every import of the kit (the R.O.I. grid, contributions): the result
is a list of :class:`Sheet`, each a mapping of ``(row, column)`` (from 1) to a
value (``str``, ``int``, ``float``, ``bool``, ``date`` or ``datetime``); empty
cells are absent. Problems are French :class:`~macros.errors.KitError`.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from macros.errors import KitError, Problem

__all__ = ["MAX_BYTES", "SUFFIXES", "CellValue", "Sheet", "cell_ref", "read_workbook"]

CellValue = str | int | float | bool | date | datetime
SUFFIXES = (".xlsx", ".ods")
MAX_BYTES = 10 * 1024 * 1024
"""A workbook above this size is refused (a full R.O.I. grid weighs about 20 kio)."""
MAX_UNZIPPED = 100 * 1024 * 1024
MAX_CELLS = 200_000
MAX_COLUMNS = 16_384


def cell_ref(row: int, column: int) -> str:
    """``(4, 2)`` -> ``B4``, as a spreadsheet names a cell."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"{letters}{row}"


@dataclass
class Sheet:
    name: str
    cells: dict[tuple[int, int], CellValue] = field(default_factory=dict)

    def value(self, row: int, column: int) -> CellValue | None:
        return self.cells.get((row, column))

    @property
    def rows(self) -> list[int]:
        return sorted({r for r, _ in self.cells})


def _fail(shown: str, message: str) -> KitError:
    return KitError([Problem(shown, message)])


def _check_container(path: Path, shown: str) -> None:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise _fail(
            shown, f"classeur trop volumineux ({size / 1048576:.1f} Mio ; 10 Mio au plus)".replace(".", ",")
        )
    if not zipfile.is_zipfile(path):
        raise _fail(
            shown,
            "ce fichier n’est pas un classeur XLSX ou ODS (enregistrez-le depuis le tableur au format .xlsx ou .ods)",
        )
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    if len(infos) > 10_000 or sum(i.file_size for i in infos) > MAX_UNZIPPED:
        raise _fail(shown, "classeur refusé : son contenu décompressé est anormalement volumineux")


def _clean(value: Any) -> CellValue | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (str, bool, int, float, date)):
        return value
    return str(value)


def _read_xlsx(path: Path, shown: str) -> list[Sheet]:
    from openpyxl import load_workbook

    formulas = _xlsx_formulas(path)
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = []
        count = 0
        uncomputed: list[Problem] = []
        for ws in book.worksheets:
            sheet = Sheet(ws.title)
            # The size a file declares is not trusted (A1:XFD1048576 would be billions of
            # empty cells): read the rows it really holds.
            ws.reset_dimensions()
            for row in ws.iter_rows():
                for cell in row:
                    value = _clean(getattr(cell, "value", None))
                    if value is None:
                        # A gap between cells of a read-only row is an EmptyCell, which has no
                        # row nor column: it holds nothing, a formula least of all.
                        where = (ws.title, getattr(cell, "row", None), getattr(cell, "column", None))
                        if where in formulas:
                            uncomputed.append(_uncomputed(shown, ws.title, cell.row, cell.column))
                        continue
                    count += 1
                    if count > MAX_CELLS:
                        raise _too_many(shown)
                    sheet.cells[(cell.row, cell.column)] = value
            sheets.append(sheet)
        if uncomputed:
            raise KitError(uncomputed)
        return sheets
    finally:
        book.close()


def _xlsx_formulas(path: Path) -> set[tuple[str, int, int]]:
    """Where the workbook holds formulas: (sheet, row, column).

    The kit reads the values a spreadsheet saved with its formulas (what the
    user saw on screen) and never computes one. A file written by a program
    rather than a spreadsheet may hold formulas without their value: such a
    cell would read as empty, and an empty score cell erases a score, so it is
    refused instead.
    """
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=False)
    try:
        found = set()
        for ws in book.worksheets:
            ws.reset_dimensions()
            for row in ws.iter_rows():
                for cell in row:
                    if getattr(cell, "data_type", None) == "f":
                        found.add((ws.title, cell.row, cell.column))
        return found
    finally:
        book.close()


def _uncomputed(shown: str, sheet: str, row: int, column: int) -> Problem:
    return Problem(
        shown,
        f"feuille « {sheet} », cellule {cell_ref(row, column)} : formule sans valeur calculée ; "
        "ouvrez le classeur dans un tableur et enregistrez-le, ou tapez la valeur elle-même",
    )


def _too_many(shown: str) -> KitError:
    return _fail(shown, f"classeur refusé : plus de {MAX_CELLS:,} cases remplies".replace(",", "\u202f"))


def _ods_value(cell: Any) -> CellValue | None:
    kind = cell.getAttribute("valuetype")
    if kind in ("float", "percentage", "currency"):
        raw = cell.getAttribute("value")
        number = float(raw)
        return int(number) if number.is_integer() and "." not in raw and "e" not in raw.lower() else number
    if kind == "boolean":
        return cell.getAttribute("booleanvalue") == "true"
    if kind == "date":
        raw = cell.getAttribute("datevalue")
        return datetime.fromisoformat(raw) if "T" in raw else date.fromisoformat(raw)
    return _clean("\n".join(_paragraph_text(p) for p in cell.childNodes if p.qname[1] in ("p", "h")))


def _paragraph_text(node: Any) -> str:
    out = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            out.append(str(child.data))
        elif child.qname[1] == "s":  # <text:s text:c="3"/>: repeated spaces
            out.append(" " * int(child.getAttribute("c") or 1))
        elif child.qname[1] == "tab":
            out.append("\t")
        elif child.qname[1] == "line-break":
            out.append("\n")
        elif child.qname[1] != "annotation":
            out.append(_paragraph_text(child))
    return "".join(out)


def _ods_rows(table: Any) -> list[Any]:
    rows = []
    for child in table.childNodes:
        name = child.qname[1]
        if name == "table-row":
            rows.append(child)
        elif name in ("table-header-rows", "table-rows", "table-row-group"):
            rows.extend(_ods_rows(child))
    return rows


def _read_ods_table(table: Any, shown: str, budget: list[int], uncomputed: list[Problem]) -> Sheet:
    sheet = Sheet(str(table.getAttribute("name")))
    row_number = 1
    for row in _ods_rows(table):
        row_repeat = int(row.getAttribute("numberrowsrepeated") or 1)
        column = 1
        values: list[tuple[int, CellValue]] = []
        for cell in row.childNodes:
            if cell.qname[1] not in ("table-cell", "covered-table-cell"):
                continue
            repeat = int(cell.getAttribute("numbercolumnsrepeated") or 1)
            value = _ods_value(cell) if cell.qname[1] == "table-cell" else None
            if value is None and cell.qname[1] == "table-cell" and cell.getAttribute("formula"):
                uncomputed.append(_uncomputed(shown, sheet.name, row_number, column))
            if value is not None:
                if repeat * row_repeat > 1000:
                    raise _fail(
                        shown, f"feuille « {sheet.name} » : valeur répétée sur un nombre de cases anormal"
                    )
                values.extend((column + k, value) for k in range(repeat))
            column += repeat
            if column > MAX_COLUMNS + 1:
                break
        if values:
            budget[0] -= len(values) * row_repeat
            if budget[0] < 0:
                raise _too_many(shown)
            for k in range(row_repeat):
                sheet.cells.update({(row_number + k, col): value for col, value in values})
        row_number += row_repeat
    return sheet


def _read_ods(path: Path, shown: str) -> list[Sheet]:
    from odf.opendocument import load
    from odf.table import Table

    doc = load(str(path))
    budget = [MAX_CELLS]
    uncomputed: list[Problem] = []
    sheets = [_read_ods_table(t, shown, budget, uncomputed) for t in doc.spreadsheet.getElementsByType(Table)]
    if uncomputed:
        raise KitError(uncomputed)
    return sheets


def read_workbook(path: Path, shown_as: str | None = None) -> list[Sheet]:
    """Every sheet of an XLSX or ODS workbook, as plain values; :class:`KitError` if unreadable."""
    shown = shown_as or path.as_posix()
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise _fail(
            shown,
            f"format non pris en charge « {path.suffix or 'sans extension'} » : classeur .xlsx ou .ods attendu",
        )
    if not path.is_file():
        raise _fail(shown, "fichier introuvable")
    _check_container(path, shown)
    try:
        return _read_xlsx(path, shown) if suffix == ".xlsx" else _read_ods(path, shown)
    except KitError:
        raise
    except Exception as exc:  # a damaged or hostile workbook: say so, never a traceback
        raise _fail(
            shown, f"classeur illisible ({type(exc).__name__}) : enregistrez-le de nouveau depuis le tableur"
        ) from None

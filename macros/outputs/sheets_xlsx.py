"""The R.O.I. grid as an XLSX workbook (openpyxl), from the plans of :mod:`macros.outputs.spreadsheet`."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from macros.outputs.spreadsheet import (
    FIRST_ROW,
    HELP,
    ID_COLUMN,
    ID_ROW,
    REASON_ID,
    SCENARIO_CELL,
    GridSheet,
)

__all__ = ["write_xlsx"]

_BOLD = Font(bold=True)
_SMALL = Font(size=9, color="555555")
_HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
_OFF_FILL = PatternFill("solid", fgColor="D9D9D9")
_SCORE_FILL = PatternFill("solid", fgColor="FFFFFF")
_WRAP = Alignment(wrap_text=True, vertical="top")
_CENTER = Alignment(horizontal="center", vertical="top")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _validation(prompt: str, title: str) -> DataValidation:
    return DataValidation(
        type="whole",
        operator="between",
        formula1="0",
        formula2="4",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Note de 0 à 4",
        error="Entrez un nombre entier de 0 à 4, ou laissez la case vide si elle n’est pas notée.",
        showInputMessage=True,
        promptTitle=title[:32],
        prompt=prompt,
    )


def _headers(ws: Worksheet, sheet: GridSheet) -> None:
    ws.cell(1, 1, sheet.title).font = Font(bold=True, size=13)
    ws.cell(SCENARIO_CELL[0], 1, "Scénario").font = _BOLD
    ws.cell(*SCENARIO_CELL, sheet.scenario)
    ws.cell(2, 3, HELP).alignment = Alignment(wrap_text=False, vertical="top")
    for col, text in ((1, "Critère"), (2, "Identifiant"), (3, "Sens")):
        ws.cell(3, col, text)
    ws.cell(ID_ROW, ID_COLUMN, "id")
    for column in sheet.columns:
        ws.cell(3, column.score_col, column.label)
        ws.merge_cells(start_row=3, start_column=column.score_col, end_row=3, end_column=column.reason_col)
        ws.cell(ID_ROW, column.score_col, column.public)
        ws.cell(ID_ROW, column.reason_col, REASON_ID)
    ws.cell(3, sheet.levels_col, "Niveaux (0 à 4)")
    for row in (3, ID_ROW):
        for col in range(1, sheet.levels_col + 1):
            cell = ws.cell(row, col)
            cell.font = _BOLD if row == 3 else _SMALL
            cell.fill = _HEAD_FILL
            cell.border = _BOX
            cell.alignment = _WRAP


def _rows(ws: Worksheet, sheet: GridSheet) -> None:
    for index, row in enumerate(sheet.rows):
        r = FIRST_ROW + index
        ws.cell(r, 1, row.label).font = _BOLD
        ws.cell(r, 2, row.criterion).font = _SMALL
        ws.cell(r, 3, row.sense)
        ws.cell(r, sheet.levels_col, row.levels_text).font = _SMALL
        targets = []
        for column in sheet.columns:
            score, reason = sheet.cells.get((row.criterion, column.public), (None, None))
            if row.applies_to(column):
                ws.cell(r, column.score_col, score).alignment = _CENTER
                ws.cell(r, column.reason_col, reason)
                targets.append(ws.cell(r, column.score_col).coordinate)
            for col in (column.score_col, column.reason_col):
                ws.cell(r, col).fill = _SCORE_FILL if row.applies_to(column) else _OFF_FILL
        dv = _validation(row.prompt, row.label)
        for target in targets:
            dv.add(target)
        ws.add_data_validation(dv)
        for col in range(1, sheet.levels_col + 1):
            cell = ws.cell(r, col)
            cell.border = _BOX
            if col != 1 and not cell.alignment.horizontal:
                cell.alignment = _WRAP
        ws.cell(r, 1).alignment = _WRAP
        # Five levels of descriptors: spreadsheets do not grow a row's height on opening.
        ws.row_dimensions[r].height = 64


def _page(ws: Worksheet, sheet: GridSheet) -> None:
    widths = {1: 26, 2: 16, 3: 14, sheet.levels_col: 60}
    for column in sheet.columns:
        widths[column.score_col] = 10
        widths[column.reason_col] = 24
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.row_dimensions[3].height = 30
    ws.row_dimensions[ID_ROW].height = 24
    ws.freeze_panes = ws.cell(FIRST_ROW, 4)
    ws.print_title_rows = f"3:{ID_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.oddFooter.center.text = "Page &P sur &N"


def _as_text(ws: Worksheet) -> None:
    """Every cell stays text: openpyxl makes a formula of any string that starts with
    ``=``, and a reason or a title from ``client.yml`` (``=HYPERLINK(…)``) would then
    run in the workshop's spreadsheet. The grid itself holds no formula."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def write_xlsx(sheets: list[GridSheet], path: Path) -> None:
    book = Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        _headers(ws, sheet)
        _rows(ws, sheet)
        _page(ws, sheet)
        _as_text(ws)
    if not sheets:
        book.create_sheet("vide").cell(1, 1, "Aucun scénario n’est encore décrit pour ce client.")
    book.save(path)

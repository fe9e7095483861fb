"""The R.O.I. grid as an ODS workbook (odfpy), for LibreOffice users.

The same plans as the XLSX workbook (:mod:`macros.outputs.spreadsheet`):
validation of the score cells (``table:content-validation``, with the level
descriptors as help message), frozen headers (the view settings LibreOffice
reads), rows 3 and 4 repeated on each printed page, landscape, one page wide.
"""

from __future__ import annotations

from pathlib import Path

from odf import config, style, table, text
from odf.opendocument import OpenDocumentSpreadsheet
from openpyxl.utils import get_column_letter

from macros.outputs.spreadsheet import FIRST_ROW, HELP, ID_ROW, REASON_ID, GridRow, GridSheet

__all__ = ["write_ods"]

_WIDTHS = {
    "label": "5.2cm",
    "id": "3.2cm",
    "sense": "3cm",
    "score": "2.2cm",
    "reason": "4.8cm",
    "levels": "11cm",
}


class _Styles:
    """The few automatic styles of the workbook, made once."""

    def __init__(self, doc: OpenDocumentSpreadsheet) -> None:
        self.doc = doc
        layout = style.PageLayout(name="grille-page")
        layout.addElement(
            style.PageLayoutProperties(
                pagewidth="29.7cm",
                pageheight="21cm",
                printorientation="landscape",
                margin="1cm",
                scaletox="1",
                scaletoy="0",
            )
        )
        doc.automaticstyles.addElement(layout)
        self.master = style.MasterPage(name="grille", pagelayoutname=layout)
        doc.masterstyles.addElement(self.master)
        self.table = self._style(
            "grille-table", "table", style.TableProperties(display="true"), masterpagename=self.master
        )
        self.columns = {
            key: self._style(f"col-{key}", "table-column", style.TableColumnProperties(columnwidth=width))
            for key, width in _WIDTHS.items()
        }
        self.title = self._cell("titre", bold=True, size="13pt", wrap=False, box=False)
        self.help = self._cell("aide", size="9pt", wrap=False, box=False)
        self.head = self._cell("entete", bold=True, fill="#dce6f1")
        self.ident = self._cell("ident", size="9pt", fill="#dce6f1")
        self.label = self._cell("libelle", bold=True)
        self.small = self._cell("petit", size="9pt")
        self.plain = self._cell("texte")
        self.score = self._cell("note", center=True)
        self.off = self._cell("horsjeu", fill="#d9d9d9")

    def _style(self, name: str, family: str, props: object, **extra: object) -> style.Style:
        made = style.Style(name=name, family=family, **extra)
        made.addElement(props)
        self.doc.automaticstyles.addElement(made)
        return made

    def _cell(
        self,
        name: str,
        *,
        bold: bool = False,
        size: str | None = None,
        fill: str | None = None,
        wrap: bool = True,
        center: bool = False,
        box: bool = True,
    ) -> style.Style:
        made = style.Style(name=name, family="table-cell")
        cell_props = {"verticalalign": "top"}
        if box:
            cell_props["border"] = "0.5pt solid #999999"
        if wrap:
            cell_props["wrapoption"] = "wrap"
        if fill:
            cell_props["backgroundcolor"] = fill
        made.addElement(style.TableCellProperties(**cell_props))
        text_props = {}
        if bold:
            text_props["fontweight"] = "bold"
        if size:
            text_props["fontsize"] = size
        if text_props:
            made.addElement(style.TextProperties(**text_props))
        if center:
            made.addElement(style.ParagraphProperties(textalign="center"))
        self.doc.automaticstyles.addElement(made)
        return made


def _text_cell(value: str | None, cell_style: style.Style, **attrs: object) -> table.TableCell:
    cell = table.TableCell(stylename=cell_style, **attrs)
    if value:
        cell.setAttribute("valuetype", "string")
        for line in value.split("\n"):
            cell.addElement(text.P(text=line))
    return cell


def _number_cell(value: int | None, cell_style: style.Style, validation: str) -> table.TableCell:
    if value is None:
        return table.TableCell(stylename=cell_style, contentvalidationname=validation)
    cell = table.TableCell(
        stylename=cell_style, contentvalidationname=validation, valuetype="float", value=str(value)
    )
    cell.addElement(text.P(text=str(value)))
    return cell


def _validation(name: str, row: GridRow, base: str) -> table.ContentValidation:
    rule = table.ContentValidation(
        name=name,
        condition="of:cell-content-is-whole-number() and cell-content-is-between(0,4)",  # ODF 1.2, as LibreOffice writes it
        allowemptycell="true",
        basecelladdress=base,
    )
    helper = table.HelpMessage(title=row.label[:64], display="true")
    for line in row.levels_text.split("\n"):
        helper.addElement(text.P(text=line))
    rule.addElement(helper)
    error = table.ErrorMessage(title="Note de 0 à 4", display="true", messagetype="stop")
    error.addElement(
        text.P(text="Entrez un nombre entier de 0 à 4, ou laissez la case vide si elle n’est pas notée.")
    )
    rule.addElement(error)
    return rule


def _columns(grid: table.Table, sheet: GridSheet, styles: _Styles) -> None:
    for key in ("label", "id", "sense"):
        grid.addElement(table.TableColumn(stylename=styles.columns[key]))
    for _ in sheet.columns:
        grid.addElement(table.TableColumn(stylename=styles.columns["score"]))
        grid.addElement(table.TableColumn(stylename=styles.columns["reason"]))
    grid.addElement(table.TableColumn(stylename=styles.columns["levels"]))


def _header_rows(sheet: GridSheet, styles: _Styles) -> list[table.TableRow]:
    first = table.TableRow()
    first.addElement(_text_cell(sheet.title, styles.title))
    second = table.TableRow()
    second.addElement(_text_cell("Scénario", styles.label))
    second.addElement(_text_cell(sheet.scenario, styles.plain))
    second.addElement(_text_cell(HELP, styles.help))
    names = table.TableRow()
    ids = table.TableRow()
    for label in ("Critère", "Identifiant", "Sens"):
        names.addElement(_text_cell(label, styles.head))
    ids.addElement(_text_cell(None, styles.ident))
    ids.addElement(_text_cell("id", styles.ident))
    ids.addElement(_text_cell(None, styles.ident))
    for column in sheet.columns:
        names.addElement(_text_cell(column.label, styles.head, numbercolumnsspanned="2"))
        names.addElement(table.CoveredTableCell(stylename=styles.head))
        ids.addElement(_text_cell(column.public, styles.ident))
        ids.addElement(_text_cell(REASON_ID, styles.ident))
    names.addElement(_text_cell("Niveaux (0 à 4)", styles.head))
    ids.addElement(_text_cell(None, styles.ident))
    return [first, second, names, ids]


def _grid_row(sheet: GridSheet, row: GridRow, styles: _Styles, validation: str) -> table.TableRow:
    out = table.TableRow()
    out.addElement(_text_cell(row.label, styles.label))
    out.addElement(_text_cell(row.criterion, styles.small))
    out.addElement(_text_cell(row.sense, styles.plain))
    for column in sheet.columns:
        score, reason = sheet.cells.get((row.criterion, column.public), (None, None))
        if row.applies_to(column):
            out.addElement(_number_cell(score, styles.score, validation))
            out.addElement(_text_cell(reason, styles.plain))
        else:
            out.addElement(_text_cell(None, styles.off))
            out.addElement(_text_cell(None, styles.off))
    out.addElement(_text_cell(row.levels_text, styles.small))
    return out


def _quoted(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _sheet(
    sheet: GridSheet, styles: _Styles, validations: table.ContentValidations, start: int
) -> table.Table:
    last = f"{get_column_letter(sheet.levels_col)}{FIRST_ROW + len(sheet.rows) - 1}"
    grid = table.Table(
        name=sheet.name,
        stylename=styles.table,
        printranges=f"{_quoted(sheet.name)}.A1:{_quoted(sheet.name)}.{last}",
    )
    _columns(grid, sheet, styles)
    first, second, names, ids = _header_rows(sheet, styles)
    grid.addElement(first)
    grid.addElement(second)
    repeated = table.TableHeaderRows()
    repeated.addElement(names)
    repeated.addElement(ids)
    grid.addElement(repeated)
    for index, row in enumerate(sheet.rows):
        name = f"note{start + index}"
        validations.addElement(_validation(name, row, f"{_quoted(sheet.name)}.D{FIRST_ROW + index}"))
        grid.addElement(_grid_row(sheet, row, styles, name))
    return grid


def _item(name: str, kind: str, value: object) -> config.ConfigItem:
    item = config.ConfigItem(name=name, type=kind)
    item.addText(str(value))
    return item


def _frozen_view(sheets: list[GridSheet]) -> config.ConfigItemSet:
    """LibreOffice's view settings: rows 1-4 and columns A-C frozen on every sheet."""
    tables = config.ConfigItemMapNamed(name="Tables")
    for sheet in sheets:
        entry = config.ConfigItemMapEntry(name=sheet.name)
        for name, kind, value in (
            ("HorizontalSplitMode", "short", 2),
            ("VerticalSplitMode", "short", 2),
            ("HorizontalSplitPosition", "int", 3),
            ("VerticalSplitPosition", "int", ID_ROW),
            ("ActiveSplitRange", "short", 2),
            ("PositionLeft", "int", 0),
            ("PositionRight", "int", 3),
            ("PositionTop", "int", 0),
            ("PositionBottom", "int", ID_ROW),
        ):
            entry.addElement(_item(name, kind, value))
        tables.addElement(entry)
    view = config.ConfigItemMapEntry()
    view.addElement(_item("ViewId", "string", "view1"))
    view.addElement(tables)
    views = config.ConfigItemMapIndexed(name="Views")
    views.addElement(view)
    settings = config.ConfigItemSet(name="ooo:view-settings")
    settings.addElement(views)
    return settings


def write_ods(sheets: list[GridSheet], path: Path) -> None:
    doc = OpenDocumentSpreadsheet()
    styles = _Styles(doc)
    validations = table.ContentValidations()
    grids = []
    start = 1
    for sheet in sheets:
        grids.append(_sheet(sheet, styles, validations, start))
        start += len(sheet.rows)
    if sheets:
        doc.spreadsheet.addElement(validations)
    for grid in grids:
        doc.spreadsheet.addElement(grid)
    if not sheets:
        empty = table.Table(name="vide")
        line = table.TableRow()
        line.addElement(_text_cell("Aucun scénario n’est encore décrit pour ce client.", styles.plain))
        empty.addElement(line)
        doc.spreadsheet.addElement(empty)
    doc.settings.addElement(_frozen_view(sheets))
    doc.save(str(path))

"""Read a table typed in a spreadsheet or exported by an online questionnaire.

CSV (UTF-8, with or without the byte order mark that Excel writes; comma or
semicolon, whichever the header line uses) and XLSX (the first sheet, read
with openpyxl). Every row keeps the line number a person sees in their
spreadsheet, so that a message can say ``avis.csv:12: theme : …``. Values
are returned as the person typed them; nothing is interpreted here.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from macros.errors import KitError, Problem

__all__ = ["MAX_BYTES", "Row", "Table", "header_key", "read_table"]

MAX_BYTES = 20 * 1024 * 1024
"""A participation rarely yields more than a few thousand lines: 20 MiB is plenty."""


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, object]
    """Column header (as written) -> cell value (text, or a date from a spreadsheet)."""


@dataclass(frozen=True)
class Table:
    path: str
    """As shown in messages."""
    headers: tuple[str, ...]
    rows: tuple[Row, ...]

    def problem(self, line: int | None, column: str | None, message: str) -> Problem:
        return Problem(self.path, message, line, (column,) if column else ())


def header_key(header: str) -> str:
    """``« Thème »``, ``THEME `` and ``thème`` all read ``theme``; ``E-mail`` reads ``e mail``."""
    plain = unicodedata.normalize("NFKD", header).encode("ascii", "ignore").decode("ascii")
    words = "".join(c if c.isalnum() else " " for c in plain.casefold()).split()
    return " ".join(words)


def _decode(path: str, raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise KitError([Problem(path, "fichier encodé en UTF-16 : enregistrez-le en CSV UTF-8")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise KitError(
            [
                Problem(
                    path,
                    f"le fichier n'est pas encodé en UTF-8 (octet 0x{raw[exc.start]:02x}) : enregistrez-le en « CSV UTF-8 »",
                    line,
                )
            ]
        ) from None


def _delimiter(first_line: str) -> str:
    """The one of ``;`` and ``,`` that splits the header line into more columns."""
    counts = {d: len(next(csv.reader([first_line], delimiter=d))) for d in (";", ",")}
    return ";" if counts[";"] >= counts[","] else ","


def _csv_table(path: str, text: str) -> Table:
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        raise KitError([Problem(path, "fichier vide : une ligne d'en-têtes est attendue")])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(lines[first]), strict=True)
    headers: tuple[str, ...] | None = None
    rows: list[Row] = []
    start = 1
    try:
        for record in reader:
            line, start = start, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if headers is None:
                headers = tuple(cell.strip() for cell in record)
                continue
            rows.append(
                Row(line, dict(zip(headers, record + [""] * (len(headers) - len(record)), strict=False)))
            )
    except csv.Error as exc:
        raise KitError([Problem(path, f"CSV illisible : {exc}", start)]) from None
    return Table(path, headers or (), tuple(rows))


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_table(path: str, file: Path) -> Table:
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # only an XLSX import pays for it

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        message = "classeur XLSX illisible (fichier abîmé, ou d'un autre format) : enregistrez-le de nouveau au format .xlsx"
        raise KitError([Problem(path, message)]) from None
    try:
        sheet = book.worksheets[0]
        headers: tuple[str, ...] | None = None
        rows: list[Row] = []
        for number, record in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell(v) for v in record]
            if not any(str(c).strip() for c in cells):
                continue
            if headers is None:
                headers = tuple(str(c).strip() for c in cells)
                continue
            rows.append(
                Row(number, dict(zip(headers, cells + [""] * (len(headers) - len(cells)), strict=False)))
            )
    finally:
        book.close()
    return Table(path, headers or (), tuple(rows))


def read_table(file: Path, shown_as: str | None = None) -> Table:
    """The table in ``file`` (``.csv`` or ``.xlsx``); :class:`KitError` if unreadable."""
    path = shown_as or file.as_posix()
    suffix = file.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise KitError(
            [
                Problem(
                    path,
                    f"format non pris en charge « {file.suffix or 'sans extension'} » : enregistrez le tableau en CSV UTF-8 ou en XLSX",
                )
            ]
        )
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise KitError([Problem(path, "fichier introuvable")]) from None
    if size > MAX_BYTES:
        raise KitError(
            [Problem(path, f"fichier trop volumineux ({size / 1024 / 1024:.1f} Mio ; 20 Mio au plus)")]
        )
    table = (
        _xlsx_table(path, file) if suffix == ".xlsx" else _csv_table(path, _decode(path, file.read_bytes()))
    )
    if not table.headers:
        raise KitError([Problem(path, "fichier vide : une ligne d'en-têtes est attendue")])
    return table

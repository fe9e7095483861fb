"""Read a table typed in a spreadsheet or exported by an online questionnaire.

CSV (UTF-8, with or without the byte order mark that Excel writes; comma or
semicolon, whichever the header line uses), XLSX and ODS (the first sheet,
read by the workbook reader shared with the R.O.I. grid import). Every row
keeps the line number a person sees in their spreadsheet, so that a message
can say ``avis.csv:12: theme : …``. Values are returned as the person typed
them; nothing is interpreted here.
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
                    f"le fichier n’est pas encodé en UTF-8 (octet 0x{raw[exc.start]:02x}) : enregistrez-le en « CSV UTF-8 »",
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
        raise KitError([Problem(path, "fichier vide : une ligne d’en-têtes est attendue")])
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


def _workbook_table(path: str, file: Path) -> Table:
    """The first sheet of an XLSX or ODS workbook, read by the kit's untrusted-workbook
    reader (:mod:`macros.loading.sheets`: size limits, no XML entities, no formulas run)."""
    from macros.loading.sheets import read_workbook  # only a workbook import pays for it

    sheets = read_workbook(file, path)
    cells = sheets[0].cells if sheets else {}
    numbers = sorted({r for r, _ in cells})
    if not numbers:
        return Table(path, (), ())
    width = max(c for _, c in cells)
    headers = tuple(str(_cell(cells.get((numbers[0], c)))).strip() for c in range(1, width + 1))
    rows = [
        Row(n, {h: _cell(cells.get((n, c))) for c, h in enumerate(headers, start=1) if h})
        for n in numbers[1:]
    ]
    return Table(path, headers, tuple(rows))


def read_table(file: Path, shown_as: str | None = None) -> Table:
    """The table in ``file`` (``.csv``, ``.xlsx`` or ``.ods``); :class:`KitError` if unreadable."""
    path = shown_as or file.as_posix()
    suffix = file.suffix.lower()
    if suffix not in (".csv", ".xlsx", ".ods"):
        raise KitError(
            [
                Problem(
                    path,
                    f"format non pris en charge « {file.suffix or 'sans extension'} » : enregistrez le tableau en CSV UTF-8, en XLSX ou en ODS",
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
        _workbook_table(path, file)
        if suffix != ".csv"
        else _csv_table(path, _decode(path, file.read_bytes()))
    )
    if not table.headers:
        raise KitError([Problem(path, "fichier vide : une ligne d’en-têtes est attendue")])
    return table

"""Contributions and questionnaire answers: from a spreadsheet row to checked data.

The same rules serve the import (``kit contributions``, any export of a
spreadsheet or an online questionnaire) and the stored files of the client
folder, read at every build:

- recognised columns are found whatever their case and accents; columns that
  hold personal data (name, e-mail, phone, address...) are dropped before
  anything is read from them; other columns are ignored and named;
- every row is checked against the client's own vocabulary (themes, events of
  the programme and other channels, publics) and every mistake is reported as
  ``file:row: column : message``;
- a text that carries an e-mail address or a phone number is refused rather
  than rewritten: the person who imports removes it;
- each row gets a stable identity, a digest of what it says, so that
  importing the same export twice adds nothing.

The stored files (``contributions.csv``, ``questionnaire.csv``) are CSV in
UTF-8 with a byte order mark, separated by semicolons: the format that French
Excel opens with a double click and writes back as « CSV UTF-8 », that
LibreOffice reads as it is, and that git diffs line by line (one line per
contribution, sorted by date then identity, so a new import shows as added
lines only).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from macros.errors import KitError, Problem, display_path, unknown
from macros.loading.tables import Row, Table, header_key, read_table
from macros.model import Client, Library
from macros.model.followup import CHOICE_LABELS, QUESTIONS, Contribution, QuestionnaireReply
from macros.settings import PROJECT_DIR

__all__ = [
    "CONTRIBUTIONS_FILE",
    "QUESTIONNAIRE_FILE",
    "Columns",
    "Imported",
    "Vocabulary",
    "load_stored",
    "parse_contributions",
    "parse_questionnaire",
    "personal_column",
    "write_contributions",
    "write_questionnaire",
]

CONTRIBUTIONS_FILE = "contributions.csv"
QUESTIONNAIRE_FILE = "questionnaire.csv"
CONTRIBUTION_COLUMNS = ("date", "canal", "theme", "public", "texte")
QUESTIONNAIRE_COLUMNS = ("date", "canal", "public", *(q.id for q in QUESTIONS))
MAX_TEXT = 5000

_PERSONAL_WORDS = frozenset(
    "nom noms prenom prenoms name firstname lastname surname courriel courriels email emails mail mel "
    "telephone tel phone portable mobile gsm adresse address naissance signature ip".split()
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+33[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
_FORMULA = re.compile(r"^(?:=|[+\-@]\S|[+\-@]\s+(?:[=+\-@(\d]|[\w.]+\s*[(|!]))")
"""A cell that Excel or LibreOffice would run as a formula (CSV injection) when the
consultant opens contributions.csv: refused, since a citizen's text is never rewritten.
Spaces do not disarm a formula (``= HYPERLINK(…)``, ``+ cmd|…`` still run): only a
sign followed by spaces and plain words (``- plus d'arbres``) is left as text."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Invisible control characters (``\x1b`` starts a terminal escape sequence): refused
in a citizen's text, as in ``client.yml``; tabs and line ends are kept."""
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_FRENCH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_DATE_HELP = "date attendue au format AAAA-MM-JJ ou JJ/MM/AAAA (ex. 2027-04-17 ou 17/04/2027)"
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "«": '"', "»": '"', "“": '"', "”": '"', "\u00a0": " ", "\u202f": " "}
)


def personal_column(header: str) -> bool:
    """``Nom``, ``Prénom``, ``Courriel``, ``E-mail``, ``Téléphone``, ``Adresse postale``..."""
    words = set(header_key(header).split())
    return bool(words & _PERSONAL_WORDS) or "e mail" in header_key(header)


def _key(value: str) -> str:
    """What two spellings of the same label share: no case, accents or extra spaces."""
    return header_key(value.translate(_QUOTES))


# --- The client's vocabulary ---------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """What a row may name, each keyed by its :func:`_key`: value -> stored form."""

    themes: dict[str, str]
    channels: dict[str, str]
    publics: dict[str, str]
    theme_ids: tuple[str, ...]
    channel_names: tuple[str, ...]
    public_ids: tuple[str, ...]

    @classmethod
    def of(cls, client: Client, library: Library) -> Vocabulary:
        follow = client.follow_up
        themes: dict[str, str] = {}
        for theme in follow.themes if follow else []:
            themes.setdefault(_key(theme.title), theme.id)
            themes[_key(theme.id)] = theme.id
        names = [a.title for a in client.parameters.appointments] if client.parameters else []
        names += list(follow.channels) if follow else []
        channels = {_key(n): n for n in reversed(names)}  # the first spelling wins
        known = {p.id: p.name for p in library.publics}
        publics: dict[str, str] = {}
        for public in client.publics:
            publics.setdefault(_key(known.get(public.id, public.id)), public.id)
            publics[_key(public.id)] = public.id
        return cls(
            themes,
            channels,
            publics,
            tuple(sorted(set(themes.values()))),
            tuple(dict.fromkeys(names)),
            tuple(p.id for p in client.publics),
        )


# --- Columns -------------------------------------------------------------------


@dataclass(frozen=True)
class Columns:
    """Where each recognised column is in the file, and what was left aside."""

    found: dict[str, str]
    """Column id -> header as written in the file."""
    personal: tuple[str, ...]
    ignored: tuple[str, ...]


def _aliases(wanted: Iterable[str]) -> dict[str, str]:
    """Header key -> column id: the id itself, and a question's own words."""
    aliases = {_key(c): c for c in wanted}
    aliases.update({_key("thème"): "theme", _key("text"): "texte", _key("canal ou rendez-vous"): "canal"})
    for question in QUESTIONS:
        if question.id in wanted:
            aliases[_key(question.text)] = question.id
    return aliases


def find_columns(table: Table, wanted: tuple[str, ...], required: tuple[str, ...]) -> Columns:
    """Recognise the columns of ``table``; a missing or doubled column stops the import."""
    aliases = _aliases(wanted)
    found: dict[str, str] = {}
    personal, ignored, problems = [], [], []
    for header in table.headers:
        column = aliases.get(_key(header))
        if column is None and personal_column(header):
            personal.append(header)
        elif column is None:
            if header:
                ignored.append(header)
        elif column in found:
            problems.append(
                table.problem(1, column, f"colonne en double (« {found[column]} » et « {header} »)")
            )
        else:
            found[column] = header
    shown = ", ".join(h for h in table.headers if h) or "aucune"
    for column in required:
        if column not in found:
            problems.append(
                table.problem(1, column, f"colonne obligatoire absente (colonnes du fichier : {shown})")
            )
    if problems:
        raise KitError(problems)
    return Columns(found, tuple(personal), tuple(ignored))


# --- One cell ------------------------------------------------------------------


class _RowErrors:
    """The problems of one row, collected column by column."""

    def __init__(self, table: Table, row: Row):
        self.table, self.row = table, row
        self.problems: list[Problem] = []

    def add(self, column: str, message: str) -> None:
        self.problems.append(self.table.problem(self.row.line, column, message))


def _raw(row: Row, columns: Columns, column: str) -> object:
    """The cell as read: text, or a date from a spreadsheet; ``""`` if the column is absent."""
    header = columns.found.get(column)
    return row.values.get(header, "") if header else ""


def _text(row: Row, columns: Columns, column: str) -> str:
    return str(_raw(row, columns, column)).strip()


def _date(value: object, errors: _RowErrors) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        errors.add("date", f"date manquante : {_DATE_HELP}")
        return None
    iso, french = _ISO.match(text), _FRENCH.match(text)
    if iso:
        year, month, day = int(iso[1]), int(iso[2]), int(iso[3])
    elif french:
        year, month, day = int(french[3]), int(french[2]), int(french[1])
    else:
        errors.add("date", f"{_DATE_HELP}, reçu « {text} »")
        return None
    try:
        return date(year, month, day)
    except ValueError:
        errors.add("date", f"cette date n’existe pas, reçu « {text} »")
        return None


def _lookup(
    value: str, known: dict[str, str], listed: Iterable[str], what: str, column: str, errors: _RowErrors
) -> str | None:
    if not value:
        errors.add(
            column, f"{what} manquant : chaque ligne en indique un (connus : {', '.join(listed) or 'aucun'})"
        )
        return None
    found = known.get(_key(value))
    if found is None:
        errors.add(column, unknown(what, value, listed))
    return found


def _public(value: str, vocab: Vocabulary, errors: _RowErrors) -> str | None:
    if not value:
        return None
    found = vocab.publics.get(_key(value))
    if found is None:
        errors.add("public", unknown("public", value, vocab.public_ids))
    return found


def _citizen_text(value: str, errors: _RowErrors) -> str | None:
    if not value:
        errors.add("texte", "texte vide : chaque ligne porte un avis")
        return None
    if len(value) > MAX_TEXT:
        errors.add(
            "texte",
            f"texte trop long ({len(value)} caractères ; {MAX_TEXT} au plus) : découpez-le en plusieurs avis",
        )
        return None
    for pattern, what, pronoun in (
        (_EMAIL, "une adresse électronique", "la"),
        (_PHONE, "un numéro de téléphone", "le"),
    ):
        if pattern.search(value):
            errors.add(
                "texte",
                f"le texte contient {what} : retirez-{pronoun} du fichier avant l’import (aucune coordonnée n’est enregistrée)",
            )
            return None
    control = _CONTROL.search(value)
    if control:
        errors.add(
            "texte",
            f"caractère de contrôle invisible U+{ord(control[0]):04X} en position {control.start() + 1} : "
            "retirez-le du fichier avant l’import",
        )
        return None
    if _FORMULA.match(value):
        errors.add(
            "texte",
            f"le texte commence par « {value[0]} » : un tableur le lirait comme une formule, même suivi "
            "d’une espace ; ajoutez un mot devant avant l’import",
        )
        return None
    return value


# --- Identity --------------------------------------------------------------------


def _digest(parts: Iterable[object]) -> str:
    normal = "\x1f".join(
        " ".join(unicodedata.normalize("NFC", str(p)).translate(_QUOTES).casefold().split()) for p in parts
    )
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:10]


def _identities(prefix: str, contents: list[tuple[object, ...]]) -> list[str]:
    """One identity per row; the second identical row of a file is ``…-2``, and so on."""
    seen: dict[str, int] = {}
    ids = []
    for content in contents:
        base = f"{prefix}-{_digest(content)}"
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


# --- Whole files -----------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    """The checked rows of one file, and what the import left aside."""

    contributions: tuple[Contribution, ...] = ()
    replies: tuple[QuestionnaireReply, ...] = ()
    columns: Columns = field(default_factory=lambda: Columns({}, (), ()))
    rows: int = 0


def _checked_id(row: Row, columns: Columns, errors: _RowErrors) -> str | None:
    value = _text(row, columns, "id")
    if not value:
        errors.add(
            "id",
            "identifiant manquant : ajoutez les nouvelles lignes avec « kit contributions », qui le calcule",
        )
        return None
    if not _ID.match(value):
        errors.add("id", f"identifiant mal formé, reçu « {value} » (minuscules, chiffres et tirets)")
        return None
    return value


def _when_and_how(
    row: Any, columns: Any, vocab: Vocabulary, errors: _RowErrors, stored: bool
) -> dict[str, Any]:
    """What every imported row states first: its id (stored files), its date and its channel."""
    return {
        "id": _checked_id(row, columns, errors) if stored else "",
        "day": _date(_raw(row, columns, "date"), errors),
        "channel": _lookup(
            _text(row, columns, "canal"), vocab.channels, vocab.channel_names, "canal", "canal", errors
        ),
    }


def parse_contributions(table: Table, vocab: Vocabulary, *, stored: bool = False) -> Imported:
    """Every row of ``table`` as a contribution, or :class:`KitError` with every mistake."""
    wanted = ("id", *CONTRIBUTION_COLUMNS) if stored else CONTRIBUTION_COLUMNS
    required = ("id", "date", "canal", "theme", "texte") if stored else ("date", "canal", "theme", "texte")
    columns = find_columns(table, wanted, required)
    problems: list[Problem] = []
    parsed: list[dict[str, Any]] = []
    for row in table.rows:
        errors = _RowErrors(table, row)
        values = {
            **_when_and_how(row, columns, vocab, errors, stored),
            "theme": _lookup(
                _text(row, columns, "theme"), vocab.themes, vocab.theme_ids, "thème", "theme", errors
            ),
            "public": _public(_text(row, columns, "public"), vocab, errors),
            "text": _citizen_text(_text(row, columns, "texte"), errors),
        }
        problems.extend(errors.problems)
        if not errors.problems:
            parsed.append(values)
    if problems:
        raise KitError(problems)
    if not stored:
        ids = _identities("c", [(v["day"], v["channel"], v["theme"], v["text"]) for v in parsed])
        parsed = [{**v, "id": i} for v, i in zip(parsed, ids, strict=True)]
    items = tuple(Contribution.model_validate(v) for v in parsed)
    if stored:
        _no_duplicate_ids(table, [r.line for r in table.rows], [c.id for c in items])
    return Imported(contributions=items, columns=columns, rows=len(table.rows))


def _choice(value: object, question_id: str, errors: _RowErrors) -> str | None:
    question = next(q for q in QUESTIONS if q.id == question_id)
    text = str(value).strip()
    if not text:
        return None
    by_key = {_key(c): c for c in question.choices} | {_key(CHOICE_LABELS[c]): c for c in question.choices}
    found = by_key.get(_key(text))
    if found is None:
        listed = ", ".join(CHOICE_LABELS[c].lower() for c in question.choices)
        errors.add(question_id, f"réponse inconnue « {text} » (possibles : {listed}, ou vide)")
    return found


def parse_questionnaire(table: Table, vocab: Vocabulary, *, stored: bool = False) -> Imported:
    """Every row of ``table`` as a participant's questionnaire, or :class:`KitError`."""
    wanted = ("id", *QUESTIONNAIRE_COLUMNS) if stored else QUESTIONNAIRE_COLUMNS
    columns = find_columns(table, wanted, ("id", "date", "canal") if stored else ("date", "canal"))
    asked = [q.id for q in QUESTIONS if q.id in columns.found]
    if not asked:
        questions = ", ".join(q.id for q in QUESTIONS)
        raise KitError(
            [table.problem(1, None, f"aucune colonne de question trouvée (colonnes possibles : {questions})")]
        )
    problems: list[Problem] = []
    parsed: list[dict[str, Any]] = []
    for row in table.rows:
        errors = _RowErrors(table, row)
        answers = {q: _choice(_text(row, columns, q), q, errors) for q in asked}
        values = {
            **_when_and_how(row, columns, vocab, errors, stored),
            "public": _public(_text(row, columns, "public"), vocab, errors),
            "answers": {q: a for q, a in answers.items() if a},
        }
        problems.extend(errors.problems)
        if not errors.problems:
            parsed.append(values)
    if problems:
        raise KitError(problems)
    if not stored:
        contents = [
            (v["day"], v["channel"], v["public"] or "", *(v["answers"].get(q.id, "") for q in QUESTIONS))
            for v in parsed
        ]
        parsed = [{**v, "id": i} for v, i in zip(parsed, _identities("q", contents), strict=True)]
    items = tuple(QuestionnaireReply.model_validate(v) for v in parsed)
    if stored:
        _no_duplicate_ids(table, [r.line for r in table.rows], [r.id for r in items])
    return Imported(replies=items, columns=columns, rows=len(table.rows))


def _no_duplicate_ids(table: Table, lines: list[int], ids: list[str]) -> None:
    first: dict[str, int] = {}
    problems = []
    for line, ident in zip(lines, ids, strict=True):
        if ident in first:
            problems.append(
                table.problem(line, "id", f"identifiant « {ident} » en double (déjà ligne {first[ident]})")
            )
        first.setdefault(ident, line)
    if problems:
        raise KitError(problems)


# --- The stored files ----------------------------------------------------------------


def load_stored(
    folder: Path, client: Client, library: Library
) -> tuple[tuple[Contribution, ...], tuple[QuestionnaireReply, ...]]:
    """The client's stored contributions and questionnaires (none if the files are absent)."""
    vocab = Vocabulary.of(client, library)
    problems: list[Problem] = []
    found: list[Imported] = []
    for name, parse in ((CONTRIBUTIONS_FILE, parse_contributions), (QUESTIONNAIRE_FILE, parse_questionnaire)):
        file = folder / name
        if not file.is_file():
            found.append(Imported())
            continue
        try:
            found.append(parse(read_table(file, display_path(file, PROJECT_DIR)), vocab, stored=True))
        except KitError as exc:
            problems.extend(exc.problems)
    if problems:
        raise KitError(problems)
    return found[0].contributions, found[1].replies


def _write_csv(target: Path, header: tuple[str, ...], rows: Iterator[list[str]]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        temp.write_bytes(("\ufeff" + buffer.getvalue()).encode("utf-8"))
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


def write_contributions(target: Path, items: Iterable[Contribution]) -> None:
    """All of ``items``, sorted by date then identity, written atomically."""
    ordered = sorted(items, key=lambda c: (c.day, c.id))
    rows = ([c.id, c.day.isoformat(), c.channel, c.theme, c.public or "", c.text] for c in ordered)
    _write_csv(target, ("id", *CONTRIBUTION_COLUMNS), rows)


def write_questionnaire(target: Path, items: Iterable[QuestionnaireReply]) -> None:
    ordered = sorted(items, key=lambda r: (r.day, r.id))
    rows = (
        [r.id, r.day.isoformat(), r.channel, r.public or "", *(r.answers.get(q.id, "") for q in QUESTIONS)]
        for r in ordered
    )
    _write_csv(target, ("id", *QUESTIONNAIRE_COLUMNS), rows)

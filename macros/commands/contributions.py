"""``kit contributions CLIENT FILE``: add what people said to the client folder.

The file is an export of a spreadsheet or an online questionnaire (CSV, XLSX
or ODS). Every row is checked first; one mistake and nothing is written. The
rows already stored (same date, channel, theme and text) are recognised and
left alone, so importing a growing export again only adds its new rows.
Personal columns are dropped before anything is read from them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from macros.errors import KitError, display_path, printable
from macros.loading.contributions import (
    CONTRIBUTIONS_FILE,
    QUESTIONNAIRE_FILE,
    Columns,
    Vocabulary,
    parse_contributions,
    parse_questionnaire,
    write_contributions,
    write_questionnaire,
)
from macros.loading.kit import Kit, load_kit
from macros.loading.tables import read_table
from macros.model.followup import Contribution, QuestionnaireReply
from macros.settings import Settings

__all__ = ["ImportReport", "import_file"]


@dataclass(frozen=True)
class ImportReport:
    target: Path
    rows: int
    added: tuple[Contribution | QuestionnaireReply, ...]
    already: int
    total: int
    columns: Columns
    written: bool
    unanswered: tuple[str, ...] = ()
    """Themes that have contributions but no answer yet in ``suites.reponses``."""


def _unanswered(kit: Kit, added: tuple[Contribution | QuestionnaireReply, ...]) -> tuple[str, ...]:
    """The duty to answer, as a reminder: every theme people spoke of needs an answer."""
    follow = kit.client.follow_up
    if follow is None:
        return ()
    spoken = {c.theme for c in (*kit.contributions, *added) if isinstance(c, Contribution)}
    answered = {a.theme for a in follow.answers}
    return tuple(t.id for t in follow.themes if t.id in spoken and t.id not in answered)


def _known_vocabulary(kit: Kit) -> Vocabulary:
    if kit.client.follow_up is None or not kit.client.follow_up.themes:
        raise KitError(
            [
                kit.client_doc.problem(
                    ("suites",),
                    "aucun thème déclaré : ajoutez la section « suites » avec sa liste « themes » avant d’importer",
                )
            ]
        )
    return Vocabulary.of(kit.client, kit.library)


@dataclass(frozen=True)
class _Merge:
    added: tuple[Contribution | QuestionnaireReply, ...]
    stored: int
    found: int
    target: Path


def _merge_contributions(kit: Kit, found: tuple[Contribution, ...], trial: bool) -> _Merge:
    known = {c.id for c in kit.contributions}
    added = tuple(c for c in found if c.id not in known)
    target = kit.client_dir / CONTRIBUTIONS_FILE
    if added and not trial:
        write_contributions(target, [*kit.contributions, *added])
    return _Merge(added, len(kit.contributions), len(found), target)


def _merge_replies(kit: Kit, found: tuple[QuestionnaireReply, ...], trial: bool) -> _Merge:
    known = {r.id for r in kit.questionnaires}
    added = tuple(r for r in found if r.id not in known)
    target = kit.client_dir / QUESTIONNAIRE_FILE
    if added and not trial:
        write_questionnaire(target, [*kit.questionnaires, *added])
    return _Merge(added, len(kit.questionnaires), len(found), target)


def import_file(
    settings: Settings, slug: str, file: Path, *, questionnaire: bool = False, trial: bool = False
) -> ImportReport:
    """Check ``file`` against the client's kit, then merge its new rows (unless ``trial``)."""
    kit = load_kit(dataclasses.replace(settings, slug=slug, audience="interne"))
    table = read_table(file, display_path(file))
    if questionnaire:
        imported = parse_questionnaire(table, Vocabulary.of(kit.client, kit.library))
        merge = _merge_replies(kit, imported.replies, trial)
    else:
        imported = parse_contributions(table, _known_vocabulary(kit))
        merge = _merge_contributions(kit, imported.contributions, trial)
    added = merge.added
    return ImportReport(
        merge.target,
        imported.rows,
        added,
        merge.found - len(added),
        merge.stored + len(added),
        imported.columns,
        bool(added) and not trial,
        () if questionnaire else _unanswered(kit, added),
    )


_SHOWN = 10
"""New rows listed by the report; the rest are counted."""


def _plural(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n <= 1 else plural or singular + 's'}"


def _line(item: Contribution | QuestionnaireReply) -> str:
    when = item.day.strftime("%d/%m/%Y")
    if isinstance(item, Contribution):
        text = item.text if len(item.text) <= 70 else item.text[:69].rstrip() + "…"
        return f"  + {when} · {item.channel} · {item.theme} · « {text} »"
    return f"  + {when} · {item.channel} · {_plural(len(item.answers), 'réponse')}"


@dataclass(frozen=True)
class _Words:
    """The French of one kind of row: its gender decides every agreement."""

    one: str
    many: str
    feminine: bool
    new: tuple[str, str]
    """« nouvelle », « nouvelles » or « nouveau », « nouveaux »."""

    def agree(self, word: str, n: int) -> str:
        return word + ("e" if self.feminine else "") + ("s" if n > 1 else "")

    def none(self) -> str:
        return "aucune" if self.feminine else "aucun"

    def new_rows(self, n: int) -> str:
        if n == 0:
            return f"{self.none()} {self.one} {self.new[0]}"
        return f"{n} {self.one if n == 1 else self.many} {self.new[n > 1]}"


_CONTRIBUTION = _Words("contribution", "contributions", True, ("nouvelle", "nouvelles"))
_QUESTIONNAIRE = _Words("questionnaire", "questionnaires", False, ("nouveau", "nouveaux"))


def _columns_lines(columns: Columns) -> list[str]:
    lines = []
    if columns.personal:
        n = len(columns.personal)
        words = (
            "colonne de données personnelles écartée"
            if n == 1
            else "colonnes de données personnelles écartées"
        )
        lines.append(
            f"{n} {words}, jamais enregistrée{'s' if n > 1 else ''} : {', '.join(columns.personal)}."
        )
    if columns.ignored:
        label = "Colonne ignorée" if len(columns.ignored) == 1 else "Colonnes ignorées"
        lines.append(f"{label} : {', '.join(columns.ignored)}.")
    return lines


def report_lines(report: ImportReport, *, trial: bool) -> list[str]:
    """What the import found and did, in French, one line each."""
    words = _QUESTIONNAIRE if report.target.name == QUESTIONNAIRE_FILE else _CONTRIBUTION
    lines = [
        f"{report.rows} ligne{'s' if report.rows > 1 else ''} lue{'s' if report.rows > 1 else ''}.",
        *_columns_lines(report.columns),
    ]
    new = words.new_rows(len(report.added))
    already = f"{report.already or words.none()} déjà {words.agree('présent', report.already)}"
    lines.append(f"{new[0].upper()}{new[1:]}, {already} dans {report.target.name}.")
    lines += [_line(item) for item in report.added[:_SHOWN]]
    if len(report.added) > _SHOWN:
        lines.append(f"  … et {len(report.added) - _SHOWN} autres.")
    if trial:
        lines.append("Essai : rien n’a été écrit.")
    elif report.written:
        added = f"{len(report.added)} {words.one if len(report.added) == 1 else words.many} {words.agree('ajouté', len(report.added))}"
        lines.append(f"{display_path(report.target)} : {added} ({report.total} en tout).")
    else:
        lines.append(f"{report.target.name} n’a pas changé.")
    if report.unanswered:
        n = len(report.unanswered)
        themes = "thème a" if n == 1 else "thèmes ont"
        lines.append(
            f"À faire : {n} {themes} des avis mais pas encore de réponse (suites.reponses) : {', '.join(report.unanswered)}."
        )
    return lines


def print_report(report: ImportReport, *, trial: bool) -> None:
    from rich.text import Text

    from macros.commands.common import err

    for line in report_lines(report, trial=trial):
        err.print(Text(printable(line)))  # citizen text: no escape sequence reaches the terminal

"""Cross-references of the ``suites`` section: themes, quotes and commitments must exist.

Run once ``client.yml`` has passed its schema and the stored contributions
have been read, so that a quote naming a contribution that is not in
``contributions.csv`` is found at once, with its line.
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.errors import Problem, unknown
from macros.loading.yamlsource import YamlDocument
from macros.model import Client
from macros.model.followup import Contribution, FollowUp

__all__ = ["check_follow_up"]


def check_follow_up(
    client: Client, doc: YamlDocument, contributions: tuple[Contribution, ...] | None
) -> list[Problem]:
    """Every id the section names; ``contributions`` is ``None`` when they could not be read."""
    follow = client.follow_up
    if follow is None:
        return []
    themes = {t.id for t in follow.themes}
    problems = list(_theme_refs(doc, follow.answers, ("suites", "reponses"), themes))
    problems.extend(_theme_refs(doc, follow.commitments, ("suites", "engagements"), themes))
    for i, answer in enumerate(follow.answers):
        if answer.due and answer.due < answer.day:
            problems.append(
                doc.problem(
                    ("suites", "reponses", i, "echeance"),
                    f"l’échéance ({answer.due.isoformat()}) précède la date de la réponse ({answer.day.isoformat()})",
                )
            )
    if contributions is not None:
        problems.extend(_quotes(doc, follow.quotes, contributions))
        problems.extend(_report_date(doc, follow, contributions))
    return problems


def _report_date(
    doc: YamlDocument, follow: FollowUp, contributions: tuple[Contribution, ...]
) -> list[Problem]:
    """A bilan dated before what it reports: printed anyway the day after the last of it, said here."""
    days = [c.day for c in contributions] + [a.day for a in follow.answers]
    days += [c.updated for c in follow.commitments if c.updated]
    last = max(days, default=None)
    if follow.report_date is None or last is None or follow.report_date >= last:
        return []
    message = (
        f"le bilan est daté du {follow.report_date.isoformat()}, avant ce qu’il rapporte (jusqu’au "
        f"{last.isoformat()}) : il sera daté du lendemain ; corrigez la date ou retirez-la"
    )
    return [doc.problem(("suites", "date_bilan"), message).as_warning()]


def _theme_refs(doc: YamlDocument, items: list, loc: tuple[str, str], themes: set[str]) -> Iterator[Problem]:
    for i, item in enumerate(items):
        if item.theme is not None and item.theme not in themes:
            yield doc.problem((*loc, i, "theme"), unknown("thème", item.theme, themes))


def _quotes(
    doc: YamlDocument, quotes: list[str], contributions: tuple[Contribution, ...]
) -> Iterator[Problem]:
    known = {c.id for c in contributions}
    seen: set[str] = set()
    for i, ident in enumerate(quotes):
        if ident in seen:
            yield doc.problem(("suites", "citations", i), f"contribution « {ident} » citée deux fois")
        elif ident not in known:
            where = (
                "aucune contribution n’est encore importée"
                if not known
                else "identifiant absent de contributions.csv"
            )
            yield doc.problem(("suites", "citations", i), f"contribution inconnue « {ident} » ({where})")
        seen.add(ident)

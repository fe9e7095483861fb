"""What the contributions say in figures, and how participation compares with the forecast.

Pure functions over the loaded kit. Counting is plain; the comparison with
the R.O.I. citoyen is made with care: the grid scores how attractive the
chosen scenario looked to each public, during a workshop, before anyone came.
It is a forecast, not a measurement, and publics differ in size. So we compare
shares (a public's share of the contributions that say who they come from,
and the share it would have if participation followed the R.O.I. alone) and
read a gap as a question for next time, never as a proof.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from macros.compute.choice import chosen_scenario
from macros.compute.roi import analyse
from macros.loading.kit import Kit
from macros.model.client import Mitigation
from macros.model.followup import QUESTIONS, Answer, Contribution, Question, Theme

__all__ = [
    "LESS",
    "MORE",
    "NEAR",
    "UNKNOWN",
    "Indicator",
    "Participation",
    "PublicGap",
    "answers_by_theme",
    "by_channel",
    "by_public",
    "by_theme",
    "channel_order",
    "channel_public_table",
    "has_follow_up",
    "indicators",
    "participation",
    "public_names",
    "quotes",
    "theme_titles",
]

LESS, NEAR, MORE, UNKNOWN = "moins", "proche", "plus", "inconnu"
_LOW, _HIGH = Fraction(2, 3), Fraction(3, 2)
"""A public whose share is under two thirds of the forecast came « less than expected »."""


def has_follow_up(kit: Kit) -> bool:
    """Something was heard: the public report and the bilan exist from then on."""
    return bool(kit.contributions)


def theme_titles(kit: Kit) -> dict[str, str]:
    follow = kit.client.follow_up
    return {t.id: t.title for t in follow.themes} if follow else {}


def public_names(kit: Kit) -> dict[str, str]:
    known = {p.id: p.name for p in kit.library.publics}
    return {p.id: known.get(p.id, p.id) for p in kit.client.publics}


def _ranked(counter: Counter[str], order: Iterable[str]) -> list[tuple[str, int]]:
    """Most frequent first; ties keep the client's own order."""
    rank = {key: i for i, key in enumerate(order)}
    return sorted(counter.items(), key=lambda kv: (-kv[1], rank.get(kv[0], len(rank)), kv[0]))


def _count(kit: Kit, key: Callable[[Contribution], str]) -> Counter[str]:
    return Counter(key(c) for c in kit.contributions)


def by_theme(kit: Kit) -> list[tuple[Theme, int]]:
    follow = kit.client.follow_up
    themes = {t.id: t for t in follow.themes} if follow else {}
    counts = _count(kit, lambda c: c.theme)
    return [(themes[tid], n) for tid, n in _ranked(counts, themes) if tid in themes]


def channel_order(kit: Kit) -> list[str]:
    names = [a.title for a in kit.client.parameters.appointments] if kit.client.parameters else []
    follow = kit.client.follow_up
    return list(dict.fromkeys([*names, *(follow.channels if follow else [])]))


def by_channel(kit: Kit) -> list[tuple[str, int]]:
    return _ranked(_count(kit, lambda c: c.channel), channel_order(kit))


def by_public(kit: Kit) -> list[tuple[str | None, int]]:
    """Each public of the client (zeros included), then the contributions that do not say."""
    counts = _count(kit, lambda c: c.public or "")
    rows: list[tuple[str | None, int]] = [(pid, counts.get(pid, 0)) for pid in public_names(kit)]
    rows.sort(key=lambda kv: -kv[1])
    if counts.get(""):
        rows.append((None, counts[""]))
    return rows


def channel_public_table(kit: Kit) -> list[tuple[str, list[int]]]:
    """For each channel with contributions: count per client public, unsaid, total."""
    publics = list(public_names(kit))
    table = []
    for channel, total in by_channel(kit):
        here = Counter(c.public or "" for c in kit.contributions if c.channel == channel)
        table.append((channel, [here.get(p, 0) for p in publics] + [here.get("", 0), total]))
    return table


def answers_by_theme(kit: Kit) -> dict[str, list[Answer]]:
    follow = kit.client.follow_up
    found: dict[str, list[Answer]] = {t.id: [] for t in follow.themes} if follow else {}
    for answer in follow.answers if follow else []:
        found.setdefault(answer.theme, []).append(answer)
    return found


def quotes(kit: Kit) -> list[Contribution]:
    """The contributions the client chose to quote, in its order."""
    follow = kit.client.follow_up
    by_id = {c.id: c for c in kit.contributions}
    return [by_id[i] for i in (follow.quotes if follow else []) if i in by_id]


# --- Who came, against the forecast -------------------------------------------


@dataclass(frozen=True)
class PublicGap:
    public: str
    name: str
    priority: bool
    roi: Fraction | None
    """The chosen scenario's R.O.I. for this public (0-100), ``None`` if not scored."""
    expected: Fraction | None
    """Share (0-1) if participation followed the R.O.I. alone."""
    observed: int
    share: Fraction | None
    """Share (0-1) of the contributions that say which public they come from."""
    reading: str
    mitigations: tuple[Mitigation, ...]
    """What the scenario planned for this public (next time: do more, or do it earlier)."""


@dataclass(frozen=True)
class Participation:
    scenario: str | None
    """Title of the chosen scenario, ``None`` if the client has none."""
    gaps: tuple[PublicGap, ...]
    declared: int
    """Contributions that say which of the client's publics they come from."""
    total: int


def _reading(expected: Fraction | None, share: Fraction | None) -> str:
    if expected is None or share is None or expected == 0:
        return UNKNOWN
    ratio = share / expected
    return LESS if ratio < _LOW else MORE if ratio > _HIGH else NEAR


def participation(kit: Kit) -> Participation:
    """Each client public: forecast share from the R.O.I. grid, observed share, reading."""
    names = public_names(kit)
    counts = Counter(c.public for c in kit.contributions if c.public in names)
    declared = sum(counts.values())
    scenario = chosen_scenario(kit)
    rois: dict[str, Fraction | None] = dict.fromkeys(names)
    if scenario is not None:
        result = next((r for r in analyse(kit).results if r.scenario == scenario.id), None)
        if result is not None:
            rois.update({pid: b.roi for pid, b in result.publics.items() if pid in rois})
    scored = sum((v for v in rois.values() if v is not None), Fraction(0))
    priority = {p.id for p in kit.client.publics if p.priority}
    gaps = []
    for pid, name in names.items():
        roi = rois[pid]
        expected = roi / scored if roi is not None and scored else None
        share = Fraction(counts[pid], declared) if declared else None
        planned = tuple(m for m in (scenario.mitigations if scenario else []) if pid in m.improves)
        gaps.append(
            PublicGap(
                pid,
                name,
                pid in priority,
                roi,
                expected,
                counts[pid],
                share,
                _reading(expected, share),
                planned,
            )
        )
    return Participation(scenario.title if scenario else None, tuple(gaps), declared, len(kit.contributions))


# --- The participant questionnaire ---------------------------------------------


@dataclass(frozen=True)
class Indicator:
    question: Question
    counts: dict[str, int]
    """Choice id -> how many chose it (every choice listed, zeros included)."""
    answered: int


def indicators(kit: Kit) -> list[Indicator]:
    """One line per question of the questionnaire, from the answers stored."""
    found = []
    for question in QUESTIONS:
        counts = Counter(r.answers[question.id] for r in kit.questionnaires if question.id in r.answers)
        found.append(
            Indicator(question, {c: counts.get(c, 0) for c in question.choices}, sum(counts.values()))
        )
    return found

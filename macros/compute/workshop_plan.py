"""How long the R.O.I. workshop takes, from the size of the grid, and what to do when it cannot fit.

A room scores one criterion at a time for every scenario: someone reads the
criterion's card, then each scenario gets a show of fingers and a short reason
written down. The time follows from the grid: publics x criteria x scenarios.
When that does not fit in the half-day, the room splits into tables that take
publics in parallel (at most :data:`MAX_TABLES`, three people at least each);
when even that does not fit, each public scores first the criteria that weigh
most for it and leaves the others « non notés » (never 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from macros.loading.kit import Kit

__all__ = ["CARD_SECONDS", "MAX_TABLES", "SCORE_SECONDS", "Plan", "Sequence", "plan"]

CARD_SECONDS = 30
"""Reading a criterion's card aloud, once for all scenarios."""
SCORE_SECONDS = 40
"""One score: the show of fingers, the discussion when they differ, the reason written."""
PUBLIC_INTRO = 5
"""Minutes to read a public's card and put oneself in its shoes."""
MAX_TABLES = 3

_OPENING = (
    (10, "Accueil et règles du jeu", "opening"),
    (15, "Les scénarios en présence", "scenarios"),
    (10, "Étalonnage", "calibration"),
)
_CLOSING = (
    (20, "Lecture à chaud des fiches", "reading"),
    (15, "Leviers", "levers"),
    (10, "Les trois conditions", "gates"),
    (10, "Suites", "next"),
)
PAUSE = 15


@dataclass(frozen=True)
class Sequence:
    minutes: int
    title: str
    key: str
    """What the sequence is, for the words of the run-sheet (``public``, ``pause``...)."""
    publics: tuple[tuple[str, ...], ...] = ()
    """For a scoring sequence: the publics of each table (one tuple per table)."""


@dataclass(frozen=True)
class Plan:
    publics: int
    criteria: int
    kept: int
    """Citizen criteria scored per public (fewer than ``criteria`` when the grid is shortened)."""
    actor_criteria: int
    scenarios: int
    tables: int
    length: int
    sequences: tuple[Sequence, ...]

    @property
    def scores(self) -> int:
        return self.publics * self.criteria * self.scenarios

    @property
    def total(self) -> int:
        return sum(s.minutes for s in self.sequences)

    @property
    def one_room(self) -> int:
        """Minutes the whole grid would take in one room."""
        return _fixed(self.actor_criteria, self.scenarios) + self.publics * _public_minutes(
            self.criteria, self.scenarios
        )

    @property
    def fits(self) -> bool:
        return self.total <= self.length


def _criterion_seconds(scenarios: int) -> int:
    return CARD_SECONDS + SCORE_SECONDS * scenarios


def _public_minutes(criteria: int, scenarios: int) -> int:
    return PUBLIC_INTRO + math.ceil(criteria * _criterion_seconds(scenarios) / 60)


def _actor_minutes(criteria: int, scenarios: int) -> int:
    return math.ceil(criteria * _criterion_seconds(scenarios) / 60)


def _fixed(actor: int, scenarios: int) -> int:
    return sum(m for m, _, _ in _OPENING + _CLOSING) + PAUSE + _actor_minutes(actor, scenarios)


def _tables(publics: list[str], count: int) -> tuple[tuple[str, ...], ...]:
    """Publics dealt to the tables in turn, so that each table has its share."""
    return tuple(tuple(publics[i::count]) for i in range(count) if publics[i::count])


def _fit(n_publics: int, criteria: int, actor: int, scenarios: int, length: int) -> tuple[int, int]:
    """(tables, criteria kept) of the first plan that fits: one room, more tables, then a shorter grid."""
    fixed = _fixed(actor, scenarios)
    for tables in range(1, MAX_TABLES + 1):
        rounds = math.ceil(n_publics / tables) if n_publics else 0
        if fixed + rounds * _public_minutes(criteria, scenarios) <= length:
            return tables, criteria
        if tables >= n_publics:
            break
    tables = min(MAX_TABLES, max(n_publics, 1))
    rounds = math.ceil(n_publics / tables) if n_publics else 0
    kept = criteria
    while kept > 1 and fixed + rounds * _public_minutes(kept, scenarios) > length:
        kept -= 1
    return tables, kept


def plan(kit: Kit) -> Plan:
    """The half-day sized on the client's grid."""
    criteria = [c for c in kit.library.criteria if c.side == "citoyen"]
    actor = sum(1 for c in kit.library.criteria if c.side == "acteur")
    scenarios = len(kit.client.scenarios)
    names = [next((p.name for p in kit.library.publics if p.id == cp.id), cp.id) for cp in kit.client.publics]
    length = kit.client.roi.workshop.length
    tables, kept = _fit(len(names), len(criteria), actor, scenarios, length)
    groups = _tables(names, tables)
    rounds = max((len(g) for g in groups), default=0)
    seqs = [Sequence(m, t, k) for m, t, k in _OPENING]
    per_public = _public_minutes(kept, scenarios)
    for r in range(rounds):
        this = tuple(tuple(g[r : r + 1]) for g in groups if len(g) > r)
        seqs.append(Sequence(per_public, "Dans la peau de chaque public", "public", this))
        if r == (rounds - 1) // 2:
            seqs.append(Sequence(PAUSE, "Pause", "pause"))
    if rounds == 0:
        seqs.append(Sequence(PAUSE, "Pause", "pause"))
    seqs.append(Sequence(_actor_minutes(actor, scenarios), "Le point de vue de la collectivité", "actor"))
    seqs += [Sequence(m, t, k) for m, t, k in _CLOSING]
    return Plan(len(names), len(criteria), kept, actor, scenarios, len(groups) or 1, length, tuple(seqs))

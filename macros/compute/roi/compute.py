"""The R.O.I. citoyen formula, in plain sight (documented on the method page).

For one public and one scenario, over the cells the room has scored:

* effective weight of a criterion = its weight x the public's sensitivity to it;
* gain = weighted mean of the benefit scores, x 25 (0-100);
* cost = weighted mean of the cost scores, x 25 (0-100);
* ROI = (100 + gain - cost) / 2: 50 means "it costs as much as it gives".

The actor value of a scenario is the same formula over the public actor's
criteria (no sensitivity). Scenarios are ranked by their worst-served priority
public, then by the average over all publics, then by actor value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from macros.compute.fmt import half_up
from macros.compute.roi.grid import ACTOR, Crit, Grid, Pub

__all__ = ["Balance", "ScenarioResult", "actor_value", "balance", "citizen_roi", "completeness", "rank"]

SCALE_MAX = 4


@dataclass(frozen=True)
class Balance:
    """Gain, cost and ROI of one public (or the actor) for one scenario."""

    gain: Fraction | None
    cost: Fraction | None
    scored: int
    total: int

    @property
    def roi(self) -> Fraction | None:
        """``None`` when one side has no scored cell: never read as 0."""
        if self.gain is None or self.cost is None:
            return None
        return (100 + self.gain - self.cost) / 2

    @property
    def complete(self) -> bool:
        return self.scored == self.total


def _weighted_mean(pairs: Iterable[tuple[Fraction, int]]) -> Fraction | None:
    pairs = list(pairs)
    total = sum((w for w, _ in pairs), Fraction(0))
    if total == 0:
        return None
    return sum((w * score for w, score in pairs), Fraction(0)) / total * 100 / SCALE_MAX


def balance(criteria: Iterable[Crit], scores: Mapping[str, int], public: Pub | None = None) -> Balance:
    """Gain, cost and ROI from the scored cells only."""
    criteria = list(criteria)
    gains: list[tuple[Fraction, int]] = []
    costs: list[tuple[Fraction, int]] = []
    for crit in criteria:
        if crit.id not in scores:
            continue
        weight = crit.weight * (public.multiplier(crit.id) if public else 1)
        (costs if crit.is_cost else gains).append((weight, scores[crit.id]))
    scored = sum(1 for c in criteria if c.id in scores)
    return Balance(_weighted_mean(gains), _weighted_mean(costs), scored, len(criteria))


def citizen_roi(grid: Grid, scenario: str, public: Pub) -> Balance:
    return balance(grid.side("citoyen"), grid.scores(scenario, public.id), public)


def actor_value(grid: Grid, scenario: str) -> Balance:
    return balance(grid.side("acteur"), grid.scores(scenario, ACTOR))


@dataclass(frozen=True)
class ScenarioResult:
    scenario: str
    publics: dict[str, Balance]
    actor: Balance
    worst_public: str | None
    """The priority public with the lowest ROI (``None`` if none is computable)."""
    worst: Fraction | None
    average: Fraction | None
    rank: int = 0

    @property
    def scored(self) -> int:
        return sum(b.scored for b in self.publics.values()) + self.actor.scored

    @property
    def total(self) -> int:
        return sum(b.total for b in self.publics.values()) + self.actor.total

    @property
    def uncomputed(self) -> list[str]:
        """Publics whose ROI cannot be computed for this scenario (a side with no score)."""
        return [p for p, b in self.publics.items() if b.roi is None]


def _result(grid: Grid, scenario: str) -> ScenarioResult:
    publics = {p.id: citizen_roi(grid, scenario, p) for p in grid.publics}
    priority = [(publics[p.id].roi, p.id) for p in grid.priority_publics if publics[p.id].roi is not None]
    worst_value, worst_public = min(priority) if priority else (None, None)
    values = [b.roi for b in publics.values() if b.roi is not None]
    average = sum(values, Fraction(0)) / len(values) if values else None
    return ScenarioResult(scenario, publics, actor_value(grid, scenario), worst_public, worst_value, average)


def _key(result: ScenarioResult) -> tuple:
    # Ranked on the values as displayed (rounded half up): two scenarios shown with the
    # same worst-served R.O.I. are separated by the next criterion, never by a hidden
    # decimal. None sorts after every value; the id breaks ties, so file order never matters.
    def desc(value: Fraction | None) -> tuple[int, Decimal]:
        return (1, Decimal(0)) if value is None else (0, -half_up(value))

    return (desc(result.worst), desc(result.average), desc(result.actor.roi), result.scenario)


def rank(grid: Grid) -> list[ScenarioResult]:
    """Every scenario, best first: who is left behind comes before the average."""
    ordered = sorted((_result(grid, s) for s in grid.scenarios), key=_key)
    return [ScenarioResult(**{**r.__dict__, "rank": i}) for i, r in enumerate(ordered, start=1)]


def completeness(grid: Grid) -> tuple[int, int]:
    """Scored cells and total cells of the whole grid (citizen and actor sides)."""
    citizen = {c.id for c in grid.side("citoyen")}
    actor = {c.id for c in grid.side("acteur")}
    publics = {p.id for p in grid.publics}
    scored = sum(
        1
        for (s, p, c) in grid.cells
        if s in grid.scenarios and ((p == ACTOR and c in actor) or (p in publics and c in citizen))
    )
    total = len(grid.scenarios) * (len(publics) * len(citizen) + len(actor))
    return scored, total

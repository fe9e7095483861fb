"""Levers: what each mitigation does for the publics it helps, and for the worst-served.

A mitigation lowers some cost scores or raises some benefit scores of some
publics, by a number of points (kept within 0-4). It only acts on cells that
were scored: an unscored cell stays unscored, and the lever says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from macros.compute.fmt import half_up
from macros.compute.roi.compute import SCALE_MAX, ScenarioResult, rank
from macros.compute.roi.grid import Grid
from macros.model.client import Mitigation

__all__ = ["Effect", "Lever", "apply_mitigations", "combined", "levers"]


@dataclass(frozen=True)
class Effect:
    """What a mitigation does for one public it improves."""

    public: str
    before: Fraction | None
    after: Fraction | None
    unscored: tuple[str, ...]
    """Criteria it improves for this public, but which nobody scored."""

    @property
    def gain(self) -> Fraction:
        if self.before is None or self.after is None:
            return Fraction(0)
        return self.after - self.before


@dataclass(frozen=True)
class Lever:
    mitigation: Mitigation
    public: str
    """The scenario's worst-served priority public, before the mitigation."""
    before: Fraction
    after: Fraction
    """That public's R.O.I. with the mitigation."""
    new_worst: Fraction | None
    new_worst_public: str | None
    unscored: tuple[str, ...]
    """Criteria this mitigation improves for the worst-served public, but which nobody scored."""
    effects: tuple[Effect, ...] = ()
    """Its effect on each public it improves (the worst-served one or not)."""

    @property
    def gain(self) -> Fraction:
        """What it gives the worst-served public."""
        return self.after - self.before

    @property
    def best_effect(self) -> Fraction:
        return max((e.gain for e in self.effects), default=Fraction(0))

    @property
    def changes_worst(self) -> bool:
        """The worst-served public, or its R.O.I. as displayed, is not the same afterwards."""
        if self.new_worst is None:
            return False
        return self.new_worst_public != self.public or half_up(self.new_worst) != half_up(self.before)

    @property
    def agent_days(self) -> Decimal:
        return self.mitigation.agent_days


def apply_mitigations(grid: Grid, scenario: str, mitigations: Iterable[Mitigation]) -> Grid:
    """The grid as it would be with these mitigations in place."""
    costs = {c.id for c in grid.criteria if c.is_cost}
    cells = dict(grid.cells)
    for mitigation in mitigations:
        for public, gains in mitigation.improves.items():
            for criterion, points in gains.items():
                key = (scenario, public, criterion)
                if key not in cells:
                    continue
                moved = cells[key] - points if criterion in costs else cells[key] + points
                cells[key] = max(0, min(SCALE_MAX, moved))
    return Grid(grid.criteria, grid.publics, grid.scenarios, cells)


def _only(grid: Grid, scenario: str) -> Grid:
    return Grid(grid.criteria, grid.publics, (scenario,), grid.cells)


def _effects(
    grid: Grid, result: ScenarioResult, after: ScenarioResult, mitigation: Mitigation
) -> tuple[Effect, ...]:
    found = []
    for public in mitigation.improves:
        if public not in result.publics:
            continue
        unscored = tuple(
            sorted(c for c in mitigation.improves[public] if (result.scenario, public, c) not in grid.cells)
        )
        found.append(Effect(public, result.publics[public].roi, after.publics[public].roi, unscored))
    return tuple(found)


def levers(grid: Grid, result: ScenarioResult, mitigations: Iterable[Mitigation]) -> list[Lever]:
    """Mitigations of a scenario: those that help its worst-served public most first, then
    those that help another public most."""
    public = result.worst_public
    if public is None or result.worst is None:
        return []
    found = []
    for mitigation in mitigations:
        after = combined(grid, result.scenario, [mitigation])
        unscored = tuple(
            sorted(
                c
                for c in mitigation.improves.get(public, {})
                if (result.scenario, public, c) not in grid.cells
            )
        )
        found.append(
            Lever(
                mitigation,
                public,
                result.worst,
                after.publics[public].roi or result.worst,
                after.worst,
                after.worst_public,
                unscored,
                _effects(grid, result, after, mitigation),
            )
        )
    return sorted(found, key=lambda lv: (-lv.gain, -lv.best_effect, -(lv.new_worst or 0), lv.mitigation.id))


def combined(grid: Grid, scenario: str, mitigations: Iterable[Mitigation]) -> ScenarioResult:
    """The scenario's result with every mitigation in place at once."""
    return rank(_only(apply_mitigations(grid, scenario, mitigations), scenario))[0]

"""Levers: which mitigations most raise the worst-served public's ROI.

A mitigation lowers some cost scores or raises some benefit scores of some
publics, by a number of points (kept within 0-4). It only acts on cells that
were scored: an unscored cell stays unscored, and the lever says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from macros.compute.roi.compute import SCALE_MAX, ScenarioResult, rank
from macros.compute.roi.grid import Grid
from macros.model.client import Mitigation

__all__ = ["Lever", "apply_mitigations", "combined", "levers"]


@dataclass(frozen=True)
class Lever:
    mitigation: Mitigation
    public: str
    before: Fraction
    after: Fraction
    new_worst: Fraction | None
    new_worst_public: str | None
    unscored: tuple[str, ...]
    """Criteria this mitigation improves for the public, but which nobody scored."""

    @property
    def gain(self) -> Fraction:
        return self.after - self.before

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


def levers(grid: Grid, result: ScenarioResult, mitigations: Iterable[Mitigation]) -> list[Lever]:
    """Mitigations of a scenario, those that help its worst-served public most first."""
    public = result.worst_public
    if public is None or result.worst is None:
        return []
    found = []
    for mitigation in mitigations:
        after = combined(grid, result.scenario, [mitigation])
        unscored = tuple(
            sorted(c for c in mitigation.improves.get(public, {}) if (result.scenario, public, c) not in grid.cells)
        )
        found.append(
            Lever(mitigation, public, result.worst, after.publics[public].roi or result.worst,
                  after.worst, after.worst_public, unscored)
        )
    return sorted(found, key=lambda lv: (-lv.gain, -(lv.new_worst or 0), lv.mitigation.id))


def combined(grid: Grid, scenario: str, mitigations: Iterable[Mitigation]) -> ScenarioResult:
    """The scenario's result with every mitigation in place at once."""
    return rank(_only(apply_mitigations(grid, scenario, mitigations), scenario))[0]

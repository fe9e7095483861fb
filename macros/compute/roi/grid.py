"""The scoring grid of a client, as plain exact numbers ready to compute.

Built once from the validated models; the computation never reads YAML. All
weights are :class:`fractions.Fraction` so that sums do not depend on the
order of criteria, publics or scenarios in the files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from macros.model import Client, Library

__all__ = ["ACTOR", "Crit", "Grid", "Pub", "grid_from_models"]

ACTOR = "acteur"
"""Stands for the public actor in the cells of :class:`Grid` (no public)."""


@dataclass(frozen=True)
class Crit:
    id: str
    side: str  # "citoyen" or "acteur"
    direction: str  # "cout" or "benefice"
    weight: Fraction = Fraction(1)

    @property
    def is_cost(self) -> bool:
        return self.direction == "cout"


@dataclass(frozen=True)
class Pub:
    id: str
    priority: bool = False
    sensitivities: Mapping[str, Fraction] = field(default_factory=dict)

    def multiplier(self, criterion: str) -> Fraction:
        return self.sensitivities.get(criterion, Fraction(1))


@dataclass(frozen=True)
class Grid:
    """Criteria, publics, scenarios and the scores the room gave.

    ``cells`` maps ``(scenario, public, criterion)`` to a score 0-4, with
    :data:`ACTOR` as the public of actor-side criteria. A missing key is a cell
    that was not scored.
    """

    criteria: tuple[Crit, ...]
    publics: tuple[Pub, ...]
    scenarios: tuple[str, ...]
    cells: Mapping[tuple[str, str, str], int]

    def side(self, side: str) -> tuple[Crit, ...]:
        return tuple(c for c in self.criteria if c.side == side)

    def scores(self, scenario: str, public: str) -> dict[str, int]:
        return {c: v for (s, p, c), v in self.cells.items() if s == scenario and p == public}

    @property
    def priority_publics(self) -> tuple[Pub, ...]:
        """Priority publics, or every public when none is flagged."""
        return tuple(p for p in self.publics if p.priority) or self.publics


def _fraction(value: object) -> Fraction:
    return Fraction(str(value))


def grid_from_models(library: Library, client: Client) -> Grid:
    """The client's grid: its publics, its scenarios, the library's criteria."""
    roi = client.roi
    criteria = tuple(
        Crit(c.id, c.side, c.direction, _fraction(roi.weights.get(c.id, c.weight))) for c in library.criteria
    )
    known = {p.id: p for p in library.publics}
    publics = []
    for chosen in client.publics:
        base = dict(known[chosen.id].sensitivities) if chosen.id in known else {}
        base.update(roi.sensitivities.get(chosen.id, {}))
        publics.append(Pub(chosen.id, chosen.priority, {k: _fraction(v) for k, v in base.items()}))
    cells: dict[tuple[str, str, str], int] = {}
    for sid, scores in roi.scores.items():
        for cid, cell in scores.actor.items():
            cells[(sid, ACTOR, cid)] = cell.score
        for pid, row in scores.publics.items():
            for cid, cell in row.items():
                cells[(sid, pid, cid)] = cell.score
    return Grid(criteria, tuple(publics), tuple(s.id for s in client.scenarios), cells)

"""The R.O.I. citoyen computation: pure functions over the validated models.

``analyse(kit)`` gives everything the pages show (ranking, gates, levers);
``best_scenario(kit)`` is the top-ranked scenario, for the deliverables that
build on the workshop's choice (contrat de participation, cahier des charges).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from macros.compute.roi.compute import (
    Balance,
    ScenarioResult,
    actor_value,
    balance,
    citizen_roi,
    completeness,
    rank,
)
from macros.compute.roi.gates import Gate, citizens_gate, elected_gate, scenario_agent_days, services_gate
from macros.compute.roi.grid import ACTOR, Crit, Grid, Pub, grid_from_models
from macros.compute.roi.levers import Lever, apply_mitigations, combined, levers
from macros.model import Client, Library
from macros.model.client import Scenario

__all__ = [
    "ACTOR",
    "Analysis",
    "Balance",
    "Crit",
    "Gate",
    "Grid",
    "Lever",
    "Pub",
    "ScenarioResult",
    "actor_value",
    "analyse",
    "analyse_models",
    "apply_mitigations",
    "balance",
    "best_scenario",
    "citizen_roi",
    "completeness",
    "grid_from_models",
    "levers",
    "rank",
    "scenario_agent_days",
]


@dataclass(frozen=True)
class Analysis:
    """Everything the R.O.I. pages show, computed once per build."""

    grid: Grid
    results: list[ScenarioResult]
    """Ranked, best first."""
    scenarios: dict[str, Scenario]
    gates: dict[str, tuple[Gate, Gate, Gate]]
    levers: dict[str, list[Lever]]
    public_names: dict[str, str]
    agent_days: dict[str, Decimal] = field(default_factory=dict)
    """Each scenario's agent-days, counted once (``Scenario.total_agent_days``)."""
    capacity: Decimal | None = None
    together: dict[str, tuple[ScenarioResult, Decimal]] = field(default_factory=dict)
    """For scenarios with several mitigations: the result with all of them, and the agent-days they add."""

    def load_with(self, scenario: str, extra: Decimal) -> tuple[Decimal, bool | None]:
        """Agent-days with ``extra`` more, and whether that fits the declared capacity (``None``: not declared)."""
        total = self.agent_days[scenario] + extra
        return total, (None if self.capacity is None else total <= self.capacity)

    @property
    def completeness(self) -> tuple[int, int]:
        return completeness(self.grid)

    @property
    def best(self) -> ScenarioResult | None:
        """The top-ranked scenario, if at least one has a computable ROI."""
        if self.results and self.results[0].worst is not None:
            return self.results[0]
        return None


def analyse_models(library: Library, client: Client) -> Analysis:
    grid = grid_from_models(library, client)
    results = rank(grid)
    scenarios = {s.id: s for s in client.scenarios}
    known = {p.id: p.name for p in library.publics}
    names = {p.id: known.get(p.id, p.id) for p in client.publics}
    priority = {p.id for p in grid.priority_publics}
    gates = {
        r.scenario: (
            elected_gate(scenarios[r.scenario], client.project),
            services_gate(scenarios[r.scenario], library, client.roi),
            citizens_gate(
                r,
                scenarios[r.scenario],
                client.roi,
                names,
                priority,
                [d for c in scenarios[r.scenario].feedback if (d := client.feedback_day(c))],
            ),
        )
        for r in results
    }
    found = {r.scenario: levers(grid, r, scenarios[r.scenario].mitigations) for r in results}
    days = {s.id: scenario_agent_days(s, library) for s in client.scenarios}
    together = {
        s.id: (combined(grid, s.id, s.mitigations), sum((m.agent_days for m in s.mitigations), Decimal(0)))
        for s in client.scenarios
        if len(s.mitigations) > 1
    }
    return Analysis(grid, results, scenarios, gates, found, names, days, client.roi.capacity, together)


def analyse(kit: Any) -> Analysis:
    """Analysis of a loaded :class:`macros.loading.kit.Kit` (anything with ``library`` and ``client``).

    Computed once per loaded kit, however many widgets and deliverables ask
    (``mkdocs serve`` loads a new kit on each rebuild). The kit itself is kept
    and compared by identity: an ``id()`` alone could be reused by the next
    kit once the previous one is freed.
    """
    if _LAST.get("kit") is not kit:
        _LAST.update(kit=kit, analysis=analyse_models(kit.library, _scored_client(kit)))
    return _LAST["analysis"]  # type: ignore[return-value]


_LAST: dict[str, object] = {}


def _scored_client(kit: Any) -> Client:
    """The client, without workshop scores where the mission holds no R.O.I. workshop:
    scores a kit has no results page for must not rank scenarios elsewhere."""
    if getattr(kit, "roi_workshop", True) or not kit.client.roi.scores:
        return kit.client
    return kit.client.model_copy(update={"roi": kit.client.roi.model_copy(update={"scores": {}})})


def best_scenario(kit: Any) -> Scenario | None:
    """The scenario ranked first by the workshop, or ``None`` while nothing is scored."""
    analysis = analyse(kit)
    return None if analysis.best is None else analysis.scenarios[analysis.best.scenario]

"""The R.O.I. citoyen computation, against small grids worked out by hand.

No YAML, no build: the grids are written here, and each expected figure is
derived in a comment so that a reader can redo it with a pencil.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest

from macros.compute.roi import (
    ACTOR,
    Crit,
    Grid,
    Pub,
    actor_value,
    apply_mitigations,
    balance,
    citizen_roi,
    completeness,
    levers,
    rank,
)
from macros.compute.roi.levers import combined
from macros.model.client import Mitigation

# Two benefits, two costs, one actor criterion on each side.
INF = Crit("influence", "citoyen", "benefice")
INFO = Crit("information", "citoyen", "benefice", F(2))
TIME = Crit("temps", "citoyen", "cout")
TRAVEL = Crit("deplacement", "citoyen", "cout")
USE = Crit("utilite-decision", "acteur", "benefice")
LOAD = Crit("charge-services", "acteur", "cout")
CRITERIA = (INF, INFO, TIME, TRAVEL, USE, LOAD)


def _cells(scenario: str, public: str, **scores: int) -> dict[tuple[str, str, str], int]:
    return {(scenario, public, c.replace("_", "-")): v for c, v in scores.items()}


# ---- Grid 1: one public, everything scored ---------------------------------
def test_grid_one_public_fully_scored():
    """Gain = (1×4 + 2×2)/(1+2) = 8/3 → ×25 = 200/3 ≈ 66.7.
    Cost = (1×1 + 1×3)/2 = 2 → ×25 = 50. ROI = (100 + 200/3 − 50)/2 = 175/3 ≈ 58.3."""
    pub = Pub("seniors", True)
    grid = Grid(
        CRITERIA, (pub,), ("a",), _cells("a", "seniors", influence=4, information=2, temps=1, deplacement=3)
    )
    b = citizen_roi(grid, "a", pub)
    assert b.gain == F(200, 3)
    assert b.cost == F(50)
    assert b.roi == F(175, 3)
    assert (b.scored, b.total) == (4, 4)


def test_sensitivity_multiplies_the_weight():
    """Same cells, the public counts travel twice: cost = (1×1 + 2×3)/3 = 7/3 → 175/3.
    ROI = (100 + 200/3 − 175/3)/2 = 325/6 ≈ 54.2."""
    pub = Pub("seniors", True, {"deplacement": F(2)})
    grid = Grid(
        CRITERIA, (pub,), ("a",), _cells("a", "seniors", influence=4, information=2, temps=1, deplacement=3)
    )
    assert citizen_roi(grid, "a", pub).cost == F(175, 3)
    assert citizen_roi(grid, "a", pub).roi == F(325, 6)


# ---- Grid 2: unscored cells are left out, never read as 0 -------------------
def test_grid_with_unscored_cells():
    """information and déplacement not scored.
    Gain = influence alone = 2 → 50 ; cost = temps alone = 1 → 25 ; ROI = (100 + 50 − 25)/2 = 62.5.
    Reading the blanks as 0 would give gain (2 + 0)/3 → 16.7, cost 0.5 → 12.5, ROI 52.1: not that."""
    pub = Pub("jeunes")
    grid = Grid(CRITERIA, (pub,), ("a",), _cells("a", "jeunes", influence=2, temps=1))
    b = citizen_roi(grid, "a", pub)
    assert (b.gain, b.cost, b.roi) == (F(50), F(25), F(125, 2))
    assert (b.scored, b.total, b.complete) == (2, 4, False)


def test_a_side_with_no_score_gives_no_roi():
    pub = Pub("jeunes")
    grid = Grid(CRITERIA, (pub,), ("a",), _cells("a", "jeunes", influence=4, information=4))
    b = citizen_roi(grid, "a", pub)
    assert b.gain == 100 and b.cost is None and b.roi is None


def test_completeness_counts_cells_of_both_sides():
    """2 scenarios × (2 publics × 4 citizen criteria + 2 actor criteria) = 20 cells."""
    pubs = (Pub("p"), Pub("q"))
    cells = {
        **_cells("a", "p", influence=1, temps=1),
        ("a", ACTOR, "utilite-decision"): 3,
        ("zzz", "p", "temps"): 1,
        ("a", "p", "utilite-decision"): 2,
    }  # two stray cells do not count
    assert completeness(Grid(CRITERIA, pubs, ("a", "b"), cells)) == (3, 20)


# ---- Grid 3: the worst-public rule and the average disagree -----------------
def _two_scenarios() -> Grid:
    """Scenario « a » : p = 100, q = 25 → average 62.5, worst 25.
    Scenario « b » : p = 50, q = 50 → average 50, worst 50.
    By the average « a » wins; by the worst-served public « b » wins."""
    pubs = (Pub("p", True), Pub("q", True))
    cells = {
        **_cells("a", "p", influence=4, temps=0),  # gain 100, cost 0 → 100
        **_cells("a", "q", influence=1, temps=3),  # gain 25, cost 75 → 25
        **_cells("b", "p", influence=2, temps=2),  # 50
        **_cells("b", "q", influence=2, temps=2),  # 50
    }
    return Grid(CRITERIA, pubs, ("a", "b"), cells)


def test_worst_served_priority_public_comes_before_the_average():
    ranked = rank(_two_scenarios())
    assert [r.scenario for r in ranked] == ["b", "a"]
    a = ranked[1]
    assert (a.worst_public, a.worst, a.average) == ("q", F(25), F(125, 2))
    assert ranked[0].average < a.average


def test_non_priority_publics_do_not_decide_the_worst():
    """Only q is a priority public now; p (not priority) is worse in « b »."""
    pubs = (Pub("p"), Pub("q", True))
    cells = {
        **_cells("a", "p", influence=4, temps=0),
        **_cells("a", "q", influence=2, temps=2),
        **_cells("b", "p", influence=0, temps=4),
        **_cells("b", "q", influence=3, temps=1),
    }
    ranked = rank(Grid(CRITERIA, pubs, ("a", "b"), cells))
    assert [(r.scenario, r.worst_public, r.worst) for r in ranked] == [("b", "q", F(75)), ("a", "q", F(50))]


def test_ties_fall_to_average_then_actor_value_then_id():
    """Same worst (50) and same average: the actor value decides (b: 75, a: 50); then the id."""
    pub = Pub("p", True)
    cells = {
        **_cells("a", "p", influence=2, temps=2),
        **_cells("b", "p", influence=2, temps=2),
        **_cells("c", "p", influence=2, temps=2),
        ("a", ACTOR, "utilite-decision"): 2,
        ("a", ACTOR, "charge-services"): 2,
        ("b", ACTOR, "utilite-decision"): 3,
        ("b", ACTOR, "charge-services"): 1,
    }
    ranked = rank(Grid(CRITERIA, (pub,), ("c", "a", "b"), cells))
    assert [r.scenario for r in ranked] == ["b", "a", "c"]
    assert ranked[0].actor.roi == F(75)
    assert ranked[2].actor.roi is None  # nothing scored for the actor: never 0


def test_unscorable_scenario_ranks_last():
    grid = Grid(CRITERIA, (Pub("p", True),), ("vide", "a"), _cells("a", "p", influence=0, temps=4))
    ranked = rank(grid)
    assert [r.scenario for r in ranked] == ["a", "vide"]
    assert ranked[0].worst == 0 and ranked[1].worst is None


def test_actor_value_uses_no_sensitivity():
    cells = {("a", ACTOR, "utilite-decision"): 4, ("a", ACTOR, "charge-services"): 2}
    grid = Grid(CRITERIA, (Pub("p", True, {"utilite-decision": F(9)}),), ("a",), cells)
    assert actor_value(grid, "a").roi == F(75)  # (100 + 100 − 50)/2


# ---- Levers ------------------------------------------------------------------
def _mitigation(mid: str, **improves: dict[str, int]) -> Mitigation:
    return Mitigation.model_validate(
        {"id": mid, "titre": mid, "ameliore": {k.replace("_", "-"): v for k, v in improves.items()}}
    )


def test_levers_rank_mitigations_by_what_they_give_the_worst_served():
    """In « a », q is worst (25: influence 1, temps 3).
    garde: temps −2 → cost 25 → ROI (100 + 25 − 25)/2 = 50 : +25.
    soir: influence +1 → gain 50 → ROI (100 + 50 − 75)/2 = 37.5 : +12.5.
    autre: only helps p, who is not the worst → +0."""
    grid = _two_scenarios()
    result = next(r for r in rank(grid) if r.scenario == "a")
    found = levers(
        grid,
        result,
        [
            _mitigation("autre", p={"temps": 1}),
            _mitigation("soir", q={"influence": 1}),
            _mitigation("garde", q={"temps": 2}),
        ],
    )
    assert [(lv.mitigation.id, lv.gain) for lv in found] == [
        ("garde", F(25)),
        ("soir", F(25, 2)),
        ("autre", F(0)),
    ]
    assert found[0].new_worst == F(50) and found[0].new_worst_public == "q"


def test_all_mitigations_together():
    """garde + soir for q in « a »: influence 2, temps 1 → (100 + 50 − 25)/2 = 62.5; p stays 100."""
    grid = _two_scenarios()
    after = combined(
        grid, "a", [_mitigation("soir", q={"influence": 1}), _mitigation("garde", q={"temps": 2})]
    )
    assert (after.worst_public, after.worst) == ("q", F(125, 2))


def test_mitigations_stay_within_the_scale_and_skip_unscored_cells():
    grid = Grid(CRITERIA, (Pub("p"),), ("a",), _cells("a", "p", influence=3, temps=1))
    after = apply_mitigations(grid, "a", [_mitigation("m", p={"influence": 4, "temps": 4, "deplacement": 2})])
    assert after.cells == {("a", "p", "influence"): 4, ("a", "p", "temps"): 0}


# ---- Properties ---------------------------------------------------------------
PUBS = (Pub("p", True, {"temps": F(3, 2)}), Pub("q", True), Pub("r", False, {"influence": F(1, 2)}))
CITIZEN = ("influence", "information", "temps", "deplacement")


def _random_grid(seed: int) -> Grid:
    import random

    rng = random.Random(seed)
    cells = {}
    for s in ("a", "b", "c"):
        for p in PUBS:
            for c in CITIZEN:
                if rng.random() < 0.85:
                    cells[(s, p.id, c)] = rng.randint(0, 4)
        for c in ("utilite-decision", "charge-services"):
            cells[(s, ACTOR, c)] = rng.randint(0, 4)
    return Grid(CRITERIA, PUBS, ("a", "b", "c"), cells)


@pytest.mark.parametrize("seed", range(20))
def test_raising_a_benefit_never_lowers_roi_and_raising_a_cost_never_raises_it(seed):
    grid = _random_grid(seed)
    costs = {c.id for c in CRITERIA if c.is_cost}
    for (s, p, c), value in grid.cells.items():
        if p == ACTOR or value == 4:
            continue
        public = next(x for x in PUBS if x.id == p)
        before = citizen_roi(grid, s, public).roi
        raised = Grid(grid.criteria, grid.publics, grid.scenarios, {**grid.cells, (s, p, c): value + 1})
        after = citizen_roi(raised, s, public).roi
        if before is None:
            continue
        assert after <= before if c in costs else after >= before, (s, p, c)


def test_every_score_change_moves_roi_in_the_right_direction_exhaustively():
    """All 5⁴ grids of one public: +1 on a benefit never lowers, +1 on a cost never raises."""
    criteria = (INF, INFO, TIME, TRAVEL)
    pub = Pub("p", True, {"temps": F(2)})
    for scores in itertools.product(range(5), repeat=4):
        cells = dict(zip((c.id for c in criteria), scores, strict=True))
        base = balance(criteria, cells, pub).roi
        for crit in criteria:
            if cells[crit.id] < 4:
                moved = balance(criteria, {**cells, crit.id: cells[crit.id] + 1}, pub).roi
                assert (moved <= base) if crit.is_cost else (moved >= base)


@pytest.mark.parametrize("seed", range(3))
def test_ranking_does_not_depend_on_the_order_in_the_files(seed):
    """Every order of the criteria, then every order of publics x scenarios (cells reversed too)."""
    grid = _random_grid(seed)
    expected = [(r.scenario, r.worst, r.average, r.actor.roi) for r in rank(grid)]
    orders = [(c, grid.publics, grid.scenarios) for c in itertools.permutations(grid.criteria)]
    orders += [
        (grid.criteria[::-1], p, s)
        for p in itertools.permutations(grid.publics)
        for s in itertools.permutations(grid.scenarios)
    ]
    cells = dict(reversed(list(grid.cells.items())))
    for criteria, publics, scenarios in orders:
        got = [
            (r.scenario, r.worst, r.average, r.actor.roi)
            for r in rank(Grid(criteria, publics, scenarios, cells))
        ]
        assert got == expected

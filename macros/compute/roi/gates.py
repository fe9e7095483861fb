"""The three conditions of a quality citizen dialogue, checked one by one.

They are never folded into the score: each says pass, warn or fail, and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from macros.compute import names
from macros.compute.fmt import day, half_up, number, rounded
from macros.compute.french import after_colon
from macros.compute.roi.compute import ScenarioResult
from macros.model import Library
from macros.model.client import Project, Scenario
from macros.model.roi import RoiData

__all__ = ["GATE_LABELS", "Gate", "citizens_gate", "elected_gate", "scenario_agent_days", "services_gate"]

PASS, WARN, FAIL = "ok", "alerte", "echec"
GATE_LABELS = {
    "elus": "Les élus gardent leur mandat",
    "services": "Les services ne s’épuisent pas",
    "citoyens": "Les citoyens y trouvent leur compte",
}


@dataclass(frozen=True)
class Gate:
    key: str
    status: str
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        return GATE_LABELS[self.key]


def _gate(key: str, fails: list[str], warns: list[str], passes: list[str]) -> Gate:
    status = FAIL if fails else WARN if warns else PASS
    return Gate(key, status, tuple(fails + warns + ([] if fails or warns else passes)))


def elected_gate(scenario: Scenario, project: Project) -> Gate:
    """Who decides and when, the élus' role, and what is not negotiable, all stated."""
    fails, warns, passes = [], [], []
    decider = scenario.decider or project.decider
    when = scenario.decision_date or project.decision_date
    fixed = scenario.fixed or project.perimeter.fixed
    if when is None:
        warns.append(f"qui décide est dit ({names.decider(decider).the()}), mais pas quand")
    else:
        passes.append(f"{names.decider(decider).The()} décide, le {day(when)}")
    if scenario.elected_role:
        passes.append(f"rôle des élus : {after_colon(scenario.elected_role)}")
    else:
        warns.append("le rôle des élus à chaque étape n’est pas précisé")
    if fixed:
        passes.append(
            f"{len(fixed)} point{'s' if len(fixed) > 1 else ''} non négociable{'s' if len(fixed) > 1 else ''} annoncé{'s' if len(fixed) > 1 else ''}"
        )
    else:
        fails.append(
            "rien n’est déclaré non négociable : les participants pourraient croire que tout est ouvert"
        )
    return _gate("elus", fails, warns, passes)


def scenario_agent_days(scenario: Scenario, library: Library) -> Decimal:
    """The scenario's own estimate, or the sum of its technique cards."""
    return scenario.total_agent_days({t.id: t.agent_days for t in library.techniques})


def services_gate(scenario: Scenario, library: Library, roi: RoiData) -> Gate:
    """The agent-days asked stay within the capacity the services declare."""
    days = scenario_agent_days(scenario, library)
    asked = f"{number(days)} jours-agent"
    if roi.capacity is None:
        return _gate(
            "services", [], [f"{asked} demandés, mais la capacité des services n’est pas déclarée"], []
        )
    if roi.capacity == 0:
        return _gate("services", [f"{asked} demandés pour une capacité déclarée nulle"], [], [])
    share = days / roi.capacity * 100
    told = f"{asked} sur {number(roi.capacity)} déclarés ({rounded(share)} %)"
    if share > 100:
        return _gate("services", [f"{told} : au-delà de la capacité"], [], [])
    if share > roi.load_warning:
        return _gate("services", [], [f"{told} : au-delà de {number(roi.load_warning)} %, peu de marge"], [])
    return _gate("services", [], [], [told])


def citizens_gate(
    result: ScenarioResult,
    scenario: Scenario,
    roi: RoiData,
    names: dict[str, str],
    priority: set[str],
    feedback_days: list[date] | None = None,
) -> Gate:
    """The worst-served priority public is above the threshold, and feedback is dated."""
    fails, warns, passes = [], [], []
    threshold = Fraction(str(roi.citizen_threshold))
    if result.worst is None:
        warns.append("non vérifiable : aucun public prioritaire n’a de R.O.I. calculable (grille à noter)")
    else:
        who = names.get(result.worst_public or "", result.worst_public)
        told = f"public le moins bien servi : {who}, {rounded(result.worst)} sur 100 (seuil {number(roi.citizen_threshold)})"
        shown = Fraction(half_up(result.worst))  # the gate reads the value it prints
        if shown < threshold:
            fails.append(told + " : sous le seuil")
        elif shown < threshold + Fraction(str(roi.citizen_margin)):
            warns.append(told + " : juste au-dessus")
        else:
            passes.append(told)
    missing = [names.get(p, p) for p in result.uncomputed if p in priority]
    if missing:
        warns.append(
            "R.O.I. non calculable faute de notes pour les publics prioritaires : " + ", ".join(missing)
        )
    # The days as the client reads them (a feedback meeting is on its event's day).
    dated = sorted(
        feedback_days if feedback_days is not None else [c.due for c in scenario.feedback if c.due]
    )
    if dated:
        passes.append(f"premier retour aux participants le {day(dated[0])}")
    else:
        fails.append("aucune date de retour aux participants n’est fixée")
    return _gate("citoyens", fails, warns, passes)

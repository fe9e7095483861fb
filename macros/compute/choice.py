"""Which scenario the deliverables describe, and what follows from it.

The consultant names it (``scenario_retenu``); otherwise the R.O.I. ranking
decides (``macros.compute.roi.best_scenario``), and failing that the first scenario.
"""

from __future__ import annotations

from decimal import Decimal

from macros.compute.roi import best_scenario
from macros.compute.roi import scenario_agent_days as _roi_agent_days
from macros.loading.kit import Kit
from macros.model.client import Scenario
from macros.model.library import IAP2_LEVELS, Technique

__all__ = [
    "IAP2_PROMISES",
    "LEVEL_LABELS",
    "choice_badge",
    "chosen_scenario",
    "how_chosen",
    "perimeter",
    "scenario_agent_days",
    "scenario_level",
    "scenario_techniques",
]

LEVEL_LABELS = {
    "informer": "Informer",
    "consulter": "Consulter",
    "impliquer": "Impliquer",
    "collaborer": "Collaborer",
    "habiliter": "Habiliter",
}
# The promise made to the public at each level of the IAP2 spectrum (our wording).
IAP2_PROMISES = {
    "informer": "Nous vous tiendrons informés, avec une information claire et complète.",
    "consulter": "Nous écouterons vos avis et vous dirons comment ils ont pesé sur la décision.",
    "impliquer": "Vos attentes seront reflétées dans les options étudiées, et nous vous dirons comment.",
    "collaborer": "Nous construirons les solutions avec vous et retiendrons vos propositions autant que possible.",
    "habiliter": "Nous mettrons en œuvre ce que vous aurez décidé.",
}


def _ranked(kit: Kit) -> str | None:
    best = best_scenario(kit)
    return best.id if best else None


def chosen_scenario(kit: Kit) -> Scenario | None:
    """``None`` where the offer has no participation scenarios (« défricher » tests fictional ones)."""
    scenarios = kit.client.scenarios
    if not scenarios or not kit.has("scenarios"):
        return None
    by_id = {s.id: s for s in scenarios}
    wanted = kit.client.chosen_scenario or _ranked(kit)
    return by_id.get(wanted, scenarios[0]) if wanted else scenarios[0]


def perimeter(kit: Kit) -> tuple[list[str], list[str]]:
    """What is open to discussion and what is already decided: the chosen scenario's, else the project's."""
    scenario = chosen_scenario(kit)
    project = kit.client.project.perimeter
    open_ = getattr(scenario, "negotiable", None) or project.negotiable
    fixed = getattr(scenario, "fixed", None) or project.fixed
    return open_, fixed


def how_chosen(kit: Kit) -> str:
    """A sentence saying where the choice comes from (no black box)."""
    if kit.client.chosen_scenario:
        return "Scénario retenu à l'issue de l'atelier."
    if _ranked(kit):
        return "Scénario en tête du classement « R.O.I. citoyen » (aucun choix n'est encore inscrit)."
    return "Premier scénario de la liste (aucun choix ni classement n'est encore disponible)."


def choice_badge(kit: Kit) -> str | None:
    """Short label for the scenario the deliverables follow, or none if it is only the first."""
    if kit.client.chosen_scenario:
        return "Scénario retenu"
    return "En tête du classement R.O.I." if _ranked(kit) else None


def scenario_techniques(kit: Kit, scenario: Scenario) -> list[Technique]:
    known = {t.id: t for t in kit.library.techniques}
    return [known[t] for t in scenario.techniques if t in known]


def scenario_level(kit: Kit, scenario: Scenario) -> str:
    """The highest IAP2 level the scenario's techniques reach."""
    levels = [IAP2_LEVELS.index(t.level) for t in scenario_techniques(kit, scenario)]
    return IAP2_LEVELS[max(levels)] if levels else IAP2_LEVELS[0]


def scenario_agent_days(kit: Kit, scenario: Scenario) -> Decimal:
    """The scenario's own estimate, or the sum of its technique cards (as the R.O.I. gates count it)."""
    return _roi_agent_days(scenario, kit.library)

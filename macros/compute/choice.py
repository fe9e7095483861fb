"""Which scenario the deliverables describe, and what follows from it.

The collectivity chooses it (``scenario_retenu``): only that choice commits it
in public. Until it is written, the review kit follows a *proposal* (the top
of the R.O.I. ranking, ``macros.compute.roi.best_scenario``, failing that the
first scenario) and says so; the public build refuses to run
(:mod:`macros.loading.kit`).
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
    "followed_scenario",
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
    """The scenario the collectivity chose, never a guess; ``None`` where the offer has
    no participation scenarios (« défricher » tests fictional ones and retains none)."""
    return kit.client.chosen() if kit.has("scenarios") else None


def followed_scenario(kit: Kit) -> Scenario | None:
    """What the deliverables describe: the choice, else (review kit only) the proposal."""
    chosen = chosen_scenario(kit)
    if chosen is not None or not kit.client.scenarios or not kit.has("scenarios"):
        return chosen
    by_id = {s.id: s for s in kit.client.scenarios}
    ranked = _ranked(kit)
    return by_id[ranked] if ranked in by_id else kit.client.scenarios[0]


def perimeter(kit: Kit) -> tuple[list[str], list[str]]:
    """What is open to discussion and what is already decided: the followed scenario's, else the project's."""
    scenario = followed_scenario(kit)
    project = kit.client.project.perimeter
    open_ = (scenario.negotiable if scenario else None) or project.negotiable
    fixed = (scenario.fixed if scenario else None) or project.fixed
    return list(open_), list(fixed)


def how_chosen(kit: Kit) -> str:
    """A sentence saying where the choice comes from (no black box)."""
    if kit.client.chosen():
        return "Scénario retenu par la collectivité."
    if _ranked(kit):
        return (
            "Proposition : scénario en tête du classement « R.O.I. citoyen ». La collectivité ne l’a pas "
            "encore retenu (clé « scenario_retenu ») ; rien n’en est publié d’ici là."
        )
    return (
        "Proposition : premier scénario de la liste, faute de choix et de classement. La collectivité "
        "n’a pas encore retenu de scénario (clé « scenario_retenu ») ; rien n’en est publié d’ici là."
    )


def choice_badge(kit: Kit) -> str | None:
    """Short label for the scenario the deliverables follow, or none if it is only the first."""
    if kit.client.chosen():
        return "Scénario retenu"
    return "Proposé par le classement R.O.I." if _ranked(kit) else None


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

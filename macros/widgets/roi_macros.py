"""The R.O.I. citoyen macros that pages call, by their French names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..fmt import day
from ..html import Markup, tag
from ..kit import Kit
from . import roi_bars, roi_gates, roi_heatmap, roi_kit, roi_levers, roi_method, roi_ranking, roi_worksheet
from .roi_common import cached_analysis

__all__ = ["CONTRACT_PAGE", "roi_macros"]

CONTRACT_PAGE = "livrables/contrat-de-participation.md"


def _contract_link(kit: Kit, env: Any) -> Markup:
    """A link to the draft contrat de participation, when this build has that page."""
    pages = (env.conf.get("extra") or {}).get("kit_pages") or {}
    best = cached_analysis(kit).best
    if CONTRACT_PAGE not in pages or best is None:
        return Markup("")
    title = cached_analysis(kit).scenarios[best.scenario].title
    link = tag("a", "le projet de contrat de participation", href="../../livrables/contrat-de-participation/")
    return tag("p", Markup("Le scénario en tête, « {} », est repris dans {}.").format(title, link), class_="kit-roi-contract")


def _best_title(kit: Kit) -> str:
    analysis = cached_analysis(kit)
    return analysis.scenarios[analysis.best.scenario].title if analysis.best else "aucun scénario noté pour l'instant"


def _workshop_day(kit: Kit) -> str:
    when = roi_kit.workshop_date(kit)
    return day(when, "EEEE d MMMM y") if when else "date à fixer"


def roi_macros(kit: Kit, env: Any) -> dict[str, Callable[..., Any]]:
    return {
        "roi_classement": lambda: roi_ranking.ranking_table(kit),
        "roi_completude": lambda: roi_ranking.completeness_note(kit),
        "roi_carte": lambda: roi_heatmap.heatmap(kit),
        "roi_barres": lambda: roi_bars.cost_benefit_bars(kit),
        "roi_conditions": lambda: roi_gates.gates_table(kit),
        "roi_leviers": lambda: roi_levers.levers_list(kit),
        "roi_exemple": lambda: roi_method.worked_example(kit),
        "roi_poids": lambda: roi_method.weights_table(kit),
        "roi_cartes_criteres": lambda niveau=3: roi_kit.criteria_cards(kit, niveau),
        "roi_publics": lambda: roi_kit.publics_cards(kit),
        "roi_scenarios": lambda: roi_kit.scenarios_cards(kit),
        "roi_techniques": lambda: roi_kit.technique_cards(kit),
        "roi_deroule": lambda: roi_kit.workshop_plan(kit),
        "roi_lieu_et_participants": lambda: roi_kit.place_and_participants(kit),
        "roi_fiches": lambda: roi_worksheet.worksheets(kit),
        "roi_fiche_vierge": lambda: roi_worksheet.blank_worksheet(kit),
        "roi_lien_contrat": lambda: _contract_link(kit, env),
        "roi_meilleur": lambda: _best_title(kit),
        "roi_date_atelier": lambda: _workshop_day(kit),
    }

"""The R.O.I. citoyen macros that pages call, by their French names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macros.compute.fmt import day
from macros.compute.roi import analyse
from macros.loading.kit import Kit
from macros.render.html import Markup, tag
from macros.render.widgets import (
    roi_bars,
    roi_gates,
    roi_grid,
    roi_heatmap,
    roi_kit,
    roi_levers,
    roi_method,
    roi_ranking,
    roi_worksheet,
)

__all__ = ["CONTRACT_PAGES", "roi_macros"]

CONTRACT_PAGES = ("livrables/contrat-de-participation.md", "public/contrat.md")
"""Where the deliverables helper may put the draft contrat de participation, in order of preference."""


def _contract_link(kit: Kit, env: Any) -> Markup:
    """A link to the draft contrat de participation, when this build has that page."""
    pages = (env.conf.get("extra") or {}).get("kit_pages") or {}
    page = next((p for p in CONTRACT_PAGES if p in pages), None)
    analysis = analyse(kit)
    if page is None or analysis.best is None:
        return Markup("")
    href = "../../" + page.removesuffix(".md") + "/"
    link = tag("a", "le projet de contrat de participation", href=href)
    best = analysis.scenarios[analysis.best.scenario].title
    chosen = kit.client.chosen_scenario
    if chosen and chosen != analysis.best.scenario and chosen in analysis.scenarios:
        text = Markup(
            "Le classement place « {} » en tête, mais la collectivité a retenu « {} » : c’est ce choix que reprend {}."
        )
        return tag("p", text.format(best, analysis.scenarios[chosen].title, link), class_="kit-roi-contract")
    if chosen == analysis.best.scenario:
        return tag(
            "p",
            Markup(
                "La collectivité a retenu le scénario en tête, « {} » : c’est ce choix que reprend {}."
            ).format(best, link),
            class_="kit-roi-contract",
        )
    return tag(
        "p",
        Markup(
            "Le scénario en tête, « {} », est repris comme proposition dans {}, en attendant que la collectivité "
            "inscrive son choix (clé « scenario_retenu ») : rien n’en est publié d’ici là."
        ).format(best, link),
        class_="kit-roi-contract",
    )


def _best_title(kit: Kit) -> str:
    analysis = analyse(kit)
    return (
        analysis.scenarios[analysis.best.scenario].title
        if analysis.best
        else "aucun scénario noté pour l’instant"
    )


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
        "roi_seuil": lambda: roi_method.threshold_note(kit),
        "roi_sensibilites": lambda: roi_grid.sensitivities_table(kit),
        "roi_notes": lambda: roi_grid.scores_detail(kit),
        "roi_cartes_criteres": lambda niveau=3: roi_kit.criteria_cards(kit, niveau),
        "roi_publics": lambda: roi_kit.publics_cards(kit),
        "roi_scenarios": lambda: roi_kit.scenarios_cards(kit),
        "roi_techniques": lambda: roi_kit.technique_cards(kit),
        "roi_deroule": lambda: roi_kit.workshop_plan(kit),
        "roi_duree_atelier": lambda: roi_kit.timing_note(kit),
        "roi_lieu_et_participants": lambda: roi_kit.place_and_participants(kit),
        "roi_fiches": lambda: roi_worksheet.worksheets(kit),
        "roi_fiche_vierge": lambda: roi_worksheet.blank_worksheet(kit),
        "roi_lien_contrat": lambda: _contract_link(kit, env),
        "roi_meilleur": lambda: _best_title(kit),
        "roi_date_atelier": lambda: _workshop_day(kit),
    }

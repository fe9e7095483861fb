"""The macros of the deliverable pages, bound to the kit of the build.

``macros/__init__.py`` merges this table into its own; page sources call the
French names (``{{ carte_parties_prenantes() }}``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macros.compute import fmt
from macros.loading.kit import Kit
from macros.render.widgets import (
    commitments,
    contract,
    kit_contents,
    legal_pages,
    parameters,
    presentation,
    quote,
    research,
    specs,
    stakeholders,
    timeline,
    workshops,
)

__all__ = ["deliverable_macros"]


def _page_audience(env: Any) -> list[str]:
    page = getattr(env, "page", None)
    meta = getattr(page, "meta", None) or {}
    value = meta.get("audience")
    return list(value) if isinstance(value, (list, tuple)) else ([value] if value else [])


def _page_path(env: Any) -> str:
    file = getattr(getattr(env, "page", None), "file", None)
    return f"docs/{file.src_uri}" if file is not None else "docs"


def _page_url(env: Any) -> str | None:
    """Site-relative URL of the page being rendered (``public/participer/``)."""
    file = getattr(getattr(env, "page", None), "file", None)
    return file.url if file is not None else None


def _component_pages(env: Any) -> kit_contents.ComponentPages:
    """The pages of each component of this build, as :mod:`macros.site.pages` recorded them."""
    conf = getattr(env, "conf", None) or {}
    return (conf.get("extra") or {}).get("kit_component_pages") or {}


def deliverable_macros(kit: Kit, env: Any) -> dict[str, Callable[..., Any]]:
    return {
        "livrables_du_kit": lambda: kit_contents.kit_deliverables(kit),
        "pages_du_livrable": lambda entry: kit_contents.pages_list(
            entry, _component_pages(env), _page_url(env) or ""
        ),
        "plan_cahier_des_charges": lambda: specs.outline(kit),
        "carte_parties_prenantes": lambda: stakeholders.stakeholder_map(kit),
        "relais_par_public": lambda: stakeholders.relays_table(kit),
        "contacts_parties_prenantes": lambda: stakeholders.contacts_table(
            kit, _page_audience(env), _page_path(env)
        ),
        "frise_mission": lambda: timeline.timeline(kit),
        "agenda_mission": lambda: parameters.mission_agenda_link(_page_url(env)),
        "lieux": lambda: parameters.venues_table(kit),
        "moyens_communication": lambda: parameters.communication_table(kit),
        "methode_animation": lambda: parameters.facilitation(kit),
        "accessibilite": lambda: parameters.accessibility_list(kit),
        "rendez_vous": lambda: parameters.appointments_list(kit, _page_url(env)),
        "publics_vises": lambda: parameters.publics_list(kit),
        "scenarios_et_techniques": lambda: parameters.scenario_cards(kit),
        "contrat": lambda part: contract.contract_part(kit, part),
        "decision_publique": lambda: commitments.decision_paragraph(kit),
        "contact_projet": lambda: contract.public_contact(kit),
        "cahier_des_charges": lambda part: specs.specs_part(kit, part),
        "devis": lambda: quote.quote(kit),
        "etat_de_l_art": lambda: workshops.state_of_the_art(kit),
        "ateliers_strategie": lambda: workshops.strategy_workshops(kit),
        "analyse_grille": lambda: workshops.grid_analysis(kit),
        "seance_creativite": lambda: workshops.creativity(kit),
        "notes_de_recherche": lambda: research.research_notes(kit),
        "pistes_creatives": lambda: research.creative_leads(kit),
        "scenarios_fictifs": lambda: research.fictional_scenarios(kit),
        "analyse_ateliers": lambda: research.proposals(kit),
        "presentation": lambda: presentation.presentation(kit),
        "pages_legales": lambda part: legal_pages.legal_part(kit, part),
        "date_longue": fmt.day,
    }

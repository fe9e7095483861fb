"""The mkdocs-macros module of the kit: it only connects the parts.

``define_env`` loads and validates the whole kit once (a mistake stops the
build with one clean French message per problem), then registers the
widgets that pages call. Client text enters pages only as escaped data.
"""

from __future__ import annotations

from typing import Any

from . import fmt, reproducible, state
from .pdf import links as pdf_links
from .settings import Settings
from .widgets import catalogue, deliverables, mission, roi_macros

__all__ = ["define_env"]


def define_env(env: Any) -> None:
    kit = state.reload(Settings.from_env())
    env.variables.update(
        {
            "kit": kit,
            "cabinet": kit.firm,
            "client": kit.client,
            "offre": kit.offer,
            "offres": kit.offers,
            "bibliotheque": kit.library,
            "audience_du_site": kit.settings.audience,
        }
    )
    for name, func in {
        "fiche_offre": catalogue.offer_card,
        "chiffres_offre": catalogue.offer_figures,
        "etapes_offre": catalogue.offer_steps,
        "resume_client": lambda: mission.client_summary(kit),
        "calendrier": lambda: mission.calendar_table(kit),
        **deliverables.deliverable_macros(kit, env),
        **roi_macros.roi_macros(kit, env),
        "livrets_pdf": lambda: pdf_links.download_links(kit, env.conf, env.page.file.src_uri),
        "now": reproducible.now,  # honours SOURCE_DATE_EPOCH, unlike the plugin's own
    }.items():
        env.macro(func, name)
    # Numbers printed by a page are French, like those of the widgets.
    env.filter(fmt.number, "nombre")

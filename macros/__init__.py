"""The mkdocs-macros module of the kit: it only connects the parts.

The kit plugin (:mod:`macros.site.plugin`) has already loaded and validated
the whole kit of the selected client when mkdocs-macros calls ``define_env``
(a mistake stops the build with one clean French message per problem);
``define_env`` registers the kit's data and the widgets that pages call. Client text enters pages only as escaped data.
"""

from __future__ import annotations

from typing import Any

from macros.compute import fmt, french, names
from macros.outputs.pdf import links as pdf_links
from macros.render.widgets import (
    catalogue,
    deliverables,
    followup_macros,
    handbook_macros,
    mission,
    roi_macros,
)
from macros.site import reproducible, state

__all__ = ["define_env"]


def define_env(env: Any) -> None:
    kit = state.current()
    env.variables.update(
        {
            "kit": kit,
            "cabinet": kit.firm,
            "client": kit.client,
            "offre": kit.offer,
            "offres": kit.offers,
            "bibliotheque": kit.library,
            "audience_du_site": kit.settings.audience,
            **followup_macros.follow_up_variables(kit),
            "noms": names.names(
                kit.client, kit.firm
            ),  # names with their article: {{ noms.collectivite | Le }}
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
        **handbook_macros.handbook_macros(kit),
        **followup_macros.follow_up_macros(kit),
        "livrets_pdf": lambda: pdf_links.download_links(kit, env.conf, env.page.file.src_uri),
        "now": reproducible.now,  # honours SOURCE_DATE_EPOCH, unlike the plugin's own
    }.items():
        env.macro(func, name)
    # Numbers printed by a page are French, like those of the widgets.
    env.filter(fmt.number, "nombre")
    for filter_name, phrase in french.FILTERS.items():
        env.filter(phrase, filter_name)

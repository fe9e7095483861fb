"""The macros of the pages « après la participation », and the facts they test.

``suites_ouvertes`` is true once contributions are imported (the pages that
need them are left out before: front matter ``exige: contributions``);
``concertation_prealable`` when the project declares the prior concertation
of the urban-planning code, whose bilan (C. urb. L.103-6) the bilan page then
carries, with the date of the deliberation that adopts it
(``projet.deliberations``, subject ``bilan-concertation``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from macros.compute.followup import has_follow_up
from macros.compute.handbook import report_day
from macros.loading.kit import Kit
from macros.render.widgets import followup_answers, followup_charts, followup_eval

__all__ = ["PRIOR_CONCERTATION", "follow_up_macros", "follow_up_variables"]

PRIOR_CONCERTATION = "concertation-prealable-urbanisme"
"""Id of ``projet.procedures`` for the prior concertation of C. urb. L.103-2."""


BILAN_DELIBERATION = "bilan-concertation"
"""Subject of the deliberation that adopts the bilan (C. urb. L.103-6), in ``projet.deliberations``."""


def follow_up_variables(kit: Kit) -> dict[str, Any]:
    project = kit.client.project
    vote = next((d for d in project.deliberations if d.subject == BILAN_DELIBERATION), None)
    return {
        "suites_ouvertes": has_follow_up(kit),
        "concertation_prealable": PRIOR_CONCERTATION in project.procedures,
        "suites_arret_du_bilan": vote.day if vote else None,
        "suites_organe_du_bilan": (vote.body if vote else None) or project.decider,
        "suites_nombre": len(kit.contributions),
        "suites_date_bilan": report_day(kit),
    }


def follow_up_macros(kit: Kit) -> dict[str, Callable[..., Any]]:
    return {
        "suites_resume": lambda: followup_answers.summary_line(kit),
        "suites_demarche": lambda: followup_answers.process(kit),
        "suites_par_theme": lambda: followup_charts.theme_counts(kit),
        "suites_par_canal": lambda: followup_charts.channel_counts(kit),
        "suites_par_public": lambda: followup_charts.public_counts(kit),
        "suites_canal_et_public": lambda: followup_charts.channel_public(kit),
        "suites_citations": lambda: followup_answers.quote_list(kit),
        "suites_reponses": lambda: followup_answers.answers(kit),
        "suites_engagements": lambda: followup_answers.commitments(kit),
        "suites_participation": lambda: followup_eval.participation_table(kit),
        "suites_participation_graphique": lambda: followup_eval.participation_chart(kit),
        "suites_prochaine_fois": lambda: followup_eval.next_time(kit),
        "suites_questionnaire": lambda: followup_eval.questionnaire_form(kit),
        "suites_vocabulaire": lambda: followup_answers.vocabulary(kit),
        "suites_questionnaire_resultats": lambda: followup_eval.questionnaire_results(kit),
    }

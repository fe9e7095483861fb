"""The legal frame of a client: references (errors) and what is missing (warnings).

A client declares the procedures that apply to its project
(``projet.procedures``); each procedure of the library lists its obligations
and what the kit must hold to answer them. Unknown ids are errors, like any
other reference. What a declared procedure requires and the kit lacks is a
warning: ``kit check`` lists it with the line, the build goes on, since a
human may still be gathering the dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from macros.errors import Problem, unknown
from macros.loading.yamlsource import YamlDocument
from macros.model import Client, Library
from macros.model.procedures import Obligation, Procedure

__all__ = ["MAX_DAYS", "MIN_DAYS", "check_legal_refs", "declared", "legal_warnings"]

MIN_DAYS, MAX_DAYS = 15, 92
"""Length of a concertation préalable of the environmental code: 15 days to 3 months (C. env. L.121-16)."""


def declared(client: Client, library: Library) -> list[Procedure]:
    """The procedures the client declares, in its order (unknown ids left out)."""
    known = {p.id: p for p in library.procedures}
    return [known[pid] for pid in client.project.procedures if pid in known]


def check_legal_refs(client: Client, doc: YamlDocument, library: Library) -> Iterator[Problem]:
    known = {p.id for p in library.procedures}
    for i, pid in enumerate(client.project.procedures):
        if pid not in known:
            yield doc.problem(("projet", "procedures", i), unknown("procédure", pid, known))
    votes = {o.id for p in declared(client, library) for o in p.obligations if o.act == "deliberation"}
    for i, vote in enumerate(client.project.deliberations):
        if not votes:
            yield doc.problem(
                ("projet", "deliberations", i, "objet"),
                f"délibération « {vote.subject} » qu’aucune procédure déclarée ne demande "
                "(déclarez la procédure sous projet.procedures)",
            )
        elif vote.subject not in votes:
            yield doc.problem(
                ("projet", "deliberations", i, "objet"), unknown("délibération", vote.subject, votes)
            )
    techniques = {t.id for t in library.techniques}
    for i, meeting in enumerate(client.parameters.appointments if client.parameters else []):
        if meeting.technique and meeting.technique not in techniques:
            yield doc.problem(
                ("parametres", "rendez_vous", i, "technique"),
                unknown("technique", meeting.technique, techniques),
            )


def _appointment_days(client: Client) -> list[date]:
    """Every first and last day of the rendez-vous, in order (a questionnaire may last weeks)."""
    meetings = client.parameters.appointments if client.parameters else []
    return sorted({d for m in meetings for d in (m.day, m.last_day) if d})


def _missing(client: Client, procedure: Procedure, obligation: Obligation, need: str) -> str | None:
    """What the kit lacks for one requirement of an obligation, in words; None if met."""
    params = client.parameters
    cited = procedure.cite(obligation.article)
    if need == "rendez-vous" and not (params and params.appointments):
        return (
            f"{cited} demande que le public puisse s’exprimer : aucun rendez-vous sous parametres.rendez_vous"
        )
    if need == "communication" and not (params and params.communication):
        return f"{cited} demande d’informer le public : aucun moyen sous parametres.communication"
    if need == "retour" and client.report(client.chosen()) is None:
        return (
            f"{cited} demande de rendre compte au public : aucun retour daté (retours du scénario retenu, "
            "ou contrat_participation.retour)"
        )
    days = _appointment_days(client)
    if need == "duree" and days and not MIN_DAYS <= (days[-1] - days[0]).days + 1 <= MAX_DAYS:
        span = (days[-1] - days[0]).days + 1
        return f"{cited} fixe une durée de {MIN_DAYS} jours à trois mois ; les rendez-vous en couvrent {span}"
    return None


def _vote_warnings(client: Client, doc: YamlDocument, index: int, procedure: Procedure) -> Iterator[Problem]:
    votes = {v.subject: (j, v) for j, v in enumerate(client.project.deliberations)}
    days = _appointment_days(client)
    for obligation in (o for o in procedure.obligations if o.act == "deliberation"):
        cited = procedure.cite(obligation.article)
        when = votes[obligation.id][1].day if obligation.id in votes else None
        if when is None:
            yield doc.problem(
                ("projet", "procedures", index),
                (
                    f"{procedure.name} : {cited} demande une délibération ({obligation.short_label[0].lower() + obligation.short_label[1:]}) ; "
                    f"datez-la sous projet.deliberations (objet : {obligation.id})"
                ),
            )
            continue
        j = votes[obligation.id][0]
        if days and obligation.moment == "avant" and when > days[0]:
            yield doc.problem(
                ("projet", "deliberations", j, "date"),
                (
                    f"la délibération « {obligation.id} » ({cited}) est datée du {when.isoformat()}, "
                    f"après le premier rendez-vous du {days[0].isoformat()}"
                ),
            )
        if days and obligation.moment == "apres" and when < days[-1]:
            yield doc.problem(
                ("projet", "deliberations", j, "date"),
                (
                    f"la délibération « {obligation.id} » ({cited}) est datée du {when.isoformat()}, "
                    f"avant le dernier rendez-vous du {days[-1].isoformat()}"
                ),
            )


def legal_warnings(client: Client, doc: YamlDocument, library: Library) -> list[Problem]:
    """What the declared procedures require and the kit lacks; the stop rule under a mandatory one."""
    problems: list[Problem] = []
    known = {p.id: p for p in library.procedures}
    for i, pid in enumerate(client.project.procedures):
        procedure = known.get(pid)
        if procedure is None:
            continue
        problems.extend(_vote_warnings(client, doc, i, procedure))
        for obligation in procedure.obligations:
            for need in obligation.requires:
                said = _missing(client, procedure, obligation, need)
                if said:
                    problems.append(doc.problem(("projet", "procedures", i), f"{procedure.name} : {said}"))
    mandatory = [p for p in declared(client, library) if p.mandatory]
    if mandatory and client.quote and client.quote.stop_before_workshop:
        names = ", ".join(f"{p.name} ({p.cite(p.articles[0])})" for p in mandatory)
        problems.append(
            doc.problem(
                ("devis", "arret_avant_atelier"),
                (
                    f"la mission s’arrête avant l’atelier, sur une information seule, alors que le projet déclare une "
                    f"procédure obligatoire : {names} ; une information seule n’en tient pas lieu"
                ),
            )
        )
    return sorted(set(problems), key=lambda p: (p.line or 0, p.message))

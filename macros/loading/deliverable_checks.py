"""Cross-references of the deliverable sections of a client (ids they name must exist).

Called by :func:`macros.loading.references.check_client` once each file has passed its
schema, so that a problem names the exact item and what is known.
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.errors import Loc, Problem, unknown
from macros.loading.yamlsource import YamlDocument
from macros.model import Client, Offer

__all__ = ["check_deliverables"]


def _refs(doc: YamlDocument, loc: Loc, values: list[str], known: set[str], what: str) -> Iterator[Problem]:
    for j, value in enumerate(values):
        if value not in known:
            yield doc.problem(loc + (j,), unknown(what, value, known))


def check_deliverables(
    client: Client, doc: YamlDocument, offer: Offer | None, failed: frozenset[str] = frozenset()
) -> list[Problem]:
    """Ids named by the deliverable sections; sections in ``failed`` (schema errors) are skipped."""

    def sound(*sections: str) -> bool:
        return not failed.intersection(sections)

    problems: list[Problem] = []
    scenarios = {s.id for s in client.scenarios}
    if (
        sound("scenarios", "scenario_retenu")
        and client.chosen_scenario
        and client.chosen_scenario not in scenarios
    ):
        problems.append(
            doc.problem(("scenario_retenu",), unknown("scénario", client.chosen_scenario, scenarios))
        )
    if sound("parametres", "publics"):
        problems.extend(_check_parameters(client, doc))
    if sound("cahier_des_charges", "publics"):
        problems.extend(_check_specs(client, doc))
    if offer is not None and sound("devis"):
        problems.extend(_check_quote(client, doc, offer))
    if sound("strategie"):
        problems.extend(_check_strategy(client, doc))
    if sound("defricher"):
        problems.extend(_check_discovery(client, doc))
    return problems


def _check_parameters(client: Client, doc: YamlDocument) -> Iterator[Problem]:
    params = client.parameters
    if params is None:
        return
    publics = {p.id for p in client.publics}
    for i, means in enumerate(params.communication):
        yield from _refs(doc, ("parametres", "communication", i, "publics"), means.publics, publics, "public")
    venues = {v.id for v in params.venues}
    for i, meeting in enumerate(params.appointments):
        if meeting.venue and meeting.venue not in venues:
            yield doc.problem(
                ("parametres", "rendez_vous", i, "lieu"), unknown("lieu", meeting.venue, venues)
            )


def _check_specs(client: Client, doc: YamlDocument) -> Iterator[Problem]:
    if client.specs is None:
        return
    publics = {p.id for p in client.publics}
    for pid in client.specs.levels:
        if pid not in publics:
            yield doc.problem(("cahier_des_charges", "niveaux", pid), unknown("public", pid, publics))


def _check_quote(client: Client, doc: YamlDocument, offer: Offer) -> Iterator[Problem]:
    quote = client.quote
    if quote is None:
        return
    known = {o.id for o in offer.options}
    seen: dict[str, int] = {}
    for i, option in enumerate(quote.options):
        loc = ("devis", "options", i, "id")
        if option.id not in known:
            listed = ", ".join(sorted(known)) or "aucune"
            yield doc.problem(
                loc,
                f"option « {option.id} » absente de l’offre « {offer.id} » (options de l’offre : {listed})",
            )
        elif option.id in seen:
            yield doc.problem(
                loc,
                f"option « {option.id} » en double (déjà au devis en n° {seen[option.id] + 1}) : augmentez plutôt la quantité",
            )
        seen.setdefault(option.id, i)
    if quote.stop_before_workshop and offer.stop_rule is None:
        yield doc.problem(
            ("devis", "arret_avant_atelier"), f"l’offre « {offer.id} » ne prévoit pas d’arrêt avant l’atelier"
        )


def _check_strategy(client: Client, doc: YamlDocument) -> Iterator[Problem]:
    strategy = client.strategy
    if strategy is None:
        return
    grid = {c.id for c in strategy.grid}
    groups: dict[str, int] = {}
    for i, workshop in enumerate(strategy.workshops):
        if workshop.group in groups:
            yield doc.problem(
                ("strategie", "ateliers", i, "groupe"),
                f"groupe « {workshop.group} » en double (déjà l’atelier n° {groups[workshop.group] + 1})",
            )
        groups.setdefault(workshop.group, i)
        for j, reading in enumerate(workshop.analysis):
            if reading.criterion not in grid:
                yield doc.problem(
                    ("strategie", "ateliers", i, "analyse", j, "critere"),
                    unknown("critère de la grille", reading.criterion, grid),
                )


def _check_discovery(client: Client, doc: YamlDocument) -> Iterator[Problem]:
    discovery = client.discovery
    if discovery is None:
        return
    leads = {lead.id for lead in discovery.leads}
    for i, scenario in enumerate(discovery.fictional_scenarios):
        yield from _refs(doc, ("defricher", "scenarios_fictifs", i, "pistes"), scenario.leads, leads, "piste")
    for i, proposal in enumerate(discovery.proposals):
        yield from _refs(doc, ("defricher", "analyse", i, "pistes"), proposal.leads, leads, "piste")

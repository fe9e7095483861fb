"""Coherence checks: a client whose sections contradict each other.

Each section of ``client.yml`` may be valid on its own and still tell a story
that does not hold: a report promised before anybody has spoken, a meeting
after the decision it should inform, 16.5 agent-days here and 19 there. These
checks run with the cross-references (:func:`macros.loading.kit.load_kit`),
on the validated models, and name ``client.yml:line: field``.

Errors are where the kit would print something false; warnings where a human
may have a reason (they are listed by ``kit check`` and counted by
``--strict``, but they do not stop a build).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal

from macros.errors import Loc, Problem, unknown
from macros.loading import usage
from macros.loading.yamlsource import YamlDocument
from macros.model import Client, Library, Offer
from macros.model.client import Scenario
from macros.model.deliverables import Appointment
from macros.model.library import IAP2_LEVELS
from macros.model.roi import BREAK_EVEN

__all__ = ["CHECKS", "check_client"]

Check = Callable[[Client, YamlDocument, Offer | None, Library], Iterator[Problem]]


def _n(value: Decimal | int) -> str:
    """A number as French prints it: ``16,5``, ``18\u202f000`` (Babel's narrow space, without Babel)."""
    text = format(Decimal(value).normalize(), "f")
    whole, _, decimals = text.partition(".")
    sign, digits = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    groups: list[str] = []
    while len(digits) > 3:
        digits, groups = digits[:-3], [digits[-3:], *groups]
    grouped = "\u202f".join([digits, *groups])
    return sign + grouped + ("," + decimals if decimals else "")


def _warn(doc: YamlDocument, loc: Loc, message: str) -> Problem:
    return doc.problem(loc, message).as_warning()


def _scenario_loc(client: Client, scenario: Scenario) -> Loc:
    return ("scenarios", client.scenarios.index(scenario))


# --- Programme and feedback: dates that must follow each other ---------------------


def _participation(client: Client) -> list[tuple[int, date, str]]:
    """(index, last day, title) of the events where people take part (not the restitutions);
    an event over several days (a questionnaire) ends on its ``date_fin``."""
    if client.parameters is None:
        return []
    back = client.restitution_ids()
    return [
        (i, a.last_day or a.day, a.title)
        for i, a in enumerate(client.parameters.appointments)
        if a.id not in back
    ]


def _feedback_items(client: Client) -> Iterator[tuple[Loc, date, Scenario | None]]:
    """Every dated feedback promise: (where it is written, its day, its scenario)."""
    for scenario in client.scenarios:
        for j, commitment in enumerate(scenario.feedback):
            when = client.feedback_day(commitment)
            if when is not None:
                key = "rendez_vous" if client.appointment(commitment.appointment) else "echeance"
                yield _scenario_loc(client, scenario) + ("retours", j, key), when, scenario
    if client.contract and client.contract.feedback:
        yield ("contrat_participation", "retour", "date"), client.contract.feedback.by, None


def _check_feedback_dates(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    start = client.mission.start
    events = _participation(client)
    last = max(events, key=lambda e: e[1]) if events else None
    chosen = client.chosen()
    for loc, when, scenario in _feedback_items(client):
        if when < start:
            yield doc.problem(
                loc,
                f"retour aux participants daté du {when.isoformat()}, avant le début de la mission (mission.debut : {start.isoformat()})",
            )
        elif last and (scenario is None or scenario is chosen) and when < last[1]:
            yield doc.problem(
                loc,
                (
                    f"retour aux participants daté du {when.isoformat()}, avant la participation dont il rend compte "
                    f"(« {last[2]} », le {last[1].isoformat()}) : datez-le après le dernier rendez-vous"
                ),
            )


def _check_feedback_meetings(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    known = {a.id for a in client.parameters.appointments if a.id} if client.parameters else set()
    for scenario in client.scenarios:
        for j, commitment in enumerate(scenario.feedback):
            loc = _scenario_loc(client, scenario) + ("retours", j)
            meeting = client.appointment(commitment.appointment)
            if commitment.appointment and meeting is None:
                yield doc.problem(
                    loc + ("rendez_vous",), unknown("rendez-vous", commitment.appointment, known)
                )
            elif meeting and commitment.due and commitment.due != meeting.day:
                yield doc.problem(
                    loc + ("echeance",),
                    (
                        f"échéance {commitment.due.isoformat()}, mais le rendez-vous « {meeting.title} » qu’elle annonce "
                        f"a lieu le {meeting.day.isoformat()} : retirez l’échéance, la date du rendez-vous fait foi"
                    ),
                )
    chosen = client.chosen()
    if client.contract and client.contract.feedback and chosen and chosen.feedback:
        yield _warn(
            doc,
            ("contrat_participation", "retour"),
            (
                f"doublon : le scénario retenu « {chosen.title} » promet déjà ses retours (scenarios[{client.scenarios.index(chosen)}].retours), "
                "et ce sont eux que les pages impriment ; retirez cette clé ou ajoutez ce retour au scénario"
            ),
        )


def _check_events(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    if client.parameters is None:
        return
    chosen = client.chosen()
    decided = client.decision_day(chosen)
    decider = client.decider(chosen)
    back = client.restitution_ids()
    for i, event in enumerate(client.parameters.appointments):
        loc: Loc = ("parametres", "rendez_vous", i)
        if event.day < client.mission.start:
            yield doc.problem(
                loc + ("date",),
                f"rendez-vous « {event.title} » du {event.day.isoformat()}, avant le début de la mission (mission.debut : {client.mission.start.isoformat()})",
            )
        elif decided and event.id not in back and (event.last_day or event.day) > decided:
            key, last = ("date_fin", event.last_day) if event.last_day else ("date", event.day)
            yield doc.problem(
                loc + (key,),
                (
                    f"rendez-vous « {event.title} » {'jusqu’au' if event.last_day else 'du'} {last.isoformat()}, après la décision qu’il doit nourrir "
                    f"({decider}, le {decided.isoformat()}) : avancez-le, ou faites-en un retour aux participants "
                    "(scenarios[].retours[].rendez_vous)"
                ),
            )
        yield from _event_technique(doc, loc, event, chosen, library, event.id in back)


def _event_technique(
    doc: YamlDocument,
    loc: Loc,
    event: Appointment,
    chosen: Scenario | None,
    library: Library,
    restitution: bool,
) -> Iterator[Problem]:
    """The event carries out a technique of the chosen scenario (an online one when it is online)."""
    technique = event.technique
    known = {t.id for t in library.techniques}
    online = {t.id for t in library.techniques if t.format != "presentiel"}
    if technique is None and chosen and event.online and not online.intersection(chosen.techniques):
        yield doc.problem(
            loc + ("en_ligne",),
            (
                f"rendez-vous en ligne, mais le scénario retenu « {chosen.title} » n’a aucune technique en ligne "
                f"(ses techniques : {', '.join(chosen.techniques)}) : ce rendez-vous promettrait ce que la collectivité n’a pas choisi"
            ),
        )
    elif technique is None:
        if chosen and not restitution:
            yield _warn(
                doc,
                loc + ("titre",),
                (
                    f"rendez-vous sans technique : dites laquelle du scénario retenu « {chosen.title} » il met en œuvre "
                    f"(clé « technique » : {', '.join(chosen.techniques)})"
                ),
            )
    elif technique not in known:
        yield doc.problem(loc + ("technique",), unknown("technique", technique, known))
    elif chosen and not restitution and technique not in chosen.techniques:
        yield doc.problem(
            loc + ("technique",),
            (
                f"technique « {technique} » absente du scénario retenu « {chosen.title} » "
                f"(ses techniques : {', '.join(chosen.techniques)}) : ce rendez-vous promettrait ce que la collectivité n’a pas choisi"
            ),
        )


def _check_access(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    params = client.parameters
    if params is None:
        return
    known = {a.id for a in params.appointments if a.id}
    for i, access in enumerate(params.accessibility):
        for j, ref in enumerate(access.appointments):
            if ref not in known:
                yield doc.problem(
                    ("parametres", "accessibilite", i, "rendez_vous", j), unknown("rendez-vous", ref, known)
                )
    for i, access in enumerate(params.accessibility):
        words = f" {access.measure.casefold()} "
        if not access.appointments and any(w in words for w in _NAMES_AN_EVENT):
            yield _warn(
                doc,
                ("parametres", "accessibilite", i),
                (
                    "cette mesure semble ne valoir que pour un rendez-vous : nommez-le, pour que le programme "
                    "l’affiche au bon endroit et que kit check vérifie qu’il existe "
                    "(« - mesure: … » puis « rendez_vous: [id] »)"
                ),
            )
    venues = {v.id: (k, v) for k, v in enumerate(params.venues)}
    for i, event in enumerate(params.appointments):
        found = venues.get(event.venue) if event.venue and not event.online else None
        if found and not found[1].accessible and not found[1].fallback:
            yield _warn(
                doc,
                ("parametres", "rendez_vous", i, "lieu"),
                (
                    f"rendez-vous public dans un lieu non accessible en fauteuil roulant (« {found[1].name} ») sans solution "
                    f"de repli : écrivez-la sous parametres.lieux[{found[0]}].solution_repli ; le site public dira que le lieu n’est pas accessible"
                ),
            )


_NAMES_AN_EVENT = (" pendant l", " pendant le ", " lors d", " au cours d", " du soir ")
"""Words of a measure written for one event (« pendant l'atelier du soir »), not for all."""


# --- The mission's calendar ------------------------------------------------------------


def _check_calendar(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    start = client.mission.start
    order = {s.id: n for n, s in enumerate(offer.steps)} if offer else {}
    previous: tuple[int, str, date] | None = None
    ranked = sorted(enumerate(client.calendar), key=lambda e: order.get(e[1].step, len(order)))
    for i, entry in ranked:
        loc: Loc = ("calendrier", i, "debut")
        if entry.start < start:
            yield doc.problem(
                loc,
                f"étape « {entry.step} » commencée le {entry.start.isoformat()}, avant le début de la mission (mission.debut : {start.isoformat()})",
            )
        elif previous and entry.start < previous[2]:
            yield _warn(
                doc,
                loc,
                (
                    f"étape « {entry.step} » le {entry.start.isoformat()}, avant l’étape qui la précède dans l’offre "
                    f"(« {previous[1]} », le {previous[2].isoformat()})"
                ),
            )
        previous = (i, entry.step, entry.start)
    decided = client.decision_day(client.chosen())
    for i, entry in enumerate(client.calendar):
        if decided and entry.start > decided:
            yield _warn(
                doc,
                ("calendrier", i, "debut"),
                (
                    f"étape « {entry.step} » le {entry.start.isoformat()}, après la décision que la mission prépare "
                    f"(le {decided.isoformat()})"
                ),
            )


def _check_workshop_day(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    """The R.O.I. workshop is dated once: in the calendar or in roi.atelier, the same day."""
    workshop = client.roi.workshop.day
    entry = next(((i, e) for i, e in enumerate(client.calendar) if e.step == "atelier-roi"), None)
    if workshop and entry and entry[1].start != workshop:
        yield doc.problem(
            ("roi", "atelier", "date"),
            (
                f"atelier du {workshop.isoformat()}, mais le calendrier le place le {entry[1].start.isoformat()} "
                f"(calendrier[{entry[0]}].debut) : gardez une seule date"
            ),
        )


# --- Means: agent-days and budget, one figure each ------------------------------------


def _check_agent_days(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    means = client.specs.means if client.specs else None
    chosen = client.chosen()
    if not means or not means.agent_days or chosen is None:
        return
    total = sum((s.days for s in means.agent_days), Decimal(0))
    days = chosen.total_agent_days({t.id: t.agent_days for t in library.techniques})
    if total != days:
        where = f"{'scenarios[' + str(client.scenarios.index(chosen)) + '].jours_agent' if chosen.agent_days is not None else 'ses fiches techniques'}"
        yield doc.problem(
            ("cahier_des_charges", "moyens", "jours_agent"),
            (
                f"{_n(total)} jours-agent au total par service, mais le scénario retenu « {chosen.title} » en compte {_n(days)} "
                f"({where}) : mettez les deux d’accord"
            ),
        )


def _check_budget_score(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    means = client.specs.means if client.specs else None
    chosen = client.chosen()
    if not means or means.budget is None or chosen is None or chosen.id not in client.roi.scores:
        return
    for criterion in library.criteria:
        cell = client.roi.scores[chosen.id].actor.get(criterion.id)
        expected = criterion.level_of_amount(means.budget)
        if cell is None or expected is None or cell.score == expected:
            continue
        if means.budget in criterion.euro_bounds and cell.score == expected - 1:
            continue  # at a bound, both neighbouring levels read right
        loc: Loc = ("roi", "notes", chosen.id, "acteur", criterion.id)
        if loc + ("note",) in doc.lines:
            loc = loc + ("note",)
        yield doc.problem(
            loc,
            (
                f"note {cell.score} (« {criterion.levels[cell.score].rstrip('.')} »), mais le budget déclaré est de "
                f"{_n(means.budget)} € (cahier_des_charges.moyens.budget), soit la note {expected} "
                f"(« {criterion.levels[expected].rstrip('.')} »)"
            ),
        )


# --- Tender and quote ------------------------------------------------------------------


def _check_award(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    tender = client.specs.tender if client.specs else None
    if tender is None or not tender.award_criteria:
        return
    total = sum((c.weight for c in tender.award_criteria), Decimal(0))
    if total != 100:
        yield doc.problem(
            ("cahier_des_charges", "marche_public", "criteres_attribution"),
            (f"les pondérations des critères d’attribution totalisent {_n(total)} %, et non 100 %"),
        )


def _check_quote(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    quote = client.quote
    if quote is None or offer is None:
        return
    if quote.base_price is not None and quote.base_price < offer.price_from:
        yield _warn(
            doc,
            ("devis", "prix_base"),
            (
                f"prix de base de {_n(quote.base_price)} € HT, sous le « à partir de » de l’offre « {offer.title} » "
                f"({_n(offer.price_from)} €) : vérifiez-le, ou dites pourquoi dans devis.conditions"
            ),
        )
    for i, option in enumerate(quote.options):
        if option.unit_price == 0:
            yield _warn(
                doc,
                ("devis", "options", i, "prix_unitaire"),
                (
                    f"option « {option.id} » à 0 € : si elle est offerte, dites-le dans devis.conditions ; sinon donnez son prix"
                ),
            )


# --- R.O.I. and the choice ---------------------------------------------------------------


def _check_threshold(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    roi = client.roi
    if roi.citizen_threshold < BREAK_EVEN and not roi.threshold_reason:
        yield _warn(
            doc,
            ("roi", "seuil_citoyen"),
            (
                f"seuil de {_n(roi.citizen_threshold)}, sous l’équilibre de l’échelle ({_n(BREAK_EVEN)} : ça coûte autant que ça rapporte) : "
                "la condition des citoyens serait dite respectée pour un public qui y perd ; relevez-le, ou dites pourquoi "
                "sous « roi.raison_seuil » (la page de la méthode l’imprimera)"
            ),
        )


def _check_choice(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    if client.scenarios and client.chosen() is None:
        listed = ", ".join(sorted(s.id for s in client.scenarios))
        # Without an R.O.I. workshop (a strategy without the option) there is no ranking to show.
        workshop = offer is None or usage.ROI_RESULTS in usage.kit_components(offer, client)
        shown = "le classement" if workshop else "le premier scénario"
        yield Problem(
            doc.path,
            line=None,
            loc=("scenario_retenu",),
            warning=True,
            message=(
                f"aucun scénario retenu : le kit de relecture montre {shown} comme une proposition, et le site public "
                f"ne pourra pas être construit ; inscrivez le choix de la collectivité sous « scenario_retenu » (scénarios : {listed})"
            ),
        )


def _check_perimeter(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    """Nothing can be open in a scenario and already decided for the project (or the scenario)."""
    project_fixed = {item.casefold(): item for item in client.project.perimeter.fixed}
    for scenario in client.scenarios:
        fixed = {item.casefold() for item in scenario.fixed} | set(project_fixed)
        for j, item in enumerate(scenario.negotiable):
            if item.casefold() in fixed:
                yield doc.problem(
                    _scenario_loc(client, scenario) + ("negociable", j),
                    f"« {item} » est dit ouvert, mais il est aussi déclaré non négociable : choisissez",
                )
    for j, item in enumerate(client.project.perimeter.negotiable):
        if item.casefold() in project_fixed:
            yield doc.problem(
                ("projet", "perimetre", "negociable", j),
                f"« {item} » est dit ouvert, mais il est aussi déclaré non négociable : choisissez",
            )


def _check_level(
    client: Client, doc: YamlDocument, offer: Offer | None, library: Library
) -> Iterator[Problem]:
    """The place promised in the decision is one the chosen scenario's techniques can give."""
    promised = client.contract.level if client.contract else None
    chosen = client.chosen()
    if promised is None or chosen is None:
        return
    levels = {t.id: t.level for t in library.techniques}
    reached = max((IAP2_LEVELS.index(levels[t]) for t in chosen.techniques if t in levels), default=0)
    if IAP2_LEVELS.index(promised) > reached:
        yield doc.problem(
            ("contrat_participation", "niveau"),
            (
                f"niveau promis « {promised} », mais les techniques du scénario retenu « {chosen.title} » "
                f"ne vont pas au-delà de « {IAP2_LEVELS[reached]} » : ne promettez pas plus que le dispositif ne donne"
            ),
        )


# Each check with the sections it reads: skipped when one of them failed its schema.
CHECKS: tuple[tuple[tuple[str, ...], Check], ...] = (
    (
        ("scenarios", "parametres", "mission", "contrat_participation", "scenario_retenu"),
        _check_feedback_dates,
    ),
    (("scenarios", "parametres", "contrat_participation", "scenario_retenu"), _check_feedback_meetings),
    (("scenarios", "parametres", "mission", "projet", "scenario_retenu"), _check_events),
    (("parametres",), _check_access),
    (("calendrier", "mission", "offre", "projet", "scenarios", "scenario_retenu"), _check_calendar),
    (("calendrier", "roi"), _check_workshop_day),
    (("cahier_des_charges", "scenarios", "scenario_retenu"), _check_agent_days),
    (("cahier_des_charges", "scenarios", "scenario_retenu", "roi"), _check_budget_score),
    (("cahier_des_charges",), _check_award),
    (("devis", "offre"), _check_quote),
    (("roi",), _check_threshold),
    (("scenarios", "scenario_retenu"), _check_choice),
    (("scenarios", "projet"), _check_perimeter),
    (("contrat_participation", "scenarios", "scenario_retenu"), _check_level),
)

_ONLY_WHERE_READ: dict[Check, str] = {
    _check_choice: "scenario_retenu",
    _check_threshold: "roi",
    _check_workshop_day: "roi",
}
"""Checks that only mean something where the offer's pages read that section."""


def check_client(
    client: Client,
    doc: YamlDocument,
    offers: list[Offer],
    library: Library,
    failed: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Every coherence problem of one client, errors and warnings.

    A check about a section that the kit's offer does not read is skipped: the
    section gets its own « inutilisée » warning (``usage.unused_sections``), and
    a défricher kit has no scenario to retain nor any R.O.I. workshop to date."""
    offer = next((o for o in offers if o.id == client.offer), None)
    components = usage.kit_components(offer, client) if offer is not None else frozenset()
    problems: list[Problem] = []
    for sections, check in CHECKS:
        about = _ONLY_WHERE_READ.get(check)
        if about is not None and offer is not None and not usage.SECTION_READERS[(about,)] & components:
            continue
        if not failed.intersection(sections):
            problems.extend(check(client, doc, offer, library))
    return problems

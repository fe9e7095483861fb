"""What the handbooks tell élus and agents, computed once from the model.

- :func:`version_day`: the date of the kit version, printed on the covers;
- :func:`report_day`: the date of the bilan, which comes after what it reports;
- :func:`elected_decisions`: the decisions the élus take during the mission,
  with their dates (mission steps, the stop rule, the votes that the declared
  procedures require, the final decision);
- :func:`reverse_planning`: the agents' tasks from the decision back to the
  cadrage, each with its owner and its agent-days.

Pure functions of the kit: no file, no MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from macros.compute.fmt import day, number
from macros.compute.promises import promises
from macros.loading.kit import Kit
from macros.loading.legal_checks import declared
from macros.model.deliverables import Appointment

__all__ = [
    "OWNER_LABELS",
    "Decision",
    "Task",
    "decider_and_date",
    "elected_decisions",
    "last_reported_day",
    "owner",
    "report_day",
    "reverse_planning",
    "version_day",
]

OWNER_LABELS = {
    "pilote": "Service pilote du projet",
    "communication": "Service communication",
    "assemblees": "Secrétariat des assemblées",
    "accueil": "Accueil de la collectivité",
}
"""Roles of the reverse planning; a client names who carries each (``parametres.responsables``)."""


def version_day(kit: Kit) -> date:
    """The date of this version of the kit: its own, else the quote's, else the mission's start."""
    client = kit.client
    if client.mission.version_date:
        return client.mission.version_date
    return client.quote.issued if client.quote else client.mission.start


def last_reported_day(kit: Kit) -> date | None:
    """The latest date of what the bilan reports: contributions, questionnaires, answers,
    commitments brought up to date (not their deadlines: those are promises)."""
    follow = kit.client.follow_up
    days = [c.day for c in kit.contributions] + [q.day for q in kit.questionnaires]
    if follow:
        days += [a.day for a in follow.answers] + [c.updated for c in follow.commitments if c.updated]
    return max(days, default=None)


def report_day(kit: Kit) -> date:
    """The date of the bilan: the one declared (``suites.date_bilan``) unless it comes before
    what the bilan reports; else the kit's version date, but never before the day after
    the last thing reported (a bilan dated « 15 février » cannot report an April meeting).
    Derived from the sources, not from the clock: the same sources print the same date."""
    last = last_reported_day(kit)
    declared = kit.client.follow_up.report_date if kit.client.follow_up else None
    if declared and (last is None or declared >= last):
        return declared
    base = version_day(kit)
    return base if last is None or base > last else last + timedelta(days=1)


def decider_and_date(kit: Kit) -> tuple[str, date | None]:
    """Who decides and when: the one decision of the promises."""
    decision = promises(kit).decision
    return decision.decider, decision.day


@dataclass(frozen=True)
class Decision:
    day: date | None
    who: str
    what: str
    basis: str
    """Where it comes from: a mission step, an article of law, the project."""
    items: tuple[str, ...] = field(default_factory=tuple)


def _step_day(kit: Kit, step_id: str, end: bool = True) -> date | None:
    entry = next((e for e in kit.client.calendar if e.step == step_id), None)
    if entry is None:
        return None
    return (entry.end or entry.start) if end else entry.start


def _detail_items(kit: Kit, detail: str | None) -> tuple[str, ...]:
    client = kit.client
    if detail == "options" and client.strategy:
        return tuple(client.strategy.options)
    if detail == "solutions" and client.strategy and client.strategy.creativity:
        return tuple(s.title for s in client.strategy.creativity.solutions)
    if detail == "propositions" and client.discovery:
        return tuple(p.title for p in client.discovery.proposals)
    return ()


def _mission_decisions(kit: Kit) -> list[Decision]:
    offer = kit.offer
    out = []
    numbers = {s.id: n for n, s in enumerate(offer.steps, start=1)}
    for d in offer.elected_decisions:
        basis = f"Étape {numbers[d.step]} de la mission"
        out.append(Decision(_step_day(kit, d.step), d.who, d.title, basis, _detail_items(kit, d.detail)))
    rule = offer.stop_rule
    if rule:
        step = offer.step(rule.before_step)
        when = _step_day(kit, rule.before_step, end=False)
        price = (
            "prix divisé par deux"
            if rule.factor == Decimal("0.5")
            else f"prix multiplié par {number(rule.factor)}"
        )
        what = f"Poursuivre la mission jusqu’à l’étape {numbers[rule.before_step]} ({step.title}), ou l’arrêter avant ({price})"
        if any(p.mandatory for p in declared(kit.client, kit.library)):
            what += " ; une procédure obligatoire est déclarée : une information seule ne la remplace pas"
        out.append(
            Decision(
                when - timedelta(days=1) if when else None,
                "Comité de pilotage",
                what,
                "Règle d’arrêt de l’offre",
            )
        )
    return out


def _votes(kit: Kit) -> list[Decision]:
    client = kit.client
    dated = {v.subject: v for v in client.project.deliberations}
    out = []
    for procedure in declared(client, kit.library):
        for obligation in (o for o in procedure.obligations if o.act == "deliberation"):
            vote = dated.get(obligation.id)
            who = (vote.body if vote and vote.body else None) or client.project.decider
            out.append(
                Decision(
                    vote.day if vote else None,
                    who,
                    obligation.short_label,
                    procedure.cite(obligation.article),
                )
            )
    return out


def elected_decisions(kit: Kit) -> list[Decision]:
    """Every decision of the élus in this mission, in date order (undated ones last)."""
    decider, when = decider_and_date(kit)
    final = Decision(when, decider, kit.client.project.decision, "Décision visée par la démarche")
    rows = [*_mission_decisions(kit), *_votes(kit), final]
    return sorted(rows, key=lambda d: (d.day is None, d.day or date.max))


# --- Reverse planning ------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    day: date | None
    title: str
    owner: str
    agent_days: Decimal


def owner(kit: Kit, role: str) -> str:
    """Who carries a role of the reverse planning: the client's word, else the generic label."""
    named = kit.client.parameters.owners if kit.client.parameters else {}
    return named.get(role) or OWNER_LABELS[role]


# Before the first public rendez-vous: (days before, role, agent-days, task).
_BEFORE_FIRST = (
    (42, "pilote", "1", "Réserver les lieux et le matériel ; demander les autorisations d’occupation"),
    (
        35,
        "communication",
        "1.5",
        "Adapter et faire valider l’invitation, l’affiche et le communiqué (modèles du livret)",
    ),
    (
        28,
        "pilote",
        "0.5",
        "Confirmer les mesures d’accessibilité annoncées (garde d’enfants, interprète, documents faciles à lire)",
    ),
    (21, "communication", "1", "Poser les affiches, envoyer l’invitation, prévenir les relais des publics"),
    (14, "communication", "0.5", "Envoyer le communiqué de presse ; mettre la page du projet en ligne"),
    (
        7,
        "pilote",
        "1",
        "Préparer les agents qui tiennent les rendez-vous (fiches du livret) ; imprimer les fiches de recueil",
    ),
)


def _meeting_days(kit: Kit, meeting: Appointment) -> Decimal:
    if meeting.technique:
        technique = next((t for t in kit.library.techniques if t.id == meeting.technique), None)
        if technique:
            return technique.agent_days
    return Decimal(1)


def _participation_tasks(kit: Kit) -> list[Task]:
    params = kit.client.parameters
    meetings = sorted(params.appointments, key=lambda m: m.day) if params else []
    if not meetings:
        return []
    first, last = meetings[0].day, max(m.last_day or m.day for m in meetings)
    tasks = [
        Task(first - timedelta(days=n), what, owner(kit, role), Decimal(d))
        for n, role, d, what in _BEFORE_FIRST
    ]
    for m in meetings:
        tasks.append(
            Task(
                m.day,
                f"Tenir le rendez-vous « {m.title} »" + (f" ({m.holder})" if m.holder else ""),
                owner(kit, "pilote"),
                _meeting_days(kit, m),
            )
        )
        tasks.append(
            Task(
                (m.last_day or m.day) + timedelta(days=2),
                f"Saisir les avis de « {m.title} » dans le tableur des contributions",
                owner(kit, "pilote"),
                Decimal("0.5"),
            )
        )
    tasks.append(
        Task(
            last + timedelta(days=7),
            "Classer les avis par thème et rédiger la synthèse",
            owner(kit, "pilote"),
            Decimal(2),
        )
    )
    report = promises(kit).report  # the one dated report of the promises
    if report:
        tasks.append(
            Task(
                report.by,
                "Publier le compte rendu et l’envoyer aux participants",
                owner(kit, "communication"),
                Decimal(1),
            )
        )
    return tasks


def _vote_tasks(kit: Kit) -> list[Task]:
    tasks = []
    for d in _votes(kit):
        session = f"séance du {day(d.day)}" if d.day else "séance à fixer"
        what = f"Préparer la délibération et l’inscrire à l’ordre du jour ({session}) : {d.what[0].lower()}{d.what[1:]} ({d.basis})"
        tasks.append(
            Task(
                d.day - timedelta(days=21) if d.day else None, what, owner(kit, "assemblees"), Decimal("0.5")
            )
        )
    return tasks


def _mission_tasks(kit: Kit) -> list[Task]:
    steps = {s.id: s for s in kit.offer.steps}
    who = f"{kit.firm.name} et {owner(kit, 'pilote')}"
    return [
        Task(e.end or e.start, f"Mission : {steps[e.step].title}", who, Decimal("0.5"))
        for e in kit.client.calendar
        if e.step in steps
    ]


def reverse_planning(kit: Kit) -> list[Task]:
    """The tasks from the decision back to the cadrage (latest first; undated at the end)."""
    decider, when = decider_and_date(kit)
    tasks = [*_mission_tasks(kit), *_participation_tasks(kit), *_vote_tasks(kit)]
    tasks.append(Task(when, f"Décision : {kit.client.project.decision}", decider, Decimal(0)))
    return sorted(tasks, key=lambda t: (t.day is None, -(t.day or date.min).toordinal()))

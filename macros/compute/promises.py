"""What the kit promises, computed once: every page, booklet and slide reads it here.

A fact printed by more than one page (the decision, who takes it and when;
what is open and what is not; the programme of public events; the feedback
to participants, when, where and in what form; the accessibility offers; the
agent-days; the budget) has one place in ``client.yml`` and one computation,
this one. Widgets format these values; they never look them up or add them up
again, so that two pages cannot tell two stories.

The commitments follow the scenario that the collectivity chose. Without a
choice, the review kit follows the proposal of :func:`followed_scenario` and
says so (``chosen`` is false); the public build never gets this far.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from macros.compute.choice import (
    followed_scenario,
    how_chosen,
    perimeter,
    scenario_agent_days,
    scenario_level,
)
from macros.model.client import Scenario
from macros.model.deliverables import Appointment, Venue
from macros.model.deliverables import Feedback as DatedFeedback

__all__ = ["Decision", "Event", "Feedback", "Promises", "promises"]


@dataclass(frozen=True)
class Decision:
    what: str
    decider: str
    day: date | None


@dataclass(frozen=True)
class Event:
    """A public event of the programme, with its place and what is offered there."""

    id: str | None
    title: str
    day: date
    hours: str | None
    venue: Venue | None
    online: bool
    description: str | None
    restitution: bool
    """It reports back to participants (a feedback of the scenario names it)."""
    access: tuple[str, ...]
    """Accessibility offers made for this event only."""
    last_day: date | None
    """Last day of an event over several days (an online questionnaire)."""
    link: str | None
    source: Appointment
    """The appointment of ``client.yml`` (for its agenda file)."""

    @property
    def step_free(self) -> bool | None:
        """Reachable in a wheelchair: ``None`` when online or without a venue."""
        return None if self.online or self.venue is None else self.venue.accessible


@dataclass(frozen=True)
class Feedback:
    """One promise of the duty to report back: what, by when, how."""

    form: str
    day: date | None
    channel: str | None
    event: Event | None


@dataclass(frozen=True)
class Promises:
    scenario: Scenario | None
    chosen: bool
    """The collectivity chose this scenario (otherwise: a proposal of the review kit)."""
    how_chosen: str
    decision: Decision
    open: tuple[str, ...]
    fixed: tuple[str, ...]
    level: str
    programme: tuple[Event, ...]
    """Participation and restitution events, by date."""
    feedback: tuple[Feedback, ...]
    """By date, undated last."""
    access: tuple[str, ...]
    """Accessibility offers valid for every event."""
    access_by_event: tuple[tuple[str, tuple[Event, ...]], ...]
    """Offers made for some events only, with those events."""
    agent_days: Decimal | None
    agent_days_by_service: tuple[tuple[str, Decimal], ...]
    scenario_agent_days: Decimal | None
    """The scenario's own count (equal to the total when a scenario is chosen: ``kit check``)."""
    budget: Decimal | None
    report: DatedFeedback | None
    """The last dated feedback (``by``, ``form``): what letters, posters and the legal frame quote."""

    @property
    def participation(self) -> tuple[Event, ...]:
        return tuple(e for e in self.programme if not e.restitution)

    @property
    def participation_span(self) -> tuple[date, date] | None:
        """First and last day people can take part (an event over several days ends on its last day)."""
        events = self.participation
        if not events:
            return None
        return min(e.day for e in events), max(e.last_day or e.day for e in events)


def _decision(kit: Any, scenario: Scenario | None) -> Decision:
    client = kit.client
    return Decision(client.project.decision, client.decider(scenario), client.decision_day(scenario))


def _events(kit: Any, scenario: Scenario | None) -> tuple[Event, ...]:
    params = kit.client.parameters
    if params is None:
        return ()
    venues = {v.id: v for v in params.venues}
    back = kit.client.restitution_ids()

    def event(a: Appointment) -> Event:
        offers = tuple(o.measure for o in params.accessibility if a.id and a.id in o.appointments)
        venue = venues.get(a.venue) if a.venue else None
        return Event(
            a.id,
            a.title,
            a.day,
            a.hours,
            venue,
            a.online,
            a.description,
            a.id in back,
            offers,
            a.last_day,
            a.link,
            a,
        )

    return tuple(sorted((event(a) for a in params.appointments), key=lambda e: e.day))


def _feedback(kit: Any, scenario: Scenario | None, events: tuple[Event, ...]) -> tuple[Feedback, ...]:
    client = kit.client
    by_id = {e.id: e for e in events if e.id}
    if scenario is not None and scenario.feedback:
        found = [
            Feedback(c.form, client.feedback_day(c), c.channel, by_id.get(c.appointment or ""))
            for c in scenario.feedback
        ]
    elif client.contract and client.contract.feedback:
        found = [Feedback(client.contract.feedback.form, client.contract.feedback.by, None, None)]
    else:
        found = []
    return tuple(sorted(found, key=lambda f: (f.day is None, f.day or date.min)))


def _access(
    kit: Any, events: tuple[Event, ...]
) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[Event, ...]], ...]]:
    params = kit.client.parameters
    offers = params.accessibility if params else []
    general = tuple(o.measure for o in offers if not o.appointments)
    by_id = {e.id: e for e in events if e.id}
    targeted = tuple(
        (o.measure, tuple(by_id[i] for i in o.appointments if i in by_id)) for o in offers if o.appointments
    )
    return general, targeted


def _means(
    kit: Any, scenario: Scenario | None
) -> tuple[Decimal | None, tuple[tuple[str, Decimal], ...], Decimal | None, Decimal | None]:
    means = kit.client.specs.means if kit.client.specs else None
    services = tuple((s.service, s.days) for s in means.agent_days) if means else ()
    own = scenario_agent_days(kit, scenario) if scenario else None
    total = sum((d for _, d in services), Decimal(0)) if services else own
    return total, services, own, means.budget if means else None


def _level(kit: Any, scenario: Scenario | None) -> str:
    contract = kit.client.contract
    if contract and contract.level:
        return contract.level
    return scenario_level(kit, scenario) if scenario else "informer"


def _compute(kit: Any) -> Promises:
    scenario = followed_scenario(kit)
    open_, fixed = perimeter(kit)
    events = _events(kit, scenario)
    general, targeted = _access(kit, events)
    total, services, own, budget = _means(kit, scenario)
    return Promises(
        scenario=scenario,
        chosen=kit.client.chosen() is not None,
        how_chosen=how_chosen(kit),
        decision=_decision(kit, scenario),
        open=tuple(open_),
        fixed=tuple(fixed),
        level=_level(kit, scenario),
        programme=events,
        feedback=_feedback(kit, scenario, events),
        access=general,
        access_by_event=targeted,
        agent_days=total,
        agent_days_by_service=services,
        scenario_agent_days=own,
        budget=budget,
        report=kit.client.report(scenario),
    )


_LAST: dict[str, object] = {}


def promises(kit: Any) -> Promises:
    """The promises of a loaded kit, computed once however many widgets ask (as the R.O.I. analysis)."""
    if _LAST.get("kit") is not kit:
        _LAST.update(kit=kit, promises=_compute(kit))
    return _LAST["promises"]  # type: ignore[return-value]

"""Agenda files (iCalendar, RFC 5545) of the public rendez-vous and of the mission.

A citizen adds one rendez-vous, or the whole programme, to the agenda of their
phone; the review kit adds the mission's calendar. Each rendez-vous gets an
event with:

- a UID that stays the same from one build to the next (its date, its title and
  the client), so that importing the file again updates the event instead of
  duplicating it;
- its times when the ``horaire`` text gives them (``de 9 h à 12 h 30``), in the
  Europe/Paris time zone (VTIMEZONE included), otherwise a whole-day event
  (over several days with ``date_fin``);
- the place, its address and its accessibility, and the link, in the
  description.

Pure functions of the model: the site plugin writes the files into the built
site (:mod:`macros.site.agenda`), the widgets link to them with
:func:`event_path` and :data:`PROGRAMME_FILE`. Texts are the client's, set as
iCalendar values (the library escapes them): nothing in them is markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from macros.loading.kit import Kit
from macros.model.deliverables import AccessOffer, Appointment, Venue

__all__ = [
    "AGENDA_FOLDER",
    "MISSION_FILE",
    "PROGRAMME_FILE",
    "appointment_files",
    "clock_times",
    "event_path",
    "mission_calendar",
    "programme_calendar",
]

AGENDA_FOLDER = "agenda"
PROGRAMME_FILE = f"{AGENDA_FOLDER}/programme.ics"
MISSION_FILE = f"{AGENDA_FOLDER}/mission.ics"
PARIS = ZoneInfo("Europe/Paris")

_PARIS_VTIMEZONE = """BEGIN:VTIMEZONE
TZID:Europe/Paris
BEGIN:DAYLIGHT
TZNAME:CEST
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
DTSTART:19810329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZNAME:CET
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
DTSTART:19961027T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
"""
"""Europe/Paris as the EU rule since 1996 (last Sundays of March and October):
six lines that every agenda reads, instead of a list of every change since 1970."""

_CLOCK = re.compile(
    r"(?<![\d,.])([01]?\d|2[0-3])\s*(?:h(?:eures?)?|:)\s*([0-5]\d)?(?![\d\wÀ-ÿ])", re.IGNORECASE
)


def clock_times(hours: str | None) -> tuple[time, time | None] | None:
    """The start and end times written in a French ``horaire``, if any.

    ``de 9 h à 12 h 30`` -> 09:00, 12:30; ``à 20 h`` -> 20:00, no end;
    ``ouvert jusqu'au 14 mai`` -> ``None`` (no time: a whole-day event).
    """
    found = [time(int(h), int(m or 0)) for h, m in _CLOCK.findall(hours or "")]
    if not found:
        return None
    end = found[1] if len(found) > 1 and found[1] > found[0] else None
    return found[0], end


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60] or "rendez-vous"


def _keys(appointments: Iterable[Appointment]) -> list[tuple[Appointment, str]]:
    """Each rendez-vous with a stable key, unique within the client."""
    seen: dict[str, int] = {}
    out = []
    for meeting in appointments:
        key = f"{meeting.day:%Y%m%d}-{_slug(meeting.title)}"
        seen[key] = seen.get(key, 0) + 1
        out.append((meeting, key if seen[key] == 1 else f"{key}-{seen[key]}"))
    return out


def event_path(appointments: list[Appointment], meeting: Appointment) -> str:
    """Site-relative path of the file of one rendez-vous (``agenda/20270417-stand-sur-le-marche.ics``)."""
    key = next(k for m, k in _keys(appointments) if m is meeting)
    return f"{AGENDA_FOLDER}/{key}.ics"


def _access(venue: Venue | None, measures: list[str]) -> list[str]:
    lines = []
    if venue is not None and venue.accessible:
        lines.append("Lieu accessible en fauteuil roulant.")
    elif venue is not None:  # said plainly, with the fallback when there is one (as on the public page)
        lines.append(
            "Ce lieu n’est pas accessible en fauteuil roulant."
            + (
                f" À la place, nous proposons\u00a0: {venue.fallback}"
                if venue.fallback
                else " Dites-nous si vous en avez besoin\u00a0: nous chercherons une solution avec vous."
            )
        )
    if measures:
        lines.append("Pour faciliter votre venue\u00a0:")
        lines += [f"- {measure}" for measure in measures]
    return lines


def _where(meeting: Appointment, venue: Venue | None) -> str | None:
    if venue is not None:
        return venue.name + (f", {venue.address}" if venue.address else "")
    return "En ligne" if meeting.online else None


def _times(event: Event, meeting: Appointment) -> None:
    clock = clock_times(meeting.hours)
    if clock is None or meeting.last_day is not None:
        event.add("dtstart", meeting.day)
        event.add("dtend", (meeting.last_day or meeting.day) + timedelta(days=1))
        return
    start, end = clock
    event.add("dtstart", datetime.combine(meeting.day, start, PARIS))
    if end is not None:
        event.add("dtend", datetime.combine(meeting.day, end, PARIS))


def _event(
    meeting: Appointment,
    key: str,
    client: str,
    venues: dict[str, Venue],
    measures: list[str],
    stamp: datetime,
) -> Event:
    venue = venues.get(meeting.venue) if meeting.venue else None
    event = Event()
    event.add("uid", f"{key}@{client}.kit-amoor")
    event.add("dtstamp", stamp)
    event.add("summary", meeting.title)
    _times(event, meeting)
    where = _where(meeting, venue)
    if where:
        event.add("location", where)
    lines = [meeting.description] if meeting.description else []
    if meeting.hours:
        lines.append(f"Horaire\u00a0: {meeting.hours}.")
    if where:
        lines.append(f"Lieu\u00a0: {where}.")
    lines += _access(venue, measures)
    if meeting.link:
        lines.append(f"En ligne\u00a0: {meeting.link}")
        event.add("url", meeting.link)
    event.add("description", "\n".join(lines))
    event.add("transp", "TRANSPARENT" if meeting.last_day else "OPAQUE")
    return event


def _calendar(name: str, events: Iterable[Event]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//A.M.O.O.R.//Kit de mission//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An x- property is not escaped by icalendar: a line break typed in a title would stop it.
    calendar.add("x-wr-calname", " ".join(name.split()))
    calendar.add("x-wr-timezone", "Europe/Paris")
    events = list(events)
    if any(isinstance(e.get("dtstart").dt, datetime) for e in events):
        calendar.add_component(Timezone.from_ical(_PARIS_VTIMEZONE.replace("\n", "\r\n")))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()


def _params(kit: Kit) -> tuple[list[Appointment], dict[str, Venue], list[AccessOffer]]:
    params = kit.client.parameters
    if params is None:
        return [], {}, []
    return list(params.appointments), {v.id: v for v in params.venues}, list(params.accessibility)


def _measures(offers: list[AccessOffer], meeting: Appointment) -> list[str]:
    """The offers for every event, and those made for this one."""
    return [o.measure for o in offers if not o.appointments or (meeting.id and meeting.id in o.appointments)]


def _name(kit: Kit, what: str) -> str:
    client = kit.client
    return f"{client.collectivity.name} — {client.project.title} — {what}"


def _events(kit: Kit, stamp: datetime) -> list[tuple[Appointment, Event]]:
    appointments, venues, offers = _params(kit)
    return [
        (m, _event(m, key, kit.slug, venues, _measures(offers, m), stamp)) for m, key in _keys(appointments)
    ]


def appointment_files(kit: Kit, stamp: datetime) -> dict[str, bytes]:
    """One file per rendez-vous, keyed by its site-relative path."""
    appointments, _, _ = _params(kit)
    return {event_path(appointments, m): _calendar(_name(kit, m.title), [e]) for m, e in _events(kit, stamp)}


def programme_calendar(kit: Kit, stamp: datetime) -> bytes | None:
    """Every rendez-vous in one file; ``None`` when none is announced yet."""
    events = [e for _, e in _events(kit, stamp)]
    return _calendar(_name(kit, "rendez-vous"), events) if events else None


def _day_event(
    uid: str, title: str, start: date, end: date | None, stamp: datetime, note: str | None = None
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", title)
    event.add("dtstart", start)
    event.add("dtend", (end or start) + timedelta(days=1))
    if note:
        event.add("description", note)
    event.add("transp", "TRANSPARENT")
    return event


def mission_calendar(kit: Kit, stamp: datetime) -> bytes | None:
    """The mission for the review kit: its steps, the R.O.I. workshop, the rendez-vous, the decision."""
    client = kit.client
    steps = {s.id: s.title for s in kit.offer.steps}
    slug = kit.slug
    events = [
        _day_event(
            f"etape-{e.step}-{e.start:%Y%m%d}@{slug}.kit-amoor",
            f"Mission\u00a0: {steps.get(e.step, e.step)}",
            e.start,
            e.end,
            stamp,
            e.note,
        )
        for e in client.calendar
    ]
    workshop = client.roi.workshop
    if workshop.day is not None:
        event = _day_event(
            f"atelier-roi-{workshop.day:%Y%m%d}@{slug}.kit-amoor",
            "Atelier R.O.I. citoyen",
            workshop.day,
            None,
            stamp,
        )
        for key in ("dtstart", "dtend", "transp"):
            del event[key]
        hour, minute = (int(part) for part in workshop.start.split(":"))
        event.add("dtstart", datetime.combine(workshop.day, time(hour, minute), PARIS))
        event.add("dtend", datetime.combine(workshop.day, time(hour, minute), PARIS) + timedelta(hours=4))
        if workshop.place:
            event.add("location", workshop.place)
        events.append(event)
    events += [e for _, e in _events(kit, stamp)]
    if client.project.decision_date:
        uid = f"decision-{client.project.decision_date:%Y%m%d}@{slug}.kit-amoor"
        events.append(
            _day_event(
                uid,
                f"Décision\u00a0: {client.project.decider}",
                client.project.decision_date,
                None,
                stamp,
                client.project.decision,
            )
        )
    return _calendar(_name(kit, "calendrier de la mission"), events) if events else None

"""Agenda files of the built sites, parsed back with icalendar (RFC 5545).

The public site links one file per dated rendez-vous and one for the whole
programme; the review kit also has the mission's calendar. Dates, times
(Europe/Paris), UIDs, places and accessibility are read back from the files the
real builds wrote.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from macros.render.calendar import clock_times

PARIS = ZoneInfo("Europe/Paris")
EXPECTED = {
    "agenda/20270417-stand-sur-le-marche.ics": (
        datetime(2027, 4, 17, 9, 0, tzinfo=PARIS),
        datetime(2027, 4, 17, 12, 30, tzinfo=PARIS),
    ),
    "agenda/20270420-stand-a-la-sortie-de-l-ecole.ics": (
        datetime(2027, 4, 20, 16, 15, tzinfo=PARIS),
        datetime(2027, 4, 20, 17, 30, tzinfo=PARIS),
    ),
    "agenda/20270421-stand-au-skatepark.ics": (
        datetime(2027, 4, 21, 14, 0, tzinfo=PARIS),
        datetime(2027, 4, 21, 17, 0, tzinfo=PARIS),
    ),
    "agenda/20270424-balade-commentee-autour-de-la-place.ics": (
        datetime(2027, 4, 24, 10, 0, tzinfo=PARIS),
        datetime(2027, 4, 24, 11, 30, tzinfo=PARIS),
    ),
    "agenda/20270417-questionnaire-en-ligne-et-sur-papier.ics": (date(2027, 4, 17), date(2027, 5, 15)),
    "agenda/20270527-reunion-de-restitution.ics": (
        datetime(2027, 5, 27, 19, 0, tzinfo=PARIS),
        datetime(2027, 5, 27, 20, 30, tzinfo=PARIS),
    ),
}


def _events(path) -> list:
    return list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))


def test_each_dated_rendez_vous_is_a_valid_event_linked_from_the_public_programme(demo_public_site):
    home = demo_public_site.html()
    for name, (start, end) in EXPECTED.items():
        assert f'href="{name}"' in home
        (event,) = _events(demo_public_site.site / name)
        assert (event["dtstart"].dt, event["dtend"].dt) == (start, end)
        assert event["uid"] == name.removeprefix("agenda/").removesuffix(".ics") + "@demo.kit-amoor"
        if isinstance(start, datetime):
            assert event["dtstart"].params["TZID"] == "Europe/Paris"
    assert "Ajouter tout le programme à mon agenda" in home and 'href="agenda/programme.ics"' in home
    market = _events(demo_public_site.site / "agenda/20270417-stand-sur-le-marche.ics")[0]
    assert str(market["location"]) == "Sous la halle du marché, Place de la Halle"
    assert "Lieu accessible en fauteuil roulant." in str(market["description"])
    survey = _events(demo_public_site.site / "agenda/20270417-questionnaire-en-ligne-et-sur-papier.ics")[0]
    assert str(survey["url"]) == "https://participer.bellerive.example/place-de-la-halle"
    assert re.search(
        r'Participer en ligne\xa0: <a href="https://participer\.bellerive\.example/place-de-la-halle">', home
    )


def test_the_programme_holds_every_rendez_vous_with_the_same_uids(demo_public_site, demo_site):
    programme = _events(demo_public_site.site / "agenda/programme.ics")
    assert sorted(str(e["uid"]) for e in programme) == sorted(
        n.removeprefix("agenda/").removesuffix(".ics") + "@demo.kit-amoor" for n in EXPECTED
    )
    calendar = Calendar.from_ical((demo_public_site.site / "agenda/programme.ics").read_bytes())
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    # Both sites give a rendez-vous the same UID: added from either, it is one event.
    review = _events(demo_site.site / "agenda/programme.ics")
    assert [(str(e["uid"]), e["dtstart"].dt) for e in review] == [
        (str(e["uid"]), e["dtstart"].dt) for e in programme
    ]


def test_the_mission_calendar_is_in_the_review_kit_only(demo_site, demo_public_site):
    assert not (demo_public_site.site / "agenda/mission.ics").exists()
    events = {str(e["summary"]): e for e in _events(demo_site.site / "agenda/mission.ics")}
    assert events["Mission\xa0: Cadrage"]["dtstart"].dt == date(2027, 1, 11)
    assert events["Mission\xa0: Cadrage"]["dtend"].dt == date(2027, 1, 23)
    assert events["Atelier R.O.I. citoyen"]["dtstart"].dt == datetime(2027, 3, 16, 14, 0, tzinfo=PARIS)
    assert events["Décision\xa0: Conseil municipal"]["dtstart"].dt == date(2027, 6, 24)
    assert 'href="../../agenda/mission.ics"' in demo_site.html("livrables/calendrier")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("de 9 h à 12 h 30", (time(9), time(12, 30))),
        ("de 19 h à 20 h 30, garde d’enfants sur place", (time(19), time(20, 30))),
        ("à 20h", (time(20), None)),
        ("14:00 - 16:30", (time(14), time(16, 30))),
        ("ouvert jusqu’au 14 mai", None),
        ("pour 2 habitants sur 3", None),
        (None, None),
    ],
)
def test_clock_times_of_a_french_schedule(text, expected):
    assert clock_times(text) == expected


def test_the_public_leak_check_reads_agenda_files_unfolded(demo_public_site):
    """Lines of an agenda file are folded at 75 octets: the check must read them whole."""
    from macros.site.audience import _read_text

    raw = (demo_public_site.site / "agenda/programme.ics").read_text(encoding="utf-8")
    name = "X-WR-CALNAME:Ville de Bellerive-sur-Loire — Réaménager la place de la Halle — rendez-vous"
    assert name not in raw
    assert name in (_read_text(demo_public_site.site / "agenda/programme.ics") or "")

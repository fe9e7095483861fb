"""The firm's catalogue, read back from the built HTML of the demo kit."""

from __future__ import annotations

import re
from html import unescape

import pytest

from macros.render.typography import french_text

NNBSP, NBSP = "\u202f", "\u00a0"

BROCHURE = {
    "concertation": ("5\u00a0000\u00a0€ HT", "8\u00a0jours", "1\u00a0atelier", "4\u00a0livrables", 5),
    "strategie": ("10\u00a0000\u00a0€ HT", "12\u00a0jours", "4\u00a0ateliers", "4\u00a0livrables", 6),
    "defricher": ("6\u00a0000\u00a0€ HT", "9\u00a0jours", "3\u00a0ateliers", "2\u00a0livrables", 6),
}

STEPS = {
    "concertation": [
        "Cadrage",
        "Travail de préparation",
        "Livrables : parties prenantes et paramètres",
        "Atelier « R.O.I. citoyen »",
        "Livrables : cahier des charges et présentation",
    ],
    "strategie": [
        "Cadrage",
        "Travail de préparation",
        "Ateliers élus, citoyens et services",
        "Analyse des ateliers",
        "Séance de créativité",
        "Livrables : cahier des charges, communication et kit R.O.I.",
    ],
    "defricher": [
        "Cadrage",
        "Recherches, observations, entretiens",
        "Livrable : pistes créatives",
        "Ateliers élus, citoyens et services",
        "Analyse des ateliers",
        "Livrables : cahier des charges et présentation",
    ],
}


def _card(html: str, offer: str) -> str:
    match = re.search(rf'<div class="kit-offer" id="offre-{offer}-fiche">(.*?)</ol>', html, re.S)
    assert match, f"fiche de l’offre {offer} absente"
    return match.group(1)


def _text(fragment: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", fragment))


@pytest.mark.parametrize("offer", BROCHURE)
def test_catalogue_shows_brochure_figures(demo_site, offer):
    card = _text(_card(demo_site.html("cabinet/offres"), offer))
    price, days, workshops, deliverables, _ = BROCHURE[offer]
    for figure in (f"à partir de {price}", f"{days} de mission", workshops, deliverables):
        assert figure in card, f"{figure!r} absent de la fiche {offer}"


@pytest.mark.parametrize("offer", STEPS)
def test_catalogue_lists_steps_in_order(demo_site, offer):
    card = _card(demo_site.html("cabinet/offres"), offer)
    titles = [
        _text(t).strip() for t in re.findall(r'<strong class="kit-offer__step-title">(.*?)</strong>', card)
    ]
    assert titles == [french_text(t) for t in STEPS[offer]]  # as the typography pass sets them
    assert len(titles) == BROCHURE[offer][4]


def test_catalogue_headings_in_offer_order(demo_site):
    html = demo_site.html("cabinet/offres")
    ids = re.findall(r'<h2 id="offre-([a-z]+)"', html)
    assert ids == ["concertation", "strategie", "defricher"]


def test_home_page_shows_client_and_calendar(demo_site):
    html = unescape(demo_site.html())
    assert "Ville de Bellerive-sur-Loire" in html
    assert "Réaménager la place de la Halle" in html
    assert "Construire une concertation pertinente" in html
    assert "30\u00a0000\u00a0habitants" in html  # a number and its unit stay on one line
    calendar = re.search(r'<table class="kit-table kit-calendar">.*?</table>', html, re.S).group(0)
    assert "du 11 au 22 janvier 2027" in calendar
    assert calendar.count("<tr>") == 6  # header + the five steps of the offer
    assert 'kit-status--en-cours">En cours' in calendar


def test_site_is_french(demo_site):
    assert '<html lang="fr"' in demo_site.html()
    assert "fr" in (demo_site.site / "search" / "search_index.json").read_text()[:400]

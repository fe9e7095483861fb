"""The quote (devis): amounts worked out by hand, French formatting as Babel writes it.

The arithmetic is tested without YAML (``macros.compute.quote``), then through the
demo kit loaded in-process with other offers and options, then in the built page.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest

from macros.compute.fmt import euros
from macros.compute.quote import compute_quote, round_cents, valid_until
from macros.loading.kit import load_kit
from macros.model.quote import ChosenOption, QuoteData
from macros.render.widgets.quote import build_quote, quote
from macros.settings import Settings

GROUP, NBSP = "\u00a0", "\u00a0"  # digit groups: a no-break space of normal width
D = Decimal
VAT = D(20)


def test_base_only():
    q = compute_quote(("Forfait", D(5000)), vat_rate=VAT)
    assert (q.total_ht, q.vat, q.total_ttc) == (D("5000.00"), D("1000.00"), D("6000.00"))
    assert len(q.lines) == 1


def test_base_plus_options():
    # 10 000 + 2 x 1 500 + 3 x 350 = 14 050 HT ; TVA 2 810 ; TTC 16 860
    q = compute_quote(
        ("Forfait", D(10000)),
        [("Formation", 2, "session", D(1500)), ("Entretiens", 3, "entretien", D(350))],
        vat_rate=VAT,
    )
    assert [line.amount for line in q.lines] == [D(10000), D(3000), D(1050)]
    assert (q.total_ht, q.vat, q.total_ttc) == (D("14050.00"), D("2810.00"), D("16860.00"))


def test_half_price_stop_reduces_the_base_only():
    # 5 000 x 0,5 = 2 500, plus the field survey 1 800 = 4 300 HT ; TVA 860 ; TTC 5 160
    q = compute_quote(
        ("Forfait", D(5000)), [("Enquête", 1, "forfait", D(1800))], vat_rate=VAT, stop_factor=D("0.5")
    )
    assert q.lines[0].amount == D("2500.00")
    assert (q.total_ht, q.vat, q.total_ttc) == (D("4300.00"), D("860.00"), D("5160.00"))
    assert q.stop_factor == D("0.5")


def test_rounding_to_the_cent_half_up():
    # 6 001,01 x 0,5 = 3 000,505 -> 3 000,51 (half-even would give 3 000,50)
    # + 333,33 = 3 333,84 HT ; TVA 666,768 -> 666,77 ; TTC 4 000,61
    q = compute_quote(
        ("Forfait", D("6001.01")), [("Option", 1, "forfait", D("333.33"))], vat_rate=VAT, stop_factor=D("0.5")
    )
    assert q.lines[0].amount == D("3000.51")
    assert (q.total_ht, q.vat, q.total_ttc) == (D("3333.84"), D("666.77"), D("4000.61"))


def test_vat_half_cent_rounds_up():
    # 0,10 x 5 % = 0,005 -> 0,01
    assert compute_quote(("x", D("0.10")), vat_rate=D(5)).vat == D("0.01")
    assert round_cents(D("2.675")) == D("2.68")
    assert round_cents(D("-0.005")) == D("-0.01")


def test_negative_price_is_refused_by_the_arithmetic_too():
    with pytest.raises(ValueError, match="prix négatif"):
        compute_quote(("Forfait", D(5000)), [("Remise", 1, "forfait", D(-100))], vat_rate=VAT)


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (D("5000.00"), f"5{GROUP}000,00{NBSP}€"),
        (D("16860.00"), f"16{GROUP}860,00{NBSP}€"),
        (D("4000.61"), f"4{GROUP}000,61{NBSP}€"),
        (D("666.77"), f"666,77{NBSP}€"),
        (D("1234567.5"), f"1{GROUP}234{GROUP}567,50{NBSP}€"),
    ],
)
def test_french_formatting(amount, text):
    assert euros(amount, cents=True) == text


def test_validity_date():
    assert valid_until(date(2027, 1, 5), 90) == date(2027, 4, 5)


# --- Through the demo kit, loaded in-process ----------------------------------------


@pytest.fixture(scope="module")
def demo_kit():
    return load_kit(Settings())


def _with(kit, **changes):
    return dataclasses.replace(kit, client=kit.client.model_copy(update=changes))


def test_demo_quote_figures(demo_kit):
    # 5 000 + 1 800 + 4 x 350 = 8 200 HT ; TVA 1 640 ; TTC 9 840
    q = build_quote(demo_kit)
    assert (q.total_ht, q.vat, q.total_ttc) == (D("8200.00"), D("1640.00"), D("9840.00"))


def test_stop_rule_from_the_offer_data(demo_kit):
    data = QuoteData(numero="T-1", date=date(2027, 1, 5), arret_avant_atelier=True)
    q = build_quote(_with(demo_kit, quote=data))
    assert (q.total_ht, q.vat, q.total_ttc) == (D("2500.00"), D("500.00"), D("3000.00"))
    assert q.lines[0].detail.endswith(
        f"arrêt de la mission avant l’étape 4 (Atelier « R.O.I. citoyen ») : forfait de 5{GROUP}000,00{NBSP}€ × 0,5"
    )


def test_strategy_offer_with_options(demo_kit):
    options = [
        ChosenOption(id="formation-posture", quantite=2, prix_unitaire=D("1500")),
        ChosenOption(id="ateliers-roi", prix_unitaire=D("1199.99")),
    ]
    data = QuoteData(numero="T-2", date=date(2027, 1, 5), options=options)
    q = build_quote(_with(demo_kit, offer="strategie", quote=data))
    # 10 000 + 3 000 + 1 199,99 = 14 199,99 HT ; TVA 2 839,998 -> 2 840,00 ; TTC 17 039,99
    assert (q.total_ht, q.vat, q.total_ttc) == (D("14199.99"), D("2840.00"), D("17039.99"))
    html = unescape(str(quote(_with(demo_kit, offer="strategie", quote=data))))
    assert f"17{GROUP}039,99{NBSP}€" in html
    assert "12\u00a0jours de mission, 4\u00a0ateliers, 4\u00a0livrables" in html


def test_quote_not_written_yet(demo_kit):
    html = unescape(str(quote(_with(demo_kit, quote=None))))
    assert "pas encore établi" in html
    assert f"5{GROUP}000,00{NBSP}€ HT" in html


def _cells(html: str, css: str) -> str:
    row = re.search(rf'<tr class="kit-quote__total kit-quote__total--{css}">(.*?)</tr>', html, re.S)
    assert row, css
    return unescape(re.sub(r"<[^>]+>", "|", row.group(1)))


def test_built_quote_page(demo_site):
    html = demo_site.html("livrables/devis")
    assert "DEV-2027-003" in html
    assert f"8{GROUP}200,00{NBSP}€" in _cells(html, "ht")
    assert f"1{GROUP}640,00{NBSP}€" in _cells(html, "tva")
    assert f"TVA (20{NBSP}%)" in _cells(html, "tva")
    assert f"9{GROUP}840,00{NBSP}€" in _cells(html, "ttc")
    text = unescape(html)
    assert "Valable jusqu’au" in text and "5 avril 2027" in text
    assert "la mission s’arrête avant l’atelier et son prix est divisé par deux" in text

"""The firm's own data (identity, offers, library) is validated like a client's."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest
from conftest import ROOT

from macros.errors import KitError
from macros.loading.kit import load_kit
from macros.settings import Settings


@pytest.fixture
def kits_copy(tmp_path):
    target = tmp_path / "kits"
    shutil.copytree(ROOT / "kits", target, ignore=shutil.ignore_patterns("clients"))
    shutil.copytree(ROOT / "kits" / "clients" / "demo", target / "clients" / "demo")
    return target


def _problems(kits):
    with pytest.raises(KitError) as info:
        load_kit(Settings(kits_dir=kits, clients_dir=kits / "clients"))
    return [f"{p.line}: {p.message}" for p in info.value.problems]


def test_offers_carry_the_brochure_facts():
    kit = load_kit(Settings())
    facts = {o.id: (o.price_from, o.days, o.workshops, len(o.deliverables)) for o in kit.offers}
    assert facts == {
        "concertation": (Decimal(5000), 8, 1, 4),
        "strategie": (Decimal(10000), 12, 4, 4),
        "defricher": (Decimal(6000), 9, 3, 2),
    }
    concertation = kit.offers[0]
    assert concertation.stop_rule.factor == Decimal("0.5")
    assert concertation.stop_rule.before_step == "atelier-roi"
    assert kit.firm.vat_rate == 20


def test_price_written_as_text_in_an_offer(kits_copy):
    offer = kits_copy / "offres" / "defricher.yml"
    offer.write_text(offer.read_text().replace("prix_a_partir_de: 6000", "prix_a_partir_de: six mille euros"))
    assert _problems(kits_copy) == [
        "10: montant ou nombre attendu (ex. 1500 ou 1500.50), reçu le texte « six mille euros »"
    ]


def test_workshops_must_add_up(kits_copy):
    offer = kits_copy / "offres" / "strategie.yml"
    offer.write_text(offer.read_text().replace("ateliers: 4", "ateliers: 5", 1))
    assert _problems(kits_copy) == ["1: les étapes prévoient 4 ateliers mais l’offre en annonce 5"]


def test_offer_file_name_is_its_id(kits_copy):
    (kits_copy / "offres" / "defricher.yml").rename(kits_copy / "offres" / "explorer.yml")
    assert _problems(kits_copy) == [
        "1: l’identifiant doit être le nom du fichier « explorer », reçu « defricher »"
    ]


def test_firm_colour_format(kits_copy):
    firm = kits_copy / "cabinet.yml"
    firm.write_text(firm.read_text().replace('primaire: "#1d4e6f"', "primaire: bleu"))
    assert _problems(kits_copy) == [
        "25: couleur attendue au format #RRVVBB (ex. #1f4e79), reçu le texte « bleu »"
    ]


def test_library_reference_names_file_and_line(kits_copy):
    publics = kits_copy / "bibliotheque" / "publics.yml"
    text = publics.read_text()
    assert "temps:" in text
    publics.write_text(text.replace("temps:", "tempss:", 1))
    problems = _problems(kits_copy)
    assert len(problems) == 1
    line = next(i for i, row in enumerate(publics.read_text().splitlines(), 1) if "tempss" in row)
    assert problems[0].startswith(f"{line}: critère inconnu « tempss » (connus : ")


def test_worksheet_flag_must_be_yes_or_no(tmp_path):
    from macros.site.pages import read_page_info

    page = tmp_path / "fiche.md"
    page.write_text(
        "---\ntitle: Fiche\nlivrets: [agents]\nfeuille_a3: peut-être\n---\n# Fiche\n", encoding="utf-8"
    )
    with pytest.raises(KitError) as info:
        read_page_info(page, "roi/fiche.md")
    assert [(p.line, p.message) for p in info.value.problems] == [
        (4, "oui ou non attendu (true / false), reçu le texte « peut-être »")
    ]
    page.write_text("---\ntitle: Fiche\nfeuille_a3: true\n---\n# Fiche\n", encoding="utf-8")
    assert read_page_info(page, "roi/fiche.md").worksheet is True

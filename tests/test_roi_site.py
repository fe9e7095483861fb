"""The R.O.I. citoyen outputs, read back from the built HTML of real kits."""

from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, mkdocs_build


def _text(fragment: str) -> str:
    """Visible text, with the typography pass's apostrophes and spaces read as plain ones."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", fragment))).replace("’", "'").strip()


def _svgs(html: str) -> list[str]:
    """Our charts only (Material's icons are SVG too)."""
    return re.findall(r'<svg\b[^>]*class="kit-roi-svg".*?</svg>', html, re.S)


def test_results_page_shows_ranking_heatmap_bars_gates_and_levers(demo_site):
    html = demo_site.html("roi/resultats")
    text = _text(html)
    ranking = re.search(r'<table class="kit-table kit-roi-ranking">.*?</table>', html, re.S).group(0)
    rows = [_text(r) for r in re.findall(r"<tr class=\"kit-roi-ranking__row.*?</tr>", ranking, re.S)]
    assert [r.split(" ")[0] for r in rows] == ["1", "2", "3"]
    assert rows[0].startswith("1 Aller vers les habitants Commerçants : 65 64 67 64/66")
    assert rows[1].startswith("2 Parcours mixte Commerçants : 52 64 60 63/66")
    assert (
        "Grille notée à 97 % : 192 cases sur 198 ; 6 cases restent « non notées » et ne comptent pas" in text
    )
    # The worst-public rule against the average, said in words.
    assert (
        "À la seule moyenne, « Parcours mixte » ferait jeu égal (64 de moyenne chacun)" in text
    )  # never « 64 contre 64 »
    # Gates with their reasons; levers with the best first.
    assert "19 jours-agent sur 22 déclarés (86 %) : au-delà de 80 %, peu de marge" in text
    assert "juste au-dessus" in text  # « Parcours mixte » : 52 for a threshold of 50
    # The council, not the ranking, decides: the contract follows its choice.
    assert (
        "Le classement place « Aller vers les habitants » en tête, mais la collectivité a retenu "
        "« Parcours mixte » : c'est ce choix que reprend"
    ) in text
    link = re.search(r'<p class="kit-roi-contract">.*?href="\.\./\.\./([^"]+)"', html).group(1)
    assert (demo_site.site / link / "index.html").is_file()
    levers = re.search(r"Leviers du scénario «\s*Aller vers les habitants\s*».*?</table>", html, re.S).group(
        0
    )
    # Each lever's effect on the public it helps, then (apart) on the worst-served; whole points.
    first, *others = [_text(r) for r in re.findall(r"<tr class=\"kit-roi-levers__row.*?</tr>", levers, re.S)]
    assert first.startswith(
        "Passage en boutique le lundi, jour de fermeture du marché Commerçants : 65 → 72 (+7) "
        "Commerçants (65) → Parents qui travaillent (67)"
    )
    assert "Jeunes de 15 à 25 ans : 53 → 59 (+6)" in others[0] and "inchangé : Commerçants (65)" in others[0]
    assert "aucun effet" not in _text(levers)


@pytest.mark.parametrize("page", ["roi/resultats"])
def test_charts_are_accessible_inline_svg_with_a_table_alternative(demo_site, page):
    html = demo_site.html(page)
    svgs = _svgs(html)
    assert len(svgs) == 2
    for svg in svgs:
        assert 'role="img"' in svg
        title = re.search(r'<title id="([^"]+)">([^<]+)</title>', svg)
        desc = re.search(r'<desc id="([^"]+)">([^<]+)</desc>', svg)
        assert title and desc
        assert f'aria-labelledby="{title.group(1)} {desc.group(1)}"' in svg
        assert "<text" in svg and "<image" not in svg and "<script" not in svg
    figures = re.findall(r'<div class="kit-roi-figure .*?</details>', html, re.S)
    assert len(figures) == 2
    for figure in figures:
        assert figure.count("<svg") == 1 and "<figcaption>" in figure
        table = re.search(r"<table.*?</table>", figure, re.S).group(0)
        assert "<caption>" in table and 'scope="col"' in table and 'scope="row"' in table


def test_heatmap_prints_values_and_says_not_scored(demo_site):
    html = demo_site.html("roi/resultats")
    svg = _svgs(html)[0]
    values = re.findall(r'font-size="20" font-weight="700">(\d+)</text>', svg)
    assert values == ["65", "67", "71", "53", "52", "69", "60", "74", "39", "38", "42", "40"]
    assert "13 sur 15 critères" in svg  # a partly scored cell says so
    table = _text(
        re.search(r'<table class="kit-table kit-roi-heatmap__table">.*?</table>', html, re.S).group(0)
    )
    assert "53 (13 sur 15 critères notés)" in table


def test_every_score_and_reason_is_shown_and_blanks_say_so(demo_site):
    html = demo_site.html("roi/resultats")
    assert html.count('class="kit-roi-scores__blank"') == 6  # the grid's 6 unscored cells
    text = _text(html)
    assert "Notes du scénario « Aller vers les habitants »" in text
    assert "3 Leur connaissance des flux de clients est recherchée" in text


def test_method_page_works_the_formula_on_the_clients_data(demo_site):
    text = _text(demo_site.html("roi/methode"))
    assert "Personnes âgées oui prérequis numériques × 1,6, déplacement × 1,5" in text
    assert "Exemple : « Aller vers les habitants » vu par le public « Commerçants »" in text
    # Whole numbers: no false precision.
    assert "R.O.I. = (100 + gain − coût) ÷ 2, soit en arrondi (100 + 53 − 24) ÷ 2 = 65" in text
    assert "Une case non notée n'est jamais un zéro" in text


def test_worksheets_are_blank_per_public_and_have_a_spare_a3_version(demo_site):
    html = demo_site.html("roi/fiche-atelier")
    sheets = re.findall(r'<section [^>]*class="kit-worksheet[" ].*?</section>', html, re.S)
    assert len(sheets) == 4 + 1 + 1  # one per public, the blank one, the criteria cards
    first = _text(sheets[0])
    assert "Dans la peau de : Commerçants" in first and "atelier R.O.I. citoyen du 16/03/2027" in first
    # blank by default: the scores already entered would anchor the room (pre-filled on request)
    assert "kit-strip__box--on" not in sheets[0] and "Le samedi est leur plus grosse journée" not in first
    assert "non noté" in first
    assert "Passage en boutique le lundi, jour de fermeture du marché" in first  # what would make them come
    blank = sheets[4]
    assert "kit-strip__box--on" not in blank and "non noté" in _text(blank)
    css = (demo_site.site / "assets" / "kit" / "roi.css").read_text(encoding="utf-8")
    assert "@page kit-a3 { size: A3 landscape;" in css and "page: kit-a3" in css


def test_roi_pages_stay_off_the_public_site(demo_public_site):
    assert not (demo_public_site.site / "roi").exists()
    index = (demo_public_site.site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "R.O.I. citoyen" not in index


@pytest.fixture(scope="module")
def strategy_site(tmp_path_factory):
    """The demo's data under the « stratégie » offer, whose deliverable is the usage kit."""
    folder = tmp_path_factory.mktemp("clients")
    data = yaml.safe_load((ROOT / "kits" / "clients" / "demo" / "client.yml").read_text(encoding="utf-8"))
    data["offre"] = "strategie"
    data.pop("calendrier", None)
    for key in ("devis",):  # offer-specific sections of other deliverables
        data.pop(key, None)
    shutil.copytree(
        ROOT / "kits" / "clients" / "demo", folder / "ville"
    )  # its contributions, cited by the follow-up
    (folder / "ville" / "client.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    for stored in ("contributions.csv", "questionnaire.csv"):  # the follow-up quotes these
        shutil.copy(ROOT / "kits" / "clients" / "demo" / stored, folder / "ville" / stored)
    build = mkdocs_build(tmp_path_factory.mktemp("strategie") / "site", client="ville", clients_dir=folder)
    assert build.returncode == 0, build.stderr
    return build


def test_usage_kit_is_personalised_for_the_client(strategy_site):
    text = _text(strategy_site.html("roi/kit-utilisation"))
    assert (
        "préparé pour la Ville de Bellerive-sur-Loire et le projet « Réaménager la place de la Halle »"
        in text
    )
    assert "Quand : mardi 16 mars 2027." in text
    assert "Où : Salle du conseil, hôtel de ville , à partir de 14 h." in text
    assert "14 h – 14 h 10 Accueil et règles du jeu" in text
    # 180 scores do not fit one room in 3 h 30: two tables take the publics in parallel
    assert "4 publics × 15 critères × 3 scénarios = 180 notes citoyennes" in text
    assert "Table 1 : Commerçants ; table 2 : Parents qui travaillent" in text
    assert "Table 1 : Personnes âgées ; table 2 : Jeunes de 15 à 25 ans" in text
    assert "Pause" in text and "personne ne saisit rien pendant la pause" in text
    assert (
        "Synthèse de ce que nous avons entendu, affichée sur la place, au marché et en mairie, au plus tard le 15 mai 2027"
        in text
    )
    assert (
        "Réunion publique de restitution avec les élus, avant la décision, au plus tard le 27 mai 2027"
        in text
    )
    # Criteria cards: every level of every criterion, written out.
    assert (
        "Temps demandé Combien de temps faut-il donner pour participer ? 0 Moins d'un quart d'heure, quand on veut."
        in text
    )
    assert "Suggestion de notes (non comptée)" in text


def test_usage_kit_only_for_the_offer_that_promises_it(demo_site):
    assert not (Path(demo_site.site) / "roi" / "kit-utilisation").exists()
    assert (Path(demo_site.site) / "roi" / "resultats" / "index.html").exists()

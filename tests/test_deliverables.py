"""Every deliverable of each offer, and nothing internal on the public site.

The demo client is built once per offer from a copy whose ``offre`` changes;
the set of deliverable pages built is compared with the offer data.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, mkdocs_build

from macros.compute.choice import chosen_scenario
from macros.errors import KitError
from macros.loading.kit import load_kit
from macros.outputs.pdf import build_handbooks
from macros.render.typography import french_text
from macros.render.widgets import stakeholders
from macros.settings import Settings
from macros.site.pages import read_page_info

DOCS = ROOT / "docs"
DEMO = ROOT / "kits" / "clients" / "demo"
OFFERS = {o.stem: yaml.safe_load(o.read_text(encoding="utf-8")) for o in (ROOT / "kits" / "offres").glob("*.yml")}


def _component_pages() -> dict[str, str]:
    """Source path -> component, for every page of docs/ that belongs to a deliverable."""
    pages = {}
    for path in sorted(DOCS.rglob("*.md")):
        uri = path.relative_to(DOCS).as_posix()
        info = read_page_info(path, uri)
        if info.component:
            pages[uri] = info.component
    return pages


def _built(site: Path, uri: str) -> bool:
    return (site / uri.removesuffix(".md") / "index.html").is_file()


def _demo_copy_for(offer: str, folder: Path) -> Path:
    """The demo client, switched to another offer: its calendar follows the offer's steps
    (step ids belong to an offer) and its quote keeps only that offer's options."""
    target = folder / "demo"
    shutil.copytree(DEMO, target)
    data = yaml.safe_load((target / "client.yml").read_text(encoding="utf-8"))
    spec = OFFERS[offer]
    start = data["mission"]["debut"]
    statuses = ["fait", "en-cours"] + ["prevu"] * len(spec["etapes"])
    data["offre"] = offer
    data["calendrier"] = [
        {"etape": step["id"], "debut": start + timedelta(weeks=3 * i), "fin": start + timedelta(weeks=3 * i + 2), "statut": statuses[i]}
        for i, step in enumerate(spec["etapes"])
    ]
    data["roi"]["atelier"].pop("date", None)  # the calendar now dates the workshop: one date only
    known = {o["id"] for o in spec.get("options", [])}
    data["devis"]["options"] = [o for o in data["devis"]["options"] if o["id"] in known]
    (target / "client.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


CLIENTS: dict[str, Path] = {}
"""Offer -> the clients folder of its build (the PDF tests print from it)."""


@pytest.fixture(scope="module", params=sorted(OFFERS))
def offer_build(request, tmp_path_factory):
    offer = request.param
    clients = _demo_copy_for(offer, tmp_path_factory.mktemp(f"clients-{offer}"))
    build = mkdocs_build(tmp_path_factory.mktemp(f"site-{offer}") / "site", clients_dir=clients)
    assert build.returncode == 0, build.stderr
    CLIENTS[offer] = clients
    return offer, build


def test_each_offer_builds_exactly_its_deliverables(offer_build):
    offer, build = offer_build
    components = {c for d in OFFERS[offer]["livrables"] for c in d["composants"]}
    pages = _component_pages()
    for uri, component in pages.items():
        assert _built(build.site, uri) == (component in components), f"{offer} : {uri} ({component})"
    # Every component of the offer that has a page of ours is there.
    mine = set(pages.values())
    assert components & mine == {c for uri, c in pages.items() if _built(build.site, uri)}


def test_deliverables_index_lists_the_offer_deliverables(offer_build):
    offer, build = offer_build
    html = build.html("livrables")
    titles = [unescape(re.sub(r"<[^>]+>", "", t)).strip() for t in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]
    expected = [french_text(f"{i}. {d['titre']}") for i, d in enumerate(OFFERS[offer]["livrables"], start=1)]
    assert [t.rstrip("¶").strip() for t in titles[: len(expected)]] == expected
    assert len(expected) == {"concertation": 4, "strategie": 4, "defricher": 2}[offer]


def test_offer_specific_content(offer_build):
    offer, build = offer_build
    if offer == "strategie":
        html = unescape(build.html("livrables/ateliers-strategie"))
        for text in ("Atelier élus", "Atelier citoyens", "Atelier services", "Équité d'accès", "− Défavorable", "Le « stand-minute »"):
            assert french_text(text) in html
    elif offer == "defricher":
        assert "La place en 1950" in unescape(build.html("livrables/recherche"))
        assert french_text("Hors de l'enveloppe du projet.") in unescape(build.html("livrables/pistes-creatives"))
        html = unescape(build.html("livrables/ateliers-defricher"))
        assert "Un samedi de 2030" in html and "Vérifier les réseaux enterrés avant de planter." in html
        assert french_text("Une place ombragée, avec de l'eau") in unescape(build.html("livrables/presentation"))
    else:
        assert "Sous la halle du marché" in unescape(build.html("livrables/parametres"))


def test_elus_booklet_follows_the_offer(offer_build, tmp_path):
    """The élus of a stratégie see the options to decide; those of a défricher the leads and proposals."""
    offer, build = offer_build
    if offer == "concertation":  # its booklets are the demo's, read in tests/test_handbooks.py
        sheets = build.html("demarche/fiches-rendez-vous").count('<section class="kit-sheet"')
        assert sheets == len(yaml.safe_load((DEMO / "client.yml").read_text(encoding="utf-8"))["parametres"]["rendez_vous"])
        return
    built = build_handbooks(build.site, tmp_path, settings=Settings(clients_dir=CLIENTS[offer]), handbooks=("elus",), worksheet=False)
    out = subprocess.run(["pdftotext", "-layout", str(built[0].path), "-"], capture_output=True, text=True, check=True).stdout
    pages = [" ".join(p.split()).replace("\u2019", "'") for p in out.split("\f")][:-1]  # words as typed
    text = " ".join(pages)
    assert len(pages) <= 14 and "Les décisions qui vous reviennent" in pages[2] + pages[3]
    assert "Les rendez-vous publics" in text if offer == "strategie" else "Les rendez-vous publics" not in text
    if offer == "strategie":
        for words in ("Les options à trancher", "Trancher les options ouvertes", "Deux démarches par an au plus", "Le « stand-minute »"):
            assert words in text, words
        usage = unescape(build.html("roi/kit-utilisation"))
        assert "client.yml" not in usage and "notes citoyennes" in usage and "--import grille.xlsx" in usage
    else:
        for words in ("Les propositions de travail", "Une place ombragée, avec de l'eau", "Pistes créatives", "scénarios fictifs"):
            assert words in text, words
        assert "classement « R.O.I. citoyen »" not in text  # no R.O.I. workshop in this offer


# --- Charts: inline SVG with a title, a description and a table -----------------------


def _svg(html: str, css: str) -> str:
    match = re.search(rf'<svg [^>]*class="{css}"[^>]*>.*?</svg>', html, re.S)
    assert match, f"SVG {css} absent"
    return match.group(0)


def _assert_accessible_svg(svg: str) -> None:
    head = svg[: svg.index(">")]
    assert 'role="img"' in head
    ids = re.search(r'aria-labelledby="([^"]+)"', head).group(1).split()
    for ident, element in zip(ids, ("title", "desc"), strict=True):
        assert re.search(rf'<{element} id="{ident}">[^<]+</{element}>', svg)
    assert "<text" in svg and "<image" not in svg


def test_stakeholder_map_is_svg_with_table(demo_site):
    html = demo_site.html("livrables/cartographie")
    svg = _svg(html, "kit-grid__svg")
    _assert_accessible_svg(svg)
    for quadrant in ("Gérer de près", "Satisfaire", "Tenir informé", "Surveiller"):
        assert quadrant in svg
    table = re.search(r'<table class="kit-table kit-stakeholders">.*?</table>', html, re.S).group(0)
    assert "<caption>" in table and 'scope="col"' in table and 'scope="row"' in table
    names = [unescape(n) for n in re.findall(r'<th scope="row">(.*?)</th>', table)]
    # Sorted by quadrant: manage closely first, monitor last.
    assert names[0] == french_text("Maire et adjoint à l'urbanisme")
    assert names[-2:] == ["Quotidien régional, édition locale", "Maison des jeunes"]
    assert "Relais par public visé" in html


def test_timeline_is_svg_with_table(demo_site):
    html = demo_site.html("livrables/calendrier")
    svg = _svg(html, "kit-timeline__svg")
    _assert_accessible_svg(svg)
    assert french_text("Décision : 24 juin 2027") in unescape(svg)
    for status in ("Fait", "En cours", "Prévu"):
        assert f">{status}</text>" in svg
    assert '<table class="kit-table kit-calendar">' in html


# --- Personal data and internal figures ---------------------------------------------

CONTACT_EMAIL = "union@commercants.example"


def _all_text_files(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8")
        for p in site.rglob("*")
        if p.is_file() and p.suffix in {".html", ".json", ".xml", ".txt"}
    }


def test_stakeholder_contacts_only_on_the_agents_page(demo_site):
    holders = [p for p, text in _all_text_files(demo_site.site).items() if CONTACT_EMAIL in text]
    assert holders == ["livrables/contacts/index.html"]


def test_contacts_widget_refuses_any_other_page():
    kit = load_kit(Settings())
    for audience in (["elus", "agents"], ["public"], [], None):
        with pytest.raises(KitError, match="audience: \\[agents\\]"):
            stakeholders.contacts_table(kit, audience)
    assert CONTACT_EMAIL in str(stakeholders.contacts_table(kit, ["agents"]))


def test_public_site_holds_nothing_internal(demo_public_site):
    files = _all_text_files(demo_public_site.site)
    forbidden = [
        CONTACT_EMAIL, "Présidence de l'union", "DEV-2027-003", "840,00", "Total TTC", "kit-quote",
        "kit-grid", "kit-stakeholders", "Collectif des riverains", "kit-roi", "jours d'agent", "Notes de cadrage",
    ]
    forbidden += [french_text(word) for word in forbidden]  # as built pages would set them
    for path, text in files.items():
        for word in forbidden:
            assert word not in text, f"« {word} » dans {path}"
    pages = sorted(p for p in files if p.endswith("index.html"))
    assert pages == [
        "index.html",
        "public/accessibilite/index.html",
        "public/ce-que-nous-en-faisons/index.html",
        "public/contact/index.html",
        "public/contrat/index.html",
        "public/declaration-accessibilite/index.html",
        "public/donnees-personnelles/index.html",
        "public/mentions-legales/index.html",
    ]


def test_public_site_says_what_how_when_and_whom_to_ask(demo_public_site):
    home = unescape(demo_public_site.html())
    for text in ("Pourquoi votre avis compte", "Comment et quand participer", "Samedi 17 avril 2027", "au plus tard le 8 juillet 2027"):
        assert text in home
    contract = unescape(demo_public_site.html("public/contrat"))
    for text in ("Qui décide, et quand", "Le maintien du marché du samedi", "On critique les idées, pas les personnes."):
        assert text in contract
    assert "concertation-halle@bellerive.example" in unescape(demo_public_site.html("public/contact"))
    assert french_text("garde d'enfants") in unescape(demo_public_site.html("public/accessibilite"))


def test_cahier_des_charges_follows_the_outline(demo_site):
    html = unescape(demo_site.html("livrables/cahier-des-charges"))
    headings = [re.sub(r"<[^>]+>|¶", "", h).strip() for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]
    assert headings[0] == french_text("1. Contexte et maître d'ouvrage") and len(headings) == 16
    assert french_text("Scénario :") in html
    assert "à compléter" not in html, "la démo doit remplir tout le cahier des charges"


# --- The scenario the deliverables follow -------------------------------------------


def test_chosen_scenario_named_by_the_consultant_wins():
    kit = load_kit(Settings())
    chosen = dataclasses.replace(kit, client=kit.client.model_copy(update={"chosen_scenario": "classique"}))
    assert chosen_scenario(chosen).id == "classique"
    none = dataclasses.replace(kit, client=kit.client.model_copy(update={"scenarios": []}))
    assert chosen_scenario(none) is None


def test_every_widget_copes_with_a_bare_client():
    """A client with none of the optional sections: plain French, no crash."""
    from macros.render.widgets import contract, deliverables, legal_pages, specs

    kit = load_kit(Settings())
    bare = kit.client.model_copy(update={
        "calendar": [], "stakeholders": [], "scenarios": [], "publics": [], "parameters": None, "contract": None,
        "public_site": None, "specs": None, "quote": None, "strategy": None, "discovery": None,
        "project": kit.client.project.model_copy(update={"decision_date": None}),
    })
    bare_kit = dataclasses.replace(kit, client=bare)

    class Env:
        page = type("Page", (), {"meta": {"audience": ["agents"]}})()

    table = deliverables.deliverable_macros(bare_kit, Env())
    for name, func in table.items():
        if name == "date_longue":
            continue
        parts = {"contrat": contract.PARTS, "cahier_des_charges": specs.SPEC_PARTS, "pages_legales": legal_pages.LEGAL_PARTS}.get(name)
        outputs = [func(p) for p in parts] if parts else [func()]
        for html in outputs:
            assert "Traceback" not in str(html) and str(html).strip(), name
    assert "pas encore" in str(table["devis"]())
    assert "aucune date" in str(table["frise_mission"]())

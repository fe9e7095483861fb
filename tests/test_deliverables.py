"""Every deliverable of each offer, and nothing internal on the public site.

The demo client is built once per offer from a copy whose ``offre`` changes;
the set of deliverable pages built is compared with the offer data.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from datetime import date, timedelta
from html import unescape
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, mkdocs_build
from rich.console import Console

from macros.commands.new import new_client
from macros.compute.choice import chosen_scenario
from macros.compute.roi import analyse
from macros.compute.roi.summary import print_summary
from macros.errors import KitError
from macros.loading.kit import load_kit
from macros.loading.placeholders import PLACEHOLDER
from macros.model.quote import ChosenOption
from macros.outputs.pdf import build_handbooks
from macros.outputs.pdf.sources import find_pages
from macros.render.typography import french_text
from macros.render.widgets import kit_contents, specs, stakeholders
from macros.settings import Settings
from macros.site.pages import PageInfo, component_ranks, in_offer_order, read_page_info

DOCS = ROOT / "docs"
DEMO = ROOT / "kits" / "clients" / "demo"
DATA = ROOT / "tests" / "data"
OFFERS = {
    o.stem: yaml.safe_load(o.read_text(encoding="utf-8")) for o in (ROOT / "kits" / "offres").glob("*.yml")
}


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
    (step ids belong to an offer), its quote keeps only that offer's options, and the
    section of that offer's own workshops is added (``tests/data/demo-<offre>.yml``)."""
    target = folder / "demo"
    shutil.copytree(DEMO, target)
    data = yaml.safe_load((target / "client.yml").read_text(encoding="utf-8"))
    spec = OFFERS[offer]
    start = data["mission"]["debut"]
    statuses = ["fait", "en-cours"] + ["prevu"] * len(spec["etapes"])
    data["offre"] = offer
    data["calendrier"] = [
        {
            "etape": step["id"],
            "debut": start + timedelta(weeks=3 * i),
            "fin": start + timedelta(weeks=3 * i + 2),
            "statut": statuses[i],
        }
        for i, step in enumerate(spec["etapes"])
    ]
    data["roi"]["atelier"].pop("date", None)  # the calendar now dates the workshop: one date only
    known = {o["id"] for o in spec.get("options", [])}
    data["devis"]["options"] = [o for o in data["devis"]["options"] if o["id"] in known]
    extra = DATA / f"demo-{offer}.yml"
    if extra.is_file():
        data.update(yaml.safe_load(extra.read_text(encoding="utf-8")))
    (target / "client.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
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
    kit = load_kit(Settings(clients_dir=clients))
    return offer, build, kit


def test_each_offer_builds_exactly_its_deliverables(offer_build):
    offer, build, kit = offer_build
    components = {c for d in OFFERS[offer]["livrables"] for c in d["composants"]}
    assert kit.components >= components
    pages = _component_pages()
    for uri, component in pages.items():
        assert _built(build.site, uri) == (component in kit.components), f"{offer} : {uri} ({component})"
    # Every component of the offer that has a page of ours is there.
    mine = set(pages.values())
    assert kit.components & mine == {c for uri, c in pages.items() if _built(build.site, uri)}


def _sections(html: str) -> dict[str, str]:
    """Heading text of each <h2> of the article -> the HTML up to the next one."""
    article = html[html.index("<article") : html.index("</article>")]
    parts = re.split(r"<h2[^>]*>(.*?)</h2>", article)
    return {
        unescape(re.sub(r"<[^>]+>", "", parts[i])).replace("¶", "").strip(): parts[i + 1]
        for i in range(1, len(parts) - 1, 2)
    }


def test_deliverables_page_links_every_page_of_every_deliverable(offer_build):
    offer, build, kit = offer_build
    sections = _sections(build.html("livrables"))
    entries = kit_contents.kit_deliverables(kit)
    titles = [
        french_text(f"{i}. {'Option : ' if e.option else ''}{e.title}")
        for i, e in enumerate(entries, start=1)
    ]
    assert list(sections)[: len(titles)] == titles
    assert len(kit.offer.deliverables) == {"concertation": 4, "strategie": 4, "defricher": 2}[offer]
    pages = _component_pages()
    for entry, title in zip(entries, titles, strict=True):
        links = re.findall(r'<a href="([^"#]+)"', sections[title])
        assert links, f"{offer} : « {title} » ne renvoie à aucune page"
        targets = set()
        for link in links:
            target = (build.site / "livrables" / link / "index.html").resolve()
            assert target.is_file(), f"{offer} : lien mort {link} sous « {title} »"
            targets.add(target)
        expected = {
            (build.site / uri.removesuffix(".md") / "index.html").resolve()
            for uri, c in pages.items()
            if c in entry.components
        }
        assert targets == expected, f"{offer} : « {title} »"


def _nav_pages(build) -> list[str]:
    """The pages of the primary navigation, in order, as source paths."""
    html = build.html("cabinet/offres")  # a page that links every other one from its navigation
    nav = html[html.index("md-nav--primary") :]
    nav = nav[: nav.index("md-sidebar--secondary")]  # the table of contents of the page follows
    found = []
    for href in re.findall(r'<a href="([^"#]*)" class="md-nav__link', nav):
        uri = (
            (build.site / "cabinet" / "offres" / href).resolve().relative_to(build.site.resolve()).as_posix()
        )
        found.append(uri)
    return list(dict.fromkeys(found))


def test_navigation_follows_the_mission(offer_build):
    """Deliverable pages come in the order in which the offer's steps produce them."""
    offer, build, kit = offer_build
    produced = [d for step in OFFERS[offer]["etapes"] for d in step.get("livrables", [])]
    produced += [d["id"] for d in OFFERS[offer]["livrables"] if d["id"] not in produced]
    rank = {c: produced.index(d["id"]) for d in OFFERS[offer]["livrables"] for c in d["composants"]}
    pages = {uri.removesuffix(".md"): c for uri, c in _component_pages().items()}
    livrables = [pages[p] for p in _nav_pages(build) if p.startswith("livrables/") and p in pages]
    assert livrables and [rank[c] for c in livrables] == sorted(rank[c] for c in livrables), (
        f"{offer} : {livrables}"
    )


def _text(html: str) -> str:
    """Visible text of a page's article, with typographic spaces and apostrophes made plain."""
    article = html[html.index("<article") : html.index("</article>")] if "<article" in html else html
    text = unescape(re.sub(r"<[^>]+>", " ", article))
    return re.sub(r"\s+", " ", text.replace("’", "'").replace(" ", " ").replace(" ", " "))


def _client_strings(kit) -> list[str]:
    """Every text of the client's file and of the legal procedures it may declare: what a
    page prints of them is the client's or the law's wording (a « concertation préalable »
    of the urban-planning code is not the firm's concertation offer), not the kit's.
    Lowercase, and cut at each « ; » as the legal frame quotes them."""
    found: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            text = re.sub(r"\s+", " ", value.replace("’", "'")).strip().lower()
            found.extend(part for part in re.split(r"\s*;\s*", text) if part)

    walk(kit.client_doc.data)
    walk(yaml.safe_load((ROOT / "kits" / "bibliotheque" / "procedures.yml").read_text(encoding="utf-8")))
    return sorted(found, key=len, reverse=True)


def _built_pages(build) -> dict[str, str]:
    return {
        p.parent.relative_to(build.site).as_posix(): p.read_text(encoding="utf-8")
        for p in build.site.rglob("index.html")
    }


#: Wording of one offer that no other offer's kit may print (the firm's catalogue of offers aside).
OWN_WORDS = {
    "concertation": ("concertation",),
    "strategie": ("stratégie de dialogue", "séance de créativité", "kit d'utilisation"),
    "defricher": ("scénario fictif", "scénarios fictifs", "pistes de travail"),
}


def test_no_page_prints_another_offers_wording(offer_build):
    offer, build, kit = offer_build
    strings = _client_strings(kit)
    # Left aside: pages of a procedure set by law (its words, « concertation préalable », are the
    # law's) and the follow-up pages made from the contributions (issue 15, reviewed there).
    legal = {
        uri.removesuffix(".md")
        for uri, info in (
            (p.relative_to(DOCS).as_posix(), read_page_info(p, p.relative_to(DOCS).as_posix()))
            for p in DOCS.rglob("*.md")
        )
        if set(info.requires) & {*kit.client.project.procedures, "contributions"} or uri.startswith("suites/")
    }
    for page, html in _built_pages(build).items():
        if page == "cabinet/offres" or page in legal:
            continue
        lowered = _text(html).lower()
        for value in strings:
            lowered = lowered.replace(value, " ")
        for other, words in OWN_WORDS.items():
            if other == offer:
                continue
            for word in words:
                assert word not in lowered, (
                    f"{offer} : « {word} » (offre {other}) sur la page {page or 'accueil'}"
                )
        if not kit.roi_workshop:
            assert "classement « r.o.i." not in lowered and "scénario en tête" not in lowered, (
                f"{offer} : {page}"
            )
        # The follow-up pages (suites/) compare attendance with an R.O.I. forecast when there is one.
        if not kit.has("kit-roi") and not kit.has("roi-methode") and not page.startswith("suites/"):
            assert "r.o.i." not in lowered, f"{offer} : « R.O.I. » sur la page {page or 'accueil'}"


def _headings(html: str) -> list[str]:
    return [
        unescape(re.sub(r"<[^>]+>", "", h)).replace("¶", "").strip()
        for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)
    ]


def test_cahier_des_charges_of_each_offer(offer_build):
    offer, build, kit = offer_build
    html = build.html("livrables/cahier-des-charges")
    expected = [
        french_text(f"{n}. {specs.PART_TITLES[part]}")
        for n, part in enumerate(OFFERS[offer]["cahier_des_charges"]["plan"], start=1)
    ]
    assert _headings(html)[: len(expected)] == expected
    text = _text(html)
    assert OFFERS[offer]["cahier_des_charges"]["titre"] in text
    client = kit.client
    if offer == "strategie":
        strategy = client.strategy
        wanted = (
            [s.title for s in strategy.creativity.solutions]
            + list(strategy.decided)
            + list(strategy.principles)
        )
        wanted += [c.label for c in strategy.grid] + list(strategy.roi_use) + ["Élus", "Citoyens", "Services"]
        wanted += [item for w in strategy.workshops for item in w.liked + w.disliked]
    elif offer == "defricher":
        discovery = client.discovery
        wanted = [p.title for p in discovery.proposals] + [
            c for p in discovery.proposals for c in p.conditions
        ]
        wanted += [n.title for n in discovery.research] + [s.title for s in discovery.fictional_scenarios]
        wanted += [
            f"{lead.title} {lead.description} {lead.reason}"
            for lead in discovery.leads
            if lead.status == "ecartee"
        ]
    else:
        scenario = chosen_scenario(kit)
        wanted = [f"Scénario : {scenario.title}."] + [
            kit.library.technique(t).name for t in scenario.techniques
        ]
    for value in wanted:
        assert re.sub(r"\s+", " ", value.replace("’", "'")) in text, (
            f"{offer} : « {value} » absent du cahier des charges"
        )
    assert "à compléter" not in text, f"{offer} : la démo doit remplir tout le cahier des charges"


def test_offer_specific_content(offer_build):
    """The pages of each offer's own steps print what the client wrote there."""
    offer, build, _ = offer_build
    if offer == "strategie":
        html = unescape(build.html("livrables/ateliers-strategie"))
        for text in (
            "Atelier élus",
            "Atelier citoyens",
            "Atelier services",
            "Équité d'accès",
            "− Défavorable",
            "Le « stand-minute »",
        ):
            assert french_text(text) in html
    elif offer == "defricher":
        assert "La place en 1950" in unescape(build.html("livrables/recherche"))
        assert french_text("Hors de l'enveloppe du projet.") in unescape(
            build.html("livrables/pistes-creatives")
        )
        html = unescape(build.html("livrables/ateliers-defricher"))
        assert "Un samedi de 2030" in html and "Vérifier les réseaux enterrés avant de planter." in html
        assert french_text("Une place ombragée, avec de l'eau") in unescape(
            build.html("livrables/presentation")
        )
    else:
        assert "Sous la halle du marché" in unescape(build.html("livrables/parametres"))


def test_office_cahier_des_charges_is_the_offer_s_own(offer_build, tmp_path):
    """The DOCX and ODT exports are the offer's cahier des charges, outline and title included."""
    import zipfile

    import docx

    from macros.outputs.office import build_office_documents

    offer, build, kit = offer_build
    built = {
        d.path.suffix: d.path
        for d in build_office_documents(build.site, kit, out_dir=tmp_path)
        if d.path.stem == "cahier-des-charges"
    }
    spec = OFFERS[offer]["cahier_des_charges"]
    headings = [
        p.text
        for p in docx.Document(str(built[".docx"])).paragraphs
        if p.style.name.startswith(("Title", "Heading"))
    ]
    expected = [
        french_text(f"{n}. {specs.PART_TITLES[part]}") for n, part in enumerate(spec["plan"], start=1)
    ]
    assert headings[0] == french_text(spec["titre"]) and [h for h in headings if h in expected] == expected
    odt = unescape(
        re.sub(r"<[^>]+>", " ", zipfile.ZipFile(built[".odt"]).read("content.xml").decode("utf-8"))
    )
    assert french_text(spec["titre"]) in odt
    others = [o["cahier_des_charges"]["titre"] for other, o in OFFERS.items() if other != offer]
    assert not [t for t in others if french_text(t) in odt or any(french_text(t) == h for h in headings)]


def test_presentation_of_each_offer(offer_build):
    offer, build, kit = offer_build
    html = build.html("livrables/presentation")
    slides = re.findall(r'<section class="kit-slide kit-slide--([a-z-]+)"', html)
    assert slides == OFFERS[offer]["presentation"]
    text = _text(html)
    client = kit.client
    if offer == "strategie":
        wanted = [s.title for s in client.strategy.creativity.solutions if s.kept] + list(
            client.strategy.decided
        )
    elif offer == "defricher":
        wanted = [p.title for p in client.discovery.proposals] + [
            lead.title for lead in client.discovery.leads if lead.status == "ecartee"
        ]
    else:
        wanted = [chosen_scenario(kit).title]
    for value in wanted:
        assert value.replace("’", "'") in text, f"{offer} : « {value} » absent de la présentation"
    assert "à préciser" not in text


def test_unused_sections_are_warned_with_their_line(offer_build):
    offer, _, kit = offer_build
    warned = {p.loc: p for p in kit.warnings}
    assert all(p.warning and p.line == kit.client_doc.lines[p.loc] for p in kit.warnings)
    for section in ("strategie", "defricher"):  # only the demo built as that offer has that section
        assert (section,) not in warned
    if offer == "defricher":
        assert ("roi",) in warned and ("scenarios",) in warned
        assert "l’offre « concertation »" in warned[("roi",)].message
    elif offer == "strategie":
        assert ("roi", "notes") in warned and ("roi",) not in warned
        assert "l’option « ateliers-roi » de l’offre « strategie »" in warned[("roi", "notes")].message
    else:
        assert kit.warnings == ()


def test_public_site_asks_for_a_chosen_scenario_where_the_offer_has_scenarios(offer_build, tmp_path):
    """Concertation and stratégie publish the devices retained; défricher tests fictional scenarios
    and retains none: its public site builds without « scenario_retenu » (and no check asks for it)."""
    offer, _, kit = offer_build
    shutil.copytree(CLIENTS[offer] / "demo", tmp_path / "demo")
    data = yaml.safe_load((tmp_path / "demo" / "client.yml").read_text(encoding="utf-8"))
    data.pop("scenario_retenu", None)
    assert data["scenarios"], "the demo copy keeps its scenarios"
    (tmp_path / "demo" / "client.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    if kit.has("scenarios"):
        with pytest.raises(KitError) as refused:
            load_kit(Settings(clients_dir=tmp_path, audience="public"))
        assert [p.loc for p in refused.value.problems if not p.warning] == [("scenario_retenu",)]
    else:
        public = load_kit(Settings(clients_dir=tmp_path, audience="public"))
        assert ("scenario_retenu",) not in {p.loc for p in public.warnings}
        assert chosen_scenario(public) is None


def test_kit_roi_says_when_the_mission_has_no_workshop(offer_build):
    offer, _, kit = offer_build
    console = Console(file=io.StringIO(), width=200)
    print_summary(kit, console)
    said = console.file.getvalue()
    if kit.roi_workshop:
        assert "Classement des scénarios" in said
    else:
        assert "ne comprend pas d’atelier « R.O.I. citoyen »" in said and "Classement" not in said


def test_an_option_bought_brings_its_pages():
    """Extra R.O.I. workshops (an option of the strategy offer) bring the workshop results."""
    kit = load_kit(Settings())
    strategy = dataclasses.replace(
        kit,
        client=kit.client.model_copy(
            update={"offer": "strategie", "quote": kit.client.quote.model_copy(update={"options": []})}
        ),
    )
    assert not strategy.roi_workshop and strategy.has("kit-roi") and strategy.has("roi-methode")
    assert analyse(strategy).best is None  # scores of a workshop the mission does not hold rank nothing
    bought = kit.client.quote.model_copy(
        update={"options": [ChosenOption(id="ateliers-roi", unit_price=1200)]}
    )
    with_option = dataclasses.replace(strategy, client=strategy.client.model_copy(update={"quote": bought}))
    assert with_option.roi_workshop and analyse(with_option).best is not None
    assert kit_contents.kit_deliverables(with_option)[-1].option


def test_elus_booklet_follows_the_offer(offer_build, tmp_path):
    """The élus of a stratégie see the options to decide; those of a défricher the leads and proposals."""
    offer, build, _ = offer_build
    if offer == "concertation":  # its booklets are the demo's, read in tests/test_handbooks.py
        sheets = build.html("demarche/fiches-rendez-vous").count('<section class="kit-sheet"')
        assert sheets == len(
            yaml.safe_load((DEMO / "client.yml").read_text(encoding="utf-8"))["parametres"]["rendez_vous"]
        )
        return
    built = build_handbooks(
        build.site,
        tmp_path,
        settings=Settings(clients_dir=CLIENTS[offer]),
        handbooks=("elus",),
        worksheet=False,
    )
    out = subprocess.run(
        ["pdftotext", "-layout", str(built[0].path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [" ".join(p.split()).replace("\u2019", "'") for p in out.split("\f")][:-1]  # words as typed
    text = " ".join(pages)
    assert len(pages) <= 14 and "Les décisions qui vous reviennent" in pages[2] + pages[3]
    assert (
        "Les rendez-vous publics" in text if offer == "strategie" else "Les rendez-vous publics" not in text
    )
    if offer == "strategie":
        for words in (
            "Les options à trancher",
            "Trancher les options ouvertes",
            "Deux démarches par an au plus",
            "Le « stand-minute »",
        ):
            assert words in text, words
        usage = unescape(build.html("roi/kit-utilisation"))
        assert "client.yml" not in usage and "notes citoyennes" in usage and "--import grille.xlsx" in usage
    else:
        for words in (
            "Les propositions de travail",
            "Une place ombragée, avec de l'eau",
            "Pistes créatives",
            "scénarios fictifs",
        ):
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
        CONTACT_EMAIL,
        "Présidence de l'union",
        "DEV-2027-003",
        "840,00",
        "Total TTC",
        "kit-quote",
        "kit-grid",
        "kit-stakeholders",
        "Collectif des riverains",
        "kit-roi",
        "jours d'agent",
        "Notes de cadrage",
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
    for text in (
        "Pourquoi votre avis compte",
        "Comment et quand participer",
        "Samedi 17 avril 2027",
        "au plus tard le 8 juillet 2027",
    ):
        assert text in home
    contract = unescape(demo_public_site.html("public/contrat"))
    for text in (
        "Qui décide, et quand",
        "Le maintien du marché du samedi",
        "On critique les idées, pas les personnes.",
    ):
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
    bare = kit.client.model_copy(
        update={
            "calendar": [],
            "stakeholders": [],
            "scenarios": [],
            "publics": [],
            "parameters": None,
            "contract": None,
            "public_site": None,
            "specs": None,
            "quote": None,
            "strategy": None,
            "discovery": None,
            "project": kit.client.project.model_copy(update={"decision_date": None}),
        }
    )
    bare_kit = dataclasses.replace(kit, client=bare)

    class Env:
        page = type(
            "Page",
            (),
            {
                "meta": {"audience": ["agents"]},
                "file": type("File", (), {"url": "livrables/", "src_uri": "livrables/index.md"})(),
            },
        )()

    table = deliverables.deliverable_macros(bare_kit, Env())
    for name, func in table.items():
        if name == "date_longue":
            continue
        parts = {
            "contrat": contract.PARTS,
            "cahier_des_charges": specs.SPEC_PARTS,
            "pages_legales": legal_pages.LEGAL_PARTS,
            "pages_du_livrable": kit_contents.kit_deliverables(bare_kit),
        }.get(name)
        outputs = [func(p) for p in parts] if parts else [func()]
        for html in outputs:
            assert "Traceback" not in str(html) and str(html).strip(), name
    assert "pas encore" in str(table["devis"]())
    assert "aucune date" in str(table["frise_mission"]())


# --- A client made by ``kit new``, of each offer and another collectivity type ---------

_BLOCK = re.compile(r"^# ([a-z_]+:.*|  .*)$")
"""A commented line of the template's examples (a section key, or indented data)."""


def _filled_client(offer: str, kind: str, clients: Path) -> Path:
    """``kit new``, then every commented example uncommented, as a consultant would fill it in."""
    path = new_client(
        dataclasses.replace(Settings(), clients_dir=clients),
        f"client-{offer}",
        offer,
        f"Client {offer}",
        kind,
        date(2027, 1, 4),
    )
    data, notes = path.read_text(encoding="utf-8").split("# Pages propres au client")
    lines = [_BLOCK.sub(r"\1", line) for line in data.splitlines()]
    # Every text of the template still to fill, filled (the public build refuses them).
    text = "\n".join(lines).replace("AAAA-MM-JJ", "2027-01-11").replace(PLACEHOLDER, "Rempli")
    if offer == "strategie":  # the quote buys extra R.O.I. workshops: the kit gets the workshop results
        text = text.replace(
            "\n  # options:\n", "\n  options:\n    - {id: ateliers-roi, prix_unitaire: 1200}\n"
        )
    path.write_text(text + "\n# Pages propres au client" + notes, encoding="utf-8")
    return path


@pytest.fixture(
    scope="module",
    params=[("concertation", "departement"), ("strategie", "intercommunalite"), ("defricher", "region")],
    ids=lambda p: p[0],
)
def new_client_build(request, tmp_path_factory):
    offer, kind = request.param
    clients = tmp_path_factory.mktemp(f"nouveaux-{offer}")
    path = _filled_client(offer, kind, clients)
    build = mkdocs_build(
        tmp_path_factory.mktemp(f"nouveau-{offer}") / "site", client=path.parent.name, clients_dir=clients
    )
    assert build.returncode == 0, build.stderr
    return offer, kind, path, build, load_kit(Settings(slug=path.parent.name, clients_dir=clients))


def test_new_client_of_each_offer_reads_every_section_it_proposes(new_client_build):
    offer, kind, path, _, kit = new_client_build
    text = path.read_text(encoding="utf-8")
    assert kit.warnings == (), [str(w) for w in kit.warnings]
    decider = {
        "departement": "Conseil départemental",
        "intercommunalite": "Conseil communautaire",
        "region": "Conseil régional",
    }[kind]
    assert kit.client.project.decider == decider and "Conseil municipal" not in text
    # The examples of places, notices and channels follow the type too.
    assert "en mairie" not in text and "la mairie" not in text and "municipal papier" not in text
    place = {
        "departement": "hôtel du département",
        "intercommunalite": "siège de la communauté",
        "region": "hôtel de région",
    }[kind]
    if kit.client.parameters is not None:
        assert place in kit.client.parameters.venues[0].name
    magazine = {"departement": "départemental", "intercommunalite": "communautaire", "region": "régional"}[
        kind
    ]
    assert f"magazine {magazine} papier" in text
    for section in ("strategie", "defricher"):
        assert (f"\n{section}:" in text) == (offer == section)
    assert ("\nscenarios:" in text) == (offer != "defricher")
    assert ("\n  notes:" in text) == (offer == "concertation")  # the workshop results of the R.O.I.


def test_new_client_of_each_offer_gets_its_deliverables_linked(new_client_build):
    offer, _, _, build, kit = new_client_build
    sections = _sections(build.html("livrables"))
    entries = kit_contents.kit_deliverables(kit)
    assert [e.id for e in entries if e.option] == (["ateliers-roi"] if offer == "strategie" else [])
    for number, entry in enumerate(entries, start=1):
        links = re.findall(
            r'<a href="([^"#]+)"',
            sections[french_text(f"{number}. {'Option : ' if entry.option else ''}{entry.title}")],
        )
        assert links and all((build.site / "livrables" / link / "index.html").is_file() for link in links), (
            entry.title
        )
    assert _built(build.site, "roi/resultats.md") == (offer != "defricher")
    headings = _headings(build.html("livrables/cahier-des-charges"))
    assert headings[0] == french_text("1. Contexte et maître d'ouvrage") and len(headings) == len(
        OFFERS[offer]["cahier_des_charges"]["plan"]
    )


def test_client_own_public_is_used_like_a_library_one(new_client_build, tmp_path):
    offer, _, path, build, kit = new_client_build
    name = "Habitants sans voiture"
    assert name in _text(build.html("livrables/cahier-des-charges"))
    if kit.has("cartographie"):
        assert name in _text(build.html("livrables/cartographie"))  # relayed by a stakeholder
    if kit.roi_workshop:
        assert name in _text(build.html("roi/resultats"))  # in the R.O.I. grid
    if offer == "concertation":  # one public build is enough: the public site is the same for every offer
        public = mkdocs_build(
            tmp_path / "public", client=path.parent.name, clients_dir=path.parent.parent, audience="public"
        )
        assert public.returncode == 0, public.stderr
        assert name in _text(public.html())


@pytest.mark.parametrize(
    ("target", "page", "expected"),
    [
        ("livrables/cartographie/", "livrables/", "cartographie/"),
        ("roi/methode/", "livrables/", "../roi/methode/"),
        ("", "livrables/", "../"),
        ("public/contrat/", "", "public/contrat/"),
    ],
)
def test_relative_url(target, page, expected):
    assert kit_contents.relative_url(target, page) == expected


def test_pages_follow_the_offer_order_within_their_section_only():
    def info(uri, order, component=None, section="Livrables"):
        return PageInfo(uri, uri, ("agents",), component, section, order)

    infos = [
        info("index.md", 20),
        info("b.md", 21, "b"),
        info("a.md", 22, "a"),
        info("devis.md", 39),
        info("r.md", 40, "r", "R.O.I."),
        info("q.md", 41, "q", "R.O.I."),
    ]
    ordered = [i.src_uri for i in in_offer_order(infos, {"a": 0, "q": 1, "b": 2, "r": 3})]
    assert ordered == ["index.md", "a.md", "b.md", "devis.md", "q.md", "r.md"]


def test_booklets_of_a_new_client_follow_its_offer(new_client_build):
    """The booklets take the kit's own pages, titled and ordered as its navigation."""
    offer, _, path, build, kit = new_client_build
    pages = find_pages(build.site, DOCS, path.parent / "pages", kit)
    nav = _nav_pages(build)
    sections = {p.url: read_page_info(p.src_path, p.src_uri).section for p in pages}
    for handbook in ("elus", "agents"):
        chapters = [p for p in pages if handbook in p.handbooks]
        assert chapters, f"{offer} : livret {handbook} vide"
        for section in set(sections.values()):  # within a section, the navigation's order
            urls = [p.url.rstrip("/") or "." for p in chapters if sections[p.url] == section]
            assert urls == [u for u in nav if u in urls], f"{offer} : {urls}"
    components = {read_page_info(p.src_path, p.src_uri).component for p in pages} - {None}
    assert components <= kit.components
    worksheet = [p.src_uri for p in pages if p.worksheet]
    assert bool(worksheet) == kit.has("roi-methode")
    titles = {p.src_uri: p.title for p in pages}
    for uri, title in kit.offer.page_titles.items():
        assert titles.get(uri, title) == title


def test_own_public_never_chosen_is_warned(tmp_path):
    data = yaml.safe_load((DEMO / "client.yml").read_text(encoding="utf-8"))
    data["publics_propres"] = [
        {
            "id": "saisonniers",
            "nom": "Travailleurs saisonniers",
            "description": "Présents l'été.",
            "sensibilites": {"horaires": 1.5},
        }
    ]
    shutil.copytree(DEMO, tmp_path / "demo")  # its contributions too, which the follow-up cites
    (tmp_path / "demo" / "client.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    kit = load_kit(Settings(clients_dir=tmp_path))
    assert kit.library.public("saisonniers").name == "Travailleurs saisonniers"
    assert [str(w).split(": ", 1)[1] for w in kit.warnings] == [
        "publics_propres[0].id : public « saisonniers » décrit mais absent de « publics » : "
        "aucune page ne le montre tant qu’il n’y est pas choisi (avertissement)"
    ]
    data["publics_propres"][0]["id"] = "seniors"
    data["publics_propres"][0]["sensibilites"] = {"horaire": 1.5}
    (tmp_path / "demo" / "client.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    with pytest.raises(KitError) as error:
        load_kit(Settings(clients_dir=tmp_path))
    messages = [p.message for p in error.value.problems]
    assert any("existe déjà dans la bibliothèque partagée" in m for m in messages)
    assert any(m.startswith("critère inconnu « horaire »") for m in messages)


def _booklets(kit) -> dict[str, list[str]]:
    """Each booklet's pages (sources) in the order the books take them, for this kit's offer and options."""
    infos = [read_page_info(path, path.relative_to(DOCS).as_posix()) for path in sorted(DOCS.rglob("*.md"))]
    kept = [i for i in infos if i.component is None or kit.has(i.component)]
    ordered = in_offer_order(kept, component_ranks(kit))
    return {book: [i.src_uri for i in ordered if book in i.handbooks] for book in ("elus", "agents")}


@pytest.mark.parametrize("offer", sorted(OFFERS))
def test_an_option_adds_pages_to_the_booklets_without_reordering_them(offer):
    """With every option of the offer bought, one at a time, the booklets keep the mission's order:
    an option only adds its pages (the R.O.I. method never jumps before the calendar)."""
    kit = load_kit(Settings())
    quote = kit.client.quote.model_copy(update={"options": []})
    bare = dataclasses.replace(kit, client=kit.client.model_copy(update={"offer": offer, "quote": quote}))
    before = _booklets(bare)
    assert before["elus"] and before["agents"]
    for option in OFFERS[offer].get("options", []):
        bought = quote.model_copy(update={"options": [ChosenOption(id=option["id"], unit_price=1000)]})
        with_option = dataclasses.replace(bare, client=bare.client.model_copy(update={"quote": bought}))
        after = _booklets(with_option)
        for book, pages in before.items():
            assert [p for p in after[book] if p in pages] == pages, (
                f"{offer} + {option['id']} : livret {book}"
            )
    if offer == "strategie":
        roi = quote.model_copy(update={"options": [ChosenOption(id="ateliers-roi", unit_price=1000)]})
        books = _booklets(dataclasses.replace(bare, client=bare.client.model_copy(update={"quote": roi})))
        calendar = "livrables/calendrier.md"
        assert books["agents"].index(calendar) < books["agents"].index("roi/methode.md")
        assert books["elus"].index("roi/synthese.md") < books["elus"].index(calendar)

"""French that a public body can sign: grammar of names, dates and times, typography,
plain language, the legal pages of the public site, and the quote.

The phrasing rules are unit-tested on every collectivity type; the built demo
(review and public sites, shared session builds) and two built clients of other
types (a département, an intercommunalité) are read back as a reader would.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import lxml.html
import pytest
import yaml
from conftest import ROOT, Build, mkdocs_build

from macros.commands.check import client_warnings
from macros.compute.fmt import agent_days, clock, clock_span, count, day, days_span, euros, number
from macros.compute.french import after_colon, enumerate_fr, name_of
from macros.errors import format_path
from macros.loading.kit import load_kit
from macros.outputs.pdf.assemble import BASE_URL
from macros.outputs.pdf.render import render
from macros.render.plain_language import JARGON, explain_jargon, jargon_pattern
from macros.render.typography import NBSP, NNBSP, french_html, french_text, plain
from macros.render.widgets import contract, legal_pages, presentation
from macros.settings import Settings

# --- Names: article, gender, contractions, elisions -----------------------------

# (name, collectivity type) -> (the, of, to, pronoun)
NAMES = [
    (
        "Ville de Bellerive-sur-Loire",
        "commune",
        "la Ville de Bellerive-sur-Loire",
        "de la Ville de Bellerive-sur-Loire",
        "à la Ville de Bellerive-sur-Loire",
        "elle",
    ),
    (
        "Commune de Saint-Aubin",
        "commune",
        "la Commune de Saint-Aubin",
        "de la Commune de Saint-Aubin",
        "à la Commune de Saint-Aubin",
        "elle",
    ),
    ("Angers", "commune", "Angers", "d’Angers", "à Angers", "elle"),
    ("Le Mans", "commune", "Le Mans", "du Mans", "au Mans", "il"),
    (
        "Communauté de communes du Val d'Erdre",
        "intercommunalite",
        "la Communauté de communes du Val d'Erdre",
        "de la Communauté de communes du Val d'Erdre",
        "à la Communauté de communes du Val d'Erdre",
        "elle",
    ),
    (
        "Eurométropole de Strasbourg",
        "intercommunalite",
        "l’Eurométropole de Strasbourg",
        "de l’Eurométropole de Strasbourg",
        "à l’Eurométropole de Strasbourg",
        "elle",
    ),
    (
        "Nantes Métropole",
        "intercommunalite",
        "Nantes Métropole",
        "de Nantes Métropole",
        "à Nantes Métropole",
        "elle",
    ),
    (
        "Département du Haut-Val",
        "departement",
        "le Département du Haut-Val",
        "du Département du Haut-Val",
        "au Département du Haut-Val",
        "il",
    ),
    (
        "Région Val de Loire",
        "region",
        "la Région Val de Loire",
        "de la Région Val de Loire",
        "à la Région Val de Loire",
        "elle",
    ),
    (
        "Syndicat mixte du bassin de l'Erdre",
        "etablissement-public",
        "le Syndicat mixte du bassin de l'Erdre",
        "du Syndicat mixte du bassin de l'Erdre",
        "au Syndicat mixte du bassin de l'Erdre",
        "il",
    ),
    (
        "Établissement public territorial Est",
        "etablissement-public",
        "l’Établissement public territorial Est",
        "de l’Établissement public territorial Est",
        "à l’Établissement public territorial Est",
        "il",
    ),
    (
        "Office de tourisme du Val",
        "autre",
        "l’Office de tourisme du Val",
        "de l’Office de tourisme du Val",
        "à l’Office de tourisme du Val",
        "il",
    ),
]


@pytest.mark.parametrize(("text", "kind", "the", "of", "to", "pronoun"), NAMES)
def test_collectivity_names_of_every_type(text, kind, the, of, to, pronoun):
    name = name_of(text, kind=kind)
    assert (name.the(), name.of(), name.to(), name.pronoun()) == (the, of, to, pronoun)
    assert name.The()[0].isupper() and name.The()[1:] == the[1:]


@pytest.mark.parametrize(
    ("text", "the", "of", "to"),
    [
        ("Conseil municipal", "le conseil municipal", "du conseil municipal", "au conseil municipal"),
        (
            "Conseil communautaire",
            "le conseil communautaire",
            "du conseil communautaire",
            "au conseil communautaire",
        ),
        (
            "Conseil départemental",
            "le conseil départemental",
            "du conseil départemental",
            "au conseil départemental",
        ),
        ("Comité syndical", "le comité syndical", "du comité syndical", "au comité syndical"),
        (
            "Commission permanente",
            "la commission permanente",
            "de la commission permanente",
            "à la commission permanente",
        ),
        (
            "Assemblée délibérante",
            "l’assemblée délibérante",
            "de l’assemblée délibérante",
            "à l’assemblée délibérante",
        ),
        ("les élus du bureau", "les élus du bureau", "des élus du bureau", "aux élus du bureau"),
        ("A.M.O.O.R.", "A.M.O.O.R.", "d’A.M.O.O.R.", "à A.M.O.O.R."),
    ],
)
def test_deciders_and_organisations(text, the, of, to):
    name = name_of(text)
    assert (name.the(), name.of(), name.to()) == (the, of, to)


def test_client_yml_states_article_and_gender():
    # A name the lexicon does not know, made feminine with its article by the client.
    name = name_of("Grand Val", kind="intercommunalite", article="la", gender="feminin")
    assert (name.the(), name.of(), name.pronoun()) == ("la Grand Val", "de la Grand Val", "elle")
    name = name_of("Pays de Retz", kind="autre", article="aucun")
    assert (name.the(), name.of()) == ("Pays de Retz", "de Pays de Retz")
    name = name_of("Halle aux grains", kind="autre", article="la")
    assert (
        name.the() == "la Halle aux grains" and name.of() == "de la Halle aux grains"
    )  # h aspiré: no elision


def test_after_colon_and_lists():
    assert after_colon("Une compréhension partagée.") == "une compréhension partagée."
    assert after_colon("Le programme d'aménagement") == "le programme d'aménagement"
    assert after_colon("L’adjointe porte la démarche") == "l’adjointe porte la démarche"
    assert after_colon("Deux agents formés") == "deux agents formés"
    for proper in (
        "Bellerive Conseil anime",
        "CCAS et clubs",
        "A.M.O.O.R. anime",
        "Bellerive-sur-Loire",
        "Ville de X",
        "R.O.I. citoyen",
    ):
        assert after_colon(proper) == proper
    assert enumerate_fr(["a", "b", "c"]) == "a, b et c" and enumerate_fr(["a"]) == "a"


# --- Dates, times, numbers ------------------------------------------------------


def test_first_of_the_month_is_1er_everywhere():
    assert day(date(2027, 7, 1)) == "1er juillet 2027"
    assert day(date(2027, 7, 1), "EEEE d MMMM y") == "jeudi 1er juillet 2027"
    assert day(date(2027, 7, 2)) == "2 juillet 2027"
    assert days_span(date(2027, 2, 1), date(2027, 2, 12)) == "du 1er au 12 février 2027"
    assert days_span(date(2027, 1, 1), date(2027, 3, 1)) == "du 1er janvier au 1er mars 2027"


def test_one_time_format_and_one_vocabulary():
    assert (
        clock("14:00") == f"14{NBSP}h"
        and clock("14:15") == f"14{NBSP}h{NBSP}15"
        and clock("9:05") == f"9{NBSP}h{NBSP}05"
    )
    assert clock_span("14:00", "14:15") == f"14{NBSP}h – 14{NBSP}h{NBSP}15"
    assert agent_days(Decimal("1.5")) == f"1,5{NBSP}jour-agent" and agent_days(19) == f"19{NBSP}jours-agent"
    assert count(0, "atelier") == f"0{NBSP}atelier" and count(2, "atelier") == f"2{NBSP}ateliers"


def test_numbers_group_digits_with_a_no_break_space_of_normal_width():
    assert number(31500) == f"31{NBSP}500" and euros(5000) == f"5{NBSP}000{NBSP}€"
    assert NNBSP not in number(1234567) + euros(Decimal("1234.5"))


# --- The typography pass ----------------------------------------------------------


def test_typography_rules_on_text():
    assert (
        french_text("Qui décide : le conseil ; quand ? Maintenant !")
        == f"Qui décide{NBSP}: le conseil{NNBSP}; quand{NNBSP}? Maintenant{NNBSP}!"
    )
    assert french_text('« oui » et "non"') == f"«{NNBSP}oui{NNBSP}» et «{NNBSP}non{NNBSP}»"
    assert french_text("l'été d'A.M.O.O.R.") == "l’été d’A.M.O.O.R."
    assert french_text("Pourquoi? Note: voir") == f"Pourquoi{NNBSP}? Note{NBSP}: voir"
    # ratios, URLs, e-mails, entities are not prose
    for kept in ("score 3:1", "https://exemple.fr/a?t=14:00;c", "a.b@ville.example", "&amp;", "&#233;"):
        assert french_text(kept) == kept
    assert plain(french_text("Qui décide : l'élu ?")) == plain("Qui décide: l'élu?")
    assert (
        french_text("environ 3 200 foyers, de 9 h à 12 h 30, 82 %")
        == f"environ 3{NBSP}200 foyers, de 9{NBSP}h à 12{NBSP}h{NBSP}30, 82{NBSP}%"
    )
    assert (
        french_text("02 00 00 00 01, le 24 juin 2027") == "02 00 00 00 01, le 24 juin 2027"
    )  # phones and dates as they are
    # one time format, in the client's own text too
    assert french_text("à 14:00, puis 18h30 et 9h") == f"à 14{NBSP}h, puis 18{NBSP}h{NBSP}30 et 9{NBSP}h"


def test_typography_pass_leaves_code_attributes_and_scripts_alone():
    html = (
        '<p title="a : b">Lancez <code>kit check : x</code> : c\'est tout ?</p>'
        "<pre>a ; b 'c'</pre><script>var s = ' : ';</script><p>« <em>mot</em> »</p>"
        "<p><strong>Qui décide</strong> : x</p><!-- l'avis : -->"
    )
    out = french_html(html)
    assert 'title="a : b"' in out and "<code>kit check : x</code>" in out
    assert f"</code>{NBSP}: c’est tout{NNBSP}?" in out
    assert "<pre>a ; b 'c'</pre>" in out and "var s = ' : ';" in out and "<!-- l'avis : -->" in out
    assert f"«{NNBSP}<em>mot</em>{NNBSP}»" in out and f"</strong>{NBSP}: x" in out
    quoted = french_html('<p>Il dit : <q class="kit-verbatim">l\'avis ! <b>x</b> : y</q> ; voilà</p>')
    assert '<q class="kit-verbatim">l\'avis ! <b>x</b> : y</q>' in quoted  # a citizen's words as typed
    assert f"{NNBSP}; voilà" in quoted and f"Il dit{NBSP}:" in quoted


_VERBATIM = {"code", "pre", "script", "style", "kbd", "samp", "textarea"}
_HIGH = re.compile(r" [:;!?»]|« ")


def _prose(el) -> list[str]:
    """Text of an element outside code and scripts (its text nodes)."""
    if not isinstance(el.tag, str) or el.tag in _VERBATIM or "kit-verbatim" in (el.get("class") or ""):
        return []  # code, and what a citizen typed (quoted as typed, on purpose)
    out = [el.text or ""]
    for child in el:
        out += _prose(child)
        out.append(child.tail or "")
    return out


def _faults(site: Path) -> tuple[int, int, list[str]]:
    """Plain spaces before high punctuation (and after «), straight apostrophes, in every page's text."""
    spaces = apostrophes = 0
    examples = []
    for path in sorted(site.rglob("*.html")):
        body = lxml.html.fromstring(path.read_bytes()).find("body")
        text = "".join(_prose(body))
        found = _HIGH.findall(text)
        spaces += len(found)
        apostrophes += text.count("'")
        if found or "'" in text:
            examples.append(f"{path.relative_to(site)} : {text[max(0, text.find(chr(39)) - 30) :][:60]!r}")
    return spaces, apostrophes, examples


def test_built_demo_has_french_typography_everywhere(demo_site, demo_public_site):
    for build in (demo_site, demo_public_site):
        spaces, apostrophes, examples = _faults(build.site)
        assert (spaces, apostrophes) == (0, 0), examples[:5]


_TEXT_DATE = re.compile(
    r"\b1 (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b"
)
_COLON_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")


def _page_texts(site: Path) -> dict[str, str]:
    out = {}
    for path in sorted(site.rglob("index.html")):
        body = lxml.html.fromstring(path.read_bytes()).find("body")
        rel = path.parent.relative_to(site).as_posix()
        out["" if rel == "." else rel] = " ".join("".join(_prose(body)).split())
    return out


# --- Other collectivity types, built --------------------------------------------


def _client(tmp_path_factory, slug: str, changes: dict) -> Path:
    folder = tmp_path_factory.mktemp(f"clients-{slug}")
    data = yaml.safe_load((ROOT / "kits" / "clients" / "demo" / "client.yml").read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        target = data
        *parents, last = dotted.split(".")
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        if value is None:
            target.pop(last, None)
        else:
            target[last] = value
    shutil.copytree(ROOT / "kits" / "clients" / "demo", folder / slug)  # with its contributions and pages
    (folder / slug / "client.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return folder


@pytest.fixture(scope="module")
def departement_site(tmp_path_factory) -> Build:
    """A masculine collectivity, a decision and a step on the first of a month, a workshop at 9:30."""
    folder = _client(
        tmp_path_factory,
        "dep",
        {
            "collectivite.nom": "Département du Haut-Val",
            "collectivite.type": "departement",
            "collectivite.population": 250000,
            "projet.decideur": "Conseil départemental",
            "projet.date_decision": date(2027, 7, 1),
            "scenarios.1.decideur": "Conseil départemental",
            "scenarios.1.date_decision": date(2027, 7, 1),
            "scenarios.2.decideur": "Conseil départemental",
            "scenarios.2.date_decision": date(2027, 7, 1),
            "calendrier.1.debut": date(2027, 2, 1),
        },
    )
    build = mkdocs_build(tmp_path_factory.mktemp("dep") / "site", client="dep", clients_dir=folder)
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="module")
def interco_public_site(tmp_path_factory) -> Build:
    """The public site of an intercommunalité that has not filled its legal pages yet."""
    folder = _client(
        tmp_path_factory,
        "cc",
        {
            "collectivite.nom": "Communauté de communes du Val d'Erdre",
            "collectivite.type": "intercommunalite",
            "collectivite.adresse": None,
            "projet.decideur": "Conseil communautaire",
            "scenarios.1.decideur": "Conseil communautaire",
            "pages_legales": None,
            "parametres.accessibilite": [
                "Les documents existent en FALC.",
                "Le minibus du CIAS vient vous chercher.",
            ],
        },
    )
    build = mkdocs_build(
        tmp_path_factory.mktemp("cc") / "site", client="cc", clients_dir=folder, audience="public"
    )
    assert build.returncode == 0, build.stderr
    return build


_ARTICLE_BEFORE = re.compile(
    r"(?:\b(?:le|la|les|du|des|au|aux|de la|à la|en)\s+|\b(?:l|de l|à l|d)’|[:,]\s*|—\s*)$", re.IGNORECASE
)  # after « : », « , » or « — »: a label or a list, not a sentence


def _bare_names(site: Path, text: str) -> list[str]:
    """Sentences where ``text`` (a collectivity, a decider) is named without its article.

    A label or a value standing alone (a table cell, a title) is not a sentence."""
    found = []
    for path in sorted(site.rglob("index.html")):
        doc = lxml.html.fromstring(path.read_bytes())
        for article in doc.find_class("md-content__inner"):
            for el in article.iter():
                if (
                    not isinstance(el.tag, str)
                    or el.tag in _VERBATIM
                    or any("kit-verbatim" in (a.get("class") or "") for a in (el, *el.iterancestors()))
                ):
                    continue
                whole = " ".join(el.text_content().split()).lower()
                for piece in [el.text or ""] + [child.tail or "" for child in el]:
                    for match in re.finditer(re.escape(text), piece, re.IGNORECASE):
                        before = piece[: match.start()]
                        if whole == text.lower() or not before.strip() or _ARTICLE_BEFORE.search(before):
                            continue
                        found.append(
                            f"{path.parent.relative_to(site)} : …{piece[max(0, match.start() - 40) : match.end() + 10]}"
                        )
    return found


def test_demo_names_carry_their_article(demo_site, demo_public_site):
    for build in (demo_site, demo_public_site):
        for text in ("Ville de Bellerive-sur-Loire", "conseil municipal"):
            assert _bare_names(build.site, text) == []
    home = _page_texts(demo_public_site.site)[""]
    assert "La Ville de Bellerive-sur-Loire vous invite à donner votre avis." in home
    assert (
        "La décision revient au conseil municipal." in home
    )  # one sentence for the decision, from its one source
    contract_page = _page_texts(demo_public_site.site)["public/contrat"]
    assert (
        "ce que la Ville de Bellerive-sur-Loire vous demande" in contract_page
        and "ce qu’elle vous apporte" in contract_page
    )
    assert "La décision revient au conseil municipal." in contract_page
    offers = _page_texts(demo_site.site)["cabinet/offres"]
    assert "Les offres d’A.M.O.O.R." in offers
    assert "Ce qu’elle produit : une compréhension" in offers.replace(NBSP, " ")


def test_a_departement_reads_right(departement_site):
    texts = _page_texts(departement_site.site)
    for text in ("Département du Haut-Val", "conseil départemental"):
        assert _bare_names(departement_site.site, text) == []
    assert "Le Département du Haut-Val vous invite à donner votre avis." in texts["public/participer"]
    contract_page = texts["public/contrat"]
    assert (
        "ce que le Département du Haut-Val vous demande" in contract_page
        and "ce qu’il vous apporte" in contract_page
    )
    assert (
        "La décision revient au conseil départemental. Elle sera prise le 1er juillet 2027." in contract_page
    )
    assert "préparé par le cabinet A.M.O.O.R. pour le Département du Haut-Val" in texts[""]
    assert "du 1er au 5 février 2027" in texts["livrables/calendrier"]
    for page, text in texts.items():
        assert not _TEXT_DATE.search(text), f"{page} : « 1 » sans « er »"
        assert not _COLON_TIME.search(text), f"{page} : heure écrite « 14:00 »"
        assert "jours d’agent" not in text and "Jours d’agent" not in text, page
    spaces, apostrophes, examples = _faults(departement_site.site)
    assert (spaces, apostrophes) == (0, 0), examples[:5]


def test_an_intercommunalite_reads_right_and_shows_what_is_missing(interco_public_site):
    texts = _page_texts(interco_public_site.site)
    for text in ("Communauté de communes du Val d’Erdre", "conseil communautaire"):
        assert _bare_names(interco_public_site.site, text) == []
    assert "La Communauté de communes du Val d’Erdre vous invite à donner votre avis." in texts[""]
    assert "La décision revient au conseil communautaire." in texts[""]
    # nothing invented: the missing legal details are said as missing
    mentions = texts["public/mentions-legales"]
    assert "Le directeur ou la directrice de la publication : pas encore indiqué" in mentions
    assert "L’hébergeur du site : pas encore indiqué" in mentions
    statement = texts["public/declaration-accessibilite"]
    assert "Ce site est non conforme" in statement and "Aucun audit n’a encore été fait." in statement
    assert "Accessibilité : non conforme" in statement.replace(NBSP, " ")
    # jargon that the client wrote gets its explanation
    access = texts["public/accessibilite"]
    assert (
        "FALC (facile à lire et à comprendre)" in access
        and "CIAS (centre intercommunal d’action sociale)" in access
    )


OTHER_TYPES = {
    "region": (
        "Région Val de Loire",
        "Conseil régional",
        "La Région Val de Loire vous invite",
        "ce qu’elle vous apporte",
    ),
    "etablissement-public": (
        "Syndicat mixte du bassin de l'Erdre",
        "Comité syndical",
        "Le Syndicat mixte du bassin de l’Erdre vous invite",
        "ce qu’il vous apporte",
    ),
    "autre": (
        "Établissement public territorial Est",
        "Conseil de territoire",
        "L’Établissement public territorial Est vous invite",
        "ce qu’il vous apporte",
    ),
}


@pytest.fixture(scope="module", params=sorted(OTHER_TYPES))
def other_public_site(request, tmp_path_factory) -> tuple[str, Build]:
    """The public site of a client of each remaining collectivity type."""
    kind = request.param
    name, decider, _, _ = OTHER_TYPES[kind]
    changes = {
        "collectivite.nom": name,
        "collectivite.type": kind,
        "projet.decideur": decider,
        "scenarios.1.decideur": decider,
    }
    folder = _client(tmp_path_factory, kind, changes)
    build = mkdocs_build(
        tmp_path_factory.mktemp(kind) / "site", client=kind, clients_dir=folder, audience="public"
    )
    assert build.returncode == 0, build.stderr
    return kind, build


def test_every_other_collectivity_type_reads_right(other_public_site):
    kind, build = other_public_site
    name, decider, invites, pronoun = OTHER_TYPES[kind]
    texts = _page_texts(build.site)
    for text in (french_text(name), name_of(decider).text):
        assert _bare_names(build.site, text) == [], kind
    assert f"{invites} à donner votre avis." in texts[""]
    assert f"La décision revient {name_of(decider).to()}." in texts[""]
    assert (
        pronoun in texts["public/contrat"]
        and f"La décision revient {name_of(decider).to()}." in texts["public/contrat"]
    )
    assert (
        f"Ce site est édité par {french_text(name_of(name, kind=kind).the())}."
        in texts["public/mentions-legales"]
    )
    spaces, apostrophes, examples = _faults(build.site)
    assert (spaces, apostrophes) == (0, 0), examples[:5]


# --- Widgets of every collectivity type -----------------------------------------------


@pytest.fixture(scope="module")
def demo_kit():
    return load_kit(Settings())


def _as(kit, name: str, kind: str, decider: str):
    collectivity = kit.client.collectivity.model_copy(update={"name": name, "kind": kind})
    project = kit.client.project.model_copy(update={"decider": decider, "decision_date": date(2027, 9, 1)})
    scenarios = [s.model_copy(update={"decider": None, "decision_date": None}) for s in kit.client.scenarios]
    client = kit.client.model_copy(
        update={"collectivity": collectivity, "project": project, "scenarios": scenarios}
    )
    return dataclasses.replace(kit, client=client)


@pytest.mark.parametrize(
    ("name", "kind", "decider", "expected"),
    [
        (
            "Ville de Saint-Aubin",
            "commune",
            "Conseil municipal",
            "La décision revient au conseil municipal. Elle sera prise le 1er septembre 2027.",
        ),
        (
            "Communauté d'agglomération du Val",
            "intercommunalite",
            "Conseil communautaire",
            "La décision revient au conseil communautaire.",
        ),
        (
            "Département du Haut-Val",
            "departement",
            "Commission permanente",
            "La décision revient à la commission permanente.",
        ),
        ("Région Val de Loire", "region", "Conseil régional", "La décision revient au conseil régional."),
        (
            "Syndicat mixte de l'Erdre",
            "etablissement-public",
            "Comité syndical",
            "La décision revient au comité syndical.",
        ),
        (
            "Office public de l'habitat",
            "autre",
            "Conseil d'administration",
            "La décision revient au conseil d’administration.",
        ),
    ],
)
def test_widgets_name_the_decider_of_every_type(demo_kit, name, kind, decider, expected):
    kit = _as(demo_kit, name, kind, decider)
    text = french_html(str(contract.contract_part(kit, "decision")))
    assert expected in " ".join(re.sub(r"<[^>]+>", " ", text).split())
    slides = french_html(str(presentation.presentation(kit)))
    assert french_text(f"La décision {name_of(decider).of()}, le 1er septembre 2027.") in " ".join(
        re.sub(r"<[^>]+>", " ", slides).split()
    )


# --- Plain language on the public site -------------------------------------------------

MAX_MEAN_WORDS = 15
_BLOCKS = ("p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "figcaption", "caption")


def sentence_lengths(html: str) -> list[int]:
    """Words per sentence in the article: each paragraph, list item or cell is cut at . ! ? …"""
    article = lxml.html.fromstring(html).find_class("md-content__inner")[0]
    lengths = []
    for el in article.iter(*_BLOCKS):
        if any(a.tag in _BLOCKS for a in el.iterancestors()) or "kit-audience" in (el.get("class") or ""):
            continue
        for sentence in re.split(r"(?<=[.!?…])\s+", " ".join(el.text_content().split())):
            words = re.findall(r"[\w’'-]+", sentence)
            if words:
                lengths.append(len(words))
    return lengths


def test_public_pages_use_short_sentences(demo_public_site, interco_public_site):
    for build in (demo_public_site, interco_public_site):
        for path in sorted(build.site.rglob("index.html")):
            if path.parent == build.site / "404":
                continue
            lengths = sentence_lengths(path.read_text(encoding="utf-8"))
            mean = sum(lengths) / len(lengths)
            assert mean <= MAX_MEAN_WORDS, f"{path.relative_to(build.site)} : {mean:.1f} mots par phrase"


def test_public_pages_explain_their_jargon(demo_public_site, interco_public_site):
    for build in (demo_public_site, interco_public_site):
        for page, text in _page_texts(build.site).items():
            plain_text = text.replace("’", "'")
            for term, why in JARGON.items():
                if jargon_pattern(term).search(plain_text):
                    assert why in plain_text, f"{page} : « {term} » sans explication"
    home = _page_texts(demo_public_site.site)[""]
    assert "maîtrise d’œuvre (l’équipe qui dessine le projet et suit les travaux)" in home
    assert "consultation" not in _page_texts(demo_public_site.site)["public/contrat"].lower()


def test_jargon_is_explained_once_and_never_in_headings():
    html = "<article><h2>Le CCAS</h2><p>Le CCAS aide. Le CCAS vient.</p><p>Le FALC, facile à lire et à comprendre.</p></article>"
    out = explain_jargon(html)
    assert "<h2>Le CCAS</h2>" in out and out.count("centre communal d'action sociale") == 1
    assert "FALC (" not in out


# --- Legal pages of the public site ------------------------------------------------------


def test_public_site_has_its_legal_pages_with_their_parts(demo_public_site):
    texts = {
        k: v.replace(NBSP, " ").replace(NNBSP, " ") for k, v in _page_texts(demo_public_site.site).items()
    }
    mentions = texts["public/mentions-legales"]
    for part in (
        "Ce site est édité par la Ville de Bellerive-sur-Loire.",
        "Hôtel de ville, 2 rue de la Mairie",
        "Directeur ou directrice de la publication : Le maire",
        "Hébergeur",
        "article 6",
    ):
        assert part in mentions, part
    statement = texts["public/declaration-accessibilite"]
    for part in (
        "Ce site est partiellement conforme",
        "RGAA",
        "version 4.1",
        "15 février 2027",
        "82 %",
        "Le plan de la place",
        "20 février 2027",
        "article 47 de la loi du 11 février 2005",
        "Défenseur des droits",
        "Libre réponse 71120",
        "concertation-halle@bellerive.example",
    ):
        assert part in statement, part
    data = texts["public/donnees-personnelles"]
    for part in (
        "Le responsable du traitement de vos données est la Ville de Bellerive-sur-Loire.",
        "dpo@bellerive.example",
        "Vous envoyer le compte rendu",
        "Votre accord",
        "La direction de l’aménagement",
        "effacée dès l’envoi",
        "corriger ou effacer",
        "refuser",
        "CNIL",
        "3 place de Fontenoy",
        "RGPD, article 13",
    ):
        assert part in data, part
    for page, text in texts.items():
        assert (
            "Mentions légales" in text
            and "Accessibilité : partiellement conforme" in text
            and "Données personnelles" in text
        ), page


def test_guarantor_is_reached_directly(demo_public_site):
    text = _page_texts(demo_public_site.site)["public/contrat"]
    assert "Pour écrire au garant, sans passer par les services" in text
    garant = text.index("garante-halle@garants.example")
    assert garant < text.index("concertation-halle@bellerive.example")


def test_kit_check_warns_of_each_missing_detail_with_its_key(tmp_path):
    data = yaml.safe_load((ROOT / "kits" / "clients" / "demo" / "client.yml").read_text(encoding="utf-8"))
    data.pop("pages_legales")
    data["collectivite"].pop("adresse")
    data["contrat_participation"].pop("garant_contact")
    shutil.copytree(ROOT / "kits" / "clients" / "demo", tmp_path / "x")
    (tmp_path / "x" / "client.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    problems = client_warnings(Settings(slug="x", clients_dir=tmp_path))
    warnings = [str(w) for w in problems]
    keys = [format_path(w.loc) for w in problems]
    for key in (
        "collectivite.adresse",
        "pages_legales.directeur_publication",
        "pages_legales.hebergeur",
        "pages_legales.accessibilite.statut",
        "pages_legales.donnees_personnelles.dpo",
        "pages_legales.donnees_personnelles.base_legale",
        "pages_legales.donnees_personnelles.duree_conservation",
        "contrat_participation.garant_contact",
    ):
        assert key in keys, (key, warnings)
    assert all(
        w.startswith(("kits/", str(tmp_path), "x/")) or "client.yml:" in w or "cabinet.yml" in w
        for w in warnings
    )
    assert any("cabinet.yml:" in w and "identite_legale.siret" in w for w in warnings)
    assert client_warnings(Settings())[:1] != [] and not any(
        "client.yml" in str(w) for w in client_warnings(Settings())
    )


# --- The quote ---------------------------------------------------------------------------


def test_quote_carries_the_legal_mentions(demo_site):
    text = _page_texts(demo_site.site)["livrables/devis"].replace(NBSP, " ").replace(NNBSP, " ")
    for part in (
        "SASU",
        "832 143 168 RCS Nantes",
        "Siège social",
        "12 allée du Port-Maillard, 44000 Nantes",
        "coordonnée d’exemple, à remplacer",
        "Ville de Bellerive-sur-Loire",
        "44999 Bellerive-sur-Loire",
        "DEV-2027-003",
        "5 janvier 2027",
        "5 avril 2027",
        "Total HT",
        "TVA (20 %)",
        "Total TTC",
        "9 840,00 €",
        "le forfait est ramené à 2 500,00 € HT, soit 3 000,00 € TTC",
        "Phase 1",
        "30 jours",
        "Aucun acompte n’est demandé à la commande",
        "Bon pour accord",
        "Signature et cachet",
    ):
        assert part in text, part
    assert "acompte de 30" not in text


def test_legal_widgets_never_invent(demo_kit):
    bare = dataclasses.replace(demo_kit, client=demo_kit.client.model_copy(update={"legal": None}))
    for part in legal_pages.LEGAL_PARTS:
        html = str(legal_pages.legal_part(bare, part))
        assert "exemple" not in html, part
    assert legal_pages.accessibility_status(bare) == "non conforme"


# --- Fonts and titles ---------------------------------------------------------------------


def test_fonts_read_normally_and_titles_are_never_hyphenated(demo_site):
    fonts = (demo_site.site / "assets" / "kit" / "fonts.css").read_text(encoding="utf-8")
    assert set(re.findall(r'font-family: "([^"]+)"', fonts)) == {
        "IBM Plex Sans",
        "JetBrains Mono",
    }  # no slashed zero
    for font in re.findall(r'url\("\.\./fonts/([^"]+)"\)', fonts):
        assert (demo_site.site / "assets" / "fonts" / font).is_file(), font
    kit_css = (demo_site.site / "assets" / "kit" / "kit.css").read_text(encoding="utf-8")
    assert re.search(r"h1, h2, h3, h4, h5, h6[^{]*\{[^}]*hyphens: manual", kit_css)
    book = (ROOT / "macros" / "outputs" / "pdf" / "print" / "livret.css").read_text(encoding="utf-8")
    assert re.search(r"\.kit-livret__couverture \*[^{]*\.kit-slide__title[^{]*\{ hyphens: manual; \}", book)


def _printed_lines(site: Path, body: str) -> list[str]:
    """The lines WeasyPrint sets for ``body`` in a 40 mm column, with the book's stylesheet."""
    html = (
        '<!doctype html><html lang="fr"><head><title>t</title>'
        f'<link rel="stylesheet" href="{BASE_URL}assets/kit/fonts.css"><link rel="stylesheet" href="{BASE_URL}pdf/livret.css">'
        "<style>.col { width: 40mm; }</style></head><body>" + body + "</body></html>"
    )
    pdf = render(html, site, name="coupures.pdf").pdf
    out = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [line.strip() for line in out.splitlines() if line.strip()]


def test_print_never_hyphenates_covers_and_headings_but_does_body_text(demo_site):
    words = "intercommunalité expérimentations départementales accompagnement " * 2
    body = _printed_lines(demo_site.site, f'<div class="col"><p>{words}</p></div>')
    assert any(line.endswith("-") for line in body), body  # hyphenation is on: the test can see a cut
    for title in (
        f'<section class="kit-livret__couverture"><div class="col"><p class="kit-livret__projet">{words}</p></div></section>',
        f'<div class="col"><h1>{words}</h1></div>',
        f'<div class="col"><h2 class="kit-slide__title">{words}</h2></div>',
    ):
        lines = _printed_lines(demo_site.site, title)
        assert not any(line.endswith("-") for line in lines if "intercommunalité" in line or "é" in line), (
            lines
        )


def test_the_public_leak_check_still_sees_a_value_the_typography_pass_has_set():
    from macros.site import audience

    for value in (
        "Présidence de l'union (exemple)",
        "Réunion à 18:30 : tarif « 350 € » ?",
        "union@commercants.example",
    ):
        assert audience._normalise(french_text(value)) == audience._normalise(value), value

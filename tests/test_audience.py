"""Audiences: the public site contains public pages and nothing else.

Real builds of the demo client (the session fixtures) are read back: pages,
search index, sitemap, 404 page and copied files. The post-build check is
shown to stop a public page that prints an internal field, and the review
site to carry its audience badges. The link and URL helpers are tested in
process.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build
from test_hostile_inputs import PNG

from macros.model import Client
from macros.site import audience
from macros.site.pages import read_page_info

DOCS = ROOT / "docs"


def _audiences() -> dict[str, tuple[str, ...]]:
    return {p.relative_to(DOCS).as_posix(): read_page_info(p, p.name).audience for p in DOCS.rglob("*.md")}


def _url(src_uri: str) -> str:
    stem = src_uri.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def _internal_urls() -> list[str]:
    return [_url(src) for src, readers in _audiences().items() if "public" not in readers and _url(src)]


def test_demo_has_internal_pages_to_hide():
    assert len(_internal_urls()) >= 3
    assert any("public" in readers for readers in _audiences().values())


def test_public_site_files_are_public_pages_or_theme(demo_public_site):
    site = demo_public_site.site
    for page in site.rglob("index.html"):
        rel = page.parent.relative_to(site).as_posix()
        assert not rel.startswith(("cabinet", "livrables", "roi", "client")), rel
    assert not (site / "livrets").exists()


def test_search_index_sitemap_and_404_name_no_internal_page(demo_public_site):
    site = demo_public_site.site
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    sitemap_gz = gzip.decompress((site / "sitemap.xml.gz").read_bytes()).decode()
    not_found = (site / "404.html").read_text(encoding="utf-8")
    for url in _internal_urls():
        assert url not in locations
        assert url not in sitemap and url not in sitemap_gz
        assert f'href="/{url}"' not in not_found and f'{url}"' not in not_found


def test_review_site_shows_audience_badges(demo_site, demo_public_site):
    home = demo_site.html()
    assert 'class="kit-audience"' in home
    assert "kit-audience__badge--elus" in home and "kit-audience__badge--agents" in home
    assert "Hors site public" in home
    public_page = demo_site.html("public/participer")
    assert "kit-audience__badge--public" in public_page and "Hors site public" not in public_page
    assert "kit-audience" not in demo_public_site.html()


def _client_with_public_page(tmp_path: Path, body: str) -> Path:
    client = tmp_path / "clients" / "fuite"
    (client / "pages").mkdir(parents=True)
    # A public site needs the collectivity's choice of scenario.
    base = (ROOT / "tests" / "invalid" / "_base.yml").read_text(
        encoding="utf-8"
    ) + "scenario_retenu: marche\n"
    contact = "    contact:\n      nom: Personne Privée\n      courriel: prive.fuite@exemple.fr\n"
    base = base.replace("    niveau_cible: consulter\n", "    niveau_cible: consulter\n" + contact, 1)
    (client / "client.yml").write_text(base, encoding="utf-8")
    (client / "pages" / "infos.md").write_text(
        f"---\ntitle: Infos\naudience: [public]\n---\n\n# Infos\n\n{body}\n", encoding="utf-8"
    )
    return client.parent


def test_post_build_check_stops_a_public_page_printing_a_contact(tmp_path):
    clients = _client_with_public_page(tmp_path, "Écrire à prive.fuite@exemple.fr pour participer.")
    site = tmp_path / "site"
    build = mkdocs_build(site, client="fuite", clients_dir=clients, audience="public")
    assert build.returncode == 1
    assert "site public refusé" in build.stderr
    assert (
        "client/infos/index.html : contient la valeur d’un champ interne de client.yml (parties_prenantes[0].contact.courriel)"
        in build.stderr
    )
    assert "search/search_index.json" in build.stderr
    assert "Traceback" not in build.stderr
    assert not any(site.iterdir())  # nothing left behind that could be deployed


def test_same_client_without_the_leak_builds(tmp_path):
    # File names with a space and an accent: MkDocs percent-encodes their addresses.
    body = "Rendez-vous à la mairie. ![Plan](<plan du quartier é.png>) Voir [les notes](<notes internes.md>)."
    clients = _client_with_public_page(tmp_path, body)
    pages = clients / "fuite" / "pages"
    (pages / "plan du quartier é.png").write_bytes(PNG)
    (pages / "notes internes.md").write_text("---\naudience: [elus]\n---\n\n# Notes\n", encoding="utf-8")
    build = mkdocs_build(tmp_path / "site", client="fuite", clients_dir=clients, audience="public")
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "site" / "client" / "infos" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "site" / "client" / "plan du quartier é.png").is_file()  # the image the page shows
    assert "Voir les notes." in page and "notes%20internes" not in page  # link to an internal page: text only
    assert not (tmp_path / "site" / "client" / "notes internes").exists()


# --- helpers, in process -------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "page", "expected"),
    [
        ("../../cabinet/offres/", "public/contrat/", "cabinet/offres"),
        ("../cabinet/offres/#prix", "public/contrat/", "public/cabinet/offres"),
        ("offres/", "", "offres"),
        ("/roi/", "public/contrat/", "roi"),
        ("https://exemple.fr/roi/", "public/contrat/", None),
        ("#haut", "public/contrat/", None),
        ("./", "public/", "public"),
    ],
)
def test_resolve_url(href, page, expected):
    assert audience.resolve_url(href, page) == expected


def test_unwrap_links_keeps_text_and_other_links():
    html = '<p>Voir <a href="../../cabinet/offres/">les <em>offres</em></a> et <a href="../contrat/">le contrat</a>.</p>'
    out = audience.unwrap_links(html, "public/contact/", {"cabinet/offres/"})
    assert out == '<p>Voir les <em>offres</em> et <a href="../contrat/">le contrat</a>.</p>'


def test_internal_values_name_fields_and_skip_short_or_typed_values():
    # A public site needs the collectivity's choice of scenario.
    base = (ROOT / "tests" / "invalid" / "_base.yml").read_text(
        encoding="utf-8"
    ) + "scenario_retenu: marche\n"
    import yaml

    data = yaml.safe_load(base)
    data["mission"]["version"] = "2"
    data["parties_prenantes"][0]["contact"] = {"nom": "Personne Privée", "telephone": "01 02 03 04 05"}
    data["publics"][0]["note"] = "Difficiles à joindre en juillet"
    values = audience.internal_values(Client.model_validate(data))
    assert values == {
        "mission.consultant": "consultant du cabinet (exemple)",
        "parties_prenantes[0].contact.nom": "personne privée",
        "parties_prenantes[0].contact.telephone": "01 02 03 04 05",
        "publics[0].note": "difficiles à joindre en juillet",
    }


def test_check_public_site_flags_each_kind_of_leak(tmp_path):
    (tmp_path / "index.html").write_text('<a href="cabinet/offres/">x</a> Personne Privée', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("rien", encoding="utf-8")
    plan = audience.PublicPlan(
        expected={"index.html"},
        pages={"index.html": "public/participer.md"},
        excluded={"cabinet/offres/": "cabinet/offres.md"},
        secrets={"parties_prenantes[0].contact.nom": "personne privée"},
    )
    leaks = [str(leak) for leak in audience.check_public_site(tmp_path, plan, lambda source: ("elus",))]
    assert leaks == [
        "site public, index.html : la page « public/participer.md » n’est pas destinée au public",
        "site public, index.html : mentionne la page non publique « cabinet/offres.md »",
        "site public, index.html : contient la valeur d’un champ interne de client.yml (parties_prenantes[0].contact.nom)",
        "site public, notes.txt : fichier inattendu (ni page publique, ni fichier du thème)",
    ]


def test_mention_of_a_page_is_a_whole_path(tmp_path):
    (tmp_path / "index.html").write_text('<a href="public/avis-public/">avis</a>', encoding="utf-8")
    plan = audience.PublicPlan(expected={"index.html"}, excluded={"public/avis/": "public/avis.md"})
    assert audience.check_public_site(tmp_path, plan, lambda source: ("public",)) == []


def test_strip_comments_removes_notes_to_colleagues():
    html = "<p>Réunion le 3 mars.</p>\n<!-- à vérifier\navec le maire -->\n<p>Fin</p>"
    assert audience.strip_comments(html) == "<p>Réunion le 3 mars.</p>\n\n<p>Fin</p>"

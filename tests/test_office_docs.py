"""The cahier des charges and the élus' brief as DOCX and ODT, converted from the built review site
by the real Pandoc, then reopened with python-docx and odfpy: real headings in
the heading styles (the outline of a word processor), tables, the client's name."""

from __future__ import annotations

import dataclasses

import docx
import pytest
from odf import opendocument, teletype
from odf import table as odf_table
from odf import text as odf_text

from macros.loading.kit import load_kit
from macros.outputs.office import build_office_documents
from macros.render.widgets.specs import specs_part
from macros.settings import Settings

SECTIONS = 16  # « 1. Contexte et maître d'ouvrage » ... « 16. Contact »


@pytest.fixture(scope="module")
def documents(demo_site, tmp_path_factory):
    out = tmp_path_factory.mktemp("bureautique")
    kit = load_kit(dataclasses.replace(Settings.from_env({}), slug="demo"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1790000000")
        first = build_office_documents(demo_site.site, kit, out)
        bytes_once = {d.path.name: d.path.read_bytes() for d in first}
        build_office_documents(demo_site.site, kit, out)
    return out, bytes_once


def test_docx_has_word_headings_tables_and_the_client(documents, demo_site):
    out, _ = documents
    assert (
        'href="livrets/cahier-des-charges.docx"' in demo_site.html()
        and 'href="livrets/cahier-des-charges.odt"' in demo_site.html()
    )
    document = docx.Document(str(out / "cahier-des-charges.docx"))
    styles = [p.style.name for p in document.paragraphs]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert len(headings) == SECTIONS
    assert headings[0] == "1. Contexte et maître d’ouvrage" and headings[-1] == "16. Contact"
    assert (
        styles.count("Title") == 1 and document.paragraphs[0].text == "Cahier des charges de la concertation"
    )
    assert document.paragraphs[1].text == "Ville de Bellerive-sur-Loire — Réaménager la place de la Halle"
    assert len(document.tables) >= 5
    assert document.core_properties.language == "fr-FR"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Lue par" not in text and "¶" not in text and "Ajouter" not in text  # screen-only parts left out
    # A table named like the heading above it is named once (the page keeps its caption).
    assert [p.text for p in document.paragraphs].count("Décision visée et calendrier") == 0
    assert "2. Décision visée et calendrier" in headings
    assert "Publics visés" in text  # a caption that adds something stays
    assert 'table class="kit-table kit-specs__decision' in demo_site.html("livrables/cahier-des-charges")
    assert "<caption>Décision visée et calendrier</caption>" in demo_site.html("livrables/cahier-des-charges")


def test_a_label_is_not_repeated_by_what_is_missing_under_it():
    """« Ce que la collectivité fera des résultats : » then « À compléter. », not « Usage des résultats : … »."""
    kit = load_kit(dataclasses.replace(Settings.from_env({}), slug="demo"))
    empty = kit.client.specs.model_copy(update={"use_of_results": None, "alternatives": []})
    bare = dataclasses.replace(kit, client=kit.client.model_copy(update={"specs": empty}))
    objectives, perimeter = specs_part(bare, "objectifs"), specs_part(bare, "perimetre")
    assert "Ce que la collectivité fera des résultats :" in objectives
    assert '<p class="kit-empty">À compléter.</p>' in objectives and "Usage des résultats" not in objectives
    assert perimeter.count("Alternatives étudiées") == 1 and "À compléter." in perimeter


def test_odt_has_outline_headings_and_tables(documents):
    out, _ = documents
    document = opendocument.load(str(out / "cahier-des-charges.odt"))
    headings = [h for h in document.getElementsByType(odf_text.H) if h.getAttribute("outlinelevel") == "1"]
    assert len(headings) == SECTIONS
    assert len(document.getElementsByType(odf_table.Table)) >= 5
    paragraphs = [teletype.extractText(p) for p in document.getElementsByType(odf_text.P)]
    assert "Ville de Bellerive-sur-Loire — Réaménager la place de la Halle" in paragraphs


def test_the_same_sources_give_the_same_documents(documents):
    out, first = documents
    assert {name: (out / name).read_bytes() for name in first} == first


def test_unchanged_documents_come_from_the_cache(demo_site, tmp_path):
    kit = load_kit(dataclasses.replace(Settings.from_env({}), slug="demo"))
    cache = tmp_path / "cache"
    first = build_office_documents(demo_site.site, kit, tmp_path / "a", cache_dir=cache)
    again = build_office_documents(demo_site.site, kit, tmp_path / "b", cache_dir=cache)
    forced = build_office_documents(demo_site.site, kit, tmp_path / "c", cache_dir=cache, reuse=False)
    assert [d.path.name for d in first] == [
        "cahier-des-charges.docx",
        "cahier-des-charges.odt",
        "essentiel-elus.docx",
        "essentiel-elus.odt",
    ]
    assert not any(d.reused for d in first) and all(d.reused for d in again)
    assert not any(d.reused for d in forced)
    assert [d.path.read_bytes() for d in again] == [d.path.read_bytes() for d in first]
    assert len(list(cache.iterdir())) == 4


def test_the_elus_brief_opens_as_a_document_with_its_headings(documents, demo_site):
    out, _ = documents
    assert 'href="livrets/essentiel-elus.docx"' in demo_site.html()
    document = docx.Document(str(out / "essentiel-elus.docx"))
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "L’essentiel pour les élus"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Ce qu’il ne faut pas promettre" in headings and len(headings) >= 4
    assert document.tables, "le tableau des décisions des élus"
    odt = opendocument.load(str(out / "essentiel-elus.odt"))
    assert [h for h in odt.getElementsByType(odf_text.H) if h.getAttribute("outlinelevel") == "1"]

"""The handbooks as élus and agents use them: read back from the demo's PDFs
(pdftotext, one print for the whole session), plus the legal checks, the
workshop timing and the easy-to-read templates on the model.

The per-offer booklets are checked in ``test_deliverables.py``, on the sites
that module already builds for each offer.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
import yaml
from conftest import BIN, ROOT, kit_env

from macros.compute import workshop_plan
from macros.loading.kit import load_kit
from macros.loading.legal_checks import legal_warnings
from macros.render.widgets import field_sheets, letters, operations, roi_worksheet
from macros.settings import Settings

DEMO = ROOT / "kits" / "clients" / "demo"


def _pages(path: Path) -> list[str]:
    """The text of each page of a PDF, whitespace collapsed."""
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # the typography pass sets ’ in every page: compare with the words as typed
    return [" ".join(page.split()).replace("\u2019", "'") for page in out.split("\f")][:-1]


@pytest.fixture(scope="module")
def elus(demo_pdfs) -> list[str]:
    return _pages(demo_pdfs["elus"].path)


@pytest.fixture(scope="module")
def agents(demo_pdfs) -> list[str]:
    return _pages(demo_pdfs["agents"].path)


@pytest.fixture(scope="module")
def kit():
    return load_kit(Settings())


# -- the élus booklet --------------------------------------------------------------


def test_elus_booklet_is_short_and_opens_with_the_brief(elus):
    assert len(elus) <= 12
    brief = " ".join(elus[2:4])  # after the cover and the contents: two pages
    for part in (
        "L'essentiel pour les élus",
        "Ce qui sera décidé",
        "Ce qui est ouvert, et ce qui ne l'est pas",
        "Ce qu'il ne faut pas promettre",
        "Votre rôle : avant, pendant, après",
        "Les décisions qui vous reviennent",
        "La posture attendue",
    ):
        assert part in brief, part
    # what not to promise comes from the perimeter and the scenario's level
    assert "Déjà décidé, à ne pas remettre en jeu : le maintien du marché du samedi" in brief
    assert "Niveau « consulter »" in brief
    # the decisions with their dates, the votes the procedure requires among them
    for when, what in (
        ("16 mars 2027", "Choisir le scénario de participation"),
        ("25 mars 2027", "Délibération qui précise les objectifs poursuivis"),
        ("24 juin 2027", "Bilan de la concertation"),
    ):
        assert re.search(f"{when} .{{0,80}}{what}", brief), (when, what)


def test_elus_booklet_states_the_legal_frame_and_keeps_score_tables_out(elus):
    text = " ".join(elus)
    assert "Le cadre légal" in text and "Concertation préalable du code de l'urbanisme" in text
    for article in ("L.103-2", "L.103-3", "L.103-6"):
        assert article in text
    assert "une information seule ne tient pas lieu de la concertation" in text
    # the summary: ranking, heat map, conditions; not the detail of the notes nor the formula
    assert "Le classement" in text and "Qui y gagne, qui y perd" in text and "Les trois conditions" in text
    assert "Toutes les notes données en atelier" not in text and "Poids effectif" not in text


@pytest.mark.parametrize("kind", ["elus", "agents"])
def test_calendar_printed_once_per_booklet(demo_pdfs, kind):
    text = " ".join(_pages(demo_pdfs[kind].path))
    assert text.count("Calendrier de la mission « Construire une concertation pertinente »") == 1


# -- the agents booklet --------------------------------------------------------------


def test_agents_booklet_has_the_reverse_planning_with_owners(agents, kit):
    text = " ".join(agents)
    assert "Rétroplanning, de la décision au cadrage" in text
    for owner in ("Service communication", "Secrétariat général (assemblées)", "Direction de l'aménagement"):
        assert owner in text
    start = text.index("Rétroplanning, de la décision au cadrage")
    rows = text[start : text.index("Jours-agent du rétroplanning")]
    # from the decision back to the cadrage
    assert rows.index("24 juin 2027") < rows.index("17 avril 2027") < rows.index("Mission : Cadrage")


def test_one_sheet_per_public_rendezvous(agents, kit):
    titles = [m.title for m in kit.client.parameters.appointments]
    sheets = [page for page in agents if "Qui le tient" in page and "La première minute" in page]
    assert len(sheets) == len(titles)
    for title in titles:
        starting = [p for p in sheets if f"{title} Quand" in p]
        assert len(starting) == 1, title  # its own sheet, beginning on its own page
    for part in (
        "Lieu et accessibilité",
        "Installation et matériel",
        "Noter un avis",
        "En cas de conflit",
        "Si personne ne vient",
    ):
        assert all(part in p or part in agents[agents.index(p) + 1] for p in sheets), part


def test_templates_with_their_easy_to_read_versions_and_the_form(agents):
    text = " ".join(agents)
    for title in ("Lettre d'invitation", "Affiche", "Communiqué de presse"):
        assert title in text
    for falc in (
        "Lettre d'invitation, version facile à lire",
        "Affiche, version facile à lire",
        "Communiqué, version facile à lire",
    ):
        assert falc in text
    assert "Fiche de recueil des avis" in text and "date canal theme public texte" in text
    # the cahier des charges states the obligations of the procedure
    assert "Obligations de la procédure" in text


def test_easy_to_read_versions_follow_the_rules(kit):
    """Short sentences, one idea each, no abbreviation (FALC)."""
    for which in letters.TEMPLATES:
        html = str(letters.letter(kit, which, falc=True))
        static = re.sub(r"<li>.*?</li>", " ", html, flags=re.S)  # the programme lists the client's own words
        text = unescape(re.sub(r"<[^>]+>", " ", re.sub(r"</(?:p|h3)>", "\n", static)))
        sentences = [
            s for block in text.splitlines() for s in re.split(r"(?<=[.?!])\s+", " ".join(block.split())) if s
        ]
        assert sentences
        assert max(len(s.split()) for s in sentences) <= 15, which
        assert ";" not in text and not re.search(
            r"\b[A-Z]{2,}\b|\b(?:[A-Z]\.){2,}", text.replace("Bellerive", "")
        ), which


def test_sheets_and_templates_escape_client_text(kit):
    client = kit.client
    meeting = client.parameters.appointments[0].model_copy(
        update={"title": "<script>alert(1)</script>", "holder": "<b>x</b>"}
    )
    params = client.parameters.model_copy(update={"appointments": [meeting]})
    hostile = dataclasses.replace(kit, client=client.model_copy(update={"parameters": params}))
    for html in (
        field_sheets.appointment_sheets(hostile),
        letters.letter(hostile, "invitation"),
        operations.contribution_form(hostile),
    ):
        assert "<script>" not in str(html) and "<b>x</b>" not in str(html)
        assert "\n\n" not in str(html)  # one block: Markdown leaves it alone


# -- the legal frame: kit check ------------------------------------------------------


def test_without_a_declared_procedure_the_frame_says_what_to_verify(kit):
    from macros.render.widgets import legal

    none = dataclasses.replace(
        kit,
        client=kit.client.model_copy(
            update={"project": kit.client.project.model_copy(update={"procedures": [], "deliberations": []})}
        ),
    )
    text = unescape(str(legal.legal_frame(none)))
    assert "Aucune procédure réglementaire de participation n’est déclarée" in text
    assert all(p.name in text for p in kit.library.procedures)
    assert "Aucune procédure réglementaire" in unescape(str(legal.legal_summary(none)))


def _warnings(kit, **changes):
    client = kit.client
    project = client.project.model_copy(update=changes.pop("project", {}))
    changed = client.model_copy(update={"project": project, **changes})
    return [str(p) for p in legal_warnings(changed, kit.client_doc, kit.library)]


def test_demo_answers_every_obligation_it_declares(kit):
    assert _warnings(kit) == []


def test_missing_vote_and_stop_rule_under_a_mandatory_procedure_are_warned(kit):
    quote = kit.client.quote.model_copy(update={"stop_before_workshop": True})
    # No dated feedback anywhere: neither the chosen scenario's (the one source) nor the contract's.
    undated = [s.model_copy(update={"feedback": []}) for s in kit.client.scenarios]
    said = _warnings(kit, project={"deliberations": []}, quote=quote, contract=None, scenarios=undated)
    line = kit.client_doc.line_of(("projet", "procedures", 0))
    assert any(
        w.startswith(f"kits/clients/demo/client.yml:{line}: projet.procedures[0] : ")
        and "C. urb. L.103-3 demande une délibération" in w
        and "(objet : deliberation-modalites)" in w
        for w in said
    ), said
    assert any("C. urb. L.103-6 demande une délibération" in w for w in said)
    assert any("demande de rendre compte au public : aucun retour daté" in w for w in said)
    assert any(
        "devis.arret_avant_atelier : la mission s’arrête avant l’atelier, sur une information seule" in w
        and "Concertation préalable du code de l'urbanisme (C. urb. L.103-2)" in w
        for w in said
    ), said


def test_votes_dated_on_the_wrong_side_of_the_participation_are_warned(kit):
    votes = [
        v.model_copy(update={"day": kit.client.project.decision_date})
        for v in kit.client.project.deliberations
    ]
    said = _warnings(kit, project={"deliberations": votes})
    assert any("après le premier rendez-vous du 2027-04-17" in w for w in said), said


def test_kit_check_prints_the_warnings_and_still_passes(tmp_path):
    target = tmp_path / "ville"
    shutil.copytree(DEMO, target)
    data = yaml.safe_load((target / "client.yml").read_text(encoding="utf-8"))
    data["projet"].pop("deliberations")
    (target / "client.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    proc = subprocess.run(
        [str(BIN / "kit"), "check", "ville", "--clients-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env=kit_env(),
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    # 2 of the legal frame, 3 of the firm's identity that the quote lacks (SIRET, VAT number, example contact)
    assert "ville : 5 avertissements" in proc.stderr
    assert (
        "projet.procedures[0] : Concertation préalable du code de l'urbanisme : C. urb. L.103-3 demande une délibération"
        in proc.stdout
    )


# -- the R.O.I. workshop --------------------------------------------------------------


def test_workshop_timing_follows_the_grid(kit):
    plan = workshop_plan.plan(kit)
    assert (plan.publics, plan.criteria, plan.scenarios) == (4, 15, 3)
    assert plan.one_room > plan.length  # 180 scores do not fit one room in a half-day...
    assert plan.tables == 2 and plan.kept == plan.criteria and plan.fits  # ...two tables do
    more = [
        kit.client.publics[0].model_copy(update={"id": pid})
        for pid in (
            "commercants",
            "parents-actifs",
            "seniors",
            "jeunes",
            "non-francophones",
            "eloignes-institutions",
            "usagers-extremes",
            "personnes-handicapees",
            "riverains",
        )
    ]
    crowded = dataclasses.replace(kit, client=kit.client.model_copy(update={"publics": more}))
    big = workshop_plan.plan(crowded)
    assert big.tables == workshop_plan.MAX_TABLES and big.kept < big.criteria and big.fits


def test_worksheets_are_blank_unless_asked(kit):
    assert "kit-strip__box--on" not in str(roi_worksheet.worksheets(kit))
    workshop = kit.client.roi.workshop.model_copy(update={"prefilled": True})
    roi = kit.client.roi.model_copy(update={"workshop": workshop})
    filled = dataclasses.replace(kit, client=kit.client.model_copy(update={"roi": roi}))
    assert "kit-strip__box--on" in str(roi_worksheet.worksheets(filled))


def test_usage_kit_never_asks_to_edit_client_yml():
    source = (ROOT / "docs" / "roi" / "kit-utilisation.md").read_text(encoding="utf-8")
    assert "client.yml" not in source and "--export" in source and "--import" in source


def test_handbook_widgets_cope_with_a_bare_client(kit):
    """A client fresh from ``kit new``: no calendar, no rendez-vous, no procedure; plain French, no crash."""
    from macros.render.widgets import brief, handbook_macros

    bare = kit.client.model_copy(
        update={
            "calendar": [],
            "stakeholders": [],
            "scenarios": [],
            "publics": [],
            "parameters": None,
            "contract": None,
            "specs": None,
            "quote": None,
            "strategy": None,
            "discovery": None,
            "project": kit.client.project.model_copy(
                update={"decision_date": None, "procedures": [], "deliberations": []}
            ),
        }
    )
    table = handbook_macros.handbook_macros(dataclasses.replace(kit, client=bare))
    outputs = [table["essentiel"](part) for part in brief.BRIEF_PARTS]
    outputs += [table["modele"](which, falc) for which in letters.TEMPLATES for falc in (False, True)]
    outputs += [func() for name, func in table.items() if name not in ("essentiel", "modele")]
    for html in outputs:
        assert str(html).strip() and "Traceback" not in str(html)
    assert "date à fixer" in str(table["essentiel"]("decision"))
    assert "Aucun rendez-vous public" in str(table["fiches_rendez_vous"]())

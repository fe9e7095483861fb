"""R.O.I. citoyen widgets and gates, in-process from the models (no build)."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from fractions import Fraction

import pytest
import yaml
from conftest import ROOT
from rich.console import Console

from macros.compute.roi import analyse, best_scenario
from macros.compute.roi.gates import citizens_gate, elected_gate, services_gate
from macros.compute.roi.summary import print_summary
from macros.loading.kit import load_kit
from macros.model.client import Project, Scenario
from macros.model.roi import RoiData
from macros.render.widgets import roi_kit, roi_macros
from macros.render.widgets.roi_common import BANDS, _luminance, contrast, text_color
from macros.settings import Settings


@pytest.fixture(scope="module")
def demo():
    return load_kit(Settings())


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """The minimal valid client of the invalid corpus: no R.O.I. data at all."""
    folder = tmp_path_factory.mktemp("clients")
    (folder / "base").mkdir()
    shutil.copy(ROOT / "tests" / "invalid" / "_base.yml", folder / "base" / "client.yml")
    return load_kit(Settings(slug="base", clients_dir=folder))


class _Env:
    conf = {"extra": {}}


def test_palette_reads_in_grey_and_every_cell_text_passes_aa():
    lightness = [_luminance(color) for _, _, color, _ in BANDS]
    assert lightness == sorted(lightness, reverse=True)  # monotonic: readable in greyscale
    for _, _, color, _ in BANDS:
        assert contrast(text_color(color), color) >= 4.5, color


def test_best_scenario_is_the_top_of_the_ranking(demo, bare):
    assert best_scenario(demo).id == "aller-vers"
    assert best_scenario(bare) is None  # nothing scored: no choice yet


def test_every_widget_copes_with_a_client_without_roi_data(bare):
    macros = roi_macros.roi_macros(bare, _Env())
    out = {name: str(func()) for name, func in macros.items()}
    assert "pas encore" in out["roi_exemple"] or "apparaîtra" in out["roi_exemple"]
    assert "non noté" in out["roi_carte"]
    assert "Grille notée à 0 %" in out["roi_completude"]
    assert out["roi_meilleur"] == "aucun scénario noté pour l’instant"
    assert "Non respectée" in out["roi_conditions"]  # no feedback date: the citizens' condition fails
    assert out["roi_lien_contrat"] == ""


def test_client_text_is_escaped_in_widgets(bare):
    scenario = bare.client.scenarios[0].model_copy(update={"title": "<script>alert(1)</script>"})
    client = bare.client.model_copy(update={"scenarios": [scenario, *bare.client.scenarios[1:]]})
    kit = type(bare)(bare.settings, bare.firm, bare.offers, bare.library, client, bare.client_doc)
    html = str(roi_macros.roi_macros(kit, _Env())["roi_carte"]())
    assert "<script>" not in html and "&lt;script&gt;" in html


def _scenario(**extra) -> Scenario:
    return Scenario.model_validate(
        {"id": "s", "titre": "S", "resume": "R", "techniques": ["reunion-publique"], **extra}
    )


def _project(**extra) -> Project:
    return Project.model_validate(
        {"titre": "T", "resume": "R", "decision": "D", "decideur": "Conseil municipal", **extra}
    )


def test_elected_gate_fails_without_anything_non_negotiable_and_warns_without_role():
    gate = elected_gate(_scenario(), _project())
    assert gate.status == "echec"
    assert "rien n’est déclaré non négociable" in gate.reasons[0]
    gate = elected_gate(_scenario(non_negociable=["Le budget"]), _project(date_decision="2027-06-01"))
    assert gate.status == "alerte" and gate.reasons == ("le rôle des élus à chaque étape n’est pas précisé",)
    gate = elected_gate(
        _scenario(non_negociable=["Le budget"], role_elus="Ils arbitrent."),
        _project(date_decision="2027-06-01"),
    )
    assert gate.status == "ok" and gate.reasons[0] == "Le conseil municipal décide, le 1er juin 2027"


@pytest.mark.parametrize(("days", "status"), [(16, "ok"), (17, "alerte"), (20, "alerte"), (21, "echec")])
def test_services_gate_warns_above_80_percent_and_fails_above_capacity(demo, days, status):
    gate = services_gate(
        _scenario(jours_agent=days), demo.library, RoiData.model_validate({"capacite_jours_agent": 20})
    )
    assert gate.status == status


def test_services_gate_sums_technique_cards_and_warns_without_capacity(demo):
    gate = services_gate(_scenario(techniques=["reunion-publique", "stand-mobile"]), demo.library, RoiData())
    assert gate.status == "alerte"
    assert gate.reasons == ("7 jours-agent demandés, mais la capacité des services n’est pas déclarée",)


def test_citizens_gate_needs_threshold_and_a_feedback_date(demo):
    analysis = analyse(demo)
    result = analysis.results[0]
    names = analysis.public_names
    roi = RoiData.model_validate({"seuil_citoyen": 45})
    dated = _scenario(retours=[{"forme": "Synthèse", "echeance": "2027-04-16"}])
    assert citizens_gate(result, dated, roi, names, {"commercants"}).status == "ok"
    assert citizens_gate(result, _scenario(), roi, names, {"commercants"}).status == "echec"
    near = RoiData.model_validate({"seuil_citoyen": 60})  # 64.9 is within 10 points
    assert citizens_gate(result, dated, near, names, {"commercants"}).status == "alerte"
    above = RoiData.model_validate({"seuil_citoyen": 70})
    gate = citizens_gate(result, dated, above, names, {"commercants"})
    assert gate.status == "echec" and "sous le seuil" in gate.reasons[0]
    assert result.worst == Fraction(result.worst)  # exact, not a float


def test_terminal_summary_lists_the_ranking(demo):
    console = Console(record=True, width=200, color_system=None)
    print_summary(demo, console)
    out = console.export_text()
    assert "1 │ Aller vers les habitants" in out and "Commerçants" in out
    assert "Conditions : ✓ respectée, ! à surveiller, ✗ non respectée" in out
    assert "Grille notée à 97 % (192 cases sur 198)" in out
    assert "Passage en boutique le lundi" in out


def test_demo_declares_capacity_and_thresholds(demo):
    roi = demo.client.roi
    assert roi.capacity == Decimal(22) and roi.citizen_threshold == Decimal(50)
    assert all(s.id in roi.scores for s in demo.client.scenarios)


@pytest.mark.parametrize(("typed", "kept"), [(840, "14:00"), ("14h30", "14:30"), ("9:05", "09:05")])
def test_workshop_start_time_accepts_what_people_type(typed, kept):
    """Unquoted 14:00 is the base-60 number 840 for YAML 1.1: read it back as a time."""
    from macros.model.roi import Workshop

    assert Workshop.model_validate({"heure": typed}).start == kept


def test_workshop_counts_take_the_singular_for_one(tmp_path):
    """One public and one scenario: « 1 scénario », never « 1 scénarios » (a fresh commune's kit)."""
    data = yaml.safe_load((ROOT / "tests" / "invalid" / "_base.yml").read_text(encoding="utf-8"))
    data["publics"] = data["publics"][:1]
    data["scenarios"] = data["scenarios"][:1]
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "client.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    kit = load_kit(Settings(slug="base", clients_dir=tmp_path))
    text = re.sub(r"[ \n]+", " ", str(roi_kit.timing_note(kit)) + str(roi_kit.workshop_plan(kit)))
    assert "1\u00a0public ×" in text and "1\u00a0scénario =" in text
    assert "× 1\u00a0scénario," in text and "× 1\u00a0scénario." in text
    assert "1 scénarios" not in text.replace("\u00a0", " ")

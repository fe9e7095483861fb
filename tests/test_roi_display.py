"""R.O.I. display that reads right, on grids and clients that are not the demo.

One rounded value (half up) for the label, the colour, the rank and the gate;
a completeness that never says 100 % with an empty cell; levers shown on the
public they help, and apart on the worst-served. In process, no build.
"""

from __future__ import annotations

import shutil
from fractions import Fraction as F

from conftest import ROOT

from macros.compute.fmt import share
from macros.compute.roi import Crit, Grid, Pub, levers, rank
from macros.compute.roi.gates import citizens_gate
from macros.loading.kit import load_kit
from macros.model.client import Mitigation, Scenario
from macros.model.roi import RoiData
from macros.render.widgets import parameters, roi_levers, roi_method
from macros.render.widgets.roi_common import BANDS, band_color, roi_text
from macros.render.widgets.roi_ranking import completeness_sentence
from macros.settings import Settings

GAIN = Crit("influence", "citoyen", "benefice")
COST = Crit("temps", "citoyen", "cout")


def _color(label_start: int) -> str:
    return next(color for low, _, color, _ in BANDS if low == label_start)


def test_a_cell_printed_40_is_coloured_as_40():
    value = F(3998, 100)
    assert roi_text(value) == "40"
    assert band_color(value) == _color(40)
    assert band_color(F(3949, 100)) == _color(20)  # printed 39


def test_the_gate_reads_the_printed_value():
    """Worst-served at 39,98 is printed « 40 »: against a threshold of 40 it is not « sous le seuil »."""
    scenario = Scenario.model_validate(
        {
            "id": "s",
            "titre": "S",
            "resume": "S",
            "techniques": ["stand-mobile"],
            "retours": [{"forme": "Synthèse", "echeance": "2027-05-01"}],
        }
    )
    result = rank(Grid((GAIN, COST), (Pub("p", True),), ("s",), {}))[0]
    result = result.__class__(**{**result.__dict__, "worst": F(3998, 100), "worst_public": "p"})
    gate = citizens_gate(
        result, scenario, RoiData.model_validate({"seuil_citoyen": 40}), {"p": "Public"}, {"p"}
    )
    assert gate.status == "alerte" and "Public, 40 sur 100 (seuil 40) : juste au-dessus" in gate.reasons[0]


def test_ranking_uses_the_printed_values():
    """Worst-served p: 64,58 in « a », 65,28 in « b », both printed 65. Exact fractions would put « b »
    first; as printed they tie, and the average decides: « a » (q at 100) before « b » (q at 50)."""
    crits = (
        GAIN,
        Crit("information", "citoyen", "benefice"),
        COST,
        Crit("deplacement", "citoyen", "cout", F(1, 8)),
    )

    def cells(s: str, p: str, *scores: int) -> dict:
        return {(s, p, c.id): v for c, v in zip(crits, scores, strict=True)}

    grid = Grid(
        crits,
        (Pub("p", True), Pub("q")),
        ("b", "a"),
        {
            **cells("a", "p", 0, 3, 0, 3),
            **cells("a", "q", 4, 4, 0, 0),
            **cells("b", "p", 2, 4, 2, 0),
            **cells("b", "q", 2, 2, 2, 2),
        },
    )
    ranked = rank(grid)
    assert [(r.scenario, r.worst) for r in ranked] == [("a", F(775, 12)), ("b", F(1175, 18))]
    assert roi_text(ranked[0].worst) == roi_text(ranked[1].worst) == "65"


def test_completeness_never_says_100_with_an_empty_cell():
    assert completeness_sentence(242, 243) == (
        "Grille notée à 99 % : 242 cases sur 243 ; 1 case reste « non notée » et ne compte pas (jamais pour 0)."
    )
    assert completeness_sentence(190, 198).endswith(
        "8 cases restent « non notées » et ne comptent pas (jamais pour 0)."
    )
    assert completeness_sentence(1, 1000).startswith("Grille notée à 1 % : 1 case sur 1")
    assert completeness_sentence(0, 21).startswith("Grille notée à 0 % : 0 case sur 21 ;")
    assert share(243, 243) == "100" and share(0, 10) == "0"


def _mitigation(mid: str, **improves: dict[str, int]) -> Mitigation:
    return Mitigation.model_validate({"id": mid, "titre": mid, "ameliore": improves})


def test_a_lever_shows_its_effect_on_the_public_it_helps():
    """In « a », q is worst-served (25); « p-only » helps p (50 → 62,5 printed 63), not q."""
    pubs = (Pub("p", True), Pub("q", True))
    cells = {
        ("a", "p", "influence"): 2,
        ("a", "p", "temps"): 2,
        ("a", "q", "influence"): 1,
        ("a", "q", "temps"): 3,
    }
    grid = Grid((GAIN, COST), pubs, ("a",), cells)
    [lever] = levers(grid, rank(grid)[0], [_mitigation("p-only", p={"influence": 1})])
    assert lever.gain == 0 and not lever.changes_worst
    [effect] = lever.effects
    assert (effect.public, effect.before, effect.after) == ("p", F(50), F(125, 2))

    class Analysis:
        public_names = {"p": "Parents", "q": "Seniors"}

    assert roi_levers._effects(Analysis, lever) == "Parents : 50 → 63 (+13)"
    assert roi_levers._worst(Analysis, lever) == "inchangé : Seniors (25)"


def _case(tmp_path, case: str, edit: tuple[str, str] | None = None):
    folder = tmp_path / "clients" / case
    folder.mkdir(parents=True)
    text = (ROOT / "tests" / "coherence" / case / "client.yml").read_text(encoding="utf-8")
    if edit:
        text = text.replace(*edit)
    (folder / "client.yml").write_text(text, encoding="utf-8")
    return load_kit(Settings(slug=case, clients_dir=folder.parent))


def test_a_venue_not_accessible_is_said_plainly_with_its_fallback(tmp_path):
    fallback = "      accessible: false\n      solution_repli: Le même parcours, commenté en salle, le samedi suivant.\n"
    kit = _case(tmp_path, "lieu-non-accessible", ("      accessible: false\n", fallback))
    assert kit.warnings == ()  # the fallback is stated: nothing to warn
    html = str(parameters.appointments_list(kit))
    assert (
        "Ce lieu n’est pas accessible en fauteuil roulant. À la place, nous proposons : "
        "Le même parcours, commenté en salle, le samedi suivant."
    ) in html
    assert "Tous les lieux des rendez-vous sont accessibles" not in str(parameters.accessibility_list(kit))


def test_the_method_page_says_why_the_threshold_differs(tmp_path):
    kit = _case(
        tmp_path,
        "seuil-sous-equilibre",
        ("  seuil_citoyen: 40\n", "  seuil_citoyen: 40\n  raison_seuil: Un premier essai, à revoir.\n"),
    )
    assert kit.warnings == ()
    note = str(roi_method.threshold_note(kit))
    assert "Le seuil est fixé à 40, sous l’équilibre de l’échelle (50)" in note
    assert "Pourquoi : Un premier essai, à revoir." in note


def test_review_kit_shows_the_ranking_as_a_proposal(tmp_path):
    from macros.render.widgets import contract, specs

    kit = _case(tmp_path, "sans-scenario-retenu")
    setup = str(specs.specs_part(kit, "dispositif"))
    assert "Proposition : " in setup and "rien n’en est publié" in setup
    assert "kit-promise__proposal" in str(contract.contract_part(kit, "engagements"))
    shutil.rmtree(tmp_path / "clients")

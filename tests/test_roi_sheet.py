"""The R.O.I. grid as a spreadsheet, both ways, through the real ``kit roi`` command.

A copy of the demo client is exported to XLSX and to ODS, filled in as a person
would (openpyxl, odfpy: a score changed, a reason with a comma and « : », a cell
emptied, a new score), imported back: the ranking changes, every comment of
``client.yml`` is still there and only the changed cells' lines differ. A sheet
that does not match the client is refused with the sheet, the cell and the
reason, and ``client.yml`` is left alone.
"""

from __future__ import annotations

import dataclasses
import difflib
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT
from odf import opendocument
from odf import table as odf_table
from odf import text as odf_text
from test_cli import kit

from macros.compute.roi import analyse_models
from macros.loading.kit import load_kit
from macros.loading.yamledit import CellEdit, EditRefused, comments, edit_scores
from macros.model.roi import Cell
from macros.outputs.spreadsheet import FIRST_ROW, grid_sheets
from macros.settings import Settings


@pytest.fixture()
def clients(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "kits" / "clients" / "demo", tmp_path / "clients" / "demo")
    return tmp_path / "clients"


def _settings(clients: Path) -> Settings:
    return dataclasses.replace(Settings.from_env({}), slug="demo", clients_dir=clients)


def _ranking(clients: Path) -> list[tuple[str, object, object]]:
    loaded = load_kit(_settings(clients))
    return [(r.scenario, r.worst, r.average) for r in analyse_models(loaded.library, loaded.client).results]


def _positions(ws) -> tuple[dict[str, int], dict[str, int]]:
    """Score columns by public id (row 4) and rows by criterion id (column B)."""
    columns = {
        ws.cell(4, c).value: c
        for c in range(4, ws.max_column + 1)
        if ws.cell(4, c).value not in (None, "raison")
    }
    rows = {ws.cell(r, 2).value: r for r in range(5, ws.max_row + 1) if ws.cell(r, 2).value}
    return columns, rows


# What the workshop changes in the sheet « mixte »: shopkeepers and elderly people are well served.
EDITS = {
    ("commercants", "temps"): (0, None),
    ("commercants", "horaires"): (0, "Stand le lundi, jour de fermeture, et questionnaire : à toute heure"),
    ("commercants", "prerequis-numeriques"): (0, None),
    ("commercants", "effort-cognitif"): (0, None),
    ("commercants", "influence"): (4, "Leurs avis, un par un, reçoivent une réponse écrite"),
    ("commercants", "retour"): (None, None),
    ("commercants", "reconnaissance"): (4, None),
    ("seniors", "prerequis-numeriques"): (0, "Aide à la saisie au stand, exemplaires papier"),
    ("seniors", "retour"): (3, None),
    ("acteur", "risque"): (1, None),
}


def _check_round_trip(clients: Path, before_text: str, before_ranking: list, result) -> None:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    after_text = (clients / "demo" / "client.yml").read_text(encoding="utf-8")
    assert [c for _, c in comments(after_text)] == [c for _, c in comments(before_text)]
    changed = [
        line for line in difflib.ndiff(before_text.splitlines(), after_text.splitlines()) if line[:1] in "+-"
    ]
    # One line per changed cell (the actor's on one line), the emptied « retour » removed: nothing else.
    assert len([line for line in changed if line.startswith("+")]) == 9
    assert len([line for line in changed if line.startswith("-")]) == 10
    assert (
        'horaires: {note: 0, raison: "Stand le lundi, jour de fermeture, et questionnaire : à toute heure"}'
        in after_text
    )
    assert (
        "Parcours mixte · Commerçants · Retour reçu : 0 (« Aucune date de synthèse annoncée ») → non notée"
        in result.stdout
    )
    assert "10 cases mises à jour : 8 modifiées, 1 ajoutée, 1 vidée." in result.stdout
    assert "kit check demo : aucune erreur." in result.stdout
    after_ranking = _ranking(clients)
    assert after_ranking != before_ranking
    assert after_ranking[0][0] == "mixte" and before_ranking[0][0] == "aller-vers"


def test_xlsx_round_trip_changes_the_ranking_and_keeps_every_comment(clients, tmp_path):
    before_text = (clients / "demo" / "client.yml").read_text(encoding="utf-8")
    before_ranking = _ranking(clients)
    grid = tmp_path / "grille.xlsx"
    exported = kit("roi", "demo", "--clients-dir", str(clients), "--export", str(grid))
    assert exported.returncode == 0, exported.stderr
    book = openpyxl.load_workbook(grid)
    assert book.sheetnames == ["classique", "aller-vers", "mixte"]
    ws = book["mixte"]
    assert ws["B2"].value == "mixte" and ws.freeze_panes == "D5" and ws.print_title_rows == "$3:$4"
    columns, rows = _positions(ws)
    assert ws.cell(rows["temps"], columns["seniors"]).value == 1
    assert ws.cell(rows["resultat-visible"], columns["seniors"]).value is None  # not scored: empty, never 0
    rule = next(
        dv
        for dv in ws.data_validations.dataValidation
        if ws.cell(rows["temps"], columns["seniors"]).coordinate in dv.sqref
    )
    assert (rule.type, rule.formula1, rule.formula2, rule.allow_blank) == ("whole", "0", "4", True)
    assert rule.prompt.startswith("0 : Moins d'un quart d'heure")
    for (public, criterion), (score, reason) in EDITS.items():
        ws.cell(rows[criterion], columns[public]).value = score
        ws.cell(rows[criterion], columns[public] + 1).value = reason
    book.save(grid)
    result = kit("roi", "demo", "--clients-dir", str(clients), "--import", str(grid))
    _check_round_trip(clients, before_text, before_ranking, result)
    again = kit("roi", "demo", "--clients-dir", str(clients), "--import", str(grid))
    assert "Aucun changement" in again.stdout


def _ods_set(doc, sheet: str, row: int, col: int, value: object) -> None:
    """Type a value in a cell of an ODS sheet, as LibreOffice stores it."""
    grid = next(
        t for t in doc.spreadsheet.getElementsByType(odf_table.Table) if t.getAttribute("name") == sheet
    )
    rows = [r for r in grid.getElementsByType(odf_table.TableRow)]
    cell = [c for c in rows[row - 1].childNodes if c.qname[1] in ("table-cell", "covered-table-cell")][
        col - 1
    ]
    for child in list(cell.childNodes):
        cell.removeChild(child)
    for attr in ("valuetype", "value"):
        if cell.getAttribute(attr):
            cell.removeAttribute(attr)
    if value is None:
        return
    if isinstance(value, int):
        cell.setAttribute("valuetype", "float")
        cell.setAttribute("value", str(value))
    else:
        cell.setAttribute("valuetype", "string")
    cell.addElement(odf_text.P(text=str(value)))


def test_ods_round_trip_changes_the_ranking_and_keeps_every_comment(clients, tmp_path):
    before_text = (clients / "demo" / "client.yml").read_text(encoding="utf-8")
    before_ranking = _ranking(clients)
    grid = tmp_path / "grille.ods"
    assert kit("roi", "demo", "--clients-dir", str(clients), "--export", str(grid)).returncode == 0
    plan = next(sheet for sheet in grid_sheets(load_kit(_settings(clients))) if sheet.scenario == "mixte")
    columns = {c.public: c.score_col for c in plan.columns}
    rows = {r.criterion: FIRST_ROW + i for i, r in enumerate(plan.rows)}
    doc = opendocument.load(str(grid))
    for (public, criterion), (score, reason) in EDITS.items():
        row, col = rows[criterion], columns[public]
        _ods_set(doc, "mixte", row, col, score)
        _ods_set(doc, "mixte", row, col + 1, reason)
    doc.save(str(grid))
    result = kit("roi", "demo", "--clients-dir", str(clients), "--import", str(grid))
    _check_round_trip(clients, before_text, before_ranking, result)


def test_a_sheet_that_does_not_match_the_client_is_refused_with_sheet_and_cell(clients, tmp_path):
    grid = tmp_path / "grille.xlsx"
    assert kit("roi", "demo", "--clients-dir", str(clients), "--export", str(grid)).returncode == 0
    before = (clients / "demo" / "client.yml").read_bytes()
    book = openpyxl.load_workbook(grid)
    book["classique"]["B2"] = "reunion-de-quartier"  # a scenario the client does not have
    ws = book["aller-vers"]
    ws["D4"] = "retraites"  # a public it does not have
    ws["B7"] = "distance"  # a criterion the library does not have
    ws["F5"] = 5
    ws["H5"] = 2.5
    ws["I6"] = "Une raison, mais pas de note"
    ws["H6"] = None
    book.save(grid)
    result = kit("roi", "demo", "--clients-dir", str(clients), "--import", str(grid))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    shown = grid.as_posix()
    expected = [
        f"{shown}: feuille « classique », cellule B2 : scénario inconnu « reunion-de-quartier » (connus : aller-vers, classique, mixte)",
        f"{shown}: feuille « aller-vers », cellule D4 : public inconnu « retraites » (connus : commercants, jeunes, parents-actifs, seniors) : ce classeur ne correspond pas aux publics du client",
        f"{shown}: feuille « aller-vers », ligne 4 : colonne du public « commercants » absente : exportez de nouveau la grille",
        f"{shown}: feuille « aller-vers », cellule B7 : critère inconnu « distance » (connus : "
        + ", ".join(sorted(c.id for c in load_kit(_settings(clients)).library.criteria))
        + ")",
        f"{shown}: feuille « aller-vers », colonne B : ligne du critère « deplacement » absente : exportez de nouveau la grille",
        f"{shown}: feuille « aller-vers », cellule F5 : note entière de 0 à 4 attendue, reçu le nombre 5 (une case non notée reste vide)",
        f"{shown}: feuille « aller-vers », cellule H5 : note entière de 0 à 4 attendue, reçu le nombre 2,5 (une case non notée reste vide)",
        f"{shown}: feuille « aller-vers », cellule H6 : une raison sans note : notez la case ou effacez la raison",
    ]
    lines = result.stdout.splitlines()
    for message in expected:
        assert message in lines, f"absent :\n{message}\n--- reçu :\n{result.stdout}"
    assert "Erreur : grille refusée : client.yml n’a pas été modifié" in result.stderr
    assert (clients / "demo" / "client.yml").read_bytes() == before


def test_a_formula_without_its_value_is_refused_not_read_as_an_empty_score(clients, tmp_path):
    """A program may write formulas without their computed value: read as empty,
    they would erase scores. Both formats are refused with the cell."""
    before = (clients / "demo" / "client.yml").read_bytes()
    xlsx, ods = tmp_path / "grille.xlsx", tmp_path / "grille.ods"
    for grid in (xlsx, ods):
        assert kit("roi", "demo", "--clients-dir", str(clients), "--export", str(grid)).returncode == 0
    book = openpyxl.load_workbook(xlsx)
    book["classique"]["D5"] = "=1+2"
    book.save(xlsx)
    doc = opendocument.load(str(ods))
    _ods_set(doc, "classique", 5, 4, None)
    sheet = next(
        t for t in doc.spreadsheet.getElementsByType(odf_table.Table) if t.getAttribute("name") == "classique"
    )
    cell = [
        c for c in sheet.getElementsByType(odf_table.TableRow)[4].childNodes if c.qname[1] == "table-cell"
    ][3]
    cell.setAttribute("formula", "of:=1+2")
    doc.save(str(ods))
    for grid in (xlsx, ods):
        result = kit("roi", "demo", "--clients-dir", str(clients), "--import", str(grid))
        assert result.returncode == 1, result.stdout
        assert (
            f"{grid.as_posix()}: feuille « classique », cellule D5 : formule sans valeur calculée"
            in result.stdout
        ), result.stdout
        assert (clients / "demo" / "client.yml").read_bytes() == before


def test_an_actor_criterion_in_a_public_column_is_refused(clients, tmp_path):
    grid = tmp_path / "grille.ods"
    assert kit("roi", "demo", "--clients-dir", str(clients), "--export", str(grid)).returncode == 0
    doc = opendocument.load(str(grid))
    _ods_set(doc, "mixte", 24, 4, 3)  # row of « budget », column of the shopkeepers
    doc.save(str(grid))
    result = kit("roi", "demo", "--clients-dir", str(clients), "--import", str(grid))
    assert result.returncode == 1
    assert (
        f"{grid.as_posix()}: feuille « mixte », cellule D24 : « budget » ne se note que dans la colonne « Collectivité » : videz cette case"
        in result.stdout.splitlines()
    )


def test_export_never_overwrites_a_filled_in_grid_by_accident(clients, tmp_path):
    grid = tmp_path / "grille.xlsx"
    grid.write_bytes(b"le travail de l'atelier")
    result = kit("roi", "demo", "--clients-dir", str(clients), "--export", str(grid))
    assert (
        result.returncode == 1
        and "existe déjà : choisissez un autre nom, ou ajoutez --ecraser" in result.stderr
    )
    assert grid.read_bytes() == b"le travail de l'atelier"


def test_score_with_a_reason_after_a_comma_needs_no_quotes():
    cell = Cell.model_validate("2, le soir, après la fermeture des boutiques")
    assert (cell.score, cell.reason) == (2, "le soir, après la fermeture des boutiques")
    assert Cell.model_validate(3).score == 3


def test_an_edit_that_would_drop_a_comment_is_refused():
    text = "roi:\n  notes:\n    a:\n      publics:\n        p:\n          temps: 2  # la salle a hésité\n          horaires: 1\n"
    with pytest.raises(EditRefused, match="effacerait le commentaire de la ligne 6"):
        edit_scores(text, [CellEdit("a", "p", "temps", None)])
    kept = edit_scores(text, [CellEdit("a", "p", "horaires", 3, "le soir, tard : après 20 h")])
    assert kept == text.replace("horaires: 1", 'horaires: {note: 3, raison: "le soir, tard : après 20 h"}')


def test_hostile_cells_and_files_are_refused_in_french(tmp_path):
    from macros.commands.roi_import import read_grid
    from macros.errors import KitError
    from macros.outputs.spreadsheet import write_grid

    demo = load_kit(dataclasses.replace(Settings.from_env({}), slug="demo"))
    fake = tmp_path / "grille.xlsx"
    fake.write_text("<html>pas un classeur</html>")
    with pytest.raises(KitError, match="ce fichier n’est pas un classeur XLSX ou ODS"):
        read_grid(demo, fake, "grille.xlsx")
    grid = write_grid(demo, tmp_path / "vraie.xlsx")
    book = openpyxl.load_workbook(grid)
    book["mixte"]["E6"] = "x" * 501
    book["mixte"]["D7"] = True
    book.save(grid)
    with pytest.raises(KitError) as refused:
        read_grid(demo, grid, "vraie.xlsx")
    assert [str(p) for p in refused.value.problems] == [
        "vraie.xlsx: feuille « mixte », cellule E6 : raison trop longue (501 caractères ; 500 au plus) : résumez-la",
        "vraie.xlsx: feuille « mixte », cellule D7 : note entière de 0 à 4 attendue, reçu « oui »",
    ]


def test_a_client_without_scores_gets_its_roi_section_at_the_end(tmp_path):
    assert (
        kit(
            "new", "ville-x", "--offre", "strategie", "--nom", "Ville de X", "--clients-dir", str(tmp_path)
        ).returncode
        == 0
    )
    text = (tmp_path / "ville-x" / "client.yml").read_text(encoding="utf-8")
    edited = edit_scores(
        text,
        [
            CellEdit("aller-vers", "seniors", "temps", 3, "deux heures, debout"),
            CellEdit("aller-vers", "acteur", "budget", 2),
        ],
    )
    assert edited.startswith(text)  # every line of the template kept, in order: only an addition
    assert edited[len(text) :] == (
        "roi:\n  notes:\n    aller-vers:\n      publics:\n        seniors:\n"
        '          temps: {note: 3, raison: "deux heures, debout"}\n      acteur:\n        budget: 2\n'
    )


def test_a_reason_that_looks_like_a_formula_is_exported_as_text(clients, tmp_path):
    """openpyxl would write ``=HYPERLINK(…)`` from client.yml as a formula that runs in the workshop's sheet."""
    from macros.outputs.sheets_xlsx import write_xlsx

    path = clients / "demo" / "client.yml"
    text = path.read_text(encoding="utf-8")
    hostile = '\'=HYPERLINK("https://suivi.example.org/","Voir")\''
    path.write_text(
        text.replace("raison: Prendre la parole contre le projet devant ses clients", f"raison: {hostile}"),
        encoding="utf-8",
    )
    grid = tmp_path / "grille.xlsx"
    write_xlsx(grid_sheets(load_kit(_settings(clients))), grid)
    cells = [c for ws in openpyxl.load_workbook(grid).worksheets for row in ws.iter_rows() for c in row]
    assert [c.data_type for c in cells if str(c.value).startswith("=HYPERLINK")] == ["s"]
    assert not any(c.data_type == "f" for c in cells)

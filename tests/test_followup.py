"""After the participation: importing what people said, and what the kit makes of it.

- ``kit contributions`` driven in-process, as a consultant types it, on a
  client that is not the demo: spreadsheet and questionnaire exports (CSV with
  comma or semicolon, with or without BOM, XLSX), personal columns dropped and
  never written anywhere, every broken row refused with its exact message,
  nothing written on a refusal or a dry run, a second import adding nothing;
- the stored files and the ``suites`` section checked at load time, with
  file, line and column;
- real builds: the demo's public report and bilan pages (shared session
  builds), a client of another offer with contributions but no prior
  concertation, and the same client without contributions, whose public site
  has neither the report nor a link to it.
"""

from __future__ import annotations

import csv
import dataclasses
import re
import shutil
import sys
from collections import Counter
from datetime import datetime
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOT, Build, mkdocs_build

from macros.commands.cli import main
from macros.errors import KitError
from macros.loading.kit import load_kit
from macros.settings import Settings

BASE = (ROOT / "tests" / "invalid" / "_base.yml").read_text(encoding="utf-8")
SUITES = """
suites:
  themes:
    - id: salle
      titre: La grande salle
    - id: cuisine
      titre: Cuisine et buvette
  canaux:
    - Réunion publique du 3 mars
    - Registre de l’accueil
  reponses:
    - theme: salle
      reponse: retenue-en-partie
      pourquoi: La scène est agrandie ; la salle garde sa taille.
      decideur: Conseil municipal
      date: 2027-05-12
  engagements:
    - id: scene
      titre: Agrandir la scène
      theme: salle
      statut: en-cours
"""
TODO = "À faire : 1 thème a des avis mais pas encore de réponse (suites.reponses) : cuisine."
PERSONAL = ("Dupont", "Martine", "martine.dupont@exemple.fr", "06 11 22 33 44", "12 rue des Lilas")


def _client(root: Path, name: str = "valmont", extra: str = SUITES, offer: str = "concertation") -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "client.yml").write_text(
        BASE.replace("offre: concertation", f"offre: {offer}") + extra, encoding="utf-8"
    )
    return folder


def _kit(tmp_path: Path, monkeypatch, capsys, *args: str) -> tuple[int, list[str], list[str]]:
    """``kit ARGS`` in this process, from ``tmp_path``: exit code, stdout and stderr lines."""
    monkeypatch.chdir(tmp_path)
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def _import(tmp_path, monkeypatch, capsys, file: str, *more: str):
    return _kit(
        tmp_path,
        monkeypatch,
        capsys,
        "contributions",
        "valmont",
        file,
        "--clients-dir",
        str(tmp_path / "clients"),
        *more,
    )


WELL_FORMED = (
    "\ufeffDate;Canal;Thème;Public;Texte;Prénom;Nom;Courriel;Téléphone;Adresse postale;Horodateur\r\n"
    "03/03/2027;Réunion publique du 3 mars;La grande salle;Personnes âgées;Une scène plus grande, pour les spectacles;"
    "Martine;Dupont;martine.dupont@exemple.fr;06 11 22 33 44;12 rue des Lilas;2027-03-03 20:14\r\n"
    '2027-03-04;registre de l’accueil;cuisine;jeunes;"Une buvette ; avec des prix bas";;;;;;\r\n'
    "2027-03-04;Registre de l’accueil;cuisine;;Des tables pliantes;;;;;;\r\n"
    "2027-03-04;Registre de l’accueil;cuisine;;Des tables pliantes;;;;;;\r\n"
)


def test_import_drops_personal_columns_and_a_second_run_adds_nothing(tmp_path, monkeypatch, capsys):
    folder = _client(tmp_path / "clients")
    (tmp_path / "avis.csv").write_text(WELL_FORMED, encoding="utf-8", newline="")
    code, out, err = _import(tmp_path, monkeypatch, capsys, "avis.csv")
    assert code == 0, out + err
    assert err[:4] == [
        "4 lignes lues.",
        "5 colonnes de données personnelles écartées, jamais enregistrées : Prénom, Nom, Courriel, Téléphone, Adresse postale.",
        "Colonne ignorée : Horodateur.",
        "4 contributions nouvelles, aucune déjà présente dans contributions.csv.",
    ]
    assert err[-2].endswith("contributions.csv : 4 contributions ajoutées (4 en tout).")
    assert err[-1] == TODO, "le devoir de suite : chaque thème entendu attend sa réponse"
    stored = folder / "contributions.csv"
    raw = stored.read_bytes()
    assert raw.startswith("\ufeffid;date;canal;theme;public;texte\n".encode())
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows == sorted(rows, key=lambda r: (r["date"], r["id"])), (
        "trié par date puis identité : un import s’ajoute en lignes"
    )
    assert (rows[0]["date"], rows[0]["canal"], rows[0]["theme"], rows[0]["public"]) == (
        "2027-03-03",
        "Réunion publique du 3 mars",
        "salle",
        "seniors",
    )
    assert {r["canal"] for r in rows[1:]} == {"Registre de l’accueil"}, (
        "le nom du canal tel que le client l’écrit"
    )
    assert Counter(r["texte"] for r in rows) == {
        "Une scène plus grande, pour les spectacles": 1,
        "Une buvette ; avec des prix bas": 1,
        "Des tables pliantes": 2,
    }
    assert len({r["id"] for r in rows}) == 4, "deux avis identiques restent deux avis"
    everything = "\n".join(
        p.read_text(encoding="utf-8", errors="replace") for p in folder.rglob("*") if p.is_file()
    )
    assert not [word for word in PERSONAL if word in everything]

    code, out, err = _import(tmp_path, monkeypatch, capsys, "avis.csv")
    assert code == 0
    assert "Aucune contribution nouvelle, 4 déjà présentes dans contributions.csv." in err
    assert err[-2:] == ["contributions.csv n’a pas changé.", TODO]
    assert stored.read_bytes() == raw


def test_dry_run_lists_and_writes_nothing_then_xlsx_and_ods_add_the_new_rows(tmp_path, monkeypatch, capsys):
    from openpyxl import Workbook

    folder = _client(tmp_path / "clients")
    (tmp_path / "avis.csv").write_text(WELL_FORMED, encoding="utf-8", newline="")
    assert _import(tmp_path, monkeypatch, capsys, "avis.csv")[0] == 0
    before = (folder / "contributions.csv").read_bytes()
    book = Workbook()
    sheet = book.active
    sheet.append(["Adresse e-mail", "date", "canal", "theme", "public", "texte"])
    sheet.append(
        ["x@exemple.fr", datetime(2027, 3, 4), "Registre de l’accueil", "cuisine", "", "Des tables pliantes"]
    )
    sheet.append(
        [
            None,
            datetime(2027, 3, 5, 9, 30),
            "Réunion publique du 3 mars",
            "salle",
            "Jeunes de 15 à 25 ans",
            "Un mur d’escalade",
        ]
    )
    book.save(tmp_path / "export.xlsx")
    code, out_, err = _import(tmp_path, monkeypatch, capsys, "export.xlsx", "--essai")
    assert code == 0, out_ + err
    assert err == [
        "2 lignes lues.",
        "1 colonne de données personnelles écartée, jamais enregistrée : Adresse e-mail.",
        "1 contribution nouvelle, 1 déjà présente dans contributions.csv.",
        "  + 05/03/2027 · Réunion publique du 3 mars · salle · « Un mur d’escalade »",
        "Essai : rien n’a été écrit.",
        TODO,
    ]
    assert (folder / "contributions.csv").read_bytes() == before
    code, _, err = _import(tmp_path, monkeypatch, capsys, "export.xlsx")
    assert code == 0 and err[-2].endswith("contributions.csv : 1 contribution ajoutée (5 en tout).")
    assert "x@exemple.fr" not in (folder / "contributions.csv").read_text(encoding="utf-8")
    header = ["date", "canal", "theme", "texte", "Téléphone"]
    _ods(
        tmp_path / "export.ods",
        [header, ["06/03/2027", "Registre de l’accueil", "salle", "Des rideaux épais", "06 11 22 33 44"]],
    )
    code, _, err = _import(tmp_path, monkeypatch, capsys, "export.ods")
    assert code == 0 and err[-2].endswith("contributions.csv : 1 contribution ajoutée (6 en tout).")
    assert "06 11 22 33 44" not in (folder / "contributions.csv").read_text(encoding="utf-8")


def _ods(path: Path, rows: list[list[str]]) -> None:
    """A LibreOffice sheet, written with odfpy as LibreOffice would (text cells)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    sheet = Table(name="Avis")
    for values in rows:
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            row.addElement(cell)
        sheet.addElement(row)
    doc.spreadsheet.addElement(sheet)
    doc.save(str(path))


BROKEN = (
    "date,canal,theme,public,texte,Nom\n"
    "2027-03-03,Réunion publique du 3 mars,salle,seniors,Une scène plus grande,Dupont\n"
    "2027-02-30,Registre de l’accueil,cuisine,,Un évier,Martin\n"
    "03/03/2027,Réunion publique,salle,,Du son,X\n"
    "03/03/2027,Registre de l’accueil,parking,enfants,,Y\n"
    '2027/03/03,Registre de l\'accueil,salle,,"Rappelez-moi au 06 12 34 56 78",Z\n'
    '"03/03/2027","Registre de l\'accueil","salle","","Sur deux\nlignes : écrivez à a.b@exemple.fr",W\n'
    ",Registre de l’accueil,,,Sans date,V\n"
    '2027-03-04,Registre de l\'accueil,salle,,"=HYPERLINK(""https://suivi.example.org"";""clic"")",U\n'
    '2027-03-04,Registre de l\'accueil,salle,,"= HYPERLINK(""https://suivi.example.org"";""clic"")",T\n'
    "2027-03-04,Registre de l’accueil,salle,,+ cmd|' /C calc'!A0,S\n"
    "2027-03-04,Registre de l’accueil,salle,,Bonjour \x1b]0;titre\x07 fin,R\n"
)
BROKEN_MESSAGES = [
    "avis.csv:3: date : cette date n’existe pas, reçu « 2027-02-30 »",
    "avis.csv:4: canal : canal inconnu « Réunion publique » (connus : Registre de l’accueil, Réunion publique du 3 mars)",
    "avis.csv:5: theme : thème inconnu « parking » (connus : cuisine, salle)",
    "avis.csv:5: public : public inconnu « enfants » (connus : jeunes, seniors)",
    "avis.csv:5: texte : texte vide : chaque ligne porte un avis",
    "avis.csv:6: date : date attendue au format AAAA-MM-JJ ou JJ/MM/AAAA (ex. 2027-04-17 ou 17/04/2027), reçu « 2027/03/03 »",
    "avis.csv:6: texte : le texte contient un numéro de téléphone : retirez-le du fichier avant l’import (aucune coordonnée n’est enregistrée)",
    "avis.csv:7: texte : le texte contient une adresse électronique : retirez-la du fichier avant l’import (aucune coordonnée n’est enregistrée)",
    "avis.csv:9: date : date manquante : date attendue au format AAAA-MM-JJ ou JJ/MM/AAAA (ex. 2027-04-17 ou 17/04/2027)",
    "avis.csv:9: theme : thème manquant : chaque ligne en indique un (connus : cuisine, salle)",
    "avis.csv:10: texte : le texte commence par « = » : un tableur le lirait comme une formule, même suivi d’une espace ; ajoutez un mot devant avant l’import",
    "avis.csv:11: texte : le texte commence par « = » : un tableur le lirait comme une formule, même suivi d’une espace ; ajoutez un mot devant avant l’import",
    "avis.csv:12: texte : le texte commence par « + » : un tableur le lirait comme une formule, même suivi d’une espace ; ajoutez un mot devant avant l’import",
    "avis.csv:13: texte : caractère de contrôle invisible U+001B en position 9 : retirez-le du fichier avant l’import",
]


def test_trial_shows_bidi_controls_and_keeps_plain_signs(tmp_path, monkeypatch, capsys):
    """A right-to-left override in a citizen's text is shown, not obeyed, in the terminal;
    a dash followed by words is text, not a formula."""
    folder = _client(tmp_path / "clients")
    rows = "date;canal;theme;texte\n2027-03-04;Registre de l’accueil;salle;Voir \u202egnp.exe\n"
    rows += "2027-03-04;Registre de l’accueil;salle;- plus de bancs, merci\n"
    (tmp_path / "avis.csv").write_text(rows, encoding="utf-8")
    code, out, err = _import(tmp_path, monkeypatch, capsys, "avis.csv", "--essai")
    assert code == 0, out + err
    shown = "\n".join(err)
    assert "Voir \\u202egnp.exe" in shown and "\u202e" not in shown
    assert "- plus de bancs, merci" in shown
    assert not (folder / "contributions.csv").exists()


def _plain(lines: list[str]) -> list[str]:
    return [line.replace("\u00a0", " ") for line in lines]


def test_broken_rows_are_all_reported_and_nothing_is_written(tmp_path, monkeypatch, capsys):
    folder = _client(tmp_path / "clients")
    (tmp_path / "avis.csv").write_text(BROKEN, encoding="utf-8")
    code, out, err = _import(tmp_path, monkeypatch, capsys, "avis.csv")
    assert code == 1
    assert out == BROKEN_MESSAGES
    assert err == ["Erreur : aucune ligne importée : corrigez le fichier puis relancez la commande"]
    assert not (folder / "contributions.csv").exists()
    assert "Traceback" not in "\n".join(out + err)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "avis.csv",
            b"date,canal,theme\n2027-03-03,Registre de l'accueil,salle\n",
            "avis.csv:1: texte : colonne obligatoire absente (colonnes du fichier : date, canal, theme)",
        ),
        (
            "avis.csv",
            b"date;canal;theme;theme;texte\n",
            "avis.csv:1: theme : colonne en double (« theme » et « theme »)",
        ),
        ("avis.csv", b"\n\n", "avis.csv: fichier vide : une ligne d’en-têtes est attendue"),
        (
            "avis.csv",
            "date,canal,theme,texte\n03/03/2027,Registre de l'accueil,salle,Café\n".encode("latin-1"),
            "avis.csv:2: le fichier n’est pas encodé en UTF-8 (octet 0xe9) : enregistrez-le en « CSV UTF-8 »",
        ),
        (
            "avis.xlsx",
            b"pas un classeur",
            "avis.xlsx: ce fichier n’est pas un classeur XLSX ou ODS (enregistrez-le depuis le tableur au format .xlsx ou .ods)",
        ),
        (
            "avis.txt",
            b"",
            "avis.txt: format non pris en charge « .txt » : enregistrez le tableau en CSV UTF-8, en XLSX ou en ODS",
        ),
        ("absent.csv", None, "absent.csv: fichier introuvable"),
    ],
    ids=["colonne-absente", "colonne-en-double", "vide", "pas-utf8", "xlsx-abime", "txt", "introuvable"],
)
def test_unreadable_files_are_refused_with_their_message(
    tmp_path, monkeypatch, capsys, name, content, expected
):
    _client(tmp_path / "clients")
    if content is not None:
        (tmp_path / name).write_bytes(content)
    code, out, _ = _import(tmp_path, monkeypatch, capsys, name)
    assert code == 1
    assert out == [expected]


def test_questionnaire_answers_are_imported_the_same_way(tmp_path, monkeypatch, capsys):
    folder = _client(tmp_path / "clients")
    header = "date;canal;public;Avez-vous compris à quoi sert cette démarche ?;utile;connu;Courriel\n"
    (tmp_path / "bad.csv").write_text(
        header + "2027-03-03;Réunion publique du 3 mars;;peut-être;oui;école;a@b.fr\n", encoding="utf-8"
    )
    code, out, _ = _import(tmp_path, monkeypatch, capsys, "bad.csv", "--questionnaire")
    assert code == 1
    assert _plain(out) == [
        "bad.csv:2: compris : réponse inconnue « peut-être » (possibles : oui, un peu, non, ou vide)"
    ]
    rows = "2027-03-03;Réunion publique du 3 mars;seniors;Oui;un peu;école;a@b.fr\n2027-03-03;Réunion publique du 3 mars;;oui;;;\n"
    (tmp_path / "reponses.csv").write_text(header + rows, encoding="utf-8")
    for _ in range(2):
        code, _, err = _import(tmp_path, monkeypatch, capsys, "reponses.csv", "--questionnaire")
        assert code == 0, err
    assert "Aucun questionnaire nouveau, 2 déjà présents dans questionnaire.csv." in err
    stored = (folder / "questionnaire.csv").read_text(encoding="utf-8-sig").splitlines()
    assert stored[0] == "id;date;canal;public;compris;parole;ecoute;pratique;utile;revenir;connu"
    assert sorted(line.split(";", 1)[1] for line in stored[1:]) == [
        "2027-03-03;Réunion publique du 3 mars;;oui;;;;;;",
        "2027-03-03;Réunion publique du 3 mars;seniors;oui;;;;un-peu;;ecole",
    ]
    kit = load_kit(Settings(slug="valmont", clients_dir=tmp_path / "clients"))
    assert [r.answers for r in kit.questionnaires if r.public] == [
        {"compris": "oui", "utile": "un-peu", "connu": "ecole"}
    ]


def test_stored_files_and_suites_are_checked_with_file_line_and_column(tmp_path):
    folder = _client(
        tmp_path / "clients",
        extra=SUITES.replace("      theme: salle\n      statut", "      theme: scene\n      statut")
        + "  citations: [c-inconnue]\n",
    )
    (folder / "contributions.csv").write_text(
        "\ufeffid;date;canal;theme;public;texte\n"
        "c-1;2027-03-03;Registre de l’accueil;salle;;Bien\n"
        ";2027-03-03;Registre de l’accueil;salle;;Sans identifiant\n"
        "c-1;2027-03-03;Registre de l’accueil;sono;;Un thème inconnu\n",
        encoding="utf-8",
    )
    lines = (folder / "client.yml").read_text(encoding="utf-8").splitlines()
    scene = lines.index("      theme: scene") + 1
    quote = lines.index("  citations: [c-inconnue]") + 1
    with pytest.raises(KitError) as caught:
        load_kit(Settings(slug="valmont", clients_dir=tmp_path / "clients"))
    shown = [str(p).replace(str(tmp_path) + "/", "") for p in caught.value.problems]
    assert shown == [
        "clients/valmont/contributions.csv:3: id : identifiant manquant : ajoutez les nouvelles lignes avec « kit contributions », qui le calcule",
        "clients/valmont/contributions.csv:4: theme : thème inconnu « sono » (connus : cuisine, salle)",
        f"clients/valmont/client.yml:{scene}: suites.engagements[0].theme : thème inconnu « scene » (connus : cuisine, salle)",
    ]
    (folder / "contributions.csv").write_text(
        "\ufeffid;date;canal;theme;public;texte\nc-1;2027-03-03;Registre de l’accueil;salle;;Bien\n",
        encoding="utf-8",
    )
    with pytest.raises(KitError) as caught:
        load_kit(Settings(slug="valmont", clients_dir=tmp_path / "clients"))
    assert [str(p).split("client.yml:", 1)[-1] for p in caught.value.problems] == [
        f"{scene}: suites.engagements[0].theme : thème inconnu « scene » (connus : cuisine, salle)",
        f"{quote}: suites.citations[0] : contribution inconnue « c-inconnue » (identifiant absent de contributions.csv)",
    ]


def test_demo_data_is_what_its_generator_writes(tmp_path):
    """Committed as data, drawn by tools/demo_contributions.py: the same bytes on every run."""
    sys.path.insert(0, str(ROOT / "tools"))
    from demo_contributions import write_demo

    counts = write_demo(tmp_path)
    assert counts[0] >= 150 and counts[1] >= 50
    for name in ("contributions.csv", "questionnaire.csv"):
        assert (tmp_path / name).read_bytes() == (ROOT / "kits" / "clients" / "demo" / name).read_bytes(), (
            name
        )


# --- Real builds -----------------------------------------------------------------


def _demo_counts(column: str) -> Counter[str]:
    text = (ROOT / "kits" / "clients" / "demo" / "contributions.csv").read_text(encoding="utf-8-sig")
    return Counter(row[column] for row in csv.DictReader(text.splitlines(), delimiter=";"))


def _svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b[^>]*kit-suites-chart__svg.*?</svg>", html, re.S)


def test_demo_public_report_says_what_was_heard_and_answered(demo_public_site):
    html = demo_public_site.html("public/ce-que-nous-en-faisons")
    assert "<h1" in html and "Ce que vous avez dit, ce que nous en faisons" in html
    total = sum(_demo_counts("theme").values())
    assert total >= 150
    assert f"{total}\u00a0contributions recueillies du 17 avril au" in html
    charts = _svgs(html)
    assert len(charts) == 2
    for chart in charts:
        assert 'role="img"' in chart and "<title" in chart and "<desc" in chart
        uid = re.search(r'aria-labelledby="([^" ]+)-titre \1-desc"', chart)
        assert uid, chart[:200]
    by_channel = charts[1]
    for channel, n in _demo_counts("canal").items():
        assert f"{channel}\u00a0: {n}" in unescape(by_channel).replace("’", "'"), (
            channel
        )  # typographic apostrophe
    for label in (
        "Retenue",
        "Retenue en partie",
        "Non retenue",
        "Hors du périmètre",
        "Pourquoi",
        "Qui a décidé",
        "Et ensuite",
    ):
        assert label in html, label
    assert "Gardez le parking, on en a besoin pour faire nos courses." in html
    assert "Qui a décidé\u00a0: </strong>\nle conseil municipal, le " in html  # after « : », no capital
    assert "Qui a décidé\u00a0: </strong>\nConseil" not in html
    assert "kit-suites-status--en-cours" in html and "◐ En cours" in html
    home = demo_public_site.html()
    assert 'href="public/ce-que-nous-en-faisons/"' in home
    # nothing of the evaluation or of the internal pages reaches citizens
    assert not (demo_public_site.site / "suites").exists()


def test_demo_bilan_pages_and_their_tables(demo_site):
    themes = demo_site.html("suites/synthese")
    chart = _svgs(themes)[0]
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", chart, re.S)[1]
    titles = {"ombre": "Ombre, arbres et fraîcheur", "stationnement": "Stationnement et circulation"}
    counts = _demo_counts("theme")
    for tid, title in titles.items():
        assert f"{title}\u00a0: {counts[tid]}" in desc
        assert f'<th scope="row">{title}</th><td class="kit-num">{counts[tid]}</td>' in themes
    evaluation = demo_site.html("suites/evaluation")
    assert "Part attendue selon le R.O.I." in evaluation and "Part observée" in evaluation
    (forecast,) = _svgs(evaluation)
    assert re.search(
        r"<desc[^>]*>.*Commerçants\u00a0: \d+\u00a0% attendus, \d+\u00a0% observés", forecast, re.S
    )
    assert "une <strong>prévision</strong>, pas une" in evaluation
    assert "Moins que prévu" in evaluation and "Commerçants\u00a0: " in evaluation
    assert "Pensez-vous que votre avis va servir\u202f?" in evaluation  # narrow no-break space before « ? »
    bilan = demo_site.html("suites")
    assert "Qui décide\u00a0: le conseil municipal" in bilan and "Qui décide\u00a0: Conseil" not in bilan
    legal = demo_site.html("suites/concertation-prealable")
    assert "L.103-6" in legal and "en arrête le bilan" in legal
    assert (demo_site.site / "suites" / "questionnaire" / "index.html").is_file()
    collecting = demo_site.html("suites/recueil")
    assert "<td>Registre en mairie</td>" in collecting and "<td><code>ombre</code></td>" in collecting
    assert (
        'href="../modele-avis.csv"' in collecting
        and (demo_site.site / "suites" / "modele-avis.csv").is_file()
    )


@pytest.fixture(scope="module")
def other_client_sites(tmp_path_factory) -> dict[str, Build]:
    """A client of the strategy offer, with contributions and no prior concertation,
    and the same client before anything was heard (public site)."""
    root = tmp_path_factory.mktemp("clients-suites")
    folder = _client(root, "avec", offer="strategie")
    (folder / "contributions.csv").write_text(
        "\ufeffid;date;canal;theme;public;texte\n"
        "c-a1;2027-03-03;Réunion publique du 3 mars;salle;seniors;Une scène plus grande\n"
        "c-a2;2027-03-04;Registre de l’accueil;cuisine;;Une buvette\n",
        encoding="utf-8",
    )
    sans = _client(root, "sans", offer="strategie")
    with (sans / "client.yml").open("a", encoding="utf-8") as file:  # a public site needs the choice
        file.write("\nscenario_retenu: marche\n")
    out = tmp_path_factory.mktemp("sites-suites")
    builds = {
        "avec": mkdocs_build(out / "avec", client="avec", clients_dir=root),
        "sans": mkdocs_build(out / "sans", client="sans", clients_dir=root, audience="public"),
    }
    for build in builds.values():
        assert build.returncode == 0, build.stderr
    return builds


def test_another_offer_gets_the_bilan_without_the_urban_planning_chapter(other_client_sites):
    site = other_client_sites["avec"]
    for page in (
        "suites",
        "suites/participation",
        "suites/synthese",
        "suites/engagements",
        "suites/evaluation",
    ):
        assert (site.site / page / "index.html").is_file(), page
    assert not (site.site / "suites" / "concertation-prealable").exists()
    report = site.html("public/ce-que-nous-en-faisons")
    assert "2\u00a0contributions recueillies du 3 mars au 4 mars 2027" in report
    assert (
        "Une réponse peut être" in report and "Cuisine et buvette" in report and "Réponse à venir." in report
    )
    assert "Le bilan officiel de la concertation" not in report
    assert 'href="../ce-que-nous-en-faisons/"' in site.html("public/participer")


def test_nothing_heard_yet_means_no_report_and_no_link(other_client_sites):
    site = other_client_sites["sans"]
    assert not (site.site / "public" / "ce-que-nous-en-faisons").exists()
    everything = "\n".join(p.read_text(encoding="utf-8") for p in site.site.rglob("*.html"))
    assert (
        "ce-que-nous-en-faisons" not in everything and "Ce que nous avons fait de vos avis" not in everything
    )


def test_the_bilan_is_dated_after_what_it_reports(tmp_path, monkeypatch, capsys):
    """The demo's version date (15 February) comes before its contributions (April-May) and answers
    (June): the bilan takes the day after the last of them; a declared date after them is kept,
    one before them is not, and ``kit check`` says so."""
    from datetime import date

    from macros.compute.handbook import last_reported_day, report_day, version_day

    kit = load_kit(Settings())
    last = last_reported_day(kit)
    assert last is not None and version_day(kit) < max(c.day for c in kit.contributions) <= last
    assert report_day(kit) == date.fromordinal(last.toordinal() + 1)

    def declared(day: date):
        follow = kit.client.follow_up.model_copy(update={"report_date": day})
        return report_day(
            dataclasses.replace(kit, client=kit.client.model_copy(update={"follow_up": follow}))
        )

    assert declared(date(2027, 9, 1)) == date(2027, 9, 1)
    assert declared(date(2027, 2, 15)) == report_day(kit)
    clients = tmp_path / "clients"
    shutil.copytree(ROOT / "kits" / "clients" / "demo", clients / "demo")
    yml = clients / "demo" / "client.yml"
    yml.write_text(
        yml.read_text(encoding="utf-8").replace("\nsuites:\n", "\nsuites:\n  date_bilan: 2027-02-15\n", 1),
        encoding="utf-8",
    )
    code, out, err = _kit(tmp_path, monkeypatch, capsys, "check", "demo", "--clients-dir", str(clients))
    said = "\n".join(out + err)
    assert (
        f"suites.date_bilan : le bilan est daté du 2027-02-15, avant ce qu’il rapporte (jusqu’au {last.isoformat()})"
        in said
    )
    assert "(avertissement)" in said and code == 0


def test_the_bilan_page_gives_its_date(demo_site):
    html = demo_site.html("suites")
    assert re.search(r"Bilan établi le \d+(?:er)?\s\w+\s\d{4}, après le dernier avis", unescape(html)), (
        "la page du bilan donne sa date"
    )

"""Broken values, hostile front matter, attachments and symbolic links: each refused in French.

Every case is a client folder built from the valid base of ``tests/invalid/``
with one mistake; all of them are checked by ONE real ``kit check`` run (the
same loading and checking as ``mkdocs build``), which must name the file, the
line where there is one and the field, print no traceback, and leave every
file as it was. ``mkdocs build`` loads the kit through the same ``load_kit``
(the kit plugin's ``on_config``), and tests/test_invalid_inputs.py shows that
such an error stops it with the last good site kept.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import BIN, ROOT, kit_env

BASE = (ROOT / "tests" / "invalid" / "_base.yml").read_text(encoding="utf-8")
PAGE = "---\ntitle: Notes\naudience: [agents]\n---\n\n# Notes\n"
OUTSIDE = Path("/etc/hostname") if Path("/etc/hostname").is_file() else Path("/etc/passwd")


def _yml(old: str, new: str) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        assert old in BASE, old
        (folder / "client.yml").write_bytes(BASE.replace(old, new, 1).encode("utf-8"))

    return write


def _append(text: str) -> Callable[[Path], None]:
    return lambda folder: (folder / "client.yml").write_text(BASE + text, encoding="utf-8")


def _page(text: str, name: str = "notes.md") -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        (folder / "client.yml").write_text(BASE, encoding="utf-8")
        (folder / "pages").mkdir(exist_ok=True)
        (folder / "pages" / name).write_bytes(text.encode("utf-8"))

    return write


def _file(name: str, data: bytes) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        _page(PAGE)(folder)
        (folder / "pages" / name).write_bytes(data)

    return write


def _special(name: str, make: Callable[[Path], None]) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        _page(PAGE)(folder)
        make(folder / "pages" / name)

    return write


def _link(name: str, target: Path | None = None) -> Callable[[Path], None]:
    def write(folder: Path) -> None:
        _page(PAGE)(folder)
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        if name == "client.yml":
            (folder / name).unlink()
            elsewhere = folder.parent / "ailleurs.yml"
            elsewhere.write_text(BASE, encoding="utf-8")
            os.symlink(elsewhere, folder / name)
        else:
            os.symlink(target or OUTSIDE, folder / name)

    return write


def _pages_folder_link(folder: Path) -> None:
    (folder / "client.yml").write_text(BASE, encoding="utf-8")
    outside = folder.parent / "pages-ailleurs"
    outside.mkdir(exist_ok=True)
    (outside / "notes.md").write_text(PAGE, encoding="utf-8")
    os.symlink(outside, folder / "pages")


def _logo_link(folder: Path) -> None:
    _yml("  population: 4200", "  population: 4200\n  logo: images/logo.png")(folder)
    (folder / "images").mkdir()
    os.symlink(OUTSIDE, folder / "images" / "logo.png")


def _logo_not_image(folder: Path) -> None:
    _yml("  population: 4200", "  population: 4200\n  logo: notes.txt")(folder)
    (folder / "notes.txt").write_text("du texte", encoding="utf-8")


NESTED = "bombe: " + "[" * 600 + "]" * 600 + "\n"
BLOCKS = "".join("  " * i + f"niveau{i}:\n" for i in range(50)) + "  " * 50 + "fin: 1\n"
ALIAS_BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n" for i in range(1, 6)
)
C = "tests/cas/{case}/client.yml"
P = "tests/cas/{case}/pages/notes.md"

# case -> (how to write it, the lines kit check must print)
CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    # --- broken values in client.yml
    "date-impossible": (
        _yml("date_decision: 2027-05-12", "date_decision: 2027-02-30"),
        [C + ":10: projet.date_decision : date impossible « 2027-02-30 » : février 2027 n’a que 28 jours"],
    ),
    "mois-impossible": (
        _yml("debut: 2027-01-04\ncalendrier", "debut: 2027-13-04\ncalendrier"),
        [C + ":14: mission.debut : date impossible « 2027-13-04 » : il n’y a pas de mois 13"],
    ),
    "heure-impossible": (
        _yml("date_decision: 2027-05-12", "date_decision: 2027-05-12 25:00:00"),
        [
            C
            + ":10: projet.date_decision : heure impossible dans « 2027-05-12 25:00:00 » : heures de 0 à 23, minutes et secondes de 0 à 59"
        ],
    ),
    # --- explicit YAML tags: never run, never dropped silently, one message for all
    "balise-python": (
        _yml("  population: 4200", "  population: !!python/object/apply:os.system [echo pris]"),
        [C + ":4: balise YAML « !!python/object/apply:os.system » refusée : écrivez la valeur elle-même"],
    ),
    "balise-binaire": (
        _yml("  titre: Rénover la salle des fêtes", "  titre: !!binary UmVub3Zlcg=="),
        [C + ":6: balise YAML « !!binary » refusée : écrivez la valeur elle-même"],
    ),
    "balise-locale": (
        _yml("  decideur: Conseil municipal", "  decideur: !foo Conseil municipal"),
        [C + ":9: balise YAML « !foo » refusée : écrivez la valeur elle-même"],
    ),
    "echappement-controle": (
        _yml("  nom: Commune de Valmont", '  nom: "Commune\\x1b[2J de Valmont"'),
        [C + ":2: collectivite.nom : caractère de contrôle invisible U+001B dans la valeur : retirez-le"],
    ),
    "nombre-5000-chiffres": (
        _yml("population: 4200", "population: " + "9" * 5000),
        [C + ":4: collectivite.population : nombre trop long (5\u202f000 chiffres ; 15 au plus)"],
    ),
    "nombre-hors-limites": (
        _yml("population: 4200", "population: 1000000000"),
        [
            C
            + ":4: collectivite.population : nombre inférieur ou égal à 100000000 attendu, reçu le nombre 1000000000"
        ],
    ),
    "booleen-pour-un-nombre": (
        _yml("pouvoir: 1", "pouvoir: true"),
        [C + ":27: parties_prenantes[0].pouvoir : nombre attendu, reçu « true » (oui ou non, pas un nombre)"],
    ),
    "cle-non-texte": (
        _yml("  type: commune", "  type: commune\n  null: 3"),
        [
            C
            + ":4: collectivite : clé « null » : une clé doit être un mot ; écrivez-la entre guillemets si elle doit se lire « oui », « non », « null » ou comme une date"
        ],
    ),
    "octet-nul": (
        _yml("nom: Commune de Valmont", "nom: Commune de\x00Valmont"),
        [C + ":2: caractère de contrôle invisible U+0000 (NUL) en colonne 18 : retirez-le"],
    ),
    "sequence-echappement": (
        _yml("nom: Club des aînés", "nom: \x1b[2J\x1b]0;piège\x07Club"),
        [
            C + ":25: caractère de contrôle invisible U+001B (ESC, échappement) en colonne 10 : retirez-le",
            C + ":25: caractère de contrôle invisible U+0007 (BEL, sonnerie) en colonne 23 : retirez-le",
        ],
    ),
    "caractere-interdit": (
        _yml("nom: Commune de Valmont", "nom: Commune \uffff"),
        [C + ":2: caractère interdit en YAML U+FFFF : retirez-le"],
    ),
    "600-crochets": (
        _append(NESTED),
        [
            C
            + ":41: imbrication trop profonde : plus de 40 niveaux de listes ou de clés les unes dans les autres"
        ],
    ),
    "50-niveaux": (
        _append(BLOCKS),
        [
            C
            + ":81: imbrication trop profonde : plus de 40 niveaux de listes ou de clés les unes dans les autres"
        ],
    ),
    "alias-recursif": (
        _append("boucle: &a [*a]\n"),
        [
            C
            + ":41: boucle[0] : alias récursif : la valeur de cette ancre « & » se contient elle-même par un alias « * »"
        ],
    ),
    # --- front matter of a client page, read like client.yml
    "entete-cle-en-double": (
        _page("---\ntitle: Notes\naudience: [public]\naudience: [agents]\n---\n# Notes\n"),
        [P + ":4: audience : clé « audience » en double (déjà définie ligne 3)"],
    ),
    "entete-yaml-casse": (
        _page("---\ntitle: Notes\naudience: [agents\n---\n# Notes\n"),
        [
            P
            + ":3: syntaxe YAML invalide : crochet « [ » ouvert mais jamais fermé, ou virgule manquante entre deux éléments"
        ],
    ),
    "entete-bombe-alias": (
        _page("---\n" + ALIAS_BOMB + "title: Notes\n---\n# Notes\n"),
        [
            P
            + ":2: en-tête de page trop volumineux une fois les alias « * » développés (plus de 5\u202f000 valeurs)"
        ],
    ),
    "entete-gabarit-inconnu": (
        _page("---\ntitle: Notes\naudience: [agents]\ntemplate: inexistant.html\n---\n# Notes\n"),
        [
            P
            + ":4: template : gabarit inconnu (le texte « inexistant.html ») : retirez la clé « template » ou nommez un gabarit de overrides/"
        ],
    ),
    "entete-titre-liste": (
        _page("---\ntitle: [a, b]\naudience: [agents]\n---\n# Notes\n"),
        [P + ":2: title : texte attendu, reçu une liste"],
    ),
    "entete-date-impossible": (
        _page("---\ntitle: Notes\naudience: [agents]\nrevue: 2027-02-30\n---\n# Notes\n"),
        [P + ":4: revue : date impossible « 2027-02-30 » : février 2027 n’a que 28 jours"],
    ),
    "entete-etiquette-env": (
        _page("---\ntitle: !ENV HOME\naudience: [agents]\n---\n# Notes\n"),
        [P + ":2: balise YAML « !ENV » refusée : écrivez la valeur elle-même"],
    ),
    "entete-octet-nul": (
        _page("---\ntitle: No\x00tes\naudience: [agents]\n---\n# Notes\n"),
        [P + ":2: caractère de contrôle invisible U+0000 (NUL) en colonne 10 : retirez-le"],
    ),
    "entete-audience-inconnue": (
        _page("---\ntitle: Notes\naudience: [tous]\n---\n# Notes\n"),
        [P + ":3: audience : audience inconnue « tous » (possibles : public, elus, agents)"],
    ),
    # --- attachments
    # --- a page that is not a regular file: refused, never read (a pipe would block for ever)
    "page-tube": (
        _special("tube.md", os.mkfifo),
        [
            "tests/cas/{case}/pages/tube.md: la page n’est pas un fichier ordinaire (tube, périphérique…) : retirez-la"
        ],
    ),
    "page-dossier": (
        _special("dossier.md", os.mkdir),
        [
            "tests/cas/{case}/pages/dossier.md: la page n’est pas un fichier ordinaire (tube, périphérique…) : retirez-la"
        ],
    ),
    "joint-html": (
        _file("carte.html", b"<script>alert(1)</script>"),
        [
            "tests/cas/{case}/pages/carte.html: type de fichier refusé (« .html ») : une page peut joindre des images (PNG, JPEG, WebP, SVG) et des documents (PDF, ODT, DOCX, XLSX, CSV)"
        ],
    ),
    "joint-javascript": (
        _file("suivi.js", b"alert(1)"),
        [
            "tests/cas/{case}/pages/suivi.js: type de fichier refusé (« .js ») : une page peut joindre des images (PNG, JPEG, WebP, SVG) et des documents (PDF, ODT, DOCX, XLSX, CSV)"
        ],
    ),
    "joint-gif": (
        _file("anim.gif", b"GIF89a"),
        [
            "tests/cas/{case}/pages/anim.gif: type de fichier refusé (« .gif ») : une page peut joindre des images (PNG, JPEG, WebP, SVG) et des documents (PDF, ODT, DOCX, XLSX, CSV)"
        ],
    ),
    "joint-faux-png": (
        _file("photo.png", b"<html><script>alert(1)</script>"),
        [
            "tests/cas/{case}/pages/photo.png: le contenu du fichier ne correspond pas à son extension « .png » : ce n’est pas une image PNG"
        ],
    ),
    "joint-faux-pdf": (
        _file("cr.pdf", b"MZ\x90\x00"),
        [
            "tests/cas/{case}/pages/cr.pdf: le contenu du fichier ne correspond pas à son extension « .pdf » : ce n’est pas un document PDF"
        ],
    ),
    "joint-nom-piege": (
        _file("\x1b[31mrouge.exe", b"MZ"),
        [
            "tests/cas/{case}/pages/\\u001b[31mrouge.exe: type de fichier refusé (« .exe ») : une page peut joindre des images (PNG, JPEG, WebP, SVG) et des documents (PDF, ODT, DOCX, XLSX, CSV)"
        ],
    ),
    "logo-pas-une-image": (
        _logo_not_image,
        [C + ":5: collectivite.logo : le logo « notes.txt » doit être une image PNG, JPEG, WebP ou SVG"],
    ),
    # --- symbolic links leaving the client folder
    "lien-client-yml": (
        _link("client.yml"),
        [
            "tests/cas/{case}/client.yml: lien symbolique vers « {parent}/ailleurs.yml », hors du dossier du client : copiez-y le fichier au lieu d’un lien"
        ],
    ),
    "lien-dossier-pages": (
        _pages_folder_link,
        [
            "tests/cas/{case}/pages: lien symbolique vers « {parent}/pages-ailleurs », hors du dossier du client : copiez-y le fichier au lieu d’un lien"
        ],
    ),
    "lien-page-md": (
        _link("pages/systeme.md"),
        [
            f"tests/cas/{{case}}/pages/systeme.md: lien symbolique vers « {OUTSIDE} », hors du dossier du client : copiez-y le fichier au lieu d’un lien"
        ],
    ),
    "lien-image": (
        _link("pages/plan.png"),
        [
            f"tests/cas/{{case}}/pages/plan.png: lien symbolique vers « {OUTSIDE} », hors du dossier du client : copiez-y le fichier au lieu d’un lien"
        ],
    ),
    "lien-document": (
        _link("pages/annexes/cr.pdf"),
        [
            f"tests/cas/{{case}}/pages/annexes/cr.pdf: lien symbolique vers « {OUTSIDE} », hors du dossier du client : copiez-y le fichier au lieu d’un lien"
        ],
    ),
    "lien-logo": (
        _logo_link,
        [
            f"tests/cas/{{case}}/images/logo.png: lien symbolique vers « {OUTSIDE} », hors du dossier du client : copiez-y le fichier au lieu d’un lien"
        ],
    ),
}


def _digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        sha.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape"))
        if path.is_file() and not path.is_symlink():
            sha.update(path.read_bytes())
    return sha.hexdigest()


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """All cases under one clients folder, checked by one ``kit check``; the sources are unchanged."""
    clients = tmp_path_factory.mktemp("cas") / "tests" / "cas"
    for case, (write, _) in CASES.items():
        (clients / case).mkdir(parents=True)
        write(clients / case)
    before = _digest(clients.parent)
    args = [str(BIN / "kit"), "check", *CASES, "--clients-dir", str(clients)]
    proc = subprocess.run(
        args, cwd=clients.parent.parent, env=kit_env(), capture_output=True, text=True, timeout=300
    )
    assert _digest(clients.parent) == before, "kit check a modifié une source"
    return proc, clients


def test_corpus_is_large_enough():
    assert len(CASES) >= 30


def test_check_fails_without_traceback(checked):
    proc, _ = checked
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert f"{len(CASES)} clients sur {len(CASES)} avec des erreurs" in proc.stderr, proc.stderr


@pytest.mark.parametrize("case", CASES)
def test_each_case_has_its_exact_french_message(checked, case):
    proc, clients = checked
    lines = proc.stdout.splitlines()
    for expected in CASES[case][1]:
        message = expected.format(case=case, parent=clients)
        assert message in lines, f"message attendu absent :\n{message}\n--- reçu :\n" + "\n".join(
            line for line in lines if case in line
        )
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout, (
        "une séquence d’échappement atteint le terminal"
    )


def test_a_named_pipe_as_page_is_refused_not_waited_for(tmp_path):
    """``mkfifo pages/x.md``: reading it would block ``kit check`` and the PDF step for ever."""
    from macros.errors import KitError
    from macros.site.pages import read_page_info

    pipe = tmp_path / "x.md"
    os.mkfifo(pipe)
    with pytest.raises(KitError) as refused:
        read_page_info(pipe, "client/x.md")
    assert "la page n’est pas un fichier ordinaire (tube, périphérique…) : retirez-la" in str(refused.value)


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ('https://x.example/"><script>', 'caractère interdit dans une adresse : « " »'),
        ("https://x.example/kits/<b>/", "caractère interdit dans une adresse : « < »"),
        ("https://x.example/a b/", "caractère interdit dans une adresse : une espace"),
        ("https://x.example/\x1b[2J", "caractère interdit dans une adresse : U+001B"),
        ("javascript:alert(1)//", "l’adresse doit commencer par https:// ou http://"),
        ("file:///etc/passwd", "l’adresse doit commencer par https:// ou http://"),
        ("https:///kits/", "nom de domaine absent ou invalide"),
    ],
)
def test_a_site_address_that_could_open_markup_is_refused(url, why):
    """KIT_SITE_URL is written into every page (canonical link, sitemap): only a plain address."""
    from macros.settings import site_url_problem

    problem = site_url_problem(url)
    assert problem is not None and f"(KIT_SITE_URL) : {why} ;" in problem, problem
    assert "\x1b" not in problem
    assert site_url_problem("https://exemple.github.io/kits/{client}/") is None
    assert site_url_problem("http://127.0.0.1:8000/") is None


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("Ville\nde X", "contient un saut de ligne"),
        ("Ville \x1b[31mde X", "contient un caractère invisible U+001B"),
        ("Ville\u202ede X", "contient un caractère invisible U+202E"),
        ("V" * 1_000_000, "est trop long (1\u202f000\u202f000 caractères ; 120 au plus)"),
    ],
)
def test_kit_new_refuses_a_name_that_is_not_one_visible_line(tmp_path, name, why):
    from macros.commands.common import KitAbort
    from macros.commands.new import new_client
    from macros.settings import Settings

    with pytest.raises(KitAbort) as refused:
        new_client(Settings(clients_dir=tmp_path), "ville-x", "concertation", name, "commune")
    assert str(refused.value).startswith(f"le nom de la collectivité (--nom) {why}"), str(refused.value)
    assert not (tmp_path / "ville-x").exists()

"""The ``kit`` command, driven as a consultant would: new, check, build, publish.

Everything runs the real console script in a subprocess, with clients kept
outside the repository (``--clients-dir``), real MkDocs builds and a real
bare git repository as the publication target, read back with ``git``.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

KIT = Path(sys.executable).parent / "kit"
SLUG = "ville-test"

#: Planted in everything that must never be public; none may reach gh-pages.
CANARIES = {
    "consultant": "Canari-Consultant-7731",
    "note de public": "Canari-Note-Public-2209",
    "nom du contact": "Canari-Contact-Nom-5120",
    "courriel du contact": "canari.contact.5120@exemple.fr",
    "téléphone du contact": "01 99 88 77 66",
    "page agents": "Canari-Page-Agents-4412",
    "image interne": "Canari-Image-Interne-9034",
    "page sans audience": "Canari-Sans-Audience-6617",
    "commentaire": "Canari-Commentaire-3380",
}

EXTRA_DATA = f"""
publics:
  - id: seniors
    prioritaire: true
    note: {CANARIES["note de public"]}
parties_prenantes:
  - id: club-aines
    nom: Club des aînés
    categorie: associations
    pouvoir: 2
    interet: 3
    attitude: favorable
    relaie: [seniors]
    niveau_cible: consulter
    contact:
      nom: {CANARIES["nom du contact"]}
      courriel: {CANARIES["courriel du contact"]}
      telephone: {CANARIES["téléphone du contact"]}
"""

PAGES = {
    "notes.md": f"---\ntitle: Notes internes\naudience: [agents]\n---\n\n# Notes internes\n\n{CANARIES['page agents']}\n\n![Plan interne](images/plan-interne.svg)\n",
    "brouillon.md": f"---\ntitle: Brouillon\n---\n\n# Brouillon\n\n{CANARIES['page sans audience']}\n",
    "annonce.md": (
        "---\ntitle: Annonce\naudience: [public, elus]\n---\n\n# Annonce aux habitants\n\n"
        "Voir aussi [les notes de l’équipe](notes.md).\n\n![Carte du quartier](images/carte.svg)\n\n"
        f"<!-- {CANARIES['commentaire']} : à vérifier avec le maire -->\n"
    ),
}

SVG = '<svg xmlns="http://www.w3.org/2000/svg" role="img"><title>{}</title></svg>\n'


def kit(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("KIT_CLIENT", "KIT_CLIENTS_DIR", "KIT_AUDIENCE")}
    full.update(NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run([str(KIT), *args], cwd=cwd, env=full, capture_output=True, text=True, timeout=300)


def plant_canaries(client: Path) -> None:
    text = (client / "client.yml").read_text(encoding="utf-8")
    text = text.replace(
        "consultant: À compléter (consultant du cabinet)", f"consultant: {CANARIES['consultant']}"
    )
    # The texts of the template that the public site shows, written as a consultant would.
    text = re.sub(r"À compléter \(le projet en quelques mots\)", "Rénover la place du marché", text)
    text = re.sub(
        r"À compléter : le projet en trois ou quatre phrases simples\.",
        "La ville veut rendre la place aux piétons le samedi.",
        text,
    )
    text = re.sub(r"À compléter \(ce qui sera décidé[^)]*\)", "Le plan de la place", text)
    (client / "client.yml").write_text(text + EXTRA_DATA, encoding="utf-8")
    for name, body in PAGES.items():
        (client / "pages" / name).write_text(body, encoding="utf-8")
    (client / "pages" / "images").mkdir()
    (client / "pages" / "images" / "plan-interne.svg").write_text(SVG.format(CANARIES["image interne"]))
    (client / "pages" / "images" / "carte.svg").write_text(SVG.format("Carte du quartier"))


def git(*args: str, repo: Path) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def published_files(bare: Path) -> dict[str, bytes]:
    names = git("ls-tree", "-r", "--name-only", "gh-pages", repo=bare).split()
    blobs = {}
    for name in names:
        data = subprocess.run(
            ["git", "show", f"gh-pages:{name}"], cwd=bare, capture_output=True, check=True
        ).stdout
        blobs[name] = gzip.decompress(data) if name.endswith(".gz") else data
    return blobs


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> dict[str, Path]:
    """``kit new`` then canaries planted, shared by the tests of this module."""
    base = tmp_path_factory.mktemp("cli")
    clients = base / "clients"
    created = kit(
        "new", SLUG, "--offre", "concertation", "--nom", "Ville de Test", "--clients-dir", str(clients)
    )
    assert created.returncode == 0, created.stderr
    plant_canaries(clients / SLUG)
    return {"base": base, "clients": clients, "public": base / "public", "interne": base / "interne"}


def test_new_creates_a_valid_client_pointing_to_the_schema(tmp_path):
    result = kit(
        "new",
        "ville-neuve",
        "--offre",
        "strategie",
        "--nom",
        "Ville de « Neuve »",
        "--clients-dir",
        str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "ville-neuve" / "client.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=file://")
    assert text.splitlines()[0].endswith("/schemas/client.schema.json")
    assert 'nom: "Ville de « Neuve »"' in text
    assert "#   - etape: creativite" in text  # the offer's steps, ready to be dated
    assert (tmp_path / "ville-neuve" / "pages").is_dir()
    checked = kit("check", "ville-neuve", "--clients-dir", str(tmp_path))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_new_template_texts_are_warned_then_refused_by_the_public_build(tmp_path):
    """``kit new`` fills every field to write with the template's marker: kit check lists each
    one (file, line, field) and says the public build refuses it; the public build stops."""
    clients = tmp_path / "clients"
    created = kit(
        "new", "dep-x", "--offre", "strategie", "--nom", "Département de X", "--type", "departement",
        "--clients-dir", str(clients),
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    path = clients / "dep-x" / "client.yml"
    text = path.read_text(encoding="utf-8")
    assert "ne signale rien" not in text and "liste, en avertissements, ce qui reste à remplir" in text
    to_fill = [
        n
        for n, line in enumerate(text.splitlines(), 1)
        if not line.lstrip().startswith("#") and "À compléter" in line
    ]
    assert len(to_fill) >= 4, to_fill
    checked = kit("check", "dep-x", "--clients-dir", str(clients), cwd=clients)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    lines = checked.stdout.splitlines()
    warned = {
        int(line.split(":")[1])
        for line in lines
        if ": texte du modèle « À compléter" in line
        and (
            line.endswith("encore à remplacer (refusé par le site public) (avertissement)")
            or (
                ": mission." in line and line.endswith("encore à remplacer (avertissement)")
            )  # never published
        )
    }
    # A folded text (« resume: >- ») is reported at its key, the line above its text.
    assert all(n in warned or n - 1 in warned for n in to_fill), (to_fill, lines)
    titre = text.splitlines().index("  titre: À compléter (le projet en quelques mots)") + 1
    said = f"dep-x/client.yml:{titre}: projet.titre : texte du modèle « À compléter (le projet en quelques mots) »"
    assert said in checked.stdout
    # The legal pages are not in the file: no line of another section, but where to add them.
    legal = [line for line in lines if ": pages_legales." in line]
    assert legal and all(
        line.startswith("dep-x/client.yml: pages_legales.")
        and "la section « pages_legales » est absente : ajoutez-la au fichier" in line
        for line in legal
    ), legal
    out = tmp_path / "public"
    built = kit(
        "build",
        "dep-x",
        "--audience",
        "public",
        "--no-pdf",
        "--out",
        str(out),
        "--clients-dir",
        str(clients),
        cwd=clients,
    )
    assert built.returncode == 1, built.stderr
    assert (
        f"dep-x/client.yml:{titre}: projet.titre : texte du modèle « À compléter (le projet en quelques mots) » "
        "encore en place : le site public ne le publie pas, remplacez-le" in built.stderr
    ), built.stderr
    assert "projet.resume : texte du modèle « À compléter : le projet en trois" in built.stderr
    # the consultant's name is internal: a reminder, never a reason to refuse the public site
    assert not any(
        "mission.consultant" in line and "encore en place" in line for line in built.stderr.splitlines()
    )
    assert not (out / "dep-x").exists()


def test_new_refuses_to_overwrite_and_bad_input(tmp_path):
    assert (
        kit(
            "new", "ville-a", "--offre", "concertation", "--nom", "A", "--clients-dir", str(tmp_path)
        ).returncode
        == 0
    )
    before = (tmp_path / "ville-a" / "client.yml").read_text(encoding="utf-8")
    again = kit("new", "ville-a", "--offre", "defricher", "--nom", "B", "--clients-dir", str(tmp_path))
    assert again.returncode == 1
    assert "le client « ville-a » existe déjà" in again.stderr
    assert (tmp_path / "ville-a" / "client.yml").read_text(encoding="utf-8") == before
    unknown = kit("new", "ville-b", "--offre", "inconnue", "--nom", "B", "--clients-dir", str(tmp_path))
    assert unknown.returncode == 1
    assert "offre inconnue « inconnue » (connues : concertation, defricher, strategie)" in unknown.stderr
    assert not (tmp_path / "ville-b").exists()
    bad_slug = kit("new", "Ville B", "--offre", "concertation", "--nom", "B", "--clients-dir", str(tmp_path))
    assert bad_slug.returncode == 1
    usage = kit("new", "ville-c", "--clients-dir", str(tmp_path))
    assert usage.returncode == 2
    assert "--offre" in usage.stderr
    assert "Traceback" not in again.stderr + unknown.stderr + bad_slug.stderr + usage.stderr


def test_check_reports_every_error_of_every_client(tmp_path):
    for slug in ("ville-a", "ville-b", "ville-c"):
        assert (
            kit(
                "new", slug, "--offre", "concertation", "--nom", slug, "--clients-dir", str(tmp_path)
            ).returncode
            == 0
        )
    a = tmp_path / "ville-a" / "client.yml"
    a.write_text(
        a.read_text(encoding="utf-8").replace("offre: concertation", "offre: concertaton\nbudget: 3"),
        encoding="utf-8",
    )
    c = tmp_path / "ville-c" / "client.yml"
    c.write_text(
        c.read_text(encoding="utf-8").replace("  type: commune", "  type: village"), encoding="utf-8"
    )
    (tmp_path / "ville-c" / "pages" / "infos.md").write_text(
        "---\ntitle: Infos\naudience: [habitants]\n---\n# Infos\n", encoding="utf-8"
    )
    result = kit("check", "--all", "--clients-dir", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("ville-a/client.yml:") and ": budget : clé inconnue « budget »" in line
        for line in lines
    ), lines
    assert any(
        line.startswith("ville-c/client.yml:") and ": collectivite.type : " in line for line in lines
    ), lines
    assert (
        "ville-c/pages/infos.md:3: audience : audience inconnue « habitants » (possibles : public, elus, agents)"
        in lines
    )
    # A valid client: no error; what its public site and quote still lack is listed as warnings.
    assert (
        re.search(r"! ville-b : \d+ avertissements\n", result.stderr)
        and "ville-b : 1 erreur" not in result.stderr
    )
    assert "2 clients sur 3 avec des erreurs." in result.stderr


def test_check_and_build_need_a_selection():
    assert kit("check").returncode == 2
    result = kit("build", "--all", "demo")
    assert result.returncode == 2
    assert "pas les deux" in result.stderr


def test_publish_refuses_without_a_public_build(workspace, tmp_path):
    bare = tmp_path / "pages.git"
    git("init", "-q", "--bare", str(bare), repo=tmp_path)
    result = kit(
        "publish",
        SLUG,
        "--remote",
        str(bare),
        "--out",
        str(tmp_path / "rien"),
        "--clients-dir",
        str(workspace["clients"]),
    )
    assert result.returncode == 1
    assert f"aucune construction publique réussie de « {SLUG} »" in result.stderr
    assert git("branch", "--list", repo=bare) == ""


def test_new_check_build_publish_publishes_nothing_internal(workspace, tmp_path):
    clients, out = workspace["clients"], workspace["public"]
    common = ("--clients-dir", str(clients))
    checked = kit("check", SLUG, *common)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = kit("build", SLUG, "--audience", "public", "--no-pdf", "--out", str(out), *common)
    assert built.returncode == 0, built.stderr
    bare = tmp_path / "pages.git"
    git("init", "-q", "--bare", str(bare), repo=tmp_path)
    published = kit("publish", SLUG, "--remote", str(bare), "--out", str(out), *common)
    assert published.returncode == 0, published.stderr
    assert f"publié sur la branche gh-pages de {bare}" in published.stderr

    files = published_files(bare)
    assert ".nojekyll" in files
    assert all(name == ".nojekyll" or name.startswith(f"{SLUG}/") for name in files), sorted(
        files
    )  # its own folder
    files = {name.removeprefix(f"{SLUG}/"): data for name, data in files.items() if name != ".nojekyll"}
    assert {"index.html", "404.html", "sitemap.xml", "search/search_index.json"} <= set(files)
    assert ".kit-site" not in files  # the build marker is for kit build, not for readers
    assert "client/annonce/index.html" in files and "client/images/carte.svg" in files
    assert not any(name.startswith(("client/notes", "client/brouillon", "cabinet/")) for name in files)
    assert "client/images/plan-interne.svg" not in files
    for name, data in files.items():
        for what, canary in CANARIES.items():
            assert canary.encode() not in data, f"{what} publié dans {name}"
    annonce = files["client/annonce/index.html"].decode()
    assert (
        "les notes de l’équipe" in annonce and "notes/" not in annonce
    )  # the link is unwrapped, its text kept
    assert b"client/notes" not in files["sitemap.xml"] + files["search/search_index.json"]
    assert "construit sans adresse (KIT_SITE_URL)" in published.stderr

    # A second client on the same branch, built for its address under /kits/demo/.
    demo_out = tmp_path / "demo-public"
    url = "https://exemple.github.io/kits/demo/"
    demo = kit(
        "build", "demo", "--audience", "public", "--no-pdf", "--out", str(demo_out), env={"KIT_SITE_URL": url}
    )
    assert demo.returncode == 0, demo.stderr
    check_site_under_sub_path(demo_out / "demo", url)
    assert kit("publish", "demo", "--remote", str(bare), "--out", str(demo_out)).returncode == 0
    both = published_files(bare)
    assert {name: data for name, data in both.items() if name.startswith(f"{SLUG}/")} == {
        f"{SLUG}/{n}": d for n, d in files.items()
    }
    assert "demo/index.html" in both and "demo/404.html" in both
    commits = git("rev-list", "--count", "gh-pages", repo=bare)
    again = kit("publish", "demo", "--remote", str(bare), "--out", str(demo_out))
    assert again.returncode == 0, again.stderr
    assert "Rien de nouveau pour « demo »" in again.stderr and "aucun commit" in again.stderr
    assert git("rev-list", "--count", "gh-pages", repo=bare) == commits


def check_site_under_sub_path(site: Path, url: str) -> None:
    """The sitemap lists every page of the build at ``url``; the 404 page and its
    assets load when the site is served under that sub-path."""
    import functools
    import http.server
    import re
    import threading
    import urllib.request
    from urllib.parse import urlsplit

    pages = {
        url + (p.parent.relative_to(site).as_posix() + "/" if p.parent != site else "")
        for p in site.rglob("index.html")
    }
    listed = set(re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")))
    assert listed == pages and len(pages) > 3
    mount = urlsplit(url).path  # /kits/demo/
    root = site.parent / "www"
    (root / mount.strip("/")).parent.mkdir(parents=True, exist_ok=True)
    (root / mount.strip("/")).symlink_to(site, target_is_directory=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        page = urllib.request.urlopen(base + mount + "404.html", timeout=10).read().decode("utf-8")
        assets = set(re.findall(r'(?:href|src)="(/[^"#]+\.(?:css|js|png|svg|woff2))"', page))
        assert len(assets) >= 5 and all(a.startswith(mount) for a in assets), assets
        for asset in assets:
            assert urllib.request.urlopen(base + asset, timeout=10).status == 200, asset
    finally:
        server.shutdown()
        server.server_close()


def test_the_canaries_are_really_in_the_review_site(workspace):
    """The public test above would prove nothing if the review site did not show them."""
    out = workspace["interne"]
    built = kit("build", SLUG, "--no-pdf", "--out", str(out), "--clients-dir", str(workspace["clients"]))
    assert built.returncode == 0, built.stderr
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in (out / SLUG).rglob("*.html"))
    for what in (
        "page agents",
        "page sans audience",
        "nom du contact",
        "courriel du contact",
        "téléphone du contact",
    ):
        assert CANARIES[what] in text, what
    assert (out / SLUG / "client" / "images" / "plan-interne.svg").is_file()


def test_publish_refuses_once_sources_changed_or_site_touched(workspace, tmp_path):
    clients, out = workspace["clients"], tmp_path / "public"
    common = ("--clients-dir", str(clients))
    assert kit("build", SLUG, "--audience", "public", "--no-pdf", "--out", str(out), *common).returncode == 0
    bare = tmp_path / "pages.git"
    git("init", "-q", "--bare", str(bare), repo=tmp_path)
    (out / SLUG / "ajout.html").write_text("ajouté à la main")
    touched = kit("publish", SLUG, "--remote", str(bare), "--out", str(out), *common)
    assert touched.returncode == 1
    assert "a été modifié après sa construction" in touched.stderr
    (out / SLUG / "ajout.html").unlink()
    page = clients / SLUG / "pages" / "annonce.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    changed = kit("publish", SLUG, "--remote", str(bare), "--out", str(out), *common)
    assert changed.returncode == 1
    assert "le dossier du client « ville-test » a changé depuis la dernière construction" in changed.stderr
    page.write_text(page.read_text(encoding="utf-8").replace("\nUne phrase de plus.\n", ""), encoding="utf-8")
    # Only the kit's own code changed (an update of the kit): the message says so, not « les sources ».
    manifest_file = out / ".kit" / f"{SLUG}.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
    manifest["sources"], manifest["parts"]["code"] = "0" * 64, "0" * 64
    manifest_file.write_text(json.dumps(manifest), encoding="utf-8")
    updated = kit("publish", SLUG, "--remote", str(bare), "--out", str(out), *common)
    assert updated.returncode == 1
    assert "le code du kit (macros/, requirements.lock) a changé depuis" in updated.stderr
    assert "client" not in updated.stderr.split("a changé")[0]
    interne = kit("publish", SLUG, "--remote", str(bare), "--out", str(workspace["interne"]), *common)
    assert interne.returncode == 1
    assert git("branch", "--list", repo=bare) == ""


def test_schema_command_writes_french_schema(tmp_path):
    target = tmp_path / "client.schema.json"
    result = kit("schema", "--sortie", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_text(encoding="utf-8") == (ROOT / "schemas" / "client.schema.json").read_text(
        encoding="utf-8"
    ), "schemas/client.schema.json n’est plus à jour : lancez « kit schema »"


def test_help_is_french():
    result = kit("--aide")
    assert result.returncode == 0
    assert "Utilisation : kit [OPTIONS] COMMANDE" in result.stdout or "Utilisation : kit" in result.stdout
    for command in ("new", "check", "build", "serve", "publish", "schema", "roi", "contributions"):
        assert command in result.stdout
    assert "Afficher cette aide et quitter." in result.stdout
    assert "Options :" in result.stdout and "Commandes :" in result.stdout
    new = kit("new", "--aide")
    assert "[obligatoire]" in new.stdout and "required" not in new.stdout
    out_file = kit("build", "demo", "--out", "README.md")
    assert out_file.returncode == 2
    assert "« README.md » est un fichier : un dossier est attendu." in out_file.stderr
    assert "Utilisation : kit [OPTIONS] COMMANDE [ARGUMENTS]..." in result.stdout


def test_help_wraps_and_quotes_in_french():
    """Click's own words: no ``[x>=1]``, no line cut at « gh-pages » or before « : », names in « »."""
    narrow = {"COLUMNS": "80"}
    build = kit("build", "--aide", env=narrow).stdout
    assert "[au moins 1]" in build and "x>=1" not in build and "INTEGER" not in build
    assert "-j, --jobs NOMBRE" in build
    assert not re.search(r"\n\s*[:;?!»]", build), build
    publish = kit("publish", "--aide", env=narrow).stdout
    assert "gh-pages]" in publish and "gh-\n" not in publish and "TEXTE" in publish
    assert not re.search(r"\n\s*[:;?!»]", publish), publish
    zero = kit("build", "-j", "0", "demo")
    assert zero.returncode == 2
    assert (
        "Valeur invalide pour « -j » / « --jobs » : 0 est hors des valeurs possibles (au moins 1)."
        in zero.stderr
    )
    typo = kit("publish", "--bla")
    assert "Vouliez-vous dire « --all » ?" in typo.stderr and "'" not in typo.stderr
    missing = kit("build", "--out")
    assert "L’option « --out » attend une valeur." in missing.stderr


def test_roi_prints_the_ranking_of_the_demo():
    result = kit("roi", "demo")
    assert result.returncode == 0, result.stderr
    assert "Classement des scénarios" in result.stdout
    unknown = kit("roi", "inconnu")
    assert unknown.returncode == 1
    assert "client inconnu « inconnu »" in unknown.stdout


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _page(url: str) -> str:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if text in _page(url):
            return True
        time.sleep(0.1)
    return False


def test_serve_previews_the_public_site():
    import urllib.error
    import urllib.request

    url = f"http://127.0.0.1:{_free_port()}/"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIT_")}
    server = subprocess.Popen(
        [str(KIT), "serve", "demo", "--audience", "public", "--adresse", url[7:-1]],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert _wait_for(url, "Participer", 90), "le site public n’a pas été servi"
        assert "Télécharger les livrets" not in _page(url)
        with pytest.raises(urllib.error.HTTPError) as internal:
            urllib.request.urlopen(url + "cabinet/offres/", timeout=10)
        assert internal.value.code == 404
        internal.value.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_shows_errors_in_the_page_then_recovers_and_prints_on_demand(tmp_path):
    """A client kept outside the repository, broken at first: its errors at every
    address, then the site at the next good save, and the handbooks printed on demand."""
    assert (
        kit(
            "new", "ville-x", "--offre", "concertation", "--nom", "Ville X", "--clients-dir", str(tmp_path)
        ).returncode
        == 0
    )
    client = tmp_path / "ville-x" / "client.yml"
    good = client.read_text(encoding="utf-8")
    client.write_text(good.replace("  type: commune", "  type: hameau"), encoding="utf-8")
    url = f"http://127.0.0.1:{_free_port()}/"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIT_")}
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [str(KIT), "serve", "ville-x", "--adresse", url[7:-1], "--clients-dir", str(tmp_path)],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=sink,
        )
    try:
        assert _wait_for(url, "ne peut pas être construit", 90), "la liste des erreurs n’a pas été servie"
        page = _page(url)
        line = good.splitlines().index("  type: commune") + 1
        assert f"client.yml:{line}: collectivite.type : valeur inconnue" in page and 'lang="fr"' in page
        import urllib.error
        import urllib.request

        with pytest.raises(urllib.error.HTTPError) as other:  # every address shows them (as a 404)
            urllib.request.urlopen(url + "livrables/devis/", timeout=10)
        shown = other.value.read().decode("utf-8")
        other.value.close()
        assert "collectivite.type" in shown and "livereload" in shown  # and reloads once fixed
        client.write_text(good, encoding="utf-8")
        assert _wait_for(url, "Ville X", 60), "le kit corrigé n’a pas été reconstruit"

        with urllib.request.urlopen(
            url + "livrets/livret-elus.pdf", timeout=120
        ) as response:  # printed on demand
            assert response.status == 200 and response.read(5) == b"%PDF-"
        for name in ("cahier-des-charges.docx", "essentiel-elus.odt"):  # converted on demand too
            with urllib.request.urlopen(url + "livrets/" + name, timeout=120) as response:
                assert response.status == 200 and response.read(2) == b"PK", name
        assert 'href="livrets/cahier-des-charges.odt"' in _page(
            url
        ) and 'href="livrets/essentiel-elus.docx"' in _page(url)
    finally:
        server.terminate()
        server.wait(timeout=30)
    said = log.read_text(encoding="utf-8")
    assert "✗ 1 erreur : la liste est affichée dans le navigateur." in said and "✓ Kit reconstruit en" in said
    assert "Traceback" not in said and "INFO" not in said and "Building documentation" not in said
    assert server.returncode in (0, 1, 130, -15)


def test_schema_reference_is_relative_inside_the_repository():
    from macros.commands.new import _schema_ref

    assert _schema_ref(ROOT / "kits" / "clients" / "ville-x") == "../../../schemas/client.schema.json"
    first_line = (
        (ROOT / "kits" / "clients" / "demo" / "client.yml").read_text(encoding="utf-8").splitlines()[0]
    )
    assert first_line == "# yaml-language-server: $schema=../../../schemas/client.schema.json"


def _keys_unknown_to_schema(value, node, schema, where="") -> list[str]:
    """Every key of ``value`` that ``node`` of the JSON Schema does not describe."""
    if "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    for option in node.get("anyOf", []):
        if option.get("type") == "object" or "$ref" in option or option.get("type") == "array":
            if isinstance(value, dict) == (option.get("type") != "array"):
                return _keys_unknown_to_schema(value, option, schema, where)
    unknown = []
    if isinstance(value, dict):
        props = node.get("properties", {})
        extra = node.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                unknown += _keys_unknown_to_schema(item, props[key], schema, f"{where}.{key}")
            elif isinstance(extra, dict):
                unknown += _keys_unknown_to_schema(item, extra, schema, f"{where}.{key}")
            elif extra is False:
                unknown.append(f"{where}.{key}")
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        for index, item in enumerate(value):
            unknown += _keys_unknown_to_schema(item, node["items"], schema, f"{where}[{index}]")
    return unknown


def test_schema_describes_every_key_of_the_demo_client_in_french():
    import json

    import yaml

    schema = json.loads((ROOT / "schemas" / "client.schema.json").read_text(encoding="utf-8"))
    demo = yaml.safe_load((ROOT / "kits" / "clients" / "demo" / "client.yml").read_text(encoding="utf-8"))
    assert _keys_unknown_to_schema(demo, schema, schema) == []
    assert "collectivite" in schema["required"] and schema["additionalProperties"] is False
    assert schema["properties"]["offre"]["examples"] == ["concertation", "defricher", "strategie"]
    assert (
        "jamais sur le site public" in schema["$defs"]["Stakeholder"]["properties"]["contact"]["description"]
    )
    assert (
        "ClientPublic" in schema["$defs"]
        and "seniors" in schema["$defs"]["ClientPublic"]["properties"]["id"]["examples"]
    )


def test_examples_of_the_template_are_valid_once_uncommented(tmp_path):
    """Each commented example of ``kit new`` becomes valid data when the
    consultant uncomments it (dates filled in)."""
    import re

    assert (
        kit(
            "new", "ville-z", "--offre", "concertation", "--nom", "Z", "--clients-dir", str(tmp_path)
        ).returncode
        == 0
    )
    file = tmp_path / "ville-z" / "client.yml"
    block = re.compile(r"^# ([a-z_]+:.*|  .*)$")
    data, notes = file.read_text(encoding="utf-8").split("# Pages propres au client")
    lines = [block.sub(r"\1", line) for line in data.splitlines()]
    text = "\n".join(lines).replace("AAAA-MM-JJ", "2027-01-04") + "\n# Pages propres au client" + notes
    assert "\nparties_prenantes:\n  - id: maire" in text and "\ncalendrier:\n  - etape: cadrage" in text
    file.write_text(text, encoding="utf-8")
    result = kit("check", "ville-z", "--clients-dir", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_warns_of_a_section_the_offer_does_not_use_and_roi_says_why(tmp_path):
    """A « défricher » client fills an R.O.I. section: listed with its line, counted by --strict."""
    assert (
        kit("new", "ville-d", "--offre", "defricher", "--nom", "D", "--clients-dir", str(tmp_path)).returncode
        == 0
    )
    file = tmp_path / "ville-d" / "client.yml"
    before = kit(
        "check", "ville-d", "--clients-dir", str(tmp_path), cwd=tmp_path
    ).stdout.splitlines()  # publication warnings
    lines = file.read_text(encoding="utf-8").splitlines()
    file.write_text("\n".join([*lines, "roi:", "  seuil_citoyen: 50", ""]), encoding="utf-8")
    where = f"ville-d/client.yml:{len(lines) + 1}: roi : section remplie mais inutilisée"
    checked = kit("check", "ville-d", "--clients-dir", str(tmp_path), cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    added = [line for line in checked.stdout.splitlines() if line not in before]
    assert len(added) == 1 and added[0].startswith(where) and added[0].endswith("(avertissement)"), (
        checked.stdout
    )
    assert "l’offre « concertation »" in added[0] and "l’offre « strategie »" in added[0]
    assert f"! ville-d : {len(before) + 1} avertissements" in checked.stderr
    strict = kit("check", "ville-d", "--strict", "--clients-dir", str(tmp_path), cwd=tmp_path)
    assert strict.returncode == 1 and where in strict.stdout
    roi = kit("roi", "ville-d", "--clients-dir", str(tmp_path))
    assert roi.returncode == 0, roi.stderr
    assert "ne comprend pas d’atelier « R.O.I. citoyen »" in roi.stdout and "Classement" not in roi.stdout
    grid = tmp_path / "grille.xlsx"
    refused = kit("roi", "ville-d", "--export", str(grid), "--clients-dir", str(tmp_path))
    assert refused.returncode == 1 and not grid.exists()
    assert "n’a ni atelier ni outil « R.O.I. citoyen » : aucune grille" in refused.stderr, refused.stderr


def test_publish_refuses_a_branch_name_git_would_misread(tmp_path):
    bare = tmp_path / "pages.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    for name in ("--force", "main:refs/heads/x", "a b"):
        result = kit("publish", "demo", "--remote", str(bare), "--branche", name)
        assert result.returncode == 1
        assert (
            f"nom de branche invalide « {name} » : un nom de branche git, par exemple gh-pages"
            in result.stderr
        )
    assert (
        subprocess.run(["git", "--git-dir", str(bare), "branch", "-a"], capture_output=True, text=True).stdout
        == ""
    )

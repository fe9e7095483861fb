"""Bad input beyond the corpus of tests/invalid/: size, code in client text, paths.

- Very large files, generated here (never committed): a client.yml above the
  size limit, and a few lines of nested YAML aliases that would stand for a
  hundred million values: both refused at once, with their message.
- Jinja syntax, ``<script>``, event handlers and ``javascript:`` links in the
  client's text fields and in a client's own page: the built HTML shows them
  as text, and a real browser opening every page runs none of them.
- A client page with an image that does not exist and links escaping the
  client's folder: the build stops and names each link; ``kit build`` keeps
  the previous site as it was and leaves no partial output.
None prints a Python traceback.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import BIN, ROOT, Build, kit_env, mkdocs_build
from test_cli import kit

sys.path.insert(0, str(ROOT / "tests" / "browser"))
from browser_run import CHROMIUM, CHROMIUM_ARGS, LOCAL_SCHEMES, open_search, page_paths, serve  # noqa: E402

BASE = (ROOT / "tests" / "invalid" / "_base.yml").read_text(encoding="utf-8")
DEMO = ROOT / "kits" / "clients" / "demo" / "client.yml"
PREVIOUS = "dernier bon site"
FIRST_FIELD = 100


def field_payload(n: int) -> str:
    """Appended to a text field of client.yml; ``alert(n)`` names the field if it ever runs."""
    return (
        f" {{{{ 7*7 }}}} <script>alert({n})</script> {{: tabindex=0 autofocus onfocus=alert({n}) }} "
        f"![a](https://x.invalid/p{n}.png){{: onerror=alert({n}) }} [lien](java\nscript:alert({n}))"
    )


CLIENT_PAGE = """---
title: "Page piégée {{ 7*7 }} <img src=x onerror=alert(8)> {: autofocus onfocus=alert(21) }"
audience: [public, agents]
rubrique: "Rubrique <img src=x onerror=alert(18)>"
description: '" onmouseover="alert(19)"><script>alert("d")</script>'
---

# Page piégée {{ 7*7 }} {: tabindex=0 autofocus onfocus=alert(22) }

{% for i in range(3) %}boucle{% endfor %} {{ config.site_dir }}

<script>alert(9)</script>

## Titre <img src=x onerror=alert(10)>

[clic](javascript:alert(11)) <a href="JaVaScRiPt&#58;alert(12)">encodé</a> <a href=" javascript:alert(13)">espace</a>
[saut](java
script:alert(23)) [zéro](java\u200bscript:alert(24))

<div onclick="alert(14)" style="background: url(https://suivi.example.org/pixel.gif)">bloc</div>

<iframe src="javascript:alert(15)"></iframe> <img src="//tracker.example/p.png">

<svg onload="alert(16)"><circle r="4"/></svg>

[ancre](#page-piegee){: onclick="alert(17)" }

![plan](plan.png){: onerror=alert(20) } ![schéma](schema.svg)

Les livrables seront présentés en réunion.

Pièce jointe : \u202egnp.exe et &#8238;fdp.exe, isolée \u2067ab\u2069.
"""
ORDINARY = "Les livrables seront présentés en réunion."
LINKED_PAGE = "---\ntitle: Lien\naudience: [public]\n---\n\n# Lien {{ 7*7 }}\n\n<script>alert(28)</script> {: onclick=alert(29) }\n"
HOSTILE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(25)" viewBox="0 0 8 8">'
    '<script>alert(26)</script><foreignObject><iframe src="javascript:alert(27)"></iframe></foreignObject>'
    '<image xlink:href="https://x.invalid/i.png"/><rect width="8" height="8" fill="#1f4e79"/></svg>'
)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")  # fmt: skip


def _leaves(value, loc=()):
    if isinstance(value, str):
        yield loc
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*loc, index))


def _get(data, loc):
    for part in loc:
        data = data[part]
    return data


def _put(data, loc, value):
    _get(data, loc[:-1])[loc[-1]] = value


def inject_every_text_field(files: list[Path], kits: Path, client: Path) -> dict[tuple, int]:
    """Each of ``files`` (kit and client YAML) with a payload appended to every text field
    the kit accepts as free text; identifiers, dates and enumerations refuse it and are put back.

    Returns (file name, field) -> the number of the field's payload."""
    from macros.errors import KitError
    from macros.loading.kit import load_kit
    from macros.settings import Settings

    sources = {f: yaml.safe_load(f.read_text(encoding="utf-8")) for f in files}
    data = copy.deepcopy(sources)
    fields, n = {}, FIRST_FIELD
    for file, source in sources.items():
        for loc in _leaves(source):
            _put(data[file], loc, _get(source, loc) + field_payload(n))
            fields[(file.name, loc)], n = n, n + 1
    for _ in range(6):
        for file in files:
            file.write_text(yaml.safe_dump(data[file], allow_unicode=True, sort_keys=False), encoding="utf-8")
        try:
            load_kit(Settings(slug=client.name, clients_dir=client.parent, kits_dir=kits))
            return fields
        except KitError as exc:
            for problem in exc.problems:
                file = next(f for f in files if problem.file.endswith(f.name))
                loc = problem.loc
                while loc and (file.name, loc) not in fields:
                    loc = loc[:-1]
                assert (file.name, loc) in fields, str(problem)
                _put(data[file], loc, _get(sources[file], loc))
                del fields[(file.name, loc)]
    raise AssertionError("le kit piégé reste invalide")


# What citizens typed, as an online questionnaire exports it: every payload must
# reach the public report as the words typed, and run nothing.
CITIZEN_PAYLOADS = [
    "<script>alert(20)</script>",
    "<img src=x onerror=alert(21)> image",
    "[clic](javascript:alert(22)) et ![pixel](https://suivi.example.org/p.gif)",
    'un avis {: onclick="alert(23)" } avec attribut',
    "{{ 7*7 }} {% for i in range(3) %}boucle{% endfor %}",
    '"><svg onload=alert(24)>',
    "voir \u202egnp.exe \u2066isolé\u2069",
]


def _without_quotes(client_yml: Path) -> None:
    """The demo quotes contributions of its own: the hostile kit brings others, once piégé."""
    data = yaml.safe_load(client_yml.read_text(encoding="utf-8"))
    data["suites"]["citations"] = []
    client_yml.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _add_citizen_contributions(folder: Path, kits: Path) -> None:
    """Contributions carrying the payloads, filed under the piégé kit's own channel and theme
    (their names carry payloads too), and quoted on the public report."""
    import csv
    import io

    from macros.loading.kit import load_kit
    from macros.settings import Settings

    follow = load_kit(Settings(slug=folder.name, clients_dir=folder.parent, kits_dir=kits)).client.follow_up
    assert follow is not None and follow.channels and follow.themes
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(["id", "date", "canal", "theme", "public", "texte"])
    ids = [f"c-piege-{n}" for n in range(1, len(CITIZEN_PAYLOADS) + 1)]
    for ident, text in zip(ids, CITIZEN_PAYLOADS, strict=True):
        writer.writerow([ident, "2027-04-18", follow.channels[0], follow.themes[0].id, "seniors", text])
    (folder / "contributions.csv").write_text(out.getvalue(), encoding="utf-8")
    data = yaml.safe_load((folder / "client.yml").read_text(encoding="utf-8"))
    data["suites"]["citations"] = ids
    (folder / "client.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


OWN_PUBLIC = """
publics_propres:
  - id: saisonniers
    nom: Travailleurs saisonniers
    description: Présents de juin à septembre, ils travaillent aux heures des réunions.
    sensibilites: {horaires: 1.5}
    canaux: [Affichage au camping municipal]
    relais: [Office de tourisme]
"""


def _hostile_kit(root: Path) -> tuple[Path, Path, dict[tuple, int]]:
    """A copy of kits/ (firm, offers, library) and the demo client, every text field piégé."""
    kits, clients = root / "kits", root / "clients"
    shutil.copytree(ROOT / "kits", kits, ignore=shutil.ignore_patterns("clients"))
    folder = clients / "piege"
    (folder / "pages").mkdir(parents=True)
    (folder / "pages" / "piege.md").write_text(CLIENT_PAGE, encoding="utf-8")
    (folder / "pages" / "plan.png").write_bytes(PNG)
    (folder / "pages" / "schema.svg").write_text(HOSTILE_SVG, encoding="utf-8")
    # A page linked from elsewhere in the client folder is still a client page.
    (folder / "brouillon.md").write_text(LINKED_PAGE, encoding="utf-8")
    os.symlink(folder / "brouillon.md", folder / "pages" / "lien.md")
    demo = DEMO.read_text(encoding="utf-8")
    # A public of the client's own (publics_propres), chosen and relayed: its text fields are piégés too.
    demo = demo.replace("\npublics:\n", "\npublics:\n  - id: saisonniers\n", 1) + OWN_PUBLIC
    # An ordinary word that is also the address of an internal page ("livrables/") must not stop the leak check.
    (folder / "client.yml").write_text(
        demo.replace("    La place de la Halle,", f"    {ORDINARY} La place de la Halle,", 1),
        encoding="utf-8",
    )
    _without_quotes(folder / "client.yml")
    files = [kits / "cabinet.yml", *sorted((kits / "offres").glob("*.yml"))]
    files += [*sorted((kits / "bibliotheque").glob("*.yml")), folder / "client.yml"]
    fields = inject_every_text_field(files, kits, folder)
    _add_citizen_contributions(folder, kits)
    return kits, clients, fields


@dataclass
class HostileSites:
    builds: dict[str, Build]
    fields: dict[tuple, int]

    def __getitem__(self, audience: str) -> Build:
        return self.builds[audience]

    def values(self):
        return self.builds.values()


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory) -> HostileSites:
    """One hostile kit (every text field of the firm, offers, library and demo client; a client
    page; two images), built once per audience."""
    kits, clients, fields = _hostile_kit(tmp_path_factory.mktemp("kit-piege"))
    out = tmp_path_factory.mktemp("sites-pieges")
    builds = {
        aud: mkdocs_build(
            out / aud, client="piege", clients_dir=clients, audience=aud, KIT_KITS_DIR=str(kits)
        )
        for aud in ("interne", "public")
    }
    for build in builds.values():
        assert build.returncode == 0, build.stderr
        assert "Traceback" not in build.stderr
    return HostileSites(builds, fields)


class _Tags(HTMLParser):
    """Every element with its attributes, and the text of each script."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._script = tag == "script"

    def handle_endtag(self, tag):
        self._script = False

    def handle_data(self, data):
        if self._script:
            self.scripts.append(data)


def _dangers(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        for name, value in attrs.items():
            if name.startswith("on") or name == "autofocus":
                found.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and re.match(
                r"\s*(javascript|vbscript|data):", re.sub(r"[\s\u200b]", "", value), re.I
            ):
                found.append(f"<{tag} {name}={value!r}>")
            if name in ("src", "srcset") and "x.invalid" in value or "tracker.example" in value:
                found.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "svg") and "alert" in str(attrs):
            found.append(f"<{tag}>")
    found += [f"<script>{s[:40]}" for s in parser.scripts if "alert" in s]
    return found


def _visible_text(html: str) -> str:
    body = html.split("<body", 1)[-1]
    body = re.sub(r"<script\b.*?</script>", " ", body, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.mark.parametrize("audience", ["interne", "public"])
def test_client_text_is_inert_in_built_html(hostile_sites, audience):
    site = hostile_sites[audience].site
    pages = sorted(site.rglob("*.html"))
    problems = [f"{p.relative_to(site)}: {d}" for p in pages for d in _dangers(p.read_text(encoding="utf-8"))]
    assert not problems, "\n".join(problems)
    everything = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    assert "Halle {{ 7*7 }}" in unescape(everything), (
        "le titre du projet, Jinja compris, doit rester du texte"
    )
    assert "Halle 49" not in everything and "piégée 49" not in everything
    assert "boucleboucle" not in everything
    assert str(site) not in everything and str(ROOT) not in everything, "une variable Jinja a été évaluée"


def test_every_text_field_reads_as_typed(hostile_sites):
    """Nothing lost: each field shown on a page shows its whole payload as text, Markdown signs included."""
    text = " ".join(
        _visible_text(p.read_text(encoding="utf-8"))
        for b in hostile_sites.values()
        for p in b.site.rglob("*.html")
    )
    shown = {
        n
        for n in hostile_sites.fields.values()
        if f"onfocus=alert({n}) }} ![a](https://x.invalid/p{n}.png){{: onerror=alert({n}) }} [lien](java script:alert({n}))"
        in text
    }
    kinds = {name for name, _ in hostile_sites.fields}
    assert {"cabinet.yml", "concertation.yml", "techniques.yml", "client.yml"} <= kinds
    assert len(hostile_sites.fields) > 600, (
        "le kit piégé doit couvrir les champs de texte du cabinet, des offres, de la bibliothèque et du client"
    )
    assert len(shown) > 300, f"{len(shown)} champs seulement affichés en entier"
    own = {
        hostile_sites.fields[("client.yml", loc)]
        for loc in (
            ("publics_propres", 0, "description"),
            ("publics_propres", 0, "canaux", 0),
            ("publics_propres", 0, "relais", 0),
        )
    }
    assert own <= shown, "le public propre au client, piégé, s’affiche comme texte"
    home = hostile_sites["public"].html()
    first_line, rest = (
        "Réaménager la place de la Halle"
        + field_payload(hostile_sites.fields[("client.yml", ("projet", "titre"))])
    ).split("\n")
    heading = re.search(r"<h1\b.*?</h1>", home, re.S)[0]
    assert heading.startswith('<h1 id="') and _visible_text(heading) == " ".join(first_line.split()) + " ¶"
    assert " ".join(first_line.split()) + " ¶ " + rest in _visible_text(
        home
    )  # the line break ends the heading


def test_client_page_shows_its_markup_as_text(hostile_sites):
    html = hostile_sites["public"].html("client/piege")
    assert "&lt;script&gt;alert(9)&lt;/script&gt;" in html
    assert "&lt;iframe" in html and "&lt;div onclick=" in html  # raw HTML is shown as typed
    assert 'url(https://suivi.example.org/pixel.gif)"&gt;bloc&lt;/div&gt;' in html
    assert (
        '{: onclick="alert(17)" }' in html and "{: onerror=alert(20) }" in html
    )  # no attr_list on a client page
    assert '<img alt="plan" src="../plan.png">' in html or '<img src="../plan.png" alt="plan">' in html
    assert "<title>Page piégée {{ 7*7 }}" in html and ORDINARY in html
    assert ORDINARY in hostile_sites["public"].html()  # the public summary, on the public home
    linked = hostile_sites["public"].html("client/lien")  # a symbolic link inside the client folder
    assert (
        "Lien {{ 7*7 }}" in linked
        and "&lt;script&gt;alert(28)&lt;/script&gt; {: onclick=alert(29) }" in linked
    )


BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]|&#(?:8234|8235|8236|8237|8238|x202[a-e]);", re.I)


def _no_bidi(text: str) -> str:
    return BIDI_CONTROLS.sub("", text)


def test_bidi_controls_are_removed_everywhere(hostile_sites):
    """U+202E in a client page or a citizen's words would show « gnp.exe » reversed: no page keeps one."""
    pages = [p for b in hostile_sites.values() for p in b.site.rglob("*.html")]
    assert not [p for p in pages if BIDI_CONTROLS.search(p.read_text(encoding="utf-8"))]
    page = hostile_sites["public"].html("client/piege")
    assert "Pièce jointe : gnp.exe et fdp.exe, isolée ab." in unescape(page).replace("\u00a0", " ")
    quotes = hostile_sites["public"].html("public/ce-que-nous-en-faisons")
    assert "voir gnp.exe isolé" in quotes


def test_meta_description_reads_as_typed(hostile_sites):
    """An attribute keeps the client's characters escaped, never rewritten into curly quotes."""
    html = hostile_sites["public"].html("client/piege")
    meta = re.search(r'<meta name="description" content="([^"]*)">', html)
    assert meta, "la description est un attribut bien formé"
    assert unescape(meta[1]) == '" onmouseover="alert(19)"><script>alert("d")</script>'
    assert "”" not in meta[1] and "›" not in meta[1]


def test_svg_attachment_is_published_clean(hostile_sites):
    svg = (hostile_sites["public"].site / "client" / "schema.svg").read_text(encoding="utf-8")
    assert "alert" not in svg and "x.invalid" not in svg and "foreignObject" not in svg
    assert '<rect width="8" height="8" fill="#1f4e79"/>' in svg


def test_citizen_text_keeps_its_words_and_stays_text(hostile_sites):
    html = hostile_sites["public"].html("public/ce-que-nous-en-faisons")
    quotes = re.findall(r'<p class="kit-verbatim">(.*?)</p>', html, re.S)
    assert [unescape(q) for q in quotes] == [_no_bidi(p) for p in CITIZEN_PAYLOADS], (
        "chaque avis cité, mot pour mot, comme texte"
    )
    assert all("<" not in q and ">" not in q for q in quotes)
    assert "suivi.example.org/p.gif" not in html.replace("![pixel](https://suivi.example.org/p.gif)", "")
    assert "boucleboucle" not in html and "{{ 7*7 }}" in html
    assert not _dangers(html)


def test_client_text_never_runs_in_a_browser(hostile_sites):
    """Every page of the public site opened in Chromium: no dialog, whatever is hovered, clicked
    or focused, and no request leaves 127.0.0.1 (the images of the payloads point elsewhere)."""
    from playwright.sync_api import sync_playwright

    fired: list[str] = []
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.on("dialog", lambda d: (fired.append(f"{page.url}: alert({d.message})"), d.dismiss()))
        page.on("request", lambda r: requests.append(r.url))
        for build in [hostile_sites["public"]]:  # every page of both sites is read back above
            with serve(build.site) as base:
                for path in page_paths(build.site):
                    page.goto(base + path)
                    page.evaluate(
                        "() => document.querySelectorAll('body *').forEach(e => "
                        "['mouseover', 'click', 'focus'].forEach(t => e.dispatchEvent(new Event(t))))"
                    )
                page.goto(base + "client/schema.svg")  # an image opened on its own runs its scripts
                for word in ("piégée", "attribut"):  # the second only in what a citizen typed
                    page.goto(base)  # search results are drawn from the index with innerHTML
                    open_search(page, word)
        page.wait_for_timeout(200)
        browser.close()
    assert not fired, "\n".join(fired)
    assert requests, "aucune requête enregistrée"
    foreign = sorted({u for u in requests if not u.startswith(("http://127.0.0.1:", *LOCAL_SCHEMES))})
    assert not foreign, "\n".join(foreign)


def _client_folder(root: Path, name: str, client_yml: str | bytes) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    data = client_yml if isinstance(client_yml, bytes) else client_yml.encode("utf-8")
    (folder / "client.yml").write_bytes(data)
    return folder


def _refused(tmp_path: Path, clients: Path, name: str) -> Build:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(PREVIOUS)
    start = time.perf_counter()
    build = mkdocs_build(site, client=name, clients_dir=clients, strict=False)
    assert time.perf_counter() - start < 60
    assert build.returncode == 1
    assert "Traceback" not in build.stderr + build.stdout
    assert [p.name for p in site.iterdir()] == ["index.html"] and (
        site / "index.html"
    ).read_text() == PREVIOUS
    return build


def test_very_large_client_file_is_refused(tmp_path):
    padding = "# " + "remplissage " * 80 + "\n"
    big = BASE + padding * (3 * 1024 * 1024 // len(padding) + 1)
    _client_folder(tmp_path / "clients", "enorme", big)
    build = _refused(tmp_path, tmp_path / "clients", "enorme")
    assert re.search(
        r"enorme/client\.yml: fichier trop volumineux \(3\.0 Mio ; 2 Mio au plus\)", build.stderr
    ), build.stderr


def test_nested_aliases_are_refused_before_expanding(tmp_path):
    """About 400 bytes standing for 10**8 values: refused at once, not hours later."""
    bomb = ["bombe:", "  a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    bomb += [f"  a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    _client_folder(tmp_path / "clients", "alias", BASE + "\n".join(bomb) + "\n")
    build = _refused(tmp_path, tmp_path / "clients", "alias")
    assert "fichier trop volumineux une fois les alias « * » développés" in build.stderr, build.stderr


def test_large_but_legitimate_client_builds(tmp_path):
    """Many stakeholders and a long page of the client's own: built, in reasonable time."""
    data = yaml.safe_load(BASE)
    model = data["parties_prenantes"][0]
    data["parties_prenantes"] += [
        {**model, "id": f"acteur-{n:03d}", "nom": f"Acteur n° {n}"} for n in range(150)
    ]
    folder = _client_folder(
        tmp_path / "clients", "grand", yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    )
    (folder / "pages").mkdir()
    paragraph = "Compte rendu d’entretien, avec les points soulevés par les habitants. " * 20 + "\n\n"
    (folder / "pages" / "long.md").write_text(
        "---\ntitle: Long\naudience: [agents]\n---\n\n# Long\n\n" + paragraph * 600, encoding="utf-8"
    )
    start = time.perf_counter()
    build = mkdocs_build(tmp_path / "site", client="grand", clients_dir=tmp_path / "clients")
    assert build.returncode == 0, build.stderr
    assert time.perf_counter() - start < 120
    assert "Acteur n° 149" in "".join(
        p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")
    )


def _digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        sha.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            sha.update(path.read_bytes())
    return sha.hexdigest()


def _kit_build(clients: Path, out: Path) -> subprocess.CompletedProcess:
    args = [
        str(BIN / "kit"),
        "build",
        "valmont",
        "--no-pdf",
        "--clients-dir",
        str(clients),
        "--out",
        str(out),
    ]
    return subprocess.run(args, cwd=ROOT, env=kit_env(), capture_output=True, text=True, timeout=300)


def test_bad_client_page_keeps_previous_site_and_leaves_nothing_partial(tmp_path):
    """Errors found while rendering pages (after MkDocs has emptied its folder): ``kit build``
    builds elsewhere and swaps only on success."""
    clients, out = tmp_path / "clients", tmp_path / "sortie"
    folder = _client_folder(clients, "valmont", BASE)
    first = _kit_build(clients, out)
    assert first.returncode == 0, first.stdout + first.stderr
    before = _digest(out / "valmont")
    (folder / "pages").mkdir()
    (folder / "pages" / "plan.md").write_text(
        "---\ntitle: Plan\naudience: [agents]\n---\n\n# Plan\n\n![plan](images/plan-inexistant.png)\n\n"
        "![secret](../../../cabinet.yml)\n\n[fiche](../client.yml)\n",
        encoding="utf-8",
    )
    second = _kit_build(clients, out)
    report = second.stdout + second.stderr
    assert second.returncode == 1, report
    assert "Traceback" not in report
    links = {8: "images/plan-inexistant.png", 10: "../../../cabinet.yml", 12: "../client.yml"}
    for line, link in links.items():
        assert f"valmont/pages/plan.md:{line}: lien ou image « {link} » : fichier introuvable" in report, (
            report
        )
    assert _digest(out / "valmont") == before
    # kit check finds the same targets before any build, with their lines.
    checked = subprocess.run(
        [str(BIN / "kit"), "check", "valmont", "--clients-dir", str(clients)],
        cwd=ROOT,
        env=kit_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 1, checked.stdout + checked.stderr
    for line, link in links.items():
        expected = f"valmont/pages/plan.md:{line}: lien ou image « {link} » : fichier introuvable (ni dans pages/, ni page du kit)"
        assert expected in checked.stdout, checked.stdout
    leftovers = [p.name for p in out.iterdir() if p.name not in ("valmont", ".kit")]
    assert not leftovers, leftovers


def _client_with_page(root: Path, name: str, page: str) -> Path:
    folder = _client_folder(root, name, BASE + "scenario_retenu: marche\n")  # a public site needs the choice
    (folder / "pages").mkdir()
    (folder / "pages" / f"{name}.md").write_text(page, encoding="utf-8")
    return folder


def test_third_party_resource_and_hidden_leak_fail_the_public_build(tmp_path):
    """Both said at once: a third-party image (with the page and line that brought it) and the
    consultant's name (internal) hidden by a soft hyphen and a zero-width space."""
    page = (
        "---\ntitle: Carte\naudience: [public, agents]\n---\n\n# Carte\n\n![carte](https://tuiles.example.org/carte.png)\n\n"
        "Rédigé par Consul\u00adtant du ca\u200bbinet (EXEMPLE).\n"
    )
    _client_with_page(tmp_path / "clients", "carte", page)
    build = mkdocs_build(
        tmp_path / "site", client="carte", clients_dir=tmp_path / "clients", audience="public", strict=False
    )
    assert build.returncode == 1 and "Traceback" not in build.stderr
    where = f"{tmp_path}/clients/carte/pages/carte.md:8"
    assert (
        f"{where}: ressource d’un autre site « https://tuiles.example.org/carte.png » (<img>, page client/carte/index.html) : "
        "aucune ressource tierce n’est permise (RGPD) ; copiez le fichier dans le dossier du client"
    ) in build.stderr, build.stderr
    leak = "site public, client/carte/index.html : contient la valeur d’un champ interne de client.yml (mission.consultant)"
    assert leak in build.stderr, build.stderr
    assert not any((tmp_path / "site").rglob("*.html")), "le site refusé ne doit pas rester en place"
    # kit check says it too, before any build, with the same line
    check = kit("check", "carte", "--clients-dir", str(tmp_path / "clients"))
    assert check.returncode == 1 and "Traceback" not in check.stderr
    assert (
        f"{where}: ressource d’un autre site « https://tuiles.example.org/carte.png » (<img>" in check.stdout
    )


def test_final_pass_cleans_and_names_what_a_kit_page_forgot(tmp_path):
    """A page of the kit itself (as a widget that forgot to escape would) puts an event handler
    and a ``javascript:`` link on a page: the strict build stops and says what the final pass removed."""
    from scratch import build_copy, copy_project

    project = copy_project(tmp_path / "projet")
    index = project / "docs" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        + '\n<p><span onclick="alert(1)">a</span> <a href="java&#10;script:alert(2)">b</a></p>\n',
        encoding="utf-8",
    )
    build = build_copy(project, tmp_path / "site")
    assert build.returncode == 1 and "Traceback" not in build.stderr
    removed = "attribut « onclick » de <span>, adresse « java\\u000ascript:alert(2) » de <a>"
    assert f"docs/index.md : retiré de la page par le nettoyage final : {removed}" in build.stderr, (
        build.stderr
    )

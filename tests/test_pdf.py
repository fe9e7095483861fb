"""PDF handbooks: the demo's PDFs opened with pikepdf, plus small hand-made sites
for the failure cases (missing text alternative, outside resource, A3 sheet).

The demo PDFs are printed once per session from the shared ``demo_site`` build.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from conftest import EPOCH, ROOT

from macros.compute.fmt import day
from macros.compute.handbook import last_reported_day, report_day, version_day
from macros.errors import KitError
from macros.loading.kit import load_kit
from macros.outputs.pdf import OUTPUT_FOLDER, build_handbooks, source_date
from macros.outputs.pdf.assemble import BASE_URL
from macros.outputs.pdf.render import LocalFetcher
from macros.outputs.pdf.sources import find_pages
from macros.settings import Settings

A4 = (595.28, 841.89)
A3_LANDSCAPE = (1190.55, 841.89)


# -- pikepdf helpers ---------------------------------------------------------


def _struct_elements(node) -> Iterator[pikepdf.Dictionary]:
    if isinstance(node, pikepdf.Array):
        for child in node:
            yield from _struct_elements(child)
    elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
        yield node
        if "/K" in node:
            yield from _struct_elements(node.K)


def _fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Dictionary]]:
    for page in pdf.pages:
        yield from page.Resources.get("/Font", {}).items()


def _embedded(font: pikepdf.Dictionary) -> bool:
    if font.Subtype == "/Type0":
        font = font.DescendantFonts[0]
    if font.Subtype == "/Type3":
        return True  # glyphs drawn in the file itself
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def _named_destinations(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    return {str(k): v for k, v in pikepdf.NameTree(pdf.Root.Names.Dests).items()}


def _text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(out.split())


def _h1(html_path: Path) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html_path.read_text(encoding="utf-8"), re.S)
    assert match, html_path
    text = re.sub(r"<a class=\"headerlink\".*?</a>|<[^>]+>", "", match[1])
    return " ".join(text.replace("&#39;", "'").replace("&amp;", "&").split())


# -- the demo handbooks ------------------------------------------------------


def test_demo_builds_both_handbooks_in_the_site(demo_pdfs, demo_site):
    assert {"elus", "agents"} <= set(demo_pdfs)
    for pdf in demo_pdfs.values():
        assert pdf.path.parent == demo_site.site / OUTPUT_FOLDER
        assert pdf.path.is_file()
    assert not list((demo_site.site / OUTPUT_FOLDER).glob(".*.tmp"))


def _check_ua(path: Path, label: str) -> list[str]:
    """The PDF/UA-1 marks every demo PDF must carry; returns its structure types."""
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "fr"
        assert root.ViewerPreferences.DisplayDocTitle is True
        meta = pdf.open_metadata()
        assert meta.get("pdfuaid:part") == "1"
        title = meta.get("dc:title")
        assert title and label in title and "Bellerive" in title
        assert str(pdf.docinfo.Title) == title
        # SOURCE_DATE_EPOCH gives the metadata dates
        assert str(pdf.docinfo.CreationDate).startswith("D:20260921")
        elements = list(_struct_elements(root.StructTreeRoot.K))
        figures = [e for e in elements if e.S == "/Figure"]
        assert all(str(f.get("/Alt", "")).strip() for f in figures), "figure sans /Alt"
        _check_fonts(pdf)
        return [str(e.S) for e in elements]


@pytest.mark.parametrize("kind", ["elus", "agents"])
def test_handbook_is_tagged_pdf_ua(demo_pdfs, kind):
    types = _check_ua(demo_pdfs[kind].path, demo_pdfs[kind].label)
    assert {"/Document", "/H1", "/H2", "/P", "/Link"} <= set(types)
    assert "/Figure" in types, "le livret de démonstration contient des graphiques (calendrier au moins)"


def test_every_other_demo_pdf_is_tagged_too(demo_pdfs):
    # the A3 worksheet, as soon as a demo page has ``feuille_a3: true``
    for kind, built in demo_pdfs.items():
        if kind not in ("elus", "agents"):
            assert {"/Document", "/H1"} <= set(_check_ua(built.path, built.label))


def test_bilan_of_the_participation_is_a_tagged_book(demo_pdfs, demo_site):
    """The bilan for the council: its own file, tagged like the handbooks, every chapter printed."""
    built = demo_pdfs["bilan"]
    assert built.path.name == "bilan-participation.pdf"
    types = _check_ua(built.path, "Bilan de la participation")
    assert {"/Document", "/H1", "/H2", "/Table", "/Figure"} <= set(types)
    assert 8 <= built.pages <= 24
    text = _text(built.path)
    pages = [
        p
        for p in find_pages(demo_site.site, ROOT / "docs", ROOT / "kits/clients/demo/pages")
        if "bilan" in p.handbooks
    ]
    assert [p.src_uri for p in pages] == list(built.chapters)
    for number, page in enumerate(pages, start=1):
        assert f"{number} {_h1(page.html_path)}" in text
    assert (
        "L.103-6" in text
        and "Qui est venu, par rapport à ce qui était prévu" in text
        and "Gardez le parking" in text
    )
    assert 'href="livrets/bilan-participation.pdf"' in demo_site.html()
    kit = load_kit(Settings())
    first = ["pdftotext", "-f", "1", "-l", "1", "-layout", str(built.path), "-"]
    cover = " ".join(subprocess.run(first, capture_output=True, text=True, check=True).stdout.split())
    assert f"Date {day(report_day(kit))}" in cover and report_day(kit) > last_reported_day(kit)
    assert day(version_day(kit)) not in cover  # the version date (February) precedes the contributions


def test_quote_is_its_own_tagged_pdf_with_its_legal_mentions(demo_pdfs):
    quote = demo_pdfs["devis"]
    assert "devis" in quote.path.name and quote.pages <= 3
    types = _check_ua(quote.path, quote.label)
    assert {"/Document", "/H1", "/Table"} <= set(types)
    text = _text(quote.path)
    for part in (
        "832 143 168 RCS Nantes",
        "SASU",
        "12 allée du Port-Maillard",
        "Bon pour accord",
        "30 jours",
        "2 500,00 € HT",
    ):
        assert part in text, part
    assert "acompte de 30" not in text  # a public buyer pays after service, by phase


def _check_fonts(pdf: pikepdf.Pdf) -> None:
    """Every font embedded, subset, and one of the bundled ones."""
    fonts = list(_fonts(pdf))
    assert fonts
    for name, font in fonts:
        assert _embedded(font), f"{name} non incorporée"
    names = {str(font.BaseFont) for _, font in fonts}
    assert any("IBM-Plex-Sans" in n for n in names), names
    # only the bundled fonts: nothing borrowed from the machine (DejaVu here)
    assert all(re.search(r"\+(IBM-Plex-Sans|JetBrains-Mono|Kit-Symboles)", n) for n in names), names
    assert all("+" in n for n in names), f"polices non sous-ensemblées : {names}"


@pytest.mark.parametrize(("kind", "low", "high"), [("elus", 3, 40), ("agents", 3, 80)])
def test_page_range_cover_contents_and_last_chapter(demo_pdfs, demo_site, kind, low, high):
    built = demo_pdfs[kind]
    with pikepdf.open(built.path) as pdf:
        assert low <= len(pdf.pages) <= high
        assert len(pdf.pages) == built.pages
        sizes = [tuple(round(float(x), 2) for x in p.mediabox[2:]) for p in pdf.pages]
        # A4 book; a worksheet page may ask for A3 landscape sheets (named page)
        assert sizes[:3] == [A4] * 3 and set(sizes) <= {A4, A3_LANDSCAPE}
    text = _text(built.path)
    # the cover carries the date of the kit version, not the build's (that one is in the metadata)
    assert "21 septembre 2026" not in text
    for words in ("A.M.O.O.R.", "Ville de Bellerive-sur-Loire", "15 février 2027", "Sommaire", "page 2 / "):
        assert words in text
    assert ("Livret des élus" if kind == "elus" else "Livret des agents") in text
    pages = [
        p
        for p in find_pages(demo_site.site, ROOT / "docs", ROOT / "kits/clients/demo/pages")
        if kind in p.handbooks
    ]
    assert [p.src_uri for p in pages] == list(built.chapters)
    # every chapter heading is printed, numbered, the last one included (no silent truncation)
    for number, page in enumerate(pages, start=1):
        assert f"{number} {_h1(page.html_path)}" in text
    # no screen chrome: no permalink sign, no search, no download block
    assert "¶" not in text and "Rechercher" not in text and "Télécharger les livrets" not in text


@pytest.mark.parametrize("kind", ["elus", "agents"])
def test_internal_links_resolve_to_pages(demo_pdfs, kind):
    with pikepdf.open(demo_pdfs[kind].path) as pdf:
        dests = _named_destinations(pdf)
        page_ids = {p.obj.objgen for p in pdf.pages}
        links = [a for p in pdf.pages for a in p.get("/Annots", []) if a.Subtype == "/Link"]
        internal = [a for a in links if "/Dest" in a]
        assert len(internal) >= 2  # at least the contents
        for link in internal:
            dest = dests[str(link.Dest)]
            assert dest[0].objgen in page_ids
            # described for screen readers by where it leads, not by an id
            assert str(link.Contents).startswith("Aller à : ") and "--" not in str(link.Contents)
        for link in links:
            if "/A" in link:
                assert str(link.A.URI).startswith(("http://", "https://", "mailto:")), link.A.URI
                assert not str(link.A.URI).startswith(BASE_URL)


def test_two_builds_are_byte_identical_wherever_the_site_lies(demo_pdfs, demo_site, tmp_path):
    moved = tmp_path / "ailleurs" / "site"
    shutil.copytree(demo_site.site, moved, ignore=shutil.ignore_patterns(OUTPUT_FOLDER))
    again = build_handbooks(
        moved,
        tmp_path / "out",
        settings=Settings(),
        handbooks=("elus",),
        worksheet=False,
        on=source_date({"SOURCE_DATE_EPOCH": EPOCH}),
    )
    assert [pdf.kind for pdf in again] == ["elus"]
    for pdf in again:
        assert pdf.path.read_bytes() == demo_pdfs[pdf.kind].path.read_bytes(), pdf.kind


def test_site_links_to_its_pdfs_but_the_public_site_does_not(demo_site, demo_public_site):
    home = demo_site.html()
    assert 'href="livrets/livret-elus.pdf"' in home and 'href="livrets/livret-agents.pdf"' in home
    assert "livrets/livret-" not in demo_public_site.html()


def test_site_build_prints_no_pdf(tmp_path):
    # mkdocs build (and serve) never runs the PDF step: it is not a plugin.
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "to-pdf" not in config and "with-pdf" not in config


# -- hand-made sites: failures and the A3 worksheet --------------------------

PAGE = """<!doctype html><html lang="fr"><head><title>{title}</title>
<link rel="stylesheet" href="{up}assets/stylesheets/main.css"><link rel="stylesheet" href="{up}assets/kit/fonts.css"></head>
<body><header class="md-header">Rechercher</header><article class="md-content__inner md-typeset">
<h1 id="t">{title}<a class="headerlink" href="#t">¶</a></h1>{body}</article></body></html>"""


def _site(tmp_path: Path, pages: dict[str, tuple[str, str, str]]) -> tuple[Path, Path]:
    """``{"a/b.md": (front matter, title, html body)}`` -> (site, docs)."""
    site, docs = tmp_path / "site", tmp_path / "docs"
    shutil.copytree(ROOT / "overrides/assets/fonts", site / "assets/fonts")
    shutil.copytree(ROOT / "overrides/assets/kit", site / "assets/kit")
    for uri, (front, title, body) in pages.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_text(f"---\ntitle: {title}\n{front}\n---\n\n# {title}\n", encoding="utf-8")
        url = uri.removesuffix(".md").removesuffix("index") + ("/" if not uri.endswith("index.md") else "")
        (site / url).mkdir(parents=True, exist_ok=True)
        up = "../" * url.count("/")
        (site / url / "index.html").write_text(PAGE.format(title=title, body=body, up=up), encoding="utf-8")
    return site, docs


CHART = (
    '<figure><svg role="img" viewBox="0 0 200 60" width="200" height="60" aria-labelledby="g-t">'
    '<title id="g-t">Deux scénarios comparés</title><desc>A : 3 ; B : 5</desc>'
    '<linearGradient id="grad"><stop offset="0" stop-color="#1d4e6f"/></linearGradient>'
    '<rect x="0" y="0" width="60" height="20" fill="url(#grad)"/><text x="5" y="40">A</text></svg>'
    "<figcaption>Comparaison</figcaption></figure>"
)


def test_chart_gets_alt_text_and_links_between_pages_work(tmp_path):
    site, docs = _site(
        tmp_path,
        {
            "index.md": (
                "livrets: [elus]\nordre: 1",
                "Accueil",
                '<p>Voir <a href="suite/#plus">la suite</a> et <a href="autre/">hors livret</a>.</p>' + CHART,
            ),
            "suite.md": (
                "livrets: [elus]\nordre: 2",
                "Suite",
                '<h2 id="plus">Plus</h2><p><a href="../#t">retour</a></p>',
            ),
            "autre.md": ("livrets: [agents]\nordre: 3", "Autre", "<p>Pour les agents.</p>"),
        },
    )
    built = build_handbooks(site, tmp_path / "out", settings=Settings(), docs_dir=docs, handbooks=("elus",))
    assert [b.chapters for b in built] == [("index.md", "suite.md")]
    with pikepdf.open(built[0].path) as pdf:
        figures = [e for e in _struct_elements(pdf.Root.StructTreeRoot.K) if e.S == "/Figure"]
        assert [str(f.Alt) for f in figures] == ["Deux scénarios comparés"]
        dests = _named_destinations(pdf)
        targets = {str(a.Dest) for p in pdf.pages for a in p.get("/Annots", []) if "/Dest" in a}
        assert "c2-suite--plus" in targets and "c1-accueil--t" in targets
        assert targets <= set(dests)
    text = _text(built[0].path)
    assert "hors livret" in text and "1 Accueil" in text and "2.1 Plus" in text and "Rechercher" not in text


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '<svg role="img" viewBox="0 0 10 10"><rect width="5" height="5"/></svg>',
            "graphique SVG n° 1 sans <title>",
        ),
        ('<img src="../assets/fonts/nope.png" alt="">', "image sans texte de remplacement (alt)"),
        ('<img src="https://example.org/x.png" alt="Une photo">', "erreur de WeasyPrint"),
        ('<img src="../assets/absente.png" alt="Une photo">', "erreur de WeasyPrint"),
        ("<p>Une page sans titre.</p>", "page sans titre"),
    ],
)
def test_missing_alternative_or_resource_fails_and_keeps_previous_pdf(tmp_path, body, expected):
    title = "" if expected.startswith("page sans titre") else "Atelier"
    site, docs = _site(tmp_path, {"roi/atelier.md": ("livrets: [agents]", title, body)})
    previous = tmp_path / "out" / "livret-agents.pdf"
    previous.parent.mkdir()
    previous.write_bytes(b"ancien")
    with pytest.raises(KitError) as info:
        build_handbooks(site, tmp_path / "out", settings=Settings(), docs_dir=docs)
    assert expected in str(info.value)
    assert previous.read_bytes() == b"ancien"
    assert [p.name for p in previous.parent.iterdir()] == ["livret-agents.pdf"]


def test_fetcher_serves_only_the_site(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.css").write_text("p{}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    fetcher = LocalFetcher(tmp_path / "site")
    assert fetcher.fetch(BASE_URL + "a.css").read() == b"p{}"
    for url in (
        "https://example.org/a.css",
        "file:///etc/passwd",
        BASE_URL + "../secret.txt",
        BASE_URL + "%2e%2e/secret.txt",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


STRIP = (
    '<span class="kit-strip">'
    + "".join(
        f'<span class="kit-strip__box{" kit-strip__box--on" if n == 3 else ""}" aria-hidden="true">{n}</span>'
        for n in range(5)
    )
    + '<span class="kit-roi-sr">note 3 sur 4</span></span>'
)


def test_worksheet_is_its_own_a3_landscape_pdf(tmp_path):
    table = f'<table><caption>Grille</caption><thead><tr><th scope="col">Critère</th><th scope="col">Note</th></tr></thead><tbody><tr><td>Coût</td><td>{STRIP}</td></tr></tbody></table>'
    site, docs = _site(
        tmp_path,
        {
            "index.md": ("livrets: [agents]\nordre: 1", "Accueil", "<p>Bonjour.</p>"),
            "roi/feuille.md": (
                "feuille_a3: true\nlivrets: [agents]\nordre: 5",
                "Feuille d’atelier",
                f'<p>Avant.</p><section class="kit-worksheet">{table}</section>',
            ),
        },
    )
    built = {
        b.kind: b
        for b in build_handbooks(
            site,
            tmp_path / "out",
            settings=Settings(),
            docs_dir=docs,
            on=source_date({"SOURCE_DATE_EPOCH": EPOCH}),
        )
    }
    assert set(built) == {"agents", "feuille"}
    _check_ua(built["feuille"].path, "Feuille d’atelier")
    assert built["agents"].chapters == ("index.md", "roi/feuille.md")
    # the A3 sheets are printed once, in their own PDF: the A4 book keeps the page's text and says where they are
    with pikepdf.open(built["agents"].path) as pdf:
        assert {tuple(round(float(x), 2) for x in p.mediabox[2:]) for p in pdf.pages} == {A4}
    agents = " ".join(_text(built["agents"].path).split())
    assert (
        "Avant." in agents
        and "Grille" not in agents
        and "imprimées à part" in agents
        and "feuille-atelier-a3.pdf" in agents
    )
    # the scoring strip is printed as one picture of its boxes (the one of score 3), its words kept for screen readers
    sheet = " ".join(_text(built["feuille"].path).split())
    assert "Grille" in sheet and "note 3 sur 4" in sheet
    with pikepdf.open(built["feuille"].path) as pdf:
        images = list(pdf.pages[0].get_images().values())
        assert len(images) == 1 and int(images[0].Width) > 400
    with pikepdf.open(built["feuille"].path) as pdf:
        assert [tuple(round(float(x), 2) for x in p.mediabox[2:]) for p in pdf.pages] == [A3_LANDSCAPE]
        assert str(pdf.Root.Lang) == "fr" and pdf.open_metadata().get("pdfuaid:part") == "1"
        assert "Feuille d’atelier" in pdf.open_metadata().get("dc:title")


def test_source_date_epoch():
    assert source_date({"SOURCE_DATE_EPOCH": EPOCH}).isoformat() == "2026-09-21"


def test_public_site_gets_no_handbook(tmp_path):
    assert build_handbooks(tmp_path, settings=Settings(audience="public")) == []


# -- cache and parallel rendering (what a rebuild reuses) ------------------------


def _books(tmp_path: Path, site: Path, docs: Path, **kwargs):
    return build_handbooks(
        site,
        tmp_path / "out",
        settings=Settings(),
        docs_dir=docs,
        on=source_date({"SOURCE_DATE_EPOCH": EPOCH}),
        **kwargs,
    )


def test_unchanged_books_are_reused_and_any_change_renders_again(tmp_path):
    site, docs = _site(
        tmp_path,
        {
            "index.md": ("livrets: [elus, agents]\nordre: 1", "Accueil", "<p>Texte commun.</p>"),
            "suite.md": ("livrets: [agents]\nordre: 2", "Suite", "<p>Pour les agents.</p>"),
        },
    )
    cache = tmp_path / "cache"
    first = _books(tmp_path, site, docs, cache_dir=cache, worksheet=False)
    reference = {b.kind: b.path.read_bytes() for b in first}
    assert [b.reused for b in first] == [False, False]

    again = _books(tmp_path, site, docs, cache_dir=cache, worksheet=False)
    assert [b.reused for b in again] == [True, True]
    assert {b.kind: b.path.read_bytes() for b in again} == reference

    # A stylesheet the books fetched changes: both render again.
    css = site / "assets/kit/fonts.css"
    css.write_text(css.read_text(encoding="utf-8") + "\np { letter-spacing: 0.01em; }\n", encoding="utf-8")
    assert [b.reused for b in _books(tmp_path, site, docs, cache_dir=cache, worksheet=False)] == [
        False,
        False,
    ]

    # One page changes: only the book that prints it renders again.
    page = site / "suite/index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("Pour les agents.", "Pour les agents, version 2."),
        encoding="utf-8",
    )
    assert {b.kind: b.reused for b in _books(tmp_path, site, docs, cache_dir=cache, worksheet=False)} == {
        "elus": True,
        "agents": False,
    }

    # A damaged cache entry is never trusted; --force renders everything.
    for cached in cache.glob("*.pdf"):
        cached.write_bytes(b"%PDF-abime")
    assert [b.reused for b in _books(tmp_path, site, docs, cache_dir=cache, worksheet=False)] == [
        False,
        False,
    ]
    assert [
        b.reused for b in _books(tmp_path, site, docs, cache_dir=cache, worksheet=False, reuse=False)
    ] == [False, False]
    assert len(list(cache.glob("*.pdf"))) == 2  # only what the last build used is kept


def test_parallel_rendering_gives_the_same_bytes(tmp_path):
    site, docs = _site(
        tmp_path,
        {
            "index.md": ("livrets: [elus, agents]\nordre: 1", "Accueil", "<p>Texte commun.</p>"),
            "suite.md": ("livrets: [agents]\nordre: 2", "Suite", "<p>Pour les agents.</p>"),
        },
    )
    one = {b.kind: b.path.read_bytes() for b in _books(tmp_path, site, docs, worksheet=False, workers=1)}
    two = {b.kind: b.path.read_bytes() for b in _books(tmp_path, site, docs, worksheet=False, workers=2)}
    assert one == two and set(one) == {"elus", "agents"}


def test_an_error_in_a_worker_comes_back_whole(tmp_path):
    site, docs = _site(
        tmp_path,
        {
            "index.md": ("livrets: [elus]\nordre: 1", "Accueil", "<p>Texte.</p>"),
            "suite.md": (
                "livrets: [agents]\nordre: 2",
                "Suite",
                '<p><img src="../assets/fonts/absente.png" alt="Plan"></p>',
            ),
        },
    )
    with pytest.raises(KitError) as caught:
        _books(tmp_path, site, docs, worksheet=False, workers=2)
    assert "absente.png" in str(caught.value) and len(caught.value.problems) >= 1
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))

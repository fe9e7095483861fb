"""Valid HTML: the W3C Nu HTML Checker (npm ``vnu-jar``) on every built page.

One JVM run checks both sites of the demo (review and public), every page,
``404.html`` included: zero errors. The hook that removes what Material writes
wrong is also tested on its own, in-process. Every local link and resource of
both sites exists (a dead link would also publish an internal address).
"""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import ROOT

from macros.outputs.pdf import OUTPUT_FOLDER
from macros.site.html_fixes import clean_html

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(*folders) -> subprocess.CompletedProcess:
    args = ["java", "-jar", str(VNU), "--skip-non-html", "--errors-only", "--verbose", *map(str, folders)]
    return subprocess.run(args, capture_output=True, text=True, timeout=300)


def test_every_built_page_is_valid_html(demo_site, demo_public_site):
    proc = run_vnu(demo_site.site, demo_public_site.site)
    pages = {str(p) for b in (demo_site, demo_public_site) for p in b.site.rglob("*.html")}
    checked = {line.strip() for line in proc.stdout.splitlines()}
    assert pages <= checked, f"pages non vérifiées : {sorted(pages - checked)}"
    errors = [line for line in proc.stderr.splitlines() if ": error:" in line]
    assert proc.returncode == 0 and not errors, f"{len(errors)} erreur(s) HTML :\n" + "\n".join(errors)


def test_checker_reports_an_invalid_attribute(tmp_path):
    """The gate itself: a page with a bad attribute fails."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="fr"><title>t</title><input type="checkbox" autocomplete="off">',
        encoding="utf-8",
    )
    proc = run_vnu(tmp_path)
    assert proc.returncode != 0 and "autocomplete" in proc.stderr


def test_hook_removes_what_material_writes_wrong():
    html = (
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<input type="text" class="md-search__input" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_3" tabindex="">'
    )
    assert clean_html(html) == (
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<input type="text" class="md-search__input" autocomplete="off">'
        '<label class="md-nav__link" for="__nav_3">'
    )


def test_hook_makes_scrolling_tables_focusable():
    assert (
        clean_html('<div class="kit-table-scroll"><table>')
        == '<div class="kit-table-scroll" tabindex="0"><table>'
    )
    assert (
        clean_html('<div class="kit-table-scroll" tabindex="-1">')
        == '<div class="kit-table-scroll" tabindex="-1">'
    )
    assert clean_html('<div class="kit-table-scrolling">') == '<div class="kit-table-scrolling">'


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


def _broken_links(site: Path) -> list[str]:
    broken = []
    for page in site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # other sites, mailto:, anchors in the page
            if parts.path.endswith((".pdf", ".docx", ".odt")) and f"{OUTPUT_FOLDER}/" in parts.path:
                continue  # written after the site by the PDF step (tests/test_pdf.py, tests/test_office_docs.py)
            path = unquote(parts.path)
            # 404.html is served at any address: MkDocs writes its links from the site's root.
            target = (site / path.lstrip("/") if path.startswith("/") else page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{page.relative_to(site)} → {url}")
    return broken


def test_every_local_link_and_resource_exists(demo_site, demo_public_site):
    """A dead link publishes an internal path, a missing file breaks the page."""
    broken = _broken_links(demo_site.site) + _broken_links(demo_public_site.site)
    assert not broken, "liens ou ressources introuvables :\n" + "\n".join(sorted(set(broken)))

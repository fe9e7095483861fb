"""Privacy of the readers and of the client (RGPD): what a built site loads and shows.

- No built file (HTML, CSS, JS) of either site makes a browser load anything
  from another host: fonts, preconnect hints, scripts, styles, images. The
  browser run (tests/browser) checks the same thing on the wire; this scan
  also sees what a browser may not fetch during the test (preconnect hints,
  conditional loaders of Material's bundle).
- A canary planted in every non-public page of a scratch copy of the project
  never reaches any file of the public site (pages, search index, sitemap).
"""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data
from scratch import build_copy, copy_project

_ABSOLUTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(
    r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE
)
_JS_URL = re.compile(r"""https?://[^\s"'`)<>\\]+""")
# Link relations that only name a page (navigation), the browser loads nothing.
_NAVIGATION_RELS = {
    "canonical",
    "alternate",
    "next",
    "prev",
    "author",
    "license",
    "help",
    "bookmark",
    "me",
    "search",
}
_RESOURCE_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
    "frame": ("src",),
}
# Hosts that serve loadable resources; any of them in a project or Material script fails.
_LOADER_HOSTS = re.compile(
    r"fonts\.googleapis|fonts\.gstatic|unpkg\.com|jsdelivr|cdnjs|googletagmanager|google-analytics|"
    r"api\.github\.com|polyfill\.io|bootstrapcdn|fontawesome\.com/releases|use\.fontawesome|kit\.fontawesome|"
    r"code\.jquery|ajax\.googleapis|typekit|gitlab\.com/api",
    re.IGNORECASE,
)
# Material's bundle holds three loaders that run only when a page asks for
# them; the page must not ask. (ResizeObserver exists in every browser the
# theme supports, so its polyfill is never fetched.)
_MATERIAL_CONDITIONAL = {
    "https://unpkg.com/mermaid": re.compile(r'class="[^"]*\bmermaid\b'),
    "https://api.github.com/": re.compile(r'data-md-component="source"'),
    "https://unpkg.com/resize-observer-polyfill": None,
}


class _ResourceFinder(HTMLParser):
    """URLs that a browser fetches while showing a page (links to other pages excluded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link" and not set(values.get("rel", "").lower().split()) <= _NAVIGATION_RELS:
            self.urls.append(values.get("href", ""))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.urls.append(values.get("content", "").partition("url=")[2])
        for attr in _RESOURCE_ATTRS.get(tag, ()):
            self.urls += [part.split()[0] for part in values.get(attr, "").split(",") if part.strip()]
        self.urls += css_urls(values.get("style", ""))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += css_urls(data)


def css_urls(css: str) -> list[str]:
    return [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(css) if any(m.groups())]


def external(urls: list[str]) -> list[str]:
    return [u for u in urls if _ABSOLUTE.match(u) and not u.strip().lower().startswith("data:")]


def html_resources(html: str) -> list[str]:
    finder = _ResourceFinder()
    finder.feed(html)
    return finder.urls


def script_loaders(path: Path, js: str, pages_html: str) -> list[str]:
    """External loaders in a script; Material's conditional ones pass if no page triggers them."""
    found = []
    for url in _JS_URL.findall(js):
        if not _LOADER_HOSTS.search(url):
            continue
        condition = next(
            (trigger for prefix, trigger in _MATERIAL_CONDITIONAL.items() if url.startswith(prefix)), False
        )
        material = "/assets/javascripts/" in path.as_posix()
        if material and condition is None:
            continue
        if material and condition is not False and not condition.search(pages_html):
            continue
        found.append(url)
    return found


def scan_site(site: Path) -> list[str]:
    """Every external resource a browser would load from the built site."""
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    all_html = "\n".join(pages.values())
    problems = [
        f"{p.relative_to(site)}: {u}" for p, text in pages.items() for u in external(html_resources(text))
    ]
    for css in site.rglob("*.css"):
        problems += [
            f"{css.relative_to(site)}: {u}" for u in external(css_urls(css.read_text(encoding="utf-8")))
        ]
    for js in site.rglob("*.js"):
        problems += [
            f"{js.relative_to(site)}: {u}"
            for u in script_loaders(js, js.read_text(encoding="utf-8"), all_html)
        ]
    return problems


@pytest.mark.parametrize("which", ["demo_site", "demo_public_site"])
def test_no_external_resource_in_built_files(which, request):
    site = request.getfixturevalue(which).site
    assert list(site.rglob("*.html")), "aucune page construite"
    problems = scan_site(site)
    assert not problems, "ressources chargées depuis un autre site :\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "snippet",
    [
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
        '<link rel="preconnect" href="https://fonts.gstatic.com" crossorigin>',
        '<link rel="dns-prefetch" href="//cdn.example.org">',
        '<script src="https://cdn.jsdelivr.net/npm/x.js"></script>',
        '<img src="https://stats.example.org/pixel.gif" alt="">',
        '<img srcset="a.png 1x, https://img.example.org/b.png 2x" src="a.png" alt="">',
        "<div style=\"background: url('https://img.example.org/b.png')\"></div>",
        "<style>@import 'https://fonts.googleapis.com/css2?family=Inter';</style>",
        '<svg><image href="https://img.example.org/c.png"/></svg>',
    ],
)
def test_scan_catches_third_party_resources(snippet):
    assert external(html_resources(snippet)), snippet


def test_scan_lets_links_and_local_resources_through():
    html = (
        '<a href="https://www.service-public.fr/">lien</a><link rel="canonical" href="https://x.fr/">'
        '<img src="../assets/a.png" alt=""><svg xmlns="http://www.w3.org/2000/svg"></svg>'
        "<div style=\"background:url(data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>)\"></div>"
    )
    assert external(html_resources(html)) == []


CANARY = "CANARI-7f3a9c"


def _plant_canaries(project: Path) -> list[str]:
    """A distinct canary in the title and body of every page not meant for the public."""
    planted = []
    pages = [
        *(project / "docs").rglob("*.md"),
        *(project / "kits" / "clients" / "demo" / "pages").glob("*.md"),
    ]
    for page in pages:
        text = page.read_text(encoding="utf-8-sig")
        _, meta = get_data(text)
        audience = meta.get("audience") or []
        if "public" in (audience if isinstance(audience, list) else [audience]):
            continue
        mark = f"{CANARY}-{len(planted)}"
        page.write_text(
            text.rstrip("\n") + f"\n\n## Section {mark}\n\nTexte interne {mark}.\n", encoding="utf-8"
        )
        planted.append(mark)
    return planted


def _texts(site: Path):
    for path in site.rglob("*"):
        if path.is_file():
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            yield path.relative_to(site), data.decode("utf-8", errors="replace")


def test_canary_in_non_public_pages_never_reaches_public_site(tmp_path):
    project = copy_project(tmp_path / "projet")
    planted = _plant_canaries(project)
    assert len(planted) >= 2, "pas assez de pages non publiques pour y planter un canari"
    review = build_copy(project, tmp_path / "revue")
    public = build_copy(project, tmp_path / "public", audience="public")
    assert review.returncode == 0, review.stderr
    assert public.returncode == 0, public.stderr
    in_review = {m for _, text in _texts(review.site) for m in planted if m in text}
    assert in_review, "aucun canari dans le site de revue : le test ne prouve rien"
    leaks = [f"{path}: {CANARY}" for path, text in _texts(public.site) if CANARY in text]
    assert not leaks, "contenu de pages non publiques dans le site public :\n" + "\n".join(leaks)

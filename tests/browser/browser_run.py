"""One real browser run over every built page: axe-core, requests, script errors.

Debian's Chromium is driven by Playwright for Python (no browser download);
axe-core comes from the npm package pinned in ``package-lock.json`` and is
injected into every page. Each built site is served over http on 127.0.0.1 by
a threaded ``http.server``, as a reader's browser would see it once published.

Everything is gathered in one pass (one browser, one page per view, reused
from page to page) and the tests only read the outcome.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Any other host fails at once (the request is still recorded, then refused):
    # nothing leaves the machine, and a regression does not wait for timeouts.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOCAL_SCHEMES = ("data:", "blob:", "about:")
SEARCH_PREFIX = "recherche-"
MENU_PREFIX = "menu-"


@dataclass(frozen=True)
class View:
    """How a reader sees the site: screen size and colour scheme."""

    name: str
    width: int
    height: int
    dark: bool
    mobile: bool = False


VIEWS = (
    View("bureau-clair", 1280, 900, dark=False),
    View("bureau-sombre", 1280, 900, dark=True),
    View("mobile-clair", 390, 844, dark=False, mobile=True),
    View("mobile-sombre", 390, 844, dark=True, mobile=True),
)
#: Every audited view: each screen, plus the search dialog open on the desktop.
VIEW_NAMES = (
    tuple(v.name for v in VIEWS)
    + tuple(SEARCH_PREFIX + v.name for v in VIEWS if not v.mobile)
    + tuple(MENU_PREFIX + v.name for v in VIEWS if v.mobile)
)


@dataclass
class Outcome:
    """What the run saw: accessibility violations by (site, view), and traffic."""

    violations: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    pages: dict[str, list[str]] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    wrong_scheme: list[str] = field(default_factory=list)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        # The browser drops connections when it leaves a page mid-load: not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) for the duration of the block."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def page_paths(site: Path) -> list[str]:
    """URL paths of every built HTML page, ``404.html`` included."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


_SETTLE = """async () => {
  await document.fonts.ready;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const running = document.getAnimations().filter(a => a.effect &&
      a.effect.getComputedTiming().iterations !== Infinity);
  await Promise.all(running.map(a => a.finished.catch(() => null)));
}"""

_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map(n => ({target: n.target.join(' '),
                                summary: (n.failureSummary || '').replace(/\\s+/g, ' ')}))}));
}"""


def _describe(where: str, violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        for node in v["nodes"][:5]:
            lines.append(
                f"{where}: {v['id']} ({v['impact']}) {v['help']} — {node['target']} — {node['summary'][:300]}"
            )
    return lines


def _audit(page: Page, where: str) -> list[str]:
    page.evaluate(_SETTLE)
    return _describe(where, page.evaluate(_AXE_RUN, WCAG_TAGS))


def search_word(site: Path) -> str:
    """A word the site's search finds: the longest word of its home page title."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return max(re.findall(r"\w+", index["docs"][0]["title"]), key=len)


def open_search(page: Page, word: str) -> None:
    field = page.locator("input.md-search__input")
    field.click()
    # The index loads in a worker; a query typed before it is ready is lost.
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').textContent.trim() !== 'Initialisation de la recherche'"
    )
    page.keyboard.type(word, delay=20)  # Material listens to key events, not to fill()
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)


class BrowserRun:
    """One Chromium for the whole session; one context (and page) per view."""

    def __init__(self) -> None:
        self.outcome = Outcome()
        self._axe = AXE.read_text(encoding="utf-8")

    def run(self, sites: dict[str, Path]) -> Outcome:
        self._folders = sites
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                for name, folder in sites.items():
                    with serve(folder) as base:
                        self.outcome.pages[name] = page_paths(folder)
                        for view in VIEWS:
                            self._visit_all(browser, name, base, view)
            finally:
                browser.close()
        return self.outcome

    def _new_page(self, browser, view: View) -> Page:
        context = browser.new_context(
            viewport={"width": view.width, "height": view.height},
            is_mobile=view.mobile,
            has_touch=view.mobile,
            color_scheme="dark" if view.dark else "light",
            reduced_motion="no-preference",
            service_workers="block",
        )
        context.add_init_script(self._axe)
        context.on("request", lambda request: self.outcome.requests.append(request.url))
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on(
            "pageerror", lambda exc: self.outcome.failures.append(f"{page.url}: erreur de script : {exc}")
        )
        page.on(
            "response",
            lambda r: r.status >= 400 and self.outcome.failures.append(f"{r.url}: HTTP {r.status}"),
        )
        return page

    def _visit_all(self, browser, site: str, base: str, view: View) -> None:
        page = self._new_page(browser, view)
        found: list[str] = []
        expected_scheme = "slate" if view.dark else "default"
        for path in self.outcome.pages[site]:
            page.goto(base + path, wait_until="load")
            scheme = page.evaluate("document.body.dataset.mdColorScheme")
            if scheme != expected_scheme:
                self.outcome.wrong_scheme.append(f"{site}/{path} [{view.name}]: {scheme}")
            found += _audit(page, f"{site}/{path} [{view.name}]")
        self.outcome.violations[(site, view.name)] = found
        page.goto(base, wait_until="load")
        if view.mobile:
            page.locator("label.md-header__button[for='__drawer']").click()
            extra_view = MENU_PREFIX + view.name
        else:
            open_search(page, search_word(self._folders[site]))
            extra_view = SEARCH_PREFIX + view.name
        self.outcome.violations[(site, extra_view)] = _audit(page, f"{site}/ [{extra_view}]")
        page.context.close()

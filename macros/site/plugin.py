"""The kit as a MkDocs plugin: which client, site identity, which pages exist, safety nets.

Declared in ``mkdocs.yml`` after ``macros`` (``plugins: - kit``) and registered
through the ``mkdocs.plugins`` entry point. Its ``on_config`` runs twice
around mkdocs-macros: first (priority 50) it loads and validates the kit of
the selected client, so that ``define_env`` only registers the widgets; then,
once mkdocs-macros has made its Jinja environment, it sets the site identity.
The HTML fixes and the protection of client text are in :mod:`macros.site.html_fixes`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from markupsafe import escape
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import clean_directory

from macros.compute.fmt import count
from macros.errors import KitError, Problem, display_path
from macros.render import typography
from macros.render.html import markdown_inert
from macros.render.widgets import legal_pages
from macros.settings import (
    PROJECT_DIR,
    Settings,
    epoch_problem,
    output_problem,
    site_url_for,
    site_url_problem,
)
from macros.site import agenda, audience, buildcache, client_pages, html_fixes, pages, state, third_party
from macros.site.config import KitConfig

__all__ = ["KitPlugin"]

log = logging.getLogger("mkdocs.plugins.kit")


class KitPlugin(BasePlugin[KitConfig]):
    def __init__(self) -> None:
        self._plan: audience.PublicPlan | None = None
        self._third_party: list[Problem] = []

    def settings(self) -> Settings:
        """The client selection of this build, from the plugin's options."""
        environ = {"KIT_CLIENT": self.config.client, "KIT_AUDIENCE": self.config.audience}
        if self.config.clients_dir:
            environ["KIT_CLIENTS_DIR"] = self.config.clients_dir
        return Settings.from_env(environ, inherit=("KIT_KITS_DIR",))

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Refuse what would publish the review kit or end in a traceback."""
        if command == "gh-deploy":
            # MkDocs' own publication would push whatever mkdocs.yml selects:
            # by default the review kit, quote and contacts included.
            raise Abort(
                "Erreur : mkdocs gh-deploy publierait le kit de relecture (devis, contacts, notes internes). "
                "Publiez le site public avec : kit build CLIENT --audience public, puis kit publish CLIENT"
            )
        problem = epoch_problem()
        if problem:
            raise Abort(f"Erreur : {problem}")

    @event_priority(50)  # before any page address is computed
    def _site_url(self, config: Any) -> Any:
        """``site_url`` of this client's build, from the option (``KIT_SITE_URL``).

        Without it MkDocs writes an empty sitemap and a 404 page whose assets
        are root-absolute, which break under ``/<repo>/<client>/`` on GitHub
        Pages. ``{client}`` in the option is the client's identifier. An
        address set already (``site_url`` in ``mkdocs.yml``, or the local one
        ``mkdocs serve`` sets) is kept.
        """
        template = (self.config.site_url or "").strip()
        if not template or config.site_url:
            return config
        problem = site_url_problem(template)
        if problem:
            raise PluginError(problem)
        config.site_url = site_url_for(template, self.config.client)
        return config

    @event_priority(40)  # once the site folder is known, before MkDocs empties it
    def _guard_site_dir(self, config: Any) -> Any:
        """``mkdocs build -d kits/clients`` would empty the clients' folder: refuse it."""
        problem = output_problem(Path(config.site_dir), self.settings())
        if problem:
            raise PluginError(
                f"dossier du site refusé : {config.site_dir} {problem}, et MkDocs le viderait ; "
                "construisez dans un dossier à part (par défaut site/<audience>/<client>, ou kit build)"
            )
        return config

    @event_priority(50)  # before mkdocs-macros calls define_env
    def _load_kit(self, config: Any) -> Any:
        kit = state.reload(self.settings())
        for warning in (
            kit.warnings
        ):  # INFO: a warning never fails ``mkdocs build --strict``; ``kit check --strict`` counts it
            log.info("kit check : %s", warning)
        if Path(config.site_dir) == PROJECT_DIR / "site":  # MkDocs' default: no --site-dir given
            # One folder per client and audience, as ``kit build`` writes them.
            config.site_dir = str(PROJECT_DIR / "site" / kit.settings.audience / kit.slug)
        return config

    def _site_identity(self, config: Any) -> Any:
        kit = state.current()
        # Client-supplied strings must never reach a page as raw HTML nor as
        # Markdown: widgets return Markup, everything else a page prints is
        # escaped for both (macros.render.html).
        env = config.plugins["macros"].env
        env.autoescape = True
        env.finalize = markdown_inert
        client = kit.client
        # Material prints these three unescaped: they come from client data.
        config.site_name = escape(f"{client.collectivity.name} — {client.project.title}")
        config.site_description = escape(client.project.summary)
        config.site_author = escape(kit.firm.name)
        config.extra["kit"] = {
            "audience": kit.settings.audience,
            "slug": kit.slug,
            "firm": kit.firm.name,
            "tagline": kit.firm.tagline,
            "primary": kit.firm.colors.primary,
            "accent": kit.firm.colors.accent,
            "legal_pages": legal_pages.footer_links(kit),  # footer of every page (partials/copyright.html)
        }
        return config

    on_config = CombinedEvent(_site_url, _load_kit, _guard_site_dir, _site_identity)

    def on_files(self, files: Any, config: Any) -> Any:
        self._third_party = []
        kit = state.current()
        return agenda.add_agenda_files(pages.select_pages(files, config, kit), config, kit)

    def on_pre_page(self, page: Any, config: Any, files: Any) -> Any:
        if html_fixes.is_client_page(page):
            client_pages.use_safe_markdown(page)
        return page

    @event_priority(100)  # before mkdocs-macros renders the page
    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        return html_fixes.protect_page_source(markdown, page)

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        """Section names come from front matter (``rubrique``), a client page's included."""
        html_fixes.plain_nav(nav.items)
        return nav

    def _page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        # A link to a page this build leaves out would be dead and reveal its path.
        html = audience.unwrap_links(html, page.file.url, set(config.extra.get("kit_excluded", {})))
        if state.current().settings.audience == "public":
            html = audience.strip_comments(html)  # a note to colleagues is not for citizens
        return html_fixes.inert_page_content(html, page)

    @event_priority(-100)  # last, after every other plugin has changed the content
    def _final_pass(self, html: str, page: Any, config: Any, files: Any) -> str:
        """Every page, whoever wrote it, keeps only what the page allow-list permits."""
        cleaned, removed = html_fixes.final_pass(html)
        if removed:
            log.warning(
                f"{_source_name(page)} : retiré de la page par le nettoyage final : {', '.join(removed)}"
            )
        return cleaned

    on_page_content = CombinedEvent(_page_content, _final_pass)

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        sources = _sources(page)
        for resource in third_party.external_resources(output):
            self._third_party.append(third_party.problem(resource, page.file.dest_uri, sources))
        return typography.french_page(
            html_fixes.clean_html(output), public="public" in (page.meta.get("audience") or ())
        )

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        if not template_name.endswith(".html"):  # sitemap.xml: no prose to set
            return html_fixes.clean_html(output_content)
        return typography.french_html(html_fixes.clean_html(output_content))

    # --- Audiences: what the public site may contain -------------------------------

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """Public build: publish the attachments public pages use, plan the check."""
        self._plan = None
        env.bytecode_cache = buildcache.TEMPLATES  # compiled once per process, not per build
        if state.current().settings.audience != "public":
            return env
        used: set[str] = set()
        for file in files.documentation_pages():
            if file.page is not None and file.page.content:
                used |= audience.referenced_urls(file.page.content, unquote(file.url))
        for file in files:
            # Decoded on both sides: ``plan du site.png`` is ``plan%20du%20site.png`` in file.url.
            if (
                file.inclusion.is_excluded()
                and not file.is_documentation_page()
                and unquote(file.url) in used
            ):
                file.inclusion = InclusionLevel.INCLUDED
        self._plan = _public_plan(config, files)
        return env

    @event_priority(-100)  # after every plugin has written its files
    def on_post_build(self, config: Any) -> None:
        """Fail, and leave no site behind, if a page loads from another site or,
        in a public build, if anything non-public got through (both said at once)."""
        third = list(dict.fromkeys(self._third_party))
        leaks = (
            audience.check_public_site(Path(config.site_dir), self._plan, _page_audience)
            if self._plan
            else []
        )
        if not third and not leaks:
            return
        clean_directory(config.site_dir)
        parts = [str(KitError(third))] if third else []
        if leaks:
            lines = "\n".join(f"  {leak}" for leak in leaks)
            parts.append(
                f"site public refusé : {count(len(leaks), 'élément non public trouvé', 'éléments non publics trouvés', space=' ')} ; "
                f"le dossier du site a été vidé :\n{lines}"
            )
        raise PluginError("\n".join(parts))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        _poll_faster(server)
        buildcache.cache_git_info()  # rebuilds in this process ask git only once
        # From the options, not the loaded kit: a client with errors is served
        # too (``kit serve`` shows them) and must be watched to recover.
        settings = self.settings()
        for folder in (settings.client_dir, settings.kits_dir):
            if folder.is_dir():
                server.watch(str(folder))
        return server


def _public_plan(config: Any, files: Any) -> audience.PublicPlan:
    theme_dirs = [Path(d).resolve() for d in config.theme.dirs]
    plan = audience.PublicPlan(
        excluded=dict(config.extra.get("kit_excluded", {})),
        secrets=audience.internal_values(state.current().client),
    )
    for file in files:
        if not file.inclusion.is_included():
            continue
        plan.expected.add(file.dest_uri)
        if file.is_documentation_page():
            plan.pages[file.dest_uri] = file.abs_src_path
        elif file.abs_src_path and any(
            Path(file.abs_src_path).resolve().is_relative_to(d) for d in theme_dirs
        ):
            plan.theme.add(file.dest_uri)
    for name in (*config.theme.static_templates, *config.extra_templates):
        plan.expected.add(name)
        if name == "sitemap.xml":
            plan.expected.add("sitemap.xml.gz")
    plan.expected.add("search/search_index.json")
    return plan


def _source_name(page: Any) -> str:
    source = page.file.abs_src_path
    return display_path(Path(source), PROJECT_DIR) if source else page.file.src_uri


def _sources(page: Any) -> list[tuple[str, Path]]:
    """Where an external address on ``page`` may have been typed: the page, then client.yml."""
    found = []
    if page.file.abs_src_path:
        found.append((_source_name(page), Path(page.file.abs_src_path)))
    client_yml = state.current().client_dir / "client.yml"
    found.append((display_path(client_yml, PROJECT_DIR), client_yml))
    return found


def _page_audience(source: str) -> tuple[str, ...]:
    return pages.read_page_info(Path(source), Path(source).name).audience


def _poll_faster(server: Any) -> None:
    """Notice an edit within 0.1 s instead of MkDocs' 0.5 s.

    MkDocs polls the watched folders (robust on every file system); only the
    interval changes. The paths it already watches are moved to the new
    observer, which has not been started yet.
    """
    from watchdog.observers.polling import PollingObserver

    watched = dict(getattr(server, "_watched_paths", {}))
    if not watched or not hasattr(server, "unwatch"):
        return
    for path, times in watched.items():
        for _ in range(times):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=0.1)
    for path, times in watched.items():
        for _ in range(times):
            server.watch(path)
    # Quiet time awaited after the last change before rebuilding (MkDocs: 0.1 s);
    # an editor's save (temporary file, then rename) takes a few milliseconds.
    if hasattr(server, "build_delay"):
        server.build_delay = 0.05

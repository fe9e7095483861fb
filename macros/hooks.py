"""MkDocs hooks of the kit: site identity, which pages exist, and safety nets.

Loaded by MkDocs from ``mkdocs.yml`` (``hooks:``), after the macros plugin has
loaded and validated the kit in ``define_env``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

if __package__ in (None, ""):  # loaded by path, as MkDocs does for hooks
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from macros import pages, state  # noqa: E402

_UNSAFE_URL = re.compile(
    r"""(?P<attr>\b(?:href|src|xlink:href|action|formaction))\s*=\s*(?P<q>["']?)\s*(?:javascript|vbscript|data(?!:image/(?:png|jpeg|gif|webp)))\s*:[^"'\s>]*""",
    re.IGNORECASE,
)


def on_config(config: Any) -> Any:
    kit = state.current()
    # Client-supplied strings must never reach a page as raw HTML: widgets
    # return Markup, everything else printed by a page is escaped.
    config.plugins["macros"].env.autoescape = True
    client = kit.client
    config.site_name = f"{client.collectivity.name} — {client.project.title}"
    config.site_description = client.project.summary
    config.site_author = kit.firm.name
    config.extra["kit"] = {
        "audience": kit.settings.audience,
        "slug": kit.slug,
        "firm": kit.firm.name,
        "tagline": kit.firm.tagline,
        "primary": kit.firm.colors.primary,
        "accent": kit.firm.colors.accent,
    }
    return config


def on_files(files: Any, config: Any) -> Any:
    return pages.select_pages(files, config, state.current())


@event_priority(100)
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    # Pages written in a client folder are client text: never run as Jinja.
    if page.file.src_uri.startswith(pages.CLIENT_PREFIX):
        page.meta["render_macros"] = False
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Neutralise ``javascript:`` and similar links, whatever their origin."""
    return _UNSAFE_URL.sub(lambda m: f'{m["attr"]}={m["q"]}#lien-retire', html)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    kit = state.current()
    for folder in (kit.settings.client_dir, kit.settings.kits_dir):
        if folder.is_dir():
            server.watch(str(folder))
    return server

"""``kit serve``: the review site of one client, rebuilt at each change.

MkDocs' own development server, with the client selected through the
environment. ``macros/site/plugin.py::on_serve`` adds the client's folder and the
shared kit data to what is watched, wherever the client folder lives.
"""

from __future__ import annotations

import logging

from macros.commands.common import select_client
from macros.settings import PROJECT_DIR, Settings

__all__ = ["serve_client"]


def _log_to_terminal() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)


def serve_client(settings: Settings, slug: str, *, dev_addr: str, open_browser: bool) -> None:
    from mkdocs.commands.serve import serve

    select_client(slug, settings.clients_dir, settings.kits_dir, "interne")
    _log_to_terminal()
    serve(
        config_file=str(PROJECT_DIR / "mkdocs.yml"),
        livereload=True,
        dev_addr=dev_addr,
        open_in_browser=open_browser,
    )

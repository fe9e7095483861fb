"""Options of the kit plugin, as ``mkdocs.yml`` sets them (``plugins: - kit: …``).

Each option can come from the environment through MkDocs' ``!ENV`` tag, as the
project's ``mkdocs.yml`` does: ``kit build`` selects a client by setting
``KIT_CLIENT`` and friends, and a consultant can do the same by hand.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

__all__ = ["KitConfig"]


class KitConfig(base.Config):
    client = c.Type(str, default="demo")
    """Slug of the client to build: its folder under ``clients_dir``."""

    clients_dir = c.Optional(c.Type(str))
    """Folder of the clients; by default ``kits/clients`` of the project."""

    audience = c.Type(str, default="interne")
    """``interne`` (the review kit) or ``public`` (the citizens' site)."""

    site_url = c.Optional(c.Type(str))
    """Address the site will be served at (``KIT_SITE_URL``), for instance
    ``https://exemple.github.io/kits/{client}/``: ``{client}`` becomes the
    client's identifier. Sets MkDocs' ``site_url`` (sitemap, 404 page, assets)."""

"""The kit of the build in progress, shared by the macros module and the hooks.

mkdocs-macros calls ``define_env`` in its ``on_config``; our hooks run after
it. Loading happens once per build (and again on each ``mkdocs serve``
rebuild, since the client files may have changed).
"""

from __future__ import annotations

from .kit import Kit, load_kit
from .settings import Settings

__all__ = ["current", "reload"]

_kit: Kit | None = None


def reload(settings: Settings | None = None) -> Kit:
    global _kit
    _kit = None
    _kit = load_kit(settings)
    return _kit


def current() -> Kit:
    if _kit is None:
        return reload()
    return _kit

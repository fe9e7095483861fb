"""The kit of the build in progress, shared by the macros module and the hooks.

The kit plugin loads it at the start of ``on_config``, before mkdocs-macros
calls ``define_env``. Loading happens once per build (and again on each ``mkdocs serve``
rebuild, since the client files may have changed).
"""

from __future__ import annotations

from macros.loading.kit import Kit, load_kit
from macros.settings import Settings

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

"""What can be kept from one build to the next in the same process.

``kit build`` builds client after client in each worker, and ``mkdocs serve``
rebuilds at each change: both would otherwise compile every theme template
(Material's ``base.html`` and its partials) again at each build, about a
quarter of a small kit's build time. Jinja's bytecode cache keeps the
compiled code in memory, keyed by template name and checked against the
source, so an edited template is compiled again.
"""

from __future__ import annotations

import functools

import jinja2

__all__ = ["TEMPLATES", "cache_git_info"]


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


TEMPLATES = _MemoryBytecodeCache()
"""Shared by every build of this process (set on the theme's environment)."""


def cache_git_info() -> None:
    """Ask git once per process for the commit information of mkdocs-macros.

    Its ``git`` page variable costs twelve ``git`` processes per build, the
    same answers each time within a batch or a review session.
    """
    import mkdocs_macros.context as context

    original = context.get_git_info
    if getattr(original, "kit_cached", False):
        return
    once = functools.cache(original)

    def cached() -> dict:
        return dict(once())

    cached.kit_cached = True  # type: ignore[attr-defined]
    context.get_git_info = cached

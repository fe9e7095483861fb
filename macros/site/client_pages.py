"""A client's own pages (``pages/*.md``) are rendered by a Markdown of their own.

The kit's pages need ``attr_list`` and ``md_in_html`` (``{ #offre-x }``,
``<div markdown>``); a consultant's page, perhaps pasted from an e-mail, must
not: ``{: onfocus=… }`` would become an attribute and ``<script>`` would stay
a script. A client page is therefore rendered with :data:`SAFE_EXTENSIONS`,
where raw HTML is shown as the text it is, and its HTML is then cleaned by
:func:`macros.render.sanitize.clean_client_html`. MkDocs renders every page
with the site's extensions: :func:`use_safe_markdown` gives the client page a
copy of the configuration that names the safe ones instead.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.structure.pages import Page

__all__ = ["SAFE_EXTENSIONS", "RawHtmlAsText", "use_safe_markdown"]


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


class _DropComments(Preprocessor):
    """``<!-- à vérifier avec le maire -->`` is a note to colleagues: never shown, never published."""

    def run(self, lines: list[str]) -> list[str]:
        text = _COMMENT.sub(lambda m: "\n" * m[0].count("\n"), "\n".join(lines))
        return text.split("\n")


class RawHtmlAsText(Extension):
    """Raw HTML in the Markdown source is text: ``<b>`` reads ``<b>``, nothing runs;
    HTML comments are taken out, as Markdown would have kept them out of sight."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.preprocessors.register(_DropComments(md), "kit_drop_comments", 30)


SAFE_EXTENSIONS: tuple[str, ...] = (
    "admonition",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
)
"""Markdown a consultant may use in a client page: no ``attr_list``, no ``md_in_html``."""


def _safe_config(config: Any) -> Any:
    safe = copy.copy(config)  # a shallow copy: only the two Markdown options differ
    safe["markdown_extensions"] = [*SAFE_EXTENSIONS, RawHtmlAsText()]
    safe["mdx_configs"] = {
        name: config["mdx_configs"][name] for name in SAFE_EXTENSIONS if name in config["mdx_configs"]
    }
    return safe


def use_safe_markdown(page: Page) -> None:
    """Make MkDocs render ``page`` with :data:`SAFE_EXTENSIONS` (an instance attribute
    shadows :meth:`Page.render` for this page only)."""

    def render(config: Any, files: Any) -> None:
        Page.render(page, _safe_config(config), files)

    page.render = render  # type: ignore[method-assign]

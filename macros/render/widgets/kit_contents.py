"""What the kit contains: its deliverables (the offer's, then the options bought) and
the pages that make each one, as links from the « Livrables » page.

The pages come from the build (:mod:`macros.site.pages` records, for each
component of the kit, its pages in navigation order); nothing here assumes a
particular offer.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag

__all__ = ["Entry", "kit_deliverables", "pages_list", "relative_url"]

ComponentPages = dict[str, list[tuple[str, str]]]
"""Component -> [(page title, site URL)], as the build recorded them."""


@dataclass(frozen=True)
class Entry:
    """A deliverable of the offer, or an option of the quote that adds pages."""

    id: str
    title: str
    description: str
    components: tuple[str, ...]
    option: bool = False


def kit_deliverables(kit: Kit) -> list[Entry]:
    entries = [Entry(d.id, d.title, d.description, tuple(d.components)) for d in kit.offer.deliverables]
    bought = [o.id for o in kit.client.quote.options] if kit.client.quote else []
    for option in (kit.offer.option(oid) for oid in dict.fromkeys(bought)):
        if option is not None and option.components:
            entries.append(
                Entry(option.id, option.title, option.description, tuple(option.components), option=True)
            )
    return entries


def relative_url(target: str, page: str) -> str:
    """Link from the page at site URL ``page`` (``livrables/``) to ``target`` (``roi/methode/``)."""
    start = page if page.endswith("/") or not page else posixpath.dirname(page)
    link = posixpath.relpath(target or ".", start.rstrip("/") or ".")
    return link + "/" if target.endswith("/") or not target else link


def pages_list(entry: Entry, pages: ComponentPages, page_url: str) -> Markup:
    """The links to the pages of one deliverable, in navigation order."""
    found = [(title, url) for c in entry.components for title, url in pages.get(c, [])]
    if not found:
        return tag("p", "Aucune page de ce kit ne porte encore ce livrable.", class_="kit-empty")
    items = [
        tag("li", tag("a", title, href=relative_url(url, page_url))) for title, url in dict.fromkeys(found)
    ]
    return tag("ul", join(items), class_="kit-deliverable__pages")

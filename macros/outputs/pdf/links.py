"""The site's links to its PDFs (``{{ livrets_pdf() }}``, on the kit's home page).

Only the PDFs this build will have are listed: a handbook with at least one
kept page, the worksheet if a kept page has ``feuille_a3: true``. The block
is screen-only (class ``kit-ecran-seul``): the PDFs do not print it. The
public site lists nothing (the handbooks are for élus and agents).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from macros.loading.kit import Kit
from macros.outputs.office import EDITABLE, FORMATS
from macros.outputs.pdf.names import OUTPUT_FOLDER, WORKSHEET_FILE, handbook_file
from macros.outputs.pdf.sources import HANDBOOKS, page_url
from macros.render.html import Markup, join, tag
from macros.site.pages import CLIENT_PREFIX, read_page_info

__all__ = ["download_links"]


def _source(uri: str, docs_dir: Path, kit: Kit) -> Path:
    if uri.startswith(CLIENT_PREFIX):
        return kit.client_dir / "pages" / uri.removeprefix(CLIENT_PREFIX)
    return docs_dir / uri


def download_links(kit: Kit, config: Any, page_src_uri: str) -> Markup:
    if kit.settings.audience == "public":
        return Markup("")
    docs_dir = Path(config["docs_dir"])
    handbooks: set[str] = set()
    worksheet = False
    for uri in config["extra"].get("kit_pages", {}):
        path = _source(uri, docs_dir, kit)
        if not path.is_file():
            continue
        info = read_page_info(path, uri)
        handbooks.update(info.handbooks)
        worksheet = worksheet or info.worksheet
    depth = page_url(page_src_uri).count("/")
    base = "../" * depth + OUTPUT_FOLDER + "/"
    items = [
        tag(
            "li",
            tag(
                "a",
                f"{label} (PDF)",
                href=base + handbook_file(hb),
                download=f"{kit.slug}-{handbook_file(hb)}",
            ),
        )
        for hb, label in HANDBOOKS.items()
        if hb in handbooks
    ]
    if worksheet:
        items.append(
            tag(
                "li",
                tag(
                    "a",
                    "Feuille d’atelier au format A3 (PDF)",
                    href=base + WORKSHEET_FILE,
                    download=f"{kit.slug}-{WORKSHEET_FILE}",
                ),
            )
        )
    kept = config["extra"].get("kit_pages", {})
    items += [
        tag(
            "li",
            tag(
                "a",
                f"{document.label} à modifier ({program}, .{fmt})",
                href=base + document.file(fmt),
                download=f"{kit.slug}-{document.file(fmt)}",
            ),
        )
        for document in EDITABLE
        if document.page in kept
        for fmt, program in FORMATS.items()
    ]
    if not items:
        return Markup("")
    return tag(
        "div",
        tag("p", "Télécharger les livrets", class_="kit-label") + tag("ul", join(items)),
        class_="kit-livrets kit-ecran-seul",
    )

"""``kit new``: a new client folder, valid at once, with what to fill in."""

from __future__ import annotations

import json
import os
from datetime import date
from importlib.resources import files
from pathlib import Path
from string import Template

from macros.commands.common import KitAbort, check_slug
from macros.commands.schema import DESCRIPTIONS, SCHEMA_PATH
from macros.errors import display_path
from macros.loading.kit import CLIENT_FILE
from macros.loading.validation import validate_document
from macros.loading.yamlsource import load_yaml
from macros.model import Client
from macros.model.offers import Offer
from macros.settings import PROJECT_DIR, Settings

__all__ = ["new_client"]

_IN_TEMPLATE = {
    "collectivite",
    "projet",
    "offre",
    "mission",
    "calendrier",
    "publics",
    "parties_prenantes",
    "scenarios",
}


def _offer(settings: Settings, offer_id: str) -> Offer:
    known = sorted(p.stem for p in (settings.kits_dir / "offres").glob("*.yml"))
    if offer_id not in known:
        raise KitAbort(f"offre inconnue « {offer_id} » (connues : {', '.join(known) or 'aucune'})")
    file = settings.kits_dir / "offres" / f"{offer_id}.yml"
    return validate_document(Offer, load_yaml(file, display_path(file, PROJECT_DIR)))


def _schema_ref(folder: Path) -> str:
    """Where the editor finds the schema: relative inside the kit's repository
    (it moves with the checkout), absolute for a client folder kept elsewhere."""
    if folder.resolve().is_relative_to(PROJECT_DIR):
        return Path(os.path.relpath(SCHEMA_PATH, folder.resolve())).as_posix()
    return SCHEMA_PATH.as_uri()


def _steps(offer: Offer) -> str:
    lines = []
    for step in offer.steps:
        lines += [
            f"#   - etape: {step.id}",
            f"#     debut: AAAA-MM-JJ              # {step.title}",
            "#     statut: prevu",
        ]
    return "\n".join(lines)


def _other_sections() -> str:
    lines = []
    for field in Client.model_fields.values():
        if field.alias in _IN_TEMPLATE:
            continue
        help_text = DESCRIPTIONS.get(f"Client.{field.alias}")
        lines.append(f"#   {field.alias} : {help_text}" if help_text else f"#   {field.alias}")
    return "\n".join(lines)


def render_template(slug: str, name: str, offer: Offer, kind: str, folder: Path, today: date) -> str:
    template = Template(files("macros.commands.templates").joinpath("client.yml").read_text(encoding="utf-8"))
    return template.substitute(
        chemin_schema=_schema_ref(folder),
        slug=slug,
        nom=json.dumps(name, ensure_ascii=False),
        type=kind,
        offre=offer.id,
        offre_titre=offer.title,
        aujourdhui=today.isoformat(),
        etapes=_steps(offer),
        autres=_other_sections(),
    )


def new_client(
    settings: Settings, slug: str, offer_id: str, name: str, kind: str, today: date | None = None
) -> Path:
    """Create ``<clients>/<slug>/client.yml`` and ``pages/``; never overwrite."""
    check_slug(slug)
    if not name.strip():
        raise KitAbort("le nom de la collectivité (--nom) est vide")
    folder = settings.clients_dir / slug
    if folder.exists():
        raise KitAbort(
            f"le client « {slug} » existe déjà ({display_path(folder, PROJECT_DIR)}) : rien n'a été modifié"
        )
    offer = _offer(settings, offer_id)
    text = render_template(slug, name.strip(), offer, kind, folder, today or date.today())
    folder.mkdir(parents=True)
    (folder / "pages").mkdir()
    (folder / CLIENT_FILE).write_text(text, encoding="utf-8")
    return folder / CLIENT_FILE

"""``kit new``: a new client folder, valid at once, with what to fill in.

The template follows the collectivity type (its deciding body and first
stakeholders, ``templates/collectivites.yml``) and the offer: it holds, as
commented examples ready to uncomment, only the sections that the offer's
pages read (:data:`macros.loading.usage.SECTION_READERS`), one file each
under ``templates/sections/``.
"""

from __future__ import annotations

import json
import os
import unicodedata
from collections.abc import Iterator
from datetime import date
from importlib.resources import files
from pathlib import Path
from string import Template

import yaml

from macros.commands.common import KitAbort, check_slug
from macros.commands.schema import DESCRIPTIONS, SCHEMA_PATH
from macros.errors import display_path
from macros.loading.kit import CLIENT_FILE
from macros.loading.usage import ROI_RESULTS, SECTION_READERS
from macros.loading.validation import validate_document
from macros.loading.yamlsource import load_yaml
from macros.model import Client
from macros.model.offers import Offer
from macros.settings import PROJECT_DIR, Settings

__all__ = ["new_client"]

_TEMPLATES = files("macros.commands.templates")

_SECTIONS = (
    "publics_propres", "publics", "parties_prenantes", "scenarios", "parametres", "contrat_participation",
    "site_public", "cahier_des_charges", "strategie", "defricher", "roi", "devis",
)  # fmt: skip
"""Sections proposed by the template, in the order of the file: those that every
kit reads, and those of :data:`SECTION_READERS` that the offer's pages read."""

_IN_HEAD = {"collectivite", "projet", "offre", "mission", "calendrier"}
"""Sections written (not commented) at the top of the template."""


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


def _commented(text: str) -> str:
    """A section as the template shows it: its leading explanation as is, its
    YAML commented out, so that uncommenting the block gives valid data."""
    lines = text.rstrip("\n").splitlines()
    head = 0
    while head < len(lines) and lines[head].startswith("#"):
        head += 1
    return "\n".join(lines[:head] + [f"# {line}".rstrip() for line in lines[head:]])


_PLACE_KEYS = ("lieu_id", "lieu", "accueil", "affichage", "bulletin")
"""The words of the examples that depend on the collectivity: its meeting place, its
reception desk, where it posts notices, its paper magazine (``collectivites.yml``)."""


def _section(name: str, kind: str) -> str:
    text = _TEMPLATES.joinpath("sections", f"{name}.yml").read_text(encoding="utf-8")
    data = _collectivity(kind)
    return Template(text).substitute({key: data[key] for key in _PLACE_KEYS})


def _collectivity(kind: str) -> dict:
    return yaml.safe_load(_TEMPLATES.joinpath("collectivites.yml").read_text(encoding="utf-8"))[kind]


def _stakeholders(kind: str) -> str:
    """The first stakeholders of this type of collectivity, as a section to uncomment."""
    lines = ["parties_prenantes:"]
    for holder in _collectivity(kind)["parties_prenantes"]:
        for index, (key, value) in enumerate(holder.items()):
            lines.append(f"{'  - ' if index == 0 else '    '}{key}: {_scalar(value)}")
    body = "\n".join(lines) + "\n"
    head = (
        "# Les parties prenantes (cartographie) : premières propositions pour ce type de\n"
        "# collectivité. categorie : elus, services, habitants, associations,\n"
        "# acteurs-economiques, institutions ou medias ; pouvoir et interet de 1 à 4 ;\n"
        "# attitude : favorable, neutre, reserve ou oppose ; niveau_cible : informer,\n"
        "# consulter, impliquer, collaborer ou habiliter ; relaie : les publics qu’elle\n"
        "# peut toucher. Les coordonnées (contact: nom, courriel, telephone) sont\n"
        "# internes et ne sont jamais publiées.\n"
    )
    return head + body


def _scalar(value: object) -> str:
    """A value as YAML writes it on one line (a list in brackets)."""
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).split("\n")[0]


def _quote(offer: Offer, today: date) -> str:
    lines = [
        "# Le devis (interne) : numéro, date, options retenues et leur prix hors taxes ;",
        "# le prix de base est celui de l’offre. Les tarifs des options sont des exemples.",
        "devis:",
        f"  numero: DEV-{today.year}-001",
        f"  date: {today.isoformat()}",
    ]
    if offer.options:
        lines.append("  # options:")
    for option in offer.options:
        price = f"{option.example_price.normalize():f}" if option.example_price is not None else "À compléter"
        lines += [f"  #   - id: {option.id:<30} # {option.title}", f"  #     prix_unitaire: {price}"]
    return "\n".join(lines) + "\n"


def _sections(offer: Offer, kind: str, today: date) -> Iterator[str]:
    """The sections this offer's kit reads, each commented and explained in French."""
    for name in _SECTIONS:
        readers = SECTION_READERS.get((name,))
        if readers is not None and not readers & offer.components:
            continue
        if name == "parties_prenantes":
            text = _stakeholders(kind)
        elif name == "devis":
            text = _quote(offer, today)
        elif name == "roi" and ROI_RESULTS in offer.components:
            text = _section("roi", kind) + _section("roi-notes", kind)
        else:
            text = _section(name, kind)
        yield _commented(text)


def _other_sections(offer: Offer) -> str:
    """The optional sections the template does not show (legal pages, follow-up…),
    named with their help, if this offer's pages read them."""
    lines = []
    for field in Client.model_fields.values():
        name = field.alias or ""
        readers = SECTION_READERS.get((name,))
        if name in _IN_HEAD or name in _SECTIONS or (readers is not None and not readers & offer.components):
            continue
        help_text = DESCRIPTIONS.get(f"Client.{name}")
        # « # - » and not an indented line: nothing here is data to uncomment.
        lines.append(f"# - {name} : {help_text}" if help_text else f"# - {name}")
    return "\n".join(lines)


def _decider(kind: str) -> str:
    data = _collectivity(kind)
    note = data.get("note")
    return data["decideur"] + (f"          # {note}" if note else "")


def render_template(slug: str, name: str, offer: Offer, kind: str, folder: Path, today: date) -> str:
    template = Template(_TEMPLATES.joinpath("client.yml").read_text(encoding="utf-8"))
    return template.substitute(
        chemin_schema=_schema_ref(folder),
        slug=slug,
        nom=json.dumps(name, ensure_ascii=False),
        type=kind,
        decideur=_decider(kind),
        offre=offer.id,
        offre_titre=offer.title,
        aujourdhui=today.isoformat(),
        etapes=_steps(offer),
        sections="\n\n".join(_sections(offer, kind, today)),
        autres=_other_sections(offer),
    )


NAME_MAX = 120
"""Characters of the collectivity's name: it titles every page and booklet."""


def _name_problem(name: str) -> str | None:
    """Why ``name`` cannot be the collectivity's name (one line of visible text), or None."""
    if not name.strip():
        return "est vide"
    if len(name.strip()) > NAME_MAX:
        return f"est trop long ({len(name.strip()):,} caractères ; {NAME_MAX} au plus)".replace(",", "\u202f")
    for char in name:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp") and char != "\u00ad":
            what = (
                "un saut de ligne"
                if char in "\r\n\u2028\u2029"
                else f"un caractère invisible U+{ord(char):04X}"
            )
            return f"contient {what} : écrivez-le sur une ligne, en caractères visibles"
    return None


def new_client(
    settings: Settings, slug: str, offer_id: str, name: str, kind: str, today: date | None = None
) -> Path:
    """Create ``<clients>/<slug>/client.yml`` and ``pages/``; never overwrite."""
    check_slug(slug)
    problem = _name_problem(name)
    if problem:
        raise KitAbort(f"le nom de la collectivité (--nom) {problem} ; rien n’a été créé")
    folder = settings.clients_dir / slug
    if folder.exists():
        raise KitAbort(
            f"le client « {slug} » existe déjà ({display_path(folder, PROJECT_DIR)}) : rien n’a été modifié"
        )
    offer = _offer(settings, offer_id)
    text = render_template(slug, name.strip(), offer, kind, folder, today or date.today())
    folder.mkdir(parents=True)
    (folder / "pages").mkdir()
    (folder / CLIENT_FILE).write_text(text, encoding="utf-8")
    return folder / CLIENT_FILE

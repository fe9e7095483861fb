"""What a client's kit contains, and which filled sections it leaves unused.

The pages of a kit follow from data only: the components (``composant`` of a
page) of the offer's deliverables, plus those of the options the quote buys
(an extra « R.O.I. citoyen » workshop brings the workshop results). A section
of ``client.yml`` is read by the pages of some components; a client who fills
a section that none of its components reads gets a warning saying which offer
or option would use it, instead of seeing it silently ignored.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from macros.compute.french import enumerate_fr
from macros.errors import Loc, Problem
from macros.loading.yamlsource import YamlDocument
from macros.model import Client, Offer

__all__ = ["ROI_RESULTS", "SECTION_READERS", "kit_components", "section_users", "unused_sections"]

ROI_RESULTS = "roi-resultats"
"""The component of the R.O.I. citoyen workshop results (ranking, heat map, conditions)."""

SECTION_READERS: dict[Loc, frozenset[str]] = {
    ("scenarios",): frozenset({"scenarios", "roi-methode", ROI_RESULTS, "kit-roi"}),
    ("scenario_retenu",): frozenset({"scenarios", ROI_RESULTS}),
    ("parametres",): frozenset({"parametres", "site-public"}),
    ("contrat_participation",): frozenset({"site-public", "cahier-des-charges"}),
    ("site_public",): frozenset({"site-public"}),
    ("cahier_des_charges",): frozenset({"cahier-des-charges"}),
    ("strategie",): frozenset({"ateliers-strategie"}),
    ("defricher",): frozenset({"recherche", "pistes-creatives", "ateliers-defricher"}),
    ("roi",): frozenset({"roi-methode", ROI_RESULTS, "kit-roi"}),
    ("roi", "notes"): frozenset({ROI_RESULTS}),
}
"""Section of ``client.yml`` -> the components whose pages read it.

A section missing here (``collectivite``, ``projet``, ``calendrier``,
``publics``, ``devis``…) is read by pages that every kit has."""


def kit_components(offer: Offer, client: Client) -> frozenset[str]:
    """The components of the offer's deliverables and of the options the quote buys."""
    found = set(offer.components)
    bought = {o.id for o in client.quote.options} if client.quote else set()
    for option in offer.options:
        if option.id in bought:
            found.update(option.components)
    return frozenset(found)


def section_users(readers: frozenset[str], offers: list[Offer]) -> list[str]:
    """The offers, or options of an offer, whose kit reads a section: in French."""
    users = []
    for offer in offers:
        if readers & offer.components:
            users.append(f"l’offre « {offer.id} »")
            continue
        users += [
            f"l’option « {o.id} » de l’offre « {offer.id} »"
            for o in offer.options
            if readers & set(o.components)
        ]
    return users


def _filled(client: Client, doc: YamlDocument, loc: Loc) -> bool:
    """The section is written in the file and holds something."""
    value: object = client
    for key in loc:
        fields = type(value).model_fields if isinstance(value, BaseModel) else {}
        name = next((n for n, f in fields.items() if f.alias == key), None)
        value = getattr(value, name) if name else None
        if value is None:
            return False
    return bool(value) and loc in doc.lines


def unused_sections(
    client: Client, doc: YamlDocument, offer: Offer, offers: list[Offer]
) -> Iterator[Problem]:
    """A warning for each filled section that no page of this kit reads."""
    components = kit_components(offer, client)
    for loc, readers in SECTION_READERS.items():
        if readers & components or not _filled(client, doc, loc):
            continue
        parent = SECTION_READERS.get(loc[:-1])
        if parent is not None and not parent & components:
            continue  # the whole parent section is already reported
        users = section_users(readers, offers)
        # « elle sert à l'offre « a » et à l'option « b » … »: the preposition before each.
        yield _warning(
            doc,
            loc,
            offer,
            enumerate_fr([u if i == 0 else f"à {u}" for i, u in enumerate(users)]) or "aucune offre",
        )
    chosen = {p.id for p in client.publics}
    for index, public in enumerate(client.own_publics):
        if public.id not in chosen:
            message = f"public « {public.id} » décrit mais absent de « publics » : aucune page ne le montre tant qu’il n’y est pas choisi"
            yield doc.problem(("publics_propres", index, "id"), message).as_warning()


def _warning(doc: YamlDocument, loc: Loc, offer: Offer, users: str) -> Problem:
    message = f"section remplie mais inutilisée : ni l’offre « {offer.id} » ni son devis ne s’en servent (elle sert à {users})"
    return doc.problem(loc, message).as_warning()

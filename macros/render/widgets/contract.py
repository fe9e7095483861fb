"""The contract of participation between the public actor and citizens.

Written for citizens: it is shown on the public site, so it reads only data
meant for publication (never a stakeholder, a score or a price). One function
per part, so that the page keeps its own headings (and its table of contents).
"""

from __future__ import annotations

from collections.abc import Callable

from macros.compute.choice import IAP2_PROMISES
from macros.compute.french import after_colon
from macros.compute.promises import promises
from macros.errors import KitError, Problem
from macros.loading.kit import Kit
from macros.model.deliverables import GuarantorContact
from macros.render.html import Markup, join, tag
from macros.render.widgets.commitments import (
    decision_sentence,
    feedback_list,
    perimeter_list,
    proposal_notice,
)
from macros.render.widgets.parameters import accessibility_list, bullet_list

__all__ = ["LEVEL_NOUNS", "PARTS", "contract_part", "participation_level", "public_contact"]

#: The participation level as a citizen understands it (« consultation » is a
#: term of the trade, not a place in the decision).
LEVEL_NOUNS = {
    "informer": "vous êtes informés",
    "consulter": "on vous demande votre avis",
    "impliquer": "vous travaillez avec nous tout au long de la démarche",
    "collaborer": "vous construisez les solutions avec nous",
    "habiliter": "vous décidez",
}


def _missing(what: str) -> Markup:
    return tag("p", f"{what} : à préciser par la collectivité.", class_="kit-empty")


def participation_level(kit: Kit) -> str:
    return promises(kit).level


def _decision(kit: Kit) -> Markup:
    decision = promises(kit).decision
    parts = [proposal_notice(kit), tag("p", decision_sentence(decision), class_="kit-promise--decision")]
    contract = kit.client.contract
    if contract and contract.who_decides:
        parts.append(tag("p", contract.who_decides))
    parts.append(tag("p", f"Ce qui sera décidé : {after_colon(decision.what)}"))
    return join(parts)


def _perimeter(kit: Kit) -> Markup:
    parts = []
    parts.append(tag("p", "Vous pouvez donner votre avis sur :", class_="kit-label"))
    parts.append(perimeter_list(kit, "open", "kit-contract__open"))
    parts.append(tag("p", "Ce qui est déjà décidé, et ne changera pas :", class_="kit-label"))
    parts.append(perimeter_list(kit, "fixed", "kit-contract__fixed"))
    return join(parts)


def _list_part(attr: str, what: str) -> Callable[[Kit], Markup]:
    def render(kit: Kit) -> Markup:
        items = getattr(kit.client.contract, attr, None) if kit.client.contract else None
        return bullet_list(items) if items else _missing(what)

    return render


def _provides(kit: Kit) -> Markup:
    contract = kit.client.contract
    parts = []
    if contract and contract.provides:
        parts.append(bullet_list(contract.provides))
    parts.append(tag("p", "Pour que chacun puisse venir :", class_="kit-label"))
    parts.append(accessibility_list(kit))
    return join(parts)


def _commitments(kit: Kit) -> Markup:
    level = participation_level(kit)
    contract = kit.client.contract
    parts = [
        proposal_notice(kit),
        tag(
            "p",
            join(
                [
                    tag("strong", f"Votre place dans la décision : {LEVEL_NOUNS[level]}. "),
                    tag("span", IAP2_PROMISES[level]),
                ],
                "",
            ),
        ),
    ]
    if contract and contract.commitments:
        parts.append(bullet_list(contract.commitments))
    parts.append(
        tag(
            "p",
            "Nous vous dirons ce qui a été retenu, ce qui ne l’a pas été, et pourquoi :",
            class_="kit-label",
        )
    )
    parts.append(feedback_list(kit, "kit-contract__feedback"))
    return join(parts)


def _guarantor_rows(reach: GuarantorContact | None) -> list[tuple[str, object]]:
    if reach is None:
        return []
    mail = tag("a", reach.email, href=f"mailto:{reach.email}") if reach.email else None
    rows = [
        ("Garant", reach.name),
        ("Courriel", mail),
        ("Téléphone", reach.phone),
        ("Adresse", reach.address),
    ]
    return [(k, v) for k, v in rows if v]


def _guarantor(kit: Kit) -> Markup:
    """The guarantor first, with an address of their own (the guarantor
    oversees the service: a citizen must not have to go through it), then
    the service that runs the participation."""
    contract = kit.client.contract
    parts = []
    if contract and contract.guarantor:
        parts.append(tag("p", contract.guarantor))
    rows = _guarantor_rows(contract.guarantor_contact if contract else None)
    if rows:
        items = [
            tag("div", join([tag("dt", k), tag("dd", v)], ""), class_="kit-contact__row") for k, v in rows
        ]
        parts.append(tag("p", "Pour écrire au garant, sans passer par les services :", class_="kit-label"))
        parts.append(tag("dl", join(items), class_="kit-contact kit-contact--garant"))
    elif contract and contract.guarantor:
        parts.append(_missing("Le moyen de joindre le garant directement"))
    if contract and contract.contact:
        parts.append(
            tag("p", "Pour une question sur la démarche, le service qui l’organise :", class_="kit-label")
        )
        parts.append(public_contact(kit))
    return join(parts) if parts else _missing("Le garant et le contact")


def public_contact(kit: Kit) -> Markup:
    """The project's public contact: a service, never a named person."""
    contract = kit.client.contract
    if not contract or not contract.contact:
        return _missing("Le contact du projet")
    c = contract.contact
    rows = [("Service", c.service)]
    if c.email:
        rows.append(("Courriel", tag("a", c.email, href=f"mailto:{c.email}")))
    if c.phone:
        rows.append(("Téléphone", c.phone))
    if c.address:
        rows.append(("Adresse", c.address))
    if c.hours:
        rows.append(("Horaires", c.hours))
    items = [tag("div", join([tag("dt", k), tag("dd", v)], ""), class_="kit-contact__row") for k, v in rows]
    return tag("dl", join(items), class_="kit-contact")


def _personal_data(kit: Kit) -> Markup:
    contract = kit.client.contract
    if contract and contract.personal_data:
        return tag("p", contract.personal_data)
    return _missing("L’usage de vos données personnelles")


PARTS: dict[str, Callable[[Kit], Markup]] = {
    "decision": _decision,
    "perimetre": _perimeter,
    "demandes": _list_part("asks", "Ce que nous vous demandons"),
    "apports": _provides,
    "engagements": _commitments,
    "regles": _list_part("rules", "Les règles de l’échange"),
    "garant": _guarantor,
    "donnees": _personal_data,
    "suivi": _list_part("follow_up", "Le suivi"),
}


def contract_part(kit: Kit, part: str) -> Markup:
    if part not in PARTS:
        raise KitError(
            [Problem("docs", f"partie du contrat inconnue « {part} » (possibles : {', '.join(PARTS)})")]
        )
    return tag("div", PARTS[part](kit), class_=f"kit-contract kit-contract--{part}")

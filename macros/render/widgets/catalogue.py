"""The firm's catalogue: one card per offer, from the offer data."""

from __future__ import annotations

from macros.compute.fmt import count, euros
from macros.compute.french import after_colon
from macros.model import Offer
from macros.render.html import Markup, join, tag

__all__ = ["offer_card", "offer_figures", "offer_steps"]


def offer_figures(offer: Offer) -> Markup:
    """The four figures of the brochure: price, days, workshops, deliverables."""
    figures = [
        ("Prix", f"à partir de {euros(offer.price_from)} HT"),
        ("Durée", f"{count(offer.days, 'jour')} de mission (forfait)"),
        ("Ateliers", count(offer.workshops, "atelier")),
        ("Livrables", count(len(offer.deliverables), "livrable")),
    ]
    items = [
        tag("div", join([tag("dt", label), tag("dd", value)], ""), class_="kit-offer__figure")
        for label, value in figures
    ]
    return tag("dl", join(items), class_="kit-offer__figures")


def offer_steps(offer: Offer) -> Markup:
    items = []
    for step in offer.steps:
        parts = [tag("strong", step.title, class_="kit-offer__step-title"), tag("p", step.description)]
        if step.produces:
            parts.append(
                tag(
                    "p",
                    join(
                        [
                            tag("span", "Ce qu’elle produit : ", class_="kit-label"),
                            tag("span", after_colon(step.produces)),
                        ],
                        "",
                    ),
                    class_="kit-offer__produces",
                )
            )
        items.append(tag("li", join(parts), class_="kit-offer__step"))
    return tag("ol", join(items), class_="kit-offer__steps")


def _deliverables(offer: Offer) -> Markup:
    items = [
        tag("li", join([tag("strong", d.title), Markup(" : "), tag("span", after_colon(d.description))], ""))
        for d in offer.deliverables
    ]
    return tag("ul", join(items), class_="kit-offer__deliverables")


def _options(offer: Offer) -> Markup:
    if not offer.options:
        return Markup("")
    items = [tag("li", f"{o.title} — {o.description}") for o in offer.options]
    return join(
        [
            tag("p", "Options possibles (en supplément) :", class_="kit-label"),
            tag("ul", join(items), class_="kit-offer__options"),
        ]
    )


def offer_card(offer: Offer) -> Markup:
    """Everything the brochure says of one offer, as one block."""
    parts = [
        tag("p", offer.subtitle, class_="kit-offer__subtitle"),
        offer_figures(offer),
        tag("p", offer.summary),
        tag("p", "Les étapes, dans l’ordre :", class_="kit-label"),
        offer_steps(offer),
        tag("p", "Les livrables :", class_="kit-label"),
        _deliverables(offer),
        _options(offer),
    ]
    if offer.stop_rule:
        parts.append(tag("p", offer.stop_rule.description, class_="kit-offer__stop-rule"))
    return tag("div", join(parts), class_="kit-offer", id=f"offre-{offer.id}-fiche")

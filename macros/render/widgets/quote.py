"""The quote (devis) of the mission, from the offer and the consultant's figures."""

from __future__ import annotations

from decimal import Decimal

from macros.compute.fmt import count, day, euros, number
from macros.compute.quote import Quote, compute_quote, valid_until
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag

__all__ = ["DEFAULT_CONDITIONS", "build_quote", "quote"]

DEFAULT_CONDITIONS = (
    "Prix forfaitaires exprimés hors taxes ; la TVA s'applique au taux en vigueur.",
    "Un acompte de 30 % est demandé à la commande, le solde à la remise des livrables.",
    "Paiement à 30 jours à réception de facture, par virement (mandat administratif).",
    "Les frais de déplacement sont compris dans le forfait, sauf mention contraire au devis.",
)


def _money(amount: Decimal) -> str:
    return euros(amount, cents=True)


def build_quote(kit: Kit) -> Quote:
    """The quote's figures: offer base (reduced by the stop rule if it applies), options, VAT."""
    offer, data = kit.offer, kit.client.quote
    base = data.base_price if data and data.base_price is not None else offer.price_from
    detail = f"{count(offer.days, 'jour')} de mission, {count(offer.workshops, 'atelier')}, {count(len(offer.deliverables), 'livrable')}"
    factor = None
    if data and data.stop_before_workshop and offer.stop_rule:
        factor = offer.stop_rule.factor
        index, step = next((i, s.title) for i, s in enumerate(offer.steps, start=1) if s.id == offer.stop_rule.before_step)
        detail += f" ; arrêt de la mission avant l'étape {index} ({step}) : forfait de {_money(base)} × {number(factor)}"
    specs = {o.id: o for o in offer.options}
    options = [
        (specs[o.id].title, o.quantity, specs[o.id].unit, o.unit_price) for o in (data.options if data else [])
    ]
    return compute_quote((f"Forfait « {offer.title} »", base), options, vat_rate=kit.firm.vat_rate, stop_factor=factor, base_detail=detail)


def _header(kit: Kit) -> Markup:
    data, firm = kit.client.quote, kit.firm
    rows = [
        ("Devis n°", data.number),
        ("Date", day(data.issued)),
        ("Valable jusqu'au", day(valid_until(data.issued, data.validity_days))),
        ("Émis par", f"{firm.name} — {firm.tagline}"),
        ("Pour", kit.client.collectivity.name),
        ("Objet", f"{kit.offer.title} : {kit.client.project.title}"),
    ]
    items = [tag("div", join([tag("dt", k), tag("dd", v)], ""), class_="kit-quote__meta-row") for k, v in rows]
    return tag("dl", join(items), class_="kit-quote__meta")


def _lines_table(kit: Kit, q: Quote) -> Markup:
    rows = []
    for line in q.lines:
        label = join([tag("span", line.label), tag("span", line.detail, class_="kit-quote__detail") if line.detail else Markup("")], " ")
        unit = "" if line.unit == "forfait" else f" {line.unit}{'s' if line.quantity > 1 and not line.unit.endswith('s') else ''}"
        rows.append(tag("tr", join([
            tag("th", label, scope="row"),
            tag("td", f"{number(line.quantity)}{unit}", class_="kit-num"),
            tag("td", _money(line.unit_price), class_="kit-num"),
            tag("td", _money(line.amount), class_="kit-num"),
        ], ""), class_="kit-quote__line"))
    rate = number(q.vat_rate)
    totals = [
        ("Total HT", q.total_ht, "ht"),
        (f"TVA ({rate}\u00a0%)", q.vat, "tva"),
        ("Total TTC", q.total_ttc, "ttc"),
    ]
    foot = [
        tag("tr", join([tag("th", label, scope="row", colspan=3), tag("td", _money(amount), class_="kit-num")], ""), class_=f"kit-quote__total kit-quote__total--{key}")
        for label, amount, key in totals
    ]
    heads = ("Désignation", "Quantité", "Prix unitaire HT", "Montant HT")
    head = tag("tr", join([tag("th", h, scope="col") for h in heads], ""))
    caption = tag("caption", f"Détail du devis {kit.client.quote.number}")
    return tag("table", join([caption, tag("thead", head), tag("tbody", join(rows)), tag("tfoot", join(foot))]), class_="kit-table kit-quote__table")


def _conditions(kit: Kit) -> Markup:
    data, offer = kit.client.quote, kit.offer
    conditions = list(data.conditions or DEFAULT_CONDITIONS)
    if offer.stop_rule and not data.stop_before_workshop:
        conditions.append(offer.stop_rule.description)
    conditions.append(f"Devis valable {count(data.validity_days, 'jour')} à compter de sa date.")
    return join([tag("h2", "Conditions", class_="kit-quote__heading"), tag("ul", join(tag("li", c) for c in conditions), class_="kit-quote__conditions")])


def quote(kit: Kit) -> Markup:
    """The whole quote, ready to print; a plain message while it is not written."""
    if kit.client.quote is None:
        text = (
            f"Le devis n'est pas encore établi. Pour mémoire, l'offre « {kit.offer.title} » "
            f"commence à {_money(kit.offer.price_from)} HT."
        )
        return tag("p", text, class_="kit-empty")
    q = build_quote(kit)
    return tag("div", join([_header(kit), _lines_table(kit, q), _conditions(kit)]), class_="kit-quote")

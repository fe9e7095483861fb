"""The quote (devis) of the mission, from the offer and the consultant's figures."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from macros.compute.fmt import count, day, euros, number
from macros.compute.names import collectivity
from macros.compute.quote import Quote, compute_quote, round_cents, valid_until
from macros.loading.kit import Kit
from macros.model.quote import QuoteData
from macros.render.html import Markup, join, tag

__all__ = ["DEFAULT_CONDITIONS", "build_quote", "payment_terms", "quote", "stop_amount"]

#: Terms a French public buyer can accept: payment after service (« service
#: fait »), by phase, within the 30-day global payment period of public
#: buyers; no deposit on order (an « avance » is a regulated prepayment).
DEFAULT_CONDITIONS = (
    "Prix forfaitaires et fermes, exprimés hors taxes.",
    "Aucun acompte n’est demandé à la commande : chaque phase est facturée une fois achevée, après service fait.",
    "Paiement par virement (mandat administratif), dans le délai global de paiement de 30 jours à compter de la réception de la facture (code de la commande publique, art. R. 2192-10).",
    "En cas de retard de paiement, des intérêts moratoires et une indemnité forfaitaire de 40 € pour frais de recouvrement sont dus de plein droit.",
    "Les frais de déplacement sont compris dans le forfait, sauf mention contraire au devis.",
)
PLACEHOLDER = " (coordonnée d’exemple, à remplacer)"


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
        index, step = next(
            (i, s.title) for i, s in enumerate(offer.steps, start=1) if s.id == offer.stop_rule.before_step
        )
        detail += f" ; arrêt de la mission avant l’étape {index} ({step}) : forfait de {_money(base)} × {number(factor)}"
    specs = {o.id: o for o in offer.options}
    options = [
        (specs[o.id].title, o.quantity, specs[o.id].unit, o.unit_price)
        for o in (data.options if data else [])
    ]
    return compute_quote(
        (f"Forfait « {offer.title} »", base),
        options,
        vat_rate=kit.firm.vat_rate,
        stop_factor=factor,
        base_detail=detail,
    )


def _data(kit: Kit) -> QuoteData:
    """The quote data; only called once :func:`quote` has checked that there is one."""
    if kit.client.quote is None:
        raise ValueError("no quote")
    return kit.client.quote


def _rows(rows: Sequence[tuple[str, object]], css: str) -> Markup:
    items = [
        tag("div", join([tag("dt", k), tag("dd", v)], ""), class_="kit-quote__meta-row") for k, v in rows if v
    ]
    return tag("dl", join(items), class_=css)


def _issuer(kit: Kit) -> Markup:
    """The firm's legal identity, as a quote must carry it (form, RCS, office)."""
    firm, identity, contact = kit.firm, kit.firm.identity, kit.firm.contact
    mark = PLACEHOLDER if contact.placeholder else ""
    rows: list[tuple[str, object]] = [("Cabinet", f"{firm.name} — {firm.tagline}")]
    if identity:
        rows += [
            ("Forme", identity.form),
            ("Immatriculation", identity.rcs),
            ("SIRET", identity.siret),
            ("TVA intracommunautaire", identity.vat_number),
            ("Capital", identity.share_capital),
            ("Siège social", identity.registered_office),
        ]
    rows += [("Téléphone", contact.phone + mark), ("Courriel", contact.email + mark)]
    return tag(
        "section",
        join([tag("h2", "Émetteur", class_="kit-quote__heading"), _rows(rows, "kit-quote__meta")]),
        class_="kit-quote__party kit-quote__party--emetteur",
    )


def _client(kit: Kit) -> Markup:
    c = kit.client.collectivity
    rows = [("Client", c.name), ("Adresse", c.address or "adresse à compléter (collectivite.adresse)")]
    return tag(
        "section",
        join([tag("h2", "Client", class_="kit-quote__heading"), _rows(rows, "kit-quote__meta")]),
        class_="kit-quote__party kit-quote__party--client",
    )


def _header(kit: Kit) -> Markup:
    data = _data(kit)
    rows: list[tuple[str, object]] = [
        ("Devis n°", data.number),
        ("Date", day(data.issued)),
        ("Valable jusqu’au", day(valid_until(data.issued, data.validity_days))),
        ("Objet", f"mission « {kit.offer.title} » pour le projet « {kit.client.project.title} »"),
    ]
    parties = tag("div", join([_issuer(kit), _client(kit)]), class_="kit-quote__parties")
    return join([parties, _rows(rows, "kit-quote__meta kit-quote__ref")])


def _lines_table(kit: Kit, q: Quote) -> Markup:
    rows = []
    for line in q.lines:
        label = join(
            [
                tag("span", line.label),
                tag("span", line.detail, class_="kit-quote__detail") if line.detail else Markup(""),
            ],
            " ",
        )
        unit = (
            ""
            if line.unit == "forfait"
            else f" {line.unit}{'s' if line.quantity > 1 and not line.unit.endswith('s') else ''}"
        )
        rows.append(
            tag(
                "tr",
                join(
                    [
                        tag("th", label, scope="row"),
                        tag("td", f"{number(line.quantity)}{unit}", class_="kit-num"),
                        tag("td", _money(line.unit_price), class_="kit-num"),
                        tag("td", _money(line.amount), class_="kit-num"),
                    ],
                    "",
                ),
                class_="kit-quote__line",
            )
        )
    rate = number(q.vat_rate)
    totals = [
        ("Total HT", q.total_ht, "ht"),
        (f"TVA ({rate}\u00a0%)", q.vat, "tva"),
        ("Total TTC", q.total_ttc, "ttc"),
    ]
    foot = [
        tag(
            "tr",
            join([tag("th", label, scope="row", colspan=3), tag("td", _money(amount), class_="kit-num")], ""),
            class_=f"kit-quote__total kit-quote__total--{key}",
        )
        for label, amount, key in totals
    ]
    heads = ("Désignation", "Quantité", "Prix unitaire HT", "Montant HT")
    head = tag("tr", join([tag("th", h, scope="col") for h in heads], ""))
    caption = tag("caption", f"Détail du devis {_data(kit).number}")
    return tag(
        "table",
        join([caption, tag("thead", head), tag("tbody", join(rows)), tag("tfoot", join(foot))]),
        class_="kit-table kit-quote__table",
    )


def stop_amount(kit: Kit, q: Quote) -> Decimal | None:
    """The base fee if the mission stops before its workshop (the offer's
    stop rule), or ``None`` when the offer has no such rule or it already applies."""
    rule, data = kit.offer.stop_rule, kit.client.quote
    if rule is None or (data and data.stop_before_workshop):
        return None
    return round_cents(q.lines[0].unit_price * rule.factor)


def _stop_step(kit: Kit) -> str:
    """« l’étape 4 (Atelier « R.O.I. citoyen ») »: the step where the mission may stop."""
    rule = kit.offer.stop_rule
    if rule is None:
        raise ValueError("no stop rule")
    index, step = next((i, s) for i, s in enumerate(kit.offer.steps, start=1) if s.id == rule.before_step)
    return f"l’étape {index} ({step.title})"


def _stop(kit: Kit, q: Quote) -> Markup:
    amount = stop_amount(kit, q)
    if amount is None:
        return Markup("")
    vat = round_cents(amount * q.vat_rate / 100)
    text = (
        f"Si la mission s’arrête avant {_stop_step(kit)}, parce que la concertation ne convient pas, "
        f"le forfait est ramené à {_money(amount)} HT, soit {_money(amount + vat)} TTC. "
        "Les options déjà réalisées s’y ajoutent, au prix du devis."
    )
    return join(
        [
            tag("h2", "Arrêt avant l’atelier", class_="kit-quote__heading"),
            tag("p", text, class_="kit-quote__stop"),
        ]
    )


def payment_terms(kit: Kit, q: Quote) -> list[str]:
    """When each amount is invoiced: by phase, the phase boundary being the offer's stop rule."""
    base = q.lines[0].unit_price
    options = sum((line.amount for line in q.lines[1:]), Decimal(0))
    amount = stop_amount(kit, q)
    if amount is None:
        return [f"Facturation à la remise des livrables : {_money(q.total_ht)} HT."]
    first = f"Phase 1, jusqu’à {_stop_step(kit)} exclue : {_money(amount)} HT, facturés à la fin de la phase."
    second = f"Phase 2, de l’atelier à la remise des livrables : {_money(base - amount)} HT, facturés à la fin de la mission."
    terms = [first, second]
    if options:
        terms.append(
            f"Options : {_money(options)} HT, facturées à la fin de la phase où elles sont réalisées."
        )
    return terms


def _conditions(kit: Kit, q: Quote) -> Markup:
    data, offer = _data(kit), kit.offer
    conditions = list(data.conditions or DEFAULT_CONDITIONS)
    conditions.append(f"TVA au taux de {number(q.vat_rate)}\u00a0%.")
    if offer.stop_rule and not data.stop_before_workshop:
        conditions.append(offer.stop_rule.description)
    conditions.append(f"Devis valable {count(data.validity_days, 'jour')} à compter de sa date.")
    return join(
        [
            tag("h2", "Échéancier", class_="kit-quote__heading"),
            tag("ul", join(tag("li", t) for t in payment_terms(kit, q)), class_="kit-quote__schedule"),
            tag("h2", "Conditions", class_="kit-quote__heading"),
            tag("ul", join(tag("li", c) for c in conditions), class_="kit-quote__conditions"),
        ]
    )


def _agreement(kit: Kit) -> Markup:
    """The « bon pour accord » block the buyer signs and sends back."""
    who = collectivity(kit.client)
    lines = [
        ("Acheteur", who.text[:1].upper() + who.text[1:]),
        ("Nom et qualité du signataire", ""),
        ("Date", ""),
        ("Signature et cachet", ""),
    ]
    fields = [
        tag(
            "div",
            join([tag("dt", k), tag("dd", v or "\u00a0", class_="kit-quote__blank" if not v else None)], ""),
            class_="kit-quote__sign-row",
        )
        for k, v in lines
    ]
    return tag(
        "section",
        join(
            [
                tag("h2", "Bon pour accord", class_="kit-quote__heading"),
                tag(
                    "p",
                    "Mention manuscrite « Bon pour accord », date et signature du représentant habilité de l’acheteur.",
                ),
                tag("dl", join(fields), class_="kit-quote__sign"),
            ]
        ),
        class_="kit-quote__agreement",
    )


def quote(kit: Kit) -> Markup:
    """The whole quote, ready to send; a plain message while it is not written."""
    if kit.client.quote is None:
        text = (
            f"Le devis n’est pas encore établi. Pour mémoire, l’offre « {kit.offer.title} » "
            f"commence à {_money(kit.offer.price_from)} HT."
        )
        return tag("p", text, class_="kit-empty")
    q = build_quote(kit)
    parts = [_header(kit), _lines_table(kit, q), _stop(kit, q), _conditions(kit, q), _agreement(kit)]
    return tag("div", join(parts), class_="kit-quote")

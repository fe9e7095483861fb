"""The legal pages of the public site, filled from ``pages_legales`` in ``client.yml``.

The pages (``docs/public/mentions-legales.md``, ``accessibilite.md``,
``donnees-personnelles.md``) hold the fixed French text and call one part
here at a time. Each part prints the client's own details, or says in plain
words what the collectivity has not given yet: nothing is invented, and
``kit check`` names the key to fill (:mod:`macros.loading.publication_checks`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from macros.compute.fmt import day, number
from macros.compute.names import collectivity
from macros.errors import KitError, Problem
from macros.loading.kit import Kit
from macros.model.legal import AccessibilityStatement, DataNotice, LegalPages, ReachableContact
from macros.render.html import Markup, join, tag
from macros.render.widgets.parameters import bullet_list

__all__ = ["LEGAL_PARTS", "STATUS_LABELS", "accessibility_status", "footer_links", "legal_part"]

STATUS_LABELS = {
    "non-conforme": "non conforme",
    "partiellement-conforme": "partiellement conforme",
    "totalement-conforme": "totalement conforme",
}


def _missing(what: str) -> Markup:
    return tag("p", f"{what} : pas encore indiqué par la collectivité.", class_="kit-empty")


def _legal(kit: Kit) -> LegalPages:
    return kit.client.legal or LegalPages.model_validate({})


def _rows(rows: Sequence[tuple[str, object]], css: str) -> Markup:
    items = [
        tag("div", join([tag("dt", k), tag("dd", v)], ""), class_="kit-contact__row") for k, v in rows if v
    ]
    return tag("dl", join(items), class_=f"kit-contact {css}")


def _mail(address: str | None) -> Markup | None:
    return tag("a", address, href=f"mailto:{address}") if address else None


def contact_rows(contact: ReachableContact | None) -> list[tuple[str, object]]:
    if contact is None:
        return []
    return [
        ("Nom", contact.name),
        ("Courriel", _mail(contact.email)),
        ("Téléphone", contact.phone),
        ("Adresse", contact.address),
        ("Site", tag("a", contact.website, href=contact.website) if contact.website else None),
    ]


# --- Mentions légales --------------------------------------------------------


def _publisher(kit: Kit) -> Markup:
    c = kit.client.collectivity
    publisher = _legal(kit).publisher
    rows: list[tuple[str, object]] = [("Éditeur", c.name), ("Adresse", c.address)]
    if publisher:
        rows += [
            ("Téléphone", publisher.phone),
            ("Courriel", _mail(publisher.email)),
            ("SIRET", publisher.siret),
        ]
    parts = [tag("p", f"Ce site est édité par {collectivity(kit.client).the()}.")]
    parts.append(_rows(rows, "kit-legal__publisher"))
    if not c.address:
        parts.append(_missing("L’adresse de l’éditeur"))
    return join(parts)


def _director(kit: Kit) -> Markup:
    director = _legal(kit).publication_director
    if not director:
        return _missing("Le directeur ou la directrice de la publication")
    return tag("p", f"Directeur ou directrice de la publication : {director}.")


def _host(kit: Kit) -> Markup:
    host = _legal(kit).host
    if host is None:
        return _missing("L’hébergeur du site")
    rows = [("Hébergeur", host.name), ("Adresse", host.address), ("Téléphone", host.phone)]
    rows.append(("Site", tag("a", host.website, href=host.website) if host.website else None))
    return _rows(rows, "kit-legal__host")


def _design(kit: Kit) -> Markup:
    firm = kit.firm
    return tag("p", f"Conception des contenus, avec les services : {firm.name}, {firm.tagline.lower()}.")


# --- Déclaration d'accessibilité ---------------------------------------------


def _statement(kit: Kit) -> AccessibilityStatement:
    return _legal(kit).accessibility or AccessibilityStatement.model_validate({})


def accessibility_status(kit: Kit) -> str:
    """« non conforme », « partiellement conforme », « totalement conforme »: what
    the collectivity declares; a site never audited is « non conforme » (RGAA)."""
    statement = _statement(kit)
    if statement.status and statement.audit_date:
        return STATUS_LABELS[statement.status]
    return STATUS_LABELS["non-conforme"]


def _commitment(kit: Kit) -> Markup:
    who = collectivity(kit.client)
    return tag(
        "p",
        f"{who.The()} s’engage à rendre ses sites internet accessibles. "
        "C’est une obligation de l’article 47 de la loi du 11 février 2005. "
        "Cette déclaration s’applique à ce site de participation.",
    )


def _status(kit: Kit) -> Markup:
    statement = _statement(kit)
    label = accessibility_status(kit)
    parts = [
        tag(
            "p",
            join(
                [
                    tag("strong", f"Ce site est {label}"),
                    Markup(
                        " avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1."
                    ),
                ],
                "",
            ),
            class_="kit-legal__status",
        )
    ]
    if not (statement.status and statement.audit_date):
        parts.append(
            tag(
                "p",
                "Aucun audit n’a encore été fait. Sans audit, la loi demande de déclarer un site non conforme.",
            )
        )
        return join(parts)
    facts = [("Date de l’audit", day(statement.audit_date)), ("Réalisé par", statement.auditor)]
    if statement.rate is not None:
        facts.append(("Critères respectés", f"{number(statement.rate)}\u00a0%"))
    facts.append(("Pages et outils", statement.scope))
    parts.append(_rows(facts, "kit-legal__audit"))
    return join(parts)


def _not_accessible(kit: Kit) -> Markup:
    statement = _statement(kit)
    parts = []
    if statement.non_accessible:
        parts += [
            tag("p", "Ces contenus ne sont pas encore accessibles :"),
            bullet_list(statement.non_accessible),
        ]
    elif statement.audit_date:
        parts.append(tag("p", "L’audit n’a relevé aucun contenu non accessible."))
    else:
        parts.append(_missing("La liste des contenus non accessibles"))
    if statement.exemptions:
        parts += [
            tag("p", "Ces contenus ne sont pas soumis à l’obligation :"),
            bullet_list(statement.exemptions),
        ]
    return join(parts)


def _established(kit: Kit) -> Markup:
    statement = _statement(kit)
    parts = []
    if statement.statement_date:
        parts.append(tag("p", f"Cette déclaration a été établie le {day(statement.statement_date)}."))
    else:
        parts.append(_missing("La date de la déclaration"))
    if statement.multiyear_plan:
        parts.append(
            tag(
                "p",
                f"Le schéma pluriannuel de mise en accessibilité est publié ici : {statement.multiyear_plan}.",
            )
        )
    return join(parts)


def _report(kit: Kit) -> Markup:
    statement = _statement(kit)
    rows = contact_rows(statement.contact)
    if not rows or not any(v for _, v in rows):
        contract = kit.client.contract
        c = contract.contact if contract else None
        if c is None:
            return _missing("Le contact pour signaler un problème d’accès")
        rows = [
            ("Service", c.service),
            ("Courriel", _mail(c.email)),
            ("Téléphone", c.phone),
            ("Adresse", c.address),
        ]
    return _rows(rows, "kit-legal__report")


# --- Données personnelles ----------------------------------------------------


def _notice(kit: Kit) -> DataNotice:
    return _legal(kit).personal_data or DataNotice.model_validate({})


def _controller(kit: Kit) -> Markup:
    notice = _notice(kit)
    who = notice.controller or collectivity(kit.client).the()
    parts = [tag("p", f"Le responsable du traitement de vos données est {who}.")]
    rows = contact_rows(notice.controller_contact)
    if any(v for _, v in rows):
        parts.append(_rows(rows, "kit-legal__controller"))
    parts.append(
        tag(
            "p",
            "Le délégué à la protection des données (DPO) veille au respect de vos droits. Vous pouvez lui écrire :",
        )
    )
    dpo = contact_rows(notice.dpo)
    parts.append(
        _rows(dpo, "kit-legal__dpo")
        if any(v for _, v in dpo)
        else _missing("Le contact du délégué à la protection des données")
    )
    return join(parts)


def _list_or_missing(items: Sequence[str], what: str) -> Markup:
    return bullet_list(items) if items else _missing(what)


def _purposes(kit: Kit) -> Markup:
    return _list_or_missing(_notice(kit).purposes, "Ce à quoi servent vos données")


def _data(kit: Kit) -> Markup:
    return _list_or_missing(_notice(kit).data, "Les données recueillies")


def _basis(kit: Kit) -> Markup:
    basis = _notice(kit).legal_basis
    return tag("p", basis) if basis else _missing("La base légale du traitement")


def _recipients(kit: Kit) -> Markup:
    return _list_or_missing(_notice(kit).recipients, "Les personnes qui reçoivent vos données")


def _retention(kit: Kit) -> Markup:
    retention = _notice(kit).retention
    return tag("p", retention) if retention else _missing("La durée de conservation")


def _exercise(kit: Kit) -> Markup:
    notice = _notice(kit)
    target = (
        notice.dpo if notice.dpo and (notice.dpo.email or notice.dpo.address) else notice.controller_contact
    )
    how = [v for v in (target.email, target.address) if v] if target else []
    if not how:
        return _missing("L’adresse où exercer vos droits")
    return tag("p", f"Pour exercer vos droits, écrivez à : {' ou '.join(how)}.")


LEGAL_PARTS: dict[str, Callable[[Kit], Markup]] = {
    "editeur": _publisher,
    "directeur": _director,
    "hebergeur": _host,
    "conception": _design,
    "engagement": _commitment,
    "etat": _status,
    "non_accessibles": _not_accessible,
    "etablissement": _established,
    "signaler": _report,
    "responsable": _controller,
    "finalites": _purposes,
    "donnees": _data,
    "base_legale": _basis,
    "destinataires": _recipients,
    "conservation": _retention,
    "exercer": _exercise,
}


def legal_part(kit: Kit, part: str) -> Markup:
    if part not in LEGAL_PARTS:
        raise KitError(
            [
                Problem(
                    "docs",
                    f"partie des pages légales inconnue « {part} » (possibles : {', '.join(LEGAL_PARTS)})",
                )
            ]
        )
    return tag("div", LEGAL_PARTS[part](kit), class_=f"kit-legal kit-legal--{part}")


def footer_links(kit: Kit) -> list[tuple[str, str]]:
    """(label, site path) of the legal pages, for the footer of every page
    (the RGAA asks for the accessibility status to be shown everywhere)."""
    if "site-public" not in kit.offer.components:
        return []
    return [
        ("Mentions légales", "public/mentions-legales/"),
        (f"Accessibilité : {accessibility_status(kit)}", "public/declaration-accessibilite/"),
        ("Données personnelles", "public/donnees-personnelles/"),
    ]

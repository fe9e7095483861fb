"""Warnings for what a French public site and a sendable quote still lack.

Nothing here stops a build: the pages say plainly what is missing, and
``kit check`` lists each gap with the key to fill, so that the consultant can
ask the collectivity (or fill ``kits/cabinet.yml``) before publishing or
sending. Nothing is ever invented to fill a gap.
"""

from __future__ import annotations

from collections.abc import Iterator

from macros.errors import Loc, Problem, display_path
from macros.loading.kit import Kit
from macros.loading.yamlsource import YamlDocument, load_yaml
from macros.model.legal import LegalPages, ReachableContact
from macros.settings import PROJECT_DIR

__all__ = ["publication_warnings"]

_LEGAL = "pages_legales"


def _reachable(contact: ReachableContact | None) -> bool:
    return bool(contact and (contact.email or contact.address or contact.phone))


def _site_warnings(kit: Kit) -> Iterator[tuple[Loc, str]]:
    client = kit.client
    legal = client.legal or LegalPages.model_validate({})
    if not client.collectivity.address:
        yield (
            ("collectivite", "adresse"),
            "adresse de la collectivité absente : les mentions légales et le devis la demandent",
        )
    if not legal.publication_director:
        yield (
            (_LEGAL, "directeur_publication"),
            "directeur ou directrice de la publication absent (mentions légales, loi du 21 juin 2004, art. 6)",
        )
    if legal.host is None:
        yield (_LEGAL, "hebergeur"), "hébergeur du site absent : nom, adresse et téléphone (mentions légales)"
    statement = legal.accessibility
    if statement is None or statement.status is None:
        yield (
            (_LEGAL, "accessibilite", "statut"),
            "état de conformité RGAA non déclaré : le site est affiché « non conforme » (non-conforme, partiellement-conforme, totalement-conforme)",
        )
    elif statement.audit_date is None:
        yield (
            (_LEGAL, "accessibilite", "date_audit"),
            f"statut « {statement.status} » sans date d’audit : le site reste affiché « non conforme »",
        )
    if statement is None or statement.statement_date is None:
        yield (_LEGAL, "accessibilite", "date_declaration"), "date de la déclaration d’accessibilité absente"
    notice = legal.personal_data
    parts = (
        (
            "dpo",
            _reachable(notice.dpo) if notice else False,
            "contact du délégué à la protection des données (DPO) absent",
        ),
        ("finalites", bool(notice and notice.purposes), "finalités du traitement des données absentes"),
        (
            "base_legale",
            bool(notice and notice.legal_basis),
            "base légale du traitement absente (RGPD, art. 6)",
        ),
        ("destinataires", bool(notice and notice.recipients), "destinataires des données absents"),
        (
            "duree_conservation",
            bool(notice and notice.retention),
            "durée de conservation des données absente",
        ),
    )
    for key, present, message in parts:
        if not present:
            yield (_LEGAL, "donnees_personnelles", key), message


def _guarantor_warnings(kit: Kit) -> Iterator[tuple[Loc, str]]:
    contract = kit.client.contract
    if contract is None or not contract.guarantor:
        return
    reach = contract.guarantor_contact
    if reach is None or not (reach.email or reach.address or reach.phone):
        yield (
            ("contrat_participation", "garant_contact"),
            "le garant n’a pas de contact propre : il doit pouvoir être joint sans passer par le service qu’il contrôle",
        )
        return
    service = contract.contact
    if (
        service
        and reach.email
        and service.email
        and reach.email.strip().lower() == service.email.strip().lower()
    ):
        yield (
            ("contrat_participation", "garant_contact", "courriel"),
            "le courriel du garant est celui du service : le garant doit être joint directement",
        )


def _firm_warnings(kit: Kit) -> Iterator[Problem]:
    firm = kit.firm
    path = kit.settings.kits_dir / "cabinet.yml"
    doc = load_yaml(path, display_path(path, PROJECT_DIR))
    identity = firm.identity
    if identity is None:
        yield doc.problem(
            ("identite_legale",),
            "identité légale du cabinet absente : forme, RCS, siège (le devis les imprime)",
        )
        return
    for key, value, what in (
        ("siret", identity.siret, "numéro SIRET"),
        ("tva_intracommunautaire", identity.vat_number, "numéro de TVA intracommunautaire"),
    ):
        if not value:
            yield doc.problem(
                ("identite_legale", key), f"{what} du cabinet absent : le devis ne l’imprime pas"
            )
    if firm.contact.placeholder:
        yield doc.problem(
            ("contact", "exemple"),
            "téléphone et courriel du cabinet marqués « exemple » : remplacez-les avant d’envoyer un devis",
        )


def _located(doc: YamlDocument, loc: Loc, message: str) -> Problem:
    """The gap at the line of its section; a missing section has no line of its own
    (the first line of the file would point at another section): say to add it."""
    if (loc[0],) in doc.lines:
        return doc.problem(loc, message)
    hint = f"{message} ; la section « {loc[0]} » est absente : ajoutez-la au fichier (voir le client de démonstration)"
    return Problem(doc.path, hint, None, loc)


def publication_warnings(kit: Kit) -> list[Problem]:
    """Every gap of the legal pages, the guarantor and the firm's identity, with its key."""
    doc = kit.client_doc
    found = [
        _located(doc, loc, message) for loc, message in (*_site_warnings(kit), *_guarantor_warnings(kit))
    ]
    if kit.client.quote is not None:
        found.extend(_firm_warnings(kit))
    return found

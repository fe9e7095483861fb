"""What the public site of a French public body must publish: ``pages_legales`` in ``client.yml``.

Three pages, each from the client's own details (the kit invents none; what is
missing is said on the page and warned by ``kit check`` with its key):

- mentions légales (LCEN of 21 June 2004, art. 6): publisher, publication director, host;
- déclaration d'accessibilité (art. 47 of the law of 11 February 2005, RGAA 4.1 model):
  compliance status, audit, non-accessible content, contact, Défenseur des droits;
- notice on personal data (RGPD art. 13): controller, DPO, purposes, legal basis,
  recipients, retention, rights, complaint to the CNIL.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from macros.model.base import KitModel, Percent, Text

__all__ = ["AccessibilityStatement", "DataNotice", "Host", "LegalPages", "Publisher", "ReachableContact"]

ComplianceStatus = Literal["non-conforme", "partiellement-conforme", "totalement-conforme"]


class ReachableContact(KitModel):
    """A contact that can be reached directly: at least one of its lines."""

    name: Text | None = Field(None, alias="nom")
    email: Text | None = Field(None, alias="courriel")
    phone: Text | None = Field(None, alias="telephone")
    address: Text | None = Field(None, alias="adresse")
    website: Text | None = Field(None, alias="site")


class Publisher(KitModel):
    """The publisher of the site: the collectivity (its name comes from ``collectivite.nom``)."""

    phone: Text | None = Field(None, alias="telephone")
    email: Text | None = Field(None, alias="courriel")
    siret: Text | None = Field(None, alias="siret")


class Host(KitModel):
    name: Text = Field(alias="nom")
    address: Text | None = Field(None, alias="adresse")
    phone: Text | None = Field(None, alias="telephone")
    website: Text | None = Field(None, alias="site")


class AccessibilityStatement(KitModel):
    status: ComplianceStatus | None = Field(None, alias="statut")
    """What the client declares; a site never audited is « non conforme » (RGAA)."""
    audit_date: date | None = Field(None, alias="date_audit")
    auditor: Text | None = Field(None, alias="auditeur")
    """Who audited: an outside body or the collectivity itself."""
    rate: Percent | None = Field(None, alias="taux")
    """Share of RGAA criteria met, in percent."""
    scope: Text | None = Field(None, alias="perimetre")
    """Pages audited and the tools used."""
    non_accessible: list[Text] = Field(default_factory=list, alias="contenus_non_accessibles")
    exemptions: list[Text] = Field(default_factory=list, alias="derogations")
    statement_date: date | None = Field(None, alias="date_declaration")
    multiyear_plan: Text | None = Field(None, alias="schema_pluriannuel")
    """Where the multi-year accessibility plan of the collectivity is published."""
    contact: ReachableContact | None = Field(None, alias="contact")
    """To report a problem; the project contact otherwise."""


class DataNotice(KitModel):
    controller: Text | None = Field(None, alias="responsable")
    """The controller: the collectivity (its name) unless said otherwise."""
    controller_contact: ReachableContact | None = Field(None, alias="contact_responsable")
    dpo: ReachableContact | None = Field(None, alias="dpo")
    purposes: list[Text] = Field(default_factory=list, alias="finalites")
    legal_basis: Text | None = Field(None, alias="base_legale")
    data: list[Text] = Field(default_factory=list, alias="donnees_collectees")
    recipients: list[Text] = Field(default_factory=list, alias="destinataires")
    retention: Text | None = Field(None, alias="duree_conservation")


class LegalPages(KitModel):
    publisher: Publisher | None = Field(None, alias="editeur")
    publication_director: Text | None = Field(None, alias="directeur_publication")
    """A function rather than a person's name: « le maire de Bellerive-sur-Loire »."""
    host: Host | None = Field(None, alias="hebergeur")
    accessibility: AccessibilityStatement | None = Field(None, alias="accessibilite")
    personal_data: DataNotice | None = Field(None, alias="donnees_personnelles")

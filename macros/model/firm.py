"""The consultancy's identity: one file, ``kits/cabinet.yml``."""

from __future__ import annotations

from pydantic import Field

from macros.model.base import Color, KitModel, Percent, Text

__all__ = ["Firm", "FirmColors", "FirmContact", "FirmIdentity"]


class FirmContact(KitModel):
    address: Text = Field(alias="adresse")
    email: Text = Field(alias="courriel")
    phone: Text = Field(alias="telephone")
    website: Text | None = Field(None, alias="site")
    placeholder: bool = Field(False, alias="exemple")
    """The telephone and e-mail are examples: every output says so next to them."""


class FirmIdentity(KitModel):
    """The legal identity a quote must carry (Code de commerce, art. R. 123-237)."""

    form: Text = Field(alias="forme")
    """Company form, e.g. ``SASU`` (société par actions simplifiée unipersonnelle)."""
    rcs: Text = Field(alias="rcs")
    """Registration number and city: ``832 143 168 RCS Nantes``."""
    registered_office: Text = Field(alias="siege")
    siret: Text | None = Field(None, alias="siret")
    vat_number: Text | None = Field(None, alias="tva_intracommunautaire")
    share_capital: Text | None = Field(None, alias="capital")


class FirmColors(KitModel):
    primary: Color = Field(alias="primaire")
    """Main colour of headers and titles; must keep 4.5:1 on white."""
    accent: Color = Field(alias="accent")


class Firm(KitModel):
    name: Text = Field(alias="nom")
    tagline: Text = Field(alias="signature")
    description: Text = Field(alias="presentation")
    legal: Text | None = Field(None, alias="mentions")
    identity: FirmIdentity | None = Field(None, alias="identite_legale")
    contact: FirmContact = Field(alias="contact")
    colors: FirmColors = Field(alias="couleurs")
    vat_rate: Percent = Field(alias="taux_tva")
    """French VAT in percent (20 for the standard rate)."""

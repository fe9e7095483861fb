"""The consultancy's identity: one file, ``kits/cabinet.yml``."""

from __future__ import annotations

from pydantic import Field

from macros.model.base import Color, KitModel, Percent, Text

__all__ = ["Firm", "FirmColors", "FirmContact"]


class FirmContact(KitModel):
    address: Text = Field(alias="adresse")
    email: Text = Field(alias="courriel")
    phone: Text = Field(alias="telephone")
    website: Text | None = Field(None, alias="site")


class FirmColors(KitModel):
    primary: Color = Field(alias="primaire")
    """Main colour of headers and titles; must keep 4.5:1 on white."""
    accent: Color = Field(alias="accent")


class Firm(KitModel):
    name: Text = Field(alias="nom")
    tagline: Text = Field(alias="signature")
    description: Text = Field(alias="presentation")
    legal: Text | None = Field(None, alias="mentions")
    contact: FirmContact = Field(alias="contact")
    colors: FirmColors = Field(alias="couleurs")
    vat_rate: Percent = Field(alias="taux_tva")
    """French VAT in percent (20 for the standard rate)."""

"""The quote (devis) of a client: the consultant's figures, in ``client.yml``.

The offer gives the base price, the days and the workshops; the consultant
chooses the options and writes their prices (the brochure gives none).
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from macros.model.base import KitModel, Money, Slug, Text

__all__ = ["ChosenOption", "QuoteData"]


class ChosenOption(KitModel):
    id: Slug = Field(alias="id")
    """An option of the client's offer (``kits/offres/<offre>.yml``)."""
    quantity: int = Field(1, ge=1, le=100_000, alias="quantite")
    unit_price: Money = Field(alias="prix_unitaire")
    """Price HT of one unit, written by the consultant: there is no default."""


class QuoteData(KitModel):
    number: Text = Field(alias="numero")
    issued: date = Field(alias="date")
    validity_days: int = Field(90, ge=1, le=3650, alias="validite_jours")
    base_price: Money | None = Field(None, alias="prix_base")
    """Defaults to the offer's « à partir de » price."""
    options: list[ChosenOption] = Field(default_factory=list, alias="options")
    stop_before_workshop: bool = Field(False, alias="arret_avant_atelier")
    """The mission stopped before the workshop: the offer's stop rule applies."""
    conditions: list[Text] = Field(default_factory=list, alias="conditions")

"""Typed models of the kit data, filled from the French YAML of ``kits/``."""

from macros.model.client import Client
from macros.model.firm import Firm
from macros.model.library import Library
from macros.model.offers import Offer

__all__ = ["Client", "Firm", "Library", "Offer"]

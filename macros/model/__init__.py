"""Typed models of the kit data, filled from the French YAML of ``kits/``."""

from .client import Client
from .firm import Firm
from .library import Library
from .offers import Offer

__all__ = ["Client", "Firm", "Library", "Offer"]

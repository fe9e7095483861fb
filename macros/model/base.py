"""Shared building blocks of the kit models.

Every YAML key of ``kits/`` is French; every attribute here is English. The
``alias`` of each field is the French key: this is the one place where the two
vocabularies meet.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = [
    "LABEL_MAX",
    "Color",
    "KitModel",
    "Label",
    "Money",
    "Percent",
    "Score",
    "Slug",
    "Text",
    "unique_ids",
]


class KitModel(BaseModel):
    """Immutable, strict about unknown keys, filled from French keys."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        populate_by_name=True,
        protected_namespaces=(),
    )


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
"""An identifier typed by the consultant: lowercase letters, digits, dashes."""

Text = Annotated[str, StringConstraints(min_length=1)]
LABEL_MAX = 120
Label = Annotated[str, StringConstraints(min_length=1, max_length=LABEL_MAX)]
"""A name printed in tables, charts and lists (a public): short, or the layouts break."""
Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2, allow_inf_nan=False)]
Percent = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False)]
Score = Annotated[int, Field(ge=0, le=4, strict=True)]
Color = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


def unique_ids(items: list, what: str) -> list:
    """Validator body: refuse two items of a list with the same ``id``."""
    seen: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in seen:
            raise ValueError(
                f"identifiant « {item.id} » en double ({what} n° {seen[item.id] + 1} et n° {index + 1})"
            )
        seen[item.id] = index
    return items

"""The names a kit writes in sentences, each with its article and gender.

Computed once from the model (:mod:`macros.compute.french` does the
grammar): the collectivity, the deciding body of the project or of a
scenario, and the firm.
"""

from __future__ import annotations

from dataclasses import dataclass

from macros.compute.french import Name, name_of
from macros.model import Client, Firm

__all__ = ["Names", "collectivity", "decider", "firm", "names"]


def collectivity(client: Client) -> Name:
    c = client.collectivity
    return name_of(c.name, kind=c.kind, article=c.article, gender=c.gender)


def decider(text: str) -> Name:
    """A deciding body as the client wrote it (« Conseil municipal », « la commission permanente »)."""
    return name_of(text)


def firm(data: Firm) -> Name:
    return name_of(data.name)


@dataclass(frozen=True)
class Names:
    """What pages call ``noms.collectivite``, ``noms.decideur``, ``noms.cabinet``."""

    collectivite: Name
    decideur: Name
    cabinet: Name


def names(client: Client, data: Firm) -> Names:
    return Names(collectivity(client), decider(client.project.decider), firm(data))

"""Participation procedures set by law: ``kits/bibliotheque/procedures.yml``.

A client declares which apply to its project (``projet.procedures``) and dates
the votes they require (``projet.deliberations``). The library quotes the
texts article by article; it never decides whether a project falls within
their scope.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator

from macros.model.base import KitModel, Slug, Text, unique_ids

__all__ = ["MOMENTS", "Deliberation", "Obligation", "Procedure"]

Moment = Literal["avant", "pendant", "apres"]
MOMENTS = {"avant": "Avant", "pendant": "Pendant", "apres": "Après"}
Requirement = Literal["rendez-vous", "communication", "retour", "duree"]


class Obligation(KitModel):
    id: Slug = Field(alias="id")
    label: Text = Field(alias="libelle")
    article: Text = Field(alias="article")
    moment: Moment = Field(alias="moment")
    act: Literal["deliberation"] | None = Field(None, alias="acte")
    """``deliberation``: the obligation is met by a vote of the assembly."""
    requires: list[Requirement] = Field(default_factory=list, alias="exige")
    """What the kit must hold to answer it (checked by ``kit check``)."""

    @property
    def short_label(self) -> str:
        """The first clause of the label: the title of the vote that meets it."""
        return self.label.split(" ; ")[0]


class Procedure(KitModel):
    id: Slug = Field(alias="id")
    name: Text = Field(alias="nom")
    code: Text = Field(alias="code")
    short: Text = Field(alias="abreviation")
    """How the code is cited: « C. urb. », « C. env. », « CGCT »."""
    articles: list[Text] = Field(alias="articles", min_length=1)
    mandatory: bool = Field(alias="obligatoire")
    """The project that falls within its scope must follow it."""
    scope: Text = Field(alias="champ")
    obligations: list[Obligation] = Field(default_factory=list, alias="obligations")

    _u_obligations = field_validator("obligations")(lambda v: unique_ids(v, "obligation"))

    def cite(self, article: str) -> str:
        """« C. urb. L.103-3 »."""
        return f"{self.short} {article}"


class Deliberation(KitModel):
    """A vote that a declared procedure requires, dated by the client."""

    subject: Slug = Field(alias="objet")
    """The obligation it meets (an id of ``procedures.yml``, e.g. ``deliberation-modalites``)."""
    day: date | None = Field(None, alias="date")
    body: Text | None = Field(None, alias="organe")
    """Who votes (the project's decider otherwise)."""

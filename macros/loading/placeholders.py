"""Fields that still hold the text of ``kit new``'s template.

The template marks every value to fill with :data:`PLACEHOLDER` (« À compléter
(le projet en quelques mots) »): such a value is valid YAML of the right type,
so nothing else would notice it. ``kit check`` lists each one as a warning
(the review site may still show it while the consultant gathers the facts);
the public build refuses it: a citizen must never read a note to the
consultant.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from macros.errors import Loc, Problem
from macros.loading.yamlsource import YamlDocument
from macros.model.client import INTERNAL_FIELDS

__all__ = ["PLACEHOLDER", "placeholder_problems"]

PLACEHOLDER = "À compléter"
"""What begins every value of the template that the consultant must replace."""


def _fields(value: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _fields(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _fields(item, (*loc, i))
    elif isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER):
        yield loc, value


def _shown(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:59] + "…"


def _matches(loc: Loc, spec: str) -> bool:
    """``("parties_prenantes", 3, "contact", "email")`` lies under ``parties_prenantes[].contact``."""
    keys = [
        k
        for part in spec.split(".")
        for k in (part.removesuffix("[]"), "[]" if part.endswith("[]") else None)
        if k
    ]
    if len(loc) < len(keys):
        return False
    return all(
        key == "[]" and isinstance(item, int) or key == item for key, item in zip(keys, loc, strict=False)
    )


def is_internal(loc: Loc) -> bool:
    """A field that never reaches the public site (:data:`INTERNAL_FIELDS`)."""
    return any(_matches(loc, spec) for spec in INTERNAL_FIELDS)


def placeholder_problems(doc: YamlDocument, public: bool) -> list[Problem]:
    """Each field still holding the template's text: a warning; an error for the
    public build when the field is one that the public site may print."""
    problems = []
    for loc, text in _fields(doc.data, ()):
        internal = is_internal(loc)
        if internal:  # never published: a reminder only
            message = f"texte du modèle « {_shown(text)} » encore à remplacer"
        elif public:
            message = f"texte du modèle « {_shown(text)} » encore en place : le site public ne le publie pas, remplacez-le"
        else:
            message = f"texte du modèle « {_shown(text)} » encore à remplacer (refusé par le site public)"
        problems.append(Problem(doc.path, message, doc.line_of(loc), loc, warning=internal or not public))
    return problems

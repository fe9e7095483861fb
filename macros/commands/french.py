"""Click's own messages (usage, errors, help option) in French.

Click looks its messages up through :mod:`gettext`, bound at import time in
each of its modules as ``_`` and ``ngettext``. No French catalogue ships with
click, so the few messages a consultant can meet are translated here; any
other message stays as click wrote it.

Click also writes a few things without :mod:`gettext`, patched here too: the
range of a number (``[x>=1]``, see :class:`AtLeast`), the name of an option in
an error (``'--out'``, written « --out » as the kit's own messages do), and its
line wrapping, which would cut « gh-pages » at its hyphen and leave « : » alone
at the start of a line. The usage line of the group (``COMMAND [ARGS]...``) is
given in French where the group is made (:data:`SUBCOMMAND_METAVAR`).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from typing import Any

import click
import click._textwrap
import click.core
import click.exceptions
import click.types

__all__ = ["SUBCOMMAND_METAVAR", "AtLeast", "install"]

SUBCOMMAND_METAVAR = "COMMANDE [ARGUMENTS]..."

_MESSAGES = {
    "Usage:": "Utilisation :",
    # Click writes a section heading followed by ":"; the space gives French « Options : ».
    "Options": "Options ",
    "Commands": "Commandes ",
    "Positional arguments": "Arguments ",
    "required": "obligatoire",
    "Show this message and exit.": "Afficher cette aide et quitter.",
    "Show the version and exit.": "Afficher la version et quitter.",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Aide : « {command} {option} ».",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Missing command.": "Commande manquante.",
    "No such command {name!r}.": "Commande inconnue « {name} ».",
    "No such option {name!r}.": "Option inconnue « {name} ».",
    "No such option: {name}": "Option inconnue : {name}",
    "Invalid value for {param_hint}: {message}": "Valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur invalide : {message}",
    "Option {name!r} does not take a value.": "L’option « {name} » ne prend pas de valeur.",
    "{value!r} is not a valid {number_type}.": "« {value} » n’est pas un nombre entier valide.",
    "{value} is not in the range {range}.": "{value} est hors des valeurs possibles ({range}).",
    "{name} {filename!r} does not exist.": "« {filename} » introuvable.",
    "{name} {filename!r} is a file.": "« {filename} » est un fichier : un dossier est attendu.",
    "{name} {filename!r} is a directory.": "« {filename} » est un dossier : un fichier est attendu.",
    "{name} {filename!r} is not readable.": "« {filename} » illisible (droits de lecture).",
    "{name} {filename!r} is not writable.": "« {filename} » en lecture seule.",
    "directory": "Dossier",
    "file": "Fichier",
    "path": "Chemin",
    "Aborted!": "Interrompu.",
    "default: {default}": "par défaut : {default}",
    "env var: {var}": "variable d’environnement : {var}",
    "Choose from:\n\t{choices}": "Possibles :\n\t{choices}",
}
_PLURALS = {
    "Got unexpected extra argument ({args})": ("Argument en trop ({args})", "Arguments en trop ({args})"),
    "{value!r} is not {choice}.": (
        "« {value} » n’est pas possible : {choice} seulement.",
        "« {value} » n’est pas possible (possibles : {choices}).",
    ),
    "Option {name!r} requires an argument.": (
        "L’option « {name} » attend une valeur.",
        "L’option « {name} » attend {nargs} valeurs.",
    ),
    "Did you mean {possibility}?": (
        "Vouliez-vous dire {possibility} ?",
        "(Vouliez-vous dire : {possibilities} ?)",
    ),
}


def _gettext(message: str) -> str:
    return _MESSAGES.get(message, message)


def _ngettext(singular: str, plural: str, count: int) -> str:
    if singular in _PLURALS:
        one, many = _PLURALS[singular]
        return one if count == 1 else many
    return singular if count == 1 else plural


class AtLeast(click.IntRange):
    """A whole number of at least ``min``, described in French (« au moins 1 », not ``x>=1``)."""

    name = "nombre entier"

    def __init__(self, minimum: int) -> None:
        super().__init__(min=minimum)

    def _describe_range(self) -> str:
        return f"au moins {self.min}"


# A space that may not end a line: before « : ; ! ? » and « », after « ».
_GLUED = re.compile(r" (?=[:;!?»])|(?<=«) ")
_GLUE = "\x00"


class _FrenchWrapper(click._textwrap.TextWrapper):
    """Click's wrapper, that never breaks a line at a hyphen (« gh-pages ») nor before « : »."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["break_on_hyphens"] = False
        super().__init__(*args, **kwargs)

    def wrap(self, text: str) -> list[str]:
        return [line.replace(_GLUE, " ") for line in super().wrap(_GLUED.sub(_GLUE, text))]


def _guillemets(method: Callable[..., str]) -> Callable[..., str]:
    """``'--out'`` -> « --out » in click's error messages."""

    def hint(self: click.Parameter, ctx: click.Context | None) -> str:
        return re.sub(r"'([^']*)'", r"« \1 »", method(self, ctx))

    return hint


def _possibilities(possibilities: list[str]) -> str:
    """Click's « did you mean » with each name in guillemets (click writes ``'--all'``)."""
    names = ", ".join(f"« {name} »" for name in sorted(possibilities))
    template = _ngettext("Did you mean {possibility}?", "", len(possibilities))
    return template.format(possibility=names, possibilities=names)


def install() -> None:
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils"):
        module = importlib.import_module(f"click.{name}")
        # Each module binds gettext's functions at import: they are replaced in place.
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]
    click.exceptions._format_possibilities = _possibilities
    click.types.StringParamType.name = "texte"  # the metavar of a text option: TEXTE, not TEXT
    click._textwrap.TextWrapper = _FrenchWrapper  # type: ignore[misc]
    for cls in (click.core.Parameter, click.core.Option, click.core.Argument):
        if "get_error_hint" in vars(cls):
            cls.get_error_hint = _guillemets(vars(cls)["get_error_hint"])  # type: ignore[method-assign]

"""Click's own messages (usage, errors, help option) in French.

Click looks its messages up through :mod:`gettext`, bound at import time in
each of its modules as ``_`` and ``ngettext``. No French catalogue ships with
click, so the few messages a consultant can meet are translated here; any
other message stays as click wrote it.
"""

from __future__ import annotations

import importlib

__all__ = ["install"]

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
    "Option {name!r} does not take a value.": "L'option « {name} » ne prend pas de valeur.",
    "{value!r} is not a valid {number_type}.": "« {value} » n'est pas un nombre entier valide.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
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
    "env var: {var}": "variable d'environnement : {var}",
    "Choose from:\n\t{choices}": "Possibles :\n\t{choices}",
}
_PLURALS = {
    "Got unexpected extra argument ({args})": ("Argument en trop ({args})", "Arguments en trop ({args})"),
    "{value!r} is not {choice}.": (
        "« {value} » n'est pas possible : {choice} seulement.",
        "« {value} » n'est pas possible (possibles : {choices}).",
    ),
    "Option {name!r} requires an argument.": (
        "L'option « {name} » attend une valeur.",
        "L'option « {name} » attend {nargs} valeurs.",
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


def install() -> None:
    for name in ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils"):
        module = importlib.import_module(f"click.{name}")
        # Each module binds gettext's functions at import: they are replaced in place.
        if hasattr(module, "_"):
            module._ = _gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext  # type: ignore[attr-defined]

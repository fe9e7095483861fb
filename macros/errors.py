"""Problems found in a kit, and the error that stops a build with all of them."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

__all__ = ["KitError", "Problem", "format_path", "printable", "sort_problems", "unknown"]

Loc = tuple[str | int, ...]


def format_path(loc: Loc) -> str:
    """Dotted path of a field, with list indexes: ``scenarios[1].publics[0]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def printable(text: str) -> str:
    """``text`` safe to print in a terminal: control and bidirectional characters as
    visible escapes (``\x1b`` would start an escape sequence, U+202E reverse the line)."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cc", "Cf") and c != "\u00ad" else c for c in text
    )


@dataclass(frozen=True)
class Problem:
    """One mistake in one file, located as precisely as we can."""

    file: str
    message: str
    line: int | None = None
    loc: Loc = ()
    warning: bool = False
    """A warning: the kit can be built, but a human should look (``kit check --strict`` counts it)."""

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = format_path(self.loc)
        text = f"{where}: {field} : {self.message}" if field else f"{where}: {self.message}"
        return printable(text + " (avertissement)" if self.warning else text)

    def as_warning(self) -> Problem:
        return Problem(self.file, self.message, self.line, self.loc, warning=True)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Grouped by file (in the order files were first named), then by line; each once."""
    unique = list(dict.fromkeys(problems))
    order = {name: i for i, name in reversed(list(enumerate(p.file for p in unique)))}
    return sorted(unique, key=lambda p: (order[p.file], p.line or 0))


class KitError(PluginError):
    """Stops the build with every problem found, one line each, no traceback."""

    def __init__(self, problems: list[Problem]):
        self.problems = sort_problems(problems)
        count = sum(1 for p in self.problems if not p.warning)
        warned = len(self.problems) - count
        head = "1 erreur dans le kit" if count == 1 else f"{count} erreurs dans le kit"
        if warned:
            head += " (et 1 avertissement)" if warned == 1 else f" (et {warned} avertissements)"
        super().__init__(head + " :\n" + "\n".join(f"  {p}" for p in self.problems))

    def __reduce__(self) -> tuple[type[KitError], tuple[list[Problem]]]:
        # Raised in a PDF worker process, it must come back whole to the parent.
        return (KitError, (self.problems,))


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as the consultant typed it: relative to the project when possible."""
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return path.as_posix()


_FEMININE = {
    "offre",
    "étape",
    "technique",
    "option",
    "audience",
    "partie prenante",
    "piste",
    "procédure",
    "délibération",
}


def unknown(what: str, value: str, known: Iterable[str]) -> str:
    """Message for a reference to something that does not exist, with what does."""
    e = "e" if what in _FEMININE else ""
    listed = ", ".join(sorted(known)) or "aucun"
    return f"{what} inconnu{e} « {value} » (connu{e}s : {listed})"

"""Read a YAML file of the kit, remembering the line of every key and item.

PyYAML forgets positions once it has built Python objects, and it silently
keeps the last of two identical keys. We compose the node tree ourselves so
that every error can name its line, and so that a duplicated key is a mistake.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from macros.errors import KitError, Loc, Problem

__all__ = ["MAX_BYTES", "YamlDocument", "load_yaml"]

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 2 * 1024 * 1024
"""A kit file above this size is refused: nobody types 2 MiB of YAML by hand."""
MAX_VALUES = 100_000
"""Values of a file once its aliases (``*nom``) are expanded: a few lines of
nested aliases could otherwise stand for billions of values and hang the build."""


@dataclass
class YamlDocument:
    """The data of one file and the line where each path starts."""

    path: str
    data: Any
    lines: dict[Loc, int] = field(default_factory=dict)

    def line_of(self, loc: Loc) -> int | None:
        """Line of the longest prefix of ``loc`` that exists in the file."""
        for end in range(len(loc), -1, -1):
            if loc[:end] in self.lines:
                return self.lines[loc[:end]]
        return None

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.path, message, self.line_of(loc), loc)


_SYNTAX_HINTS = {
    "mapping values are not allowed here": (
        "« : » inattendu ; une valeur qui contient « : » doit être entre guillemets"
    ),
    "could not find expected ':'": "« : » attendu après la clé",
    "found character '\\t' that cannot start any token": (
        "tabulation interdite en YAML : indentez avec des espaces"
    ),
    "found unexpected end of stream": "guillemet ouvert mais jamais fermé",
    "did not find expected key": "indentation incohérente : clé attendue à ce niveau",
    "did not find expected '-' indicator": "indentation incohérente dans une liste",
    "found undefined alias": "alias « * » qui ne renvoie à aucune ancre « & »",
    "expected <block end>, but found '-'": "élément de liste mal indenté",
    "expected ',' or '}', but got ':'": (
        "« : » inattendu entre accolades ; une valeur qui contient « : » doit être entre guillemets "
        '(raison: "…")'
    ),
    "expected ',' or ']', but got ':'": (
        "« : » inattendu entre crochets ; une valeur qui contient « : » doit être entre guillemets"
    ),
}


def _syntax_problem(path: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or "").strip()
    if problem.startswith("found unexpected end of stream") and exc.context_mark:
        # Report where the quote was opened, not the end of the file.
        mark = exc.context_mark
    hint = next((v for k, v in _SYNTAX_HINTS.items() if problem.startswith(k)), None)
    if hint is None and "'\\t'" in problem:
        hint = _SYNTAX_HINTS["found character '\\t' that cannot start any token"]
    message = f"syntaxe YAML invalide : {hint or problem}"
    return Problem(path, message, mark.line + 1 if mark else None)


def _decode(path: str, raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        size = len(raw) / (1024 * 1024)
        raise KitError(
            [Problem(path, f"fichier trop volumineux ({size:.1f} Mio ; 2 Mio au plus)")]
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise KitError(
            [Problem(path, "fichier encodé en UTF-16 : enregistrez-le en UTF-8")]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise KitError(
            [
                Problem(
                    path,
                    "le fichier n'est pas encodé en UTF-8 (octet "
                    f"0x{raw[exc.start]:02x}) : enregistrez-le en UTF-8",
                    line,
                )
            ]
        ) from None


class _Builder(SafeConstructor):
    """Turns a node tree into plain data while recording positions."""

    def __init__(self, doc: YamlDocument):
        super().__init__()
        self.doc = doc
        self.problems: list[Problem] = []
        self.values = 0

    def build(self, node: Node, loc: Loc) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            message = f"fichier trop volumineux une fois les alias « * » développés (plus de {MAX_VALUES:,} valeurs)"
            raise KitError([Problem(self.doc.path, message.replace(",", "\u202f"), node.start_mark.line + 1)])
        self.doc.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self.construct_object(node, deep=True)

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[Any, Any]:
        self.flatten_mapping(node)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, loc)
            if key in result:
                line = key_node.start_mark.line + 1
                first = self.doc.lines.get(loc + (key,))
                self.problems.append(
                    Problem(
                        self.doc.path,
                        f"clé « {key} » en double (déjà définie ligne {first})",
                        line,
                        loc + (key,),
                    )
                )
                continue
            self.doc.lines[loc + (key,)] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, loc + (key,))
        return result

    def _key(self, node: Node, loc: Loc) -> Any:
        if not isinstance(node, ScalarNode):
            self.problems.append(
                Problem(self.doc.path, "une clé doit être un simple mot", node.start_mark.line + 1, loc)
            )
            return f"<clé {node.start_mark.line + 1}>"
        key = self.construct_object(node)
        return str(key) if not isinstance(key, (str, int)) else key


def load_yaml(file: Path, shown_as: str | None = None) -> YamlDocument:
    """Load one kit file; raise :class:`KitError` with every problem found."""
    path = shown_as or file.as_posix()
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise KitError([Problem(path, "fichier introuvable")]) from None
    except IsADirectoryError:
        raise KitError([Problem(path, "un fichier est attendu, c'est un dossier")]) from None
    text = _decode(path, raw)
    if not text.strip():
        raise KitError([Problem(path, "fichier vide : des clés YAML sont attendues")])
    try:
        nodes = list(yaml.compose_all(text, Loader=_FAST_LOADER))
    except yaml.MarkedYAMLError:
        # libyaml words its errors differently: parse again with the pure
        # Python loader, whose messages the hints above translate.
        try:
            nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
        except yaml.MarkedYAMLError as exc:
            raise KitError([_syntax_problem(path, exc)]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - reader errors are rare
        raise KitError([Problem(path, f"YAML illisible : {exc}")]) from None
    nodes = [n for n in nodes if n is not None]
    if len(nodes) != 1:
        message = (
            "fichier vide : des clés YAML sont attendues"
            if not nodes
            else "un seul document YAML est attendu (séparateur « --- » en trop)"
        )
        raise KitError([Problem(path, message)])
    doc = YamlDocument(path, None)
    builder = _Builder(doc)
    try:
        doc.data = builder.build(nodes[0], ())
    except yaml.MarkedYAMLError as exc:
        raise KitError([_syntax_problem(path, exc)]) from None
    if builder.problems:
        raise KitError(builder.problems)
    return doc

"""Read a YAML file of the kit, remembering the line of every key and item.

PyYAML forgets positions once it has built Python objects, and it silently
keeps the last of two identical keys. We compose the node tree ourselves so
that every error can name its line, and so that a duplicated key is a mistake.

Every value is checked to the end, so that no mistake reaches Python as a
traceback: control characters (with their line), nesting deeper than
:data:`MAX_DEPTH` (checked on the event stream, before anything recursive
runs), aliases that contain themselves or expand past :data:`MAX_VALUES`,
impossible dates (``2027-02-30``), numbers of absurd length, keys that are
not words. The front matter of a page is read by the same loader
(:func:`load_front_matter`).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, Node, ScalarNode

from macros.errors import KitError, Loc, Problem

__all__ = ["MAX_BYTES", "MAX_DEPTH", "YamlDocument", "load_front_matter", "load_yaml", "parse_yaml"]

_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_BYTES = 2 * 1024 * 1024
"""A kit file above this size is refused: nobody types 2 MiB of YAML by hand."""
MAX_VALUES = 100_000
"""Values of a file once its aliases (``*nom``) are expanded: a few lines of
nested aliases could otherwise stand for billions of values and hang the build."""
MAX_DEPTH = 40
"""Levels of nested lists and keys; the deepest kit file has about ten."""
MAX_DIGITS = 15
"""Digits of a number: more is a typing accident (an amount is at most 12)."""
FRONT_MATTER_BYTES = 64 * 1024
FRONT_MATTER_VALUES = 5_000

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_STANDARD_TAGS = "tag:yaml.org,2002:"
# C0 and C1 control characters, tab and line ends excepted; PyYAML refuses most
# of them in English and without a line, and an escape sequence in a value
# would later be printed raw in a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BEL, sonnerie",
    0x08: "retour arrière",
    0x1B: "ESC, échappement",
    0x7F: "DEL",
}


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
    "expected ',' or ']'": "crochet « [ » ouvert mais jamais fermé, ou virgule manquante entre deux éléments",
    "expected ',' or '}'": "accolade « { » ouverte mais jamais fermée, ou virgule manquante entre deux clés",
}


def _syntax_problem(path: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    problem = (exc.problem or "").strip()
    unclosed = problem.startswith("expected ',' or") and not problem.endswith("but got ':'")
    if (problem.startswith("found unexpected end of stream") or unclosed) and exc.context_mark:
        # Report where the quote or bracket was opened, not the end of the file.
        mark = exc.context_mark
    hint = next((v for k, v in _SYNTAX_HINTS.items() if problem.startswith(k)), None)
    tag = re.match(
        r"could not determine a constructor for the tag '(?:tag:yaml\.org,2002:)?([^']*)'", problem
    )
    if tag:  # !ENV, !relative, !!python/...: a kit file holds values, nothing that reads or runs
        hint = f"balise YAML « {tag[1]} » refusée : écrivez la valeur elle-même"
    if hint is None and "'\\t'" in problem:
        hint = _SYNTAX_HINTS["found character '\\t' that cannot start any token"]
    message = f"syntaxe YAML invalide : {hint or problem}"
    return Problem(path, message, mark.line + 1 if mark else None)


def _decode(path: str, raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        size = len(raw) / (1024 * 1024)
        raise KitError([Problem(path, f"fichier trop volumineux ({size:.1f} Mio ; 2 Mio au plus)")])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise KitError([Problem(path, "fichier encodé en UTF-16 : enregistrez-le en UTF-8")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise KitError(
            [
                Problem(
                    path,
                    "le fichier n’est pas encodé en UTF-8 (octet "
                    f"0x{raw[exc.start]:02x}) : enregistrez-le en UTF-8",
                    line,
                )
            ]
        ) from None
    return text


def _refuse_controls(path: str, text: str) -> None:
    """Every line holding an invisible control character, named with its column."""
    problems = []
    for match in list(_CONTROL.finditer(text))[:20]:
        start = text.rfind("\n", 0, match.start()) + 1
        code = ord(match[0])
        name = _CONTROL_NAMES.get(code) or unicodedata.name(match[0], "")
        named = f"U+{code:04X}" + (f" ({name})" if name else "")
        message = (
            f"caractère de contrôle invisible {named} en colonne {match.start() - start + 1} : retirez-le"
        )
        problems.append(Problem(path, message, text.count("\n", 0, match.start()) + 1))
    if problems:
        raise KitError(problems)


def _shown_tag(tag: str) -> str:
    """A tag as it was typed: ``!!binary`` rather than its expanded ``tag:yaml.org,2002:binary``."""
    return "!!" + tag[len(_STANDARD_TAGS) :] if tag.startswith(_STANDARD_TAGS) else tag


def _check_events(path: str, text: str) -> None:
    """Refuse deep nesting and explicit tags from the event stream, which libyaml reads
    without recursion: PyYAML's composers recurse once per level and would crash on it.

    A kit file holds values, never instructions on how to build them: an explicit tag
    (``!!python/object/apply:…``, ``!!binary``, ``!ENV``, even ``!!str``) would otherwise be
    dropped silently, or decide the type behind the reader's back."""
    depth = 0
    tags: list[Problem] = []
    for event in yaml.parse(text, Loader=_FAST_LOADER):
        tag = getattr(event, "tag", None)
        if tag is not None and len(tags) < 20:
            message = f"balise YAML « {_shown_tag(tag)} » refusée : écrivez la valeur elle-même"
            tags.append(Problem(path, message, event.start_mark.line + 1 if event.start_mark else None))
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"imbrication trop profonde : plus de {MAX_DEPTH} niveaux de listes ou de clés les unes dans les autres"
                raise KitError(
                    [Problem(path, message, event.start_mark.line + 1 if event.start_mark else None)]
                )
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    if tags:
        raise KitError(tags)


def _impossible_date(text: str) -> str:
    """Why a date or time that YAML recognised cannot exist, in words."""
    match = re.match(r"(\d{4})-(\d\d?)-(\d\d?)(?:[Tt ]+(\d\d?):(\d\d):(\d\d))?", text)
    if match is None:
        return f"date impossible « {text} »"
    year, month, day = (int(g) for g in match.groups()[:3])
    if year < 1:
        return f"date impossible « {text} » : il n’y a pas d’année 0"
    if not 1 <= month <= 12:
        return f"date impossible « {text} » : il n’y a pas de mois {month}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f"date impossible « {text} » : {_MONTHS[month - 1]} {year} n’a que {last} jours"
    return f"heure impossible dans « {text} » : heures de 0 à 23, minutes et secondes de 0 à 59"


class _Builder(SafeConstructor):
    """Turns a node tree into plain data while recording positions."""

    def __init__(
        self, doc: YamlDocument, max_values: int = MAX_VALUES, what: str = "fichier trop volumineux"
    ):
        super().__init__()
        self.what = what
        self.doc = doc
        self.problems: list[Problem] = []
        self.values = 0
        self.max_values = max_values
        self._open: set[int] = set()  # the collections being built, to see an alias loop

    def build(self, node: Node, loc: Loc) -> Any:
        self.values += 1
        if self.values > self.max_values:
            message = f"{self.what} une fois les alias « * » développés (plus de {self.max_values:,} valeurs)"
            raise KitError([Problem(self.doc.path, message.replace(",", "\u202f"), node.start_mark.line + 1)])
        self.doc.lines.setdefault(loc, node.start_mark.line + 1)
        if isinstance(node, ScalarNode):
            return self._scalar(node, loc)
        if id(node) in self._open:
            message = (
                "alias récursif : la valeur de cette ancre « & » se contient elle-même par un alias « * »"
            )
            self.problems.append(self.doc.problem(loc, message))
            return None
        self._open.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, loc)
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        finally:
            self._open.discard(id(node))

    def _scalar(self, node: ScalarNode, loc: Loc) -> Any:
        problem = self._scalar_problem(node)
        if problem is None:
            try:
                value = self.construct_object(node, deep=True)
            except ValueError:
                problem = (
                    _impossible_date(node.value)
                    if node.tag == _TIMESTAMP_TAG
                    else f"valeur illisible « {node.value[:40]} »"
                )
            else:
                # An escape (« "\x1b" » between double quotes) hides a control character
                # from the check of the raw text: the value itself must not hold one.
                hidden = _CONTROL.search(value) if isinstance(value, str) else None
                if hidden is None:
                    return value
                problem = (
                    f"caractère de contrôle invisible U+{ord(hidden[0]):04X} dans la valeur : retirez-le"
                )
        self.problems.append(Problem(self.doc.path, problem, node.start_mark.line + 1, loc))
        return None

    @staticmethod
    def _scalar_problem(node: ScalarNode) -> str | None:
        if node.tag not in (_INT_TAG, _FLOAT_TAG):
            return None
        digits = sum(c.isdigit() for c in node.value)
        if digits > MAX_DIGITS:
            shown = f"{digits:,}".replace(",", "\u202f")
            return f"nombre trop long ({shown} chiffres ; {MAX_DIGITS} au plus)"
        return None

    def _mapping(self, node: MappingNode, loc: Loc) -> dict[Any, Any]:
        try:
            self.flatten_mapping(node)
        except RecursionError:  # a merge key « <<: *a » inside the mapping « &a »
            self.problems.append(
                self.doc.problem(
                    loc, "alias récursif : une clé « << » fusionne le dictionnaire dans lui-même"
                )
            )
            return {}
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
        try:
            key = self.construct_object(node)
        except ValueError:
            key = None
        if isinstance(key, str) or (isinstance(key, int) and not isinstance(key, bool)):
            return key
        message = (
            f"clé « {node.value} » : une clé doit être un mot ; écrivez-la entre guillemets "
            "si elle doit se lire « oui », « non », « null » ou comme une date"
        )
        self.problems.append(Problem(self.doc.path, message, node.start_mark.line + 1, loc))
        return f"<clé {node.start_mark.line + 1}>"


def _read(file: Path, path: str) -> bytes:
    try:
        return file.read_bytes()
    except FileNotFoundError:
        raise KitError([Problem(path, "fichier introuvable")]) from None
    except IsADirectoryError:
        raise KitError([Problem(path, "un fichier est attendu, c’est un dossier")]) from None
    except OSError as exc:
        raise KitError([Problem(path, f"fichier illisible ({exc.strerror or exc})")]) from None


def load_yaml(file: Path, shown_as: str | None = None) -> YamlDocument:
    """Load one kit file; raise :class:`KitError` with every problem found."""
    path = shown_as or file.as_posix()
    text = _decode(path, _read(file, path))
    if not text.strip():
        raise KitError([Problem(path, "fichier vide : des clés YAML sont attendues")])
    return parse_yaml(text, path)


def _compose(text: str, path: str) -> list[Node]:
    try:
        _check_events(path, text)
        return list(yaml.compose_all(text, Loader=_FAST_LOADER))
    except yaml.MarkedYAMLError:
        # libyaml words its errors differently: parse again with the pure
        # Python loader, whose messages the hints above translate.
        try:
            return list(yaml.compose_all(text, Loader=yaml.SafeLoader))
        except yaml.MarkedYAMLError as exc:
            raise KitError([_syntax_problem(path, exc)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        message = f"caractère interdit en YAML U+{exc.character if isinstance(exc.character, int) else ord(exc.character):04X} : retirez-le"
        raise KitError([Problem(path, message, line)]) from None


def parse_yaml(
    text: str, path: str, max_values: int = MAX_VALUES, what: str = "fichier trop volumineux"
) -> YamlDocument:
    """One YAML document from ``text``, every value checked (see the module's docstring)."""
    _refuse_controls(path, text)
    nodes = [n for n in _compose(text, path) if n is not None]
    if len(nodes) != 1:
        message = (
            "fichier vide : des clés YAML sont attendues"
            if not nodes
            else "un seul document YAML est attendu (séparateur « --- » en trop)"
        )
        raise KitError([Problem(path, message)])
    doc = YamlDocument(path, None)
    builder = _Builder(doc, max_values, what)
    try:
        doc.data = builder.build(nodes[0], ())
    except yaml.MarkedYAMLError as exc:
        raise KitError([_syntax_problem(path, exc)]) from None
    if builder.problems:
        raise KitError(builder.problems)
    return doc


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)


def load_front_matter(text: str, path: str) -> YamlDocument:
    """The front matter of a page (``---`` … ``---`` at its top), read like a kit file.

    Lines (of errors and in :attr:`YamlDocument.lines`) are those of the page:
    the YAML is parsed at its place in the file."""
    _refuse_controls(path, text)
    match = _FRONT_MATTER.match(text)
    if match is None:
        return YamlDocument(path, {})
    body = match[1] or ""
    if len(body.encode("utf-8")) > FRONT_MATTER_BYTES:
        raise KitError(
            [Problem(path, f"en-tête de page trop long (plus de {FRONT_MATTER_BYTES // 1024} Kio)", 1)]
        )
    if not body.strip():
        return YamlDocument(path, {})
    doc = parse_yaml("\n" + body, path, FRONT_MATTER_VALUES, "en-tête de page trop volumineux")
    if not isinstance(doc.data, dict):
        raise KitError([Problem(path, "l’en-tête de la page doit être fait de clés YAML (clé: valeur)", 2)])
    return doc

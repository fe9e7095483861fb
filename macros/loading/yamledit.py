"""Change scores in ``client.yml`` and nothing else: comments, key order and layout kept.

The file is a consultant's work: comments that explain a choice, keys in the
order they think in, flow mappings on one line. ruamel.yaml's round-trip mode
edits the scores in place and writes the rest back as it was read. Its writer
re-emits the whole file, so the result is then *proved* against the original
before anyone sees it:

- every comment of the original is still there, word for word;
- every line outside ``roi.notes`` is unchanged and in the same order (lines
  are only inserted, inside or right after that block);

otherwise :class:`EditRefused` says why and the file is left alone.
"""

from __future__ import annotations

import difflib
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

__all__ = ["ACTOR_KEY", "CellEdit", "EditRefused", "comments", "edit_scores"]

ACTOR_KEY = "acteur"


class EditRefused(Exception):
    """The edit would have touched more than the scores (French message)."""


@dataclass(frozen=True)
class CellEdit:
    scenario: str
    public: str
    """A public's id, or :data:`ACTOR_KEY` for the public actor's criteria."""
    criterion: str
    score: int | None
    """``None`` empties the cell: it is no longer scored."""
    reason: str | None = None


# --- Comments and the block that may change -----------------------------------

_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#[^\n]*", re.MULTILINE)


def comments(text: str) -> list[tuple[int, str]]:
    """Every comment of a YAML text with its line: ``#`` outside any token."""
    found: list[tuple[int, str]] = []
    position = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        start = token.start_mark.index
        found.extend(_comments_between(text, position, start))
        position = max(position, token.end_mark.index)
    found.extend(_comments_between(text, position, len(text)))
    return found


def _comments_between(text: str, start: int, end: int) -> Iterable[tuple[int, str]]:
    gap = text[start:end]
    for match in _COMMENT.finditer(gap):
        where = start + match.start()
        if match.start() == 0 and where > 0 and text[where - 1] not in " \t\n":
            continue
        yield text.count("\n", 0, where) + 1, match.group().rstrip()


def _last_line(node: yaml.Node) -> int:
    """Last line (from 0) holding a character of ``node``."""
    if isinstance(node, yaml.MappingNode) and node.value and node.flow_style is False:
        return _last_line(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and node.flow_style is False:
        return _last_line(node.value[-1])
    mark = node.end_mark
    return mark.line - 1 if mark.column == 0 and mark.line > node.start_mark.line else mark.line


def _notes_block(text: str) -> tuple[int, int] | None:
    """First and last line (from 0) of ``roi.notes``, or ``None`` if absent."""
    node: yaml.Node | None = yaml.compose(text, Loader=yaml.SafeLoader)
    key_node: yaml.Node | None = None
    for key in ("roi", "notes"):
        if not isinstance(node, yaml.MappingNode):
            return None
        pair = next(
            ((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None
        )
        if pair is None:
            return None
        key_node, node = pair
    if key_node is None or node is None:
        return None
    return key_node.start_mark.line, _last_line(node)


def _prove(before: str, after: str) -> None:
    lost = Counter(text for _, text in comments(before)) - Counter(text for _, text in comments(after))
    if lost:
        line = next(n for n, text in comments(before) if text in lost)
        raise EditRefused(
            f"la mise à jour effacerait le commentaire de la ligne {line} (« {next(iter(lost))} ») : déplacez-le, ou videz cette case à la main"
        )
    block = _notes_block(before)
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        inside = block is not None and block[0] <= i1 and (i2 - 1 if i2 > i1 else i1 - 1) <= block[1]
        if not inside and tag != "insert":
            raise EditRefused(
                f"la mise à jour aurait modifié la ligne {i1 + 1}, hors des notes du R.O.I. (roi.notes)"
            )
        if tag == "insert" and block is not None and not block[0] <= i1 <= block[1] + 1:
            raise EditRefused(
                f"la mise à jour aurait inséré des lignes hors des notes du R.O.I. (ligne {i1 + 1})"
            )


# --- Editing with ruamel.yaml ------------------------------------------------------


def _indents(text: str) -> tuple[int, int]:
    """(mapping indent, offset of a list's dash) as the file already writes them."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    mapping, offset = 2, 2
    for above, below in zip(lines, lines[1:], strict=False):
        if not above.rstrip().endswith(":"):
            continue
        depth = len(above) - len(above.lstrip())
        step = len(below) - len(below.lstrip()) - depth
        if below.lstrip().startswith("- "):
            offset = max(step, 0)
            break
        if step > 0:
            mapping = step
    return mapping, offset


def _yaml(text: str) -> YAML:
    mapping, offset = _indents(text)
    handler = YAML()
    handler.preserve_quotes = True
    handler.width = 4096  # never fold a long line that the consultant kept on one line
    handler.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return handler


def _child(parent: CommentedMap, key: str, rank: Callable[[str], int]) -> CommentedMap:
    """``parent[key]``, created (in its natural order) if absent."""
    current = parent.get(key)
    if isinstance(current, CommentedMap):
        return current
    made = CommentedMap()
    if current is not None:  # ``key:`` with no value: fill it
        parent[key] = made
    else:
        parent.insert(_position(parent, key, rank), key, made)
    return made


def _position(mapping: CommentedMap, key: str, rank: Callable[[str], int]) -> int:
    for index, existing in enumerate(mapping):
        if rank(str(existing)) > rank(key):
            return index
    return len(mapping)


def _flow_cell(score: int, reason: str) -> CommentedMap:
    cell = CommentedMap()
    cell["note"] = score
    cell["raison"] = DoubleQuotedScalarString(reason)
    cell.fa.set_flow_style()
    return cell


def _set_cell(row: CommentedMap, edit: CellEdit, rank: Callable[[str], int]) -> None:
    key = edit.criterion
    current = row.get(key)
    if edit.score is None:
        if key in row:
            del row[key]
        return
    if isinstance(current, CommentedMap):
        current["note"] = edit.score
        if edit.reason is None:
            current.pop("raison", None)
            if current.fa.flow_style() and list(current) == ["note"]:
                row[key] = edit.score
        elif current.get("raison") != edit.reason:
            current["raison"] = DoubleQuotedScalarString(edit.reason)
        return
    value: object = edit.score if edit.reason is None else _flow_cell(edit.score, edit.reason)
    if key in row:
        row[key] = value
    else:
        row.insert(_position(row, key, rank), key, value)


def _apply(data: CommentedMap, edits: list[CellEdit], rank: Callable[[str], int]) -> None:
    notes = _child(_child(data, "roi", rank), "notes", rank)
    for edit in edits:
        scenario = _child(notes, edit.scenario, rank)
        if edit.public == ACTOR_KEY:
            row = _child(scenario, ACTOR_KEY, rank)
        else:
            row = _child(_child(scenario, "publics", rank), edit.public, rank)
        _set_cell(row, edit, rank)


def edit_scores(text: str, edits: list[CellEdit], rank: Callable[[str], int] | None = None) -> str:
    """``text`` with the edited cells of ``roi.notes``, everything else kept (proved).

    ``rank`` orders a new key among existing ones (criteria in the library's
    order, publics in the client's); by default new keys go last.
    """
    handler = _yaml(text)
    data = handler.load(text)
    if not isinstance(data, CommentedMap):
        raise EditRefused("le fichier doit contenir des clés YAML")
    _apply(data, edits, rank or (lambda key: 1 << 30))
    out = io.StringIO()
    handler.dump(data, out)
    result = out.getvalue()
    _prove(text, result)
    return result

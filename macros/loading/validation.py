"""Turn pydantic's validation errors into French problems a consultant can act on."""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterator, Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

if TYPE_CHECKING:  # the error record's type; pydantic_core comes with pydantic
    from pydantic_core import ErrorDetails

from macros.errors import KitError, Loc, Problem
from macros.loading.yamlsource import YamlDocument

__all__ = ["describe", "validate_document", "validate_partly"]

M = TypeVar("M", bound=BaseModel)

_SLUG_HELP = "identifiant attendu : minuscules sans accent, chiffres et tirets (ex. « jeunes-actifs »)"


def describe(value: Any) -> str:
    """What the consultant wrote, in words."""
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return "« oui »" if value else "« non »"
    if isinstance(value, (int, float, Decimal)):
        return f"le nombre {value}"
    if isinstance(value, date):
        return f"la date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"le texte « {shown} »"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un dictionnaire de clés"
    return type(value).__name__


def _expected_literal(ctx: dict[str, Any]) -> str:
    raw = str(ctx.get("expected", ""))
    return raw.replace("'", "").replace(" or ", ", ")


_SIMPLE = {
    "missing": "champ obligatoire manquant",
    "string_type": "texte attendu",
    "int_type": "nombre entier attendu",
    "int_parsing": "nombre entier attendu",
    "int_from_float": "nombre entier attendu (sans virgule)",
    "float_type": "nombre attendu",
    "float_parsing": "nombre attendu",
    "decimal_type": "montant ou nombre attendu (ex. 1500 ou 1500.50)",
    "decimal_parsing": "montant ou nombre attendu (ex. 1500 ou 1500.50)",
    "finite_number": "nombre fini attendu",
    "bool_type": "oui ou non attendu (true / false)",
    "bool_parsing": "oui ou non attendu (true / false)",
    "date_type": "date attendue au format AAAA-MM-JJ (ex. 2027-03-15)",
    "date_parsing": "date attendue au format AAAA-MM-JJ (ex. 2027-03-15)",
    "date_from_datetime_parsing": "date attendue au format AAAA-MM-JJ (ex. 2027-03-15)",
    "date_from_datetime_inexact": "date sans heure attendue (AAAA-MM-JJ)",
    "list_type": "liste attendue",
    "dict_type": "dictionnaire de clés attendu",
    "model_type": "dictionnaire de clés attendu",
    "model_attributes_type": "dictionnaire de clés attendu",
}


def _comma_split(key: str, allowed: list[str]) -> str:
    """``{note: 4, raison: trop long, le soir}``: the comma ended the reason and
    ``le soir`` became a key without value (no key of the kit has a space)."""
    if "raison" in allowed:
        return f'clé inconnue « {key} » : la virgule a coupé la raison ; mettez la raison entre guillemets (raison: "…, {key}")'
    return f"clé inconnue « {key} » : une virgule a coupé la valeur qui précède ; mettez cette valeur entre guillemets"


def _colon_split(value: Any) -> str | None:
    """``- Accueillir : sport et fêtes`` reads as the mapping ``{Accueillir: sport et fêtes}``."""
    if not isinstance(value, dict) or len(value) != 1:
        return None
    key, rest = next(iter(value.items()))
    if not isinstance(key, str) or not isinstance(rest, (str, type(None))):
        return None
    example = f"{key} : {rest}" if rest else f"{key} :"
    return f'une valeur qui contient « : » doit être entre guillemets ("{example}")'


def _message(error: ErrorDetails, allowed: list[str]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    got = describe(error.get("input"))
    if kind == "missing":
        return _SIMPLE[kind]
    if kind == "extra_forbidden":
        key = error["loc"][-1] if error["loc"] else "?"
        if error.get("input") is None and " " in str(key):
            return _comma_split(str(key), allowed)
        close = difflib.get_close_matches(str(key), allowed, n=1)
        hint = f" ; vouliez-vous dire « {close[0]} » ?" if close else ""
        listed = f" (clés possibles : {', '.join(allowed)})" if allowed and not close else ""
        return f"clé inconnue « {key} »{hint}{listed}"
    if kind == "string_type" and _colon_split(error.get("input")):
        return f"{_SIMPLE[kind]}, reçu {got} : {_colon_split(error.get('input'))}"
    if kind in _SIMPLE:
        return f"{_SIMPLE[kind]}, reçu {got}"
    if kind in ("literal_error", "enum"):
        return f"valeur inconnue, reçu {got} (valeurs possibles : {_expected_literal(ctx)})"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern.startswith("^#"):
            return f"couleur attendue au format #RRVVBB (ex. #1f4e79), reçu {got}"
        return f"{_SLUG_HELP}, reçu {got}"
    if kind == "string_too_long":
        return f"texte trop long ({len(str(error.get('input', '')))} caractères ; {ctx.get('max_length')} au plus) : un nom court suffit, la description dit le reste"
    if kind == "string_too_short":
        return "texte vide : écrivez quelque chose ou retirez la clé"
    if kind == "too_short":
        n = ctx.get("min_length", 1)
        return (
            f"au moins {n} élément{'s' if n != 1 else ''} attendu{'s' if n != 1 else ''}, reçu une liste vide"
            if n
            else "liste trop courte"
        )
    bounds = {
        "greater_than_equal": ("supérieur ou égal à", "ge"),
        "greater_than": ("strictement supérieur à", "gt"),
        "less_than_equal": ("inférieur ou égal à", "le"),
        "less_than": ("strictement inférieur à", "lt"),
    }
    if kind in bounds:
        words, key = bounds[kind]
        return f"nombre {words} {ctx.get(key)} attendu, reçu {got}"
    if kind in ("decimal_max_places", "decimal_max_digits"):
        return f"montant au centime près attendu (2 décimales au plus), reçu {got}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
    return f"{error['msg']} (reçu {got})"


def _unwrap(annotation: Any) -> list[Any]:
    """Possible concrete types behind Optional, unions, Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _allowed_keys(model: type[BaseModel], loc: Loc) -> list[str]:
    """French keys allowed at the mapping that holds ``loc[-1]``."""
    current: list[Any] = [model]
    for part in loc[:-1]:
        following: list[Any] = []
        for kind in current:
            for concrete in _unwrap(kind):
                following.extend(_step(concrete, part))
        current = following
    keys: list[str] = []
    for kind in current:
        for concrete in _unwrap(kind):
            if isinstance(concrete, type) and issubclass(concrete, BaseModel):
                keys.extend(f.alias or name for name, f in concrete.model_fields.items())
    return keys


def _step(concrete: Any, part: str | int) -> list[Any]:
    if isinstance(concrete, type) and issubclass(concrete, BaseModel) and isinstance(part, str):
        for name, info in concrete.model_fields.items():
            if (info.alias or name) == part:
                return [info.annotation]
        return []
    args = typing.get_args(concrete)
    origin = typing.get_origin(concrete)
    if origin is list and args:
        return [args[0]]
    if origin is dict and len(args) == 2:
        return [args[1]]
    return []


def _children(kinds: list[Any], part: str | int) -> list[Any]:
    return [child for kind in kinds for concrete in _unwrap(kind) for child in _step(concrete, part)]


def _bools_for_numbers(kinds: list[Any], value: Any, loc: Loc) -> Iterator[tuple[Loc, bool]]:
    """Where the file says ``true``/``false`` and the model expects a number.

    pydantic reads ``pouvoir: true`` as the number 1 without a word: the walk
    follows the model's types along the data and finds these before it does."""
    if isinstance(value, bool):
        concretes = [c for kind in kinds for c in _unwrap(kind)]
        if bool not in concretes and any(c in (int, float, Decimal) for c in concretes):
            yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _bools_for_numbers(_children(kinds, key), item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _bools_for_numbers(_children(kinds, index), item, (*loc, index))


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    # pydantic inserts the names of union members and function validators.
    return tuple(p for p in loc if isinstance(p, int) or not str(p).startswith(("function-", "union[")))


def validate_document(model: type[M], doc: YamlDocument) -> M:
    """Validate a whole document; report every error of the file at once."""
    if not isinstance(doc.data, dict):
        raise KitError(
            [doc.problem((), f"le fichier doit contenir des clés YAML, reçu {describe(doc.data)}")]
        )
    booleans = dict(_bools_for_numbers([model], doc.data, ()))
    problems = [
        doc.problem(
            loc, f"nombre attendu, reçu « {'true' if value else 'false'} » (oui ou non, pas un nombre)"
        )
        for loc, value in booleans.items()
    ]
    try:
        validated = model.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = _clean_loc(error["loc"])
            if loc in booleans:
                continue
            allowed = _allowed_keys(model, loc) if error["type"] == "extra_forbidden" else []
            problems.append(doc.problem(loc, _message(error, allowed)))
    if problems:
        raise KitError(problems) from None
    return validated


def validate_partly(
    model: type[M], doc: YamlDocument, stand_ins: Mapping[str, Any]
) -> tuple[M | None, frozenset[str], list[Problem]]:
    """Validate a document; when it fails, also build it from the sections that passed.

    Returns the model, the top-level keys that failed and the problems. A failed
    optional section is left out; a failed required one takes its stand-in from
    ``stand_ins`` (checks that read it must be skipped: the caller gets its key in
    the failed set). This lets the cross-checks of the sound sections run in the
    same pass as the schema, so that every error of a file comes at once.
    """
    try:
        return validate_document(model, doc), frozenset(), []
    except KitError as exc:
        problems = exc.problems
    if not isinstance(doc.data, dict) or any(not p.loc for p in problems):
        return None, frozenset({"*"}), problems
    failed = frozenset(str(p.loc[0]) for p in problems)
    kept = {k: v for k, v in doc.data.items() if k not in failed}
    for key in failed:
        if key in stand_ins:
            kept[key] = stand_ins[key]
    try:
        return model.model_validate(kept), failed, problems
    except ValidationError:
        return None, failed | {"*"}, problems

"""The editor schema (``kit schema``) accepts every valid client and explains every key in French.

VS Code underlines what the schema rejects: a schema stricter than the build
would flag a valid file on every line. Each valid client the project knows
(the demo, the base of the invalid cases, a fresh client of each offer made by
``kit new``) is validated with a real JSON Schema validator.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from jsonschema import Draft202012Validator

from macros.commands.new import new_client
from macros.commands.schema import SCHEMA_PATH, client_schema
from macros.settings import Settings

OFFERS = ("concertation", "strategie", "defricher")


def _as_json(file: Path) -> Any:
    """The YAML as an editor sees it: dates are strings."""
    return json.loads(json.dumps(yaml.safe_load(file.read_text(encoding="utf-8")), default=str))


def _errors(file: Path) -> list[str]:
    validator = Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    return [
        f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(_as_json(file))
    ]


def test_shipped_schema_is_up_to_date() -> None:
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == client_schema(), "relancez « kit schema »"


def test_schema_is_a_valid_json_schema() -> None:
    Draft202012Validator.check_schema(client_schema())


@pytest.mark.parametrize("client", ["kits/clients/demo/client.yml", "tests/invalid/_base.yml"])
def test_known_valid_clients_pass_the_schema(client: str) -> None:
    assert _errors(ROOT / client) == []


@pytest.mark.parametrize("offer", OFFERS)
def test_new_clients_pass_the_schema(offer: str, tmp_path: Path) -> None:
    settings = Settings(clients_dir=tmp_path)
    file = new_client(settings, f"ville-{offer}", offer, "Ville de Test", "commune", today=date(2027, 1, 4))
    assert _errors(file) == []


def test_schema_rejects_what_the_build_rejects(tmp_path: Path) -> None:
    file = tmp_path / "client.yml"
    data = (ROOT / "tests/invalid/_base.yml").read_text(encoding="utf-8")
    file.write_text(data.replace("population: 4200", "population: beaucoup"), encoding="utf-8")
    assert any(e.startswith("collectivite.population") for e in _errors(file))


def _properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        for key, prop in node.get("properties", {}).items():
            found.append((f"{path}.{key}", prop))
        for key, value in node.items():
            found += _properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _properties(value, f"{path}[{i}]")
    return found


def test_every_key_has_a_french_description() -> None:
    props = _properties(client_schema())
    assert len(props) > 200
    missing = [name for name, prop in props if not prop.get("description")]
    assert missing == []


@pytest.mark.parametrize("offer", OFFERS)
def test_new_clients_pass_the_schema_once_their_examples_are_uncommented(offer: str, tmp_path: Path) -> None:
    """Each section ``kit new`` proposes for the offer, uncommented, is valid for the editor too."""
    import re

    file = new_client(
        Settings(clients_dir=tmp_path),
        f"ville-{offer}",
        offer,
        "Ville de Test",
        "departement",
        today=date(2027, 1, 4),
    )
    block = re.compile(r"^# ([a-z_]+:.*|  .*)$")
    text = "\n".join(block.sub(r"\1", line) for line in file.read_text(encoding="utf-8").splitlines())
    file.write_text(text.replace("AAAA-MM-JJ", "2027-01-11"), encoding="utf-8")
    assert "\npublics_propres:" in text and _errors(file) == []


@pytest.mark.parametrize("offer", ["strategie", "defricher"])
def test_offer_sections_of_the_test_data_pass_the_schema(offer: str, tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "kits/clients/demo/client.yml").read_text(encoding="utf-8"))
    data.update(yaml.safe_load((ROOT / f"tests/data/demo-{offer}.yml").read_text(encoding="utf-8")))
    file = tmp_path / "client.yml"
    file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert _errors(file) == []

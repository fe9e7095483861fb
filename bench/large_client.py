"""A large client for the benchmarks: the demo grown to every public of the library,
twelve fully scored scenarios and 150 stakeholders.

Made from the demo's own ``client.yml`` (so it stays valid as the model
evolves): its scenarios and stakeholders are copied under new identifiers, and
every cell of the R.O.I. grid gets a score, chosen deterministically.
"""

from __future__ import annotations

import copy
import hashlib
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "kits" / "clients" / "demo"
LIBRARY = ROOT / "kits" / "bibliotheque"
SCENARIOS = 12
STAKEHOLDERS = 150


def _ids(file: str, key: str) -> list[dict[str, Any]]:
    return yaml.safe_load((LIBRARY / file).read_text(encoding="utf-8"))[key]


def _score(*parts: str) -> int:
    return hashlib.sha256("/".join(parts).encode()).digest()[0] % 5


def _scenarios(data: dict[str, Any]) -> list[dict[str, Any]]:
    base = data["scenarios"]
    out = list(base)
    for n in range(len(base), SCENARIOS):
        copy_ = copy.deepcopy(base[n % len(base)])
        copy_["id"] = f"{copy_['id']}-{n:02d}"
        copy_["titre"] = f"{copy_['titre']} (variante {n})"
        out.append(copy_)
    return out


def _stakeholders(data: dict[str, Any], publics: list[str]) -> list[dict[str, Any]]:
    base = data["parties_prenantes"]
    out = []
    for n in range(STAKEHOLDERS):
        item = copy.deepcopy(base[n % len(base)])
        item["id"] = f"{item['id']}-{n:03d}"
        item["nom"] = f"{item['nom']} ({n})"
        item["relaie"] = (
            [publics[n % len(publics)], publics[(n * 7) % len(publics)]] if item.get("relaie") else []
        )
        item["relaie"] = sorted(set(item["relaie"]))
        out.append(item)
    return out


def _grid(scenarios: list[dict[str, Any]], publics: list[str]) -> dict[str, Any]:
    criteria = _ids("criteres.yml", "criteres")
    citizen = [c["id"] for c in criteria if c["cote"] == "citoyen"]
    actor = [c["id"] for c in criteria if c["cote"] == "acteur"]
    notes: dict[str, Any] = {}
    for scenario in scenarios:
        sid = scenario["id"]
        notes[sid] = {
            "acteur": {c: _score(sid, c) for c in actor},
            "publics": {p: {c: _score(sid, p, c) for c in citizen} for p in publics},
        }
    return notes


def make_large_client(clients_dir: Path, slug: str = "grande-ville") -> str:
    """Write the large client into ``clients_dir/slug``; returns the slug."""
    folder = clients_dir / slug
    shutil.copytree(DEMO, folder)
    data = yaml.safe_load((DEMO / "client.yml").read_text(encoding="utf-8"))
    publics = [p["id"] for p in _ids("publics.yml", "publics")]
    known = {p["id"]: p for p in data["publics"]}
    data["publics"] = [known.get(p, {"id": p, "prioritaire": n < 3}) for n, p in enumerate(publics)]
    data["scenarios"] = _scenarios(data)
    data["parties_prenantes"] = _stakeholders(data, publics)
    data.setdefault("roi", {})["notes"] = _grid(data["scenarios"], publics)
    data["collectivite"]["nom"] = "Ville de Grande-Rive"
    (folder / "client.yml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return slug

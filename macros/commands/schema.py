"""``kit schema``: the JSON Schema of ``client.yml``, for the editor.

VS Code's YAML extension reads the first line of a client file
(``# yaml-language-server: $schema=...``) and then completes the French keys,
shows what each one means and underlines mistakes as the consultant types.
The schema comes from the pydantic model :class:`macros.model.Client` (so it
never drifts from what the build accepts), with French descriptions and the
identifiers known to the kit (offers, publics, techniques) as suggestions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from macros.model import Client
from macros.settings import PROJECT_DIR, Settings

__all__ = ["SCHEMA_PATH", "client_schema", "write_schema"]

SCHEMA_PATH = PROJECT_DIR / "schemas" / "client.schema.json"

_INTERNE = " Interne : n'apparaît jamais sur le site public."

#: French help shown by the editor: ``Model`` for an object, ``Model.key`` for a key.
DESCRIPTIONS: dict[str, str] = {
    "Client.collectivite": "La collectivité cliente : nom, type, population, territoire.",
    "Client.projet": "Le projet soumis à la concertation, et la décision attendue.",
    "Client.offre": "L'offre achetée (identifiant d'un fichier de kits/offres/) : elle fixe les étapes, les livrables et les pages du kit.",
    "Client.mission": "La mission du cabinet : consultant, date de début, version du kit." + _INTERNE,
    "Client.calendrier": "Les dates de chaque étape de l'offre et leur état d'avancement.",
    "Client.publics": "Les publics visés, choisis dans la bibliothèque (kits/bibliotheque/publics.yml).",
    "Client.parties_prenantes": "La cartographie des parties prenantes : qui pèse sur la décision, qui relaie vers quels publics.",
    "Client.scenarios": "Les scénarios de concertation à départager, chacun combinant des techniques de la bibliothèque.",
    "Client.scenario_retenu": "L'identifiant du scénario retenu (un des scénarios ci-dessus).",
    "Client.parametres": "Paramètres de la concertation : lieux, communication, animation, accessibilité, rendez-vous.",
    "Client.contrat_participation": "Le contrat de participation entre l'acteur public et les citoyens.",
    "Client.site_public": "Les textes propres au site public du projet, écrits pour les habitants.",
    "Client.cahier_des_charges": "Ce que le cahier des charges demande en plus des autres données.",
    "Client.devis": "Le devis : numéro, date, options choisies et leurs prix." + _INTERNE,
    "Client.strategie": "Offre « stratégie » : les trois ateliers élus, citoyens, services et leur analyse.",
    "Client.defricher": "Offre « défricher » : notes de recherche, pistes créatives, scénarios fictifs.",
    "Client.roi": "L'atelier « R.O.I. citoyen » : notes par scénario, public et critère, seuils et capacité des services.",
    "Collectivity.nom": "Nom officiel, par exemple « Ville de Bellerive-sur-Loire ».",
    "Collectivity.type": "Type de collectivité.",
    "Collectivity.population": "Nombre d'habitants.",
    "Collectivity.territoire": "Une phrase qui situe le territoire.",
    "Collectivity.logo": "Image du logo, chemin relatif au dossier du client (par exemple images/logo.png).",
    "Project.titre": "Le projet en quelques mots ; titre du site et des livrets.",
    "Project.resume": "Le projet en trois ou quatre phrases simples, reprises sur le site public.",
    "Project.enjeux": "Les enjeux du projet, un par ligne.",
    "Project.decision": "Ce qui sera décidé à la fin, en une phrase.",
    "Project.decideur": "Qui décide (par exemple « Conseil municipal »).",
    "Project.date_decision": "Date de la décision, au format AAAA-MM-JJ.",
    "Project.perimetre": "Ce sur quoi les habitants peuvent peser, et ce qui est déjà décidé.",
    "Perimeter.negociable": "Ce sur quoi la concertation peut faire bouger le projet.",
    "Perimeter.non_negociable": "Ce qui est déjà décidé et ne sera pas discuté.",
    "Mission.consultant": "Consultant du cabinet chargé de la mission." + _INTERNE,
    "Mission.debut": "Date de début de la mission, au format AAAA-MM-JJ.",
    "Mission.version": "Version du kit, imprimée sur les livrets (par exemple \"1.0\", entre guillemets).",
    "CalendarEntry.etape": "Identifiant d'une étape de l'offre du client.",
    "CalendarEntry.debut": "Date de début, au format AAAA-MM-JJ.",
    "CalendarEntry.fin": "Date de fin, au format AAAA-MM-JJ.",
    "CalendarEntry.statut": "fait, en-cours ou prevu.",
    "CalendarEntry.note": "Précision sur l'étape (lieu, horaire...).",
    "ClientPublic.id": "Identifiant d'un public de kits/bibliotheque/publics.yml.",
    "ClientPublic.prioritaire": "Public prioritaire : le classement des scénarios regarde d'abord le public prioritaire le moins bien servi.",
    "ClientPublic.effectif": "Ordre de grandeur du public sur le territoire.",
    "ClientPublic.note": "Remarque sur ce public." + _INTERNE,
    "Stakeholder.id": "Identifiant court : minuscules, chiffres et tirets.",
    "Stakeholder.nom": "Nom de l'acteur ou du groupe (pas une personne nommée).",
    "Stakeholder.categorie": "Catégorie de l'acteur.",
    "Stakeholder.pouvoir": "Poids sur la décision, de 1 (faible) à 4 (fort).",
    "Stakeholder.interet": "Intérêt pour le projet, de 1 (faible) à 4 (fort).",
    "Stakeholder.attitude": "Attitude envers le projet.",
    "Stakeholder.relaie": "Publics (identifiants) que cet acteur peut toucher.",
    "Stakeholder.niveau_cible": "Niveau de participation visé (échelle IAP2).",
    "Stakeholder.canal": "Comment l'associer (réunion, comité, rencontre...).",
    "Stakeholder.contact": "Coordonnées d'une personne." + _INTERNE,
    "PrivateContact": "Coordonnées personnelles." + _INTERNE,
    "Scenario.id": "Identifiant court : minuscules, chiffres et tirets.",
    "Scenario.titre": "Nom du scénario.",
    "Scenario.resume": "Le scénario en deux ou trois phrases.",
    "Scenario.techniques": "Techniques de kits/bibliotheque/techniques.yml (identifiants), dans l'ordre.",
    "RoiData.notes": "Les notes de l'atelier par scénario, public et critère, avec leur raison." + _INTERNE,
}


def _french_title(alias: str) -> str:
    return alias.replace("_", " ").capitalize()


def _annotate(name: str, node: dict[str, Any]) -> None:
    """French titles and help for one object of the schema, in place."""
    node.pop("title", None)
    node.pop("description", None)  # English docstrings: meant for developers
    if name in DESCRIPTIONS:
        node["description"] = DESCRIPTIONS[name]
    for key, prop in node.get("properties", {}).items():
        prop["title"] = _french_title(key)
        prop.pop("description", None)
        help_text = DESCRIPTIONS.get(f"{name}.{key}")
        if help_text:
            prop["description"] = help_text
            prop["markdownDescription"] = help_text


def _suggest(node: dict[str, Any], values: list[str]) -> None:
    """Offer the known identifiers for completion, without forbidding others:
    the build names an unknown one with the list of known ones."""
    if values:
        node["examples"] = values


def _ids(file: Path, key: str) -> list[str]:
    """Identifiers listed in a library file; none if it cannot be read (the
    build reports the file itself)."""
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8-sig")) or {}
        return [str(item["id"]) for item in data.get(key, []) if isinstance(item, dict) and "id" in item]
    except (OSError, yaml.YAMLError, AttributeError):
        return []


def known_ids(kits_dir: Path) -> tuple[list[str], list[str], list[str]]:
    """Offers, publics and techniques of the kit, for completion."""
    offers = sorted(p.stem for p in (kits_dir / "offres").glob("*.yml"))
    library = kits_dir / "bibliotheque"
    return offers, _ids(library / "publics.yml", "publics"), _ids(library / "techniques.yml", "techniques")


def client_schema() -> dict[str, Any]:
    """The schema of ``client.yml``: French keys, French help, known identifiers."""
    schema = Client.model_json_schema(by_alias=True, mode="validation")
    defs = schema.get("$defs", {})
    for name, node in defs.items():
        _annotate(name, node)
    _annotate("Client", schema)
    offers, publics, techniques = known_ids(Settings.from_env().kits_dir)
    _suggest(schema["properties"]["offre"], offers)
    _suggest(defs["ClientPublic"]["properties"]["id"], publics)
    _suggest(defs["Scenario"]["properties"]["techniques"]["items"], techniques)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "client.yml d'un kit A.M.O.O.R.",
        "description": "Les données d'un client du cabinet. Généré par `kit schema` : ne pas modifier à la main.",
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def write_schema(path: Path = SCHEMA_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(client_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    path.write_text(text, encoding="utf-8")
    return path

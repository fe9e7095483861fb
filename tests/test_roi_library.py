"""The shared R.O.I. library: the full list of the method, every card complete."""

from __future__ import annotations

from macros.loading.kit import load_kit
from macros.settings import Settings

KIT = load_kit(Settings())
LIB = KIT.library

CITIZEN_COSTS = {
    "temps",
    "horaires",
    "deplacement",
    "cout-direct",
    "effort-cognitif",
    "exposition",
    "prerequis-numeriques",
    "langue",
}
CITIZEN_BENEFITS = {
    "influence",
    "information",
    "liens-sociaux",
    "reconnaissance",
    "retour",
    "resultat-visible",
    "plaisir",
}
ACTOR = {"utilite-decision", "diversite", "legitimite", "charge-services", "budget", "risque"}


def _ids(side: str, direction: str) -> set[str]:
    return {c.id for c in LIB.criteria if c.side == side and c.direction == direction}


def test_criteria_are_the_methods_list():
    assert _ids("citoyen", "cout") == CITIZEN_COSTS
    assert _ids("citoyen", "benefice") == CITIZEN_BENEFITS
    assert _ids("acteur", "cout") | _ids("acteur", "benefice") == ACTOR
    for criterion in LIB.criteria:
        assert sorted(criterion.levels) == [0, 1, 2, 3, 4]
        assert len(set(criterion.levels.values())) == 5, criterion.id  # five different descriptors


def test_publics_and_techniques_cover_the_method():
    publics = {p.id for p in LIB.publics}
    assert {
        "jeunes",
        "parents-actifs",
        "seniors",
        "commercants",
        "non-francophones",
        "usagers-extremes",
        "eloignes-institutions",
        "personnes-handicapees",
        "habitues",
    } <= publics
    assert all(p.channels and p.relays and p.sensitivities for p in LIB.publics)
    techniques = {t.id for t in LIB.techniques}
    assert {
        "reunion-publique",
        "diagnostic-en-marchant",
        "atelier-participatif",
        "consultation-en-ligne",
        "panel-citoyen",
        "stand-mobile",
    } <= techniques
    assert {t.level for t in LIB.techniques} >= {"informer", "consulter", "impliquer", "collaborer"}


def test_every_technique_card_is_complete():
    every = {c.id for c in LIB.criteria}
    for technique in LIB.techniques:
        assert set(technique.default_scores) == every, technique.id
        assert technique.steps and technique.materials and technique.pitfalls and technique.needs, (
            technique.id
        )
        assert technique.agent_days > 0

"""The sections of a cahier des charges that belong to one offer.

« Stratégie »: the dialogue strategy to put in place (principles, what each
group said against the grid, the devices retained at the creativity session
and why, the options decided, the communication tool, the use of the R.O.I.
citoyen after the mission). « Défricher »: the project or service to commission
(what the research and the fictional scenarios taught, the proposals of work
with their conditions, what was set aside and why). The shared sections are in
:mod:`macros.render.widgets.specs`.
"""

from __future__ import annotations

from collections.abc import Callable

from macros.compute.choice import chosen_scenario
from macros.compute.fmt import number
from macros.compute.names import collectivity
from macros.loading.kit import Kit
from macros.model.deliverables import GROUP_LABELS
from macros.render.html import Markup, join, tag
from macros.render.widgets.parameters import bullet_list, communication_table, row, table, techniques_table
from macros.render.widgets.presentation import CONDITIONS
from macros.render.widgets.research import KIND_LABELS, proposals

__all__ = ["OFFER_PARTS", "missing_after_label"]


def _missing(what: str) -> Markup:
    return tag("p", f"{what} : à compléter.", class_="kit-empty")


def _label(text: str) -> Markup:
    return tag("p", text, class_="kit-label")


def missing_after_label() -> Markup:
    """Under a label that already names the field (« Options décidées par la collectivité : »),
    not its name again (« Options décidées : à compléter. »)."""
    return tag("p", "À compléter.", class_="kit-empty")


def _items_or_missing(items: list[str]) -> Markup:
    """The items under their label, or what is still to fill in."""
    return bullet_list(items) if items else missing_after_label()


# --- Stratégie ----------------------------------------------------------------


def _principles(kit: Kit) -> Markup:
    strategy = kit.client.strategy
    own = list(strategy.principles) if strategy else []
    return join(
        [
            _label("Les trois conditions d’un dialogue citoyen qui dure :"),
            bullet_list([f"{who} {what}" for who, what in CONDITIONS]),
            _label("Les principes que la collectivité s’engage à tenir :"),
            _items_or_missing(own),
        ]
    )


def _said(items: list[str]) -> str:
    return " ; ".join(items) or "—"


def _grid(kit: Kit) -> Markup:
    """The analysis grid, then what each group liked and disliked, criterion by criterion."""
    strategy = kit.client.strategy
    if not strategy or not strategy.workshops:
        return _missing("Analyse des ateliers")
    labels = {c.id: c.label for c in strategy.grid}
    parts = []
    if strategy.grid:
        parts += [
            _label("La grille d’analyse, issue du travail de préparation :"),
            bullet_list([f"{c.label} : {c.question}" if c.question else c.label for c in strategy.grid]),
        ]
    order = list(GROUP_LABELS)
    rows = []
    for w in sorted(strategy.workshops, key=lambda w: order.index(w.group)):
        readings = (
            " ; ".join(f"{labels.get(r.criterion, r.criterion)} : {r.finding}" for r in w.analysis) or "—"
        )
        rows.append(row(GROUP_LABELS[w.group], _said(w.liked), _said(w.disliked), readings))
    heads = ("Groupe", "Ce qui a plu", "Ce qui a gêné", "Lecture au regard de la grille")
    parts.append(table("Ce qu’a dit chaque groupe", heads, rows, "kit-specs__groups"))
    return join(parts)


def _retained_devices(kit: Kit) -> Markup:
    strategy = kit.client.strategy
    session = strategy.creativity if strategy else None
    if not session or not session.solutions:
        return _missing("Dispositifs retenus à la séance de créativité")
    parts = []
    for kept, heading in ((True, "Retenus :"), (False, "Écartés :")):
        rows = [
            row(s.title, s.description, s.elected_feedback or "—", s.citizen_feedback or "—")
            for s in session.solutions
            if s.kept is kept
        ]
        if rows:
            heads = (
                "Dispositif",
                "Description",
                "Ce qu’en ont dit les élus",
                "Ce qu’en ont dit les citoyens",
            )
            parts += [
                _label(heading),
                table(
                    f"Dispositifs {heading.rstrip(' :').lower()} à la séance de créativité",
                    heads,
                    rows,
                    "kit-specs__devices",
                ),
            ]
    scenario = chosen_scenario(kit) if kit.client.chosen_scenario else None  # a choice, not a default
    if scenario is not None:
        parts += [
            _label(f"Leur mise en œuvre : {scenario.title}."),
            tag("p", scenario.summary),
            techniques_table(kit, scenario),
        ]
    return join(parts)


def _options(kit: Kit) -> Markup:
    strategy = kit.client.strategy
    decided = list(strategy.decided) if strategy else []
    studied = list(strategy.options) if strategy else []
    parts = [_label("Options décidées par la collectivité :"), _items_or_missing(decided)]
    if studied:
        parts += [_label("Options ouvertes après l’analyse des ateliers :"), bullet_list(studied)]
    return join(parts)


def _communication(kit: Kit) -> Markup:
    tools = ["un support de présentation de la stratégie, à projeter devant les élus et les services"]
    if kit.has("site-public"):
        tools.append(
            "un site public pour les habitants : pourquoi leur avis compte, les rendez-vous, le contrat de participation"
        )
    params = kit.client.parameters
    parts = [_label("L’outil de communication interne et externe comprend :"), bullet_list(tools)]
    if params and params.communication:
        parts += [_label("Les moyens de communication prévus :"), communication_table(kit)]
    return join(parts)


def _quantity(kit: Kit, option_id: str) -> int:
    quote = kit.client.quote
    return sum(o.quantity for o in quote.options if o.id == option_id) if quote else 0


def _roi_use(kit: Kit) -> Markup:
    strategy = kit.client.strategy
    uses = list(strategy.roi_use) if strategy else []
    facts = [
        f"Le kit d’utilisation du « R.O.I. citoyen » est remis {collectivity(kit.client).to()}, personnalisé avec ses publics et ses scénarios."
    ]
    for option_id, one, many in (
        (
            "ateliers-roi",
            "atelier « R.O.I. citoyen » animé par le cabinet",
            "ateliers « R.O.I. citoyen » animés par le cabinet",
        ),
        (
            "formation-posture",
            "session de formation des élus et des agents à la « posture » citoyenne",
            "sessions de formation des élus et des agents à la « posture » citoyenne",
        ),
    ):
        if quantity := _quantity(kit, option_id):
            facts.append(f"Prévu au devis : {quantity} {one if quantity == 1 else many}.")
    if kit.client.roi.capacity is not None:
        facts.append(
            f"Capacité déclarée des services : {number(kit.client.roi.capacity)} jours-agent par démarche."
        )
    return join(
        [
            bullet_list(facts),
            _label("Après la mission, l’outil servira :"),
            _items_or_missing(uses),
        ]
    )


# --- Défricher ----------------------------------------------------------------


def _lessons(kit: Kit) -> Markup:
    discovery = kit.client.discovery
    if not discovery or not (discovery.research or discovery.fictional_scenarios):
        return _missing("Enseignements de la recherche et des ateliers")
    parts = []
    if discovery.research:
        parts += [
            _label("Ce que la recherche a appris :"),
            bullet_list(
                [f"{n.title} ({KIND_LABELS[n.kind].lower()}) : {n.summary}" for n in discovery.research]
            ),
        ]
    order = list(GROUP_LABELS)
    for scenario in discovery.fictional_scenarios:
        rows = [
            row(GROUP_LABELS[f.group], _said(f.liked), _said(f.disliked))
            for f in sorted(scenario.feedback, key=lambda f: order.index(f.group))
        ]
        if rows:
            parts.append(
                table(
                    f"Ce que le scénario fictif « {scenario.title} » a appris",
                    ("Groupe", "Ce qui a plu", "Ce qui a gêné"),
                    rows,
                    "kit-specs__fiction",
                )
            )
    return join(parts)


def _set_aside(kit: Kit) -> Markup:
    discovery = kit.client.discovery
    leads = [lead for lead in discovery.leads if lead.status == "ecartee"] if discovery else []
    if not leads:
        return tag("p", "Aucune piste n’a été écartée à ce stade.", class_="kit-empty")
    rows = [row(lead.title, lead.description, lead.reason or "raison à préciser") for lead in leads]
    return table(
        "Pistes écartées, et pourquoi", ("Piste", "Description", "Pourquoi"), rows, "kit-specs__set-aside"
    )


OFFER_PARTS: dict[str, Callable[[Kit], Markup]] = {
    "principes": _principles,
    "grille": _grid,
    "dispositifs-retenus": _retained_devices,
    "options": _options,
    "communication": _communication,
    "usage-roi": _roi_use,
    "enseignements": _lessons,
    "propositions": proposals,
    "ecarte": _set_aside,
}

"""Cahier des charges: one per offer, generated from the client's data.

The offer lists the sections of its cahier des charges, in order
(``cahier_des_charges.plan`` of ``kits/offres/<offre>.yml``); the page loops
over them (:func:`outline`) and each part here renders one section, so the
document can go to the services or into a call for tenders as it is. The
sections shared by every offer are here, those of one offer in
:mod:`macros.render.widgets.specs_offers`.
"""

from __future__ import annotations

from collections.abc import Callable

from macros.compute.choice import IAP2_PROMISES, LEVEL_LABELS
from macros.compute.fmt import day, days_span, euros, number
from macros.compute.french import capitalize
from macros.compute.names import decider as decider_name
from macros.compute.promises import promises
from macros.errors import KitError, Problem
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag
from macros.render.widgets.commitments import feedback_list, perimeter_list, proposal_notice
from macros.render.widgets.contract import public_contact
from macros.render.widgets.parameters import (
    accessibility_list,
    appointments_list,
    bullet_list,
    communication_table,
    facilitation,
    row,
    table,
    techniques_table,
    venues_table,
)
from macros.render.widgets.specs_offers import OFFER_PARTS, missing_after_label
from macros.render.widgets.stakeholders import QUADRANTS, quadrant, stakeholders_sorted

__all__ = ["PART_TITLES", "SPEC_PARTS", "outline", "specs_part"]

PART_TITLES = {
    "contexte": "Contexte et maître d’ouvrage",
    "decision": "Décision visée et calendrier",
    "objectifs": "Objectifs et usage des résultats",
    "perimetre": "Périmètre",
    "niveaux": "Niveau de participation par public",
    "publics": "Publics et parties prenantes",
    "dispositif": "Dispositif retenu",
    "regles": "Règles du jeu",
    "gouvernance": "Gouvernance",
    "moyens": "Moyens",
    "livrables": "Livrables attendus",
    "retours": "Retour aux participants",
    "indicateurs": "Indicateurs d’évaluation",
    "donnees": "Données personnelles",
    "marche": "En cas de marché public : compétences et critères",
    "contact": "Contact",
    "principes": "Principes du dialogue citoyen",
    "grille": "La grille d’analyse et ce qu’a dit chaque groupe",
    "dispositifs-retenus": "Dispositifs retenus à la séance de créativité, et pourquoi",
    "options": "Options décidées",
    "communication": "Outil de communication interne et externe",
    "usage-roi": "L’usage du « R.O.I. citoyen » après la mission",
    "enseignements": "Ce que la recherche et les scénarios fictifs ont appris",
    "propositions": "Pistes de travail et conditions de leur réalisation",
    "ecarte": "Ce qui a été écarté, et pourquoi",
}

KIND_LABELS = {
    "commune": "Commune",
    "intercommunalite": "Intercommunalité",
    "departement": "Département",
    "region": "Région",
    "etablissement-public": "Établissement public",
    "autre": "Collectivité",
}


def _missing(what: str) -> Markup:
    return tag("p", f"{what} : à compléter.", class_="kit-empty")


def _label(text: str) -> Markup:
    return tag("p", text, class_="kit-label")


def _context(kit: Kit) -> Markup:
    c = kit.client
    who = f"{c.collectivity.name} ({KIND_LABELS[c.collectivity.kind].lower()}"
    who += f", {number(c.collectivity.population)} habitants)" if c.collectivity.population else ")"
    parts = [tag("p", join([tag("strong", "Maître d’ouvrage : "), tag("span", who)], ""))]
    if c.collectivity.territory:
        parts.append(tag("p", c.collectivity.territory))
    parts.append(tag("p", c.project.summary))
    if c.project.stakes:
        parts += [_label("Enjeux :"), bullet_list(c.project.stakes)]
    return join(parts)


def _decision(kit: Kit) -> Markup:
    found = promises(kit)
    d = found.decision
    rows = [row("Décision visée", d.what), row("Qui décide", capitalize(decider_name(d.decider).text))]
    rows.append(row("Date de la décision", day(d.day) if d.day else "À fixer"))
    if found.participation_span:
        # Points are numbered per offer: name the one that details the rendez-vous, if this offer has it.
        where = next((f" (détail au point {n})" for n, _, part in outline(kit) if part == "dispositif"), "")
        rows.append(row("Rendez-vous avec les habitants", days_span(*found.participation_span) + where))
    return table(
        "Décision visée et calendrier",
        ("Point", "Contenu"),
        rows,
        "kit-specs__decision kit-promise--decision",
    )


def _objectives(kit: Kit) -> Markup:
    specs = kit.client.specs
    parts = [bullet_list(specs.objectives)] if specs and specs.objectives else [_missing("Objectifs")]
    parts.append(_label("Ce que la collectivité fera des résultats :"))
    parts.append(tag("p", specs.use_of_results) if specs and specs.use_of_results else missing_after_label())
    return join(parts)


def _perimeter(kit: Kit) -> Markup:
    alternatives = kit.client.specs.alternatives if kit.client.specs else []
    parts = [
        _label("Négociable :"),
        perimeter_list(kit, "open"),
        _label("Non négociable :"),
        perimeter_list(kit, "fixed"),
    ]
    parts += [
        _label("Alternatives étudiées :"),
        bullet_list(alternatives) if alternatives else missing_after_label(),
    ]
    return join(parts)


def _public_name(kit: Kit, pid: str) -> str:
    return next((p.name for p in kit.library.publics if p.id == pid), pid)


def _levels(kit: Kit) -> Markup:
    default = promises(kit).level
    own = kit.client.specs.levels if kit.client.specs else {}
    rows = []
    for public in kit.client.publics:
        level = own.get(public.id, default)
        rows.append(row(_public_name(kit, public.id), LEVEL_LABELS[level], IAP2_PROMISES[level]))
    if not rows:
        return _missing("Publics visés")
    return table(
        "Niveau de participation et promesse faite à chaque public",
        ("Public", "Niveau", "Promesse"),
        rows,
        "kit-specs__levels",
    )


def _publics(kit: Kit) -> Markup:
    profiles = {p.id: p for p in kit.library.publics}
    rows = []
    for public in kit.client.publics:
        profile = profiles.get(public.id)
        relays = [h.name for h in kit.client.stakeholders if public.id in h.relays]
        far = "Oui" if profile and profile.far_from_institutions else "Non"
        rows.append(
            row(
                _public_name(kit, public.id),
                "Oui" if public.priority else "Non",
                far,
                public.estimate or "—",
                ", ".join(relays) or "aucun identifié",
            )
        )
    parts = [
        table(
            "Publics visés",
            ("Public", "Prioritaire", "Éloigné des institutions", "Effectif", "Relais"),
            rows,
            "kit-specs__publics",
        )
        if rows
        else _missing("Publics")
    ]
    labels = {qid: label for qid, label, _ in QUADRANTS}
    holders = stakeholders_sorted(kit.client.stakeholders)
    if holders:
        parts.append(_label("Parties prenantes, par quadrant de la grille pouvoir / intérêt :"))
        parts.append(bullet_list([f"{labels[quadrant(h)]} — {h.name}" for h in holders]))
    return join(parts)


def _setup(kit: Kit) -> Markup:
    found = promises(kit)
    scenario = found.scenario
    if scenario is None:
        return _missing("Scénario")
    parts = [
        tag("p", join([tag("strong", f"Scénario : {scenario.title}. "), tag("span", scenario.summary)], "")),
        tag("p", found.how_chosen, class_="kit-specs__choice" + ("" if found.chosen else " kit-warning")),
        techniques_table(kit, scenario),
        _label("Lieux :"),
        venues_table(kit),
        _label("Calendrier des rendez-vous :"),
        appointments_list(kit),
        _label("Communication :"),
        communication_table(kit),
        _label("Animation :"),
        facilitation(kit),
        _label("Accessibilité :"),
        accessibility_list(kit),
    ]
    return join(parts)


def _rules(kit: Kit) -> Markup:
    contract = kit.client.contract
    if contract and contract.rules:
        return bullet_list(contract.rules)
    return _missing("Règles du jeu")


def _governance(kit: Kit) -> Markup:
    gov = kit.client.specs.governance if kit.client.specs else None
    contract = kit.client.contract
    rows = []
    if gov:
        for label, value in (
            ("Comité de pilotage (élus)", gov.steering),
            ("Comité technique (services)", gov.technical),
            ("Instance de suivi", gov.follow_up),
        ):
            if value:
                rows.append(row(label, value))
    if contract and contract.guarantor:
        rows.append(row("Garant", contract.guarantor))
    parts = [
        table("Gouvernance", ("Instance", "Composition et rôle"), rows, "kit-specs__governance")
        if rows
        else _missing("Gouvernance")
    ]
    roles = list(gov.elected_roles) if gov else []
    scenario = promises(kit).scenario
    scenario_role = scenario.elected_role if scenario else None
    if scenario_role:
        roles.append(scenario_role)
    parts += [
        _label("Rôle des élus à chaque étape :"),
        bullet_list(roles) if roles else missing_after_label(),
    ]
    return join(parts)


def _means(kit: Kit) -> Markup:
    found = promises(kit)
    parts = []
    if found.budget is not None:
        parts.append(tag("p", f"Budget de la démarche : {euros(found.budget)} TTC."))
    if found.agent_days_by_service:
        rows = [row(service, number(days)) for service, days in found.agent_days_by_service]
        rows.append(
            tag(
                "tr",
                join([tag("th", "Total", scope="row"), tag("td", number(found.agent_days or 0))], ""),
                class_="kit-total",
            )
        )
        parts.append(table("Jours-agent par service", ("Service", "Jours-agent"), rows, "kit-specs__means"))
    elif found.agent_days is not None:
        parts.append(
            tag(
                "p",
                f"Charge pour les services : {number(found.agent_days)} jours-agent (estimation du scénario).",
            )
        )
    if found.scenario_agent_days is not None and found.agent_days != found.scenario_agent_days:
        # Only before the choice: kit check refuses two counts for the chosen scenario.
        parts.append(
            tag(
                "p",
                f"Le scénario proposé en compte {number(found.scenario_agent_days)} : à mettre d’accord avant de le retenir.",
                class_="kit-warning",
            )
        )
    return join(parts) if parts else _missing("Moyens")


def _simple_list(attr: str, what: str) -> Callable[[Kit], Markup]:
    def render(kit: Kit) -> Markup:
        items = getattr(kit.client.specs, attr, None) if kit.client.specs else None
        return bullet_list(items) if items else _missing(what)

    return render


def _feedback(kit: Kit) -> Markup:
    return join([proposal_notice(kit), feedback_list(kit)])


def _personal_data(kit: Kit) -> Markup:
    contract = kit.client.contract
    parts = (
        [tag("p", contract.personal_data)]
        if contract and contract.personal_data
        else [_missing("Données personnelles")]
    )
    parts.append(
        tag(
            "p",
            "Les coordonnées des personnes rencontrées ne figurent dans aucun document public ; elles restent dans les notes internes des services.",
        )
    )
    return join(parts)


def _tender(kit: Kit) -> Markup:
    tender = kit.client.specs.tender if kit.client.specs else None
    if tender is None:
        return tag("p", "Sans objet : la démarche est conduite par les services.", class_="kit-empty")
    parts = []
    if tender.skills:
        parts += [_label("Compétences attendues :"), bullet_list(tender.skills)]
    if tender.award_criteria:
        rows = [row(c.criterion, f"{number(c.weight)}\u00a0%") for c in tender.award_criteria]
        parts.append(table("Critères d’attribution", ("Critère", "Pondération"), rows, "kit-specs__award"))
    return join(parts)


def _contact(kit: Kit) -> Markup:
    return public_contact(kit)


SPEC_PARTS: dict[str, Callable[[Kit], Markup]] = {
    **OFFER_PARTS,
    "contexte": _context,
    "decision": _decision,
    "objectifs": _objectives,
    "perimetre": _perimeter,
    "niveaux": _levels,
    "publics": _publics,
    "dispositif": _setup,
    "regles": _rules,
    "gouvernance": _governance,
    "moyens": _means,
    "livrables": _simple_list("deliverables", "Livrables attendus"),
    "retours": _feedback,
    "indicateurs": _simple_list("indicators", "Indicateurs d’évaluation"),
    "donnees": _personal_data,
    "marche": _tender,
    "contact": _contact,
}


def outline(kit: Kit) -> list[tuple[int, str, str]]:
    """The sections of this offer's cahier des charges: (number, title, part)."""
    return [(n, PART_TITLES[part], part) for n, part in enumerate(kit.offer.specs.parts, start=1)]


def specs_part(kit: Kit, part: str) -> Markup:
    if part not in SPEC_PARTS:
        raise KitError(
            [
                Problem(
                    "docs",
                    f"partie du cahier des charges inconnue « {part} » (possibles : {', '.join(SPEC_PARTS)})",
                )
            ]
        )
    return tag("div", SPEC_PARTS[part](kit), class_=f"kit-specs kit-specs--{part}")

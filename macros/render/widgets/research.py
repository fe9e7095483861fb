"""Défricher offer: research notes, creative leads, fictional scenarios tested in
the three workshops, and the proposals drawn from their analysis."""

from __future__ import annotations

from macros.loading.kit import Kit
from macros.model.deliverables import GROUP_LABELS
from macros.render.html import Markup, join, tag
from macros.render.widgets.parameters import bullet_list, empty, row, table

__all__ = ["creative_leads", "fictional_scenarios", "proposals", "research_notes"]

KIND_LABELS = {
    "observation": "Observation",
    "analogie": "Analogie",
    "entretien": "Entretien",
    "distanciation": "Prise de distance",
    "desynchronisation": "Regard vers le passé ou le futur",
    "documentation": "Documentation",
}
PROFILE_LABELS = {
    "usager-extreme": "usager extrême",
    "expert": "expert",
    "iconoclaste": "iconoclaste",
    "habitant": "habitant",
    "agent": "agent",
}
STATUS_LABELS = {"a-tester": "À tester en atelier", "retenue": "Retenue", "ecartee": "Écartée"}


def research_notes(kit: Kit) -> Markup:
    discovery = kit.client.discovery
    if not discovery or not discovery.research:
        return empty("Notes de recherche")
    rows = []
    for note in discovery.research:
        kind = KIND_LABELS[note.kind] + (f" ({PROFILE_LABELS[note.profile]})" if note.profile else "")
        rows.append(row(note.title, kind, note.summary))
    return table(
        "Notes de recherche, d’observation et d’entretien",
        ("Note", "Nature", "Ce qu’on en retient"),
        rows,
        "kit-research",
    )


def _lead_titles(kit: Kit, ids: list[str]) -> str:
    leads = kit.client.discovery.leads if kit.client.discovery else []
    titles = {lead.id: lead.title for lead in leads}
    return " ; ".join(titles[i] for i in ids if i in titles) or "—"


def creative_leads(kit: Kit) -> Markup:
    discovery = kit.client.discovery
    if not discovery or not discovery.leads:
        return empty("Pistes créatives")
    rows = [
        tag(
            "tr",
            join(
                [
                    tag("th", lead.title, scope="row"),
                    tag("td", lead.description),
                    tag(
                        "td",
                        tag("span", STATUS_LABELS[lead.status], class_=f"kit-lead kit-lead--{lead.status}"),
                    ),
                    tag("td", lead.reason or "—"),
                ],
                "",
            ),
        )
        for lead in discovery.leads
    ]
    return table(
        "Pistes créatives issues de la veille",
        ("Piste", "Description", "Statut", "Pourquoi"),
        rows,
        "kit-leads",
    )


def _feedback_table(scenario) -> Markup:
    order = list(GROUP_LABELS)
    rows = [
        row(GROUP_LABELS[f.group], " ; ".join(f.liked) or "—", " ; ".join(f.disliked) or "—")
        for f in sorted(scenario.feedback, key=lambda f: order.index(f.group))
    ]
    return table(
        f"Réactions au scénario « {scenario.title} »",
        ("Groupe", "Ce qui a plu", "Ce qui a gêné"),
        rows,
        "kit-fiction__feedback",
    )


def fictional_scenarios(kit: Kit) -> Markup:
    discovery = kit.client.discovery
    if not discovery or not discovery.fictional_scenarios:
        return empty("Scénarios fictifs")
    parts = []
    for scenario in discovery.fictional_scenarios:
        body = [
            tag("h3", scenario.title, class_="kit-fiction__title"),
            tag("blockquote", tag("p", scenario.story), class_="kit-fiction__story"),
            tag("p", f"Pistes mises à l’épreuve : {_lead_titles(kit, scenario.leads)}"),
            _feedback_table(scenario) if scenario.feedback else empty("Réactions des ateliers"),
        ]
        parts.append(tag("section", join(body), class_="kit-fiction"))
    return join(parts)


def proposals(kit: Kit) -> Markup:
    discovery = kit.client.discovery
    if not discovery or not discovery.proposals:
        return empty("Analyse des ateliers")
    parts = []
    for proposal in discovery.proposals:
        body = [tag("h3", proposal.title, class_="kit-proposal__title"), tag("p", proposal.description)]
        if proposal.leads:
            body.append(tag("p", f"Issue des pistes : {_lead_titles(kit, proposal.leads)}"))
        if proposal.conditions:
            body += [
                tag("p", "Conditions de réalisation :", class_="kit-label"),
                bullet_list(proposal.conditions),
            ]
        parts.append(tag("section", join(body), class_="kit-proposal"))
    return join(parts)

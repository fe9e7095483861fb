"""Presentation material for the services and the élus: a page shown as is in a meeting.

One slide per idea, large type, one slide per printed page. Which slides, and
in what order, is the offer's data (``presentation`` of its file): the chosen
scenario for a concertation; what the groups said, the solutions retained and
the tool for later for a strategy; what was learnt, the working leads and what
was set aside for a « défricher » mission, whose slides must speak for
themselves in the services.
"""

from __future__ import annotations

from collections.abc import Callable

from macros.compute.choice import LEVEL_LABELS, scenario_techniques
from macros.compute.fmt import day
from macros.compute.french import after_colon
from macros.compute.names import decider
from macros.compute.promises import promises
from macros.loading.kit import Kit
from macros.model.deliverables import GROUP_LABELS
from macros.render.html import Markup, join, tag
from macros.render.widgets.commitments import feedback_items
from macros.render.widgets.contract import participation_level
from macros.render.widgets.timeline import timeline_chart

__all__ = ["CONDITIONS", "SLIDES", "presentation"]

# The firm's three conditions for a lasting citizen dialogue (brochure facts, our words).
CONDITIONS = (
    ("Les élus", "gardent leur mandat : ils savent ce qui est ouvert, qui décide et quand."),
    (
        "Les services",
        "ne s’épuisent pas : la charge reste à la mesure de ce qu’ils peuvent donner et de ce que cela rapporte.",
    ),
    ("Les citoyens", "s’y retrouvent : ils voient ce que leur participation a changé, à une date annoncée."),
)


def _slide(title: str, body: Markup, key: str) -> Markup:
    return tag(
        "section",
        join([tag("h2", title, class_="kit-slide__title"), body]),
        class_=f"kit-slide kit-slide--{key}",
        id=f"diapo-{key}",
    )


def _items(items: list[str]) -> Markup:
    return tag("ul", join(tag("li", i) for i in items), class_="kit-slide__list")


def _opening(kit: Kit) -> Markup:
    c = kit.client
    body = join(
        [
            tag("p", c.collectivity.name, class_="kit-slide__kicker"),
            tag("p", c.project.title, class_="kit-slide__headline"),
            tag("p", f"Mission « {kit.offer.title} » — {kit.firm.name}", class_="kit-slide__byline"),
        ]
    )
    return tag("section", body, class_="kit-slide kit-slide--titre", id="diapo-titre")


def _how(kit: Kit) -> Markup:
    """The participation device (the retained scenario, else the proposal); each
    offer's own results (solutions, working leads) have their own slides."""
    found = promises(kit)
    scenario = found.scenario
    if scenario is None:
        return _slide("Comment", tag("p", "Le dispositif est en cours de définition."), "dispositif")
    items = [f"{t.name} — {t.summary}" for t in scenario_techniques(kit, scenario)]
    level = LEVEL_LABELS[participation_level(kit)].lower()
    status = "" if found.chosen else " (proposition, pas encore retenue)"
    body = join(
        [
            tag(
                "p", f"{scenario.title}{status}. Niveau de participation : {level}.", class_="kit-slide__lead"
            ),
            _items(items),
        ]
    )
    return _slide("Comment nous associons les habitants", body, "dispositif")


def _whom(kit: Kit) -> Markup:
    names = {p.id: p for p in kit.library.publics}
    items = []
    for public in kit.client.publics:
        profile = names.get(public.id)
        label = profile.name if profile else public.id
        far = bool(profile and profile.far_from_institutions) and "éloigné" not in label.lower()
        flags = [w for w, on in (("prioritaire", public.priority), ("éloigné des institutions", far)) if on]
        items.append(label + (f" ({', '.join(flags)})" if flags else ""))
    return _slide(
        "Qui nous voulons entendre", _items(items) if items else tag("p", "Publics à préciser."), "publics"
    )


def _promise(kit: Kit) -> Markup:
    contract = kit.client.contract
    items = list(contract.commitments) if contract else []
    items += [f"Retour aux participants — {line}" for line in feedback_items(kit)]
    decision = promises(kit).decision
    if decision.day:
        items.append(f"La décision {decider(decision.decider).of()}, le {day(decision.day)}.")
    return _slide(
        "Nos engagements", _items(items) if items else tag("p", "Engagements à préciser."), "engagements"
    )


def _project(kit: Kit) -> Markup:
    p = kit.client.project
    return _slide(
        "Le projet",
        join(
            [
                tag("p", p.summary, class_="kit-slide__lead"),
                _items(list(p.stakes)) if p.stakes else Markup(""),
            ]
        ),
        "projet",
    )


def _perimeter(kit: Kit) -> Markup:
    found = promises(kit)
    return _slide(
        "Ce qui est ouvert, ce qui ne l’est pas",
        join(
            [
                tag(
                    "div",
                    join(
                        [
                            tag("p", "Ouvert à la discussion", class_="kit-label"),
                            tag(
                                "ul",
                                join(tag("li", i) for i in (found.open or ("à préciser",))),
                                class_="kit-slide__list kit-promise--ouvert",
                            ),
                        ]
                    ),
                    class_="kit-slide__col",
                ),
                tag(
                    "div",
                    join(
                        [
                            tag("p", "Déjà décidé", class_="kit-label"),
                            tag(
                                "ul",
                                join(tag("li", i) for i in (found.fixed or ("à préciser",))),
                                class_="kit-slide__list kit-promise--decide",
                            ),
                        ]
                    ),
                    class_="kit-slide__col",
                ),
            ]
        ),
        "perimetre",
    )


def _calendar(kit: Kit) -> Markup:
    return _slide(
        "Le calendrier",
        tag("figure", timeline_chart(kit, "frise-presentation"), class_="kit-timeline"),
        "calendrier",
    )


def _conditions(kit: Kit) -> Markup:
    return _slide(
        "Trois conditions pour que ça dure",
        _items([f"{who} {what}" for who, what in CONDITIONS]),
        "conditions",
    )


def _to_be_given(what: str) -> Markup:
    return tag("p", f"{what} : à préciser.")


# --- Stratégie: what the groups said, the solutions, the options, the tool for later


def _listening(kit: Kit) -> Markup:
    strategy = kit.client.strategy
    order = list(GROUP_LABELS)
    workshops = sorted(strategy.workshops, key=lambda w: order.index(w.group)) if strategy else []
    items = [
        f"{GROUP_LABELS[w.group]} : {' ; '.join(i.rstrip('.') for i in w.liked) or 'rien de saillant'}."
        for w in workshops
    ]
    body = _items(items) if items else _to_be_given("Ce qu’ont dit les ateliers")
    return _slide(
        "Ce que nous avons entendu",
        join(
            [
                tag(
                    "p",
                    "Élus, citoyens et services, chacun de son côté, ont réagi aux mêmes scénarios d’usage.",
                    class_="kit-slide__lead",
                ),
                body,
            ]
        ),
        "ecoute",
    )


def _solutions(kit: Kit) -> Markup:
    strategy = kit.client.strategy
    kept = (
        [f"{s.title} : {after_colon(s.description)}" for s in strategy.creativity.solutions if s.kept]
        if strategy and strategy.creativity
        else []
    )
    return _slide(
        "Les solutions retenues",
        _items(kept) if kept else _to_be_given("Les solutions retenues"),
        "solutions",
    )


def _options(kit: Kit) -> Markup:
    strategy = kit.client.strategy
    decided = list(strategy.decided) if strategy else []
    body = (
        _items(decided)
        if decided
        else _items(list(strategy.options))
        if strategy and strategy.options
        else _to_be_given("Les options")
    )
    return _slide("Ce que la collectivité a décidé" if decided else "Les options à décider", body, "options")


def _roi_tool(kit: Kit) -> Markup:
    strategy = kit.client.strategy
    uses = list(strategy.roi_use) if strategy else []
    lead = tag(
        "p",
        "Un outil pour choisir, projet après projet, un dispositif qui convienne à chaque public : le « R.O.I. citoyen », personnalisé pour nous.",
        class_="kit-slide__lead",
    )
    return _slide(
        "Pour la suite : le « R.O.I. citoyen »",
        join([lead, _items(uses) if uses else Markup("")]),
        "outil-roi",
    )


# --- Défricher: what we learnt, the leads, what was set aside, what comes next


def _lessons(kit: Kit) -> Markup:
    discovery = kit.client.discovery
    notes = [f"{n.title} : {after_colon(n.summary)}" for n in discovery.research[:4]] if discovery else []
    return _slide(
        "Ce que nous avons appris",
        _items(notes) if notes else _to_be_given("Les enseignements"),
        "enseignements",
    )


def _leads(kit: Kit) -> Markup:
    discovery = kit.client.discovery
    items = []
    for proposal in discovery.proposals if discovery else []:
        parts = [tag("span", f"{proposal.title} : {after_colon(proposal.description)}")]
        if proposal.conditions:
            parts += [
                tag("p", "Conditions de réalisation", class_="kit-label"),
                tag("ul", join(tag("li", c) for c in proposal.conditions)),
            ]
        items.append(tag("li", join(parts)))
    body = (
        tag("ul", join(items), class_="kit-slide__list") if items else _to_be_given("Les pistes de travail")
    )
    return _slide("Les pistes de travail", body, "pistes")


def _set_aside(kit: Kit) -> Markup:
    discovery = kit.client.discovery
    items = (
        [
            f"{lead.title} : {after_colon(lead.reason) if lead.reason else 'raison à préciser'}"
            for lead in discovery.leads
            if lead.status == "ecartee"
        ]
        if discovery
        else []
    )
    return _slide(
        "Ce que nous avons écarté, et pourquoi",
        _items(items) if items else tag("p", "Rien n’a été écarté à ce stade."),
        "ecarte",
    )


def _next(kit: Kit) -> Markup:
    tender = kit.client.specs.tender if kit.client.specs else None
    items = ["Le cahier des charges décrit le projet à engager et ses conditions de réalisation."]
    items.append(
        "Il sert à rédiger un appel d’offres : compétences et critères y figurent."
        if tender
        else "Les services peuvent le conduire eux-mêmes, ou s’en servir pour un appel d’offres."
    )
    decision = promises(kit).decision
    if decision.day:
        items.append(f"La décision {decider(decision.decider).of()}, le {day(decision.day)}.")
    return _slide("Et maintenant", _items(items), "suite")


SLIDES: dict[str, Callable[[Kit], Markup]] = {
    "titre": _opening,
    "projet": _project,
    "perimetre": _perimeter,
    "publics": _whom,
    "dispositif": _how,
    "calendrier": _calendar,
    "conditions": _conditions,
    "engagements": _promise,
    "ecoute": _listening,
    "solutions": _solutions,
    "options": _options,
    "outil-roi": _roi_tool,
    "enseignements": _lessons,
    "pistes": _leads,
    "ecarte": _set_aside,
    "suite": _next,
}


def presentation(kit: Kit) -> Markup:
    """The offer's slides, in the order its data gives (``presentation`` of the offer)."""
    return tag("div", join(SLIDES[key](kit) for key in kit.offer.slides), class_="kit-slides")

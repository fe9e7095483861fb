"""Presentation material for the services and the élus: a page shown as is in a meeting.

One slide per idea, large type, one slide per printed page. What the slides say
depends on the offer: the chosen scenario for a concertation or a strategy,
the working proposals for a « défricher » mission.
"""

from __future__ import annotations

from macros.compute.choice import LEVEL_LABELS, scenario_techniques
from macros.compute.fmt import day
from macros.compute.french import after_colon
from macros.compute.names import decider
from macros.compute.promises import promises
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag
from macros.render.widgets.commitments import feedback_items
from macros.render.widgets.contract import participation_level
from macros.render.widgets.timeline import timeline_chart

__all__ = ["CONDITIONS", "presentation"]

# The firm's three conditions for a lasting citizen dialogue (brochure facts, our words).
CONDITIONS = (
    ("Les élus", "gardent leur mandat : ils savent ce qui est ouvert, qui décide et quand."),
    ("Les services", "ne s'épuisent pas : la charge reste à la mesure de ce qu'ils peuvent donner et de ce que cela rapporte."),
    ("Les citoyens", "s'y retrouvent : ils voient ce que leur participation a changé, à une date annoncée."),
)


def _slide(title: str, body: Markup, key: str) -> Markup:
    return tag("section", join([tag("h2", title, class_="kit-slide__title"), body]), class_=f"kit-slide kit-slide--{key}", id=f"diapo-{key}")


def _items(items: list[str]) -> Markup:
    return tag("ul", join(tag("li", i) for i in items), class_="kit-slide__list")


def _opening(kit: Kit) -> Markup:
    c = kit.client
    body = join([
        tag("p", c.collectivity.name, class_="kit-slide__kicker"),
        tag("p", c.project.title, class_="kit-slide__headline"),
        tag("p", f"Mission « {kit.offer.title} » — {kit.firm.name}", class_="kit-slide__byline"),
    ])
    return tag("section", body, class_="kit-slide kit-slide--titre", id="diapo-titre")


def _how(kit: Kit) -> Markup:
    discovery = kit.client.discovery
    if kit.offer.id == "defricher" and discovery and discovery.proposals:
        return _slide("Les pistes de travail", _items([f"{p.title} : {after_colon(p.description)}" for p in discovery.proposals]), "comment")
    strategy = kit.client.strategy
    if kit.offer.id == "strategie" and strategy and strategy.creativity:
        kept = [f"{s.title} : {after_colon(s.description)}" for s in strategy.creativity.solutions if s.kept]
        if kept:
            return _slide("Les solutions retenues", _items(kept), "comment")
    found = promises(kit)
    scenario = found.scenario
    if scenario is None:
        return _slide("Comment", tag("p", "Le dispositif est en cours de définition."), "comment")
    items = [f"{t.name} — {t.summary}" for t in scenario_techniques(kit, scenario)]
    level = LEVEL_LABELS[participation_level(kit)].lower()
    status = "" if found.chosen else " (proposition, pas encore retenue)"
    body = join([tag("p", f"{scenario.title}{status}. Niveau de participation : {level}.", class_="kit-slide__lead"), _items(items)])
    return _slide("Comment nous associons les habitants", body, "comment")


def _whom(kit: Kit) -> Markup:
    names = {p.id: p for p in kit.library.publics}
    items = []
    for public in kit.client.publics:
        profile = names.get(public.id)
        label = profile.name if profile else public.id
        far = bool(profile and profile.far_from_institutions) and "éloigné" not in label.lower()
        flags = [w for w, on in (("prioritaire", public.priority), ("éloigné des institutions", far)) if on]
        items.append(label + (f" ({', '.join(flags)})" if flags else ""))
    return _slide("Qui nous voulons entendre", _items(items) if items else tag("p", "Publics à préciser."), "qui")


def _promise(kit: Kit) -> Markup:
    contract = kit.client.contract
    items = list(contract.commitments) if contract else []
    items += [f"Retour aux participants — {line}" for line in feedback_items(kit)]
    decision = promises(kit).decision
    if decision.day:
        items.append(f"La décision {decider(decision.decider).of()}, le {day(decision.day)}.")
    return _slide("Nos engagements", _items(items) if items else tag("p", "Engagements à préciser."), "engagements")


def _perimeter(kit: Kit) -> Markup:
    found = promises(kit)
    return _slide("Ce qui est ouvert, ce qui ne l'est pas", join([
        tag("div", join([tag("p", "Ouvert à la discussion", class_="kit-label"),
                         tag("ul", join(tag("li", i) for i in (found.open or ("à préciser",))), class_="kit-slide__list kit-promise--ouvert")]), class_="kit-slide__col"),
        tag("div", join([tag("p", "Déjà décidé", class_="kit-label"),
                         tag("ul", join(tag("li", i) for i in (found.fixed or ("à préciser",))), class_="kit-slide__list kit-promise--decide")]), class_="kit-slide__col"),
    ]), "perimetre")


def presentation(kit: Kit) -> Markup:
    p = kit.client.project
    slides = [
        _opening(kit),
        _slide("Le projet", join([tag("p", p.summary, class_="kit-slide__lead"), _items(list(p.stakes)) if p.stakes else Markup("")]), "projet"),
        _perimeter(kit),
        _whom(kit),
        _how(kit),
        _slide("Le calendrier", tag("figure", timeline_chart(kit, "frise-presentation"), class_="kit-timeline"), "calendrier"),
        _slide("Trois conditions pour que ça dure", _items([f"{who} {what}" for who, what in CONDITIONS]), "conditions"),
        _promise(kit),
    ]
    return tag("div", join(slides), class_="kit-slides")

"""The élus' two-page brief: the decision, what is open, what not to promise,
their role, the decisions that come to them and when.

Every sentence is written from the model (the chosen scenario, the project's
perimeter, the offer's steps, the declared procedures); the page holds the
headings and the static advice on posture.
"""

from __future__ import annotations

from collections.abc import Callable

from macros.compute import names
from macros.compute.choice import LEVEL_LABELS, followed_scenario, how_chosen, perimeter
from macros.compute.fmt import day
from macros.compute.handbook import decider_and_date, elected_decisions
from macros.compute.promises import promises
from macros.errors import KitError, Problem
from macros.loading.kit import Kit
from macros.loading.legal_checks import declared
from macros.model.client import Scenario
from macros.render.html import Markup, join, tag
from macros.render.widgets.contract import participation_level
from macros.render.widgets.parameters import bullet_list

__all__ = ["BRIEF_PARTS", "NOT_TO_PROMISE", "brief_part"]

# What an élu must not promise at each IAP2 level (the promise the level makes is in choice.IAP2_PROMISES).
NOT_TO_PROMISE = {
    "informer": "les habitants sont informés, pas consultés : ne promettez pas que leurs avis changeront le projet.",
    "consulter": "les habitants donnent leur avis : ne promettez ni que chaque proposition sera retenue, ni qu’ils décideront ; promettez une réponse, et de dire comment leurs avis ont pesé.",
    "impliquer": "les attentes des habitants seront reflétées dans les options étudiées : ne promettez pas qu’ils choisiront entre elles.",
    "collaborer": "les solutions se construisent avec les habitants : ne promettez pas de tout retenir, la décision reste à l’assemblée.",
    "habiliter": "les habitants décident : ne promettez rien que la collectivité ne pourrait pas mettre en œuvre.",
}


def _lower(text: str) -> str:
    """An item of the client's list inside a sentence: no capital after a colon, no final period."""
    text = text.rstrip(" .")
    return text[:1].lower() + text[1:]


def _scenario(kit: Kit) -> Scenario | None:
    """The participation scenario the brief speaks of: the one chosen, or the ranking's
    proposal when the mission has an R.O.I. workshop (a défricher mission has neither)."""
    if kit.client.chosen_scenario or kit.roi_workshop:
        return followed_scenario(kit)
    return None


def _perimeter_lists(kit: Kit) -> tuple[list[str], list[str]]:
    if _scenario(kit) is not None:
        return perimeter(kit)
    project = kit.client.project.perimeter
    return list(project.negotiable), list(project.fixed)


def _row(key: str, value: object) -> Markup:
    return tag("div", join([tag("dt", key), tag("dd", value)], ""), class_="kit-brief__row")


def _decision(kit: Kit) -> Markup:
    decider, when = decider_and_date(kit)
    scenario = _scenario(kit)
    rows = [
        _row("Ce qui sera décidé", kit.client.project.decision),
        _row("Qui décide", decider),
        _row("Quand", day(when) if when else "date à fixer"),
    ]
    if scenario:
        rows.append(_row("Dispositif", f"{scenario.title}. {how_chosen(kit)}"))
    return tag("dl", join(rows), class_="kit-brief__facts")


def _column(title: str, items: list[str], css: str) -> Markup:
    body = bullet_list(items) if items else tag("p", "À préciser.", class_="kit-empty")
    return tag("div", join([tag("p", title, class_="kit-label"), body]), class_=f"kit-brief__col {css}")


def _perimeter(kit: Kit) -> Markup:
    open_, fixed = _perimeter_lists(kit)
    return tag(
        "div",
        join(
            [
                _column("Ouvert à la discussion", list(open_), "kit-brief__col--open"),
                _column("Déjà décidé, pas en discussion", list(fixed), "kit-brief__col--fixed"),
            ]
        ),
        class_="kit-brief__cols",
    )


def _promises(kit: Kit) -> Markup:
    """What not to promise: the fixed points, what this scenario leaves closed, the level, the dates."""
    open_, fixed = _perimeter_lists(kit)
    scenario = _scenario(kit)
    items = []
    if fixed:
        items.append("Déjà décidé, à ne pas remettre en jeu : " + " ; ".join(_lower(i) for i in fixed) + ".")
    closed = [i for i in kit.client.project.perimeter.negotiable if i not in open_]
    if scenario and closed:
        items.append(
            f"Ouvert dans le projet mais pas dans le dispositif « {scenario.title} », donc pas en débat : "
            + " ; ".join(_lower(i) for i in closed)
            + "."
        )
    level = participation_level(kit)
    what, advice = NOT_TO_PROMISE[level].split(" : ", 1)  # one colon per sentence
    items.append(f"Niveau « {LEVEL_LABELS[level].lower()} » ({what}) : {advice}")
    decider, when = decider_and_date(kit)
    if when:
        items.append(
            f"Aucune réponse définitive avant le {day(when)}, jour de la décision ({names.decider(decider).the()}) : l’élu présent à un rendez-vous écoute, il ne tranche pas."
        )
    report = promises(kit).report
    if report:
        items.append(
            f"Pas de réponse au cas par cas : le compte rendu promis aux participants paraît au plus tard le {day(report.by)}."
        )
    return bullet_list(items, "kit-brief__donts")


def _scenario_role(kit: Kit) -> str | None:
    """The client's words on the élus' role in the chosen scenario (the governance's are in the cahier des charges)."""
    scenario = _scenario(kit)
    return scenario.elected_role if scenario and scenario.elected_role else None


def _role(kit: Kit) -> Markup:
    decider, when = decider_and_date(kit)
    votes = [
        p for p in declared(kit.client, kit.library) if any(o.act == "deliberation" for o in p.obligations)
    ]
    before = "Fixer ce qui est ouvert et ce qui ne l’est pas ; valider le dispositif et son calendrier"
    before += " ; faire délibérer l’assemblée sur les modalités." if votes else "."
    during = "Être présents aux rendez-vous prévus ; écouter sans trancher ; renvoyer chaque question à la réponse annoncée."
    after = (
        f"Décision ({names.decider(decider).the()})"
        + (f" le {day(when)}" if when else "")
        + ", puis réponse publique à chaque proposition, à la date annoncée."
    )
    phases = tag(
        "dl",
        join([_row("Avant", before), _row("Pendant", during), _row("Après", after)]),
        class_="kit-brief__phases",
    )
    own = _scenario_role(kit)
    if not own:
        return phases
    return join(
        [phases, tag("p", join([tag("strong", "Dans le dispositif : "), tag("span", _lower(own) + ".")], ""))]
    )


def _decisions(kit: Kit) -> Markup:
    rows = []
    for d in elected_decisions(kit):
        what = tag("span", d.what)
        if d.items:
            what = join([what, bullet_list(list(d.items), "kit-brief__items")])
        rows.append(
            tag(
                "tr",
                join(
                    [
                        tag("td", day(d.day) if d.day else "À fixer"),
                        tag("th", what, scope="row"),
                        tag("td", d.who),
                        tag("td", d.basis),
                    ],
                    "",
                ),
            )
        )
    head = tag(
        "tr", join([tag("th", h, scope="col") for h in ("Quand", "Décision", "Qui", "D’où elle vient")], "")
    )
    table = tag(
        "table",
        join(
            [
                tag("caption", "Les décisions des élus, dans l’ordre du calendrier"),
                tag("thead", head),
                tag("tbody", join(rows)),
            ]
        ),
        class_="kit-table kit-brief__decisions",
    )
    return tag("div", table, class_="kit-table-scroll")


BRIEF_PARTS: dict[str, Callable[[Kit], Markup]] = {
    "decision": _decision,
    "perimetre": _perimeter,
    "promesses": _promises,
    "role": _role,
    "decisions": _decisions,
}


def brief_part(kit: Kit, part: str) -> Markup:
    if part not in BRIEF_PARTS:
        raise KitError(
            [
                Problem(
                    "docs",
                    f"partie de l’essentiel des élus inconnue « {part} » (possibles : {', '.join(BRIEF_PARTS)})",
                )
            ]
        )
    return tag("div", BRIEF_PARTS[part](kit), class_=f"kit-brief kit-brief--{part}")

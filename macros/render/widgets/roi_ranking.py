"""Ranking of the scenarios: who is left behind first, then the average."""

from __future__ import annotations

from macros.compute.fmt import half_up, number, share
from macros.compute.roi import Analysis, analyse
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag
from macros.render.widgets.roi_common import GATE_SHORT, STATUS, nothing_yet, roi_table, roi_text

__all__ = ["completeness_note", "completeness_sentence", "ranking_table", "rule_note"]


def _title(analysis: Analysis, sid: str) -> str:
    return analysis.scenarios[sid].title


def completeness_sentence(scored: int, total: int) -> str:
    """``Grille notée à 99 % : 242 cases sur 243 ; 1 case reste « non notée » …`` (never 100 % with a gap)."""
    missing = total - scored
    if missing == 1:
        rest = " ; 1 case reste « non notée » et ne compte pas (jamais pour 0)"
    elif missing:
        rest = f" ; {number(missing)} cases restent « non notées » et ne comptent pas (jamais pour 0)"
    else:
        rest = ""
    cases = "case" if scored < 2 else "cases"  # « 0 case sur 21 », « 1 case sur 243 »
    return f"Grille notée à {share(scored, total)} % : {number(scored)} {cases} sur {number(total)}{rest}."


def completeness_note(kit: Kit) -> Markup:
    scored, total = analyse(kit).completeness
    if total == 0:
        return nothing_yet("Pas encore de grille : ajoutez des publics et des scénarios au client.")
    return tag("p", completeness_sentence(scored, total), class_="kit-roi-completeness")


def _gates_cell(analysis: Analysis, sid: str) -> Markup:
    items = []
    for gate in analysis.gates[sid]:
        symbol, word = STATUS[gate.status]
        items.append(
            tag(
                "li",
                join(
                    [
                        tag(
                            "span",
                            symbol,
                            class_=f"kit-roi-gate__badge kit-roi-gate--{gate.status}",
                            aria_hidden="true",
                        ),
                        tag("span", f"{GATE_SHORT[gate.key]} : {word.lower()}"),
                    ],
                    " ",
                ),
            )
        )
    return tag("ul", join(items), class_="kit-roi-ranking__gates")


def ranking_table(kit: Kit) -> Markup:
    analysis = analyse(kit)
    if not analysis.results:
        return nothing_yet("Aucun scénario n’est encore décrit pour ce client.")
    rows = []
    for result in analysis.results:
        worst = (
            f"{analysis.public_names[result.worst_public]} : {roi_text(result.worst)}"
            if result.worst_public
            else "non noté"
        )
        cells = [
            tag("td", str(result.rank)),
            tag("th", _title(analysis, result.scenario), scope="row"),
            tag("td", worst),
            tag("td", roi_text(result.average)),
            tag("td", roi_text(result.actor.roi)),
            tag("td", f"{number(result.scored)}/{number(result.total)}"),
            tag("td", _gates_cell(analysis, result.scenario)),
        ]
        css = (
            "kit-roi-ranking__row kit-roi-ranking__row--first"
            if result.rank == 1 and analysis.best
            else "kit-roi-ranking__row"
        )
        rows.append(tag("tr", join(cells, ""), class_=css))
    head = [
        "Rang",
        "Scénario",
        "Public prioritaire le moins bien servi (R.O.I. sur 100)",
        "Moyenne des publics",
        "Valeur pour la collectivité",
        "Cases notées",
        "Trois conditions",
    ]
    caption = (
        "Classement des scénarios : d’abord le public prioritaire le moins bien servi, puis la moyenne, "
        "puis la valeur pour la collectivité"
    )
    table = roi_table(caption, head, rows, "kit-roi-ranking")
    return join([table, rule_note(kit)])


def rule_note(kit: Kit) -> Markup:
    """Say so when ranking by the average alone would have chosen differently."""
    analysis = analyse(kit)
    best = analysis.best
    by_average = [r for r in analysis.results if r.average is not None]
    if best is None or not by_average:
        return Markup("")
    top_average = max(by_average, key=lambda r: (half_up(r.average or 0), r.scenario))
    if top_average.scenario == best.scenario:
        return tag(
            "p",
            f"« {_title(analysis, best.scenario)} » arrive en tête sur les deux plans : "
            "son public le moins bien servi et la moyenne de tous les publics.",
            class_="kit-roi-rule",
        )
    shown, other = roi_text(top_average.average), roi_text(best.average)
    # Two averages that round alike are a tie to the reader, not « 64 contre 64 ».
    versus = (
        f"passerait devant ({shown} contre {other})"
        if shown != other
        else f"ferait jeu égal ({shown} de moyenne chacun)"
    )
    return tag(
        "p",
        f"À la seule moyenne, « {_title(analysis, top_average.scenario)} » {versus}. La règle du kit demande d’abord "
        f"« qui reste en arrière ? » : avec « {_title(analysis, best.scenario)} », le public le moins bien servi "
        f"obtient {roi_text(best.worst)}, contre {roi_text(top_average.worst)}.",
        class_="kit-roi-rule",
    )

"""Levers: for each scenario, the mitigations that most help its worst-served public."""

from __future__ import annotations

from decimal import Decimal

from macros.compute.fmt import number
from macros.compute.roi import Analysis, analyse, scenario_agent_days
from macros.compute.roi.levers import Lever, combined
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag
from macros.render.widgets.roi_common import nothing_yet, points, roi_table, roi_text

__all__ = ["levers_list"]


def _fits(kit: Kit, analysis: Analysis, sid: str, lever: Lever) -> str:
    capacity = kit.client.roi.capacity
    if capacity is None:
        return "capacité non déclarée"
    total = scenario_agent_days(analysis.scenarios[sid], kit.library) + lever.agent_days
    verdict = "oui" if total <= capacity else "non"
    return f"{verdict} ({number(total)} sur {number(capacity)})"


def _row(kit: Kit, analysis: Analysis, sid: str, lever: Lever) -> Markup:
    gain = f"+{points(lever.gain, 1)}" if lever.gain > 0 else "aucun effet"
    after = f"{roi_text(lever.before)} → {roi_text(lever.after)}"
    worst = (f"{analysis.public_names[lever.new_worst_public]} ({roi_text(lever.new_worst)})"
             if lever.new_worst_public else "non noté")
    note = f" ; non mesurable sur : {', '.join(lever.unscored)}" if lever.unscored else ""
    cells = [
        tag("th", lever.mitigation.title, scope="row"),
        tag("td", gain + note),
        tag("td", after if lever.gain > 0 else roi_text(lever.before)),
        tag("td", worst),
        tag("td", number(lever.agent_days) if lever.agent_days != Decimal(0) else "0"),
        tag("td", _fits(kit, analysis, sid, lever)),
    ]
    return tag("tr", join(cells, ""), class_="kit-roi-levers__row" + (" kit-roi-levers__row--useless" if lever.gain <= 0 else ""))


def _scenario(kit: Kit, analysis: Analysis, sid: str) -> Markup:
    result = next(r for r in analysis.results if r.scenario == sid)
    title = analysis.scenarios[sid].title
    heading = tag("h3", f"{result.rank}. {title}")
    found = analysis.levers[sid]
    if result.worst_public is None:
        return join([heading, nothing_yet("Public le moins bien servi inconnu : la grille de ce scénario n'est pas notée.")])
    who = tag("p", f"Public prioritaire le moins bien servi : {analysis.public_names[result.worst_public]} "
                   f"(R.O.I. {roi_text(result.worst)}).")
    if not analysis.scenarios[sid].mitigations:
        return join([heading, who, nothing_yet("Aucune atténuation n'est proposée pour ce scénario.")])
    head = ["Atténuation", "Gain pour ce public (points)", "Son R.O.I.", "Public le moins bien servi ensuite",
            "Jours-agent en plus", "Tient dans la capacité ?"]
    rows = [_row(kit, analysis, sid, lever) for lever in found]
    table = roi_table(f"Leviers du scénario « {title} », du plus utile au moins utile", head, rows, "kit-roi-levers")
    return join([heading, who, table, _all_together(kit, analysis, sid)])


def _all_together(kit: Kit, analysis: Analysis, sid: str) -> Markup:
    mitigations = analysis.scenarios[sid].mitigations
    if len(mitigations) < 2:
        return Markup("")
    after = combined(analysis.grid, sid, mitigations)
    extra = sum((m.agent_days for m in mitigations), Decimal(0))
    who = analysis.public_names.get(after.worst_public or "", "non noté")
    return tag("p", f"Toutes ces atténuations ensemble : le public prioritaire le moins bien servi devient "
                    f"{who} ({roi_text(after.worst)}), pour {number(extra)} {'jour-agent' if extra <= 1 else 'jours-agent'} de plus.",
               class_="kit-roi-levers__all")


def levers_list(kit: Kit) -> Markup:
    analysis = analyse(kit)
    if not analysis.results:
        return nothing_yet("Aucun scénario : pas encore de leviers à comparer.")
    return tag("div", join([_scenario(kit, analysis, r.scenario) for r in analysis.results]), class_="kit-roi-levers-all")

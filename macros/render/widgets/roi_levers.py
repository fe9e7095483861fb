"""Levers: for each scenario, the mitigations that most help its worst-served public."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from macros.compute.fmt import half_up, number
from macros.compute.roi import Analysis, analyse
from macros.compute.roi.levers import Lever
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag
from macros.render.widgets.roi_common import nothing_yet, roi_table, roi_text

__all__ = ["levers_list"]


def _fits(analysis: Analysis, sid: str, lever: Lever) -> str:
    total, fits = analysis.load_with(sid, lever.agent_days)
    if fits is None:
        return "capacité non déclarée"
    return f"{'oui' if fits else 'non'} ({number(total)} sur {number(analysis.capacity or 0)})"


def _points(before: Fraction, after: Fraction) -> str:
    """A gain in whole points, the difference of the values as printed (a 0-4 scale
    gives no decimals to believe in)."""
    shown = half_up(after) - half_up(before)
    if shown >= 1:
        return f"+{number(shown)}"
    return "moins d’un point" if after > before else "aucun"


def _effects(analysis: Analysis, lever: Lever) -> str:
    parts = []
    for effect in lever.effects:
        name = analysis.public_names.get(effect.public, effect.public)
        if effect.before is None or effect.after is None:
            text = f"{name} : non mesurable (R.O.I. non calculé)"
        elif effect.gain > 0:
            text = f"{name} : {roi_text(effect.before)} → {roi_text(effect.after)} ({_points(effect.before, effect.after)})"
        else:
            text = f"{name} : aucun effet ({roi_text(effect.before)})"
        if effect.unscored:
            text += f", non mesurable sur : {', '.join(effect.unscored)}"
        parts.append(text)
    return " ; ".join(parts) or "aucun public visé"


def _worst(analysis: Analysis, lever: Lever) -> str:
    before = f"{analysis.public_names[lever.public]} ({roi_text(lever.before)})"
    if lever.new_worst_public is None:
        return "non noté"
    if not lever.changes_worst:
        return f"inchangé : {before}"
    after = f"{analysis.public_names[lever.new_worst_public]} ({roi_text(lever.new_worst)})"
    return f"{before} → {after}"


def _row(kit: Kit, analysis: Analysis, sid: str, lever: Lever) -> Markup:
    cells = [
        tag("th", lever.mitigation.title, scope="row"),
        tag("td", _effects(analysis, lever)),
        tag("td", _worst(analysis, lever)),
        tag("td", number(lever.agent_days) if lever.agent_days != Decimal(0) else "0"),
        tag("td", _fits(analysis, sid, lever)),
    ]
    useless = lever.best_effect <= 0 and not lever.changes_worst
    return tag(
        "tr",
        join(cells, ""),
        class_="kit-roi-levers__row" + (" kit-roi-levers__row--useless" if useless else ""),
    )


def _scenario(kit: Kit, analysis: Analysis, sid: str) -> Markup:
    result = next(r for r in analysis.results if r.scenario == sid)
    title = analysis.scenarios[sid].title
    heading = tag("h3", f"{result.rank}. {title}")
    found = analysis.levers[sid]
    if result.worst_public is None:
        return join(
            [
                heading,
                nothing_yet("Public le moins bien servi inconnu : la grille de ce scénario n’est pas notée."),
            ]
        )
    who = tag(
        "p",
        f"Public prioritaire le moins bien servi : {analysis.public_names[result.worst_public]} "
        f"(R.O.I. {roi_text(result.worst)}).",
    )
    if not analysis.scenarios[sid].mitigations:
        return join([heading, who, nothing_yet("Aucune atténuation n’est proposée pour ce scénario.")])
    head = [
        "Atténuation",
        "Effet sur les publics qu’elle aide (R.O.I. avant → après)",
        "Public prioritaire le moins bien servi (avant → après)",
        "Jours-agent en plus",
        "Tient dans la capacité ?",
    ]
    rows = [_row(kit, analysis, sid, lever) for lever in found]
    table = roi_table(
        f"Leviers du scénario « {title} » : d’abord ceux qui relèvent le public le moins bien servi",
        head,
        rows,
        "kit-roi-levers",
    )
    return join([heading, who, table, _all_together(analysis, sid)])


def _all_together(analysis: Analysis, sid: str) -> Markup:
    if sid not in analysis.together:
        return Markup("")
    after, extra = analysis.together[sid]
    who = analysis.public_names.get(after.worst_public or "", "non noté")
    return tag(
        "p",
        f"Toutes ces atténuations ensemble : le public prioritaire le moins bien servi devient "
        f"{who} ({roi_text(after.worst)}), pour {number(extra)} {'jour-agent' if extra <= 1 else 'jours-agent'} de plus.",
        class_="kit-roi-levers__all",
    )


def levers_list(kit: Kit) -> Markup:
    analysis = analyse(kit)
    if not analysis.results:
        return nothing_yet("Aucun scénario : pas encore de leviers à comparer.")
    return tag(
        "div",
        join([_scenario(kit, analysis, r.scenario) for r in analysis.results]),
        class_="kit-roi-levers-all",
    )

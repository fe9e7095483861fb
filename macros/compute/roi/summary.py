"""A terminal summary of the ranking, to read out during the workshop (``kit roi <client>``)."""

from __future__ import annotations

from typing import Any

from rich.console import Console, JustifyMethod
from rich.table import Table

from macros.compute.fmt import rounded, share
from macros.compute.roi import analyse
from macros.compute.roi.gates import FAIL, PASS
from macros.loading.usage import ROI_RESULTS

__all__ = ["no_workshop", "print_summary"]

_STATUS = {PASS: "[green]✓[/]", FAIL: "[red]✗[/]"}
_WARN = "[yellow]![/]"
_LEGEND = "Conditions : ✓ respectée, ! à surveiller, ✗ non respectée (détail sur la page « Résultats de l’atelier »)."


def _value(value: Any) -> str:
    return "non noté" if value is None else rounded(value)


def no_workshop(kit: Any) -> str:
    """Why there is nothing to rank: the mission holds no R.O.I. citoyen workshop."""
    text = f"La mission « {kit.offer.title} » ne comprend pas d’atelier « R.O.I. citoyen » : il n’y a aucun classement à afficher."
    options = [o for o in kit.offer.options if ROI_RESULTS in o.components]
    if options:
        text += (
            " Pour en tenir un, ajoutez au devis l’option "
            + ", ".join(f"« {o.id} » ({o.title})" for o in options)
            + "."
        )
    return text


def print_summary(kit: Any, console: Console) -> None:
    """Ranking, worst-served public, average, actor value, completeness and the three conditions."""
    client = kit.client
    console.print(f"[bold]R.O.I. citoyen — {client.collectivity.name} : {client.project.title}[/]")
    if not kit.roi_workshop:
        console.print(no_workshop(kit), markup=False)
        return
    analysis = analyse(kit)
    if not analysis.results:
        console.print("Aucun scénario n’est encore décrit pour ce client.")
        return
    scored, total = analysis.completeness
    table = Table(title="Classement des scénarios", title_justify="left")
    columns: tuple[tuple[str, JustifyMethod, int | None], ...] = (
        ("N°", "right", None),
        ("Scénario", "left", 3),
        ("Le moins bien servi", "left", 2),
        ("Pire", "right", None),
        ("Moy.", "right", None),
        ("Coll.", "right", None),
        ("Élus", "center", None),
        ("Serv.", "center", None),
        ("Cit.", "center", None),
    )
    for header, justify, ratio in columns:
        table.add_column(header, justify=justify, ratio=ratio)
    for result in analysis.results:
        worst = analysis.public_names.get(result.worst_public or "", "—")
        gates = [_STATUS.get(g.status, _WARN) for g in analysis.gates[result.scenario]]
        table.add_row(
            str(result.rank),
            analysis.scenarios[result.scenario].title,
            worst,
            _value(result.worst),
            _value(result.average),
            _value(result.actor.roi),
            *gates,
        )
    console.print(table)
    console.print(_LEGEND)
    console.print(
        f"Grille notée à {share(scored, total)} % ({scored} {'case' if scored < 2 else 'cases'} sur {total}) ; "
        "une case non notée ne compte pas."
    )
    best = analysis.best
    if best is not None:
        top = analysis.levers[best.scenario][:1]
        if top and top[0].gain > 0:
            console.print(
                f"Levier le plus utile pour « {analysis.scenarios[best.scenario].title} » : "
                f"{top[0].mitigation.title} (R.O.I. de {analysis.public_names[top[0].public]} : "
                f"{rounded(top[0].before)} → {rounded(top[0].after)})."
            )

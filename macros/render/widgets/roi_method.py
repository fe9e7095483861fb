"""The formula shown on real numbers: the client's best scenario and its worst-served public."""

from __future__ import annotations

from fractions import Fraction

from macros.compute.roi import Crit, Pub, analyse
from macros.loading.kit import Kit
from macros.render.html import Markup, join, tag
from macros.render.widgets.roi_common import nothing_yet, points, roi_table

__all__ = ["weights_table", "worked_example"]

SIDE_LABELS = {("citoyen", "cout"): "coût", ("citoyen", "benefice"): "gain",
               ("acteur", "cout"): "coût", ("acteur", "benefice"): "gain"}


def _num(value: Fraction, digits: int = 2) -> str:
    text = points(value, digits)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _mean_line(label: str, rows: list[tuple[Crit, Fraction, int]]) -> tuple[Markup, Fraction | None]:
    if not rows:
        return tag("li", f"{label} : aucune case notée de ce côté, donc pas de calcul (jamais 0)."), None
    weights = sum((w for _, w, _ in rows), Fraction(0))
    total = sum((w * s for _, w, s in rows), Fraction(0))
    value = total / weights * 25
    line = (f"{label} = somme(note × poids effectif) ÷ somme(poids effectifs) × 25 = "
            f"{_num(total)} ÷ {_num(weights)} × 25 = {_num(value, 1)}")
    return tag("li", line), value


def worked_example(kit: Kit) -> Markup:
    analysis = analyse(kit)
    best = analysis.best
    if best is None or best.worst_public is None:
        return nothing_yet("L'exemple chiffré apparaîtra quand au moins un public prioritaire aura été noté.")
    grid = analysis.grid
    public: Pub = next(p for p in grid.publics if p.id == best.worst_public)
    scores = grid.scores(best.scenario, public.id)
    rows: list[Markup] = []
    gains: list[tuple[Crit, Fraction, int]] = []
    costs: list[tuple[Crit, Fraction, int]] = []
    for crit in grid.side("citoyen"):
        sens = public.multiplier(crit.id)
        effective = crit.weight * sens
        score = scores.get(crit.id)
        if score is not None:
            (costs if crit.is_cost else gains).append((crit, effective, score))
        label = kit.library.criterion(crit.id).label
        rows.append(tag("tr", join([
            tag("th", label, scope="row"), tag("td", SIDE_LABELS[(crit.side, crit.direction)]),
            tag("td", "non noté" if score is None else str(score)), tag("td", _num(crit.weight)),
            tag("td", _num(sens)), tag("td", _num(effective)),
            tag("td", "—" if score is None else _num(effective * score)),
        ], "")))
    name, title = analysis.public_names[public.id], analysis.scenarios[best.scenario].title
    head = ["Critère", "Sens", "Note (0 à 4)", "Poids", "Sensibilité du public", "Poids effectif", "Note × poids"]
    table = roi_table(f"Exemple : « {title} » vu par le public « {name} »", head, rows, "kit-roi-example")
    gain_line, gain = _mean_line("Gain", gains)
    cost_line, cost = _mean_line("Coût", costs)
    steps = [gain_line, cost_line]
    if gain is not None and cost is not None:
        roi = (100 + gain - cost) / 2
        steps.append(tag("li", f"R.O.I. = (100 + gain − coût) ÷ 2 = (100 + {_num(gain, 1)} − {_num(cost, 1)}) ÷ 2 = "
                               f"{_num(roi, 1)}, arrondi à {points(roi)}"))
    return join([table, tag("ol", join(steps), class_="kit-roi-example__steps")])


def weights_table(kit: Kit) -> Markup:
    """Every criterion with its weight, and the client's adjustments if any."""
    adjusted = kit.client.roi.weights
    weights = {c.id: c.weight for c in analyse(kit).grid.criteria}
    rows = []
    for crit in kit.library.criteria:
        side = "citoyen" if crit.side == "citoyen" else "collectivité"
        note = " (ajusté pour ce client)" if crit.id in adjusted else ""
        rows.append(tag("tr", join([tag("th", crit.label, scope="row"), tag("td", side),
                                    tag("td", SIDE_LABELS[(crit.side, crit.direction)]),
                                    tag("td", _num(weights[crit.id]) + note), tag("td", crit.question)], "")))
    head = ["Critère", "Point de vue", "Sens", "Poids", "Question posée"]
    return roi_table("Les critères et leur poids", head, rows, "kit-roi-weights")

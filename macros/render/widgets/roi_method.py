"""The formula shown on real numbers: the client's best scenario and its worst-served public."""

from __future__ import annotations

from fractions import Fraction

from macros.compute.fmt import number
from macros.compute.roi import Crit, Pub, analyse
from macros.loading.kit import Kit
from macros.model.roi import BREAK_EVEN
from macros.render.html import Markup, join, tag
from macros.render.widgets.roi_common import nothing_yet, points, roi_table

__all__ = ["threshold_note", "weights_table", "worked_example"]

SIDE_LABELS = {
    ("citoyen", "cout"): "coût",
    ("citoyen", "benefice"): "gain",
    ("acteur", "cout"): "coût",
    ("acteur", "benefice"): "gain",
}


def _num(value: Fraction, digits: int = 2) -> str:
    text = points(value, digits)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _mean_line(label: str, rows: list[tuple[Crit, Fraction, int]]) -> tuple[Markup, Fraction | None]:
    if not rows:
        return tag("li", f"{label} : aucune case notée de ce côté, donc pas de calcul (jamais 0)."), None
    weights = sum((w for _, w, _ in rows), Fraction(0))
    total = sum((w * s for _, w, s in rows), Fraction(0))
    value = total / weights * 25
    line = (
        f"{label} = somme(note × poids effectif) ÷ somme(poids effectifs) × 25 = "
        f"{_num(total)} ÷ {_num(weights)} × 25, soit {points(value)} en arrondi"
    )
    return tag("li", line), value


def worked_example(kit: Kit) -> Markup:
    analysis = analyse(kit)
    best = analysis.best
    if best is None or best.worst_public is None:
        return nothing_yet("L’exemple chiffré apparaîtra quand au moins un public prioritaire aura été noté.")
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
        rows.append(
            tag(
                "tr",
                join(
                    [
                        tag("th", label, scope="row"),
                        tag("td", SIDE_LABELS[(crit.side, crit.direction)]),
                        tag("td", "non noté" if score is None else str(score)),
                        tag("td", _num(crit.weight)),
                        tag("td", _num(sens)),
                        tag("td", _num(effective)),
                        tag("td", "—" if score is None else _num(effective * score)),
                    ],
                    "",
                ),
            )
        )
    name, title = analysis.public_names[public.id], analysis.scenarios[best.scenario].title
    head = [
        "Critère",
        "Sens",
        "Note (0 à 4)",
        "Poids",
        "Sensibilité du public",
        "Poids effectif",
        "Note × poids",
    ]
    table = roi_table(f"Exemple : « {title} » vu par le public « {name} »", head, rows, "kit-roi-example")
    gain_line, gain = _mean_line("Gain", gains)
    cost_line, cost = _mean_line("Coût", costs)
    steps = [gain_line, cost_line]
    if gain is not None and cost is not None:
        roi = (100 + gain - cost) / 2
        steps.append(
            tag(
                "li",
                f"R.O.I. = (100 + gain − coût) ÷ 2, soit en arrondi (100 + {points(gain)} − {points(cost)}) ÷ 2 "
                f"= {points(roi)}",
            )
        )
    # Scores of 0 to 4 carry no decimal worth reading: results are whole numbers.
    note = tag(
        "p",
        "Résultats arrondis à l’unité : des notes de 0 à 4 ne disent rien de plus précis. Le kit calcule "
        "sur les valeurs exactes ; un calcul fait à la main sur les arrondis peut différer d’un point.",
        class_="kit-roi-example__note",
    )
    return join([table, tag("ol", join(steps), class_="kit-roi-example__steps"), note])


def weights_table(kit: Kit) -> Markup:
    """Every criterion with its weight, and the client's adjustments if any."""
    adjusted = kit.client.roi.weights
    weights = {c.id: c.weight for c in analyse(kit).grid.criteria}
    rows = []
    for crit in kit.library.criteria:
        side = "citoyen" if crit.side == "citoyen" else "collectivité"
        note = " (ajusté pour ce client)" if crit.id in adjusted else ""
        rows.append(
            tag(
                "tr",
                join(
                    [
                        tag("th", crit.label, scope="row"),
                        tag("td", side),
                        tag("td", SIDE_LABELS[(crit.side, crit.direction)]),
                        tag("td", _num(weights[crit.id]) + note),
                        tag("td", crit.question),
                    ],
                    "",
                ),
            )
        )
    head = ["Critère", "Point de vue", "Sens", "Poids", "Question posée"]
    return roi_table("Les critères et leur poids", head, rows, "kit-roi-weights")


def threshold_note(kit: Kit) -> Markup:
    """The citizens' threshold against the scale's own break-even (50), and why it differs."""
    roi = kit.client.roi
    threshold = number(roi.citizen_threshold)
    if roi.citizen_threshold == BREAK_EVEN:
        text = (
            f"Le seuil est l’équilibre de l’échelle, {threshold} : le point où participer coûte au public "
            "le moins bien servi autant que cela lui rapporte."
        )
    elif roi.citizen_threshold < BREAK_EVEN:
        text = (
            f"Le seuil est fixé à {threshold}, sous l’équilibre de l’échelle (50) : la condition est dite "
            "respectée même si le public le moins bien servi donne un peu plus qu’il ne reçoit."
        )
    else:
        text = (
            f"Le seuil est fixé à {threshold}, au-dessus de l’équilibre de l’échelle (50) : on demande que le "
            "public le moins bien servi y gagne nettement."
        )
    if roi.threshold_reason:
        text += f" Pourquoi : {roi.threshold_reason}"
    elif roi.citizen_threshold != BREAK_EVEN:
        text += " La raison de ce choix reste à écrire (roi.raison_seuil)."
    return tag("p", text, class_="kit-roi-threshold")

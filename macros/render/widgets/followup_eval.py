"""Evaluation: who came against the R.O.I. forecast, and what participants said of it.

The forecast and the observation sit side by side in one table, each in its
own column, labelled for what it is. The reading (« moins que prévu »...) is
a question for next time: the page around it says why it proves nothing.
"""

from __future__ import annotations

from fractions import Fraction

from macros.compute.fmt import count, rounded
from macros.compute.followup import (
    LESS,
    MORE,
    NEAR,
    Participation,
    PublicGap,
    indicators,
    participation,
    public_names,
)
from macros.loading.kit import Kit
from macros.model.followup import CHOICE_LABELS, QUESTIONS
from macros.render.html import Markup, join, tag
from macros.render.widgets.followup_charts import percent
from macros.render.widgets.svgfig import figure, svg, svg_text, wrap

__all__ = [
    "next_time",
    "participation_chart",
    "participation_table",
    "questionnaire_form",
    "questionnaire_results",
]

READINGS = {LESS: "Moins que prévu", NEAR: "Proche de la prévision", MORE: "Plus que prévu"}
UNKNOWN_READING = "Pas de comparaison possible"


def _share(value: Fraction | None) -> str:
    return f"{rounded(value * 100)}\u00a0%" if value is not None else "—"


def _cells(values: list[object]) -> Markup:
    return join([tag("th", values[0], scope="row"), *(tag("td", v) for v in values[1:])], "")


def participation_table(kit: Kit) -> Markup:
    found = participation(kit)
    if not found.gaps:
        return tag(
            "p",
            "Le client n’a pas encore choisi ses publics : pas de comparaison possible.",
            class_="kit-empty",
        )
    head = [
        "Public",
        "R.O.I. prévu (sur 100)",
        "Part attendue selon le R.O.I.",
        "Contributions",
        "Part observée",
        "Lecture",
    ]
    rows = []
    for gap in found.gaps:
        name = gap.name + (" (prioritaire)" if gap.priority else "")
        roi = rounded(gap.roi) if gap.roi is not None else "non noté"
        rows.append(
            tag(
                "tr",
                _cells(
                    [
                        name,
                        roi,
                        _share(gap.expected),
                        gap.observed,
                        _share(gap.share),
                        READINGS.get(gap.reading, UNKNOWN_READING),
                    ]
                ),
            )
        )
    caption = (
        f"Participation par public, comparée à la prévision du scénario « {found.scenario} »"
        if found.scenario
        else "Participation par public"
    )
    thead = tag("tr", join([tag("th", h, scope="col") for h in head], ""))
    table = tag(
        "table",
        join([tag("caption", caption), tag("thead", thead), tag("tbody", join(rows))]),
        class_="kit-table kit-suites-table",
    )
    return join([_base_line(found), tag("div", table, class_="kit-table-scroll")])


def _base_line(found: Participation) -> Markup:
    unsaid = found.total - found.declared
    text = (
        f"Les parts observées portent sur les {count(found.declared, 'contribution')} dont la personne a dit de quel public "
        f"elle fait partie ; {count(unsaid, 'autre')} ({percent(unsaid, found.total)}) ne le disent pas."
    )
    return tag("p", text, class_="kit-suites-summary")


def _relays(kit: Kit, public: str) -> list[str]:
    return [s.name for s in kit.client.stakeholders if public in s.relays]


def next_time(kit: Kit) -> Markup:
    """For each public that came less than forecast: what was planned for it, who relays it."""
    found = participation(kit)
    items = []
    for gap in found.gaps:
        if gap.reading != LESS:
            continue
        planned = ", ".join(m.title for m in gap.mitigations) or "aucune mesure particulière"
        relays = ", ".join(_relays(kit, gap.public))
        text = (
            f"{gap.name} : {_share(gap.share)} des contributions qui disent leur public, pour {_share(gap.expected)} attendus. "
            f"Le scénario prévoyait pour ce public : {planned}. "
            + (
                f"Relais à associer plus tôt la prochaine fois : {relays}."
                if relays
                else "Aucun relais n’est connu pour ce public : c’est le premier point à travailler."
            )
        )
        items.append(tag("li", text))
    if not items:
        return tag("p", "Aucun public n’a participé nettement moins que prévu.", class_="kit-suites-summary")
    return tag("ul", join(items), class_="kit-suites-next")


# --- The participant questionnaire ----------------------------------------------------


def _boxes(choices: tuple[str, ...]) -> Markup:
    return join([tag("span", f"☐ {CHOICE_LABELS[c]}", class_="kit-suites-form__box") for c in choices], " ")


def questionnaire_form(kit: Kit) -> Markup:
    """The questionnaire to print and hand out: short questions, boxes to tick, no name asked."""
    names = list(public_names(kit).values())
    items = [
        tag("li", join([tag("p", q.text, class_="kit-suites-form__question"), tag("p", _boxes(q.choices))]))
        for q in QUESTIONS
    ]
    publics = join(
        [tag("span", f"☐ {n}", class_="kit-suites-form__box") for n in [*names, "Je ne veux pas le dire"]],
        " ",
    )
    parts = [
        tag("p", "Votre avis sur la démarche", class_="kit-suites-form__title"),
        tag("p", "Ce questionnaire est anonyme. N’écrivez pas votre nom."),
        tag("p", "Cochez une case par question. Vous pouvez laisser une question sans réponse."),
        tag("ol", join(items), class_="kit-suites-form__questions"),
        tag("p", "Vous êtes (si vous voulez le dire) :", class_="kit-suites-form__question"),
        tag("p", publics),
        tag("p", "Merci !"),
    ]
    return tag("div", join(parts), class_="kit-suites-form")


def questionnaire_results(kit: Kit) -> Markup:
    if not kit.questionnaires:
        return tag("p", "Aucun questionnaire n’est encore importé.", class_="kit-empty")
    found = indicators(kit)
    scale = [i for i in found if i.question.choices == ("oui", "un-peu", "non")]
    head = tag(
        "tr", join([tag("th", h, scope="col") for h in ("Question", "Oui", "Un peu", "Non", "Réponses")], "")
    )
    rows = [
        tag(
            "tr",
            _cells(
                [
                    i.question.text,
                    *(
                        f"{i.counts[c]} ({percent(i.counts[c], i.answered)})"
                        for c in ("oui", "un-peu", "non")
                    ),
                    i.answered,
                ]
            ),
        )
        for i in scale
    ]
    caption = (
        f"Réponses au questionnaire des participants ({count(len(kit.questionnaires), 'questionnaire')})"
    )
    table = tag(
        "table",
        join([tag("caption", caption), tag("thead", head), tag("tbody", join(rows))]),
        class_="kit-table kit-suites-table",
    )
    parts = [tag("div", table, class_="kit-table-scroll")]
    for other in (i for i in found if i not in scale):
        ranked = sorted(other.counts.items(), key=lambda kv: -kv[1])
        listed = " ; ".join(f"{CHOICE_LABELS[c].lower()} : {n}" for c, n in ranked if n)
        parts.append(
            tag(
                "p",
                join(
                    [
                        tag("strong", other.question.text + " "),
                        f"{listed} ({count(other.answered, 'réponse')}).",
                    ]
                ),
            )
        )
    return join(parts)


# --- The same comparison, drawn -----------------------------------------------------

_LABEL_W, _PLOT_W, _RIGHT, _GROUP, _BAR, _TOP = 200, 240, 60, 58, 18, 40
_OBSERVED = "#1d4e6f"


def _gap_group(index: int, gap: PublicGap, top_share: float) -> Markup:
    y = _TOP + index * _GROUP
    parts = [
        svg_text(_LABEL_W - 10, y + 24, line, font_size=13, text_anchor="end", fill="#1a1a1a")
        for line in wrap(gap.name, 30, 1)
    ]
    for k, (value, observed) in enumerate(((gap.expected, False), (gap.share, True))):
        top = y + 4 + k * (_BAR + 4)
        if value is None:
            parts.append(
                svg_text(
                    _LABEL_W + 6,
                    top + 14,
                    "non noté" if not observed else "aucun",
                    font_size=12,
                    font_style="italic",
                    fill="#44546a",
                )
            )
            continue
        width = max(float(value) * _PLOT_W / top_share, 1.0)
        style = (
            {"fill": _OBSERVED} if observed else {"fill": "#ffffff", "stroke": "#1a1a1a", "stroke_width": 1.5}
        )
        parts.append(svg("rect", x=float(_LABEL_W), y=float(top), width=width, height=float(_BAR), **style))
        parts.append(svg_text(_LABEL_W + width + 6, top + 14, _share(value), font_size=12, fill="#1a1a1a"))
    return join(parts, "")


def _legend() -> Markup:
    return join(
        [
            svg(
                "rect",
                x=float(_LABEL_W),
                y=8.0,
                width=16.0,
                height=12.0,
                fill="#ffffff",
                stroke="#1a1a1a",
                stroke_width=1.5,
            ),
            svg_text(
                _LABEL_W + 22, 19, "Part attendue selon le R.O.I. (prévision)", font_size=12, fill="#1a1a1a"
            ),
            svg("rect", x=float(_LABEL_W), y=24.0, width=16.0, height=12.0, fill=_OBSERVED),
            svg_text(_LABEL_W + 22, 35, "Part observée (mesure)", font_size=12, fill="#1a1a1a"),
        ],
        "",
    )


def participation_chart(kit: Kit, uid: str = "suites-prevision") -> Markup:
    """Forecast share (outlined) and observed share (solid) of each public: two bars, told apart without colour."""
    found = participation(kit)
    if not found.gaps or not found.declared:
        return Markup("")
    height = _TOP + _GROUP * len(found.gaps) + 6
    top_share = (
        max((float(v) for g in found.gaps for v in (g.expected, g.share) if v is not None), default=1.0)
        or 1.0
    )
    body = join([_legend(), *(_gap_group(i, g, top_share) for i, g in enumerate(found.gaps))], "")
    desc = (
        "Pour chaque public, la part attendue selon le R.O.I. puis la part observée\u00a0: "
        + "\u00a0; ".join(
            f"{g.name}\u00a0: {_share(g.expected)} attendus, {_share(g.share)} observés" for g in found.gaps
        )
        + "."
    )
    title = "Part de chaque public\u00a0: prévision et mesure"
    return tag(
        "div",
        figure(uid, _LABEL_W + _PLOT_W + _RIGHT, height, title, desc, body, "kit-suites-chart__svg"),
        class_="kit-suites-chart",
    )

"""The usage kit of the R.O.I. citoyen, personalised with the client's data."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from macros.compute.choice import LEVEL_LABELS
from macros.compute.fmt import count, day, number
from macros.compute.french import after_colon
from macros.compute.roi import analyse, scenario_agent_days
from macros.compute.workshop_plan import CARD_SECONDS, SCORE_SECONDS, Plan, Sequence
from macros.compute.workshop_plan import plan as compute_plan
from macros.loading.kit import Kit
from macros.model.library import Criterion
from macros.render.html import Markup, join, tag
from macros.render.widgets.roi_common import nothing_yet, roi_table

__all__ = [
    "criteria_cards",
    "place_and_participants",
    "publics_cards",
    "scenarios_cards",
    "technique_cards",
    "timing_note",
    "workshop_date",
    "workshop_plan",
]

GROUPS = (
    ("citoyen", "cout", "Ce que ça coûte au citoyen"),
    ("citoyen", "benefice", "Ce que le citoyen y gagne"),
    ("acteur", "benefice", "Ce que la collectivité y gagne"),
    ("acteur", "cout", "Ce que ça coûte à la collectivité"),
)
FORMATS = {"presentiel": "en présentiel", "en-ligne": "en ligne", "hybride": "hybride"}


def _dl(pairs: list[tuple[str, object]], css: str) -> Markup:
    items = [tag("div", join([tag("dt", k), tag("dd", v)], ""), class_=f"{css}__row") for k, v in pairs if v]
    return tag("dl", join(items), class_=css)


def _card(criterion: Criterion, level: int = 4) -> Markup:
    levels = tag(
        "ol",
        join(
            [
                tag(
                    "li",
                    join(
                        [tag("span", str(n), class_="kit-roi-card__level"), tag("span", criterion.levels[n])],
                        " ",
                    ),
                    value=str(n),
                )
                for n in range(5)
            ]
        ),
        class_="kit-roi-card__levels",
        start="0",
    )
    return tag(
        "article",
        join(
            [
                tag(f"h{level}", criterion.label, class_="kit-roi-card__title"),
                tag("p", criterion.question, class_="kit-roi-card__question"),
                levels,
            ]
        ),
        class_=f"kit-roi-card kit-roi-card--{criterion.direction}",
        id=f"critere-{criterion.id}",
    )


def criteria_cards(kit: Kit, level: int = 3) -> Markup:
    """One card per criterion, with the written descriptor of each level 0-4.

    ``level`` is the heading level of the groups (the cards take the next one).
    """
    blocks = []
    for side, direction, title in GROUPS:
        cards = [
            _card(c, level + 1) for c in kit.library.criteria if c.side == side and c.direction == direction
        ]
        if cards:
            blocks.append(
                tag(
                    "section",
                    join([tag(f"h{level}", title), tag("div", join(cards), class_="kit-roi-cards")]),
                    class_="kit-roi-cards__group",
                )
            )
    return join(blocks)


def _criterion_names(kit: Kit, ids: list[str]) -> str:
    labels = {c.id: c.label.lower() for c in kit.library.criteria}
    return ", ".join(labels.get(i, i) for i in ids)


def _unique(names: list[str]) -> list[str]:
    """Relays named by the client and by the library, once each (case aside)."""
    seen: dict[str, str] = {}
    for name in names:
        seen.setdefault(name.casefold(), name)
    return list(seen.values())


def publics_cards(kit: Kit) -> Markup:
    """The client's publics, with what weighs most for them and who can reach them."""
    if not kit.client.publics:
        return nothing_yet("Aucun public n’est encore choisi pour ce client.")
    merged = {p.id: p.sensitivities for p in analyse(kit).grid.publics}
    cards = []
    for chosen in kit.client.publics:
        profile = kit.library.public(chosen.id)
        sens = merged[chosen.id]
        heavier = _criterion_names(kit, sorted((c for c, w in sens.items() if w > 1), key=lambda c: -sens[c]))
        lighter = _criterion_names(kit, sorted(c for c, w in sens.items() if w < 1))
        relays = [s.name for s in kit.client.stakeholders if chosen.id in s.relays] + list(profile.relays)
        body = _dl(
            [
                ("Effectif", chosen.estimate),
                ("Qui", profile.description),
                ("Compte davantage", heavier),
                ("Compte moins", lighter),
                ("Comment l’informer", ", ".join(profile.channels)),
                ("Qui peut l’inviter", ", ".join(_unique(relays))),
                ("Note", chosen.note),
            ],
            "kit-roi-public",
        )
        badge = tag("span", "prioritaire", class_="kit-roi-badge") if chosen.priority else Markup("")
        cards.append(
            tag(
                "article",
                join([tag("h3", join([tag("span", profile.name), badge], " ")), body]),
                class_="kit-roi-public-card",
            )
        )
    return tag("div", join(cards), class_="kit-roi-cards")


def scenarios_cards(kit: Kit) -> Markup:
    """Each scenario with its techniques, its rules of the game and its commitments."""
    if not kit.client.scenarios:
        return nothing_yet("Aucun scénario n’est encore décrit pour ce client.")
    techniques = {t.id: t for t in kit.library.techniques}
    project = kit.client.project
    cards = []
    for scenario in kit.client.scenarios:
        used = [
            f"{techniques[t].name} ({LEVEL_LABELS[techniques[t].level].lower()})"
            for t in scenario.techniques
            if t in techniques
        ]
        when = kit.client.decision_day(scenario)
        dues = [(c, kit.client.feedback_day(c)) for c in scenario.feedback]
        feedback = [
            f"{c.form}" + (f", au plus tard le {day(due)}" if due else ", date à fixer") for c, due in dues
        ]
        body = _dl(
            [
                ("Techniques", ", ".join(used)),
                ("Jours-agent", number(scenario_agent_days(scenario, kit.library))),
                ("Ce qui est ouvert", " ; ".join(scenario.negotiable or project.perimeter.negotiable)),
                ("Ce qui ne l’est pas", " ; ".join(scenario.fixed or project.perimeter.fixed)),
                (
                    "Qui décide, quand",
                    kit.client.decider(scenario) + (f", le {day(when)}" if when else ", date à fixer"),
                ),
                ("Rôle des élus", scenario.elected_role or "à préciser"),
                ("Atténuations possibles", " ; ".join(m.title for m in scenario.mitigations)),
                ("Retours promis", " ; ".join(feedback) or "à définir"),
            ],
            "kit-roi-scenario",
        )
        cards.append(
            tag(
                "article",
                join([tag("h3", scenario.title), tag("p", scenario.summary), body]),
                class_="kit-roi-scenario-card",
            )
        )
    return tag("div", join(cards), class_="kit-roi-cards kit-roi-cards--wide")


def technique_cards(kit: Kit) -> Markup:
    """Data cards of the techniques the client's scenarios use."""
    wanted = list(dict.fromkeys(t for s in kit.client.scenarios for t in s.techniques))
    if not wanted:
        return nothing_yet("Aucune technique retenue pour l’instant.")
    labels = {c.id: c.label for c in kit.library.criteria}
    cards = []
    for technique in (t for t in kit.library.techniques if t.id in wanted):
        suggestion = ", ".join(f"{labels.get(c, c).lower()} {v}" for c, v in technique.default_scores.items())
        body = _dl(
            [
                ("Niveau de participation", LEVEL_LABELS[technique.level]),
                ("Format", FORMATS[technique.format]),
                ("Durée", technique.duration),
                ("Taille du groupe", technique.group_size),
                ("Jours-agent par occurrence", number(technique.agent_days)),
                ("Besoins", ", ".join(technique.needs)),
                ("Déroulé", " ; ".join(technique.steps)),
                ("Matériel", ", ".join(technique.materials)),
                ("Écueils", " ; ".join(technique.pitfalls)),
                ("Suggestion de notes (non comptée)", suggestion),
            ],
            "kit-roi-technique",
        )
        cards.append(
            tag(
                "article",
                join([tag("h3", technique.name), tag("p", technique.summary), body]),
                class_="kit-roi-technique-card",
                id=f"technique-{technique.id}",
            )
        )
    return tag("div", join(cards), class_="kit-roi-cards kit-roi-cards--wide")


def workshop_date(kit: Kit) -> date | None:
    if kit.client.roi.workshop.day:
        return kit.client.roi.workshop.day
    entry = next((e for e in kit.client.calendar if e.step == "atelier-roi"), None)
    return entry.start if entry else None


def _clock(moment: datetime) -> str:
    """``14 h``, ``14 h 15``: the French way of writing a time."""
    return f"{moment.hour} h" + (f" {moment.minute:02d}" if moment.minute else "")


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest:02d}" if rest else "")


def _tables_text(sequence: Sequence) -> str:
    if len(sequence.publics) == 1:
        return f"Toute la salle : {sequence.publics[0][0]}."
    return (
        "Table "
        + " ; table ".join(f"{n} : {group[0]}" for n, group in enumerate(sequence.publics, start=1))
        + "."
    )


def _detail(kit: Kit, workshop_plan: Plan, sequence: Sequence) -> str:
    project = kit.client.project
    items = [i.rstrip(".") for i in project.perimeter.fixed]
    fixed = " ; ".join(items[:1] + [i[:1].lower() + i[1:] for i in items[1:]]) or "à dire en ouverture"
    per_public = f"{count(workshop_plan.kept, 'critère')} × {count(workshop_plan.scenarios, 'scénario')}"
    words = {
        "opening": f"Ce qui sera décidé : {after_colon(project.decision.rstrip('.'))}. Ce qui n’est pas négociable : {fixed}.",
        "scenarios": " / ".join(s.title for s in kit.client.scenarios) or "scénarios à présenter",
        "calibration": "Toute la salle note ensemble un critère, cartes des descripteurs en main.",
        "pause": "Les fiches restent au mur ; personne ne saisit rien pendant la pause.",
        "actor": f"Toute la salle : {count(workshop_plan.actor_criteria, 'critère')} de la collectivité × {count(workshop_plan.scenarios, 'scénario')}, une note par scénario.",
        "reading": "Chaque table présente ses fiches ; où les coûts pèsent-ils le plus, qui reste en arrière ?",
        "levers": "Quelles atténuations aideraient le public le moins bien servi, pour combien de jours-agent ?",
        "gates": "Élus, services, citoyens : les points à surveiller, vus sur les fiches.",
        "next": "Qui recopie les fiches dans le tableur, et quand ; le classement calculé est envoyé sous une semaine, les élus choisissent ensuite.",
    }
    if sequence.key == "public":
        return f"{_tables_text(sequence)} Ce que ça me coûte, ce que j’y gagne, ce qui me ferait venir : {per_public}."
    return words[sequence.key]


def timing_note(kit: Kit) -> Markup:
    """Why the run-sheet is cut as it is: the size of the grid against the half-day."""
    p = compute_plan(kit)
    if not p.publics or not p.scenarios:
        return nothing_yet("Le déroulé se calcule dès que le client a des publics et des scénarios.")
    size = (
        f"{count(p.publics, 'public')} × {count(p.criteria, 'critère')} × {count(p.scenarios, 'scénario')} = "
        f"{count(p.scores, 'note citoyenne', 'notes citoyennes')}, "
        f"plus {count(p.actor_criteria * p.scenarios, 'note')} de la collectivité. À raison de {CARD_SECONDS} secondes pour lire "
        f"la carte d’un critère et de {SCORE_SECONDS} secondes par note (vote à main levée et raison écrite), "
        f"toute la grille dans une seule salle prendrait {_duration(p.one_room)}, pour une demi-journée de {_duration(p.length)}."
    )
    if p.tables == 1 and p.kept == p.criteria:
        advice = "La grille tient dans la demi-journée : toute la salle note ensemble."
    elif p.kept == p.criteria:
        advice = (
            f"Proposition : partager la salle en {p.tables} tables d’au moins trois personnes, qui prennent chacune "
            f"une partie des publics en parallèle ; la mise en commun se fait à la lecture des fiches."
        )
    else:
        advice = (
            f"Même en {p.tables} tables, la grille ne tient pas : chaque public note d’abord les {p.kept} critères qui "
            "comptent le plus pour lui (ses sensibilités) ; les autres restent « non notés » et ne comptent pas, ou "
            "se notent lors d’un second atelier."
        )
    return join([tag("p", size), tag("p", advice, class_="kit-roi-timing__advice")])


def workshop_plan(kit: Kit) -> Markup:
    """The half-day, sequence by sequence, timed from the size of the grid."""
    p = compute_plan(kit)
    workshop = kit.client.roi.workshop
    hour, minute = (int(x) for x in workshop.start.split(":"))
    clock = datetime(2000, 1, 1, hour, minute)
    rows = []
    for sequence in p.sequences:
        end = clock + timedelta(minutes=sequence.minutes)
        rows.append(
            tag(
                "tr",
                join(
                    [
                        tag("td", f"{_clock(clock)} – {_clock(end)}"),
                        tag("th", sequence.title, scope="row"),
                        tag("td", f"{sequence.minutes} min"),
                        tag("td", _detail(kit, p, sequence)),
                    ],
                    "",
                ),
            )
        )
        clock = end
    when = workshop_date(kit)
    caption = "Déroulé de la demi-journée" + (f" du {day(when, 'EEEE d MMMM y')}" if when else "")
    return roi_table(caption, ["Horaire", "Séquence", "Durée", "Contenu"], rows, "kit-roi-timeline")


def place_and_participants(kit: Kit) -> Markup:
    workshop = kit.client.roi.workshop
    hour, minute = workshop.start.split(":")
    start = f"{int(hour)} h" + ("" if minute == "00" else f" {minute}")
    parts = [
        tag(
            "p",
            join(
                [
                    tag("strong", "Où"),
                    Markup(" : "),
                    tag("span", workshop.place or "lieu à fixer"),
                    Markup(f", à partir de {start}."),
                ],
                "",
            ),
        )
    ]
    if workshop.participants:
        parts.append(tag("p", tag("strong", "Participants prévus :")))
        parts.append(tag("ul", join([tag("li", p) for p in workshop.participants])))
    return join(parts)

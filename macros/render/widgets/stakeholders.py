"""Stakeholder map: Mendelow's power/interest grid, the table by quadrant, relays.

Named people are personal data: :func:`contacts_table` is the only function
that reads ``contact`` and it refuses to render anywhere but on a page whose
audience is agents alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from macros.compute.choice import LEVEL_LABELS
from macros.errors import KitError, Problem
from macros.loading.kit import Kit
from macros.model.client import Stakeholder
from macros.render.html import Markup, join, tag
from macros.render.widgets.parameters import empty, table
from macros.render.widgets.svgfig import figure, svg, svg_text, wrap

__all__ = [
    "ATTITUDE_LABELS",
    "CATEGORY_LABELS",
    "QUADRANTS",
    "contacts_table",
    "quadrant",
    "relays_table",
    "stakeholder_grid",
    "stakeholder_map",
    "stakeholder_table",
    "stakeholders_sorted",
]

CATEGORY_LABELS = {
    "elus": "Élus",
    "services": "Services",
    "habitants": "Habitants",
    "associations": "Associations",
    "acteurs-economiques": "Acteurs économiques",
    "institutions": "Institutions",
    "medias": "Médias",
}
ATTITUDE_LABELS = {"favorable": "Favorable", "neutre": "Neutre", "reserve": "Réservée", "oppose": "Opposée"}
# (id, label, what to do), in the order of the table.
QUADRANTS = (
    ("gerer", "Gérer de près", "pouvoir fort, intérêt fort : associer à chaque étape"),
    ("satisfaire", "Satisfaire", "pouvoir fort, intérêt faible : consulter sur ce qui le touche"),
    ("informer", "Tenir informé", "pouvoir faible, intérêt fort : informer et écouter régulièrement"),
    ("surveiller", "Surveiller", "pouvoir faible, intérêt faible : garder un œil, informer au besoin"),
)
_HIGH = 3  # on the 1-4 scale, 3 and 4 are "high"

# Okabe-Ito colours (colour-blind safe); the shape also tells the attitude.
_ATTITUDE_STYLE = {
    "favorable": ("circle", "#006e52"),
    "neutre": ("square", "#44546a"),
    "reserve": ("triangle", "#8a5a00"),
    "oppose": ("diamond", "#b33c00"),
}


def quadrant(holder: Stakeholder) -> str:
    high_power, high_interest = holder.power >= _HIGH, holder.interest >= _HIGH
    if high_power:
        return "gerer" if high_interest else "satisfaire"
    return "informer" if high_interest else "surveiller"


def stakeholders_sorted(holders: Sequence[Stakeholder]) -> list[Stakeholder]:
    """By quadrant (manage closely first), then power, interest, name."""
    rank = {q[0]: i for i, q in enumerate(QUADRANTS)}
    return sorted(holders, key=lambda h: (rank[quadrant(h)], -h.power, -h.interest, h.name))


# --- The grid ------------------------------------------------------------------

_W, _H = 760, 470
_PLOT = (70, 20, 470, 400)  # x0, y0, width, height of the plotting area


def _xy(interest: float, power: float) -> tuple[float, float]:
    x0, y0, w, h = _PLOT
    return x0 + (interest - 0.5) * w / 4, y0 + (4.5 - power) * h / 4


def _marker(kind: str, colour: str, x: float, y: float, number: int | None, r: float = 13.0) -> Markup:
    common = {"fill": "#ffffff", "stroke": colour, "stroke_width": 2.5}
    if kind == "circle":
        shape = svg("circle", cx=x, cy=y, r=r, **common)
    elif kind == "square":
        shape = svg("rect", x=x - r + 1, y=y - r + 1, width=2 * r - 2, height=2 * r - 2, **common)
    elif kind == "triangle":
        points = f"{x:.1f},{y - r - 3:.1f} {x + r + 2:.1f},{y + r - 1:.1f} {x - r - 2:.1f},{y + r - 1:.1f}"
        shape = svg("polygon", points=points, **common)
    else:
        points = (
            f"{x:.1f},{y - r - 2:.1f} {x + r + 2:.1f},{y:.1f} {x:.1f},{y + r + 2:.1f} {x - r - 2:.1f},{y:.1f}"
        )
        shape = svg("polygon", points=points, **common)
    if number is None:
        return shape
    dy = 4.5 if kind != "triangle" else 7.0
    label = svg_text(
        x, y + dy, str(number), text_anchor="middle", font_size=12, font_weight="bold", fill="#1a1a1a"
    )
    return join([shape, label], "")


def _background() -> Markup:
    x0, y0, w, h = _PLOT
    fills = {"satisfaire": "#eef3f8", "gerer": "#e4edf5", "surveiller": "#f7f7f7", "informer": "#eef3f8"}
    parts = []
    for (qid, label, _), (col, row) in zip(QUADRANTS, [(1, 0), (0, 0), (1, 1), (0, 1)], strict=True):
        x, y = x0 + col * w / 2, y0 + row * h / 2
        parts.append(
            svg("rect", x=float(x), y=float(y), width=w / 2, height=h / 2, fill=fills[qid], stroke="#5b6770")
        )
        parts.append(
            svg_text(
                x + 8,
                y + 18,
                label,
                font_size=14,
                font_weight="bold",
                fill="#1d2a36",
                class_="kit-grid__quadrant",
            )
        )
    return join(parts, "")


def _axes() -> Markup:
    x0, y0, w, h = _PLOT
    parts = [
        svg_text(
            x0 + w / 2,
            y0 + h + 40,
            "Intérêt pour le projet →",
            text_anchor="middle",
            font_size=13,
            fill="#1a1a1a",
        ),
        svg_text(
            18,
            y0 + h / 2,
            "Pouvoir sur la décision →",
            text_anchor="middle",
            font_size=13,
            fill="#1a1a1a",
            transform=f"rotate(-90 18 {y0 + h / 2:.0f})",
        ),
    ]
    for n in range(1, 5):
        x, y = _xy(n, 0.5)
        parts.append(svg_text(x, y + 18, str(n), text_anchor="middle", font_size=12, fill="#1a1a1a"))
        x, y = _xy(0.5, n)
        parts.append(svg_text(x - 10, y + 4, str(n), text_anchor="end", font_size=12, fill="#1a1a1a"))
    return join(parts, "")


def _markers(ordered: list[Stakeholder]) -> Markup:
    cells: dict[tuple[int, int], list[int]] = {}
    for number, holder in enumerate(ordered, start=1):
        cells.setdefault((holder.interest, holder.power), []).append(number)
    parts = []
    for (interest, power), numbers in cells.items():
        cx, cy = _xy(interest, power)
        per_row = 3
        for k, number in enumerate(numbers):
            row, col = divmod(k, per_row)
            in_row = min(per_row, len(numbers) - row * per_row)
            x = cx + (col - (in_row - 1) / 2) * 34
            y = cy + 8 + row * 34 - (len(numbers) > per_row) * 17
            kind, colour = _ATTITUDE_STYLE[ordered[number - 1].attitude]
            parts.append(_marker(kind, colour, x, y, number))
    return join(parts, "")


def _legend(ordered: list[Stakeholder]) -> Markup:
    x = _PLOT[0] + _PLOT[2] + 24
    parts = [svg_text(x, 30, "Parties prenantes", font_size=13, font_weight="bold", fill="#1a1a1a")]
    y = 52
    for number, holder in enumerate(ordered, start=1):
        for i, line in enumerate(wrap(holder.name, 30)):
            parts.append(
                svg_text(x, y, f"{number}. {line}" if i == 0 else f"    {line}", font_size=12, fill="#1a1a1a")
            )
            y += 15
        y += 3
    y += 10
    parts.append(svg_text(x, y, "Forme = attitude", font_size=13, font_weight="bold", fill="#1a1a1a"))
    for attitude, (kind, colour) in _ATTITUDE_STYLE.items():
        y += 22
        parts.append(_marker(kind, colour, x + 10, y - 4, None, r=7.0))
        parts.append(svg_text(x + 26, y, ATTITUDE_LABELS[attitude], font_size=12.5, fill="#1a1a1a"))
    return join(parts, "")


def stakeholder_grid(kit: Kit, uid: str = "carte-parties-prenantes") -> Markup:
    """The power/interest grid as inline SVG (numbers refer to the table)."""
    ordered = stakeholders_sorted(kit.client.stakeholders)
    if not ordered:
        return empty("Cartographie des parties prenantes")
    counts = {q[0]: 0 for q in QUADRANTS}
    for holder in ordered:
        counts[quadrant(holder)] += 1
    desc = (
        f"Grille pouvoir / intérêt de {len(ordered)} parties prenantes. "
        + " ; ".join(f"{label} : {counts[qid]}" for qid, label, _ in QUADRANTS)
        + ". Le détail est dans le tableau qui suit."
    )
    height = max(_H, 60 + len(ordered) * 34 + 140)
    body = join([_background(), _axes(), _markers(ordered), _legend(ordered)], "")
    title = f"Cartographie des parties prenantes — {kit.client.project.title}"
    return figure(uid, _W, height, title, desc, body, "kit-grid__svg")


# --- Tables ----------------------------------------------------------------------


def _public_names(kit: Kit, ids: Sequence[str]) -> str:
    names = {p.id: p.name for p in kit.library.publics}
    return ", ".join(names.get(i, i) for i in ids) or "—"


def stakeholder_table(kit: Kit) -> Markup:
    ordered = stakeholders_sorted(kit.client.stakeholders)
    if not ordered:
        return empty("Parties prenantes")
    heads = (
        "N°",
        "Partie prenante",
        "Quadrant",
        "Catégorie",
        "Pouvoir / intérêt (sur 4)",
        "Attitude",
        "Publics relayés",
        "Niveau visé",
        "Canal",
    )
    labels = {qid: label for qid, label, _ in QUADRANTS}
    rows = []
    for number, h in enumerate(ordered, start=1):
        cells = [
            tag("td", str(number)),
            tag("th", h.name, scope="row"),
            tag("td", labels[quadrant(h)]),
            tag("td", CATEGORY_LABELS[h.category]),
            tag("td", f"{h.power} / {h.interest}", class_="kit-num"),
            tag(
                "td",
                tag("span", ATTITUDE_LABELS[h.attitude], class_=f"kit-attitude kit-attitude--{h.attitude}"),
            ),
            tag("td", _public_names(kit, h.relays)),
            tag("td", LEVEL_LABELS[h.target_level]),
            tag("td", h.channel or "—"),
        ]
        rows.append(
            tag("tr", join(cells, ""), class_=f"kit-stakeholders__row kit-stakeholders__row--{quadrant(h)}")
        )
    return table(
        "Parties prenantes, classées par quadrant de la grille pouvoir / intérêt",
        heads,
        rows,
        "kit-stakeholders",
    )


def quadrant_guide() -> Markup:
    items = [
        tag("li", join([tag("strong", label), Markup(" — "), tag("span", what)], ""))
        for _, label, what in QUADRANTS
    ]
    return tag("ul", join(items), class_="kit-grid__guide")


def relays_table(kit: Kit) -> Markup:
    """For each public of the client: who can reach it, and through which channels."""
    publics = kit.client.publics
    if not publics:
        return empty("Publics visés")
    rows = []
    for public in publics:
        profile = next((p for p in kit.library.publics if p.id == public.id), None)
        name = profile.name if profile else public.id
        local = [h.name for h in kit.client.stakeholders if public.id in h.relays]
        generic = profile.relays if profile else []
        channels = profile.channels if profile else []
        relays = (
            tag("ul", join(tag("li", r) for r in local))
            if local
            else tag("span", "Aucun relais identifié parmi les parties prenantes", class_="kit-warning")
        )
        rows.append(
            tag(
                "tr",
                join(
                    [
                        tag(
                            "th",
                            join(
                                [
                                    tag("span", name),
                                    tag("span", " (prioritaire)", class_="kit-priority")
                                    if public.priority
                                    else Markup(""),
                                ],
                                "",
                            ),
                            scope="row",
                        ),
                        tag("td", relays),
                        tag("td", ", ".join(generic) or "—"),
                        tag("td", ", ".join(channels) or "—"),
                    ],
                    "",
                ),
            )
        )
    heads = ("Public", "Relais parmi les parties prenantes", "Autres relais possibles", "Canaux")
    return table("Relais par public visé", heads, rows, "kit-relays")


def stakeholder_map(kit: Kit) -> Markup:
    """Grid, guide and table, in the order a reader needs them."""
    return join(
        [
            tag("figure", stakeholder_grid(kit), class_="kit-grid"),
            quadrant_guide(),
            stakeholder_table(kit),
        ]
    )


def contacts_table(kit: Kit, audience: Sequence[str] | None, page: str = "docs") -> Markup:
    """Named contacts: personal data, only on a page read by agents alone."""
    if list(audience or []) != ["agents"]:
        message = f"les coordonnées des parties prenantes ne s’affichent que sur une page « audience: [agents] » (reçu : {', '.join(audience or []) or 'aucune'})"
        raise KitError([Problem(page, message, None, ("audience",))])
    holders = [h for h in stakeholders_sorted(kit.client.stakeholders) if h.contact]
    if not holders:
        return empty("Contacts des parties prenantes")
    rows = []
    for h in holders:
        c = h.contact
        assert c is not None  # holders have a contact
        rows.append(
            tag(
                "tr",
                join(
                    [
                        tag("th", h.name, scope="row"),
                        tag("td", c.name or "—"),
                        tag("td", tag("a", c.email, href=f"mailto:{c.email}") if c.email else "—"),
                        tag("td", c.phone or "—"),
                    ],
                    "",
                ),
            )
        )
    heads = ("Partie prenante", "Interlocuteur", "Courriel", "Téléphone")
    head = tag("tr", join([tag("th", x, scope="col") for x in heads], ""))
    caption = tag("caption", "Contacts des parties prenantes (données personnelles, usage interne)")
    return tag(
        "table",
        join([caption, tag("thead", head), tag("tbody", join(rows))]),
        class_="kit-table kit-contacts",
    )

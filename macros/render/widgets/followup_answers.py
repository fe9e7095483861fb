"""What was heard and what is done with it: answers, commitments, quotes, the process.

Every citizen text here is a contribution as it was recorded: it enters the
page through :func:`macros.render.html.tag` (escaped, never Markdown), keeps
its words and is shown in quotation marks with where and when it was said,
never with who said it. An answer's kind and a commitment's status are
written in words, with a symbol, never told by colour alone.
"""

from __future__ import annotations

from macros.compute.fmt import count
from macros.compute.followup import (
    answers_by_theme,
    by_theme,
    channel_order,
    has_follow_up,
    quotes,
    theme_titles,
)
from macros.compute.french import after_colon
from macros.compute.names import decider
from macros.loading.kit import Kit
from macros.model.followup import ANSWER_LABELS, COMMITMENT_LABELS, Answer, Commitment
from macros.render.html import Markup, join, tag
from macros.render.widgets.followup_charts import long_day as day
from macros.render.widgets.followup_charts import percent

__all__ = ["VERBATIM", "answers", "commitments", "process", "quote_list", "summary_line", "vocabulary"]

VERBATIM = "kit-verbatim"
"""Class of an element holding what a citizen typed: shown as typed, no pass rewrites it."""

_ANSWER_MARKS = {"retenue": "✓", "retenue-en-partie": "◐", "non-retenue": "✗", "hors-perimetre": "→"}
_STATUS_MARKS = {"fait": "✓", "en-cours": "◐", "a-faire": "○"}


def _empty(message: str) -> Markup:
    return tag("p", message, class_="kit-empty")


def summary_line(kit: Kit) -> Markup:
    """« 178 contributions, du 17 avril au 14 mai 2027, par 7 rendez-vous et canaux. »"""
    items = kit.contributions
    if not items:
        return _empty("Aucune contribution n’est encore importée.")
    first, last = min(c.day for c in items), max(c.day for c in items)
    channels = len({c.channel for c in items})
    span = (
        f"le {day(first)}"
        if first == last
        else f"du {day(first, 'd MMMM' if first.year == last.year else 'd MMMM y')} au {day(last)}"
    )
    gathered = "recueillies" if len(items) > 1 else "recueillie"
    where = count(channels, "rendez-vous ou canal", "rendez-vous ou canaux")
    return tag(
        "p",
        f"{count(len(items), 'contribution')} {gathered} {span}, sur {where}.",
        class_="kit-suites-summary",
    )


# --- Quotes -----------------------------------------------------------------------


def quote_list(kit: Kit) -> Markup:
    chosen = quotes(kit)
    if not chosen:
        return _empty("Aucune citation n’a encore été choisie.")
    titles = theme_titles(kit)
    items = []
    for item in chosen:
        source = f"{item.channel}, {day(item.day)} — thème « {titles.get(item.theme, item.theme)} »"
        items.append(
            tag(
                "figure",
                join([tag("blockquote", tag("p", item.text, class_=VERBATIM)), tag("figcaption", source)]),
                class_="kit-suites-quote",
            )
        )
    return tag("div", join(items), class_="kit-suites-quotes")


# --- Answers ------------------------------------------------------------------------


def _answer(answer: Answer) -> Markup:
    badge = tag(
        "span",
        f"{_ANSWER_MARKS[answer.kind]} {ANSWER_LABELS[answer.kind]}",
        class_=f"kit-suites-badge kit-suites-badge--{answer.kind}",
    )
    what = tag("strong", answer.proposal) if answer.proposal else tag("span", "pour l’ensemble du thème")
    head = join([badge, Markup(" "), what])
    parts = [
        tag("p", head, class_="kit-suites-answer__head"),
        # After « : » a sentence takes no capital, a body its article: « le conseil municipal ».
        tag("p", join([tag("strong", "Pourquoi : "), after_colon(answer.why)])),
        tag(
            "p",
            join(
                [tag("strong", "Qui a décidé : "), f"{decider(answer.decider).the()}, le {day(answer.day)}."]
            ),
        ),
    ]
    if answer.next_step:
        due = f" Échéance : {day(answer.due)}." if answer.due else ""
        parts.append(tag("p", join([tag("strong", "Et ensuite : "), after_colon(answer.next_step) + due])))
    return tag("li", join(parts), class_="kit-suites-answer")


def answers(kit: Kit) -> Markup:
    """Every theme, how many spoke of it, what was heard, and each answer with its reason."""
    if not has_follow_up(kit):
        return _empty("Aucune contribution n’est encore importée.")
    by_id = answers_by_theme(kit)
    total = len(kit.contributions)
    sections = []
    for theme, n in by_theme(kit):
        heard = tag(
            "p",
            f"{count(n, 'contribution')} ({percent(n, total)} du total).",
            class_="kit-suites-theme__count",
        )
        summary = tag("p", theme.summary) if theme.summary else Markup("")
        found = by_id.get(theme.id, [])
        body = (
            tag("ul", join(_answer(a) for a in found), class_="kit-suites-answers")
            if found
            else _empty("Réponse à venir.")
        )
        sections.append(
            tag(
                "section",
                join([tag("h3", theme.title, id=f"theme-{theme.id}"), heard, summary, body]),
                class_="kit-suites-theme",
            )
        )
    return join(sections)


# --- Commitments -----------------------------------------------------------------------


def _commitment_row(item: Commitment, titles: dict[str, str]) -> Markup:
    status = tag(
        "span",
        f"{_STATUS_MARKS[item.status]} {COMMITMENT_LABELS[item.status]}",
        class_=f"kit-suites-status kit-suites-status--{item.status}",
    )
    progress = item.progress or ""
    if item.updated:
        progress = f"{progress} (point au {day(item.updated)})".strip()
    cells = [
        tag("th", item.title, scope="row"),
        tag("td", titles.get(item.theme, "—") if item.theme else "—"),
        tag("td", item.owner or "—"),
        tag("td", day(item.due) if item.due else "—"),
        tag("td", status),
        tag("td", progress or "—"),
    ]
    return tag("tr", join(cells, ""))


def commitments(kit: Kit) -> Markup:
    follow = kit.client.follow_up
    items = follow.commitments if follow else []
    if not items:
        return _empty("Aucun engagement n’est encore inscrit.")
    titles = theme_titles(kit)
    done = sum(1 for c in items if c.status == "fait")
    going = sum(1 for c in items if c.status == "en-cours")
    line = tag(
        "p",
        f"{count(len(items), 'engagement')} : {done} fait{'s' if done > 1 else ''}, {going} en cours, {len(items) - done - going} à faire.",
        class_="kit-suites-summary",
    )
    head = tag(
        "tr",
        join(
            [
                tag("th", h, scope="col")
                for h in ("Engagement", "Thème", "Responsable", "Échéance", "Statut", "Où en est-on")
            ],
            "",
        ),
    )
    table = tag(
        "table",
        join(
            [
                tag("caption", "Engagements et leur avancement"),
                tag("thead", head),
                tag("tbody", join(_commitment_row(c, titles) for c in items)),
            ]
        ),
        class_="kit-table kit-suites-table",
    )
    return join([line, tag("div", table, class_="kit-table-scroll")])


# --- The process that was run --------------------------------------------------------------


def process(kit: Kit) -> Markup:
    """The events of the programme and the other channels, with what each gathered."""
    heard = {name: 0 for name in channel_order(kit)}
    for item in kit.contributions:
        heard[item.channel] = heard.get(item.channel, 0) + 1
    forms = {name: 0 for name in heard}
    for reply in kit.questionnaires:
        forms[reply.channel] = forms.get(reply.channel, 0) + 1
    meetings = {a.title: a for a in kit.client.parameters.appointments} if kit.client.parameters else {}
    venues = {v.id: v.name for v in kit.client.parameters.venues} if kit.client.parameters else {}
    rows = []
    for name in heard:
        meeting = meetings.get(name)
        when = day(meeting.day) if meeting else "—"
        where = (
            ("En ligne" if meeting.online else venues.get(meeting.venue or "", "—"))
            if meeting
            else "Hors programme"
        )
        cells = [
            tag("th", name, scope="row"),
            tag("td", when),
            tag("td", where),
            tag("td", heard[name], class_="kit-num"),
            tag("td", forms[name], class_="kit-num"),
        ]
        rows.append(tag("tr", join(cells, "")))
    head = tag(
        "tr",
        join(
            [
                tag("th", h, scope="col")
                for h in ("Rendez-vous ou canal", "Date", "Lieu", "Contributions", "Questionnaires")
            ],
            "",
        ),
    )
    table = tag(
        "table",
        join(
            [
                tag("caption", "Ce qui a eu lieu, et ce que chaque rendez-vous a recueilli"),
                tag("thead", head),
                tag("tbody", join(rows)),
            ]
        ),
        class_="kit-table kit-suites-table",
    )
    return join([summary_line(kit), tag("div", table, class_="kit-table-scroll")])


def vocabulary(kit: Kit) -> Markup:
    """What the columns ``canal``, ``theme`` and ``public`` of an import may say, for this client."""
    follow = kit.client.follow_up
    themes = [(t.id, t.title) for t in follow.themes] if follow else []
    known = {p.id: p.name for p in kit.library.publics}
    publics = [(p.id, known.get(p.id, p.id)) for p in kit.client.publics]
    rows = [
        tag("tr", join([tag("th", "canal", scope="row"), tag("td", name), tag("td", "—")], ""))
        for name in channel_order(kit)
    ]
    rows += [
        tag("tr", join([tag("th", "theme", scope="row"), tag("td", title), tag("td", tag("code", tid))], ""))
        for tid, title in themes
    ]
    rows += [
        tag("tr", join([tag("th", "public", scope="row"), tag("td", name), tag("td", tag("code", pid))], ""))
        for pid, name in publics
    ]
    if not themes:
        message = "Aucun thème n’est encore déclaré\u00a0: ajoutez la section «\u00a0suites\u00a0» de client.yml avec sa liste «\u00a0themes\u00a0»."
        return tag("p", message, class_="kit-warning")
    head = tag(
        "tr",
        join(
            [
                tag("th", h, scope="col")
                for h in ("Colonne", "Valeur possible", "Identifiant (accepté aussi)")
            ],
            "",
        ),
    )
    table = tag(
        "table",
        join(
            [
                tag("caption", "Ce que les colonnes peuvent contenir pour ce client"),
                tag("thead", head),
                tag("tbody", join(rows)),
            ]
        ),
        class_="kit-table kit-suites-table",
    )
    return tag("div", table, class_="kit-table-scroll")

"""The legal frame of the project: the procedures it declares and what they oblige.

Facts from the texts, article by article (``kits/bibliotheque/procedures.yml``);
the kit never says whether a project falls within a procedure's scope: the
client declares it, and the page says so.
"""

from __future__ import annotations

from macros.compute import names
from macros.compute.fmt import day
from macros.compute.promises import promises
from macros.loading.kit import Kit
from macros.loading.legal_checks import declared
from macros.model.procedures import MOMENTS, Obligation, Procedure
from macros.render.html import Markup, join, tag
from macros.render.widgets.parameters import row, table

__all__ = ["legal_frame", "legal_summary"]

_CAUTION = (
    "Ce tableau reprend les textes cités ; il ne dit pas si le projet entre dans leur champ et "
    "ne remplace pas l’avis du service juridique de la collectivité."
)


_NEEDS = {
    "rendez-vous": "des rendez-vous publics",
    "communication": "des moyens d’information",
    "retour": "une date de retour aux participants",
}


def _status(kit: Kit, obligation: Obligation) -> str:
    """Where the kit answers the obligation, or what is still to do."""
    client = kit.client
    if obligation.act == "deliberation":
        vote = next((v for v in client.project.deliberations if v.subject == obligation.id), None)
        if vote and vote.day:
            return f"Délibération du {day(vote.day)} ({names.decider(vote.body or client.project.decider).the()})"
        return "Délibération à dater"
    needs = {
        "rendez-vous": bool(client.parameters and client.parameters.appointments),
        "communication": bool(client.parameters and client.parameters.communication),
        "retour": promises(kit).report is not None,
    }
    missing = [n for n in obligation.requires if n in needs and not needs[n]]
    if missing:
        return "À compléter : " + ", ".join(_NEEDS[n] for n in missing)
    if obligation.requires:
        report = promises(kit).report
        if "retour" in obligation.requires and report:
            return f"Compte rendu au plus tard le {day(report.by)}"
        return "Prévu dans les paramètres"
    return "À vérifier"


def _obligations(kit: Kit, procedure: Procedure) -> Markup:
    rows = [
        row(MOMENTS[o.moment], o.label, procedure.cite(o.article), _status(kit, o))
        for o in procedure.obligations
    ]
    return table(
        f"Obligations : {procedure.name}",
        ("Quand", "Obligation", "Texte", "Dans ce kit"),
        rows,
        "kit-legal__obligations",
    )


def _stop_rule(kit: Kit, procedure: Procedure) -> Markup:
    rule = kit.offer.stop_rule
    if not (rule and procedure.mandatory):
        return Markup("")
    number = [s.id for s in kit.offer.steps].index(rule.before_step) + 1
    text = (
        f"La mission peut s’arrêter avant l’étape {number} ({kit.offer.step(rule.before_step).title}), si une information "
        f"des habitants suffit. Pour un projet soumis à cette procédure ({procedure.cite(procedure.articles[0])}), "
        "une information seule ne tient pas lieu de la concertation que le texte impose."
    )
    return tag("p", text, class_="kit-legal__stop")


def _procedure(kit: Kit, procedure: Procedure) -> Markup:
    nature = (
        "Procédure obligatoire pour les projets qui entrent dans son champ."
        if procedure.mandatory
        else "Procédure facultative, encadrée par les textes une fois engagée."
    )
    return tag(
        "section",
        join(
            [
                tag("h2", procedure.name, class_="kit-legal__title", id=f"procedure-{procedure.id}"),
                tag(
                    "p",
                    join(
                        [
                            tag("strong", "Textes : "),
                            tag("span", f"{procedure.code}, articles {', '.join(procedure.articles)}."),
                        ],
                        "",
                    ),
                ),
                tag("p", join([tag("strong", "Champ : "), tag("span", procedure.scope)], "")),
                tag("p", nature),
                _obligations(kit, procedure),
                _stop_rule(kit, procedure),
            ]
        ),
        class_="kit-legal__procedure",
    )


def _library_list(kit: Kit) -> Markup:
    rows = [row(p.name, f"{p.short} {', '.join(p.articles)}", p.scope) for p in kit.library.procedures]
    return table(
        "Procédures prévues par les textes", ("Procédure", "Textes", "Champ"), rows, "kit-legal__library"
    )


def legal_frame(kit: Kit) -> Markup:
    """The page: each declared procedure with its obligations, or what to verify when none is declared."""
    found = declared(kit.client, kit.library)
    parts = []
    if found:
        names = ", ".join(p.name for p in found)
        parts.append(
            tag(
                "p",
                f"La collectivité déclare que le projet relève de : {names}. Les obligations qui en découlent sont reprises ci-dessous, avec leur échéance dans ce kit.",
            )
        )
        parts += [_procedure(kit, p) for p in found]
    else:
        parts.append(
            tag(
                "p",
                "Aucune procédure réglementaire de participation n’est déclarée pour ce projet. "
                "À vérifier avec le service juridique avant de lancer la démarche : le projet relève-t-il de l’une des procédures suivantes ?",
            )
        )
        parts.append(_library_list(kit))
    if kit.client.collectivity.kind == "commune":
        parts.append(
            tag(
                "p",
                "Dans tous les cas, le code général des collectivités territoriales pose le droit des habitants de la commune "
                "à être informés des affaires de celle-ci et consultés sur les décisions qui les concernent (article L.2141-1).",
                class_="kit-legal__principle",
            )
        )
    parts.append(tag("p", _CAUTION, class_="kit-legal__caution"))
    return tag("div", join(parts), class_="kit-legal")


def legal_summary(kit: Kit) -> Markup:
    """For the cahier des charges: the procedures and the votes they require, in a few lines."""
    found = declared(kit.client, kit.library)
    if not found:
        return tag(
            "p",
            "Aucune procédure réglementaire de participation n’est déclarée pour ce projet (à vérifier par la collectivité).",
            class_="kit-empty",
        )
    rows = []
    for procedure in found:
        for o in procedure.obligations:
            rows.append(
                row(
                    procedure.cite(o.article),
                    o.short_label if o.act else o.label,
                    MOMENTS[o.moment],
                    _status(kit, o),
                )
            )
    intro = tag(
        "p",
        "Le projet relève de : "
        + ", ".join(f"{p.name} ({p.short} {', '.join(p.articles)})" for p in found)
        + ".",
    )
    return join(
        [
            intro,
            table(
                "Obligations de la procédure",
                ("Texte", "Obligation", "Quand", "Dans ce kit"),
                rows,
                "kit-legal__summary",
            ),
            tag("p", _CAUTION, class_="kit-legal__caution"),
        ]
    )

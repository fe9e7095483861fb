"""Checks across files: every id a client names must exist, and only once.

These run after each file has passed its own schema, so they can name the
exact item (``scenarios[1].techniques[0]``) and list what is known.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

from macros.errors import Loc, Problem, unknown
from macros.loading.attachments import IMAGE_SUFFIXES, attachment_problem
from macros.loading.deliverable_checks import check_deliverables
from macros.loading.legal_checks import check_legal_refs
from macros.loading.yamlsource import YamlDocument
from macros.model import Client, Library, Offer

__all__ = ["check_client", "check_library", "check_own_publics", "check_roi", "unknown", "with_own_publics"]


def _duplicates(doc: YamlDocument, items: list, loc: Loc, what: str) -> Iterator[Problem]:
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        if item.id in first:
            yield doc.problem(
                loc + (index, "id"),
                f"identifiant « {item.id} » en double (déjà utilisé par {what} n° {first[item.id] + 1})",
            )
        else:
            first[item.id] = index


def check_library(library: Library, docs: dict[str, YamlDocument]) -> list[Problem]:
    """Publics and techniques may only weigh or score known criteria."""
    criteria = {c.id for c in library.criteria}
    problems = []
    weighed: tuple[tuple[str, str, list[Mapping[str, object]]], ...] = (
        ("publics", "sensibilites", [p.sensitivities for p in library.publics]),
        ("techniques", "scores_defaut", [t.default_scores for t in library.techniques]),
    )
    for key, field, items in weighed:
        for index, mapping in enumerate(items):
            for cid in mapping:
                if cid not in criteria:
                    problems.append(
                        docs[key].problem((key, index, field, cid), unknown("critère", cid, criteria))
                    )
    return problems


def check_own_publics(client: Client, doc: YamlDocument, library: Library) -> list[Problem]:
    """A client's own publics: new ids, and sensitivities on known criteria, as in the library."""
    shared = {p.id for p in library.publics}
    criteria = {c.id for c in library.criteria}
    problems = list(_duplicates(doc, client.own_publics, ("publics_propres",), "le public"))
    for index, public in enumerate(client.own_publics):
        if public.id in shared:
            problems.append(
                doc.problem(
                    ("publics_propres", index, "id"),
                    f"le public « {public.id} » existe déjà dans la bibliothèque partagée : "
                    "choisissez-le dans « publics » ou donnez un autre identifiant au vôtre",
                )
            )
        for cid in public.sensitivities:
            if cid not in criteria:
                problems.append(
                    doc.problem(
                        ("publics_propres", index, "sensibilites", cid), unknown("critère", cid, criteria)
                    )
                )
    return problems


def with_own_publics(library: Library, client: Client) -> Library:
    """The library as this client sees it: the shared publics, then its own."""
    if not client.own_publics:
        return library
    shared = {p.id for p in library.publics}
    own = [p for p in client.own_publics if p.id not in shared]
    return library.model_copy(update={"publics": [*library.publics, *own]})


def check_client(
    client: Client,
    doc: YamlDocument,
    offers: list[Offer],
    library: Library,
    folder: Path,
    failed: frozenset[str] = frozenset(),
) -> list[Problem]:
    """Cross-checks of one client; those reading a section in ``failed`` (which did not
    pass its schema) are skipped, so that no check reports a consequence of another error."""

    def sound(*sections: str) -> bool:
        return not failed.intersection(sections)

    problems: list[Problem] = []
    by_id = {o.id: o for o in offers}
    offer = by_id.get(client.offer) if sound("offre") else None
    if sound("offre") and offer is None:
        problems.append(doc.problem(("offre",), unknown("offre", client.offer, by_id)))
    if offer is not None and sound("calendrier"):
        steps = {s.id for s in offer.steps}
        for i, entry in enumerate(client.calendar):
            if entry.step not in steps:
                problems.append(doc.problem(("calendrier", i, "etape"), unknown("étape", entry.step, steps)))
            if entry.end and entry.end < entry.start:
                problems.append(
                    doc.problem(
                        ("calendrier", i, "fin"),
                        f"la fin ({entry.end.isoformat()}) précède le début ({entry.start.isoformat()})",
                    )
                )
    if sound("publics", "parties_prenantes", "publics_propres"):
        problems.extend(_check_publics(client, doc, library))
    if sound("scenarios"):
        problems.extend(_check_scenarios(client, doc, library))
    if sound("collectivite"):
        problems.extend(_check_logo(client, doc, folder))
    if sound("roi", "scenarios", "publics", "publics_propres"):
        problems.extend(check_roi(client, doc, library))
    problems.extend(check_deliverables(client, doc, offer, failed))
    if sound("projet", "parametres"):
        problems.extend(check_legal_refs(client, doc, library))
    return problems


def _check_publics(client: Client, doc: YamlDocument, library: Library) -> Iterator[Problem]:
    known = {p.id for p in library.publics}
    yield from _duplicates(doc, client.publics, ("publics",), "le public")
    for i, public in enumerate(client.publics):
        if public.id not in known:
            hint = " ; un public que la bibliothèque n’a pas se décrit dans « publics_propres »"
            yield doc.problem(("publics", i, "id"), unknown("public", public.id, known) + hint)
    chosen = {p.id for p in client.publics}
    yield from _duplicates(doc, client.stakeholders, ("parties_prenantes",), "la partie prenante")
    for i, holder in enumerate(client.stakeholders):
        for j, pid in enumerate(holder.relays):
            if pid not in chosen:
                yield doc.problem(("parties_prenantes", i, "relaie", j), unknown("public", pid, chosen))


def _check_scenarios(client: Client, doc: YamlDocument, library: Library) -> Iterator[Problem]:
    known = {t.id for t in library.techniques}
    yield from _duplicates(doc, client.scenarios, ("scenarios",), "le scénario")
    for i, scenario in enumerate(client.scenarios):
        for j, tid in enumerate(scenario.techniques):
            if tid not in known:
                yield doc.problem(("scenarios", i, "techniques", j), unknown("technique", tid, known))


def _check_logo(client: Client, doc: YamlDocument, folder: Path) -> Iterator[Problem]:
    logo = client.collectivity.logo
    if logo is None:
        return
    target = (folder / logo).resolve()
    if not target.is_relative_to(folder.resolve()):
        yield doc.problem(("collectivite", "logo"), f"le chemin « {logo} » sort du dossier du client")
    elif not target.is_file():
        yield doc.problem(("collectivite", "logo"), f"image introuvable « {logo} » dans le dossier du client")
    elif target.suffix.lower() not in IMAGE_SUFFIXES:
        yield doc.problem(
            ("collectivite", "logo"), f"le logo « {logo} » doit être une image PNG, JPEG, WebP ou SVG"
        )
    elif found := attachment_problem(target):
        yield doc.problem(("collectivite", "logo"), f"logo « {logo} » : {found}")


# ---- R.O.I. citoyen: scenarios' mitigations and the workshop grid ----------


def check_roi(client: Client, doc: YamlDocument, library: Library) -> list[Problem]:
    """Every score, weight and id of the R.O.I. citoyen, named by file, line and field."""
    problems = list(_check_mitigations(client, doc, library))
    problems.extend(_check_weights(client, doc, library))
    problems.extend(_check_scores(client, doc, library))
    return problems


def _sides(library: Library) -> dict[str, str]:
    return {c.id: c.side for c in library.criteria}


def _criterion_problem(
    doc: YamlDocument, loc: Loc, cid: str, side: str, sides: dict[str, str]
) -> Problem | None:
    if cid not in sides:
        return doc.problem(loc, unknown("critère", cid, [c for c, s in sides.items() if s == side]))
    if sides[cid] != side:
        if sides[cid] == "acteur":
            return doc.problem(
                loc,
                f"« {cid} » est un critère de la collectivité : il se note sous « acteur », pas par public",
            )
        return doc.problem(
            loc, f"« {cid} » est un critère des citoyens : il se note par public, sous « publics »"
        )
    return None


def _check_mitigations(client: Client, doc: YamlDocument, library: Library) -> Iterator[Problem]:
    chosen = {p.id for p in client.publics}
    sides = _sides(library)
    for i, scenario in enumerate(client.scenarios):
        yield from _duplicates(doc, scenario.mitigations, ("scenarios", i, "attenuations"), "l’atténuation")
        for j, mitigation in enumerate(scenario.mitigations):
            base: Loc = ("scenarios", i, "attenuations", j, "ameliore")
            for pid, gains in mitigation.improves.items():
                if found := _public_problem(doc, base + (pid,), pid, chosen, library):
                    yield found
                for cid in gains:
                    if sides.get(cid) == "acteur":
                        yield doc.problem(
                            base + (pid, cid),
                            f"« {cid} » est un critère de la collectivité : une atténuation n’agit que sur les critères des citoyens",
                        )
                    elif found := _criterion_problem(doc, base + (pid, cid), cid, "citoyen", sides):
                        yield found


def _weight_problem(
    doc: YamlDocument, loc: Loc, value: object, what: str = "poids négatif"
) -> Problem | None:
    if value is not None and value < 0:  # type: ignore[operator]
        return doc.problem(
            loc, f"{what}, reçu le nombre {value} : 0 ou plus attendu (0 ignore le critère, 1 est neutre)"
        )
    return None


def _public_problem(
    doc: YamlDocument, loc: Loc, pid: str, chosen: set[str], library: Library
) -> Problem | None:
    if pid in chosen:
        return None
    if any(p.id == pid for p in library.publics):
        listed = ", ".join(sorted(chosen)) or "aucun"
        return doc.problem(
            loc,
            f"public « {pid} » non retenu par le client : ajoutez-le à la section « publics » (retenus : {listed})",
        )
    return doc.problem(loc, unknown("public", pid, chosen))


def _check_weights(client: Client, doc: YamlDocument, library: Library) -> Iterator[Problem]:
    roi = client.roi
    sides = _sides(library)
    chosen = {p.id for p in client.publics}
    for cid, weight in roi.weights.items():
        loc: Loc = ("roi", "poids", cid)
        if cid not in sides:
            yield doc.problem(loc, unknown("critère", cid, sides))
        found = _weight_problem(doc, loc, weight)
        if found:
            yield found
    for pid, row in roi.sensitivities.items():
        if found := _public_problem(doc, ("roi", "sensibilites", pid), pid, chosen, library):
            yield found
        for cid, weight in row.items():
            loc = ("roi", "sensibilites", pid, cid)
            if cid not in sides:
                yield doc.problem(loc, unknown("critère", cid, sides))
            found = _weight_problem(doc, loc, weight, "sensibilité négative")
            if found:
                yield found


def _score_problem(doc: YamlDocument, loc: Loc, score: int) -> Problem | None:
    if 0 <= score <= 4:
        return None
    if loc + ("note",) in doc.lines:
        loc = loc + ("note",)
    return doc.problem(loc, f"note hors de l’échelle, reçu le nombre {score} : entier de 0 à 4 attendu")


def _check_scores(client: Client, doc: YamlDocument, library: Library) -> Iterator[Problem]:
    scenarios = {s.id for s in client.scenarios}
    chosen = {p.id for p in client.publics}
    sides = _sides(library)
    for sid, scores in client.roi.scores.items():
        base: Loc = ("roi", "notes", sid)
        if sid not in scenarios:
            yield doc.problem(base, unknown("scénario", sid, scenarios))
        for cid, cell in scores.actor.items():
            loc = base + ("acteur", cid)
            found = _criterion_problem(doc, loc, cid, "acteur", sides) or _score_problem(doc, loc, cell.score)
            if found:
                yield found
        for pid, row in scores.publics.items():
            if found := _public_problem(doc, base + ("publics", pid), pid, chosen, library):
                yield found
            for cid, cell in row.items():
                loc = base + ("publics", pid, cid)
                found = _criterion_problem(doc, loc, cid, "citoyen", sides) or _score_problem(
                    doc, loc, cell.score
                )
                if found:
                    yield found

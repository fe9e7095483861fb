"""Checks across files: every id a client names must exist, and only once.

These run after each file has passed its own schema, so they can name the
exact item (``scenarios[1].techniques[0]``) and list what is known.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from .errors import Loc, Problem
from .model import Client, Library, Offer
from .yamlsource import YamlDocument

__all__ = ["check_client", "check_library", "unknown"]


_FEMININE = {"offre", "étape", "technique", "option", "audience", "partie prenante"}


def unknown(what: str, value: str, known: Iterable[str]) -> str:
    """Message for a reference to something that does not exist."""
    e = "e" if what in _FEMININE else ""
    listed = ", ".join(sorted(known)) or "aucun"
    return f"{what} inconnu{e} « {value} » (connu{e}s : {listed})"


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


def check_library(library: Library) -> list[Problem]:
    """Publics and techniques may only weigh or score known criteria."""
    criteria = {c.id for c in library.criteria}
    problems = []
    for public in library.publics:
        for cid in public.sensitivities:
            if cid not in criteria:
                problems.append(Problem("kits/bibliotheque/publics.yml", unknown("critère", cid, criteria), None, ("publics", public.id, "sensibilites", cid)))
    for technique in library.techniques:
        for cid in technique.default_scores:
            if cid not in criteria:
                problems.append(Problem("kits/bibliotheque/techniques.yml", unknown("critère", cid, criteria), None, ("techniques", technique.id, "scores_defaut", cid)))
    return problems


def check_client(
    client: Client, doc: YamlDocument, offers: list[Offer], library: Library, folder: Path
) -> list[Problem]:
    problems: list[Problem] = []
    by_id = {o.id: o for o in offers}
    if client.offer not in by_id:
        problems.append(doc.problem(("offre",), unknown("offre", client.offer, by_id)))
    else:
        steps = {s.id for s in by_id[client.offer].steps}
        for i, entry in enumerate(client.calendar):
            if entry.step not in steps:
                problems.append(doc.problem(("calendrier", i, "etape"), unknown("étape", entry.step, steps)))
            if entry.end and entry.end < entry.start:
                problems.append(doc.problem(("calendrier", i, "fin"), f"la fin ({entry.end.isoformat()}) précède le début ({entry.start.isoformat()})"))
    problems.extend(_check_publics(client, doc, library))
    problems.extend(_check_scenarios(client, doc, library))
    problems.extend(_check_logo(client, doc, folder))
    return problems


def _check_publics(client: Client, doc: YamlDocument, library: Library) -> Iterator[Problem]:
    known = {p.id for p in library.publics}
    yield from _duplicates(doc, client.publics, ("publics",), "le public")
    for i, public in enumerate(client.publics):
        if public.id not in known:
            yield doc.problem(("publics", i, "id"), unknown("public", public.id, known))
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

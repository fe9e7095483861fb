"""Which pages a build contains, and in what order: all of it is page data.

Each page says in its front matter who may read it (``audience``), which
deliverable component it belongs to (``composant``), its section of the
navigation (``rubrique``) and its rank (``ordre``). A page whose component is
not in the client's kit (its offer's deliverables and the options its quote
buys) is left out, and so is a page that needs data the client does not have
yet (``exige: contributions``: the report of what was heard exists once
something was heard); the public build keeps only the pages whose audience
includes ``public``. Within a section, the pages of the offer's components
come in the offer's order (that of its deliverables, then of the options):
the navigation and the booklets follow the mission. An offer may rename a
page (``titres_pages``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import material
from mkdocs.structure.files import File, Files, InclusionLevel

from macros.errors import KitError, Problem, display_path
from macros.loading.kit import Kit
from macros.loading.validation import describe
from macros.loading.yamlsource import YamlDocument, load_front_matter
from macros.render.svg import SvgError, clean_svg
from macros.settings import PROJECT_DIR

__all__ = [
    "AUDIENCE_LABELS",
    "CLIENT_PREFIX",
    "WORKSHEET_KEY",
    "PageInfo",
    "component_ranks",
    "for_kit",
    "in_offer_order",
    "read_page_info",
    "select_pages",
]

CLIENT_PREFIX = "client/"
AUDIENCE_LABELS = {"public": "Public", "elus": "Élus", "agents": "Agents"}
WORKSHEET_KEY = "feuille_a3"
"""Front matter key marking the A3 workshop worksheet (its own PDF)."""
HANDBOOK_IDS = ("elus", "agents", "bilan", "devis")
"""Values of ``livrets``: the two handbooks and the bilan of the participation."""
REQUIREMENTS = ("contributions", "atelier-roi", "concertation-prealable-urbanisme")
"""Values of ``exige``: contributions imported, an « R.O.I. citoyen » workshop in the
mission (offer or option bought), or a procedure the project declares."""


@dataclass(frozen=True)
class PageInfo:
    src_uri: str
    title: str | None
    audience: tuple[str, ...]
    component: str | None = None
    section: str | None = None
    order: float = 999
    public_home: bool = False
    handbooks: tuple[str, ...] = field(default_factory=tuple)
    worksheet: bool = False
    requires: tuple[str, ...] = field(default_factory=tuple)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


_TEXT_KEYS = ("title", "description", "subtitle", "rubrique", "composant")
_TEMPLATE_DIRS = (PROJECT_DIR / "overrides", Path(material.__file__).parent / "templates")


def _template_exists(name: str) -> bool:
    return any(
        (folder / name).resolve().is_relative_to(folder) and (folder / name).is_file()
        for folder in _TEMPLATE_DIRS
    )


def _read_page(path: Path, shown: str) -> str:
    # A named pipe or a device named ``x.md`` would block the read for ever (the
    # site build skips them; ``kit check`` and the PDF step read every ``*.md``).
    if path.exists() and not path.is_file():
        raise KitError(
            [Problem(shown, "la page n’est pas un fichier ordinaire (tube, périphérique…) : retirez-la")]
        )
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise KitError([Problem(shown, "la page n’est pas encodée en UTF-8")]) from None
    except OSError as exc:
        raise KitError([Problem(shown, f"page illisible ({exc.strerror or exc})")]) from None


def _check_meta(doc: YamlDocument) -> list[Problem]:
    """Each key the kit reads, of the type it reads (the theme prints some of them)."""
    meta, problems = doc.data, []
    for value in _as_list(meta.get("audience")):
        if value not in AUDIENCE_LABELS:
            problems.append(
                doc.problem(
                    ("audience",), f"audience inconnue « {value} » (possibles : {', '.join(AUDIENCE_LABELS)})"
                )
            )
    for value in _as_list(meta.get("livrets")):
        if value not in HANDBOOK_IDS:
            problems.append(
                doc.problem(
                    ("livrets",), f"livret inconnu « {value} » (possibles : {', '.join(HANDBOOK_IDS)})"
                )
            )
    for value in _as_list(meta.get("exige")):
        if value not in REQUIREMENTS:
            problems.append(
                doc.problem(
                    ("exige",), f"exigence inconnue « {value} » (possibles : {', '.join(REQUIREMENTS)})"
                )
            )
    order = meta.get("ordre", 999)
    if not isinstance(order, (int, float)) or isinstance(order, bool):
        problems.append(doc.problem(("ordre",), f"nombre attendu pour l’ordre, reçu {describe(order)}"))
    for key in (WORKSHEET_KEY, "accueil_public"):
        if not isinstance(meta.get(key, False), bool):
            problems.append(
                doc.problem((key,), f"oui ou non attendu (true / false), reçu {describe(meta[key])}")
            )
    for key in _TEXT_KEYS:
        if meta.get(key) is not None and not isinstance(meta[key], str):
            problems.append(doc.problem((key,), f"texte attendu, reçu {describe(meta[key])}"))
    template = meta.get("template")
    if template is not None and not (isinstance(template, str) and _template_exists(template)):
        problems.append(
            doc.problem(
                ("template",),
                f"gabarit inconnu ({describe(template)}) : retirez la clé « template » ou nommez un gabarit de overrides/",
            )
        )
    return problems


def read_page_info(path: Path, src_uri: str) -> PageInfo:
    """Front matter of a page, read as strictly as ``client.yml`` and checked; a
    mistake names the file, the line and the key."""
    shown = display_path(path, PROJECT_DIR)
    doc = load_front_matter(_read_page(path, shown), shown)
    problems = _check_meta(doc)
    if problems:
        raise KitError(problems)
    meta = doc.data
    return PageInfo(
        src_uri=src_uri,
        title=meta.get("title"),
        audience=tuple(_as_list(meta.get("audience"))),
        component=meta.get("composant"),
        section=meta.get("rubrique"),
        order=meta.get("ordre", 999),
        public_home=meta.get("accueil_public", False),
        handbooks=tuple(_as_list(meta.get("livrets"))),
        worksheet=meta.get(WORKSHEET_KEY, False),
        requires=tuple(_as_list(meta.get("exige"))),
    )


def _client_files(kit: Kit, config: Any) -> list[File]:
    """The client's pages (``pages/*.md``) and the files they use (images...).

    Their kinds and links were checked with the kit (:mod:`macros.loading.attachments`);
    an SVG image is published cleaned of anything that runs or loads."""
    folder = kit.client_dir / "pages"
    found = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.suffix == ".md" and path.parent != folder:
            continue
        src_uri = CLIENT_PREFIX + path.relative_to(folder).as_posix()
        if path.suffix.lower() == ".svg":
            found.append(File.generated(config, src_uri, content=_clean_svg(path)))
        else:
            found.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return found


def _clean_svg(path: Path) -> bytes:
    try:
        return clean_svg(path.read_bytes())
    except SvgError as exc:
        raise KitError([Problem(display_path(path, PROJECT_DIR), str(exc))]) from None


def _is_kit_asset(file: File, config: Any, kit: Kit) -> bool:
    """A file that is not a page, from ``docs/`` or the client folder (not the theme)."""
    if file.is_documentation_page():
        return False
    if file.src_uri.startswith(CLIENT_PREFIX):  # a cleaned SVG has no source path
        return True
    if not file.abs_src_path:
        return False
    path = Path(file.abs_src_path).resolve()
    roots = (Path(config.docs_dir).resolve(), kit.client_dir.resolve())
    return any(path.is_relative_to(root) for root in roots)


def _exclude(file: File, excluded: dict[str, str]) -> None:
    """Leave a page out while keeping its address known, so that links to it
    can be unwrapped and the public site checked for any mention of it."""
    file.inclusion = InclusionLevel.EXCLUDED
    excluded[file.url] = file.src_uri


def _has(kit: Kit, need: str) -> bool:
    if need == "contributions":
        return bool(kit.contributions)
    if need == "atelier-roi":
        return kit.roi_workshop
    return need in kit.client.project.procedures


def _keep(info: PageInfo, kit: Kit) -> bool:
    if info.component and not kit.has(info.component):
        return False
    if not all(_has(kit, need) for need in info.requires):
        return False
    if kit.settings.audience == "public":
        return "public" in info.audience
    return True


def select_pages(files: Files, config: Any, kit: Kit) -> Files:
    """Drop the pages this build must not contain; add the client's own pages."""
    for extra in _client_files(kit, config):
        files.append(extra)
    infos: dict[str, PageInfo] = {}
    excluded: dict[str, str] = {}
    problems: list[Problem] = []
    sources = list(files.documentation_pages())
    problems.extend(_unknown_titled_pages(kit, {f.src_uri for f in sources}))
    for file in sources:
        if file.abs_src_path is None:  # a generated page has no source to read
            continue
        try:
            info = for_kit(read_page_info(Path(file.abs_src_path), file.src_uri), kit)
        except KitError as exc:
            problems.extend(exc.problems)
            continue
        if _keep(info, kit):
            infos[file.src_uri] = info
        else:
            _exclude(file, excluded)
    if problems:
        raise KitError(problems)
    if kit.settings.audience == "public":
        _make_public_home(files, infos, config, excluded)
        # Attachments are held back until a public page is seen to use them
        # (see macros.hooks.on_env): an internal image is never copied.
        for file in files:
            if _is_kit_asset(file, config, kit):
                file.inclusion = InclusionLevel.EXCLUDED
    ordered = in_offer_order(infos.values(), component_ranks(kit))
    config.nav = build_nav(ordered)
    config.extra["kit_pages"] = {uri: info.audience for uri, info in infos.items()}
    config.extra["kit_component_pages"] = _component_pages(ordered, files)
    config.extra["kit_audience_labels"] = AUDIENCE_LABELS
    config.extra["kit_excluded"] = excluded
    return files


def _make_public_home(
    files: Files, infos: dict[str, PageInfo], config: Any, excluded: dict[str, str]
) -> None:
    """In the public site, the page marked ``accueil_public`` becomes the home page.

    The page keeps its source path, so that its relative links still resolve
    (``contrat.md`` next to it); only where it is written changes.
    """
    home = next((i for i in infos.values() if i.public_home), None)
    if home is None or home.src_uri == "index.md":
        return
    former = files.get_file_from_path("index.md")
    if former is not None:  # the review site's home, already left out
        files.remove(former)
        excluded.pop(former.url, None)
    file = files.get_file_from_path(home.src_uri)
    if file is None:  # read from this very collection above: cannot happen
        raise RuntimeError(f"page d’accueil public introuvable : {home.src_uri}")
    file.dest_uri = "index.html"
    file.__dict__.pop("url", None)  # a cached property of File, derived from dest_uri


def for_kit(info: PageInfo, kit: Kit) -> PageInfo:
    """The page as this kit shows it: with the title its offer gives it, if any."""
    title = kit.offer.page_titles.get(info.src_uri)
    return dataclasses.replace(info, title=title) if title else info


def _unknown_titled_pages(kit: Kit, known: set[str]) -> list[Problem]:
    shown = display_path(kit.settings.kits_dir / "offres" / f"{kit.offer.id}.yml", PROJECT_DIR)
    return [
        Problem(shown, f"page inconnue « {uri} » (pages : docs/**.md)", None, ("titres_pages", uri))
        for uri in kit.offer.page_titles
        if uri not in known
    ]


def component_ranks(kit: Kit) -> dict[str, int]:
    """Each component of the kit with the rank of its deliverable: the offer's deliverables
    in order, then the options bought. The pages of one deliverable keep their ``ordre``
    among themselves (a booklet's summary page may come before the method)."""
    ranks: dict[str, int] = {}
    bought = {o.id for o in kit.client.quote.options} if kit.client.quote else set()
    lists = [d.components for d in kit.offer.deliverables]
    lists += [o.components for o in kit.offer.options if o.id in bought]
    for rank, group in enumerate(lists):
        for component in group:
            ranks.setdefault(component, rank)
    return ranks


def in_offer_order(infos: Iterable[PageInfo], ranks: dict[str, int]) -> list[PageInfo]:
    """Pages by ``ordre``; then, within each run of pages of one section, the slots held by
    component pages are refilled in the offer's order of components, so that the pages
    without a component (home, calendar, quote) stay where ``ordre`` puts them.

    A run ends where a page of another section comes between: « R.O.I. en bref »
    (``ordre: 29``) stands before « Programme et calendrier » (30) in the élus' booklet, and
    the R.O.I. method (40) of an option bought must not take its place, in front of the
    calendar: a page never crosses a page of another section."""
    ordered = sorted(infos, key=lambda i: (i.order, i.src_uri))
    result = list(ordered)
    for indexes in _section_runs(ordered, ranks):
        pages = sorted(
            (ordered[i] for i in indexes), key=lambda p: (ranks[p.component or ""], p.order, p.src_uri)
        )
        for index, page in zip(indexes, pages, strict=True):
            result[index] = page
    return result


def _section_runs(ordered: list[PageInfo], ranks: dict[str, int]) -> list[list[int]]:
    """Indexes of the component pages, grouped by run of consecutive pages of one section."""
    runs: list[list[int]] = []
    section: object = object()
    for index, info in enumerate(ordered):
        if info.section != section:
            section = info.section
            runs.append([])
        if info.component in ranks:
            runs[-1].append(index)
    return [run for run in runs if run]


def _component_pages(ordered: list[PageInfo], files: Files) -> dict[str, list[tuple[str, str]]]:
    """Component -> its pages in this build, in order, as (title, site URL): what the
    « Livrables » page links to."""
    found: dict[str, list[tuple[str, str]]] = {}
    for info in ordered:
        file = files.get_file_from_path(info.src_uri)
        if info.component and file is not None:
            found.setdefault(info.component, []).append((info.title or info.src_uri, file.url))
    return found


def build_nav(infos: Any) -> list[Any]:
    """Sections in the order of their first page; pages in the order given."""
    ordered = list(infos)
    nav: list[Any] = []
    sections: dict[str, list[Any]] = {}
    for info in ordered:
        entry = {info.title: info.src_uri} if info.title else info.src_uri
        if info.section is None:
            nav.append(entry)
            continue
        if info.section not in sections:
            sections[info.section] = []
            nav.append({info.section: sections[info.section]})
        sections[info.section].append(entry)
    return nav

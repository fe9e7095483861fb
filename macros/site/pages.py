"""Which pages a build contains, and in what order: all of it is page data.

Each page says in its front matter who may read it (``audience``), which
deliverable component it belongs to (``composant``), its section of the
navigation (``rubrique``) and its rank (``ordre``). A page whose component is
not in the client's offer is left out; the public build keeps only the pages
whose audience includes ``public``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import get_data

from macros.errors import KitError, Problem, display_path
from macros.loading.kit import Kit
from macros.settings import PROJECT_DIR

__all__ = ["AUDIENCE_LABELS", "CLIENT_PREFIX", "WORKSHEET_KEY", "PageInfo", "read_page_info", "select_pages"]

CLIENT_PREFIX = "client/"
AUDIENCE_LABELS = {"public": "Public", "elus": "Élus", "agents": "Agents"}
WORKSHEET_KEY = "feuille_a3"
"""Front matter key marking the A3 workshop worksheet (its own PDF)."""


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


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _key_line(text: str, key: str) -> int:
    """Line of a front matter key, so that the message points at it."""
    for number, line in enumerate(text.splitlines()[1:], start=2):
        if line.strip() == "---":
            break
        if line.startswith(f"{key}:"):
            return number
    return 1


def read_page_info(path: Path, src_uri: str) -> PageInfo:
    """Front matter of a page, checked; a mistake names the file and the key."""
    shown = display_path(path, PROJECT_DIR)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise KitError([Problem(shown, "la page n'est pas encodée en UTF-8")]) from None
    _, meta = get_data(text)
    problems = []
    audience = [str(a) for a in _as_list(meta.get("audience"))]
    for value in audience:
        if value not in AUDIENCE_LABELS:
            problems.append(Problem(shown, f"audience inconnue « {value} » (possibles : {', '.join(AUDIENCE_LABELS)})", _key_line(text, "audience"), ("audience",)))
    handbooks = [str(h) for h in _as_list(meta.get("livrets"))]
    for value in handbooks:
        if value not in ("elus", "agents"):
            problems.append(Problem(shown, f"livret inconnu « {value} » (possibles : elus, agents)", _key_line(text, "livrets"), ("livrets",)))
    order = meta.get("ordre", 999)
    if not isinstance(order, (int, float)) or isinstance(order, bool):
        problems.append(Problem(shown, f"nombre attendu pour l'ordre, reçu « {order} »", _key_line(text, "ordre"), ("ordre",)))
        order = 999
    worksheet = meta.get(WORKSHEET_KEY, False)
    if not isinstance(worksheet, bool):
        problems.append(Problem(shown, f"oui ou non attendu, reçu « {worksheet} »", _key_line(text, WORKSHEET_KEY), (WORKSHEET_KEY,)))
        worksheet = False
    if problems:
        raise KitError(problems)
    return PageInfo(
        src_uri=src_uri,
        title=meta.get("title"),
        audience=tuple(audience),
        component=meta.get("composant"),
        section=meta.get("rubrique"),
        order=order,
        public_home=bool(meta.get("accueil_public")),
        handbooks=tuple(handbooks),
        worksheet=worksheet,
    )


def _client_files(kit: Kit, config: Any) -> list[File]:
    """The client's pages (``pages/*.md``) and the files they use (images...)."""
    folder = kit.client_dir / "pages"
    found = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.suffix == ".md" and path.parent != folder:
            continue
        src_uri = CLIENT_PREFIX + path.relative_to(folder).as_posix()
        found.append(File.generated(config, src_uri, abs_src_path=str(path)))
    return found


def _is_kit_asset(file: File, config: Any, kit: Kit) -> bool:
    """A file that is not a page, from ``docs/`` or the client folder (not the theme)."""
    if file.is_documentation_page() or not file.abs_src_path:
        return False
    path = Path(file.abs_src_path).resolve()
    roots = (Path(config.docs_dir).resolve(), kit.client_dir.resolve())
    return any(path.is_relative_to(root) for root in roots)


def _exclude(file: File, excluded: dict[str, str]) -> None:
    """Leave a page out while keeping its address known, so that links to it
    can be unwrapped and the public site checked for any mention of it."""
    file.inclusion = InclusionLevel.EXCLUDED
    excluded[file.url] = file.src_uri


def _keep(info: PageInfo, kit: Kit) -> bool:
    if info.component and info.component not in kit.offer.components:
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
    for file in list(files.documentation_pages()):
        try:
            info = read_page_info(Path(file.abs_src_path), file.src_uri)
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
    config.nav = build_nav(infos.values())
    config.extra["kit_pages"] = {uri: info.audience for uri, info in infos.items()}
    config.extra["kit_audience_labels"] = AUDIENCE_LABELS
    config.extra["kit_excluded"] = excluded
    return files


def _make_public_home(files: Files, infos: dict[str, PageInfo], config: Any, excluded: dict[str, str]) -> None:
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
    file.dest_uri = "index.html"
    file.__dict__.pop("url", None)  # a cached property of File, derived from dest_uri


def build_nav(infos: Any) -> list[Any]:
    """Sections in the order of their first page; pages by ``ordre`` then path."""
    ordered = sorted(infos, key=lambda i: (i.order, i.src_uri))
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

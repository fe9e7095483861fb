"""Where the kit lives and which client is built, from the environment."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "AUDIENCES",
    "PROJECT_DIR",
    "Settings",
    "bad_slug_message",
    "epoch_problem",
    "is_valid_slug",
    "output_problem",
    "site_url_for",
    "site_url_problem",
]

PROJECT_DIR = Path(__file__).resolve().parent.parent
AUDIENCES = ("interne", "public")

# A client's identifier is the name of its folder and of its site's folder: no
# dots, slashes or capitals, so that it can never point outside the clients
# folder or the output folder (``./../x``, ``../../etc``).
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SLUG_MAX = 64
_CLIENT_PLACEHOLDER = "{client}"
_MAX_EPOCH = 253402300799  # 9999-12-31 23:59:59 UTC: the last moment a date can print


def is_valid_slug(slug: str) -> bool:
    """The rule of ``kit new``, applied wherever a client is named."""
    return len(slug) <= _SLUG_MAX and _SLUG.fullmatch(slug) is not None


def bad_slug_message(slug: str) -> str:
    shown = slug.encode("unicode_escape").decode("ascii")  # no control character reaches a terminal
    return f"identifiant de client invalide « {shown} » : minuscules, chiffres et tirets (par exemple ville-de-x)"


def epoch_problem(environ: dict[str, str] | None = None) -> str | None:
    """What is wrong with ``SOURCE_DATE_EPOCH``, in French, or ``None``.

    MkDocs turns it into the sitemap's date with ``int()``: a value such as
    ``demain`` or ``1e9`` would end the build in a traceback.
    """
    env = os.environ if environ is None else environ
    value = (env.get("SOURCE_DATE_EPOCH") or "").strip()
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or int(value) > _MAX_EPOCH:
        shown = value.encode("unicode_escape").decode("ascii")[:40]
        return (
            f"SOURCE_DATE_EPOCH invalide « {shown} » : un nombre entier de secondes depuis le 1er janvier 1970 "
            "(par exemple la date du dernier commit : git log -1 --format=%ct)"
        )
    return None


def site_url_for(template: str, slug: str) -> str:
    """The address of one client's site: ``{client}`` replaced, one final slash."""
    url = template.strip().replace(_CLIENT_PLACEHOLDER, slug)
    return url if url.endswith("/") else url + "/"


_URL_FORBIDDEN = re.compile(r"[\s\"'<>`\\^|{}\x00-\x1f\x7f-\x9f]")
"""What never belongs in the site's address: it is written into every page (links,
``<link rel="canonical">``, the sitemap), where a quote or an angle bracket would
end the attribute and open markup, and a space or a control character would
break the link."""
_HOST = re.compile(r"^[\w](?:[\w-]*[\w])?(?:\.[\w](?:[\w-]*[\w])?)*$")


def _url_shape_problem(url: str) -> str | None:
    """Why ``url`` (``{client}`` already replaced) is not a plain http(s) address with a host."""
    from urllib.parse import urlsplit

    bad = _URL_FORBIDDEN.search(url)
    if bad:
        char = bad[0]
        named = "une espace" if char == " " else f"« {char} »" if char.isprintable() else f"U+{ord(char):04X}"
        return f"caractère interdit dans une adresse : {named}"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "l’adresse doit commencer par https:// ou http://"
    try:
        parts.port  # noqa: B018 -- raises on a port that is not a number
    except ValueError:
        return "port invalide"
    host = parts.hostname or ""
    if not _HOST.match(host) or "@" in parts.netloc:
        return "nom de domaine absent ou invalide"
    if parts.query or parts.fragment:
        return "ni « ? » ni « # » dans l’adresse du site"
    return None


def site_url_problem(template: str, several: bool = False) -> str | None:
    """What is wrong with a ``KIT_SITE_URL``, in French, or ``None``."""
    from macros.errors import printable

    url = template.strip()
    why = _url_shape_problem(url.replace(_CLIENT_PLACEHOLDER, "client"))
    if why is not None:
        return (
            f"adresse du site invalide « {printable(url[:200])} » (KIT_SITE_URL) : {why} ; une adresse http(s) complète, "
            "par exemple https://exemple.github.io/kits/{client}/"
        )
    if several and _CLIENT_PLACEHOLDER not in url:
        return (
            f"KIT_SITE_URL « {url} » donnerait la même adresse à tous les clients : "
            "mettez {client} à la place de l’identifiant, par exemple https://exemple.github.io/kits/{client}/"
        )
    return None


@dataclass(frozen=True)
class Settings:
    """``KIT_CLIENT`` picks the client, ``KIT_CLIENTS_DIR`` where clients live,
    ``KIT_AUDIENCE`` whether the site is the review site or the public one."""

    slug: str = "demo"
    kits_dir: Path = PROJECT_DIR / "kits"
    clients_dir: Path = PROJECT_DIR / "kits" / "clients"
    audience: str = "interne"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, inherit: tuple[str, ...] = ()) -> Settings:
        """The selection from ``environ`` (the process environment by default);
        names in ``inherit`` missing from ``environ`` are read from the process."""
        env = dict(os.environ) if environ is None else dict(environ)
        for name in inherit:
            if name not in env and name in os.environ:
                env[name] = os.environ[name]
        kits_dir = Path(env.get("KIT_KITS_DIR") or PROJECT_DIR / "kits")
        clients = env.get("KIT_CLIENTS_DIR")
        return cls(
            slug=env.get("KIT_CLIENT") or "demo",
            kits_dir=kits_dir,
            clients_dir=Path(clients).expanduser() if clients else kits_dir / "clients",
            audience=env.get("KIT_AUDIENCE") or "interne",
        )

    @property
    def client_dir(self) -> Path:
        return self.clients_dir / self.slug


def _protected(settings: Settings) -> tuple[list[tuple[str, Path]], list[tuple[str, Path]]]:
    """(folders an output may neither be nor contain, folders it may not lie inside)."""
    same = [
        ("le dossier des clients", settings.clients_dir),
        ("le dossier des kits", settings.kits_dir),
        ("le dossier docs/ du projet", PROJECT_DIR / "docs"),
        ("le dossier du projet", PROJECT_DIR),
        ("le dossier personnel", Path.home()),
        ("la racine du disque", Path("/")),
    ]
    within = [
        ("le dossier des clients", settings.clients_dir),
        ("le dossier des kits", settings.kits_dir),
        ("le dossier docs/ du projet", PROJECT_DIR / "docs"),
        ("le thème du projet (overrides/)", PROJECT_DIR / "overrides"),
        ("le code du projet (macros/)", PROJECT_DIR / "macros"),
        ("le dépôt git du projet (.git/)", PROJECT_DIR / ".git"),
    ]
    return [(n, p.resolve()) for n, p in same], [(n, p.resolve()) for n, p in within]


def output_problem(folder: Path, settings: Settings) -> str | None:
    """Why a build may not write in ``folder`` (which it empties or replaces):
    ``"est le dossier des clients"``, ``"contient le dossier du projet"``...; ``None`` if it may.

    Sources are the clients, the kits, ``docs/``, the theme and code of the
    project, its git repository, the project itself, the home folder and ``/``.
    """
    out = folder.expanduser().resolve()
    same, within = _protected(settings)
    for name, source in same:
        if out == source:
            return f"est {name}"
    for name, source in same:
        if source.is_relative_to(out):
            return f"contient {name}"
    for name, source in within:
        if out.is_relative_to(source):
            return f"se trouve dans {name}"
    return _project_folder_problem(out)


DEFAULT_OUTPUT = "site"
"""The project's own output folder (``site/``, ignored by git): builds write there by default."""
_OUTPUT_MARK = ".kit"
"""The folder every kit build writes in its output folder (its lock and manifests)."""


def _tracked_tops() -> set[str] | None:
    """First path components of the files git tracks in the project, or None without git."""
    import subprocess

    try:
        listed = subprocess.run(
            ["git", "-C", str(PROJECT_DIR), "ls-files", "-z"], capture_output=True, timeout=20, check=True
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {
        entry.split(b"/", 1)[0].decode("utf-8", "surrogateescape") for entry in listed.split(b"\0") if entry
    }


def _project_folder_problem(out: Path) -> str | None:
    """Inside the project, a build writes only in ``site/`` or in a folder of its own:
    never in a folder holding sources (``tests/``, ``tools/``, ``.github/``…), found
    by what git tracks and by what a kit build did not create, not by a list of names."""
    project = PROJECT_DIR.resolve()
    if out == project or not out.is_relative_to(project):
        return None
    top = out.relative_to(project).parts[0]
    if top == DEFAULT_OUTPUT:
        return None
    folder = project / top
    tracked = _tracked_tops()
    where = "est" if out == folder else f"se trouve dans {top}/,"
    if tracked is not None and top in tracked:
        return f"{where} un dossier des sources du projet (suivi par git)"
    if folder.exists() and not (folder / _OUTPUT_MARK).is_dir():
        return f"{where} un dossier du projet que kit build n’a pas créé"
    return None

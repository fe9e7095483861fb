"""``kit publish``: public sites, and only them, to a ``gh-pages`` branch.

Each client has its own folder on the branch (``<client>/``, served at
``https://<owner>.github.io/<repo>/<client>/``), the same layout as the GitHub
Actions workflow: publishing one client replaces that folder and nothing
else, so the sites of several clients share one branch. The commit is made
with git's plumbing in a scratch repository that fetches the branch first
(history kept, never forced): the project's own repository and working tree
are never touched. A publication that would not change the tree makes no
commit.

Publishing refuses anything but the output of a successful public build of
the sources as they are now (see :mod:`.manifest`).
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from macros.commands.common import KitAbort
from macros.commands.manifest import SOURCE_KINDS, Manifest, read_manifest, site_digest, source_digests
from macros.commands.outdir import MARKER
from macros.compute.french import enumerate_fr
from macros.errors import display_path
from macros.settings import PROJECT_DIR, Settings

__all__ = ["Publication", "publish_sites"]

_SCRATCH_REMOTE = "cible"
_GIT_CONFIG = ("-c", "core.autocrlf=false", "-c", "core.safecrlf=false", "-c", "core.symlinks=true")


@dataclass(frozen=True)
class Publication:
    url: str
    branch: str
    commit: str | None
    """The new commit, or ``None`` when the branch already had these sites."""
    unaddressed: tuple[str, ...] = ()
    """Clients built without ``KIT_SITE_URL`` (their 404 page breaks under a sub-path)."""


def _git(
    *args: str,
    cwd: Path | None = None,
    check: bool = True,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    full = None if env is None else {**os.environ, **env}
    return subprocess.run(
        ["git", *_GIT_CONFIG, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=check,
        env=full,
        input=stdin,
    )


def _remote_url(remote: str) -> str:
    """A remote name of the current (or the kit's) repository, a URL or a path."""
    for repo in dict.fromkeys((Path.cwd(), PROJECT_DIR)):
        found = _git("remote", "get-url", remote, cwd=repo, check=False)
        if found.returncode == 0 and found.stdout.strip():
            return found.stdout.strip()
    path = Path(remote).expanduser()
    if path.exists():
        return str(path.resolve())
    if ":" in remote:
        return remote
    raise KitAbort(
        f"dépôt distant inconnu « {remote} » : donnez le nom d’un remote git, une URL ou un chemin"
    )


def _check_branch(branch: str) -> None:
    """A plain branch name: ``--force`` or ``main:refs/heads/x`` would otherwise be
    pushed as a branch of that name or read by git as part of a refspec."""
    valid = _git("check-ref-format", f"refs/heads/{branch}", check=False).returncode == 0
    if branch.startswith("-") or ":" in branch or not valid:
        raise KitAbort(f"nom de branche invalide « {branch} » : un nom de branche git, par exemple gh-pages")


def _what_changed(manifest: Manifest, parts: dict[str, str], slug: str) -> str:
    """« le code du kit (…) a changé »: the kinds of sources whose hash differs from the build's
    (an update of the kit is not an edit of the client's folder); all of them for an old manifest."""
    changed = [
        f"{label} « {slug} »" if kind == "client" else label
        for kind, label in SOURCE_KINDS.items()
        if manifest.parts.get(kind) != parts[kind]
    ]
    if not manifest.parts or not changed:
        return f"les sources de « {slug} » ont changé"
    verb = "a changé" if len(changed) == 1 else "ont changé"
    return f"{enumerate_fr(changed)} {verb}"


def _check_build(settings: Settings, slug: str, out_dir: Path) -> tuple[Path, Manifest]:
    site = out_dir / slug
    manifest = read_manifest(out_dir, slug)
    rebuild = f"lancez d’abord : kit build {slug} --audience public"
    if manifest is None or not site.is_dir():
        raise KitAbort(
            f"aucune construction publique réussie de « {slug} » dans {display_path(out_dir)} ; {rebuild}"
        )
    if manifest.audience != "public":
        raise KitAbort(
            f"le site de « {slug} » dans {display_path(out_dir)} n’est pas le site public ; {rebuild}"
        )
    sources, parts = source_digests(dataclasses.replace(settings, slug=slug))
    if manifest.sources != sources:
        raise KitAbort(
            f"{_what_changed(manifest, parts, slug)} depuis la dernière construction publique ; {rebuild}"
        )
    if manifest.site != site_digest(site):
        raise KitAbort(f"le site public de « {slug} » a été modifié après sa construction ; {rebuild}")
    return site, manifest


@contextmanager
def _scratch_repo(url: str, branch: str) -> Iterator[tuple[Path, str | None]]:
    """A bare scratch repository holding the branch as it is on the remote (or nothing)."""
    with tempfile.TemporaryDirectory(prefix="kit-publication-") as tmp:
        repo = Path(tmp) / "depot.git"
        _git("init", "-q", "--bare", str(repo))
        _git("remote", "add", _SCRATCH_REMOTE, url, cwd=repo)
        exists = _git("ls-remote", "--exit-code", "--heads", _SCRATCH_REMOTE, branch, cwd=repo, check=False)
        parent = None
        if exists.returncode == 0:
            fetched = _git("fetch", "-q", _SCRATCH_REMOTE, f"refs/heads/{branch}", cwd=repo, check=False)
            if fetched.returncode != 0:
                raise KitAbort(f"impossible de lire la branche {branch} de {url} : {fetched.stderr.strip()}")
            parent = _git("rev-parse", "FETCH_HEAD", cwd=repo).stdout.strip()
        elif exists.returncode != 2:  # 2: the branch does not exist yet
            raise KitAbort(f"dépôt distant injoignable ({url}) : {exists.stderr.strip()}")
        yield repo, parent


def _committer(repo: Path) -> dict[str, str]:
    """A commit needs an author; fall back to the kit's name if git has none."""
    env = {}
    for role in ("AUTHOR", "COMMITTER"):
        if (
            not os.environ.get(f"GIT_{role}_NAME")
            and not _git("config", "user.name", cwd=repo, check=False).stdout.strip()
        ):
            env[f"GIT_{role}_NAME"] = "Kit A.M.O.O.R."
        if (
            not os.environ.get(f"GIT_{role}_EMAIL")
            and not _git("config", "user.email", cwd=repo, check=False).stdout.strip()
        ):
            env[f"GIT_{role}_EMAIL"] = "kit@localhost"
    return env


def _tree(repo: Path, parent: str | None, sites: dict[str, Path], out_dir: Path) -> str:
    """The branch's tree with each client's folder replaced by its new site."""
    env = {"GIT_INDEX_FILE": str(repo / "index-publication"), "GIT_DIR": str(repo)}
    _git("read-tree", *([parent] if parent else ["--empty"]), env=env)
    for slug in sites:
        _git("rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", slug, env=env)
        add = _git(
            "--work-tree",
            str(out_dir),
            "add",
            "-f",
            "--",
            slug,
            f":(exclude){slug}/{MARKER}",
            cwd=out_dir,
            env=env,
            check=False,
        )
        if add.returncode != 0:
            raise KitAbort(f"impossible de préparer le site de « {slug} » : {add.stderr.strip()}")
    empty = _git("hash-object", "-w", "--stdin", env=env, stdin="").stdout.strip()
    _git("update-index", "--add", "--cacheinfo", f"100644,{empty},.nojekyll", env=env)  # no Jekyll on Pages
    return _git("write-tree", env=env).stdout.strip()


def publish_sites(
    settings: Settings, slugs: list[str], *, remote: str, branch: str, out_dir: Path
) -> Publication:
    """Put the public site of each client in its folder of ``branch`` and push."""
    _check_branch(branch)
    checked = {slug: _check_build(settings, slug, out_dir) for slug in slugs}
    sites = {slug: site for slug, (site, _) in checked.items()}
    unaddressed = tuple(slug for slug, (_, manifest) in checked.items() if not manifest.site_url)
    url = _remote_url(remote)
    with _scratch_repo(url, branch) as (repo, parent):
        tree = _tree(repo, parent, sites, out_dir.resolve())
        if parent and _git("rev-parse", f"{parent}^{{tree}}", cwd=repo).stdout.strip() == tree:
            return Publication(url, branch, None, unaddressed)
        names = ", ".join(
            f"{slug} (sources {manifest.sources[:12]})" for slug, (_, manifest) in checked.items()
        )
        message = f"Publication du site public de {names}"
        commit = _git(
            "commit-tree",
            tree,
            *(["-p", parent] if parent else []),
            "-m",
            message,
            cwd=repo,
            env=_committer(repo),
        ).stdout.strip()
        pushed = _git("push", "-q", _SCRATCH_REMOTE, f"{commit}:refs/heads/{branch}", cwd=repo, check=False)
        if pushed.returncode != 0:
            raise KitAbort(
                f"la publication vers {url} a échoué (la branche {branch} a peut-être changé entre-temps : relancez kit publish) : "
                f"{pushed.stderr.strip()}"
            )
    return Publication(url, branch, commit[:7], unaddressed)

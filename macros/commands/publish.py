"""``kit publish``: the public site, and only it, to a ``gh-pages`` branch.

As ``mkdocs gh-deploy`` does, with ghp-import: one commit whose tree is the
built site (plus ``.nojekyll``), pushed to the branch that GitHub Pages serves.
The commit is prepared in a scratch repository that fetches the branch first
(history is kept, nothing is forced), so the project's own repository and
working tree are never touched.

Publishing refuses anything but the output of a successful public build of
the sources as they are now (see :mod:`.manifest`).
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

from macros.commands.common import KitAbort
from macros.commands.manifest import Manifest, read_manifest, site_digest, sources_digest
from macros.errors import display_path
from macros.settings import PROJECT_DIR, Settings

__all__ = ["publish_site"]

_SCRATCH_REMOTE = "cible"


def _git(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check)


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
    raise KitAbort(f"dépôt distant inconnu « {remote} » : donnez le nom d'un remote git, une URL ou un chemin")


def _check_build(settings: Settings, slug: str, out_dir: Path) -> tuple[Path, Manifest]:
    site = out_dir / slug
    manifest = read_manifest(out_dir, slug)
    rebuild = f"lancez d'abord : kit build {slug} --audience public"
    if manifest is None or not site.is_dir():
        raise KitAbort(f"aucune construction publique réussie de « {slug} » dans {display_path(out_dir)} ; {rebuild}")
    if manifest.audience != "public":
        raise KitAbort(f"le site de « {slug} » dans {display_path(out_dir)} n'est pas le site public ; {rebuild}")
    if manifest.sources != sources_digest(dataclasses.replace(settings, slug=slug)):
        raise KitAbort(f"les sources de « {slug} » ont changé depuis la dernière construction publique ; {rebuild}")
    if manifest.site != site_digest(site):
        raise KitAbort(f"le site public de « {slug} » a été modifié après sa construction ; {rebuild}")
    return site, manifest


@contextmanager
def _scratch_repo(url: str, branch: str):
    with tempfile.TemporaryDirectory(prefix="kit-publication-") as tmp:
        repo = Path(tmp)
        _git("init", "-q", cwd=repo)
        _git("remote", "add", _SCRATCH_REMOTE, url, cwd=repo)
        exists = _git("ls-remote", "--exit-code", "--heads", _SCRATCH_REMOTE, branch, cwd=repo, check=False)
        if exists.returncode == 0:
            _git("fetch", "-q", _SCRATCH_REMOTE, branch, cwd=repo)
        elif exists.returncode != 2:  # 2: the branch does not exist yet
            raise KitAbort(f"dépôt distant injoignable ({url}) : {exists.stderr.strip()}")
        yield repo


def _committer(repo: Path) -> dict[str, str]:
    """ghp-import needs a committer; fall back to the kit's name if git has none."""
    env = {}
    if not os.environ.get("GIT_COMMITTER_NAME") and not _git("config", "user.name", cwd=repo, check=False).stdout.strip():
        env["GIT_COMMITTER_NAME"] = "Kit A.M.O.O.R."
    if not os.environ.get("GIT_COMMITTER_EMAIL") and not _git("config", "user.email", cwd=repo, check=False).stdout.strip():
        env["GIT_COMMITTER_EMAIL"] = "kit@localhost"
    return env


def publish_site(settings: Settings, slug: str, *, remote: str, branch: str, out_dir: Path) -> tuple[str, str]:
    """Push the public site of ``slug``; return the remote URL and the commit."""
    import ghp_import

    site, manifest = _check_build(settings, slug, out_dir)
    url = _remote_url(remote)
    message = f"Publication du site public de {slug} (sources {manifest.sources[:12]})"
    with _scratch_repo(url, branch) as repo:
        previous = Path.cwd()
        saved = dict(os.environ)
        os.environ.update(_committer(repo))
        os.chdir(repo)  # ghp-import works in the current repository
        try:
            ghp_import.ghp_import(str(site), mesg=message, remote=_SCRATCH_REMOTE, branch=branch, push=True, nojekyll=True)
        except (ghp_import.GhpError, subprocess.CalledProcessError) as exc:
            raise KitAbort(f"la publication vers {url} a échoué : {exc}") from None
        finally:
            os.chdir(previous)
            os.environ.clear()
            os.environ.update(saved)
        commit = _git("rev-parse", "--short", branch, cwd=repo).stdout.strip()
    return url, commit

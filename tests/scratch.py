"""Scratch copies of the project, to build it from another folder or altered.

Used where the point is the source tree itself: reproducibility (same sources
in two folders) and canaries planted in pages. The copy imports its own
``macros`` package (``PYTHONPATH``), so nothing of the work tree leaks in.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import BIN, ROOT, Build, kit_env

_LEFT_OUT = shutil.ignore_patterns(
    ".git",
    ".venv",
    ".venv-*",  # the venvs of tools/check-pythons.sh
    "node_modules",
    "site",
    "build",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "*.egg-info",
    "results",
)


def copy_project(dest: Path) -> Path:
    """The sources (docs, kits, macros, overrides, mkdocs.yml...) copied to ``dest``."""
    shutil.copytree(ROOT, dest, ignore=_LEFT_OUT)
    return dest


def build_copy(project: Path, site: Path, **env_args) -> Build:
    """``mkdocs build --strict`` of a copied project, run from inside it."""
    env = kit_env(**env_args)
    env["PYTHONPATH"] = str(project)
    args = [
        str(BIN / "mkdocs"),
        "build",
        "--strict",
        "--site-dir",
        str(site),
        "--config-file",
        str(project / "mkdocs.yml"),
    ]
    proc = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, timeout=300)
    return Build(proc.returncode, proc.stdout, proc.stderr, site)

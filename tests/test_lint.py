"""The code stays clean: ruff finds nothing, the tree is formatted, mypy is clean.

Settings for all three are in pyproject.toml.
"""

from __future__ import annotations

import subprocess

from conftest import BIN, ROOT

_TREES = ["macros", "tests", "bench", "tools"]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / command[0]), *command[1:]], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing():
    proc = _run("ruff", "check", *_TREES)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_tree_is_formatted():
    proc = _run("ruff", "format", "--check", *_TREES)
    assert proc.returncode == 0, "lancez « .venv/bin/ruff format » :\n" + proc.stdout + proc.stderr


def test_mypy_is_clean_on_the_package():
    proc = _run("mypy")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success" in proc.stdout

"""The code stays clean: ruff (settings in pyproject.toml) finds nothing."""

from __future__ import annotations

import subprocess

from conftest import BIN, ROOT


def test_ruff_finds_nothing():
    proc = subprocess.run([str(BIN / "ruff"), "check", "macros", "tests", "bench"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr

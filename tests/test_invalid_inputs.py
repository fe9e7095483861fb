"""Bad input: every case under tests/invalid/ stops the build with its exact message.

Each folder is a client with one mistake (or several, for the case that checks
that all errors of a file come at once) and ``attendu.txt``, the lines the
consultant must read. The real ``mkdocs build`` runs on each: no traceback,
exit code 1, and nothing written in place of the last good site.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT, mkdocs_build

INVALID = ROOT / "tests" / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def test_corpus_is_large_enough():
    assert len(CASES) >= 25


def test_base_of_the_corpus_is_valid(tmp_path):
    """The cases differ from a valid client by one mistake: prove the base is valid."""
    (tmp_path / "clients" / "base").mkdir(parents=True)
    shutil.copy(INVALID / "_base.yml", tmp_path / "clients" / "base" / "client.yml")
    build = mkdocs_build(tmp_path / "site", client="base", clients_dir=tmp_path / "clients")
    assert build.returncode == 0, build.stderr


@pytest.mark.parametrize("case", CASES)
def test_invalid_client_is_refused_with_exact_message(case, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("dernier bon site")
    build = mkdocs_build(site, client=case, clients_dir=INVALID, strict=False)
    expected = (INVALID / case / "attendu.txt").read_text(encoding="utf-8").splitlines()
    assert build.returncode == 1
    assert "Traceback" not in build.stderr + build.stdout
    lines = [line.strip() for line in build.stderr.splitlines()]
    for message in expected:
        assert message in lines, f"message attendu absent :\n{message}\n--- reçu :\n{build.stderr}"
    assert (site / "index.html").read_text() == "dernier bon site"


def test_unknown_client_names_known_ones(tmp_path):
    build = mkdocs_build(tmp_path / "site", client="inconnu", clients_dir=ROOT / "kits" / "clients")
    assert build.returncode == 1
    assert "kits/clients: client inconnu « inconnu » (connus : demo)" in build.stderr
    assert "Traceback" not in build.stderr

"""Reproducible builds: same sources, two folders, byte-identical output.

The demo is copied into two folders of different names and depths and built
in each, review and public sites, the élus handbook and the A3 worksheet
printed into the review site, with the same ``SOURCE_DATE_EPOCH``. Every file
must be byte-identical: no date of the day, no absolute path, no random
order. A page printing ``now()`` is planted in both copies to prove that the
date comes from ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import ROOT
from scratch import build_copy, copy_project

from macros.outputs.pdf import OUTPUT_FOLDER, WORKSHEET_FILE, handbook_file
from macros.site.reproducible import build_moment

EPOCH = "1790000000"  # 2026-09-21 14:13:20 UTC
STAMP_PAGE = """---
title: Horodatage
audience: [public]
ordre: 998
---

# Horodatage

Construit le {{ now().strftime("%d/%m/%Y à %H:%M") }}.
"""
# The handbook with the fewest pages, and the worksheet: the PDF path of the
# other handbook is the same code (tests/test_pdf.py covers its content).
PRINT_PDFS = (
    "import sys; from pathlib import Path; from macros.outputs.pdf import build_handbooks;"
    "build_handbooks(Path(sys.argv[1]), handbooks=('elus',), worksheet=True)"
)


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> dict[str, tuple[dict[str, bytes], dict[str, bytes]]]:
    base = tmp_path_factory.mktemp("reproductible")
    projects = [copy_project(base / "a" / "kit"), copy_project(base / "b" / "un-autre-dossier" / "amoor")]

    def build_both(n: int, project: Path) -> dict[str, dict[str, bytes]]:
        (project / "docs" / "horodatage.md").write_text(STAMP_PAGE, encoding="utf-8")
        files = {}
        for audience in ("interne", "public"):
            site = base / f"sortie-{n}" / audience
            build = build_copy(project, site, audience=audience, SOURCE_DATE_EPOCH=EPOCH)
            assert build.returncode == 0, build.stderr
            if audience == "interne":
                _print_pdfs(project, site)
            files[audience] = _files(site)
        return files

    # The two copies are built side by side (one process each, two cores): the
    # builds are separate processes in separate folders, as two machines would be.
    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(build_both, range(2), projects)
    return {audience: (first[audience], second[audience]) for audience in ("interne", "public")}


def _print_pdfs(project: Path, site: Path) -> None:
    env = {
        "PYTHONPATH": str(project),
        "KIT_CLIENT": "demo",
        "SOURCE_DATE_EPOCH": EPOCH,
        "PATH": "/usr/bin:/bin",
    }
    proc = subprocess.run(
        [sys.executable, "-c", PRINT_PDFS, str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("audience", ["interne", "public"])
def test_two_builds_from_two_folders_are_byte_identical(two_builds, audience):
    first, second = two_builds[audience]
    assert first.keys() == second.keys()
    different = [name for name in first if first[name] != second[name]]
    assert not different, f"fichiers qui diffèrent d’une construction à l’autre : {different}"


def test_pdfs_are_part_of_the_comparison(two_builds):
    first, _ = two_builds["interne"]
    assert first[f"{OUTPUT_FOLDER}/{handbook_file('elus')}"].startswith(b"%PDF")
    if any("feuille_a3: true" in page.read_text(encoding="utf-8") for page in (ROOT / "docs").rglob("*.md")):
        assert first[f"{OUTPUT_FOLDER}/{WORKSHEET_FILE}"].startswith(b"%PDF")


def test_sitemap_and_now_use_source_date_epoch(two_builds):
    first, _ = two_builds["public"]
    gz = first["sitemap.xml.gz"]
    # MkDocs writes the day of SOURCE_DATE_EPOCH (midnight UTC) in the gzip header.
    assert int.from_bytes(gz[4:8], "little") == int(EPOCH) // 86400 * 86400
    # the typography pass writes the time the French way: 14 h 13
    assert "Construit le 21/09/2026 à 14\u00a0h\u00a013".encode() in first["horodatage/index.html"]


def test_build_moment_reads_source_date_epoch():
    assert build_moment({"SOURCE_DATE_EPOCH": EPOCH}) == datetime(2026, 9, 21, 14, 13, 20, tzinfo=UTC)
    assert build_moment({}).tzinfo is UTC

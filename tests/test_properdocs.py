"""The exit path: ProperDocs (the community fork of MkDocs 1.x) builds the same kit.

MkDocs 1.6.1 gets no more releases; if the kit has to leave it, ProperDocs
must give the same sites. Both audiences of the demo are built by each engine
and every text file compared, apart from the generator line.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, ROOT, Build, kit_env

_GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">')
_TEXT = {".html", ".json", ".xml", ".css", ".js", ".txt"}


def _properdocs(site: Path, audience: str) -> None:
    args = [str(BIN / "properdocs"), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)]
    proc = subprocess.run(
        args, cwd=ROOT, env=kit_env(audience=audience), capture_output=True, text=True, timeout=300
    )
    assert proc.returncode == 0, proc.stderr


def _texts(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): _GENERATOR.sub("", p.read_text(encoding="utf-8"))
        for p in sorted(site.rglob("*"))
        if p.suffix in _TEXT
    }


@pytest.mark.parametrize("audience", ["interne", "public"])
def test_properdocs_builds_the_same_site(
    audience: str, demo_site: Build, demo_public_site: Build, tmp_path: Path
) -> None:
    reference = demo_site if audience == "interne" else demo_public_site
    _properdocs(tmp_path / "site", audience)
    theirs, ours = _texts(tmp_path / "site"), _texts(reference.site)
    assert sorted(theirs) == sorted(ours)
    different = [name for name in ours if theirs[name] != ours[name]]
    assert different == []
    assert "ProperDocs" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")

"""Shared fixtures: real MkDocs builds of real kits, in temporary folders."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1790000000"  # 21 September 2026: the build date of the demo PDFs in the tests
BIN = Path(sys.executable).parent


@dataclass
class Build:
    """The outcome of one ``mkdocs build``: exit code, logs and the built folder."""

    returncode: int
    stdout: str
    stderr: str
    site: Path

    def html(self, page: str = "") -> str:
        """Text of a built page, e.g. ``html("cabinet/offres")``."""
        path = self.site / page / "index.html" if page else self.site / "index.html"
        return path.read_text(encoding="utf-8")


def kit_env(
    client: str = "demo", clients_dir: Path | None = None, audience: str = "interne", **extra: str
) -> dict[str, str]:
    env = dict(os.environ, KIT_CLIENT=client, KIT_AUDIENCE=audience, NO_MKDOCS_2_WARNING="1")
    env.pop("KIT_CLIENTS_DIR", None)
    if clients_dir is not None:
        env["KIT_CLIENTS_DIR"] = str(clients_dir)
    env.update(extra)
    return env


def mkdocs_build(site: Path, *, strict: bool = True, config: Path | None = None, **env_args) -> Build:
    """Run the real ``mkdocs build`` as a consultant would."""
    args = [
        str(BIN / "mkdocs"),
        "build",
        "--site-dir",
        str(site),
        "--config-file",
        str(config or ROOT / "mkdocs.yml"),
    ]
    if strict:
        args.append("--strict")
    proc = subprocess.run(
        args, cwd=ROOT, env=kit_env(**env_args), capture_output=True, text=True, timeout=300
    )
    return Build(proc.returncode, proc.stdout, proc.stderr, site)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Build:
    """The demo client's review site (audience interne), built once."""
    build = mkdocs_build(tmp_path_factory.mktemp("demo") / "site")
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="session")
def demo_public_site(tmp_path_factory) -> Build:
    """The demo client's public site, built once."""
    build = mkdocs_build(tmp_path_factory.mktemp("demo-public") / "site", audience="public")
    assert build.returncode == 0, build.stderr
    return build


@pytest.fixture(scope="session")
def demo_pdfs(demo_site: Build) -> dict:
    """The demo's handbooks, printed once per session from ``demo_site``: kind -> BuiltPdf."""
    from macros.outputs.pdf import build_handbooks, source_date
    from macros.settings import Settings

    built = build_handbooks(demo_site.site, settings=Settings(), on=source_date({"SOURCE_DATE_EPOCH": EPOCH}))
    return {pdf.kind: pdf for pdf in built}

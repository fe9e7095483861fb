"""The GitHub Actions workflow, read as GitHub reads it (it cannot run here).

Its structure is what the README promises: one build per client in a matrix,
each with its own site address, permissions granted job by job, current
major versions of the official actions, and PDF handbooks uploaded only from
a private repository.
"""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"

#: Current major versions of GitHub's official actions (December 2026).
CURRENT = {
    "actions/checkout": 6,
    "actions/setup-python": 6,
    "actions/upload-artifact": 7,
    "actions/download-artifact": 8,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


@pytest.fixture(scope="module")
def workflow() -> dict:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key « on » as a boolean
    return data


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_permissions_are_granted_job_by_job(workflow):
    assert workflow["permissions"] == {}
    writers = {name for name, job in workflow["jobs"].items() if "write" in job["permissions"].values()}
    assert writers == {"deploy"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, name
        for step in steps(job):
            if step.get("uses", "").startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False, name


def test_official_actions_are_at_their_current_major_version(workflow):
    used = [step["uses"] for job in workflow["jobs"].values() for step in steps(job) if "uses" in step]
    assert used
    for ref in used:
        name, _, version = ref.partition("@")
        assert name in CURRENT, f"action inattendue : {ref}"
        assert re.fullmatch(r"v\d+", version) and int(version[1:]) == CURRENT[name], ref
    assert set(CURRENT) == {ref.partition("@")[0] for ref in used}


def test_installs_come_from_the_lock_file(workflow):
    for name in ("clients", "build"):
        runs = "\n".join(step.get("run", "") for step in steps(workflow["jobs"][name]))
        assert "pip install --require-hashes --no-deps -r requirements.lock" in runs, name
        assert "constraints.txt" not in runs


def test_one_build_per_client_with_its_own_address(workflow):
    jobs = workflow["jobs"]
    listing = jobs["clients"]
    assert any("kit check --all" in step.get("run", "") for step in steps(listing))
    assert "clients" in listing["outputs"] and "base_url" in listing["outputs"]
    build = jobs["build"]
    assert build["needs"] == "clients"
    assert build["strategy"]["matrix"]["client"] == "${{ fromJSON(needs.clients.outputs.clients) }}"
    assert build["strategy"]["fail-fast"] is False
    assert build["env"]["KIT_SITE_URL"] == "${{ needs.clients.outputs.base_url }}/${{ matrix.client }}/"
    runs = [step.get("run", "") for step in steps(build)]
    assert any(
        'kit build "${{ matrix.client }}" --audience public --no-pdf --out _site' in run for run in runs
    )
    assert any("rm -rf _site/.kit" in run and ".kit-site" in run for run in runs)
    # The sites are gathered into one Pages artefact: one folder per client, as kit publish does.
    gather = next(
        step
        for step in steps(jobs["assemble"])
        if step.get("uses", "").startswith("actions/download-artifact")
    )
    assert gather["with"] == {"pattern": "site-*", "path": "_site", "merge-multiple": True}
    assert jobs["deploy"]["needs"] == "assemble"


def test_pdf_handbooks_are_artefacts_only_in_a_private_repository(workflow):
    build = workflow["jobs"]["build"]
    for step in steps(build):
        text = f"{step.get('run', '')} {step.get('with', {}).get('path', '')}"
        if "--audience interne" in text or "livrets" in text:
            assert step.get("if") == "github.event.repository.private", step
    assert any("livrets" in str(step.get("with", {}).get("path", "")) for step in steps(build))
    public_upload = next(
        step for step in steps(build) if step.get("with", {}).get("name") == "site-${{ matrix.client }}"
    )
    assert "if" not in public_upload and public_upload["with"]["path"] == "_site/"

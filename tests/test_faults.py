"""Outputs never destroy sources, and faults end in one French line.

Everything runs the real ``kit`` command in a subprocess: refused output
folders and slugs, real signals sent to the command and to its worker in the
middle of a real build, a real small tmpfs that fills up and a real read-only
folder (bind mount as root, permissions otherwise). After each fault: exit
code, a French message without traceback, the previous site byte for byte,
no worker left running, no temporary folder left after the next build.
"""

from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import BIN, ROOT
from test_cli import KIT, kit

SLUG = "ville-panne"


def digest(folder: Path) -> str:
    """Names and contents of every file of a folder."""
    total = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            total.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return total.hexdigest()


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.endswith(".construction") or ".ancien-" in p.name)


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stdout + result.stderr, result.stderr


def kit_here(capsys, *args: str) -> tuple[int, str]:
    """The ``kit`` command run in this process, for refusals that come before any
    build (no worker is started): exit code and what it printed."""
    from macros.commands.cli import main

    capsys.readouterr()
    try:
        main(list(args))
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> dict[str, Path]:
    """A client, and a first good build of its review site (no PDF)."""
    base = tmp_path_factory.mktemp("pannes")
    clients, out = base / "clients", base / "sites"
    assert (
        kit(
            "new",
            SLUG,
            "--offre",
            "strategie",
            "--nom",
            "Ville en panne",
            "--type",
            "intercommunalite",
            "--clients-dir",
            str(clients),
        ).returncode
        == 0
    )
    built = kit("build", SLUG, "--no-pdf", "--out", str(out), "--clients-dir", str(clients))
    assert built.returncode == 0, built.stderr
    return {"base": base, "clients": clients, "out": out}


# --- Outputs never destroy sources ------------------------------------------------


def test_output_folders_holding_sources_are_refused_and_nothing_is_lost(good, capsys):
    clients = good["clients"]
    before = digest(clients)
    # The case of the issue, as a consultant types it: refused, nothing lost.
    victim = kit("build", SLUG, "--clients-dir", str(clients), "--out", str(clients))
    assert victim.returncode == 1
    assert f"Erreur : dossier de sortie refusé : {clients} est le dossier des clients" in victim.stderr
    no_traceback(victim)
    cases = {
        str(clients / SLUG / "pages"): "se trouve dans le dossier des clients",
        str(good["base"]): "contient le dossier des clients",
        str(ROOT / "kits"): "est le dossier des kits",
        str(ROOT / "docs" / "public"): "se trouve dans le dossier docs/ du projet",
        str(ROOT / "macros"): "se trouve dans le code du projet (macros/)",
        # Every folder git tracks, not a list of today's names.
        str(ROOT / "tests"): "est un dossier des sources du projet (suivi par git)",
        str(
            ROOT / "tools" / "sites"
        ): "se trouve dans tools/, un dossier des sources du projet (suivi par git)",
        str(ROOT / ".github"): "est un dossier des sources du projet (suivi par git)",
        str(ROOT / "schemas"): "est un dossier des sources du projet (suivi par git)",
        str(ROOT): "est le dossier du projet",
        # A clone under the same folder as the test's clients (/tmp) may be told either.
        str(ROOT.parent): "contient le dossier des kits"
        if not clients.is_relative_to(ROOT.parent)
        else "contient le dossier des",
        str(Path.home()): "est le dossier personnel",
        "/": "est la racine du disque",
    }
    for out, reason in cases.items():
        code, text = kit_here(capsys, "build", SLUG, "--out", out, "--no-pdf", "--clients-dir", str(clients))
        assert code == 1, out
        assert "dossier de sortie refusé : " in text and reason in text, (out, text)
        assert "Traceback" not in text
    # MkDocs empties its site folder before writing: mkdocs build -d is guarded the same way.
    direct = subprocess.run(
        [str(BIN / "mkdocs"), "build", "-d", str(clients), "--config-file", str(ROOT / "mkdocs.yml")],
        cwd=ROOT,
        env=dict(os.environ, KIT_CLIENT=SLUG, KIT_CLIENTS_DIR=str(clients), NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert direct.returncode == 1
    assert (
        f"dossier du site refusé : {clients} est le dossier des clients, et MkDocs le viderait"
        in direct.stderr
    )
    assert digest(clients) == before
    assert (clients / SLUG / "client.yml").is_file()


def test_slugs_that_are_paths_are_refused_everywhere(good, tmp_path, capsys):
    outside = tmp_path / "x"
    outside.mkdir()
    (outside / "garder.txt").write_text("à garder")
    common = ("--clients-dir", str(good["clients"]))
    result = kit("build", "./../x", "--out", str(good["out"]), *common)
    assert result.returncode == 1
    assert (
        "Erreur : identifiant de client invalide « ./../x » : minuscules, chiffres et tirets" in result.stderr
    )
    no_traceback(result)
    for command in (
        ("build", "../../etc", "--out", str(good["out"])),
        ("check", "../x"),
        ("serve", "../x"),
        ("publish", "../x", "--remote", str(tmp_path)),
        ("roi", "../../etc"),
        ("contributions", "../x", str(tmp_path / "avis.csv")),
        ("new", "../x", "--offre", "concertation", "--nom", "X"),
        ("build", "a\x1b[31m"),
    ):
        code, text = kit_here(capsys, *command, *common)
        assert code == 1, command
        assert "identifiant de client invalide" in text and "Traceback" not in text, (command, text)
    assert "\x1b" not in text  # shown escaped, never sent to the terminal
    assert (outside / "garder.txt").read_text() == "à garder" and sorted(
        p.name for p in outside.iterdir()
    ) == ["garder.txt"]
    # mkdocs build with KIT_CLIENT set by hand goes through the same rule.
    from macros.errors import KitError
    from macros.loading.kit import load_kit
    from macros.settings import Settings

    with pytest.raises(KitError, match="KIT_CLIENT: identifiant de client invalide « ../x »"):
        load_kit(Settings(slug="../x", clients_dir=good["clients"]))


def test_only_a_folder_made_by_kit_build_is_replaced(good, tmp_path):
    clients, out = good["clients"], tmp_path / "sites"
    precious = out / SLUG / "notes-personnelles.txt"
    precious.parent.mkdir(parents=True)
    precious.write_text("à ne pas perdre")
    refused = kit("build", SLUG, "--no-pdf", "--out", str(out), "--clients-dir", str(clients))
    assert refused.returncode == 1
    assert (
        "ne vient pas d’une construction du kit (pas de fichier .kit-site) : il n’est pas remplacé"
        in refused.stderr
    )
    assert precious.read_text() == "à ne pas perdre"
    assert (good["out"] / SLUG / ".kit-site").is_file()  # what a kit build writes, hence may replace


# --- Faults: signals --------------------------------------------------------------


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(x) for x in task.read_text().split()]
    return found


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in Path(f"/proc/{pid}/stat").read_text().split()[2]


def descendants(pid: int) -> list[int]:
    found = children(pid)
    for child in list(found):
        found += descendants(child)
    return found


def start_pdf_build(good, printing: bool = False) -> tuple[subprocess.Popen[str], list[int]]:
    """A build with PDFs, in its own process group, caught while its worker builds
    (``printing``: once the worker's own processes print the books). Returns the
    command and every process under it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIT_")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    proc = subprocess.Popen(
        [str(KIT), "build", SLUG, "--out", str(good["out"]), "--clients-dir", str(good["clients"])],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not leftovers(good["out"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftovers(good["out"]), "la construction n’a pas commencé"
    time.sleep(0.3)
    while printing and len(descendants(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = descendants(proc.pid)
    assert len(workers) >= (2 if printing else 1), workers
    return proc, workers


def wait_gone(pids: list[int], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while any(alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in pids), "un processus de construction a survécu à la commande"


@pytest.mark.parametrize(
    ("fault", "code", "message"),
    [
        (
            "ctrl-c",
            130,
            "construction interrompue (INT) : chaque site est soit l’ancien, soit le nouveau complet",
        ),
        (
            "sigterm",
            143,
            "construction interrompue (TERM) : chaque site est soit l’ancien, soit le nouveau complet",
        ),
        (
            "worker-killed",
            1,
            "un processus de construction a été arrêté brutalement (tué, ou mémoire épuisée) : ce kit n’a pas été construit, son site précédent est gardé",
        ),
        ("sigkill", -9, None),
    ],
)
def test_a_fault_during_a_build_keeps_the_last_good_site(good, fault, code, message):
    site = good["out"] / SLUG
    before = digest(site)
    proc, workers = start_pdf_build(good, printing=fault == "sigkill")
    if fault == "ctrl-c":
        os.killpg(proc.pid, signal.SIGINT)  # as the terminal does: the whole process group
    elif fault == "sigterm":
        proc.send_signal(signal.SIGTERM)
    elif fault == "worker-killed":
        os.kill(workers[0], signal.SIGKILL)  # as the out-of-memory killer would
    else:
        proc.send_signal(signal.SIGKILL)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert "Traceback" not in stdout + stderr
    if message:
        assert message in stderr
    wait_gone(workers)
    assert digest(site) == before, "le dernier bon site a été modifié"
    if fault != "sigkill":
        assert leftovers(good["out"]) == []
        return
    # A parent killed outright cleans nothing: its worker removed its folder, or the next build does.
    again = kit("build", SLUG, "--no-pdf", "--out", str(good["out"]), "--clients-dir", str(good["clients"]))
    assert again.returncode == 0, again.stderr
    assert leftovers(good["out"]) == []


# --- Faults: disk full, read-only folder, bad settings ---------------------------


#: Run inside a private mount namespace (``unshare --mount``, in a user namespace
#: when not root: ``--map-root-user``): the
#: tmpfs and the read-only mount exist only for this script, whoever runs the
#: tests, and vanish with it even if a test is interrupted.
_IN_NAMESPACE = r"""
import json, os, shutil, subprocess, sys
from pathlib import Path

sys.path.insert(0, sys.argv[1])
from test_faults import digest, leftovers

case, folder, good_out, kit, slug, clients, report = sys.argv[2:]
folder = Path(folder)
if case == "plein":
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=6m", "tmpfs", str(folder)], check=True)
    shutil.copytree(good_out, folder, dirs_exist_ok=True)  # the last good site, with its marker
    stat = os.statvfs(folder)
    (folder / "remplissage").write_bytes(b"\0" * max(0, stat.f_bavail * stat.f_frsize - 300_000))
else:
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
    subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
before = digest(folder)
env = {k: v for k, v in os.environ.items() if not k.startswith("KIT_")}
run = subprocess.run([kit, "build", slug, "--no-pdf", "--out", str(folder), "--clients-dir", clients],
                     env=env, capture_output=True, text=True, timeout=300)
Path(report).write_text(json.dumps({
    "code": run.returncode, "stderr": run.stderr, "stdout": run.stdout, "same": digest(folder) == before,
    "leftovers": leftovers(folder), "names": sorted(p.name for p in folder.iterdir()),
}))
"""


def in_namespace(case: str, folder: Path, good: dict[str, Path], tmp_path: Path) -> dict:
    import json

    report = tmp_path / "rapport.json"
    args = [
        str(Path(__file__).parent),
        case,
        str(folder),
        str(good["out"]),
        str(KIT),
        SLUG,
        str(good["clients"]),
        str(report),
    ]
    done = subprocess.run(
        [
            "unshare",
            "--mount",
            *(["--map-root-user"] if os.geteuid() else []),
            sys.executable,
            "-c",
            _IN_NAMESPACE,
            *args,
        ],
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(report.read_text(encoding="utf-8"))


def test_a_full_disk_fails_in_french_and_keeps_the_site(good, tmp_path):
    disk = tmp_path / "petit-disque"
    disk.mkdir()
    full = in_namespace("plein", disk, good, tmp_path)
    assert full["code"] == 1
    assert "Traceback" not in full["stderr"] + full["stdout"]
    assert f"plus de place sur le disque (dossier {disk}) : le site précédent est gardé" in full["stderr"], (
        full
    )
    assert full["same"], "le dernier bon site a changé"
    assert full["leftovers"] == []


def test_a_read_only_output_folder_fails_in_french(good, tmp_path):
    target = tmp_path / "lecture-seule"
    target.mkdir()
    (target / "a-garder.txt").write_text("intact")
    done = in_namespace("lecture-seule", target, good, tmp_path)
    assert done["code"] == 1
    assert "Traceback" not in done["stderr"] + done["stdout"]
    assert (
        f"Erreur : dossier en lecture seule (dossier {target}) : aucun site n’a été remplacé à moitié"
        in done["stderr"]
    ), done
    assert done["same"] and done["names"] == ["a-garder.txt"]


def test_bad_source_date_epoch_and_gh_deploy_are_refused_in_french(good, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "demain")
    code, text = kit_here(
        capsys, "build", SLUG, "--out", str(tmp_path / "s"), "--clients-dir", str(good["clients"])
    )
    assert code == 1
    assert (
        "SOURCE_DATE_EPOCH invalide « demain » : un nombre entier de secondes depuis le 1er janvier 1970"
        in text
    )
    assert not (tmp_path / "s").exists()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1e9")
    from mkdocs.exceptions import Abort

    from macros.site.plugin import KitPlugin

    with pytest.raises(Abort, match="SOURCE_DATE_EPOCH invalide « 1e9 »"):  # mkdocs build, serve
        KitPlugin().on_startup(command="build", dirty=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    # Outside any git repository and towards no remote: were the refusal to fail, nothing could be pushed.
    run = subprocess.run(
        [
            str(BIN / "mkdocs"),
            "gh-deploy",
            "--remote-name",
            "nulle-part",
            "--config-file",
            str(ROOT / "mkdocs.yml"),
        ],
        cwd=tmp_path,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 1, run.stderr
    said = run.stdout + run.stderr
    assert "mkdocs gh-deploy publierait le kit de relecture" in said and "kit publish CLIENT" in said
    assert "Traceback" not in said


def test_serve_refuses_a_busy_port_and_a_bad_address_in_french(good, capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = kit("serve", SLUG, "--adresse", f"127.0.0.1:{port}", "--clients-dir", str(good["clients"]))
    assert result.returncode == 1
    assert f"le port {port} de 127.0.0.1 est déjà utilisé (un autre kit serve ?)" in result.stderr
    no_traceback(result)
    code, text = kit_here(
        capsys, "serve", SLUG, "--adresse", "127.0.0.1", "--clients-dir", str(good["clients"])
    )
    assert code == 1 and "adresse invalide « 127.0.0.1 » : hôte:port, par exemple 127.0.0.1:8000" in text


def test_one_build_at_a_time_in_an_output_folder(tmp_path):
    """The lock a build holds makes the next one wait, then refuse in French."""
    from macros.commands.common import KitAbort
    from macros.commands.outdir import build_lock

    waited = []
    with build_lock(tmp_path):
        start = time.monotonic()
        with pytest.raises(
            KitAbort, match="une autre construction écrit déjà dans .* : attendez qu’elle se termine"
        ):
            with build_lock(tmp_path, waiting=lambda: waited.append(True), timeout=0.5):
                pass
        assert time.monotonic() - start >= 0.5 and waited == [True]
    with build_lock(tmp_path, timeout=0.5):  # released with its holder
        pass

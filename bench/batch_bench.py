"""Benchmark of many clients and of the review server (not a test: it prints figures).

1. Twenty clients, copies of the demo client kept outside the repository
   (``KIT_CLIENTS_DIR``): ``kit build --all -j 2 --no-pdf`` against twenty
   separate ``mkdocs build --strict`` processes run one after the other, as a
   shell loop would. Target: the batch takes at most 0.35 of the loop's time.
2. ``mkdocs serve`` on a free local port: the client's ``client.yml`` is
   edited and the time until the served page shows the change is measured.
   Target: under one second.

Run: ``.venv/bin/python bench/batch_bench.py`` (``--clients N``, ``--rounds N``).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEMO = ROOT / "kits" / "clients" / "demo"


def make_clients(folder: Path, count: int) -> list[str]:
    slugs = []
    text = (DEMO / "client.yml").read_text(encoding="utf-8")
    for n in range(1, count + 1):
        slug = f"ville-{n:02d}"
        shutil.copytree(DEMO, folder / slug)
        named = text.replace("Ville de Bellerive-sur-Loire", f"Ville numéro {n}")
        (folder / slug / "client.yml").write_text(named, encoding="utf-8")
        slugs.append(slug)
    return slugs


def env_for(clients: Path, slug: str | None = None) -> dict[str, str]:
    env = dict(os.environ, KIT_CLIENTS_DIR=str(clients), KIT_AUDIENCE="interne", NO_MKDOCS_2_WARNING="1")
    if slug:
        env["KIT_CLIENT"] = slug
    return env


def children_cpu() -> float:
    """CPU seconds (user + system) of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def separate_builds(clients: Path, slugs: list[str], out: Path) -> float:
    start = time.perf_counter()
    for slug in slugs:
        subprocess.run(
            [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(out / slug)],
            cwd=ROOT,
            env=env_for(clients, slug),
            check=True,
        )
    return time.perf_counter() - start


def batch_build(clients: Path, out: Path, jobs: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(BIN / "kit"), "build", "--all", "-j", str(jobs), "--no-pdf", "--out", str(out)],
        cwd=ROOT,
        env=env_for(clients),
        check=True,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, marker: str, limit: float) -> float | None:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        page = fetch(url)
        if page is not None and marker in page:
            return time.perf_counter() - start
        time.sleep(0.01)
    return None


def serve_rebuilds(clients: Path, slug: str, rounds: int, command: list[str] | None = None) -> list[float]:
    """Seconds from each saved edit of ``client.yml`` to the served page showing it.

    ``command`` starts the server, the address comes last (default:
    ``mkdocs serve --dev-addr``; ``make bench`` passes ``kit serve SLUG --adresse``)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [*(command or [str(BIN / "mkdocs"), "serve", "--dev-addr"]), f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env_for(clients, slug),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client_file = clients / slug / "client.yml"
    original = client_file.read_text(encoding="utf-8")
    times = []
    try:
        if wait_for(url, "Réaménager la place de la Halle", 120) is None:
            raise SystemExit("mkdocs serve n'a pas démarré")
        for n in range(rounds):
            time.sleep(1.0)  # let the server settle between edits
            marker = f"Place retouchée {n}"
            client_file.write_text(
                re.sub(r"titre: Réaménager la place de la Halle", f"titre: {marker}", original),
                encoding="utf-8",
            )
            elapsed = wait_for(url, marker, 30)
            if elapsed is None:
                raise SystemExit("la modification n'est jamais apparue")
            times.append(elapsed)
            client_file.write_text(original, encoding="utf-8")
            wait_for(url, "Réaménager la place de la Halle", 30)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return times


def measure_pair(clients: Path, slugs: list[str], out: Path, jobs: int) -> tuple[float, float, float, float]:
    """One loop of separate builds, then one batch: wall and CPU seconds of each."""
    cpu = children_cpu()
    separate = separate_builds(clients, slugs, out / "separes")
    cpu_separate, cpu = children_cpu() - cpu, children_cpu()
    batch = batch_build(clients, out / "lot", jobs)
    return separate, batch, cpu_separate, children_cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=5, help="edits timed under mkdocs serve")
    parser.add_argument(
        "--repetitions", type=int, default=3, help="loop + batch pairs (the machine may be shared)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kit-bench-") as tmp:
        base = Path(tmp)
        clients = base / "clients"
        clients.mkdir()
        slugs = make_clients(clients, args.clients)
        print(f"{len(slugs)} clients (copies du client de démonstration), {os.cpu_count()} processeurs")
        pairs = []
        for n in range(args.repetitions):
            load = os.getloadavg()[0]
            separate, batch, cpu_separate, cpu_batch = measure_pair(clients, slugs, base / str(n), args.jobs)
            pairs.append((batch / separate, separate, batch))
            print(
                f"  essai {n + 1} : {len(slugs)} x mkdocs build --strict l'un après l'autre {separate:6.2f} s ; "
                f"kit build --all -j {args.jobs} --no-pdf {batch:6.2f} s ; rapport {batch / separate:.2f} ; "
                f"processeur {cpu_separate:.1f} s contre {cpu_batch:.1f} s ; charge au départ {load:.1f}"
            )
        ratio, separate, batch = sorted(pairs)[len(pairs) // 2]
        verdict = "objectif atteint" if ratio <= 0.35 else "objectif manqué"
        print(
            f"{len(slugs)} x mkdocs build --strict, l'un après l'autre : {separate:6.2f} s ({separate / len(slugs):.2f} s par client)"
        )
        print(
            f"kit build --all -j {args.jobs} --no-pdf                  : {batch:6.2f} s ({batch / len(slugs):.2f} s par client)"
        )
        print(f"rapport médian sur {len(pairs)} essais : {ratio:.2f} (objectif <= 0,35 : {verdict})")
        times = serve_rebuilds(clients, slugs[0], args.rounds)
        median = statistics.median(times)
        verdict = "objectif atteint" if median < 1 else "objectif manqué"
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(
            f"mkdocs serve, client.yml modifié -> page servie à jour : médiane {median:.2f} s (essais : {shown} s ; objectif < 1 s : {verdict})"
        )


if __name__ == "__main__":
    main()

"""``make bench``: the kit's figures, measured in one run on this machine.

    .venv/bin/python bench/run.py [--repetitions 5] [--clients 20] [--rapide]

1. The demo's review site, ``mkdocs build --strict`` in a new process each time
   (start-up and imports included): median wall time.
2. The share of an in-process build spent in the project's own code (package
   ``macros``: loading and validating the kit, rendering widgets, hooks),
   from cProfile: time of every call into ``macros`` made from outside it.
3. The PDF step against WeasyPrint alone on the same HTML
   (``bench/pdf_bench.py``, by the PDF step's authors).
4. Many clients: ``kit build --all`` against separate ``mkdocs build``
   processes, and the ``mkdocs serve`` rebuild latency after an edit of
   ``client.yml`` (``bench/batch_bench.py``, by the CLI's authors).
5. Peak memory (maximum resident set) of a site build and of the PDF step.

Prints a table and writes it to ``bench/results/latest.md``. Medians of
several runs; the machine's load at the start is reported with them.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import batch_bench  # bench/, this script's folder, is first on sys.path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results" / "latest.md"
OWN = str(ROOT / "macros")
EPOCH = "1790000000"

Row = tuple[str, str, str]


def kit_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, KIT_CLIENT="demo", KIT_AUDIENCE="interne", NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH)
    env.pop("KIT_CLIENTS_DIR", None)
    env.update(extra)
    return env


def mkdocs_build_cmd(site: Path) -> list[str]:
    return [str(BIN / "mkdocs"), "build", "--strict", "--quiet", "--site-dir", str(site)]


def timed(run: Callable[[], object], repetitions: int) -> list[float]:
    times = []
    for _ in range(repetitions):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def peak_memory_mib(cmd: list[str], env: dict[str, str]) -> float:
    """Maximum resident set of ``cmd`` (and its children), measured in a fresh parent."""
    probe = (
        "import resource, subprocess, sys, json;"
        "subprocess.run(json.loads(sys.argv[1]), check=True, stdout=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, json.dumps(cmd)], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return int(out.stdout.split()[-1]) / 1024


# -- 1 and 5: the site build ---------------------------------------------------


def site_build(tmp: Path, repetitions: int) -> list[Row]:
    site = tmp / "site"
    cmd = mkdocs_build_cmd(site)
    times = timed(lambda: subprocess.run(cmd, cwd=ROOT, env=kit_env(), check=True), repetitions)
    memory = peak_memory_mib(cmd, kit_env())
    return [
        ("Construction du site de revue (processus complet)", f"{statistics.median(times):.2f} s", f"médiane de {repetitions}, min {min(times):.2f} s"),
        ("Mémoire maximale d'une construction de site", f"{memory:.0f} Mio", "RSS maximal du processus mkdocs"),
    ]


# -- 2: the project's own code ----------------------------------------------------


def _category(func: tuple[str, int, str]) -> str | None:
    filename, _line, name = func
    if not filename.startswith(OWN):
        return None
    rel = filename[len(OWN) + 1 :]
    loading = ("kit.py", "yamlsource.py", "validation.py", "references.py", "state.py", "settings.py", "model/")
    if rel.startswith(loading) or (rel == "__init__.py" and name == "define_env"):
        return "chargement et validation du kit"
    return "rendu (widgets, pages, crochets)"


def profile_in_process(site: str) -> dict[str, float]:
    """One build in this process without profiler (its wall time), then one under cProfile."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.chdir(ROOT)
    start = time.perf_counter()
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=site, strict=True))
    plain = time.perf_counter() - start
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=site, strict=True)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    build(config)
    profiler.disable()
    wall = time.perf_counter() - start
    stats = pstats.Stats(profiler)
    shares: dict[str, float] = {}
    for func, (_cc, _nc, _tt, _ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        category = _category(func)
        if category is None:
            continue
        # Time of calls entering the package from outside it: nested calls are not counted twice.
        entering = sum(c[3] for caller, c in callers.items() if _category(caller) is None)
        shares[category] = shares.get(category, 0.0) + entering
    return {"total": stats.total_tt, "wall": wall, "plain": plain, **shares}  # type: ignore[attr-defined]


def own_code_share(tmp: Path, repetitions: int) -> list[Row]:
    runs = []
    for n in range(repetitions):
        cmd = [sys.executable, __file__, "--profil", str(tmp / f"profil-{n}")]
        out = subprocess.run(cmd, cwd=ROOT, env=kit_env(), check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    plain = statistics.median(r["plain"] for r in runs)
    rows = [("Construction dans le processus (hors démarrage)", f"{plain:.2f} s", f"médiane de {repetitions} ; imports et démarrage exclus")]
    categories = sorted({k for r in runs for k in r} - {"total", "wall", "plain"})
    own = statistics.median(sum(r.get(k, 0.0) for k in categories) / r["total"] for r in runs)
    rows.append(("  dont code du projet (paquet macros)", f"{100 * own:.0f} %", "cProfile : appels entrant dans macros, ce qu'ils appellent compris"))
    for category in categories:
        share = statistics.median(r.get(category, 0.0) / r["total"] for r in runs)
        rows.append((f"    {category}", f"{100 * share:.0f} %", ""))
    return rows


# -- 3: PDF ------------------------------------------------------------------------


def pdf_step(tmp: Path, repetitions: int) -> list[Row]:
    script = ROOT / "bench" / "pdf_bench.py"
    site = tmp / "site-pdf"
    subprocess.run(mkdocs_build_cmd(site), cwd=ROOT, env=kit_env(), check=True)
    out = subprocess.run([sys.executable, str(script), "--repeat", str(repetitions), "--site", str(site)], cwd=ROOT, env=kit_env(), capture_output=True, text=True)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("[médiane")), None)
    figures = re.findall(r"(\d+[.,]\d+) s", line or "")
    overhead = re.search(r"surcoût : ([+-]?\d+[.,]\d+) %", line or "")
    pdf_cmd = [sys.executable, "-m", "macros.outputs.pdf", "--site", str(site), "--sortie", str(tmp / "pdf-memoire")]
    memory = peak_memory_mib(pdf_cmd, kit_env())
    if len(figures) < 2:
        return [("Étape PDF", "échec de la mesure", (out.stderr or out.stdout).strip()[-200:])]
    produced = next((ln for ln in out.stdout.splitlines() if ln.startswith("PDF produits")), "")
    own = re.search(r"hors WeasyPrint[^:]*: (\d+[.,]\d+) s, soit (\d+[.,]\d+) %", out.stdout)
    rows = [
        ("WeasyPrint seul, même HTML (tous les PDF)", f"{figures[0]} s", f"médiane de {repetitions} ; {produced.partition(' : ')[2]}"),
        ("Étape PDF complète (build_handbooks)", f"{figures[1]} s", f"écart {overhead[1] if overhead else '?'} % avec WeasyPrint seul (bruit compris)"),
    ]
    if own:
        rows.append(("  dont travail propre de l'étape hors WeasyPrint", f"{own[1]} s", f"{own[2]} % de WeasyPrint seul"))
    return rows + [("Mémoire maximale de l'étape PDF", f"{memory:.0f} Mio", "python -m macros.outputs.pdf")]


# -- 4: batch and serve ------------------------------------------------------------


def batch_and_serve(tmp: Path, clients: int, rounds: int) -> list[Row]:
    if not (BIN / "kit").exists():
        return [("Lot de clients et mkdocs serve", "non mesurés", "commande kit absente")]
    folder = tmp / "clients"
    folder.mkdir()
    slugs = batch_bench.make_clients(folder, clients)
    separate = batch_bench.separate_builds(folder, slugs, tmp / "separes")
    jobs = os.cpu_count() or 2
    batch = batch_bench.batch_build(folder, tmp / "lot", jobs)
    serve = batch_bench.serve_rebuilds(folder, slugs[0], rounds)
    return [
        (f"{clients} clients, un mkdocs build après l'autre", f"{separate:.1f} s", f"{separate / clients:.2f} s par client"),
        (f"{clients} clients, kit build --all -j {jobs} --no-pdf", f"{batch:.1f} s", f"rapport lot / séparés : {batch / separate:.2f}"),
        ("mkdocs serve : client.yml modifié → page à jour", f"{statistics.median(serve):.2f} s", f"médiane de {rounds} : " + ", ".join(f"{t:.2f}" for t in serve)),
    ]


# -- report ------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    lines = ["| mesure | valeur | détail |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {detail} |" for name, value, detail in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesures du kit (make bench).")
    parser.add_argument("--repetitions", type=int, default=5, help="constructions par mesure (médiane)")
    parser.add_argument("--clients", type=int, default=20, help="clients du lot")
    parser.add_argument("--rapide", action="store_true", help="3 répétitions, 6 clients, 3 essais de serve")
    parser.add_argument("--profil", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.profil:
        print(json.dumps(profile_in_process(args.profil)))
        return
    reps, clients, rounds = (3, 6, 3) if args.rapide else (args.repetitions, args.clients, 5)
    start, load = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="kit-mesures-") as name:
        tmp = Path(name)
        rows = site_build(tmp, reps) + own_code_share(tmp, reps) + pdf_step(tmp, max(1, reps - 2))
        rows += batch_and_serve(tmp, clients, rounds)
    header = (
        f"Mesures du {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, {os.cpu_count()} processeurs, "
        f"Python {platform.python_version()}, charge au départ {load:.2f}, durée {time.perf_counter() - start:.0f} s."
    )
    report = f"{header}\n\n{table(rows)}\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")
    print(report)
    print(f"Écrit dans {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

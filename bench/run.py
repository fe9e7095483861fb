"""``make bench``: the kit's figures and their targets, measured in one run.

    .venv/bin/python bench/run.py [--repetitions 3] [--clients 20] [--rapide]

Every build is a whole ``kit build`` process (start-up, site, PDFs, DOCX/ODT,
atomic swap), in a temporary folder, with a fixed ``SOURCE_DATE_EPOCH``:

1. the demo's review site without PDFs (``--no-pdf``): the reference;
2. the demo with its PDFs, every book rendered (``--force``): ratio to 1,
   target at most 4.5;
3. the same build again with nothing changed (books from the cache): ratio to
   1, target at most 1.5; the size of every demo PDF, target 600 KB each;
4. a large client (``bench/large_client.py``: every public of the library, 12
   scored scenarios, 150 stakeholders): its site, its build with PDFs (ratio
   to 2, target at most 2.5), each PDF (2 MB at most), the biggest HTML page
   (1.5 MB at most), the peak memory of the whole build (under 500 MB);
5. ``kit build --all -j 2`` for 20 copies of the demo, without and with PDFs;
6. ``kit serve``: time from a saved ``client.yml`` to the page served with
   the change (an HTTP fetch of the page, as the browser's reload does),
   target under 0.6 s on an idle machine;
7. the share of the project's own code in a site build (cProfile), and the
   site build's peak memory.

Medians of several runs; the CPU time (user + system of the whole process
tree) is given beside each wall time: on a machine shared with others, the
wall time and its ratios are noisy, the CPU time much less. The load average
at the start is printed with the table, which goes to
``bench/results/latest.md`` (not versioned). ``--rapide``: one run of each,
6 clients, 3 edits under ``kit serve``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import batch_bench  # bench/, this script's folder, is first on sys.path
from large_client import make_large_client
from measure import Measured, run_measured

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
KIT = str(BIN / "kit")
RESULTS = ROOT / "bench" / "results" / "latest.md"
OWN = str(ROOT / "macros")
EPOCH = "1790000000"
LARGE = "grande-ville"
MB = 1_000_000
MIB = 1_048_576


@dataclass(frozen=True)
class Row:
    name: str
    value: str
    target: str = ""
    met: bool | None = None
    detail: str = ""


def env(clients_dir: Path | None = None, **extra: str) -> dict[str, str]:
    out = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=EPOCH)
    for name in ("KIT_CLIENTS_DIR", "KIT_CLIENT", "KIT_AUDIENCE", "KIT_PDF_WORKERS"):
        out.pop(name, None)
    if clients_dir is not None:
        out["KIT_CLIENTS_DIR"] = str(clients_dir)
    out.update(extra)
    return out


def num(value: float, digits: int = 2) -> str:
    """French decimal comma."""
    return f"{value:.{digits}f}".replace(".", ",")


def secs(value: float) -> str:
    return num(value) + "\u00a0s"


def size(value: float) -> str:
    return (num(value / MB, 2) + "\u00a0Mo") if value >= MB / 10 else (num(value / 1000, 0) + "\u00a0ko")


# -- running builds ------------------------------------------------------------


def kit_build(args: list[str], clients_dir: Path | None = None) -> Measured:
    return run_measured([KIT, "build", *args], cwd=ROOT, env=env(clients_dir))


def repeat(
    args: list[str], times: int, clients_dir: Path | None = None, before: list[str] | None = None
) -> list[Measured]:
    runs = []
    for _ in range(times):
        if before:  # e.g. a forced build: the output is cleared first, as a fresh checkout would be
            shutil.rmtree(before[0], ignore_errors=True)
        runs.append(kit_build(args, clients_dir))
    return runs


def median_wall(runs: list[Measured]) -> float:
    return statistics.median(r.wall for r in runs)


def median_cpu(runs: list[Measured]) -> float:
    return statistics.median(r.cpu for r in runs)


def timing(name: str, runs: list[Measured], detail: str = "") -> Row:
    walls = ", ".join(num(r.wall) for r in runs)
    return Row(
        name,
        secs(median_wall(runs)),
        detail=f"processeur {secs(median_cpu(runs))} ; essais : {walls}" + (f" ; {detail}" if detail else ""),
    )


def ratio(name: str, runs: list[Measured], base: list[Measured], limit: float) -> Row:
    wall = median_wall(runs) / median_wall(base)
    cpu = median_cpu(runs) / median_cpu(base)
    return Row(name, num(wall), f"≤ {num(limit, 1)}", wall <= limit, f"en temps processeur : {num(cpu)}")


def pdf_sizes(folder: Path, limit: int, label: str) -> list[Row]:
    rows = []
    for pdf in sorted(folder.glob("*.pdf")):
        pages = _pages(pdf)
        rows.append(
            Row(
                f"{label} : {pdf.name}",
                size(pdf.stat().st_size),
                f"≤ {size(limit)}",
                pdf.stat().st_size <= limit,
                f"{pages} p.",
            )
        )
    return rows or [Row(f"{label} : PDF", "aucun PDF produit", met=False)]


def _pages(pdf: Path) -> str:
    try:
        import pikepdf

        with pikepdf.open(pdf) as doc:
            return str(len(doc.pages))
    except Exception:  # the page count is a detail; the size is the measure
        return "?"


def memory(name: str, runs: list[Measured], limit_mb: float | None = None) -> Row:
    """Peak memory in MiB (as /proc gives it) and in MB (the target's unit: 500 MB is 477 MiB)."""
    pss = max(r.peak_pss_mib for r in runs)
    rss = max(r.peak_rss_mib for r in runs)
    single = max(r.max_single_rss_mib for r in runs)
    target = f"< {num(limit_mb, 0)} Mo" if limit_mb else ""
    met = pss * MIB < limit_mb * MB if limit_mb else None
    detail = f"somme des PSS de l'arbre de processus ; somme des RSS {num(rss, 0)} Mio ; plus gros processus {num(single, 0)} Mio"
    return Row(name, f"{num(pss, 0)}\u00a0Mio ({num(pss * MIB / MB, 0)}\u00a0Mo)", target, met, detail)


def biggest_page(site: Path, limit: int) -> Row:
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    top = pages[-1]
    return Row(
        "Grand client : plus grosse page HTML",
        size(top.stat().st_size),
        f"≤ {size(limit)}",
        top.stat().st_size <= limit,
        top.relative_to(site).as_posix(),
    )


# -- 1 to 3: the demo ----------------------------------------------------------


def demo(tmp: Path, reps: int) -> tuple[list[Row], list[Measured]]:
    site_out, full_out = tmp / "demo-site", tmp / "demo-pdf"
    site = repeat(["demo", "--no-pdf", "--out", str(site_out)], reps)
    full = repeat(["demo", "--force", "--out", str(full_out)], reps, before=[str(full_out)])
    again = repeat(["demo", "--out", str(full_out)], reps)
    rows = [
        timing("Démo : site seul (kit build --no-pdf)", site, "la référence des rapports"),
        timing("Démo : site et PDF, tout réimprimé (--force)", full),
        ratio("  rapport à la construction sans PDF", full, site, 4.5),
        timing("Démo : reconstruction sans changement", again, "PDF repris du cache"),
        ratio("  rapport à la construction sans PDF", again, site, 1.5),
        memory("Démo : mémoire maximale, site et PDF", full),
        *pdf_sizes(full_out / "demo" / "livrets", 600_000, "Démo"),
    ]
    return rows, full


# -- 4: the large client -------------------------------------------------------


def large(tmp: Path, reps: int, demo_full: list[Measured]) -> list[Row]:
    clients = tmp / "grands"
    clients.mkdir()
    make_large_client(clients, LARGE)
    site_out, full_out = tmp / "grand-site", tmp / "grand-pdf"
    site = repeat([LARGE, "--no-pdf", "--out", str(site_out)], reps, clients)
    full = repeat([LARGE, "--force", "--out", str(full_out)], reps, clients, before=[str(full_out)])
    return [
        timing("Grand client : site seul", site),
        timing("Grand client : site et PDF (--force)", full),
        ratio("  rapport à la démo avec PDF", full, demo_full, 2.5),
        memory("Grand client : mémoire maximale de toute la construction", full, 500),
        biggest_page(site_out / LARGE, 1_500_000),
        *pdf_sizes(full_out / LARGE / "livrets", 2_000_000, "Grand client"),
    ]


# -- 5 and 6: many clients, kit serve ------------------------------------------


def batch(tmp: Path, count: int) -> tuple[list[Row], Path, str]:
    clients = tmp / "clients"
    clients.mkdir()
    slugs = batch_bench.make_clients(clients, count)
    bare = kit_build(["--all", "-j", "2", "--no-pdf", "--out", str(tmp / "lot-site")], clients)
    full = kit_build(["--all", "-j", "2", "--out", str(tmp / "lot-pdf")], clients)
    rows = [
        Row(
            f"{count} clients, kit build --all -j 2 --no-pdf",
            secs(bare.wall),
            detail=f"processeur {secs(bare.cpu)} ; {secs(bare.wall / count)} par client",
        ),
        Row(
            f"{count} clients, kit build --all -j 2 (avec PDF)",
            secs(full.wall),
            detail=f"processeur {secs(full.cpu)} ; {secs(full.wall / count)} par client",
        ),
        memory(f"{count} clients avec PDF : mémoire maximale", [full]),
    ]
    return rows, clients, slugs[0]


def serve(clients: Path, slug: str, rounds: int) -> list[Row]:
    times = batch_bench.serve_rebuilds(clients, slug, rounds, command=[KIT, "serve", slug, "--adresse"])
    median = statistics.median(times)
    shown = ", ".join(num(t) for t in times)
    return [
        Row(
            "kit serve : client.yml enregistré → page servie à jour",
            secs(median),
            "< 0,6\u00a0s au repos",
            median < 0.6,
            f"médiane de {rounds} : {shown}",
        )
    ]


# -- 7: the site build's own code and memory ------------------------------------


def _category(func: tuple[str, int, str]) -> str | None:
    filename, _line, name = func
    if not filename.startswith(OWN):
        return None
    rel = filename[len(OWN) + 1 :]
    loading = ("loading/", "model/", "settings.py", "site/state.py")
    # the kit plugin loads the kit in on_config (its _load_kit), mkdocs-macros in define_env
    if rel.startswith(loading) or name in ("define_env", "_load_kit"):
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
    profiler.enable()
    build(config)
    profiler.disable()
    stats = pstats.Stats(profiler)
    shares: dict[str, float] = {}
    for func, (_cc, _nc, _tt, _ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
        category = _category(func)
        if category is None:
            continue
        # Time of calls entering the package from outside it: nested calls are not counted twice.
        entering = sum(c[3] for caller, c in callers.items() if _category(caller) is None)
        shares[category] = shares.get(category, 0.0) + entering
    return {"total": stats.total_tt, "plain": plain, **shares}  # type: ignore[attr-defined]


def own_code(tmp: Path, reps: int) -> list[Row]:
    runs = []
    for n in range(reps):
        cmd = [sys.executable, __file__, "--profil", str(tmp / f"profil-{n}")]
        out = subprocess.run(
            cmd,
            cwd=ROOT,
            env=env(KIT_CLIENT="demo", KIT_AUDIENCE="interne"),
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    plain = statistics.median(r["plain"] for r in runs)
    rows = [
        Row("Site de la démo dans le processus (hors démarrage)", secs(plain), detail=f"médiane de {reps}")
    ]
    categories = sorted({k for r in runs for k in r} - {"total", "plain"})
    own = statistics.median(sum(r.get(k, 0.0) for k in categories) / r["total"] for r in runs)
    rows.append(
        Row(
            "  dont code du projet (paquet macros)",
            f"{num(100 * own, 0)} %",
            detail="cProfile : appels entrant dans macros, ce qu'ils appellent compris",
        )
    )
    for category in categories:
        share = statistics.median(r.get(category, 0.0) / r["total"] for r in runs)
        rows.append(Row(f"    {category}", f"{num(100 * share, 0)} %"))
    return rows


# -- report --------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    lines = ["| mesure | valeur | objectif | atteint | détail |", "|---|---|---|---|---|"]
    for r in rows:
        met = "" if r.met is None else ("oui" if r.met else "**non**")
        lines.append(f"| {r.name} | {r.value} | {r.target} | {met} | {r.detail} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Mesures du kit (make bench).")
    parser.add_argument(
        "--repetitions", type=int, default=3, help="constructions par mesure de la démo (médiane)"
    )
    parser.add_argument("--clients", type=int, default=20, help="clients du lot")
    parser.add_argument(
        "--rapide", action="store_true", help="une construction par mesure, 6 clients, 3 essais de serve"
    )
    parser.add_argument("--profil", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.profil:
        print(json.dumps(profile_in_process(args.profil)))
        return
    reps, clients, rounds = (1, 6, 3) if args.rapide else (args.repetitions, args.clients, 5)
    start, load = time.perf_counter(), os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="kit-mesures-") as name:
        tmp = Path(name)
        rows, demo_full = demo(tmp, reps)
        rows += large(tmp, max(1, reps - 1), demo_full)
        batch_rows, folder, first = batch(tmp, clients)
        rows += batch_rows + serve(folder, first, rounds)
        rows += own_code(tmp, reps)
    missed = [r.name.strip() for r in rows if r.met is False]
    header = (
        f"Mesures du {time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, {os.cpu_count()} processeurs, "
        f"Python {platform.python_version()}, charge au départ {num(load[0])} (5 min : {num(load[1])}), "
        f"durée {num(time.perf_counter() - start, 0)} s{', mode rapide' if args.rapide else ''}."
    )
    verdict = (
        "Tous les objectifs sont atteints."
        if not missed
        else "Objectifs manqués : " + " ; ".join(missed) + "."
    )
    if load[0] > 1.5:
        verdict += (
            " Machine chargée au départ : les temps et leurs rapports sont à lire avec le temps processeur."
        )
    report = f"{header}\n\n{table(rows)}\n\n{verdict}\n"
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(report, encoding="utf-8")
    print(report)
    print(f"Écrit dans {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

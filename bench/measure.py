"""Run a command and measure it whole: wall time, CPU time and peak memory of its
process tree (the command and every process it starts, PDF workers included).

CPU time comes from ``RUSAGE_CHILDREN`` (user + system of every waited-for
descendant): on a machine shared with others it moves much less than the wall
time, so comparisons are made on it too. Memory is sampled from ``/proc``
every few hundredths of a second: the sum over the tree of the resident set
(RSS, pages shared by forked workers counted in each) and of the proportional
set (PSS, each shared page divided between its users: what the build really
takes from the machine), and the largest RSS of a single process.
"""

from __future__ import annotations

import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Measured", "run_measured"]

PROC = Path("/proc")


@dataclass(frozen=True)
class Measured:
    wall: float
    cpu: float
    peak_rss_mib: float
    """Largest sum of RSS over the tree at one moment."""
    peak_pss_mib: float
    """Largest sum of PSS over the tree at one moment (0 if /proc does not give it)."""
    max_single_rss_mib: float
    """Largest RSS of one process of the tree."""


def _children_map() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: split after it
        fields = stat.rpartition(")")[2].split()
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _descendants(root: int) -> list[int]:
    tree = _children_map()
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(tree.get(pid, []))
    return found


def _memory_kib(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KiB; (0, 0) once it is gone."""
    rss = pss = 0
    try:
        for line in (PROC / str(pid) / "smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError):
        try:
            for line in (PROC / str(pid) / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
        except OSError:
            pass
    return rss, pss


class _Sampler(threading.Thread):
    def __init__(self, root: int, interval: float) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_rss = self.peak_pss = self.single = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            totals = [_memory_kib(pid) for pid in _descendants(self.root)]
            self.peak_rss = max(self.peak_rss, sum(t[0] for t in totals))
            self.peak_pss = max(self.peak_pss, sum(t[1] for t in totals))
            self.single = max([self.single, *(t[0] for t in totals)])
            self.done.wait(self.interval)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(
    cmd: list[str], *, cwd: Path, env: dict[str, str], interval: float = 0.05, quiet: bool = True
) -> Measured:
    """Run ``cmd`` to its end (it must succeed) and measure its process tree."""
    cpu, start = _children_cpu(), time.perf_counter()
    out = subprocess.DEVNULL if quiet else None
    process = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.PIPE if quiet else None, text=True
    )
    sampler = _Sampler(process.pid, interval)
    sampler.start()
    _, errors = process.communicate()
    wall = time.perf_counter() - start
    sampler.done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"échec de {' '.join(cmd)} :\n{(errors or '')[-2000:]}")
    return Measured(
        wall, _children_cpu() - cpu, sampler.peak_rss / 1024, sampler.peak_pss / 1024, sampler.single / 1024
    )

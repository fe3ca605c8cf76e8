"""Wall time of ``voyages check`` on the bundled cases, against peers.

Target (issue 2): ``voyages check`` on a bundled case (Mali, Keelung) in
about 2 s wall on the project machine. Peers measured in the same run, so
the ratios hold when the machine is busy: ``python -c pass`` (interpreter
start) and ``voyages --help`` (the CLI's import cost).

Usage::

    python benchmarks/check_time.py [--runs 5]

Prints the median and minimum wall time of each command and its ratio to
the peers. Each command runs in a fresh process, as a user runs it. The
commands use a cache folder of their own (``VOYAGES_CACHE_DIR``, see
``voyages/_cache.py``), warmed by one unmeasured run; the ``cold cache``
rows give every run an empty one (a user's first run after installing or
upgrading: the sea graph, land mask, sea routes, time zones and rigour's
country-name index are built then).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 2.0


def wall(args: list[str], runs: int, cache: str | None) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of each run, in a fresh process.

    ``cache`` is the cache folder to use; None gives each run an empty one.
    """
    times, cpu = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as empty:
            env = {**os.environ, "VOYAGES_CACHE_DIR": cache or empty}
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([sys.executable, *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False, env=env)
            times.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return times, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    runs = parser.parse_args().runs
    cases = ("mali-2025", "keelung-2025")
    commands: dict[str, tuple[list[str], bool]] = {  # name: (arguments, cold cache)
        "python -c pass": (["-c", "pass"], False),
        "voyages --help": (["-m", "voyages", "--help"], False),
    }
    for case in cases:
        check = ["-m", "voyages", "check", f"reports/{case}/case.toml"]
        commands[f"voyages check {case}"] = (check, False)
        commands[f"  … {case} cold cache"] = (check, True)
    with tempfile.TemporaryDirectory() as cache:
        for case in cases:  # warm the cache, unmeasured
            wall(["-m", "voyages", "check", f"reports/{case}/case.toml"], 1, cache)
        results = {name: wall(args, runs, None if cold else cache)
                   for name, (args, cold) in commands.items()}
    with open("/proc/loadavg") if Path("/proc/loadavg").exists() else open(os.devnull) as fh:
        load = fh.read().split()[:1]  # 1-minute load average at the end of the runs
    base = statistics.median(results["python -c pass"][0])
    cli = statistics.median(results["voyages --help"][0])
    print(f"{'command':30} {'wall s':>7} {'min s':>6} {'cpu s':>6} {'× python':>9} {'× --help':>9}")
    for name, (times, cpu) in results.items():
        median = statistics.median(times)
        print(f"{name:30} {median:7.3f} {min(times):6.3f} {statistics.median(cpu):6.3f} "
              f"{median / base:9.1f} {median / cli:9.1f}")
    print()
    for case in cases:
        case_wall = statistics.median(results[f"voyages check {case}"][0])
        case_cpu = statistics.median(results[f"voyages check {case}"][1])
        cold_wall = statistics.median(results[f"  … {case} cold cache"][0])
        warm = "meets" if case_wall < TARGET_S else "misses"
        cold = "meets" if cold_wall < TARGET_S else "misses"
        print(f"voyages check {case}: {case_wall:.2f} s wall ({case_cpu:.2f} s CPU) median over "
              f"{runs} runs, {warm} the {TARGET_S:.0f} s target warm; {cold_wall:.2f} s with "
              f"a cold cache, {cold} it cold")
    if load:
        print(f"load average {load[0]} (1 min, at the end) on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()

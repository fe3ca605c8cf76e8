"""Wall time of ``voyages check`` on the bundled cases, against peers.

Target (issue 2): ``voyages check reports/mali-2025/case.toml`` under 2 s
wall on the project machine. Peers measured in the same run, so the ratios
hold when the machine is busy: ``python -c pass`` (interpreter start) and
``voyages --help`` (the CLI's import cost).

Usage::

    python benchmarks/check_time.py [--runs 5]

Prints the median and minimum wall time of each command and its ratio to
the peers. Each command runs in a fresh process, as a user runs it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 2.0


def wall(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], cwd=ROOT, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (default 5)")
    runs = parser.parse_args().runs
    commands = {
        "python -c pass": ["-c", "pass"],
        "voyages --help": ["-m", "voyages", "--help"],
        "voyages check keelung-2025": ["-m", "voyages", "check", "reports/keelung-2025/case.toml"],
        "voyages check mali-2025": ["-m", "voyages", "check", "reports/mali-2025/case.toml"],
    }
    results = {name: wall(args, runs) for name, args in commands.items()}
    base = statistics.median(results["python -c pass"])
    cli = statistics.median(results["voyages --help"])
    print(f"{'command':32} {'median s':>9} {'min s':>7} {'× python':>9} {'× --help':>9}")
    for name, times in results.items():
        median = statistics.median(times)
        print(f"{name:32} {median:9.3f} {min(times):7.3f} {median / base:9.1f} {median / cli:9.1f}")
    mali = statistics.median(results["voyages check mali-2025"])
    verdict = "meets" if mali < TARGET_S else "misses"
    print(f"\nvoyages check mali-2025: {mali:.2f} s median over {runs} runs — {verdict} the "
          f"{TARGET_S:.0f} s target")


if __name__ == "__main__":
    main()

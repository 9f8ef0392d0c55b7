"""Cold-process load time: ``xindu_plan.load()`` against plain pandas reading the same CSVs.

Each measurement is a fresh Python process (imports included), alternating the two
so that both see the same machine state. Prints the medians and their ratio.

    python benchmarks/bench_load.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

PLAN = "import xindu_plan; xindu_plan.load()"


def baseline_code() -> str:
    """Plain pandas reading the same files, paths fixed in advance (no xindu_plan import)."""
    from xindu_plan._resources import package_root
    from xindu_plan.tables import TABLES

    paths = [str(package_root() / t.file) for t in TABLES]
    return f"import pandas as pd\nfor p in {paths!r}:\n    pd.read_csv(p)\n"


def cold(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    baseline = baseline_code()
    cold(PLAN), cold(baseline)  # warm the file cache
    plan, base = [], []
    for _ in range(args.runs):
        plan.append(cold(PLAN))
        base.append(cold(baseline))
    p, b = statistics.median(plan), statistics.median(base)
    print(f"xindu_plan.load()      median {p * 1000:7.1f} ms over {args.runs} cold processes")
    print(f"pandas.read_csv x 13   median {b * 1000:7.1f} ms (baseline)")
    print(f"ratio                  {p / b:.2f}x (goal: at most 1.5x)")


if __name__ == "__main__":
    main()

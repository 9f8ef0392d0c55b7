"""Reader speed and memory on 1, 10 and 50 MB of report text, against a one-pass baseline.

    python benchmarks/bench_parse.py [--sizes 1 10 50]

Input: the four national work reports shipped in ``xindu_plan/corpus`` joined and
repeated until the UTF-8 text reaches each size. Each size runs in a fresh process
(so that its peak memory is its own), after a warm-up parse of one report that loads
what the reader loads once (regular expressions, cn2an):

* ``parse()`` of the whole text: seconds, MB/s, seconds per MB;
* peak resident memory the parse added, in MiB per MB of input;
* baseline, measured alongside in the same process: one pass of one regular
  expression over the same text (finding every number), the floor of reading it.

Goals: time per MB flat from 1 to 50 MB (linear time), at least 2 MB/s, at most
10 MiB of memory per MB of input.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys


def _child(size_mb: float) -> dict[str, float]:
    import gc
    import re
    import resource
    import time

    from xindu_plan import corpus, parse

    unit = "\n".join(corpus.text(f"national-gwr-{year}") for year in (2021, 2022, 2023, 2024))
    parse(corpus.text("national-gwr-2021"))  # warm-up
    target = int(size_mb * 1_000_000)
    copies = max(1, round(target / len(unit.encode("utf-8"))))
    text = "\n".join([unit] * copies)
    mb = len(text.encode("utf-8")) / 1e6
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    t0 = time.perf_counter()
    doc = parse(text)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    numbers = sum(1 for _ in re.finditer(r"\d+(?:\.\d+)?", text))
    baseline = time.perf_counter() - t0
    return {
        "mb": mb,
        "seconds": seconds,
        "baseline": baseline,
        "mib_per_mb": (peak - before) / 1024 / mb,
        "quantities": float(len(doc.quantities)),
        "numbers": float(numbers),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 50], help="input sizes in MB")
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(_child(args.child)))
        return
    print(f"{platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    print(f"{'MB':>6} {'s':>7} {'MB/s':>6} {'s/MB':>6} {'MiB/MB':>7} {'regex s':>8} {'ratio':>6} {'quantities':>10}")
    for size in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(size)], check=True, capture_output=True, text=True
        ).stdout
        r = json.loads(out)
        print(
            f"{r['mb']:6.1f} {r['seconds']:7.2f} {r['mb'] / r['seconds']:6.2f} {r['seconds'] / r['mb']:6.3f} "
            f"{r['mib_per_mb']:7.2f} {r['baseline']:8.3f} {r['seconds'] / r['baseline']:6.0f} "
            f"{int(r['quantities']):10d}"
        )


if __name__ == "__main__":
    main()

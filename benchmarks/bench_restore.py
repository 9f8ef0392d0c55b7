"""Restoration of the raw copy against bare OpenCC t2s conversion of the same text.

python benchmarks/bench_restore.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import timeit

import opencc

from xindu_plan.base.resources import package_root
from xindu_plan.chinese.text import restore
from xindu_plan.reading.curation import curated_repairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    raw = (package_root() / "data/source/000_660c768c808e59a5.txt").read_text(encoding="utf-8")
    repairs = curated_repairs()
    converter = opencc.OpenCC("t2s")
    restore(raw, repairs)
    ours = min(timeit.repeat(lambda: restore(raw, repairs), number=1, repeat=args.repeat))
    base = min(timeit.repeat(lambda: converter.convert(raw), number=1, repeat=args.repeat))
    print(f"restore()        best {ours * 1000:7.2f} ms for {len(raw)} characters")
    print(f"OpenCC t2s       best {base * 1000:7.2f} ms (baseline)")
    print(f"ratio            {ours / base:.1f}x (goal: at most 2x)")


if __name__ == "__main__":
    main()

"""Parsing and comparison speed on the real corpus, each against a baseline run alongside.

    python benchmarks/bench_compare.py [--documents 1000] [--repeat 5]

1. parse(): throughput on the four national reports joined (≈ 212 kB of UTF-8),
   beside the floor of reading the same text once with one regular expression;
   goal: at least 1 MB/s.
2. compare(plan, report): one large document; goal: under 1 s.
3. compare_many(): n = N/8, N/4, N/2, N documents cycled from the corpus, as
   paths streamed from disk; goal: time linear in n (seconds per document
   constant) and memory bounded: the process's peak resident size, read after
   each n in increasing order, grows only by the result tables.
"""

from __future__ import annotations

import argparse
import platform
import resource
import tempfile
import time
import timeit
from pathlib import Path

import xindu_plan
from xindu_plan import compare, compare_many, corpus, load, parse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(
        f"xindu-plan {xindu_plan.__version__} on {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )

    text = "\n\n".join(corpus.text(n) for n in corpus.names() if n.startswith("national"))
    size = len(text.encode("utf-8"))
    parse(text)  # warm: imports, regular expressions
    ours = min(timeit.repeat(lambda: parse(text), number=1, repeat=args.repeat))
    floor = min(timeit.repeat(lambda: list(__import__("re").finditer(r"[^。\n]+", text)), number=1, repeat=args.repeat))
    print(
        f"parse            {ours * 1000:8.1f} ms for {size / 1e6:.3f} MB  -> {size / ours / 1e6:.2f} MB/s "
        f"(goal: >= 1 MB/s); one regex pass {floor * 1000:.1f} ms, ratio {ours / floor:.0f}x"
    )

    plan = load()
    report = corpus.document("national-gwr-2021")
    compare(plan, report)  # warm: jieba's dictionary
    one = min(timeit.repeat(lambda: compare(plan, report), number=1, repeat=args.repeat))
    print(
        f"compare          {one * 1000:8.1f} ms, plan vs national-gwr-2021 ({len(report.text)} characters; goal: < 1 s)"
    )

    names = corpus.names()
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for name in names:
            path = Path(tmp) / f"{name}.txt"
            path.write_text(corpus.text(name), encoding="utf-8")
            files.append(path)
        base = None
        for n in sorted({max(len(names), args.documents // k) for k in (8, 4, 2, 1)}):
            paths = (files[i % len(files)] for i in range(n))
            start = time.perf_counter()
            result = compare_many(paths, plan, progress=False)
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux
            per = seconds / n
            base = base or per
            print(
                f"compare_many n={n:5d}  {seconds:7.1f} s  {per * 1000:6.1f} ms/doc  (x{per / base:.2f} of the "
                f"smallest n)  peak RSS {peak / 1e6:6.1f} MB  result {len(result.passages)} passage rows"
            )


if __name__ == "__main__":
    main()

"""Comparison speed and memory on synthetic county-size documents, against jieba's segmentation.

    python benchmarks/bench_compare.py [--sizes 100 1000 10000] [--workers 2]

A synthetic county-size document is about 20 kB of UTF-8 (≈ 6,800 characters):
headings and paragraphs drawn, with a fixed seed, from the body paragraphs of the
four national work reports, so each document differs but reads like a plan
document. The documents are made one at a time as they are compared (about 1 ms
each) and given as texts (``texts=True``). For each size n, each in a fresh
process of its own:

* the baseline: jieba's accurate-mode segmentation of the same n texts (what any
  comparison over jieba words must at least spend);
* ``memory``: ``compare_many(plan, documents, texts=True)`` in one process with
  its defaults: every table kept in memory, passage texts left out;
* ``out``: the options for a large batch, ``compare_many(plan, documents,
  texts=True, workers=N, out=folder)``: every table written to CSV as it is
  computed, none kept in memory.

Each prints milliseconds per document (the reader, ``parse``, included), the
speed-up over one process, and memory: the resident memory (RSS) of the process
and its workers together (their proportional set size, PSS, so that a page a forked
worker shares with its parent counts once), sampled every 50 ms, when
compare_many starts (jieba's dictionary, the plan and its side loaded) and at its
peak; and the memory of the tables returned.

Goals: under 60 ms per document in ``compare_many``, near-linear speed-up on 2
cores, memory bounded for 10,000 documents (flat with ``out``; with every table
in memory it grows only by the tables: about 11 MB per 1,000 documents).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

_TARGET_BYTES = 20_000


def documents(n: int, seed: int = 13) -> Iterator[str]:
    """n synthetic county-size documents, deterministic for a seed, made one at a time."""
    from xindu_plan import corpus

    pool = []
    for name in corpus.names():
        if name.startswith("national"):
            doc = corpus.document(name)
            pool += [str(t) for t in doc.paragraphs.loc[doc.paragraphs["kind"] == "body", "text"]]
    numerals = "一二三四五六七八九十"
    rng = random.Random(seed)
    for k in range(n):
        parts = [f"某县2021年政府工作报告（样本{k + 1}）"]
        size = 0
        section = 0
        while size < _TARGET_BYTES:
            if size >= section * 4000:
                parts.append(f"{numerals[section % 10]}、重点工作之{section + 1}")
                section += 1
            paragraph = rng.choice(pool)
            parts.append(paragraph)
            size += len(paragraph.encode("utf-8"))
        yield "\n".join(parts)


def _rss(pid: int) -> int:
    """Proportional resident bytes (PSS) of a process and, recursively, its children (Linux /proc); 0 when gone.

    PSS splits a page shared by several processes (a forked worker's copy of its parent) among them,
    so the sum over the processes counts each page once.
    """
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0
    kb = next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)
    return kb * 1024 + sum(_rss(int(c)) for c in children)


class Peak:
    """The highest RSS of this process and its workers, sampled in a thread."""

    def __init__(self, every: float = 0.05) -> None:
        self.every, self.peak, self._stop = every, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss(os.getpid()))
            self._stop.wait(self.every)

    def __enter__(self) -> Peak:
        self.peak = _rss(os.getpid())
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss(os.getpid()))


def one(mode: str, n: int, workers: int) -> dict[str, float]:
    """One measurement, in this (fresh) process."""
    if mode == "jieba":
        import jieba

        jieba.lcut("预热")
        size = 0
        start = time.perf_counter()
        for text in documents(n):
            jieba.lcut(text, HMM=False)
            size += len(text.encode("utf-8"))
        return {"ms": (time.perf_counter() - start) / n * 1000, "kb": size / n / 1000}
    from xindu_plan import compare_many, load

    plan = load()
    compare_many(plan, list(documents(2)), texts=True, progress=False)  # warm: dictionary, reference, plan side
    with tempfile.TemporaryDirectory() as folder, Peak() as peak:
        begin = _rss(os.getpid())
        start = time.perf_counter()
        if mode == "memory":
            result = compare_many(plan, documents(n), texts=True, progress=False)
        else:
            result = compare_many(
                plan, documents(n), texts=True, progress=False, workers=workers, out=Path(folder) / "out"
            )
        seconds = time.perf_counter() - start
        kept = sum(int(t.memory_usage(deep=True).sum()) for t in result.tables.values())
    return {"ms": seconds / n * 1000, "start_mb": begin / 1e6, "peak_mb": peak.peak / 1e6, "tables_mb": kept / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--one", nargs=2, metavar=("MODE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one[0], int(args.one[1]), args.workers)))
        return
    import xindu_plan

    print(
        f"xindu-plan {xindu_plan.__version__} on {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.platform()}, {os.cpu_count()} cores"
    )

    def run(mode: str, n: int) -> dict[str, float]:
        command = [sys.executable, __file__, "--one", mode, str(n), "--workers", str(args.workers)]
        return dict(json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout))

    print(
        f"{'n':>6} {'jieba ms/doc':>13} | {'memory: ms/doc':>15} {'ratio':>6} {'start MB':>9} {'peak MB':>8} "
        f"{'tables MB':>10} | {'out, ' + str(args.workers) + ' workers: ms/doc':>26} {'speed-up':>9} "
        f"{'start MB':>9} {'peak MB':>8}"
    )
    for n in sorted(args.sizes):
        base, memory, out = run("jieba", n), run("memory", n), run("out", n)
        print(
            f"{n:6d} {base['ms']:13.1f} | {memory['ms']:15.1f} {memory['ms'] / base['ms']:6.1f} "
            f"{memory['start_mb']:9.0f} {memory['peak_mb']:8.0f} {memory['tables_mb']:10.1f} | "
            f"{out['ms']:26.1f} {memory['ms'] / out['ms']:9.2f} {out['start_mb']:9.0f} {out['peak_mb']:8.0f}   "
            f"(documents of {base['kb']:.1f} kB)",
            flush=True,
        )


if __name__ == "__main__":
    main()

"""Comparison speed and memory on synthetic county-size documents: one process, local workers, a Dask cluster.

    python benchmarks/bench_compare.py [--sizes 1000] [--workers 2]

A synthetic county-size document is about 20 kB of UTF-8 (≈ 6,800 characters):
headings and paragraphs drawn, with a fixed seed, from the body paragraphs of the
four national work reports, so each document differs but reads like a plan
document. Before each measurement the n documents are written to files in a
temporary folder, and given as paths, as a large batch would be. For each size n,
each in a fresh process of its own, side by side:

* the baseline: jieba's accurate-mode segmentation of the same n texts (what any
  comparison over jieba words must at least spend);
* ``one``: ``compare_many(plan, paths)`` in one process with its defaults:
  every table kept in memory, passage texts left out;
* ``workers``: the options for a large batch, ``compare_many(plan, paths,
  workers=N, out=folder)``: every table written to CSV as it is computed, none
  kept in memory;
* ``cluster``: the same on a Dask ``distributed.LocalCluster`` of N worker
  processes of one thread each, ``compare_many(plan, paths,
  executor=client.get_executor(), out=folder)``. The cluster is started and
  warmed (two chunks a worker; then every worker is asked whether it has built
  the plan's queries, jieba's dictionary with them) before the clock
  starts, as a cluster serving many batches would be; its start is printed apart.

Each prints milliseconds per document and documents per second (the reader,
``parse``, included), the speed-up over one process, and memory: the memory of
the process and its workers together (their proportional set size, PSS, so that a
page a forked worker shares with its parent counts once; the cluster's nannies and
workers are children of this process too), sampled every 250 ms (a sample reads
each process's smaps_rollup, about 1 ms a process: sampled more often, the
instrument itself would load the cluster, with more processes, more than the
local pool), when compare_many starts and at its peak; and the memory of the
tables returned.

Goals: under 60 ms per document in one process, near-linear speed-up on 2 cores,
the cluster within 1.2× the time of the same number of local workers, memory
bounded (flat with ``out``; with every table in memory it grows only by the
tables: about 11 MB per 1,000 documents).
"""

from __future__ import annotations

import argparse
import contextlib
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
from typing import Any

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

    def __init__(self, every: float = 0.25) -> None:
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


def _write(n: int, folder: Path) -> list[Path]:
    paths = []
    for k, text in enumerate(documents(n), start=1):
        path = folder / f"county-{k:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


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
    extra: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        paths = _write(n, Path(folder))
        options: dict[str, Any] = {}
        if mode == "cluster":
            from distributed import Client, LocalCluster

            from xindu_plan.analysis.comparison.chunks import _CHUNK

            started = time.perf_counter()
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
                )
            )
            client = stack.enter_context(Client(cluster))
            executor = client.get_executor()
            # every worker warm: two chunks a worker, then each asked whether it has built the plan's queries
            compare_many(plan, paths[: 2 * workers * _CHUNK], progress=False, executor=executor)
            cold = [w for w, size in client.run(_queries_built).items() if not size]
            if cold:
                raise RuntimeError(f"the cluster's workers {', '.join(cold)} were not warmed")
            extra["cluster_start_s"] = time.perf_counter() - started
            options = {"executor": executor}
        elif mode == "workers":
            options = {"workers": workers}
        if mode != "one":
            options["out"] = Path(folder) / "out"
        with Peak() as peak:
            begin = _rss(os.getpid())
            start = time.perf_counter()
            result = compare_many(plan, paths, progress=False, **options)
            seconds = time.perf_counter() - start
        kept = sum(int(t.memory_usage(deep=True).sum()) for t in result.tables.values())
    return {
        "ms": seconds / n * 1000,
        "start_mb": begin / 1e6,
        "peak_mb": peak.peak / 1e6,
        "tables_mb": kept / 1e6,
        **extra,
    }


def _queries_built() -> int:
    """How many plans' queries this process has built (run on each cluster worker)."""
    from xindu_plan.analysis.comparison import queries

    return queries._queries.cache_info().currsize


def shipped() -> dict[str, float]:
    """What a cluster's worker is sent with each chunk (the plan, pickled once) and what it costs it once."""
    import pickle

    from xindu_plan import load
    from xindu_plan.analysis.comparison.chunks import _CHUNK
    from xindu_plan.analysis.comparison.sides import _side
    from xindu_plan.analysis.comparison.workers import _Shipped

    plan = load()
    start = time.perf_counter()
    data = _Shipped.of(plan).data
    pickled = time.perf_counter() - start
    start = time.perf_counter()
    _side(pickle.loads(data), "plan")
    ready = time.perf_counter() - start
    return {"kb": len(data) / 1000, "pickle_ms": pickled * 1000, "ready_ms": ready * 1000, "chunk": _CHUNK}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
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

    plan = shipped()
    print(
        f"the plan as sent with each chunk of {plan['chunk']:.0f} documents to a cluster's worker: "
        f"{plan['kb']:.0f} kB, pickled once ({plan['pickle_ms']:.1f} ms); unpickled and made ready once per worker "
        f"process ({plan['ready_ms']:.0f} ms)"
    )
    w = args.workers
    print(
        f"{'n':>6} {'jieba ms/doc':>13} | {'one process: ms/doc':>20} {'doc/s':>6} {'peak MB':>8} {'tables MB':>10} | "
        f"{f'workers={w}: ms/doc':>18} {'doc/s':>6} {'speed-up':>8} {'peak MB':>8} | "
        f"{f'cluster of {w}: ms/doc':>21} {'doc/s':>6} {'speed-up':>8} {'peak MB':>8} {'vs workers':>10} {'start s':>8}"
    )
    for n in sorted(args.sizes):
        base, single, local, cluster = run("jieba", n), run("one", n), run("workers", n), run("cluster", n)
        print(
            f"{n:6d} {base['ms']:13.1f} | {single['ms']:20.1f} {1000 / single['ms']:6.1f} {single['peak_mb']:8.0f} "
            f"{single['tables_mb']:10.1f} | {local['ms']:18.1f} {1000 / local['ms']:6.1f} "
            f"{single['ms'] / local['ms']:8.2f} {local['peak_mb']:8.0f} | {cluster['ms']:21.1f} "
            f"{1000 / cluster['ms']:6.1f} {single['ms'] / cluster['ms']:8.2f} {cluster['peak_mb']:8.0f} "
            f"{cluster['ms'] / local['ms']:9.2f}x {cluster['cluster_start_s']:8.1f}   "
            f"(documents of {base['kb']:.1f} kB; memory at the start {single['start_mb']:.0f} / "
            f"{local['start_mb']:.0f} / {cluster['start_mb']:.0f} MB)",
            flush=True,
        )


if __name__ == "__main__":
    main()

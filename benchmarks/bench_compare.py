"""Comparison speed and memory on synthetic county-size documents, against jieba's segmentation.

    python benchmarks/bench_compare.py [--sizes 100 1000 10000] [--workers 2]

A synthetic county-size document is about 20 kB of UTF-8 (≈ 6,800 characters):
headings and paragraphs drawn, with a fixed seed, from the body paragraphs of the
four national work reports, so each document differs but reads like a plan
document. For each size n:

* ``compare_many`` on n documents given as texts made one at a time (``texts=True``), passage texts
  left out (``passage_texts=False``): milliseconds per document, including the
  reader (``parse``), and the process's peak resident memory afterwards;
* the same with ``workers`` processes (the speed-up over one process);
* the baseline: jieba's accurate-mode segmentation of the same n texts (what any
  comparison over jieba words must at least spend).

Goals: under 60 ms per document in ``compare_many``, near-linear
speed-up on 2 cores, memory bounded for 10,000 documents. Sizes run in increasing
order in one process, so peak memory is cumulative: it grows only by the result
tables.
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import time
from collections.abc import Iterator

import xindu_plan
from xindu_plan import compare_many, corpus, load

_TARGET_BYTES = 20_000


def documents(n: int, seed: int = 13) -> Iterator[str]:
    """n synthetic county-size documents, deterministic for a seed, made one at a time."""
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


def peak_mb() -> float:
    """The process's peak resident memory so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(
        f"xindu-plan {xindu_plan.__version__} on {platform.machine()}, Python {platform.python_version()}, "
        f"{platform.platform()}"
    )
    import jieba

    plan = load()
    compare_many(list(documents(2)), plan, texts=True, progress=False)  # warm: dictionary, reference, plan side
    jieba.lcut("预热")
    print(
        f"{'n':>6} {'jieba ms/doc':>13} {'compare ms/doc':>15} {'ratio':>6} {'workers':>8} "
        f"{'ms/doc':>7} {'speed-up':>9} {'peak MB':>8} {'passage rows':>13}"
    )
    for n in sorted(args.sizes):
        size = 0
        start = time.perf_counter()
        for text in documents(n):
            jieba.lcut(text, HMM=False)
            size += len(text.encode("utf-8"))
        baseline = (time.perf_counter() - start) / n
        mean_kb = size / n / 1000
        start = time.perf_counter()  # texts made as they are compared (about 1 ms each): memory holds one
        result = compare_many(documents(n), plan, texts=True, passage_texts=False, progress=False)
        serial = (time.perf_counter() - start) / n
        rows = len(result.passages)
        del result
        texts = list(documents(n))  # the pool splits a list into chunks
        start = time.perf_counter()
        parallel_result = compare_many(
            texts, plan, texts=True, passage_texts=False, progress=False, workers=args.workers
        )
        parallel = (time.perf_counter() - start) / n
        del parallel_result, texts
        print(
            f"{n:6d} {baseline * 1000:13.1f} {serial * 1000:15.1f} {serial / baseline:6.1f} {args.workers:8d} "
            f"{parallel * 1000:7.1f} {serial / parallel:9.2f} {peak_mb():8.0f} {rows:13d}   "
            f"(documents of {mean_kb:.1f} kB)"
        )


if __name__ == "__main__":
    main()

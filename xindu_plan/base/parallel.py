"""Work on any :class:`concurrent.futures.Executor`, a few tasks ahead, results in order.

The one path by which :func:`xindu_plan.compare_many` and :func:`xindu_plan.analysis.outcomes.scorecard`
send work to local processes, a Dask cluster (``distributed.Client(...).get_executor()``) or
Ray's executor: items go in chunks, at most ``ahead`` tasks are submitted and not yet taken
(so memory holds a few chunks, never the whole list), and results come back in the items' order.

>>> from concurrent.futures import ThreadPoolExecutor
>>> with ThreadPoolExecutor(2) as pool:
...     list(in_order(pool, sum, [[1, 2], [3], [4, 5, 6]], ahead=2))
[3, 3, 15]
>>> list(chunks("abcde", 2))
[(['a', 'b'], 1), (['c', 'd'], 3), (['e'], 5)]
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import Executor, Future
from typing import TypeVar

__all__ = ["chunks", "in_order", "slots"]

T = TypeVar("T")
R = TypeVar("R")


def chunks(items: Iterable[T], size: int, first: int = 1) -> Iterator[tuple[list[T], int]]:
    """The items in lists of ``size``, each with the place of its first item (from ``first``), read lazily."""
    source = iter(items)
    while chunk := list(itertools.islice(source, size)):
        yield chunk, first
        first += len(chunk)


def in_order(executor: Executor, fn: Callable[[T], R], tasks: Iterable[T], ahead: int) -> Generator[R, None, None]:
    """``fn(task)`` for each task on ``executor``, yielded in the tasks' order.

    At most ``ahead`` tasks are submitted and not yet yielded; the tasks are read
    only as they are submitted. The first task to fail raises its error here. On an
    error or an early close, tasks not yet started are cancelled.
    """
    pending: deque[Future[R]] = deque()
    try:
        for task in tasks:
            pending.append(executor.submit(fn, task))
            if len(pending) >= max(1, ahead):
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def slots(executor: Executor) -> int:
    """How many tasks an executor runs at once, as far as it tells (else the number of CPUs)."""
    known = getattr(executor, "_max_workers", None)  # ProcessPoolExecutor, ThreadPoolExecutor
    if isinstance(known, int) and not isinstance(known, bool) and known > 0:
        return known
    nthreads = getattr(getattr(executor, "_client", None), "nthreads", None)  # distributed's ClientExecutor
    if callable(nthreads):
        with contextlib.suppress(Exception):
            total = sum(int(n) for n in nthreads().values())
            if total > 0:
                return total
    return os.cpu_count() or 1

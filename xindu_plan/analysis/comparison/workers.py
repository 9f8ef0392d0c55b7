"""Many documents compared in worker processes: chunks sent to any
:class:`concurrent.futures.Executor` a few at a time (:data:`_IN_FLIGHT` per worker) and taken
back in order, or to a local process pool; the plan given to each worker once (when a local
process starts, or pickled once with each chunk to an executor's workers and unpickled once per
process). The worker functions sit at module level, so that a pool pickles them by name.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from xindu_plan.analysis.comparison.chunks import _CHUNK, _Chunk, _compare_chunk, _Job
from xindu_plan.analysis.comparison.items import _Reader
from xindu_plan.analysis.comparison.sides import _Side, _side

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from xindu_plan.dataset.plan import Plan
    from xindu_plan.reading.reader import Document

__all__ = [
    "_IN_FLIGHT",
    "_WORKER",
    "_Shipped",
    "_in_executor",
    "_in_processes",
    "_start_worker",
    "_work",
]

_IN_FLIGHT = 2  # chunks queued per worker process


_WORKER: dict[str | None, tuple[Plan | Document, _Side]] = {}  # the plan and its side, once per worker process


@dataclass(frozen=True, slots=True)
class _Shipped:
    """The plan as sent with each chunk to an executor's workers: pickled once, unpickled once per process."""

    token: str
    data: bytes

    @classmethod
    def of(cls, plan: Plan | Document) -> _Shipped:
        import pickle
        import uuid

        return cls(uuid.uuid4().hex, pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL))


def _start_worker(plan: Plan | Document) -> None:
    from threadpoolctl import threadpool_limits

    # numpy's BLAS would start a thread per core in every worker: with N workers on N cores, N² threads
    # contend, and local workers gained nothing over one process; a Dask worker limits them the same way
    threadpool_limits(1)
    _WORKER[None] = (plan, _side(plan, "plan"))


def _worker_plan(shipped: _Shipped | None) -> tuple[Plan | Document, _Side]:
    if shipped is None:
        return _WORKER[None]  # a local process, given the plan when it started
    if shipped.token not in _WORKER:
        import pickle

        for token in [t for t in _WORKER if t is not None]:
            del _WORKER[token]  # one comparison's plan at a time
        plan = pickle.loads(shipped.data)
        _WORKER[shipped.token] = (plan, _side(plan, "plan"))
    return _WORKER[shipped.token]


def _work(task: tuple[list[object], int, _Job, _Shipped | None]) -> _Chunk:
    items, first, job, shipped = task
    plan, sa = _worker_plan(shipped)
    reader = _Reader(items, job.texts, first, [] if job.record else None)
    return _compare_chunk(plan, sa, reader, job, reader)


def _in_executor(
    items: Iterable[object], job: _Job, executor: Executor, slots: int, shipped: _Shipped | None, progress: bool
) -> Generator[_Chunk, None, None]:
    """Chunks compared on an executor, in order, with at most a few chunks read ahead per worker."""
    from xindu_plan.base.parallel import chunks, in_order

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(desc="compare", unit="doc")
    tasks = ((chunk, first, job, shipped) for chunk, first in chunks(items, _CHUNK))
    try:
        for done in in_order(executor, _work, tasks, slots * _IN_FLIGHT):
            if bar is not None:
                bar.update(done[0])
            yield done
    finally:
        if bar is not None:
            bar.close()


def _in_processes(
    items: Iterable[object], plan: Plan | Document, job: _Job, workers: int, progress: bool
) -> Generator[_Chunk, None, None]:
    """Chunks compared in a local process pool: :func:`_in_executor` on a ProcessPoolExecutor of ``workers``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the plan's side already built here; elsewhere each process builds it once
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(plan,))
    try:
        yield from _in_executor(items, job, pool, workers, None, progress)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)

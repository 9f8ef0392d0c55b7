"""Many documents compared in chunks in one process: what a chunk of documents is compared for
(:class:`_Job`), the compact frames of a chunk of :data:`_CHUNK` documents, the stream of chunks of
the documents given, and the tables gathered from them (consolidated every :data:`_CONSOLIDATE`
documents), kept in memory or passed on to the files written.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from xindu_plan.analysis.comparison.frames import _frame, _stack_table
from xindu_plan.analysis.comparison.items import _failure, _named, _Reader
from xindu_plan.analysis.comparison.pair import _compare
from xindu_plan.analysis.comparison.queries import _queries
from xindu_plan.analysis.comparison.report import Comparison, _comparison
from xindu_plan.analysis.comparison.schema import COLUMNS
from xindu_plan.analysis.comparison.sides import _extra_words, _Side, _side
from xindu_plan.base.errors import CompareError
from xindu_plan.reading.reader import Document

if TYPE_CHECKING:
    import pandas as pd

    from xindu_plan.analysis.comparison.output import _CsvOut, _ParquetOut
    from xindu_plan.dataset.plan import Plan

__all__ = [
    "_CHUNK",
    "_CONSOLIDATE",
    "_Chunk",
    "_Collected",
    "_Job",
    "_compare_chunk",
    "_in_process",
]

_CHUNK = 32  # documents compared between two conversions of rows into columns (and per task of a worker)
_CONSOLIDATE = 1024  # documents' columns gathered into one frame per table (and one Parquet part file)


@dataclass(frozen=True, slots=True)
class _Job:
    top: int
    texts: bool
    passage_texts: bool
    wanted: tuple[str, ...]  # the tables to build
    record: bool = False  # errors="record": a failing document becomes a row of failures


_Chunk = tuple[int, dict[str, "pd.DataFrame"]]  # documents compared, their tables


class _Collected:
    """The tables kept in memory (compacted every :data:`_CONSOLIDATE` documents), the rest written or dropped."""

    def __init__(self, kept: tuple[str, ...]) -> None:
        self.kept = kept
        self.count = 0
        self.failed = 0
        self.done: dict[str, list[pd.DataFrame]] = {name: [] for name in kept}
        self.pending: dict[str, list[pd.DataFrame]] = {name: [] for name in kept}
        self.pending_count = 0

    @property
    def b(self) -> str:
        return f"{self.count} documents"

    def take(self, chunks: Iterable[_Chunk], sink: _CsvOut | _ParquetOut | None = None) -> None:
        for count, frames in chunks:
            self.count += count
            self.failed += len(frames.get("failures", ()))
            for name, frame in frames.items():
                if sink is not None:
                    sink.add(name, frame)
                if name in self.pending:
                    self.pending[name].append(frame)
            self.pending_count += count
            if self.pending_count >= _CONSOLIDATE:
                self._consolidate()
                if sink is not None:
                    sink.flush()
        if not self.count and not self.failed:
            raise CompareError("no documents to compare: the list of documents is empty")
        self._consolidate()

    def _consolidate(self) -> None:
        for name, frames in self.pending.items():
            if frames:
                self.done[name].append(_stack_table(name, frames))
                frames.clear()
        self.pending_count = 0

    def comparison(self, a: str) -> Comparison:
        tables = {name: _stack_table(name, self.done.get(name, [])) for name in COLUMNS}
        omitted = tuple(name for name in COLUMNS if name not in self.kept)
        return _comparison(a, self.b, tables, omitted, self.count)


def _in_process(
    items: Iterable[object],
    plan: Plan | Document,
    sa: _Side,
    job: _Job,
    progress: bool | Callable[[Iterable[Document]], Iterable[Document]],
) -> Generator[_Chunk, None, None]:
    reader = _Reader(items, job.texts, 1, [] if job.record else None)
    stream: Iterable[Document] = reader
    if progress is True:
        from tqdm import tqdm

        stream = tqdm(stream, desc="compare", unit="doc")
    elif callable(progress):
        stream = progress(stream)
    documents = iter(stream)
    try:
        while True:
            chunk = _compare_chunk(plan, sa, itertools.islice(documents, _CHUNK), job, reader)
            if not chunk[0] and not len(chunk[1].get("failures", ())):
                return
            yield chunk
    finally:
        close = getattr(stream, "close", None)  # a progress bar ends with the comparison, error or not
        if callable(close):
            close()


def _compare_chunk(
    plan: Plan | Document, sa: _Side, documents: Iterable[Document], job: _Job, reader: _Reader
) -> _Chunk:
    """Compare a few documents, one at a time, into compact frames of the wanted tables.

    ``reader`` is where the documents come from: the place of each, and where a
    failure is recorded (with ``errors="record"``).
    """
    parts: dict[str, list[tuple[Any, ...]]] = {name: [] for name in job.wanted}
    count = 0
    for doc in documents:
        try:
            sb = _side(doc, "b")
            queries = _queries(_extra_words(plan, doc), sa.units)
            found = _compare(sa, sb, queries, job.top, job.passage_texts)
        except Exception as err:
            if reader.failures is None:
                raised = _named(err, doc.name, reader.position)
                if raised is err:
                    raise
                raise raised from err
            reader.failures.append(_failure(doc.name, reader.position, reader.item, err))
            continue
        for name, rows_found in found.items():
            if name in parts:
                parts[name] += rows_found
        count += 1
        del doc, sb, found  # hold no document while the next one is read
    if reader.failures:
        if "failures" in parts:
            parts["failures"] += reader.failures
        reader.failures.clear()
    return count, {name: _frame(name, found) for name, found in parts.items()}

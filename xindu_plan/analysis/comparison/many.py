"""The comparison of the plan with many documents into one long table per kind,
:func:`compare_many` (in one process, local processes or any executor; the tables kept in memory
or written as they are computed, in :data:`FORMATS`; a failing document stopping it or recorded, as
:data:`ERRORS` says), the check of its arguments, and :func:`concat`, which stacks comparisons of
the same ``a``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from xindu_plan.analysis.comparison.chunks import _Collected, _in_process, _Job
from xindu_plan.analysis.comparison.frames import _frame, _stack_table
from xindu_plan.analysis.comparison.items import _Item
from xindu_plan.analysis.comparison.output import _CsvOut, _ParquetOut, _pyarrow
from xindu_plan.analysis.comparison.pair import _TOP, _check_top
from xindu_plan.analysis.comparison.queries import _queries
from xindu_plan.analysis.comparison.report import Comparison, _comparison
from xindu_plan.analysis.comparison.schema import COLUMNS
from xindu_plan.analysis.comparison.sides import _extra_words, _side
from xindu_plan.analysis.comparison.workers import _in_executor, _in_processes, _Shipped
from xindu_plan.base.atomic import write_atomically
from xindu_plan.base.errors import CompareError
from xindu_plan.reading.reader import Document

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from xindu_plan.dataset.plan import Plan

__all__ = [
    "ERRORS",
    "FORMATS",
    "compare_many",
    "concat",
]

#: What :func:`compare_many` does with a document it cannot read or compare: ``stop`` (the default:
#: raise the error, which names the document, and write nothing) or ``record`` (a row of ``failures``
#: naming it, and go on with the others).
ERRORS = ("stop", "record")
#: The formats :func:`compare_many` writes ``out`` in: one CSV file a table, or one folder of Parquet
#: part files a table.
FORMATS = ("csv", "parquet")


def _arguments(first: object, second: object) -> tuple[Plan | Document | None, Iterable[object]]:
    """The plan and the documents, from the new order (plan first) or the old one (plan last, warned)."""
    from xindu_plan.dataset.plan import Plan

    sides = (Plan, Document)
    if first is not None and not isinstance(first, sides) and (second is None or isinstance(second, sides)):
        import warnings

        warnings.warn(
            "compare_many(documents, plan) is deprecated and will stop working in the next release: "
            "give the plan first, compare_many(plan, documents), as compare(plan, document)",
            DeprecationWarning,
            stacklevel=3,
        )
        first, second = second, first
    if first is not None and not isinstance(first, sides):
        raise CompareError(
            f"compare_many() takes the plan (a Plan or a Document, or None for the packaged plan) first, "
            f"not a {type(first).__name__}; then the documents"
        )
    if second is None or isinstance(second, (*sides, str, bytes, Path)):
        what = "nothing" if second is None else f"a single {type(second).__name__}"
        raise CompareError(
            f"compare_many() takes the documents as an iterable (a list, a generator …) after the plan, "
            f"not {what}; for one document give a list of one, or use compare()"
        )
    if not isinstance(second, Iterable):
        raise CompareError(
            f"the documents must be an iterable of paths, texts or Documents, not {type(second).__name__}"
        )
    return first, second


def compare_many(
    first: Plan | Document | Iterable[_Item] | None = None,
    second: Iterable[_Item] | Plan | Document | None = None,
    /,
    *,
    plan: Plan | Document | None = None,
    documents: Iterable[_Item] | None = None,
    top: int = _TOP,
    texts: bool = False,
    passage_texts: bool = False,
    keep: Iterable[str] | None = None,
    out: str | Path | None = None,
    format: str = "csv",
    overwrite: bool = False,
    workers: int | None = None,
    executor: Executor | None = None,
    errors: str = "stop",
    progress: bool | Callable[[Iterable[Document]], Iterable[Document]] = True,
) -> Comparison:
    """Compare the plan with many documents into one long table per kind.

    The arguments come in the order of :func:`compare`: the plan, then the
    documents. (The order ``compare_many(documents, plan)`` still works in this
    release, with a :class:`DeprecationWarning`.)

    The plan's side (its units as weighted queries, and their coverage in unrelated
    text) is built once. Documents are read, parsed and compared one after another
    and dropped; their rows become compact columns every few dozen documents.
    Memory then holds one document (one per worker), the plan's side, and the
    tables asked for, which grow with the number of documents:

    * ``keep`` names the tables held in memory (default: all; with ``out``,
      only ``failures``). Per 1,000 county-size documents the five tables take about 11 MB
      (``passages`` and ``decisions`` most of it); each document adds 21 decisions,
      ``top`` × 21 passages (a few more where the passage a decision rests on ranks lower) and a
      row per quoted term of either side.
    * ``out`` writes every table as the documents are compared (into a new
      folder, with its ``datapackage.json``, as :meth:`Comparison.write_csv`, or
      with ``format="parquet"`` as :meth:`Comparison.write_parquet`: a folder a
      table, a part file every 1,024 documents), so a large batch needs no table
      in memory: memory stays bounded however many documents there are.
    * Passage texts are left out unless ``passage_texts=True`` (the ``text``
      column is then empty; ``start`` and ``end`` locate each passage).
    * Ids and labels repeated on many rows (the columns in :data:`CATEGORICAL`)
      are pandas categoricals, integers are ``int32``: the same values in a
      third of the memory. ``.astype(str)`` gives plain strings back.

    Documents are compared in one process, in ``workers`` local processes, or on
    any :class:`concurrent.futures.Executor` (a Dask cluster's
    ``distributed.Client(...).get_executor()``, Ray's executor): the items (paths,
    best) are sent in chunks of 32, a few chunks ahead of the workers, never the
    whole list, and the tables come back in the order of the documents, the same
    as in one process. A worker gets the plan once: the local processes when they
    start; an executor's workers with each chunk (pickled once here, about 0.3 MB),
    unpickled and made ready once per worker process.

    A document that cannot be read or compared stops the comparison by default
    (``errors="stop"``: the error names it, and ``out`` is left unwritten);
    ``errors="record"`` puts it in the ``failures`` table, a sentence naming it,
    and goes on with the others.

    For 10,000 county reports, give paths (not texts read beforehand), ``out``
    and ``workers``: ``compare_many(plan, paths, out="county-comparison",
    workers=2)``, and read the tables back as needed (``keep=("decisions",
    "summary")`` also returns those two).

    >>> import glob
    >>> compare_many(None, glob.glob("no-such-folder/*.txt"), progress=False)
    Traceback (most recent call last):
    ...
    xindu_plan.base.errors.CompareError: no documents to compare: the list of documents is empty

    Args:
        plan: the ``a`` side: the :class:`~xindu_plan.dataset.plan.Plan` or a parsed
            Document (``None``: the packaged plan, loaded once).
        documents: paths (``pathlib.Path`` or ``str`` naming an existing file, read
            in UTF-8, GB18030 or Big5, named by the file's stem), texts (``str``
            with ``texts=True``, named ``document-1`` …) or parsed Documents, in any
            iterable, generators included; read lazily, a few chunks ahead of the
            workers.
        top: passages kept per unit (more where the passage the decision rests on ranks lower).
        texts: read strings as the documents' text rather than as paths.
        passage_texts: keep each passage's text in ``passages``.
        keep: the names of the tables to return filled (the others are returned
            empty, and listed in :attr:`Comparison.omitted`; ``failures`` is always kept).
        out: a new folder to write the tables into, as they are computed
            (nothing is left there if the comparison fails).
        format: how ``out`` is written: ``csv`` or ``parquet`` (:data:`FORMATS`;
            Parquet needs pyarrow, the ``export`` extra).
        overwrite: with ``out``, replace a folder this package wrote before.
        workers: local processes to compare in (default 1: this process); with
            ``executor``, how many chunks it runs at once (default: what the
            executor tells, else the number of CPUs).
        executor: a :class:`concurrent.futures.Executor` to compare on instead
            of local processes; the caller starts it and shuts it down. Its
            workers must be able to import xindu_plan and read the paths given.
        errors: ``stop`` or ``record`` (:data:`ERRORS`).
        progress: show a tqdm progress bar on standard error (True), none (False),
            or a wrapper of your own around the stream of Documents (one process only).

    Raises:
        ParseError: a path cannot be read; the message names it.
        CompareError: there are no documents, an item is neither a path, a text
            nor a Document, a string names no file (without ``texts=True``), a
            document cannot be compared (the message names it), ``workers`` < 1,
            ``executor`` has no ``submit``, ``errors`` or ``format`` is unknown,
            ``keep`` names an unknown table, or ``out`` cannot be written (it
            exists, without ``overwrite``).
    """
    if plan is not None or documents is not None:  # given by keyword
        if second is not None or (first is not None and documents is not None):
            raise CompareError(
                "give the plan and the documents either by position, compare_many(plan, documents), "
                "or by keyword, compare_many(plan=..., documents=...)"
            )
        # compare_many(documents, plan=p), the old order, or the keywords alone
        first, second = (plan, documents) if first is None else (first, plan)
    plan, items = _arguments(first, second)
    _check_top(top)
    if workers is not None and (not isinstance(workers, int) or isinstance(workers, bool) or workers < 1):
        raise CompareError(f"workers must be a whole number of at least 1, not {workers!r}")
    if executor is not None and not callable(getattr(executor, "submit", None)):
        raise CompareError(
            f"executor must be a concurrent.futures.Executor (with a submit method), not {type(executor).__name__}"
        )
    if errors not in ERRORS:
        raise CompareError(f"errors must be {' or '.join(map(repr, ERRORS))}, not {errors!r}")
    if format not in FORMATS:
        raise CompareError(f"format must be {' or '.join(map(repr, FORMATS))}, not {format!r}")
    if format != "csv" and out is None:
        raise CompareError(f"format={format!r} says how out is written; give out=folder too")
    if format == "parquet":
        _pyarrow()
    if isinstance(keep, str):
        keep = (keep,)
    kept = tuple(COLUMNS) if keep is None and out is None else tuple(dict.fromkeys(keep or ()))
    unknown = [name for name in kept if name not in COLUMNS]
    if unknown:
        raise CompareError(f"keep names no table {unknown[0]!r}; the tables are {', '.join(COLUMNS)}")
    kept = tuple(dict.fromkeys([*kept, "failures"]))  # few rows, and the one place a failure is told
    if plan is None:
        from xindu_plan.dataset.plan import load

        plan = load()
    sa = _side(plan, "plan")
    _queries(_extra_words(plan), sa.units)  # built once, before any worker starts
    wanted = tuple(COLUMNS) if out is not None else kept
    job = _Job(top, texts, passage_texts, wanted, errors == "record")
    if executor is not None:
        from xindu_plan.base.parallel import slots

        chunks = _in_executor(items, job, executor, workers or slots(executor), _Shipped.of(plan), progress is True)
    elif workers is not None and workers > 1:
        chunks = _in_processes(items, plan, job, workers, progress is True)
    else:
        chunks = _in_process(items, plan, sa, job, progress)
    collected = _Collected(kept)
    if out is None:
        with contextlib.closing(chunks):  # on an error, the workers stop now, not when the traceback goes
            collected.take(chunks)
        return collected.comparison(sa.name)

    def write(target: Path) -> None:
        target.mkdir()
        sink: _CsvOut | _ParquetOut = _CsvOut(target) if format == "csv" else _ParquetOut(target)
        try:
            with contextlib.closing(chunks):
                collected.take(chunks, sink)
            parts = sink.close()
        finally:
            sink.release()
        empty = {name: _frame(name, []) for name in COLUMNS}
        _comparison(sa.name, collected.b, empty)._write_datapackage(target, format, parts)

    write_atomically(Path(out), write, overwrite=overwrite, error=CompareError, folder=True)
    return collected.comparison(sa.name)


def concat(parts: Iterable[Comparison]) -> Comparison:
    """Stack comparisons of the same ``a`` (e.g. the parts computed by parallel workers).

    The tables come out as :func:`compare_many` gives them (categorical ids and labels).
    """
    parts = list(parts)
    if not parts:
        raise CompareError("concat() needs at least one comparison")
    omitted = tuple(name for name in COLUMNS if any(name in p.omitted for p in parts))
    frames = {name: [getattr(p, name) for p in parts] for name in COLUMNS}
    count = sum(p.documents for p in parts)
    tables = {name: _stack_table(name, frames[name]) if name not in omitted else _frame(name, []) for name in COLUMNS}
    return _comparison(parts[0].a, f"{count} documents", tables, omitted, count)

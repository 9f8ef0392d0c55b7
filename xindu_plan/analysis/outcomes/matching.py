"""Following each target to its outcome in a later document: :func:`scorecard`.

:func:`_row` sets out a target (its indicator by the synonym table, its
direction, its band, its spans); :func:`_outcome` searches the later documents of
the same jurisdiction for a result of the same indicator and period, prefers one
that can be compared, then the earliest document, then the first in the text,
and judges it (or says what was searched); :func:`scorecard` does both for every
target of the plan and of the documents given.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xindu_plan.analysis.indicators import TOLERANCE, Synonyms, load_synonyms
from xindu_plan.analysis.outcomes.judging import _band, _compare, _direction, _has_figure
from xindu_plan.analysis.outcomes.report import Scorecard, _table
from xindu_plan.analysis.outcomes.sources import _same_place, _Source, _sources
from xindu_plan.analysis.outcomes.table import _KINDS
from xindu_plan.base.errors import ScorecardError
from xindu_plan.base.values import is_missing
from xindu_plan.reading.reader import Document

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from xindu_plan.dataset.plan import Plan

__all__ = ["scorecard"]


def _row(source: _Source, t: dict[str, Any], synonyms: Synonyms, tolerance: float) -> dict[str, Any]:
    key = synonyms.key(t["indicator"])
    direction = _direction(synonyms.better(key), t["measure"])
    band = _band(t, direction, tolerance) if _has_figure(t) else (None, None)
    raw = source.raw_span(t["start"], t["end"])
    return {
        "target_document": source.name,
        "target_id": t["id"],
        "target_kind": t["kind"],
        "jurisdiction": source.jurisdiction,
        "ref_start_year": t["ref_start_year"],
        "ref_end_year": t["ref_end_year"],
        "indicator": t["indicator"],
        "indicator_id": key,
        "direction": direction,
        "target_written": t["written"],
        "comparator": t["comparator"],
        "hedge": t["hedge"],
        "measure": t["measure"],
        "target_value": t["value_base"],
        "target_low": t["low_base"],
        "target_high": t["high_base"],
        "base_unit": t["base_unit"],
        "band_low": band[0],
        "band_high": band[1],
        "target_start": t["start"],
        "target_end": t["end"],
        "target_raw_start": int(raw[0]),
        "target_raw_end": int(raw[1]),
        "target_excerpt": source.text[t["start"] : t["end"]],
    }


def _outcome(
    row: dict[str, Any],
    t: dict[str, Any],
    later: list[_Source],
    undated: list[_Source],
    synonyms: Synonyms,
    tolerance: float,
) -> dict[str, Any]:
    key = row["indicator_id"]
    period = (t["ref_start_year"], t["ref_end_year"])
    found = []
    for order, source in enumerate(later):
        for o in source.quantities:
            if o["kind"] != "result" or synonyms.key(o["indicator"]) != key or not _has_figure(o):
                continue
            if (o["ref_start_year"], o["ref_end_year"]) != period:
                continue
            judged = _compare(t, o, row["direction"], tolerance)
            found.append((judged.verdict == "not_comparable", order, o["start"], source, o, judged))
    years = f"{period[0]}" if period[0] == period[1] else f"{period[0]}–{period[1]}"
    if not found:
        searched = ", ".join(s.name for s in later) or "none"
        skipped = f"; not searched, their year unknown: {', '.join(s.name for s in undated)}" if undated else ""
        return {
            "verdict": "no_outcome",
            "reason": f"no later document of the input states a {years} outcome for {row['indicator']} "
            f"(later documents of the same jurisdiction searched: {searched}{skipped})",
        }
    *_, source, o, judged = min(found, key=lambda f: f[:3])
    raw = source.raw_span(o["start"], o["end"])
    return {
        "outcome_document": source.name,
        "outcome_id": o["id"],
        "outcome_indicator": o["indicator"],
        "outcome_written": o["written"],
        "outcome_comparator": o["comparator"],
        "outcome_measure": o["measure"],
        "outcome_value": o["value_base"],
        "outcome_base_unit": o["base_unit"],
        "outcome_compared": judged.compared,
        "outcome_start": o["start"],
        "outcome_end": o["end"],
        "outcome_raw_start": int(raw[0]),
        "outcome_raw_end": int(raw[1]),
        "outcome_excerpt": source.text[o["start"] : o["end"]],
        "verdict": judged.verdict,
        "reason": judged.reason,
    }


def scorecard(
    documents: Iterable[Document | Path | str] | Document,
    *,
    plan: Plan | bool = True,
    tolerance: float = TOLERANCE,
    synonyms: Synonyms | None = None,
    executor: Executor | None = None,
) -> Scorecard:
    """Follow every target of the plan and of ``documents`` to its outcome, and judge it.

    Args:
        documents: parsed Documents, paths (``pathlib.Path``, read in UTF-8, GB18030
            or Big5) or texts (``str``, named ``document-1`` …); a document's year is
            its ``metadata["year"]``, its jurisdiction what its meeting or office line
            states.
        plan: the plan whose five targets are scored too: True (the packaged plan),
            a :class:`~xindu_plan.dataset.plan.Plan`, or False to leave it out.
        tolerance: the share of a 左右 figure an outcome may miss it by and be met
            within the hedge (0 ≤ tolerance < 1).
        synonyms: a synonym table (:func:`xindu_plan.analysis.indicators.read_synonyms`);
            default the reviewed one shipped with the package.
        executor: a :class:`concurrent.futures.Executor` (a local process pool,
            a Dask cluster's ``client.get_executor()``) to read and parse the paths
            and texts on, in chunks, a few ahead, as :func:`~xindu_plan.compare_many`
            does; the judging stays here, as it sets every document against the others.

    Raises:
        ScorecardError: an item is not a document, two documents share a name, or the
            tolerance is out of range.
        ParseError: a path cannot be read; the message names it.
    """
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 <= tolerance < 1:
        raise ScorecardError(f"tolerance must be a number from 0 up to (not including) 1, not {tolerance!r}")
    tolerance = float(tolerance)
    synonyms = synonyms if synonyms is not None else load_synonyms()
    sources = _sources(documents, plan, executor)
    rows = []
    for source in sources:
        later = [
            s
            for s in sources
            if s.year is not None
            and source.year is not None
            and s.year > source.year
            and _same_place(source.jurisdiction, s.jurisdiction)
        ]
        later.sort(key=lambda s: (s.year or 0, s.name))
        undated = [
            s
            for s in sources
            if s.year is None and s is not source and _same_place(source.jurisdiction, s.jurisdiction)
        ]
        for t in source.quantities:
            if t["kind"] not in _KINDS:
                continue
            row = _row(source, t, synonyms, tolerance)
            if is_missing(t["ref_start_year"]) or not _has_figure(t):
                what = "year it refers to" if is_missing(t["ref_start_year"]) else "figure"
                row.update(
                    verdict="no_outcome",
                    reason=f"the reader found no {what} for this target, so no outcome can be matched to it",
                )
            else:
                row.update(_outcome(row, t, later, undated, synonyms, tolerance))
            finding = next((f for f in source.findings if f.target_id == t["id"]), None)
            if finding is not None and row["verdict"] == "no_outcome":
                row["reason"] += f"; searched beyond the input for the plan's outcomes: {finding.sentence()}"
            rows.append(row)
    order = {s.name: (s.year or 0, i) for i, s in enumerate(sources)}
    rows.sort(key=lambda r: (order[r["target_document"]], r["target_start"]))
    documents_seen = tuple((s.name, s.year, s.jurisdiction) for s in sorted(sources, key=lambda s: order[s.name]))
    findings = tuple(f for s in sources for f in s.findings)
    return Scorecard(_table(rows), documents_seen, tolerance, findings)

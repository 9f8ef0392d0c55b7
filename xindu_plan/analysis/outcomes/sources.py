"""The documents the scorecard reads, each made one source, and many documents read at once.

A source (``_Source``) is a document's name, year, jurisdiction (what its meeting
or office line states, :func:`_jurisdiction`), cleaned text, the map of its spans
to the input, and its quantities that are targets or results; the plan is made
a source with its targets and what the search for its outcomes found.
:func:`_sources` turns the plan and the documents given (parsed Documents, paths,
texts; parsed on an executor in chunks when one is given) into sources, and
refuses an item that is not a document and two documents of one name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xindu_plan.analysis.outcomes.table import _KINDS
from xindu_plan.analysis.plan_outcomes import PlanOutcome, load_plan_outcomes
from xindu_plan.base.errors import ScorecardError
from xindu_plan.base.values import is_missing, plain_records
from xindu_plan.reading.reader import Document, parse, read_document

if TYPE_CHECKING:
    from concurrent.futures import Executor

    from xindu_plan.dataset.plan import Plan

__all__ = ["_Source", "_jurisdiction", "_same_place", "_sources"]


@dataclass(frozen=True, slots=True)
class _Source:
    name: str
    year: int | None
    jurisdiction: str | None
    text: str
    raw_span: Callable[[int, int], tuple[int, int]]
    quantities: tuple[dict[str, Any], ...]
    findings: tuple[PlanOutcome, ...] = ()  # the plan's: what the search for its outcomes found


_NATIONAL = re.compile(r"全国人民代表大会|国务院")
_LOCAL = re.compile(
    r"^(?:中国共产党|中共)?(?P<place>[\u4e00-\u9fff]{2,12}?)(?:人民政府|第[一二三四五六七八九十]+届|委员会)"
)


def _jurisdiction(metadata: dict[str, Any]) -> str | None:
    """Whose document it is, as its meeting or office line states (全国, 成都市); None if neither tells.

    >>> _jurisdiction({"meeting": "成都市第十七届人民代表大会第六次会议"}), _jurisdiction({"office": "国务院总理"})
    ('成都市', '全国')
    """
    for key in ("meeting", "office"):
        value = metadata.get(key)
        if not value:
            continue
        if _NATIONAL.search(str(value)):
            return "全国"
        m = _LOCAL.match(str(value))
        if m:
            return m["place"]
    return None


def _same_place(a: str | None, b: str | None) -> bool:
    """Whether two jurisdictions may be one (新都区 and 成都市新都区 are; 成都市 and 成都市新都区 are not)."""
    return a is None or b is None or a.endswith(b) or b.endswith(a)


def _measure(change: Any, written: Any) -> str:
    """level, increase or decrease: 增长6% is an increase by 6; 降到5.5% and 5.5% are levels."""
    if is_missing(change) or (not is_missing(written) and str(written).endswith(("到", "至"))):
        return "level"
    return str(change)


def _int(value: Any) -> int | None:
    return None if is_missing(value) else int(value)


def _document_source(doc: Document) -> _Source:
    rows = []
    for q in plain_records(doc.quantities):
        if q["kind"] not in (*_KINDS, "result"):
            continue
        rows.append({**q, "id": q["quantity_id"], "measure": _measure(q["change"], q["change_written"])})
    return _Source(
        doc.name,
        _int(doc.metadata.get("year")),
        _jurisdiction(doc.metadata),
        doc.text,
        doc.source_span,
        tuple(rows),
    )


def _plan_source(plan: Plan) -> _Source:
    d = plan.records.document
    year = int(d.plan_year)
    text = plan.text
    rows = []
    for t in plain_records(plan.targets):
        written_from = t["indicator_end"] if t["indicator_end"] <= t["number_start"] else t["number_start"]
        written_from = max(written_from, t["start"])
        rows.append(
            {
                **t,
                "id": t["target_id"],
                "kind": "target",
                "written": text[written_from : t["end"]],
                "low_base": None,
                "high_base": None,
                "ref_start_year": t["period_start_year"] or year,
                "ref_end_year": t["period_end_year"] or year,
                "measure": _measure(t["change"], t["change_written"]),
            }
        )
    spans = {(r["start"], r["end"]): (r["raw_start"], r["raw_end"]) for r in rows}

    def raw_span(start: int, end: int) -> tuple[int, int]:
        return spans[(start, end)]

    return _Source(d.document_id, year, d.jurisdiction, text, raw_span, tuple(rows), load_plan_outcomes())


def _parsed(task: tuple[list[Any], int]) -> list[Any]:
    """A chunk of items with its paths and texts read and parsed (on an executor's worker), the rest as given."""
    items, first = task
    return [
        parse(read_document(item), name=item.stem)
        if isinstance(item, Path)
        else parse(item, name=f"document-{n}")
        if isinstance(item, str)
        else item
        for n, item in enumerate(items, start=first)
    ]


def _parsed_on(executor: Executor, items: Iterable[Any]) -> Iterator[Any]:
    """The items, paths and texts parsed on ``executor`` in chunks, a few ahead, in order."""
    from xindu_plan.base.parallel import chunks, in_order, slots

    for parsed in in_order(executor, _parsed, chunks(items, 8), 2 * slots(executor)):
        yield from parsed


def _sources(items: Iterable[Any] | Document, plan: Any, executor: Executor | None = None) -> list[_Source]:
    from xindu_plan.dataset.plan import Plan, load

    out = []
    if plan is True:
        plan = load()
    if isinstance(plan, Plan):
        out.append(_plan_source(plan))
    elif plan is not False and plan is not None:
        raise ScorecardError(f"plan must be a Plan, True or False, not {type(plan).__name__}")
    if isinstance(items, (str, Path, Document)):
        items = [items]
    if executor is not None:
        items = _parsed_on(executor, items)
    for n, item in enumerate(items, start=1):
        if isinstance(item, Plan):
            out.append(_plan_source(item))
        elif isinstance(item, Document):
            out.append(_document_source(item))
        elif isinstance(item, Path):
            out.append(_document_source(parse(read_document(item), name=item.stem)))
        elif isinstance(item, str):
            out.append(_document_source(parse(item, name=f"document-{n}")))
        else:
            raise ScorecardError(
                f"item {n} of documents is a {type(item).__name__}; give parsed Documents, paths (pathlib.Path) or "
                "texts (str)"
            )
    seen: set[str] = set()
    for s in out:
        if s.name in seen:
            raise ScorecardError(f"two documents are named {s.name}; give each document once, under its own name")
        seen.add(s.name)
    return out

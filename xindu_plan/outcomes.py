"""Follow each target to its outcome in a later document, and say whether it was met.

:func:`scorecard` takes the plan and any parsed documents (work reports, outlines).
For every target of every one of them (the reader's quantities of kind ``target``,
goals for the year, and ``plan_target``, goals for a plan period) it looks for the
outcome: a quantity of kind ``result`` in a *later* document (a greater
``metadata["year"]``) of the same jurisdiction, for the *same indicator* (the same
wording, or wordings the reviewed synonym table of :mod:`xindu_plan.indicators`
calls one indicator) and the *same period* (the same first and last year referred
to). Among several, an outcome that can be compared is preferred, then the
earliest document, then the first in the text. Every row keeps both spans, in the
cleaned text of each document and in its input, so each can be checked by hand.

Verdicts (:data:`VERDICTS`), with each comparator judged as in :data:`RULES`:

``met``, ``met_within_hedge``, ``not_met``
    The outcome against the target, as the comparator says. Only 左右 (and its
    kin 上下, 约, 近) has a hedge: an outcome on the bad side of the figure by at
    most ``tolerance`` × the figure (default :data:`TOLERANCE`, 10 %) is
    ``met_within_hedge``. Which side is bad is the indicator's direction: a
    *floor* (more is better: GDP growth, new jobs) or a *ceiling* (less is
    better: unemployment, the rise of prices), from the synonym table.
``no_outcome``
    No later document of the input states an outcome of that indicator for that
    period; ``reason`` names the documents searched.
``not_comparable``
    An outcome was found but cannot be set against the target: a different base
    unit (亿元 against %), a level against a change (失业率5.5% against 下降0.3%),
    or a bound (超过40%) that does not settle the question.

Commitment words (力争, 确保, 预期, 努力) are kept in ``hedge`` and change no
verdict: they say how firmly a figure is promised, not how far it may be missed.

>>> from xindu_plan import parse
>>> a = parse("政府工作报告\\n今年发展主要预期目标是：国内生产总值增长5.5%左右。", year=2022, name="a")
>>> b = parse("政府工作报告\\n一、2022年工作回顾\\n过去一年，国内生产总值增长5.2%。", year=2023, name="b")
>>> card = scorecard([a, b], plan=False)
>>> card.table.loc[0, ["indicator", "outcome_written", "verdict"]].tolist()
['国内生产总值', '增长5.2%', 'met_within_hedge']
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._atomic import write_atomically
from ._values import is_missing, plain, plain_records
from ._version import __version__
from .errors import ScorecardError
from .indicators import TOLERANCE, Synonyms, load_synonyms
from .plan_outcomes import FINDINGS, PlanOutcome, load_plan_outcomes
from .reader import Document, parse, read_document
from .tables import Field, Table

if TYPE_CHECKING:
    from concurrent.futures import Executor

    import pandas as pd

    from .plan import Plan

__all__ = [
    "RULES",
    "SCORECARD",
    "TOLERANCE",
    "VERDICTS",
    "Scorecard",
    "ScorecardError",
    "scorecard",
]

#: Verdicts, with their meaning.
VERDICTS = {
    "met": "the outcome meets the target as its comparator says",
    "met_within_hedge": "the outcome misses a 左右 figure on the bad side, by no more than the tolerance",
    "not_met": "the outcome misses the target",
    "no_outcome": "no later document of the input states an outcome of the indicator for the period",
    "not_comparable": "an outcome was found, in a different unit or base, or as a bound that does not settle it",
}
#: How each comparator of a target is judged (x the outcome, T the figure, t the tolerance).
RULES = {
    "at_least": "以上, 不低于, 不少于: met if x ≥ T, else not met.",
    "more_than": "超过, 高于, 突破: met if x > T, else not met.",
    "at_most": "以内, 以下, 不超过, 不高于: met if x ≤ T, else not met.",
    "less_than": "低于, 不到, 不足: met if x < T, else not met.",
    "about": "左右, 上下, 约, 近: on a floor, met if x ≥ T, met within the hedge if x ≥ T − t·|T|; on a ceiling, "
    "met if x ≤ T, within the hedge if x ≤ T + t·|T|; with no direction recorded, met if x = T, within the "
    "hedge if |x − T| ≤ t·|T|; else not met.",
    "range": "a range L–H: on a floor met if x ≥ L, on a ceiling met if x ≤ H, with no direction met if "
    "L ≤ x ≤ H; else not met.",
    "none": "a bare figure (建设19所, 降低20%): on a floor met if x ≥ T, on a ceiling met if x ≤ T, with no "
    "direction met only if x = T; else not met.",
    "hedge": "力争, 确保, 预期, 努力 change no verdict; they are kept in the hedge column.",
    "change": "a target stated as a change (增长6%, 降低3%) is compared with an outcome stated as a change, in the "
    "target's direction (an outcome of 下降1% against 增长5% counts as −1); a level (5.5%, 降到5.5%, 提高到60%) "
    "only with a level.",
    "bound": "an outcome stated as a bound (超过40%, 不到3%) is judged at both ends of what it allows; if the "
    "verdicts differ it is not comparable.",
}

_KINDS = ("target", "plan_target")
_EPS = 1e-9


def _span_fields(side: str, what: str) -> tuple[Field, ...]:
    return (
        Field(f"{side}_start", "integer", f"Start of {what} in its document's cleaned text (code points).", minimum=0),
        Field(f"{side}_end", "integer", f"End of {what} in its document's cleaned text.", minimum=0),
        Field(
            f"{side}_raw_start",
            "integer",
            f"Start of {what} in the document as given (the input file, or the plan's raw copy).",
            minimum=0,
        ),
        Field(f"{side}_raw_end", "integer", f"End of {what} in the document as given.", minimum=0),
    )


def _outcome_span_fields() -> tuple[Field, ...]:
    return tuple(
        Field(f.name, f.type, f.description + " Empty without an outcome.", required=False, minimum=0)
        for f in _span_fields("outcome", "the outcome")
    )


_MEASURES = {
    "level": "a level (5.5%, 1100万人, 降到5.5%)",
    "increase": "an increase by the value (增长6%)",
    "decrease": "a decrease by the value (降低3%)",
}

#: The scorecard table, described once: its CSV, its Table Schema and its dtypes come from here.
SCORECARD = Table(
    "scorecard",
    "Scorecard",
    "Each target of each document with the outcome a later document of the input states for the same indicator "
    "and period, and a verdict.",
    (
        Field("target_document", "string", "Name of the document that sets the target."),
        Field("target_id", "string", "The target's id in that document (Q… of its quantities; T… for the plan)."),
        Field(
            "target_kind", "string", "target: a goal for one year; plan_target: a goal for a plan period.", enum=_KINDS
        ),
        Field(
            "jurisdiction",
            "string",
            "Whose target it is, as the document states (全国, 成都市新都区); empty if it states none.",
            required=False,
        ),
        Field(
            "ref_start_year",
            "integer",
            "First year the target refers to; empty if the reader found none.",
            required=False,
        ),
        Field(
            "ref_end_year", "integer", "Last year the target refers to; empty if the reader found none.", required=False
        ),
        Field("indicator", "string", "What the target measures, as written."),
        Field(
            "indicator_id",
            "string",
            "The indicator's id in the synonym table, or the wording itself when the table does not list it.",
        ),
        Field(
            "direction",
            "string",
            "floor (more is better) or ceiling (less is better) for this target, from "
            "the synonym table's better and the target's measure; empty when the table records none.",
            required=False,
            enum=("floor", "ceiling"),
        ),
        Field("target_written", "string", "The target's number with its comparator and change words, as written."),
        Field(
            "comparator",
            "string",
            "The target's comparator: at_least, more_than, at_most, less_than, about, range; empty for a bare figure.",
            required=False,
        ),
        Field(
            "hedge",
            "string",
            "A commitment word before the target (力争, 确保, 预期, 努力); changes no verdict.",
            required=False,
        ),
        Field(
            "measure",
            "string",
            "What the target's number is: " + "; ".join(f"{k}: {v}" for k, v in _MEASURES.items()) + ".",
            enum=tuple(_MEASURES),
        ),
        Field("target_value", "number", "The target's figure in base units; empty for a range.", required=False),
        Field("target_low", "number", "Low end of a range target, in base units.", required=False),
        Field("target_high", "number", "High end of a range target, in base units.", required=False),
        Field(
            "base_unit", "string", "The base unit of the target's values (percent, person, kg, yuan …).", required=False
        ),
        Field(
            "band_low",
            "number",
            "Least outcome judged met or met within the hedge, in the target's terms "
            "(base units; for a reduction, its size); empty if there is no least.",
            required=False,
        ),
        Field(
            "band_high",
            "number",
            "Greatest outcome judged met or met within the hedge; empty if there is no greatest.",
            required=False,
        ),
        *_span_fields("target", "the target"),
        Field("target_excerpt", "string", "The target's text (cleaned text from target_start to target_end)."),
        Field(
            "outcome_document", "string", "Name of the document stating the outcome; empty without one.", required=False
        ),
        Field("outcome_id", "string", "The outcome's id in that document (Q…).", required=False),
        Field("outcome_indicator", "string", "What the outcome measures, as written.", required=False),
        Field(
            "outcome_written",
            "string",
            "The outcome's number with its comparator and change words, as written.",
            required=False,
        ),
        Field("outcome_comparator", "string", "The outcome's comparator (超过 → more_than …), if any.", required=False),
        Field(
            "outcome_measure",
            "string",
            "What the outcome's number is (as measure).",
            required=False,
            enum=tuple(_MEASURES),
        ),
        Field("outcome_value", "number", "The outcome in base units, as written.", required=False),
        Field("outcome_base_unit", "string", "The base unit of outcome_value.", required=False),
        Field(
            "outcome_compared",
            "number",
            "The outcome as set against the target: in the target's terms, with "
            "the sign turned when the outcome moves the other way; empty unless comparable.",
            required=False,
        ),
        *_outcome_span_fields(),
        Field(
            "outcome_excerpt",
            "string",
            "The outcome's text (cleaned text from outcome_start to outcome_end).",
            required=False,
        ),
        Field("verdict", "string", "; ".join(f"{k}: {v}" for k, v in VERDICTS.items()) + ".", enum=tuple(VERDICTS)),
        Field("reason", "string", "The verdict worked out in words, with the numbers compared."),
    ),
    ("target_document", "target_id"),
    path="scorecard.csv",
)


# --- the documents ---------------------------------------------------------


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
    from ._parallel import chunks, in_order, slots

    for parsed in in_order(executor, _parsed, chunks(items, 8), 2 * slots(executor)):
        yield from parsed


def _sources(items: Iterable[Any] | Document, plan: Any, executor: Executor | None = None) -> list[_Source]:
    from .plan import Plan, load

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


# --- judging ---------------------------------------------------------------


def _has_figure(q: dict[str, Any]) -> bool:
    """Whether a quantity has a number to compare: a value, or both ends of a range."""
    if q["comparator"] == "range":
        return not is_missing(q.get("low_base")) and not is_missing(q.get("high_base"))
    return not is_missing(q["value_base"])


def _direction(better: str | None, measure: str) -> str | None:
    """floor or ceiling for a target: a reduction's size is a floor when less of the indicator is better."""
    if better is None:
        return None
    higher_is_better = (better == "higher") != (measure == "decrease")
    return "floor" if higher_is_better else "ceiling"


def _ge(x: float, y: float) -> bool:
    return x >= y - _EPS * max(1.0, abs(y))


def _le(x: float, y: float) -> bool:
    return x <= y + _EPS * max(1.0, abs(y))


def _eq(x: float, y: float) -> bool:
    return _ge(x, y) and _le(x, y)


def _band(t: dict[str, Any], direction: str | None, tolerance: float) -> tuple[float | None, float | None]:
    """The outcomes judged met or met within the hedge, as (least, greatest); None where open."""
    c, value = t["comparator"], t["value_base"]
    if c == "range":
        low, high = t["low_base"], t["high_base"]
        return (low, None) if direction == "floor" else (None, high) if direction == "ceiling" else (low, high)
    if c in ("at_least", "more_than"):
        return value, None
    if c in ("at_most", "less_than"):
        return None, value
    slack = tolerance * abs(value) if c == "about" else 0.0
    if direction == "floor":
        return value - slack, None
    if direction == "ceiling":
        return None, value + slack
    return value - slack, value + slack


def _judge(x: float, t: dict[str, Any], direction: str | None, tolerance: float) -> str:
    """The verdict for an outcome ``x`` (in the target's terms) against target ``t``."""
    c, value = t["comparator"], t["value_base"]
    if c == "at_least":
        return "met" if _ge(x, value) else "not_met"
    if c == "more_than":
        return "met" if x > value and not _eq(x, value) else "not_met"
    if c == "at_most":
        return "met" if _le(x, value) else "not_met"
    if c == "less_than":
        return "met" if x < value and not _eq(x, value) else "not_met"
    low, high = _band(t, direction, tolerance)
    if c == "range":
        inside = (low is None or _ge(x, low)) and (high is None or _le(x, high))
        return "met" if inside else "not_met"
    on_good_side = _ge(x, value) if direction == "floor" else _le(x, value) if direction == "ceiling" else _eq(x, value)
    if on_good_side:
        return "met"
    if c == "about" and (low is None or _ge(x, low)) and (high is None or _le(x, high)):
        return "met_within_hedge"
    return "not_met"


def _outcome_interval(o: dict[str, Any]) -> tuple[float, float]:
    """What an outcome allows: a point, a bound (超过40% → [40, ∞)) or a range."""
    c, value = o["comparator"], o["value_base"]
    if c == "range":
        return float(o["low_base"]), float(o["high_base"])
    if c in ("at_least", "more_than"):
        return float(value), math.inf
    if c in ("at_most", "less_than"):
        return -math.inf, float(value)
    return float(value), float(value)


def _fmt(x: float | None) -> str:
    if x is None:
        return ""
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x == int(x) and abs(x) < 1e16:
        return str(int(x))
    return f"{x:.10g}"


@dataclass(frozen=True, slots=True)
class _Judged:
    verdict: str
    compared: float | None
    reason: str


def _compare(t: dict[str, Any], o: dict[str, Any], direction: str | None, tolerance: float) -> _Judged:
    """Set outcome ``o`` against target ``t``: comparable or not, and the verdict."""
    if t["base_unit"] != o["base_unit"] or is_missing(t["base_unit"]):
        return _Judged(
            "not_comparable",
            None,
            f"the target is in {t['base_unit'] or 'no unit'}, the outcome ({o['written']}) in "
            f"{o['base_unit'] or 'no unit'} → not_comparable",
        )
    tm, om = t["measure"], o["measure"]
    if (tm == "level") != (om == "level"):
        what = {True: "a level", False: "a change"}
        return _Judged(
            "not_comparable",
            None,
            f"the target states {what[tm == 'level']}, the outcome ({o['written']}) {what[om == 'level']} "
            "→ not_comparable",
        )
    low, high = _outcome_interval(o)
    if tm != "level" and tm != om:  # the outcome moved the other way: count it against the target
        low, high = -high, -low
    ends = {_judge(x, t, direction, tolerance) for x in (low, high)}
    if len(ends) > 1:
        return _Judged(
            "not_comparable",
            None,
            f"the outcome {o['written']} allows {_fmt(low)} to {_fmt(high)}, which {'/'.join(sorted(ends))} "
            "would each fit → not_comparable",
        )
    verdict = ends.pop()
    compared = low if low == high else (low if math.isfinite(low) else high)
    return _Judged(verdict, compared, _explain(t, direction, tolerance, compared, low != high, verdict))


def _explain(t: dict[str, Any], direction: str | None, tolerance: float, x: float, bound: bool, verdict: str) -> str:
    c = t["comparator"] or "none"
    value = t["value_base"]
    outcome = (
        f"outcome {'at least ' if bound and verdict else ''}{_fmt(x)}" if not bound else f"outcome bound {_fmt(x)}"
    )
    if c in ("at_least", "more_than", "at_most", "less_than"):
        sign = {"at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<"}[c]
        return f"{c}: {outcome} {sign if verdict == 'met' else 'not ' + sign} target {_fmt(value)} → {verdict}"
    rule = f"{c} + {direction}" if direction else f"{c}, no direction recorded"
    if c == "range":
        return f"{rule}: {outcome} against the range {_fmt(t['low_base'])}–{_fmt(t['high_base'])} → {verdict}"
    good = {"floor": "≥", "ceiling": "≤"}.get(direction or "", "=")
    test = f"{outcome} {good if verdict == 'met' else 'not ' + good} target {_fmt(value)}"
    if c == "about" and verdict != "met":
        within = "≤" if verdict == "met_within_hedge" else ">"
        hedge = tolerance * abs(value)
        test += f"; distance {_fmt(abs(x - value))} {within} hedge {_fmt(hedge)} ({tolerance:g} of the target)"
    return f"{rule}: {test} → {verdict}"


# --- the scorecard ---------------------------------------------------------


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


def _table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    data = {f.name: pd.Series([plain(r.get(f.name)) for r in rows], dtype=f.pandas_dtype) for f in SCORECARD.fields}
    return pd.DataFrame(data, columns=SCORECARD.columns)


@dataclass(frozen=True)
class Scorecard:
    """Targets with their outcomes: :attr:`table` (described by :data:`SCORECARD`) and how it was made."""

    table: pd.DataFrame
    documents: tuple[tuple[str, int | None, str | None], ...]  # name, year, jurisdiction
    tolerance: float
    #: What the search for the plan's own outcomes found, target by target (empty without the plan).
    plan_outcomes: tuple[PlanOutcome, ...] = ()

    def findings(self) -> list[dict[str, str]]:
        """The plan's findings as plain rows (target_id, finding, meaning, document, excerpt, note)."""
        return [
            {
                "target_id": f.target_id,
                "finding": f.finding,
                "meaning": FINDINGS[f.finding],
                "document": f.document,
                "excerpt": f.excerpt,
                "note": f.note,
            }
            for f in self.plan_outcomes
        ]

    def counts(self) -> dict[str, int]:
        """Rows per verdict, every verdict listed."""
        seen = Counter(self.table["verdict"])
        return {v: int(seen[v]) for v in VERDICTS}

    def descriptor(self, data: bytes | None = None) -> dict[str, Any]:
        """Return the Data Package (2.0) descriptor of the table; ``data``: the CSV, for its size and hash."""
        resource = SCORECARD.resource(data)
        return {
            "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": "xindu-plan-scorecard",
            "title": "Targets and their outcomes",
            "description": _method(self.tolerance),
            "version": __version__,
            "sources": [
                {"title": name, "description": f"year {year or 'unknown'}, jurisdiction {place or 'unknown'}"}
                for name, year, place in self.documents
            ],
            "planOutcomes": self.findings(),
            "resources": [resource],
        }

    def to_csv(self) -> bytes:
        """Return the table as UTF-8 CSV, as written to ``scorecard.csv``."""
        return self.table.to_csv(index=False, lineterminator="\n").encode("utf-8")

    def to_json(self) -> str:
        """Return the method, the counts and every row as JSON (UTF-8 characters kept)."""
        data = {
            "method": _method(self.tolerance),
            "rules": RULES,
            "tolerance": self.tolerance,
            "counts": self.counts(),
            "plan_outcomes": self.findings(),
            "rows": plain_records(self.table),
        }
        return json.dumps(data, ensure_ascii=False, indent=2)

    def to_markdown(self) -> str:
        """Return a Markdown summary: the method, counts, and each target with its outcome and verdict."""
        out = ["# Targets and their outcomes", "", _method(self.tolerance), ""]
        out += ["How each comparator is judged:", ""]
        out += [f"- **{k}**: {v}" for k, v in RULES.items()]
        out += ["", "## Verdicts", "", "| verdict | rows |", "|---|---|"]
        out += [f"| {k} | {n} |" for k, n in self.counts().items()]
        for name, year, place in self.documents:
            rows = self.table[self.table["target_document"] == name]
            out += ["", f"## Targets of {name} ({year or 'year unknown'}, {place or 'jurisdiction unknown'})", ""]
            if not len(rows):
                out += ["(no targets)"]
                continue
            out += ["| target | indicator | year | target | outcome | verdict |", "|---|---|---|---|---|---|"]
            for r in plain_records(rows):
                years = (
                    r["ref_start_year"]
                    if r["ref_start_year"] == r["ref_end_year"]
                    else (f"{r['ref_start_year']}–{r['ref_end_year']}")
                )
                outcome = (
                    f"{r['outcome_written']} ({r['outcome_document']} {r['outcome_id']})"
                    if r["outcome_document"]
                    else ""
                )
                cells = [r["target_id"], r["indicator"], years, r["target_written"], outcome, r["verdict"]]
                out.append("| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |")
        if self.plan_outcomes:
            out += ["", "## What the search for the plan's own outcomes found", ""]
            out += [f"- **{f.target_id}**, {f.finding}: {f.note}" for f in self.plan_outcomes]
        return "\n".join(out) + "\n"

    def write(self, folder: Path, overwrite: bool = False) -> Path:
        """Write ``scorecard.csv``, its ``datapackage.json`` and ``summary.md`` into a new ``folder``, atomically.

        ``overwrite`` replaces only a folder written by xindu-plan (one carrying its marker).

        Raises:
            ScorecardError: ``folder`` exists (without ``overwrite``) or is not ours to
                replace, is a protected folder, or cannot be written.
        """
        data = self.to_csv()
        descriptor = json.dumps(self.descriptor(data), ensure_ascii=False, indent=2) + "\n"
        summary = self.to_markdown()

        def write(target: Path) -> None:
            target.mkdir()
            (target / SCORECARD.file).write_bytes(data)
            (target / "datapackage.json").write_text(descriptor, encoding="utf-8")
            (target / "summary.md").write_text(summary, encoding="utf-8")

        return write_atomically(Path(folder), write, overwrite=overwrite, error=ScorecardError, folder=True)


def _method(tolerance: float) -> str:
    return (
        "Each target (a goal for the year or for a plan period) is followed to a result in a later document (a "
        "greater year) of the same jurisdiction, for the same indicator (the same wording, or wordings the "
        "reviewed synonym table calls one) and the same years. A 左右 figure is met within the hedge when the "
        f"outcome falls on its bad side by at most {tolerance:g} of the figure; floor or ceiling come from the "
        "synonym table. Spans are in each document's cleaned text (start, end) and in the document as given "
        "(raw_start, raw_end)."
    )


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
            a :class:`~xindu_plan.plan.Plan`, or False to leave it out.
        tolerance: the share of a 左右 figure an outcome may miss it by and be met
            within the hedge (0 ≤ tolerance < 1).
        synonyms: a synonym table (:func:`xindu_plan.indicators.read_synonyms`);
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

"""Judging one outcome against one target, as :data:`~xindu_plan.analysis.outcomes.table.RULES` says.

Whether a quantity has a figure to compare, a target's direction (floor or
ceiling), the band of outcomes judged met or met within the hedge, the verdict
for an outcome set in the target's terms, what an outcome stated as a bound
allows, and :func:`_compare`: comparable or not, the verdict, and the reason in
words with the numbers compared.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from xindu_plan.base.values import is_missing

__all__ = ["_Judged", "_band", "_compare", "_direction", "_has_figure", "_judge"]


_EPS = 1e-9


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

"""What the finder is told and what it returns: :class:`Frame` and :class:`Quantity`.

A :class:`Frame` says what the part of a document being read is (its role and
the years it refers to); a :class:`Quantity` is one quantity found, every part of
it (the whole, the indicator, the number) kept as a span of the text read.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Frame", "Quantity"]


@dataclass(frozen=True, slots=True)
class Frame:
    """What the part of a document a quantity stands in says about it.

    ``role`` is ``year`` (the document's own year: a work report's tasks, an annual
    plan), ``review`` (a review of a past year or period), ``plan`` (the goals of a
    plan period) or ``""`` (nothing known); ``start``/``end`` are the years that part
    refers to, when known.
    """

    role: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A quantity found in a text; every ``*_start``/``*_end`` is a span of that text.

    ``value`` (or ``low``/``high`` for a range) is in the unit as written (``150`` for
    ``150亿元``); ``value_base`` and friends are in ``base_unit``. ``period`` is a
    period as written near the quantity (``全年``, ``到2025年``) with its years;
    ``ref_start_year``/``ref_end_year`` are the years the quantity refers to, from
    the period written or from the frame (a result in the 2023 report refers to 2022).
    """

    start: int
    end: int
    indicator: str
    indicator_start: int
    indicator_end: int
    number: str
    number_start: int
    number_end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str
    value_base: float | None
    low_base: float | None
    high_base: float | None
    base_unit: str | None
    comparator: str | None
    comparator_written: str | None
    change: str | None
    change_written: str | None
    marker: str | None
    action: str | None
    hedge: str | None
    period: str | None
    period_start_year: int | None
    period_end_year: int | None
    kind: str
    ref_start_year: int | None
    ref_end_year: int | None

"""How often a real report of the same genre reaches a coverage by chance: the scale of the decision.

The comparison (:mod:`xindu_plan.analysis.comparison`) finds, for each unit of ``a`` (a
measure of the plan), the passage of ``b`` that covers most of its weighted words.
A coverage of 0.15 means nothing by itself: a long report offers more passages and so
more chances of a high one, and some measures share words (城市, 企业, 改革) with
every report of the genre. This module puts a coverage on a scale a reader can
interpret, calibrated on real documents of the same genre that predate the plan:
the fourteen State Council work reports of 1978–1994 shipped in
:mod:`xindu_plan.calibration`.

For each unit the **null** is the coverage of the unit by every passage of those
reports. Its upper tail (the top :data:`TAIL_SHARE` of passages) is fitted by an
exponential (peaks over a threshold; the mean excess over the threshold is the
scale), so that a coverage beyond every calibration passage still gets a finite
chance. The **chance** of a best passage of coverage ``c`` in a document of ``n``
passages is the probability that the best of ``n`` calibration passages reaches
``c``: ``1 - (1 - S(c)) ** n``, with ``S`` the null's survival function. The
document's length enters through ``n``: the same coverage is less remarkable in
a long report than in a short excerpt.

Two nulls are kept for each unit: over all calibration passages (``chance``), and
over the passages that treat another unit, those whose own best unit is a different
one or none (``chance_other``). The first says how often a report of the genre that
predates the plan reaches the coverage at all; the second how often a passage about
something else does, which stays low for a measure whose policy the old reports
also treat (employment, schooling, talent).

>>> import numpy as np
>>> null = Null.from_coverage([np.array([[0.0], [0.05], [0.1]])], [np.zeros((3, 1), bool)])
>>> round(null.chance(0.05, 1, 0), 3), round(null.chance(0.05, 2, 0), 3), null.chance(0.0, 10, 0)
(0.667, 0.889, 1.0)
>>> null.chance(0.3, 1, 0) < 0.01
True
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["GENERIC_SHARE", "TAIL_SHARE", "Null"]

#: Share of the calibration passages, the highest coverages, whose excess is fitted by an exponential.
TAIL_SHARE = 0.01
#: A word found in at least this share of the calibration passages is generic for the genre:
#: it is shown as shared but never evidence on its own.
GENERIC_SHARE = 0.05
_MIN_SCALE = 1e-3  # the exponential's scale when the tail has no spread (a unit no passage covers)


@dataclass(frozen=True)
class _Tail:
    values: npt.NDArray[Any]  # sorted coverages of the null
    threshold: float
    scale: float

    @classmethod
    def of(cls, values: npt.NDArray[Any]) -> _Tail:
        import numpy as np

        ordered = np.sort(np.asarray(values, dtype=float))
        if not len(ordered):
            return cls(ordered, 0.0, _MIN_SCALE)
        threshold = float(np.quantile(ordered, 1 - TAIL_SHARE))
        excess = ordered[ordered > threshold] - threshold
        scale = float(excess.mean()) if len(excess) else _MIN_SCALE
        return cls(ordered, threshold, max(scale, _MIN_SCALE))

    def survival(self, coverage: float) -> float:
        """Share of null passages reaching ``coverage`` (the fitted tail beyond the threshold)."""
        import numpy as np

        n = len(self.values)
        if not n or coverage <= 0:
            return 1.0
        if coverage <= self.threshold:
            return float(n - np.searchsorted(self.values, coverage, side="left")) / n
        return TAIL_SHARE * math.exp(-(coverage - self.threshold) / self.scale)


@dataclass(frozen=True)
class Null:
    """The null distributions of every unit, and the words generic for the genre.

    Build it with :meth:`from_coverage` from the calibration reports' passages.
    """

    every: tuple[_Tail, ...]  # per unit: over all calibration passages
    other: tuple[_Tail, ...]  # per unit: over the passages whose best unit is another
    generic: npt.NDArray[Any]  # per word of the query vocabulary: generic for the genre
    passages: int  # calibration passages the nulls are built from

    @classmethod
    def from_coverage(cls, coverages: Sequence[npt.NDArray[Any]], shared: Sequence[npt.NDArray[Any]]) -> Null:
        """Build the nulls from the reports' passages.

        Args:
            coverages: per report, a passages × units array of coverages.
            shared: per report, a passages × vocabulary array, true where the passage holds the word.
        """
        import numpy as np

        units = coverages[0].shape[1] if coverages else 0
        every = np.vstack(coverages) if coverages else np.zeros((0, units))
        best = np.where(every.max(axis=1, initial=0.0) > 0, every.argmax(axis=1), -1) if units else np.zeros(0)
        held = np.vstack(shared) if shared else np.zeros((0, 0), bool)
        generic = held.mean(axis=0) >= GENERIC_SHARE if len(held) else np.zeros(held.shape[1], bool)
        return cls(
            tuple(_Tail.of(every[:, u]) for u in range(units)),
            tuple(_Tail.of(every[best != u, u]) for u in range(units)),
            generic,
            len(every),
        )

    def chance(self, coverage: float, passages: int, unit: int, *, other: bool = False) -> float:
        """The chance that the best of ``passages`` calibration passages covers ``unit`` at least ``coverage``.

        Args:
            coverage: the best passage's coverage (0–1).
            passages: the number of passages of the document compared.
            unit: the unit's index.
            other: use the null of passages on other units (``chance_other``).
        """
        tail = (self.other if other else self.every)[unit]
        s = tail.survival(coverage)
        if s >= 1.0:
            return 1.0
        return -math.expm1(max(passages, 1) * math.log1p(-s))

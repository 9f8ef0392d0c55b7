"""The number / unit / comparator grammar: every quantity a Chinese plan document states.

A quantity is a number with its unit, read with what the text says around it:

* the **number** in any way Chinese writes one (:func:`parse_number`): Arabic,
  full-width, Chinese numerals at every magnitude (``三十六万八千``, ``两亿零七百万``),
  financial capitals, mixed forms (``1.2万亿``), digits spaced by old typesetting
  (``7 4 7 7 2``), ``百分之十五``, ``千分之三``, ``三成``, ``1.5倍``;
* a **range** (``6.5%－7%``, ``6%至6.5%``) with its low and high ends;
* the **unit** of Chinese statistics, compound units included (``吨公里``,
  ``万千瓦``, ``亿美元``, ``人次``), with its base unit and factor;
* the **comparator** (``以上``, ``左右``, ``不超过`` …), the **change** word
  (``增长``, ``下降``, ``提高到`` …), the **hedge** (``力争``, ``确保``, ``预期``), the
  **marker** (a verb such as ``实现``, ``达到``, ``控制在``, ``安排``), and the
  **indicator**, the noun phrase the number measures (empty where the text names none);
* its **kind** (a target of the year, a result of a past year or period, a target of a
  plan period, or another amount such as a budget) and the **years it refers to**,
  from the clause's own words and the frame the caller gives (the part of the
  document it stands in, see :class:`Frame`).

Lists share what governs them: the items of ``预期目标是：…增长5%左右；…5.5%左右`` take
the governing hedge and period; ``分别增长8.9%、9.2%`` gives one quantity a value,
each with its own indicator. Every part is kept as a span of the text. The finder is
one pass over the text, linear in its length.

>>> [(q.indicator, q.value, q.unit, q.comparator) for q in find_quantities("城镇新增就业1100万人以上。")]
[('城镇新增就业', 1100.0, '万人', 'at_least')]
>>> parse_number("三十六万八千"), parse_number("两亿零七百万"), parse_number("百分之十五")
(368000.0, 207000000.0, 15.0)
"""

from __future__ import annotations

from xindu_plan.base.errors import NumberError
from xindu_plan.chinese.quantities.finder import find_quantities
from xindu_plan.chinese.quantities.kinds import KINDS
from xindu_plan.chinese.quantities.numbers import parse_number
from xindu_plan.chinese.quantities.records import Frame, Quantity
from xindu_plan.chinese.quantities.units import UNITS, Unit, split_unit
from xindu_plan.chinese.quantities.words import CHANGES, COMPARATORS, HEDGES

__all__ = [
    "CHANGES",
    "COMPARATORS",
    "HEDGES",
    "KINDS",
    "UNITS",
    "Frame",
    "NumberError",
    "Quantity",
    "Unit",
    "find_quantities",
    "parse_number",
    "split_unit",
]

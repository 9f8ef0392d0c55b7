"""The units of Chinese statistics: :class:`Unit`, the table :data:`UNITS` and :func:`split_unit`.

Each unit as written (compound units included: ``吨公里``, ``平方公里``,
``个百分点``) with the base unit it is measured in and the factor to it; the
classifiers that are words of their own before some characters (``家庭``,
``条件``); the pattern a unit is matched by after a number; and the split of a
unit as written into its magnitude and its unit word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xindu_plan.chinese.quantities.numbers import _MAGNITUDES

__all__ = ["UNITS", "Unit", "split_unit"]


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as written, the base unit it is measured in and the factor to it."""

    written: str
    base: str
    factor: float


def _units() -> dict[str, Unit]:
    counts = "个项所家户座条场处批栋辆台套张床名位件次部篇艘架只头株间份本期届类"
    units = [
        Unit("元", "yuan", 1.0),
        Unit("美元", "usd", 1.0),
        Unit("欧元", "eur", 1.0),
        Unit("港元", "hkd", 1.0),
        Unit("日元", "jpy", 1.0),
        Unit("%", "percent", 1.0),
        Unit("‰", "permille", 1.0),
        Unit("个百分点", "percentage_point", 1.0),
        Unit("百分点", "percentage_point", 1.0),
        Unit("成", "percent", 10.0),
        Unit("倍", "times", 1.0),
        Unit("人次", "person_time", 1.0),
        Unit("件次", "count", 1.0),
        Unit("人", "person", 1.0),
        Unit("斤", "kg", 0.5),
        Unit("公斤", "kg", 1.0),
        Unit("千克", "kg", 1.0),
        Unit("吨公里", "tonne_km", 1.0),
        Unit("吨标准煤", "tce", 1.0),
        Unit("吨", "kg", 1000.0),
        Unit("公里", "m", 1000.0),
        Unit("千米", "m", 1000.0),
        Unit("米", "m", 1.0),
        Unit("平方公里", "m2", 1_000_000.0),
        Unit("平方米", "m2", 1.0),
        Unit("亩", "m2", 10000.0 / 15.0),
        Unit("公顷", "m2", 10000.0),
        Unit("微克/立方米", "ug_per_m3", 1.0),  # a concentration (PM2.5平均浓度47微克/立方米)
        Unit("毫克/立方米", "ug_per_m3", 1000.0),
        Unit("立方米", "m3", 1.0),
        Unit("千瓦时", "kwh", 1.0),
        Unit("度", "kwh", 1.0),
        Unit("千瓦", "kw", 1.0),
        Unit("标准箱", "teu", 1.0),
        Unit("年", "year", 1.0),
        Unit("岁", "year_of_age", 1.0),
        Unit("个月", "month", 1.0),
        Unit("天", "day", 1.0),
        Unit("个工作日", "day", 1.0),
        Unit("小时", "hour", 1.0),
        *[Unit(c, "count", 1.0) for c in dict.fromkeys(counts)],
    ]
    return {u.written: u for u in units}


#: Units as written → base unit and factor. Base units: yuan (and other currencies),
#: person, person-time, count (of items, the classifier kept as written), percent,
#: per mille, percentage point, kilogram (1 斤 = 0.5 kg by the PRC's statutory
#: definition of the market jin), metre, square metre, microgram per cubic metre, kWh, kW, year, day.
UNITS: dict[str, Unit] = _units()


#: A classifier followed by this character is a word of its own (家庭, 条件, 场景).
_NOT_UNITS = frozenset(
    [
        "家庭",
        "家族",
        "条件",
        "条例",
        "场景",
        "场所",
        "处理",
        "部门",
        "部分",
        "名单",
        "台阶",
        "批准",
        "套餐",
        "座谈",
        "天然",
        "天气",
        "人口",
        "人才",
        "人员",
        "人民",
        "件事",
        "次序",
        "类型",
        "类别",
        "期间",
        "期限",
        "位置",
        "位数",
    ]
)


_UNIT = re.compile("|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True)))


def split_unit(unit: str) -> tuple[float, str]:
    """Split a unit as written into its magnitude and its unit word.

    >>> split_unit("万亿元"), split_unit("%"), split_unit("万")
    ((1000000000000.0, '元'), (1.0, '%'), (10000.0, ''))
    """
    for mag, value in _MAGNITUDES.items():
        if unit.startswith(mag) and unit[len(mag) :] in UNITS | {"": None}:
            return value, unit[len(mag) :]
    return 1.0, unit

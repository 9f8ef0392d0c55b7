"""The number / unit / comparator grammar behind numeric targets.

A target is a quantitative commitment written in one of two shapes:

* **indicator, change, number, unit, comparator** — ``国内生产总值增长6%以上``,
  ``实际到位内资150亿元以上``, ``城镇调查失业率5.5%左右``: the comparator or the
  change word is what makes the number a commitment;
* **action, number, classifier, object** — ``建设19所学校幼儿园``: an Arabic number
  right after a building verb.

Hedges (``力争``) and periods (``全年``, ``到2025年``) are read in the clause of the
target or, failing that, in an earlier clause of the same sentence, where they
govern the whole enumeration (``力争全年签约…15个以上，实际到位内资150亿元以上``).

Numbers are read with :func:`parse_number` (Arabic, Chinese with cn2an, and mixed
forms such as ``1.3万亿``); every part of a target is kept as a span of the text.

>>> [t.indicator for t in find_targets("力争全年签约引进市级重大项目15个以上，实际到位内资150亿元以上。")]
['签约引进市级重大项目', '实际到位内资']
>>> find_targets("国内生产总值增长6%以上。")[0].comparator
'at_least'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import XinduPlanError

__all__ = [
    "COMPARATORS",
    "HEDGES",
    "UNITS",
    "NumberError",
    "Target",
    "Unit",
    "find_targets",
    "parse_number",
]


class NumberError(XinduPlanError, ValueError):
    """Raised when a string is not a number this grammar reads."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as written, the base unit it is measured in and the factor to it."""

    written: str
    base: str
    factor: float


# Units as written in plans. Base units: yuan, person, count (of items, with the
# classifier kept as written), percent, percentage point, kilogram (1 斤 = 0.5 kg by
# the PRC's statutory definition of the market jin), tonne → kilogram, metre, square metre.
UNITS: dict[str, Unit] = {
    u.written: u
    for u in [
        Unit("元", "yuan", 1.0),
        Unit("%", "percent", 1.0),
        Unit("％", "percent", 1.0),
        Unit("个百分点", "percentage_point", 1.0),
        Unit("人", "person", 1.0),
        Unit("人次", "person_time", 1.0),
        Unit("斤", "kg", 0.5),
        Unit("公斤", "kg", 1.0),
        Unit("吨", "kg", 1000.0),
        Unit("公里", "m", 1000.0),
        Unit("米", "m", 1.0),
        Unit("平方米", "m2", 1.0),
        Unit("平方公里", "m2", 1_000_000.0),
        Unit("亩", "m2", 10000.0 / 15.0),
        *[
            Unit(c, "count", 1.0)
            for c in ["个", "项", "所", "家", "户", "座", "条", "场", "套", "处", "批", "栋", "辆", "台", "张", "床"]
        ],
    ]
}

_MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}

#: Comparator words, as written → meaning. After the number: 以上 …; before it: 超过 ….
COMPARATORS: dict[str, str] = {
    "以上": "at_least",
    "以下": "at_most",
    "以内": "at_most",
    "左右": "about",
    "上下": "about",
    "超过": "more_than",
    "高于": "more_than",
    "低于": "less_than",
    "不低于": "at_least",
    "不少于": "at_least",
    "不超过": "at_most",
    "不高于": "at_most",
    "达到": "equal",
    "达": "equal",
}
_AFTER = ["以上", "以下", "以内", "左右", "上下"]
_BEFORE = ["不低于", "不少于", "不超过", "不高于", "超过", "高于", "低于", "达到", "达"]

#: Change words before a number → direction.
CHANGES: dict[str, str] = {
    "增长": "increase",
    "增加": "increase",
    "提高": "increase",
    "提升": "increase",
    "上涨": "increase",
    "下降": "decrease",
    "降低": "decrease",
    "减少": "decrease",
    "压减": "decrease",
}

#: Hedge and commitment words → English.
HEDGES: dict[str, str] = {
    "力争": "strive to",
    "争取": "strive to",
    "努力": "endeavour to",
    "确保": "ensure",
    "预期": "expected",
}

_ACTIONS = ["新建", "建成", "建设", "改造", "新增", "开工", "培育", "创建", "完成"]
_CHINESE_DIGITS = "零〇一二两三四五六七八九十百千万亿点"
_NUMBER = rf"(?:\d+(?:\.\d+)?|[{_CHINESE_DIGITS}]+)(?:万亿|亿|千万|百万|万|千)?"
_UNIT_ALT = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_MAG_ALT = "万亿|亿|千万|百万|万|千"

_SHAPE_A = re.compile(
    rf"(?P<before>{'|'.join(_BEFORE)})?"
    rf"(?P<change>{'|'.join(CHANGES)})?"
    rf"(?P<number>\d+(?:\.\d+)?|[{_CHINESE_DIGITS}]+?)(?P<magnitude>{_MAG_ALT})?(?P<unit>{_UNIT_ALT})"
    rf"(?P<after>{'|'.join(_AFTER)})?"
)
_SHAPE_B = re.compile(
    rf"(?P<action>{'|'.join(_ACTIONS)})(?P<number>\d+)(?P<unit>{_UNIT_ALT})(?P<object>[^，。；、：！？,;\s“”]{{1,12}})"
)
_CLAUSE_BREAK = re.compile(r"[，。；：、！？,;:\n]")
_SENTENCE_END = re.compile(r"[。！？；\n]")
_PERIOD = re.compile(
    r"(?P<year>(?:到|至)?(?P<y>\d{4})年(?:底|末)?)|(?P<full>全年|今年|当年)|(?P<fyp>“?十四五”?(?:期间|时期|末))"
)
_TRAILING_VERBS = ("保持在", "控制在", "稳定在", "保持", "达到", "实现")
_LEADING_WORDS = ("是", "其中", "同时", "并")


def parse_number(text: str) -> float:
    """Read a number written in Arabic or Chinese numerals, or mixed.

    >>> parse_number("1.3万亿"), parse_number("一千一百"), parse_number("二〇三五")
    (1300000000000.0, 1100.0, 2035.0)

    Raises:
        NumberError: ``text`` is not a number.
    """
    if not isinstance(text, str) or not text.strip():
        raise NumberError(f"not a number: {text!r}")
    text = text.strip()
    factor = 1.0
    for mag, value in _MAGNITUDES.items():
        if text.endswith(mag) and len(text) > len(mag) and re.fullmatch(r"\d+(?:\.\d+)?", text[: -len(mag)]):
            factor, text = value, text[: -len(mag)]
            break
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text) * factor
    if not re.fullmatch(f"[{_CHINESE_DIGITS}]+", text):
        raise NumberError(f"not a number: {text!r}")
    import cn2an  # deferred: its import is slow and only Chinese numerals need it

    try:
        return float(cn2an.cn2an(text, "smart")) * factor
    except (ValueError, KeyError, IndexError) as err:
        raise NumberError(f"not a number: {text!r}") from err


@dataclass(frozen=True, slots=True)
class Target:
    """A quantitative commitment found in a text; every ``*_start``/``*_end`` is a span of it."""

    start: int
    end: int
    indicator: str
    indicator_start: int
    indicator_end: int
    number: str
    number_start: int
    value: float
    unit: str
    value_base: float | None
    base_unit: str | None
    comparator: str | None
    comparator_written: str | None
    change: str | None
    change_written: str | None
    action: str | None
    hedge: str | None
    period: str | None
    period_start_year: int | None
    period_end_year: int | None


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"“[^“”]*”", text)]


def _clause_start(text: str, pos: int, floor: int) -> int:
    start = pos
    while start > floor and not _CLAUSE_BREAK.match(text[start - 1]):
        start -= 1
    return start


def _sentence_start(text: str, pos: int) -> int:
    start = pos
    while start > 0 and not _SENTENCE_END.match(text[start - 1]):
        start -= 1
    return start


def _period(written: re.Match[str], year: int | None) -> tuple[str, int | None, int | None]:
    if written.group("y"):
        y = int(written.group("y"))
        return written.group(0), y, y
    if written.group("full"):
        return written.group(0), year, year
    return written.group(0), 2021, 2025


def _strip_indicator(text: str, start: int, end: int) -> tuple[int, int]:
    changed = True
    while changed and start < end:
        changed = False
        chunk = text[start:end]
        for word in (*HEDGES, *_LEADING_WORDS, "全年", "今年", "当年", "加快", "积极"):
            if chunk.startswith(word) and len(chunk) > len(word):
                start += len(word)
                changed = True
                break
        for word in _TRAILING_VERBS:
            chunk = text[start:end]
            if chunk.endswith(word) and len(chunk) > len(word):
                end -= len(word)
                changed = True
        chunk = text[start:end]
        m = re.search(r"(?:全年|今年|当年)$", chunk)
        if m and m.start() > 0:
            end = start + m.start()
            changed = True
    return start, end


def find_targets(text: str, year: int | None = None) -> list[Target]:
    """Find the numeric targets of ``text``.

    Args:
        text: a restored, cleaned text.
        year: the year that 全年 / 今年 refer to, when known.

    Returns:
        The targets in text order.
    """
    quoted = _quoted_spans(text)
    found: list[Target] = []
    for m in _SHAPE_A.finditer(text):
        if not (m.group("after") or m.group("before") or m.group("change")):
            continue
        if any(s <= m.start("number") < e for s, e in quoted):
            continue
        number_start = m.start("number")
        if (number_start > 0 and text[number_start - 1] in "第.．") or text[number_start - 1 : number_start].isdigit():
            continue
        target = _build(text, m, year, shape="a")
        if target is not None:
            found.append(target)
    for m in _SHAPE_B.finditer(text):
        if any(s <= m.start() < e for s, e in quoted) or any(t.start <= m.start("number") < t.end for t in found):
            continue
        target = _build(text, m, year, shape="b")
        if target is not None:
            found.append(target)
    found.sort(key=lambda t: t.start)
    return found


def _build(text: str, m: re.Match[str], year: int | None, shape: str) -> Target | None:
    try:
        value = parse_number(m.group("number"))
    except NumberError:
        return None
    unit = UNITS[m.group("unit")]
    magnitude_written = (m.group("magnitude") or "") if shape == "a" else ""
    # the unit column keeps magnitude and unit together (亿元) as the text has them
    unit_written = magnitude_written + m.group("unit")
    value_base = value * _MAGNITUDES.get(magnitude_written, 1.0) * unit.factor
    sentence_start = _sentence_start(text, m.start())
    if shape == "a":
        head = m.start("before") if m.group("before") else m.start("change") if m.group("change") else m.start("number")
        clause = _clause_start(text, head, sentence_start)
        ind_start, ind_end = _strip_indicator(text, clause, head)
        end = m.end()
        action = None
    else:
        ind_start, ind_end = m.start("object"), m.end("object")
        clause = _clause_start(text, m.start(), sentence_start)
        end = m.end()
        action = m.group("action")
    # hedge and period: in the clause, else in an earlier clause of the sentence
    hedge = None
    period: tuple[str, int | None, int | None] | None = None
    for scope in (text[clause:end], text[sentence_start:clause]):
        if hedge is None:
            hm = re.search("|".join(HEDGES), scope)
            hedge = hm.group(0) if hm else None
        if period is None:
            pm = _PERIOD.search(scope)
            period = _period(pm, year) if pm else None
    comparator_written = (
        m.group("after") if shape == "a" and m.group("after") else (m.group("before") if shape == "a" else None)
    )
    return Target(
        start=min(clause, ind_start),
        end=end,
        indicator=text[ind_start:ind_end],
        indicator_start=ind_start,
        indicator_end=ind_end,
        number=m.group("number"),
        number_start=m.start("number"),
        value=value,
        unit=unit_written,
        value_base=value_base,
        base_unit=unit.base,
        comparator=COMPARATORS[comparator_written] if comparator_written else None,
        comparator_written=comparator_written,
        change=CHANGES[m.group("change")] if shape == "a" and m.group("change") else None,
        change_written=m.group("change") if shape == "a" else None,
        action=action,
        hedge=hedge,
        period=period[0] if period else None,
        period_start_year=period[1] if period else None,
        period_end_year=period[2] if period else None,
    )

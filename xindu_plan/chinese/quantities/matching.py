"""A number matched in a text with what is written on it, before its clause is read.

:func:`_skip_number` leaves out ordinals, model and product names, financial
numerals that are words and numbers inside quotation marks; :func:`_match` reads
the number at a match with its magnitude, its unit, a range (``6.5%－7%``) and the
comparator after it, and the words before it read backwards (comparator, change,
adverbs, marker), into a :class:`_Raw`; it drops durations and ages named in words,
ordinals of meetings, articles (``一个``) and years.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from xindu_plan.base.errors import NumberError
from xindu_plan.base.resources import lexicon
from xindu_plan.chinese.quantities.numbers import (
    _APPROXIMATE,
    _CAPITALS,
    _CN_ALL,
    _MAGNITUDE,
    _MAGNITUDES,
    _NUMBER,
    _ROUND,
    parse_number,
)
from xindu_plan.chinese.quantities.units import _NOT_UNITS, _UNIT, UNITS
from xindu_plan.chinese.quantities.words import _ADVERBS, _AFTER, _BEFORE, _MARKERS, CHANGES, _suffix

__all__: list[str] = []


_RANGE = "-－—–~～至到"


_MEETINGS = ("全会", "会议", "全体", "中央", "全国", "人大", "代表", "党代会", "委员", "历次")


_AFTER_RE = re.compile("|".join(_AFTER))


_BACK_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("comparator", _BEFORE),
    ("change", tuple(sorted(CHANGES, key=len, reverse=True))),
    ("adverb", tuple(sorted(_ADVERBS, key=len, reverse=True))),
    ("marker", tuple(sorted(_MARKERS, key=len, reverse=True))),
)


@dataclass(slots=True)
class _Raw:
    """A quantity as matched, before its clause is read."""

    head: int  # where the words before the number begin
    number_start: int
    number_end: int
    end: int
    number: str
    value: float | None
    low: float | None
    high: float | None
    unit: str
    magnitude: float
    unit_word: str
    comparator_written: str | None
    change_written: str | None
    marker: str | None
    adverbs: tuple[str, ...]


@functools.cache
def _formulas() -> re.Pattern[str]:
    """The numbered formulae of ``lexicon/numbered_formulas.csv`` (八项规定, 两个大局), longest first, each
    not before the words its ``not_before`` lists (三个代表团, 两个市场主体: there the numeral counts)."""
    rows = sorted(lexicon("numbered_formulas.csv"), key=lambda row: len(row["formula"]), reverse=True)
    return re.compile(
        "|".join(
            re.escape(row["formula"])
            + (f"(?!{'|'.join(map(re.escape, row['not_before'].split('|')))})" if row["not_before"] else "")
            for row in rows
        )
    )


def _formula_spans(shadow: str) -> list[tuple[int, int]]:
    """The spans of the numbered formulae in ``shadow``: a numeral in one names, it does not count."""
    return [(f.start(), f.end()) for f in _formulas().finditer(shadow)]


def _skip_number(
    shadow: str, m: re.Match[str], quoted: list[tuple[int, int]], formulas: Sequence[tuple[int, int]] = ()
) -> bool:
    s, e = m.start(), m.end()
    if any(a <= s < b for a, b in formulas):
        return True  # 八项规定精神, 两个大局: a numeral inside a name
    before = shadow[s - 1] if s else ""
    after = shadow[e] if e < len(shadow) else ""
    if (
        before == "第"
        or (before.isascii() and before.isalnum())
        or (before != "" and before in ".．")
        or (after.isascii() and after.isalpha())
    ):
        return True  # an ordinal, a model or product name (PM2.5, 5G, C919)
    if e - s == 1 and m.group("num") in _CAPITALS:
        return True  # 陆港, 队伍: a word, not a financial numeral
    return any(a < s < b for a, b in quoted)


def _match(shadow: str, m: re.Match[str]) -> _Raw | None:
    """Read the number at ``m`` with its magnitude, unit, range and comparators."""
    num = m.group("num")
    pct = m.group("pct")
    pos = m.end()
    before = shadow[m.start() - 1] if m.start() else ""
    approximate = num in ("", *_ROUND) and not pct
    if approximate and num == "" and shadow[pos : pos + 1] in "十百千":
        num, pos = shadow[pos], pos + 1
    chinese = not num[:1].isdigit()
    mag_m = _MAGNITUDE.match(shadow, pos)
    more = None
    magnitude_written = ""
    if mag_m and mag_m.end() > pos:
        magnitude_written = mag_m.group("mag") or ""
        more = mag_m.group("more") or mag_m.group("more2")
        pos = mag_m.end()
    if not chinese and shadow[pos : pos + 1] == " " and _UNIT.match(shadow, pos + 1):
        pos += 1  # 1 1 ％: old typesetting spaces the unit too
    unit_m = _UNIT.match(shadow, pos)
    if unit_m and shadow[unit_m.start() : unit_m.end() + 1] in _NOT_UNITS:
        unit_m = None  # 家庭, 条件, 场景: a word, not a classifier
    unit_word = unit_m.group(0) if unit_m else ""
    after_approximation = before != "" and before in _APPROXIMATE
    if approximate and (not (magnitude_written or unit_word) or (not after_approximation and not unit_m)):
        return None  # 千万 (by all means), 百亿阶梯: an order of magnitude is a number only so placed
    if pct:
        unit_word = "%" if pct == "百分之" else "‰"
    elif unit_m:
        pos = unit_m.end()
    if num == "零":
        return None  # 零部件, 零售, 零容忍: 零 alone is a word, not the number zero
    try:
        value = _ROUND.get(num, 1.0) if approximate else parse_number(num)
    except NumberError:
        return None
    if unit_word == "成" and (not chinese or value > 10 or shadow[pos : pos + 1] in "都渝德为果效功本长员交立"):
        return None
    if unit_word in ("年", "度") and (
        chinese or magnitude_written or value >= 100 or shadow[pos : pos + 1] in "代级度前后底末初轻龄份"
    ):
        return None  # 五年, 三年行动, 一度: a duration named in words, not a measured quantity
    if unit_word == "年" and shadow.startswith(("间", "内", "期"), pos):
        return None  # 5年间, 3年内: a span of time the figures around it fall in; 5年期: a term's name
    if unit_word in ("届", "次", "期") and (shadow[pos : pos + 1] in _CN_ALL or shadow.startswith(_MEETINGS, pos)):
        return None  # 十三届八次全会: the ordinal of a meeting
    counted = UNITS[unit_word].base == "count" if unit_word in UNITS else False
    if chinese and value == 1 and counted and not re.search("[十百千万亿]", num) and not _AFTER_RE.match(shadow, pos):
        return None  # 一个, 一批: an article, not a count
    if num.isdigit() and len(num) == 4 and 1900 <= value <= 2100 and not magnitude_written and unit_word in ("", "年"):
        return None
    low = high = None
    # A range: 6.5%－7%, 6%至6.5%, 5—5.5%.
    if pos < len(shadow) and shadow[pos] in _RANGE:
        second = _NUMBER.match(shadow, pos + 1)
        if second and not second.group("pct") and second.group("num")[0].isdigit() == (not chinese):
            p2 = second.end()
            mag2 = _MAGNITUDE.match(shadow, p2)
            mag2_written = mag2.group("mag") if mag2 and mag2.group("mag") else ""
            p2 = mag2.end() if mag2 else p2
            unit2 = _UNIT.match(shadow, p2)
            unit2_word = unit2.group(0) if unit2 else ""
            same_unit = unit2_word == unit_word or (not unit_word and unit2_word)
            if same_unit and (mag2_written == magnitude_written or not magnitude_written):
                try:
                    low, high = value, parse_number(second.group("num"))
                except NumberError:
                    low = high = None
                if low is not None and high is not None and low < high:
                    unit_word = unit_word or unit2_word
                    magnitude_written = magnitude_written or mag2_written
                    pos = unit2.end() if unit2 else p2
                else:
                    low = high = None
    if not unit_word and (not magnitude_written or (chinese and value < 1)):
        return None  # a bare number counts only with a magnitude (551万农村贫困人口, 1亿农业转移人口)
    if chinese and shadow[pos : pos + 1].isdigit():
        return None  # 六类500强: a numeral inside a name
    after_m = _AFTER_RE.match(shadow, pos)
    comparator_written = after_m.group(0) if after_m else None
    if after_m:
        pos = after_m.end()
    if comparator_written is None and more:
        comparator_written = more
    # Words before the number, read backwards: comparator, change, adverbs, marker.
    head = m.start()
    found: dict[str, str] = {}
    adverbs: list[str] = []
    floor = max(0, head - 16)
    while True:
        for kind, words in _BACK_WORDS:
            word = _suffix(shadow, head, floor, words)
            if word is not None and (kind == "adverb" or kind not in found):
                break
        else:
            break
        if kind == "adverb":
            adverbs.append(word)
        else:
            found[kind] = word
        head -= len(word)
    if comparator_written is None and "comparator" in found:
        comparator_written = found["comparator"]
    number_end = m.end()
    several = False
    if approximate:
        number_end = max(m.end(), m.start() + len(num) + len(magnitude_written))
        if head == m.start() and before != "" and before in "上过数几":
            head -= 1  # 上亿, 过千亿, 数亿: the word is part of the number's meaning
            if before in "上过":
                comparator_written = comparator_written or before
            else:
                several = True  # several: no figure
    if low is not None:
        comparator_written = comparator_written or None
    unit_written = magnitude_written + unit_word
    return _Raw(
        head=head,
        number_start=m.start(),
        number_end=number_end,
        end=pos,
        number=shadow[m.start() : number_end],
        value=None if low is not None or several else value,
        low=low,
        high=high,
        unit=unit_written if not pct else unit_word,
        magnitude=_MAGNITUDES.get(magnitude_written, 1.0),
        unit_word=unit_word,
        comparator_written=comparator_written,
        change_written=found.get("change"),
        marker=found.get("marker"),
        adverbs=tuple(adverbs),
    )

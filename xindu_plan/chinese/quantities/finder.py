"""The finder: :func:`find_quantities`, one pass over a text.

It reads a shadow of the text with full-width digits and ASCII punctuation made
plain, matches every number (:mod:`xindu_plan.chinese.quantities.matching`), then
reads each in its clause (:func:`_read`): the indicator, the hedge and period of
the clause, its sentence or a governing clause (``预期目标是：``), the change, the
kind and the values in the base unit; the items of a list share the unit written
after the last (:func:`_shared_unit`) and a ``分别`` list gives each value its own
indicator (:func:`_split_respectively`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from xindu_plan.chinese.quantities.indicators import _counts_people, _indicator
from xindu_plan.chinese.quantities.kinds import _FISCAL, _INTENT, _PART_OF_YEAR, _describes, _kind, _period
from xindu_plan.chinese.quantities.matching import _formula_spans, _match, _Raw, _skip_number
from xindu_plan.chinese.quantities.numbers import _FULLWIDTH, _HAS_FULLWIDTH, _NUMBER
from xindu_plan.chinese.quantities.records import Frame, Quantity
from xindu_plan.chinese.quantities.units import UNITS, split_unit
from xindu_plan.chinese.quantities.words import (
    _NOMINAL_CHANGES,
    CHANGES,
    COMPARATORS,
    HEDGES,
    _clause_end,
    _clause_start,
    _sentence_end,
    _sentence_start,
)

__all__ = ["find_quantities"]


#: ASCII punctuation of a clause, except a comma or colon between digits (1,100; 10:30).
_ASCII_BREAK = re.compile(r"(?<!\d)[,:]|[,:](?!\d)|[;!?]")
_ASCII_MARKS = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}


_QUOTE = re.compile(r"“[^“”\n]*”")
#: A number naming the goal of a programme (千亿斤粮食产能提升行动): the measure, a change word, the programme.
_PROGRAMME = re.compile(
    r"(?P<what>(?:(?!支持|用于|实施|安排|推动|开展)[\u4e00-\u9fff]){2,8}?)(?:提升|提高|增加|增产|扩大)(?:行动|工程|计划)"
)
#: A verb of disposal after the amount (将新增1000亿元资金全部下达地方): 将 was 把, nothing is foretold.
_DISPOSAL = re.compile(r"下达|纳入|用于|列入|作为|安排|分配|拨付|投向")
#: An indicator that counts people (参保人数, 脱贫人口务工规模).
_PEOPLE_MEASURE = re.compile(r"人数$|人口$|人口[\u4e00-\u9fff]{0,4}规模$")
#: 将 as "will", before the verb of what is to come (将新增, 将于, 也将投入使用); not 将 as 把 (将…纳入).
_FUTURE = re.compile(
    r"将(?:于|会|要|在)?(?:再|继续)?(?:新建|新增|增加|达到|建成|投入|投用|实现|形成|带动|突破|提升|提高|完成|竣工)"
)


def find_quantities(
    text: str, year: int | None = None, frame: Frame | None = None, *, start: int = 0, end: int | None = None
) -> list[Quantity]:
    """Find every quantity of ``text[start:end]`` (spans are of ``text``).

    Args:
        text: a restored, cleaned text.
        year: the year the document is about (全年 / 今年 refer to it).
        frame: what the part of the document being read is (its role and years);
            default: nothing known, the clause's own words decide.
        start, end: the part of ``text`` to read (a paragraph); clauses and lists do
            not reach outside it. In a text of no known part (``frame`` of role ``""``), the
            last past span of years named in the 2,000 characters before ``start`` (从2016年…到2021年) is what an
            average or a change over years in the part refers to, when the part names none.

    Returns:
        The quantities in text order.

    >>> qs = find_quantities("单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。", 2021, Frame("plan", 2021, 2025))
    >>> [(q.indicator, q.value, q.change, q.kind) for q in qs]
    [('单位国内生产总值能耗', 13.5, 'decrease', 'plan_target'), ('二氧化碳排放', 18.0, 'decrease', 'plan_target')]
    """
    frame = frame or Frame()
    end = len(text) if end is None else end
    if start or end != len(text):
        # read the part on its own and shift the spans back: no work grows with the whole text; a text of
        # no known part lends the part the last past span of years it names before it (a news item's
        # 从2016年…到2021年, paragraphs before its 年均增速保持在7.5%以上)
        context = _last_span(text, start, year, max(0, start - _LOOKBACK)) if frame.role == "" and start else None
        return [_shift(q, start) for q in _find(text[start:end], year, frame, context)]
    return _find(text, year, frame, None)


def _find(text: str, year: int | None, frame: Frame, context: tuple[str, int, int] | None) -> list[Quantity]:
    shadow = text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text
    if _ASCII_BREAK.search(shadow):
        # web copies punctuate Chinese with ASCII marks (877.9亿元,冲过900亿元): clause breaks all the same
        shadow = _ASCII_BREAK.sub(lambda m: _ASCII_MARKS[m.group(0)], shadow)
    quoted = [(m.start(), m.end()) for m in _QUOTE.finditer(shadow)]
    formulas = _formula_spans(shadow)
    raws: list[_Raw] = []
    for m in _NUMBER.finditer(shadow):
        if _skip_number(shadow, m, quoted, formulas):
            continue
        if raws and m.start() < raws[-1].end:
            continue
        raw = _match(shadow, m)
        if raw is not None:
            raws.append(raw)
    return list(_read(text, shadow, raws, year, frame, 0, context))


def _shift(q: Quantity, by: int) -> Quantity:
    return replace(
        q,
        start=q.start + by,
        end=q.end + by,
        indicator_start=q.indicator_start + by,
        indicator_end=q.indicator_end + by,
        number_start=q.number_start + by,
        number_end=q.number_end + by,
    )


#: How far before a part a span of years lent to it may be named (characters): the work per part stays
#: bounded whatever the length of the text.
_LOOKBACK = 2000
_SPAN = re.compile(r"(?P<a>(?:19|20)\d\d)年?[^。\n]{0,30}?(?:到|至|—|－|-|~|–)(?P<b>(?:19|20)\d\d)年")


def _last_span(text: str, pos: int, year: int | None, lo: int | None = None) -> tuple[str, int, int] | None:
    """The last past span of years written before ``pos`` (from ``lo``, by default the start of its
    paragraph: 从2016年…到2021年), as a period."""
    lo = text.rfind("\n", 0, pos) + 1 if lo is None else lo
    spans = [m for m in _SPAN.finditer(text, lo, pos) if int(m.group("a")) < int(m.group("b"))]
    if not spans or (year is not None and int(spans[-1].group("b")) >= year):
        return None
    m = spans[-1]
    return m.group(0), int(m.group("a")), int(m.group("b"))


#: A change to a new level right after a figure (…71.7%提升至79.1%).
_TO_LEVEL_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:提升|提高|增加|上升|增长|下降|降低|减少|扩大|缩小)(?:至|到)")
#: Words of a span of years passed (5年间, 五年来): a change told with them is over a span named before.
_YEARS_PASSED = re.compile(r"(?:\d|[一二三四五六七八九两])年(?:间|来)")
#: A time of the sentence's own (上半年, 今年, 去年同期, 十年来, “十四五”以来): no span is lent to it.
_OWN_TIME = re.compile(rf"{_PART_OF_YEAR.pattern}|今年|去年|同期|以来|十年|十[一二三四五]五|年底|年末")
#: A year that is a clause of its own in a full sentence (…，2021年，实现生产总值288.7亿元…); not a year
#: inside a name (举办2019年世界园艺博览会).
_OPENING_YEAR = re.compile(r"(?:19|20)\d\d年[，,]")
#: A comparison's base year (较2016年增长60%; not 比2019年同期: this year's period, compared).
_BASE_YEAR = re.compile(r"(?:较|比|与|同)(?P<y>(?:19|20)\d\d)年(?!同期)")


def _inferred(
    shadow: str,
    raw: _Raw,
    sentence_start: int,
    clause: str,
    sentence: str,
    year: int | None,
    context: tuple[str, int, int] | None,
) -> tuple[str, int | None, int | None] | None:
    """The years a figure of a text of no known part that states none refers to, from the span of years
    named before it (in its paragraph, else ``context``) or the base it is compared with; None if neither."""
    local = _last_span(shadow, raw.head, year)
    # a figure with a time of its own (上半年, 今年, 十年来) is lent no span: neither from before its paragraph
    # nor, for the ends of a change, from its paragraph
    # (and a figure said to be sought, 今后五年…年均增长7%以上, takes no span at all)
    own_time = _OWN_TIME.search(shadow, sentence_start, raw.end) is not None
    sought = _INTENT.search(sentence) is not None
    ends = None if own_time or sought else local or context
    if ends is not None:
        # 城镇化率由71.7%提升至79.1%: the level the span began at, and the level it reached
        if shadow[raw.head - 1 : raw.head] in ("由", "从") and _TO_LEVEL_AFTER.match(shadow, raw.end):
            return ends[0], ends[1], ends[1]
        if (raw.change_written or "").endswith(("至", "到")) and re.search("[由从]", shadow[sentence_start : raw.head]):
            return ends[0], ends[2], ends[2]
    over = None if sought else local or (None if own_time else context)
    if over is not None and ("年均" in clause or _YEARS_PASSED.search(shadow, sentence_start, raw.head)):
        return over  # 地区生产总值年均增速保持在7.5%以上, 5年间…上了近4个百亿台阶: an average or a change over the span
    since = _BASE_YEAR.search(shadow, sentence_start, raw.head)
    if since is not None and year is not None:
        # 重点头部企业产值较2016年增长60%以上: a change since the base year, to the last year past
        first = int(since.group("y"))
        last = context[2] if context is not None and context[1] == first else year - 1
        if first < last:
            return since.group(0), first, last
    return None


def _full_sentence_start(text: str, pos: int) -> int:
    """Where the sentence ending in 。, ！ or ？ that holds ``text[pos]`` starts (semicolons do not end it)."""
    found = [text.rfind(mark, 0, pos) for mark in "。！？\n"]
    return max(found) + 1


def _governing(text: str, start: int, pos: int) -> tuple[int, int] | None:
    """The span of a governing clause ending in ``：`` before ``pos`` in the paragraph (预期目标是：)."""
    colon = text.rfind("：", start, pos)
    if colon < 0:
        return None
    head = _sentence_start(text, colon)
    return max(head, start), colon


def _read(
    text: str,
    shadow: str,
    raws: list[_Raw],
    year: int | None,
    frame: Frame,
    floor: int,
    context: tuple[str, int, int] | None = None,
) -> Iterator[Quantity]:
    previous_end = floor
    named: tuple[str, int | None, int | None] | None = None  # a past period written last, in a text of no known part
    group: list[Quantity] = []
    for i, raw in enumerate(raws):
        sentence_start = max(_sentence_start(shadow, raw.head), floor)
        clause = max(
            _clause_start(shadow, raw.head, sentence_start), previous_end if previous_end > sentence_start else 0
        )
        # A list item right after another quantity (、18%) continues it.
        between = shadow[raws[i - 1].end : raw.head] if i and raws[i - 1].end <= raw.head else None
        continues = bool(
            between in ("、", "和", "，", "及")
            # after a comma, a number with words of its own before it starts anew (从877.9亿元，冲过900亿元,
            # 超900亿元); the 上 or 数 of 上亿, 数亿 is part of the number
            and (
                between != "，"
                or raw.head == raw.number_start
                or (raw.number_start - raw.head == 1 and shadow[raw.head] in "上数几")
            )
            and group
            and group[-1].end == raws[i - 1].end
        )
        # the quantity just before, when only a comma or a list mark stands between (GDP达到114万亿元，增长8.1%)
        prev = group[-1] if group and shadow[previous_end:clause] in ("", "，", "、", "；") else None
        ind_start, ind_end, action = _indicator(shadow, clause, raw, prev)
        indicator = shadow[ind_start:ind_end]
        sentence_end = _sentence_end(shadow, raw.end)
        sentence = shadow[sentence_start:sentence_end]
        clause_text = shadow[clause : raw.end]
        hedge = period = None
        scopes = [(clause, raw.end), (sentence_start, clause)]
        gov = _governing(shadow, floor, sentence_start + 1)
        if gov is not None:
            scopes.append(gov)
        if frame.role == "review":
            # in a review, a year standing as a clause of the full sentence governs the items after its semicolons
            # (2021年，实现生产总值288.7亿元…；规模以上工业增加值114.9亿元…)
            opening = max(_full_sentence_start(shadow, sentence_start), floor)
            opened = [m for m in _OPENING_YEAR.finditer(shadow, opening, sentence_start)]
            if opened:
                scopes.append((opened[-1].start(), opened[-1].end()))
        for a, b in scopes:
            if hedge is None:
                hm = re.search("|".join(HEDGES), shadow[a:b])
                hedge = hm.group(0) if hm else None
            if period is None:
                period = _period(shadow, a, b, year, frame)
        if frame.role == "":
            # in a text of no known part, a figure stating no time of its own shares the past period named
            # last in its paragraph (2021年…全年地区生产总值达910.6亿元…；规上工业增加值达485.1亿元): the
            # results of a year told in a later text
            written = period
            if period is None:
                period = _inferred(shadow, raw, sentence_start, indicator + clause_text, sentence, year, context)
            if period is not None and written is None:
                pass  # inferred, not written: no later figure shares it
            elif (
                period is None and named is None and prev is not None and prev.kind == "result" and prev.ref_start_year
            ):
                # 全年完成地区生产总值295.4亿元，比上年增长7.7%: the change is of the level before it
                period = (prev.period or "", prev.ref_start_year, prev.ref_end_year)
            elif period is None:
                period = named
            else:
                # (a comparison's base, 较2016年, is no period: _period passes over it)
                past = year is not None and period[2] is not None and period[2] < year
                named = period if past else None
        comparator_written = raw.comparator_written
        change_written = raw.change_written
        if change_written is None:
            change_written = next((w for w in _NOMINAL_CHANGES if indicator.endswith(w)), None)
        if continues:
            change_written = change_written or group[-1].change_written
        kind, ref_start, ref_end = _kind(
            frame, indicator + clause_text, sentence, raw, hedge, period, year, action, shadow[sentence_start : raw.end]
        )
        if kind in ("result", "target") and _describes(shadow, clause, raw, hedge):
            kind = "other"
        programme = _PROGRAMME.match(shadow, raw.end)
        counted = raw.unit_word in UNITS and UNITS[raw.unit_word].base == "count"
        if programme is not None and not counted and not _FISCAL.search(shadow, sentence_start, raw.end):
            # 实施新一轮千亿斤粮食产能提升行动: the goal a named programme sets, over years it does not state
            kind, ref_start, ref_end = "plan_target", None, None
            ind_start, ind_end, action = programme.start("what"), programme.end("what"), None
        elif (
            frame.role == ""
            and (kind == "other" or (kind == "result" and ref_start is None))
            and _FUTURE.search(shadow, clause, clause_end := _clause_end(shadow, raw.end))
            and not _DISPOSAL.search(shadow, raw.end, clause_end)
        ):
            # 建成后将新增学位2.2万余个; 今年9月，3所学校也将投入使用: what a text of no known part says will be
            if period is None:
                kind, ref_start, ref_end = "plan_target", None, None
            elif year is not None and period[1] == period[2] == year:
                kind = "target"
        if continues and group:
            kind, ref_start, ref_end = group[-1].kind, group[-1].ref_start_year, group[-1].ref_end_year
        unit = UNITS.get(raw.unit_word)
        if (
            unit is None
            and not raw.unit_word
            and (_counts_people(shadow, raw.end) or _PEOPLE_MEASURE.search(indicator))
        ):
            # 3700多万学生, 参保人数增加1.4亿, 脱贫人口务工规模超过3300万: a count of people, its unit unwritten
            unit = UNITS["人"]
        factor = raw.magnitude * (unit.factor if unit else 1.0)

        def base(v: float | None, f: float = factor) -> float | None:
            return None if v is None else v * f

        q = Quantity(
            start=min(clause, ind_start),
            end=max(raw.end, ind_end),
            indicator=text[ind_start:ind_end],
            indicator_start=ind_start,
            indicator_end=ind_end,
            number=text[raw.number_start : raw.number_end],
            number_start=raw.number_start,
            number_end=raw.number_end,
            value=raw.value,
            low=raw.low,
            high=raw.high,
            unit=raw.unit,
            value_base=base(raw.value),
            low_base=base(raw.low),
            high_base=base(raw.high),
            base_unit=unit.base if unit else None,
            comparator="range" if raw.low is not None else COMPARATORS.get(comparator_written or ""),
            comparator_written=comparator_written,
            change=CHANGES.get(change_written or "") or _NOMINAL_CHANGES.get(change_written or ""),
            change_written=change_written,
            marker=raw.marker,
            action=action,
            hedge=hedge,
            period=period[0] if period else None,
            period_start_year=period[1] if period else None,
            period_end_year=period[2] if period else None,
            kind=kind,
            ref_start_year=ref_start,
            ref_end_year=ref_end,
        )
        if continues:
            group.append(q)
        else:
            _emit = _split_respectively(shadow, text, group)
            yield from _emit
            group = [q]
        previous_end = raw.end
    yield from _split_respectively(shadow, text, group)


def _shared_unit(group: list[Quantity]) -> list[Quantity]:
    """Give the items of a list the unit written after its last one (10.6万、3.8万、3.3万平方公里)."""
    word = split_unit(group[-1].unit)[1]
    unit = UNITS.get(word)
    if unit is None or not word:
        return group
    out = []
    for q in group:
        mag, own = split_unit(q.unit)
        if own or not q.unit or q.base_unit is not None:
            out.append(q)
            continue
        f = mag * unit.factor

        def base(v: float | None, f: float = f) -> float | None:
            return None if v is None else v * f

        out.append(
            replace(
                q,
                unit=q.unit + word,
                base_unit=unit.base,
                value_base=base(q.value),
                low_base=base(q.low),
                high_base=base(q.high),
            )
        )
    return out


def _split_respectively(shadow: str, text: str, group: list[Quantity]) -> list[Quantity]:
    """Give each value of a 分别 list (…和…分别降低13.5%、18%) its own indicator, and each its unit."""
    if len(group) < 2:
        return group
    group = _shared_unit(group)
    first = group[0]
    between = shadow[first.indicator_end : first.number_start]
    if "分别" not in between and "分别" not in shadow[first.start : first.number_start]:
        return group
    parts = [
        (m.start(), m.end()) for m in re.finditer(r"[^、和及与]+", shadow[first.indicator_start : first.indicator_end])
    ]
    if len(parts) != len(group):
        return group
    out = []
    for q, (a, b) in zip(group, parts, strict=True):
        s, e = first.indicator_start + a, first.indicator_start + b
        out.append(replace(q, indicator=text[s:e], indicator_start=s, indicator_end=e))
    return out

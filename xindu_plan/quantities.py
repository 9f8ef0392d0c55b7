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

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from .errors import NumberError

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
#: definition of the market jin), metre, square metre, kWh, kW, year, day.
UNITS: dict[str, Unit] = _units()

_MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}

#: Comparator words, as written → meaning. ``range`` is a quantity with two ends.
COMPARATORS: dict[str, str] = {
    "以上": "at_least",
    "之上": "at_least",
    "不低于": "at_least",
    "不少于": "at_least",
    "以下": "at_most",
    "以内": "at_most",
    "不超过": "at_most",
    "不高于": "at_most",
    "左右": "about",
    "上下": "about",
    "约": "about",
    "大约": "about",
    "近": "about",
    "接近": "about",
    "将近": "about",
    "超过": "more_than",
    "高于": "more_than",
    "突破": "more_than",
    "多": "more_than",
    "余": "more_than",
    "超": "more_than",
    "逾": "more_than",
    "上": "at_least",
    "过": "more_than",
    "低于": "less_than",
    "不到": "less_than",
    "不足": "less_than",
}
_AFTER = ("以上", "之上", "以下", "以内", "左右", "上下")
#: Comparators in which a goal is set (以上, 以内, 左右, 不低于 …); the rest (超过, 近, 约, 多, 上亿 …)
#: describe a fact more often than they promise one (今年高校毕业生超过1000万人).
_GOAL_COMPARATORS = frozenset([*_AFTER, "不低于", "不少于", "不超过", "不高于", "低于"])
_BEFORE = tuple(
    sorted((w for w in COMPARATORS if w not in _AFTER and w not in ("多", "余", "上", "过")), key=len, reverse=True)
)

#: Change words before a number → direction (``提高到`` states the level reached).
CHANGES: dict[str, str] = {
    **dict.fromkeys(
        [
            "增长",
            "增加",
            "提高",
            "提升",
            "上涨",
            "上升",
            "增长到",
            "增加到",
            "提高到",
            "提升到",
            "上升到",
            "增至",
            "增产",
        ],
        "increase",
    ),
    **dict.fromkeys(["提高至", "提升至", "增加至", "增长至", "扩大到", "扩大至", "扩大"], "increase"),
    **dict.fromkeys(
        [
            "下降",
            "降低",
            "减少",
            "压减",
            "压降",
            "下调",
            "降到",
            "降至",
            "下降到",
            "降低到",
            "减少到",
            "减至",
            "压缩到",
        ],
        "decrease",
    ),
    **dict.fromkeys(["压缩至", "缩短到", "缩短至", "缩减到", "缩减至", "降", "减产"], "decrease"),
}
#: Nouns of change that stay in the indicator (居民消费价格涨幅) but give the direction.
_NOMINAL_CHANGES = {"涨幅": "increase", "增幅": "increase", "增速": "increase", "降幅": "decrease"}

#: Hedge and commitment words → English.
HEDGES: dict[str, str] = {
    "力争": "strive to",
    "争取": "strive to",
    "努力": "endeavour to",
    "确保": "ensure",
    "预期": "expected",
}

#: Kinds of quantity, in the order :func:`find_quantities` considers them.
KINDS: dict[str, str] = {
    "target": "a goal for the year the document sets out (its 主要预期目标 and other goals of the year)",
    "result": "an outcome already reached: last year's results, or a past period's",
    "plan_target": "a goal for a multi-year plan period (to 2025, to 2035)",
    "other": "another amount: budgets, allocations, deficits, bond quotas, forecasts, counts in descriptions",
}

# Words that may stand between the change or comparator and the number, or before them.
_ADVERBS = ("分别", "均", "再", "了", "都", "也", "共", "累计", "年均", "平均", "同比", "总计", "合计", "为")
#: Verbs that mark a quantity without comparing it (kept as ``marker``).
_MARKERS = (
    "保持在",
    "控制在",
    "稳定在",
    "拟安排",
    "安排",
    "达到",
    "达",
    "实现",
    "完成",
    "发行",
    "下达",
    "新增",
    "拟按",
    "按",
    "设定为",
)
_ACTIONS = ("新建", "建成", "建设", "改造", "开工", "培育", "创建", "打造", "引进", "新开")
_LEADING = (
    *HEDGES,
    "其中",
    "同时",
    "并且",
    "并",
    "还",
    "将",
    "要",
    "使",
    "让",
    "把",
    "对",
    "我国",
    "年均",
    "全年",
    "今年",
    "当年",
    "去年",
    "年末",
    "年底",
    "去年底",
    "去年末",
    "上年末",
    "年初",
    "实现",
    "完成",
    "达到",
    "加快",
    "积极",
    *(f"{place}{verb}" for place in ("全国", "全省", "全市", "全区", "全县") for verb in ("实现", "完成")),
    "实施",
    "带动",
    "投放",
    "发放",
    "设立",
    "建立",
    "推动",
    "支持",
    "开展",
    "落实",
    "启动",
    "预计",
    "多年累计",
    "累计",
    "新设",
    "已设",
    "已",
    "首批",
    "过去五年",
    "过去一年",
    "五年来",
    "十年来",
    "五年",
    "十年",
    "连续举办",
    "共",
    "向",
    "继续",
    "持续",
    "进一步",
    "拟安排",
    "安排",
    "拟",
    "主要预期目标是",
    "预期目标是",
    "目标是",
    "是",
)
_TRAILING = (
    "保持在",
    "控制在",
    "稳定在",
    "拟安排",
    "安排",
    "拟按",
    "拟",
    "按",
    "为",
    "在",
    "达到",
    "达",
    "实现",
    "设定为",
    "实际",
    "连年",
    "多年",
    "五年",
    "十年",
    "比上年",
    "比去年",
    "较上年",
    "同比",
    "全年",
    "今年",
    "当年",
    "年末",
    "年底",
    "一次性",
    "用于",
    "分别",
    "均",
    "再",
    "累计",
    "年均",
    "平均",
    "共",
    "都",
    "了",
    "从",
    "由",
    "已",
    "已经",
    "每年",
    "净",
)
#: Words an indicator never is on its own.
_JUNK = frozenset(
    [
        *(
            "",
            "在",
            "为",
            "用于",
            "比上年",
            "一次性",
            "其中",
            "同时",
            "并",
            "全年",
            "今年",
            "达到",
            "实现",
            "完成",
            "共",
        ),
        *("五年", "十年", "多年", "每年", "年均", "当年", "去年", "近年"),
    ]
)
_RANGE = "-－—–~～至到"
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
_MEETINGS = ("全会", "会议", "全体", "中央", "全国", "人大", "代表", "党代会", "委员", "历次")
_CN_DIGIT = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖貳參陸"
_CAPITALS = frozenset("壹贰叁肆伍陆柒捌玖貳參陸拾佰仟")
_CN_ALL = _CN_DIGIT + "十百千万亿拾佰仟萬億"
#: Words (their last character) before an order of magnitude that stands alone as a number:
#: 上 (up to, at least), 数/几 (several), 近/接近, 超过/过, 逾.
_APPROXIMATE = "上数几近过逾"
_ROUND = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 1.0e4}
_NUMBER = re.compile(
    r"(?P<pct>百分之|千分之)?(?P<num>"
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,100
    r"|\d+(?:[ \u00a0\u3000]\d+)*(?:\.\d+)?"  # 1100, 7 4 7 7 2 (spaced digits)
    rf"|[{_CN_DIGIT}十拾][{_CN_ALL}]*(?:点[{_CN_DIGIT}]+)?"
    # an order of magnitude alone: 上亿, 数亿, 近千万, 超过万亿元, 过千亿元 (after a word of approximation),
    # 千亿斤, 万亿元 (with a unit)
    rf"|(?<=[{_APPROXIMATE}])(?=[十百千万亿])|[千百万](?=亿)"
    r")"
)
_RMB = re.compile(rf"(?:([{_CN_ALL}]+)元)?(?:零?([{_CN_DIGIT}])角)?(?:零?([{_CN_DIGIT}])分)?整?")
_MAGNITUDE = re.compile(r"(?P<more>多|余)?(?P<mag>万亿|亿|千万|百万|万|千)?(?P<more2>多|余)?")
_UNIT = re.compile("|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True)))
_AFTER_RE = re.compile("|".join(_AFTER))
_CLAUSE_BREAK = "，。；：！？\n"
#: ASCII punctuation of a clause, except a comma or colon between digits (1,100; 10:30).
_ASCII_BREAK = re.compile(r"(?<!\d)[,:]|[,:](?!\d)|[;!?]")
_ASCII_MARKS = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？"}
_SENTENCE_BREAK = "。！？；\n"
_QUOTE = re.compile(r"“[^“”\n]*”")
_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": ".", "，": "，"})
_HAS_FULLWIDTH = re.compile("[\uff10-\uff19％．]")
_YEAR = re.compile(r"(?:到|至)?(?P<y>(?:19|20)\d\d)年(?:底|末)?")
_PLAN_PERIOD = re.compile(r"“?(?P<n>[一二三四五六七八九十]+)五”?(?:规划)?(?:时期|期间|末|期末)?")
_FULL_YEAR = re.compile(r"全年|今年|当年|年末|年底")
#: Words of money arranged rather than outcomes sought: budgets, allocations, deficits, bonds, tax parameters.
#: (Revenue, such as 一般公共预算收入, is an outcome: 预算 followed by 收入 is not a cue.)
_FISCAL = re.compile(
    r"赤字|国债|债券|专项债|转移支付|资金|拨付|补贴|补助|奖补|预算(?!收入)|支出|发行|安排|拟|贴息|"
    r"额度|起征点|加计扣除|税率|应纳税所得额|退税|减税"
)
#: Money arranged (funds, subsidies, bonds, transfers), in a review as in a year's tasks: an amount, not an outcome.
_ARRANGED = re.compile(r"资金|补贴|补助|奖补|国债|债券|转移支付|拨付|发放|发行|增发|下达|预算(?!收入)")
_FORECAST = re.compile(r"预计|预测|估计")
_PAST = re.compile(r"去年|上年|过去一年|过去五年|五年来|以来|已经|已")
_TEN_YEARS = re.compile(r"十年来|过去十年|十年间|近十年|十年")
_FIVE_YEARS = re.compile(
    r"过去五年|五年来|五年间|五年累计|五年年均|“十[一二三四五]五”时期|十[一二三四五]五时期|十[一二三四五]五期间"
)


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


def _fyp_years(n: int) -> tuple[int, int]:
    """The years of the n-th five-year plan (the 6th, 1981–1985, onwards)."""
    start = 1981 + 5 * (n - 6)
    return start, start + 4


_SMALL_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL = re.compile("([一二两三四五六七八九]?)(十?)([一二三四五六七八九]?)")


@functools.lru_cache(maxsize=4096)
def _chinese(text: str) -> float:
    small = _SMALL.fullmatch(text)
    if small and (small.group(2) or (small.group(1) and not small.group(3))):
        # 一 to 九十九 without cn2an (loading it costs more than reading them): 十项, 六类, 三十五
        tens = (_SMALL_DIGITS[small.group(1)] if small.group(1) else 1) if small.group(2) else 0
        units = (
            _SMALL_DIGITS[small.group(3) or small.group(1)]
            if not small.group(2)
            else _SMALL_DIGITS.get(small.group(3), 0)
        )
        if small.group(1) != "两" or not small.group(2):
            return float(tens * 10 + units)
    import cn2an  # deferred: its import is slow and only larger Chinese numerals need it

    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, OverflowError) as err:
        raise NumberError(f"not a number: {text!r}") from err


def parse_number(text: str) -> float:
    """Read a number written in Arabic, full-width or Chinese numerals, or mixed.

    Reads magnitudes after Arabic digits (``1.3万亿``), spaced and comma-grouped
    digits, ``百分之`` / ``千分之`` forms (the number of hundredths or thousandths)
    and every mode of :func:`cn2an.an2cn` (``一千一百``, ``壹仟壹佰``, ``壹仟元整``,
    ``一一零零``).

    >>> parse_number("1.3万亿"), parse_number("一千一百"), parse_number("二〇三五"), parse_number("１１００")
    (1300000000000.0, 1100.0, 2035.0, 1100.0)

    Raises:
        NumberError: ``text`` is not a number.
    """
    if not isinstance(text, str) or not text.strip():
        raise NumberError(f"not a number: {text!r}")
    text = text.strip().translate(_FULLWIDTH)
    for prefix in ("百分之", "千分之"):
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
    factor = 1.0
    for mag, value in _MAGNITUDES.items():
        if text.endswith(mag) and len(text) > len(mag) and re.fullmatch(r"[\d., ]+", text[: -len(mag)]):
            factor, text = value, text[: -len(mag)]
            break
    arabic = re.sub(r"[ ,\u00a0\u3000]", "", text)
    if re.fullmatch(r"\d+(?:\.\d+)?", arabic):
        return float(arabic) * factor
    if not re.fullmatch(f"[{_CN_ALL}点元角分整]+", text) or not re.search(f"[{_CN_DIGIT}十拾]", text):
        raise NumberError(f"not a number: {text!r}")
    money = _RMB.fullmatch(text)
    if money and any(money.groups()) and re.search("[元角分]", text):
        # an amount of money in words (壹拾贰元叁角肆分): yuan, jiao (0.1) and fen (0.01)
        whole, jiao, fen = money.groups()
        total = _chinese(whole) if whole else 0.0
        total += (_chinese(jiao) / 10 if jiao else 0.0) + (_chinese(fen) / 100 if fen else 0.0)
        return round(total, 2) * factor
    return _chinese(text) * factor


def split_unit(unit: str) -> tuple[float, str]:
    """Split a unit as written into its magnitude and its unit word.

    >>> split_unit("万亿元"), split_unit("%"), split_unit("万")
    ((1000000000000.0, '元'), (1.0, '%'), (10000.0, ''))
    """
    for mag, value in _MAGNITUDES.items():
        if unit.startswith(mag) and unit[len(mag) :] in UNITS | {"": None}:
            return value, unit[len(mag) :]
    return 1.0, unit


@functools.lru_cache(maxsize=64)
def _suffix_pattern(words: tuple[str, ...]) -> tuple[re.Pattern[str], int]:
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(?:{alternation})\\Z"), max(map(len, words))


def _suffix(text: str, end: int, floor: int, words: tuple[str, ...]) -> str | None:
    """The longest of ``words`` that ``text[floor:end]`` ends with, if any."""
    pattern, longest = _suffix_pattern(words)
    m = pattern.search(text, max(floor, end - longest), end)
    return m.group(0) if m else None


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


def _clause_start(text: str, pos: int, floor: int) -> int:
    while pos > floor and text[pos - 1] not in _CLAUSE_BREAK:
        pos -= 1
    return pos


def _sentence_start(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] not in _SENTENCE_BREAK:
        pos -= 1
    return pos


def _skip_number(shadow: str, m: re.Match[str], quoted: list[tuple[int, int]]) -> bool:
    s, e = m.start(), m.end()
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


_LEADING_RE = re.compile("|".join(re.escape(w) for w in sorted(_LEADING, key=len, reverse=True)))
_CHANGE_WORDS = tuple(CHANGES)


#: A comparison's base (比上年, 较五年前, 从月销售额): the indicator is what stands before it.
_BASE = re.compile(r"(?<!占)比(?![重例率值])|较(?![大快高低好多少为])|从|(?<![自经理])由(?=[\u4e00-\u9fff]{2})")
#: The object of 将/把 is what the number measures (阶段性将小规模纳税人增值税起征点…).
_OBJECT = re.compile(r"[将把](?![来近])")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim hedges, time words, leading verbs and trailing verbs from an indicator span."""
    obj = _OBJECT.search(text, start, end)
    if obj and end - obj.end() >= 2:
        start = obj.end()
    base = _BASE.search(text, start + 2, end) if end - start > 2 else None
    if base:
        end = base.start()
    changed = True
    while changed and start < end:
        changed = False
        lead = _LEADING_RE.match(text, start, end)
        if lead and end - start > len(lead.group(0)):
            start += len(lead.group(0))
            changed = True
        word_at_end = _suffix(text, end, start + 1, _TRAILING) or _suffix(text, end, start + 1, _CHANGE_WORDS)
        if word_at_end:
            end -= len(word_at_end)
            changed = True
    while start < end and text[start] in "、和及，—–-(（":
        start += 1
    while end > start and text[end - 1] in "、和及与，的等":
        end -= 1
    return start, end


_STOP_AFTER = tuple(sorted({*CHANGES, *_MARKERS, *_BEFORE, *_AFTER}, key=len, reverse=True))


_NUMBER_AHEAD = re.compile(r"[上数几近][十百千万亿]|[一二两三四五六七八九十][十百千万亿]")


def _noun_after(text: str, start: int, limit: int) -> tuple[int, int]:
    """The noun phrase right after a number (551万农村贫困人口全部脱贫 → 农村贫困人口)."""
    end = start
    stop = next((w for w in _STOP_AFTER if text.startswith(w, start)), None)
    if stop and _NUMBER.match(text, start + len(stop)) and text[start + len(stop) : start + len(stop) + 1]:
        return start, start  # 60类减少到10类: a change to another number follows, the noun is before
    while end < limit and text[end] not in _CLAUSE_BREAK + "、“”（）()—–-" and not text[end].isdigit():
        if end > start and _NUMBER_AHEAD.match(text, end):
            break
        if text.startswith(_STOP_AFTER, end) and end > start:
            break
        end += 1
    phrase = text[start:end]
    cut = re.search(
        r"全部|顺利|实现|完成|通过|在|得到|获得|参加|参与|纳入|建立|用于|受益|享受|摘帽|脱贫|落户|就业|进城|"
        r"以上|以下|左右|等|的|，",
        phrase,
    )
    if cut and cut.start() >= 2:
        end = start + cut.start()
    elif cut:
        return start, start
    return (start, end) if 2 <= end - start <= 16 else (start, start)


def _period(
    text: str, a: int, b: int, year: int | None, frame: Frame | None = None
) -> tuple[str, int | None, int | None] | None:
    frame = frame or Frame()
    scope = text[a:b]
    m = _YEAR.search(scope)
    if m:
        y = int(m.group("y"))
        if m.group(0).startswith(("到", "至")) and year is not None and y > year:
            return m.group(0), year, y
        return m.group(0), y, y
    f = _PLAN_PERIOD.search(scope)
    if f and ("时期" in f.group(0) or "期间" in f.group(0) or "末" in f.group(0)):
        try:
            n = int(parse_number(f.group("n")))
        except NumberError:
            n = 0
        if 6 <= n <= 20:
            return (f.group(0), *_fyp_years(n))
    full = _FULL_YEAR.search(scope)
    if full:
        # 全年 in a review is the year reviewed; 今年 is always the document's own
        if full.group(0) != "今年" and frame.role == "review" and frame.start is not None and frame.start == frame.end:
            return full.group(0), frame.start, frame.end
        return full.group(0), year, year
    return None


def _kind(
    frame: Frame,
    clause: str,
    sentence: str,
    raw: _Raw,
    hedge: str | None,
    period: tuple[str, int | None, int | None] | None,
    year: int | None,
    action: str | None = None,
    upto: str = "",
) -> tuple[str, int | None, int | None]:
    """Decide the kind and the years referred to, from the frame and the clause's words.

    ``upto`` is the sentence up to the quantity's end (a period named after it does not govern it).
    """
    fiscal = bool(_FISCAL.search(clause))
    goal = bool(
        hedge or raw.comparator_written in _GOAL_COMPARATORS or raw.change_written or action or "目标" in sentence
    )
    money = raw.unit_word in UNITS and UNITS[raw.unit_word].base in ("yuan", "usd", "eur")
    if frame.role == "review" and money and _ARRANGED.search(clause) and "标准" not in clause:
        return "other", frame.start, frame.end  # money arranged in the year reviewed, not an outcome of it
    if frame.role == "review":
        start, end = frame.start, frame.end
        # the nearest span of years named before the figure (五年…5.2%，十年…6.2%), else any in the sentence
        ten = [m.end() for m in _TEN_YEARS.finditer(upto)]
        five = [m.end() for m in _FIVE_YEARS.finditer(upto)]
        if not ten and not five:
            ten, five = (
                [m.end() for m in _TEN_YEARS.finditer(sentence)],
                [m.end() for m in _FIVE_YEARS.finditer(sentence)],
            )
        if ten and year is not None and max(ten) >= max(five, default=-1):
            start, end = year - 10, year - 1
        elif five and year is not None and (frame.start == frame.end or ten):
            start, end = year - 5, year - 1
        return "result", start, end
    if period is not None and period[1] is not None and period[2] is not None and period[2] > period[1]:
        if year is None or period[2] > year:
            return "plan_target", period[1], period[2]
        return "result", period[1], period[2]
    if frame.role == "plan":
        # a past period named after the figure (…增长7%以上、力争投入强度高于“十三五”时期实际) is a comparison
        if _FIVE_YEARS.search(upto or sentence) or (_PAST.search(clause) and not goal):
            if frame.start is not None:
                return "result", frame.start - 5, frame.start - 1
            return "result", None, None
        return "plan_target", frame.start, frame.end
    if period is not None and period[1] is not None and year is not None and period[1] < year:
        return "result", period[1], period[2]
    if frame.role == "year" or (frame.role == "" and year is not None):
        if _PAST.search(clause) and not goal:
            return "result", (year - 1 if year else None), (year - 1 if year else None)
        if "预期目标" in sentence and goal:
            return "target", year, year  # the main expected targets, whatever they measure
        if fiscal or _FORECAST.search(clause):
            return "other", year, year
        if goal or raw.marker:
            return "target", year, year
        return "other", year, year
    if fiscal:
        return "other", frame.start, frame.end
    if goal:
        return "target", frame.start, frame.end
    return "other", frame.start, frame.end


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
            not reach outside it.

    Returns:
        The quantities in text order.

    >>> qs = find_quantities("单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。", 2021, Frame("plan", 2021, 2025))
    >>> [(q.indicator, q.value, q.change, q.kind) for q in qs]
    [('单位国内生产总值能耗', 13.5, 'decrease', 'plan_target'), ('二氧化碳排放', 18.0, 'decrease', 'plan_target')]
    """
    frame = frame or Frame()
    end = len(text) if end is None else end
    if start or end != len(text):
        # read the part on its own and shift the spans back: no work grows with the whole text
        return [_shift(q, start) for q in find_quantities(text[start:end], year, frame)]
    shadow = text.translate(_FULLWIDTH) if _HAS_FULLWIDTH.search(text) else text
    if _ASCII_BREAK.search(shadow):
        # web copies punctuate Chinese with ASCII marks (877.9亿元,冲过900亿元): clause breaks all the same
        shadow = _ASCII_BREAK.sub(lambda m: _ASCII_MARKS[m.group(0)], shadow)
    quoted = [(m.start(), m.end()) for m in _QUOTE.finditer(shadow)]
    raws: list[_Raw] = []
    for m in _NUMBER.finditer(shadow):
        if _skip_number(shadow, m, quoted):
            continue
        if raws and m.start() < raws[-1].end:
            continue
        raw = _match(shadow, m)
        if raw is not None:
            raws.append(raw)
    return list(_read(text, shadow, raws, year, frame, 0))


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


def _governing(text: str, start: int, pos: int) -> tuple[int, int] | None:
    """The span of a governing clause ending in ``：`` before ``pos`` in the paragraph (预期目标是：)."""
    colon = text.rfind("：", start, pos)
    if colon < 0:
        return None
    head = _sentence_start(text, colon)
    return max(head, start), colon


_NO_UNIT = Unit("", "", 1.0)
_TIME_ONLY = re.compile(r"(?:从|到|至|在|自|截至)?(?:19|20)\d\d年(?:底|末|初|年底|年末)?(?:以来)?")
#: Words that name no indicator of their own (a size, a goal, a level of something named before).
_GENERIC_HEADS = frozenset(
    ["规模", "总规模", "目标", "预期目标", "目标设定", "预期目标设定", "总量", "水平", "比重", "增幅", "增速"]
)
_COPULA = re.compile(r"是|为")


def _earlier_subject(shadow: str, clause: int) -> tuple[int, int] | None:
    """The subject of the clause before ``clause`` in its sentence (经济增速是综合性指标，…), if it has one."""
    if clause == 0 or shadow[clause - 1] != "，":
        return None
    head = _clause_start(shadow, clause - 1, _sentence_start(shadow, clause - 1))
    copula = _COPULA.search(shadow, head, clause - 1)
    if copula is None:
        return None
    start, end = _strip(shadow, head, copula.start())
    return (start, end) if 2 <= end - start <= 16 else None


def _indicator(shadow: str, clause: str | int, raw: _Raw, prev: Quantity | None) -> tuple[int, int, str | None]:
    """The span of the noun phrase a number measures, and the building verb before it if any.

    Read before the number, trimmed of hedges, time words and verbs; where nothing is
    left, the phrase of the quantity just before in the same clause (从60类减少到10类,
    13.5%、18%), else the noun phrase right after the number (52个贫困县全部摘帽).
    """
    assert isinstance(clause, int)
    ind_start, ind_end = _strip(shadow, clause, raw.head)
    indicator = shadow[ind_start:ind_end]
    action = None
    if indicator in _ACTIONS or (indicator.endswith(_ACTIONS) and len(indicator) <= 4):
        action = next(a for a in _ACTIONS if indicator.endswith(a))
    elif indicator.startswith(("新开工", *_ACTIONS)) and UNITS.get(raw.unit_word, _NO_UNIT).base == "count":
        # 新开工改造城镇老旧小区5.3万个: the works to be done, counted
        action = next(a for a in ("新开工", *_ACTIONS) if indicator.startswith(a))
    if raw.unit_word == "倍" and "是" in indicator[1:]:
        # 市场主体总量是十年前的3倍: what is measured stands before 是, its base after
        ind_end = ind_start + indicator.index("是", 1)
        indicator = shadow[ind_start:ind_end]
    if indicator in _GENERIC_HEADS:
        # 规模近9.8万亿元, 预期目标设定为6%以上: the thing measured is named earlier in the sentence
        if prev is not None and prev.indicator_end > prev.indicator_start:
            return prev.indicator_start, prev.indicator_end, prev.action
        subject = _earlier_subject(shadow, clause)
        if subject is not None:
            return (*subject, action)
    counted = raw.unit_word in UNITS and UNITS[raw.unit_word].base == "count" and raw.comparator_written is None
    if shadow[clause : raw.head].endswith("的") or counted or action:
        # 551万的农村贫困人口, 52个贫困县, 建设19所学校: the number counts the noun after it
        after = _noun_after(shadow, raw.end, len(shadow))
        if after[1] > after[0]:
            return after[0], after[1], action
    if _TIME_ONLY.fullmatch(indicator):
        indicator, ind_end = "", ind_start  # 从2020年的877.9亿元: a time, not what is measured
    if indicator in _JUNK or len(indicator) <= 2 or indicator.endswith(tuple(_MARKERS)):
        # nothing, or only a verb (严守18亿亩耕地红线), before the number: the noun after it, if any
        after = _noun_after(shadow, raw.end, len(shadow))
        if after[1] > after[0]:
            return after[0], after[1], action
        if len(indicator) == 2 and indicator not in _JUNK and not indicator.endswith(tuple(_MARKERS)):
            return ind_start, ind_end, action
        if prev is not None:
            return prev.indicator_start, prev.indicator_end, prev.action
        return raw.head, raw.head, action
    if len(indicator) > 24:
        # a long run before the number: keep what follows its last 的/使/对…
        cuts = [indicator.rfind(w) + len(w) for w in ("的", "使", "让", "对", "把", "将") if w in indicator]
        cut = max(cuts) if cuts else 0
        if 0 < cut < len(indicator) - 1:
            ind_start += cut
    return ind_start, ind_end, action


#: Units of a count of people or bodies, or none: what a number describing who is there counts.
_HEADCOUNT = frozenset(["", "人", "名", "户", "家"])
#: Predicates of an outcome: a count of those who 实现脱贫, 受益, 完成高考 is a result, not a description.
_OUTCOME = re.compile(
    r"全部|顺利|实现|完成|通过|得到|获得|参加|参与|纳入|受益|享受|享有|摘帽|脱贫|落户|就业|进城|出棚|搬迁|住上|用上|"
    r"减少|增加|增长|达到|惠及|覆盖|参保|入学|毕业|返乡|转移"
)
_EXISTS = re.compile(r"(?:(?:我国|全国|每年|目前|现在|还|仍|共|都)*有)?")


#: Nouns of people: a bare number before one counts persons (551万农村贫困人口, 3700多万学生).
_PEOPLE_NOUNS = (
    "人",
    "人口",
    "人员",
    "学生",
    "农民",
    "农民工",
    "群众",
    "居民",
    "职工",
    "劳动力",
    "毕业生",
    "儿童",
    "老人",
)


def _counts_people(shadow: str, pos: int) -> bool:
    """Whether the noun right after ``pos`` names people."""
    start, end = _noun_after(shadow, pos, len(shadow))
    return end > start and shadow[start:end].endswith(_PEOPLE_NOUNS)


def _describes(shadow: str, clause: int, raw: _Raw, hedge: str | None) -> bool:
    """Whether a number only says how many there are (上亿市场主体展现出韧性, 14亿多中国人的饭碗, 我国有2.9亿在校学生).

    It counts the noun right after it, with no unit of measure, no change word and no
    hedge, and it stands as the clause's subject (nothing, or only 有, before it) or
    inside a noun phrase (…中国人的饭碗): a fact described, not a result reached or a goal.
    """
    if raw.unit_word == "岁" and not raw.change_written and _noun_after(shadow, raw.end, len(shadow))[1] > raw.end:
        return True  # 3岁以下婴幼儿: an age that names a group, not a figure sought
    if raw.unit_word not in _HEADCOUNT or raw.change_written or raw.marker:
        return False
    noun = _noun_after(shadow, raw.end, len(shadow))
    if raw.unit_word == "" and shadow[raw.end : raw.end + 1] in _CLAUSE_BREAK + "、":
        return False
    if noun[1] > noun[0] and shadow[noun[1] : noun[1] + 1] == "的":
        return True  # inside a noun phrase, an attribute: even under a hedge (努力…把14亿多中国人的饭碗…)
    before = shadow[clause : raw.head]
    return not hedge and _EXISTS.fullmatch(before) is not None and not _OUTCOME.match(shadow, noun[1])


def _read(text: str, shadow: str, raws: list[_Raw], year: int | None, frame: Frame, floor: int) -> Iterator[Quantity]:
    previous_end = floor
    group: list[Quantity] = []
    for i, raw in enumerate(raws):
        sentence_start = max(_sentence_start(shadow, raw.head), floor)
        clause = max(
            _clause_start(shadow, raw.head, sentence_start), previous_end if previous_end > sentence_start else 0
        )
        # A list item right after another quantity (、18%) continues it.
        continues = bool(
            i
            and raws[i - 1].end <= raw.head
            and shadow[raws[i - 1].end : raw.head] in ("、", "和", "，", "及")
            and group
            and group[-1].end == raws[i - 1].end
        )
        # the quantity just before, when only a comma or a list mark stands between (GDP达到114万亿元，增长8.1%)
        prev = group[-1] if group and shadow[previous_end:clause] in ("", "，", "、", "；") else None
        ind_start, ind_end, action = _indicator(shadow, clause, raw, prev)
        indicator = shadow[ind_start:ind_end]
        sentence_end = raw.end
        while sentence_end < len(shadow) and shadow[sentence_end] not in _SENTENCE_BREAK:
            sentence_end += 1
        sentence = shadow[sentence_start:sentence_end]
        clause_text = shadow[clause : raw.end]
        hedge = period = None
        scopes = [(clause, raw.end), (sentence_start, clause)]
        gov = _governing(shadow, floor, sentence_start + 1)
        if gov is not None:
            scopes.append(gov)
        for a, b in scopes:
            if hedge is None:
                hm = re.search("|".join(HEDGES), shadow[a:b])
                hedge = hm.group(0) if hm else None
            if period is None:
                period = _period(shadow, a, b, year, frame)
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
        if continues and group:
            kind, ref_start, ref_end = group[-1].kind, group[-1].ref_start_year, group[-1].ref_end_year
        unit = UNITS.get(raw.unit_word)
        if unit is None and not raw.unit_word and _counts_people(shadow, raw.end):
            unit = UNITS["人"]  # 3700多万学生: a count of people, its unit unwritten
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

"""The indicator: the noun phrase a number measures, read from the words around it.

:func:`_strip` trims an indicator span of hedges, time words and leading and
trailing verbs (:data:`_LEADING`, :data:`_TRAILING`) and cuts it at a comparison's
base (``比上年``); :func:`_noun_after` reads the noun phrase right after a number
(``52个贫困县``); :func:`_indicator` chooses between them, the phrase of the
quantity just before and a subject earlier in the sentence, and names the building
verb (``新建``, ``改造``) if any; :func:`_counts_people` says whether a number
counts people.
"""

from __future__ import annotations

import re

from xindu_plan.chinese.quantities.matching import _Raw
from xindu_plan.chinese.quantities.numbers import _NUMBER
from xindu_plan.chinese.quantities.records import Quantity
from xindu_plan.chinese.quantities.units import UNITS, Unit
from xindu_plan.chinese.quantities.words import (
    _ACTIONS,
    _AFTER,
    _BEFORE,
    _CLAUSE_BREAK,
    _MARKERS,
    CHANGES,
    HEDGES,
    _clause_end,
    _clause_start,
    _sentence_start,
    _suffix,
)

__all__: list[str] = []


#: "There are" before a number (我国有2.9亿在校学生): no part of what is measured.
_EXISTENTIAL = tuple(f"{who}有" for who in ("每年", "我国", "全国", "共", "还", "目前", "现"))
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
    "年末时",
    "年底时",
    "年末",
    "年底",
    *(f"{n}季度" for n in ("一", "二", "三", "四", "第一", "第二", "第三", "第四", "前三")),
    "上半年",
    "下半年",
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
    "坚决",
    "守住",
    "严守",
    "守牢",
    "坚守",
    *_EXISTENTIAL,
    "每年",
    "延续执行",
    "继续执行",
    "各级各类",
    "各类",
    "各级",
    "多年来",
    "近年来",
    "长期以来",
    "目前",
    *(f"{verb}好" for verb in ("开展", "做", "抓", "办", "落实", "用", "管", "守")),
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
    "计划",
    "再",
    "年内",
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
    "发展到",
    "连续",
    "有望",
    "可",
    "延长",
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
    "将",
    "到期后",
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
        *("惠及", "涉及"),
    ]
)


#: A year, in digits or in Chinese numerals (2021年, 一九八五年, 一九八○年).
_A_YEAR = r"(?:(?:19|20)\d\d|[一二][九〇零○][〇零○一二三四五六七八九]{2})年"
_YEAR_AT_END = re.compile(rf"{_A_YEAR}$")
#: Months opening an indicator (1-6月项目累计完成投资): the time, not what is measured.
_MONTHS_AT_START = re.compile(
    r"(?:\d{1,2}\s*[-—–~至到]\s*\d{1,2}月份?|\d{1,2}月份?(?:以来|底|末)?|\d{1,2}年(?:间|内|来))(?=[\u4e00-\u9fff]{2})"
)
_YEAR_AT_START = re.compile(rf"{_A_YEAR}(?:度|底|末|初)?(?!以来|来|前|后|度)(?=[\u4e00-\u9fff]{{2}})")
_LEADING_RE = re.compile("|".join(re.escape(w) for w in sorted(_LEADING, key=len, reverse=True)))
_CHANGE_WORDS = tuple(CHANGES)
#: A change word of two or more characters opening an indicator (降低费用负担超过4000亿元), not 增加值.
_LEADING_CHANGE = re.compile(
    "(?:" + "|".join(re.escape(w) for w in sorted((w for w in CHANGES if len(w) >= 2), key=len, reverse=True)) + ")"
    "(?!值|目前|现在|当前|今年|去年)(?=[\u4e00-\u9fff]{2})"
)


#: A comparison's base (比上年, 较五年前, 从月销售额): the indicator is what stands before it.
_BASE = re.compile(
    r"(?<!占)比(?![重例率值])|较(?![大快高低好多少为])|从|(?<![自经理])由(?=[\u4e00-\u9fff]{2}|(?:19|20)\d\d年)"
)
#: The object of 将/把 is what the number measures (阶段性将小规模纳税人增值税起征点…).
_OBJECT = re.compile(r"[将把](?![来近])|关于")


#: Flows to or with a party (转移支付, 进出口额): after 对, the party is part of what is measured.
_FLOWS = ("转移支付", "进出口额", "进出口", "出口额", "进口额", "贸易额", "直接投资", "援助")
#: Verbs that open a modifier ending in 的 (实现超低排放的煤电机组) when they lead an indicator.
_MODIFYING_VERBS = frozenset(["实现", "支持", "完成", "推动", "建立", "设立", "开展", "落实", "启动", "带动", "实施"])
_MODIFIER = re.compile(r"[\u4e00-\u9fff]{1,6}的[\u4e00-\u9fff“”]{2,}$")


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
        lead = (
            _LEADING_RE.match(text, start, end)
            or _LEADING_CHANGE.match(text, start, end)
            or _YEAR_AT_START.match(text, start, end)  # 1979年轻工业总产值: the year is the time
            or _MONTHS_AT_START.match(text, start, end)
        )
        if lead and lead.group(0) in _MODIFYING_VERBS and _MODIFIER.match(text, start + len(lead.group(0)), end):
            lead = None  # 实现超低排放的煤电机组, 支持创新的税收优惠政策: the verb opens a modifier of the noun
        if lead and lead.group(0) == "对" and text.endswith(_FLOWS, start, end):
            lead = None  # 对地方一般性转移支付, 对沿线国家货物进出口额: a flow to a party, 对 names the party
        if lead and end - start > len(lead.group(0)):
            start += len(lead.group(0))
            changed = True
        word_at_end = _suffix(text, end, start + 1, _TRAILING) or _suffix(text, end, start + 1, _CHANGE_WORDS)
        year_at_end = _YEAR_AT_END.search(text, start, end)
        if year_at_end and year_at_end.start() > start:
            end = year_at_end.start()  # 社会商品零售总额一九八五年将…: the year is the time, not what is measured
            changed = True
            continue
        if word_at_end and year_at_end:
            word_at_end = None  # 一九八五年 alone: a year written in numerals, not 五年 (five years)
        if word_at_end:
            end -= len(word_at_end)
            changed = True
    if text[start:end] in _EXISTENTIAL:
        start = end  # 我国有2.9亿在校学生: only "there are" before the number
    opening = max(text.rfind("(", start, end), text.rfind("（", start, end))
    if opening >= 0 and not re.search("[)）]", text[opening:end]):
        if _QUALIFIER.match(text, opening + 1):
            end = opening  # 新增就业（含灵活就业1100万人）: the bracket qualifies what stands before it
        else:
            start = opening + 1  # 全球最快生产线(每小时生产12万罐: what is measured is inside the bracket
    while start < end and text[start] in "、和及，—–-(（":
        start += 1
    while end > start and text[end - 1] in "、和及与，的等" and not _ENDS_IN_JI.search(text, start, end):
        end -= 2 if text.endswith("以及", start, end) else 1
    return start, end


#: Words ending in 及 (惠及, 涉及, 普及): the 及 is not a list's conjunction.
_ENDS_IN_JI = re.compile(r"[惠涉普危波顾论企触]及$")
#: A bracket that qualifies rather than names (新增就业（含灵活就业…, 粮食产量（按新口径…).
_QUALIFIER = re.compile(r"含|其中|按|包括|不含|扣除|以")


_STOP_AFTER = tuple(sorted({*CHANGES, *_MARKERS, *_BEFORE, *_AFTER}, key=len, reverse=True))


#: Change words that are always a predicate after a noun (农户增加收入), never inside one.
_PREDICATES = ("增加", "增长", "减少", "下降", "提高", "降低", "提升", "上升", "增收", "减收")


_NUMBER_AHEAD = re.compile(r"[上数几近][十百千万亿]|[一二两三四五六七八九十][十百千万亿]")


#: What a count achieved, closing its clause (近1亿农村贫困人口实现脱贫, 1.4亿农村人口在城镇落户): part of what
#: is counted. (全部 before it, as in 832个贫困县全部摘帽, says the whole set did it: not part.)
_ACHIEVED = re.compile(r"(?:实现[\u4e00-\u9fff]{1,6}|在[\u4e00-\u9fff]{1,3}落户)(?=[，。；、\n]|目标|$)")
#: What people counted by their unit alone did (约6700万人受益, 数亿人就业创业): the only name of the count.
_DONE_BY_PEOPLE = re.compile(r"(?:受益|参与|落户|就业创业|就业)(?=[，。；、\n]|$)")


def _counted_noun(text: str, pos: int) -> tuple[int, int]:
    """The noun phrase after a number, with what it achieved when that closes the clause."""
    start, end = _noun_after(text, pos, len(text))
    achieved = _ACHIEVED.match(text, end) if end > start else _DONE_BY_PEOPLE.match(text, pos)
    if achieved is not None:
        return start, achieved.end()
    return start, end


def _noun_after(text: str, start: int, limit: int) -> tuple[int, int]:
    """The noun phrase right after a number (551万农村贫困人口全部脱贫 → 农村贫困人口)."""
    end = start
    stop = next((w for w in _STOP_AFTER if text.startswith(w, start)), None)
    if stop and _NUMBER.match(text, start + len(stop)) and text[start + len(stop) : start + len(stop) + 1]:
        return start, start  # 60类减少到10类: a change to another number follows, the noun is before
    while end < limit and text[end] not in _CLAUSE_BREAK + "、“”（）()—–-" and not text[end].isdigit():
        if end > start and _NUMBER_AHEAD.match(text, end):
            break
        if (
            text.startswith((*_STOP_AFTER, *_PREDICATES), end)
            and end > start
            and text[start:end] != "全面"
            and (_NUMBER.search(text, end, _clause_end(text, end)) or text.startswith(_PREDICATES, end))
        ):
            # a change word then a number ends the noun (人口增长到…), as a verb of more or less always does
            # (带动1200户农户增加收入); another with no number after it is inside the noun
            # (新增4个服务业扩大开放综合试点). (两次全面降准: 全面 is no noun.)
            break
        end += 1
    phrase = text[start:end]
    if phrase.startswith("人口") and len(phrase) > 2 and not phrase.startswith("人口的"):
        return start, start + 2  # 14亿多人口大国: the number counts the people, of a country it describes
    if phrase[:1] in "并且而也还又均都":
        return start, start  # 突破40万亿元并连续多年居世界首位: a predicate follows, not a noun
    # 在校学生, 在职职工, 在建项目: 在 begins the noun, it is not the verb of a place
    # 两次全面降准: 全面 opening the phrase is part of the noun, not the adverb of a predicate after it
    skip = 2 if _IN_NOUN.match(phrase) or (phrase.startswith("全面") and len(phrase) > 3) else 0
    cut = re.search(
        r"全部|顺利|实现|完成|通过|在|得到|获得|参加|参与|纳入|建立|用于|受益|享受|摘帽|脱贫|落户|就业|进城|"
        r"也|将(?![士领军帅])|已(?!婚)|全面|建成(?!区)|投用|投入(?!品|产出)|启动(?!资金)|开工(?!项目|率)|竣工|"
        r"发放|领取|提供|办理(?!事项)|支持(?!政策|资金|中心|服务|体系|系统|平台|力度)|"
        r"以上|以下|左右|等|的|，",
        phrase[skip:],
    )
    # (着, or 著 of a Traditional copy restored; not the 著 of 显著, 卓著, 著名)
    aspect = re.search(
        r"(?<=[\u4e00-\u9fff])[冒带顶守向朝沿随靠凭有看等拿抱背穿戴怀][着著]", phrase[skip:]
    ) or re.search(r"[\u4e00-\u9fff]{2}(?<![显卓昭土])[着著](?![名作称])", phrase[skip:])
    if aspect is not None and aspect.start() >= 2 and (cut is None or aspect.start() < cut.start()):
        cut = aspect  # 上亿市场主体承载着…: a verb with its aspect ends the noun
    cut_at = cut.start() + skip if cut else None
    if cut_at is not None and cut_at >= 2:
        end = start + cut_at
    elif cut:
        return start, start
    return (start, end) if 2 <= end - start <= 16 else (start, start)


#: Verbs of handing out money (发放, 下达, 增发): the amount's noun comes after it (发放200亿元补贴).
_HANDING = ("发放", "下达", "拨付", "增发", "发行", "使用", "筹集", "投放")


#: Nouns beginning with 在 (在校, 在职, 在建 …).
_IN_NOUN = re.compile(r"在(?:校|职|岗|读|建|编|册|园|线|途|营)")


_NO_UNIT = Unit("", "", 1.0)
_TIME_ONLY = re.compile(rf"(?:从|由|到|至|在|自|截至)?{_A_YEAR}(?:底|末|初|年底|年末)?(?:以来)?")
#: Words that name no indicator of their own (a size, a goal, a level of something named before).
_GENERIC_HEADS = frozenset(
    ["规模", "总规模", "目标", "预期目标", "目标设定", "预期目标设定", "总量", "水平", "比重", "增幅", "增速"]
)
_COPULA = re.compile(r"是|为")
#: A change to a level and no more (压缩到目前, 降至, 提高到): what changes is the quantity's just before.
_TO_LEVEL = re.compile(r"[\u4e00-\u9fff]{1,3}(?:到|至)(?:目前|现在|当前|今年|去年|(?:19|20)\d\d年(?:底|末)?)?")
#: An indicator that is only a comparison's base (比上年年初预算, 较2020年): what is measured is before it.
_ONLY_BASE = re.compile(
    r"(?:比|较)(?:上年|去年|上一|同期|年初|前|\d|[一二三四五六七八九十两]+年前|(?:19|20)\d\d|[去上]$)"
)


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
    if (
        raw.unit_word == "倍"
        and indicator.startswith("是")
        and prev is not None
        and prev.indicator_end > prev.indicator_start
    ):
        return prev.indicator_start, prev.indicator_end, prev.action  # 市场主体总量超过1.6亿户、是十年前的3倍
    if raw.unit_word == "倍" and "是" in indicator[1:]:
        # 市场主体总量是十年前的3倍: what is measured stands before 是, its base after
        ind_end = ind_start + indicator.index("是", 1)
        indicator = shadow[ind_start:ind_end]
    if prev is not None and prev.indicator_end > prev.indicator_start and _TO_LEVEL.fullmatch(indicator):
        # 企业开办时间从一个月以上压缩到目前平均4个工作日以内: the same indicator, at its new level
        return prev.indicator_start, prev.indicator_end, prev.action
    if indicator in _GENERIC_HEADS or _ONLY_BASE.match(indicator):
        # 规模近9.8万亿元, 预期目标设定为6%以上: the thing measured is named earlier in the sentence;
        # 赤字规模4.06万亿元，比上年年初预算增加1800亿元: only the base of the comparison is before it
        if prev is not None and prev.indicator_end > prev.indicator_start:
            return prev.indicator_start, prev.indicator_end, prev.action
        subject = _earlier_subject(shadow, clause)
        if subject is not None:
            return (*subject, action)
    counted = raw.unit_word in UNITS and UNITS[raw.unit_word].base == "count" and raw.comparator_written is None
    money = raw.unit_word in UNITS and UNITS[raw.unit_word].base in ("yuan", "usd", "eur")
    handed = money and indicator.endswith(_HANDING)  # 对种粮农民一次性发放200亿元补贴: what is handed out follows
    # 农村信用社等14486亿元金融改革成本, 把14亿多中国人的饭碗: a list's end or a preposition before the number
    listed = shadow[clause : raw.head].endswith(("等", "把", "将")) and len(indicator) > 2
    # 市场主体承载着数亿人就业创业: a verb with its aspect before the number, what is counted follows
    aspect = shadow[clause : raw.head].endswith(("着", "著", "了")) or shadow.startswith(("着", "著", "了"), raw.head)
    listed = listed or (aspect and len(indicator) > 2)
    timed = UNITS.get(raw.unit_word, _NO_UNIT).base in ("year", "month")
    if timed and re.match(r"[\u4e00-\u9fff]{0,4}期(?![间内])", shadow[raw.end : raw.end + 5]):
        # 设立5年过渡期, 再延长30年承包期: a term, what is measured is the period named after it
        after = _noun_after(shadow, raw.end, len(shadow))
        if after[1] > after[0] and shadow[after[1] - 1] == "期":
            return after[0], after[1], action
    if shadow[clause : raw.head].endswith("的") or counted or action or handed or listed:
        # 551万的农村贫困人口, 52个贫困县, 建设19所学校: the number counts the noun after it
        after = _counted_noun(shadow, raw.end)
        if after[1] > after[0]:
            return after[0], after[1], action
    if _TIME_ONLY.fullmatch(indicator):
        indicator, ind_end = "", ind_start  # 从2020年的877.9亿元: a time, not what is measured
    if indicator in _JUNK or len(indicator) <= 2 or indicator.endswith(tuple(_MARKERS)):
        # nothing, or only a verb (严守18亿亩耕地红线), before the number: the noun after it, if any
        after = _counted_noun(shadow, raw.end)
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

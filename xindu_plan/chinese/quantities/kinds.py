"""The kind of a quantity (target, result, plan target, other) and the years it refers to.

:data:`KINDS` names the kinds; :func:`_period` reads a period written near a
quantity (``到2025年``, ``“十四五”时期``, ``全年``) with its years; :func:`_kind`
decides the kind and the years from the frame, the clause's words (hedges, goal
comparators, fiscal words, past and forecast words, spans of five or ten years)
and the period; :func:`_describes` tells a number that only says how many there
are (``上亿市场主体``) from a result reached or a goal.
"""

from __future__ import annotations

import re

from xindu_plan.base.errors import NumberError
from xindu_plan.chinese.quantities.indicators import _noun_after
from xindu_plan.chinese.quantities.matching import _Raw
from xindu_plan.chinese.quantities.numbers import parse_number
from xindu_plan.chinese.quantities.records import Frame
from xindu_plan.chinese.quantities.units import UNITS
from xindu_plan.chinese.quantities.words import _CLAUSE_BREAK, _GOAL_COMPARATORS

__all__ = ["KINDS"]


#: Kinds of quantity, in the order :func:`find_quantities` considers them.
KINDS: dict[str, str] = {
    "target": "a goal for one year: the document's own (its 主要预期目标, other goals of the year) or the next (明年)",
    "result": "an outcome already reached: last year's results, or a past period's",
    "plan_target": "a goal for a multi-year plan period (to 2025, to 2035)",
    "other": "another amount: budgets, allocations, deficits, bond quotas, forecasts, counts in descriptions",
}


_YEAR = re.compile(r"(?:到|至)?(?P<y>(?:19|20)\d\d)年(?:底|末)?")
_PLAN_PERIOD = re.compile(r"“?(?P<n>[一二三四五六七八九十]+)五”?(?:规划)?(?:时期|期间|末|期末)?")
_FULL_YEAR = re.compile(r"去年底|去年末|明年|全年|今年|当年|年末|年底")
#: Years ahead that a goal is set for without naming them (今后五年, 未来三年).
_AHEAD = re.compile(r"(?:今后|未来)[一二三四五六七八九十两\d]{1,2}年")
#: From a year to a later one, with what was reached between (从2016年的632亿元到2021年过千亿元).
_SPAN_LOOSE = re.compile(r"从(?P<a>(?:19|20)\d\d)年[^。；\n]{1,20}?到(?P<b>(?:19|20)\d\d)年")
#: A span of years written out (2017年至2021年, 2017—2021年, 2020年和2021年), or one from a year on
#: (2013年以来, 自2018年起, 2018年至今: to the year before the document's).
_SPAN_WRITTEN = re.compile(
    r"(?P<a>(?:19|20)\d\d)年?\s*(?:至|到|—|－|-|–|~|和)\s*(?P<b>(?:19|20)\d\d)年"
    r"|(?P<since>(?:19|20)\d\d)年(?:以来|起|至今)"
)
#: Words of money arranged rather than outcomes sought: budgets, allocations, deficits, bonds, tax parameters.
#: (Revenue, such as 一般公共预算收入, is an outcome: 预算 followed by 收入 is not a cue.)
_FISCAL = re.compile(
    r"赤字|国债|债券|专项债|转移支付|资金|拨付|补贴|补助|奖补|预算(?!收入)|支出|发行|安排|拟|贴息|"
    r"额度|起征点|加计扣除|税率|征收标准|应纳税所得额|退税|减税"
)
#: Money arranged (funds, subsidies, bonds, transfers), in a review as in a year's tasks: an amount, not an outcome.
_ARRANGED = re.compile(r"资金|补贴|补助|奖补|国债|债券|转移支付|拨付|发放|发行|增发|下达|预算(?!收入)")
#: Words of a forecast (预计全年…, 有望); 初步预计 and 初步测算 give a preliminary outcome, not a forecast.
_FORECAST = re.compile(r"(?<!初步)(?:预计|预测|估计)|有望")
#: A goal reported against (完成年度目标任务的112%, 超额完成省下达的节能目标, 完成年度计划的91.2%): no intent.
_COMPLETED_GOAL = re.compile(r"(?:超额)?完成[^，。；]{0,12}?(?:目标|计划)(?:任务)?")
#: A comparison with the year before (同比增长, 比上年增长): what it is said of is reported, not sought.
_YEAR_ON_YEAR = re.compile(r"同比|比上年|较上年|比去年|较去年|比上年同期|较上年同期")
#: A part of a year (2022年一季度, 上半年, 1—5月): the figures a text of no known part gives for it are reported.
_PART_OF_YEAR = re.compile(r"[一二三四]季度|上半年|下半年|前三季度|\d{1,2}\s*[-—–~至到]\s*\d{1,2}月")
#: Verbs holding a line (坚决守住18亿亩耕地红线): a floor to keep, a goal.
_HOLD = re.compile(r"守住|严守|守牢|坚守")
_PAST = re.compile(r"去年|上年|过去一年|过去五年|五年来|以来|已经|已")
_TEN_YEARS = re.compile(r"十年来|过去十年|十年间|近十年|十年(?!前)")
#: A stock at the end of the year reviewed (去年底企业数量超过5200万户).
#: 去年, or the end of the year reviewed, named before a figure of a review (去年底, 截至去年); not a base
#: (比去年底提高, 去年同期).
_LAST_YEAR = re.compile(r"(?<![比较与同])(?:去年底|去年末|上年末|上年底|去年)(?!同期)|截至去年")
#: Words that a text of no known part sets a goal with (明年…增长6.5%左右; 会议提出…; 今后五年…).
#: (计划 as a verb: 全市计划新开工…; not the noun of 重点项目计划, 年度投资计划, 计划总投资.)
_INTENT = re.compile(
    r"明年|今后|下一步|未来|提出|(?<![项目度资])计划(?!总投资|投资|内|单列|共|，|的)|部署|目标|力争|确保|争取|预期"
)
_FIVE_YEARS = re.compile(
    r"过去五年|五年来|五年间|五年累计|五年年均|“十[一二三四五]五”时期|十[一二三四五]五时期|十[一二三四五]五期间"
)


def _fyp_years(n: int) -> tuple[int, int]:
    """The years of the n-th five-year plan (the 6th, 1981–1985, onwards)."""
    start = 1981 + 5 * (n - 6)
    return start, start + 4


_NAMED_YEAR = re.compile(rf"(?P<base>[较比与同])?(?:{_YEAR.pattern}|(?P<word>去年|上年|今年))")


def _last_year_named(text: str, a: int, b: int, year: int | None) -> int | None:
    """The year named last in ``text[a:b]`` (2021年, 去年, 今年 of the document's ``year``), not a base."""
    last = None
    for m in _NAMED_YEAR.finditer(text, a, b):
        if m.group("base"):
            continue
        if m.group("word"):
            if year is not None:
                last = year if m.group("word") == "今年" else year - 1
        else:
            last = int(m.group("y"))
    return last


def _period(
    text: str, a: int, b: int, year: int | None, frame: Frame | None = None
) -> tuple[str, int | None, int | None] | None:
    frame = frame or Frame()
    scope = text[a:b]

    def base(m: re.Match[str]) -> bool:
        # a comparison's base (较2016年增长60%, 是2016年的1.6倍) is not the time a figure refers to
        before = scope[m.start() - 1] if m.start() else ""
        return before in ("较", "比", "与", "同") or (before == "是" and scope.startswith("的", m.end()))

    span = next((m for m in _SPAN_WRITTEN.finditer(scope) if not base(m)), None) or next(
        (m for m in _SPAN_LOOSE.finditer(scope) if not base(m)), None
    )
    if span is not None and span.groupdict().get("since"):
        since = int(span.group("since"))
        if year is None or since < year:
            return span.group(0), since, (year - 1 if year is not None else None)
    elif span is not None and int(span.group("a")) < int(span.group("b")):
        return span.group(0), int(span.group("a")), int(span.group("b"))
    m = next((y for y in _YEAR.finditer(scope) if not base(y) and not _SPAN_WRITTEN.match(scope, y.start())), None)
    if m:
        y = int(m.group("y"))
        if m.group(0).startswith(("到", "至")) and year is not None and y > year:
            return m.group(0), year, y
        return m.group(0), y, y
    # (较“十二五”末提高4.2个百分点: a base, when the document's year tells its own period)
    f = next((p for p in _PLAN_PERIOD.finditer(scope) if year is None or not base(p)), None)
    if f and ("时期" in f.group(0) or "期间" in f.group(0) or "末" in f.group(0)):
        try:
            n = int(parse_number(f.group("n")))
        except NumberError:
            n = 0
        if 6 <= n <= 20:
            return (f.group(0), *_fyp_years(n))
    full = next((m for m in _FULL_YEAR.finditer(scope) if not base(m)), None)  # (比去年底提高1.2个百分点)
    if full and full.group(0) in ("去年底", "去年末", "明年") and year is not None:
        shift = 1 if full.group(0) == "明年" else -1
        return full.group(0), year + shift, year + shift
    if full:
        # 全年 in a review is the year reviewed; 今年 is always the document's own
        if full.group(0) != "今年" and frame.role == "review" and frame.start is not None and frame.start == frame.end:
            return full.group(0), frame.start, frame.end
        if full.group(0) != "今年" and frame.role == "":
            # in a text of no known part, 全年 is the year named last before it in its paragraph
            # (坪山区2021年实现了…。全年…; 于去年6月投产，年底时…), never a comparison's base (较2016年)
            named = _last_year_named(text, text.rfind("\n", 0, a) + 1, a, year)
            if named is not None and (year is None or named <= year):
                return full.group(0), named, named
        return full.group(0), year, year
    return None


def _not_after(period: tuple[str, int | None, int | None], year: int | None) -> bool:
    """Whether a period ends no later than the document's year (what may already be reported)."""
    return year is not None and period[2] is not None and period[2] <= year


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
    # words of intent; a goal comparator (以上) or a change word (增长) alone marks a goal only where the
    # document's part says it sets goals. 完成年度目标任务的112%, 完成年度计划的91.2% report against a goal:
    # no intent. A building verb marks one only where the part sets goals (全年建成3200套 in a bulletin is done).
    stated = _COMPLETED_GOAL.sub("", sentence)
    intent = bool(
        hedge
        or (action and frame.role != "")
        or "目标" in stated
        or (_HOLD.search(clause) and not _PAST.search(clause) and "了" not in clause)
    )
    goal = bool(intent or raw.comparator_written in _GOAL_COMPARATORS or raw.change_written)
    money = raw.unit_word in UNITS and UNITS[raw.unit_word].base in ("yuan", "usd", "eur")
    if frame.role == "review" and money and _ARRANGED.search(clause) and "标准" not in clause:
        return "other", frame.start, frame.end  # money arranged in the year reviewed, not an outcome of it
    if frame.role == "review":
        start, end = frame.start, frame.end
        # the nearest span of years named before the figure (五年…5.2%，十年…6.2%), else any in the sentence
        ten = [m.end() for m in _TEN_YEARS.finditer(upto)]
        five = [m.end() for m in _FIVE_YEARS.finditer(upto)]
        if not ten and not five and frame.start == frame.end:
            ten, five = (
                [m.end() for m in _TEN_YEARS.finditer(sentence)],
                [m.end() for m in _FIVE_YEARS.finditer(sentence)],
            )
        if ten and year is not None and max(ten) >= max(five, default=-1):
            start, end = year - 10, year - 1
        elif five and year is not None and (frame.start == frame.end or ten):
            start, end = year - 5, year - 1
        # the time word nearest before the figure governs: 去年 or a year's end (截至去年底…) against words of
        # five or ten years (五年来…，截至去年底，…45万户 is 2022; 截至去年底，五年累计… is five years)
        last_year = [m.end() for m in _LAST_YEAR.finditer(upto)]
        if year is not None and last_year and max(last_year) > max(ten + five, default=-1) and "年均" not in clause:
            return "result", year - 1, year - 1
        if period is not None and period[1] is not None and period[2] is not None and year is not None:
            own = bool(period[0]) and period[0] in clause  # written in the figure's own clause
            if period[1] < period[2] < year:
                return "result", period[1], period[2]  # 2017年至2021年, 自2018年起: the span written governs
            if period[1] == period[2] < year and "年均" not in clause and (own or not (ten or five)):
                # 过去一年，2021年国内生产总值增长8%; 五年来…由2017年的2100亿元增加到2022年的3050亿元: the year
                # written governs (an average, 年均增长5.1%, is the span's)
                return "result", period[1], period[2]
        return "result", start, end
    if period is not None and period[1] is not None and period[2] is not None and period[2] > period[1]:
        # a span of years: ahead of the document's year, a plan's; behind it, a result; of a document of no
        # known year, a plan's only when a word of intent says so (从１９７９年到１９８３年平均每年递增７．９%)
        named_plan = _PLAN_PERIOD.match(period[0]) is not None  # “七五”期间: a plan's period, named
        ahead = period[2] > year if year is not None else bool(named_plan or intent or _INTENT.search(sentence))
        return ("plan_target" if ahead else "result"), period[1], period[2]
    if frame.role == "plan":
        one = period[1] if period is not None and period[1] == period[2] else None
        if one is not None and frame.start is not None and one < frame.start:
            return "result", one, one  # 2020年，城镇化率达到62.5%: the plan's starting level
        # a past period named after the figure (…增长7%以上、力争投入强度高于“十三五”时期实际) is a comparison
        if _FIVE_YEARS.search(upto or sentence) or (_PAST.search(clause) and not goal):
            if frame.start is not None:
                return "result", frame.start - 5, frame.start - 1
            return "result", None, None
        return "plan_target", frame.start, frame.end
    if _AHEAD.search(upto or sentence) and goal:
        return "plan_target", None, None  # 今后五年…年均增长7%以上: a goal for years ahead it does not name
    if (
        period is not None
        and period[1] is not None
        and year is not None
        and period[1] > year + 1
        and (goal or raw.marker)
    ):
        return "plan_target", period[1], period[2]  # 2025年全区地区生产总值达到1500亿元, in a text of 2022
    if period is not None and period[1] is not None and year is not None and period[1] < year:
        return "result", period[1], period[2]
    if frame.role == "year" or (frame.role == "" and year is not None):
        if _PAST.search(clause) and not goal:
            if year is None:
                return "result", None, None
            if period is not None and period[1] is not None and period[1] == period[2] and period[1] <= year:
                return "result", period[1], period[2]  # 今年以来已完成投资56亿元: the year written
            if frame.role == "" and not re.search("去年|上年|过去", clause):
                return "result", year, year  # 目前已完成投资8.6亿元, in a news item: as of its date
            return "result", year - 1, year - 1
        if "预期目标" in sentence and goal:
            return "target", year, year  # the main expected targets, whatever they measure
        if frame.role == "" and not intent and not fiscal:
            # a text of no known part (a news item, a statistical bulletin) reports: with no word of intent,
            # a change or a floor is an outcome (城镇化率由71.7%提升至79.1%; 2022年一季度…增长7%以上), not a
            # goal, and so is every figure of a sentence compared with the year before (全年完成地区生产总值
            # 295.4亿元，比上年增长7.7%; 1-6月…同比增长约3.4%); a part of a year named without its year
            # (1-6月) is of the document's year
            part = _PART_OF_YEAR.search(upto or sentence)
            compared = _YEAR_ON_YEAR.search(sentence)
            if _FORECAST.search(upto or clause):
                return "other", year, year  # 预计全年…可达到850亿元，同比增长5.5%左右: forecasts, the two of them
            if _INTENT.search(stated):
                goal = True  # 明年，全市计划新开工重点项目120个: sought, not reported
            elif "将" in (upto or clause):
                pass  # what 将 says will be: decided with the clause's end (建成后将新增学位…)
            elif period is None and part and year is not None:
                return "result", year, year
            elif period is not None and _COMPLETED_GOAL.search(sentence) and _not_after(period, year):
                return "result", period[1], period[2]  # 全年新增城镇就业1.35万人，完成年度目标任务的112%
            elif period is not None and (part or compared or goal or raw.marker) and _not_after(period, year):
                return "result", period[1], period[2]
            elif period is None and (goal or raw.marker or compared):
                return "result", None, None
        if fiscal or _FORECAST.search(clause):
            return "other", year, year
        if frame.role == "" and goal and _INTENT.search(stated) and period is not None and period[1] == year:
            return "target", year, year  # 计划今年完成植树造林5万亩
        if goal or raw.marker:
            if period is not None and year is not None and period[1] == period[2] == year + 1:
                return "target", year + 1, year + 1  # 明年…增长6.5%左右: the goal of the year to come
            return "target", year, year
        return "other", year, year
    if fiscal:
        return "other", frame.start, frame.end
    if goal:
        return "target", frame.start, frame.end
    return "other", frame.start, frame.end


#: Units of a count of people or bodies, or none: what a number describing who is there counts.
_HEADCOUNT = frozenset(["", "人", "名", "户", "家"])
#: Predicates of an outcome: a count of those who 实现脱贫, 受益, 完成高考 is a result, not a description.
_OUTCOME = re.compile(
    r"全部|顺利|实现|完成|通过|得到|获得|参加|参与|纳入|受益|享受|享有|摘帽|脱贫|落户|就业|进城|出棚|搬迁|住上|用上|"
    r"减少|增加|增长|达到|惠及|覆盖|参保|入学|毕业|返乡|转移|在[\u4e00-\u9fff]{1,3}落户"
)
_EXISTS = re.compile(r"(?:(?:我国|全国|每年|目前|现在|还|仍|共|都)*有)?")


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

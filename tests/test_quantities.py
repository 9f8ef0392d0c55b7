"""The number / unit / comparator grammar (xindu_plan/chinese/quantities/)."""

from __future__ import annotations

import math
import re
from decimal import Decimal

import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xindu_plan.chinese.quantities import UNITS, Frame, NumberError, find_quantities, parse_number, split_unit

from .conftest import ROOT

YEAR = Frame("year", 2021, 2021)
REVIEW = Frame("review", 2020, 2020)
PLAN = Frame("plan", 2021, 2025)


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("15", 15),
        ("1.3万亿", 1.3e12),
        ("1100万", 1.1e7),
        ("一千一百", 1100),
        ("二〇三五", 2035),
        ("两", 2),
        ("三点五", 3.5),
        ("三十六万八千", 368_000),
        ("两亿零七百万", 207_000_000),
        ("一万零一", 10_001),
        ("百分之十五", 15),
        ("千分之三", 3),
        ("１１００", 1100),
        ("7 4 7 7 2", 74772),
        ("1,100", 1100),
        ("壹仟元整", 1000),
        ("一二三", 123),
    ],
)
def test_parse_number(written, value):
    assert math.isclose(parse_number(written), value)


@pytest.mark.parametrize("bad", ["", "abc", "12a", "万", "点", None])
def test_parse_number_refuses(bad):
    with pytest.raises(NumberError):
        parse_number(bad)


_values = st.one_of(
    st.integers(min_value=0, max_value=10**13),
    st.decimals(min_value=0, max_value=10**13, places=2, allow_nan=False, allow_infinity=False),
)


@given(_values, st.sampled_from(["low", "up", "rmb", "arabic"]))
def test_numbers_in_every_mode_parse_back_to_their_value(value, mode):
    """cn2an writes the number (or str() in Arabic); the grammar reads exactly that value back."""
    exact = Decimal(value)
    written = str(value) if mode == "arabic" else cn2an.an2cn(str(value), mode)
    assert Decimal(str(parse_number(written))) == exact.normalize() or math.isclose(parse_number(written), float(exact))


@given(st.integers(min_value=0, max_value=10**13))
def test_direct_mode_digits_parse_back(value):
    assert parse_number(cn2an.an2cn(value, "direct")) == value


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["万", "亿", "万亿"]))
def test_arabic_with_a_magnitude(value, magnitude):
    factor = {"万": 1e4, "亿": 1e8, "万亿": 1e12}[magnitude]
    assert parse_number(f"{value}{magnitude}") == value * factor


def _one(text: str, frame: Frame = YEAR, year: int = 2021):
    found = find_quantities(text, year, frame)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "value_base", "base_unit"),
    [
        ("就业三十六万八千人。", 368_000, "person"),
        ("投资两亿零七百万元。", 207_000_000, "yuan"),
        ("货运量增长5万吨公里。", 50_000, "tonne_km"),
        ("装机容量1200万千瓦。", 12_000_000, "kw"),
        ("出口300亿美元。", 3e10, "usd"),
        ("接待游客8000万人次。", 8e7, "person_time"),
        ("收入7 4 7 7 2亿元。", 7.4772e12, "yuan"),
        ("粮食产量1.3万亿斤以上。", 6.5e11, "kg"),
        ("增长１１％。", 11, "percent"),
        ("增长1 1 ％。", 11, "percent"),
        ("下降超过五成。", 50, "percent"),
    ],
)
def test_units_and_magnitudes(text, value_base, base_unit):
    q = _one(text)
    assert math.isclose(q.value_base, value_base) and q.base_unit == base_unit


def test_ranges_keep_both_ends_and_the_comparator():
    a, b, c = find_quantities("增长6.5%－7%，物价涨幅6%至6.5%，降低5—5.5%。", 2021, YEAR)
    assert (a.low, a.high, a.comparator, a.value) == (6.5, 7, "range", None)
    assert (b.low, b.high, b.comparator) == (6, 6.5, "range")
    assert (c.low, c.high, c.unit) == (5, 5.5, "%")


def test_percent_written_in_words_and_a_bare_magnitude():
    q = _one(["城镇失业人员减少1000万以上", "物价上涨百分之十五左右。"][1])
    assert (q.value, q.unit, q.comparator, q.change) == (15, "%", "about", "increase")
    q = _one("城镇失业人员减少1000万以上。")
    assert (q.value_base, q.unit, q.comparator, q.change) == (1e7, "万", "at_least", "decrease")


def test_a_list_shares_its_governing_hedge_and_period():
    text = (
        "今年发展主要预期目标是：国内生产总值增长5.5%左右；城镇新增就业1100万人以上，城镇调查失业率全年控制在5.5%以内。"
    )
    found = find_quantities(text, 2022, Frame("year", 2022, 2022))
    assert [(q.indicator, q.hedge, q.kind, q.ref_start_year) for q in found] == [
        ("国内生产总值", "预期", "target", 2022),
        ("城镇新增就业", "预期", "target", 2022),
        ("城镇调查失业率", "预期", "target", 2022),
    ]


def test_respectively_lists_are_expanded_item_by_item():
    a, b = find_quantities("单位国内生产总值能耗和二氧化碳排放分别降低13.5%、18%。", 2021, PLAN)
    assert (a.indicator, a.value, a.change) == ("单位国内生产总值能耗", 13.5, "decrease")
    assert (b.indicator, b.value, b.change) == ("二氧化碳排放", 18, "decrease")


def test_results_stated_plainly_are_read():
    a, b = find_quantities("实现一般公共预算收入70.6亿元，完成固定资产投资276亿元。", 2021, REVIEW)
    assert (a.indicator, a.value, a.kind, a.ref_start_year) == ("一般公共预算收入", 70.6, "result", 2020)
    assert (b.indicator, b.value, b.kind) == ("固定资产投资", 276, "result")


def test_kinds_follow_the_frame_and_the_clause():
    assert _one("全年国内生产总值增长2.3%。", REVIEW).kind == "result"
    assert _one("国内生产总值增长6%以上。", YEAR).kind == "target"
    assert _one("到2025年常住人口城镇化率提高到65%。", PLAN).kind == "plan_target"
    assert _one("今年赤字率拟按3.2%左右安排。", YEAR).kind == "other"
    assert _one("拟安排地方政府专项债券3.65万亿元。", YEAR).kind == "other"
    five = _one("过去五年，城镇新增就业超过6000万人。", REVIEW, year=2021)
    assert (five.ref_start_year, five.ref_end_year) == (2016, 2020)


def test_a_subject_carries_over_a_comma():
    a, b = find_quantities("国内生产总值达到114万亿元，增长8.1%。", 2022, Frame("review", 2021, 2021))
    assert (a.indicator, b.indicator, b.change) == ("国内生产总值", "国内生产总值", "increase")


def test_counted_nouns_follow_the_number():
    a, b = find_quantities("年初剩余的551万农村贫困人口全部脱贫，52个贫困县全部摘帽。", 2021, REVIEW)
    assert (a.indicator, a.value_base) == ("农村贫困人口", 5_510_000)
    assert (b.indicator, b.value) == ("贫困县", 52)


@pytest.mark.parametrize(
    ("text", "base", "comparator", "kind"),
    [
        ("惠及上千万家庭。", 1e7, "at_least", "result"),
        ("上亿市场主体展现出坚强韧性。", 1e8, "at_least", "other"),
        ("惠及近千万家庭。", 1e7, "about", "result"),
        ("税收优惠政策年度规模已超过万亿元。", 1e12, "more_than", "result"),
        ("实施新一轮千亿斤粮食产能提升行动。", 5e10, None, "plan_target"),
        ("地区生产总值过千亿元。", 1e11, "more_than", "result"),
        ("承载着数亿人就业创业。", None, None, "result"),
    ],
)
def test_an_order_of_magnitude_alone_is_a_number(text, base, comparator, kind):
    (q,) = find_quantities(text, 2021, REVIEW)
    assert q.value_base == base and q.comparator == comparator and q.kind == kind
    assert q.number == text[q.number_start : q.number_end] and q.number.endswith(("亿", "万", "千"))


def test_the_goal_a_named_programme_sets_is_a_plan_target_of_no_stated_years():
    (q,) = find_quantities("实施新一轮千亿斤粮食产能提升行动。", 2023, Frame("year", 2023, 2023))
    assert (q.kind, q.indicator, q.ref_start_year, q.ref_end_year) == ("plan_target", "粮食产能", None, None)
    (q,) = find_quantities("实施城市更新行动，改造5万个老旧小区。", 2023, Frame("year", 2023, 2023))
    assert q.kind != "plan_target"  # a programme named without a change word sets no goal of its own


def test_after_a_comma_a_number_with_words_of_its_own_starts_anew():
    a, b, c = find_quantities("2021年，GDP从2020年的877.9亿元，冲过900亿元、1000亿元。", 2022)
    assert (a.ref_start_year, b.ref_start_year, c.ref_start_year) == (2020, 2021, 2021)
    assert b.comparator == "more_than"
    for word in ("超", "近"):
        _, b = find_quantities(f"2021年，GDP从2020年的877.9亿元，{word}900亿元。", 2022)
        assert b.ref_start_year == 2021, word


@pytest.mark.parametrize(
    ("text", "frame", "kind", "indicator"),
    [
        # counts, money arranged and a past line held are what they were before the new rules
        ("建成5个质量提升工程。", Frame("year", 2023, 2023), "target", None),
        ("安排资金50亿元支持粮食增产工程。", Frame("year", 2023, 2023), "other", None),
        ("去年守住了18亿亩耕地红线。", Frame("year", 2023, 2023), "result", "耕地红线"),
        ("已坚守18亿亩耕地红线。", Frame("year", 2023, 2023), "result", "耕地红线"),
        ("将新增1000亿元资金全部下达地方。", Frame(), "other", None),
        ("将新增专项债券额度3.8万亿元用于项目建设。", Frame(), "other", None),
        ("出口增长10%，比利时进口额增长5%。", Frame("year", 2023, 2023), "target", "比利时进口额"),
        ("新增就业（含灵活就业1100万人）。", Frame("year", 2023, 2023), None, "新增就业"),
        ("推进200个开工项目。", Frame("year", 2023, 2023), None, "开工项目"),
        ("新增3个建成区。", Frame("year", 2023, 2023), None, "建成区"),
        ("资助1000名将士。", Frame("year", 2023, 2023), None, "将士"),
    ],
)
def test_the_new_rules_leave_what_they_do_not_describe(text, frame, kind, indicator):
    q = find_quantities(text, 2023, frame)[-1]
    assert kind is None or q.kind == kind
    assert indicator is None or q.indicator == indicator


@pytest.mark.parametrize(
    "text", ["选取三个代表性案例。", "派出三个代表团。", "新增两个市场监管所。", "实现四个全面覆盖。"]
)
def test_a_formula_that_begins_an_ordinary_count_still_counts(text):
    assert len(find_quantities(text, 2023)) == 1


def test_the_list_of_numbered_formulae_is_well_formed():
    import csv
    import io
    from importlib import resources

    data = (resources.files("xindu_plan") / "lexicon" / "numbered_formulas.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) >= 15
    for row in rows:
        assert set(row) == {"formula", "not_before", "gloss_en"} and row["gloss_en"], row
        assert re.search("[一二两三四五六七八九十]", row["formula"]), row


def test_money_handed_out_measures_the_noun_after_it():
    (q,) = find_quantities("对种粮农民一次性发放200亿元补贴。", 2022, Frame("year", 2022, 2022))
    assert q.indicator == "补贴"
    (q,) = find_quantities("增发1万亿元国债支持灾后恢复重建。", 2024, Frame("year", 2024, 2024))
    assert q.indicator == "国债"


def test_counts_of_people_and_what_they_achieved():
    (q,) = find_quantities("近1亿农村贫困人口实现脱贫。", 2023, Frame("review", 2018, 2022))
    assert (q.indicator, q.base_unit) == ("农村贫困人口实现脱贫", "person")
    (q,) = find_quantities("全国832个贫困县全部摘帽。", 2023, Frame("review", 2018, 2022))
    assert q.indicator == "贫困县"  # 全部: the whole set did it
    (q,) = find_quantities("1亿农业转移人口和其他常住人口在城镇落户目标顺利实现。", 2021, Frame("review", 2016, 2020))
    assert (q.kind, q.indicator) == ("result", "农业转移人口和其他常住人口在城镇落户")
    (q,) = find_quantities("约6700万人受益。", 2023, Frame("review", 2022, 2022))
    assert q.indicator == "受益"
    (q,) = find_quantities("6600多万纳税人受益。", 2024, Frame("review", 2023, 2023))
    assert q.indicator == "纳税人"  # a noun of its own: the noun is what is counted
    (q,) = find_quantities("基本养老保险参保人数增加1.4亿。", 2023, Frame("review", 2018, 2022))
    assert q.base_unit == "person" and q.value_base == 1.4e8
    (_, q) = find_quantities("上亿市场主体承载着数亿人就业创业。", 2022, Frame("review", 2021, 2021))
    assert q.indicator == "就业创业"
    (q,) = find_quantities("14亿多人口大国保持就业稳定，难能可贵。", 2023, Frame("review", 2018, 2022))
    assert (q.indicator, q.kind) == ("人口", "other")


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("实现超低排放的煤电机组超过10.5亿千瓦。", "实现超低排放的煤电机组"),
        ("支持创新的税收优惠政策年度规模已超过万亿元。", "支持创新的税收优惠政策年度规模"),
        ("对地方一般性转移支付增长7.8%。", "对地方一般性转移支付"),
        ("对小微企业和个体工商户年应纳税所得额不到100万元的部分。", "小微企业和个体工商户年应纳税所得额"),
        ("完全化解了历史上承担的国有商业银行和农村信用社等14486亿元金融改革成本。", "金融改革成本"),
        ("对脱贫县从脱贫之日起设立5年过渡期。", "过渡期"),
        ("第二轮土地承包到期后再延长30年。", "第二轮土地承包"),
        ("有效实施稳健的货币政策，两次全面降准。", "全面降准"),
        ("新增4个服务业扩大开放综合试点。", "服务业扩大开放综合试点"),
        ("户籍证明、社保转接等200多项群众经常办理事项实现跨省通办。", "群众经常办理事项实现跨省通办"),
    ],
)
def test_the_noun_phrase_measured_is_read_whole(text, indicator):
    q = find_quantities(text, 2023, Frame("review", 2022, 2022))[-1]
    assert q.indicator == indicator


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("2021年度全区一般公共预算收入完成120亿元。", "全区一般公共预算收入"),
        ("全区500多名干部群众冒着严寒参加活动。", "干部群众"),
        ("建成5个技术支持中心。", "技术支持中心"),
        ("带动1200户农户增加收入。", "农户"),
        ("5年间新增绿地1200公顷。", "新增绿地"),
    ],
)
def test_indicators_the_review_of_the_change_found_misread(text, indicator):
    q = find_quantities(text, 2022, Frame("review", 2021, 2021))[-1]
    assert q.indicator == indicator


def test_a_term_named_in_years_is_no_quantity():
    (q,) = find_quantities("5年期以上贷款市场报价利率下降0.15个百分点。", 2022, Frame("review", 2021, 2021))
    assert q.value == 0.15


def test_a_numeral_inside_a_numbered_formula_counts_nothing():
    text = "深入贯彻中央八项规定精神，统筹两个大局，坚持和平共处五项原则，发挥两个积极性，用好两个市场两种资源。"
    assert find_quantities(text, 2023) == []
    assert find_quantities("加强原材料、关键零部件供给。", 2023) == []  # 零 alone is a word
    (q,) = find_quantities("建设八个大型基地。", 2023)  # a count of things, not a formula
    assert q.value == 8


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("坚决守住18亿亩耕地红线。", "耕地红线"),
        ("可口可乐建成两条全球最快生产线(每小时生产12万罐)。", "每小时生产"),
        ("今年共有16个教育项目全面启动。", "教育项目"),
        ("多年来取消和下放行政许可事项1000多项。", "取消和下放行政许可事项"),
        ("赤字规模4.06万亿元，比上年年初预算增加1800亿元。", "赤字规模"),
        ("企业开办时间从一个月以上压缩到目前平均4个工作日以内。", "企业开办时间"),
        ("建立各级各类自然保护地9000多处。", "自然保护地"),
        ("我国有2.9亿在校学生。", "在校学生"),
        ("共向1000多万失业人员发放失业保险待遇。", "失业人员"),
        ("货物进出口总额年均增长8.6%，突破40万亿元并连续多年居世界首位。", "货物进出口总额"),
        ("我国仍处于城镇化进程中，每年有上千万农村人口转移到城镇。", "农村人口转移到城镇"),
        ("累计降低费用负担超过4000亿元。", "费用负担"),
        ("延续执行企业研发费用加计扣除75%政策。", "企业研发费用加计扣除"),
        ("工业增加值增长5%。", "工业增加值"),
        ("社会商品零售总额一九八五年将达到二千九百亿元。", "社会商品零售总额"),
        ("出口总额2025年将达到3万亿元。", "出口总额"),
    ],
)
def test_the_indicator_is_the_noun_phrase_not_the_words_around_it(text, indicator):
    assert find_quantities(text, 2024, Frame("year", 2024, 2024))[-1].indicator == indicator


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("上亿市场主体在应对冲击中展现出坚强韧性。", "other"),
        ("我国有2.9亿在校学生。", "other"),
        ("把14亿多中国人的饭碗牢牢端在自己手中。", "other"),
        ("5575万农村贫困人口实现脱贫。", "result"),
        ("3700多万学生受益。", "result"),
    ],
)
def test_a_count_that_only_says_how_many_there_are_is_no_result(text, kind):
    (q,) = find_quantities(text, 2021, REVIEW)
    assert q.kind == kind


def test_money_arranged_in_the_year_reviewed_is_an_amount_not_an_outcome():
    assert _one("对新增2万亿元中央财政资金建立直达机制。", REVIEW).kind == "other"
    assert _one("城乡居民医保人均财政补助标准提高到610元。", REVIEW).kind == "result"
    assert _one("为市场主体减负超过2.6万亿元。", REVIEW).kind == "result"


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("小规模纳税人增值税起征点从月销售额10万元提高到15万元。", "小规模纳税人增值税起征点"),
        ("普惠小微贷款平均利率较五年前下降1.5个百分点。", "普惠小微贷款平均利率"),
        ("阶段性将失业保险费率降至1%。", "失业保险费率"),
        ("工业产品生产许可证从60类减少到10类。", "工业产品生产许可证"),
        ("自由贸易试验区负面清单条数减至27条。", "自由贸易试验区负面清单条数"),
        ("年均新增涉税企业和个体工商户等1100万户。", "新增涉税企业和个体工商户"),
    ],
)
def test_the_indicator_stops_before_a_comparison_and_starts_after_jiang(text, indicator):
    assert find_quantities(text, 2021, REVIEW)[0].indicator == indicator


def test_a_fact_stated_with_more_than_or_about_is_not_a_goal_of_the_year():
    assert _one("今年高校毕业生超过1000万人。", YEAR).kind == "other"
    assert _one("城镇新增就业1100万人以上。", YEAR).kind == "target"


@pytest.mark.parametrize(
    "text",
    [
        "实现“引进一个人才，带来一个团队”，发展第四方物流。",
        "成都市委十三届八次全会提出了总体要求。",
        "瞄准六类500强企业。",
        "过去五年，我们经历了三年疫情。",
        "失业率一度明显攀升。",
        "今年是2021年，PM2.5浓度下降，推进5G建设。",
        "千万不要忘记这道百亿阶梯。",
    ],
)
def test_ordinals_names_durations_and_years_are_not_quantities(text):
    assert find_quantities(text, 2021, YEAR) == []


def test_base_units():
    grain, jobs = find_quantities("粮食产量保持在1.3万亿斤以上，城镇新增就业1100万人以上。", 2021, YEAR)
    assert (grain.value_base, grain.base_unit) == (0.65e12, "kg")
    assert (jobs.value_base, jobs.base_unit) == (1.1e7, "person")


def test_split_unit():
    assert split_unit("亿美元") == (1e8, "美元")
    assert split_unit("万千瓦") == (1e4, "千瓦")
    assert split_unit("个百分点") == (1.0, "个百分点")
    assert all(split_unit(u) == (1.0, u) for u in UNITS if not u.startswith(("万", "亿", "千", "百")))


def _expected_targets(year: int) -> list[tuple[str, float, str, str | None, str | None]]:
    # Read by hand from each report's 主要预期目标 sentence.
    return {
        2021: [
            ("国内生产总值", 6, "%", "at_least", "increase"),
            ("城镇新增就业", 1100, "万人", "at_least", None),
            ("城镇调查失业率", 5.5, "%", "about", None),
            ("居民消费价格涨幅", 3, "%", "about", "increase"),
            ("单位国内生产总值能耗", 3, "%", "about", "decrease"),
            ("粮食产量", 1.3, "万亿斤", "at_least", None),
        ],
        2022: [
            ("国内生产总值", 5.5, "%", "about", "increase"),
            ("城镇新增就业", 1100, "万人", "at_least", None),
            ("城镇调查失业率", 5.5, "%", "at_most", None),
            ("居民消费价格涨幅", 3, "%", "about", "increase"),
            ("粮食产量", 1.3, "万亿斤", "at_least", None),
        ],
        2023: [
            ("国内生产总值", 5, "%", "about", "increase"),
            ("城镇新增就业", 1200, "万人", "about", None),
            ("城镇调查失业率", 5.5, "%", "about", None),
            ("居民消费价格涨幅", 3, "%", "about", "increase"),
            ("粮食产量", 1.3, "万亿斤", "at_least", None),
        ],
        2024: [
            ("国内生产总值", 5, "%", "about", "increase"),
            ("城镇新增就业", 1200, "万人", "at_least", None),
            ("城镇调查失业率", 5.5, "%", "about", None),
            ("居民消费价格涨幅", 3, "%", "about", "increase"),
            ("粮食产量", 1.3, "万亿斤", "at_least", None),
            ("单位国内生产总值能耗", 2.5, "%", "about", "decrease"),
        ],
    }[year]


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024])
def test_national_main_expected_targets(year):
    text = (ROOT / f"xindu_plan/corpus/national-gwr-{year}.txt").read_text(encoding="utf-8")
    sentence = re.search(r"今年发展主要预期目标[^。]*。", text.replace("\u200b", "")).group(0)
    found = find_quantities(sentence, year, Frame("year", year, year))
    got = [(q.indicator, q.value, q.unit, q.comparator, q.change) for q in found]
    assert got == _expected_targets(year)
    assert {q.kind for q in found} == {"target"} and {q.ref_start_year for q in found} == {year}


@given(st.text(max_size=200), st.sampled_from([YEAR, REVIEW, PLAN, Frame()]))
def test_quantities_never_crash_and_spans_are_in_bounds(text, frame):
    for q in find_quantities(text, 2021, frame):
        assert 0 <= q.start <= q.number_start < q.number_end <= q.end <= len(text)
        assert 0 <= q.indicator_start <= q.indicator_end <= len(text)
        assert text[q.number_start : q.number_end] == q.number
        assert text[q.indicator_start : q.indicator_end] == q.indicator
        assert q.kind in ("target", "result", "plan_target", "other")


@given(
    st.lists(
        st.sampled_from(["增长6%以上", "，", "。", "城镇新增就业1100万人", "、", "国内", "2021年", "十项"]), max_size=40
    )
)
def test_quantities_of_a_joined_text_are_found_at_their_place(parts):
    text = "".join(parts)
    found = find_quantities(text, 2021, YEAR)
    assert all(text.startswith(q.number, q.number_start) for q in found)
    assert [q.number_start for q in found] == sorted(q.number_start for q in found)


def test_a_list_shares_the_unit_written_after_its_last_item():
    qs = find_quantities("水土流失、荒漠化、沙化土地面积分别净减少10.6万、3.8万、3.3万平方公里。", 2023, REVIEW)
    assert [q.value_base for q in qs] == [106_000e6, 38_000e6, 33_000e6]
    assert {q.base_unit for q in qs} == {"m2"}
    assert [q.indicator for q in qs] == ["水土流失", "荒漠化", "沙化土地面积"]


def test_a_bare_number_before_a_noun_of_people_counts_persons():
    q = _one("营养改善计划每年惠及3700多万学生。", REVIEW)
    assert (q.base_unit, q.value_base) == ("person", 37_000_000)
    assert _one("建成5万个基站。", REVIEW).base_unit == "count"


def test_the_span_of_years_is_the_one_named_before_the_figure():
    five, ten = find_quantities("五年年均增长5.2%，十年增加近70万亿元。", 2023, Frame("review", 2018, 2022))
    assert (five.ref_start_year, five.ref_end_year) == (2018, 2022)
    assert (ten.ref_start_year, ten.ref_end_year) == (2013, 2022)


def test_a_multiple_measures_what_stands_before_shi():
    q = _one("市场主体总量是十年前的3倍。", REVIEW)
    assert (q.indicator, q.value, q.unit) == ("市场主体总量", 3.0, "倍")


@given(st.text(alphabet="上数近过千百万亿元人家庭一二三四五六七八九十、，。的是1234567890", max_size=40))
def test_orders_of_magnitude_never_crash_and_spans_hold(text):
    for q in find_quantities(text, 2021, REVIEW):
        assert 0 <= q.number_start <= q.number_end <= len(text)
        assert text[q.number_start : q.number_end] == q.number
        assert q.value is None or q.value >= 0


def test_ascii_punctuation_of_a_web_copy_breaks_clauses_but_not_numbers():
    a, b = find_quantities("城镇化率提升至79.1%,一般公共预算收入年均增长8.8%。", 2022, REVIEW)
    assert (a.indicator, b.indicator) == ("城镇化率", "一般公共预算收入")
    assert _one("城镇新增就业1,100万人。", REVIEW).value == 1100


def test_a_year_or_a_dash_is_no_indicator():
    assert _one("从2020年的877.9亿元。", REVIEW).indicator == ""
    assert _one("——重点头部企业产值增长60%以上。", REVIEW).indicator == "重点头部企业产值"


def test_an_age_that_names_a_group_is_no_goal():
    assert _one("将3岁以下婴幼儿照护费用纳入个人所得税专项附加扣除。", YEAR).kind == "other"
    assert _one("人均预期寿命提高1岁。", Frame("plan", 2021, 2025)).kind == "plan_target"

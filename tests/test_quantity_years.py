"""The years a quantity refers to and its kind where the document's part says little: texts of no known
part (news items, statistical bulletins), reviews of several years, spans, bases and parts of a year."""

from __future__ import annotations

import pytest

from xindu_plan.chinese.quantities import Frame, find_quantities


@pytest.mark.parametrize(
    ("text", "kind", "years"),
    [
        ("建成后将新增学位2.2万余个。", "plan_target", (None, None)),
        ("今年9月，3所学校也将投入使用。", "target", (2023, 2023)),
        ("将2.8万亿元中央财政资金纳入直达机制。", "other", (2023, 2023)),  # 将 as 把, not "will"
    ],
)
def test_what_a_text_of_no_known_part_says_will_be_is_a_goal(text, kind, years):
    (q,) = find_quantities(text, 2023)
    assert (q.kind, (q.ref_start_year, q.ref_end_year)) == (kind, years)


def test_in_a_text_of_no_known_part_figures_share_the_past_year_named_before_them():
    text = (
        "坪山区2021年实现了经济发展稳中提质。全年地区生产总值达910.6亿元、增长11.7%；"
        "规上工业增加值达485.1亿元，增长12.1%。"
    )
    qs = find_quantities(text, 2022)
    assert [(q.kind, q.ref_start_year) for q in qs] == [("result", 2021)] * 4
    # a base year (较2016年) is no time the figures after it share
    qs = find_quantities("产值较2016年增长60%以上。新增产值约12亿元。", 2022)
    assert qs[-1].ref_start_year != 2016
    # in a work report's own year, 全年 is that year's
    (q,) = find_quantities("全年地区生产总值增长6%左右。", 2022, Frame("year", 2022, 2022))
    assert (q.kind, q.ref_start_year) == ("target", 2022)


@pytest.mark.parametrize(
    ("text", "kind", "years"),
    [
        # with no word of intent, a change or a floor in a text of no known part is reported, not sought
        ("城镇化率由71.7%提升至79.1%。", "result", (None, None)),
        ("地区生产总值年均增速保持在7.5%以上。", "result", (None, None)),
        ("2022年一季度，初步预计，地区生产总值增长7%以上。", "result", (2022, 2022)),
        ("今年1—5月，规上工业增加值增长22%。", "result", (2022, 2022)),
        # words of intent still make a goal, and 将 a plan's
        ("力争地区生产总值增长7%以上。", "target", (2022, 2022)),
        ("主要预期目标是：地区生产总值增长7%左右。", "target", (2022, 2022)),
        ("2022年一季度力争规上工业增加值增长10%。", "target", (2022, 2022)),
        ("项目建成后将新增产值约12亿元。", "plan_target", (None, None)),
    ],
)
def test_a_text_of_no_known_part_reports_unless_it_states_an_intent(text, kind, years):
    q = find_quantities(text, 2022)[-1]
    assert (q.kind, (q.ref_start_year, q.ref_end_year)) == (kind, years)


def test_times_and_bases_are_not_what_is_measured_nor_when():
    # a part of the year, a year-end time or a year opening the phrase is no part of the indicator
    (q,) = find_quantities("今年一季度产值突破7亿元。", 2022)
    assert q.indicator == "产值"
    (q,) = find_quantities("1979年轻工业总产值增长9.6%。", 1980)
    assert q.indicator == "轻工业总产值"
    (q,) = find_quantities("2013年以来新增的涉税市场主体纳税4.76万亿元。", 2022)
    assert q.indicator.startswith("2013年以来")  # a span of years that names the group, kept
    # 年底 in a text of no known part is the year named last before it, 去年 among them, never a base
    qs = find_quantities("产值较2016年增长60%以上。企业于去年6月投产，年底时产值突破12亿元。", 2022)
    assert (qs[0].ref_start_year, qs[0].ref_end_year) == (2016, 2021)  # since the base year, to the last past
    assert (qs[-1].ref_start_year, qs[-1].indicator) == (2021, "产值")


def test_a_review_reads_a_year_end_stock_and_a_multiple_of_ten_years_ago():
    review = Frame("review", 2018, 2022)
    a, b, c = find_quantities("去年底企业数量超过5200万户，市场主体总量超过1.6亿户、是十年前的3倍。", 2023, review)
    assert [(q.ref_start_year, q.ref_end_year) for q in (a, b, c)] == [(2022, 2022)] * 3
    assert c.indicator == "市场主体总量"


def test_a_review_of_years_takes_its_own_span_unless_the_figure_names_one():
    five = Frame("review", 2018, 2022)
    qs = find_quantities(
        "国内生产总值增加到121万亿元，五年年均增长5.2%，十年增加近70万亿元、年均增长6.2%。", 2023, five
    )
    assert [(q.ref_start_year, q.ref_end_year) for q in qs] == [(2018, 2022), (2018, 2022), (2013, 2022), (2013, 2022)]
    one = Frame("review", 2022, 2022)
    (q,) = find_quantities("过去一年，2021年国内生产总值增长8%。", 2023, one)
    assert (q.kind, q.ref_start_year) == ("result", 2021)  # the year written governs
    (q,) = find_quantities("2013年以来新增的涉税市场主体去年纳税达到4.76万亿元。", 2022, Frame("review", 2021, 2021))
    assert q.ref_start_year == 2021  # 2013年以来 opens a span, it is not the year


def test_an_average_takes_the_span_named_before_it_and_a_span_of_time_is_no_quantity():
    text = "从2016年的632亿元到2021年过千亿元，5年间，经济总量上了近4个百亿台阶。地区生产总值年均增长7.5%。"
    qs = find_quantities(text, 2022)
    assert "5" not in [q.number for q in qs]  # 5年间
    assert (qs[-1].kind, qs[-1].ref_start_year, qs[-1].ref_end_year) == ("result", 2016, 2021)


def test_a_bulletin_reports_what_it_compares_with_the_year_before():
    # a text of no known part: figures compared with the year before are results, levels with them
    text = "初步核算，全年完成地区生产总值295.4亿元，比上年增长7.7%。第一产业增加值24.4亿元，同比增长3.3%。"
    qs = find_quantities(text, 2023)
    assert [q.kind for q in qs] == ["result"] * 4
    assert qs[1].ref_start_year == qs[0].ref_start_year  # the change is of the level before it
    # a part of a year named without its year is of the document's year
    qs = find_quantities("1-6月，全区实现生产总值401.84亿元，同比增长约3.4%。1-6月项目累计完成投资126.02亿元。", 2022)
    assert [(q.kind, q.ref_start_year) for q in qs] == [("result", 2022)] * 3
    assert qs[-1].indicator == "项目累计完成投资"
    # a word of intent still makes a goal
    (q,) = find_quantities("力争地区生产总值比上年增长6%。", 2022)
    assert q.kind == "target"
    (q,) = find_quantities("PM2.5平均浓度达47微克/立方米。", 2023)
    assert (q.value_base, q.base_unit) == (47.0, "ug_per_m3")


def test_a_review_reads_the_year_opening_its_sentence_and_keeps_an_average_over_its_span():
    review = Frame("review", 2017, 2021)
    text = "2021年，实现生产总值288.7亿元，年均增长5.1%；规模以上工业增加值114.9亿元，年均增长4.1%。"
    qs = find_quantities(text, 2022, review)
    assert [(q.ref_start_year, q.ref_end_year) for q in qs] == [(2021, 2021), (2017, 2021), (2021, 2021), (2017, 2021)]
    (q,) = find_quantities("商务楼宇发展到36座。", 2022, review)
    assert q.indicator == "商务楼宇"


@pytest.mark.parametrize(
    ("text", "frame", "kind", "years"),
    [
        # spans written out, and bases that are no time
        ("2017年至2021年，全区累计减税降费320亿元。", Frame("review", 2021, 2021), "result", (2017, 2021)),
        ("2017—2021年，全区地区生产总值年均增长7.2%。", Frame("review", 2017, 2021), "result", (2017, 2021)),
        ("自2018年起，全区连续四年新增企业100家以上。", Frame("review", 2017, 2021), "result", (2018, 2021)),
        ("2012年以来，全区累计改造老旧小区320个。", Frame(), "result", (2012, 2021)),
        ("过去五年，全区经济总量达到1200亿元，是2016年的1.6倍。", Frame("review", 2017, 2021), "result", (2017, 2021)),
        ("截至去年底，五年累计新增城镇就业65万人。", Frame("review", 2017, 2021), "result", (2017, 2021)),
        (
            "过去十年，全区地区生产总值年均增长8.1%，去年达到2000亿元。",
            Frame("review", 2012, 2021),
            "result",
            (2021, 2021),
        ),
        # in a text of no known part: forecasts, 将 and words of intent are no report
        ("今年一季度，全区GDP增长5.2%，预计全年增长6%左右。", Frame(), "other", (2022, 2022)),
        ("今年上半年，全区将新增城镇就业5000人以上。", Frame(), "target", (2022, 2022)),
        ("会议提出，明年全市地区生产总值增长6.5%左右。", Frame(), "target", (2023, 2023)),
        ("今后五年，全区地区生产总值年均增长7%以上。", Frame(), "plan_target", (None, None)),
        ("2025年全区地区生产总值达到1500亿元。", Frame(), "plan_target", (2025, 2025)),
        ("一季度，全区GDP增长5%。", Frame(), "result", (2022, 2022)),
        ("2022年，全市城镇化率由71.7%提升至73.5%。", Frame(), "result", (2022, 2022)),
        ("去年底，全区常住人口增加到160万人。", Frame(), "result", (2021, 2021)),
    ],
)
def test_the_years_a_figure_refers_to(text, frame, kind, years):
    q = find_quantities(text, 2022, frame)[-1]
    assert (q.kind, (q.ref_start_year, q.ref_end_year)) == (kind, years)


def test_a_news_item_lends_its_span_of_years_to_the_paragraphs_after_it():
    from xindu_plan import parse

    text = (
        "从2016年的632亿元到2021年过千亿元，5年间，新都经济总量上了近4个百亿台阶。\n"
        "——城镇化率由71.7%提升至79.1%。\n"
        "——地区生产总值年均增速保持在7.5%以上。重点头部企业产值较2016年增长60%以上。\n"
        "——今后五年，地区生产总值年均增长7%以上。\n"
    )
    q = parse(text, name="news", year=2022).quantities.set_index("number")
    years = {n: (q.loc[n, "kind"], q.loc[n, "ref_start_year"], q.loc[n, "ref_end_year"]) for n in q.index}
    assert years["4"] == ("result", 2016, 2021) and q.loc["4", "indicator"] == "百亿台阶"
    assert years["71.7"] == ("result", 2016, 2016) and years["79.1"] == ("result", 2021, 2021)
    assert years["7.5"] == ("result", 2016, 2021) and years["60"] == ("result", 2016, 2021)
    assert years["7"][0] == "plan_target"  # 今后五年: a goal, no span lent
    # read without the paragraphs before it, the same line has no span to take
    (alone,) = find_quantities("——地区生产总值年均增速保持在7.5%以上。", 2022)
    assert alone.ref_start_year is None


@pytest.mark.parametrize(
    ("text", "frame", "year", "readings"),
    [
        # the year written in the figure's own clause, or the nearest 去年, wins over five-year words
        (
            "五年来，全市地区生产总值由2017年的2100亿元增加到2022年的3050亿元。",
            Frame("review", 2018, 2022),
            2023,
            [("result", 2017, 2017), ("result", 2022, 2022)],
        ),
        (
            "五年来，新增市场主体18万户，截至去年底，市场主体总量达到45万户。",
            Frame("review", 2018, 2022),
            2023,
            [("result", 2018, 2022), ("result", 2022, 2022)],
        ),
        (
            "去年，全市新登记市场主体6.8万户，同比增长12%。",
            Frame("review", 2018, 2022),
            2023,
            [("result", 2022, 2022)] * 2,
        ),
        # a goal reported against is no goal; a comparison with a year's end is no time
        ("全年新增城镇就业1.35万人，完成年度目标任务的112%。", Frame(), 2022, [("result", 2022, 2022)] * 2),
        (
            "全市常住人口城镇化率达到65%，比去年底提高1.2个百分点。",
            Frame("year", 2023, 2023),
            2023,
            [("target", 2023, 2023)] * 2,
        ),
        # a forecast covers its sentence; 今后五年 after a figure does not reach back to it
        ("预计全年全市地区生产总值可达到850亿元，同比增长5.5%左右。", Frame(), 2023, [("other", 2023, 2023)] * 2),
        (
            "2022年全市地区生产总值增长4.1%，今后五年力争年均增长6%以上。",
            Frame(),
            2023,
            [("result", 2022, 2022), ("plan_target", None, None)],
        ),
        # 今年以来已…, 目前已… in a news item are as of its year; a plan's starting level is a result
        ("全区今年以来已完成投资56亿元。", Frame(), 2022, [("result", 2022, 2022)]),
        (
            "2020年，全市常住人口城镇化率达到62.5%，到2025年提高到67%。",
            Frame("plan", 2021, 2025),
            2021,
            [("result", 2020, 2020), ("plan_target", 2021, 2025)],
        ),
        # a year inside a name does not govern the items after a semicolon
        (
            "成功举办2019年世界园艺博览会；建成5G基站1.2万个。",
            Frame("review", 2018, 2022),
            2023,
            [("result", 2018, 2022)],
        ),
        ("全市规上工业企业营业收入比2019年同期增长18.6%。", Frame(), 2022, [("result", None, None)]),
    ],
)
def test_readings_a_second_review_found_wrong(text, frame, year, readings):
    qs = find_quantities(text, year, frame)
    assert [(q.kind, q.ref_start_year, q.ref_end_year) for q in qs] == readings


def test_a_span_is_not_lent_to_a_figure_with_a_time_of_its_own():
    from xindu_plan import parse

    text = "2017年至2021年，全区地区生产总值年均增长7.2%。\n上半年，城镇登记失业率由3.2%下降至3.0%。\n"
    q = parse(text, name="news", year=2022).quantities.set_index("number")
    assert q.loc["3.0", "ref_start_year"] != 2021 and q.loc["3.2", "ref_start_year"] != 2017

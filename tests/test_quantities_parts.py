"""The pieces of xindu_plan.chinese.quantities, each on small inputs of its own."""

from __future__ import annotations

import dataclasses

import pytest

import xindu_plan.chinese.quantities as quantities
from xindu_plan.base.errors import NumberError
from xindu_plan.chinese.quantities.finder import _governing, _shift, find_quantities
from xindu_plan.chinese.quantities.indicators import _counts_people, _indicator, _noun_after, _strip
from xindu_plan.chinese.quantities.kinds import KINDS, _describes, _fyp_years, _kind, _period
from xindu_plan.chinese.quantities.matching import _match, _skip_number
from xindu_plan.chinese.quantities.numbers import _NUMBER, _chinese, parse_number
from xindu_plan.chinese.quantities.records import Frame, Quantity
from xindu_plan.chinese.quantities.units import _NOT_UNITS, _UNIT, UNITS, split_unit
from xindu_plan.chinese.quantities.words import CHANGES, COMPARATORS, _clause_start, _sentence_start, _suffix


def _raw(text: str):
    return _match(text, _NUMBER.search(text))


def test_the_package_gives_every_name_it_gave_as_a_module():
    assert quantities.__all__ == [
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
    assert all(hasattr(quantities, name) for name in quantities.__all__)
    assert quantities.find_quantities is find_quantities and quantities.NumberError is NumberError


def test_numbers_read_small_numerals_money_in_words_and_spaced_digits():
    assert _chinese("三十五") == 35.0 and _chinese("九") == 9.0
    assert parse_number("壹拾贰元叁角肆分") == 12.34
    assert parse_number("7 4 7 7 2") == 74772.0
    assert [m.group("num") for m in _NUMBER.finditer("上亿市场主体，第5条")] == ["", "5"]
    with pytest.raises(NumberError):
        parse_number("指标")


def test_units_match_the_longest_unit_and_split_off_the_magnitude():
    assert _UNIT.match("平方公里以上").group(0) == "平方公里"
    assert split_unit("亿美元") == (1e8, "美元")
    assert (UNITS["斤"].base, UNITS["斤"].factor) == ("kg", 0.5)
    assert "家庭" in _NOT_UNITS


def test_words_find_the_longest_suffix_and_the_clause_and_sentence_starts():
    assert _suffix("力争增长", 4, 0, tuple(CHANGES)) == "增长"
    assert _suffix("力争增长", 4, 3, tuple(CHANGES)) is None  # the floor cuts the word
    assert _clause_start("甲，乙丙", 4, 0) == 2
    assert _sentence_start("甲。乙，丙", 5) == 2
    assert COMPARATORS["不超过"] == "at_most"


def test_records_are_frozen_and_the_frame_knows_nothing_by_default():
    assert Frame() == Frame("", None, None)
    (q,) = find_quantities("城镇新增就业1100万人以上。")
    assert isinstance(q, Quantity)
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.value = 1.0


def test_matching_reads_a_range_with_its_words_and_skips_ordinals_and_durations():
    raw = _raw("增长6.5%－7%以上")
    assert (raw.low, raw.high, raw.value, raw.unit) == (6.5, 7.0, None, "%")
    assert (raw.change_written, raw.comparator_written, raw.head) == ("增长", "以上", 0)
    assert _raw("五年行动") is None
    assert _skip_number("第5条", _NUMBER.search("第5条"), [])
    assert _skip_number("PM2.5", _NUMBER.search("PM2.5"), [])
    assert not _skip_number("增长5%", _NUMBER.search("增长5%"), [])


def test_indicators_are_trimmed_and_read_after_the_number_where_they_stand_there():
    text = "力争全年粮食产量保持在"
    assert _strip(text, 0, len(text)) == (4, 8)  # 粮食产量
    text = "551万农村贫困人口全部脱贫"
    assert _noun_after(text, 4, len(text)) == (4, 10)  # 农村贫困人口
    assert _counts_people(text, 4)
    assert not _counts_people("52个贫困县全部摘帽", 3)
    text = "城镇新增就业1100万人以上"
    assert _indicator(text, 0, _raw(text), None) == (0, 6, None)


def test_kinds_follow_the_frame_and_periods_give_their_years():
    assert list(KINDS) == ["target", "result", "plan_target", "other"]
    assert _period("到2025年", 0, 7, 2021) == ("到2025年", 2021, 2025)
    assert _period("“十三五”时期", 0, 8, 2021) == ("“十三五”时期", 2016, 2020)
    assert _period("全年", 0, 2, 2022, Frame("review", 2021, 2021)) == ("全年", 2021, 2021)
    assert _fyp_years(14) == (2021, 2025)
    text = "城镇新增就业1100万人以上"
    raw = _raw(text)
    assert _kind(Frame("year", 2021, 2021), text, text, raw, None, None, 2021) == ("target", 2021, 2021)
    assert _kind(Frame("review", 2020, 2020), text, text, raw, None, None, 2021) == ("result", 2020, 2020)
    text = "我国有2.9亿在校学生"
    assert _describes(text, 0, _raw(text), None)
    assert not _describes("城镇新增就业1100万人以上", 0, raw, None)


def test_finder_reads_a_part_of_a_text_at_its_place_and_finds_the_governing_clause():
    text = "前言。城镇新增就业1100万人以上。"
    (q,) = find_quantities(text, 2021, start=3, end=len(text))
    assert (q.indicator, q.number_start, text[q.number_start : q.number_end]) == ("城镇新增就业", 9, "1100")
    (alone,) = find_quantities(text[3:], 2021)
    assert _shift(alone, 3) == q
    assert _governing("主要预期目标是：增长6%左右", 0, 9) == (0, 7)
    assert _governing("增长6%左右", 0, 4) is None

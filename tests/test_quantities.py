"""The number / unit / comparator grammar (xindu_plan/quantities.py)."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xindu_plan.quantities import NumberError, find_targets, parse_number

from .conftest import ROOT


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
    ],
)
def test_parse_number(written, value):
    assert math.isclose(parse_number(written), value)


@pytest.mark.parametrize("bad", ["", "abc", "12a", "万", None])
def test_parse_number_refuses(bad):
    with pytest.raises(NumberError):
        parse_number(bad)


@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_integers_round_trip(n):
    assert parse_number(str(n)) == n


@given(st.integers(min_value=0, max_value=10**8))
def test_chinese_numerals_round_trip(n):
    import cn2an

    assert parse_number(cn2an.an2cn(n)) == n


@given(st.text(max_size=200))
def test_targets_never_crash_and_spans_are_in_bounds(text):
    for t in find_targets(text, 2021):
        assert 0 <= t.start <= t.indicator_start <= t.indicator_end <= len(text)
        assert text[t.number_start :].startswith(t.number)
        assert t.start <= t.number_start < t.end <= len(text)


def _expected_targets(year: int) -> list[tuple[str, float, str, str | None, str | None]]:
    # Read by hand from each report's 主要预期目标 sentence.
    return {
        2021: [
            ("国内生产总值", 6, "%", "at_least", "increase"),
            ("城镇新增就业", 1100, "万人", "at_least", None),
            ("城镇调查失业率", 5.5, "%", "about", None),
            ("居民消费价格涨幅", 3, "%", "about", None),
            ("单位国内生产总值能耗", 3, "%", "about", "decrease"),
            ("粮食产量", 1.3, "万亿斤", "at_least", None),
        ],
        2022: [
            ("国内生产总值", 5.5, "%", "about", "increase"),
            ("城镇新增就业", 1100, "万人", "at_least", None),
            ("城镇调查失业率", 5.5, "%", "at_most", None),
            ("居民消费价格涨幅", 3, "%", "about", None),
            ("粮食产量", 1.3, "万亿斤", "at_least", None),
        ],
        2023: [
            ("国内生产总值", 5, "%", "about", "increase"),
            ("城镇新增就业", 1200, "万人", "about", None),
            ("城镇调查失业率", 5.5, "%", "about", None),
            ("居民消费价格涨幅", 3, "%", "about", None),
            ("粮食产量", 1.3, "万亿斤", "at_least", None),
        ],
        2024: [
            ("国内生产总值", 5, "%", "about", "increase"),
            ("城镇新增就业", 1200, "万人", "at_least", None),
            ("城镇调查失业率", 5.5, "%", "about", None),
            ("居民消费价格涨幅", 3, "%", "about", None),
            ("粮食产量", 1.3, "万亿斤", "at_least", None),
            ("单位国内生产总值能耗", 2.5, "%", "about", "decrease"),
        ],
    }[year]


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024])
def test_national_main_expected_targets(year):
    text = (ROOT / f"xindu_plan/corpus/national-gwr-{year}.txt").read_text(encoding="utf-8")
    sentence = re.search(r"今年发展主要预期目标[^。]*。", text).group(0)
    got = [(t.indicator, t.value, t.unit, t.comparator, t.change) for t in find_targets(sentence, year)]
    assert got == _expected_targets(year)


def test_base_units():
    grain, jobs = find_targets("粮食产量保持在1.3万亿斤以上，城镇新增就业1100万人以上。")
    assert (grain.value_base, grain.base_unit) == (0.65e12, "kg")
    assert (jobs.value_base, jobs.base_unit) == (1.1e7, "person")


def test_numbers_inside_slogans_and_ordinals_are_not_targets():
    assert find_targets("实现“引进一个人才，带来一个团队”，发展第四方物流，加强十项基础工作。") == []

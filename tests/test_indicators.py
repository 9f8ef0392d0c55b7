"""The reviewed synonym table: every entry cited to the texts, one direction per indicator."""

from __future__ import annotations

import pytest

from xindu_plan import corpus
from xindu_plan.analysis.indicators import BETTER, SYNONYM_COLUMNS, SynonymError, load_synonyms, read_synonyms

ROWS = load_synonyms().rows


def test_the_shipped_table_is_read() -> None:
    table = load_synonyms()
    assert len(ROWS) >= 10
    assert all(tuple(row) == SYNONYM_COLUMNS for row in ROWS)
    assert set(table.directions.values()) <= set(BETTER)


@pytest.mark.parametrize("row", ROWS, ids=[r["written"] for r in ROWS])
def test_every_entry_is_cited_to_a_passage_that_contains_it(row: dict[str, str]) -> None:
    text = corpus.document(row["document"]).text
    assert text.count(row["excerpt"]) == 1, "the excerpt must occur exactly once in the cleaned text"
    assert row["written"] in row["excerpt"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("国内生产总值", "经济增长预期目标"),
        ("居民消费价格涨幅", "居民消费价格"),
        ("城镇调查失业率", "全国城镇调查失业率"),
        ("单位国内生产总值能耗", "能耗强度"),
    ],
)
def test_rewordings_found_in_the_reports_are_one_indicator(a: str, b: str) -> None:
    table = load_synonyms()
    assert table.key(a) == table.key(b) != a


def test_an_unlisted_wording_is_its_own_indicator_without_direction() -> None:
    table = load_synonyms()
    assert table.key("新经济企业数") == "新经济企业数"
    assert table.better("新经济企业数") is None
    assert table.key(None) is None


def _row(**kw: str) -> dict[str, str]:
    base = {
        "written": "甲",
        "indicator_id": "a",
        "better": "higher",
        "document": "national-gwr-2021",
        "excerpt": "甲",
        "note": "n",
    }
    return {**base, **kw}


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([_row(excerpt="")], "row 2: excerpt must not be empty"),
        ([_row(better="up")], "row 2: better must be higher or lower"),
        ([_row(), _row()], "row 3: 甲 is listed twice"),
        ([_row(), _row(written="乙", better="lower")], "row 3: a is higher on an earlier row and lower here"),
    ],
)
def test_a_malformed_table_is_refused_naming_the_row(rows: list[dict[str, str]], message: str) -> None:
    with pytest.raises(SynonymError, match=message):
        read_synonyms(rows, "t.csv")

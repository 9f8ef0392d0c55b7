"""The pieces of xindu_plan/analysis/outcomes/, each on small inputs of its own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from xindu_plan import parse
from xindu_plan.analysis import outcomes
from xindu_plan.analysis.indicators import load_synonyms
from xindu_plan.analysis.outcomes.judging import _band, _compare, _direction, _has_figure, _judge
from xindu_plan.analysis.outcomes.matching import _outcome, _row, scorecard
from xindu_plan.analysis.outcomes.report import Scorecard, _method, _table
from xindu_plan.analysis.outcomes.sources import _jurisdiction, _same_place, _Source, _sources
from xindu_plan.analysis.outcomes.table import _KINDS, RULES, SCORECARD, VERDICTS
from xindu_plan.base.errors import ScorecardError

TARGET = "政府工作报告\n今年发展主要预期目标是：国内生产总值增长5.5%左右。"
RESULT = "政府工作报告\n一、2022年工作回顾\n过去一年，国内生产总值增长5.2%。"


def _q(**change: Any) -> dict[str, Any]:
    """A quantity as the sources hold it: a GDP growth target of about 5.5 % for 2022."""
    q: dict[str, Any] = {
        "id": "Q1",
        "kind": "target",
        "indicator": "国内生产总值",
        "written": "增长5.5%左右",
        "comparator": "about",
        "hedge": None,
        "measure": "increase",
        "value_base": 5.5,
        "low_base": None,
        "high_base": None,
        "base_unit": "%",
        "ref_start_year": 2022,
        "ref_end_year": 2022,
        "start": 0,
        "end": 6,
    }
    return {**q, **change}


def _source(name: str, year: int | None, *quantities: dict[str, Any]) -> _Source:
    return _Source(name, year, None, "国内生产总值增长", lambda a, b: (a + 10, b + 10), tuple(quantities))


def test_the_package_still_gives_every_public_name() -> None:
    assert outcomes.__all__ == [
        "RULES",
        "SCORECARD",
        "TOLERANCE",
        "VERDICTS",
        "Scorecard",
        "ScorecardError",
        "scorecard",
    ]
    assert outcomes.scorecard is scorecard and outcomes.Scorecard is Scorecard and outcomes.SCORECARD is SCORECARD
    assert outcomes.ScorecardError is ScorecardError


# --- table -----------------------------------------------------------------


def test_the_table_lists_every_verdict_kind_and_rule() -> None:
    fields = {f.name: f for f in SCORECARD.fields}
    assert SCORECARD.columns[:2] == ["target_document", "target_id"]
    assert (
        fields["verdict"].enum
        == tuple(VERDICTS)
        == ("met", "met_within_hedge", "not_met", "no_outcome", "not_comparable")
    )
    assert fields["target_kind"].enum == _KINDS == ("target", "plan_target")
    assert fields["measure"].enum == ("level", "increase", "decrease")
    for side in ("target", "outcome"):
        assert {f"{side}_start", f"{side}_end", f"{side}_raw_start", f"{side}_raw_end"} <= set(fields)
    assert not fields["outcome_start"].required and fields["target_start"].required
    assert {"at_least", "more_than", "at_most", "less_than", "about", "range", "none"} <= set(RULES)


# --- sources ---------------------------------------------------------------


def test_jurisdictions_and_places() -> None:
    assert _jurisdiction({"meeting": "第十三届全国人民代表大会第五次会议"}) == "全国"
    assert _jurisdiction({"office": "成都市新都区人民政府"}) == "成都市新都区"
    assert _jurisdiction({"title": "政府工作报告"}) is None
    assert _same_place("新都区", "成都市新都区") and _same_place(None, "全国")
    assert not _same_place("成都市", "成都市新都区")


def test_sources_name_texts_and_refuse_what_is_not_a_document(tmp_path: Path) -> None:
    path = tmp_path / "later.txt"
    path.write_text(RESULT, encoding="utf-8")
    found = _sources([TARGET, path], plan=False)
    assert [s.name for s in found] == ["document-1", "later"]
    assert [q["kind"] for q in found[0].quantities] == ["target"]
    assert found[0].quantities[0]["measure"] == "increase"
    assert [q["kind"] for q in found[1].quantities] == ["result"]  # the path read and parsed
    with pytest.raises(ScorecardError, match="item 2 of documents is a int"):
        _sources([TARGET, 2], plan=False)
    with pytest.raises(ScorecardError, match="plan must be a Plan, True or False, not str"):
        _sources([], plan="yes")
    with pytest.raises(ScorecardError, match="two documents are named document-1"):
        _sources([TARGET, parse(TARGET, name="document-1")], plan=False)


# --- judging ---------------------------------------------------------------


def test_judging_one_outcome() -> None:
    t = _q()
    assert _direction("higher", "increase") == "floor" and _direction("lower", "decrease") == "floor"
    assert _direction("lower", "level") == "ceiling" and _direction(None, "level") is None
    assert _has_figure(t) and not _has_figure(_q(comparator="range", low_base=1.0, high_base=None))
    assert _band(t, "floor", 0.1) == (5.5 - 0.55, None)
    assert _judge(5.2, t, "floor", 0.1) == "met_within_hedge" and _judge(4.9, t, "floor", 0.1) == "not_met"
    judged = _compare(t, _q(written="增长5.2%", comparator=None, value_base=5.2), "floor", 0.1)
    assert (judged.verdict, judged.compared) == ("met_within_hedge", 5.2)
    assert "distance 0.3 ≤ hedge 0.55" in judged.reason
    assert _compare(t, _q(base_unit="yuan"), "floor", 0.1).verdict == "not_comparable"
    assert "a change, the outcome" in _compare(t, _q(measure="level"), "floor", 0.1).reason
    fell = _compare(t, _q(measure="decrease", comparator=None, value_base=1.0), "floor", 0.1)
    assert (fell.verdict, fell.compared) == ("not_met", -1.0)  # a fall counts against a growth target
    bound = _compare(t, _q(comparator="more_than", value_base=5.0), "floor", 0.1)
    assert bound.verdict == "not_comparable" and "allows 5 to ∞" in bound.reason


# --- report ----------------------------------------------------------------


def test_an_empty_scorecard_reports_every_verdict_and_its_documents() -> None:
    card = Scorecard(_table([]), (("a", 2022, None),), 0.1)
    assert list(card.table.columns) == SCORECARD.columns and len(card.table) == 0
    assert str(card.table["target_start"].dtype) == "int64" and str(card.table["outcome_start"].dtype) == "Int64"
    assert card.counts() == dict.fromkeys(VERDICTS, 0)
    assert card.descriptor()["sources"] == [{"title": "a", "description": "year 2022, jurisdiction unknown"}]
    assert "## Targets of a (2022, jurisdiction unknown)\n\n(no targets)" in card.to_markdown()
    assert json.loads(card.to_json())["tolerance"] == 0.1
    assert card.to_csv().decode("utf-8").splitlines() == [",".join(SCORECARD.columns)]
    assert "by at most 0.25 of the figure" in _method(0.25)


def test_the_table_keeps_the_rows_given() -> None:
    spans = {"target_start": 3, "target_end": 9, "target_raw_start": 4, "target_raw_end": 10}
    table = _table([{"target_document": "a", "target_id": "Q1", **spans, "verdict": "met"}])
    assert table[["target_document", "target_id", "target_start", "verdict"]].iloc[0].tolist() == ["a", "Q1", 3, "met"]
    assert str(table["target_raw_end"].dtype) == "int64" and table.loc[0, "target_raw_end"] == 10
    assert table["outcome_document"].isna().all()


# --- matching --------------------------------------------------------------


def test_a_row_and_its_outcome_from_hand_made_sources() -> None:
    synonyms = load_synonyms()
    target = _source("a", 2022, _q())
    row = _row(target, _q(), synonyms, 0.1)
    assert (row["target_raw_start"], row["target_raw_end"], row["target_excerpt"]) == (10, 16, "国内生产总值")
    assert row["direction"] == "floor" and row["band_low"] == pytest.approx(4.95)
    result = _q(id="Q7", kind="result", written="增长5.2%", comparator=None, value_base=5.2, start=0, end=8)
    other_year = {**result, "id": "Q8", "ref_start_year": 2021, "ref_end_year": 2021}
    found = _outcome(row, _q(), [_source("b", 2023, other_year, result)], [], synonyms, 0.1)
    assert (found["outcome_document"], found["outcome_id"], found["verdict"]) == ("b", "Q7", "met_within_hedge")
    assert found["outcome_raw_end"] == 18
    none = _outcome(row, _q(), [_source("b", 2023, other_year)], [_source("c", None)], synonyms, 0.1)
    assert none["verdict"] == "no_outcome"
    assert none["reason"].endswith("searched: b; not searched, their year unknown: c)")


def test_scorecard_searches_only_later_documents() -> None:
    a = parse(TARGET, year=2022, name="a")
    b = parse(RESULT, year=2023, name="b")
    assert scorecard([a, b], plan=False).table.loc[0, "outcome_document"] == "b"
    early = parse(RESULT, year=2021, name="b")
    row = scorecard([a, early], plan=False).table.iloc[0]
    assert row["verdict"] == "no_outcome" and "searched: none" in row["reason"]
    with pytest.raises(ScorecardError, match="tolerance must be a number"):
        scorecard([a], plan=False, tolerance=True)

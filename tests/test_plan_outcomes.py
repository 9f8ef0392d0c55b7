"""What the search for the plan's own outcomes found (xindu_plan/analysis/plan_outcomes.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from xindu_plan import corpus, parse
from xindu_plan.analysis.outcomes import scorecard
from xindu_plan.analysis.plan_outcomes import FINDINGS, ScorecardError, load_plan_outcomes, read_plan_outcomes

GOOD = {"target_id": "T1", "finding": "no_statement", "document": "", "excerpt": "", "note": "Nothing found."}


def test_every_target_of_the_plan_has_one_finding(plan: Any) -> None:
    findings = load_plan_outcomes()
    assert [f.target_id for f in findings] == list(plan.targets["target_id"])
    assert {f.finding for f in findings} <= set(FINDINGS)


def test_each_near_miss_is_a_passage_of_a_shipped_document_found_once() -> None:
    near = [f for f in load_plan_outcomes() if f.finding != "no_statement"]
    assert near, "T5's nearest statement is recorded"
    for f in near:
        text = corpus.text(f.document)
        assert text.count(f.excerpt) == 1, f.target_id
        assert corpus.entry(f.document).coverage == "excerpt"


def test_the_news_excerpts_are_shipped_with_their_provenance() -> None:
    for name in ("xindu-gdp-2021-scdaily-2022-excerpt", "xindu-education-projects-2023-news-excerpt"):
        e = corpus.entry(name)
        assert e.source.startswith("https://") and e.date[:4] in ("2022", "2023")
        assert "not an official document" in e.rights
        corpus.text(name)  # checks the sha256


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"finding": "met"}, "finding must be one of"),
        ({"note": ""}, "must not be empty"),
        ({"finding": "different_indicator"}, "names the document and excerpt"),
        ({"document": "national-gwr-2021", "excerpt": "6%以上"}, "names no document"),
    ],
)
def test_a_malformed_row_is_refused_naming_it(change: dict[str, str], message: str) -> None:
    with pytest.raises(ScorecardError, match=f"row 2: .*{message}"):
        read_plan_outcomes([{**GOOD, **change}], "t.csv")


def test_a_target_listed_twice_is_refused() -> None:
    with pytest.raises(ScorecardError, match="row 3: T1 is listed twice"):
        read_plan_outcomes([GOOD, GOOD], "t.csv")


def test_the_scorecard_says_why_each_target_has_no_outcome(plan: Any) -> None:
    card = scorecard([corpus.document(n) for n in corpus.names()], plan=plan)
    own = card.table[card.table["target_document"] == plan.records.document.document_id].set_index("target_id")
    for f in load_plan_outcomes():
        reason = own.loc[f.target_id, "reason"]
        assert own.loc[f.target_id, "verdict"] == "no_outcome"
        assert f.note in reason
        assert ("no statement found" in reason) == (f.finding == "no_statement")
    assert "xindu-education-projects-2023-news-excerpt" in own.loc["T5", "reason"]
    # and in the metadata: the descriptor, the JSON and the summary
    assert [f["target_id"] for f in card.descriptor()["planOutcomes"]] == ["T1", "T2", "T3", "T4", "T5"]
    assert json.loads(card.to_json())["plan_outcomes"][4]["finding"] == "different_indicator"
    assert "What the search for the plan's own outcomes found" in card.to_markdown()


def test_without_the_plan_there_is_no_finding() -> None:
    card = scorecard([corpus.document("national-gwr-2021")], plan=False)
    assert card.plan_outcomes == () and card.descriptor()["planOutcomes"] == []


def test_an_outcome_found_in_the_input_replaces_the_finding(plan: Any) -> None:
    xindu = parse(
        "政府工作报告\n——2022年1月10日在成都市新都区第十九届人民代表大会第一次会议上\n一、2021年工作回顾\n"
        "过去一年，实际到位内资160亿元。",
        year=2022,
        name="xindu",
    )
    rows = scorecard([xindu], plan=plan).table.set_index("target_id")
    assert rows.loc["T2", "verdict"] == "met"
    assert "searched beyond the input" not in rows.loc["T2", "reason"]
    assert "searched beyond the input" in rows.loc["T1", "reason"]

"""The comparison against the hand-made relevance sets (tests/eval/, benchmarks/eval_compare.py).

The ranking's goals are P@1 >= 0.85 and top-3 >= 0.95 on the four national reports;
the decision's: of the recent pairs judged none, at least 0.75 called none; of those
judged counterpart, at most 0.05 called none; on the fourteen calibration reports at
most 0.20 of the measures taken up, leave-one-report-out. Each goal that is met is a
test below; the floors hold what is reached now (measured: P@1 0.829, top-3 0.974,
none of judged none 0.933, none of judged counterpart 0.018, calibration taken up
0.136 held out and 0.122 in sample) with a margin of about one pair, so that no
change makes them worse unnoticed. P@1 >= 0.85 is not reached (README, "How well it
compares").
"""

from __future__ import annotations

import sys

import pytest

from .conftest import benchmark

# The decision's goals over every evaluation set and calibration report (about a minute): the slow tier.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def evaluation():
    module = benchmark("eval_compare")
    return module.evaluate()


@pytest.fixture(scope="module")
def decided():
    module = benchmark("eval_compare")
    return module.decision_figures(module.decisions())


def test_the_relevance_sets_name_each_passage_once(evaluation):
    from xindu_plan import calibration, corpus

    module = sys.modules["eval_compare"]
    judged = module.judgements()
    documents = {d for _, d in judged}
    assert documents == {*module.REPORTS, *module.LOCAL, "national-gwr-1980", "national-gwr-1985", "national-gwr-1994"}
    assert len(judged) == 21 * len(documents)
    for (_, document), judgement in judged.items():
        source = calibration if document in calibration.names() else corpus
        squeezed = module.squeeze(source.document(document).text)
        for excerpt in judgement.excerpts:
            assert squeezed.count(excerpt) == 1, (document, excerpt)


def test_judged_none_pairs_of_recent_documents_are_more_than_doubled():
    module = benchmark("eval_compare")
    judged = module.judgements()
    national = sum(j.verdict == "none" for (_, d), j in judged.items() if d in module.REPORTS)
    recent = sum(j.verdict == "none" for (_, d), j in judged.items() if d in (*module.REPORTS, *module.LOCAL))
    assert recent >= 2 * national


def test_floors_of_what_the_ranking_reaches(evaluation):
    overall = evaluation.overall
    assert overall.p_at_1 >= 0.85  # the goal
    assert overall.top_3 >= 0.95
    assert overall.mrr >= 0.90
    for scores in evaluation.reports.values():
        assert scores.p_at_1 >= 0.75 and scores.top_3 >= 0.9


def test_an_accepted_passage_is_in_the_first_three_for_95_percent(evaluation):
    assert evaluation.overall.top_3 >= 0.95


def test_a_line_of_a_summary_list_ranks_below_a_passage_setting_out_the_policy():
    from xindu_plan import compare, load, parse
    from xindu_plan.analysis import retrieval

    text = (
        "政府工作报告\n一、今年工作\n——坚持创新驱动发展，加快发展现代产业体系，推动企业创新。\n"
        "强化企业创新主体地位，鼓励领军企业组建创新联合体。\n"
    )
    doc = parse(text, name="d", year=2021)
    ranked = compare(load(), doc).passages.query("unit_id == 'M08'").sort_values("rank")
    first = doc.text[int(ranked.iloc[0]["start"]) :]
    assert retrieval.SUMMARY_WEIGHT < 1.0
    assert first.startswith("强化企业创新主体地位")


def test_three_in_four_pairs_judged_none_are_called_none(decided):
    assert decided["none_of_none"] >= 0.75
    assert decided["none_of_none_n"] >= 16


def test_few_pairs_judged_counterpart_are_called_none(decided):
    assert decided["none_of_counterpart"] <= 0.05  # the goal; 1 of 56 now
    assert decided["none_of_counterpart_n"] >= 50


def test_old_reports_take_up_at_most_a_fifth_of_the_measures(decided):
    assert decided["taken_up_loro"] <= 0.20
    assert decided["taken_up_in_sample"] <= 0.20


def test_old_pairs_judged_none_are_called_none(decided):
    assert decided["old_none_of_none"] >= 0.9  # 17 of 18 now


def test_unrelated_text_takes_up_no_measure(evaluation):
    assert all(share == 1.0 for share in evaluation.unrelated.values())

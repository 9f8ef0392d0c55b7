"""The comparison against the hand-made relevance set (tests/eval/, benchmarks/eval_compare.py).

The targets are P@1 >= 0.8, top-3 >= 0.95 and the "none" decision right in >= 0.9
of measures; each is a test below. The floors beside them hold what is reached now
(measured: P@1 0.829, top-3 0.974, MRR 0.893, verdict 0.714, none 0.917) with a
margin of about one measure, so that no change makes it worse unnoticed.
"""

from __future__ import annotations

import sys

import pytest

from .conftest import benchmark


@pytest.fixture(scope="module")
def evaluation():
    module = benchmark("eval_compare")
    return module.evaluate()


def test_the_relevance_set_names_each_passage_once(evaluation):
    from xindu_plan import corpus

    module = sys.modules["eval_compare"]
    judged = module.judgements()
    assert len(judged) == 21 * 4
    for (_, document), judgement in judged.items():
        squeezed = module.squeeze(corpus.document(document).text)
        for excerpt in judgement.excerpts:
            assert squeezed.count(excerpt) == 1, (document, excerpt)


def test_floors_of_what_is_reached(evaluation):
    overall = evaluation.overall
    assert overall.p_at_1 >= 0.81
    assert overall.top_3 >= 0.96
    assert overall.mrr >= 0.88
    assert overall.verdict_accuracy >= 0.70
    assert overall.none_accuracy >= 0.9
    for scores in evaluation.reports.values():
        assert scores.p_at_1 >= 0.75 and scores.top_3 >= 0.9


def test_first_passage_is_accepted_for_80_percent_of_measures(evaluation):
    assert evaluation.overall.p_at_1 >= 0.8


def test_an_accepted_passage_is_in_the_first_three_for_95_percent(evaluation):
    assert evaluation.overall.top_3 >= 0.95


def test_none_decision_is_right_for_90_percent_of_measures(evaluation):
    assert evaluation.overall.none_accuracy >= 0.9


def test_none_decision_is_right_for_90_percent_counting_unrelated_text(evaluation):
    # the reports (84 measures) and the two unrelated texts (42 measures, all none)
    right = evaluation.overall.none_right + sum(share * 21 for share in evaluation.unrelated.values())
    assert right / (evaluation.overall.measures + 21 * len(evaluation.unrelated)) >= 0.9


def test_related_and_unrelated_documents_are_far_apart(evaluation):
    taken_up = {}
    for d in evaluation.decisions:
        taken_up.setdefault(d["document"], []).append(d["verdict"] != "none")
    related = min(sum(v) / len(v) for v in taken_up.values())
    unrelated = max(1 - share for share in evaluation.unrelated.values())
    assert related >= 0.8 and unrelated == 0.0
    assert related - unrelated >= 0.7  # the margin

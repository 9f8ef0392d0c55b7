"""The reader against the hand-made evaluation set (tests/eval/, benchmarks/eval_quantities.py)."""

from __future__ import annotations

import pytest

from xindu_plan import corpus, parse

from .conftest import benchmark


@pytest.fixture(scope="module")
def evaluation():
    module = benchmark("eval_quantities")
    return module, module.evaluate()


def test_main_targets_are_read_with_every_field_right(evaluation):
    _, result = evaluation
    scores = result.groups["main_targets"]
    assert scores.eval_rows >= 20
    assert scores.strict_precision >= 0.95 and scores.strict_recall >= 0.95


def test_past_year_results_are_told_apart_and_found(evaluation):
    _, result = evaluation
    scores = result.groups["past_year_results"]
    assert scores.eval_rows >= 90
    assert scores.precision >= 0.90 and scores.recall >= 0.90


def test_every_amount_and_comparator_of_a_found_quantity_is_right(evaluation):
    _, result = evaluation
    for field in ("amount", "comparator", "range"):
        ok, n = result.fields[field]
        assert ok / n >= 0.98, field


def test_no_indicator_is_a_function_word_anywhere(evaluation):
    module, result = evaluation
    assert result.junk == []
    for name in corpus.names():
        doc = parse(corpus.text(name), name=name)
        assert not set(doc.quantities["indicator"]) & module.JUNK_INDICATORS, name


def test_the_evaluation_set_is_complete_and_well_formed(evaluation):
    module, _ = evaluation
    rows = module.rows()
    kinds = {r["kind"] for r in rows}
    assert kinds <= {"target", "result", "plan_target", "other"}
    by_doc = {r["document"] for r in rows}
    assert by_doc == {"xindu-article", *(f"national-gwr-{y}" for y in (2021, 2022, 2023, 2024))}
    samples = [r for r in rows if r["section"] == "sample" and r["document"] != "xindu-article"]
    assert len(samples) >= 50

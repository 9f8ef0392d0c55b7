"""The topic coding: agreement formulas against published worked examples, and the published figures."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xindu_plan.coding import (
    agreement_rows,
    cohen_kappa,
    krippendorff_alpha,
    major,
    percent_agreement,
    published_problems,
)

from .conftest import ROOT

CURATION = ROOT / "data/curation"


def _curated(name: str) -> dict[str, int]:
    with (CURATION / name).open(encoding="utf-8", newline="") as f:
        return {r["sentence_id"]: int(r["cap_subtopic"]) for r in csv.DictReader(f)}


def test_cohen_kappa_worked_example():
    # The worked example of the "Cohen's kappa" article (Wikipedia): 50 proposals, both yes 20,
    # A yes / B no 5, A no / B yes 10, both no 15: p_o = 0.7, p_e = 0.5, kappa = 0.4.
    a = ["y"] * 20 + ["y"] * 5 + ["n"] * 10 + ["n"] * 15
    b = ["y"] * 20 + ["n"] * 5 + ["y"] * 10 + ["n"] * 15
    assert percent_agreement(a, b) == pytest.approx(0.7)
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_krippendorff_alpha_worked_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example A: two observers,
    # binary data, ten units, no missing values: alpha = 0.095.
    a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert round(krippendorff_alpha(a, b), 3) == 0.095


codes = st.lists(st.tuples(st.sampled_from([100, 108, 1403, 1405, 2001, 2002]), st.sampled_from([100, 108, 1403])))


@given(codes.filter(bool))
def test_alpha_agrees_with_the_krippendorff_library(pairs):
    krippendorff = pytest.importorskip("krippendorff")
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    if len(set(a) | set(b)) < 2:
        assert krippendorff_alpha(a, b) == 1.0
        return
    expected = krippendorff.alpha(reliability_data=np.array([a, b], dtype=float), level_of_measurement="nominal")
    assert krippendorff_alpha(a, b) == pytest.approx(expected)


@given(codes.filter(bool))
def test_measures_are_bounded_symmetric_and_perfect_on_identical_codings(pairs):
    a, b = [x for x, _ in pairs], [y for _, y in pairs]
    for measure in (percent_agreement, cohen_kappa, krippendorff_alpha):
        assert measure(a, b) <= 1 + 1e-12
        assert measure(a, b) == pytest.approx(measure(b, a))
        assert measure(a, a) == 1.0
    assert 0 <= percent_agreement(a, b) <= 1


def test_unequal_or_empty_codings_are_refused():
    with pytest.raises(ValueError, match="2 and 1 units"):
        cohen_kappa([1, 2], [1])
    with pytest.raises(ValueError, match="at least one unit"):
        krippendorff_alpha([], [])


def test_published_figures_are_recomputed_from_the_two_curated_codings(plan):
    first, second = _curated("topic_coding_1.csv"), _curated("topic_coding_2.csv")
    assert list(first) == list(second) == plan.topic_codings["sentence_id"].tolist()
    expected = agreement_rows(list(first.values()), [second[s] for s in first])
    published = plan.topic_agreement.astype(object).to_dict("records")
    assert [{k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()} for r in published] == expected
    figures = plan.topic_agreement.set_index(["level", "measure"])["value"]
    a, b = list(first.values()), [second[s] for s in first]
    assert figures["subtopic", "percent_agreement"] == round(percent_agreement(a, b), 4)
    assert figures["major", "cohens_kappa"] == round(cohen_kappa([major(x) for x in a], [major(x) for x in b]), 4)
    assert set(plan.topic_agreement["units"]) == {len(first)} == {79}


def test_published_code_is_the_agreed_or_adjudicated_one(plan):
    first, second = _curated("topic_coding_1.csv"), _curated("topic_coding_2.csv")
    adjudicated = _curated("topic_adjudication.csv")
    assert set(adjudicated) == {s for s in first if first[s] != second[s]}
    codes = plan.sentences.dropna(subset=["cap_subtopic"]).set_index("sentence_id")
    for sid, one in first.items():
        expected = one if one == second[sid] else adjudicated[sid]
        assert codes.loc[sid, "cap_subtopic"] == expected
        assert codes.loc[sid, "cap_code"] == major(expected)
    assert published_problems(plan) == []


def test_missing_rules_of_the_old_coding_are_fixed(plan):
    codes = plan.sentences.set_index("sentence_id")["cap_subtopic"]
    assert codes["P10.1"] == 108 and codes["P06.1"] == 108  # industrial policy and 招商引资 under 1, not 15
    assert codes["P25.2"] == 1405 and codes["P25.1"] == 1405  # rural economic development under 14, not 4 or 15
    assert codes["P33.1"] == 331  # epidemic control


def test_tampered_figures_are_caught(plan):
    import copy

    tampered = copy.copy(plan)
    agreement = plan.topic_agreement.copy()
    agreement.loc[0, "value"] = 0.5
    tampered.topic_agreement = agreement
    assert any("not those computed" in p for p in published_problems(tampered))
    codings = plan.topic_codings.copy()
    codings.loc[0, "cap_subtopic"] = 2300
    tampered.topic_codings = codings
    assert any("agreed or adjudicated" in p for p in published_problems(tampered))


def test_every_subtopic_lies_in_its_major_topic(plan):
    sub = plan.subtopics
    assert len(sub) == 213
    assert (sub["cap_subtopic"] // 100 == sub["cap_code"]).all()
    assert set(sub["cap_code"]) == set(plan.topics["cap_code"])
    labels = dict(zip(sub["cap_subtopic"], sub["label_en"], strict=True))
    assert labels[108] == "Industrial Policy" and labels[1405] == "Rural Economic Development"

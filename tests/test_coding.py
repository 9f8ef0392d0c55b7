"""The topic coding: agreement formulas against published worked examples, and the published figures."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xindu_plan.dataset.coding import (
    agreement_rows,
    cohen_kappa,
    krippendorff_alpha,
    major,
    percent_agreement,
    published_problems,
)

from .conftest import ROOT

CURATION = ROOT / "data/curation"


def _curated(name: str) -> dict[str, int | None]:
    with (CURATION / name).open(encoding="utf-8", newline="") as f:
        return {r["sentence_id"]: int(r["cap_subtopic"]) if r["cap_subtopic"] else None for r in csv.DictReader(f)}


def _article(codes: dict[str, int | None]) -> dict[str, int | None]:
    return {s.split(":", 1)[1]: c for s, c in codes.items() if s.startswith("xindu-article:")}


def _held(codes: dict[str, int | None]) -> dict[str, int | None]:
    return {s: c for s, c in codes.items() if not s.startswith("xindu-article:")}


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
    assert list(first) == list(second)
    article, held = list(_article(first)), list(_held(first))
    assert article == plan.topic_codings["sentence_id"].tolist()
    assert held == plan.topic_heldout_codings["sentence_id"].tolist()
    expected = agreement_rows(
        list(_article(first).values()), [_article(second)[s] for s in article], "article"
    ) + agreement_rows(list(_held(first).values()), [_held(second)[s] for s in held], "held_out")
    published = plan.topic_agreement.astype(object).to_dict("records")
    assert [{k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()} for r in published] == expected
    figures = plan.topic_agreement.set_index(["sample", "level", "measure"])
    assert set(plan.topic_agreement["sample"]) == {"article", "held_out"}
    assert figures.loc[("article", "subtopic", "cohens_kappa"), "units"] == 79
    assert figures.loc[("held_out", "subtopic", "cohens_kappa"), "units"] == len(held) >= 80
    assert (figures["ci_low"] <= figures["value"]).all() and (figures["value"] <= figures["ci_high"]).all()


def test_both_codings_follow_the_protocols_output_format():
    with (CURATION / "topic_heldout_sentences.csv").open(encoding="utf-8", newline="") as f:
        sentences = [r["sentence_id"] for r in csv.DictReader(f)]
    for name in ("topic_coding_1.csv", "topic_coding_2.csv"):
        with (CURATION / name).open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
        assert reader.fieldnames == ["sentence_id", "cap_subtopic", "cap_major", "note"]
        assert [r["sentence_id"] for r in rows][-len(sentences) :] == sentences
        for r in rows:
            assert (r["cap_major"] == "") == (r["cap_subtopic"] == "")
            assert not r["cap_subtopic"] or int(r["cap_major"]) == int(r["cap_subtopic"]) // 100


def test_the_coding_record_names_the_files_as_committed():
    import hashlib

    record = (CURATION / "CODING_RECORD.md").read_text(encoding="utf-8")
    protocol = hashlib.sha256((CURATION / "CODING_PROTOCOL.md").read_bytes()).hexdigest()
    assert protocol in record
    for name in ("topic_coding_1.csv", "topic_coding_2.csv"):
        digest = hashlib.sha256((CURATION / name).read_bytes()).hexdigest()
        assert digest[:8] in record and digest[-8:] in record, name
    assert (CURATION / "coding_record" / "coder_1.md").is_file() and (
        CURATION / "coding_record" / "coder_2.md"
    ).is_file()


def test_the_held_out_sample_is_the_seeded_draw():
    import random

    from xindu_plan import corpus
    from xindu_plan.dataset.coding import HELD_OUT_DOCUMENTS, HELD_OUT_MIN_CHARACTERS, HELD_OUT_PER_DOCUMENT

    drawn = []
    for name in HELD_OUT_DOCUMENTS:
        sentences = corpus.document(name).sentences
        long = sentences[sentences["text"].str.len() >= HELD_OUT_MIN_CHARACTERS]
        for i in sorted(random.Random(f"heldout-{name}").sample(range(len(long)), HELD_OUT_PER_DOCUMENT)):
            drawn.append((f"{name}:{long.iloc[i].sentence_id}", str(long.iloc[i].text)))
    with (CURATION / "topic_heldout_sentences.csv").open(encoding="utf-8", newline="") as f:
        assert [(r["sentence_id"], r["text"]) for r in csv.DictReader(f)] == drawn


def test_published_code_is_the_agreed_or_adjudicated_one(plan):
    first, second = _curated("topic_coding_1.csv"), _curated("topic_coding_2.csv")
    adjudicated = _curated("topic_adjudication.csv")
    disagreements = {s for s in first if first[s] != second[s]}
    assert set(adjudicated) == disagreements  # the article's sentences by their ids in the coding files
    codes = plan.sentences.dropna(subset=["cap_subtopic"]).set_index("sentence_id")
    one, two = _article(first), _article(second)
    for sid, code in one.items():
        expected = code if code == two[sid] else adjudicated[f"xindu-article:{sid}"]
        assert codes.loc[sid, "cap_subtopic"] == expected
        assert codes.loc[sid, "cap_code"] == major(expected)
    held = plan.topic_heldout_codings.set_index("sentence_id")
    for sid, code in _held(first).items():
        expected = code if code == second[sid] else adjudicated[sid]
        assert held.loc[sid, "cap_subtopic"] == expected
    assert published_problems(plan) == []


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
    held = plan.topic_heldout_codings.copy()
    held.loc[0, "coder_1_subtopic"] = 2300 if held.loc[0, "coder_1_subtopic"] != 2300 else 100
    tampered = copy.copy(plan)
    tampered.topic_heldout_codings = held
    assert published_problems(tampered)


def test_a_coding_out_of_the_protocols_format_is_refused():
    from xindu_plan.dataset.coding import CodingError, read_codings

    rows = {
        "cap_subtopics": [{"cap_subtopic": "100", "cap_code": "1", "label_en": "General"}],
        "topic_heldout_sentences": [],
        "topic_adjudication": [],
        "topic_coding_1": [{"sentence_id": "xindu-article:P02.1", "cap_subtopic": "100", "note": ""}],
        "topic_coding_2": [{"sentence_id": "xindu-article:P02.1", "cap_subtopic": "100", "cap_major": "1", "note": ""}],
    }
    with pytest.raises(CodingError, match="not the protocol's"):
        read_codings(rows, {"P02.1": "text"})
    rows["topic_coding_1"] = [
        {"sentence_id": "xindu-article:P02.1", "cap_subtopic": "100", "cap_major": "2", "note": ""}
    ]
    with pytest.raises(CodingError, match="does not follow"):
        read_codings(rows, {"P02.1": "text"})


def test_every_subtopic_lies_in_its_major_topic(plan):
    sub = plan.subtopics
    assert len(sub) == 213
    assert (sub["cap_subtopic"] // 100 == sub["cap_code"]).all()
    assert set(sub["cap_code"]) == set(plan.topics["cap_code"])
    labels = dict(zip(sub["cap_subtopic"], sub["label_en"], strict=True))
    assert labels[108] == "Industrial Policy" and labels[1405] == "Rural Economic Development"

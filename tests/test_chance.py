"""The calibrated scale of the decision (xindu_plan.analysis.chance) and the calibration reports it rests on."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from xindu_plan import calibration, compare, load, parse
from xindu_plan.analysis.chance import GENERIC_SHARE, TAIL_SHARE, Null


def _null(values, other=None):
    cov = np.array(values, dtype=float).reshape(-1, 1)
    if other is not None:
        cov = np.hstack([cov, np.array(other, dtype=float).reshape(-1, 1)])
    return Null.from_coverage([cov], [np.zeros((len(cov), 2), bool)])


@given(
    st.lists(st.floats(0, 1), min_size=1, max_size=60),
    st.floats(0, 1),
    st.floats(0, 1),
    st.integers(1, 500),
)
def test_chance_is_a_probability_falling_with_coverage_and_rising_with_length(values, c1, c2, n):
    null = _null(values)
    low, high = sorted((c1, c2))
    a, b = null.chance(low, n, 0), null.chance(high, n, 0)
    assert 0.0 <= b <= a <= 1.0
    assert null.chance(high, n, 0) <= null.chance(high, n + 10, 0)


def test_beyond_every_calibration_passage_the_tail_still_decays():
    null = _null([i / 100 for i in range(100)])
    assert 0 < null.chance(1.2, 1, 0) < null.chance(1.0, 1, 0) < TAIL_SHARE * 2


def test_the_other_null_leaves_out_the_passages_that_treat_the_unit():
    # unit 0 is best in the passages where it is high: its 'other' null holds only its low values
    null = _null([0.9, 0.8, 0.01, 0.02], other=[0.1, 0.1, 0.5, 0.5])
    assert null.chance(0.5, 1, 0, other=True) < null.chance(0.5, 1, 0)


def test_a_word_in_many_calibration_passages_is_generic():
    held = np.array([[True, False]] * 19 + [[True, True]])
    null = Null.from_coverage([np.zeros((20, 1))], [held])
    assert null.generic.tolist() == [True, GENERIC_SHARE <= 1 / 20]


def test_the_calibration_reports_are_shipped_with_their_provenance():
    entries = calibration.catalogue()
    assert len(entries) == 14 and set(entries["coverage"]) == {"full"}
    assert entries["source"].str.startswith("https://zh.wikisource.org/wiki/").all()
    assert (entries["characters"] > 10_000).all()


def test_a_policy_that_did_not_exist_is_not_found_in_an_old_report():
    # the Universiade (M03), the park city (M12) and 放管服 (M09) have no counterpart in 1985
    found = compare(load(), calibration.document("national-gwr-1985"), top=1).decisions.set_index("unit_id")
    assert (found.loc[["M03", "M09", "M12", "M19"], "verdict"] == "none").all()


def test_each_verdict_names_its_evidence_and_what_is_missing():
    text = "一、疫情防控\n抓好常态化疫情防控，健全防控体系，提升检测和收治能力。\n二、改革\n深化“放管服”改革。"
    found = compare(load(), parse(text, name="later")).decisions.set_index("unit_id")
    m19 = found.loc["M19"]
    assert m19.verdict != "none" and "疫情" in m19.evidence_words.split("|")
    assert m19.missing_words and not set(m19.missing_words.split("|")) & set(m19.evidence_words.split("|"))
    assert 0 <= m19.chance <= 1 and 0 <= m19.chance_other <= 1


def test_generic_words_alone_carry_no_verdict():
    text = "一、企业\n深化企业改革，加强企业管理，搞活城市经济，发展城市企业。"
    found = compare(load(), parse(text, name="generic")).decisions
    assert (found["verdict"] == "none").all()

"""Restoration of the damaged copy (xindu_plan/chinese/text.py)."""

from __future__ import annotations

import contextlib
import re

import numpy as np
import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xindu_plan.chinese.offsets import TrackedText
from xindu_plan.chinese.text import (
    PINYIN_LETTERS,
    Repair,
    RestorationError,
    check_annotation,
    find_annotations,
    restore,
    restored_text,
    strip_annotations,
    to_simplified,
)
from xindu_plan.reading.curation import curated_repairs

from .conftest import ROOT

RAW = (ROOT / "data/source/000_660c768c808e59a5.txt").read_text(encoding="utf-8")
T2S = opencc.OpenCC("t2s")


@pytest.fixture(scope="module")
def restored():
    return restore(RAW, curated_repairs())


def test_the_copy_has_532_annotations():
    assert len(find_annotations(RAW)) == 532


def test_restored_text_equals_the_published_file(restored):
    assert restored.text == (ROOT / "data/text/article.txt").read_text(encoding="utf-8")


def test_restored_text_is_simplified_throughout(restored):
    assert T2S.convert(restored.text) == restored.text
    assert "(" not in restored.text and ")" not in restored.text


def test_commas_between_chinese_are_full_width_and_latin_tokens_are_kept(restored):
    assert not re.search(r"[\u4e00-\u9fff],|,[\u4e00-\u9fff]", restored.text)
    for token in ("CRH6A-A", "IBM", "2.0", "12%", "5G", "TOD"):
        assert token in restored.text
    assert "2.0，实现" in restored.text


def test_the_zhe_repair_is_applied(restored):
    assert restored.text.count("着力") == 2 and "著" not in restored.text
    assert [(a.start, a.end) for a in restored.repairs] == [
        (m.start(), m.end()) for m in re.finditer("着力", restored.text)
    ]


def test_only_the_ibm_annotation_does_not_fit(restored):
    bad = []
    for a in restored.annotations:
        start = restored.offsets.to_restored(a.raw_start, a.raw_start + 1)[0]
        if not check_annotation(a.reading, restored.text[start])[0]:
            bad.append((a.char, a.reading))
    assert bad == [("I", "mǎi")]


def test_every_restored_character_maps_to_a_raw_character_that_converts_to_it(restored):
    repaired = {i for a in restored.repairs for i in range(a.start, a.end)}
    for i, ch in enumerate(restored.text):
        s, e = restored.offsets.to_raw(i, i + 1)
        source = RAW[s]
        assert e > s
        assert source == ch or T2S.convert(source) == ch or (source, ch) in {(",", "，")} or i in repaired, (
            i,
            ch,
            RAW[s:e],
        )


def test_offsets_round_trip_a_span(restored):
    start = restored.text.index("构建区域协同枢纽")
    raw_start, raw_end = restored.offsets.to_raw(start, start + 8)
    assert restore(RAW[raw_start:raw_end]).text == "构建区域协同枢纽"
    assert restored.offsets.to_restored(raw_start, raw_end) == (start, start + 8)


def test_repair_rules_that_overlap_are_refused():
    with pytest.raises(RestorationError, match="overlaps"):
        restore("著力著", [Repair("A", "著力", "着力", ""), Repair("B", "力著", "力着", "")])


def test_empty_repair_is_refused():
    with pytest.raises(RestorationError, match="empty"):
        restore("abc", [Repair("A", "", "x", "")])


def test_non_string_input_is_refused():
    with pytest.raises(RestorationError, match="str"):
        restore(b"bytes")  # type: ignore[arg-type]


def test_to_simplified_reaches_a_fixed_point():
    # OpenCC t2s takes 薴 to 苧 in one pass and 苧 to 苎 in the next: the fixed point is 苎
    assert to_simplified("薴") == "苎"
    assert to_simplified("發展規劃") == "发展规划"


def test_a_nul_character_does_not_end_the_conversion():
    # older OpenCC releases stop converting at a NUL; nothing after it may be lost
    assert to_simplified("發\x00展規\x00劃") == "发\x00展规\x00划"
    r = restore("发\x00I(mǎi)")
    assert r.text == "发\x00I"
    assert (r.offsets.starts.tolist(), r.offsets.ends.tolist()) == ([0, 1, 2], [1, 2, 8])


def test_a_step_that_drops_the_tail_keeps_the_map_as_long_as_the_text():
    t = TrackedText("abc(x)d")
    t.apply([(3, 6, "")])  # "abcd", d copied from raw 6
    t.replace_all("ab", (np.array([0, 1]), np.array([1, 2])))  # the tail "cd" dropped
    m = t.offsets()
    assert len(m) == 2
    assert (m.starts.tolist(), m.ends.tolist()) == ([0, 1], [1, 2])


# --- properties ---------------------------------------------------------------

_reading = st.text(alphabet=PINYIN_LETTERS.replace("a-z", "abcdefghijklmnopqrstuvwxyz"), min_size=1, max_size=6)
_plain = st.text(st.characters(blacklist_characters="()（）", blacklist_categories=("Cs",)), max_size=60)


@given(st.text(max_size=200))
def test_restoring_a_restored_text_changes_nothing(text):
    once = restore(text).text
    assert restore(once).text == once


@given(_plain, st.data())
def test_inserted_annotations_strip_back_to_the_text(text, data):
    pieces = []
    for ch in text:
        pieces.append(ch)
        if not ch.isspace() and data.draw(st.booleans()):
            pieces.append(f"({data.draw(_reading)})")
    assert strip_annotations("".join(pieces)) == text


@given(st.text(max_size=200))
def test_offset_map_is_monotone_and_in_bounds(text):
    r = restore(text)
    assert len(r.offsets) == len(r.text)
    assert list(r.offsets.starts) == sorted(r.offsets.starts)
    assert list(r.offsets.ends) == sorted(r.offsets.ends)
    for s, e in zip(r.offsets.starts, r.offsets.ends, strict=True):
        assert 0 <= s <= e <= len(text)


_damaged = st.text(alphabet="著力發展規劃薴乾後國家(guóa),;:?! \n中文A1“”\x00", max_size=80)


@given(st.one_of(_damaged, st.text(max_size=120)))
def test_the_text_alone_is_what_restore_gives(raw):
    rules = [Repair("R1", "著力", "着力", ""), Repair("R2", "发展", "發展", "")]
    try:
        full = restore(raw, rules)
    except RestorationError:
        with pytest.raises(RestorationError):
            restored_text(raw, rules)
        return
    assert restored_text(raw, rules) == (full.text, len(full.repairs))


@given(st.text(max_size=300))
def test_arbitrary_unicode_raises_nothing_but_the_documented_error(text):
    with contextlib.suppress(RestorationError):
        restore(text, [Repair("R", "著力", "着力", "")])

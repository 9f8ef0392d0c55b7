"""Fuzzing every public function that takes text or files.

Arbitrary Unicode, mixed scripts, huge and empty inputs, unbalanced brackets and
quotes, malformed annotations, control characters, and bytes that are not text
(lone surrogates encoded, truncated UTF-8). The only exceptions allowed out are the
project's documented ones. Examples per test: 150 in the default ``ci`` profile,
3,000 with ``HYPOTHESIS_PROFILE=long`` (see README).
"""

from __future__ import annotations

import contextlib
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xindu_plan import compare, corpus, parse
from xindu_plan.analysis.comparison import CompareError
from xindu_plan.base.errors import XinduPlanError
from xindu_plan.chinese.quantities import Frame, find_quantities, parse_number
from xindu_plan.chinese.text import (
    Repair,
    check_annotation,
    find_annotations,
    punctuation_edits,
    restore,
    strip_annotations,
    to_simplified,
    traditional_share,
)
from xindu_plan.reading.reader import clean, read_document, split_sentences

PINYIN = "āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ"
PIECES = [
    *"发展國家規劃新都區成都市政府工作报告疫情防控“”‘’「」（）()《》【】,，。.;；:：?？!！、—…",
    *"0123456789.%一二三四五六七八九十百千万亿〇两",
    "以上",
    "以下",
    "左右",
    "以内",
    "超过",
    "不低于",
    "增长",
    "下降",
    "力争",
    "全年",
    "今年",
    "到2025年",
    "“十四五”",
    "(guó)",
    "(jiā)",
    "(",
    ")",
    "(gu",
    "ó)",
    "((dū))",
    f"({PINYIN[:3]})",
    "I(mǎi)",
    "一、",
    "（一）",
    "1.",
    "（1）",
    "第一章",
    "第二篇",
    "围绕“协同共兴”攻坚提质，",
    "——2021年3月5日在第十三届全国人民代表大会第四次会议上",
    "国务院总理",
    "李克强",
    "\n",
    "\n\n\n",
    " ",
    "\u3000",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\t",
    "\r\n",
    "\r",
    "\x00",
    "\x07",
    "\x1b",
    "\x85",
    "\u2028",
    "\u202e",
    "\U0002a700",
    "𠀀",
    "abc",
    "IBM",
    "5G",
]
#: Pieces of written numbers: digits, Chinese numerals, units and comparators.
NUMBER_PIECES = [
    *"0123456789.,%一二三四五六七八九十百千万亿〇两零点",
    "万亿",
    "亿元",
    "个百分点",
    "以上",
    "左右",
    "-",
    "+",
    "e",
]
#: Text that looks like a damaged plan: the pieces above in any order.
plan_like = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)
#: Any Unicode text (hypothesis leaves out lone surrogates, which a str from a file cannot hold).
any_text = st.one_of(st.text(max_size=300), plan_like)
#: A huge input: a short text repeated up to 3,000 times.
huge = st.builds(lambda s, n: s * n, st.one_of(st.text(min_size=1, max_size=30), plan_like), st.integers(0, 3000))

texts = st.one_of(any_text, huge, st.just(""))
FUZZ = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FUZZ
@given(texts)
def test_restoration(text):
    with contextlib.suppress(XinduPlanError):
        r = restore(text, [Repair("R1", "著力", "着力", "")])
        assert len(r.offsets) == len(r.text)
        for start, end in zip(r.offsets.starts, r.offsets.ends, strict=True):
            assert 0 <= start <= end <= len(text)
    assert isinstance(to_simplified(text), str)
    assert find_annotations(strip_annotations(text)) == []
    for start, end, _ in punctuation_edits(text):
        assert 0 <= start < end <= len(text)
    assert 0.0 <= traditional_share(text) <= 1.0


@FUZZ
@given(st.text(max_size=8), st.text(max_size=3))
def test_annotation_check(reading, char):
    fits, known = check_annotation(reading, char)
    # every reading pypinyin gives for the character fits it; nothing fits an unknown character
    assert all(check_annotation(k, char)[0] for k in known)
    assert fits <= bool(known)


@pytest.mark.parametrize(
    ("reading", "char", "fits"),
    [
        ("zhuó", "着", True),
        ("zháo", "着", True),
        ("háng", "行", True),
        ("xíng", "行", True),
        ("guó", "国", True),
        ("guo", "国", False),
        ("guǒ", "国", False),
        ("mǎi", "I", False),
        ("", "国", False),
    ],
)
def test_annotation_check_known_readings(reading, char, fits):
    assert check_annotation(reading, char)[0] is fits


@FUZZ
@given(texts)
def test_parsing(text):
    try:
        doc = parse(text)
    except XinduPlanError:
        return
    for frame in (doc.paragraphs, doc.sentences, doc.targets, doc.terms):
        for start, end in zip(frame["start"], frame["end"], strict=True):
            assert 0 <= start <= end <= len(doc.text)
    for start, end in split_sentences(doc.text):
        assert 0 <= start <= end <= len(doc.text)
    assert clean(doc.text) == clean(clean(doc.text))


def _quantities_lie_in_the_text(text, year, role):
    for q in find_quantities(text, year, Frame(role, year, year)):
        assert 0 <= q.start <= q.number_start < q.number_end <= q.end <= len(text)
        assert text[q.indicator_start : q.indicator_end] == q.indicator


_quantity_inputs = given(
    texts, st.one_of(st.none(), st.integers(1900, 2100)), st.sampled_from(["", "year", "review", "plan"])
)
# The grammar on long texts is the slowest property: a short profile by default, the long one marked slow.
test_quantity_extraction = settings(FUZZ, max_examples=40)(_quantity_inputs(_quantities_lie_in_the_text))
test_quantity_extraction_long = pytest.mark.slow(
    settings(FUZZ, max_examples=1000)(_quantity_inputs(_quantities_lie_in_the_text))
)


@FUZZ
@given(st.one_of(st.text(max_size=20), st.lists(st.sampled_from(NUMBER_PIECES), max_size=8).map("".join)))
def test_number_grammar(written):
    with contextlib.suppress(XinduPlanError):
        value = parse_number(written)
        assert math.isfinite(value) and value >= 0


@FUZZ
@given(plan_like)
def test_comparison(plan, text):
    try:
        result = compare(plan, parse(text, name="fuzz"))
    except (XinduPlanError, CompareError):
        return
    assert set(result.passages["document"]) <= {"fuzz"}
    assert result.summary["units"].sum() == len(plan.measures)


@FUZZ
@given(any_text)
def test_search_and_quote(plan, query):
    try:
        hits = plan.search(query)
    except XinduPlanError:
        return
    for row in hits.itertuples():
        # Latin letters match in any case; the match is the text as it stands
        assert plan.text[row.start : row.end] == row.match
        needle = to_simplified(query.strip())
        for repair in plan.restoration.repairs:
            needle = needle.replace(repair.repair.found, repair.repair.replacement)
        assert row.match.lower() == needle.lower()
        assert 0 <= row.raw_start <= row.raw_end <= len(plan.raw)


@FUZZ
@given(st.integers(-10, 6000), st.integers(-10, 6000))
def test_quote_bounds(plan, start, end):
    try:
        quote = plan.quote(start, end)
    except IndexError:
        assert not (0 <= start < end <= len(plan.text))
        return
    assert quote.text == plan.text[start:end]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz-files")


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=400),
        any_text.map(lambda t: t.encode("utf-8")),
        any_text.map(lambda t: t.encode("utf-8", "ignore")[:-1]),  # truncated mid-character
        any_text.map(lambda t: t.encode("gb18030", "ignore")),
        any_text.map(lambda t: t.encode("big5", "ignore")),
        st.just("\ud800 lone surrogate".encode("utf-8", "surrogatepass")),
        st.just(b"\xef\xbb\xbf" + "带BOM".encode()),
    )
)
def test_reading_files(folder, data):
    path = Path(folder) / "input.txt"
    path.write_bytes(data)
    try:
        text = read_document(path)
    except XinduPlanError as err:
        assert "input.txt" in str(err)
        return
    assert isinstance(text, str)
    parse(text)


@FUZZ
@given(st.text(max_size=40))
def test_corpus_lookup(name):
    try:
        corpus.entry(name)
    except LookupError as err:
        assert "no corpus document named" in str(err)

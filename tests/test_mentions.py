"""The word-boundary rule for term mentions and the entity rule, over every term and entity."""

from __future__ import annotations

import itertools
import marshal
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from xindu_plan.chinese.mentions import entity_spans, quoted_spans, segment, term_spans, whole_item, word_boundaries


def test_every_term_mention_is_quoted_or_a_word_and_every_other_occurrence_is_inside_a_word(plan):
    text = plan.text
    quoted, bounds = quoted_spans(text), word_boundaries(text)
    found = {(r.term_id, r.start, r.end) for r in plan.term_mentions.itertuples()}
    for term in plan.terms.itertuples():
        for m in re.finditer(re.escape(term.term), text):
            span = (m.start(), m.end())
            counted = (term.term_id, *span) in found
            as_word = len(term.term) > 1 and m.start() in bounds and m.end() in bounds
            assert counted == (span in quoted or as_word), (term.term, span)


def test_kuai_fazhan_inside_jiakuai_fazhan_is_not_a_mention(plan):
    mentions = plan.term_mentions[plan.term_mentions["term_id"] == "Q18"]
    assert mentions["sentence_id"].tolist() == ["P17.3"] and mentions["quoted"].all()
    assert plan.terms.set_index("term_id").loc["Q18", "mentions"] == 1


def test_unquoted_word_mentions_still_count(plan):
    unquoted = plan.term_mentions[~plan.term_mentions["quoted"]]
    assert sorted(zip(unquoted["term_id"], unquoted["sentence_id"], strict=True)) == [
        ("Q05", "P09.1"),
        ("Q26", "P34.2"),
    ]


def test_entity_rule_is_applied(plan):
    names = set(plan.entities["name"])
    assert "沸腾乡野" in names  # a quoted place-brand beside 沸腾里
    assert not {"一院五馆", "中国", "成都市委", "香城英才计划"} & names
    text, quoted = plan.text, quoted_spans(plan.text)
    for r in plan.entity_mentions.itertuples():
        assert whole_item(r.start, r.end, quoted, text), (r.surface, r.sentence_id)
    chengdu = plan.entity_mentions[plan.entity_mentions["surface"] == "成都"]
    assert "P25.2" not in set(chengdu["sentence_id"])  # 成都 in the slogan item 成都生活


def test_single_character_terms_count_only_in_quotes():
    text = "深化“亲”、“清”政商关系，亲自清理。"
    quoted = quoted_spans(text)
    assert term_spans(text, "亲", quoted, frozenset(range(len(text) + 1))) == [(3, 4, True)]


@given(
    st.text(alphabet="加快发展“”·成都生活沸腾小镇，。", max_size=40), st.sampled_from(["快发展", "成都", "沸腾小镇"])
)
def test_mentions_read_their_form_and_never_overlap(text, form):
    quoted, bounds = quoted_spans(text), word_boundaries(text)
    for start, end, is_quoted in term_spans(text, form, quoted, bounds):
        assert text[start:end] == form and is_quoted == ((start, end) in quoted)
    spans = entity_spans(text, [("成都", "E01"), ("沸腾小镇", "E33"), ("成都生活", "X")])
    for (s1, e1, f1, _), (s2, _, _, _) in itertools.pairwise(spans):
        assert text[s1:e1] == f1 and e1 <= s2


def _cuts(text: str, folder) -> list[list[str]]:
    """jieba's own cut of every line, through its own initialisation (its cache kept in ``folder``)."""
    import logging

    import jieba

    jieba.setLogLevel(logging.ERROR + 1)
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(folder)
    tokenizer.initialize()
    return [tokenizer.lcut(line, HMM=False) for line in text.split("\n")]


def test_the_text_is_cut_as_jieba_cuts_it(plan, tmp_path):
    assert segment(plan.text) == _cuts(plan.text, tmp_path)
    assert segment("加快发展")[0] == ["加快", "发展"]  # so 快发展 is no word of 加快发展


def test_word_boundaries_read_no_cache_and_write_none(tmp_path, monkeypatch, plan):
    import tempfile

    own, shared = tmp_path / "own", tmp_path / "shared"
    own.mkdir()
    shared.mkdir()
    cuts = _cuts(plan.text, own)  # jieba's cut, from a cache of its own elsewhere
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    planted = shared / "jieba.cache"
    planted.write_bytes(marshal.dumps(({"新": 1, "都": 1}, 2)))
    expected, pos = set(), 0
    for tokens in cuts:
        expected |= set(itertools.accumulate(map(len, tokens), initial=pos))
        pos = max(expected) + 1
    word_boundaries.cache_clear()
    try:
        assert word_boundaries(plan.text) == expected
    finally:
        word_boundaries.cache_clear()
    assert sorted(p.name for p in shared.iterdir()) == ["jieba.cache"]


def test_a_text_is_cut_with_its_own_dictionary_as_jieba_cuts_it(plan, tmp_path):
    from xindu_plan.chinese.mentions import text_dictionary

    expected = _cuts(plan.text, tmp_path)  # jieba's own initialisation, its whole dictionary
    assert segment(plan.text, own_dictionary=True) == expected
    freq, _ = text_dictionary(plan.text)
    assert len(freq) < 10_000  # a part of the dictionary (349,046 entries), not all of it


def _jieba_cut(dictionary: bytes, text: str) -> list[list[str]]:
    """jieba's cut over a dictionary file, loaded by jieba itself."""
    import io

    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = tokenizer.gen_pfdict(io.BytesIO(dictionary))
    tokenizer.initialized = True
    return [tokenizer.lcut(line, HMM=False) for line in text.split("\n")]


_SMALL = "加快发展展农村大"
_WORD = st.text(_SMALL, min_size=1, max_size=4)
_FREQUENCY = st.integers(0, 50).map(str)
#: Dictionary lines: jieba's own form, and forms jieba accepts or refuses that the quick reading must not misread.
_LINE = st.one_of(
    st.tuples(_WORD, _FREQUENCY).map(" {} n".join),
    st.tuples(_WORD, _FREQUENCY).map(" ".join),  # no tag: jieba accepts it
    st.tuples(_WORD, _WORD, _FREQUENCY).map(lambda e: f"{e[0]}\t{e[1]} {e[2]} n"),  # a tab inside a word
    st.tuples(_WORD, _FREQUENCY, _FREQUENCY).map(lambda e: f"{e[0]} {e[1]} {e[2]} n"),  # four fields
    st.tuples(_WORD, st.sampled_from(["\t", "  ", "\x0b", " \x0c"]), _FREQUENCY).map(lambda e: "".join(e) + " n"),
    st.tuples(_WORD, _FREQUENCY).map(lambda e: f"{e[0]} {e[1]} n\r"),  # CRLF
)


def _outcome(cut):
    """The cut, or the error jieba's loading or cutting raises (a malformed file, a total of 0)."""
    try:
        return cut()
    except ValueError:
        return "ValueError"


def _own_cut(dictionary: bytes, text: str):
    import io
    from unittest import mock

    import jieba

    from xindu_plan.chinese import mentions

    with mock.patch.object(jieba.Tokenizer, "get_dict_file", lambda self: io.BytesIO(dictionary)):
        mentions.text_dictionary.cache_clear()
        mentions.jieba_dictionary.cache_clear()
        try:
            return _outcome(lambda: segment(text, own_dictionary=True))
        finally:
            mentions.text_dictionary.cache_clear()
            mentions.jieba_dictionary.cache_clear()


@given(
    lines=st.lists(_LINE, min_size=1, max_size=25),
    final_newline=st.booleans(),
    text=st.text(_SMALL + "\n，a", max_size=40),
)
def test_a_texts_own_dictionary_cuts_as_the_whole_on_any_dictionary(lines, final_newline, text):
    """Repeated words, prefixes of other words, zero frequencies, and lines jieba reads otherwise or refuses:
    the same cut as jieba's own loading, or the same error."""
    dictionary = ("\n".join(lines) + "\n" * final_newline).encode()
    assert _own_cut(dictionary, text) == _outcome(lambda: _jieba_cut(dictionary, text))


@pytest.mark.parametrize(
    ("dictionary", "text"),
    [
        ("云计算 5\n人工\t智能 3 n\n".encode(), "智能"),  # a line without a tag, then a tab in a word
        ("云计算 5\n人工\x0b智能 3 n\n".encode(), "智能"),
        ("甲 5\n乙丙 3 7 n\n".encode(), "乙丙"),  # a line without a tag, then one with four fields
        ("加快 5\n发展 3 v\n加快发展 1\n".encode(), "加快发展"),
        (b"\xff\xfe 5 n\n" + "加快 3 n\n".encode(), "加快"),  # not UTF-8: jieba refuses it
        ("加快\t5\tn\n".encode(), "加快"),
        ("加快  5 n\n".encode(), "加快"),
        ("加快 ５ n\n".encode(), "加快"),  # a full-width digit: int() reads it as text only
    ],
    ids=[
        "no-tag-then-tab",
        "no-tag-then-vt",
        "no-tag-then-four",
        "no-tag",
        "not-utf8",
        "tabs",
        "two-spaces",
        "wide-digit",
    ],
)
def test_a_dictionary_in_another_form_is_read_as_jieba_reads_it(dictionary, text):
    assert _own_cut(dictionary, text) == _outcome(lambda: _jieba_cut(dictionary, text))


def test_a_long_text_gets_the_whole_dictionary():
    from xindu_plan.chinese.mentions import OWN_DICTIONARY_UP_TO, jieba_dictionary, text_dictionary

    assert text_dictionary("加" * (OWN_DICTIONARY_UP_TO + 1)) is jieba_dictionary()
    assert text_dictionary("加" * OWN_DICTIONARY_UP_TO) is not jieba_dictionary()

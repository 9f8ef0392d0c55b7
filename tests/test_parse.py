"""Reading other plan documents (xindu_plan/parse.py)."""

from __future__ import annotations

import re

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xindu_plan.reader import ParseError, clean, parse, read_document

from .conftest import ROOT

CORPUS = ROOT / "xindu_plan" / "corpus"


def test_national_report_metadata_and_headings():
    doc = parse((CORPUS / "national-gwr-2021.txt").read_text(encoding="utf-8"))
    assert doc.metadata == {
        "title": "政府工作报告",
        "date": "2021-03-05",
        "meeting": "第十三届全国人民代表大会第四次会议",
        "speaker": "李克强",
        "office": "国务院总理",
    }
    headings = doc.headings()
    assert list(headings.loc[headings["level"] == 1, "text"]) == [
        "一、2020年工作回顾",
        "二、“十三五”时期发展成就和“十四五”时期主要目标任务",
        "三、2021年重点工作",
    ]
    assert "\u200b" not in doc.text and "Public domain" not in doc.text and "本作品" not in doc.text
    assert "政府工作报告" in doc.text.split("\n")[0]


def test_spans_trace_back_to_the_input():
    source = (CORPUS / "national-gwr-2022.txt").read_text(encoding="utf-8")
    doc = parse(source)
    for row in doc.sentences.itertuples():
        a, b = doc.source_span(row.start, row.end)
        assert 0 <= a < b <= len(source)
        # the input span, without the invisible characters, spaces and line breaks cleaning removed, reads the sentence
        assert "".join(ch for ch in source[a:b] if ch not in "\u200b\n\u3000 ") == row.text


def test_traditional_copy_parses_like_the_clean_one():
    clean_text = (CORPUS / "chengdu-cpc-proposal-2020-excerpt.txt").read_text(encoding="utf-8")
    traditional = opencc.OpenCC("s2t").convert(clean_text)
    a, b = parse(clean_text), parse(traditional)
    assert b.restored and not a.restored
    assert list(a.paragraphs["kind"]) == list(b.paragraphs["kind"])
    assert list(a.sentences["text"]) == list(b.sentences["text"])


def test_xindu_style_headings_and_lead_phrases():
    text = (ROOT / "data/text/article.txt").read_text(encoding="utf-8")
    doc = parse(text, year=2021)
    pillars = doc.paragraphs[doc.paragraphs["heading_style"] == "pillar"]
    assert len(pillars) == 6
    assert doc.paragraphs["lead_end"].notna().sum() == 21
    assert doc.metadata["speaker"] == "许兴国" and doc.metadata["office"] == "中共成都市新都区委书记"


def test_encodings(tmp_path):
    text = "今年发展主要预期目标是：国内生产总值增长6%以上。"
    for encoding in ("utf-8", "utf-8-sig", "gb18030"):
        path = tmp_path / f"doc-{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert read_document(path) == text
    big5 = tmp_path / "big5.txt"
    traditional = "今年發展主要預期目標是國內生產總值增長百分之六以上"
    big5.write_bytes(traditional.encode("big5"))
    assert read_document(big5) == traditional
    binary = tmp_path / "binary.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ParseError, match=re.escape("binary.bin")):
        read_document(binary)


@given(st.text(max_size=300))
def test_clean_is_idempotent_and_parse_never_crashes(text):
    once = clean(text)
    assert clean(once) == once
    doc = parse(text)
    for row in doc.sentences.itertuples():
        assert 0 <= row.start < row.end <= len(doc.text)

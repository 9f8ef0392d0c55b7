"""Reading other plan documents (xindu_plan/reading/reader/)."""

from __future__ import annotations

import re

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xindu_plan.reading.reader import ParseError, clean, parse, read_document

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
        "year": 2021,
        "genre": "work_report",
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


@pytest.mark.parametrize(
    ("name", "genre", "title", "date"),
    [
        ("national-gwr-2022", "work_report", "政府工作报告", "2022-03-05"),
        ("national-gwr-2023", "work_report", "政府工作报告", "2023-03-05"),
        ("national-gwr-2024", "work_report", "政府工作报告", "2024-03-05"),
        ("chengdu-gwr-2022-excerpt", "work_report", "政府工作报告", "2022-01-23"),
        (
            "chengdu-cpc-proposal-2020-excerpt",
            "proposal",
            "中共成都市委关于制定成都市国民经济和社会发展第十四个五年规划和二〇三五年远景目标的建议",
            "2020-12-27",
        ),
    ],
)
def test_genre_title_and_date_of_each_corpus_document(name, genre, title, date):
    doc = parse((CORPUS / f"{name}.txt").read_text(encoding="utf-8"))
    assert (doc.metadata["genre"], doc.metadata["title"], doc.metadata["date"]) == (genre, title, date)
    assert doc.metadata["title"] != "各位代表："


def test_the_article_states_no_title_or_date():
    doc = parse((ROOT / "data/text/article.txt").read_text(encoding="utf-8"), year=2021)
    assert doc.metadata["genre"] == "pillar_article"
    assert doc.metadata["title"] is None and doc.metadata["date"] is None and doc.metadata["meeting"] is None


def test_sections_carry_their_role_and_years():
    doc = parse((CORPUS / "national-gwr-2021.txt").read_text(encoding="utf-8"))
    top = doc.sections[doc.sections["level"] == 1]
    assert list(zip(top["role"], top["ref_start_year"], top["ref_end_year"], strict=True)) == [
        ("review", 2020, 2020),
        ("plan", 2021, 2025),
        ("year", 2021, 2021),
    ]
    assert (doc.sections["start"] < doc.sections["end"]).all()


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("一\n今年工作很多。\n二\n明年工作更多。", ["一", "二"]),
        (
            "（一）稳增长\n国内生产总值增长6%以上。\n（二）保就业\n城镇新增就业1100万人。",
            ["（一）稳增长", "（二）保就业"],
        ),
        ("一、总体要求\n坚持稳中求进。\n结束语\n让我们团结奋斗。", ["一、总体要求", "结束语"]),
    ],
)
def test_bare_numbers_closing_words_and_second_level_headings_make_sections(text, titles):
    doc = parse(text)
    assert list(doc.sections["title"]) == titles


def test_cleaning_reports_what_each_rule_removed():
    source = (CORPUS / "national-gwr-2021.txt").read_text(encoding="utf-8")
    doc = parse(source)
    removed = doc.cleaning.groupby("rule").size()
    assert removed["invisible"] > 0 and removed["wikisource-notice"] == 1 and removed["scrape-flags"] == 4
    for row in doc.cleaning.itertuples():
        assert source[row.raw_start : row.raw_end] == row.removed or row.rule in ("hard-wraps", "blank-lines")


def test_two_reports_joined_in_one_file_are_read_whole():
    first = (CORPUS / "national-gwr-2021.txt").read_text(encoding="utf-8")
    second = (CORPUS / "national-gwr-2022.txt").read_text(encoding="utf-8")
    one, both = parse(first), parse(first + "\n" + second)
    assert "今年发展主要预期目标是：国内生产总值增长5.5%左右" in both.text
    assert len(both.quantities) > len(one.quantities)
    assert (both.cleaning["rule"] == "wikisource-notice").sum() == 2
    assert "本作品" not in both.text


def _quantities(doc, normalise=lambda s: s):
    keys = []
    for q in doc.quantities.itertuples():
        base = None if q.value_base != q.value_base else round(q.value_base, 6)
        keys.append((q.kind, normalise(q.indicator), base, q.base_unit, q.comparator, q.ref_start_year, q.ref_end_year))
    return sorted(keys, key=str)


def _wrap(text: str, width: int, sep: str) -> str:
    import textwrap

    return sep.join("\n".join(textwrap.wrap(p, width)) for p in text.split("\n"))


@pytest.mark.parametrize("name", ["national-gwr-2021", "national-gwr-2023"])
@pytest.mark.parametrize(
    "layout", ["crlf", "hard-wrapped", "hard-wrapped-blank", "one-line", "traditional", "full-width"]
)
def test_layouts_and_scripts_give_the_same_quantities(name, layout):
    source = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    base = parse(source)
    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    full_width = {ord(str(i)): chr(0xFF10 + i) for i in range(10)}
    variant = {
        "crlf": lambda: source.replace("\n", "\r\n"),
        "hard-wrapped": lambda: _wrap(base.text, 38, "\n"),
        "hard-wrapped-blank": lambda: _wrap(base.text, 38, "\n\n"),
        "one-line": lambda: base.text.replace("\n", ""),
        "traditional": lambda: s2t.convert(source),
        "full-width": lambda: source.translate(full_width),
    }[layout]()
    normalise = {
        "traditional": lambda s: t2s.convert(s2t.convert(s)),
        "full-width": lambda s: s.translate(full_width),
    }.get(layout, lambda s: s)
    assert _quantities(parse(variant), normalise) == _quantities(base, normalise)


@pytest.mark.parametrize("encoding", ["gb18030", pytest.param("big5", marks=pytest.mark.slow)])
def test_other_encodings_give_the_same_quantities(tmp_path, encoding):
    source = (CORPUS / "national-gwr-2022.txt").read_text(encoding="utf-8")
    base = parse(source)
    text = base.text if encoding == "gb18030" else opencc.OpenCC("s2tw").convert(base.text)
    path = tmp_path / f"report.{encoding}.txt"
    path.write_bytes(text.encode(encoding, errors="strict"))
    t2s = opencc.OpenCC("t2s")
    normalise = (lambda s: t2s.convert(opencc.OpenCC("s2tw").convert(s))) if encoding == "big5" else (lambda s: s)
    assert _quantities(parse(read_document(path)), normalise) == _quantities(base, normalise)


DISTRICT_REPORT = """政府工作报告
——2021年1月20日在某区第十八届人民代表大会第五次会议上
某区人民政府区长　张三
各位代表：
现在，我代表区人民政府，向大会报告工作，请予审议。
一、2020年工作回顾
过去一年，全区实现地区生产总值八百五十二亿元、增长4.1%，一般公共预算收入完成七十点六亿元。全年新增城镇就业1.2万人。
“十三五”时期，全区地区生产总值年均增长7.6%。
二、2021年工作安排
今年全区经济社会发展的主要预期目标是：地区生产总值增长8%左右，一般公共预算收入增长5%以上，城镇新增就业1万人以上。
（一）加快产业建圈强链。力争全年引进重大项目20个以上。安排区级财政资金3亿元支持产业发展。
到2025年，全区地区生产总值突破一千二百亿元。
"""


def test_a_district_work_report_tells_results_targets_and_amounts_apart():
    doc = parse(DISTRICT_REPORT)
    assert doc.metadata["genre"] == "work_report" and doc.metadata["year"] == 2021
    assert (doc.metadata["speaker"], doc.metadata["office"]) == ("张三", "某区人民政府区长")
    q = doc.quantities
    rows = {(r.kind, r.indicator, round(r.value_base, 2), r.ref_start_year, r.ref_end_year) for r in q.itertuples()}
    assert ("result", "地区生产总值", 8.52e10, 2020, 2020) in rows
    assert ("result", "一般公共预算收入", 7.06e9, 2020, 2020) in rows
    assert ("result", "全区地区生产总值", 7.6, 2016, 2020) in rows
    assert ("target", "地区生产总值", 8.0, 2021, 2021) in rows
    assert ("target", "一般公共预算收入", 5.0, 2021, 2021) in rows
    assert ("target", "引进重大项目", 20.0, 2021, 2021) in rows
    assert ("other", "区级财政资金", 3e8, 2021, 2021) in rows
    assert ("plan_target", "全区地区生产总值", 1.2e11, 2021, 2025) in rows


def test_an_outline_reads_plan_period_goals():
    text = (
        "第一章　发展目标\n到2025年，全区地区生产总值年均增长7%左右，森林覆盖率达到40%。\n"
        "第二章　主要任务\n建设10个产业园区。"
    )
    doc = parse("成都市某区国民经济和社会发展第十四个五年规划纲要\n" + text)
    assert doc.metadata["genre"] == "outline"
    kinds = {(r.indicator, r.kind, r.ref_start_year, r.ref_end_year) for r in doc.quantities.itertuples()}
    assert ("全区地区生产总值", "plan_target", 2021, 2025) in kinds
    assert ("森林覆盖率", "plan_target", 2021, 2025) in kinds

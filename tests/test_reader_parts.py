"""The pieces of the reader (xindu_plan/reading/reader/), each on small inputs of its own."""

from __future__ import annotations

import pandas as pd
import pytest

import xindu_plan.reading.reader as reader
from xindu_plan.base.errors import ParseError
from xindu_plan.chinese.quantities import Frame
from xindu_plan.chinese.text import TrackedText
from xindu_plan.reading.reader import document, layout, lines, metadata, structure

REPORT = (
    "政府工作报告\n"
    "2021年3月5日在第十三届全国人民代表大会第四次会议上\n"
    "国务院总理 李克强\n"
    "各位代表：\n"
    "一、2020年工作回顾\n"
    "过去一年，我们坚持稳中求进。经济增长2.3%。\n"
    "二、2021年重点工作\n"
    "国内生产总值增长6%以上。"
)


# lines: what a line is


def test_headings_are_told_by_their_marker_level_and_style():
    assert lines._heading("第一篇 开启新征程") == (1, "part")
    assert lines._heading("第三章 坚持创新驱动") == (2, "chapter")
    assert lines._heading("围绕“协同共兴”攻坚提质，以高水平开放合作服务发展大局") == (1, "pillar")
    assert lines._heading("（3）加强监管") == (4, "numbered")
    assert lines._heading("结束语") == (1, "named")
    assert lines._heading("2.5%的增长") is None  # a decimal number is no marker
    assert lines._marker_length("（一）深化改革。") == 3
    assert lines._marker_length("第一章 总则") == 0  # only numbered markers count


def test_a_line_starts_a_block_when_it_is_a_heading_salutation_date_or_signature():
    assert lines._starts_block("各位代表：")
    assert lines._starts_block("2021年3月5日在第十三届全国人民代表大会第四次会议上")
    assert lines._starts_block("国务院总理 李克强")
    assert lines._starts_block("过去五年，我们")
    assert lines._starts_block("二、主要任务")
    assert not lines._starts_block("坚持稳中求进，")
    assert not lines._starts_block("二、主要任务。坚持稳中求进。")  # a sentence is no heading


def test_pillar_and_lead_patterns():
    m = lines.PILLAR.match("围绕“协同共兴”攻坚提质，以高水平开放合作服务发展大局")
    assert m is not None and (m["theme"], m["verb"], m["aim"]) == (
        "协同共兴",
        "攻坚提质",
        "以高水平开放合作服务发展大局",
    )
    lead = lines.LEAD.match("构建区域协同枢纽。深化合作。")
    assert lead is not None and lead["lead"] == "构建区域协同枢纽"
    assert lines.LEAD.match("构建区域协同枢纽。") is None  # a lead needs text after it


# layout: cleaning, hard wraps, lines


def test_clean_applies_the_rules_given_and_refuses_a_broken_one():
    assert layout.clean("甲乙", rules=[layout.CleaningRule("swap", "甲", "乙")]) == "乙乙"
    with pytest.raises(ParseError, match="cleaning rule 'broken'"):
        layout.clean("甲", rules=[layout.CleaningRule("broken", "(")])


def test_cleaning_logs_each_removal_as_a_span_of_the_input():
    tracked = TrackedText("甲\u200b乙\n\n\n丙")
    log: dict[str, list[object]] = {name: [] for name in layout._CLEANING_COLUMNS}
    layout._clean(tracked, layout.CLEANING_RULES, log)
    assert tracked.text == "甲乙\n丙"
    assert log == {
        "rule": ["invisible", "blank-lines"],
        "raw_start": [1, 3],
        "raw_end": [2, 6],
        "removed": ["\u200b", "\n\n\n"],
        "inserted": ["", "\n"],
    }


def test_hard_wraps_of_a_blank_line_layout_and_of_a_fixed_width_one():
    assert layout._hard_wraps("第一段前半\n后半。\n\n第二段。") == [(5, 6, "")]
    assert layout._hard_wraps("第一段。\n\n第二段。\n一、标题") == []  # after a sentence end, before a heading
    width = "甲" * 29 + "，"
    wrapped = "\n".join([width] * 5 + ["乙" * 12 + "。", "丙" * 12 + "。"])
    assert layout._hard_wraps(wrapped) == [(31 * i + 30, 31 * i + 31, "") for i in range(5)]


def test_lines_skip_blank_ones_and_cut_a_long_single_line_before_its_headings():
    assert layout._lines("甲\n\n \n乙") == [(0, 1), (5, 6)]
    text = "前言。" + "甲" * 1000 + "。一、总体要求。" + "乙" * 10 + "。二、主要任务。丙"
    pieces = [text[a:b] for a, b in layout._lines(text)]
    assert len(pieces) == 3 and pieces[1].startswith("一、") and pieces[2] == "二、主要任务。丙"
    assert "".join(pieces) == text


# structure: sentences, paragraph kinds, genre, sections


def test_split_sentences_within_a_stretch():
    s = "甲。乙！丙"
    assert structure.split_sentences(s, 2) == [(2, 4), (4, 5)]
    assert structure.split_sentences("“好。”他说。") == [(0, 4), (4, 7)]


def test_paragraph_kinds_of_a_work_report():
    rows = structure._read_paragraphs(REPORT)
    kinds = ["title", "metadata", "signature", "salutation", "heading", "body", "heading", "body"]
    assert [r["kind"] for r in rows] == kinds
    assert rows[4]["level"] == 1 and rows[4]["heading_style"] == "numbered"
    assert [r["paragraph_id"] for r in rows[:2]] == ["P01", "P02"]
    assert all(REPORT[r["start"] : r["end"]] == r["text"] for r in rows)


def test_the_lead_phrase_of_a_measure_ends_at_its_first_full_stop():
    text = "前言\n1.构建区域协同枢纽。深化合作，扩大开放。"
    row = structure._read_paragraphs(text)[-1]
    assert (row["kind"], row["level"]) == ("body", 3) and text[row["start"] : row["lead_end"]] == "1.构建区域协同枢纽。"


def test_genres_plan_years_and_roles():
    rows = structure._read_paragraphs(REPORT)
    assert structure._genre({"title": "政府工作报告"}, rows) == "work_report"
    assert structure._genre({"title": "中共中央关于制定国民经济和社会发展第十四个五年规划的建议"}, []) == "proposal"
    assert structure._genre({"title": "某某"}, []) == "unknown"
    assert set(structure.GENRES) >= {"work_report", "outline", "proposal", "unknown"}
    assert structure._plan_years("第十四个五年规划") == (2021, 2025)
    assert structure._plan_years("“十三五”时期") == (2016, 2020)
    assert structure._plan_years("今年") is None
    assert structure._role("一、2020年工作回顾", 2021) == Frame("review", 2020, 2020)
    assert structure._role("三、2021年重点工作", 2021) == Frame("year", 2021, 2021)
    assert structure._role("二、“十四五”时期主要目标任务", 2021) == Frame("plan", 2021, 2025)
    assert structure._cue("过去五年，我们", 2021, Frame("year", 2021, 2021)) == Frame("review", 2016, 2020)
    assert structure._cue("去年，我们", 2021, Frame("year", 2021, 2021)) is None  # only inside a review


def test_frames_open_a_section_at_each_heading_with_the_time_it_speaks_of():
    rows = structure._read_paragraphs(REPORT)
    sections, frames = structure._frames(rows, "work_report", 2021, "政府工作报告")
    assert [(s["title"], s["role"], s["ref_start_year"]) for s in sections] == [
        ("一、2020年工作回顾", "review", 2020),
        ("二、2021年重点工作", "year", 2021),
    ]
    assert sections[0]["end"] == rows[6]["start"] - 1 and sections[1]["end"] == len(REPORT)
    assert [f.role for f in frames] == ["", "", "", "", "review", "review", "year", "year"]


# metadata: title, date, speaker, year; reading a file


def test_metadata_of_a_work_report_opening():
    rows = structure._read_paragraphs(REPORT)
    assert metadata._metadata(REPORT, rows) == {
        "title": "政府工作报告",
        "date": "2021-03-05",
        "meeting": "第十三届全国人民代表大会第四次会议",
        "speaker": "李克强",
        "office": "国务院总理",
    }


def test_a_date_stated_in_the_text_is_read_when_no_line_gives_it():
    text = "报告\n今年2022年3月5日在第十三届全国人民代表大会第五次会议上通过。"
    meta = metadata._metadata(text, structure._read_paragraphs(text))
    assert meta["date"] == "2022-03-05" and meta["meeting"] == "第十三届全国人民代表大会第五次会议"


def test_the_year_comes_from_the_date_the_title_or_the_review():
    assert metadata._year({"date": "2020-05-22", "title": "2019年政府工作报告"}, []) == 2020
    assert metadata._year({"title": "2019年政府工作报告"}, []) == 2019
    review = [{"kind": "heading", "text": "一、2020年工作回顾", "heading_style": "numbered"}]
    assert metadata._year({"title": None}, review) == 2021
    assert metadata._year({"title": "无题"}, []) is None


def test_read_document_decodes_utf8_gb18030_and_big5(tmp_path):
    text = "政府工作报告。国内生产总值增长百分之六以上，城镇新增就业一千一百万人以上。" * 3
    (tmp_path / "utf8.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "gb.txt").write_bytes(text.encode("gb18030"))
    traditional = "政府工作報告。國內生產總值增長百分之六以上，城鎮新增就業一千一百萬人以上。" * 3
    (tmp_path / "big5.txt").write_bytes(traditional.encode("big5"))
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 4)
    assert metadata.read_document(tmp_path / "utf8.txt") == text
    assert metadata.read_document(tmp_path / "gb.txt") == text
    assert metadata.read_document(tmp_path / "big5.txt") == traditional
    with pytest.raises(ParseError, match=r"binary\.bin"):
        metadata.read_document(tmp_path / "binary.bin")


# document: the Document type and its tables


def test_string_columns_and_tables():
    column = document._strings(["甲", None, "乙"])
    assert len(column) == 3 and column.iloc[0] == "甲" and pd.isna(column.iloc[1])
    table = document._table({"a": ["x", None], "b": [1, 2], "c": [None, None]}, ["b", "a", "c"])
    assert list(table.columns) == ["b", "a", "c"] and list(table["b"]) == [1, 2] and table["a"].iloc[0] == "x"
    assert table["c"].isna().all()


def test_sentences_table_numbers_the_sentences_of_each_paragraph():
    text = "甲。乙！\n丙。"
    paragraphs = [{"paragraph_id": "P01", "start": 0, "end": 4}, {"paragraph_id": "P02", "start": 5, "end": 7}]
    frame = document._sentences(text, paragraphs)
    assert list(frame.columns) == list(document._SENTENCE_COLUMNS)
    assert list(frame["sentence_id"]) == ["P01.1", "P01.2", "P02.1"]
    assert list(frame["order"]) == [1, 2, 1] and list(frame["start"]) == [0, 2, 5] and list(frame["end"]) == [2, 4, 7]
    assert list(frame["text"]) == ["甲。", "乙！", "丙。"]


def test_quantity_table_gathers_every_quantity_with_its_written_form():
    text = "国内生产总值增长6%以上。"
    paragraphs = [{"paragraph_id": "P01", "kind": "body", "start": 0, "end": len(text)}]
    table = document._quantity_table(text, paragraphs, [Frame("year", 2021, 2021)], 2021, lambda pos: "P01.1")
    assert list(table.columns) == list(document.QUANTITY_COLUMNS)
    row = table.iloc[0]
    assert (row["quantity_id"], row["kind"], row["indicator"], row["written"]) == (
        "Q1",
        "target",
        "国内生产总值",
        "增长6%以上",
    )
    assert row["value"] == 6 and row["sentence_id"] == "P01.1" and str(table["period_start_year"].dtype) == "Int64"
    assert pd.isna(row["period_start_year"])
    heading_only = [{"paragraph_id": "P01", "kind": "signature", "start": 0, "end": len(text)}]
    assert len(document._quantity_table(text, heading_only, [Frame()], 2021, lambda pos: None)) == 0


def test_document_headings_and_source_spans():
    doc = reader.parse("一、总体要求\n\n坚持稳中求进。")
    assert isinstance(doc, document.Document)
    assert list(doc.headings()["text"]) == ["一、总体要求"]
    start = doc.text.index("坚持")
    assert doc.source_span(start, start + 2) == (8, 10)


# the package: parse runs the pieces in turn


def test_parse_restores_traditional_input_and_logs_its_cleaning():
    doc = reader.parse("政府工作報告。這是一個關於經濟發展的報告。國內生產總值增長6%以上。")
    assert doc.restored and doc.text.startswith("政府工作报告。这是一个")
    plain = reader.parse("甲乙", rules=[reader.CleaningRule("swap", "甲", "乙")], name="swapped")
    assert plain.text == "乙乙" and plain.name == "swapped" and not plain.restored
    assert list(plain.cleaning["rule"]) == ["swap"] and list(plain.cleaning["removed"]) == ["甲"]
    with pytest.raises(ParseError, match="not bytes"):
        reader.parse(b"bytes")  # type: ignore[arg-type]


def test_the_package_gives_the_names_it_always_gave():
    assert reader.clean is layout.clean and reader.Document is document.Document
    assert reader.split_sentences is structure.split_sentences and reader.read_document is metadata.read_document
    assert reader.PILLAR is lines.PILLAR and reader.ParseError is ParseError
    assert all(hasattr(reader, name) for name in reader.__all__)

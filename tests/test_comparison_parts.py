"""The pieces of :mod:`xindu_plan.analysis.comparison`, each on small inputs of its own."""

from __future__ import annotations

import pickle
import warnings
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from xindu_plan import parse
from xindu_plan.analysis.comparison import (
    chunks,
    decision,
    frames,
    items,
    many,
    output,
    pair,
    queries,
    report,
    schema,
    sides,
    terms,
    workers,
)
from xindu_plan.base.errors import CompareError

TEXT = "一、疫情防控\n抓好常态化疫情防控，健全防控体系，提升检测和收治能力。\n二、改革\n深化“放管服”改革。"


@pytest.fixture(scope="module")
def later():
    return parse(TEXT, name="later")


@pytest.fixture(scope="module")
def plan_queries(plan):
    sa = sides._plan_side(plan)
    return sa, queries._queries(sides._extra_words(plan), sa.units)


# --- sides ------------------------------------------------------------------------


def test_a_document_side_has_its_body_paragraphs_as_units_under_their_headings(later):
    side = sides._document_side(later)
    assert side.name == "later"
    assert [u.group_label for u in side.units] == ["一、疫情防控", "二、改革"]
    assert [g[1] for g in side.groups] == ["一、疫情防控", "二、改革"]
    assert side.groups[0][3] == side.groups[1][2]  # a pillar ends where the next one starts
    assert ("放管服", None) in side.terms
    assert [p.passage_id for p in side.passages] == [u.unit_id for u in side.units]


def test_a_long_paragraph_is_cut_into_runs_of_sentences():
    sentence = "推进城乡融合发展，建设现代化新型城市和美丽乡村。"
    doc = parse("一、发展\n" + sentence * 30, name="long")
    passages = sides._passages_of(doc)
    assert len(passages) > 1 and {p.paragraph_id for p in passages} == {passages[0].paragraph_id}
    assert passages[1].passage_id == f"{passages[0].paragraph_id}.2"
    assert all(p.end - p.start <= sides.RUN_CHARS for p in passages)
    assert all(p.heading == "一、发展" and p.text == doc.text[p.start : p.end] for p in passages)


def test_a_side_is_a_plan_or_a_document():
    with pytest.raises(CompareError, match="takes a Plan or a Document as b, not int"):
        sides._side(42, "b")


def test_the_extra_words_are_the_plans_terms_and_names(plan, later):
    extra = sides._extra_words(plan, later)
    assert "放管服" in extra and extra == tuple(sorted(extra)) and all(len(w) >= 2 for w in extra)
    assert sides._extra_words(later) == ()  # a document brings none


# --- queries ----------------------------------------------------------------------


def test_the_tokenizer_keeps_the_plans_names_whole(plan):
    assert "香城英才计划" in queries.tokenizer(plan).tokens("实施香城英才计划")


def test_a_measures_own_text_covers_that_measure_best(plan_queries):
    sa, built = plan_queries
    unit = next(u for u in sa.units if u.unit_id == "M19")
    scores, tokens_of = queries._scores(built, [sides._Passage("x", "x", None, 0, 1, unit.text)])
    assert scores.coverage.shape == (1, len(sa.units)) and tokens_of[0]
    assert sa.units[int(scores.coverage[0].argmax())].unit_id == "M19"
    assert built.null is not None and built.unrelated.shape == (len(sa.units),)


# --- decision ---------------------------------------------------------------------


def test_the_verdict_follows_the_thresholds_in_order():
    def verdict(coverage=0.5, chance=0.0, other=0.0, unrelated=0.1, shared=5, evidence=3):
        return decision._verdict(coverage, chance, other, unrelated, shared, evidence, "企业|改革")[0]

    assert verdict(shared=decision.MIN_SHARED_WORDS - 1) == "none"
    assert decision._verdict(0.5, 0.0, 0.0, 0.1, 3, 0, "企业|改革") == (
        "none",
        "the best passage shares only words generic for the genre (企业, 改革)",
    )
    assert decision._verdict(0.5, 0.0, 0.0, 0.1, 3, decision.MIN_EVIDENCE_WORDS - 1, "企业|改革") == (
        "none",
        "the best passage shares 1 word not generic for the genre (fewer than 2)",
    )
    assert verdict(evidence=decision.MIN_EVIDENCE_WORDS) == "counterpart"
    assert verdict(coverage=0.1, unrelated=0.1) == "none"
    assert verdict(other=decision.COUNTERPART_CHANCE, chance=decision.COUNTERPART_CHANCE_ALL) == "counterpart"
    assert verdict(other=0.5, chance=decision.PARTIAL_CHANCE) == "partial"
    assert verdict(other=0.5, chance=0.5) == "none"
    assert set(decision.VERDICTS) == {"counterpart", "partial", "none"}


def test_the_words_are_weightiest_first_and_only_those_held():
    fake = SimpleNamespace(terms=("甲", "乙", "丙", "丁"))
    weights = np.array([1.0, 3.0, 3.0, 0.0])
    assert (
        decision._words(fake, [0, 1, 2, 3], weights) == "丙|乙|甲|丁"
    )  # ties by the word (丙 before 乙 in code points)
    assert decision._shared(fake, np.array([1, 0, 1, 1]), weights) == "丙|甲"  # a word of weight 0 is not shared


# --- schema -----------------------------------------------------------------------


def test_the_tables_are_declared_once_with_the_document_first():
    names = [t.name for t in schema.TABLES]
    assert names == ["decisions", "passages", "summary", "terms", "targets", "failures"]
    assert list(schema.COLUMNS) == names and set(schema._BY_NAME) == set(names)
    assert all(next(iter(columns)) == "document" for columns in schema.COLUMNS.values())
    verdict = next(f for f in schema._BY_NAME["decisions"].fields if f.name == "verdict")
    assert verdict.enum == tuple(decision.VERDICTS)


# --- terms ------------------------------------------------------------------------


def _target(target_id, indicator, value, unit="percent", comparator="at_least"):
    return {
        "target_id": target_id,
        "indicator": indicator,
        "value_base": value,
        "base_unit": unit,
        "comparator": comparator,
        "change": None,
        "period": None,
    }


def test_targets_are_paired_one_to_one_by_unit_and_indicator():
    a = SimpleNamespace(
        targets=[
            _target("T10", "城镇化率", 70.0),
            _target("T9", "森林覆盖率", 40.0),
            _target("T11", "人口", 1, "person"),
        ]
    )
    b = SimpleNamespace(name="b", targets=[_target("B1", "森林覆盖率", 42.0), _target("B2", "常住人口城镇化率", 72.5)])
    paired = terms._targets(a, b)
    columns = list(schema.COLUMNS["targets"])
    got = [dict(zip(columns, row, strict=True)) for row in paired]
    assert [(r["a_target_id"], r["b_target_id"]) for r in got] == [("T9", "B1"), ("T10", "B2")]  # natural order
    assert got[0]["similarity"] == 1.0 and got[0]["difference"] == 2.0
    assert terms._natural("T10") > terms._natural("T9") and terms._natural("x") == ("x", 0)


def test_boundaries_are_word_boundaries_line_by_line():
    bounds = terms._Boundaries("加快发展\n改革")
    assert 0 in bounds and 5 in bounds  # the start of each line
    assert "0" not in bounds
    assert 1 not in bounds  # 快发展 does not start a word of 加快发展


# --- pair -------------------------------------------------------------------------


def test_top_is_a_whole_number_of_at_least_one():
    pair._check_top(1)
    for bad in (0, True, 1.5, "3"):
        with pytest.raises(CompareError, match="top must be a whole number of at least 1"):
            pair._check_top(bad)
    assert pair._first_quote("改革，“改革”", "改革") == 3 and pair._first_quote("深化改革", "改革") == 2


def test_one_pair_gives_the_rows_of_each_table(plan_queries, later):
    sa, built = plan_queries
    found = pair._compare(sa, sides._document_side(later), built, 1, False)
    assert set(found) == set(schema.COLUMNS) and found["failures"] == []
    assert len(found["decisions"]) == len(sa.units)
    assert {row[4] for row in found["passages"]} == {1}  # top 1: rank 1 only
    assert all(row[-1] is None for row in found["passages"])  # without texts
    assert all(len(row) == len(schema.COLUMNS[name]) for name, rows in found.items() for row in rows)
    summary = found["summary"]
    assert sum(row[3] for row in summary) == len(sa.units)


# --- frames -----------------------------------------------------------------------


def test_rows_become_compact_columns_and_stack_with_united_categories():
    first = frames._frame("failures", [("b", 2, None, "CompareError", "b failed")])
    second = frames._frame("failures", [("a", 1, "a.txt", "ParseError", "a failed")])
    assert isinstance(first["document"].dtype, pd.CategoricalDtype) and first["item"].dtype == "int32"
    stacked = frames._stack_table("failures", [first, second])
    assert stacked["document"].tolist() == ["b", "a"]
    assert list(stacked["document"].cat.categories) == ["a", "b"]
    assert frames._stack_table("failures", []).columns.tolist() == list(schema.COLUMNS["failures"])
    assert frames._integers(np.array([2**40])).dtype == np.int64  # too large for int32, kept
    assert "document" in frames.CATEGORICAL


# --- output -----------------------------------------------------------------------


def test_csv_out_writes_the_header_then_each_frame_as_it_comes(tmp_path):
    sink = output._CsvOut(tmp_path)
    try:
        sink.add("failures", frames._frame("failures", [("a", 1, None, "CompareError", "a failed")]))
        sink.flush()
        sink.close()
    finally:
        sink.release()
    lines = (tmp_path / "failures.csv").read_text(encoding="utf-8").splitlines()
    assert lines == [",".join(schema.COLUMNS["failures"]), "a,1,,CompareError,a failed"]
    assert (tmp_path / "decisions.csv").read_text(encoding="utf-8").count("\n") == 1  # the header alone


def test_a_parquet_resource_lists_its_part_files():
    table = schema._BY_NAME["decisions"]
    assert output._resource(table, "csv", None)["path"] == "decisions.csv"
    resource = output._resource(table, "parquet", {"decisions": ["decisions/part-00000.parquet", "decisions/b"]})
    assert resource["path"] == ["decisions/part-00000.parquet", "decisions/b"] and "encoding" not in resource
    assert output._resource(table, "parquet", None)["path"] == ["decisions/part-00000.parquet"]


# --- report -----------------------------------------------------------------------


def test_an_empty_comparison_reports_its_method_and_no_findings():
    empty = report._frames("a", "b", {name: [] for name in schema.COLUMNS})
    assert isinstance(empty, report.Comparison) and list(empty.tables) == list(schema.COLUMNS)
    assert empty.findings() == []
    method = empty.to_dict()["method"]
    assert method["pair_threshold"] == terms.PAIR_THRESHOLD and str(sides.RUN_CHARS) in method["retrieval"]
    assert "- Nothing was compared." in empty.to_markdown()


def test_markdown_cells_escape_bars_and_round_numbers():
    frame = pd.DataFrame({"x": ["a|b", None], "y": [0.123456, 2.0]})
    assert report._markdown(frame, ["x", "y"]).splitlines()[2:] == ["| a\\|b | 0.123 |", "|  | 2 |"]
    assert report._markdown(frame.iloc[:0], ["x"]) == "(none)"


# --- items ------------------------------------------------------------------------


def test_items_are_named_and_read_as_given(tmp_path, later):
    path = tmp_path / "county.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert items._name(path, 3, False) == "county" and items._name("a\ntext", 2, False) == "document-2"
    assert items._name(later, 1, False) == "later"
    assert items._read(str(path), False, 1).name == "county"
    assert items._read(TEXT, True, 4).name == "document-4"
    with pytest.raises(CompareError, match="item 5 of documents is a int"):
        items._read(5, False, 5)
    with pytest.raises(CompareError, match="names no existing file; give texts=True"):
        items._read("no-such-file.txt", False, 1)


def test_the_reader_records_a_failing_item_and_goes_on(tmp_path):
    failures: list[tuple[object, ...]] = []
    reader = items._Reader([TEXT, 42, TEXT], True, 1, failures)
    assert [doc.name for doc in reader] == ["document-1", "document-3"]
    assert failures == [("document-2", 2, None, "CompareError", failures[0][4])]
    assert failures[0][4].startswith("item 2 of documents is a int")
    named = items._named(ZeroDivisionError("division by zero"), "bad", 2)
    assert str(named) == "bad (item 2 of documents) could not be compared: ZeroDivisionError: division by zero"
    with pytest.raises(CompareError, match="item 2 of documents"):
        list(items._Reader([TEXT, 42], True))


# --- chunks -----------------------------------------------------------------------


def test_a_chunk_is_compared_into_the_wanted_frames(plan, plan_queries):
    sa, _ = plan_queries
    job = chunks._Job(1, True, False, ("decisions", "failures"), record=True)
    reader = items._Reader([TEXT, 42, TEXT], True, 1, [])
    count, found = chunks._compare_chunk(plan, sa, reader, job, reader)
    assert count == 2 and set(found) == {"decisions", "failures"}
    assert found["decisions"]["document"].unique().tolist() == ["document-1", "document-3"]
    assert found["failures"]["item"].tolist() == [2]


def test_collected_tables_count_the_documents_and_keep_only_those_asked_for():
    collected = chunks._Collected(("failures",))
    with pytest.raises(CompareError, match="no documents to compare"):
        collected.take([])
    collected = chunks._Collected(("failures",))
    failure = frames._frame("failures", [("x", 1, None, "CompareError", "x failed")])
    collected.take([(2, {"decisions": frames._frame("decisions", []), "failures": failure})])
    result = collected.comparison("plan")
    assert (result.a, result.b, result.documents) == ("plan", "2 documents", 2)
    assert result.omitted == ("decisions", "passages", "summary", "terms", "targets")
    assert result.failures["document"].tolist() == ["x"]


# --- workers ----------------------------------------------------------------------


def test_a_worker_unpickles_the_shipped_plan_once_and_compares_its_chunk(later):
    shipped = workers._Shipped.of(later)
    assert pickle.loads(shipped.data).name == "later"
    first = workers._worker_plan(shipped)
    assert workers._worker_plan(shipped) is first and first[1].name == "later"
    job = chunks._Job(1, True, False, ("decisions",))
    count, found = workers._work(([TEXT], 7, job, shipped))
    assert count == 1 and found["decisions"]["document"].unique().tolist() == ["document-7"]
    other = workers._Shipped.of(later)
    workers._worker_plan(other)
    assert shipped.token not in workers._WORKER and other.token in workers._WORKER  # one plan at a time
    del workers._WORKER[other.token]


# --- many -------------------------------------------------------------------------


def test_the_arguments_come_plan_first_or_warned_in_the_old_order(later):
    assert many._arguments(later, [TEXT]) == (later, [TEXT])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert many._arguments([TEXT], later) == (later, [TEXT])
    assert [w.category for w in caught] == [DeprecationWarning]
    with pytest.raises(CompareError, match="not a single str"):
        many._arguments(later, "x.txt")
    with pytest.raises(CompareError, match="concat\\(\\) needs at least one comparison"):
        many.concat([])
    assert many.ERRORS == ("stop", "record") and many.FORMATS == ("csv", "parquet")


def test_concat_stacks_comparisons_and_counts_their_documents():
    one = report._frames("plan", "one", {name: [] for name in schema.COLUMNS})
    stacked = many.concat([one, one])
    assert (stacked.a, stacked.b, stacked.documents) == ("plan", "2 documents", 2)
    assert stacked.omitted == () and list(stacked.decisions.columns) == list(schema.COLUMNS["decisions"])


# --- the package: compare ---------------------------------------------------------


def test_compare_takes_two_documents_and_checks_its_options(later):
    from xindu_plan.analysis import comparison

    earlier = parse("一、改革\n深化“放管服”改革，优化营商环境。\n", name="earlier")
    result = comparison.compare(earlier, later, top=1)
    assert (result.a, result.b) == ("earlier", "later") and len(result.decisions) == 1
    assert result.terms.set_index("term").loc["放管服", "status"] == "continued"
    with pytest.raises(CompareError, match="give passage_texts only"):
        comparison.compare(earlier, later, texts=True, passage_texts=True)
    with pytest.raises(CompareError, match="top must be"):
        comparison.compare(earlier, later, top=0)

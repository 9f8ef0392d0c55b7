"""Comparing the plan with later documents (xindu_plan/analysis/comparison/, xindu_plan/corpus)."""

from __future__ import annotations

import gc
import hashlib
import json
import re
import shutil
import warnings
import weakref

import opencc
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xindu_plan import compare, compare_many, corpus, parse
from xindu_plan.analysis.comparison import COLUMNS, CompareError, concat
from xindu_plan.base.errors import IntegrityError
from xindu_plan.base.values import plain_records

_TABLES_OF_ROWS = tuple(name for name in COLUMNS if name != "failures")  # failures are always kept


@pytest.fixture(scope="module")
def gwr2021():
    return corpus.document("national-gwr-2021")


@pytest.fixture(scope="module")
def result(plan, gwr2021):
    return compare(plan, gwr2021)


def _best(result, unit_id):
    rows = result.passages[(result.passages["unit_id"] == unit_id) & (result.passages["rank"] == 1)]
    assert len(rows) == 1
    return rows.iloc[0]


def test_every_table_has_its_documented_columns(result):
    for name, frame in result.tables.items():
        assert list(frame.columns) == list(COLUMNS[name])
        assert set(frame["document"]) <= {"national-gwr-2021"}


def test_pandemic_control_is_matched_to_the_reports_pandemic_passage(result, gwr2021):
    best = _best(result, "M19")  # 慎终如始抓好疫情防控
    assert "常态化防控" in best["text"] and "疫情" in best["text"]
    # the year's own task (常态化防控, 疫苗 …), not the review of 2020
    assert best["heading"] == "三、2021年重点工作" and "疫苗" in best["text"]
    assert gwr2021.text[best["start"] : best["end"]] == best["text"]
    decision = result.decisions.set_index("unit_id").loc["M19"]
    assert decision["verdict"] == "counterpart" and decision["best_passage_id"] == best["passage_id"]


def test_administrative_reform_is_matched_to_the_fangguanfu_passage(result):
    best = _best(result, "M09")  # 把改革持续推向纵深 (深化“放管服”改革)
    assert "“放管服”改革" in best["text"]
    assert "放管服" in best["shared_words"].split("|")


def test_manufacturing_is_matched_to_passages_on_manufacturing(result, gwr2021):
    best = _best(result, "M04")  # 推动装备制造业提能升级
    assert "制造业" in best["text"]
    # the report's own manufacturing paragraph (the one naming 制造 most often) is among the top two
    paragraphs = gwr2021.paragraphs
    counts = paragraphs["text"].str.count("制造")
    manufacturing = paragraphs.loc[counts.idxmax(), "paragraph_id"]
    assert counts.max() >= 3
    top2 = result.passages[(result.passages["unit_id"] == "M04") & (result.passages["rank"] <= 2)]
    assert manufacturing in set(top2["passage_id"])


def test_ranks_are_ordered_by_score_and_share_words(result):
    for _, group in result.passages.groupby("unit_id"):
        assert list(group["rank"]) == list(range(1, len(group) + 1))
        assert list(group["bm25_score"]) == sorted(group["bm25_score"], reverse=True)
        assert (group["shared_words"].str.len() >= 2).all()
        assert group["coverage"].between(0, 1).all()


@pytest.mark.parametrize("name", ["national-gwr-2024", "national-gwr-1979"])
def test_the_decision_rests_on_the_passage_covering_the_measure_most(plan, name):
    from xindu_plan import calibration

    doc = corpus.document(name) if name in corpus.names() else calibration.document(name)
    full = compare(plan, doc, top=10_000)  # every passage sharing a word
    short = compare(plan, doc, top=1)
    lower = 0
    for unit_id, group in short.passages.groupby("unit_id"):
        decision = short.decisions.set_index("unit_id").loc[unit_id]
        everything = full.passages[full.passages["unit_id"] == unit_id]
        # the passage with the highest coverage of all (compared as rounded in the table)
        most = everything.sort_values(["coverage", "rank"], ascending=[False, True]).iloc[0]
        chosen = everything.set_index("passage_id").loc[decision["best_passage_id"]]
        assert chosen["coverage"] == pytest.approx(most["coverage"], abs=1e-6)
        assert decision["coverage"] == pytest.approx(most["coverage"], abs=1e-6)
        # the kept passages are the first by rank, down to that passage and no further than top
        assert list(group["rank"]) == list(range(1, int(chosen["rank"]) + 1))
        assert list(group["passage_id"]) == list(everything["passage_id"][: len(group)])
        lower += int(chosen["rank"]) > 1
    # the decision does not depend on how many passages are kept
    columns = ["unit_id", "verdict", "coverage", "best_passage_id", "evidence_words"]
    assert full.decisions[columns].equals(short.decisions[columns])
    if name == "national-gwr-1979":
        assert lower >= 1  # an old report: the best-covering passage is often not the first by BM25


def test_term_continuity(result):
    terms = result.terms.set_index("term")
    assert terms.loc["放管服", "status"] == "continued" and terms.loc["放管服", "quoted_in"] == "both"
    assert terms.loc["放管服", "term_id"] == "Q12"
    assert terms.loc["香城英才计划", "status"] == "dropped"
    assert terms.loc["亲", "a_unquoted"] == 0  # one-character terms are counted quoted only
    # whole words: 快发展 inside 加快发展 is not the plan's “快发展”
    assert "加快发展" in result_text(result) and terms.loc["快发展", "status"] == "dropped"
    # political formulae share no word with the plan's measures: new, but unrelated to the plan
    for formula in ("九二共识", "台独", "四个意识"):
        assert terms.loc[formula, "status"] == "new_unrelated"
    new = terms[terms["status"] == "new"]
    assert len(new) and (new["relevance"] > 0).all()


def result_text(result):
    from xindu_plan import corpus

    return corpus.document(result.b).text


def test_pillar_summary_counts(result, plan):
    summary = result.summary
    assert list(summary["pillar_id"]) == list(plan.sections["section_id"])
    assert summary["units"].sum() == len(plan.measures)
    assert (summary["counterparts"] + summary["partials"] + summary["nones"] == summary["units"]).all()
    verdicts = result.decisions["verdict"].value_counts()
    assert summary["counterparts"].sum() == verdicts.get("counterpart", 0)
    assert summary["vocabulary_share"].between(0, 1).all()
    assert (summary["terms_continued"] <= summary["terms"]).all()
    assert summary["terms"].sum() <= len(plan.terms)


def test_targets_are_paired_across_years():
    result = compare(corpus.document("national-gwr-2021"), corpus.document("national-gwr-2022"))
    pairs = result.targets.set_index("a_indicator")
    gdp = pairs.loc["国内生产总值"]
    assert (gdp["a_value_base"], gdp["a_comparator"], gdp["b_value_base"], gdp["b_comparator"]) == (
        6.0,
        "at_least",
        5.5,
        "about",
    )
    assert gdp["difference"] == pytest.approx(-0.5)
    jobs = pairs.loc["城镇新增就业"]
    assert (jobs["a_value_base"], jobs["b_value_base"], jobs["base_unit"]) == (11_000_000, 11_000_000, "person")
    assert pairs.loc["粮食产量", "b_value_base"] == 650e9
    assert result.targets["a_target_id"].is_unique and result.targets["b_target_id"].is_unique
    assert (result.targets["similarity"] >= 0.5).all()


def test_a_damaged_traditional_copy_compares_like_the_clean_one(plan):
    clean = corpus.text("chengdu-cpc-proposal-2020-excerpt")
    damaged = "\u200b" + opencc.OpenCC("s2t").convert(clean).replace("，", ",").replace("\n", "\n\n\n")
    a = compare(plan, parse(clean, name="x"))
    b = compare(plan, parse(damaged, name="x"))
    for name in ("passages", "terms", "summary"):
        columns = [c for c in COLUMNS[name] if c not in ("start", "end")]
        pd.testing.assert_frame_equal(a.tables[name][columns], b.tables[name][columns])


def test_renderings(result, tmp_path):
    data = json.loads(result.to_json())
    assert data["a"] == "xindu-2021-14fyp-first-year" and data["b"] == "national-gwr-2021"
    assert len(data["passages"]) == len(result.passages) and "BM25" in data["method"]["retrieval"]
    markdown = result.to_markdown()
    assert markdown.startswith("# xindu-2021-14fyp-first-year compared with national-gwr-2021\n\n## Findings\n\n- ")
    assert "takes up" in markdown.split("\n")[4] and "pillars" in markdown.split("\n")[4]
    assert "| M19 | 慎终如始抓好疫情防控 | counterpart |" in markdown
    out = result.write_csv(tmp_path / "cmp")
    for name, frame in result.tables.items():
        back = pd.read_csv(out / f"{name}.csv")
        assert len(back) == len(frame) and list(back.columns) == list(frame.columns)
    with pytest.raises(CompareError, match="already exists"):
        result.write_csv(out)


def test_compare_refuses_what_is_not_a_document(plan):
    with pytest.raises(CompareError, match="not str"):
        compare(plan, "政府工作报告")  # type: ignore[arg-type]
    with pytest.raises(CompareError, match="top"):
        compare(plan, plan, top=0)


def test_compare_many_streams_and_matches_single_comparisons(plan, tmp_path):
    names = ["chengdu-cpc-proposal-2020-excerpt", "chengdu-14fyp-outline-excerpt", "chengdu-gwr-2022-excerpt"]
    paths = []
    for name in names:
        path = tmp_path / f"{name}.txt"
        path.write_text(corpus.text(name), encoding="utf-8")
        paths.append(path)
    alive = []

    def watch(stream):
        for doc in stream:
            gc.collect()
            alive.append(sum(ref() is not None for ref in refs))
            refs.append(weakref.ref(doc))
            yield doc

    refs: list[weakref.ref] = []
    many = compare_many(plan, iter(paths), progress=watch, passage_texts=True)
    assert alive == [0, 0, 0]  # each document is dropped before the next is read
    singles = [compare(plan, corpus.document(n)) for n in names]
    assert list(many.decisions["document"].unique()) == names
    for name in COLUMNS:
        expected = pd.concat([s.tables[name] for s in singles], ignore_index=True)
        pd.testing.assert_frame_equal(many.tables[name], expected, check_dtype=False, check_categorical=False)
    parts = [compare_many(plan, paths[:1], progress=False), compare_many(plan, paths[1:], progress=False)]
    pd.testing.assert_frame_equal(concat(parts).passages.drop(columns="text"), many.passages.drop(columns="text"))


def test_compare_many_names_a_bad_item(plan, tmp_path):
    from xindu_plan.reading.reader import ParseError

    with pytest.raises(ParseError, match=re.escape("missing.txt")):
        compare_many(plan, [tmp_path / "missing.txt"], progress=False)
    with pytest.raises(CompareError, match="item 1"):
        compare_many(plan, [42], progress=False)  # type: ignore[list-item]
    with pytest.raises(CompareError, match="names no existing file; give texts=True"):
        compare_many(plan, [str(tmp_path / "missing.txt")], progress=False)
    with pytest.raises(CompareError, match="no documents to compare"):
        compare_many(plan, [], progress=False)
    with pytest.raises(CompareError, match="workers"):
        compare_many(plan, ["x"], progress=False, workers=0)


@given(st.text(max_size=200))
def test_compare_never_crashes_and_spans_are_in_bounds(plan, text):
    doc = parse(text)
    result = compare(plan, doc)
    for row in result.passages.itertuples():
        assert 0 <= row.start <= row.end <= len(doc.text)
        assert doc.text[row.start : row.end] == row.text
    assert set(result.terms["status"]) <= {"continued", "dropped", "new", "new_unrelated"}


def test_corpus_catalogue_and_hashes(monkeypatch, tmp_path):
    table = corpus.catalogue()
    assert list(table["name"]) == list(corpus.names()) and len(table) == 10
    assert set(table["coverage"]) == {"full", "excerpt"}
    assert table["rights"].str.len().min() > 20
    for name in corpus.names():
        data = corpus.text(name).encode("utf-8")
        assert hashlib.sha256(data).hexdigest() == corpus.entry(name).sha256
    with pytest.raises(LookupError, match="no corpus document named 'nope'"):
        corpus.entry("nope")
    copy = tmp_path / "corpus"
    shutil.copytree(str(corpus.corpus_root()), copy)
    (copy / "national-gwr-2021.txt").write_text("被改过的文本", encoding="utf-8")
    monkeypatch.setattr("xindu_plan.corpus.corpus_root", lambda: copy)
    with pytest.raises(IntegrityError, match=re.escape("national-gwr-2021.txt")):
        corpus.text("national-gwr-2021")


@pytest.mark.slow  # process pools, spawn and fork: about 10 s
def test_compare_many_runs_unchanged_in_worker_processes(plan, tmp_path):
    from functools import partial
    from multiprocessing import get_context

    paths = _excerpts(tmp_path)
    with get_context("spawn").Pool(2) as pool:
        parts = pool.map(partial(compare_many, None, progress=False), [paths[:2], paths[2:]])
    parallel = concat(parts)
    serial = compare_many(plan, paths, progress=False)
    for name in COLUMNS:
        pd.testing.assert_frame_equal(parallel.tables[name], serial.tables[name])
    assert parallel.b == "3 documents"


def test_words_are_whole_and_generic_words_are_dropped():
    from xindu_plan.analysis.retrieval import stopwords, words

    w = words(("十四五", "产业功能区"))
    assert w.tokens("推动产业功能区载体建设") == ["产业功能区", "载体"]
    assert "功能区" not in w.tokens("优化主体功能区布局")  # a name is one word: no shared part
    assert set(w.tokens("“十四五”时期")).isdisjoint({"四五", "十四"})
    assert w.tokens("力促IBM项目") == ["力促", "ibm", "项目"]
    assert {"推动", "建设", "着力", "加强", "工作"} <= stopwords()
    assert not {"推动", "建设", "着力", "加强", "工作"} & set(w.tokens("着力推动加强建设工作"))


def test_stop_list_and_names_are_reviewed_data_files():
    import csv
    from importlib import resources

    folder = resources.files("xindu_plan") / "lexicon"
    rows = list(csv.DictReader((folder / "stopwords.csv").read_text(encoding="utf-8").splitlines()))
    assert len({r["word"] for r in rows}) == len(rows) > 50
    categories = {r["category"] for r in rows}
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert all(f"`{c}`" in readme for c in categories)  # every category has its rationale
    names = list(csv.DictReader((folder / "names.csv").read_text(encoding="utf-8").splitlines()))
    assert all(f"`{k}`" in readme for k in {r["kind"] for r in names})


def test_the_concordance_names_each_measure_in_national_vocabulary(plan):
    import csv
    from importlib import resources

    from xindu_plan.analysis.comparison.sides import _plan_side
    from xindu_plan.analysis.retrieval import concepts, stopwords

    text = (resources.files("xindu_plan") / "lexicon" / "measure_concepts.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    measures = plan.measures.set_index("measure_id")
    assert {r["measure_id"] for r in rows} == set(measures.index)  # every measure, no other key
    assert {r["scope"] for r in rows} == {"same", "broader"}
    for r in rows:
        term, body = r["term"], plan.text[measures.loc[r["measure_id"], "start"] : measures.loc[r["measure_id"], "end"]]
        assert 2 <= len(term) <= 8 and re.fullmatch(r"[\u4e00-\u9fff]+", term), term
        assert term not in stopwords() and term not in body, term
        assert r["rationale"].strip(), term
    assert len({(r["measure_id"], r["term"]) for r in rows}) == len(rows)
    for m, terms in concepts().items():
        assert sum(r["scope"] == "broader" for r in rows if r["measure_id"] == m) <= 3 and 6 <= len(terms) <= 10
    # the plan's side carries them: a measure's query holds its national terms
    units = {u.unit_id: u for u in _plan_side(plan).units}
    assert "简政放权" in units["M09"].concepts


def test_a_national_term_finds_a_passage_the_measure_words_alone_miss(plan):
    # M12 (城园相融 …) shares no word with a paragraph on 国土绿化; its concordance does
    doc = parse("一、生态\n科学开展国土绿化，建设森林城市，增加公园绿地。\n二、外贸\n稳定外贸外资基本盘。", name="t")
    decided = compare(plan, doc).decisions.set_index("unit_id")
    assert decided.loc["M12", "best_passage_id"] == "P02"
    assert "国土绿化" in decided.loc["M12", "shared_words"].split("|")


def test_industrial_functional_zones_are_not_main_functional_zones(result):
    for row in result.passages[result.passages["unit_id"] == "M07"].itertuples():
        assert "功能区" not in row.shared_words.split("|")
    assert "新发展格局" not in "|".join(result.passages.loc[result.passages["unit_id"] == "M11", "shared_words"])


def test_a_document_on_one_line_is_cut_into_sentence_runs(plan, gwr2021):
    one_line = gwr2021.text.replace("\n", "")
    doc = parse(one_line, name="one-line")
    result = compare(plan, doc)
    passages = result.passages
    # the reader sees few paragraphs; the comparison cites runs of sentences inside them
    assert len(doc.paragraphs) < 20 and passages["passage_id"].str.contains(".", regex=False).all()
    assert passages["passage_id"].nunique() > 3 * passages["paragraph_id"].nunique()
    assert ((passages["end"] - passages["start"]) <= 400).mean() > 0.9
    for row in passages.itertuples():
        assert doc.text[row.start : row.end] == row.text


def test_unrelated_text_has_no_counterpart_and_the_summary_separates_it(plan, result):
    from pathlib import Path

    controls = Path(__file__).parent / "eval" / "unrelated"
    for path in sorted(controls.glob("*.txt")):
        other = compare(plan, parse(path.read_text(encoding="utf-8"), name=path.stem))
        assert (other.decisions["verdict"] == "none").all(), path.name
        assert other.summary["taken_up_share"].max() == 0
        assert other.findings()[0].startswith(f"{path.stem} takes up 0 of 21 units")
    taken = (result.decisions["verdict"] != "none").mean()
    assert taken >= 0.8


def test_strings_naming_files_are_read_and_texts_need_saying(plan, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(corpus.text("chengdu-gwr-2022-excerpt"), encoding="utf-8")
    by_path = compare_many(plan, [str(path)], progress=False)
    assert set(by_path.decisions["document"]) == {"report"}
    by_text = compare_many(plan, [corpus.text("chengdu-gwr-2022-excerpt")], progress=False, texts=True)
    assert set(by_text.decisions["document"]) == {"document-1"}
    pd.testing.assert_frame_equal(
        by_path.decisions.drop(columns="document"), by_text.decisions.drop(columns="document")
    )


def test_workers_give_the_serial_result_and_texts_can_be_left_out(plan, tmp_path):
    paths = _excerpts(tmp_path)
    serial = compare_many(plan, paths * 2, progress=False)
    parallel = compare_many(plan, paths * 2, progress=False, workers=2)
    for name in COLUMNS:
        pd.testing.assert_frame_equal(parallel.tables[name], serial.tables[name])
    lean = compare_many(plan, paths, progress=False)  # passage texts only when asked
    assert lean.passages["text"].isna().all() and len(lean.passages)
    full = compare_many(plan, paths, progress=False, passage_texts=True)
    assert full.passages["text"].notna().all()
    pd.testing.assert_frame_equal(full.passages.drop(columns="text"), lean.passages.drop(columns="text"))


def test_out_folder_is_a_valid_data_package_describing_every_column(result, tmp_path):
    from frictionless import Package

    out = result.write_csv(tmp_path / "cmp")
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        header = (out / resource["path"]).read_text(encoding="utf-8").splitlines()[0].split(",")
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header == list(COLUMNS[resource["name"]])
        assert all(len(f["description"]) > 10 for f in fields)
    report = Package(str(out / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_the_vectorised_bm25_is_okapi_bm25_as_rank_bm25_computes_it():
    import numpy as np
    from rank_bm25 import BM25Okapi

    from xindu_plan.analysis.retrieval import BM25_B, BM25_K1, score

    corpus_tokens = [["a", "b", "b", "c"], ["c", "d"], ["a", "a", "a", "e", "f", "g"], ["h"]]
    vocabulary = {"a": 0, "b": 1, "c": 2, "d": 3}
    idf = {"a": 0.7, "b": 1.9, "c": 0.4, "d": 2.5}
    queries = [["a", "b", "b"], ["c", "d"], ["a", "d", "d", "d"]]  # repeated words weigh more
    weights = np.zeros((len(queries), len(vocabulary)))
    for row, query in enumerate(queries):
        for word in query:
            weights[row, vocabulary[word]] += idf[word]
    ours = score(
        [[vocabulary[w] for w in doc if w in vocabulary] for doc in corpus_tokens],
        [len(doc) for doc in corpus_tokens],
        weights,
    )
    reference = BM25Okapi(corpus_tokens, k1=BM25_K1, b=BM25_B)
    reference.idf = idf
    for row, query in enumerate(queries):
        np.testing.assert_allclose(ours.bm25[:, row], reference.get_scores(query), rtol=1e-12)


def _excerpts(tmp_path):
    paths = []
    for name in ("chengdu-cpc-proposal-2020-excerpt", "chengdu-14fyp-outline-excerpt", "chengdu-gwr-2022-excerpt"):
        path = tmp_path / f"{name}.txt"
        path.write_text(corpus.text(name), encoding="utf-8")
        paths.append(path)
    return paths


def test_compare_many_takes_the_plan_first_and_the_old_order_warns(plan, tmp_path):
    paths = _excerpts(tmp_path)[:2]
    new = compare_many(plan, paths, progress=False)
    with pytest.warns(DeprecationWarning, match=r"give the plan first, compare_many\(plan, documents\)"):
        old = compare_many(paths, plan, progress=False)  # type: ignore[arg-type]
    with pytest.warns(DeprecationWarning):
        alone = compare_many(paths, progress=False)  # type: ignore[arg-type]  # the packaged plan
    for name in COLUMNS:
        pd.testing.assert_frame_equal(old.tables[name], new.tables[name])
        pd.testing.assert_frame_equal(alone.tables[name], new.tables[name])
    keywords = compare_many(documents=paths, plan=plan, progress=False)
    pd.testing.assert_frame_equal(keywords.decisions, new.decisions)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the new order warns of nothing
        compare_many(None, paths, progress=False)
    with pytest.raises(CompareError, match=r"plan .* first, not a str"):
        compare_many("report.txt", ["other.txt"], progress=False)  # type: ignore[arg-type]
    with pytest.raises(CompareError, match="not a single Document; for one document give a list of one"):
        compare_many(plan, corpus.document("chengdu-gwr-2022-excerpt"), progress=False)  # type: ignore[arg-type]
    with pytest.raises(CompareError, match="not nothing"):
        compare_many(plan, progress=False)


def test_compare_many_tables_are_compact_and_can_be_left_out(plan, tmp_path):
    from xindu_plan.analysis.comparison import CATEGORICAL

    paths = _excerpts(tmp_path)
    result = compare_many(plan, paths, progress=False)
    for name, frame in result.tables.items():
        for column in frame.columns:
            if column in CATEGORICAL:
                assert isinstance(frame[column].dtype, pd.CategoricalDtype), (name, column)
            elif _field(name, column).type == "integer":
                assert frame[column].dtype == "int32", (name, column)
    assert list(result.decisions["document"].cat.categories) == sorted(p.stem for p in paths)
    lean = compare_many(plan, paths, progress=False, keep=("decisions", "summary"))
    assert lean.omitted == ("passages", "terms", "targets")
    assert lean.passages.empty and list(lean.passages.columns) == list(COLUMNS["passages"])
    pd.testing.assert_frame_equal(lean.decisions, result.decisions)
    assert lean.findings() == result.findings()
    with pytest.raises(CompareError, match="did not keep its passages, terms, targets"):
        lean.write_csv(tmp_path / "lean")
    assert not (tmp_path / "lean").exists()
    with pytest.raises(CompareError, match="keep names no table 'passage'"):
        compare_many(plan, paths, progress=False, keep=("passage",))


def _field(table, column):
    from xindu_plan.analysis.comparison import TABLES

    return next(f for t in TABLES if t.name == table for f in t.fields if f.name == column)


def test_compare_many_writes_its_tables_as_it_goes(plan, tmp_path):
    paths = _excerpts(tmp_path)
    whole = compare_many(plan, paths, progress=False, passage_texts=True)
    whole.write_csv(tmp_path / "whole")
    streamed = compare_many(plan, iter(paths), progress=False, passage_texts=True, out=tmp_path / "streamed")
    assert streamed.omitted == _TABLES_OF_ROWS and streamed.decisions.empty and streamed.b == "3 documents"
    assert streamed.findings()[0].startswith("The decisions and summary of 3 documents were not kept")
    for name in [*COLUMNS, "datapackage"]:
        suffix = ".json" if name == "datapackage" else ".csv"
        written = (tmp_path / "streamed" / f"{name}{suffix}").read_bytes()
        assert written == (tmp_path / "whole" / f"{name}{suffix}").read_bytes(), name
    both = compare_many(
        plan, paths, progress=False, passage_texts=True, out=tmp_path / "both", keep=["decisions"], workers=2
    )
    pd.testing.assert_frame_equal(both.decisions, whole.decisions)
    assert (tmp_path / "both" / "passages.csv").read_bytes() == (tmp_path / "whole" / "passages.csv").read_bytes()
    with pytest.raises(CompareError, match="already exists"):
        compare_many(plan, paths, progress=False, out=tmp_path / "streamed")
    compare_many(plan, paths[:1], progress=False, out=tmp_path / "streamed", overwrite=True)
    assert pd.read_csv(tmp_path / "streamed" / "decisions.csv")["document"].nunique() == 1
    # a bad item part-way leaves no folder behind
    with pytest.raises(CompareError, match="item 3 of documents"):
        compare_many(plan, [*paths[:2], 42], progress=False, out=tmp_path / "broken")  # type: ignore[list-item]
    assert not (tmp_path / "broken").exists()
    assert not list(tmp_path.glob(".broken*"))


def test_workers_read_texts_lazily_and_name_them_in_order(plan):
    from xindu_plan.analysis.comparison.chunks import _CHUNK

    text = "一、疫情防控\n抓好常态化疫情防控，健全防控体系。\n二、改革\n深化“放管服”改革。"
    read = []

    def texts():
        for n in range(2 * _CHUNK + 3):
            read.append(n)
            yield text

    parallel = compare_many(plan, texts(), texts=True, progress=False, workers=2)
    serial = compare_many(plan, [text] * (2 * _CHUNK + 3), texts=True, progress=False)
    for name in COLUMNS:
        pd.testing.assert_frame_equal(parallel.tables[name], serial.tables[name])
    names = list(dict.fromkeys(parallel.decisions["document"]))
    assert names == [f"document-{n}" for n in range(1, 2 * _CHUNK + 4)]  # numbered across chunks
    assert len(read) == 2 * _CHUNK + 3


def test_workers_are_sent_a_few_chunks_ahead_not_the_whole_list(plan):
    from xindu_plan.analysis.comparison import COLUMNS
    from xindu_plan.analysis.comparison.chunks import _CHUNK, _Job
    from xindu_plan.analysis.comparison.workers import _IN_FLIGHT, _in_processes

    read = []

    def texts():
        for n in range(20 * _CHUNK):
            read.append(n)
            yield "一、改革\n深化“放管服”改革。"

    chunks = _in_processes(texts(), plan, _Job(3, True, False, tuple(COLUMNS)), 2, False)
    count, frames = next(chunks)
    assert count == _CHUNK and len(frames["decisions"]) == 21 * _CHUNK
    assert len(read) <= (2 * _IN_FLIGHT + 1) * _CHUNK < 20 * _CHUNK
    chunks.close()  # the pool is shut down, queued chunks cancelled


def test_passage_texts_has_one_name_and_the_old_one_warns(plan, gwr2021):
    without = compare(plan, gwr2021, passage_texts=False)
    assert without.passages["text"].isna().all() and len(without.passages)
    with pytest.warns(DeprecationWarning, match="passage_texts"):
        old = compare(plan, gwr2021, texts=False)
    pd.testing.assert_frame_equal(old.passages, without.passages)
    assert compare(plan, gwr2021).passages["text"].notna().all()


def test_the_old_order_with_the_plan_by_keyword_still_works(plan, gwr2021):
    with pytest.warns(DeprecationWarning, match="plan first"):
        old = compare_many([gwr2021], plan=plan, progress=False)
    new = compare_many(plan, [gwr2021], progress=False)
    pd.testing.assert_frame_equal(old.decisions, new.decisions)
    by_keyword = compare_many(plan=plan, documents=[gwr2021], progress=False)
    pd.testing.assert_frame_equal(by_keyword.decisions, new.decisions)
    with pytest.raises(CompareError, match="either by position"):
        compare_many(plan, [gwr2021], documents=[gwr2021], progress=False)


def test_tables_not_kept_are_said_so_and_still_counted(plan, gwr2021, tmp_path):
    kept = compare_many(plan, [gwr2021, gwr2021], keep=("decisions", "summary"), progress=False)
    report = kept.to_markdown()
    assert "The terms table(s) were not kept" in report and "The targets table(s) were not kept" in report
    assert "## Terms continued (0)" not in report
    written = compare_many(plan, [gwr2021], out=tmp_path / "out", progress=False)
    assert written.omitted == _TABLES_OF_ROWS and written.documents == 1
    assert kept.documents == 2 and concat([kept, written]).documents == 3
    assert concat([kept, written]).b == "3 documents"


def test_out_never_replaces_a_folder_it_did_not_write(plan, gwr2021, tmp_path):
    theirs = tmp_path / "thesis"
    theirs.mkdir()
    (theirs / "chapter1.md").write_text("mine", encoding="utf-8")
    with pytest.raises(CompareError):
        compare_many(plan, [gwr2021], progress=False, out=theirs, overwrite=True)
    assert [p.name for p in theirs.iterdir()] == ["chapter1.md"]
    assert (theirs / "chapter1.md").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis"]  # no temporary folder left beside it


def test_a_failing_document_stops_by_default_and_is_recorded_by_name_with_errors_record(plan, tmp_path):
    from xindu_plan.reading.reader import ParseError

    paths = _excerpts(tmp_path)
    items = [paths[0], tmp_path / "missing.txt", 42, paths[1]]
    with pytest.raises(ParseError, match=re.escape("missing.txt")):
        compare_many(plan, items, progress=False)
    expected = compare_many(plan, [paths[0], paths[1]], progress=False)
    for workers in (None, 2):
        result = compare_many(plan, items, progress=False, errors="record", workers=workers)  # type: ignore[list-item]
        assert result.failures[["document", "item", "error"]].values.tolist() == [
            ["missing", 2, "ParseError"],
            ["document-3", 3, "CompareError"],
        ]
        assert result.failures["path"].tolist()[0] == str(tmp_path / "missing.txt")
        assert "missing.txt" in result.failures["message"][0] and "item 3" in result.failures["message"][1]
        assert result.documents == 2 and result.findings()[-2:] == list(result.failures["message"])
        for name in _TABLES_OF_ROWS:
            pd.testing.assert_frame_equal(result.tables[name], expected.tables[name])
    written = compare_many(plan, items, progress=False, errors="record", out=tmp_path / "out")  # type: ignore[list-item]
    assert pd.read_csv(tmp_path / "out" / "failures.csv")["document"].tolist() == ["missing", "document-3"]
    assert len(written.failures) == 2  # kept in memory even with out
    with pytest.raises(CompareError, match="errors must be 'stop' or 'record', not 'skip'"):
        compare_many(plan, paths, progress=False, errors="skip")


def test_an_error_while_comparing_names_the_document(plan, tmp_path, monkeypatch):
    from xindu_plan.analysis.comparison import chunks, pair

    paths = _excerpts(tmp_path)
    bad = tmp_path / "bad.txt"
    bad.write_text(corpus.text("chengdu-gwr-2022-excerpt"), encoding="utf-8")
    original = pair._compare

    def failing(sa, sb, *args):
        if sb.name == "bad":
            raise ZeroDivisionError("division by zero")
        return original(sa, sb, *args)

    monkeypatch.setattr(chunks, "_compare", failing)  # where _compare_chunk looks it up
    with pytest.raises(CompareError, match=r"^bad \(item 2 of documents\) could not be compared: ZeroDivisionError"):
        compare_many(plan, [paths[0], bad, paths[1]], progress=False)
    result = compare_many(plan, [paths[0], bad, paths[1]], progress=False, errors="record")
    assert result.failures[["document", "item", "error"]].values.tolist() == [["bad", 2, "ZeroDivisionError"]]
    assert set(result.decisions["document"]) == {paths[0].stem, paths[1].stem}


def test_any_executor_gives_the_one_process_tables_and_gets_the_plan_once(plan, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from xindu_plan.analysis.comparison import workers
    from xindu_plan.base.parallel import slots

    paths = _excerpts(tmp_path)
    serial = compare_many(plan, paths * 2, progress=False)
    with ThreadPoolExecutor(2) as executor:
        threaded = compare_many(plan, paths * 2, progress=False, executor=executor)
        assert slots(executor) == 2
    for name in COLUMNS:
        pd.testing.assert_frame_equal(threaded.tables[name], serial.tables[name])
    assert len([token for token in workers._WORKER if token is not None]) == 1  # unpickled once, kept
    with pytest.raises(CompareError, match=re.escape("executor must be a concurrent.futures.Executor")):
        compare_many(plan, paths, progress=False, executor=object())  # type: ignore[arg-type]


@pytest.mark.slow  # starts a Dask cluster: about 20 s
def test_compare_many_on_a_two_worker_dask_cluster_equals_the_one_process_run(plan, tmp_path):
    from distributed import Client, LocalCluster

    paths = _excerpts(tmp_path)
    items = [*paths, tmp_path / "missing.txt", *paths]
    serial = compare_many(plan, paths * 2, progress=False)
    with (
        LocalCluster(
            n_workers=2, processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        executor = client.get_executor()
        result = compare_many(plan, items, progress=False, executor=executor, errors="record")
        written = compare_many(
            plan, paths * 2, progress=False, executor=executor, out=tmp_path / "cluster", format="parquet"
        )
    for name in _TABLES_OF_ROWS:
        pd.testing.assert_frame_equal(result.tables[name], serial.tables[name])
    assert result.failures["document"].tolist() == ["missing"] and result.documents == 6
    assert written.documents == 6
    decisions = pd.read_parquet(tmp_path / "cluster" / "decisions")
    assert decisions["document"].tolist() == serial.decisions["document"].astype(str).tolist()


def _v2_errors(descriptor):
    import jsonschema

    from .test_descriptor import PROFILES

    schema = json.loads((PROFILES / "datapackage-2.0" / "datapackage.json").read_text(encoding="utf-8"))
    return [f"{list(e.path)}: {e.message}" for e in jsonschema.Draft7Validator(schema).iter_errors(descriptor)]


def test_parquet_out_is_a_folder_a_table_that_duckdb_and_pandas_read_whole(plan, tmp_path, monkeypatch):
    import duckdb

    from xindu_plan._version import __version__
    from xindu_plan.analysis.comparison import chunks, workers

    monkeypatch.setattr(chunks, "_CHUNK", 1)
    monkeypatch.setattr(workers, "_CHUNK", 1)  # the chunk size of workers, as the old single name set both
    monkeypatch.setattr(chunks, "_CONSOLIDATE", 2)  # a part file every two documents
    paths = _excerpts(tmp_path)
    items = [*paths, *paths[:2]]
    expected = compare_many(plan, items, progress=False, passage_texts=True)
    out = tmp_path / "pq"
    compare_many(plan, items, progress=False, passage_texts=True, out=out, format="parquet")
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert _v2_errors(descriptor) == []
    marker = json.loads((out / ".xindu-plan.json").read_text(encoding="utf-8"))
    assert marker["version"] == __version__
    on_disk = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.parquet"))
    listed = sorted(path for r in descriptor["resources"] for path in r["path"])
    assert on_disk == listed and set(listed) <= set(marker["files"])
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert resources["decisions"]["path"] == [f"decisions/part-0000{k}.parquet" for k in range(3)]
    assert resources["failures"]["path"] == ["failures/part-00000.parquet"]  # no rows, still its columns
    assert {r["format"] for r in resources.values()} == {"parquet"}
    csv = expected.datapackage()["resources"]
    assert [r["schema"] for r in descriptor["resources"]] == [r["schema"] for r in csv]
    for name in COLUMNS:
        back = pd.read_parquet(out / name)
        assert list(back.columns) == list(COLUMNS[name])
        frame = expected.tables[name]
        assert plain_records(back) == plain_records(frame), name
        con = duckdb.connect()
        rows_counted = con.execute(f"select count(*) from read_parquet('{out / name}/*.parquet')").fetchall()
        con.close()
        assert rows_counted == [(len(frame),)]
    # replaced only as a whole folder it wrote, subfolders included
    compare_many(plan, paths[:1], progress=False, out=out, format="parquet", overwrite=True)
    assert pd.read_parquet(out / "decisions")["document"].nunique() == 1
    (out / "decisions" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CompareError, match=re.escape("holds decisions/notes.txt, which this program did not write")):
        compare_many(plan, paths[:1], progress=False, out=out, format="parquet", overwrite=True)
    assert (out / "decisions" / "notes.txt").read_text(encoding="utf-8") == "mine"
    with pytest.raises(CompareError, match="format='parquet' says how out is written"):
        compare_many(plan, paths, progress=False, format="parquet")
    with pytest.raises(CompareError, match="format must be 'csv' or 'parquet'"):
        compare_many(plan, paths, progress=False, out=tmp_path / "x", format="xlsx")


def test_one_comparison_writes_parquet_as_it_writes_csv(result, tmp_path):
    out = result.write_parquet(tmp_path / "one")
    descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert _v2_errors(descriptor) == [] and descriptor["resources"][0]["path"] == ["decisions/part-00000.parquet"]
    for name, frame in result.tables.items():
        back = pd.read_parquet(out / name)
        assert len(back) == len(frame) and list(back.columns) == list(frame.columns)
    assert pd.read_parquet(out / "passages")["bm25_score"].tolist() == result.passages["bm25_score"].tolist()
    with pytest.raises(CompareError, match="already exists"):
        result.write_parquet(out)


def test_local_workers_run_numpy_with_one_blas_thread(plan):
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from threadpoolctl import threadpool_info

    from xindu_plan.analysis.comparison.workers import _start_worker

    with ProcessPoolExecutor(1, mp_context=get_context("fork"), initializer=_start_worker, initargs=(plan,)) as pool:
        pools = pool.submit(threadpool_info).result()
    blas = [p for p in pools if p["user_api"] == "blas"]
    assert blas and all(p["num_threads"] == 1 for p in blas)

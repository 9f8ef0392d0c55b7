"""The tables: contract, frictionless, pandera, spans and package-level rules."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from pandera.engines import pandas_engine

from xindu_plan.base.tables import TABLES
from xindu_plan.derivation.schemas import PANDAS_DTYPES, package_problems, pandera_schema

from .conftest import ROOT

DESCRIPTOR = json.loads((ROOT / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in DESCRIPTOR["resources"]}


def test_frictionless_reports_the_package_valid_without_warnings():
    from frictionless import Package

    report = Package(str(ROOT / "datapackage.json")).validate()  # untrusted, as xindu-plan validate runs it
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    assert report.warnings == []


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_pandera_schema_agrees_with_datapackage(table):
    resource = RESOURCES[table.name]
    fields = resource["schema"]["fields"]
    pa_schema = pandera_schema(table.name)
    assert list(pa_schema.columns) == [f["name"] for f in fields]
    for f in fields:
        column = pa_schema.columns[f["name"]]
        constraints = f.get("constraints", {})
        required = constraints.get("required", False)
        expected = pandas_engine.Engine.dtype(PANDAS_DTYPES[f["type"]][0 if required else 1])
        assert column.dtype == expected
        assert column.nullable is (not required)
        assert column.unique is constraints.get("unique", False)
        assert f.get("description")
    assert resource["schema"]["primaryKey"] == list(table.primary_key)
    assert [
        (fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"])
        for fk in resource["schema"].get("foreignKeys", [])
    ] == [(list(fk.fields), fk.resource, list(fk.reference)) for fk in table.foreign_keys]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_every_table_validates_with_pandera(plan, table):
    pandera_schema(table.name).validate(plan.tables[table.name])


@pytest.mark.parametrize("table", [t for t in TABLES if {"start", "end"} <= set(t.columns)], ids=lambda t: t.name)
def test_spans_round_trip(plan, table):
    frame = plan.tables[table.name]
    text_column = next((c for c in ("text", "surface", "replacement", "heading") if c in frame), None)
    for row in frame.to_dict("records"):
        assert 0 <= row["start"] < row["end"] <= len(plan.text)
        if text_column:
            assert plan.text[row["start"] : row["end"]] == row[text_column]
        if "raw_start" in row:
            assert 0 <= row["raw_start"] < row["raw_end"] <= len(plan.raw)
            from xindu_plan.chinese.text import restore

            # the raw span, restored on its own, reads the same characters (context-free rows)
            if table.name in ("paragraphs", "sections", "measures"):
                assert (
                    restore(plan.raw[row["raw_start"] : row["raw_end"]]).text.replace("著力", "着力")
                    == plan.text[row["start"] : row["end"]]
                )


def test_package_level_rules_hold(plan):
    assert package_problems(plan) == []


def test_counts(plan):
    assert len(plan.sections) == 6 and len(plan.measures) == 21
    assert plan.measures.groupby("section_id").size().tolist() == [3, 4, 3, 5, 3, 3]
    assert list(plan.sections["theme"]) == ["协同共兴", "产业升级", "创新驱动", "公园营城", "共享发展", "系统治理"]
    assert len(plan.annotations) == 532 and plan.annotations["fits"].sum() == 531
    assert set(plan.topics["cap_code"]) == set(range(1, 22)) - {11} | {23}


def test_every_content_sentence_has_a_topic(plan):
    content = plan.sentences[
        ~plan.sentences["paragraph_id"].isin(
            plan.paragraphs.loc[plan.paragraphs["kind"].isin(["byline", "signature"]), "paragraph_id"]
        )
    ]
    assert content["cap_code"].notna().all()


def test_targets(plan):
    t = plan.targets.set_index("target_id")
    assert t.loc["T1", ["indicator", "value", "unit", "comparator", "hedge", "period_start_year"]].tolist() == [
        "签约引进市级重大项目",
        15.0,
        "个",
        "at_least",
        "力争",
        2021,
    ]
    assert t.loc["T2", "value_base"] == 1.5e10 and t.loc["T3", "value_base"] == 1.6e9
    assert t.loc["T4", ["change", "base_unit"]].tolist() == ["increase", "percent"]
    assert t.loc["T5", ["action", "value"]].tolist() == ["建设", 19.0]


def test_document_states_what_the_copy_lacks(plan):
    d = plan.document.iloc[0]
    assert pd.isna(d["headline"]) and pd.isna(d["venue"]) and pd.isna(d["date_published"])
    assert "descriptive" in d["title"]
    assert d["author"] == "许兴国" and d["author_pinyin"] == "Xu Xingguo"
    assert d["author_office"] == "中共成都市新都区委书记" and d["jurisdiction_code"] == "510114"

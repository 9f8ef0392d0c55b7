"""load(), records, search, quotation, integrity and citation (xindu_plan/dataset/: plan, integrity, citation)."""

from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pytest

import xindu_plan
from xindu_plan import IntegrityError, ValidationError
from xindu_plan.base.tables import TABLES
from xindu_plan.dataset.integrity import verify

from .conftest import ROOT


def test_tables_have_the_contract_columns_and_dtypes(plan):
    for table in TABLES:
        frame = plan.tables[table.name]
        assert list(frame.columns) == table.columns
        for f in table.fields:
            kind = {
                "string": "string",
                "integer": "integer",
                "number": "floating",
                "boolean": "boolean",
                "date": "datetime64",
            }[f.type]
            inferred = pd.api.types.infer_dtype(frame[f.name], skipna=True)
            assert inferred.startswith(kind) or frame[f.name].isna().all(), (table.name, f.name, inferred)


def test_version_is_shared(plan):
    assert plan.version == xindu_plan.__version__ == plan.descriptor["version"]


def test_lookups(plan):
    assert plan.section("S4") is plan.section(4) is plan.section("公园营城")
    assert [m.measure_id for m in plan.section(2).measures] == ["M04", "M05", "M06", "M07"]
    assert plan.measure("构建区域协同枢纽").section.theme == "协同共兴"
    assert plan.records.sections.get("nothing") is None
    assert plan.records.sections.get("nothing", "default") == "default"
    with pytest.raises(LookupError, match="'S9'"):
        plan.section("S9")
    assert [t.target_id for t in plan.measure("M02").targets] == ["T1", "T2", "T3"]
    assert plan.term("放管服").mentions[0].surface == "放管服"
    assert len(plan.entity("Chengdu").mentions) == plan.entity("成都").mentions.__len__() >= 1


def test_search_accepts_traditional_input(plan):
    simplified = plan.search("疫情防控")
    assert simplified["sentence_id"].tolist() == ["P33.1", "P33.2"]
    assert plan.search("疫情防控").equals(simplified)  # the same answer twice: nothing cached wrongly
    assert (simplified["match"] == "疫情防控").all()
    traditional = plan.search("醫養融合")
    assert list(traditional["measure_id"]) == ["M17"]
    for row in traditional.itertuples():
        assert plan.text[row.start : row.end] == "医养融合"
        assert "醫" in plan.raw[row.raw_start : row.raw_end]


def test_search_rejects_an_empty_query(plan):
    with pytest.raises(ValueError, match="empty"):
        plan.search("  ")


def test_quote_cites_the_version(plan):
    start = plan.text.index("慎终如始")
    quote = plan.quote(start, start + 4)
    assert quote.text == "慎终如始"
    assert f"v{plan.version}" in quote.citation and "许兴国" in quote.citation
    assert plan.raw[quote.raw_start : quote.raw_end].startswith("慎終")
    with pytest.raises(IndexError):
        plan.quote(10, 5)


def test_cite_formats_name_version_hash_and_author(plan):
    from xindu_plan.dataset.citation import FORMATS

    for fmt in FORMATS:
        out = xindu_plan.cite(fmt)
        assert plan.version in out and plan.content_hash[:12] in out, fmt
        assert "Xu" in out, fmt
        if fmt not in ("apa", "chicago"):  # the styles print the romanised name only
            assert "许兴国" in out, fmt
    with pytest.raises(ValueError):
        xindu_plan.cite("mla")


def test_citation_cff_agrees_with_cite():
    assert (ROOT / "CITATION.cff").read_text(encoding="utf-8") == xindu_plan.cite("cff")


def test_validate_passes(plan):
    xindu_plan.load(validate=True)


# --- tampering ----------------------------------------------------------------


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_one_changed_byte_in_any_table_fails_load_naming_the_file(package_copy, table):
    path = package_copy / table.file
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(IntegrityError, match=table.file):
        xindu_plan.load(root=package_copy)
    report = verify(package_copy)
    assert not report.ok and [c.path for c in report.failures] == [table.file]


def test_a_deleted_file_is_named(package_copy):
    (package_copy / "data/text/article.txt").unlink()
    with pytest.raises(IntegrityError, match=re.escape("article.txt: the file is missing")):
        xindu_plan.load(root=package_copy)


def _rewrite(package_copy, table_file, edit):
    """Edit a table and re-hash it in datapackage.json, as a careless editor would."""
    import hashlib
    import json

    path = package_copy / table_file
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    edit(rows)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8"))
    desc_path = package_copy / "datapackage.json"
    desc = json.loads(desc_path.read_text(encoding="utf-8"))
    for r in desc["resources"]:
        if r["path"] == table_file:
            r["hash"] = "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
            r["bytes"] = path.stat().st_size
    desc_path.write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")


def test_rehashed_content_errors_are_caught_by_validation(package_copy):
    def duplicate_key(rows):
        rows.append(rows[1])

    _rewrite(package_copy, "data/measures.csv", duplicate_key)
    xindu_plan.verify(root=package_copy)  # hashes agree now, so only the rules can tell
    for validate in (False, True):
        with pytest.raises(ValidationError, match=re.escape("data/measures.csv")):
            xindu_plan.load(root=package_copy, validate=validate)


def test_rehashed_broken_foreign_key_is_caught(package_copy):
    def break_fk(rows):
        rows[1][1] = "S9"

    _rewrite(package_copy, "data/measures.csv", break_fk)
    with pytest.raises(ValidationError, match=re.escape("data/measures.csv")):
        xindu_plan.load(root=package_copy, validate=True)


def test_rehashed_shifted_span_is_caught(package_copy):
    def shift(rows):
        header = rows[0]
        rows[3][header.index("start")] = str(int(rows[3][header.index("start")]) + 1)

    _rewrite(package_copy, "data/sentences.csv", shift)
    with pytest.raises(ValidationError, match=re.escape("data/sentences.csv")):
        xindu_plan.load(root=package_copy, validate=True)


def test_search_finds_the_repaired_word_from_its_traditional_form_and_latin_in_any_case(plan):
    assert list(plan.search("著力")["match"]) == list(plan.search("着力")["match"]) == ["着力", "着力"]
    ibm = plan.search("ibm")
    assert list(ibm["match"]) == ["IBM"] and plan.text[ibm["start"][0] : ibm["end"][0]] == "IBM"


def test_mentions_take_the_keys_term_and_entity_take(plan):
    assert plan.mentions("term", "双循环") == plan.mentions("term", "Q03") != ()
    entity = plan.entities.iloc[0]
    assert plan.mentions("entity", entity["name"]) == plan.mentions("entity", entity["entity_id"]) != ()
    with pytest.raises(LookupError, match="no term with key 'nope'"):
        plan.mentions("term", "nope")

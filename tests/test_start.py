"""Quick start: ``import xindu_plan`` and the commands that need no DataFrame import no pandas,
and what they serve from the files equals what the loaded plan says."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

import xindu_plan
from xindu_plan.base.resources import package_root
from xindu_plan.base.tables import TABLES
from xindu_plan.base.values import plain_records, row_dicts
from xindu_plan.cli import main
from xindu_plan.dataset.package import read_rows, read_table
from xindu_plan.dataset.search import RawSpans, search_package

HEAVY = ("pandas", "numpy", "pyarrow", "pandera", "frictionless")


def _imported_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_importing_the_package_imports_no_heavy_module():
    modules = _imported_after("import xindu_plan")
    assert [
        m
        for m in (*HEAVY, "xindu_plan.analysis.comparison", "xindu_plan.reading.reader", "xindu_plan.corpus")
        if m in modules
    ] == []


@pytest.mark.parametrize(
    "args", [["info"], ["cite"], ["search", "疫情防控"], ["info", "--json"], ["verify"]], ids=" ".join
)
def test_the_quick_commands_need_no_dataframe(args):
    modules = _imported_after(f"from xindu_plan.cli import main\nassert main({args!r}) == 0")
    assert [m for m in HEAVY if m in modules] == []


def test_lazy_names_are_the_real_objects():
    from xindu_plan.dataset.plan import load
    from xindu_plan.reading.reader import Document

    assert xindu_plan.load is load and xindu_plan.Document is Document
    assert "compare" in dir(xindu_plan)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = xindu_plan.nothing


def test_raw_spans_read_from_the_tables_equal_the_restorations_map(plan):
    spans = RawSpans(row_dicts(plan.annotations), row_dicts(plan.repairs))
    differ = [i for i in range(len(plan.text)) if spans.to_raw(i, i + 1) != plan.offsets.to_raw(i, i + 1)]
    assert differ == []
    # an annotated character stands for itself and its annotation
    first = plan.annotations.iloc[0]
    assert spans.to_raw(int(first["start"]), int(first["start"]) + 1) == (
        int(first["raw_start"]),
        int(first["raw_end"]),
    )


@pytest.mark.parametrize("query", ["疫情防控", "醫養融合", "慎終如始", "着力", "大运会", "没有这句话"])
def test_the_package_search_equals_the_plans(plan, query):
    assert search_package(query) == plain_records(plan.search(query))


def test_info_agrees_with_the_loaded_plan(plan, capsys):
    assert main(["info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    doc = plan.records.document
    assert (info["version"], info["content_sha256"]) == (plan.version, plan.content_hash)
    assert (info["source_sha256"], info["text_sha256"], info["author"]) == (doc.raw_sha256, doc.text_sha256, doc.author)
    assert (info["characters_raw"], info["characters_restored"]) == (len(plan.raw), len(plan.text))
    assert info["tables"] == {name: len(frame) for name, frame in plan.tables.items()}


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.name)
def test_rows_read_with_the_standard_library_equal_the_dataframe(table):
    data = (package_root() / table.file).read_bytes()
    assert read_rows(table, data) == plain_records(read_table(table, data))


@pytest.mark.parametrize(
    ("column", "cell", "words"),
    [("occurrence", "1.5", "not an integer"), ("occurrence", "", "empty cell"), ("start", "x", "not an integer")],
)
def test_a_cell_that_is_not_its_type_is_refused(column, cell, words):
    table = next(t for t in TABLES if t.name == "repairs")
    rows = list(csv.reader(io.StringIO((package_root() / table.file).read_text(encoding="utf-8"))))
    rows[1][rows[0].index(column)] = cell
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    with pytest.raises(ValueError, match=words):
        read_rows(table, out.getvalue().encode("utf-8"))


def test_a_row_with_a_cell_too_many_is_refused():
    table = next(t for t in TABLES if t.name == "repairs")
    header, first, rest = (package_root() / table.file).read_bytes().split(b"\n", 2)
    data = b"\n".join([header, first + b",extra", rest])
    with pytest.raises(ValueError, match="line 2 has"):
        read_rows(table, data)

"""Exports (xindu_plan/analysis/export.py): every format reads back equal to the tables, with its provenance."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from xindu_plan.analysis.export import FORMATS, WRITERS, ExportError, export, writer
from xindu_plan.base.tables import TABLES, Table
from xindu_plan.cli import _parser, main

from .conftest import ROOT


def _norm(value: Any, ftype: str) -> Any:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    if ftype == "date":  # a Timestamp, a date, or ISO text (SQLite)
        return (
            value if isinstance(value, str) else (value.date() if isinstance(value, dt.datetime) else value).isoformat()
        )
    if ftype == "boolean":
        return bool(value)
    if ftype == "integer":
        return int(value)
    if ftype == "number":
        return float(value)
    return str(value)


def _expected(plan, table: Table) -> list[list[Any]]:
    frame = plan.tables[table.name]
    return [[_norm(v, f.type) for v, f in zip(row, table.fields, strict=True)] for row in frame.itertuples(index=False)]


def _check_provenance(plan, prov: dict[str, Any], fmt: str) -> None:
    assert prov["version"] == plan.version and prov["content_sha256"] == plan.content_hash
    assert prov["format"] == fmt and prov["dataset"] == "xindu-plan" and plan.version in prov["citation"]


@pytest.fixture(scope="module")
def exported(plan, tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("exports")
    return {fmt: export(plan, fmt, base / fmt) for fmt in FORMATS}


def test_the_registry_is_what_the_cli_offers():
    sub = next(a for a in _parser()._actions if a.dest == "command")
    choices = next(a for a in sub.choices["export"]._actions if a.dest == "format").choices
    assert list(choices) == list(WRITERS) == list(FORMATS)
    assert {"csv", "csv-excel", "parquet", "sqlite", "duckdb", "jsonl", "stata"} <= set(FORMATS)


@pytest.mark.parametrize("fmt", ["csv", "csv-excel"])
def test_csv_is_a_valid_data_package_equal_to_the_published_files(plan, exported, fmt):
    from frictionless import Package, system

    folder = exported[fmt]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    _check_provenance(plan, package["xindu_plan"], fmt)
    assert package["version"] == plan.version and plan.content_hash in package["description"]
    bom = b"\xef\xbb\xbf" if fmt == "csv-excel" else b""
    for table in TABLES:
        data = (folder / f"{table.name}.csv").read_bytes()
        assert data == bom + (ROOT / table.file).read_bytes(), table.name  # true/false, dates, numbers as published
    with system.use_context(trusted=True):
        report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["type", "message"])[:5]


def test_parquet_keeps_dates_descriptions_and_provenance(plan, exported):
    import pyarrow as pa
    import pyarrow.parquet as pq

    for table in TABLES:
        arrow = pq.read_table(exported["parquet"] / f"{table.name}.parquet")
        _check_provenance(plan, json.loads(arrow.schema.metadata[b"xindu_plan"]), "parquet")
        for f in table.fields:
            field = arrow.schema.field(f.name)
            assert field.metadata[b"description"].decode() == f.description
            if f.type == "date":
                assert field.type == pa.date32()
        rows = [[_norm(r[f.name], f.type) for f in table.fields] for r in arrow.to_pylist()]
        assert rows == _expected(plan, table), table.name


@pytest.mark.parametrize("fmt", ["sqlite", "duckdb"])
def test_databases_keep_rows_keys_and_provenance(plan, exported, fmt):
    if fmt == "duckdb":
        duckdb = pytest.importorskip("duckdb")
        con: Any = duckdb.connect(str(exported[fmt]), read_only=True)
    else:
        con = sqlite3.connect(exported[fmt])
    try:
        _check_provenance(plan, dict(con.execute("SELECT key, value FROM xindu_plan_metadata").fetchall()), fmt)
        described = con.execute("SELECT table_name, column_name, description FROM xindu_plan_columns").fetchall()
        assert sorted(described) == sorted((t.name, f.name, f.description) for t in TABLES for f in t.fields)
        for table in TABLES:
            order = ", ".join(f'"{k}"' for k in table.primary_key)
            fetched = con.execute(f'SELECT * FROM "{table.name}" ORDER BY {order}').fetchall()
            rows = [[_norm(v, f.type) for v, f in zip(row, table.fields, strict=True)] for row in fetched]
            assert sorted(rows, key=repr) == sorted(_expected(plan, table), key=repr), table.name
        if fmt == "sqlite":
            assert con.execute("PRAGMA foreign_key_list(measures)").fetchall()
        else:
            comment = con.execute(
                "SELECT comment FROM duckdb_columns() WHERE table_name = 'targets' AND column_name = 'comparator'"
            ).fetchone()
            targets = next(t for t in TABLES if t.name == "targets")
            assert comment == (next(f for f in targets.fields if f.name == "comparator").description,)
    finally:
        con.close()


def test_jsonl_has_a_header_with_provenance_and_hashes(plan, exported):
    folder = exported["jsonl"]
    header = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    _check_provenance(plan, header, "jsonl")
    for table in TABLES:
        path = folder / f"{table.name}.jsonl"
        entry = header["tables"][table.name]
        assert entry["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest() and entry["rows"] == len(
            plan.tables[table.name]
        )
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert [[_norm(r[f.name], f.type) for f in table.fields] for r in records] == _expected(plan, table)


def test_stata_keeps_labels_and_provenance(plan, exported):
    folder = exported["stata"]
    header = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    _check_provenance(plan, header, "stata")
    assert header["renamed_for_stata"] == {"end": "_end"}
    for table in TABLES:
        path = folder / f"{table.name}.dta"
        with pd.io.stata.StataReader(path) as reader:
            label, variable_labels, value_labels = reader.data_label, reader.variable_labels(), reader.value_labels()
        assert label == f"xindu-plan {plan.version} content sha256 {plan.content_hash[:16]}"
        frame = pd.read_stata(path, convert_categoricals=False)
        rows = []
        for record in frame.to_dict("records"):
            row = []
            for f in table.fields:
                name = header["renamed_for_stata"].get(f.name, f.name)
                value = record[name]
                assert variable_labels[name] == f.description[:80]
                if name in value_labels and f.type == "string":  # a coded column: labels give the values
                    value = None if pd.isna(value) else value_labels[name][int(value)]
                elif f.type == "string" and value == "":
                    value = None
                row.append(_norm(value, f.type))
            rows.append(row)
        assert rows == _expected(plan, table), table.name
    with pd.io.stata.StataReader(folder / "topics.dta") as reader:
        assert reader.value_labels()["cap_code"][1] == "Macroeconomics"


def test_a_new_format_is_one_function(plan, tmp_path, monkeypatch):
    monkeypatch.setattr("xindu_plan.analysis.export.WRITERS", dict(WRITERS))

    @writer("names", "the table names, one a line", folder=False)
    def _names(plan_: Any, target: Path) -> None:
        target.write_text("\n".join(plan_.tables), encoding="utf-8")

    out = export(plan, "names", tmp_path / "names.txt")
    assert out.read_text(encoding="utf-8").splitlines() == [t.name for t in TABLES]


def test_an_unknown_format_and_a_missing_dependency_are_one_sentence(plan, tmp_path, monkeypatch):
    with pytest.raises(ExportError, match="unknown export format 'xlsx'"):
        export(plan, "xlsx", tmp_path / "x")
    monkeypatch.setitem(
        WRITERS,
        "duckdb",
        WRITERS["duckdb"].__class__("duckdb", "", lambda p, t: None, False, ("no_such_module_xyz", "duckdb")),
    )
    with pytest.raises(ExportError, match=r"pip install 'xindu-plan\[duckdb\]'"):
        export(plan, "duckdb", tmp_path / "x.duckdb")
    assert not (tmp_path / "x.duckdb").exists()


def test_export_from_the_command_line(tmp_path, capsys):
    assert main(["export", "csv-excel", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "datapackage.json").is_file()

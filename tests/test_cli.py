"""The command line (xindu_plan/cli.py)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pandas as pd
import pytest

from xindu_plan.base.tables import TABLES
from xindu_plan.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xindu_plan.cli", *args], capture_output=True, text=True)


def test_info_prints_version_and_source_hash(plan):
    out = run("info")
    assert out.returncode == 0
    assert plan.version in out.stdout and plan.records.document.raw_sha256 in out.stdout


def test_info_json(plan, capsys):
    assert main(["info", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == plan.version and data["tables"]["measures"] == 21


@pytest.mark.parametrize(
    "command", ["info", "verify", "validate", "cite", "search", "export", "build", "parse", "compare"]
)
def test_every_subcommand_has_help(command, capsys):
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert "Exit status" in capsys.readouterr().out


def test_bad_usage_exits_2_without_traceback():
    out = run("cite", "--format", "mla")
    assert out.returncode == 2 and "Traceback" not in out.stderr and "invalid choice" in out.stderr


def test_verify_and_build_check(capsys):
    assert main(["verify"]) == 0
    assert main(["build", "--check"]) == 0


def test_verify_fails_on_a_tampered_copy(package_copy, capsys):
    path = package_copy / "data/terms.csv"
    path.write_bytes(path.read_bytes() + b"\n")
    assert main(["verify", "--root", str(package_copy)]) == 1
    assert "data/terms.csv" in capsys.readouterr().out


def test_missing_file_for_parse_is_one_sentence(tmp_path):
    out = run("parse", str(tmp_path / "nope.txt"))
    assert out.returncode == 2 and out.stderr.strip().endswith("no such file") and "Traceback" not in out.stderr
    out = run("parse", str(tmp_path))
    assert out.returncode == 2 and "is a folder" in out.stderr


def test_exports_read_back_equal_the_tables(plan, tmp_path, capsys):
    assert main(["export", "sqlite", str(tmp_path / "plan.sqlite")]) == 0
    assert main(["export", "parquet", str(tmp_path / "parquet")]) == 0
    assert main(["export", "jsonl", str(tmp_path / "jsonl")]) == 0
    con = sqlite3.connect(tmp_path / "plan.sqlite")
    assert con.execute("PRAGMA foreign_key_list(measures)").fetchall()
    for table in TABLES:
        frame = plan.tables[table.name]
        from_sql = pd.read_sql(f'SELECT * FROM "{table.name}"', con)
        assert list(from_sql.columns) == table.columns and len(from_sql) == len(frame)
        from_parquet = pd.read_parquet(tmp_path / "parquet" / f"{table.name}.parquet")
        for f in table.fields:  # dates are stored as dates
            if f.type == "date":
                from_parquet[f.name] = pd.to_datetime(from_parquet[f.name]).astype(frame[f.name].dtype)
        pd.testing.assert_frame_equal(from_parquet, frame, check_dtype=False)
        from_jsonl = pd.read_json(tmp_path / "jsonl" / f"{table.name}.jsonl", lines=True, dtype=False)
        assert len(from_jsonl) == len(frame)
        assert [str(v) for v in from_jsonl.iloc[0] if v is not None and v == v][:3] == [
            str(v.date()) if hasattr(v, "date") else str(v) for v in frame.iloc[0] if not pd.isna(v)
        ][:3]
    con.close()


def test_export_refuses_an_existing_path_and_leaves_nothing(tmp_path, capsys):
    target = tmp_path / "plan.sqlite"
    target.write_text("keep me")
    assert main(["export", "sqlite", str(target)]) == 2
    assert target.read_text() == "keep me"
    assert main(["export", "jsonl", str(tmp_path / "missing" / "out")]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.sqlite"]


def test_compare_a_corpus_document_and_a_file(tmp_path, capsys):
    assert main(["compare", "--corpus", "national-gwr-2021"]) == 0
    report = capsys.readouterr().out
    assert report.startswith("# xindu-2021-14fyp-first-year compared with national-gwr-2021")
    assert "## Coverage of each pillar" in report and "放管服" in report
    gb = tmp_path / "report-gb.txt"
    gb.write_bytes("一、疫情防控\n抓好常态化疫情防控。\n二、改革\n深化“放管服”改革。\n".encode("gb18030"))
    assert main(["compare", str(gb), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["b"] == "report-gb"
    best = {r["unit_id"]: r["passage_id"] for r in data["passages"] if r["rank"] == 1}
    assert best["M19"] == "P02" and best["M09"] == "P04"


def test_compare_writes_csvs_atomically(tmp_path, capsys):
    out = tmp_path / "cmp"
    assert (
        main(
            [
                "compare",
                "--corpus",
                "chengdu-gwr-2022-excerpt",
                "--corpus",
                "chengdu-cpc-proposal-2020-excerpt",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert sorted(p.name for p in out.iterdir()) == [
        ".xindu-plan.json",  # the marker --overwrite looks for
        "datapackage.json",
        "decisions.csv",
        "failures.csv",
        "passages.csv",
        "summary.csv",
        "targets.csv",
        "terms.csv",
    ]
    summary = pd.read_csv(out / "summary.csv")
    assert set(summary["document"]) == {"chengdu-gwr-2022-excerpt", "chengdu-cpc-proposal-2020-excerpt"}
    assert pd.read_csv(out / "passages.csv")["text"].notna().all()  # written as they are compared, with texts
    assert main(["compare", "--corpus", "chengdu-gwr-2022-excerpt", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    broken = tmp_path / "broken"
    args = ["compare", "--corpus", "chengdu-gwr-2022-excerpt", str(tmp_path / "missing.txt"), "--out", str(broken)]
    assert main(args) == 2
    assert "missing.txt" in capsys.readouterr().err
    assert not broken.exists() and not list(tmp_path.glob(".broken*"))  # nothing half-written


@pytest.mark.parametrize(
    "args, message",
    [
        ([], "give at least one FILE"),
        (["missing.txt"], "missing.txt: no such file"),
        (["--corpus", "national-gwr-2021", "--top", "0"], "--top must be at least 1"),
    ],
)
def test_compare_bad_input_exits_2_with_one_sentence(args, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = run("compare", *args)
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr
    assert list(tmp_path.iterdir()) == []


def test_compare_a_folder_instead_of_a_file(tmp_path):
    out = run("compare", str(tmp_path))
    assert out.returncode == 2 and "is a folder" in out.stderr and "Traceback" not in out.stderr


def test_validate_says_which_checks_ran(capsys):
    assert main(["validate", "--skip-frictionless"]) == 0
    out = capsys.readouterr().out.strip()
    assert out == "valid: schema, re-derivation and package checks pass (frictionless skipped)"


def test_compare_writes_parquet_with_format(tmp_path, capsys):
    many = tmp_path / "many"
    args = ["compare", "--corpus", "chengdu-gwr-2022-excerpt", "--corpus", "chengdu-cpc-proposal-2020-excerpt"]
    assert main([*args, "--out", str(many), "--format", "parquet"]) == 0
    assert "decisions/*.parquet" in capsys.readouterr().out
    decisions = pd.read_parquet(many / "decisions")
    assert set(decisions["document"]) == {"chengdu-gwr-2022-excerpt", "chengdu-cpc-proposal-2020-excerpt"}
    one = tmp_path / "one"
    assert main(["compare", "--corpus", "chengdu-gwr-2022-excerpt", "--out", str(one), "--format", "parquet"]) == 0
    assert pd.read_parquet(one / "passages")["text"].notna().all()
    assert json.loads((one / "datapackage.json").read_text(encoding="utf-8"))["resources"][0]["format"] == "parquet"
    out = run("compare", "--corpus", "chengdu-gwr-2022-excerpt", "--format", "parquet")
    assert out.returncode == 2 and "give --out DIR too" in out.stderr and "Traceback" not in out.stderr

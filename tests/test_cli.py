"""The command line (xindu_plan/cli.py)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

import pandas as pd
import pytest

from xindu_plan.cli import main
from xindu_plan.tables import TABLES


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "xindu_plan.cli", *args], capture_output=True, text=True)


def test_info_prints_version_and_source_hash(plan):
    out = run("info")
    assert out.returncode == 0
    assert plan.version in out.stdout and plan.document.raw_sha256 in out.stdout


def test_info_json(plan, capsys):
    assert main(["info", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == plan.version and data["tables"]["measures"] == 21


@pytest.mark.parametrize("command", ["info", "verify", "validate", "cite", "search", "export", "build", "parse"])
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
        pd.testing.assert_frame_equal(from_parquet, frame, check_dtype=False)
        from_jsonl = pd.read_json(tmp_path / "jsonl" / f"{table.name}.jsonl", lines=True, dtype=False)
        assert len(from_jsonl) == len(frame)
        assert [str(v) for v in from_jsonl.iloc[0] if v is not None and v == v][:3] == [
            str(v.date()) if hasattr(v, "date") else str(v) for v in frame.iloc[0] if not pd.isna(v)][:3]
    con.close()


def test_export_refuses_an_existing_path_and_leaves_nothing(tmp_path, capsys):
    target = tmp_path / "plan.sqlite"
    target.write_text("keep me")
    assert main(["export", "sqlite", str(target)]) == 2
    assert target.read_text() == "keep me"
    assert main(["export", "jsonl", str(tmp_path / "missing" / "out")]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.sqlite"]

"""Command-line drills: every mistake and mishap gives one sentence, the right exit status,
no traceback and no half-written output."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pandas as pd
import pytest

from xindu_plan.cli import main


def _one_sentence(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and lines[0].startswith("xindu-plan: ")


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize(
    ("args", "status", "words"),
    [
        (["parse", "missing.txt"], 2, "no such file"),
        (["compare", "missing.txt"], 2, "no such file"),
        (["verify", "--root", "missing-folder"], 2, "must be a folder"),
        (["validate", "--root", "missing-folder"], 2, "must be a folder"),
        (["export", "csv", "missing-folder/out"], 2, "is not an existing folder"),
        (["search", " "], 2, "empty"),
    ],
)
def test_missing_paths(tmp_path, monkeypatch, capsys, args, status, words):
    monkeypatch.chdir(tmp_path)
    assert main(args) == status
    err = capsys.readouterr().err
    _one_sentence(err)
    assert words in err
    assert _leftovers(tmp_path) == []


def test_a_folder_where_a_file_is_expected(tmp_path, capsys):
    (tmp_path / "folder").mkdir()
    assert main(["parse", str(tmp_path / "folder")]) == 2
    _one_sentence(capsys.readouterr().err)
    assert main(["verify", "--root", str(tmp_path / "folder")]) == 1  # a folder without a data package
    assert "datapackage.json is missing" in capsys.readouterr().err


def test_an_unreadable_file(tmp_path, monkeypatch, capsys):
    path = tmp_path / "report.txt"
    path.write_text("政府工作报告", encoding="utf-8")
    real = os.open

    def refuse(file: object, *args: object, **kwargs: object) -> int:
        if Path(str(file)) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    for command in ("parse", "compare"):
        assert main([command, str(path)]) == 2
        err = capsys.readouterr().err
        _one_sentence(err)
        assert "report.txt: permission denied" in err


def test_input_that_is_not_text(tmp_path, capsys):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02" + bytes(range(256)))
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    _one_sentence(err)
    assert "scan.pdf: binary data (NUL bytes), not text in UTF-8, GB18030 or Big5" in err


def test_gb18030_input_is_read(tmp_path, capsys):
    path = tmp_path / "report.txt"
    path.write_bytes("一、总体要求\n国内生产总值增长6%以上。\n".encode("gb18030"))
    assert main(["parse", str(path), "--table", "targets"]) == 0
    assert "国内生产总值" in capsys.readouterr().out


@pytest.mark.parametrize(
    "command", [["export", "csv"], ["export", "sqlite"], ["compare", "--corpus", "chengdu-gwr-2022-excerpt", "--out"]]
)
def test_an_output_path_that_exists(tmp_path, capsys, command):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    assert main([*command, str(out)]) == 2
    err = capsys.readouterr().err
    _one_sentence(err)
    assert "already exists" in err
    assert _leftovers(out) == ["keep.txt"] and _leftovers(tmp_path) == ["out"]


def test_a_read_only_output_folder(tmp_path, monkeypatch, capsys):
    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("tempfile.mkdtemp", refuse)
    assert main(["export", "jsonl", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    _one_sentence(err)
    assert "cannot write there (Permission denied)" in err
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_a_full_disk_mid_export(tmp_path, monkeypatch, capsys, fmt):
    calls = {"n": 0}
    real_csv, real_parquet = pd.DataFrame.to_csv, pd.DataFrame.to_parquet

    def fill_up(real):
        def write(self, path, *args, **kwargs):
            calls["n"] += 1
            if calls["n"] == 3:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real(self, path, *args, **kwargs)

        return write

    monkeypatch.setattr(pd.DataFrame, "to_csv", fill_up(real_csv))
    monkeypatch.setattr(pd.DataFrame, "to_parquet", fill_up(real_parquet))
    if fmt == "jsonl":
        real_open = Path.open

        def open_(self, mode="r", *args, **kwargs):
            if "w" in mode and self.suffix == ".jsonl":
                calls["n"] += 1
                if calls["n"] == 3:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real_open(self, mode, *args, **kwargs)

        monkeypatch.setattr(Path, "open", open_)
    assert main(["export", fmt, str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    _one_sentence(err)
    assert "No space left on device" in err
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", ["sqlite", "csv"])
def test_ctrl_c_mid_export_leaves_nothing(tmp_path, monkeypatch, capsys, fmt):
    import sqlite3

    real_csv = pd.DataFrame.to_csv
    calls = {"n": 0}

    def interrupt_csv(self, path, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        return real_csv(self, path, *args, **kwargs)

    class Interrupting:
        def __init__(self, con: sqlite3.Connection) -> None:
            self.con = con

        def __getattr__(self, name: str) -> object:
            return getattr(self.con, name)

        def executemany(self, *args: object) -> object:
            calls["n"] += 1
            if calls["n"] == 4:
                raise KeyboardInterrupt
            return self.con.executemany(*args)

        def __enter__(self) -> Interrupting:
            self.con.__enter__()
            return self

        def __exit__(self, *exc: object) -> object:
            return self.con.__exit__(*exc)

    monkeypatch.setattr(pd.DataFrame, "to_csv", interrupt_csv)
    real_connect = sqlite3.connect
    monkeypatch.setattr("xindu_plan.analysis.export.sqlite3.connect", lambda path: Interrupting(real_connect(path)))
    out = tmp_path / ("plan.sqlite" if fmt == "sqlite" else "out")
    assert main(["export", fmt, str(out)]) == 130
    err = capsys.readouterr().err
    _one_sentence(err)
    assert "interrupted" in err
    assert _leftovers(tmp_path) == []

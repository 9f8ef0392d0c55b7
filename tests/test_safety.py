"""Safety drills: no command deletes a user's files, nothing is read from outside the package,
no file in the working folder changes what the library computes, and abuse of the inputs
or the terminal ends in one sentence.

The data-loss drills run against real folders holding other files, compared byte for byte
afterwards.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import marshal
import os
import re
import socket
import sqlite3
import stat
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import xindu_plan
from xindu_plan.base.errors import DescriptorError, ValidationError, XinduPlanError
from xindu_plan.cli import main

from .conftest import ROOT, rehash

# --- helpers -----------------------------------------------------------------


def _one_sentence(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and lines[0].startswith("xindu-plan: "), err
    return lines[0]


def _tree(folder: Path) -> dict[str, object]:
    """Every entry under ``folder`` (symbolic links not followed): bytes of files, kinds of the rest."""
    out: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        key = path.relative_to(folder).as_posix()
        if stat.S_ISLNK(info.st_mode):
            out[key] = ("link", os.readlink(path))
        elif stat.S_ISREG(info.st_mode):
            out[key] = path.read_bytes()
        elif stat.S_ISDIR(info.st_mode):
            out[key] = "dir"
        else:
            out[key] = ("special", stat.S_IFMT(info.st_mode))
    return out


def _user_folder(root: Path) -> Path:
    """A folder as a user keeps one: a thesis, notes in a subfolder, hidden settings."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "thesis.docx").write_bytes(b"PK\x03\x04 chapter one" + bytes(range(256)))
    (root / "notes").mkdir(exist_ok=True)
    (root / "notes" / "interviews.md").write_text("# 访谈\n", encoding="utf-8")
    (root / ".settings").write_text("keep", encoding="utf-8")
    return root


def _run(*args: str | bytes, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "xindu_plan.cli", *args],
        capture_output=True,
        timeout=kwargs.pop("timeout", 120),
        **kwargs,  # type: ignore[arg-type]
    )


WRITERS = {
    "export csv": ["export", "csv"],
    "export jsonl": ["export", "jsonl"],
    "export parquet": ["export", "parquet"],
    "export sqlite": ["export", "sqlite"],
    "compare --out": ["compare", "--corpus", "chengdu-gwr-2022-excerpt", "--out"],
}

# --- data loss ------------------------------------------------------------------


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("where", [".", "..", "", "home"])
def test_overwrite_refuses_the_working_folder_its_parents_and_home(tmp_path, monkeypatch, capsys, writer, where):
    top = _user_folder(tmp_path / "top")
    work = _user_folder(top / "work")
    home = _user_folder(tmp_path / "home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    before = _tree(tmp_path)
    target = str(home) if where == "home" else where
    assert main([*WRITERS[writer], target, "--overwrite"]) == 2
    message = _one_sentence(capsys.readouterr().err)
    assert "refusing to write there" in message
    assert _tree(tmp_path) == before  # byte for byte, and no temporary folder left anywhere


def test_the_root_of_the_file_system_is_protected():
    from xindu_plan.base.atomic import _protected

    assert _protected(Path("/")) is not None
    assert _protected(Path.cwd()) == "is the working folder"
    assert _protected(Path.cwd().parent) == "is a parent of the working folder"
    assert _protected(Path.home()) in (
        "is the home folder",
        "is the working folder",
        "is a parent of the working folder",
    )


def _targets(base: Path) -> dict[str, Path]:
    """Things at an output path that xindu-plan did not write."""
    (base / "folder").mkdir(parents=True)
    _user_folder(base / "folder")
    (base / "file.sqlite").write_bytes(b"my own database, not SQLite at all")
    (base / "sqlite-of-mine.sqlite").write_bytes(b"")
    con = sqlite3.connect(base / "sqlite-of-mine.sqlite")
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    os.mkfifo(base / "fifo")
    (base / "link").symlink_to("/dev/null")
    # a folder that looks like an earlier export but holds a file of the user's too
    marked = base / "marked"
    marked.mkdir()
    (marked / "measures.csv").write_text("a,b\n", encoding="utf-8")
    (marked / "thesis.docx").write_bytes(b"chapter two")
    (marked / ".xindu-plan.json").write_text(
        json.dumps({"written_by": "xindu-plan", "files": ["measures.csv"]}), encoding="utf-8"
    )
    return {p.name: p for p in base.iterdir()}


@pytest.mark.parametrize("writer", WRITERS)
def test_overwrite_replaces_nothing_it_did_not_write(tmp_path, capsys, writer):
    base = tmp_path / "outputs"
    targets = _targets(base)
    before = _tree(tmp_path)
    for name, target in targets.items():
        assert main([*WRITERS[writer], str(target), "--overwrite"]) == 2, name
        message = _one_sentence(capsys.readouterr().err)
        assert "left as it is" in message, message
        assert _tree(tmp_path) == before, name


@pytest.mark.parametrize("writer", WRITERS)
def test_overwrite_replaces_its_own_earlier_output(tmp_path, capsys, writer):
    _user_folder(tmp_path)
    out = tmp_path / ("plan.sqlite" if writer == "export sqlite" else "out")
    assert main([*WRITERS[writer], str(out)]) == 0
    first = _tree(tmp_path)
    others = {k: v for k, v in first.items() if not k.startswith(out.name)}
    assert main([*WRITERS[writer], str(out), "--overwrite"]) == 0
    second = _tree(tmp_path)
    assert {k: v for k, v in second.items() if not k.startswith(out.name)} == others
    assert sorted(second) == sorted(first)  # the same files, no temporary folder left
    if out.is_dir():
        marker = json.loads((out / ".xindu-plan.json").read_text(encoding="utf-8"))
        assert marker["written_by"] == "xindu-plan" and sorted(marker["files"]) == sorted(
            p.name for p in out.iterdir() if p.name != ".xindu-plan.json"
        )
    capsys.readouterr()


def test_the_temporary_output_is_beside_the_target(tmp_path, monkeypatch):
    import tempfile

    seen: list[str] = []
    real = tempfile.mkdtemp

    def record(*args: object, **kwargs: object) -> str:
        seen.append(str(kwargs.get("dir")))
        return real(*args, **kwargs)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(tempfile, "mkdtemp", record)
    monkeypatch.chdir(tmp_path)
    Path("out").mkdir()
    assert main(["export", "csv", "out/plan"]) == 0
    assert seen == [str(tmp_path / "out")]


def test_a_writer_that_loses_the_race_says_so(tmp_path):
    from xindu_plan.base.atomic import write_atomically

    out = tmp_path / "out"

    def ours(label: str):
        def write(target: Path) -> None:
            target.mkdir()
            (target / "who.txt").write_text(label, encoding="utf-8")

        return write

    write_atomically(out, ours("first"), folder=True)

    def slow(target: Path) -> None:  # another writer finishes while this one is writing
        ours("slow")(target)
        write_atomically(out, ours("fast"), overwrite=True, folder=True)

    with pytest.raises(XinduPlanError, match="was written by another process while this one ran"):
        write_atomically(out, slow, overwrite=True, folder=True)
    assert (out / "who.txt").read_text(encoding="utf-8") == "fast"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_concurrent_exports_to_one_path_one_wins(tmp_path):
    _user_folder(tmp_path)
    before = _tree(tmp_path)
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "xindu_plan.cli", "export", "sqlite", "plan.sqlite"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    results = [(p.wait(timeout=120), p.stdout.read().decode(), p.stderr.read().decode()) for p in procs]  # type: ignore[union-attr]
    assert sorted(status for status, _, _ in results) == [0, 2, 2, 2], results
    for status, _, err in results:
        if status:
            assert re.search(r"already exists|written by another process", _one_sentence(err)), err
    after = _tree(tmp_path)
    assert sorted(after) == sorted([*before, "plan.sqlite"])
    assert {k: after[k] for k in before} == before


def _checkout(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "datapackage.json", tmp_path / "datapackage.json")
    shutil.copy(ROOT / "CITATION.cff", tmp_path / "CITATION.cff")
    return tmp_path


def _edit_gloss(root: Path) -> None:
    path = root / "data/curation/sections.csv"
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    rows[0]["gloss_en"] += " (revised)"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def test_build_is_all_or_nothing(tmp_path, monkeypatch):
    from xindu_plan.derivation.build import BuildError, build

    root = _checkout(tmp_path)
    _edit_gloss(root)
    before = _tree(root)
    real = os.replace
    failed: list[str] = []

    def fail_on_the_descriptor(src: object, dst: object) -> None:  # the disk fills up as the last file goes in
        if Path(str(dst)).name == "datapackage.json" and not failed:
            failed.append(str(dst))
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", fail_on_the_descriptor)
    with pytest.raises(BuildError, match="nothing was changed"):
        build(root)
    assert _tree(root) == before  # data/ and datapackage.json still agree: not a byte changed
    monkeypatch.setattr(os, "replace", real)
    changed = build(root)
    assert "data/sections.csv" in changed and changed[-1] == "datapackage.json"
    assert xindu_plan.verify(root).ok


def test_build_writes_files_with_mode_0644(tmp_path):
    from xindu_plan.derivation.build import build

    root = _checkout(tmp_path)
    _edit_gloss(root)
    old = os.umask(0o077)
    try:
        changed = build(root)
    finally:
        os.umask(old)
    assert changed
    for name in changed:
        assert stat.S_IMODE((root / name).stat().st_mode) == 0o644, name


# --- descriptor paths -------------------------------------------------------------

BAD_PATHS = [
    "/etc/passwd",
    "../outside.csv",
    "data/../../outside.csv",
    "http://127.0.0.1:9/sections.csv",
    "file:///etc/passwd",
    "C:\\Windows\\win.ini",
    "data\\sections.csv",
    "",
]


def _set_resource(root: Path, name: str, **changes: object) -> None:
    path = root / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    for resource in desc["resources"]:
        if resource["name"] == name:
            for key, value in changes.items():
                if value is _DELETE:
                    del resource[key]
                else:
                    resource[key] = value
    path.write_text(json.dumps(desc, ensure_ascii=False), encoding="utf-8")


_DELETE = object()


@pytest.fixture()
def no_network(monkeypatch):
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError(errno.ENETUNREACH, "network disabled by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.mark.parametrize("bad", BAD_PATHS)
def test_resource_paths_outside_the_package_are_refused(package_copy, tmp_path, capsys, no_network, bad):
    secret = package_copy.parent / "outside.csv"
    secret.write_text("secret,value\nroot,hunter2\n", encoding="utf-8")
    secret_hash = hashlib.sha256(secret.read_bytes()).hexdigest()
    _set_resource(package_copy, "sections", path=bad)
    with pytest.raises(DescriptorError, match="resource 'sections'"):
        xindu_plan.load(root=package_copy)
    with pytest.raises(DescriptorError, match="resource 'sections'"):
        xindu_plan.verify(root=package_copy)
    for command in (["verify"], ["validate"], ["validate", "--skip-frictionless"]):
        assert main([*command, "--root", str(package_copy)]) == 1
        out = capsys.readouterr()
        assert "resource 'sections'" in _one_sentence(out.err)
        for leak in ("hunter2", "root:x:", secret_hash, "[fonts]"):
            assert leak not in out.out + out.err
    assert no_network == []


def test_a_symbolic_link_out_of_the_package_is_refused(package_copy, capsys):
    secret = package_copy.parent / "outside.csv"
    secret.write_text("secret\n", encoding="utf-8")
    (package_copy / "data/sections.csv").unlink()
    (package_copy / "data/sections.csv").symlink_to(secret)
    with pytest.raises(DescriptorError, match="leads outside the package folder"):
        xindu_plan.load(root=package_copy)
    assert main(["verify", "--root", str(package_copy)]) == 1
    out = capsys.readouterr()
    assert "leads outside the package folder" in out.out and hashlib.sha256(b"secret\n").hexdigest() not in out.out


def test_validate_runs_frictionless_outside_a_trusted_context():
    source = (ROOT / "xindu_plan/cli.py").read_text(encoding="utf-8")
    assert "trusted" not in source.replace("not a trusted context", "")


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (lambda d: d["resources"].__setitem__(0, "data/document.csv"), "resource 1 is a str, not an object"),
        (lambda d: d["resources"].__setitem__(0, ["a"]), "resource 1 is a list, not an object"),
        (lambda d: d["resources"][1].pop("path"), "path must be a string, not NoneType"),
        (lambda d: d["resources"][1].pop("hash"), "hash must be"),
        (lambda d: d["resources"][1].__setitem__("hash", 5), "hash must be"),
        (lambda d: d["resources"][1].__setitem__("path", ["data", "paragraphs.csv"]), "path must be a string"),
        (lambda d: d["resources"][1].__setitem__("path", 7), "path must be a string, not int"),
        (lambda d: d["resources"][1].pop("name"), "resource 2 has no name"),
        (lambda d: d.__setitem__("resources", {"a": 1}), "no resources list"),
        (lambda d: d.pop("version"), "no version"),
        (lambda d: d["resources"].append(dict(d["resources"][0])), "described twice"),
    ],
)
def test_a_malformed_descriptor_is_one_sentence(package_copy, capsys, damage, words):
    path = package_copy / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    damage(desc)
    path.write_text(json.dumps(desc), encoding="utf-8")
    with pytest.raises(DescriptorError, match=re.escape(words)):
        xindu_plan.load(root=package_copy)
    for command in ("verify", "validate"):
        assert main([command, "--root", str(package_copy)]) == 1
        assert words in _one_sentence(capsys.readouterr().err)


@pytest.mark.parametrize("state", ["deleted", "empty", "a folder", "a list", "not UTF-8"])
def test_a_missing_or_empty_descriptor_is_one_sentence(package_copy, capsys, state):
    path = package_copy / "datapackage.json"
    path.unlink()
    if state == "empty":
        path.write_bytes(b"  \n")
    elif state == "a folder":
        path.mkdir()
    elif state == "a list":
        path.write_text("[]", encoding="utf-8")
    elif state == "not UTF-8":
        path.write_bytes(b"\xff\xfe{}")
    with pytest.raises(DescriptorError):
        xindu_plan.load(root=package_copy)
    for command in ("verify", "validate"):
        assert main([command, "--root", str(package_copy)]) == 1
        assert "datapackage.json" in _one_sentence(capsys.readouterr().err)


# --- the working folder -----------------------------------------------------------


def _planted_opencc(folder: Path) -> None:
    """An OpenCC configuration that converts nothing, named like the real one."""
    (folder / "empty.txt").write_text("", encoding="utf-8")
    config = {
        "name": "planted",
        "segmentation": {"type": "mmseg", "dict": {"type": "text", "file": "empty.txt"}},
        "conversion_chain": [{"dict": {"type": "text", "file": "empty.txt"}}],
    }
    for name in ("t2s.json", "t2s"):
        (folder / name).write_text(json.dumps(config), encoding="utf-8")


def test_a_t2s_json_in_the_working_folder_changes_nothing(tmp_path, monkeypatch):
    from xindu_plan.chinese import text

    _planted_opencc(tmp_path)
    monkeypatch.chdir(tmp_path)
    text._converter.cache_clear()
    try:
        assert text.to_simplified("發展規劃") == "发展规划"
    finally:
        text._converter.cache_clear()
    for args in (["verify"], ["search", "疫情防控"], ["info"]):
        out = _run(*args, cwd=tmp_path)
        assert out.returncode == 0, out.stderr.decode()
    assert "P33.1" in _run("search", "疫情防控", cwd=tmp_path).stdout.decode()
    report = tmp_path / "report.txt"
    report.write_text("一、發展規劃\n推進經濟發展。\n", encoding="utf-8")
    parsed = _run("parse", str(report), "--table", "sentences", cwd=tmp_path).stdout.decode()
    assert "推进经济发展" in parsed


@pytest.mark.slow  # fresh processes loading jieba: about 9 s
def test_jieba_reads_no_cache_from_the_shared_temporary_folder(tmp_path, monkeypatch, plan):
    import tempfile

    import xindu_plan.analysis.comparison.queries
    import xindu_plan.analysis.retrieval

    compare = sys.modules["xindu_plan.analysis.retrieval"]
    queries = sys.modules["xindu_plan.analysis.comparison.queries"]._queries
    corpus_doc = xindu_plan.corpus.document("chengdu-gwr-2022-excerpt")
    compare._tokenizer.cache_clear()
    compare.words.cache_clear()
    queries.cache_clear()
    honest = xindu_plan.compare(plan, corpus_doc)
    planted = tmp_path / "jieba.cache"
    with planted.open("wb") as f:
        marshal.dump(({"新": 1, "都": 1}, 2), f)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    compare._tokenizer.cache_clear()
    compare.words.cache_clear()
    queries.cache_clear()
    try:
        again = xindu_plan.compare(plan, corpus_doc)
    finally:
        compare._tokenizer.cache_clear()
        compare.words.cache_clear()
        queries.cache_clear()
    pd.testing.assert_frame_equal(again.passages, honest.passages)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jieba.cache"]  # and none written there either


# --- re-hashed edits ----------------------------------------------------------------


def _edit_cell(root: Path, file: str, key: str, column: str, edit) -> None:
    path = root / file
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    row = next(r for r in rows[1:] if r[0] == key)
    row[header.index(column)] = edit(row[header.index(column)])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    rehash(root, file)


REHASHED = [
    ("data/measures.csv", "M03", "body", lambda v: v.replace("，", "、", 1)),
    ("data/measures.csv", "M05", "lead", lambda v: v[:-1] + "好"),
    ("data/sections.csv", "S1", "theme", lambda v: "共同富裕"),
    ("data/targets.csv", "T1", "value_base", lambda v: repr(float(v) * 10)),
    ("data/sentences.csv", "P05.1", "measure_id", lambda v: "M02" if v != "M02" else "M03"),
    ("data/sentences.csv", "P05.1", "raw_start", lambda v: str(int(v) + 1)),
    ("data/annotations.csv", "A001", "reading", lambda v: v + "g"),
]


@pytest.mark.parametrize(("file", "key", "column", "edit"), REHASHED)
def test_rehashed_edits_are_caught_by_validate(package_copy, capsys, file, key, column, edit):
    _edit_cell(package_copy, file, key, column, edit)
    with pytest.raises(ValidationError) as err:
        xindu_plan.load(root=package_copy, validate=True)
    message = str(err.value)
    assert message.startswith(f"{file}: row ") and f"({key}), column {column}: reads " in message, message
    assert main(["validate", "--root", str(package_copy), "--skip-frictionless"]) == 1
    assert f"({key}), column {column}" in capsys.readouterr().out


@pytest.mark.slow  # re-derives the package once per column: about 15 s
def test_every_column_of_every_table_is_rederived(plan):
    """The mechanism knows no column: whatever a table holds, a changed cell is found by file, row and column."""
    from xindu_plan.base.tables import TABLES
    from xindu_plan.dataset.plan import Plan
    from xindu_plan.derivation.rederive import rederivation_problems

    root = xindu_plan.base.resources.package_root()
    assert rederivation_problems(plan, root) == []
    checked = 0
    for table in TABLES:
        frame = plan.tables[table.name]
        for column in table.columns:
            present = frame.index[frame[column].notna()]
            if len(present) == 0:
                continue
            at = present[-1]
            value = frame.at[at, column]
            if isinstance(value, str):
                changed: object = value + "x"
            elif isinstance(value, bool | np.bool_):
                changed = not value
            elif isinstance(value, pd.Timestamp):
                changed = value + pd.Timedelta(days=1)
            else:
                changed = value + 1
            tables = {name: f.copy() for name, f in plan.tables.items()}
            tables[table.name].at[at, column] = changed
            edited = Plan(tables, plan.text, plan.raw, plan.descriptor)
            problems = rederivation_problems(edited, root)
            assert len(problems) == 1 and problems[0].startswith(f"{table.file}: row {at + 1} ("), problems
            assert f"column {column}: reads" in problems[0]
            checked += 1
    assert checked > 140


def test_load_keeps_its_fast_checks(monkeypatch):
    import xindu_plan.derivation.build

    def no_build(root: Path) -> dict[str, bytes]:
        raise AssertionError("load() without validate must not rebuild")

    monkeypatch.setattr(xindu_plan.derivation.build, "build_files", no_build)
    assert len(xindu_plan.load().measures) == 21


def test_a_package_without_curation_cannot_be_proven(package_copy):
    import shutil

    shutil.rmtree(package_copy / "data/curation")
    with pytest.raises(ValidationError, match="cannot be re-derived"):
        xindu_plan.load(root=package_copy, validate=True)
    assert len(xindu_plan.load(root=package_copy).measures) == 21


# --- input abuse ----------------------------------------------------------------------


def _limited() -> None:  # a runaway read must fail fast, not take the machine's memory
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


@pytest.mark.parametrize("command", ["parse", "compare"])
@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_files_that_are_not_regular_are_refused(tmp_path, command, kind):
    if kind == "fifo":
        path = tmp_path / "report.txt"
        os.mkfifo(path)
    else:
        path = Path(kind)
    started = time.monotonic()
    try:
        out = _run(command, str(path), timeout=60, preexec_fn=_limited)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{command} {path} hangs")
    err = out.stderr.decode()
    assert out.returncode == 2 and "not a regular file" in _one_sentence(err), err
    assert time.monotonic() - started < 60


def test_standard_input_is_still_read():
    out = _run("parse", "-", input="一、总体要求\n国内生产总值增长6%以上。\n".encode())
    assert out.returncode == 0 and "stdin" in out.stdout.decode()
    out = _run("parse", "-", "--table", "targets", input="国内生产总值增长6%以上。\n".encode())
    assert "国内生产总值" in out.stdout.decode()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "is empty"),
        (b" \n\t\r\n", "is empty"),
        (b"\x00" * 4096, "binary data (NUL bytes)"),
        ("政府工作报告".encode() + b"\x00\x00abc", "binary data (NUL bytes)"),
    ],
)
@pytest.mark.parametrize("command", ["parse", "compare"])
def test_empty_and_binary_content_is_refused(tmp_path, capsys, content, words, command):
    path = tmp_path / "report.txt"
    path.write_bytes(content)
    assert main([command, str(path)]) == 2
    assert words in _one_sentence(capsys.readouterr().err)


def test_the_size_limit_and_its_flag(tmp_path, capsys):
    from xindu_plan.base.input import MAX_BYTES

    path = tmp_path / "report.txt"
    path.write_text("国内生产总值增长6%以上。\n" * 100, encoding="utf-8")
    size = path.stat().st_size
    for command in ("parse", "compare"):
        assert main([command, str(path), "--max-bytes", str(size - 1)]) == 2
        assert f"more than the limit of {size - 1:,}" in _one_sentence(capsys.readouterr().err)
    assert main(["parse", str(path), "--max-bytes", str(size)]) == 0
    assert f"{MAX_BYTES:,}" in (ROOT / "README.md").read_text(encoding="utf-8")
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no disk used
    assert main(["parse", str(big)]) == 2
    assert "raise it with --max-bytes" in _one_sentence(capsys.readouterr().err)
    out = _run("parse", "-", "--max-bytes", "10", input=b"x" * 11)
    assert out.returncode == 2 and "standard input: more than the limit" in out.stderr.decode()


def test_a_lone_surrogate_query_is_a_package_error(plan):
    with pytest.raises(xindu_plan.dataset.plan.SearchError, match="lone surrogate"):
        plan.search("\ud800")
    with pytest.raises(XinduPlanError):
        plan.search("发展\udcff")


def test_a_query_longer_than_the_text_is_answered_at_once(plan):
    started = time.perf_counter()
    hits = plan.search("发" * 1_000_000)
    assert time.perf_counter() - started < 1.0
    assert hits.empty and list(hits.columns)[:2] == ["sentence_id", "measure_id"]
    assert plan.search(plan.text)["sentence_id"].tolist() == []  # spans sentences: no single sentence holds it
    assert plan.search("疫情防控")["sentence_id"].tolist() == ["P33.1", "P33.2"]


# --- one sentence, never a traceback ---------------------------------------------------

TERMINAL_COMMANDS = {
    "info": ["info"],
    "info --json": ["info", "--json"],
    "cite": ["cite"],
    "parse": ["parse", str(ROOT / "xindu_plan/corpus/chengdu-gwr-2022-excerpt.txt")],
    "compare": ["compare", "--corpus", "chengdu-gwr-2022-excerpt"],
    "search": ["search", "疫情防控"],
    "search --json": ["search", "疫情防控", "--json"],
}


@pytest.mark.parametrize("command", TERMINAL_COMMANDS)
def test_a_terminal_that_cannot_show_chinese(monkeypatch, command):
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(TERMINAL_COMMANDS[command]) == 0
    stdout.flush()
    written = raw.getvalue().decode("ascii")
    assert written.strip()
    if command.endswith("--json"):
        json.loads(written)  # lossless: \u escapes


@pytest.mark.parametrize(
    "env",
    [{"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0"}, {"PYTHONIOENCODING": "ascii"}],
    ids=["C locale", "PYTHONIOENCODING=ascii"],
)
def test_a_real_terminal_that_cannot_show_chinese(env):
    environ = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LANG", "PYTHONIOENCODING", "PYTHONUTF8")}
    for args in (["info"], ["search", "疫情防控"]):
        out = subprocess.run(
            [sys.executable, "-X", "utf8=0", "-m", "xindu_plan.cli", *args],
            capture_output=True,
            env={**environ, **env},
            timeout=120,
        )
        assert out.returncode == 0 and b"Traceback" not in out.stderr, out.stderr.decode()
        assert out.stdout.strip()
    assert b"P33.1" in out.stdout  # the query typed in the C locale still found its sentences


def test_an_argument_that_is_not_utf8():
    out = _run("search", b"\xff\xfe")
    assert out.returncode == 2
    assert "not valid UTF-8" in _one_sentence(out.stderr.decode())


def test_a_full_disk_during_the_sqlite_export(tmp_path, monkeypatch, capsys):
    real_connect = sqlite3.connect

    class Full:
        def __init__(self, con: sqlite3.Connection) -> None:
            self.con = con

        def __getattr__(self, name: str) -> object:
            return getattr(self.con, name)

        def executemany(self, *args: object) -> object:
            raise sqlite3.OperationalError("database or disk is full")

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

    _user_folder(tmp_path)
    before = _tree(tmp_path)
    monkeypatch.setattr("xindu_plan.analysis.export.sqlite3.connect", lambda path: Full(real_connect(path)))
    assert main(["export", "sqlite", str(tmp_path / "plan.sqlite")]) == 2
    assert "database or disk is full" in _one_sentence(capsys.readouterr().err)
    assert _tree(tmp_path) == before


def test_an_unreadable_data_file_during_verify(package_copy, monkeypatch, capsys):
    real = Path.read_bytes
    target = package_copy / "data/sections.csv"

    def refuse(self: Path) -> bytes:
        if self == target:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert main(["verify", "--root", str(package_copy)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    assert "FAIL  data/sections.csv  data/sections.csv: the file cannot be read (Permission denied)" in out.out
    assert main(["verify", "--json", "--root", str(package_copy)]) == 1
    failures = [c for c in json.loads(capsys.readouterr().out)["checks"] if not c["ok"]]
    assert [c["path"] for c in failures] == ["data/sections.csv"]


def test_ctrl_c_during_start_up(monkeypatch, capsys):
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("xindu_plan.cli._parser", interrupted)
    assert main(["info"]) == 130
    assert "interrupted" in _one_sentence(capsys.readouterr().err)


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (OSError(errno.ENOSPC, "No space left on device", "out.csv"), "out.csv: No space left on device"),
        (MemoryError(), "out of memory"),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "cannot be encoded or decoded"),
        (sqlite3.DatabaseError("database disk image is malformed"), "SQLite: database disk image is malformed"),
    ],
    ids=["OSError", "MemoryError", "UnicodeError", "sqlite3.Error"],
)
def test_environment_errors_are_one_sentence(monkeypatch, capsys, error, words):
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr("xindu_plan.dataset.package.summary", fail)  # what `info` reads the package with
    assert main(["info"]) == 2
    assert words in _one_sentence(capsys.readouterr().err)


# --- dependencies -------------------------------------------------------------------------


def _lower_bounds() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    requirements += project["optional-dependencies"]["export"]
    out = {}
    for requirement in requirements:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9][0-9A-Za-z.]*)(,<.+)?", requirement)
        assert m, f"{requirement}: every dependency needs a lower bound (>=)"
        out[m[1].lower()] = m[2]
    return out


def test_lowest_versions_are_pinned_for_ci():
    pins = {}
    for line in (ROOT / ".ci/lowest.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.strip().lower()] = version.strip()
    bounds = _lower_bounds()
    assert set(bounds) <= set(pins)
    for name, bound in bounds.items():
        assert pins[name].startswith(bound), f"{name}: pyproject.toml says >={bound}, .ci/lowest.txt pins {pins[name]}"
    major, minor = (int(x) for x in bounds["pandera"].split(".")[:2])
    assert (major, minor) >= (0, 24)  # pandera.pandas exists from 0.24
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert "-c .ci/lowest.txt" in ci


def test_pandera_pandas_is_importable():
    import pandera.pandas  # noqa: F401

"""Corruption drills: every data file, damaged every way, is caught by load(), verify and validate.

Two kinds of damage: a file changed behind ``datapackage.json``'s back (its hash no
longer matches), and a file edited and *re-hashed* by a careless editor (the hash
matches, so only the package-level rules can tell). Neither may end in a wrong
answer being returned.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

import xindu_plan
from xindu_plan.base.errors import XinduPlanError
from xindu_plan.base.tables import TABLES
from xindu_plan.cli import main
from xindu_plan.dataset.package import descriptor

from .conftest import rehash as rehash_descriptor

FILES = [r["path"] for r in descriptor()["resources"]]
CSV_FILES = [t.file for t in TABLES]
WITH_FK = {t.file: t for t in TABLES if t.foreign_keys}


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _delete(path: Path) -> None:
    path.unlink()


def _encoding(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))


def _lines(edit: Callable[[list[str]], None]) -> Callable[[Path], None]:
    def apply(path: Path) -> None:
        lines = path.read_text(encoding="utf-8").split("\n")
        edit(lines)
        path.write_text("\n".join(lines), encoding="utf-8")

    return apply


def _swap(lines: list[str]) -> None:
    lines[1], lines[2] = lines[2], lines[1]


def _drop_last(lines: list[str]) -> None:
    del lines[-2 if lines[-1] == "" else -1]


def _duplicate_first(lines: list[str]) -> None:
    lines.insert(2, lines[1])


def _break_fk(path: Path) -> None:
    table = WITH_FK[_relative(path)]
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    column = rows[0].index(table.foreign_keys[0].fields[0])
    row = next(r for r in rows[1:] if r[column])
    row[column] = "Z99"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _relative(path: Path) -> str:
    parts = path.parts
    return "/".join(parts[parts.index("data") :])


DAMAGE: dict[str, Callable[[Path], None]] = {
    "flip-a-byte": _flip,
    "truncate": _truncate,
    "delete": _delete,
    "utf-16": _encoding,
    "reorder-rows": _lines(_swap),
    "drop-last-row": _lines(_drop_last),
    "duplicate-key": _lines(_duplicate_first),
    "break-foreign-key": _break_fk,
}


def _cases(rehash: bool) -> list[tuple[str, str]]:
    cases = []
    for file in FILES:
        for name in DAMAGE:
            if rehash and name in ("flip-a-byte", "truncate", "delete"):
                continue  # damage a careless editor does not re-hash
            if name == "break-foreign-key" and file not in WITH_FK:
                continue
            if name in ("reorder-rows", "duplicate-key") and file == "data/document.csv":
                continue  # one row; a second row is the drop/duplicate case below
            cases.append((file, name))
    if rehash:
        cases.append(("data/document.csv", "duplicate-key"))
    return cases


def _damage(root: Path, file: str, name: str, rehash: bool) -> None:
    before = (root / file).read_bytes()
    DAMAGE[name](root / file)
    if (root / file).exists():
        assert (root / file).read_bytes() != before, f"{name} left {file} unchanged"
    if rehash:
        rehash_descriptor(root, file)


def _named(message: str, file: str) -> bool:
    return file in message or Path(file).name in message


def _one_file_per_kind(rehash: bool) -> list[tuple[str, str]]:
    """One (file, damage) case per kind of damage, the files taken in turn so the kinds hit different files."""
    kinds = list(dict.fromkeys(name for _, name in _cases(rehash)))
    out = []
    for n, kind in enumerate(kinds):
        files = [file for file, name in _cases(rehash) if name == kind]
        out.append((files[(5 * n + 3) % len(files)], kind))
    return out


@pytest.mark.parametrize(("file", "name"), _cases(rehash=False))
def test_damage_behind_the_descriptor_is_caught_by_load_and_verify(package_copy, file, name):
    _damage(package_copy, file, name, rehash=False)
    with pytest.raises(xindu_plan.IntegrityError) as err:
        xindu_plan.load(root=package_copy)
    assert _named(str(err.value), file)
    report = xindu_plan.verify(root=package_copy)
    assert not report.ok and [c.path for c in report.failures] == [file]


@pytest.mark.parametrize(("file", "name"), _one_file_per_kind(rehash=False))
def test_damage_behind_the_descriptor_fails_the_commands(package_copy, capsys, file, name):
    _damage(package_copy, file, name, rehash=False)
    assert main(["verify", "--root", str(package_copy)]) == 1
    assert main(["validate", "--root", str(package_copy), "--skip-frictionless"]) == 1
    out = capsys.readouterr()
    assert _named(out.out + out.err, file) and "Traceback" not in out.err


@pytest.mark.parametrize(("file", "name"), _cases(rehash=True))
def test_rehashed_damage_is_caught_by_load_and_verify(package_copy, file, name):
    _damage(package_copy, file, name, rehash=True)
    with pytest.raises(XinduPlanError) as err:
        xindu_plan.load(root=package_copy)
    assert err.value.exit_status == 1
    message = str(err.value)
    assert _named(message, file) or (file == "data/text/article.txt" and "article.txt" in message), message
    report = xindu_plan.verify(root=package_copy)
    assert not report.ok


@pytest.mark.parametrize(("file", "name"), _one_file_per_kind(rehash=True))
def test_rehashed_damage_fails_validate(package_copy, capsys, file, name):
    _damage(package_copy, file, name, rehash=True)
    assert main(["validate", "--root", str(package_copy), "--skip-frictionless"]) == 1
    out = capsys.readouterr()
    assert _named(out.out, file) or file == "data/text/article.txt", out.out
    assert "Traceback" not in out.err


def test_every_kind_of_damage_has_a_command_drill():
    for rehash in (False, True):
        kinds = {name for _, name in _cases(rehash)}
        assert {name for _, name in _one_file_per_kind(rehash)} == kinds


def test_rows_are_named_where_meaningful(package_copy):
    _damage(package_copy, "data/term_mentions.csv", "break-foreign-key", rehash=True)
    with pytest.raises(xindu_plan.ValidationError, match=r"data/term_mentions\.csv: row \d+: term_id"):
        xindu_plan.load(root=package_copy)


def test_frictionless_reports_damage_too(package_copy, capsys):
    _damage(package_copy, "data/measures.csv", "utf-16", rehash=True)
    assert main(["validate", "--root", str(package_copy)]) == 1
    out = capsys.readouterr()
    assert "measures" in out.out and "Traceback" not in out.err


def test_a_broken_descriptor_is_a_failed_check(package_copy, capsys):
    (package_copy / "datapackage.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(XinduPlanError, match=r"datapackage\.json: not valid JSON"):
        xindu_plan.load(root=package_copy)
    assert main(["verify", "--root", str(package_copy)]) == 1
    assert "datapackage.json" in capsys.readouterr().err

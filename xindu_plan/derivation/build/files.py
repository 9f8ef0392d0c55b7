"""Every built file in memory, the check against what is on disk, and the writing of what changed.

:func:`_csv_bytes` writes a table's rows as CSV, as its contract orders them;
:func:`build_files` builds every file (the tables, the text, the descriptor and
what is generated from it) without writing anything; :func:`check` names the
files on disk that differ from a fresh build; :func:`build` writes only those,
all together and ``datapackage.json`` last, through
:func:`xindu_plan.base.atomic.replace_files`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from xindu_plan.base import tables as T
from xindu_plan.base.digest import sha256
from xindu_plan.base.errors import BuildError
from xindu_plan.dataset.citation import cite, zenodo
from xindu_plan.dataset.codebook import codebook
from xindu_plan.derivation.build.derive import tables_from
from xindu_plan.derivation.build.descriptor import _dataset, _descriptor
from xindu_plan.derivation.build.inputs import SOURCE_FILE, TEXT_FILE, _inputs

__all__ = ["_csv_bytes", "build", "build_files", "check"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _csv_bytes(table: T.Table, rows: Sequence[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.columns)
    for row in rows:
        if set(row) != set(table.columns):
            raise BuildError(
                f"table {table.name}: a row has columns {sorted(set(row) ^ set(table.columns))} that the contract "
                f"does not"
            )
        writer.writerow([_cell(row[c]) for c in table.columns])
    return out.getvalue().encode("utf-8")


def build_files(root: Path) -> dict[str, bytes]:
    """Return every built file (relative path → bytes) without writing anything.

    Raises:
        BuildError: an input is missing or inconsistent.
    """
    inputs = _inputs(root)
    restoration, rows = tables_from(inputs)
    files: dict[str, bytes] = {TEXT_FILE: restoration.text.encode("utf-8")}
    for table in T.TABLES:
        files[table.file] = _csv_bytes(table, rows[table.name])
    files[SOURCE_FILE] = (root / SOURCE_FILE).read_bytes()
    descriptor = _descriptor(files, sha256(files[SOURCE_FILE]), rows, _dataset(root))
    del files[SOURCE_FILE]  # an input, never rewritten
    files["datapackage.json"] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["CITATION.cff"] = cite("cff", descriptor).encode("utf-8")
    files[".zenodo.json"] = (json.dumps(zenodo(descriptor), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["CODEBOOK.md"] = codebook(descriptor).encode("utf-8")
    return files


def check(root: Path) -> list[str]:
    """Return the files under ``root`` that differ from a fresh build (empty when equal)."""
    return [
        name
        for name, data in build_files(root).items()
        if not (root / name).is_file() or (root / name).read_bytes() != data
    ]


def build(root: Path) -> list[str]:
    """Build into ``root``, writing only files that change; return their names.

    All files are built in memory first, so a failed build writes nothing; the
    changed files are then written to a temporary folder and swapped in all
    together (``datapackage.json`` last), so ``data/`` and the descriptor never
    disagree. Files are written with mode 0644.
    """
    from xindu_plan.base.atomic import replace_files

    files = build_files(root)
    changed = [
        name for name, data in files.items() if not ((root / name).is_file() and (root / name).read_bytes() == data)
    ]
    changed.sort(key=lambda name: name == "datapackage.json")  # the descriptor goes in last
    if changed:
        replace_files(root, {name: files[name] for name in changed}, error=BuildError)
    return changed

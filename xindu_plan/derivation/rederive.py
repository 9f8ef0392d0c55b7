"""Re-derivation: every published file rebuilt from the source copy and the curation files, and compared.

Only ``data/curation/`` carries judgement; everything else in ``data/`` follows
from it and the raw copy by :func:`xindu_plan.derivation.build.build_files`. This module
rebuilds the files in memory from the package folder's own ``data/source/`` and
``data/curation/`` and compares each table, cell by cell, with the loaded one, so
a file edited and re-hashed by hand is reported by file, row and column. It knows
nothing of how any column is derived: whatever the build produces is the
reference. ``xindu-plan validate`` and ``load(validate=True)`` run it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xindu_plan.base.digest import sha256
from xindu_plan.base.errors import XinduPlanError
from xindu_plan.base.tables import TABLES
from xindu_plan.base.values import is_missing
from xindu_plan.dataset.package import read_table

if TYPE_CHECKING:
    import pandas as pd

    from xindu_plan.dataset.plan import Plan

__all__ = ["rederivation_problems"]

_TEXT = "data/text/article.txt"


def _inputs_digest(root: Path, published: set[str]) -> str:
    """One sha256 over every file under ``data/`` that is not a published resource: the build's inputs."""
    lines = []
    for path in sorted((root / "data").rglob("*")):
        relative = path.relative_to(root).as_posix()
        if relative in published or not path.is_file():
            continue
        lines.append(f"{relative} {sha256(path.read_bytes())}")
    return sha256("\n".join(lines))


@functools.lru_cache(maxsize=4)
def _fresh(root: Path, digest: str) -> dict[str, bytes]:  # digest: the cache key only
    from xindu_plan.derivation.build import build_files

    return build_files(root)


def _cell(value: Any) -> Any:
    return None if is_missing(value) else value


def _first_difference(file: str, key: tuple[str, ...], loaded: pd.DataFrame, fresh: pd.DataFrame) -> str | None:
    if list(loaded.columns) != list(fresh.columns):
        return f"{file}: columns are {list(loaded.columns)}, a fresh build gives {list(fresh.columns)}"
    if loaded.equals(fresh):
        return None
    a, b = loaded.astype(object).to_numpy().tolist(), fresh.astype(object).to_numpy().tolist()
    columns = list(loaded.columns)
    at_key = [columns.index(k) for k in key]
    for number, (x_row, y_row) in enumerate(zip(a, b, strict=False)):
        for column, x, y in zip(columns, x_row, y_row, strict=True):
            if _cell(x) != _cell(y):
                name = ", ".join(str(y_row[i]) for i in at_key)
                return (
                    f"{file}: row {number + 1} ({name}), column {column}: reads {_cell(x)!r}, the source and "
                    f"curation give {_cell(y)!r}"
                )
    if len(a) != len(b):
        return f"{file}: has {len(a)} rows, the source and curation give {len(b)}"
    return f"{file}: differs from a fresh build in its types"  # pragma: no cover - read with one contract


def rederivation_problems(plan: Plan, root: Path, as_published: bool = False) -> list[str]:
    """Return the first difference of each published file from a fresh build of ``root``'s inputs.

    Empty when every table and the restored text equal what ``xindu-plan build``
    derives from ``root/data/source/`` and ``root/data/curation/``. With
    ``as_published`` (the plan's tables are the files its descriptor lists, read
    and checked against their hashes, as :func:`xindu_plan.load` does), a file
    whose fresh build has its hash is equal byte for byte and is not compared
    cell by cell.
    """
    if not (root / "data" / "curation").is_dir():
        return [f"{root / 'data' / 'curation'}: missing, so the tables cannot be re-derived from the source"]
    published = {str(r["path"]) for r in plan.descriptor["resources"]}
    try:
        fresh = _fresh(root.resolve(), _inputs_digest(root, published))
    except XinduPlanError as err:
        return [f"the source and curation files do not build: {err}"]
    except OSError as err:
        return [f"the source and curation files cannot be read: {err.strerror} ({err.filename})"]
    problems = []
    text = fresh[_TEXT].decode("utf-8")
    if text != plan.text:
        at = next(
            (i for i, (x, y) in enumerate(zip(plan.text, text, strict=False)) if x != y), min(len(text), len(plan.text))
        )
        problems.append(
            f"{_TEXT}: character {at} reads {plan.text[at : at + 1]!r}, the source restored gives {text[at : at + 1]!r}"
        )
    hashes = {str(r["path"]): str(r["hash"]) for r in plan.descriptor["resources"]}
    for table in TABLES:
        if as_published and hashes.get(table.file) == f"sha256:{sha256(fresh[table.file])}":
            continue  # the loaded file (checked against this hash) is the fresh one, byte for byte
        problem = _first_difference(
            table.file, table.primary_key, plan.tables[table.name], read_table(table, fresh[table.file])
        )
        if problem:
            problems.append(problem)
    return problems

"""The one reader of the reviewed curation files in ``data/curation/``.

Human judgement (repairs, glosses, codes, types) lives in these files, keyed by
stable ids. The build (:mod:`xindu_plan.derivation.build`), the reader
(:func:`xindu_plan.parse`, for the repairs a Traditional copy needs) and the
loaded plan (:attr:`xindu_plan.Plan.restoration`) all read them through here.

>>> [(r.repair_id, r.found, r.replacement) for r in curated_repairs()]
[('R001', '著力', '着力')]
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from xindu_plan.base.errors import BuildError
from xindu_plan.base.resources import package_root
from xindu_plan.chinese.text import Repair

__all__ = ["CURATION", "curated_repairs", "read_csv", "read_toml", "repair_rules"]

#: The folder of the curation files, relative to the package root.
CURATION = "data/curation"


def read_csv(root: Path, name: str) -> list[dict[str, str]]:
    """Return the rows of ``data/curation/<name>`` as dicts keyed by its header.

    Raises:
        BuildError: the file is missing or not UTF-8; the message names it.
    """
    path = root / CURATION / name
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    except FileNotFoundError:
        raise BuildError(f"{path}: curation file is missing") from None
    except UnicodeDecodeError as err:
        raise BuildError(f"{path}: not UTF-8 at byte {err.start}") from None


def read_toml(root: Path, name: str) -> dict[str, Any]:
    """Return ``data/curation/<name>`` parsed as TOML.

    Raises:
        BuildError: the file is missing or not valid TOML; the message names it.
    """
    import tomllib  # deferred: only the build reads TOML

    path = root / CURATION / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(f"{path}: curation file is missing") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise BuildError(f"{path}: not valid TOML ({err})") from None


def repair_rules(rows: Iterable[Mapping[str, Any]]) -> tuple[Repair, ...]:
    """Return the distinct repair rules of rows with repair_id, found, replacement and reason, in order.

    The rows are those of ``data/curation/repairs.csv`` (one a rule) or of the
    published ``repairs`` table (one an application of a rule).

    >>> rows = [{"repair_id": "R1", "found": "著力", "replacement": "着力", "reason": "r"}] * 2
    >>> repair_rules(rows)
    (Repair(repair_id='R1', found='著力', replacement='着力', reason='r'),)
    """
    seen: dict[str, Repair] = {}
    for r in rows:
        rid = str(r["repair_id"])
        seen.setdefault(rid, Repair(rid, str(r["found"]), str(r["replacement"]), str(r["reason"])))
    return tuple(seen.values())


@functools.cache
def curated_repairs(root: Path | None = None) -> tuple[Repair, ...]:
    """Return the reviewed repair rules (``data/curation/repairs.csv``, or the published repairs table)."""
    root = root or package_root()
    path = root / CURATION / "repairs.csv"
    if not path.is_file():
        path = root / "data" / "repairs.csv"
    return repair_rules(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))

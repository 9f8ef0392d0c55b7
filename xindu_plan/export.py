"""Exports of the plan's tables: Parquet, SQLite (with keys), JSON Lines.

Every export is written to a temporary file or folder beside the target and
renamed into place, so a failure or Ctrl-C leaves no half-written output.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from ._atomic import write_atomically
from ._values import plain, plain_records
from .errors import XinduPlanError
from .tables import TABLES

if TYPE_CHECKING:
    from .plan import Plan

__all__ = ["FORMATS", "SQLITE_APPLICATION_ID", "ExportError", "export"]

FORMATS = ("parquet", "sqlite", "jsonl", "csv")
#: The SQLite application id of our exports ("xind"), which ``--overwrite`` looks for.
SQLITE_APPLICATION_ID = 0x78696E64
_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}


class ExportError(XinduPlanError):
    """An export could not be written; the message names the path."""


def _is_our_sqlite(path: Path) -> bool:
    """Whether ``path`` is an SQLite database carrying our application id."""
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError:
        return False
    return header[:16] == b"SQLite format 3\x00" and int.from_bytes(header[68:72], "big") == SQLITE_APPLICATION_ID


def _write_sqlite(plan: Plan, path: Path) -> None:
    con = sqlite3.connect(path)
    try:
        con.execute(f"PRAGMA application_id = {SQLITE_APPLICATION_ID}")
        con.execute("PRAGMA foreign_keys = ON")
        for table in TABLES:  # TABLES is ordered so that referenced tables come first where it matters
            cols = [f'"{f.name}" {_SQL_TYPES[f.type]}{" NOT NULL" if f.required else ""}' for f in table.fields]
            cols.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
            for fk in table.foreign_keys:
                cols.append(
                    f"FOREIGN KEY ({', '.join(fk.fields)}) REFERENCES {fk.resource} ({', '.join(fk.reference)}) "
                    f"DEFERRABLE INITIALLY DEFERRED"
                )
            con.execute(f'CREATE TABLE "{table.name}" ({", ".join(cols)})')
        with con:
            for table in TABLES:
                frame = plan.tables[table.name]
                rows = [[plain(v) for v in row] for row in frame.itertuples(index=False, name=None)]
                marks = ", ".join("?" for _ in table.fields)
                con.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', rows)
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ExportError(f"{path}: foreign keys do not resolve: {problems[:3]}")
    finally:
        con.close()


def export(plan: Plan, fmt: str, out: Path, overwrite: bool = False) -> Path:
    """Write every table of ``plan`` as ``fmt`` to ``out``.

    ``sqlite`` writes one file; ``parquet``, ``jsonl`` and ``csv`` write a folder
    with one file per table.

    ``overwrite`` replaces only an earlier export: an SQLite file carrying
    :data:`SQLITE_APPLICATION_ID`, or a folder carrying the marker
    ``.xindu-plan.json`` and only the files it lists.

    Raises:
        ExportError: the format is unknown, ``out`` exists (without ``overwrite``)
            or is not an earlier export, is the working folder, a parent of it,
            the home folder or ``/``, its folder does not exist or cannot be
            written, or pyarrow is missing.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise ExportError("Parquet export needs pyarrow: pip install 'xindu-plan[export]'") from None

    def write(target: Path) -> None:
        if fmt == "sqlite":
            try:
                _write_sqlite(plan, target)
            except sqlite3.Error as err:  # a full disk or a locked file, as SQLite reports it
                raise ExportError(f"{out}: cannot write the SQLite database ({err})") from None
            return
        target.mkdir()
        for table in TABLES:
            frame = plan.tables[table.name]
            if fmt == "parquet":
                frame.to_parquet(target / f"{table.name}.parquet", index=False)
            elif fmt == "csv":
                frame.to_csv(target / f"{table.name}.csv", index=False)
            else:
                with (target / f"{table.name}.jsonl").open("w", encoding="utf-8") as f:
                    for row in plain_records(frame):
                        f.write(json.dumps(row, ensure_ascii=False) + "\n")

    return write_atomically(
        Path(out),
        write,
        overwrite=overwrite,
        error=ExportError,
        folder=fmt != "sqlite",
        is_ours=_is_our_sqlite if fmt == "sqlite" else None,
    )

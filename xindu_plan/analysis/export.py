"""Exports of the plan's tables, each carrying the dataset version and content hash.

One registry of writers (:data:`WRITERS`) gives the formats; ``xindu-plan export``
takes its choices from it, so a new format is one function decorated with
:func:`writer`. What each export carries besides the rows:

- ``csv`` / ``csv-excel``: a folder that is itself a Data Package 2.0
  (``datapackage.json`` with the schemas, categories, hashes and provenance); the
  CSV files equal the published ones byte for byte (``csv-excel`` adds a UTF-8
  byte-order mark so that Excel reads the Chinese text).
- ``parquet``: dates as dates; each column's description in its field metadata and
  the provenance in the file's metadata (key ``xindu_plan``).
- ``sqlite`` / ``duckdb``: keys; tables ``xindu_plan_metadata`` (provenance) and
  ``xindu_plan_columns`` (every column's type and description).
- ``jsonl``: one file per table and the header file ``metadata.json``.
- ``stata``: one ``.dta`` per table (format 118, UTF-8) with variable labels, value
  labels for coded columns, the version and hash in the data label, and
  ``metadata.json``.

Every export is written to a temporary file or folder beside the target and
renamed into place, so a failure or Ctrl-C leaves no half-written output.

>>> sorted(WRITERS) == sorted(FORMATS)
True
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xindu_plan._version import __version__
from xindu_plan.base.atomic import write_atomically
from xindu_plan.base.digest import sha256
from xindu_plan.base.errors import ExportError
from xindu_plan.base.tables import TABLES, Table
from xindu_plan.base.values import plain, plain_records

if TYPE_CHECKING:
    import pandas as pd

    from xindu_plan.dataset.plan import Plan

__all__ = ["FORMATS", "SQLITE_APPLICATION_ID", "WRITERS", "ExportError", "Writer", "export", "provenance", "writer"]

#: The SQLite application id of our exports ("xind"), which ``--overwrite`` looks for.
SQLITE_APPLICATION_ID = 0x78696E64

_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT"}
_DUCKDB_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}
METADATA_FILE = "metadata.json"


@dataclass(frozen=True, slots=True)
class Writer:
    """One export format: its name, a one-line help, and the function writing it."""

    name: str
    help: str
    write: Callable[[Plan, Path], None]
    folder: bool = True
    needs: tuple[str, str] | None = None  # (module, the extra that installs it)


#: The export formats by name, in the order the command line lists them.
WRITERS: dict[str, Writer] = {}


def writer(
    name: str, help: str, *, folder: bool = True, needs: tuple[str, str] | None = None
) -> Callable[[Callable[[Plan, Path], None]], Callable[[Plan, Path], None]]:
    """Register ``write(plan, target)`` as the export format ``name``.

    ``target`` does not exist yet: a folder format creates it. ``needs`` names a
    module the format imports and the extra that installs it.
    """

    def register(write: Callable[[Plan, Path], None]) -> Callable[[Plan, Path], None]:
        WRITERS[name] = Writer(name, help, write, folder, needs)
        return write

    return register


def provenance(plan: Plan, fmt: str) -> dict[str, Any]:
    """Return what every export records about where its rows come from.

    >>> import xindu_plan
    >>> sorted(provenance(xindu_plan.load(), "csv"))
    ['citation', 'content_sha256', 'dataset', 'exported_by', 'format', 'rights', 'version']
    """
    from xindu_plan.dataset.citation import cite

    return {
        "dataset": str(plan.descriptor.get("name", "xindu-plan")),
        "version": plan.version,
        "content_sha256": plan.content_hash,
        "format": fmt,
        "exported_by": f"xindu-plan {__version__}",
        "citation": cite("text", plan.descriptor),
        "rights": str(plan.descriptor.get("rights", "")),
    }


def _published(plan: Plan, table: Table) -> dict[str, Any]:
    """The table's resource in the plan's ``datapackage.json`` (schema with categories)."""
    for resource in plan.descriptor["resources"]:
        if resource.get("name") == table.name:
            return dict(resource)
    raise ExportError(f"datapackage.json has no resource named {table.name!r}")


def _metadata(plan: Plan, fmt: str, files: dict[str, Path]) -> dict[str, Any]:
    """The header of a folder export: provenance, then each table's file, rows, sha256 and fields."""
    return {
        **provenance(plan, fmt),
        "tables": {
            table.name: {
                "path": path.name,
                "rows": len(plan.tables[table.name]),
                "sha256": sha256(path.read_bytes()),
                "fields": _published(plan, table)["schema"]["fields"],
            }
            for table, path in ((t, files[t.name]) for t in TABLES)
        },
    }


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _csv_frame(plan: Plan, table: Table) -> pd.DataFrame:
    """The table with cells as the published CSV writes them (``true``/``false``, ISO dates)."""
    frame = plan.tables[table.name].astype(object)
    for f in table.fields:
        if f.type == "boolean":
            frame[f.name] = [None if v is None else ("true" if v else "false") for v in map(plain, frame[f.name])]
        elif f.type == "date":
            frame[f.name] = [plain(v) for v in frame[f.name]]
    return frame


def _csv_package(plan: Plan, target: Path, fmt: str, bom: bool) -> None:
    target.mkdir()
    encoding = "utf-8-sig" if bom else "utf-8"
    resources = []
    for table in TABLES:
        path = target / f"{table.name}.csv"
        _csv_frame(plan, table).to_csv(path, index=False, lineterminator="\n", encoding=encoding)
        data = path.read_bytes()
        published = _published(plan, table)
        resources.append(table.resource(data, path=path.name, encoding=encoding, schema=published["schema"]))
    desc = plan.descriptor
    prov = provenance(plan, fmt)
    package: dict[str, Any] = {
        "$schema": desc.get("$schema", "https://datapackage.org/profiles/2.0/datapackage.json"),
        "name": str(desc.get("name", "xindu-plan")),
        **{k: desc[k] for k in ("id", "homepage") if k in desc},
        "title": desc.get("title", ""),
        "description": f"The tables of {desc.get('name', 'xindu-plan')} version {plan.version} (content sha256 "
        f"{plan.content_hash}), exported as CSV by {prov['exported_by']}.",
        "version": plan.version,
        "licenses": desc.get("licenses", []),
        "rights": desc.get("rights", ""),
        "contributors": desc.get("contributors", []),
        "sources": [
            {
                "title": f"{desc.get('name', 'xindu-plan')} data package, content sha256 {plan.content_hash}",
                "version": plan.version,
            },
            *desc.get("sources", [])[:1],
        ],
        "xindu_plan": prov,
        "resources": resources,
    }
    _write_json(target / "datapackage.json", package)


@writer("csv", "a folder of CSV files that is itself a Data Package (datapackage.json)")
def _write_csv(plan: Plan, target: Path) -> None:
    _csv_package(plan, target, "csv", bom=False)


@writer("csv-excel", "as csv, with a UTF-8 byte-order mark so that Excel reads the Chinese text")
def _write_csv_excel(plan: Plan, target: Path) -> None:
    _csv_package(plan, target, "csv-excel", bom=True)


@writer(
    "parquet",
    "a folder of Parquet files: dates as dates, descriptions and provenance in the metadata",
    needs=("pyarrow", "export"),
)
def _write_parquet(plan: Plan, target: Path) -> None:
    import pyarrow as pa

    target.mkdir()
    types = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
    }
    meta = json.dumps(provenance(plan, "parquet"), ensure_ascii=False).encode("utf-8")
    for table in TABLES:
        frame = plan.tables[table.name].astype(object)
        for f in table.fields:
            if f.type == "date":
                frame[f.name] = [_date(v) for v in frame[f.name]]
            else:
                frame[f.name] = [plain(v) for v in frame[f.name]]
        schema = pa.schema(
            [
                pa.field(
                    f.name,
                    types[f.type],
                    nullable=not f.required,
                    metadata={"description": f.description.encode("utf-8")},
                )
                for f in table.fields
            ],
            metadata={"xindu_plan": meta, "table": table.name.encode("utf-8")},
        )
        frame.to_parquet(target / f"{table.name}.parquet", index=False, schema=schema)


def _date(value: Any) -> Any:
    """A date cell as a :class:`datetime.date` (None when missing)."""
    return None if plain(value) is None else value.date()


def _is_our_sqlite(path: Path) -> bool:
    """Whether ``path`` is an SQLite database carrying our application id."""
    try:
        with path.open("rb") as f:
            header = f.read(100)
    except OSError:
        return False
    return header[:16] == b"SQLite format 3\x00" and int.from_bytes(header[68:72], "big") == SQLITE_APPLICATION_ID


def _is_our_duckdb(path: Path) -> bool:
    """Whether ``path`` is a DuckDB database holding our metadata table."""
    try:
        import duckdb

        con = duckdb.connect(str(path), read_only=True)
    except Exception:  # not a DuckDB file, or DuckDB missing: not ours either way
        return False
    try:
        found = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'xindu_plan_metadata'"
        ).fetchone()
        return bool(found and found[0])
    except Exception:
        return False
    finally:
        con.close()


@writer("sqlite", "one SQLite file with keys, a metadata table and the column descriptions", folder=False)
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
        con.execute("CREATE TABLE xindu_plan_metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        con.execute(
            "CREATE TABLE xindu_plan_columns (table_name TEXT, column_name TEXT, type TEXT, description TEXT, "
            "PRIMARY KEY (table_name, column_name))"
        )
        with con:
            for table in TABLES:
                frame = plan.tables[table.name]
                rows = [[plain(v) for v in row] for row in frame.itertuples(index=False, name=None)]
                marks = ", ".join("?" for _ in table.fields)
                con.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', rows)
            con.executemany("INSERT INTO xindu_plan_metadata VALUES (?, ?)", sorted(provenance(plan, "sqlite").items()))
            con.executemany(
                "INSERT INTO xindu_plan_columns VALUES (?, ?, ?, ?)",
                [(t.name, f.name, f.type, f.description) for t in TABLES for f in t.fields],
            )
        problems = con.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ExportError(f"{path}: foreign keys do not resolve: {problems[:3]}")
    finally:
        con.close()


@writer(
    "duckdb",
    "one DuckDB file with primary keys, a metadata table and column comments",
    folder=False,
    needs=("duckdb", "duckdb"),
)
def _write_duckdb(plan: Plan, path: Path) -> None:
    import duckdb

    # never reach for an extension over the network
    config: dict[str, str | bool | int | float | list[str]] = {
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }
    con = duckdb.connect(str(path), config=config)
    try:
        for table in TABLES:
            cols = [f'"{f.name}" {_DUCKDB_TYPES[f.type]}{" NOT NULL" if f.required else ""}' for f in table.fields]
            cols.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
            con.execute(f'CREATE TABLE "{table.name}" ({", ".join(cols)})')
            rows = [[_duck(v) for v in row] for row in plan.tables[table.name].itertuples(index=False, name=None)]
            if rows:
                con.executemany(f'INSERT INTO "{table.name}" VALUES ({", ".join("?" for _ in table.fields)})', rows)
            con.execute(f'COMMENT ON TABLE "{table.name}" IS {_sql_string(table.description)}')
            for f in table.fields:
                con.execute(f'COMMENT ON COLUMN "{table.name}"."{f.name}" IS {_sql_string(f.description)}')
        con.execute("CREATE TABLE xindu_plan_metadata (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)")
        con.executemany("INSERT INTO xindu_plan_metadata VALUES (?, ?)", sorted(provenance(plan, "duckdb").items()))
        con.execute(
            "CREATE TABLE xindu_plan_columns (table_name VARCHAR, column_name VARCHAR, type VARCHAR, "
            "description VARCHAR, PRIMARY KEY (table_name, column_name))"
        )
        con.executemany(
            "INSERT INTO xindu_plan_columns VALUES (?, ?, ?, ?)",
            [(t.name, f.name, f.type, f.description) for t in TABLES for f in t.fields],
        )
    finally:
        con.close()


def _duck(value: Any) -> Any:
    import pandas as pd

    return _date(value) if isinstance(value, pd.Timestamp) else plain(value)


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@writer("jsonl", "a folder of JSON Lines files with the header file metadata.json")
def _write_jsonl(plan: Plan, target: Path) -> None:
    target.mkdir()
    files = {}
    for table in TABLES:
        path = files[table.name] = target / f"{table.name}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for row in plain_records(plan.tables[table.name]):
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    _write_json(target / METADATA_FILE, _metadata(plan, "jsonl", files))


@writer("stata", "a folder of Stata .dta files (118, UTF-8) with variable and value labels, and metadata.json")
def _write_stata(plan: Plan, target: Path) -> None:
    import pandas as pd

    target.mkdir()
    label = f"xindu-plan {plan.version} content sha256 {plan.content_hash[:16]}"
    files = {}
    for table in TABLES:
        published = {f["name"]: f for f in _published(plan, table)["schema"]["fields"]}
        frame = plan.tables[table.name].astype(object)
        value_labels: dict[str, dict[float, str]] = {}
        strl = []
        for f in table.fields:
            categories = published[f.name].get("categories")
            values = [plain(v) for v in plan.tables[table.name][f.name]]
            if f.type == "string" and categories:
                # a coded string column: stored as codes 1…n, labelled with the values
                codes = {c["value"]: n for n, c in enumerate(categories, start=1)}
                frame[f.name] = pd.array([codes.get(v) for v in values], dtype="Int32")
                value_labels[f.name] = {float(n): str(v)[:32000] for v, n in codes.items()}
            elif f.type == "string":
                frame[f.name] = ["" if v is None else v for v in values]
                strl.append(f.name)
            elif f.type == "integer" and categories:
                frame[f.name] = pd.array(values, dtype="Int64")
                value_labels[f.name] = {float(c["value"]): str(c["label"]) for c in categories}
            elif f.type == "integer":
                frame[f.name] = pd.array(values, dtype="Int64")
            elif f.type == "number":
                frame[f.name] = pd.array(values, dtype="Float64")
            elif f.type == "boolean":
                frame[f.name] = pd.array([None if v is None else int(v) for v in values], dtype="Int8")
                value_labels[f.name] = {0.0: "false", 1.0: "true"}
            else:  # date
                frame[f.name] = pd.to_datetime(pd.Series(values, dtype=object))
        path = files[table.name] = target / f"{table.name}.dta"
        name = {f.name: _stata_name(f.name) for f in table.fields}
        frame.rename(columns=name).to_stata(
            path,
            write_index=False,
            version=118,
            data_label=label,
            variable_labels={name[f.name]: f.description[:80] for f in table.fields},
            value_labels={name[c]: labels for c, labels in value_labels.items()} or None,
            convert_strl=[name[c] for c in strl],
            convert_dates={name[f.name]: "td" for f in table.fields if f.type == "date"},
        )
    renamed = {f.name: _stata_name(f.name) for t in TABLES for f in t.fields if _stata_name(f.name) != f.name}
    _write_json(target / METADATA_FILE, {**_metadata(plan, "stata", files), "renamed_for_stata": renamed})


def _stata_name(column: str) -> str:
    """The column's Stata variable name: a reserved word (``end``) gets a leading underscore, as pandas would."""
    from pandas.io import stata

    reserved: set[str] = getattr(stata.StataParser(), "RESERVED_WORDS", {"end"})
    return f"_{column}" if column in reserved else column


#: The export formats, as ``xindu-plan export`` lists them.
FORMATS = tuple(WRITERS)


def export(plan: Plan, fmt: str, out: Path, overwrite: bool = False) -> Path:
    """Write every table of ``plan`` as ``fmt`` (one of :data:`FORMATS`) to ``out``.

    ``sqlite`` and ``duckdb`` write one file; the others a folder with one file
    per table and their provenance. The output is written beside ``out`` and
    renamed into place, so a failure or Ctrl-C leaves nothing half-written.

    ``overwrite`` replaces only an earlier export: an SQLite file carrying
    :data:`SQLITE_APPLICATION_ID`, a DuckDB file holding our metadata table, or a
    folder carrying the marker ``.xindu-plan.json`` and only the files it lists.

    Raises:
        ExportError: the format is unknown, ``out`` exists (without ``overwrite``)
            or is not an earlier export, is the working folder, a parent of it,
            the home folder or ``/``, its folder does not exist or cannot be
            written, or the format's optional dependency is missing.
    """
    if fmt not in WRITERS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(WRITERS)}")
    chosen = WRITERS[fmt]
    if chosen.needs:
        module, extra = chosen.needs
        try:
            __import__(module)
        except ImportError:
            raise ExportError(f"{fmt} export needs {module}: pip install 'xindu-plan[{extra}]'") from None

    def write(target: Path) -> None:
        try:
            chosen.write(plan, target)
        except sqlite3.Error as err:  # a full disk or a locked file, as SQLite reports it
            raise ExportError(f"{out}: cannot write the SQLite database ({err})") from None

    return write_atomically(
        Path(out),
        write,
        overwrite=overwrite,
        error=ExportError,
        folder=chosen.folder,
        is_ours={"sqlite": _is_our_sqlite, "duckdb": _is_our_duckdb}.get(fmt),
    )

"""The published data package: its descriptor, its files' hashes and reading a table by the contract.

Everything here reads ``datapackage.json`` and the files it lists with the standard
library (pandas only in :func:`read_table`), so the quick commands (``xindu-plan
info``, ``verify``, ``cite``) start without a DataFrame.

>>> content_hash() == content_hash(descriptor())
True
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from xindu_plan.base.digest import sha256
from xindu_plan.base.errors import DescriptorError, IntegrityError, XinduPlanError
from xindu_plan.base.resources import package_root
from xindu_plan.base.tables import Table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["check_resource_path", "content_hash", "descriptor", "read_rows", "read_table", "summary", "verify_file"]


def descriptor(root: Path | None = None) -> dict[str, Any]:
    """Return the parsed ``datapackage.json``, its resources checked before any is opened.

    Every resource must be an object with a ``name``, a ``hash`` (``sha256:`` and
    64 hex digits) and a ``path`` that stays inside the package folder
    (:func:`check_resource_path`).

    Raises:
        DescriptorError: the file is missing, empty, unreadable or not valid JSON,
            or does not describe the package as above; the message names the resource.
    """
    path = (root or package_root()) / "datapackage.json"
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DescriptorError(f"{path}: datapackage.json is missing") from None
    except OSError as err:
        raise DescriptorError(f"{path}: cannot be read ({err.strerror})") from None
    if not raw.strip():
        raise DescriptorError(f"{path}: datapackage.json is empty")
    try:
        data: dict[str, Any] = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        raise DescriptorError(f"{path}: not valid JSON ({err})") from None
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list):
        raise DescriptorError(f"{path}: not a data package descriptor (no resources list)")
    if not isinstance(data.get("version"), str):
        raise DescriptorError(f"{path}: the descriptor has no version string")
    names: set[str] = set()
    for number, resource in enumerate(data["resources"], start=1):
        if not isinstance(resource, dict):
            raise DescriptorError(f"{path}: resource {number} is a {type(resource).__name__}, not an object")
        name = resource.get("name")
        if not isinstance(name, str) or not name:
            raise DescriptorError(f"{path}: resource {number} has no name")
        if name in names:
            raise DescriptorError(f"{path}: resource {name!r} is described twice")
        names.add(name)
        check_resource_path(name, resource.get("path"))
        digest = resource.get("hash")
        if not isinstance(digest, str) or not _HASH.fullmatch(digest):
            raise DescriptorError(f"resource {name!r}: hash must be 'sha256:' and 64 hex digits, not {digest!r}")
    return data


_HASH = re.compile(r"sha256:[0-9a-f]{64}")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def check_resource_path(name: str, path: object) -> str:
    """Return a resource's path when it is relative and inside the package folder.

    Raises:
        DescriptorError: the path is not a string, is empty, absolute, a URL (or a
            drive), climbs out with ``..``, or holds a backslash or a NUL character.

    >>> check_resource_path("sections", "data/sections.csv")
    'data/sections.csv'
    >>> check_resource_path("x", "/etc/passwd")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    xindu_plan.base.errors.DescriptorError: resource 'x': path '/etc/passwd' is absolute; ...
    """
    if not isinstance(path, str):
        raise DescriptorError(f"resource {name!r}: path must be a string, not {type(path).__name__}")
    why = None
    if not path:
        why = "is empty"
    elif "\\" in path or "\x00" in path:
        why = "holds a backslash or a NUL character"
    elif path.startswith("/") or PureWindowsPath(path).is_absolute():
        why = "is absolute"
    elif _SCHEME.match(path):
        why = "is a URL"
    elif ".." in PurePosixPath(path).parts:
        why = "climbs out of the package folder with '..'"
    if why:
        raise DescriptorError(
            f"resource {name!r}: path {path!r} {why}; every path must be relative and inside the package folder"
        )
    return path


def content_hash(desc: dict[str, Any] | None = None) -> str:
    """Return one sha256 over every resource's path and hash: the dataset's content hash.

    It changes when any published file changes and does not depend on how
    ``datapackage.json`` is formatted.
    """
    desc = desc or descriptor()
    lines = sorted(f"{r['path']} {r['hash']}" for r in desc["resources"])
    return sha256("\n".join(lines))


def verify_file(root: Path, resource: dict[str, Any]) -> bytes:
    """Read one resource's bytes and check them against its descriptor.

    The path is checked first (:func:`check_resource_path`), and must not lead
    out of ``root`` through a symbolic link either.

    Raises:
        DescriptorError: the path leads outside ``root``.
        IntegrityError: the file is missing, cannot be read, or its sha256 differs.
    """
    name = str(resource.get("name"))
    path = check_resource_path(name, resource.get("path"))
    expected = str(resource.get("hash", "")).removeprefix("sha256:")
    target = root / path
    if not target.resolve().is_relative_to(root.resolve()):
        raise DescriptorError(f"resource {name!r}: path {path!r} leads outside the package folder")
    try:
        data: bytes = target.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise IntegrityError(path, expected, None) from None
    except OSError as err:
        raise IntegrityError(path, expected, None, reason=f"cannot be read ({err.strerror})") from None
    found = sha256(data)
    if found != expected:
        raise IntegrityError(path, expected, found)
    return data


def _dtype(table: Table) -> dict[str, Any]:
    # dates are read as strings and parsed below, with their format
    return {f.name: _pandas_dtype("string" if f.type == "date" else f.pandas_dtype) for f in table.fields}


@functools.cache
def _pandas_dtype(name: str) -> Any:
    """The pandas dtype object of a dtype name, looked up once (pandas parses the name on every use)."""
    import pandas as pd

    return pd.api.types.pandas_dtype(name)


def read_table(table: Table, data: bytes) -> pd.DataFrame:
    """Read a table's CSV bytes into a DataFrame with the contract's columns and dtypes.

    Raises:
        XinduPlanError: the columns are not those of the contract.
        ValueError: a cell cannot be read as its column's type.
    """
    import pandas as pd

    frame = pd.read_csv(
        io.BytesIO(data),
        dtype=_dtype(table),
        keep_default_na=False,
        na_values=[""],
        true_values=["true"],
        false_values=["false"],
        encoding="utf-8",
    )
    if list(frame.columns) != table.columns:
        raise XinduPlanError(f"{table.file}: columns are {list(frame.columns)}, the contract says {table.columns}")
    for f in table.fields:
        if f.type == "date":
            frame[f.name] = pd.to_datetime(frame[f.name], format="%Y-%m-%d")
    return frame


_INTEGER = re.compile(r"[+-]?[0-9]+")
_NUMBER = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_BOOLEANS = {"true": True, "false": False}


def _cell(kind: str, required: bool, cell: str) -> Any:
    if cell == "":
        if required and kind == "integer":  # as pandas: an integer column that must be filled has no gap
            raise ValueError("an empty cell in an integer column")
        return None
    if kind == "integer" and _INTEGER.fullmatch(cell):
        return int(cell)
    if kind == "number" and _NUMBER.fullmatch(cell):
        return float(cell)
    if kind == "boolean" and cell in _BOOLEANS:
        return _BOOLEANS[cell]
    if kind == "date" and _DATE.fullmatch(cell):
        import datetime

        datetime.date.fromisoformat(cell)  # a real day, or ValueError
        return cell
    if kind == "string":
        return cell
    raise ValueError(f"{cell!r} is not a{'n' if kind == 'integer' else ''} {kind}")


def read_rows(table: Table, data: bytes) -> list[dict[str, Any]]:
    """Read a table's CSV bytes as the contract says, with the standard library: one dict a row.

    Cells are plain Python values (``str``, ``int``, ``float``, ``bool``, a date as
    its ``YYYY-MM-DD`` string) and an empty cell is ``None``: the rows
    :func:`read_table` gives, without pandas. Blank lines are skipped, as pandas does.

    Raises:
        XinduPlanError: the columns are not those of the contract.
        ValueError: the bytes are not UTF-8, a row has another number of cells than
            the header, or a cell cannot be read as its column's type.

    >>> from xindu_plan.base.tables import table
    >>> read_rows(table("repairs"), b"repair_id,occurrence\\nR1,1\\n")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    xindu_plan.base.errors.XinduPlanError: data/repairs.csv: columns are ['repair_id', 'occurrence'], ...
    """
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""))
    header = next(reader, [])
    if header != table.columns:
        raise XinduPlanError(f"{table.file}: columns are {header}, the contract says {table.columns}")
    kinds = [(f.name, f.type, f.required) for f in table.fields]
    out = []
    for cells in reader:
        number = reader.line_num  # the line a record ends on (a quoted cell may hold line breaks)
        if not cells:
            continue
        if len(cells) != len(kinds):
            raise ValueError(f"line {number} has {len(cells)} cells, the header {len(kinds)}")
        try:
            out.append(
                {name: _cell(kind, required, cell) for (name, kind, required), cell in zip(kinds, cells, strict=True)}
            )
        except ValueError as err:
            raise ValueError(f"line {number}: {err}") from None
    return out


def summary(root: Path | None = None) -> dict[str, Any]:
    """Return what ``xindu-plan info`` shows, read with the standard library.

    The keys: ``version``, ``content_hash``, ``document`` (the one row of
    ``document.csv``, as strings), ``characters_raw`` and ``characters_restored``
    (of the two texts) and ``rows`` (table name → number of rows). Every file read
    is checked against its sha256 first.

    Raises:
        DescriptorError: ``datapackage.json`` cannot be read.
        IntegrityError: a file is missing or its hash differs.

    >>> s = summary()
    >>> s["rows"]["measures"], s["document"]["author"]
    (21, '许兴国')
    """
    root = root or package_root()
    desc = descriptor(root)
    rows: dict[str, int] = {}
    texts: dict[str, str] = {}
    document: dict[str, str] = {}
    for resource in desc["resources"]:
        data = verify_file(root, resource).decode("utf-8")
        if resource.get("format") == "csv":
            table = list(csv.DictReader(io.StringIO(data, newline="")))
            rows[str(resource["name"])] = len(table)
            if resource["name"] == "document" and table:
                document = table[0]
        else:
            texts[str(resource["name"])] = data
    return {
        "version": str(desc["version"]),
        "content_hash": content_hash(desc),
        "document": document,
        "characters_raw": len(texts.get("source", "")),
        "characters_restored": len(texts.get("article", "")),
        "rows": rows,
    }

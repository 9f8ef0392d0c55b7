"""The files a comparison is written into: tables written as they come, one CSV file a table
(:class:`_CsvOut`) or a folder of Parquet part files a table (:class:`_ParquetOut`, with the Arrow
types the fields declare), and each table's resource in ``datapackage.json``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from xindu_plan.analysis.comparison.frames import _frame
from xindu_plan.analysis.comparison.schema import _BY_NAME, COLUMNS
from xindu_plan.base.errors import CompareError
from xindu_plan.base.tables import Table

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

__all__ = [
    "_CsvOut",
    "_ParquetOut",
    "_pyarrow",
    "_resource",
]


def _pyarrow() -> None:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise CompareError("writing Parquet needs pyarrow: pip install 'xindu-plan[export]'") from None


class _CsvOut:
    """Tables written as they come: one CSV file a table, the header first."""

    def __init__(self, folder: Path) -> None:
        self.handles = {
            name: (folder / _BY_NAME[name].file).open("w", encoding="utf-8", newline="") for name in COLUMNS
        }
        for name, handle in self.handles.items():
            _frame(name, []).to_csv(handle, index=False, lineterminator="\n")

    def add(self, name: str, frame: pd.DataFrame) -> None:
        frame.to_csv(self.handles[name], header=False, index=False, lineterminator="\n")

    def flush(self) -> None:
        """Nothing to do: each frame was written as it came."""

    def close(self) -> None:
        """The files are complete (closed by :meth:`release`); a CSV table has no parts."""

    def release(self) -> None:
        for handle in self.handles.values():
            handle.close()


class _ParquetOut:
    """Tables written as Parquet: a folder a table, a part file every :data:`_CONSOLIDATE` documents.

    The columns' Arrow types come from the table's fields (string, int64, float64),
    the same in every part, so that a reader of the folder sees one table.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pending: dict[str, list[pd.DataFrame]] = {name: [] for name in COLUMNS}
        self.parts: dict[str, list[str]] = {name: [] for name in COLUMNS}
        for name in COLUMNS:
            (folder / name).mkdir()

    def add(self, name: str, frame: pd.DataFrame) -> None:
        if len(frame):
            self.pending[name].append(frame)

    def flush(self) -> None:
        import pyarrow as pa

        for name, frames in self.pending.items():
            if frames:
                self._write(name, pa.concat_tables([_arrow(name, frame) for frame in frames]))
                frames.clear()

    def close(self) -> dict[str, list[str]]:
        """Write what is pending; a table without rows gets one empty part, so that it has its columns."""
        self.flush()
        for name, parts in self.parts.items():
            if not parts:
                self._write(name, _arrow(name, _frame(name, [])))
        return {name: list(parts) for name, parts in self.parts.items()}

    def release(self) -> None:
        for frames in self.pending.values():
            frames.clear()

    def _write(self, name: str, table: Any) -> None:
        import pyarrow.parquet as pq

        path = f"{name}/part-{len(self.parts[name]):05d}.parquet"
        pq.write_table(table, self.folder / path)
        self.parts[name].append(path)


_ARROW_TYPES = {"string": "string", "integer": "int64", "number": "float64"}


def _arrow(name: str, frame: pd.DataFrame) -> Any:
    """A table's frame as an Arrow table of the types its fields declare (categoricals as plain strings)."""
    import pyarrow as pa

    fields = _BY_NAME[name].fields
    schema = pa.schema([pa.field(f.name, _ARROW_TYPES[f.type]) for f in fields])
    arrays = [pa.array(frame[f.name].astype(object), type=_ARROW_TYPES[f.type], from_pandas=True) for f in fields]
    return pa.Table.from_arrays(arrays, schema=schema)


def _resource(table: Table, format: str, parts: Mapping[str, Sequence[str]] | None) -> dict[str, Any]:
    """A table's resource in ``datapackage.json``: its CSV file, or its Parquet part files."""
    out = table.resource()
    if format == "parquet":
        del out["encoding"]
        paths = list(parts[table.name]) if parts is not None else [f"{table.name}/part-00000.parquet"]
        out.update(path=paths, format="parquet", mediatype="application/vnd.apache.parquet")
    return out

"""The classes of the table contract, and the helpers the declarations build fields with.

A :class:`Table` of the data package has :class:`Field` columns (Table Schema
type, description, constraints, :class:`Categories` of a coded column) and
:class:`ForeignKey` references to other tables; each gives its Data Package or
Table Schema descriptor. :func:`_spans` and :func:`_id` build the offset and
identifier columns many tables share, and the ``_*_FK`` constants the foreign
keys they share. The declarations themselves are in :mod:`xindu_plan.base.tables`.

>>> Field("n", "integer", "A count.", required=False, minimum=0).descriptor()
{'name': 'n', 'type': 'integer', 'description': 'A count.', 'constraints': {'minimum': 0}}
>>> [f.name for f in _spans("the word", raw=False)], _id("word_id", "the word", r"W[0-9]+").unique
(['start', 'end'], True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from xindu_plan.base.digest import sha256
from xindu_plan.base.errors import NotFoundError

__all__ = ["PANDAS_DTYPES", "TABLE_SCHEMA_PROFILE", "Categories", "Field", "ForeignKey", "Table"]

#: Table Schema type → the pandas dtype of a column (when required, when optional).
PANDAS_DTYPES = {
    "string": ("string", "string"),
    "integer": ("int64", "Int64"),
    "number": ("float64", "float64"),
    "boolean": ("boolean", "boolean"),
    "date": ("datetime64[ns]", "datetime64[ns]"),
}
#: The Table Schema 2.0 profile every table's schema declares.
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"


@dataclass(frozen=True, slots=True)
class Categories:
    """The labelled values of a coded field (Table Schema 2.0 ``categories``).

    The labels are either listed here (``labels``: value → label) or read from a
    table of the package: its ``value`` and ``label`` columns (the CAP major topics
    come from ``topics``, built from ``data/curation/cap_topics.csv``).

    >>> Categories(labels={"a": "first"}).resolve({})
    [{'value': 'a', 'label': 'first'}]
    >>> Categories(table="t", value="code", label="name").resolve({"t": [{"code": 1, "name": "one"}]})
    [{'value': 1, 'label': 'one'}]
    """

    labels: Mapping[Any, str] | None = None
    table: str | None = None
    value: str = ""
    label: str = ""

    def resolve(self, rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[dict[str, Any]]:
        """Return the ``categories`` list, reading table-based labels from ``rows`` (table name → rows).

        Raises:
            NotFoundError: the labels come from a table that ``rows`` does not hold.
        """
        if self.labels is not None:
            return [{"value": v, "label": label} for v, label in self.labels.items()]
        if self.table not in rows:
            raise NotFoundError(f"the categories come from table {self.table!r}, which was not given")
        return [{"value": r[self.value], "label": r[self.label]} for r in rows[str(self.table)]]


@dataclass(frozen=True, slots=True)
class Field:
    """A column: Table Schema type, description and constraints."""

    name: str
    type: str  # string | integer | number | boolean | date
    description: str
    required: bool = True
    unique: bool = False
    enum: tuple[Any, ...] | None = None
    minimum: int | None = None
    pattern: str | None = None
    categories: Categories | None = None

    @property
    def pandas_dtype(self) -> str:
        """The pandas dtype the column is loaded and validated with."""
        return PANDAS_DTYPES[self.type][0 if self.required else 1]

    def descriptor(self, rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> dict[str, Any]:
        """Return the Table Schema field descriptor.

        ``rows`` (table name → rows) gives the labels of categories read from a
        table; without it such categories are left out.
        """
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.unique:
            constraints["unique"] = True
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if self.minimum is not None:
            constraints["minimum"] = self.minimum
        if self.pattern is not None:
            constraints["pattern"] = self.pattern
        out: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.categories is not None and (self.categories.labels is not None or rows is not None):
            out["categories"] = self.categories.resolve(rows or {})
        if constraints:
            out["constraints"] = constraints
        return out


@dataclass(frozen=True, slots=True)
class ForeignKey:
    """Columns of this table referring to the primary key of another."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table of the data package."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()
    path: str = field(default="")

    @property
    def file(self) -> str:
        """The path of the table's CSV file, relative to ``datapackage.json``."""
        return self.path or f"data/{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        """The column names in order."""
        return [f.name for f in self.fields]

    def resource(
        self,
        data: bytes | None = None,
        *,
        path: str | None = None,
        encoding: str = "utf-8",
        schema: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Return the table's Data Package resource: a CSV file with this table's schema.

        ``data`` (the file's bytes) adds its size and sha256; ``path`` replaces
        :attr:`file`; ``schema`` replaces :meth:`schema` (one with resolved categories).
        """
        out: dict[str, Any] = {
            "name": self.name,
            "type": "table",
            "path": path or self.file,
            "title": self.title,
            "description": self.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": encoding,
        }
        if data is not None:
            out["bytes"] = len(data)
            out["hash"] = f"sha256:{sha256(data)}"
        out["schema"] = schema if schema is not None else self.schema()
        return out

    def schema(self, rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> dict[str, Any]:
        """Return the Table Schema (2.0) descriptor; ``rows`` as for :meth:`Field.descriptor`."""
        out: dict[str, Any] = {
            "$schema": TABLE_SCHEMA_PROFILE,
            "fields": [f.descriptor(rows) for f in self.fields],
            "primaryKey": list(self.primary_key),
            "missingValues": [""],
        }
        if self.foreign_keys:
            out["foreignKeys"] = [
                {"fields": list(fk.fields), "reference": {"resource": fk.resource, "fields": list(fk.reference)}}
                for fk in self.foreign_keys
            ]
        return out


def _spans(what: str, raw: bool = True) -> tuple[Field, ...]:
    out: tuple[Field, ...] = (
        Field(
            "start",
            "integer",
            f"Offset of the first character of {what} in the restored text (data/text/article.txt), counted in "
            f"Unicode code points from 0.",
            minimum=0,
        ),
        Field("end", "integer", f"Offset just after the last character of {what} in the restored text.", minimum=0),
    )
    if raw:
        out += (
            Field(
                "raw_start",
                "integer",
                f"Offset of the first character of {what} in the raw copy (data/source/), in code points.",
                minimum=0,
            ),
            Field(
                "raw_end",
                "integer",
                f"Offset just after {what} in the raw copy, including a trailing pinyin annotation.",
                minimum=0,
            ),
        )
    return out


def _id(name: str, what: str, pattern: str) -> Field:
    return Field(name, "string", f"Stable identifier of {what}.", unique=True, pattern=pattern)


_SECTION_FK = ForeignKey(("section_id",), "sections", ("section_id",))
_MEASURE_FK = ForeignKey(("measure_id",), "measures", ("measure_id",))
_SENTENCE_FK = ForeignKey(("sentence_id",), "sentences", ("sentence_id",))
_PARAGRAPH_FK = ForeignKey(("paragraph_id",), "paragraphs", ("paragraph_id",))

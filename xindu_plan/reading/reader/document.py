"""The parsed document and its tables: :class:`Document`, and the tables built column by column.

:class:`Document` holds the cleaned text, its offset map to the input, the
metadata and the tables; :func:`_sentences`, :func:`_paragraph_table`,
:func:`_quantity_table` and :func:`_table` build them as typed arrays and string
columns (:func:`_strings`), so memory stays a small multiple of the text;
:data:`QUANTITY_COLUMNS` are the columns of ``Document.quantities``.

>>> list(_table({"a": ["x", None], "b": [1, 2]}, ["a", "b"]).columns)
['a', 'b']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from xindu_plan.chinese.quantities import Frame, Quantity, find_quantities
from xindu_plan.chinese.text import OffsetMap
from xindu_plan.reading.reader.structure import split_sentences

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["QUANTITY_COLUMNS", "Document"]


@dataclass(frozen=True)
class Document:
    """A parsed document: cleaned text, offset map to the input, tables and metadata.

    Tables (pandas DataFrames, spans into :attr:`text`):

    * ``paragraphs``: paragraph_id, order, kind (title, byline, metadata, salutation,
      heading, body, signature), level, heading_style, lead_end, start, end, text;
    * ``sections``: one row per heading: section_id, paragraph_id, level, title,
      role (year, review, plan or empty), ref_start_year, ref_end_year, start, end
      (the heading and everything under it);
    * ``sentences``: sentence_id, paragraph_id, order, start, end, text;
    * ``quantities``: every quantity (see :data:`QUANTITY_COLUMNS`), with its kind
      and the years it refers to;
    * ``targets``: the quantities of kind ``target``, with a ``target_id``;
    * ``terms``: every “quoted” expression: term, start, end, sentence_id;
    * ``cleaning``: what each cleaning rule removed or replaced: rule, raw_start,
      raw_end (in the input), removed, inserted.

    ``metadata`` holds title, date, meeting, speaker, office (``None`` where the text
    states none), ``year`` (the year the document is about) and ``genre`` (one of
    :data:`GENRES`).
    """

    name: str
    source: str
    text: str
    offsets: OffsetMap
    restored: bool
    metadata: dict[str, Any]
    paragraphs: pd.DataFrame = field(repr=False)
    sections: pd.DataFrame = field(repr=False)
    sentences: pd.DataFrame = field(repr=False)
    quantities: pd.DataFrame = field(repr=False)
    targets: pd.DataFrame = field(repr=False)
    terms: pd.DataFrame = field(repr=False)
    cleaning: pd.DataFrame = field(repr=False)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the span of the input behind ``[start, end)`` of the cleaned text."""
        return self.offsets.to_raw(start, end)

    def headings(self) -> pd.DataFrame:
        """Return the heading paragraphs with their level."""
        return self.paragraphs[self.paragraphs["kind"] == "heading"].reset_index(drop=True)


#: Columns of :attr:`Document.quantities`, in order.
QUANTITY_COLUMNS: tuple[str, ...] = (
    "quantity_id",
    "paragraph_id",
    "sentence_id",
    "kind",
    "indicator",
    "number",
    "value",
    "low",
    "high",
    "unit",
    "value_base",
    "low_base",
    "high_base",
    "base_unit",
    "comparator",
    "comparator_written",
    "change",
    "change_written",
    "marker",
    "action",
    "hedge",
    "period",
    "period_start_year",
    "period_end_year",
    "ref_start_year",
    "ref_end_year",
    "written",
    "start",
    "end",
    "indicator_start",
    "indicator_end",
    "number_start",
    "number_end",
)
_INT_COLUMNS = (
    "period_start_year",
    "period_end_year",
    "ref_start_year",
    "ref_end_year",
    "start",
    "end",
    "indicator_start",
    "indicator_end",
    "number_start",
    "number_end",
)


def _sentences(text: str, paragraphs: list[dict[str, Any]]) -> pd.DataFrame:
    """The sentences of every paragraph, built as arrays (no Python object per number)."""
    from array import array

    import numpy as np
    import pandas as pd

    starts, ends, counts = array("q"), array("q"), array("q")
    for p in paragraphs:
        found = split_sentences(text, p["start"], p["end"])
        for a, b in found:
            starts.append(a)
            ends.append(b)
        counts.append(len(found))
    sizes = np.frombuffer(counts, dtype=np.int64)
    order = np.arange(1, len(starts) + 1) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    paragraph_ids = np.repeat(np.array([p["paragraph_id"] for p in paragraphs], dtype=object), sizes)
    frame = pd.DataFrame(
        {
            "sentence_id": _strings(f"{pid}.{n}" for pid, n in zip(paragraph_ids, order.tolist(), strict=True)),
            "paragraph_id": _strings(paragraph_ids),
            "order": order,
            "start": np.frombuffer(starts, dtype=np.int64),
            "end": np.frombuffer(ends, dtype=np.int64),
        }
    )
    frame["text"] = _strings(text[a:b] for a, b in zip(starts, ends, strict=True))
    return frame


def _table(columns: dict[str, Any], names: Sequence[str]) -> pd.DataFrame:
    """A table from columns, every column of strings (or None) built by :func:`_strings`."""
    import pandas as pd

    out: dict[str, Any] = {}
    for name in names:
        values = columns[name]
        textual = isinstance(values, list) and all(v is None or isinstance(v, str) for v in values)
        out[name] = _strings(values) if textual and any(v is not None for v in values) else values
    return pd.DataFrame(out, columns=list(names))


def _strings(values: Iterable[str | None]) -> pd.Series:
    """A string column built a slice at a time (no list of every string held at once when pyarrow is there)."""
    import pandas as pd

    if int(pd.__version__.split(".")[0]) < 3:  # before pandas 3, "str" is not a string dtype with missing values
        return pd.Series(list(values), dtype=object)
    try:
        import pyarrow as pa
    except ImportError:  # pandas keeps Python strings then
        return pd.Series(list(values), dtype="str")
    # the system allocator returns freed memory at once (arrow's default pool keeps arenas)
    pool = pa.system_memory_pool()
    chunks = []
    batch: list[str | None] = []
    for value in values:
        batch.append(value)
        if len(batch) == 8192:
            chunks.append(pa.array(batch, type=pa.large_string(), memory_pool=pool))
            batch = []
    chunks.append(pa.array(batch, type=pa.large_string(), memory_pool=pool))
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(chunks, type=pa.large_string())), dtype="str")


def _paragraph_table(paragraphs: list[dict[str, Any]]) -> pd.DataFrame:
    """The paragraphs as a table, column by column (the text as one string column)."""

    return _table({name: [p[name] for p in paragraphs] for name in _PARAGRAPH_COLUMNS}, _PARAGRAPH_COLUMNS)


def _quantity_table(
    text: str,
    paragraphs: list[dict[str, Any]],
    frames: list[Frame],
    year: int | None,
    sentence_at: Callable[[int], str | None],
) -> pd.DataFrame:
    """Every quantity of every paragraph, gathered column by column (numbers in typed arrays)."""
    from array import array

    import numpy as np
    import pandas as pd

    ints = {name: array("q") for name in _INT_COLUMNS}
    floats = {name: array("d") for name in ("value", "low", "high", "value_base", "low_base", "high_base")}
    others: dict[str, list[Any]] = {
        name: [] for name in QUANTITY_COLUMNS if name not in ints and name not in floats and name != "quantity_id"
    }
    for p, frame in zip(paragraphs, frames, strict=True):
        if p["kind"] not in ("body", "heading"):
            continue
        for q in find_quantities(text, year, frame, start=p["start"], end=p["end"]):
            for name, column in ints.items():
                value = getattr(q, name)
                column.append(-1 if value is None else value)
            for name, numbers in floats.items():
                value = getattr(q, name)
                numbers.append(np.nan if value is None else value)
            others["paragraph_id"].append(p["paragraph_id"])
            others["sentence_id"].append(sentence_at(q.number_start))
            others["written"].append(_written(text, q))
            for name in others.keys() - {"paragraph_id", "sentence_id", "written"}:
                others[name].append(getattr(q, name))
    n = len(others["kind"])
    columns: dict[str, Any] = {"quantity_id": [f"Q{i + 1}" for i in range(n)]}
    for name, column in ints.items():
        values = np.frombuffer(column, dtype=np.int64) if n else np.zeros(0, dtype=np.int64)
        columns[name] = pd.array(np.where(values < 0, 0, values), dtype="Int64")
        columns[name][values < 0] = pd.NA
    for name, numbers in floats.items():
        columns[name] = np.frombuffer(numbers, dtype=np.float64) if n else np.zeros(0)
    columns.update(others)
    return _table(columns, QUANTITY_COLUMNS)


def _written(text: str, q: Quantity) -> str:
    """The quantity as written: comparator or change word before it, number, unit, comparator after."""
    start = q.number_start
    for word in (q.comparator_written, q.change_written):
        if word and text.startswith(word, start - len(word)):
            start -= len(word)
    end = q.number_end
    while end < q.end and text[end] not in "，。；、：":
        end += 1
    return text[start:end]


_SENTENCE_COLUMNS = ("sentence_id", "paragraph_id", "order", "start", "end", "text")
_PARAGRAPH_COLUMNS = ["paragraph_id", "order", "kind", "level", "heading_style", "lead_end", "start", "end", "text"]
_SECTION_COLUMNS = [
    "section_id",
    "paragraph_id",
    "level",
    "title",
    "role",
    "ref_start_year",
    "ref_end_year",
    "start",
    "end",
]

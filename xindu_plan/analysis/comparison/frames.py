"""The rows of a table as compact pandas columns: ids and labels repeated on many rows (the columns
in :data:`CATEGORICAL`) as categoricals, integers as ``int32``, strings of pandas' own string
dtype; and frames of one table stacked, their categories united.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from xindu_plan.analysis.comparison.schema import _BY_NAME, COLUMNS
from xindu_plan.base.values import is_missing

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

__all__ = [
    "CATEGORICAL",
    "_frame",
    "_stack_table",
]

#: Columns held as pandas categoricals by :func:`compare_many` and :func:`concat`: ids and labels
#: repeated on many rows (a code of one to four bytes a row instead of a string).
CATEGORICAL = frozenset(
    {
        "document",
        "unit_id",
        "unit_label",
        "pillar_id",
        "pillar_label",
        "passage_id",
        "paragraph_id",
        "best_passage_id",
        "heading",
        "term",
        "term_id",
    }
)


def _frame(name: str, found: Sequence[tuple[Any, ...]]) -> pd.DataFrame:
    """The rows of one table as compact columns: categoricals for repeated ids and labels, int32."""
    import numpy as np
    import pandas as pd

    columns: list[Sequence[Any]] = [list(c) for c in zip(*found, strict=True)] if found else []
    data: dict[str, Any] = {}
    for i, field in enumerate(_BY_NAME[name].fields):
        values = columns[i] if columns else []
        if field.name in CATEGORICAL:
            data[field.name] = _categorical(values)
        elif field.type == "integer":
            data[field.name] = _integers(np.asarray(values, dtype=np.int64))
        elif field.type == "number":
            data[field.name] = np.asarray([np.nan if v is None else v for v in values], dtype=np.float64)
        else:
            data[field.name] = pd.Series(values, dtype=_string_dtype())  # None stays missing
    return pd.DataFrame(data)


def _categorical(values: Sequence[Any]) -> pd.Categorical:
    import pandas as pd

    categories = sorted({v for v in values if v is not None})
    return pd.Categorical(values, categories=pd.Index(categories, dtype=_string_dtype()))


@functools.cache
def _string_dtype() -> Any:
    """The dtype pandas gives a column of strings (``str`` from pandas 3, object before)."""
    import pandas as pd

    return pd.Series(["x"]).dtype


def _integers(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    import numpy as np

    small = not len(values) or (int(values.min()) >= -(2**31) and int(values.max()) < 2**31)
    return values.astype(np.int32) if small else values


def _stack_table(name: str, frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Stack frames of one table; categorical columns get the sorted union of their categories."""
    import pandas as pd
    from pandas.api.types import union_categoricals

    if not frames:
        return _frame(name, [])
    if len(frames) == 1 and all(
        isinstance(frames[0][c].dtype, pd.CategoricalDtype) for c in COLUMNS[name] if c in CATEGORICAL
    ):
        return frames[0].reset_index(drop=True)
    data: dict[str, Any] = {}
    for column in COLUMNS[name]:
        pieces = [frame[column] for frame in frames]
        if column in CATEGORICAL:
            data[column] = union_categoricals([_as_categorical(p) for p in pieces], sort_categories=True)
        else:
            data[column] = pd.concat(pieces, ignore_index=True)
    return pd.DataFrame(data)


def _as_categorical(column: pd.Series) -> pd.Categorical:
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        values = pd.Categorical(column)
        if values.categories.dtype != _string_dtype():
            values = values.set_categories(pd.Index(list(values.categories), dtype=_string_dtype()))
        return values
    return _categorical([None if is_missing(v) else v for v in column])

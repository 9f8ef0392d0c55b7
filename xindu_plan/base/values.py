"""Cell values of the tables as plain Python: the one test for a missing value."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["is_missing", "plain", "plain_records", "row_dicts", "rows"]


def is_missing(value: Any) -> bool:
    """Tell whether a cell is missing (None, NaN, pandas NA or NaT).

    >>> import pandas as pd
    >>> [is_missing(v) for v in (None, float("nan"), pd.NA, 0, "")]
    [True, True, True, False, False]
    """
    import pandas as pd

    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def plain(value: Any) -> Any:
    """Return a cell as a JSON-ready Python value: None, a date string, or the scalar itself.

    >>> import numpy as np, pandas as pd
    >>> plain(np.int64(3)), plain(pd.Timestamp("2021-02-22")), plain(pd.NA)
    (3, '2021-02-22', None)
    """
    import pandas as pd

    if is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def rows(frame: pd.DataFrame) -> Iterator[Any]:
    """Iterate over a table's rows as named tuples whose cells are typed ``Any``.

    pandas types a cell as a union of every scalar it could hold; the table
    contract (:mod:`xindu_plan.base.tables`) is what fixes each column's type.

    >>> import pandas as pd
    >>> [r.a for r in rows(pd.DataFrame({"a": [1, 2]}))]
    [1, 2]
    """
    return iter(frame.itertuples(index=False))


def row_dicts(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return a table's rows as dicts keyed by column name, cells typed ``Any``.

    >>> import pandas as pd
    >>> row_dicts(pd.DataFrame({"a": [1]}))
    [{'a': 1}]
    """
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def plain_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Return a table's rows as JSON-ready dicts (:func:`plain` cells).

    >>> import pandas as pd
    >>> plain_records(pd.DataFrame({"a": [1, None]}, dtype="Int64"))
    [{'a': 1}, {'a': None}]
    """
    return [{k: plain(v) for k, v in row.items()} for row in row_dicts(frame)]

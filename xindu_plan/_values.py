"""Cell values of the tables as plain Python: the one test for a missing value."""

from __future__ import annotations

from typing import Any

__all__ = ["is_missing", "plain"]


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

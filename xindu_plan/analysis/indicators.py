"""One indicator under many names: the reviewed synonym table and each indicator's direction.

Reports reword what they measure from year to year: a target names 居民消费价格涨幅
(the rise of consumer prices) and the next year's review 居民消费价格; the 2024
report speaks of 经济增长预期目标 for what its main targets call 国内生产总值增长.
Which wordings are one indicator, and whether a higher or a lower value of it is
better, is judgement. It lives in the reviewed file
``xindu_plan/curation/indicator_synonyms.csv``, one row per wording, never in code:

``written``
    The indicator as :func:`xindu_plan.parse` reads it from a document.
``indicator_id``
    The stable id shared by every wording of one indicator (``gdp``).
``better``
    ``higher`` or ``lower``: which way the indicator itself is better, the same
    on every row of an id. A target stated as a reduction (降低3%) is judged by
    the size of the reduction, so its direction follows from this one.
``document``, ``excerpt``
    Where the wording is used: a document of the shipped corpus and a passage
    of it that contains ``written`` (checked by the tests).
``note``
    Why the wording is this indicator, and why its direction is what it is.

An indicator not in the table is its own id, with no direction recorded.

>>> table = load_synonyms()
>>> table.key("居民消费价格"), table.key("居民消费价格涨幅"), table.key("某某指标")
('consumer_prices', 'consumer_prices', '某某指标')
>>> table.better("urban_unemployment"), table.better("某某指标") is None
('lower', True)
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from xindu_plan.base.errors import SynonymError

#: The share of a 左右 figure an outcome may fall short of it (or exceed it, for a ceiling) and be met within the hedge.
TOLERANCE = 0.1

__all__ = [
    "BETTER",
    "SYNONYMS_FILE",
    "SYNONYM_COLUMNS",
    "TOLERANCE",
    "SynonymError",
    "Synonyms",
    "load_synonyms",
    "read_synonyms",
]

#: The reviewed file, inside the package (it is needed at run time), as parts of its path.
SYNONYMS_FILE = ("curation", "indicator_synonyms.csv")
#: Its columns, in order.
SYNONYM_COLUMNS = ("written", "indicator_id", "better", "document", "excerpt", "note")
#: Values of ``better``, with their meaning.
BETTER = {"higher": "a higher value of the indicator is better", "lower": "a lower value is better"}


@dataclass(frozen=True, slots=True)
class Synonyms:
    """The synonym table read: each wording's indicator id and each id's direction."""

    ids: Mapping[str, str]
    directions: Mapping[str, str]
    rows: tuple[Mapping[str, str], ...] = ()

    def key(self, indicator: str | None) -> str | None:
        """Return the indicator id of a wording: its id in the table, else the wording itself."""
        if indicator is None:
            return None
        return self.ids.get(indicator, indicator)

    def better(self, key: str | None) -> str | None:
        """Return ``higher`` or ``lower`` for an indicator id, or None when the table records none."""
        return None if key is None else self.directions.get(key)


def read_synonyms(rows: Iterable[Mapping[str, str]], source: str = "the synonym table") -> Synonyms:
    """Check rows of a synonym table (see the module's documentation) and read them.

    Raises:
        SynonymError: a column is missing, a cell is empty, ``better`` is not
            ``higher`` or ``lower``, a wording is listed twice, or one id has two
            directions; the message names ``source`` and the row (the header is row 1).
    """
    ids: dict[str, str] = {}
    directions: dict[str, str] = {}
    kept: list[Mapping[str, str]] = []
    for n, row in enumerate(rows, start=2):
        missing = [c for c in SYNONYM_COLUMNS if not str(row.get(c) or "").strip()]
        if missing:
            raise SynonymError(f"{source}, row {n}: {', '.join(missing)} must not be empty")
        written, key, better = (str(row[c]).strip() for c in ("written", "indicator_id", "better"))
        if better not in BETTER:
            raise SynonymError(f"{source}, row {n}: better must be higher or lower, not {better!r}")
        if written in ids:
            raise SynonymError(f"{source}, row {n}: {written} is listed twice")
        if directions.setdefault(key, better) != better:
            raise SynonymError(f"{source}, row {n}: {key} is {directions[key]} on an earlier row and {better} here")
        ids[written] = key
        kept.append(dict(row))
    return Synonyms(ids, directions, tuple(kept))


@functools.cache
def load_synonyms() -> Synonyms:
    """Return the reviewed synonym table shipped with the package (read once).

    Raises:
        SynonymError: the shipped file is malformed.
    """
    text = resources.files("xindu_plan").joinpath(*SYNONYMS_FILE).read_text(encoding="utf-8")
    shown = "/".join(("xindu_plan", *SYNONYMS_FILE))
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != SYNONYM_COLUMNS:
        raise SynonymError(f"{shown}: the columns must be {', '.join(SYNONYM_COLUMNS)}")
    return read_synonyms(reader, shown)

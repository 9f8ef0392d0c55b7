"""The table contract: every table and column described once.

``datapackage.json`` (written by :mod:`xindu_plan.derivation.build`), the pandera schemas
(:mod:`xindu_plan.derivation.schemas`) and the dtypes :func:`xindu_plan.load` reads with are
all generated from :data:`TABLES`. Importing this module is cheap: it holds data only.

The classes (:class:`Table`, :class:`Field`, :class:`Categories`, :class:`ForeignKey`)
are in :mod:`xindu_plan.base.contract`; the declarations, by concern, in
:mod:`xindu_plan.base.article_tables`, :mod:`xindu_plan.base.coding_tables` and
:mod:`xindu_plan.base.extraction_tables`, gathered here in one order.

>>> [t.name for t in TABLES][:3]
['document', 'paragraphs', 'sections']
>>> table("targets").primary_key
('target_id',)
"""

from __future__ import annotations

from xindu_plan.base.article_tables import ARTICLE_TABLES, PARAGRAPH_KINDS
from xindu_plan.base.coding_tables import CAP_CODES as CAP_CODES
from xindu_plan.base.coding_tables import CODING_TABLES
from xindu_plan.base.contract import PANDAS_DTYPES, TABLE_SCHEMA_PROFILE, Categories, Field, ForeignKey, Table
from xindu_plan.base.errors import NotFoundError
from xindu_plan.base.extraction_tables import CHANGES, COMPARATORS, ENTITY_TYPES, EXTRACTION_TABLES, TERM_KINDS

__all__ = [
    "CHANGES",
    "COMPARATORS",
    "ENTITY_TYPES",
    "PANDAS_DTYPES",
    "PARAGRAPH_KINDS",
    "TABLES",
    "TABLE_SCHEMA_PROFILE",
    "TERM_KINDS",
    "Categories",
    "Field",
    "ForeignKey",
    "Table",
    "table",
]

TABLES: tuple[Table, ...] = (*ARTICLE_TABLES, *CODING_TABLES, *EXTRACTION_TABLES)

_BY_NAME = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    """Return the table called ``name``.

    Raises:
        LookupError: there is no such table.
    """
    try:
        return _BY_NAME[name]
    except KeyError:
        raise NotFoundError(f"no table named {name!r}; the tables are {', '.join(_BY_NAME)}") from None

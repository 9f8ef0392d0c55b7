"""The table contract as pandera schemas, and the checks of a loaded plan.

The schemas are generated from :data:`xindu_plan.tables.TABLES`, the same
definitions ``datapackage.json`` is written from, so the two cannot drift.
:func:`validate_plan` checks the same constraints over plain rows
(:func:`xindu_plan.rules.table_problems`, which the tests hold to pandera's
verdicts), so neither :func:`xindu_plan.load` nor ``load(validate=True)`` imports pandera.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from ._values import plain_records
from .errors import NotFoundError, ValidationError
from .rules import problems_message
from .tables import PANDAS_DTYPES, TABLES, Table

if TYPE_CHECKING:
    from pathlib import Path

    import pandera.pandas as pa

    from .plan import Plan
    from .rules import Contents

__all__ = [
    "PANDAS_DTYPES",
    "package_problems",
    "pandera_schema",
    "problems_message",
    "schema",
    "validate_plan",
]


@functools.cache
def pandera_schema(name: str) -> pa.DataFrameSchema:
    """Return the pandera schema of the table called ``name``.

    (:meth:`xindu_plan.tables.Table.schema` is the table's Table Schema descriptor.)

    Raises:
        NotFoundError: no table has that name.

    >>> pandera_schema("targets").columns["value_base"].dtype
    DataType(float64)
    """
    import pandera.pandas as pa

    table = next((t for t in TABLES if t.name == name), None)
    if table is None:
        raise NotFoundError(f"no table named {name!r}")
    built: pa.DataFrameSchema = _schema(table, pa)
    return built


def _schema(table: Table, pa: Any) -> Any:
    columns = {}
    for f in table.fields:
        checks = []
        if f.enum is not None:
            checks.append(pa.Check.isin(list(f.enum)))
        if f.minimum is not None:
            checks.append(pa.Check.ge(f.minimum))
        if f.pattern is not None:
            checks.append(pa.Check.str_matches(f"(?:{f.pattern})$"))
        columns[f.name] = pa.Column(
            f.pandas_dtype, checks=checks, nullable=not f.required, unique=f.unique, description=f.description
        )
    return pa.DataFrameSchema(
        columns,
        strict=True,
        ordered=True,
        name=table.name,
        unique=list(table.primary_key) if len(table.primary_key) > 1 else None,
        description=table.description,
    )


def package_problems(plan: Plan) -> list[str]:
    """Return every package-level rule a loaded plan breaks (frictionless cannot express these):
    :func:`xindu_plan.rules.package_problems` on its tables' rows.

    Spans read their text, foreign keys resolve, primary keys are unique, mentions
    lie inside their sentences and read their term or name, counts agree.
    """
    from .rules import Contents
    from .rules import package_problems as problems

    tables = {t.name: plain_records(getattr(plan, t.name)) for t in TABLES}
    return problems(Contents(tables, plan.text, plan.raw, plan.descriptor))


def validate_plan(plan: Plan, root: Path | None = None, found: Contents | None = None) -> None:
    """Check every table against its contract, then (given the package folder ``root``)
    re-derive every file from its source and curation files (:mod:`xindu_plan.rederive`),
    then check the package-level rules.

    The contract is checked on ``found``, the rows the plan was read from by
    :func:`xindu_plan.load` from the files its descriptor lists (by default its
    DataFrames' rows), with :func:`xindu_plan.rules.table_problems`: the
    constraints of :func:`pandera_schema`, without importing pandera; each
    DataFrame's columns and dtypes are compared with the contract's.

    Raises:
        ValidationError: naming the file and the failing rows (and column).
    """
    from .rules import Contents, contract_problems
    from .rules import package_problems as row_problems

    for table in TABLES:
        frame = plan.tables[table.name]
        dtypes = {str(k): _family(v) for k, v in frame.dtypes.items()}
        expected = {f.name: _family(f.pandas_dtype) for f in table.fields}
        if list(frame.columns) != table.columns or dtypes != expected:
            wrong = sorted(k for k in dtypes.keys() | expected.keys() if dtypes.get(k) != expected.get(k))
            raise ValidationError(f"{table.file}: column {', '.join(wrong)} is not of the type the contract says")
    published = found is not None  # read from the files the descriptor lists, as load() does
    if found is None:
        found = Contents(
            {t.name: plain_records(plan.tables[t.name]) for t in TABLES}, plan.text, plan.raw, plan.descriptor
        )
    if problems := contract_problems(found):
        raise ValidationError(problems_message(problems))
    if root is not None:
        from .rederive import rederivation_problems

        if problems := rederivation_problems(plan, root, as_published=published):
            raise ValidationError(problems_message(problems))
    if problems := row_problems(found):
        raise ValidationError(problems_message(problems))


def _family(dtype: Any) -> str:
    """A dtype's name without its unit (``datetime64[us]`` → ``datetime64``), as pandera compares dates."""
    return str(dtype).split("[", 1)[0]


def schema(name: str) -> pa.DataFrameSchema:
    """Deprecated name of :func:`pandera_schema` (``Table.schema()`` is the Table Schema descriptor)."""
    import warnings

    warnings.warn("schemas.schema() is now schemas.pandera_schema()", DeprecationWarning, stacklevel=2)
    return pandera_schema(name)

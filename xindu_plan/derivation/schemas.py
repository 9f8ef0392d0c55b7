"""The table contract as pandera schemas, and the checks of a loaded plan.

The schemas are generated from :data:`xindu_plan.base.tables.TABLES`, the same
definitions ``datapackage.json`` is written from, so the two cannot drift.
pandera is imported only here, off the default :func:`xindu_plan.load` path.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from xindu_plan.base.errors import NotFoundError, ValidationError
from xindu_plan.base.tables import PANDAS_DTYPES, TABLES, Table
from xindu_plan.base.values import plain_records, row_dicts
from xindu_plan.dataset.rules import problems_message

if TYPE_CHECKING:
    from pathlib import Path

    import pandera.pandas as pa

    from xindu_plan.dataset.plan import Plan
    from xindu_plan.dataset.rules import Contents

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

    (:meth:`xindu_plan.base.tables.Table.schema` is the table's Table Schema descriptor.)

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
    :func:`xindu_plan.dataset.rules.package_problems` on its tables' rows.

    Spans read their text, foreign keys resolve, primary keys are unique, mentions
    lie inside their sentences and read their term or name, counts agree.
    """
    from xindu_plan.dataset.rules import package_problems as problems

    return problems(_contents(plan))


def _contents(plan: Plan) -> Contents:
    """A loaded plan's tables as the rows the package rules read."""
    from xindu_plan.dataset.rules import Contents

    return Contents({t.name: plain_records(plan.tables[t.name]) for t in TABLES}, plan.text, plan.raw, plan.descriptor)


def validate_plan(plan: Plan, root: Path | None = None, found: Contents | None = None) -> None:
    """Validate every table with its pandera schema, then (given the package folder
    ``root``) re-derive every file from its source and curation files
    (:mod:`xindu_plan.derivation.rederive`), then check the package-level rules (on ``found``,
    the rows the plan was read from by :func:`xindu_plan.load`, when given).

    Raises:
        ValidationError: naming the file and the failing rows (and column).
    """
    import pandera.errors as pe

    from xindu_plan.dataset.rules import package_problems as row_problems

    for table in TABLES:
        frame = plan.tables[table.name]
        try:
            pandera_schema(table.name).validate(frame, lazy=True)
        except pe.SchemaErrors as err:
            cases = row_dicts(err.failure_cases.head(5))
            detail = "; ".join(
                f"column {c.get('column')} check {c.get('check')} at row {c.get('index')} ({c.get('failure_case')})"
                for c in cases
            )
            raise ValidationError(f"{table.file}: {detail}") from None
        except pe.SchemaError as err:
            raise ValidationError(f"{table.file}: {err}") from None
    published = found is not None  # read from the files the descriptor lists, as load() does
    if found is None:
        found = _contents(plan)
    if root is not None:
        from xindu_plan.derivation.rederive import rederivation_problems

        if problems := rederivation_problems(plan, root, as_published=published):
            raise ValidationError(problems_message(problems))
    if problems := row_problems(found):
        raise ValidationError(problems_message(problems))


def schema(name: str) -> pa.DataFrameSchema:
    """Deprecated name of :func:`pandera_schema` (``Table.schema()`` is the Table Schema descriptor)."""
    import warnings

    warnings.warn("schemas.schema() is now schemas.pandera_schema()", DeprecationWarning, stacklevel=2)
    return pandera_schema(name)

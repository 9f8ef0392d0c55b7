"""The table contract as pandera schemas, and the package-level checks.

The schemas are generated from :data:`xindu_plan.tables.TABLES`, the same
definitions ``datapackage.json`` is written from, so the two cannot drift.
pandera is imported only here, off the default :func:`xindu_plan.load` path.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import TYPE_CHECKING, Any

from ._digest import sha256
from ._values import is_missing, row_dicts, rows
from .coding import published_problems
from .errors import NotFoundError, ValidationError
from .tables import PANDAS_DTYPES, TABLES, Table

if TYPE_CHECKING:
    from pathlib import Path

    import pandera.pandas as pa

    from .plan import Plan

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


def _natural(value: Any) -> tuple[tuple[int, int | str], ...]:
    """Sort key reading digit runs as numbers (P05.2 before P05.10)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.findall(r"\d+|\D+", str(value)))


def package_problems(plan: Plan) -> list[str]:
    """Return every package-level rule the plan breaks (frictionless cannot express these).

    Spans read their text, foreign keys resolve, primary keys are unique, mentions
    lie inside their sentences and read their term or name, counts agree.
    """
    problems = derivation_problems(plan)  # first: they name the cause, the rest its effects
    text = plan.text
    keys = {t.name: t for t in TABLES}
    for name, frame in plan.tables.items():
        table = keys[name]
        if {"start", "end", "text"} <= set(frame.columns):
            for row in rows(frame):
                if text[row.start : row.end] != row.text:
                    problems.append(
                        f"{table.file}: row {row[0]} differs from data/text/article.txt at [{row.start}, {row.end})"
                    )
        for fk in table.foreign_keys:
            ref = plan.tables[fk.resource][list(fk.reference)].astype(object)
            ref_keys = set(map(tuple, ref.to_numpy().tolist()))
            values = map(tuple, frame[list(fk.fields)].astype(object).to_numpy().tolist())
            for number, row in enumerate(values, start=1):
                if not any(is_missing(v) for v in row) and row not in ref_keys:
                    problems.append(
                        f"{table.file}: row {number}: {', '.join(fk.fields)} {row} is not in {keys[fk.resource].file}"
                    )
        pk = frame[list(table.primary_key)]
        sort_keys = [tuple(_natural(v) for v in key) for key in map(tuple, pk.astype(object).to_numpy().tolist())]
        for number, (before, after) in enumerate(itertools.pairwise(sort_keys), start=2):
            if after < before:
                problems.append(
                    f"{table.file}: row {number} is out of primary-key order ({', '.join(table.primary_key)})"
                )
                break
        if pk.duplicated().any():
            problems.append(
                f"{table.file}: primary key {pk[pk.duplicated()].astype(object).iloc[0].tolist()} is duplicated"
            )
    sentences = {r.sentence_id: (r.start, r.end) for r in rows(plan.sentences)}
    for name in ("term_mentions", "entity_mentions"):
        for row in rows(plan.tables[name]):
            bounds = sentences.get(row.sentence_id)
            if bounds is None or not (bounds[0] <= row.start and row.end <= bounds[1]):
                problems.append(
                    f"{keys[name].file}: row {row[0]} occurrence {row.occurrence} lies outside "
                    f"sentence {row.sentence_id}"
                )
    for name, mentions, key in (("terms", "term_mentions", "term_id"), ("entities", "entity_mentions", "entity_id")):
        counts = plan.tables[mentions][key].value_counts()
        for row in rows(plan.tables[name]):
            found = int(counts.get(getattr(row, key), 0))
            if found != row.mentions:
                problems.append(
                    f"{keys[name].file}: {getattr(row, key)} says {row.mentions} mentions, {keys[mentions].file} "
                    f"has {found}"
                )
    terms = dict(zip(plan.terms["term_id"], plan.terms["term"], strict=True))
    for row in rows(plan.term_mentions):
        if text[row.start : row.end] != terms.get(row.term_id):
            problems.append(f"data/term_mentions.csv: {row.term_id} occurrence {row.occurrence} does not read its term")
    for row in rows(plan.entity_mentions):
        if text[row.start : row.end] != row.surface:
            problems.append(
                f"data/entity_mentions.csv: {row.entity_id} occurrence {row.occurrence} does not read {row.surface!r}"
            )
    for row in rows(plan.targets):
        if text[row.indicator_start : row.indicator_end] != row.indicator or not (
            row.start <= row.number_start < row.end
        ):
            problems.append(f"data/targets.csv: {row.target_id} spans do not read its indicator and number")
    problems.extend(published_problems(plan))
    if len(plan.sections) != 6 or len(plan.measures) != 21:
        problems.append(
            f"data/measures.csv: {len(plan.measures)} measures in {len(plan.sections)} sections, the text has 21 in 6"
        )
    doc = plan.document.iloc[0]
    if text[int(doc["author_start"]) : int(doc["author_end"])] != doc["author"]:
        problems.append("data/document.csv: author does not read the byline span")
    return problems


def derivation_problems(plan: Plan) -> list[str]:
    """Return what no longer follows from the raw copy the way ``xindu-plan build`` derives it.

    The restored text is the raw copy restored with the ``repairs`` table's rules;
    the hashes in ``document`` are those of the two texts; every annotation of the
    copy, every quoted expression and every numeric target of the text has its row;
    paragraphs are the lines of the text and their sentences tile them; ``topics``
    holds the CAP major topics. A file edited (and re-hashed) by hand fails here.
    """
    from .quantities import Frame, find_quantities
    from .reader import QUOTE
    from .tables import CAP_CODES
    from .text import find_annotations

    problems: list[str] = []
    text, raw = plan.text, plan.raw
    doc = plan.document.iloc[0]
    if sha256(raw) != doc["raw_sha256"]:
        source = next((r["path"] for r in plan.descriptor["resources"] if r.get("name") == "source"), "source")
        problems.append(f"{source}: sha256 differs from raw_sha256 in data/document.csv")
    if sha256(text) != doc["text_sha256"]:
        problems.append("data/text/article.txt: sha256 differs from text_sha256 in data/document.csv")
    restoration = plan.restoration
    if restoration.text != text:
        at = next((i for i, (a, b) in enumerate(zip(restoration.text, text, strict=False)) if a != b), len(text))
        problems.append(
            f"data/text/article.txt: differs from the raw copy restored with data/repairs.csv at character {at}"
        )
    if len(restoration.repairs) != len(plan.repairs):
        problems.append(f"data/repairs.csv: {len(plan.repairs)} rows, the rules apply {len(restoration.repairs)} times")
    found = [a.raw_start for a in find_annotations(raw)]
    if found != plan.annotations["raw_start"].tolist():
        problems.append(
            f"data/annotations.csv: {len(plan.annotations)} rows, the raw copy has {len(found)} annotations"
        )
    quoted = sorted({m.group(1) for m in QUOTE.finditer(text)})
    if quoted != sorted(plan.terms["term"]):
        problems.append(f"data/terms.csv: {len(plan.terms)} terms, the text quotes {len(quoted)} distinct expressions")
    year = int(doc["plan_year"])
    spans = [(q.start, q.end) for q in find_quantities(text, year, Frame("year", year, year)) if q.kind == "target"]
    if spans != list(zip(plan.targets["start"].tolist(), plan.targets["end"].tolist(), strict=True)):
        problems.append(f"data/targets.csv: {len(plan.targets)} rows, the text states {len(spans)} targets")
    if len(text.split("\n")) != len(plan.paragraphs):
        problems.append(
            f"data/paragraphs.csv: {len(plan.paragraphs)} rows, the text has {len(text.split(chr(10)))} lines"
        )
    ends = dict(zip(plan.paragraphs["paragraph_id"], plan.paragraphs["start"], strict=True))
    for row in rows(plan.sentences):
        expected = ends.get(row.paragraph_id)
        if expected is not None and row.start != expected:
            problems.append(f"data/sentences.csv: {row.sentence_id} does not follow on from the sentence before it")
            break
        ends[row.paragraph_id] = row.end
    for p in rows(plan.paragraphs):
        if ends.get(p.paragraph_id) != p.end:
            problems.append(f"data/sentences.csv: the sentences of {p.paragraph_id} do not reach its end")
            break
    if sorted(plan.topics["cap_code"].tolist()) != list(CAP_CODES):
        problems.append(f"data/topics.csv: {len(plan.topics)} rows, the CAP codebook has {len(CAP_CODES)} major topics")
    return problems


def validate_plan(plan: Plan, root: Path | None = None) -> None:
    """Validate every table with its pandera schema, then (given the package folder
    ``root``) re-derive every file from its source and curation files
    (:mod:`xindu_plan.rederive`), then check the package-level rules.

    Raises:
        ValidationError: naming the file and the failing rows (and column).
    """
    import pandera.errors as pe

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
    if root is not None:
        from .rederive import rederivation_problems

        if problems := rederivation_problems(plan, root):
            raise ValidationError(problems_message(problems))
    problems = package_problems(plan)
    if problems:
        raise ValidationError(problems_message(problems))


def problems_message(problems: list[str]) -> str:
    """Join the first five problems into one message, counting the rest."""
    return "; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else "")


def schema(name: str) -> pa.DataFrameSchema:
    """Deprecated name of :func:`pandera_schema` (``Table.schema()`` is the Table Schema descriptor)."""
    import warnings

    warnings.warn("schemas.schema() is now schemas.pandera_schema()", DeprecationWarning, stacklevel=2)
    return pandera_schema(name)

"""Frozen dataclasses for typed access to the rows of the plan's tables.

Each record is built from its table's row *by field name*, every value converted
by the type the table contract (:mod:`xindu_plan.base.tables`) gives its column, so a
record cannot silently take the value of another column. Records navigate to each
other through the plan they came from (``section.measures``, ``measure.targets``,
``entity.mentions``).

The record of the ``document`` table is :class:`Article` (the source article), so
that :class:`xindu_plan.Document` names one thing: a parsed document.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from xindu_plan.base.errors import NotFoundError, XinduPlanError
from xindu_plan.base.tables import Table, table
from xindu_plan.base.values import is_missing, row_dicts

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Article",
    "Entity",
    "Measure",
    "Mention",
    "Records",
    "Registry",
    "Section",
    "Sentence",
    "Target",
    "Term",
    "record",
]


class _Plan(Protocol):
    """What a record needs of the plan it came from."""

    @property
    def records(self) -> Records: ...

    def mentions(self, kind: str, key: str) -> tuple[Mention, ...]: ...


@dataclass(frozen=True, slots=True)
class Article:
    """The source article: the one row of the ``document`` table."""

    document_id: str
    title: str
    author: str
    author_pinyin: str
    author_office: str
    jurisdiction: str
    jurisdiction_code: str
    plan_period_start: int
    plan_period_end: int
    plan_year: int
    date_earliest: str
    date_latest: str
    date_evidence: str
    raw_sha256: str
    text_sha256: str


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a term or entity, with its spans."""

    key: str
    occurrence: int
    surface: str
    sentence_id: str
    start: int
    end: int
    raw_start: int
    raw_end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its topic and spans."""

    sentence_id: str
    paragraph_id: str
    section_id: str | None
    measure_id: str | None
    text: str
    cap_code: int | None
    start: int
    end: int
    raw_start: int
    raw_end: int
    cap_subtopic: int | None = None
    translation_en: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """One of the six pillars."""

    section_id: str
    order: int
    theme: str
    heading: str
    aim: str
    gloss_en: str
    start: int
    end: int
    _plan: _Plan = field(repr=False, compare=False)

    @property
    def measures(self) -> tuple[Measure, ...]:
        """The measures of the pillar, in order."""
        return tuple(m for m in self._plan.records.measures if m.section_id == self.section_id)


@dataclass(frozen=True, slots=True)
class Measure:
    """One of the 21 measures."""

    measure_id: str
    section_id: str
    order: int
    lead: str
    body: str
    gloss_en: str
    start: int
    end: int
    _plan: _Plan = field(repr=False, compare=False)

    @property
    def section(self) -> Section:
        """The pillar of the measure."""
        return self._plan.records.sections.lookup(self.section_id)

    @property
    def targets(self) -> tuple[Target, ...]:
        """The numeric targets of the measure."""
        return tuple(t for t in self._plan.records.targets if t.measure_id == self.measure_id)

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """The sentences of the measure."""
        return tuple(s for s in self._plan.records.sentences if s.measure_id == self.measure_id)


@dataclass(frozen=True, slots=True)
class Target:
    """A numeric target."""

    target_id: str
    measure_id: str
    sentence_id: str
    indicator: str
    number: str
    value: float
    unit: str
    value_base: float
    base_unit: str
    comparator: str | None
    change: str | None
    hedge: str | None
    period: str | None
    gloss_en: str
    start: int
    end: int
    _plan: _Plan = field(repr=False, compare=False)

    @property
    def measure(self) -> Measure:
        """The measure the target is in."""
        return self._plan.records.measures.lookup(self.measure_id)


@dataclass(frozen=True, slots=True)
class Term:
    """A quoted term."""

    term_id: str
    term: str
    kind: str
    gloss_en: str
    _plan: _Plan = field(repr=False, compare=False)

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """Every occurrence of the term."""
        return self._plan.mentions("term", self.term_id)


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity."""

    entity_id: str
    name: str
    type: str
    name_pinyin: str
    name_en: str
    _plan: _Plan = field(repr=False, compare=False)

    @property
    def mentions(self) -> tuple[Mention, ...]:
        """Every occurrence of the entity."""
        return self._plan.mentions("entity", self.entity_id)


R = TypeVar("R")


class Registry(Generic[R]):
    """Records of one kind, looked up by id or by another key (pycountry style).

    ``get`` returns a default when nothing matches; ``lookup`` raises
    :class:`LookupError` naming the key.
    """

    def __init__(self, kind: str, records: tuple[R, ...], keys: Callable[[R], tuple[object, ...]]) -> None:
        self._kind = kind
        self._records = records
        self._index: dict[object, R] = {}
        for record in records:
            for key in keys(record):
                self._index.setdefault(key, record)

    def __iter__(self) -> Iterator[R]:
        return iter(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __repr__(self) -> str:
        return f"<Registry of {len(self._records)} {self._kind}s>"

    def get(self, key: object, default: R | None = None) -> R | None:
        """Return the record for ``key``, or ``default``."""
        try:
            return self._index.get(key, default)
        except TypeError:  # an unhashable key matches nothing
            return default

    def lookup(self, key: object) -> R:
        """Return the record for ``key``.

        Raises:
            NotFoundError: no record has that key (a :class:`LookupError`).
        """
        found = self.get(key)
        if found is None:
            raise NotFoundError(f"no {self._kind} with key {key!r}")
        return found


def _date(value: Any) -> str:
    return str(value.date().isoformat()) if hasattr(value, "date") else str(value)


#: Table Schema type → the Python type a record holds.
_CONVERT: dict[str, Callable[[Any], Any]] = {
    "string": str,
    "integer": int,
    "number": float,
    "boolean": bool,
    "date": _date,
}

T = TypeVar("T")


def record(cls: type[T], source: Table, row: Mapping[str, Any], **given: Any) -> T:
    """Build a record of type ``cls`` from a table row, each field by its name.

    Every field not ``given`` is read from the column of the same name and converted
    by the column's type in the contract; a missing cell becomes ``None``.

    Raises:
        XinduPlanError: a field of ``cls`` is not a column of the table.

    >>> from xindu_plan.base.tables import table
    >>> record(Term, table("terms"), {"term_id": "Q01", "term": "十四五", "kind": "plan_period", "gloss_en": "x"},
    ...        _plan=None).term
    '十四五'
    """
    types = {f.name: f.type for f in source.fields}
    values = dict(given)
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in given:
            continue
        if f.name not in types:
            raise XinduPlanError(f"record {cls.__name__}: field {f.name} is not a column of table {source.name}")
        cell = row[f.name]
        values[f.name] = None if is_missing(cell) else _CONVERT[types[f.name]](cell)
    return cls(**values)


class Records:
    """Typed records of the plan, one :class:`Registry` per kind, built once from its tables."""

    def __init__(self, plan: _Plan, tables: Mapping[str, pd.DataFrame]) -> None:
        def rows(name: str) -> list[dict[str, Any]]:
            return row_dicts(tables[name])

        def build(cls: type[T], name: str) -> tuple[T, ...]:
            return tuple(record(cls, table(name), r, _plan=plan) for r in rows(name))

        self.document: Article = record(Article, table("document"), rows("document")[0])
        self.sections: Registry[Section] = Registry(
            "section", build(Section, "sections"), lambda s: (s.section_id, s.order, s.theme)
        )
        self.measures: Registry[Measure] = Registry(
            "measure", build(Measure, "measures"), lambda m: (m.measure_id, int(m.measure_id[1:]), m.lead)
        )
        self.targets: Registry[Target] = Registry(
            "target", build(Target, "targets"), lambda t: (t.target_id, t.indicator)
        )
        self.terms: Registry[Term] = Registry("term", build(Term, "terms"), lambda t: (t.term_id, t.term))
        self.entities: Registry[Entity] = Registry(
            "entity", build(Entity, "entities"), lambda e: (e.entity_id, e.name, e.name_en)
        )
        self.sentences: Registry[Sentence] = Registry(
            "sentence",
            tuple(record(Sentence, table("sentences"), r) for r in rows("sentences")),
            lambda s: (s.sentence_id,),
        )


def __getattr__(name: str) -> Any:
    if name == "Document":
        warnings.warn(
            "xindu_plan.dataset.records.Document is now xindu_plan.dataset.records.Article "
            "(xindu_plan.Document is a parsed document)",
            DeprecationWarning,
            stacklevel=2,
        )
        return Article
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Frozen dataclasses for typed access to the rows of the plan's tables.

Records navigate to each other through the :class:`~xindu_plan.plan.Plan` they
came from (``section.measures``, ``measure.targets``, ``entity.mentions``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from .plan import Plan

__all__ = [
    "Document",
    "Entity",
    "Measure",
    "Mention",
    "Registry",
    "Section",
    "Sentence",
    "Target",
    "Term",
]


@dataclass(frozen=True, slots=True)
class Document:
    """The source article."""

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
    _plan: Plan = field(repr=False, compare=False)

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
    _plan: Plan = field(repr=False, compare=False)

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
        return tuple(s for s in self._plan.sentence_records() if s.measure_id == self.measure_id)


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
    _plan: Plan = field(repr=False, compare=False)

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
    _plan: Plan = field(repr=False, compare=False)

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
    _plan: Plan = field(repr=False, compare=False)

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
            LookupError: no record has that key.
        """
        found = self.get(key)
        if found is None:
            raise LookupError(f"no {self._kind} with key {key!r}")
        return found

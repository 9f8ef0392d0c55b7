"""``load()`` → :class:`Plan`: tables, records, lookups, search and quotation.

>>> plan = load()
>>> plan.section(1).theme
'协同共兴'
>>> plan.measure("M02").targets[0].value_base
15.0
>>> plan.search("疫情防控")["sentence_id"].tolist()
['P33.1', 'P33.2']
>>> plan.search("慎終如始")["measure_id"].tolist()
['M19']
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from xindu_plan.base.errors import NotFoundError, SearchError, SpanError, ValidationError
from xindu_plan.base.hooks import validator
from xindu_plan.base.resources import package_root
from xindu_plan.base.tables import table
from xindu_plan.base.values import row_dicts
from xindu_plan.chinese.text import OffsetMap, Restoration
from xindu_plan.dataset.package import content_hash, descriptor, read_table, verify_file
from xindu_plan.dataset.rules import gather
from xindu_plan.reading.curation import repair_rules

if TYPE_CHECKING:
    import pandas as pd

    from xindu_plan.dataset.records import Entity, Measure, Mention, Records, Section, Sentence, Target, Term

__all__ = ["Plan", "Quote", "SearchError", "assemble", "load"]


@dataclass(frozen=True, slots=True)
class Quote:
    """An exact span of the restored text with a short citation."""

    text: str
    start: int
    end: int
    raw_start: int
    raw_end: int
    citation: str

    def __str__(self) -> str:
        return f"“{self.text}” ({self.citation})"


class Plan:
    """The Xindu plan: one DataFrame per table, typed records, search and quotation.

    Attributes:
        version: the dataset version.
        content_hash: one sha256 over every published file.
        text: the restored text.
        raw: the raw copy as received.
        records: typed records (:class:`~xindu_plan.dataset.records.Records`); the source
            article's record is ``plan.records.document`` (an :class:`~xindu_plan.dataset.records.Article`).

    Every table is a DataFrame attribute named after it (``plan.document``,
    ``plan.measures`` …) and in ``plan.tables``; records are reached through
    ``plan.records`` and the lookups (``plan.section(…)``, ``plan.measure(…)`` …).
    """

    document: pd.DataFrame
    paragraphs: pd.DataFrame
    sections: pd.DataFrame
    measures: pd.DataFrame
    topics: pd.DataFrame
    subtopics: pd.DataFrame
    sentences: pd.DataFrame
    topic_codings: pd.DataFrame
    topic_heldout_codings: pd.DataFrame
    topic_agreement: pd.DataFrame
    targets: pd.DataFrame
    terms: pd.DataFrame
    term_mentions: pd.DataFrame
    entities: pd.DataFrame
    entity_mentions: pd.DataFrame
    annotations: pd.DataFrame
    repairs: pd.DataFrame

    def __init__(self, tables: dict[str, pd.DataFrame], text: str, raw: str, desc: dict[str, Any]) -> None:
        self.version: str = str(desc["version"])
        self.content_hash: str = content_hash(desc)
        self.descriptor = desc
        self.text = text
        self.raw = raw
        self.tables = tables
        for name, frame in tables.items():
            setattr(self, name, frame)

    def __repr__(self) -> str:
        return (
            f"<Plan {self.records.document.document_id} v{self.version}: {len(self.sections)} sections, "
            f"{len(self.measures)} measures, {len(self.targets)} targets>"
        )

    @functools.cached_property
    def restoration(self) -> Restoration:
        """The raw copy restored with the rules of the loaded ``repairs`` table, computed once."""
        from xindu_plan.chinese.text import restore

        return restore(self.raw, repair_rules(row_dicts(self.repairs.astype(object))))

    @property
    def offsets(self) -> OffsetMap:
        """The offset map from the restored text to the raw copy."""
        return self.restoration.offsets

    @functools.cached_property
    def records(self) -> Records:
        """Typed records, built on first use."""
        from xindu_plan.dataset.records import Records  # deferred: load() needs none

        return Records(self, self.tables)

    def section(self, key: object) -> Section:
        """Return a pillar by id (``"S1"``), order (``1``) or theme (``"协同共兴"``); raise NotFoundError."""
        return self.records.sections.lookup(key)

    def measure(self, key: object) -> Measure:
        """Return a measure by id (``"M01"``), number (``1``) or lead phrase; raise NotFoundError."""
        return self.records.measures.lookup(key)

    def target(self, key: object) -> Target:
        """Return a target by id (``"T1"``) or indicator; raise NotFoundError."""
        return self.records.targets.lookup(key)

    def term(self, key: object) -> Term:
        """Return a quoted term by id or as written; raise NotFoundError."""
        return self.records.terms.lookup(key)

    def entity(self, key: object) -> Entity:
        """Return an entity by id, Chinese name or English name; raise NotFoundError."""
        return self.records.entities.lookup(key)

    def sentence_records(self) -> tuple[Sentence, ...]:
        """Every sentence as a record (``plan.records.sentences`` as a tuple)."""
        return tuple(self.records.sentences)

    def mentions(self, kind: str, key: object) -> tuple[Mention, ...]:
        """Return the mentions of a term (``kind="term"``) or an entity (``"entity"``).

        ``key`` is any key :meth:`term` or :meth:`entity` accepts: an id (Q03), the
        term as written (双循环), an entity's Chinese or English name.

        Raises:
            NotFoundError: ``kind`` is neither "term" nor "entity", or no term or entity
                has that key (a ``LookupError``).
        """
        if kind not in ("term", "entity"):
            raise NotFoundError(f"kind must be 'term' or 'entity', not {kind!r}")
        from xindu_plan.dataset.records import Mention, record

        key = self.term(key).term_id if kind == "term" else self.entity(key).entity_id
        frame = self.term_mentions if kind == "term" else self.entity_mentions
        selected = frame[frame[f"{kind}_id"] == key]
        source = table(f"{kind}_mentions")
        return tuple(
            record(Mention, source, r, key=key, surface=self.text[int(r["start"]) : int(r["end"])])
            for r in row_dicts(selected)
        )

    def search(self, query: str) -> pd.DataFrame:
        """Find a word or phrase (Simplified or Traditional, Latin letters in any case) in the sentences.

        The query is converted to Simplified and the reviewed repairs are applied to
        it as to the text (著力 finds the repaired 着力).

        Returns one row per match (:data:`xindu_plan.dataset.search.COLUMNS`): sentence_id,
        measure_id, section_id, the sentence, the match, its ``start``/``end`` and
        ``raw_start``/``raw_end``.

        Raises:
            SearchError: the query is empty or not valid text (a lone surrogate);
                a :class:`ValueError` too.
        """
        import pandas as pd

        from xindu_plan.dataset.search import COLUMNS, find

        sentences = ((s.sentence_id, s.measure_id, s.section_id, s.text, s.start) for s in self.records.sentences)
        return pd.DataFrame(find(query, sentences, self.offsets.to_raw, len(self.text)), columns=list(COLUMNS))

    def quote(self, start: int, end: int) -> Quote:
        """Return the exact text of ``[start, end)`` with a short citation naming the version.

        Raises:
            SpanError: the span is not within the restored text (an :class:`IndexError`).
        """
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(self.text)):
            raise SpanError(f"span [{start}, {end}) is not within the restored text of {len(self.text)} characters")
        raw_start, raw_end = self.offsets.to_raw(start, end)
        doc = self.records.document
        citation = (
            f"{doc.author} ({doc.author_pinyin}), restored text chars {start}–{end}; xindu-plan dataset v{self.version}"
        )
        return Quote(self.text[start:end], start, end, raw_start, raw_end, citation)


def load(validate: bool = False, root: Path | None = None) -> Plan:
    """Load the plan, checking the sha256 of every file against ``datapackage.json``.

    The package-level rules (spans read their text, keys are unique, in order and
    resolve, mentions lie in their sentences, counts agree) are always checked, so
    most files edited and re-hashed by mistake fail here too rather than giving a
    wrong answer. ``validate=True`` proves the rest: it rebuilds every file from
    the source copy and the curation files and compares them cell by cell.

    Args:
        validate: also check every table against its schema (types, required
            cells, allowed values, patterns, unique keys) and re-derive every
            table from ``data/source/`` and ``data/curation/``.
        root: a folder holding ``datapackage.json`` (default: the shipped package).

    Raises:
        IntegrityError: a file is missing or its hash differs; the message names it.
        ValidationError: a package-level rule is broken, or with ``validate=True``
            a table breaks its schema; the message names the file and rows.
    """
    from xindu_plan.dataset.rules import contents, package_problems, problems_message

    root = root or package_root()
    desc = descriptor(root)
    read: dict[str, bytes] = {}

    def verified(resource: dict[str, Any]) -> bytes:
        name = str(resource.get("name"))
        if name not in read:
            read[name] = verify_file(root, resource)
        return read[name]

    found = contents(desc, verified)  # every file read and its hash checked once, without pandas
    if not validate and (problems := package_problems(found)):
        raise ValidationError(problems_message(problems))
    plan = assemble(desc, verified)
    if validate:
        validator()(plan, root, found)  # the derivation layer's check (xindu_plan.base.hooks)
    return plan


def assemble(desc: dict[str, Any], read: Callable[[dict[str, Any]], bytes]) -> Plan:
    """Build a :class:`Plan` from a descriptor and a reader of each resource's bytes.

    ``read`` does the integrity check (:func:`load` reads from disk through
    :func:`~xindu_plan.dataset.package.verify_file`); no package rule is checked here.

    Raises:
        DescriptorError: a table the contract names has no resource.
        ValidationError: a file cannot be read as the contract says.
    """
    tables, text, raw = gather(desc, read, read_table)
    return Plan(tables, text, raw, desc)

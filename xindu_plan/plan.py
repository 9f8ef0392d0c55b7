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

import csv
import functools
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._resources import package_root
from ._values import is_missing, records, rows
from .errors import DescriptorError, ValidationError, XinduPlanError
from .integrity import content_hash, descriptor, verify_file
from .records import Document, Entity, Measure, Mention, Registry, Section, Sentence, Target, Term
from .tables import TABLES, Table
from .text import OffsetMap, Repair, Restoration

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Plan", "Quote", "Records", "SearchError", "assemble", "curated_repairs", "load"]


def _dtype(table: Table) -> dict[str, str]:
    # dates are read as strings and parsed below, with their format
    return {f.name: "string" if f.type == "date" else f.pandas_dtype for f in table.fields}


def _read_table(table: Table, data: bytes) -> pd.DataFrame:
    import pandas as pd

    frame = pd.read_csv(
        io.BytesIO(data),
        dtype=_dtype(table),
        keep_default_na=False,
        na_values=[""],
        true_values=["true"],
        false_values=["false"],
        encoding="utf-8",
    )
    if list(frame.columns) != table.columns:
        raise XinduPlanError(f"{table.file}: columns are {list(frame.columns)}, the contract says {table.columns}")
    for f in table.fields:
        if f.type == "date":
            frame[f.name] = pd.to_datetime(frame[f.name], format="%Y-%m-%d")
    return frame


class SearchError(XinduPlanError, ValueError):
    """A search query cannot be used (it is empty, or not valid text)."""


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


class Records:
    """Typed records of the plan, one :class:`Registry` per kind."""

    def __init__(self, plan: Plan) -> None:
        def rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [{k: (None if is_missing(v) else v) for k, v in row.items()} for row in records(frame)]

        d = plan.document.iloc[0]
        self.document: Document = Document(
            d["document_id"],
            d["title"],
            d["author"],
            d["author_pinyin"],
            d["author_office"],
            d["jurisdiction"],
            d["jurisdiction_code"],
            int(d["plan_period_start"]),
            int(d["plan_period_end"]),
            int(d["plan_year"]),
            d["date_earliest"].date().isoformat(),
            d["date_latest"].date().isoformat(),
            d["date_evidence"],
            d["raw_sha256"],
            d["text_sha256"],
        )
        self.sections: Registry[Section] = Registry(
            "section",
            tuple(
                Section(
                    r["section_id"],
                    int(r["order"]),
                    r["theme"],
                    r["heading"],
                    r["aim"],
                    r["gloss_en"],
                    int(r["start"]),
                    int(r["end"]),
                    plan,
                )
                for r in rows(plan.sections)
            ),
            lambda s: (s.section_id, s.order, s.theme),
        )
        self.measures: Registry[Measure] = Registry(
            "measure",
            tuple(
                Measure(
                    r["measure_id"],
                    r["section_id"],
                    int(r["order"]),
                    r["lead"],
                    r["body"],
                    r["gloss_en"],
                    int(r["start"]),
                    int(r["end"]),
                    plan,
                )
                for r in rows(plan.measures)
            ),
            lambda m: (m.measure_id, int(m.measure_id[1:]), m.lead),
        )
        self.targets: Registry[Target] = Registry(
            "target",
            tuple(
                Target(
                    r["target_id"],
                    r["measure_id"],
                    r["sentence_id"],
                    r["indicator"],
                    r["number"],
                    float(r["value"]),
                    r["unit"],
                    float(r["value_base"]),
                    r["base_unit"],
                    r["comparator"],
                    r["change"],
                    r["hedge"],
                    r["period"],
                    r["gloss_en"],
                    int(r["start"]),
                    int(r["end"]),
                    plan,
                )
                for r in rows(plan.targets)
            ),
            lambda t: (t.target_id, t.indicator),
        )
        self.terms: Registry[Term] = Registry(
            "term",
            tuple(Term(r["term_id"], r["term"], r["kind"], r["gloss_en"], plan) for r in rows(plan.terms)),
            lambda t: (t.term_id, t.term),
        )
        self.entities: Registry[Entity] = Registry(
            "entity",
            tuple(
                Entity(r["entity_id"], r["name"], r["type"], r["name_pinyin"], r["name_en"], plan)
                for r in rows(plan.entities)
            ),
            lambda e: (e.entity_id, e.name, e.name_en),
        )


class Plan:
    """The Xindu plan: one DataFrame per table, typed records, search and quotation.

    Attributes:
        version: the dataset version.
        content_hash: one sha256 over every published file.
        text: the restored text.
        raw: the raw copy as received.
        records: typed records (:class:`Records`); the source article's record is
            ``plan.records.document``.

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
        from .text import restore

        return restore(self.raw, _repair_rules(records(self.repairs.astype(object))))

    @property
    def offsets(self) -> OffsetMap:
        """The offset map from the restored text to the raw copy."""
        return self.restoration.offsets

    @functools.cached_property
    def records(self) -> Records:
        """Typed records, built on first use."""
        return Records(self)

    def section(self, key: object) -> Section:
        """Return a pillar by id (``"S1"``), order (``1``) or theme (``"协同共兴"``); raise LookupError."""
        return self.records.sections.lookup(key)

    def measure(self, key: object) -> Measure:
        """Return a measure by id (``"M01"``), number (``1``) or lead phrase; raise LookupError."""
        return self.records.measures.lookup(key)

    def target(self, key: object) -> Target:
        """Return a target by id (``"T1"``) or indicator; raise LookupError."""
        return self.records.targets.lookup(key)

    def term(self, key: object) -> Term:
        """Return a quoted term by id or as written; raise LookupError."""
        return self.records.terms.lookup(key)

    def entity(self, key: object) -> Entity:
        """Return an entity by id, Chinese name or English name; raise LookupError."""
        return self.records.entities.lookup(key)

    @functools.cache  # noqa: B019 - a Plan lives as long as its records
    def sentence_records(self) -> tuple[Sentence, ...]:
        """Every sentence as a record."""
        return tuple(
            Sentence(
                r.sentence_id,
                r.paragraph_id,
                _str(r.section_id),
                _str(r.measure_id),
                r.text,
                None if is_missing(r.cap_code) else int(r.cap_code),
                int(r.start),
                int(r.end),
                int(r.raw_start),
                int(r.raw_end),
                None if is_missing(r.cap_subtopic) else int(r.cap_subtopic),
                r.translation_en,
            )
            for r in rows(self.sentences)
        )

    def mentions(self, kind: str, key: object) -> tuple[Mention, ...]:
        """Return the mentions of a term (``kind="term"``) or an entity (``"entity"``).

        ``key`` is any key :meth:`term` or :meth:`entity` accepts: an id (Q03), the
        term as written (双循环), an entity's Chinese or English name.

        Raises:
            ValueError: ``kind`` is neither "term" nor "entity".
            LookupError: no term or entity has that key.
        """
        if kind not in ("term", "entity"):
            raise ValueError(f"kind must be 'term' or 'entity', not {kind!r}")
        key = self.term(key).term_id if kind == "term" else self.entity(key).entity_id
        frame = self.term_mentions if kind == "term" else self.entity_mentions
        selected = frame[frame[f"{kind}_id"] == key]
        return tuple(
            Mention(
                key,
                int(r.occurrence),
                self.text[int(r.start) : int(r.end)],
                r.sentence_id,
                int(r.start),
                int(r.end),
                int(r.raw_start),
                int(r.raw_end),
            )
            for r in rows(selected)
        )

    def search(self, query: str) -> pd.DataFrame:
        """Find a word or phrase (Simplified or Traditional, Latin letters in any case) in the sentences.

        The query is converted to Simplified and the reviewed repairs are applied to
        it as to the text (著力 finds the repaired 着力).

        Returns one row per match: sentence_id, measure_id, section_id, the
        sentence, the match's ``start``/``end`` and ``raw_start``/``raw_end``.

        Raises:
            SearchError: the query is empty or not valid text (a lone surrogate);
                a :class:`ValueError` too.
        """
        import pandas as pd

        from .text import to_simplified

        if not isinstance(query, str) or not query.strip():
            raise SearchError("the search query is empty")
        try:
            query.encode("utf-8")
        except UnicodeEncodeError as err:
            raise SearchError(
                f"the search query is not valid text: a lone surrogate {query[err.start]!r} at character {err.start}"
            ) from None
        out = []
        # A query longer than the whole text matches nothing: answered before any conversion.
        needle = to_simplified(query.strip()) if len(query.strip()) <= len(self.text) else ""
        for repair in curated_repairs():  # 著力 (Traditional for the repaired 着力) is found as 着力
            needle = needle.replace(repair.found, repair.replacement)
        needle = needle.translate(_ASCII_LOWER)
        offsets = self.offsets
        for s in self.sentence_records() if needle else ():
            folded = s.text.translate(_ASCII_LOWER)  # Latin letters match in any case: ibm finds IBM
            at = folded.find(needle)
            while at >= 0:
                start, end = s.start + at, s.start + at + len(needle)
                raw_start, raw_end = offsets.to_raw(start, end)
                out.append(
                    {
                        "sentence_id": s.sentence_id,
                        "measure_id": s.measure_id,
                        "section_id": s.section_id,
                        "sentence": s.text,
                        "match": s.text[at : at + len(needle)],
                        "start": start,
                        "end": end,
                        "raw_start": raw_start,
                        "raw_end": raw_end,
                    }
                )
                at = folded.find(needle, at + len(needle))
        return pd.DataFrame(
            out,
            columns=[
                "sentence_id",
                "measure_id",
                "section_id",
                "sentence",
                "match",
                "start",
                "end",
                "raw_start",
                "raw_end",
            ],
        )

    def quote(self, start: int, end: int) -> Quote:
        """Return the exact text of ``[start, end)`` with a short citation naming the version.

        Raises:
            IndexError: the span is not within the restored text.
        """
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(self.text)):
            raise IndexError(f"span [{start}, {end}) is not within the restored text of {len(self.text)} characters")
        raw_start, raw_end = self.offsets.to_raw(start, end)
        doc = self.records.document
        citation = (
            f"{doc.author} ({doc.author_pinyin}), restored text chars {start}–{end}; xindu-plan dataset v{self.version}"
        )
        return Quote(self.text[start:end], start, end, raw_start, raw_end, citation)


def _str(value: Any) -> str | None:
    return None if is_missing(value) else str(value)


def _repair_rules(rows: list[dict[str, str]]) -> tuple[Repair, ...]:
    """The distinct repair rules of rows with repair_id, found, replacement and reason, in order."""
    seen: dict[str, Repair] = {}
    for r in rows:
        seen.setdefault(r["repair_id"], Repair(r["repair_id"], r["found"], r["replacement"], r["reason"]))
    return tuple(seen.values())


@functools.cache
def curated_repairs(root: Path | None = None) -> tuple[Repair, ...]:
    """Return the reviewed repair rules (``data/curation/repairs.csv``, or the published repairs table)."""
    root = root or package_root()
    path = root / "data" / "curation" / "repairs.csv"
    if not path.is_file():
        path = root / "data" / "repairs.csv"
    return _repair_rules(list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))))


def _utf8(path: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ValidationError(f"{path}: not UTF-8 (byte {err.start})") from None


def load(validate: bool = False, root: Path | None = None) -> Plan:
    """Load the plan, checking the sha256 of every file against ``datapackage.json``.

    The package-level rules (spans read their text, keys are unique, in order and
    resolve, mentions lie in their sentences, counts agree) are always checked, so
    most files edited and re-hashed by mistake fail here too rather than giving a
    wrong answer. ``validate=True`` proves the rest: it rebuilds every file from
    the source copy and the curation files and compares them cell by cell.

    Args:
        validate: also run the pandera schema of every table and re-derive every
            table from ``data/source/`` and ``data/curation/`` (about a second).
        root: a folder holding ``datapackage.json`` (default: the shipped package).

    Raises:
        IntegrityError: a file is missing or its hash differs; the message names it.
        ValidationError: a package-level rule is broken, or with ``validate=True``
            a table breaks its schema; the message names the file and rows.
    """
    root = root or package_root()
    plan = assemble(descriptor(root), lambda resource: verify_file(root, resource))
    from .schemas import package_problems, problems_message, validate_plan

    if validate:
        validate_plan(plan, root)
    elif problems := package_problems(plan):
        raise ValidationError(problems_message(problems))
    return plan


def assemble(desc: dict[str, Any], read: Callable[[dict[str, Any]], bytes]) -> Plan:
    """Build a :class:`Plan` from a descriptor and a reader of each resource's bytes.

    ``read`` does the integrity check (:func:`load` reads from disk through
    :func:`~xindu_plan.integrity.verify_file`); no package rule is checked here.

    Raises:
        DescriptorError: a table the contract names has no resource.
        ValidationError: a file cannot be read as the contract says.
    """
    by_name = {r.get("name"): r for r in desc["resources"]}
    missing = [name for name in (*(t.name for t in TABLES), "article", "source") if name not in by_name]
    if missing:
        raise DescriptorError(f"datapackage.json has no resource named {', '.join(map(repr, missing))}")
    tables: dict[str, pd.DataFrame] = {}
    for table in TABLES:
        try:
            tables[table.name] = _read_table(table, read(by_name[table.name]))
        except (ValueError, UnicodeDecodeError) as err:
            raise ValidationError(f"{table.file}: cannot be read as the contract says ({err})") from None
    if len(tables["document"]) != 1:
        raise ValidationError(
            f"data/document.csv: has {len(tables['document'])} rows, the package describes one article"
        )
    text, raw = (_utf8(by_name[name]["path"], read(by_name[name])) for name in ("article", "source"))
    return Plan(tables, text, raw, desc)

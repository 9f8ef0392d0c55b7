"""Compare the Xindu plan with a later plan document, or two documents with each other.

:func:`compare` answers the transmission question for one pair ``a`` → ``b``
(``a`` the earlier text, usually the plan; ``b`` a later outline, proposal or work
report parsed with :func:`xindu_plan.parse`): for each measure of the plan, does
``b`` treat the same policy, and where? It returns a :class:`Comparison` holding
five pandas DataFrames, each declared field by field in :data:`TABLES` (the same
contract mechanism as the plan's own tables, :mod:`xindu_plan.tables`):

``decisions``
    One row per unit of ``a`` (a measure of the plan, or a body paragraph of a
    document): the verdict ``counterpart``, ``partial`` or ``none``, read from the
    coverage of the unit by its best passage in ``b`` (see below), beside the
    coverage the same unit reaches in unrelated text.
``passages``
    For each unit, the ``top`` best passages of ``b``: a body paragraph, or a run
    of sentences of at most :data:`RUN_CHARS` characters inside a paragraph longer
    than :data:`LONG_PARAGRAPH` (the level a scholar cites). Ranked by Okapi BM25
    over whole words (:mod:`xindu_plan.retrieval`): jieba words with the plan's
    terms and names kept whole, generic policy words dropped by a reviewed
    stop-list, weights from a fixed reference so that a word weighs the same in
    every document; the unit's lead phrase counts twice, each national policy
    term of a measure (the concordance ``lexicon/measure_concepts.csv``)
    once, and the passage's heading (the nearest heading above it) as its own words.
``summary``
    For each pillar of ``a`` (a section of the plan; a level-1 heading of a
    document): how many units ``b`` takes up (counterpart, partial, none), the
    share of the pillar's words found in ``b``, and its quoted terms continued.
``terms``
    Every quoted term of either side, counted as a whole word (a term inside a
    longer word, 快发展 in 加快发展, does not count), with its status:
    ``continued``, ``dropped``, ``new`` (quoted in ``b`` only and sharing words
    with ``a``'s units) or ``new_unrelated`` (quoted in ``b`` only and sharing no
    word with them: political formulae and topics ``a`` does not treat).
``targets``
    Pairs of numeric targets that measure the same thing: the same base unit and
    indicators similar by :class:`difflib.SequenceMatcher` ratio (at least
    :data:`PAIR_THRESHOLD`), paired one to one, best first.

**Coverage** (0–1) is the weighted share of the unit's words (weights: count,
lead twice, national terms once, times inverse document frequency in the reference) that the passage
holds: 1 means every word of the measure is there. A coverage is put on a scale by
:mod:`xindu_plan.chance`: its **chance** is how often a State Council work report of
1978–1994 (same genre, before the policies of the plan; :mod:`xindu_plan.calibration`)
as long as ``b`` has a passage covering the unit as much, and **chance_other** the same
among the passages of those reports that treat another unit. The verdict is
``counterpart`` when ``chance_other`` is at most :data:`COUNTERPART_CHANCE` and
``chance`` at most :data:`COUNTERPART_CHANCE_ALL`, ``partial`` when ``chance`` is at
most :data:`PARTIAL_CHANCE`, ``none`` otherwise; and ``none`` whenever the passage
shares only words generic for the genre (in 5% or more of the calibration passages:
企业, 改革, 管理) or no more than unrelated text reaches. The words that carry the
verdict (``evidence_words``) and those the passage lacks (``missing_words``) are
given with it. The rule is stated with its evaluation in the README.

Every table's first column is ``document``, the name of ``b``, so the tables of
many comparisons stack (:func:`compare_many`).

>>> from xindu_plan import load, parse
>>> text = "一、疫情防控\\n抓好常态化疫情防控，健全防控体系，提升检测和收治能力。\\n二、改革\\n深化“放管服”改革。"
>>> later = parse(text, name="later")
>>> result = compare(load(), later)
>>> decided = result.decisions.set_index("unit_id")
>>> decided.loc["M19", ["verdict", "best_passage_id"]].tolist()
['counterpart', 'P02']
>>> decided.loc["M03", "verdict"]
'none'
>>> result.terms.set_index("term").loc["放管服", "status"]
'continued'
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import functools
import itertools
import json
import os
import re
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._atomic import write_atomically
from ._values import is_missing, plain, plain_records, rows
from .chance import GENERIC_SHARE, TAIL_SHARE, Null
from .errors import CompareError
from .reader import Document, parse, read_document, split_sentences
from .retrieval import BM25_B, BM25_K1, Words, concepts, idf, reference_frequencies, score, words
from .tables import Field, Table

if TYPE_CHECKING:
    from concurrent.futures import Executor

    import numpy.typing as npt
    import pandas as pd

    from .plan import Plan

__all__ = [
    "CATEGORICAL",
    "COLUMNS",
    "CONCEPT_WEIGHT",
    "COUNTERPART_CHANCE",
    "COUNTERPART_CHANCE_ALL",
    "HEADING_WEIGHT",
    "LEAD_WEIGHT",
    "LONG_PARAGRAPH",
    "MIN_SHARED_WORDS",
    "PAIR_THRESHOLD",
    "PARTIAL_CHANCE",
    "RUN_CHARS",
    "TABLES",
    "VERDICTS",
    "CompareError",
    "Comparison",
    "compare",
    "compare_many",
    "concat",
    "tokenizer",
]

#: Greatest chance among passages on other policies (``chance_other``) for the verdict ``counterpart``.
COUNTERPART_CHANCE = 0.01
#: Greatest chance among all passages of the calibration reports (``chance``) for ``counterpart``.
COUNTERPART_CHANCE_ALL = 0.5
#: Greatest chance among all passages of the calibration reports (``chance``) for ``partial``.
PARTIAL_CHANCE = 0.05
#: Fewest distinct words the best passage must share with the unit for any verdict but none.
MIN_SHARED_WORDS = 2
#: Least SequenceMatcher ratio of two indicators for their targets to be paired.
PAIR_THRESHOLD = 0.5
#: A paragraph longer than this (in characters) is cut into runs of sentences.
LONG_PARAGRAPH = 400
#: The longest run of sentences a long paragraph is cut into (a longer sentence stands alone).
RUN_CHARS = 200
#: How many times a unit's lead phrase counts in its query.
LEAD_WEIGHT = 2
#: How much each word of a passage's heading counts (a word of the passage counts 1).
HEADING_WEIGHT = 1.0
#: How many times each national policy term of a measure (lexicon/measure_concepts.csv) counts in its query.
CONCEPT_WEIGHT = 1.0
#: The verdicts of a decision, with their meaning.
VERDICTS = {
    "counterpart": (
        f"b's best passage has a chance of at most {COUNTERPART_CHANCE} among calibration passages on other "
        f"policies and of at most {COUNTERPART_CHANCE_ALL} among all of them"
    ),
    "partial": f"b's best passage has a chance of at most {PARTIAL_CHANCE} among all calibration passages",
    "none": (
        f"a higher chance, fewer than {MIN_SHARED_WORDS} shared words, only words generic for the genre, "
        "or no more than unrelated text reaches"
    ),
}
_TOP = 3
_SHOWN_WORDS = 8


def _document() -> Field:
    return Field("document", "string", "Name of the other document (b).")


def _unit() -> tuple[Field, ...]:
    return (
        Field("unit_id", "string", "The unit of a: a measure id of the plan (M01…) or a paragraph id of a document."),
        Field("unit_label", "string", "The unit's lead phrase (a measure's lead; a paragraph's lead or opening)."),
        Field(
            "pillar_id",
            "string",
            "The unit's pillar: a section id of the plan (S1…), or the paragraph id of a document's level-1 heading.",
            required=False,
        ),
    )


_COVERAGE = (
    "Weighted share (0–1) of the unit's words found in the passage: each word weighs its count in the unit "
    "(lead phrase twice; a measure's national policy terms once) times its inverse document frequency in "
    "the reference; 1 = every word."
)

#: The tables of a :class:`Comparison`, declared once: the CSV files, their ``datapackage.json``,
#: :data:`COLUMNS` and the column order of the DataFrames are all generated from these.
TABLES: tuple[Table, ...] = (
    Table(
        "decisions",
        "Decisions",
        "For each unit of a, whether b treats the same policy: counterpart, partial or none.",
        (
            _document(),
            *_unit(),
            Field(
                "verdict", "string", "counterpart, partial or none (see the package description).", enum=tuple(VERDICTS)
            ),
            Field("coverage", "number", "Coverage of the unit by its best passage in b. " + _COVERAGE),
            Field(
                "chance",
                "number",
                "The chance (0–1) that a State Council work report of 1978–1994 as long as b (in passages) has a "
                "passage covering the unit as much as b's best one (xindu_plan.chance; the fourteen reports of "
                "xindu_plan/calibration/): low = beyond what the genre reaches without the policy.",
            ),
            Field(
                "chance_other",
                "number",
                "The same chance among the calibration passages that treat another unit or none (those whose best "
                "unit is a different one).",
            ),
            Field(
                "evidence_words",
                "string",
                "The shared words that carry the verdict: those found in fewer than 5% of the calibration passages "
                "(generic words of the genre such as 企业, 改革 are never evidence), weightiest first, |-separated.",
            ),
            Field(
                "missing_words",
                "string",
                "The unit's weightiest words the best passage lacks, weightiest first, |-separated.",
            ),
            Field(
                "unrelated_coverage",
                "number",
                "The highest coverage of the unit by any passage of the unrelated calibration texts "
                "(xindu_plan/lexicon/controls/): what chance overlap reaches.",
            ),
            Field("best_passage_id", "string", "b's best passage for the unit (see passages), if any.", required=False),
            Field(
                "shared_words", "string", "Words the unit and the best passage share, weightiest first, |-separated."
            ),
            Field("reason", "string", "Why the verdict: the coverage against the thresholds, or what b lacks."),
        ),
        ("document", "unit_id"),
        path="decisions.csv",
    ),
    Table(
        "passages",
        "Passages",
        "For each unit of a, the best passages of b, best first.",
        (
            _document(),
            *_unit(),
            Field("rank", "integer", "1 for the best passage of b, then 2, 3 ….", minimum=1),
            Field(
                "passage_id",
                "string",
                "The passage: its paragraph id (P12), or P12.2 for the second run of sentences of a long paragraph.",
            ),
            Field("paragraph_id", "string", "The paragraph of b the passage lies in."),
            Field("heading", "string", "The nearest heading above the passage in b, if any.", required=False),
            Field(
                "bm25_score",
                "number",
                f"Okapi BM25 score (k1={BM25_K1}, b={BM25_B}) of the passage for the unit's words; "
                "ranks passages within b.",
            ),
            Field("coverage", "number", _COVERAGE),
            Field("shared_words", "string", "Words the unit and the passage share, weightiest first, |-separated."),
            Field("start", "integer", "Start of the passage in b's cleaned text (code points from 0).", minimum=0),
            Field("end", "integer", "End of the passage in b's cleaned text.", minimum=0),
            Field("text", "string", "The passage (empty when the comparison was run without texts).", required=False),
        ),
        ("document", "unit_id", "rank"),
        path="passages.csv",
    ),
    Table(
        "summary",
        "Summary by pillar",
        "For each pillar of a, how many of its units b takes up.",
        (
            _document(),
            Field("pillar_id", "string", "The pillar of a (see decisions).", required=False),
            Field("pillar_label", "string", "The pillar's theme (plan) or heading (document)."),
            Field("units", "integer", "Units of a in the pillar.", minimum=0),
            Field("counterparts", "integer", "Units with the verdict counterpart.", minimum=0),
            Field("partials", "integer", "Units with the verdict partial.", minimum=0),
            Field("nones", "integer", "Units with the verdict none.", minimum=0),
            Field("taken_up_share", "number", "Share (0–1) of the pillar's units with a counterpart or partial."),
            Field(
                "vocabulary_share", "number", "Share (0–1) of the pillar's distinct words found in b.", required=False
            ),
            Field("terms", "integer", "Quoted terms of a first quoted within the pillar.", minimum=0),
            Field("terms_continued", "integer", "Of those, the ones found in b as whole words.", minimum=0),
        ),
        ("document", "pillar_label"),
        path="summary.csv",
    ),
    Table(
        "terms",
        "Terms",
        "Every quoted term of a or b, counted as a whole word on both sides.",
        (
            _document(),
            Field("term", "string", "The quoted term or slogan."),
            Field("term_id", "string", "The plan's term id (Q01…) when the term comes from the plan.", required=False),
            Field("quoted_in", "string", "Where it is quoted: a, b or both.", enum=("a", "b", "both")),
            Field("a_quoted", "integer", "Occurrences in a written within “…”.", minimum=0),
            Field(
                "a_unquoted", "integer", "Other occurrences in a as a whole word (not for one character).", minimum=0
            ),
            Field("b_quoted", "integer", "Occurrences in b written within “…”.", minimum=0),
            Field("b_unquoted", "integer", "Other occurrences in b as a whole word.", minimum=0),
            Field(
                "status",
                "string",
                "continued (in a and b), dropped (in a only), new (quoted in b only, sharing words with a's units) or "
                "new_unrelated (quoted in b only, sharing none: formulae and topics a does not treat).",
                enum=("continued", "dropped", "new", "new_unrelated"),
            ),
            Field(
                "relevance",
                "number",
                "Share (0–1) of the term's words that a's units use; new terms are listed by it, highest first.",
            ),
        ),
        ("document", "term"),
        path="terms.csv",
    ),
    Table(
        "targets",
        "Paired targets",
        "Numeric targets of a and b that measure the same thing.",
        (
            _document(),
            Field("a_target_id", "string", "The target of a."),
            Field("a_indicator", "string", "What a's target measures."),
            Field("a_value_base", "number", "a's value in base units."),
            Field("b_target_id", "string", "The paired target of b."),
            Field("b_indicator", "string", "What b's target measures."),
            Field("b_value_base", "number", "b's value in base units."),
            Field("base_unit", "string", "The base unit both values are in."),
            Field("a_comparator", "string", "a's comparator (at_least, at_most, about, …), if any.", required=False),
            Field("b_comparator", "string", "b's comparator, if any.", required=False),
            Field("a_change", "string", "a's direction of change (increase, decrease), if any.", required=False),
            Field("b_change", "string", "b's direction of change, if any.", required=False),
            Field("a_period", "string", "a's period as written (全年, 到2025年 …), if any.", required=False),
            Field("b_period", "string", "b's period as written, if any.", required=False),
            Field("similarity", "number", "SequenceMatcher ratio of the two indicators (0–1)."),
            Field("difference", "number", "b's value minus a's, in base units."),
        ),
        ("document", "a_target_id"),
        path="targets.csv",
    ),
    Table(
        "failures",
        "Failures",
        "The documents compare_many could not compare (with errors='record'): each named, with why; "
        "the other tables hold none of their rows.",
        (
            Field(
                "document",
                "string",
                "The document's name as the other tables would give it: a file's stem, document-N for a text.",
            ),
            Field("item", "integer", "The document's place in the documents given, from 1.", minimum=1),
            Field("path", "string", "The path given, when the document was given as a path.", required=False),
            Field("error", "string", "The kind of error: ParseError, CompareError, or the Python exception's name."),
            Field("message", "string", "What went wrong, in one sentence naming the document."),
        ),
        ("document", "item"),
        path="failures.csv",
    ),
)
_BY_NAME = {t.name: t for t in TABLES}
#: The tables of a :class:`Comparison`: column → description, in column order.
COLUMNS: dict[str, dict[str, str]] = {t.name: {f.name: f.description for f in t.fields} for t in TABLES}


@dataclass(frozen=True, slots=True)
class _Unit:
    unit_id: str
    label: str
    group_id: str | None
    group_label: str | None
    start: int
    end: int
    text: str
    concepts: tuple[str, ...] = ()  # national policy terms of a measure (lexicon/measure_concepts.csv)


@dataclass(frozen=True, slots=True)
class _Passage:
    passage_id: str
    paragraph_id: str
    heading: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Side:
    name: str
    text: str
    units: tuple[_Unit, ...]
    groups: tuple[tuple[str | None, str | None, int, int], ...]  # id, label, start, end
    terms: tuple[tuple[str, str | None], ...]  # term, term id
    passages: tuple[_Passage, ...]
    targets: list[dict[str, Any]]


@dataclass(frozen=True)
class Comparison:
    """The comparison of ``a`` with ``b``: five tables declared in :data:`TABLES`, and ``failures``.

    ``omitted`` names the tables :func:`compare_many` was asked not to keep (its
    ``keep`` and ``out`` options): they are empty here, not because ``b`` has no rows.
    ``documents`` counts the documents compared (1 for :func:`compare`). ``failures``
    lists the documents :func:`compare_many` could not compare (``errors="record"``;
    empty otherwise).
    """

    a: str
    b: str
    decisions: pd.DataFrame
    passages: pd.DataFrame
    summary: pd.DataFrame
    terms: pd.DataFrame
    targets: pd.DataFrame
    omitted: tuple[str, ...] = ()
    documents: int = 1
    failures: pd.DataFrame = dataclasses.field(default_factory=lambda: _frame("failures", []))

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name (the five, then ``failures``)."""
        return {name: getattr(self, name) for name in COLUMNS}

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data: its method and every table as records."""
        omitted = {"omitted": list(self.omitted)} if self.omitted else {}
        return {
            "a": self.a,
            "b": self.b,
            "method": _method(),
            **omitted,
            **{name: plain_records(frame) for name, frame in self.tables.items()},
        }

    def to_json(self) -> str:
        """Return :meth:`to_dict` as a JSON string (UTF-8 characters kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def findings(self) -> list[str]:
        """Return the findings in sentences, one a document: which pillars b takes up and which it does not.

        A document that could not be compared (:attr:`failures`) gets its sentence at the end.
        """
        failed = [str(message) for message in self.failures["message"]]
        missing = [name for name in ("decisions", "summary") if name in self.omitted]
        if missing:
            return [
                f"The {' and '.join(missing)} of {self.b} were not kept in memory (compare_many's keep or out "
                "option); with out, they are in the files written.",
                *failed,
            ]
        out = []
        for document, decisions in self.decisions.groupby("document", sort=False, observed=True):
            summary = self.summary[self.summary["document"] == document]
            found = decisions["verdict"] != "none"
            if not len(decisions):
                continue
            if "no body paragraphs" in " ".join(decisions["reason"]):
                out.append(f"{document} has no body paragraphs to compare: every unit is judged none.")
                continue
            taken = [str(r.pillar_label) for r in rows(summary) if r.counterparts + r.partials]
            left = [str(r.pillar_label) for r in rows(summary) if r.units and not r.counterparts + r.partials]
            sentence = (
                f"{document} takes up {int(found.sum())} of {len(decisions)} units of {self.a} "
                f"({int((decisions['verdict'] == 'counterpart').sum())} with a counterpart, "
                f"{int((decisions['verdict'] == 'partial').sum())} partly)"
            )
            if not found.any():
                sentence += ": no passage covers any unit beyond what unrelated text does."
            else:
                sentence += f"; pillars taken up: {'、'.join(taken) or 'none'}"
                sentence += f"; not taken up: {'、'.join(left)}." if left else "; every pillar is taken up."
            out.append(sentence)
            none = decisions.loc[~found, "unit_label"].tolist()
            if none and found.any():
                out.append(f"Units without a counterpart in {document}: {'、'.join(map(str, none))}.")
        return out + failed

    def to_markdown(self, excerpt: int = 40) -> str:
        """Return a Markdown report: findings in sentences, then decisions, passages, summary, terms, targets."""
        out = [f"# {self.a} compared with {self.b}", "", "## Findings", ""]
        out += [f"- {s}" for s in self.findings()] or ["- Nothing was compared."]
        out += ["", _method()["retrieval"], "", _method()["verdict"], ""]

        def kept(*names: str) -> bool:
            missing = [name for name in names if name in self.omitted]
            if missing:
                out.extend([f"The {' and '.join(missing)} table(s) were not kept (compare_many's keep or out).", ""])
            return not missing

        out += ["## Coverage of each pillar", ""]
        if kept("summary"):
            out += [_markdown(self.summary, list(COLUMNS["summary"])), ""]
        out += ["## Decision and best passage for each unit", ""]
        if kept("decisions", "passages"):
            decisions = ["document", "unit_id", "unit_label", "verdict", "coverage", "unrelated_coverage"]
            best = self.passages[self.passages["rank"] == 1].copy()
            best["text"] = [t if len(t) <= excerpt else t[:excerpt] + "…" for t in best["text"].fillna("")]
            joined = self.decisions[[*decisions, "best_passage_id", "shared_words"]].merge(
                best[["document", "unit_id", "heading", "text"]], on=["document", "unit_id"], how="left"
            )
            columns = [*decisions, "best_passage_id", "heading", "shared_words", "text"]
            out += [_markdown(joined, columns), ""]
        if "terms" in self.omitted:
            out += ["## Terms", ""]
            kept("terms")
        for status in () if "terms" in self.omitted else ("continued", "dropped", "new", "new_unrelated"):
            chosen = self.terms[self.terms["status"] == status]
            if status.startswith("new"):
                chosen = chosen.sort_values("relevance", ascending=False, kind="stable")
            listed = "、".join(dict.fromkeys(chosen["term"])) or "none"
            out += [f"## Terms {status.replace('_', ' ')} ({chosen['term'].nunique()})", "", listed, ""]
        out += ["## Paired targets", ""]
        if kept("targets"):
            out += [_markdown(self.targets, list(COLUMNS["targets"])), ""]
        return "\n".join(out)

    def datapackage(self, format: str = "csv", parts: Mapping[str, Sequence[str]] | None = None) -> dict[str, Any]:
        """Return the ``datapackage.json`` describing the files :meth:`write_csv` or :meth:`write_parquet` writes.

        ``format`` is ``csv`` (one file a table) or ``parquet`` (a folder a table, its
        part files the resource's ``path``); ``parts`` gives each table's part files
        (default: one, ``part-00000.parquet``).
        """
        method = _method()
        return {
            "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
            "name": "xindu-plan-comparison",
            "title": f"{self.a} compared with {self.b}",
            "description": " ".join(
                [
                    "Which units of a (the Xindu plan's measures) a later document b takes up.",
                    method["retrieval"],
                    method["verdict"],
                ]
            ),
            "resources": [_resource(table, format, parts) for table in TABLES],
        }

    def write_csv(self, folder: Path, overwrite: bool = False) -> Path:
        """Write one CSV per table and their ``datapackage.json`` into a new ``folder``, atomically.

        The folder gets the marker ``.xindu-plan.json``; ``overwrite`` replaces only a
        folder this method wrote (one carrying the marker).

        Raises:
            CompareError: ``folder`` exists (without ``overwrite``) or is not ours to
                replace, is a protected folder, or cannot be written; or a table
                was not kept (:attr:`omitted`).
        """
        if self.omitted:
            raise CompareError(
                f"this comparison did not keep its {', '.join(self.omitted)} table(s), so it cannot be written "
                "as a whole; give compare_many(..., out=folder) to write every table as it is computed"
            )

        def write(target: Path) -> None:
            target.mkdir()
            for name, frame in self.tables.items():
                frame.to_csv(target / _BY_NAME[name].file, index=False, lineterminator="\n")
            self._write_datapackage(target)

        return write_atomically(Path(folder), write, overwrite=overwrite, error=CompareError, folder=True)

    def write_parquet(self, folder: Path, overwrite: bool = False) -> Path:
        """Write each table as Parquet (a folder a table, ``decisions/part-00000.parquet`` …) and their
        ``datapackage.json`` into a new ``folder``, atomically, as :meth:`write_csv` does (needs pyarrow).

        ``pandas.read_parquet(folder / "decisions")`` or DuckDB's
        ``read_parquet('folder/decisions/*.parquet')`` reads a table whole.

        Raises:
            CompareError: as :meth:`write_csv`.
        """
        if self.omitted:
            raise CompareError(
                f"this comparison did not keep its {', '.join(self.omitted)} table(s), so it cannot be written "
                "as a whole; give compare_many(..., out=folder, format='parquet') to write every table as it is "
                "computed"
            )
        _pyarrow()

        def write(target: Path) -> None:
            target.mkdir()
            sink = _ParquetOut(target)
            for name, frame in self.tables.items():
                sink.add(name, frame)
            self._write_datapackage(target, "parquet", sink.close())

        return write_atomically(Path(folder), write, overwrite=overwrite, error=CompareError, folder=True)

    def _write_datapackage(
        self, folder: Path, format: str = "csv", parts: Mapping[str, Sequence[str]] | None = None
    ) -> None:
        (folder / "datapackage.json").write_text(
            json.dumps(self.datapackage(format, parts), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


def _method() -> dict[str, Any]:
    return {
        "retrieval": (
            "Passages (body paragraphs; runs of sentences of at most "
            f"{RUN_CHARS} characters inside paragraphs longer than {LONG_PARAGRAPH}) are ranked by Okapi BM25 "
            f"(k1={BM25_K1}, b={BM25_B}) over whole jieba words (accurate mode, HMM off; the plan's terms and "
            "names and "
            "the fixed policy names of xindu_plan/lexicon/names.csv kept whole; generic policy words of "
            "xindu_plan/lexicon/stopwords.csv dropped), with weights (idf) from a fixed reference: the shipped "
            f"corpus and the plan; a unit's lead phrase counts {LEAD_WEIGHT} times, each national policy term "
            f"of a measure (xindu_plan/lexicon/measure_concepts.csv) {CONCEPT_WEIGHT}, the passage's heading "
            f"{HEADING_WEIGHT}."
        ),
        "verdict": (
            "Verdict per unit from the chance of its best passage's coverage among the passages of the fourteen "
            "State Council work reports of 1978-1994 (xindu_plan/calibration/; xindu_plan.chance), for a document "
            f"of b's length: counterpart when chance_other <= {COUNTERPART_CHANCE} and chance <= "
            f"{COUNTERPART_CHANCE_ALL}, partial when chance <= {PARTIAL_CHANCE}, none otherwise, and none whenever "
            f"the best passage shares fewer than {MIN_SHARED_WORDS} words with the unit, shares only words found in "
            f"{GENERIC_SHARE:.0%} or more of the calibration passages, or covers the unit no more than the unrelated "
            "control texts (xindu_plan/lexicon/controls/) do."
        ),
        "counterpart_chance": COUNTERPART_CHANCE,
        "counterpart_chance_all": COUNTERPART_CHANCE_ALL,
        "partial_chance": PARTIAL_CHANCE,
        "generic_share": GENERIC_SHARE,
        "tail_share": TAIL_SHARE,
        "min_shared_words": MIN_SHARED_WORDS,
        "pair_threshold": PAIR_THRESHOLD,
    }


def _markdown(frame: pd.DataFrame, columns: list[str]) -> str:
    def cell(value: Any) -> str:
        value = plain(value)
        if value is None:
            return ""
        if isinstance(value, float):
            return f"{value:.3g}"
        return str(value).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows(frame[columns])]
    return "\n".join(lines) if len(frame) else "(none)"


# --- the two kinds of side -------------------------------------------------


def _passages_of(doc: Document) -> tuple[_Passage, ...]:
    """Body paragraphs, a long one cut into runs of sentences, each with the nearest heading above it."""
    text = doc.text
    out: list[_Passage] = []
    heading: str | None = None
    for p in rows(doc.paragraphs):
        if p.kind == "heading":
            heading = str(p.text)
            continue
        if p.kind != "body":
            continue
        start, end, pid = int(p.start), int(p.end), str(p.paragraph_id)
        if end - start <= LONG_PARAGRAPH:
            out.append(_Passage(pid, pid, heading, start, end, text[start:end]))
            continue
        runs: list[tuple[int, int]] = []
        for a, b in split_sentences(text, start, end):
            if runs and b - runs[-1][0] <= RUN_CHARS:
                runs[-1] = (runs[-1][0], b)
            else:
                runs.append((a, b))
        for n, (a, b) in enumerate(runs, start=1):
            out.append(_Passage(f"{pid}.{n}", pid, heading, a, b, text[a:b]))
    return tuple(out)


def _plan_side(plan: Plan) -> _Side:
    text = plan.text
    themes = dict(zip(plan.sections["section_id"], plan.sections["theme"], strict=True))
    national = concepts()
    units = tuple(
        _Unit(
            str(m.measure_id),
            str(m.lead),
            str(m.section_id),
            themes[m.section_id],
            int(m.start),
            int(m.end),
            text[int(m.start) : int(m.end)],
            national.get(str(m.measure_id), ()),
        )
        for m in rows(plan.measures)
    )
    groups = []
    for s in rows(plan.sections):
        inside = [u for u in units if u.group_id == s.section_id]
        end = max((u.end for u in inside), default=int(s.end))
        groups.append((str(s.section_id), str(s.theme), int(s.start), end))
    terms = tuple((str(t), str(i)) for i, t in zip(plan.terms["term_id"], plan.terms["term"], strict=True))
    passages = tuple(_Passage(u.unit_id, u.unit_id, u.group_label, u.start, u.end, u.text) for u in units)
    return _Side(
        plan.records.document.document_id, text, units, tuple(groups), terms, passages, plain_records(plan.targets)
    )


def _document_side(doc: Document) -> _Side:
    text = doc.text
    units: list[_Unit] = []
    groups: list[tuple[str | None, str | None, int, int]] = []
    group: tuple[str | None, str | None] = (None, None)
    for p in rows(doc.paragraphs):
        if p.kind == "heading" and p.level == 1:
            group = (str(p.paragraph_id), str(p.text))
            groups.append((*group, int(p.start), len(text)))
            if len(groups) > 1:
                previous = groups[-2]
                groups[-2] = (previous[0], previous[1], previous[2], int(p.start))
        elif p.kind == "body":
            if not is_missing(p.lead_end):
                label = text[int(p.start) : int(p.lead_end)]
            else:
                label = str(p.text)[:20] + ("…" if len(p.text) > 20 else "")
            units.append(_Unit(str(p.paragraph_id), label, *group, int(p.start), int(p.end), str(p.text)))
    if not groups or (units and units[0].group_id is None):
        groups.insert(0, (None, "(before the first heading)", 0, groups[0][2] if groups else len(text)))
    terms = tuple((t, None) for t in dict.fromkeys(doc.terms["term"]))
    return _Side(doc.name, text, tuple(units), tuple(groups), terms, _passages_of(doc), plain_records(doc.targets))


def _side(x: object, what: str) -> _Side:
    from .plan import Plan

    if isinstance(x, Plan):
        return _plan_side(x)
    if isinstance(x, Document):
        return _document_side(x)
    raise CompareError(
        f"compare() takes a Plan or a Document as {what}, not {type(x).__name__}; "
        "parse text with xindu_plan.parse() first"
    )


def _extra_words(*xs: object) -> tuple[str, ...]:
    """The plan's quoted terms, entity names and aliases: kept whole by the tokenizer."""
    from .plan import Plan

    found: set[str] = set()
    for x in xs:
        if isinstance(x, Plan):
            found.update(str(t) for t in x.terms["term"])
            found.update(str(n) for n in x.entities["name"])
            for aliases in x.entities["aliases"].dropna():
                found.update(a for a in str(aliases).split("|") if a)
    return tuple(sorted(w for w in found if len(w) >= 2))


# --- the query side, built once ---------------------------------------------


@dataclass(frozen=True)
class _Queries:
    """The units of ``a`` as weighted queries over one vocabulary (built once per ``a``)."""

    words: Words
    vocabulary: dict[str, int]
    terms: tuple[str, ...]  # vocabulary id → word
    weights: npt.NDArray[Any]  # units × vocabulary
    unit_words: tuple[frozenset[str], ...]
    unrelated: npt.NDArray[Any]  # per unit: its highest coverage in the unrelated control texts
    null: Null | None = None  # the calibration of the decision (xindu_plan.chance)


def tokenizer(a: Plan | Document, b: Plan | Document | None = None) -> Words:
    """The whole-word tokenizer :func:`compare` cuts ``a`` and ``b`` with: jieba's words with the
    plan's terms, entity names and aliases kept whole and its measures' national terms known
    (:func:`xindu_plan.retrieval.words`).

    >>> from xindu_plan import load
    >>> tokenizer(load()).tokens("实施香城英才计划，推进乡村振兴")
    ['香城英才计划', '乡村振兴', '乡村', '振兴']
    """
    from .plan import Plan

    units = _plan_side(a).units if isinstance(a, Plan) else ()  # a document's units have no national terms
    return words(_extra_words(a, *(() if b is None else (b,))), _compounds(units))


def _compounds(units: Iterable[_Unit]) -> tuple[str, ...]:
    """The national terms of the units: words the tokenizer knows (see :func:`tokenizer`)."""
    return tuple(sorted({c for unit in units for c in unit.concepts}))


@functools.lru_cache(maxsize=4)
def _queries(extra: tuple[str, ...], units: tuple[_Unit, ...]) -> _Queries:
    import numpy as np

    cutter = words(extra, _compounds(units))
    frequencies, count = reference_frequencies(cutter)
    counts: list[dict[str, float]] = []
    for unit in units:
        weights: dict[str, float] = {}
        for token in cutter.tokens(unit.text):
            weights[token] = weights.get(token, 0.0) + 1.0
        for token in cutter.tokens(unit.label):
            weights[token] = weights.get(token, 0.0) + LEAD_WEIGHT - 1.0
        for token in cutter.tokens("\n".join(unit.concepts)):
            weights[token] = weights.get(token, 0.0) + CONCEPT_WEIGHT
        counts.append(weights)
    terms = tuple(sorted({w for c in counts for w in c}))
    vocabulary = {w: i for i, w in enumerate(terms)}
    matrix = np.zeros((len(units), len(terms)))
    for row, weights in enumerate(counts):
        for w, n in weights.items():
            matrix[row, vocabulary[w]] = n * idf(frequencies.get(w, 0), count)
    unit_words = tuple(frozenset(c) for c in counts)
    base = _Queries(cutter, vocabulary, terms, matrix, unit_words, np.zeros(len(units)))
    unrelated = np.zeros(len(units))
    for doc in _controls():
        passages = _passages_of(doc)
        if passages:
            unrelated = np.maximum(unrelated, _scores(base, passages)[0].coverage.max(axis=0))
    scored = calibration_scores(base)
    null = Null.from_coverage([c for _, c, _ in scored], [h for _, _, h in scored])
    return _Queries(cutter, vocabulary, terms, matrix, unit_words, unrelated, null)


def calibration_scores(queries: _Queries, without: Iterable[str] = ()) -> list[tuple[str, Any, Any]]:
    """Each calibration report's name, passages × units coverage and passages × vocabulary words held
    (the reports of :mod:`xindu_plan.calibration`, but those named in ``without``)."""
    out = []
    skip = frozenset(without)
    for name, passages in _calibration_passages():
        if name in skip or not passages:
            continue
        scores, _ = _scores(queries, passages)
        out.append((name, scores.coverage, scores.shared > 0))
    return out


@functools.cache
def _calibration_passages() -> tuple[tuple[str, tuple[_Passage, ...]], ...]:
    from . import calibration

    return tuple((name, _passages_of(calibration.document(name))) for name in calibration.names())


@functools.cache
def _controls() -> tuple[Document, ...]:
    """The unrelated calibration texts shipped in ``xindu_plan/lexicon/controls/``."""
    from importlib import resources

    folder = resources.files("xindu_plan") / "lexicon" / "controls"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".txt")), key=lambda f: f.name)
    return tuple(parse(f.read_text(encoding="utf-8"), name=f.name.removesuffix(".txt")) for f in files)


def _scores(queries: _Queries, passages: Sequence[_Passage]) -> tuple[Any, list[list[str]]]:
    cutter, vocabulary = queries.words, queries.vocabulary
    ids, lengths, heading_ids, tokens_of = [], [], [], []
    headings: dict[str | None, list[int]] = {}
    for passage in passages:
        tokens = cutter.tokens(passage.text)
        tokens_of.append(tokens)
        ids.append([vocabulary[t] for t in tokens if t in vocabulary])
        lengths.append(len(tokens))
        if passage.heading not in headings:
            text = passage.heading or ""
            headings[passage.heading] = [vocabulary[t] for t in cutter.tokens(text) if t in vocabulary]
        heading_ids.append(headings[passage.heading])
    return score(ids, lengths, queries.weights, heading_ids, HEADING_WEIGHT), tokens_of


# --- the tables --------------------------------------------------------------


def compare(
    a: Plan | Document,
    b: Plan | Document,
    *,
    top: int = _TOP,
    passage_texts: bool | None = None,
    texts: bool | None = None,
) -> Comparison:
    """Compare ``a`` (usually the plan) with a later document ``b``.

    Args:
        a: the earlier text: the :class:`~xindu_plan.plan.Plan` or a parsed Document.
        b: the later text, usually a :class:`~xindu_plan.reader.Document`.
        top: passages of ``b`` kept for each unit of ``a``.
        passage_texts: keep each passage's text in the ``passages`` table (the default;
            ``False``: empty, to save memory), as in :func:`compare_many`.
        texts: deprecated name of ``passage_texts`` (in :func:`compare_many`,
            ``texts`` means strings given are texts, not paths).

    Raises:
        CompareError: ``a`` or ``b`` is neither a Plan nor a Document, or ``top`` < 1.
    """
    if texts is not None:
        if passage_texts is not None:
            raise CompareError("give passage_texts only (texts is its old name), not both")
        import warnings

        warnings.warn(
            "compare(..., texts=) is deprecated: the option is called passage_texts, as in compare_many",
            DeprecationWarning,
            stacklevel=2,
        )
        passage_texts = texts
    _check_top(top)
    sa = _side(a, "a")
    sb = _side(b, "b")
    queries = _queries(_extra_words(a, b), sa.units)
    return _frames(sa.name, sb.name, _compare(sa, sb, queries, top, passage_texts is not False))


def _check_top(top: object) -> None:
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise CompareError(f"top must be a whole number of at least 1, not {top!r}")


def _frames(a: str, b: str, parts: dict[str, list[tuple[Any, ...]]]) -> Comparison:
    import pandas as pd

    tables = {name: pd.DataFrame(parts[name], columns=list(COLUMNS[name])) for name in COLUMNS}
    return _comparison(a, b, tables)


def _comparison(
    a: str, b: str, tables: dict[str, pd.DataFrame], omitted: tuple[str, ...] = (), documents: int = 1
) -> Comparison:
    return Comparison(
        a,
        b,
        decisions=tables["decisions"],
        passages=tables["passages"],
        summary=tables["summary"],
        terms=tables["terms"],
        targets=tables["targets"],
        omitted=omitted,
        documents=documents,
        failures=tables["failures"],
    )


def _compare(sa: _Side, sb: _Side, queries: _Queries, top: int, texts: bool) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of the five tables, as tuples in column order."""
    import numpy as np

    out: dict[str, list[tuple[Any, ...]]] = {name: [] for name in COLUMNS}
    passages = sb.passages
    verdicts: dict[str, str] = {}
    b_words: set[str] = set()
    if passages:
        scores, tokens_of = _scores(queries, passages)
        for tokens in tokens_of:
            b_words.update(tokens)
        order = np.argsort(-scores.bm25, axis=0, kind="stable")
    for u, unit in enumerate(sa.units):
        weights = queries.weights[u]
        unrelated = round(float(queries.unrelated[u]), 6)
        head = (sb.name, unit.unit_id, unit.label, unit.group_id)
        ranked = [int(i) for i in order[:, u] if scores.bm25[i, u] > 0][:top] if passages else []
        for rank, i in enumerate(ranked, start=1):
            p = passages[i]
            out["passages"].append(
                (
                    *head,
                    rank,
                    p.passage_id,
                    p.paragraph_id,
                    p.heading,
                    round(float(scores.bm25[i, u]), 6),
                    round(float(scores.coverage[i, u]), 6),
                    _shared(queries, scores.shared[i], weights),
                    p.start,
                    p.end,
                    p.text if texts else None,
                )
            )
        if not passages:
            verdict, coverage, best, shared, chance, other, evidence, missing = "none", 0.0, None, "", 1.0, 1.0, "", ""
            reason = "the document has no body paragraphs"
        elif not ranked:
            verdict, coverage, best, shared, chance, other, evidence = "none", 0.0, None, "", 1.0, 1.0, ""
            missing = _words(queries, np.flatnonzero(weights > 0), weights)
            reason = "no passage shares a word with the unit"
        else:
            i = ranked[0]
            coverage = round(float(scores.coverage[i, u]), 6)
            best, shared = passages[i].passage_id, _shared(queries, scores.shared[i], weights)
            decision = _decide(queries, u, coverage, len(passages), scores.shared[i] > 0)
            verdict, reason, chance, other, evidence, missing = decision
        out["decisions"].append(
            (*head, verdict, coverage, chance, other, evidence, missing, unrelated, best, shared, reason)
        )
        verdicts[unit.unit_id] = verdict
    out["terms"] = _terms(sa, sb, queries)
    out["targets"] = _targets(sa, sb)
    out["summary"] = _summary(sa, sb, queries, verdicts, out["terms"], b_words)
    return out


def _decide(
    queries: _Queries, u: int, coverage: float, passages: int, held: npt.NDArray[Any]
) -> tuple[str, str, float, float, str, str]:
    """The verdict of unit ``u`` whose best passage (of a document of ``passages`` passages) holds the
    words ``held``: verdict, reason, chance, chance_other, evidence words and missing words."""
    import numpy as np

    weights = queries.weights[u]
    null = queries.null
    both = (held > 0) & (weights > 0)
    generic = null.generic if null is not None else np.zeros(len(weights), bool)
    evidence = np.flatnonzero(both & ~generic)
    missing = _words(queries, np.flatnonzero((weights > 0) & ~both), weights)
    chance = round(null.chance(coverage, passages, u), 6) if null is not None else 1.0
    other = round(null.chance(coverage, passages, u, other=True), 6) if null is not None else 1.0
    verdict, reason = _verdict(
        coverage,
        chance,
        other,
        float(queries.unrelated[u]),
        int(both.sum()),
        len(evidence),
        _words(queries, np.flatnonzero(both & generic), weights),
    )
    return verdict, reason, chance, other, _words(queries, evidence, weights), missing


def _verdict(
    coverage: float, chance: float, other: float, unrelated: float, shared: int, evidence: int, generic: str
) -> tuple[str, str]:
    if shared < MIN_SHARED_WORDS:
        return "none", f"the best passage shares {shared} word with the unit (fewer than {MIN_SHARED_WORDS})"
    if not evidence:
        return "none", f"the best passage shares only words generic for the genre ({generic.replace('|', ', ')})"
    if coverage <= unrelated:
        return "none", f"coverage {coverage:.3f} not above unrelated text ({unrelated:.3f})"
    if other <= COUNTERPART_CHANCE and chance <= COUNTERPART_CHANCE_ALL:
        return "counterpart", (
            f"coverage {coverage:.3f}: chance {other:.3g} among passages on other policies (<= {COUNTERPART_CHANCE}), "
            f"{chance:.3g} among all (<= {COUNTERPART_CHANCE_ALL})"
        )
    if chance <= PARTIAL_CHANCE:
        return (
            "partial",
            f"coverage {coverage:.3f}: chance {chance:.3g} among calibration passages (<= {PARTIAL_CHANCE})",
        )
    return "none", f"coverage {coverage:.3f}: chance {chance:.3g} among calibration passages (> {PARTIAL_CHANCE})"


def _words(queries: _Queries, ids: Iterable[int], weights: npt.NDArray[Any]) -> str:
    chosen = sorted(ids, key=lambda j: (-weights[j], queries.terms[j]))[:_SHOWN_WORDS]
    return "|".join(queries.terms[j] for j in chosen)


def _shared(queries: _Queries, present: npt.NDArray[Any], weights: npt.NDArray[Any]) -> str:
    import numpy as np

    return _words(queries, np.flatnonzero((present > 0) & (weights > 0)), weights)


def _term_relevance(term: str, queries: _Queries, a_words: frozenset[str]) -> float:
    tokens = set(queries.words.tokens(term))
    return round(len(tokens & a_words) / len(tokens), 6) if tokens else 0.0


class _Boundaries:
    """Word boundaries of a text (:func:`xindu_plan.mentions.word_boundaries`), segmented line by
    line on first use: a term is looked up only on the lines where it occurs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: dict[int, frozenset[int]] = {}

    def __contains__(self, pos: object) -> bool:
        from .mentions import word_boundaries

        if not isinstance(pos, int):
            return False
        start = self.text.rfind("\n", 0, pos) + 1
        if pos == start:
            return True
        if start not in self.lines:
            end = self.text.find("\n", pos)
            line = self.text[start : len(self.text) if end < 0 else end]
            self.lines[start] = frozenset(start + b for b in word_boundaries(line))
        return pos in self.lines[start]


def _terms(sa: _Side, sb: _Side, queries: _Queries) -> list[tuple[Any, ...]]:
    from .mentions import quoted_spans, term_spans

    ids: dict[str, str | None] = {}
    origin: dict[str, set[str]] = {}
    for side, label in ((sa, "a"), (sb, "b")):
        for term, term_id in side.terms:
            ids.setdefault(term, term_id)
            origin.setdefault(term, set()).add(label)
    a_words = frozenset().union(*queries.unit_words) if queries.unit_words else frozenset()
    spans = {
        "a": (sa.text, quoted_spans(sa.text), _Boundaries(sa.text)),
        "b": (sb.text, quoted_spans(sb.text), _Boundaries(sb.text)),
    }
    out = []
    for term, where in origin.items():
        counts = []
        for which in ("a", "b"):
            text, quoted, bounds = spans[which]
            found = term_spans(text, term, quoted, bounds) if term in text else []
            q = sum(1 for *_, is_quoted in found if is_quoted)
            counts += [q, len(found) - q]
        in_a, in_b = counts[0] + counts[1] > 0, counts[2] + counts[3] > 0
        relevance = _term_relevance(term, queries, a_words)
        if in_a:
            status = "continued" if in_b else "dropped"
        elif relevance > 0:
            status = "new"
        else:
            status = "new_unrelated"
        quoted_in = "both" if len(where) == 2 else next(iter(where))
        out.append((sb.name, term, ids[term], quoted_in, *counts, status, relevance))
    return out


def _targets(sa: _Side, sb: _Side) -> list[tuple[Any, ...]]:
    candidates = []
    a_rows, b_rows = sa.targets, sb.targets
    for i, ta in enumerate(a_rows):
        for j, tb in enumerate(b_rows):
            if ta["base_unit"] != tb["base_unit"] or not ta["indicator"] or not tb["indicator"]:
                continue
            ratio = difflib.SequenceMatcher(None, ta["indicator"], tb["indicator"], autojunk=False).ratio()
            if ratio >= PAIR_THRESHOLD:
                # ties: the same comparator first, then commitments (with a comparator) before outcomes
                unlike = ta["comparator"] != tb["comparator"]
                bare = (ta["comparator"] is None) + (tb["comparator"] is None)
                candidates.append((-ratio, unlike, bare, i, j))
    used_a: set[int] = set()
    used_b: set[int] = set()
    paired = []
    for negative, _, _, i, j in sorted(candidates):
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        ta, tb = a_rows[i], b_rows[j]
        paired.append(
            {
                "document": sb.name,
                "a_target_id": ta["target_id"],
                "a_indicator": ta["indicator"],
                "a_value_base": ta["value_base"],
                "b_target_id": tb["target_id"],
                "b_indicator": tb["indicator"],
                "b_value_base": tb["value_base"],
                "base_unit": ta["base_unit"],
                "a_comparator": ta["comparator"],
                "b_comparator": tb["comparator"],
                "a_change": ta["change"],
                "b_change": tb["change"],
                "a_period": ta["period"],
                "b_period": tb["period"],
                "similarity": round(-negative, 6),
                "difference": tb["value_base"] - ta["value_base"],
            }
        )
    paired.sort(key=lambda r: _natural(r["a_target_id"]))
    return [tuple(r[c] for c in COLUMNS["targets"]) for r in paired]


def _natural(key: str) -> tuple[str, int]:
    m = re.match(r"(\D*)(\d+)$", key)
    return (m[1], int(m[2])) if m else (key, 0)


def _summary(
    sa: _Side,
    sb: _Side,
    queries: _Queries,
    verdicts: dict[str, str],
    terms: list[tuple[Any, ...]],
    b_words: set[str],
) -> list[tuple[Any, ...]]:
    status = {row[1]: row[-2] for row in terms}
    index = {u.unit_id: i for i, u in enumerate(sa.units)}
    out = []
    for group_id, label, start, end in sa.groups:
        units = [u for u in sa.units if u.group_id == group_id]
        vocabulary = frozenset().union(*(queries.unit_words[index[u.unit_id]] for u in units))
        first_quoted = [t for t, _ in sa.terms if _first_quote(sa.text, t) in range(start, end)]
        counted = [verdicts.get(u.unit_id, "none") for u in units]
        taken = sum(v != "none" for v in counted)
        out.append(
            (
                sb.name,
                group_id,
                label,
                len(units),
                counted.count("counterpart"),
                counted.count("partial"),
                counted.count("none"),
                round(taken / len(units), 6) if units else 0.0,
                round(len(vocabulary & b_words) / len(vocabulary), 6) if vocabulary else None,
                len(first_quoted),
                sum(status.get(t) == "continued" for t in first_quoted),
            )
        )
    return out


def _first_quote(text: str, term: str) -> int:
    at = text.find(f"“{term}”")
    return at if at >= 0 else text.find(term)


# --- many documents --------------------------------------------------------

#: Columns held as pandas categoricals by :func:`compare_many` and :func:`concat`: ids and labels
#: repeated on many rows (a code of one to four bytes a row instead of a string).
CATEGORICAL = frozenset(
    {
        "document",
        "unit_id",
        "unit_label",
        "pillar_id",
        "pillar_label",
        "passage_id",
        "paragraph_id",
        "best_passage_id",
        "heading",
        "term",
        "term_id",
    }
)
_CHUNK = 32  # documents compared between two conversions of rows into columns (and per task of a worker)
_CONSOLIDATE = 1024  # documents' columns gathered into one frame per table (and one Parquet part file)
_IN_FLIGHT = 2  # chunks queued per worker process
#: What :func:`compare_many` does with a document it cannot read or compare: ``stop`` (the default:
#: raise the error, which names the document, and write nothing) or ``record`` (a row of ``failures``
#: naming it, and go on with the others).
ERRORS = ("stop", "record")
#: The formats :func:`compare_many` writes ``out`` in: one CSV file a table, or one folder of Parquet
#: part files a table.
FORMATS = ("csv", "parquet")

_Item = str | Path | Document


def _read(item: object, texts: bool, n: int) -> Document:
    """Item ``n`` of the documents as a Document: read and parsed when it is a path or a text."""
    if isinstance(item, Document):
        return item
    if isinstance(item, Path):
        return parse(read_document(item), name=item.stem)
    if isinstance(item, str) and texts:
        return parse(item, name=f"document-{n}")
    if isinstance(item, str):
        if "\n" in item or len(item) > 4096 or not os.path.isfile(item):
            shown = item if len(item) <= 40 else item[:40] + "…"
            raise CompareError(
                f"item {n} of documents, {shown!r}, names no existing file; give texts=True to compare "
                "strings as the documents' text"
            )
        return parse(read_document(Path(item)), name=Path(item).stem)
    raise CompareError(
        f"item {n} of documents is a {type(item).__name__}; "
        "give paths (pathlib.Path or str), texts (str, with texts=True) or parsed Documents"
    )


def _name(item: object, n: int, texts: bool) -> str:
    """The name the tables give item ``n`` (as :func:`_read` names it)."""
    if isinstance(item, Document):
        return item.name
    if isinstance(item, Path):
        return item.stem
    if isinstance(item, str) and not texts and "\n" not in item and len(item) <= 4096:
        return Path(item).stem
    return f"document-{n}"


def _failure(name: str, n: int, item: object, err: Exception) -> tuple[Any, ...]:
    """A row of ``failures``: the document, its place, its path, and what went wrong in a sentence naming it."""
    named = isinstance(item, str) and "\n" not in item and len(item) <= 4096 and os.path.isfile(item)
    path = str(item) if isinstance(item, Path) or named else None
    return (name, n, path, type(err).__name__, str(_named(err, name, n)))


def _named(err: Exception, name: str, n: int) -> Exception:
    """The error to report for document ``name`` (item ``n``): the package's own errors name it already."""
    from .errors import XinduPlanError

    if isinstance(err, XinduPlanError):
        return err
    return CompareError(f"{name} (item {n} of documents) could not be compared: {type(err).__name__}: {err}")


class _Reader:
    """The Documents of ``items``, read and parsed one at a time.

    With ``failures`` (a list), an item that cannot be read is recorded there and
    skipped; :attr:`position` and :attr:`item` are those of the last item read.
    """

    def __init__(
        self, items: Iterable[object], texts: bool, first: int = 1, failures: list[tuple[Any, ...]] | None = None
    ) -> None:
        self.items, self.texts, self.first, self.failures = items, texts, first, failures
        self.position: int = first - 1
        self.item: object = None

    def __iter__(self) -> Iterator[Document]:
        for n, item in enumerate(self.items, start=self.first):
            self.position, self.item = n, item
            try:
                doc = _read(item, self.texts, n)
            except Exception as err:
                if self.failures is None:
                    raised = _named(err, _name(item, n, self.texts), n)
                    if raised is err:
                        raise
                    raise raised from err
                self.failures.append(_failure(_name(item, n, self.texts), n, item, err))
                continue
            yield doc


def _arguments(first: object, second: object) -> tuple[Plan | Document | None, Iterable[object]]:
    """The plan and the documents, from the new order (plan first) or the old one (plan last, warned)."""
    from .plan import Plan

    sides = (Plan, Document)
    if first is not None and not isinstance(first, sides) and (second is None or isinstance(second, sides)):
        import warnings

        warnings.warn(
            "compare_many(documents, plan) is deprecated and will stop working in the next release: "
            "give the plan first, compare_many(plan, documents), as compare(plan, document)",
            DeprecationWarning,
            stacklevel=3,
        )
        first, second = second, first
    if first is not None and not isinstance(first, sides):
        raise CompareError(
            f"compare_many() takes the plan (a Plan or a Document, or None for the packaged plan) first, "
            f"not a {type(first).__name__}; then the documents"
        )
    if second is None or isinstance(second, (*sides, str, bytes, Path)):
        what = "nothing" if second is None else f"a single {type(second).__name__}"
        raise CompareError(
            f"compare_many() takes the documents as an iterable (a list, a generator …) after the plan, "
            f"not {what}; for one document give a list of one, or use compare()"
        )
    if not isinstance(second, Iterable):
        raise CompareError(
            f"the documents must be an iterable of paths, texts or Documents, not {type(second).__name__}"
        )
    return first, second


def compare_many(
    first: Plan | Document | Iterable[_Item] | None = None,
    second: Iterable[_Item] | Plan | Document | None = None,
    /,
    *,
    plan: Plan | Document | None = None,
    documents: Iterable[_Item] | None = None,
    top: int = _TOP,
    texts: bool = False,
    passage_texts: bool = False,
    keep: Iterable[str] | None = None,
    out: str | Path | None = None,
    format: str = "csv",
    overwrite: bool = False,
    workers: int | None = None,
    executor: Executor | None = None,
    errors: str = "stop",
    progress: bool | Callable[[Iterable[Document]], Iterable[Document]] = True,
) -> Comparison:
    """Compare the plan with many documents into one long table per kind.

    The arguments come in the order of :func:`compare`: the plan, then the
    documents. (The order ``compare_many(documents, plan)`` still works in this
    release, with a :class:`DeprecationWarning`.)

    The plan's side (its units as weighted queries, and their coverage in unrelated
    text) is built once. Documents are read, parsed and compared one after another
    and dropped; their rows become compact columns every few dozen documents.
    Memory then holds one document (one per worker), the plan's side, and the
    tables asked for, which grow with the number of documents:

    * ``keep`` names the tables held in memory (default: all; with ``out``,
      only ``failures``). Per 1,000 county-size documents the five tables take about 11 MB
      (``passages`` and ``decisions`` most of it); each document adds 21 decisions,
      up to ``top`` × 21 passages and a row per quoted term of either side.
    * ``out`` writes every table as the documents are compared (into a new
      folder, with its ``datapackage.json``, as :meth:`Comparison.write_csv`, or
      with ``format="parquet"`` as :meth:`Comparison.write_parquet`: a folder a
      table, a part file every 1,024 documents), so a large batch needs no table
      in memory: memory stays bounded however many documents there are.
    * Passage texts are left out unless ``passage_texts=True`` (the ``text``
      column is then empty; ``start`` and ``end`` locate each passage).
    * Ids and labels repeated on many rows (the columns in :data:`CATEGORICAL`)
      are pandas categoricals, integers are ``int32``: the same values in a
      third of the memory. ``.astype(str)`` gives plain strings back.

    Documents are compared in one process, in ``workers`` local processes, or on
    any :class:`concurrent.futures.Executor` (a Dask cluster's
    ``distributed.Client(...).get_executor()``, Ray's executor): the items (paths,
    best) are sent in chunks of 32, a few chunks ahead of the workers, never the
    whole list, and the tables come back in the order of the documents, the same
    as in one process. A worker gets the plan once: the local processes when they
    start; an executor's workers with each chunk (pickled once here, about 0.3 MB),
    unpickled and made ready once per worker process.

    A document that cannot be read or compared stops the comparison by default
    (``errors="stop"``: the error names it, and ``out`` is left unwritten);
    ``errors="record"`` puts it in the ``failures`` table, a sentence naming it,
    and goes on with the others.

    For 10,000 county reports, give paths (not texts read beforehand), ``out``
    and ``workers``: ``compare_many(plan, paths, out="county-comparison",
    workers=2)``, and read the tables back as needed (``keep=("decisions",
    "summary")`` also returns those two).

    >>> import glob
    >>> compare_many(None, glob.glob("no-such-folder/*.txt"), progress=False)
    Traceback (most recent call last):
    ...
    xindu_plan.errors.CompareError: no documents to compare: the list of documents is empty

    Args:
        plan: the ``a`` side: the :class:`~xindu_plan.plan.Plan` or a parsed
            Document (``None``: the packaged plan, loaded once).
        documents: paths (``pathlib.Path`` or ``str`` naming an existing file, read
            in UTF-8, GB18030 or Big5, named by the file's stem), texts (``str``
            with ``texts=True``, named ``document-1`` …) or parsed Documents, in any
            iterable, generators included; read lazily, a few chunks ahead of the
            workers.
        top: passages kept per unit.
        texts: read strings as the documents' text rather than as paths.
        passage_texts: keep each passage's text in ``passages``.
        keep: the names of the tables to return filled (the others are returned
            empty, and listed in :attr:`Comparison.omitted`; ``failures`` is always kept).
        out: a new folder to write the tables into, as they are computed
            (nothing is left there if the comparison fails).
        format: how ``out`` is written: ``csv`` or ``parquet`` (:data:`FORMATS`;
            Parquet needs pyarrow, the ``export`` extra).
        overwrite: with ``out``, replace a folder this package wrote before.
        workers: local processes to compare in (default 1: this process); with
            ``executor``, how many chunks it runs at once (default: what the
            executor tells, else the number of CPUs).
        executor: a :class:`concurrent.futures.Executor` to compare on instead
            of local processes; the caller starts it and shuts it down. Its
            workers must be able to import xindu_plan and read the paths given.
        errors: ``stop`` or ``record`` (:data:`ERRORS`).
        progress: show a tqdm progress bar on standard error (True), none (False),
            or a wrapper of your own around the stream of Documents (one process only).

    Raises:
        ParseError: a path cannot be read; the message names it.
        CompareError: there are no documents, an item is neither a path, a text
            nor a Document, a string names no file (without ``texts=True``), a
            document cannot be compared (the message names it), ``workers`` < 1,
            ``executor`` has no ``submit``, ``errors`` or ``format`` is unknown,
            ``keep`` names an unknown table, or ``out`` cannot be written (it
            exists, without ``overwrite``).
    """
    if plan is not None or documents is not None:  # given by keyword
        if second is not None or (first is not None and documents is not None):
            raise CompareError(
                "give the plan and the documents either by position, compare_many(plan, documents), "
                "or by keyword, compare_many(plan=..., documents=...)"
            )
        # compare_many(documents, plan=p), the old order, or the keywords alone
        first, second = (plan, documents) if first is None else (first, plan)
    plan, items = _arguments(first, second)
    _check_top(top)
    if workers is not None and (not isinstance(workers, int) or isinstance(workers, bool) or workers < 1):
        raise CompareError(f"workers must be a whole number of at least 1, not {workers!r}")
    if executor is not None and not callable(getattr(executor, "submit", None)):
        raise CompareError(
            f"executor must be a concurrent.futures.Executor (with a submit method), not {type(executor).__name__}"
        )
    if errors not in ERRORS:
        raise CompareError(f"errors must be {' or '.join(map(repr, ERRORS))}, not {errors!r}")
    if format not in FORMATS:
        raise CompareError(f"format must be {' or '.join(map(repr, FORMATS))}, not {format!r}")
    if format != "csv" and out is None:
        raise CompareError(f"format={format!r} says how out is written; give out=folder too")
    if format == "parquet":
        _pyarrow()
    if isinstance(keep, str):
        keep = (keep,)
    kept = tuple(COLUMNS) if keep is None and out is None else tuple(dict.fromkeys(keep or ()))
    unknown = [name for name in kept if name not in COLUMNS]
    if unknown:
        raise CompareError(f"keep names no table {unknown[0]!r}; the tables are {', '.join(COLUMNS)}")
    kept = tuple(dict.fromkeys([*kept, "failures"]))  # few rows, and the one place a failure is told
    if plan is None:
        from .plan import load

        plan = load()
    sa = _side(plan, "plan")
    _queries(_extra_words(plan), sa.units)  # built once, before any worker starts
    wanted = tuple(COLUMNS) if out is not None else kept
    job = _Job(top, texts, passage_texts, wanted, errors == "record")
    if executor is not None:
        from ._parallel import slots

        chunks = _in_executor(items, job, executor, workers or slots(executor), _Shipped.of(plan), progress is True)
    elif workers is not None and workers > 1:
        chunks = _in_processes(items, plan, job, workers, progress is True)
    else:
        chunks = _in_process(items, plan, sa, job, progress)
    collected = _Collected(kept)
    if out is None:
        with contextlib.closing(chunks):  # on an error, the workers stop now, not when the traceback goes
            collected.take(chunks)
        return collected.comparison(sa.name)

    def write(target: Path) -> None:
        target.mkdir()
        sink: _CsvOut | _ParquetOut = _CsvOut(target) if format == "csv" else _ParquetOut(target)
        try:
            with contextlib.closing(chunks):
                collected.take(chunks, sink)
            parts = sink.close()
        finally:
            sink.release()
        empty = {name: _frame(name, []) for name in COLUMNS}
        _comparison(sa.name, collected.b, empty)._write_datapackage(target, format, parts)

    write_atomically(Path(out), write, overwrite=overwrite, error=CompareError, folder=True)
    return collected.comparison(sa.name)


def _pyarrow() -> None:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise CompareError("writing Parquet needs pyarrow: pip install 'xindu-plan[export]'") from None


@dataclass(frozen=True, slots=True)
class _Job:
    top: int
    texts: bool
    passage_texts: bool
    wanted: tuple[str, ...]  # the tables to build
    record: bool = False  # errors="record": a failing document becomes a row of failures


_Chunk = tuple[int, dict[str, "pd.DataFrame"]]  # documents compared, their tables


class _CsvOut:
    """Tables written as they come: one CSV file a table, the header first."""

    def __init__(self, folder: Path) -> None:
        self.handles = {
            name: (folder / _BY_NAME[name].file).open("w", encoding="utf-8", newline="") for name in COLUMNS
        }
        for name, handle in self.handles.items():
            _frame(name, []).to_csv(handle, index=False, lineterminator="\n")

    def add(self, name: str, frame: pd.DataFrame) -> None:
        frame.to_csv(self.handles[name], header=False, index=False, lineterminator="\n")

    def flush(self) -> None:
        """Nothing to do: each frame was written as it came."""

    def close(self) -> None:
        """The files are complete (closed by :meth:`release`); a CSV table has no parts."""

    def release(self) -> None:
        for handle in self.handles.values():
            handle.close()


class _ParquetOut:
    """Tables written as Parquet: a folder a table, a part file every :data:`_CONSOLIDATE` documents.

    The columns' Arrow types come from the table's fields (string, int64, float64),
    the same in every part, so that a reader of the folder sees one table.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pending: dict[str, list[pd.DataFrame]] = {name: [] for name in COLUMNS}
        self.parts: dict[str, list[str]] = {name: [] for name in COLUMNS}
        for name in COLUMNS:
            (folder / name).mkdir()

    def add(self, name: str, frame: pd.DataFrame) -> None:
        if len(frame):
            self.pending[name].append(frame)

    def flush(self) -> None:
        import pyarrow as pa

        for name, frames in self.pending.items():
            if frames:
                self._write(name, pa.concat_tables([_arrow(name, frame) for frame in frames]))
                frames.clear()

    def close(self) -> dict[str, list[str]]:
        """Write what is pending; a table without rows gets one empty part, so that it has its columns."""
        self.flush()
        for name, parts in self.parts.items():
            if not parts:
                self._write(name, _arrow(name, _frame(name, [])))
        return {name: list(parts) for name, parts in self.parts.items()}

    def release(self) -> None:
        for frames in self.pending.values():
            frames.clear()

    def _write(self, name: str, table: Any) -> None:
        import pyarrow.parquet as pq

        path = f"{name}/part-{len(self.parts[name]):05d}.parquet"
        pq.write_table(table, self.folder / path)
        self.parts[name].append(path)


_ARROW_TYPES = {"string": "string", "integer": "int64", "number": "float64"}


def _arrow(name: str, frame: pd.DataFrame) -> Any:
    """A table's frame as an Arrow table of the types its fields declare (categoricals as plain strings)."""
    import pyarrow as pa

    fields = _BY_NAME[name].fields
    schema = pa.schema([pa.field(f.name, _ARROW_TYPES[f.type]) for f in fields])
    arrays = [pa.array(frame[f.name].astype(object), type=_ARROW_TYPES[f.type], from_pandas=True) for f in fields]
    return pa.Table.from_arrays(arrays, schema=schema)


def _resource(table: Table, format: str, parts: Mapping[str, Sequence[str]] | None) -> dict[str, Any]:
    """A table's resource in ``datapackage.json``: its CSV file, or its Parquet part files."""
    out = table.resource()
    if format == "parquet":
        del out["encoding"]
        paths = list(parts[table.name]) if parts is not None else [f"{table.name}/part-00000.parquet"]
        out.update(path=paths, format="parquet", mediatype="application/vnd.apache.parquet")
    return out


class _Collected:
    """The tables kept in memory (compacted every :data:`_CONSOLIDATE` documents), the rest written or dropped."""

    def __init__(self, kept: tuple[str, ...]) -> None:
        self.kept = kept
        self.count = 0
        self.failed = 0
        self.done: dict[str, list[pd.DataFrame]] = {name: [] for name in kept}
        self.pending: dict[str, list[pd.DataFrame]] = {name: [] for name in kept}
        self.pending_count = 0

    @property
    def b(self) -> str:
        return f"{self.count} documents"

    def take(self, chunks: Iterable[_Chunk], sink: _CsvOut | _ParquetOut | None = None) -> None:
        for count, frames in chunks:
            self.count += count
            self.failed += len(frames.get("failures", ()))
            for name, frame in frames.items():
                if sink is not None:
                    sink.add(name, frame)
                if name in self.pending:
                    self.pending[name].append(frame)
            self.pending_count += count
            if self.pending_count >= _CONSOLIDATE:
                self._consolidate()
                if sink is not None:
                    sink.flush()
        if not self.count and not self.failed:
            raise CompareError("no documents to compare: the list of documents is empty")
        self._consolidate()

    def _consolidate(self) -> None:
        for name, frames in self.pending.items():
            if frames:
                self.done[name].append(_stack_table(name, frames))
                frames.clear()
        self.pending_count = 0

    def comparison(self, a: str) -> Comparison:
        tables = {name: _stack_table(name, self.done.get(name, [])) for name in COLUMNS}
        omitted = tuple(name for name in COLUMNS if name not in self.kept)
        return _comparison(a, self.b, tables, omitted, self.count)


def _in_process(
    items: Iterable[object],
    plan: Plan | Document,
    sa: _Side,
    job: _Job,
    progress: bool | Callable[[Iterable[Document]], Iterable[Document]],
) -> Generator[_Chunk, None, None]:
    reader = _Reader(items, job.texts, 1, [] if job.record else None)
    stream: Iterable[Document] = reader
    if progress is True:
        from tqdm import tqdm

        stream = tqdm(stream, desc="compare", unit="doc")
    elif callable(progress):
        stream = progress(stream)
    documents = iter(stream)
    try:
        while True:
            chunk = _compare_chunk(plan, sa, itertools.islice(documents, _CHUNK), job, reader)
            if not chunk[0] and not len(chunk[1].get("failures", ())):
                return
            yield chunk
    finally:
        close = getattr(stream, "close", None)  # a progress bar ends with the comparison, error or not
        if callable(close):
            close()


def _compare_chunk(
    plan: Plan | Document, sa: _Side, documents: Iterable[Document], job: _Job, reader: _Reader
) -> _Chunk:
    """Compare a few documents, one at a time, into compact frames of the wanted tables.

    ``reader`` is where the documents come from: the place of each, and where a
    failure is recorded (with ``errors="record"``).
    """
    parts: dict[str, list[tuple[Any, ...]]] = {name: [] for name in job.wanted}
    count = 0
    for doc in documents:
        try:
            sb = _side(doc, "b")
            queries = _queries(_extra_words(plan, doc), sa.units)
            found = _compare(sa, sb, queries, job.top, job.passage_texts)
        except Exception as err:
            if reader.failures is None:
                raised = _named(err, doc.name, reader.position)
                if raised is err:
                    raise
                raise raised from err
            reader.failures.append(_failure(doc.name, reader.position, reader.item, err))
            continue
        for name, rows_found in found.items():
            if name in parts:
                parts[name] += rows_found
        count += 1
        del doc, sb, found  # hold no document while the next one is read
    if reader.failures:
        if "failures" in parts:
            parts["failures"] += reader.failures
        reader.failures.clear()
    return count, {name: _frame(name, found) for name, found in parts.items()}


def _frame(name: str, found: Sequence[tuple[Any, ...]]) -> pd.DataFrame:
    """The rows of one table as compact columns: categoricals for repeated ids and labels, int32."""
    import numpy as np
    import pandas as pd

    columns: list[Sequence[Any]] = [list(c) for c in zip(*found, strict=True)] if found else []
    data: dict[str, Any] = {}
    for i, field in enumerate(_BY_NAME[name].fields):
        values = columns[i] if columns else []
        if field.name in CATEGORICAL:
            data[field.name] = _categorical(values)
        elif field.type == "integer":
            data[field.name] = _integers(np.asarray(values, dtype=np.int64))
        elif field.type == "number":
            data[field.name] = np.asarray([np.nan if v is None else v for v in values], dtype=np.float64)
        else:
            data[field.name] = pd.Series(values, dtype=_string_dtype())  # None stays missing
    return pd.DataFrame(data)


def _categorical(values: Sequence[Any]) -> pd.Categorical:
    import pandas as pd

    categories = sorted({v for v in values if v is not None})
    return pd.Categorical(values, categories=pd.Index(categories, dtype=_string_dtype()))


@functools.cache
def _string_dtype() -> Any:
    """The dtype pandas gives a column of strings (``str`` from pandas 3, object before)."""
    import pandas as pd

    return pd.Series(["x"]).dtype


def _integers(values: npt.NDArray[Any]) -> npt.NDArray[Any]:
    import numpy as np

    small = not len(values) or (int(values.min()) >= -(2**31) and int(values.max()) < 2**31)
    return values.astype(np.int32) if small else values


def _stack_table(name: str, frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """Stack frames of one table; categorical columns get the sorted union of their categories."""
    import pandas as pd
    from pandas.api.types import union_categoricals

    if not frames:
        return _frame(name, [])
    if len(frames) == 1 and all(
        isinstance(frames[0][c].dtype, pd.CategoricalDtype) for c in COLUMNS[name] if c in CATEGORICAL
    ):
        return frames[0].reset_index(drop=True)
    data: dict[str, Any] = {}
    for column in COLUMNS[name]:
        pieces = [frame[column] for frame in frames]
        if column in CATEGORICAL:
            data[column] = union_categoricals([_as_categorical(p) for p in pieces], sort_categories=True)
        else:
            data[column] = pd.concat(pieces, ignore_index=True)
    return pd.DataFrame(data)


def _as_categorical(column: pd.Series) -> pd.Categorical:
    import pandas as pd

    if isinstance(column.dtype, pd.CategoricalDtype):
        values = pd.Categorical(column)
        if values.categories.dtype != _string_dtype():
            values = values.set_categories(pd.Index(list(values.categories), dtype=_string_dtype()))
        return values
    return _categorical([None if is_missing(v) else v for v in column])


# --- many documents in worker processes --------------------------------------

_WORKER: dict[str | None, tuple[Plan | Document, _Side]] = {}  # the plan and its side, once per worker process


@dataclass(frozen=True, slots=True)
class _Shipped:
    """The plan as sent with each chunk to an executor's workers: pickled once, unpickled once per process."""

    token: str
    data: bytes

    @classmethod
    def of(cls, plan: Plan | Document) -> _Shipped:
        import pickle
        import uuid

        return cls(uuid.uuid4().hex, pickle.dumps(plan, protocol=pickle.HIGHEST_PROTOCOL))


def _start_worker(plan: Plan | Document) -> None:
    from threadpoolctl import threadpool_limits

    # numpy's BLAS would start a thread per core in every worker: with N workers on N cores, N² threads
    # contend, and local workers gained nothing over one process; a Dask worker limits them the same way
    threadpool_limits(1)
    _WORKER[None] = (plan, _side(plan, "plan"))


def _worker_plan(shipped: _Shipped | None) -> tuple[Plan | Document, _Side]:
    if shipped is None:
        return _WORKER[None]  # a local process, given the plan when it started
    if shipped.token not in _WORKER:
        import pickle

        for token in [t for t in _WORKER if t is not None]:
            del _WORKER[token]  # one comparison's plan at a time
        plan = pickle.loads(shipped.data)
        _WORKER[shipped.token] = (plan, _side(plan, "plan"))
    return _WORKER[shipped.token]


def _work(task: tuple[list[object], int, _Job, _Shipped | None]) -> _Chunk:
    items, first, job, shipped = task
    plan, sa = _worker_plan(shipped)
    reader = _Reader(items, job.texts, first, [] if job.record else None)
    return _compare_chunk(plan, sa, reader, job, reader)


def _in_executor(
    items: Iterable[object], job: _Job, executor: Executor, slots: int, shipped: _Shipped | None, progress: bool
) -> Generator[_Chunk, None, None]:
    """Chunks compared on an executor, in order, with at most a few chunks read ahead per worker."""
    from ._parallel import chunks, in_order

    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(desc="compare", unit="doc")
    tasks = ((chunk, first, job, shipped) for chunk, first in chunks(items, _CHUNK))
    try:
        for done in in_order(executor, _work, tasks, slots * _IN_FLIGHT):
            if bar is not None:
                bar.update(done[0])
            yield done
    finally:
        if bar is not None:
            bar.close()


def _in_processes(
    items: Iterable[object], plan: Plan | Document, job: _Job, workers: int, progress: bool
) -> Generator[_Chunk, None, None]:
    """Chunks compared in a local process pool: :func:`_in_executor` on a ProcessPoolExecutor of ``workers``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the plan's side already built here; elsewhere each process builds it once
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(plan,))
    try:
        yield from _in_executor(items, job, pool, workers, None, progress)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def concat(parts: Iterable[Comparison]) -> Comparison:
    """Stack comparisons of the same ``a`` (e.g. the parts computed by parallel workers).

    The tables come out as :func:`compare_many` gives them (categorical ids and labels).
    """
    parts = list(parts)
    if not parts:
        raise CompareError("concat() needs at least one comparison")
    omitted = tuple(name for name in COLUMNS if any(name in p.omitted for p in parts))
    frames = {name: [getattr(p, name) for p in parts] for name in COLUMNS}
    count = sum(p.documents for p in parts)
    tables = {name: _stack_table(name, frames[name]) if name not in omitted else _frame(name, []) for name in COLUMNS}
    return _comparison(parts[0].a, f"{count} documents", tables, omitted, count)

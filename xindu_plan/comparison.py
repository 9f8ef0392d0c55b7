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
    term of a measure (the reviewed concordance ``lexicon/measure_concepts.csv``)
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
holds: 1 means every word of the measure is there. The verdict is ``counterpart``
at :data:`COUNTERPART_AT` or more, ``partial`` at :data:`PARTIAL_AT` or more and
above what the unit reaches in the unrelated calibration texts
(``xindu_plan/lexicon/controls/``), ``none`` otherwise. The thresholds were
chosen on the hand-made relevance set in ``tests/eval/`` (see the README).

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

import difflib
import functools
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._atomic import write_atomically
from ._values import is_missing, plain, plain_records, rows
from .errors import CompareError
from .reader import Document, parse, read_document, split_sentences
from .retrieval import BM25_B, BM25_K1, Words, concepts, idf, reference_frequencies, score, words
from .tables import Field, Table

if TYPE_CHECKING:
    import numpy.typing as npt
    import pandas as pd

    from .plan import Plan

__all__ = [
    "COLUMNS",
    "CONCEPT_WEIGHT",
    "COUNTERPART_AT",
    "HEADING_WEIGHT",
    "LEAD_WEIGHT",
    "LONG_PARAGRAPH",
    "MIN_SHARED_WORDS",
    "PAIR_THRESHOLD",
    "PARTIAL_AT",
    "RUN_CHARS",
    "TABLES",
    "VERDICTS",
    "CompareError",
    "Comparison",
    "compare",
    "compare_many",
    "concat",
]

#: Least coverage of a unit by its best passage for the verdict ``counterpart``.
COUNTERPART_AT = 0.14
#: Least coverage for ``partial`` (and it must exceed the unit's coverage in unrelated text).
PARTIAL_AT = 0.07
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
    "counterpart": f"b has a passage covering at least {COUNTERPART_AT} of the unit's weighted words",
    "partial": f"b's best passage covers at least {PARTIAL_AT}, more than the unit reaches in unrelated text",
    "none": f"no passage of b covers the unit beyond what unrelated text does, or shares {MIN_SHARED_WORDS} words",
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
    """The comparison of ``a`` with ``b``: five tables declared in :data:`TABLES`."""

    a: str
    b: str
    decisions: pd.DataFrame
    passages: pd.DataFrame
    summary: pd.DataFrame
    terms: pd.DataFrame
    targets: pd.DataFrame

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """The five tables by name."""
        return {name: getattr(self, name) for name in COLUMNS}

    def to_dict(self) -> dict[str, Any]:
        """Return the comparison as JSON-ready data: its method and every table as records."""
        return {
            "a": self.a,
            "b": self.b,
            "method": _method(),
            **{name: plain_records(frame) for name, frame in self.tables.items()},
        }

    def to_json(self) -> str:
        """Return :meth:`to_dict` as a JSON string (UTF-8 characters kept)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def findings(self) -> list[str]:
        """Return the findings in sentences, one a document: which pillars b takes up and which it does not."""
        out = []
        for document, decisions in self.decisions.groupby("document", sort=False):
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
        return out

    def to_markdown(self, excerpt: int = 40) -> str:
        """Return a Markdown report: findings in sentences, then decisions, passages, summary, terms, targets."""
        out = [f"# {self.a} compared with {self.b}", "", "## Findings", ""]
        out += [f"- {s}" for s in self.findings()] or ["- Nothing was compared."]
        out += ["", _method()["retrieval"], "", _method()["verdict"], ""]
        out += ["## Coverage of each pillar", "", _markdown(self.summary, list(COLUMNS["summary"])), ""]
        decisions = ["document", "unit_id", "unit_label", "verdict", "coverage", "unrelated_coverage"]
        best = self.passages[self.passages["rank"] == 1].copy()
        best["text"] = [t if len(t) <= excerpt else t[:excerpt] + "…" for t in best["text"].fillna("")]
        joined = self.decisions[[*decisions, "best_passage_id", "shared_words"]].merge(
            best[["document", "unit_id", "heading", "text"]], on=["document", "unit_id"], how="left"
        )
        columns = [*decisions, "best_passage_id", "heading", "shared_words", "text"]
        out += ["## Decision and best passage for each unit", "", _markdown(joined, columns), ""]
        for status in ("continued", "dropped", "new", "new_unrelated"):
            chosen = self.terms[self.terms["status"] == status]
            if status.startswith("new"):
                chosen = chosen.sort_values("relevance", ascending=False, kind="stable")
            listed = "、".join(dict.fromkeys(chosen["term"])) or "none"
            out += [f"## Terms {status.replace('_', ' ')} ({chosen['term'].nunique()})", "", listed, ""]
        out += ["## Paired targets", "", _markdown(self.targets, list(COLUMNS["targets"])), ""]
        return "\n".join(out)

    def datapackage(self) -> dict[str, Any]:
        """Return the ``datapackage.json`` describing the CSV files :meth:`write_csv` writes."""
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
            "resources": [table.resource() for table in TABLES],
        }

    def write_csv(self, folder: Path, overwrite: bool = False) -> Path:
        """Write one CSV per table and their ``datapackage.json`` into a new ``folder``, atomically.

        The folder gets the marker ``.xindu-plan.json``; ``overwrite`` replaces only a
        folder this method wrote (one carrying the marker).

        Raises:
            CompareError: ``folder`` exists (without ``overwrite``) or is not ours to
                replace, is a protected folder, or cannot be written.
        """

        def write(target: Path) -> None:
            target.mkdir()
            for name, frame in self.tables.items():
                frame.to_csv(target / _BY_NAME[name].file, index=False, lineterminator="\n")
            (target / "datapackage.json").write_text(
                json.dumps(self.datapackage(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )

        return write_atomically(Path(folder), write, overwrite=overwrite, error=CompareError, folder=True)


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
            f"Verdict per unit from the coverage of its best passage: counterpart at {COUNTERPART_AT} or more, "
            f"partial at {PARTIAL_AT} or more and above the unit's coverage in the unrelated calibration texts, "
            f"none otherwise and whenever the best passage shares fewer than {MIN_SHARED_WORDS} words with the "
            "unit (thresholds chosen on the hand-made relevance set, tests/eval/)."
        ),
        "counterpart_at": COUNTERPART_AT,
        "partial_at": PARTIAL_AT,
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
    unrelated: npt.NDArray[Any]  # per unit: its highest coverage in the calibration texts


@functools.lru_cache(maxsize=4)
def _queries(extra: tuple[str, ...], units: tuple[_Unit, ...]) -> _Queries:
    import numpy as np

    tokenizer = words(extra, tuple(sorted({c for unit in units for c in unit.concepts})))
    frequencies, count = reference_frequencies(tokenizer)
    counts: list[dict[str, float]] = []
    for unit in units:
        weights: dict[str, float] = {}
        for token in tokenizer.tokens(unit.text):
            weights[token] = weights.get(token, 0.0) + 1.0
        for token in tokenizer.tokens(unit.label):
            weights[token] = weights.get(token, 0.0) + LEAD_WEIGHT - 1.0
        for token in tokenizer.tokens("\n".join(unit.concepts)):
            weights[token] = weights.get(token, 0.0) + CONCEPT_WEIGHT
        counts.append(weights)
    terms = tuple(sorted({w for c in counts for w in c}))
    vocabulary = {w: i for i, w in enumerate(terms)}
    matrix = np.zeros((len(units), len(terms)))
    for row, weights in enumerate(counts):
        for w, n in weights.items():
            matrix[row, vocabulary[w]] = n * idf(frequencies.get(w, 0), count)
    unit_words = tuple(frozenset(c) for c in counts)
    base = _Queries(tokenizer, vocabulary, terms, matrix, unit_words, np.zeros(len(units)))
    unrelated = np.zeros(len(units))
    for doc in _controls():
        passages = _passages_of(doc)
        if passages:
            unrelated = np.maximum(unrelated, _scores(base, passages)[0].coverage.max(axis=0))
    return _Queries(tokenizer, vocabulary, terms, matrix, unit_words, unrelated)


@functools.cache
def _controls() -> tuple[Document, ...]:
    """The unrelated calibration texts shipped in ``xindu_plan/lexicon/controls/``."""
    from importlib import resources

    folder = resources.files("xindu_plan") / "lexicon" / "controls"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".txt")), key=lambda f: f.name)
    return tuple(parse(f.read_text(encoding="utf-8"), name=f.name.removesuffix(".txt")) for f in files)


def _scores(queries: _Queries, passages: Sequence[_Passage]) -> tuple[Any, list[list[str]]]:
    tokenizer, vocabulary = queries.words, queries.vocabulary
    ids, lengths, heading_ids, tokens_of = [], [], [], []
    headings: dict[str | None, list[int]] = {}
    for passage in passages:
        tokens = tokenizer.tokens(passage.text)
        tokens_of.append(tokens)
        ids.append([vocabulary[t] for t in tokens if t in vocabulary])
        lengths.append(len(tokens))
        if passage.heading not in headings:
            text = passage.heading or ""
            headings[passage.heading] = [vocabulary[t] for t in tokenizer.tokens(text) if t in vocabulary]
        heading_ids.append(headings[passage.heading])
    return score(ids, lengths, queries.weights, heading_ids, HEADING_WEIGHT), tokens_of


# --- the tables --------------------------------------------------------------


def compare(a: Plan | Document, b: Plan | Document, *, top: int = _TOP, texts: bool = True) -> Comparison:
    """Compare ``a`` (usually the plan) with a later document ``b``.

    Args:
        a: the earlier text: the :class:`~xindu_plan.plan.Plan` or a parsed Document.
        b: the later text, usually a :class:`~xindu_plan.reader.Document`.
        top: passages of ``b`` kept for each unit of ``a``.
        texts: keep each passage's text in the ``passages`` table (``False``: empty, to save memory).

    Raises:
        CompareError: ``a`` or ``b`` is neither a Plan nor a Document, or ``top`` < 1.
    """
    _check_top(top)
    sa = _side(a, "a")
    sb = _side(b, "b")
    queries = _queries(_extra_words(a, b), sa.units)
    return _frames(sa.name, sb.name, _compare(sa, sb, queries, top, texts))


def _check_top(top: object) -> None:
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise CompareError(f"top must be a whole number of at least 1, not {top!r}")


def _frames(a: str, b: str, parts: dict[str, list[tuple[Any, ...]]]) -> Comparison:
    import pandas as pd

    tables = {name: pd.DataFrame(parts[name], columns=list(COLUMNS[name])) for name in COLUMNS}
    return Comparison(a, b, **tables)


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
            verdict, coverage, best, shared = "none", 0.0, None, ""
            reason = "the document has no body paragraphs"
        elif not ranked:
            verdict, coverage, best, shared = "none", 0.0, None, ""
            reason = "no passage shares a word with the unit"
        else:
            i = ranked[0]
            coverage = round(float(scores.coverage[i, u]), 6)
            best, shared = passages[i].passage_id, _shared(queries, scores.shared[i], weights)
            count = int(((scores.shared[i] > 0) & (weights > 0)).sum())
            verdict, reason = _verdict(coverage, unrelated, count)
        verdicts[unit.unit_id] = verdict
        out["decisions"].append((*head, verdict, coverage, unrelated, best, shared, reason))
    out["terms"] = _terms(sa, sb, queries)
    out["targets"] = _targets(sa, sb)
    out["summary"] = _summary(sa, sb, queries, verdicts, out["terms"], b_words)
    return out


def _verdict(coverage: float, unrelated: float, shared: int) -> tuple[str, str]:
    if shared < MIN_SHARED_WORDS:
        return "none", f"the best passage shares {shared} word with the unit (fewer than {MIN_SHARED_WORDS})"
    if coverage >= COUNTERPART_AT and coverage > unrelated:
        return "counterpart", f"coverage {coverage:.3f} >= {COUNTERPART_AT}"
    if coverage >= PARTIAL_AT and coverage > unrelated:
        return "partial", f"coverage {coverage:.3f} >= {PARTIAL_AT} and above unrelated text ({unrelated:.3f})"
    if coverage < PARTIAL_AT:
        return "none", f"coverage {coverage:.3f} < {PARTIAL_AT}"
    return "none", f"coverage {coverage:.3f} not above unrelated text ({unrelated:.3f})"


def _shared(queries: _Queries, present: npt.NDArray[Any], weights: npt.NDArray[Any]) -> str:
    import numpy as np

    both = np.flatnonzero((present > 0) & (weights > 0))
    chosen = sorted(both, key=lambda j: (-weights[j], queries.terms[j]))[:_SHOWN_WORDS]
    return "|".join(queries.terms[j] for j in chosen)


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


def _documents(items: Iterable[str | Path | Document], texts: bool) -> Iterator[Document]:
    for n, item in enumerate(items, start=1):
        if isinstance(item, Document):
            yield item
        elif isinstance(item, Path):
            yield parse(read_document(item), name=item.stem)
        elif isinstance(item, str) and texts:
            yield parse(item, name=f"document-{n}")
        elif isinstance(item, str):
            if "\n" in item or len(item) > 4096 or not os.path.isfile(item):
                shown = item if len(item) <= 40 else item[:40] + "…"
                raise CompareError(
                    f"item {n} of documents, {shown!r}, names no existing file; give texts=True to compare "
                    "strings as the documents' text"
                )
            yield parse(read_document(Path(item)), name=Path(item).stem)
        else:
            raise CompareError(
                f"item {n} of documents is a {type(item).__name__}; "
                "give paths (pathlib.Path or str), texts (str, with texts=True) or parsed Documents"
            )


def compare_many(
    documents: Iterable[str | Path | Document],
    plan: Plan | Document | None = None,
    *,
    top: int = _TOP,
    texts: bool = False,
    passage_texts: bool = True,
    workers: int = 1,
    progress: bool | Callable[[Iterable[Document]], Iterable[Document]] = True,
) -> Comparison:
    """Compare the plan with many documents into one long table per kind.

    The plan's side (its units as weighted queries, and their coverage in unrelated
    text) is built once; documents are read, parsed and compared one after another
    and then dropped, so memory holds one document and the growing result tables.

    >>> import glob
    >>> compare_many(glob.glob("no-such-folder/*.txt"), progress=False)
    Traceback (most recent call last):
    ...
    xindu_plan.errors.CompareError: no documents to compare: the list of documents is empty

    Args:
        documents: paths (``pathlib.Path`` or ``str`` naming an existing file, read
            in UTF-8, GB18030 or Big5, named by the file's stem), texts (``str``
            with ``texts=True``, named ``document-1`` …) or parsed Documents, in any
            iterable, generators included.
        plan: the ``a`` side (default: the packaged plan, loaded once).
        top: passages kept per unit.
        texts: read strings as the documents' text rather than as paths.
        passage_texts: keep each passage's text in ``passages`` (``False`` saves
            most of the memory of large runs).
        workers: processes to compare in (documents are split into chunks in
            order; results are identical to ``workers=1``).
        progress: show a tqdm progress bar on standard error (True), none (False),
            or a wrapper of your own (one process only).

    Raises:
        ParseError: a path cannot be read; the message names it.
        CompareError: there are no documents, an item is neither a path, a text
            nor a Document, a string names no file (without ``texts=True``), or
            ``workers`` < 1.
    """
    _check_top(top)
    if not isinstance(workers, int) or isinstance(workers, bool) or workers < 1:
        raise CompareError(f"workers must be a whole number of at least 1, not {workers!r}")
    if plan is None:
        from .plan import load

        plan = load()
    if workers > 1:
        return _in_processes(list(documents), plan, top, texts, passage_texts, workers)
    stream: Iterable[Document] = _documents(documents, texts)
    if progress is True:
        from tqdm import tqdm

        stream = tqdm(stream, desc="compare", unit="doc")
    elif callable(progress):
        stream = progress(stream)
    sa = _side(plan, "plan")
    parts: dict[str, list[tuple[Any, ...]]] = {name: [] for name in COLUMNS}
    frames: dict[str, list[pd.DataFrame]] = {name: [] for name in COLUMNS}
    count = 0
    for doc in stream:
        sb = _side(doc, "b")
        queries = _queries(_extra_words(plan, doc), sa.units)
        for name, found in _compare(sa, sb, queries, top, passage_texts).items():
            parts[name] += found
        count += 1
        del doc, sb  # hold no document while the next one is read
        if count % 500 == 0:  # rows become compact columns now and then
            _flush(parts, frames)
    if not count:
        raise CompareError("no documents to compare: the list of documents is empty")
    _flush(parts, frames)
    return Comparison(sa.name, f"{count} documents", **_stack(frames))


def _flush(parts: dict[str, list[tuple[Any, ...]]], frames: dict[str, list[pd.DataFrame]]) -> None:
    import pandas as pd

    for name, found in parts.items():
        if found:
            frames[name].append(pd.DataFrame(found, columns=list(COLUMNS[name])))
            found.clear()


def _stack(frames: dict[str, list[pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    import pandas as pd

    return {
        name: pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=list(COLUMNS[name]))
        for name, parts in frames.items()
    }


def _chunk(job: tuple[list[Any], Any, int, bool, bool]) -> Comparison:
    items, plan, top, texts, passage_texts = job
    return compare_many(items, plan, top=top, texts=texts, passage_texts=passage_texts, progress=False)


def _in_processes(
    items: list[Any], plan: Plan | Document, top: int, texts: bool, passage_texts: bool, workers: int
) -> Comparison:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if not items:
        raise CompareError("no documents to compare: the list of documents is empty")
    # fork shares the plan's side already built here; elsewhere each process builds it once
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    sa = _side(plan, "plan")
    _queries(_extra_words(plan), sa.units)  # built before the fork
    size = max(1, -(-len(items) // (workers * 4)))
    jobs = [(items[i : i + size], plan, top, texts, passage_texts) for i in range(0, len(items), size)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        parts = list(pool.map(_chunk, jobs))
    return concat(parts)


def concat(parts: Iterable[Comparison]) -> Comparison:
    """Stack comparisons of the same ``a`` (e.g. the parts computed by parallel workers)."""
    parts = list(parts)
    if not parts:
        raise CompareError("concat() needs at least one comparison")
    frames = {name: [getattr(p, name) for p in parts] for name in COLUMNS}
    count = sum(len(set(p.decisions["document"])) for p in parts)
    return Comparison(parts[0].a, f"{count} documents", **_stack(frames))

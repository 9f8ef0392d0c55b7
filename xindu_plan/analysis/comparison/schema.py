"""The tables of a comparison, declared field by field once (:data:`TABLES`, the contract
mechanism of :mod:`xindu_plan.base.tables`): ``decisions``, ``passages``, ``summary``, ``terms``,
``targets`` and ``failures``; the CSV files, their ``datapackage.json``, :data:`COLUMNS` and the
column order of the DataFrames are all generated from them.
"""

from __future__ import annotations

from xindu_plan.analysis.comparison.decision import VERDICTS
from xindu_plan.analysis.retrieval import BM25_B, BM25_K1, SUMMARY_WEIGHT
from xindu_plan.base.tables import Field, Table

__all__ = [
    "COLUMNS",
    "TABLES",
    "_BY_NAME",
]


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
                "passage covering the unit as much as b's best one (xindu_plan.analysis.chance; the fourteen "
                "reports of xindu_plan/calibration/): low = beyond what the genre reaches without the policy.",
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
            Field(
                "best_passage_id",
                "string",
                "The passage of b the verdict rests on: the one covering the unit most, of equal coverages the first "
                "ranked (see passages), if any.",
                required=False,
            ),
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
        "For each unit of a, the best passages of b by BM25, best first: the first top, and further down to "
        "the passage the decision rests on when it ranks lower.",
        (
            _document(),
            *_unit(),
            Field("rank", "integer", "1 for the first passage of b by BM25, then 2, 3 ….", minimum=1),
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
                f"Okapi BM25 score (k1={BM25_K1}, b={BM25_B}) of the passage for the unit's words, taken "
                f"{SUMMARY_WEIGHT} times for a line of a summary list (a paragraph opened by a dash, ——); "
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

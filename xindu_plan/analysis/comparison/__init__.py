"""Compare the Xindu plan with a later plan document, or two documents with each other.

:func:`compare` answers the transmission question for one pair ``a`` → ``b``
(``a`` the earlier text, usually the plan; ``b`` a later outline, proposal or work
report parsed with :func:`xindu_plan.parse`): for each measure of the plan, does
``b`` treat the same policy, and where? It returns a :class:`Comparison` holding
five pandas DataFrames, each declared field by field in :data:`TABLES` (the same
contract mechanism as the plan's own tables, :mod:`xindu_plan.base.tables`):

``decisions``
    One row per unit of ``a`` (a measure of the plan, or a body paragraph of a
    document): the verdict ``counterpart``, ``partial`` or ``none``, read from the
    coverage of the unit by its best passage in ``b`` (see below), beside the
    coverage the same unit reaches in unrelated text.
``passages``
    For each unit, the ``top`` best passages of ``b`` by BM25, and further down to the
    passage the decision rests on when it ranks lower: a body paragraph, or a run
    of sentences of at most :data:`RUN_CHARS` characters inside a paragraph longer
    than :data:`LONG_PARAGRAPH` (the level a scholar cites). Ranked by Okapi BM25
    over whole words (:mod:`xindu_plan.analysis.retrieval`): jieba words with the plan's
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
:mod:`xindu_plan.analysis.chance`: its **chance** is how often a State Council work report of
1978–1994 (same genre, before the policies of the plan; :mod:`xindu_plan.calibration`)
as long as ``b`` has a passage covering the unit as much, and **chance_other** the same
among the passages of those reports that treat another unit. The verdict is
``counterpart`` when ``chance_other`` is at most :data:`COUNTERPART_CHANCE` and
``chance`` at most :data:`COUNTERPART_CHANCE_ALL`, ``partial`` when ``chance`` is at
most :data:`PARTIAL_CHANCE`, ``none`` otherwise; and ``none`` whenever the passage
shares fewer than :data:`MIN_EVIDENCE_WORDS` words not generic for the genre (a word in
5% or more of the calibration passages is generic: 企业, 改革, 管理) or no more than
unrelated text reaches. The passage the decision rests on (``best_passage_id``) is the
one covering the unit most, as the chance is the chance of the best of a document's
passages; ``passages`` ranks by BM25 and reaches down to it when it ranks below
``top``. The words that carry the verdict (``evidence_words``) and those the passage lacks (``missing_words``) are
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

from typing import TYPE_CHECKING

from xindu_plan.analysis.comparison.decision import (
    COUNTERPART_CHANCE,
    COUNTERPART_CHANCE_ALL,
    MIN_EVIDENCE_WORDS,
    MIN_SHARED_WORDS,
    PARTIAL_CHANCE,
    VERDICTS,
)
from xindu_plan.analysis.comparison.frames import CATEGORICAL
from xindu_plan.analysis.comparison.many import compare_many, concat
from xindu_plan.analysis.comparison.pair import _TOP, _check_top, _compare
from xindu_plan.analysis.comparison.queries import CONCEPT_WEIGHT, HEADING_WEIGHT, LEAD_WEIGHT, _queries, tokenizer
from xindu_plan.analysis.comparison.report import Comparison, _frames
from xindu_plan.analysis.comparison.schema import COLUMNS, TABLES
from xindu_plan.analysis.comparison.sides import LONG_PARAGRAPH, RUN_CHARS, _extra_words, _side
from xindu_plan.analysis.comparison.terms import PAIR_THRESHOLD
from xindu_plan.base.errors import CompareError

if TYPE_CHECKING:
    from xindu_plan.dataset.plan import Plan
    from xindu_plan.reading.reader import Document

__all__ = [
    "CATEGORICAL",
    "COLUMNS",
    "CONCEPT_WEIGHT",
    "COUNTERPART_CHANCE",
    "COUNTERPART_CHANCE_ALL",
    "HEADING_WEIGHT",
    "LEAD_WEIGHT",
    "LONG_PARAGRAPH",
    "MIN_EVIDENCE_WORDS",
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
        a: the earlier text: the :class:`~xindu_plan.dataset.plan.Plan` or a parsed Document.
        b: the later text, usually a :class:`~xindu_plan.reading.reader.Document`.
        top: passages of ``b`` kept for each unit of ``a`` (more when the passage the decision
            rests on ranks lower: the kept ranks reach down to it).
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

"""The query side of a comparison, built once per ``a``: its units as weighted queries over one
vocabulary (a unit's words, its lead phrase :data:`LEAD_WEIGHT` times, a measure's national policy
terms :data:`CONCEPT_WEIGHT` times each, weighted by the reference's idf), the whole-word
:func:`tokenizer` that cuts both sides, the BM25 scores and coverage of passages (a heading's words
counting :data:`HEADING_WEIGHT`; a line of a summary list's score taken
:data:`~xindu_plan.analysis.retrieval.SUMMARY_WEIGHT` times), and the calibration those queries are
put on a scale by: the coverage reached in the unrelated control texts and in the calibration reports.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from xindu_plan.analysis import retrieval
from xindu_plan.analysis.chance import Null
from xindu_plan.analysis.comparison.sides import _extra_words, _Passage, _passages_of, _plan_side, _Unit
from xindu_plan.analysis.retrieval import Words, idf, reference_frequencies, score, words
from xindu_plan.reading.reader import Document, parse

if TYPE_CHECKING:
    import numpy.typing as npt

    from xindu_plan.dataset.plan import Plan

__all__ = [
    "CONCEPT_WEIGHT",
    "HEADING_WEIGHT",
    "LEAD_WEIGHT",
    "_Queries",
    "_queries",
    "_scores",
    "calibration_scores",
    "tokenizer",
]

#: How many times a unit's lead phrase counts in its query.
LEAD_WEIGHT = 2
#: How much each word of a passage's heading counts (a word of the passage counts 1).
HEADING_WEIGHT = 1.0
#: How many times each national policy term of a measure (lexicon/measure_concepts.csv) counts in its query.
CONCEPT_WEIGHT = 1.0


@dataclass(frozen=True)
class _Queries:
    """The units of ``a`` as weighted queries over one vocabulary (built once per ``a``)."""

    words: Words
    vocabulary: dict[str, int]
    terms: tuple[str, ...]  # vocabulary id → word
    weights: npt.NDArray[Any]  # units × vocabulary
    unit_words: tuple[frozenset[str], ...]
    unrelated: npt.NDArray[Any]  # per unit: its highest coverage in the unrelated control texts
    null: Null | None = None  # the calibration of the decision (xindu_plan.analysis.chance)


def tokenizer(a: Plan | Document, b: Plan | Document | None = None) -> Words:
    """The whole-word tokenizer :func:`compare` cuts ``a`` and ``b`` with: jieba's words with the
    plan's terms, entity names and aliases kept whole and its measures' national terms known
    (:func:`xindu_plan.analysis.retrieval.words`).

    >>> from xindu_plan import load
    >>> tokenizer(load()).tokens("实施香城英才计划，推进乡村振兴")
    ['香城英才计划', '乡村振兴', '乡村', '振兴']
    """
    from xindu_plan.dataset.plan import Plan

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
    from xindu_plan import calibration

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
    scores = score(ids, lengths, queries.weights, heading_ids, HEADING_WEIGHT)
    lines = [i for i, passage in enumerate(passages) if passage.summary_line]
    if lines and retrieval.SUMMARY_WEIGHT != 1.0:
        scores.bm25[lines, :] *= retrieval.SUMMARY_WEIGHT
    return scores, tokens_of

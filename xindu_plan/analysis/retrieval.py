"""Whole-word retrieval for the comparison: tokens, the stop-list, reference weights, BM25 scores.

The comparison (:mod:`xindu_plan.analysis.comparison`) asks, for each measure of the plan,
which passage of another document treats the same policy. This module answers
with words, not characters:

* **tokens** are jieba's words in its accurate mode (HMM off, so the cut is fixed
  by the jieba version), with the plan's quoted terms, entity names and the
  names in ``lexicon/names.csv`` added to its dictionary so that each stays one
  word. A compound of four or more characters that is not a name and splits at
  one point into two words of jieba's dictionary (社会保障 → 社会 + 保障) also
  yields its two halves: the halves are words meeting at the compound's own
  boundary, never a string across one (search mode's 四五 in 十四五, 业生 in
  产业生态, 高质 in 高质量 are gone). Names are never split: 主体功能区 and
  产业功能区 share no token. Tokens of one character, tokens without a Chinese
  character or a Latin letter, and the generic words of ``lexicon/stopwords.csv``
  are dropped; Latin letters are lower-cased (IBM = ibm).
* **weights** are inverse document frequencies over a fixed reference: the body
  paragraphs of the corpus documents of :data:`REFERENCE_DOCUMENTS` (:mod:`xindu_plan.corpus`)
  and the plan. A
  fixed reference makes a word weigh the same in every document compared, so
  scores of different documents can be set side by side and against unrelated text.
* **scores** are Okapi BM25 (Robertson and Zaragoza 2009; k1 = 1.2, the usual
  default; b = 0.3, weaker length normalisation than the usual 0.75, so that the
  long sentence runs of a national report, where its policy detail sits, do not
  lose to short paragraphs: chosen on the relevance set, see the README)
  computed for all units and passages at once with numpy (a passage ×
  vocabulary matrix times a vocabulary × unit matrix), and the **coverage**
  of a unit by a passage: the weighted share of the unit's words found in it (0–1).

>>> w = words(("产业功能区",))
>>> w.tokens("推动产业功能区建设，优化主体功能区布局")
['产业功能区', '主体功能区', '布局']
>>> w.tokens("健全社会保障体系")  # 健全, 保障 and 体系 are on the stop-list
['社会保障', '社会']
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from xindu_plan.base.resources import lexicon

if TYPE_CHECKING:
    import numpy.typing as npt
    from jieba import Tokenizer

__all__ = [
    "BM25_B",
    "BM25_K1",
    "REFERENCE_DOCUMENTS",
    "SUMMARY_WEIGHT",
    "Scores",
    "Words",
    "concepts",
    "idf",
    "names",
    "reference_frequencies",
    "score",
    "stopwords",
    "words",
]

#: BM25 term-frequency saturation.
BM25_K1 = 1.2
#: BM25 length normalisation.
BM25_B = 0.3
#: The comparison's BM25 score of a line of a summary list (a paragraph opened by a dash, ——: a review's
#: achievements, a plan's goals, each opening with the field it sums up and running through many of its
#: policies) is taken this many times: such lines rank below the passages that set one policy out. Set
#: by reading the ranking's misses on the relevance set (README, Ranking); it moves the ranking, not the
#: decision, which rests on coverage.
SUMMARY_WEIGHT = 0.8
#: The corpus documents whose body paragraphs, with the plan's measures, make the fixed reference of
#: word weights. Named, not "the whole corpus": a document added to the corpus later (an outcome
#: report, say) leaves every weight, and so every comparison, as it was.
REFERENCE_DOCUMENTS = (
    "national-gwr-2021",
    "national-gwr-2022",
    "national-gwr-2023",
    "national-gwr-2024",
    "xindu-14fyp-outline-resolution-excerpt",
    "chengdu-14fyp-outline-excerpt",
    "chengdu-cpc-proposal-2020-excerpt",
    "chengdu-gwr-2022-excerpt",
)
_KEEP = re.compile(r"[\u3400-\u9fffA-Za-z]")
_SPLIT_FROM = 4  # compounds of at least this many characters yield their two halves


@functools.cache
def stopwords() -> frozenset[str]:
    """The generic policy words never used as evidence (``lexicon/stopwords.csv``).

    >>> {"推动", "建设", "着力", "加强", "工作"} <= stopwords()
    True
    """
    return frozenset(row["word"] for row in lexicon("stopwords.csv"))


@functools.cache
def names() -> frozenset[str]:
    """Fixed policy names matched only whole (``lexicon/names.csv``).

    >>> "主体功能区" in names()
    True
    """
    return frozenset(row["name"] for row in lexicon("names.csv"))


@functools.cache
def concepts() -> dict[str, tuple[str, ...]]:
    """The national policy terms of each measure of the plan (``lexicon/measure_concepts.csv``),
    by measure id, in the file's order.

    A district measure speaks its own vocabulary (programme names, slogans); the
    concordance names the same policy in the words of national and
    provincial plan documents, and the comparison searches for both.

    >>> all(m.startswith("M") and terms for m, terms in concepts().items())
    True
    """
    out: dict[str, list[str]] = {}
    for row in lexicon("measure_concepts.csv"):
        out.setdefault(row["measure_id"], []).append(row["term"])
    return {m: tuple(terms) for m, terms in out.items()}


@functools.lru_cache(maxsize=4)
def _tokenizer(extra: tuple[str, ...]) -> Tokenizer:
    from xindu_plan.chinese.mentions import jieba_dictionary, jieba_tokenizer

    # jieba's dictionary as the mention rule reads it (no cache in the shared temporary
    # folder), copied: the extra words are added to this tokenizer only.
    freq, total = jieba_dictionary()
    tokenizer = jieba_tokenizer(dict(freq), total)
    for word in extra:
        tokenizer.add_word(word)
    return tokenizer


class Words:
    """The whole-word tokenizer of the comparison, with extra names kept whole.

    Args:
        extra: words to keep whole besides ``lexicon/names.csv`` (the plan's terms
            and entity names).
        compounds: words to add to the dictionary as ordinary compounds (one token,
            and its two halves when it splits into two dictionary words).
    """

    def __init__(self, extra: Iterable[str] = (), compounds: Iterable[str] = ()) -> None:
        self.whole = frozenset(w for w in extra if w) | names()
        added = self.whole | frozenset(w for w in compounds if w)
        self._tokenizer = _tokenizer(tuple(sorted(added)))
        self._stop = stopwords()
        self._freq = self._tokenizer.FREQ

    def _halves(self, word: str) -> tuple[str, ...]:
        if len(word) < _SPLIT_FROM or word in self.whole:
            return ()
        for i in range(2, len(word) - 1):
            left, right = word[:i], word[i:]
            if self._freq.get(left) and self._freq.get(right):
                return left, right
        return ()

    def tokens(self, text: str) -> list[str]:
        """Return the content tokens of ``text`` in order (halves after their compound)."""
        out = []
        stop = self._stop
        for word in self._tokenizer.cut(text, HMM=False):
            if len(word) < 2 or not _KEEP.search(word):
                continue
            word = word.lower()
            for token in (word, *self._halves(word)):
                if token not in stop:
                    out.append(token)
        return out


@functools.lru_cache(maxsize=4)
def words(extra: tuple[str, ...] = (), compounds: tuple[str, ...] = ()) -> Words:
    """The tokenizer keeping ``extra`` whole and knowing ``compounds``, built once per process for the
    same words."""
    return Words(extra, compounds)


@functools.lru_cache(maxsize=4)
def reference_frequencies(words: Words) -> tuple[dict[str, int], int]:
    """Document frequencies of tokens over the reference paragraphs, and their number.

    The reference is every body paragraph of the corpus documents named in :data:`REFERENCE_DOCUMENTS`
    and every measure of the plan.
    """
    from xindu_plan import corpus
    from xindu_plan.dataset.plan import load

    frequencies: dict[str, int] = {}
    count = 0
    texts = [str(t) for t in load().measures["body"]]
    for name in REFERENCE_DOCUMENTS:
        doc = corpus.document(name)
        texts += [str(t) for t in doc.paragraphs.loc[doc.paragraphs["kind"] == "body", "text"]]
    for text in texts:
        count += 1
        for token in set(words.tokens(text)):
            frequencies[token] = frequencies.get(token, 0) + 1
    return frequencies, count


def idf(frequency: int, count: int) -> float:
    """BM25's inverse document frequency, kept positive (the +1 inside the logarithm, as Lucene).

    >>> round(idf(0, 100), 3), round(idf(50, 100), 3)
    (5.308, 0.693)
    """
    return math.log((count - frequency + 0.5) / (frequency + 0.5) + 1)


@dataclass(frozen=True)
class Scores:
    """BM25 scores and coverage of every unit (columns) by every passage (rows)."""

    bm25: npt.NDArray[Any]
    coverage: npt.NDArray[Any]
    shared: npt.NDArray[Any]  # passages × vocabulary: 1 where the passage holds the word


def score(
    passages: Sequence[Sequence[int]],
    lengths: Sequence[int],
    queries: npt.NDArray[Any],
    heading: Sequence[Sequence[int]] | None = None,
    heading_weight: float = 0.5,
) -> Scores:
    """Score passages (token ids into the query vocabulary) against weighted queries.

    Args:
        passages: for each passage, the ids of its tokens that are in the vocabulary.
        lengths: each passage's length in content tokens (all of them, for BM25's length norm).
        queries: units × vocabulary weights (query term count × idf).
        heading: for each passage, the vocabulary ids of its heading's tokens,
            counted ``heading_weight`` times each.

    >>> import numpy as np
    >>> s = score([[0, 0], [1]], [2, 3], np.array([[1.0, 0.0], [0.5, 0.5]]))
    >>> [round(float(v), 3) for v in s.coverage[:, 1]]
    [0.5, 0.5]
    """
    import numpy as np

    size = queries.shape[1]
    tf = np.zeros((len(passages), size))
    for row, ids in enumerate(passages):
        if ids:
            np.add.at(tf[row], np.asarray(ids, dtype=np.intp), 1.0)
    if heading is not None:
        for row, ids in enumerate(heading):
            if ids:
                np.add.at(tf[row], np.asarray(ids, dtype=np.intp), heading_weight)
    length = np.asarray(lengths, dtype=float)
    mean = float(length.mean()) if len(length) and length.mean() > 0 else 1.0
    norm = BM25_K1 * (1 - BM25_B + BM25_B * length / mean)
    saturated = tf * (BM25_K1 + 1) / (tf + norm[:, None])
    present = (tf > 0).astype(float)
    totals = queries.sum(axis=1)
    totals[totals == 0] = 1.0
    return Scores(saturated @ queries.T, (present @ queries.T) / totals, present)

"""The topic coding: two independent codings, their agreement, and the adjudicated code.

Two coders give every sentence of a list one subtopic of the Comparative Agendas
Project master codebook, following ``data/curation/CODING_PROTOCOL.md``, each in a
place where the other coding does not exist (``data/curation/CODING_RECORD.md``).
The list holds the article's body sentences (ids ``xindu-article:P02.1``) and a
held-out sample of sentences of the shipped national reports
(``topic_heldout_sentences.csv``: how it was drawn is in ``CODING_RECORD.md``), so that the
agreement is measured on text the protocol was not written for as well. The two
files, ``topic_coding_1.csv`` and ``topic_coding_2.csv``, are as handed in, in the
protocol's output format (section 6). Where they differ, ``topic_adjudication.csv``
holds the code decided, the rule of the protocol that decides it and why. The
published code of a sentence is the agreed or adjudicated one; the major topic is
its subtopic's leading digits.

Agreement is measured on the two codings before adjudication, for each sample
(``article``, ``held_out``), for subtopics and for major topics, with the standard
formulas (two coders, nominal categories; a sentence a coder leaves uncoded counts
as a category of its own), each with a 95% percentile bootstrap interval over
sentences (:data:`BOOTSTRAP_RESAMPLES` resamples, seeded):

- percent agreement ``p_o``, the share of units coded alike;
- Cohen's κ = (p_o − p_e) / (1 − p_e), with p_e = Σ_k p_1k · p_2k from each coder's
  own marginal shares (Cohen 1960);
- Krippendorff's α = 1 − D_o / D_e for nominal data, with D_o and D_e from the
  coincidence matrix of the pooled values (Krippendorff 2011, *Computing
  Krippendorff's Alpha-Reliability*).

>>> a, b = [1, 1, 2, 2], [1, 1, 2, 3]
>>> percent_agreement(a, b), round(cohen_kappa(a, b), 4), round(krippendorff_alpha(a, b), 4)
(0.75, 0.6, 0.6316)
"""

from __future__ import annotations

import functools
import math
import random
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from xindu_plan.base.errors import CodingError

if TYPE_CHECKING:
    import pandas as pd


class _CodedPlan(Protocol):
    """What :func:`published_problems` reads of a loaded :class:`~xindu_plan.dataset.plan.Plan`."""

    @property
    def sentences(self) -> pd.DataFrame: ...
    @property
    def topic_codings(self) -> pd.DataFrame: ...
    @property
    def topic_agreement(self) -> pd.DataFrame: ...
    @property
    def topic_heldout_codings(self) -> pd.DataFrame: ...


__all__ = [
    "AGREEMENT_MEASURES",
    "ARTICLE",
    "BOOTSTRAP_RESAMPLES",
    "CODING_FILES",
    "HELD_OUT_DOCUMENTS",
    "CodingError",
    "Codings",
    "agreement_rows",
    "bootstrap_interval",
    "coding_problems",
    "cohen_kappa",
    "krippendorff_alpha",
    "major",
    "percent_agreement",
    "published_problems",
    "read_codings",
]

CURATION = "data/curation"
#: The curation files of the topic coding, by role.
CODING_FILES = {
    "subtopics": "cap_subtopics.csv",
    "coder_1": "topic_coding_1.csv",
    "coder_2": "topic_coding_2.csv",
    "adjudication": "topic_adjudication.csv",
    "held_out": "topic_heldout_sentences.csv",
}
#: The prefix of the article's sentence ids in the coding files.
ARTICLE = "xindu-article"
#: The corpus documents the held-out sample is drawn from, how many sentences from each, and the
#: shortest sentence drawn (characters: shorter ones are mostly headings and list labels).
HELD_OUT_DOCUMENTS = ("national-gwr-2021", "national-gwr-2022", "national-gwr-2023", "national-gwr-2024")
HELD_OUT_PER_DOCUMENT = 25
HELD_OUT_MIN_CHARACTERS = 15
#: Bootstrap resamples of the agreement intervals, and the seed of their draws.
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 20211
#: The header of a coder's file (the protocol's section 6).
CODER_COLUMNS = ("sentence_id", "cap_subtopic", "cap_major", "note")
#: The agreement measures, in the order they are published.
AGREEMENT_MEASURES = ("percent_agreement", "cohens_kappa", "krippendorff_alpha")
#: Decimal places of the published agreement figures.
DIGITS = 4


def major(subtopic: int) -> int:
    """Return the CAP major topic of a subtopic: its leading digits.

    >>> major(108), major(1405), major(2300)
    (1, 14, 23)
    """
    return subtopic // 100


def _major(code: int | None) -> int | None:
    return None if code is None else major(code)


def _pairs(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[tuple[Hashable, Hashable]]:
    if len(a) != len(b):
        raise CodingError(f"the two codings have {len(a)} and {len(b)} units")
    if not a:
        raise CodingError("agreement needs at least one unit")
    return list(zip(a, b, strict=True))


def percent_agreement(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Return the share of units the two coders coded alike.

    >>> percent_agreement("aab", "abb")
    0.6666666666666666
    """
    pairs = _pairs(a, b)
    return sum(x == y for x, y in pairs) / len(pairs)


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Return Cohen's κ of two codings of the same units (nominal categories).

    When both coders use one and the same category for every unit, chance
    agreement is 1 and κ is undefined; this returns 1.0 then (perfect agreement).

    >>> cohen_kappa("yyyn", "yynn")
    0.5
    """
    pairs = _pairs(a, b)
    n = len(pairs)
    observed = sum(x == y for x, y in pairs) / n
    first, second = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    if expected == 1:
        return 1.0
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Return Krippendorff's α for two coders, nominal data, no missing values.

    Each unit contributes its two values to the coincidence matrix in both orders;
    D_o is the share of off-diagonal coincidences, D_e the same share expected from
    the pooled values: α = 1 − (n − 1) · o_disagree / Σ_{c≠k} n_c · n_k. When all
    pooled values are one category, α is undefined; this returns 1.0 then.

    >>> krippendorff_alpha([0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0])  # doctest: +ELLIPSIS
    0.0952...
    """
    pairs = _pairs(a, b)
    values = Counter(v for pair in pairs for v in pair)
    n = sum(values.values())  # pairable values: 2 per unit
    disagree = 2 * sum(x != y for x, y in pairs)  # off-diagonal coincidences, both orders
    expected = n * n - sum(c * c for c in values.values())  # Σ_{c≠k} n_c n_k
    if expected == 0:
        return 1.0
    return 1 - (n - 1) * disagree / expected


def bootstrap_interval(
    measure: Callable[[Sequence[Hashable], Sequence[Hashable]], float],
    a: Sequence[Hashable],
    b: Sequence[Hashable],
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> tuple[float, float]:
    """Return the 95% percentile bootstrap interval of ``measure`` over the units (resampled whole).

    The draws come from :class:`random.Random` (``seed``), whose stream Python keeps
    stable, so the interval is the same on every machine.

    >>> low, high = bootstrap_interval(percent_agreement, [1, 1, 2, 2] * 5, [1, 1, 2, 3] * 5, resamples=200)
    >>> 0.5 <= low <= 0.75 <= high <= 1.0
    True
    """
    return _interval(measure, tuple(a), tuple(b), resamples, seed)


@functools.lru_cache(maxsize=64)  # the build, the rules and re-derivation ask for the same intervals
def _interval(
    measure: Callable[[Sequence[Hashable], Sequence[Hashable]], float],
    a: tuple[Hashable, ...],
    b: tuple[Hashable, ...],
    resamples: int,
    seed: int,
) -> tuple[float, float]:
    rng = random.Random(seed)
    n = len(_pairs(a, b))
    figures = []
    for _ in range(resamples):
        picked = [int(rng.random() * n) for _ in range(n)]
        figures.append(measure([a[i] for i in picked], [b[i] for i in picked]))
    figures.sort()
    return figures[int(0.025 * (resamples - 1))], figures[math.ceil(0.975 * (resamples - 1))]


def agreement_rows(
    first: Sequence[int | None], second: Sequence[int | None], sample: str = "article", intervals: bool = True
) -> list[dict[str, Any]]:
    """Return the rows of ``topic_agreement`` of one sample: every measure for both levels, in key order.

    ``intervals=False`` leaves the bootstrap intervals out (``None``).

    >>> for r in agreement_rows([108, 1405], [108, 402])[3:]:
    ...     print(r["sample"], r["level"], r["measure"], r["value"])
    article subtopic cohens_kappa 0.3333
    article subtopic krippendorff_alpha 0.4
    article subtopic percent_agreement 0.5
    """
    measures = dict(zip(AGREEMENT_MEASURES, (percent_agreement, cohen_kappa, krippendorff_alpha), strict=True))
    out = []
    for level, a, b in (
        ("subtopic", list(first), list(second)),
        ("major", [_major(c) for c in first], [_major(c) for c in second]),
    ):
        for name, measure in measures.items():
            low, high = bootstrap_interval(measure, a, b) if intervals else (None, None)
            out.append(
                {
                    "sample": sample,
                    "level": level,
                    "measure": name,
                    "value": round(measure(a, b), DIGITS),
                    "ci_low": None if low is None else round(low, DIGITS),
                    "ci_high": None if high is None else round(high, DIGITS),
                    "units": len(a),
                    "agreed": sum(x == y for x, y in zip(a, b, strict=True)),
                    "categories": len(set(a) | set(b)),
                }
            )
    return sorted(out, key=lambda r: (r["level"], r["measure"]))  # key order within the sample


@dataclass(frozen=True, slots=True)
class Codings:
    """The two codings, the adjudications and the subtopic list, checked against each other.

    Attributes:
        subtopics: the codebook's subtopics (rows of ``cap_subtopics.csv``).
        first: article sentence id (P02.1) → (subtopic or None, note) of coder 1, in sentence order.
        second: the same for coder 2.
        adjudication: sentence id (article: P02.1; held out: national-gwr-2021:P11.2) →
            (subtopic or None, rule, reason) for every disagreement.
        held_out: held-out sentence id → (document, text), in the sample's order.
        held_first: held-out sentence id → (subtopic or None, note) of coder 1.
        held_second: the same for coder 2.
    """

    subtopics: tuple[dict[str, str], ...]
    first: dict[str, tuple[int | None, str]]
    second: dict[str, tuple[int | None, str]]
    adjudication: dict[str, tuple[int | None, str, str]]
    held_out: dict[str, tuple[str, str]]
    held_first: dict[str, tuple[int | None, str]]
    held_second: dict[str, tuple[int | None, str]]

    def code(self, sentence_id: str) -> int | None:
        """Return the published subtopic of a sentence: the agreed one, else the adjudicated one."""
        one, two = self._pair(sentence_id)
        return one if one == two else self.adjudication[sentence_id][0]

    def _pair(self, sid: str) -> tuple[int | None, int | None]:
        if sid in self.first:
            return self.first[sid][0], self.second[sid][0]
        return self.held_first[sid][0], self.held_second[sid][0]

    def _row(self, sid: str, one: tuple[int | None, str], two: tuple[int | None, str]) -> dict[str, Any]:
        adjudicated = self.adjudication.get(sid)
        code = self.code(sid)
        return {
            "sentence_id": sid,
            "coder_1_subtopic": one[0],
            "coder_1_major": _major(one[0]),
            "coder_1_note": one[1] or None,
            "coder_2_subtopic": two[0],
            "coder_2_major": _major(two[0]),
            "coder_2_note": two[1] or None,
            "agree_subtopic": one[0] == two[0],
            "agree_major": _major(one[0]) == _major(two[0]),
            "cap_subtopic": code,
            "cap_code": _major(code),
            "adjudication_rule": adjudicated[1] if adjudicated else None,
            "adjudication_reason": adjudicated[2] if adjudicated else None,
        }

    def coding_rows(self) -> list[dict[str, Any]]:
        """Return the rows of ``topic_codings``, one per coded article sentence, in sentence order."""
        return [self._row(sid, one, self.second[sid]) for sid, one in self.first.items()]

    def held_out_rows(self) -> list[dict[str, Any]]:
        """Return the rows of ``topic_heldout_codings``, one per held-out sentence, in the sample's order."""
        out = []
        for sid, (document, text) in self.held_out.items():
            row = self._row(sid, self.held_first[sid], self.held_second[sid])
            out.append({"sentence_id": sid, "document": document, "text": text, **row})
        return out

    def agreement_rows(self) -> list[dict[str, Any]]:
        """Return the rows of ``topic_agreement``: the article's, then the held-out sample's."""
        ids, held = list(self.first), list(self.held_out)
        return [
            *agreement_rows([self.first[s][0] for s in ids], [self.second[s][0] for s in ids], "article"),
            *agreement_rows([self.held_first[s][0] for s in held], [self.held_second[s][0] for s in held], "held_out"),
        ]

    def subtopic_rows(self) -> list[dict[str, Any]]:
        """Return the rows of ``subtopics``."""
        return [
            {"cap_subtopic": int(r["cap_subtopic"]), "cap_code": int(r["cap_code"]), "label_en": r["label_en"]}
            for r in self.subtopics
        ]


def _code(value: str, where: str, allowed: set[int]) -> int | None:
    if not value:
        return None
    try:
        code = int(value)
    except ValueError:
        raise CodingError(f"{where}: cap_subtopic {value!r} is not a number") from None
    if code not in allowed:
        raise CodingError(f"{where}: cap_subtopic {code} is not a subtopic of cap_subtopics.csv")
    return code


def _coder(
    rows: list[dict[str, str]], file: str, expected: Sequence[str], allowed: set[int]
) -> dict[str, tuple[int | None, str]]:
    """One coder's file, checked against the protocol's format and the sentence list (in its order)."""
    if rows and tuple(rows[0]) != CODER_COLUMNS:
        raise CodingError(
            f"{CURATION}/{file}: the columns are {', '.join(rows[0])}, not the protocol's {', '.join(CODER_COLUMNS)}"
        )
    out: dict[str, tuple[int | None, str]] = {}
    for number, row in enumerate(rows, start=2):
        sid, where = row.get("sentence_id") or "", f"{CURATION}/{file} row {number}"
        if number - 2 >= len(expected) or sid != expected[number - 2]:
            wanted = expected[number - 2] if number - 2 < len(expected) else "no more rows"
            raise CodingError(f"{where}: {sid!r} where the sentence list has {wanted!r}")
        code = _code(row["cap_subtopic"] or "", where, allowed)
        given = row.get("cap_major") or ""
        if (code is None) != (not given) or (code is not None and int(given) != major(code)):
            raise CodingError(f"{where}: cap_major {given!r} does not follow from cap_subtopic {code}")
        if code is None and not row.get("note"):
            raise CodingError(f"{where}: sentence {sid} has no code and no reason in note")
        out[sid] = (code, row.get("note") or "")
    if len(out) < len(expected):
        raise CodingError(f"{CURATION}/{file}: no code for sentence {expected[len(out)]} and after")
    return out


def read_codings(curation: Mapping[str, list[dict[str, str]]], body: Mapping[str, str]) -> Codings:
    """Check the coding files against each other, the body sentences and the held-out sample; return them.

    Args:
        curation: rows of each file of :data:`CODING_FILES`, keyed by file stem.
        body: sentence id → text of every article sentence that is coded, in order.

    Raises:
        CodingError: a coder's file is not in the protocol's format, or not in the order of the
            sentence list (the article's body sentences, then the held-out sample); a code is not a
            subtopic; a major topic does not follow from its subtopic; or the adjudications are not
            exactly the disagreements.
    """
    subtopics = tuple(curation["cap_subtopics"])
    allowed = {int(r["cap_subtopic"]) for r in subtopics}
    for number, r in enumerate(subtopics, start=2):
        if major(int(r["cap_subtopic"])) != int(r["cap_code"]):
            raise CodingError(
                f"{CURATION}/cap_subtopics.csv row {number}: {r['cap_subtopic']} is not in {r['cap_code']}"
            )
    held_out: dict[str, tuple[str, str]] = {}
    for number, row in enumerate(curation["topic_heldout_sentences"], start=2):
        sid, where = row.get("sentence_id") or "", f"{CURATION}/{CODING_FILES['held_out']} row {number}"
        if sid in held_out or not sid.startswith(f"{row.get('document')}:"):
            raise CodingError(f"{where}: {sid!r} is repeated or does not begin with its document")
        held_out[sid] = (row["document"], row["text"])
    article = [f"{ARTICLE}:{sid}" for sid in body]
    expected = [*article, *held_out]
    codings = []
    for role in ("coder_1", "coder_2"):
        found = _coder(curation[CODING_FILES[role].removesuffix(".csv")], CODING_FILES[role], expected, allowed)
        codings.append(
            (
                {sid.split(":", 1)[1]: found[sid] for sid in article},
                {sid: found[sid] for sid in held_out},
            )
        )
    (first, held_first), (second, held_second) = codings
    disagree = {s for s in first if first[s][0] != second[s][0]}
    disagree |= {s for s in held_out if held_first[s][0] != held_second[s][0]}
    adjudication: dict[str, tuple[int | None, str, str]] = {}
    file = CODING_FILES["adjudication"]
    for number, row in enumerate(curation["topic_adjudication"], start=2):
        sid, where = row.get("sentence_id") or "", f"{CURATION}/{file} row {number}"
        sid = sid.removeprefix(f"{ARTICLE}:")  # the article's sentences are published by their own ids
        if sid not in disagree:
            raise CodingError(f"{where}: {sid!r} is not a sentence the coders disagree on")
        if sid in adjudication:
            raise CodingError(f"{where}: sentence {sid} is adjudicated twice")
        if not row["rule"] or not row["reason"]:
            raise CodingError(f"{where}: sentence {sid} needs the rule that decides it and a reason")
        code = _code(row["cap_subtopic"] or "", where, allowed)
        if code is None and sid in first:
            raise CodingError(f"{where}: sentence {sid} of the article needs a code")
        adjudication[sid] = (code, row["rule"], row["reason"])
    if open_ := sorted(disagree - set(adjudication)):
        raise CodingError(f"{CURATION}/{file}: no adjudication for sentence {', '.join(open_)}")
    return Codings(subtopics, first, second, adjudication, held_out, held_first, held_second)


def published_problems(plan: _CodedPlan) -> list[str]:
    """Return where the published coding tables of a loaded plan do not follow from the two codings
    they publish (:func:`coding_problems` on its DataFrames)."""
    from xindu_plan.base.values import plain_records

    return coding_problems(
        plain_records(plan.sentences),
        plain_records(plan.topic_codings),
        plain_records(plan.topic_agreement),
        plain_records(plan.topic_heldout_codings),
    )


def _code_problems(rows: Iterable[Mapping[str, Any]], table: str) -> list[str]:
    problems = []
    for row in rows:
        one, two, code = row["coder_1_subtopic"], row["coder_2_subtopic"], row["cap_subtopic"]
        adjudicated = row["adjudication_rule"] is not None
        if (one == two) == adjudicated or (one == two and code != one) or _major(code) != row["cap_code"]:
            problems.append(f"data/{table}.csv: {row['sentence_id']} is not the agreed or adjudicated code")
        if (row["agree_subtopic"], row["agree_major"]) != (one == two, _major(one) == _major(two)):
            problems.append(f"data/{table}.csv: {row['sentence_id']} says the coders agree where they do not")
    return problems


def coding_problems(
    sentences: Sequence[Mapping[str, Any]],
    topic_codings: Sequence[Mapping[str, Any]],
    topic_agreement: Sequence[Mapping[str, Any]],
    topic_heldout_codings: Sequence[Mapping[str, Any]] = (),
    intervals: bool = True,
) -> list[str]:
    """Return where the published coding tables, as rows (``None`` where empty), do not follow from
    the two codings they publish.

    The agreement figures of both samples are recomputed from ``topic_codings`` and
    ``topic_heldout_codings``; every coded sentence has one coding row; a sentence's
    code is the agreed code, or the adjudicated one where the coders differ (and only
    there is there an adjudication). With ``intervals=False`` the bootstrap intervals
    (24,000 resampled figures, seconds of work) are only checked to be ordered
    intervals: the package-level rules of every :func:`~xindu_plan.dataset.plan.load`
    run so, and ``load(validate=True)`` proves the intervals too, by re-deriving the table.
    """
    problems = []
    codings = {r["sentence_id"]: r for r in topic_codings}
    for s in sentences:
        row = codings.get(s["sentence_id"])
        if s["cap_subtopic"] is None:
            if row is not None:
                problems.append(f"data/sentences.csv: {s['sentence_id']} has no topic but is in data/topic_codings.csv")
            continue
        if row is None:
            problems.append(f"data/topic_codings.csv: no row for coded sentence {s['sentence_id']}")
            continue
        if (s["cap_subtopic"], s["cap_code"]) != (row["cap_subtopic"], row["cap_code"]):
            problems.append(f"data/sentences.csv: {s['sentence_id']} is not coded as in data/topic_codings.csv")
    problems += _code_problems(codings.values(), "topic_codings")
    problems += _code_problems(topic_heldout_codings, "topic_heldout_codings")
    expected = []
    for sample, rows in (("article", list(codings.values())), ("held_out", list(topic_heldout_codings))):
        if rows:
            expected += agreement_rows(
                [r["coder_1_subtopic"] for r in rows], [r["coder_2_subtopic"] for r in rows], sample, intervals
            )
    published = [dict(r) for r in topic_agreement]
    if not intervals:
        problems += [
            f"data/topic_agreement.csv: the interval of {r['sample']} {r['level']} {r['measure']} is not ordered"
            for r in published
            if not (isinstance(r["ci_low"], float | int) and isinstance(r["ci_high"], float | int))
            or not r["ci_low"] <= r["ci_high"]
        ]
        published = [{**r, "ci_low": None, "ci_high": None} for r in published]
    if published != expected:
        problems.append(
            "data/topic_agreement.csv: the figures are not those computed from data/topic_codings.csv "
            "and data/topic_heldout_codings.csv"
        )
    return problems

"""The topic coding: two independent codings, their agreement, and the adjudicated code.

Two coders give every body sentence one subtopic of the Comparative Agendas Project
master codebook, following ``data/curation/CODING_PROTOCOL.md`` (files
``topic_coding_1.csv`` and ``topic_coding_2.csv``). Where they differ,
``topic_adjudication.csv`` holds the code decided, the rule of the protocol that
decides it and why. The published code of a sentence is the agreed or adjudicated
one; the major topic is its subtopic's leading digits.

Agreement is measured on the two codings before adjudication, for subtopics and for
major topics, with the standard formulas (two coders, nominal categories, no
missing values):

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

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import CodingError

if TYPE_CHECKING:
    from .plan import Plan

__all__ = [
    "AGREEMENT_MEASURES",
    "CODING_FILES",
    "CodingError",
    "Codings",
    "agreement_rows",
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
}
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


def agreement_rows(first: Sequence[int], second: Sequence[int]) -> list[dict[str, Any]]:
    """Return the rows of ``topic_agreement``: every measure for both levels, in primary-key order.

    >>> for r in agreement_rows([108, 1405], [108, 402])[3:]:
    ...     print(r["level"], r["measure"], r["value"])
    subtopic cohens_kappa 0.3333
    subtopic krippendorff_alpha 0.4
    subtopic percent_agreement 0.5
    """
    out = []
    for level, a, b in (
        ("subtopic", list(first), list(second)),
        ("major", [major(c) for c in first], [major(c) for c in second]),
    ):
        figures = (percent_agreement(a, b), cohen_kappa(a, b), krippendorff_alpha(a, b))
        for measure, value in zip(AGREEMENT_MEASURES, figures, strict=True):
            out.append(
                {
                    "level": level,
                    "measure": measure,
                    "value": round(value, DIGITS),
                    "units": len(a),
                    "agreed": sum(x == y for x, y in zip(a, b, strict=True)),
                    "categories": len(set(a) | set(b)),
                }
            )
    return sorted(out, key=lambda r: (r["level"], r["measure"]))  # primary-key order


@dataclass(frozen=True, slots=True)
class Codings:
    """The two codings, the adjudications and the subtopic list, checked against each other.

    Attributes:
        subtopics: the codebook's subtopics (rows of ``cap_subtopics.csv``).
        first: sentence id → (subtopic, note) of coder 1, in sentence order.
        second: sentence id → (subtopic, note) of coder 2.
        adjudication: sentence id → (subtopic, rule, reason) for every disagreement.
    """

    subtopics: tuple[dict[str, str], ...]
    first: dict[str, tuple[int, str]]
    second: dict[str, tuple[int, str]]
    adjudication: dict[str, tuple[int, str, str]]

    def code(self, sentence_id: str) -> int:
        """Return the published subtopic of a sentence: the agreed one, else the adjudicated one."""
        one, two = self.first[sentence_id][0], self.second[sentence_id][0]
        return one if one == two else self.adjudication[sentence_id][0]

    def coding_rows(self) -> list[dict[str, Any]]:
        """Return the rows of ``topic_codings``, one per coded sentence, in sentence order."""
        out = []
        for sid, (one, note_one) in self.first.items():
            two, note_two = self.second[sid]
            adjudicated = self.adjudication.get(sid)
            code = self.code(sid)
            out.append(
                {
                    "sentence_id": sid,
                    "coder_1_subtopic": one,
                    "coder_1_major": major(one),
                    "coder_1_note": note_one or None,
                    "coder_2_subtopic": two,
                    "coder_2_major": major(two),
                    "coder_2_note": note_two or None,
                    "agree_subtopic": one == two,
                    "agree_major": major(one) == major(two),
                    "cap_subtopic": code,
                    "cap_code": major(code),
                    "adjudication_rule": adjudicated[1] if adjudicated else None,
                    "adjudication_reason": adjudicated[2] if adjudicated else None,
                }
            )
        return out

    def agreement_rows(self) -> list[dict[str, Any]]:
        """Return the rows of ``topic_agreement`` computed from the two codings."""
        ids = list(self.first)
        return agreement_rows([self.first[s][0] for s in ids], [self.second[s][0] for s in ids])

    def subtopic_rows(self) -> list[dict[str, Any]]:
        """Return the rows of ``subtopics``."""
        return [
            {"cap_subtopic": int(r["cap_subtopic"]), "cap_code": int(r["cap_code"]), "label_en": r["label_en"]}
            for r in self.subtopics
        ]


def _code(value: str, where: str, allowed: set[int]) -> int:
    try:
        code = int(value)
    except ValueError:
        raise CodingError(f"{where}: cap_subtopic {value!r} is not a number") from None
    if code not in allowed:
        raise CodingError(f"{where}: cap_subtopic {code} is not a subtopic of cap_subtopics.csv")
    return code


def _by_sentence(rows: list[dict[str, str]], file: str, body: Mapping[str, str]) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for number, row in enumerate(rows, start=2):
        sid = row.get("sentence_id") or ""
        where = f"{CURATION}/{file} row {number}"
        if sid not in body:
            raise CodingError(f"{where}: {sid!r} is not a body sentence")
        if sid in out:
            raise CodingError(f"{where}: sentence {sid} is coded twice")
        out[sid] = [where, row]
    if missing := [s for s in body if s not in out]:
        raise CodingError(f"{CURATION}/{file}: no code for sentence {', '.join(missing)}")
    return {s: out[s] for s in body}  # in sentence order


def read_codings(curation: Mapping[str, list[dict[str, str]]], body: Mapping[str, str]) -> Codings:
    """Check the coding files against each other and the body sentences; return them.

    Args:
        curation: rows of each file of :data:`CODING_FILES`, keyed by file stem.
        body: sentence id → text of every sentence that is coded, in order.

    Raises:
        CodingError: a code is not a subtopic, a sentence is missing or coded twice,
            coder 1's text differs from the sentence, a major topic does not follow
            from its subtopic, or the adjudications are not exactly the disagreements.
    """
    subtopics = tuple(curation["cap_subtopics"])
    allowed = {int(r["cap_subtopic"]) for r in subtopics}
    for number, r in enumerate(subtopics, start=2):
        if major(int(r["cap_subtopic"])) != int(r["cap_code"]):
            raise CodingError(
                f"{CURATION}/cap_subtopics.csv row {number}: {r['cap_subtopic']} is not in {r['cap_code']}"
            )
    first: dict[str, tuple[int, str]] = {}
    for sid, (where, row) in _by_sentence(curation["topic_coding_1"], CODING_FILES["coder_1"], body).items():
        if row["text"] != body[sid]:
            raise CodingError(f"{where}: sentence {sid} reads {body[sid]!r}, the file {row['text']!r}")
        first[sid] = (_code(row["cap_subtopic"], where, allowed), row["note"])
    second: dict[str, tuple[int, str]] = {}
    for sid, (where, row) in _by_sentence(curation["topic_coding_2"], CODING_FILES["coder_2"], body).items():
        code = _code(row["cap_subtopic"], where, allowed)
        if row.get("cap_major") and int(row["cap_major"]) != major(code):
            raise CodingError(f"{where}: cap_major {row['cap_major']} does not follow from cap_subtopic {code}")
        second[sid] = (code, row["note"])
    adjudication: dict[str, tuple[int, str, str]] = {}
    file = CODING_FILES["adjudication"]
    for number, row in enumerate(curation["topic_adjudication"], start=2):
        sid, where = row.get("sentence_id") or "", f"{CURATION}/{file} row {number}"
        if sid not in first or first[sid][0] == second[sid][0]:
            raise CodingError(f"{where}: {sid!r} is not a sentence the coders disagree on")
        if sid in adjudication:
            raise CodingError(f"{where}: sentence {sid} is adjudicated twice")
        if not row["rule"] or not row["reason"]:
            raise CodingError(f"{where}: sentence {sid} needs the rule that decides it and a reason")
        adjudication[sid] = (_code(row["cap_subtopic"], where, allowed), row["rule"], row["reason"])
    if open_ := [s for s in first if first[s][0] != second[s][0] and s not in adjudication]:
        raise CodingError(f"{CURATION}/{file}: no adjudication for sentence {', '.join(open_)}")
    return Codings(subtopics, first, second, adjudication)


def published_problems(plan: Plan) -> list[str]:
    """Return where the published coding tables of a loaded plan do not follow from the two codings
    they publish (:func:`coding_problems` on its DataFrames)."""
    from ._values import plain_records

    return coding_problems(
        plain_records(plan.sentences), plain_records(plan.topic_codings), plain_records(plan.topic_agreement)
    )


def coding_problems(
    sentences: Sequence[Mapping[str, Any]],
    topic_codings: Sequence[Mapping[str, Any]],
    topic_agreement: Sequence[Mapping[str, Any]],
) -> list[str]:
    """Return where the published coding tables, as rows (``None`` where empty), do not follow from
    the two codings they publish.

    The agreement figures are recomputed from ``topic_codings``; every coded
    sentence has one coding row; a sentence's code is the agreed code, or the
    adjudicated one where the coders differ (and only there is there an adjudication).
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
    for row in codings.values():
        one, two, code = int(row["coder_1_subtopic"]), int(row["coder_2_subtopic"]), int(row["cap_subtopic"])
        adjudicated = row["adjudication_rule"] is not None
        if (one == two) == adjudicated or (one == two and code != one) or major(code) != int(row["cap_code"]):
            problems.append(f"data/topic_codings.csv: {row['sentence_id']} is not the agreed or adjudicated code")
        if (row["agree_subtopic"], row["agree_major"]) != (one == two, major(one) == major(two)):
            problems.append(f"data/topic_codings.csv: {row['sentence_id']} says the coders agree where they do not")
    ids = list(codings)
    if ids:
        expected = agreement_rows(
            [int(codings[s]["coder_1_subtopic"]) for s in ids], [int(codings[s]["coder_2_subtopic"]) for s in ids]
        )
        if [dict(r) for r in topic_agreement] != expected:
            problems.append("data/topic_agreement.csv: the figures are not those computed from data/topic_codings.csv")
    return problems

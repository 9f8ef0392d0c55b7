"""The comparison of one pair ``a`` → ``b`` as rows: for each unit of ``a``, ``b``'s passages ranked
and its decision, then the terms, the paired targets and the summary by pillar, each table's rows
as tuples in column order; and the check of ``top``, the passages kept per unit.
"""

from __future__ import annotations

from typing import Any

from xindu_plan.analysis.comparison.decision import _decide, _shared, _words
from xindu_plan.analysis.comparison.queries import _Queries, _scores
from xindu_plan.analysis.comparison.schema import COLUMNS
from xindu_plan.analysis.comparison.sides import _Side
from xindu_plan.analysis.comparison.terms import _targets, _terms
from xindu_plan.base.errors import CompareError

__all__ = [
    "_TOP",
    "_check_top",
    "_compare",
]

_TOP = 3


def _check_top(top: object) -> None:
    if not isinstance(top, int) or isinstance(top, bool) or top < 1:
        raise CompareError(f"top must be a whole number of at least 1, not {top!r}")


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
        found = order[:, u][scores.bm25[order[:, u], u] > 0] if passages else np.zeros(0, dtype=int)
        # the decision rests on the passage covering the unit most (the statistic of the null: the best
        # of a document's passages; of equal coverages the first ranked); the passages kept reach down
        # to it when it ranks below ``top``
        decisive = int(np.argmax(scores.coverage[found, u])) if len(found) else 0
        ranked = [int(i) for i in found[: max(top, decisive + 1)]]
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
            i = ranked[decisive]
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

"""The rows of the ``terms`` and ``targets`` tables for one pair: every quoted term of either side
counted as a whole word on both sides (quoted or not) with its status (continued, dropped, new,
new_unrelated) and its relevance to ``a``'s units, and the numeric targets of ``a`` and ``b`` that
measure the same thing, paired one to one (same base unit, indicators similar by at least
:data:`PAIR_THRESHOLD`).
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any

from xindu_plan.analysis.comparison.schema import COLUMNS

if TYPE_CHECKING:
    from xindu_plan.analysis.comparison.queries import _Queries
    from xindu_plan.analysis.comparison.sides import _Side

__all__ = [
    "PAIR_THRESHOLD",
    "_targets",
    "_terms",
]

#: Least SequenceMatcher ratio of two indicators for their targets to be paired.
PAIR_THRESHOLD = 0.5


def _term_relevance(term: str, queries: _Queries, a_words: frozenset[str]) -> float:
    tokens = set(queries.words.tokens(term))
    return round(len(tokens & a_words) / len(tokens), 6) if tokens else 0.0


class _Boundaries:
    """Word boundaries of a text (:func:`xindu_plan.chinese.mentions.word_boundaries`), segmented line by
    line on first use: a term is looked up only on the lines where it occurs."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: dict[int, frozenset[int]] = {}

    def __contains__(self, pos: object) -> bool:
        from xindu_plan.chinese.mentions import word_boundaries

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
    from xindu_plan.chinese.mentions import quoted_spans, term_spans

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

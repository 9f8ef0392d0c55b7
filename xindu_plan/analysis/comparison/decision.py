"""The calibrated decision for one unit of ``a``: the thresholds on the chance scale of
:mod:`xindu_plan.analysis.chance` (:data:`COUNTERPART_CHANCE`, :data:`COUNTERPART_CHANCE_ALL`,
:data:`PARTIAL_CHANCE`) and the fewest shared words (:data:`MIN_SHARED_WORDS`; of them not generic for
the genre, :data:`MIN_EVIDENCE_WORDS`), the :data:`VERDICTS` they give, the verdict with its
reason, and the words that carry it (evidence) or that the best passage lacks (missing),
weightiest first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy.typing as npt

    from xindu_plan.analysis.comparison.queries import _Queries

__all__ = [
    "COUNTERPART_CHANCE",
    "COUNTERPART_CHANCE_ALL",
    "MIN_EVIDENCE_WORDS",
    "MIN_SHARED_WORDS",
    "PARTIAL_CHANCE",
    "VERDICTS",
    "_decide",
    "_shared",
    "_verdict",
    "_words",
]

#: Greatest chance among passages on other policies (``chance_other``) for the verdict ``counterpart``.
COUNTERPART_CHANCE = 0.01
#: Greatest chance among all passages of the calibration reports (``chance``) for ``counterpart``.
COUNTERPART_CHANCE_ALL = 0.5
#: Greatest chance among all passages of the calibration reports (``chance``) for ``partial``.
PARTIAL_CHANCE = 0.05
#: Fewest distinct words the best passage must share with the unit for any verdict but none.
MIN_SHARED_WORDS = 2
#: Fewest of those words that are not generic for the genre (evidence) for any verdict but none: one
#: distinctive word alone (a verb of the measure's lead, say) does not make a policy.
MIN_EVIDENCE_WORDS = 2


#: The verdicts of a decision, with their meaning.
VERDICTS = {
    "counterpart": (
        f"b's best passage has a chance of at most {COUNTERPART_CHANCE} among calibration passages on other "
        f"policies and of at most {COUNTERPART_CHANCE_ALL} among all of them"
    ),
    "partial": f"b's best passage has a chance of at most {PARTIAL_CHANCE} among all calibration passages",
    "none": (
        f"a higher chance, fewer than {MIN_SHARED_WORDS} shared words, fewer than {MIN_EVIDENCE_WORDS} "
        "shared words not generic for the genre, or no more than unrelated text reaches"
    ),
}


_SHOWN_WORDS = 8


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
    if evidence < MIN_EVIDENCE_WORDS:
        return "none", (
            f"the best passage shares {evidence} word{'s' if evidence != 1 else ''} not generic for the genre "
            f"(fewer than {MIN_EVIDENCE_WORDS})"
        )
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

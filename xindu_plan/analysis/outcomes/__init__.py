"""Follow each target to its outcome in a later document, and say whether it was met.

:func:`scorecard` takes the plan and any parsed documents (work reports, outlines).
For every target of every one of them (the reader's quantities of kind ``target``,
goals for the year, and ``plan_target``, goals for a plan period) it looks for the
outcome: a quantity of kind ``result`` in a *later* document (a greater
``metadata["year"]``) of the same jurisdiction, for the *same indicator* (the same
wording, or wordings the reviewed synonym table of :mod:`xindu_plan.analysis.indicators`
calls one indicator) and the *same period* (the same first and last year referred
to). Among several, an outcome that can be compared is preferred, then the
earliest document, then the first in the text. Every row keeps both spans, in the
cleaned text of each document and in its input, so each can be checked by hand.

Verdicts (:data:`VERDICTS`), with each comparator judged as in :data:`RULES`:

``met``, ``met_within_hedge``, ``not_met``
    The outcome against the target, as the comparator says. Only 左右 (and its
    kin 上下, 约, 近) has a hedge: an outcome on the bad side of the figure by at
    most ``tolerance`` × the figure (default :data:`TOLERANCE`, 10 %) is
    ``met_within_hedge``. Which side is bad is the indicator's direction: a
    *floor* (more is better: GDP growth, new jobs) or a *ceiling* (less is
    better: unemployment, the rise of prices), from the synonym table.
``no_outcome``
    No later document of the input states an outcome of that indicator for that
    period; ``reason`` names the documents searched.
``not_comparable``
    An outcome was found but cannot be set against the target: a different base
    unit (亿元 against %), a level against a change (失业率5.5% against 下降0.3%),
    or a bound (超过40%) that does not settle the question.

Commitment words (力争, 确保, 预期, 努力) are kept in ``hedge`` and change no
verdict: they say how firmly a figure is promised, not how far it may be missed.

>>> from xindu_plan import parse
>>> a = parse("政府工作报告\\n今年发展主要预期目标是：国内生产总值增长5.5%左右。", year=2022, name="a")
>>> b = parse("政府工作报告\\n一、2022年工作回顾\\n过去一年，国内生产总值增长5.2%。", year=2023, name="b")
>>> card = scorecard([a, b], plan=False)
>>> card.table.loc[0, ["indicator", "outcome_written", "verdict"]].tolist()
['国内生产总值', '增长5.2%', 'met_within_hedge']
"""

from __future__ import annotations

from xindu_plan.analysis.indicators import TOLERANCE
from xindu_plan.analysis.outcomes.matching import scorecard
from xindu_plan.analysis.outcomes.report import Scorecard
from xindu_plan.analysis.outcomes.table import RULES, SCORECARD, VERDICTS
from xindu_plan.base.errors import ScorecardError

__all__ = [
    "RULES",
    "SCORECARD",
    "TOLERANCE",
    "VERDICTS",
    "Scorecard",
    "ScorecardError",
    "scorecard",
]

"""xindu-plan: the Xindu District plan for 2021 as a restored text and validated tables.

>>> import xindu_plan
>>> plan = xindu_plan.load()
>>> len(plan.measures), plan.version == xindu_plan.__version__
(21, True)
"""

from __future__ import annotations

from . import corpus
from ._version import __version__
from .citation import cite
from .comparison import Comparison, compare, compare_many
from .errors import IntegrityError, ValidationError, XinduPlanError
from .integrity import verify
from .outcomes import Scorecard, scorecard
from .plan import Plan, load
from .reader import Document, parse
from .text import restore

__all__ = [
    "Comparison",
    "Document",
    "IntegrityError",
    "Plan",
    "Scorecard",
    "ValidationError",
    "XinduPlanError",
    "__version__",
    "cite",
    "compare",
    "compare_many",
    "corpus",
    "load",
    "parse",
    "restore",
    "scorecard",
    "verify",
]

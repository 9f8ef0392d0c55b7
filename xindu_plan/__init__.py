"""xindu-plan: the Xindu District plan for 2021 as a restored text and validated tables.

>>> import xindu_plan
>>> plan = xindu_plan.load()
>>> len(plan.measures), plan.version == xindu_plan.__version__
(21, True)
"""

from __future__ import annotations

from ._version import __version__
from .cite import cite
from .errors import IntegrityError, ValidationError, XinduPlanError
from .integrity import verify
from .parse import Document, parse
from .plan import Plan, load
from .text import restore

__all__ = [
    "Document",
    "IntegrityError",
    "Plan",
    "ValidationError",
    "XinduPlanError",
    "__version__",
    "cite",
    "load",
    "parse",
    "restore",
    "verify",
]

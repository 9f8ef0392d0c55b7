"""xindu-plan: the Xindu District plan for 2021 as a restored text and validated tables.

>>> import xindu_plan
>>> plan = xindu_plan.load()
>>> len(plan.measures), plan.version == xindu_plan.__version__
(21, True)

Importing the package is quick: the error types and the version are read at once,
every other public name (and the module behind it) on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__
from .errors import (
    BuildError,
    CitationError,
    CodingError,
    CompareError,
    DescriptorError,
    ExportError,
    IntegrityError,
    NotFoundError,
    NumberError,
    ParseError,
    RestorationError,
    ScorecardError,
    SearchError,
    SpanError,
    SynonymError,
    TranslationError,
    ValidationError,
    XinduPlanError,
)

if TYPE_CHECKING:  # the same names, for type checkers and IDEs
    from . import corpus
    from .citation import cite
    from .comparison import Comparison, compare, compare_many
    from .integrity import verify
    from .outcomes import Scorecard, scorecard
    from .plan import Plan, load
    from .reader import Document, parse
    from .text import restore

#: Public name → the module it is imported from on first use.
_LAZY = {
    "Comparison": ".comparison",
    "Document": ".reader",
    "Plan": ".plan",
    "Scorecard": ".outcomes",
    "cite": ".citation",
    "compare": ".comparison",
    "compare_many": ".comparison",
    "corpus": ".corpus",
    "load": ".plan",
    "parse": ".reader",
    "restore": ".text",
    "scorecard": ".outcomes",
    "verify": ".integrity",
}

__all__ = [
    "BuildError",
    "CitationError",
    "CodingError",
    "CompareError",
    "Comparison",
    "DescriptorError",
    "Document",
    "ExportError",
    "IntegrityError",
    "NotFoundError",
    "NumberError",
    "ParseError",
    "Plan",
    "RestorationError",
    "Scorecard",
    "ScorecardError",
    "SearchError",
    "SpanError",
    "SynonymError",
    "TranslationError",
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


def __getattr__(name: str) -> Any:
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(where, __name__)
    value = module if name == "corpus" else getattr(module, name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

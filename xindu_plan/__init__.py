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

from xindu_plan import _moved
from xindu_plan._version import __version__
from xindu_plan.base.errors import (
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
from xindu_plan.base.hooks import register_validator

if TYPE_CHECKING:  # the same names, for type checkers and IDEs
    from pathlib import Path

    from xindu_plan import corpus
    from xindu_plan.analysis.comparison import Comparison, compare, compare_many
    from xindu_plan.analysis.outcomes import Scorecard, scorecard
    from xindu_plan.chinese.text import restore
    from xindu_plan.dataset.citation import cite
    from xindu_plan.dataset.integrity import verify
    from xindu_plan.dataset.plan import Plan, load
    from xindu_plan.dataset.rules import Contents
    from xindu_plan.reading.reader import Document, parse

#: Public name → the module it is imported from on first use.
_LAZY = {
    "Comparison": ".analysis.comparison",
    "Document": ".reading.reader",
    "Plan": ".dataset.plan",
    "Scorecard": ".analysis.outcomes",
    "cite": ".dataset.citation",
    "compare": ".analysis.comparison",
    "compare_many": ".analysis.comparison",
    "corpus": ".corpus",
    "load": ".dataset.plan",
    "parse": ".reading.reader",
    "restore": ".chinese.text",
    "scorecard": ".analysis.outcomes",
    "verify": ".dataset.integrity",
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


def _validate(plan: Plan, root: Path, found: Contents) -> None:
    """``load(validate=True)``: the derivation layer's check, imported when it runs."""
    from xindu_plan.derivation.schemas import validate_plan

    validate_plan(plan, root, found)


register_validator(_validate)
_moved.install()


def __getattr__(name: str) -> Any:
    if name in _moved.MOVED:  # a module of 1.1 reached as an attribute (xindu_plan.errors): warns
        return importlib.import_module(f"{__name__}.{name}")
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = importlib.import_module(where, __name__)
    value = module if name == "corpus" else getattr(module, name)
    globals()[name] = value  # looked up once
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

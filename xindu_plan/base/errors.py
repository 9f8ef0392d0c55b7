"""The error types the package raises; every one is a :class:`XinduPlanError`.

Each also derives from the built-in type a caller would expect where there is one
(:class:`ValueError` for a bad value, :class:`LookupError` for an unknown key,
:class:`IndexError` for a span out of range), so ``except ValueError`` keeps working.
The comparison's own error (:class:`xindu_plan.analysis.comparison.CompareError`) is the one
defined beside its module.
"""

from __future__ import annotations

__all__ = [
    "BuildError",
    "CitationError",
    "CodingError",
    "CompareError",
    "DescriptorError",
    "ExportError",
    "IntegrityError",
    "NotFoundError",
    "NumberError",
    "ParseError",
    "RestorationError",
    "ScorecardError",
    "SearchError",
    "SpanError",
    "SynonymError",
    "TranslationError",
    "ValidationError",
    "XinduPlanError",
]


class XinduPlanError(Exception):
    """Base class of every error the package raises on purpose."""

    #: The command line's exit status for it: 2 for bad usage or input, 1 for a failed check.
    exit_status = 2


class IntegrityError(XinduPlanError):
    """A file of the data package is missing or its hash differs from ``datapackage.json``."""

    exit_status = 1

    def __init__(
        self, path: str, expected: str, found: str | None, manifest: str = "datapackage.json", reason: str = ""
    ) -> None:
        self.path, self.expected, self.found = path, expected, found
        if reason:
            message = f"{path}: the file {reason}"
        elif found is None:
            message = f"{path}: the file is missing (expected sha256 {expected})"
        else:
            message = f"{path}: sha256 is {found}, {manifest} expects {expected}"
        super().__init__(message)


class ValidationError(XinduPlanError):
    """A table breaks its schema or a package-level rule; the message names the file and rows."""

    exit_status = 1


class DescriptorError(XinduPlanError):
    """``datapackage.json`` is missing, is not JSON, or does not describe the package
    (a resource path that is absolute, a URL or climbs out with ``..`` among others)."""

    exit_status = 1


class BuildError(XinduPlanError):
    """The inputs of the build (the raw copy, the curation files) are missing or inconsistent;
    the message names the file and row."""


class CodingError(XinduPlanError, ValueError):
    """A coding file of ``data/curation/`` is inconsistent; the message names the file and row."""


class CitationError(XinduPlanError, ValueError):
    """A citation cannot be made: an unknown format, or the ``cite`` extra is missing."""


class ExportError(XinduPlanError):
    """An export could not be written; the message names the path."""


class RestorationError(XinduPlanError, ValueError):
    """A text or a repair rule cannot be used for restoration."""


class SearchError(XinduPlanError, ValueError):
    """A search query cannot be used (it is empty, or not valid text)."""


class ParseError(XinduPlanError, ValueError):
    """A document cannot be read (not text, or a cleaning rule is broken)."""


class TranslationError(XinduPlanError):
    """The translations file is inconsistent; the message names the file and row."""


class NumberError(XinduPlanError, ValueError):
    """A string is not a number the grammar of :mod:`xindu_plan.chinese.quantities` reads."""


class NotFoundError(XinduPlanError, LookupError):
    """No record, table or document has the key asked for; the message names the key."""


class SpanError(XinduPlanError, IndexError):
    """A span is not within the text it should be in; the message gives both lengths."""


class ScorecardError(XinduPlanError, ValueError):
    """Something given to :func:`xindu_plan.scorecard` cannot be scored; the message names it."""


class SynonymError(XinduPlanError, ValueError):
    """A synonym table of indicators is malformed; the message names the row."""


class CompareError(XinduPlanError, ValueError):
    """Something given to :func:`xindu_plan.compare` or :func:`xindu_plan.compare_many` is not a document."""

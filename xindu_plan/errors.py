"""The error types the package raises; every one is a :class:`XinduPlanError`."""

from __future__ import annotations

__all__ = ["IntegrityError", "ValidationError", "XinduPlanError"]


class XinduPlanError(Exception):
    """Base class of every error the package raises on purpose."""


class IntegrityError(XinduPlanError):
    """A file of the data package is missing or its hash differs from ``datapackage.json``."""

    def __init__(self, path: str, expected: str, found: str | None, manifest: str = "datapackage.json") -> None:
        self.path, self.expected, self.found = path, expected, found
        if found is None:
            message = f"{path}: the file is missing (expected sha256 {expected})"
        else:
            message = f"{path}: sha256 is {found}, {manifest} expects {expected}"
        super().__init__(message)


class ValidationError(XinduPlanError):
    """A table breaks its schema or a package-level rule; the message names the file and rows."""

"""The error types the package raises; every one is a :class:`XinduPlanError`."""

from __future__ import annotations

__all__ = ["BuildError", "DescriptorError", "IntegrityError", "ValidationError", "XinduPlanError"]


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

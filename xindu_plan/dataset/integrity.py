"""Checking the published files from outside: :func:`verify`.

>>> verify().ok
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from xindu_plan.base.errors import DescriptorError, IntegrityError, ValidationError, XinduPlanError
from xindu_plan.base.resources import package_root
from xindu_plan.dataset.package import content_hash, descriptor, verify_file

__all__ = ["Check", "Report", "verify"]


@dataclass(frozen=True, slots=True)
class Check:
    """The outcome of checking one file."""

    path: str
    ok: bool
    message: str


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of :func:`verify`: one :class:`Check` per resource."""

    version: str
    content_hash: str
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        """Whether every file passed."""
        return all(c.ok for c in self.checks)

    @property
    def failures(self) -> tuple[Check, ...]:
        """The checks that failed."""
        return tuple(c for c in self.checks if not c.ok)


def verify(root: Path | None = None) -> Report:
    """Check what :func:`xindu_plan.load` checks, from outside: every file's sha256
    against ``datapackage.json``, then (when they all match) the package-level rules
    (:mod:`xindu_plan.dataset.rules`, the same :func:`xindu_plan.load` runs), on rows read with the
    standard library: pandas, numpy and pyarrow are not imported.

    Never raises for a bad file: each failure is a :class:`Check` in the report. A
    broken rule is reported against the file its message names.

    Raises:
        DescriptorError: ``datapackage.json`` itself cannot be read.
    """
    root = root or package_root()
    desc = descriptor(root)
    checks = []
    read: dict[str, bytes] = {}
    for resource in desc["resources"]:
        path = str(resource["path"])
        try:
            read[path] = verify_file(root, resource)
            checks.append(Check(path, True, "sha256 matches"))
        except (IntegrityError, DescriptorError) as err:
            checks.append(Check(path, False, str(err)))
    if all(c.ok for c in checks):
        from xindu_plan.dataset.rules import contents, package_problems, problems_message

        try:
            problems = package_problems(contents(desc, lambda resource: read[str(resource.get("path"))]))
            if problems:
                raise ValidationError(problems_message(problems))
            checks.append(Check("datapackage.json", True, "package-level rules hold"))
        except XinduPlanError as err:
            message = str(err)
            named = message.split(":", 1)[0] if message.startswith("data/") else "datapackage.json"
            checks.append(Check(named, False, message))
    return Report(str(desc.get("version", "")), content_hash(desc), tuple(checks))

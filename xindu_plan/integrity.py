"""Hashes of the published files and :func:`verify`.

>>> verify().ok
True
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._resources import package_root
from .errors import DescriptorError, IntegrityError, ValidationError, XinduPlanError

__all__ = ["Check", "Report", "content_hash", "descriptor", "verify", "verify_file"]


def descriptor(root: Path | None = None) -> dict[str, Any]:
    """Return the parsed ``datapackage.json``.

    Raises:
        DescriptorError: the file is missing or is not valid JSON.
    """
    path = (root or package_root()) / "datapackage.json"
    try:
        data: dict[str, Any] = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise DescriptorError(f"{path}: datapackage.json is missing") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise DescriptorError(f"{path}: not valid JSON ({err})") from None
    if not isinstance(data, dict) or not isinstance(data.get("resources"), list):
        raise DescriptorError(f"{path}: not a data package descriptor (no resources list)")
    return data


def content_hash(desc: dict[str, Any] | None = None) -> str:
    """Return one sha256 over every resource's path and hash: the dataset's content hash.

    It changes when any published file changes and does not depend on how
    ``datapackage.json`` is formatted.
    """
    desc = desc or descriptor()
    lines = sorted(f"{r['path']} {r['hash']}" for r in desc["resources"])
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def verify_file(root: Path, resource: dict[str, Any]) -> bytes:
    """Read one resource's bytes and check them against its descriptor.

    Raises:
        IntegrityError: the file is missing, or its size or sha256 differs.
    """
    path = resource["path"]
    expected = str(resource.get("hash", "")).removeprefix("sha256:")
    try:
        data: bytes = (root / path).read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise IntegrityError(path, expected, None) from None
    found = hashlib.sha256(data).hexdigest()
    if found != expected:
        raise IntegrityError(path, expected, found)
    return data


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
    against ``datapackage.json``, then (when they all match) the package-level rules.

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
        path = str(resource.get("path"))
        try:
            read[path] = verify_file(root, resource)
            checks.append(Check(path, True, "sha256 matches"))
        except IntegrityError as err:
            checks.append(Check(path, False, str(err)))
    if all(c.ok for c in checks):
        from .plan import assemble
        from .schemas import package_problems, problems_message

        try:
            problems = package_problems(assemble(desc, lambda resource: read[str(resource.get("path"))]))
            if problems:
                raise ValidationError(problems_message(problems))
            checks.append(Check("datapackage.json", True, "package-level rules hold"))
        except XinduPlanError as err:
            message = str(err)
            named = message.split(":", 1)[0] if message.startswith("data/") else "datapackage.json"
            checks.append(Check(named, False, message))
    return Report(str(desc.get("version", "")), content_hash(desc), tuple(checks))

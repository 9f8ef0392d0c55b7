"""The import paths of release 1.1 and earlier, kept for one release with a warning.

Up to release 1.1 the modules sat side by side in one folder; since 2.0 they live in
layer folders (see :mod:`xindu_plan`). ``import xindu_plan.reader`` still works
and gives the module now at ``xindu_plan.reading.reader``, with a
:class:`DeprecationWarning` naming the new path. These paths go in the next
major release.

>>> import importlib, sys, warnings
>>> _ = sys.modules.pop("xindu_plan.reader", None)  # as on a first import
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     old = importlib.import_module("xindu_plan.reader")
>>> old.__name__, [str(w.message) for w in caught]
('xindu_plan.reading.reader', ['xindu_plan.reader is deprecated and goes in the next major release; \
import xindu_plan.reading.reader'])
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from types import ModuleType

__all__ = ["MOVED", "install"]

#: Old module (under ``xindu_plan.``) → where it is now.
MOVED: dict[str, str] = {
    "_atomic": "base.atomic",
    "_digest": "base.digest",
    "_input": "base.input",
    "_parallel": "base.parallel",
    "_resources": "base.resources",
    "_shelf": "reading.shelf",
    "_values": "base.values",
    "build": "derivation.build",
    "chance": "analysis.chance",
    "citation": "dataset.citation",
    "codebook": "dataset.codebook",
    "coding": "dataset.coding",
    "comparison": "analysis.comparison",
    "curation": "reading.curation",
    "errors": "base.errors",
    "export": "analysis.export",
    "indicators": "analysis.indicators",
    "integrity": "dataset.integrity",
    "mentions": "chinese.mentions",
    "offsets": "chinese.offsets",
    "outcomes": "analysis.outcomes",
    "package": "dataset.package",
    "plan": "dataset.plan",
    "plan_outcomes": "analysis.plan_outcomes",
    "quantities": "chinese.quantities",
    "quotes": "chinese.quotes",
    "reader": "reading.reader",
    "records": "dataset.records",
    "rederive": "derivation.rederive",
    "retrieval": "analysis.retrieval",
    "rules": "dataset.rules",
    "schemas": "derivation.schemas",
    "search": "dataset.search",
    "tables": "base.tables",
    "text": "chinese.text",
    "translations": "dataset.translations",
}


class _Alias(importlib.abc.Loader):
    def __init__(self, new: str) -> None:
        self.new = new
        self.spec: importlib.machinery.ModuleSpec | None = None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        warnings.warn(
            f"{spec.name} is deprecated and goes in the next major release; import {self.new}",
            DeprecationWarning,
            stacklevel=2,
        )
        module = importlib.import_module(self.new)
        self.spec = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        # The module is already executed; the import system has just set its ``__spec__`` to the
        # old path's, so the module's own is put back (find_spec, reload and resources read it).
        module.__spec__ = self.spec


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        prefix, _, old = fullname.partition(".")
        if prefix != "xindu_plan" or old not in MOVED:
            return None
        new = f"xindu_plan.{MOVED[old]}"
        return importlib.machinery.ModuleSpec(fullname, _Alias(new))


_FINDER = _Finder()


def install() -> None:
    """Put the finder of the old paths first on :data:`sys.meta_path` (once).

    First, because ``xindu_plan/curation/`` is also a folder of data files, which the
    standard finders would import as an empty namespace package in place of the old
    ``xindu_plan.curation`` module.
    """
    if _FINDER not in sys.meta_path:
        sys.meta_path.insert(0, _FINDER)

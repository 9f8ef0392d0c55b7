"""The calibration reports shipped with the package: the same genre, decades before the plan.

Fourteen State Council government work reports of 1978–1994 (public domain), as
found. They treat a different economy with a different vocabulary and set of
policies, and so tell the comparison what a real report of the same genre reaches
by chance for a measure it cannot treat (:mod:`xindu_plan.analysis.chance`). Provenance and
rights of each file are in ``calibration.toml`` beside it and ``SOURCES.md``; every
read checks the file's sha256.

>>> names()[:2]
('national-gwr-1978', 'national-gwr-1979')
>>> len(names())
14
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from xindu_plan.reading.shelf import CorpusEntry, Shelf

if TYPE_CHECKING:
    import pandas as pd

    from xindu_plan.reading.reader import Document

__all__ = ["catalogue", "document", "entry", "names", "text"]

_SHELF = Shelf("calibration", "calibration.toml", lambda: resources.files("xindu_plan") / "calibration")


def names() -> tuple[str, ...]:
    """Return the names of the calibration reports, oldest first."""
    return _SHELF.names()


def entry(name: str) -> CorpusEntry:
    """Return the provenance of one report (:class:`NotFoundError` for an unknown name)."""
    return _SHELF.entry(name)


def text(name: str) -> str:
    """Return a report's text exactly as shipped, after checking its sha256."""
    return _SHELF.text(name)


def document(name: str) -> Document:
    """Return a report parsed with :func:`xindu_plan.parse`, named after it."""
    return _SHELF.document(name)


def catalogue() -> pd.DataFrame:
    """Return ``calibration.toml`` as a table, one row per report, with its size in characters."""
    return _SHELF.catalogue()

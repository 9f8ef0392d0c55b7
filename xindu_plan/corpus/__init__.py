"""The comparison corpus shipped with the package: later 14th Five-Year Plan documents.

Four full State Council government work reports (2021–2024, public domain) and
four opening excerpts of Xindu and Chengdu documents, as found on the web (the
damage is cleaned by :func:`xindu_plan.parse`, not in the files). Provenance and
rights of each file are in ``corpus.toml`` beside it (see :func:`catalogue`) and
``SOURCES.md``; every read checks the file's sha256 against ``corpus.toml``.

>>> names()[:2]
('national-gwr-2021', 'national-gwr-2022')
>>> entry("national-gwr-2021").coverage
'full'
>>> document("national-gwr-2021").metadata["date"]
'2021-03-05'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from xindu_plan.base.resources import corpus_root
from xindu_plan.reading.shelf import CorpusEntry, Shelf

if TYPE_CHECKING:
    import pandas as pd

    from xindu_plan.reading.reader import Document

__all__ = ["CorpusEntry", "catalogue", "document", "entry", "names", "text"]

_SHELF = Shelf("corpus", "corpus.toml", lambda: corpus_root())


def names() -> tuple[str, ...]:
    """Return the names of the corpus documents, national reports first."""
    return _SHELF.names()


def entry(name: str) -> CorpusEntry:
    """Return the provenance of one document.

    Raises:
        NotFoundError: no document has that name (a :class:`LookupError`); the message lists the names.
    """
    return _SHELF.entry(name)


def text(name: str) -> str:
    """Return a document's text exactly as shipped, after checking its sha256.

    Raises:
        NotFoundError: unknown name (a :class:`LookupError`).
        IntegrityError: the file differs from the one described in ``corpus.toml``.
    """
    return _SHELF.text(name)


def document(name: str) -> Document:
    """Return a corpus document parsed with :func:`xindu_plan.parse`, named after it."""
    return _SHELF.document(name)


def catalogue() -> pd.DataFrame:
    """Return ``corpus.toml`` as a table, one row per document, with its size in characters."""
    return _SHELF.catalogue()

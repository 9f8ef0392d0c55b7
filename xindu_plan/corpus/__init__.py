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

import functools
import tomllib
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from .._digest import sha256
from .._resources import corpus_root
from ..errors import IntegrityError, NotFoundError

if TYPE_CHECKING:
    import pandas as pd

    from ..reader import Document

__all__ = ["CorpusEntry", "catalogue", "document", "entry", "names", "text"]


@dataclass(frozen=True, slots=True)
class CorpusEntry:
    """One document of the corpus, as described in ``corpus.toml``."""

    name: str
    file: str
    title: str
    issuer: str
    level: str  # national | province | city | district
    genre: str  # government_work_report | outline | proposal
    date: str  # ISO date, or "" where the copy does not give it
    coverage: str  # full | excerpt
    source: str
    via: str
    rights: str
    sha256: str


@functools.cache
def _entries() -> tuple[CorpusEntry, ...]:
    data = tomllib.loads((corpus_root() / "corpus.toml").read_text(encoding="utf-8"))
    return tuple(CorpusEntry(**row) for row in data["document"])


def names() -> tuple[str, ...]:
    """Return the names of the corpus documents, national reports first."""
    return tuple(e.name for e in _entries())


def entry(name: str) -> CorpusEntry:
    """Return the provenance of one document.

    Raises:
        NotFoundError: no document has that name (a :class:`LookupError`); the message lists the names.
    """
    for e in _entries():
        if e.name == name:
            return e
    raise NotFoundError(f"no corpus document named {name!r}; the corpus holds {', '.join(names())}")


def text(name: str) -> str:
    """Return a document's text exactly as shipped, after checking its sha256.

    Raises:
        LookupError: unknown name.
        IntegrityError: the file differs from the one described in ``corpus.toml``.
    """
    e = entry(name)
    try:
        data = (corpus_root() / e.file).read_bytes()
    except FileNotFoundError:
        raise IntegrityError(f"corpus/{e.file}", e.sha256, None) from None
    found = sha256(data)
    if found != e.sha256:
        raise IntegrityError(f"corpus/{e.file}", e.sha256, found, manifest="corpus.toml")
    return data.decode("utf-8")


def document(name: str) -> Document:
    """Return a corpus document parsed with :func:`xindu_plan.parse`, named after it."""
    from ..reader import parse

    return parse(text(name), name=name)


def catalogue() -> pd.DataFrame:
    """Return ``corpus.toml`` as a table, one row per document, with its size in characters."""
    import pandas as pd

    rows = []
    for e in _entries():
        row = {f.name: getattr(e, f.name) for f in fields(CorpusEntry)}
        row["characters"] = len(text(e.name))
        rows.append(row)
    return pd.DataFrame(rows)

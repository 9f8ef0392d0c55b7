"""A folder of shipped texts described by a TOML manifest with each file's provenance and sha256.

The comparison corpus (:mod:`xindu_plan.corpus`) and the calibration reports
(:mod:`xindu_plan.calibration`) are both shelves: every read checks the file's
sha256 against the manifest, so a changed file is an error, never a silent new input.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, fields
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING

from xindu_plan.base.digest import sha256
from xindu_plan.base.errors import IntegrityError, NotFoundError

if TYPE_CHECKING:
    import pandas as pd

    from xindu_plan.reading.reader import Document

__all__ = ["CorpusEntry", "Shelf"]


@dataclass(frozen=True, slots=True)
class CorpusEntry:
    """One document of a shelf, as described in its manifest."""

    name: str
    file: str
    title: str
    issuer: str
    level: str  # national | province | city | district
    genre: str  # government_work_report | outline | proposal | news
    date: str  # ISO date, or "" where the copy does not give it
    coverage: str  # full | excerpt
    source: str
    via: str
    rights: str
    sha256: str


class Shelf:
    """The documents of one folder (``label``) listed in its ``manifest``.

    Args:
        label: the folder's name, used in error messages (``corpus``).
        manifest: the manifest's file name inside the folder.
        root: returns the folder (looked up on every read, so a test may point it elsewhere).
    """

    def __init__(self, label: str, manifest: str, root: Callable[[], Traversable]) -> None:
        self.label, self.manifest, self._root = label, manifest, root

    @functools.cached_property
    def entries(self) -> tuple[CorpusEntry, ...]:
        """Every entry of the manifest, in its order."""
        data = tomllib.loads((self._root() / self.manifest).read_text(encoding="utf-8"))
        return tuple(CorpusEntry(**row) for row in data["document"])

    def names(self) -> tuple[str, ...]:
        """Return the names of the documents, in the manifest's order."""
        return tuple(e.name for e in self.entries)

    def entry(self, name: str) -> CorpusEntry:
        """Return the provenance of one document.

        Raises:
            NotFoundError: no document has that name (a :class:`LookupError`); the message lists the names.
        """
        for e in self.entries:
            if e.name == name:
                return e
        raise NotFoundError(
            f"no {self.label} document named {name!r}; the {self.label} holds {', '.join(self.names())}"
        )

    def text(self, name: str) -> str:
        """Return a document's text exactly as shipped, after checking its sha256.

        Raises:
            NotFoundError: unknown name.
            IntegrityError: the file differs from the one described in the manifest.
        """
        e = self.entry(name)
        try:
            data = (self._root() / e.file).read_bytes()
        except FileNotFoundError:
            raise IntegrityError(f"{self.label}/{e.file}", e.sha256, None) from None
        found = sha256(data)
        if found != e.sha256:
            raise IntegrityError(f"{self.label}/{e.file}", e.sha256, found, manifest=self.manifest)
        return data.decode("utf-8")

    def document(self, name: str) -> Document:
        """Return a document parsed with :func:`xindu_plan.parse`, named after it.

        A text that states no year of its own (a news excerpt without its dateline) is
        read as of the year of its date in the manifest, so that 今年 and 去年 refer to
        the right years; its ``metadata["date"]`` stays what the text states.
        """
        from xindu_plan.reading.reader import parse

        text = self.text(name)
        doc = parse(text, name=name)
        date = self.entry(name).date
        if doc.metadata["year"] is None and re.fullmatch(r"\d{4}(-\d\d){0,2}", date):
            doc = parse(text, name=name, year=int(date[:4]))
        return doc

    def catalogue(self) -> pd.DataFrame:
        """Return the manifest as a table, one row per document, with its size in characters."""
        import pandas as pd

        rows = []
        for e in self.entries:
            row = {f.name: getattr(e, f.name) for f in fields(CorpusEntry)}
            row["characters"] = len(self.text(e.name))
            rows.append(row)
        return pd.DataFrame(rows)

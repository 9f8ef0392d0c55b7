"""The documents given to :func:`~xindu_plan.analysis.comparison.compare_many`, one item at a time:
a path read and parsed, a text parsed, a Document taken as it is; the name the tables give each,
and, when one cannot be read or compared, the error naming it or the row of ``failures`` recording
it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from xindu_plan.base.errors import CompareError
from xindu_plan.reading.reader import Document, parse, read_document

__all__ = [
    "_Item",
    "_Reader",
    "_failure",
    "_named",
]

_Item = str | Path | Document


def _read(item: object, texts: bool, n: int) -> Document:
    """Item ``n`` of the documents as a Document: read and parsed when it is a path or a text."""
    if isinstance(item, Document):
        return item
    if isinstance(item, Path):
        return parse(read_document(item), name=item.stem)
    if isinstance(item, str) and texts:
        return parse(item, name=f"document-{n}")
    if isinstance(item, str):
        if "\n" in item or len(item) > 4096 or not os.path.isfile(item):
            shown = item if len(item) <= 40 else item[:40] + "…"
            raise CompareError(
                f"item {n} of documents, {shown!r}, names no existing file; give texts=True to compare "
                "strings as the documents' text"
            )
        return parse(read_document(Path(item)), name=Path(item).stem)
    raise CompareError(
        f"item {n} of documents is a {type(item).__name__}; "
        "give paths (pathlib.Path or str), texts (str, with texts=True) or parsed Documents"
    )


def _name(item: object, n: int, texts: bool) -> str:
    """The name the tables give item ``n`` (as :func:`_read` names it)."""
    if isinstance(item, Document):
        return item.name
    if isinstance(item, Path):
        return item.stem
    if isinstance(item, str) and not texts and "\n" not in item and len(item) <= 4096:
        return Path(item).stem
    return f"document-{n}"


def _failure(name: str, n: int, item: object, err: Exception) -> tuple[Any, ...]:
    """A row of ``failures``: the document, its place, its path, and what went wrong in a sentence naming it."""
    named = isinstance(item, str) and "\n" not in item and len(item) <= 4096 and os.path.isfile(item)
    path = str(item) if isinstance(item, Path) or named else None
    return (name, n, path, type(err).__name__, str(_named(err, name, n)))


def _named(err: Exception, name: str, n: int) -> Exception:
    """The error to report for document ``name`` (item ``n``): the package's own errors name it already."""
    from xindu_plan.base.errors import XinduPlanError

    if isinstance(err, XinduPlanError):
        return err
    return CompareError(f"{name} (item {n} of documents) could not be compared: {type(err).__name__}: {err}")


class _Reader:
    """The Documents of ``items``, read and parsed one at a time.

    With ``failures`` (a list), an item that cannot be read is recorded there and
    skipped; :attr:`position` and :attr:`item` are those of the last item read.
    """

    def __init__(
        self, items: Iterable[object], texts: bool, first: int = 1, failures: list[tuple[Any, ...]] | None = None
    ) -> None:
        self.items, self.texts, self.first, self.failures = items, texts, first, failures
        self.position: int = first - 1
        self.item: object = None

    def __iter__(self) -> Iterator[Document]:
        for n, item in enumerate(self.items, start=self.first):
            self.position, self.item = n, item
            try:
                doc = _read(item, self.texts, n)
            except Exception as err:
                if self.failures is None:
                    raised = _named(err, _name(item, n, self.texts), n)
                    if raised is err:
                        raise
                    raise raised from err
                self.failures.append(_failure(_name(item, n, self.texts), n, item, err))
                continue
            yield doc

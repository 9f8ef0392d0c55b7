"""Finding a word or phrase in the plan's sentences, with the standard library.

:meth:`xindu_plan.Plan.search` and ``xindu-plan search`` both run :func:`find`;
the command line reads the sentences and the spans of the raw copy straight from
the published CSV files (:func:`search_package`), so it answers without pandas.

>>> [hit["sentence_id"] for hit in search_package("疫情防控")]
['P33.1', 'P33.2']
"""

from __future__ import annotations

import bisect
import csv
import io
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from xindu_plan.base.errors import SearchError
from xindu_plan.base.resources import package_root
from xindu_plan.dataset.package import descriptor, verify_file
from xindu_plan.reading.curation import curated_repairs

__all__ = ["COLUMNS", "RawSpans", "find", "search_package"]

#: The columns of a search result, in order.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
COLUMNS = ("sentence_id", "measure_id", "section_id", "sentence", "match", "start", "end", "raw_start", "raw_end")

#: A sentence as :func:`find` reads it: id, measure id, section id, text and start in the restored text.
Sentence = tuple[str, str | None, str | None, str, int]


def _needle(query: object) -> str:
    """The query checked: stripped, non-empty, valid text."""
    if not isinstance(query, str) or not query.strip():
        raise SearchError("the search query is empty")
    try:
        query.encode("utf-8")
    except UnicodeEncodeError as err:
        raise SearchError(
            f"the search query is not valid text: a lone surrogate {query[err.start]!r} at character {err.start}"
        ) from None
    return query.strip()


def find(
    query: str, sentences: Iterable[Sentence], to_raw: Callable[[int, int], tuple[int, int]], text_length: int
) -> list[dict[str, Any]]:
    """Return one row (a dict of :data:`COLUMNS`) per match of ``query`` in the sentences.

    The query may be Simplified or Traditional (it is converted with OpenCC ``t2s``);
    ``to_raw`` maps a span of the restored text to the raw copy.

    Raises:
        SearchError: the query is empty or not valid text (a lone surrogate); a
            :class:`ValueError` too.
    """
    from xindu_plan.chinese.text import to_simplified

    needle = _needle(query)
    # A query longer than the whole text matches nothing: answered before any conversion.
    needle = to_simplified(needle) if len(needle) <= text_length else ""
    for repair in curated_repairs():  # 著力 (Traditional for the repaired 着力) is found as 着力
        needle = needle.replace(repair.found, repair.replacement)
    needle = needle.translate(_ASCII_LOWER)  # Latin letters match in any case: ibm finds IBM
    out: list[dict[str, Any]] = []
    for sentence_id, measure_id, section_id, text, begin in sentences if needle else ():
        folded = text.translate(_ASCII_LOWER)
        at = folded.find(needle)
        while at >= 0:
            start, end = begin + at, begin + at + len(needle)
            raw_start, raw_end = to_raw(start, end)
            match = text[at : at + len(needle)]
            cells = (sentence_id, measure_id, section_id, text, match, start, end, raw_start, raw_end)
            out.append(dict(zip(COLUMNS, cells, strict=True)))
            at = folded.find(needle, at + len(needle))
    return out


class RawSpans:
    """Spans of the raw copy behind the restored text, read from the published tables.

    Restoration keeps every character in place except where it removes a pinyin
    annotation (the annotated character stands for itself and its annotation:
    ``annotations.csv``) and where a repair changes a phrase's length (each of its
    characters stands for the whole phrase replaced: ``repairs.csv``). The same
    spans as :attr:`xindu_plan.Plan.offsets`, without re-running the restoration.

    >>> spans = RawSpans([{"start": 1, "raw_start": 1, "raw_end": 7}], [])
    >>> spans.to_raw(0, 1), spans.to_raw(1, 2), spans.to_raw(2, 3)
    ((0, 1), (1, 7), (7, 8))
    """

    def __init__(self, annotations: Iterable[Mapping[str, Any]], repairs: Iterable[Mapping[str, Any]]) -> None:
        special: dict[int, tuple[int, int, int]] = {}  # restored start → (restored end, raw start, raw end)
        for a in annotations:
            special[int(a["start"])] = (int(a["start"]) + 1, int(a["raw_start"]), int(a["raw_end"]))
        for r in repairs:
            if len(str(r["found"])) != len(str(r["replacement"])):
                special[int(r["start"])] = (int(r["end"]), int(r["raw_start"]), int(r["raw_end"]))
        self._starts = sorted(special)
        self._spans = [special[s] for s in self._starts]

    def _at(self, i: int) -> tuple[int, int]:
        k = bisect.bisect_right(self._starts, i) - 1
        if k < 0:
            return i, i + 1
        end, raw_start, raw_end = self._spans[k]
        if i < end:
            return raw_start, raw_end
        raw = raw_end + (i - end)
        return raw, raw + 1

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Return the raw span behind ``[start, end)`` of the restored text (``start < end``)."""
        return self._at(start)[0], self._at(end - 1)[1]


def _rows(root: Path, resources: Mapping[str, dict[str, Any]], name: str) -> list[dict[str, str]]:
    data = verify_file(root, resources[name]).decode("utf-8")
    return list(csv.DictReader(io.StringIO(data, newline="")))


def search_package(query: str, root: Path | None = None) -> list[dict[str, Any]]:
    """Search the published package (default: the shipped one) without loading its tables.

    Each file read is checked against its sha256 in ``datapackage.json`` first.

    Raises:
        SearchError: the query cannot be used.
        IntegrityError: a file read is missing or its hash differs.
    """
    _needle(query)
    root = root or package_root()
    resources = {str(r["name"]): r for r in descriptor(root)["resources"]}
    text_length = len(verify_file(root, resources["article"]).decode("utf-8"))
    sentences = [
        (s["sentence_id"], s["measure_id"] or None, s["section_id"] or None, s["text"], int(s["start"]))
        for s in _rows(root, resources, "sentences")
    ]
    spans = RawSpans(_rows(root, resources, "annotations"), _rows(root, resources, "repairs"))
    return find(query, sentences, spans.to_raw, text_length)

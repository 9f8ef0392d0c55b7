"""Any plan document → :class:`Document`: the one reader of text in the package.

:func:`parse` reads the Chinese official genres the package works on (work
reports 政府工作报告, outlines 纲要, proposals 建议, resolutions, articles such as
the Xindu plan, whose own tables ``xindu-plan build`` derives with it) as they
are found on the web:

1. **restore** — a copy that is mostly Traditional, or carries bracketed pinyin, is
   restored with :func:`xindu_plan.chinese.text.restore`; every copy gets its ASCII
   punctuation between Chinese characters made full-width;
2. **clean** — an extendable list of :class:`CleaningRule` removes invisible
   characters, site boilerplate and scrape notices, stray spaces and hard line
   breaks (blank-line and fixed-width layouts); ``Document.cleaning`` lists every
   removal;
3. **read** — the genre, paragraphs (one a line; a one-line copy is cut before its
   headings), headings and the sections they open with the time each speaks of
   (this year, a past year or period, a plan period), title, date, meeting and
   speaker where the text states them, lead phrases, sentences, quoted terms, and
   every quantity with its kind and the years it refers to
   (:mod:`xindu_plan.chinese.quantities`).

Every table row carries ``start``/``end`` in the cleaned text, and
``Document.offsets`` maps any cleaned span back to the input.

The reader's pieces: :mod:`~xindu_plan.reading.reader.lines` (what a line is),
:mod:`~xindu_plan.reading.reader.layout` (cleaning, hard wraps, lines),
:mod:`~xindu_plan.reading.reader.structure` (sentences, paragraph kinds, genre,
sections), :mod:`~xindu_plan.reading.reader.metadata` (title, date, speaker,
year; reading a file) and :mod:`~xindu_plan.reading.reader.document`
(:class:`Document` and its tables); :func:`parse` runs them in turn.

>>> doc = parse("一、总体要求\\n坚持稳中求进。国内生产总值增长6%以上。")
>>> list(doc.paragraphs["kind"])
['heading', 'body']
>>> doc.targets.loc[0, "indicator"]
'国内生产总值'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xindu_plan.base.errors import ParseError
from xindu_plan.chinese.quotes import QUOTE
from xindu_plan.chinese.text import (
    Repair,
    TrackedText,
    find_annotations,
    punctuation_edits,
    restore,
    traditional_share,
)
from xindu_plan.reading.curation import curated_repairs
from xindu_plan.reading.reader.document import (
    _SECTION_COLUMNS,
    QUANTITY_COLUMNS,
    Document,
    _paragraph_table,
    _quantity_table,
    _sentences,
    _table,
)
from xindu_plan.reading.reader.layout import _CLEANING_COLUMNS, CLEANING_RULES, CleaningRule, _clean, clean
from xindu_plan.reading.reader.lines import LEAD, PILLAR
from xindu_plan.reading.reader.metadata import _metadata, _year, read_document
from xindu_plan.reading.reader.structure import GENRES, _frames, _genre, _read_paragraphs, split_sentences

__all__ = [
    "CLEANING_RULES",
    "GENRES",
    "LEAD",
    "PILLAR",
    "QUANTITY_COLUMNS",
    "QUOTE",
    "CleaningRule",
    "Document",
    "ParseError",
    "clean",
    "parse",
    "read_document",
    "split_sentences",
]


def parse(
    text: str,
    *,
    name: str = "document",
    year: int | None = None,
    rules: Sequence[CleaningRule] = CLEANING_RULES,
    repairs: Sequence[Repair] | None = None,
) -> Document:
    """Parse a plan document given as text.

    Args:
        text: the document as found (Simplified or Traditional, damaged or clean).
        name: a name for the document, kept in its tables.
        year: the year the document is about (全年 / 今年 refer to it); read from its
            date line, title or review heading when omitted. (``corpus.document`` gives
            a text that states none the year of its date in the corpus manifest.)
        rules: the cleaning rules (default :data:`CLEANING_RULES`).
        repairs: repair rules for Traditional input (default: the package's
            reviewed repairs).

    Raises:
        ParseError: ``text`` is not a string or a cleaning rule is broken.
    """
    import pandas as pd

    if not isinstance(text, str):
        raise ParseError(f"parse() takes a str, not {type(text).__name__}")
    needs_restoring = traditional_share(text) > 0.2 or len(find_annotations(text)) >= 5
    if needs_restoring:
        if repairs is None:
            repairs = curated_repairs()
        restoration = restore(text, repairs)
        tracked = TrackedText(restoration.text, restoration.offsets)
    else:
        tracked = TrackedText(text)
        tracked.apply(punctuation_edits(text))
    log: dict[str, list[Any]] = {name: [] for name in _CLEANING_COLUMNS}
    _clean(tracked, rules, log)
    cleaned = tracked.text
    paragraphs = _read_paragraphs(cleaned)
    metadata = _metadata(cleaned, paragraphs)
    year = year if year is not None else _year(metadata, paragraphs)
    metadata["year"] = year
    metadata["genre"] = _genre(metadata, paragraphs)
    sections, frames = _frames(paragraphs, metadata["genre"], year, metadata.get("title"))
    # Tables are built column by column (no dict a row): memory stays a small multiple of the text.
    sentences = _sentences(cleaned, paragraphs)
    starts, ends = sentences["start"].to_numpy(), sentences["end"].to_numpy()
    ids = sentences["sentence_id"]

    def sentence_at(pos: int) -> str | None:
        i = int(starts.searchsorted(pos, side="right")) - 1
        return str(ids.iat[i]) if i >= 0 and pos < ends[i] else None

    quantities = _quantity_table(cleaned, paragraphs, frames, year, sentence_at)
    targets = quantities[quantities["kind"] == "target"].reset_index(drop=True)
    targets.insert(0, "target_id", [f"T{i + 1}" for i in range(len(targets))])
    term_rows = [
        {"term": m.group(1), "start": m.start(1), "end": m.end(1), "sentence_id": sentence_at(m.start(1))}
        for m in QUOTE.finditer(cleaned)
    ]
    return Document(
        name=name,
        source=text,
        text=cleaned,
        offsets=tracked.offsets(),
        restored=needs_restoring,
        metadata=metadata,
        paragraphs=_paragraph_table(paragraphs),
        sections=_table({name: [x[name] for x in sections] for name in _SECTION_COLUMNS}, _SECTION_COLUMNS),
        sentences=sentences,
        quantities=quantities,
        targets=targets,
        terms=pd.DataFrame(term_rows, columns=["term", "start", "end", "sentence_id"]),
        cleaning=_table(log, _CLEANING_COLUMNS),
    )

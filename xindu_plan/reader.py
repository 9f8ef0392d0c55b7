"""Any plan document → :class:`Document`: cleaning, headings, paragraphs, sentences.

:func:`parse` reads the Chinese official genres the comparison helpers work on
(outlines 纲要, proposals 建议, government work reports 政府工作报告, articles such
as the Xindu plan) as they are found on the web:

1. **restore** — a copy that is mostly Traditional, or carries bracketed pinyin, is
   restored with :func:`xindu_plan.text.restore`; every copy gets its ASCII
   punctuation between Chinese characters made full-width;
2. **clean** — an extendable list of :class:`CleaningRule` removes invisible
   characters, site boilerplate, stray spaces and hard line breaks;
3. **read** — paragraphs (one a line), their kind and heading level, lead phrases,
   sentences, quoted terms, numeric targets and metadata lines.

Every table row carries ``start``/``end`` in the cleaned text, and
``Document.offsets`` maps any cleaned span back to the input.

>>> doc = parse("一、总体要求\\n坚持稳中求进。国内生产总值增长6%以上。")
>>> list(doc.paragraphs["kind"])
['heading', 'body']
>>> doc.targets.loc[0, "indicator"]
'国内生产总值'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import XinduPlanError
from .quantities import Target, find_targets
from .text import (
    OffsetMap,
    Repair,
    TrackedText,
    find_annotations,
    punctuation_edits,
    restore,
    traditional_share,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CLEANING_RULES",
    "CleaningRule",
    "Document",
    "ParseError",
    "clean",
    "parse",
    "read_document",
    "split_sentences",
]


class ParseError(XinduPlanError, ValueError):
    """Raised when a document cannot be read."""


@dataclass(frozen=True, slots=True)
class CleaningRule:
    """A named regular-expression rewrite applied to the whole text (multiline mode)."""

    name: str
    pattern: str
    replacement: str = ""
    description: str = ""


_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff〇"
_FULL_PUNCT = "，。、；：？！“”‘’（）《》【】—…·"

#: The default cleaning rules, applied in order. Extend with ``parse(rules=...)``.
CLEANING_RULES: tuple[CleaningRule, ...] = (
    CleaningRule("newlines", r"\r\n?", "\n", "Windows and old Mac line ends become \\n."),
    CleaningRule(
        "invisible-lines",
        r"(?<=\n)[\u200b-\u200f\u2060\ufeff\u00ad]+\n",
        "",
        "A line holding only zero-width characters (a scrape's broken word) is removed.",
    ),
    CleaningRule("invisible", r"[\u200b-\u200f\u2060\ufeff\u00ad]", "", "Zero-width and soft-hyphen characters."),
    CleaningRule(
        "wikisource-notice",
        r"\n本作品是中华人民共和国的[\s\S]*\Z",
        "",
        "Wikisource's public-domain notice and the 'Public domain' / 'false' lines after it.",
    ),
    CleaningRule("trailing-flags", r"(?:\n(?:Public domain|false))+\s*\Z", "", "Scrape flags at the end."),
    CleaningRule(
        "site-header",
        r"^(?:\[[^\]\n]*\] 发表于[:：][^\n]*|收藏|详情|全文收藏[!！][^\n]*)\n",
        "",
        "Header lines of document-sharing sites (category, date posted, 收藏, 详情).",
    ),
    CleaningRule("news-lead", r"^[\u4e00-\u9fff]{2,8}网讯[:：]", "", "A news site's lead-in (中商情报网讯:)."),
    CleaningRule(
        "space-between-cjk",
        rf"(?<=[{_CJK}{_FULL_PUNCT}\d])[ \t\u3000\u00a0]+(?=[{_CJK}{_FULL_PUNCT}])|(?<=[{_CJK}{_FULL_PUNCT}])[ "
        rf"\t\u3000\u00a0]+(?=\d)",
        "",
        "Spaces between Chinese characters, punctuation and digits (二 〇 三五).",
    ),
    CleaningRule("line-edges", r"^[ \t\u3000\u00a0]+|[ \t\u3000\u00a0]+$", "", "Spaces at the start and end of lines."),
)

_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）》]*|$)")
_HEADINGS: tuple[tuple[str, int, str], ...] = (
    (r"第[一二三四五六七八九十百零〇\d]+篇", 1, "part"),
    (r"第[一二三四五六七八九十百零〇\d]+章", 2, "chapter"),
    (r"第[一二三四五六七八九十百零〇\d]+节", 3, "section"),
    (r"围绕“[^”]{1,12}”[^，。]{0,8}，", 1, "pillar"),
    (r"[一二三四五六七八九十]+、", 1, "numbered"),
    (r"[（(][一二三四五六七八九十]+[）)]", 2, "numbered"),
    (r"\d{1,2}[.．、](?!\d)", 3, "numbered"),
    (r"[（(]\d{1,2}[）)]", 4, "numbered"),
)
_HEADING_RE = [(re.compile(p), level, style) for p, level, style in _HEADINGS]
_DATE_LINE = re.compile(
    r"^[—-]*\s*[（(]?(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:在)?(?P<meeting>[^）)]*?)(?:上|通过)?[）)]?$"
)
_OFFICE = re.compile(rf"(?:总理|书记|市长|区长|县长|省长|主任|主席|部长)(?:\s*[{_CJK}]{{2,4}})?$")
_NAME = re.compile(rf"^[{_CJK}]{{2,4}}$")
_LEAD = re.compile(r"^[^，、；：。,;:]{2,25}。(?=.)")
_QUOTE = re.compile(r"“([^“”\n]{1,60})”")


def clean(text: str, rules: Sequence[CleaningRule] = CLEANING_RULES) -> str:
    """Apply the cleaning rules and join hard-wrapped lines; see :func:`parse`.

    >>> clean("政府工作报\\n告\\n\\n\\n现在，我代表国务院。\\u200b")
    '政府工作报告\\n现在，我代表国务院。'
    """
    tracked = TrackedText(text)
    _clean(tracked, rules)
    return tracked.text


def _clean(tracked: TrackedText, rules: Sequence[CleaningRule]) -> None:
    for rule in rules:
        try:
            pattern = re.compile(rule.pattern, re.MULTILINE)
        except re.error as err:
            raise ParseError(f"cleaning rule {rule.name!r} is not a valid regular expression: {err}") from err
        tracked.apply([(m.start(), m.end(), m.expand(rule.replacement)) for m in pattern.finditer(tracked.text)])
    text = tracked.text
    singles = len(re.findall(r"[^\n]\n(?=[^\n])", text))
    blanks = len(re.findall(r"\n\n+", text))
    if blanks and blanks * 2 >= singles:
        # Paragraphs are separated by blank lines, so a lone line break inside a
        # sentence is a hard wrap of the copy: join it.
        tracked.apply([(m.start(), m.end(), "") for m in re.finditer(r"(?<=[^\n。！？：；”!?:;])\n(?=[^\n\s])", text)])
    tracked.apply([(m.start(), m.end(), "\n") for m in re.finditer(r"\n{2,}", tracked.text)])
    text = tracked.text
    edits = []
    if text.startswith("\n"):
        edits.append((0, 1, ""))
    if text.endswith("\n") and len(text) > 1:
        edits.append((len(text) - 1, len(text), ""))
    tracked.apply(edits)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` into sentence spans ending at 。！？ (closing quotes kept).

    >>> s = "坚持稳中求进。“力争”增长！余"
    >>> [s[a:b] for a, b in split_sentences(s)]
    ['坚持稳中求进。', '“力争”增长！', '余']
    """
    end = len(text) if end is None else end
    spans = []
    for m in _SENTENCE.finditer(text, start, end):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            spans.append((a, b))
    return spans


def _heading(line: str) -> tuple[int, str] | None:
    for pattern, level, style in _HEADING_RE:
        if pattern.match(line):
            return level, style
    return None


@dataclass(frozen=True)
class Document:
    """A parsed document: cleaned text, offset map to the input, tables and metadata.

    Tables (pandas DataFrames, spans into :attr:`text`):

    * ``paragraphs``: paragraph_id, order, kind (title, byline, metadata, heading,
      body, signature), level, heading_style, lead_end, start, end, text;
    * ``sentences``: sentence_id, paragraph_id, order, start, end, text;
    * ``targets``: target_id, sentence_id and the fields of
      :class:`xindu_plan.quantities.Target`;
    * ``terms``: every “quoted” expression: term, start, end, sentence_id.
    """

    name: str
    source: str
    text: str
    offsets: OffsetMap
    restored: bool
    metadata: dict[str, Any]
    paragraphs: pd.DataFrame = field(repr=False)
    sentences: pd.DataFrame = field(repr=False)
    targets: pd.DataFrame = field(repr=False)
    terms: pd.DataFrame = field(repr=False)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the span of the input behind ``[start, end)`` of the cleaned text."""
        return self.offsets.to_raw(start, end)

    def headings(self) -> pd.DataFrame:
        """Return the heading paragraphs with their level."""
        return self.paragraphs[self.paragraphs["kind"] == "heading"].reset_index(drop=True)


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
        year: the year 全年 / 今年 refer to; read from a date line when omitted.
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
            from .plan import curated_repairs

            repairs = curated_repairs()
        restoration = restore(text, repairs)
        tracked = TrackedText(restoration.text, restoration.offsets)
    else:
        tracked = TrackedText(text)
        tracked.apply(punctuation_edits(text))
    _clean(tracked, rules)
    cleaned = tracked.text
    paragraphs = _read_paragraphs(cleaned)
    metadata = _metadata(cleaned, paragraphs)
    if year is None and metadata.get("date"):
        year = int(str(metadata["date"])[:4])
    sentences = []
    for p in paragraphs:
        for order, (a, b) in enumerate(split_sentences(cleaned, p["start"], p["end"]), start=1):
            sentences.append(
                {
                    "sentence_id": f"{p['paragraph_id']}.{order}",
                    "paragraph_id": p["paragraph_id"],
                    "order": order,
                    "start": a,
                    "end": b,
                    "text": cleaned[a:b],
                }
            )
    starts = [s["start"] for s in sentences]

    def sentence_at(pos: int) -> str | None:
        import bisect

        i = bisect.bisect_right(starts, pos) - 1
        return sentences[i]["sentence_id"] if i >= 0 and pos < sentences[i]["end"] else None

    target_rows: list[dict[str, Any]] = []
    for p in paragraphs:
        if p["kind"] not in ("body", "heading"):
            continue
        for t in _targets_in(cleaned, p, year):
            row = {"target_id": f"T{len(target_rows) + 1}", "sentence_id": sentence_at(t.number_start)}
            row.update({k: getattr(t, k) for k in t.__slots__})
            target_rows.append(row)
    term_rows = [
        {"term": m.group(1), "start": m.start(1), "end": m.end(1), "sentence_id": sentence_at(m.start(1))}
        for m in _QUOTE.finditer(cleaned)
    ]
    return Document(
        name=name,
        source=text,
        text=cleaned,
        offsets=tracked.offsets(),
        restored=needs_restoring,
        metadata=metadata,
        paragraphs=pd.DataFrame(paragraphs, columns=_PARAGRAPH_COLUMNS),
        sentences=pd.DataFrame(sentences, columns=["sentence_id", "paragraph_id", "order", "start", "end", "text"]),
        targets=pd.DataFrame(target_rows, columns=["target_id", "sentence_id", *_TARGET_FIELDS]),
        terms=pd.DataFrame(term_rows, columns=["term", "start", "end", "sentence_id"]),
    )


_PARAGRAPH_COLUMNS = ["paragraph_id", "order", "kind", "level", "heading_style", "lead_end", "start", "end", "text"]
_TARGET_FIELDS = [
    "start",
    "end",
    "indicator",
    "indicator_start",
    "indicator_end",
    "number",
    "number_start",
    "value",
    "unit",
    "value_base",
    "base_unit",
    "comparator",
    "comparator_written",
    "change",
    "change_written",
    "action",
    "hedge",
    "period",
    "period_start_year",
    "period_end_year",
]


def _targets_in(text: str, paragraph: dict[str, Any], year: int | None) -> list[Target]:
    a, b = paragraph["start"], paragraph["end"]
    found = find_targets(text[a:b], year)
    shifted = []
    for t in found:
        values = {k: getattr(t, k) for k in t.__slots__}
        for key in ("start", "end", "indicator_start", "indicator_end", "number_start"):
            values[key] += a
        shifted.append(Target(**values))
    return shifted


def _read_paragraphs(text: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    pos = 0
    lines = text.split("\n")
    for line in lines:
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip():
            continue
        kind, level, style, lead_end = "body", None, None, None
        heading = _heading(line)
        sentences = split_sentences(line)
        previous = rows[-1]["text"] if rows else ""
        if not rows and _NAME.match(line):
            kind = "byline"
        elif not rows and len(line) <= 60 and "。" not in line and heading is None:
            kind = "title"
        elif _DATE_LINE.match(line):
            kind = "metadata"
        elif (
            line == "作者"
            or (previous == "作者")
            or (_OFFICE.search(line) and len(line) <= 30 and "。" not in line)
            or (_NAME.match(line) and rows and rows[-1]["kind"] == "signature")
        ):
            kind = "signature"
        elif heading is not None and len(sentences) <= 1 and len(line) <= 80:
            kind, (level, style) = "heading", heading
        else:
            if heading is not None:
                level, style = heading
            m = _LEAD.match(line[_marker_length(line) :])
            if m and len(sentences) > 1:
                lead_end = start + _marker_length(line) + m.end()
        rows.append(
            {
                "paragraph_id": f"P{len(rows) + 1:02d}",
                "order": len(rows) + 1,
                "kind": kind,
                "level": level,
                "heading_style": style,
                "lead_end": lead_end,
                "start": start,
                "end": end,
                "text": line,
            }
        )
    return rows


def _marker_length(line: str) -> int:
    for pattern, _, style in _HEADING_RE:
        if style == "numbered":
            m = pattern.match(line)
            if m:
                return m.end()
    return 0


def _metadata(text: str, paragraphs: list[dict[str, Any]]) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": None, "date": None, "meeting": None, "speaker": None, "office": None}
    for p in paragraphs[:12]:
        line = p["text"]
        if p["kind"] == "title" and meta["title"] is None:
            meta["title"] = line
        if p["kind"] == "byline" and meta["speaker"] is None:
            meta["speaker"] = line
        m = _DATE_LINE.match(line)
        if m and meta["date"] is None:
            meta["date"] = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
            meta["meeting"] = m["meeting"].strip("在 ") or None
    for p in paragraphs:
        if p["kind"] != "signature" or p["text"] == "作者":
            continue
        office = re.match(
            r"^(?P<office>.*?(?:总理|书记|市长|区长|县长|省长|主任|主席|部长))\s*(?P<name>[\u4e00-\u9fff]{2,4})?$",
            p["text"],
        )
        if office and meta["office"] is None:
            meta["office"] = office["office"]
            if office["name"]:
                meta["speaker"] = office["name"]
        elif _NAME.match(p["text"]) and meta["speaker"] is None:
            meta["speaker"] = p["text"]
    return meta


_ENCODINGS = ("gb18030", "big5")


def read_document(path: Path) -> str:
    """Read a text file in UTF-8 (with or without BOM), GB18030 or Big5.

    UTF-8 is tried first; otherwise charset-normalizer chooses between GB18030
    and Big5.

    Raises:
        ParseError: the file is missing, is a folder, cannot be read, or is in none
            of these encodings; the message names it.
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise ParseError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ParseError(f"{path}: is a folder, not a text file") from None
    except PermissionError:
        raise ParseError(f"{path}: permission denied") from None
    except OSError as err:
        raise ParseError(f"{path}: cannot be read ({err.strerror})") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_ENCODINGS)).best()
    if best is None or b"\x00" in data:
        raise ParseError(f"{path}: not text in UTF-8, GB18030 or Big5")
    return str(best)

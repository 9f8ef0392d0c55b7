"""Any plan document → :class:`Document`: the one reader of text in the package.

:func:`parse` reads the Chinese official genres the package works on (work
reports 政府工作报告, outlines 纲要, proposals 建议, resolutions, articles such as
the Xindu plan, whose own tables ``xindu-plan build`` derives with it) as they
are found on the web:

1. **restore** — a copy that is mostly Traditional, or carries bracketed pinyin, is
   restored with :func:`xindu_plan.text.restore`; every copy gets its ASCII
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
   (:mod:`xindu_plan.quantities`).

Every table row carries ``start``/``end`` in the cleaned text, and
``Document.offsets`` maps any cleaned span back to the input.

>>> doc = parse("一、总体要求\\n坚持稳中求进。国内生产总值增长6%以上。")
>>> list(doc.paragraphs["kind"])
['heading', 'body']
>>> doc.targets.loc[0, "indicator"]
'国内生产总值'
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._input import MAX_BYTES, read_input
from .curation import curated_repairs
from .errors import ParseError
from .quantities import Frame, Quantity, find_quantities
from .quotes import QUOTE
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
        r"\n?本作品是中华人民共和国的[\s\S]{0,400}?属于\s*公有领域\s*。(?:\s*注：中文维基文库社群认为[\s\S]{0,200}?的文件\s*。)?",
        "",
        "Wikisource's public-domain notice (and the community's note after it), wherever it stands.",
    ),
    CleaningRule(
        "scrape-flags", r"^(?:Public domain|false)[ \t]*(?:\n|\Z)", "", "Wikisource's 'Public domain' / 'false' lines."
    ),
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
_NUMERAL = "一二三四五六七八九十百零〇"
_HEADINGS: tuple[tuple[str, int, str], ...] = (
    (rf"第[{_NUMERAL}\d]+篇", 1, "part"),
    (rf"第[{_NUMERAL}\d]+章", 2, "chapter"),
    (rf"第[{_NUMERAL}\d]+节", 3, "section"),
    (r"围绕“[^”]{1,12}”[^，。“”]{0,8}，", 1, "pillar"),
    (r"[一二三四五六七八九十]+、", 1, "numbered"),
    (r"[一二三四五六七八九十]+$", 1, "bare"),
    (r"(?:结束语|结语|前言|序言|引言|附录|附件|总则|附则)$", 1, "named"),
    (r"[（(][一二三四五六七八九十]+[）)]", 2, "numbered"),
    (r"\d{1,2}[.．、](?!\d)", 3, "numbered"),
    (r"[（(]\d{1,2}[）)]", 4, "numbered"),
)
_HEADING_RE = [(re.compile(p), level, style) for p, level, style in _HEADINGS]
_INLINE_HEADING = re.compile(
    r"(?<=[。！？；：])(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[篇章])"
    r"|(?:(?<=[。！？：])|(?<=回顾|任务|成就))(?=过去五年|过去一年|五年来，|十年来，|“十[一二三四五六七八九]五”时期)"
)
#: The date and meeting of a speech, wherever they stand in its opening: 2021年3月5日在…会议上.
_DATE_IN_TEXT = re.compile(
    r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日在?(?P<meeting>[^。，；]{4,60}?(?:会议|全会))(?:上|通过|批准)"
)
_LINE = re.compile(r"[^\n]+")
_DATE_LINE = re.compile(
    r"^[—-]*\s*[（(]?(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日(?:在)?(?P<meeting>[^）)]*?)(?:上|通过|批准)?[）)]?$"
)
_MEETING_END = re.compile(r"^(?P<rest>[^。，]{2,40}?)(?:上|通过|批准)[）)]?$")
_OFFICE = re.compile(rf"(?:总理|书记|市长|区长|县长|省长|州长|主任|主席|部长)(?:\s*[{_CJK}]{{2,4}})?$")
_NAME = re.compile(rf"^[{_CJK}]{{2,4}}$")
_SALUTATION = re.compile(r"^(?:各位代表|同志们|各位委员|同志们、朋友们)[：！:!]?$")
#: A pillar heading: 围绕“协同共兴”攻坚提质，以高水平开放合作服务发展大局.
PILLAR = re.compile(r"^围绕“(?P<theme>[^”]{1,12})”(?P<verb>[^，。“”]{0,8})，(?P<aim>.+)$")
#: The lead phrase of a measure, ended by 。 with more text after it: 构建区域协同枢纽。深化….
LEAD = re.compile(r"^(?P<lead>[^，、；：。,;:]{2,25})。(?=.)")
_TITLE_YEAR = re.compile(r"(?P<y>(?:19|20)\d\d)年")

#: Genres :func:`parse` tells apart, with what marks each.
GENRES: dict[str, str] = {
    "work_report": "a government work report (政府工作报告): review of the past year, tasks of this year",
    "outline": "a five-year plan outline (纲要), parts 第X篇 and chapters 第X章",
    "proposal": "a Party committee's proposal for a plan (关于制定…的建议)",
    "resolution": "a resolution or decision of a congress or committee (决议, 决定)",
    "pillar_article": "an article under pillar headings (围绕“…”攻坚提质) with measures led by a phrase",
    "article": "a signed article with a byline",
    "unknown": "none of the above could be told",
}
_ROLE_PLAN = re.compile(r"十[一二三四五六七八九]五|五年规划|远景目标|主要目标任务|今后五年|未来五年")
_ROLE_REVIEW = re.compile(r"回顾|过去一年|过去五年|工作总结|发展成就|主要成就|主要成绩|取得的成绩")
_ROLE_YEAR = re.compile(r"今年|重点工作|工作任务|工作安排|总体要求|政策取向|工作的建议|主要任务|工作部署")
_OPENS_FIVE_YEARS = re.compile(r"^(?:过去五年|五年来|五年间)")
_OPENS_PLAN_PERIOD = re.compile(r"^“?十[一二三四五六七八九]五”?(?:时期|期间)")
_OPENS_PLAN = re.compile(r"^(?:今后五年|未来五年)")
_OPENS_LAST_YEAR = re.compile(r"^(?:过去一年|去年)")


def clean(text: str, rules: Sequence[CleaningRule] = CLEANING_RULES) -> str:
    """Apply the cleaning rules and join hard-wrapped lines; see :func:`parse`.

    >>> clean("政府工作报\\n告\\n\\n\\n现在，我代表国务院。\\u200b")
    '政府工作报告\\n现在，我代表国务院。'
    """
    tracked = TrackedText(text)
    _clean(tracked, rules)
    return tracked.text


def _record(tracked: TrackedText, name: str, edits: list[tuple[int, int, str]], log: dict[str, list[Any]]) -> None:
    """Apply edits, logging (column by column) what each removed or replaced, as spans of the input."""
    for a, b, new in edits:
        raw_start, raw_end = tracked.raw_span(a, b)
        log["rule"].append(name)
        log["raw_start"].append(raw_start)
        log["raw_end"].append(raw_end)
        log["removed"].append(tracked.text[a:b])
        log["inserted"].append(new)
    tracked.apply(edits)


_CLEANING_COLUMNS = ("rule", "raw_start", "raw_end", "removed", "inserted")


def _clean(tracked: TrackedText, rules: Sequence[CleaningRule], log: dict[str, list[Any]] | None = None) -> None:
    log = {name: [] for name in _CLEANING_COLUMNS} if log is None else log
    for rule in rules:
        try:
            pattern = re.compile(rule.pattern, re.MULTILINE)
        except re.error as err:
            raise ParseError(f"cleaning rule {rule.name!r} is not a valid regular expression: {err}") from err
        edits = [(m.start(), m.end(), m.expand(rule.replacement)) for m in pattern.finditer(tracked.text)]
        _record(tracked, rule.name, [e for e in edits if tracked.text[e[0] : e[1]] != e[2]], log)
    text = tracked.text
    joins = _hard_wraps(text)
    _record(tracked, "hard-wraps", joins, log)
    _record(tracked, "blank-lines", [(m.start(), m.end(), "\n") for m in re.finditer(r"\n{2,}", tracked.text)], log)
    text = tracked.text
    edits = []
    if text.startswith("\n"):
        edits.append((0, 1, ""))
    if text.endswith("\n") and len(text) > 1:
        edits.append((len(text) - 1, len(text), ""))
    _record(tracked, "blank-lines", edits, log)


def _hard_wraps(text: str) -> list[tuple[int, int, str]]:
    """The line breaks that wrap a paragraph, not end it.

    Two layouts are told apart: paragraphs separated by blank lines (a lone break
    inside one is a wrap unless it follows a sentence end), and text wrapped at a
    fixed width (most lines have the same length: a break after a full-width line is
    a wrap).
    """
    singles = len(re.findall(r"[^\n]\n(?=[^\n])", text))
    blanks = len(re.findall(r"\n\n+", text))
    if blanks and blanks * 2 >= singles:
        return [
            (m.start(), m.end(), "")
            for m in re.finditer(r"(?<=[^\n。！？：；”!?:;])\n(?=[^\n\s])", text)
            if not _starts_block(text[m.end() : text.find("\n", m.end()) % (len(text) + 1)])
        ]
    lengths = [m.end() - m.start() for m in _LINE.finditer(text) if m.end() - m.start() >= 10]
    if len(lengths) < 5:
        return []
    width, count = Counter(lengths).most_common(1)[0]
    if count * 5 < len(lengths) * 3 or not 20 <= width <= 200:
        return []  # wrapped text has most of its lines (three in five) of one width
    out = []
    pos = 0
    lines = text.split("\n")
    for line, following in itertools.pairwise(lines):
        end = pos + len(line)
        if len(line) >= width - 1 and line[-1:] not in ("：", ":") and not _starts_block(following):
            out.append((end, end + 1, ""))
        pos = end + 1
    return out


def _starts_block(line: str) -> bool:
    """Whether a line opens a heading or a salutation (a wrap never runs into one)."""
    line = line.strip()
    if _SALUTATION.match(line) or line.startswith("——"):
        return True
    if _OPENS_FIVE_YEARS.match(line) or _OPENS_PLAN.match(line) or _OPENS_PLAN_PERIOD.match(line):
        return True
    if _DATE_LINE.match(line) or (_OFFICE.search(line) and len(line) <= 30 and "。" not in line):
        return True
    return _heading(line) is not None and len(line) < 40 and "。" not in line


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

    * ``paragraphs``: paragraph_id, order, kind (title, byline, metadata, salutation,
      heading, body, signature), level, heading_style, lead_end, start, end, text;
    * ``sections``: one row per heading: section_id, paragraph_id, level, title,
      role (year, review, plan or empty), ref_start_year, ref_end_year, start, end
      (the heading and everything under it);
    * ``sentences``: sentence_id, paragraph_id, order, start, end, text;
    * ``quantities``: every quantity (see :data:`QUANTITY_COLUMNS`), with its kind
      and the years it refers to;
    * ``targets``: the quantities of kind ``target``, with a ``target_id``;
    * ``terms``: every “quoted” expression: term, start, end, sentence_id;
    * ``cleaning``: what each cleaning rule removed or replaced: rule, raw_start,
      raw_end (in the input), removed, inserted.

    ``metadata`` holds title, date, meeting, speaker, office (``None`` where the text
    states none), ``year`` (the year the document is about) and ``genre`` (one of
    :data:`GENRES`).
    """

    name: str
    source: str
    text: str
    offsets: OffsetMap
    restored: bool
    metadata: dict[str, Any]
    paragraphs: pd.DataFrame = field(repr=False)
    sections: pd.DataFrame = field(repr=False)
    sentences: pd.DataFrame = field(repr=False)
    quantities: pd.DataFrame = field(repr=False)
    targets: pd.DataFrame = field(repr=False)
    terms: pd.DataFrame = field(repr=False)
    cleaning: pd.DataFrame = field(repr=False)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the span of the input behind ``[start, end)`` of the cleaned text."""
        return self.offsets.to_raw(start, end)

    def headings(self) -> pd.DataFrame:
        """Return the heading paragraphs with their level."""
        return self.paragraphs[self.paragraphs["kind"] == "heading"].reset_index(drop=True)


#: Columns of :attr:`Document.quantities`, in order.
QUANTITY_COLUMNS: tuple[str, ...] = (
    "quantity_id",
    "paragraph_id",
    "sentence_id",
    "kind",
    "indicator",
    "number",
    "value",
    "low",
    "high",
    "unit",
    "value_base",
    "low_base",
    "high_base",
    "base_unit",
    "comparator",
    "comparator_written",
    "change",
    "change_written",
    "marker",
    "action",
    "hedge",
    "period",
    "period_start_year",
    "period_end_year",
    "ref_start_year",
    "ref_end_year",
    "written",
    "start",
    "end",
    "indicator_start",
    "indicator_end",
    "number_start",
    "number_end",
)
_INT_COLUMNS = (
    "period_start_year",
    "period_end_year",
    "ref_start_year",
    "ref_end_year",
    "start",
    "end",
    "indicator_start",
    "indicator_end",
    "number_start",
    "number_end",
)


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
            date line, title or review heading when omitted.
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


def _sentences(text: str, paragraphs: list[dict[str, Any]]) -> pd.DataFrame:
    """The sentences of every paragraph, built as arrays (no Python object per number)."""
    from array import array

    import numpy as np
    import pandas as pd

    starts, ends, counts = array("q"), array("q"), array("q")
    for p in paragraphs:
        found = split_sentences(text, p["start"], p["end"])
        for a, b in found:
            starts.append(a)
            ends.append(b)
        counts.append(len(found))
    sizes = np.frombuffer(counts, dtype=np.int64)
    order = np.arange(1, len(starts) + 1) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    paragraph_ids = np.repeat(np.array([p["paragraph_id"] for p in paragraphs], dtype=object), sizes)
    frame = pd.DataFrame(
        {
            "sentence_id": _strings(f"{pid}.{n}" for pid, n in zip(paragraph_ids, order.tolist(), strict=True)),
            "paragraph_id": _strings(paragraph_ids),
            "order": order,
            "start": np.frombuffer(starts, dtype=np.int64),
            "end": np.frombuffer(ends, dtype=np.int64),
        }
    )
    frame["text"] = _strings(text[a:b] for a, b in zip(starts, ends, strict=True))
    return frame


def _table(columns: dict[str, Any], names: Sequence[str]) -> pd.DataFrame:
    """A table from columns, every column of strings (or None) built by :func:`_strings`."""
    import pandas as pd

    out: dict[str, Any] = {}
    for name in names:
        values = columns[name]
        textual = isinstance(values, list) and all(v is None or isinstance(v, str) for v in values)
        out[name] = _strings(values) if textual and any(v is not None for v in values) else values
    return pd.DataFrame(out, columns=list(names))


def _strings(values: Iterable[str | None]) -> pd.Series:
    """A string column built a slice at a time (no list of every string held at once when pyarrow is there)."""
    import pandas as pd

    if int(pd.__version__.split(".")[0]) < 3:  # before pandas 3, "str" is not a string dtype with missing values
        return pd.Series(list(values), dtype=object)
    try:
        import pyarrow as pa
    except ImportError:  # pandas keeps Python strings then
        return pd.Series(list(values), dtype="str")
    # the system allocator returns freed memory at once (arrow's default pool keeps arenas)
    pool = pa.system_memory_pool()
    chunks = []
    batch: list[str | None] = []
    for value in values:
        batch.append(value)
        if len(batch) == 8192:
            chunks.append(pa.array(batch, type=pa.large_string(), memory_pool=pool))
            batch = []
    chunks.append(pa.array(batch, type=pa.large_string(), memory_pool=pool))
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array(chunks, type=pa.large_string())), dtype="str")


def _paragraph_table(paragraphs: list[dict[str, Any]]) -> pd.DataFrame:
    """The paragraphs as a table, column by column (the text as one string column)."""

    return _table({name: [p[name] for p in paragraphs] for name in _PARAGRAPH_COLUMNS}, _PARAGRAPH_COLUMNS)


def _quantity_table(
    text: str,
    paragraphs: list[dict[str, Any]],
    frames: list[Frame],
    year: int | None,
    sentence_at: Callable[[int], str | None],
) -> pd.DataFrame:
    """Every quantity of every paragraph, gathered column by column (numbers in typed arrays)."""
    from array import array

    import numpy as np
    import pandas as pd

    ints = {name: array("q") for name in _INT_COLUMNS}
    floats = {name: array("d") for name in ("value", "low", "high", "value_base", "low_base", "high_base")}
    others: dict[str, list[Any]] = {
        name: [] for name in QUANTITY_COLUMNS if name not in ints and name not in floats and name != "quantity_id"
    }
    for p, frame in zip(paragraphs, frames, strict=True):
        if p["kind"] not in ("body", "heading"):
            continue
        for q in find_quantities(text, year, frame, start=p["start"], end=p["end"]):
            for name, column in ints.items():
                value = getattr(q, name)
                column.append(-1 if value is None else value)
            for name, numbers in floats.items():
                value = getattr(q, name)
                numbers.append(np.nan if value is None else value)
            others["paragraph_id"].append(p["paragraph_id"])
            others["sentence_id"].append(sentence_at(q.number_start))
            others["written"].append(_written(text, q))
            for name in others.keys() - {"paragraph_id", "sentence_id", "written"}:
                others[name].append(getattr(q, name))
    n = len(others["kind"])
    columns: dict[str, Any] = {"quantity_id": [f"Q{i + 1}" for i in range(n)]}
    for name, column in ints.items():
        values = np.frombuffer(column, dtype=np.int64) if n else np.zeros(0, dtype=np.int64)
        columns[name] = pd.array(np.where(values < 0, 0, values), dtype="Int64")
        columns[name][values < 0] = pd.NA
    for name, numbers in floats.items():
        columns[name] = np.frombuffer(numbers, dtype=np.float64) if n else np.zeros(0)
    columns.update(others)
    return _table(columns, QUANTITY_COLUMNS)


def _written(text: str, q: Quantity) -> str:
    """The quantity as written: comparator or change word before it, number, unit, comparator after."""
    start = q.number_start
    for word in (q.comparator_written, q.change_written):
        if word and text.startswith(word, start - len(word)):
            start -= len(word)
    end = q.number_end
    while end < q.end and text[end] not in "，。；、：":
        end += 1
    return text[start:end]


_SENTENCE_COLUMNS = ("sentence_id", "paragraph_id", "order", "start", "end", "text")
_PARAGRAPH_COLUMNS = ["paragraph_id", "order", "kind", "level", "heading_style", "lead_end", "start", "end", "text"]
_SECTION_COLUMNS = [
    "section_id",
    "paragraph_id",
    "level",
    "title",
    "role",
    "ref_start_year",
    "ref_end_year",
    "start",
    "end",
]


def _lines(text: str) -> list[tuple[int, int]]:
    """Spans of the non-empty lines, a long line cut before headings run into it (one-line copies)."""
    out = []
    for m in _LINE.finditer(text):
        start, end = m.span()
        if text[start:end].isspace():
            continue
        cuts = [c.start() - start for c in _INLINE_HEADING.finditer(text, start, end)] if end - start > 1000 else []
        if len(cuts) >= 2:
            for a, b in zip([0, *cuts], [*cuts, end - start], strict=True):
                if a < b:
                    out.append((start + a, start + b))
        else:
            out.append((start, end))
    return out


def _read_paragraphs(text: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for start, end in _lines(text):
        line = text[start:end]
        kind, level, style, lead_end = "body", None, None, None
        heading = _heading(line)
        sentences = split_sentences(line)
        previous = rows[-1]["text"] if rows else ""
        opening = not any(r["kind"] in ("heading", "body") for r in rows)
        if not rows and _NAME.match(line):
            kind = "byline"
        elif opening and _SALUTATION.match(line):
            kind = "salutation"
        elif _DATE_LINE.match(line) or (
            opening and rows and rows[-1]["kind"] == "metadata" and _MEETING_END.match(line)
        ):
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
        elif opening and len(line) <= 60 and "。" not in line and not any(r["kind"] == "title" for r in rows):
            kind = "title"
        elif _SALUTATION.match(line):
            kind = "salutation"
        else:
            if heading is not None:
                level, style = heading
            m = LEAD.match(line[_marker_length(line) :])
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
    opening = []
    for p in paragraphs:
        if p["kind"] in ("heading", "body", "salutation"):
            break
        opening.append(p)
    for i, p in enumerate(opening):
        line = p["text"]
        if p["kind"] == "title" and meta["title"] is None:
            meta["title"] = line
        if p["kind"] == "byline" and meta["speaker"] is None:
            meta["speaker"] = line
        m = _DATE_LINE.match(line)
        if m and meta["date"] is None:
            meta["date"] = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
            meeting = m["meeting"].strip("在 ")
            rest = _MEETING_END.match(opening[i + 1]["text"]) if i + 1 < len(opening) else None
            if rest and opening[i + 1]["kind"] == "metadata":
                meeting += rest["rest"]
            meta["meeting"] = meeting or None
    if meta["date"] is None and paragraphs:
        m = _DATE_IN_TEXT.search(text, 0, min(len(text), 600))
        if m:
            meta["date"] = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
            meta["meeting"] = re.sub(r"\s+", "", m["meeting"])
    for p in paragraphs:
        if p["kind"] != "signature" or p["text"] == "作者":
            continue
        office = re.match(
            r"^(?P<office>.*?(?:总理|书记|市长|区长|县长|省长|州长|主任|主席|部长))\s*(?P<name>[\u4e00-\u9fff]{2,4})?$",
            p["text"],
        )
        if office and meta["office"] is None:
            meta["office"] = office["office"]
            if office["name"]:
                meta["speaker"] = office["name"]
        elif _NAME.match(p["text"]) and (meta["speaker"] is None or meta["office"] is not None):
            meta["speaker"] = meta["speaker"] if meta["speaker"] and meta["office"] is None else p["text"]
    return meta


def _year(meta: dict[str, Any], paragraphs: list[dict[str, Any]]) -> int | None:
    """The year a document is about: its date, a year in its title, or the year after the one it reviews."""
    if meta.get("date"):
        return int(str(meta["date"])[:4])
    title = meta.get("title") or ""
    m = _TITLE_YEAR.search(title)
    if m and ("工作报告" in title or "计划" in title):
        return int(m["y"])
    for p in paragraphs:
        heading = p["text"] if p["kind"] == "heading" else p["text"][:30] if p["heading_style"] == "numbered" else ""
        if _ROLE_REVIEW.search(heading):
            m = _TITLE_YEAR.search(heading)
            if m:
                return int(m["y"]) + 1
    return None


def _genre(meta: dict[str, Any], paragraphs: list[dict[str, Any]]) -> str:
    title = meta.get("title") or ""
    styles = {p["heading_style"] for p in paragraphs if p["kind"] == "heading"}
    headings = " ".join(p["text"] for p in paragraphs if p["kind"] == "heading")
    opening = paragraphs[0]["text"][:60] if paragraphs else ""
    if (
        "工作报告" in title
        or "政府工作报告" in opening
        or (any(p["kind"] == "salutation" for p in paragraphs) and "回顾" in headings)
    ):
        return "work_report"
    if "建议" in title:
        return "proposal"
    if "决议" in title or "决定" in title:
        return "resolution"
    if "纲要" in title or "规划" in title or styles & {"part", "chapter"}:
        return "outline"
    if "pillar" in styles:
        return "pillar_article"
    if any(p["kind"] == "byline" for p in paragraphs):
        return "article"
    return "unknown"


def _plan_years(text: str) -> tuple[int, int] | None:
    """The years of the last five-year plan a text names (十四五, 第十四个五年规划)."""
    found = re.findall(r"十([一二三四五六七八九])五|第十([一二三四五六七八九])个五年", text)
    if not found:
        return None
    last = found[-1][0] or found[-1][1]
    n = 10 + "一二三四五六七八九".index(last) + 1
    start = 1981 + 5 * (n - 6)
    return start, start + 4


def _role(heading: str, year: int | None) -> Frame | None:
    """What a heading says its part of the document is about."""
    if _ROLE_PLAN.search(heading):
        years = _plan_years(heading)
        return Frame("plan", *(years or (year, None)))
    if _ROLE_REVIEW.search(heading):
        m = _TITLE_YEAR.search(heading)
        y = int(m["y"]) if m else (year - 1 if year else None)
        return Frame("review", y, y)
    m = _TITLE_YEAR.search(heading)
    if _ROLE_YEAR.search(heading) or (m and year is not None and int(m["y"]) == year):
        return Frame("year", year, year)
    return None


def _cue(body: str, year: int | None, current: Frame) -> Frame | None:
    """The frame a paragraph's opening words turn to (过去五年…, “十四五”时期是…), if any."""
    if _OPENS_FIVE_YEARS.match(body) and year is not None:
        return Frame("review", year - 5, year - 1)
    if _OPENS_PLAN_PERIOD.match(body):
        years = _plan_years(body[:12])
        if years is not None:
            # a plan period that ended before the document's year is reviewed; any other is planned
            return Frame("review" if year is not None and years[1] < year else "plan", *years)
    if _OPENS_PLAN.match(body):
        return Frame("plan", year, (year + 4) if year else None)
    if _OPENS_LAST_YEAR.match(body) and year is not None and current.role == "review":
        return Frame("review", year - 1, year - 1)
    return None


def _frames(
    paragraphs: list[dict[str, Any]], genre: str, year: int | None, title: str | None
) -> tuple[list[dict[str, Any]], list[Frame]]:
    """Sections from the headings, and for each paragraph the frame its quantities stand in."""
    if genre in ("outline", "proposal", "resolution"):
        years = _plan_years(title or "") or _plan_years(" ".join(p["text"] for p in paragraphs[:20]))
        default = Frame("plan", *years) if years else Frame("plan")
    elif genre in ("pillar_article", "article"):
        default = Frame("year", year, year)
    else:
        default = Frame("", year, year)
    sections: list[dict[str, Any]] = []
    frames: list[Frame] = []
    stack: list[tuple[int, Frame]] = []  # (level, frame) of the open headings with a role
    current = default
    for p in paragraphs:
        is_heading = p["kind"] == "heading" or (p["heading_style"] == "numbered" and p["level"])
        if is_heading and p["level"]:
            level = int(p["level"])
            stack = [(lv, f) for lv, f in stack if lv < level]
            heading_text = p["text"] if p["kind"] == "heading" else split_sentences(p["text"])[0:1]
            heading = (
                heading_text if isinstance(heading_text, str) else "".join(p["text"][a:b] for a, b in heading_text)
            )
            role = _role(heading, year)
            if role is not None:
                stack.append((level, role))
            current = stack[-1][1] if stack else default
            sections.append(
                {
                    "section_id": f"H{len(sections) + 1}",
                    "paragraph_id": p["paragraph_id"],
                    "level": level,
                    "title": heading,
                    "role": (role or current).role,
                    "ref_start_year": (role or current).start,
                    "ref_end_year": (role or current).end,
                    "start": p["start"],
                    "end": p["end"],
                    "_level": level,
                }
            )
        elif p["kind"] == "body":
            cue = _cue(p["text"], year, current)
            if cue is not None:
                # the paragraph turns to another time: so does the rest of its section
                current = cue
                stack = [*stack[:-1], (stack[-1][0], cue)] if stack else [(0, cue)]
        frames.append(current)
    # a section runs to the next heading of the same or a higher level (one pass with a stack)
    open_sections: list[dict[str, Any]] = []
    for s in sections:
        while open_sections and open_sections[-1]["_level"] >= s["_level"]:
            open_sections.pop()["end"] = max(s["start"] - 1, 0)
        open_sections.append(s)
    for s in open_sections:
        s["end"] = paragraphs[-1]["end"]
    for s in sections:
        s["end"] = max(s["end"], s["start"])
        del s["_level"]
    return sections, frames


_ENCODINGS = ("gb18030", "big5")


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Read a text file in UTF-8 (with or without BOM), GB18030 or Big5.

    UTF-8 is tried first; otherwise charset-normalizer chooses between GB18030
    and Big5. ``-`` reads standard input. Only regular files are read, up to
    ``max_bytes`` (:data:`~xindu_plan._input.MAX_BYTES`, 20 MB, by default).

    Raises:
        ParseError: the file is missing, is a folder or not a regular file, cannot
            be read, is larger than ``max_bytes``, empty, binary, or in none of
            these encodings; the message names it.
    """
    data = read_input(path, ParseError, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_ENCODINGS)).best()
    if best is None or b"\x00" in data:
        raise ParseError(f"{path}: not text in UTF-8, GB18030 or Big5")
    return str(best)

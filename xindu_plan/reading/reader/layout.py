"""The layout of a copy: the cleaning rules, hard-wrapped lines, blank lines, and the lines read as paragraphs.

:data:`CLEANING_RULES` (each a :class:`CleaningRule`) removes invisible
characters, site boilerplate and scrape notices and stray spaces; :func:`_clean`
applies them to a :class:`~xindu_plan.chinese.text.TrackedText`, joins the line
breaks that wrap a paragraph (:func:`_hard_wraps`: blank-line and fixed-width
layouts), and logs every removal as a span of the input (the columns
:data:`_CLEANING_COLUMNS` of ``Document.cleaning``). :func:`_lines` gives the
spans of the cleaned lines, a one-line copy cut before its headings.

>>> _lines("一、总体要求\\n\\n坚持稳中求进。")
[(0, 6), (8, 15)]
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from xindu_plan.base.errors import ParseError
from xindu_plan.chinese.text import TrackedText
from xindu_plan.reading.reader.lines import _CJK, _starts_block

__all__ = ["CLEANING_RULES", "CleaningRule", "clean"]


@dataclass(frozen=True, slots=True)
class CleaningRule:
    """A named regular-expression rewrite applied to the whole text (multiline mode)."""

    name: str
    pattern: str
    replacement: str = ""
    description: str = ""


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

_INLINE_HEADING = re.compile(
    r"(?<=[。！？；：])(?=[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}[篇章])"
    r"|(?:(?<=[。！？：])|(?<=回顾|任务|成就))(?=过去五年|过去一年|五年来，|十年来，|“十[一二三四五六七八九]五”时期)"
)

_LINE = re.compile(r"[^\n]+")


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

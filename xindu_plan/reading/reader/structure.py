"""The structure of a cleaned text: sentences, paragraph kinds, the genre, sections and the time each speaks of.

:func:`split_sentences` cuts a text at 。！？; :func:`_read_paragraphs` gives each
line its kind (title, byline, metadata, salutation, heading, body, signature),
heading level and lead phrase; :func:`_genre` tells the genres of
:data:`GENRES` apart; :func:`_frames` opens a section at every heading, with the
role its heading gives it (this year, a review, a plan period) and the years it
refers to, and gives each paragraph the frame its quantities stand in.

>>> [p["kind"] for p in _read_paragraphs("一、总体要求\\n坚持稳中求进。")]
['heading', 'body']
>>> _plan_years("“十四五”时期")
(2021, 2025)
"""

from __future__ import annotations

import re
from typing import Any

from xindu_plan.chinese.quantities import Frame
from xindu_plan.reading.reader.layout import _lines
from xindu_plan.reading.reader.lines import (
    _DATE_LINE,
    _MEETING_END,
    _NAME,
    _OFFICE,
    _OPENS_FIVE_YEARS,
    _OPENS_LAST_YEAR,
    _OPENS_PLAN,
    _OPENS_PLAN_PERIOD,
    _SALUTATION,
    LEAD,
    _heading,
    _marker_length,
)

__all__ = ["GENRES", "split_sentences"]

_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）》]*|$)")

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

"""What a line of a plan document is: the patterns the cleaning and the structure read lines with.

A heading and its marker (第X章, 一、, （一）, 1.), a salutation (各位代表：), a date
line and the meeting it names, a signed office or a bare name, a pillar heading
(:data:`PILLAR`), a measure's lead phrase (:data:`LEAD`), and the opening words
that turn a paragraph to another time (过去五年, “十四五”时期, 今后五年, 去年);
:func:`_starts_block` says whether a line opens a block, which a hard-wrapped
line never runs into.

>>> _heading("（二）深化改革"), _heading("坚持稳中求进。")
((2, 'numbered'), None)
>>> _marker_length("一、总体要求"), _starts_block("各位代表："), _starts_block("坚持稳中求进")
(2, True, False)
"""

from __future__ import annotations

import re

__all__ = ["LEAD", "PILLAR"]

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff〇"

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

_OPENS_FIVE_YEARS = re.compile(r"^(?:过去五年|五年来|五年间)")
_OPENS_PLAN_PERIOD = re.compile(r"^“?十[一二三四五六七八九]五”?(?:时期|期间)")
_OPENS_PLAN = re.compile(r"^(?:今后五年|未来五年)")
_OPENS_LAST_YEAR = re.compile(r"^(?:过去一年|去年)")


def _heading(line: str) -> tuple[int, str] | None:
    for pattern, level, style in _HEADING_RE:
        if pattern.match(line):
            return level, style
    return None


def _marker_length(line: str) -> int:
    for pattern, _, style in _HEADING_RE:
        if style == "numbered":
            m = pattern.match(line)
            if m:
                return m.end()
    return 0


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

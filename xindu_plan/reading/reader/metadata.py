"""What a document says of itself, and the reading of its file: title, date, meeting, speaker, office, year, encoding.

:func:`_metadata` reads the title, date, meeting, speaker and office from the
opening and the signature where the text states them; :func:`_year` the year the
document is about; :func:`read_document` reads a file in UTF-8, GB18030 or Big5.

>>> paragraphs = [{"kind": "title", "text": "2021年政府工作报告", "heading_style": None}]
>>> _metadata("2021年政府工作报告", paragraphs)["title"], _year({"title": "2021年政府工作报告"}, paragraphs)
('2021年政府工作报告', 2021)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from xindu_plan.base.errors import ParseError
from xindu_plan.base.input import MAX_BYTES, read_input
from xindu_plan.reading.reader.lines import _DATE_LINE, _MEETING_END, _NAME
from xindu_plan.reading.reader.structure import _ROLE_REVIEW, _TITLE_YEAR

__all__ = ["read_document"]

#: The date and meeting of a speech, wherever they stand in its opening: 2021年3月5日在…会议上.
_DATE_IN_TEXT = re.compile(
    r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日在?(?P<meeting>[^。，；]{4,60}?(?:会议|全会))(?:上|通过|批准)"
)


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


_ENCODINGS = ("gb18030", "big5")


def read_document(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """Read a text file in UTF-8 (with or without BOM), GB18030 or Big5.

    UTF-8 is tried first; otherwise charset-normalizer chooses between GB18030
    and Big5. ``-`` reads standard input. Only regular files are read, up to
    ``max_bytes`` (:data:`~xindu_plan.base.input.MAX_BYTES`, 20 MB, by default).

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

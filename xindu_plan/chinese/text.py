"""Restoration of damaged copies: annotations, script conversion, repairs, offset map.

A copy that went through an automatic Simplified→Traditional converter carries
three kinds of damage, each undone by one named step of :func:`restore`:

1. :func:`find_annotations` / ``strip``: the converter appended the pinyin of most
   converted characters in brackets (``國(guó)``). The annotations are read as data
   and removed.
2. ``punctuation``: full-width punctuation was replaced by ASCII (``，`` → ``,``).
   ASCII ``, ; : ? !`` next to a Chinese character becomes full-width again; inside
   Latin tokens (``CRH6A-A``, ``2.0``, ``12%``, ``1,000``) it stays.
3. ``simplify``: Traditional characters go back to Simplified with OpenCC (``t2s``).
4. ``repair``: a character-level round trip cannot undo every collapse (the
   converter merged 着 into 著). Reviewed rules (:class:`Repair`, phrase found →
   replacement, with a reason) are applied by code that knows no phrase itself.

Every step records where each output character came from, so the result carries an
:class:`OffsetMap` from the restored text back to the raw copy.

>>> r = restore("許興國(guó),著力")
>>> r.text
'许兴国，著力'
>>> r.offsets.to_raw(2, 3)
(2, 8)
>>> r.annotations[0].reading
'guó'
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from xindu_plan.base.errors import RestorationError, XinduPlanError
from xindu_plan.chinese.offsets import OffsetMap, TrackedText

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    _Array: TypeAlias = npt.NDArray[np.signedinteger[Any]]
    #: A map from each character of a text to a span ``[starts[i], ends[i])`` of an earlier text.
    _Map: TypeAlias = tuple[_Array, _Array]

__all__ = [
    "Annotation",
    "AppliedRepair",
    "OffsetMap",
    "Repair",
    "Restoration",
    "RestorationError",
    "TrackedText",
    "check_annotation",
    "find_annotations",
    "is_cjk",
    "punctuation_edits",
    "restore",
    "restored_text",
    "strip_annotations",
    "to_simplified",
    "traditional_share",
]

#: Letters of a pinyin reading written with tone marks (the converter's style).
PINYIN_LETTERS = "a-zāáǎàēéěèêếềīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ"
_ANNOTATION = re.compile(rf"(?P<char>[^\s()（）])(?P<notes>(?:\([{PINYIN_LETTERS}]{{1,6}}\))+)")
_ONE_NOTE = re.compile(rf"\(([{PINYIN_LETTERS}]{{1,6}})\)")

_ASCII_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
# Characters that make a neighbouring ASCII mark Chinese punctuation: ideographs,
# CJK symbols and brackets, curly quotes. The full-width marks this step writes are
# not among them, so the step is idempotent.
_CJK_NEIGHBOUR = (
    "\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u2018\u2019\u201c\u201d"
    "\uff08\uff09\u300a\u300b\U00020000-\U0003134f"
)
_PUNCT = re.compile(rf"(?<=[{_CJK_NEIGHBOUR}])[,;:?!]|[,;:?!](?=[{_CJK_NEIGHBOUR}])")
_SHARE_SAMPLE = 200_000
_NOT_IDEOGRAPH = re.compile("[^\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_IDEOGRAPH = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"  # compiled on first use: slow to compile


def is_cjk(char: str) -> bool:
    """Tell whether ``char`` is a CJK ideograph.

    >>> is_cjk("国"), is_cjk("I")
    (True, False)
    """
    return bool(re.fullmatch(_IDEOGRAPH, char))


class Annotation(NamedTuple):
    """A bracketed reading the converter appended to a character of the raw copy.

    ``raw_start`` is the offset of the annotated character, ``raw_end`` the offset
    just after the closing bracket of its (last) reading.
    """

    raw_start: int
    raw_end: int
    char: str
    reading: str


@dataclass(frozen=True, slots=True)
class Repair:
    """A reviewed rule: replace ``found`` with ``replacement``, for ``reason``."""

    repair_id: str
    found: str
    replacement: str
    reason: str


@dataclass(frozen=True, slots=True)
class AppliedRepair:
    """One place where a :class:`Repair` was applied, as a span of the restored text."""

    repair: Repair
    occurrence: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Restoration:
    """The result of :func:`restore`: restored text, offset map and what was found."""

    raw: str
    text: str
    offsets: OffsetMap
    repairs: tuple[AppliedRepair, ...]

    @property
    def annotations(self) -> tuple[Annotation, ...]:
        """The bracketed readings of the raw copy (:func:`find_annotations`), read on each access."""
        return tuple(find_annotations(self.raw))

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the raw span behind restored ``[start, end)``."""
        return self.offsets.to_raw(start, end)


# ---------------------------------------------------------------------------
# The edit machinery every step uses.

_Edit = tuple[int, int, str]  # replace text[start:end] with the string


def _apply(text: str, edits: Iterable[_Edit]) -> tuple[str, _Map | None]:
    """Apply sorted, non-overlapping edits; map each output char to an input span.

    A replacement of equal length maps character to character; any other maps each
    of its characters to the whole replaced span. Returns the new text and its map,
    or ``None`` for the map when every edit kept its length (character to character).

    >>> text, local = _apply("a(b)c", [(0, 4, "a")])
    >>> text, local[0].tolist(), local[1].tolist()
    ('ac', [0, 4], [4, 5])
    """
    pieces: list[str] = []
    resized: list[tuple[int, int, int]] = []
    pos = 0
    for start, end, new in edits:
        pieces.append(text[pos:start])
        pieces.append(new)
        if len(new) != end - start:
            resized.append((start, end, len(new)))
        pos = end
    pieces.append(text[pos:])
    out = "".join(pieces)
    if not resized:
        return out, None
    import numpy as np

    starts_parts: list[_Array] = []
    ends_parts: list[_Array] = []
    pos = 0
    for start, end, length in resized:
        if start > pos:
            starts_parts.append(np.arange(pos, start, dtype=np.int64))
            ends_parts.append(np.arange(pos + 1, start + 1, dtype=np.int64))
        if length:
            starts_parts.append(np.full(length, start, dtype=np.int64))
            ends_parts.append(np.full(length, end, dtype=np.int64))
        pos = max(pos, end)
    if pos < len(text):
        starts_parts.append(np.arange(pos, len(text), dtype=np.int64))
        ends_parts.append(np.arange(pos + 1, len(text) + 1, dtype=np.int64))
    if not starts_parts:
        return out, (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    return out, (np.concatenate(starts_parts), np.concatenate(ends_parts))


def _compose(outer: _Map, local: _Map, length: int) -> _Map:
    """Compose a step's local map with the map so far (spans of the step's input in the raw text)."""
    import numpy as np

    starts, ends = outer
    local_s, local_e = local
    n = len(starts)
    if n == 0:
        new_starts = np.full(len(local_s), length, dtype=starts.dtype)
        return new_starts, new_starts.copy()
    new_starts = starts.take(np.minimum(local_s, n - 1))
    new_starts[local_s >= n] = length
    new_ends = ends.take(np.maximum(local_e - 1, 0))
    insertion = np.flatnonzero(local_s == local_e)  # an empty span where it stands
    new_ends[insertion] = new_starts[insertion]
    return new_starts, new_ends


# ---------------------------------------------------------------------------
# Step 1: annotations.


def find_annotations(raw: str) -> list[Annotation]:
    """Read the bracketed pinyin annotations of ``raw`` as data.

    A character followed by several readings gives one annotation per reading.

    >>> [(a.char, a.reading) for a in find_annotations("國(guó)家")]
    [('國', 'guó')]
    """
    return _annotations(list(_ANNOTATION.finditer(raw)))


def _annotations(matches: list[re.Match[str]]) -> list[Annotation]:
    found: list[Annotation] = []
    for match in matches:
        char, notes = match.group("char", "notes")
        if notes.count("(") == 1:
            found.append(Annotation(match.start(), match.end(), char, notes[1:-1]))
        else:
            found.extend(Annotation(match.start(), match.end(), char, n) for n in _ONE_NOTE.findall(notes))
    return found


def _strip_edits(text: str) -> list[_Edit]:
    return [(m.start(), m.end(), m.group("char")) for m in _ANNOTATION.finditer(text)]


def strip_annotations(raw: str) -> str:
    """Remove every bracketed pinyin annotation, to a fixed point.

    >>> strip_annotations("成都(dū)區(qū)")
    '成都區'
    """
    text = raw
    while _ANNOTATION.search(text):
        text = _ANNOTATION.sub(lambda m: m.group("char"), text)
    return text


# ---------------------------------------------------------------------------
# Step 2: punctuation.


def punctuation_edits(text: str) -> list[tuple[int, int, str]]:
    """Return the edits making ASCII ``, ; : ? !`` next to Chinese characters full-width.

    >>> punctuation_edits("中,文 a,b")
    [(1, 2, '，')]
    """
    return [(m.start(), m.end(), _ASCII_TO_FULL[m.group()]) for m in _PUNCT.finditer(text)]


# ---------------------------------------------------------------------------
# Step 3: script conversion with OpenCC.


@functools.cache
def _converter(config: str) -> Callable[[str], str]:
    import opencc  # deferred: loading the dictionaries is paid only when converting

    # By its absolute installed path: given a bare name, OpenCC would first try a
    # file of that name in the working folder.
    path = Path(opencc.__file__).resolve().parent / "clib" / "share" / "opencc" / f"{config}.json"
    if not path.is_file():
        raise XinduPlanError(f"OpenCC's {config} configuration is not installed at {path}; reinstall opencc")
    convert: Callable[[str], str] = opencc.OpenCC(str(path)).convert

    def convert_all(text: str) -> str:
        # Older OpenCC releases stop at a NUL character (a C string): convert the pieces
        # between NULs, so no release drops the rest of a text.
        if "\x00" in text:
            return "\x00".join(convert(piece) for piece in text.split("\x00"))
        return convert(text)

    return convert_all


def to_simplified(text: str) -> str:
    """Convert Traditional characters to Simplified with OpenCC ``t2s``, to a fixed point.

    >>> to_simplified("發展規劃")
    '发展规划'
    """
    return _simplify(text, track=False)[0]


def _simplify(text: str, track: bool = True) -> tuple[str, _Map | None]:
    """Convert to a fixed point; return the text and its map to ``text`` (``None``: char to char,
    or not ``track``-ed)."""
    convert = _converter("t2s")
    current = text
    local: _Map | None = None
    # OpenCC is idempotent for all but a few characters (薴 → 苧 → 苎): convert
    # until nothing changes, at most four times.
    for _ in range(4):
        converted = convert(current)
        if converted == current:
            break
        if len(converted) != len(current) and not track:
            written = converted
        elif len(converted) != len(current):  # a phrase of another length: align the two texts
            matcher = difflib.SequenceMatcher(None, current, converted, autojunk=False)
            edits = [(i1, i2, converted[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
            _, step = _apply(current, edits)
            if step is not None:
                local = step if local is None else _compose(local, step, len(text))
            written = converted
        else:
            written = _changed_characters(current, converted)
        current = converted
        if convert(written) == written:  # nothing just written would change again
            break
    return current, local


def _changed_characters(before: str, after: str) -> str:
    """The characters of ``after`` that differ from ``before`` at the same place (equal lengths),
    one a line, in code-point order.

    >>> _changed_characters("發展規劃", "发展规划")
    '划\\n发\\n规'
    """
    return "\n".join(sorted({b for a, b in zip(before, after, strict=True) if a != b}))


def traditional_share(text: str) -> float:
    """Return the share of ideographs in ``text`` that OpenCC ``t2s`` would change.

    >>> traditional_share("發展")
    0.5
    """
    if len(text) > _SHARE_SAMPLE:
        # a long text is judged on evenly spaced stretches of it: memory and time stay bounded
        step = len(text) // 20
        text = "".join(text[i : i + _SHARE_SAMPLE // 20] for i in range(0, len(text), step))
    joined = _NOT_IDEOGRAPH.sub("", text)
    if not joined:
        return 0.0
    converted = _converter("t2s")(joined)
    changed = sum(1 for a, b in zip(joined, converted, strict=False) if a != b)
    return changed / len(joined)


# ---------------------------------------------------------------------------
# Step 4: reviewed repairs.


def _repair_edits(text: str, repairs: Sequence[Repair]) -> tuple[list[_Edit], list[tuple[Repair, int, int]]]:
    taken: list[tuple[int, int, str, Repair]] = []
    for repair in repairs:
        if not repair.found:
            raise RestorationError(f"repair {repair.repair_id}: the phrase to find is empty")
        for match in re.finditer(re.escape(repair.found), text):
            if any(match.start() < e and s < match.end() for s, e, _, _ in taken):
                raise RestorationError(
                    f"repair {repair.repair_id} overlaps another repair at character {match.start()}"
                )
            taken.append((match.start(), match.end(), repair.replacement, repair))
    taken.sort(key=lambda t: t[0])
    return [(s, e, new) for s, e, new, _ in taken], [(r, s, e) for s, e, _, r in taken]


# ---------------------------------------------------------------------------
# The pipeline.


def restore(raw: str, repairs: Sequence[Repair] = ()) -> Restoration:
    """Restore a damaged copy: strip annotations, fix punctuation, simplify, repair.

    Args:
        raw: the text as received.
        repairs: reviewed rules applied after script conversion, in order.

    Returns:
        A :class:`Restoration` with the text, its offset map, the annotations read
        and the repairs applied.

    Raises:
        RestorationError: ``raw`` is not a string, or a repair rule is empty or
            overlaps another.

    >>> restore("著力(lì)", [Repair("R1", "著力", "着力", "着 collapsed into 著")]).text
    '着力'
    """
    if not isinstance(raw, str):
        raise RestorationError(f"restore() takes a str, not {type(raw).__name__}")
    tracked = TrackedText(raw)
    tracked.apply(_strip_edits(raw))
    while edits := _strip_edits(tracked.text):  # a reading left behind by nested brackets
        tracked.apply(edits)
    tracked.apply(punctuation_edits(tracked.text))
    simplified, local = _simplify(tracked.text)
    tracked.replace_all(simplified, local)
    before = tracked.text
    repair_edits, places = _repair_edits(before, repairs)
    tracked.apply(repair_edits)
    applied = _locate_repairs(repair_edits, places)
    return Restoration(raw, tracked.text, tracked.offsets(), applied)


def restored_text(raw: str, repairs: Sequence[Repair] = ()) -> tuple[str, int]:
    """Return the text :func:`restore` gives and how many repairs it applies, without the offset map.

    The same steps in the same order, applied to the text alone: quick, and numpy is
    not imported (the package checks of ``xindu-plan verify`` run it).

    Raises:
        RestorationError: as :func:`restore`.

    >>> restored_text("著力(lì),發展", [Repair("R1", "著力", "着力", "着 collapsed into 著")])
    ('着力，发展', 1)
    """
    if not isinstance(raw, str):
        raise RestorationError(f"restore() takes a str, not {type(raw).__name__}")
    text = _edited(raw, _strip_edits(raw))
    while edits := _strip_edits(text):  # a reading left behind by nested brackets
        text = _edited(text, edits)
    text = _edited(text, punctuation_edits(text))
    text = _simplify(text, track=False)[0]
    repair_edits, places = _repair_edits(text, repairs)
    return _edited(text, repair_edits), len(places)


def _edited(text: str, edits: Iterable[_Edit]) -> str:
    """Apply sorted, non-overlapping edits to the text alone."""
    pieces: list[str] = []
    pos = 0
    for start, end, new in edits:
        pieces.append(text[pos:start])
        pieces.append(new)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _locate_repairs(edits: list[_Edit], places: list[tuple[Repair, int, int]]) -> tuple[AppliedRepair, ...]:
    applied: list[AppliedRepair] = []
    shift = 0
    counts: dict[str, int] = {}
    for (start, end, new), (repair, _, _) in zip(edits, places, strict=True):
        counts[repair.repair_id] = counts.get(repair.repair_id, 0) + 1
        applied.append(AppliedRepair(repair, counts[repair.repair_id], start + shift, start + shift + len(new)))
        shift += len(new) - (end - start)
    return tuple(applied)


# ---------------------------------------------------------------------------
# Checking annotations against readings.


def check_annotation(reading: str, char: str) -> tuple[bool, tuple[str, ...]]:
    """Check a reading against every reading pypinyin knows for ``char`` (heteronyms too).

    Returns whether it fits and the readings known.

    >>> check_annotation("zhuó", "着")[0], check_annotation("mǎi", "I")[0]
    (True, False)
    """
    from pypinyin import Style, pinyin  # deferred: its dictionaries are large

    rows = pinyin(char, heteronym=True, style=Style.TONE, errors="ignore") if char else []
    known = tuple(rows[0]) if len(rows) == 1 else ()
    return reading in known, known

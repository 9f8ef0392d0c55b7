"""Offset maps: for each character of a rewritten text, the span of the original behind it.

Restoration and cleaning rewrite a text step by step (strip annotations, convert the
script, remove invisible characters, join hard-wrapped lines); every character of the
result keeps the span of the original it came from. A map is stored as *runs*, not a
pair of numbers a character: a run of characters copied unchanged maps character to
character (``[raw + k, raw + k + 1)``), a run written by a replacement maps every
character to the span it replaced. A map's memory grows with the number of edits, not
with the length of the text, and a span is looked up with ``searchsorted``.

>>> t = TrackedText("a(b)c")
>>> t.apply([(1, 4, "")])
>>> t.text, t.offsets().to_raw(1, 2)
('ac', (4, 5))
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from xindu_plan.base.errors import SpanError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["OffsetMap", "TrackedText"]

_Edit = tuple[int, int, str]


@dataclass(slots=True)
class _Runs:
    """Runs of a map as three parallel lists: where each run starts in the text, the raw
    offset of its first character, and the raw end shared by all its characters (``-1``
    for a run copied character to character)."""

    positions: list[int] = field(default_factory=list)
    raw: list[int] = field(default_factory=list)
    raw_end: list[int] = field(default_factory=list)

    def emit(self, position: int, raw: int, raw_end: int) -> None:
        """Append a run, merged into the one before when it continues it."""
        if self.positions:
            p, r, e = self.positions[-1], self.raw[-1], self.raw_end[-1]
            if e == -1 and raw_end == -1 and r + (position - p) == raw:
                return
            if e != -1 and raw_end == e and r == raw:
                return
        self.positions.append(position)
        self.raw.append(raw)
        self.raw_end.append(raw_end)

    def start(self, i: int) -> int:
        k = bisect.bisect_right(self.positions, i) - 1
        return self.raw[k] + (i - self.positions[k]) if self.raw_end[k] == -1 else self.raw[k]

    def end(self, i: int) -> int:
        k = bisect.bisect_right(self.positions, i) - 1
        return self.raw[k] + (i - self.positions[k]) + 1 if self.raw_end[k] == -1 else self.raw_end[k]


@dataclass(frozen=True, slots=True, eq=False)
class OffsetMap:
    """For each character of a rewritten text, the span of the raw text it came from.

    ``to_raw(i, i + 1)`` bounds the raw characters behind character ``i`` (an
    annotated character owns its annotation). :attr:`starts` and :attr:`ends` give
    the same as two non-decreasing arrays, one number a character.
    """

    positions: npt.NDArray[np.int64]
    raw: npt.NDArray[np.int64]
    raw_end: npt.NDArray[np.int64]
    length: int
    raw_length: int
    _arrays: list[Any] = field(default_factory=list, repr=False)

    @classmethod
    def from_arrays(cls, starts: Any, ends: Any, raw_length: int) -> OffsetMap:
        """Build a map from one start and one end a character.

        >>> m = OffsetMap.from_arrays([0, 1, 4], [1, 4, 5], 5)
        >>> m.to_raw(1, 2), len(m.positions)
        ((1, 4), 3)
        """
        import numpy as np

        starts, ends = np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)
        n = len(starts)
        if n == 0:
            empty = np.zeros(0, dtype=np.int64)
            return cls(empty, empty, empty, 0, raw_length)
        identity = ends == starts + 1
        new_run = np.ones(n, dtype=bool)
        same_copy = identity[1:] & identity[:-1] & (starts[1:] == starts[:-1] + 1)
        same_span = ~identity[1:] & ~identity[:-1] & (starts[1:] == starts[:-1]) & (ends[1:] == ends[:-1])
        new_run[1:] = ~(same_copy | same_span)
        at = np.flatnonzero(new_run)
        return cls(at.astype(np.int64), starts[at], np.where(identity[at], -1, ends[at]), n, raw_length)

    def __len__(self) -> int:
        return self.length

    def _materialise(self) -> tuple[Any, Any]:
        import numpy as np

        if not self._arrays:
            sizes = np.diff(np.append(self.positions, self.length))
            copied = np.repeat(self.raw_end == -1, sizes)
            offset = np.arange(self.length, dtype=np.int64) - np.repeat(self.positions, sizes)
            starts = np.repeat(self.raw, sizes) + np.where(copied, offset, 0)
            ends = np.where(copied, starts + 1, np.repeat(self.raw_end, sizes))
            self._arrays.extend([starts, ends])
        return self._arrays[0], self._arrays[1]

    @property
    def starts(self) -> npt.NDArray[np.int64]:
        """The raw start behind each character (built on first use)."""
        return self._materialise()[0]  # type: ignore[no-any-return]

    @property
    def ends(self) -> npt.NDArray[np.int64]:
        """The raw end behind each character (built on first use)."""
        return self._materialise()[1]  # type: ignore[no-any-return]

    def _lookup(self, i: int) -> tuple[int, int]:
        k = int(self.positions.searchsorted(i, side="right")) - 1
        if self.raw_end[k] == -1:
            raw = int(self.raw[k]) + (i - int(self.positions[k]))
            return raw, raw + 1
        return int(self.raw[k]), int(self.raw_end[k])

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Return the raw span behind the span ``[start, end)``.

        Raises:
            SpanError: the span is not within the text (an :class:`IndexError`).
        """
        if not 0 <= start <= end <= self.length:
            raise SpanError(f"span [{start}, {end}) is outside the restored text of length {self.length}")
        if start == end:
            at = self._lookup(start)[0] if start < self.length else self.raw_length
            return at, at
        return self._lookup(start)[0], self._lookup(end - 1)[1]

    def to_restored(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """Return the smallest span of the text whose raw span covers ``[raw_start, raw_end)``.

        Raises:
            SpanError: the span is not within the raw text (an :class:`IndexError`).
        """
        if not 0 <= raw_start <= raw_end <= self.raw_length:
            raise SpanError(f"span [{raw_start}, {raw_end}) is outside the raw copy of length {self.raw_length}")
        first = int(self.ends.searchsorted(raw_start, side="right"))
        if raw_start == raw_end:
            return first, first
        last = int(self.starts.searchsorted(raw_end, side="left"))
        return first, max(first, last)


def _compose(outer: _Runs | None, local: _Runs, old_length: int, new_length: int, raw_length: int) -> _Runs:
    """Compose a step's map (new text → old text) with the map so far (old text → raw).

    The last run of ``local`` ends with the new text, which need not reach the end of the
    old one (a step may drop the old text's tail).
    """
    if outer is None:
        return local
    out = _Runs()
    ends: list[int | None] = [*local.positions[1:], None] if local.positions else []
    for p, lo, le, next_p in zip(local.positions, local.raw, local.raw_end, ends, strict=True):
        if le != -1:  # every character of the run stands for old [lo, le)
            if le > lo:
                out.emit(p, outer.start(lo), outer.end(le - 1))
            else:
                at = outer.start(lo) if lo < old_length else raw_length
                out.emit(p, at, at)
            continue
        size = (next_p if next_p is not None else new_length) - p
        stop = min(lo + size, old_length)
        k = bisect.bisect_right(outer.positions, lo) - 1
        s = lo
        while s < stop:
            run_end = outer.positions[k + 1] if k + 1 < len(outer.positions) else old_length
            if outer.raw_end[k] == -1:
                out.emit(p + (s - lo), outer.raw[k] + (s - outer.positions[k]), -1)
            else:
                out.emit(p + (s - lo), outer.raw[k], outer.raw_end[k])
            s = min(run_end, stop)
            k += 1
    return out


class TrackedText:
    """A text being rewritten step by step, remembering the raw span behind each character.

    >>> t = TrackedText("a(b)c")
    >>> t.apply([(1, 4, "")])
    >>> t.text, t.offsets().to_raw(1, 2)
    ('ac', (4, 5))
    """

    __slots__ = ("_raw_length", "_runs", "text")

    def __init__(self, raw: str, offsets: OffsetMap | None = None) -> None:
        self.text = raw
        # ``None`` stands for the identity map until an edit changes a length
        self._runs: _Runs | None = None
        self._raw_length = len(raw)
        if offsets is not None:
            self._runs = _Runs(offsets.positions.tolist(), offsets.raw.tolist(), offsets.raw_end.tolist())
            self._raw_length = offsets.raw_length

    def apply(self, edits: Sequence[_Edit]) -> None:
        """Apply sorted, non-overlapping ``(start, end, replacement)`` edits.

        A replacement of the same length maps character to character; any other maps
        each of its characters to the whole span it replaces.
        """
        if not edits:
            return
        pieces: list[str] = []
        pos = 0
        for a, b, new in edits:
            pieces.append(self.text[pos:a])
            pieces.append(new)
            pos = b
        pieces.append(self.text[pos:])
        out = "".join(pieces)
        del pieces
        if any(len(new) != b - a for a, b, new in edits):
            local = _Runs()
            o = pos = 0
            for a, b, new in edits:
                if len(new) == b - a:
                    continue
                if a > pos:
                    local.emit(o, pos, -1)
                    o += a - pos
                if new:
                    local.emit(o, a, b)
                    o += len(new)
                pos = b
            if pos < len(self.text):
                local.emit(o, pos, -1)
            self._runs = _compose(self._runs, local, len(self.text), len(out), self._raw_length)
        self.text = out

    def replace_all(self, new_text: str, local: tuple[Any, Any] | None) -> None:
        """Replace the text by ``new_text`` whose characters map to the given spans of the current
        text (two arrays, one start and one end a character; ``None``: character to character)."""
        if local is not None:
            step = OffsetMap.from_arrays(local[0], local[1], len(self.text))
            runs = _Runs(step.positions.tolist(), step.raw.tolist(), step.raw_end.tolist())
            self._runs = _compose(self._runs, runs, len(self.text), len(new_text), self._raw_length)
        self.text = new_text

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the raw span behind ``[start, end)`` of the current text."""
        if self._runs is None:
            return start, end
        if start >= end:
            at = self._runs.start(start) if start < len(self.text) else self._raw_length
            return at, at
        return self._runs.start(start), self._runs.end(end - 1)

    def offsets(self) -> OffsetMap:
        """Return the offset map from the current text to the raw text."""
        import numpy as np

        runs = self._runs if self._runs is not None else _Runs([0], [0], [-1])
        if not self.text:
            runs = _Runs()
        return OffsetMap(
            np.array(runs.positions, dtype=np.int64),
            np.array(runs.raw, dtype=np.int64),
            np.array(runs.raw_end, dtype=np.int64),
            len(self.text),
            self._raw_length,
        )

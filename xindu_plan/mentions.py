"""Where a quoted term or a named entity is mentioned: the word-boundary and entity rules.

A term is mentioned where the text puts it in “…” quotes, or, unquoted, where it
stands as a word: its first character starts a token and its last character ends
a token of the jieba segmentation of its line (jieba's own dictionary and accurate
cut, HMM off, so the cut is fixed by the jieba version: :func:`segment`). A
single-character term (亲, 清) counts only in quotes. So 快发展 inside 加快发展
(加快 | 发展) is not a mention of “快发展”, while 产业升级 in 共生产业升级路子
(共生 | 产业 | 升级) is.

An entity is mentioned where its name or an alias is the longest name at that
position (a name inside a longer name is not a separate mention) and, inside
“…” quotes, only where it is a whole item of the quoted expression (items are
separated by ·): 沸腾小镇 in “中国味道·天府文化·成都生活·沸腾小镇” is a mention,
成都 in the item 成都生活 is not.

>>> bounds = word_boundaries("加快发展农村集体经济")
>>> term_spans("加快发展农村集体经济", "快发展", set(), bounds)
[]
>>> term_spans("以政府“好服务”助力企业“快发展”。", "快发展", {(13, 16)}, frozenset())
[(13, 16, True)]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Container, Iterable

from .quotes import QUOTE

__all__ = [
    "ITEM_SEPARATORS",
    "entity_spans",
    "quoted_spans",
    "segment",
    "term_spans",
    "whole_item",
    "word_boundaries",
]

#: Characters that separate the items of a quoted expression (中国味道·天府文化).
ITEM_SEPARATORS = "·"
_QUOTED = QUOTE  # the one definition of a quoted expression


def quoted_spans(text: str) -> set[tuple[int, int]]:
    """Return the (start, end) of every expression inside “…” quotes (the quotes excluded).

    >>> sorted(quoted_spans("打造“未来之城”。"))
    [(3, 7)]
    """
    return {(m.start(1), m.end(1)) for m in _QUOTED.finditer(text)}


@functools.lru_cache(maxsize=8)
def word_boundaries(text: str) -> frozenset[int]:
    """Return the offsets where a jieba token starts or ends, line by line (default dictionary, HMM off)."""
    out: set[int] = set()
    pos = 0
    for tokens in segment(text):
        at = pos
        out.add(at)
        for token in tokens:
            at += len(token)
            out.add(at)
        pos = at + 1
    return frozenset(out)


def segment(text: str) -> list[list[str]]:
    """Cut every line of ``text`` with jieba (its default dictionary, accurate mode, HMM off).

    The cut is jieba's own (``Tokenizer.cut(line, HMM=False)``); only its prefix
    dictionary is kept to where ``text`` can look (:func:`_prefix_dictionary`), which
    cuts every line exactly as the whole dictionary does and is quick to build.
    jieba's cache (a file in the shared temporary folder, read unchecked) is neither
    read nor written. The tests hold every cut to jieba's with its whole dictionary.

    >>> segment("加快发展农村集体经济")
    [['加快', '发展', '农村', '集体经济']]
    """
    import logging

    import jieba

    jieba.setLogLevel(logging.ERROR + 1)  # its messages are not the user's concern
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = _prefix_dictionary(text)
    tokenizer.initialized = True
    return [list(tokenizer.cut(line, HMM=False)) for line in text.split("\n")]


def _prefix_dictionary(text: str) -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary where ``text`` can look, and the total of the whole dictionary's frequencies.

    jieba's prefix dictionary holds every word of its dictionary with its
    frequency, and every prefix of a word (at frequency 0 unless a word itself). A
    cut looks a piece of a line up only when it is a substring of the line, and
    weighs a word by its frequency over the whole dictionary's total. So the
    entries that are substrings of ``text``, with that total, cut every line of
    ``text`` exactly as the whole prefix dictionary does.
    """
    dictionary, total = _dictionary()
    starts = "".join(sorted(set(text) - set(" \t\r\n\f\v")))  # a word starting elsewhere is never looked up
    entries = re.findall(rf"^([{re.escape(starts)}]\S*) ([0-9]+)", dictionary, re.MULTILINE) if starts else []
    words = [word for word, _ in entries]
    longest = max(map(len, words), default=0)
    pieces = {text[i:j] for i in range(len(text)) for j in range(i + 1, min(i + longest, len(text)) + 1)}
    prefixes = {word[0] for word in words if len(word) > 1}
    for word in [word for word in words if len(word) > 2 and word[:2] in pieces]:
        for end in range(2, len(word)):
            if word[:end] not in pieces:
                break  # nor is any longer prefix
            prefixes.add(word[:end])
    freq = dict.fromkeys(prefixes & pieces, 0)
    freq.update((word, int(count)) for word, count in entries if word in pieces)  # a word's own line sets it
    return freq, total


@functools.cache
def _dictionary() -> tuple[str, int]:
    """jieba's default dictionary as text, and the total of its frequencies (read once, kept in memory)."""
    import jieba

    with jieba.Tokenizer().get_dict_file() as f:
        dictionary: str = f.read().decode("utf-8")
    counts = _SPACED_NUMBER.findall(dictionary)
    if len(counts) != dictionary.count("\n") + (not dictionary.endswith("\n")):  # not one a line: read each line
        counts = _FREQUENCY.findall(dictionary)
    return dictionary, sum(map(int, counts))


#: The frequency on a line of jieba's dictionary (``word frequency [tag]``).
_FREQUENCY = re.compile(r"^\S+ ([0-9]+)", re.MULTILINE)
#: A number after a space: on a line of the dictionary, only its frequency (words hold no space, tags no digit).
_SPACED_NUMBER = re.compile(r" ([0-9]+)")


def term_spans(
    text: str, term: str, quoted: Collection[tuple[int, int]], boundaries: Container[int]
) -> list[tuple[int, int, bool]]:
    """Return (start, end, quoted) of every mention of ``term`` under the word-boundary rule."""
    out = []
    for m in re.finditer(re.escape(term), text):
        span = (m.start(), m.end())
        if span in quoted:
            out.append((*span, True))
        elif len(term) > 1 and m.start() in boundaries and m.end() in boundaries:
            out.append((*span, False))
    return out


def whole_item(start: int, end: int, quoted: Iterable[tuple[int, int]], text: str) -> bool:
    """Whether [start, end) lies outside every quoted expression or is one whole item of it.

    >>> t = "展示“中国味道·成都生活·沸腾小镇”名片"
    >>> q = quoted_spans(t)
    >>> city, town = t.index("成都"), t.index("沸腾小镇")
    >>> whole_item(city, city + 2, q, t), whole_item(town, town + 4, q, t)
    (False, True)
    """
    for qs, qe in quoted:
        if qs <= start and end <= qe:
            opens = start == qs or text[start - 1] in ITEM_SEPARATORS
            closes = end == qe or text[end] in ITEM_SEPARATORS
            return opens and closes
    return True


def entity_spans(text: str, forms: Iterable[tuple[str, str]]) -> list[tuple[int, int, str, str]]:
    """Return (start, end, form, entity_id) of every entity mention, sorted by start.

    ``forms`` are (name or alias, entity_id) pairs; the longest form at a position
    wins, overlapping shorter forms are dropped, and inside quotes only whole items count.
    """
    quoted = quoted_spans(text)
    taken: list[tuple[int, int, str, str]] = []
    for form, eid in sorted(forms, key=lambda f: (-len(f[0]), f[0])):
        for m in re.finditer(re.escape(form), text):
            if not any(m.start() < e and s < m.end() for s, e, _, _ in taken):
                taken.append((m.start(), m.end(), form, eid))
    return sorted(t for t in taken if whole_item(t[0], t[1], quoted, text))

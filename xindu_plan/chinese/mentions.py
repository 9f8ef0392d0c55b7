"""Where a quoted term or a named entity is mentioned: the word-boundary and entity rules.

A term is mentioned where the text puts it in “…” quotes, or, unquoted, where it
stands as a word: its first character starts a token and its last character ends
a token of the jieba segmentation of its line (jieba's own dictionary and accurate
cut, HMM off, so the cut is fixed by the jieba version: :func:`segment`; for one
text, the part of the dictionary that text can use cuts it the same way:
:func:`text_dictionary`). A
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
from collections.abc import Collection, Container, Iterable, Iterator
from typing import TYPE_CHECKING

from xindu_plan.chinese.quotes import QUOTE

if TYPE_CHECKING:
    from jieba import Tokenizer

__all__ = [
    "ITEM_SEPARATORS",
    "OWN_DICTIONARY_UP_TO",
    "entity_spans",
    "jieba_dictionary",
    "jieba_tokenizer",
    "quoted_spans",
    "segment",
    "term_spans",
    "text_dictionary",
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
def word_boundaries(text: str, own_dictionary: bool = False) -> frozenset[int]:
    """Return the offsets where a jieba token starts or ends, line by line (default dictionary, HMM off).

    ``own_dictionary`` cuts with :func:`text_dictionary` instead of the whole dictionary:
    the same boundaries, quicker for one text such as the article (the whole dictionary,
    built once a process, is quicker for many texts; a long text gets it anyway).
    """
    out: set[int] = set()
    pos = 0
    for tokens in segment(text, own_dictionary):
        at = pos
        out.add(at)
        for token in tokens:
            at += len(token)
            out.add(at)
        pos = at + 1
    return frozenset(out)


def segment(text: str, own_dictionary: bool = False) -> list[list[str]]:
    """Cut every line of ``text`` with jieba (its default dictionary, accurate mode, HMM off).

    ``own_dictionary``: as in :func:`word_boundaries`.

    >>> segment("加快发展农村集体经济")
    [['加快', '发展', '农村', '集体经济']]
    >>> segment("加快发展农村集体经济", own_dictionary=True)
    [['加快', '发展', '农村', '集体经济']]
    """
    tokenizer = jieba_tokenizer(*text_dictionary(text)) if own_dictionary else _whole_tokenizer()
    return [list(tokenizer.cut(line, HMM=False)) for line in text.split("\n")]


def jieba_tokenizer(freq: dict[str, int], total: int) -> Tokenizer:
    """jieba's tokenizer over a prefix dictionary and total (:func:`jieba_dictionary`, :func:`text_dictionary`),
    without jieba's own initialisation (which reads its cache from the shared temporary folder)."""
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total = freq, total
    tokenizer.initialized = True
    return tokenizer


@functools.cache
def _whole_tokenizer() -> Tokenizer:
    """jieba's tokenizer over its default dictionary (:func:`jieba_dictionary`), built once a process."""
    return jieba_tokenizer(*jieba_dictionary())


@functools.cache
def jieba_dictionary() -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary and total, built once a process from its dictionary file.

    Not through jieba's own initialisation: that reads and writes a cache in the shared
    temporary folder, where anyone can plant one, read with marshal unchecked. Callers
    that add words copy the dictionary first.
    """
    import logging

    import jieba

    jieba.setLogLevel(logging.ERROR + 1)  # its messages are not the user's concern
    tokenizer = jieba.Tokenizer()
    freq: dict[str, int]
    freq, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    return freq, total


#: Texts longer than this many characters are cut with the whole dictionary: from there on it is the quicker.
OWN_DICTIONARY_UP_TO = 20_000
#: Three spaces on one line of a dictionary file: more than a word, a frequency and a tag.
_FOURTH_FIELD = re.compile(rb" [^ \n]* [^ \n]* ")


@functools.lru_cache(maxsize=8)
def text_dictionary(text: str) -> tuple[dict[str, int], int]:
    """The part of jieba's prefix dictionary that can cut ``text``, and the whole dictionary's total.

    jieba cuts a line by looking up its substrings in the prefix dictionary (a word's
    frequency, 0 for a prefix of a word) and scoring each path by frequency over
    the total. Every lookup is a substring of the line, and the lookups go on only
    while the substring is a word or a prefix of one. So the words of the dictionary
    that occur in ``text``, their prefixes, and the total of every frequency answer
    every lookup a cut of ``text`` makes exactly as the whole dictionary does, and
    give the same cut (later entries of a word replace earlier ones, and the total
    counts every entry, as in jieba's own loading). For a text as long as the article
    (about 2,600 characters) it takes less than half the time of building the whole
    dictionary.

    The quick reading takes a dictionary file only in jieba's own form: UTF-8, every
    line a word, a frequency and a tag separated by single spaces, no other white
    space. Any other file (jieba also accepts a line without a tag, or a tab inside a
    word), and any text longer than :data:`OWN_DICTIONARY_UP_TO` characters, gets the
    whole dictionary (:func:`jieba_dictionary`), so the cut is jieba's in every case.

    >>> freq, total = text_dictionary("加快发展")
    >>> freq["加快"] > 0, freq["加"] > 0, "农村" in freq, total == jieba_dictionary()[1]
    (True, True, False, True)
    """
    if len(text) > OWN_DICTIONARY_UP_TO or (read := _entries()) is None:
        return jieba_dictionary()
    entries, total, longest = read
    found = {piece: entries[piece] for piece in _pieces(text, longest) if piece in entries}
    freq = {word.decode("utf-8"): int(frequency) for word, frequency in found.items()}
    for word in list(freq):
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    return freq, total


def _entries() -> tuple[dict[bytes, bytes], int, int] | None:
    """jieba's dictionary file as word → frequency (bytes), the total and the longest word in bytes;
    ``None`` when the file is not in jieba's own form (:func:`text_dictionary`)."""
    import jieba

    with jieba.Tokenizer().get_dict_file() as file:
        raw: bytes = file.read()
    lines = raw.count(b"\n") + (not raw.endswith(b"\n"))
    if (
        not raw
        or raw.startswith((b" ", b"\n"))
        or raw.endswith(b" ")
        or any(odd in raw for odd in (b"\t", b"\r", b"\x0b", b"\x0c", b"  ", b" \n", b"\n ", b"\n\n"))
        or raw.count(b" ") != 2 * lines  # with no line holding three spaces: two on every line
        or _FOURTH_FIELD.search(raw)
    ):
        return None
    try:
        raw.decode("utf-8")
        parts = raw.split()
        words, frequencies = parts[0::3], parts[1::3]
        total = sum(map(int, frequencies))
    except ValueError:  # not UTF-8, or a frequency int() reads only as text: jieba's loading decides
        return None
    return dict(zip(words, frequencies, strict=True)), total, max(map(len, words))


def _pieces(text: str, longest: int) -> Iterator[bytes]:
    """Every substring of a line of ``text`` of at most ``longest`` bytes, in UTF-8 (lone surrogates kept)."""
    for line in text.split("\n"):
        encoded = line.encode("utf-8", "surrogatepass")
        starts = [i for i, c in enumerate(encoded) if c & 0xC0 != 0x80] + [len(encoded)]
        for i, start in enumerate(starts):
            for end in starts[i + 1 : i + 1 + longest]:  # a character takes a byte at least
                if end - start > longest:
                    break
                yield encoded[start:end]


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

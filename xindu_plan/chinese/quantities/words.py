"""The words around a number, and where a clause and a sentence begin and end.

The comparators (:data:`COMPARATORS`: ``以上``, ``不超过``, ``左右`` …, with those in
which a goal is set), the change words (:data:`CHANGES`: ``增长``, ``降至`` …) and
the nouns of change (``涨幅``), the hedges (:data:`HEDGES`: ``力争``, ``确保``,
``预期``), the verbs that mark a quantity (``实现``, ``控制在``), the adverbs that
may stand between them and the number, the building verbs (``新建``, ``改造``); the
punctuation that ends a clause or a sentence, :func:`_clause_start`, :func:`_clause_end`,
:func:`_sentence_start` and :func:`_sentence_end`, and :func:`_suffix`, the longest word of a list a text
ends with.
"""

from __future__ import annotations

import functools
import re

__all__ = ["CHANGES", "COMPARATORS", "HEDGES"]


#: Comparator words, as written → meaning. ``range`` is a quantity with two ends.
COMPARATORS: dict[str, str] = {
    "以上": "at_least",
    "之上": "at_least",
    "不低于": "at_least",
    "不少于": "at_least",
    "以下": "at_most",
    "以内": "at_most",
    "不超过": "at_most",
    "不高于": "at_most",
    "左右": "about",
    "上下": "about",
    "约": "about",
    "大约": "about",
    "近": "about",
    "接近": "about",
    "将近": "about",
    "超过": "more_than",
    "高于": "more_than",
    "突破": "more_than",
    "冲过": "more_than",
    "迈过": "more_than",
    "多": "more_than",
    "余": "more_than",
    "超": "more_than",
    "逾": "more_than",
    "上": "at_least",
    "过": "more_than",
    "低于": "less_than",
    "不到": "less_than",
    "不足": "less_than",
}
_AFTER = ("以上", "之上", "以下", "以内", "左右", "上下")
#: Comparators in which a goal is set (以上, 以内, 左右, 不低于 …); the rest (超过, 近, 约, 多, 上亿 …)
#: describe a fact more often than they promise one (今年高校毕业生超过1000万人).
_GOAL_COMPARATORS = frozenset([*_AFTER, "不低于", "不少于", "不超过", "不高于", "低于"])
_BEFORE = tuple(
    sorted((w for w in COMPARATORS if w not in _AFTER and w not in ("多", "余", "上", "过")), key=len, reverse=True)
)


#: Change words before a number → direction (``提高到`` states the level reached).
CHANGES: dict[str, str] = {
    **dict.fromkeys(
        [
            "增长",
            "增加",
            "提高",
            "提升",
            "上涨",
            "上升",
            "增长到",
            "增加到",
            "提高到",
            "提升到",
            "上升到",
            "增至",
            "增产",
        ],
        "increase",
    ),
    **dict.fromkeys(["提高至", "提升至", "增加至", "增长至", "扩大到", "扩大至", "扩大"], "increase"),
    **dict.fromkeys(
        [
            "下降",
            "降低",
            "减少",
            "压减",
            "压降",
            "下调",
            "降到",
            "降至",
            "下降到",
            "降低到",
            "减少到",
            "减至",
            "压缩到",
        ],
        "decrease",
    ),
    **dict.fromkeys(["压缩至", "缩短到", "缩短至", "缩减到", "缩减至", "降", "减产"], "decrease"),
}
#: Nouns of change that stay in the indicator (居民消费价格涨幅) but give the direction.
_NOMINAL_CHANGES = {"涨幅": "increase", "增幅": "increase", "增速": "increase", "降幅": "decrease"}

#: Hedge and commitment words → English.
HEDGES: dict[str, str] = {
    "力争": "strive to",
    "争取": "strive to",
    "努力": "endeavour to",
    "确保": "ensure",
    "预期": "expected",
}


# Words that may stand between the change or comparator and the number, or before them.
_ADVERBS = ("分别", "均", "再", "了", "都", "也", "共", "累计", "年均", "平均", "同比", "总计", "合计", "为")
#: Verbs that mark a quantity without comparing it (kept as ``marker``).
_MARKERS = (
    "保持在",
    "控制在",
    "稳定在",
    "拟安排",
    "安排",
    "达到",
    "达",
    "实现",
    "完成",
    "发行",
    "下达",
    "新增",
    "拟按",
    "按",
    "设定为",
)
_ACTIONS = ("新建", "建成", "建设", "改造", "开工", "培育", "创建", "打造", "引进", "新开")


_CLAUSE_BREAK = "，。；：！？\n"


_SENTENCE_BREAK = "。！？；\n"


@functools.lru_cache(maxsize=64)
def _suffix_pattern(words: tuple[str, ...]) -> tuple[re.Pattern[str], int]:
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(?:{alternation})\\Z"), max(map(len, words))


def _suffix(text: str, end: int, floor: int, words: tuple[str, ...]) -> str | None:
    """The longest of ``words`` that ``text[floor:end]`` ends with, if any."""
    pattern, longest = _suffix_pattern(words)
    m = pattern.search(text, max(floor, end - longest), end)
    return m.group(0) if m else None


def _clause_start(text: str, pos: int, floor: int) -> int:
    """Where the clause holding ``text[pos - 1]`` starts, not before ``floor`` (``pos`` when ``pos <= floor``).

    Each break is looked up by :meth:`str.rfind`, so a long clause costs no Python loop over its characters.
    """
    if pos <= floor:
        return pos
    return max(floor, *(text.rfind(mark, floor, pos) + 1 for mark in _CLAUSE_BREAK))


def _clause_end(text: str, pos: int) -> int:
    """The first clause break at or after ``pos``, or the end of the text."""
    found = [i for mark in _CLAUSE_BREAK if (i := text.find(mark, pos)) >= 0]
    return min(found) if found else len(text)


def _sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``text[pos - 1]`` starts (``pos`` when ``pos <= 0``)."""
    if pos <= 0:
        return pos
    return max(0, *(text.rfind(mark, 0, pos) + 1 for mark in _SENTENCE_BREAK))


def _sentence_end(text: str, pos: int) -> int:
    """The first sentence break at or after ``pos``, or the end of the text."""
    found = [i for mark in _SENTENCE_BREAK if (i := text.find(mark, pos)) >= 0]
    return max(pos, min(found)) if found else max(pos, len(text))

"""Numbers as Chinese writes them: the number grammar and :func:`parse_number`.

The pattern a number is found by in a text (Arabic digits, comma-grouped or spaced
by old typesetting, Chinese numerals at every magnitude, ``百分之`` / ``千分之``, an
order of magnitude standing alone after a word of approximation such as ``上亿``),
the orders of magnitude (``万亿`` … ``千``), the pattern of a magnitude after a
number, full-width digits, and the reading of a number as written into its value
(:func:`parse_number`; numerals up to 九十九 are read without cn2an).
"""

from __future__ import annotations

import functools
import re

from xindu_plan.base.errors import NumberError

__all__ = ["parse_number"]


_MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4, "千": 1e3}


_CN_DIGIT = "零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖貳參陸"
_CAPITALS = frozenset("壹贰叁肆伍陆柒捌玖貳參陸拾佰仟")
_CN_ALL = _CN_DIGIT + "十百千万亿拾佰仟萬億"
#: Words (their last character) before an order of magnitude that stands alone as a number:
#: 上 (up to, at least), 数/几 (several), 近/接近, 超过/过, 逾.
_APPROXIMATE = "上数几近过逾"
_ROUND = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 1.0e4}
_NUMBER = re.compile(
    r"(?P<pct>百分之|千分之)?(?P<num>"
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # 1,100
    r"|\d+(?:[ \u00a0\u3000]\d+)*(?:\.\d+)?"  # 1100, 7 4 7 7 2 (spaced digits)
    rf"|[{_CN_DIGIT}十拾][{_CN_ALL}]*(?:点[{_CN_DIGIT}]+)?"
    # an order of magnitude alone: 上亿, 数亿, 近千万, 超过万亿元, 过千亿元 (after a word of approximation),
    # 千亿斤, 万亿元 (with a unit)
    rf"|(?<=[{_APPROXIMATE}])(?=[十百千万亿])|[千百万](?=亿)"
    r")"
)
_RMB = re.compile(rf"(?:([{_CN_ALL}]+)元)?(?:零?([{_CN_DIGIT}])角)?(?:零?([{_CN_DIGIT}])分)?整?")
_MAGNITUDE = re.compile(r"(?P<more>多|余)?(?P<mag>万亿|亿|千万|百万|万|千)?(?P<more2>多|余)?")


_FULLWIDTH = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "％": "%", "．": ".", "，": "，"})
_HAS_FULLWIDTH = re.compile("[\uff10-\uff19％．]")


_SMALL_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL = re.compile("([一二两三四五六七八九]?)(十?)([一二三四五六七八九]?)")


@functools.lru_cache(maxsize=4096)
def _chinese(text: str) -> float:
    small = _SMALL.fullmatch(text)
    if small and (small.group(2) or (small.group(1) and not small.group(3))):
        # 一 to 九十九 without cn2an (loading it costs more than reading them): 十项, 六类, 三十五
        tens = (_SMALL_DIGITS[small.group(1)] if small.group(1) else 1) if small.group(2) else 0
        units = (
            _SMALL_DIGITS[small.group(3) or small.group(1)]
            if not small.group(2)
            else _SMALL_DIGITS.get(small.group(3), 0)
        )
        if small.group(1) != "两" or not small.group(2):
            return float(tens * 10 + units)
    import cn2an  # deferred: its import is slow and only larger Chinese numerals need it

    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, OverflowError) as err:
        raise NumberError(f"not a number: {text!r}") from err


def parse_number(text: str) -> float:
    """Read a number written in Arabic, full-width or Chinese numerals, or mixed.

    Reads magnitudes after Arabic digits (``1.3万亿``), spaced and comma-grouped
    digits, ``百分之`` / ``千分之`` forms (the number of hundredths or thousandths)
    and every mode of :func:`cn2an.an2cn` (``一千一百``, ``壹仟壹佰``, ``壹仟元整``,
    ``一一零零``).

    >>> parse_number("1.3万亿"), parse_number("一千一百"), parse_number("二〇三五"), parse_number("１１００")
    (1300000000000.0, 1100.0, 2035.0, 1100.0)

    Raises:
        NumberError: ``text`` is not a number.
    """
    if not isinstance(text, str) or not text.strip():
        raise NumberError(f"not a number: {text!r}")
    text = text.strip().translate(_FULLWIDTH)
    for prefix in ("百分之", "千分之"):
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix) :]
    factor = 1.0
    for mag, value in _MAGNITUDES.items():
        if text.endswith(mag) and len(text) > len(mag) and re.fullmatch(r"[\d., ]+", text[: -len(mag)]):
            factor, text = value, text[: -len(mag)]
            break
    arabic = re.sub(r"[ ,\u00a0\u3000]", "", text)
    if re.fullmatch(r"\d+(?:\.\d+)?", arabic):
        return float(arabic) * factor
    if not re.fullmatch(f"[{_CN_ALL}点元角分整]+", text) or not re.search(f"[{_CN_DIGIT}十拾]", text):
        raise NumberError(f"not a number: {text!r}")
    money = _RMB.fullmatch(text)
    if money and any(money.groups()) and re.search("[元角分]", text):
        # an amount of money in words (壹拾贰元叁角肆分): yuan, jiao (0.1) and fen (0.01)
        whole, jiao, fen = money.groups()
        total = _chinese(whole) if whole else 0.0
        total += (_chinese(jiao) / 10 if jiao else 0.0) + (_chinese(fen) / 100 if fen else 0.0)
        return round(total, 2) * factor
    return _chinese(text) * factor

"""Chinese numerals as used in law texts: 第一百零二条, 第十条之一, 二〇二三年, and back."""

from __future__ import annotations

from functools import lru_cache

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(UNITS) + "万"
_NAMES = "零一二三四五六七八九"


@lru_cache(maxsize=4096)
def cn_to_int(text: str) -> int:
    """``一百零二`` -> 102, ``十`` -> 10, ``二〇二三`` -> 2023 (digit by digit), ``42``/``４２`` -> 42.

    Raises ValueError for anything else (an empty string, letters, ``十十``)."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in DIGITS and ch not in UNITS and ch != "万" for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(ch in UNITS or ch == "万" for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    return _positional(text)


def _positional(text: str) -> int:
    total = section = digit = 0
    last_unit = 10_000
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch == "万":
            total, section, digit, last_unit = (section + digit) * 10_000, 0, 0, 10_000
        else:
            unit = UNITS[ch]
            if unit >= last_unit:
                raise ValueError(f"not a Chinese numeral: {text!r}")
            section += (digit or 1) * unit
            digit, last_unit = 0, unit
    return total + section + digit


def int_to_cn(number: int) -> str:
    """102 -> ``一百零二``, 10 -> ``十``, 110 -> ``一百一十`` (the way articles are numbered), up to 9999."""
    if not 0 <= number < 10_000:
        raise ValueError(f"out of range: {number}")
    if number == 0:
        return "零"
    if 10 <= number < 20:
        return "十" + (_NAMES[number - 10] if number > 10 else "")
    out, zero = [], False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // unit % 10
        if digit:
            out.append(("零" if zero and out else "") + _NAMES[digit] + name)
            zero = False
        else:
            zero = True
    return "".join(out)


def to_int(text: str) -> int | None:
    """``cn_to_int`` that answers None instead of raising."""
    try:
        return cn_to_int(text)
    except ValueError:
        return None

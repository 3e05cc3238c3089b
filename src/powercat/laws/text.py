"""Text normalisation shared by the parser, the title index and the quote comparison."""

from __future__ import annotations

import re

PRC = "中华人民共和国"

# full-width ASCII (！ to ～) -> half-width, and the ideographic space -> a space
_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
# punctuation that has one meaning whatever its shape: Chinese and Western quotes, brackets, dashes
_PUNCT = str.maketrans({
    "“": '"', "”": '"', "‘": "'", "’": "'", "〈": "<", "〉": ">", "＜": "<", "＞": ">",
    "【": "[", "】": "]", "〔": "[", "〕": "]", "［": "[", "］": "]", "—": "-", "－": "-", "–": "-",
    "。": ".", "・": "·", "•": "·",
})
_SPACE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
_TITLE_MARKS = re.compile(r"[《》<>〈〉\"']")


def half_width(text: str) -> str:
    """Full-width letters, digits and punctuation as their ASCII forms (１２ -> 12, （ -> ()."""
    return text.translate(_WIDTH)


def squeeze(text: str) -> str:
    """Without any whitespace, zero-width characters included."""
    return _SPACE.sub("", text)


def clean_line(line: str) -> str:
    """A line without surrounding whitespace or zero-width characters."""
    return line.strip(" \t\r\n\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff")


def wording(text: str) -> str:
    """The text as compared for wording: one width, one shape of each punctuation mark, no spaces.
    Numerals are left alone: 百分之一 and 1% are different wording."""
    return squeeze(half_width(text).translate(_PUNCT))


def wording_map(text: str) -> tuple[str, list[int]]:
    """``wording(text)`` and, for each of its characters, where it is in ``text`` (every mapping is
    one character to one, so a span of the wording can be shown as the original wrote it)."""
    kept = [(i, ch) for i, ch in enumerate(half_width(text).translate(_PUNCT)) if not _SPACE.match(ch)]
    return "".join(ch for _, ch in kept), [i for i, _ in kept]


def _forms() -> dict[str, str]:
    """For each character of the compared form, every character that is compared as it."""
    forms: dict[str, set[str]] = {}
    for code in (*_WIDTH, *_PUNCT):  # both map code points
        same = wording(chr(code))
        if len(same) == 1:
            forms.setdefault(same, {same}).add(chr(code))
    return {same: "".join(sorted(chars)) for same, chars in forms.items()}


_FORMS = _forms()
_GAP = r"[\s\u200b\u200c\u200d\u2060\ufeff]*"


def finder(words: str) -> re.Pattern[str]:
    """A pattern that finds ``words`` in a text as written, as ``wording`` would compare them (any
    width or shape of punctuation, any whitespace between characters) without normalising the text:
    a search over every article stays one pass of the regex engine each."""
    parts = [f"[{re.escape(_FORMS[ch])}]" if ch in _FORMS else re.escape(ch) for ch in wording(words)]
    return re.compile(_GAP.join(parts))


def title_key(title: str) -> str:
    """The form titles are matched in: no 《》, no spaces, half-width brackets, without 中华人民共和国
    (国际航行船舶进出中华人民共和国口岸检查办法 is filed as 国际航行船舶进出口岸检查办法)."""
    key = _TITLE_MARKS.sub("", wording(title))
    return key.replace(PRC, "") or key

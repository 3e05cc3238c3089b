"""The other free-text cells of national power lists, parsed into catalog values (pure functions).

    parse_time_limit("20个工作日")  -> ({"days": 20, "unit": "working"}, "")
    split_items("1.身份证；2.申请表") -> ["身份证", "申请表"]
    parse_category("01") -> "licensing"; parse_rights("陈述、申辩") -> [{"type": "statement"}, …]

Time limits, list cells (conditions, materials), 事项类型, 状态, 是/否, 相对人权利, 公开 and dates.
The 依据 cells are split by `powercat.adopt.basis_text`, whose text normalization these share.
"""

from __future__ import annotations

import re

from powercat.adopt.basis_text import FULLWIDTH, NUMBERING, normalize
from powercat.catalog.enums import LABELS

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def cn_number(text: str) -> int | None:
    """二十 → 20, 一百二十 → 120, 45 → 45; None when it is not a number."""
    text = text.translate(FULLWIDTH).strip()
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _DIGITS and ch not in "十百千" for ch in text):
        return None
    total, current = 0, 0
    for ch in text:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        else:
            total += (current or 1) * {"十": 10, "百": 100, "千": 1000}[ch]
            current = 0
    return total + current


_ON_THE_SPOT = re.compile(r"^(?:当场|即办|即时|立即|当即|现场)")
_DAYS = re.compile(r"(?P<n>[\d零〇一二三四五六七八九十百千两]+)\s*个?\s*(?P<unit>工作日|自然日|日|天)")


def parse_time_limit(text: str) -> tuple[dict | str | None, str]:
    """A time-limit cell → ({days, unit} | "on_the_spot" | None, what else the cell said)."""
    text = normalize(str(text or ""))
    if not text:
        return None, ""
    if _ON_THE_SPOT.match(text):
        return "on_the_spot", re.sub(r"^(?:当场|即办|即时|立即|当即|现场)(?:办结|决定|办理|作出)?[，,；;。]?", "", text)
    m = _DAYS.search(text)
    days = cn_number(m.group("n")) if m else None
    if m is None or days is None:
        return None, text
    unit = "working" if m.group("unit") == "工作日" else "natural"
    rest = (text[: m.start()] + text[m.end():]).strip(" ，,；;。")
    return {"days": days, "unit": unit}, rest


_ITEM = re.compile(rf"(?:^|(?<=[\s；;。]))\s*{NUMBERING}(?!\d)|[①-⑳]")


def split_items(text: str) -> list[str]:
    """A list cell (conditions, materials) → items: newlines, ；/;, numbered items."""
    text = normalize(str(text or ""))
    parts = re.split(r"[\n；;]+", _ITEM.sub("\n", text))
    return [p.strip(" ，,。") for p in parts if p.strip(" ，,。")]


def _by_label(enum: str) -> dict[str, str]:
    return {**{v: k for k, v in LABELS[enum].items()}, **{k: k for k in LABELS[enum]}}


_CATEGORY_SHORT = {"许可": "licensing", "处罚": "penalty", "强制": "coercion", "征收": "levy", "给付": "payment",
                   "检查": "inspection", "确认": "confirmation", "奖励": "reward", "裁决": "adjudication",
                   "其他": "other", "其他权力": "other", "其他行政权力": "other", "公共服务": "public_service"}


_WAY_WORDS = {"窗口": "window", "现场": "window", "网上": "online", "网办": "online", "在线": "online", "全程网办": "online",
              "邮寄": "mail", "快递": "mail", "自助": "self_service"}


def parse_ways(text: str) -> list[str]:
    """办理方式 (窗口办理、网上办理、邮寄 ...) → ApplyWay codes, in the order first named."""
    text = normalize(text)
    words = {**_WAY_WORDS, **{code: code for code in LABELS["ApplyWay"]}}
    hits = sorted((text.find(w), code) for w, code in words.items() if w in text)
    return list(dict.fromkeys(code for _, code in hits))


def parse_category(text: str) -> str | None:
    """事项类型: a national code (01-10, 20; also 1, 2 ...), a Chinese name or a powercat code."""
    from powercat.catalog.enums import CATEGORY_TYPE_CODE

    value = normalize(str(text)).replace(" ", "")
    if value.isdigit():
        by_code = {v: k for k, v in CATEGORY_TYPE_CODE.items()}
        return by_code.get(value.zfill(2))
    found = _by_label("Category").get(value) or _CATEGORY_SHORT.get(value.removeprefix("行政"))
    if found is None and value.startswith("行政强制"):  # 行政强制措施, 行政强制执行
        found = "coercion"
    return found


def parse_status(text: str) -> str | None:
    value = normalize(str(text))
    extra = {"在用": "active", "正常": "active", "实施": "active", "暂停": "suspended", "取消": "repealed",
             "废止": "repealed", "停用": "repealed"}
    return _by_label("Status").get(value) or extra.get(value)


def parse_bool(text: str) -> bool | None:
    value = normalize(str(text)).lower()
    if value in ("是", "有", "收费", "适用", "true", "yes", "y", "1", "√"):
        return True
    if value in ("否", "无", "不收费", "免费", "不适用", "false", "no", "n", "0", "×"):
        return False
    return None


_RIGHT_WORDS = {"说明理由": "explanation", "陈述": "statement", "申辩": "defense", "听证": "hearing",
                "回避": "recusal", "复议": "reconsideration", "诉讼": "litigation", "赔偿": "compensation",
                "知情": "information"}


def _split_outside_parens(text: str, seps: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += (ch in "（(") - (ch in "）)")
        if ch in seps and depth <= 0:
            parts.append(current)
            current, depth = "", 0
        else:
            current += ch
    return [p.strip(" 。") for p in [*parts, current] if p.strip(" 。")]


def parse_rights(text: str) -> list[dict]:
    """相对人权利: labels (陈述、申辩 …) or words in them (陈述权 …), each with an optional
    （note；依据：basis）; anything else is kept as type other with the item as its note."""
    out: list[dict] = []
    for item in _split_outside_parens(normalize(str(text)), "、，,；;\n"):
        m = re.fullmatch(r"(.+?)[（(](.*)[)）]", item, re.S)
        name, note = (m.group(1).strip(), m.group(2).strip()) if m else (item, "")
        note, _, basis = re.sub(r"(?:^|；)依据：", "\0", note, count=1).partition("\0")
        kind = _by_label("RightType").get(name) or next(
            (code for word, code in _RIGHT_WORDS.items() if word in name), None)
        entry = {"type": kind or "other"}
        if note or kind is None:
            entry["note"] = note or item
        if basis:
            entry["basis"] = basis
        if entry not in out:
            out.append(entry)
    return out


def parse_disclosure(scope: str, timing: str, carriers: str) -> tuple[dict | None, str]:
    """公开范围/公开时间/公开载体 → disclosure, or (None, why) when scope or timing is unknown."""
    scope_code = _by_label("Scope").get(normalize(scope))
    timing_text = normalize(timing)
    within = re.search(r"(\d+)\s*[个]?[日天]", timing_text)
    timing_code = _by_label("Timing").get(re.sub(r"[（(].*$", "", timing_text))
    if scope_code is None or timing_code is None:
        return None, "公开范围、公开时间须为 " + "、".join(LABELS["Scope"].values()) + "；" + \
            "、".join(LABELS["Timing"].values())
    out: dict = {"scope": scope_code, "timing": timing_code}
    if within:
        out["within_days"] = int(within.group(1))
    by_label = _by_label("Carrier")
    names = [c for c in re.split(r"[、，,；;\s]+", normalize(carriers)) if c]
    out["carriers"] = list(dict.fromkeys(by_label.get(c, "other") for c in names))
    unknown = [c for c in names if c not in by_label]
    return out, ("公开载体“" + "、".join(unknown) + "”记为 other(其他)") if unknown else ""


def parse_date(text: str) -> str | None:
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", normalize(str(text)))
    return f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}" if m else None

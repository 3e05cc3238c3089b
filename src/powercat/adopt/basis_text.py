"""The 依据 cells of national power lists, split into legal bases (pure functions).

    split_basis("【法律】《中华人民共和国专利法》(…修正)\\n第六十五条 未经专利权人许可……")
    -> [ParsedBasis(law="中华人民共和国专利法", level="law", article="第六十五条", text="未经……",
                    edition="…修正")]
    format_bases(bases)            # back to that text style (export); split_basis reads it again
    split_level("【行政法规】…条例第三十七条") -> ("administrative_regulation", "…条例第三十七条")

The other cells of a list (time limits, list cells, categories, rights ...) are read by
`powercat.adopt.cells`.

The 依据 rules (docs/adoption.md has them with examples):
* a basis starts at a level marker 【法律】 (also [法律] 〔法律〕 or "法律：" at a line start), at a
  title 《…》 at the start of a line (after numbering such as 1. （一） ①, or a label such as
  设定依据：), or at a title after ；。 when an article follows it. A title quoted inside an
  article's text (依照《行政许可法》的规定) does not start a basis;
* a parenthesis right after the title is the edition (…修正, 国务院令第412号), kept apart;
* the body is split into articles at 第X条 (with 之一, 第Y款, 第Z项, lists 第二十九条、第三十条,
  附件第107项) at a line start or after 。；, each becoming its own basis of the same law;
* the level comes from the marker; without one (or with the ambiguous 法规/规章) it is inferred
  from the title and edition (…法 law, 国务院令 administrative regulation, 部令/总局令 department
  rule, 省/市 prefixes local) and flagged ``level_inferred``;
* text without any of this still yields one basis: a title found before 第X条, or else the first
  line as the title with a note that it must be checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from powercat.catalog.enums import LABELS

LEVEL_BY_LABEL = {v: k for k, v in LABELS["Level"].items()}
LEVEL_BY_LABEL.update({"政府规章": "local_rule", "其他规范性文件": "normative_document", "规范性文件": "normative_document",
                       "法规": "", "规章": ""})  # "": ambiguous, inferred from the title
_LEVELS = "|".join(sorted(LEVEL_BY_LABEL, key=len, reverse=True))
_N = "[零〇一二三四五六七八九十百千两\\d]+"
_UNIT = f"(?:附件)?第[（(]?{_N}[)）]?[条款项](?:之[一二三四五六七八九十]+)?"
ARTICLE = f"{_UNIT}(?:{_UNIT})*(?:[、，,和及与至]{_UNIT}(?:{_UNIT})*)*"
NUMBERING = r"(?:\d{1,2}[.、．)）]|[（(]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])"
_LABEL = r"(?:(?:设定|实施|法律|行使|执法)?依据[：:])"
_LEAD = rf"(?:[ \t]*(?:{NUMBERING}|{_LABEL})[ \t]*)*"
_MARKER = rf"(?:[【\[［〔]\s*(?P<lv>{_LEVELS})\s*[】\]］〕]|(?<![^\n])(?P<lv2>{_LEVELS})[：:])"
_TITLE = r"《(?P<title>[^《》\n]{1,80})》"
_AFTER_TITLE = re.compile(rf"\s*(?:[（(][^\n]*?[)）])?\s*(?:{ARTICLE}|[；;。]|$)")
_CANDIDATE = re.compile(rf"{_MARKER}|《")
_LINE_LEAD = re.compile(rf"{_LEAD}")
_PUNCT_LEAD = re.compile(rf"[；;。]\s*{_LEAD}$")
_ARTICLE_AT = re.compile(rf"(?:(?<![^\n])[ \t]*{_LEAD}|(?<=[。；;])[ \t]*)(?P<art>{ARTICLE})(?=[\s：:，,；;。]|规定|$)")
FULLWIDTH = str.maketrans("０１２３４５６７８９\u3000\xa0\r", "0123456789   ")
_PROVINCES = ("北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|"
              "四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门")
_LOCAL = re.compile(rf"^(?:{_PROVINCES}|[\u4e00-\u9fa5]{{2,4}}(?:市(?!场)|自治州|自治县|州|盟))")
_BARE_TITLE = re.compile(
    rf"(?:依据|根据|按照|依照)?(?P<title>(?:中华人民共和国)?[\u4e00-\u9fa5（）()、]{{2,40}}?"
    rf"(?:法|条例|规定|办法|细则|决定|规则))(?={ARTICLE})")

_BARE_LINE = re.compile(rf"(?<![^\n]){_LEAD}(?:依据|根据|按照|依照)?(?P<title>(?!依据|根据|按照|依照|本)(?:中华人民共和国)?[\u4e00-\u9fa5]{{2,30}}?"
                        rf"(?:法|条例|规定|办法|细则))(?={ARTICLE})")


@dataclass(slots=True)
class ParsedBasis:
    law: str
    level: str | None = None  # a Level code
    article: str | None = None
    text: str | None = None
    edition: str | None = None  # the parenthesis after the title: 2020年…修正, 国务院令第412号
    level_inferred: bool = False
    notes: list[str] = field(default_factory=list)  # what the reader must check

    def key(self) -> tuple[str, str | None, str | None]:
        return (self.law, self.level, self.article)


def normalize(text: str) -> str:
    """Full-width digits and spaces to ASCII, line ends to \\n, stray markup away."""
    text = text.translate(FULLWIDTH).replace("\r\n", "\n")
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def infer_level(title: str, edition: str | None = None) -> str | None:
    """The level a title (and its edition note) suggests, or None when it cannot be told."""
    ed, local = edition or "", bool(_LOCAL.match(title))
    if "政府令" in ed and "国务院令" not in ed:
        return "local_rule"
    if re.search(r"(?<!政府)(部|总局|局|委员会|署|行|会)令", ed):
        return "department_rule"
    if title.endswith("法") and not title.endswith("办法"):
        return "law"
    if title.endswith("决定"):
        if "国务院" in title:
            return "state_council_decision"
        if "人民代表大会" in title:
            return "local_regulation" if local else "law"
        return None
    if title.endswith("条例"):
        return "local_regulation" if local else "administrative_regulation"
    if "国务院令" in ed:
        return "administrative_regulation"
    if re.search(r"(通知|意见|批复|函|公告)$", title):
        return "normative_document"
    if local and re.search(r"(规定|办法|细则)$", title):
        return "local_rule"
    return None


def _level(marker: str | None, title: str, edition: str | None) -> tuple[str | None, bool]:
    if marker and LEVEL_BY_LABEL.get(marker):
        return LEVEL_BY_LABEL[marker], False
    guess = infer_level(title, edition)
    if marker == "法规":  # 行政法规 or 地方性法规
        guess = "local_regulation" if _LOCAL.match(title) else "administrative_regulation"
    elif marker == "规章":
        guess = "local_rule" if _LOCAL.match(title) else "department_rule"
    return guess, guess is not None


def _edition(body: str) -> tuple[str | None, str]:
    """The parenthesis right after a title (nested parentheses allowed), and the rest."""
    m = re.match(r"\s*[（(]", body)
    if not m:
        return None, body
    depth, start = 0, m.end() - 1
    for i in range(start, len(body)):
        depth += body[i] in "（("
        depth -= body[i] in "）)"
        if depth == 0:
            return body[start + 1:i].strip() or None, body[i + 1:]
    return None, body


def _clean_text(text: str) -> str | None:
    text = re.sub(r"^[\s：:，,]*(?:规定[：:，,]?)?\s*", "", text)
    text = re.sub(r"[\s；;]+$", "", text).strip("“”\"")
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line) or None


def _articles(body: str) -> list[tuple[str | None, str | None]]:
    """(article, text) pieces of a basis body."""
    found = list(_ARTICLE_AT.finditer(body))
    pieces: list[tuple[str | None, str | None]] = []
    head = body[: found[0].start()] if found else body
    if _clean_text(head) or not found:
        pieces.append((None, _clean_text(head)))
    for m, nxt in zip(found, [*found[1:], None]):
        end = nxt.start() if nxt else len(body)
        article = re.sub(r"\s+", "", m.group("art")).replace(",", "、").replace("，", "、")
        pieces.append((article, _clean_text(body[m.end():end])))
    return pieces


def _chunk(marker: str | None, title: str | None, body: str) -> list[ParsedBasis]:
    notes: list[str] = []
    if title is None:
        bare = _BARE_TITLE.search(body)
        if bare:
            title, body = re.split(r"依照|依据|根据|按照", bare.group("title"))[-1], body[bare.end():]
        else:
            first = _clean_text(body) or ""
            title = re.split(r"[\n，,。；;：:]", first, maxsplit=1)[0][:60] or "未注明"
            body = first[len(title):]
            notes.append("未识别到《法规名称》，请核对 law")
    title = re.sub(r"\s+", "", title)
    edition, body = _edition(body)
    level, inferred = _level(marker, title, edition)
    out = []
    for article, text in _articles(body):
        out.append(ParsedBasis(title, level, article, text, edition, inferred, list(notes)))
    return out


def _starts(text: str) -> list[tuple[int, int, str | None]]:
    """(chunk start, title or body start, marker) of every basis start in a normalized cell."""
    out: list[tuple[int, int, str | None]] = []
    pos = 0
    for m in sorted([*_CANDIDATE.finditer(text), *_BARE_LINE.finditer(text)], key=lambda m: m.start()):
        if m.start() < pos:
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        at_line = _LINE_LEAD.fullmatch(text, line_start, m.start()) is not None
        punct = _PUNCT_LEAD.search(text, line_start, m.start())
        if m.re is _BARE_LINE:  # a title without 《》 followed by an article, at a line start
            out.append((line_start, line_start, None))
            pos = m.end()
            continue
        marker = m.group("lv") or m.group("lv2")
        if marker is not None:
            if not (at_line or punct or m.group("lv")):
                continue
        elif not at_line:
            close = text.find("》", m.end())
            if not punct or close < 0 or not _AFTER_TITLE.match(text, close + 1):
                continue
        begin = line_start if at_line else (punct.start() + 1 if punct else m.start())
        out.append((begin, m.end() if marker else m.start(), marker))
        pos = m.end()
        if marker:  # the title after a marker belongs to it
            title = re.compile(rf"\s*{_TITLE}").match(text, m.end())
            pos = title.end() if title else pos
    return out


def split_basis(text: str) -> list[ParsedBasis]:
    """Every basis in a 依据 cell, in order (several levels, laws and articles in one cell)."""
    text = normalize(text or "")
    if not text:
        return []
    starts = _starts(text)
    out: list[ParsedBasis] = []
    lead = text[: starts[0][0]] if starts else text
    if re.sub(rf"{_LEAD}|\s", "", lead):
        out += _chunk(None, None, lead)
    for (_, at, marker), nxt in zip(starts, [*starts[1:], None]):
        body = text[at: nxt[0] if nxt else len(text)]
        title = re.match(rf"\s*{_TITLE}", body)
        if title:
            body = body[title.end():]
        out += _chunk(marker, title.group("title") if title else None, body)
    return _dedupe(out)


def _dedupe(bases: list[ParsedBasis]) -> list[ParsedBasis]:
    seen: set[tuple] = set()
    out = []
    for b in bases:
        k = (b.law, b.article, b.text)
        if k not in seen:
            seen.add(k)
            out.append(b)
    return out


def format_bases(bases: list[dict]) -> str:
    """Bases ({law, level?, article?, text?}) in the published-list style split_basis reads."""
    blocks = []
    for b in bases:
        level = b.get("level")
        head = (f"【{LABELS['Level'][level]}】" if level else "") + f"《{b['law']}》"
        tail = " ".join(x for x in (b.get("article"), b.get("text")) if x)
        blocks.append(head + (f"\n{tail}" if tail else ""))
    return "\n".join(blocks)


def split_level(text: str) -> tuple[str | None, str]:
    """"【行政法规】城市道路管理条例第三十七条" → ("administrative_regulation", "城市道路管理条例第三十七条")."""
    m = re.match(rf"\s*[【\[［〔]\s*({_LEVELS})\s*[】\]］〕]\s*", text)
    return (LEVEL_BY_LABEL[m.group(1)] or None, text[m.end():]) if m else (None, text)

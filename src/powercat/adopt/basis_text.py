"""The 依据 cells of power lists, split into legal bases (pure functions; the law library helps).

    split_basis("【法律】《中华人民共和国专利法》（2020年10月17日修正）\\n第六十五条 未经专利权人许可……", known)
    -> [ParsedBasis(law="中华人民共和国专利法", level="law", article="第六十五条", text="未经……",
                    edition="2020年10月17日修正", sure=Sureness(law="library", level="library", …))]
    format_bases(bases)            # back to that text style (export); split_basis reads it again
    split_level("【行政法规】…条例第三十七条") -> ("administrative_regulation", "…条例第三十七条")

``known`` (`lawmatch.KnownLaws`, None without a library) finds titles written without 《》 (the
longest first), gives each law its full title and its level, and checks that the articles exist.
The level is decided by `basis_level.decide`; the other cells by `powercat.adopt.cells`.

A basis starts at a level marker (【法律】, also [法律] 〔法律〕 and 法律： at a line start, a colon or a
number after it allowed), at a title at the start of a line (after numbering 1. （一） ① or a label
such as 设定依据： 增补依据：), at a title after ；。 that an article follows, at a title joined by 、
，和 及 to the basis before it when nothing but articles lie between, and at a law's name without
《》 at a line start when the library knows it or an article (not 第X条规定…) follows it. A title
quoted inside an article's text (依照《行政许可法》的规定) starts nothing. docs/adoption.md has the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from powercat.adopt.basis_level import Sureness, decide, evidence, infer_level as _title_level
from powercat.adopt.lawmatch import KnownLaws
from powercat.catalog.enums import LABELS

LEVEL_BY_LABEL = {v: k for k, v in LABELS["Level"].items()}
LEVEL_BY_LABEL.update({"政府规章": "local_rule", "其他规范性文件": "normative_document", "规范性文件": "normative_document",
                       "法规": "法规", "规章": "规章"})  # 法规, 规章: two levels each, narrowed by the title
_LEVELS = "|".join(sorted(LEVEL_BY_LABEL, key=len, reverse=True))
_N = "[零〇一二三四五六七八九十百千两\\d]+"
_ANNEX = r"附件[\d一二三四五六七八九十]*(?:《[^《》\n]{1,40}》)?"
_UNIT = f"(?:{_ANNEX})?第[（(]?{_N}[)）]?[条款项](?:之[一二三四五六七八九十]+)?"
ARTICLE = f"(?>{_UNIT}(?:{_UNIT})*(?:[、，,和及与至]{_UNIT}(?:{_UNIT})*)*)"
NUMBERING = r"(?:\d{1,2}[.、．)）]|[（(]\d{1,2}[)）]|[①-⑳]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）])"
_LABEL = r"(?:(?:设定|实施|法律|行使|执法|增补|补充|相关|其他)?依据[：:])"
_LEAD = rf"(?:[ \t]*(?:{NUMBERING}|{_LABEL})[ \t]*)*"
_LEAD_RE = re.compile(_LEAD)
_MARKER = re.compile(rf"[【\[［〔]\s*(?P<lv>{_LEVELS})\s*[】\]］〕]|(?<![^\n])(?P<lv2>{_LEVELS})[：:]")
_AFTER_MARKER = re.compile(rf"[ \t]*[：:]?[ \t]*{_LEAD}")
_TITLE = re.compile(r"《(?P<title>[^《》\n]{1,80})》")
_KIND = r"(?:法|条例|规定|办法|细则|决定|规则|方案|通知|意见|公告|规范|标准|目录)"
_BARE = re.compile(rf"(?P<title>(?!依据|根据|按照|依照|本)[^\s\n（(《》：:；;。，,、]{{2,60}}?{_KIND})(?=[ \t]*[（(]|[ \t]*{ARTICLE}|[ \t]*$|[：:；;。，,\n])")
_BARE_LINE = re.compile(rf"(?:依据|根据|按照|依照)?(?P<title>(?!依据|根据|按照|依照|本)(?:中华人民共和国)?[\u4e00-\u9fa5]{{2,30}}?"
                        rf"(?:法|条例|规定|办法|细则))(?={ARTICLE}(?![ \t]*(?:规定|所称|之规定|的规定|中)))")
_REFERENCE = r"(?![ \t]*(?:规定|所称|之规定|的规定|中的|中规定))"  # 第X条规定的…: a sentence, not a citation
_HEAD_ARTICLE = re.compile(rf"[ \t\n：:，,]*(?P<art>{ARTICLE})")
_ARTICLE_AT = re.compile(rf"(?:(?<![^\n])[ \t]*{_LEAD}(?P<art>{ARTICLE}){_REFERENCE}|(?<=[。；;])[ \t]*(?P<art2>{ARTICLE})(?=[\s：:]|$))")
_JOINED = re.compile(rf"[ \t]*[：:]?[ \t]*(?:{ARTICLE})?[ \t]*[、，,和及与][ \t]*")
_DOC_NUMBER = re.compile(r"[ \t]*(?P<no>[\u4e00-\u9fa5]{1,16}[〔\[【［(（]\s*(?:19|20)\d\d\s*[〕\]】］)）]\s*第?\s*\d+\s*号)")
_JUNK = "\"';；,，、 \t\n"
FULLWIDTH = str.maketrans("０１２３４５６７８９\u3000\xa0\r", "0123456789   ")
_EVENT = re.compile(r"(?P<y>\d{4})\s*年(?:\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?)?"
                    r"(?P<gap>(?:(?!\d{4}\s*年)[^，,；;])*?)(?P<ev>修正|修订|修改|公布|发布|通过)")


@dataclass(slots=True)
class ParsedBasis:
    law: str
    level: str | None = None  # a Level code
    article: str | None = None
    text: str | None = None
    edition: str | None = None  # 2016年2月6日修正 (the note's last amendment), else the note as written
    note: str | None = None  # the parenthesis (or document number) after the title, as written
    written: str | None = None  # the title as the source wrote it, when the library's full title differs
    sure: Sureness = field(default_factory=Sureness)

    def key(self) -> tuple[str, str | None, str | None]:
        return (self.law, self.level, self.article)


def normalize(text: str) -> str:
    """Full-width digits and spaces to ASCII, line ends to \\n, stray markup away."""
    text = text.translate(FULLWIDTH).replace("\r\n", "\n")
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def infer_level(title: str, note: str | None = None) -> str | None:
    """The level a title and its note suggest: what the number proves, else what the title suggests."""
    return evidence(title, note) or _title_level(title, note)


def edition_of(note: str | None) -> str | None:
    """The edition a note names: its last amendment (2016年2月6日修正), else its adoption or
    publication (2009年4月22日通过); a note with neither (国务院令第549号) stays as written."""
    if not note:
        return None
    plain = re.sub(r"《[^《》]*》", "", note)
    found = [(m, (int(m["y"]), int(m["m"] or 0), int(m["d"] or 0))) for m in _EVENT.finditer(plain)]
    amended = [f for f in found if f[0]["ev"] in ("修正", "修订", "修改")]
    pick = max(amended or found, key=lambda f: f[1], default=None)
    if pick is None:
        return note
    m = pick[0]
    return f"{m['y']}年" + (f"{int(m['m'])}月" if m["m"] else "") + (f"{int(m['d'])}日" if m["d"] else "") + m["ev"]


def _parenthesis(body: str) -> tuple[str | None, str]:
    """The parenthesis right after a title (nested parentheses allowed), and the rest."""
    m = re.match(r"[ \t]*[（(]", body)
    if not m:
        number = _DOC_NUMBER.match(body)  # 《…办法》退役军人部发〔2022〕3号
        return (number["no"], body[number.end():]) if number else (None, body)
    depth, start = 0, m.end() - 1
    for i in range(start, len(body)):
        depth += body[i] in "（("
        depth -= body[i] in "）)"
        if depth == 0:
            return body[start + 1:i].strip() or None, body[i + 1:]
    return None, body


def _clean_text(text: str) -> str | None:
    text = re.sub(r"^[\s：:，,、]*(?:的?规定[：:，,]?)?\s*", "", text)
    text = re.sub(rf"(?:[\s；;、，,]|{_LABEL}|{NUMBERING}|依据)+$", "", text).strip()
    if text in ("和", "及", "与", "或", "以及"):
        return None
    text = re.sub(r"^[“\"]([^“”\"]*)[”\"]([。；;]?)$", r"\1\2", text, flags=re.S)  # 第十九条：“…。”
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line) or None


def _article_label(raw: str) -> str:
    label = re.sub(r"《[^《》]*》", "", re.sub(r"\s+", "", raw))
    return label.replace(",", "、").replace("，", "、")


def _articles(body: str) -> list[tuple[str | None, str | None]]:
    """(article, text) pieces of a basis body: an article right after the title runs into its text."""
    head = _HEAD_ARTICLE.match(body)
    found: list[tuple[int, int, str]] = [(head.start("art"), head.end(), head["art"])] if head else []
    for m in _ARTICLE_AT.finditer(body, head.end() if head else 0):
        found.append((m.start(), m.end(), m["art"] or m["art2"]))
    pieces: list[tuple[str | None, str | None]] = []
    first = body[: found[0][0]] if found else body
    if _clean_text(first) or not found:
        pieces.append((None, _clean_text(first)))
    for (_, end, art), nxt in zip(found, [*found[1:], None]):
        pieces.append((_article_label(art), _clean_text(body[end: nxt[0] if nxt else len(body)])))
    return pieces


# --- one basis ------------------------------------------------------------------------------

def _title(body: str, known: KnownLaws | None) -> tuple[str | None, str, str]:
    """(title, the rest, how it was found: quoted | library | bare) at the start of ``body``."""
    quoted = _TITLE.match(body)
    if quoted:
        return quoted["title"], body[quoted.end():], "quoted"
    hit = known.title_at(body, 0) if known is not None else None
    if hit is not None:
        return hit[0], body[hit[1]:], "library"
    bare = _BARE.match(body)
    if bare:
        return bare["title"], body[bare.end():], "bare"
    return None, body, ""


def _untitled(body: str) -> tuple[str, str, str]:
    """A chunk without a title: a law's name before an article, else the first words (a guess)."""
    bare = re.search(rf"(?:依据|根据|按照|依照)?(?P<title>(?:中华人民共和国)?[\u4e00-\u9fa5（）()、]{{2,40}}?"
                     rf"(?:法|条例|规定|办法|细则|决定|规则))(?={ARTICLE})", body)
    if bare:
        return re.split(r"依照|依据|根据|按照", bare["title"])[-1], body[bare.end():], "bare"
    first = _clean_text(body) or ""
    title = re.split(r"[\n，,。；;：:]", first, maxsplit=1)[0][:60] or "未注明"
    return title, first[len(title):], "guess"


def _sure(law_from: str, title: str, level_from: str, article: str | None, known: KnownLaws | None,
          level: str | None) -> Sureness:
    sure = Sureness(law=law_from, level=level_from, article="given" if article else "none")
    if known is not None and law_from == "library" and known.article_checkable(title, article):
        lacking = known.article_missing(title, article)
        sure.article = "missing" if lacking else "library"
        if lacking:
            sure.notes.append(("library_says", lacking))
    if law_from == "guess":
        sure.notes.append(("no_title", {}))
    if known is not None and law_from != "library" and level in ("law", "administrative_regulation"):
        sure.notes.append(("not_in_library", {"law": title}))
    if known is not None and law_from == "library" and (repealer := known.repealed_by(title)):
        sure.notes.append(("repealed_by", {"law": title, "by": repealer}))
    return sure


def _chunk(chunk: str, known: KnownLaws | None) -> list[ParsedBasis]:
    marker = _MARKER.match(chunk)
    label = (marker["lv"] or marker["lv2"]) if marker else None
    body = chunk[_AFTER_MARKER.match(chunk, marker.end()).end():] if marker else chunk
    title, body, how = _title(body, known)
    if title is None:
        title, body, how = _untitled(body)
    title = re.sub(r"\s+", " ", title).strip()
    full = known.full_title(title) if known is not None else None
    note, body = _parenthesis(body) if how != "guess" else (None, body)
    decided = decide(LEVEL_BY_LABEL.get(label) if label else None, full or title, note, known, label or "")
    out = []
    for article, text in _articles(body):
        sure = _sure("library" if full else how, full or title, decided.source, article, known, decided.level)
        if decided.conflict:
            sure.notes.insert(0, decided.conflict)
        written = title if full and full != title else None
        out.append(ParsedBasis(full or title, decided.level, article, text, edition_of(note), note, written, sure))
    return out


# --- where bases start ----------------------------------------------------------------------

def _line_lead(text: str, pos: int) -> tuple[int, bool, int | None]:
    """(line start, whether only numbering or labels precede ``pos`` on its line, the position
    after a ；。 that only numbering precedes, if any)."""
    line_start = text.rfind("\n", 0, pos) + 1
    at_line = _LEAD_RE.match(text, line_start).end() == pos  # (a lookahead in _LEAD sees past pos)
    stop = max(text.rfind(p, line_start, pos) for p in "；;。")
    punct = stop >= 0 and _LEAD_RE.match(text, stop + 1).end() == pos
    return line_start, at_line, stop + 1 if punct else None


def _after_title(text: str, end: int) -> int:
    """Where the title ending at ``end`` and its parenthesis end."""
    _, rest = _parenthesis(text[end:])
    return len(text) - len(rest)


def _bare_at(text: str, pos: int, known: KnownLaws | None) -> int | None:
    """The end of a law's name without 《》 at ``pos`` that starts a basis, or None."""
    hit = known.title_at(text, pos) if known is not None else None
    if hit is not None:
        after = _after_title(text, hit[1])
        if re.match(rf"[ \t]*(?:{ARTICLE}{_REFERENCE}|[：:]|[；;。、，,]|$)", text[after:], re.M):
            return hit[1]
    bare = _BARE_LINE.match(text, pos)
    return bare.end() if bare else None


def _starts(text: str, known: KnownLaws | None) -> list[tuple[int, int]]:
    """(chunk start, basis start) of every basis in a normalized cell."""
    marks = [m.start() for m in _MARKER.finditer(text)]
    quotes = [m.start() for m in re.finditer("《", text)]
    lines = [m.end() for m in re.finditer(rf"(?:^|\n){_LEAD}", text)]
    joins = [m.end() for m in re.finditer(r"[、，,和及与][ \t]*", text)]
    out: list[tuple[int, int]] = []
    pos, prev_end = 0, None
    for p in sorted(set(marks) | set(quotes) | set(lines) | set(joins)):
        if p < pos or p >= len(text):
            continue
        line_start, at_line, punct = _line_lead(text, p)
        end = None
        if p in marks:
            m = _MARKER.match(text, p)
            if m["lv2"] and not (at_line or punct is not None):
                continue
            after = _AFTER_MARKER.match(text, m.end()).end()
            title, rest, how = _title(text[after:], known)
            end = len(text) - len(rest) if title else m.end()
        elif text.startswith("《", p):
            title = _TITLE.match(text, p)
            if title is None:
                continue
            joined = prev_end is not None and p - prev_end < 60 and _JOINED.fullmatch(text, prev_end, p)
            after = text[_after_title(text, title.end()):]
            cited = re.match(rf"[ \t]*[：:]?[ \t]*{ARTICLE}", after)
            ends = re.match(r"[ \t]*(?:[；;。]|$)", after, re.M)
            named = re.search(f"{_KIND}$", title["title"]) or (known is not None and known.full_title(title["title"]))
            if not (at_line or ((joined or punct is not None) and (cited or (ends and named)))):
                continue
            end = title.end()
        else:
            joined = prev_end is not None and p - prev_end < 60 and _JOINED.fullmatch(text, prev_end, p)
            if not (at_line or joined):
                continue
            end = _bare_at(text, p, known)
            if end is None:
                continue
        begin = line_start if at_line else (punct if punct is not None else p)
        out.append((min(begin, p), p))
        pos = prev_end = _after_title(text, end)
    return out


def split_basis(text: str, known: KnownLaws | None = None) -> list[ParsedBasis]:
    """Every basis in a 依据 cell, in order (several levels, laws and articles in one cell)."""
    # 根据《…》 opening the cell cites a law; inside an article's text it is a sentence
    text = re.sub(r"^(?:根据|依据|依照|按照)(?=《)", "", normalize(text or "").strip(_JUNK))
    if not text:
        return []
    starts = _starts(text, known)
    out: list[ParsedBasis] = []
    lead = text[: starts[0][0]] if starts else text
    if re.sub(rf"{_LEAD}|[\s{_JUNK}]", "", lead):
        out += _chunk(lead, known)
    for (_, at), nxt in zip(starts, [*starts[1:], None]):
        out += _chunk(text[at: nxt[0] if nxt else len(text)], known)
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
    """Bases ({law, level?, article?, text?, edition?}) in the published-list style split_basis reads."""
    blocks = []
    for b in bases:
        level, edition = b.get("level"), b.get("edition")
        head = (f"【{LABELS['Level'][level]}】" if level else "") + f"《{b['law']}》" + (f"（{edition}）" if edition else "")
        tail = " ".join(x for x in (b.get("article"), b.get("text")) if x)
        blocks.append(head + (f"\n{tail}" if tail else ""))
    return "\n".join(blocks)


def split_level(text: str) -> tuple[str | None, str]:
    """"【行政法规】城市道路管理条例第三十七条" → ("administrative_regulation", "城市道路管理条例第三十七条")."""
    m = re.match(rf"\s*[【\[［〔]\s*({_LEVELS})\s*[】\]］〕]\s*", text)
    if not m:
        return None, text
    level = LEVEL_BY_LABEL[m.group(1)]
    return (None if level in ("法规", "规章") else level), text[m.end():]

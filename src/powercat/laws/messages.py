"""The library's wording, in Chinese (default) and English."""

from __future__ import annotations

LEVEL_NAMES = {
    "constitution": ("宪法", "constitution"),
    "law": ("法律", "law"),
    "administrative_regulation": ("行政法规", "administrative regulation"),
    "local_regulation": ("地方性法规", "local regulation"),
    "autonomous_regulation": ("自治条例和单行条例", "autonomous regulation"),
    "department_rule": ("部门规章", "department rule"),
    "local_rule": ("地方政府规章", "local government rule"),
    "normative_document": ("规范性文件", "normative document"),
    "other": ("其他", "other"),
}

TEXTS = {
    "law-missing": ("法规库中没有《{title}》", "{title} is not in the law library"),
    "hint": ("；是否指：{names}", "; did you mean: {names}"),
    "not-in-force": ("《{title}》在 {on} 没有施行中的版本（库中版本：{dates}）",
                     "{title} has no edition in force on {on} (editions in the library: {dates})"),
    "article-missing": ("{law}没有{article}：该法共{count}条",
                        "{law} has no {article}: it has {count} articles"),
    "paragraph-missing": ("{law}{article}没有第{paragraph}款：该条共{count}款",
                          "{law} {article} has no paragraph {paragraph}: it has {count}"),
    "item-missing": ("{law}{article}{place}没有第（{item}）项：{whole}共{count}项",
                     "{law} {article}{place} has no item ({item}): it has {count}"),
    "no-items": ("{law}{article}{place}没有项", "{law} {article}{place} has no items"),
    "edition": ("{date}版", "edition of {date}"),
    "no-date": ("未注明日期", "undated"),
}

# `laws check` problems: code -> (severity, Chinese, English); {detail} is what the file says
PROBLEMS = {
    "unreadable": ("error", "无法读取：{detail}", "cannot be read: {detail}"),
    "not-utf8": ("error", "不是 UTF-8 编码的文本（{detail}）", "is not UTF-8 text ({detail})"),
    "no-title": ("error", "没有标题行（# 标题）", "has no title line (# title)"),
    "duplicate": ("error", "与 {detail} 是同一法规的同一版本（标题和日期都相同），引用时无法区分",
                  "is the same edition of the same law as {detail} (same title and date): citations cannot tell them apart"),
    "copy": ("warning", "与 {detail} 是同一法规的同一版本，条文相同（重复的副本）",
             "is a copy of {detail} (same law, edition and articles)"),
    "out-of-order": ("error", "条文编号倒序或重复：{detail}", "articles out of order or numbered twice: {detail}"),
    "no-articles": ("warning", "没有“第…条”形式的条文，无法按条引用", "has no articles (第…条): nothing in it can be cited by article"),
    "gap": ("warning", "条文编号不连续：{detail}", "article numbers skip: {detail}"),
    "late-start": ("warning", "条文从{detail}开始，前面的条文缺失", "the articles begin at {detail}, not at 第一条"),
    "loose-label": ("warning", "条文序号书写不规范，已按条文读取：{detail}", "an article label is misspelt (read as an article): {detail}"),
    "run-together": ("warning", "多条条文连在同一行，已拆开读取：{detail}", "several articles run together on one line (split when read): {detail}"),
    "bad-number": ("warning", "无法识别的条文序号：{detail}", "an article number that cannot be read: {detail}"),
    "no-info-end": ("warning", "没有 <!-- INFO END --> 分隔行", "has no <!-- INFO END --> line"),
    "no-date": ("warning", "文件名和沿革都没有日期，无法确定版本", "no date in the file name or the history: the edition is unknown"),
    "unknown-folder": ("warning", "不在已知层级的文件夹中，层级按“其他”处理",
                       "is not in a folder naming a level; taken as level other"),
    "history-line": ("info", "沿革中有不以日期开头的行：{detail}", "a history line does not begin with a date: {detail}"),
    "date-mismatch": ("info", "文件名日期 {detail} 不在沿革中", "the file name's date {detail} is not in the history"),
}


def text(key: str, lang: str = "zh-CN", **values: object) -> str:
    zh, en = TEXTS[key]
    return (en if lang == "en" else zh).format(**values)


def level_name(level: str, lang: str = "zh-CN") -> str:
    zh, en = LEVEL_NAMES.get(level, (level, level))
    return en if lang == "en" else zh

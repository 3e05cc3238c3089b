"""Placeholders: the values that say nothing, in one place.

`powercat new power` and `powercat import` write ``TODO`` markers where staff must write a value
(``TODO 法律法规名称``, ``post: TODO``), and the lists departments keep write 无, -, / or 暂无
where they have nothing to say. Neither is a value: PC110 reports them, and the other rules
treat them as missing. The writers (`adopt.scaffold`, `adopt.importer`) and the rules all read
the forms from here::

    is_todo("TODO 法律法规名称")   -> True      # the marker powercat writes, anywhere in the value
    is_none("暂无")                -> True      # the words lists use for "none"
    todo("法律法规名称")           -> "TODO 法律法规名称"
    slot(("legal_basis", 0, "law")) -> Slot(label="法律法规名称", hint="如 中华人民共和国建筑法", ...)

``SLOTS`` is the table of fields the templates leave to fill (what they write after ``TODO``,
the comment they write as a hint) and of the fields where lists write "none": when a "none" word
is a placeholder too (``required``: where the format or a statute requires a value; elsewhere 无
is a legitimate answer, such as no fee or no conditions, and the field's own rule decides).
docs/rules/PC110.md shows the table (built from it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable

MARKER = "TODO"
# the marker as a word anywhere in the value (TODO, TODO 名称, TODO：…, TODO事项, 建筑法 TODO 核对),
# not inside an ASCII word (TODOS, a url's /todo/ is lower case)
_TODO = re.compile(r"(?<![A-Za-z0-9_])TODO(?![A-Za-z0-9_])")
# what lists write for "none" (full-width and dash variants included); compared after strip()
NONE_WORDS = frozenset({"无", "无。", "暂无", "-", "--", "—", "——", "－", "–", "/", "／"})

# when a "none" word is a placeholder (the field requires a value)
ALWAYS = "always"  # FORMAT.md marks the field required
STATUTORY = "statutory"  # time_limit.basis of a power stating a statutory limit or an extension
OWN_STEP = "own_step"  # a step post where PC506 requires one: task/decision done by the department
NEVER = "never"  # "none" is a legitimate answer; the field's own rule (if any) treats it as missing


@dataclass(frozen=True, slots=True)
class Slot:
    """A field that may hold a placeholder: its data path (``*`` for any list index), what the
    templates write after the marker, the hint they write as a comment, and when a "none" word
    is a placeholder (``required``); otherwise ``then`` names the rule that reports it missing."""

    path: tuple[str, ...]
    label: str  # written after the marker: TODO <label>
    hint: str = ""  # the template's comment ("" for none; post and time_limit.basis: see below)
    required: str = ALWAYS
    scope: str = "power"  # or department
    written: bool = True  # written by `new power` or `import`; False: listed for its "none" words
    then: str = ""  # with required NEVER: the rule that reports a "none" word as missing
    show: str = ""  # how the docs name the field, when not by its path


SLOTS: tuple[Slot, ...] = (
    Slot(("name",), "事项名称", "如 建筑工程施工许可证核发"),
    Slot(("handling_unit",), "承办机构", "内部负责机构，如 行政审批科"),
    Slot(("leader",), "主管领导", "如 李明(副局长)"),
    Slot(("legal_basis", "*", "law"), "法律法规名称", "如 中华人民共和国建筑法"),
    Slot(("legal_basis", "*", "article"), "第几条", required=NEVER, then="PC202"),
    Slot(("legal_basis", "*", "text"), "法条内容", required=NEVER, then="PC203"),
    Slot(("duties",), "职责要求", "本事项的职责，如 对申请材料进行审查，对符合条件的颁发许可证"),
    Slot(("conditions", "*"), "办理条件", "每项条件一行；无则删除", NEVER),
    Slot(("materials", "*"), "申请材料", "每项材料一行；无则删除", NEVER),
    Slot(("materials", "*", "name"), "材料名称", "如 建筑工程施工许可证申请表"),
    Slot(("materials", "*", "source"), "材料来源", "如 申请人自备、由……出具", NEVER),
    Slot(("guide", "places", "*", "name"), "办理地点", "如 县政务服务中心二楼 12 号窗口"),
    Slot(("guide", "places", "*", "address"), "地址", "", NEVER),
    Slot(("guide", "places", "*", "hours"), "办理时间", "", NEVER),
    Slot(("time_limit", "basis"), "时限依据", required=STATUTORY),  # hint: the profile's maximum, limit_example()
    Slot(("accountability",), "责任追究", "如 对不符合条件的申请颁发许可的，依照……追究责任"),
    Slot(("procedures", "*", "steps", "*", "post"), "", required=OWN_STEP),  # hint: the posts, post_hint()
    Slot(("internal", "*", "tasks", "*", "post"), ""),  # hint: post_hint()
    Slot(("risks", "*", "description"), "风险描述"),
    Slot(("risks", "*", "controls", "*"), "防控措施", required=NEVER, then="PC702"),
    # not written by powercat: where lists write 无 and a rule must not take it for a value
    Slot(("basic_code",), "", required=NEVER, written=False),
    Slot(("implementation_code",), "", required=NEVER, written=False),
    Slot(("fee", "standard"), "", required=NEVER, written=False),
    Slot(("fee", "basis"), "", required=NEVER, written=False, then="PC206"),
    Slot(("risks", "*", "step"), "", required=NEVER, written=False),
    Slot(("risks", "*", "post"), "", required=NEVER, written=False),
    Slot(("supervision", "*", "phone"), "", required=NEVER, written=False, then="PC603",
         show="supervision[] / complaints[] / consultation[]: phone, address, url, email"),
    Slot(("name",), "部门全称", scope="department", written=False),
    Slot(("legal_reviewer",), "法制审核人", scope="department", written=False),
    Slot(("posts", "*", "name"), "岗位名称", scope="department", written=False),
    Slot(("uscc",), "", required=NEVER, scope="department", written=False),
)
_BY_PATH = {(s.scope, s.path): s for s in SLOTS}


# a comment `new power` writes where an external category has no maximum in the profile
STATUTORY_COMMENT = f"{MARKER} 填写法定时限，如 statutory: {{days: 15, unit: working}}"


def todo(label: str = "") -> str:
    """The placeholder the templates write: ``TODO`` or ``TODO <label>``."""
    return f"{MARKER} {label}" if label else MARKER


def is_todo(value: Any) -> bool:
    """The value still holds the marker (at its start: a placeholder; inside: a note left in it)."""
    return isinstance(value, str) and MARKER in value and _TODO.search(value) is not None


def is_none(value: Any) -> bool:
    return isinstance(value, str) and value.strip() in NONE_WORDS


def is_placeholder(value: Any) -> bool:
    """A TODO marker or a "none" word: nothing a rule can check."""
    return is_todo(value) or is_none(value)


def filled(value: Any) -> bool:
    """Text that says something: not empty, not a placeholder."""
    return isinstance(value, str) and bool(value.strip()) and not is_placeholder(value)


def pattern(path: Iterable[Any]) -> tuple[str, ...]:
    """A data path with its list indexes as ``*``: ("legal_basis", 0, "law") -> ("legal_basis", "*", "law")."""
    return tuple("*" if isinstance(p, int) else p for p in path)


def slot(path: Iterable[Any], scope: str = "power") -> Slot | None:
    return _BY_PATH.get((scope, pattern(path)))


def post_hint(posts: list[str]) -> str:
    """The comment after ``post: TODO``: the department's post ids."""
    return "岗位 id：" + ("、".join(posts) if posts else "先在 department.yaml 的 posts 中定义岗位")


def limit_example(max_source: str | None) -> str:
    """``如 行政许可法第四十二条第一款``: the article the profile's maximum comes from, or ""."""
    return f"如 {max_source.split('：')[0]}" if max_source else ""


def limit_basis(max_source: str | None) -> str:
    """The ``time_limit.basis`` a new power gets: ``TODO 时限依据(如 行政许可法第四十二条第一款)``."""
    example = limit_example(max_source)
    return todo(slot(("time_limit", "basis")).label) + (f"({example})" if example else "")  # type: ignore[union-attr]


def todo_lines(text: str, comments: bool = False) -> list[tuple[int, str]]:
    """(line, stripped text) of every line whose value holds the marker, in file order; with
    ``comments`` also the lines whose comment starts with it (``# TODO 填写法定时限``)."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        value, _, comment = line.partition("#")
        if MARKER in value or (comments and comment.lstrip().startswith(MARKER)):
            out.append((n, line.strip()))
    return out

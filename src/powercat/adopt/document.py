"""The power file `powercat import` writes for one item, with its comments.

    text = dump(document(draft, profile, dept, "清单.xlsx", "第 5 行"))

The source's values in FORMAT.md order; ``TODO`` markers where the schema needs text the source
lacks (承办机构, 主管领导, step posts); a minimal general procedure from the profile; a head comment
naming the source item, what is still missing and every column that has no key (unknown columns
too: never dropped); after each legal basis's ``law`` how sure the importer is of it and what a
person must check. Fields a rule checks (职责要求, 责任追究, 权利, 公开, 法定时限) are left out when
the source lacks them, so `validate` reports each with its own code; 是否收费 and 是否听证 are
left out (unknown), never written as 否.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from powercat.adopt.basis_text import ParsedBasis
from powercat.adopt.convert import Draft
from powercat.adopt.scaffold import flow, template_steps
from powercat.i18n import t
from powercat.safe import visible
from powercat.catalog import placeholders as ph
from powercat.catalog.enums import Category
from powercat.catalog.profile import Profile

ORDER = ["code", "basic_code", "implementation_code", "name", "category", "parent", "status", "effective_from",
         "authorized_by", "exercised_by", "exercise_levels", "target", "handling_unit", "leader", "legal_basis",
         "duties", "conditions", "materials", "guide", "keywords", "topics", "time_limit", "fee", "service_commitment", "discipline",
         "accountability", "rights", "hearing", "supervision", "complaints", "disclosure"]
# the text the format requires and a source may lack: the placeholders `new power` writes too
TODO_TEXT = {key: ph.todo(ph.slot((key,)).label) for key in ("handling_unit", "leader")}  # type: ignore[union-attr]
# what a power still needs when the source lacks it (the head comment's 需补充 list)
NEED = {"handling_unit": "承办机构", "leader": "主管领导", "legal_basis": "行使依据", "duties": "职责要求",
        "accountability": "责任追究", "statutory": "法定时限", "charged": "是否收费", "hearing": "是否听证",
        "rights": "相对人的权利", "disclosure": "公开范围和公开时间"}
INTERNAL_OPTIONAL = {"statutory", "rights"}  # internal categories need no time limit or rights
ZH = "zh-CN"  # the file's comments are in the catalog's language


def comment_lines(text: Any) -> list[str]:
    """``text`` as lines of a YAML comment: split at every line break a YAML reader knows (a lone
    CR, NEL, U+2028 ...), each control character shown as its escape, so no text of the source
    ever leaves its comment and becomes a key (a ``code``, a ``lint: {ignore: …}``)."""
    return [visible(line) for line in str(text).splitlines()] or [""]


def _comment(text: Any) -> str:
    return " ".join(comment_lines(text))


def basis_notes(b: ParsedBasis, lang: str | None = ZH) -> list[str]:
    """What a person must check about one basis, in ``lang``."""
    notes = [args.get(lang or ZH) or args[ZH] if key == "library_says" else
             t(f"adopt.sure.{key}", lang, **{**args, "level": t(f"adopt.level.{args.get('level')}", lang)})
             for key, args in b.sure.notes]
    if b.sure.level in ("name", "none"):
        notes.append(t(f"adopt.sure.level_{b.sure.level}", lang))
    return notes


def _bases(bases: list[ParsedBasis]) -> CommentedSeq:
    seq = CommentedSeq()
    for b in bases:
        m = CommentedMap(law=b.law)
        m.update({k: flow(getattr(b, k)) for k in ("level", "article", "text", "edition") if getattr(b, k)})
        comment = [t(f"adopt.grade.{b.sure.grade}", ZH) + t(f"adopt.from.{b.sure.law}", ZH)]
        comment += basis_notes(b)
        if b.written:
            comment.append(t("adopt.written_as", ZH, title=b.written))
        if b.note and b.note != b.edition:
            comment.append(t("adopt.note_was", ZH, note=b.note))
        m.yaml_add_eol_comment(_comment("；".join(comment)), "law")
        seq.append(m)
    return seq


def _procedures(profile: Profile, category: str, dept: dict[str, Any]) -> CommentedSeq | None:
    """The profile's general procedure of the category (as `powercat new power` writes it: the
    profile-only ``required`` dropped, step posts TODO with the department's post ids)."""
    if category not in Category.__members__:
        return None
    template = profile.category(Category(category)).procedures.get("general")
    if template is None:
        return None
    posts = [str(p["id"]) for p in dept.get("posts") or [] if isinstance(p, dict) and "id" in p]
    return CommentedSeq([CommentedMap(kind="general", steps=template_steps(template.steps, posts))])


def _asks(profile: Profile, category: str) -> set[str]:
    """是否收费 where the law limits fees (the profile's fee_levels), 是否听证 where the category's
    standard procedure has a hearing: the profile says, not a list in code."""
    if category not in Category.__members__:
        return {"charged", "hearing"}
    rules = profile.category(Category(category))
    hearing = any(s.id == "hearing" or "hearing" in [str(r) for r in s.rights]
                  for proc in rules.procedures.values() for s in proc.steps)
    return ({"charged"} if rules.fee_levels else set()) | ({"hearing"} if hearing else set())


def missing(values: dict[str, Any], profile: Profile) -> list[str]:
    """What the power still lacks (Chinese names, the head comment's 需补充 list)."""
    category = values.get("category", "")
    external = Category(category).external if category in Category.__members__ else True
    # a source cell of 无, - or / says nothing: still missing (PC110 reports it where a value is required)
    given = {k for k, v in values.items() if not ph.is_placeholder(v)} | set(values.get("time_limit") or {})
    given |= {"charged"} if (values.get("fee") or {}).get("charged") is not None else set()
    given |= {"charged", "hearing"} - _asks(profile, category)
    return [name for key, name in NEED.items() if key not in given and (external or key not in INTERNAL_OPTIONAL)]


def _head(d: Draft, source: str, where: str, lacking: list[str]) -> list[str]:
    head = ["yaml-language-server: $schema=../../../schemas/power.schema.json",
            f"由 powercat import 从 {_comment(source)} {_comment(where)}导入。把 TODO 换成实际内容，然后运行 powercat validate 检查。"]
    if d.category_given:
        head.append(_comment(t("adopt.category_unknown", ZH, given=d.category_given,
                               hint=_category_hint(d.values.get("name", "")))))
    if lacking:
        head.append("源表未提供、需补充：" + "、".join(lacking) + "、办理流程的岗位")
    if d.extra:
        head.append("源表中本格式没有对应键的内容(原样保留)：")
        for name, value in d.extra:
            first, *rest = comment_lines(value)
            head += [f"  {_comment(name)}：{first}", *(f"    {line}" for line in rest)]
    return head


def _category_hint(name: str) -> str:
    """A category the name suggests (表彰…奖励 → reward), for the comment on an unknown 事项类型."""
    for word, code in (("奖励", "reward"), ("表彰", "reward"), ("许可", "licensing"), ("处罚", "penalty"),
                       ("检查", "inspection"), ("强制", "coercion"), ("征收", "levy"), ("给付", "payment"),
                       ("确认", "confirmation"), ("裁决", "adjudication")):
        if word in name:
            return t("adopt.category_hint", ZH, code=code, label=t(f"adopt.category.{code}", ZH))
    return ""


def document(d: Draft, profile: Profile, dept: dict[str, Any], source: str, where: str) -> CommentedMap:
    """The power file of one item, with its head comment."""
    values = {**TODO_TEXT, **d.values}
    if d.bases:
        values["legal_basis"] = d.bases
    doc = CommentedMap()
    for key in ORDER:
        if key == "legal_basis" and key in values:
            doc[key] = _bases(values[key])
        elif isinstance(values.get(key), list):
            doc[key] = CommentedSeq(flow(v) for v in values[key])
        elif values.get(key) is not None:
            doc[key] = flow(values[key])
    procedures = _procedures(profile, values["category"], dept)
    if procedures is not None:
        doc["procedures"] = procedures
        doc.yaml_set_comment_before_after_key(
            "procedures", before="外部流程：按法律配置的标准程序预填，请按本事项实际办理流程修改步骤和时限，填写岗位")
    lacking = missing(values, profile)
    doc.yaml_set_start_comment("\n".join(_head(d, source, where, lacking)))
    return doc


def dump(doc: CommentedMap) -> str:
    y = YAML()
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    buf = io.StringIO()
    y.dump(doc, buf)
    return buf.getvalue()

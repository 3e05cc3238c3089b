"""`powercat import`: power files from the lists departments already keep (JSON, CSV, XLSX).

    result = import_file(root, Path("清单.xlsx"), "zjj")   # writes catalogs/zjj/powers/*.yaml
    result.written, result.unknown, result.rows

The source is read by `import_read` and its columns matched by their national names
(`import_fields.FIELDS`; docs/adoption.md has the table). Each row becomes one power file written
with ruamel.yaml: the source's values in FORMAT.md order, ``TODO`` markers where the schema needs
text the source lacks (承办机构, 主管领导, step posts), a minimal general procedure from the
profile, and a head comment naming the source row, what is still missing and every column that
has no key (unknown columns too: never dropped). Fields a rule checks (职责要求, 责任追究, 权利,
公开, 法定时限) are left out when the source lacks them, so `validate` reports each with its own
code. Existing files are never overwritten unless ``force``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from powercat.adopt.basis_text import ParsedBasis
from powercat.catalog import placeholders as ph
from powercat.catalog.enums import Category
from powercat.adopt.fields import COLUMN_KEY, Draft, convert_row
from powercat.adopt.read import ImportError_, read_rows
from powercat.catalog.loader import Catalog, load_catalog
from powercat.catalog.profile import Profile
from powercat.i18n import Message
from powercat.safe import visible
from powercat.adopt.scaffold import (  # the steps `powercat new power` writes
    CODE_PREFIX,
    flow,
    template_steps,
)

CODE_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]*")


@dataclass(slots=True)
class RowOutcome:
    row: int  # the row number in the source (spreadsheet row, or item number in JSON)
    status: str  # written | exists | error
    message: Message | None = None  # why it was not imported
    code: str | None = None
    path: Path | None = None
    todos: list[tuple[int, str]] = field(default_factory=list)  # (line, text) still to fill in


@dataclass(slots=True)
class ImportResult:
    source: Path
    columns: dict[str, str] = field(default_factory=dict)  # source column -> powercat key
    unknown: list[str] = field(default_factory=list)  # columns with no meaning to powercat
    kept: list[str] = field(default_factory=list)  # known columns with no key: kept in comments
    rows: list[RowOutcome] = field(default_factory=list)

    @property
    def written(self) -> list[Path]:
        return [r.path for r in self.rows if r.status == "written" and r.path is not None]


# --- writing a power file ----------------------------------------------------------------

ORDER = ["code", "basic_code", "implementation_code", "name", "category", "status", "effective_from",
         "handling_unit", "leader", "legal_basis", "duties", "conditions", "materials", "time_limit", "fee",
         "service_commitment", "discipline", "accountability", "rights", "hearing", "supervision",
         "complaints", "disclosure"]
# the text the format requires and a source may lack: the placeholders `new power` writes too
TODO_TEXT = {key: ph.todo(ph.slot((key,)).label) for key in ("handling_unit", "leader")}  # type: ignore[union-attr]
# what a power still needs when the source lacks it (Chinese, for the head comment)
NEED = {"handling_unit": "承办机构", "leader": "主管领导", "legal_basis": "行使依据", "duties": "职责要求",
        "accountability": "责任追究", "statutory": "法定时限", "rights": "相对人的权利", "disclosure": "公开范围和公开时间"}
INTERNAL_OPTIONAL = {"statutory", "rights"}  # internal categories need no time limit or rights


def comment_lines(text: Any) -> list[str]:
    """``text`` as lines of a YAML comment: split at every line break a YAML reader knows (a lone
    CR, NEL, U+2028 ...), each control character shown as its escape, so no text of the source
    ever leaves its comment and becomes a key."""
    return [visible(line) for line in str(text).splitlines()] or [""]


def _comment(text: Any) -> str:
    return " ".join(comment_lines(text))


def _bases(bases: list[ParsedBasis]) -> CommentedSeq:
    seq = CommentedSeq()
    for b in bases:
        m = CommentedMap(law=b.law)
        m.update({k: flow(getattr(b, k)) for k in ("level", "article", "text") if getattr(b, k)})
        notes = [f"版本：{b.edition}"] * bool(b.edition) + b.notes + ["效力层级由名称推断，请核对"] * b.level_inferred
        if notes:
            m.yaml_add_eol_comment(_comment("；".join(notes)), "law")
        seq.append(m)
    return seq


def _procedures(profile: Profile, category: str, dept: dict[str, Any]) -> CommentedSeq | None:
    """The profile's general procedure of the category (as `powercat new power` writes it: the
    profile-only ``required`` dropped, step posts TODO with the department's post ids)."""
    template = profile.category(Category(category)).procedures.get("general")
    if template is None:
        return None
    posts = [str(p["id"]) for p in dept.get("posts") or [] if isinstance(p, dict) and "id" in p]
    return CommentedSeq([CommentedMap(kind="general", steps=template_steps(template.steps, posts))])


def document(values: dict[str, Any], profile: Profile, dept: dict[str, Any], source: str, row: int,
             extra: list[tuple[str, str]]) -> CommentedMap:
    """The power file of one row, with its head comment."""
    values = {**TODO_TEXT, **values}
    doc = CommentedMap()
    for key in ORDER:
        if key == "legal_basis" and key in values:
            doc[key] = _bases(values[key])
        elif isinstance(values.get(key), list):
            doc[key] = CommentedSeq(flow(v) for v in values[key])
        elif key in values:
            doc[key] = flow(values[key])
    procedures = _procedures(profile, values["category"], dept)
    if procedures is not None:
        doc["procedures"] = procedures
        doc.yaml_set_comment_before_after_key(
            "procedures", before="外部流程：按法律配置的标准程序预填，请按本事项实际办理流程修改步骤和时限，填写岗位")
    external = Category(values["category"]).external
    # a source cell of 无, - or / says nothing: still missing (PC110 reports it where a value is required)
    given = {k for k, v in values.items() if not ph.is_placeholder(v)} | set(values.get("time_limit", {}))
    missing = [name for key, name in NEED.items() if key not in given and (external or key not in INTERNAL_OPTIONAL)]
    head = ["yaml-language-server: $schema=../../../schemas/power.schema.json",
            f"由 powercat import 从 {_comment(source)} 第 {row} 行导入。把 TODO 换成实际内容，然后运行 powercat validate 检查。"]
    if missing:
        head.append("源表未提供、需补充：" + "、".join(missing) + "、办理流程的岗位")
    if extra:
        head.append("源表中本格式没有对应键的内容(原样保留)：")
        for name, value in extra:
            first, *rest = comment_lines(value)
            head += [f"  {_comment(name)}：{first}", *(f"    {line}" for line in rest)]
    doc.yaml_set_start_comment("\n".join(head))
    return doc


def dump(doc: CommentedMap) -> str:
    y = YAML()
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    buf = io.StringIO()
    y.dump(doc, buf)
    return buf.getvalue()


def todos(text: str) -> list[tuple[int, str]]:
    """(line, text) of every TODO outside comments."""
    return ph.todo_lines(text)


# --- import ------------------------------------------------------------------------------

@dataclass(slots=True)
class Target:
    root: Path
    department: str
    folder: Path  # catalogs/<department>
    dept: dict[str, Any]
    taken: dict[str, Path]  # every power code in the catalogs -> its file
    named: dict[tuple[str, str], str]  # (name, category) -> code of this department's powers
    profile: Profile


def _target(catalog: Catalog, department: str) -> Target:
    root, catalogs = catalog.root, catalog.root / catalog.config.catalogs_dir
    rel = catalog.layout.departments.get(department, "")
    if not re.fullmatch(r"[a-z0-9-]+", department) or rel not in catalog.files or catalog.files[rel].problem == "missing":
        raise ImportError_("import.no_department", department=department, file=catalogs / department / "department.yaml")
    data = catalog.document(rel).data
    taken = {catalog.files[p].stem: root / p for _, p in catalog.layout.powers}
    named = {}
    for folder, path in catalog.layout.powers:
        power = catalog.document(path).data if folder == department else None
        if isinstance(power, dict) and isinstance(power.get("name"), str):  # unreadable files: validate says why
            named[(power["name"], str(power.get("category")))] = catalog.files[path].stem
    return Target(root, department, catalogs / department, data if isinstance(data, dict) else {}, taken, named,
                  catalog.profile)


def _code(d: Draft, target: Target, used: set[str]) -> str:
    """The source's 职权编码 when it can be a file name; else the code of this department's power
    of the same name and category (imported before); else ``XK-ZJJ-001`` (next free number)."""
    if d.source_code and CODE_RE.fullmatch(d.source_code):
        return d.source_code
    if d.source_code:
        d.extra.append(("职权编码(含文件名不能用的字符，已另行编号)", d.source_code))
    known = target.named.get((d.values["name"], d.values["category"]))
    if known:  # imported before without a code: the same file again
        return known
    head = f"{CODE_PREFIX[d.values['category']]}-{target.department.upper()}-"
    numbers = {int(c[len(head):]) for c in used if c.startswith(head) and c[len(head):].isdigit()}
    return f"{head}{max(numbers, default=0) + 1:03d}"


def _refusal(code: str, path: Path, target: Target, force: bool) -> Message | None:
    other = target.taken.get(code)
    if other is None or (force and other.resolve() == path.resolve()):
        return None
    where = other.relative_to(target.root).as_posix() if other.is_relative_to(target.root) else str(other)
    if other.resolve() == path.resolve():
        return Message("import.exists", where=where)
    return Message("import.code_taken", code=code, where=where)


def import_file(root: Path, source: Path, department: str, force: bool = False) -> ImportResult:
    """Read ``source``; write one power file per row into ``catalogs/<department>/powers``."""
    target = _target(load_catalog(root), department)
    rows = read_rows(source)
    names = list(dict.fromkeys(h for _, pairs in rows for h, _ in pairs))
    result = ImportResult(source, {h: COLUMN_KEY[h] for h in names if h in COLUMN_KEY},
                          [h for h in names if h not in COLUMN_KEY],
                          [h for h in names if COLUMN_KEY.get(h) == "_kept"])
    used, seen = set(target.taken), {}
    for number, pairs in rows:
        d = convert_row(pairs, target.dept)
        if d.error:
            result.rows.append(RowOutcome(number, "error", d.error))
            continue
        code = d.values["code"] = _code(d, target, used)
        path = target.folder / "powers" / f"{code}.yaml"
        refusal = _refusal(code, path, target, force) or (
            Message("import.code_repeated", code=code, row=seen[code]) if code in seen else None)
        if refusal:
            result.rows.append(RowOutcome(number, "exists" if code in target.taken else "error", refusal, code))
            continue
        seen[code] = number
        used.add(code)
        text = dump(document(d.values, target.profile, target.dept, source.name, number, d.extra))
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w" if force else "x", encoding="utf-8") as fh:  # "x": never overwrite
            fh.write(text)
        result.rows.append(RowOutcome(number, "written", None, code, path, todos(text)))
    return result

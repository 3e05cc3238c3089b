"""`powercat import`: power files from the lists departments already keep (JSON, CSV, XLSX).

    result = import_file(root, Path("清单.xlsx"), "zjj", dry_run=True, category="inspection",
                         mapping={"检查事项": "name"})
    result.written, result.unknown, result.rows

`read` reads the file into items (`shapes`: the header anywhere in the first 30 rows, merged
cells, 主项/子项, JSON at any depth), `convert` turns each into a power's values (the law library
splits the 依据 cells when the catalog has one), `document` writes the file. Each item is written
— or reported with its place and the reason — and a 子项's ``parent`` is its 主项's code when the
主项 is imported with it. Existing files are never overwritten unless ``force``; ``dry_run``
writes nothing and reports the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from powercat.adopt.convert import Draft, convert_row
from powercat.adopt.document import document, dump, missing
from powercat.adopt.fields import FIELDS, Columns, MapError
from powercat.adopt.lawmatch import KnownLaws
from powercat.adopt.read import ImportError_, read_items
from powercat.adopt.scaffold import CODE_PREFIX
from powercat.adopt.shapes import Row
from powercat.i18n import t
from powercat.catalog import placeholders as ph
from powercat.catalog.enums import Category
from powercat.catalog.loader import Catalog, load_catalog
from powercat.catalog.profile import Profile

CODE_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z-]*")


@dataclass(slots=True)
class RowOutcome:
    row: int  # the spreadsheet's row, or the item's place in the JSON (1, 2, …)
    status: str  # written | exists | error (with dry_run: would be written is "written")
    message: str = ""  # why not, in Chinese (``reason`` for other languages)
    code: str | None = None
    path: Path | None = None
    todos: list[tuple[int, str]] = field(default_factory=list)  # (line, text) still to fill in
    where: str = ""  # 第 5 行, 第 3 项(data[2].子项[0])
    reason: tuple[str, dict[str, Any]] | None = None
    draft: Draft | None = None
    item: Row | None = None

    def why(self, lang: str | None = None) -> str:
        return t(f"adopt.rows.{self.reason[0]}", lang, **self.reason[1]) if self.reason else self.message

    def place(self, lang: str | None = None) -> str:
        if self.item is not None and self.item.where:
            return t("adopt.report.item", lang, row=self.row, path=self.item.where)
        if self.item is not None and self.item.rows:
            return t("adopt.report.rows", lang, row=self.row, more="、".join(map(str, self.item.rows)))
        return t("adopt.report.row", lang, row=self.row)


@dataclass(slots=True)
class ImportResult:
    source: Path
    columns: dict[str, str] = field(default_factory=dict)  # source column -> powercat key
    unknown: list[str] = field(default_factory=list)  # columns with no meaning to powercat
    kept: list[str] = field(default_factory=list)  # known columns with no key: kept in comments
    rows: list[RowOutcome] = field(default_factory=list)
    dry_run: bool = False
    profile: Profile | None = None

    @property
    def written(self) -> list[Path]:
        return [r.path for r in self.rows if r.status == "written" and r.path is not None and not self.dry_run]

    @property
    def imported(self) -> list[RowOutcome]:
        """The items written (or, in a dry run, that would be)."""
        return [r for r in self.rows if r.status == "written" and r.draft is not None]


# --- the target department ------------------------------------------------------------------

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
        raise ImportError_("no_department", department=department, file=str(catalogs / department / "department.yaml"))
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
    prefix = CODE_PREFIX.get(d.values["category"], "QT")
    head = f"{prefix}-{target.department.upper()}-"
    numbers = {int(c[len(head):]) for c in used if c.startswith(head) and c[len(head):].isdigit()}
    return f"{head}{max(numbers, default=0) + 1:03d}"


def _refusal(code: str, path: Path, target: Target, force: bool) -> tuple[str, dict[str, Any]] | None:
    other = target.taken.get(code)
    if other is None or (force and other.resolve() == path.resolve()):
        return None
    where = other.relative_to(target.root).as_posix() if other.is_relative_to(target.root) else str(other)
    return ("exists", {"where": where}) if other.resolve() == path.resolve() else ("code_taken", {"code": code, "where": where})


def _check_category(category: str | None) -> str | None:
    if category is None:
        return None
    from powercat.adopt.cells import parse_category

    found = parse_category(category)
    if found is None:
        raise ImportError_("bad_category", value=category, choices=", ".join(Category.__members__))
    return found


def _columns(mapping: dict[str, str] | None) -> Columns:
    try:
        return Columns.of(mapping)
    except MapError as exc:
        raise ImportError_("bad_map", value=str(exc), fields=", ".join(k for k in FIELDS if not k.startswith("_"))) from None


# --- import ------------------------------------------------------------------------------------

def _describe(result: ImportResult, items: list[Row], columns: Columns) -> None:
    names = list(dict.fromkeys(h for item in items for h, _ in item.pairs))
    result.columns = {h: k for h in names if (k := columns.key(h)) is not None}
    result.unknown = [h for h in names if columns.key(h) is None]
    result.kept = [h for h in names if columns.key(h) == "_kept"]


def _resolve_parents(outcomes: list[RowOutcome]) -> None:
    """A 子项's parent: its 主项's code when the 主项 is imported with it, else the 主项's name."""
    codes = {(o.draft.values.get("name")): o.code for o in outcomes if o.draft is not None and o.code}
    for o in outcomes:
        d = o.draft
        if d is not None and d.parent_name and not d.values.get("parent"):
            d.values["parent"] = codes.get(d.parent_name) or d.parent_name


def import_file(root: Path, source: Path, department: str, force: bool = False, *, dry_run: bool = False,
                category: str | None = None, mapping: dict[str, str] | None = None,
                laws: list[Path] | None = None) -> ImportResult:
    """Read ``source``; write one power file per item into ``catalogs/<department>/powers``."""
    catalog = load_catalog(root, laws=laws)
    target = _target(catalog, department)
    columns, default = _columns(mapping), _check_category(category)
    items = read_items(source, columns)
    known = KnownLaws.of(catalog.laws)
    result = ImportResult(source, dry_run=dry_run, profile=target.profile)
    _describe(result, items, columns)
    used, seen = set(target.taken), {}
    for item in items:
        d = convert_row(item, target.dept, columns, known, default)
        outcome = RowOutcome(item.number, "error", item=item, draft=d)
        outcome.where = outcome.place("zh-CN")
        result.rows.append(outcome)
        if d.error:
            outcome.reason, outcome.draft = d.error, None
            continue
        code = d.values["code"] = _code(d, target, used)
        path = target.folder / "powers" / f"{code}.yaml"
        refusal = _refusal(code, path, target, force) or (
            ("code_repeated", {"code": code, "other": seen[code]}) if code in seen else None)
        outcome.code = code
        if refusal:
            outcome.status = "exists" if code in target.taken else "error"
            outcome.reason, outcome.draft = refusal, None
            continue
        seen[code], outcome.status, outcome.path = outcome.where, "written", path
        used.add(code)
    _resolve_parents(result.rows)
    for outcome in result.imported:
        text = dump(document(outcome.draft, target.profile, target.dept, source.name, outcome.where))
        outcome.todos = ph.todo_lines(text)
        if not dry_run:
            outcome.path.parent.mkdir(parents=True, exist_ok=True)
            with open(outcome.path, "w" if force else "x", encoding="utf-8") as fh:  # "x": never overwrite
                fh.write(text)
    for outcome in result.rows:
        outcome.message = outcome.why("zh-CN") if outcome.reason else ""
    return result


def still_missing(outcome: RowOutcome, profile: Profile) -> list[str]:
    """What an imported item still lacks (the 需补充 list of its file)."""
    d = outcome.draft
    return missing({**d.values, **({"legal_basis": d.bases} if d.bases else {})}, profile) if d is not None else []

"""Scaffolding: `powercat init`, `powercat new power` and `powercat codeowners`.

    init_repo(Path("my-catalog"))                       # a working catalog repository
    new_power(root, department="zjj", category="licensing")  # a power file from the profile
    write_codeowners(root)                               # .github/CODEOWNERS from [codeowners]

Templates live in ``powercat/data/init``: ``repo/`` is copied by init (a path segment
``dot-x`` becomes ``.x``, so packaging keeps it; the CI files name the GitHub Action and the
pre-commit hook pinned to the commit this powercat came from, ``adopt.pin``), ``power.yaml`` is the commented skeleton of a
new power, filled from the profile's standard procedure with ruamel.yaml (comments kept). Its
values still to write are a bare ``TODO``: the placeholder text and its hint comment come from
``powercat.catalog.placeholders`` (the one table PC110 reads too).
"""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from powercat.catalog import placeholders as ph
from powercat.adopt.codeowners import CODEOWNERS, ScaffoldError, write_codeowners  # noqa: F401 (re-exported)
from powercat.catalog.config import CONFIG_NAME
from powercat.catalog.enums import Category
from powercat.catalog.loader import Catalog, load_catalog
from powercat.catalog.profile import Profile
from powercat.i18n import Message
from powercat.adopt.pin import ci_pin, fill_in

DATA = resources.files("powercat") / "data" / "init"

# the prefix of generated codes, by category (docs/review.md lists them)
CODE_PREFIX = {
    "licensing": "XK", "penalty": "CF", "coercion": "QZ", "levy": "ZS", "payment": "JF",
    "inspection": "JC", "confirmation": "QR", "reward": "JL", "adjudication": "CJ", "other": "QT",
    "public_service": "GG", "non_licensing_approval": "SP", "fee": "SF",
    "major_decision": "ZD", "internal_management": "NB",
}


# comment lines above the keys that `new power` fills from the profile
BEFORE = {
    "time_limit": "办理时限：statutory 法定时限，promised 承诺时限(不得长于法定)，extension 经批准可延长的期限\n"
                  "unit: working 工作日 · natural 自然日；当场办结的写 on_the_spot",
    "rights": "相对人的权利：已按法律配置列出本类别必备的权利，可补充 note(说明)",
    "disclosure": "公开：scope 公开范围，timing 公开时间，carriers 公开载体",
    "procedures": "外部流程：标准程序的步骤；post 填 department.yaml 中的岗位 id，time_limit 为本环节时限",
}


# --- CODEOWNERS ------------------------------------------------------------------------------

@dataclass(slots=True)
class InitResult:
    root: Path
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # existed already: left alone
    warnings: list[Message] = field(default_factory=list)
    git: bool = False  # a git repository was created
    pin: dict[str, str] = field(default_factory=dict)  # the CI files' placeholders (ci_pin)


def _templates(node: Traversable, rel: str = "") -> list[tuple[str, Traversable]]:
    out = []
    for entry in sorted(node.iterdir(), key=lambda e: e.name):
        name = "." + entry.name[4:] if entry.name.startswith("dot-") else entry.name
        path = f"{rel}{name}"
        out += _templates(entry, path + "/") if entry.is_dir() else [(path, entry)]
    return out


def _git_init(target: Path) -> bool:
    try:
        inside = subprocess.run(["git", "-C", str(target), "rev-parse", "--is-inside-work-tree"],
                                capture_output=True, check=False)
        if inside.returncode == 0:
            return False
        done = subprocess.run(["git", "init", "-q", "-b", "main", str(target)], capture_output=True, check=False)
    except FileNotFoundError:
        return False
    return done.returncode == 0


def init_repo(target: Path, title: str = "行政权力公开", git: bool = True) -> InitResult:
    """Create a catalog repository in ``target``; refuses when powercat.toml exists there.

    Existing files are never overwritten: they are listed in ``skipped``.
    """
    if (target / CONFIG_NAME).exists():
        raise ScaffoldError("init.exists", path=target / CONFIG_NAME)
    if target.exists() and not target.is_dir():
        raise ScaffoldError("init.not_a_folder", path=target)
    target.mkdir(parents=True, exist_ok=True)
    result = InitResult(target)
    result.pin, result.warnings = ci_pin()
    for rel, entry in _templates(DATA / "repo"):
        dest = target / rel
        if dest.exists():
            result.skipped.append(rel)
            continue
        text = fill_in(entry.read_text(encoding="utf-8"), result.pin, title)
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
        result.written.append(rel)
    if not (target / "schemas").exists():
        from powercat.catalog.schema import write_schemas

        result.written += [p.relative_to(target).as_posix() for p in write_schemas(target / "schemas")]
    if (target / CODEOWNERS).exists():
        result.skipped.append(CODEOWNERS.as_posix())
    else:
        _, owners = write_codeowners(target)
        result.written.append(CODEOWNERS.as_posix())
        result.warnings += owners.warnings
    result.git = git and _git_init(target)
    return result


# --- new power -------------------------------------------------------------------------------

@dataclass(slots=True)
class NewPower:
    path: Path
    code: str
    todos: list[tuple[int, str]]  # (line, text) still to fill in


def _yaml() -> YAML:
    y = YAML()  # round-trip: keeps the skeleton's comments
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 4096
    return y


def flow(value: Any) -> Any:
    """``value`` for ruamel.yaml in flow style ({a: 1}, [x, y]); multi-line text as a | block."""
    if isinstance(value, dict):
        m = CommentedMap((k, flow(v)) for k, v in value.items())
        m.fa.set_flow_style()
        return m
    if isinstance(value, list):
        s = CommentedSeq(flow(v) for v in value)
        s.fa.set_flow_style()
        return s
    return LiteralScalarString(value) if isinstance(value, str) and "\n" in value else value


def existing_codes(catalog: Catalog) -> set[str]:
    return {catalog.files[rel].stem for _, rel in catalog.layout.powers}


def next_code(catalog: Catalog, department: str, category: str) -> str:
    """``XK-ZJJ-001``: the category's prefix, the department, the next free number."""
    head = f"{CODE_PREFIX[category]}-{department.upper()}-"
    taken = {int(c[len(head):]) for c in existing_codes(catalog) if c.startswith(head) and c[len(head):].isdigit()}
    return f"{head}{max(taken, default=0) + 1:03d}"


def template_steps(profile_steps: list[Any], posts: list[str]) -> CommentedSeq:
    """The steps of a profile procedure as a new power file writes them: each with ``role`` (the
    template step's id, so the rules recognise it whatever it is renamed to), posts TODO (with
    the department's post ids as a hint), the profile-only keys (``required``, ``statutory``,
    ``aliases``, ``for_types``) dropped. Used by `import` too."""
    seq = CommentedSeq()
    hint = ph.post_hint(posts)
    for step in profile_steps:
        data = step.model_dump(mode="json", exclude_none=True, exclude_defaults=True,
                               exclude={"required", "statutory", "aliases", "for_types"})
        data["role"] = step.role or step.id
        m = CommentedMap()
        for key in ("id", "name", "role", "type", "actor", "counted", "counted_basis"):
            if key in data:
                m[key] = data[key]
        if step.type.value in ("task", "decision") and not step.actor:
            m["post"] = ph.todo()
            m.yaml_add_eol_comment(hint, "post")
        if "next" in data:  # an edge without a condition is written as the plain step id
            data["next"] = [n["to"] if isinstance(n, dict) and set(n) == {"to"} else n for n in data["next"]]
        for key in ("time_limit", "rights", "documents", "next"):
            if key in data:
                m[key] = flow(data[key])
        seq.append(m)
    return seq


def _department_posts(catalog: Catalog, department: str) -> list[str]:
    rel = catalog.layout.departments.get(department, f"{catalog.config.catalogs_dir}/{department}/department.yaml")
    if rel not in catalog.files or catalog.files[rel].problem == "missing":
        raise ScaffoldError("init.no_department", department=department, file=catalog.root / rel)
    data = catalog.document(rel).data
    posts = data.get("posts") if isinstance(data, dict) else None
    return [str(p["id"]) for p in posts or [] if isinstance(p, dict) and "id" in p]


def _todo(path: tuple[Any, ...]) -> str:
    found = ph.slot(path)
    return ph.todo(found.label if found else "")


def _placeholders(node: Any, path: tuple[Any, ...], owner: Any = None) -> None:
    """Every bare ``TODO`` of the template -> its placeholder text, with the slot's hint as the
    comment of its key (of the list's key for an item of a list: ``conditions: [TODO 办理条件]``).
    ``owner`` is the mapping that holds ``node`` (under ``path[-1]``)."""
    if isinstance(node, CommentedMap):
        items: Any = node.items()
    elif isinstance(node, CommentedSeq):
        items = enumerate(node)
    else:
        return
    for key, value in list(items):
        if value != ph.MARKER:
            _placeholders(value, (*path, key), node if isinstance(node, CommentedMap) else owner)
            continue
        node[key] = _todo((*path, key))
        found = ph.slot((*path, key))
        if found and found.hint:
            at, holder = (key, node) if isinstance(node, CommentedMap) else (path[-1], owner)
            _eol_comment(holder, at, found.hint)


def _eol_comment(m: CommentedMap, key: Any, text: str) -> None:
    """``# text`` after ``key``'s value, keeping the comment lines that follow it in the template
    (ruamel keeps them in the same token: ``leader: TODO`` owns ``# 行使依据：…`` below it)."""
    token = m.ca.items.get(key, [None] * 4)[2]
    if token is not None and token.value.startswith("\n"):
        token.value = f"# {text}" + token.value
    else:
        m.yaml_add_eol_comment(f"# {text}", key, column=0)


def _fill(doc: CommentedMap, category: Category, kind: str, code: str, profile: Profile, posts: list[str]) -> None:
    cat = profile.category(category)
    if kind not in cat.procedures:
        raise ScaffoldError("init.no_procedure", category=category.value, kind=kind, kinds=list(cat.procedures) or "—")
    doc["code"], doc["category"] = code, category.value
    if cat.max_statutory is not None:
        doc["time_limit"] = CommentedMap(statutory=flow(cat.max_statutory.model_dump(mode="json")))
        doc["time_limit"]["basis"] = ph.limit_basis(cat.max_source)
    elif category.external:  # no maximum in the profile: the staff write the law's own limit
        doc["time_limit"] = CommentedMap(basis=ph.limit_basis(None))
        doc["time_limit"].yaml_set_comment_before_after_key("basis", before=ph.STATUTORY_COMMENT, indent=2)
    else:
        del doc["time_limit"]
        risk = ("risks", 0)
        doc.insert(len(doc), "risks", CommentedSeq([flow(
            {"description": _todo((*risk, "description")), "level": "medium",
             "controls": [_todo((*risk, "controls", 0))]})]))
    types = [r.type.value for r in cat.required_rights]
    if category in profile.adverse.categories:  # PC402: an adverse decision needs statement, defense
        types += ["statement", "defense"]
    if category.external:  # PC404: the remedies
        types += ["reconsideration", "litigation"]
    types = list(dict.fromkeys(types))
    doc["rights"] = CommentedSeq(flow({"type": t}) for t in types)
    doc["disclosure"] = flow(_disclosure(category, profile))
    template = cat.procedures[kind]
    procedure = CommentedMap(kind=kind)
    if template.name:  # the statute's own name (行政处罚法: 普通程序)
        procedure["name"] = template.name
    procedure["steps"] = template_steps(template.steps, posts)
    doc["procedures"] = CommentedSeq([procedure])
    if not category.external:
        for key in ("conditions", "materials"):
            del doc[key]
    if category not in profile.service_guide.categories:  # PC607: the powers people apply for
        del doc["guide"]
    for key, comment in BEFORE.items():
        if key in doc:
            doc.yaml_set_comment_before_after_key(key, before=comment)


def _disclosure(category: Category, profile: Profile) -> dict[str, Any]:
    """Every result timely (20 days: 政府信息公开条例第二十六条) where 第二十条 asks for them all."""
    if not category.external:
        return {"scope": "internal", "timing": "long_term", "carriers": ["briefing"]}
    duty = profile.category(category).disclosure
    timely = {"timing": "timely", "within_days": 20} if duty and duty.results == "all" else {"timing": "long_term"}
    return {"scope": "public", **timely, "carriers": ["website", "service_guide"]}


def new_power(root: Path, department: str, category: str, procedure: str = "general",
              code: str | None = None) -> NewPower:
    """Write ``catalogs/<department>/powers/<code>.yaml``; refuses to overwrite or reuse a code."""
    try:
        cat = Category(category)
    except ValueError:
        raise ScaffoldError("init.bad_category", category=category, choices=", ".join(c.value for c in Category)) from None
    catalog = load_catalog(root)
    posts = _department_posts(catalog, department)
    code = code or next_code(catalog, department, cat.value)
    if not re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z-]*", code):
        raise ScaffoldError("init.bad_code", code=code)
    path = catalog.root / catalog.config.catalogs_dir / department / "powers" / f"{code}.yaml"
    if path.exists() or code in existing_codes(catalog):
        raise ScaffoldError("init.code_exists", code=code, path=path)
    yaml = _yaml()
    doc = yaml.load((DATA / "power.yaml").read_text(encoding="utf-8"))
    _placeholders(doc, ())
    _fill(doc, cat, procedure, code, catalog.profile, posts)
    buf = io.StringIO()
    yaml.dump(doc, buf)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as fh:  # "x": never overwrite, even in a race
        fh.write(buf.getvalue())
    return NewPower(path, code, ph.todo_lines(buf.getvalue(), comments=True))

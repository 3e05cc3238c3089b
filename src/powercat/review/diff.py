"""`powercat diff`: a semantic diff of the catalogs between two git revisions.

    result = diff_catalogs(Path("."), "origin/main")        # HEAD omitted: the working tree
    result.summary()["weakening"]

Powers are matched by ``code`` (a moved or renamed file is one power, not a delete and an add),
departments by folder. Each changed field is reported with its old and new value, and changes
that weaken the citizen's position are flagged by the declared table ``WEAKENINGS`` through the
checks in ``CHECKS`` — computed from data and the profile (time limits compared in working-day
equivalents), never from ad-hoc conditions elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pydantic import ValidationError

from powercat.catalog.loader import Catalog, load_catalog
from powercat.catalog.model import Days
from powercat.catalog.profile import Profile
from powercat.i18n import t
from powercat.review.added import legal_fields, review_kinds
from powercat.review.items import Item, items


# --- what counts as weakening (docs/review.md explains each with the law) ------------------

@dataclass(frozen=True, slots=True)
class Weakening:
    """A kind of weakening; its title and legal reason are in the locale files
    (``diff.weakenings.<kind>``)."""

    kind: str

    def title(self, lang: str | None = None) -> str:
        return t(f"diff.weakenings.{self.kind}.title", lang)

    def law(self, lang: str | None = None) -> str:
        """Why it matters, with the article."""
        return t(f"diff.weakenings.{self.kind}.law", lang)


WEAKENINGS: dict[str, Weakening] = {k: Weakening(k) for k in (
    "power_removed", "power_repealed", "limit_longer", "limit_removed", "right_removed", "step_rights_removed",
    "fee_added", "fee_changed", "disclosure_narrowed", "disclosure_delayed", "disclosure_later", "carriers_removed", "basis_removed", "hearing_dropped",
    "channel_removed",
)}

SCOPE_RANK = {"public": 0, "limited": 1, "internal": 2, "leadership": 3}
TIMING_RANK = {"long_term": 0, "timely": 1, "periodic": 2}  # always there, within days, now and then
_EMPTY = (None, "", [], {})

Ctx = tuple[dict[str, Any], dict[str, Any], Profile]  # old document, new document, profile
Check = Callable[[Any, Any, Ctx], bool]


def _limit(value: Any) -> Any:
    if value == "on_the_spot":
        return value
    try:
        return Days.model_validate(value)
    except ValidationError:
        return None


def _longer(old: Any, new: Any, ctx: Ctx) -> bool:
    a, b = _limit(old), _limit(new)
    return a is not None and b is not None and ctx[2].to_working_days(b) > ctx[2].to_working_days(a) + 1e-9


def _removed(old: Any, new: Any, ctx: Ctx) -> bool:
    return old not in _EMPTY and new in _EMPTY


def _lost_items(old: Any, new: Any, ctx: Ctx) -> bool:
    return bool(set(map(str, old or [])) - set(map(str, new or [])))


def _step_with_rights_removed(old: Any, new: Any, ctx: Ctx) -> bool:
    return new in _EMPTY and isinstance(old, dict) and bool(old.get("rights"))


def _procedure_with_rights_removed(old: Any, new: Any, ctx: Ctx) -> bool:
    steps = old.get("steps") if isinstance(old, dict) else None
    return new in _EMPTY and isinstance(steps, list) and any(
        isinstance(s, dict) and s.get("rights") for s in steps)


def _became_true(old: Any, new: Any, ctx: Ctx) -> bool:
    return old is not True and new is True


def _became_false(old: Any, new: Any, ctx: Ctx) -> bool:
    return old is True and new is not True


def _charged(doc: dict[str, Any]) -> bool:
    fee = doc.get("fee")
    return isinstance(fee, dict) and fee.get("charged") is True


def _changed_while_charged(old: Any, new: Any, ctx: Ctx) -> bool:
    return _charged(ctx[0]) and _charged(ctx[1])


def _narrower(old: Any, new: Any, ctx: Ctx) -> bool:
    return SCOPE_RANK.get(str(new), 99) > SCOPE_RANK.get(str(old), 99) and old in SCOPE_RANK


def _later(old: Any, new: Any, ctx: Ctx) -> bool:
    return old in TIMING_RANK and new in TIMING_RANK and TIMING_RANK[new] > TIMING_RANK[old]


def _more(old: Any, new: Any, ctx: Ctx) -> bool:
    return isinstance(old, int) and (new is None or (isinstance(new, int) and new > old))


def _left_active(old: Any, new: Any, ctx: Ctx) -> bool:
    return old == "active" and new in ("repealed", "suspended")


# (field pattern, weakening kind, test): the first matching entry flags a change
CHECKS: list[tuple[str, str, Check]] = [
    *[(f"time_limit.{k}", "limit_longer", _longer) for k in ("statutory", "promised", "extension")],
    *[(f"time_limit.{k}", "limit_removed", _removed) for k in ("statutory", "promised", "extension")],
    ("rights[*]", "right_removed", _removed),
    ("procedures[*].steps[*].rights", "step_rights_removed", _lost_items),
    ("procedures[*].steps[*]", "step_rights_removed", _step_with_rights_removed),
    ("procedures[*]", "step_rights_removed", _procedure_with_rights_removed),
    ("fee.charged", "fee_added", _became_true),
    ("fee.standard", "fee_changed", _changed_while_charged),
    ("disclosure.scope", "disclosure_narrowed", _narrower),
    ("disclosure.within_days", "disclosure_delayed", _more),
    ("disclosure.timing", "disclosure_later", _later),
    ("disclosure.carriers", "carriers_removed", _lost_items),
    ("legal_basis[*]", "basis_removed", _removed),
    ("hearing", "hearing_dropped", _became_false),
    ("status", "power_repealed", _left_active),
    *[(f"{k}[*]", "channel_removed", _removed) for k in ("supervision", "complaints", "consultation")],
]


def _pattern(p: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(p).replace(r"\[\*\]", r"\[[^\]]*\]") + "$")


_CHECKS = [(_pattern(p), kind, test) for p, kind, test in CHECKS]


def weakening_of(fld: str, old: Any, new: Any, ctx: Ctx) -> str | None:
    """The weakening kind of one field change, or None."""
    for rx, kind, test in _CHECKS:
        if rx.match(fld) and test(old, new, ctx):
            return kind
    return None


# --- results -------------------------------------------------------------------------------

@dataclass(slots=True)
class Change:
    field: str  # e.g. "time_limit.promised", "rights[hearing]", "procedures[general].steps[review].rights"
    old: Any
    new: Any
    weakening: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new, "weakening": self.weakening}


@dataclass(slots=True)
class ItemDiff:
    """One power (key = code) or department (key = folder id) that differs."""

    key: str
    status: str  # added | removed | changed | renamed
    file: str | None
    old_file: str | None
    name: str
    department: str
    changes: list[Change] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    reviews: list[str] = field(default_factory=list)  # review.added.REVIEWS kinds: for the 法制审核

    @property
    def weakenings(self) -> list[Change]:
        return [c for c in self.changes if c.weakening]


@dataclass(slots=True)
class CatalogDiff:
    base: str
    head: str | None  # None: the working tree
    base_commit: str | None
    head_commit: str | None
    powers: list[ItemDiff] = field(default_factory=list)
    departments: list[ItemDiff] = field(default_factory=list)

    @property
    def weakened(self) -> bool:
        return any(i.weakenings for i in (*self.powers, *self.departments))

    def summary(self) -> dict[str, int]:
        count = lambda s: sum(1 for p in self.powers if p.status == s)  # noqa: E731
        return {
            "added": count("added"), "removed": count("removed"), "changed": count("changed"),
            "renamed": count("renamed"),
            "repealed": sum(1 for p in self.powers for c in p.changes if c.weakening == "power_repealed"),
            "weakening": sum(len(i.weakenings) for i in (*self.powers, *self.departments)),
            "weakened_powers": sum(1 for p in self.powers if p.weakenings),
            "departments_changed": len(self.departments),
            "problems": sum(len(i.problems) for i in (*self.powers, *self.departments)),
            "legal_review": sum(1 for p in self.powers if p.reviews),
        }


# --- comparing -------------------------------------------------------------------------------

# lists whose items are matched by a key (so a reordered list is no change), by field pattern
KEYED: dict[str, Callable[[dict[str, Any]], str]] = {
    "rights": lambda r: str(r.get("type", "")),
    "legal_basis": lambda b: " ".join(str(b[k]) for k in ("law", "article") if b.get(k)),
    "supervision": lambda c: str(c.get("name", "")),
    "complaints": lambda c: str(c.get("name", "")),
    "consultation": lambda c: str(c.get("name", "")),
    "posts": lambda p: str(p.get("id", "")),
    "procedures": lambda p: str(p.get("kind", "")),
    "procedures[*].steps": lambda s: str(s.get("id", "")),
    "internal": lambda r: str(r.get("step", "")),
    "materials": str,  # each material added or removed is a change of its own
    "conditions": str,
}
_KEYED = [(_pattern(p), fn) for p, fn in KEYED.items()]


def _join(path: str, seg: str) -> str:
    return path + seg if seg.startswith("[") or not path else f"{path}.{seg}"


def _keyer(path: str) -> Callable[[dict[str, Any]], str] | None:
    return next((fn for rx, fn in _KEYED if rx.match(path)), None)


def _by_key(items: list[Any], keyer: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for i, item in enumerate(items):
        key = keyer(item) if isinstance(item, dict) else str(item)
        key = (key or str(i)).replace("[", "(").replace("]", ")")
        n, base = 2, key
        while key in out:
            key, n = f"{base}#{n}", n + 1
        out[key] = item
    return out


def _is_limit(v: Any) -> bool:
    return isinstance(v, dict) and bool(v) and set(v) <= {"days", "unit"}


def _same(a: Any, b: Any) -> bool:
    return (a in _EMPTY and b in _EMPTY) or (type(a) is type(b) and a == b)


def diff_values(path: str, old: Any, new: Any, out: list[tuple[str, Any, Any]]) -> None:
    """Append (field, old, new) for every difference below ``path``."""
    if _same(old, new):
        return
    item = path.endswith("]")
    dicts = [v for v in (old, new) if isinstance(v, dict)]
    if dicts and all(isinstance(v, dict) or (v is None and not item) for v in (old, new)) \
            and not any(_is_limit(v) for v in dicts):
        o, n = old or {}, new or {}
        for k in [*o, *(k for k in n if k not in o)]:
            diff_values(_join(path, str(k)), o.get(k), n.get(k), out)
        return
    keyer = _keyer(path)
    if keyer and all(isinstance(v, list) or v is None for v in (old, new)):
        o, n = _by_key(old or [], keyer), _by_key(new or [], keyer)
        for k in [*o, *(k for k in n if k not in o)]:
            diff_values(f"{path}[{k}]", o.get(k), n.get(k), out)
        return
    out.append((path, old, new))


def compare(old: Item, new: Item, profile: Profile) -> list[Change]:
    raw: list[tuple[str, Any, Any]] = []
    diff_values("", old.data, new.data, raw)
    ctx = (old.data, new.data, profile)
    return [Change(f, o, n, weakening_of(f, o, n, ctx)) for f, o, n in raw]


def _problems(*pairs: tuple[str, Item | None]) -> list[dict[str, Any]]:
    return [{"revision": side, "file": e.file, **e.problem} for side, e in pairs if e and e.problem]


def diff_items(old: dict[str, Item], new: dict[str, Item], profile: Profile,
               gone: tuple[str, str | None] = ("power", "power_removed")) -> list[ItemDiff]:
    """Added, removed, changed and renamed items; ``gone`` is the (field, weakening) of a removal."""
    items: list[ItemDiff] = []
    for key in sorted({*old, *new}):
        a, b = old.get(key), new.get(key)
        problems = _problems(("base", a), ("head", b))
        if a is None and b is not None:
            shown = [Change(f, None, v) for f, v in legal_fields(b.data, diff_values)] if gone[0] == "power" else []
            items.append(ItemDiff(key, "added", b.file, None, b.name, b.department, shown, problems,
                                  review_kinds(None, b.data) if gone[0] == "power" else []))
        elif b is None and a is not None:
            removal = Change(gone[0], a.name or key, None, gone[1])
            items.append(ItemDiff(key, "removed", None, a.file, a.name, a.department, [removal], problems))
        elif a is not None and b is not None:
            changes = compare(a, b, profile) if a.data and b.data else []
            status = "renamed" if a.file != b.file else "changed"
            if changes or problems or status == "renamed":
                reviews = review_kinds(a.data, b.data) if gone[0] == "power" else []
                items.append(ItemDiff(key, status, b.file, a.file if status == "renamed" else None,
                                      b.name or a.name, b.department, changes, problems, reviews))
    return items


def diff_loaded(base: Catalog, head: Catalog) -> CatalogDiff:
    """Compare two loaded catalogs (judged by the head's profile)."""
    # a file with the same bytes at the same path is the same item: only the rest is parsed
    same = {rel for rel, f in base.files.items() if f.raw is not None and
            (h := head.files.get(rel)) is not None and h.digest == f.digest}
    old_powers, old_depts = items(base, same)
    new_powers, new_depts = items(head, same)
    result = CatalogDiff(base.revision or "", head.revision, base.commit, head.commit)
    result.powers = diff_items(old_powers, new_powers, head.profile)
    # a department removed is reported; its powers are each flagged as removed
    result.departments = diff_items(old_depts, new_depts, head.profile, ("department", None))
    return result


def diff_catalogs(root: Path, base: str, head: str | None = None) -> CatalogDiff:
    """Compare the catalogs of ``base`` with ``head`` (None: the working tree) under ``root``.

    Raises GitError for a missing git, a folder that is no repository or a bad revision.
    """
    before = load_catalog(root, revision=base)
    after = load_catalog(root, revision=head)
    return diff_loaded(before, after)

"""CODEOWNERS for a catalog repository: each department folder owned by its legal reviewer (the
``legal_reviewer`` of its department.yaml, mapped to forge accounts in powercat.toml's
``[codeowners]``), so the legal-affairs check is the approval of a pull request."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from powercat.catalog.config import CONFIG_NAME
from powercat.catalog.loader import Catalog, load_catalog
from powercat.i18n import DEFAULT_LANG, Message

CODEOWNERS = Path(".github") / "CODEOWNERS"


BEGIN, END = "# BEGIN powercat codeowners", "# END powercat codeowners"


class ScaffoldError(Message):
    """init, new power or codeowners cannot proceed (the message says why): exit 2."""


@dataclass(slots=True)
class Owners:
    text: str
    warnings: list[Message] = field(default_factory=list)


def owner_map(root: Path) -> dict[str, list[str]]:
    """The [codeowners] table of powercat.toml: legal_reviewer text -> GitHub owners."""
    path = root / CONFIG_NAME
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("codeowners", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ScaffoldError(f"{path}: {exc}") from exc
    if not isinstance(table, dict):
        raise ScaffoldError("init.codeowners_table", path=path)
    out: dict[str, list[str]] = {}
    for reviewer, owners in table.items():
        owners = [owners] if isinstance(owners, str) else owners
        if not isinstance(owners, list) or not all(isinstance(o, str) and "@" in o for o in owners):
            raise ScaffoldError("init.codeowners_owners", path=path, reviewer=reviewer)
        out[reviewer.strip()] = owners
    return out


def _reviewer(catalog: Catalog, folder: str) -> str | None:
    rel = catalog.layout.departments[folder]
    data = catalog.document(rel).data if rel in catalog.files else None
    value = data.get("legal_reviewer") if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def codeowners_text(root: Path) -> Owners:
    """The generated block: one line per department folder, owners from [codeowners]."""
    catalog = load_catalog(root)
    config = catalog.config
    mapping = owner_map(root)
    lines = [BEGIN, "# 由 powercat codeowners 根据 powercat.toml 的 [codeowners] 和各部门 legal_reviewer 生成，",
             "# 请勿手改本段；每个部门目录的修改须经其法制审核人批准，其余一切(模板、登记、新部门)须经任一法制审核人"
             "批准；本段之后手写的行优先。"]
    result = Owners("")
    everyone: list[str] = []
    for folder in catalog.layout.departments:
        path = f"/{config.catalogs_dir.strip('/')}/{folder}/"
        reviewer = _reviewer(catalog, folder)
        owners = mapping.get(reviewer or "")
        if owners:
            lines.append(f"{path} {' '.join(owners)}")
            everyone += [o for o in owners if o not in everyone]
            continue
        why = Message("init.reviewer_unmapped", path=path, reviewer=reviewer) if reviewer \
            else Message("init.no_reviewer", path=path)
        lines.append(f"# {why.text(DEFAULT_LANG)}")  # the file is the repository's: in its language
        result.warnings.append(why)
    if everyone:  # settings, CI and everything else (templates/, records/, a new department): any legal reviewer
        lines[3:3] = [f"* {' '.join(everyone)}"]  # first: the last matching line wins, so the rest are narrower
        lines += [f"/{CONFIG_NAME} {' '.join(everyone)}", f"/.github/ {' '.join(everyone)}"]
    result.text = "\n".join([*lines, END]) + "\n"
    return result


def merged_codeowners(existing: str, block: str) -> str:
    """``block`` first, then ``existing`` without its old block: the block's catch-all ``*`` must
    come before every other line (the last matching line wins), so lines written by hand, after
    it, still decide for what they name."""
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.S)
    rest = pattern.sub("", existing, count=1).strip("\n")
    return block + ("\n" + rest + "\n" if rest else "")


def write_codeowners(root: Path, check: bool = False) -> tuple[bool, Owners]:
    """Write .github/CODEOWNERS; returns (changed, owners). With ``check`` nothing is written."""
    owners = codeowners_text(root)
    path = root / CODEOWNERS
    existing = path.read_text(encoding="utf-8") if path.is_file() else ""
    text = merged_codeowners(existing, owners.text)
    if text == existing:
        return False, owners
    if not check:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return True, owners


# --- init ------------------------------------------------------------------------------------


"""powercat.toml: site settings, the profile, rule severities and per-path overrides."""

from __future__ import annotations

import difflib
import fnmatch
import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from powercat.i18n import Message

CONFIG_NAME = "powercat.toml"
RULE_LEVELS = ("error", "warning", "info", "off")


class ConfigError(Message):
    """powercat.toml is missing, unreadable or wrong; the message says where."""


@dataclass(slots=True)
class Override:
    paths: list[str]
    rules: dict[str, str]

    def matches(self, rel: str) -> bool:
        return any(fnmatch.fnmatchcase(rel, pat) for pat in self.paths)


@dataclass(slots=True)
class Config:
    root: Path
    title: str = "行政权力公开"
    jurisdiction: str = ""
    base_url: str = ""
    site_lang: str = ""  # [site] lang: the language of the published site (default zh-CN)
    profile: str = "prc"
    lang: str = "zh-CN"
    catalogs_dir: str = "catalogs"
    records_dir: str = "records"
    baseline: str = "powercat-baseline.json"
    rules: dict[str, str] = field(default_factory=dict)
    overrides: list[Override] = field(default_factory=list)
    digest: str = ""

    def level_for(self, code: str, rel: str, default: str) -> str:
        """The configured severity (or "off") of ``code`` in file ``rel``."""
        level = self.rules.get(code, default)
        for ov in self.overrides:
            if code in ov.rules and ov.matches(rel):
                level = ov.rules[code]
        return level


def _rule_table(table: Any, where: str) -> dict[str, str]:
    from powercat.lint.rules import CODES  # the plain list of codes (no rule module is imported)

    if not isinstance(table, dict):
        raise ConfigError("config.not_a_table", where=where)
    for code, level in table.items():
        if code not in CODES:
            close = difflib.get_close_matches(code, CODES, n=1)
            if close:
                raise ConfigError("config.no_rule_suggest", where=where, code=code, suggestion=close[0])
            raise ConfigError("config.no_rule", where=where, code=code)
        if level not in RULE_LEVELS:
            raise ConfigError("config.bad_level", where=where, code=code, level=repr(level), levels=list(RULE_LEVELS))
    return dict(table)


def load_config(root: Path) -> Config:
    """Read ``root/powercat.toml``; a repository without one gets the defaults."""
    path = root / CONFIG_NAME
    if not path.exists():
        return Config(root=root)
    try:
        raw = path.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise ConfigError("config.unreadable", path=path, reason=exc.strerror) from exc
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError("config.bad_toml", path=path, detail=exc) from exc
    site, cat = data.get("site", {}), data.get("catalog", {})
    overrides = [
        Override(list(o.get("paths", [])), _rule_table(o.get("rules", {}), f"overrides[{i}].rules"))
        for i, o in enumerate(data.get("overrides", []))
    ]
    return Config(
        root=root,
        title=site.get("title", "行政权力公开"),
        jurisdiction=site.get("jurisdiction", ""),
        base_url=site.get("base_url", ""),
        site_lang=site.get("lang", ""),
        profile=cat.get("profile", "prc"),
        lang=cat.get("lang", "zh-CN"),
        catalogs_dir=cat.get("catalogs", "catalogs"),
        records_dir=cat.get("records", "records"),
        baseline=cat.get("baseline", "powercat-baseline.json"),
        rules=_rule_table(data.get("rules", {}), "[rules]"),
        overrides=overrides,
        digest=hashlib.sha256(raw).hexdigest(),
    )


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding powercat.toml (else ``start``)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return start

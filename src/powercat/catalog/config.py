"""powercat.toml: site settings, the profile, rule severities and per-path overrides."""

from __future__ import annotations

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
    bases: dict[str, str] = field(default_factory=dict)

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
    docs_url: str = ""  # [lint] docs_url: a rule's page, "{code}" replaced (default: origin.rule_page)
    laws: list[str] = field(default_factory=list)  # [laws] library: the law library's folders
    rules: dict[str, str] = field(default_factory=dict)
    rule_bases: dict[str, str] = field(default_factory=dict)  # code -> the local regulation a level rests on
    overrides: list[Override] = field(default_factory=list)
    digest: str = ""
    data_license: str = "CC-BY-4.0"  # [site] data_license: the open data's licence (an SPDX id)
    data_columns: str = "zh"  # [site] data_columns: the CSV's header row, zh (Chinese titles) or en (keys)

    def rule_codes(self) -> list[tuple[str, str]]:
        """(where in powercat.toml, code) of every rule code the settings name."""
        out = [("[rules]", code) for code in self.rules]
        return out + [(f"overrides[{i}].rules", code) for i, ov in enumerate(self.overrides) for code in ov.rules]

    def rule_settings(self) -> list[tuple[str, str, str, str]]:
        """(where, code, level, basis) of every rule level the settings give."""
        out = [("[rules]", c, lv, self.rule_bases.get(c, "")) for c, lv in self.rules.items()]
        return out + [(f"overrides[{i}].rules", c, lv, ov.bases.get(c, ""))
                      for i, ov in enumerate(self.overrides) for c, lv in ov.rules.items()]

    def level_for(self, code: str, rel: str, default: str) -> str:
        """The configured severity (or "off") of ``code`` in file ``rel``."""
        level = self.rules.get(code, default)
        for ov in self.overrides:
            if code in ov.rules and ov.matches(rel):
                level = ov.rules[code]
        return level


def _rule_table(table: Any, where: str) -> tuple[dict[str, str], dict[str, str]]:
    """A table of rule code -> level, or code -> {level, basis} naming the local regulation the
    level rests on: (levels, bases). Whether each code is a rule, and whether a rule without a
    statutory basis is raised to error with its basis named, is the linter's to say
    (``Config.rule_settings``, checked by ``powercat.lint``)."""
    if not isinstance(table, dict):
        raise ConfigError("config.not_a_table", where=where)
    levels: dict[str, str] = {}
    bases: dict[str, str] = {}
    for code, value in table.items():
        level = value.get("level") if isinstance(value, dict) else value
        basis = value.get("basis", "") if isinstance(value, dict) else ""
        if isinstance(value, dict) and (set(value) - {"level", "basis"} or not isinstance(basis, str)):
            raise ConfigError("config.bad_rule_table", where=where, code=code)
        if level not in RULE_LEVELS:
            raise ConfigError("config.bad_level", where=where, code=code, level=repr(level), levels=list(RULE_LEVELS))
        levels[code] = level
        if basis.strip():
            bases[code] = basis.strip()
    return levels, bases


def load_config(root: Path) -> Config:
    """Read ``root/powercat.toml``; a repository without one gets the defaults."""
    path = root / CONFIG_NAME
    if not path.exists():
        return Config(root=root)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError("config.unreadable", path=path, reason=exc.strerror) from exc
    return config_from_bytes(root, raw, str(path))


def _paths(table: Any, where: str) -> list[str]:
    """``[laws] library``: a path or a list of paths (relative to the root)."""
    value = table.get("library") if isinstance(table, dict) else None
    value = [value] if isinstance(value, str) else value
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError("config.laws_library", where=where)
    return list(value)


def _docs_url(table: Any, where: str) -> str:
    """``[lint] docs_url``: an http(s) address with ``{code}`` where the rule's code goes."""
    value = table.get("docs_url", "") if isinstance(table, dict) else ""
    if value == "":
        return ""
    if not isinstance(value, str) or not value.startswith(("https://", "http://")) or "{code}" not in value:
        raise ConfigError("config.docs_url", where=where, value=repr(value))
    return value


def config_from_bytes(root: Path, raw: bytes | None, where: str = CONFIG_NAME) -> Config:
    """The configuration in ``raw`` (powercat.toml as read from disk or a git revision)."""
    if raw is None:
        return Config(root=root)
    path = where
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError("config.bad_toml", path=path, detail=exc) from exc
    site, cat = data.get("site", {}), data.get("catalog", {})
    overrides = [
        Override(list(o.get("paths", [])), *_rule_table(o.get("rules", {}), f"overrides[{i}].rules"))
        for i, o in enumerate(data.get("overrides", []))
    ]
    rules, bases = _rule_table(data.get("rules", {}), "[rules]")
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
        docs_url=_docs_url(data.get("lint", {}), path),
        laws=_paths(data.get("laws", {}), path),
        rules=rules,
        rule_bases=bases,
        overrides=overrides,
        digest=hashlib.sha256(raw).hexdigest(),
        data_license=str(site.get("data_license", "CC-BY-4.0")),
        data_columns="en" if site.get("data_columns") == "en" else "zh",
    )


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` holding powercat.toml (else ``start``)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return start

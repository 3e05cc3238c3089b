"""Where the library is: ``--laws PATH`` (repeatable), else ``POWERCAT_LAWS`` (paths joined by
os.pathsep), else ``[laws] library`` (a path or a list) in powercat.toml at the repository root."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Mapping

from powercat.laws.scan import LibraryError

ENV = "POWERCAT_LAWS"
CONFIG = "powercat.toml"
HOW = ("没有配置法规库。请用 --laws 指定法规库文件夹，或设置环境变量 POWERCAT_LAWS，"
       "或在 powercat.toml 中写 [laws] library = \"法规库路径\" "
       "(no law library: use --laws PATH, set POWERCAT_LAWS, or add [laws] library = \"path\" to powercat.toml)")


def library_paths(options: list[Path] | None, root: Path | None,
                  environ: Mapping[str, str] = os.environ) -> list[Path]:
    """The library's roots; LibraryError (saying how to configure one) when none is given anywhere."""
    if options:
        return list(options)
    if environ.get(ENV, "").strip():
        return [Path(p) for p in environ[ENV].split(os.pathsep) if p.strip()]
    configured = configured_paths(root) if root else []
    if configured:
        return configured
    raise LibraryError(HOW)


def configured_paths(root: Path) -> list[Path]:
    """``[laws] library`` of ``root/powercat.toml``, relative paths taken from ``root``."""
    path = root / CONFIG
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LibraryError(f"{path}: 无法读取 ({exc})") from None
    value = data.get("laws", {}).get("library") if isinstance(data.get("laws"), dict) else None
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise LibraryError(f"{path}: [laws] library 应为路径或路径列表 (should be a path or a list of paths)")
    return [root / v for v in value]


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` with powercat.toml."""
    start = start.resolve()
    return next((folder for folder in (start, *start.parents) if (folder / CONFIG).is_file()), None)

"""Where the library is: ``--laws PATH`` (repeatable), else ``POWERCAT_LAWS`` (paths joined by
os.pathsep), else ``[laws] library`` (a path or a list) in powercat.toml at the repository root.
The settings are read by the catalog's loader (``powercat.catalog.loader.law_paths``); this module
says how to configure a library when there is none, and finds the repository root."""

from __future__ import annotations

from pathlib import Path

CONFIG = "powercat.toml"
HOW = ("没有配置法规库。请用 --laws 指定法规库文件夹，或设置环境变量 POWERCAT_LAWS，"
       "或在 powercat.toml 中写 [laws] library = \"法规库路径\" "
       "(no law library: use --laws PATH, set POWERCAT_LAWS, or add [laws] library = \"path\" to powercat.toml)")


def find_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` with powercat.toml."""
    start = start.resolve()
    return next((folder for folder in (start, *start.parents) if (folder / CONFIG).is_file()), None)

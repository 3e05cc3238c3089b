"""Where a catalog repository keeps its files (FORMAT.md section 1)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class Layout:
    root: Path
    departments: dict[str, Path] = field(default_factory=dict)  # folder -> department.yaml
    powers: list[tuple[str, Path]] = field(default_factory=list)  # (department folder, file)
    records: list[tuple[str, Path]] = field(default_factory=list)
    stats: dict[Path, os.stat_result] = field(default_factory=dict)  # taken while listing
    _rels: dict[Path, str] = field(default_factory=dict)

    def rel(self, path: Path) -> str:
        """``path`` relative to the root, with forward slashes."""
        known = self._rels.get(path)
        if known is not None:
            return known
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            try:
                return path.resolve().relative_to(self.root).as_posix()
            except ValueError:
                return path.as_posix()

    @property
    def files(self) -> int:
        return len([p for p in self.departments.values() if p.exists()]) + len(self.powers) + len(self.records)

    def _yaml_files(self, folder: Path, rel: str) -> list[Path]:
        """The YAML files of ``folder`` by name, remembering their stat and relative path."""
        try:
            entries = sorted((e for e in os.scandir(folder) if e.name.endswith(YAML_SUFFIXES)), key=lambda e: e.name)
        except OSError:
            return []
        out = []
        for entry in entries:
            try:
                st = entry.stat()
            except OSError:
                continue
            if not entry.is_file():
                continue
            path = folder / entry.name
            self.stats[path] = st
            self._rels[path] = f"{rel}/{entry.name}"
            out.append(path)
        return out


def _subfolders(folder: Path) -> list[str]:
    try:
        return sorted(e.name for e in os.scandir(folder) if e.is_dir() and not e.name.startswith("."))
    except OSError:
        return []


def discover(config: Config) -> Layout:
    """Every department, power and records file of the repository, in a stable order."""
    root = config.root.resolve()
    layout = Layout(root)
    cat_rel, rec_rel = Path(config.catalogs_dir).as_posix(), Path(config.records_dir).as_posix()
    for name in _subfolders(root / config.catalogs_dir):
        dept = root / config.catalogs_dir / name
        layout.departments[name] = dept / "department.yaml"
        layout._rels[dept / "department.yaml"] = f"{cat_rel}/{name}/department.yaml"
        layout.powers += [(name, f) for f in layout._yaml_files(dept / "powers", f"{cat_rel}/{name}/powers")]
    for name in _subfolders(root / config.records_dir):
        folder = root / config.records_dir / name
        layout.records += [(name, f) for f in layout._yaml_files(folder, f"{rec_rel}/{name}")]
    return layout

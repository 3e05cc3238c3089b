"""Where a catalog repository keeps its files (FORMAT.md section 1)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from powercat.catalog.config import Config

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(slots=True)
class Layout:
    root: Path
    departments: dict[str, Path] = field(default_factory=dict)  # folder -> department.yaml
    powers: list[tuple[str, Path]] = field(default_factory=list)  # (department folder, file)
    records: list[tuple[str, Path]] = field(default_factory=list)
    stats: dict[Path, os.stat_result] = field(default_factory=dict)  # taken while listing
    stray: list[tuple[str, str]] = field(default_factory=list)  # (relative path, why powercat skips it)
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

    def rel_files(self) -> list[str]:
        """Every file read (existing department files, powers, records), relative to the root."""
        files = [p for p in self.departments.values() if p.exists()]
        files += [p for _, p in self.powers] + [p for _, p in self.records]
        return [self.rel(p) for p in files]

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


def _files(folder: Path) -> list[str]:
    """Names of the visible files in ``folder`` (none when it does not exist)."""
    try:
        return sorted(e.name for e in os.scandir(folder) if e.is_file() and not e.name.startswith("."))
    except OSError:
        return []


RECORDS_NAME = re.compile(r"^\d{4}-\d{2}\.ya?ml$")


def _find_stray(layout: Layout, config: Config) -> None:
    """Files in the catalog folders that powercat does not read, each with the reason."""
    root, cat, rec = layout.root, config.catalogs_dir, config.records_dir
    cat_rel, rec_rel = Path(cat).as_posix(), Path(rec).as_posix()
    for name in _files(root / cat):
        layout.stray.append((f"{cat_rel}/{name}", "catalogs_root"))
    for dept in layout.departments:
        for name in _files(root / cat / dept):
            if name != "department.yaml":
                layout.stray.append((f"{cat_rel}/{dept}/{name}", "not_in_powers" if name.endswith(YAML_SUFFIXES) else "other"))
        for name in _files(root / cat / dept / "powers"):
            if not name.endswith(YAML_SUFFIXES):
                layout.stray.append((f"{cat_rel}/{dept}/powers/{name}", "not_yaml"))
    for dept in _subfolders(root / rec):
        names = _files(root / rec / dept)
        if dept not in layout.departments and names:
            layout.stray.append((f"{rec_rel}/{dept}/{names[0]}", "records_department"))
        for name in names:
            if not RECORDS_NAME.match(name):
                layout.stray.append((f"{rec_rel}/{dept}/{name}", "records_name"))


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
        layout.records += [(name, f) for f in layout._yaml_files(folder, f"{rec_rel}/{name}")
                           if RECORDS_NAME.match(f.name)]
    _find_stray(layout, config)
    return layout

"""Where a catalog repository keeps its files (FORMAT.md section 1)."""

from __future__ import annotations

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

    def rel(self, path: Path) -> str:
        """``path`` relative to the root, with forward slashes (paths found by discover())."""
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


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


def discover(config: Config) -> Layout:
    """Every department, power and records file of the repository, in a stable order."""
    root = config.root.resolve()
    layout = Layout(root)
    catalogs = root / config.catalogs_dir
    if catalogs.is_dir():
        for dept in sorted(p for p in catalogs.iterdir() if p.is_dir() and not p.name.startswith(".")):
            layout.departments[dept.name] = dept / "department.yaml"
            layout.powers += [(dept.name, f) for f in _yaml_files(dept / "powers")]
    records = root / config.records_dir
    if records.is_dir():
        for dept in sorted(p for p in records.iterdir() if p.is_dir()):
            layout.records += [(dept.name, f) for f in _yaml_files(dept)]
    return layout

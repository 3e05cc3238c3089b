"""Where a catalog repository keeps its files (FORMAT.md section 1), decided from a list of
paths: the same rules for the working tree and for a git revision.

    catalogs/<dept>/department.yaml
    catalogs/<dept>/powers/<CODE>.yaml
    records/<dept>/<YYYY-MM>.yaml

Every other file in those folders is *stray*: not read, each with the reason (PC109); so is a
file whose name is not UTF-8 (a GBK name): it is shown with its bytes escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from powercat.catalog.config import Config

YAML_SUFFIXES = (".yaml", ".yml")
RECORDS_NAME = re.compile(r"^\d{4}-\d{2}\.ya?ml$")


@dataclass(slots=True)
class Layout:
    """The files of a catalog, as paths relative to its root (forward slashes)."""

    departments: dict[str, str] = field(default_factory=dict)  # folder -> its department.yaml (may be missing)
    powers: list[tuple[str, str]] = field(default_factory=list)  # (department folder, file)
    records: list[tuple[str, str]] = field(default_factory=list)
    stray: list[tuple[str, str]] = field(default_factory=list)  # (file, why powercat does not read it)

    def files(self) -> list[tuple[str, str, str]]:
        """(kind, department folder, file) of every file to read: departments, powers, records."""
        out = [("department", f, rel) for f, rel in self.departments.items()]
        out += [("power", f, rel) for f, rel in self.powers]
        return out + [("records", f, rel) for f, rel in self.records]


def _visible(name: str) -> bool:
    return not name.startswith(".")


def _decodable(name: str) -> bool:
    """Whether a path is UTF-8 (a name in another encoding, such as GBK, arrives with surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(rel: str) -> str:
    """A path that is not UTF-8, as text that can be shown, cached and compared: its bytes
    beyond ASCII escaped (``catalogs/demo/powers/\\xd6\\xd0.yaml``)."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _place(layout: Layout, parts: list[str], rel: str) -> None:
    """Put one file under the catalogs folder (``parts``: its path below it) where it belongs."""
    if len(parts) == 1:
        layout.stray.append((rel, "catalogs_root"))
    elif len(parts) == 2:
        if parts[1] != "department.yaml":
            layout.stray.append((rel, "not_in_powers" if parts[1].endswith(YAML_SUFFIXES) else "other"))
    elif len(parts) == 3 and parts[1] == "powers":
        if parts[2].endswith(YAML_SUFFIXES):
            layout.powers.append((parts[0], rel))
        else:
            layout.stray.append((rel, "not_yaml"))


def classify(files: Iterable[str], folders: Iterable[str], config: Config) -> Layout:
    """The layout of a catalog from its files and its department folders (relative paths).

    ``folders`` names the folders directly under the catalogs folder (a department folder with
    no file yet still counts: its department.yaml is missing); hidden files and folders are skipped.
    """
    cat, rec = config.catalogs_dir.strip("/") + "/", config.records_dir.strip("/") + "/"
    layout = Layout()
    depts = {f for f in folders if _visible(f) and _decodable(f)}
    for rel in sorted(files):
        if rel.startswith(".") or "/." in rel:  # hidden, or below a hidden folder
            continue
        if not rel.isascii() and not _decodable(rel):  # never read: its name could not even be shown
            layout.stray.append((shown(rel), "name_encoding"))
            continue
        if rel.startswith(cat):
            below = rel[len(cat):].split("/")
            if len(below) > 1:
                depts.add(below[0])
            _place(layout, below, rel)
        elif rel.startswith(rec):
            below = rel[len(rec):].split("/")
            if len(below) == 2:
                layout.records.append((below[0], rel))
    layout.departments = {d: f"{cat}{d}/department.yaml" for d in sorted(depts)}
    _records_stray(layout)
    layout.powers.sort(key=lambda p: p[1])
    return layout


def _records_stray(layout: Layout) -> None:
    """Records files in a folder that is no department, or named other than YYYY-MM.yaml."""
    kept: list[tuple[str, str]] = []
    seen_unknown: set[str] = set()
    for dept, rel in layout.records:
        if dept not in layout.departments:
            if dept not in seen_unknown:
                layout.stray.append((rel, "records_department"))
                seen_unknown.add(dept)
        if not RECORDS_NAME.match(rel.rsplit("/", 1)[1]):
            layout.stray.append((rel, "records_name"))
        else:
            kept.append((dept, rel))
    layout.records = kept

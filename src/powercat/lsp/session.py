"""One catalog repository as the editor sees it: loaded once, then kept up to date one file at a time.

    session = Session(root)
    session.edit("catalogs/zjj/powers/XK-ZJJ-001.yaml", text)   # unsaved text of an open file
    session.flush()        # {file: [Diagnostic]} of the open files whose findings may have changed

The catalog is read with the open files' unsaved texts in place of the files on disk
(``load_catalog(overlay=...)``); ``index`` then lints it once (from the lint cache where nothing
changed) for every power's facts. An edit replaces one file's bytes and re-runs that file's
rules only (``lint.checker``); when a power's facts change, the cross-file rules run again over
the facts (PC104, PC109), and the open records files are checked again when what they are
checked against changed. An edit of department.yaml re-checks the open powers of that
department (PC507 and the channels read it). Findings are those of ``validate``: the same
rules, severities, positions, and the repository's baseline.

Every method runs on one worker thread (``server``); nothing here knows about the protocol.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from powercat.catalog.config import CONFIG_NAME
from powercat.catalog.loader import Catalog, load_catalog
from powercat.lint.baseline import baseline_path, read_baseline, unaccepted
from powercat.lint.checker import check_department, check_power, check_records
from powercat.lint.diagnostics import Diagnostic
from powercat.lint.engine import check_rule_codes, cross_file, lint_files, records_inputs
from powercat.lint.rules.base import PowerFacts

_UNSET = object()


def _records_view(facts: PowerFacts | None) -> tuple | None:
    """What records rules read of a power (a change here re-checks the open records files)."""
    return None if facts is None else (facts.code, facts.department, facts.timing, facts.within_days)


class Session:
    """The catalog under ``root``, its open files and their findings."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.open: dict[str, str] = {}  # file -> unsaved text of each open file
        self.catalog: Catalog | None = None
        self.facts: dict[str, PowerFacts | None] | None = None  # every power's facts, once indexed
        self.own: dict[str, list[Diagnostic]] = {}  # each checked file's own findings
        self.cross: dict[str, list[Diagnostic]] = {}  # cross-file findings, by file
        self.known: Counter[str] = Counter()  # the baseline's fingerprints
        self.dirty: set[str] = set()  # files whose findings may have changed since the last flush

    # --- loading -------------------------------------------------------------------------

    def load(self) -> None:
        """Read the catalog, the open files' unsaved texts in place of their files on disk.
        Raises ConfigError or ProfileError for bad settings."""
        overlay = {rel: text.encode("utf-8") for rel, text in self.open.items()}
        self.catalog = catalog = load_catalog(self.root, overlay=overlay, readable=False)  # PC100 per file
        catalog.profile  # a profile that is none is said now, as a bad setting  # noqa: B018
        check_rule_codes(catalog.config)
        self.known = read_baseline(baseline_path(catalog.config))
        self.facts, self.own, self.cross = None, {}, {}
        for rel in self.open:
            self._check(rel)

    def index(self) -> None:
        """Lint the whole catalog once (from the lint cache where nothing changed) for every
        power's facts, then the cross-file findings and the open records files."""
        if self.catalog is None:
            self.load()
        assert self.catalog is not None
        linted = lint_files(self.catalog)
        self.facts = {r.file: r.facts for r in linted.powers}
        self._refresh_cross()
        self._recheck_records()

    def ensure(self) -> None:
        if self.catalog is None:
            self.load()

    @property
    def indexed(self) -> bool:
        return self.facts is not None

    # --- what the editor does ------------------------------------------------------------

    def edit(self, rel: str, text: str) -> None:
        """An open file's text now (opened, or changed and not saved)."""
        self.open[rel] = text
        self._apply(rel, text.encode("utf-8"))

    def close(self, rel: str) -> None:
        """The file was closed: what is on disk counts again."""
        self.open.pop(rel, None)
        self.own.pop(rel, None)
        self.disk_changed(rel)

    def disk_changed(self, rel: str) -> None:
        """A file changed on disk (saved elsewhere, a checkout); an open file's text still wins."""
        if rel in self.open or self.catalog is None:
            return
        config = self.catalog.config
        if rel in (CONFIG_NAME, config.baseline, config.profile):
            self.reload()
            return
        try:
            content: bytes | OSError = (self.root / rel).read_bytes()
        except OSError as exc:
            content = exc
        if rel in self.catalog.files and not isinstance(content, FileNotFoundError):
            self._apply(rel, content)
        elif self._belongs(rel):
            self.reload()

    def reload(self) -> None:
        """Settings, the baseline or the set of files changed: read and index everything again."""
        self.catalog = None
        self.load()
        self.index()

    def flush(self) -> dict[str, list[Diagnostic]]:
        """The findings of every open file that may have changed since the last flush."""
        out = {rel: self.diagnostics(rel) for rel in sorted(self.dirty) if rel in self.open}
        self.dirty.clear()
        return out

    def diagnostics(self, rel: str) -> list[Diagnostic]:
        """One file's findings as ``validate`` reports them (sorted, less the baseline's)."""
        diags = sorted([*self.own.get(rel, ()), *self.cross.get(rel, ())], key=Diagnostic.sort_key)
        return unaccepted(diags, self.known)

    # --- one file at a time --------------------------------------------------------------

    def _belongs(self, rel: str) -> bool:
        """Whether ``rel`` lies where the layout reads files (a new one there changes the layout)."""
        assert self.catalog is not None
        config = self.catalog.config
        heads = (config.catalogs_dir.strip("/") + "/", config.records_dir.strip("/") + "/")
        return rel.startswith(heads)

    def _apply(self, rel: str, content: bytes | OSError) -> None:
        if self.catalog is None:
            self.load()  # the overlay has the open texts already
            return
        if rel in self.catalog.files:
            self.catalog.update(rel, content)
            self._check(rel)
        elif any(rel == stray for stray, _ in self.catalog.layout.stray):
            self.dirty.add(rel)  # not read; its PC109 stays
        elif self._belongs(rel) and not isinstance(content, OSError):
            self.reload()  # a new file: the layout changes

    def _check(self, rel: str) -> None:
        """Re-run ``rel``'s own rules, and what depends on it."""
        assert self.catalog is not None
        f = self.catalog.files.get(rel)
        self.dirty.add(rel)
        if f is None:
            return
        if f.kind == "power":
            result = check_power(self.catalog, rel, f.folder)
            self.own[rel] = result.diagnostics
            self._set_facts(rel, result.facts)
        elif f.kind == "department":
            self.own[rel] = check_department(self.catalog, rel, f.folder)
            for _, power in self._open_powers(f.folder):
                self._check(power)
        elif self.facts is not None:  # records are checked against every power: after indexing
            by_code, broken = records_inputs(self.catalog, self._fact_list())
            self.own[rel] = check_records(self.catalog, rel, f.folder, by_code, broken)

    def _open_powers(self, folder: str) -> list[tuple[str, str]]:
        assert self.catalog is not None
        return [(folder, rel) for rel in self.open
                if (f := self.catalog.files.get(rel)) is not None and f.kind == "power" and f.folder == folder]

    def _fact_list(self) -> list[PowerFacts]:
        return [f for f in (self.facts or {}).values() if f is not None]

    def _set_facts(self, rel: str, new: PowerFacts | None) -> None:
        if self.facts is None:
            return
        old = self.facts.get(rel, _UNSET)
        if old == new:
            return
        self.facts[rel] = new
        self._refresh_cross()
        if old is _UNSET or _records_view(old) != _records_view(new):  # type: ignore[arg-type]
            self._recheck_records()

    def _refresh_cross(self) -> None:
        """Run the cross-file rules again; mark the files whose cross-file findings changed."""
        assert self.catalog is not None
        found: dict[str, list[Diagnostic]] = {}
        for d in cross_file(self.catalog, self._fact_list()):
            found.setdefault(d.file, []).append(d)
        self.dirty |= {rel for rel in found.keys() | self.cross.keys() if found.get(rel) != self.cross.get(rel)}
        self.cross = found

    def _recheck_records(self) -> None:
        assert self.catalog is not None
        for rel in self.open:
            f = self.catalog.files.get(rel)
            if f is not None and f.kind == "records":
                self._check(rel)

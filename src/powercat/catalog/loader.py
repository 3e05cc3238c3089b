"""``load_catalog``: the one loader of a catalog, for the working tree and for a git revision.

    catalog = load_catalog(Path("."))                          # the files on disk now
    catalog = load_catalog(root, revision="origin/main")       # a commit, the tree untouched

Reads the configuration, the profile's bytes (``catalog.profile`` reads them as a profile on
first use) and the layout, then the bytes of every department, power and records file once
(hashing each: its digest is the key of every cache). Parsing is lazy and
memoised: ``catalog.document(rel)`` parses a file the first time it is asked for, with the
position of every key and value, and validates it against its model; ``catalog.powers()``
gives every power's model, from the models cache for unchanged files (by content hash) and
parsed on every core for the rest. Whatever a command does, no file is read or parsed twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from powercat.catalog.cache import Cache, file_hash
from powercat.catalog.config import CONFIG_NAME, Config, config_from_bytes, load_config
from powercat.catalog.git import file_dates
from powercat.catalog.layout import Layout, classify
from powercat.catalog.parallel import map_files, paused_gc
from powercat.catalog.parse import Duplicate, SourceMap, SyntaxFault, parse_yaml
from powercat.catalog.profile_file import is_profile_file, profile_bytes
from powercat.catalog.sources import ReadProblem, Revision, Source, WorkTree
from powercat.i18n import Message

if TYPE_CHECKING:  # the models and pydantic are imported on first use: a warm run needs neither
    from powercat.catalog.model import Department, Power, RecordsFile
    from powercat.catalog.profile import Profile
    from powercat.laws import Library

MAX_BYTES = 5 * 1024 * 1024  # a power file is a few KB; 5 MB is surely a mistake
BATCH = 4096  # files read at a time


def _model_for(kind: str) -> Any:
    from powercat.catalog.model import Department, Power, RecordsFile

    return {"department": Department, "power": Power, "records": RecordsFile}[kind]


class ReadError(Message):
    """A file or folder of the catalog could not be read, or a link leads out of the repository,
    points to nothing or loops: the catalog cannot be checked whole (an I/O failure, exit 2)."""


def refuse_unreadable(problems: list[ReadProblem]) -> None:
    """A ReadError naming the first problem (and how many more there are), unless there is none."""
    if problems:
        first = problems[0]
        said = Message(f"config.read.{first.kind}", path=first.rel, detail=first.detail)
        raise ReadError("config.read.failed_more" if len(problems) > 1 else "config.read.failed", first=said,
                        more=len(problems) - 1)


@dataclass(slots=True)
class SourceFile:
    """One file of the catalog as read: its bytes and their digest, or why it could not be read."""

    rel: str  # relative to the catalog root
    kind: str  # department | power | records
    folder: str  # the department folder it belongs to
    raw: bytes | None = None
    problem: str = ""  # missing | unreadable | too_large | binary | encoding ("" when readable)
    detail: str = ""  # the system's words for an unreadable file
    digest: str = ""

    @property
    def stem(self) -> str:
        return self.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0]


@dataclass(slots=True)
class Document:
    """A file parsed with the position of every key and value, and checked against its model."""

    file: SourceFile
    data: Any = None
    source: SourceMap = field(default_factory=SourceMap)
    syntax: SyntaxFault | None = None
    duplicates: list[Duplicate] = field(default_factory=list)
    schema_errors: list[dict[str, Any]] = field(default_factory=list)  # pydantic's, each with its data "path"
    model: Any = None  # None when the file could not be read or parsed, or failed the schema

    @property
    def expected(self) -> str:
        """The document's top-level shape: a list of entries for records, else a mapping."""
        return "list" if self.file.kind == "records" else "mapping"


@dataclass(slots=True)
class LoadedPower:
    """A power that passed the schema, with where it came from."""

    file: str  # relative to the root
    department: str  # the department folder
    power: Power
    digest: str = ""  # the content hash of its file


def read_file(rel: str, kind: str, folder: str, content: bytes | OSError) -> SourceFile:
    """A file's bytes, or what keeps them from being YAML text."""
    f = SourceFile(rel, kind, folder)
    if isinstance(content, OSError):
        missing = isinstance(content, FileNotFoundError) and kind == "department"
        f.problem, f.detail = ("missing" if missing else "unreadable"), (content.strerror or str(content))
        return f
    f.raw, f.digest = content, file_hash(content)
    if len(content) > MAX_BYTES:
        f.problem = "too_large"
    elif b"\x00" in content:
        f.problem = "binary"
    return f


def parse_document(file: SourceFile) -> Document:
    """Decode, parse and validate one file; every problem is kept as a fact, never raised."""
    doc = Document(file)
    if file.raw is None or file.problem:
        return doc
    try:
        text = file.raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        file.problem = "encoding"
        return doc
    parsed = parse_yaml(text)
    doc.data, doc.source, doc.syntax, doc.duplicates = parsed.data, parsed.source, parsed.syntax, parsed.duplicates
    if doc.syntax is None:
        records = file.kind == "records"
        from powercat.catalog.checked import validate_model

        doc.model, doc.schema_errors = validate_model(_model_for(file.kind), {"entries": doc.data} if records else doc.data,
                                                      text)
        if records:
            for e in doc.schema_errors:
                e["path"] = e["path"][1:]
    return doc


@dataclass(slots=True)
class Catalog:
    """A catalog repository as loaded: settings, law, layout and every file, parsed on demand."""

    root: Path
    config: Config
    profile_source: tuple[bytes, str]  # the profile's bytes and name: read as a profile on first use
    layout: Layout
    files: dict[str, SourceFile]  # every file read, by path relative to the root
    as_of: dt.date = field(default_factory=dt.date.today)
    revision: str | None = None  # None: the working tree
    commit: str | None = None
    use_cache: bool = True
    keep_models: bool = False  # later stages need every power's model (render, publish, export, report)
    parsed: Counter[str] = field(default_factory=Counter)  # parses per file (never more than one)
    _docs: dict[str, Document] = field(default_factory=dict)
    _models: dict[str, Any] = field(default_factory=dict)  # power models parsed elsewhere (cache, worker)
    _dates: dict[str, str] | None = None
    _powers: list[LoadedPower] | None = None
    law_paths: list[Path] = field(default_factory=list)  # the law library's folders ([] without one)
    _laws: Library | None = None
    lean: bool = False  # power files' bytes let go after hashing, read again when parsed
    _profile: Profile | None = None

    @property
    def profile(self) -> Profile:
        """The profile (law as data), read on first use; raises ProfileError when it is not one."""
        if self._profile is None:
            from powercat.catalog.profile import profile_from_bytes

            self._profile = profile_from_bytes(*self.profile_source)
        return self._profile

    @property
    def profile_digest(self) -> str:
        """The digest of the profile's bytes (``Profile.digest``), without reading it as a profile."""
        return hashlib.sha256(self.profile_source[0]).hexdigest()

    def document(self, rel: str, keep: bool = True) -> Document:
        """The parsed file (parsed on first use; kept for later use unless ``keep`` is False)."""
        doc = self._docs.get(rel)
        if doc is None:
            doc = parse_document(self._with_bytes(self.files[rel]))
            self.parsed[rel] += 1
            if keep:
                self._docs[rel] = doc
        return doc

    def _model_of(self, rel: str) -> Power | None:
        """A power's model, parsed in a worker process (positions are not sent back)."""
        return parse_document(self._with_bytes(self.files[rel])).model

    def _with_bytes(self, f: SourceFile) -> SourceFile:
        """``f`` with its bytes: a file whose bytes were let go (``lean``) is read again; one
        that changed since it was hashed is unreadable (its findings would be cached under the
        other bytes' digest)."""
        if f.raw is not None or f.problem or not self.lean:
            return f
        again = read_file(f.rel, f.kind, f.folder, WorkTree(self.root).read([f.rel])[f.rel])
        if again.digest != f.digest and not again.problem:
            again.raw, again.problem, again.detail = None, "unreadable", "changed while being checked"
        return again

    def update(self, rel: str, content: bytes | OSError) -> SourceFile:
        """New bytes for a file of the layout (an editor's unsaved text, or the file changed on
        disk): its memoised document and model are forgotten, so the next use parses them."""
        old = self.files[rel]
        self.files[rel] = new = read_file(rel, old.kind, old.folder, content)
        self._docs.pop(rel, None)
        self._models.pop(rel, None)
        self._powers = None
        return new

    def remember(self, rel: str, model: Any) -> None:
        """A power's model parsed in a worker process: it is not parsed here again."""
        if model is not None and rel not in self._docs:
            self._models[rel] = model
            self.parsed[rel] += 1

    def model(self, rel: str) -> Any:
        return self._models[rel] if rel in self._models else self.document(rel).model

    @property
    def departments(self) -> dict[str, Department | None]:
        """Every department folder's model (None: missing or failing the schema)."""
        return {f: self.department(f) for f in self.layout.departments}

    def department(self, folder: str) -> Department | None:
        rel = self.layout.departments.get(folder)
        return self.document(rel).model if rel is not None and rel in self.files else None

    def department_digest(self, folder: str) -> str:
        rel = self.layout.departments.get(folder)
        f = self.files.get(rel) if rel else None
        return f.digest or f.problem if f else "none"

    def powers(self, jobs: int | None = None, progress: Callable[[int], None] | None = None) -> list[LoadedPower]:
        """Every power that passed the schema, in file order; unchanged ones from the models cache."""
        if self._powers is None:
            self._load_models(jobs, progress)
            out = []
            for folder, rel in self.layout.powers:
                model = self.model(rel)
                if model is not None:
                    out.append(LoadedPower(rel, folder, model, self.files[rel].digest))
            self._powers = out
        return self._powers

    def _load_models(self, jobs: int | None, progress: Callable[[int], None] | None) -> None:
        """Every power's model: parsed already, from the models cache, or parsed now on every core."""
        cache = Cache(self.root, "models", enabled=self.use_cache, name="models")
        todo = [rel for _, rel in self.layout.powers if rel not in self._models and rel not in self._docs]
        with paused_gc():  # 10,000 models built at once: no cycles to collect, only time lost scanning
            rest = [rel for rel in todo if not self._from_cache(cache, rel)]
        for rel, model in zip(rest, map_files(self._model_of, rest, jobs, progress)):
            self.remember(rel, model)
        for _, rel in self.layout.powers:  # what this run parsed, for the next one
            digest = self.files[rel].digest
            if rel in cache.fresh or cache.get_text(rel, digest) is not None:
                continue
            model = self.model(rel)
            if model is not None:
                cache.put_text(rel, digest, model.model_dump_json(exclude_defaults=True))
        cache.save()

    def _from_cache(self, cache: Cache, rel: str) -> bool:
        dump = cache.get_text(rel, self.files[rel].digest)
        try:
            from powercat.catalog.model import Power

            model = Power.model_validate_json(dump) if isinstance(dump, str) else None
        except ValueError:  # written by another version of the model: parse the file again
            model = None
        if model is not None:
            self._models[rel] = model
        return model is not None

    @property
    def laws(self) -> Library | None:
        """The law library the citations are checked against (opened on first use), or None.
        Raises LibraryError when a configured folder cannot be read."""
        if self._laws is None and self.law_paths:
            from powercat.laws import Library  # here: most runs have no law library

            cache = self.root / ".powercat" / "laws" if self.use_cache else None
            self._laws = Library.open(self.law_paths, cache_dir=cache)
        return self._laws

    def records(self) -> list[tuple[str, str, RecordsFile | None]]:
        """(department folder, file, its entries or None) of every records file."""
        return [(folder, rel, self.document(rel).model) for folder, rel in self.layout.records]

    def dates(self) -> dict[str, str]:
        """{file: date of the newest commit touching it} from one ``git log`` ({} outside git)."""
        if self._dates is None:
            folders = [self.config.catalogs_dir, self.config.records_dir]
            self._dates = file_dates(self.root, folders) if self.revision is None else {}
        return self._dates


def _config(source: Source, root: Path) -> Config:
    if isinstance(source, WorkTree):
        return load_config(root)
    raw = source.read([CONFIG_NAME])[CONFIG_NAME]
    return config_from_bytes(root, None if isinstance(raw, OSError) else raw, f"{source.commit}:{CONFIG_NAME}")


def _profile(source: Source, config: Config) -> tuple[bytes, str]:
    """The profile's bytes and name: a built-in one, a file of the working tree, or the file at
    the revision (from disk when the revision has none)."""
    name = config.profile
    if isinstance(source, WorkTree) or not is_profile_file(name):
        return profile_bytes(name, str(config.root)), name
    raw = source.read([name])[name]
    return (profile_bytes(name, str(config.root)) if isinstance(raw, OSError) else raw), name


LAWS_ENV = "POWERCAT_LAWS"


def law_paths(config: Config, given: list[Path] | None = None, environ: Any = os.environ) -> list[Path]:
    """The law library's folders: ``given`` (``--laws``), else POWERCAT_LAWS (joined by
    os.pathsep), else ``[laws] library`` of powercat.toml (relative to the root); [] for none."""
    if given:
        return [Path(p) for p in given]
    if environ.get(LAWS_ENV, "").strip():
        return [Path(p) for p in environ[LAWS_ENV].split(os.pathsep) if p.strip()]
    return [config.root / p for p in config.laws]


def configured_law_paths(root: Path, given: list[Path] | None = None) -> list[Path]:
    """``law_paths`` of the repository at ``root`` (for commands that need no catalog)."""
    return law_paths(load_config(Path(root).resolve()), given)


def load_catalog(root: Path, *, revision: str | None = None, as_of: dt.date | None = None,
                 use_cache: bool = True, keep_models: bool = False,
                 overlay: dict[str, bytes] | None = None, laws: list[Path] | None = None,
                 readable: bool = True, keep_bytes: bool = True) -> Catalog:
    """The catalog under ``root`` in the working tree, or at git ``revision``.

    Raises ConfigError or ProfileError for bad settings, GitError for a bad revision.
    ``keep_models`` says that every power's model will be wanted (so workers send them back);
    ``overlay`` ({path relative to root: bytes}) stands in for files on disk, as an editor's
    unsaved text does; ``laws`` names the law library's folders (else POWERCAT_LAWS, else
    ``[laws] library``). Raises ReadError for a file or folder that cannot be read or a link
    that leads out of the repository (``readable=False``, as an editor wants it: an unreadable
    file is a PC100 finding, the other problems are left out). ``keep_bytes=False`` (validate):
    a power file's bytes are hashed and let go, and read again when the file is parsed, so a
    province's million files are never held at once.
    """
    root = Path(root).resolve()
    source: Source = Revision(root, revision) if revision else WorkTree(root, overlay)
    config = _config(source, root)
    profile = _profile(source, config)
    listing = source.list([config.catalogs_dir, config.records_dir])
    layout = classify(listing, source.folders(config.catalogs_dir), config)
    wanted = layout.files()
    lean = not keep_bytes and isinstance(source, WorkTree)
    files = {}
    for start in range(0, len(wanted), BATCH):  # read in batches: a province's files never all at once
        batch = wanted[start:start + BATCH]
        contents = source.read([rel for _, _, rel in batch])
        for kind, folder, rel in batch:
            f = files[rel] = read_file(rel, kind, folder, contents[rel])
            if lean and kind == "power" and not f.problem and rel not in source.overlay:
                f.raw = None  # read again when parsed (validate only: the findings are all that is kept)
    if readable:
        refuse_unreadable([*source.problems, *(ReadProblem(rel, "unreadable", f.detail)
                                               for rel, f in files.items() if f.problem == "unreadable")])
    catalog = Catalog(root, config, profile, layout, files, as_of or dt.date.today(), revision, source.commit,
                      use_cache and revision is None, keep_models)
    catalog.lean = lean
    catalog.law_paths = law_paths(config, laws)
    return catalog

"""Where this powercat came from: its repository and commit.

`powercat init` pins the GitHub Action and the pre-commit hook it writes to that commit, and the
SARIF report links each rule to its page under ``docs/rules/`` at that commit.

    here = origin()        # Origin(repository="https://github.com/powercat/powercat", ref="0123…")
    here.slug              # "powercat/powercat": what `uses:` names
    here.pinned            # True when ref is a full commit SHA
    here.rule_page("PC304")  # https://github.com/powercat/powercat/blob/0123…/docs/rules/PC304.md

The first source that answers wins, for the repository and the ref separately:

1. ``POWERCAT_ORIGIN=<repository URL>@<ref>`` (the Action sets it: it installs powercat from its
   own checkout, which is no git repository);
2. the git checkout the package is imported from (an editable install, ``PYTHONPATH=src``):
   ``HEAD`` and the ``origin`` remote;
3. the installed distribution's ``direct_url.json`` (PEP 610): ``pip install git+URL@rev``
   records the URL and the commit; an install from a local folder is looked up as in 2;
4. the repository alone: the package metadata's ``Project-URL: Repository``, else ``HOME``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlparse

ENV = "POWERCAT_ORIGIN"
HOME = "https://github.com/powercat/powercat"  # pyproject.toml's [project.urls] Repository
SHA = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True, slots=True)
class Origin:
    repository: str | None = None  # https://host/owner/name, no ".git"
    ref: str | None = None  # a commit SHA (pinned), else a tag or branch

    @property
    def slug(self) -> str | None:
        """``owner/name``: how a workflow's ``uses:`` and GitLab's ``include: project:`` name it."""
        return urlparse(self.repository).path.strip("/") if self.repository else None

    @property
    def pinned(self) -> bool:
        return bool(self.ref and SHA.fullmatch(self.ref))

    def rule_page(self, code: str) -> str | None:
        """The rule's docs page at this ref (None when the repository or the ref is unknown)."""
        if not (self.repository and self.ref):
            return None
        return f"{self.repository}/blob/{self.ref}/docs/rules/{code}.md"


def web_url(remote: str) -> str | None:
    """``git@github.com:o/r.git``, ``ssh://git@host/o/r``, ``https://host/o/r.git`` -> ``https://host/o/r``."""
    remote = remote.strip()
    scp = re.fullmatch(r"[\w.-]+@([\w.-]+):(.+)", remote)
    if scp:
        host, path = scp.groups()
    else:
        url = urlparse(remote.removeprefix("git+"))
        if url.scheme not in ("https", "http", "ssh", "git") or not url.hostname:
            return None
        host, path = url.hostname, url.path
    path = path.strip("/").removesuffix(".git")
    return f"https://{host}/{path}" if path.count("/") >= 1 else None


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else None


def _checkout(folder: Path) -> Origin:
    """HEAD and the ``origin`` remote of the powercat checkout holding ``folder`` (else empty)."""
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None or not (Path(top) / "action.yml").is_file() or not (Path(top) / "src" / "powercat").is_dir():
        return Origin()
    remote = _git(Path(top), "remote", "get-url", "origin")
    return Origin(web_url(remote) if remote else None, _git(Path(top), "rev-parse", "HEAD"))


def _direct_url() -> Origin:
    try:
        text = metadata.distribution("powercat").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return Origin()
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return Origin()
    url = str(data.get("url", ""))
    vcs = data.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        return Origin(web_url(url), vcs.get("commit_id"))
    if url.startswith("file://"):
        return _checkout(Path(unquote(urlparse(url).path)))
    return Origin()


def _metadata_repository() -> str | None:
    try:
        urls = metadata.metadata("powercat").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("repository", "source"):
            return web_url(url.strip())
    return None


def _from_env(value: str) -> Origin:
    repo, _, ref = value.strip().rpartition("@")
    return Origin(web_url(repo) if repo else None, ref or None)


@lru_cache(maxsize=1)
def origin() -> Origin:
    """Where the running powercat came from (see the module's doc for the order of sources)."""
    found = [_from_env(os.environ[ENV])] if os.environ.get(ENV) else []
    found += [_checkout(Path(__file__).resolve().parent), _direct_url(), Origin(_metadata_repository() or HOME)]
    repository = next((o.repository for o in found if o.repository), None)
    ref = next((o.ref for o in found if o.ref), None)
    return Origin(repository, ref)

"""Running powercat as a user who is not root: root reads every file whatever its mode, so an
unreadable file or folder can only be tried as someone else.

    user = NonRoot.get()            # None (with ``NonRoot.reason``) where that is impossible
    folder = user.folder()          # a fresh folder of that user, outside root's own /tmp/pytest-of-root
    done = user.powercat("validate", "--root", str(folder))

As root, a user ``pcuser`` is made when there is none (``useradd``), and powercat is run with
``runuser`` by a Python of the same version that user may execute (a virtual environment under
/root is closed to it), with the test's own source and the environment's packages on PYTHONPATH.
As any other user, powercat runs as that user directly.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

import powercat

SRC = Path(powercat.__file__).resolve().parents[1]  # the powercat this test runs, also as the user
USER = "pcuser"


class NonRoot:
    reason = ""
    _made: "NonRoot | None | bool" = False

    def __init__(self, user: str | None, python: str) -> None:
        self.user, self.python = user, python
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
                    "PYTHONPATH": os.pathsep.join([str(SRC), sysconfig.get_paths()["purelib"]])}
        if user is not None:
            home = pwd.getpwnam(user).pw_dir
            self.env.update(HOME=home, XDG_CACHE_HOME=f"{home}/.cache")

    @classmethod
    def get(cls) -> "NonRoot | None":
        if cls._made is False:
            cls._made = cls._make()
        return cls._made  # type: ignore[return-value]

    @classmethod
    def _make(cls) -> "NonRoot | None":
        if os.geteuid() != 0:
            return NonRoot(None, sys.executable)
        if not shutil.which("runuser"):
            cls.reason = "runuser is missing: cannot run as a user who is not root"
            return None
        try:
            pwd.getpwnam(USER)
        except KeyError:
            done = subprocess.run(["useradd", "-m", USER], capture_output=True)
            if done.returncode != 0:
                cls.reason = f"cannot create the user {USER}: {done.stderr.decode(errors='replace').strip()}"
                return None
        version = f"{sys.version_info.major}.{sys.version_info.minor}"
        for python in (sys.executable, f"/usr/bin/python{version}", f"/usr/local/bin/python{version}"):
            runner = NonRoot(USER, python)
            if Path(python).exists() and runner.run(python, "-c", "import orjson, pydantic_core, yaml, powercat.cli"
                                                    ).returncode == 0:
                return runner
        cls.reason = f"no Python {version} with powercat's packages that {USER} may run"
        return None

    def run(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", self.user, "--"] if self.user else []
        return subprocess.run([*prefix, *args], cwd=cwd, env=self.env, capture_output=True, text=True, timeout=300)

    def powercat(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run(self.python, "-c", "from powercat.cli import main; main()", *args)

    def folder(self) -> Path:
        """A new folder owned by the user, where they may read and write."""
        path = Path(tempfile.mkdtemp(prefix="powercat-nonroot-", dir="/tmp"))
        if self.user:
            shutil.chown(path, self.user, self.user)
        return path

    def own(self, path: Path) -> None:
        """Hand ``path`` and everything below it to the user."""
        if self.user:
            for here, dirs, files in os.walk(path):
                for name in [*dirs, *files]:
                    os.lchown(os.path.join(here, name), pwd.getpwnam(self.user).pw_uid, pwd.getpwnam(self.user).pw_gid)
            shutil.chown(path, self.user, self.user)

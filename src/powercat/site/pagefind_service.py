"""One Pagefind process indexing bundle after bundle (``pagefind --service``).

Pagefind's extended build loads its Chinese dictionary when a process starts: 0.15 s of CPU, as
much as indexing 70 pages. Run once per bundle, a 40-department site paid it 40 times. A service
process loads it once and then indexes each bundle on request, giving the files that ``pagefind
--site … --glob … --output-path …`` would write (byte for byte: tests/test_fulltext_bundles.py).

The service speaks the wire format of Pagefind's own Python and Node packages: each message is
base64 of a JSON object ``{"message_id", "payload"}``, followed by a comma. Pagefind's Python
package reads each answer after a 0.1 s sleep (four answers a bundle), so powercat talks to the
process itself. Anything unexpected raises ServiceError and the caller runs the command line.
"""

from __future__ import annotations

import base64
import json
import subprocess
import threading
from pathlib import Path, PurePosixPath
from typing import Any

SECONDS = 1800  # a bundle's time at most, as for the command line: then the process is stopped


def _file(f: Any) -> tuple[str, bytes]:
    """One file of a bundle, as the service sent it; its path stays inside the bundle."""
    try:
        path, content = PurePosixPath(f["path"]), base64.b64decode(f["content"], validate=True)
    except (KeyError, TypeError, ValueError) as exc:
        raise ServiceError(f"a file the service sent: {exc}") from exc
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise ServiceError(f"a file outside the bundle: {path}")
    return path.as_posix(), content


class ServiceError(Exception):
    """The service failed, or answered in a way powercat does not know."""


class Service:
    def __init__(self, command: list[str]) -> None:
        try:
            self.proc = subprocess.Popen([*command, "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL)
        except OSError as exc:
            raise ServiceError(str(exc)) from exc
        self.sent = 0
        self.buffer = bytearray()  # what the service wrote and was not read yet

    def index(self, site: Path, glob: str | None) -> dict[str, bytes]:
        """The bundle of the pages of ``site`` (those ``glob`` names, else all): {its path in
        the bundle: bytes}. The files are asked for, not written by the service: it writes in
        the background and ends the moment its input closes, so a file could be left empty."""
        watchdog = threading.Timer(SECONDS, self.proc.kill)
        watchdog.start()
        try:
            made = self._ask({"type": "NewIndex", "config": None})
            index = made.get("index_id")
            if not isinstance(index, int):
                raise ServiceError(f"no index: {made}")
            self._ask({"type": "AddDir", "index_id": index, "path": str(site), "glob": glob})
            files = self._ask({"type": "GetFiles", "index_id": index}).get("files")
            self._ask({"type": "DeleteIndex", "index_id": index})
        finally:
            watchdog.cancel()
        if not isinstance(files, list):
            raise ServiceError("no files")
        return dict(_file(f) for f in files)

    def close(self) -> None:
        """End the service (it ends when its input closes)."""
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream:
                stream.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        self.sent += 1
        message = json.dumps({"message_id": self.sent, "payload": payload}).encode("utf-8")
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(base64.b64encode(message) + b",")
            self.proc.stdin.flush()
            while True:
                answer = json.loads(base64.b64decode(self._next()))
                if isinstance(answer, dict) and answer.get("message_id") == self.sent:
                    break
        except (OSError, ValueError) as exc:
            raise ServiceError(str(exc)) from exc
        got = answer.get("payload")
        if not isinstance(got, dict) or got.get("type") == "Error":
            raise ServiceError(str(got.get("message") if isinstance(got, dict) else got))
        return got

    def _next(self) -> bytes:
        """The next message the service wrote (up to its comma)."""
        assert self.proc.stdout is not None
        seen = 0  # a bundle's files come as one message of megabytes: each part is searched once
        while (end := self.buffer.find(b",", seen)) < 0:
            seen = len(self.buffer)
            more = self.proc.stdout.read1(1 << 16)
            if not more:
                raise ServiceError("Pagefind stopped")
            self.buffer += more
        message = bytes(self.buffer[:end])
        del self.buffer[:end + 1]
        return message

"""What `render` drew into an output folder: ``<out>/.powercat-render.json``, an optimisation and
never an input.

For every output file it keeps the digest of the DOT source it was drawn from and the hash of
the bytes written; for every power the digest of what its charts are drawn from and which files
they are. A chart is reused only when the manifest is one this machine's powercat wrote (sealed
with ``powercat.seal``: a manifest committed to a repository, copied or edited is ignored) and
the file's bytes still have the hash it recorded (a file emptied, replaced or edited by hand is
drawn again). Layout: a header line ``{"format", "mac"}``, then the body.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from powercat.catalog.cache import file_hash
from powercat.seal import seal, sealed

MANIFEST = ".powercat-render.json"
FORMAT = "2"


@dataclass
class Manifest:
    out: Path
    version: str  # the drawing's version: inputs of another version are not reused
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)  # file -> {"dot": digest, "hash": of its bytes}
    inputs: dict[str, Any] = field(default_factory=dict)  # power code -> {"hash": input digest, "outputs": {key: file}}
    checked: dict[str, bool] = field(default_factory=dict)  # file -> its bytes have the recorded hash (this run)

    @classmethod
    def load(cls, out: Path, version: str) -> "Manifest":
        """The manifest in ``out``, or an empty one (none there, damaged, or not sealed here)."""
        try:
            head, _, body = (out / MANIFEST).read_bytes().partition(b"\n")
            body = body.removesuffix(b"\n")
            header = orjson.loads(head)
            if not isinstance(header, dict) or header.get("format") != FORMAT or not sealed(body, header.get("mac")):
                return cls(out, version)
            data = orjson.loads(body)
            outputs = {str(k): v for k, v in data["outputs"].items() if isinstance(v, dict)}
            inputs = data["inputs"] if data.get("version") == version and isinstance(data["inputs"], dict) else {}
            return cls(out, version, outputs, inputs)
        except (OSError, orjson.JSONDecodeError, KeyError, TypeError, AttributeError):
            return cls(out, version)

    def current(self, rel: str, dot: str | None = None) -> bool:
        """Whether ``rel`` is there as drawn (from the DOT digest ``dot``, when given)."""
        entry = self.outputs.get(rel)
        if entry is None or (dot is not None and entry.get("dot") != dot):
            return False
        if rel not in self.checked:
            try:
                self.checked[rel] = file_hash((self.out / rel).read_bytes()) == entry.get("hash")
            except OSError:
                self.checked[rel] = False
        return self.checked[rel]

    def record(self, rel: str, dot: str, digest: str) -> None:
        """``rel`` as just written from the DOT digest ``dot``; ``digest``: its bytes' (file_hash)."""
        self.outputs[rel] = {"dot": dot, "hash": digest}
        self.checked[rel] = True

    def forget(self, rel: str) -> None:
        self.outputs.pop(rel, None)
        self.checked.pop(rel, None)

    def save(self) -> None:
        body = orjson.dumps({"version": self.version, "outputs": dict(sorted(self.outputs.items())),
                             "inputs": dict(sorted(self.inputs.items()))}, option=orjson.OPT_INDENT_2)
        header = orjson.dumps({"format": FORMAT, "mac": seal(body)})  # no secret: a manifest never trusted
        self.out.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.out, prefix=".powercat-render-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(header + b"\n" + body + b"\n")
        os.replace(tmp, self.out / MANIFEST)

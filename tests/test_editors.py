"""The VS Code extension (editors/vscode): a valid manifest that starts `powercat lsp`, and
TypeScript that compiles against the pinned vscode-languageclient (where npm is installed)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO

EXT = REPO / "editors" / "vscode"


def test_the_manifest_starts_the_server() -> None:
    manifest = json.loads((EXT / "package.json").read_text(encoding="utf-8"))
    assert manifest["main"] == "./out/extension.js"
    assert "vscode-languageclient" in manifest["dependencies"]
    assert manifest["scripts"]["compile"] == "tsc -p ./"
    assert {"powercat.path", "powercat.lang", "powercat.debounceMs"} <= set(manifest["contributes"]["configuration"]["properties"])
    source = (EXT / "src" / "extension.ts").read_text(encoding="utf-8")
    assert 'args: ["lsp"]' in source and "debounceMs" in source
    lock = json.loads((EXT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"][""]["dependencies"] == manifest["dependencies"]


@pytest.mark.slow
def test_the_extension_compiles(tmp_path: Path) -> None:
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed")
    work = tmp_path / "vscode"
    shutil.copytree(EXT, work, ignore=shutil.ignore_patterns("node_modules", "out"))
    install = subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=work, capture_output=True, text=True, timeout=300)
    if install.returncode != 0:
        pytest.skip(f"npm ci could not install the packages: {install.stderr[-300:]}")
    built = subprocess.run([npm, "run", "compile"], cwd=work, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (work / "out" / "extension.js").is_file()

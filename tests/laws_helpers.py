"""Shared by the tests of powercat.laws: where the test library and the whole fixture are, and a
small library written from text."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "laws" / "national"
FIXTURE = Path(__file__).parents[1] / ".." / "shared" / "laws" / "national.tar.xz"

needs_fixture = pytest.mark.skipif(not FIXTURE.is_file(), reason=f"the whole law fixture is not here ({FIXTURE})")


def unpack_fixture(into: Path) -> Path:
    """The fixture unpacked into ``into``; returns its national/ folder."""
    with tarfile.open(FIXTURE, mode="r:xz") as archive:
        archive.extractall(into, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    return into / "national"


def law_text(title: str, *body: str, history: tuple[str, ...] = ("2020年1月1日 通过",)) -> str:
    """A law file: title, history, the INFO END line, then ``body`` lines a paragraph each."""
    return "\n\n".join([f"# {title}", *history, "<!-- INFO END -->", *body]) + "\n"


def write_library(root: Path, files: dict[str, str | bytes]) -> Path:
    """A library in ``root`` (relative path -> text or bytes)."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root

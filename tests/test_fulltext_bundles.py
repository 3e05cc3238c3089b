"""How a search bundle is indexed (site/fulltext.py): in place through a glob that names exactly
its pages, or from a folder of its pages gathered from two builds; both give the same bundle."""

from __future__ import annotations

from pathlib import Path

import pytest

from powercat.site import fulltext
from powercat.site.fulltext import _glob, available, index_shards

PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{t}</title></head>
<body><nav>导航</nav><article data-pagefind-body><h1>{t}</h1><p>{body}</p></article></body></html>"""


def test_the_glob_names_exactly_the_pages() -> None:
    pages = ["powers/XK-A-001/index.html", "powers/XK-A-002/index.html"]
    assert _glob(pages) == "powers/{XK-A-001,XK-A-002}/index.html"
    assert _glob(["powers/XK-A-001/index.html", "records/2024-01/index.html"]) == \
        "{powers/XK-A-001/index.html,records/2024-01/index.html}"


@pytest.mark.parametrize("odd", ["powers/XK{1}/index.html", "powers/X,Y/index.html", "powers/许可/index.html",
                                 "powers/A*/index.html", "powers/[A]/index.html"])
def test_a_name_a_glob_could_misread_is_gathered_instead(odd: str) -> None:
    assert _glob(["powers/XK-A-001/index.html", odd]) is None
    assert _glob([]) is None


def _site(top: Path, pages: dict[str, str]) -> Path:
    for rel, text in pages.items():
        (top / rel).parent.mkdir(parents=True, exist_ok=True)
        (top / rel).write_text(text, encoding="utf-8")
    return top


def _files(top: Path) -> dict[str, bytes]:
    return {p.relative_to(top).as_posix(): p.read_bytes() for p in sorted(top.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not available(), reason="Pagefind is not installed")
def test_indexed_in_place_or_gathered_the_bundle_is_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gathered_pages: list[list[str]] = []
    real = fulltext._gather
    monkeypatch.setattr(fulltext, "_gather", lambda pages, *a: gathered_pages.append(pages) or real(pages, *a))
    pages = {f"powers/XK-A-00{i}/index.html": PAGE.format(t=f"食品经营许可{i}", body="申请人提交材料，经审查后作出决定。")
             for i in range(1, 4)}
    new = _site(tmp_path / "new", {**pages, "powers/XK-B-001/index.html": PAGE.format(t="别的部门", body="不在本包")})
    assert index_shards({"d1": sorted(pages)}, [new], tmp_path / "in-place", "d1") is None
    assert gathered_pages == [], "every page in the new build: indexed where it is"
    # the same pages, one of them only in the previous build: gathered into a folder of their own
    old = _site(tmp_path / "old", {"powers/XK-A-002/index.html": pages["powers/XK-A-002/index.html"]})
    (new / "powers/XK-A-002/index.html").unlink()
    assert index_shards({"d1": sorted(pages)}, [new, old], tmp_path / "gathered", "d1") is None
    assert gathered_pages == [sorted(pages)]
    built, gathered = _files(tmp_path / "in-place"), _files(tmp_path / "gathered")
    assert built == gathered and any(rel.startswith("pagefind/d1/fragment/") for rel in built)
    assert len([k for k in built if "/fragment/" in k]) == 3, "the three pages of the bundle, not the other department's"


@pytest.mark.skipif(not available(), reason="Pagefind is not installed")
def test_the_service_writes_what_the_command_line_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pages = {f"powers/CF-A-00{i}/index.html": PAGE.format(t=f"违法行为的行政处罚{i}", body="当事人有陈述、申辩的权利。")
             for i in range(1, 5)}
    site = _site(tmp_path / "site", pages)
    glob = _glob(sorted(pages))
    service = fulltext.Service(fulltext._pagefind())
    try:
        for name in ("d1", "d2"):  # one process, bundle after bundle
            fulltext._write_bundle(service.index(site, glob), tmp_path / "by-service" / name, primary=True)
    finally:
        service.close()
    assert fulltext._by_command(site, glob, tmp_path / "by-command") is None
    by_command = _files(tmp_path / "by-command")
    assert _files(tmp_path / "by-service" / "d1") == _files(tmp_path / "by-service" / "d2") == by_command
    assert len([k for k in by_command if k.startswith("fragment/")]) == 4


@pytest.mark.skipif(not available(), reason="Pagefind is not installed")
def test_a_service_that_breaks_leaves_the_bundles_to_the_command_line(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    pages = {f"powers/XK-A-00{i}/index.html": PAGE.format(t=f"许可{i}", body="审查") for i in range(1, 3)}
    site = _site(tmp_path / "site", pages)
    assert index_shards({"d1": sorted(pages)}, [site], tmp_path / "good", "d1") is None

    def broken(self, *a) -> None:  # noqa: ANN001
        raise fulltext.ServiceError("Pagefind stopped")

    monkeypatch.setattr(fulltext.Service, "index", broken)
    assert index_shards({"d1": sorted(pages)}, [site], tmp_path / "fallback", "d1") is None
    assert _files(tmp_path / "fallback") == _files(tmp_path / "good")


@pytest.mark.parametrize("path", ["../escape.js", "/etc/passwd", "fragment/../../x", ""])
def test_a_file_the_service_names_outside_its_bundle_is_refused(path: str) -> None:
    from powercat.site.pagefind_service import ServiceError, _file

    with pytest.raises(ServiceError):
        _file({"path": path, "content": "eA=="})
    assert _file({"path": "fragment/zh_1.pf_fragment", "content": "eA=="}) == ("fragment/zh_1.pf_fragment", b"x")

"""`powercat publish`: pages, no leak of non-public powers, determinism, data files, search recall."""

from __future__ import annotations

import datetime as dt
import csv
import hashlib
import io
import json
import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from powercat.cli import app
from powercat.site.build import PublishError, PublishRefused, publish
from powercat.site.search import index_rows, matches

from .conftest import CASES, REPO, write_repo

BASE = (CASES / "_power.yaml").read_text(encoding="utf-8")
SECRET_CODE, SECRET_NAME = "NB-DEMO-009", "干部选拔任用绝密事项"


def power(code: str, name: str, **replace: str) -> str:
    text = BASE.replace("XK-DEMO-001", code).replace("建筑工程施工许可证核发", name)
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


SECRET = f"""code: {SECRET_CODE}
name: {SECRET_NAME}
category: internal_management
handling_unit: 组织人事科
leader: 王五(局长)
legal_basis:
  - {{law: 中华人民共和国公务员法, level: law, article: 第四十五条, text: 机关内设机构厅局级正职以下领导职务出现空缺时，可以在本机关或者本系统内通过竞争上岗的方式产生任职人选。}}
duties: 按规定程序选拔任用干部。
accountability: 违反规定选拔任用干部的，依规追究责任。
disclosure: {{scope: leadership, timing: periodic, carriers: [briefing]}}
procedures:
  - kind: general
    steps:
      - {{id: request, name: 申请, type: start, actor: 组织人事科, next: [check]}}
      - {{id: check, name: 审核, post: reviewer, time_limit: {{days: 3, unit: working}}, next: [approve]}}
      - {{id: approve, name: 审批, type: decision, post: chief, time_limit: {{days: 2, unit: working}}, next: [execute]}}
      - {{id: execute, name: 执行, type: end}}
internal:
  - step: check
    tasks:
      - {{post: reviewer, duty: 资格审查, time_limit: {{days: 2, unit: working}}}}
      - {{post: section-chief, duty: 科长复核, time_limit: {{days: 1, unit: working}}}}
"""

FILES = {
    "catalogs/demo/powers/XK-DEMO-001.yaml": power("XK-DEMO-001", "建筑工程施工许可证核发").replace(
        "duties:", "conditions: [已经办理该建筑工程用地批准手续, 有满足施工需要的资金安排]\n"
                   "materials: [建筑工程施工许可证申请表, 施工图设计文件审查合格书]\nduties:"),
    "catalogs/demo/powers/XK-DEMO-002.yaml": power("XK-DEMO-002", "对燃气经营者改动市政燃气设施的审批",
                                                   **{"category: licensing": "category: licensing\nstatus: repealed"}),
    "catalogs/demo/powers/XK-DEMO-003.yaml": power("XK-DEMO-003", "城镇污水排入排水管网许可",
                                                   **{"category: licensing": "category: licensing\nstatus: suspended"}),
    f"catalogs/demo/powers/{SECRET_CODE}.yaml": SECRET,
}
PUBLIC_CODES = ["XK-DEMO-001", "XK-DEMO-002", "XK-DEMO-003"]


def git(root: Path, *args: str, date: str = "2024-03-05T10:00:00+08:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    """The fixture catalog in git: everything committed 2024-03-05, XK-DEMO-001 changed 2024-06-01."""
    (tmp_path / "repo").mkdir()
    root = write_repo(tmp_path / "repo", dict(FILES))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "catalog")
    path = root / "catalogs/demo/powers/XK-DEMO-001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("李明(副局长)", "李明(局长)"), encoding="utf-8")
    git(root, "commit", "-qam", "leader", date="2024-06-01T09:00:00+08:00")
    return root


def tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_fixture_is_clean(catalog: Path) -> None:
    from powercat.lint.engine import validate

    assert [d.code for d in validate(catalog, use_cache=False).diagnostics if d.severity.value == "error"] == []


def test_public_site_pages_and_fields(catalog: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = publish(catalog, site, fulltext=False)
    assert result.powers == 3
    for page in ["index.html", "departments/demo/index.html", "categories/licensing/index.html", "search/index.html",
                 "data/index.html", "404.html", *(f"powers/{c}/index.html" for c in PUBLIC_CODES)]:
        html = (site / page).read_text(encoding="utf-8")
        assert '<html lang="zh-CN">' in html, page
        assert 'href="#main"' in html and 'id="main"' in html, page
    page = (site / "powers/XK-DEMO-001/index.html").read_text(encoding="utf-8")
    for text in ["《中华人民共和国建筑法》", "第七条", "建筑工程开工前，建设单位应当按照国家有关规定", "已经办理该建筑工程用地批准手续",
                 "施工图设计文件审查合格书", "法定时限", "20个工作日", "承诺时限", "5个工作日", "不收费", "要求说明理由",
                 "申请行政复议", "提起行政诉讼", "局纪检监察室", "12345 政务服务便民热线", "0000-1234567", "向社会公开",
                 "及时公开", "网站、办事指南", "行政审批科", "李明(局长)", "流程文字版", "窗口受理岗"]:
        assert text in page, text
    # the flowchart inline (its own title and description), next to its text equivalent, and its own file
    assert re.search(r'<svg [^>]*class="chart" style="width:[\d.]+rem"[^>]*role="img"', page)
    assert '<title id="pc-XK-DEMO-001-external-0-title">' in page and 'id="node1"' not in page
    assert 'href="../../powers/XK-DEMO-001/external-0.svg"' in page
    assert (site / "powers/XK-DEMO-001/external-0.svg").read_bytes().startswith(b"<?xml")
    assert (site / "categories/licensing/flowchart.svg").exists()
    assert re.search(r'<ol class="steps">\s*<li id="p0-apply">', page)
    # the last change from git, and the status banners
    assert '<time datetime="2024-06-01">' in page
    assert '<time datetime="2024-03-05">' in (site / "powers/XK-DEMO-002/index.html").read_text(encoding="utf-8")
    assert "本事项已取消" in (site / "powers/XK-DEMO-002/index.html").read_text(encoding="utf-8")
    assert "本事项暂停实施" in (site / "powers/XK-DEMO-003/index.html").read_text(encoding="utf-8")
    assert "内部版" not in page and "noindex" not in page


def test_public_build_never_leaks(catalog: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(catalog, site, base_url="https://example.gov.cn/qlqd")
    files = tree(site)
    assert not any(SECRET_CODE in name for name in files)
    leaks = [name for name, data in files.items() if SECRET_CODE.encode() in data or SECRET_NAME.encode() in data]
    assert leaks == []
    # the internal categories of the secret power leave no trace either
    assert not (site / "categories/internal_management").exists()
    sitemap = files["sitemap.xml"].decode()
    assert sitemap.count("<loc>") == len(PUBLIC_CODES) + 6  # home, 1 department, 1 category, a-z, search, data
    assert "<loc>https://example.gov.cn/qlqd/powers/XK-DEMO-001/</loc><lastmod>2024-06-01</lastmod>" in sitemap
    # Pagefind's index is compressed: count what it indexed instead
    bundles = json.loads(files["pagefind/bundles.json"])  # one per department
    assert bundles == ["demo"] and "pagefind/demo/pagefind.js" in files
    entry = json.loads(files["pagefind/demo/pagefind-entry.json"])
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == len(PUBLIC_CODES)
    rows = json.loads(files["search/index.json"])
    assert [r["c"] for r in rows if "t" not in r] == PUBLIC_CODES
    assert [r["u"] for r in rows if "t" in r] == ["departments/demo/"]


def test_internal_build_has_everything(catalog: Path, tmp_path: Path) -> None:
    site = tmp_path / "internal"
    result = publish(catalog, site, audience="internal", fulltext=False)
    assert result.powers == 4
    page = (site / f"powers/{SECRET_CODE}/index.html").read_text(encoding="utf-8")
    assert SECRET_NAME in page and "内部版" in page and '<meta name="robots" content="noindex, nofollow">' in page
    assert "领导班子内部公开" in page and "内部流程" in page and "资格审查" in page
    assert (site / f"powers/{SECRET_CODE}/internal.svg").exists()
    assert "Disallow: /" in (site / "robots.txt").read_text(encoding="utf-8")
    assert SECRET_CODE in (site / "data/powers.csv").read_text(encoding="utf-8-sig")


def test_two_builds_are_byte_identical(catalog: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    publish(catalog, a, base_url="https://example.gov.cn/")
    publish(catalog, b, base_url="https://example.gov.cn/")
    ta, tb = tree(a), tree(b)
    assert sorted(ta) == sorted(tb)
    assert [n for n in ta if ta[n] != tb[n]] == []
    assert "data/powers.xlsx" in ta and any(n.startswith("pagefind/") for n in ta)


def test_open_data_files(catalog: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    site = tmp_path / "site"
    publish(catalog, site, fulltext=False, flowcharts=False)
    raw = (site / "data/powers.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["事项编码"] for r in rows] == PUBLIC_CODES  # Chinese headers, for Excel users
    assert rows[0]["法定时限"] == "20个工作日" and rows[1]["状态"] == "已取消"
    assert raw.decode("utf-8-sig").splitlines()[1].startswith('"XK-DEMO-001",')  # quoted: text, never a number
    sheet = load_workbook(site / "data/powers.xlsx").active
    assert [c.value for c in sheet["A"]][1:] == PUBLIC_CODES
    assert sheet["A2"].data_type == "s" and sheet["A2"].number_format == "@"
    doc = json.loads((site / "data/powers.json").read_text(encoding="utf-8"))
    assert [p["code"] for p in doc["powers"]] == PUBLIC_CODES
    assert doc["powers"][0]["last_changed"] == "2024-06-01" and "internal" not in doc["powers"][0]
    package = json.loads((site / "data/datapackage.json").read_text(encoding="utf-8"))
    download_page = (site / "data/index.html").read_text(encoding="utf-8")
    assert {r["path"] for r in package["resources"]} == {"powers.json", "powers.csv", "powers.xlsx", "records.csv",
                                                         "records.json", "complaints.csv", "complaints.json"}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    for res in package["resources"]:
        data = (site / "data" / res["path"]).read_bytes()
        assert res["bytes"] == len(data)
        assert res["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        assert hashlib.sha256(data).hexdigest() in download_page
    csv_res = next(r for r in package["resources"] if r["format"] == "csv")
    assert [f["name"] for f in csv_res["schema"]["fields"]] == list(rows[0])
    pkg = (site / "data/datapackage.json").read_bytes()
    assert hashlib.sha256(pkg).hexdigest() in download_page


def test_refuses_a_catalog_with_errors(repo, tmp_path: Path) -> None:  # noqa: ANN001
    root = repo({"catalogs/demo/powers/XK-DEMO-001.yaml": power("XK-DEMO-001", "施工许可").replace("scope: public", "scope: internal")})
    with pytest.raises(PublishRefused):
        publish(root, tmp_path / "site")
    res = CliRunner().invoke(app, ["publish", "--root", str(root), "--out", str(tmp_path / "site")])
    assert res.exit_code == 1
    assert "目录有 1 个错误，拒绝发布" in res.output and "--allow-errors" in res.output
    assert not (tmp_path / "site").exists()
    res = CliRunner().invoke(app, ["publish", "--root", str(root), "--out", str(tmp_path / "site"), "--allow-errors",
                                   "--no-fulltext"])
    assert res.exit_code == 0, res.output
    # the power with scope internal is not public, error or not
    assert not (tmp_path / "site/powers/XK-DEMO-001").exists()


def test_output_folder_safety(catalog: Path, tmp_path: Path) -> None:
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(PublishError, match="不是 powercat 生成的网站"):
        publish(catalog, foreign, fulltext=False, flowcharts=False)
    assert (foreign / "notes.txt").read_text(encoding="utf-8") == "keep me"
    site = tmp_path / "site"
    publish(catalog, site, audience="internal", fulltext=False, flowcharts=False)
    publish(catalog, site, fulltext=False, flowcharts=False)  # a rebuild starts from scratch: no internal page left over
    assert not (site / f"powers/{SECRET_CODE}").exists()


def test_repository_templates_override_the_package(catalog: Path, tmp_path: Path) -> None:
    (catalog / "templates").mkdir()
    (catalog / "templates/404.html").write_text(
        '{% extends "base.html" %}{% block title %}找不到{% endblock %}{% block content %}<h1>本县自定义</h1>{% endblock %}',
        encoding="utf-8")
    publish(catalog, tmp_path / "site", fulltext=False, flowcharts=False)
    assert "<h1>本县自定义</h1>" in (tmp_path / "site/404.html").read_text(encoding="utf-8")


def test_outside_git_there_is_no_date(repo, tmp_path: Path) -> None:  # noqa: ANN001
    root = repo({"catalogs/demo/powers/XK-DEMO-001.yaml": BASE})
    publish(root, tmp_path / "site", fulltext=False, flowcharts=False)
    page = (tmp_path / "site/powers/XK-DEMO-001/index.html").read_text(encoding="utf-8")
    assert "最近修改" not in page and "<time" not in page


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, bool]] = []  # (url, loaded by the browser itself)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ANN001
        a = dict(attrs)
        if a.get("src"):
            self.links.append((a["src"], True))
        if tag == "a" and a.get("href"):
            self.links.append((a["href"], False))
        if tag == "link" and a.get("rel") != "canonical":
            self.links.append((a["href"], True))
        if a.get("id"):
            self.ids.add(a["id"])


def broken_links(site: Path) -> list[str]:
    """Every internal link (and #fragment) of every page that leads nowhere, and any third-party asset."""
    pages = {p: _Links() for p in site.rglob("*.html")}
    for p, parser in pages.items():
        parser.feed(p.read_text(encoding="utf-8"))
    broken = []
    for p, parser in pages.items():
        if p.name == "404.html":
            continue
        for link, asset in parser.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                if asset and parts.scheme != "data":
                    broken.append(f"{p.relative_to(site)}: third-party asset {link}")
                continue
            target = (p.parent / unquote(parts.path)).resolve() if parts.path else p
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{p.relative_to(site)}: {link}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in pages[target].ids:
                broken.append(f"{p.relative_to(site)}: {link} (no such id)")
    return broken


def test_no_broken_internal_links_and_no_third_party_assets(catalog: Path, tmp_path: Path) -> None:
    for audience in ("public", "internal"):
        site = tmp_path / audience
        publish(catalog, site, audience=audience, fulltext=False)
        assert broken_links(site) == []


def recall(rows: list[dict], query_of, key: str = "c") -> float:  # noqa: ANN001
    hits = sum(1 for r in rows if r[key] in {m[key] for m in matches(rows, query_of(r))})
    return hits / len(rows)


def test_search_finds_every_name_code_department_and_category(catalog: Path, tmp_path: Path) -> None:
    publish(catalog, tmp_path / "site", fulltext=False, flowcharts=False)
    rows = json.loads((tmp_path / "site/search/index.json").read_text(encoding="utf-8"))
    rows = [r for r in rows if "t" not in r]  # the powers (departments and months have rows too)
    assert recall(rows, lambda r: r["n"]) == 1.0
    assert recall(rows, lambda r: r["c"].lower()) == 1.0
    assert sorted(r["c"] for r in matches(rows, "示例县测试局")) == PUBLIC_CODES
    assert sorted(r["c"] for r in matches(rows, "行政许可")) == PUBLIC_CODES
    # what Pagefind missed: a term after 对/与, a quoted phrase, full-width input
    assert [r["c"] for r in matches(rows, "燃气经营者")] == ["XK-DEMO-002"]
    assert [r["c"] for r in matches(rows, "“排入排水管网”")] == ["XK-DEMO-003"]
    assert [r["c"] for r in matches(rows, "ＸＫ－ＤＥＭＯ－００３")] == ["XK-DEMO-003"]
    assert [r["c"] for r in matches(rows, "许可 污水")] == ["XK-DEMO-003"]


def demo_rows(tmp_path: Path) -> list[dict]:
    if not list((REPO / "catalogs").glob("*/powers/*.yaml")):
        pytest.skip("the demo catalogs are not there yet")
    site = tmp_path / "demo"
    publish(REPO, site, allow_errors=True, flowcharts=False, fulltext=False)
    return [r for r in json.loads((site / "search/index.json").read_text(encoding="utf-8")) if "t" not in r]


def test_search_recall_on_the_demo_catalog(tmp_path: Path) -> None:
    rows = demo_rows(tmp_path)
    assert rows
    assert recall(rows, lambda r: r["n"]) == 1.0  # every name finds its power
    assert recall(rows, lambda r: r["c"]) == 1.0
    # every part of a name after 对 or 与 (where Pagefind lost 30-45% of pages)
    tails = [(r, re.split("[对与]", r["n"], maxsplit=1)[1]) for r in rows if re.search("[对与].", r["n"])]
    assert all(r in matches(rows, tail) for r, tail in tails)
    for dept in {r["d"] for r in rows}:
        assert {r["c"] for r in rows if r["d"] == dept} <= {m["c"] for m in matches(rows, dept)}


def test_index_rows_are_the_shown_powers_only(catalog: Path) -> None:
    from powercat.catalog.loader import load_catalog
    from powercat.site.views import PowerView, is_public

    views = [PowerView(lp, None, None) for lp in load_catalog(catalog).powers() if is_public(lp.power)]
    assert [r["c"] for r in index_rows(views)] == PUBLIC_CODES


def test_publish_after_render_reuses_its_flowcharts(catalog: Path, tmp_path: Path) -> None:
    from powercat.charts.render import draw

    drawn = draw(catalog)  # build/flowcharts, as `powercat render` does
    assert drawn.written
    stamps = {p: p.stat().st_mtime_ns for p in drawn.written}
    site = tmp_path / "site"
    publish(catalog, site, fulltext=False)
    assert all(p.stat().st_mtime_ns == t for p, t in stamps.items())  # nothing drawn again
    assert not (catalog / ".powercat" / "flowcharts").exists()
    svgs = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.svg"))
    assert svgs and all(s.startswith(("powers/", "categories/")) for s in svgs)
    public_internal = [s for s in svgs if s.endswith("/internal.svg")]
    assert public_internal == []  # a public site shows no internal flowchart, reused or not


def test_power_pages_show_the_cited_articles_from_the_law_library(tmp_path: Path) -> None:
    """With a law library, each legal basis on a power page opens the whole article it cites,
    marked with the edition it was checked against."""
    site = tmp_path / "site"
    publish(REPO, site, flowcharts=False, fulltext=False, as_of=dt.date(2026, 6, 1))
    page = (site / "powers" / "CF-ZJJ-001" / "index.html").read_text(encoding="utf-8")
    assert "查看法条全文（已与法规库核对：《建设工程质量管理条例》2019-04-23版）" in page
    assert "处工程合同价款1%以上2%以下的罚款。" in page
    assert "<b>第五十七条</b>" in page

"""The site's 运行情况 and month pages: statuses with real holiday dates, no leak, deterministic dates."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powercat.cli import app
from powercat.catalog.loader import load_catalog
from powercat.site.build import PublishRefused, publish
from powercat.site.records import reference_date

from .test_publish import SECRET, SECRET_CODE, SECRET_NAME, git, power, tree

TIMELY = "disclosure: {scope: public, timing: timely, within_days: 7, carriers: [website]}"
FILES = {
    # PC803 rests on no statute (a warning); this county's regulation makes it an error, named here
    "powercat.toml": '[site]\ntitle = "测试"\n\n[rules]\nPC803 = { level = "error", basis = "示例省行政权力公开运行条例第二十条" }\n',
    "catalogs/demo/powers/XK-DEMO-001.yaml": power(
        "XK-DEMO-001", "建筑工程施工许可证核发",
        **{"disclosure: {scope: public, timing: timely, within_days: 20, carriers: [website, service_guide]}": TIMELY}),
    f"catalogs/demo/powers/{SECRET_CODE}.yaml": SECRET,
    "records/demo/2024-09.yaml": f"""\
- power: XK-DEMO-001
  case: 城东小学教学楼施工许可
  exercised_on: 2024-09-23
  recorded_on: 2024-09-24
  result: 准予许可
  disclosed_on: 2024-09-25
  disclosure_url: https://demo.example.gov.cn/xxgk/0925.html
- power: {SECRET_CODE}
  case: 某科长拟任人选考察
  exercised_on: 2024-09-26
  recorded_on: 2024-09-26
  result: 考察通过
- complaint: TS-2024-001
  received_on: 2024-09-30
  replied_on: 2024-10-18
  summary: 反映施工许可公示信息不全
- complaint: TS-2024-002
  power: XK-DEMO-001
  received_on: 2024-09-30
  summary: 反映施工许可办理进度慢
- complaint: TS-2024-003
  power: {SECRET_CODE}
  received_on: 2024-09-30
  replied_on: 2024-10-08
  summary: 反映考察程序不规范
""",
    "records/demo/2024-08.yaml": """\
- power: XK-DEMO-001
  case: 城西中学食堂施工许可
  exercised_on: 2024-08-05
  recorded_on: 2024-08-06
  result: 准予许可
  disclosed_on: 2024-08-07
  disclosure_url: "javascript:alert(1)"
""",
}
MONTH = "departments/demo/records/2024-09/index.html"


def _text(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def _row(html: str, text: str) -> str:
    """The table row holding ``text``, tags removed."""
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html, re.DOTALL) if text in r)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()


@pytest.fixture
def catalog(repo) -> Path:
    """The fixture in git, committed on 2024-10-21 (after TS-2024-002 fell due on 2024-10-18)."""
    root = repo(dict(FILES))
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-qm", "catalog and records", date="2024-10-21T10:00:00+08:00")
    return root


def test_month_pages_and_statuses_as_of_the_commit_date(catalog: Path, tmp_path: Path) -> None:
    with pytest.raises(PublishRefused):  # TS-2024-002 is overdue as of the commit: PC803
        publish(catalog, tmp_path / "refused", fulltext=False, flowcharts=False)
    site = tmp_path / "site"
    publish(catalog, site, allow_errors=True, fulltext=False, flowcharts=False)
    month = _text(site, MONTH)
    assert re.search(r"<h1>\S+ 2024年9月行政权力运行情况</h1>", month)
    assert '统计截至 <time datetime="2024-10-21">2024-10-21</time>（目录最近一次提交的日期）' in month
    # received the Monday before National Day: due 2024-10-18 (holiday skipped, 调休 Saturday 10-12 counted)
    assert _row(month, "反映施工许可公示信息不全") == "反映施工许可公示信息不全 — 2024-09-30 2024-10-18 2024-10-18 按时答复"
    assert _row(month, "反映施工许可办理进度慢") == "反映施工许可办理进度慢 建筑工程施工许可证核发 2024-09-30 2024-10-18 — 已逾期"
    record = _row(month, "城东小学教学楼施工许可")
    assert record == ("城东小学教学楼施工许可 建筑工程施工许可证核发 2024-09-23 2024-09-24 准予许可 "
                      "2024-09-25 按时公开 查看公开信息 ：城东小学教学楼施工许可")
    assert '<a href="../../../../powers/XK-DEMO-001/">建筑工程施工许可证核发</a>' in month
    assert 'href="https://demo.example.gov.cn/xxgk/0925.html"' in month
    # accessible tables: a caption, column and row headers
    assert month.count("<caption>") == 2 and 'scope="col"' in month and 'scope="row"' in month
    assert "<caption>2024年9月行政权力动态情况登记表</caption>" in month
    august = _text(site, "departments/demo/records/2024-08/index.html")
    assert "城西中学食堂施工许可" in august and 'href="javascript:' not in august  # only http(s) is linked
    assert not (site / "departments/demo/records/2024-10").exists()


def test_department_page_shows_the_figures_and_links_the_months(catalog: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(catalog, site, allow_errors=True, fulltext=False, flowcharts=False)
    page = _text(site, "departments/demo/index.html")
    runs = page[page.index('<h2 id="h-runs">'):]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", runs))
    assert "运行情况" in text and "统计截至 2024-10-21" in text
    assert "事项数 1 项：行政许可 1 项" in text
    assert "目录完整率 100.0%（1 项中 1 项没有错误）" in text
    assert "办理登记 2 条，其中公开逾期 0 条" in text
    assert "投诉举报 2 件，其中答复逾期 1 件" in text
    assert "逾期情况（1 项）" in text and "反映施工许可办理进度慢" in text and "已逾期" in text
    assert '<a href="../../departments/demo/records/2024-09/">2024年9月</a>' in runs
    assert runs.index("2024年9月") < runs.index("2024年8月")  # newest first


def test_public_build_leaves_out_records_of_non_public_powers(catalog: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish(catalog, site, allow_errors=True, fulltext=False, flowcharts=False, base_url="https://example.gov.cn/")
    files = tree(site)
    leaks = [n for n, data in files.items()
             if any(s.encode() in data for s in (SECRET_CODE, SECRET_NAME, "某科长拟任人选考察", "反映考察程序不规范"))]
    assert leaks == []
    assert b"TS-2024-00" not in files[MONTH]  # complaint numbers are internal
    sitemap = files["sitemap.xml"].decode()
    assert ("<loc>https://example.gov.cn/departments/demo/records/2024-09/</loc><lastmod>2024-10-21</lastmod>"
            in sitemap)
    assert b"departments/demo/records/2024-09/" in files["search/index.json"]  # month pages are found too
    assert b"TS-2024-00" not in files["search/index.json"] + files["search/text.json"]

    internal = tmp_path / "internal"
    publish(catalog, internal, audience="internal", allow_errors=True, fulltext=False, flowcharts=False)
    month = _text(internal, MONTH)
    assert "某科长拟任人选考察" in month and "反映考察程序不规范" in month and "TS-2024-003" in month
    assert f'<a href="../../../../powers/{SECRET_CODE}/">{SECRET_NAME}</a>' in month
    dept = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", _text(internal, "departments/demo/index.html")))
    assert "办理登记 3 条" in dept and "投诉举报 3 件" in dept


def test_builds_are_deterministic_and_as_of_overrides(catalog: Path, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    publish(catalog, a, allow_errors=True, fulltext=False, flowcharts=False, base_url="https://example.gov.cn/")
    publish(catalog, b, allow_errors=True, fulltext=False, flowcharts=False, base_url="https://example.gov.cn/")
    ta, tb = tree(a), tree(b)
    assert sorted(ta) == sorted(tb) and [n for n in ta if ta[n] != tb[n]] == []
    # as of the deadline itself TS-2024-002 is still open: no error, 办理中
    c = tmp_path / "c"
    publish(catalog, c, as_of=dt.date(2024, 10, 18), fulltext=False, flowcharts=False)
    month = _text(c, MONTH)
    assert _row(month, "反映施工许可办理进度慢").endswith("2024-09-30 2024-10-18 — 办理中")
    assert "（发布时指定的统计日期）" in month


def test_reference_date_outside_git_is_the_newest_record_date(repo) -> None:
    catalog = load_catalog(repo(dict(FILES)))
    ref = reference_date(catalog)
    assert (ref.day, ref.source) == (dt.date(2024, 10, 18), "records")  # TS-2024-001's reply
    assert reference_date(catalog, dt.date(2025, 1, 2)).source == "option"


def test_cli_as_of(catalog: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["publish", "--root", str(catalog), "--out", str(tmp_path / "site"), "--no-flowcharts", "--no-fulltext"]
    done = runner.invoke(app, [*args, "--as-of", "2024-10-18"])
    assert done.exit_code == 0, done.output
    assert '<time datetime="2024-10-18">2024-10-18</time>（发布时指定的统计日期）' in _text(tmp_path / "site", MONTH)
    bad = runner.invoke(app, [*args, "--as-of", "2024/10/18"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output

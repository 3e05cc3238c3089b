"""The site trusts no text it is given beyond its use: [site] base_url is checked like --base-url,
and a catalog repository's templates run in a sandbox and may not read files outside it
(docs/security.md)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from powercat.cli import app

from .conftest import CASES, write_repo

runner = CliRunner()
BASE = (CASES / "_power.yaml").read_text(encoding="utf-8")
POWER = "catalogs/demo/powers/XK-DEMO-001.yaml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "repo").mkdir()
    return write_repo(tmp_path / "repo", {POWER: BASE})


def _publish(root: Path, out: Path, *more: str):  # noqa: ANN202
    return runner.invoke(app, ["publish", "--root", str(root), "--out", str(out), "--no-fulltext", "--no-flowcharts",
                               *more])


@pytest.mark.parametrize("url", ['"javascript:alert(1)//"', '"https://x.example/\\"onmouseover=alert(1)"',
                                 '"http://"', '"//evil.example/"', '"https://x.example/<script>"', "5",
                                 '"https://x.example/ a"', '"data:text/html,<script>alert(1)</script>"'])
def test_base_url_in_powercat_toml_is_checked_like_the_option(root: Path, tmp_path: Path, url: str) -> None:
    (root / "powercat.toml").write_text(f'[site]\ntitle = "测试"\nbase_url = {url}\n', encoding="utf-8")
    out = tmp_path / "site"
    result = _publish(root, out)
    assert result.exit_code == 2, result.output
    assert "powercat.toml 的 [site] base_url" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_a_good_base_url_from_powercat_toml_reaches_the_pages(root: Path, tmp_path: Path) -> None:
    (root / "powercat.toml").write_text('[site]\ntitle = "测试"\nbase_url = "https://powers.example.gov.cn/zjj"\n',
                                        encoding="utf-8")
    out = tmp_path / "site"
    assert _publish(root, out).exit_code == 0
    assert '<link rel="canonical" href="https://powers.example.gov.cn/zjj/powers/XK-DEMO-001/">' in \
        (out / "powers/XK-DEMO-001/index.html").read_text(encoding="utf-8")
    assert _publish(root, tmp_path / "other", "--base-url", "javascript:alert(1)").exit_code == 2
    assert _publish(root, tmp_path / "other", "--base-url", "https://a.example/\"x").exit_code == 2


PAYLOADS = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch PWNED').read() }}",
    "{{ self.__init__.__globals__.__builtins__.open('PWNED', 'w') }}",
    "{{ t.__globals__ }}",
    "{{ lipsum.__globals__['os'].system('touch PWNED') }}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_repositorys_template_runs_no_python(root: Path, tmp_path: Path, payload: str, monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.chdir(tmp_path)
    (root / "templates").mkdir()
    (root / "templates" / "home.html").write_text('{% extends "base.html" %}{% block content %}' + payload +
                                                  "{% endblock %}", encoding="utf-8")
    out = tmp_path / "site"
    result = _publish(root, out)
    assert result.exit_code == 2 and "模板错误" in result.output, result.output
    assert not (tmp_path / "PWNED").exists() and not (root / "PWNED").exists() and not out.exists()


def test_a_repositorys_template_still_shows_the_catalog(root: Path, tmp_path: Path) -> None:
    (root / "templates").mkdir()
    (root / "templates" / "home.html").write_text(
        '{% extends "base.html" %}{% block content %}<p id="own">{{ site.title }} · {{ total }} 项'
        "{% for d, dept, items in departments %} {{ dept.name }}{% endfor %}</p>{% endblock %}", encoding="utf-8")
    out = tmp_path / "site"
    result = _publish(root, out)
    assert result.exit_code == 0, result.output
    assert '<p id="own">测试 · 1 项 示例县测试局</p>' in (out / "index.html").read_text(encoding="utf-8")


def test_a_template_that_links_out_of_the_repository_is_refused(root: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CSS-7d1", encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates" / "style.css").symlink_to(secret)
    out = tmp_path / "site"
    result = _publish(root, out)
    assert result.exit_code == 2 and "templates/" in result.output and "SECRET-CSS-7d1" not in result.output
    assert not out.exists()
    (root / "templates" / "style.css").unlink()
    (root / "templates" / "base.html").symlink_to(secret)
    result = _publish(root, out)
    assert result.exit_code == 2 and not out.exists()

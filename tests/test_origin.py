"""powercat.origin: where this powercat came from, as `init` pins it and SARIF links its rules."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from powercat import origin as origin_mod
from powercat.adopt.pin import ci_pin
from powercat.origin import HOME, Origin, origin, web_url

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("remote", "url"), [
    ("git@github.com:someone/powercat.git", "https://github.com/someone/powercat"),
    ("https://github.com/someone/powercat.git", "https://github.com/someone/powercat"),
    ("ssh://git@gitlab.example.gov.cn/legal/powercat", "https://gitlab.example.gov.cn/legal/powercat"),
    ("git+https://github.com/someone/powercat", "https://github.com/someone/powercat"),
    ("/srv/git/powercat", None),  # a local path has no web page
    ("file:///srv/git/powercat", None),
    ("https://github.com/", None),
])
def test_web_url(remote: str, url: str | None) -> None:
    assert web_url(remote) == url


def test_this_checkout_is_its_own_origin() -> None:
    """Run from a git checkout (as the tests are), powercat knows its commit; the repository is
    the checkout's `origin` remote when it has a web address, else the package's."""
    origin.cache_clear()
    here = origin()
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    assert here.ref == head and here.pinned and here.repository
    assert here.rule_page("PC304") == f"{here.repository}/blob/{head}/docs/rules/PC304.md"


def test_the_environment_wins_and_an_unknown_commit_is_said(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POWERCAT_ORIGIN", "https://github.com/someone/powercat@" + "a" * 40)
    origin.cache_clear()
    try:
        assert origin() == Origin("https://github.com/someone/powercat", "a" * 40)
        pin, warnings = ci_pin()
        assert pin["@@ACTION@@"] == "someone/powercat@" + "a" * 40 and warnings == []
    finally:
        origin.cache_clear()
    pin, warnings = ci_pin(Origin(None, None))  # an install from a package index: no commit known
    assert pin["@@ACTION@@"] == "powercat/powercat@v0.1.0" and pin["@@REPOSITORY@@"] == HOME
    assert [w.key for w in warnings] == ["init.unpinned"]
    assert "v0.1.0" in warnings[0].text("zh-CN") and "40 位提交号" in warnings[0].text("zh-CN")
    assert Origin(HOME, "main").rule_page("PC100") == f"{HOME}/blob/main/docs/rules/PC100.md"
    assert not Origin(HOME, "main").pinned and Origin(HOME, None).rule_page("PC100") is None
    assert origin_mod.SHA.fullmatch("a" * 40)

"""A small catalog for the language server's tests, and helpers to drive the server."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from lsprotocol import types

POWER = """\
code: XK-DEMO-001
name: 建筑工程施工许可证核发
category: licensing
handling_unit: 行政审批科
leader: 李明(副局长)
legal_basis:
  - {law: 中华人民共和国建筑法, level: law, article: 第七条, text: 建筑工程开工前，建设单位应当……申请领取施工许可证}
duties: 对申请材料进行审查，对符合条件的申请颁发施工许可证。
accountability: 对不符合条件的申请颁发许可的，依照行政许可法第七十四条追究责任。
time_limit:
  statutory: {days: 20, unit: working}
  promised: {days: 5, unit: working}
rights: [{type: explanation}, {type: statement}, {type: defense}, {type: reconsideration}, {type: litigation}]
disclosure: {scope: public, timing: timely, within_days: 20, carriers: [website, service_guide]}
guide:
  ways: [window]
  places: [{name: 县政务服务中心住建窗口, address: 示例县政务服务中心二楼, hours: 周一至周五 8:30-17:30}]
procedures:
  - kind: general
    steps:
      - {id: apply, name: 申请, type: start, actor: 申请人, next: [accept]}
      - {id: accept, name: 受理, post: window, time_limit: {days: 1, unit: working}, next: [review]}
      - id: review
        name: 审查
        type: decision
        post: reviewer
        time_limit: {days: 2, unit: working}
        next: [decide]
      - {id: decide, name: 决定, post: chief, time_limit: {days: 1, unit: working}, next: [deliver]}
      - {id: deliver, name: 送达, type: end}
risks:
  - {step: review, description: 审查不严, level: high, controls: [双人审查]}
"""
POWER_REL = "catalogs/demo/powers/XK-DEMO-001.yaml"
OTHER_REL = "catalogs/demo/powers/XK-DEMO-002.yaml"
DEPT_REL = "catalogs/demo/department.yaml"


def other_power() -> str:
    return POWER.replace("XK-DEMO-001", "XK-DEMO-002").replace("建筑工程施工许可证核发", "燃气经营许可")


def lines(text: str) -> list[str]:
    return text.split("\n")


def find(text: str, needle: str, nth: int = 0) -> types.Position:
    """The position of the ``nth`` occurrence of ``needle`` (characters = UTF-16 here: no astral text)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start)
    return types.Position(line=line, character=start - (text.rfind("\n", 0, start) + 1))


async def wait_for(predicate, timeout: float = 20.0) -> None:
    """Until ``predicate()`` holds (diagnostics arrive as notifications, in their own time)."""
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise AssertionError("timed out waiting for the server")
        await asyncio.sleep(0.02)


def uri(root: Path, rel: str) -> str:
    return (root / rel).as_uri()

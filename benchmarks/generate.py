"""Generate a deterministic, realistic catalog repository of N powers for benchmarks.

    python benchmarks/generate.py OUT --powers 10000 [--departments 40] [--defects 0.01]

Each power has Chinese text, 5-9 steps, an internal flow on most, risks, rights and a legal
basis; about ``--defects`` of the powers carry a planted defect (missing time limit, unknown
post, broken `next`, missing rights) so the linter has real work to report.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

CATS = ["licensing", "penalty", "coercion", "levy", "payment", "inspection", "confirmation", "reward",
        "adjudication", "other", "public_service", "non_licensing_approval", "fee"]
PREFIX = {"licensing": "XK", "penalty": "CF", "coercion": "QZ", "levy": "ZS", "payment": "JF", "inspection": "JC",
          "confirmation": "QR", "reward": "JL", "adjudication": "CJ", "other": "QT", "public_service": "GG",
          "non_licensing_approval": "SP", "fee": "SF"}
SUBJECTS = ["建筑工程", "食品经营", "危险化学品", "城镇燃气", "户外广告", "排水许可", "道路挖掘", "供热经营",
            "物业服务", "药品零售", "特种设备", "民办学校", "劳务派遣", "人力资源服务", "社会保险", "排污许可"]
ACTIONS = {"licensing": "许可证核发", "penalty": "违法行为的行政处罚", "coercion": "查封扣押",
           "levy": "费用征收", "payment": "补贴发放", "inspection": "监督检查", "confirmation": "登记确认",
           "reward": "表彰奖励", "adjudication": "权属争议裁决", "other": "备案", "public_service": "信息查询服务",
           "non_licensing_approval": "方案审批", "fee": "行政事业性收费"}
LAWS = [("中华人民共和国行政许可法", "law", "第四十二条", "除可以当场作出行政许可决定的外，行政机关应当自受理行政许可申请之日起二十日内作出行政许可决定。"),
        ("中华人民共和国行政处罚法", "law", "第六十条", "行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。"),
        ("中华人民共和国行政强制法", "law", "第二十五条", "查封、扣押的期限不得超过三十日"),
        ("建设工程质量管理条例", "administrative_regulation", "第十三条", "建设单位在开工前，应当按照国家有关规定办理工程质量监督手续")]
# the basis that creates a power of the category (the procedure laws above create none)
CREATING = {
    "licensing": ("中华人民共和国建筑法", "law", "第七条", "建筑工程开工前，建设单位应当按照国家有关规定向工程所在地县级以上人民政府建设行政主管部门申请领取施工许可证"),
    "penalty": ("建设工程质量管理条例", "administrative_regulation", "第五十七条", "处工程合同价款1%以上2%以下的罚款"),
    "coercion": ("中华人民共和国食品安全法", "law", "第一百一十条", "查封、扣押有证据证明不符合食品安全标准"),
}
TIMELY = {"licensing", "penalty", "coercion", "public_service", "non_licensing_approval", "confirmation",
          "payment", "reward", "adjudication", "levy", "fee", "other"}
POSTS = ["window", "reviewer", "section-chief", "chief", "legal"]


def _standard(cat: str) -> list[str]:
    """The category's standard step names from the profile, so generated powers follow it."""
    from powercat.catalog.profile import load_profile

    proc = load_profile().category(cat).procedures["general"]
    return [s.name for s in proc.steps if s.required]


def department(i: int) -> str:
    posts = "\n".join(f"  - {{id: {p}, name: 岗位{p}, duties: 依法履行{p}岗位职责, risk_level: medium}}" for p in POSTS)
    return f"""id: d{i:03d}
name: 示例省第{i}局
legal_reviewer: 示例省司法厅法制审核处
consultation:
  - {{name: 咨询电话, phone: 0000-8{i:06d}}}
supervision:
  - {{name: 纪检监察室, phone: 0000-7{i:06d}, kind: internal}}
  - {{name: 12345 热线, phone: "12345", kind: external}}
complaints:
  - {{name: 投诉电话, phone: 0000-6{i:06d}}}
posts:
{posts}
"""


def power(code: str, cat: str, rnd: random.Random, defect: str | None) -> str:
    names = ["开始"] + [n for n in _standard(cat) if n != "开始"]
    extra = rnd.randint(5, 9) - len(names) - 1
    names = names + [f"复核{k}" for k in range(max(0, extra))]
    lines = []
    for k, name in enumerate(names):
        sid = f"s{k}"
        nxt = f"s{k + 1}" if k + 1 < len(names) else "done"
        if defect == "next" and k == 1:
            nxt = "nowhere"
        kind = "start" if k == 0 else "task"
        post = "" if k == 0 else f", post: {POSTS[k % len(POSTS)]}"
        if defect == "post" and k == 2:
            post = ", post: ghost"
        limit = "" if k == 0 or (defect == "limit" and k == 1) else ", time_limit: {days: 1, unit: working}"
        actor = ", actor: 申请人" if k == 0 else ""
        lines.append(f"      - {{id: {sid}, name: {name}, type: {kind}{actor}{post}{limit}, next: [{nxt}]}}")
    lines.append("      - {id: done, name: 办结, type: end, rights: [reconsideration, litigation]}")
    law, level, art, text = LAWS[rnd.randrange(len(LAWS))]
    creating = CREATING.get(cat)
    if creating:  # a procedure law never creates a power: cite the one that does (PC205)
        law, level, art, text = creating
    rights = "" if defect == "rights" else """rights:
  - {type: explanation}
  - {type: statement}
  - {type: defense}
  - {type: information}
  - {type: recusal}
  - {type: compensation}
  - {type: reconsideration, note: 自知道之日起六十日内}
  - {type: litigation, note: 自知道之日起六个月内}
"""
    internal = "" if rnd.random() < 0.3 else """internal:
  - step: s1
    tasks:
      - {post: window, duty: 材料初审, time_limit: on_the_spot}
      - {post: reviewer, duty: 复核, time_limit: on_the_spot}
"""
    subject = SUBJECTS[rnd.randrange(len(SUBJECTS))]
    service = cat in ("licensing", "public_service")  # what a citizen applies for: its 办事指南 (PC607)
    timing = "timely, within_days: 20" if cat in TIMELY else "long_term"  # 信息公开条例第二十条 (PC604)
    guide = """guide:
  ways: [window, online]
  online_url: https://zwfw.example.gov.cn/
  places: [{name: 政务服务中心窗口, address: 示例市政务服务中心一楼, hours: 工作日 9:00-17:00}]
""" if service else ""
    materials = "materials:\n  - {name: 申请书, copies: 1, form: original, source: 申请人自备}\n" if service else ""
    coercion = "coercion_types: [seal_up, seize]\n" if cat == "coercion" else ""
    return f"""code: {code}
name: {subject}{ACTIONS[cat]}
category: {cat}
{coercion}handling_unit: 第{rnd.randint(1, 9)}科
leader: 王{rnd.randint(1, 99)}(副局长)
legal_basis:
  - law: {law}
    level: {level}
    article: {art}
    text: {text}
duties: 依法审查{subject}相关事项，对符合条件的依法作出决定，并对办理情况进行公开。
accountability: 对不依法履行职责的，依照有关法律法规追究相关人员责任。
time_limit:
  statutory: {{days: 20, unit: working}}
  promised: {{days: 15, unit: working}}
{materials}{guide}{rights}disclosure: {{scope: public, timing: {timing}, carriers: [website, service_guide]}}
risks:
  - {{step: s1, description: 对不符合条件的申请予以受理, level: high, controls: [窗口受理与审查分离, 受理情况每日公示]}}
procedures:
  - kind: general
    steps:
{chr(10).join(lines)}
{internal}"""


def generate(out: Path, powers: int, departments: int, defects: float, seed: int = 20261123) -> None:
    rnd = random.Random(seed)
    (out / "powercat.toml").parent.mkdir(parents=True, exist_ok=True)
    (out / "powercat.toml").write_text('[site]\ntitle = "基准测试省"\n[rules]\nPC204 = "off"\n', encoding="utf-8")
    kinds = ["limit", "post", "next", "rights"]
    for d in range(departments):
        folder = out / "catalogs" / f"d{d:03d}"
        (folder / "powers").mkdir(parents=True, exist_ok=True)
        (folder / "department.yaml").write_text(department(d), encoding="utf-8")
    for i in range(powers):
        cat = CATS[i % len(CATS)]
        d = i % departments
        code = f"{PREFIX[cat]}-D{d:03d}-{i:06d}"
        defect = kinds[i % len(kinds)] if rnd.random() < defects else None
        path = out / "catalogs" / f"d{d:03d}" / "powers" / f"{code}.yaml"
        path.write_text(power(code, cat, rnd, defect), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--powers", type=int, default=1000)
    ap.add_argument("--departments", type=int, default=0, help="default: powers / 250, at least 4")
    ap.add_argument("--defects", type=float, default=0.01)
    args = ap.parse_args()
    generate(args.out, args.powers, args.departments or max(4, args.powers // 250), args.defects)


if __name__ == "__main__":
    main()

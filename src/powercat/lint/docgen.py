"""Generate docs/rules/PCxxx.md (one page per code) and docs/rules/index.md.

    python -m powercat.lint.docgen docs          # write
    python -m powercat.lint.docgen docs --check  # exit 1 when the checked-in pages are stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from powercat import i18n as messages
from powercat.lint.ruledocs import page
from powercat.lint.rules import all_rules


def pages() -> dict[str, str]:
    """Relative path under docs/ -> Markdown, for every rule (zh-CN page with the English below)."""
    out: dict[str, str] = {}
    rows = ["# 规则 Rules", "", "| 代码 code | 级别 severity | 标题 | title |", "|---|---|---|---|"]
    for code, rule in all_rules().items():
        zh, en = page(code, "zh-CN"), page(code, "en")
        out[f"rules/{code}.md"] = zh + "\n---\n\n" + en.replace("# ", "## English: ", 1)
        rows.append(f"| [{code}]({code}.md) | {rule.severity} | {messages.title(code, 'zh-CN')} | "
                    f"{messages.title(code, 'en')} |")
    out["rules/index.md"] = "\n".join(rows) + "\n\n由 `python -m powercat.lint.docgen docs` 生成，请勿手工修改。\n"
    return out


def stale(docs: Path) -> list[str]:
    return [rel for rel, text in pages().items()
            if not (docs / rel).exists() or (docs / rel).read_text(encoding="utf-8") != text]


def write(docs: Path) -> list[Path]:
    written = []
    for rel, text in pages().items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    docs = Path(argv[0]) if argv else Path("docs")
    if "--check" in argv:
        bad = stale(docs)
        for rel in bad:
            print(f"stale: docs/{rel}  (run: python -m powercat.lint.docgen docs)")
        return 1 if bad else 0
    for path in write(docs):
        print(path.as_posix())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""`--format junit`: JUnit XML: one test suite per file, one failing test case per finding.

A checked file with no findings is one passing test case, so CI dashboards count clean files.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from powercat import i18n as messages
from powercat.lint.diagnostics import Report
from powercat.safe import xml_text


def format_report(report: Report, lang: str, color: bool = False) -> str:
    root = ET.Element("testsuites", name="powercat validate")
    by_file = {f: list(g) for f, g in groupby(report.diagnostics, key=lambda d: d.file)}
    total = failures = 0
    for rel in sorted(set(report.checked) | set(by_file)):
        diags, file = by_file.get(rel, []), xml_text(rel)  # XML holds no control character
        suite = ET.SubElement(root, "testsuite", name=file, tests=str(max(1, len(diags))),
                              failures=str(len(diags)), errors="0", skipped="0")
        if not diags:
            ET.SubElement(suite, "testcase", classname=file, name="powercat")
        for d in diags:
            case = ET.SubElement(suite, "testcase", classname=file, name=f"{d.code} {d.line}:{d.column}")
            msg = xml_text(messages.message(d.code, d.args, d.variant, lang))
            fail = ET.SubElement(case, "failure", message=msg, type=d.severity.value)
            hint = xml_text(messages.hint(d.code, d.args, d.variant, lang) or "")
            fail.text = f"{file}:{d.line}:{d.column} {d.code} {msg}" + (f"\n{hint}" if hint else "")
        total += max(1, len(diags))
        failures += len(diags)
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

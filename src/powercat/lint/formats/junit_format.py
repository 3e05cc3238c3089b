"""`--format junit`: JUnit XML: one test suite per file, one test case per finding.

A finding fails its test case only where it fails the run: an error, or a warning with
``--strict``. Other findings pass and carry their message in ``<system-out>``, so a CI test
report shows them without counting them as failures. A checked file with no findings is one
passing test case, so CI dashboards count clean files.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from itertools import groupby

from powercat import i18n as messages
from powercat.lint.diagnostics import Diagnostic, Report, Severity
from powercat.safe import xml_text


def fails(d: Diagnostic, strict: bool) -> bool:
    return d.severity == Severity.error or (strict and d.severity == Severity.warning)


def _case(suite: ET.Element, d: Diagnostic, lang: str, strict: bool) -> bool:
    case = ET.SubElement(suite, "testcase", classname=d.file, name=f"{d.code} {d.line}:{d.column}")
    msg = xml_text(messages.message(d.code, d.args, d.variant, lang))
    hint = xml_text(messages.hint(d.code, d.args, d.variant, lang) or "")
    text = f"{d.file}:{d.line}:{d.column} {d.code} {msg}" + (f"\n{hint}" if hint else "")
    if fails(d, strict):
        ET.SubElement(case, "failure", message=msg, type=d.severity.value).text = text
        return True
    ET.SubElement(case, "system-out").text = f"{messages.t('ui.' + d.severity.value, lang)}: {text}"
    return False


def format_report(report: Report, lang: str, color: bool = False, strict: bool = False) -> str:
    root = ET.Element("testsuites", name="powercat validate")
    by_file = {f: list(g) for f, g in groupby(report.diagnostics, key=lambda d: d.file)}
    total = failures = 0
    for rel in sorted(set(report.checked) | set(by_file)):
        diags, file = by_file.get(rel, []), xml_text(rel)  # XML holds no control character
        suite = ET.SubElement(root, "testsuite", name=file, tests=str(max(1, len(diags))),
                              errors="0", skipped="0")
        if not diags:
            ET.SubElement(suite, "testcase", classname=file, name="powercat")
        failed = sum(_case(suite, d, lang, strict) for d in diags)
        suite.set("failures", str(failed))
        total += max(1, len(diags))
        failures += failed
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

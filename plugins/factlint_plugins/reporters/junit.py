"""The ``junit`` output format: JUnit XML, for CI systems that show test results.

Each checked document is a test case; each finding in it is a ``<failure>``. A file
that could not be read is a test case with an ``<error>``, and so is a plugin crash.
As in JUnit, the ``failures`` and ``errors`` counts are of test cases (documents), not
of findings; the number of findings is in the suite's ``<properties>``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

import factlint
from factlint import Finding, RenderContext, Report, Reporter

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

PLUGIN_ERROR = "engine/plugin-error"
INPUT_ERROR = "engine/input-error"

@functools.cache
def _not_xml() -> re.Pattern[str]:
    """What XML 1.0 cannot carry at all, escaped or not (an article may still contain
    it); compiled on first use, as the pattern is slow to build and seldom needed."""
    return re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    return _not_xml().sub("\ufffd", text)


def failure_text(f: Finding) -> str:
    """``path:line:col severity rule message (suggestion: ...)``, then the related places."""
    suggestion = f" (suggestion: {f.suggestion})" if f.suggestion else ""
    lines = [f"{f.path}:{f.span.line}:{f.span.column} {f.severity.value} {f.rule} {f.message}{suggestion}"]
    lines.extend(f"    {r.path or f.path}:{r.span.line}:{r.span.column}: {r.message}: {r.text!r}" for r in f.related)
    return "\n".join(lines)


class JunitReporter(Reporter):
    """One ``<testsuite name="factlint">``: a test case per document, a failure per finding."""

    name = "junit"
    description = "JUnit XML, one test case per document, for CI test-report views"

    def __init__(self, out: TextIO, context: RenderContext | None = None) -> None:
        super().__init__(out, context)
        self._documents: set[str] = set()

    def document_done(self, path: str, findings: Sequence[Finding]) -> None:
        """Remember the document, so one without findings still gets its passing test case."""
        self._documents.add(path)

    def finish(self, report: Report) -> None:
        import xml.etree.ElementTree as ET  # only a JUnit run needs it: keep start-up short

        by_path: dict[str, list[Finding]] = {}
        for f in report.findings:
            by_path.setdefault(f.path, []).append(f)
        paths = sorted(self._documents | set(report.documents) | by_path.keys())

        cases: list[ET.Element] = []
        failed = errored = 0
        for path in paths:
            case = ET.Element("testcase", {"classname": _xml_text(path), "name": _xml_text(path)})
            findings = by_path.get(path, [])
            for f in findings:
                # A crash is an error of the run, not a problem in the article.
                tag = "error" if f.rule == PLUGIN_ERROR else "failure"
                child = ET.SubElement(case, tag, {"message": _xml_text(f"{f.rule}: {f.message}"), "type": f.rule})
                child.text = _xml_text(failure_text(f))
            if any(f.rule == PLUGIN_ERROR for f in findings):
                errored += 1
            elif findings:
                failed += 1
            cases.append(case)
        for e in report.errors:
            case = ET.Element("testcase", {"classname": _xml_text(e.path), "name": _xml_text(e.path)})
            child = ET.SubElement(case, "error", {"message": _xml_text(e.message), "type": INPUT_ERROR})
            child.text = _xml_text(f"{e}")
            cases.append(case)
            errored += 1

        counts = {"tests": str(len(cases)), "failures": str(failed), "errors": str(errored), "skipped": "0"}
        root = ET.Element("testsuites", {"name": "factlint", **counts})
        suite = ET.SubElement(root, "testsuite", {"name": "factlint", **counts})
        properties = ET.SubElement(suite, "properties")
        s = report.summary
        for key, value in (
            ("findings", s.findings),
            ("errors", s.errors),
            ("warnings", s.warnings),
            ("infos", s.infos),
            ("input_errors", s.input_errors),
            ("plugin_errors", s.plugin_errors),
        ):
            ET.SubElement(properties, "property", {"name": f"factlint.{key}", "value": str(value)})
        suite.extend(cases)
        ET.indent(root)
        self.out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.out.write(ET.tostring(root, encoding="unicode"))
        self.out.write("\n")


@factlint.hookimpl
def factlint_register_reporters() -> list[type[Reporter]]:
    """Register the junit output format."""
    return [JunitReporter]

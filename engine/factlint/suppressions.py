"""Inline suppressions written as HTML comments in Markdown and HTML articles::

    <!-- factlint-disable name/registry -- the desk accepts this spelling -->
    ...
    <!-- factlint-enable name/registry -->
    <!-- factlint-disable-next-line count/mismatch -->

Rules are ids or prefixes (``name/``), separated by commas or spaces; text after
``--`` is the reason. Only real comments count, as the loader lists them in
:attr:`Document.comments`: a comment shown inside a code block is an example, not a
suppression. A comment that suppresses nothing is reported as
``engine/unused-suppression``; a disable naming no rule is reported as
``engine/blanket-suppression`` (it still suppresses everything until its enable).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .models import Document, Finding, Severity, Span

__all__ = ["BLANKET_SUPPRESSION", "UNUSED_SUPPRESSION", "Suppression", "apply_suppressions", "find_suppressions"]

UNUSED_SUPPRESSION = "engine/unused-suppression"
BLANKET_SUPPRESSION = "engine/blanket-suppression"

_COMMENT = re.compile(
    r"<!--\s*factlint-(?P<kind>disable-next-line|disable|enable)\b(?P<body>.*?)-->", re.DOTALL
)


@dataclass
class Suppression:
    """One disable comment and the source lines it covers."""

    rules: tuple[str, ...]
    first_line: int
    last_line: int
    span: Span
    text: str
    used: bool = field(default=False)

    def covers(self, finding: Finding) -> bool:
        """True if the finding's first line is covered and its rule is named (or none is)."""
        if not self.first_line <= finding.span.line <= self.last_line:
            return False
        return not self.rules or any(_matches(finding.rule, r) for r in self.rules)


def _matches(rule_id: str, pattern: str) -> bool:
    return rule_id == pattern or rule_id.startswith(pattern if pattern.endswith("/") else pattern + "/")


def _span(document: Document, start: int, end: int) -> Span:
    sm = document.source_map
    line, col = sm.position(start)
    end_line, end_col = sm.position(max(start, end - 1))
    return Span(start=start, end=end, line=line, column=col, end_line=end_line, end_column=end_col + 1)


def find_suppressions(document: Document) -> list[Suppression]:
    """Every suppression comment in the document's source, with its line range."""
    source = document.source
    if "factlint-" not in source or not document.comments:
        return []
    sm = document.source_map
    last_line = len(sm.line_starts)
    out: list[Suppression] = []
    open_: list[Suppression] = []
    matches = (m for start, end in sorted(document.comments) if (m := _COMMENT.match(source, start, end)))
    for m in matches:
        body = m.group("body").split("--", 1)[0]
        rules = tuple(r for r in re.split(r"[\s,]+", body.strip()) if r)
        span = _span(document, m.start(), m.end())
        kind = m.group("kind")
        if kind == "disable-next-line":
            line = _next_content_line(source, sm.line_starts, span.end_line)
            out.append(Suppression(rules, line, line, span, m.group(0)))
        elif kind == "disable":
            s = Suppression(rules, span.line, last_line, span, m.group(0))
            out.append(s)
            open_.append(s)
        else:  # enable closes the matching open disables (all of them when it names none)
            for s in list(open_):
                if not rules or set(rules) & set(s.rules) or not s.rules:
                    s.last_line = span.line
                    open_.remove(s)
    return out


def _next_content_line(source: str, line_starts: Sequence[int], after: int) -> int:
    """The first non-blank line after line ``after`` (1-based)."""
    for i in range(after, len(line_starts)):
        start = line_starts[i]
        end = line_starts[i + 1] if i + 1 < len(line_starts) else len(source)
        if source[start:end].strip():
            return i + 1
    return after + 1


def apply_suppressions(
    document: Document, findings: Iterable[Finding], ran: set[str]
) -> list[Finding]:
    """Drop suppressed findings; add a finding for each unused or blanket suppression.

    ``ran`` holds the ids of the rules that ran, so a comment naming a rule that was
    not selected is not called unused.
    """
    suppressions = find_suppressions(document)
    findings = list(findings)
    if not suppressions:
        return findings
    kept = []
    for f in findings:
        hit = [s for s in suppressions if s.covers(f)]
        for s in hit:
            s.used = True
        if not hit:
            kept.append(f)
    for s in suppressions:
        if not s.rules:
            kept.append(_engine_finding(document, s, BLANKET_SUPPRESSION,
                                        "This suppression names no rule, so it hides every finding; name the rules it is for."))
        elif not s.used and all(any(_matches(r, p) for r in ran) for p in s.rules):
            kept.append(_engine_finding(document, s, UNUSED_SUPPRESSION,
                                        f"This suppression of {', '.join(s.rules)} suppresses nothing; remove it."))
    return kept


def _engine_finding(document: Document, s: Suppression, rule: str, message: str) -> Finding:
    return Finding(
        rule=rule,
        severity=Severity.INFO,
        message=message,
        path=document.path,
        span=s.span,
        text=s.text,
        plugin="factlint",
    )

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
Both are rules (see :mod:`factlint.engine_rules`): a run reports them only when it
selects them, at the severity it gives them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .engine_rules import (
    BLANKET_SUPPRESSION,
    ENGINE_PLUGIN,
    ENGINE_RULES,
    UNUSED_SUPPRESSION,
    BlanketSuppressionRule,
    UnusedSuppressionRule,
)
from .models import Document, Finding, Severity, Span
from .planning import rule_matches

__all__ = ["BLANKET_SUPPRESSION", "UNUSED_SUPPRESSION", "Suppression", "apply_suppressions", "find_suppressions"]

_ENGINE_RULE_IDS = frozenset(r.id for r in ENGINE_RULES)
_DEFAULT_SEVERITY = {r.id: r.severity for r in (UnusedSuppressionRule, BlanketSuppressionRule)}

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
        return not self.rules or any(rule_matches(finding.rule, r) for r in self.rules)


def _span(document: Document, start: int, end: int) -> Span:
    """The span of the comment at source offsets ``start:end``: its place in the text
    (empty where a loader dropped it, as the HTML loader drops comments) and its
    source lines and columns."""
    sm = document.source_map
    line, col = sm.position(start)
    end_line, end_col = sm.position(max(start, end - 1))
    text_start, text_end = _text_offset(document, start), _text_offset(document, end)
    return Span(start=text_start, end=text_end, line=line, column=col, end_line=end_line, end_column=end_col + 1)


def _text_offset(document: Document, source_offset: int) -> int:
    """The text offset of a source offset; within markup the text does not hold, the
    offset where the text goes on after it."""
    breakpoints = document.source_map.breakpoints
    if not breakpoints:
        return source_offset  # text and source line up
    i = bisect.bisect_right([source_at for _, source_at in breakpoints], source_offset) - 1
    if i < 0:
        return min(source_offset, breakpoints[0][0])
    text_at, source_at = breakpoints[i]
    offset = text_at + source_offset - source_at
    if i + 1 < len(breakpoints):
        offset = min(offset, breakpoints[i + 1][0])
    return min(offset, len(document.text))


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
    document: Document,
    findings: Iterable[Finding],
    ran: Collection[str],
    *,
    severity: Mapping[str, Severity] | None = None,
    registered: Collection[str] | None = None,
) -> list[Finding]:
    """Drop suppressed findings; add a finding for each unused or blanket suppression.

    ``ran`` holds the ids of the rules that ran (the selected ones), so a comment
    naming a rule that was not selected is not called unused. The unused and blanket
    findings are rules' findings too: each is made only if its rule is in ``ran``,
    at the rule's ``severity`` there (rule id to the severity it runs at, the config's
    or its default; info when missing). ``registered`` holds the id of every rule the
    plugin host knows: one of these two that it does not know (a host built from
    chosen plugins only, as :mod:`factlint.testing` builds) is reported as before it
    was a rule. Without ``registered``, they count as known when any engine rule ran.
    """
    suppressions = find_suppressions(document)
    findings = list(findings)
    if not suppressions:
        return findings
    reported = _reported(ran, registered)
    # Engine findings are made after this pass, so no comment can hide them: a comment
    # naming only engine rules is left alone, as it was before they were rules.
    checked = [r for r in ran if r not in _ENGINE_RULE_IDS]
    levels = severity or {}
    kept = []
    for f in findings:
        hit = [s for s in suppressions if s.covers(f)]
        for s in hit:
            s.used = True
        if not hit:
            kept.append(f)
    for s in suppressions:
        if not s.rules:
            rule = BLANKET_SUPPRESSION
            message = "This suppression names no rule, so it hides every finding; name the rules it is for."
        elif not s.used and all(any(rule_matches(r, p) for r in checked) for p in s.rules):
            rule = UNUSED_SUPPRESSION
            message = f"This suppression of {', '.join(s.rules)} suppresses nothing; remove it."
        else:
            continue
        if rule in reported:
            kept.append(_engine_finding(document, s, rule, levels.get(rule, _DEFAULT_SEVERITY[rule]), message))
    return kept


def _reported(ran: Collection[str], registered: Collection[str] | None) -> set[str]:
    """Which of the two suppression findings to make: those whose rule ran, and those
    whose rule the host does not know."""
    if registered is None:
        # A caller from before these were rules passes only ``ran``: a host that knows
        # them selects some of the four, unless the run deselected all of them.
        registered = _ENGINE_RULE_IDS if _ENGINE_RULE_IDS.intersection(ran) else ()
    return {r for r in (UNUSED_SUPPRESSION, BLANKET_SUPPRESSION) if r in ran or r not in registered}


def _engine_finding(document: Document, s: Suppression, rule: str, severity: Severity, message: str) -> Finding:
    return Finding(
        rule=rule,
        severity=severity,
        message=message,
        path=document.path,
        span=s.span,
        text=s.text,
        plugin=ENGINE_PLUGIN,
    )

"""The ``github`` output format: GitHub Actions workflow commands, one annotation a finding.

GitHub shows at most 10 annotations of each level (error, warning, notice) per step
and drops the rest silently. When a level goes over that, the whole list is also
appended as a Markdown table to the job summary (the file ``$GITHUB_STEP_SUMMARY``
names), so nothing is lost.

See https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions
"""

from __future__ import annotations

import html
import os
from collections import Counter
from pathlib import Path
from typing import Any

import factlint
from factlint import Finding, Report, Reporter, Severity

ANNOTATION_LIMIT = 10
"""Annotations of one level GitHub shows per step."""

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
INPUT_ERROR = "engine/input-error"


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions toolkit does (``escapeData``)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property's value as the Actions toolkit does (``escapeProperty``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation_path(path: str) -> str:
    """The path GitHub matches against the repository: relative and posix when it can be."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_posix()
    return p.as_posix()


def _is_file(path: str) -> bool:
    return not (path.startswith("<") and path.endswith(">"))


def _command(kind: str, properties: list[tuple[str, object]], message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties)
    return f"::{kind} {props}::{escape_data(message)}" if props else f"::{kind}::{escape_data(message)}"


def _finding_message(f: Finding) -> str:
    return f"{f.message} (suggestion: {f.suggestion})" if f.suggestion else f.message


def finding_command(f: Finding) -> str:
    """The workflow command that annotates one finding."""
    props: list[tuple[str, object]] = []
    if _is_file(f.path):
        props.append(("file", annotation_path(f.path)))
        if f.span.line >= 1:
            end_line = max(f.span.end_line, f.span.line)
            props.append(("line", f.span.line))
            # GitHub accepts columns only on a one-line annotation.
            if end_line == f.span.line and f.span.column >= 1:
                props.append(("col", f.span.column))
            props.append(("endLine", end_line))
            if end_line == f.span.line and f.span.end_column >= 1:
                props.append(("endColumn", f.span.end_column))
    props.append(("title", f.rule))
    return _command(_COMMANDS[f.severity], props, _finding_message(f))


def error_command(e: Any) -> str:
    """The workflow command that annotates one input error (an item of ``Report.errors``)."""
    props: list[tuple[str, object]] = []
    if _is_file(e.path):
        props.append(("file", annotation_path(e.path)))
        if e.line:
            props.append(("line", e.line))
            if e.column:
                props.append(("col", e.column))
    props.append(("title", INPUT_ERROR))
    return _command("error", props, e.message)


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell: no markup, no pipes, one line."""
    text = " ".join(text.split())
    for ch in "\\`*_[]~":
        text = text.replace(ch, "\\" + ch)
    return html.escape(text, quote=False).replace("|", "\\|")


def summary_table(report: Report) -> str:
    """A Markdown table of every finding and input error, for the job summary."""
    total = len(report.findings) + len(report.errors)
    lines = [
        f"### factlint: {total} {'problem' if total == 1 else 'problems'}",
        "",
        f"GitHub shows only {ANNOTATION_LIMIT} annotations of each level per step; all of them are listed here.",
        "",
        "| File | Line | Severity | Rule | Message | Suggestion |",
        "| --- | ---: | --- | --- | --- | --- |",
    ]
    for f in report.findings:
        lines.append(
            f"| {_cell(annotation_path(f.path))} | {f.span.line} | {f.severity.value} | {_cell(f.rule)} "
            f"| {_cell(f.message)} | {_cell(f.suggestion or '')} |"
        )
    for e in report.errors:
        lines.append(
            f"| {_cell(annotation_path(e.path))} | {e.line or ''} | error | {INPUT_ERROR} | {_cell(e.message)} |  |"
        )
    return "\n".join(lines) + "\n\n"


class GithubReporter(Reporter):
    """``::error file=...,line=...::message`` lines that GitHub Actions turns into annotations."""

    name = "github"
    description = "GitHub Actions annotations, with a job summary table when there are many"

    def finish(self, report: Report) -> None:
        levels: Counter[str] = Counter()
        for f in report.findings:
            self.out.write(finding_command(f) + "\n")
            levels[_COMMANDS[f.severity]] += 1
        for e in report.errors:
            self.out.write(error_command(e) + "\n")
            levels["error"] += 1
        summary_path = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_path and any(n > ANNOTATION_LIMIT for n in levels.values()):
            with open(summary_path, "a", encoding="utf-8") as summary:
                summary.write(summary_table(report))


@factlint.hookimpl
def factlint_register_reporters() -> list[type[Reporter]]:
    """Register the github output format."""
    return [GithubReporter]

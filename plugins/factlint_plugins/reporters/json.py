"""The ``json`` output format: one document, versioned by ``schema_version``."""

from __future__ import annotations

import json
from typing import Any

import factlint
from factlint import Finding, Related, Report, Reporter, Span


def span_fields(span: Span) -> dict[str, Any]:
    """The position fields every located thing carries in JSON output."""
    return {
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "start": span.start,
        "end": span.end,
    }


def _related(path: str, r: Related) -> dict[str, Any]:
    return {"path": r.path or path, **span_fields(r.span), "text": r.text, "message": r.message}


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as the JSON output writes it."""
    fix = None
    if f.fix is not None:
        fix = {
            "description": f.fix.description,
            "safety": f.fix.safety,
            "edits": [{**span_fields(e.span), "replacement": e.replacement} for e in f.fix.edits],
        }
    return {
        "path": f.path,
        "rule": f.rule,
        "severity": f.severity.value,
        "message": f.message,
        **span_fields(f.span),
        "text": f.text,
        "suggestion": f.suggestion,
        "confidence": f.confidence,
        "related": [_related(f.path, r) for r in f.related],
        "fix": fix,
        "plugin": f.plugin,
        "fingerprint": f.fingerprint,
    }


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as the JSON output writes it."""
    return {
        "schema_version": Report.SCHEMA_VERSION,
        "findings": [finding_dict(f) for f in report.findings],
        "errors": [
            {"path": e.path, "line": e.line, "column": e.column, "rule": "engine/input-error", "message": e.message}
            for e in report.errors
        ],
        "summary": report.summary.model_dump(),
    }


class JsonReporter(Reporter):
    """A JSON document: ``{"schema_version": 1, "findings": [...], "errors": [...], "summary": {...}}``.

    ``start``/``end`` are character offsets into the document's prose text, which for
    Markdown and plain text are offsets into the source file; ``line``/``column`` are
    1-based source positions, ``end_column`` just past the last character.
    """

    name = "json"
    description = "one JSON document with every finding, for scripts and CI"

    def finish(self, report: Report) -> None:
        json.dump(report_dict(report), self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")


@factlint.hookimpl
def factlint_register_reporters():
    """Register the json output format."""
    return [JsonReporter]

"""The ``jsonl`` output format: JSON Lines, streamed as each document finishes.

Each finding is one line, the same object the ``json`` format puts in its
``findings`` list. The last line is ``{"schema_version": 1, "summary": {...},
"errors": [...]}``, so a reader knows the run ended and how it went. Sweeping an
archive, a consumer sees the first results long before the run is over.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, TextIO

import factlint
from factlint import Finding, RenderContext, Report, Reporter

from .json import finding_dict, report_dict


def _order(f: Finding) -> tuple:
    # The report's own order, so a document's lines come out as they do in `json`.
    return (f.path, f.span.start, f.span.end, f.rule, f.message)


class JsonlReporter(Reporter):
    """One JSON object a line: every finding, then a closing summary line."""

    name = "jsonl"
    description = "JSON Lines, one finding a line, streamed document by document"

    def __init__(self, out: TextIO, context: RenderContext | None = None) -> None:
        super().__init__(out, context)
        self._written: set[str] = set()

    def _write(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self._line(finding_dict(f))

    def _line(self, obj: dict[str, Any]) -> None:
        self.out.write(json.dumps(obj, ensure_ascii=False) + "\n")

    def document_done(self, path: str, findings: Sequence[Finding]) -> None:
        """Write the document's findings now, and flush, so a reader sees them at once."""
        self._written.add(path)
        self._write(sorted(findings, key=_order))
        self.out.flush()

    def finish(self, report: Report) -> None:
        # Findings of no document (a plugin that failed to load) never came through
        # document_done.
        self._write(f for f in report.findings if f.path not in self._written)
        # report_dict without the findings, which a sweep may hold by the million.
        whole = report_dict(report.model_copy(update={"findings": ()}))
        self._line({"schema_version": whole["schema_version"], "summary": whole["summary"], "errors": whole["errors"]})
        self.out.flush()


@factlint.hookimpl
def factlint_register_reporters() -> list[type[Reporter]]:
    """Register the jsonl output format."""
    return [JsonlReporter]

"""The ``json`` output format: one document, versioned by ``schema_version``."""

from __future__ import annotations

import json
from typing import Any

import factlint
from factlint import Finding, Report, Reporter


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as the JSON output writes it."""
    return f.json_data()


def report_dict(report: Report) -> dict[str, Any]:
    """The whole report as the JSON output writes it."""
    return report.json_data()


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
def factlint_register_reporters() -> list[type[Reporter]]:
    """Register the json output format."""
    return [JsonReporter]

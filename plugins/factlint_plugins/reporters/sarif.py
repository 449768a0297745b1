"""The ``sarif`` output format: SARIF 2.1.0, for code scanning (GitHub, Azure DevOps, IDEs).

One run. Every rule that ran is a ``reportingDescriptor`` in ``tool.driver.rules``;
each finding is a result with its place, every related place, a partial fingerprint
that survives edits elsewhere in the file, and its fix as SARIF ``fixes``. Input
errors (unreadable files, bad claims files) are tool execution notifications.

Columns count Unicode code points, as factlint's do, so the run says
``columnKind: unicodeCodePoints`` (SARIF's default is UTF-16 code units).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import factlint
from factlint import Finding, Report, Reporter, RuleInfo, Severity, Span

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "factlint/v1"
"""The ``partialFingerprints`` key; the version changes if the fingerprint recipe does."""

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

# Rules the engine itself reports. They are registered as plugin "factlint"'s, but
# get a descriptor only when they have a finding, so a log lists the checks that ran.
_ENGINE_PLUGIN = "factlint"
_ENGINE_RULES = {
    "engine/plugin-error": "A plugin crashed; the rest of the run went on without it.",
    "engine/input-error": "A file could not be read or is not valid input.",
}


def artifact_uri(path: str) -> str:
    """``path`` as a SARIF artifact URI: relative and posix when it is under the
    working directory (code scanning resolves those against the repository root),
    otherwise an absolute ``file:`` URI."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.relative_to(Path.cwd())
        except ValueError:
            return p.as_uri()
    return quote(p.as_posix(), safe="/")


def _has_location(path: str) -> bool:
    # "<text>" (check_text) and "<plugins>" (a plugin that failed to load) are no files.
    return not (path.startswith("<") and path.endswith(">"))


def _region(span: Span, snippet: str | None = None) -> dict[str, Any] | None:
    if span.line < 1:
        return None
    region: dict[str, Any] = {
        "startLine": span.line,
        "startColumn": max(span.column, 1),
        "endLine": max(span.end_line, span.line),
        "endColumn": max(span.end_column, 1),
    }
    if snippet:
        region["snippet"] = {"text": snippet}
    return region


def _physical(path: str, span: Span, snippet: str | None = None) -> dict[str, Any]:
    location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(path)}}
    region = _region(span, snippet)
    if region is not None:
        location["region"] = region
    return location


def _full_description(info: RuleInfo) -> str:
    """The first prose paragraph of the rule's documentation, else its summary."""
    for block in info.explanation.split("\n\n"):
        text = " ".join(block.split())
        if text and not text.startswith("#"):
            return text
    return info.summary


def _descriptor(info: RuleInfo) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": info.id,
        "shortDescription": {"text": info.summary},
        "fullDescription": {"text": _full_description(info)},
        "defaultConfiguration": {"level": _LEVELS[info.severity]},
        "properties": {"tags": [info.id.split("/", 1)[0]], "plugin": info.plugin},
    }
    if info.explanation:
        descriptor["help"] = {"text": info.explanation, "markdown": info.explanation}
    if info.fix:
        descriptor["properties"]["fixSafety"] = info.fix
    return descriptor


def _engine_descriptor(rule_id: str) -> dict[str, Any]:
    summary = _ENGINE_RULES.get(rule_id, rule_id)
    return {
        "id": rule_id,
        "shortDescription": {"text": summary},
        "defaultConfiguration": {"level": "error"},
    }


def _result(f: Finding, rule_index: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": _LEVELS[f.severity],
        "message": {"text": f.message},
    }
    if _has_location(f.path):
        result["locations"] = [{"physicalLocation": _physical(f.path, f.span, f.text)}]
        if f.related:
            result["relatedLocations"] = [
                {
                    "id": i,
                    "physicalLocation": _physical(r.path or f.path, r.span, r.text),
                    "message": {"text": r.message},
                }
                for i, r in enumerate(f.related)
            ]
    if f.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
    if f.fix is not None and f.fix.edits and _has_location(f.path):
        replacements = []
        for edit in f.fix.edits:
            region = _region(edit.span)
            if region is not None:
                replacements.append({"deletedRegion": region, "insertedContent": {"text": edit.replacement}})
        if replacements:
            result["fixes"] = [
                {
                    "description": {"text": f.fix.description},
                    "artifactChanges": [
                        {"artifactLocation": {"uri": artifact_uri(f.path)}, "replacements": replacements}
                    ],
                    "properties": {"safety": f.fix.safety},
                }
            ]
    properties: dict[str, Any] = {"confidence": f.confidence}
    if f.suggestion is not None:
        properties["suggestion"] = f.suggestion
    if f.plugin:
        properties["plugin"] = f.plugin
    result["properties"] = properties
    return result


def sarif_log(report: Report, rules: dict[str, RuleInfo], version: str = "") -> dict[str, Any]:
    """The SARIF log of ``report`` as a JSON-ready dict."""
    descriptors = [_descriptor(rules[rule_id]) for rule_id in sorted(rules) if rules[rule_id].plugin != _ENGINE_PLUGIN]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    # Findings of rules nobody listed (the engine's own) still need a descriptor.
    for rule_id in sorted({f.rule for f in report.findings} - index.keys()):
        index[rule_id] = len(descriptors)
        descriptors.append(_engine_descriptor(rule_id))

    driver: dict[str, Any] = {"name": "factlint"}
    if version:
        driver["version"] = version
    driver["rules"] = descriptors

    notifications = []
    for e in report.errors:
        notification: dict[str, Any] = {
            "level": "error",
            "message": {"text": e.message},
            "descriptor": {"id": "engine/input-error"},
        }
        if _has_location(e.path):
            location: dict[str, Any] = {"artifactLocation": {"uri": artifact_uri(e.path)}}
            if e.line:
                location["region"] = {"startLine": e.line, **({"startColumn": e.column} if e.column else {})}
            notification["locations"] = [{"physicalLocation": location}]
        notifications.append(notification)
    invocation: dict[str, Any] = {
        "executionSuccessful": not report.errors and report.summary.plugin_errors == 0,
    }
    if notifications:
        invocation["toolExecutionNotifications"] = notifications

    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.rule]) for f in report.findings],
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


class SarifReporter(Reporter):
    """A SARIF 2.1.0 log with one run, for code scanning.

    Results carry ``partialFingerprints["factlint/v1"]`` (stable across edits
    elsewhere in the file), ``relatedLocations`` for every conflicting place,
    ``properties.confidence``, and ``fixes`` where the rule offers one.
    """

    name = "sarif"
    description = "SARIF 2.1.0, for GitHub code scanning and other SARIF viewers"

    def finish(self, report: Report) -> None:
        log = sarif_log(report, dict(self.context.rules), self.context.version)
        json.dump(log, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")


@factlint.hookimpl
def factlint_register_reporters() -> list[type[Reporter]]:
    """Register the sarif output format."""
    return [SarifReporter]

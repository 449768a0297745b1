"""Findings as every front end hands them out: fingerprinted, in one order, with
the engine's own findings for a crashed plugin, gathered into a :class:`Report`."""

from __future__ import annotations

import hashlib
import traceback
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .models import Document, Finding, InputError, Report, Severity, Span, Summary

__all__ = [
    "INPUT_ERROR",
    "PLUGIN_ERROR",
    "crash_finding",
    "file_plugin_error",
    "describe_exception",
    "make_report",
    "with_fingerprints",
]

PLUGIN_ERROR = "engine/plugin-error"
"""The rule id of a finding that says a plugin crashed (the rest still ran)."""
INPUT_ERROR = "engine/input-error"
"""The rule id under which an unreadable or broken file is reported."""

_NOWHERE = Span(start=0, end=0, line=1, column=1, end_line=1, end_column=1)


def describe_exception(exc: BaseException) -> str:
    """One line: the exception and the file and line it was raised at."""
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" ({Path(frame.filename).name}:{frame.lineno})" if frame else ""
    return f"{type(exc).__name__}: {exc}{where}"


def crash_finding(plugin: str, path: str, document: Document | None, where: str, error: str) -> Finding:
    """The ``engine/plugin-error`` finding for a plugin that raised ``error`` in ``where``."""
    return Finding(
        rule=PLUGIN_ERROR,
        severity=Severity.ERROR,
        message=f"plugin {plugin!r} crashed in {where}: {error}",
        path=path,
        span=document.span(0, 0) if document is not None else _NOWHERE,
        plugin=plugin,
    )


def file_plugin_error(path: str, message: str) -> Finding:
    """An ``engine/plugin-error`` finding about a whole file (a check stopped past its
    time budget, a worker process lost), at its start."""
    return Finding(rule=PLUGIN_ERROR, severity=Severity.ERROR, message=message, path=path, span=_NOWHERE)


def with_fingerprints(findings: Iterable[Finding]) -> list[Finding]:
    """Give each finding a fingerprint from its rule, its flagged text and which
    occurrence of that pair it is, so it survives edits elsewhere in the file."""
    ordered = sorted(findings, key=_order)
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in ordered:
        key = (f.rule, " ".join(f.text.split()))
        seen[key] += 1
        digest = hashlib.sha256(f"{key[0]}\0{key[1]}\0{seen[key]}".encode()).hexdigest()[:16]
        out.append(f.model_copy(update={"fingerprint": digest}))
    return out


def _order(f: Finding) -> tuple[str, int, int, str, str]:
    return (f.path, f.span.start, f.span.end, f.rule, f.message)


def make_report(
    findings: Iterable[Finding], errors: Iterable[InputError], documents: Iterable[str], *, skipped: int = 0
) -> Report:
    """Assemble a report in deterministic order, with its summary; ``skipped`` counts
    the special files (FIFOs, devices, sockets) a directory walk passed over."""
    fs = sorted(findings, key=_order)
    es = sorted(errors, key=lambda e: (e.path, e.line or 0, e.column or 0, e.message))
    docs = tuple(sorted(documents))
    by_sev = Counter(f.severity for f in fs)
    summary = Summary(
        documents=len(docs),
        findings=len(fs),
        errors=by_sev[Severity.ERROR],
        warnings=by_sev[Severity.WARNING],
        infos=by_sev[Severity.INFO],
        input_errors=len(es),
        plugin_errors=sum(1 for f in fs if f.rule == PLUGIN_ERROR),
        skipped=skipped,
    )
    return Report(findings=tuple(fs), errors=tuple(es), documents=docs, summary=summary)

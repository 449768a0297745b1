"""Baselines: record today's findings so a gate reports only new ones.

A baseline is JSON: ``{"schema_version": 1, "findings": [{"path", "rule",
"fingerprint", "message"}, ...]}``. Findings match on path, rule and fingerprint, and
fingerprints do not depend on line numbers, so a paragraph inserted above an old
problem does not make it new.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path, PurePath

from .errors import UsageError
from .models import Finding, Report
from .reading import NotRead, read_bounded

__all__ = ["filter_baseline", "read_baseline", "write_baseline"]

_MAX_BASELINE_BYTES = 512 * 1024 * 1024
"""Far above any real baseline (a million findings is ~200 MB); there so that a
mistaken path such as ``/dev/zero`` is refused rather than read until memory ends."""


def _key(f: Finding | dict) -> tuple[str, str, str]:
    if isinstance(f, Finding):
        return (PurePath(f.path).as_posix(), f.rule, f.fingerprint)
    return (PurePath(f["path"]).as_posix(), f["rule"], f["fingerprint"])


def write_baseline(report: Report, path: str) -> int:
    """Write the report's findings as a baseline; returns how many. Raises
    UsageError when the file cannot be written."""
    rows = [
        {"path": PurePath(f.path).as_posix(), "rule": f.rule, "fingerprint": f.fingerprint, "message": f.message}
        for f in report.findings
    ]
    try:
        Path(path).write_text(
            json.dumps({"schema_version": 1, "findings": rows}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
    except OSError as exc:
        raise UsageError(f"--write-baseline: cannot write {path}: {exc.strerror or exc}") from None
    return len(rows)


def read_baseline(path: str) -> set[tuple[str, str, str]]:
    """The (path, rule, fingerprint) keys recorded in a baseline file."""
    try:
        data = json.loads(read_bounded(path, _MAX_BASELINE_BYTES, "a baseline").decode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read baseline: {exc.strerror or exc}") from None
    except NotRead as exc:
        raise UsageError(f"{path}: cannot read baseline: {exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"{path}: baseline is not valid JSON: {exc}") from None
    except RecursionError:
        raise UsageError(f"{path}: baseline is not valid JSON: nested too deeply") from None
    if not isinstance(data, dict) or data.get("schema_version") != 1 or not isinstance(data.get("findings"), list):
        raise UsageError(f"{path}: expected a baseline written by --write-baseline (schema_version 1)")
    try:
        return {_key(row) for row in data["findings"]}
    except (KeyError, TypeError):
        raise UsageError(f"{path}: each baseline finding needs path, rule and fingerprint") from None


def filter_baseline(findings: Iterable[Finding], known: set[tuple[str, str, str]]) -> list[Finding]:
    """The findings not in the baseline."""
    return [f for f in findings if _key(f) not in known]

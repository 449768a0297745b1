"""Baselines: record today's findings so a gate reports only new ones.

A baseline is JSON: ``{"schema_version": 1, "paths": "relative to this file",
"findings": [{"path", "rule", "fingerprint", "message"}, ...]}``. Findings match on
path, rule and fingerprint, and fingerprints do not depend on line numbers, so a
paragraph inserted above an old problem does not make it new.

Paths are written relative to the baseline file's folder and compared as the files
they name, so a run from a subfolder, or with absolute paths, matches the same
findings. (A baseline without the ``paths`` key, written before, is also read with
its paths relative to the current folder.)
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

from .errors import UsageError
from .models import Finding, Report
from .reading import NotRead, read_bounded

__all__ = ["filter_baseline", "read_baseline", "write_baseline"]

_MAX_BASELINE_BYTES = 512 * 1024 * 1024
"""Far above any real baseline (a million findings is ~200 MB); there so that a
mistaken path such as ``/dev/zero`` is refused rather than read until memory ends."""


_RELATIVE = "relative to this file"


def _file(path: str | Path) -> str:
    """The file a path names, whatever folder it was given from (not a path like
    ``<text>``, which names no file)."""
    if str(path).startswith("<"):
        return str(path)
    return Path(os.path.abspath(path)).as_posix()


def _key(f: Finding) -> tuple[str, str, str]:
    return (_file(f.path), f.rule, f.fingerprint)


def _relative(path: str, folder: Path) -> str:
    if path.startswith("<"):
        return path
    try:
        return Path(os.path.relpath(os.path.abspath(path), folder)).as_posix()
    except ValueError:  # another drive: no relative path exists
        return _file(path)


def write_baseline(report: Report, path: str) -> int:
    """Write the report's findings as a baseline, their paths relative to its
    folder; returns how many. Raises UsageError when the file cannot be written."""
    folder = Path(os.path.abspath(path)).parent
    rows = [
        {"path": _relative(f.path, folder), "rule": f.rule, "fingerprint": f.fingerprint, "message": f.message}
        for f in report.findings
    ]
    try:
        Path(path).write_text(
            json.dumps({"schema_version": 1, "paths": _RELATIVE, "findings": rows}, indent=2, ensure_ascii=False)
            + "\n",
            encoding="utf-8",
        )
    except OSError as exc:
        raise UsageError(f"--write-baseline: cannot write {path}: {exc.strerror or exc}") from None
    return len(rows)


def read_baseline(path: str) -> set[tuple[str, str, str]]:
    """The (file, rule, fingerprint) keys recorded in a baseline file, each file as
    an absolute path."""
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
    folders = [Path(os.path.abspath(path)).parent]
    if data.get("paths") != _RELATIVE:
        folders.append(Path.cwd())  # written before paths were relative to the baseline
    try:
        return {
            (_file(row["path"]) if str(row["path"]).startswith("<") else _file(folder / row["path"]),
             row["rule"], row["fingerprint"])
            for row in data["findings"]
            for folder in folders
        }
    except (KeyError, TypeError):
        raise UsageError(f"{path}: each baseline finding needs path, rule and fingerprint") from None


def filter_baseline(findings: Iterable[Finding], known: set[tuple[str, str, str]]) -> list[Finding]:
    """The findings not in the baseline."""
    return [f for f in findings if _key(f) not in known]

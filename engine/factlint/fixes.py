"""Applying fixes to articles: only when asked, atomically, and never over a file
that changed after it was read.

``--fix`` applies safe fixes, ``--unsafe-fixes`` unsafe ones too, ``--diff`` prints a
unified diff instead of writing. Overlapping edits are resolved by taking the first
(in document order) and leaving the other for the next run.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .models import Document, Finding

__all__ = ["FixOutcome", "apply_edits", "digest", "plan_fixes", "unified_diff", "write_atomically"]


@dataclass
class FixOutcome:
    """What fixing one document did."""

    path: str
    fixed: list[Finding]
    new_source: str
    diff: str


def plan_fixes(
    document: Document, findings: Iterable[Finding], *, unsafe: bool, safety: dict[str, str] | None = None
) -> FixOutcome | None:
    """Apply the allowed fixes of ``findings`` to the document's source in memory.

    ``safety`` overrides a rule's fix safety (``{"name/registry": "safe"}``).
    Returns None when nothing can be fixed.
    """
    safety = safety or {}
    chosen: list[Finding] = []
    edits: list[tuple[int, int, str]] = []
    for f in sorted(findings, key=lambda f: (f.span.start, f.rule)):
        if f.fix is None:
            continue
        level = safety.get(f.rule, f.fix.safety)
        if level != "safe" and not unsafe:
            continue
        mine = [
            (document.source_offset(e.span.start), document.source_offset(e.span.end), e.replacement)
            for e in f.fix.edits
        ]
        if any(_overlaps(a, b) for a in mine for b in edits):
            continue
        edits.extend(mine)
        chosen.append(f)
    if not chosen:
        return None
    new_source = apply_edits(document.source, edits)
    if new_source == document.source:
        return None
    return FixOutcome(document.path, chosen, new_source, unified_diff(document.path, document.source, new_source))


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file, as ``git diff`` would show it."""
    import difflib  # only --diff needs it

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
        )
    )


def _overlaps(a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    return a[0] < b[1] and b[0] < a[1] or a[0] == b[0]


def apply_edits(source: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """Replace each ``(start, end)`` stretch of ``source``; edits must not overlap."""
    out = source
    for start, end, replacement in sorted(edits, key=lambda e: e[0], reverse=True):
        out = out[:start] + replacement + out[end:]
    return out


def digest(data: bytes) -> str:
    """The content hash used to notice a file that changed after it was read."""
    return hashlib.sha256(data).hexdigest()


def write_atomically(path: str, text: str, *, expected_digest: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename, keeping the
    file's permissions. Raises ``RuntimeError`` if the file on disk no longer has
    ``expected_digest`` (someone changed it since it was read)."""
    target = Path(path)
    current = target.read_bytes()
    if digest(current) != expected_digest:
        raise RuntimeError("the file changed after it was read; not writing fixes (run again)")
    mode = stat.S_IMODE(target.stat().st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".factlint", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

"""Applying fixes to articles: only when asked, atomically, and never over a file
that changed after it was read.

``--fix`` applies safe fixes, ``--unsafe-fixes`` unsafe ones too, ``--diff`` prints a
unified diff instead of writing. The engine applies fixes one at a time and keeps each
only if its rule does not flag the text it wrote (see ``Engine._fix``); these are the
text operations it uses.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .models import Document, Fix

__all__ = ["apply_edits", "digest", "edited_ranges", "source_edits", "unified_diff", "write_atomically"]


def source_edits(document: Document, fix: Fix) -> list[tuple[int, int, str]] | None:
    """A fix's edits as ``(start, end, replacement)`` in source-file offsets, or None
    when they cannot be applied as given (out of the text, or overlapping each other)."""
    size = len(document.text)
    edits = []
    for e in fix.edits:
        if not 0 <= e.span.start <= e.span.end <= size:
            return None
        edits.append((document.source_offset(e.span.start), document.source_offset(e.span.end), e.replacement))
    edits.sort(key=lambda e: (e[0], e[1]))
    if any(a[1] > b[0] or a[0] == b[0] for a, b in itertools.pairwise(edits)):
        return None
    return edits


def edited_ranges(edits: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Where each edit's replacement lies in the text after all of ``edits`` are applied."""
    out, shift = [], 0
    for start, end, replacement in sorted(edits, key=lambda e: e[0]):
        out.append((start + shift, start + shift + len(replacement)))
        shift += len(replacement) - (end - start)
    return out


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file, as ``git diff`` would show it."""
    import difflib  # only --diff needs it

    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
        )
    )


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

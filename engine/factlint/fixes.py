"""Applying fixes to articles: only when asked, atomically, and never over a file
that changed after it was read.

``--fix`` applies safe fixes, ``--unsafe-fixes`` unsafe ones too, ``--diff`` prints a
unified diff instead of writing. The engine applies fixes one at a time and keeps each
only if its rule does not flag the text it wrote (see ``Engine._fix``); these are the
text operations it uses.
"""

from __future__ import annotations

import codecs
import hashlib
import itertools
import os
import stat
import tempfile
from collections.abc import Iterable
from typing import BinaryIO

from .models import Document, Fix

__all__ = [
    "TEMP_SUFFIX",
    "FixesNotWritten",
    "apply_edits",
    "digest",
    "edited_ranges",
    "edits_problem",
    "source_edits",
    "unified_diff",
    "write_atomically",
]


def edits_problem(document: Document, fix: Fix) -> str | None:
    """Why a fix's edits cannot be applied as given, or None when they can.

    Edits must lie within the text, in source offsets too, and must not overlap or
    share a start (two insertions at one place have no order, and the same edit
    given twice would write its text twice).
    """
    edits = _mapped_edits(document, fix)
    return edits if isinstance(edits, str) else None


def source_edits(document: Document, fix: Fix) -> list[tuple[int, int, str]] | None:
    """A fix's edits as ``(start, end, replacement)`` in source-file offsets, sorted,
    or None when they cannot be applied as given (see :func:`edits_problem`)."""
    edits = _mapped_edits(document, fix)
    return None if isinstance(edits, str) else edits


def _mapped_edits(document: Document, fix: Fix) -> list[tuple[int, int, str]] | str:
    """The sorted source edits of ``fix``, or why there are none."""
    size, source_size = len(document.text), len(document.source)
    edits = []
    for e in fix.edits:
        if not 0 <= e.span.start <= e.span.end <= size:
            return "an edit falls outside the text"
        start, end = document.source_offset(e.span.start), document.source_offset(e.span.end)
        # A loader's source map is the plugin's too: check where the edit lands.
        if not 0 <= start <= end <= source_size:
            return "an edit falls outside the file"
        edits.append((start, end, e.replacement))
    if not edits:
        return "it has no edits"
    edits.sort(key=lambda e: (e[0], e[1]))
    for a, b in itertools.pairwise(edits):
        if a[0] == b[0]:
            return "two of its edits start at the same place"
        if a[1] > b[0]:
            return "its edits overlap"
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


TEMP_SUFFIX = ".factlint-tmp"
"""How a temporary file of a fix being written ends. Its name also starts with a dot,
so that one left by a killed process is hidden, recognisable, and never checked."""


class FixesNotWritten(RuntimeError):
    """Fixes were not written to a file, and the file was left as it was.

    ``reason`` is the line a user sees (the message of an ``engine/input-error``).
    """

    def __init__(self, reason: str, detail: str | None = None) -> None:
        super().__init__(detail or reason)
        self.reason = reason


def _changed() -> FixesNotWritten:
    return FixesNotWritten(
        "fixes not written: the file changed while it was checked",
        "the file changed after it was read; not writing fixes (run again)",
    )


def write_atomically(path: str, text: str, *, expected_digest: str) -> None:
    """Write ``text`` (UTF-8) over the file at ``path`` unless it changed since it was read.

    The file keeps what is not its text: a byte-order mark it began with, its mode
    and (when permitted) its owner. A symbolic link stays a link: the file it points
    to is written, in that file's folder. A file with hard links is written in place
    so that every name keeps seeing the same file; any other file is replaced
    through a temporary file and a rename, so that a reader never sees half of it.

    Raises :class:`FixesNotWritten` (a ``RuntimeError``) when the file is read-only
    or no longer has ``expected_digest``: the file is re-read just before it is
    replaced, so an edit saved while the fixes were made is kept and the fixes are
    not. ``OSError`` when the file cannot be read or written; no temporary file is
    left behind either way.
    """
    target = os.path.realpath(path)
    status = os.stat(target)
    if not status.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        # Root may write anything; a file its owner made read-only is still not ours to change.
        raise FixesNotWritten("is read-only: fixes not written")
    body = text.encode("utf-8")  # before the check, to keep the window after it short
    if status.st_nlink > 1:
        _write_in_place(target, status, body, expected_digest)
    else:
        _replace(target, status, body, expected_digest)


def _unchanged(path: str, expected_digest: str) -> tuple[bytes, os.stat_result]:
    """The file's bytes and status, or :class:`FixesNotWritten` if it is not as it was read."""
    with open(path, "rb") as fh:
        data = fh.read()
        status = os.fstat(fh.fileno())
    if digest(data) != expected_digest:
        raise _changed()
    return data, status


def _same_file(a: os.stat_result, b: os.stat_result) -> bool:
    """Whether two looks at a path saw the same, unwritten file."""
    return (a.st_ino, a.st_dev, a.st_size, a.st_mtime_ns, a.st_ctime_ns) == (
        b.st_ino,
        b.st_dev,
        b.st_size,
        b.st_mtime_ns,
        b.st_ctime_ns,
    )


def _replace(target: str, status: os.stat_result, body: bytes, expected_digest: str) -> None:
    """Write a temporary file beside ``target``, check ``target`` again, and rename.

    ``status`` is how ``target`` looked before: a file saved over it by a rename (as
    editors save) is another file even when it holds the same bytes.
    """
    data, _ = _unchanged(target, expected_digest)
    tmp = _write_temp(target, status, data.startswith(codecs.BOM_UTF8), body)
    try:
        # The temporary file is written: check again now, so that only a stat and a
        # rename lie between the last look at the file and its replacement.
        _, seen = _unchanged(target, expected_digest)
        if not (_same_file(status, seen) and _same_file(seen, os.stat(target))):
            raise _changed()
        os.replace(tmp, target)
        tmp = ""
    finally:
        if tmp:
            os.unlink(tmp)


def _write_temp(target: str, status: os.stat_result, bom: bool, body: bytes) -> str:
    """A temporary file beside ``target`` holding ``body``, with its mode and owner."""
    folder, name = os.path.split(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder or ".")
    try:
        with os.fdopen(fd, "wb") as fh:
            if bom:
                fh.write(codecs.BOM_UTF8)
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())  # the rename must never expose an empty file after a crash
        _keep_owner(tmp, status)
        os.chmod(tmp, stat.S_IMODE(status.st_mode))  # after chown, which may clear set-id bits
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _keep_owner(path: str, status: os.stat_result) -> None:
    """Give ``path`` the owner and group of ``status`` as far as this process may."""
    if not hasattr(os, "chown"):
        return
    for uid in (status.st_uid, -1):  # a user may not give a file away, but may keep its group
        try:
            os.chown(path, uid, status.st_gid)
            return
        except OSError:
            continue


def _write_in_place(target: str, status: os.stat_result, body: bytes, expected_digest: str) -> None:
    """Overwrite a file that has other names (hard links), so they all see the fix.

    Not atomic: the check and the write go through one open file, with only two
    stats between them, and a write that fails puts the old bytes back (the blocks
    they held are still the file's, so that seldom fails too).
    """
    with open(target, "r+b") as fh:
        data = fh.read()
        if digest(data) != expected_digest:
            raise _changed()
        # Written while it was hashed, or another file renamed over this name since.
        if not (_same_file(status, os.fstat(fh.fileno())) and _same_file(status, os.stat(target))):
            raise _changed()
        try:
            _overwrite(fh, codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b"", body)
        except BaseException:
            _overwrite(fh, b"", data)
            raise


def _overwrite(fh: BinaryIO, head: bytes, body: bytes) -> None:
    """Make an open file hold ``head + body`` and nothing else, on disk."""
    fh.seek(0)
    fh.write(head)
    fh.write(body)
    fh.truncate()
    fh.flush()
    os.fsync(fh.fileno())

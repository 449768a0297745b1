"""Reading a file whose size and kind nobody vetted: every file factlint reads (an
article, a registry, a config, a baseline) goes through :func:`read_bounded`, so a
FIFO, a device or a huge file is refused, never waited on or read whole."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path

__all__ = ["NotRead", "files_digest", "read_bounded"]


class NotRead(Exception):
    """A file refused without being read whole, and why in a few words."""


def read_bounded(path: str | Path, limit: int, what: str = "an article") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; raises
    :class:`NotRead` for anything else (and OSError when it cannot be read); ``what``
    names the file's role in the refusal ("too large for a registry").

    Looks before it opens (a FIFO would block the open, a device would never end),
    opens without blocking and looks again (the path may have been swapped in
    between), and never reads more than ``limit + 1`` bytes (the file may grow).
    """
    too_large = f"too large for {what} (over {limit / 1024 / 1024:g} MB); not read"
    st = os.stat(path)
    if stat.S_ISDIR(st.st_mode):
        raise NotRead("is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise NotRead("is not a regular file (a FIFO, device or socket); not read")
    if st.st_size > limit:
        raise NotRead(too_large)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRead("is not a regular file (a FIFO, device or socket); not read")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise NotRead(too_large)
    return data


def files_digest(paths: Sequence[str | Path], seed: str, limit: int, what: str) -> str:
    """One digest of ``seed``, the files' names, their order and their bytes (each
    read within ``limit``); a file that cannot be read counts as its error."""
    digest = hashlib.sha256(seed.encode())
    for path in paths:
        digest.update(str(path).encode("utf-8", "surrogatepass") + b"\0")
        try:
            digest.update(hashlib.sha256(read_bounded(path, limit, what)).digest())
        except NotRead as exc:
            digest.update(f"not read: {exc}".encode())
        except OSError as exc:
            digest.update(f"unreadable: {exc.strerror}".encode())
    return digest.hexdigest()

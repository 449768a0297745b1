"""Finding the articles to check and reading them: what a run does before any
plugin sees a file."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .config import DEFAULT_EXCLUDE, Config
from .fixes import TEMP_SUFFIX, digest
from .models import InputError, Source

__all__ = ["discover", "read_source"]

_BINARY_SNIFF = 8192


def discover(paths: Sequence[str], config: Config, include: Sequence[str] | None = None) -> Iterator[str | InputError]:
    """Yield the files to check under ``paths`` (sorted), or an InputError for a
    path that does not exist or a directory holding no articles.

    ``include`` are the globs of articles inside a directory (the plan's:
    :attr:`factlint.planning.Plan.include`); by default the config's own.
    """
    globs = tuple(include if include is not None else config.include)
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield InputError(path=raw, message="no such file or directory")
        elif path.is_dir():
            found = False
            for file in _walk(path, config, globs):
                found = True
                yield file
            if not found:
                yield InputError(
                    path=raw,
                    message=f"no articles found in this directory (looked for {', '.join(globs)})",
                )
        else:
            yield raw


def _excluded(rel: str, name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns)


def _walk(root: Path, config: Config, include: Sequence[str]) -> Iterator[str]:
    skip_dirs = (*DEFAULT_EXCLUDE, *config.exclude)
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        dirnames[:] = sorted(
            d for d in dirnames if not _excluded(os.path.normpath(os.path.join(rel_dir, d)), d, skip_dirs)
        )
        for name in sorted(filenames):
            rel = os.path.normpath(os.path.join(rel_dir, name)).replace(os.sep, "/")
            if not any(fnmatch.fnmatch(name, p) for p in include):
                continue
            # Hidden files include the temporary file of a fix whose writer was killed.
            if name.startswith(".") or name.endswith(TEMP_SUFFIX) or _excluded(rel, name, config.exclude):
                continue
            yield os.path.join(dirpath, name)


def read_source(path: str) -> Source | InputError:
    """Read and decode one file, or say in one line why it cannot be an article."""
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        return InputError(path=path, message="is a directory")
    except OSError as exc:
        return InputError(path=path, message=f"cannot read: {exc.strerror or exc}")
    if b"\0" in data[:_BINARY_SNIFF]:
        return InputError(path=path, message="binary file, not an article (expected UTF-8 text)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return InputError(
            path=path,
            line=line,
            column=column,
            message=f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
        )
    if not text.strip():
        return InputError(path=path, message="file is empty: nothing to check")
    return Source(path=path, suffix=Path(path).suffix.lower(), text=text, digest=digest(data))

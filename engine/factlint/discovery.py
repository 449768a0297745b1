"""Finding the articles to check and reading them: what a run does before any
plugin sees a file."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import DEFAULT_EXCLUDE, Config
from .fixes import TEMP_SUFFIX, digest
from .models import InputError, Source
from .reading import NotRead, read_bounded

__all__ = ["MAX_ARTICLE_BYTES", "NotRead", "Skipped", "discover", "input_holding", "read_bounded", "read_source"]

_BINARY_SNIFF = 8192

MAX_ARTICLE_BYTES = 20 * 1024 * 1024
"""The largest file read as an article. A news article is a few hundred kilobytes at
most; anything bigger is a log, a dump or a mistake, and reading it whole could take
all the memory."""


@dataclass(frozen=True)
class Skipped:
    """A file a directory walk passed over without opening it, and why."""

    path: str
    reason: str


def discover(
    paths: Sequence[str], config: Config, include: Sequence[str] | None = None
) -> Iterator[str | InputError | Skipped]:
    """Yield the files to check under ``paths`` (sorted), or an InputError for a
    path that does not exist, a directory holding no articles, or a folder that
    cannot be read (named on the command line or found inside one: either way part
    of what was asked goes unchecked, as with an unreadable file).

    Inside a directory only regular files are articles: FIFOs, devices and sockets
    (or links to them) are yielded as :class:`Skipped`, without being opened.

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
            for item in _walk(path, config, globs):
                found = True
                yield item
            if not found:
                yield InputError(
                    path=raw,
                    message=f"no articles found in this directory (looked for {', '.join(globs)})",
                )
        else:
            yield raw


def _excluded(rel: str, name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns)


def _folder_error(exc: OSError) -> InputError:
    return InputError(path=str(exc.filename), message=f"cannot read this folder: {exc.strerror or exc}")


def _special_kind(path: str) -> str | None:
    """What a FIFO, device or socket (or a link to one) is, for files that must never
    be opened: a FIFO blocks, ``/dev/zero`` never ends. None for a regular file, and
    when it cannot be told (a broken link), so that reading it says what is wrong."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _walk(root: Path, config: Config, include: Sequence[str]) -> Iterator[str | InputError | Skipped]:
    skip_dirs = (*DEFAULT_EXCLUDE, *config.exclude)
    unreadable: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable.append):
        # os.walk reports a folder it cannot list just before moving on from it.
        yield from map(_folder_error, unreadable)
        unreadable.clear()
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
            full = os.path.join(dirpath, name)
            kind = _special_kind(full)
            yield full if kind is None else Skipped(full, f"{kind}, not an article: skipped without opening it")
    yield from map(_folder_error, unreadable)


def input_holding(
    target: str, paths: Sequence[str], config: Config, include: Sequence[str] | None = None
) -> str | None:
    """The one of ``paths`` that would read the file ``target`` as an article (that
    file itself, or a directory whose walk picks it up), or None.

    For outputs: a report written where the run reads articles empties the article
    before it is read, or is read as one by the next run.
    """
    globs = tuple(include if include is not None else config.include)
    resolved = Path(target).resolve()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            try:
                rel = resolved.relative_to(path.resolve())
            except ValueError:
                continue
            if rel.parts and _walk_picks(rel.parts, config, globs):
                return raw
        elif path.exists() and resolved.exists() and os.path.samefile(path, resolved):
            return raw
    return None


def _walk_picks(parts: Sequence[str], config: Config, include: Sequence[str]) -> bool:
    """Whether :func:`_walk` would yield the file at ``parts`` below its root."""
    skip_dirs = (*DEFAULT_EXCLUDE, *config.exclude)
    for i, folder in enumerate(parts[:-1]):
        if _excluded("/".join(parts[: i + 1]), folder, skip_dirs):
            return False
    name, rel = parts[-1], "/".join(parts)
    if not any(fnmatch.fnmatch(name, p) for p in include):
        return False
    return not (name.startswith(".") or _excluded(rel, name, config.exclude))


def read_source(path: str, *, limit: int = MAX_ARTICLE_BYTES) -> Source | InputError:
    """Read and decode one file, or say in one line why it cannot be an article:
    also a FIFO, device or socket (never opened) and a file over ``limit`` bytes
    (never read whole)."""
    try:
        data = read_bounded(path, limit)
    except NotRead as exc:
        return InputError(path=path, message=str(exc))
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

"""One file of a run: read it, answer from the findings cache when it can, check it,
and write its fixes or make their diff. What a worker process runs per file."""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .cache import FindingsCache
from .checker import Checker
from .config import Config
from .discovery import read_source
from .fixes import FixesNotWritten, unified_diff, write_atomically
from .models import ClaimBase, Finding, InputError, Source
from .reading import files_digest
from .version import PLUGIN_API

__all__ = ["FileChecker", "FileOutcome", "cache_salt"]

# Part of the cache key: changes when what the engine does to findings changes (fixes
# are verified since "2"), so a cache written before holds no stale findings.
_FINDINGS_FORMAT = "findings-2"


@dataclass(frozen=True)
class FileOutcome:
    """What checking one file gave, as it crosses back from a worker."""

    findings: list[Finding] | None
    """None when the file could not be read."""
    error: InputError | None = None
    fixed: list[Finding] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)
    notes: tuple[str, ...] = ()
    claims: list[ClaimBase] | bytes | None = None
    """Claims kept for the repository pass (packed for the claim store by a worker
    process); None when there is no such pass."""
    source_errors: tuple[InputError, ...] = ()
    """The story's sources that could not be read or loaded (the file was checked
    without them)."""


class FileChecker:
    """Reads and checks one file at a time, through the findings cache, and writes
    its fixes (or makes their diff). Built once per process."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        config = checker.config
        self.cache = FindingsCache(Path(config.cache_dir), cache_salt(checker)) if config.cache_dir else None

    @classmethod
    def for_config(cls, config: Config) -> FileChecker:
        """A file checker of its own, for a process that did not inherit one."""
        return cls(Checker(config))

    def check_file(self, path: str) -> FileOutcome:
        """Read, check and (in fix mode) fix one file."""
        source = read_source(path)
        if isinstance(source, InputError):
            return FileOutcome(None, source)
        return self.check_source(source)

    def check_source(self, source: Source) -> FileOutcome:
        """Check one source read from disk: from the cache when it holds the answer."""
        checker, config = self.checker, self.checker.config
        repository = bool(checker.plan.repository_kinds)
        key = None
        if self.cache is not None and config.fix == "off" and source.digest:
            key = self.cache.key(source.path, source.digest)
            cached = self.cache.get(key, checker.parse_claim if repository else None)
            if cached is not None and (not repository or cached[1] is not None):
                return FileOutcome(cached[0], claims=cached[1])
        result = checker.check_source(source)
        if not result.loaded:
            return FileOutcome(result.findings, result.error)
        if key is not None and self.cache is not None and result.cacheable:
            kept = [c.model_dump(mode="json") for c in result.kept_claims] if result.kept_claims is not None else None
            self.cache.put(key, result.findings, kept)
        bad = result.source_errors
        if result.fixed_text is None:
            return FileOutcome(result.findings, claims=result.kept_claims, notes=result.notes, source_errors=bad)
        if config.diff:
            diff = unified_diff(source.path, source.text, result.fixed_text)
            return FileOutcome(result.findings, None, result.fixed, [diff], result.notes, result.kept_claims, bad)
        try:
            write_atomically(source.path, result.fixed_text, expected_digest=source.digest)
        except FixesNotWritten as exc:
            error = InputError(path=source.path, message=exc.reason)
            return FileOutcome(result.findings, error, [], [], result.notes, result.kept_claims, bad)
        except OSError as exc:
            error = InputError(path=source.path, message=f"fixes not written: {exc.strerror or exc}")
            return FileOutcome(result.findings, error, [], [], result.notes, result.kept_claims, bad)
        return FileOutcome(result.findings, None, result.fixed, [], result.notes, result.kept_claims, bad)


def cache_salt(checker: Checker) -> str:
    """Everything besides the file itself that can change its findings."""
    parts = [
        checker.config.model_dump_json(exclude={"cache_dir", "verbose", "changed_only"}),
        checker.registry.fingerprint(),
        _facts_digest(checker),
        PLUGIN_API,
        _FINDINGS_FORMAT,
    ]
    # Every module of factlint and of each plugin's top-level package, not only the
    # plugin's entry module: a plugin split into a package (or sharing a module, as
    # the built-ins share their English words) is edited in its submodules.
    packages = {"factlint"}
    for info in sorted(checker.host.infos.values(), key=lambda i: i.name):
        parts.append(f"{info.name}={info.version}")
        packages.add(info.module.split(".")[0])
    for name in sorted(sys.modules):
        if name.split(".")[0] in packages:
            file = getattr(sys.modules[name], "__file__", None)
            if file:
                st = os.stat(file)
                parts.append(f"{file}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


_MAX_FACTS_DIGESTED = 512 * 1024 * 1024  # a FIFO or /dev/zero named as facts is never read whole


def _facts_digest(checker: Checker) -> str:
    """The digest of the fact files' bytes, read without loading them (the store
    loads only when a rule reads it): a changed fact changes findings even when the
    article did not."""
    files = checker.fact_files()
    return files_digest(files, "facts", _MAX_FACTS_DIGESTED, "a facts file") if files else "no facts"

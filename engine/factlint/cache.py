"""A content-hash cache of findings, so unchanged articles are not checked again.

The key covers everything that can change a result: the file's path and bytes, the
config, the registry, and every plugin's version and code (module file size and
modification time, so an edited plugin invalidates its entries even before its
version changes). Findings are stored as JSON, one file per key.

An entry that cannot be used (cut short by a full disk, edited by hand, written by
another version) is a miss: it is deleted and written again, and never stops a run.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .models import ClaimBase, Finding

__all__ = ["FindingsCache", "default_cache_dir"]


def default_cache_dir() -> Path:
    """``$FACTLINT_CACHE_DIR``, else the user cache folder of this platform."""
    if os.environ.get("FACTLINT_CACHE_DIR"):
        return Path(os.environ["FACTLINT_CACHE_DIR"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "factlint"


class FindingsCache:
    """Findings by content key, under ``directory``."""

    def __init__(self, directory: Path, salt: str) -> None:
        self.directory = directory
        self.salt = salt
        self.hits = 0
        self.misses = 0

    def key(self, path: str, content_digest: str) -> str:
        """The cache key of one file's content under this run's settings."""
        return hashlib.sha256(f"{self.salt}\0{path}\0{content_digest}".encode()).hexdigest()

    def get(
        self, key: str, parse_claim: Callable[[dict[str, Any]], ClaimBase] | None = None
    ) -> tuple[list[Finding], list[ClaimBase] | None] | None:
        """The cached findings and kept claims, or None for a miss.

        The claims are built with ``parse_claim`` (a checker's, which knows every
        plugin's claim kinds); without it, or when the entry kept none, they are
        None. An entry that is damaged in any way, down to one claim that does not
        validate, is deleted and counts as a miss.
        """
        file = self.directory / key[:2] / f"{key}.json"
        try:
            if not file.is_file():  # nothing there, or something no cache wrote
                raise FileNotFoundError(file)
            text = file.read_text(encoding="utf-8")
        except OSError:
            self.misses += 1
            return None
        try:
            entry = json.loads(text)
            if not isinstance(entry, dict) or not isinstance(entry["findings"], list):
                raise TypeError("not a cache entry")
            findings = [Finding.model_validate(r) for r in entry["findings"]]
            raw_claims = entry.get("claims")
            if raw_claims is not None and not isinstance(raw_claims, list):
                raise TypeError("claims are not a list")
            claims = None
            if parse_claim is not None and raw_claims is not None:
                claims = [parse_claim(c) for c in raw_claims]
        except Exception:
            # A plugin's claim validator may raise anything on data it never wrote;
            # whatever it is, the entry is of no use, and checking again is correct.
            self._discard(file)
            self.misses += 1
            return None
        self.hits += 1
        return findings, claims

    def _discard(self, file: Path) -> None:
        with contextlib.suppress(OSError):  # a read-only cache: the entry stays a miss
            file.unlink(missing_ok=True)

    def put(self, key: str, findings: list[Finding], claims: list[dict] | None = None) -> None:
        """Store findings (and claims kept for a repository pass); a cache that
        cannot be written is silently skipped."""
        folder = self.directory / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{key}.{os.getpid()}.tmp"
            entry = {"findings": [f.model_dump(mode="json") for f in findings], "claims": claims}
            tmp.write_text(json.dumps(entry), encoding="utf-8")
            os.replace(tmp, folder / f"{key}.json")
        except OSError:
            pass

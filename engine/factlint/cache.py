"""A content-hash cache of findings, so unchanged articles are not checked again.

The key covers everything that can change a result: the file's path and bytes, the
config, the registry, and every plugin's version and code (module file size and
modification time, so an edited plugin invalidates its entries even before its
version changes). Findings are stored as JSON, one file per key.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from pydantic import ValidationError

from .models import Finding

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

    def get(self, key: str) -> tuple[list[Finding], list[dict] | None] | None:
        """The cached findings and kept claims (as JSON data; None when none were
        kept), or None (a damaged entry counts as a miss)."""
        file = self.directory / key[:2] / f"{key}.json"
        try:
            entry = json.loads(file.read_text(encoding="utf-8"))
            findings = [Finding.model_validate(r) for r in entry["findings"]]
            claims = entry.get("claims")
        except (OSError, ValueError, ValidationError, TypeError, KeyError):
            self.misses += 1
            return None
        self.hits += 1
        return findings, claims

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

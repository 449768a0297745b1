"""A claim store on disk, for the repository pass: every document's kept claims are
written once while the documents are checked, and repository rules read them back in
as many passes as they need, so memory does not grow with the number of documents."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterator
from typing import Any

from .models import ClaimBase
from .rules import ClaimSet

__all__ = ["ClaimStore"]


class ClaimStore:
    """``(path, claims)`` of each document, in the order they were added.

    Iterating reads the store from its file each time; a rule may iterate it
    several times (count first, then report). ``len()`` is the number of documents.
    """

    def __init__(self, parse: Callable[[dict[str, Any]], ClaimBase]) -> None:
        self._parse = parse
        fd, self._path = tempfile.mkstemp(prefix="factlint-claims-", suffix=".jsonl")
        self._file = os.fdopen(fd, "w+", encoding="utf-8")
        self._count = 0

    def add(self, path: str, claims: list[ClaimBase]) -> None:
        """Store one document's claims."""
        row = {"path": path, "claims": [c.model_dump(mode="json") for c in claims]}
        self._file.write(json.dumps(row, ensure_ascii=False) + "\n")
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[tuple[str, ClaimSet]]:
        self._file.flush()
        with open(self._path, encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                yield row["path"], ClaimSet(self._parse(c) for c in row["claims"])

    def close(self) -> None:
        """Delete the store's file."""
        self._file.close()
        try:
            os.unlink(self._path)
        except OSError:
            pass

    def __enter__(self) -> ClaimStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

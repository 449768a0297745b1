"""A claim store on disk, for the repository pass: every document's kept claims are
written once while the documents are checked, and repository rules read them back in
as many passes as they need, so memory does not grow with the number of documents."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Iterator

from .models import ClaimBase
from .rules import ClaimSet

__all__ = ["ClaimStore"]


class ClaimStore:
    """``(path, claims)`` of each document, in the order they were added.

    Iterating reads the store from its file each time; a rule may iterate it
    several times (count first, then report). ``len()`` is the number of documents.
    The file is private to this process and deleted on :meth:`close`; its records
    are pickled claims, which load several times faster than validating JSON again.
    """

    def __init__(self) -> None:
        fd, self._path = tempfile.mkstemp(prefix="factlint-claims-", suffix=".pickle")
        self._file = os.fdopen(fd, "w+b")
        self._count = 0

    def add(self, path: str, claims: list[ClaimBase]) -> None:
        """Store one document's claims."""
        pickle.dump((path, list(claims)), self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[tuple[str, ClaimSet]]:
        self._file.flush()
        with open(self._path, "rb") as fh:
            for _ in range(self._count):
                path, claims = pickle.load(fh)
                yield path, ClaimSet(claims)

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

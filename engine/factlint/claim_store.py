"""A claim store on disk, for the repository pass: every document's kept claims are
written once while the documents are checked, and repository rules read them back in
as many passes as they need, so memory does not grow with the number of documents."""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
import threading
from collections.abc import Iterator

from .models import ClaimBase
from .rules import ClaimSet

__all__ = ["ClaimStore"]


class ClaimStore:
    """``(path, claims)`` of each document, in the order they were added.

    Iterating reads the store from its file each time; a rule may iterate it
    several times (count first, then report). The store may still be growing while
    it is read (the repository pass starts while other processes check the last
    documents): an iteration then waits for each next record until :meth:`seal` says
    there are no more, and ``len()``, the number of documents, waits for the seal.
    The file is private to this process and deleted on :meth:`close`; its records
    are pickled claims, which load several times faster than validating JSON again.
    """

    def __init__(self) -> None:
        fd, self._path = tempfile.mkstemp(prefix="factlint-claims-", suffix=".pickle")
        self._file = os.fdopen(fd, "w+b")
        self._count = 0
        self._sealed = False
        self._changed = threading.Condition()

    @staticmethod
    def pack(claims: list[ClaimBase]) -> bytes:
        """One document's claims as the store keeps them, for :meth:`add_packed`: a
        process that checks documents for this one packs their claims itself."""
        return pickle.dumps(list(claims), protocol=pickle.HIGHEST_PROTOCOL)

    def add(self, path: str, claims: list[ClaimBase]) -> None:
        """Store one document's claims."""
        self.add_packed(path, self.pack(claims))

    def add_packed(self, path: str, packed: bytes) -> None:
        """Store one document's claims, as :meth:`pack` gave them."""
        record = pickle.dumps(path, protocol=pickle.HIGHEST_PROTOCOL) + packed
        with self._changed:
            if self._sealed:
                raise ValueError("the claim store is sealed")
            self._file.write(record)
            # Readers use their own handle: the record must reach the file first.
            self._file.flush()
            self._count += 1
            self._changed.notify_all()

    def seal(self) -> None:
        """Say that every document has been added."""
        with self._changed:
            self._sealed = True
            self._changed.notify_all()

    def __len__(self) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self._sealed)
            return self._count

    def __iter__(self) -> Iterator[tuple[str, ClaimSet]]:
        with open(self._path, "rb") as fh:
            read = 0
            while True:
                with self._changed:
                    # wait_for calls the predicate before returning, so it sees this `read`.
                    self._changed.wait_for(lambda: read < self._count or self._sealed)  # noqa: B023
                    if read >= self._count:
                        return
                path = pickle.load(fh)
                claims = pickle.load(fh)
                read += 1
                yield path, ClaimSet(claims)

    def close(self) -> None:
        """Delete the store's file (sealing it, so no reader waits for more)."""
        self.seal()
        self._file.close()
        with contextlib.suppress(OSError):
            os.unlink(self._path)

    def __enter__(self) -> ClaimStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

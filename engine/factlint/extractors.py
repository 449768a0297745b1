"""The base class of claim extractors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from .models import ClaimBase, Document
from .rules import ClaimSet

__all__ = ["Extractor"]


class Extractor:
    """Finds claims of some kinds in a document.

    The engine runs an extractor only when a selected rule requires one of the kinds
    in :attr:`produces`, after the extractors producing the kinds it :attr:`requires`.
    """

    name: ClassVar[str]
    """A short unique name, e.g. ``dates``."""
    produces: ClassVar[frozenset[str]]
    """The claim kinds this extractor yields."""
    requires: ClassVar[frozenset[str]] = frozenset()
    """Claim kinds it reads from earlier extractors."""

    def extract(self, document: Document, claims: ClaimSet) -> Iterable[ClaimBase]:
        """Yield the claims found in ``document``; ``claims`` holds what earlier
        extractors found (only the kinds in :attr:`requires` are guaranteed)."""
        raise NotImplementedError

"""The base class of output formats."""

from __future__ import annotations

from typing import ClassVar, TextIO

from .models import Report

__all__ = ["Reporter"]


class Reporter:
    """Writes a :class:`~factlint.models.Report` in one output format."""

    name: ClassVar[str]
    """The value of ``--format`` that selects it."""
    description: ClassVar[str] = ""
    """One line for ``factlint plugins``."""

    def render(self, report: Report, out: TextIO, *, color: bool = False, verbose: bool = False) -> None:
        """Write ``report`` to ``out``. ``color`` is true only on a terminal."""
        raise NotImplementedError

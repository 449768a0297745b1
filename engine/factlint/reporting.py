"""The base class of output formats, and what a reporter knows about the run."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, TextIO

from .models import Finding, Report, RuleInfo

__all__ = ["RenderContext", "Reporter"]


def _read_source(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


@dataclass(frozen=True)
class RenderContext:
    """What a reporter may need beyond the findings."""

    color: bool = False
    """True only when writing to a terminal (and colour is not switched off)."""
    verbose: bool = False
    """The user asked for detail (confidence, related places)."""
    rules: Mapping[str, RuleInfo] = field(default_factory=dict)
    """Every rule that ran, by id, with its summary and documentation."""
    version: str = ""
    """factlint's version, for formats that name the tool."""
    source: Callable[[str], str | None] = _read_source
    """Returns the source text of a checked file (None if it cannot be read), for
    formats that show the article itself."""


class Reporter:
    """Writes findings in one output format.

    The engine makes one instance per output, calls :meth:`document_done` as each
    document finishes (streaming formats write then), and :meth:`finish` once with
    the whole, sorted report.
    """

    name: ClassVar[str]
    """The value of ``--format`` that selects it."""
    description: ClassVar[str] = ""
    """One line for ``factlint plugins``."""

    def __init__(self, out: TextIO, context: RenderContext | None = None) -> None:
        self.out = out
        self.context = context or RenderContext()

    def document_done(self, path: str, findings: Sequence[Finding]) -> None:
        """Called when one document has been checked; most formats wait for :meth:`finish`."""

    def finish(self, report: Report) -> None:
        """Write the report (or its closing part, for a streaming format)."""
        raise NotImplementedError

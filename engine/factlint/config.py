"""The run's configuration: one validated, frozen model.

The command line builds it; later a ``factlint.toml`` or ``[tool.factlint]`` table
will feed the same model. Every plugin gets it through ``factlint_configure``.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from .models import Model, PublishedDate, Severity

__all__ = ["Config", "DEFAULT_INCLUDE", "DEFAULT_EXCLUDE"]

DEFAULT_INCLUDE = (
    "*.md",
    "*.markdown",
    "*.html",
    "*.htm",
    "*.txt",
    "*.claims.json",
    "*.claims.yaml",
    "*.claims.yml",
)
"""Files picked up when a directory is checked. A file named on the command line is
always loaded, whatever its name (a ``.json`` or ``.yaml`` file as a claims file)."""

DEFAULT_EXCLUDE = (".*", "node_modules", "__pycache__")
"""Directory and file names skipped while walking a directory."""


class Config(Model):
    """Everything that shapes a run."""

    select: tuple[str, ...] = Field((), description="Rule ids or prefixes to run (empty: all).")
    ignore: tuple[str, ...] = Field((), description="Rule ids or prefixes not to run.")
    fail_on: Severity = Field(
        Severity.WARNING, description="Exit 1 when a finding is at or above this severity."
    )
    min_confidence: float = Field(0.0, ge=0, le=1, description="Drop findings less sure than this.")
    published: PublishedDate | None = Field(
        None, description="Publication date for every document, overriding their own."
    )
    front_matter_date_key: str | None = Field(
        None, description="Front-matter key of the publication date (default: published, date, pubdate)."
    )
    registries: tuple[str, ...] = Field((), description="Registry files, merged in order.")
    include: tuple[str, ...] = Field(DEFAULT_INCLUDE, description="Globs of files to check in directories.")
    exclude: tuple[str, ...] = Field((), description="Globs of files or directories to skip.")
    disable_plugins: tuple[str, ...] = Field((), description="Plugin names not to load.")
    severity: dict[str, Severity] = Field(default_factory=dict, description="Per-rule severity overrides.")
    options: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Per-rule options, validated against each rule's Options model."
    )
    verbose: bool = Field(False, description="Say what was skipped and why.")

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _split_commas(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, (list, tuple)):
            out: list[str] = []
            for item in value:
                out.extend(p.strip() for p in str(item).split(",") if p.strip())
            return tuple(out)
        return value

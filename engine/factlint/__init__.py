"""factlint: a linter for the facts inside news articles.

The public API is what ``__all__`` lists; plugins import only these names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import ExitCode, LoadError
from .extractors import Extractor
from .markers import hookimpl
from .models import (
    Block,
    ClaimBase,
    CountClaim,
    CountItem,
    DateClaim,
    Document,
    Edit,
    EntityClaim,
    Finding,
    Fix,
    InputFormat,
    Metadata,
    PublishedDate,
    Related,
    RelativeShift,
    Report,
    RuleInfo,
    Severity,
    Source,
    SourceDocument,
    SourceMap,
    Span,
    TemporalRelationClaim,
)
from .mutations import Mutation, Mutator
from .registry import Registry, RegistryEntry
from .reporting import RenderContext, Reporter
from .rules import CheckContext, ClaimSet, NoOptions, RepositoryContext, Rule
from .version import PLUGIN_API, __version__
from .yaml_safety import BoundedSafeLoader

__all__ = [
    "Block",
    "BoundedSafeLoader",
    "CheckContext",
    "CheckResult",
    "Checker",
    "ClaimBase",
    "ClaimSet",
    "ClaimsDocument",
    "ClaimsFile",
    "Config",
    "CountClaim",
    "CountItem",
    "DateClaim",
    "DatedEvent",
    "Document",
    "Edit",
    "EntityClaim",
    "ExitCode",
    "Extractor",
    "FactProblem",
    "FactStore",
    "Finding",
    "Fix",
    "InputFormat",
    "KnownName",
    "LoadError",
    "Metadata",
    "Mutation",
    "Mutator",
    "NoOptions",
    "OfficeTerm",
    "PLUGIN_API",
    "PublishedDate",
    "Registry",
    "RegistryEntry",
    "Related",
    "RelativeShift",
    "RepositoryContext",
    "RenderContext",
    "Report",
    "Reporter",
    "Run",
    "RunOutcome",
    "Rule",
    "RuleInfo",
    "Severity",
    "Source",
    "SourceDocument",
    "SourceMap",
    "Span",
    "TemporalRelationClaim",
    "__version__",
    "check_paths",
    "check_text",
    "claims_file_schema",
    "hookimpl",
]

if TYPE_CHECKING:
    from .api import check_paths, check_text
    from .checker import Checker, CheckResult
    from .claims_file import ClaimsDocument, ClaimsFile, claims_file_schema
    from .config import Config
    from .facts import DatedEvent, FactProblem, FactStore, KnownName, OfficeTerm
    from .run import Run, RunOutcome

_LAZY = {
    "Checker": "checker",
    "CheckResult": "checker",
    "Config": "config",
    "Run": "run",
    "RunOutcome": "run",
    "check_text": "api",
    "check_paths": "api",
    "ClaimsDocument": "claims_file",
    "ClaimsFile": "claims_file",
    "claims_file_schema": "claims_file",
    "DatedEvent": "facts",
    "FactProblem": "facts",
    "FactStore": "facts",
    "KnownName": "facts",
    "OfficeTerm": "facts",
}


def __getattr__(name: str) -> Any:
    # The checking API (checker, run, plugin loading) and the claims-file model (a large
    # schema to build) are imported on first use, so that starting the command or a
    # plugin importing `factlint` for its base classes stays cheap.
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'factlint' has no attribute {name!r}")

"""The base class of every rule, and what a rule sees while it checks a document."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from .models import (
    ClaimBase,
    ClaimSet,
    Document,
    Finding,
    Fix,
    PublishedDate,
    Related,
    Severity,
    SourceDocument,
    Span,
)

if TYPE_CHECKING:
    from .facts import FactStore
    from .registry import Registry

__all__ = ["CheckContext", "ClaimSet", "NoOptions", "OptionsT", "RepositoryContext", "Rule", "RULE_DOC_HEADINGS"]

RULE_DOC_HEADINGS = ("What it flags", "Why it matters", "Example", "Use instead", "Fix safety", "Options")
"""The headings every rule's docstring carries, in this order; ``factlint explain``
prints the docstring and a test fails if one is missing."""


class NoOptions(BaseModel):
    """The options model of a rule that takes none."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class _RuleContext:
    """What every rule sees of itself: the registry, the reference facts, its id,
    severity, plugin and options, and how findings get them filled in."""

    def __init__(
        self,
        *,
        registry: Registry,
        rule_id: str,
        severity: Severity,
        plugin: str,
        options: BaseModel,
        forced_severity: Severity | None = None,
        facts: FactStore | Callable[[], FactStore] | None = None,
    ) -> None:
        self.registry = registry
        self._facts = facts
        self.rule_id = rule_id
        self.severity = severity
        self.plugin = plugin
        self.options = options
        self.forced_severity = forced_severity
        """The severity the user configured for this rule, which every finding takes."""

    @property
    def facts(self) -> FactStore:
        """The reference facts (``--facts``, the config's ``facts``, and the files
        plugins register): a :class:`~factlint.FactStore`, empty when there are none.
        Loaded the first time a rule reads it, once per checker."""
        if callable(self._facts):
            self._facts = self._facts()
        if self._facts is None:
            from .facts import FactStore

            self._facts = FactStore.empty()
        return self._facts

    def _build(
        self,
        path: str,
        span: Span,
        text: str,
        message: str,
        related: Iterable[Related],
        suggestion: str | None,
        fix: Fix | None,
        confidence: float,
        severity: Severity | None,
    ) -> Finding:
        """A finding with this rule's id, severity and plugin filled in. A severity the
        user configured for the rule wins over one the rule chose for this finding."""
        return Finding(
            rule=self.rule_id,
            severity=self.forced_severity or severity or self.severity,
            message=message,
            path=path,
            span=span,
            text=text,
            related=tuple(related),
            suggestion=suggestion,
            fix=fix,
            confidence=round(confidence, 3),
            plugin=self.plugin,
        )


class CheckContext(_RuleContext):
    """What a rule's :meth:`Rule.check` gets: the document, its claims, the story's
    sources, the registry, the rule's options, and :meth:`finding` to build findings
    with the right id, severity, path and plugin filled in."""

    def __init__(
        self,
        *,
        document: Document,
        claims: ClaimSet,
        sources: tuple[SourceDocument, ...] = (),
        **rule: Any,
    ) -> None:
        super().__init__(**rule)
        self.document = document
        self.claims = claims
        self.sources = sources
        """The documents the article was written from (``--source``, the front-matter
        key ``sources``), loaded and with their claims; empty when none were given."""

    @property
    def published(self) -> PublishedDate | None:
        """The document's :class:`~factlint.models.PublishedDate`, or None."""
        return self.document.metadata.published

    def related(self, span: Span, message: str) -> Related:
        """A related location with its source text filled in."""
        return Related(span=span, message=message, text=self.document.source_text(span))

    def related_in(self, source: SourceDocument, span: Span, message: str) -> Related:
        """A related location in one of :attr:`sources`, with its path and text filled in."""
        return Related(span=span, message=message, text=source.document.source_text(span), path=source.document.path)

    def finding(
        self,
        span: Span,
        message: str,
        *,
        related: Iterable[Related] = (),
        suggestion: str | None = None,
        fix: Fix | None = None,
        confidence: float = 1.0,
        severity: Severity | None = None,
    ) -> Finding:
        """Build a finding of this rule at ``span``."""
        return self._build(
            self.document.path, span, self.document.source_text(span), message,
            related, suggestion, fix, confidence, severity,
        )


OptionsT = TypeVar("OptionsT", bound=BaseModel)
"""The type of a rule's options: ``class Mine(Rule[MineOptions])`` makes
``self.options`` a ``MineOptions`` for type checkers."""


class Rule(Generic[OptionsT]):
    """Base class of a check. Subclass it, set the class attributes, write ``check``.

    Parametrise it with the options model (``Rule[MyOptions]``, and set
    ``Options = MyOptions``) so that ``self.options`` is typed.

    The subclass's docstring is the rule's documentation, printed by
    ``factlint explain RULE``; it must have the sections named in
    :data:`RULE_DOC_HEADINGS` as ``## Heading`` lines.
    """

    id: ClassVar[str]
    """``family/name``, unique across all plugins: ``count/mismatch``."""
    summary: ClassVar[str]
    """One line: what the rule flags."""
    severity: ClassVar[Severity] = Severity.WARNING
    """Default severity; config may override it."""
    requires: ClassVar[frozenset[str]] = frozenset()
    """Claim kinds the rule reads; the engine runs only the extractors producing them."""
    Options: ClassVar[type[BaseModel]] = NoOptions
    """The pydantic model of the rule's options."""
    fix_safety: ClassVar[str | None] = None
    """``safe`` or ``unsafe`` if the rule offers fixes, else None."""
    repository: ClassVar[bool] = False
    """True if the rule also looks across every checked document at once
    (``--repo-consistency``): the engine then keeps the claims it ``requires`` from
    every document and calls :meth:`check_repository` once at the end."""
    needs_published: ClassVar[bool] = False
    """True if the rule can say nothing without a publication date (``--verbose``
    then tells the user it stayed silent)."""
    reads_sources: ClassVar[bool] = False
    """True if the rule compares the article with its sources (:attr:`CheckContext.sources`):
    the engine loads the sources an article names only when a selected rule reads them."""

    def __init__(self, options: OptionsT | None = None) -> None:
        self.options: OptionsT = options if options is not None else self.Options()  # type: ignore[assignment]

    def check(self, context: CheckContext) -> Iterable[Finding]:
        """Yield the findings for ``context.document``. Must not modify anything."""
        raise NotImplementedError

    def check_repository(self, context: RepositoryContext) -> Iterable[Finding]:
        """Yield findings that need every document at once (only for rules with
        ``repository = True``, only with ``--repo-consistency``)."""
        return ()

    def keep_for_repository(self, claims: ClaimSet) -> Iterable[ClaimBase]:
        """The claims of one document that :meth:`check_repository` will need, kept
        on disk until the repository pass. By default every claim of the kinds the
        rule ``requires``; a rule that reads fewer says so here, which makes the
        store smaller and the pass faster."""
        return [c for c in claims if c.kind in self.requires]


class RepositoryContext(_RuleContext):
    """What :meth:`Rule.check_repository` gets: ``claims``, the claims the rule
    requires from every checked document as ``(path, ClaimSet)`` pairs in path order
    (read from disk on each iteration: iterate as often as needed, but do not keep
    them all, so that memory does not grow with the archive), and :meth:`finding` to
    report on any of them."""

    def __init__(
        self,
        *,
        claims: Iterable[tuple[str, ClaimSet]],
        **rule: Any,
    ) -> None:
        super().__init__(**rule)
        self.claims = claims

    def related(self, path: str, span: Span, message: str, text: str) -> Related:
        """A related place in any document."""
        return Related(span=span, message=message, text=text, path=path)

    def finding(
        self,
        path: str,
        span: Span,
        text: str,
        message: str,
        *,
        related: Iterable[Related] = (),
        suggestion: str | None = None,
        fix: Fix | None = None,
        confidence: float = 1.0,
        severity: Severity | None = None,
    ) -> Finding:
        """Build a finding of this rule in document ``path``, flagging ``text``."""
        return self._build(path, span, text, message, related, suggestion, fix, confidence, severity)

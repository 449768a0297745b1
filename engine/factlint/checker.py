"""One document in, a result out: load, extract, check, filter, and (when asked)
fix, with every plugin exception turned into an ``engine/plugin-error`` finding.

A :class:`Checker` holds only what its config decided once (the plugins, the
registry, the plan), never anything about the document it is checking, so one
checker serves every thread of the server, every process of a local run and every
Dask worker at once. Many files, the cache, writing fixes, the repository pass and
the report are a :class:`~factlint.run.Run`'s business.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from .budget import Overdue, interrupted_at, time_limit
from .config import Config
from .discovery import read_source
from .errors import LoadError
from .extractors import Extractor
from .fixes import apply_edits, digest, edited_ranges, edits_problem, source_edits
from .models import Claim, ClaimBase, ClaimSet, Document, Finding, InputError, Source, SourceDocument
from .planning import Plan, SelectedRule, rule_matches, undocumented_rules, unmet_requirements
from .plugins import PLUGIN_FAULTS, PluginHost, describe_value
from .registry import Registry, load_registries
from .results import (
    INPUT_ERROR,
    PLUGIN_ERROR,
    crash_finding,
    describe_exception,
    file_plugin_error,
    with_fingerprints,
)
from .rules import CheckContext, Rule
from .suppressions import apply_suppressions

if TYPE_CHECKING:
    from .facts import FactProblem, FactStore

__all__ = ["CheckResult", "Checker", "DocumentCheck"]

# Each fix is tried alone and the article checked again; this bounds that work on an
# article with very many fixable findings (the result says when it stops early).
_MAX_FIX_TRIALS = 200
_REFUSED = "No fix is offered: the replacement would be flagged again."
# Loaded sources kept between documents: a run whose articles share a --source loads it once.
_SOURCES_KEPT = 32


@dataclass(frozen=True)
class DocumentCheck:
    """What checking one loaded document gives."""

    findings: list[Finding]
    """Fingerprinted, filtered and suppressed; crash findings first."""
    claims: ClaimSet
    """Every claim the extractors found (or the document brought)."""
    kept_claims: list[ClaimBase] | None = None
    """What the repository pass will need of the claims; None when there is no such pass."""
    notes: tuple[str, ...] = ()
    """What ``--verbose`` tells the user about this document."""


@dataclass(frozen=True)
class CheckResult:
    """What checking one source gives: its findings or the reason it could not be
    read, the claims kept for the repository pass, notes, and in fix mode the
    fixed text and the findings whose fixes made it."""

    findings: list[Finding]
    error: InputError | None = None
    kept_claims: list[ClaimBase] | None = None
    notes: tuple[str, ...] = ()
    fixed: list[Finding] = field(default_factory=list)
    """Findings whose fixes were applied (fix mode only)."""
    fixed_text: str | None = None
    """The source's text with those fixes applied; None when nothing was fixed."""
    loaded: bool = True
    """Whether a loader read the source (False: only crash findings or an error)."""
    cacheable: bool = True
    """False when a loader crashed on the way, or sources were read: the result may
    differ next time, or depends on more than the file."""
    source_errors: tuple[InputError, ...] = ()
    """Sources named for the document that could not be read or loaded; it was checked
    without them."""


class Checker:
    """Checks one document at a time with the rules a config selects.

    Build one per configuration: it loads the plugins (unless given a ``host``) and
    the registry (unless given one), and plans the rules and extractors once.
    Registry problems are in :attr:`startup_errors`; a config that names an
    unknown rule raises :class:`~factlint.errors.UsageError`.
    """

    def __init__(
        self, config: Config | None = None, *, host: PluginHost | None = None, registry: Registry | None = None
    ) -> None:
        self.config = config or Config()
        self.host = host if host is not None else PluginHost.for_config(self.config)
        self.startup_errors: list[InputError] = []
        if registry is None:
            registry, problems = load_registries(self.config.registries)
            self.startup_errors.extend(
                InputError(path=p.path, line=p.line, column=p.column, message=f"registry not used: {p.message}")
                for p in problems
            )
        self.registry = registry
        self._facts: FactStore | None = None
        self._facts_lock = threading.Lock()
        self.fact_problems: list[FactProblem] = []
        """Facts left out of :attr:`facts` and why (filled when they are loaded)."""
        if self.config.facts:
            # Files the user named: a mistake in them stops the run, as a registry's does.
            named = {str(Path(path)) for path in self.config.facts}
            self.startup_errors.extend(
                InputError(path=p.path, line=p.line, message=f"{p.field}: {p.message}" if p.field else p.message)
                for p in self._load_facts()[1]
                if p.path in named
            )
        self.plan = Plan.build(self.host, self.config)
        self.warnings: list[str] = unmet_requirements(self.host, self.plan.rules) + undocumented_rules(self.plan.rules)
        """What a user should hear before the run: rules that cannot find anything, or
        that lack their documentation."""
        self.host.configure(self.config)
        self._sources: OrderedDict[tuple[str, str], tuple[SourceDocument | None, list[Finding], InputError | None]]
        self._sources = OrderedDict()
        self._sources_lock = threading.Lock()

    @property
    def facts(self) -> FactStore:
        """The reference facts of the config and the plugins, loaded on first use
        (once per checker: a run whose rules never read them never loads them)."""
        return self._load_facts()[0]

    def fact_files(self) -> list[str]:
        """The fact files, those the plugins register first, then the config's."""
        return [*(path for _, path in self.host.fact_files), *self.config.facts]

    def _load_facts(self) -> tuple[FactStore, list[FactProblem]]:
        with self._facts_lock:
            if self._facts is None:
                from .facts import FactStore

                cache = Path(self.config.cache_dir) / "facts" if self.config.cache_dir else None
                self._facts, self.fact_problems = FactStore.load(self.fact_files(), cache_dir=cache)
            return self._facts, self.fact_problems

    @property
    def rules(self) -> tuple[SelectedRule, ...]:
        """The selected rules, in id order."""
        return self.plan.rules

    @property
    def extractors(self) -> tuple[tuple[str, Extractor], ...]:
        """``(plugin, extractor)`` in the order they run."""
        return self.plan.extractors

    # ------------------------------------------------------------------ one document

    def load(self, source: Source, *, dated: bool = True) -> tuple[Document | None, list[Finding], InputError | None]:
        """Ask each loader in turn for a Document; the config's publication date,
        if set, then replaces the document's own, and its default date fills in one
        the document lacks (unless ``dated`` is False: a story's source keeps its own
        date)."""
        findings: list[Finding] = []
        for plugin, impl in self.host.loaders():
            try:
                document = self.host.call(impl, source=source, config=self.config)
            except LoadError as exc:
                return (
                    None,
                    findings,
                    InputError(path=source.path, line=exc.line, column=exc.column, message=exc.message),
                )
            except PLUGIN_FAULTS as exc:
                findings.append(
                    crash_finding(plugin, source.path, None, "loading the document", describe_exception(exc))
                )
                continue
            if document is not None and not isinstance(document, Document):
                error = f"returned {describe_value(document)}, which is not a factlint.Document"
                findings.append(crash_finding(plugin, source.path, None, "loading the document", error))
                continue
            if document is not None:
                return (self._dated(document) if dated else document), findings, None
        if findings:
            return None, findings, None
        return (
            None,
            findings,
            InputError(
                path=source.path, message=f"no loader reads {source.suffix or 'files without an extension'} files"
            ),
        )

    def _dated(self, document: Document) -> Document:
        published = self.config.published
        if published is None and document.metadata.published is None:
            published = self.config.default_published
        if published is None or document.metadata.published == published:
            return document
        return document.model_copy(update={"metadata": document.metadata.model_copy(update={"published": published})})

    def extract(self, document: Document) -> tuple[ClaimSet, list[Finding]]:
        """Run the planned extractors; a document that brings its claims keeps them."""
        if document.claims is not None:
            return ClaimSet(document.claims), []
        claims: list[ClaimBase] = []
        findings: list[Finding] = []
        for plugin, extractor in self.plan.extractors:
            where = f"extractor {extractor.name}"
            found: list[ClaimBase] = []
            try:
                stray = _gather(extractor.extract(document, ClaimSet(claims)), ClaimBase, found)
            except PLUGIN_FAULTS as exc:
                findings.append(crash_finding(plugin, document.path, document, where, describe_exception(exc)))
                continue
            if stray is not None:
                error = f"yielded {stray}, which is not a factlint claim"
                findings.append(crash_finding(plugin, document.path, document, where, error))
            claims.extend(found)
        return ClaimSet(claims), findings

    def check_document(self, document: Document, sources: tuple[SourceDocument, ...] = ()) -> DocumentCheck:
        """Extract claims from a loaded document and run every selected rule on them,
        with ``sources`` (see :meth:`sources_for`) the documents it was written from."""
        claims, findings = self.extract(document)
        kept = self.keep_for_repository(claims) if self.plan.repository_kinds else None
        notes: tuple[str, ...] = ()
        if document.metadata.published is None and self.config.verbose:
            silent = [s.rule.id for s in self.plan.rules if s.rule.needs_published]
            if silent:
                notes = (
                    f"{document.path}: no publication date, so {', '.join(silent)} stayed silent "
                    "(give --published or a 'published' front-matter key)",
                )
        raw: list[Finding] = []
        for selected in self.plan.rules:
            context = CheckContext(
                document=document,
                claims=claims,
                sources=sources,
                facts=lambda: self.facts,
                **selected.context_settings(self.registry),
            )
            where = f"rule {selected.rule.id}"
            try:
                # Into ``raw`` as they come: what a rule yielded before it raised is kept.
                stray = _gather(selected.rule.check(context), Finding, raw)
            except PLUGIN_FAULTS as exc:
                findings.append(crash_finding(selected.plugin, document.path, document, where, describe_exception(exc)))
                continue
            if stray is not None:
                error = f"yielded {stray}, which is not a factlint.Finding"
                findings.append(crash_finding(selected.plugin, document.path, document, where, error))
        found = self._overridden(document.path, [f for f in raw if f.confidence >= self.config.min_confidence])
        found = apply_suppressions(
            document,
            found,
            self.plan.rule_ids,
            severity={s.rule.id: s.severity for s in self.plan.rules},
            registered=self.host.rules,
        )
        # Again for the engine's own findings about suppressions, made just now.
        found = self._overridden(document.path, found)
        return DocumentCheck(findings + with_fingerprints(found), claims, kept, notes)

    def _overridden(self, path: str, found: list[Finding]) -> list[Finding]:
        """The findings as the config's per-path overrides for ``path`` leave them:
        rules they do not select or ignore dropped, their severities applied."""
        for override in self.config.overrides_for(path):
            found = [
                f.model_copy(update={"severity": override.severity[f.rule]}) if f.rule in override.severity else f
                for f in found
                if (override.select is None or any(rule_matches(f.rule, p) for p in override.select))
                and not any(rule_matches(f.rule, p) for p in override.ignore)
            ]
        return found

    def check_source(self, source: Source, sources: Sequence[Source] = ()) -> CheckResult:
        """Load one source and check it, against the documents it was written from:
        ``sources`` given here (text held in memory), the config's, and those its
        front matter names.

        A finding keeps its fix only if applying it alone writes text that its rule
        does not flag again. With fixes switched on in the config, fixes are applied
        one at a time on that test; the result holds the fixed text (never written
        here) and the findings left on it.

        The whole check has the config's ``document_timeout``: past it, the check is
        stopped and its result is one ``engine/plugin-error`` finding saying where.
        """
        budget = self.config.document_timeout
        try:
            with time_limit(budget):
                return self._check_source(source, sources)
        except Overdue as exc:
            where = interrupted_at(exc)
            message = (
                f"checking this file took more than {budget:g} s (document-timeout) and was stopped"
                f"{f' in {where}' if where else ''}; the other files were checked"
            )
            return CheckResult(findings=[file_plugin_error(source.path, message)], cacheable=False)

    def _check_source(self, source: Source, sources: Sequence[Source]) -> CheckResult:
        document, crashes, error = self.load(source)
        if document is None:
            return CheckResult(findings=crashes, error=error, loaded=False)
        overlong = _overlong_paragraph(document, self.config.max_paragraph_chars)
        if overlong is not None:
            return CheckResult(findings=crashes, error=overlong, loaded=False)
        originals: tuple[SourceDocument, ...] = ()
        source_crashes: list[Finding] = []
        source_errors: tuple[InputError, ...] = ()
        if self.plan.reads_sources:  # else no rule would look at them
            originals, source_crashes, source_errors = self.sources_for(document, sources)
        crashes += source_crashes
        cacheable = not crashes and not originals and not source_errors
        checked = self.check_document(document, originals)
        if self.config.fix == "off":
            findings = self.verify_fixes(source, document, checked.findings, originals)
            return CheckResult(
                crashes + findings, None, checked.kept_claims, checked.notes,
                cacheable=cacheable, source_errors=source_errors,
            )
        fixed_source, _, left, fixed, notes = self._fix(source, document, checked.findings, originals)
        return CheckResult(
            crashes + left,
            None,
            checked.kept_claims,
            checked.notes + notes,
            fixed=fixed,
            fixed_text=fixed_source.text if fixed else None,
            cacheable=cacheable,
            source_errors=source_errors,
        )

    # ------------------------------------------------------------------ sources

    def sources_for(
        self, document: Document, given: Sequence[Source] = (), *, read_named: bool = True
    ) -> tuple[tuple[SourceDocument, ...], list[Finding], tuple[InputError, ...]]:
        """The documents ``document`` was written from, loaded and with their claims:
        ``given`` (in memory), then the config's ``sources`` (``--source``), then the
        paths its front-matter key ``sources`` lists, relative to the document's
        folder (unless ``read_named`` is False: a server never opens a path a request
        names). Also the crash findings of loading them, and one error per source
        that could not be read or loaded (the document is checked without it)."""
        named: list[str] = list(self.config.sources) if read_named else []
        errors: list[InputError] = []
        listed = document.metadata.extra.get("sources") if read_named else None
        if listed is not None:
            items = [listed] if isinstance(listed, str) else listed
            if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
                errors.append(
                    InputError(
                        path=document.path,
                        message="front-matter key 'sources': expected a list of file paths; "
                        "checked without sources",
                    )
                )
            else:
                folder = Path(document.path).parent if not document.path.startswith("<") else Path()
                named += [str(folder / item) for item in items]
        loaded: list[SourceDocument] = []
        crashes: list[Finding] = []
        seen: set[str] = set()
        wanted: list[Source | str] = [*given, *named]
        for item in wanted:
            key = item.path if isinstance(item, Source) else str(Path(item).resolve())
            if key in seen:
                continue
            seen.add(key)
            read = item if isinstance(item, Source) else read_source(item)
            if isinstance(read, InputError):
                errors.append(_source_error(read, document.path))
                continue
            original, found, error = self._source_document(read)
            crashes += found
            if error is not None:
                errors.append(_source_error(error, document.path))
            elif original is not None:
                loaded.append(original)
        return tuple(loaded), crashes, tuple(errors)

    def _source_document(self, source: Source) -> tuple[SourceDocument | None, list[Finding], InputError | None]:
        """One source loaded (by its own date) and its claims extracted, kept for the
        next document that names the same text."""
        key = (source.path, source.digest or digest(source.text.encode("utf-8", "surrogatepass")))
        with self._sources_lock:
            if key in self._sources:
                self._sources.move_to_end(key)
                return self._sources[key]
        document, crashes, error = self.load(source, dated=False)
        if document is None:
            error = error or InputError(path=source.path, message="no loader could read it")
            result: tuple[SourceDocument | None, list[Finding], InputError | None] = (None, crashes, error)
        else:
            claims, found = self.extract(document)
            result = (SourceDocument(document=document, claims=claims), crashes + found, None)
        with self._sources_lock:
            self._sources[key] = result
            while len(self._sources) > _SOURCES_KEPT:
                self._sources.popitem(last=False)
        return result

    def keep_for_repository(self, claims: ClaimSet) -> list[ClaimBase]:
        """What the repository rules will need of one document's claims, in order."""
        wanted: set[str] = set()
        for selected in self.plan.repository_rules:
            try:
                wanted.update(c.id for c in selected.rule.keep_for_repository(claims))
            except PLUGIN_FAULTS:
                # Keep what the rule requires; if the rule is broken, its repository
                # pass fails too and is reported there, once.
                wanted.update(c.id for c in Rule.keep_for_repository(selected.rule, claims))
        return [c for c in claims if c.id in wanted]

    def parse_claim(self, data: dict[str, Any]) -> ClaimBase:
        """A claim from its JSON data, built-in or of a registered plugin kind."""
        cls = self.host.claim_kinds.get(data.get("kind", ""))
        if cls is not None:
            return cls.model_validate(data)
        claim: ClaimBase = _claim_adapter().validate_python(data)
        return claim

    # ------------------------------------------------------------------ fixes

    def verify_fixes(
        self,
        source: Source,
        document: Document,
        findings: list[Finding],
        sources: tuple[SourceDocument, ...] = (),
    ) -> list[Finding]:
        """Take away each fix that, applied alone, would write text its own rule flags
        again, so that no front end offers a fix that cannot be applied for good."""
        refused: dict[tuple[Any, ...], Finding] = {}
        for f in findings:
            if f.fix is not None and f.rule not in (PLUGIN_ERROR, INPUT_ERROR):
                key = _fix_key(document, f)
                if key not in refused and self._try_fix(source, document, f, sources) is None:
                    refused[key] = f
        return _without_refused_fixes(findings, refused, document)

    def fix_allowed(self, finding: Finding) -> bool:
        """Whether the config lets this finding's fix be applied."""
        if finding.fix is None:
            return False
        level = self.config.fix_safety.get(finding.rule, finding.fix.safety)
        return level == "safe" or self.config.fix == "unsafe"

    def _fix(
        self, source: Source, document: Document, findings: list[Finding], sources: tuple[SourceDocument, ...] = ()
    ) -> tuple[Source, Document, list[Finding], list[Finding], tuple[str, ...]]:
        """Apply fixes one at a time, each kept only if the text it makes is not flagged
        again by the same rule where it changed.

        The loop ends when no fix left on the text passes that test, so fixing the
        result again changes nothing: every fix still offered was tried alone on the
        final text and refused. Returns the fixed source, its document, the findings
        left on it (refused fixes removed), the findings whose fixes were applied, and
        a note when the loop stopped early.
        """
        fixed: list[Finding] = []
        refused: dict[tuple[Any, ...], Finding] = {}  # trials that failed on the current text
        notes: tuple[str, ...] = ()
        trials = 0
        while True:
            pending = [f for f in findings if self.fix_allowed(f) and _fix_key(document, f) not in refused]
            if not pending:
                break
            if trials >= _MAX_FIX_TRIALS:
                notes = (
                    f"{source.path}: stopped fixing after {trials} trials; "
                    f"{len(pending)} fixes were not tried (run again)",
                )
                break
            finding = min(pending, key=lambda f: (f.span.start, f.span.end, f.rule))
            trials += 1
            trial = self._try_fix(source, document, finding, sources)
            if trial is None:
                refused[_fix_key(document, finding)] = finding
                continue
            source, document, findings = trial
            fixed.append(finding)
            refused.clear()  # the text changed: what failed before may pass now
        left = _without_refused_fixes(findings, refused, document)
        # Fixes this run may not apply (unsafe ones under --fix) are shown, so test them too.
        return source, document, self.verify_fixes(source, document, left, sources), fixed, notes

    def _try_fix(
        self, source: Source, document: Document, finding: Finding, sources: tuple[SourceDocument, ...] = ()
    ) -> tuple[Source, Document, list[Finding]] | None:
        """The source, document and findings after applying one finding's fix, or None
        when the fix is unusable or the same rule flags the text it wrote."""
        assert finding.fix is not None
        edits = source_edits(document, finding.fix)
        if edits is None:
            return None
        text = apply_edits(document.source, edits)
        if text == document.source:
            return None
        candidate = replace(source, text=text)
        new_document, _, error = self.load(candidate)
        if new_document is None or error is not None:
            return None
        # Same metadata: a date given on the command line or in a request still holds.
        new_document = new_document.model_copy(update={"metadata": document.metadata})
        new_findings = self.check_document(new_document, sources).findings
        changed = edited_ranges(edits)
        for f in new_findings:
            if f.rule != finding.rule:
                continue
            places = [(new_document.source_offset(f.span.start), new_document.source_offset(f.span.end))]
            if f.fix is not None:
                places += [
                    (new_document.source_offset(e.span.start), new_document.source_offset(e.span.end))
                    for e in f.fix.edits
                ]
            if any(a <= d and c <= b for a, b in places for c, d in changed):
                return None
        return candidate, new_document, new_findings


def _overlong_paragraph(document: Document, limit: int) -> InputError | None:
    """The input error for a document with a paragraph over ``limit`` characters (the
    config's ``max_paragraph_chars``: news paragraphs are a few hundred characters; a
    far longer one is a dump or a file with no paragraph breaks, and the extractors'
    work on it grows with its length)."""
    for block in document.blocks:
        if block.end - block.start > limit:
            where = document.span(block.start, block.start)
            return InputError(
                path=document.path,
                line=where.line,
                column=where.column,
                message=f"a paragraph of {block.end - block.start:,} characters, longer than any article's "
                f"({limit:,} at most, max-paragraph-chars): not checked; break the text into paragraphs",
            )
    return None


def _source_error(error: InputError, article: str) -> InputError:
    """A source's read or load error, saying which article named it."""
    return error.model_copy(update={"message": f"{error.message} (a source of {article}, checked without it)"})


@functools.cache
def _claim_adapter() -> TypeAdapter[Claim]:
    """The validator of built-in claims, built when a claim is first parsed (claims
    files and cluster runs), not at every start."""
    return TypeAdapter(Claim)


def _gather(items: Iterable[Any], kind: type[Any], into: list[Any]) -> str | None:
    """Append the items of ``kind`` a plugin gave to ``into``; return how the first
    other thing it gave looks (None when there was none): a stray item is reported,
    and must not end the run."""
    stray: str | None = None
    for item in items:
        if isinstance(item, kind):
            into.append(item)
        elif stray is None:
            stray = describe_value(item)
    return stray


def _fix_key(document: Document, finding: Finding) -> tuple[Any, ...]:
    """What identifies one fix on one text: its rule and its edits in source offsets."""
    assert finding.fix is not None
    return (
        finding.rule,
        tuple(
            (document.source_offset(e.span.start), document.source_offset(e.span.end), e.replacement)
            for e in finding.fix.edits
        ),
    )


def _without_refused_fixes(
    findings: Iterable[Finding], refused: dict[tuple[Any, ...], Finding], document: Document
) -> list[Finding]:
    """The findings with each refused fix (and its suggestion) taken away, saying why."""
    if not refused:
        return list(findings)
    out = []
    for f in findings:
        if f.fix is not None and _fix_key(document, f) in refused:
            problem = edits_problem(document, f.fix)
            why = f"No fix is offered: {problem}." if problem else _REFUSED
            f = f.model_copy(update={"fix": None, "suggestion": None, "message": f"{f.message} {why}"})
        out.append(f)
    return out

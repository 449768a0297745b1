"""discover -> load -> extract -> check -> filter -> report, one document at a time.

The engine knows no format, extractor, rule or reporter by name: it asks the plugin
host for what is registered, runs only what the selected rules need, and turns any
plugin exception into an ``engine/plugin-error`` finding so the run goes on.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import os
import sys
import threading
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from .config import DEFAULT_EXCLUDE, Config
from .cache import FindingsCache
from .claim_store import ClaimStore
from .errors import LoadError, UsageError
from .extractors import Extractor

if TYPE_CHECKING:
    import multiprocessing.context

    from .executors import DaskRunner
from .fixes import apply_edits, digest, edited_ranges, source_edits, unified_diff, write_atomically
from .models import Claim, ClaimBase, Document, Finding, InputError, Report, Severity, Span, Summary
from .plugins import PluginHost
from .registry import Registry, load_registries
from .rules import CheckContext, ClaimSet, RepositoryContext, Rule
from .suppressions import apply_suppressions
from .version import PLUGIN_API

__all__ = ["Engine", "Source", "discover", "read_source", "PLUGIN_ERROR", "INPUT_ERROR"]

PLUGIN_ERROR = "engine/plugin-error"
INPUT_ERROR = "engine/input-error"

_BINARY_SNIFF = 8192
# Each fix is tried alone and the article checked again; this bounds that work on an
# article with very many fixable findings (the run says when it stops early).
_MAX_FIX_TRIALS = 200
_REFUSED = "No fix is offered: the replacement would be flagged again."
# Part of the cache key: changes when what the engine does to findings changes (fixes
# are verified since "2"), so a cache written before holds no stale findings.
_FINDINGS_FORMAT = "findings-2"


@dataclass(frozen=True)
class Source:
    """A file to check, read and decoded: what a loader receives."""

    path: str
    """The path as given (or found under a directory given)."""
    suffix: str
    """Lower-case extension with the dot: ``.md``."""
    text: str
    """The decoded text (UTF-8, a byte-order mark removed)."""
    digest: str = ""
    """Hash of the bytes read, to refuse writing fixes over a file changed since."""


@dataclass
class _SelectedRule:
    rule: Rule
    plugin: str
    severity: Severity
    forced_severity: Severity | None  # set by the user's config

    def context_settings(self, registry: Registry) -> dict:
        """What the rule's check and repository contexts are built with."""
        return {
            "registry": registry,
            "rule_id": self.rule.id,
            "severity": self.severity,
            "plugin": self.plugin,
            "options": self.rule.options,
            "forced_severity": self.forced_severity,
        }


def _matches(rule_id: str, pattern: str) -> bool:
    """``pattern`` is a rule id, a family (``name``) or a prefix (``name/``)."""
    pattern = pattern.strip()
    if pattern == rule_id:
        return True
    prefix = pattern if pattern.endswith("/") else pattern + "/"
    return rule_id.startswith(prefix)


class Engine:
    """Checks documents with the rules a config selects.

    Build one per run: it loads the plugins (unless given a ``host``), the registry
    (unless given one), selects the rules and plans the extractors once.
    """

    def __init__(self, config: Config | None = None, *, host: PluginHost | None = None, registry: Registry | None = None) -> None:
        self.config = config or Config()
        self.host = host if host is not None else PluginHost.load(
            self.config.disable_plugins,
            local=self.config.plugins,
            autoload=self.config.autoload,
            enabled=self.config.enable_plugins,
        )
        self.startup_errors: list[InputError] = []
        if registry is None:
            registry, problems = load_registries(self.config.registries)
            self.startup_errors.extend(
                InputError(path=p.path, line=p.line, column=p.column, message=f"registry not used: {p.message}")
                for p in problems
            )
        self.registry = registry
        self.rules = self._select_rules()
        self.repo_rules = [s for s in self.rules if s.rule.repository] if self.config.repo_consistency else []
        self.repo_kinds: frozenset[str] = frozenset().union(*(s.rule.requires for s in self.repo_rules))
        self.kept_claims: list[ClaimBase] | None = None
        self.extractors = self._plan_extractors()
        self.notes: list[str] = []
        self.fixed: list[Finding] = []
        self.diffs: list[str] = []
        self.host.configure(self.config)
        self.cache = FindingsCache(Path(self.config.cache_dir), self._cache_salt()) if self.config.cache_dir else None

    def _cache_salt(self) -> str:
        """Everything besides the file itself that can change its findings."""
        parts = [
            self.config.model_dump_json(exclude={"cache_dir", "verbose", "changed_only"}),
            self.registry.fingerprint(),
            PLUGIN_API,
            _FINDINGS_FORMAT,
        ]
        for info in sorted(self.host.infos.values(), key=lambda i: i.name):
            parts.append(f"{info.name}={info.version}")
            module = sys.modules.get(info.module)
            file = getattr(module, "__file__", None)
            if file:
                st = os.stat(file)
                parts.append(f"{file}:{st.st_size}:{st.st_mtime_ns}")
        for name in sorted(sys.modules):
            if name == "factlint" or name.startswith("factlint."):
                file = getattr(sys.modules[name], "__file__", None)
                if file:
                    st = os.stat(file)
                    parts.append(f"{file}:{st.st_size}:{st.st_mtime_ns}")
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()

    # ------------------------------------------------------------------ planning

    def _select_rules(self) -> list[_SelectedRule]:
        known = sorted(self.host.rules)
        for option, patterns in (("--select", self.config.select), ("--ignore", self.config.ignore)):
            for pattern in patterns:
                if not any(_matches(r, pattern) for r in known):
                    raise UsageError(
                        f"{option}: no rule matches {pattern!r}; known rules: {', '.join(known) or 'none'}"
                    )
        for rule_id in list(self.config.severity) + list(self.config.options):
            if rule_id not in self.host.rules:
                raise UsageError(f"config names unknown rule {rule_id!r}; known rules: {', '.join(known)}")
        selected = []
        for rule_id in known:
            if self.config.select and not any(_matches(rule_id, p) for p in self.config.select):
                continue
            if any(_matches(rule_id, p) for p in self.config.ignore):
                continue
            cls = self.host.rules[rule_id]
            try:
                options = cls.Options.model_validate(self.config.options.get(rule_id, {}))
            except ValidationError as exc:
                err = exc.errors()[0]
                loc = ".".join(str(p) for p in err["loc"])
                raise UsageError(f"options for rule {rule_id}: {loc}: {err['msg']}") from None
            forced = self.config.severity.get(rule_id)
            selected.append(
                _SelectedRule(cls(options), self.host.rule_plugins[rule_id], Severity(forced or cls.severity), forced)
            )
        return selected

    def _plan_extractors(self) -> list[tuple[str, Extractor]]:
        """The extractors the selected rules need, each after those it reads from."""
        needed = set().union(*(s.rule.requires for s in self.rules)) if self.rules else set()
        chosen: dict[str, tuple[str, type[Extractor]]] = {}
        changed = True
        while changed:
            changed = False
            for plugin, ext in self.host.extractors:
                if ext.name not in chosen and ext.produces & needed:
                    chosen[ext.name] = (plugin, ext)
                    needed |= ext.requires
                    changed = True
        ordered: list[tuple[str, Extractor]] = []
        pending = sorted(chosen.values(), key=lambda pe: pe[1].name)
        while pending:
            # Ready: nothing still pending produces what it reads (a cycle runs as is).
            ready = [
                pe for pe in pending
                if not any(pe[1].requires & other[1].produces for other in pending if other is not pe)
            ] or pending
            ordered.extend((plugin, ext()) for plugin, ext in ready)
            pending = [pe for pe in pending if pe not in ready]
        return ordered

    # ------------------------------------------------------------------ running

    def check_paths(
        self,
        paths: Sequence[str],
        *,
        on_document: Callable[[str, list[Finding]], None] | None = None,
        jobs: int = 1,
        executor: DaskRunner | None = None,
    ) -> Report:
        """Check every article under ``paths``; one bad file never stops the others.

        ``on_document(path, findings)`` is called as each document finishes, in
        path order, for output formats that stream. ``jobs`` > 1 checks documents in
        that many processes, and an ``executor`` on a cluster; the report is the
        same, byte for byte.
        """
        findings: list[Finding] = [self._crash_finding(c.plugin, "<plugins>", None, c.where, c.error) for c in self.host.crashes]
        errors: list[InputError] = list(self.startup_errors)
        documents: list[str] = []
        files: list[str] = []
        for item in discover(paths, self.config):
            if isinstance(item, InputError):
                errors.append(item)
            elif self.config.changed_only is None or str(Path(item).resolve()) in self.config.changed_only:
                files.append(item)
        outcomes = self._check_remote(files, executor) if executor is not None else self._check_files(files, jobs)
        kept = ClaimStore() if self.repo_rules else None
        # When other processes check the documents, this one is free: the repository
        # pass starts at once and reads the store as it grows.
        early = None
        if kept is not None and (executor is not None or self._uses_pool(len(files), jobs)):
            early = _Background(self._check_repository, kept)
        try:
            for path, outcome in outcomes:
                doc_findings, error, fixed, diffs, notes, claims = outcome
                if kept is not None and claims is not None and error is None:
                    if isinstance(claims, bytes):
                        kept.add_packed(path, claims)
                    else:
                        kept.add(path, claims)
                self.fixed.extend(fixed)
                self.diffs.extend(diffs)
                self.notes.extend(notes)
                if error is not None:
                    errors.append(error)
                elif doc_findings is not None:
                    documents.append(path)
                    if on_document is not None:
                        on_document(path, doc_findings)
                findings.extend(doc_findings or [])
        except BaseException:
            if kept is not None:
                kept.close()  # a background pass sees the store end, and its file goes
            raise
        if kept is not None:
            kept.seal()
            with kept:
                findings.extend(early.result() if early is not None else self._check_repository(kept))
        return make_report(findings, errors, documents)

    def _check_repository(self, kept: ClaimStore) -> list[Finding]:
        """The repository pass: each repository rule once over every document's claims."""
        out: list[Finding] = []
        for selected in self.repo_rules:
            context = RepositoryContext(claims=kept, **selected.context_settings(self.registry))
            try:
                found = [f for f in selected.rule.check_repository(context) if f.confidence >= self.config.min_confidence]
            except Exception as exc:
                out.append(self._crash_finding(selected.plugin, "<repository>", None, f"rule {selected.rule.id}", _describe(exc)))
                continue
            by_path: dict[str, list[Finding]] = {}
            for f in found:
                by_path.setdefault(f.path, []).append(f)
            for group in by_path.values():
                out.extend(with_fingerprints(group))
        return out

    def parse_claim(self, data: dict) -> ClaimBase:
        """A claim from its JSON data, built-in or of a registered plugin kind."""
        cls = self.host.claim_kinds.get(data.get("kind", ""))
        if cls is not None:
            return cls.model_validate(data)
        return _claim_adapter().validate_python(data)

    @staticmethod
    def _uses_pool(files: int, jobs: int) -> bool:
        """Whether :meth:`_check_files` checks in worker processes."""
        # A pool costs a few process starts: only for runs with work for every worker.
        return jobs > 1 and files >= 4 * jobs

    def _check_files(self, files: list[str], jobs: int) -> Iterator[tuple[str, _Outcome]]:
        """Each file's outcome, in order; in worker processes when worth it."""
        if not self._uses_pool(len(files), jobs):
            for path in files:
                yield path, self._check_file(path)
            return
        global _WORKER_ENGINE
        context = _pool_context()
        if context.get_start_method() == "fork":
            # Forked workers inherit this engine, plugins loaded and rules planned.
            _WORKER_ENGINE = self
            initializer, initargs = None, ()
        else:
            initializer, initargs = _init_worker, (self.config,)
        try:
            with context.Pool(jobs, initializer=initializer, initargs=initargs) as pool:
                chunk = max(1, min(32, len(files) // (jobs * 8)))
                yield from zip(files, pool.imap(_check_in_worker, files, chunksize=chunk))
        finally:
            _WORKER_ENGINE = None

    def _check_remote(self, files: list[str], executor: DaskRunner) -> Iterator[tuple[str, _Outcome]]:
        """Read files here, check them on the executor's workers, in file order; only
        a window of files is held in memory at once."""
        window = 1024
        for at in range(0, len(files), window):
            sources = [(path, read_source(path)) for path in files[at : at + window]]
            good = [(s.path, s.suffix, s.text, s.digest) for _, s in sources if isinstance(s, Source)]
            results = executor.run(good)
            for path, source in sources:
                if isinstance(source, InputError):
                    yield path, (None, source, [], [], [], None)
                else:
                    found, error, kept = next(results)
                    yield path, (found, error, [], [], [], kept)

    def _check_file(self, path: str) -> _Outcome:
        """Read and check one file, collecting what it fixed and noted."""
        source = read_source(path)
        if isinstance(source, InputError):
            return None, source, [], [], [], None
        fixed_before, diffs_before, notes_before = len(self.fixed), len(self.diffs), len(self.notes)
        doc_findings, error = self.check_source(source)
        outcome = (
            doc_findings,
            error,
            self.fixed[fixed_before:],
            self.diffs[diffs_before:],
            self.notes[notes_before:],
            self.kept_claims,
        )
        del self.fixed[fixed_before:], self.diffs[diffs_before:], self.notes[notes_before:]
        return outcome

    def check_source(self, source: Source) -> tuple[list[Finding], InputError | None]:
        """Load one source and check it. Returns its findings, or the input error.

        A finding keeps its fix only if applying it alone writes text that its rule
        does not flag again. With fixes switched on, fixes are applied one at a time on
        that test (see ``_fix``); the fixed text is written, or kept as a diff, and the
        findings returned are those left on it.
        """
        key = None
        self.kept_claims = None
        if self.cache is not None and self.config.fix == "off" and source.digest:
            key = self.cache.key(source.path, source.digest)
            cached = self.cache.get(key)
            if cached is not None and (not self.repo_kinds or cached[1] is not None):
                if self.repo_kinds:
                    self.kept_claims = [self.parse_claim(c) for c in cached[1]]
                return cached[0], None
        document, findings, error = self.load(source)
        if document is None:
            return findings, error
        doc_findings = self.check_document(document)
        if self.config.fix == "off":
            doc_findings = self.verify_fixes(source, document, doc_findings)
            if key is not None and not findings:
                kept = [c.model_dump(mode="json") for c in self.kept_claims] if self.kept_claims is not None else None
                self.cache.put(key, doc_findings, kept)
            return findings + doc_findings, None
        original = source
        source, document, doc_findings, fixed = self._fix(source, document, doc_findings)
        if fixed:
            if self.config.diff:
                self.diffs.append(unified_diff(original.path, original.text, source.text))
            else:
                try:
                    write_atomically(source.path, source.text, expected_digest=original.digest)
                except (OSError, RuntimeError) as exc:
                    return findings + doc_findings, InputError(path=source.path, message=f"fixes not written: {exc}")
            self.fixed.extend(fixed)
        return findings + doc_findings, None

    def _fix_allowed(self, finding: Finding) -> bool:
        """Whether the run's settings let this finding's fix be applied."""
        if finding.fix is None:
            return False
        level = self.config.fix_safety.get(finding.rule, finding.fix.safety)
        return level == "safe" or self.config.fix == "unsafe"

    def _fix(
        self, source: Source, document: Document, findings: list[Finding]
    ) -> tuple[Source, Document, list[Finding], list[Finding]]:
        """Apply fixes one at a time, each kept only if the text it makes is not flagged
        again by the same rule where it changed.

        The loop ends when no fix left on the text passes that test, so fixing the
        result again changes nothing: every fix still offered was tried alone on the
        final text and refused. Returns the fixed source, its document, the findings
        left on it (refused fixes removed) and the findings whose fixes were applied.
        """
        fixed: list[Finding] = []
        refused: dict[tuple, Finding] = {}  # trials that failed on the current text
        trials = 0
        while True:
            pending = [
                f for f in findings if self._fix_allowed(f) and _fix_key(document, f) not in refused
            ]
            if not pending:
                break
            if trials >= _MAX_FIX_TRIALS:
                self.notes.append(
                    f"{source.path}: stopped fixing after {trials} trials; {len(pending)} fixes were not tried (run again)"
                )
                break
            finding = min(pending, key=lambda f: (f.span.start, f.span.end, f.rule))
            trials += 1
            trial = self._try_fix(source, document, finding)
            if trial is None:
                refused[_fix_key(document, finding)] = finding
                continue
            source, document, findings = trial
            fixed.append(finding)
            refused.clear()  # the text changed: what failed before may pass now
        left = self._without_refused_fixes(findings, refused, document)
        # Fixes this run may not apply (unsafe ones under --fix) are shown, so test them too.
        return source, document, self.verify_fixes(source, document, left), fixed

    def _try_fix(
        self, source: Source, document: Document, finding: Finding
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
        new_document = self._reload(candidate, document)
        if new_document is None:
            return None
        new_findings = self._recheck(new_document)
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

    def _reload(self, source: Source, like: Document) -> Document | None:
        """Load edited text as the document it came from (same metadata: a date given
        on the command line or in a request still holds)."""
        keep = self.notes[:]
        document, _, error = self.load(source)
        self.notes[:] = keep
        if document is None or error is not None:
            return None
        return document.model_copy(update={"metadata": like.metadata})

    def _recheck(self, document: Document) -> list[Finding]:
        """Check an edited document without disturbing what this document's check left
        for the repository pass or the notes."""
        kept, notes = self.kept_claims, self.notes[:]
        try:
            return self.check_document(document)
        finally:
            self.kept_claims, self.notes[:] = kept, notes

    def _without_refused_fixes(
        self, findings: list[Finding], refused: dict[tuple, Finding], document: Document
    ) -> list[Finding]:
        """The findings with each refused fix (and its suggestion) taken away, saying why."""
        if not refused:
            return findings
        out = []
        for f in findings:
            if f.fix is not None and _fix_key(document, f) in refused:
                f = f.model_copy(update={"fix": None, "suggestion": None, "message": f"{f.message} {_REFUSED}"})
            out.append(f)
        return out

    def verify_fixes(self, source: Source, document: Document, findings: list[Finding]) -> list[Finding]:
        """Take away each fix that, applied alone, would write text its own rule flags
        again, so that no front end offers a fix that cannot be applied for good."""
        refused: dict[tuple, Finding] = {}
        for f in findings:
            if f.fix is not None and f.rule not in (PLUGIN_ERROR, INPUT_ERROR):
                key = _fix_key(document, f)
                if key not in refused and self._try_fix(source, document, f) is None:
                    refused[key] = f
        return self._without_refused_fixes(findings, refused, document)

    def load(self, source: Source) -> tuple[Document | None, list[Finding], InputError | None]:
        """Ask each loader in turn for a Document."""
        findings: list[Finding] = []
        for plugin, impl in self.host.loaders():
            try:
                document = self.host.call(impl, source=source, config=self.config)
            except LoadError as exc:
                return None, findings, InputError(path=source.path, line=exc.line, column=exc.column, message=exc.message)
            except Exception as exc:
                findings.append(self._crash_finding(plugin, source.path, None, "loading the document", _describe(exc)))
                continue
            if document is not None:
                return document, findings, None
        if findings:
            return None, findings, None
        return None, findings, InputError(
            path=source.path, message=f"no loader reads {source.suffix or 'files without an extension'} files"
        )

    def extract(self, document: Document) -> tuple[ClaimSet, list[Finding]]:
        """Run the planned extractors; a claims document brings its own claims."""
        given = document.metadata.extra.get("claims") if document.format == "claims" else None
        if given is not None:
            return ClaimSet(given), []
        claims: list[ClaimBase] = []
        findings: list[Finding] = []
        for plugin, extractor in self.extractors:
            try:
                found = list(extractor.extract(document, ClaimSet(claims)))
            except Exception as exc:
                findings.append(self._crash_finding(plugin, document.path, document, f"extractor {extractor.name}", _describe(exc)))
                continue
            claims.extend(found)
        return ClaimSet(claims), findings

    def check_document(self, document: Document) -> list[Finding]:
        """Extract claims from a loaded document and run every selected rule on them."""
        claims, findings = self.extract(document)
        if self.repo_kinds:
            self.kept_claims = self._keep_for_repository(claims)
        if document.metadata.published is None and self.config.verbose:
            silent = [s.rule.id for s in self.rules if s.rule.needs_published]
            if silent:
                self.notes.append(
                    f"{document.path}: no publication date, so {', '.join(silent)} stayed silent "
                    "(give --published or a 'published' front-matter key)"
                )
        raw: list[Finding] = []
        for selected in self.rules:
            context = CheckContext(document=document, claims=claims, **selected.context_settings(self.registry))
            try:
                raw.extend(selected.rule.check(context))
            except Exception as exc:
                findings.append(self._crash_finding(selected.plugin, document.path, document, f"rule {selected.rule.id}", _describe(exc)))
        kept = [f for f in raw if f.confidence >= self.config.min_confidence]
        for override in self.config.overrides_for(document.path):
            kept = [
                f.model_copy(update={"severity": override.severity[f.rule]}) if f.rule in override.severity else f
                for f in kept
                if (override.select is None or any(_matches(f.rule, p) for p in override.select))
                and not any(_matches(f.rule, p) for p in override.ignore)
            ]
        kept = apply_suppressions(document, kept, {s.rule.id for s in self.rules})
        return findings + with_fingerprints(kept)

    def _keep_for_repository(self, claims: ClaimSet) -> list[ClaimBase]:
        """What the repository rules will need of one document's claims, in order."""
        wanted: set[str] = set()
        for selected in self.repo_rules:
            try:
                wanted.update(c.id for c in selected.rule.keep_for_repository(claims))
            except Exception:
                # Keep what the rule requires; if the rule is broken, its repository
                # pass fails too and is reported there, once.
                wanted.update(c.id for c in Rule.keep_for_repository(selected.rule, claims))
        return [c for c in claims if c.id in wanted]

    def _crash_finding(self, plugin: str, path: str, document: Document | None, where: str, error: str) -> Finding:
        span = document.span(0, 0) if document is not None else Span(start=0, end=0, line=1, column=1, end_line=1, end_column=1)
        return Finding(
            rule=PLUGIN_ERROR,
            severity=Severity.ERROR,
            message=f"plugin {plugin!r} crashed in {where}: {error}",
            path=path,
            span=span,
            plugin=plugin,
        )


# findings (None if unread), input error, fixed findings, diffs, notes, claims kept
# for the repository pass (None when there is none; packed for the claim store by a
# worker process)
_Outcome = tuple[
    list[Finding] | None, InputError | None, list[Finding], list[str], list[str], list[ClaimBase] | bytes | None
]
_WORKER_ENGINE: Engine | None = None


@functools.cache
def _claim_adapter() -> TypeAdapter:
    """The validator of built-in claims, built when a claim is first parsed (claims
    files and cluster runs), not at every start."""
    return TypeAdapter(Claim)


class _Background:
    """A call run in a thread of this process; :meth:`result` waits for it and
    returns what it returned, or raises what it raised."""

    def __init__(self, call: Callable[..., list[Finding]], *args: object) -> None:
        self._result: list[Finding] = []
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(call, *args), name="factlint-repository", daemon=True)
        self._thread.start()

    def _run(self, call: Callable[..., list[Finding]], *args: object) -> None:
        try:
            self._result = call(*args)
        except BaseException as exc:  # handed to the caller of result()
            self._error = exc

    def result(self) -> list[Finding]:
        """What the call returned, once it has finished."""
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._result


def _pool_context() -> multiprocessing.context.BaseContext:
    import multiprocessing  # only a run with workers needs it: keep start-up short

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _init_worker(config: Config) -> None:
    """Set up a spawned worker once: load the plugins and plan the rules."""
    global _WORKER_ENGINE
    _WORKER_ENGINE = Engine(config)


def _check_in_worker(path: str) -> _Outcome:
    assert _WORKER_ENGINE is not None
    *outcome, claims = _WORKER_ENGINE._check_file(path)
    # Packed here, the claims cross to the parent as bytes and go to its store as they are.
    return (*outcome, ClaimStore.pack(claims) if claims is not None else None)  # type: ignore[return-value]


def _describe(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" ({Path(frame.filename).name}:{frame.lineno})" if frame else ""
    return f"{type(exc).__name__}: {exc}{where}"


def _fix_key(document: Document, finding: Finding) -> tuple:
    """What identifies one fix on one text: its rule and its edits in source offsets."""
    assert finding.fix is not None
    return (finding.rule, tuple(
        (document.source_offset(e.span.start), document.source_offset(e.span.end), e.replacement)
        for e in finding.fix.edits
    ))


def with_fingerprints(findings: Iterable[Finding]) -> list[Finding]:
    """Give each finding a fingerprint from its rule, its flagged text and which
    occurrence of that pair it is, so it survives edits elsewhere in the file."""
    ordered = sorted(findings, key=_order)
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in ordered:
        key = (f.rule, " ".join(f.text.split()))
        seen[key] += 1
        digest = hashlib.sha256(f"{key[0]}\0{key[1]}\0{seen[key]}".encode()).hexdigest()[:16]
        out.append(f.model_copy(update={"fingerprint": digest}))
    return out


def _order(f: Finding) -> tuple:
    return (f.path, f.span.start, f.span.end, f.rule, f.message)


def make_report(findings: Iterable[Finding], errors: Iterable[InputError], documents: Iterable[str]) -> Report:
    """Assemble a report in deterministic order, with its summary."""
    fs = sorted(findings, key=_order)
    es = sorted(errors, key=lambda e: (e.path, e.line or 0, e.column or 0, e.message))
    docs = tuple(sorted(documents))
    by_sev = Counter(f.severity for f in fs)
    summary = Summary(
        documents=len(docs),
        findings=len(fs),
        errors=by_sev[Severity.ERROR],
        warnings=by_sev[Severity.WARNING],
        infos=by_sev[Severity.INFO],
        input_errors=len(es),
        plugin_errors=sum(1 for f in fs if f.rule == PLUGIN_ERROR),
    )
    return Report(findings=tuple(fs), errors=tuple(es), documents=docs, summary=summary)


# --------------------------------------------------------------------- discovery


def discover(paths: Sequence[str], config: Config) -> Iterator[str | InputError]:
    """Yield the files to check under ``paths`` (sorted), or an InputError for a
    path that does not exist or a directory holding no articles."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield InputError(path=raw, message="no such file or directory")
        elif path.is_dir():
            found = False
            for file in _walk(path, config):
                found = True
                yield file
            if not found:
                yield InputError(
                    path=raw,
                    message=f"no articles found in this directory (looked for {', '.join(config.include)})",
                )
        else:
            yield raw


def _excluded(rel: str, name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns)


def _walk(root: Path, config: Config) -> Iterator[str]:
    skip_dirs = (*DEFAULT_EXCLUDE, *config.exclude)
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        dirnames[:] = sorted(
            d for d in dirnames if not _excluded(os.path.normpath(os.path.join(rel_dir, d)), d, skip_dirs)
        )
        for name in sorted(filenames):
            rel = os.path.normpath(os.path.join(rel_dir, name)).replace(os.sep, "/")
            if not any(fnmatch.fnmatch(name, p) for p in config.include):
                continue
            if name.startswith(".") or _excluded(rel, name, config.exclude):
                continue
            yield os.path.join(dirpath, name)


def read_source(path: str) -> Source | InputError:
    """Read and decode one file, or say in one line why it cannot be an article."""
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        return InputError(path=path, message="is a directory")
    except OSError as exc:
        return InputError(path=path, message=f"cannot read: {exc.strerror or exc}")
    if b"\0" in data[:_BINARY_SNIFF]:
        return InputError(path=path, message="binary file, not an article (expected UTF-8 text)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return InputError(
            path=path,
            line=line,
            column=column,
            message=f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
        )
    if not text.strip():
        return InputError(path=path, message="file is empty: nothing to check")
    return Source(path=path, suffix=Path(path).suffix.lower(), text=text, digest=digest(data))

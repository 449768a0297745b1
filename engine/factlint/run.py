"""Many files, one report: discovery, the findings cache, fixes written or shown as
a diff, the baseline, the repository pass across every document, and the report.

A :class:`Run` uses one :class:`~factlint.checker.Checker` for the documents
(in this process, in worker processes, or on a Dask cluster: see
:mod:`factlint.parallel`) and hands back a :class:`RunOutcome`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .baseline import filter_baseline
from .checker import Checker
from .claim_store import ClaimStore
from .config import Config
from .discovery import Skipped, discover
from .filecheck import FileChecker, FileOutcome
from .models import Finding, InputError, Report
from .parallel import Background, check_in_processes, check_on_cluster, uses_pool
from .plugins import PLUGIN_FAULTS, PluginHost
from .registry import Registry
from .results import crash_finding, describe_exception, make_report, with_fingerprints
from .rules import RepositoryContext

if TYPE_CHECKING:
    from .parallel import DaskRunner

__all__ = ["Run", "RunOutcome", "check_repository"]


@dataclass(frozen=True)
class RunOutcome:
    """Everything a run produced."""

    report: Report
    fixed: list[Finding]
    """Findings whose fixes were applied (or, with ``diff``, would be)."""
    diffs: list[str]
    """With ``diff``: one unified diff per file a fix would change."""
    notes: list[str]
    """What ``--verbose`` tells the user: rules silent for lack of a date, fixing stopped early."""


def check_repository(checker: Checker, kept: ClaimStore) -> list[Finding]:
    """The repository pass: each repository rule once over every document's claims."""
    out: list[Finding] = []
    for selected in checker.plan.repository_rules:
        context = RepositoryContext(claims=kept, **selected.context_settings(checker.registry))
        try:
            found = [
                f for f in selected.rule.check_repository(context) if f.confidence >= checker.config.min_confidence
            ]
        except PLUGIN_FAULTS as exc:
            where = f"rule {selected.rule.id}"
            out.append(crash_finding(selected.plugin, "<repository>", None, where, describe_exception(exc)))
            continue
        by_path: dict[str, list[Finding]] = {}
        for f in found:
            by_path.setdefault(f.path, []).append(f)
        for group in by_path.values():
            out.extend(with_fingerprints(group))
    return out


class Run:
    """Checks every article under some paths; one bad file never stops the others.

    ``jobs`` > 1 checks documents in that many processes, and an ``executor`` on a
    cluster; the outcome is the same, byte for byte.
    """

    def __init__(
        self,
        config: Config | None = None,
        *,
        checker: Checker | None = None,
        host: PluginHost | None = None,
        registry: Registry | None = None,
        jobs: int = 1,
        executor: DaskRunner | None = None,
    ) -> None:
        self.checker = checker if checker is not None else Checker(config, host=host, registry=registry)
        self.config = self.checker.config
        self.jobs = jobs
        self.executor = executor

    def execute(
        self,
        paths: Sequence[str],
        *,
        on_document: Callable[[str, list[Finding]], None] | None = None,
        baseline: set[tuple[str, str, str]] | None = None,
    ) -> RunOutcome:
        """Check ``paths`` and report.

        ``on_document(path, findings)`` is called as each document finishes, in path
        order, for output formats that stream. With a ``baseline`` (the fingerprints
        :func:`factlint.baseline.read_baseline` returns), findings it records are
        left out, and ``on_document`` is called once they are.
        """
        checker = self.checker
        findings: list[Finding] = [
            crash_finding(c.plugin, "<plugins>", None, c.where, c.error) for c in checker.host.crashes
        ]
        errors: list[InputError] = list(checker.startup_errors)
        documents: list[str] = []
        files: list[str] = []
        fixed: list[Finding] = []
        diffs: list[str] = []
        notes: list[str] = []
        changed_only = self.config.changed_only
        # A --source found in a checked folder is what articles are checked against, not one of them.
        sources = {str(Path(s).resolve()) for s in self.config.sources}
        skipped = 0
        for item in discover(paths, self.config, checker.plan.include):
            if isinstance(item, Skipped):
                skipped += 1
                notes.append(f"{item.path}: {item.reason}")
            elif isinstance(item, InputError):
                errors.append(item)
            elif sources and item not in paths and str(Path(item).resolve()) in sources:
                continue
            elif changed_only is None or str(Path(item).resolve()) in changed_only:
                files.append(item)
        remote = self.executor is not None
        outcomes = check_on_cluster(files, self.executor) if self.executor is not None else self._check_files(files)
        kept = ClaimStore() if checker.plan.repository_rules else None
        # When other processes check the documents, this one is free: the repository
        # pass starts at once and reads the store as it grows.
        early = None
        if kept is not None and (remote or uses_pool(len(files), self.jobs)):
            early = Background(check_repository, checker, kept)
        stream = on_document if baseline is None else None
        try:
            for path, outcome in outcomes:
                if kept is not None and outcome.claims is not None and outcome.error is None:
                    if isinstance(outcome.claims, bytes):
                        kept.add_packed(path, outcome.claims)
                    else:
                        kept.add(path, outcome.claims)
                fixed.extend(outcome.fixed)
                diffs.extend(outcome.diffs)
                notes.extend(outcome.notes)
                errors.extend(e for e in outcome.source_errors if e not in errors)
                if outcome.error is not None:
                    errors.append(outcome.error)
                elif outcome.findings is not None:
                    documents.append(path)
                    if stream is not None:
                        stream(path, outcome.findings)
                findings.extend(outcome.findings or [])
        except BaseException:
            if kept is not None:
                kept.close()  # a background pass sees the store end, and its file goes
            raise
        if kept is not None:
            kept.seal()
            with kept:
                findings.extend(early.result() if early is not None else check_repository(checker, kept))
        report = make_report(findings, errors, documents, skipped=skipped)
        if baseline is not None:
            report = make_report(
                filter_baseline(report.findings, baseline), report.errors, report.documents, skipped=skipped
            )
            if on_document is not None:
                for path in report.documents:
                    on_document(path, [f for f in report.findings if f.path == path])
        return RunOutcome(report, fixed, diffs, notes)

    def _check_files(self, files: list[str]) -> Iterator[tuple[str, FileOutcome]]:
        """Each file's outcome, in order; in worker processes when worth it."""
        if not uses_pool(len(files), self.jobs):
            file_checker = FileChecker(self.checker)
            for path in files:
                yield path, file_checker.check_file(path)
            return
        yield from check_in_processes(FileChecker(self.checker), files, self.jobs)

"""Checking beyond one thread: worker processes, a Dask cluster, and the repository
pass in the background while others check.

Every path gives the outcomes in file order, so a report is the same, byte for byte,
however it was made.

``factlint check --executor dask --scheduler tcp://host:8786 PATHS`` reads the
articles here, sends their text in batches to the cluster's workers (which need
factlint and the same plugins installed, not the files), and streams the findings
back in path order. ``--executor dask`` without ``--scheduler`` starts a local
cluster.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .checker import Checker
from .claim_store import ClaimStore
from .config import Config
from .discovery import read_source
from .errors import UsageError
from .filecheck import FileChecker, FileOutcome
from .models import Finding, InputError, Source
from .results import file_plugin_error

if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = ["Background", "DaskRunner", "check_in_processes", "check_on_cluster", "uses_pool"]

_BATCH = 64
_IN_FLIGHT_PER_WORKER = 2
_WINDOW = 1024  # files read ahead of the cluster at most

_WORKER: FileChecker | None = None
_CLUSTER_CHECKERS: dict[str, Checker] = {}


def uses_pool(files: int, jobs: int) -> bool:
    """Whether :func:`check_in_processes` is worth its process starts."""
    # A pool costs a few process starts: only for runs with work for every worker.
    return jobs > 1 and files >= 4 * jobs


# --------------------------------------------------------------------- processes


def check_in_processes(file_checker: FileChecker, files: list[str], jobs: int) -> Iterator[tuple[str, FileOutcome]]:
    """Each file's outcome from a pool of ``jobs`` processes, in file order.

    A worker that dies (a plugin calling ``os._exit``, a crash in native code, the
    kernel's out-of-memory killer) loses the outcomes of the files it was given; the
    pool is started again, those files are checked again one at a time in a process
    of their own, and a file that kills that process too is reported as an
    ``engine/plugin-error``. The run always finishes.
    """
    global _WORKER
    context = _pool_context()
    initializer: Callable[..., None] | None
    initargs: tuple[Any, ...]
    if context.get_start_method() == "fork":
        # Forked workers inherit this checker, plugins loaded and rules planned.
        _WORKER = file_checker
        initializer, initargs = None, ()
    else:
        initializer, initargs = _init_worker, (file_checker.checker.config,)
    workers = _Workers(context, jobs, initializer, initargs)
    finished = False
    try:
        chunk = max(1, min(32, len(files) // (jobs * 8)))
        chunks = [files[i : i + chunk] for i in range(0, len(files), chunk)]
        pending: deque[tuple[list[str], Future[list[FileOutcome]]]] = deque()
        next_chunk = 0
        while next_chunk < len(chunks) or pending:
            while next_chunk < len(chunks) and len(pending) < jobs * _IN_FLIGHT_PER_WORKER:
                pending.append((chunks[next_chunk], workers.submit(chunks[next_chunk])))
                next_chunk += 1
            paths, future = pending.popleft()
            outcomes = workers.result(future)
            if outcomes is None:
                outcomes = [workers.alone(path) for path in paths]
            yield from zip(paths, outcomes, strict=True)
        finished = True
    finally:
        workers.close(wait=finished)
        _WORKER = None


_LOST = (
    "the worker process checking this file died, and again when checked alone (a plugin crashed it, "
    "called os._exit, or it was killed); the other files were checked"
)


class _Workers:
    """A process pool that is started again when one of its processes dies, and a
    one-process pool that checks a suspect file alone, so that a file which kills
    its worker is told apart from the files that only shared the pool with it."""

    def __init__(
        self,
        context: multiprocessing.context.BaseContext,
        jobs: int,
        initializer: Callable[..., None] | None,
        initargs: tuple[Any, ...],
    ) -> None:
        self._context, self._jobs = context, jobs
        self._initializer, self._initargs = initializer, initargs
        self._pool: ProcessPoolExecutor | None = None
        self._solo: ProcessPoolExecutor | None = None
        self._owner: dict[Future[Any], ProcessPoolExecutor] = {}
        self._dead: list[ProcessPoolExecutor] = []

    def _start(self, jobs: int) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor  # only runs with workers need it

        return ProcessPoolExecutor(
            jobs, mp_context=self._context, initializer=self._initializer, initargs=self._initargs
        )

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        if pool is self._pool:
            self._pool = None
        if pool is self._solo:
            self._solo = None
        if pool not in self._dead:
            self._dead.append(pool)

    def submit(self, paths: list[str]) -> Future[list[FileOutcome]]:
        """Send a chunk of files to the pool, starting a new pool if the last one died."""
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        error: BaseException | None = None
        for _ in range(2):
            if self._pool is None:
                self._pool = self._start(self._jobs)
            pool = self._pool
            try:
                future = pool.submit(_check_chunk, paths)
            except BrokenProcessPool as exc:
                self._discard(pool)
                error = exc
                continue
            self._owner[future] = pool
            return future
        # Its processes die as they start (a spawned worker's set-up): the chunk's files
        # are then checked alone, and reported if they die alone too.
        broken: Future[list[FileOutcome]] = Future()
        broken.set_exception(error or BrokenProcessPool())
        self._owner[broken] = pool
        return broken

    def result(self, future: Future[list[FileOutcome]]) -> list[FileOutcome] | None:
        """A chunk's outcomes, or None when a process of its pool died first."""
        from concurrent.futures.process import BrokenProcessPool

        pool = self._owner.pop(future)
        try:
            return future.result()
        except BrokenProcessPool:
            self._discard(pool)
            return None

    def alone(self, path: str) -> FileOutcome:
        """One file's outcome from a process checking nothing else; if that process
        dies too, the file is the cause, and its outcome says so."""
        from concurrent.futures.process import BrokenProcessPool

        if self._solo is None:
            self._solo = self._start(1)
        solo = self._solo
        try:
            [outcome] = solo.submit(_check_chunk, [path]).result()
        except BrokenProcessPool:
            self._discard(solo)
            return FileOutcome([file_plugin_error(path, _LOST)])
        return outcome

    def close(self, *, wait: bool) -> None:
        """Stop every pool; without ``wait`` (the run was stopped), drop queued work."""
        for pool in (self._pool, self._solo, *self._dead):
            if pool is not None:
                pool.shutdown(wait=wait, cancel_futures=not wait)


def _pool_context() -> multiprocessing.context.BaseContext:
    import multiprocessing  # only a run with workers needs it: keep start-up short

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _init_worker(config: Config) -> None:
    """Set up a spawned worker once: load the plugins and plan the rules."""
    global _WORKER
    _WORKER = FileChecker.for_config(config)


def _check_chunk(paths: list[str]) -> list[FileOutcome]:
    """Run in a worker: check some files, in order."""
    return [_check_in_worker(path) for path in paths]


def _check_in_worker(path: str) -> FileOutcome:
    """Check one file in a worker process (the checker stops a document past the
    config's ``document_timeout``)."""
    assert _WORKER is not None
    outcome = _WORKER.check_file(path)
    if isinstance(outcome.claims, list):
        # Packed here, the claims cross to the parent as bytes and go to its store as they are.
        outcome = replace(outcome, claims=ClaimStore.pack(outcome.claims))
    return outcome


# --------------------------------------------------------------------- background


class Background:
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


# --------------------------------------------------------------------- a cluster


def check_on_cluster(files: list[str], executor: DaskRunner) -> Iterator[tuple[str, FileOutcome]]:
    """Read files here, check them on the executor's workers, in file order; only a
    window of files is held in memory at once."""
    for at in range(0, len(files), _WINDOW):
        sources = [(path, read_source(path)) for path in files[at : at + _WINDOW]]
        good = [(s.path, s.suffix, s.text, s.digest) for _, s in sources if isinstance(s, Source)]
        results = executor.run(good)
        for path, source in sources:
            if isinstance(source, InputError):
                yield path, FileOutcome(None, source)
            else:
                found, error, kept, source_errors = next(results)
                yield path, FileOutcome(found, error, claims=kept, source_errors=source_errors)


def _check_batch(config_json: str, batch: list[tuple[str, str, str, str]]) -> list[tuple[Any, ...]]:
    """Run on a worker: check a batch of (path, suffix, text, digest) sources with a
    checker built once per worker process and config."""
    checker = _CLUSTER_CHECKERS.get(config_json)
    if checker is None:
        checker = _CLUSTER_CHECKERS[config_json] = Checker(Config.model_validate_json(config_json))
    out = []
    for path, suffix, text, digest in batch:
        result = checker.check_source(Source(path=path, suffix=suffix, text=text, digest=digest))
        out.append(
            (
                [f.model_dump(mode="json") for f in result.findings],
                result.error.model_dump(mode="json") if result.error is not None else None,
                # Packed for the claim store here, as a local worker process does.
                ClaimStore.pack(result.kept_claims) if result.kept_claims is not None else None,
                [e.model_dump(mode="json") for e in result.source_errors],
            )
        )
    return out


class DaskRunner:
    """Checks sources on a Dask cluster, yielding outcomes in input order."""

    def __init__(self, config: Config, scheduler: str | None = None, workers: int = 2) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise UsageError(
                "--executor dask needs Dask's distributed scheduler: pip install 'dask[distributed]' "
                "(in a clone of factlint: pip install -e '.[dask]')"
            ) from None
        if config.fix != "off":
            raise UsageError("--executor dask cannot apply fixes: the workers do not have the files")
        self._cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout="20s")
            else:
                self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                             dashboard_address=None)
                self.client = Client(self._cluster)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"--scheduler {scheduler}: cannot reach the Dask scheduler: {exc}") from None
        # Workers rebuild the checker from the config; local paths (registries, local
        # plugins) must exist there too, as they do on a local cluster.
        self.config_json = config.model_copy(update={"cache_dir": None, "changed_only": None}).model_dump_json()

    def close(self) -> None:
        """Shut the client (and a local cluster) down."""
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def run(
        self, sources: Sequence[tuple[str, str, str, str]]
    ) -> Iterator[tuple[list[Finding], InputError | None, bytes | None, tuple[InputError, ...]]]:
        """Outcomes of ``sources`` in order, at most a few batches in flight at once."""
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        batches = [list(sources[i : i + _BATCH]) for i in range(0, len(sources), _BATCH)]
        pending: deque[Any] = deque()
        next_batch = 0
        while next_batch < len(batches) or pending:
            while next_batch < len(batches) and len(pending) < workers * _IN_FLIGHT_PER_WORKER:
                pending.append(self.client.submit(_check_batch, self.config_json, batches[next_batch], pure=False))
                next_batch += 1
            for findings, error, kept, source_errors in pending.popleft().result():
                yield (
                    [Finding.model_validate(f) for f in findings],
                    InputError.model_validate(error) if error is not None else None,
                    kept,
                    tuple(InputError.model_validate(e) for e in source_errors),
                )

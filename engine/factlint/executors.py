"""Running checks beyond one machine: a Dask cluster.

``factlint check --executor dask --scheduler tcp://host:8786 PATHS`` reads the
articles here, sends their text in batches to the cluster's workers (which need
factlint and the same plugins installed, not the files), and streams the findings
back in path order, so the output and exit code are those of a local run.
``--executor dask`` without ``--scheduler`` starts a local cluster.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from .claim_store import ClaimStore
from .config import Config
from .errors import UsageError
from .models import Finding, InputError

__all__ = ["DaskRunner"]

_BATCH = 64
_IN_FLIGHT_PER_WORKER = 2

_WORKER_ENGINES: dict[str, Any] = {}


def _check_batch(config_json: str, batch: list[tuple[str, str, str, str]]) -> list[tuple]:
    """Run on a worker: check a batch of (path, suffix, text, digest) sources with an
    engine built once per worker process and config."""
    from .pipeline import Engine, Source

    engine = _WORKER_ENGINES.get(config_json)
    if engine is None:
        engine = _WORKER_ENGINES[config_json] = Engine(Config.model_validate_json(config_json))
    out = []
    for path, suffix, text, digest in batch:
        findings, error = engine.check_source(Source(path=path, suffix=suffix, text=text, digest=digest))
        kept = engine.kept_claims
        out.append(
            (
                [f.model_dump(mode="json") for f in findings],
                error.model_dump(mode="json") if error is not None else None,
                # Packed for the claim store here, as a local worker process does.
                ClaimStore.pack(kept) if kept is not None else None,
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
                "--executor dask needs Dask's distributed scheduler: pip install 'factlint[dask]'"
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
        # Workers rebuild the engine from the config; local paths (registries, local
        # plugins) must exist there too, as they do on a local cluster.
        self.config_json = config.model_copy(update={"cache_dir": None, "changed_only": None}).model_dump_json()

    def close(self) -> None:
        """Shut the client (and a local cluster) down."""
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def run(
        self, sources: Sequence[tuple[str, str, str, str]]
    ) -> Iterator[tuple[list[Finding], InputError | None, bytes | None]]:
        """Outcomes of ``sources`` in order, at most a few batches in flight at once."""
        workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        batches = [list(sources[i : i + _BATCH]) for i in range(0, len(sources), _BATCH)]
        pending: deque = deque()
        next_batch = 0
        while next_batch < len(batches) or pending:
            while next_batch < len(batches) and len(pending) < workers * _IN_FLIGHT_PER_WORKER:
                pending.append(self.client.submit(_check_batch, self.config_json, batches[next_batch], pure=False))
                next_batch += 1
            for findings, error, kept in pending.popleft().result():
                yield (
                    [Finding.model_validate(f) for f in findings],
                    InputError.model_validate(error) if error is not None else None,
                    kept,
                )

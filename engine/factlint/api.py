"""The Python API: check text or files from code, get a Report back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .checker import Checker
from .config import Config
from .models import PublishedDate, Report, Source
from .plugins import shared_host
from .registry import Registry, RegistryEntry, as_registry
from .results import make_report
from .run import Run

__all__ = ["check_paths", "check_text"]

RegistryLike = Registry | str | Path | Iterable[str | Path] | Iterable[RegistryEntry] | None


def check_text(
    text: str,
    *,
    published: str | PublishedDate | None = None,
    registry: RegistryLike = None,
    format: str = "markdown",
    path: str = "<text>",
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> Report:
    """Check one article given as a string.

    ``published`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) overrides any date in the
    text's front matter; ``registry`` is a Registry, a registry file, or several;
    ``format`` is the name of a loaded input format (markdown, html, text, claims,
    or a plugin's) or one of its suffixes (``md``). Input problems are in
    ``report.errors``.
    """
    host = shared_host()
    suffix = host.suffix_for(format)
    if suffix is None:
        raise ValueError(f"format must be one of {', '.join(sorted(host.formats))}; got {format!r}")
    config = Config.model_validate({"published": published, "select": tuple(select), "ignore": tuple(ignore)})
    checker = Checker(config, host=host, registry=as_registry(registry))
    result = checker.check_source(Source(path=path, suffix=suffix, text=text))
    error = result.error
    return make_report(result.findings, [error] if error else [], [] if error else [path])


def check_paths(
    paths: Sequence[str | Path],
    *,
    published: str | PublishedDate | None = None,
    registry: RegistryLike = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    config: Config | None = None,
) -> Report:
    """Check files and directories (recursively), as ``factlint check`` does.

    Pass a full :class:`~factlint.config.Config` for anything beyond the keyword
    arguments; keyword arguments given override it.
    """
    base = config or Config()
    updates: dict = {}
    if published is not None:
        updates["published"] = PublishedDate.model_validate(published)
    if select:
        updates["select"] = tuple(select)
    if ignore:
        updates["ignore"] = tuple(ignore)
    cfg = base.model_copy(update=updates) if updates else base
    reg = as_registry(registry) if registry is not None else None
    run = Run(cfg, host=shared_host() if not cfg.disable_plugins else None, registry=reg)
    return run.execute([str(p) for p in paths]).report

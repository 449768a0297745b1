"""The Python API: check text or files from code, get a Report back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from .config import Config
from .models import PublishedDate, Report
from .pipeline import Engine, Source, make_report
from .plugins import PluginHost
from .registry import Registry, RegistryEntry, as_registry

__all__ = ["check_paths", "check_text"]

_SUFFIX = {"markdown": ".md", "md": ".md", "html": ".html", "text": ".txt", "txt": ".txt"}

RegistryLike = Registry | str | Path | Iterable[str | Path] | Iterable[RegistryEntry] | None


@lru_cache(maxsize=1)
def _default_host() -> PluginHost:
    return PluginHost.load()


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
    ``format`` is markdown, html or text. Input problems are in ``report.errors``.
    """
    suffix = _SUFFIX.get(format)
    if suffix is None:
        raise ValueError(f"format must be one of markdown, html, text; got {format!r}")
    config = Config(published=published, select=tuple(select), ignore=tuple(ignore))
    engine = Engine(config, host=_default_host(), registry=as_registry(registry))
    findings, error = engine.check_source(Source(path=path, suffix=suffix, text=text))
    return make_report(findings, [error] if error else [], [] if error else [path])


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
    engine = Engine(cfg, host=_default_host() if not cfg.disable_plugins else None, registry=reg)
    return engine.check_paths([str(p) for p in paths])

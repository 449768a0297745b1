"""The Python API: check text or files from code, get a Report back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .checker import Checker
from .config import Config
from .discovery import read_source
from .models import InputError, PublishedDate, Report, Source
from .plugins import PluginHost, shared_host
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
    sources: Sequence[str | Path | Source] = (),
    config: Config | None = None,
) -> Report:
    """Check one article given as a string.

    ``published`` (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) overrides any date in the
    text's front matter; ``registry`` is a Registry, a registry file, or several;
    ``format`` is the name of a loaded input format (markdown, html, text, claims,
    or a plugin's) or one of its suffixes (``md``). ``sources`` are the documents
    the article was written from, for the ``source/`` rules: file paths, or
    :class:`~factlint.Source` objects for text in memory
    (``Source(path="letter.txt", suffix=".txt", text=...)``). Pass a
    :class:`~factlint.config.Config` for anything else (rule options, confidence);
    the keyword arguments given override it. Input problems, a source's too, are in
    ``report.errors``.
    """
    base = config or Config()
    # The plugins every call shares, unless the config asks for others.
    own = base.plugins or base.disable_plugins or base.enable_plugins or base.autoload is not None
    host = PluginHost.for_config(base) if own else shared_host()
    suffix = host.suffix_for(format)
    if suffix is None:
        raise ValueError(f"format must be one of {', '.join(sorted(host.formats))}; got {format!r}")
    reg = as_registry(registry) if registry is not None else None
    checker = Checker(_given(base, published, select, ignore), host=host, registry=reg)
    given: list[Source] = []
    errors: list[InputError] = []
    for item in sources:
        read = item if isinstance(item, Source) else read_source(str(item))
        if isinstance(read, InputError):
            errors.append(read)
        else:
            given.append(read)
    result = checker.check_source(Source(path=path, suffix=suffix, text=text), given)
    errors += result.source_errors
    if result.error is not None:
        return make_report(result.findings, [result.error, *errors], [])
    return make_report(result.findings, errors, [path])


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
    cfg = _given(config or Config(), published, select, ignore)
    reg = as_registry(registry) if registry is not None else None
    run = Run(cfg, host=shared_host() if not cfg.disable_plugins else None, registry=reg)
    return run.execute([str(p) for p in paths]).report


def _given(
    base: Config, published: str | PublishedDate | None, select: Sequence[str], ignore: Sequence[str]
) -> Config:
    """``base`` with the keyword arguments given to the API put over it."""
    updates: dict[str, object] = {}
    if published is not None:
        updates["published"] = PublishedDate.model_validate(published)
    if select:
        updates["select"] = tuple(select)
    if ignore:
        updates["ignore"] = tuple(ignore)
    return base.model_copy(update=updates) if updates else base

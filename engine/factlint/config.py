"""The run's configuration: one validated, frozen model.

The command line builds it; later a ``factlint.toml`` or ``[tool.factlint]`` table
will feed the same model. Every plugin gets it through ``factlint_configure``.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .engine_rules import ALWAYS_REPORTED
from .models import Model, PublishedDate, Severity
from .reading import NotRead, read_bounded

__all__ = [
    "Config",
    "DEFAULT_EXCLUDE",
    "FileConfig",
    "Override",
    "TRUST_ENV",
    "config_trusted",
    "find_config_file",
    "merge_file_config",
    "read_config_file",
]

DEFAULT_EXCLUDE = (".*", "node_modules", "__pycache__")
"""Directory and file names skipped while walking a directory."""


def _split_rule_list(value: Any) -> Any:
    """Accept ``"a,b"`` as well as ``["a", "b"]``."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, (list, tuple)):
        out: list[str] = []
        for item in value:
            out.extend(p.strip() for p in str(item).split(",") if p.strip())
        return tuple(out)
    return value


def _refuse_silencing(value: Any, info: ValidationInfo) -> Any:
    """Refuse to ignore, or to give a severity to, a rule that is always reported
    (``engine/plugin-error``, ``engine/input-error``); a prefix such as ``engine/``
    may be ignored, and leaves those two reported."""
    if info.field_name == "severity":
        named, verb = list(value), "given another severity"
    else:
        named, verb = [p.strip() for item in value for p in str(item).split(",")], "ignored"
    for rule_id in named:
        if rule_id in ALWAYS_REPORTED:
            raise PydanticCustomError(
                "always_reported", "{rule} cannot be {verb}: {why}",
                {"rule": rule_id, "verb": verb, "why": ALWAYS_REPORTED[rule_id]},
            )
    return value


class Config(Model):
    """Everything that shapes a run."""

    select: tuple[str, ...] = Field((), description="Rule ids or prefixes to run (empty: all).")
    ignore: tuple[str, ...] = Field((), description="Rule ids or prefixes not to run.")
    fail_on: Severity = Field(
        Severity.WARNING, description="Exit 1 when a finding is at or above this severity."
    )
    min_confidence: float = Field(0.0, ge=0, le=1, description="Drop findings less sure than this.")
    published: PublishedDate | None = Field(
        None, description="Publication date for every document, overriding their own."
    )
    default_published: PublishedDate | None = Field(
        None, description="Publication date for the documents that give none of their own (--default-published)."
    )
    front_matter_date_key: str | None = Field(
        None, description="Front-matter key of the publication date (default: published, date, pubdate)."
    )
    registries: tuple[str, ...] = Field((), description="Registry files, merged in order.")
    facts: tuple[str, ...] = Field(
        (),
        description="Reference-fact files (YAML, CSV or compiled SQLite): office terms, dated events and "
        "known names, read by rules through ctx.facts besides the files plugins register.",
    )
    sources: tuple[str, ...] = Field(
        (),
        description="Files every article was written from (--source): letters, releases, transcripts, "
        "checked against by the source/ rules, besides those an article names in its front matter.",
    )
    include: tuple[str, ...] = Field(
        (),
        description="Globs of files to check in directories; empty: every suffix the loaded input formats "
        "declare. A file named on the command line is always loaded, whatever its name.",
    )
    exclude: tuple[str, ...] = Field((), description="Globs of files or directories to skip.")
    disable_plugins: tuple[str, ...] = Field((), description="Plugin names not to load.")
    plugins: tuple[str, ...] = Field((), description="Local plugin files (house rules) to load.")
    enable_plugins: tuple[str, ...] = Field(
        (), description="Installed plugins to load when autoload is off."
    )
    autoload: bool | None = Field(
        None, description="Load every installed plugin (default: yes, unless FACTLINT_DISABLE_PLUGIN_AUTOLOAD=1)."
    )
    severity: dict[str, Severity] = Field(default_factory=dict, description="Per-rule severity overrides.")
    options: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="Per-rule options, validated against each rule's Options model."
    )
    verbose: bool = Field(False, description="Say what was skipped and why.")
    overrides: tuple[Override, ...] = Field((), description="Per-path select, ignore and severity.")
    fix: Literal["off", "safe", "unsafe"] = Field("off", description="Apply no fixes, safe ones, or unsafe ones too.")
    diff: bool = Field(False, description="Print the fixes as a diff instead of writing them.")
    fix_safety: dict[str, Literal["safe", "unsafe"]] = Field(
        default_factory=dict, description="Per-rule override of a rule's fix safety."
    )
    cache_dir: str | None = Field(None, description="Folder of the findings cache; None: no cache.")
    repo_consistency: bool = Field(
        False, description="Also run the repository-wide rules over every checked document at once."
    )
    changed_only: frozenset[str] | None = Field(
        None, description="Absolute paths of the only files to check (--changed-since); None: all."
    )
    config_dir: str | None = Field(None, description="Folder of the config file; override globs start there.")
    max_paragraph_chars: int = Field(
        200_000,
        gt=0,
        description="The longest paragraph checked; a document with a longer one is an input error (a dump or "
        "a file with no paragraph breaks: no article has one; the longest in the corpora is 3,078).",
    )
    document_timeout: float = Field(
        60.0,
        gt=0,
        description="Seconds checking one document may take (in this process, a worker process or a Dask "
        "worker) before it is stopped and reported as an engine/plugin-error; code stuck inside a C call is "
        "stopped only when that call returns.",
    )

    @field_validator("exclude", mode="before")
    @classmethod
    def _folder_globs(cls, value: Any) -> Any:
        # "drafts/" names a folder; the walk matches folder names without the slash.
        if isinstance(value, (list, tuple)):
            return tuple(v.rstrip("/") or v for v in value)
        return value

    def overrides_for(self, path: str) -> list[Override]:
        """The overrides whose globs match ``path``."""
        if not self.overrides:
            return []
        candidates = {Path(path).as_posix()}
        if self.config_dir:
            with contextlib.suppress(ValueError):  # outside the config's folder
                candidates.add(Path(path).resolve().relative_to(Path(self.config_dir).resolve()).as_posix())
        return [o for o in self.overrides if any(fnmatch.fnmatch(c, g) for c in candidates for g in o.files)]

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _split_commas(cls, value: Any) -> Any:
        return _split_rule_list(value)

    @field_validator("ignore", "severity")
    @classmethod
    def _always_reported(cls, value: Any, info: ValidationInfo) -> Any:
        return _refuse_silencing(value, info)


# ------------------------------------------------------------------ config files

CONFIG_FILES = ("factlint.toml", ".factlint.toml", "pyproject.toml")
"""Looked for in this order in each directory, walking up from the checked path;
``pyproject.toml`` counts only when it has a ``[tool.factlint]`` table."""


class Override(Model):
    """Settings for the files matching some globs (``[[overrides]]`` in the config)."""

    files: tuple[str, ...] = Field(min_length=1, description="Globs, relative to the config file's folder.")
    select: tuple[str, ...] | None = Field(None, description="Rules to run on these files instead.")
    ignore: tuple[str, ...] = Field((), description="Rules not to run on these files.")
    severity: dict[str, Severity] = Field(default_factory=dict, description="Severity overrides here.")

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _split_commas(cls, value: Any) -> Any:
        return _split_rule_list(value)

    @field_validator("ignore", "severity")
    @classmethod
    def _always_reported(cls, value: Any, info: ValidationInfo) -> Any:
        return _refuse_silencing(value, info)


class FileConfig(Model):
    """What a config file may say; keys are written with dashes (``fail-on``)."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    min_confidence: float | None = Field(None, ge=0, le=1)
    front_matter_date_key: str | None = None
    registries: tuple[str, ...] = ()
    facts: tuple[str, ...] = ()
    include: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    disable_plugins: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ()
    enable_plugins: tuple[str, ...] = ()
    autoload: bool | None = None
    severity: dict[str, Severity] = Field(default_factory=dict)
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    fix_safety: dict[str, Literal["safe", "unsafe"]] = Field(default_factory=dict)
    overrides: tuple[Override, ...] = ()
    document_timeout: float | None = Field(None, gt=0)
    max_paragraph_chars: int | None = Field(None, gt=0)

    @field_validator("ignore", "severity")
    @classmethod
    def _always_reported(cls, value: Any, info: ValidationInfo) -> Any:
        return _refuse_silencing(value, info)


_TOML_TYPES = {
    "select": "list of rule ids or prefixes", "ignore": "list of rule ids or prefixes",
    "fail_on": '"error", "warning" or "info"', "min_confidence": "number, 0 to 1",
    "front_matter_date_key": "string", "registries": "list of paths", "facts": "list of paths",
    "include": "list of globs", "exclude": "list of globs", "disable_plugins": "list of plugin names",
    "plugins": "list of paths to .py files", "enable_plugins": "list of plugin names", "autoload": "true or false",
    "severity": 'table: rule id = "error", "warning" or "info"', "options": "table per rule id: option = value",
    "fix_safety": 'table: rule id = "safe" or "unsafe"', "overrides": "array of tables ([[overrides]])",
    "document_timeout": "number of seconds, above 0",
    "max_paragraph_chars": "number of characters, above 0",
}


def config_reference() -> str:
    """Every key a config file may hold, as a Markdown table: its TOML type, its
    default and what it does (from the config model's own descriptions). The
    configuration reference in the docs is this table; a test keeps them equal."""
    rows = ["| key | type | default | what it does |", "|---|---|---|---|"]
    for name in FileConfig.model_fields:
        run_field = Config.model_fields.get(name)
        described = run_field.description if run_field is not None and run_field.description else ""
        default = run_field.get_default(call_default_factory=True) if run_field is not None else None
        shown = "none" if default in (None, (), {}) else json.dumps(default, default=str)
        rows.append(f"| `{name.replace('_', '-')}` | {_TOML_TYPES[name]} | {shown} | {described} |")
    rows += ["", "`[[overrides]]` tables take these keys:", "", "| key | what it does |", "|---|---|"]
    rows += [f"| `{name}` | {f.description} |" for name, f in Override.model_fields.items()]
    return "\n".join(rows) + "\n"


def find_config_file(start: Path) -> Path | None:
    """The nearest config file at or above ``start`` (a file or directory)."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or _has_tool_table(candidate):
                return candidate
    return None


def _has_tool_table(path: Path) -> bool:
    import tomllib  # here: a run without a config file does not need it

    try:
        return "factlint" in tomllib.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False


TRUST_ENV = "FACTLINT_TRUST_CONFIG"
"""Set to 1 to let a config file found by walking up load the local plugins it lists."""


def config_trusted(flag: bool = False) -> bool:
    """Whether a config file found by walking up may load its local plugins: with
    ``--trust-config`` (``flag``) or ``FACTLINT_TRUST_CONFIG=1``."""
    return flag or os.environ.get(TRUST_ENV, "") not in ("", "0")


def _warn(message: str) -> None:
    sys.stderr.write(f"factlint: warning: {message}\n")


def read_config_file(
    path: Path, *, trusted: bool = True, warn: Callable[[str], object] = _warn
) -> tuple[FileConfig, Path]:
    """Read and validate a config file; returns it with the folder its relative paths
    start from. Raises :class:`~factlint.errors.UsageError` naming the file, the key
    and, for an unknown key, the closest valid one.

    A config the user did not name (found by walking up from an article, which may
    come from anyone) is read with ``trusted`` false: the local plugins it lists are
    Python files it would run, so they are left out, and ``warn`` is told once.
    """
    file, base = _read_config_file(path)
    if trusted or not file.plugins:
        return file, base
    warn(
        f"{path}: the plugins it lists ({', '.join(file.plugins)}) were not loaded: a config found by "
        f"walking up runs no code unless trusted; give it with --config, or pass --trust-config "
        f"(or set {TRUST_ENV}=1)"
    )
    return file.model_copy(update={"plugins": ()}), base


_MAX_CONFIG_BYTES = 16 * 1024 * 1024  # far past any real config: a bound, not a size


def _read_config_file(path: Path) -> tuple[FileConfig, Path]:
    import tomllib

    from .errors import UsageError

    try:
        data = tomllib.loads(read_bounded(path, _MAX_CONFIG_BYTES, "a config").decode("utf-8"))
    except NotRead as exc:
        raise UsageError(f"{path}: cannot read config: {exc}") from None
    except OSError as exc:
        raise UsageError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: config is not valid UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: config is not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("factlint", {})
    prefix = "tool.factlint." if path.name == "pyproject.toml" else ""
    normalised = _normalise_keys(path, data, FileConfig, prefix)
    try:
        return FileConfig.model_validate(normalised), path.parent
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p).replace("_", "-") for p in err["loc"])
        raise UsageError(f"{path}: {prefix}{loc}: {err['msg']}") from None


def _normalise_keys(path: Path, data: dict[str, Any], model: type[Model], prefix: str) -> dict[str, Any]:
    """Turn ``fail-on`` into ``fail_on``, refusing unknown keys with a suggestion."""
    from .errors import UsageError

    fields = set(model.model_fields)
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = key.replace("-", "_")
        if name not in fields:
            valid = sorted(f.replace("_", "-") for f in fields)
            import difflib  # only to name the closest key of a mistyped one

            close = difflib.get_close_matches(key.replace("_", "-"), valid, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else f"; valid keys: {', '.join(valid)}"
            raise UsageError(f"{path}: unknown key {prefix}{key!r}{hint}")
        if name == "overrides" and isinstance(value, list):
            value = [
                _normalise_keys(path, v, Override, f"{prefix}overrides[{i}].") if isinstance(v, dict) else v
                for i, v in enumerate(value)
            ]
        out[name] = value
    return out


def merge_file_config(file: FileConfig, base_dir: Path, **cli: Any) -> Config:
    """The run's Config: the file's values, relative paths resolved against its folder,
    then any command-line values that were given (not None, not empty)."""
    values: dict[str, Any] = {}
    for name in ("select", "ignore", "fail_on", "min_confidence", "front_matter_date_key",
                 "include", "exclude", "disable_plugins", "enable_plugins", "autoload", "severity",
                 "options", "fix_safety", "document_timeout", "max_paragraph_chars"):
        value = getattr(file, name)
        if value not in (None, (), {}):
            values[name] = value
    if file.registries:
        values["registries"] = tuple(str(base_dir / r) for r in file.registries)
    if file.facts:
        values["facts"] = tuple(str(base_dir / f) for f in file.facts)
    if file.plugins:
        # Only files the config names, relative to the config's folder.
        values["plugins"] = tuple(str(base_dir / p) for p in file.plugins)
    values["overrides"] = file.overrides
    values["config_dir"] = str(base_dir)
    for name, value in cli.items():
        if value in (None, (), [], {}):
            continue
        if name in ("registries", "facts", "exclude", "disable_plugins") and name in values:
            values[name] = (*values[name], *value)  # command-line files add to the config's
        else:
            values[name] = value
    return Config(**values)


Config.model_rebuild()

"""The editor's desk: an HTTP API and a checking page, served by FastAPI.

One :class:`Desk` per server holds the plugin host, the registry and the base engine,
so plugins and registries are loaded once at start-up; each request is checked on a
worker thread with the rules and options of the server's config (a request may only
narrow the rule selection or raise the confidence floor). Nothing in a request can
name a file on the server.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import hashlib
import json
import logging
import math
import re
import sys
import threading
from collections import OrderedDict, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..budget import Overdue, time_limit
from ..checker import Checker
from ..claims_file import ClaimsFile
from ..config import Config, config_trusted, find_config_file, merge_file_config, read_config_file
from ..errors import UsageError
from ..models import Document, Finding, PublishedDate, Severity, Source, Summary
from ..planning import rule_info, rule_matches, unmatched_patterns
from ..results import crash_finding, make_report

__all__ = ["LOOPBACK_HOSTS", "CheckRequest", "Desk", "ServerSettings", "create_app", "load_config", "serve"]

_log = logging.getLogger("factlint.server")

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
"""Host names ``factlint serve`` always answers to (besides its ``--host``)."""

REQUEST_PATH = "<request>"
"""The ``path`` of every finding the API returns: a request names no file."""


# default-src 'none' refuses everything not listed; the page needs only its own script,
# stylesheet and API. No 'unsafe-inline': article text can never become code.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)
_SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


@dataclass(frozen=True)
class ServerSettings:
    """Limits of one server (command-line flags of ``factlint serve``)."""

    max_body: int = 2 * 1024 * 1024
    """Largest request body accepted, in bytes; a larger one gets 413."""
    time_budget: float = 10.0
    """Seconds a check may take, queueing included, before the answer is 503."""
    workers: int = 4
    """Threads that run checks, so a slow article does not hold up the others."""
    engine_cache: int = 32
    """How many distinct rule selections keep a ready engine."""
    result_cache: int = 256
    """How many recent answers to keep, by article and options (0: none). Editors
    send the same text again (after dismissing, from two desks); output is
    deterministic, so the stored answer is the one a new check would give."""
    result_cache_bytes: int = 64 * 1024 * 1024
    """Most memory the kept answers may take, in bytes; an answer larger than this
    is never kept, and the oldest go first to make room."""
    allowed_hosts: tuple[str, ...] | None = None
    """Host header values answered (``*``: any); others get 400, which defeats DNS
    rebinding. None (the default of :func:`create_app`) checks nothing;
    :func:`serve` always sets it to the loopback names, its ``host`` and these."""
    timeout_keep_alive: int = 5
    """Seconds an idle connection stays open between requests."""
    header_timeout: float = 10.0
    """Seconds a client has to send a request's headers, and then its body."""
    limit_concurrency: int = 1000
    """Most connections (idle ones too) and requests at once; past it new requests get 503."""
    max_header_bytes: int = 64 * 1024
    """Largest request line and headers accepted (h11's incomplete-event limit)."""
    registry_writable: bool = False
    """Whether ``POST /v1/registry/aliases`` may add spellings to the config's YAML
    registry files (``--registry-writable``); without it the route does not exist."""


def config_file(config_path: str | Path | None = None, *, start: Path | None = None) -> Path | None:
    """The config file the server reads: ``config_path``, else the nearest one at or
    above ``start`` (default: the current folder), else None (the defaults)."""
    return Path(config_path) if config_path is not None else find_config_file(start or Path.cwd())


def load_config(
    config_path: str | Path | None = None, *, start: Path | None = None, trust: bool = False
) -> Config:
    """The server's Config: ``config_path``, else the nearest factlint.toml (or
    ``[tool.factlint]``) at or above ``start`` (default: the current folder), else
    the defaults. Raises :class:`~factlint.errors.UsageError` for a bad file. A config
    found by walking up loads no local plugins unless ``trust`` is set
    (``--trust-config``) or ``FACTLINT_TRUST_CONFIG=1``."""
    path = config_file(config_path, start=start)
    if path is None:
        return Config()
    if not path.is_file():
        raise UsageError(f"--config: {path}: no such file")
    file_config, base = read_config_file(path, trusted=config_path is not None or config_trusted(trust))
    return merge_file_config(file_config, base)


# ------------------------------------------------------------------ request models


def _rule_list(value: Any) -> Any:
    """``"a,b"`` or ``["a", "b,c"]`` become ``("a", "b", "c")``."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [p.strip() for item in value for p in item.split(",") if p.strip()]
    return value  # anything else fails validation, naming the field


_PRINTED = r"[^\s\x1c-\x1f\x85\ufeff]"
"""A character that is not blank, in Python's and JSON Schema's regex dialects alike
(their whitespace classes differ over these few); an article must have one."""


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class ArticleRequest(BaseModel):
    """An article to check or extract claims from."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(
        description="The article: Markdown (front matter allowed), HTML or plain text.",
        json_schema_extra={"pattern": _PRINTED},
    )
    format: str = Field(
        "markdown",
        description="How to read `text`: an input format the server has loaded (markdown, html, text, or a "
        "plugin's), or one of its suffixes (md, txt).",
        max_length=100,
    )
    published: str | None = Field(
        None,
        description="Publication date, YYYY, YYYY-MM or YYYY-MM-DD; overrides any date in the text.",
        examples=["2022-12"],
        json_schema_extra={"pattern": r"^\s*$|^\s*(?!0000)[0-9]{4}(-(0?[1-9]|1[0-2])(-(0?[1-9]|1[0-9]|2[0-8]))?)?\s*$"},
    )
    title: str | None = Field(None, max_length=2000, description="The headline, if not in the text.")
    select: list[str] = Field(
        default_factory=list,
        description="Run only these of the server's rules (ids or prefixes such as `name/`).",
    )
    ignore: list[str] = Field(default_factory=list, description="Do not run these rules (ids or prefixes).")
    min_confidence: float | None = Field(
        None,
        ge=0,
        le=1,
        allow_inf_nan=False,
        strict=True,  # a number, not true or "0.5"
        description="Drop findings less sure than this (it can raise, not lower, the server's).",
    )

    @field_validator("*", mode="before")
    @classmethod
    def _no_lone_surrogates(cls, value: Any) -> Any:
        # JSON's \ud800 escapes decode to half a UTF-16 pair, which no answer can encode.
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and _has_surrogate(item):
                raise ValueError("contains a lone surrogate (\\ud800-\\udfff), which is not text")
        return value

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not re.search(_PRINTED, value):
            raise ValueError("the article is empty: nothing to check")
        return value.removeprefix("\ufeff")

    @field_validator("published")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        return str(PublishedDate.parse(value))

    @field_validator("select", "ignore", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        return _rule_list(value)


class SourceIn(BaseModel):
    """A document the article was written from, sent with it."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        "source",
        min_length=1,
        max_length=200,
        description="What findings call it (their related places' path), such as the file name.",
        json_schema_extra={"pattern": _PRINTED},
    )
    text: str = Field(description="Its text.", json_schema_extra={"pattern": _PRINTED})
    format: str = Field("text", max_length=100, description="How to read `text`, as the article's `format`.")

    @field_validator("*", mode="before")
    @classmethod
    def _no_lone_surrogates(cls, value: Any) -> Any:
        if isinstance(value, str) and _has_surrogate(value):
            raise ValueError("contains a lone surrogate (\\ud800-\\udfff), which is not text")
        return value

    @field_validator("text", "name")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not re.search(_PRINTED, value):
            raise ValueError("is empty")
        return value.removeprefix("\ufeff")


class CheckRequest(ArticleRequest):
    """``POST /v1/check``: an article and how to check it."""

    sources: list[SourceIn] = Field(
        default_factory=list,
        max_length=20,
        description="Documents the article was written from (the letter, the release), for the source/ "
        "rules. Paths an article's front matter names are never opened by the server.",
    )


class DocumentInfo(BaseModel):
    """How the server read the article of one check."""

    format: str = Field(description="The input format the article was read as (the request's `format`).")
    published: str | None = Field(description="The publication date the rules used, or null: none.")
    published_from: str | None = Field(
        description="Where that date came from: `request` (the `published` field), `text` (the article's "
        "own, such as its front matter), `config` (the server's config), or null."
    )
    silent_rules: list[str] = Field(
        description="Rules that ran but can say nothing without a publication date, when there was none."
    )


class RegistryFileOut(BaseModel):
    """One registry file the server loaded."""

    path: str
    entries: int = Field(description="Entries read from it.")


class FactFileOut(BaseModel):
    """One fact file the rules look facts up in."""

    path: str
    origin: str = Field(description="`config` (the server's config names it) or `plugin` (a plugin ships it).")


class SetupOut(BaseModel):
    """What this server checks articles against."""

    version: str
    config: str | None = Field(description="The config file read, or null: none was found, the defaults apply.")
    registries: list[RegistryFileOut]
    registry_entries: int = Field(description="Entries in the merged registry.")
    registry_writable: bool = Field(description="Whether `POST /v1/registry/aliases` can add spellings.")
    facts: list[FactFileOut]
    rules: list[str] = Field(description="The rules that run.")
    date_rules: list[str] = Field(description="Those of them that need a publication date.")
    published: str | None = Field(description="The config's publication date for every article (`published`).")
    default_published: str | None = Field(description="The config's date for articles that give none.")


class AliasRequest(BaseModel):
    """``POST /v1/registry/aliases``: accept a spelling of a name."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="The spelling to accept, as the article has it.")
    canonical: str = Field(
        min_length=1,
        max_length=200,
        description="The name it is a spelling of (a registry entry's canonical name or alias); without such "
        "an entry, a new one is added with this canonical name.",
    )


class AliasOut(BaseModel):
    """What ``POST /v1/registry/aliases`` wrote."""

    path: str = Field(description="The registry file written.")
    canonical: str
    name: str
    new_entry: bool = Field(description="Whether a new entry was added (else an alias to an existing one).")
    registry_entries: int = Field(description="Entries in the merged registry, reloaded.")


class CheckResponse(BaseModel):
    """The findings document of ``factlint check --format json``."""

    schema_version: int = Field(description="Always 1 for this version of the format.")
    findings: list[dict[str, Any]] = Field(
        description="Each finding: path, rule, severity, message, line, column, end_line, end_column, "
        "start, end, text, suggestion, confidence, related, fix, plugin, fingerprint."
    )
    errors: list[dict[str, Any]] = Field(description="Input problems (broken front matter, ...), one each.")
    summary: Summary
    document: DocumentInfo | None = Field(
        None,
        description="Only with `?describe=true`: how the server read the article (not in `factlint check "
        "--format json`, whose document the answer otherwise is, byte for byte).",
    )


class RuleOut(BaseModel):
    """A rule as the server runs it."""

    id: str
    summary: str
    severity: Severity = Field(description="Severity after the server's config.")
    plugin: str
    requires: list[str] = Field(description="Claim kinds the rule reads.")
    fix: str | None = Field(description="safe or unsafe if the rule offers fixes.")
    enabled: bool = Field(description="Whether the server's config runs it.")


class RuleDoc(RuleOut):
    """A rule with its documentation (what ``factlint explain`` prints)."""

    documentation: str


# ------------------------------------------------------------------ the checking service


class Desk:
    """The server's checking service: one plugin host, one registry, engines per rule
    selection (kept in a small LRU cache), and the thread pool checks run on."""

    def __init__(
        self, config: Config, settings: ServerSettings | None = None, *, config_path: str | Path | None = None
    ) -> None:
        self.settings = settings or ServerSettings()
        self.config_path = None if config_path is None else str(config_path)
        """The config file read (for ``/v1/setup``), or None: the defaults."""
        # The server never writes articles and checks text, not files: no fixes, no cache.
        self.config = config.model_copy(update={"fix": "off", "diff": False, "cache_dir": None, "verbose": False})
        self.base = Checker(self.config)
        if self.base.startup_errors:
            raise UsageError("; ".join(str(e) for e in self.base.startup_errors))
        self.host = self.base.host
        self.enabled = tuple(s.rule.id for s in self.base.rules)
        self._engines: OrderedDict[tuple[Any, ...], Checker] = OrderedDict()
        self._results: OrderedDict[str, tuple[str, int]] = OrderedDict()
        self._result_bytes = 0
        self._lock = threading.Lock()
        _stoppable_engine(self.base)
        # `workers` checks run at once; as many more threads may be finishing checks
        # already answered 503 (they stop at their next plugin call).
        self._slots = _Slots(self.settings.workers)
        self._overdue = 0
        self.pool = self._new_pool()
        self.load_crashes = [crash_finding(c.plugin, REQUEST_PATH, None, c.where, c.error) for c in self.host.crashes]
        self._registry_write = threading.Lock()
        self._registry_files = self._count_registry_files()
        if self.settings.registry_writable and not self.writable_registries():
            raise UsageError("--registry-writable: the config names no YAML registry file to add spellings to")
        # What rules load on first use (reference data, indexes) loads now, at start-up,
        # not inside the first request's time budget.
        self._check(self.base, CheckRequest(text="On Monday, 1 March 2021, the two groups, Alpha and Beta, met."))

    # -- what the server checks against

    def _count_registry_files(self) -> list[dict[str, Any]]:
        counts: dict[str, int] = {}
        for entry in self.base.registry.entries:
            counts[entry.source] = counts.get(entry.source, 0) + 1
        return [{"path": p, "entries": counts.get(str(p), 0)} for p in self.config.registries]

    def writable_registries(self) -> list[str]:
        """The config's registry files spellings may be added to (YAML ones)."""
        return [p for p in self.config.registries if Path(p).suffix.lower() in (".yaml", ".yml")]

    def setup(self) -> dict[str, Any]:
        """What this server checks against: config, registries, facts, dates."""
        config_facts = {str(Path(p)) for p in self.config.facts}
        published, default = self.config.published, self.config.default_published
        return {
            "version": __version__,
            "config": self.config_path,
            "registries": self._registry_files,
            "registry_entries": len(self.base.registry),
            "registry_writable": self.settings.registry_writable,
            "facts": [
                {"path": str(p), "origin": "config" if str(Path(p)) in config_facts else "plugin"}
                for p in self.base.fact_files()
            ],
            "rules": list(self.enabled),
            "date_rules": [s.rule.id for s in self.base.rules if s.rule.needs_published],
            "published": None if published is None else str(published),
            "default_published": None if default is None else str(default),
        }

    def add_alias(self, name: str, canonical: str) -> dict[str, Any]:
        """Add ``name`` as an accepted spelling of ``canonical`` to the registry file
        holding that entry (else to the last YAML registry), then reload the registry
        for every engine and forget the kept answers."""
        from ..registry import load_registries
        from .registry_edit import RegistryEditError, add_alias

        if not self.settings.registry_writable:
            raise HTTPException(403, "this server was not started with --registry-writable")
        writable = self.writable_registries()
        with self._registry_write:
            entry = self.base.registry.accepted(canonical)
            target = entry.source if entry is not None and entry.source in writable else writable[-1]
            try:
                added = add_alias(Path(target), name, canonical)
            except RegistryEditError as exc:
                raise RequestProblem("name", str(exc)) from None
            except OSError as exc:
                raise HTTPException(409, f"the registry could not be written: {exc.strerror or exc}") from None
            registry, problems = load_registries(self.config.registries)
            if problems:
                raise HTTPException(409, f"the registry was written but does not read: {problems[0]}")
            with self._lock:
                self.base.registry = registry
                for engine in self._engines.values():
                    engine.registry = registry
                self._results.clear()
                self._result_bytes = 0
            self._registry_files = self._count_registry_files()
        _log.info("added %r as a spelling of %r to %s", added.name, added.canonical, added.path)
        return {
            "path": added.path,
            "canonical": added.canonical,
            "name": added.name,
            "new_entry": added.new_entry,
            "registry_entries": len(registry),
        }

    def _new_pool(self) -> ThreadPoolExecutor:
        return ThreadPoolExecutor(max_workers=2 * self.settings.workers, thread_name_prefix="factlint-check")

    def close(self) -> None:
        """Drop the checks still queued and let the worker threads end; the desk
        stays usable (an app may be started again, as test clients do)."""
        pool, self.pool = self.pool, self._new_pool()
        pool.shutdown(wait=False, cancel_futures=True)

    # -- engines

    def engine_for(self, select: Sequence[str], ignore: Sequence[str], min_confidence: float | None) -> Checker:
        """An engine running the server's rules narrowed by ``select``/``ignore``.

        Raises :class:`RequestProblem` naming the field when a pattern matches no
        rule or nothing is left to run.
        """
        floor = max(self.config.min_confidence, min_confidence or 0.0)
        known = sorted(self.host.rules)
        for field, patterns in (("select", select), ("ignore", ignore)):
            for p in unmatched_patterns(known, patterns):
                raise RequestProblem(field, f"no rule matches {p!r}; known rules: {', '.join(known)}")
        chosen = tuple(
            r
            for r in self.enabled
            if (not select or any(rule_matches(r, p) for p in select)) and not any(rule_matches(r, p) for p in ignore)
        )
        if not chosen:
            raise RequestProblem("select" if select else "ignore", "no rule of this server is left to run")
        if chosen == self.enabled and floor == self.config.min_confidence:
            return self.base
        key = (chosen, floor)
        with self._lock:
            engine = self._engines.get(key)
            if engine is not None:
                self._engines.move_to_end(key)
                return engine
        # Exact ids, so the server's own select/ignore and these cannot disagree.
        config = self.config.model_copy(update={"select": chosen, "ignore": (), "min_confidence": floor})
        engine = _stoppable_engine(Checker(config, host=self.host, registry=self.base.registry))
        with self._lock:
            self._engines[key] = engine
            while len(self._engines) > self.settings.engine_cache:
                self._engines.popitem(last=False)
        return engine

    # -- work (runs on a worker thread)

    def _source(self, req: ArticleRequest) -> Source:
        return Source(path=REQUEST_PATH, suffix=self._suffix(req.format, "format"), text=req.text)

    def _source_in(self, given: SourceIn) -> Source:
        return Source(path=given.name, suffix=self._suffix(given.format, "sources"), text=given.text)

    def _suffix(self, format_name: str, field: str) -> str:
        """The suffix of a loaded input format, or a 422 naming ``field``."""
        suffix = self.host.suffix_for(format_name)
        if suffix is None:
            known = ", ".join(sorted(self.host.formats)) or "none"
            raise RequestProblem(field, f"unknown input format {format_name!r}; this server reads: {known}")
        return suffix

    def _load(self, engine: Checker, req: ArticleRequest) -> tuple[Document | None, list[Finding], Any]:
        document, findings, error = engine.load(self._source(req))
        if document is not None and (req.published or req.title):
            # The request's date and title win over the text's own, as --published does.
            meta = document.metadata.model_copy(
                update={
                    **({"published": PublishedDate.parse(req.published)} if req.published else {}),
                    **({"title": req.title} if req.title else {}),
                }
            )
            document = document.model_copy(update={"metadata": meta})
        return document, findings, error

    def check(self, req: CheckRequest, describe: bool = False) -> str:
        """Check one article; returns the JSON document ``--format json`` writes (with
        a ``document`` key saying how the article was read, if ``describe``)."""
        engine = self.engine_for(req.select, req.ignore, req.min_confidence)
        key = self._result_key(engine, req) + ("+document" if describe else "")
        with self._lock:
            cached = self._results.get(key)
            if cached is not None:
                self._results.move_to_end(key)
                return cached[0]
        body = self._check(engine, req, describe)
        self._keep(key, body)
        return body

    def _keep(self, key: str, body: str) -> None:
        """Keep an answer within both bounds of the result cache, oldest out first."""
        size = sys.getsizeof(body)
        limits = self.settings
        if limits.result_cache <= 0 or size > limits.result_cache_bytes:
            return
        with self._lock:
            old = self._results.pop(key, None)
            self._result_bytes += size - (old[1] if old else 0)
            self._results[key] = (body, size)
            while len(self._results) > limits.result_cache or self._result_bytes > limits.result_cache_bytes:
                self._result_bytes -= self._results.popitem(last=False)[1][1]

    @property
    def result_cache_size(self) -> tuple[int, int]:
        """How many answers the result cache holds, and their size in bytes."""
        with self._lock:
            return len(self._results), self._result_bytes

    def _result_key(self, engine: Checker, req: CheckRequest) -> str:
        rules = ",".join(s.rule.id for s in engine.rules)
        given = [part for s in req.sources for part in (s.name, s.format, s.text)]
        parts = (
            rules, str(engine.config.min_confidence), req.format, req.published or "", req.title or "", req.text,
            str(len(req.sources)), *given,
        )
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def _check(self, engine: Checker, req: CheckRequest, describe: bool = False) -> str:
        document, findings, error = self._load(engine, req)
        findings = self.load_crashes + findings
        errors = [error] if error else []
        if document is not None:
            given = [self._source_in(s) for s in req.sources]
            originals, crashes, source_errors = engine.sources_for(document, given, read_named=False)
            findings += crashes
            errors += source_errors
            # Only fixes that hold are offered: Accept on the page applies them as they are.
            checked = engine.check_document(document, originals).findings
            findings += engine.verify_fixes(self._source(req), document, checked, originals)
        report = make_report(findings, errors, [REQUEST_PATH] if document is not None else [])
        # The same document as `factlint check --format json` writes; asked for, how the
        # article was read besides (a key that output does not have).
        data = report.json_data()
        if describe:
            data = {**data, "document": self._document_info(engine, req, document)}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def _document_info(self, engine: Checker, req: ArticleRequest, document: Document | None) -> dict[str, Any]:
        """The format, the publication date the rules used and where it came from,
        and the rules that stayed silent for want of one."""
        published = document.metadata.published if document is not None else None
        if published is None:
            origin = None
        elif req.published:
            origin = "request"
        elif self.config.published is not None or published == self.config.default_published:
            origin = "config"
        else:
            origin = "text"
        silent = [s.rule.id for s in engine.rules if s.rule.needs_published] if document and not published else []
        return {
            "format": req.format,
            "published": None if published is None else str(published),
            "published_from": origin,
            "silent_rules": silent,
        }

    def extract(self, req: ArticleRequest) -> dict[str, Any]:
        """The claims found in one article, as ``factlint extract`` prints them."""
        engine = self.engine_for(req.select, req.ignore, None)
        document, crashes, error = self._load(engine, req)
        if error is not None:
            raise RequestProblem("text", str(error).removeprefix(f"{REQUEST_PATH}:").lstrip(": "))
        if document is None:
            raise HTTPException(500, "; ".join(f.message for f in crashes) or "no loader read the article")
        claims, crashes = engine.extract(document)
        if crashes:
            raise HTTPException(500, "; ".join(f.message for f in crashes))
        from ..claims_file import claims_file_data

        return claims_file_data(document, claims)

    def rule(self, rule_id: str, *, with_doc: bool = False) -> dict[str, Any]:
        """One rule's metadata (and documentation) as this server runs it."""
        info = rule_info(self.host.rules[rule_id], self.host.rule_plugins[rule_id], self.config.severity.get(rule_id))
        out: dict[str, Any] = info.model_dump(mode="json", exclude={"explanation"})
        out["enabled"] = rule_id in self.enabled
        if with_doc:
            out["documentation"] = info.explanation
        return out

    async def run(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run ``fn`` on a worker thread within the time budget; 503 past it.

        Waiting for a free worker counts against the budget. Past it, the check is
        stopped where it is (at its next Python instruction: a plugin stuck inside
        one C call ends when that call returns). Its worker is freed at once for
        the next request, unless as many checks as there are workers are still
        winding down.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.settings.time_budget
        try:
            await asyncio.wait_for(self._slots.acquire(), self.settings.time_budget)
        except TimeoutError:
            raise self._over_budget() from None
        stop = threading.Event()
        work = self.pool.submit(_run_stoppable, stop, max(0.001, deadline - loop.time()), fn, *args)
        try:
            result = await asyncio.wait_for(asyncio.wrap_future(work), max(0.0, deadline - loop.time()))
        except TimeoutError:
            raise self._over_budget() from None
        finally:
            self._settle(work, stop)
        if result is _STOPPED:  # stopped on its thread a moment before the wait gave up
            raise self._over_budget()
        return result

    def _settle(self, work: Future, stop: threading.Event) -> None:
        """Free the worker slot of a check that is done, or that was answered 503
        (or whose client went away) and has just been told to stop."""
        if work.done():
            self._slots.release()
            return
        stop.set()
        with self._lock:
            early = self._overdue < self.settings.workers
            self._overdue += early
        if early:
            self._slots.release()
        work.add_done_callback(functools.partial(self._finished_overdue, early))

    def _finished_overdue(self, released_early: bool, _: Future) -> None:
        if released_early:
            with self._lock:
                self._overdue -= 1
        else:
            self._slots.release()

    def _over_budget(self) -> HTTPException:
        return HTTPException(
            503,
            f"the check took longer than this server's budget of {self.settings.time_budget:g} s; "
            "try a shorter article or try again later",
            headers={"Retry-After": "5"},
        )


class BudgetSpent(BaseException):
    """Raised at a plugin call of a check whose request was already answered 503.

    A BaseException, so that the engine's ``except Exception`` (which turns plugin
    crashes into findings) lets it through and the whole check ends."""


_STOPPED = object()
"""What a check stopped past its budget gives instead of an answer."""

_running = threading.local()
"""``stop``: the :class:`threading.Event` of the check on this worker thread."""


def _stop_if_asked() -> None:
    stop: threading.Event | None = getattr(_running, "stop", None)
    if stop is not None and stop.is_set():
        raise BudgetSpent


def _run_stoppable(stop: threading.Event, seconds: float, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` on this thread, stopped after ``seconds`` (what is left of its
    request's budget), or at the next plugin call once ``stop`` is set (its client
    went away)."""
    _running.stop = stop
    try:
        with time_limit(seconds):
            return fn(*args)
    except (BudgetSpent, Overdue):
        return _STOPPED  # its request has (or is about to have) its 503
    finally:
        _running.stop = None


def _stoppable(call: Callable[..., Any]) -> Callable[..., Any]:
    """``call`` (a rule's ``check``, an extractor's ``extract``), stopping before it
    runs and between the items it yields once its check is told to stop."""

    @functools.wraps(call)
    def checked(*args: Any, **kwargs: Any) -> Any:
        _stop_if_asked()
        result = call(*args, **kwargs)
        if result is None or isinstance(result, list | tuple):
            return result
        return _stop_between(result)

    return checked


def _stop_between(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        _stop_if_asked()
        yield item


def _stoppable_engine(engine: Checker) -> Checker:
    """Wrap ``check`` and ``extract`` of the rules and extractors this engine made for
    itself (instances no one else holds), so that a check past its budget ends
    between plugin calls. Returns ``engine``."""
    targets = [(s.rule, "check") for s in engine.plan.rules] + [(e, "extract") for _, e in engine.plan.extractors]
    for target, name in targets:
        with contextlib.suppress(AttributeError, TypeError):  # __slots__: it just stops less often
            setattr(target, name, _stoppable(getattr(target, name)))
    return engine


class _Slots:
    """At most ``size`` checks at once, whichever event loop (or thread) asks: a
    first-come queue of waiters, each woken on its own loop."""

    def __init__(self, size: int) -> None:
        self._free = size
        self._waiters: deque[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = deque()
        self._lock = threading.Lock()

    async def acquire(self) -> None:
        """Wait for a free slot (cancel-safe: a slot handed over too late is given back)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._free > 0 and not self._waiters:
                self._free -= 1
                return
            waiter: asyncio.Future[None] = loop.create_future()
            self._waiters.append((loop, waiter))
        try:
            await waiter
        except BaseException:
            with self._lock:
                if (loop, waiter) in self._waiters:
                    self._waiters.remove((loop, waiter))
                    raise
            if waiter.done() and not waiter.cancelled():
                self.release()  # handed over as the wait ended
            raise

    def release(self) -> None:
        """Give a slot back: to the first waiter, else to the pool."""
        with self._lock:
            if not self._waiters:
                self._free += 1
                return
            loop, waiter = self._waiters.popleft()
        loop.call_soon_threadsafe(self._hand_over, waiter)

    def _hand_over(self, waiter: asyncio.Future[None]) -> None:
        if waiter.cancelled():
            self.release()
        elif not waiter.done():
            waiter.set_result(None)


class RequestProblem(Exception):
    """A request field the server cannot act on: answered with 422 naming it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


# ------------------------------------------------------------------ ASGI middleware


class _SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *_SECURITY_HEADERS]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _CatchAll:
    """Turns an exception nothing else handled into a 500 JSON answer and one log
    line, never a stack trace for the client or a screenful of log."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: dict) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            what = _printable(f"{type(exc).__name__}: {exc}")[:300]
            _log.error("internal error answering %s %s: %s", scope.get("method"), _printable(scope["path"])[:200], what)
            if not started:
                body = {"detail": "internal error: the server could not answer this request"}
                await JSONResponse(body, status_code=500)(scope, receive, send)


class _HostCheck:
    """Answers 400 to a request whose Host header is not one of ``allowed``: a page
    on another site that rebinds its own name to this machine's address cannot then
    reach the API from a browser on it (DNS rebinding)."""

    def __init__(self, app: Any, allowed: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(_host_name(h.encode("latin-1")) for h in allowed)

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] == "http" and "*" not in self.allowed:
            host = dict(scope.get("headers", [])).get(b"host")
            if host is None or _host_name(host) not in self.allowed:
                shown = "no Host header" if host is None else f"the Host {_printable(host.decode('latin-1'))[:100]!r}"
                body = {"detail": f"{shown} is not one this server answers to (see --allow-host)"}
                await JSONResponse(body, status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _host_name(value: bytes) -> str:
    """``b"[::1]:8000"`` -> ``"::1"``, ``b"LocalHost.:80"`` -> ``"localhost"``."""
    text = value.decode("latin-1").strip().lower()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    return text.rstrip(".")


def _printable(text: str) -> str:
    """``text`` safe to log or send: lone surrogates and controls escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


class _BodyLimit:
    """Answers 413 to a body over ``limit`` bytes before any of it is parsed, and 408
    to one that takes longer than ``timeout`` seconds to arrive.

    A declared Content-Length is refused at once; a chunked body is counted as it
    arrives and refused at the first chunk past the limit.
    """

    def __init__(self, app: Any, limit: int, timeout: float | None = None) -> None:
        self.app = app
        self.limit = limit
        self.timeout = timeout

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await JSONResponse({"detail": "Content-Length is not a number"}, 400)(scope, receive, send)
                return
            if size > self.limit:
                await self._too_large(scope, receive, send)
                return
        chunks: list[bytes] = []
        received = 0
        loop = asyncio.get_running_loop()
        deadline = None if self.timeout is None else loop.time() + self.timeout
        while True:
            try:
                message = await asyncio.wait_for(receive(), None if deadline is None else deadline - loop.time())
            except TimeoutError:
                late = {"detail": f"the request body did not arrive within {self.timeout:g} s"}
                await JSONResponse(late, status_code=408, headers={"Connection": "close"})(scope, receive, send)
                return
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.limit:
                await self._too_large(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: dict, receive: Callable, send: Callable) -> None:
        limit = self.limit
        human = f"{limit / 1024 / 1024:g} MB" if limit >= 1024 * 1024 else f"{limit} bytes"
        response = JSONResponse(
            {"detail": f"the request body is larger than this server's limit of {human} ({limit} bytes)"},
            status_code=413,
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


# ------------------------------------------------------------------ the app


def _static(name: str) -> bytes:
    return resources.files(__package__).joinpath("static", name).read_bytes()


def _sendable(value: Any) -> Any:
    """An error detail JSON can carry: NaN and infinities become their names, lone
    surrogates (in values or keys) are escaped."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, str):
        return _printable(value) if _has_surrogate(value) else value
    if isinstance(value, dict):
        return {_sendable(k): _sendable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_sendable(v) for v in value]
    return value


def _validation_message(errors: Sequence[dict[str, Any]]) -> str:
    """One line naming the first bad field: ``body.published: ...``."""
    err = errors[0]
    if err.get("type") == "json_invalid":
        ctx = err.get("ctx") or {}
        return f"the request body is not valid JSON: {ctx.get('error', err.get('msg'))}"
    loc = ".".join(str(p) for p in err.get("loc", ()))
    msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
    return f"{loc}: {msg}"


def create_app(
    config: Config | None = None,
    *,
    config_path: str | Path | None = None,
    settings: ServerSettings | None = None,
    desk: Desk | None = None,
) -> FastAPI:
    """Build the FastAPI app: the API under ``/v1``, ``/healthz``, the page at ``/``.

    Plugins and registries load here, once. Give a ``config``, or a ``config_path``
    to read one (see :func:`load_config`), or a ready ``desk``.
    """
    if desk is None:
        if config is None:
            config = load_config(config_path)
            config_path = config_file(config_path)
        desk = Desk(config, settings, config_path=config_path)
    settings = desk.settings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        desk.close()

    app = FastAPI(
        title="factlint",
        version=__version__,
        summary="Check the facts inside a news article before it is published.",
        description=(
            "The findings are those of `factlint check --format json`; the rules, registries and "
            "options are the server's. See docs/server.md."
        ),
        # The interactive docs pages load scripts from a CDN, which the page's CSP (and
        # a machine without network) refuses; the schema itself is at /openapi.json.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.desk = desk
    # Outermost last: headers on every answer, then the catch-all, then the cheap refusals.
    app.add_middleware(_BodyLimit, limit=settings.max_body, timeout=settings.header_timeout)
    if settings.allowed_hosts is not None:
        app.add_middleware(_HostCheck, allowed=settings.allowed_hosts)
    app.add_middleware(_CatchAll)
    app.add_middleware(_SecurityHeaders)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _sendable(jsonable_encoder(exc.errors(), custom_encoder={Exception: str}))
        return JSONResponse({"detail": errors, "message": _validation_message(errors)}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        cause = exc.__cause__
        if exc.status_code == 400 and isinstance(cause, UnicodeDecodeError | RecursionError | ValueError):
            # FastAPI's 400 for a body json cannot read (not UTF-8, nested too deep,
            # a number too long): malformed JSON like any other, so 422.
            why = "nested too deeply" if isinstance(cause, RecursionError) else _printable(str(cause))[:200]
            detail = [{"type": "json_invalid", "loc": ["body"], "msg": "JSON decode error", "ctx": {"error": why}}]
            return JSONResponse({"detail": detail, "message": f"the request body is not valid JSON: {why}"}, 422)
        return await http_exception_handler(request, exc)

    @app.exception_handler(RequestProblem)
    async def _problem(request: Request, exc: RequestProblem) -> JSONResponse:
        detail = [{"loc": ["body", exc.field], "msg": exc.message, "type": "value_error"}]
        return JSONResponse({"detail": detail, "message": f"body.{exc.field}: {exc.message}"}, status_code=422)

    @app.post(
        "/v1/check",
        response_model=CheckResponse,
        summary="Check an article",
        responses={
            413: {"description": "The body is over the size limit."},
            422: {"description": "Malformed JSON, or a field that cannot be used (named in `message`)."},
            503: {"description": "The check took longer than the time budget."},
        },
    )
    async def check(
        req: CheckRequest,
        describe: bool = Query(
            False,
            description="Add a `document` key: the format, the publication date used and where it came "
            "from, and the rules that stayed silent without one.",
        ),
    ) -> Response:
        """The findings in one article, exactly as `factlint check --format json` writes them
        (every `path` is `<request>`). Input problems, such as broken front matter, are in
        `errors`; the status is still 200. With `?describe=true`, a `document` key says how
        the article was read."""
        body = await desk.run(desk.check, req, *([True] if describe else []))
        return Response(body, media_type="application/json")

    @app.post(
        "/v1/extract",
        summary="Extract an article's claims",
        response_class=Response,
        responses={
            200: {"model": ClaimsFile, "description": "A claims file.", "content": {"application/json": {}}},
            422: {"description": "Malformed JSON, a bad field, or an article that cannot be read."},
            503: {"description": "The extraction took longer than the time budget."},
        },
    )
    async def extract(req: ArticleRequest) -> Response:
        """The claims found in one article, exactly as `factlint extract` prints them: a
        claims file (`factlint schema` describes it). An article that cannot be read
        (broken front matter, say) gets 422 naming the place."""
        claims = await desk.run(desk.extract, req)
        return Response(json.dumps(claims, ensure_ascii=False, indent=2) + "\n", media_type="application/json")

    _describe_choices(app, desk)

    @app.get("/v1/rules", response_model=list[RuleOut], summary="List the rules")
    async def rules() -> list[dict[str, Any]]:
        """Every registered rule, its severity on this server, and whether it runs."""
        return [desk.rule(r) for r in sorted(desk.host.rules)]

    @app.get(
        "/v1/rules/{rule_id:path}",
        response_model=RuleDoc,
        summary="One rule's documentation",
        responses={404: {"description": "No rule has this id."}},
    )
    async def rule(rule_id: str) -> dict[str, Any]:
        """A rule and its documentation; ids contain a slash (`name/registry`)."""
        if rule_id not in desk.host.rules:
            raise HTTPException(404, f"unknown rule {rule_id!r}; known rules: {', '.join(sorted(desk.host.rules))}")
        return desk.rule(rule_id, with_doc=True)

    @app.get("/healthz", summary="Liveness")
    async def healthz() -> dict[str, Any]:
        """`ok` once plugins and registries are loaded; `degraded` if a plugin failed to load."""
        return {
            "status": "degraded" if desk.host.crashes else "ok",
            "version": __version__,
            "plugins": len(desk.host.infos),
            "rules": len(desk.enabled),
            "registry_entries": len(desk.base.registry),
            "plugin_errors": [f.message for f in desk.load_crashes],
        }

    @app.get("/v1/setup", response_model=SetupOut, summary="What articles are checked against")
    async def setup() -> dict[str, Any]:
        """The config file, the registry files and their entries, the fact files, the rules
        that run and those needing a publication date, and the config's dates."""
        return desk.setup()

    if settings.registry_writable:

        @app.post(
            "/v1/registry/aliases",
            response_model=AliasOut,
            summary="Accept a spelling of a name",
            responses={
                409: {"description": "The registry file could not be written or read back."},
                422: {"description": "Not a plain name, or a spelling the registry lists to avoid."},
            },
        )
        async def add_alias(req: AliasRequest) -> dict[str, Any]:
            """Add `name` to the aliases of the registry entry for `canonical` (a new entry
            when there is none), in the YAML file that holds it, and reload the registry.
            Only on a server started with `--registry-writable`."""
            return await desk.run(desk.add_alias, req.name, req.canonical)

    pages = {
        "/": ("index.html", "text/html; charset=utf-8"),
        "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
        "/static/app.css": ("app.css", "text/css; charset=utf-8"),
    }
    for route, (name, media_type) in pages.items():
        app.add_api_route(route, _static_route(_static(name), media_type), methods=["GET"], include_in_schema=False)
    return app


def _describe_choices(app: FastAPI, desk: Desk) -> None:
    """Put this server's formats and rule patterns in its OpenAPI schema as enums, so
    a client (or a schema-driven test) knows which values it accepts."""
    generate = app.openapi
    formats = sorted(
        {name for name, f in desk.host.formats.items() if f.suffixes}
        | {x.removeprefix(".") for f in desk.host.formats.values() for x in f.suffixes}
    )
    ids = sorted(desk.host.rules)
    patterns = sorted({*ids, *(r.split("/")[0] for r in ids), *(r.split("/")[0] + "/" for r in ids)})
    # What _rule_list reads: patterns separated by commas, blanks (str.isspace) around them.
    blank = "[\\t\\n\\v\\f\\r \\x1c-\\x1f\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
    # Escaped for both dialects (re.escape's "\\-" is not JSON Schema's).
    one = (
        "(?:"
        + "|".join(re.sub(r"([.^$*+?()[\]{}|\\])", r"\\\1", p) for p in sorted(patterns, key=len, reverse=True))
        + ")"
    )
    listed = f"^(?:{blank}|,)*(?:{one}(?:{blank}*,(?:{blank}|,)*{one})*)?(?:{blank}|,)*$"
    rule_list = {"type": "string", "pattern": listed}

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            for model in ("ArticleRequest", "CheckRequest", "SourceIn"):
                fields = schema.get("components", {}).get("schemas", {}).get(model, {}).get("properties", {})
                if "format" in fields:
                    fields["format"]["enum"] = formats
                for name in ("select", "ignore"):
                    if name in fields:
                        described = {k: v for k, v in fields[name].items() if k in ("title", "description")}
                        fields[name] = {
                            "anyOf": [{"type": "array", "items": rule_list}, rule_list],
                            **described,
                        }
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _static_route(content: bytes, media_type: str) -> Callable[[], Awaitable[Response]]:
    async def page() -> Response:
        return Response(content, media_type=media_type, headers={"Cache-Control": "no-cache"})

    return page


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    config_path: str | Path | None = None,
    *,
    settings: ServerSettings | None = None,
    log_level: str = "info",
    trust_config: bool = False,
) -> None:
    """Load the config and plugins, then serve until interrupted (what
    ``factlint serve`` runs). Raises :class:`~factlint.errors.UsageError` for a bad
    config or registry before binding the port. ``trust_config`` lets a config found
    by walking up load the local plugins it lists."""
    import uvicorn

    settings = settings or ServerSettings()
    if settings.allowed_hosts is None or "*" not in settings.allowed_hosts:
        bound = tuple(h for h in (*LOOPBACK_HOSTS, host) if h not in ("0.0.0.0", "::"))
        settings = replace(settings, allowed_hosts=(*bound, *(settings.allowed_hosts or ())))
    app = create_app(
        config=load_config(config_path, trust=trust_config), config_path=config_file(config_path), settings=settings
    )
    shown = f"[{host}]" if ":" in host else host
    print(
        f"factlint {__version__}: checking page at http://{shown}:{port}/ (API under /v1, schema at /openapi.json)",
        flush=True,
    )
    desk = getattr(getattr(app, "state", None), "desk", None)
    if desk is not None and not desk.base.registry:
        # Said at start as on the page: the CLI's --registry examples would find more.
        where = desk.config_path or "no config file found, so the defaults"
        print(f"factlint: no registry ({where}): names are checked only against each other", flush=True)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level=log_level,
        access_log=False,
        server_header=False,
        http=_header_timeout_protocol(settings.header_timeout),
        timeout_keep_alive=settings.timeout_keep_alive,
        limit_concurrency=settings.limit_concurrency,
        h11_max_incomplete_event_size=settings.max_header_bytes,
    )


def _header_timeout_protocol(timeout: float) -> type:
    """uvicorn's h11 protocol, closing a connection that has not sent a request's
    headers within ``timeout`` seconds of opening (or of its last answer): uvicorn
    itself waits for ever, so idle or trickling connections pile up."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutProtocol(H11Protocol):
        _waiting_for: Any = None
        _timer: asyncio.TimerHandle | None = None

        def _arm(self) -> None:
            self._disarm()
            self._waiting_for = self.cycle  # a new cycle means the headers arrived
            self._timer = self.loop.call_later(timeout, self._expired)

        def _disarm(self) -> None:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

        def _expired(self) -> None:
            self._timer = None
            if self.cycle is self._waiting_for and not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._timer is not None and self.cycle is not self._waiting_for:
                self._disarm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return HeaderTimeoutProtocol

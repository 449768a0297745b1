"""The editor's desk: an HTTP API and a checking page, served by FastAPI.

One :class:`Desk` per server holds the plugin host, the registry and the base engine,
so plugins and registries are loaded once at start-up; each request is checked on a
worker thread with the rules and options of the server's config (a request may only
narrow the rule selection or raise the confidence floor). Nothing in a request can
name a file on the server.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field, field_validator

from .. import __version__
from ..checker import Checker
from ..claims_file import ClaimsFile
from ..config import Config, config_trusted, find_config_file, merge_file_config, read_config_file
from ..errors import UsageError
from ..models import Document, Finding, PublishedDate, Severity, Source, Summary
from ..planning import rule_info, rule_matches, unmatched_patterns
from ..results import crash_finding, make_report

__all__ = ["CheckRequest", "Desk", "ServerSettings", "create_app", "load_config", "serve"]

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


def load_config(config_path: str | Path | None = None, *, start: Path | None = None) -> Config:
    """The server's Config: ``config_path``, else the nearest factlint.toml (or
    ``[tool.factlint]``) at or above ``start`` (default: the current folder), else
    the defaults. Raises :class:`~factlint.errors.UsageError` for a bad file. A config
    found by walking up loads no local plugins unless ``FACTLINT_TRUST_CONFIG=1``."""
    path = Path(config_path) if config_path is not None else find_config_file(start or Path.cwd())
    if path is None:
        return Config()
    if not path.is_file():
        raise UsageError(f"--config: {path}: no such file")
    file_config, base = read_config_file(path, trusted=config_path is not None or config_trusted())
    return merge_file_config(file_config, base)


# ------------------------------------------------------------------ request models


def _rule_list(value: Any) -> Any:
    """``"a,b"`` or ``["a", "b,c"]`` become ``("a", "b", "c")``."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [p.strip() for item in value for p in item.split(",") if p.strip()]
    return value  # anything else fails validation, naming the field


class ArticleRequest(BaseModel):
    """An article to check or extract claims from."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The article: Markdown (front matter allowed), HTML or plain text.")
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
    )
    title: str | None = Field(None, max_length=2000, description="The headline, if not in the text.")
    select: list[str] = Field(
        default_factory=list,
        description="Run only these of the server's rules (ids or prefixes such as `name/`).",
    )
    ignore: list[str] = Field(default_factory=list, description="Do not run these rules (ids or prefixes).")
    min_confidence: float | None = Field(
        None, ge=0, le=1, description="Drop findings less sure than this (it can raise, not lower, the server's)."
    )

    @field_validator("text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        value = value.removeprefix("\ufeff")
        if not value.strip():
            raise ValueError("the article is empty: nothing to check")
        return value

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


class CheckRequest(ArticleRequest):
    """``POST /v1/check``: an article and how to check it."""


class CheckResponse(BaseModel):
    """The findings document of ``factlint check --format json``."""

    schema_version: int = Field(description="Always 1 for this version of the format.")
    findings: list[dict[str, Any]] = Field(
        description="Each finding: path, rule, severity, message, line, column, end_line, end_column, "
        "start, end, text, suggestion, confidence, related, fix, plugin, fingerprint."
    )
    errors: list[dict[str, Any]] = Field(description="Input problems (broken front matter, ...), one each.")
    summary: Summary


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

    def __init__(self, config: Config, settings: ServerSettings | None = None) -> None:
        self.settings = settings or ServerSettings()
        # The server never writes articles and checks text, not files: no fixes, no cache.
        self.config = config.model_copy(update={"fix": "off", "diff": False, "cache_dir": None, "verbose": False})
        self.base = Checker(self.config)
        if self.base.startup_errors:
            raise UsageError("; ".join(str(e) for e in self.base.startup_errors))
        self.host = self.base.host
        self.enabled = tuple(s.rule.id for s in self.base.rules)
        self._engines: OrderedDict[tuple[Any, ...], Checker] = OrderedDict()
        self._results: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=self.settings.workers, thread_name_prefix="factlint-check")
        self.load_crashes = [crash_finding(c.plugin, REQUEST_PATH, None, c.where, c.error) for c in self.host.crashes]

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
        engine = Checker(config, host=self.host, registry=self.base.registry)
        with self._lock:
            self._engines[key] = engine
            while len(self._engines) > self.settings.engine_cache:
                self._engines.popitem(last=False)
        return engine

    # -- work (runs on a worker thread)

    def _source(self, req: ArticleRequest) -> Source:
        suffix = self.host.suffix_for(req.format)
        if suffix is None:
            known = ", ".join(sorted(self.host.formats)) or "none"
            raise RequestProblem("format", f"unknown input format {req.format!r}; this server reads: {known}")
        return Source(path=REQUEST_PATH, suffix=suffix, text=req.text)

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

    def check(self, req: CheckRequest) -> str:
        """Check one article; returns the JSON document ``--format json`` writes."""
        engine = self.engine_for(req.select, req.ignore, req.min_confidence)
        key = self._result_key(engine, req)
        with self._lock:
            cached = self._results.get(key)
            if cached is not None:
                self._results.move_to_end(key)
                return cached
        body = self._check(engine, req)
        if self.settings.result_cache > 0:
            with self._lock:
                self._results[key] = body
                while len(self._results) > self.settings.result_cache:
                    self._results.popitem(last=False)
        return body

    def _result_key(self, engine: Checker, req: CheckRequest) -> str:
        rules = ",".join(s.rule.id for s in engine.rules)
        parts = (rules, str(engine.config.min_confidence), req.format, req.published or "", req.title or "", req.text)
        return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()

    def _check(self, engine: Checker, req: CheckRequest) -> str:
        document, findings, error = self._load(engine, req)
        findings = self.load_crashes + findings
        if document is not None:
            # Only fixes that hold are offered: Accept on the page applies them as they are.
            findings += engine.verify_fixes(self._source(req), document, engine.check_document(document).findings)
        report = make_report(findings, [error] if error else [], [REQUEST_PATH] if document is not None else [])
        # The same document as `factlint check --format json` writes.
        return json.dumps(report.json_data(), ensure_ascii=False, indent=2) + "\n"

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

        A thread cannot be stopped, so a check past its budget finishes in the
        background and its result is dropped; the pool's size bounds how many can.
        """
        future = asyncio.get_running_loop().run_in_executor(self.pool, fn, *args)
        try:
            return await asyncio.wait_for(future, self.settings.time_budget)
        except TimeoutError:
            raise HTTPException(
                503,
                f"the check took longer than this server's budget of {self.settings.time_budget:g} s; "
                "try a shorter article or try again later",
                headers={"Retry-After": "5"},
            ) from None


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


class _BodyLimit:
    """Answers 413 to a body over ``limit`` bytes before any of it is parsed.

    A declared Content-Length is refused at once; a chunked body is counted as it
    arrives and refused at the first chunk past the limit.
    """

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

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
        while True:
            message = await receive()
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
        desk = Desk(config if config is not None else load_config(config_path), settings)
    settings = desk.settings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        desk.pool.shutdown(wait=False, cancel_futures=True)

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
    app.add_middleware(_BodyLimit, limit=settings.max_body)
    app.add_middleware(_SecurityHeaders)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = jsonable_encoder(exc.errors(), custom_encoder={Exception: str})
        return JSONResponse({"detail": errors, "message": _validation_message(errors)}, status_code=422)

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
    async def check(req: CheckRequest) -> Response:
        """The findings in one article, exactly as `factlint check --format json` writes them
        (every `path` is `<request>`). Input problems, such as broken front matter, are in
        `errors`; the status is still 200."""
        body = await desk.run(desk.check, req)
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

    @app.get("/v1/rules", response_model=list[RuleOut], summary="List the rules")
    async def rules() -> list[dict[str, Any]]:
        """Every registered rule, its severity on this server, and whether it runs."""
        return [desk.rule(r) for r in sorted(desk.host.rules)]

    @app.get("/v1/rules/{rule_id:path}", response_model=RuleDoc, summary="One rule's documentation")
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

    pages = {
        "/": ("index.html", "text/html; charset=utf-8"),
        "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
        "/static/app.css": ("app.css", "text/css; charset=utf-8"),
    }
    for route, (name, media_type) in pages.items():
        app.add_api_route(route, _static_route(_static(name), media_type), methods=["GET"], include_in_schema=False)
    return app


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
) -> None:
    """Load the config and plugins, then serve until interrupted (what
    ``factlint serve`` runs). Raises :class:`~factlint.errors.UsageError` for a bad
    config or registry before binding the port."""
    import uvicorn

    app = create_app(config_path=config_path, settings=settings)
    shown = f"[{host}]" if ":" in host else host
    print(
        f"factlint {__version__}: checking page at http://{shown}:{port}/ (API under /v1, schema at /openapi.json)",
        flush=True,
    )
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False, server_header=False)

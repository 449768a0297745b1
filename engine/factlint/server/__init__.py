"""``factlint serve``: the checking page and HTTP API for editors.

This module stays importable without the ``server`` extra: FastAPI and uvicorn are
imported only when the server starts, so ``factlint`` itself starts as fast as before
and says what to install when they are missing.
"""

from __future__ import annotations

import argparse
import contextlib
import sys

from ..errors import ExitCode, PluginLoadError, UsageError

__all__ = ["add_serve_parser", "run_serve"]

MISSING_EXTRA = (
    "factlint: error: the server needs FastAPI and uvicorn: pip install fastapi uvicorn "
    "(in a clone of factlint: pip install -e '.[server]')"
)


def add_serve_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the ``serve`` subcommand to the ``factlint`` parser's subparsers."""
    serve = subparsers.add_parser("serve", help="serve the checking page and the HTTP API")
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument(
        "--config",
        metavar="FILE",
        help="config file with the rules, options and registries "
        "(default: the nearest factlint.toml from the current folder)",
    )
    serve.add_argument(
        "--trust-config",
        action="store_true",
        help="let a config found by walking up load the local plugins it lists (also FACTLINT_TRUST_CONFIG=1)",
    )
    serve.add_argument(
        "--max-body",
        type=int,
        default=2 * 1024 * 1024,
        metavar="BYTES",
        help="largest request accepted (default: 2 MB)",
    )
    serve.add_argument(
        "--time-budget",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="longest a check may take before the answer is 503 (default: 10)",
    )
    serve.add_argument("--workers", type=int, default=4, metavar="N", help="threads running checks (default: 4)")
    serve.add_argument(
        "--result-cache",
        type=int,
        default=256,
        metavar="N",
        help="recent answers kept for articles sent again unchanged; 0: none (default: 256)",
    )
    serve.add_argument(
        "--result-cache-bytes",
        type=int,
        default=64 * 1024 * 1024,
        metavar="BYTES",
        help="most memory those answers may take; a larger answer is not kept (default: 64 MB)",
    )
    serve.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also answer requests whose Host header names NAME ('*': any); repeatable "
        "(default: only 127.0.0.1, localhost, ::1 and --host)",
    )
    serve.add_argument(
        "--registry-writable",
        action="store_true",
        help="let the page add an accepted spelling to the config's YAML registry (POST /v1/registry/aliases)",
    )
    return serve


def run_serve(args: argparse.Namespace) -> int:
    """Run ``factlint serve`` with parsed arguments; returns the exit code.

    Without the ``server`` extra it prints one line saying what to install and
    returns 2. A bad config or registry raises :class:`~factlint.errors.UsageError`
    (or :class:`~factlint.registry.RegistryError`) before the port is bound.
    """
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        print(MISSING_EXTRA, file=sys.stderr)
        return ExitCode.INPUT_ERROR
    from .app import ServerSettings, serve

    for name, value in (("--max-body", args.max_body), ("--workers", args.workers)):
        if value < 1:
            raise UsageError(f"{name}: must be at least 1, got {value}")
    for name, value in (("--result-cache", args.result_cache), ("--result-cache-bytes", args.result_cache_bytes)):
        if value < 0:
            raise UsageError(f"{name}: must be 0 or more, got {value}")
    if args.time_budget <= 0:
        raise UsageError(f"--time-budget: must be more than 0, got {args.time_budget:g}")
    settings = ServerSettings(
        max_body=args.max_body,
        time_budget=args.time_budget,
        workers=args.workers,
        result_cache=args.result_cache,
        result_cache_bytes=args.result_cache_bytes,
        allowed_hosts=tuple(args.allow_host),
        registry_writable=args.registry_writable,
    )
    with contextlib.suppress(KeyboardInterrupt):
        serve(args.host, args.port, args.config, settings=settings, trust_config=args.trust_config)
    return ExitCode.OK


def main(argv: list[str] | None = None) -> int:
    """``python -m factlint.server``: the same as ``factlint serve``."""
    from ..registry import RegistryError

    parser = argparse.ArgumentParser(prog="factlint")
    add_serve_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["serve", *(sys.argv[1:] if argv is None else argv)])
    try:
        return run_serve(args)
    except (UsageError, RegistryError, PluginLoadError) as exc:
        print(f"factlint: error: {exc}", file=sys.stderr)
        return ExitCode.INPUT_ERROR

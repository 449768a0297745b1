"""``factlint facts``: build the compiled store, show what it covers, and check
fact files before they are used."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .config import Config
from .errors import ExitCode
from .plugins import PluginHost

if TYPE_CHECKING:  # the store loads only for `factlint facts`, not at every start
    from .facts import FactProblem

__all__ = ["add_facts_parser", "run_facts"]


def add_facts_parser(
    subparsers: argparse._SubParsersAction, add_plugin_options: object
) -> argparse.ArgumentParser:
    """Add ``facts build|show|check-file`` to the ``factlint`` command's subparsers;
    ``add_plugin_options`` adds the config and plugin flags to a parser."""
    p = subparsers.add_parser("facts", help="build, show and check the reference facts")
    actions = p.add_subparsers(dest="facts_command", metavar="ACTION", required=True)
    build = actions.add_parser(
        "build", help="compile the reference facts (the plugins', the config's and FILEs) into the cache"
    )
    build.add_argument("facts", nargs="*", metavar="FILE", help="more fact files, after the config's")
    build.add_argument(
        "--output", "-o", metavar="FILE", help="write the compiled SQLite here instead (for a plugin to ship)"
    )
    show = actions.add_parser("show", help="say which facts there are, how many, and through which date")
    show.add_argument("facts", nargs="*", metavar="FILE", help="more fact files, after the config's")
    for sub in (build, show):
        sub.add_argument(
            "--only", action="store_true", help="only the FILEs given, not the plugins' or the config's"
        )
    check = actions.add_parser("check-file", help="validate fact files: one line per problem, exit 2 if any")
    check.add_argument("files", nargs="+", metavar="FILE")
    for sub in (build, show):
        add_plugin_options(sub)  # type: ignore[operator]
    return p


def run_facts(args: argparse.Namespace, config: Config | None, out: TextIO, err: TextIO) -> int:
    """Run one ``factlint facts`` action; ``config`` is the run's (None for check-file)."""
    if args.facts_command == "check-file":
        return _check_files(args.files, out, err)
    assert config is not None
    files = list(args.facts) if getattr(args, "only", False) else _fact_files(config)
    if not files:
        err.write("factlint: error: no fact files: give FILEs, `facts = [...]` in the config, or a plugin's\n")
        return ExitCode.INPUT_ERROR
    if args.facts_command == "build":
        return _build(files, args.output, config, out, err)
    from .facts import FactStore

    store, problems = FactStore.load(files, cache_dir=_cache_dir(config))
    _print_problems(problems, err)
    out.write(f"{'kind':<14}{'facts':>8}  valid through\n")
    for kind, count, through in store.coverage():
        out.write(f"{kind:<14}{count:>8}  {through.isoformat() if through else '-'}\n")
    out.write(f"\nfrom {len(files)} file{'s' if len(files) != 1 else ''}:\n")
    for path in files:
        out.write(f"  {path}\n")
    return ExitCode.INPUT_ERROR if problems else ExitCode.OK


def _fact_files(config: Config) -> list[str]:
    host = PluginHost.for_config(config)
    return [*(path for _, path in host.fact_files), *config.facts]


def _cache_dir(config: Config) -> Path | None:
    return Path(config.cache_dir) / "facts" if config.cache_dir else None


def _build(files: list[str], output: str | None, config: Config, out: TextIO, err: TextIO) -> int:
    from .facts import FactStore

    began = time.perf_counter()
    if output is not None:
        problems = FactStore.compile(files, output)
        store = FactStore([Path(output)])
    else:
        # Built afresh: a cache still current would otherwise be reused as it is.
        store, problems = FactStore.load(files, cache_dir=_cache_dir(config), rebuild=True)
    seconds = time.perf_counter() - began
    _print_problems(problems, err)
    out.write(f"Compiled {len(store):,} facts from {len(files)} file{'s' if len(files) != 1 else ''} "
              f"into {', '.join(map(str, store.paths))} in {seconds:.2f} s.\n")
    return ExitCode.INPUT_ERROR if problems else ExitCode.OK


def _check_files(files: list[str], out: TextIO, err: TextIO) -> int:
    from .facts import read_fact_files

    facts, problems = read_fact_files(files)
    _print_problems(problems, err)
    if problems:
        err.write(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}; those facts would be left out.\n")
        return ExitCode.INPUT_ERROR
    out.write(f"{len(facts):,} facts in {len(files)} file{'s' if len(files) != 1 else ''}: all valid.\n")
    return ExitCode.OK


def _print_problems(problems: list[FactProblem], err: TextIO) -> None:
    for problem in problems:
        err.write(f"{problem}\n")

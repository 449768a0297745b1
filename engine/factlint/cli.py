"""The ``factlint`` command."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from pydantic import ValidationError

from .baseline import read_baseline, write_baseline
from .cache import default_cache_dir
from .checker import Checker
from .config import Config, config_trusted, find_config_file, merge_file_config, read_config_file
from .discovery import Skipped, discover, input_holding, read_source
from .errors import ExitCode, PluginLoadError, UsageError
from .facts_command import add_facts_parser, run_facts
from .models import InputError, PublishedDate, Report, Severity
from .planning import did_you_mean, missing_doc_headings, rule_doc, rule_info
from .plugins import PluginHost
from .registry import RegistryError
from .reporting import RenderContext
from .results import INPUT_ERROR, PLUGIN_ERROR
from .run import Run
from .scaffold import add_new_plugin_parser, run_new_plugin
from .server import add_serve_parser, run_serve
from .vcs import changed_files
from .version import PLUGIN_API, __version__

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse exits 2 too; keep its one-line form
        self.print_usage(sys.stderr)
        self.exit(ExitCode.INPUT_ERROR, f"factlint: error: {message}\n")


def _published(value: str) -> PublishedDate:
    try:
        return PublishedDate.parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc).splitlines()[-1].strip()) from None


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="factlint",
        description="A linter for the facts inside news articles: counts, dates and names that do not hold.",
    )
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser("check", help="check articles and report what does not hold")
    _add_input_options(check)
    check.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="FILE",
        help="a file the articles were written from (letter, release, transcript; any input format), "
        "checked against by the source/ rules; repeat for several",
    )
    check.add_argument(
        "--format",
        action="append",
        default=[],
        metavar="FORMAT",
        help="output format (default: text); `factlint formats` lists every one the loaded plugins offer; "
        "repeat with --output for several",
    )
    check.add_argument(
        "--output",
        action="append",
        default=[],
        metavar="FILE",
        help="write the matching --format to FILE instead of standard output",
    )
    check.add_argument(
        "--fail-on",
        choices=[s.value for s in Severity],
        default=None,
        help="exit 1 when a finding is at or above this severity (default: warning)",
    )
    check.add_argument(
        "--min-confidence", type=float, default=None, metavar="X", help="drop findings less sure than X (0 to 1)"
    )
    check.add_argument("--fix", action="store_true", help="apply safe fixes to the articles")
    check.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, apply unsafe fixes too (such as registry name corrections)",
    )
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in this baseline")
    check.add_argument("--write-baseline", metavar="FILE", help="record the findings of this run as a baseline")
    check.add_argument(
        "--changed-since", metavar="REF", help="check only articles changed since this git ref (and untracked ones)"
    )
    check.add_argument(
        "--cache-dir", metavar="DIR", help="where to keep the findings cache (default: the user cache folder)"
    )
    check.add_argument("--no-cache", action="store_true", help="check every file again; read and write no cache")
    check.add_argument(
        "--executor",
        choices=["local", "dask"],
        default="local",
        help="where to check: here (default) or on a Dask cluster",
    )
    check.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --executor dask: the scheduler's address (default: start a local cluster)",
    )
    check.add_argument(
        "--repo-consistency",
        action="store_true",
        help="also compare every article with the others (e.g. the repository's usual spelling of a name)",
    )
    check.add_argument(
        "-j", "--jobs", type=int, default=0, metavar="N", help="check in N processes (default: one per core)"
    )
    check.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    check.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text output (default: on a terminal)",
    )

    extract = sub.add_parser("extract", help="print the claims found in articles, as JSON")
    _add_input_options(extract)

    rules = sub.add_parser("rules", help="list every rule")
    rules.add_argument("--format", choices=["text", "json"], default="text")
    _add_plugin_options(rules)
    explain = sub.add_parser("explain", help="print a rule's documentation")
    explain.add_argument("rule", metavar="RULE")
    _add_plugin_options(explain)
    sub.add_parser("schema", help="print the JSON Schema of a claims file")
    add_serve_parser(sub)
    add_new_plugin_parser(sub)
    init = sub.add_parser("init", help="write a commented factlint.toml to start from")
    init.add_argument("path", nargs="?", default="factlint.toml", metavar="FILE")
    _add_plugin_options(sub.add_parser("plugins", help="list the plugins, their versions and what each registers"))
    _add_plugin_options(sub.add_parser("formats", help="list the input formats read and the output formats written"))
    add_facts_parser(sub, _add_plugin_options)
    return parser


def _add_plugin_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="config file (default: found by walking up from here)")
    p.add_argument("--no-config", action="store_true", help="ignore config files")
    p.add_argument(
        "--trust-config",
        action="store_true",
        help="let a config found by walking up load the local plugins it lists (also FACTLINT_TRUST_CONFIG=1)",
    )
    p.add_argument("--disable-plugin", action="append", default=[], metavar="NAME", help="do not load this plugin")
    p.add_argument(
        "--no-autoload", action="store_true", help="load only factlint's own plugins and those the config names"
    )


def _host(args: argparse.Namespace) -> PluginHost:
    return PluginHost.for_config(_config(args))


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="articles or directories (searched recursively)")
    p.add_argument(
        "--published",
        type=_published,
        metavar="DATE",
        help="publication date for every article, overriding each article's own: YYYY, YYYY-MM or YYYY-MM-DD",
    )
    p.add_argument(
        "--default-published",
        type=_published,
        metavar="DATE",
        help="publication date for the articles that give none of their own",
    )
    p.add_argument(
        "--registry",
        action="append",
        default=[],
        metavar="FILE",
        help="registry of entity names (YAML or CSV); repeat to merge",
    )
    p.add_argument(
        "--facts",
        action="append",
        default=[],
        metavar="FILE",
        help="reference facts (YAML, CSV or compiled SQLite): office terms, events, known names; repeatable",
    )
    p.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="RULES",
        help="run only these rules (ids or prefixes like name/, comma-separated)",
    )
    p.add_argument(
        "--ignore", action="append", default=[], metavar="RULES", help="do not run these rules (ids or prefixes)"
    )
    p.add_argument(
        "--include",
        action="append",
        default=[],
        metavar="GLOB",
        help="files to check inside directories "
        "(default: every suffix of the loaded input formats; `factlint plugins` lists them)",
    )
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="files or directories to skip")
    p.add_argument("--disable-plugin", action="append", default=[], metavar="NAME", help="do not load this plugin")
    p.add_argument(
        "--no-autoload",
        action="store_true",
        help="load only factlint's own plugins and those the config names (also FACTLINT_DISABLE_PLUGIN_AUTOLOAD=1)",
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        help="config file (default: factlint.toml, .factlint.toml or [tool.factlint] in pyproject.toml, "
        "found by walking up from the first PATH)",
    )
    p.add_argument("--no-config", action="store_true", help="ignore config files")
    p.add_argument(
        "--trust-config",
        action="store_true",
        help="let a config found by walking up load the local plugins it lists (also FACTLINT_TRUST_CONFIG=1)",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="say what was skipped and why")


def _config(args: argparse.Namespace, warn_to: TextIO | None = None) -> Config:
    """The config file's settings (found by walking up from the first path, or
    ``--config``), overridden by whatever was given on the command line.

    A config found by walking up loads no local plugins unless trusted
    (``--trust-config``, ``FACTLINT_TRUST_CONFIG=1``); ``warn_to`` (default: standard
    error) is told when it lists some.
    """
    def get(name: str, default: Any = ()) -> Any:
        return getattr(args, name, default)

    cli: dict[str, Any] = {
        "select": tuple(get("select")),
        "ignore": tuple(get("ignore")),
        "published": get("published", None),
        "default_published": get("default_published", None),
        "registries": tuple(get("registry")),
        "facts": tuple(get("facts")),
        "exclude": tuple(get("exclude")),
        "disable_plugins": tuple(get("disable_plugin")),
        "autoload": False if get("no_autoload", False) else None,
        "include": tuple(get("include")),
        "fail_on": get("fail_on", None),
        "min_confidence": get("min_confidence", None),
        "verbose": get("verbose", False) or None,
    }
    if args.command == "check":
        if args.repo_consistency:
            cli["repo_consistency"] = True
        if not args.no_cache:
            cli["cache_dir"] = args.cache_dir or str(default_cache_dir())
        if args.changed_since:
            cli["changed_only"] = frozenset(str(p) for p in changed_files(args.changed_since))
        for source in args.source:
            read = read_source(source)
            if isinstance(read, InputError):
                raise UsageError(f"--source {source}: {read.message}")
        cli["sources"] = tuple(args.source)
    if getattr(args, "fix", False) or getattr(args, "diff", False):
        cli["fix"] = "unsafe" if args.unsafe_fixes else "safe"
        cli["diff"] = bool(args.diff)
    config_path = Path(args.config) if args.config else None
    paths = get("paths", None)
    if config_path is None and not args.no_config:
        config_path = find_config_file(Path(paths[0]) if paths else Path.cwd())
    try:
        if config_path is not None:
            stream = warn_to or sys.stderr
            file_config, base = read_config_file(
                config_path,
                trusted=bool(args.config) or config_trusted(get("trust_config", False)),
                warn=lambda message: stream.write(f"factlint: warning: {message}\n"),
            )
            return merge_file_config(file_config, base, **cli)
        return Config(**{k: v for k, v in cli.items() if v not in (None, ())})
    except ValidationError as exc:
        err = exc.errors()[0]
        raise UsageError(f"{'.'.join(map(str, err['loc']))}: {err['msg']}") from None


def _print_errors(errors: Sequence[InputError], err: TextIO) -> None:
    for e in errors:
        line = e.line or 1
        col = e.column or 1
        err.write(f"{e.path}:{line}:{col}: error {INPUT_ERROR} {e.message}\n")


def _exit_code(report: Report, fail_on: Severity) -> ExitCode:
    if any(f.rule == PLUGIN_ERROR for f in report.findings):
        return ExitCode.PLUGIN_ERROR
    if report.errors:
        return ExitCode.INPUT_ERROR
    if any(f.severity.rank >= fail_on.rank for f in report.findings):
        return ExitCode.FINDINGS
    return ExitCode.OK


def _refuse_writing_inputs(
    args: argparse.Namespace, outputs: list[str], config: Config, include: Sequence[str]
) -> None:
    """Refuse, before anything is opened for writing, a file this run would write
    where it reads: opening an article for writing empties it before it is checked,
    and a report inside a checked folder is read as an article by the next run."""
    targets = [("--output", o) for o in outputs]
    if args.write_baseline:
        targets.append(("--write-baseline", args.write_baseline))
    for flag, target in targets:
        holder = input_holding(target, args.paths, config, include)
        if holder is None:
            continue
        if Path(holder).is_dir():
            raise UsageError(
                f"{flag}: {target} is inside {holder}, which is checked, and would be read as an article; "
                "write it elsewhere or --exclude it"
            )
        raise UsageError(f"{flag}: {target} is an article this run checks; write it elsewhere")


def _cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> ExitCode:
    config = _config(args, err)
    formats = args.format or ["text"]
    outputs = args.output or []
    if len(outputs) > len(formats):
        raise UsageError("--output: each --output needs a --format before it")
    pairs = [(fmt, outputs[i] if i < len(outputs) else None) for i, fmt in enumerate(formats)]
    if sum(1 for _, o in pairs if o is None) > 1:
        raise UsageError("--format: only one format can go to standard output; give --output FILE for the others")
    checker = Checker(config)
    for warning in checker.warnings:
        err.write(f"factlint: warning: {warning}\n")
    host = checker.host
    for fmt, _ in pairs:
        if fmt not in host.reporters:
            raise UsageError(f"--format: unknown format {fmt!r}; known: {', '.join(sorted(host.reporters))}")
    _refuse_writing_inputs(args, [o for _, o in pairs if o is not None], config, checker.plan.include)
    color = args.color == "always" or (args.color == "auto" and out.isatty() and "NO_COLOR" not in os.environ)
    rules = checker.plan.rule_infos()
    streams: list[TextIO] = []
    reporters = []
    try:
        for fmt, target in pairs:
            stream = out if target is None else open(target, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
            if target is not None:
                streams.append(stream)
            context = RenderContext(
                color=color and target is None, verbose=args.verbose, rules=rules, version=__version__
            )
            reporters.append(host.reporters[fmt](stream, context))

        show_progress = not args.quiet and err.isatty()
        done = [0]

        def document_done(path: str, findings: list) -> None:
            for reporter in reporters:
                reporter.document_done(path, findings)
            done[0] += 1
            if show_progress and done[0] % 25 == 0:
                err.write(f"\r{done[0]} articles checked…")
                err.flush()

        known = read_baseline(args.baseline) if args.baseline else None
        jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
        executor = None
        if args.executor == "dask":
            from .parallel import DaskRunner

            executor = DaskRunner(config, args.scheduler, workers=jobs)
        try:
            outcome = Run(checker=checker, jobs=jobs, executor=executor).execute(
                args.paths, on_document=document_done, baseline=known
            )
        finally:
            if executor is not None:
                executor.close()
        report = outcome.report
        if show_progress and done[0] >= 25:
            err.write("\r" + " " * 40 + "\r")
        if args.write_baseline:
            n = write_baseline(report, args.write_baseline)
            err.write(f"Wrote {n} findings to the baseline {args.write_baseline}.\n")
        withheld = _unsafe_fixes_withheld(report, checker)
        if config.diff:
            out.write("".join(outcome.diffs))
            would = f"{_plural(len(outcome.fixed), 'finding')} would be fixed in {_plural(len(outcome.diffs), 'file')}."
            err.write(f"{would}{withheld}\n")
            return ExitCode.FINDINGS if outcome.diffs else _exit_code(report, config.fail_on)
        if outcome.fixed:
            err.write(f"Fixed {_plural(len(outcome.fixed), 'finding')}.{withheld}\n")
        elif config.fix != "off":
            err.write(f"No fixes applied.{withheld}\n")
        _print_errors(report.errors, err)
        if args.verbose:
            for note in outcome.notes:
                err.write(f"note: {note}\n")
        for reporter in reporters:
            reporter.finish(report)
        for stream in streams:
            stream.flush()  # so that a full disk is reported here, not as a crash in close()
        if not args.quiet:
            s = report.summary
            for fmt, target in pairs:
                if target is not None:
                    err.write(
                        f"Wrote the {fmt} report to {target}: {_plural(s.findings, 'finding')} in "
                        f"{_plural(s.documents, 'document')}.\n"
                    )
    except BrokenPipeError:
        raise
    except OSError as exc:
        where = exc.filename or " and ".join(o for _, o in pairs if o is not None) or "the output"
        raise UsageError(f"--output: cannot write {where}: {exc.strerror or exc}") from None
    finally:
        for stream in streams:
            with contextlib.suppress(OSError):  # a failed write is reported above
                stream.close()
    return _exit_code(report, config.fail_on)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _unsafe_fixes_withheld(report: Report, checker: Checker) -> str:
    """Sentences saying how many findings this fix run left alone, and why: a fix
    left out as unsafe, or a suggestion with no fix (for a person to apply)."""
    unsafe = 0
    if checker.config.fix != "off":
        unsafe = sum(1 for f in report.findings if f.fix is not None and not checker.fix_allowed(f))
    by_hand = sum(1 for f in report.findings if f.fix is None and f.suggestion)
    said = ""
    if unsafe:
        said += f" {_plural(unsafe, 'finding')} {'has an unsafe fix' if unsafe == 1 else 'have unsafe fixes'}: " \
            "read, then add --unsafe-fixes to apply."
    if by_hand:
        said += f" {_plural(by_hand, 'finding')} {'has a suggestion' if by_hand == 1 else 'have suggestions'} " \
            "to apply by hand."
    return said


def _cmd_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> ExitCode:
    from .claims_file import claims_file_data

    config = _config(args, err)
    checker = Checker(config)
    documents = []
    errors: list[InputError] = []
    crashed = False
    for item in discover(args.paths, config, checker.plan.include):
        if isinstance(item, Skipped):
            if config.verbose:
                err.write(f"factlint: {item.path}: {item.reason}\n")
            continue
        source = item if isinstance(item, InputError) else read_source(item)
        if isinstance(source, InputError):
            errors.append(source)
            continue
        document, findings, error = checker.load(source)
        crashed |= bool(findings)
        if error is not None:
            errors.append(error)
        if document is None:
            continue
        claims, crashes = checker.extract(document)
        crashed |= bool(crashes)
        for f in crashes:
            err.write(f"{f.path}:1:1: error {f.rule} {f.message}\n")
        documents.append(claims_file_data(document, claims))
    _print_errors(errors, err)
    payload = documents[0] if len(documents) == 1 and len(args.paths) == 1 else documents
    json.dump(payload, out, ensure_ascii=False, indent=2)
    out.write("\n")
    if crashed:
        return ExitCode.PLUGIN_ERROR
    return ExitCode.INPUT_ERROR if errors else ExitCode.OK


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> ExitCode:
    host = _host(args)
    if args.format == "json":
        rows = [
            rule_info(cls, host.rule_plugins[rid]).model_dump(mode="json", exclude={"explanation"})
            for rid, cls in sorted(host.rules.items())
        ]
        json.dump(rows, out, indent=2)
        out.write("\n")
        return ExitCode.OK
    width = max((len(r) for r in host.rules), default=10)
    for rid, cls in sorted(host.rules.items()):
        fix = "  [fix: " + cls.fix_safety + "]" if cls.fix_safety else ""
        out.write(f"{rid:<{width}}  {Severity(cls.severity).value:<7}  {cls.summary}{fix}\n")
    out.write(f"\n{len(host.rules)} rules. `factlint explain RULE` prints one rule's documentation.\n")
    return ExitCode.OK


def _cmd_explain(args: argparse.Namespace, out: TextIO) -> ExitCode:
    host = _host(args)
    cls = host.rules.get(args.rule)
    if cls is None:
        known = sorted(host.rules)
        raise UsageError(f"unknown rule {args.rule!r}{did_you_mean(args.rule, known)}; known rules: {', '.join(known)}")
    out.write(f"# {cls.id}: {cls.summary}\n\n")
    out.write(f"Default severity: {Severity(cls.severity).value}. Plugin: {host.rule_plugins[cls.id]}. ")
    out.write(f"Reads: {', '.join(sorted(cls.requires)) or 'nothing'}. Fix: {cls.fix_safety or 'none'}.\n\n")
    doc = rule_doc(cls)
    plugin = host.rule_plugins[cls.id]
    out.write((doc or f"This rule has no documentation: plugin {plugin} gives its class no docstring.") + "\n")
    missing = missing_doc_headings(cls)
    if doc and missing:
        out.write(f"\n(This documentation lacks {', '.join('## ' + h for h in missing)}.)\n")
    return ExitCode.OK


def _cmd_schema(out: TextIO) -> ExitCode:
    from .claims_file import claims_file_schema

    json.dump(claims_file_schema(), out, indent=2, sort_keys=True)
    out.write("\n")
    return ExitCode.OK


def _cmd_formats(args: argparse.Namespace, out: TextIO) -> ExitCode:
    host = _host(args)
    out.write("Input formats (what `factlint check` reads; folders are searched for these suffixes):\n")
    for name, fmt in sorted(host.formats.items()):
        out.write(f"  {name:<12} {' '.join(fmt.suffixes):<36} plugin {host.format_plugins[name]}\n")
    out.write("\nOutput formats (`factlint check --format NAME`):\n")
    for name, cls in sorted(host.reporters.items()):
        out.write(f"  {name:<12} {getattr(cls, 'description', '')}  (plugin {host.reporter_plugins[name]})\n")
    return ExitCode.OK


def _cmd_plugins(args: argparse.Namespace, out: TextIO) -> ExitCode:
    host = _host(args)
    out.write(f"factlint {__version__}, plugin API {PLUGIN_API}\n\n")
    for info in sorted(host.infos.values(), key=lambda i: i.name):
        what = []
        if info.loaders:
            what.append("loads documents")
        for label, names in (
            ("extractors", info.extractors),
            ("claim kinds", info.claim_kinds),
            ("input formats", info.formats),
            ("rules", info.rules),
            ("output formats", info.reporters),
            ("mutators", info.mutators),
        ):
            if names:
                what.append(f"{label}: {', '.join(sorted(names))}")
        version = info.version or "?"
        dist = f" ({info.distribution} {version})" if info.distribution else f" {version}"
        api = f", plugin API {info.api}" if info.api else ""
        out.write(f"{info.name}{dist}  {info.module}  enabled{api}\n    {'; '.join(what) or 'registers nothing'}\n")
    for name, why in sorted(host.skipped.items()):
        out.write(f"{name}  not loaded ({why})\n")
    for crash in host.crashes:
        out.write(f"{crash.plugin}  FAILED in {crash.where}: {crash.error}\n")
    out.write(f"\n{len(host.infos)} plugins loaded.\n")
    return ExitCode.PLUGIN_ERROR if host.crashes else ExitCode.OK


STARTER_CONFIG = """\
# factlint configuration. Every key is optional; `factlint rules` lists rule ids.
# Command-line flags override what is here.

# Rules to run (ids or prefixes such as "name/"); empty means all of them.
select = []
# Rules not to run.
ignore = []

# Exit 1 when a finding is at or above this severity: "error", "warning" or "info".
fail-on = "warning"
# Drop findings less sure than this (0 to 1).
min-confidence = 0.0

# The newsroom's registries of names (YAML or CSV), relative to this file, merged in order.
registries = []
# Reference facts (YAML, CSV or SQLite; see `factlint facts`): office terms, dated events and
# known names, relative to this file.
facts = []
# Front-matter key holding the publication date (default: published, then date, then pubdate).
# front-matter-date-key = "published"

# Files to check inside directories, and files or folders to skip.
# include = ["*.md", "*.html", "*.txt"]
exclude = []

# House rules kept beside this file (Python files, relative to it). A config found by
# walking up from the articles loads them only with --trust-config or FACTLINT_TRUST_CONFIG=1.
plugins = []
# Installed plugins not to load (`factlint plugins` lists them).
disable-plugins = []
# Load every installed plugin (true), or only factlint's own and those named below (false).
# autoload = true
# enable-plugins = []

# Seconds checking one article may take before it is stopped and reported.
# document-timeout = 60
# The longest paragraph checked (characters); a longer one is an input error.
# max-paragraph-chars = 200000

# Per-rule severity ("error", "warning" or "info").
[severity]
# "name/registry" = "error"

# Per-rule options (see `factlint explain RULE`).
[options]

# Which fixes --fix applies: a rule's fixes made "safe" or "unsafe" (--unsafe-fixes).
[fix-safety]
# "name/registry" = "safe"

# Settings for some paths only; globs are relative to this file.
# [[overrides]]
# files = ["archive/**"]
# ignore = ["date/relative"]
"""


def _cmd_init(args: argparse.Namespace, out: TextIO) -> ExitCode:
    path = Path(args.path)
    if path.exists():
        raise UsageError(f"{path} already exists; not overwriting it")
    path.write_text(STARTER_CONFIG, encoding="utf-8")
    out.write(f"Wrote {path}. Edit it, then run `factlint check`.\n")
    return ExitCode.OK


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command; returns the exit code (see :class:`factlint.ExitCode`)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return int(exc.code or 0)
    try:
        if args.command == "check":
            return _cmd_check(args, out, err)
        if args.command == "extract":
            return _cmd_extract(args, out, err)
        if args.command == "rules":
            return _cmd_rules(args, out)
        if args.command == "explain":
            return _cmd_explain(args, out)
        if args.command == "schema":
            return _cmd_schema(out)
        if args.command == "plugins":
            return _cmd_plugins(args, out)
        if args.command == "formats":
            return _cmd_formats(args, out)
        if args.command == "init":
            return _cmd_init(args, out)
        if args.command == "serve":
            return run_serve(args)
        if args.command == "new-plugin":
            return run_new_plugin(args, out)
        if args.command == "facts":
            return run_facts(args, None if args.facts_command == "check-file" else _config(args), out, err)
        parser.print_help(out)
        return ExitCode.INPUT_ERROR
    except (UsageError, RegistryError, PluginLoadError) as exc:
        err.write(f"factlint: error: {exc}\n")
        return ExitCode.INPUT_ERROR
    except BrokenPipeError:
        # The reader went away (`factlint check ... | head`): stop quietly, as cat does.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return ExitCode.OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""Plugins cannot take the run down: a plugin that exits, yields the wrong thing,
registers the wrong thing or kills its worker process becomes an
``engine/plugin-error`` and the run finishes; a config found by walking up runs no
code unless the user trusts it."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import factlint
from factlint import ClaimBase, Document, Extractor, Rule, Severity
from factlint.checker import Checker
from factlint.cli import main
from factlint.config import Config
from factlint.errors import PluginLoadError
from factlint.models import Source
from factlint.plugins import PluginHost
from factlint.registry import Registry
from factlint.results import PLUGIN_ERROR
from factlint.run import Run

TEXT = "A Boom here. Quiet there."


class WordClaim(ClaimBase):
    """A test claim: one capitalised word."""

    kind: str = "faults.word"


class Words(Extractor):
    name = "faults-words"
    produces = frozenset({"faults.word"})

    def extract(self, document, claims):
        import re

        for m in re.finditer(r"\b[A-Z][a-z]+\b", document.text):
            yield WordClaim(id=f"w:{m.start()}", text=m.group(), span=document.span(m.start(), m.end()))


class Boom(Rule):
    """Flags the word Boom."""

    id = "faults/boom"
    summary = "Flags Boom"
    severity = Severity.ERROR
    requires = frozenset({"faults.word"})

    def check(self, context):
        for claim in context.claims.of_kind("faults.word"):
            if claim.text == "Boom":
                yield context.finding(claim.span, "Boom is loud.")


class TextLoader:
    @factlint.hookimpl
    def factlint_register_formats(self):
        return [factlint.InputFormat(name="faults-text", suffixes=(".txt",))]

    @factlint.hookimpl
    def factlint_load_document(self, source):
        return Document.from_text(source.text, path=source.path)


class Good:
    @factlint.hookimpl
    def factlint_register_rules(self):
        return [Boom]

    @factlint.hookimpl
    def factlint_register_extractors(self):
        return [Words]


def _rules(*rules: type[Rule]) -> object:
    class Plugin:
        @factlint.hookimpl
        def factlint_register_rules(self):
            return list(rules)

    return Plugin()


def _findings(*plugins: tuple[str, object]):
    host = PluginHost([("loader", TextLoader()), ("good", Good()), *plugins])
    checker = Checker(Config(), host=host, registry=Registry())
    result = checker.check_source(Source(path="a.txt", suffix=".txt", text=TEXT))
    assert result.error is None
    return result.findings


def _errors(findings):
    return [f for f in findings if f.rule == PLUGIN_ERROR]


# ------------------------------------------------------------------ exits inside plugins


@pytest.mark.parametrize("exc", [SystemExit(0), SystemExit("bye"), GeneratorExit()], ids=repr)
def test_a_rule_that_exits_becomes_a_plugin_error(exc: BaseException) -> None:
    class Exiting(Rule):
        """Exits."""

        id = "faults/exit"
        summary = "Exits"

        def check(self, context):
            raise exc

    findings = _findings(("exiting", _rules(Exiting)))
    [error] = _errors(findings)
    assert "'exiting'" in error.message and "faults/exit" in error.message
    assert type(exc).__name__ in error.message
    assert [f.rule for f in findings].count("faults/boom") == 1  # the others still ran


def test_an_extractor_and_a_loader_that_exit_become_plugin_errors() -> None:
    class ExitingExtractor(Extractor):
        name = "faults-exit"
        produces = frozenset({"faults.word"})

        def extract(self, document, claims):
            raise SystemExit(0)

    class ExitingLoader:
        @factlint.hookimpl
        def factlint_load_document(self, source):
            raise SystemExit(0)

    class Extracting:
        @factlint.hookimpl
        def factlint_register_extractors(self):
            return [ExitingExtractor]

    # "a-..." sorts before "loader": this loader is asked first, then the good one.
    findings = _findings(("a-exiting", ExitingLoader()), ("extracting", Extracting()))
    messages = [f.message for f in _errors(findings)]
    assert len(messages) == 2
    assert any("'a-exiting'" in m and "loading the document" in m and "SystemExit" in m for m in messages)
    assert any("'extracting'" in m and "extractor faults-exit" in m and "SystemExit" in m for m in messages)
    assert [f.rule for f in findings].count("faults/boom") == 1


def test_a_repository_rule_that_exits_becomes_a_plugin_error(tmp_path: Path) -> None:
    class Leaving(Rule):
        """Across articles: exits, and so does its choice of claims."""

        id = "faults/leaving"
        summary = "Leaves"
        requires = frozenset({"faults.word"})
        repository = True

        def check(self, context):
            return ()

        def keep_for_repository(self, claims):
            raise SystemExit(0)

        def check_repository(self, context):
            raise SystemExit(0)

    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    host = PluginHost([("loader", TextLoader()), ("good", Good()), ("leaving", _rules(Leaving))])
    checker = Checker(Config(repo_consistency=True), host=host, registry=Registry())
    report = Run(checker=checker).execute([str(tmp_path)]).report
    [error] = _errors(report.findings)
    assert error.path == "<repository>" and "faults/leaving" in error.message and "SystemExit" in error.message


def test_keyboard_interrupt_still_stops_the_run() -> None:
    class Interrupted(Rule):
        """The user pressed Ctrl-C while it ran."""

        id = "faults/interrupted"
        summary = "Interrupted"

        def check(self, context):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _findings(("interrupted", _rules(Interrupted)))


def test_plugin_exits_while_loading_or_configuring_are_crashes(tmp_path: Path) -> None:
    plugin = tmp_path / "leaving.py"
    plugin.write_text("import sys\nsys.exit(0)\n", encoding="utf-8")
    host = PluginHost.load(local=[str(plugin)])
    assert [(c.plugin, c.where) for c in host.crashes] == [("leaving", "import")]
    assert "SystemExit" in host.crashes[0].error

    class Configuring:
        @factlint.hookimpl
        def factlint_configure(self, config):
            raise SystemExit(0)

    host = PluginHost([("configuring", Configuring())])
    host.configure(Config())
    assert [(c.plugin, c.where) for c in host.crashes] == [("configuring", "factlint_configure")]


# ------------------------------------------------------------------ the wrong things given


def test_a_rule_yielding_a_non_finding_is_reported_once_and_its_findings_kept() -> None:
    class Stray(Rule):
        """Yields a finding, then strings."""

        id = "faults/stray"
        summary = "Stray"

        def check(self, context):
            yield context.finding(context.document.span(0, 1), "a real one")
            yield "not a finding"
            yield None

    findings = _findings(("stray", _rules(Stray)))
    [error] = _errors(findings)
    assert error.message == (
        "plugin 'stray' crashed in rule faults/stray: yielded 'not a finding', which is not a factlint.Finding"
    )
    assert [f.rule for f in findings if f.rule != PLUGIN_ERROR] == ["faults/stray", "faults/boom"]


def test_an_extractor_yielding_a_non_claim_and_a_loader_returning_a_non_document() -> None:
    class StrayExtractor(Extractor):
        name = "faults-stray"
        produces = frozenset({"faults.word"})

        def extract(self, document, claims):
            yield {"kind": "faults.word"}

    class Extracting:
        @factlint.hookimpl
        def factlint_register_extractors(self):
            return [StrayExtractor]

    class StrayLoader:
        @factlint.hookimpl
        def factlint_load_document(self, source):
            return source.text

    findings = _findings(("a-stray", StrayLoader()), ("extracting", Extracting()))
    messages = sorted(f.message for f in _errors(findings))
    assert messages == [
        "plugin 'a-stray' crashed in loading the document: returned 'A Boom here. Quiet there.', "
        "which is not a factlint.Document",
        "plugin 'extracting' crashed in extractor faults-stray: yielded {'kind': 'faults.word'}, "
        "which is not a factlint claim",
    ]
    assert [f.rule for f in findings].count("faults/boom") == 1


@pytest.mark.parametrize(
    "hook", ["rules", "extractors", "reporters", "formats", "claim_kinds", "mutators"]
)
@pytest.mark.parametrize("value", [Boom, "faults/boom", {"a": 1}, 42], ids=["class", "string", "dict", "int"])
def test_a_registering_hook_returning_a_non_list_is_a_load_error(hook: str, value: object) -> None:
    name = f"factlint_register_{hook}"
    if hook == "mutators" and isinstance(value, dict):
        value = "faults"  # a mapping is what mutators may return

    plugin = type("Returning", (), {name: factlint.hookimpl(lambda self: value)})()
    expected = f"plugin 'returning': {name} returned {value!r}; expected a list"
    with pytest.raises(PluginLoadError, match=re.escape(expected)):
        PluginHost([("returning", plugin)])


def test_the_command_reports_a_bad_registration_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "single.py").write_text(
        "import factlint\n\n@factlint.hookimpl\ndef factlint_register_rules():\n    return 'house/x'\n",
        encoding="utf-8",
    )
    config = 'plugins = ["single.py"]'
    proc = _factlint(["plugins", "--config", str(tmp_path / "factlint.toml")], tmp_path, config=config)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (
        "factlint: error: plugin 'single': factlint_register_rules returned 'house/x'; expected a list\n"
    )


def test_a_registering_hook_returning_none_registers_nothing() -> None:
    class Nothing:
        @factlint.hookimpl
        def factlint_register_rules(self):
            return None

    host = PluginHost([("nothing", Nothing())])
    assert host.crashes == [] and host.rules == {}


@pytest.mark.parametrize(
    ("hook", "value", "message"),
    [
        ("extractors", "dates", r"registered 'dates' as an extractor; expected a factlint.Extractor subclass"),
        ("extractors", Boom, r"registered <class .*Boom'> as an extractor"),
        ("extractors", type("Nameless", (Extractor,), {}), r"an extractor Nameless has no name"),
        ("reporters", "json", r"registered 'json' as an output format; expected a factlint.Reporter subclass"),
    ],
)
def test_a_registration_of_the_wrong_type_is_a_load_error(hook: str, value: object, message: str) -> None:
    name = f"factlint_register_{hook}"
    plugin = type("Wrong", (), {name: factlint.hookimpl(lambda self: [value])})()
    with pytest.raises(PluginLoadError, match=message):
        PluginHost([("wrong", plugin)])


# ------------------------------------------------------------------ the command, in a child process

_HOUSE = """\
import os
import re
import signal
import sys

import factlint

class House(factlint.Rule):
    \"\"\"Misbehaves on articles that say so.\"\"\"

    id = "house/faults"
    summary = "Misbehaves"

    def check(self, context):
        text = context.document.source
        if "EXIT0" in text:
            sys.exit(0)
        if "OSEXIT" in text:
            os._exit(7)
        if "SIGKILL" in text:
            os.kill(os.getpid(), signal.SIGKILL)
        if "SIGSEGV" in text:
            os.kill(os.getpid(), signal.SIGSEGV)
        while "HANG" in text:
            try:
                pass
            except Exception:
                pass
        return []

@factlint.hookimpl
def factlint_register_rules():
    return [House]
"""
_ARTICLE = "The letter was signed by four organizations: Amnesty, Oxfam and Care. Number {n}.\n"


def _project(tmp_path: Path, files: int = 12) -> Path:
    (tmp_path / "house.py").write_text(_HOUSE, encoding="utf-8")
    (tmp_path / "factlint.toml").write_text('plugins = ["house.py"]\n', encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    for n in range(files):
        (articles / f"a{n:02}.md").write_text(_ARTICLE.format(n=n), encoding="utf-8")
    return tmp_path


def _factlint(
    args: list[str], cwd: Path, timeout: float = 30, config: str | None = None
) -> subprocess.CompletedProcess[str]:
    if config is not None:
        (cwd / "factlint.toml").write_text(config + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "FACTLINT_TRUST_CONFIG"}
    return subprocess.run(
        [sys.executable, "-m", "factlint", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_a_rule_calling_sys_exit_0_does_not_pass_the_gate(tmp_path: Path) -> None:
    _project(tmp_path, files=1)
    (tmp_path / "articles" / "a00.md").write_text("EXIT0 here.\n", encoding="utf-8")
    proc = _factlint(["check", "articles", "--config", "factlint.toml", "--no-cache"], tmp_path)
    assert proc.returncode == 3, proc.stderr
    assert "articles/a00.md:1:1: error engine/plugin-error plugin 'house' crashed in rule house/faults: " \
        "SystemExit: 0" in proc.stdout
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("how", ["OSEXIT", "SIGKILL", "SIGSEGV"])
def test_a_worker_that_dies_is_reported_and_the_run_finishes(tmp_path: Path, how: str) -> None:
    _project(tmp_path)
    dead = tmp_path / "articles" / "a05.md"
    dead.write_text(f"{how} in this one.\n", encoding="utf-8")
    args = ["check", "articles", "--config", "factlint.toml", "--no-cache", "--format", "json"]
    proc = _factlint([*args, "-j", "2"], tmp_path)
    assert proc.returncode == 3, proc.stderr
    report = json.loads(proc.stdout)
    lost = [f for f in report["findings"] if f["path"] == "articles/a05.md"]
    assert [(f["rule"], f["message"].split(" (")[0]) for f in lost] == [
        (PLUGIN_ERROR, "the worker process checking this file died, and again when checked alone")
    ]
    # Every other file has the outcome a run in one process gives, in the same order.
    alone = _factlint([*args, "-j", "1", "--exclude", "a05.md"], tmp_path)
    others = [f for f in report["findings"] if f["path"] != "articles/a05.md"]
    assert others == json.loads(alone.stdout)["findings"]
    assert len(others) == 11


@pytest.mark.parametrize(
    "how",
    [
        ("-j", "1"),  # in this process, on its main thread: a timer signal
        ("-j", "2"),  # in worker processes
        pytest.param(("--executor", "dask", "-j", "2"), marks=pytest.mark.slow),  # on a worker's thread
    ],
    ids=["one-process", "workers", "dask"],
)
def test_a_document_over_its_time_budget_is_stopped(tmp_path: Path, how: tuple[str, ...]) -> None:
    _project(tmp_path)
    (tmp_path / "factlint.toml").write_text('plugins = ["house.py"]\ndocument-timeout = 0.5\n', encoding="utf-8")
    (tmp_path / "articles" / "a03.md").write_text("HANG here.\n", encoding="utf-8")
    args = ["check", "articles", "--config", "factlint.toml", "--no-cache", *how]
    proc = _factlint(args, tmp_path, timeout=60)
    assert proc.returncode == 3, proc.stderr
    [line] = [line for line in proc.stdout.splitlines() if "a03.md" in line]
    # Where the loop was interrupted: the line of the while, the try or the pass.
    assert re.fullmatch(
        r"articles/a03\.md:1:1: error engine/plugin-error checking this file took more than 0\.5 s "
        r"\(document-timeout\) and was stopped in house\.py:2[2-5]; the other files were checked",
        line,
    ), line
    assert proc.stdout.count("count/mismatch") == 11


def test_a_check_over_its_time_budget_on_another_thread_is_stopped(tmp_path: Path) -> None:
    """An API call from a thread of the caller's (no timer signal there)."""
    _project(tmp_path)
    script = (
        "import threading, time\n"
        "from factlint.api import check_text\n"
        "from factlint.config import Config\n"
        "config = Config(plugins=('house.py',), document_timeout=0.5)\n"
        "out = []\n"
        "t = threading.Thread(target=lambda: out.append(check_text('HANG here.', config=config)))\n"
        "start = time.monotonic(); t.start(); t.join(20)\n"
        "print([f.message.split(' and was')[0] for f in out[0].findings])\n"
        "print(time.monotonic() - start)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    messages, seconds = proc.stdout.splitlines()
    assert messages == "['checking this file took more than 0.5 s (document-timeout)']"
    assert float(seconds) < 10  # stopped, not left to hang until the join gives up


def test_the_time_budget_must_be_positive(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Quiet.\n", encoding="utf-8")
    proc = _factlint(["check", "a.md", "--no-cache"], tmp_path, config="document-timeout = 0")
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"factlint: error: {tmp_path / 'factlint.toml'}: document-timeout: ")


def test_a_healthy_run_in_processes_is_byte_identical(tmp_path: Path) -> None:
    _project(tmp_path)
    args = ["check", "articles", "--config", "factlint.toml", "--no-cache"]
    one, two = _factlint([*args, "-j", "1"], tmp_path), _factlint([*args, "-j", "2"], tmp_path)
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)
    assert one.returncode == 1 and one.stdout.count("count/mismatch") == 12


# ------------------------------------------------------------------ trusting a config


_MARKER = """\
from pathlib import Path

Path(__file__).with_name("imported.txt").write_text("imported")
"""


def _untrusted(tmp_path: Path) -> Path:
    (tmp_path / "marker.py").write_text(_MARKER, encoding="utf-8")
    (tmp_path / "factlint.toml").write_text('plugins = ["marker.py"]\n', encoding="utf-8")
    (tmp_path / "x").mkdir()
    article = tmp_path / "x" / "a.md"
    article.write_text("Quiet here.\n", encoding="utf-8")
    return article


def _main(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out=out, err=err)
    return int(code), out.getvalue(), err.getvalue()


@pytest.mark.parametrize("extra", [[], ["--no-autoload"]], ids=["autoload", "no-autoload"])
def test_a_config_found_by_walking_up_runs_no_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: list[str]
) -> None:
    monkeypatch.delenv("FACTLINT_TRUST_CONFIG", raising=False)
    article = _untrusted(tmp_path)
    code, out, err = _main(["check", str(article), "--no-cache", *extra])
    assert not (tmp_path / "imported.txt").exists()
    assert code == 0 and out == "No findings in 1 document.\n"
    assert err == (
        f"factlint: warning: {tmp_path / 'factlint.toml'}: the plugins it lists (marker.py) were not loaded: "
        "a config found by walking up runs no code unless trusted; give it with --config, or pass "
        "--trust-config (or set FACTLINT_TRUST_CONFIG=1)\n"
    )


@pytest.mark.parametrize("how", ["--trust-config", "env", "--config"])
def test_a_trusted_config_loads_its_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str) -> None:
    monkeypatch.delenv("FACTLINT_TRUST_CONFIG", raising=False)
    article = _untrusted(tmp_path)
    args = ["check", str(article), "--no-cache"]
    if how == "env":
        monkeypatch.setenv("FACTLINT_TRUST_CONFIG", "1")
    elif how == "--config":
        args += ["--config", str(tmp_path / "factlint.toml")]
    else:
        args.append(how)
    code, _out, err = _main(args)
    assert (tmp_path / "imported.txt").exists()
    assert code == 0 and err == ""


def test_the_server_does_not_trust_a_config_it_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("fastapi")
    from factlint.server.app import load_config

    monkeypatch.delenv("FACTLINT_TRUST_CONFIG", raising=False)
    article = _untrusted(tmp_path)
    assert load_config(start=article.parent).plugins == ()
    assert "were not loaded" in capsys.readouterr().err
    assert load_config(tmp_path / "factlint.toml").plugins == (str(tmp_path / "marker.py"),)
    assert load_config(start=article.parent, trust=True).plugins == (str(tmp_path / "marker.py"),)
    monkeypatch.setenv("FACTLINT_TRUST_CONFIG", "1")
    assert load_config(start=article.parent).plugins == (str(tmp_path / "marker.py"),)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("trust", [False, True], ids=["found", "trusted"])
def test_serve_loads_a_found_config_s_plugins_only_with_the_trust_flag(tmp_path: Path, trust: bool) -> None:
    pytest.importorskip("uvicorn")
    article = _untrusted(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "FACTLINT_TRUST_CONFIG"}
    argv = [sys.executable, "-m", "factlint", "serve", "--port", "0", *(["--trust-config"] if trust else [])]
    server = subprocess.Popen(
        argv, cwd=article.parent, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert server.stdout is not None
        assert server.stdout.readline().startswith("factlint ")  # plugins are loaded before this line
    finally:
        server.terminate()
        server.communicate(timeout=10)
    assert (tmp_path / "imported.txt").exists() is trust


def test_the_trust_flag_is_documented() -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "--trust-config" in readme
    for page in ("usage.md", "configuration.md"):
        text = (root / "docs" / page).read_text(encoding="utf-8")
        assert "--trust-config" in text and "FACTLINT_TRUST_CONFIG" in text, page

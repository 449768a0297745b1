"""The plugin author's kit: factlint.testing, the scaffold, the plugin docs, and the
documented behaviour of incompatible, clashing, crashing and local plugins."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pydantic
import pytest

import factlint
from factlint import hookspecs
from factlint.cli import main
from factlint.errors import PluginLoadError
from factlint.plugins import PluginHost
from factlint.scaffold import render, write_plugin
from factlint.testing import (
    assert_findings,
    builtin_plugins,
    check,
    check_golden,
    factlint_engine,  # noqa: F401  (the fixture, opted in for this module)
    golden_cases,
    mutation_report,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "plugins.md"
COUNTS = builtin_plugins(["counts", "count-checks"])
COUNT_TEXT = "The letter was signed by four organizations: B'Tselem, Yesh Din and Adalah."


@pytest.fixture(autouse=True)
def _trusted_configs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The projects made here are the user's own: their configs may load local plugins."""
    monkeypatch.setenv("FACTLINT_TRUST_CONFIG", "1")


def _run(argv: list[str], cwd: Path | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = Path.cwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        code = main(argv, out=out, err=err)
    finally:
        os.chdir(old)
    return int(code), out.getvalue(), err.getvalue()


# ----------------------------------------------------------------- the docs


def _hook_signature(name: str) -> str:
    import inspect

    params = inspect.signature(getattr(hookspecs, name)).parameters
    return f"{name}({', '.join(f'{p.name}: {p.annotation}' for p in params.values())})"


@pytest.mark.parametrize("hook", [n for n in dir(hookspecs) if n.startswith("factlint_")])
def test_every_hook_is_documented_with_its_full_signature(hook: str) -> None:
    assert _hook_signature(hook) in DOCS.read_text(encoding="utf-8"), f"docs/plugins.md lacks `{_hook_signature(hook)}`"


def _public_fields() -> list[tuple[str, str]]:
    out = []
    for name in factlint.__all__:
        obj = getattr(factlint, name)
        if isinstance(obj, type) and issubclass(obj, pydantic.BaseModel):
            out.extend((name, f) for f in obj.model_fields)
    return out


@pytest.mark.parametrize("model,field", _public_fields())
def test_every_public_model_field_is_documented(model: str, field: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert f"`{model}`" in text, f"docs/plugins.md does not document {model}"
    assert re.search(rf"`{re.escape(field)}`", text), f"docs/plugins.md does not name {model}.{field}"


def test_docs_cover_the_rest_of_the_kit() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for needle in ("FACTLINT_PLUGIN_API", "warn_on_impl", "factlint new-plugin", "factlint.testing",
                   "--disable-plugin", "--no-autoload", "FACTLINT_DISABLE_PLUGIN_AUTOLOAD=1",
                   'plugins = ["house_rules.py"]', "--factlint-update", "CheckContext", "ClaimSet"):
        assert needle in text, needle


# --------------------------------------------------------- factlint.testing


def test_assert_findings_matches_pairs_and_dicts() -> None:
    assert_findings(COUNT_TEXT, [("count/mismatch", "four organizations")], plugins=COUNTS)
    assert_findings(COUNT_TEXT, [{"rule": "count/mismatch", "suggestion": "three organizations"}], plugins=COUNTS)


def test_assert_findings_explains_a_mismatch() -> None:
    with pytest.raises(AssertionError) as info:
        assert_findings(COUNT_TEXT, [("count/mismatch", "Adalah")], plugins=COUNTS)
    message = str(info.value)
    assert "expected but not found" in message and "found but not expected" in message
    assert "'four organizations'" in message and "States 4 organizations but lists 3." in message


def test_the_engine_fixture_has_only_the_plugins_under_test(factlint_engine) -> None:  # noqa: F811
    engine = factlint_engine(plugins=COUNTS, select=["count/"])
    assert [s.rule.id for s in engine.rules] == ["count/mismatch"]
    assert set(engine.host.infos) == {"counts", "count-checks", "markdown", "html", "text"}
    assert [f.rule for f in check(engine, COUNT_TEXT, format="text")] == ["count/mismatch"]


def test_golden_runner_writes_then_compares(tmp_path: Path) -> None:
    (tmp_path / "case.md").write_text(f"---\nexpect: [count/mismatch]\n---\n{COUNT_TEXT}\n", encoding="utf-8")
    [case] = golden_cases(tmp_path, plugins=COUNTS)
    with pytest.raises(pytest.fail.Exception, match="--factlint-update"):
        check_golden(case)
    check_golden(case, update=True)
    expected = json.loads(case.expected_path.read_text(encoding="utf-8"))
    assert [f["rule"] for f in expected] == ["count/mismatch"]
    check_golden(case)
    expected[0]["message"] = "something else"
    case.expected_path.write_text(json.dumps(expected), encoding="utf-8")
    with pytest.raises(AssertionError, match="findings differ"):
        check_golden(case)


def test_mutation_report_measures_each_kind() -> None:
    texts = [
        ("The letter was signed by three organizations: B'Tselem, Yesh Din and Adalah. "
         "It was sent on Wednesday, September 2, 2015.", "2015-09-10"),
    ]
    report = mutation_report(texts, plugins=builtin_plugins(["counts", "count-checks", "dates", "date-checks"]),
                             kinds=("count", "date"))
    assert report.kinds["count"].mutations >= 2 and report.kinds["count"].recall == 1.0
    assert report.kinds["date"].mutations >= 1 and report.kinds["date"].precision == 1.0
    assert "precision" in str(report)


# ---------------------------------------------- plugins behaving badly or well


def _rule_plugin(rule_id: str, *, crash: bool = False) -> types.SimpleNamespace:
    class Flag(factlint.Rule):
        """A test rule.

        ## What it flags
        ## Why it matters
        ## Example
        ## Use instead
        ## Fix safety
        ## Options
        """

        id = rule_id
        summary = "a test rule"

        def check(self, context):
            if crash:
                raise RuntimeError("boom")
            return []

    @factlint.hookimpl
    def factlint_register_rules():
        return [Flag]

    return types.SimpleNamespace(factlint_register_rules=factlint_register_rules)


def test_duplicate_rule_id_names_both_plugins() -> None:
    with pytest.raises(PluginLoadError, match=r"'first'.*'second'"):
        PluginHost([("first", _rule_plugin("house/x")), ("second", _rule_plugin("house/x"))])


_LOCAL = """
import factlint
{api}

class Rule(factlint.Rule):
    '''A house rule.

    ## What it flags
    ## Why it matters
    ## Example
    ## Use instead
    ## Fix safety
    ## Options
    '''
    id = "{rule}"
    summary = "a house rule"
    requires = frozenset({{"count"}})

    def check(self, context):
        {body}
        for claim in context.claims.of_kind("count"):
            yield context.finding(claim.span, "a count")

@factlint.hookimpl
def factlint_register_rules():
    return [Rule]
"""


def _project(tmp_path: Path, plugins: dict[str, str], named: list[str]) -> Path:
    for name, source in plugins.items():
        (tmp_path / name).write_text(textwrap.dedent(source), encoding="utf-8")
    (tmp_path / "factlint.toml").write_text(f"plugins = {json.dumps(named)}\n", encoding="utf-8")
    (tmp_path / "article.md").write_text(COUNT_TEXT + "\n", encoding="utf-8")
    return tmp_path


def _local(rule: str, *, api: str = "", body: str = "pass") -> str:
    return _LOCAL.format(rule=rule, api=f"FACTLINT_PLUGIN_API = {api!r}" if api else "", body=body)


def test_local_plugin_from_config_runs(tmp_path: Path) -> None:
    _project(tmp_path, {"house_rules.py": _local("house/count")}, ["house_rules.py"])
    code, out, _ = _run(["check", "article.md", "--format", "json", "--no-cache"], cwd=tmp_path)
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert code == 1 and "house/count" in rules and "count/mismatch" in rules
    code, out, _ = _run(
        ["check", "article.md", "--format", "json", "--no-cache", "--disable-plugin", "house_rules"], cwd=tmp_path
    )
    assert "house/count" not in [f["rule"] for f in json.loads(out)["findings"]]


def test_local_plugin_is_loaded_only_when_the_config_names_it(tmp_path: Path) -> None:
    _project(tmp_path, {"house_rules.py": _local("house/count"), "other.py": "raise SystemExit('imported!')\n"},
             ["house_rules.py"])
    _code, out, err = _run(["check", "article.md", "--format", "json", "--no-cache"], cwd=tmp_path)
    assert "imported!" not in out + err
    _code, out, _ = _run(["plugins"], cwd=tmp_path)
    assert "house_rules" in out and "other" not in out.split()


def test_incompatible_plugin_is_refused_with_exit_3(tmp_path: Path) -> None:
    _project(tmp_path, {"future.py": _local("house/future", api=">=2")}, ["future.py"])
    code, out, _ = _run(["check", "article.md", "--format", "json", "--no-cache"], cwd=tmp_path)
    findings = json.loads(out)["findings"]
    errors = [f for f in findings if f["rule"] == "engine/plugin-error"]
    assert code == 3 and errors and "needs factlint plugin API >=2" in errors[0]["message"]
    assert "house/future" not in [f["rule"] for f in findings]
    assert "count/mismatch" in [f["rule"] for f in findings]


def test_duplicate_rule_from_two_local_plugins_is_a_load_error(tmp_path: Path) -> None:
    _project(tmp_path, {"one.py": _local("house/same"), "two.py": _local("house/same")}, ["one.py", "two.py"])
    code, _, err = _run(["check", "article.md", "--no-cache"], cwd=tmp_path)
    assert code == 2 and "'one'" in err and "'two'" in err and "house/same" in err


def test_crashing_plugin_is_a_finding_and_the_rest_still_runs(tmp_path: Path) -> None:
    _project(tmp_path, {"broken.py": _local("house/broken", body="raise RuntimeError('boom')")}, ["broken.py"])
    code, out, _ = _run(["check", "article.md", "--format", "json", "--no-cache"], cwd=tmp_path)
    findings = json.loads(out)["findings"]
    crash = [f for f in findings if f["rule"] == "engine/plugin-error"]
    assert code == 3 and crash and crash[0]["plugin"] == "broken" and "boom" in crash[0]["message"]
    assert "count/mismatch" in [f["rule"] for f in findings]


# ------------------------------------------------------------------ scaffold


def test_scaffold_renders_a_complete_package(tmp_path: Path) -> None:
    files = render("house-style")
    assert 'house-style = "factlint_house_style"' in files["pyproject.toml"]
    assert "FACTLINT_PLUGIN_API" in files["src/factlint_house_style/__init__.py"]
    rules = files["src/factlint_house_style/rules.py"]
    for heading in ("What it flags", "Why it matters", "Example", "Use instead", "Fix safety", "Options"):
        assert f"## {heading}\n" in rules
    write_plugin("house-style", tmp_path / "pkg")
    # Its tests pass with this environment's factlint, before any install.
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "pkg" / "src")}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=tmp_path / "pkg",
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_scaffold_refuses_a_bad_name_or_a_full_folder(tmp_path: Path) -> None:
    from factlint.scaffold import main as scaffold

    assert scaffold(["Bad_Name", "--directory", str(tmp_path / "x")]) == 2
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "file").write_text("x")
    assert scaffold(["ok", "--directory", str(tmp_path / "full")]) == 2


@pytest.mark.slow
def test_new_plugin_in_a_fresh_environment(tmp_path: Path) -> None:
    """factlint installed in a fresh venv; `factlint new-plugin demo`; the plugin
    installed; its own tests pass with the venv's pytest; `factlint check` runs it."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    py = str(bin_dir / "python")

    def run(*args: str, cwd: Path = tmp_path) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        done = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True, timeout=900, env=env)
        return done

    def ok(*args: str, cwd: Path = tmp_path) -> str:
        done = run(*args, cwd=cwd)
        assert done.returncode == 0, f"{args}: {done.stdout}\n{done.stderr}"
        return done.stdout

    ok(py, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-e", str(ROOT), "pytest")
    factlint_cmd = str(bin_dir / "factlint")
    if run(factlint_cmd, "new-plugin", "--help").returncode == 0:
        ok(factlint_cmd, "new-plugin", "demo")
    else:  # an install whose command is not wired yet: the same code, by module
        ok(py, "-m", "factlint.scaffold", "demo")
    plugin = tmp_path / "factlint-demo"
    ok(py, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-e", str(plugin))
    ok(str(bin_dir / "pytest"), "-q", "-p", "no:cacheprovider", cwd=plugin)
    listing = ok(factlint_cmd, "plugins")
    assert "demo" in listing and "demo/absolute-degree" in listing
    article = tmp_path / "article.md"
    article.write_text("The result was very unique.\n", encoding="utf-8")
    done = run(factlint_cmd, "check", str(article), "--format", "json", "--fail-on", "info", "--no-cache")
    assert done.returncode == 1, done.stdout + done.stderr
    assert [f["rule"] for f in json.loads(done.stdout)["findings"]] == ["demo/absolute-degree"]


# ----------------------------------------------- rules on factlint's own claims


class ShoutedName(factlint.Rule):
    """Flags a name of several words written in capitals (the example of docs/plugins.md).

    ## What it flags
    "JOHN SMITH".

    ## Why it matters
    House style.

    ## Example
    Police said JOHN SMITH had left.

    ## Use instead
    John Smith.

    ## Fix safety
    No fix.

    ## Options
    None.
    """

    id = "house/shouted-name"
    summary = "A name in capitals"
    requires = frozenset({"entity"})

    def check(self, ctx):
        for claim in ctx.claims.of_kind("entity"):
            if " " in claim.name and claim.name.isupper():
                yield ctx.finding(claim.span, f"Write {claim.name.title()} in normal case.")


class House:
    @factlint.hookimpl
    def factlint_register_rules(self):
        return [ShoutedName]


def test_a_rule_on_built_in_entity_claims_gets_their_extractor(factlint_engine) -> None:  # noqa: F811
    engine = factlint_engine(plugins=[("house", House())])
    assert [name for name, _ in engine.extractors] == ["entities"]
    assert [f.text for f in check(engine, "Police said JOHN SMITH had left.")] == ["JOHN SMITH"]
    assert_findings("Police said JOHN SMITH had left.", [("house/shouted-name", "JOHN SMITH")],
                    plugins=[("house", House())])


def test_a_rule_whose_claims_nothing_extracts_is_named_in_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("Quiet.\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    main(["check", "--no-cache", "--no-config", "--disable-plugin", "entities", "--select", "name/variant",
          str(tmp_path / "a.md")], out=out, err=err)
    assert err.getvalue().startswith(
        "factlint: warning: rule name/variant reads entity claims, which no loaded plugin extracts: it will find "
        "nothing in articles"
    )


class Terse(factlint.Rule):
    id = "house/terse"
    summary = "No docs"


class Brief(factlint.Rule):
    """Flags nothing.

    ## What it flags
    Nothing.
    """

    id = "house/brief"
    summary = "Some docs"


class Sparse:
    @factlint.hookimpl
    def factlint_register_rules(self):
        return [Terse, Brief]


def test_a_rule_without_its_documentation_is_named_in_a_warning() -> None:
    host = PluginHost([("sparse", Sparse())])
    engine = factlint.Checker(factlint.Config(), host=host)
    assert engine.warnings == [
        "rule house/brief (plugin sparse) is not documented: its docstring lacks ## Why it matters, ## Example, "
        "## Use instead, ## Fix safety, ## Options (factlint explain shows what a user gets)",
        "rule house/terse (plugin sparse) is not documented: its docstring lacks ## What it flags, ## Why it "
        "matters, ## Example, ## Use instead, ## Fix safety, ## Options (factlint explain shows what a user gets)",
    ]


def test_explain_offers_the_closest_rule_id() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(["explain", "count/missmatch"], out=out, err=err) == 2
    assert err.getvalue().startswith(
        "factlint: error: unknown rule 'count/missmatch' (did you mean 'count/mismatch'?); known rules: "
    )


def test_a_misspelt_rule_option_is_named_with_the_closest(tmp_path: Path) -> None:
    (tmp_path / "factlint.toml").write_text('[options."count/mismatch"]\nmin_list_confidnce = 0.5\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("Quiet.\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--no-cache", "--config", str(tmp_path / "factlint.toml"), str(tmp_path / "a.md")],
                out=out, err=err)
    assert code == 2
    assert err.getvalue() == (
        "factlint: error: options for rule count/mismatch: unknown option 'min_list_confidnce' (did you mean "
        "'min_list_confidence'?); its options: check_other_mentions, min_list_confidence\n"
    )


def test_explain_says_when_a_rule_has_no_documentation(tmp_path: Path) -> None:
    (tmp_path / "terse.py").write_text(
        "import factlint\n\n\nclass Terse(factlint.Rule):\n    id = 'house/terse'\n    summary = 'No docs'\n\n\n"
        "@factlint.hookimpl\ndef factlint_register_rules():\n    return [Terse]\n",
        encoding="utf-8",
    )
    (tmp_path / "factlint.toml").write_text('plugins = ["terse.py"]\n', encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["explain", "house/terse", "--config", str(tmp_path / "factlint.toml")], out=out, err=err) == 0
    assert out.getvalue().endswith("This rule has no documentation: plugin terse gives its class no docstring.\n")

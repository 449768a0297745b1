"""Every public thing a plugin author relies on is documented."""

from __future__ import annotations

import ast
import contextlib
import inspect
import io
import json
import re
from pathlib import Path

import pytest

import factlint
from factlint import hookspecs
from factlint.api import check_text
from factlint.cli import main
from factlint.plugins import PluginHost, shared_host
from factlint.rules import RULE_DOC_HEADINGS

ROOT = Path(__file__).resolve().parent.parent
HOST = PluginHost.load()


def _hooks() -> list[str]:
    return [n for n in dir(hookspecs) if n.startswith("factlint_")]


@pytest.mark.parametrize("hook", _hooks())
def test_every_hook_has_a_contract(hook: str) -> None:
    doc = inspect.getdoc(getattr(hookspecs, hook)) or ""
    assert len(doc) > 80, f"{hook} needs a docstring that says when it is called and what it returns"


@pytest.mark.parametrize("rule_id", sorted(HOST.rules))
def test_every_rule_documents_itself(rule_id: str) -> None:
    cls = HOST.rules[rule_id]
    doc = inspect.cleandoc(cls.__doc__ or "")
    positions = []
    for heading in RULE_DOC_HEADINGS:
        marker = f"## {heading}\n"
        assert marker in doc, f"{rule_id}: docstring lacks '## {heading}'"
        positions.append(doc.index(marker))
    assert positions == sorted(positions), f"{rule_id}: headings out of order"
    assert cls.summary and "\n" not in cls.summary


@pytest.mark.parametrize("name", factlint.__all__)
def test_every_public_name_has_a_docstring(name: str) -> None:
    obj = getattr(factlint, name)
    if isinstance(obj, str):
        return
    assert inspect.getdoc(obj), f"factlint.{name} has no docstring"


def test_the_engine_imports_nothing_from_plugins() -> None:
    for path in (ROOT / "engine" / "factlint").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for n in names:
                assert not n.startswith("factlint_plugins"), f"{path.name} imports {n}"


def test_built_in_plugins_import_only_the_public_api() -> None:
    public = set(factlint.__all__)
    for path in (ROOT / "plugins" / "factlint_plugins").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                and node.module.startswith("factlint")
                and not node.module.startswith("factlint_plugins")
            ):
                assert node.module == "factlint", f"{path.name} imports from {node.module}"
                for alias in node.names:
                    assert alias.name in public, f"{path.name} imports factlint.{alias.name}, not public"


def _readme_rule_tables() -> dict[str, str]:
    """Rule id to its ``fix`` column, from every table of the README's "The rules"."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## The rules\n", 1)[1].split("\n## ", 1)[0]
    rows = re.finditer(r"^\| `(?P<id>[^`]+)` \|.*\| (?P<fix>[^|]*?) \|$", section, re.MULTILINE)
    return {m["id"]: m["fix"] for m in rows}


def test_the_readme_rule_tables_list_every_rule_with_its_fix_safety() -> None:
    out = io.StringIO()
    # factlint's own rules only: a plugin installed beside it has its own README.
    assert main(["rules", "--format", "json", "--no-autoload", "--no-config"], out=out, err=io.StringIO()) == 0
    listed = {r["id"]: r["fix"] or "none" for r in json.loads(out.getvalue())}
    documented = _readme_rule_tables()
    assert sorted(documented) == sorted(listed), "README.md \"## The rules\" and `factlint rules` disagree"
    assert documented == listed, "a fix column in README.md disagrees with the rule's fix_safety"


def test_the_configuration_reference_is_generated_from_the_model() -> None:
    from factlint.config import config_reference

    text = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    block = text.split("<!-- generated: config reference -->\n", 1)[1].split("<!-- end generated -->", 1)[0]
    assert block == config_reference(), "docs/configuration.md is out of date: paste config_reference() into it"


def test_the_starter_config_names_every_key() -> None:
    from factlint.cli import STARTER_CONFIG
    from factlint.config import FileConfig

    for name in FileConfig.model_fields:
        key = name.replace("_", "-")
        assert f"{key} =" in STARTER_CONFIG or f"[{key}]" in STARTER_CONFIG or f"[[{key}]]" in STARTER_CONFIG, key


def _example(rule_id: str) -> tuple[str, str] | None:
    """The text of a rule's documented example and the message shown under it."""
    from factlint.planning import rule_doc
    from factlint.plugins import shared_host

    doc = rule_doc(shared_host().rules[rule_id])
    m = re.search(r"## Example\n+```\w*\n(.*?)\n```\n+(.+?)\n", doc, re.S)
    return (m.group(1), m.group(2).strip()) if m else None


@pytest.mark.parametrize("rule_id", sorted(shared_host().rules))
def test_a_documented_example_message_is_the_one_the_rule_gives(rule_id: str) -> None:
    example = _example(rule_id)
    if example is None or example[1].startswith(("#", "(", "`")):
        pytest.skip("no example message under the example text")
    text, message = example
    findings = check_text(text, format="text", select=[rule_id], published="2022-12").findings
    if not findings:
        pytest.skip("the example needs what the doc describes around it (a registry, sources, facts)")
    assert message in [f.message for f in findings], [f.message for f in findings]


def test_factlint_formats_lists_every_format_and_the_help_points_to_it() -> None:
    host = shared_host()
    out = io.StringIO()
    assert main(["formats"], out=out) == 0
    listed = out.getvalue()
    for name in [*host.formats, *host.reporters]:
        assert re.search(rf"^  {re.escape(name)} ", listed, re.M), name
    help_text = io.StringIO()
    with contextlib.redirect_stdout(help_text):
        assert main(["check", "--help"]) == 0
    assert "`factlint formats` lists every one" in " ".join(help_text.getvalue().split())

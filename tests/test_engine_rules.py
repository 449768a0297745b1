"""The engine's own findings are rules: listed, explained, selected, ignored and given
a severity like any other, except the two that must never be silenced."""

from __future__ import annotations

import importlib.metadata
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from factlint.cli import main
from factlint.engine_rules import ENGINE_PLUGIN, ENGINE_RULES
from factlint.errors import ExitCode
from factlint.models import Document, Finding, Severity
from factlint.plugins import PluginHost
from factlint.rules import RULE_DOC_HEADINGS
from factlint.suppressions import BLANKET_SUPPRESSION, UNUSED_SUPPRESSION, apply_suppressions

ENGINE_IDS = sorted(r.id for r in ENGINE_RULES)

# One unused suppression (line 4), one blanket one (line 7), one count/mismatch (line 11).
ARTICLE = """\
---
published: 2022-12-05
---
<!-- factlint-disable-next-line count/mismatch -->
The letter was signed by three groups: Alpha, Beta and Gamma.

<!-- factlint-disable -->
The petition was signed by four groups: Alpha, Beta and Gamma.
<!-- factlint-enable -->

The report was written by two teams: Delta, Echo and Foxtrot.
"""

def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _rules_found(path: Path, *argv: str) -> list[tuple[str, str]]:
    code, out, err = run("check", str(path), "--format", "json", "--no-cache", "--no-config", *argv)
    assert code in (ExitCode.OK, ExitCode.FINDINGS), err
    return [(f["rule"], f["severity"]) for f in json.loads(out)["findings"]]


# ------------------------------------------------------------ listed and explained


def test_factlint_rules_lists_them_under_plugin_factlint() -> None:
    code, out, _ = run("rules", "--format", "json", "--no-config")
    rows = {r["id"]: r for r in json.loads(out)}
    assert code == ExitCode.OK
    for rule_id in ENGINE_IDS:
        assert rows[rule_id]["plugin"] == ENGINE_PLUGIN and rows[rule_id]["fix"] is None
    assert rows[UNUSED_SUPPRESSION]["severity"] == "info"
    assert rows["engine/plugin-error"]["severity"] == "error"


@pytest.mark.parametrize("rule_id", ENGINE_IDS)
def test_factlint_explain_prints_each(rule_id: str) -> None:
    code, out, err = run("explain", rule_id, "--no-config")
    assert code == ExitCode.OK, err
    assert out.startswith(f"# {rule_id}: ") and "Plugin: factlint." in out
    for heading in RULE_DOC_HEADINGS:
        assert f"## {heading}\n" in out


def test_they_load_without_autoload_and_with_every_plugin_disabled() -> None:
    names = [ep.name for ep in importlib.metadata.entry_points(group="factlint")]
    host = PluginHost.load(disabled=[*names, ENGINE_PLUGIN], autoload=False)
    assert sorted(host.rules) == ENGINE_IDS
    assert set(host.rule_plugins.values()) == {ENGINE_PLUGIN}


def test_a_host_built_from_chosen_plugins_has_only_those() -> None:
    # factlint.testing builds hosts this way, and a plugin's tests count its rules.
    assert PluginHost([]).rules == {}


# ------------------------------------------------------------ selected and ignored


def test_every_engine_rule_is_reported_by_default(article: Path) -> None:
    assert _rules_found(article) == [
        (UNUSED_SUPPRESSION, "info"), (BLANKET_SUPPRESSION, "info"), ("count/mismatch", "warning"),
    ]


def test_ignoring_one_drops_its_findings_only(article: Path) -> None:
    assert _rules_found(article, "--ignore", UNUSED_SUPPRESSION) == [
        (BLANKET_SUPPRESSION, "info"), ("count/mismatch", "warning"),
    ]
    assert _rules_found(article, "--ignore", BLANKET_SUPPRESSION) == [
        (UNUSED_SUPPRESSION, "info"), ("count/mismatch", "warning"),
    ]


def test_ignoring_the_engine_family_drops_both(article: Path) -> None:
    assert _rules_found(article, "--ignore", "engine/") == [("count/mismatch", "warning")]


def test_a_selection_without_them_drops_them(article: Path) -> None:
    assert _rules_found(article, "--select", "count/") == [("count/mismatch", "warning")]


def test_a_selection_naming_them_keeps_them(article: Path) -> None:
    assert _rules_found(article, "--select", "count/,engine/unused-suppression") == [
        (UNUSED_SUPPRESSION, "info"), ("count/mismatch", "warning"),
    ]


def test_config_severity_applies_to_them(article: Path) -> None:
    config = article.parent / "factlint.toml"
    config.write_text('[severity]\n"engine/unused-suppression" = "error"\n', encoding="utf-8")
    code, out, _ = run("check", str(article), "--format", "json", "--no-cache", "--config", str(config))
    assert [(f["rule"], f["severity"]) for f in json.loads(out)["findings"]][:2] == [
        (UNUSED_SUPPRESSION, "error"), (BLANKET_SUPPRESSION, "info"),
    ]
    assert code == ExitCode.FINDINGS


# ------------------------------------------------------------ never silenced


@pytest.mark.parametrize("rule_id", ["engine/plugin-error", "engine/input-error"])
def test_ignoring_a_crash_or_an_unreadable_file_is_a_usage_error(article: Path, rule_id: str) -> None:
    code, out, err = run("check", str(article), "--no-cache", "--no-config", "--ignore", f"count/,{rule_id}")
    assert code == ExitCode.INPUT_ERROR and out == ""
    assert err.count("\n") == 1 and err.startswith(f"factlint: error: ignore: {rule_id} cannot be ignored: ")


@pytest.mark.parametrize(
    ("config", "where"),
    [
        ('ignore = ["engine/plugin-error"]\n', "ignore"),
        ('[severity]\n"engine/input-error" = "info"\n', "severity"),
        ('[[overrides]]\nfiles = ["*.md"]\nignore = ["engine/plugin-error"]\n', "overrides.0.ignore"),
    ],
)
def test_the_config_cannot_silence_them_either(article: Path, config: str, where: str) -> None:
    path = article.parent / "factlint.toml"
    path.write_text(config, encoding="utf-8")
    code, _, err = run("check", str(article), "--no-cache", "--config", str(path))
    assert code == ExitCode.INPUT_ERROR and err.count("\n") == 1
    assert re.match(rf"factlint: error: .*factlint\.toml: {re.escape(where)}: engine/\S+ cannot be ", err), err


def test_ignoring_the_engine_family_still_reports_an_unreadable_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.md"
    code, _, err = run("check", str(missing), "--no-cache", "--no-config", "--ignore", "engine/")
    assert code == ExitCode.INPUT_ERROR and "error engine/input-error no such file" in err


# ------------------------------------------------------------ output unchanged


def test_sarif_lists_an_engine_rule_only_when_it_has_findings(article: Path) -> None:
    _, out, _ = run("check", str(article), "--format", "sarif", "--no-cache", "--no-config")
    [run_] = json.loads(out)["runs"]
    ids = [d["id"] for d in run_["tool"]["driver"]["rules"]]
    assert not any(i.startswith("engine/") for i in ids[:-2])
    assert ids[-2:] == [BLANKET_SUPPRESSION, UNUSED_SUPPRESSION]
    # The short descriptor the engine's findings have always had.
    assert run_["tool"]["driver"]["rules"][-1] == {
        "id": UNUSED_SUPPRESSION,
        "shortDescription": {"text": UNUSED_SUPPRESSION},
        "defaultConfiguration": {"level": "error"},
    }


# ------------------------------------------------------------ apply_suppressions


def _document(text: str) -> Document:
    doc = Document.from_text(text, path="story.md")
    return doc.model_copy(update={"comments": tuple((m.start(), m.end()) for m in re.finditer(r"<!--.*?-->", text))})


SUPPRESSED = (
    "<!-- factlint-disable-next-line count/mismatch -->\nFour groups: A, B and C.\n\n"
    "<!-- factlint-disable -->\nText.\n"
)
ALL_RAN = frozenset({"count/mismatch", *ENGINE_IDS})


def _count_finding(doc: Document) -> Finding:
    start = doc.text.index("Four")
    return Finding(rule="count/mismatch", severity=Severity.WARNING, message="m", path=doc.path,
                   span=doc.span(start, start + 11), text="Four groups")


def _engine_found(doc: Document, findings: list[Finding], ran: frozenset[str], **kwargs: Any) -> list[tuple[str, str]]:
    return [(f.rule, f.severity.value) for f in apply_suppressions(doc, findings, ran, **kwargs)]


def test_the_old_call_reports_both_when_the_engine_rules_are_unknown() -> None:
    doc = _document(SUPPRESSED)
    assert _engine_found(doc, [], frozenset({"count/mismatch"})) == [
        (UNUSED_SUPPRESSION, "info"), (BLANKET_SUPPRESSION, "info"),
    ]
    assert _engine_found(doc, [_count_finding(doc)], frozenset({"count/mismatch"})) == [(BLANKET_SUPPRESSION, "info")]


def test_an_unselected_engine_rule_reports_nothing() -> None:
    doc = _document(SUPPRESSED)
    ran = ALL_RAN - {UNUSED_SUPPRESSION}
    assert _engine_found(doc, [], ran) == [(BLANKET_SUPPRESSION, "info")]
    assert _engine_found(doc, [], frozenset({"count/mismatch"}), registered=ALL_RAN) == []


def test_a_host_without_engine_rules_keeps_reporting_them() -> None:
    doc = _document(SUPPRESSED)
    found = _engine_found(doc, [], frozenset({"count/mismatch"}), registered={"count/mismatch"})
    assert found == [(UNUSED_SUPPRESSION, "info"), (BLANKET_SUPPRESSION, "info")]


def test_the_severity_a_run_gives_them_is_theirs() -> None:
    doc = _document(SUPPRESSED)
    severity = {
        UNUSED_SUPPRESSION: Severity.WARNING, BLANKET_SUPPRESSION: Severity.ERROR, "count/mismatch": Severity.INFO,
    }
    assert _engine_found(doc, [], ALL_RAN, severity=severity, registered=ALL_RAN) == [
        (UNUSED_SUPPRESSION, "warning"), (BLANKET_SUPPRESSION, "error"),
    ]


def test_a_comment_naming_only_engine_rules_is_not_called_unused() -> None:
    doc = _document("<!-- factlint-disable-next-line engine/ -->\nText.\n")
    assert _engine_found(doc, [], ALL_RAN, registered=ALL_RAN) == []

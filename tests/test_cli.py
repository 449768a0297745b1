"""The command line: exit codes, output shapes, and one clear line for each bad input."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from factlint.cli import main
from factlint.errors import ExitCode

GOOD = "---\npublished: 2022-12-05\n---\nThe letter was signed by three groups: Alpha, Beta and Gamma.\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.md"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _bad_cases(tmp_path: Path) -> dict[str, tuple[list[str], str]]:
    """name -> (extra argv, text expected in the error line)."""
    (tmp_path / "bad-utf8.md").write_bytes(b"Caf\xc3\xa9 ok\nthen \xff bad\n")
    (tmp_path / "binary.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    (tmp_path / "frontmatter.md").write_text("---\ntitle: [unclosed\n---\nText.\n", encoding="utf-8")
    (tmp_path / "bad.claims.json").write_text(
        json.dumps(
            {
                "schema_version": 1,
                "claims": [{"kind": "count", "id": "c1", "text": "x", "span": {"start": 5, "end": 1}, "value": 3}],
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "registry.yaml").write_text("- canonical: [not, a, string]\n", encoding="utf-8")
    (tmp_path / "empty-dir").mkdir()
    (tmp_path / "empty-dir" / "notes.csv").write_text("a,b\n", encoding="utf-8")
    return {
        "missing path": (
            [str(tmp_path / "nope.md")],
            "nope.md:1:1: error engine/input-error no such file or directory",
        ),
        "directory with no articles": ([str(tmp_path / "empty-dir")], "no articles found in this directory"),
        "invalid UTF-8": (
            [str(tmp_path / "bad-utf8.md")],
            "bad-utf8.md:2:6: error engine/input-error not valid UTF-8 (byte 0xff)",
        ),
        "binary file": ([str(tmp_path / "binary.md")], "binary.md:1:1: error engine/input-error binary file"),
        "empty file": ([str(tmp_path / "empty.md")], "empty.md:1:1: error engine/input-error file is empty"),
        "broken front matter": (
            [str(tmp_path / "frontmatter.md")],
            "frontmatter.md:3:1: error engine/input-error front matter is not valid YAML",
        ),
        "invalid claims file": ([str(tmp_path / "bad.claims.json")], "claims[0].span"),
        "malformed registry": (
            ["--registry", str(tmp_path / "registry.yaml")],
            "registry.yaml:1:1: error engine/input-error registry not used: entry 1: canonical",
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing path",
        "directory with no articles",
        "invalid UTF-8",
        "binary file",
        "empty file",
        "broken front matter",
        "invalid claims file",
        "malformed registry",
    ],
)
def test_bad_input_gives_one_clear_line_exit_2_and_the_other_files_are_still_checked(
    case: str, tmp_path: Path, good: Path
) -> None:
    argv, expected = _bad_cases(tmp_path)[case]
    code, out, err = run("check", "--format", "json", str(good), *argv)
    assert code == ExitCode.INPUT_ERROR, err
    lines = [line for line in err.splitlines() if line]
    assert len(lines) == 1, lines
    assert expected in lines[0]
    report = json.loads(out)
    assert report["summary"]["documents"] == 1
    assert len(report["errors"]) == 1


def test_unknown_rule_in_select_is_a_usage_error(good: Path) -> None:
    code, out, err = run("check", "--select", "count/nope", str(good))
    assert code == ExitCode.INPUT_ERROR
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "no rule matches 'count/nope'" in lines[0]
    assert out == ""


def test_bad_published_date_is_a_usage_error(good: Path, capsys: pytest.CaptureFixture) -> None:
    code, _, _ = run("check", "--published", "2022-13", str(good))
    err = capsys.readouterr().err
    assert code == ExitCode.INPUT_ERROR
    assert "--published" in err and "2022-13" in err


def test_text_output_is_one_finding_a_line_then_a_summary(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("The letter was signed by four groups: Alpha, Beta and Gamma.\n", encoding="utf-8")
    code, out, _ = run("check", str(path))
    lines = out.splitlines()
    assert code == ExitCode.FINDINGS
    assert lines[0].startswith(f"{path}:1:26: warning count/mismatch ")
    assert lines[-1] == "Found 1 finding (0 errors, 1 warning, 0 info) in 1 document."
    assert "\x1b[" not in out  # no colour when not a terminal


def test_json_output_shape(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("The letter was signed by four groups: Alpha, Beta and Gamma.\n", encoding="utf-8")
    _code, out, _ = run("check", "--format", "json", str(path))
    data = json.loads(out)
    assert data["schema_version"] == 1 and data["errors"] == []
    finding = data["findings"][0]
    for key in ("path", "rule", "severity", "message", "line", "column", "end_line", "end_column",
                "start", "end", "text", "suggestion", "confidence", "related", "plugin"):
        assert key in finding
    assert finding["text"] == path.read_text()[finding["start"]:finding["end"]]
    assert data["summary"]["warnings"] == 1


def test_fail_on_error_ignores_warnings(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("The letter was signed by four groups: Alpha, Beta and Gamma.\n", encoding="utf-8")
    assert run("check", "--fail-on", "error", str(path))[0] == ExitCode.OK
    assert run("check", "--fail-on", "info", str(path))[0] == ExitCode.FINDINGS


def test_output_is_deterministic(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"a{i}.md").write_text(
            "The letter was signed by four groups: Alpha, Beta and Gamma.\n", encoding="utf-8"
        )
    first = run("check", "--format", "json", str(tmp_path))[1]
    assert first == run("check", "--format", "json", str(tmp_path))[1]
    assert json.loads(first)["summary"]["documents"] == 3


def test_directory_walk_with_include_and_exclude(tmp_path: Path) -> None:
    (tmp_path / "keep").mkdir()
    (tmp_path / "skip").mkdir()
    (tmp_path / "keep" / "a.md").write_text("Text one.\n", encoding="utf-8")
    (tmp_path / "keep" / "b.txt").write_text("Text two.\n", encoding="utf-8")
    (tmp_path / "skip" / "c.md").write_text("Text three.\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.md").write_text("Text four.\n", encoding="utf-8")
    _, out, _ = run("check", "--format", "json", "--exclude", "skip", "--include", "*.md", str(tmp_path))
    assert json.loads(out)["summary"]["documents"] == 1


def test_extract_prints_a_claims_file_that_check_accepts(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\npublished: 2022-12\n---\nThe letter was signed by four groups: Alpha, Beta and Gamma.\n", encoding="utf-8"
    )
    code, out, _ = run("extract", str(path))
    assert code == ExitCode.OK
    claims = json.loads(out)
    assert claims["document"]["published"] == "2022-12"
    assert any(c["kind"] == "count" and c["value"] == 4 for c in claims["claims"])
    claims_path = tmp_path / "a.claims.json"
    claims_path.write_text(out, encoding="utf-8")
    code, out, _ = run("check", "--format", "json", str(claims_path))
    assert [f["rule"] for f in json.loads(out)["findings"]] == ["count/mismatch"]


def test_schema_is_json_schema_of_a_claims_file() -> None:
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "factlint claims file"
    assert {"schema_version", "document", "claims"} <= set(schema["properties"])


def test_rules_plugins_and_explain_list_what_a_user_needs() -> None:
    code, out, _ = run("rules")
    for rule in ("count/mismatch", "date/relative", "date/order", "date/weekday", "name/variant", "name/registry"):
        assert rule in out
    code, out, _ = run("plugins")
    assert code == 0
    for plugin in ("markdown", "html", "text", "claims", "counts", "dates", "entities", "name-checks", "json-reporter"):
        assert f"\n{plugin} " in "\n" + out
    assert "factlint 0.1.0" in out
    code, out, _ = run("explain", "name/variant")
    assert code == 0 and "## What it flags" in out and "## Fix safety" in out
    code, _, err = run("explain", "name/nope")
    assert code == ExitCode.INPUT_ERROR and "unknown rule" in err


def test_the_installed_command_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "factlint", "--version"], capture_output=True, text=True, check=False
    )
    assert proc.returncode == 0 and proc.stdout.startswith("factlint ")

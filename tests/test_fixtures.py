"""The golden fixtures: every input under fixtures/ beside the findings expected of it.

A new case is a new pair of files, never new test code. After changing a rule, run
``pytest tests/test_fixtures.py --factlint-update`` and read the diff of the
``*.expected.json`` files before committing it.

Markdown cases also state the rule ids a person expects in the front-matter key
``expect``; the runner checks the findings against it, so an update can never
silently bless a wrong result.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from factlint.api import check_paths
from factlint.config import Config
from factlint.models import Finding, Report

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
INPUT_SUFFIXES = (".md", ".html", ".htm", ".txt", ".claims.json", ".claims.yaml")


def _inputs() -> list[Path]:
    found = []
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.name.endswith(INPUT_SUFFIXES) and path.name != "README.md":
            found.append(path)
    return found


def _stem(path: Path) -> str:
    for suffix in INPUT_SUFFIXES:
        if path.name.endswith(suffix):
            return path.name[: -len(suffix)]
    return path.stem


def _compact(f: Finding) -> dict:
    out = {
        "rule": f.rule,
        "severity": f.severity.value,
        "line": f.span.line,
        "column": f.span.column,
        "end_line": f.span.end_line,
        "end_column": f.span.end_column,
        "text": f.text,
        "message": f.message,
        "suggestion": f.suggestion,
        "confidence": f.confidence,
        "related": [{"line": r.span.line, "column": r.span.column, "text": r.text, "message": r.message} for r in f.related],
    }
    if f.fix is not None:
        out["fix"] = {"safety": f.fix.safety, "replacements": [e.replacement for e in f.fix.edits]}
    return out


def _run(path: Path) -> Report:
    registry = path.parent / "registry.yaml"
    config = Config(registries=(str(registry),) if registry.exists() else ())
    return check_paths([str(path)], config=config)


def _expected_rules(report_path: Path) -> list[str] | None:
    """The ``expect`` list from a Markdown case's front matter, if it has one."""
    import yaml

    text = report_path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    meta = yaml.safe_load(text[3:end]) or {}
    expect = meta.get("expect")
    return None if expect is None else list(expect)


CASES = _inputs()


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 60, f"only {len(CASES)} golden fixtures"


@pytest.mark.parametrize("path", CASES, ids=[str(p.relative_to(FIXTURES)) for p in CASES])
def test_fixture(path: Path, update_fixtures: bool) -> None:
    report = _run(path)
    assert not report.errors, f"input errors: {[str(e) for e in report.errors]}"
    actual = [_compact(f) for f in report.findings]
    expect = _expected_rules(path) if path.suffix == ".md" else None
    if expect is not None:
        assert Counter(f["rule"] for f in actual) == Counter(expect), (
            f"{path.name}: front matter expects {sorted(expect)}, got "
            + json.dumps(actual, indent=2, ensure_ascii=False)
        )
    expected_file = path.with_name(_stem(path) + ".expected.json")
    if update_fixtures or not expected_file.exists():
        if not update_fixtures:
            pytest.fail(f"{expected_file.name} is missing; run with --factlint-update and review it")
        expected_file.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    assert actual == expected

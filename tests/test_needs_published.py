"""Rules that can say nothing without a publication date say so under ``--verbose``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from factlint.cli import main
from factlint.plugins import PluginHost

# "yesterday (Monday)" is a date/relative finding once the article has a date (a Friday).
ARTICLE = (
    "The minister resigned yesterday (Monday), officials said.\n\n"
    "The letter was signed by four groups: Alpha, Beta and Gamma.\n"
)
NOTE = "no publication date, so date/relative stayed silent (give --published or a 'published' front-matter key)"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def undated(tmp_path: Path) -> Path:
    path = tmp_path / "undated.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _check(path: Path, *argv: str) -> tuple[str, str]:
    _, out, err = run("check", str(path), "--no-cache", "--no-config", *argv)
    return out, err


def test_the_rules_that_need_a_date_are_marked() -> None:
    host = PluginHost.load(autoload=False)
    assert sorted(r for r, cls in host.rules.items() if cls.needs_published) == ["date/relative"]


def test_verbose_names_the_rules_that_stayed_silent(undated: Path) -> None:
    out, err = _check(undated, "-v")
    assert f"note: {undated}: {NOTE}\n" in err
    assert "date/relative" not in out and "count/mismatch" in out


def test_a_dated_article_gets_the_findings_and_no_note(undated: Path) -> None:
    out, err = _check(undated, "-v", "--published", "2023-01-13")
    assert "date/relative" in out and "stayed silent" not in err


def test_no_note_without_verbose_or_without_such_a_rule(undated: Path) -> None:
    assert "stayed silent" not in _check(undated)[1]
    assert "stayed silent" not in _check(undated, "-v", "--select", "count/,date/weekday,date/order")[1]


def test_default_published_fills_in_only_where_an_article_has_no_date(tmp_path: Path) -> None:
    (tmp_path / "undated.md").write_text(ARTICLE, encoding="utf-8")
    # The article's own date is a Wednesday: "yesterday (Monday)" is then wrong.
    (tmp_path / "dated.md").write_text("---\npublished: 2022-12-07\n---\n" + ARTICLE, encoding="utf-8")
    # 2022-12-09 is a Friday: "yesterday (Monday)" is wrong on it too, at another date.
    args = ["check", str(tmp_path), "--no-cache", "--no-config", "--select", "date/", "--format", "json"]
    _, out, _ = run(*args, "--default-published", "2022-12-09")
    found = {Path(f["path"]).name: f["message"] for f in json.loads(out)["findings"]}
    assert set(found) == {"dated.md", "undated.md"}
    assert "Thursday" in found["undated.md"]  # the default date: the day before Friday 9th
    assert "Tuesday" in found["dated.md"]  # its own date kept: the day before Wednesday 7th
    _, out, _ = run(*args, "--published", "2022-12-09")
    found = {Path(f["path"]).name: f["message"] for f in json.loads(out)["findings"]}
    assert "Thursday" in found["dated.md"]  # --published overrides every article's own

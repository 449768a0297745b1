"""How a story's sources reach the rules: ``--source``, the front-matter key
``sources``, a claims file's ``sources``, the Python API, and what a missing or
broken source gives (one clear error, the article still checked)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import factlint
from factlint import Document, Rule, Severity, Source
from factlint.api import check_text
from factlint.checker import Checker
from factlint.cli import main
from factlint.config import Config
from factlint.plugins import PluginHost
from factlint.registry import Registry

# A rule that reports each source it was given: its name, its date and how many
# claims of each kind the extractors found in it.
PLUGIN = '''
import factlint
from factlint import Rule, Severity


class SeesSources(Rule):
    """Reports the sources it is given.

    ## What it flags
    Nothing real.

    ## Why it matters
    It shows what the engine hands rules.

    ## Example
    Any article.

    ## Use instead
    Nothing.

    ## Fix safety
    No fix.

    ## Options
    None.
    """

    id = "test/sees-sources"
    summary = "Reports its sources"
    severity = Severity.INFO
    requires = frozenset({"date"})
    reads_sources = True

    def check(self, ctx):
        for source in ctx.sources:
            doc = source.document
            dates = len(source.claims.of_kind("date"))
            yield ctx.finding(
                ctx.document.span(0, 1),
                f"source {doc.path.replace(chr(92), '/').rsplit('/', 1)[-1]} "
                f"published {doc.metadata.published} with {dates} dates",
                related=[ctx.related_in(source, doc.span(len(doc.text) - len(doc.text.lstrip()),
                                                     len(doc.text) - len(doc.text.lstrip()) + 5), "its start")],
            )


@factlint.hookimpl
def factlint_register_rules():
    return [SeesSources]
'''

LETTER = "---\npublished: 2021-03-03\n---\nThe letter was sent on Monday, 1 March 2021, by ten groups.\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sees_sources.py").write_text(PLUGIN, encoding="utf-8")
    (tmp_path / "factlint.toml").write_text('plugins = ["sees_sources.py"]\nselect = ["test/"]\n', encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "letter.md").write_text(LETTER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str]:
    code = main(["check", "--config", "factlint.toml", "--no-cache", "--format", "json", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_source_option_reaches_rules_with_its_own_date_and_claims(project: Path, capsys) -> None:
    (project / "a.md").write_text("---\npublished: 2022-12\n---\nAn article.\n", encoding="utf-8")
    code, report, _ = _run(capsys, "a.md", "--source", "sources/letter.md")
    [finding] = report["findings"]
    # The source keeps its own publication date: the article's is not forced on it.
    assert finding["message"] == "source letter.md published 2021-03-03 with 1 dates"
    [related] = finding["related"]
    assert related["path"] == "sources/letter.md" and related["text"] == "The l"
    assert code == 0


def test_front_matter_sources_are_relative_to_the_article(project: Path, capsys) -> None:
    (project / "news").mkdir()
    (project / "news" / "a.md").write_text("---\nsources: [../sources/letter.md]\n---\nAn article.\n", encoding="utf-8")
    _, report, _ = _run(capsys, "news/a.md")
    assert [f["message"] for f in report["findings"]] == ["source letter.md published 2021-03-03 with 1 dates"]


def test_a_source_named_twice_is_given_once(project: Path, capsys) -> None:
    (project / "a.md").write_text("---\nsources: [sources/letter.md]\n---\nAn article.\n", encoding="utf-8")
    _, report, _ = _run(capsys, "a.md", "--source", "sources/letter.md")
    assert len(report["findings"]) == 1


def test_a_source_in_a_checked_folder_is_not_checked_as_an_article(project: Path, capsys) -> None:
    (project / "sources" / "a.md").write_text("An article.\n", encoding="utf-8")
    _, report, _ = _run(capsys, "sources", "--source", "sources/letter.md")
    assert report["summary"]["documents"] == 1
    assert {Path(f["path"]).name for f in report["findings"]} == {"a.md"}


def test_a_missing_source_option_is_one_line_and_exit_2(project: Path, capsys) -> None:
    (project / "a.md").write_text("An article.\n", encoding="utf-8")
    code = main(["check", "--config", "factlint.toml", "--no-cache", "a.md", "--source", "nope.txt"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines() == ["factlint: error: --source nope.txt: cannot read: No such file or directory"]


def test_a_missing_front_matter_source_is_an_input_error_and_the_article_still_checked(project: Path, capsys) -> None:
    (project / "a.md").write_text(
        "---\nsources: [gone.txt, sources/letter.md]\n---\nAn article.\n", encoding="utf-8"
    )
    code, report, _ = _run(capsys, "a.md")
    assert code == 2
    [error] = report["errors"]
    assert error["path"] == "gone.txt"
    assert error["message"] == "cannot read: No such file or directory (a source of a.md, checked without it)"
    # The readable source was still given, and the article counted as checked.
    assert len(report["findings"]) == 1 and report["summary"]["documents"] == 1


def test_a_front_matter_sources_key_that_is_not_paths_is_an_input_error(project: Path, capsys) -> None:
    (project / "a.md").write_text("---\nsources: {letter: 1}\n---\nAn article.\n", encoding="utf-8")
    code, report, _ = _run(capsys, "a.md")
    assert code == 2
    assert report["errors"][0]["message"].startswith("front-matter key 'sources': expected a list of file paths")


def test_an_undecodable_source_says_so(project: Path, capsys) -> None:
    (project / "bad.txt").write_bytes(b"caf\xe9\n")
    (project / "a.md").write_text("---\nsources: [bad.txt]\n---\nAn article.\n", encoding="utf-8")
    code, report, _ = _run(capsys, "a.md")
    assert code == 2
    assert "not valid UTF-8" in report["errors"][0]["message"]


def test_a_claims_file_names_its_sources(project: Path, capsys) -> None:
    claims = {"schema_version": 1, "document": {"text": "An article.", "sources": ["sources/letter.md"]}, "claims": []}
    (project / "a.claims.json").write_text(json.dumps(claims), encoding="utf-8")
    _, report, _ = _run(capsys, "a.claims.json")
    assert [f["message"] for f in report["findings"]] == ["source letter.md published 2021-03-03 with 1 dates"]


def test_articles_with_sources_are_not_answered_from_the_cache(project: Path, capsys) -> None:
    """A source edited between runs changes the findings though the article did not."""
    (project / "a.md").write_text("---\nsources: [sources/letter.md]\n---\nAn article.\n", encoding="utf-8")
    args = ["check", "--config", "factlint.toml", "--cache-dir", str(project / ".cache"), "--format", "json", "a.md"]
    main(args)
    first = json.loads(capsys.readouterr().out)["findings"][0]["message"]
    (project / "sources" / "letter.md").write_text("No dates here.\n", encoding="utf-8")
    main(args)
    second = json.loads(capsys.readouterr().out)["findings"][0]["message"]
    assert first.endswith("with 1 dates") and second == "source letter.md published None with 0 dates"


class _Sees(Rule):
    """Reports the sources' paths."""

    id = "test/paths"
    summary = "Reports source paths"
    severity = Severity.INFO
    reads_sources = True

    def check(self, ctx):
        for source in ctx.sources:
            yield ctx.finding(ctx.document.span(0, 1), source.document.path)


class _Loader:
    @factlint.hookimpl
    def factlint_register_formats(self):
        return [factlint.InputFormat(name="test-text", suffixes=(".txt",))]

    @factlint.hookimpl
    def factlint_load_document(self, source):
        Loads.count += 1
        return Document.from_text(source.text, path=source.path)

    @factlint.hookimpl
    def factlint_register_rules(self):
        return [_Sees]


class Loads:
    count = 0


def test_a_checker_loads_a_shared_source_once_for_many_articles() -> None:
    checker = Checker(Config(), host=PluginHost([("loader", _Loader())]), registry=Registry())
    letter = Source(path="letter.txt", suffix=".txt", text="A letter.")
    Loads.count = 0
    for n in range(5):
        findings = checker.check_source(Source(path=f"{n}.txt", suffix=".txt", text="An article."), [letter])
        assert [f.message for f in findings.findings] == ["letter.txt"]
    assert Loads.count == 5 + 1  # each article, and the letter once


def test_check_text_takes_paths_and_text_in_memory(tmp_path: Path) -> None:
    letter = tmp_path / "letter.md"
    letter.write_text(LETTER, encoding="utf-8")
    plugin = tmp_path / "sees_sources.py"
    plugin.write_text(PLUGIN, encoding="utf-8")
    config = Config(plugins=(str(plugin),))
    memo = Source(path="memo.txt", suffix=".txt", text="Sent on 2 March 2021.")
    report = check_text("An article.", select=["test/"], sources=[letter, memo], config=config)
    assert sorted(f.message for f in report.findings) == [
        "source letter.md published 2021-03-03 with 1 dates",
        "source memo.txt published None with 1 dates",
    ]
    report = check_text("An article.", select=["test/"], sources=[tmp_path / "gone.md"], config=config)
    assert [e.message for e in report.errors] == ["cannot read: No such file or directory"]
    assert report.documents == ("<text>",)


def test_sources_are_not_read_when_no_selected_rule_reads_them(tmp_path: Path) -> None:
    report = check_text("An article.", select=["count/"], sources=[tmp_path / "gone.md"])
    assert [e.message for e in report.errors] == ["cannot read: No such file or directory"]  # said, as given
    text = "---\nsources: [gone.md]\n---\nAn article.\n"
    assert check_text(text, select=["count/"]).errors == ()  # nothing reads them: not opened
    assert [e.path for e in check_text(text, select=["source/"]).errors] == ["gone.md"]


def test_the_server_takes_sources_in_the_request_and_never_opens_named_paths(project: Path) -> None:
    import warnings

    from factlint.server.app import create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the test client's own httpx notice
        from fastapi.testclient import TestClient

    app = create_app(config_path=project / "factlint.toml")
    with TestClient(app) as client:
        body = {
            "text": "---\nsources: [sources/letter.md]\n---\nAn article.\n",
            "sources": [{"name": "memo.md", "text": LETTER, "format": "markdown"}],
        }
        answer = client.post("/v1/check", json=body)
        assert answer.status_code == 200
        # The memo sent with the request is given; the path in the front matter is not read.
        assert [f["message"] for f in answer.json()["findings"]] == ["source memo.md published 2021-03-03 with 1 dates"]
        assert answer.json()["findings"][0]["related"][0]["path"] == "memo.md"
        bad = client.post("/v1/check", json={"text": "An article.", "sources": [{"text": "x", "format": "nope"}]})
        assert bad.status_code == 422 and "nope" in bad.text
        blank = client.post("/v1/check", json={"text": "An article.", "sources": [{"text": " "}]})
        assert blank.status_code == 422

"""The sarif, junit, github, jsonl and html output formats, fed by real engine runs.

The rules here are small test rules run through the real engine and the real
Markdown and text loaders, so every finding has the spans, related places, fixes and
fingerprints the engine gives built-in rules' findings.
"""

from __future__ import annotations

import inspect
import io
import json
import re
import xml.etree.ElementTree as ET
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

import factlint
from factlint import Edit, Fix, RenderContext, Report, Reporter, Rule, RuleInfo, Severity
from factlint.config import Config
from factlint.plugins import PluginHost
from factlint.registry import Registry
from factlint.run import Run as EngineRun
from factlint_plugins.formats import markdown as markdown_format
from factlint_plugins.formats import text as text_format
from factlint_plugins.reporters import github, html, jsonl, junit, sarif
from factlint_plugins.reporters.github import GithubReporter
from factlint_plugins.reporters.html import HtmlReporter
from factlint_plugins.reporters.jsonl import JsonlReporter
from factlint_plugins.reporters.junit import JunitReporter
from factlint_plugins.reporters.sarif import SarifReporter

jsonschema = pytest.importorskip("jsonschema")

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"


# ----------------------------------------------------------------- test rules


class Spelling(Rule):
    """Flags 'Tzedeq' when the article also spells it 'Tzedek'.

    ## What it flags
    The spelling 'Tzedeq' in an article that writes 'Tzedek' elsewhere.
    """

    id = "test/spelling"
    summary = "Flags a second spelling of Tzedek"
    severity = Severity.WARNING
    fix_safety = "safe"

    def check(self, context):
        doc = context.document
        good = [doc.span(m.start(), m.end()) for m in re.finditer(r"\bTzedek\b", doc.text)]
        if not good:
            return
        for m in re.finditer(r"\bTzedeq\b", doc.text):
            span = doc.span(m.start(), m.end())
            yield context.finding(
                span,
                "'Tzedeq' is spelled 'Tzedek' elsewhere in this article.",
                related=[context.related(g, "spelled 'Tzedek' here") for g in good],
                suggestion="Tzedek",
                fix=Fix(
                    description="Replace with 'Tzedek'", edits=(Edit(span=span, replacement="Tzedek"),), safety="safe"
                ),
                confidence=0.9,
            )


class Phrase(Rule):
    """Flags 'Tzedeq Center', overlapping what test/spelling flags."""

    id = "test/phrase"
    summary = "Flags the phrase Tzedeq Center"
    severity = Severity.INFO

    def check(self, context):
        doc = context.document
        for m in re.finditer(r"Tzedeq Center", doc.text):
            yield context.finding(doc.span(m.start(), m.end()), "The centre's name is uncertain.", confidence=0.5)


class Percent(Rule):
    """Flags a percentage; its message has the characters workflow commands escape."""

    id = "test/percent"
    summary = "Flags percentages"
    severity = Severity.ERROR

    def check(self, context):
        doc = context.document
        for m in re.finditer(r"\d+%", doc.text):
            yield context.finding(
                doc.span(m.start(), m.end()), f"Check {m.group()}: rates, figures\nand sums.", suggestion="half"
            )


class Boom(Rule):
    """Flags every 'Boom'."""

    id = "test/boom"
    summary = "Flags Boom"
    severity = Severity.INFO

    def check(self, context):
        doc = context.document
        for m in re.finditer(r"\bBoom\b", doc.text):
            yield context.finding(doc.span(m.start(), m.end()), "Boom is loud.")


class Markup(Rule):
    """Flags HTML tags in plain text, quoting them in the message."""

    id = "test/markup"
    summary = "Flags markup"
    severity = Severity.WARNING

    def check(self, context):
        doc = context.document
        for m in re.finditer(r"<script>.*?</script>|<img[^>]*>", doc.text):
            yield context.finding(doc.span(m.start(), m.end()), f"Markup in the article: {m.group()}")


class Crashing(Rule):
    """Always crashes."""

    id = "test/crash"
    summary = "Crashes"

    def check(self, context):
        raise RuntimeError("kaboom")


RULES = [Spelling, Phrase, Percent, Boom, Markup]


class _Rules:
    def __init__(self, rules):
        self.rules = rules

    @factlint.hookimpl
    def factlint_register_rules(self):
        return self.rules


class _BrokenReporters:
    """Registers nothing and crashes: a finding with no document."""

    @factlint.hookimpl
    def factlint_register_reporters(self):
        raise RuntimeError("cannot register")


class Run:
    """One engine run: its report, its render context and the documents as they finished."""

    def __init__(self, paths, rules=RULES, extra_plugins=()):
        host = PluginHost(
            [("markdown", markdown_format), ("text", text_format), ("test-rules", _Rules(rules)), *extra_plugins]
        )
        engine = EngineRun(Config(), host=host, registry=Registry())
        self.done: list[tuple[str, list]] = []
        self.report: Report = engine.execute(
            [str(p) for p in paths], on_document=lambda path, fs: self.done.append((path, list(fs)))
        ).report
        self.context = RenderContext(
            rules={
                rule_id: RuleInfo(
                    id=rule_id,
                    summary=cls.summary,
                    severity=cls.severity,
                    plugin=host.rule_plugins[rule_id],
                    requires=tuple(sorted(cls.requires)),
                    fix=cls.fix_safety,
                    explanation=inspect.cleandoc(cls.__doc__ or ""),
                )
                for rule_id, cls in host.rules.items()
            },
            version=factlint.__version__,
        )

    def render(self, cls: type[Reporter], out: io.StringIO | None = None) -> str:
        out = out or io.StringIO()
        reporter = cls(out, self.context)
        for path, findings in self.done:
            reporter.document_done(path, findings)
        reporter.finish(self.report)
        return out.getvalue()


ARTICLE = """\
# Aid groups

The Tzedek Fund gave money to the Tzedeq Center.

Rates rose 50% this year. Boom.
"""


@pytest.fixture
def articles(tmp_path, monkeypatch):
    """Three articles in the working directory: with findings, without, and missing."""
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(ARTICLE, encoding="utf-8")
    Path("b.md").write_text("# Calm\n\nNothing to see.\n", encoding="utf-8")
    return ["a.md", "b.md", "missing.md"]


# ----------------------------------------------------------------------- sarif


def _sarif(run: Run) -> dict:
    log = json.loads(run.render(SarifReporter))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    return log


def test_sarif_is_valid_and_complete(articles):
    run = Run(articles)
    log = _sarif(run)
    assert log["version"] == "2.1.0"
    (sarif_run,) = log["runs"]
    driver = sarif_run["tool"]["driver"]
    assert driver["name"] == "factlint" and driver["version"] == factlint.__version__
    assert "informationUri" not in driver
    ids = [r["id"] for r in driver["rules"]]
    assert ids == sorted(r.id for r in RULES)
    spelling = driver["rules"][ids.index("test/spelling")]
    assert spelling["shortDescription"]["text"] == Spelling.summary
    assert "## What it flags" in spelling["help"]["markdown"]
    assert spelling["defaultConfiguration"]["level"] == "warning"

    results = sarif_run["results"]
    assert len(results) == len(run.report.findings) == 4
    for result, finding in zip(results, run.report.findings, strict=True):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule
        assert result["partialFingerprints"] == {"factlint/v1": finding.fingerprint}
        assert result["properties"]["confidence"] == finding.confidence
        (location,) = result["locations"]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == "a.md"
        region = location["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding.span.line, finding.span.column)
        assert region["snippet"]["text"] == finding.text

    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {
        "test/spelling": "warning",
        "test/phrase": "note",
        "test/percent": "error",
        "test/boom": "note",
    }
    (spelled,) = [r for r in results if r["ruleId"] == "test/spelling"]
    (related,) = spelled["relatedLocations"]
    assert related["message"]["text"] == "spelled 'Tzedek' here"
    assert related["physicalLocation"]["region"]["snippet"]["text"] == "Tzedek"
    assert related["physicalLocation"]["region"]["startLine"] == 3
    (fix,) = spelled["fixes"]
    (change,) = fix["artifactChanges"]
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"]["text"] == "Tzedek"
    flagged_region = spelled["locations"][0]["physicalLocation"]["region"]
    assert replacement["deletedRegion"] == {k: v for k, v in flagged_region.items() if k != "snippet"}

    (invocation,) = sarif_run["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.md"


def test_sarif_fingerprints_survive_a_paragraph_inserted_above(articles):
    def key(result):
        return result["ruleId"], result["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]

    before = _sarif(Run(["a.md"]))["runs"][0]["results"]
    head, rest = ARTICLE.split("\n", 2)[0], ARTICLE.split("\n", 2)[2]
    Path("a.md").write_text(f"{head}\n\nA new first paragraph, 10% longer.\n\n{rest}", encoding="utf-8")
    after = _sarif(Run(["a.md"]))["runs"][0]["results"]
    # The new paragraph brings one more percentage; the old findings keep their prints.
    assert len(after) == len(before) + 1
    for result in before:
        (moved,) = [r for r in after if key(r) == key(result)]
        assert moved["partialFingerprints"] == result["partialFingerprints"]
        line = result["locations"][0]["physicalLocation"]["region"]["startLine"]
        assert moved["locations"][0]["physicalLocation"]["region"]["startLine"] == line + 2


def test_sarif_describes_plugin_crashes_and_is_deterministic(articles):
    run = Run(["a.md"], rules=[*RULES, Crashing], extra_plugins=[("broken", _BrokenReporters())])
    text = run.render(SarifReporter)
    assert text == run.render(SarifReporter)
    log = _sarif(run)
    results = log["runs"][0]["results"]
    crashes = [r for r in results if r["ruleId"] == "engine/plugin-error"]
    assert len(crashes) == 2
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == "engine/plugin-error" for r in crashes)
    # The crash at load time has no file to point at.
    assert any("locations" not in r for r in crashes)
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False


# ----------------------------------------------------------------------- junit


def test_junit_parses_and_counts(articles):
    run = Run(articles)
    root = ET.fromstring(run.render(JunitReporter))
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "factlint"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["a.md", "b.md", "missing.md"]
    assert all(c.get("classname") == c.get("name") for c in cases)
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("3", "1", "1")
    a, b, missing = cases
    failures = a.findall("failure")
    assert len(failures) == len(run.report.findings) == 4
    first = run.report.findings[0]
    assert failures[0].get("type") == first.rule
    assert failures[0].get("message") == f"{first.rule}: {first.message}"
    assert failures[0].text.splitlines()[0].startswith(
        f"a.md:{first.span.line}:{first.span.column} {first.severity.value} {first.rule} "
    )
    assert "(suggestion: Tzedek)" in "".join(f.text for f in failures)
    assert list(b) == []
    (error,) = missing.findall("error")
    assert error.get("type") == "engine/input-error"
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props["factlint.findings"] == "4"


def test_junit_survives_characters_xml_cannot_carry(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("c.txt").write_text("Rates rose 50%\x0b today. Boom\x01.\n", encoding="utf-8")
    run = Run(["c.txt"])
    root = ET.fromstring(run.render(JunitReporter))
    assert root.find("testsuite").get("failures") == "1"


# ---------------------------------------------------------------------- github


def test_github_annotations_escape_data_and_properties(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    Path("x,y").mkdir()
    Path("x,y/a:b.md").write_text(ARTICLE, encoding="utf-8")
    run = Run(["x,y/a:b.md", "missing.md"])
    lines = run.render(GithubReporter).splitlines()
    assert len(lines) == 5
    (percent,) = [line for line in lines if "title=test/percent" in line]
    f = run.report.by_rule("test/percent")[0]
    assert percent == (
        f"::error file=x%2Cy/a%3Ab.md,line={f.span.line},col={f.span.column},"
        f"endLine={f.span.end_line},endColumn={f.span.end_column},title=test/percent"
        "::Check 50%25: rates, figures%0Aand sums. (suggestion: half)"
    )
    assert any(line.startswith("::warning file=x%2Cy/a%3Ab.md,") for line in lines)
    assert any(line.startswith("::notice file=") for line in lines)
    assert lines[-1] == "::error file=missing.md,title=engine/input-error::no such file or directory"


def test_github_escapes_like_the_toolkit():
    assert github.escape_data("100%\r\nx: y, z") == "100%25%0D%0Ax: y, z"
    assert github.escape_property("100%\r\nx: y, z") == "100%25%0D%0Ax%3A y%2C z"


def test_github_writes_a_step_summary_past_ten_annotations(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

    Path("few.md").write_text("Boom. " * 10 + "\n", encoding="utf-8")
    Run(["few.md"]).render(GithubReporter)
    assert summary.read_text(encoding="utf-8") == "earlier step\n"

    Path("many.md").write_text("Boom | Boom. " * 6 + "\n", encoding="utf-8")
    run = Run(["many.md"])
    lines = run.render(GithubReporter).splitlines()
    assert sum(line.startswith("::notice ") for line in lines) == 12
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n")
    table = [line for line in written.splitlines() if line.startswith("| many.md |")]
    assert len(table) == 12
    assert table[0] == "| many.md | 1 | info | test/boom | Boom is loud. |  |"


# ----------------------------------------------------------------------- jsonl


def test_jsonl_streams_one_finding_a_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(ARTICLE, encoding="utf-8")
    Path("b.md").write_text("Boom and Boom.\n", encoding="utf-8")
    run = Run(["a.md", "b.md", "missing.md"], extra_plugins=[("broken", _BrokenReporters())])
    out = io.StringIO()
    reporter = JsonlReporter(out, run.context)
    seen = []
    for path, findings in run.done:
        reporter.document_done(path, findings)
        seen.append([json.loads(line) for line in out.getvalue().splitlines()])
    # Written as each document finished, before finish().
    assert {d["path"] for d in seen[0]} == {"a.md"}
    assert len(seen[0]) == 4 and len(seen[1]) == 6
    reporter.finish(run.report)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    *findings, last = rows
    assert [f["path"] for f in findings] == ["a.md"] * 4 + ["b.md"] * 2 + ["<plugins>"]
    from factlint_plugins.reporters.json import finding_dict

    assert sorted(findings, key=json.dumps) == sorted((finding_dict(f) for f in run.report.findings), key=json.dumps)
    assert last["summary"] == run.report.summary.model_dump()
    assert [e["path"] for e in last["errors"]] == ["missing.md"]


# ------------------------------------------------------------------------ html


class _Page(HTMLParser):
    """Collects tags, attributes and scripts, and checks marks are never nested."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.mark_depth = 0
        self.max_mark_depth = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag == "mark":
            self.mark_depth += 1
            self.max_mark_depth = max(self.max_mark_depth, self.mark_depth)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if tag == "mark":
            self.mark_depth -= 1

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


HOSTILE = """\
The Tzedek Fund gave money to the Tzedeq Center. Rates rose 50%.

<script>alert(1)</script> and <img src=x onerror=alert(1)> Boom.
"""


def _page(run: Run) -> tuple[str, _Page]:
    text = run.render(HtmlReporter)
    page = _Page()
    page.feed(text)
    page.close()
    return text, page


def test_html_escapes_the_article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("hostile.txt").write_text(HOSTILE, encoding="utf-8")
    run = Run(["hostile.txt"])
    assert len(run.report.by_rule("test/markup")) == 2
    text, page = _page(run)
    # Only the page's own script, and nothing from the article became an element.
    assert page.scripts == [html._SCRIPT]
    assert "<script>alert" not in text
    assert not [tag for tag, _ in page.tags if tag == "img"]
    assert not [a for _, attrs in page.tags for a in attrs if a.startswith("on")]
    assert "&lt;img src=x onerror=alert(1)&gt;" in text
    for f in run.report.findings:
        assert escape(f.message) in text


def test_html_has_no_external_loads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("hostile.txt").write_text(HOSTILE, encoding="utf-8")
    text, page = _page(Run(["hostile.txt"]))
    (csp,) = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp
    assert "unsafe-inline" not in csp
    for _, attrs in page.tags:
        assert "src" not in attrs
        assert attrs.get("href", "#").startswith("#")
    assert text.index("Content-Security-Policy") < text.index("<style>") < text.index("<script>")


def test_html_highlights_overlapping_spans(articles):
    run = Run(["a.md", "b.md"])
    text, page = _page(run)
    assert page.max_mark_depth == 1 and page.mark_depth == 0
    marks = re.findall(r"<mark([^>]*)>(.*?)</mark>", text)
    # "Tzedeq Center" (test/phrase) holds "Tzedeq" (test/spelling): three flat pieces.
    flagged = [(attrs, body) for attrs, body in marks if "data-f" in attrs]
    bodies = [body for _, body in flagged]
    assert "Tzedeq" in bodies and " Center" in bodies
    (tzedeq_attrs,) = [attrs for attrs, body in flagged if body == "Tzedeq"]
    assert 'class="sev-warning"' in tzedeq_attrs  # the worse of warning and info
    assert len(re.search(r'data-f="([^"]*)"', tzedeq_attrs).group(1).split()) == 2
    spelling_id = re.search(r'id="(d0-f\d+)" data-rule="test/spelling"', text).group(1)
    assert [body for attrs, body in marks if attrs == f' class="rel" data-r="{spelling_id}"'] == ["Tzedek"]
    assert "50%" in bodies and "Boom" in bodies
    for f in run.report.findings:
        assert escape(f.message) in text
    assert "No findings." in text
    # Filters name every severity and each rule present.
    for rule in {f.rule for f in run.report.findings}:
        assert f'data-filter="rule" value="{rule}"' in text
    assert run.render(HtmlReporter) == text


def test_html_maps_columns_through_markdown_markup(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("m.md").write_text("The **Tzedek** fund and [the *Tzedeq* Center](https://x.test/).\n", encoding="utf-8")
    text, _ = _page(Run(["m.md"]))
    assert "<mark" in text
    assert re.search(r'<mark class="sev-warning" data-f="[^"]+">Tzedeq</mark>', text)
    assert "https://x.test/" in text  # the article's own link, as text only


# ----------------------------------------------------------------- registration


@pytest.mark.parametrize("module", [sarif, junit, github, jsonl, html])
def test_each_module_registers_its_reporter(module):
    (cls,) = module.factlint_register_reporters()
    assert issubclass(cls, Reporter) and cls.name == module.__name__.rsplit(".", 1)[1]
    assert cls.description and cls.__doc__

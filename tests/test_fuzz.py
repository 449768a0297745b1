"""Property-based fuzzing of the loaders, the built-in rules, the reporters and the
fix loop, on mutated real articles and on text made of tricky tokens.

The seeds are the fixtures whose front matter has a ``source:`` key (real published
text; see fixtures/README.md), the HTML and claims-file fixtures, and a vocabulary of
the tokens the extractors look for. Each article is then cut, duplicated, spliced
with markup fragments (``<!--``, front-matter fences, tables, half links, NUL, BOM,
CRLF, escaped lone surrogates, very long lines) and checked.

The properties: a load gives a Document or one input error and never raises; no
built-in rule or extractor crashes (an ``engine/plugin-error`` finding); every span
lies inside the text; the same call twice gives the same report and the same bytes
from every reporter; JSON and SARIF output parses; fixing twice equals fixing once,
and the fixed text is exactly the fixes' edits applied in turn.

Runs are derandomised (the same examples on every run, so CI is deterministic) and
write no example database.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from factlint import ExitCode, __version__
from factlint.api import check_text
from factlint.checker import Checker
from factlint.cli import main as cli_main
from factlint.config import Config
from factlint.fixes import apply_edits, source_edits
from factlint.models import Document, Finding, Report, Source, Span
from factlint.plugins import shared_host
from factlint.registry import Registry, load_registries
from factlint.reporting import RenderContext
from factlint.results import PLUGIN_ERROR

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"


def _fuzz_settings(examples: int) -> settings:
    """Bounded, repeatable runs that leave nothing behind in the working tree."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# ------------------------------------------------------------------------ seeds


def _real_articles() -> list[str]:
    """Fixture articles of real published text (front matter with a ``source:`` key)."""
    out = []
    for path in sorted(FIXTURES.glob("*/*.md")):
        text = path.read_text(encoding="utf-8")
        if re.match(r"---\n(?:.*\n)*?source:", text):
            out.append(text)
    return out


REAL = _real_articles()
HTML = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*/*.html"))]
CLAIMS_FIXTURE = json.loads((FIXTURES / "format" / "claims-file.claims.json").read_text(encoding="utf-8"))
SEEDS = {"real": REAL, "html": HTML, "claims": [json.dumps(CLAIMS_FIXTURE, indent=1)]}


@cache
def _seeds(name: str) -> list[str]:
    """The named seeds; "fixable": the real articles whose check applies a fix."""
    if name != "fixable":
        return SEEDS[name]
    checker = _checker("2022-12", _seed_registry(), fix="unsafe")
    return [text for text in REAL if _fix(checker, ".md", text)[1]]


# What the count, date and name extractors key on, and what trips parsers.
TOKENS = (
    "1,000,", "1,000", "12", "3.5", "two", "three", "ten", "a dozen", "hundreds of", "at least", "some 40",
    "January", "Feb.", "March", "May", "June 31", "Sept.", "December", "2022", "'90s", "last year", "this month",
    "Monday", "Tuesday,", "on Friday", "weekend", "yesterday", "three days later", "earlier this week",
    "signed by ten groups:", "the following three organizations:", "among them", "including",
    "Zoë Ó Briain", "Ångström", "Đặng Thị", "Müller-Lüdenscheidt", "Torat Tzedek", "HaMoked", "B'Tselem",
    "\"", "“", "”", "'", "’", "«", "(", ")", "[", "]", ":", ";", ",", ".", " and ", " or ", " - ", "—",
    "\n- ", "\n* ", "\n1. ", "\n\n", "\n", " ", "\t", "#", "> ",
)  # fmt: skip

FRAGMENTS = (
    "<!--", "-->", "<!-- factlint-disable -->", "<!-- factlint-disable-next-line count/mismatch -->",
    "---\n", "\n---\n", "---\npublished: 2024-02-30\n---\n", "+++\n", "```\n", "~~~", "`",
    "<table>", "<tr><td>", "</table>", "<p>", "</p>", "<br>", "<script>", "<style>", "<![CDATA[", "&amp;", "&#0;",
    "&#xd800;", "&#x110000;", "&nbsp;", "[x](", "[x]: <", "![", "](", "*", "_", "|", "\\",
    "\"", "'", "“", "‘", "\x00", "\r\n", "\r", "\ufeff", "\u2028", "\u200b", "\u0301",
    "\\ud800", "\\udfff", "x" * 3000, "word " * 600,
)  # fmt: skip

PUBLISHED = (None, "2016", "2022-12", "2023-01-10", "2024-02-29")


@cache
def _seed_registry() -> Registry:
    registry, problems = load_registries([str(ROOT / "seeds" / "registry.yaml")])
    assert not problems
    return registry


# ------------------------------------------------------------------- strategies


tricky_text = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=80).map("".join)


@st.composite
def mutated(draw: st.DrawFn, seeds: str) -> str:
    """A seed article of ``_seeds(seeds)`` with a few slices deleted, duplicated or
    replaced by fragments. (Seeds are named, not passed, to keep reports short.)"""
    texts = _seeds(seeds)
    text = texts[draw(st.integers(0, len(texts) - 1))]
    for _ in range(draw(st.integers(0, 5))):
        size = len(text)
        a = draw(st.integers(0, size))
        b = draw(st.integers(a, min(size, a + 200)))
        kind = draw(st.sampled_from(("insert", "delete", "duplicate", "replace")))
        if kind == "delete":
            text = text[:a] + text[b:]
        elif kind == "duplicate":
            text = text[:b] + text[a:b] + text[b:]
        else:
            piece = draw(st.one_of(st.sampled_from(FRAGMENTS), tricky_text, st.text(max_size=20)))
            text = text[:a] + piece + (text[a:] if kind == "insert" else text[b:])
    return text


articles = st.one_of(mutated("real"), tricky_text, st.text(max_size=200))
html_articles = st.one_of(mutated("html"), articles.map(lambda t: f"<html><body><p>{t}</p></body></html>"), articles)
lone_surrogates = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**40), 2**40), st.text(max_size=12))
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def claims_data(draw: st.DrawFn, escaped: bool = False) -> dict[str, Any]:
    """The claims fixture with its text fuzzed and a few of its fields replaced by
    arbitrary JSON values, or well-typed values pointing anywhere; ``escaped``: with
    half of a surrogate pair in the text, for a format that writes it escaped."""
    data = json.loads(json.dumps(CLAIMS_FIXTURE))
    data["document"]["text"] = draw(st.one_of(st.just(data["document"]["text"]), articles))
    if escaped:
        # Half of a surrogate pair, which a file can only hold as an escape.
        text = data["document"]["text"]
        at = draw(st.integers(0, len(text)))
        data["document"]["text"] = text[:at] + draw(lone_surrogates) + text[at:]
    for _ in range(draw(st.sampled_from((0, 0, 1, 2, 4)))):
        # Every object of the file that is still an object after earlier replacements.
        targets, stack = [], [data]
        while stack:
            value = stack.pop()
            if isinstance(value, dict):
                targets.append(value)
                stack.extend(value.values())
            elif isinstance(value, list):
                stack.extend(value)
        target = draw(st.sampled_from(targets))
        key = draw(st.sampled_from([*sorted(target), "kind", "start", "end", "extra"]))
        target[key] = draw(
            st.one_of(
                json_values,
                st.integers(-5, 400),
                st.sampled_from(("count", "date", "entity", "temporal-relation", "2023-02-30", "")),
            )
        )
    return data


claims_sources = st.one_of(
    claims_data().map(lambda d: (".claims.json", json.dumps(d, ensure_ascii=False))),
    claims_data().map(lambda d: (".claims.json", json.dumps(d))),
    claims_data().map(lambda d: (".claims.yaml", yaml.safe_dump(d, allow_unicode=True))),
    claims_data(escaped=True).map(lambda d: (".claims.json", json.dumps(d))),
    claims_data(escaped=True).map(lambda d: (".claims.yaml", yaml.safe_dump(d))),
    st.tuples(st.sampled_from((".claims.json", ".claims.yaml")), articles),
    st.tuples(st.sampled_from((".claims.json", ".claims.yaml")), mutated("claims")),
)

# (suffix, text) for any loader, each format as likely as the others.
BY_FORMAT = {
    ".md": st.tuples(st.just(".md"), articles),
    ".txt": st.tuples(st.just(".txt"), articles),
    ".html": st.tuples(st.just(".html"), html_articles),
    "claims": claims_sources,
}
sources = st.sampled_from(sorted(BY_FORMAT)).flatmap(BY_FORMAT.__getitem__)

FORMAT_OF = {
    ".md": "markdown",
    ".txt": "text",
    ".html": "html",
    ".claims.json": "claims",
    ".claims.yaml": "claims.yaml",
}


# ------------------------------------------------------------------ helpers


def _checker(published: str | None = None, registry: Registry | None = None, **settings: Any) -> Checker:
    return Checker(Config.model_validate({"published": published, **settings}), host=shared_host(),
                   registry=registry if registry is not None else Registry())  # fmt: skip


def _check(suffix: str, text: str, published: str | None, registry: Registry | None) -> Report:
    return check_text(text, format=FORMAT_OF[suffix], published=published, registry=registry, path="article" + suffix)


def _span_inside(span: Span, document: Document) -> bool:
    if document.format == "claims":
        # A claims file may bring claims without their text, and its own positions.
        return not document.text or 0 <= span.start <= span.end <= len(document.text)
    lines = len(document.source_map.line_starts)
    return (
        0 <= span.start <= span.end <= len(document.text)
        and 1 <= span.line <= span.end_line <= lines
        and span.column >= 1
        and span.end_column >= 1
    )


def _bad_spans(finding: Finding, document: Document) -> list[Span]:
    spans = [finding.span]
    spans += [r.span for r in finding.related if r.path in (None, "", finding.path)]
    if finding.fix is not None:
        spans += [e.span for e in finding.fix.edits]
    return [s for s in spans if not _span_inside(s, document)]


# ------------------------------------------------------------------ loaders


@_fuzz_settings(300)
@given(sources)
@example((".md", "---\npublished: 2024-02-30\n---\nText.\n"))
@example((".html", "<p>&#xd800; and &#0;</p>"))
@example((".claims.json", '{"schema_version": 1, "document": {"text": "\\ud800"}, "claims": []}'))
@example((".claims.yaml", 'schema_version: 1\ndocument: {text: "\\udc00"}\nclaims: []\n'))
@example((".md", '---\ntitle: "\\ud83d\\ude00 \\ud800"\n---\nText.\n'))
# PyYAML refuses a control character before parsing, outside the loaders' error
# handling: these were engine/plugin-error crashes of the claims and markdown loaders.
@example((".claims.yaml", "\x1f"))
@example((".md", "---\ntitle: a\x7f\n---\nText.\n"))
# The claims loader read only ".json" and ".yaml" suffixes, so check_text(format="claims")
# and the server's "claims" format never loaded a claims file.
@example((".claims.json", json.dumps(CLAIMS_FIXTURE)))
# Python's HTML parser raises AssertionError on "<![" followed by no name.
@example((".html", "<p>x</p><![/html>"))
def test_a_load_gives_a_document_or_one_input_error(source: tuple[str, str]) -> None:
    suffix, text = source
    document, crashes, error = _checker().load(Source(path="article" + suffix, suffix=suffix, text=text))
    assert crashes == []
    event(f"{suffix}: {'document' if document else 'input error'}")
    assert (document is None) != (error is None)
    if source == (".claims.json", json.dumps(CLAIMS_FIXTURE)):
        assert document is not None and document.claims
    if document is not None:
        assert document.source_map.to_source(len(document.text)) <= len(document.source)


# ------------------------------------------------------------- extractors and rules


@_fuzz_settings(120)
@given(sources, st.sampled_from(PUBLISHED), st.booleans())
# A suppression comment's finding had the comment's source offsets as its text
# offsets, past the end of an HTML document's text.
@example((".html", "<p>x</p><!-- factlint-disable -->"), None, False)
def test_rules_never_crash_and_keep_spans_inside_the_text(
    source: tuple[str, str], published: str | None, with_registry: bool
) -> None:
    suffix, text = source
    registry = _seed_registry() if with_registry else None
    report = _check(suffix, text, published, registry)
    assert [f.message for f in report.findings if f.rule == PLUGIN_ERROR] == []
    event("loaded" if report.documents else "input error")
    event("with findings" if report.findings else "no finding")
    # A document, or one error saying why there is none (a loaded article may add an
    # error of its own, for a source document named in its front matter).
    assert len(report.documents) == 1 or len(report.errors) == 1
    if report.documents:
        document, _, _ = _checker(published).load(Source(path="article" + suffix, suffix=suffix, text=text))
        assert document is not None
        assert [(f.rule, s) for f in report.findings for s in _bad_spans(f, document)] == []
    assert _check(suffix, text, published, registry).json_data() == report.json_data()
    json.dumps(report.json_data(), ensure_ascii=False).encode("utf-8")


# ------------------------------------------------------------------ reporters


def _render(fmt: str, report: Report, text: str, verbose: bool, color: bool) -> str:
    host = shared_host()
    context = RenderContext(
        color=color, verbose=verbose, rules=_checker().plan.rule_infos(), version=__version__, source=lambda _: text
    )
    out = io.StringIO()
    reporter = host.reporters[fmt](out, context)
    for path in report.documents:
        reporter.document_done(path, [f for f in report.findings if f.path == path])
    reporter.finish(report)
    return out.getvalue()


# Lone surrogates escaped in a claims file once reached the output, and writing it
# as UTF-8 raised UnicodeEncodeError after the whole run.
SURROGATE_CLAIMS = json.dumps(
    {
        "schema_version": 1,
        "document": {"published": "2023-01-10", "text": "Signed by three groups: A, B, C and D. \ud800"},
        "claims": [
            {
                "kind": "count", "id": "c", "text": "three gr\udc00", "span": {"start": 10, "end": 22},
                "value": 3, "noun": "gr\udc00",
                "items": [
                    {"text": t, "span": {"start": i, "end": i + 1}}
                    for t, i in zip("ABCD", (24, 27, 30, 36), strict=True)
                ],
            }
        ],
    }
)  # fmt: skip


@_fuzz_settings(60)
@given(sources, st.sampled_from(PUBLISHED), st.booleans(), st.booleans())
@example((".claims.json", SURROGATE_CLAIMS), None, False, False)
@example((".claims.yaml", SURROGATE_CLAIMS), None, True, True)
def test_every_reporter_renders_a_fuzzed_report_the_same_way_twice(
    source: tuple[str, str], published: str | None, verbose: bool, color: bool
) -> None:
    suffix, text = source
    report = _check(suffix, text, published, _seed_registry())
    for fmt in sorted(shared_host().reporters):
        first = _render(fmt, report, text, verbose, color)
        assert _render(fmt, report, text, verbose, color) == first, fmt
        first.encode("utf-8")  # as the command writes it to a file or a terminal
        if fmt in ("json", "sarif"):
            json.loads(first)
        elif fmt == "jsonl":
            for line in first.splitlines():
                json.loads(line)
        elif fmt == "junit":
            ET.fromstring(first)


def test_the_fuzzed_reports_cover_every_reporter() -> None:
    assert {"text", "json", "jsonl", "sarif", "junit", "github", "html"} <= set(shared_host().reporters)


# ------------------------------------------------------------------- fixes


def _fix(checker: Checker, suffix: str, text: str) -> tuple[str, list[Finding]]:
    result = checker.check_source(Source(path="article" + suffix, suffix=suffix, text=text))
    return (result.fixed_text if result.fixed_text is not None else text), result.fixed


fixable = st.one_of(st.tuples(st.sampled_from((".md", ".txt")), mutated("fixable")), sources)


@_fuzz_settings(80)
@given(fixable, st.sampled_from(PUBLISHED))
def test_fixing_twice_equals_fixing_once_and_changes_only_what_fixes_said(
    source: tuple[str, str], published: str | None
) -> None:
    suffix, text = source
    checker = _checker(published, _seed_registry(), fix="unsafe")
    once, fixed = _fix(checker, suffix, text)
    event(f"{min(len(fixed), 3)}{'+' if len(fixed) >= 3 else ''} fixes applied")
    assert _fix(checker, suffix, once) == (once, [])
    # Replaying each applied fix's edits, in order, on the text it was found in
    # gives the fixed text: nothing else was changed.
    replay = text
    for finding in fixed:
        assert finding.fix is not None
        document, _, _ = checker.load(Source(path="article" + suffix, suffix=suffix, text=replay))
        assert document is not None
        edits = source_edits(document, finding.fix)
        assert edits is not None
        replay = apply_edits(replay, edits)
    assert replay == once


def test_the_fuzzed_seeds_give_fixes_to_apply() -> None:
    """The fix property is tested on real fixes, not only on texts with none."""
    assert len(_seeds("fixable")) >= 5


@_fuzz_settings(20)
@given(st.tuples(st.sampled_from((".md", ".txt")), mutated("fixable")), st.sampled_from(("", "\ufeff")), st.booleans())
def test_check_fix_on_a_file_keeps_it_utf8_and_is_idempotent(source: tuple[str, str], bom: str, crlf: bool) -> None:
    suffix, text = source
    if crlf:
        text = text.replace("\n", "\r\n")
    args = ["check", "--fix", "--unsafe-fixes", "--no-cache", "--quiet", "--published", "2022-12",
            "--registry", str(ROOT / "seeds" / "registry.yaml")]  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "article" + suffix)
        with open(path, "wb") as fh:
            fh.write(bom.encode("utf-8") + text.encode("utf-8", "surrogatepass"))
        assert cli_main([*args, path], out=io.StringIO(), err=io.StringIO()) != ExitCode.PLUGIN_ERROR
        once = Path(path).read_bytes()
        assert once.startswith(codecs.BOM_UTF8) == bool(bom)
        once.decode("utf-8")
        cli_main([*args, path], out=io.StringIO(), err=io.StringIO())
        assert Path(path).read_bytes() == once

"""The engine's contract with plugins: isolation, selection, ordering, fingerprints."""

from __future__ import annotations

import pytest

import factlint
from factlint import ClaimBase, Document, Extractor, Rule, Severity
from factlint.checker import Checker as Engine
from factlint.config import Config
from factlint.errors import PluginLoadError, UsageError
from factlint.models import Source
from factlint.plugins import PluginHost
from factlint.registry import Registry
from factlint.results import PLUGIN_ERROR
from factlint.run import Run


class WordClaim(ClaimBase):
    """A test claim: one capitalised word."""

    kind: str = "test.word"


class Words(Extractor):
    name = "test-words"
    produces = frozenset({"test.word"})

    def extract(self, document, claims):
        import re

        for m in re.finditer(r"\b[A-Z][a-z]+\b", document.text):
            yield WordClaim(id=f"w:{m.start()}", text=m.group(), span=document.span(m.start(), m.end()))


class Numbers(Extractor):
    """Never needed by the rules below: must never run."""

    name = "test-numbers"
    produces = frozenset({"test.number"})
    calls = 0

    def extract(self, document, claims):
        Numbers.calls += 1
        return []


class Shouting(Rule):
    """Flags the word Boom."""

    id = "test/boom"
    summary = "Flags Boom"
    severity = Severity.ERROR
    requires = frozenset({"test.word"})

    def check(self, context):
        for claim in context.claims.of_kind("test.word"):
            if claim.text == "Boom":
                yield context.finding(claim.span, "Boom is loud.", suggestion="boom")


class Crashing(Rule):
    """Always crashes."""

    id = "test/crash"
    summary = "Crashes"
    requires = frozenset({"test.word"})

    def check(self, context):
        raise RuntimeError("kaboom")


class TextLoader:
    @factlint.hookimpl
    def factlint_register_formats(self):
        return [factlint.InputFormat(name="test-text", suffixes=(".txt",))]

    @factlint.hookimpl
    def factlint_load_document(self, source):
        return Document.from_text(source.text, path=source.path)


class Good:
    @factlint.hookimpl
    def factlint_register_rules(self):
        return [Shouting]

    @factlint.hookimpl
    def factlint_register_extractors(self):
        return [Words, Numbers]


class Bad:
    @factlint.hookimpl
    def factlint_register_rules(self):
        return [Crashing]


def _engine(config: Config | None = None, *plugins) -> Engine:
    host = PluginHost(plugins or [("loader", TextLoader()), ("good", Good()), ("bad", Bad())])
    return Engine(config or Config(), host=host, registry=Registry())


def _check(engine: Engine, text: str = "A Boom here. Quiet there. Boom again."):
    result = engine.check_source(Source(path="a.txt", suffix=".txt", text=text))
    assert result.error is None
    return result.findings


def test_a_crashing_rule_becomes_a_plugin_error_and_the_rest_still_runs() -> None:
    findings = _check(_engine())
    rules = [f.rule for f in findings]
    assert rules.count("test/boom") == 2
    crash = [f for f in findings if f.rule == PLUGIN_ERROR]
    assert len(crash) == 1
    assert "'bad'" in crash[0].message and "test/crash" in crash[0].message and "kaboom" in crash[0].message


def test_extractors_run_only_for_selected_rules() -> None:
    Numbers.calls = 0
    engine = _engine(Config(select=("test/boom",)))
    assert [e.name for _, e in engine.extractors] == ["test-words"]
    _check(engine)
    assert Numbers.calls == 0


def test_select_and_ignore_by_prefix() -> None:
    assert [s.rule.id for s in _engine(Config(select=("test/",))).rules] == ["test/boom", "test/crash"]
    assert [s.rule.id for s in _engine(Config(ignore=("test/crash",))).rules] == ["test/boom"]
    assert [s.rule.id for s in _engine(Config(select=("test",), ignore=("test/boom",))).rules] == ["test/crash"]


def test_unknown_rule_in_select_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="no rule matches 'nope/x'"):
        _engine(Config(select=("nope/x",)))


def test_two_plugins_registering_one_rule_id_is_a_load_error_naming_both() -> None:
    class Twin:
        @factlint.hookimpl
        def factlint_register_rules(self):
            return [Shouting]

    with pytest.raises(PluginLoadError, match=r"'good'.*'twin'|'twin'.*'good'"):
        PluginHost([("good", Good()), ("twin", Twin())])


def test_severity_override_and_min_confidence() -> None:
    findings = _check(_engine(Config(severity={"test/boom": "info"}, ignore=("test/crash",))))
    assert {f.severity for f in findings} == {Severity.INFO}


def test_findings_are_sorted_and_fingerprints_survive_edits_elsewhere() -> None:
    engine = _engine(Config(ignore=("test/crash",)))
    before = _check(engine)
    after = _check(engine, "A new first sentence. " + "A Boom here. Quiet there. Boom again.")
    assert [f.span.start for f in before] == sorted(f.span.start for f in before)
    assert [f.fingerprint for f in before] == [f.fingerprint for f in after]
    assert len({f.fingerprint for f in before}) == 2


def test_a_crashing_loader_is_isolated() -> None:
    class BrokenLoader:
        @factlint.hookimpl
        def factlint_load_document(self, source):
            raise ValueError("cannot parse")

    engine = _engine(None, ("a-broken", BrokenLoader()), ("loader", TextLoader()), ("good", Good()))
    findings = _check(engine)
    assert [f.rule for f in findings].count(PLUGIN_ERROR) == 1
    assert [f.rule for f in findings].count("test/boom") == 2


def test_a_hook_implementation_may_take_fewer_arguments() -> None:
    engine = _engine(Config(ignore=("test/crash",)))
    # TextLoader takes only `source`, not `config`.
    assert _check(engine)


class Repeated(Rule):
    """Across articles: reports how many kept words it was given, per article."""

    id = "test/repeated"
    summary = "Counts kept words"
    requires = frozenset({"test.word"})
    repository = True

    def check(self, context):
        return ()

    def keep_for_repository(self, claims):
        return [c for c in claims if c.text == "Boom"]

    def check_repository(self, context):
        for path, claims in context.claims:
            first = claims[0]
            yield context.finding(path, first.span, first.text, f"{len(claims)} kept")


class RepeatedBroken(Repeated):
    """Its choice of claims crashes: it gets every claim it requires."""

    id = "test/repeated-broken"

    def keep_for_repository(self, claims):
        raise RuntimeError("kaboom")


class Repository:
    @factlint.hookimpl
    def factlint_register_rules(self):
        return [Repeated, RepeatedBroken]

    @factlint.hookimpl
    def factlint_register_extractors(self):
        return [Words]


@pytest.mark.parametrize(("rule", "kept"), [("test/repeated", "2 kept"), ("test/repeated-broken", "3 kept")])
def test_a_repository_rule_gets_the_claims_it_keeps(tmp_path, rule, kept) -> None:
    (tmp_path / "a.txt").write_text("A Boom here. Quiet there. Boom again.", encoding="utf-8")
    engine = _engine(Config(select=(rule,), repo_consistency=True), ("loader", TextLoader()), ("repo", Repository()))
    report = Run(checker=engine).execute([str(tmp_path)]).report
    assert [f.message for f in report.findings if f.rule == rule] == [kept]

"""The plugin author's test kit: check text with just your plugin, golden fixtures,
and mutation tests, the way factlint tests its own rules.

Use these functions from any test, or opt in to the pytest plugin for its fixtures and
the ``--factlint-update`` switch::

    pytest -p factlint.testing          # or, in a conftest.py:
    pytest_plugins = ["factlint.testing"]

Nothing here runs unless asked: the plugin only defines fixtures and one option.

- :func:`make_engine` (the ``factlint_engine`` fixture) builds an engine with the
  plugins under test plus factlint's document loaders, nothing else installed.
- :func:`assert_findings` checks a text and compares the findings with a short list,
  printing a readable difference when they disagree.
- :func:`golden_cases` and :func:`check_golden` run a folder of inputs, each beside
  ``<case>.expected.json`` (the format of factlint's own ``fixtures/``).
- :func:`mutation_report` and :func:`assert_mutations_caught` plant errors in clean
  texts (with the mutators plugins register, :mod:`factlint.mutations`) and measure
  precision and recall per group.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import json
import os
import random
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from .checker import Checker
from .config import Config
from .models import Finding, PublishedDate, Related, Source
from .mutations import Mutation, Mutator, MutatorChoice, mutations_for, select_mutators
from .plugins import PluginHost, shared_host
from .registry import Registry, as_registry

__all__ = [
    "GoldenCase",
    "KindScore",
    "MutationReport",
    "LOADERS",  # noqa: F822 (computed on first use: see __getattr__)
    "assert_findings",
    "assert_mutations_caught",
    "builtin_plugins",
    "check",
    "check_golden",
    "compact",
    "factlint_engine",
    "factlint_update",
    "golden_cases",
    "installed_mutators",
    "input_suffixes",
    "loader_plugins",
    "make_engine",
    "mutation_report",
]


UPDATE_OPTION = "--factlint-update"
UPDATE_ENV = "FACTLINT_UPDATE_FIXTURES"



def __getattr__(name: str) -> Any:
    # Computed on first use from what factlint's own plugins declare.
    if name == "LOADERS":
        return loader_plugins()
    if name == "INPUT_SUFFIXES":
        return input_suffixes()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _builtin_host() -> PluginHost:
    return PluginHost(builtin_plugins())


def installed_mutators() -> Mapping[str, Mutator]:
    """The mutation groups every installed plugin registers (``count``, ``date``,
    ``name`` from factlint's own), by name."""
    return shared_host().mutators


def loader_plugins() -> tuple[str, ...]:
    """The names of factlint's own plugins that read documents (``LOADERS``): added
    to every test checker so that text can be read."""
    host = _builtin_host()
    return tuple(sorted({host.format_plugins[name] for name, fmt in host.formats.items() if fmt.prose}))


def input_suffixes() -> tuple[str, ...]:
    """The suffixes of golden case inputs (``INPUT_SUFFIXES``): every suffix of
    factlint's own input formats, the longest first so ``.claims.json`` wins over
    ``.json``."""
    suffixes = {suffix for fmt in _builtin_host().formats.values() for suffix in fmt.suffixes}
    return tuple(sorted(suffixes, key=lambda s: (-len(s), s)))

PluginList = Sequence[tuple[str, Any]]


# ------------------------------------------------------------------- engines


def builtin_plugins(names: Iterable[str] | None = None) -> list[tuple[str, Any]]:
    """factlint's own plugins, ``(name, module)``, loaded through their entry points
    (the door every plugin uses); only those in ``names`` when given."""
    wanted = set(names) if names is not None else None
    out: dict[str, Any] = {}
    for ep in importlib.metadata.entry_points(group="factlint"):
        dist = getattr(ep, "dist", None)
        if dist is None or dist.metadata["Name"] != "factlint" or ep.name in out:
            continue
        if wanted is None or ep.name in wanted:
            out[ep.name] = ep.load()
    return sorted(out.items())


def _host(plugins: PluginList, with_loaders: bool = True) -> PluginHost:
    given = list(plugins)
    names = {name for name, _ in given}
    objects = {id(obj) for _, obj in given}
    extra = [
        (name, obj) for name, obj in builtin_plugins(loader_plugins())
        if with_loaders and name not in names and id(obj) not in objects
    ]
    host = PluginHost(extra + given)
    # A rule under test that reads factlint's own claims (entity, date, count, ...)
    # gets factlint's extractors of them, and what those read in turn.
    wanted = _builtin_extractors_for(host, names, objects)
    return PluginHost(extra + wanted + given) if wanted else host


def _builtin_extractors_for(host: PluginHost, names: set[str], objects: set[int]) -> list[tuple[str, Any]]:
    """factlint's own extractor plugins that make the claim kinds ``host``'s rules and
    extractors read but nothing in it produces."""
    builtin = _builtin_host()
    produced = set().union(*(ext.produces for _, ext in host.extractors)) if host.extractors else set()
    needed = set().union(*(rule.requires for rule in host.rules.values()), *(e.requires for _, e in host.extractors))
    chosen: set[str] = set()
    missing = needed - produced
    while missing:
        more = {p for p, ext in builtin.extractors if ext.produces & missing and p not in chosen and p not in names}
        if not more:
            break
        chosen |= more
        for p, ext in builtin.extractors:
            if p in more:
                produced |= ext.produces
                needed |= ext.requires
        missing = needed - produced
    return [(name, obj) for name, obj in builtin_plugins(chosen) if id(obj) not in objects] if chosen else []


def make_engine(
    plugins: PluginList = (),
    *,
    published: str | PublishedDate | None = None,
    registry: Registry | str | Path | Iterable[Any] | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
    with_loaders: bool = True,
) -> Checker:
    """A :class:`~factlint.checker.Checker` with the plugins under test plus
    factlint's Markdown, HTML and text loaders, and nothing else that is installed.

    ``plugins`` is a list of ``(name, module_or_object)``; ``options`` maps a rule id
    to its options (validated against the rule's ``Options`` model). Raises
    :class:`~factlint.errors.PluginLoadError` when the plugins clash.
    """
    config = Config.model_validate(
        {
            "published": published,
            "select": tuple(select),
            "ignore": tuple(ignore),
            "options": {k: dict(v) for k, v in (options or {}).items()},
        }
    )
    return Checker(config, host=_host(plugins, with_loaders), registry=as_registry(registry))


def check(
    engine: Checker,
    text: str,
    *,
    format: str = "markdown",
    path: str | None = None,
    sources: Mapping[str, str] | None = None,
) -> list[Finding]:
    """The findings of ``engine`` (a checker) on ``text`` in a loaded input format
    (``markdown``, ``html``, ``text``, or a suffix such as ``md``), checked against
    ``sources`` (file name to text: ``{"letter.txt": "..."}``, read by the loader of
    the name's suffix) for rules that compare an article with its sources.

    An input error (a loader refusing the text or a source) raises ``AssertionError``
    with its message, so a test never passes on a text nobody read.
    """
    suffix = engine.host.suffix_for(format)
    if suffix is None:
        raise ValueError(f"format must be one of {', '.join(sorted(engine.host.formats))}; got {format!r}")
    given = [Source(path=name, suffix=Path(name).suffix.lower(), text=body) for name, body in (sources or {}).items()]
    result = engine.check_source(Source(path=path or f"<text>{suffix}", suffix=suffix, text=text), given)
    if result.error is not None:
        raise AssertionError(f"the text could not be loaded: {result.error}")
    if result.source_errors:
        raise AssertionError(f"a source could not be loaded: {result.source_errors[0]}")
    return result.findings


# ------------------------------------------------------------ assert_findings

ExpectedFinding = tuple[str, str] | Mapping[str, Any]


def compact(finding: Finding) -> dict[str, Any]:
    """A finding as the plain dict golden files hold (and :func:`assert_findings`
    compares against): rule, severity, place, text, message, suggestion,
    confidence, related places and the fix's replacements."""
    out: dict[str, Any] = {
        "rule": finding.rule,
        "severity": finding.severity.value,
        "line": finding.span.line,
        "column": finding.span.column,
        "end_line": finding.span.end_line,
        "end_column": finding.span.end_column,
        "text": finding.text,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "confidence": finding.confidence,
        "related": [_compact_related(r) for r in finding.related],
    }
    if finding.fix is not None:
        out["fix"] = {"safety": finding.fix.safety, "replacements": [e.replacement for e in finding.fix.edits]}
    return out


def _compact_related(related: Related) -> dict[str, Any]:
    out: dict[str, Any] = {
        "line": related.span.line, "column": related.span.column, "text": related.text, "message": related.message
    }
    if related.path is not None:
        out["file"] = Path(related.path).name  # in another document: a story's source
    return out


def _as_dict(expected: ExpectedFinding) -> dict[str, Any]:
    if isinstance(expected, Mapping):
        return dict(expected)
    rule, text = expected
    return {"rule": rule, "text": text}


def _matches(actual: dict[str, Any], wanted: dict[str, Any]) -> bool:
    return all(key in actual and actual[key] == value for key, value in wanted.items())


def _line(f: dict[str, Any]) -> str:
    extra = f"  (suggestion: {f['suggestion']})" if f.get("suggestion") else ""
    return f"  {f['line']}:{f['column']} {f['rule']} {f['text']!r}: {f['message']}{extra}"


def assert_findings(
    text: str,
    expected: Sequence[ExpectedFinding],
    *,
    plugins: PluginList = (),
    published: str | PublishedDate | None = None,
    registry: Registry | str | Path | Iterable[Any] | None = None,
    format: str = "markdown",
    select: Sequence[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
    engine: Checker | None = None,
) -> list[Finding]:
    """Check ``text`` and assert its findings are exactly ``expected``, in any order.

    Each expected finding is a ``(rule, flagged text)`` pair or a dict with any of the
    keys of :func:`compact` (``{"rule": "acronym/undefined", "line": 3}``). ``[]``
    asserts the text is clean. On a mismatch the error lists what was missing, what
    was not expected, and every finding. Returns the findings for further checks.
    """
    engine = engine or make_engine(plugins, published=published, registry=registry, select=select, options=options)
    findings = check(engine, text, format=format)
    actual = [compact(f) | {"plugin": f.plugin} for f in findings]
    unmatched = list(range(len(actual)))
    missing = []
    for want in map(_as_dict, expected):
        hit = next((i for i in unmatched if _matches(actual[i], want)), None)
        if hit is None:
            missing.append(want)
        else:
            unmatched.remove(hit)
    if missing or unmatched:
        lines = ["findings differ from what was expected"]
        if missing:
            lines.append("expected but not found:")
            lines.extend(f"  {json.dumps(m, ensure_ascii=False)}" for m in missing)
        if unmatched:
            lines.append("found but not expected:")
            lines.extend(_line(actual[i]) for i in unmatched)
        lines.append(f"all {len(actual)} findings:" if actual else "no findings at all")
        lines.extend(_line(a) for a in actual)
        raise AssertionError("\n".join(lines))
    return findings


# ------------------------------------------------------------- golden fixtures


@dataclass(frozen=True)
class GoldenCase:
    """One golden case: an input file and the ``<stem>.expected.json`` beside it.

    A ``registry.yaml`` in the same folder is used as the case's registry, and a
    ``facts.yaml`` as its reference facts (besides the plugins' own); a Markdown
    case may list the rule ids a person expects in the front-matter key ``expect``,
    which is checked even while updating.
    """

    path: Path
    expected_path: Path
    plugins: tuple[tuple[str, Any], ...] | None = None
    published: str | None = None

    def __str__(self) -> str:
        return self.path.name


def _stem(path: Path) -> str:
    for suffix in input_suffixes():
        if path.name.endswith(suffix):
            return path.name[: -len(suffix)]
    return path.stem


def golden_cases(
    folder: str | Path, *, plugins: PluginList | None = None, published: str | None = None
) -> list[GoldenCase]:
    """The cases under ``folder`` (recursively, sorted), for ``pytest.mark.parametrize``.

    ``plugins`` are the plugins to check them with (default: every installed plugin,
    as ``factlint check`` would). ``README.md`` files are not cases, nor the files in
    a folder named ``sources``: the documents cases name in their front-matter key
    ``sources`` (``sources: [sources/letter.txt]``).
    """
    root = Path(folder)
    cases = []
    for path in sorted(root.rglob("*")):
        if "sources" in path.relative_to(root).parts[:-1]:
            continue
        if path.is_file() and path.name.endswith(input_suffixes()) and path.name != "README.md":
            cases.append(
                GoldenCase(
                    path=path,
                    expected_path=path.with_name(_stem(path) + ".expected.json"),
                    plugins=tuple(plugins) if plugins is not None else None,
                    published=published,
                )
            )
    return cases


def _expected_rules(path: Path) -> list[str] | None:
    import yaml

    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 3)
    meta = yaml.safe_load(text[3:end]) or {}
    expect = meta.get("expect") if isinstance(meta, dict) else None
    return None if expect is None else list(expect)


def check_golden(case: GoldenCase, *, update: bool = False, plugins: PluginList | None = None) -> None:
    """Check one golden case; with ``update``, rewrite its ``.expected.json`` instead
    (read the diff before committing it). A missing expectation file fails and says
    how to create it."""
    registry = case.path.parent / "registry.yaml"
    facts = case.path.parent / "facts.yaml"
    plugins = plugins if plugins is not None else case.plugins
    config = Config.model_validate(
        {
            "published": case.published,
            "registries": (str(registry),) if registry.exists() else (),
            "facts": (str(facts),) if facts.exists() else (),
        }
    )
    if plugins is None:
        engine = Checker(config, host=shared_host())
    else:
        engine = Checker(config, host=_host(plugins), registry=as_registry(registry if registry.exists() else None))
    source = Source(path=str(case.path), suffix=case.path.suffix.lower(), text=case.path.read_text(encoding="utf-8"))
    result = engine.check_source(source)
    findings, error = result.findings, result.error
    assert error is None, f"{case.path}: {error}"
    assert not result.source_errors, f"{case.path}: {result.source_errors[0].path}: {result.source_errors[0].message}"
    actual = [compact(f) for f in findings]
    expect = _expected_rules(case.path)
    if expect is not None:
        assert Counter(f["rule"] for f in actual) == Counter(expect), (
            f"{case.path.name}: front matter expects {sorted(expect)}, got "
            + json.dumps(actual, indent=2, ensure_ascii=False)
        )
    if update:
        case.expected_path.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    if not case.expected_path.exists():
        pytest.fail(f"{case.expected_path.name} is missing; run pytest with {UPDATE_OPTION} and review it")
    expected = json.loads(case.expected_path.read_text(encoding="utf-8"))
    if actual != expected:
        lines = [f"{case.path.name}: findings differ from {case.expected_path.name}"]
        lines += ["expected:"] + [_line(f) for f in expected] + ["actual:"] + [_line(f) for f in actual]
        lines.append(f"(rerun with {UPDATE_OPTION} to accept the actual findings after reading them)")
        assert actual == expected, "\n".join(lines)


# ------------------------------------------------------------- mutation tests


@dataclass
class KindScore:
    """How the plugins did on the mutations of one kind."""

    mutations: int = 0
    detected: int = 0
    false_positives: int = 0

    @property
    def precision(self) -> float:
        """Detections over detections plus new findings elsewhere (1.0 with neither)."""
        total = self.detected + self.false_positives
        return self.detected / total if total else 1.0

    @property
    def recall(self) -> float:
        """Mutations detected over mutations planted (0.0 with none planted)."""
        return self.detected / self.mutations if self.mutations else 0.0


@dataclass
class MutationReport:
    """What :func:`mutation_report` measured: a score per kind, the findings on the
    clean texts (each a false alarm unless the text really has the problem), and
    the missed and wrongly flagged mutations for reading."""

    kinds: dict[str, KindScore] = field(default_factory=dict)
    clean_findings: list[Finding] = field(default_factory=list)
    misses: list[Mutation] = field(default_factory=list)
    false_positives: list[tuple[Mutation, Finding]] = field(default_factory=list)
    texts: int = 0

    def __str__(self) -> str:
        rows = [f"{'kind':<20}{'planted':>8}{'caught':>8}{'FP':>5}{'precision':>11}{'recall':>8}"]
        for kind, s in sorted(self.kinds.items()):
            rows.append(
                f"{kind:<20}{s.mutations:>8}{s.detected:>8}{s.false_positives:>5}{s.precision:>11.3f}{s.recall:>8.3f}"
            )
        rows.append(f"{len(self.clean_findings)} findings on {self.texts} clean texts")
        return "\n".join(rows)


TextInput = str | tuple[str, str | None]


def _overlaps(f: Finding, spans: list[tuple[int, int]]) -> bool:
    mine = [(f.span.start, f.span.end)] + [(r.span.start, r.span.end) for r in f.related]
    return any((a < d and c < b) or (a == b and c <= a <= d) for a, b in mine for c, d in spans)


def mutation_report(
    texts: Iterable[TextInput],
    *,
    plugins: PluginList = (),
    kinds: Iterable[MutatorChoice] = ("count", "date", "name"),
    seed: int = 0,
    published: str | None = None,
    registry: Registry | str | Path | Iterable[Any] | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
    per_kind: int | None = None,
) -> MutationReport:
    """Plant errors in clean ``texts`` and measure how the plugins catch them.

    ``texts`` are plain texts, or ``(text, published)`` pairs (``YYYY-MM-DD``;
    ``published`` is the default). ``kinds`` name groups of mutators registered
    through ``factlint_register_mutators`` by factlint's own plugins (``count``,
    ``date``, ``name``) or by the plugins under test, or give ``(group, mutator)``
    pairs directly; an unknown name raises ``ValueError``. Mutations are planted from
    the claims factlint's own extractors (and the plugins under test) find, checked
    with only the plugins under test; a finding on a mutated text that the clean
    text did not have is a detection if it overlaps where the error was planted,
    else a false positive. Deterministic for a ``seed``; ``per_kind`` caps the
    mutations of each group.
    """
    rng = random.Random(seed)
    checker = make_engine(plugins, registry=registry, options=options, with_loaders=True)
    # Planting needs factlint's own extractors (counts, dates, names) as well as the
    # plugins under test (for a plugin's own mutators); each plugin once.
    given = list(plugins)
    taken = {name for name, _ in given} | {id(obj) for _, obj in given}
    planter_host = _host(
        [(n, o) for n, o in builtin_plugins() if n not in taken and id(o) not in taken] + given, with_loaders=False
    )
    chosen = select_mutators(kinds, planter_host.mutators)
    # Texts are planted in and checked as plain text, whatever loaders are installed.
    suffix = checker.host.suffix_for("text") or ""
    report = MutationReport()
    planters: dict[str | None, Checker] = {}
    checkers: dict[str | None, Checker] = {}
    planned: list[tuple[Mutation, str, str | None, list[Finding]]] = []
    for index, item in enumerate(texts):
        text, pub = (item, published) if isinstance(item, str) else (item[0], item[1] or published)
        if pub not in planters:
            planters[pub] = Checker(Config.model_validate({"published": pub}), host=planter_host, registry=Registry())
            checkers[pub] = checker if pub is None else Checker(
                checker.config.model_copy(update={"published": PublishedDate.parse(pub)}),
                host=checker.host,
                registry=checker.registry,
            )
        doc_id = f"text-{index}"
        document, _, error = planters[pub].load(Source(path=f"{doc_id}{suffix}", suffix=suffix, text=text))
        if document is None:
            raise AssertionError(f"{doc_id}: could not be loaded: {error}")
        claims, _ = planters[pub].extract(document)
        clean = check(checkers[pub], text, format="text", path=f"{doc_id}{suffix}")
        report.clean_findings.extend(clean)
        report.texts += 1
        pub_day = PublishedDate.parse(pub).value if pub else None
        for mut in mutations_for(doc_id, text, pub_day, list(claims), kinds=chosen, rng=rng):
            planned.append((mut, text, pub, clean))
    by_kind: dict[str, list] = {}
    for row in planned:
        by_kind.setdefault(row[0].family, []).append(row)
    for kind, rows in by_kind.items():
        if per_kind is not None and len(rows) > per_kind:
            rows = random.Random(f"{seed}-{kind}").sample(rows, per_kind)
        score = report.kinds.setdefault(kind, KindScore())
        for mut, text, pub, clean in sorted(rows, key=lambda r: (r[0].doc_id, r[0].start, r[0].kind)):
            old = {(f.rule, mut.shift(f.span.start), mut.shift(f.span.end)) for f in clean}
            found = check(checkers[pub], mut.apply(text), format="text", path=f"{mut.doc_id}{suffix}")
            new = [f for f in found if (f.rule, f.span.start, f.span.end) not in old]
            hits = [f for f in new if _overlaps(f, mut.expected)]
            score.mutations += 1
            if hits:
                score.detected += 1
            else:
                report.misses.append(mut)
            for f in new:
                if f not in hits:
                    score.false_positives += 1
                    report.false_positives.append((mut, f))
    for group, _ in chosen:
        report.kinds.setdefault(group, KindScore())
    return report


def assert_mutations_caught(
    texts: Iterable[TextInput],
    *,
    plugins: PluginList = (),
    kinds: Iterable[MutatorChoice] = ("count", "date", "name"),
    precision: float | Mapping[str, float] = 0.9,
    recall: float | Mapping[str, float] = 0.5,
    max_clean_findings: int | None = 0,
    seed: int = 0,
    **kwargs: Any,
) -> MutationReport:
    """Run :func:`mutation_report`, print its table, and assert the floors: a
    ``precision`` and ``recall`` for every kind (or per kind, as a dict), and at
    most ``max_clean_findings`` findings on the clean texts (None: no limit).
    A kind with nothing planted fails, since it measured nothing."""
    report = mutation_report(texts, plugins=plugins, kinds=kinds, seed=seed, **kwargs)
    print(report)
    problems = []
    for kind, score in sorted(report.kinds.items()):
        p_floor = precision[kind] if isinstance(precision, Mapping) else precision
        r_floor = recall[kind] if isinstance(recall, Mapping) else recall
        if score.mutations == 0:
            problems.append(f"{kind}: no mutation could be planted in these texts")
            continue
        if score.precision < p_floor:
            problems.append(f"{kind}: precision {score.precision:.3f} < {p_floor}")
        if score.recall < r_floor:
            problems.append(f"{kind}: recall {score.recall:.3f} < {r_floor}")
    if max_clean_findings is not None and len(report.clean_findings) > max_clean_findings:
        problems.append(
            f"{len(report.clean_findings)} findings on clean texts (at most {max_clean_findings}): "
            + "; ".join(f"{f.rule} {f.text!r}" for f in report.clean_findings[:5])
        )
    for mut in report.misses[:5]:
        problems.append(f"missed {mut.kind} in {mut.doc_id}: {mut.note}")
    for mut, f in report.false_positives[:5]:
        problems.append(f"false positive after {mut.kind} ({mut.note}): {f.rule} {f.text!r}")
    failed = [p for p in problems if not p.startswith(("missed", "false positive"))]
    assert not failed, f"{report}\n" + "\n".join(problems)
    return report


# -------------------------------------------------------------- pytest plugin


def pytest_addoption(parser: pytest.Parser) -> None:
    """Add ``--factlint-update`` (unless a conftest already added it)."""
    # A project's own conftest may define the same switch; either serves.
    with contextlib.suppress(ValueError):
        parser.addoption(
            UPDATE_OPTION,
            action="store_true",
            default=False,
            help="rewrite the expected findings of golden fixtures (read the diff before committing)",
        )


@pytest.fixture
def factlint_update(request: pytest.FixtureRequest) -> bool:
    """True when golden expectations should be rewritten (``--factlint-update`` or
    ``FACTLINT_UPDATE_FIXTURES=1``)."""
    try:
        flag = request.config.getoption(UPDATE_OPTION)
    except ValueError:
        flag = False  # the functions used without the plugin: only the variable counts
    return bool(flag or os.environ.get(UPDATE_ENV, "") not in ("", "0"))


@pytest.fixture
def factlint_engine() -> Callable[..., Checker]:
    """A factory of checkers: ``factlint_engine(plugins=[("name", module)],
    published=..., registry=..., select=..., options=...)``; see :func:`make_engine`."""
    return make_engine


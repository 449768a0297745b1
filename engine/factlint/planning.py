"""What a run will do, decided once from the config and what the plugins registered:
which rules run (and at what severity, with which options), which extractors they
need and in what order, and which files a directory holds.

Every front end and the suppression comments read rule patterns through
:func:`rule_matches`, so ``--select name/``, a config override and a
``factlint: disable=name`` comment cannot disagree about what a pattern means.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from .errors import UsageError
from .extractors import Extractor
from .models import RuleInfo, Severity
from .rules import RULE_DOC_HEADINGS, Rule

if TYPE_CHECKING:
    from .config import Config
    from .plugins import PluginHost
    from .registry import Registry

__all__ = [
    "Plan",
    "SelectedRule",
    "default_include",
    "rule_doc",
    "rule_info",
    "rule_matches",
    "unmatched_patterns",
]


def rule_matches(rule_id: str, pattern: str) -> bool:
    """Whether ``pattern`` names ``rule_id``: the id itself, its family (``name``)
    or a prefix ending in a slash (``name/``)."""
    pattern = pattern.strip()
    if pattern == rule_id:
        return True
    prefix = pattern if pattern.endswith("/") else pattern + "/"
    return rule_id.startswith(prefix)


def unmatched_patterns(known: Iterable[str], patterns: Iterable[str]) -> list[str]:
    """The patterns that name none of the ``known`` rule ids, in the order given."""
    ids = list(known)
    return [p for p in patterns if not any(rule_matches(r, p) for r in ids)]


def rule_doc(cls: type) -> str:
    """A rule's documentation: its docstring, dedented."""
    return inspect.cleandoc(cls.__doc__ or "").strip()


def missing_doc_headings(cls: type) -> list[str]:
    """The headings of :data:`~factlint.rules.RULE_DOC_HEADINGS` a rule's docstring
    lacks (all of them when it has none)."""
    doc = rule_doc(cls)
    return [h for h in RULE_DOC_HEADINGS if f"## {h}" not in doc]


def undocumented_rules(rules: Sequence[SelectedRule]) -> list[str]:
    """One line per selected rule whose documentation lacks the documented headings."""
    out = []
    for s in rules:
        missing = missing_doc_headings(type(s.rule))
        if missing:
            out.append(
                f"rule {s.rule.id} (plugin {s.plugin}) is not documented: its docstring lacks "
                f"{', '.join('## ' + h for h in missing)} (factlint explain shows what a user gets)"
            )
    return out


def rule_info(cls: type[Rule[Any]], plugin: str, severity: Severity | str | None = None) -> RuleInfo:
    """A rule's metadata as every front end shows it (``factlint rules``, the
    reporters' rule tables, the server's ``/rules``)."""
    return RuleInfo(
        id=cls.id,
        summary=cls.summary,
        severity=Severity(severity or cls.severity),
        plugin=plugin,
        requires=tuple(sorted(cls.requires)),
        fix=cls.fix_safety,
        explanation=rule_doc(cls),
    )


def default_include(host: PluginHost) -> tuple[str, ...]:
    """The globs of every suffix the loaded formats read: what a directory is
    searched for when the config names no ``include`` globs."""
    globs: list[str] = []
    for fmt in host.formats.values():
        for suffix in fmt.suffixes:
            glob = f"*{suffix}"
            if glob not in globs:
                globs.append(glob)
    return tuple(globs)


@dataclass(frozen=True)
class SelectedRule:
    """A rule the run will call, built with its options, at its severity."""

    rule: Rule[Any]
    plugin: str
    severity: Severity
    forced_severity: Severity | None
    """The severity the user's config sets, if any (it then wins over the rule's own)."""

    def context_settings(self, registry: Registry) -> dict[str, Any]:
        """What the rule's check and repository contexts are built with."""
        return {
            "registry": registry,
            "rule_id": self.rule.id,
            "severity": self.severity,
            "plugin": self.plugin,
            "options": self.rule.options,
            "forced_severity": self.forced_severity,
        }

    def info(self) -> RuleInfo:
        """This rule's metadata at the severity it runs with."""
        return rule_info(type(self.rule), self.plugin, self.severity)


@dataclass(frozen=True)
class Plan:
    """The rules to run, the extractors they need (each after those it reads from),
    and the globs that find articles in a directory. Immutable once built, so one
    plan serves every thread, process and worker of a run."""

    rules: tuple[SelectedRule, ...]
    extractors: tuple[tuple[str, Extractor], ...]
    repository_rules: tuple[SelectedRule, ...]
    """The rules with a repository pass, when the config asks for one."""
    include: tuple[str, ...]

    @property
    def repository_kinds(self) -> frozenset[str]:
        """The claim kinds the repository pass reads."""
        return frozenset().union(*(s.rule.requires for s in self.repository_rules))

    @property
    def reads_sources(self) -> bool:
        """Whether a selected rule compares articles with their sources."""
        return any(s.rule.reads_sources for s in self.rules)

    @property
    def rule_ids(self) -> frozenset[str]:
        """The ids of the selected rules."""
        return frozenset(s.rule.id for s in self.rules)

    def rule_infos(self) -> dict[str, RuleInfo]:
        """Each selected rule's metadata, by id."""
        return {s.rule.id: s.info() for s in self.rules}

    @classmethod
    def build(cls, host: PluginHost, config: Config) -> Plan:
        """Plan a run; a pattern or rule name the config gets wrong is a
        :class:`~factlint.errors.UsageError` naming it."""
        rules = tuple(select_rules(host, config))
        repository = tuple(s for s in rules if s.rule.repository) if config.repo_consistency else ()
        return cls(
            rules=rules,
            extractors=tuple(plan_extractors(host, rules)),
            repository_rules=repository,
            include=config.include or default_include(host),
        )


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """``" (did you mean 'x'?)"`` for the closest of ``known`` to a mistyped name, or ""."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
    return f" (did you mean {close[0]!r}?)" if close else ""


def select_rules(host: PluginHost, config: Config) -> list[SelectedRule]:
    """The rules ``config`` selects, in id order, each built with its options."""
    known = sorted(host.rules)
    for option, patterns in (("--select", config.select), ("--ignore", config.ignore)):
        for pattern in unmatched_patterns(known, patterns):
            raise UsageError(
                f"{option}: no rule matches {pattern!r}{did_you_mean(pattern, known)}; "
                f"known rules: {', '.join(known) or 'none'}"
            )
    for rule_id in list(config.severity) + list(config.options):
        if rule_id not in host.rules:
            raise UsageError(
                f"config names unknown rule {rule_id!r}{did_you_mean(rule_id, known)}; known rules: {', '.join(known)}"
            )
    selected = []
    for rule_id in known:
        if config.select and not any(rule_matches(rule_id, p) for p in config.select):
            continue
        if any(rule_matches(rule_id, p) for p in config.ignore):
            continue
        cls = host.rules[rule_id]
        try:
            options = cls.Options.model_validate(config.options.get(rule_id, {}))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ".".join(str(p) for p in err["loc"])
            if err["type"] == "extra_forbidden":
                names = sorted(cls.Options.model_fields)
                known_options = f"; its options: {', '.join(names)}" if names else "; it takes no options"
                raise UsageError(
                    f"options for rule {rule_id}: unknown option {loc!r}{did_you_mean(loc, names)}{known_options}"
                ) from None
            raise UsageError(f"options for rule {rule_id}: {loc}: {err['msg']}") from None
        forced = config.severity.get(rule_id)
        selected.append(
            SelectedRule(cls(options), host.rule_plugins[rule_id], Severity(forced or cls.severity), forced)
        )
    return selected


def unmet_requirements(host: PluginHost, rules: Sequence[SelectedRule]) -> list[str]:
    """One line per selected rule that requires claim kinds no loaded extractor
    produces: it can only find something in claims files, which bring their claims."""
    produced: set[str] = set().union(*(ext.produces for _, ext in host.extractors)) if host.extractors else set()
    out = []
    for s in rules:
        missing = sorted(set(s.rule.requires) - produced)
        if missing:
            out.append(
                f"rule {s.rule.id} reads {', '.join(missing)} claims, which no loaded plugin extracts: it will "
                "find nothing in articles (is the plugin that extracts them disabled or not installed?)"
            )
    return out


def plan_extractors(host: PluginHost, rules: Sequence[SelectedRule]) -> list[tuple[str, Extractor]]:
    """The extractors the rules need, each after those it reads from."""
    needed: set[str] = set().union(*(s.rule.requires for s in rules)) if rules else set()
    chosen: dict[str, tuple[str, type[Extractor]]] = {}
    changed = True
    while changed:
        changed = False
        for plugin, ext in host.extractors:
            if ext.name not in chosen and ext.produces & needed:
                chosen[ext.name] = (plugin, ext)
                needed |= ext.requires
                changed = True
    ordered: list[tuple[str, Extractor]] = []
    pending = sorted(chosen.values(), key=lambda pe: pe[1].name)
    while pending:
        # Ready: nothing still pending produces what it reads (a cycle runs as is).
        ready = [
            pe for pe in pending if not any(pe[1].requires & other[1].produces for other in pending if other is not pe)
        ] or pending
        ordered.extend((plugin, ext()) for plugin, ext in ready)
        pending = [pe for pe in pending if pe not in ready]
    return ordered

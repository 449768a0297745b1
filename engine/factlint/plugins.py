"""The plugin manager: finds plugins through the ``factlint`` entry-point group,
collects what they register, and calls each implementation on its own.

Built-in plugins load through the same entry points as third-party ones, so the
door a plugin author uses is exercised on every run.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pluggy

from . import engine_rules, hookspecs
from .errors import PluginLoadError
from .extractors import Extractor
from .models import ClaimBase, InputFormat
from .mutations import Mutator
from .reporting import Reporter
from .rules import Rule
from .version import PLUGIN_API, __version__

if TYPE_CHECKING:
    from .config import Config

__all__ = ["PLUGIN_FAULTS", "PluginHost", "PluginInfo", "PluginCrash", "describe_value", "shared_host"]

PLUGIN_FAULTS: tuple[type[BaseException], ...] = (Exception, SystemExit, GeneratorExit)
"""What a call into a plugin may raise and the engine reports as that plugin's crash.

``SystemExit`` (a plugin calling ``sys.exit``) and ``GeneratorExit`` are not errors to
Python, but from a plugin they would end the run with no report, or with exit 0 and
a CI gate passing. ``KeyboardInterrupt`` is left out: it is the user stopping the run.
"""


@dataclass
class PluginInfo:
    """One loaded plugin, for ``factlint plugins``."""

    name: str
    version: str
    module: str
    distribution: str = ""
    rules: list[str] = field(default_factory=list)
    extractors: list[str] = field(default_factory=list)
    reporters: list[str] = field(default_factory=list)
    mutators: list[str] = field(default_factory=list)
    claim_kinds: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    fact_files: list[str] = field(default_factory=list)
    api: str = ""
    loaders: bool = False
    hooks: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PluginCrash:
    """A plugin that raised while loading or registering."""

    plugin: str
    where: str
    error: str


class PluginHost:
    """Owns the pluggy manager and everything the plugins registered.

    ``PluginHost.load()`` reads the entry points; ``PluginHost(plugins=[...])`` builds a
    host from modules or objects directly (used by tests and by ``factlint.testing``).
    """

    def __init__(self, plugins: Iterable[tuple[str, Any]] = (), *, versions: dict[str, str] | None = None) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.infos: dict[str, PluginInfo] = {}
        self.crashes: list[PluginCrash] = []
        self.rules: dict[str, type[Rule]] = {}
        self.rule_plugins: dict[str, str] = {}
        self.extractors: list[tuple[str, type[Extractor]]] = []
        self.reporters: dict[str, type[Reporter]] = {}
        self.reporter_plugins: dict[str, str] = {}
        self.claim_kinds: dict[str, type[ClaimBase]] = {}
        self.claim_kind_plugins: dict[str, str] = {}
        self.mutators: dict[str, Mutator] = {}
        self.mutator_plugins: dict[str, str] = {}
        self.formats: dict[str, InputFormat] = {}
        self.format_plugins: dict[str, str] = {}
        self.fact_files: list[tuple[str, str]] = []
        """``(plugin, path)`` of every reference-fact file the plugins register."""
        self.skipped: dict[str, str] = {}
        versions = versions or {}
        for name, obj in plugins:
            self._register(name, obj, versions.get(name, ""), "")
        self._collect()

    @classmethod
    def for_config(cls, config: Config) -> PluginHost:
        """The plugins a config asks for: :meth:`load` with its ``disable_plugins``,
        local ``plugins``, ``autoload`` and ``enable_plugins``."""
        return cls.load(
            config.disable_plugins, local=config.plugins, autoload=config.autoload, enabled=config.enable_plugins
        )

    @classmethod
    def load(
        cls,
        disabled: Iterable[str] = (),
        *,
        local: Iterable[str] = (),
        autoload: bool | None = None,
        enabled: Iterable[str] = (),
    ) -> PluginHost:
        """Load the plugins of the ``factlint`` entry-point group, then local ones.

        ``disabled`` names plugins not to load. ``local`` lists Python files (a
        newsroom's house rules) to load as plugins, named after the file. With
        ``autoload`` false (or ``FACTLINT_DISABLE_PLUGIN_AUTOLOAD=1``), only
        factlint's own plugins and those named in ``enabled`` are loaded from the
        entry points, for locked-down CI. A plugin whose import fails, or that
        declares a plugin API range this factlint is outside of, is recorded as a
        crash (reported as ``engine/plugin-error``); the others still load. The
        engine's own rules (:mod:`factlint.engine_rules`, plugin ``factlint``) are
        always registered.
        """
        if autoload is None:
            autoload = os.environ.get("FACTLINT_DISABLE_PLUGIN_AUTOLOAD", "") in ("", "0")
        host = cls()
        # The engine's own findings are rules, registered as a plugin would: always, so
        # that they can be listed, explained, selected and ignored whatever is disabled.
        host._register(engine_rules.ENGINE_PLUGIN, engine_rules, __version__, "factlint")
        blocked = set(disabled)
        wanted = set(enabled)
        eps = sorted(importlib.metadata.entry_points(group=hookspecs.PROJECT_NAME), key=lambda e: e.name)
        seen: set[str] = set()
        # Reading a distribution's metadata parses its METADATA file: once per distribution.
        about: dict[int, tuple[str, str]] = {}
        for ep in eps:
            if ep.name in seen:
                continue
            seen.add(ep.name)
            dist = getattr(ep, "dist", None)
            if dist is None:
                version = dist_name = ""
            else:
                if id(dist) not in about:
                    metadata = dist.metadata
                    about[id(dist)] = (metadata["Version"], metadata["Name"])
                version, dist_name = about[id(dist)]
            if ep.name in blocked or not (autoload or dist_name == "factlint" or ep.name in wanted):
                host.skipped[ep.name] = "disabled" if ep.name in blocked else "not autoloaded"
                continue
            try:
                obj = ep.load()
            except PLUGIN_FAULTS as exc:  # a broken plugin must not stop the others
                host.crashes.append(PluginCrash(ep.name, "import", f"{type(exc).__name__}: {exc}"))
                continue
            host._register_checked(ep.name, obj, version, dist_name)
        for path in local:
            name = Path(path).stem
            if name in blocked:
                host.skipped[name] = "disabled"
                continue
            try:
                obj = _import_file(Path(path))
            except PLUGIN_FAULTS as exc:
                host.crashes.append(PluginCrash(name, "import", f"{path}: {type(exc).__name__}: {exc}"))
                continue
            host._register_checked(name, obj, "local", str(path))
        host._collect()
        return host

    def _register_checked(self, name: str, obj: Any, version: str, dist: str) -> None:
        """Register a plugin unless it declares a plugin API range we are outside of."""
        wanted = getattr(obj, "FACTLINT_PLUGIN_API", None)
        if wanted is not None and not api_compatible(str(wanted)):
            self.crashes.append(
                PluginCrash(
                    name,
                    "load",
                    f"needs factlint plugin API {wanted}, but this factlint provides {PLUGIN_API}; "
                    f"upgrade the plugin or factlint, or disable it with --disable-plugin {name}",
                )
            )
            return
        self._register(name, obj, version, dist)
        self.infos[name].api = str(wanted) if wanted is not None else ""

    # ------------------------------------------------------------------ loading

    def _register(self, name: str, obj: Any, version: str, dist: str) -> None:
        module = obj.__name__ if isinstance(obj, ModuleType) else type(obj).__module__
        self.pm.register(obj, name=name)
        hooks = sorted(h.name for h in self.pm.get_hookcallers(obj) or () if h.name.startswith("factlint_"))
        self.infos[name] = PluginInfo(
            name=name,
            version=version,
            module=module,
            distribution=dist,
            hooks=hooks,
            loaders="factlint_load_document" in hooks,
        )

    def _call_each(self, hook_name: str) -> list[tuple[str, Any]]:
        """Call every implementation of a registering hook on its own."""
        results = []
        caller = getattr(self.pm.hook, hook_name)
        for impl in sorted(caller.get_hookimpls(), key=lambda i: i.plugin_name):
            try:
                value = impl.function()
            except PLUGIN_FAULTS as exc:
                self.crashes.append(PluginCrash(impl.plugin_name, hook_name, f"{type(exc).__name__}: {exc}"))
                continue
            if value is None:
                value = []
            elif not isinstance(value, _REGISTRATIONS.get(hook_name, (list, tuple))):
                # One class, a string, a generator...: iterating it would register the wrong
                # things or fail later with a traceback. Like a registration of the wrong
                # type, it is a load error naming the plugin.
                wanted = "a list or a mapping" if hook_name == "factlint_register_mutators" else "a list"
                raise PluginLoadError(
                    f"plugin {impl.plugin_name!r}: {hook_name} returned {describe_value(value)}; expected {wanted}"
                )
            results.append((impl.plugin_name, value))
        return results

    def _collect(self) -> None:
        self.rules.clear()
        self.rule_plugins.clear()
        self.extractors.clear()
        self.reporters.clear()
        self.reporter_plugins.clear()
        for plugin, rules in self._call_each("factlint_register_rules"):
            for rule in rules:
                _validate_rule(plugin, rule)
                _record("rule", rule.id, rule, plugin, self.rules, self.rule_plugins, self.infos[plugin].rules,
                        advice="; disable one of them")
        names: dict[str, str] = {}
        for plugin, extractors in self._call_each("factlint_register_extractors"):
            for ext in extractors:
                _validate_class(plugin, ext, Extractor, "an extractor")
                _record("extractor", ext.name, plugin, plugin, names, names, self.infos[plugin].extractors)
                self.extractors.append((plugin, ext))
        self.claim_kinds.clear()
        self.claim_kind_plugins.clear()
        for plugin, kinds in self._call_each("factlint_register_claim_kinds"):
            for kind_cls in kinds:
                kind = _claim_kind(plugin, kind_cls)
                _record("claim kind", kind, kind_cls, plugin, self.claim_kinds, self.claim_kind_plugins,
                        self.infos[plugin].claim_kinds)
        self.formats.clear()
        self.format_plugins.clear()
        for plugin, formats in self._call_each("factlint_register_formats"):
            for fmt in formats:
                if not isinstance(fmt, InputFormat):
                    raise PluginLoadError(
                        f"plugin {plugin!r} registered {fmt!r} as a format; expected a factlint.InputFormat"
                    )
                _record("input format", fmt.name, fmt, plugin, self.formats, self.format_plugins,
                        self.infos[plugin].formats)
        for plugin, reporters in self._call_each("factlint_register_reporters"):
            for rep in reporters:
                _validate_class(plugin, rep, Reporter, "an output format")
                _record("output format", rep.name, rep, plugin, self.reporters, self.reporter_plugins,
                        self.infos[plugin].reporters)
        self.fact_files.clear()
        for plugin, paths in self._call_each("factlint_register_fact_files"):
            for path in paths:
                if not isinstance(path, (str, os.PathLike)):
                    raise PluginLoadError(
                        f"plugin {plugin!r} registered {describe_value(path)} as a fact file; expected a path"
                    )
                self.fact_files.append((plugin, os.fspath(path)))
                self.infos[plugin].fact_files.append(os.fspath(path))
        self.mutators.clear()
        self.mutator_plugins.clear()
        for plugin, groups in self._call_each("factlint_register_mutators"):
            for group, mutator in _mutator_groups(plugin, groups):
                _record("mutation group", group, mutator, plugin, self.mutators, self.mutator_plugins,
                        self.infos[plugin].mutators)

    # ---------------------------------------------------------------- services

    def loaders(self) -> list[tuple[str, Any]]:
        """``(plugin name, function)`` for each document loader, in calling order."""
        impls = self.pm.hook.factlint_load_document.get_hookimpls()
        # pluggy calls the last registered first; we want a stable, documented order:
        # by plugin name, so the outcome never depends on installation order.
        return [(i.plugin_name, i) for i in sorted(impls, key=lambda i: i.plugin_name)]

    def suffix_for(self, format_name: str) -> str | None:
        """The usual suffix of a format given by name (``html``) or by one of its
        suffixes without the dot (``md``, ``txt``); None if no loaded format has it."""
        fmt = self.formats.get(format_name)
        if fmt is not None:
            return fmt.suffixes[0] if fmt.suffixes else None
        for fmt in self.formats.values():
            if f".{format_name}" in fmt.suffixes:
                return f".{format_name}"
        return None

    @staticmethod
    def call(impl: Any, **kwargs: Any) -> Any:
        """Call one hook implementation with just the arguments it names (an
        implementation may take fewer arguments than the spec)."""
        return impl.function(*[kwargs[a] for a in impl.argnames])

    def configure(self, config: Any) -> None:
        """Give every plugin the config (historic hook), recording crashes."""
        for impl in self.pm.hook.factlint_configure.get_hookimpls():
            try:
                self.call(impl, config=config)
            except PLUGIN_FAULTS as exc:
                self.crashes.append(PluginCrash(impl.plugin_name, "factlint_configure", f"{type(exc).__name__}: {exc}"))


def _record(
    what: str,
    key: str,
    value: Any,
    plugin: str,
    table: dict[str, Any],
    owners: dict[str, str],
    listed: list[str],
    *,
    advice: str = "",
) -> None:
    """Register ``value`` under ``key`` for ``plugin`` (in ``table``, ``owners`` and the
    plugin's own ``listed`` names), or refuse a key two plugins register, naming both."""
    if key in table:
        raise PluginLoadError(
            f"{what} {key!r} is registered by both plugin {owners[key]!r} and plugin {plugin!r}{advice}"
        )
    table[key] = value
    owners[key] = plugin
    listed.append(key)


@functools.cache
def shared_host() -> PluginHost:
    """Every installed plugin, loaded once per process: for the Python API and the
    test kit, which check many texts with the same plugins."""
    return PluginHost.load()


# What each registering hook may return besides None; a list for the others.
_REGISTRATIONS: dict[str, tuple[type, ...]] = {
    "factlint_register_mutators": (list, tuple, Mapping),
}

BUILTIN_CLAIM_KINDS = frozenset({"entity", "count", "date", "temporal-relation"})


def _claim_kind(plugin: str, cls: Any) -> str:
    if not (isinstance(cls, type) and issubclass(cls, ClaimBase)):
        raise PluginLoadError(
            f"plugin {plugin!r} registered {cls!r} as a claim kind; expected a factlint.ClaimBase subclass"
        )
    field_info = cls.model_fields.get("kind")
    kind = field_info.default if field_info is not None else None
    if not isinstance(kind, str) or "." not in kind or kind in BUILTIN_CLAIM_KINDS:
        raise PluginLoadError(
            f"plugin {plugin!r}: claim kind {kind!r} of {cls.__name__} must be namespaced, like 'acme.quote'"
        )
    return kind


def _mutator_groups(plugin: str, groups: Any) -> list[tuple[str, Any]]:
    """``(group, mutator)`` pairs from a mapping or a list of pairs, each checked."""
    try:
        pairs = list(groups.items()) if hasattr(groups, "items") else [(g, m) for g, m in groups]
    except (TypeError, ValueError):
        raise PluginLoadError(
            f"plugin {plugin!r} registered mutators as {groups!r}; expected a mapping of group name to mutator"
        ) from None
    for group, mutator in pairs:
        if not isinstance(group, str) or not group or not callable(mutator):
            raise PluginLoadError(
                f"plugin {plugin!r} registered the mutation group {group!r} as {mutator!r}; "
                "expected a group name and a function"
            )
    return pairs


def _import_file(path: Path) -> ModuleType:
    """Import a local plugin file under a private module name."""
    if not path.is_file():
        raise FileNotFoundError(f"no such file {path}")
    name = f"factlint_local_{path.stem}_{hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:8]}"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def api_compatible(spec: str, version: str | None = None) -> bool:
    """Whether plugin API ``version`` (default: this factlint's) satisfies ``spec``,
    a comma-separated list of comparisons such as ``">=1.0,<2"``."""
    have = _version_tuple(version or PLUGIN_API)
    ops = {
        ">=": lambda a, b: a >= b,
        "<=": lambda a, b: a <= b,
        "==": lambda a, b: a == b,
        "!=": lambda a, b: a != b,
        ">": lambda a, b: a > b,
        "<": lambda a, b: a < b,
    }
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        for op in (">=", "<=", "==", "!=", ">", "<"):
            if part.startswith(op):
                want = _version_tuple(part[len(op) :])
                width = max(len(have), len(want))
                if not ops[op](have + (0,) * (width - len(have)), want + (0,) * (width - len(want))):
                    return False
                break
        else:
            raise PluginLoadError(f"plugin API range {spec!r}: cannot read {part!r} (use >=, <, == ...)")
    return True


def _version_tuple(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(x) for x in text.strip().split("."))
    except ValueError:
        raise PluginLoadError(f"plugin API version {text!r} is not numbers separated by dots") from None


def _validate_class(plugin: str, cls: Any, base: type, what: str) -> None:
    """Refuse a registration that is not a named subclass of ``base``, as for rules."""
    if not (isinstance(cls, type) and issubclass(cls, base)):
        raise PluginLoadError(
            f"plugin {plugin!r} registered {describe_value(cls)} as {what}; "
            f"expected a factlint.{base.__name__} subclass"
        )
    name = getattr(cls, "name", None)
    if not isinstance(name, str) or not name:
        raise PluginLoadError(f"plugin {plugin!r}: {what} {cls.__name__} has no name")


def describe_value(value: object) -> str:
    """Something a plugin gave, for a one-line message: its repr, on one line, cut short."""
    try:
        text = " ".join(repr(value).split())
    except PLUGIN_FAULTS:
        text = f"<{type(value).__name__}>"
    return f"{text[:77]}..." if len(text) > 80 else text


def _validate_rule(plugin: str, rule: Any) -> None:
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise PluginLoadError(f"plugin {plugin!r} registered {rule!r}, which is not a factlint.Rule subclass")
    for attr in ("id", "summary"):
        if not getattr(rule, attr, None):
            raise PluginLoadError(f"plugin {plugin!r}: rule {rule.__name__} has no {attr}")
    if "/" not in rule.id:
        raise PluginLoadError(f"plugin {plugin!r}: rule id {rule.id!r} must be family/name")

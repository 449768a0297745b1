"""The plugin manager: finds plugins through the ``factlint`` entry-point group,
collects what they register, and calls each implementation on its own.

Built-in plugins load through the same entry points as third-party ones, so the
door a plugin author uses is exercised on every run.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pluggy

from . import hookspecs
from .errors import PluginLoadError
from .extractors import Extractor
from .reporting import Reporter
from .rules import Rule

__all__ = ["PluginHost", "PluginInfo", "PluginCrash"]


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
        versions = versions or {}
        for name, obj in plugins:
            self._register(name, obj, versions.get(name, ""), "")
        self._collect()

    @classmethod
    def load(cls, disabled: Iterable[str] = ()) -> PluginHost:
        """Load every plugin in the ``factlint`` entry-point group but the disabled ones.

        A plugin whose import fails is recorded as a crash (reported as
        ``engine/plugin-error``); the others still load.
        """
        host = cls()
        blocked = set(disabled)
        eps = sorted(importlib.metadata.entry_points(group=hookspecs.PROJECT_NAME), key=lambda e: e.name)
        seen: set[str] = set()
        for ep in eps:
            if ep.name in blocked or ep.name in seen:
                continue
            seen.add(ep.name)
            dist = getattr(ep, "dist", None)
            version = dist.version if dist is not None else ""
            dist_name = dist.metadata["Name"] if dist is not None else ""
            try:
                obj = ep.load()
            except Exception as exc:  # a broken plugin must not stop the others
                host.crashes.append(PluginCrash(ep.name, "import", f"{type(exc).__name__}: {exc}"))
                continue
            host._register(ep.name, obj, version, dist_name)
        host._collect()
        return host

    # ------------------------------------------------------------------ loading

    def _register(self, name: str, obj: Any, version: str, dist: str) -> None:
        module = obj.__name__ if isinstance(obj, ModuleType) else type(obj).__module__
        self.pm.register(obj, name=name)
        hooks = sorted(
            h.name for h in self.pm.get_hookcallers(obj) or () if h.name.startswith("factlint_")
        )
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
            except Exception as exc:
                self.crashes.append(PluginCrash(impl.plugin_name, hook_name, f"{type(exc).__name__}: {exc}"))
                continue
            results.append((impl.plugin_name, value or []))
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
                if rule.id in self.rules:
                    raise PluginLoadError(
                        f"rule {rule.id!r} is registered by both plugin {self.rule_plugins[rule.id]!r} "
                        f"and plugin {plugin!r}; disable one of them"
                    )
                self.rules[rule.id] = rule
                self.rule_plugins[rule.id] = plugin
                self.infos[plugin].rules.append(rule.id)
        names: dict[str, str] = {}
        for plugin, extractors in self._call_each("factlint_register_extractors"):
            for ext in extractors:
                if ext.name in names:
                    raise PluginLoadError(
                        f"extractor {ext.name!r} is registered by both plugin {names[ext.name]!r} "
                        f"and plugin {plugin!r}"
                    )
                names[ext.name] = plugin
                self.extractors.append((plugin, ext))
                self.infos[plugin].extractors.append(ext.name)
        for plugin, reporters in self._call_each("factlint_register_reporters"):
            for rep in reporters:
                if rep.name in self.reporters:
                    raise PluginLoadError(
                        f"output format {rep.name!r} is registered by both plugin "
                        f"{self.reporter_plugins[rep.name]!r} and plugin {plugin!r}"
                    )
                self.reporters[rep.name] = rep
                self.reporter_plugins[rep.name] = plugin
                self.infos[plugin].reporters.append(rep.name)

    # ---------------------------------------------------------------- services

    def loaders(self) -> list[tuple[str, Any]]:
        """``(plugin name, function)`` for each document loader, in calling order."""
        impls = self.pm.hook.factlint_load_document.get_hookimpls()
        # pluggy calls the last registered first; we want a stable, documented order:
        # by plugin name, so the outcome never depends on installation order.
        return [(i.plugin_name, i) for i in sorted(impls, key=lambda i: i.plugin_name)]

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
            except Exception as exc:
                self.crashes.append(PluginCrash(impl.plugin_name, "factlint_configure", f"{type(exc).__name__}: {exc}"))


def _validate_rule(plugin: str, rule: Any) -> None:
    if not (isinstance(rule, type) and issubclass(rule, Rule)):
        raise PluginLoadError(f"plugin {plugin!r} registered {rule!r}, which is not a factlint.Rule subclass")
    for attr in ("id", "summary"):
        if not getattr(rule, attr, None):
            raise PluginLoadError(f"plugin {plugin!r}: rule {rule.__name__} has no {attr}")
    if "/" not in rule.id:
        raise PluginLoadError(f"plugin {plugin!r}: rule id {rule.id!r} must be family/name")


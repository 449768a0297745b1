"""The findings the engine makes itself, as rules.

A suppression comment that suppresses nothing, a plugin that crashed, a file that
could not be read: the engine reports these, not a plugin's check. Declaring them as
rules lets ``factlint rules`` list them and ``factlint explain`` print their
documentation, and lets a user select, ignore and give a severity to the ones that
may be silenced, exactly as for any other rule. The plugin host registers them
under the plugin name ``factlint`` on every load, whatever plugins are disabled or
autoloaded; their :meth:`~factlint.rules.Rule.check` finds nothing, since the engine
makes their findings where it sees the problem.

A crashed plugin or an unreadable file is never silenced: ignoring those two, or
changing their severity, is refused when the config is read (see
:data:`ALWAYS_REPORTED`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .markers import hookimpl
from .models import Finding, Severity
from .rules import CheckContext, Rule

__all__ = [
    "ALWAYS_REPORTED",
    "BLANKET_SUPPRESSION",
    "ENGINE_PLUGIN",
    "ENGINE_RULES",
    "INPUT_ERROR",
    "PLUGIN_ERROR",
    "UNUSED_SUPPRESSION",
    "BlanketSuppressionRule",
    "EngineRule",
    "InputErrorRule",
    "PluginErrorRule",
    "UnusedSuppressionRule",
]

ENGINE_PLUGIN = "factlint"
"""The plugin name the engine's own rules are registered under."""

UNUSED_SUPPRESSION = "engine/unused-suppression"
BLANKET_SUPPRESSION = "engine/blanket-suppression"
PLUGIN_ERROR = "engine/plugin-error"
INPUT_ERROR = "engine/input-error"

ALWAYS_REPORTED: Mapping[str, str] = {
    PLUGIN_ERROR: "a plugin crash is always reported, as an error",
    INPUT_ERROR: "a file that cannot be checked is always reported, as an error",
}
"""The engine rules that cannot be ignored nor given another severity, each with the
reason a refusal gives: silencing them would make a run that checked less look clean."""


class EngineRule(Rule):
    """A rule whose findings the engine makes itself; its :meth:`check` finds nothing."""

    def check(self, context: CheckContext) -> Iterable[Finding]:
        """Nothing: the engine reports these findings where it meets the problem."""
        return ()


class UnusedSuppressionRule(EngineRule):
    """A suppression comment that suppresses nothing.

    ## What it flags

    A `factlint-disable` or `factlint-disable-next-line` comment that names rules,
    every one of which ran, and that covers no finding of them: the finding it was
    written for has gone, or the comment sits on the wrong line. A comment naming a
    rule this run did not select is not called unused, since it may be needed when
    that rule runs.

    The finding cannot itself be suppressed by a comment. Ignore it, or give it
    another severity, like any rule: `--ignore engine/unused-suppression` or, in the
    config, `severity = {"engine/unused-suppression" = "warning"}`. A run that does not
    select it (`--select count/`) does not report it either.

    ## Why it matters

    Stale suppressions pile up, and one left behind hides the next real finding on
    the lines it still covers: a count edited again later would go unchecked.

    ## Example

    ```
    <!-- factlint-disable-next-line count/mismatch -->
    The letter was signed by three groups: Alpha, Beta and Gamma.
    ```

    The count matches the list, so the comment suppresses nothing.

    ## Use instead

    ```
    The letter was signed by three groups: Alpha, Beta and Gamma.
    ```

    ## Fix safety

    No fix is offered: the comment may carry a reason the desk wants to read before
    it goes, and only the writer knows whether the finding it names will return.

    ## Options

    None.
    """

    id = UNUSED_SUPPRESSION
    summary = "A suppression comment that suppresses nothing."
    severity = Severity.INFO


class BlanketSuppressionRule(EngineRule):
    """A disable comment that names no rule.

    ## What it flags

    A `factlint-disable` or `factlint-disable-next-line` comment with no rule id or
    prefix after it. It still works: it suppresses every finding of every rule on the
    lines it covers, until a `factlint-enable`. This finding says so, once per comment.

    It cannot itself be suppressed by a comment. Ignore it, or give it another
    severity, like any rule: `--ignore engine/blanket-suppression` or, in the config,
    `severity = {"engine/blanket-suppression" = "warning"}`.

    ## Why it matters

    A comment meant for one finding also hides every other problem on those lines,
    including ones written after it, from every rule added later.

    ## Example

    ```
    <!-- factlint-disable -->
    The letter was signed by four groups: Alpha, Beta and Gamma.
    <!-- factlint-enable -->
    ```

    ## Use instead

    ```
    <!-- factlint-disable count/mismatch -- the fourth group asked not to be named -->
    The letter was signed by four groups: Alpha, Beta and Gamma.
    <!-- factlint-enable count/mismatch -->
    ```

    ## Fix safety

    No fix is offered: which rules the comment was meant for is known only to the
    person who wrote it.

    ## Options

    None.
    """

    id = BLANKET_SUPPRESSION
    summary = "A disable comment that names no rule, so it hides every finding."
    severity = Severity.INFO


class PluginErrorRule(EngineRule):
    """A plugin that crashed; the rest of the run went on without it.

    ## What it flags

    A plugin that raised an exception while it was imported, registered what it
    provides, loaded a document, extracted claims or ran a rule, or that declares a
    plugin API range this factlint is outside of. The finding names the plugin, what
    it was doing and the exception (with the file and line it came from); every other
    plugin still ran, and the run exits 3.

    It cannot be silenced: `--ignore engine/plugin-error`, and a severity set for it
    in the config, are refused with a usage error (exit 2). `--ignore engine/` leaves
    it reported, and so does a `--select` that does not name it.

    ## Why it matters

    A crashed plugin means its findings are missing. A run that hid the crash would
    look clean when it checked less than it was asked to.

    ## Example

    ```
    <plugins>:1:1: error engine/plugin-error plugin 'house-style' crashed in import:
    ModuleNotFoundError: No module named 'yaml'
    ```

    ## Use instead

    Install what the plugin needs, upgrade the plugin or factlint (for an API range),
    or switch the plugin off with `--disable-plugin NAME` until it is mended.

    ## Fix safety

    No fix: the problem is in the plugin, not in the article.

    ## Options

    None.
    """

    id = PLUGIN_ERROR
    summary = "A plugin crashed; the rest of the run went on without it."
    severity = Severity.ERROR


class InputErrorRule(EngineRule):
    """A file that could not be checked.

    ## What it flags

    A path that does not exist, a directory holding no articles, a file that cannot
    be read, is binary, is not UTF-8 or is empty, an article whose front matter or a
    claims file that is not valid, a file no loaded format reads, and a registry file
    that could not be used. The text output prints it on standard error, the json
    output lists it under `errors`, SARIF as a tool notification; the run exits 2
    unless a plugin crashed.

    It cannot be silenced: `--ignore engine/input-error`, and a severity set for it in
    the config, are refused with a usage error (exit 2). To skip files, `exclude`
    them.

    ## Why it matters

    A file that was not checked has no findings, which looks exactly like a file that
    was checked and found clean.

    ## Example

    ```
    articles/old.md:2:6: error engine/input-error not valid UTF-8 (byte 0xff); save the file as UTF-8
    ```

    ## Use instead

    Save the file as UTF-8, repair its front matter, or leave it out with
    `--exclude` or the config's `exclude`.

    ## Fix safety

    No fix: the file has to be repaired, or left out, by hand.

    ## Options

    None.
    """

    id = INPUT_ERROR
    summary = "A file could not be read or is not valid input."
    severity = Severity.ERROR


ENGINE_RULES: tuple[type[EngineRule], ...] = (
    UnusedSuppressionRule,
    BlanketSuppressionRule,
    PluginErrorRule,
    InputErrorRule,
)
"""Every rule whose findings the engine makes itself."""


@hookimpl
def factlint_register_rules() -> list[type[Rule]]:
    """The engine's own rules."""
    return list(ENGINE_RULES)

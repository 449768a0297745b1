"""Exceptions a plugin may raise, and the exit codes of the ``factlint`` command."""

from __future__ import annotations

from enum import IntEnum

__all__ = ["ExitCode", "LoadError", "PluginLoadError", "UsageError"]


class ExitCode(IntEnum):
    """What the ``factlint`` command's exit status means. The one place it is defined."""

    OK = 0
    """Nothing at or above ``--fail-on``."""
    FINDINGS = 1
    """At least one finding at or above ``--fail-on``."""
    INPUT_ERROR = 2
    """A usage or input error: bad flag, unreadable file, invalid claims file, bad config."""
    PLUGIN_ERROR = 3
    """A plugin crashed (its findings say which and where); everything else still ran."""


class LoadError(Exception):
    """A loader's way of saying "this file is in my format, but it is broken".

    The engine reports it as an input error naming the file, and the ``line`` and
    ``column`` when given, and goes on with the other files.
    """

    def __init__(self, message: str, *, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class UsageError(Exception):
    """A bad command-line argument or configuration value (exit 2)."""


class PluginLoadError(Exception):
    """Plugins that cannot work together, e.g. two registering one rule id (exit 2)."""

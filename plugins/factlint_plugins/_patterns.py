"""Regular expressions compiled the first time they are used, not at import.

The built-in extractors and checks hold a few hundred module-level patterns, most of
which a short article never reaches (a prefilter or an earlier test keeps them off
its sentences). Compiling them all at import was the largest part of starting
factlint; compiled on first use, a one-article run pays only for the ones it needs.
"""

from __future__ import annotations

import re
from typing import Any, cast

__all__ = ["lazy_compile"]

# What is read off a compiled pattern: bound onto the wrapper at the first use, so every
# later call is a plain attribute lookup, as fast as on the compiled pattern itself.
_BOUND = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner", "groups",
          "groupindex")


class _LazyPattern:
    """A pattern whose compilation waits for its first use."""

    def __init__(self, pattern: str, flags: int) -> None:
        # Known without compiling: composing a pattern from another reads only these.
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        compiled = re.compile(self.pattern, self.flags)
        for attribute in _BOUND:
            setattr(self, attribute, getattr(compiled, attribute))
        self.flags = compiled.flags  # with the flags the pattern sets inline
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self.flags!r})"


def lazy_compile(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, done when the pattern is first searched with."""
    return cast("re.Pattern[str]", _LazyPattern(pattern, int(flags)))

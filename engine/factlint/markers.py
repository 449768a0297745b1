"""The pluggy markers of the ``factlint`` hook namespace: what a plugin decorates its
hook functions with (:data:`hookimpl`, public as ``factlint.hookimpl``) and what the
contract in :mod:`factlint.hookspecs` is declared with. Kept apart from the contract
so that a module may mark its hooks without importing every type the contract names."""

from __future__ import annotations

import pluggy

__all__ = ["PROJECT_NAME", "hookimpl", "hookspec"]

PROJECT_NAME = "factlint"
"""The hook namespace and the entry-point group plugins register in."""

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
"""Marks a hook specification (for the contract only)."""
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
"""Marks a plugin's implementation of a hook."""

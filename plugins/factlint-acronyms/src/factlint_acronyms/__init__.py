"""factlint-acronyms: acronyms used without their expansion, or expanded two ways.

An example of a complete factlint plugin: a claim kind of its own, an extractor
producing it, two rules reading it, and mutators planting the errors those rules
catch, all registered through hooks.
"""

from __future__ import annotations

import factlint

from .claims import AcronymDefinition, AcronymUse
from .extract import AcronymExtractor
from .mutations import drop_expansion, redefine
from .rules import AcronymRedefined, AcronymUndefined

__all__ = ["AcronymDefinition", "AcronymExtractor", "AcronymRedefined", "AcronymUndefined", "AcronymUse"]
__version__ = "0.1.0"

FACTLINT_PLUGIN_API = ">=1.0,<2"
"""The plugin API versions this plugin works with; factlint refuses it outside them."""


@factlint.hookimpl
def factlint_register_claim_kinds() -> list[type[factlint.ClaimBase]]:
    """Register the ``acronym.definition`` and ``acronym.use`` claim kinds."""
    return [AcronymDefinition, AcronymUse]


@factlint.hookimpl
def factlint_register_extractors() -> list[type[factlint.Extractor]]:
    """Register the extractor that finds them."""
    return [AcronymExtractor]


@factlint.hookimpl
def factlint_register_rules() -> list[type[factlint.Rule]]:
    """Register ``acronym/undefined`` and ``acronym/redefined``."""
    return [AcronymUndefined, AcronymRedefined]


@factlint.hookimpl
def factlint_register_mutators() -> dict[str, factlint.Mutator]:
    """Register the mutation groups ``acronym-undefined`` (an expansion dropped) and
    ``acronym-redefined`` (an acronym spelled out again with one word changed), named
    after the rule expected to notice each."""
    return {"acronym-undefined": drop_expansion, "acronym-redefined": redefine}

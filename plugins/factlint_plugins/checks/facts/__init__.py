"""Reference-fact checks: titles and office holders at the article's time
(``fact/title``, ``fact/holder``), recorded events told wrongly (``fact/event``), and
well-known names misspelled in their only mention (``name/reference``).

The facts come from ``context.facts``: the files given with ``--facts`` or ``facts``
in the configuration, and the built-in data of :mod:`factlint_plugins.reference`.
Every finding quotes the record it relies on and that record's source, and a rule
says nothing about a time past the record's ``valid_through``.
"""

from __future__ import annotations

import factlint

from .events import EventRule
from .reference import NameReferenceRule
from .titles import HolderRule, TitleRule

# One rule per line, sorted by id.
_RULES: tuple[type[factlint.Rule], ...] = (
    EventRule,
    HolderRule,
    TitleRule,
    NameReferenceRule,
)


@factlint.hookimpl
def factlint_register_rules() -> list[type[factlint.Rule]]:
    """Register the reference-fact checks."""
    return list(_RULES)

"""Errors to plant for mutation tests of this plugin (see ``factlint.testing``).

Each function is a :class:`factlint.Mutator`: it reads the claims of a clean text
and returns edits that make an acronym undefined or redefined. The plugin registers
them (``factlint_register_mutators``) as the groups ``acronym-undefined`` and
``acronym-redefined``, which ``mutation_report(kinds=[...])`` selects by name.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from typing import Any

from factlint.mutations import Mutation

from .known import BUILT_IN_KNOWN

__all__ = ["drop_expansion", "redefine"]

# A different word with the same initial, so the changed expansion still spells
# the acronym (a slip a reporter could make, not a different acronym).
_SAME_INITIAL = {
    "A": "Association", "B": "Bureau", "C": "Council", "D": "Department", "E": "Executive",
    "F": "Front", "G": "Group", "I": "Institute", "L": "League", "M": "Movement", "N": "National",
    "O": "Organisation", "P": "Party", "R": "Republic", "S": "Service", "U": "Union",
}


def _split(claims: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    defs = [c for c in claims if c.kind == "acronym.definition" and c.style == "expansion-first"
            and c.matched and c.expansion_span is not None]
    uses = [c for c in claims if c.kind == "acronym.use" and not c.heading and not c.in_name]
    return defs, uses


def drop_expansion(doc_id: str, text: str, published: Any, claims: Sequence[Any], rng: random.Random) -> Iterator[Mutation]:
    """"Rapid Support Forces (RSF) ... RSF" -> "RSF ... RSF": the expansion removed."""
    defs, uses = _split(claims)
    for d in defs:
        if d.acronym in BUILT_IN_KNOWN or len(d.acronym) < 3:
            continue  # readers know it, or too short: the rule leaves it alone by design
        if not any(u.acronym == d.acronym and u.span.start > d.span.end for u in uses):
            continue
        close = text.find(")", d.span.end)
        if close < 0 or close - d.span.end > 3:
            continue
        start = d.expansion_span.start
        mut = Mutation("acronym-drop-expansion", doc_id, start, close + 1, d.acronym, [], f"dropped {d.expansion!r}")
        mut.expected = [(start, start + len(d.acronym))]
        yield mut


def redefine(doc_id: str, text: str, published: Any, claims: Sequence[Any], rng: random.Random) -> Iterator[Mutation]:
    """A later bare use spelled out again with one word changed."""
    defs, uses = _split(claims)
    for d in defs:
        later = [u for u in uses if u.acronym == d.acronym and u.span.start > d.span.end]
        words = (d.expansion or "").split()
        choices = [i for i, w in enumerate(words) if w[:1] in _SAME_INITIAL and w != _SAME_INITIAL[w[:1]]]
        if not later or not choices:
            continue
        i = rng.choice(choices)
        words[i] = _SAME_INITIAL[words[i][0]]
        new = f"{' '.join(words)} ({d.acronym})"
        use = later[0]
        mut = Mutation("acronym-redefine", doc_id, use.span.start, use.span.start + len(d.acronym), new, [],
                       f"{d.expansion!r} -> {' '.join(words)!r}")
        mut.expected = [(use.span.start, use.span.start + len(new))]
        yield mut

"""Plant labelled errors in clean text, deterministically: the contract of mutation testing.

A :class:`Mutation` is one text edit to one clean article, the kind of error it plants
and the spans where a finding is expected. A :data:`Mutator` proposes the mutations a
text allows, from the text, its publication date and the claims the extractors found
in it. Mutators come from plugins (the ``factlint_register_mutators`` hook), each under
a group name: the rule family expected to notice its errors. factlint's own count,
date and name mutators are the built-in plugin ``factlint_plugins.mutators``, so the
benchmark (``bench/``) and the plugin test kit (:mod:`factlint.testing`) plant the
same errors through the same door as a plugin author's.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .models import ClaimBase

__all__ = ["Mutation", "Mutator", "MutatorChoice", "mutations_for", "select_mutators"]


@dataclass
class Mutation:
    """One planted error: replace ``text[start:end]`` with ``replacement``.

    ``expected`` holds the ``[start, end)`` spans, in the mutated text, where a
    finding counts as a detection. ``family`` is the group of the mutator that
    planted it, the rule family expected to notice it (``count``); when not given it
    is the first word of ``kind`` (``count-number`` -> ``count``).
    """

    kind: str
    doc_id: str
    start: int
    end: int
    replacement: str
    expected: list[tuple[int, int]]
    note: str
    family: str = field(default="")

    def __post_init__(self) -> None:
        self.family = self.family or self.kind.split("-")[0]

    def apply(self, text: str) -> str:
        """The mutated text."""
        return text[: self.start] + self.replacement + text[self.end :]

    @property
    def delta(self) -> int:
        """How far text after the edit moves."""
        return len(self.replacement) - (self.end - self.start)

    def shift(self, offset: int) -> int:
        """Where an offset of the original text is in the mutated text."""
        return offset + self.delta if offset >= self.end else offset


class Mutator(Protocol):
    """A generator of mutations: ``(doc_id, text, published, claims, rng) -> mutations``.

    A plugin author writes one to plant the errors their own rules look for, and
    registers it with the ``factlint_register_mutators`` hook. It reads the clean
    ``text`` (its ``published`` date, None when unknown, and the ``claims`` the
    extractors found in it) and yields every :class:`Mutation` the text allows; any
    random choice is drawn from ``rng``, so the same seed plants the same errors.
    """

    def __call__(
        self, doc_id: str, text: str, published: dt.date | None, claims: Sequence[ClaimBase], rng: random.Random, /
    ) -> Iterable[Mutation]: ...

MutatorChoice = str | tuple[str, Mutator]
"""A registered group's name, or a ``(group, mutator)`` pair given directly."""


def select_mutators(
    kinds: Iterable[MutatorChoice] | None, registered: Mapping[str, Mutator]
) -> list[tuple[str, Mutator]]:
    """``(group, mutator)`` for each of ``kinds``, in order: a name is looked up in
    ``registered`` (what the plugins registered), a pair is taken as it is. ``None``
    selects every registered group. An unknown name raises ``ValueError`` listing the
    registered ones."""
    if kinds is None:
        return list(registered.items())
    out: list[tuple[str, Mutator]] = []
    for entry in kinds:
        if not isinstance(entry, str):
            group, mutator = entry
            out.append((group, mutator))
        elif entry in registered:
            out.append((entry, registered[entry]))
        else:
            known = ", ".join(sorted(registered)) or "none"
            raise ValueError(f"no plugin registers the mutation group {entry!r}; registered: {known}")
    return out


def mutations_for(
    doc_id: str,
    text: str,
    published: dt.date | None,
    claims: Sequence[ClaimBase],
    *,
    kinds: Iterable[MutatorChoice] | None = None,
    rng: random.Random,
    mutators: Mapping[str, Mutator] | None = None,
) -> list[Mutation]:
    """Every mutation of the given groups that ``text`` allows.

    ``kinds`` names registered groups (factlint's own are ``count``, ``date`` and
    ``name``) or gives ``(group, mutator)`` pairs; ``None`` runs every registered
    group. Names are looked up in ``mutators``: what the plugins registered
    (``PluginHost.mutators``, or :func:`factlint.testing.installed_mutators`); a name
    not there raises ``ValueError``. The group becomes each mutation's
    ``family``.
    """
    chosen = None if kinds is None else list(kinds)
    if mutators is None:
        mutators = {}
    out: list[Mutation] = []
    for group, mutator in select_mutators(chosen, mutators):
        for mut in mutator(doc_id, text, published, claims, rng):
            mut.family = group
            out.append(mut)
    return out

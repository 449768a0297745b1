"""Count mutations: a real list's count changed, or its last item dropped."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator, Sequence

from factlint import ClaimBase, CountClaim, Mutation

from .._english import number_words

__all__ = ["count_mutations"]

# Counts are restyled in words up to twenty; past it news style writes digits.
_WORDS = number_words(20)


def _restyle(number_text: str, n: int) -> str | None:
    """``n`` written the way ``number_text`` is (digits or words, capitalised or not)."""
    if number_text.isdigit():
        return str(n)
    if n >= len(_WORDS) or n < 2:
        return None
    word = _WORDS[n]
    return word.capitalize() if number_text[0].isupper() else word


def count_mutations(
    doc_id: str, text: str, published: dt.date | None, claims: Sequence[ClaimBase], rng: random.Random
) -> Iterator[Mutation]:
    """``count-number`` and ``count-item`` mutations of the complete lists in ``text``."""
    for c in claims:
        if c.kind != "count" or not isinstance(c, CountClaim):
            continue
        items_of = c.items
        if not items_of or c.partial or c.qualifier != "exact" or len(items_of) != c.value:
            continue  # only lists that agree with their count in the clean text
        start, end = c.span.start, c.span.end
        m = re.match(r"\d+|[A-Za-z]+", text[start:end])
        if not m:
            continue
        num_start, num_end = start + m.start(), start + m.end()
        items = [(i.span.start, i.span.end) for i in items_of]
        for n in (c.value + 1, c.value - 1):
            new = _restyle(m.group(), n)
            if new is None:
                continue
            mut = Mutation("count-number", doc_id, num_start, num_end, new, [], f"{m.group()} -> {new}")
            mut.expected = [(num_start, num_start + len(new))] + [(mut.shift(a), mut.shift(b)) for a, b in items]
            yield mut
        if len(items) >= 3:
            (pa, pb), (la, lb) = items[-2], items[-1]
            if re.fullmatch(r",?\s+and\s+", text[pb:la]):
                prev_sep_start = items[-3][1]
                # "A, B and C" -> "A and B": replace ", B and C" by " and B".
                replacement = " and " + text[pa:pb]
                mut = Mutation("count-item", doc_id, prev_sep_start, lb, replacement, [], f"dropped {text[la:lb]!r}")
                mut.expected = [(start, end)] + [(mut.shift(a), mut.shift(b)) for a, b in items[:-3]]
                mut.expected.append((prev_sep_start, prev_sep_start + len(replacement)))
                yield mut

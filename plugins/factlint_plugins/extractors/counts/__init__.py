"""Stated counts ("10 organizations", "a dozen groups", "more than 20 countries") and
the lists they introduce.

A count is a cardinal number with the noun it counts. Numbers that are not counts of
things (years, dates, times, money, percentages, ordinals, ages, ranges, measurements,
numbers inside names) yield nothing. A list is attached only when it plainly
enumerates things of the counted noun: after a colon, a dash or an opening
parenthesis, as an apposition of names ("two groups, Zochrot and New Profile,"), in
the next sentence ("They are: ..."), as the bulleted list that follows, or after
"including", "such as" and the like (then the list is ``partial``). When in doubt, no
list is attached, so the count check stays quiet.

An item may carry a quantity of its own, when the list gives the parts of the whole
("three people: two men and a woman", a run of games with its wins and draws, "the
three days (April 9 - 11)"): the check then adds the parts up.

The extractor reads a block in layers, one module each: the words it knows
(:mod:`.lexicon`), numbers in digits and in words (:mod:`.numbers`), where a number
states a count and of what (:mod:`.scan`), how a run of text splits into the items of
a list (:mod:`.lists`), the lists set right after a count (:mod:`.appositions`), which
list a count introduces (:mod:`.attachment`), and counts stated with their parts
(:mod:`.parts`). This module puts them together into claims.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import pairwise

import factlint
from factlint import ClaimSet, CountClaim, CountItem, Document, Extractor

from .attachment import _attach, _later_lists
from .lists import _List
from .parts import _part_shapes, _parts_of_counts
from .scan import _Count, _scan_counts

__all__ = ["CountsExtractor", "extract_counts"]


def extract_counts(document: Document) -> Iterator[CountClaim]:
    """Yield the counts stated in ``document``, each with the list it introduces."""
    text = document.text
    blocks = [b for b in document.blocks if b.kind != "other"]
    attached: list[tuple[_Count, _List | None]] = []
    shapes = _part_shapes(text)
    for bi, block in enumerate(blocks):
        counts = list(_scan_counts(text, block))
        # A run of games is stated with its results, which are the parts of the run.
        results: dict[int, _List] = {}
        at = {c.num_start for c in counts}
        for count, parts in _parts_of_counts(text, block, shapes):
            results[count.num_start] = parts
            if count.num_start not in at:
                at.add(count.num_start)
                counts.append(count)
        if not counts:
            continue
        if results:
            counts.sort(key=lambda c: c.num_start)
        starts = [c.num_start for c in counts]
        in_order = all(a <= b for a, b in pairwise(starts))
        claimed: set[tuple[int, int]] = set()
        for count in counts:
            lst = results.get(count.num_start) or _attach(
                document, blocks, bi, count, counts, starts if in_order else None
            )
            if lst is not None:
                key = (lst.start, lst.end)
                if key in claimed:
                    lst = None  # one list belongs to one count
                else:
                    claimed.add(key)
            attached.append((count, lst))
    if any(lst is None for _, lst in attached):
        taken = {(lst.start, lst.end) for _, lst in attached if lst is not None}
        later = _later_lists(document, [c for c, _ in attached], taken)
        attached = [(c, lst if lst is not None else later.get(c.num_start)) for c, lst in attached]
    for count, lst in attached:
        if count.partitive and (lst is None or lst.partial):
            continue  # "two of the victims" says nothing checkable without its list
        yield _claim(document, count, lst)


def _claim(document: Document, count: _Count, lst: _List | None) -> CountClaim:
    start, end = count.num_start, count.noun_end
    items: tuple[CountItem, ...] = ()
    list_span = None
    confidence = 0.9
    partial = False
    if lst is not None:
        quantities = lst.quantities or [1] * len(lst.items)
        items = tuple(
            CountItem(text=t, span=document.span(s, e), quantity=q)
            for (s, e, t), q in zip(lst.items, quantities, strict=True)
        )
        list_span = document.span(lst.start, lst.end)
        confidence = max(0.0, min(1.0, lst.confidence))
        partial = lst.partial
    return CountClaim(
        id=f"count:{start}-{end}",
        text=document.text[start:end],
        span=document.span(start, end),
        confidence=round(confidence, 3),
        value=count.value,
        noun=count.noun or None,
        qualifier=count.qualifier,
        partial=partial,
        items=items,
        list_span=list_span,
    )


class CountsExtractor(Extractor):
    """Stated counts ("10 organizations", "a dozen groups", "more than 20 countries"),
    with their noun, qualifier and the list each one introduces."""

    name = "counts"
    produces = frozenset({"count"})

    def extract(self, document: Document, claims: ClaimSet) -> Iterable[CountClaim]:
        """Yield a :class:`factlint.CountClaim` for every count in ``document``."""
        return list(extract_counts(document))


@factlint.hookimpl
def factlint_register_extractors() -> list[type[Extractor]]:
    """Register the counts extractor."""
    return [CountsExtractor]

"""``source/list``: an item of a list in the article that differs from the item in the
same place of the source's list.

A list in the article (the ten groups that signed a letter) is paired with a list in
a source when the two hold as many items, or mostly the same ones. Items are then
paired slot by slot: first every item the source writes the same way (or as a longer
name holding it: "B'Tselem" in "B'Tselem – The Israeli Information Center ..."), or
as a respelling of it (paired here, reported by ``source/name``); then the items
left over, in order, when as many are left on both sides and the lists keep one
order. An item paired with a different one ("Fighters for Peace" in the place of
"Combatants for Peace") is this rule's finding.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import factlint
from factlint import ClaimSet, CountClaim, CountItem, Document

from ..name_matching import TOKEN_THRESHOLD, compare, contains, name_tokens
from .align import source_index

if TYPE_CHECKING:
    from factlint import SourceDocument

__all__ = ["ItemPair", "ListPair", "SourceListRule", "aligned_lists", "item_relation"]

Relation = Literal["same", "part", "respelled", "different"]

MIN_SHARED = 0.5
"""The least share of the article's items that must be in the source's list for two
lists of one length to be paired; lists of different lengths need more (0.7)."""


@dataclass(frozen=True)
class ItemPair:
    """An article item and the source item in its place."""

    article: CountItem
    source: CountItem
    relation: Relation
    """``same`` (the same words), ``part`` (one is part of the other's name, word for
    word), ``respelled`` (the same name spelled otherwise) or ``different``."""
    by_position: bool
    """True when the pair rests on the place alone (the leftovers of both lists)."""


@dataclass(frozen=True)
class ListPair:
    """A list of the article and the list of a source it was written from."""

    article: CountClaim
    source: CountClaim
    document: SourceDocument
    """The source the list is in."""
    items: tuple[ItemPair, ...]
    """The pairs found, in the article's order."""


def _bare(text: str) -> str:
    """An item without a leading article: "the Human Rights Defenders Fund"."""
    for lead in ("the ", "The "):
        if text.startswith(lead):
            return text[len(lead) :]
    return text


def item_relation(article: str, source: str) -> Relation:
    """How an article item stands to a source item (see :class:`ItemPair`)."""
    a, s = name_tokens(_bare(article)), name_tokens(_bare(source))
    if not a or not s:
        return "different"
    if a == s:
        return "same"
    short, long = (a, s) if len(a) < len(s) else (s, a)
    if any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1)):
        return "part"
    if compare(article, source).same:
        return "respelled"
    if len(a) != len(s) and max(contains(_bare(source), _bare(article)), contains(_bare(article), _bare(source))) >= (
        TOKEN_THRESHOLD
    ):
        return "respelled"
    return "different"


def _pair_items(article: Sequence[CountItem], source: Sequence[CountItem]) -> list[ItemPair] | None:
    """Pair the items of two lists (None when they are not one list)."""
    pairs: dict[int, ItemPair] = {}
    used: set[int] = set()
    for want in ("same", "part", "respelled"):
        for i, item in enumerate(article):
            if i in pairs:
                continue
            for j, other in enumerate(source):
                if j not in used and item_relation(item.text, other.text) == want:
                    pairs[i] = ItemPair(item, other, want, False)
                    used.add(j)
                    break
    shared = len(pairs) / len(article)
    if len(article) == len(source):
        if shared < MIN_SHARED:
            return None
    elif shared < 0.7:
        return None
    left_a = [i for i in range(len(article)) if i not in pairs]
    left_s = [j for j in range(len(source)) if j not in used]
    # The leftovers are paired by place only when both lists keep one order (every
    # pair so far is ordered alike) and as many are left on each side.
    ordered = [pairs[i].source for i in sorted(pairs)]
    positions = [next(j for j, s in enumerate(source) if s is item) for item in ordered]
    if left_a and len(left_a) == len(left_s) and positions == sorted(positions):
        for i, j in zip(left_a, left_s, strict=True):
            if _between_pairs(i, j, pairs, source):
                pairs[i] = ItemPair(article[i], source[j], "different", True)
    return [pairs[i] for i in sorted(pairs)]


def _between_pairs(i: int, j: int, pairs: dict[int, ItemPair], source: Sequence[CountItem]) -> bool:
    """Whether source item ``j`` sits between the source items paired with the article
    items around ``i``: the same gap in both lists."""
    index_of = {id(s): k for k, s in enumerate(source)}
    before = [index_of[id(p.source)] for k, p in pairs.items() if k < i and not p.by_position]
    after = [index_of[id(p.source)] for k, p in pairs.items() if k > i and not p.by_position]
    return (not before or max(before) < j) and (not after or min(after) > j)


class _Memo:
    """The list pairs of the last few articles, per article and sources index."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.by_index: weakref.WeakKeyDictionary[object, dict[int, tuple[Document, list[ListPair]]]] = (
            weakref.WeakKeyDictionary()
        )


_MEMO = _Memo()


def aligned_lists(
    document: Document, claims: ClaimSet, sources: Sequence[SourceDocument]
) -> list[ListPair]:
    """The lists of ``document`` paired with a list of one of ``sources``, each with its
    items paired. Memoised per article and sources: ``source/list`` and
    ``source/name`` both read them."""
    if not sources:
        return []
    index = source_index(sources)
    with _MEMO.lock:
        per = _MEMO.by_index.setdefault(index, {})
        hit = per.get(id(document))
        if hit is not None and hit[0] is document:
            return hit[1]
    found = list(_find_pairs(claims, index.sources))
    with _MEMO.lock:
        per = _MEMO.by_index.setdefault(index, {})
        per[id(document)] = (document, found)
        while len(per) > 8:
            per.pop(next(iter(per)))
    return found


MAX_ITEM_WORDS = 8
"""Lists with a longer item are not paired: an item that long is a clause or runs
across a sentence's end (a lower-cased summary), not one thing named."""


def _lists(claims: ClaimSet) -> list[CountClaim]:
    return [
        c for c in claims.of_kind("count", CountClaim)
        if isinstance(c, CountClaim) and len(c.items) >= 2
        and all(len(i.text.split()) <= MAX_ITEM_WORDS and " . " not in i.text for i in c.items)
    ]


def _find_pairs(claims: ClaimSet, sources: Sequence[SourceDocument]) -> Iterator[ListPair]:
    candidates = [(source, lst) for source in sources for lst in _lists(source.claims)]
    if not candidates:
        return
    for lst in _lists(claims):
        best: tuple[float, ListPair] | None = None
        for source, other in candidates:
            pairs = _pair_items(lst.items, other.items)
            if pairs is None:
                continue
            kept = sum(p.relation != "different" for p in pairs) / len(lst.items)
            if best is None or kept > best[0]:
                best = (kept, ListPair(lst, other, source, tuple(pairs)))
        if best is not None:
            yield best[1]


def item_span(document: Document, pair: ItemPair) -> tuple[factlint.Span, str]:
    """The article's span to flag for a pair and the source's words to suggest: the
    item without a leading "the" when the source's item has one too, or lacks one
    where the article's "the" would be wrong before the source's name."""
    a, s = pair.article, pair.source
    bare_a, bare_s = _bare(a.text), _bare(s.text)
    if bare_a != a.text and bare_s != s.text:
        start = a.span.start + (len(a.text) - len(bare_a))
        return document.span(start, a.span.end), bare_s
    return a.span, s.text


class SourceListRule(factlint.Rule[factlint.NoOptions]):
    """Flags an item of a list that the source's list has otherwise in its place.

    ## What it flags

    A list in the article (the groups that signed a letter, the players picked, the
    countries that voted) that is a list of a source (as many items, or mostly the
    same ones), where an item stands in the place of a different item of the
    source's list: "Fighters for Peace" where the letter's signatures read
    "Combatants for Peace", "Parents Against Child Arrest" for "Parents Against
    Child Detention". The two lists are paired item by item: first the items the
    source writes alike (or as a longer name holding the article's words), then the
    items left over, in order, when as many are left on both sides, both lists keep
    one order, and the two items sit between the same pairs. An item left over with
    nothing in its place ("Bubba Watson" added to the source's four) is reported at
    lower confidence and without a suggestion, unless the source's list is only
    some of them ("including ...").

    Items that are the same name respelled ("Turat Zedek" for "Torat Tzedek") are
    ``source/name``'s findings; an item written as part of the source's name
    ("B'Tselem" for "B'Tselem – The Israeli Information Center for Human Rights in
    the Occupied Territories") is fine.

    ## Why it matters

    A list copied from a translated document or retyped from memory keeps its length
    and loses its names: a group renamed in translation is a group readers cannot
    find, and a swapped name credits the wrong people.

    ## Example

    Source: "The letter is signed by 10 organizations: ..., Yesh Din, Combatants for
    Peace, Adalah, ..."

    ```
    They are: ..., Yesh Din, Fighters for Peace, Adalah, ...
    ```

    ## Use instead

    ```
    They are: ..., Yesh Din, Combatants for Peace, Adalah, ...
    ```

    ## Fix safety

    Unsafe: the lists may be two lists after all (the article's may add one group
    and drop another), so an editor should read the source's list first.

    ## Options

    None.
    """

    id = "source/list"
    reads_sources = True
    summary = "An item of a list that the source's list has otherwise in its place."
    severity = factlint.Severity.WARNING
    requires = frozenset({"count"})
    fix_safety = "unsafe"

    def check(self, context: factlint.CheckContext) -> Iterator[factlint.Finding]:
        """Yield a finding for each list item paired with a different source item, or
        with none."""
        if not context.sources:
            return
        for lst in aligned_lists(context.document, context.claims, context.sources):
            same_length = len(lst.article.items) == len(lst.source.items)
            for pair in lst.items:
                if pair.relation != "different":
                    continue
                span, suggestion = item_span(context.document, pair)
                related = context.related_in(lst.document, pair.source.span, "the source's item in this place")
                yield context.finding(
                    span,
                    f"The source's list has \"{suggestion}\" in the place of "
                    f"\"{context.document.source_text(span)}\".",
                    related=[related],
                    suggestion=suggestion,
                    fix=factlint.Fix(
                        description=f"Replace with '{suggestion}'",
                        edits=(factlint.Edit(span=span, replacement=suggestion),),
                        safety="unsafe",
                    ),
                    confidence=0.8 if same_length else 0.6,
                )
            if lst.source.partial:
                continue  # the source names only some: another item may be one of the rest
            paired = {id(p.article) for p in lst.items}
            for item in lst.article.items:
                if id(item) in paired:
                    continue
                yield context.finding(
                    item.span,
                    f"\"{item.text}\" is not in the source's list of {len(lst.source.items)}.",
                    related=[context.related_in(lst.document, lst.source.list_span or lst.source.span,
                                                "the source's list")],
                    confidence=0.5,
                )

"""Checks on stated counts: does the number match the list it introduces, and the
same sentence given elsewhere?"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

import factlint
from factlint import CheckContext, CountClaim, Finding, Rule, Severity
from factlint_plugins._patterns import lazy_compile

from .._english import TENS_WORDS, UNIT_WORDS, spell_number

__all__ = ["CountMismatch"]

# Nouns too common to assume two mentions count the same things ("two people were
# killed ... three people were injured").
_GENERIC_NOUNS = {
    "people", "persons", "others", "men", "women", "children", "things", "ones", "times",
    "cases", "members", "officials", "residents", "civilians", "soldiers", "students",
    "workers", "victims", "deaths", "injuries", "points", "votes", "seats", "days",
}

# A count of some of a group ("three of the injured").
_PARTITIVE = lazy_compile(r"[\w,.-]+\s+of\s", re.I)

# Words before a count that point back at some group already in the story.
_GROUP_BEFORE = lazy_compile(r"\b(?:the|all|both|these|those|its|their|his|her)\s+$", re.I)

# A claim's text that opens with its number; a collective ("a quartet of ...",
# "Williams pair") does not.
_STARTS_WITH_NUMBER = lazy_compile(r"\d|(?:a\s+dozen|" + "|".join([*UNIT_WORDS, *TENS_WORDS]) + r")\b", re.I)

# Suggest the listed number only when the list was parsed surely enough to be complete.
_SUGGEST_AT = 0.75

_STATED = {
    "exact": "",
    "at_least": "at least ",
    "more_than": "more than ",
    "at_most": "at most ",
    "fewer_than": "fewer than ",
}


class CountMismatchOptions(BaseModel):
    """Options of ``count/mismatch``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_list_confidence: float = Field(
        0.6,
        ge=0,
        le=1,
        description="Check only lists parsed at least this surely (0 to 1); "
        "lower it to see more, less certain findings.",
    )
    check_other_mentions: bool = Field(
        True,
        description="Also compare the list with other mentions of the same count elsewhere "
        "in the article ('10 organizations' in the lead, the list further down).",
    )


def _restate(claim: CountClaim, n: int) -> str | None:
    """``claim.text`` with its number replaced by ``n``, in the same style."""
    m = re.match(r"\d{1,3}(?:,\d{3})+|\d+", claim.text)
    if m and re.match(r"[.\d]*\s+(?:hundred|thousand|million|billion)\b", claim.text[m.end() :]):
        return None  # "2 million": no short restatement
    if m:
        return (f"{n:,}" if "," in m.group() else str(n)) + claim.text[m.end() :]
    words = spell_number(n) if n < 100 else None  # 100 and more: no short restatement
    m = re.match(r"(?:a dozen|[a-z]+(?:-[a-z]+)?(?:\s+dozen)?)", claim.text, re.I)
    if words is None or not m:
        return None
    if claim.text[0].isupper():
        words = words[0].upper() + words[1:]
    return words + claim.text[m.end() :]


def _total(claim: CountClaim) -> int:
    """How many things the list names: the sum of its items' quantities ("two men
    and a woman" is three)."""
    return sum(item.quantity for item in claim.items)


def _is_sum(claim: CountClaim) -> bool:
    """Whether the list gives its parts with their own quantities."""
    return any(item.quantity != 1 for item in claim.items)


def _noun_words(claim: CountClaim) -> set[str]:
    """The words of the claim after its number: the noun and its modifiers."""
    words = re.findall(r"[^\W\d_][\w'’-]*", claim.text.lower())
    return {w for w in words if w not in ("a", "dozen") and w not in UNIT_WORDS}


class CountMismatch(Rule[CountMismatchOptions]):
    """A stated count that disagrees with the list it introduces.

    ## What it flags

    A number of things ("10 organizations", "four states", "two hostages") followed by
    the list of them (after a colon, in parentheses, as an apposition of names, in the
    next sentence such as "They are: ...", or as a bulleted list) when the list has a
    different number of items. It also flags another mention of the same count
    elsewhere in the article ("10 Israeli human rights organizations" in the lead)
    that disagrees with that list. "At least N" and "more than N" are flagged only
    when the list has too few items for the bound, with lower confidence.

    A list may give the parts of the whole with their own quantities: "three people:
    two men and a woman", "five people, four from Norway and one from Switzerland",
    "won three of their last six (D2 L1)", "winless in three, losing two and drawing
    the other". Then the parts must add up to the count ("States 4 people but the
    parts add up to 3."). Counts joined by commas ("eleven soldiers, two civilians and
    22 gunmen") are more things, not parts, and are never added up.

    It also flags one sentence given twice with two numbers, as when a caption or a
    summary repeats the text ("A car bomb killed three people outside the consulate"
    and, further down, the same words with "four people"): both places are shown,
    neither is assumed right. The words before the number and the rest of the
    sentence after it must be the same.

    Lists introduced by "including", "such as", "among them" and the like name only
    some of the things, and approximate counts ("about 10", "nearly 20") are not
    meant to be exact, so neither is flagged. Parenthetical glosses are not items:
    "Turat Zedek (Torah of Truth)" is one organization.

    ## Why it matters

    A count that does not match its list is one of the most visible slips in an
    article: readers count, and a wrong number makes them doubt the rest. It usually
    means an item was dropped or added in editing without updating the number.

    ## Example

    ```
    The letter was signed by four organizations: B'Tselem, Yesh Din and Adalah.
    ```

    States 4 organizations but lists 3.

    ## Use instead

    ```
    The letter was signed by three organizations: B'Tselem, Yesh Din and Adalah.
    ```

    or add the missing organization to the list.

    ## Fix safety

    No fix is offered. The list may be missing an item rather than the number being
    wrong, and only the reporter knows which. When the list is parsed with confidence,
    the finding suggests the number that matches the list. A sentence given twice with
    two numbers gets no suggestion: either copy may be the wrong one.

    ## Options

    - `min_list_confidence` (float, default 0.6): check only lists the extractor
      parsed at least this surely; lower it to see more findings on unusual lists.
    - `check_other_mentions` (bool, default true): also compare the list with other
      exact mentions of the same count elsewhere in the article.
    """

    id = "count/mismatch"
    summary = "A stated count disagrees with the number of items listed."
    severity = Severity.WARNING
    requires = frozenset({"count"})
    Options = CountMismatchOptions
    fix_safety = None

    def check(self, context: CheckContext) -> Iterator[Finding]:
        """Compare every count that introduces a list with the list."""
        options = self.options
        counts = [c for c in context.claims.of_kind("count", CountClaim) if isinstance(c, CountClaim)]
        listed = [
            c for c in counts if c.items and not c.partial and c.confidence >= options.min_list_confidence
        ]
        for claim in listed:
            finding = self._check_list(context, claim)
            if finding is not None:
                yield finding
        if options.check_other_mentions:
            yield from self._check_other_mentions(context, counts, listed)
        yield from self._check_repeated(context, counts)

    def _related_items(self, context: CheckContext, claim: CountClaim) -> list:
        n = len(claim.items)
        if _is_sum(claim) and n == 1:
            item = claim.items[0]
            return [context.related(item.span, f"{item.quantity:,}" + (f" {claim.noun}" if claim.noun else ""))]
        if _is_sum(claim):
            return [
                context.related(item.span, f"part {k} of {n}: {item.quantity:,}")
                for k, item in enumerate(claim.items, start=1)
            ]
        return [
            context.related(item.span, f"item {k} of {n}") for k, item in enumerate(claim.items, start=1)
        ]

    def _check_list(self, context: CheckContext, claim: CountClaim) -> Finding | None:
        n = _total(claim)
        value = claim.value
        q = claim.qualifier
        confidence = claim.confidence
        if q == "exact":
            wrong = n != value
        elif q == "at_least":
            wrong, confidence = n < value, confidence * 0.6
        elif q == "more_than":
            wrong, confidence = n <= value, confidence * 0.6
        elif q == "at_most":
            wrong, confidence = n > value, confidence * 0.6
        elif q == "fewer_than":
            wrong, confidence = n >= value, confidence * 0.6
        else:
            return None  # "about", "nearly": not meant to be exact
        if not wrong:
            return None
        # A count of games given with its results has no noun written: "winless in three".
        stated = f"{_STATED[q]}{value:,}" + (f" {claim.noun}" if claim.noun else "")
        if not _STARTS_WITH_NUMBER.match(claim.text):
            stated = f'"{claim.text}" ({value:,})'  # "a quartet of high class Americans" (4)
        if _is_sum(claim) and len(claim.items) == 1:
            message = f'States {stated} but "{claim.items[0].text}" is {n:,}.'  # "4 days" and "April 9 - 11"
        elif _is_sum(claim):
            message = f"States {stated} but the parts add up to {n:,}."
        else:
            message = f"States {stated} but lists {n:,}."
        suggestion = _restate(claim, n) if q == "exact" and claim.confidence >= _SUGGEST_AT else None
        return context.finding(
            claim.span,
            message,
            related=self._related_items(context, claim),
            suggestion=suggestion,
            confidence=confidence,
        )

    def _check_other_mentions(
        self, context: CheckContext, counts: list[CountClaim], listed: list[CountClaim]
    ) -> Iterator[Finding]:
        """Another exact mention of the listed things with a different number."""
        document = context.document
        # The counts by noun, so that each list meets only the mentions of its noun.
        by_noun: dict[str, list[CountClaim]] = {}
        for c in counts:
            by_noun.setdefault((c.noun or "").lower(), []).append(c)
        lists_of = Counter((c.noun or "").lower() for c in listed)
        for claim in listed:
            if claim.qualifier != "exact" or not claim.noun or claim.noun.lower() in _GENERIC_NOUNS:
                continue
            if _PARTITIVE.match(claim.text):
                continue  # "two of his colleagues" lists some of them, not all
            n = _total(claim)
            if lists_of[claim.noun.lower()] > 1:
                continue  # two lists of the same kind of thing: which one is meant is unclear
            block = document.block_at(claim.span.start)
            for other in by_noun[claim.noun.lower()]:
                if other is claim or other.items or other.qualifier != "exact":
                    continue
                if (other.noun or "").lower() != claim.noun.lower() or other.value in (n, claim.value):
                    continue
                if other.value > 2 * n or 2 * other.value < n:
                    continue  # "27 journalists" and a list of three: a group and some of it
                if _GROUP_BEFORE.search(document.text, max(0, other.span.start - 12), other.span.start):
                    continue  # "the two suspects", "all three players": which ones is unclear
                mine, theirs = _noun_words(claim), _noun_words(other)
                if not (mine <= theirs or theirs <= mine):
                    continue  # "10 Israeli groups" and "3 Palestinian groups" are not the same
                other_block = document.block_at(other.span.start)
                # Items of a bulleted digest are separate stories.
                if (
                    (block is not None and block.kind == "list_item")
                    or (other_block is not None and other_block.kind == "list_item")
                ) and block != other_block:
                    continue
                related = [context.related(claim.span, f"the count given with the list: {claim.value:,}")]
                related += self._related_items(context, claim)
                yield context.finding(
                    other.span,
                    f"States {other.value:,} {other.noun} but the list of them has {n:,}.",
                    related=related,
                    suggestion=_restate(other, n) if claim.value == n and claim.confidence >= _SUGGEST_AT else None,
                    confidence=claim.confidence * 0.7,
                )

    def _check_repeated(self, context: CheckContext, counts: list[CountClaim]) -> Iterator[Finding]:
        """The same sentence twice with two numbers: a caption or summary repeating the
        text, with the count changed in one copy. Neither copy is assumed right."""
        text = context.document.text
        by_words: dict[str, list[CountClaim]] = {}
        for claim in counts:
            words = _after_number(claim.text)
            if words:
                by_words.setdefault(words, []).append(claim)
        for same in by_words.values():
            if len(same) < 2:
                continue
            # A count meets only the earlier ones that share one of its sentence keys,
            # which are just those with the same words around the number (see
            # _sentence_keys): linear in the counts, where comparing every pair was not.
            seen: dict[tuple, _FirstOf] = {}
            for index, later in enumerate(same):
                keys = _sentence_keys(text, later)
                best: tuple[int, CountClaim] | None = None
                for key in keys:
                    entry = seen.get(key)
                    hit = entry.differing(later.value) if entry is not None else None
                    if hit is not None and (best is None or hit[0] < best[0]):
                        best = hit
                if best is not None:
                    earlier = best[1]
                    yield context.finding(
                        later.span,
                        f'States {later.text} where the same sentence elsewhere says {earlier.text}.',
                        related=[context.related(earlier.span, f"the same sentence with {earlier.value:,}")],
                        confidence=0.8,
                    )
                for key in keys:
                    entry = seen.get(key)
                    if entry is None:
                        seen[key] = _FirstOf(index, later)
                    else:
                        entry.add(index, later)


# How many words around two counts must be the same for the two to be one sentence
# repeated: some before the number, the rest of the sentence after it.
_SAME_BEFORE = 2
_SAME_IN_ALL = 12
_WORD = lazy_compile(r"\S+")
_ENDS_SENTENCE = lazy_compile(r"[.!?][\"'”’]?$")
# "U.S.", "Mr.": a period that ends no sentence.
_ABBREVIATION = lazy_compile(r"(?:[A-Za-z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|No|vs|Gen|Sen|Rep|Gov)\.")


def _after_number(text: str) -> str:
    """The words of a claim after its number ("high-profile assault cases")."""
    m = _STARTS_WITH_NUMBER.match(text)
    if m is None:
        return ""
    return " ".join(text[m.end() :].split()).lower()


def _same_sentence_around(text: str, a: CountClaim, b: CountClaim) -> bool:
    """Whether the words before and after two counts are the same: at least
    ``_SAME_BEFORE`` before, the rest of the sentence after, ``_SAME_IN_ALL`` in all."""
    before_a = _WORD.findall(text, max(0, a.span.start - 120), a.span.start)[::-1]
    before_b = _WORD.findall(text, max(0, b.span.start - 120), b.span.start)[::-1]
    after_a = _WORD.findall(text, a.span.end, a.span.end + 240)
    after_b = _WORD.findall(text, b.span.end, b.span.end + 240)
    before = _common_run(before_a, before_b)
    after = _common_run(after_a, after_b)
    if before < _SAME_BEFORE or before + after < _SAME_IN_ALL:
        return False
    # The rest of the sentence is the same: the run reaches its end.
    return any(_ENDS_SENTENCE.search(w) and not _ABBREVIATION.fullmatch(w) for w in after_a[:after])


def _sentence_keys(text: str, claim: CountClaim) -> list[tuple]:
    """Keys that two counts share just when :func:`_same_sentence_around` holds for
    them (and their qualifiers agree): for each k from ``_SAME_BEFORE`` to
    ``_SAME_IN_ALL``, the k words before the number and as many after it as make
    ``_SAME_IN_ALL`` in all, or reach the end of the sentence if that is further."""
    start, end = claim.span.start, claim.span.end
    before = _WORD.findall(text, max(0, start - 120), start)[::-1]
    after = _WORD.findall(text, end, end + 240)
    stop = next((i for i, w in enumerate(after) if _ENDS_SENTENCE.search(w) and not _ABBREVIATION.fullmatch(w)), None)
    if stop is None:
        return []
    keys: list[tuple] = []
    for k in range(_SAME_BEFORE, min(len(before), _SAME_IN_ALL) + 1):
        m = max(_SAME_IN_ALL - k, stop + 1)
        if m <= len(after):
            keys.append((claim.qualifier, k, tuple(before[:k]), tuple(after[:m])))
    return keys


class _FirstOf:
    """The earlier counts under one sentence key: the first of them, and the first
    whose value differs from the first's, which is enough to give the first of them
    with a value other than any one value."""

    __slots__ = ("first", "other")

    def __init__(self, index: int, claim: CountClaim) -> None:
        self.first = (index, claim)
        self.other: tuple[int, CountClaim] | None = None

    def add(self, index: int, claim: CountClaim) -> None:
        if self.other is None and claim.value != self.first[1].value:
            self.other = (index, claim)

    def differing(self, value: int) -> tuple[int, CountClaim] | None:
        return self.first if self.first[1].value != value else self.other


def _common_run(a: list[str], b: list[str]) -> int:
    """How many words ``a`` and ``b`` share from their starts."""
    n = 0
    for x, y in zip(a, b, strict=False):  # the shorter ends the run
        if x != y:
            break
        n += 1
    return n


@factlint.hookimpl
def factlint_register_rules() -> list[type[Rule]]:
    """Register the count checks."""
    return [CountMismatch]

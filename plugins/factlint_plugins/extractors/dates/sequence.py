"""Orderings told by the sequence of a narrative rather than by "after" or "before"
between two dates: "who then set up", "Then in 2009,", "He had been released in 2001"
after the sentence before, "a further coup in 1985"."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from factlint import DateClaim
from factlint_plugins._patterns import lazy_compile

from .relations import CLAUSE_WORDS, name_part
from .sentences import more_words_than

__all__ = ["sequence_relations"]

# A cue that tells the clause after it as coming later than the clause before it: "who then
# set up", "was later fired", "went on to compete", ", and in 1997 she was promoted".
_SEQUENCE = lazy_compile(
    r"\b(?:(?P<then>then)(?![-‐‑\w])|(?P<later>later|subsequently|afterwards|afterward|eventually)\b"
    r"|(?P<went>(?:went|go|goes|going|gone)\s+on\s+to)\b|(?P<and>and)(?=[ \t]+(?:in|on)[ \t]))",
    re.IGNORECASE,
)
# Words before "then" or "later" that make it a time or an adjective, not a step of the story:
# "since then", "was then a venture capitalist", "the then leader", "but then", "in later years".
_NOT_SEQUENCE_BEFORE = lazy_compile(
    r"\b(?:since|until|till|by|back|even|just|but|than|from|the|a|an|in|no|its|his|her|their|if)[ \t]+$",
    re.IGNORECASE,
)
# A form of "be" before the cue: a step only before a participle ("was later fired", "was then
# taken"), else a state at that time ("who was then a venture capitalist").
_BE_BEFORE = lazy_compile(r"\b(?:was|were|is|are|be|been|being|['’]s)[ \t]+$", re.IGNORECASE)
_PARTICIPLE_NEXT = lazy_compile(r"[ \t]+[a-z]+(?:ed|en|wn|ung|ught|t)\b")
_NOT_SEQUENCE_AFTER = lazy_compile(
    r"[ \t]*(?:,[ \t]*)?(?:was|were|is|are|been|than|on\b|again,|and\b|-)", re.IGNORECASE
)
# Words between a sequence cue and the date of its clause that send the date back, or away
# from that clause: "then revealed he had been jailed in 2001", "later said that ...".
_BACK_IN_TIME = lazy_compile(
    r"\b(?:had|having|earlier|previously|once|first|before|originally|formerly|since|until|till|"
    r"ago|born|founded|dating|dated)\b",
    re.IGNORECASE,
)
# Plans and possibilities, "May" left out: a date they govern may lie anywhere.
_PLAN = lazy_compile(
    r"\b(?:will|would|could|might|should|must|shall|plans?|planned|planning|scheduled|expected|due|set\s+to|"
    r"intends?|intended|aims?|hopes?|hoped|wants?|wanted|going\s+to|if|unless)\b|['’]ll\b",
    re.IGNORECASE,
)
# The preposition before a date that the clause's event is told at.
_TOLD_AT = lazy_compile(
    r"(?:\b(?:in|on|during|at|the|a|an)[ \t]+(?:(?:early|late|mid)[ \t-]+)?|\bmid-)$", re.IGNORECASE
)
# A new clause after the date of ", and in 1997": a subject and not the end of a list of dates.
_CLAUSE_AFTER_DATE = lazy_compile(r"[ \t]*,?[ \t]*(?:he|she|they|it|we|the|his|her|their|its|[A-Z][a-z]+)\b")
# A sentence that opens with a sequence cue: "Then in 2009, ...", "Later, in 1967, ...".
_OPENS_WITH_SEQUENCE = lazy_compile(
    r"[\s\"“'(*•-]*(?P<cue>Then|Later|Subsequently|Afterwards|Eventually)\b[ \t]*,?[ \t]*"
    r"(?=(?:in|on|during)[ \t])",
)
# A sentence that opens with a pluperfect: "He had been released from prison in 2001".
_OPENS_WITH_PLUPERFECT = lazy_compile(
    r"[\s\"“'(*•-]*(?:He|She|They|It|(?:The[ \t]+)?[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)[ \t]+"
    r"(?P<cue>had(?:[ \t]+(?:already|first|previously|originally))?(?:[ \t]+been)?)[ \t]+[a-z]+(?:ed|en|wn|t)\b"
)
# "A further coup in 1985": another of the things a story has dated, told as coming after them.
_FURTHER = lazy_compile(
    r"\b(?P<cue>(?:a|an)[ \t]+(?:further|subsequent))[ \t]+(?P<noun>[a-z]{3,})[ \t]+(?=(?:in|on)[ \t])", re.IGNORECASE
)
# Words after the date of ", and in 1997" that tell it as no step forward.
_NOT_A_STEP_AFTER = lazy_compile(r"\b(?:also|too|again|had|already|previously|earlier)\b", re.IGNORECASE)


def _clause_date(text: str, dates: list[DateClaim], pos: int, limit: int, max_words: int = 10) -> DateClaim | None:
    """The date of the clause that starts at ``pos``: the first date after it, told at a
    preposition, within ``max_words`` words, with no punctuation, other clause, plan or
    backward step between. ``dates`` are in text order."""
    i = bisect.bisect_left(dates, pos, key=lambda d: d.span.start)
    d = dates[i] if i < len(dates) else None
    if d is None or d.span.end > limit or name_part(text, d):
        return None
    if more_words_than(text, pos, d.span.start, max_words):
        return None
    between = text[pos : d.span.start]
    if not _TOLD_AT.search(between):
        return None
    if len(between.split()) > max_words or re.search(r"[,;:()\"“”[\]]", between.lstrip(" \t,")):
        return None
    words = [w.lower() for w in between.split()]
    if any(w in CLAUSE_WORDS for w in words) or _PLAN.search(between) or _BACK_IN_TIME.search(between):
        return None
    return d


def _earliest_so_far(dates: list[DateClaim]) -> list[DateClaim]:
    """For each date of ``dates``, the earliest day of those up to it (the first of
    them on a tie): ``min(dates[: i + 1], key=start)`` for every ``i`` in one pass."""
    out: list[DateClaim] = []
    for d in dates:
        if not out or d.start < out[-1].start:  # type: ignore[operator]
            out.append(d)
        else:
            out.append(out[-1])
    return out


def _explicit(dates: list[DateClaim]) -> list[DateClaim]:
    """The dates with a year written and an interval."""
    return [d for d in dates
            if d.year_explicit and d.start is not None and d.end is not None and d.anchor == "absolute"]


def sequence_relations(
    text: str, sent: tuple[int, int], dates: list[DateClaim], earlier: list[tuple[tuple[int, int], list[DateClaim]]]
) -> Iterator[tuple[int, int, str, str, DateClaim, DateClaim, float]]:
    """Orderings told by the sequence of a narrative, not by "after" or "before" between two dates.

    Yields (start, end, cue, relation, subject, object, confidence). Only dates with their
    year written count, and the subject is placed against the earliest (for a later step)
    or the latest (for an earlier one) of the dates it follows, so a flag needs the step
    to fall on the wrong side of all of them:

    - a cue in the sentence ("who then set up Y in 2010", "was later fired in 2014",
      "went on to compete in the 2000 Olympics", "qualified in 1990, and in 1997 she
      was promoted") against the dates before it in the sentence;
    - a sentence opening with "Then in", "Later, in" against the previous sentence's dates;
    - a sentence opening with a pluperfect ("He had been released from prison in 2001")
      against the previous sentence's dates, which it is told as coming before;
    - "a further coup in 1985" against the dates of the last of the three sentences
      before it (or of its own) that names a coup.
    """
    own = _explicit([d for d in dates if sent[0] <= d.span.start and d.span.end <= sent[1]])
    if not own:
        return
    # The dates do not overlap, so their ends are in text order too.
    own_ends = [d.span.end for d in own]
    # A cue starts a word, so no plan word runs into it: one lies before the cue when
    # the sentence's first one does, found once, not searched for again at each cue.
    plan = _PLAN.search(text, sent[0], sent[1])
    earliest = _earliest_so_far(own)
    seen: set[str] = set()
    for m in _SEQUENCE.finditer(text, sent[0], sent[1]):
        n_before = bisect.bisect_right(own_ends, m.start())
        if not n_before or _NOT_SEQUENCE_BEFORE.search(text, max(sent[0], m.start() - 12), m.start()):
            continue
        if _NOT_SEQUENCE_AFTER.match(text, m.end()) or (plan is not None and plan.end() <= m.start()):
            continue
        be_before = _BE_BEFORE.search(text, max(sent[0], m.start() - 8), m.start())
        if be_before and not _PARTICIPLE_NEXT.match(text, m.end()):
            continue
        subj = _clause_date(text, own, m.end(), sent[1])
        if subj is None or subj.id in seen:
            continue
        link = 0.8
        if m["and"]:
            # ", and in 1997 she was promoted": a new clause right after the date that ends the last one.
            gap = text[own[n_before - 1].span.end : m.start()]
            if gap.strip(" \t,") or not _CLAUSE_AFTER_DATE.match(text, subj.span.end):
                continue
            if _NOT_A_STEP_AFTER.search(text[subj.span.end : sent[1]][:40]):
                continue
            link = 0.65
        seen.add(subj.id)
        obj = earliest[n_before - 1]
        cue = "and in" if m["and"] else re.sub(r"\s+", " ", m.group().lower())
        yield m.start(), m.end(), cue, "after", subj, obj, link
    if not earlier:
        return
    prev_sent, prev_dates = earlier[-1]
    prev = _explicit(prev_dates)
    prev_text = text[prev_sent[0] : prev_sent[1]]
    if prev and not _PLAN.search(prev_text):
        if (opening := _OPENS_WITH_SEQUENCE.match(text, sent[0], sent[1])) is not None:
            subj = _clause_date(text, own, opening.end(), sent[1], max_words=3)
            if subj is not None and subj.id not in seen:
                seen.add(subj.id)
                yield (opening.start("cue"), opening.end("cue"), opening["cue"].lower(), "after", subj,
                       min(prev, key=lambda d: d.start), 0.75)  # type: ignore[arg-type, return-value]
        if (pluperfect := _OPENS_WITH_PLUPERFECT.match(text, sent[0], sent[1])) is not None and not re.search(
            r"\b(?:has|have|since|until|now|still|later|then)\b", prev_text, re.IGNORECASE
        ):
            subj = _clause_date(text, own, pluperfect.end("cue"), sent[1], max_words=8)
            if subj is not None and subj.id not in seen:
                seen.add(subj.id)
                cue = re.sub(r"\s+", " ", pluperfect["cue"])
                yield (pluperfect.start("cue"), pluperfect.end("cue"), cue, "before", subj,
                       max(prev, key=lambda d: d.end), 0.75)  # type: ignore[arg-type, return-value]
    # Where each noun is first named in the sentence: a noun is one word, so it is
    # named before "a further" when its first naming is.
    first_named: dict[str, re.Match[str] | None] = {}
    for m in _FURTHER.finditer(text, sent[0], sent[1]):
        subj = _clause_date(text, own, m.end("noun"), sent[1], max_words=2)
        if subj is None or subj.id in seen:
            continue
        noun = re.compile(rf"\b{re.escape(m['noun'].lower())}s?\b", re.IGNORECASE)
        if m["noun"].lower() not in first_named:
            first_named[m["noun"].lower()] = noun.search(text, sent[0], sent[1])
        named = first_named[m["noun"].lower()]
        in_own = own[: bisect.bisect_right(own_ends, m.start())] if named and named.end() <= m.start() else []
        told = in_own or next((_explicit(ds) for span, ds in reversed(earlier[-3:])
                               if noun.search(text, *span) and _explicit(ds)), [])
        if not told:
            continue
        seen.add(subj.id)
        yield (m.start(), m.end("noun"), re.sub(r"\s+", " ", m.group("cue").lower()), "after", subj,
               min(told, key=lambda d: d.start), 0.75)  # type: ignore[arg-type, return-value]

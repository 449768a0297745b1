"""``source/date``: a date or weekday that differs from the date the aligned source
sentence gives for the same event.

Dates are compared as the dates extractor resolved them: each article date claim is
an interval of days, each relative one ("last week", "on Tuesday") resolved against
the article's own publication date, each source date against the source's. Two
dates conflict when their intervals do not meet; a weekday conflicts with another
weekday; relative expressions that neither document's date resolves are compared
as words ("today" and "tomorrow") only when the two documents share a publication
date, or both lack one.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import threading
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from factlint import CheckContext, DateClaim, Finding, Rule, Severity, Span
from factlint_plugins._english import WEEKDAYS

from .align import Alignment, SourceIndex, SourceSentence, attributed, content_tokens, sentence_around, source_index

if TYPE_CHECKING:
    from factlint import SourceDocument

__all__ = ["DateConflict", "SourceDateMismatch", "SourceDateOptions", "date_conflict"]

# How well a source sentence must align for its dates to be taken as the same
# event's; a sentence aligned less well can still bear a date out.
_SUPPORT_SCORE = 0.25


@dataclass(frozen=True)
class DateConflict:
    """An article date that no date of the aligned source sentences bears out."""

    claim: DateClaim
    """The article's date."""
    source: DateClaim
    """The source's date for the same event."""
    source_doc: SourceDocument
    """The source it is in."""
    what: Literal["date", "weekday", "relative"]
    """What differs: the days, the weekday named, or the relative words."""
    certain: bool
    """True when the source gives one date there, so it can be suggested."""
    confidence: float


def _meets(a: DateClaim, b: DateClaim) -> bool:
    """Whether two resolved intervals share a day."""
    assert a.start is not None and a.end is not None and b.start is not None and b.end is not None
    return a.start <= b.end and b.start <= a.end


def _resolved(claim: DateClaim) -> bool:
    return claim.start is not None and claim.end is not None


def _shown(claim: DateClaim) -> str:
    """A date as a message shows it: its words, and the days they resolve to when
    they are relative."""
    if claim.anchor != "absolute" and claim.start is not None and claim.end is not None:
        if claim.start == claim.end:
            return f'"{claim.text}" ({claim.start:%B %-d, %Y})'
        return f'"{claim.text}" ({claim.start:%B %-d} to {claim.end:%B %-d, %Y})'
    return f'"{claim.text}"'


def date_conflict(
    claim: DateClaim,
    candidates: Sequence[tuple[DateClaim, SourceDocument, float]],
    support: Sequence[DateClaim],
    same_published: bool,
) -> DateConflict | None:
    """Compare one article date with the dates of the aligned source sentences
    (``candidates``, each with its source and the sentence's score); ``support`` holds
    dates of other, less well aligned sentences that may still bear it out."""
    if not candidates:
        return None
    pool = [c for c, _, _ in candidates] + list(support)
    if claim.weekday is not None:
        named = [(c, s, score) for c, s, score in candidates if c.weekday is not None]
        differs = named and all(c.weekday != claim.weekday for c in pool if c.weekday is not None)
        if differs and (not _resolved(claim) or not any(_resolved(c) and _meets(claim, c) for c in pool)):
            c, s, score = named[0]
            return DateConflict(claim, c, s, "weekday", len({n.weekday for n, _, _ in named}) == 1,
                                round(min(0.9, 0.45 + 0.5 * score), 3))
    if _resolved(claim):
        resolved = [(c, s, score) for c, s, score in candidates if _resolved(c) and _comparable(claim, c)]
        if not resolved:
            return None
        if any(_resolved(c) and _meets(claim, c) for c in pool):
            return None
        if claim.weekday is not None and any(c.weekday == claim.weekday for c in pool):
            return None
        c, s, score = resolved[0]
        certain = len({(r.start, r.end) for r, _, _ in resolved}) == 1 and c.granularity == claim.granularity
        confidence = 0.45 + 0.5 * score
        if claim.anchor != "absolute" or c.anchor != "absolute":
            confidence *= 0.85  # resolved against a publication date, which may be off
        if not claim.year_explicit or not c.year_explicit:
            confidence *= 0.85  # a year guessed from the publication date
        return DateConflict(claim, c, s, "date", certain, round(min(0.9, confidence), 3))
    if claim.relative and claim.weekday is None and same_published:
        relative = [(c, s, score) for c, s, score in candidates
                    if c.relative and c.weekday is None and not _resolved(c)]
        words = {c.relative for c in pool if c.relative}
        if relative and claim.relative not in words and _granularity_of(claim) == _granularity_of(relative[0][0]):
            c, s, score = relative[0]
            return DateConflict(claim, c, s, "relative", len(relative) == 1, round(min(0.8, 0.35 + 0.5 * score), 3))
    return None


def _granularity_of(claim: DateClaim) -> str:
    return "day" if claim.granularity == "day" else claim.granularity


def _comparable(a: DateClaim, b: DateClaim) -> bool:
    """Whether two dates may name the same time: a day and a day, a month and a day in
    it; not a century and a day ("the 20th century" and "June 1972")."""
    order = ["day", "week", "month", "season", "quarter", "year", "decade", "century"]
    if "decade" in (a.granularity, b.granularity) or "century" in (a.granularity, b.granularity):
        return a.granularity == b.granularity  # "in her 60s" may be an age, not the 1960s
    return abs(order.index(a.granularity) - order.index(b.granularity)) <= 2


class SourceDateOptions(BaseModel):
    """Options of ``source/date``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    attributed: Literal["quoted", "all"] = Field(
        "quoted",
        description="Which article dates may be reported as absent from the sources: 'quoted', those of "
        "sentences that attribute what they say; 'all', every one (for a summary). A date that conflicts "
        "with the source's is reported either way.",
    )
    min_alignment: float = Field(
        0.4, ge=0, le=1,
        description="How well (0 to 1) a source sentence must align with the article's for their dates "
        "to be compared.",
    )


class SourceDateMismatch(Rule[SourceDateOptions]):
    """A date or weekday in the article that differs from the source's date for the
    same event.

    ## What it flags

    A date in an article sentence ("June 14, 1946", "in 2015", "last week",
    "Tuesday") when the source sentence it was written from gives another date for
    it: intervals of days that do not meet ("June 2015" against "June 2011"), or a
    weekday that is not the source's ("Thursday" against "Tuesday"). Relative dates
    are first resolved against each document's own publication date, so "yesterday"
    in an article published on the 6th and "on Thursday" in a release of Thursday the
    5th agree. Relative words neither date resolves ("today", "tomorrow") are compared
    as words, and only when the two documents share a publication date or both lack
    one.

    With `attributed = "all"`, or in a sentence that attributes what it says, a date
    the sources give nowhere is flagged as absent, with lower confidence.

    ## Why it matters

    A date moved by a day or a year in rewriting changes the story: who knew what
    when, whether a deadline passed. Readers holding the source catch it first.

    ## Example

    ```
    Ashley Young joined Manchester United in June 2015 from Aston Villa.
    ```

    with the source saying "moved to Old Trafford in June 2011 from Aston Villa".

    ## Use instead

    ```
    Ashley Young joined Manchester United in June 2011 from Aston Villa.
    ```

    ## Fix safety

    No fix is offered: the article may be right and the source out of date. When the
    source gives one date there, at the same precision, the finding suggests its words.

    ## Options

    - `attributed` ("quoted" or "all", default "quoted"): which dates may be reported
      as absent from the sources.
    - `min_alignment` (float, default 0.4): how well a source sentence must align with
      the article's for their dates to be compared.
    """

    id = "source/date"
    reads_sources = True
    summary = "A date or weekday differs from the source's date for the same event."
    severity = Severity.WARNING
    requires = frozenset({"date"})
    Options = SourceDateOptions
    fix_safety = None

    def check(self, context: CheckContext) -> Iterator[Finding]:
        """Compare each article date with the dates of the aligned source sentences."""
        if not context.sources:
            return
        options = self.options
        index = source_index(context.sources)
        document = context.document
        text = document.text
        published = context.published
        claims = [c for c in context.claims.of_kind("date", DateClaim) if isinstance(c, DateClaim)]
        starts = [c.span.start for c in claims]  # claims come in document order
        dates = _source_dates(index)
        for claim in claims:
            lo, hi = sentence_around(document, claim.span.start, claim.span.end)
            # The date's own words are left out: a changed date would pull its sentence
            # away from the source sentence it came from.
            near = claims[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
            words = [t for t in content_tokens(text, lo, hi) if not any(
                d.span.start <= t.start < d.span.end for d in near)]
            alignments = index.align_tokens(words, limit=5, min_score=_SUPPORT_SCORE)
            if not alignments:
                continue
            candidates = [
                (c, a.sentence.source, a.score)
                for a in alignments if a.score >= options.min_alignment
                for c in dates.of(a.sentence)
            ]
            support = [c for a in alignments for c in dates.of(a.sentence)]
            same = all(s.document.metadata.published == published for s in index.sources)
            conflict = date_conflict(claim, candidates, support, same)
            if conflict is not None:
                yield self._finding(context, conflict)
                continue
            # A date the source gives only relatively ("in August last year" without a
            # publication date) cannot be told absent.
            unresolved = any(not _resolved(c) for c in support)
            grounded = alignments[0].score >= options.min_alignment and not unresolved
            if grounded and _resolved(claim) and claim.anchor == "absolute" and (
                options.attributed == "all" or attributed(text, lo, hi)
            ) and not dates.anywhere(claim):
                yield context.finding(
                    claim.span,
                    f"Says {_shown(claim)}, a date the sources nowhere give.",
                    related=[context.related_in(alignments[0].sentence.source, _span_of(alignments[0]),
                                                "the closest source sentence")],
                    confidence=0.5 if options.attributed == "all" else 0.6,
                )

    def _finding(self, context: CheckContext, conflict: DateConflict) -> Finding:
        claim, source = conflict.claim, conflict.source
        src_doc = conflict.source_doc
        if conflict.what == "weekday":
            assert claim.weekday is not None and source.weekday is not None
            message = f"Says {WEEKDAYS[claim.weekday]} where the source says {WEEKDAYS[source.weekday]}."
            span = claim.weekday_span or claim.span
            source_span = source.weekday_span or source.span
            suggestion = WEEKDAYS[source.weekday] if conflict.certain and claim.weekday_span is not None else None
        else:
            message = f"Says {_shown(claim)} where the source says {_shown(source)}."
            span, source_span = claim.span, source.span
            suggestion = source.text if conflict.certain and claim.anchor == source.anchor == "absolute" else None
        return context.finding(
            span,
            message,
            related=[context.related_in(src_doc, source_span, "the source's date")],
            suggestion=suggestion,
            confidence=conflict.confidence,
        )


class _SourceDates:
    """The date claims of a tuple of sources, filed for quick lookup: by sentence, and
    by interval and weekday for "does any source date meet this one"."""

    def __init__(self, index: SourceIndex) -> None:
        self._by_source: dict[int, tuple[list[int], list[DateClaim]]] = {}
        spans: list[tuple[_dt.date, _dt.date]] = []
        self.weekdays: set[int] = set()
        for source in index.sources:
            found = [c for c in source.claims.of_kind("date", DateClaim) if isinstance(c, DateClaim)]
            self._by_source[id(source)] = ([c.span.start for c in found], found)
            spans.extend((c.start, c.end) for c in found if c.start is not None and c.end is not None)
            self.weekdays.update(c.weekday for c in found if c.weekday is not None)
        spans.sort()
        self._firsts = [first for first, _ in spans]
        # The latest last day among the intervals that start no later than each one.
        self._reach: list[_dt.date] = []
        for _, last in spans:
            self._reach.append(max(last, self._reach[-1]) if self._reach else last)

    def of(self, sentence: SourceSentence) -> list[DateClaim]:
        """The date claims inside one source sentence."""
        starts, claims = self._by_source.get(id(sentence.source), ([], []))
        return claims[bisect.bisect_left(starts, sentence.start) : bisect.bisect_left(starts, sentence.end)]

    def anywhere(self, claim: DateClaim) -> bool:
        """Whether some source date shares a day with the claim's, or names its weekday."""
        if claim.weekday is not None and claim.weekday in self.weekdays:
            return True
        if claim.start is None or claim.end is None:
            return False
        i = bisect.bisect_right(self._firsts, claim.end) - 1
        return i >= 0 and self._reach[i] >= claim.start


_MEMO: weakref.WeakKeyDictionary[SourceIndex, _SourceDates] = weakref.WeakKeyDictionary()
_MEMO_LOCK = threading.Lock()


def _source_dates(index: SourceIndex) -> _SourceDates:
    """The memoised date claims of the sources an index holds."""
    with _MEMO_LOCK:
        found = _MEMO.get(index)
        if found is None:
            found = _MEMO[index] = _SourceDates(index)
        return found


def _span_of(alignment: Alignment) -> Span:
    sentence = alignment.sentence
    return sentence.source.document.span(sentence.start, sentence.end)


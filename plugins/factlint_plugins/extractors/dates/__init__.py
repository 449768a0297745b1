"""Dates in news prose, resolved to intervals of days, and the explicit orderings between them.

The extractor reads three sorts of expression:

- absolute dates: "5 February 2021", "February 5, 2021", "Feb. 5", "February 2021",
  "in 2015", "the 1990s", "5 to 10 December 2022", with a weekday named in front
  ("Tuesday, September 1, 2015");
- expressions relative to the publication date: "yesterday", "last week", "earlier
  this month", "two days ago", "on Tuesday", "in March", with a month, weekday or year
  named in apposition ("earlier this month (December)", "yesterday (Monday)");
- explicit ordering cues ("after", "following", "in the wake of", "before", "since",
  "X in 1999, followed by a 2001 Y")
  between two dates of one sentence, as temporal-relation claims, and the order a
  narrative tells ("who then set up", "Then in 2009,", "He had been released in 2001"
  after the sentence before, "a further coup in 1985").

A publication date known only to the month or year widens every relative interval to
cover each day the article could have been published on, so a rule comparing
intervals never claims more than the text and the date support. Without a
publication date, relative expressions are still extracted, unresolved.

The extractor reads a block in layers, one module each: the words it knows
(:mod:`.lexicon`), calendar arithmetic (:mod:`.periods`), sentences and their tense
(:mod:`.sentences`), the table of date expressions (:mod:`.recognisers`), the running
of that table and the choice among overlapping finds (:mod:`.scanner`), the period
named beside a relative date (:mod:`.appositions`), and the orderings stated between
two dates (:mod:`.relations`) or told by a narrative (:mod:`.sequence`). This module
puts them together into claims.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import factlint
from factlint import ClaimSet, DateClaim, Document, Extractor, PublishedDate, TemporalRelationClaim

from .lexicon import WEEKDAYS
from .periods import nearest_year
from .recognisers import Found
from .relations import CUE_RELATION, cue_relations
from .scanner import may_hold_date, scan, select
from .sentences import Sentence, folded, sentence_spans
from .sequence import sequence_relations

__all__ = ["WEEKDAY_DISPLAY", "DatesExtractor"]

WEEKDAY_DISPLAY = WEEKDAYS
"""The weekday names as written, Monday first: ``("Monday", ..., "Sunday")``."""


class DatesExtractor(Extractor):
    """Absolute and relative dates, and the before/after relations between them.

    ``prefilters=False`` scans every sentence with every recogniser, skipping none
    that cannot hold a date: slower, and the same claims, which is what the tests
    show with it.
    """

    name = "dates"
    produces = frozenset({"date", "temporal-relation"})

    def __init__(self, *, prefilters: bool = True) -> None:
        self.prefilters = prefilters

    def extract(self, document: Document, claims: ClaimSet) -> Iterable[factlint.ClaimBase]:
        text = document.text
        pub = document.metadata.published
        gate = self.prefilters
        blocks = [(b.start, b.end) for b in document.blocks] or [(0, len(text))]
        out: list[factlint.ClaimBase] = []
        for block in blocks:
            # Most sentences name no time at all: those that may_hold_date rejects are
            # skipped, and so is the splitting of a block it rejects.
            block_words = text[block[0] : block[1]]
            block_folded = folded(block_words)
            if gate and not may_hold_date(text, block, block_words, block_folded):
                continue
            # The last sentences of the block with their dates, for a step of the story told
            # against the sentence before it ("Then in 2009, ...").
            history: list[tuple[tuple[int, int], list[DateClaim]]] = []
            for sent in sentence_spans(text, *block):
                dates: list[DateClaim] = []
                if sent == block:
                    words, fold = block_words, block_folded
                else:
                    words = text[sent[0] : sent[1]]
                    fold = folded(words)
                    if gate and not may_hold_date(text, sent, words, fold):
                        history = [*history[-2:], (sent, dates)]
                        continue
                found = scan(Sentence(text, sent, pub, words, fold), prefilters=self.prefilters)
                if found:
                    dates = [d for d in (self._claim(document, f, pub) for f in select(found, text)) if d is not None]
                    out.extend(dates)
                    ordered = [(start, end, cue, CUE_RELATION[cue], subj, obj, link)
                               for start, end, cue, subj, obj, link in cue_relations(text, sent, dates)]
                    placed = {r[4].id for r in ordered}
                    ordered += [r for r in sequence_relations(text, sent, dates, history) if r[4].id not in placed]
                    for start, end, cue, relation, subj, obj, link in ordered:
                        out.append(TemporalRelationClaim(
                            id=f"temporal-relation:{start}-{end}",
                            text=text[start:end],
                            span=document.span(start, end),
                            relation=relation,  # type: ignore[arg-type]
                            cue=cue,
                            subject=subj.id,
                            object=obj.id,
                            confidence=round(min(subj.confidence, obj.confidence) * 0.9 * link, 3),
                        ))
                history = [*history[-2:], (sent, dates)]
        return out

    @staticmethod
    def _claim(document: Document, f: Found, pub: PublishedDate | None) -> DateClaim | None:
        start = end = None
        anchor = "absolute"
        confidence = f.confidence
        if f.interval is not None:
            start, end = f.interval
        elif f.resolver is not None:
            anchor = "publication"
            if pub is not None:
                first, last = f.resolver(pub.value), f.resolver(pub.last_day)
                if first is not None and last is not None:
                    # Every day the article may have been published on: the interval covers them all.
                    start, end = min(first[0], last[0]), max(first[1], last[1])
                    if pub.precision != "day":
                        confidence *= 0.8
        elif f.kind == "relative":
            anchor = "publication"
        apposition = f.apposition
        if "app_month" in f.extra:
            month, year = f.extra["app_month"]
            if year is None:
                around = start or (pub.value if pub else None)
                year = nearest_year(month, 1, around) if around else None
            apposition = _dt.date(year, month, 1) if year else None
            if apposition is None:
                return _finish(document, f, start, end, anchor, confidence, None)
        if "app_day" in f.extra:
            month, day, year = f.extra["app_day"]
            around = start or (pub.value if pub else None)
            if year is None and around is not None:
                year = nearest_year(month, day, around)
            try:
                apposition = _dt.date(year, month, day) if year else None
            except ValueError:
                apposition = None
        return _finish(document, f, start, end, anchor, confidence, apposition)


def _finish(document: Document, f: Found, start: _dt.date | None, end: _dt.date | None, anchor: str,
            confidence: float, apposition: _dt.date | None) -> DateClaim:
    span_end = f.end
    return DateClaim(
        id=f"date:{f.start}-{span_end}",
        text=document.text[f.start:span_end],
        span=document.span(f.start, span_end),
        confidence=round(min(1.0, confidence), 3),
        start=start,
        end=end,
        granularity=f.granularity,  # type: ignore[arg-type]
        anchor=anchor,  # type: ignore[arg-type]
        relative=f.relative,
        shift=f.shift,
        weekday=f.weekday,
        weekday_span=document.span(*f.weekday_span) if f.weekday_span else None,
        apposition=apposition,
        apposition_granularity=f.apposition_granularity if apposition else None,  # type: ignore[arg-type]
        apposition_span=document.span(*f.apposition_span) if (f.apposition_span and apposition) else None,
        year_explicit=f.year_explicit,
    )


@factlint.hookimpl
def factlint_register_extractors() -> list[type[Extractor]]:
    """The ``dates`` extractor."""
    return [DatesExtractor]

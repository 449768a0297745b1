"""What the fact rules share: the store a rule reads, the sentence around a place,
the period a sentence or the article speaks of, and how records are quoted."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Sequence
from typing import Any

import factlint

from ..sources.align import document_sentences

__all__ = [
    "Period", "ascii_name", "facts_of", "format_day", "holders_during", "period_text", "published_period",
    "quote_term", "sentence_at", "sentence_periods", "term_bounds",
]

Period = tuple[dt.date, dt.date]
"""First and last day, both inclusive."""

# Date claims too coarse to say when a sentence happens.
_COARSE = frozenset({"decade", "century"})


def facts_of(context: factlint.CheckContext) -> factlint.FactStore:
    """The reference facts a rule checks against (loaded on this first use)."""
    return context.facts


def sentence_at(context: factlint.CheckContext, start: int, end: int) -> tuple[int, int]:
    """The sentence holding ``text[start:end]`` (the range itself outside any)."""
    for s, e in document_sentences(context.document):
        if s <= start and end <= e:
            return s, e
        if s > end:
            break
    return start, end


def sentence_periods(
    context: factlint.CheckContext, sentence: tuple[int, int]
) -> list[tuple[Period, factlint.DateClaim]]:
    """The resolved dates written in ``sentence``, with their claims."""
    found = []
    for claim in context.claims.of_kind("date", factlint.DateClaim):
        if not isinstance(claim, factlint.DateClaim) or claim.start is None or claim.end is None:
            continue
        if claim.granularity in _COARSE or not (sentence[0] <= claim.span.start and claim.span.end <= sentence[1]):
            continue
        found.append(((claim.start, claim.end), claim))
    return found


def published_period(context: factlint.CheckContext) -> Period | None:
    """The days the article may have been published on, or None without a date."""
    published = context.published
    if published is None:
        return None
    first = published.value
    if published.precision == "day":
        return first, first
    if published.precision == "month":
        nxt = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return first, dt.date(first.year, 12, 31)


def term_bounds(term: Any) -> Period:
    """A term's first and last day, a year-precision term widened to whole years so
    that its first and last years never count against it."""
    start: dt.date = term.start
    end: dt.date = term.end if term.end is not None else dt.date.max
    if term.precision == "year":
        start = dt.date(start.year, 1, 1)
        end = end if end == dt.date.max else dt.date(end.year, 12, 31)
    return start, end


def format_day(day: dt.date, precision: str = "day") -> str:
    """``6 September 2022``, ``September 2022`` or ``2022``."""
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{day:%B} {day.year}"
    return f"{day.day} {day:%B} {day.year}"


def period_text(period: Period) -> str:
    """A period as a reader says it: one day, a month, a year, or first to last day."""
    first, last = period
    if first == last:
        return format_day(first)
    if first.day == 1 and (last + dt.timedelta(days=1)).day == 1:
        if first.month == 1 and last.month == 12 and first.year == last.year:
            return str(first.year)
        if (first.year, first.month) == (last.year, last.month):
            return format_day(first, "month")
    return f"{format_day(first)} to {format_day(last)}"


def quote_term(term: Any) -> str:
    """A term as its record gives it: "Boris Johnson, Prime Minister of the United
    Kingdom, 24 July 2019 to 6 September 2022 (source)"."""
    start = format_day(term.start, term.precision)
    end = "" if term.end is None else format_day(term.end, term.precision)
    span = f"from {start}" if not end else f"{start} to {end}"
    return f"{term.person}, {term.office}, {span} ({term.source})"


def holders_during(terms: Sequence[Any], period: Period) -> list[Any]:
    """The terms of ``terms`` that overlap ``period``."""
    out = []
    for term in terms:
        start, end = term_bounds(term)
        if start <= period[1] and period[0] <= end:
            out.append(term)
    return out


def ascii_name(name: str) -> str:
    """``name`` without diacritics, for an article that writes none."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

"""Date mutations: a wrong weekday, a wrong apposition to a relative date, and a date
for another event on the wrong side of an "after" or "before"."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator, Sequence

from factlint import ClaimBase, Mutation
from factlint_plugins._patterns import lazy_compile

from .._english import MONTHS, WEEKDAYS

__all__ = ["date_mutations"]

_ORDER_CUE = lazy_compile(r"\b(after|following|in the wake of|before|ahead of|prior to)\s+", re.I)


def date_mutations(
    doc_id: str, text: str, published: dt.date | None, claims: Sequence[ClaimBase], rng: random.Random
) -> Iterator[Mutation]:
    """``date-weekday``, ``date-relative`` and ``date-order`` mutations. Relative and
    year-less dates need ``published``; without it only explicit dates are used."""
    dates = [c for c in claims if c.kind == "date"]
    yield from _weekday_mutations(doc_id, text, published, dates, rng)
    if published is not None:
        yield from _relative_mutations(doc_id, text, published, dates, rng)
    yield from _order_mutations(doc_id, text, dates, rng)


def _weekday_mutations(
    doc_id: str, text: str, pub: dt.date | None, dates: list, rng: random.Random
) -> Iterator[Mutation]:
    for c in dates:
        if c.anchor != "absolute" or c.relative is not None:
            continue
        if c.granularity != "day" or c.start is None or c.start != c.end:
            continue
        if not c.year_explicit and (pub is None or not (c.start.year == pub.year and c.start <= pub)):
            continue  # a year-less date whose year is not plainly the publication year
        wrong = (c.start.weekday() + rng.choice((-2, -1, 1, 2))) % 7
        if c.weekday is not None and c.weekday_span is not None:
            a, b = c.weekday_span.start, c.weekday_span.end
            written = text[a:b]
            if not written.isalpha():
                continue
            new = WEEKDAYS[wrong] if len(written) > 3 else WEEKDAYS[wrong][:3]
            mut = Mutation("date-weekday", doc_id, a, b, new, [], f"{written} -> {new} ({c.start})")
            mut.expected = [(a, mut.shift(c.span.end))]
            yield mut
        else:
            a = c.span.start
            if not re.match(r"[A-Z]", text[a : a + 1]) and not re.match(r"\d{1,2} [A-Z]", text[a : a + 4]):
                continue
            if re.search(r"\b(?:of|the)\s+$", text[max(0, a - 5) : a]):
                continue
            new = f"{WEEKDAYS[wrong]}, "
            note = f"inserted {new.strip()} before {c.text!r} ({c.start})"
            mut = Mutation("date-weekday", doc_id, a, a, new, [], note)
            mut.expected = [(a, mut.shift(c.span.end))]
            yield mut


def _relative_mutations(doc_id: str, text: str, pub: dt.date, dates: list, rng: random.Random) -> Iterator[Mutation]:
    for c in dates:
        if c.anchor != "publication" or c.relative is None:
            continue
        rel = c.relative.lower()
        end = c.span.end
        written = text[c.span.start : end].lower()
        if written != rel and not written.endswith(rel):
            continue
        if end < len(text) and (text[end].isalnum() or text[end] in "'’(" or text[end : end + 2] == " ("):
            continue  # "yesterday's", or an apposition already there
        # A whole day, month or year one step from publication at most: "yesterday", "last
        # month", "this year"; not "two days ago", "last March" or "the end of the year".
        shift = c.shift
        if shift is None or shift.counted or shift.month is not None or shift.offset not in (-1, 0, 1):
            continue
        if shift.unit != c.granularity:
            continue
        if shift.unit == "day":
            named = WEEKDAYS[(pub + dt.timedelta(days=shift.offset + rng.choice((-1, 1)))).weekday()]
        elif shift.unit == "month":
            named = MONTHS[(pub.month - 1 + shift.offset + rng.choice((-1, 1))) % 12]
        elif shift.unit == "year":
            named = str(pub.year + shift.offset + rng.choice((-1, 1)))
        else:
            continue
        new = f" ({named})"
        mut = Mutation("date-relative", doc_id, end, end, new, [], f"{text[c.span.start:end]!r} + {new.strip()}")
        mut.expected = [(c.span.start, end + len(new))]
        yield mut


# Where the cue's phrase ends: a comma, a conjunction or preposition, a dash or bracket.
_PHRASE_END = lazy_compile(r",|\s+(?:and|but|which|who|where|while|as|in|at)\s|\s+[–—(]")
_NAMED_AFTER = lazy_compile(r"[ \t]+[A-Z][a-z]")
_SINCE_BEFORE = lazy_compile(r"\bsince\s+(?:on\s+)?$", re.I)


def _order_mutations(doc_id: str, text: str, dates: list, rng: random.Random) -> Iterator[Mutation]:
    dated = sorted((c for c in dates if c.start is not None), key=lambda c: c.span.start)
    for c in dated:
        if c.granularity != "day" or c.start != c.end:
            continue
        stop = re.compile(r"[.;:!?](?:\s|$)|\n").search(text, c.span.end)
        sent_end = stop.start() if stop else len(text)
        starts = [m.end() for m in re.compile(r"[.;:!?]\s|\n").finditer(text, 0, c.span.start)]
        sent_start = starts[-1] if starts else 0
        if any(d is not c and d.span.start < sent_end and d.span.end > sent_start for d in dated):
            continue  # another date already in the sentence
        if _NAMED_AFTER.match(text, c.span.end) or _SINCE_BEFORE.search(text, max(0, c.span.start - 12), c.span.start):
            # "the March 23 Movement" is a name, and "since May 5" opens a period:
            # neither is the date of an event a cue could order.
            continue
        # The cue after the date ("arrested on May 5 after the attack"), or opening
        # the sentence ("Following the attack, ... on May 5").
        cue = _ORDER_CUE.search(text, c.span.end, sent_end)
        if cue is not None and cue.start() - c.span.end <= 120:
            limit = sent_end
        else:
            cue = _ORDER_CUE.match(text, sent_start)
            limit = c.span.start
            if cue is None:
                continue
        phrase_end = _PHRASE_END.search(text, cue.end(), limit)
        at = phrase_end.start() if phrase_end else limit
        if at == c.span.start or not 3 <= at - cue.end() <= 60:
            continue
        later = cue.group(1).lower() in ("after", "following", "in the wake of")
        k = rng.randint(2, 9)
        other = c.start + dt.timedelta(days=k if later else -k)
        new = f" on {MONTHS[other.month - 1]} {other.day}"
        if other.year != c.start.year:
            new += f", {other.year}"
        mut = Mutation("date-order", doc_id, at, at, new, [], f"{c.text!r} {cue.group(1)} ... + {new.strip()!r}")
        mut.expected = [(mut.shift(c.span.start), mut.shift(c.span.end)), (at, at + len(new))]
        yield mut

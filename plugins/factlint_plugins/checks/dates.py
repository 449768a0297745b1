"""Date checks: relative dates against the publication date and the article's other
dates, orderings stated or told by a narrative, events told as done after publication,
weekdays."""

from __future__ import annotations

import bisect
import datetime as _dt
import itertools
import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from dateutil.relativedelta import relativedelta

import factlint
from factlint import (
    CheckContext,
    DateClaim,
    Edit,
    Finding,
    Fix,
    PublishedDate,
    RelativeShift,
    Rule,
    Severity,
    Span,
    TemporalRelationClaim,
)
from factlint_plugins._patterns import lazy_compile

__all__ = ["DateOrderRule", "RelativeDateRule", "WeekdayRule"]

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _published_phrase(pub: PublishedDate) -> str:
    v = pub.value
    if pub.precision == "day":
        return f"on {_WEEKDAYS[v.weekday()]} {v.day} {_MONTHS[v.month - 1]} {v.year}"
    if pub.precision == "month":
        return f"in {_MONTHS[v.month - 1]} {v.year}"
    return f"in {v.year}"


def _period_end(start: _dt.date, granularity: str) -> _dt.date:
    if granularity == "year":
        return _dt.date(start.year, 12, 31)
    if granularity == "month":
        nxt = _dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return nxt - _dt.timedelta(days=1)
    return start


def _describe(start: _dt.date, end: _dt.date) -> str:
    """A plain name for an interval: a day, a month, a year, or a range."""
    if start == end:
        return f"{start.day} {_MONTHS[start.month - 1]} {start.year}"
    if start.day == 1 and end == _period_end(start, "month"):
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year} to {end.year}"
    return f"{_describe(start, start)} to {_describe(end, end)}"


def _meaning(claim: DateClaim) -> str:
    """What a resolved relative date means, at its own granularity where that is exact."""
    assert claim.start is not None and claim.end is not None
    start, end = claim.start, claim.end
    if claim.granularity == "month" and (start.year, start.month) == (end.year, end.month):
        return f"{_MONTHS[start.month - 1]} {start.year}"
    if claim.granularity == "year" and start.year == end.year:
        return str(start.year)
    return _describe(start, end)


def _unit(claim: DateClaim) -> str | None:
    """What a relative date counts in ("day", "weekday", "month", ...), None for an absolute one."""
    return claim.shift.unit if claim.shift is not None else None


def _ago(claim: DateClaim) -> RelativeShift | None:
    """The shift of "N years ago" or "N months ago", None for any other date."""
    s = claim.shift
    if s is not None and s.counted and s.unit in ("year", "month") and s.offset is not None and s.offset <= 0:
        return s
    return None


def _ago_days(
    pub: PublishedDate, claim: DateClaim, year_slack: Callable[[int], int]
) -> tuple[_dt.date, _dt.date] | None:
    """The days "N years ago" or "N months ago" may round to, or None for other expressions.

    Writers round, so the point N units before publication is widened by
    ``year_slack(N)`` months for years, by a month for months.
    """
    ago = _ago(claim)
    if ago is None or ago.offset is None:
        return None
    n = -ago.offset
    if ago.unit == "year":
        back, slack = relativedelta(years=n), relativedelta(months=year_slack(n))
    else:
        back, slack = relativedelta(months=n), relativedelta(months=1)
    return pub.value - back - slack, pub.last_day - back + slack


def _loose_ago(pub: PublishedDate, claim: DateClaim) -> tuple[_dt.date, _dt.date] | None:
    """The days an "ago" may mean beside the year or month it names ("two years ago, in
    2018" in February 2021 is fair): half a year of slack, a quarter of the span from
    ten years on."""
    return _ago_days(pub, claim, lambda n: 6 if n < 10 else n * 3)


# A past verb that dates an event ("was jailed", "shot", "had received"); reporting verbs
# ("said", "told") date the saying and do not count.
# Irregular past forms that date an event, and the regular "-ed" verbs of reporting, which
# date the saying instead: shared by the two past-tense patterns below.
_PAST_IRREGULAR = (
    "was|were|had|did|began|took|made|gave|went|came|left|fell|shot|hit|won|lost|met|held|saw|struck|broke|fled"
)
_REPORTED = (
    "said|reported|announced|claimed|added|stated|revealed|confirmed|warned|insisted|argued|alleged|explained|noted"
)
_TOLD_AS_PAST = lazy_compile(
    r"\b(?:was|were|had|did|wasn't|weren't|didn't|hadn't|" + _PAST_IRREGULAR.removeprefix("was|were|had|did|")
    + r"|(?!(?:" + _REPORTED + r")\b)[a-z]{2,}ed)\b",
    re.IGNORECASE,
)
# Anything that speaks of the present, the future, a plan or a possibility.
_NOT_TOLD_AS_PAST = lazy_compile(
    r"\b(?:is|are|am|be|will|would|shall|should|could|can|may|might|must|won't|wouldn't|isn't|aren't|"
    r"going|due|expected|scheduled|planned|plans?|set|upcoming|next|hopes?|aims?|intends?|"
    r"wants?|if|unless|begins?|starts?|ends?|runs?|opens?|closes?)\b|['’]ll\b|\?",
    re.IGNORECASE,
)
# A date that bounds a period rather than dating an event: "by November this year", "until ...".
_BOUND_BEFORE = lazy_compile(
    r"\b(?:from|until|till|by|through|before|starting|ahead\s+of|between|to)\s+(?:the\s+)?(?:end\s+of\s+)?$",
    re.IGNORECASE,
)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``, cut at the nearest full stops or line ends."""
    lo, hi = _stops(text).around(start, end)
    return text[lo:hi]


_STOP = lazy_compile(r"[.?!] ")


class _Stops:
    """Where :func:`_sentence_around` cuts the sentences of one text (". ", "? ", "! "
    and line ends), found once: each cut is then a bisection, not a search that may
    run through the whole text when it has no sentence ends."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.marks = [m.start() for m in _STOP.finditer(text)]
        self.lines = [m.start() for m in re.finditer("\n", text)]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The (start, end) offsets of the sentence holding ``text[start:end]``."""
        marks, lines = self.marks, self.lines
        # The last stop wholly before ``start``, as text.rfind(stop, 0, start) finds it.
        k = bisect.bisect_right(marks, start - 2) - 1
        n = bisect.bisect_right(lines, start - 1) - 1
        lo = max(marks[k] if k >= 0 else -1, lines[n] if n >= 0 else -1) + 1
        # The first stop at or after ``end``, as text.find(stop, end) finds it.
        k = bisect.bisect_left(marks, end)
        n = bisect.bisect_left(lines, end)
        hi = min(marks[k] if k < len(marks) else self.length, lines[n] if n < len(lines) else self.length)
        return lo, hi


@lru_cache(maxsize=4)
def _stops(text: str) -> _Stops:
    return _Stops(text)


def _quoted(text: str) -> str:
    return '"' + " ".join(text.split()) + '"'


class RelativeDateRule(Rule):
    """A relative date whose month, day or year named beside it contradicts the publication date.

    ## What it flags

    A relative expression ("earlier this month", "yesterday", "next year") that comes
    with the period it means in apposition ("earlier this month (December)",
    "yesterday (Monday)", "next year (2024)"), where that period cannot be the one the
    expression means given the article's publication date. The rule is silent when the
    document has no publication date. With a date known only to the month or year,
    it flags only what is wrong on every day the article could have appeared.

    It also flags a weekday whose date in apposition falls on that weekday but not
    within a week of publication ("on Tuesday (March 3)" in a piece of mid-April), an
    "ago" expression with the year or month it means beside it ("two years ago, in
    2017" in 2021; writers' rounding by half a year is allowed), and a month "this
    year" that is still to come but told in the past tense ("was jailed in November
    this year" in a piece of April).

    And it flags a relative date that an absolute date given elsewhere in the article for
    the same event contradicts ("the theft ... 20 years ago" and "the $500million art
    heist from 1990" in 2015). Two mentions count as one event only when each is the only
    date of its sentence and the two share a distinctive figure near the date or the same
    words beside it; stories of repeated events and hedged dates ("more than a year ago")
    are left alone.
    So is one day and month given twice with two years, one of them relative ("the
    offence on October 14 this year" and "On October 14 last year, he was driving"),
    unless the story says the day recurs ("anniversary", "again"). And a relative week or
    month with a day given with it in one phrase that it does not hold ("expected to give
    birth next month, with a rumoured due date of April 25" in a piece of 12 April; "died
    earlier this month between June 22 and June 28" in July).

    ## Why it matters

    Relative dates are written for the day a story runs. When a draft waits, or is
    republished, "earlier this month (December)" quietly becomes false in January, and
    readers who notice stop trusting the rest of the dates.

    ## Example

    In an article published on 10 January 2023:

    ```
    We welcome your statement earlier this month (December) that ...
    ```

    ## Use instead

    ```
    We welcome your statement in December that ...
    ```

    or, if the statement was indeed made this month, "earlier this month (January)".

    ## Fix safety

    The suggested month, day or year is the one the relative expression means at
    publication. The fix replaces the apposition with it and is unsafe: the relative
    expression may be the part that is wrong, so a person should choose. A month
    "this year" told as past gets an unsafe fix to "last year", for the same reason.
    An event dated twice, one day given with two years, and a relative week or month
    with the day given with it get no fix: the article does not say which is right.

    ## Options

    None.
    """

    id = "date/relative"
    summary = "A relative date that the month, day or year named beside it contradicts."
    severity = Severity.WARNING
    requires = frozenset({"date"})
    fix_safety = "unsafe"
    # Every comparison it makes is against the publication date.
    needs_published = True

    def check(self, context: CheckContext) -> Iterator[Finding]:
        pub = context.published
        if pub is None:
            return
        told: dict[tuple[int, int], bool] = {}  # whether each sentence tells a past event
        for claim in context.claims.of_kind("date", DateClaim):
            if claim.anchor != "publication" or claim.relative is None or claim.start is None or claim.end is None:
                continue
            shift = claim.shift
            if shift is not None and shift.unit == "weekday":
                # "on Sunday (March 4)": date/weekday compares the two; here, whether that date
                # is a Sunday the publication date allows at all.
                yield from self._check_weekday_apposition(context, pub, claim)
                continue
            if (shift is not None and shift.unit == "year" and shift.offset == 0 and shift.month is not None
                    and claim.apposition is None):
                yield from self._check_told_as_past(context, pub, claim, told)
            elif claim.apposition is not None and claim.apposition_span is not None:
                yield from self._check_apposition(context, pub, claim)
            elif (claim.weekday is not None and claim.weekday_span is not None and shift is not None
                  and shift.unit == "day" and not shift.counted):
                yield from self._check_weekday(context, pub, claim)
        yield from _check_same_event(context, pub)
        yield from _check_same_day(context, pub)
        yield from _check_given_with(context, pub)

    def _check_apposition(self, context: CheckContext, pub: PublishedDate, claim: DateClaim) -> Iterator[Finding]:
        assert claim.apposition is not None and claim.apposition_span is not None
        assert claim.start is not None and claim.end is not None
        granularity = claim.apposition_granularity or "day"
        app_start, app_end = claim.apposition, _period_end(claim.apposition, granularity)
        if app_start <= claim.end and claim.start <= app_end:
            return
        if (loose := _loose_ago(pub, claim)) is not None and app_start <= loose[1] and loose[0] <= app_end:
            return
        named = context.document.text[claim.apposition_span.start : claim.apposition_span.end]
        suggestion = None
        if granularity == "month" and (claim.start.year, claim.start.month) == (claim.end.year, claim.end.month):
            suggestion = _MONTHS[claim.start.month - 1]
            if any(ch.isdigit() for ch in named):
                suggestion += f" {claim.start.year}"
        elif granularity == "year" and claim.start.year == claim.end.year:
            suggestion = str(claim.start.year)
        elif granularity == "day" and claim.start == claim.end:
            suggestion = f"{_MONTHS[claim.start.month - 1]} {claim.start.day}"
            if claim.weekday is not None:
                suggestion = f"{_WEEKDAYS[claim.start.weekday()]}, {suggestion}"
        expr = _quoted(context.document.text[claim.span.start : claim.span.end])
        message = (
            f"In an article published {_published_phrase(pub)}, {expr} means "
            f"{_meaning(claim)}, not {' '.join(named.split())}."
        )
        yield _named_finding(context, claim, claim.apposition_span, named, message, suggestion)

    def _check_told_as_past(
        self, context: CheckContext, pub: PublishedDate, claim: DateClaim, told: dict[tuple[int, int], bool]
    ) -> Iterator[Finding]:
        """"in November this year" told as past ("was jailed") in a piece of March: the month is yet to come.

        Only when the month (or day) begins after every day the article may have appeared,
        the sentence has a past verb besides the reporting ones, and nothing in it speaks
        of the present, the future or a possibility.
        """
        assert claim.start is not None
        if claim.start <= pub.last_day:
            return
        text = context.document.text
        cut = _stops(text).around(claim.span.start, claim.span.end)
        if cut not in told:
            sentence = text[cut[0] : cut[1]]
            told[cut] = bool(_TOLD_AS_PAST.search(sentence)) and not _NOT_TOLD_AS_PAST.search(sentence)
        if not told[cut]:
            return
        if _BOUND_BEFORE.search(text, max(0, claim.span.start - 20), claim.span.start):
            return
        this_year = re.search(r"this\s+year$", text[claim.span.start : claim.span.end], re.IGNORECASE)
        if this_year is None:
            return
        span = context.document.span(claim.span.start + this_year.start(), claim.span.start + this_year.end())
        expr = _quoted(text[claim.span.start : claim.span.end])
        message = (
            f"In an article published {_published_phrase(pub)}, {expr} means {_meaning(claim)}, still to come,"
            f" but the sentence tells it as past: \"last year\" may be meant."
        )
        fix = Fix(description='Replace "this year" with "last year"',
                  edits=(Edit(span=span, replacement="last year"),), safety="unsafe")
        yield context.finding(
            span,
            message,
            related=[context.related(claim.span, "the date")],
            suggestion="last year",
            fix=fix,
            confidence=round(claim.confidence * 0.8, 3),
        )

    def _check_weekday_apposition(
        self, context: CheckContext, pub: PublishedDate, claim: DateClaim
    ) -> Iterator[Finding]:
        """A weekday with its date in apposition ("on Tuesday (March 4)") far from publication.

        The date must fall on the weekday named (else date/weekday speaks), and lie outside
        every reading the weekday allows on every day the article may have appeared: the
        latest or the coming such day (within a week of publication), or for "next" the one
        of the following week. The tense is not trusted to pick one of the two.
        """
        app = claim.apposition
        if app is None or claim.apposition_span is None or claim.apposition_granularity != "day":
            return
        if claim.weekday is None or app.weekday() != claim.weekday:
            return
        shift = claim.shift
        ahead = 13 if shift is not None and shift.offset == 1 and shift.anchor == "publication" else 7  # "next Sunday"
        if pub.value - _dt.timedelta(days=7) <= app <= pub.last_day + _dt.timedelta(days=ahead):
            return
        named = context.document.text[claim.apposition_span.start : claim.apposition_span.end]
        expr = _quoted(context.document.text[claim.span.start : claim.span.end])
        weekday = _WEEKDAYS[claim.weekday]
        suggestion = None
        if claim.start is not None and claim.start == claim.end:
            # In the form of the date written: "Tuesday, April 14, 2015" for "Tuesday, March 4, 2015".
            suggestion = f"{_MONTHS[claim.start.month - 1]} {claim.start.day}"
            if re.search(r"\d{4}\s*$", named):
                suggestion += f", {claim.start.year}"
            if named.lstrip()[:3].lower() == weekday[:3].lower():
                suggestion = f"{weekday}, {suggestion}"
        written = " ".join(named.split())
        if not re.search(r"\d{4}$", written):
            written += f" ({app.year})"
        message = (
            f"In an article published {_published_phrase(pub)}, {expr} means a {weekday} within a week"
            f" of publication, not {written}."
        )
        yield _named_finding(context, claim, claim.apposition_span, named, message, suggestion)

    def _check_weekday(self, context: CheckContext, pub: PublishedDate, claim: DateClaim) -> Iterator[Finding]:
        assert claim.weekday is not None and claim.weekday_span is not None
        assert claim.start is not None and claim.end is not None
        days = (claim.end - claim.start).days + 1
        if days >= 7 or any(
            (claim.start + _dt.timedelta(days=i)).weekday() == claim.weekday for i in range(days)
        ):
            return
        expr = _quoted(context.document.text[claim.span.start : claim.span.end])
        named = _WEEKDAYS[claim.weekday]
        if claim.start == claim.end:
            actual = _WEEKDAYS[claim.start.weekday()]
            verb = "was" if claim.end < pub.value else "is"
            message = f"In an article published {_published_phrase(pub)}, {expr} {verb} a {actual}, not a {named}."
            suggestion: str | None = actual
        else:
            message = f"In an article published {_published_phrase(pub)}, {expr} cannot be a {named}."
            suggestion = None
        yield _named_finding(context, claim, claim.weekday_span, named, message, suggestion)


# ------------------------------------------------------- one event dated twice

# Where a sentence ends (a full stop that lost its space included). Close to the date
# extractor's splitter, not the same: every line break ends a sentence here.
_SENTENCE_END = lazy_compile(
    r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n|(?<=[a-z0-9][a-z0-9)])[.!?][\"'”’]?(?=[\"'“‘]?[A-Z][a-z])"
)
# A figure that names one thing in a story ("$500million", "magnitude 2.3", "56 minutes"):
# a sum of money, a decimal, or a whole number from 13 up that is not a year; not an
# ordinal, a code ("STS-133") or a part of a date.
_FIGURE = lazy_compile(
    r"(?<![\w.,$£€/-])(?P<cur>[$£€])?(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:(?P<mult>[ \t]?(?:million|billion|bn|m)\b)|(?![\w/-]|[.,]\d))"
)
# An age ("Baugh, 73, said", "a 48-year-old") is repeated with every mention of a person.
_AGE_AFTER = lazy_compile(r"(?:-|\s)?(?:year|yr)s?[- ]old|\s*,", re.IGNORECASE)
# Words of a story that repeats ("again", "annual", "the anniversary"): two dates may be two
# occasions of one kind of event.
_RECURRING = lazy_compile(
    r"\b(?:again|another|annual|annually|every|each|previous|previously|latest|anniversary|recurring|once\s+more|"
    r"second|third|repeat|repeated|to\s+the\s+day)\b",
    re.IGNORECASE,
)
# Words that round or bound a relative date ("more than two years ago"): then it does not pin the event.
_HEDGED = lazy_compile(
    r"\b(?:more\s+than|over|nearly|almost|about|around|some|at\s+least|less\s+than|under|roughly|approximately|"
    r"up\s+to|within|only|just|barely|well|by|until|till|through|since|before|after|from)\s+$",
    re.IGNORECASE,
)
_PHRASE_WORD = lazy_compile(r"[\w'’$£€.-]+")
# Short words that do not make two phrases the same ("in the", "of a").
_FUNCTION = frozenset(
    """a an the of in on at to for from by with as and or but is was were be been has have had it its his her their
    he she they this that which who""".split()
)
_DATE_PREPOSITION = frozenset({"in", "on", "during", "at", "of"})
# How far from a date (in characters) a figure may stand and still tell of its event.
_NEAR = 150


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as (start, end) offsets."""
    spans, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()]
        if m.group().startswith(".") and re.search(r"\b(?:Mr|Mrs|Ms|Dr|St|No|U\.S|[A-Z])$", before):
            continue
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, len(text)))
    return spans


def _figures(text: str, start: int, end: int, dates: list[DateClaim]) -> dict[str, str]:
    """The distinctive figures of ``text[start:end]`` outside its dates: normalised, and as written."""
    found: dict[str, str] = {}
    for m in _FIGURE.finditer(text, start, end):
        if any(d.span.start <= m.start() < d.span.end for d in dates):
            continue
        num, cur = m["num"], m["cur"] or ""
        if not cur and "." not in num:
            value = int(num.replace(",", ""))
            if value < 13 or ("," not in num and 1500 <= value <= 2100):
                continue
        if _AGE_AFTER.match(text, m.end()) and not cur and not m["mult"]:
            continue
        mult = (m["mult"] or "").strip().lower()[:1]
        key = cur + num.replace(",", "") + mult
        if key not in found:
            # As written, with the word after it: "56 minutes", "$500million".
            unit = re.match(r"[ \t]?[a-z]+", text[m.end() : m.end() + 20]) if not m["mult"] else None
            found[key] = text[m.start() : m.end()] + (unit.group() if unit else "")
    return found


def _words_beside(text: str, sent: tuple[int, int], date: DateClaim, before: bool) -> list[str]:
    """Up to five words just before (or after) a date in its clause, lower-cased; a
    preposition of the date itself ("in 2013") is left out."""
    if before:
        chunk = text[sent[0] : date.span.start]
        chunk = re.split(r"[,;:()\"“”]|\s[–—-]\s", chunk)[-1]
        words = [w.lower().strip(".") for w in _PHRASE_WORD.findall(chunk)]
        if words and words[-1] in _DATE_PREPOSITION:
            words.pop()
        return words[-5:]
    chunk = text[date.span.end : sent[1]]
    chunk = re.split(r"[,;:()\"“”]|\s[–—-]\s", chunk)[0]
    return [w.lower().strip(".") for w in _PHRASE_WORD.findall(chunk)][:5]


def _same_phrase(a: list[str], b: list[str], before: bool) -> bool:
    """Whether two runs of words beside two dates end (or begin) with the same three or more
    words, two of them more than function words: "sparked widespread outrage last year" and
    "sparked widespread outrage in 2013"."""
    n = 0
    pairs = zip(reversed(a), reversed(b), strict=False) if before else zip(a, b, strict=False)
    shared = []
    for x, y in pairs:
        if x != y:
            break
        n += 1
        shared.append(x)
    return n >= 3 and sum(w not in _FUNCTION for w in shared) >= 2


def _ago_window(pub: PublishedDate, claim: DateClaim) -> tuple[_dt.date, _dt.date] | None:
    """The days an "ago" expression may mean against the same event dated elsewhere: half a
    year of slack up to ten years, then 15 per cent ("20 years ago" fits 21 years, not 25)."""
    return _ago_days(pub, claim, lambda n: max(6, round(n * 12 * 0.15)))


def _may_be_relative(d: DateClaim) -> bool:
    """A relative date that may pin an event against an absolute one: a month, year or
    season relative to publication, or "N years ago"; not a weekday."""
    return (
        d.anchor == "publication" and d.relative is not None and d.apposition is None
        and (d.granularity in ("month", "year", "season") or _ago(d) is not None)
        and _unit(d) != "weekday"
    )


def _may_be_absolute(d: DateClaim) -> bool:
    return d.anchor == "absolute" and d.granularity in ("day", "month", "year", "season")


def _check_same_event(context: CheckContext, pub: PublishedDate) -> Iterator[Finding]:
    """A relative date ("20 years ago", "last year") and an absolute one given elsewhere in the
    article for the same event ("the heist from 1990"), which cannot both hold.

    Two mentions are one event only on strong evidence: each is the only date of its
    sentence, and the two sentences share a distinctive figure ("$500million",
    "magnitude 2.3", "56 minutes") or tell the same predicate beside the date ("sparked
    widespread outrage last year" / "sparked widespread outrage in 2013"). A story of
    repeated events ("again", "annual", "anniversary"), or a relative date that is
    hedged ("more than a year ago"), is left alone.
    """
    dates = [c for c in context.claims.of_kind("date", DateClaim) if c.start is not None and c.end is not None]
    if len(dates) < 2:
        return
    # Most articles hold no relative date of the kinds below, or no absolute one:
    # then there is nothing to pair, and no sentence to cut.
    if not any(_may_be_relative(d) for d in dates) or not any(_may_be_absolute(d) for d in dates):
        return
    text = context.document.text
    sentences = _sentence_spans(text)
    starts = [s for s, _ in sentences]

    def sentence_of(claim: DateClaim) -> int:
        return bisect.bisect_right(starts, claim.span.start) - 1

    by_sentence: dict[int, list[DateClaim]] = {}
    for d in dates:
        by_sentence.setdefault(sentence_of(d), []).append(d)
    alone = {i: ds[0] for i, ds in by_sentence.items() if len(ds) == 1}
    relatives = [(i, d) for i, d in alone.items() if _may_be_relative(d)]
    absolutes = [(i, d) for i, d in alone.items() if _may_be_absolute(d)]
    if not relatives or not absolutes:
        return
    # How many sentences give each figure: one told in many does not single out an event.
    figure_count: dict[str, int] = {}
    for i, (a, b) in enumerate(sentences):
        for f in _figures(text, a, b, by_sentence.get(i, [])):
            figure_count[f] = figure_count.get(f, 0) + 1
    # The figures near each lone date: a long caption or table may hold figures of other events.
    figures = {
        i: _figures(text, max(sentences[i][0], d.span.start - _NEAR), min(sentences[i][1], d.span.end + _NEAR), [d])
        for i, d in alone.items()
    }
    # The absolute dates a relative one may be matched with: those that share a figure
    # (one told in at most three sentences), or the three words next to the date on
    # one side, which _same_phrase needs. Of absolute dates alike in all that decides
    # a phrase match (days, words and sentence), only the first is kept by its words:
    # each relative date then meets a few, not every absolute date of a long text.
    beside = {
        i: (_words_beside(text, sentences[i], d, True), _words_beside(text, sentences[i], d, False))
        for i, d in alone.items()
    }
    by_figure: dict[str, list[int]] = {}
    by_words: dict[tuple, list[int]] = {}
    alike: set[tuple] = set()
    recurs: dict[int, bool] = {}
    for k, (j, other) in enumerate(absolutes):
        for f in figures[j]:
            if figure_count[f] <= 3:
                by_figure.setdefault(f, []).append(k)
        recurs[j] = bool(_RECURRING.search(text, sentences[j][0], sentences[j][1]))
        signature = (other.start, other.end, other.year_explicit, recurs[j], *map(tuple, beside[j]))
        if signature in alike:
            continue
        alike.add(signature)
        for side, words in zip((True, False), beside[j], strict=False):
            if len(words) >= 3:
                by_words.setdefault((side, tuple(words[-3:] if side else words[:3])), []).append(k)
    for i, rel in sorted(relatives, key=lambda x: x[1].span.start):
        assert rel.start is not None and rel.end is not None
        if _HEDGED.search(text, max(0, rel.span.start - 20), rel.span.start):
            continue
        window = _ago_window(pub, rel) if _ago(rel) is not None else (rel.start, rel.end)
        if window is None:
            continue
        rel_sentence = text[sentences[i][0] : sentences[i][1]]
        if _RECURRING.search(rel_sentence):
            continue
        near: set[int] = set()
        for f in figures[i]:
            near.update(by_figure.get(f, ()))
        for side, words in zip((True, False), beside[i], strict=False):
            if len(words) >= 3:
                near.update(by_words.get((side, tuple(words[-3:] if side else words[:3])), ()))
        for k in sorted(near):
            j, other = absolutes[k]
            assert other.start is not None and other.end is not None
            if other.start <= window[1] and window[0] <= other.end:
                continue
            if not other.year_explicit and pub.precision == "year":
                continue  # the year of "May 18" was guessed from a publication date known only to the year
            if recurs[j]:
                continue
            common = figures.get(i, {}).keys() & figures.get(j, {}).keys()
            shared = sorted(figures[i][f] for f in common if figure_count[f] <= 3)
            same = shared or any(
                _same_phrase(beside[i][0 if side else 1], beside[j][0 if side else 1], side) for side in (True, False)
            )
            if not same:
                continue
            expr = _quoted(text[rel.span.start : rel.span.end])
            dated = _quoted(text[other.span.start : other.span.end])
            because = f"both tell of {_quoted(shared[0])}" if shared else "both tell the same event in the same words"
            message = (
                f"In an article published {_published_phrase(pub)}, {expr} means {_window_phrase(rel)},"
                f" but the same event is dated {dated} elsewhere in the article ({because}): one of the two is wrong."
            )
            confidence = min(rel.confidence, other.confidence) * (0.7 if shared else 0.75)
            if not other.year_explicit:
                confidence *= 0.8
            yield context.finding(
                rel.span,
                message,
                related=[context.related(other.span, "the same event, dated")],
                confidence=round(confidence, 3),
            )
            break


def _week_or_month(claim: DateClaim) -> bool:
    """A calendar week or month relative to publication: "next month", "later this month",
    "last week"; not "two weeks ago", not "last March"."""
    s = claim.shift
    return s is not None and s.unit in ("week", "month") and s.month is None and not s.counted


# Words joining a relative date to the day it means in one phrase: "last month between June 22 and
# June 28", "later this month, with a rumoured due date of April 25".
_GIVEN_AFTER = lazy_compile(
    r"[ \t]*(?:,[ \t]*)?(?:on|between|from)[ \t]+"
    r"|[ \t]*,[ \t]*with[ \t]+(?:a|an|the|its|her|his|their)[ \t]+(?:[a-z]+[ \t]+){0,2}date[ \t]+of[ \t]+"
)
# "on June 17 last month": the day right before its relative month.
_GIVEN_BEFORE = lazy_compile(r"[ \t]*")
# "between June 22 and June 28": a second day closing the range the first opens.
_RANGE_CLOSE = lazy_compile(r"[ \t]+(?:and|to|until|-|–)[ \t]+")


def _check_given_with(context: CheckContext, pub: PublishedDate) -> Iterator[Finding]:
    """A relative week or month and the day given with it in one phrase, which it does not
    hold: "expected to give birth next month, with a rumoured due date of April 25" in a
    piece of 12 April.

    Only when the two are joined by "on", "between", "from" or ", with a ... date of"
    alone, or the day stands right before the relative month;
    a day written without a year counts only with a publication date known to the month
    or day.
    """
    text = context.document.text
    dates = [c for c in context.claims.of_kind("date", DateClaim) if c.start is not None and c.end is not None]
    if len(dates) < 2:
        return
    dates.sort(key=lambda c: c.span.start)
    for i, rel in enumerate(dates):
        if rel.anchor != "publication" or not _week_or_month(rel) or rel.apposition is not None:
            continue
        # The day right after the relative date, or right before it ("on June 17 last month").
        pair = [rel, dates[i + 1]] if i + 1 < len(dates) else []
        if i > 0 and _unit(rel) == "month" and _GIVEN_BEFORE.fullmatch(text, dates[i - 1].span.end, rel.span.start):
            pair = [dates[i - 1], rel]
        if len(pair) != 2:
            continue
        day = pair[1] if pair[0] is rel else pair[0]
        closing = None
        if (
            pair[0] is rel
            and i + 2 < len(dates)
            and _RANGE_CLOSE.fullmatch(text, day.span.end, dates[i + 2].span.start)
        ):
            closing = dates[i + 2]  # "between June 22 and June 28": the range the first day opens
        if day.anchor != "absolute" or day.granularity != "day":
            continue
        if closing is not None and (closing.anchor != "absolute" or closing.granularity != "day"):
            continue
        assert rel.start is not None and rel.end is not None and day.start is not None and day.end is not None
        if rel is pair[0]:
            joined = _GIVEN_AFTER.fullmatch(text, rel.span.end, day.span.start)
        else:
            joined = _GIVEN_BEFORE.fullmatch(text, day.span.end, rel.span.start) if _unit(rel) == "month" else None
        if not joined or (not day.year_explicit and pub.precision == "year"):
            continue
        days = [day] if closing is None else [day, closing]
        if any(d.start is not None and d.end is not None and d.start <= rel.end and rel.start <= d.end for d in days):
            continue
        expr = _quoted(text[rel.span.start : rel.span.end])
        given = _quoted(text[day.span.start : day.span.end])
        message = (
            f"In an article published {_published_phrase(pub)}, {expr} means {_meaning(rel)},"
            f" but the day given with it, {given}, is {_describe(day.start, day.end)}: one of the two is wrong."
        )
        confidence = min(rel.confidence, day.confidence) * (0.8 if day.year_explicit else 0.7)
        yield context.finding(
            rel.span,
            message,
            related=[context.related(day.span, "the day given with it")],
            confidence=round(confidence, 3),
        )


def _year_named(claim: DateClaim) -> bool:
    """A month or day in a year named relative to publication: "October 14 this year"."""
    s = claim.shift
    return s is not None and s.unit == "year" and s.month is not None


def _check_same_day(context: CheckContext, pub: PublishedDate) -> Iterator[Finding]:
    """One day and month given twice with two different years, one of them relative:
    "the offence on October 14 this year" and "On October 14 last year, he was driving".

    A day and month repeated in one article names one event unless the story says it
    recurs ("again", "anniversary", "a year to the day"), so the two years cannot both hold.
    """
    text = context.document.text
    days = [
        c for c in context.claims.of_kind("date", DateClaim)
        if c.granularity == "day" and c.start is not None and c.start == c.end
        and (_year_named(c) or (c.anchor == "absolute" and c.year_explicit))
    ]
    if len(days) < 2 or not any(_year_named(c) for c in days):
        return
    stops = _stops(text)
    recurring: dict[tuple[int, int], bool] = {}  # whether each sentence tells of a recurring event

    def recurs(claim: DateClaim) -> bool:
        cut = stops.around(claim.span.start, claim.span.end)
        if cut not in recurring:
            recurring[cut] = bool(_RECURRING.search(text[cut[0] : cut[1]]))
        return recurring[cut]

    # The earlier days of each day and month that are not told as recurring: all of
    # them, and those with a named year. A later day pairs with the first of these with
    # another year (any earlier one when its own year is named, else one with a named
    # year), so each day is compared with at most two, not every earlier one.
    earlier_days: dict[tuple[int, int], tuple[_FirstOtherYear, _FirstOtherYear]] = {}
    flagged: set[str] = set()
    for later in days:
        assert later.start is not None
        key = (later.start.month, later.start.day)
        named = _year_named(later)
        entry = earlier_days.get(key)
        if entry is not None and later.id not in flagged and not recurs(later):
            earlier = (entry[0] if named else entry[1]).other_than(later.start.year)
        else:
            earlier = None
        if entry is None:
            entry = earlier_days[key] = (_FirstOtherYear(), _FirstOtherYear())
        if not recurs(later):
            entry[0].add(later)
            if named:
                entry[1].add(later)
        if earlier is not None:
            assert earlier.start is not None
            flagged.add(later.id)
            this = _quoted(text[later.span.start : later.span.end])
            that = _quoted(text[earlier.span.start : earlier.span.end])
            message = (
                f"In an article published {_published_phrase(pub)}, {this} is {_describe(later.start, later.start)},"
                f" but {that}, the same day and month, is {_describe(earlier.start, earlier.start)}:"
                " if both date one event, one of the years is wrong."
            )
            yield context.finding(
                later.span,
                message,
                related=[context.related(earlier.span, "the same day and month")],
                confidence=round(min(later.confidence, earlier.confidence) * 0.7, 3),
            )


class _FirstOtherYear:
    """Days in the order given: the first, and the first with a year other than the
    first's, which is enough to give the first with a year other than any one year."""

    __slots__ = ("first", "other")

    def __init__(self) -> None:
        self.first: DateClaim | None = None
        self.other: DateClaim | None = None

    def add(self, claim: DateClaim) -> None:
        assert claim.start is not None
        if self.first is None:
            self.first = claim
        elif self.other is None and self.first.start is not None and claim.start.year != self.first.start.year:
            self.other = claim

    def other_than(self, year: int) -> DateClaim | None:
        if self.first is None or self.first.start is None:
            return None
        return self.first if self.first.start.year != year else self.other


def _window_phrase(claim: DateClaim) -> str:
    """What a relative date may mean, in words: "about 1995" for an "ago", else its period."""
    if (ago := _ago(claim)) is not None:
        assert claim.start is not None and claim.end is not None
        middle = claim.start + (claim.end - claim.start) / 2
        if ago.unit == "year" and ago.offset != -1:  # "a year ago" is near enough to name its month
            return f"about {middle.year}"
        return f"about {_MONTHS[middle.month - 1]} {middle.year}"
    return _meaning(claim)


def _named_finding(
    context: CheckContext, claim: DateClaim, span: Span, named: str, message: str, suggestion: str | None
) -> Finding:
    """A finding on the month, day or year named beside a relative date, with an
    unsafe fix to the suggestion when there is one."""
    fix = None
    if suggestion is not None:
        fix = Fix(
            description=f"Replace {_quoted(named)} with {_quoted(suggestion)}",
            edits=(Edit(span=span, replacement=suggestion),),
            safety="unsafe",
        )
    return context.finding(
        span,
        message,
        related=[context.related(claim.span, "the relative date")],
        suggestion=suggestion,
        fix=fix,
        confidence=claim.confidence,
    )


class DateOrderRule(Rule):
    """An event said to come before or after another, when the dates given say the opposite.

    ## What it flags

    A sentence that orders two dated events with "after", "following", "in the wake
    of", "before", "ahead of", "prior to", "since" or ", followed by" ("X in 1999 to A,
    followed by a 2001 Y": the second event is placed after the first), where the date given for the
    event being placed ends before the other begins (for "after") or begins after the
    other ends (for "before"). Overlapping dates ("in 2020 ... after the March 2020
    vote") are never flagged.

    It reads the order a narrative tells too, between dates with their year written:
    "who then set up Y in 2010", "was later fired in 2014", "went on to ...", ", and in
    1997 she was promoted", a sentence opening "Then in 2009," or with a pluperfect ("He
    had been released from prison in 2001", told as coming before the sentence it
    follows), and "a further coup in 1985" after a coup dated earlier. Such a step is
    flagged only when its date falls on the wrong side of every date it follows.

    It also flags an event told as done at a date after the publication date ("was
    cut after being charged in June 2015" in a piece of April 2015): the event cannot
    come after the article telling it. Only for a date with its year written, told at a
    past verb of its own clause, in a sentence that speaks of no present, future, plan,
    deadline or later vantage ("later", "since").

    ## Why it matters

    A reversed order is a factual error a reader can spot from the article alone, and
    it usually means one of the two dates is wrong.

    ## Example

    ```
    The ban, imposed in March 2020, followed the election in May 2020.
    ```

    ## Use instead

    ```
    The ban, imposed in March 2020, preceded the election in May 2020.
    ```

    or correct whichever date is wrong.

    ## Fix safety

    No fix: the rule cannot tell whether the order or one of the dates is wrong.

    ## Options

    None.
    """

    id = "date/order"
    summary = "An event placed before or after another, against the dates given for both."
    severity = Severity.WARNING
    requires = frozenset({"date", "temporal-relation"})

    def check(self, context: CheckContext) -> Iterator[Finding]:
        if context.published is not None:
            yield from _check_done_after_publication(context, context.published)
        for rel in context.claims.of_kind("temporal-relation", TemporalRelationClaim):
            subject, obj = context.claims.get(rel.subject), context.claims.get(rel.object)
            if not isinstance(subject, DateClaim) or not isinstance(obj, DateClaim):
                continue
            if None in (subject.start, subject.end, obj.start, obj.end):
                continue
            assert subject.start and subject.end and obj.start and obj.end
            if rel.relation in ("after", "since"):
                wrong = subject.end < obj.start
                placed, actually = "after", "before"
            else:
                wrong = subject.start > obj.end
                placed, actually = "before", "after"
            if not wrong:
                continue
            text = context.document.text
            subj_text = _quoted(text[subject.span.start : subject.span.end])
            obj_text = _quoted(text[obj.span.start : obj.span.end])
            message = (
                f"The event dated {subj_text} is said to come {placed} the one dated {obj_text}"
                f" ({_quoted(rel.cue)}), but {_describe(subject.start, subject.end)} is {actually}"
                f" {_describe(obj.start, obj.end)}."
            )
            yield context.finding(
                subject.span,
                message,
                related=[
                    context.related(obj.span, "the other date"),
                    context.related(rel.span, "the words that state the order"),
                ],
                confidence=min(rel.confidence, subject.confidence, obj.confidence),
            )


# A date that an event is told at ("was jailed in May 2016", "On 3 May 2016, police arrested ..."),
# not one that bounds or measures a period.
_EVENT_PREPOSITION = lazy_compile(r"\b(?:in|on|during|at)\s+(?:early\s+|mid-?|late\s+)?$", re.IGNORECASE)
# Words that tell a story from a later vantage ("later", "since") or of a plan, a deadline or
# a term: a date after publication in such a sentence may be right.
_LATER_VANTAGE = lazy_compile(
    r"\b(?:later|since|subsequently|eventually|until|till|postponed|delayed|deferred|rescheduled|pushed|moved|"
    r"brought\s+forward|deadline|contract|expir\w*|term|target\w*|forecast|predicted|projected|estimated|"
    r"promised|pledged|vowed|agreed|announced|slated|booked|tipped|tickets?|sentence|jailed\s+for)\b",
    re.IGNORECASE,
)


def _check_done_after_publication(context: CheckContext, pub: PublishedDate) -> Iterator[Finding]:
    """An event told as done, at a date after the publication date: "was sentenced on Monday
    after the attack in May 2016" in a piece of March 2016.

    Only for a date with its year written, after every day the article may have appeared,
    told at with "in", "on", "during" or "at", in a sentence with a past verb besides the
    reporting ones and nothing that speaks of the present, the future, a possibility, a
    plan, a deadline or a later vantage ("later", "since").
    """
    text = context.document.text
    sentences: list[tuple[int, int]] | None = None
    starts: list[int] = []
    # What each sentence tells, found once for all its dates (a sentence may hold thousands):
    # whether it speaks of the present, a plan or a later vantage, and its past verbs.
    speaks_otherwise: dict[int, bool] = {}
    past_verbs: dict[int, _PastVerbs] = {}
    for claim in context.claims.of_kind("date", DateClaim):
        if claim.anchor != "absolute" or not claim.year_explicit or claim.start is None:
            continue
        if claim.granularity not in ("day", "month", "year", "season") or claim.start <= pub.last_day:
            continue
        if not _EVENT_PREPOSITION.search(text, max(0, claim.span.start - 16), claim.span.start):
            continue
        if sentences is None:
            sentences = _sentence_spans(text)
            starts = [s for s, _ in sentences]
        i = bisect.bisect_right(starts, claim.span.start) - 1
        if i not in speaks_otherwise:
            sentence = text[sentences[i][0] : sentences[i][1]]
            speaks_otherwise[i] = any(
                p.search(sentence) for p in (_NOT_TOLD_AS_PAST, _LATER_VANTAGE, _IRREALIS_OR_FUTURE)
            )
        if speaks_otherwise[i]:
            continue
        if i not in past_verbs:
            past_verbs[i] = _PastVerbs(text, sentences[i])
        if not _dates_a_past_verb(text, sentences[i], claim, past_verbs[i]):
            continue
        dated = _quoted(text[claim.span.start : claim.span.end])
        message = (
            f"In an article published {_published_phrase(pub)}, {dated} is still to come, but the sentence"
            " tells the event as done: the date or the tense is wrong."
        )
        yield context.finding(claim.span, message, confidence=round(claim.confidence * 0.7, 3))


# A verb told in the past ("was jailed", "killed", "took"): lower-case, so "United" is no verb.
_PAST_VERB = lazy_compile(
    r"\b(?:" + _PAST_IRREGULAR + r"|ran|sold|bought|paid|sent|spent|led|got|found|built|stole|wrote"
    r"|(?!(?:" + _REPORTED + r"|need|feed|seed|speed|shed)\b)[a-z]{2,}ed)\b"
)
# Between a past verb and the date it is told at: words that open another clause, or a verb of
# another kind ("to withdraw", "impacting") that the date may belong to instead.
_OTHER_CLAUSE = lazy_compile(
    r"[,;:()\"“”–—]|\b(?:who|whom|whose|which|that|where|when|while|whereas|if|unless|as|than|because|although|"
    r"though|and|but|or|said|says|told|tells|according)\b|\bto\s+(?!the\b|a\b|an\b|his\b|her\b|their\b|its\b)[a-z]+"
    r"|(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)(?<!\bits\s)(?<!['’]s\s)\b[a-z]+ing\b",
    re.IGNORECASE,
)
_SENTENCE_OPENING = lazy_compile(
    r"^[\s\"“'(*•-]*(?:(?:in|on|during|at)\s+)?(?:early\s+|mid-?|late\s+)?$", re.IGNORECASE
)


class _PastVerbs:
    """Where the past verbs of one sentence end, found once for all its dates."""

    __slots__ = ("ends", "origin")

    def __init__(self, text: str, sent: tuple[int, int]) -> None:
        self.origin = sent[0]
        # Offsets in the sentence's own text, as a search of its start up to a date finds them.
        self.ends = [m.end() for m in _PAST_VERB.finditer(text[sent[0] : sent[1]])]

    def last_end_before(self, text: str, pos: int) -> int | None:
        """Where the last past verb before ``pos`` ends (an offset in the sentence), or None.

        Every match is one whole word, so when a word ends at ``pos`` and no word runs
        across it, the sentence's verbs ending by ``pos`` are those of its text up to
        ``pos``; else that text is searched itself.
        """
        if pos > self.origin and _is_word_char(text[pos - 1]) and _is_word_char(text[pos]):
            verbs = list(_PAST_VERB.finditer(text[self.origin : pos]))
            return verbs[-1].end() if verbs else None
        k = bisect.bisect_right(self.ends, pos - self.origin)
        return self.ends[k - 1] if k else None


def _is_word_char(ch: str) -> bool:
    """Whether ``ch`` is a word character as ``\\w`` reads one."""
    return ch.isalnum() or ch == "_"


_NON_SPACE = lazy_compile(r"\S+")


def _more_words_than(text: str, start: int, end: int, n: int) -> bool:
    """Whether ``text[start:end]`` holds more than ``n`` words as ``str.split()`` cuts them,
    read only as far as the word after the ``n``-th."""
    return next(itertools.islice(_NON_SPACE.finditer(text, start, end), n, None), None) is not None


def _dates_a_past_verb(text: str, sent: tuple[int, int], claim: DateClaim, verbs: _PastVerbs) -> bool:
    """Whether a date is told at a past verb of its own clause: the nearest past verb before
    it, within ten words and with no other clause or verb between ("was charged with
    Lloyd's killing in June 2013"), or, for a date opening the sentence ("In July 2016,
    a suicide bomb attack ... killed"), the first verb of the main clause."""
    before = text[sent[0] : claim.span.start]
    if _SENTENCE_OPENING.match(before):
        after = text[claim.span.end : sent[1]]
        comma = re.match(r"\s*,", after)
        verb = _PAST_VERB.search(after)
        if comma is None or verb is None:
            return False
        gap = after[comma.end() : verb.start()]
        return len(gap.split()) <= 12 and not _OTHER_CLAUSE.search(gap)
    last = verbs.last_end_before(text, claim.span.start)
    if last is None or _more_words_than(text, sent[0] + last, claim.span.start, 10):
        return False
    gap = before[last:]
    return not _OTHER_CLAUSE.search(gap)


# Words of a plan or a possibility that _NOT_TOLD_AS_PAST leaves out.
_IRREALIS_OR_FUTURE = lazy_compile(
    r"\b(?:would|could|might|should|scheduled|planned|hoped|intended|wanted|aimed|prepared|preparing|ahead|"
    r"awaiting|awaited|pending|tomorrow|upcoming|forthcoming|future|proposed|deal|plan)\b",
    re.IGNORECASE,
)


class WeekdayRule(Rule):
    """A weekday named with a full date that falls on another day.

    ## What it flags

    A weekday written with a date ("Tuesday, September 2, 2015", "Sunday night
    (March 4)") when that date falls on a different day of the week. For a date
    written without a year, the year is taken from the publication date, and the
    finding's confidence is lower; with a publication date known only to the month or
    year, a yearless date is flagged only when no year within 200 days of publication
    puts it on the weekday named. Without a publication date known to the day, a
    yearless date takes the year the article itself gives for that month ("on Thursday
    9 August" in a piece that says "in August 2013"), when it gives one year only (and,
    with a publication date, one within 200 days of it).

    ## Why it matters

    Either the weekday or the date is wrong, and a reader cannot tell which. Both are
    usually copied from different drafts or sources.

    ## Example

    ```
    Tuesday, September 2, 2015
    ```

    ## Use instead

    ```
    Wednesday, September 2, 2015
    ```

    or "Tuesday, September 1, 2015", whichever is right.

    ## Fix safety

    No fix and no suggestion: the rule cannot know whether the weekday or the date is
    wrong.

    ## Options

    None.
    """

    id = "date/weekday"
    summary = "A weekday named with a date that falls on another day of the week."
    severity = Severity.WARNING
    requires = frozenset({"date"})

    def check(self, context: CheckContext) -> Iterator[Finding]:
        text = context.document.text
        pub = context.published
        years_by_month: dict[int, set[int]] | None = None
        for claim in context.claims.of_kind("date", DateClaim):
            if claim.weekday is None or claim.weekday_span is None:
                continue
            from_article = False
            if claim.relative is None:
                # "Tuesday, September 2, 2015": the claim is the date, the weekday is in front.
                if claim.granularity != "day" or (claim.start is not None and claim.start != claim.end):
                    continue
                date_span = self._date_part(context, claim)
                day = claim.start
                explicit = claim.year_explicit
                if not explicit and (pub is None or pub.precision != "day"):
                    # "on Thursday 9 August" in a piece that says "in August 2013": the article's own year.
                    if years_by_month is None:
                        years_by_month = _years_by_month(context)
                    own = _yearless_day(text[date_span.start : date_span.end], years_by_month)
                    if own is not None and (pub is None or pub.value - _dt.timedelta(days=200) <= own
                                            <= pub.last_day + _dt.timedelta(days=200)):
                        # With a publication date, only a year the piece may be telling of now.
                        day, from_article = own, True
                if day is None:
                    continue
            elif claim.apposition is not None and claim.apposition_granularity == "day" and claim.apposition_span:
                # "on Sunday (March 4)": the weekday is the claim, the date is in apposition.
                day, date_span = claim.apposition, claim.apposition_span
                explicit = re.search(r"\d{4}\s*$", text[date_span.start : date_span.end]) is not None
            else:
                continue
            if day.weekday() == claim.weekday:
                continue
            if (not explicit and not from_article and pub is not None and pub.precision != "day"
                    and _fits_some_year(day, claim.weekday, pub)):
                continue
            date_text = " ".join(text[date_span.start : date_span.end].split()).rstrip(",")
            if not explicit:
                date_text = f"{date_text}, {day.year}"
            tense = "is" if pub is not None and day >= pub.value else "was"
            message = f"{date_text} {tense} a {_WEEKDAYS[day.weekday()]}, not a {_WEEKDAYS[claim.weekday]}."
            if from_article:
                message += f" (The article dates {_MONTHS[day.month - 1]} to {day.year} elsewhere.)"
            yield context.finding(
                claim.weekday_span,
                message,
                related=[context.related(date_span, "the date")],
                confidence=round(
                    claim.confidence if explicit else claim.confidence * (0.7 if from_article else 0.8), 3
                ),
            )

    @staticmethod
    def _date_part(context: CheckContext, claim: DateClaim) -> Span:
        """The span of the date without the weekday written before it."""
        assert claim.weekday_span is not None
        text = context.document.text
        start = claim.weekday_span.end
        while start < claim.span.end and text[start] in " ,\t\n\u00a0":
            start += 1
        if not claim.weekday_span.start >= claim.span.start or start >= claim.span.end:
            return claim.span
        return context.document.span(start, claim.span.end)


def _years_by_month(context: CheckContext) -> dict[int, set[int]]:
    """The years the article writes out for each month: "in August 2013", "9 August 2013"."""
    years: dict[int, set[int]] = {}
    for d in context.claims.of_kind("date", DateClaim):
        if d.anchor != "absolute" or not d.year_explicit or d.start is None or d.end is None:
            continue
        if d.granularity in ("day", "month") and (d.start.year, d.start.month) == (d.end.year, d.end.month):
            years.setdefault(d.start.month, set()).add(d.start.year)
    return years


_DAY_AND_MONTH = lazy_compile(
    r"^(?:(?P<m1>[A-Z][a-z]+)\.?\s+(?:the\s+)?(?P<d1>\d{1,2})|(?:the\s+)?(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m2>[A-Z][a-z]+))"
)


def _yearless_day(written: str, years_by_month: dict[int, set[int]]) -> _dt.date | None:
    """The day a date written without a year ("9 August") means when the article gives one
    year, and one only, for that month elsewhere; None otherwise."""
    m = _DAY_AND_MONTH.match(written.strip())
    if m is None:
        return None
    name = (m["m1"] or m["m2"]).lower()
    month = next((i + 1 for i, full in enumerate(_MONTHS) if full.lower().startswith(name) and len(name) >= 3), None)
    years = years_by_month.get(month or 0, set())
    if month is None or len(years) != 1:
        return None
    try:
        return _dt.date(next(iter(years)), month, int(m["d1"] or m["d2"]))
    except ValueError:
        return None


def _fits_some_year(day: _dt.date, weekday: int, pub: PublishedDate) -> bool:
    """Whether a date written without a year falls on ``weekday`` in some year it may mean.

    With a publication date known only to the month or year, the year of "Friday, 18
    September" is not certain: any year placing it within 200 days of a day the article
    may have appeared on is possible.
    """
    for year in range(pub.value.year - 1, pub.last_day.year + 2):
        try:
            candidate = day.replace(year=year)
        except ValueError:  # 29 February
            continue
        near = pub.value - _dt.timedelta(days=200) <= candidate <= pub.last_day + _dt.timedelta(days=200)
        if near and candidate.weekday() == weekday:
            return True
    return False


@factlint.hookimpl
def factlint_register_rules() -> list[type[Rule]]:
    """The three date rules."""
    return [RelativeDateRule, DateOrderRule, WeekdayRule]

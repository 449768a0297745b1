"""The date expressions the extractor reads, as a table of recognisers.

A :class:`Recogniser` is one kind of expression: its pattern, the prefilter beside it
(a cheap test that tells when the pattern cannot match a sentence, so that it is not
run), the cue words the extractor's sentence gate is built from, and the function that
turns the pattern's matches into :class:`Found` dates. :data:`RECOGNISERS` lists them
in the order the scanner runs them; that order breaks ties between overlapping
expressions of equal length and priority, so a new one goes where it should win them.

Teaching the extractor a new expression is one more entry here, with its words in
:mod:`.lexicon` when it needs new ones. ``tests/test_date_recognisers.py`` runs every
recogniser with and without its prefilter over the fixtures and the date gold data,
so a prefilter that skips a sentence its pattern would read fails there.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

from dateutil.relativedelta import relativedelta

from factlint import RelativeShift
from factlint_plugins._patterns import lazy_compile

from .lexicon import (
    COUNTED_UNITS,
    DAY_RE,
    DECADE_WORDS,
    EVENT_NOUNS,
    FUNCTION_WORDS_IN_S,
    MONTH_ABBREVIATIONS,
    MONTH_ANY_CASE_RE,
    MONTH_NAME_RE,
    MONTH_RE,
    MONTHS,
    NOT_YEAR_BEFORE,
    NUM_RE,
    ORDINAL_WORDS,
    PERIOD_UNITS,
    SEASONS,
    SEP,
    WEEKDAY_RE,
    WEEKDAYS,
    WS,
    YEAR_RE,
    S,
    day_of,
    month_of,
    number_of,
    weekday_of,
)
from .periods import last_of_month, month_interval, part_of_month, week_of, year_guess
from .sentences import Sentence

__all__ = ["RECOGNISERS", "Days", "Found", "Recogniser"]

Days = tuple[_dt.date, _dt.date]
"""An interval of days, first and last, both inclusive."""


@dataclass
class Found:
    """A date expression found in the text, before resolution."""

    start: int
    end: int
    kind: str  # date | relative
    granularity: str = "day"
    # absolute: a fixed interval; relative: resolved against the publication day
    interval: Days | None = None
    resolver: Callable[[_dt.date], Days | None] | None = None
    relative: str | None = None
    shift: RelativeShift | None = None
    year_explicit: bool = True
    weekday: int | None = None
    weekday_span: tuple[int, int] | None = None
    apposition: _dt.date | None = None
    apposition_granularity: str | None = None
    apposition_span: tuple[int, int] | None = None
    confidence: float = 1.0
    priority: int = 0
    extra: dict[str, Any] = field(default_factory=dict)



@lru_cache(maxsize=1024)
def _shift(*, unit: str, offset: int | None = None, anchor: str = "publication", counted: bool = False,
           month: int | None = None) -> RelativeShift:
    """A :class:`factlint.RelativeShift`, made once for each value: a frozen model, shared."""
    return RelativeShift(unit=unit, offset=offset, anchor=anchor, counted=counted, month=month)  # type: ignore[arg-type]


Reader = Callable[[Sentence, Iterator[re.Match[str]]], Iterator[Found]]
"""Turns the matches of a recogniser's pattern in a sentence into dates."""


@dataclass(frozen=True)
class Recogniser:
    """One kind of date expression the extractor reads.

    ``prefilter`` must answer True for every sentence where ``read`` would find a date
    in the matches of ``pattern``; it is what keeps the pattern off the many sentences
    that cannot hold one. ``cues`` are the words (lower case) one of which starts a
    word in every match that holds no digit: the extractor skips a sentence holding
    neither a digit nor a cue of any recogniser. ``at_start`` reads one match at the
    sentence's start instead of every match in it.
    """

    name: str
    pattern: str
    read: Reader
    prefilter: Callable[[Sentence], bool]
    cues: tuple[str, ...] = ()
    flags: int = 0
    at_start: bool = False

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The pattern, compiled the first time a sentence reaches it: a start-up compiles
        only the patterns the run's sentences need."""
        return re.compile(self.pattern, self.flags)

    def find(self, sentence: Sentence, *, prefilter: bool = True) -> Iterator[Found]:
        """The dates this recogniser reads in ``sentence``; with ``prefilter=False`` the
        pattern runs even where the prefilter says it cannot match."""
        if prefilter and not self.prefilter(sentence):
            return iter(())
        if self.at_start:
            m = self.regex.match(sentence.text, *sentence.span)
            return self.read(sentence, iter(() if m is None else (m,)))
        return self.read(sentence, self.regex.finditer(sentence.text, *sentence.span))


# --------------------------------------------------------------------- day, month, year


def _read_full_dates(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    for m in matches:
        try:
            d = _dt.date(int(m["y"]), month_of(m["m"]), day_of(m["d"]))
        except ValueError:
            continue
        f = Found(m.start(), m.end(), "date", "day", interval=(d, d), priority=5)
        if m["wd"]:
            f.weekday = weekday_of(m["wd"])
            f.weekday_span = (m.start("wd"), m.end("wd"))
        yield f


def _read_ranges(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    for m in matches:
        month = month_of(m["m"])
        d1, d2 = day_of(m["d1"]), day_of(m["d2"])
        if d2 <= d1:
            continue
        year = int(m["y"]) if m["y"] else s.infer_year(month, d1, m.start(), m.end())
        f = Found(m.start(), m.end(), "date", "day", priority=6, year_explicit=bool(m["y"]),
                  confidence=1.0 if m["y"] else 0.8)
        if year is not None:
            try:
                f.interval = (_dt.date(year, month, d1), _dt.date(year, month, d2))
            except ValueError:
                continue
        if not m["y"]:
            f.extra["yearless"] = (month, d1, d2)
        yield f


def _read_month_year(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    for m in matches:
        month, year = month_of(m["m"]), int(m["y"])
        start, end = month_interval(year, month)
        start, end = part_of_month(m["q"], start, end)
        yield Found(m.start(), m.end(), "date", "month", interval=(start, end), priority=4)


_DATE_PREPOSITION_BEFORE = lazy_compile(
    r"\b(?:on|by|until|till|from|since|before|after|of|through|between|and|to)\s+$", re.IGNORECASE
)
_CLOSE_AFTER_MAY = lazy_compile(r"\s*(?:,|\.|;|\)|$)")


def _read_month_day(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    text = s.text
    for m in matches:
        word = m["m1"] or m["m2"]
        if (
            word == "May"
            and m["m2"] is None
            and not _DATE_PREPOSITION_BEFORE.search(text[max(0, m.start() - 12) : m.start()])
            and not _CLOSE_AFTER_MAY.match(text[m.end() : m.end() + 2])
        ):
            continue  # "May 5" is usually a date, but "May 1 of them ..." is not; ask for context.
        if word.lower().rstrip(".") in MONTH_ABBREVIATIONS and not word.endswith(".") and word not in ("Sept",):
            # A bare "Mar 5" or "Jan 5" may be a name; the dotted form is a date.
            continue
        month = month_of(word)
        day = day_of(m["d1"] or m["d2"])
        year = s.infer_year(month, day, m.start(), m.end())
        f = Found(m.start(), m.end(), "date", "day", priority=3, year_explicit=False, confidence=0.85)
        if year is not None:
            try:
                d = _dt.date(year, month, day)
            except ValueError:
                continue
            f.interval = (d, d)
            f.extra["yearless"] = (month, day, day)
        if m["wd"]:
            f.weekday = weekday_of(m["wd"])
            f.weekday_span = (m.start("wd"), m.end("wd"))
        yield f


# The prepositions after which "in March" means the month itself, not a part of it.
_WHOLE_MONTH_AFTER = ("in", "since", "by", "until", "till", "through", "during", "from", "of", "before", "after")
_PERIOD_BEFORE_OF = lazy_compile(r"(?:month|end|start|beginning|middle|days?|weeks?)\s*$")
_STEP = {"last": -1, "this": 0, "next": 1}


def _read_month_alone(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    for m in matches:
        pre = m["pre"].lower()
        month = month_of(m["m"])
        word_start = m.start("m") if pre in _WHOLE_MONTH_AFTER else m.start()
        if pre == "of" and not _PERIOD_BEFORE_OF.search(s.text[max(0, m.start() - 12) : m.start()]):
            continue
        if month == 5 and pre in ("by", "of"):
            continue
        shift = _shift(unit="month", offset=_STEP.get(pre), month=month)
        if s.pub is None:
            yield Found(word_start, m.end(), "relative", "month", relative=f"{pre} {m['m']}", shift=shift,
                        priority=2, year_explicit=False, confidence=0.7)
            continue
        tense = "past" if pre in ("last", "since") else "future" if pre == "next" else s.tense(m.start(), m.end())

        def resolve(day: _dt.date, month: int = month, pre: str = pre, tense: str | None = tense) -> Days | None:
            if pre == "last":
                year = day.year if month < day.month else day.year - 1
            elif pre == "next":
                year = day.year if month > day.month else day.year + 1
            elif pre == "this":
                year = day.year
            else:
                year = year_guess(month, None, day.replace(day=1), tense) or day.year
            start, end = month_interval(year, month)
            return part_of_month(pre if pre in ("early", "mid", "late") else None, start, end)

        yield Found(word_start, m.end(), "relative", "month", resolver=resolve,
                    relative=f"{'in' if pre in ('of',) else pre} {m['m']}", shift=shift, priority=2,
                    year_explicit=False, confidence=0.8 if tense else 0.7)


# The tests around a four-digit number that tell a year from a count or a label.
_YEAR_CONTEXT = lazy_compile(
    r"\b(?:in|since|by|until|till|through|during|from|before|after|of|to|between|early|mid|late|"
    r"around|circa|c\.|year|years|fiscal|season|and|or|the start of|the end of|the beginning of|"
    r"spring|summer|autumn|fall|winter|as of|for|on|back to|date back to|dating from)[-\s]*$",
    re.IGNORECASE,
)
_YEAR_RANGE_GAP = lazy_compile(r"\s*(?:-|–|—|to)\s*")
_YEAR_LIST_GAP = lazy_compile(r"\s*(?:,|,?\s*and|,?\s*or|-|–|—|to|through|until)\s*")
_PLURAL_NEXT = lazy_compile(r"\s*[a-z]+s\b")
_COUNTED_NEXT = lazy_compile(r"\s*(?:people|persons|[a-z]+s)\b")
_TOKEN = lazy_compile(r"[\w.#]+")
_WORD = lazy_compile(r"[-\w]+")
_THE_BEFORE = lazy_compile(r"\bthe\s+$", re.IGNORECASE)
_PEOPLE_AFTER = lazy_compile(
    r"\s*(?:people|persons|men|women|children|residents|troops|soldiers|of\s+(?:them|the|those))\b"
)
_DETERMINER_BEFORE = lazy_compile(r"\b(?:the|a|an|its|his|her|their|our|this|that|last|next)\s+$", re.IGNORECASE)
_NEXT_WORD = lazy_compile(r"\s+([a-z]+)\b")
_PLURAL_END = lazy_compile(r"(?:s|ren|people|men)$")
_CAPITAL_AFTER = lazy_compile(r"\s+[A-Z][a-z]")
_FULL_STOP_AFTER = lazy_compile(r"\.(?:\s|$)")
_CLOSE_AFTER = lazy_compile(r"[ \t]*(?:[.;)]|,\s)")
_OPEN_BEFORE = lazy_compile(r"[,(]\s*$")
_NAME_BEFORE = lazy_compile(r"\b[A-Z][a-z]\w*\s+$")
_PEOPLE_SOON_AFTER = lazy_compile(r"\s*(?:[-\w]+\s+)?(?:people|persons)\b")


def _read_years(s: Sentence, found: Iterator[re.Match[str]]) -> Iterator[Found]:
    # Every number of the sentence at once: a year may make the number listed with it one.
    text = s.text
    matches = list(found)
    accepted: dict[int, float] = {}
    for i, m in enumerate(matches):
        conf = _year_confidence(s, m)
        if conf:
            accepted[i] = conf
    # Two plausible years ranged together: "over 2000 - 2050 on the world".
    for i in range(len(matches) - 1):
        a, b = matches[i], matches[i + 1]
        if (
            _YEAR_RANGE_GAP.fullmatch(text, a.end(), b.start())
            and 0 < int(b["y"]) - int(a["y"]) <= 200
            and not _PLURAL_NEXT.match(text[b.end() : b.end() + 20])
        ):
            accepted.setdefault(i, 0.85)
            accepted.setdefault(i + 1, 0.85)
    # A number listed or ranged with a year is a year too: "in 1997 and 1998".
    changed = True
    while changed:
        changed = False
        for i in range(len(matches) - 1):
            a, b = matches[i], matches[i + 1]
            if (i in accepted) == (i + 1 in accepted):
                continue
            if a["poss"] or not _YEAR_LIST_GAP.fullmatch(text, a.end(), b.start()):
                continue
            if i in accepted and _COUNTED_NEXT.match(text[b.end() : b.end() + 20]):
                continue  # "in 2019 and 2020 residents" is fine, "2019 and 2,020 people" is not a year list
            accepted[i if i not in accepted else i + 1] = 0.85
            changed = True
    for i, conf in sorted(accepted.items()):
        m = matches[i]
        year = int(m["y"])
        yield Found(m.start(), m.start() + 4 + (len(m["poss"]) if m["poss"] else 0), "date", "year",
                    interval=(_dt.date(year, 1, 1), _dt.date(year, 12, 31)), priority=1, confidence=conf)


def _year_confidence(s: Sentence, m: re.Match[str]) -> float:
    """How sure a four-digit number is a year, from the words around it (0: not a year)."""
    text = s.text
    year = int(m["y"])
    before = text[max(s.span[0], m.start() - 30) : m.start()]
    after = text[m.end() : m.end() + 40]
    prev_word = (_TOKEN.findall(before) or [""])[-1].lower()
    if prev_word in NOT_YEAR_BEFORE:
        return 0
    if m["poss"]:
        if year % 10 == 0 and _THE_BEFORE.search(before):
            return 0  # "the 1930's" is a decade
        return 0.95
    if _PEOPLE_AFTER.match(after):
        return 0
    if _DETERMINER_BEFORE.search(before):
        words = _WORD.findall(after)[:2]
        if words and (words[0][:1].isupper() or any(w.lower() in EVENT_NOUNS for w in words)):
            return 0.85
        return 0
    nxt = _NEXT_WORD.match(after)
    if nxt and _PLURAL_END.search(nxt[1]) and nxt[1] not in FUNCTION_WORDS_IN_S:
        return 0  # "a survey of 1709 schoolchildren": a count before a plural noun
    if _YEAR_CONTEXT.search(before):
        return 0.95
    words = _WORD.findall(after)[:2]
    if words and words[0].lower() in EVENT_NOUNS and (len(words) < 2 or not words[1].endswith("s")
                                                       or words[1].lower() in EVENT_NOUNS):
        # "fellow 2012 presidential candidate"; "2000 federal employees" stays a count
        plausible_here = 1900 <= year <= (s.pub.value.year + 10 if s.pub else 2035)
        return 0.8 if plausible_here else 0
    plausible = s.pub.value.year - 40 <= year <= s.pub.value.year + 10 if s.pub is not None else 1950 <= year <= 2035
    if not plausible:
        return 0
    if _CAPITAL_AFTER.match(after) and (before.strip() == "" or before.rstrip().endswith(("-", ":"))):
        return 0.8  # a heading such as "2025 Russian spring offensive"
    if _FULL_STOP_AFTER.match(after) and not before.strip():
        return 0.8  # a caption's date standing alone: "Zach Weiner. 2012. Image"
    if _CLOSE_AFTER.match(after) and _OPEN_BEFORE.search(before):
        return 0.8  # "from file, 2008." or "(2012)"
    if _NAME_BEFORE.search(before) and not _PEOPLE_SOON_AFTER.match(after):
        return 0.75  # "World Cup 2018", "Fan Expo Canada 2016"
    return 0


def _read_decades(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    for m in matches:
        if m["ord"] or m["ordw"]:
            n = int(m["ord"]) if m["ord"] else ORDINAL_WORDS[m["ordw"]]
            first = (n - 1) * 100
            if not 1 <= first + 1 <= 2200:
                continue
            yield Found(m.start(), m.end(), "date", "century",
                        interval=(_dt.date(max(first, 1), 1, 1), _dt.date(first + 99, 12, 31)), priority=2)
            continue
        if m["num"] or m["bare"]:
            decade = int(m["num"] or m["bare"])
        else:
            short = int(m["short"]) if m["short"] else DECADE_WORDS[m["word"]]
            decade = 1900 + short  # "the sixties": the 20th century unless written out
        yield Found(m.start(), m.end(), "date", "decade",
                    interval=(_dt.date(decade, 1, 1), _dt.date(decade + 9, 12, 31)), priority=2,
                    confidence=1.0 if (m["num"] or m["bare"]) else 0.8)


# ------------------------------------------------------------ relative to publication


_DAY_STEP = {"yesterday": -1, "last night": -1, "tomorrow": 1, "day before yesterday": -2, "day after tomorrow": 2}
# Parts of a day are read as the day: "tonight" is "today".
_DAY_WORD = {"tonight": "today", "this morning": "today", "this afternoon": "today", "this evening": "today",
             "last night": "yesterday"}


def _read_relative_days(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    for m in matches:
        expr = re.sub(r"\s+", " ", m["e"].lower()).replace("the day", "day")
        offset = _DAY_STEP.get(expr, 0)
        norm = _DAY_WORD.get(expr, expr)

        def resolve(day: _dt.date, offset: int = offset) -> Days | None:
            d = day + _dt.timedelta(days=offset)
            return d, d

        yield Found(m.start(), m.end(), "relative", "day", resolver=resolve, relative=norm,
                    shift=_shift(unit="day", offset=offset), priority=3)


_WHICH = {"past": "the past", "coming": "the coming", "upcoming": "the coming", "the upcoming": "the coming",
          "current": "this", "the current": "this"}


def _read_relative_periods(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    for m in matches:
        which = re.sub(r"\s+", " ", m["which"].lower())
        unit = m["unit"].lower()
        mod = (m["mod"] or "").lower()
        if m["pl"] and not (which == "this" and unit == "year"):
            continue  # "in the last years" is a span; only "this years festival" is a slip for "this year's"
        if which in ("the following", "the next", "the previous"):
            continue  # relative to another event, not to publication
        which = _WHICH.get(which, which)
        if which == "the past" and unit != "week":
            continue  # "the past year" is a span of twelve months ending now, not a calendar year
        step = {"this": 0, "this past": -1 if unit == "weekend" else 0, "the past": -1 if unit == "weekend" else 0,
                "last": -1, "next": 1, "the coming": 1}[which]
        if which in ("this past", "the past") and unit == "week":
            step = -1  # GUM and newsroom usage: "this past week" is the week before
        if unit == "decade":
            continue
        tense = s.tense(m.start(), m.end()) if unit == "weekend" and which == "this" else None

        def resolve(
            day: _dt.date, unit: str = unit, step: int = step, mod: str = mod, tense: str | None = tense
        ) -> Days | None:
            if unit == "week":
                start, end = week_of(day + _dt.timedelta(weeks=step))
            elif unit == "weekend":
                if step == 0:
                    # "this weekend": the coming one in future context, else the latest one
                    sat = day + _dt.timedelta(days=(5 - day.weekday()) % 7)
                    if tense != "future" and sat > day:
                        sat -= _dt.timedelta(days=7)
                        if day.weekday() == 6:
                            sat = day - _dt.timedelta(days=1)
                else:
                    sat = day - _dt.timedelta(days=(day.weekday() - 5) % 7 or 7) if step < 0 else \
                        day + _dt.timedelta(days=(5 - day.weekday()) % 7 or 7)
                    if step > 0 and day.weekday() >= 5:
                        sat = day + _dt.timedelta(days=(5 - day.weekday()) % 7 + 7)
                start, end = sat, sat + _dt.timedelta(days=1)
            elif unit == "month":
                first = day.replace(day=1) + relativedelta(months=step)
                start, end = first, first + relativedelta(months=1, days=-1)
            else:
                year = day.year + step
                start, end = _dt.date(year, 1, 1), _dt.date(year, 12, 31)
            if mod in ("earlier", "early") and step == 0:
                end = min(end, day)
            elif mod in ("later", "late") and step == 0:
                start = max(start, day)
            return start, end

        norm = " ".join(w for w in (mod, which, unit) if w)
        # "This past month" may be this month or the last, "this past week" the week before or
        # the seven days to now: read by newsroom usage, but not told to the rules as a count.
        shift = None if which == "this past" else _shift(unit=unit, offset=step)
        yield Found(m.start(), m.end(), "relative", unit if unit != "weekend" else "day", resolver=resolve,
                    relative=norm, shift=shift, priority=3)


def _read_ago(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    for m in matches:
        if m["in"]:
            n, unit, sign = number_of(m["n2"]), m["unit2"].lower().rstrip("s"), 1
            if s.tense(m.start(), m.end()) != "future":
                continue  # "in two years" in past context is a duration, not a date
        else:
            direction = m["dir"].lower()
            if direction in ("earlier", "later"):
                continue  # relative to another event
            n, unit = number_of(m["n"]), m["unit"].lower().rstrip("s")
            sign = -1 if direction == "ago" else 1
        if unit == "decade":
            n, unit = n * 10, "year"

        def resolve(day: _dt.date, n: int = n, unit: str = unit, sign: int = sign) -> Days | None:
            d = day + relativedelta(**{unit + "s": sign * n})  # type: ignore[arg-type]
            if unit == "day":
                return d, d
            if unit == "week":
                return week_of(d)
            if unit == "month":
                return month_interval(d.year, d.month)
            return _dt.date(d.year, 1, 1), _dt.date(d.year, 12, 31)

        word = "ago" if sign < 0 else "from now"
        yield Found(m.start(), m.end(), "relative", unit, resolver=resolve,
                    relative=f"{n} {unit}{'s' if n != 1 else ''} {word}",
                    shift=_shift(unit=unit, offset=sign * n, counted=True),
                    priority=3, confidence=0.9)


# A capitalised word right after a weekday makes it part of a name ("Saturday Morning
# Breakfast Cereal"), unless it is a part of the day standing alone or a month.
_NAME_AFTER_WEEKDAY = lazy_compile(
    r"[ \t]+(?!(?:Morning|Afternoon|Evening|Night)\b(?![ \t]+[A-Z]))"
    rf"(?!(?:{MONTH_NAME_RE})\b)[A-Z][a-z]"
)
_ANY_BEFORE = lazy_compile(r"\b(?:a|an|every|each|one|any)\s+$", re.IGNORECASE)
_THE_RIGHT_BEFORE = lazy_compile(r"\bthe\s+$", re.IGNORECASE)


def _read_weekdays(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    text = s.text
    for m in matches:
        wd = weekday_of(m["wd"])
        mod = (m["mod"] or "").lower()
        if m["wd"].islower() and not mod:
            continue  # a lower-case weekday on its own is too odd to trust
        if m["pl"] == "s":
            continue  # "on Tuesdays" is a habit, not a date
        if _NAME_AFTER_WEEKDAY.match(text[m.end() : m.end() + 12]):
            continue  # "Saturday Morning Breakfast Cereal": part of a name
        if _ANY_BEFORE.search(text[max(0, m.start("wd") - 8) : m.start("wd")]):
            continue  # "on a Monday": any Monday
        if mod == "next" and _THE_RIGHT_BEFORE.search(text[max(0, m.start() - 6) : m.start()]):
            mod = "the next"  # "went back the next Tuesday": the one after a day of the story, not of publication
        tense = ("past" if mod == "last" else "future" if mod == "next" else None if mod == "the next"
                 else s.tense(m.start(), m.end()))
        confidence = 0.9 if mod == "last" else 0.7 if mod == "next" else 0.8 if tense else 0.5

        def resolve(day: _dt.date, wd: int = wd, mod: str = mod, tense: str | None = tense) -> Days | None:
            back = (day.weekday() - wd) % 7
            fwd = (wd - day.weekday()) % 7
            if mod == "last":
                d = day - _dt.timedelta(days=back or 7)
            elif mod == "next":
                # the one in the following week, as Duckling reads it; "next Friday" said on a
                # Tuesday is ambiguous in English, hence the lower confidence
                d = week_of(day)[0] + _dt.timedelta(days=7 + wd)
            elif tense == "future":
                d = day + _dt.timedelta(days=fwd)
            elif tense == "past" or (tense is None and mod != "the next"):
                # With no tense at all (a caption, a headline), news means the latest such day.
                d = day - _dt.timedelta(days=back)
            else:
                return None
            return d, d

        start = m.start() if mod in ("last", "next", "this") else m.start("wd")
        norm = f"{mod if mod in ('last', 'next', 'this') else 'on'} {WEEKDAYS[wd]}"
        shift = _shift(unit="weekday", offset={"last": -1, "next": 1, "the next": 1}.get(mod),
                              anchor="claim" if mod == "the next" else "publication")
        yield Found(start, m.end("wd"), "relative", "day", resolver=resolve, relative=norm, shift=shift,
                    weekday=wd, weekday_span=(m.start("wd"), m.end("wd")), priority=1, confidence=confidence)


def _read_seasons(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    for m in matches:
        season = m["s"].lower()
        mod = (m["mod"] or "").lower()
        first, last = SEASONS[season]
        if m["y"]:
            year = int(m["y"])
            start = _dt.date(year, first, 1)
            end = last_of_month(year + (last < first), last)
            yield Found(m.start(), m.end(), "date", "season", interval=(start, end), priority=4)
            continue
        if mod not in ("last", "next", "this") or (season == "fall" and mod == "the"):
            continue

        def resolve(day: _dt.date, first: int = first, last: int = last, mod: str = mod) -> Days | None:
            # The season containing or nearest the day, then stepped back or forward.
            year = day.year - (1 if first == 12 and day.month <= 2 else 0)
            start = _dt.date(year, first, 1)
            if start > day and mod != "next":
                year -= 1
            if mod == "last":
                # the most recent season of that name that has ended
                while last_of_month(year + (last < first), last) >= day:
                    year -= 1
            elif mod == "next":
                while _dt.date(year, first, 1) <= day:
                    year += 1
            return _dt.date(year, first, 1), last_of_month(year + (last < first), last)

        yield Found(m.start(), m.end(), "relative", "season", resolver=resolve, relative=f"{mod} {season}",
                    shift=_shift(unit="season", offset=_STEP[mod]), priority=2, confidence=0.8)


def _read_month_opening(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    """A month that opens its sentence as its subject: "October is National Magic Month"."""
    for m in matches:
        month = month_of(m["m"])
        tense = s.tense(m.start("m"), m.end("m"))

        def resolve(day: _dt.date, month: int = month, tense: str | None = tense) -> Days | None:
            year = year_guess(month, None, day.replace(day=1), tense) or day.year
            return month_interval(year, month)

        yield Found(m.start("m"), m.end("m"), "relative", "month", resolver=resolve, relative=f"in {m['m']}",
                    shift=_shift(unit="month", month=month), priority=2, year_explicit=False,
                    confidence=0.7)


_WEEKDAY_JUST_BEFORE = lazy_compile(rf"{WEEKDAY_RE},?\s*$")


def _read_month_of_named_year(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    """A month named with its year relative to publication: "in November last year",
    "on October 14 this year", "the 23rd of May next year"."""
    for m in matches:
        if _WEEKDAY_JUST_BEFORE.search(s.text[max(s.span[0], m.start() - 12) : m.start()]):
            continue  # "Saturday, May 2 last year": the day-with-weekday reading keeps its weekday check
        which = m["which"].lower()
        step = _STEP[which]
        month = month_of(m["m"])
        day = day_of(m["d1"] or m["d2"]) if (m["d1"] or m["d2"]) else None

        def resolve(pub_day: _dt.date, month: int = month, day: int | None = day, step: int = step) -> Days | None:
            year = pub_day.year + step
            if day is None:
                return month_interval(year, month)
            try:
                d = _dt.date(year, month, day)
            except ValueError:
                return None
            return d, d

        yield Found(m.start(), m.end(), "relative", "day" if day else "month", resolver=resolve,
                    relative=f"{m['m']} {which} year", shift=_shift(unit="year", offset=step, month=month),
                    priority=4, year_explicit=False, confidence=0.9)


def _read_year_end_and_century(s: Sentence, matches: Iterator[re.Match[str]]) -> Iterator[Found]:
    """"by the end of the year", "year end" (this year's last day) and "the past century"."""
    for m in matches:
        if m["which"]:
            step = 0 if m["which"].lower() in ("present", "current") else -1

            def century(day: _dt.date, step: int = step) -> Days | None:
                # Centuries by their hundreds, as speakers count them: "the past century" in 2009 is the 1900s.
                first = (day.year // 100 + step) * 100
                return _dt.date(first, 1, 1), _dt.date(first + 99, 12, 31)

            yield Found(m.start(), m.end(), "relative", "century", resolver=century,
                        relative=f"the {m['which'].lower()} century", shift=_shift(unit="century", offset=step),
                        priority=2, confidence=0.8)
            continue
        start = m.end("by") if m["by"] else m.start()

        def year_end(day: _dt.date, deadline: bool = bool(m["by"])) -> Days | None:
            # "by the end of the year" names a deadline, the last day; "the end of the year" its last weeks
            last = _dt.date(day.year, 12, 31)
            return (last if deadline else _dt.date(day.year, 12, 1)), last

        yield Found(start, m.end(), "relative", "day" if m["by"] else "month", resolver=year_end,
                    relative="the end of the year", shift=_shift(unit="year", offset=0), priority=2,
                    confidence=0.6)


# ------------------------------------------------------------------------ the table

_MONTH_WORDS = tuple(m.lower() for m in MONTHS)
_WEEKDAY_WORDS = tuple(d.lower() for d in WEEKDAYS)
_SEASON_WORDS = tuple(SEASONS)
_REL_DAY_WORDS = ("yesterday", "today", "tonight", "tomorrow", "morning", "afternoon", "evening", "night")
# "1990s", "'90s", "1930's", "the nineties", "the 21st century" (written in lower case).
_DECADE_MARKS = ("0s", "0's", "0’s", "ties", "century")
# A unit of "last week" or "this month" comes after a space.
_PERIOD_UNIT = lazy_compile(rf"\s(?:{'|'.join(PERIOD_UNITS)})")
# "In two decades" is not read: only the nearer units count ahead.
_AHEAD_UNITS = tuple(u for u in COUNTED_UNITS if u != "decade")
# A unit of "two days ago" or "in three years" comes after a space and before a non-letter.
_COUNTED_UNIT = lazy_compile(rf"[ \t\u00a0\n](?:{'|'.join(COUNTED_UNITS)})s?(?!\w)")


def _decade_marked(s: Sentence) -> bool:
    words = s.words
    return any(mark in words for mark in _DECADE_MARKS)


RECOGNISERS: tuple[Recogniser, ...] = (
    Recogniser(
        "date-day-month-year",  # "5 February 2021", "Tuesday, 1 September 2015", "the 5th of May 2021"
        rf"(?:(?P<wd>{WEEKDAY_RE}),?{S})?(?:the{S})?(?P<d>{DAY_RE})(?:{S}of)?{S}(?P<m>{MONTH_ANY_CASE_RE}),?{S}"
        rf"(?P<y>{YEAR_RE})\b(?![,.]?\d)",
        _read_full_dates,
        prefilter=lambda s: s.year and s.month_any_case(),
    ),
    Recogniser(
        "date-month-day-year",  # "February 5, 2021", "Tuesday, September 1, 2015"
        rf"(?:(?P<wd>{WEEKDAY_RE}),?{S})?(?P<m>{MONTH_ANY_CASE_RE}){S}(?:the{S})?(?P<d>{DAY_RE}),?{S}"
        rf"(?P<y>{YEAR_RE})\b(?![,.]?\d)",
        _read_full_dates,
        prefilter=lambda s: s.year and s.month_any_case(),
    ),
    Recogniser(
        "days-day-month",  # "5 to 10 December 2022", "5-7 May"
        rf"(?P<d1>{DAY_RE}){WS}(?:-|–|—|to|until|till|through|and){WS}(?P<d2>{DAY_RE}){S}(?P<m>{MONTH_RE}),?"
        rf"(?:{S}(?P<y>{YEAR_RE}))?\b",
        _read_ranges,
        prefilter=lambda s: s.month and s.ascii_digit,
    ),
    Recogniser(
        "days-month-day",  # "December 5-10, 2022", "May 5 to 7"
        rf"(?P<m>{MONTH_RE}){S}(?P<d1>{DAY_RE}){WS}(?:-|–|—|to|until|till|through|and){WS}(?P<d2>{DAY_RE})\b"
        rf"(?:,?{S}(?P<y>{YEAR_RE})\b)?",
        _read_ranges,
        prefilter=lambda s: s.month and s.ascii_digit,
    ),
    Recogniser(
        "month-year",  # "February 2021", "late September 2013", "the end of May 2020"
        rf"(?:(?P<q>early|mid|late|the{S}(?:start|beginning|end|middle){S}of){SEP}?)?(?P<m>{MONTH_RE}){S}(?:of{S})?"
        rf"(?P<y>{YEAR_RE})\b(?![,.]?\d)",
        _read_month_year,
        prefilter=lambda s: s.month and s.year,
    ),
    Recogniser(
        "day-month",  # "Feb. 5", "5 May", "Tuesday, 9 May", a year guessed
        rf"(?:(?P<wd>{WEEKDAY_RE}),?{S})?(?:(?P<m1>{MONTH_RE}){S}(?:the{S})?(?P<d1>{DAY_RE})"
        rf"|(?:the{S})?(?P<d2>{DAY_RE})(?:{S}of)?{S}(?P<m2>{MONTH_RE}))"
        r"(?:\b(?![,.]?\d|:)|(?(wd)(?(m2)(?<=[a-z]{2})(?=[A-Z][a-z])|(?!))|(?!)))",
        _read_month_day,
        prefilter=lambda s: s.month and s.ascii_digit,
    ),
    Recogniser(
        "month",  # "in March", "last March", "early March", a year from the publication date
        rf"\b(?P<pre>(?i:in|since|by|until|till|through|during|from|of|before|after|last|next|this|early|mid|late|"
        rf"(?:the{S})?(?:start|beginning|end|middle){S}of)){SEP}(?P<m>{MONTH_NAME_RE})\b(?!{SEP}?(?:\d|[A-Z]))",
        _read_month_alone,
        prefilter=lambda s: s.month,
        cues=_MONTH_WORDS,
    ),
    Recogniser(
        "year",  # "in 2015", "2015's budget", "the 2015 election"
        rf"(?<![\d,.$£€#/-])(?P<y>{YEAR_RE})(?P<poss>['’]s\b)?(?![\d%]|,\d|\.\d|[-–/]\d{{1,2}}\b(?!\d))",
        _read_years,
        prefilter=lambda s: s.year,
    ),
    Recogniser(
        "decade",  # "the 1990s", "the '90s", "the sixties", "the 21st century"
        rf"\b(?:the{S}|(?:early|mid|late){SEP})(?:(?P<num>1[5-9]\d0|20\d0)['’]?s|['’]?(?P<short>[2-9]0)['’]?s"
        rf"|(?P<word>{'|'.join(DECADE_WORDS)}))\b"
        rf"|\b(?P<bare>1[5-9]\d0|20\d0)['’]?s\b"
        rf"|\bthe{S}(?:(?P<ord>\d{{1,2}})(?:st|nd|rd|th)|(?P<ordw>{'|'.join(ORDINAL_WORDS)})){S}century\b",
        _read_decades,
        prefilter=_decade_marked,
        cues=(*DECADE_WORDS, "century"),
    ),
    Recogniser(
        "relative-day",  # "yesterday", "the day after tomorrow", "this morning", "last night"
        r"\b(?P<e>(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight|tomorrow"
        r"|this\s+(?:morning|afternoon|evening)|last\s+night))\b(?:['’]s\b)?",
        _read_relative_days,
        prefilter=lambda s: s.holds(_REL_DAY_WORDS),
        cues=_REL_DAY_WORDS,
        flags=re.IGNORECASE,
    ),
    Recogniser(
        "relative-period",  # "last week", "earlier this month", "the coming weekend", "next year"
        r"\b(?P<e>(?:(?P<mod>earlier|later|late|early)\s+)?(?P<which>this|last|next|this\s+past|the\s+past|the\s+coming"
        r"|the\s+upcoming|the\s+current|the\s+previous|the\s+following|the\s+next|past|coming|upcoming|current)"
        rf"\s+(?P<unit>{'|'.join(PERIOD_UNITS)}))(?P<pl>s)?\b(?:['’]s\b)?",
        _read_relative_periods,
        prefilter=lambda s: s.search(_PERIOD_UNIT),
        cues=PERIOD_UNITS,
        flags=re.IGNORECASE,
    ),
    Recogniser(
        "counted",  # "two days ago", "a decade ago", "three weeks from now", "in two years" (told as future)
        rf"\b(?P<n>{NUM_RE})\]?{S}(?P<unit>{'|'.join(u + 's?' for u in COUNTED_UNITS)}){S}"
        rf"(?P<dir>ago|earlier|from{S}now|later)\b"
        rf"|\b(?P<in>in){S}(?P<n2>{NUM_RE}){S}(?P<unit2>{'|'.join(u + 's?' for u in _AHEAD_UNITS)})"
        rf"(?:['’]{S}time)?\b",
        _read_ago,
        prefilter=lambda s: s.search(_COUNTED_UNIT),
        cues=COUNTED_UNITS,
        flags=re.IGNORECASE,
    ),
    Recogniser(
        "weekday",  # "on Tuesday", "last Friday", "next Monday"
        rf"\b(?:(?P<mod>(?i:last|next|this|on|by|from|until|since|early|late)){S})?"
        rf"(?P<wd>(?i:{'|'.join(_WEEKDAY_WORDS)}))(?P<pl>s\b|['’]s\b)?",
        _read_weekdays,
        prefilter=lambda s: s.holds(_WEEKDAY_WORDS),
        cues=_WEEKDAY_WORDS,
    ),
    Recogniser(
        "season",  # "last summer", "next spring", "the winter of 2019"
        rf"\b(?:(?P<mod>last|next|this|the){S})?(?P<s>{'|'.join(SEASONS)})\b(?:{S}of)?(?:{S}(?P<y>{YEAR_RE})\b)?",
        _read_seasons,
        prefilter=lambda s: s.holds(_SEASON_WORDS),
        cues=_SEASON_WORDS,
        flags=re.IGNORECASE,
    ),
    Recogniser(
        "month-opening",  # "October is National Magic Month"; "May was elected" is more often a name
        r"[\s\"“'(*•-]*(?P<m>" + "|".join(m for m in MONTHS if m != "May") + ")"
        r"(?=[ \t]+(?:is|was|will|has|had|saw|sees|brought|brings|marks|marked|began|begins|ended|ends)\b)",
        _read_month_opening,
        prefilter=lambda s: s.month,
        cues=tuple(m for m in _MONTH_WORDS if m != "may"),
        at_start=True,
    ),
    Recogniser(
        "month-of-named-year",  # "in November last year", "on October 14 this year"
        rf"(?<!\w)(?:(?P<d1>{DAY_RE}){S}(?:of{S})?)?(?P<m>{MONTH_NAME_RE})"
        rf"(?:{S}(?:the{S})?(?P<d2>{DAY_RE}))?,?{S}(?P<which>(?i:this|last|next)){S}(?i:year)\b(?!['’])",
        _read_month_of_named_year,
        prefilter=lambda s: s.month and s.holds(("year",)),  # "last\nyear" too
        cues=_MONTH_WORDS,
    ),
    Recogniser(
        "year-end-or-century",  # "by the end of the year", "year-end", "the past century"
        r"\b(?P<by>by[ \t]+)?(?:the[ \t]+end[ \t]+of[ \t]+(?:the|this)[ \t]+year|year[- ]end)\b(?![ \t]*\d)"
        r"|\bthe[ \t]+(?P<which>past|last|previous|present|current)[ \t]+century\b",
        _read_year_end_and_century,
        prefilter=lambda s: s.holds(("year", "century")),
        cues=("year", "century"),
        flags=re.IGNORECASE,
    ),
)
"""Every recogniser, in the order the scanner runs them."""

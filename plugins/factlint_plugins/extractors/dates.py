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
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from dateutil.relativedelta import relativedelta

import factlint
from factlint import ClaimSet, DateClaim, Document, Extractor, PublishedDate, TemporalRelationClaim

__all__ = ["DatesExtractor"]

# ----------------------------------------------------------------------- vocabulary

_MONTH_NAMES = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
_MONTH_ABBREVS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}
_WEEKDAY_ABBREVS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
WEEKDAY_DISPLAY = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "a couple of": 2, "a dozen": 12,
}
_DECADE_WORDS = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
}
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}
# Meteorological seasons (northern hemisphere): the convention of most news desks.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

# Lower-case nouns that a year may modify ("the 2015 election"); a number before any
# other lower-case noun is more likely a count ("the 2015 people").
_EVENT_NOUNS = frozenset(
    """election elections vote votes referendum census season budget report interview film movie
    storm hurricane earthquake flood floods protests protest war attack attacks campaign survey
    law act agreement deal tournament championship championships games race edition summit
    accord crisis season's election's primary primaries midterms final finals cup olympics
    festival convention conference album book novel study poll polls riots uprising coup
    invasion offensive shooting bombing bombings massacre fire fires wildfires wildfire marriage wedding divorce
    pandemic outbreak strike strikes general municipal local presidential parliamentary
    legislative federal state world national annual date""".split()
)
# Lower-case words ending in "s" that may follow a year without being the thing counted.
_FUNCTION_WORDS_IN_S = frozenset("was has is as this its his us thus plus whereas versus always perhaps".split())
# Words before a four-digit number that make it a label, not a year.
_NOT_YEAR_BEFORE = frozenset(
    """no no. number order route flight room resolution rule article section page pages
    chapter bill code model version type unit platoon squad batch form item figure table
    kilometres kilometers km miles mile metres meters feet ft""".split()
)


def _any_of(words: Iterable[str]) -> str:
    """A pattern for any of ``words``, grouped by first letter: the engine rejects a position
    on one comparison per letter instead of one per word. Where several words match at one
    place, the longest is tried first."""
    by_first: dict[str, list[str]] = {}
    for w in words:
        by_first.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(
        re.escape(first) + "(?:" + "|".join(sorted(dict.fromkeys(rests), key=len, reverse=True)) + ")"
        for first, rests in by_first.items()
    )


_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_MONTH_ANY_CASE_RE = "(?i:" + _MONTH_RE[3:-1] + ")"
_WEEKDAY_RE = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)\.)"
)
_DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:1[5-9]\d\d|20\d\d|2100)"
# A number word can fill only a whole word before a unit, so grouping changes no match.
_NUM_RE = r"(?:\d{1,3}|" + _any_of(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_WS = r"(?:[ \t\u00a0]*\n?[ \t\u00a0]*)"  # blanked markup leaves runs of spaces and single newlines
_S = r"(?:[ \t\u00a0]+(?:\n[ \t\u00a0]*)?|\n[ \t\u00a0]*)"  # at least one space
# Spaces or hyphens ("mid-March", "late 1990s"), at most one newline: one run, never a
# repeated group of runs, which would backtrack exponentially over long blank stretches.
_SEP = r"(?:[ \t\u00a0-]+(?:\n[ \t\u00a0-]*)?|\n[ \t\u00a0-]*)"


# Every expression the scanner reads holds a digit or one of these words (as a word
# start: "march", "weeks", "centuries"); a sentence with none is skipped.
_MAY_HOLD_DATE_WORDS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "yesterday", "today", "tonight", "tomorrow",
    "day", "week", "month", "year", "decade", "centur", "ago", "spring", "summer", "autumn", "fall",
    "winter", "season", "quarter", "night", "morning", "evening", "afternoon", "noon", "midnight",
    "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties",
)
_MAY_HOLD_DATE = re.compile(rf"\d|(?i:\b(?:{_any_of(_MAY_HOLD_DATE_WORDS)}))")

# Prefilters: cheap tests that tell when a pattern cannot match a sentence, so that it is
# not run. Each looks for something every match of its pattern holds. Those on the
# lower-cased sentence are exact because lower-casing keeps every character's class
# (word, space, digit) and agrees with re.IGNORECASE on every character but these three,
# which the regex engine folds onto "i" or "s" and str.lower() does not ("İ" even becomes
# two characters); a sentence holding one of them runs every pattern.
_FOLD_EXCEPTIONS = ("\u0130", "\u0131", "\u017f")
# The words of _MAY_HOLD_DATE, for the lower-cased sentence: see _may_hold_date.
_MAY_HOLD_DATE_FOLDED = re.compile(rf"\b(?:{_any_of(_MAY_HOLD_DATE_WORDS)})")
# Every pattern reads a month as one of these forms followed by ".", ",", a space or the
# end, never by a letter: "Mayor" or "Marco" is no month.
_MONTH_FORMS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)
# A full month name glued to the next capitalised word ("29 MayFinal") comes from a table
# scraped without its cells' spaces: _MONTH_DAY reads it after a weekday and a day.
_MONTH_WORD = re.compile(rf"(?:{_MONTH_FORMS})(?!\w)|(?:{_MONTH_FORMS.split('|Jan')[0]})(?=[A-Z][a-z])")
_MONTH_WORD_FOLDED = re.compile(rf"(?:{_MONTH_FORMS.lower()})(?!\w)")
_YEAR_NUMBER = re.compile(_YEAR_RE)
_ASCII_DIGIT = re.compile(r"[0-9]")
_ANY_DIGIT = re.compile(r"\d")
# A unit of "two days ago" or "in three years" comes after a space and before a non-letter.
_AGO_UNIT = re.compile(r"[ \t\u00a0\n](?:day|week|month|year|decade)s?(?!\w)")
# A unit of "last week" or "this month" comes after a space.
_PERIOD_UNIT = re.compile(r"\s(?:week|month|year|decade)")
_REL_DAY_WORDS = ("yesterday", "today", "tomorrow", "night", "morning", "afternoon", "evening")
_WEEKDAY_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SEASON_WORDS = ("spring", "summer", "autumn", "fall", "winter")
_YEAR_END_WORDS = ("year", "century")
# "1990s", "'90s", "1930's", "the nineties", "the 21st century" (written in lower case).
_DECADE_MARKS = ("0s", "0's", "0’s", "ties", "century")


def _has_any(sentence: str | None, words: tuple[str, ...]) -> bool:
    """Whether ``sentence`` holds one of ``words``; always for None (see :func:`_folded`)."""
    if sentence is None:
        return True
    for w in words:
        if w in sentence:
            return True
    return False


def _may_hold_date(text: str, span: tuple[int, int], words: str, folded: str | None) -> bool:
    """Whether _MAY_HOLD_DATE matches ``text`` in ``span``, ``words`` and ``folded`` its text.

    The regex's answer, mostly from faster tests: a digit, or one of its words at a word
    start of the lower-cased text. Only where that text cannot stand in (see _folded) or
    starts inside a word, whose start lies before it, is the regex itself run.
    """
    if _ANY_DIGIT.search(words):
        return True
    start = span[0]
    if folded is None or (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")):
        return _MAY_HOLD_DATE.search(text, *span) is not None
    return _MAY_HOLD_DATE_FOLDED.search(folded) is not None


def _folded(sentence: str) -> str | None:
    """The sentence lower-cased for the tests above, or None when they would not be exact."""
    for ch in _FOLD_EXCEPTIONS:
        if ch in sentence:
            return None
    return sentence.lower()


def _month_of(word: str) -> int:
    w = word.lower().rstrip(".")
    return _MONTH_NAMES.get(w) or _MONTH_ABBREVS[w]


def _weekday_of(word: str) -> int:
    w = word.lower().rstrip(".")
    return _WEEKDAYS.get(w, _WEEKDAY_ABBREVS.get(w, -1))


def _number_of(word: str) -> int:
    w = re.sub(r"\s+", " ", word.lower())
    return int(w) if w.isdigit() else _NUMBER_WORDS[w]


def _day_of(word: str) -> int:
    return int(re.match(r"\d+", word).group())  # type: ignore[union-attr]


def _last_of_month(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, 1) + relativedelta(months=1, days=-1)


def _month_interval(year: int, month: int) -> tuple[_dt.date, _dt.date]:
    return _dt.date(year, month, 1), _last_of_month(year, month)


def _week_of(day: _dt.date) -> tuple[_dt.date, _dt.date]:
    monday = day - _dt.timedelta(days=day.weekday())
    return monday, monday + _dt.timedelta(days=6)


# ------------------------------------------------------------------ sentences, tense

_ABBREV_BEFORE_DOT = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Jr|Sr|Inc|Co|Corp|Ltd|No|vs|v|U\.S|U\.K|U\.N|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun|[A-Z]))$"
)
# The last alternative reads a full stop that lost its space, as in text copied from
# web pages: "added up to £148,000.That deadline", "on Tuesday, 9 May.In 2013".
_SENTENCE_END = re.compile(
    r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n(?=[ \t]*(?:[-*+•]|\d+[.)])[ \t])"
    r"|(?<=[a-z0-9][a-z0-9])[.!?][\"'”’]?(?=[\"'“‘]?[A-Z][a-z])"
)


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence boundaries inside ``text[start:end]``."""
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.group().startswith(".") and _ABBREV_BEFORE_DOT.search(text, max(start, m.start() - 6), m.start()):
            continue
        yield pos, m.end()
        pos = m.end()
    if pos < end:
        yield pos, end


_FUTURE = re.compile(
    r"\b(?:will|won't|shall|going to|scheduled|expected to|expects to|plans? to|planned|planning|"
    r"set to|is to|are to|due to|upcoming|intends? to|next|tomorrow)\b|'ll\b|’ll\b",
    re.IGNORECASE,
)
_PAST_FORMS = """was were had did said told ago yesterday met held won lost took made gave went came
    began saw left fell rose spoke sent found kept struck paid sold bought led ran hit became
    wrote broke brought caught chose drove ate flew forgot got grew heard knew meant put read
    sat shot shut sought stood stole swore taught thought threw understood woke wore""".split()
# The word boundary is tested before the look-behind, which then runs at word starts only.
# A form must fill its whole word, so the order of the forms changes no match.
_PAST = re.compile(
    rf"\b(?<!\bbe )(?:{_any_of(_PAST_FORMS)})\b"
    r"|\b(?<!\bbe )(?-i:[a-z]\w+)(?<!need)(?<!schedul)(?<!expect)(?<!plann)ed\b",
    re.IGNORECASE,
)


# The tests _Scanner._years and _year_confidence apply around a four-digit number.
_YEAR_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to)\s*")
_YEAR_LIST_GAP = re.compile(r"\s*(?:,|,?\s*and|,?\s*or|-|–|—|to|through|until)\s*")
_PLURAL_NEXT = re.compile(r"\s*[a-z]+s\b")
_COUNTED_NEXT = re.compile(r"\s*(?:people|persons|[a-z]+s)\b")
_TOKEN = re.compile(r"[\w.#]+")
_WORD = re.compile(r"[-\w]+")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_PEOPLE_AFTER = re.compile(
    r"\s*(?:people|persons|men|women|children|residents|troops|soldiers|of\s+(?:them|the|those))\b"
)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|his|her|their|our|this|that|last|next)\s+$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_PLURAL_END = re.compile(r"(?:s|ren|people|men)$")
_CAPITAL_AFTER = re.compile(r"\s+[A-Z][a-z]")
_FULL_STOP_AFTER = re.compile(r"\.(?:\s|$)")
_CLOSE_AFTER = re.compile(r"[ \t]*(?:[.;)]|,\s)")
_OPEN_BEFORE = re.compile(r"[,(]\s*$")
_NAME_BEFORE = re.compile(r"\b[A-Z][a-z]\w*\s+$")
_PEOPLE_SOON_AFTER = re.compile(r"\s*(?:[-\w]+\s+)?(?:people|persons)\b")


# ----------------------------------------------------------------------- candidates


@dataclass
class _Found:
    """A date expression found in the text, before resolution."""

    start: int
    end: int
    kind: str  # date | relative
    granularity: str = "day"
    # absolute: a fixed interval; relative: resolved against the publication day
    interval: tuple[_dt.date, _dt.date] | None = None
    resolver: Callable[[_dt.date], tuple[_dt.date, _dt.date] | None] | None = None
    relative: str | None = None
    year_explicit: bool = True
    weekday: int | None = None
    weekday_span: tuple[int, int] | None = None
    apposition: _dt.date | None = None
    apposition_granularity: str | None = None
    apposition_span: tuple[int, int] | None = None
    confidence: float = 1.0
    priority: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def _year_guess(month: int, day: int | None, pub: _dt.date | None, tense: str | None) -> int | None:
    """The year of a month (and day) written without one, from the publication date."""
    if pub is None:
        return None
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            d = _dt.date(year, month, day or 1)
        except ValueError:
            continue
        candidates.append(d)
    if not candidates:
        return None
    ref = pub if day else pub.replace(day=1)

    def cost(d: _dt.date) -> tuple[int, bool]:
        days = (d - ref).days
        # The tense outweighs a few months of distance, not a whole year of it.
        against = (tense == "past" and days > 0) or (tense == "future" and days < 0)
        return abs(days) + (120 if against else 0), d.year != pub.year

    return min(candidates, key=cost).year


class _OnFirstUse:
    """A class attribute holding a pattern compiled the first time it is read (it then
    replaces itself with the compiled pattern): a start-up compiles only the patterns
    the run's sentences reach, not all of them."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, obj: object, owner: type) -> re.Pattern[str]:
        compiled = re.compile(self._pattern, self._flags)
        setattr(owner, self._name, compiled)
        return compiled


class _Scanner:
    """Finds the date expressions of one sentence."""

    def __init__(self, text: str, sent: tuple[int, int], pub: PublishedDate | None,
                 words: str, folded: str | None) -> None:
        self.text = text
        self.sent = sent
        self.pub = pub
        self.found: list[_Found] = []
        # The sentence as written and as :func:`_folded` gives it, for the prefilters.
        self.words = words
        self.folded = folded
        self._tense_marks: list[tuple[int, int, str]] | None = None

    # -- helpers
    def tense(self, start: int, end: int) -> str | None:
        """'past', 'future' or None: the tense marker nearest ``text[start:end]`` in the sentence.

        The markers are found once per sentence; on a tie in distance the future one wins.
        """
        marks = self._tense_marks
        if marks is None:
            text, (lo, hi) = self.text, self.sent
            marks = self._tense_marks = [
                (m.start(), m.end(), label)
                for regex, label in ((_FUTURE, "future"), (_PAST, "past"))
                for m in regex.finditer(text, lo, hi)
            ]
        best_dist = -1
        best = None
        for m_start, m_end, label in marks:
            if start <= m_start < end:
                continue
            dist = start - m_end if m_end <= start else m_start - end
            if best is None or dist < best_dist:
                best_dist, best = dist, label
        return best

    def iter(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        return pattern.finditer(self.text, self.sent[0], self.sent[1])

    def infer_year(self, month: int, day: int | None, start: int, end: int) -> int | None:
        """A year for a month (and day) written without one, from the publication date and the tense."""
        if self.pub is None:
            return None
        return _year_guess(month, day, self.pub.value, self.tense(start, end))

    def add(self, f: _Found) -> None:
        self.found.append(f)

    # -- patterns
    def scan(self) -> list[_Found]:
        """Every pattern the sentence may match, in a fixed order (ties in :func:`_select` keep it)."""
        words, folded = self.words, self.folded
        ascii_digit = _ASCII_DIGIT.search(words) is not None
        year = ascii_digit and _YEAR_NUMBER.search(words) is not None
        month = _MONTH_WORD.search(words) is not None
        if year and (month or folded is None or _MONTH_WORD_FOLDED.search(folded)):
            self._full_dates()  # the month in any case
        if month:
            if ascii_digit:
                self._ranges()
            if year:
                self._month_year()
            if ascii_digit:
                self._month_day_no_year()
            self._month_alone()
        if year:
            self._years()
        if _has_any(words, _DECADE_MARKS):
            self._decades()
        if _has_any(folded, _REL_DAY_WORDS):
            self._relative_days()
        if folded is None or _PERIOD_UNIT.search(folded):
            self._relative_periods()
        if folded is None or _AGO_UNIT.search(folded):
            self._ago()
        if _has_any(folded, _WEEKDAY_WORDS):
            self._weekdays()
        if _has_any(folded, _SEASON_WORDS):
            self._seasons()
        if month:
            self._month_opening()
            if folded is None or " year" in folded:
                self._month_of_named_year()
        if _has_any(folded, _YEAR_END_WORDS):
            self._year_end_and_century()
        return self.found

    _FULL_DMY = _OnFirstUse(
        rf"(?:(?P<wd>{_WEEKDAY_RE}),?{_S})?(?:the{_S})?(?P<d>{_DAY_RE})(?:{_S}of)?{_S}(?P<m>{_MONTH_ANY_CASE_RE}),?{_S}(?P<y>{_YEAR_RE})\b(?![,.]?\d)"
    )
    _FULL_MDY = _OnFirstUse(
        rf"(?:(?P<wd>{_WEEKDAY_RE}),?{_S})?(?P<m>{_MONTH_ANY_CASE_RE}){_S}(?:the{_S})?(?P<d>{_DAY_RE}),?{_S}(?P<y>{_YEAR_RE})\b(?![,.]?\d)"
    )

    def _full_dates(self) -> None:
        for pattern in (self._FULL_DMY, self._FULL_MDY):
            for m in self.iter(pattern):
                try:
                    d = _dt.date(int(m["y"]), _month_of(m["m"]), _day_of(m["d"]))
                except ValueError:
                    continue
                f = _Found(m.start(), m.end(), "date", "day", interval=(d, d), priority=5)
                if m["wd"]:
                    f.weekday = _weekday_of(m["wd"])
                    f.weekday_span = (m.start("wd"), m.end("wd"))
                self.add(f)

    _RANGE_DDMY = _OnFirstUse(
        rf"(?P<d1>{_DAY_RE}){_WS}(?:-|–|—|to|until|till|through|and){_WS}(?P<d2>{_DAY_RE}){_S}(?P<m>{_MONTH_RE}),?(?:{_S}(?P<y>{_YEAR_RE}))?\b"
    )
    _RANGE_MDDY = _OnFirstUse(
        rf"(?P<m>{_MONTH_RE}){_S}(?P<d1>{_DAY_RE}){_WS}(?:-|–|—|to|until|till|through|and){_WS}(?P<d2>{_DAY_RE})\b(?:,?{_S}(?P<y>{_YEAR_RE})\b)?"
    )

    def _ranges(self) -> None:
        for pattern in (self._RANGE_DDMY, self._RANGE_MDDY):
            for m in self.iter(pattern):
                month = _month_of(m["m"])
                d1, d2 = _day_of(m["d1"]), _day_of(m["d2"])
                if d2 <= d1:
                    continue
                year = int(m["y"]) if m["y"] else self.infer_year(month, d1, m.start(), m.end())
                f = _Found(m.start(), m.end(), "date", "day", priority=6, year_explicit=bool(m["y"]),
                           confidence=1.0 if m["y"] else 0.8)
                if year is not None:
                    try:
                        f.interval = (_dt.date(year, month, d1), _dt.date(year, month, d2))
                    except ValueError:
                        continue
                if not m["y"]:
                    f.extra["yearless"] = (month, d1, d2)
                self.add(f)

    _MONTH_YEAR = _OnFirstUse(
        rf"(?:(?P<q>early|mid|late|the{_S}(?:start|beginning|end|middle){_S}of){_SEP}?)?(?P<m>{_MONTH_RE}){_S}(?:of{_S})?(?P<y>{_YEAR_RE})\b(?![,.]?\d)"
    )

    def _month_year(self) -> None:
        for m in self.iter(self._MONTH_YEAR):
            month, year = _month_of(m["m"]), int(m["y"])
            start, end = _month_interval(year, month)
            start, end = _part_of_month(m["q"], start, end)
            self.add(_Found(m.start(), m.end(), "date", "month", interval=(start, end), priority=4))

    _MONTH_DAY = _OnFirstUse(
        rf"(?:(?P<wd>{_WEEKDAY_RE}),?{_S})?(?:(?P<m1>{_MONTH_RE}){_S}(?:the{_S})?(?P<d1>{_DAY_RE})|(?:the{_S})?(?P<d2>{_DAY_RE})(?:{_S}of)?{_S}(?P<m2>{_MONTH_RE}))"
        r"(?:\b(?![,.]?\d|:)|(?(wd)(?(m2)(?<=[a-z]{2})(?=[A-Z][a-z])|(?!))|(?!)))"
    )

    def _month_day_no_year(self) -> None:
        for m in self.iter(self._MONTH_DAY):
            word = m["m1"] or m["m2"]
            if word == "May" and m["m2"] is None and not _preceded_by_date_preposition(self.text, m.start()):
                # "May 5" is usually a date, but "May 1 of them ..." is not; ask for context.
                if not re.match(r"\s*(?:,|\.|;|\)|$)", self.text[m.end() : m.end() + 2]):
                    continue
            if word.lower().rstrip(".") in _MONTH_ABBREVS and not word.endswith(".") and word not in ("Sept",):
                # A bare "Mar 5" or "Jan 5" may be a name; the dotted form is a date.
                continue
            month = _month_of(word)
            day = _day_of(m["d1"] or m["d2"])
            year = self.infer_year(month, day, m.start(), m.end())
            f = _Found(m.start(), m.end(), "date", "day", priority=3, year_explicit=False, confidence=0.85)
            if year is not None:
                try:
                    d = _dt.date(year, month, day)
                except ValueError:
                    continue
                f.interval = (d, d)
                f.extra["yearless"] = (month, day, day)
            if m["wd"]:
                f.weekday = _weekday_of(m["wd"])
                f.weekday_span = (m.start("wd"), m.end("wd"))
            self.add(f)

    _MONTH_ALONE = _OnFirstUse(
        rf"\b(?P<pre>(?i:in|since|by|until|till|through|during|from|of|before|after|last|next|this|early|mid|late|"
        rf"(?:the{_S})?(?:start|beginning|end|middle){_S}of)){_SEP}(?P<m>January|February|March|April|May|June|July|August|September|October|November|December)\b(?!{_SEP}?(?:\d|[A-Z]))"
    )

    def _month_alone(self) -> None:
        for m in self.iter(self._MONTH_ALONE):
            pre = m["pre"].lower()
            month = _month_of(m["m"])
            word_start = m.start("m") if pre in ("in", "since", "by", "until", "till", "through", "during", "from", "of", "before", "after") else m.start()
            if pre == "of" and not re.search(r"(?:month|end|start|beginning|middle|days?|weeks?)\s*$", self.text[max(0, m.start() - 12) : m.start()]):
                continue
            if month == 5 and pre in ("by", "of"):
                continue
            if self.pub is None:
                f = _Found(word_start, m.end(), "relative", "month", relative=f"{pre} {m['m']}", priority=2,
                           year_explicit=False, confidence=0.7)
                self.add(f)
                continue
            tense = "past" if pre in ("last", "since") else "future" if pre == "next" else self.tense(m.start(), m.end())

            def resolve(day: _dt.date, month: int = month, pre: str = pre, tense: str | None = tense):
                if pre == "last":
                    year = day.year if month < day.month else day.year - 1
                elif pre == "next":
                    year = day.year if month > day.month else day.year + 1
                elif pre == "this":
                    year = day.year
                else:
                    year = _year_guess(month, None, day.replace(day=1), tense) or day.year
                start, end = _month_interval(year, month)
                return _part_of_month(pre if pre in ("early", "mid", "late") else None, start, end)

            self.add(_Found(word_start, m.end(), "relative", "month", resolver=resolve,
                            relative=f"{'in' if pre in ('of',) else pre} {m['m']}", priority=2,
                            year_explicit=False, confidence=0.8 if tense else 0.7))

    _YEAR = _OnFirstUse(rf"(?<![\d,.$£€#/-])(?P<y>{_YEAR_RE})(?P<poss>['’]s\b)?(?![\d%]|,\d|\.\d|[-–/]\d{{1,2}}\b(?!\d))")
    _YEAR_CONTEXT = _OnFirstUse(
        r"\b(?:in|since|by|until|till|through|during|from|before|after|of|to|between|early|mid|late|"
        r"around|circa|c\.|year|years|fiscal|season|and|or|the start of|the end of|the beginning of|"
        r"spring|summer|autumn|fall|winter|as of|for|on|back to|date back to|dating from)[-\s]*$",
        re.IGNORECASE,
    )

    def _years(self) -> None:
        text = self.text
        matches = list(self.iter(self._YEAR))
        accepted: dict[int, float] = {}
        for i, m in enumerate(matches):
            conf = self._year_confidence(m)
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
            self.add(_Found(m.start(), m.start() + 4 + (len(m["poss"]) if m["poss"] else 0), "date", "year",
                            interval=(_dt.date(year, 1, 1), _dt.date(year, 12, 31)), priority=1, confidence=conf))

    def _year_confidence(self, m: re.Match[str]) -> float:
        """How sure a four-digit number is a year, from the words around it (0: not a year)."""
        text = self.text
        year = int(m["y"])
        before = text[max(self.sent[0], m.start() - 30) : m.start()]
        after = text[m.end() : m.end() + 40]
        prev_word = (_TOKEN.findall(before) or [""])[-1].lower()
        if prev_word in _NOT_YEAR_BEFORE:
            return 0
        if m["poss"]:
            if year % 10 == 0 and _THE_BEFORE.search(before):
                return 0  # "the 1930's" is a decade
            return 0.95
        if _PEOPLE_AFTER.match(after):
            return 0
        if _DETERMINER_BEFORE.search(before):
            words = _WORD.findall(after)[:2]
            if words and (words[0][:1].isupper() or any(w.lower() in _EVENT_NOUNS for w in words)):
                return 0.85
            return 0
        nxt = _NEXT_WORD.match(after)
        if nxt and _PLURAL_END.search(nxt[1]) and nxt[1] not in _FUNCTION_WORDS_IN_S:
            return 0  # "a survey of 1709 schoolchildren": a count before a plural noun
        if self._YEAR_CONTEXT.search(before):
            return 0.95
        words = _WORD.findall(after)[:2]
        if words and words[0].lower() in _EVENT_NOUNS and (len(words) < 2 or not words[1].endswith("s")
                                                            or words[1].lower() in _EVENT_NOUNS):
            # "fellow 2012 presidential candidate"; "2000 federal employees" stays a count
            plausible_here = 1900 <= year <= (self.pub.value.year + 10 if self.pub else 2035)
            return 0.8 if plausible_here else 0
        if self.pub is not None:
            plausible = self.pub.value.year - 40 <= year <= self.pub.value.year + 10
        else:
            plausible = 1950 <= year <= 2035
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

    _DECADE = _OnFirstUse(
        rf"\b(?:the{_S}|(?:early|mid|late){_SEP})(?:(?P<num>1[5-9]\d0|20\d0)['’]?s|['’]?(?P<short>[2-9]0)['’]?s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b"
        rf"|\b(?P<bare>1[5-9]\d0|20\d0)['’]?s\b"
        rf"|\bthe{_S}(?:(?P<ord>\d{{1,2}})(?:st|nd|rd|th)|(?P<ordw>{'|'.join(_ORDINAL_WORDS)})){_S}century\b"
    )

    def _decades(self) -> None:
        for m in self.iter(self._DECADE):
            if m["ord"] or m["ordw"]:
                n = int(m["ord"]) if m["ord"] else _ORDINAL_WORDS[m["ordw"]]
                first = (n - 1) * 100
                if not 1 <= first + 1 <= 2200:
                    continue
                self.add(_Found(m.start(), m.end(), "date", "century",
                                interval=(_dt.date(max(first, 1), 1, 1), _dt.date(first + 99, 12, 31)), priority=2))
                continue
            if m["num"] or m["bare"]:
                decade = int(m["num"] or m["bare"])
            else:
                short = int(m["short"]) if m["short"] else _DECADE_WORDS[m["word"]]
                decade = 1900 + short  # "the sixties": the 20th century unless written out
            self.add(_Found(m.start(), m.end(), "date", "decade",
                            interval=(_dt.date(decade, 1, 1), _dt.date(decade + 9, 12, 31)), priority=2,
                            confidence=1.0 if (m["num"] or m["bare"]) else 0.8))

    _REL_DAY = _OnFirstUse(
        r"\b(?P<e>(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday|today|tonight|tomorrow"
        r"|this\s+(?:morning|afternoon|evening)|last\s+night))\b(?:['’]s\b)?",
        re.IGNORECASE,
    )

    def _relative_days(self) -> None:
        for m in self.iter(self._REL_DAY):
            expr = re.sub(r"\s+", " ", m["e"].lower()).replace("the day", "day")
            offset = {"yesterday": -1, "last night": -1, "tomorrow": 1, "day before yesterday": -2,
                      "day after tomorrow": 2}.get(expr, 0)
            norm = "today" if expr.startswith("this ") or expr == "tonight" else "yesterday" if expr == "last night" else expr

            def resolve(day: _dt.date, offset: int = offset):
                d = day + _dt.timedelta(days=offset)
                return d, d

            self.add(_Found(m.start(), m.end(), "relative", "day", resolver=resolve, relative=norm, priority=3))

    _REL_PERIOD = _OnFirstUse(
        r"\b(?P<e>(?:(?P<mod>earlier|later|late|early)\s+)?(?P<which>this|last|next|this\s+past|the\s+past|the\s+coming|the\s+upcoming|the\s+current|the\s+previous|the\s+following|the\s+next|past|coming|upcoming|current)"
        r"\s+(?P<unit>week|weekend|month|year|decade))(?P<pl>s)?\b(?:['’]s\b)?",
        re.IGNORECASE,
    )

    def _relative_periods(self) -> None:
        for m in self.iter(self._REL_PERIOD):
            which = re.sub(r"\s+", " ", m["which"].lower())
            unit = m["unit"].lower()
            mod = (m["mod"] or "").lower()
            if m["pl"] and not (which == "this" and unit == "year"):
                continue  # "in the last years" is a span; only "this years festival" is a slip for "this year's"
            if which in ("the following", "the next", "the previous") :
                continue  # relative to another event, not to publication
            which = {"past": "the past", "coming": "the coming", "upcoming": "the coming", "the upcoming": "the coming",
                     "current": "this", "the current": "this"}.get(which, which)
            if which == "the past" and unit != "week":
                continue  # "the past year" is a span of twelve months ending now, not a calendar year
            step = {"this": 0, "this past": -1 if unit == "weekend" else 0, "the past": -1 if unit == "weekend" else 0,
                    "last": -1, "next": 1, "the coming": 1}[which]
            if which in ("this past", "the past") and unit == "week":
                step = -1  # GUM and newsroom usage: "this past week" is the week before
            if unit == "decade":
                continue
            tense = self.tense(m.start(), m.end()) if unit == "weekend" and which == "this" else None

            def resolve(day: _dt.date, unit: str = unit, step: int = step, mod: str = mod, tense: str | None = tense):
                if unit == "week":
                    start, end = _week_of(day + _dt.timedelta(weeks=step))
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
            self.add(_Found(m.start(), m.end(), "relative", unit if unit != "weekend" else "day", resolver=resolve,
                            relative=norm, priority=3))

    _AGO = _OnFirstUse(
        rf"\b(?P<n>{_NUM_RE})\]?{_S}(?P<unit>days?|weeks?|months?|years?|decades?){_S}(?P<dir>ago|earlier|from{_S}now|later)\b"
        rf"|\b(?P<in>in){_S}(?P<n2>{_NUM_RE}){_S}(?P<unit2>days?|weeks?|months?|years?)(?:['’]{_S}time)?\b",
        re.IGNORECASE,
    )

    def _ago(self) -> None:
        for m in self.iter(self._AGO):
            if m["in"]:
                n, unit, sign = _number_of(m["n2"]), m["unit2"].lower().rstrip("s"), 1
                if self.tense(m.start(), m.end()) != "future":
                    continue  # "in two years" in past context is a duration, not a date
            else:
                direction = m["dir"].lower()
                if direction in ("earlier", "later"):
                    continue  # relative to another event
                n, unit = _number_of(m["n"]), m["unit"].lower().rstrip("s")
                sign = -1 if direction == "ago" else 1
            if unit == "decade":
                n, unit = n * 10, "year"

            def resolve(day: _dt.date, n: int = n, unit: str = unit, sign: int = sign):
                d = day + relativedelta(**{unit + "s": sign * n})
                if unit == "day":
                    return d, d
                if unit == "week":
                    return _week_of(d)
                if unit == "month":
                    return _month_interval(d.year, d.month)
                return _dt.date(d.year, 1, 1), _dt.date(d.year, 12, 31)

            word = "ago" if sign < 0 else "from now"
            self.add(_Found(m.start(), m.end(), "relative", unit, resolver=resolve,
                            relative=f"{n} {unit}{'s' if n != 1 else ''} {word}", priority=3, confidence=0.9))

    _WEEKDAY = _OnFirstUse(
        rf"\b(?:(?P<mod>(?i:last|next|this|on|by|from|until|since|early|late)){_S})?(?P<wd>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?P<pl>s\b|['’]s\b)?"
    )

    def _weekdays(self) -> None:
        for m in self.iter(self._WEEKDAY):
            wd = _weekday_of(m["wd"])
            mod = (m["mod"] or "").lower()
            if m["wd"].islower() and not mod:
                continue  # a lower-case weekday on its own is too odd to trust
            if m["pl"] == "s":
                continue  # "on Tuesdays" is a habit, not a date
            if re.match(r"[ \t]+(?!(?:Morning|Afternoon|Evening|Night)\b(?![ \t]+[A-Z]))(?!(?:January|February|March|April|May|June|July|August|September|October|November|December)\b)[A-Z][a-z]", self.text[m.end() : m.end() + 12]):
                continue  # "Saturday Morning Breakfast Cereal": part of a name
            if re.search(r"\b(?:a|an|every|each|one|any)\s+$", self.text[max(0, m.start("wd") - 8) : m.start("wd")], re.IGNORECASE):
                continue  # "on a Monday": any Monday
            if mod == "next" and re.search(r"\bthe\s+$", self.text[max(0, m.start() - 6) : m.start()], re.IGNORECASE):
                mod = "the next"  # "went back the next Tuesday": the one after a day of the story, not of publication
            tense = ("past" if mod == "last" else "future" if mod == "next" else None if mod == "the next"
                     else self.tense(m.start(), m.end()))
            confidence = 0.9 if mod == "last" else 0.7 if mod == "next" else 0.8 if tense else 0.5

            def resolve(day: _dt.date, wd: int = wd, mod: str = mod, tense: str | None = tense):
                back = (day.weekday() - wd) % 7
                fwd = (wd - day.weekday()) % 7
                if mod == "last":
                    d = day - _dt.timedelta(days=back or 7)
                elif mod == "next":
                    # the one in the following week, as Duckling reads it; "next Friday" said on a
                    # Tuesday is ambiguous in English, hence the lower confidence
                    d = _week_of(day)[0] + _dt.timedelta(days=7 + wd)
                elif tense == "future":
                    d = day + _dt.timedelta(days=fwd)
                elif tense == "past" or (tense is None and mod != "the next"):
                    # With no tense at all (a caption, a headline), news means the latest such day.
                    d = day - _dt.timedelta(days=back)
                else:
                    return None
                return d, d

            start = m.start() if mod in ("last", "next", "this") else m.start("wd")
            norm = f"{mod if mod in ('last', 'next', 'this') else 'on'} {WEEKDAY_DISPLAY[wd]}"
            self.add(_Found(start, m.end("wd"), "relative", "day", resolver=resolve,
                            relative=norm, weekday=wd, weekday_span=(m.start("wd"), m.end("wd")),
                            priority=1, confidence=confidence))

    _SEASON = _OnFirstUse(
        rf"\b(?:(?P<mod>last|next|this|the){_S})?(?P<s>spring|summer|autumn|fall|winter)\b(?:{_S}of)?(?:{_S}(?P<y>{_YEAR_RE})\b)?",
        re.IGNORECASE,
    )

    def _seasons(self) -> None:
        for m in self.iter(self._SEASON):
            season = m["s"].lower()
            mod = (m["mod"] or "").lower()
            first, last = _SEASONS[season]
            if m["y"]:
                year = int(m["y"])
                start = _dt.date(year, first, 1)
                end = _last_of_month(year + (last < first), last)
                self.add(_Found(m.start(), m.end(), "date", "season", interval=(start, end), priority=4))
                continue
            if mod not in ("last", "next", "this") or (season == "fall" and mod == "the"):
                continue

            def resolve(day: _dt.date, first: int = first, last: int = last, mod: str = mod):
                # The season containing or nearest the day, then stepped back or forward.
                year = day.year - (1 if first == 12 and day.month <= 2 else 0)
                start = _dt.date(year, first, 1)
                if start > day and mod != "next":
                    year -= 1
                if mod == "last":
                    # the most recent season of that name that has ended
                    while _last_of_month(year + (last < first), last) >= day:
                        year -= 1
                elif mod == "next":
                    while _dt.date(year, first, 1) <= day:
                        year += 1
                return _dt.date(year, first, 1), _last_of_month(year + (last < first), last)

            self.add(_Found(m.start(), m.end(), "relative", "season", resolver=resolve,
                            relative=f"{mod} {season}", priority=2, confidence=0.8))


    _MONTH_NAMED_YEAR = _OnFirstUse(
        rf"(?<!\w)(?:(?P<d1>{_DAY_RE}){_S}(?:of{_S})?)?"
        r"(?P<m>January|February|March|April|May|June|July|August|September|October|November|December)"
        rf"(?:{_S}(?:the{_S})?(?P<d2>{_DAY_RE}))?,?{_S}(?P<which>(?i:this|last|next)){_S}(?i:year)\b(?!['’])"
    )

    def _month_of_named_year(self) -> None:
        """A month named with its year relative to publication: "in November last year",
        "on October 14 this year", "the 23rd of May next year"."""
        for m in self.iter(self._MONTH_NAMED_YEAR):
            if re.search(rf"{_WEEKDAY_RE},?\s*$", self.text[max(self.sent[0], m.start() - 12) : m.start()]):
                continue  # "Saturday, May 2 last year": the day-with-weekday reading keeps its weekday check
            which = m["which"].lower()
            step = {"this": 0, "last": -1, "next": 1}[which]
            month = _month_of(m["m"])
            day = _day_of(m["d1"] or m["d2"]) if (m["d1"] or m["d2"]) else None

            def resolve(pub_day: _dt.date, month: int = month, day: int | None = day, step: int = step):
                year = pub_day.year + step
                if day is None:
                    return _month_interval(year, month)
                try:
                    d = _dt.date(year, month, day)
                except ValueError:
                    return None
                return d, d

            self.add(_Found(m.start(), m.end(), "relative", "day" if day else "month", resolver=resolve,
                            relative=f"{m['m']} {which} year", priority=4, year_explicit=False, confidence=0.9))

    _MONTH_OPENING = _OnFirstUse(
        r"[\s\"“'(*•-]*(?P<m>January|February|March|April|June|July|August|September|October|November|December)"
        r"(?=[ \t]+(?:is|was|will|has|had|saw|sees|brought|brings|marks|marked|began|begins|ended|ends)\b)"
    )

    def _month_opening(self) -> None:
        """A month that opens its sentence as its subject: "October is National Magic Month"."""
        m = self._MONTH_OPENING.match(self.text, self.sent[0], self.sent[1])
        if m is None:  # "May" is left out: "May was elected" is more often a name
            return
        month = _month_of(m["m"])
        tense = self.tense(m.start("m"), m.end("m"))

        def resolve(day: _dt.date, month: int = month, tense: str | None = tense):
            year = _year_guess(month, None, day.replace(day=1), tense) or day.year
            return _month_interval(year, month)

        self.add(_Found(m.start("m"), m.end("m"), "relative", "month", resolver=resolve, relative=f"in {m['m']}",
                        priority=2, year_explicit=False, confidence=0.7))

    _YEAR_END = _OnFirstUse(
        r"\b(?P<by>by[ \t]+)?(?:the[ \t]+end[ \t]+of[ \t]+(?:the|this)[ \t]+year|year[- ]end)\b(?![ \t]*\d)"
        r"|\bthe[ \t]+(?P<which>past|last|previous|present|current)[ \t]+century\b",
        re.IGNORECASE,
    )

    def _year_end_and_century(self) -> None:
        """"by the end of the year", "year end" (this year's last day) and "the past century"."""
        for m in self.iter(self._YEAR_END):
            if m["which"]:
                step = 0 if m["which"].lower() in ("present", "current") else -1

                def century(day: _dt.date, step: int = step):
                    # Centuries by their hundreds, as speakers count them: "the past century" in 2009 is the 1900s.
                    first = (day.year // 100 + step) * 100
                    return _dt.date(first, 1, 1), _dt.date(first + 99, 12, 31)

                self.add(_Found(m.start(), m.end(), "relative", "century", resolver=century,
                                relative=f"the {m['which'].lower()} century", priority=2, confidence=0.8))
                continue
            start = m.end("by") if m["by"] else m.start()

            def year_end(day: _dt.date, deadline: bool = bool(m["by"])):
                # "by the end of the year" names a deadline, the last day; "the end of the year" its last weeks
                last = _dt.date(day.year, 12, 31)
                return (last if deadline else _dt.date(day.year, 12, 1)), last

            self.add(_Found(start, m.end(), "relative", "day" if m["by"] else "month", resolver=year_end,
                            relative="the end of the year", priority=2, confidence=0.6))


def _part_of_month(q: str | None, start: _dt.date, end: _dt.date) -> tuple[_dt.date, _dt.date]:
    if not q:
        return start, end
    q = re.sub(r"\s+", " ", q.lower())
    if q.startswith("early") or "start" in q or "beginning" in q:
        return start, start.replace(day=10)
    if q.startswith("mid") or "middle" in q:
        return start.replace(day=11), start.replace(day=20)
    if q.startswith("late") or "end" in q:
        return start.replace(day=21), end
    return start, end


def _preceded_by_date_preposition(text: str, pos: int) -> bool:
    return bool(re.search(r"\b(?:on|by|until|till|from|since|before|after|of|through|between|and|to)\s+$",
                          text[max(0, pos - 12) : pos], re.IGNORECASE))


# -------------------------------------------------------------------- appositions

_APPOSITION = re.compile(r"(?:[ \t]+(?:morning|afternoon|evening|night))?[ \t]*\((?P<body>[^()\n]{2,40})\)")
_APP_MONTH = re.compile(rf"^\s*(?P<m>{_MONTH_RE})(?:,?\s+(?P<y>{_YEAR_RE}))?\s*$")
_APP_YEAR = re.compile(rf"^\s*(?P<y>{_YEAR_RE})\s*$")
_APP_WEEKDAY = re.compile(rf"^\s*(?P<wd>{_WEEKDAY_RE})\s*$")
_APP_DATE = re.compile(
    rf"^\s*(?:(?P<wd>{_WEEKDAY_RE}),?\s+)?(?:(?P<m1>{_MONTH_RE})\s+(?P<d1>{_DAY_RE})|(?P<d2>{_DAY_RE})\s+(?P<m2>{_MONTH_RE}))(?:,?\s+(?P<y>{_YEAR_RE}))?\s*$"
)


# "two years ago in 2019", "a decade ago, in 2011", "three months ago, in March": the period
# an "ago" expression means, named unbracketed. Only a year or a month, closing its phrase.
_AGO_APPOSITION = re.compile(
    rf"(?:[ \t]*,|[ \t]+[-–—])?[ \t]+in[ \t]+(?P<body>(?:{_MONTH_RE}(?:,?[ \t]+{_YEAR_RE})?|{_YEAR_RE}))(?![\w'’-]|[ \t]*\d)"
    r"(?![ \t]+(?:dollars|pounds|euros|prices|money|terms)\b)"  # "in 2018 dollars": a measure
)


def _attach_apposition(text: str, f: _Found) -> None:
    """Read "(December)", "(Monday)", "(2024)" or "(Monday, Dec. 5)" right after a relative
    expression, or "in 2019" right after an "ago" one."""
    m = _APPOSITION.match(text, f.end)
    if not m and f.relative is not None and f.relative.endswith(" ago"):
        m = _AGO_APPOSITION.match(text, f.end)
    if not m:
        return
    body = m["body"]
    offset = m.start("body")
    if a := _APP_WEEKDAY.match(body):
        f.weekday = _weekday_of(a["wd"])
        f.weekday_span = (offset + a.start("wd"), offset + a.end("wd"))
    elif a := _APP_MONTH.match(body):
        f.extra["app_month"] = (_month_of(a["m"]), int(a["y"]) if a["y"] else None)
        f.apposition_granularity = "month"
        f.apposition_span = (offset + a.start(), offset + a.end())
    elif a := _APP_YEAR.match(body):
        f.apposition = _dt.date(int(a["y"]), 1, 1)
        f.apposition_granularity = "year"
        f.apposition_span = (offset + a.start("y"), offset + a.end("y"))
    elif a := _APP_DATE.match(body):
        month = _month_of(a["m1"] or a["m2"])
        day = _day_of(a["d1"] or a["d2"])
        f.extra["app_day"] = (month, day, int(a["y"]) if a["y"] else None)
        f.apposition_granularity = "day"
        f.apposition_span = (offset + a.start(), offset + a.end())
        if a["wd"]:
            f.weekday = _weekday_of(a["wd"])
            f.weekday_span = (offset + a.start("wd"), offset + a.end("wd"))
    else:
        return
    f.extra["apposition_at"] = (m.start("body"), m.end("body"))


def _nearest_year(month: int, day: int, around: _dt.date) -> int:
    options = []
    for year in (around.year - 1, around.year, around.year + 1):
        try:
            options.append(_dt.date(year, month, day))
        except ValueError:
            pass
    return min(options, key=lambda d: abs((d - around).days)).year


# ---------------------------------------------------------------------- relations

_CUES = re.compile(
    r"\b(?P<cue>in\s+the\s+wake\s+of|in\s+the\s+aftermath\s+of|after|following|followed|"
    r"before|ahead\s+of|prior\s+to|preceded|preceding|since)\b",
    re.IGNORECASE,
)
_CUE_RELATION = {
    "in the wake of": "after", "in the aftermath of": "after", "after": "after", "following": "after",
    "followed": "after", "followed by": "after", "before": "before", "ahead of": "before", "prior to": "before",
    "preceded": "before", "preceding": "before", "since": "since",
}
# Words after a cue that undo it: "since then", "was followed by".
_THEN_OR_WHEN = re.compile(r"\s+(?:then|when)\b")
_BY_AFTER = re.compile(r"\s+by\b")
# Between a subject date and its cue: punctuation, or a few words that measure the gap.
_GAP_BEFORE_CUE = re.compile(
    r"^[\s,;–—-]*(?:(?:shortly|just|soon|only|long|weeks|days|months|years|hours|a|an|one|two|three|few|several|\d+)\s+){0,3}$",
    re.IGNORECASE,
)
_BEFORE_AUDIENCE = re.compile(
    r"\s*(?:the|a|an)\s+(?:court|judge|jury|parliament|congress|committee|senate|house|lawmakers|magistrate|"
    r"tribunal|crowd|audience|cameras|panel|council|board|assembly)\b",
    re.IGNORECASE,
)
_SUBJECT_AFTER_OBJECT = re.compile(r"^[ \t]*,[ \t]*(?:(?:in|on|during|by)\s+)?$", re.IGNORECASE)
# A prepositional phrase between a subject date and its cue: "late Wednesday in the border town of X following".
_PLACE_BEFORE_CUE = re.compile(
    r"^[ \t]+(?:in|at|near|off|outside|inside|across|around|from)\s+(?:[\w'’.-]+\s+){0,6}$", re.IGNORECASE
)
# Words that open another clause: a date after them may belong to that clause, not the cue's phrase.
_CLAUSE_WORDS = frozenset(
    """who whom whose which that where when while whereas and but or because although though since until
    unless if as than after before following said says say told announced announces reported reports""".split()
)
# Modal and future words: the event they govern may come later than the narrative date.
_IRREALIS = re.compile(
    r"\b(?:will|would|could|might|may|can|should|must|shall|plans?|planned|scheduled|expected|due|set\s+to|"
    r"intends?|aims?|hopes?|wants?|going\s+to)\b|['’]ll\b",
    re.IGNORECASE,
)
# Reporting verbs: "On Friday, police said ... after ..." dates the saying, not the ordered event.
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|announced|announces|announce|reported|reports|report|stated|states|claimed|"
    r"claims|confirmed|confirms|according|added|adds|revealed|reveals|warned|warns|argued|argues|wrote|writes|"
    r"denied|denies|alleged|alleges|accused|accuses|believes?|believed|thinks?|thought)\b",
    re.IGNORECASE,
)
# A date opening its sentence as an adverbial: "On Friday, ...", "In March 2019, ...".
_FRONTED = re.compile(r"^[\s\"“'(*•-]*(?:(?:on|in|late|early|by|during)\s+)?$", re.IGNORECASE)
# A participle or pluperfect opening a comma phrase: "the party, founded on 1 March, ..." dates an earlier event.
_EARLIER_PHRASE = re.compile(r"^\s*(?:(?:which|who)\s+)?(?:had\b|[a-z]+ed\b|born\b|built\b|begun\b|held\b)", re.IGNORECASE)


def _name_part(text: str, d: DateClaim) -> bool:
    """Whether a day date is part of a name, as in "the March 23 Movement" or "the January 6 Attack"."""
    if d.granularity != "day":
        return False
    return bool(re.match(r"[ \t]+(?!(?:Morning|Afternoon|Evening|Night)\b)[A-Z][a-z]", text[d.span.end : d.span.end + 4]))


def _object_words_ok(cue: str, between: str) -> bool:
    """Whether the words from a cue to its object date form one phrase that the date can close."""
    if re.search(r"[,;:.()\"“”[\]]", between):
        return False
    words = between.split()
    if len(words) - bool(re.search(r"\b(?:on|in|at|of|during)\s*$", between)) > 10:
        return False
    lower = [w.lower() for w in words]
    if any(w in _CLAUSE_WORDS for w in lower) or _IRREALIS.search(between):
        return False
    # "after agreeing to meet on May 3": the date belongs to a later, intended event.
    for i, w in enumerate(lower[:-1]):
        if w == "to" and words[i + 1][:1].islower() and lower[i + 1] not in ("the", "a", "an", "his", "her", "their", "its"):
            return False
    if cue == "before":
        # "appeared before a judge", "testified before Congress": a place, not a time.
        if _BEFORE_AUDIENCE.match(between) or any(w[:1].isupper() for w in words):
            return False
    return True


def _relations(
    text: str, sent: tuple[int, int], dates: list[DateClaim]
) -> Iterator[tuple[int, int, str, DateClaim, DateClaim, float]]:
    """Explicit orderings between two resolved dates of one sentence.

    Yields (start, end, cue, subject, object, confidence): the subject is the date of the
    event the cue places, the object the date of the event it is placed against. The
    confidence says how sure the link is, not the dates.
    """
    in_sentence = [d for d in dates if sent[0] <= d.span.start and d.span.end <= sent[1]]
    if len(in_sentence) < 2:
        return
    seen: set[tuple[str, str]] = set()
    for m in _CUES.finditer(text, sent[0], sent[1]):
        cue = re.sub(r"\s+", " ", m["cue"].lower())
        if cue == "since" and _THEN_OR_WHEN.match(text, m.end()):
            continue
        if cue in ("followed", "preceded") and (by := _BY_AFTER.match(text, m.end())):
            # "X in 1999, followed by a 2001 Y": the roles reverse; read only the comma phrase.
            if cue == "followed" and (pair := _followed_by(text, in_sentence, m.start(), by.end())) is not None:
                later, earlier = pair
                if (later.id, earlier.id) not in seen:
                    seen.add((later.id, earlier.id))
                    yield m.start(), by.end(), "followed by", later, earlier, 0.8
            continue
        # The object: the first date of the cue's phrase.
        obj = next((d for d in in_sentence if d.span.start >= m.end()), None)
        if obj is None or _name_part(text, obj):
            continue
        between = text[m.end() : obj.span.start]
        if not _object_words_ok(cue, between):
            continue
        # Each further word between cue and date is a chance the date belongs to something else.
        link = 1.0 if len(between.split()) <= 6 else 0.85
        subj, how = _subject(text, sent, in_sentence, m, cue, obj)
        if subj is None or subj.id == obj.id or _name_part(text, subj):
            continue
        if re.search(r"\bsince\s+(?:[^\s,;:]+\s+){0,6}$", text[max(sent[0], subj.span.start - 60) : subj.span.start]):
            continue  # "the first time since March 30 after ...": a since-date bounds a period, the cue orders its clause
        if subj.start is None or obj.start is None or (subj.id, obj.id) in seen:
            continue
        seen.add((subj.id, obj.id))
        yield m.start(), m.end(), cue, subj, obj, link * how


# Between an event's date and ", followed by": a few words closing its phrase ("in 1999 to Mohamed Gerbril,").
_BEFORE_FOLLOWED_BY = re.compile(r"^(?:[ \t]+[\w'’.-]+){0,5}[ \t]*,[ \t]*$")


def _followed_by(
    text: str, in_sentence: list[DateClaim], cue_start: int, by_end: int
) -> tuple[DateClaim, DateClaim] | None:
    """The later and earlier dates of "X in 1999 to A, followed by a 2001 Y", or None.

    Only when a comma closes the first event's phrase right after its date, and the
    second date opens the phrase after "by" within a few words.
    """
    prior = [d for d in in_sentence if d.span.end <= cue_start]
    after = next((d for d in in_sentence if d.span.start >= by_end), None)
    if not prior or after is None or _name_part(text, after) or _name_part(text, prior[-1]):
        return None
    gap = text[prior[-1].span.end : cue_start]
    if not _BEFORE_FOLLOWED_BY.match(gap) or any(w.lower() in _CLAUSE_WORDS for w in gap.replace(",", " ").split()):
        return None
    between = text[by_end : after.span.start]
    if len(between.split()) > 4 or not _object_words_ok("followed by", between):
        return None
    return after, prior[-1]


def _subject(
    text: str, sent: tuple[int, int], in_sentence: list[DateClaim], m: re.Match[str], cue: str, obj: DateClaim
) -> tuple[DateClaim | None, float]:
    """The date of the event a cue places, and how sure that link is."""
    prior = [d for d in in_sentence if d.span.end <= m.start()]
    if prior:
        gap = text[prior[-1].span.end : m.start()]
        if _GAP_BEFORE_CUE.match(gap):
            return prior[-1], 1.0  # "arrested on May 5 after the attack"
        if _PLACE_BEFORE_CUE.match(gap) and not any(w.lower() in _CLAUSE_WORDS for w in gap.split()):
            return prior[-1], 0.85  # "killed late Wednesday in the town of Tiné following ..."
    opening = text[sent[0] : m.start()].strip(" \t\n\"“'(*•-")
    if not opening:
        # A sentence that opens with the cue: "After the 2019 vote, in 2018, ..."
        later = [d for d in in_sentence if d.span.start >= obj.span.end]
        np_end = _phrase_end(text, obj.span.end, sent[1])
        if not later or np_end is None:
            return None, 0.0
        if _SUBJECT_AFTER_OBJECT.match(text[np_end : later[0].span.start]):
            return later[0], 1.0
        # "Following the vote on 5 May, the council met on 3 May": a day later in the main clause.
        d = later[0]
        clause = text[np_end + 1 : d.span.start]
        segment = clause.rsplit(",", 1)[-1]
        if (
            d.granularity == "day"
            and re.search(r"\bon\s+$", clause)
            and not _IRREALIS.search(clause)
            and not _REPORTING.search(clause)
            and not _EARLIER_PHRASE.match(segment)
            and not re.search(r"\bhad\b|[;:()]", clause)
        ):
            return d, 0.75
        return None, 0.0
    # A date opening the sentence dates its main clause: "On Friday, fishermen rescued ... after ...".
    # Only for "after": a clause nested in the main one and ordered after an event is then still
    # after it, whereas "before" may order a nested, earlier event.
    if prior and cue in ("after", "following", "in the wake of", "in the aftermath of"):
        first = prior[0]
        lead = text[sent[0] : first.span.start]
        rest = text[first.span.end : m.start()]
        if (
            first is prior[-1]
            and _FRONTED.match(lead)
            and re.match(r"\s*,", rest)
            and not _IRREALIS.search(text[first.span.end : obj.span.start])
            and not _REPORTING.search(text[first.span.end : obj.span.start])
            and not re.search(r"[;:()]", rest)
        ):
            return first, 0.75
    return None, 0.0


def _phrase_end(text: str, pos: int, limit: int) -> int | None:
    """Where the noun phrase holding a date ends: at the next comma, within a few words."""
    comma = text.find(",", pos, limit)
    if comma < 0 or len(text[pos:comma].split()) > 4:
        return None
    return comma


# ------------------------------------------------------------- narrative sequence

# A cue that tells the clause after it as coming later than the clause before it: "who then
# set up", "was later fired", "went on to compete", ", and in 1997 she was promoted".
_SEQUENCE = re.compile(
    r"\b(?:(?P<then>then)(?![-‐‑\w])|(?P<later>later|subsequently|afterwards|afterward|eventually)\b"
    r"|(?P<went>(?:went|go|goes|going|gone)\s+on\s+to)\b|(?P<and>and)(?=[ \t]+(?:in|on)[ \t]))",
    re.IGNORECASE,
)
# Words before "then" or "later" that make it a time or an adjective, not a step of the story:
# "since then", "was then a venture capitalist", "the then leader", "but then", "in later years".
_NOT_SEQUENCE_BEFORE = re.compile(
    r"\b(?:since|until|till|by|back|even|just|but|than|from|the|a|an|in|no|its|his|her|their|if)[ \t]+$",
    re.IGNORECASE,
)
# A form of "be" before the cue: a step only before a participle ("was later fired", "was then
# taken"), else a state at that time ("who was then a venture capitalist").
_BE_BEFORE = re.compile(r"\b(?:was|were|is|are|be|been|being|['’]s)[ \t]+$", re.IGNORECASE)
_PARTICIPLE_NEXT = re.compile(r"[ \t]+[a-z]+(?:ed|en|wn|ung|ught|t)\b")
_NOT_SEQUENCE_AFTER = re.compile(r"[ \t]*(?:,[ \t]*)?(?:was|were|is|are|been|than|on\b|again,|and\b|-)", re.IGNORECASE)
# Words between a sequence cue and the date of its clause that send the date back, or away
# from that clause: "then revealed he had been jailed in 2001", "later said that ...".
_BACK_IN_TIME = re.compile(
    r"\b(?:had|having|earlier|previously|once|first|before|originally|formerly|since|until|till|"
    r"ago|born|founded|dating|dated)\b",
    re.IGNORECASE,
)
# Plans and possibilities, "May" left out: a date they govern may lie anywhere.
_PLAN = re.compile(
    r"\b(?:will|would|could|might|should|must|shall|plans?|planned|planning|scheduled|expected|due|set\s+to|"
    r"intends?|intended|aims?|hopes?|hoped|wants?|wanted|going\s+to|if|unless)\b|['’]ll\b",
    re.IGNORECASE,
)
# The preposition before a date that the clause's event is told at.
_TOLD_AT = re.compile(r"(?:\b(?:in|on|during|at|the|a|an)[ \t]+(?:(?:early|late|mid)[ \t-]+)?|\bmid-)$", re.IGNORECASE)
# A new clause after the date of ", and in 1997": a subject and not the end of a list of dates.
_CLAUSE_AFTER_DATE = re.compile(r"[ \t]*,?[ \t]*(?:he|she|they|it|we|the|his|her|their|its|[A-Z][a-z]+)\b")
# A sentence that opens with a sequence cue: "Then in 2009, ...", "Later, in 1967, ...".
_OPENS_WITH_SEQUENCE = re.compile(
    r"[\s\"“'(*•-]*(?P<cue>Then|Later|Subsequently|Afterwards|Eventually)\b[ \t]*,?[ \t]*"
    r"(?=(?:in|on|during)[ \t])",
)
# A sentence that opens with a pluperfect: "He had been released from prison in 2001".
_OPENS_WITH_PLUPERFECT = re.compile(
    r"[\s\"“'(*•-]*(?:He|She|They|It|(?:The[ \t]+)?[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?)[ \t]+"
    r"(?P<cue>had(?:[ \t]+(?:already|first|previously|originally))?(?:[ \t]+been)?)[ \t]+[a-z]+(?:ed|en|wn|t)\b"
)
# "A further coup in 1985": another of the things a story has dated, told as coming after them.
_FURTHER = re.compile(r"\b(?P<cue>(?:a|an)[ \t]+(?:further|subsequent))[ \t]+(?P<noun>[a-z]{3,})[ \t]+(?=(?:in|on)[ \t])", re.IGNORECASE)


def _clause_date(text: str, dates: list[DateClaim], pos: int, limit: int, max_words: int = 10) -> DateClaim | None:
    """The date of the clause that starts at ``pos``: the first date after it, told at a
    preposition, within ``max_words`` words, with no punctuation, other clause, plan or
    backward step between."""
    d = next((d for d in dates if d.span.start >= pos), None)
    if d is None or d.span.end > limit or _name_part(text, d):
        return None
    between = text[pos : d.span.start]
    if not _TOLD_AT.search(between):
        return None
    if len(between.split()) > max_words or re.search(r"[,;:()\"“”[\]]", between.lstrip(" \t,")):
        return None
    words = [w.lower() for w in between.split()]
    if any(w in _CLAUSE_WORDS for w in words) or _PLAN.search(between) or _BACK_IN_TIME.search(between):
        return None
    return d


def _explicit(dates: list[DateClaim]) -> list[DateClaim]:
    """The dates with a year written and an interval."""
    return [d for d in dates if d.year_explicit and d.start is not None and d.end is not None and d.anchor == "absolute"]


def _sequence_relations(
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
    sentence = text[sent[0] : sent[1]]
    seen: set[str] = set()
    for m in _SEQUENCE.finditer(text, sent[0], sent[1]):
        before = [d for d in own if d.span.end <= m.start()]
        if not before or _NOT_SEQUENCE_BEFORE.search(text, max(sent[0], m.start() - 12), m.start()):
            continue
        if _NOT_SEQUENCE_AFTER.match(text, m.end()) or _PLAN.search(text, sent[0], m.start()):
            continue
        if _BE_BEFORE.search(text, max(sent[0], m.start() - 8), m.start()) and not _PARTICIPLE_NEXT.match(text, m.end()):
            continue
        subj = _clause_date(text, own, m.end(), sent[1])
        if subj is None or subj.id in seen:
            continue
        link = 0.8
        if m["and"]:
            # ", and in 1997 she was promoted": a new clause right after the date that ends the last one.
            gap = text[before[-1].span.end : m.start()]
            if gap.strip(" \t,") or not _CLAUSE_AFTER_DATE.match(text, subj.span.end):
                continue
            if re.search(r"\b(?:also|too|again|had|already|previously|earlier)\b", text[subj.span.end : sent[1]][:40], re.IGNORECASE):
                continue
            link = 0.65
        seen.add(subj.id)
        obj = min(before, key=lambda d: d.start)  # type: ignore[arg-type, return-value]
        cue = "and in" if m["and"] else re.sub(r"\s+", " ", m.group().lower())
        yield m.start(), m.end(), cue, "after", subj, obj, link
    if not earlier:
        return
    prev_sent, prev_dates = earlier[-1]
    prev = _explicit(prev_dates)
    prev_text = text[prev_sent[0] : prev_sent[1]]
    if prev and not _PLAN.search(prev_text):
        if (m := _OPENS_WITH_SEQUENCE.match(text, sent[0], sent[1])) is not None:
            subj = _clause_date(text, own, m.end(), sent[1], max_words=3)
            if subj is not None and subj.id not in seen:
                seen.add(subj.id)
                yield (m.start("cue"), m.end("cue"), m["cue"].lower(), "after", subj,
                       min(prev, key=lambda d: d.start), 0.75)  # type: ignore[arg-type, return-value]
        if (m := _OPENS_WITH_PLUPERFECT.match(text, sent[0], sent[1])) is not None and not re.search(
            r"\b(?:has|have|since|until|now|still|later|then)\b", prev_text, re.IGNORECASE
        ):
            subj = _clause_date(text, own, m.end("cue"), sent[1], max_words=8)
            if subj is not None and subj.id not in seen:
                seen.add(subj.id)
                yield (m.start("cue"), m.end("cue"), re.sub(r"\s+", " ", m["cue"]), "before", subj,
                       max(prev, key=lambda d: d.end), 0.75)  # type: ignore[arg-type, return-value]
    for m in _FURTHER.finditer(text, sent[0], sent[1]):
        subj = _clause_date(text, own, m.end("noun"), sent[1], max_words=2)
        if subj is None or subj.id in seen:
            continue
        noun = re.compile(rf"\b{re.escape(m['noun'].lower())}s?\b", re.IGNORECASE)
        in_own = [d for d in own if d.span.end <= m.start()] if noun.search(text, sent[0], m.start()) else []
        told = in_own or next((_explicit(ds) for span, ds in reversed(earlier[-3:])
                               if noun.search(text, *span) and _explicit(ds)), [])
        if not told:
            continue
        seen.add(subj.id)
        yield (m.start(), m.end("noun"), re.sub(r"\s+", " ", m.group("cue").lower()), "after", subj,
               min(told, key=lambda d: d.start), 0.75)  # type: ignore[arg-type, return-value]


# ---------------------------------------------------------------------- extractor


class DatesExtractor(Extractor):
    """Absolute and relative dates, and the before/after relations between them."""

    name = "dates"
    produces = frozenset({"date", "temporal-relation"})

    def extract(self, document: Document, claims: ClaimSet) -> Iterable[factlint.ClaimBase]:
        text = document.text
        pub = document.metadata.published
        blocks = [(b.start, b.end) for b in document.blocks] or [(0, len(text))]
        out: list[factlint.ClaimBase] = []
        for block in blocks:
            # Most sentences name no time at all: those without a match of _MAY_HOLD_DATE are
            # skipped, and so is the splitting of a block without one.
            block_words = text[block[0] : block[1]]
            block_folded = _folded(block_words)
            if not _may_hold_date(text, block, block_words, block_folded):
                continue
            # The last sentences of the block with their dates, for a step of the story told
            # against the sentence before it ("Then in 2009, ...").
            history: list[tuple[tuple[int, int], list[DateClaim]]] = []
            for sent in _sentences(text, *block):
                dates: list[DateClaim] = []
                if sent == block:
                    words, folded = block_words, block_folded
                else:
                    words = text[sent[0] : sent[1]]
                    folded = _folded(words)
                    if not _may_hold_date(text, sent, words, folded):
                        history = history[-2:] + [(sent, dates)]
                        continue
                found = _Scanner(text, sent, pub, words, folded).scan()
                if found:
                    dates = [d for d in (self._claim(document, f, pub) for f in _select(found, text)) if d is not None]
                    out.extend(dates)
                    relations = [(start, end, cue, _CUE_RELATION[cue], subj, obj, link)
                                 for start, end, cue, subj, obj, link in _relations(text, sent, dates)]
                    placed = {r[4].id for r in relations}
                    relations += [r for r in _sequence_relations(text, sent, dates, history) if r[4].id not in placed]
                    for start, end, cue, relation, subj, obj, link in relations:
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
                history = history[-2:] + [(sent, dates)]
        return out

    @staticmethod
    def _claim(document: Document, f: _Found, pub: PublishedDate | None) -> DateClaim | None:
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
                year = _nearest_year(month, 1, around) if around else None
            apposition = _dt.date(year, month, 1) if year else None
            if apposition is None:
                return _finish(document, f, start, end, anchor, confidence, None)
        if "app_day" in f.extra:
            month, day, year = f.extra["app_day"]
            around = start or (pub.value if pub else None)
            if year is None and around is not None:
                year = _nearest_year(month, day, around)
            try:
                apposition = _dt.date(year, month, day) if year else None
            except ValueError:
                apposition = None
        return _finish(document, f, start, end, anchor, confidence, apposition)


def _finish(document: Document, f: _Found, start, end, anchor, confidence, apposition) -> DateClaim:
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
        weekday=f.weekday,
        weekday_span=document.span(*f.weekday_span) if f.weekday_span else None,
        apposition=apposition,
        apposition_granularity=f.apposition_granularity if apposition else None,  # type: ignore[arg-type]
        apposition_span=document.span(*f.apposition_span) if (f.apposition_span and apposition) else None,
        year_explicit=f.year_explicit,
    )


def _anchor_years(found: list[_Found]) -> None:
    """Give a day written without a year the year of a dated day or month in the same sentence.

    "On 3 March 2019 ... and on 7 March" means March 2019 whatever the publication date;
    the year nearest the written one is taken, so "December 28 ... January 5, 2025" spans
    the turn of the year.
    """
    anchors = [f for f in found if f.kind == "date" and f.year_explicit and f.interval is not None
               and f.granularity in ("day", "month")]
    if not anchors:
        return
    for f in found:
        if "yearless" not in f.extra or f.interval is None:
            continue
        month, d1, d2 = f.extra["yearless"]
        near = min(anchors, key=lambda a: abs(a.start - f.start)).interval[0]  # type: ignore[index]
        try:
            year = _nearest_year(month, d1, near)
            f.interval = (_dt.date(year, month, d1), _dt.date(year, month, d2))
        except ValueError:  # 29 February with no leap year near
            continue


def _select(found: list[_Found], text: str) -> list[_Found]:
    """Keep the longest expression where several overlap; attach appositions."""
    found.sort(key=lambda f: (-(f.end - f.start), -f.priority, f.start))
    kept: list[_Found] = []
    for f in found:
        if any(f.start < k.end and k.start < f.end for k in kept):
            continue
        kept.append(f)
    kept.sort(key=lambda f: f.start)
    _anchor_years(kept)
    for f in kept:
        if f.kind == "relative":
            _attach_apposition(text, f)
    # What is named in apposition belongs to the expression it explains, not a date of its own.
    inside = [f.extra["apposition_at"] for f in kept if "apposition_at" in f.extra]
    return [f for f in kept if not any(a <= f.start and f.end <= b for a, b in inside)]


@factlint.hookimpl
def factlint_register_extractors() -> list[type[Extractor]]:
    """The ``dates`` extractor."""
    return [DatesExtractor]

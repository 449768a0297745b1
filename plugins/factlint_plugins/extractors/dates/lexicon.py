"""The words the date recognisers read, and the regex fragments built from them.

Month, weekday, number, ordinal and decade words come from
:mod:`factlint_plugins._english`, shared with the other built-ins; the words only dates
need (seasons, units of time, event nouns) are here. Every pattern and prefilter that
reads a word list builds it from the lists below, so a word taught here reaches both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from ..._english import (
    DECADE_WORDS,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTHS,
    ORDINAL_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
    WEEKDAYS,
)

__all__ = [
    "COUNTED_UNITS",
    "DAY_RE",
    "DECADE_WORDS",
    "EVENT_NOUNS",
    "FUNCTION_WORDS_IN_S",
    "MONTHS",
    "MONTH_ABBREVIATIONS",
    "MONTH_ANY_CASE_RE",
    "MONTH_FORMS",
    "MONTH_NAME_RE",
    "MONTH_RE",
    "NOT_YEAR_BEFORE",
    "NUMBER_WORDS",
    "NUM_RE",
    "ORDINAL_WORDS",
    "PERIOD_UNITS",
    "S",
    "SEASONS",
    "SEP",
    "WEEKDAYS",
    "WEEKDAY_RE",
    "WS",
    "YEAR_RE",
    "any_of",
    "day_of",
    "month_of",
    "number_of",
    "weekday_of",
]

# Counts of units spelled out ("two days ago", "in a couple of weeks"): the unit words
# and the tens up to fifty (larger counts are read only in figures), "a" and "an" for
# one, and two phrases.
NUMBER_WORDS: Mapping[str, int] = MappingProxyType({
    "a": 1,
    "an": 1,
    **{w: n for w, n in UNIT_WORDS.items() if n},
    **{w: n for w, n in TENS_WORDS.items() if n <= 50},
    "a couple of": 2,
    "a dozen": 12,
})
"""A spelled count of units to its value (``"a couple of": 2``)."""

# Meteorological seasons (northern hemisphere): the convention of most news desks.
SEASONS: Mapping[str, tuple[int, int]] = MappingProxyType(
    {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
)
"""A season's word to its first and last month."""

COUNTED_UNITS = ("day", "week", "month", "year", "decade")
"""The units "two days ago" counts in."""
PERIOD_UNITS = ("week", "weekend", "month", "year", "decade")
"""The periods "last week" and "this month" name."""

# Lower-case nouns that a year may modify ("the 2015 election"); a number before any
# other lower-case noun is more likely a count ("the 2015 people").
EVENT_NOUNS = frozenset(
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
FUNCTION_WORDS_IN_S = frozenset("was has is as this its his us thus plus whereas versus always perhaps".split())
# Words before a four-digit number that make it a label, not a year.
NOT_YEAR_BEFORE = frozenset(
    """no no. number order route flight room resolution rule article section page pages
    chapter bill code model version type unit platoon squad batch form item figure table
    kilometres kilometers km miles mile metres meters feet ft""".split()
)


def any_of(words: Iterable[str]) -> str:
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


def _abbreviations(table: Mapping[str, int]) -> list[str]:
    """Capitalised abbreviations in calendar order, the longer first where two share a
    start ("Sept" before "Sep"), so that a pattern tries the whole word first."""
    return [w.capitalize() for w in sorted(table, key=lambda w: (table[w], -len(w)))]


MONTH_NAME_RE = "|".join(MONTHS)
"""The full month names, capitalised: ``January|...|December``."""
MONTH_FORMS = "|".join([MONTH_NAME_RE, *_abbreviations(MONTH_ABBREVIATIONS)])
"""Every month name and abbreviation, capitalised and without a dot."""
MONTH_RE = rf"(?:{MONTH_NAME_RE}|(?:{'|'.join(_abbreviations(MONTH_ABBREVIATIONS))})\.?)"
"""A month as a date writes it: a full name, or an abbreviation with or without its dot."""
MONTH_ANY_CASE_RE = "(?i:" + MONTH_RE[3:-1] + ")"
""":data:`MONTH_RE` in any case ("5 MARCH 2021")."""
WEEKDAY_RE = rf"(?:{'|'.join(WEEKDAYS)}|(?:{'|'.join(_abbreviations(WEEKDAY_ABBREVIATIONS))})\.)"
"""A weekday in front of a date: a full name, or an abbreviation with its dot."""
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_RE = r"(?:1[5-9]\d\d|20\d\d|2100)"
# A number word can fill only a whole word before a unit, so grouping changes no match.
NUM_RE = r"(?:\d{1,3}|" + any_of(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
WS = r"(?:[ \t\u00a0]*\n?[ \t\u00a0]*)"  # blanked markup leaves runs of spaces and single newlines
S = r"(?:[ \t\u00a0]+(?:\n[ \t\u00a0]*)?|\n[ \t\u00a0]*)"  # at least one space
# Spaces or hyphens ("mid-March", "late 1990s"), at most one newline: one run, never a
# repeated group of runs, which would backtrack exponentially over long blank stretches.
SEP = r"(?:[ \t\u00a0-]+(?:\n[ \t\u00a0-]*)?|\n[ \t\u00a0-]*)"


def month_of(word: str) -> int:
    """The number of a month name or abbreviation, with or without its dot."""
    w = word.lower().rstrip(".")
    return MONTH_NAMES.get(w) or MONTH_ABBREVIATIONS[w]


def weekday_of(word: str) -> int:
    """The index of a weekday name or abbreviation (Monday 0), or -1."""
    w = word.lower().rstrip(".")
    return WEEKDAY_NAMES.get(w, WEEKDAY_ABBREVIATIONS.get(w, -1))


def number_of(word: str) -> int:
    """The value of a count in figures or in words ("12", "a couple of")."""
    w = re.sub(r"\s+", " ", word.lower())
    return int(w) if w.isdigit() else NUMBER_WORDS[w]


def day_of(word: str) -> int:
    """The day of the month in "5", "05" or "5th"."""
    return int(re.match(r"\d+", word).group())  # type: ignore[union-attr]

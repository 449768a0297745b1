"""The English words every built-in extractor, check and mutator reads numbers and
dates by: one copy, so that teaching one of them a word teaches them all.

Month and weekday names come from :mod:`calendar`, read once under the C locale (the
default of a Python process) so that a host program that sets a locale does not turn
them into another language's.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from types import MappingProxyType

__all__ = [
    "MONTHS",
    "MONTH_NAMES",
    "MONTH_ABBREVIATIONS",
    "MONTH_WORDS",
    "WEEKDAYS",
    "WEEKDAY_NAMES",
    "WEEKDAY_ABBREVIATIONS",
    "UNIT_WORDS",
    "TENS_WORDS",
    "MULTIPLIER_WORDS",
    "ORDINAL_WORDS",
    "DECADE_WORDS",
    "number_words",
    "spell_number",
]


def _english_names(names: Iterable[str], expected: str) -> tuple[str, ...]:
    # ``names`` is calendar's month_name or day_name, which read the locale anew on
    # every pass: the second pass below gives the C locale's names.
    values = tuple(n for n in names if n)
    # A process that called setlocale() would give another language's names here.
    if values[0] != expected:
        with calendar.different_locale(("C", None)):  # (language, encoding): the C locale
            values = tuple(n for n in names if n)
    return values


MONTHS: tuple[str, ...] = _english_names(calendar.month_name, "January")
"""``("January", ..., "December")``: the display names."""
WEEKDAYS: tuple[str, ...] = _english_names(calendar.day_name, "Monday")
"""``("Monday", ..., "Sunday")``, in :func:`datetime.date.weekday` order."""

MONTH_NAMES = MappingProxyType({name.lower(): number for number, name in enumerate(MONTHS, 1)})
"""Lower-case full month name to its number (``"march": 3``)."""
MONTH_ABBREVIATIONS = MappingProxyType(
    {**{name[:3].lower(): number for number, name in enumerate(MONTHS, 1) if len(name) > 3}, "sept": 9}
)
"""Lower-case abbreviations in news use (``"jan"``, ``"sept"``); "may" is a full name."""
MONTH_WORDS = frozenset(MONTH_NAMES) | frozenset(MONTH_ABBREVIATIONS)
"""Every lower-case month name and abbreviation."""

WEEKDAY_NAMES = MappingProxyType({name.lower(): index for index, name in enumerate(WEEKDAYS)})
"""Lower-case weekday name to its index, Monday 0."""
WEEKDAY_ABBREVIATIONS = MappingProxyType(
    {**{name[:3].lower(): index for index, name in enumerate(WEEKDAYS)}, "tues": 1, "thur": 3, "thurs": 3}
)
"""Lower-case weekday abbreviations (``"tue"``, ``"thurs"``)."""

UNIT_WORDS = MappingProxyType({
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
})
"""Number words from zero to nineteen."""
TENS_WORDS = MappingProxyType({
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
})
"""The tens, twenty to ninety."""
MULTIPLIER_WORDS = MappingProxyType({"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000})
"""Words that multiply what comes before them."""
ORDINAL_WORDS = MappingProxyType({
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
})
"""Ordinal words, first to twenty-first."""
DECADE_WORDS = MappingProxyType({
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
    "seventies": 70, "eighties": 80, "nineties": 90,
})
"""A decade's word to the decade ("the nineties": 90)."""


def number_words(limit: int = 19) -> list[str]:
    """The words for zero up to ``limit`` (at most 99), in order: ``["zero", "one", ...]``."""
    return [spell_number(n) for n in range(limit + 1)]


_UNITS_BY_VALUE = {v: k for k, v in UNIT_WORDS.items()}
_TENS_BY_VALUE = {v: k for k, v in TENS_WORDS.items()}


def spell_number(n: int) -> str:
    """``n`` (0 to 99) in words, hyphenated as news style writes it: ``"twenty-one"``."""
    if not 0 <= n <= 99:
        raise ValueError(f"spell_number takes 0 to 99, not {n}")
    if n in _UNITS_BY_VALUE:
        return _UNITS_BY_VALUE[n]
    tens, units = divmod(n, 10)
    word = _TENS_BY_VALUE[tens * 10]
    return f"{word}-{_UNITS_BY_VALUE[units]}" if units else word

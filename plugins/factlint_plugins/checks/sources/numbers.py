"""``source/number``: a number, amount, percentage, age or count that differs from the
value the aligned source sentence gives for the same thing.

The module reads every number of a stretch of text as a :class:`Quantity` (its value,
what kind of value it is, its unit or currency, the words it counts, how it is
hedged), then compares the article's with those of the source sentences the
alignment pairs its sentence with. Two numbers are compared only when they fill the
same slot: the same kind and unit, and the same counted noun or the same words
around them.
"""

from __future__ import annotations

import bisect
import math
import re
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from factlint import CheckContext, ClaimBase, Finding, Rule, Severity, Span
from factlint_plugins._english import MULTIPLIER_WORDS, ORDINAL_WORDS, TENS_WORDS, UNIT_WORDS
from factlint_plugins._patterns import lazy_compile

from .align import (
    Alignment,
    SourceIndex,
    SourceSentence,
    article_sentences,
    attributed,
    content_tokens,
    source_index,
)

if TYPE_CHECKING:
    from factlint import SourceDocument

__all__ = [
    "NumberConflict",
    "Quantity",
    "SourceNumberMismatch",
    "SourceNumberOptions",
    "absent_numbers",
    "compatible",
    "find_quantities",
    "number_conflicts",
    "same_slot",
    "source_values",
]

Kind = Literal["count", "money", "percent", "age", "measure", "fraction", "ordinal"]
Qualifier = Literal["exact", "about", "more_than", "fewer_than", "at_least", "at_most"]

# ---------------------------------------------------------------- vocabulary

_CURRENCY_SIGNS = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "a$": "AUD", "c$": "CAD"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "euro": "EUR", "euros": "EUR", "yen": "JPY", "yuan": "CNY", "rupees": "INR", "rupee": "INR",
}
# Scale words and their short forms after a number ("$1.2m", "£5bn", "3k").
_SCALES = {
    **MULTIPLIER_WORDS, "trillion": 10**12, "m": 10**6, "mn": 10**6, "bn": 10**9, "b": 10**9,
    "k": 1_000, "tn": 10**12,
}
# Units of measure, by every spelling, to one name each: two numbers in different
# units are not compared (converting is left to the writer, and rounding makes it
# guesswork).
_UNITS = {
    "ft": "foot", "feet": "foot", "foot": "foot", "in": "inch", "inch": "inch", "inches": "inch",
    "mile": "mile", "miles": "mile", "mph": "mph", "km": "km", "kilometres": "km", "kilometers": "km",
    "kilometre": "km", "kilometer": "km", "kph": "kph", "km/h": "kph", "m": "metre", "metres": "metre",
    "meters": "metre", "metre": "metre", "meter": "metre", "cm": "cm", "centimetres": "cm", "centimeters": "cm",
    "mm": "mm", "millimetres": "mm", "millimeters": "mm", "kg": "kg", "kilograms": "kg", "kilogram": "kg",
    "kilos": "kg", "g": "gram", "grams": "gram", "lb": "lb", "lbs": "lb", "stone": "stone", "st": "stone",
    "tons": "ton", "ton": "ton", "tonnes": "tonne", "tonne": "tonne", "acres": "acre", "acre": "acre",
    "hectares": "hectare", "yards": "yard", "yard": "yard", "yds": "yard", "gallons": "gallon",
    "gallon": "gallon", "litres": "litre", "liters": "litre", "litre": "litre", "liter": "litre",
    "degrees": "degree", "calories": "calorie", "mg": "mg", "ml": "ml",
    "seconds": "second", "second": "second", "secs": "second", "minutes": "minute", "minute": "minute",
    "mins": "minute", "hours": "hour", "hour": "hour", "hrs": "hour", "days": "day", "day": "day",
    "weeks": "week", "week": "week", "months": "month", "month": "month", "years": "year", "year": "year",
    "decades": "decade", "decade": "decade", "centuries": "century", "century": "century",
}
_PERCENT = lazy_compile(r"\s*(?:%|per\s?cent\b|percent\b|percentage points?\b)", re.I)

# Hedges before a number, to the qualifier they give it.
_HEDGES = (
    (lazy_compile(r"(?:more than|over|above|upwards of|in excess of|north of)\s+$", re.I), "more_than"),
    (lazy_compile(r"(?:less than|fewer than|under|below|short of)\s+$", re.I), "fewer_than"),
    (lazy_compile(r"(?:at least|no fewer than|no less than|a minimum of)\s+$", re.I), "at_least"),
    (lazy_compile(r"(?:at most|up to|no more than|a maximum of|as many as|as much as)\s+$", re.I), "at_most"),
    (lazy_compile(
        r"(?:about|around|roughly|approximately|approx\.|nearly|almost|some|close to|an estimated|estimated|"
        r"just over|just under|just shy of|more or less|circa|c\.|around about|barely|only about)\s+$",
        re.I,
    ), "about"),
)
_HEDGE_AFTER = lazy_compile(r"\s*(?:or so|-odd|odd|or more|plus|\+)\b", re.I)

# Words that never name what a number counts.
_FUNCTION_WORDS = frozenset(
    "a an the of and or but to in on at by for from with as is are was were be been being has have had "
    "that this these those it its their his her our your my which who whom whose than then so not no "
    "he she they we you i him them us me also just only more most less least other another each every "
    "all some any such same per into onto over under after before about around up down out off "
    # hedges and modals: they say how sure a figure is, not what it is a figure of
    "close nearly almost roughly approximately estimated could would may might can will should "
    "least most than total".split()
)
_WORD = lazy_compile(r"[^\W\d_][\w'’-]*")

_NUMBER_WORD = "|".join(sorted([*UNIT_WORDS, *TENS_WORDS], key=len, reverse=True))
_ORDINAL_WORD = "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True))
_FRACTIONS = {
    "half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25,
    "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1,
}

# A number: digits with thousands separators or decimals, or number words ("twenty-one",
# "one hundred and five", "a dozen"), then an optional scale word.
_NUMBER = lazy_compile(
    r"(?P<sign>(?:US\$|A\$|C\$|[$£€¥])\s?)?"
    r"(?:(?P<ordinal>\d+(?:st|nd|rd|th)\b|(?:" + _ORDINAL_WORD + r")\b)"
    r"|(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<words>(?:(?:" + _NUMBER_WORD + r")(?:[- ](?:" + _NUMBER_WORD + r"))?"
    r"(?:\s+(?:hundred|thousand|million|billion)(?:\s+(?:and\s+)?(?:" + _NUMBER_WORD + r")(?:[- ](?:"
    + _NUMBER_WORD + r"))?)?)?)|a\s+dozen|a\s+(?:hundred|thousand|million|billion)|dozen)"
    r")"
    r"(?P<scale>\s?(?:trillion|billion|million|thousand|hundred|bn|mn|tn|m|k)\b)?",
    re.I,
)
_FRACTION = lazy_compile(
    r"\b(?P<num>one|two|three|four|a|an|half)[- ](?P<den>half|halves|third|thirds|quarter|quarters|fifth|fifths|"
    r"tenth|tenths)\b",
    re.I,
)
_AGE_AFTER = lazy_compile(r"[- ](?:years?|yrs?)[- ]old\b|-year-old\b|-years-old\b", re.I)
_AGE_BEFORE = lazy_compile(r"\b(?:aged|age|ages)\s+$", re.I)
# "John Smith, 26, said": a number set off by commas after a capitalised name.
_AGE_APPOSITION_BEFORE = lazy_compile(r"\b[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2},\s$")
_AGE_APPOSITION_AFTER = lazy_compile(r",(?!\d)")
# A number that is part of something else: a time, a score, a range, a phone number,
# a reference ("No. 5", "Flight 370", "Route 66"), a decade ("the 1940s").
_PART_OF_CODE = lazy_compile(r"[:/]\d|\d[:/]|-\d|\d-\d|\d'?s\b")
_LABEL_BEFORE = lazy_compile(
    r"\b(?:no\.?|number|flight|route|highway|interstate|room|apartment|apt\.?|page|chapter|section|article|"
    r"version|episode|season|series|level|stage|gate|bus|platform|channel|act|bill|resolution|proposition|"
    r"prop\.?|jersey|squad|shirt|grade|class|type|category|division|district|ward|unit|block|lot|box|suite|"
    r"floor|line|track|pier|exit|mile\s+marker|formula|world\s+war|ww|the\s+top|top|covid|"
    r"windows|iphone|ipad|galaxy|model|boeing|airbus|mk|mark|mig)\s*$",
    re.I,
)


_AFTER_MONTH = lazy_compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    r"september|october|november|december)\.?\s+$",
    re.I,
)


@dataclass(frozen=True)
class Quantity:
    """One number in a text, read with what it is a number of."""

    start: int
    """Offset of the mention's first character (a currency sign or hedge included)."""
    end: int
    """Offset just past the mention (its unit or counted noun included)."""
    value: float
    """The value, scaled: "$1.2 million" is 1,200,000."""
    kind: Kind
    """count, money, percent, age, measure, fraction or ordinal."""
    unit: str = ""
    """The currency (``USD``) or unit of measure (``foot``); empty for a count."""
    qualifier: Qualifier = "exact"
    """How it is hedged: "about 40" is ``about``, "more than 40" ``more_than``."""
    step: float = 1.0
    """The place of its last significant digit: 1,000 for "40,000", 100,000 for
    "$1.2 million", 1 for "41": a writer rounding to it is not wrong."""
    words: bool = False
    """True when written in words ("fourteen")."""
    noun: str = ""
    """The word it counts or describes, singular and lower-case ("victim")."""
    context: frozenset[str] = field(default_factory=frozenset)
    """Content words just before and after it, singular and lower-case."""
    number_start: int = 0
    """Where the number itself is (for a suggestion that replaces just the number)."""
    number_end: int = 0
    """Just past the number itself."""
    rate: str = ""
    """A rate it is given per ("£100,000-a-week" is per ``week``)."""


# --------------------------------------------------------------------- parsing


def _singular(word: str) -> str:
    """A crude singular of a lower-case English noun: enough to tell "victims" and
    "victim" are one word, never used to print anything."""
    w = word.lower().strip("'’")
    if w.endswith("'s") or w.endswith("’s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _word_value(words: str) -> float | None:
    """The value of number words: "twenty-one" 21, "one hundred and five" 105,
    "a dozen" 12, "two million" 2,000,000."""
    total = 0.0
    current = 0.0
    seen = False
    for w in re.split(r"[\s-]+", words.lower()):
        if w in ("and", ""):
            continue
        if w == "a":
            current = current or 1
            continue
        if w == "dozen":
            current = (current or 1) * 12
        elif w in UNIT_WORDS:
            current += UNIT_WORDS[w]
        elif w in TENS_WORDS:
            current += TENS_WORDS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in MULTIPLIER_WORDS:
            total += (current or 1) * MULTIPLIER_WORDS[w]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _step_of_digits(digits: str) -> float:
    """The place of the last significant digit of a written number: "40,000" 1,000,
    "41" 1, "1.25" 0.01."""
    plain = digits.replace(",", "")
    if "." in plain:
        return 10.0 ** -len(plain.split(".")[1])
    stripped = plain.rstrip("0")
    if not stripped:
        return 1.0
    return 10.0 ** (len(plain) - len(stripped))


def _qualifier(text: str, start: int) -> tuple[Qualifier, int]:
    """The hedge just before ``start``, and where it begins."""
    window = text[max(0, start - 30) : start]
    for pattern, qualifier in _HEDGES:
        m = pattern.search(window)
        if m:
            return qualifier, start - (len(window) - m.start())  # type: ignore[return-value]
    return "exact", start


def _context_words(text: str, start: int, end: int, sentence: tuple[int, int]) -> frozenset[str]:
    """Content words within a few words of a mention, in its sentence."""
    def content(a: int, b: int) -> list[str]:
        return [w for w in (m.group() for m in _WORD.finditer(text, a, b)) if w.lower() not in _FUNCTION_WORDS]

    before = content(max(sentence[0], start - 80), start)[-3:]
    after = content(end, min(sentence[1], end + 80))[:4]
    return frozenset(_singular(w) for w in (*before, *after) if len(w) > 1)


_PHRASE_WORD = lazy_compile(r"[ \t]+(?:-\s*)?([^\W\d_][\w'’]*(?:-[^\W\d_]+)*)")


def _noun_after(text: str, end: int, limit: int) -> tuple[str, int]:
    """The counted noun after a number: the last of the few words of its noun phrase
    ("two Spanish citizens": citizen; "14 killed": killed)."""
    head, head_end = "", end
    at = end
    for n in range(3):
        m = _PHRASE_WORD.match(text, at, limit)
        if m is None:
            break
        word = m.group(1)
        low = word.lower()
        if low in _FUNCTION_WORDS or (n and low in ("were", "was", "had", "have", "said", "who", "killed")):
            break
        head, head_end, at = _singular(word), m.end(), m.end()
        if n and (low.endswith("ed") or low.endswith("ing")):
            head = _singular(text[end:m.start(1)].split()[-1])  # a verb after the noun
            break
        if n == 0 and low.endswith(("ed", "ing")):
            break
    return head, head_end


_NUMBER_WORDS = frozenset(
    [*UNIT_WORDS, *TENS_WORDS, *ORDINAL_WORDS, *_FRACTIONS, "dozen", "hundred", "thousand", "million", "billion"]
)
_DIGIT = lazy_compile(r"\d")
_LOWER_WORD = lazy_compile(r"[a-z]+")


def _may_hold_number(text: str, start: int, end: int) -> bool:
    """A cheap test that ``text[start:end]`` has a digit or a number word: most
    sentences of a long source have neither, and the full pattern is slow to run."""
    if _DIGIT.search(text, start, end):
        return True
    return not _NUMBER_WORDS.isdisjoint(_LOWER_WORD.findall(text[start:end].lower()))


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of ``spans`` (sorted, not overlapping one
    another, as the dates of a text are): found by bisection, so that a text made of
    dates and numbers stays linear."""
    i = bisect.bisect_left(spans, (end, -1)) - 1
    return i >= 0 and spans[i][1] > start


def find_quantities(
    text: str, start: int = 0, end: int | None = None, *, skip: Sequence[tuple[int, int]] = ()
) -> list[Quantity]:
    """Every number in ``text[start:end]`` that states a count, an amount of money, a
    percentage, an age, a measure, a fraction or an ordinal; not years, times, scores,
    ranges or numbers inside names and codes, nor those overlapping a range in
    ``skip`` (the spans of dates, sorted)."""
    end = len(text) if end is None else end
    out: list[Quantity] = []
    if not _may_hold_number(text, start, end):
        return out
    sentence = (start, end)
    for m in _NUMBER.finditer(text, start, end):
        n_start, n_end = m.start(), m.end()
        if _overlaps(skip, n_start, n_end):
            continue
        if _AFTER_MONTH.search(text, max(0, n_start - 12), n_start):
            continue  # "May 22": a date, which the dates check reads
        if n_start > 0 and (text[n_start - 1].isalnum() or text[n_start - 1] in "_"):
            continue  # inside a word or code ("A320", "G7")
        if n_end < len(text) and (text[n_end].isalpha() and not m.group("scale")):
            # "1,100ft", "32.8m" with the unit glued on: let the unit reading take it
            glued = re.match(r"[A-Za-z/]+", text[n_end:])
            unit = glued.group().lower() if glued else ""
            if unit not in _UNITS and unit not in _SCALES and not re.match(r"(?:st|nd|rd|th)\b", text[n_end:]):
                continue
        q = _read(text, m, sentence)
        if q is not None:
            out.append(q)
    for m in _FRACTION.finditer(text, start, end):
        if any(q.number_start <= m.start() < q.number_end for q in out) and m.group("num").lower() not in ("a", "an"):
            out = [q for q in out if not (q.number_start <= m.start() < q.number_end)]
        num = m.group("num").lower()
        value = (1.0 if num in ("a", "an", "half") else float(UNIT_WORDS[num])) * _FRACTIONS[m.group("den").lower()]
        if num == "half":
            value = 0.5
        out.append(Quantity(
            start=m.start(), end=m.end(), value=round(value, 4), kind="fraction", number_start=m.start(),
            number_end=m.end(), words=True, context=_context_words(text, m.start(), m.end(), sentence),
        ))
    out.sort(key=lambda q: q.number_start)
    return out


def _read(text: str, m: re.Match[str], sentence: tuple[int, int]) -> Quantity | None:
    """The quantity a number match states, or None when it states none we compare."""
    digits, words, ordinal = m.group("digits"), m.group("words"), m.group("ordinal")
    n_start, n_end = m.start(), m.end()
    limit = sentence[1]
    sign = (m.group("sign") or "").strip().lower()
    scale_word = (m.group("scale") or "").strip().lower()
    if ordinal:
        low = ordinal.lower()
        value = float(ORDINAL_WORDS.get(low) or int(re.sub(r"\D", "", low) or 0))
        noun, _ = _noun_after(text, n_end, limit)
        return Quantity(
            start=n_start, end=n_end, value=value, kind="ordinal", words=not ordinal[0].isdigit(), noun=noun,
            number_start=n_start, number_end=n_end, context=_context_words(text, n_start, n_end, sentence),
        )
    if digits:
        raw = digits.replace(",", "")
        value = float(raw)
        step = _step_of_digits(digits)
        if not sign and not scale_word and "," not in digits and "." not in digits and len(raw) == 4 \
                and 1000 <= value <= 2100:
            return None  # a year: the dates check reads those
        coded = _PART_OF_CODE.match(text, n_end) or (n_start > 0 and _PART_OF_CODE.match(text, n_start - 2))
        if coded and not _AGE_AFTER.match(text, n_end) and not re.match(r"-[a-z]", text[n_end:n_end + 4]):
            return None
        if _LABEL_BEFORE.search(text, max(0, n_start - 24), n_start) and not sign:
            return None
        if digits.startswith("0") and len(raw) > 1 and "." not in raw:
            return None  # "007", a code
    else:
        if words is None:
            return None
        w = _word_value(words)
        if w is None:
            return None
        value = w
        # "a dozen" and "a million" are round; "fourteen" is exact to the unit.
        step = 10.0 ** max(0, int(math.log10(value)) - 1) if value >= 100 and value % 10 == 0 else 1.0
        if words.lower() == "one" and re.match(r"\s+(?:of|another|day|time|way|thing|point|side|hand)\b",
                                               text[n_end:n_end + 12], re.I):
            return None  # "one of them", "one day": not a count to compare
    scale = 1
    if scale_word:
        if scale_word in ("m", "k", "bn", "mn", "tn", "b") and not sign and not re.match(
            r"\s*(?:dollars|pounds|euros)", text[n_end:], re.I
        ):
            if scale_word == "m":
                return _measure(text, m, value, step, "metre", n_end, sentence) if digits else None
            if scale_word not in ("bn", "mn"):
                return None
        scale = _SCALES[scale_word]
        if scale_word in ("hundred",):
            step = max(step * 100, 100.0)
        value = round(value * scale, 6)
        step *= scale
        if digits and "." not in digits and scale >= 1000:
            step = scale
    qualifier, q_start = _qualifier(text, n_start)
    after = m.end()
    if _HEDGE_AFTER.match(text, after) and qualifier == "exact":
        qualifier = "about"
    words_flag = bool(words)
    num_start = n_start
    context = _context_words(text, n_start, n_end, sentence)
    if sign:
        cur = _CURRENCY_SIGNS.get(sign, sign)
        rate = _rate(text, after)
        return Quantity(
            start=q_start, end=after, value=value, kind="money", unit=cur, qualifier=qualifier, step=step,
            words=words_flag, number_start=num_start, number_end=n_end, context=context, rate=rate,
        )
    # A currency word after it: "1,200,000 dollars".
    cm = re.match(r"\s*(?:US\s+)?(dollars?|pounds?|sterling|euros?|yen|yuan|rupees?)\b", text[after:], re.I)
    if cm:
        unit_word = cm.group(1).lower()
        cur = _CURRENCY_WORDS[unit_word]
        if unit_word.startswith("pound") and re.search(r"\b(?:weigh|weight|heavy|lighter|heavier|lost|gained)",
                                                       text[max(sentence[0], n_start - 60) : n_start + 40], re.I):
            cur = "lb"
        elif unit_word.startswith("pound"):
            cur = "pound"  # money or weight: compared only with another "pounds"
        if cur == "lb":
            return Quantity(
                start=q_start, end=after + cm.end(), value=value, kind="measure", unit="lb", qualifier=qualifier,
                step=step, words=words_flag, number_start=num_start, number_end=n_end, context=context,
            )
        return Quantity(
            start=q_start, end=after + cm.end(), value=value, kind="money", unit=cur, qualifier=qualifier, step=step,
            words=words_flag, number_start=num_start, number_end=n_end, context=context,
            rate=_rate(text, after + cm.end()),
        )
    pm = _PERCENT.match(text, after)
    if pm:
        return Quantity(
            start=q_start, end=pm.end(), value=value, kind="percent", unit="%", qualifier=qualifier, step=step,
            words=words_flag, number_start=num_start, number_end=n_end, context=context,
        )
    am = _AGE_AFTER.match(text, after)
    if am:
        noun, _ = _noun_after(text, am.end(), sentence[1])
        if re.match(r"[- ]years?[- ]old", am.group(), re.I) or am.group().lower().startswith("-year"):
            return Quantity(
                start=q_start, end=am.end(), value=value, kind="age", qualifier=qualifier, step=step,
                words=words_flag, noun=noun, number_start=num_start, number_end=n_end, context=context,
            )
    if _AGE_BEFORE.search(text, max(0, n_start - 8), n_start):
        return Quantity(
            start=q_start, end=n_end, value=value, kind="age", qualifier=qualifier, step=step, words=words_flag,
            number_start=num_start, number_end=n_end, context=context,
        )
    if (
        digits and value < 120 and _AGE_APPOSITION_BEFORE.search(text, max(0, n_start - 60), n_start)
        and _AGE_APPOSITION_AFTER.match(text, n_end)
    ):
        # Whose age: the whole name ("Brady Pimentel, 6," is not "Kevin Pimentel, 12,").
        holder = _AGE_APPOSITION_BEFORE.search(text, max(0, n_start - 60), n_start)
        name = holder.group().rstrip(", ").lower() if holder else ""
        return Quantity(
            start=q_start, end=n_end, value=value, kind="age", qualifier=qualifier, step=step, words=False,
            number_start=num_start, number_end=n_end, context=context, noun=name,
        )
    return _measure(text, m, value, step, None, after, sentence, qualifier=qualifier, q_start=q_start,
                    words_flag=words_flag, num_start=num_start)


def _rate(text: str, at: int) -> str:
    """The period an amount is given per: "£100,000-a-week", "$20 an hour"."""
    rm = re.match(r"[- ](?:a|an|per)[- ](week|month|year|day|hour|night|game|season)\b", text[at : at + 16], re.I)
    return rm.group(1).lower() if rm else ""


def _measure(
    text: str, m: re.Match[str], value: float, step: float, unit: str | None, after: int,
    sentence: tuple[int, int], *, qualifier: Qualifier = "exact", q_start: int | None = None,
    words_flag: bool = False, num_start: int | None = None,
) -> Quantity | None:
    """A number with a unit of measure, or a count of the noun after it."""
    n_start, n_end = m.start(), m.end()
    q_start = n_start if q_start is None else q_start
    num_start = n_start if num_start is None else num_start
    context = _context_words(text, n_start, n_end, sentence)
    if unit is not None:
        return Quantity(
            start=q_start, end=after, value=value, kind="measure", unit=unit, qualifier=qualifier, step=step,
            number_start=num_start, number_end=n_end, context=context,
        )
    um = re.match(r"[ \t]?-?[ \t]?([A-Za-z]+(?:/h)?)\b", text[after : after + 16])
    if um and um.group(1).lower() in _UNITS and not (um.group(1).lower() in ("in", "m", "g", "st") and um.start(1) > 0):
        canonical = _UNITS[um.group(1).lower()]
        return Quantity(
            start=q_start, end=after + um.end(), value=value, kind="measure", unit=canonical, qualifier=qualifier,
            step=step, words=words_flag, number_start=num_start, number_end=n_end, context=context,
            noun=_noun_after(text, after + um.end(), sentence[1])[0] if um.group().startswith("-") else "",
        )
    noun, noun_end = _noun_after(text, after, sentence[1])
    if noun.startswith("-"):
        noun = noun[1:]
    return Quantity(
        start=q_start, end=max(noun_end, after), value=value, kind="count", qualifier=qualifier, step=step,
        words=words_flag, noun=noun, number_start=num_start, number_end=n_end, context=context,
    )


# ------------------------------------------------------------------ comparison


def same_slot(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities are numbers of the same thing: same kind and unit (and
    rate), and for counts and ordinals the same counted noun; money and measures of
    different nouns are told apart by their context words."""
    if a.kind != b.kind or (a.rate != b.rate and not (a.rate and b.rate)):
        return False  # a rate against none is another figure; two rates, the same one
    if a.kind in ("money", "measure", "percent") and a.unit != b.unit:
        return False
    if a.kind in ("count", "ordinal"):
        return bool(a.noun) and a.noun == b.noun
    if a.kind == "age":
        return bool(a.noun) and a.noun == b.noun  # whose age: the same person named
    if a.kind == "measure" and a.unit in ("day", "week", "month", "year", "hour", "minute", "second", "decade"):
        return bool(a.context & b.context) or (bool(a.noun) and a.noun == b.noun)
    return bool(a.context & b.context) or a.kind in ("percent", "fraction")


def compatible(article: Quantity, source: Quantity) -> bool:
    """Whether the article's value may be a fair report of the source's: equal, or
    rounded to the article's own precision, or within a hedge; with bounds that do not
    point opposite ways ("more than 100" is not "fewer than 100")."""
    a, s = article.value, source.value
    opposite = {("more_than", "fewer_than"), ("fewer_than", "more_than"), ("at_least", "fewer_than"),
                ("at_least", "at_most"), ("more_than", "at_most"), ("fewer_than", "at_least"),
                ("at_most", "more_than"), ("at_most", "at_least")}
    if (article.qualifier, source.qualifier) in opposite and a == s:
        return False
    if article.rate != source.rate:
        return False  # "£100,000-a-month" is not "£100,000-a-week"
    if a == s:
        return True
    big = max(abs(a), abs(s)) or 1.0
    off = abs(a - s) / big
    if article.qualifier == source.qualifier == "about":
        return off <= 0.25  # "almost ten times" for "some eight times"
    if "about" in (article.qualifier, source.qualifier):
        return off <= 0.15
    if article.qualifier != "exact" or source.qualifier != "exact":
        if article.qualifier in ("more_than", "at_least") and source.qualifier == "exact":
            return s >= a or off <= 0.05
        if article.qualifier in ("fewer_than", "at_most") and source.qualifier == "exact":
            return s <= a or off <= 0.05
        return off <= 0.05  # two bounds: "more than 640 million" is not "more than 540 million"
    # Rounded by the writer: 41 reported as 40, 1,193,000 as 1.2 million; not 540 as 500.
    step = max(article.step, source.step)
    return article.step != source.step and abs(a - s) <= step / 2 + 1e-9 and off <= _ROUNDING


# How far (a share of the larger) a rounded figure may be from the exact one.
_ROUNDING = 0.05


@dataclass(frozen=True)
class SourceNumber:
    """A quantity found in a source sentence, with where that sentence is."""

    quantity: Quantity
    sentence_index: int
    score: float


def _values_in(text: str) -> set[float]:
    """Every value a text states, in any form: to tell that a number is in the source."""
    return {q.value for q in find_quantities(text)} | {
        float(d.replace(",", "")) for d in re.findall(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", text)
    }


def format_value(q: Quantity) -> str:
    """A short human form of a value for messages: "$1,200,000", "41", "19-year-old"."""
    v = q.value
    shown = f"{int(v):,}" if float(v).is_integer() else f"{v:,.2f}".rstrip("0").rstrip(".")
    if q.kind == "money":
        signs = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"}
        return f"{signs.get(q.unit, q.unit + ' ')}{shown}"
    if q.kind == "percent":
        return f"{shown}%"
    return shown


@dataclass(frozen=True)
class NumberConflict:
    """An article number that no number of the same slot in the aligned source
    sentences bears out."""

    quantity: Quantity
    """The article's number."""
    source: Quantity
    """The source's number for the same slot, the closest match."""
    sentence: int
    """Which of the aligned sentences it is in (an index into what was passed)."""
    certain: bool
    """True when the source gives one value for the slot, so it can be suggested."""
    confidence: float


def number_conflicts(
    article: Sequence[Quantity],
    aligned: Sequence[tuple[Sequence[Quantity], float, str]],
    elsewhere: Sequence[Quantity] | Callable[[], Sequence[Quantity]] = (),
) -> list[NumberConflict]:
    """Compare each article quantity with those of the aligned source sentences
    (each given as its quantities, its alignment score and its text). A quantity is
    in conflict when the source sentences hold a number of the same slot and none of
    them is compatible with it, and the article's value is not stated there at all."""
    out: list[NumberConflict] = []
    for q in article:
        candidates = [
            (sq, i, score) for i, (quantities, score, _) in enumerate(aligned) for sq in quantities if same_slot(q, sq)
        ]
        if not candidates and aligned and aligned[0][1] >= _LONE_SCORE and q.kind in ("money", "measure", "percent"):
            # The one amount of its kind in a sentence that says the same: the same slot.
            lone = [sq for sq in aligned[0][0] if sq.kind == q.kind and sq.unit == q.unit and sq.rate == q.rate]
            if len(lone) == 1 and sum(1 for a in article if a.kind == q.kind and a.unit == q.unit) == 1:
                candidates = [(lone[0], 0, aligned[0][1])]
        if not candidates:
            continue
        swapped = False
        if any(compatible(q, sq) for sq, _, _ in candidates):
            # The value is there, but perhaps as another figure's: "plunged to 9,500ft
            # above the ocean" where the source falls "at 9,500ft a minute" and "to just
            # 1,100ft above the ocean". Only a clearly closer neighbourhood says so.
            near = max(_overlap(q, sq) for sq, _, _ in candidates if not compatible(q, sq)) if any(
                not compatible(q, sq) for sq, _, _ in candidates) else 0
            fair = max(_overlap(q, sq) for sq, _, _ in candidates if compatible(q, sq))
            if near < _SWAP_OVERLAP or near < fair + 2:
                continue
            candidates = [c for c in candidates if not compatible(q, c[0]) and _overlap(q, c[0]) == near]
            swapped = True
        if q.kind == "count" and _sums_to(q, [c for c in candidates]):
            continue  # "27 counts" for "21 counts of theft and six counts of extortion"
        if callable(elsewhere):
            elsewhere = elsewhere()  # read only when a number is in doubt
        floor = max(_overlap(q, sq) for sq, _, _ in candidates) - 1 if swapped else 0
        if any(same_slot(q, sq) and compatible(q, sq) and _overlap(q, sq) >= floor for sq in elsewhere):
            if not swapped:
                continue  # the source says it of the same thing in another sentence
            if any(same_slot(q, sq) and compatible(q, sq) and _overlap(q, sq) >= floor for sq in elsewhere
                   if all(sq is not c[0] for c in candidates)) and floor > 0:
                continue
        stated = set()
        held = {i for _, i, _ in candidates}
        for k, (quantities, _, text) in enumerate(aligned):
            if k not in held:
                continue  # another sentence's figure says nothing of this slot
            # Only figures the slot reading left unread: one read as another slot's
            # ("one Venezuelan" beside "two Spanish citizens") says nothing of this one.
            stated |= {float(d.replace(",", "")) for d in _DIGITS.findall(text)} - {sq.value for sq in quantities}
        if not swapped and q.value in stated and all(sq.value != q.value for sq, _, _ in candidates):
            continue  # said there, in a form the slot reading missed
        best_score = max(score for _, _, score in candidates)
        best = [c for c in candidates if c[2] == best_score]
        sq, i, score = max(best, key=lambda c: len(q.context & c[0].context))
        values = {c[0].value for c in best}
        certain = len(values) == 1 and q.qualifier == sq.qualifier
        confidence = min(0.95, 0.5 + 0.5 * score) * (1.0 if q.kind != "count" or q.noun == sq.noun else 0.8)
        if swapped:
            confidence *= 0.75  # told apart by the words around it only
        out.append(NumberConflict(q, sq, i, certain, round(confidence, 3)))
    return out


def _overlap(a: Quantity, b: Quantity) -> int:
    """How many content words two figures share around them."""
    return len(a.context & b.context)


# How many words around it a figure must share with another of the source's, and
# two more than with the one of its own value, to be taken as that other figure.
_SWAP_OVERLAP = 3


def _sums_to(q: Quantity, candidates: Sequence[tuple[Quantity, int, float]]) -> bool:
    """Whether the source counts of one sentence add up to the article's."""
    by_sentence: dict[int, float] = {}
    for sq, i, _ in candidates:
        by_sentence[i] = by_sentence.get(i, 0.0) + sq.value
    return any(total == q.value for total in by_sentence.values())


# How well a sentence must align for its one amount to be taken as the same slot.
_LONE_SCORE = 0.6

_DIGITS = lazy_compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def source_values(text: str, quantities: Sequence[Quantity]) -> set[float]:
    """Every value a source states, read as a quantity or as bare digits."""
    return {q.value for q in quantities} | {float(d.replace(",", "")) for d in _DIGITS.findall(text)}


def absent_numbers(
    article: Sequence[Quantity], quantities: Sequence[Quantity], values: set[float]
) -> list[Quantity]:
    """The article quantities whose value the source states nowhere, in no form and
    not rounded: numbers a reader would find no ground for in the source."""
    out = []
    for q in article:
        if q.kind in ("ordinal", "fraction") or q.value <= _SMALL:
            continue  # "the first", "one", "two": said of things the source names, not numbers
        if q.kind == "count" and not q.noun:
            continue  # "Stockport's 26": what it counts is unclear, and so is where to look
        if q.value in values or any(compatible(q, sq) for sq in quantities if sq.kind == q.kind):
            continue
        same = [sq.value for sq in quantities if sq.kind == q.kind and sq.noun == q.noun and sq.unit == q.unit]
        if any(a + b == q.value for i, a in enumerate(same) for b in same[i + 1 :]):
            continue  # a total of two the source gives
        if q.kind == "money" and any(q.value == v * scale for v in values for scale in (1_000, 1_000_000)):
            continue
        out.append(q)
    return out


# Counts this small are often the writer's own tally of things the source names one by one.
_SMALL = 2


# --------------------------------------------------------------------- the rule

# A number is reported absent only from a sentence that the sources otherwise bear out
# this well: a sentence the sources do not hold at all is not theirs to judge.
_GROUNDED = 0.45


class SourceNumberOptions(BaseModel):
    """Options of ``source/number``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    attributed: Literal["quoted", "all"] = Field(
        "quoted",
        description="Which article numbers may be reported as absent from the sources: 'quoted', those "
        "of sentences that attribute what they say ('the letter said', 'according to', quotes); 'all', "
        "every one (for a summary, whose every claim comes from its source). A number that conflicts "
        "with the source's is reported either way.",
    )
    min_alignment: float = Field(
        0.4, ge=0, le=1,
        description="How well (0 to 1) a source sentence must align with the article's for their "
        "numbers to be compared.",
    )


class _SourceQuantities:
    """The quantities of a tuple of sources, read once per sentence when first asked."""

    def __init__(self, index: SourceIndex) -> None:
        self.index = index
        self._by_sentence: dict[int, list[Quantity]] = {}
        self._all: list[Quantity] | None = None
        self._values: set[float] | None = None
        self._dates: dict[int, list[tuple[int, int]]] = {}

    def of(self, sentence: SourceSentence) -> list[Quantity]:
        found = self._by_sentence.get(sentence.number)
        if found is None:
            text = sentence.source.document.text
            dates = self._dates.get(id(sentence.source))
            if dates is None:
                dates = self._dates[id(sentence.source)] = _date_spans(sentence.source)
            found = find_quantities(text, sentence.start, sentence.end, skip=dates)
            self._by_sentence[sentence.number] = found
        return found

    def everywhere(self) -> list[Quantity]:
        if self._all is None:
            self._all = [q for sentence in self.index.sentences for q in self.of(sentence)]
        return self._all

    def values(self) -> set[float]:
        if self._values is None:
            values: set[float] = set()
            for source in self.index.sources:
                values |= source_values(source.document.text, ())
            self._values = values | {q.value for q in self.everywhere()}
        return self._values


_MEMO: weakref.WeakKeyDictionary[SourceIndex, _SourceQuantities] = weakref.WeakKeyDictionary()
_MEMO_LOCK = threading.Lock()


def _source_quantities(index: SourceIndex) -> _SourceQuantities:
    """The memoised quantities of the sources an index holds."""
    with _MEMO_LOCK:
        found = _MEMO.get(index)
        if found is None:
            found = _MEMO[index] = _SourceQuantities(index)
        return found


def _date_spans(source: SourceDocument | None, claims: Iterable[ClaimBase] = ()) -> list[tuple[int, int]]:
    """Where the dates are, so that "May 22" and "in 2011" are not read as numbers."""
    found = source.claims if source is not None else claims
    merged: list[tuple[int, int]] = []
    for start, end in sorted((c.span.start, c.span.end) for c in found if c.kind == "date"):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))  # one date inside another
        else:
            merged.append((start, end))
    return merged


class SourceNumberMismatch(Rule[SourceNumberOptions]):
    """A number in the article that differs from the source's number for the same thing.

    ## What it flags

    A count, amount of money, percentage, age, measure, fraction or ordinal in an
    article sentence when the source sentence it was written from (found by the
    source alignment) gives a different number for the same slot: the same kind of
    value in the same unit or currency, and for a count the same counted noun
    ("14 killed" where the source says "41 killed"). Numbers are read in digits or
    words ("fourteen"), with scales and currencies ("$1.2 million" is "1,200,000
    dollars"), percentages ("45%", "45 per cent") and ages ("19-year-old", "Smith,
    19,"). Rounding and hedges are fair: "about 40" and "40" for 41 pass, "more than
    100" does not pass for "fewer than 100". A total the source gives in parts ("27
    counts" for "21 counts of theft and six counts of extortion") passes too.

    With `attributed = "all"`, or in a sentence that attributes what it says ("the
    letter said", "according to", a quotation), a number the sources state nowhere,
    in no form and not rounded, is flagged as absent, with lower confidence.

    ## Why it matters

    A wrong figure copied from a press release or a court filing is the error a
    correction notice most often has to fix, and a reader holding the source sees it
    at once.

    ## Example

    ```
    Officers arrested one Venezuelan and four Spanish citizens.
    ```

    with the source saying "Officers arrested one Venezuelan and two Spanish
    citizens": states four citizens where the source says two.

    ## Use instead

    ```
    Officers arrested one Venezuelan and two Spanish citizens.
    ```

    ## Fix safety

    No fix is offered: the source may be out of date, or the article may be right to
    differ. When the source gives one value for the slot, the finding suggests it.

    ## Options

    - `attributed` ("quoted" or "all", default "quoted"): which numbers may be reported
      as absent from the sources.
    - `min_alignment` (float, default 0.4): how well a source sentence must align with
      the article's for their numbers to be compared.
    """

    id = "source/number"
    reads_sources = True
    summary = "A number differs from the source's number for the same thing."
    severity = Severity.WARNING
    requires = frozenset({"date"})
    Options = SourceNumberOptions
    fix_safety = None

    def check(self, context: CheckContext) -> Iterator[Finding]:
        """Compare the numbers of each article sentence with the aligned source sentences'."""
        if not context.sources:
            return
        options = self.options
        index = source_index(context.sources)
        numbers = _source_quantities(index)
        document = context.document
        text = document.text
        skip = _date_spans(None, context.claims)
        for start, end in article_sentences(document):
            quantities = find_quantities(text, start, end, skip=skip)
            if not quantities:
                continue
            # The numbers themselves are left out of the alignment: a changed figure would
            # otherwise pull its own sentence away from the source sentence it came from.
            words = [t for t in content_tokens(text, start, end) if not t.key.startswith("#")]
            alignments = index.align_tokens(words, limit=3, min_score=options.min_alignment)
            aligned = [(numbers.of(a.sentence), a.score, a.sentence.text) for a in alignments]
            flagged: set[int] = set()
            for conflict in number_conflicts(quantities, aligned, numbers.everywhere):
                flagged.add(conflict.quantity.start)
                yield self._conflict(context, conflict, alignments[conflict.sentence].sentence)
            grounded = bool(alignments) and alignments[0].score >= _GROUNDED
            if grounded and (options.attributed == "all" or attributed(text, start, end)):
                for q in absent_numbers([q for q in quantities if q.start not in flagged], numbers.everywhere(),
                                        numbers.values()):
                    yield context.finding(
                        document.span(q.start, q.end),
                        f"States {text[q.start:q.end]}, which the sources nowhere give.",
                        related=[context.related_in(alignments[0].sentence.source, _sentence_span(alignments[0]),
                                                    "the closest source sentence")] if alignments else [],
                        confidence=0.5 if options.attributed == "all" else 0.6,
                    )

    def _conflict(self, context: CheckContext, conflict: NumberConflict, sentence: SourceSentence) -> Finding:
        document = context.document
        q, sq = conflict.quantity, conflict.source
        source_doc = sentence.source.document
        stated = document.text[q.start:q.end]
        says = source_doc.text[sq.start:sq.end]
        suggestion = source_doc.text[sq.number_start:sq.number_end] if conflict.certain else None
        return context.finding(
            document.span(q.number_start, q.number_end) if suggestion else document.span(q.start, q.end),
            f"States {stated} where the source says {says}.",
            related=[context.related_in(sentence.source, source_doc.span(sq.start, sq.end),
                                        f"the source's number: {format_value(sq)}")],
            suggestion=suggestion,
            confidence=conflict.confidence,
        )


def _sentence_span(alignment: Alignment) -> Span:
    sentence = alignment.sentence
    return sentence.source.document.span(sentence.start, sentence.end)

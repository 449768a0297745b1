"""Counts stated with their parts, which add up to them: a run of games with its
results, a number of days with the dates they run over, and a pair, trio or quartet
with its members' names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factlint import Block
from factlint_plugins._patterns import lazy_compile

from ..._english import MONTH_WORDS
from .lexicon import _COLLECTIVES, _PEOPLE, _is_plural
from .lists import _List, _parse_list
from .numbers import _NUMBER, _number_value
from .scan import _Count

# ------------------------------------------------------------------ results of a run

# "(W3 D2 L1)": wins, draws and losses in brackets.
_RESULTS_BRACKET = r"\s*\((?P<bracket>[WDL]\d{1,3}(?:[\s,]+[WDL]\d{1,3}){0,2})\)"
# "losing two and drawing the other": the results of the run, as participles.
_RESULT_PART = rf"(?:winning|losing|drawing)\s+(?:{_NUMBER}|the\s+other(?:\s+{_NUMBER})?)\b(?!\s+(?:of|games|matches))"
_RESULTS_PARTS = rf",\s+(?P<parts>{_RESULT_PART}(?:,\s+{_RESULT_PART})*,?\s+and\s+{_RESULT_PART})"
# "won three of their last six ... (D2 L1)"; "winless in three against the Potters,
# losing two and drawing the other"; "unbeaten in six (W4 D2)".
_RESULTS = lazy_compile(
    rf"\b(?:(?P<verb>won|lost|drawn|drew)\s+(?:only\s+|just\s+)?(?P<part>{_NUMBER})\s+of\s+"
    rf"(?:their|his|her|its|the)\s+(?:last|past|previous|first|opening)\s+"
    rf"|(?P<run>winless|unbeaten|undefeated|without\s+a\s+(?:win|victory|defeat|loss))\s+in\s+"
    rf"(?:(?:their|his|her|its)\s+)?(?:(?:last|past|previous)\s+)?)"
    rf"(?P<total>{_NUMBER})\b(?P<rest>[^.,;:()\n]{{0,80}}?)(?:{_RESULTS_BRACKET}|{_RESULTS_PARTS})",
    re.I,
)
# Where _RESULTS can start: matching it only there is much cheaper than searching.
_RESULTS_TRIGGER = lazy_compile(
    r"\b(?:[Ww]on|[Ll]ost|[Dd]rawn|[Dd]rew|[Ww]inless|[Uu]nbeaten|[Uu]ndefeated|[Ww]ithout)\s"
)
_RESULT_LETTER = {"won": "W", "lost": "L", "drawn": "D", "drew": "D", "winning": "W", "losing": "L", "drawing": "D"}
# The result a run rules out: "winless" has no win in it.
_RUN_EXCLUDES = {
    "winless": "W", "unbeaten": "L", "undefeated": "L", "win": "W", "victory": "W", "defeat": "L", "loss": "L",
}
_RESULT_PART_RE = lazy_compile(
    rf"(?P<what>winning|losing|drawing)\s+(?P<how>{_NUMBER}|the\s+other(?:\s+{_NUMBER})?)\b", re.I
)
_BRACKET_PART = lazy_compile(r"(?P<what>[WDL])(?P<how>\d{1,3})")


def _results(text: str, block: Block) -> Iterator[tuple[_Count, _List]]:
    """A run of games and its results, which add up to it: "won three of their last
    six against the Hammers (D2 L1)", "winless in three, losing two and drawing the
    other". Yields the count of games (its noun is the one written, if any) with
    the results as the parts of a list."""
    for trigger in _RESULTS_TRIGGER.finditer(text, block.start, block.end):
        m = _RESULTS.match(text, trigger.start(), block.end)
        if m is None:
            continue
        parts: list[tuple[str, int, int, int]] = []  # result letter, quantity, start, end
        if m.group("verb"):
            part = _number_value(m.group("part"))
            if part is None:
                continue
            parts.append((_RESULT_LETTER[m.group("verb").lower()], part, m.start("verb"), m.end("part")))
        if m.group("bracket"):
            at = m.start("bracket")
            inside = [
                (p.group("what"), int(p.group("how")), at + p.start(), at + p.end())
                for p in _BRACKET_PART.finditer(m.group("bracket"))
            ]
            if parts and any(letter == parts[0][0] for letter, *_ in inside):
                # "won just one of the last 38 (L27 D10 W1)": the brackets hold every result.
                if (parts[0][0], parts[0][1]) not in {(letter, q) for letter, q, *_ in inside}:
                    continue
                parts = []
            parts += inside
        else:
            for p in _RESULT_PART_RE.finditer(text, m.start("parts"), m.end("parts")):
                how = p.group("how").lower()
                if how.startswith("the"):
                    rest = how.split()[2:]
                    quantity = _number_value(rest[0]) if rest else 1  # "drawing the other"
                else:
                    quantity = _number_value(how)
                if quantity is None:
                    parts = []
                    break
                parts.append((_RESULT_LETTER[p.group("what").lower()], quantity, p.start(), p.end()))
        letters = [letter for letter, *_ in parts]
        if len(parts) < 2 or len(set(letters)) != len(letters):
            continue  # each kind of result once
        run = (m.group("run") or "").lower().split()
        if run and _RUN_EXCLUDES.get(run[-1]) in letters:
            continue  # "winless ..., winning one": not a reading to trust
        total_start, total_end = m.start("total"), m.end("total")
        value = _number_value(m.group("total"))
        if value is None:
            continue
        noun = re.match(
            r"\s+((?:[A-Z][\w'’-]*\s+){0,3}(?:games|matches|fixtures|meetings|encounters|outings))\b", m.group("rest")
        )
        noun_end = total_end + (noun.end() if noun else 0)
        count = _Count(value=value, qualifier="exact", num_start=total_start, num_end=total_end,
                       noun=noun.group(1).split()[-1] if noun else "", noun_end=noun_end)
        items = [(s, e, text[s:e]) for _, _, s, e in parts]
        yield count, _List(items=items, start=parts[0][2], end=parts[-1][3], partial=False, confidence=0.8,
                           quantities=[q for _, q, _, _ in parts])


# ------------------------------------------------------------- days and their dates

# Every month name and abbreviation, longest first (matched with re.I).
_MONTH_NAMES = "|".join(sorted(MONTH_WORDS, key=lambda m: (-len(m), m)))
_DAY = r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|–|—|to)\s*"
# "April 9 - 11", "9-11 April": one month's days, both ends given.
_DAY_RANGE = (
    rf"(?:(?P<month>{_MONTH_NAMES})\.?\s+(?P<first>{_DAY}){_TO}(?P<last>{_DAY})"
    rf"|(?P<first2>{_DAY}){_TO}(?P<last2>{_DAY})\s+(?P<month2>{_MONTH_NAMES}))(?![\w-])"
)
# "the three days of the Grand National Festival (April 9 - 11)": a number of days
# and, in brackets in the same clause, the dates they run over.
_DAYS_AND_DATES = lazy_compile(
    rf"(?<![\w-])(?P<number>{_NUMBER})\s+(?P<days>days)\b(?P<between>(?:\s+(?:of|at|in)\s+[^.;:,()\d\n]{{1,60}}?)?)"
    rf"\s*\((?P<range>{_DAY_RANGE})\)",
    re.I,
)
_DAYS_WORD = lazy_compile(r"\s+days\b")
_WORD_BEFORE = lazy_compile(r"[\w-]+$")
# Words before the number that make the days some of the dates ("the first two days
# (April 9 - 11)") or not meant exactly ("about three days").
_SOME_OF_THE_DAYS = frozenset((
    "first", "last", "final", "opening", "closing", "other", "remaining", "next", "past", "previous",
    "extra", "additional", "further", "about", "around", "nearly", "almost", "some", "over", "under",
    "than", "least", "most", "to", "or", "and", "within",
))


def _day_number(day: str) -> int:
    """The number of a day matched by ``_DAY``: "9" is 9, "11th" is 11."""
    return int(day[:2]) if day[:2].isdigit() else int(day[0])


def _days_and_dates(text: str, block: Block) -> Iterator[tuple[_Count, _List]]:
    """A number of days given with the dates they run over, both ends inclusive:
    "during the three days of the festival (April 9 - 11)". Yields the count of days
    with the dates as one part, standing for as many days as they cover. Nights are
    left alone: "three nights (April 9 - 11)" is counted both ways."""
    for days in _DAYS_WORD.finditer(text, block.start, block.end):
        # Match from the word before "days" only: a search from every character of
        # the block for a number word would cost more than the rest of the block.
        word = _WORD_BEFORE.search(text, max(block.start, days.start() - 20), days.start())
        m = _DAYS_AND_DATES.match(text, word.start(), block.end) if word else None
        if m is None:
            continue
        before = text[max(block.start, m.start() - 20) : m.start()].split()
        if before and before[-1].lower() in _SOME_OF_THE_DAYS:
            continue
        if m.group("number")[0].isupper() and before and not before[-1].endswith((".", ":")):
            continue  # "the Three Days (...)": a name
        first = _day_number(m.group("first") or m.group("first2"))
        last = _day_number(m.group("last") or m.group("last2"))
        value = _number_value(m.group("number"))
        if value is None or last <= first:
            continue
        count = _Count(value=value, qualifier="exact", num_start=m.start("number"), num_end=m.end("number"),
                       noun=m.group("days"), noun_end=m.end("days"))
        s, e = m.start("range"), m.end("range")
        yield count, _List(items=[(s, e, text[s:e])], start=s, end=e, partial=False, confidence=0.8,
                           quantities=[last - first + 1])


# ------------------------------------------------------------ collective numbers

# Words that count the people they name: "Williams pair Felipe Massa and Valtteri
# Bottas", "a quartet of high class Americans in Jordan Spieth, ...". Lowercase
# only: "Cuban Quartet Calle Cuba" is a name.
_COLLECTIVE = lazy_compile(
    r"\b(?P<word>pair|duo|trio|quartet|quintet)\s+"
    r"(?:of\s+(?:[a-z][\w'’-]*\s+){0,4}(?P<head>[\w'’-]+)\s+(?P<sep>in|:|,|[-–])\s+)?"
    r"(?=[A-Z])"
)


def _collectives(text: str, block: Block) -> Iterator[tuple[_Count, _List]]:
    """A pair, duo, trio or quartet with the names of its members right after it:
    "Williams pair Felipe Massa and Valtteri Bottas", "a quartet of high class
    Americans in Jordan Spieth, Patrick Reed, Rickie Fowler and Phil Mickelson".
    "The quartet of A, B and C" is left alone: "came into the quartet of A, B and C"
    names the three others."""
    for m in _COLLECTIVE.finditer(text, block.start, block.end):
        head = m.group("head")
        # "a pair of goals in Leeds and York" names places, not the goals.
        if head is not None and (not _is_plural(head) or not (head[0].isupper() or head.lower() in _PEOPLE)):
            continue
        lst = _parse_list(text, m.end(), block.end, partial=False, names_only=True, base=0.7, close=":")
        if lst is None or lst.quantities is not None:
            continue
        # After "in", each name must be a person's full name ("in Leeds and York" are places).
        if m.group("sep") == "in" and any(len(t.split()) < 2 for _, _, t in lst.items):
            continue
        noun_end = m.end("head") if head is not None else m.end("word")
        start = m.start("word")
        if text[max(block.start, start - 2) : start].lower() == "a ":
            start -= 2  # "a quartet"
        count = _Count(value=_COLLECTIVES[m.group("word")], qualifier="exact", num_start=start,
                       num_end=m.end("word"), noun=head or m.group("word"), noun_end=noun_end)
        yield count, lst


# Words without one of which a block states no run of results.
_RESULT_WORDS = ("won ", "lost ", "drew ", "drawn ", "winless", "nbeaten", "ndefeated", "without a ")


def _part_shapes(text: str) -> tuple[bool, bool, bool]:
    """Whether ``text`` holds anywhere the words of :func:`_days_and_dates`,
    :func:`_results` and :func:`_collectives`: most articles hold none of them, and
    then no block of theirs needs the tests."""
    return (
        "(" in text and "days" in text,
        any(word in text for word in _RESULT_WORDS),
        any(word in text for word in _COLLECTIVES),
    )


def _parts_of_counts(
    text: str, block: Block, shapes: tuple[bool, bool, bool] = (True, True, True)
) -> Iterator[tuple[_Count, _List]]:
    """The counts that :func:`_results`, :func:`_days_and_dates` and
    :func:`_collectives` find in ``block``, each with its parts or names. Their words
    are rare, so a few substring tests come first, in the whole text (``shapes``,
    from :func:`_part_shapes`) and then in the block."""
    start, end = block.start, block.end
    days, results, collectives = shapes
    if days and text.find("(", start, end) != -1 and text.find("days", start, end) != -1:
        yield from _days_and_dates(text, block)
    if results and any(text.find(word, start, end) != -1 for word in _RESULT_WORDS):
        yield from _results(text, block)
    if collectives and any(text.find(word, start, end) != -1 for word in _COLLECTIVES):
        yield from _collectives(text, block)

"""Plant labelled errors in clean text, deterministically: the core of mutation testing.

A :class:`Mutation` is one text edit to one clean article, the kind of error it plants
and the spans where a finding is expected. The generators below need only the text,
its publication date and the claims the engine's extractors found in it (``count``,
``date`` and ``entity`` claims), so the benchmark (``bench/``) and the plugin test kit
(:mod:`factlint.testing`) plant the same errors. What is real and what is inserted:

- ``count-number``: a real count and its real list, the number changed to n+1 or n-1
  in the same style (digits or words); ``count-item``: the last item of a real list
  of three or more dropped ("A, B and C" -> "A and B"). Only lists that agree with
  their count in the clean text are used; adding an item would mean inventing one.
- ``date-weekday``: a real full date; its weekday changed, or a wrong one inserted.
- ``date-relative``: a real "yesterday", "last month", "this year"; an apposition
  naming the neighbouring day, month or year inserted after it.
- ``date-order``: a real date and a real "after"/"before" in the same sentence; a
  date for the other event inserted on the wrong side of the real one.
- ``name-respell``: a real name mentioned twice or more; one mention respelled with
  a typing or transliteration slip in a word of five letters or more.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .models import ClaimBase

__all__ = [
    "FAMILY",
    "KIND_GROUPS",
    "Mutation",
    "Mutator",
    "count_mutations",
    "date_mutations",
    "name_mutations",
    "mutations_for",
    "respellings",
]

FAMILY = {
    "count-number": "count",
    "count-item": "count",
    "date-weekday": "date",
    "date-relative": "date",
    "date-order": "date",
    "name-respell": "name",
}
"""The rule family expected to notice each built-in mutation kind."""

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = tuple(calendar.month_name)[1:]


@dataclass
class Mutation:
    """One planted error: replace ``text[start:end]`` with ``replacement``.

    ``expected`` holds the ``[start, end)`` spans, in the mutated text, where a
    finding counts as a detection. ``family`` is the rule family (``count``) or
    the group name of a plugin's own mutator expected to notice it.
    """

    kind: str
    doc_id: str
    start: int
    end: int
    replacement: str
    expected: list[tuple[int, int]]
    note: str
    family: str = field(default="")

    def __post_init__(self) -> None:
        self.family = self.family or FAMILY.get(self.kind, self.kind.split("-")[0])

    def apply(self, text: str) -> str:
        """The mutated text."""
        return text[: self.start] + self.replacement + text[self.end :]

    @property
    def delta(self) -> int:
        """How far text after the edit moves."""
        return len(self.replacement) - (self.end - self.start)

    def shift(self, offset: int) -> int:
        """Where an offset of the original text is in the mutated text."""
        return offset + self.delta if offset >= self.end else offset


Mutator = Callable[[str, str, "dt.date | None", Sequence[ClaimBase], random.Random], Iterable[Mutation]]
"""A generator of mutations: ``(doc_id, text, published, claims, rng) -> mutations``.
A plugin author writes one to plant the errors their own rules look for."""


# --------------------------------------------------------------------------- counts

_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen", "twenty"]


def _restyle(number_text: str, n: int) -> str | None:
    """``n`` written the way ``number_text`` is (digits or words, capitalised or not)."""
    if number_text.isdigit():
        return str(n)
    if n >= len(_WORDS) or n < 2:
        return None
    word = _WORDS[n]
    return word.capitalize() if number_text[0].isupper() else word


def count_mutations(
    doc_id: str, text: str, published: dt.date | None, claims: Sequence[ClaimBase], rng: random.Random
) -> Iterator[Mutation]:
    """``count-number`` and ``count-item`` mutations of the complete lists in ``text``."""
    for c in claims:
        if c.kind != "count":
            continue
        items_of = getattr(c, "items", ())
        if not items_of or c.partial or c.qualifier != "exact" or len(items_of) != c.value:  # type: ignore[attr-defined]
            continue  # only lists that agree with their count in the clean text
        start, end = c.span.start, c.span.end
        m = re.match(r"\d+|[A-Za-z]+", text[start:end])
        if not m:
            continue
        num_start, num_end = start + m.start(), start + m.end()
        items = [(i.span.start, i.span.end) for i in items_of]
        for n in (c.value + 1, c.value - 1):  # type: ignore[attr-defined]
            new = _restyle(m.group(), n)
            if new is None:
                continue
            mut = Mutation("count-number", doc_id, num_start, num_end, new, [], f"{m.group()} -> {new}")
            mut.expected = [(num_start, num_start + len(new))] + [(mut.shift(a), mut.shift(b)) for a, b in items]
            yield mut
        if len(items) >= 3:
            (pa, pb), (la, lb) = items[-2], items[-1]
            if re.fullmatch(r",?\s+and\s+", text[pb:la]):
                prev_sep_start = items[-3][1]
                # "A, B and C" -> "A and B": replace ", B and C" by " and B".
                replacement = " and " + text[pa:pb]
                mut = Mutation("count-item", doc_id, prev_sep_start, lb, replacement, [], f"dropped {text[la:lb]!r}")
                mut.expected = [(start, end)] + [(mut.shift(a), mut.shift(b)) for a, b in items[:-3]]
                mut.expected.append((prev_sep_start, prev_sep_start + len(replacement)))
                yield mut


# --------------------------------------------------------------------------- dates

_RELATIVE_DAY = {"yesterday": -1, "today": 0, "tomorrow": 1}
_RELATIVE_MONTH = {"last month": -1, "this month": 0, "earlier this month": 0, "later this month": 0, "next month": 1}
_RELATIVE_YEAR = {"last year": -1, "this year": 0, "earlier this year": 0, "later this year": 0, "next year": 1}
_ORDER_CUE = re.compile(r"\b(after|following|in the wake of|before|ahead of|prior to)\s+", re.I)


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


def _weekday_mutations(doc_id: str, text: str, pub: dt.date | None, dates: list, rng: random.Random) -> Iterator[Mutation]:
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
            mut = Mutation("date-weekday", doc_id, a, a, new, [], f"inserted {new.strip()} before {c.text!r} ({c.start})")
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
        if rel in _RELATIVE_DAY:
            named = WEEKDAYS[(pub + dt.timedelta(days=_RELATIVE_DAY[rel] + rng.choice((-1, 1)))).weekday()]
        elif rel in _RELATIVE_MONTH:
            named = MONTHS[(pub.month - 1 + _RELATIVE_MONTH[rel] + rng.choice((-1, 1))) % 12]
        elif rel in _RELATIVE_YEAR:
            named = str(pub.year + _RELATIVE_YEAR[rel] + rng.choice((-1, 1)))
        else:
            continue
        new = f" ({named})"
        mut = Mutation("date-relative", doc_id, end, end, new, [], f"{text[c.span.start:end]!r} + {new.strip()}")
        mut.expected = [(c.span.start, end + len(new))]
        yield mut


_NAMED_AFTER = re.compile(r"[ \t]+[A-Z][a-z]")
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:on\s+)?$", re.I)


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
        phrase_end = re.compile(r",|\s+(?:and|but|which|who|where|while|as|in|at)\s|\s+[–—(]").search(text, cue.end(), limit)
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


# --------------------------------------------------------------------------- names

_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|the|for|and|de|al|la|von|van|du|del|da|bin|el))*$")


def respellings(word: str) -> list[str]:
    """Realistic slips of ``word``, its first letter kept: a letter doubled or
    undoubled, a vowel swapped, two adjacent letters swapped, tz/ts, ph/f, y/i."""
    out: set[str] = set()
    for i in range(1, len(word) - 1):
        a, b = word[i], word[i + 1]
        if a.isalpha() and a == b:
            out.add(word[:i] + word[i + 1 :])
        elif a.isalpha() and a.lower() not in "aeiou" and b != a and (i == 1 or word[i - 1] != a):
            out.add(word[: i + 1] + a + word[i + 1 :])
        if a.isalpha() and b.isalpha() and a != b and i + 2 <= len(word) - 1:
            out.add(word[:i] + b + a + word[i + 2 :])
    swaps = {"a": "e", "e": "a", "i": "e", "o": "u", "u": "o"}
    for i in range(1, len(word) - 1):
        if word[i] in swaps:
            out.add(word[:i] + swaps[word[i]] + word[i + 1 :])
    for x, y in (("tz", "ts"), ("ts", "tz"), ("ph", "f"), ("y", "i"), ("i", "y")):
        j = word.find(x, 1)
        if j > 0:
            out.add(word[:j] + y + word[j + len(x) :])
    out.discard(word)
    return sorted(o for o in out if o[1:].isalpha() or "-" in o)


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text)]


def name_mutations(
    doc_id: str,
    text: str,
    published: dt.date | None,
    claims: Sequence[ClaimBase],
    rng: random.Random,
    *,
    names: Iterable[str] | None = None,
) -> Iterator[Mutation]:
    """``name-respell`` mutations: one mention of a name used twice or more respelled.

    The names are ``names`` if given (the benchmark passes the corpus's own entity
    annotations), else the names of the ``entity`` claims.
    """
    if names is None:
        names = [getattr(c, "name", c.text) for c in claims if c.kind == "entity"]
    words_in_text = {w.lower() for w in re.findall(r"[\w'’-]+", text)}
    picked = {
        n.strip() for n in names
        if _NAME.match(n.strip()) and any(len(w) >= 5 and w.isalpha() for w in n.split())
    }
    candidates = sorted(n for n in picked if len(_occurrences(text, n)) >= 2)
    for name in candidates:
        if any(name != other and name in other for other in candidates):
            continue  # "Gaza" inside "Gaza Strip": respell the longer name instead
        occ = _occurrences(text, name)
        words = [(m.start(), m.group()) for m in re.finditer(r"[A-Za-z][\w'’-]*", name)]
        words = [(s, w) for s, w in words if len(w) >= 5 and w.isalpha() and w[0].isupper()]
        if not words:
            continue
        w_start, word = rng.choice(words)
        options = [o for o in respellings(word) if o.lower() not in words_in_text]
        if not options:
            continue
        new_word = rng.choice(options)
        o_start, _ = rng.choice(occ)
        a = o_start + w_start
        mut = Mutation("name-respell", doc_id, a, a + len(word), new_word, [], f"{name!r}: {word} -> {new_word}")
        mut.expected = [(mut.shift(s), mut.shift(e)) if s != o_start else (s, e + mut.delta) for s, e in occ]
        yield mut


KIND_GROUPS: dict[str, Mutator] = {
    "count": count_mutations,
    "date": date_mutations,
    "name": name_mutations,
}
"""The built-in groups of mutations, by the rule family expected to notice them."""


def mutations_for(
    doc_id: str,
    text: str,
    published: dt.date | None,
    claims: Sequence[ClaimBase],
    *,
    kinds: Iterable[str | tuple[str, Mutator]] = ("count", "date", "name"),
    rng: random.Random,
) -> list[Mutation]:
    """Every mutation of the given groups that ``text`` allows.

    ``kinds`` names built-in groups (``count``, ``date``, ``name``) or gives a
    plugin's own ``(group, mutator)``; the group becomes each mutation's ``family``.
    """
    out: list[Mutation] = []
    for entry in kinds:
        group, mutator = (entry, KIND_GROUPS[entry]) if isinstance(entry, str) else entry
        for mut in mutator(doc_id, text, published, claims, rng):
            if not isinstance(entry, str):
                mut.family = group
            out.append(mut)
    return out

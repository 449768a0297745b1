"""fact/title and fact/holder: a title written before a name ("Prime Minister Boris
Johnson"), checked against who held that office when the sentence speaks of."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

import factlint
from factlint_plugins._patterns import lazy_compile

from ..name_matching import name_tokens, slip
from ._common import (
    Period,
    ascii_name,
    facts_of,
    format_day,
    holders_during,
    period_text,
    published_period,
    quote_term,
    sentence_at,
    sentence_periods,
    term_bounds,
)

__all__ = ["HolderRule", "TitleRule", "TitledMention", "titled_mentions"]

# Words before a title that say the writer knows the time of the office, or that
# make it another office: "former Prime Minister", "then-Chancellor", "Shadow Home
# Secretary", "Deputy Prime Minister", "Lord Chancellor", "Vice-Chancellor".
QUALIFIERS = frozenset(
    """former then ex late erstwhile onetime one-time past previous outgoing incoming future next later
    would-be soon-to-be designate acting interim caretaker deputy vice shadow lord junior assistant under
    ousted deposed toppled exiled disgraced defeated retired elected fellow""".split()
)
# A title is at most this many words ("Secretary of State for Foreign and Commonwealth Affairs").
_MAX_TITLE_WORDS = 9
_WORD_START = lazy_compile(r"(?<![\w.'’])[\w.'’]|(?<=-)\w")
_BEFORE_WORD = lazy_compile(r"([\w'’]+)[\s-]*$")


@dataclass(frozen=True)
class TitledMention:
    """A name with an office title written before it."""

    mention: factlint.EntityClaim
    title: str
    title_start: int
    qualifier: str | None
    terms: list[Any]
    """Every term whose office the title names, whoever held it."""


def titled_mentions(context: factlint.CheckContext, facts: Any) -> Iterator[TitledMention]:
    """The names of ``context``'s document with the longest title the facts know
    right before them ("British Prime Minister Rishi Sunak"), or before a comma after
    "the" ("the prime minister, Boris Johnson"). A title the extractor took into the
    name ("Exchequer Nigel Lawson" after "Chancellor of the") is split off it."""
    text = context.document.text
    for mention in context.claims.of_kind("entity", factlint.EntityClaim):
        if not isinstance(mention, factlint.EntityClaim) or len(name_tokens(mention.name)) < 2:
            continue
        if text[mention.span.start : mention.span.end] != mention.name:
            continue
        for offset in _word_offsets(mention.name):
            rest = mention.name[offset:]
            if len(name_tokens(rest)) < 2 or (offset == 0 and mention.entity_type not in ("person", "other")):
                continue
            start = mention.span.start + offset
            found = _title_before(text, start, facts)
            if found is None:
                continue
            if offset:
                span = context.document.span(start, mention.span.end)
                mention = mention.model_copy(update={"name": rest, "span": span, "entity_type": "person"})
            title, title_start, terms = found
            yield TitledMention(mention, title, title_start, _qualifier(text, title_start), terms)
            break


def _word_offsets(name: str) -> list[int]:
    """Where each word of ``name`` starts, the first at 0."""
    return [0, *(i + 1 for i, ch in enumerate(name) if ch == " ")]


def _title_before(text: str, at: int, facts: Any) -> tuple[str, int, list[Any]] | None:
    """The longest known title ending right before offset ``at``."""
    end = at
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    comma = end > 0 and text[end - 1] == ","
    if comma:
        end -= 1
    if end == at:
        return None  # the name is glued to what precedes it
    lo = max(0, end - 80)
    window = text[lo:end]
    if "\n" in window:
        lo += window.rindex("\n") + 1
    starts = [m.start() for m in _WORD_START.finditer(text, lo, end)]
    best = None
    for start in starts[-_MAX_TITLE_WORDS:]:
        title = text[start:end]
        if not title[:1].isalpha():
            continue
        terms = facts.terms_for_title(title)
        if terms:
            best = (title, start, terms)
            break  # the earliest start is the longest title
    if best is None:
        return None
    if comma and not re.search(r"\bthe\s+$", text[max(0, best[1] - 8) : best[1]], re.IGNORECASE):
        return None  # "..., Boris Johnson": only "the prime minister, Boris Johnson" is apposition
    return best


def _qualifier(text: str, title_start: int) -> str | None:
    """The word right before a title if it qualifies the office (``then``, ``former``)."""
    m = _BEFORE_WORD.search(text, max(0, title_start - 30), title_start)
    if m is None:
        return None
    word = m.group(1).lower().replace("’", "'")
    if word in QUALIFIERS or word.endswith("-"):
        return word
    if word in ("the", "a", "an", "then's"):
        m2 = _BEFORE_WORD.search(text, max(0, m.start() - 30), m.start())
        if m2 is not None and m2.group(1).lower() in QUALIFIERS:
            return m2.group(1).lower()
    return None


def _reference(context: factlint.CheckContext, mention: TitledMention) -> tuple[list[Period], str] | None:
    """The period the title is judged at (the publication date) and how the message
    names it; None without a publication date, or when the sentence dates what it
    tells inside a term (checked by the caller through :func:`_sentence_dates`)."""
    published = published_period(context)
    if published is None:
        return None
    return [published], f"in an article published {period_text(published)}"


def _sentence_dates(context: factlint.CheckContext, mention: TitledMention) -> list[Period]:
    """The resolved dates of the sentence around a titled name."""
    sentence = sentence_at(context, mention.title_start, mention.mention.span.end)
    return [p for p, _ in sentence_periods(context, sentence)]


def _valid(terms: list[Any], periods: list[Period]) -> bool:
    """Whether the records speak for every period: none starts past a record's
    ``valid_through``."""
    return all(t.valid_through is None or p[0] <= t.valid_through for t in terms for p in periods)


def _same(a: Any, b: Any) -> bool:
    """Two terms of one office."""
    return bool(a.office == b.office and a.jurisdiction == b.jurisdiction)


def _same_office(term: Any, titled: TitledMention) -> bool:
    return any(_same(term, t) for t in titled.terms)


class TitleRule(factlint.Rule[factlint.NoOptions]):
    """Flags a person given a title they did not hold at the time.

    ## What it flags

    An office title written before a name ("Prime Minister Boris Johnson",
    "British Chancellor Rishi Sunak", "US President Joe Biden") when the reference
    facts say that person held that office, but not at the time the sentence speaks
    of: the dates the sentence gives, or else the article's publication date. The
    message says when the term ended (write "former ...") or began, and who held the
    office then, quoting the record and its source.

    It is silent when the sentence dates the event inside the term ("In 2020,
    Prime Minister Boris Johnson said"), when the title says the writer knows
    ("former", "then-", "ex-", "late", "outgoing", "Shadow", "Deputy"), at the edges
    of a term known only by its years, and for times past the data's
    ``valid_through``. A person the facts do not know is never flagged.

    ## Why it matters

    A title that has changed hands misleads readers about who decides now, and an
    old article reused or a template line left in place is a common way it happens.

    ## Example

    ```
    ---
    published: 2023-03-01
    ---
    Prime Minister Boris Johnson said the plan would go ahead.
    ```

    ## Use instead

    ```
    Former Prime Minister Boris Johnson said the plan would go ahead.
    ```

    ## Fix safety

    No fix: "former", "then-" or the holder's name are all possible, and the writer
    chooses.

    ## Options

    None. The facts come from ``--facts`` files, ``facts`` in the configuration and
    the built-in data.
    """

    id = "fact/title"
    summary = "A title the named person did not hold at the time."
    severity = factlint.Severity.WARNING
    requires = frozenset({"entity", "date"})

    def check(self, context: factlint.CheckContext) -> Iterator[factlint.Finding]:
        facts = facts_of(context)
        for titled in titled_mentions(context, facts):
            if titled.qualifier is not None:
                continue
            mine = [t for t in facts.terms_for_person(titled.mention.name) if _same_office(t, titled)]
            if not mine:
                continue
            reference = _reference(context, titled)
            if reference is None:
                continue
            periods, when = reference
            office = [t for t in titled.terms if _same(t, mine[0])]
            if not _valid(mine + office, periods) or not _all_outside(mine, periods):
                continue
            # A sentence dated inside the term ("In 2020, Prime Minister ...") tells of
            # that time; a date outside it may be another event's, so only silences.
            if not _all_outside(mine, _sentence_dates(context, titled)):
                continue
            yield self._finding(context, titled, mine, periods, when, facts)

    def _finding(self, context: factlint.CheckContext, titled: TitledMention, mine: list[Any],
                 periods: list[Period], when: str, facts: Any) -> factlint.Finding:
        hull = _hull(periods)
        before = [t for t in mine if t.end is not None and term_bounds(t)[1] < hull[0]]
        name = titled.mention.name
        span = context.document.span(titled.title_start, titled.mention.span.end)
        office = mine[0].office
        others = [
            t for t in holders_during(titled.terms, hull)
            if t.person not in {m.person for m in mine} and any(_same(t, m) for m in mine)
        ]
        holder = f"; the holder then was {_names(others)}" if others else ""
        if before:
            last = max(before, key=lambda t: term_bounds(t)[1])
            message = (
                f'{name} was no longer {office} {when}: the term ended on {format_day(last.end, last.precision)} '
                f'({quote_term(last)}). Write "former {titled.title}"{holder}.'
            )
            suggestion = f"former {titled.title} {name}"
        else:
            first = min(mine, key=lambda t: term_bounds(t)[0])
            message = (
                f"{name} was not yet {office} {when}: the term began on {format_day(first.start, first.precision)} "
                f"({quote_term(first)}){holder}."
            )
            suggestion = None
        confidence = 0.9
        if any(t.precision != "day" for t in mine):
            confidence -= 0.1
        return context.finding(span, message, suggestion=suggestion, confidence=confidence)


def _hull(periods: list[Period]) -> Period:
    return min(p[0] for p in periods), max(p[1] for p in periods)


def _all_outside(terms: list[Any], periods: list[Period]) -> bool:
    """No period overlaps any of the terms."""
    return not any(holders_during(terms, p) for p in periods)


def _names(terms: list[Any]) -> str:
    names = list(dict.fromkeys(t.person for t in terms))
    return " and ".join(names[:3])


_ARABIC_PARTICLES = frozenset({"bin", "ibn", "bint", "abu", "al", "el"})


def _h_only(a: str, b: str) -> bool:
    """Whether two words differ by an "h" after a consonant, as transliterations
    write "gh", "kh", "sh" or "zh" or not (Gharibashvili/Garibashvili); an "h" after
    a vowel is a slip like another (Johnson/Jonson)."""
    short, long = sorted((a, b), key=len)
    return len(long) == len(short) + 1 and any(
        long[i] == "h" and long[i - 1] in _H_DIGRAPHS and long[:i] + long[i + 1 :] == short
        for i in range(1, len(long))
    )


# Consonants a transliteration may follow with an "h": gh, kh, sh, zh, th, dh, ch, ph, bh.
_H_DIGRAPHS = frozenset("gkcszdtpb")


class HolderOptions(BaseModel):
    """Options of ``fact/holder``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_word_length: int = Field(4, ge=3, description="The shortest name word a slip is looked for in.")


class HolderRule(factlint.Rule[HolderOptions]):
    """Flags an office holder's name misspelled after their title.

    ## What it flags

    A title followed by a name one slip from the person who held that office at the
    time ("French President Emanuel Macron" for Emmanuel Macron, "Prime Minister
    Boris Jonson"): a letter doubled or dropped, two letters swapped, one vowel for
    another, another transliteration. The time is the sentence's dates, else the
    publication date; the holder comes from the reference facts, which the message
    quotes with their source. A name that is itself a known office holder, or that
    differs in more than one word, is left alone.

    ## Why it matters

    A misspelled head of government is an error every reader notices, and search and
    archives lose the mention.

    ## Example

    ```
    ---
    published: 2023-03-01
    ---
    French President Emanuel Macron arrived in Beijing.
    ```

    ## Use instead

    ```
    French President Emmanuel Macron arrived in Beijing.
    ```

    ## Fix safety

    Unsafe, and offered only when exactly one holder is that close: an editor should
    confirm that the person meant is the office holder.

    ## Options

    - `min_word_length` (default 4): the shortest name word a slip is looked for in.
    """

    id = "fact/holder"
    summary = "An office holder's name misspelled after their title."
    severity = factlint.Severity.WARNING
    requires = frozenset({"entity", "date"})
    Options = HolderOptions
    fix_safety = "unsafe"

    def check(self, context: factlint.CheckContext) -> Iterator[factlint.Finding]:
        facts = facts_of(context)
        for titled in titled_mentions(context, facts):
            name = titled.mention.name
            if facts.terms_for_person(name) or facts.known_name(name) is not None:
                continue
            reference = _reference(context, titled)
            if reference is None:
                continue
            periods, when = reference
            periods = periods + _sentence_dates(context, titled)
            # Holders then, and the last recorded holders of offices still held when
            # the records end: a name one slip from theirs is a slip all the same.
            current = [t for p in periods for t in holders_during(titled.terms, p)]
            current = [t for t in current if _valid([t], periods) or t.end is None]
            close: dict[str, tuple[Any, str]] = {}
            for term in current:
                spelled = self._slip_of(name, term)
                if spelled is not None:
                    close.setdefault(term.person, (term, spelled))
            if len(close) != 1:
                continue
            ((term, spelled),) = close.values()
            if name.isascii():
                spelled = ascii_name(spelled)
            span = titled.mention.span
            message = (
                f'"{name}" is one slip from {spelled}, {titled.title} {when} ({quote_term(term)}): '
                f'check the spelling.'
            )
            fix = factlint.Fix(
                description=f"Replace with '{spelled}'",
                edits=(factlint.Edit(span=span, replacement=spelled),),
                safety="unsafe",
            )
            yield context.finding(span, message, suggestion=spelled, fix=fix, confidence=0.9)

    def _slip_of(self, name: str, term: Any) -> str | None:
        """The holder's name (or alias) that ``name`` is one slip from, as written
        there, or None."""
        mine = name_tokens(name)
        for known in (term.person, *term.aliases):
            theirs = name_tokens(known)
            written = known
            if len(theirs) > len(mine) == 2:
                # "Recep Erdogen" for "Recep Tayyip Erdogan": first and last names.
                theirs = (theirs[0], theirs[-1])
                parts = known.split()
                written = f"{parts[0]} {parts[-1]}"
            if len(theirs) != len(mine):
                continue
            diff = [(a, b) for a, b in zip(mine, theirs, strict=True) if a != b]
            if len(diff) != 1:
                continue
            a, b = diff[0]
            if min(len(a), len(b)) < self.options.min_word_length:
                continue
            kind = slip(a, b)
            if kind is None or kind == "key" or _h_only(a, b):
                continue  # Zelenskiy/Zelenskyy, Garibashvili/Gharibashvili: transliterations
            if kind == "double" and _ARABIC_PARTICLES & set(mine):
                continue  # Mohamed/Mohammed bin Zayed: both in official use
            return written
        return None

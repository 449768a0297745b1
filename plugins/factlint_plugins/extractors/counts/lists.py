"""How a run of text splits into the items of a list: where the list must end, its
commas and conjunctions, the details that describe an item rather than add one,
what reads as a name or as a quantity, and the words that make a list partial.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from factlint_plugins._patterns import lazy_compile

from .lexicon import (
    _ABBREVIATIONS,
    _AND_NAME_RE,
    _CLAUSE_AFTER_NAMES,
    _CLAUSE_OPENERS,
    _CLAUSE_WORDS,
    _MEASURES,
    _NAME_CONNECTORS,
    _PHRASE_STOP,
    _is_plural,
)
from .numbers import _MULTIPLIERS, _TENS, _UNITS, _number_value


@dataclass
class _List:
    """A list the text sets out: its items, where it is and how surely it was read."""

    items: list[tuple[int, int, str]]  # start, end, text (gloss removed)
    start: int
    end: int
    partial: bool
    confidence: float
    # How many things each item stands for ("two men and a woman": 2, 1); None: one each.
    quantities: list[int] | None = None


_OPEN = {"(": ")", "[": "]"}
_QUOTES = {'"': '"', "“": "”"}
# A word with its inner apostrophes and hyphens: the first of a list or a clause.
_FIRST_WORD = lazy_compile(r"[\w'’-]+")


_NON_BLANK = lazy_compile(r"\S")
_WORD_BEFORE_PERIOD = lazy_compile(r"([\w.]+)\.$")
_AFTER_PERIOD = " \t\n\"”’')"
_FIRST_AFTER_PERIOD = lazy_compile(r"[^ \t\n\"”’')]")


def _is_sentence_end(text: str, k: int, limit: int) -> bool:
    """Whether the ``.``/``!``/``?`` at ``k`` ends a sentence."""
    ch = text[k]
    if ch in "!?":
        return True
    if ch != ".":
        return False
    m = _WORD_BEFORE_PERIOD.search(text[max(0, k - 20) : k + 1])
    word = (m.group(1) if m else "").lower()
    if k + 1 < limit and text[k + 1] not in _AFTER_PERIOD:
        return False  # "U.S.A", "3.5"
    if word.rstrip(".") in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        # An abbreviation at the very end of a block or before a capital may still end
        # a sentence; treat it as ending one only at the end of the block.
        return _NON_BLANK.search(text, k + 1, limit) is None
    nxt = _FIRST_AFTER_PERIOD.search(text, k + 1, limit)
    return nxt is None or not nxt.group().islower()


# The characters _region_end acts on; it jumps over everything else.
_REGION_STOPS = '"“([)];—.!?\n'
_REGION_STOP = lazy_compile(r'["“(\[)\];—.!?\n]')


@lru_cache(maxsize=8)
def _region_stop(close: str | None) -> re.Pattern[str]:
    if close is None or close in _REGION_STOPS:
        return _REGION_STOP
    return re.compile("[" + re.escape(_REGION_STOPS + close) + "]")


LONGEST_LIST_REGION = 1000
"""The most characters a list region spans from its start. The longest region in a
thousand news articles spans under 500; text where no sentence seems to end ("A, B
and C." again and again: "C." may be an initial) would otherwise give every list in
it the rest of the text to split."""

# Region ends already found in the current text (see _known_ends).
_region_ends = threading.local()


def _known_ends(text: str, limit: int, close: str | None) -> dict[int, int]:
    """Where the region goes on to end from each stop character already passed at
    bracket depth 0, for regions of ``text`` bounded by ``limit`` and ``close``.

    Every list of a text whose sentences do not end scans on to the same far end; a
    scan stops at the first stop another scan passed. Kept for one text at a time,
    per thread."""
    memo: tuple[str, dict[tuple[int, str | None], dict[int, int]]] | None = getattr(_region_ends, "memo", None)
    if memo is None or memo[0] is not text:
        memo = (text, {})
        _region_ends.memo = memo
    return memo[1].setdefault((limit, close), {})


def _region_end(text: str, start: int, limit: int, *, close: str | None = None) -> int:
    """Where a list starting at ``start`` must end at the latest: the end of its
    sentence, a semicolon, an em dash, the closing bracket ``close``, or ``limit``;
    never more than :data:`LONGEST_LIST_REGION` characters after ``start``."""
    search = _region_stop(close).search
    known = _known_ends(text, limit, close)
    passed: list[int] = []  # stops reached at depth 0: the scan from each ends here too
    depth = 0
    k = start
    while True:
        m = search(text, k, limit)
        if m is None:
            end = limit
            break
        k = m.start()
        if depth and k >= start + LONGEST_LIST_REGION:
            # Inside a bracket that does not close: no other scan arrives here in the
            # same state, so this one stops at the bound instead of being remembered.
            return start + LONGEST_LIST_REGION
        if depth == 0:
            found = known.get(k)
            if found is not None:
                end = found
                break
            passed.append(k)
        ch = text[k]
        if ch in _QUOTES and depth == 0:
            # Nothing inside a quotation ends the region: go on after it.
            k = text.find(_QUOTES[ch], k + 1, limit)
            if k == -1:
                end = limit
                break
        elif ch in _OPEN:
            depth += 1
        elif ch in ")]":
            if depth == 0:
                end = k
                break
            depth -= 1
        elif depth == 0 and (
            (close and ch == close)
            or ch == ";"
            or ch == "—"
            or (ch in ".!?" and _is_sentence_end(text, k, limit))
            or text.startswith("\n\n", k)
        ):
            end = k
            break
        k += 1
    for k in passed:
        known[k] = end
    return min(end, start + LONGEST_LIST_REGION)


def _top_level_commas(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at commas outside brackets and quotes: (start, end) pieces."""
    return list(_comma_pieces(text, start, end))


# What _comma_pieces acts on; it jumps over everything else.
_COMMA_STOP = lazy_compile(r'[,"“(\[)\]]')


def _comma_pieces(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The pieces of :func:`_top_level_commas`, one at a time: a caller that needs
    only the first few does not split the rest."""
    depth = 0
    piece_start = start
    k = start
    while (m := _COMMA_STOP.search(text, k, end)) is not None:
        k = m.start()
        ch = text[k]
        if ch in _QUOTES:
            # A quotation runs to its closing mark, or to the end when it has none.
            close = text.find(_QUOTES[ch], k + 1, end)
            if close == -1:
                break
            k = close
        elif ch in _OPEN:
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            yield piece_start, k
            piece_start = k + 1
        k += 1
    yield piece_start, end


_CONJ_START = lazy_compile(r"\s*(?:and|or|as well as|plus|and also)\s+", re.I)
# Where a conjunction may be, found in one search of a whole region: any of them
# (_CONJ_START or _BARE_CONJ), and one that opens a piece (after a comma, or after
# the age that _without_details takes off the front of a piece).
_ANY_CONJ = lazy_compile(r"[\s,](?:and|or|as well as|plus)\s", re.I)
_CONJ_OPENING_PIECE = lazy_compile(r"[,\d)]\s*(?:and|or|as well as|plus)\s", re.I)
# Patterns that open with a run of blanks start only where the run starts (the
# lookbehind): the leftmost match is the same, and a long run of blanks is not
# rescanned from each of its characters.
_BARE_CONJ = lazy_compile(r"(?<!\s)\s+(?:and|or|as well as)\s+")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "*_"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:*_"):
        end -= 1
    return start, end


def _bare_conjunctions(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The " and "/" or " splits of a piece, outside brackets, quotes and names that
    contain "and" ("Bosnia and Herzegovina")."""
    piece = text[start:end]
    masked = list(piece)
    for m in _AND_NAME_RE.finditer(piece):
        for k in range(m.start(), m.end()):
            masked[k] = "x"
    depth = 0
    quote = None
    for k, ch in enumerate(piece):
        if quote:
            if ch == quote:
                quote = None
            masked[k] = "x"
        elif ch in _QUOTES:
            quote = _QUOTES[ch]
        elif ch in _OPEN:
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
            masked[k] = "x"
        if depth:
            masked[k] = "x"
    return list(_BARE_CONJ.finditer("".join(masked)))


# An age after a name ("John Smith, 31, of Leeds"), with an optional gloss; the same
# age before the "and" of the next item ("B, 45 and C"); where the person is from.
_AGE_PIECE = lazy_compile(r"\s*(?:aged\s+)?\d{1,3}(?:\s*\([^()]*\))?\s*$")
_AGE_BEFORE_AND = lazy_compile(r"\s*(?:aged\s+)?\d{1,3}(?:\s*\([^()]*\))?(?=\s+(?:and|or)\s)")
_HOME_PIECE = lazy_compile(r"\s*(?:of|from)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*$")
_NAME_PIECE = lazy_compile(r"\s*(?:(?:and|or)\s+)?[\"“]?[A-Z]")


def _without_details(text: str, pieces: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Drop the ages and home towns that follow names in a comma list ("A, 31, of
    Leeds, B, 45, and C, 28"): they describe an item, they are not items."""
    last: tuple[int, int] | None = None
    after_age = False
    for ps, pe in pieces:
        person = last is not None and _NAME_PIECE.match(text, *last) is not None
        if person and _AGE_PIECE.match(text, ps, pe):
            after_age = True
            continue
        if after_age and _HOME_PIECE.match(text, ps, pe):
            continue
        after_age = False
        if person:
            m = _AGE_BEFORE_AND.match(text, ps, pe)
            if m:
                ps = m.end()
        last = (ps, pe)
        yield last


def _split_items(
    text: str, start: int, end: int, *, open_ended: bool = False, trim_last: bool = False
) -> tuple[list[tuple[int, int]], int, bool] | None:
    """Split a list region into item ranges.

    Returns the items, where the list really ends (a clause after the last item is
    not part of it) and whether the split was ambiguous; None if it is no list. An
    ``open_ended`` list ("including A, B") needs no closing "and".
    """
    if not open_ended and _ANY_CONJ.search(text, start, end) is None:
        return None  # no conjunction, so no closed list (the answer of reading it all)
    split = _without_details(text, _comma_pieces(text, start, end))
    # The pieces are all read only when the list is open-ended or a piece may open
    # with a conjunction; else up to the first piece holding one.
    pieces: list[tuple[int, int]] | None = None
    if open_ended or _CONJ_OPENING_PIECE.search(text, start, end) is not None:
        pieces = list(split)
    if open_ended and pieces:
        # "including a child, and three others are injured": the clause after the
        # list is not an item.
        for n, (ps, pe) in enumerate(pieces[1:], start=1):
            if _looks_like_clause(text[ps:pe]):
                pieces = pieces[:n]
                break
    # With a serial comma (", and X"), a bare "and" inside an item belongs to a name.
    final = None
    for n, (ps, pe) in enumerate(pieces or ()):
        if n > 0 and _CONJ_START.match(text, ps, pe):
            final = n
    ambiguous = False
    items: list[tuple[int, int]] = []
    if final is not None:
        assert pieces is not None
        for n, (ps, pe) in enumerate(pieces[: final + 1]):
            if n == final:
                m = _CONJ_START.match(text, ps, pe)
                assert m is not None
                ps = m.end()
            items.append((ps, pe))
        list_end = pieces[final][1]
    else:
        for ps, pe in split if pieces is None else pieces:
            conj = _bare_conjunctions(text, ps, pe)
            if not conj:
                items.append((ps, pe))
                continue
            # With several conjunctions ("A and B and C") the split is a guess.
            ambiguous = len(conj) > 1
            m = conj[0]
            items.append((ps, ps + m.start()))
            items.append((ps + m.end(), pe))
            list_end = pe
            break
        else:
            if not open_ended or not pieces:
                return None  # no conjunction: not a closed list
            # Without a closing "and", a comma more likely ends the clause than
            # separates items: "including two officers, in an attack".
            items = [pieces[0]]
            list_end = pieces[0][1]
    items = [_strip(text, s, e) for s, e in items]
    if any(s >= e for s, e in items):
        return None
    # A list of names may run on into the clause after its last name ("Nacho and
    # Dani Carvajal have decent minutes"): the caller trims that name (``trim_last``).
    checked = items[:-1] if trim_last else items
    if not open_ended and any(_looks_like_clause(text[s:e]) for s, e in checked):
        return None
    return items, list_end, ambiguous


def _looks_like_clause(piece: str) -> bool:
    """Whether a comma-separated piece reads as a clause rather than a list item:
    it has a finite verb or a relative word, or opens with a preposition."""
    words = re.findall(r"[\w'’-]+", piece)
    if words and words[0].lower() in ("and", "or"):
        words = words[1:]
    if not words:
        return False
    if words[0] in _CLAUSE_OPENERS:
        return True
    return any(w in _CLAUSE_WORDS for w in words)


_GLOSS = lazy_compile(r"(?<!\s)\s*[(\[][^()\[\]]*[)\]]")
_FINAL_GLOSS = lazy_compile(r"(?<!\s)\s*[(\[][^()\[\]]*[)\]]\s*$")


def _item_text(text: str, start: int, end: int) -> tuple[int, int, str]:
    """An item's span and text, without a parenthetical gloss ("Turat Zedek (Torah of
    Truth)" is the item "Turat Zedek")."""
    raw = text[start:end]
    m = _FINAL_GLOSS.search(raw)
    if m and m.start() > 0:
        end = start + m.start()
        raw = raw[: m.start()]
    clean = _GLOSS.sub("", raw)
    clean = re.sub(r"\s+", " ", clean).strip()
    clean = re.sub(r"^(?:both|either)\s+", "", clean, flags=re.I)
    return start, end, clean


def _name_like(item: str) -> bool:
    """Whether an item reads as a name, optionally after a few lowercase descriptors
    ("English band Bad Company", "the Public Committee Against Torture in Israel")."""
    words = re.findall(r"[^\s]+", item.strip("\"“”'‘’ "))
    if not words:
        return False
    lead = 0
    while lead < len(words) and words[lead][:1].islower():
        # Descriptors before a name ("English band", "president-elect"), but not a
        # clause ("operated by", "in Khan Yunis").
        w = words[lead].lower()
        if (lead or w not in ("the", "a", "an")) and (
            w in _PHRASE_STOP or w in _NAME_CONNECTORS or w.endswith(("ed", "ing", "ly"))
        ):
            return False
        lead += 1
    if lead == len(words) or lead > 3:
        return False
    for w in words[lead:]:
        w = w.strip("\"“”'‘’(),")
        if not w:
            continue
        if w[0].isupper() or w[0].isdigit() or w.lower() in _NAME_CONNECTORS:
            continue
        if re.match(r"(?:al|el|ad|as|ash|at|az|ar|bin|ibn|de|di|da|van|von|le|la|d|l)[-’']", w):
            continue
        return False
    return True


def _names_several(item: str) -> bool:
    """Whether an item names several things under a plural descriptor ("artists Cyndi
    Lauper and Carol Kaye")."""
    plural = False
    for w in item.split():
        if w[:1].isupper():
            return plural
        # Only the word before the name: "news editor Chris Pharo" is one person.
        plural = _is_plural(w.strip(",;"))
    return False


def _starts_with_number(item: str) -> bool:
    """Whether an item is itself a quantity ("two men"): then the list counts subgroups."""
    first = item.split(" ", 1)[0].lower().strip("\"“")
    return first[:1].isdigit() or first in _UNITS or first.split("-")[0] in _TENS


# Words after a number that make it no part of the whole: "two of them", "one or two".
_NOT_A_PART = frozenset(("of", "dozen", "or", "to", "and", "percent"))


def _leading_quantity(item: str) -> int | None:
    """How many things a part of a list stands for, when it opens with a quantity
    and then a word that is no unit: "two men" 2, "a woman" 1, "three focusing on
    ..." 3, "the other two" 2, "another in September" 1; None for "25" (an age),
    "10 years", "two of them", "12-year-old Amy" or a name."""
    words = item.strip("\"“").split()
    if not words:
        return None
    low = [w.lower() for w in words]
    if low[0] in ("a", "an"):
        value, k = 1, 1
    elif low[0] == "another" or low[:2] == ["the", "other"]:
        k = 1 if low[0] == "another" else 2
        more = _number_value(words[k]) if k < len(words) else None
        value, k = (more, k + 1) if more is not None else (1, k)
    else:
        number = _number_value(words[0])
        if number is None:
            return None
        value, k = number, 1
    if k >= len(words):
        return value if k > 1 and low[0] != "a" else None  # "the other two", not "a"
    nxt = low[k].strip(",;")
    if not nxt[:1].isalpha() or (nxt in _MEASURES and nxt != "in") or nxt in _MULTIPLIERS or nxt in _NOT_A_PART:
        return None  # "two years", "two million", "two of them", "one or two"
    return value


def _part_quantities(items: list[tuple[int, int, str]]) -> list[int] | None:
    """The quantities of a list of parts ("two pilots, three medical personnel and a
    patient"): every item must open with one, and one of them must be more than one."""
    quantities = [q for _, _, t in items if (q := _leading_quantity(t)) is not None]
    if len(quantities) < len(items) or all(q == 1 for q in quantities):
        return None
    return quantities


def _parse_list(
    text: str,
    start: int,
    limit: int,
    *,
    partial: bool,
    names_only: bool,
    base: float,
    close: str | None = None,
    min_items: int = 2,
    parts: bool = False,
) -> _List | None:
    """Parse the list that begins at ``start``; None when there is none to trust.
    With ``parts``, a list whose items each open with a quantity ("two men and a
    woman") is kept, with those quantities."""
    region_end = _region_end(text, start, limit, close=close)
    s, e = _strip(text, start, region_end)
    if s >= e:
        return None
    split = _split_items(text, s, e, open_ended=partial, trim_last=names_only and not partial)
    if split is None:
        return None
    ranges, _, ambiguous = split
    items = [_item_text(text, a, b) for a, b in ranges]
    if not ambiguous and len(items) > 2:
        # "policing the poaching, smuggling and sale, and reducing demand": an "and"
        # inside an item of common nouns may join two of the things counted.
        ambiguous = any(
            not _name_like(t) and _bare_conjunctions(text, a, b) for a, b, t in items[:-1]
        )
    confidence = base - (0.35 if ambiguous else 0.0)
    if not partial:
        # "A, B and others", "A and B among them": only some of the things are named.
        tail = text[items[-1][1] : region_end]
        if _OPEN_TAIL.match(items[-1][2]) and len(items) > 1:
            items, partial = items[:-1], True
        elif _OPEN_AFTER.match(tail):
            partial = True
        else:
            last_s, last_e, _ = items[-1]
            m = _OPEN_AFTER_INSIDE.search(text[last_s:last_e])
            if m and m.start() > 0:
                items[-1], partial = _item_text(text, last_s, last_s + m.start()), True
    if not partial:
        # The last item runs to the end of the clause; keep only its name.
        last_s, last_e, _ = items[-1]
        if names_only:
            trimmed = _trim_name(text, last_s, last_e)
            if trimmed is None:
                return None
            items[-1] = _item_text(text, last_s, trimmed)
        if any(_starts_with_number(t) for _, _, t in items):
            # "three people: two men and a woman" counts subgroups: their sum is
            # checked where the list plainly sets out the parts of the whole.
            quantities = _part_quantities(items) if parts else None
            if quantities is None:
                return None
            end = max(b for _, b, _ in items)
            return _List(items=items, start=items[0][0], end=end, partial=False,
                         confidence=confidence - 0.1, quantities=quantities)
        if names_only and not all(_name_like(t) for _, _, t in items):
            return None
        if any(_names_several(t) for _, _, t in items):
            return None  # "American groups Outkast and Soundgarden" is two items in one
        named = [_name_like(t) for _, _, t in items]
        if not any(named):
            confidence -= 0.1  # common-noun phrases split less surely than names
        elif not all(named):
            # "Yesh Din, a legal aid group, Adalah and B'Tselem": a description
            # between names reads like one more item.
            confidence -= 0.35
    else:
        # "including a former councillor are shot dead": the verb ends the list.
        last_s, last_e, _ = items[-1]
        verb = re.search(r"\s(?:are|is|was|were|has|have|had|will)\s", text[last_s:last_e])
        if verb:
            items[-1] = _item_text(text, last_s, last_s + verb.start())
    if len(items) < min_items:
        return None
    end = max(b for _, b, _ in items)
    return _List(items=items, start=items[0][0], end=end, partial=partial, confidence=confidence)


# An item or words after a list saying that the list is not complete.
_OPEN_TAIL = lazy_compile(r"(?:more|others|many (?:more|others)|several others|so on|etc\.?|other\b.*)$", re.I)
_OPEN_AFTER = lazy_compile(
    r"[\s,]*(?:among (?:them|others|those|other\b)|and (?:others|other\b|more|so on)|etc\b"
    r"|to name (?:but )?a few|in particular|among other)",
    re.I,
)
# The same words inside the last item, searched for from where a run of blanks and
# commas starts (see _BARE_CONJ).
_OPEN_AFTER_INSIDE = lazy_compile(r"(?<![\s,])" + _OPEN_AFTER.pattern, re.I)


def _trim_name(text: str, start: int, end: int) -> int | None:
    """End the last item of a name list where its name ends; None when what follows
    the name is not a clause boundary (then the words were not a list of names)."""
    last_end = start
    for m in re.finditer(r"\S+", text[start:end]):
        w = m.group().strip("\"“”‘’")
        if not w:
            continue
        if w[0].isupper() or w[0].isdigit() or w[0] in "(\"“[" or last_end == start:
            last_end = start + m.end()
            continue
        if w.lower() in _NAME_CONNECTORS and w.lower() not in ("and",):
            # Only a connector when a capitalised word follows ("Torture in Israel").
            nxt = _NON_BLANK.search(text, start + m.end(), end)
            if nxt is not None and nxt.group().isupper():
                continue
        if re.match(r"(?:al|el|ad|bin|ibn|de|van|von)[-’']", w):
            last_end = start + m.end()
            continue
        first = w.lower().strip(",.;")
        if first not in _CLAUSE_AFTER_NAMES:
            return None
        break
    return last_end if last_end > start else None

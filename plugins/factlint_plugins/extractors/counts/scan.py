"""Where a block states a count: a number that counts things (not a year, a date, a
measure, a range or part of a name), its qualifier ("more than", "about") and the
noun it counts.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from factlint import Block
from factlint_plugins._patterns import lazy_compile

from ..._english import MONTH_WORDS
from .lexicon import (
    _COMMON_VERBS,
    _IDENTIFIER_BEFORE,
    _MEASURES,
    _OPENERS,
    _PHRASE_STOP,
    _QUALIFIERS,
    _is_plural,
    _Qualifier,
)
from .numbers import (
    _MULTIPLIERS,
    _NUMBER_WORDS,
    _NUMBER_WORDS_WITH_A,
    _may_hold_count,
    _Tokens,
    _tokens,
    _word_value,
)


@dataclass
class _Count:
    """A count stated in a block: its value and qualifier, where its number is, and
    the noun it counts."""

    value: int
    qualifier: _Qualifier
    num_start: int
    num_end: int
    noun: str
    noun_end: int
    # "three of the injured": a count of some of a group, kept only with its list.
    partitive: bool = False


def _sentence_start(toks: _Tokens, i: int, text: str) -> bool:
    """Whether token ``i`` opens a sentence (or its block)."""
    if i == 0:
        return True
    prev = toks.text[i - 1]
    return prev in (".", "!", "?", ":", ";", '"', "“", "(", "—", "–", "-") or (
        prev in (".", ":") and text.find("\n", toks.end(i - 1), toks.start(i)) != -1
    )


def _scan_counts(text: str, block: Block) -> Iterator[_Count]:
    """Yield each count in ``block``."""
    if not _may_hold_count(text, block.start, block.end):
        return
    toks = _tokens(text, block.start, block.end)
    words, lows = toks.text, toks.low
    n = len(words)
    starters = _NUMBER_WORDS_WITH_A if "dozen" in lows else _NUMBER_WORDS
    # Only tokens that start with a digit or are a number word (or a hyphenated
    # one, "twenty-one") can start a number; every other token is passed over.
    # (Lowercasing leaves digits alone, so low[0] is a digit just when the text's is.)
    # isdecimal, not isdigit: "²" is a digit to Python but no number to int() or \d.
    candidates = [k for k, low in enumerate(lows) if low in starters or "-" in low or low[0].isdecimal()]
    i = 0  # the first token not yet consumed by a number
    for c in candidates:
        if c < i:
            continue  # part of the number before ("twenty one", "2 million")
        i = c
        word = words[i]
        parsed: tuple[int, int] | None = None
        words_style = False
        if word[0].isdecimal():
            scale = _MULTIPLIERS.get(lows[i + 1], 0) if i + 1 < n else 0
            if scale:  # "2 million people", "1.5 billion"
                parsed = (int(float(word.replace(",", "")) * scale), i + 2)
            elif "." in word:
                i += 1
                continue
            else:
                parsed = (int(word.replace(",", "")), i + 1)
        elif word[0].isalpha():
            if lows[i] == "a" and i + 1 < n and lows[i + 1] == "dozen":
                parsed = (12, i + 2)
                words_style = True
            else:
                parsed = _word_value(toks, i)
                words_style = parsed is not None
        if parsed is None:
            i += 1
            continue
        value, j = parsed
        count = _as_count(text, toks, i, j, value, words_style, block)
        if count is not None:
            yield count
        i = max(j, i + 1)


_GLUED_BEFORE = frozenset("$€£¥₹#-–—/.:+'’")
_GLUED_AFTER = frozenset("%‰-–—/:+°'’")
_ORDINAL_SUFFIX = lazy_compile(r"\s*(?:st|nd|rd|th)\b")
_RANGE_WORDS = frozenset(("to", "or", "and", "-", "–", "—", "/", "x", "by", "out"))
_ONE_AFTER = frozenset(
    ("no", "the", "this", "that", "any", "every", "each", "which", "only", "last", "next", "someone")
)


# Capitalised determiners before a number written in words that open a sentence even
# where no period ends the one before (captions run into the text).
_GLUED_DETERMINERS = frozenset(("the", "these", "those", "all", "its", "their"))


def _as_count(
    text: str, toks: _Tokens, i: int, j: int, value: int, words_style: bool, block: Block
) -> _Count | None:
    """The count a number at tokens ``i`` to ``j`` states, or None when it is not a count."""
    words, lows = toks.text, toks.low
    n = len(words)
    word = words[i]
    start = toks.start(i)
    number_end = toks.end(j - 1)

    # Glued to other characters: "$10", "COVID-19", "10%", "10th", "10:30", "10-year-old",
    # "3–2", "10/12", "G7".
    if start > block.start:
        ch = text[start - 1]
        if ch.isalnum() or ch in _GLUED_BEFORE:
            return None
    if number_end < block.end:
        ch = text[number_end]
        if ch.isalnum() or ch in _GLUED_AFTER:
            return None
    if word[0].isdecimal():
        # A year, not a count: "in 2015", "its 2025 inductees".
        if "," not in word and len(word) == 4 and 1000 <= value <= 2100:
            return None
        if _ORDINAL_SUFFIX.match(text, number_end, block.end):
            return None
    if words_style and word[0].isupper() and not _sentence_start(toks, i, text):
        return None  # "Group of Seven", "the Chicago Seven"
    next_low = lows[j] if j < n else None
    # Ranges and alternatives: "10 to 12", "between 10 and 12", "one or two".
    if next_low in _RANGE_WORDS:
        k = j + 1
        if k < n and (words[k][0].isdecimal() or _word_value(toks, k) is not None):
            return None
    if next_low == "of":
        # "three of the injured: A, B and C" counts the list; "one of", "three of
        # them" and the rest count nothing that follows.
        return _partitive(toks, i, j, value)
    if i > 0:
        plow = lows[i - 1]
        if plow in _IDENTIFIER_BEFORE or plow in MONTH_WORDS or plow.rstrip(".") in MONTH_WORDS:
            return None
        if plow in ("and", "or", "to", "–", "-") and i >= 2 and words[i - 2][0].isdecimal():
            return None  # second number of a range or a score
        if value == 1 and plow in _ONE_AFTER:
            return None
        # A number after a capitalised word inside a sentence is part of a name:
        # "Apollo 13 astronauts", "Section 21 notices".
        prev = words[i - 1]
        if prev[0].isalpha() and prev[0].isupper():
            # "time The four judges": a caption glued to the next sentence, no name.
            glued = words_style and word[0].islower() and plow in _GLUED_DETERMINERS
            if (
                not glued
                and not (_sentence_start(toks, i - 1, text) and (plow in _PHRASE_STOP or plow in _OPENERS))
                and plow not in _QUALIFIER_ENDS
            ):
                return None
    if next_low is not None and (next_low in MONTH_WORDS or next_low.rstrip(".") in MONTH_WORDS):
        return None

    qualifier = _qualifier(toks, i)
    # "10 or more", "20 or so"
    if next_low == "or" and j + 1 < n:
        if lows[j + 1] == "more":
            qualifier, j = "at_least", j + 2
        elif lows[j + 1] == "so":
            qualifier, j = "about", j + 2
    noun = _noun(toks, j, value)
    if noun is None:
        return None
    return _Count(
        value=value,
        qualifier=qualifier,
        num_start=start,
        num_end=toks.end(j - 1),
        noun=words[noun],
        noun_end=toks.end(noun),
    )


# Determiners of the group a partitive count is taken from ("three of the injured").
_PARTITIVE_DETERMINERS = frozenset(("the", "its", "their", "his", "her", "those"))
# Adjectives that name people in news once "the" comes before them ("the injured").
_ADJECTIVE_GROUPS = frozenset(("injured", "wounded", "dead", "accused", "missing", "deceased", "detained"))


def _partitive(toks: _Tokens, i: int, j: int, value: int) -> _Count | None:
    """The count of "three of the injured" (tokens ``i`` to ``j`` are the number,
    ``j`` is "of"); None for "one of", "three of them" and any unqualified use."""
    lows = toks.low
    n = len(lows)
    k = j + 1
    if value < 2 or k >= n or lows[k] not in _PARTITIVE_DETERMINERS:
        return None
    if _qualifier(toks, i) != "exact":
        return None  # "about three of the men": not meant to be exact
    k += 1
    if k < n and (lows[k][0].isdecimal() or lows[k] in _NUMBER_WORDS):
        k += 1  # "three of the five victims"
    noun: int | None
    if k < n and (lows[k] in _ADJECTIVE_GROUPS or (lows[k - 1] == "those" and lows[k].endswith("ed"))):
        noun = k  # "three of the injured", "three of those charged"
    else:
        noun = _noun(toks, k, value)
    if noun is None:
        return None
    return _Count(
        value=value,
        qualifier="exact",
        num_start=toks.start(i),
        num_end=toks.end(j - 1),
        noun=toks.text[noun],
        noun_end=toks.end(noun),
        partitive=True,
    )


def _by_last_word(
    qualifiers: list[tuple[tuple[str, ...], _Qualifier]],
) -> dict[str, list[tuple[tuple[str, ...], _Qualifier]]]:
    grouped: dict[str, list[tuple[tuple[str, ...], _Qualifier]]] = {}
    for words, qual in qualifiers:
        grouped.setdefault(words[-1], []).append((words, qual))
    return grouped


# The qualifiers by their last word, each group in the order of _QUALIFIERS: the
# word before a number picks the few that can match.
_QUALIFIERS_BY_LAST = _by_last_word(_QUALIFIERS)
_QUALIFIER_ENDS = frozenset(_QUALIFIERS_BY_LAST)


def _qualifier(toks: _Tokens, i: int) -> _Qualifier:
    """The qualifier ("more than", "about") of the number at token ``i``."""
    if i == 0:
        return "exact"
    lows = toks.low
    for words, qual in _QUALIFIERS_BY_LAST.get(lows[i - 1], ()):
        n = len(words)
        if i >= n and tuple(lows[i - n : i]) == words:
            return qual
    return "exact"


def _noun(toks: _Tokens, j: int, value: int) -> int | None:
    """The index of the head noun of the phrase after a number: the last plural among
    up to five modifier and noun words ("10 Israeli human rights organizations")."""
    words, lows = toks.text, toks.low
    n = len(words)
    phrase: list[int] = []
    plural_seen = False
    k = j
    while k < n and len(phrase) < 6:
        word, low = words[k], lows[k]
        if not word[0].isalpha() or low in _PHRASE_STOP:
            break
        # Once a plural has been seen, a verb ends the phrase: "Four countries sent
        # observers" counts countries, not observers.
        if plural_seen and (low in _COMMON_VERBS or (low.endswith("ed") and len(low) > 4)):
            break
        phrase.append(k)
        plural_seen = plural_seen or _is_plural(word)
        k += 1
    if not phrase:
        return None
    first = lows[phrase[0]]
    if first in _MEASURES or first.rstrip(".") in _MEASURES:
        return None
    if value == 1:
        head = phrase[0] if len(phrase) == 1 else None
        for t in phrase[:3]:
            low = lows[t]
            if low.endswith("ly") or low in _MEASURES:
                break
            head = t
            if words[t][0].islower() and not low.endswith(("ish", "ese", "an", "ic", "al", "ed", "ing")):
                break
        if head is None or lows[head] in _MEASURES or lows[head].endswith("ly"):
            return None
        return head
    head = None
    for m, t in enumerate(phrase):
        if _is_plural(words[t]):
            # A capitalised word ending in s inside a run is as likely a place
            # ("Hamas", "Texas") as a plural; trust it only at the end of the run.
            if words[t][0].isupper() and m + 1 < len(phrase) and lows[t] not in ("others",):
                continue
            head = t
    if head is None or lows[head] in _MEASURES:
        return None
    return head

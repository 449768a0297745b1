"""Numbers in digits and in words: the tokens of a block, the cheap test that spares
a block without a number its tokenizing, and the value of "twenty-one", "a dozen" or
"1,200". The number words themselves come from :mod:`factlint_plugins._english`.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable

from factlint_plugins._patterns import lazy_compile

from ..._english import MULTIPLIER_WORDS, TENS_WORDS, UNIT_WORDS

# The number words a count is written with: one to nineteen ("zero things" is no
# count), the tens and the multipliers.
_UNITS = {word: value for word, value in UNIT_WORDS.items() if value}
_TENS = TENS_WORDS
_MULTIPLIERS = MULTIPLIER_WORDS


# A token (group 1). Each match also takes the blanks before its token, so the
# search does not stop at every blank. The lookaheads only let the regex engine give
# up early on a word: a number starts with a digit and an abbreviation with two
# letters and periods. A number with separators must not run on into more digits:
# that is "commas, then a digit" (the first digit of any later run of digits and
# commas comes after commas only), which reads no further than the commas, where
# "any digits and commas, then a digit" read the whole run from every number in it
# ("1,000,1,000,..." took quadratic time). Nor is a number with separators tried
# at three digits that follow ",ddd,": it would end where the one tried at those
# "ddd" ended and so fail as it did, and trying it at every group of a long run
# ("1,000,000,...,0001") was quadratic too.
_TOKEN = lazy_compile(
    r"\s*("
    r"(?=\d)(?:(?:(?<!,\d{3},)|(?!\d{3}(?!\d)))\d{1,3}(?:,\d{3})+(?!,*\d)"  # 1,200
    r"|\d+(?:\.\d+)?)"  # 10, 6.3
    r"|(?=[A-Za-z]\.[A-Za-z]\.)(?:[A-Za-z]\.){2,}"  # U.S., a.m.
    r"|[^\W\d_][\w'’]*(?:-(?=\w)[\w'’]*)*"  # words, with inner hyphens and apostrophes
    r"|\S"
    r")",
)


class _Tokens:
    """The tokens of one block as parallel lists: their ``text``, ``low`` (lowercased
    text) and where each ends. Lists are much cheaper to build than one object per
    token, and a block as long as a whole article keeps only its distinct words as
    strings and each token's end as a machine integer, not a match object apiece."""

    __slots__ = ("_ends", "low", "text")

    def __init__(self, matches: Iterable[re.Match[str]]) -> None:
        self._ends = array("q")
        self.text: list[str] = []
        distinct: dict[str, str] = {}
        for m in matches:
            self._ends.append(m.end())
            word = m[1]
            self.text.append(distinct.setdefault(word, word))
        lowered = {word: word.lower() for word in distinct}
        self.low = [lowered[word] for word in self.text]

    def start(self, k: int) -> int:
        """Where token ``k`` starts (its match starts at the blanks before it)."""
        return self._ends[k] - len(self.text[k])

    def end(self, k: int) -> int:
        """Where token ``k`` ends."""
        return self._ends[k]


def _tokens(text: str, start: int, end: int) -> _Tokens:
    """Tokenize ``text[start:end]`` (offsets are into ``text``)."""
    # finditer with pos/endpos sees the same string as a slice would (no token
    # pattern looks behind), without copying the block. Without trailing blanks
    # every match attempt finds a token after the blanks it takes, so the search
    # stays linear however long a run of blanks is.
    while end > start and text[end - 1].isspace():
        end -= 1
    return _Tokens(_TOKEN.finditer(text, start, end))


# Lowercase tokens that may start a number written in words. "a" starts one only
# before "dozen", so it is a candidate only in blocks that say "dozen".
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | {"dozen"}
_NUMBER_WORDS_WITH_A = _NUMBER_WORDS | {"a"}
# Substrings of the lowercased text that every number word contains ("teen" covers
# thirteen to nineteen; "six", "seven", "eight" and "nine" cover their tens).
_NUMBER_WORD_PARTS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "teen", "twenty", "thirty", "forty", "fifty", "dozen",
)
_ASCII_DIGIT = lazy_compile(r"[0-9]")
_NON_ASCII = lazy_compile(r"[^\x00-\x7f]")


def _may_hold_count(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a digit or a number word; without one it
    states no count, and tokenizing it would be wasted work."""
    if _ASCII_DIGIT.search(text, start, end):
        return True
    piece = text[start:end]
    low = piece.lower()
    if any(part in low for part in _NUMBER_WORD_PARTS):
        return True
    # Other digits, including "²", which str.isdigit takes for one but \d does not.
    return not piece.isascii() and any(ch.isdigit() for ch in _NON_ASCII.findall(piece))


def _word_value(toks: _Tokens, i: int) -> tuple[int, int] | None:
    """The value of a number written in words at token ``i`` and the index after it."""
    lows = toks.low
    n = len(lows)
    low = lows[i]
    value: int | None = None
    j = i + 1
    if low in _UNITS:
        value = _UNITS[low]
    elif low in _TENS:
        value = _TENS[low]
        # "twenty one", one space apart
        if j < n and lows[j] in _UNITS and _UNITS[lows[j]] < 10 and toks.start(j) == toks.end(i) + 1:
            value += _UNITS[lows[j]]
            j += 1
    elif "-" in low:
        tens, _, unit = low.partition("-")
        if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
            value = _TENS[tens] + _UNITS[unit]
    elif low == "dozen" and i > 0 and lows[i - 1] in ("a", "one"):
        return 12, j
    if value is None:
        return None
    if j < n and lows[j] == "dozen":
        return value * 12, j + 1
    if j < n and lows[j] in ("hundred", "thousand"):
        value *= _MULTIPLIERS[lows[j]]
        j += 1
        k = j + (1 if j < n and lows[j] == "and" else 0)
        if k < n:
            rest = _word_value(toks, k) if lows[k] not in ("dozen",) else None
            if rest and rest[0] < 100:
                value += rest[0]
                j = rest[1]
    return value, j


# A number in digits, with or without thousands separators ("12", "1,200").
_DIGITS = lazy_compile(r"\d{1,3}(?:,\d{3})*")


def _number_value(word: str) -> int | None:
    """The value of a number in digits or in words ("12", "three", "twenty-one")."""
    low = word.lower()
    if _DIGITS.fullmatch(low):
        return int(low.replace(",", ""))
    if low in _UNITS:
        return _UNITS[low]
    if low in _TENS:
        return _TENS[low]
    tens, _, unit = low.partition("-")
    if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
        return _TENS[tens] + _UNITS[unit]
    return None


# A number in digits or in words, as a piece of larger patterns: "12", "three",
# "twenty-one".
_NUMBER = rf"(?:\d{{1,3}}|(?:{'|'.join(_TENS)})(?:-[a-z]+)?|{'|'.join(sorted(_UNITS, key=len, reverse=True))})"

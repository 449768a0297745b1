"""Sentences as the recognisers see them: where they end, what their tense is, and the
cheap facts about their words that the prefilters test."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

from factlint import PublishedDate
from factlint_plugins._patterns import lazy_compile

from .lexicon import MONTH_ABBREVIATIONS, MONTH_FORMS, WEEKDAY_ABBREVIATIONS, YEAR_RE, any_of
from .periods import year_guess

__all__ = ["Sentence", "folded", "more_words_than", "sentence_spans"]

# Abbreviations whose full stop does not end a sentence. "Thur." is left out of the
# weekdays: a full stop after it has always ended one.
_DOTTED = "|".join(
    sorted(w.capitalize() for w in MONTH_ABBREVIATIONS)
    + sorted(w.capitalize() for w in WEEKDAY_ABBREVIATIONS if w != "thur")
)
_ABBREV_BEFORE_DOT = lazy_compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|Jr|Sr|Inc|Co|Corp|Ltd|No|vs|v|U\.S|U\.K|U\.N|"
    rf"{_DOTTED}|[A-Z]))$"
)
# The last alternative reads a full stop that lost its space, as in text copied from
# web pages: "added up to £148,000.That deadline", "on Tuesday, 9 May.In 2013".
_SENTENCE_END = lazy_compile(
    r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])|\n(?=[ \t]*(?:[-*+•]|\d+[.)])[ \t])"
    r"|(?<=[a-z0-9][a-z0-9])[.!?][\"'”’]?(?=[\"'“‘]?[A-Z][a-z])"
)


def sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence boundaries inside ``text[start:end]``."""
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        if m.group().startswith(".") and _ABBREV_BEFORE_DOT.search(text, max(start, m.start() - 6), m.start()):
            continue
        yield pos, m.end()
        pos = m.end()
    if pos < end:
        yield pos, end


_WORD = lazy_compile(r"\S+")


def more_words_than(text: str, start: int, end: int, n: int) -> bool:
    """Whether ``text[start:end]`` holds more than ``n`` words, as ``str.split()`` cuts
    them: read only as far as the word after the ``n``-th, not through a long stretch."""
    return next(itertools.islice(_WORD.finditer(text, start, end), n, None), None) is not None


_FUTURE = lazy_compile(
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
_PAST = lazy_compile(
    rf"\b(?<!\bbe )(?:{any_of(_PAST_FORMS)})\b"
    r"|\b(?<!\bbe )(?-i:[a-z]\w+)(?<!need)(?<!schedul)(?<!expect)(?<!plann)ed\b",
    re.IGNORECASE,
)

# The prefilters that test the lower-cased sentence are exact because lower-casing keeps
# every character's class (word, space, digit) and agrees with re.IGNORECASE on every
# character but these three, which the regex engine folds onto "i" or "s" and
# str.lower() does not ("İ" even becomes two characters); a sentence holding one of them
# has no lower-cased form, and runs every pattern.
_FOLD_EXCEPTIONS = ("\u0130", "\u0131", "\u017f")

# Every pattern reads a month as one of these forms followed by ".", ",", a space or the
# end, never by a small letter: "Mayor" or "Marco" is no month. A month glued to the next
# capitalised word ("29 MayFinal", "29 SeptFinal") comes from a table scraped without its
# cells' spaces: the day-and-month recogniser reads it after a weekday and a day.
_MONTH_WORD = lazy_compile(rf"(?:{MONTH_FORMS})(?:(?!\w)|(?=[A-Z][a-z]))")
_MONTH_WORD_FOLDED = lazy_compile(rf"(?:{MONTH_FORMS.lower()})(?!\w)")
_YEAR_NUMBER = lazy_compile(YEAR_RE)
_ASCII_DIGIT = lazy_compile(r"[0-9]")


def folded(words: str) -> str | None:
    """``words`` lower-cased for the prefilters, or None when that would not be exact."""
    for ch in _FOLD_EXCEPTIONS:
        if ch in words:
            return None
    return words.lower()


class Sentence:
    """One sentence of a document, ``text[span[0]:span[1]]``, as the recognisers read it.

    ``words`` is the sentence's text and ``folded`` its lower-cased form (None when
    lower-casing would not be exact, see :func:`folded`). The facts most prefilters
    test (``ascii_digit``, ``year``, ``month``) are found once, when it is made.
    """

    def __init__(self, text: str, span: tuple[int, int], pub: PublishedDate | None,
                 words: str, folded: str | None) -> None:
        self.text = text
        self.span = span
        self.pub = pub
        self.words = words
        self.folded = folded
        # What most prefilters test, found at once (attributes are read faster than properties):
        # a digit 0 to 9, a number that may be a year (1500 to 2100), a month as the patterns
        # read one (capitalised, as a whole word).
        self.ascii_digit = _ASCII_DIGIT.search(words) is not None
        self.year = self.ascii_digit and _YEAR_NUMBER.search(words) is not None
        self.month = _MONTH_WORD.search(words) is not None
        self._tense_marks: list[_Marks] | None = None

    @classmethod
    def of(cls, text: str, span: tuple[int, int], pub: PublishedDate | None) -> Sentence:
        """The sentence ``text[span[0]:span[1]]``, its words and their lower-cased form found here."""
        words = text[span[0] : span[1]]
        return cls(text, span, pub, words, folded(words))

    # -- what the prefilters test
    def month_any_case(self) -> bool:
        """Whether it names a month in any case ("5 MARCH 2021"); always without ``folded``."""
        return self.month or self.folded is None or _MONTH_WORD_FOLDED.search(self.folded) is not None

    def holds(self, words: tuple[str, ...]) -> bool:
        """Whether the lower-cased sentence holds one of ``words``; always without it."""
        sentence = self.folded
        if sentence is None:
            return True
        # A loop, not any() over a generator: this runs several times for most sentences.
        for w in words:  # noqa: SIM110
            if w in sentence:
                return True
        return False

    def search(self, pattern: re.Pattern[str]) -> bool:
        """Whether ``pattern`` matches the lower-cased sentence; always without it."""
        return self.folded is None or pattern.search(self.folded) is not None

    # -- what the readers ask
    def tense(self, start: int, end: int) -> str | None:
        """'past', 'future' or None: the tense marker nearest ``text[start:end]`` in the sentence.

        The markers are found once per sentence; on a tie in distance the future one wins.
        A marker starting inside ``text[start:end]`` does not count.
        """
        marks = self._tense_marks
        if marks is None:
            text, (lo, hi) = self.text, self.span
            marks = self._tense_marks = [_Marks(regex.finditer(text, lo, hi)) for regex in (_FUTURE, _PAST)]
        future, past = marks[0].distance(start, end), marks[1].distance(start, end)
        if future is None and past is None:
            return None
        if past is None or (future is not None and future <= past):
            return "future"
        return "past"

    def infer_year(self, month: int, day: int | None, start: int, end: int) -> int | None:
        """A year for a month (and day) written without one, from the publication date and the tense."""
        if self.pub is None:
            return None
        return year_guess(month, day, self.pub.value, self.tense(start, end))


class _Marks:
    """The matches of one tense pattern in a sentence, for the distance to the nearest.

    The matches do not overlap, so their starts and their ends are both in text order,
    and the nearest is found by bisection rather than by a pass over them all (a
    sentence may hold thousands).
    """

    __slots__ = ("ends", "starts")

    def __init__(self, matches: Iterator[re.Match[str]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in matches:
            self.starts.append(m.start())
            self.ends.append(m.end())

    def distance(self, start: int, end: int) -> int | None:
        """The least distance from ``text[start:end]`` to a match that does not start inside
        it: ``start - match end`` for one ending by ``start``, else ``match start - end``
        (below zero for one running into it). None when there is none."""
        starts, ends = self.starts, self.ends
        best: int | None = None
        # Of those ending by ``start``, the last is the nearest.
        i = bisect.bisect_right(ends, start)
        if i:
            best = start - ends[i - 1]
        # Of the others, the first: it runs into the span, or starts inside it (it does
        # not count, then the first starting at or after ``end`` does).
        after: int | None
        if i < len(starts) and starts[i] < start:
            after = starts[i] - end
        else:
            j = bisect.bisect_left(starts, end, lo=i)
            after = starts[j] - end if j < len(starts) else None
        if after is not None and (best is None or after < best):
            best = after
        return best

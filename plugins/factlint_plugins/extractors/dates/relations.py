"""Explicit orderings between two dates of one sentence: "arrested on May 5 after the
attack on May 3", "Following the vote on 5 May, the council met on 3 May", "X in 1999,
followed by a 2001 Y"."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from factlint import DateClaim
from factlint_plugins._patterns import lazy_compile

from .sentences import more_words_than

__all__ = ["CLAUSE_WORDS", "CUE_RELATION", "cue_relations", "name_part"]

_CUES = lazy_compile(
    r"\b(?P<cue>in\s+the\s+wake\s+of|in\s+the\s+aftermath\s+of|after|following|followed|"
    r"before|ahead\s+of|prior\s+to|preceded|preceding|since)\b",
    re.IGNORECASE,
)
# The ordering each cue states, subject against object.
CUE_RELATION = {
    "in the wake of": "after", "in the aftermath of": "after", "after": "after", "following": "after",
    "followed": "after", "followed by": "after", "before": "before", "ahead of": "before", "prior to": "before",
    "preceded": "before", "preceding": "before", "since": "since",
}
# Words after a cue that undo it: "since then", "was followed by".
_THEN_OR_WHEN = lazy_compile(r"\s+(?:then|when)\b")
_BY_AFTER = lazy_compile(r"\s+by\b")
# Between a subject date and its cue: punctuation, or a few words that measure the gap.
_GAP_BEFORE_CUE = lazy_compile(
    r"^[\s,;–—-]*(?:(?:shortly|just|soon|only|long|weeks|days|months|years|hours|a|an|one|two|three|few|several|\d+)\s+){0,3}$",
    re.IGNORECASE,
)
_BEFORE_AUDIENCE = lazy_compile(
    r"\s*(?:the|a|an)\s+(?:court|judge|jury|parliament|congress|committee|senate|house|lawmakers|magistrate|"
    r"tribunal|crowd|audience|cameras|panel|council|board|assembly)\b",
    re.IGNORECASE,
)
_SUBJECT_AFTER_OBJECT = lazy_compile(r"^[ \t]*,[ \t]*(?:(?:in|on|during|by)\s+)?$", re.IGNORECASE)
# A prepositional phrase between a subject date and its cue: "late Wednesday in the border town of X following".
_PLACE_BEFORE_CUE = lazy_compile(
    r"^[ \t]+(?:in|at|near|off|outside|inside|across|around|from)\s+(?:[\w'’.-]+\s+){0,6}$", re.IGNORECASE
)
# Words that open another clause: a date after them may belong to that clause, not the cue's phrase.
CLAUSE_WORDS = frozenset(
    """who whom whose which that where when while whereas and but or because although though since until
    unless if as than after before following said says say told announced announces reported reports""".split()
)
# Modal and future words: the event they govern may come later than the narrative date.
_IRREALIS = lazy_compile(
    r"\b(?:will|would|could|might|may|can|should|must|shall|plans?|planned|scheduled|expected|due|set\s+to|"
    r"intends?|aims?|hopes?|wants?|going\s+to)\b|['’]ll\b",
    re.IGNORECASE,
)
# Reporting verbs: "On Friday, police said ... after ..." dates the saying, not the ordered event.
_REPORTING = lazy_compile(
    r"\b(?:said|says|say|told|tells|announced|announces|announce|reported|reports|report|stated|states|claimed|"
    r"claims|confirmed|confirms|according|added|adds|revealed|reveals|warned|warns|argued|argues|wrote|writes|"
    r"denied|denies|alleged|alleges|accused|accuses|believes?|believed|thinks?|thought)\b",
    re.IGNORECASE,
)
# A date opening its sentence as an adverbial: "On Friday, ...", "In March 2019, ...".
_FRONTED = lazy_compile(r"^[\s\"“'(*•-]*(?:(?:on|in|late|early|by|during)\s+)?$", re.IGNORECASE)
# A participle or pluperfect opening a comma phrase: "the party, founded on 1 March, ..." dates an earlier event.
_EARLIER_PHRASE = lazy_compile(
    r"^\s*(?:(?:which|who)\s+)?(?:had\b|[a-z]+ed\b|born\b|built\b|begun\b|held\b)", re.IGNORECASE
)
# A capitalised word right after a day: "the March 23 Movement".
_NAME_AFTER = lazy_compile(r"[ \t]+(?!(?:Morning|Afternoon|Evening|Night)\b)[A-Z][a-z]")


_DETERMINERS = ("the", "a", "an", "his", "her", "their", "its")
# "since" a few words before a date: "the first time since March 30".
_SINCE_BEFORE = lazy_compile(r"\bsince\s+(?:[^\s,;:]+\s+){0,6}$")


def name_part(text: str, d: DateClaim) -> bool:
    """Whether a day date is part of a name, as in "the March 23 Movement" or "the January 6 Attack"."""
    if d.granularity != "day":
        return False
    return bool(_NAME_AFTER.match(text[d.span.end : d.span.end + 4]))


def _object_words_ok(cue: str, between: str) -> bool:
    """Whether the words from a cue to its object date form one phrase that the date can close."""
    if re.search(r"[,;:.()\"“”[\]]", between):
        return False
    words = between.split()
    if len(words) - bool(re.search(r"\b(?:on|in|at|of|during)\s*$", between)) > 10:
        return False
    lower = [w.lower() for w in words]
    if any(w in CLAUSE_WORDS for w in lower) or _IRREALIS.search(between):
        return False
    # "after agreeing to meet on May 3": the date belongs to a later, intended event.
    for i, w in enumerate(lower[:-1]):
        if w == "to" and words[i + 1][:1].islower() and lower[i + 1] not in _DETERMINERS:
            return False
    # "appeared before a judge", "testified before Congress": a place, not a time.
    return not (cue == "before" and (_BEFORE_AUDIENCE.match(between) or any(w[:1].isupper() for w in words)))


def cue_relations(
    text: str, sent: tuple[int, int], dates: list[DateClaim]
) -> Iterator[tuple[int, int, str, DateClaim, DateClaim, float]]:
    """Explicit orderings between two resolved dates of one sentence.

    Yields (start, end, cue, subject, object, confidence): the subject is the date of the
    event the cue places, the object the date of the event it is placed against. The
    confidence says how sure the link is, not the dates.
    """
    in_sentence = [d for d in dates if sent[0] <= d.span.start and d.span.end <= sent[1]]
    if len(in_sentence) < 2:
        return
    # Each cue looks up its dates by bisection, not by a pass over the sentence's dates
    # (a sentence may hold thousands): they do not overlap, so their starts and their
    # ends are both in text order.
    dates_in = _Dates(text, sent, in_sentence)
    seen: set[tuple[str, str]] = set()
    for m in _CUES.finditer(text, sent[0], sent[1]):
        cue = re.sub(r"\s+", " ", m["cue"].lower())
        if cue == "since" and _THEN_OR_WHEN.match(text, m.end()):
            continue
        if cue in ("followed", "preceded") and (by := _BY_AFTER.match(text, m.end())):
            # "X in 1999, followed by a 2001 Y": the roles reverse; read only the comma phrase.
            if cue == "followed" and (pair := _followed_by(text, dates_in, m.start(), by.end())) is not None:
                later, earlier = pair
                if (later.id, earlier.id) not in seen:
                    seen.add((later.id, earlier.id))
                    yield m.start(), by.end(), "followed by", later, earlier, 0.8
            continue
        # The object: the first date of the cue's phrase.
        obj = dates_in.first_from(m.end())
        if obj is None or name_part(text, obj):
            continue
        # More than eleven words never form the object's phrase: not read any further.
        if more_words_than(text, m.end(), obj.span.start, 11):
            continue
        between = text[m.end() : obj.span.start]
        if not _object_words_ok(cue, between):
            continue
        # Each further word between cue and date is a chance the date belongs to something else.
        link = 1.0 if len(between.split()) <= 6 else 0.85
        subj, how = _subject(text, sent, dates_in, m, cue, obj)
        if subj is None or subj.id == obj.id or name_part(text, subj):
            continue
        if _SINCE_BEFORE.search(text[max(sent[0], subj.span.start - 60) : subj.span.start]):
            # "the first time since March 30 after ...": a since-date bounds a period, the cue orders its clause
            continue
        if subj.start is None or obj.start is None or (subj.id, obj.id) in seen:
            continue
        seen.add((subj.id, obj.id))
        yield m.start(), m.end(), cue, subj, obj, link * how


# Between an event's date and ", followed by": a few words closing its phrase ("in 1999 to Mohamed Gerbril,").
_BEFORE_FOLLOWED_BY = lazy_compile(r"^(?:[ \t]+[\w'’.-]+){0,5}[ \t]*,[ \t]*$")


class _Dates:
    """The dates of one sentence, in text order, looked up by bisection."""

    def __init__(self, text: str, sent: tuple[int, int], dates: list[DateClaim]) -> None:
        self.dates = dates
        self.starts = [d.span.start for d in dates]
        self.ends = [d.span.end for d in dates]
        # Where the sentence's words begin: a cue at or before it opens the sentence.
        opening = text[sent[0] : sent[1]]
        self.words_from = sent[0] + len(opening) - len(opening.lstrip(_OPENING_MARKS))

    def count_ending_by(self, pos: int) -> int:
        """How many dates end at or before ``pos``: the first so many."""
        return bisect.bisect_right(self.ends, pos)

    def first_from(self, pos: int) -> DateClaim | None:
        """The first date that starts at or after ``pos``."""
        i = bisect.bisect_left(self.starts, pos)
        return self.dates[i] if i < len(self.dates) else None


# What may stand before a sentence's first word: blanks, quotes, brackets and bullets.
_OPENING_MARKS = " \t\n\"“'(*•-"


def _followed_by(
    text: str, dates: _Dates, cue_start: int, by_end: int
) -> tuple[DateClaim, DateClaim] | None:
    """The later and earlier dates of "X in 1999 to A, followed by a 2001 Y", or None.

    Only when a comma closes the first event's phrase right after its date, and the
    second date opens the phrase after "by" within a few words.
    """
    n_prior = dates.count_ending_by(cue_start)
    last = dates.dates[n_prior - 1] if n_prior else None
    after = dates.first_from(by_end)
    if last is None or after is None or name_part(text, after) or name_part(text, last):
        return None
    # _BEFORE_FOLLOWED_BY holds at most six words as split() cuts them.
    if more_words_than(text, last.span.end, cue_start, 6):
        return None
    gap = text[last.span.end : cue_start]
    if not _BEFORE_FOLLOWED_BY.match(gap) or any(w.lower() in CLAUSE_WORDS for w in gap.replace(",", " ").split()):
        return None
    if more_words_than(text, by_end, after.span.start, 4):
        return None
    between = text[by_end : after.span.start]
    if not _object_words_ok("followed by", between):
        return None
    return after, last


def _subject(
    text: str, sent: tuple[int, int], dates: _Dates, m: re.Match[str], cue: str, obj: DateClaim
) -> tuple[DateClaim | None, float]:
    """The date of the event a cue places, and how sure that link is."""
    n_prior = dates.count_ending_by(m.start())
    if n_prior:
        last = dates.dates[n_prior - 1]
        gap = text[last.span.end : m.start()]
        if _GAP_BEFORE_CUE.match(gap):
            return last, 1.0  # "arrested on May 5 after the attack"
        if _PLACE_BEFORE_CUE.match(gap) and not any(w.lower() in CLAUSE_WORDS for w in gap.split()):
            return last, 0.85  # "killed late Wednesday in the town of Tiné following ..."
    if m.start() <= dates.words_from:
        # A sentence that opens with the cue: "After the 2019 vote, in 2018, ..."
        d = dates.first_from(obj.span.end)
        np_end = _phrase_end(text, obj.span.end, sent[1])
        if d is None or np_end is None:
            return None, 0.0
        if _SUBJECT_AFTER_OBJECT.match(text[np_end : d.span.start]):
            return d, 1.0
        # "Following the vote on 5 May, the council met on 3 May": a day later in the main clause.
        clause = text[np_end + 1 : d.span.start]
        segment = clause.rsplit(",", 1)[-1]
        if (
            d.granularity == "day"
            and re.search(r"\bon\s+$", clause)
            and not _IRREALIS.search(clause)
            and not _REPORTING.search(clause)
            and not _EARLIER_PHRASE.match(segment)
            and not re.search(r"\bhad\b|[;:()]", clause)
        ):
            return d, 0.75
        return None, 0.0
    # A date opening the sentence dates its main clause: "On Friday, fishermen rescued ... after ...".
    # Only for "after": a clause nested in the main one and ordered after an event is then still
    # after it, whereas "before" may order a nested, earlier event.
    if n_prior and cue in ("after", "following", "in the wake of", "in the aftermath of"):
        if n_prior > 1:
            return None, 0.0
        first = dates.dates[0]
        lead = text[sent[0] : first.span.start]
        rest = text[first.span.end : m.start()]
        if (
            _FRONTED.match(lead)
            and re.match(r"\s*,", rest)
            and not _IRREALIS.search(text[first.span.end : obj.span.start])
            and not _REPORTING.search(text[first.span.end : obj.span.start])
            and not re.search(r"[;:()]", rest)
        ):
            return first, 0.75
    return None, 0.0


def _phrase_end(text: str, pos: int, limit: int) -> int | None:
    """Where the noun phrase holding a date ends: at the next comma, within a few words."""
    comma = text.find(",", pos, limit)
    if comma < 0 or len(text[pos:comma].split()) > 4:
        return None
    return comma

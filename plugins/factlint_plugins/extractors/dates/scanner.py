"""Running the recognisers over a sentence, and choosing among what they find.

Most sentences name no time at all, so a gate comes first: a sentence holding neither
a digit nor, at a word start, a cue word of some recogniser is not scanned, and a
block without one is not even cut into sentences. The cues come from the recognisers'
own entries, so the gate learns every word they are taught.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import itertools
from collections.abc import Iterable

from factlint_plugins._patterns import lazy_compile

from .appositions import attach_apposition
from .lexicon import any_of
from .periods import nearest_year
from .recognisers import RECOGNISERS, Found, Recogniser
from .sentences import Sentence

__all__ = ["may_hold_date", "scan", "select"]

_CUES = tuple(dict.fromkeys(cue for r in RECOGNISERS for cue in r.cues))
_MAY_HOLD_DATE = lazy_compile(rf"\d|(?i:\b(?:{any_of(_CUES)}))")
# The cues, for the lower-cased text: see may_hold_date.
_MAY_HOLD_DATE_FOLDED = lazy_compile(rf"\b(?:{any_of(_CUES)})")
_ANY_DIGIT = lazy_compile(r"\d")


def may_hold_date(text: str, span: tuple[int, int], words: str, folded: str | None) -> bool:
    """Whether ``text[span[0]:span[1]]`` holds a digit or a cue word at a word start;
    ``words`` is that text and ``folded`` its lower-cased form (see :func:`.sentences.folded`).

    Mostly from faster tests than the regex over the text: a digit, or a cue at a word
    start of the lower-cased text. Only where that text cannot stand in, or starts
    inside a word, whose start lies before it, is the regex itself run.
    """
    if _ANY_DIGIT.search(words):
        return True
    start = span[0]
    if folded is None or (start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_")):
        return _MAY_HOLD_DATE.search(text, *span) is not None
    return _MAY_HOLD_DATE_FOLDED.search(folded) is not None


def scan(sentence: Sentence, *, prefilters: bool = True,
         recognisers: Iterable[Recogniser] = RECOGNISERS) -> list[Found]:
    """Every date expression of ``sentence``, recogniser by recogniser in table order
    (ties in :func:`select` keep it). ``prefilters=False`` runs every pattern on the
    sentence, as the tests do to show that the prefilters change nothing."""
    found: list[Found] = []
    for r in recognisers:
        # Recogniser.find, without its call for the many sentences a prefilter turns away.
        if prefilters and not r.prefilter(sentence):
            continue
        found.extend(r.find(sentence, prefilter=False))
    return found


def select(found: list[Found], text: str) -> list[Found]:
    """Keep the longest expression where several overlap; attach appositions."""
    found.sort(key=lambda f: (-(f.end - f.start), -f.priority, f.start))
    kept: list[Found] = []
    if not found:
        return kept
    # The characters the kept expressions cover, so that a candidate is tested against
    # its own characters, not against every expression kept so far (a sentence of
    # thousands of dates). An expression of no length is tested the long way.
    origin = min(f.start for f in found)
    covered = bytearray(max(f.end for f in found) - origin)
    empty: list[Found] = []
    for f in found:
        if f.start < f.end:
            if covered.find(1, f.start - origin, f.end - origin) >= 0:
                continue
            if empty and any(f.start < k.end and k.start < f.end for k in empty):
                continue
            covered[f.start - origin : f.end - origin] = b"\x01" * (f.end - f.start)
        else:
            if any(f.start < k.end and k.start < f.end for k in kept):
                continue
            empty.append(f)
        kept.append(f)
    kept.sort(key=lambda f: f.start)
    _anchor_years(kept)
    for f in kept:
        if f.kind == "relative":
            attach_apposition(text, f)
    # What is named in apposition belongs to the expression it explains, not a date of its own.
    inside = sorted(f.extra["apposition_at"] for f in kept if "apposition_at" in f.extra)
    if not inside:
        return kept
    # Whether an apposition opening at or before an expression closes at or after its end:
    # the furthest close among those opening by each point.
    opens = [a for a, _ in inside]
    furthest = list(itertools.accumulate((b for _, b in inside), max))
    out = []
    for f in kept:
        i = bisect.bisect_right(opens, f.start)
        if not (i and furthest[i - 1] >= f.end):
            out.append(f)
    return out


def _anchor_years(found: list[Found]) -> None:
    """Give a day written without a year the year of a dated day or month in the same sentence.

    "On 3 March 2019 ... and on 7 March" means March 2019 whatever the publication date;
    the year nearest the written one is taken, so "December 28 ... January 5, 2025" spans
    the turn of the year.
    """
    anchors = [f for f in found if f.kind == "date" and f.year_explicit and f.interval is not None
               and f.granularity in ("day", "month")]
    if not anchors:
        return
    # ``found`` is in text order, so the nearest anchor is the first that starts at the
    # day or after it, or the first of those that start nearest before it; on a tie the
    # one before, as min() over every anchor would pick.
    starts = [a.start for a in anchors]
    for f in found:
        if "yearless" not in f.extra or f.interval is None:
            continue
        month, d1, d2 = f.extra["yearless"]
        i = bisect.bisect_left(starts, f.start)
        either_side = anchors[i : i + 1]
        if i:
            either_side.insert(0, anchors[bisect.bisect_left(starts, starts[i - 1])])
        nearest = min(either_side, key=lambda a: abs(a.start - f.start))
        near = nearest.interval[0]  # type: ignore[index]
        try:
            year = nearest_year(month, d1, near)
            f.interval = (_dt.date(year, month, d1), _dt.date(year, month, d2))
        except ValueError:  # 29 February with no leap year near
            continue

"""``source/quote``: a direct quotation that the sources do not give in those words, or
give as another speaker's.

A quotation and the source text are both folded before they are compared: case,
typographic quotes and apostrophes, dashes, punctuation and spacing do not count; an
ellipsis ("...", "…") in the quotation stands for any omitted stretch of the source,
and a square-bracketed insertion ("[the minister]") for a few words the writer
replaced. A quotation found that way is exact. One not found is looked for among the
source sentences its sentence aligns with: a close match is a drifted quotation (the
finding shows the source's wording and the words changed); none is an absent one.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from factlint import CheckContext, Finding, Rule, Severity
from factlint_plugins._patterns import lazy_compile

from ..name_matching import TOKEN_THRESHOLD, name_tokens, token_similarity
from .align import SourceIndex, content_tokens, sentence_around, source_index

if TYPE_CHECKING:
    from factlint import SourceDocument

__all__ = [
    "FoldedText",
    "Quotation",
    "SourceQuoteMismatch",
    "SourceQuoteOptions",
    "find_quotations",
    "fold",
    "quotation_span",
]

# A quotation: straight or typographic double quotes, within one paragraph.
_QUOTATION = lazy_compile(r"[\"“]([^\"“”\n]{2,1500}?)[\"”]")
_ELLIPSIS = lazy_compile(r"\.\s?\.\s?\.|…")
_BRACKETED = lazy_compile(r"\[[^\]]{0,80}\]")
# Apostrophes part words, so that "I'm" and the tokenised "i 'm" fold alike.
_FOLD_WORD = lazy_compile(r"[^\W_]+")

# A speaker named beside a quotation: "X said", "said X", "X says", "according to X".
_NAME = r"((?:[A-Z][\w'’.-]+)(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|al|bin|da))*)"
_SPEAKER_AFTER = lazy_compile(
    r"^[\s,.;:—–\"”'’-]*(?:(?:said|says|added|adds|told\s+\w+|wrote|writes|explained|insisted|claimed)\s+"
    + _NAME + r"|(?:[a-z]+\s+){0,3}" + _NAME
    + r"\s+(?:said|says|added|adds|told|wrote|writes|explained|insisted|claimed)\b)"
)
_SPEAKER_BEFORE = lazy_compile(
    _NAME + r"(?:,[^,]{1,60},)?\s+(?:said|says|added|adds|told\s+[\w\s]{1,30}?|wrote|writes|explained|"
    r"insisted|claimed|stated|declared)[\s,:]*$|according to\s+" + _NAME + r"[\s,:]*$"
)

# Quotations this short are titles, nicknames or scare quotes ("the 'hats'", "boring"),
# not a person's words.
_MIN_WORDS = 4
# How close (rapidfuzz partial ratio, 0 to 100) a source passage must be to a quotation
# to be the passage it drifted from.
_DRIFT_RATIO = 80.0


def fold(text: str) -> str:
    """A text as quotations are compared: lower case, accents, quotes, apostrophes,
    punctuation and spacing folded away, words separated by one space."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return " ".join(m.group().lower() for m in _FOLD_WORD.finditer(text))


@dataclass(frozen=True)
class FoldedText:
    """A text folded as :func:`fold` does, with the offset in the original of each
    folded character, to show where a match is."""

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, original: str, start: int = 0, end: int | None = None) -> FoldedText:
        """Fold ``original[start:end]``, keeping offsets into ``original``."""
        end = len(original) if end is None else end
        chars: list[str] = []
        offsets: list[int] = []
        for m in _FOLD_WORD.finditer(original, start, end):
            if chars:
                chars.append(" ")
                offsets.append(m.start())
            word = unicodedata.normalize("NFKC", m.group()).replace("’", "'").lower()
            if len(word) != len(m.group()):
                word = m.group().lower()  # a ligature: keep offsets one to one
            for k, ch in enumerate(word):
                chars.append(ch)
                offsets.append(m.start() + k)
        return cls("".join(chars), tuple(offsets))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of folded ``[start, end)``."""
        if not self.offsets:
            return 0, 0
        return self.offsets[start], self.offsets[max(start, end - 1)] + 1


@dataclass(frozen=True)
class Quotation:
    """A direct quotation in an article."""

    start: int
    """Offset of its first word (inside the quotation marks)."""
    end: int
    """Offset just past its last word."""
    text: str
    """Its words as written."""
    speaker: str | None
    """The name it is attributed to, if one is named beside it."""


def find_quotations(text: str, start: int = 0, end: int | None = None) -> list[Quotation]:
    """The direct quotations of ``text[start:end]`` long enough to be someone's words,
    each with its speaker when one is named beside it."""
    end = len(text) if end is None else end
    out = []
    for m in _QUOTATION.finditer(text, start, end):
        words = m.group(1)
        if len(_FOLD_WORD.findall(words)) < _MIN_WORDS:
            continue
        out.append(Quotation(m.start(1), m.end(1), words, speaker_near(text, m.start(), m.end())))
    return out


def speaker_near(text: str, start: int, end: int) -> str | None:
    """The name a quotation at ``text[start:end]`` (its marks included) is attributed
    to: "..., X said", "X said: ...", "according to X"."""
    after = _SPEAKER_AFTER.match(text[end : end + 120])
    if after:
        return after.group(1) or after.group(2)
    before = _SPEAKER_BEFORE.search(text[max(0, start - 160) : start])
    if before:
        return next((g for g in before.groups() if g), None)
    return None


def _part_pattern(part: str) -> re.Pattern[str] | None:
    """A pattern over folded text for a stretch of a quotation without an ellipsis: its
    words, a bracketed insertion standing for up to six words (the first few only, so
    that no quotation makes the search slow)."""
    chunks = []
    for j, seg in enumerate(_BRACKETED.split(part)):
        if 0 < j <= _MAX_GAPS:
            chunks.append(r"(?: ?[^ ]+(?: [^ ]+){0,5})?")
        folded = fold(seg)
        if folded:
            chunks.append(r" ?" + re.escape(folded))
    body = "".join(chunks)
    if not fold(_BRACKETED.sub(" ", part)):
        return None
    if body.startswith(r" ?"):
        body = body[2:]
    return re.compile(r"(?<![^ ])" + body + r"(?![^ ])")


def quotation_span(quote: str, folded: str) -> tuple[int, int] | None:
    """Where in ``folded`` (a text folded by :func:`fold`) the quotation's words are,
    an ellipsis standing for any stretch of up to a few thousand characters and a
    bracketed insertion for up to six words; None when they are not there.

    The stretches between ellipses are found one after another, each as early as it
    comes after the one before, from each of the first places the first stretch is
    found: no backtracking over the gaps, so the time stays linear in the text."""
    patterns = [p for p in (_part_pattern(part) for part in _ELLIPSIS.split(quote)) if p is not None]
    if not patterns:
        return None
    for n, first in enumerate(patterns[0].finditer(folded)):
        if n >= _MAX_STARTS:
            break
        end = first.end()
        for pattern in patterns[1:]:
            m = pattern.search(folded, end, min(len(folded), end + _ELLIPSIS_GAP + 2 * len(quote)))
            if m is None:
                break
            end = m.end()
        else:
            return first.start(), end
    return None


# How many bracketed insertions of one stretch stand for words; how far an ellipsis may
# reach; from how many places of its first stretch a quotation is tried.
_MAX_GAPS = 3
_ELLIPSIS_GAP = 4000
_MAX_STARTS = 50


class SourceQuoteOptions(BaseModel):
    """Options of ``source/quote``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    attributed: Literal["quoted", "all"] = Field(
        "quoted",
        description="Which quotations may be reported as absent from the sources: 'quoted', those of "
        "sentences the sources otherwise bear out (a quotation from the reporter's own interview is not "
        "the sources' to judge); 'all', every one. A drifted quotation, and one the sources give as "
        "another speaker's, are reported either way.",
    )
    min_alignment: float = Field(
        0.5, ge=0, le=1,
        description="How well (0 to 1) a sentence must be borne out by the sources for a quotation in it "
        "that they lack to be reported absent under 'quoted'.",
    )


class SourceQuoteMismatch(Rule[SourceQuoteOptions]):
    """A direct quotation that the sources do not give in those words, or give as
    another speaker's.

    ## What it flags

    Words in quotation marks (four words or more) that are not in the sources as
    written. Case, typographic quotes, punctuation and spacing do not count; an
    ellipsis ("...") stands for any stretch left out and a square-bracketed insertion
    for the words it replaces. A quotation close to a source passage but not the same
    is *drifted*: the finding shows the source's wording and the words changed. One
    with no close passage is *absent*. A quotation the sources give but attribute to
    someone else than the speaker the article names is flagged too.

    ## Why it matters

    Quotation marks promise the speaker's exact words. A quotation tidied up in
    editing, or pinned on the wrong person, is among the errors most often corrected
    and most often complained about.

    ## Example

    ```
    "We will not rest until every child is home," the minister said.
    ```

    with the source reading "We will not rest until every hostage is home".

    ## Use instead

    ```
    "We will not rest until every hostage is home," the minister said.
    ```

    or take the quotation marks off a paraphrase.

    ## Fix safety

    No fix is offered: the article may quote another occasion. A drifted quotation
    gets the source's wording as its suggestion.

    ## Options

    - `attributed` ("quoted" or "all", default "quoted"): which quotations may be
      reported as absent from the sources.
    - `min_alignment` (float, default 0.5): how well a sentence must be borne out by
      the sources for a quotation in it that they lack to be reported absent.
    """

    id = "source/quote"
    reads_sources = True
    summary = "A quotation is not in the sources as written, or is another speaker's there."
    severity = Severity.WARNING
    Options = SourceQuoteOptions
    fix_safety = None

    def check(self, context: CheckContext) -> Iterator[Finding]:
        """Look for each quotation of the article in the sources."""
        if not context.sources:
            return
        options = self.options
        index = source_index(context.sources)
        folded = [(source, FoldedText.of(source.document.text)) for source in index.sources]
        document = context.document
        text = document.text
        for quote in find_quotations(text):
            found = _find_exact(quote, folded)
            if found is not None:
                source, (start, end) = found
                finding = self._other_speaker(context, quote, source, start, end)
                if finding is not None:
                    yield finding
                continue
            lo, hi = sentence_around(document, quote.start, quote.end)
            alignments = index.align_tokens(list(content_tokens(text, lo, hi)), limit=3)
            drift = _closest(quote, index, alignments)
            if drift is not None:
                source, (start, end), ratio = drift
                yield self._drifted(context, quote, source, start, end, ratio)
                continue
            grounded = bool(alignments) and alignments[0].score >= options.min_alignment
            if options.attributed == "all" or grounded:
                related = []
                if alignments:
                    sentence = alignments[0].sentence
                    related = [context.related_in(sentence.source, sentence.source.document.span(
                        sentence.start, sentence.end), "the closest source sentence")]
                yield context.finding(
                    document.span(quote.start, quote.end),
                    "Quotes words the sources do not give.",
                    related=related,
                    confidence=0.5,
                )

    def _other_speaker(
        self, context: CheckContext, quote: Quotation, source: SourceDocument, start: int, end: int
    ) -> Finding | None:
        if quote.speaker is None:
            return None
        src_text = source.document.text
        # The quotation's marks in the source, if it has them, are just outside the match.
        lo = start - 1 if start and src_text[start - 1] in "\"“'‘" else start
        hi = end + 1 if end < len(src_text) and src_text[end] in "\"”'’" else end
        theirs = speaker_near(src_text, lo, hi)
        if theirs is None or _same_person(quote.speaker, theirs):
            return None
        return context.finding(
            context.document.span(quote.start, quote.end),
            f"Quotes {quote.speaker} in words the source gives as {theirs}'s.",
            related=[context.related_in(source, source.document.span(start, end), f"said by {theirs}")],
            confidence=0.7,
        )

    def _drifted(
        self, context: CheckContext, quote: Quotation, source: SourceDocument, start: int, end: int, ratio: float
    ) -> Finding:
        theirs = source.document.text[start:end]
        changed = _changed_words(quote.text, theirs)
        ours = quote.text.rstrip(" ,.;:")
        return context.finding(
            context.document.span(quote.start, quote.end),
            f'Quotes "{ours}" where the source reads "{theirs}"' + (f" ({changed})." if changed else "."),
            related=[context.related_in(source, source.document.span(start, end), "the source's words")],
            suggestion=theirs,
            confidence=round(min(0.9, ratio / 100), 3),
        )


def _find_exact(
    quote: Quotation, folded: Sequence[tuple[SourceDocument, FoldedText]]
) -> tuple[SourceDocument, tuple[int, int]] | None:
    """Where a source gives the quotation word for word, as original offsets."""
    for source, ft in folded:
        found = quotation_span(quote.text, ft.text)
        if found is not None:
            return source, ft.span(*found)
    return None


def _closest(
    quote: Quotation, index: SourceIndex, alignments: Sequence
) -> tuple[SourceDocument, tuple[int, int], float] | None:
    """The source passage a quotation drifted from: in the sentences its sentence
    aligns with (and their neighbours), the stretch closest to its words."""
    target = fold(_BRACKETED.sub(" ", _ELLIPSIS.sub(" ", quote.text)))
    if not target:
        return None
    best: tuple[SourceDocument, tuple[int, int], float] | None = None
    seen: set[int] = set()
    for alignment in alignments:
        number = alignment.sentence.number
        for k in (number - 1, number, number + 1):
            if k in seen or not 0 <= k < len(index.sentences):
                continue
            seen.add(k)
            sentence = index.sentences[k]
            if sentence.source is not alignment.sentence.source:
                continue
            ft = FoldedText.of(sentence.source.document.text, sentence.start, sentence.end)
            if not ft.text:
                continue
            found = fuzz.partial_ratio_alignment(target, ft.text, score_cutoff=_DRIFT_RATIO)
            if found is None or (best is not None and found.score <= best[2]):
                continue
            # Widen the match to whole words.
            s, e = found.dest_start, found.dest_end
            while s > 0 and ft.text[s - 1] != " ":
                s -= 1
            while e < len(ft.text) and ft.text[e] != " ":
                e += 1
            if len(ft.text[s:e].split()) < _MIN_WORDS - 1:
                continue
            best = (sentence.source, ft.span(s, e), found.score)
    return best


def _changed_words(ours: str, theirs: str) -> str:
    """The words changed between a quotation and the source, briefly: "'child' for 'hostage'"."""
    a, b = fold(ours).split(), fold(theirs).split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "replace":
            parts.append(f"'{' '.join(a[i1:i2])}' for '{' '.join(b[j1:j2])}'")
        elif op == "delete":
            parts.append(f"'{' '.join(a[i1:i2])}' added")
        elif op == "insert":
            parts.append(f"'{' '.join(b[j1:j2])}' left out")
    return "; ".join(parts[:3]) + ("; ..." if len(parts) > 3 else "")


def _same_person(a: str, b: str) -> bool:
    """Whether two names may be one person: some word of one matches one of the other
    ("Obama" and "Barack Obama")."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return True  # a pronoun or a title: not a name to compare
    return any(token_similarity(x, y) >= TOKEN_THRESHOLD for x in ta for y in tb)

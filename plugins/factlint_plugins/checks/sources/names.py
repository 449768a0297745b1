"""``source/name``: a name in the article that its sources write otherwise, or do not
name at all.

Names are compared as the name checks compare them (:mod:`..name_matching`): word
by word, with transliteration choices folded together, so "Turat Zedek" is found to
be the sources' "Torat Tzedek" and "Human Rights First" is never taken for "Human
Rights Watch". A name inside a list paired with a source's list (:mod:`.lists`) is
compared with the item in its place, which also catches a short form respelled
("the Center for the Defense of the Individual" where the signatures read "HaMoked:
Center for the Defence of the Individual").
"""

from __future__ import annotations

import threading
import unicodedata
import weakref
from collections.abc import Iterator
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

import factlint
from factlint import EntityClaim
from factlint_plugins._english import MONTHS, WEEKDAYS
from factlint_plugins._patterns import lazy_compile

from ..name_matching import (
    _APOSTROPHES,
    _SEPARATORS,
    TOKEN_THRESHOLD,
    NameIndex,
    compare,
    name_tokens,
    spelling_convention,
    token_similarity,
)
from .align import Alignment, SourceIndex, attributed, content_tokens, sentence_around, source_index
from .lists import ListPair, aligned_lists, item_span

if TYPE_CHECKING:
    from factlint import SourceDocument

__all__ = ["SourceNameOptions", "SourceNameRule"]

# A name run into a weekday or month by a lost line break: not a name to look for.
_GLUED_DATE = lazy_compile("[a-z](?:" + "|".join([*WEEKDAYS, *(m for m in MONTHS if m != "May")]) + ")")


class _SourceNames:
    """What the sources name, read once per tuple of sources: every entity mention,
    and each source's text as name tokens, to tell whether a name occurs at all. The
    parts only some articles need (the names filed for :func:`compare`, the words by
    their first letters) are built when first asked for."""

    def __init__(self, index: SourceIndex) -> None:
        self.index = index
        self.mentions: list[tuple[SourceDocument, EntityClaim]] = []
        self.by_surname: dict[str, list[tuple[SourceDocument, EntityClaim]]] = {}
        """Full names (two words or more, not organizations or places) by their last word."""
        self.name_words: set[str] = set()
        """Every word of every name the sources give."""
        self.texts: list[str] = []
        """Each source's text as name tokens between blanks, with a blank at each end."""
        self.words: set[str] = set()
        """Every word of the sources, as name tokens."""
        for source in index.sources:
            for claim in source.claims.of_kind("entity", EntityClaim):
                if isinstance(claim, EntityClaim) and not _GLUED_DATE.search(claim.name):
                    self.mentions.append((source, claim))
                    tokens = name_tokens(claim.name)
                    self.name_words.update(tokens)
                    if len(tokens) >= 2 and claim.entity_type in ("person", "other"):
                        self.by_surname.setdefault(tokens[-1], []).append((source, claim))
            folded = _fold(source.document.text)
            self.texts.append(f" {folded} ")
            self.words.update(folded.split())
        self._lock = threading.Lock()
        self._names: tuple[NameIndex, list[list[int]]] | None = None
        self._by_prefix: dict[str, list[str]] | None = None
        self._by_initial: dict[str, list[str]] | None = None

    def written(self, tokens: tuple[str, ...]) -> bool:
        """Whether some source writes these name tokens, in this order, as words."""
        run = " " + " ".join(tokens) + " "
        return any(run in text for text in self.texts)

    def respellings(self, name: str) -> list[tuple[SourceDocument, EntityClaim]]:
        """The sources' mentions of the same name spelled otherwise."""
        index, numbers = self._filed()
        found: list[tuple[SourceDocument, EntityClaim]] = []
        for distinct in index.candidates(name):
            claim = self.mentions[numbers[distinct][0]][1]
            match = compare(name, claim.name)
            if match.same and not match.identical and not _convention_only(name, claim.name):
                found.extend(self.mentions[k] for k in numbers[distinct])
        return found

    def respelled_word(self, token: str) -> tuple[SourceDocument, int, int] | None:
        """Where a source writes, as a word of one of its names, a word that is this
        name token respelled (five letters or more, one only): the source, and the
        word's offsets in its text."""
        if len(token) < 5:
            return None
        found = None
        for source, claim in self.mentions:
            for m in _WRITTEN_WORD.finditer(claim.name):
                word = name_tokens(m.group())
                if len(word) != 1 or word[0] == token or word[0][0] != token[0]:
                    continue
                if token_similarity(token, word[0]) >= TOKEN_THRESHOLD:
                    if found is not None and found[1] != word[0]:
                        return None  # two candidates: no one spelling to suggest
                    start = claim.span.start + _offset_in(source, claim, m.start())
                    found = ((source, start, start + len(m.group())), word[0])
        return found[0] if found else None

    def _filed(self) -> tuple[NameIndex, list[list[int]]]:
        """Each distinct name of the sources filed once, with the mentions that write it."""
        with self._lock:
            if self._names is None:
                index = NameIndex()
                numbers: list[list[int]] = []
                seen: dict[str, int] = {}
                for k, (_, claim) in enumerate(self.mentions):
                    at = seen.get(claim.name)
                    if at is None:
                        seen[claim.name] = at = index.add(claim.name)
                        numbers.append([])
                    numbers[at].append(k)
                self._names = (index, numbers)
            return self._names

    @property
    def by_prefix(self) -> dict[str, list[str]]:
        """The sources' words of four letters or more, by their first four."""
        with self._lock:
            if self._by_prefix is None:
                found: dict[str, list[str]] = {}
                for word in self.words:
                    if len(word) >= 4:
                        found.setdefault(word[:4], []).append(word)
                self._by_prefix = found
            return self._by_prefix

    @property
    def by_initial(self) -> dict[str, list[str]]:
        """The sources' words by their first letter."""
        with self._lock:
            if self._by_initial is None:
                found: dict[str, list[str]] = {}
                for word in self.words:
                    found.setdefault(word[0], []).append(word)
                self._by_initial = found
            return self._by_initial


# Combining marks, which normalize() drops one character at a time: as one pattern,
# a long source is folded at the speed of a regular expression.
_COMBINING = lazy_compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def _fold(text: str) -> str:
    """A whole text as :func:`name_tokens` folds a name (case, diacritics, a
    possessive, apostrophes, hyphens and dashes), at the speed of regular
    expressions: :func:`normalize` reads a name one character at a time, too slow
    for a long source."""
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
        for old, new in _LETTERS:
            text = text.replace(old, new)
    text = _POSSESSIVE_S.sub("", text.casefold()).translate(_NO_APOSTROPHES)
    return " ".join(_SEPARATORS.split(text)).strip()


# A possessive, which name_tokens() drops from a name before folding it.
_POSSESSIVE_S = lazy_compile(r"['’]s\b")
_LETTERS = (("ß", "ss"), ("ø", "o"), ("æ", "ae"), ("œ", "oe"), ("ł", "l"))
_NO_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)


def _convention_only(a: str, b: str) -> bool:
    """Whether two names differ only by British and American spellings (Defence and
    Defense): both correct, and left to house style."""
    ta, tb = name_tokens(a), name_tokens(b)
    return len(ta) == len(tb) and all(x == y or spelling_convention(x, y) for x, y in zip(ta, tb, strict=True))


_MEMO: weakref.WeakKeyDictionary[SourceIndex, _SourceNames] = weakref.WeakKeyDictionary()
_MEMO_LOCK = threading.Lock()


def _source_names(index: SourceIndex) -> _SourceNames:
    with _MEMO_LOCK:
        found = _MEMO.get(index)
    if found is None:
        found = _SourceNames(index)
        with _MEMO_LOCK:
            found = _MEMO.setdefault(index, found)
    return found


class SourceNameOptions(BaseModel):
    """Options of ``source/name``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    attributed: Literal["quoted", "all"] = Field(
        "quoted",
        description="Which names may be reported as absent from the sources: 'quoted', those of "
        "sentences that attribute what they say ('the letter said', 'according to', quotes); 'all', "
        "every one (for a summary, whose every claim comes from its source). A name the sources "
        "spell otherwise is reported either way.",
    )


class SourceNameRule(factlint.Rule[SourceNameOptions]):
    """Flags a name that the story's sources spell otherwise, or do not name.

    ## What it flags

    A person, organization or place that a source writes with other letters: a
    transliteration ("Turat Zedek" where the letter signs "Torat Tzedek"), a slip
    ("Karim Kahn"), or, in a list paired with a source's list, a short form
    respelled ("the Center for the Defense of the Individual" where the signatures
    read "HaMoked: Center for the Defence of the Individual"). Names are compared
    word by word with transliteration choices folded together, so two different
    names that share words ("Yesh Din", "Yesh Gvul") are never taken for one; a
    difference of British and American spelling alone ("Defence"/"Defense") is
    left to house style outside a paired list.

    A name the sources do not give is also compared with the names of the source
    sentence it was written from: a person's surname with another first name
    ("Rose Byrne" where the source has "Liam Byrne"; with no aligned sentence, when
    the sources give that surname with one first name only), and a group's or
    place's name with one word changed ("Fighters for Peace" for "Combatants for
    Peace", a name translated word for word; "Manchester City" for "Manchester
    United"), unless the changed word only completes the name ("Open"/"Tournament").
    A one-word name the sources lack, which alone would say too little (it opens
    its sentence, or the extractor could not tell what it names), is reported only
    in the place of another: when the sentence's other words align closely with one
    source sentence, which has one one-word name the article's sentence lacks
    ("Einstein has partnered with ... Monty Python" where the source has "Hawking
    has partnered with ...").

    A name that no source writes at all is reported too, at info severity, when the
    article attributes what it says ("the letter said", "according to", quotation
    marks), at half the confidence it has with `attributed = "all"`: an editor
    checking a story against its sources looks first at a name they never give,
    but a story also names people of its own reporting. A full name the sources
    lack entirely is the surest case (0.7 with "all"); a name some of whose words
    they give, or a single word, less so (0.5); a capitalised word opening a
    sentence, a word in capitals, a one-word name the extractor could not type, or
    a name whose other words only complete it ("Augusta National") is not
    reported. Nor is a name whose every word the sources write somewhere, in
    another order or apart.

    ## Why it matters

    A name respelled on its way from the source to the story is the one readers,
    archives and search engines then know; a name the source never gives may be a
    name from another story.

    ## Example

    Source: "The letter is signed by 10 organizations: ..., Physicians for Human
    Rights – Israel, and Torat Tzedek."

    ```
    They are: ..., Physicians for Human Rights-Israel, and Turat Zedek.
    ```

    ## Use instead

    ```
    They are: ..., Physicians for Human Rights-Israel, and Torat Tzedek.
    ```

    ## Fix safety

    Unsafe: the source is usually right about a name, but not always (a typo in a
    press release), and two people may have names one letter apart. A name absent
    from the sources has no fix.

    ## Options

    - `attributed` ("quoted" or "all", default "quoted"): which names may be
      reported as absent from the sources. "quoted": names in sentences that
      attribute what they say; "all": every name (a summary checked against the
      article it summarises). A name the sources spell otherwise is reported
      either way.
    """

    id = "source/name"
    reads_sources = True
    summary = "A name the story's sources spell otherwise, or do not name."
    severity = factlint.Severity.WARNING
    requires = frozenset({"entity", "count"})
    Options = SourceNameOptions
    fix_safety = "unsafe"

    def check(self, context: factlint.CheckContext) -> Iterator[factlint.Finding]:
        """Yield the names the sources write otherwise or lack."""
        if not context.sources:
            return
        index = source_index(context.sources)
        names = _source_names(index)
        lists = aligned_lists(context.document, context.claims, context.sources)
        yield from self._list_items(context, lists)
        in_lists = [(p.article.list_span.start, p.article.list_span.end) for p in lists if p.article.list_span]
        reported: set[str] = set()
        for mention in context.claims.of_kind("entity", EntityClaim):
            if not isinstance(mention, EntityClaim) or _GLUED_DATE.search(mention.name):
                continue
            if any(a <= mention.span.start < b for a, b in in_lists):
                continue  # compared slot by slot with the source's list
            tokens = name_tokens(mention.name)
            if not tokens:
                continue
            if names.written(tokens):
                continue
            opens = _opens_sentence(context.document.text, mention.span.start)
            if len(tokens) > 2 and opens and names.written(tokens[1:]):
                continue  # "Singer Mariah Carey": a word opening the sentence, then the name
            respelled = names.respellings(mention.name)
            if respelled:
                yield self._respelled(context, index, mention, respelled)
                continue
            if len(tokens) == 1:
                word = names.respelled_word(tokens[0])
                if word is not None:
                    yield self._respelled_word(context, mention, word)
                    continue
            if mention.name in reported:
                continue
            other = self._other_first_name(context, index, names, mention, tokens)
            if other is None:
                other = self._one_word_apart(context, index, names, mention, tokens)
            if other is not None:
                reported.add(mention.name)
                yield other
                continue
            finding = self._absent(context, index, names, mention, tokens)
            if finding is not None:
                reported.add(mention.name)
                yield finding

    def _list_items(self, context: factlint.CheckContext, lists: list[ListPair]) -> Iterator[factlint.Finding]:
        for lst in lists:
            for pair in lst.items:
                if pair.relation != "respelled":
                    continue
                span, suggestion = item_span(context.document, pair)
                written = context.document.source_text(span)
                yield context.finding(
                    span,
                    f"\"{written}\" is written \"{suggestion}\" in the source's list.",
                    related=[context.related_in(lst.document, pair.source.span, "the source's item in this place")],
                    suggestion=suggestion,
                    fix=_fix(span, suggestion),
                    confidence=0.85,
                )

    def _respelled(
        self,
        context: factlint.CheckContext,
        index: SourceIndex,
        mention: EntityClaim,
        respelled: list[tuple[SourceDocument, EntityClaim]],
    ) -> factlint.Finding:
        # Of several, the one in the source sentence this one was written from.
        near = {id(a.sentence.source): a for a in _aligned(context, index, mention)}
        spellings = {claim.name for _, claim in respelled}

        def closeness(item: tuple[SourceDocument, EntityClaim]) -> tuple[int, int]:
            source, claim = item
            a = near.get(id(source))
            inside = a is not None and a.sentence.start <= claim.span.start < a.sentence.end
            return (0 if inside else 1, claim.span.start)

        source, claim = min(respelled, key=closeness)
        span = mention.span
        written = context.document.source_text(span)
        message = f"\"{written}\" is written \"{claim.name}\" in the source."
        if len(spellings) > 1:
            message = f"\"{written}\" is written {_either(sorted(spellings))} in the sources."
        return context.finding(
            span,
            message,
            related=[context.related_in(source, claim.span, "the source's spelling")],
            suggestion=claim.name if len(spellings) == 1 else None,
            fix=_fix(span, claim.name) if len(spellings) == 1 else None,
            confidence=0.85 if len(name_tokens(mention.name)) > 1 else 0.7,
        )

    def _respelled_word(
        self, context: factlint.CheckContext, mention: EntityClaim, word: tuple[SourceDocument, int, int]
    ) -> factlint.Finding:
        """A one-word name written otherwise as a word of a longer name of the sources
        ("Toyko" for the "Tokyo" of "Tokyo Sevens")."""
        source, start, end = word
        spelling = source.document.text[start:end]
        span = mention.span
        written = context.document.source_text(span)
        return context.finding(
            span,
            f"\"{written}\" is written \"{spelling}\" in the source.",
            related=[context.related_in(source, source.document.span(start, end), "the source's spelling")],
            suggestion=spelling,
            fix=_fix(span, spelling),
            confidence=0.6,
        )

    def _other_first_name(
        self,
        context: factlint.CheckContext,
        index: SourceIndex,
        names: _SourceNames,
        mention: EntityClaim,
        tokens: tuple[str, ...],
    ) -> factlint.Finding | None:
        """A full name whose surname the sources give only with other first names
        ("Rose Byrne" where the source has "Liam Byrne"): in the source sentence this
        one was written from, or in the only full name with that surname."""
        if len(tokens) < 2 or mention.entity_type not in ("person", "other"):
            return None
        people = names.by_surname.get(tokens[-1], [])
        if not people:
            return None
        first = tokens[0]
        if first in names.name_words or any(compare(mention.name, claim.name).same for _, claim in people):
            return None  # another person of the family the sources name, or a respelling
        if len(first) == 1 or _short_form_in(first, _written_tokens(mention.name)[0], names.by_initial):
            return None  # an initial ("J. Byrne") or a short form ("Man United")
        if first in names.words and _opens_sentence(context.document.text, mention.span.start):
            return None  # a word the sources use, opening the sentence: "Claims Kunis 'stole ...'"
        aligned = _aligned(context, index, mention)
        near = [(source, claim) for source, claim in people if _inside(aligned, source, claim)]
        spellings = {name_tokens(claim.name): claim for _, claim in people}
        if not near and len(spellings) > 1:
            return None
        source, claim = (near or people)[0]
        span = mention.span
        written = context.document.source_text(span)
        return context.finding(
            span,
            f"The sources name \"{claim.name}\", not \"{written}\".",
            related=[context.related_in(source, claim.span, "the name in the source")],
            suggestion=claim.name,
            fix=_fix(span, claim.name),
            confidence=0.6 if near else 0.5,
        )

    def _one_word_apart(
        self,
        context: factlint.CheckContext,
        index: SourceIndex,
        names: _SourceNames,
        mention: EntityClaim,
        tokens: tuple[str, ...],
    ) -> factlint.Finding | None:
        """A name of a group or place that the source sentence this one was written
        from gives with one word changed ("Manchester City" where it has "Manchester
        United", a name translated word for word: "Fighters for Peace" for
        "Combatants for Peace")."""
        if len(tokens) < 2 or mention.entity_type == "person":
            return None
        aligned = _aligned(context, index, mention)
        if not aligned:
            return None
        found: dict[tuple[str, ...], tuple[SourceDocument, EntityClaim]] = {}
        for source, claim in names.mentions:
            other = name_tokens(claim.name)
            if len(other) != len(tokens) or not _inside(aligned, source, claim):
                continue
            differ = [i for i, (a, b) in enumerate(zip(tokens, other, strict=True)) if a != b]
            if len(differ) != 1:
                continue
            a, b = tokens[differ[0]], other[differ[0]]
            if token_similarity(a, b) >= TOKEN_THRESHOLD or a in _GENERIC_NAME_WORDS or b in _GENERIC_NAME_WORDS:
                continue  # a respelling, or a name completed otherwise
            if a in names.words:
                continue  # the sources use the word: another of their names ("National Park Service")
            found.setdefault(other, (source, claim))
        if len(found) != 1:
            return None
        source, claim = next(iter(found.values()))
        span = mention.span
        written = context.document.source_text(span)
        return context.finding(
            span,
            f"The source sentence this one was written from names \"{claim.name}\", not \"{written}\".",
            related=[context.related_in(source, claim.span, "the name in the source")],
            suggestion=claim.name,
            fix=_fix(span, claim.name),
            confidence=0.55,
        )

    def _in_place_of(
        self, context: factlint.CheckContext, index: SourceIndex, names: _SourceNames, mention: EntityClaim
    ) -> factlint.Finding | None:
        """A one-word name the sources lack, in a sentence whose other words align
        closely with one source sentence that has one one-word name the article's
        sentence lacks ("When Morocco first became a real power" where the source
        has "When Spain ..."): that name, in its place."""
        document = context.document
        lo, hi = sentence_around(document, mention.span.start, mention.span.end)
        start, end = mention.span.start, mention.span.end
        query = [t for t in content_tokens(document.text, lo, hi) if not start <= t.start < end]
        if len(query) < _PLACE_MIN_WORDS:
            return None
        alignments = index.align_tokens(query, limit=2)
        if not alignments or alignments[0].score < _PLACE_MIN_SCORE:
            return None
        best = alignments[0]
        if len(alignments) > 1 and alignments[1].score > best.score - _PLACE_MARGIN:
            return None
        article_words = set(_fold(document.text[lo:hi]).split())
        sentence = best.sentence
        source = sentence.source
        # The sentence's one-word names: capitalised words the sources use in a name
        # (the extractor leaves out a name opening a sentence: "Hawking has ..."),
        # not inside a longer name of the sentence.
        longer = [
            (c.span.start, c.span.end) for s, c in names.mentions
            if s is source and sentence.start <= c.span.start < sentence.end and len(name_tokens(c.name)) > 1
        ]
        word = name_tokens(mention.name)[0]
        rivals: dict[str, tuple[int, int]] = {}
        for m in _WRITTEN_WORD.finditer(source.document.text, sentence.start, sentence.end):
            written_word = m.group()
            if not written_word[0].isupper() or written_word.isupper():
                continue  # a heading in capitals ("SUPERSIZE") is no name
            folded = name_tokens(written_word)
            if len(folded) != 1 or folded[0] not in names.name_words or folded[0] in article_words:
                continue
            if any(a <= m.start() < b for a, b in longer) or word in folded[0] or folded[0] in word:
                continue  # part of a longer name, or the same name ("O'Sullivan")
            rivals.setdefault(folded[0], (m.start(), m.end()))
        if len(rivals) != 1:
            return None
        start, end = next(iter(rivals.values()))
        rival = source.document.text[start:end]
        span = mention.span
        written = document.source_text(span)
        return context.finding(
            span,
            f"The source sentence this one was written from names \"{rival}\", not \"{written}\".",
            related=[context.related_in(source, source.document.span(start, end), "the name in the source sentence")],
            suggestion=rival,
            fix=_fix(span, rival),
            confidence=0.5,
        )

    def _absent(
        self,
        context: factlint.CheckContext,
        index: SourceIndex,
        names: _SourceNames,
        mention: EntityClaim,
        tokens: tuple[str, ...],
    ) -> factlint.Finding | None:
        text = context.document.text
        quoted = attributed(text, *sentence_around(context.document, mention.span.start, mention.span.end))
        if self.options.attributed != "all" and not quoted:
            return None
        if _described(mention.name):
            return None
        written = _written_tokens(mention.name)
        known = [
            t for t, w in zip(tokens, written, strict=False)
            if t in names.words or _word_form_in(t, names.by_prefix) or _short_form_in(t, w, names.by_initial)
        ]
        opens = _opens_sentence(text, mention.span.start)
        first_only = opens and tokens[0] not in known and len(known) == len(tokens) - 1
        if first_only and any(t not in _GENERIC_NAME_WORDS for t in tokens[1:]):
            return None  # "Former Chelsea": the first word may only open the sentence
        if len(known) == len(tokens):
            return None  # every word is there: another order, or written apart
        unknown = [t for t in tokens if t not in known]
        adjective = mention.entity_type != "person" and all(_DEMONYM.search(t) for t in unknown)
        if len(tokens) > 1 and (adjective or all(t in _GENERIC_NAME_WORDS for t in unknown)):
            # "Augusta National", "South American": the name's own word is there, the
            # rest completes or describes it.
            return None
        if _joined_names(mention.name, names):
            return None  # "Facebook for the Maaco": two names the sources give, read as one
        if len(tokens) == 1 and (opens or mention.entity_type == "other"):
            # A capitalised word opening a sentence says too little, and one the
            # extractor could not type is as often an adjective ("Portuguese"):
            # reported only in the place of another name of its source sentence.
            if _DEMONYM.search(tokens[0]):
                return None
            return self._in_place_of(context, index, names, mention)
        confidence = _absent_confidence(tokens, known)
        if self.options.attributed != "all":
            # A news story names people its sources do not (it mixes sources and its
            # own reporting): even where it attributes, an absent name is a weak sign.
            confidence = round(confidence / 2, 3)
        alignments = _aligned(context, index, mention)
        related = []
        if alignments:
            a = alignments[0]
            related.append(
                context.related_in(
                    a.sentence.source,
                    a.sentence.source.document.span(a.sentence.start, a.sentence.end),
                    "the closest source sentence",
                )
            )
        span = mention.span
        return context.finding(
            span,
            f"\"{context.document.source_text(span)}\" is not named in the sources.",
            related=related,
            confidence=confidence,
            severity=factlint.Severity.INFO,
        )


_PLACE_MIN_WORDS = 3
"""The fewest content words besides the name for its sentence's slot to be found."""
_PLACE_MIN_SCORE = 0.5
"""How well those words must align with one source sentence."""
_PLACE_MARGIN = 0.1
"""How much better than the next that sentence must fit."""


def _inside(aligned: list[Alignment], source: SourceDocument, claim: EntityClaim) -> bool:
    """Whether ``claim`` lies in one of the ``aligned`` source sentences."""
    return any(a.sentence.source is source and a.sentence.start <= claim.span.start < a.sentence.end for a in aligned)


def _aligned(context: factlint.CheckContext, index: SourceIndex, mention: EntityClaim) -> list[Alignment]:
    return index.align_span(context.document, mention.span.start, mention.span.end, limit=3, min_score=0.2)


def _absent_confidence(tokens: tuple[str, ...], known: list[str]) -> float:
    """How sure that a name the sources lack is an error: a full name none of whose
    words they write is the surest; one some of whose words they write (another
    first name, a surname alone), or a single word, less so."""
    return 0.7 if len(tokens) > 1 and not known else 0.5


_WRITTEN_WORD = lazy_compile(r"[^\W_]+(?:['’][^\W_]+)*")


# Small words that names carry inside them in lower case.
_NAME_CONNECTORS = frozenset(
    "of for the and de da del della di du la le van von der den al el bin ibn y on in at".split()
)
_NAME_PARTS = lazy_compile(r"[\s\-‐‑]+")


def _described(name: str) -> bool:
    """Whether the "name" holds a lower-case word no name holds: a description the
    extractor took whole ("Engineer-turned-science-TV-host")."""
    return any(w[:1].islower() and w not in _NAME_CONNECTORS for w in _NAME_PARTS.split(name) if w)


def _offset_in(source: SourceDocument, claim: EntityClaim, at: int) -> int:
    """Where the character ``at`` of a claim's name is in the source's text, from the
    claim's start (the name is the text there, bar a leading "the")."""
    text = source.document.text[claim.span.start : claim.span.end]
    found = text.find(claim.name)
    return (found if found >= 0 else 0) + at


# Words that complete a name rather than make it ("Augusta National", "Old Trafford
# Stadium"): the extractor's organization and place words, and a few more.
_GENERIC_NAME_WORDS = frozenset(
    """national international royal central general united new old north south east west
    northern southern eastern western upper lower great greater grand saint st fc afc city
    club stadium arena airport hospital university college school station bridge hall
    centre center park street road avenue square county district province state region
    island islands river lake sea ocean mountains mountain valley bay coast tournament
    championship championships cup league games festival awards prize trophy series
    conference summit""".split()
)
# An adjective of a people or place: American, Brazilian, Portuguese, Scottish.
_DEMONYM = lazy_compile(r"^\w{2,}(?:ian|ean|ican|ese|ish)s?$")


def _joined_names(name: str, names: _SourceNames) -> bool:
    """Whether a name is two names the sources write, joined by a small word ("for the",
    "and", "of")."""
    parts: list[list[str]] = [[]]
    for word in _NAME_PARTS.split(name):
        if word.lower() in _NAME_CONNECTORS:
            if parts[-1]:
                parts.append([])
        elif word:
            parts[-1].append(word)
    parts = [p for p in parts if p]
    return len(parts) > 1 and all(names.written(name_tokens(" ".join(p))) for p in parts)


def _written_tokens(name: str) -> list[str]:
    """The name's words as written (case kept), aligned with :func:`name_tokens` where
    they agree in number."""
    words = [w for w in _WRITTEN_WORD.findall(name) if w.lower() not in ("the", "a", "an")]
    tokens = name_tokens(name)
    return words[-len(tokens) :] if len(words) >= len(tokens) else words


def _short_form_in(token: str, written: str, by_initial: dict[str, list[str]]) -> bool:
    """Whether a word is a short form of words the sources write: an acronym in
    capitals ("NZ", "GCSE": its expansion may be there, and capitals are no proof
    of a name: "READ MORE"), a contraction ("I've"), or an abbreviation whose letters a source
    word holds in order from its first, for three letters or fewer ("Utd" for United,
    "Man" for Manchester)."""
    if written.isupper():
        return True
    if "'" in written or "’" in written:
        return written.split("'")[0].split("’")[0] in ("I", "We", "You", "They", "He", "She", "It")
    if len(token) > 3:
        return False
    return any(_subsequence(token, w) for w in by_initial.get(token[0], ()) if len(w) > len(token))


def _subsequence(short: str, long: str) -> bool:
    """Whether the letters of ``short`` appear in ``long`` in order."""
    it = iter(long)
    return all(ch in it for ch in short)


def _opens_sentence(text: str, at: int) -> bool:
    k = at - 1
    while k >= 0 and text[k] in " \t\"'“‘(":
        k -= 1
    return k < 0 or text[k] in ".!?\n:"


def _word_form_in(token: str, by_prefix: dict[str, list[str]]) -> bool:
    """Whether the sources write another form of this word (Israel for Israeli,
    Syria for Syrians): an adjective or demonym is not a new name."""
    if len(token) < 4:
        return False
    return any(
        abs(len(w) - len(token)) <= 3 and _common_prefix(w, token) >= min(len(w), len(token)) - 3
        for w in by_prefix.get(token[:4], ())
    )


def _common_prefix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _either(names: list[str]) -> str:
    quoted = [f'"{n}"' for n in names]
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}"


def _fix(span: factlint.Span, replacement: str) -> factlint.Fix:
    return factlint.Fix(
        description=f"Replace with '{replacement}'",
        edits=(factlint.Edit(span=span, replacement=replacement),),
        safety="unsafe",
    )

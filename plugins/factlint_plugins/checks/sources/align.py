"""Which sentences of a story's sources an article's sentence was written from.

Every ``source/`` rule compares a value in the article (a name, a number, a date, a
list) with the value in the same slot of the source it came from, so each first has
to find the source sentences that say the same thing. This module finds them
lexically, with an inverted index built once per tuple of sources:

1. The sources are cut into sentences (the dates extractor's splitter, inside each
   block of prose).
2. Each sentence is reduced to its content tokens: words lower-cased with the
   function words left out and a light stemming ("signed" and "signs" are "sign"),
   names kept as written apart from case ("Khan", not stemmed), numbers normalised
   ("ten", "10" and "1,0" are apart; "ten" and "10" are one token, "1,000" is
   "1000"). An inverted index maps each token to the sentences holding it.
3. A query's tokens are looked up in the index; a token the sources do not hold
   may still match a close spelling (rapidfuzz, within tokens of the same first
   letter and a similar length: "Tzedek" and "Zedek" do not, "Hawkins" and
   "Hawking" do).
4. Each sentence sharing tokens is scored by the weight of the tokens it shares
   over the weight of all the query's tokens, each token weighted by its inverse
   document frequency over the source sentences (a rare name counts for more than
   "said"), names and numbers a little more. A score of 1 means every content token
   of the query is in the sentence.

Only sentences sharing a token are ever scored, so an 800-word article against
10,000 words of sources takes milliseconds, not the time of comparing every pair.

The entry point is :func:`source_index`, which builds (or returns the memoised)
:class:`SourceIndex` for ``ctx.sources``.
"""

from __future__ import annotations

import math
import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from rapidfuzz import fuzz, process

from factlint import Document
from factlint_plugins._english import TENS_WORDS, UNIT_WORDS
from factlint_plugins._patterns import lazy_compile
from factlint_plugins.extractors.dates.sentences import sentence_spans

from ..name_matching import TOKEN_THRESHOLD, token_similarity

if TYPE_CHECKING:
    from factlint import SourceDocument

__all__ = [
    "Alignment",
    "SourceIndex",
    "SourceSentence",
    "article_sentences",
    "attributed",
    "content_tokens",
    "source_index",
]

# Function words and the commonest verbs of reporting carry no content: two sentences
# sharing "the" and "said" say nothing alike.
_STOP_WORDS = frozenset(
    """a an the and or but nor so yet if then than that this these those there here is are was were
    be been being am has have had having do does did doing done will would shall should can could may
    might must of in on at by for from to into onto upon with without within about above below over
    under after before during since until between among through across against along around behind
    beyond near off out up down as it its it's he him his she her hers they them their theirs we us
    our ours you your yours i me my mine who whom whose which what when where why how all any both
    each every few more most other some such no not only own same too very just also even still
    again further once s t don't didn't doesn't isn't aren't wasn't weren't won't can't couldn't
    wouldn't shouldn't hasn't haven't hadn't said says say saying told tell according
    mr mrs ms dr""".split()
)

# A word (with inner apostrophes: "B'Tselem", "don't") or a number in digits with its
# thousands separators and decimals ("1,000", "2.5").
_TOKEN = lazy_compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = lazy_compile(r"['’]s?$")
_APOSTROPHE = lazy_compile(r"['’]")
_THOUSANDS = lazy_compile(r"^\d{1,3}(?:,\d{3})+$")

_NUMBER_WORDS = {**UNIT_WORDS, **TENS_WORDS}

NAME_WEIGHT = 1.3
"""How much more a name (a word capitalised inside a sentence) or a number weighs than
a common word of the same rarity: they are what a claim is about."""
FUZZY_CUTOFF = 86.0
"""The least rapidfuzz ratio (0 to 100) at which a token the sources lack still matches
one they hold."""
_FUZZY_MIN_LENGTH = 5


class Token(NamedTuple):
    """One content token of a text: its index ``key``, where it is, and whether it is
    a name or a number (which weigh more)."""

    key: str
    """The normalised form the index files it under: ``khan``, ``sign``, ``#10``."""
    start: int
    """Offset of its first character in the text."""
    end: int
    """Offset just past its last character."""
    salient: bool
    """A name written inside a sentence, or a number."""
    alternative: str | None = None
    """A second key to try when ``key`` is not in the sources: the stemmed form of a
    capitalised word (a sentence's first word may be a common one), the unstemmed
    form of a common word."""


def _stem(word: str) -> str:
    """A light English stemmer: enough to make "signed", "signs" and "signing" one
    token, not to be right about every word."""
    if len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) > 5:
        word = word[:-3]
    elif word.endswith("ed") and len(word) > 4:
        word = word[:-2]
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def _number_key(digits: str) -> str | None:
    """``#1000`` for "1,000", ``#2.5`` for "2.5"; None for something else ("1,0,0")."""
    if "," in digits:
        if not _THOUSANDS.match(digits):
            return None
        digits = digits.replace(",", "")
    if digits.count(".") > 1:
        return None
    if "." in digits:
        whole, _, fraction = digits.partition(".")
        fraction = fraction.rstrip("0")
        digits = f"{int(whole)}.{fraction}" if fraction else str(int(whole))
    else:
        digits = str(int(digits))
    return "#" + digits


def content_tokens(text: str, start: int = 0, end: int | None = None) -> Iterator[Token]:
    """The content tokens of ``text[start:end]`` in order, with their offsets in ``text``."""
    end = len(text) if end is None else end
    for m in _TOKEN.finditer(text, start, end):
        word = m.group()
        read = _word_keys(word)
        if read is None:
            continue
        key, alternative, kind = read
        if kind == "name":
            # A capitalised word is a name unless it only opens the sentence.
            yield Token(key, m.start(), m.end(), not _sentence_start_before(text, m.start(), start), alternative)
        else:
            yield Token(key, m.start(), m.end(), kind == "number", alternative)


@lru_cache(maxsize=1 << 16)
def _chunk_keys(chunk: str) -> tuple[str, ...]:
    """The keys of the tokens in a run of text without blanks ("Khan's," is ``khan``).
    Cached: splitting at blanks is fast and most runs recur, so the index of a long
    source reads few of them with the token pattern."""
    keys = []
    for word in _TOKEN.findall(chunk):
        read = _word_keys(word)
        if read is not None:
            keys.append(read[0])
    return tuple(keys)


@lru_cache(maxsize=1 << 15)
def _word_keys(word: str) -> tuple[str, str | None, str] | None:
    """How one word is filed: ``(key, alternative, kind)`` with kind ``number``,
    ``name`` (capitalised) or ``word``; None for a function word. Cached: words recur."""
    if word[0].isdigit():
        key = _number_key(word)
        return None if key is None else (key, None, "number")
    lower = word.lower()
    if lower in _STOP_WORDS:
        return None
    if lower[-1] in "'’s" and ("'" in lower or "’" in lower):
        lower = _POSSESSIVE.sub("", lower)
        if lower in _STOP_WORDS:
            return None
    value = _NUMBER_WORDS.get(lower)
    if value is not None:
        return f"#{value}", None, "number"
    if "'" in lower or "’" in lower:
        lower = _APOSTROPHE.sub("", lower)
    if not lower:
        return None
    stem = _stem(lower)
    if word[0].isupper():
        # A name keeps its letters (Hawking is not "hawk"); at the start of a
        # sentence the word may be a common one, so its stem is the second try.
        return lower, (stem if stem != lower else None), "name"
    return stem, (lower if stem != lower else None), "word"




def _sentence_start_before(text: str, at: int, floor: int) -> bool:
    """Whether the word at ``at`` opens a sentence: only punctuation that ends one, or
    a line break, stands between it and the word before."""
    k = at - 1
    while k >= floor and text[k] in " \t\"'“‘(":
        k -= 1
    return k < floor or text[k] in ".!?\n"


@dataclass(frozen=True, eq=False)
class SourceSentence:
    """One sentence of a source: ``source.document.text[start:end]``."""

    source: SourceDocument
    """The source it is in."""
    start: int
    """Offset of its first character in the source's text."""
    end: int
    """Offset just past its last character."""
    text: str
    """Its words."""
    number: int
    """Its place in :attr:`SourceIndex.sentences`."""

    def tokens(self) -> list[Token]:
        """Its content tokens, with offsets in the source's text."""
        return list(content_tokens(self.source.document.text, self.start, self.end))

    def tokens_with(self, key: str) -> list[Token]:
        """Its tokens filed under ``key`` (the sentence's own forms of a shared token)."""
        return [t for t in self.tokens() if t.key == key or t.alternative == key]


@dataclass(frozen=True)
class Alignment:
    """A source sentence that supports a query, and how well."""

    sentence: SourceSentence
    """The source sentence."""
    score: float
    """0 to 1: the weight of the query's content tokens the sentence holds over the
    weight of them all."""
    shared: tuple[str, ...]
    """The query's content tokens (index keys: ``khan``, ``sign``, ``#10``) the sentence
    holds, in the query's order; a near spelling counts under the query's key."""
    matches: tuple[tuple[str, str], ...] = ()
    """Pairs of (query key, source key) where the two differ: tokens matched by a close
    spelling or by the stemmed/unstemmed second try."""


class SourceIndex:
    """The sentences of a story's sources, indexed by their content tokens.

    Build it with :func:`source_index` (memoised per tuple of sources), then ask
    :meth:`align` for the sentences supporting a text, or :meth:`align_span` for an
    article's range.
    """

    def __init__(self, sources: Sequence[SourceDocument]) -> None:
        self.sources: tuple[SourceDocument, ...] = tuple(sources)
        self.sentences: list[SourceSentence] = []
        """Every sentence of every source, in source order."""
        self._postings: dict[str, list[int]] = defaultdict(list)
        keys_of = _chunk_keys
        for source in self.sources:
            text = source.document.text
            for start, end in document_sentences(source.document):
                number = len(self.sentences)
                self.sentences.append(SourceSentence(source, start, end, text[start:end], number))
                # Only the keys are filed here; a sentence's tokens with their offsets
                # are found again when a rule asks for them.
                keys: set[str] = set()
                for chunk in text[start:end].split():
                    keys.update(keys_of(chunk))
                for key in keys:
                    self._postings[key].append(number)
        self._postings = dict(self._postings)
        n = len(self.sentences)
        self._absent_weight = math.log((n + 1) / 0.5)
        self._idf = {key: math.log((n + 1) / (len(numbers) + 0.5)) for key, numbers in self._postings.items()}
        # Tokens by first letter, for the close-spelling search.
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        for key in self._postings:
            if len(key) >= _FUZZY_MIN_LENGTH - 1 and not key.startswith("#"):
                self._by_initial[key[0]].append(key)
        self._near: dict[str, tuple[str, float] | None] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.sentences)

    def holds(self, key: str) -> bool:
        """Whether some source sentence holds the token ``key``."""
        return key in self._postings

    def sentences_with(self, key: str) -> list[SourceSentence]:
        """The source sentences holding the token ``key``, in source order."""
        return [self.sentences[i] for i in self._postings.get(key, ())]

    def weight(self, key: str) -> float:
        """The inverse document frequency of ``key`` over the source sentences (the
        highest weight for a token the sources lack)."""
        return self._idf.get(key, self._absent_weight)

    def resolve(self, token: Token) -> tuple[str, float] | None:
        """The source key a query token matches and how closely (1.0 when it is the
        same key), or None: its key, its second form, or a close spelling."""
        if token.key in self._postings:
            return token.key, 1.0
        if token.alternative is not None and token.alternative in self._postings:
            return token.alternative, 1.0
        if len(token.key) < _FUZZY_MIN_LENGTH - 1 or token.key.startswith("#"):
            return None
        return self._near_key(token.key)

    def _near_key(self, key: str) -> tuple[str, float] | None:
        found = self._near.get(key, ())
        if found != ():
            return found  # type: ignore[return-value]
        result: tuple[str, float] | None = None
        candidates = [k for k in self._by_initial.get(key[0], ()) if abs(len(k) - len(key)) <= 2]
        if candidates:
            # rapidfuzz narrows the field; a long word close enough is the same word,
            # a shorter or further one only when it is another transliteration of a
            # name (Kahn/Khan, Turat/Torat), as the name checks compare them.
            for near, score, _ in process.extract(key, candidates, scorer=fuzz.ratio, score_cutoff=60, limit=3):
                if score >= FUZZY_CUTOFF and len(key) >= _FUZZY_MIN_LENGTH:
                    result = (near, score / 100)
                    break
                similarity = token_similarity(key, near)
                if similarity >= TOKEN_THRESHOLD:
                    result = (near, similarity)
                    break
        with self._lock:
            self._near[key] = result
        return result

    def align(self, text: str, *, limit: int = 5, min_score: float = 0.0) -> list[Alignment]:
        """The source sentences best supporting ``text``, best first: at most ``limit``,
        each scoring at least ``min_score``."""
        return self.align_tokens(list(content_tokens(text)), limit=limit, min_score=min_score)

    def align_tokens(self, tokens: Iterable[Token], *, limit: int = 5, min_score: float = 0.0) -> list[Alignment]:
        """As :meth:`align`, for tokens already found (:func:`content_tokens`)."""
        seen: dict[str, Token] = {}
        for token in tokens:
            if token.key not in seen:
                seen[token.key] = token
        if not seen or not self.sentences:
            return []
        total = 0.0
        scores: dict[int, float] = defaultdict(float)
        shared: dict[int, list[str]] = defaultdict(list)
        pairs: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for key, token in seen.items():
            boost = NAME_WEIGHT if token.salient else 1.0
            found = self.resolve(token)
            if found is None:
                total += self._absent_weight * boost
                continue
            source_key, closeness = found
            w = self._idf[source_key] * boost
            total += w
            for number in self._postings[source_key]:
                scores[number] += w * closeness
                shared[number].append(key)
                if source_key != key:
                    pairs[number].append((key, source_key))
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        out: list[Alignment] = []
        for number, value in ranked:
            score = value / total if total else 0.0
            if score < min_score or len(out) >= limit:
                break
            out.append(Alignment(self.sentences[number], round(score, 4), tuple(shared[number]), tuple(pairs[number])))
        return out

    def align_span(
        self, document: Document, start: int, end: int, *, limit: int = 5, min_score: float = 0.0
    ) -> list[Alignment]:
        """The source sentences best supporting the article sentence(s) around
        ``document.text[start:end]`` (a claim's span is widened to its sentences: a
        date alone says too little to find where it came from)."""
        lo, hi = sentence_around(document, start, end)
        return self.align_tokens(content_tokens(document.text, lo, hi), limit=limit, min_score=min_score)


# ---------------------------------------------------------------------------- sentences

_MEMO_SIZE = 16
_memo_lock = threading.Lock()
_sentence_memo: OrderedDict[int, tuple[Document, list[tuple[int, int]]]] = OrderedDict()
_index_memo: OrderedDict[tuple[int, ...], tuple[tuple[SourceDocument, ...], SourceIndex]] = OrderedDict()

_LEADING_BLANKS = lazy_compile(r"\s*")


def document_sentences(document: Document) -> list[tuple[int, int]]:
    """The sentences of a document as ``(start, end)`` text offsets, inside each block
    of prose (the whole text when it has no blocks), blanks trimmed. Memoised for the
    last few documents."""
    with _memo_lock:
        hit = _sentence_memo.get(id(document))
        if hit is not None and hit[0] is document:
            _sentence_memo.move_to_end(id(document))
            return hit[1]
    text = document.text
    regions = [(b.start, b.end) for b in document.blocks] or [(0, len(text))]
    spans: list[tuple[int, int]] = []
    for lo, hi in regions:
        for start, end in sentence_spans(text, lo, hi):
            start = _LEADING_BLANKS.match(text, start, end).end()  # type: ignore[union-attr]
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
    spans.sort()
    with _memo_lock:
        _sentence_memo[id(document)] = (document, spans)
        while len(_sentence_memo) > _MEMO_SIZE:
            _sentence_memo.popitem(last=False)
    return spans


def article_sentences(document: Document) -> list[tuple[int, int]]:
    """The sentences of an article, cut as the sources are: see :func:`document_sentences`."""
    return document_sentences(document)


def sentence_around(document: Document, start: int, end: int) -> tuple[int, int]:
    """The stretch of whole sentences of ``document`` that ``text[start:end]`` touches
    (the range itself when it lies outside every sentence)."""
    lo, hi = start, end
    for s, e in document_sentences(document):
        if e <= start and not (s == e == start):
            continue
        if s >= max(end, start + 1):
            break
        lo, hi = min(lo, s), max(hi, e)
    return lo, hi


# Words that say a sentence reports what someone (a source) said, and quotation marks.
_ATTRIBUTION = lazy_compile(
    r"\b(?:said|says|say|told|tells|according to|stated|states|added|adds|wrote|writes|announced|"
    r"reported|reports|claimed|claims|insisted|explained|the (?:letter|statement|release|report|filing|"
    r"complaint|indictment|document|survey|study|transcript))\b|[\"“”]",
    re.IGNORECASE,
)


def attributed(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a sentence) attributes what it says: a verb of
    saying, "according to", a document named ("the letter"), or quotation marks. The
    ``attributed = "quoted"`` option of the source rules reports a value as absent
    from the sources only in such a sentence."""
    return _ATTRIBUTION.search(text, start, end) is not None


def source_index(sources: Sequence[SourceDocument]) -> SourceIndex:
    """The :class:`SourceIndex` of ``sources``, built once per tuple of sources: every
    rule of a check asks for the same one, and the last few are kept."""
    sources = tuple(sources)
    key = tuple(map(id, sources))
    with _memo_lock:
        hit = _index_memo.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], sources, strict=True)):
            _index_memo.move_to_end(key)
            return hit[1]
    index = SourceIndex(sources)
    with _memo_lock:
        _index_memo[key] = (sources, index)
        while len(_index_memo) > _MEMO_SIZE:
            _index_memo.popitem(last=False)
    return index



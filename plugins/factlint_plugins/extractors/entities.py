"""Names of people, organizations and places in running text.

A name is a run of capitalised words, joined by the small words names carry inside
them ("Committee Against Torture in Israel", "Center for the Defense of the
Individual", "Abd al-Baset", "Luisa de Fatima"). The extractor keeps a leading "the"
and a possessive "'s" out of the name, never glues a parenthetical gloss onto it, and
does not take a capitalised word that only starts a sentence ("Yesterday", "According
to", "Human rights groups said") for a name. It uses no gazetteer: the entity type is
guessed from cues in and around the name (a title, an organization word, "in X").
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Literal

import factlint
from factlint_plugins._patterns import lazy_compile

from .._english import MONTH_WORDS, WEEKDAY_NAMES

__all__ = ["EntitiesExtractor"]

# The values of EntityClaim.entity_type, which a guess must be one of.
_EntityType = Literal["person", "organization", "place", "other"]

# A token: dotted abbreviation (U.S.), an abbreviated title (Dr.), an initial (W.),
# a word with inner apostrophes and hyphens (B'Tselem, Rights-Israel, al-Assad),
# or one punctuation mark; the named group that matched holds it. Each match also
# takes the blanks (and underscores, which are no token) before its token, so the
# search does not stop at every blank. The lookaheads only spare most words tries
# that cannot succeed: an abbreviation or an initial starts with a letter and a
# period, a title with a capital, one to three letters and a period.
_TOKEN = lazy_compile(
    r"[\s_]*(?:"
    r"(?=[^\W\d_]\.)(?:(?P<abbr>(?:[^\W\d_]\.){2,})|(?P<initial>[A-Z]\.(?=[ \t]+[A-Z])))"
    r"|(?=[A-Z][a-z]{1,3}\.)(?P<title>(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Jr|Sr|Rev)\.)"
    r"|(?P<word>[^\W_]+(?:[-‐‑'’‘][^\W_]+)*['’]?)"
    r"|(?P<punct>[^\w\s])"
    r")"
)

# Lower-case words that may sit inside a name between capitalised words.
_CONNECTORS = frozenset(
    "of for the and de da do dos das del della di du des la le van von der den ter bin ibn al el y "
    "on in at upon".split()
)
_ARABIC_PREFIX = lazy_compile(r"^(?:al|el|ad|ash|as|an|ar|at|az|bin|ibn|abu|ben|bint|ul|ut|d)[-‐‑'’][A-Z]")

# Words that start sentences without being names.
_SENTENCE_WORDS = frozenset(
    """a an the this that these those there here it its he she they we you i his her their our
    my your what which who whom whose when where why how if then than though although while
    as at by for from in into of on to with without after before since until during under over
    between among about above below across against along around behind beyond but and or nor
    so yet not no yes all any both each every few many most much several some such other another
    one two three four five six seven eight nine ten also however meanwhile moreover
    furthermore instead indeed still already again yesterday today tomorrow tonight now later
    earlier recently previously currently finally first second third last next according
    despite following including regarding because unless whether once even only just perhaps
    maybe thus hence therefore overall officials police authorities critics supporters
    residents witnesses experts researchers scientists analysts reports sources people
    protesters demonstrators troops soldiers forces rescuers investigators prosecutors
    students workers voters lawmakers leaders members citizens security government military
    local several dozens hundreds thousands millions many some new old other more less
    please thanks thank well oh mr ms mrs dr very really actually absolutely basically sure
    yeah yes no nah wow okay ok hey hi hello sorry see look let lets keep want do does did
    don't doesn't didn't isn't aren't wasn't weren't can't won't is are was were be been have
    has had will would could should may might must can shall go get make take give tell talk
    think know say ask try use find put come why sooner later rather besides nevertheless
    nonetheless otherwise similarly likewise additionally accordingly consequently
    unfortunately fortunately hopefully certainly obviously clearly surely definitely
    probably possibly generally usually typically often sometimes always never
    specifically especially particularly mostly largely partly mainly""".split()
)

# Lower-case month names and abbreviations, and weekday names.
_MONTHS = MONTH_WORDS
_WEEKDAYS = frozenset(WEEKDAY_NAMES)

# Words that, before a name, make it a person's.
_PERSON_TITLES = frozenset(
    """mr mrs ms miss dr prof professor president sir dame lord lady sen senator rep
    representative gov governor general gen judge justice king queen prince princess pope
    sheikh rabbi imam reverend rev bishop archbishop cardinal chancellor ambassador mayor
    chairman chairwoman prosecutor captain capt lt lieutenant col colonel sgt sergeant
    commander admiral emir sultan ayatollah premier minister secretary saint st coach
    detective inspector biologist dean attorney sheriff""".split()
)
# Titles that, followed by "of", name an office: "the Prosecutor of the ICC".
_OFFICE_TITLES = _PERSON_TITLES | frozenset("director head chief leader speaker secretary-general".split())

_ORG_WORDS = frozenset(
    """organization organisation organizations center centre committee fund court association
    party ministry university institute council commission agency bank company corporation
    corp inc ltd llc plc group foundation society union army forces force police department
    office bureau authority board church school college hospital club federation league
    movement front watch network service services times post news press airlines airways
    assembly parliament congress senate government administration coalition alliance
    brigade brigades guard guards navy tribunal trust institution academy laboratory
    museum library agency commission conference initiative project program programme
    international foundation cooperative consortium enterprises industries holdings
    systems technologies media television radio journal herald tribune gazette daily
    council nations""".split()
)
_PLACE_WORDS = frozenset(
    """city republic kingdom state states island islands river mountains mountain mount lake
    sea ocean street avenue road county province region strip valley desert gulf bay coast
    peninsula territories territory square park district county heights plains hills""".split()
)
_PLACE_CUES = frozenset("in from to near across at into toward towards outside inside throughout".split())
_HEAD_NOUNS = _ORG_WORDS  # "International Criminal Court in The Hague": stop at the court


# Lower-case words as the article writes them: a capitalised word that the article
# also writes in lower case only starts a sentence. This is "\b[a-z][a-z'’-]*\b"
# with the first "\b" checked after the letter, so the search can skip to letters.
_LOWER_WORD = lazy_compile(r"[a-z](?<!\w[a-z])[a-z'’-]*\b")
_HYPHENS = lazy_compile(r"[-‐‑]")


class _Tokens:
    """The tokens of one block as parallel lists: ``text``, ``kind`` (abbr, title,
    initial, word or punct), ``low`` (lowercased text) and where each ends. Lists are
    much cheaper to build than one object per token, and a block as long as a whole
    article keeps only its distinct words as strings and each end as a machine
    integer, not a match object apiece."""

    __slots__ = ("ends", "kind", "low", "text")

    def __init__(self, matches: Iterable[re.Match[str]]) -> None:
        self.ends = array("q")
        self.text: list[str] = []
        self.kind: list[str] = []
        distinct: dict[str, str] = {}
        for m in matches:
            self.ends.append(m.end())
            # Every token is one named group of _TOKEN, so lastindex is never None.
            word = m[m.lastindex or 0]
            self.text.append(distinct.setdefault(word, word))
            self.kind.append(m.lastgroup or "punct")
        lowered = {word: word.lower() for word in distinct}
        self.low = [lowered[word] for word in self.text]

    def capitalised(self, k: int) -> bool:
        """Whether token ``k`` may be (part of) a name: a capitalised word, an
        abbreviation, an initial or an Arabic name ("al-Assad")."""
        kind = self.kind[k]
        if kind in ("abbr", "initial"):
            return True
        if kind != "word":
            return False
        text = self.text[k]
        return text[0].isupper() or _ARABIC_PREFIX.match(text) is not None

    def sentence_start(self, k: int) -> bool:
        """Whether token ``k`` (not a punctuation mark) opens a sentence: no word
        before it in the block, or ``.!?:;`` since the last word, or it is a word
        after an opening quote that follows ``,:;`` or opens the block."""
        text, kind = self.text, self.kind
        if kind[k] == "word" and k >= 1 and text[k - 1] in ("“", '"') and (k < 2 or text[k - 2] in (",", ":", ";")):
            return True
        m = k - 1
        while m >= 0:
            if kind[m] != "punct":
                return False
            if text[m] in ".!?:;":
                return True
            m -= 1
        return True


class EntitiesExtractor(factlint.Extractor):
    """Finds names of people, organizations and places (``entity`` claims)."""

    name = "entities"
    produces = frozenset({"entity"})

    def extract(self, document: factlint.Document, claims: factlint.ClaimSet) -> Iterator[factlint.EntityClaim]:
        """Yield an :class:`factlint.EntityClaim` for every name in ``document``."""
        text = document.text
        lower_words = set(_LOWER_WORD.findall(text))
        blocks = document.blocks or (factlint.Block(kind="paragraph", start=0, end=len(text)),)
        seen: set[str] = set()
        people_surnames: set[str] = set()
        for block in blocks:
            toks = _tokenize(text, block.start, block.end)
            arabic = _ARABIC_NAME.search(text, block.start, block.end) is not None
            for run in _runs(toks, lower_words, arabic):
                claim = self._claim(document, toks, run, people_surnames)
                if claim is None or claim.id in seen:
                    continue
                seen.add(claim.id)
                yield claim

    def _claim(
        self,
        document: factlint.Document,
        toks: _Tokens,
        run: tuple[int, int, _EntityType | None],
        people_surnames: set[str],
    ) -> factlint.EntityClaim | None:
        i, j, hint = run
        # A match starts at the blanks before its token: count back from its end.
        start, end = toks.ends[i] - len(toks.text[i]), toks.ends[j - 1]
        text = document.text
        name = text[start:end]
        # Possessive: "Khan's", "Parents'" keeps the plural.
        if name.endswith(("'s", "’s")):
            name = name[:-2]
            end = start + len(name)
        elif name.endswith(("'", "’")):
            name = name[:-1]
            end -= 1
        # "United States-based", "Kremlin-backed": the name is what comes before the
        # hyphen; the lower-case word after it makes an adjective of it.
        tail = _MODIFIER_TAIL.search(name)
        if tail is not None:
            name = name[: tail.start()]
            end = start + len(name)
        if not name or not (name[0].isalpha() or any(ch.isalpha() for ch in name)):
            return None
        words = name.split()
        if len(words) == 1 and len(name) == 1:
            return None
        etype = hint or _guess_type(toks, i, name, words, people_surnames)
        if etype == "person" and len(words) > 1:
            people_surnames.add(words[-1])
        confidence = 0.9 if len(words) > 1 or toks.kind[i] == "abbr" else 0.75
        return factlint.EntityClaim(
            id=f"entity:{start}-{end}",
            text=text[start:end],
            span=document.span(start, end),
            name=name,
            entity_type=etype,
            confidence=confidence,
        )


def _tokenize(text: str, start: int, end: int) -> _Tokens:
    """The tokens of ``text[start:end]`` (offsets are into ``text``)."""
    # Without trailing blanks every match attempt finds a token after the blanks
    # it takes, so the search stays linear however long a run of blanks is.
    while end > start and (text[end - 1].isspace() or text[end - 1] == "_"):
        end -= 1
    return _Tokens(_TOKEN.finditer(text, start, end))


# A lower-case word hyphened to the end of a name that turns it into a modifier.
_MODIFIER_TAIL = lazy_compile(
    r"[-‐‑](?:[a-z]+ed|born|run|made|style|era|wide|bound|like|free|only|type|class|level|area|specific)$"
)

_CONTRACTION = lazy_compile(r"['’](?:re|ll|ve|d|m|s|t)$|n['’]t$")


def _is_common(low: str, lower_words: set[str]) -> bool:
    """A sentence-initial word (lowercased) that is most likely not a name: a function
    word, a word the article also writes in lower case, a contraction ("We're"), an
    adverb or a participle ("Typically", "Following")."""
    low = low.replace("’", "'")
    if low in _SENTENCE_WORDS or low in lower_words or low.rstrip("'") in lower_words:
        return True
    if _CONTRACTION.search(low):
        stem = _CONTRACTION.sub("", low)
        if stem in _SENTENCE_WORDS or stem in lower_words:
            return True
    return len(low) >= 6 and low.endswith(("ly", "ing"))


def _stopper(toks: _Tokens, k: int) -> bool:
    low = toks.low[k]
    return low in _WEEKDAYS or (low in _MONTHS and toks.text[k][0].isupper())


# Letters an Arabic name prefix ("al-", "bin-", "d'") starts with, and a search
# for such a name anywhere in a block.
_ARABIC_FIRST = frozenset("aebiud")
_ARABIC_NAME = lazy_compile(_ARABIC_PREFIX.pattern.removeprefix("^"))


def _runs(toks: _Tokens, lower_words: set[str], arabic: bool) -> Iterator[tuple[int, int, _EntityType | None]]:
    """Yield ``(first, past_last, type_hint)`` token ranges of names. ``arabic``
    says whether the block may hold an Arabic name in lower case ("al-Assad")."""
    words, kinds, lows = toks.text, toks.kind, toks.low
    # Only a capitalised word or an abbreviation starts a name (an initial or a
    # title does not): look at those alone.
    if arabic:
        candidates = [
            k
            for k, (word, kind) in enumerate(zip(words, kinds, strict=True))
            if (kind == "word" and (word[0].isupper() or (word[0] in _ARABIC_FIRST and _ARABIC_PREFIX.match(word))))
            or kind == "abbr"
        ]
    else:
        candidates = [
            k
            for k, (word, kind) in enumerate(zip(words, kinds, strict=True))
            if (kind == "word" and word[0].isupper()) or kind == "abbr"
        ]
    i = 0  # the first token not yet part of a name
    for c in candidates:
        if c < i:
            continue
        i = c
        low = lows[i]
        if low in _WEEKDAYS or (low in _MONTHS and words[i][0].isupper()) or words[i] == "I":
            i += 1
            continue
        if low in ("the", "a", "an"):
            i += 1
            continue
        if toks.sentence_start(i) and _is_common(low, lower_words):
            # "Yesterday, ...", "According to", "Human rights groups": not names. A
            # common word followed by more capitals may start one ("Human Rights
            # Watch"), unless it is a word that never does ("Yesterday Israel").
            if low in _SENTENCE_WORDS:
                i += 1
                continue
            j = _extend(toks, i)
            if j - i == 1 or kinds[i + 1] == "punct":
                i += 1
                continue
        else:
            j = _extend(toks, i)
        if j - i == 1:
            yield (i, j, None)  # one word holds no title to take out
        else:
            yield from _split_titles(toks, i, j)
        i = j


_POSSESSIVE_ENDS = ("'", "’", "'s", "’s")


def _extend(toks: _Tokens, i: int) -> int:
    """The end of the name that starts at token ``i``."""
    words, kinds, lows = toks.text, toks.kind, toks.low
    n = len(kinds)
    j = i + 1
    if kinds[i] == "word" and words[i].endswith(_POSSESSIVE_ENDS):
        return j  # "Khan's"
    connectors_seen: set[str] = set()
    while j < n:
        kind = kinds[j]
        if kind == "punct" or kind == "title":
            break  # neither part of a name nor a connector
        word = words[j]
        if kind != "word" or word[0].isupper() or (word[0] in _ARABIC_FIRST and _ARABIC_PREFIX.match(word)):
            # A capitalised word, an abbreviation or an initial.
            low = lows[j]
            if (low in _WEEKDAYS or (low in _MONTHS and word[0].isupper())) and not _month_in_name(toks, j):
                break
            if low == "the" or toks.sentence_start(j):
                break
            j += 1
            if kind == "word" and word.endswith(_POSSESSIVE_ENDS):
                break
            continue
        if lows[j] in _CONNECTORS:
            k = j
            group: list[str] = []
            while k < n and kinds[k] == "word" and lows[k] in _CONNECTORS and len(group) < 2:
                group.append(lows[k])
                k += 1
            if k >= n or not toks.capitalised(k) or kinds[k] == "initial" or _stopper(toks, k):
                break
            if lows[k] == "the" or not _connector_allowed(toks, i, j, group, connectors_seen):
                break
            connectors_seen.update(group)
            j = k
            continue
        break
    return j


def _month_in_name(toks: _Tokens, j: int) -> bool:
    """"Theresa May" but not "Khan in May 2022"."""
    return (
        toks.low[j] in ("may", "march", "august", "june")
        and not (j + 1 < len(toks.text) and toks.text[j + 1][:1].isdigit())
        and toks.kind[j - 1] == "word"
    )


def _connector_allowed(toks: _Tokens, i: int, j: int, group: list[str], seen: set[str]) -> bool:
    """Whether the connector words ``group`` at ``j`` may join the name begun at ``i``."""
    words = toks.low[i:j]
    last = words[-1]
    first = group[0]
    causal = bool(seen & {"for", "against"}) or "against" in words
    if first == "and":
        # "Department of Health and Human Services", not "Israel and Palestine".
        return bool(seen & {"of", "for"}) or "against" in words
    if first in ("in", "at"):
        # "Committee Against Torture in Israel", not "Court in The Hague".
        return causal and last not in _HEAD_NOUNS
    if first == "on":
        return last in ("council", "commission", "committee", "conference", "convention", "panel", "summit", "treaty")
    return first != "upon"


def _split_titles(toks: _Tokens, i: int, j: int) -> Iterator[tuple[int, int, _EntityType | None]]:
    """Take titles out of a run: "U.S. President Donald Trump" is "U.S." and a person
    "Donald Trump"; "Prosecutor of the International Criminal Court" is the court."""
    lows = toks.low
    k = i
    while k < j:
        low = lows[k].rstrip(".").removesuffix("-elect")  # "President-elect Muhammadu Buhari"
        if low in _OFFICE_TITLES and k + 1 < j:
            nxt = lows[k + 1]
            if nxt in ("of", "for"):
                if k > i and not _portfolio(lows, i, k):
                    yield (i, k, None)
                # Skip "of the" and go on with what the office is of.
                m = k + 1
                while m < j and lows[m] in _CONNECTORS:
                    m += 1
                # "Secretary of State Antony Blinken": the portfolio is part of the
                # title, and the name after it a person's.
                p = m
                while p < j and lows[p] in _PORTFOLIOS:
                    p += 1
                if p > m and p < j:
                    yield (p, j, "person")
                elif p == m:
                    yield from _split_titles(toks, m, j) if m < j else iter(())
                return
            if toks.capitalised(k + 1) and nxt not in _CONNECTORS and low in _PERSON_TITLES:
                if k > i and not _portfolio(lows, i, k):
                    yield (i, k, None)
                m = k + 1
                while m < j and lows[m].rstrip(".") in _PERSON_TITLES and m + 1 < j:
                    m += 1  # "Prime Minister", "Foreign Minister"
                yield (m, j, "person")
                return
        k += 1
    yield (i, j, None)


# Words that name a minister's or a secretary's department inside an office title
# ("Defence Minister", "Secretary of State"): part of the title, not a name.
_PORTFOLIOS = frozenset(
    """state defense defence health education energy labor labour agriculture commerce
    transportation transport justice treasury war interior finance foreign home trade
    housing environment culture affairs security homeland veterans district deputy assistant
    acting prime vice""".split()
)


def _portfolio(lows: list[str], i: int, k: int) -> bool:
    """Whether tokens ``i`` to ``k`` are only department words (and connectors)."""
    return all(low in _PORTFOLIOS or low in _CONNECTORS for low in lows[i:k])


@lru_cache(maxsize=4096)
def _name_cues(name: str) -> tuple[_EntityType | None, bool, bool]:
    """What a name's own words say about its type: "organization" or "place" from
    an organization or place word (or None), whether it is one all-capitals word
    ("NATO"), and whether it is two or three capitalised words ("Donald Trump")."""
    words = name.split()
    lows = [w.lower().strip("'’.,") for w in words]
    parts = {p for w in lows for p in _HYPHENS.split(w)}
    if parts & _ORG_WORDS or {"for", "against"} & set(lows):
        kind: _EntityType | None = "organization"
    elif parts & _PLACE_WORDS:
        kind = "place"
    else:
        kind = None
    acronym = len(words) == 1 and words[0].isupper() and len(words[0]) >= 2
    titled = 2 <= len(words) <= 4 and all(_PERSONAL_WORD.match(w) for w in words) and len(words[-1]) > 2
    return kind, acronym, titled


# A word of a personal name: "Andrew", "McManus", "O'Neill", or an initial ("M", "P.").
_PERSONAL_WORD = lazy_compile(r"(?:(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+|[A-Z]\.?)$")


def _guess_type(toks: _Tokens, i: int, name: str, words: list[str], people_surnames: set[str]) -> _EntityType:
    """The type of the name ``name`` (split into ``words``) that starts at token ``i``."""
    if i > 0 and toks.kind[i - 1] == "title":
        return "person"
    cue, acronym, titled = _name_cues(name)
    if cue is not None:
        return cue
    if len(words) == 1 and toks.kind[i] == "abbr":
        return "place" if words[0].replace(".", "") in ("US", "UK", "USA", "UAE") else "organization"
    if acronym:
        return "organization"
    before = toks.low[i - 1] if i > 0 else ""
    if before == "the" and i > 1:
        before = toks.low[i - 2]
    if len(words) == 1 and words[0] in people_surnames:
        return "person"
    if before in _PLACE_CUES and len(words) <= 3:
        return "place"
    if titled and before != "the":
        return "person"
    return "other"


@factlint.hookimpl
def factlint_register_extractors() -> list[type[factlint.Extractor]]:
    """Register the entity extractor."""
    return [EntitiesExtractor]

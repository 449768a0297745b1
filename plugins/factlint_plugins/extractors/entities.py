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
from collections.abc import Iterator
from dataclasses import dataclass

import factlint

__all__ = ["EntitiesExtractor"]

# A token: dotted abbreviation (U.S.), an abbreviated title (Dr.), an initial (W.),
# a word with inner apostrophes and hyphens (B'Tselem, Rights-Israel, al-Assad),
# or one punctuation mark.
_TOKEN = re.compile(
    r"(?P<abbr>(?:[^\W\d_]\.){2,})"
    r"|(?P<title>(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Jr|Sr|Rev)\.)"
    r"|(?P<initial>[A-Z]\.(?=[ \t]+[A-Z]))"
    r"|(?P<word>[^\W_]+(?:['’‘][^\W_]+)*(?:[-‐‑][^\W_]+(?:['’‘][^\W_]+)*)*['’]?)"
    r"|(?P<punct>[^\w\s])"
)

# Lower-case words that may sit inside a name between capitalised words.
_CONNECTORS = frozenset(
    "of for the and de da do dos das del della di du des la le van von der den ter bin ibn al el y on in at upon".split()
)
_ARABIC_PREFIX = re.compile(r"^(?:al|el|ad|ash|as|an|ar|at|az|bin|ibn|abu|ben|bint|ul|ut|d)[-‐‑'’][A-Z]")

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

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

# Words that, before a name, make it a person's.
_PERSON_TITLES = frozenset(
    """mr mrs ms miss dr prof professor president sir dame lord lady sen senator rep
    representative gov governor general gen judge justice king queen prince princess pope
    sheikh rabbi imam reverend rev bishop archbishop cardinal chancellor ambassador mayor
    chairman chairwoman prosecutor captain capt lt lieutenant col colonel sgt sergeant
    commander admiral emir sultan ayatollah premier minister secretary saint st coach
    detective inspector biologist dean""".split()
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


@dataclass
class _Tok:
    start: int
    end: int
    text: str
    kind: str  # abbr, title, initial, word, punct
    sentence_start: bool = False

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        if self.kind in ("abbr", "initial"):
            return True
        if self.kind != "word":
            return False
        if self.text[0].isupper():
            return True
        return bool(_ARABIC_PREFIX.match(self.text))


class EntitiesExtractor(factlint.Extractor):
    """Finds names of people, organizations and places (``entity`` claims)."""

    name = "entities"
    produces = frozenset({"entity"})

    def extract(self, document: factlint.Document, claims: factlint.ClaimSet) -> Iterator[factlint.EntityClaim]:
        text = document.text
        lower_words = {m.group(0) for m in re.finditer(r"\b[a-z][a-z'’-]*\b", text)}
        blocks = document.blocks or (factlint.Block(kind="paragraph", start=0, end=len(text)),)
        seen: set[str] = set()
        people_surnames: set[str] = set()
        for block in blocks:
            tokens = _tokenize(text, block.start, block.end)
            for run in _runs(tokens, lower_words):
                claim = self._claim(document, tokens, run, people_surnames)
                if claim is None or claim.id in seen:
                    continue
                seen.add(claim.id)
                yield claim

    def _claim(
        self,
        document: factlint.Document,
        tokens: list[_Tok],
        run: tuple[int, int, str | None],
        people_surnames: set[str],
    ) -> factlint.EntityClaim | None:
        i, j, hint = run
        start, end = tokens[i].start, tokens[j - 1].end
        name = document.text[start:end]
        # Possessive: "Khan's", "Parents'" keeps the plural.
        m = re.search(r"['’]s$", name)
        if m:
            name = name[: m.start()]
            end = start + len(name)
        elif name.endswith(("'", "’")):
            name = name[:-1]
            end -= 1
        if not name or not any(ch.isalpha() for ch in name):
            return None
        words = name.split()
        if len(words) == 1 and len(name) == 1:
            return None
        etype = hint or _guess_type(tokens, i, j, words, people_surnames)
        if etype == "person" and len(words) > 1:
            people_surnames.add(words[-1])
        confidence = 0.9 if len(words) > 1 or tokens[i].kind == "abbr" else 0.75
        return factlint.EntityClaim(
            id=f"entity:{start}-{end}",
            text=document.text[start:end],
            span=document.span(start, end),
            name=name,
            entity_type=etype,
            confidence=confidence,
        )


def _tokenize(text: str, start: int, end: int) -> list[_Tok]:
    toks: list[_Tok] = []
    at_start = True
    for m in _TOKEN.finditer(text, start, end):
        kind = m.lastgroup or "punct"
        tok = _Tok(m.start(), m.end(), m.group(0), kind)
        if kind == "punct":
            if tok.text in ".!?:;":
                at_start = True
            elif tok.text in "\"“”'‘’«»([—–-" and at_start:
                pass  # a quote or bracket opening a sentence keeps it open
            toks.append(tok)
            continue
        tok.sentence_start = at_start
        at_start = False
        toks.append(tok)
    # A sentence also starts after a line that ends a list item or heading without
    # punctuation; blocks take care of that. Quotes opening mid-sentence start one too.
    for k in range(1, len(toks)):
        prev = toks[k - 1]
        if toks[k].kind == "word" and prev.text in "“\"" and (k < 2 or toks[k - 2].text in ",:;"):
            toks[k].sentence_start = True
    return toks


_CONTRACTION = re.compile(r"['’](?:re|ll|ve|d|m|s|t)$|n['’]t$")


def _is_common(tok: _Tok, lower_words: set[str]) -> bool:
    """A sentence-initial word that is most likely not a name: a function word, a word
    the article also writes in lower case, a contraction ("We're"), an adverb or a
    participle ("Typically", "Following")."""
    low = tok.lower.replace("’", "'")
    if low in _SENTENCE_WORDS or low in lower_words or low.rstrip("'") in lower_words:
        return True
    if _CONTRACTION.search(low) and _CONTRACTION.sub("", low) in _SENTENCE_WORDS | lower_words:
        return True
    return len(low) >= 6 and low.endswith(("ly", "ing"))


def _stopper(tok: _Tok) -> bool:
    low = tok.lower
    return low in _WEEKDAYS or (low in _MONTHS and tok.text[0].isupper())


def _runs(tokens: list[_Tok], lower_words: set[str]) -> Iterator[tuple[int, int, str | None]]:
    """Yield ``(first, past_last, type_hint)`` token ranges of names."""
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        if not tok.capitalised or tok.kind == "initial" or _stopper(tok) or tok.text == "I":
            i += 1
            continue
        if tok.kind == "title":
            i += 1
            continue
        if tok.lower in ("the", "a", "an"):
            i += 1
            continue
        j = _extend(tokens, i)
        if tok.sentence_start and _is_common(tok, lower_words):
            # "Yesterday, ...", "According to", "Human rights groups": not names. A
            # common word followed by more capitals may start one ("Human Rights
            # Watch"), unless it is a word that never does ("Yesterday Israel").
            if j - i == 1 or tok.lower in _SENTENCE_WORDS or tokens[i + 1].kind == "punct":
                i += 1
                continue
        yield from _split_titles(tokens, i, j)
        i = j


def _extend(tokens: list[_Tok], i: int) -> int:
    """The end of the name that starts at token ``i``."""
    n = len(tokens)
    j = i + 1
    connectors_seen: set[str] = set()
    if _possessive(tokens[i]):
        return j
    while j < n:
        tok = tokens[j]
        if tok.kind in ("word", "abbr", "initial") and tok.capitalised:
            if _stopper(tok) and not _month_in_name(tokens, j):
                break
            if tok.lower == "the" or tok.sentence_start:
                break
            j += 1
            if _possessive(tok):
                break
            continue
        if tok.kind == "word" and tok.lower in _CONNECTORS:
            k = j
            group = []
            while k < n and tokens[k].kind == "word" and tokens[k].lower in _CONNECTORS and len(group) < 2:
                group.append(tokens[k].lower)
                k += 1
            if k >= n or not tokens[k].capitalised or tokens[k].kind == "initial" or _stopper(tokens[k]):
                break
            if tokens[k].lower == "the" or not _connector_allowed(tokens, i, j, group, connectors_seen):
                break
            connectors_seen.update(group)
            j = k
            continue
        break
    return j


def _possessive(tok: _Tok) -> bool:
    return bool(re.search(r"['’]s?$", tok.text)) and tok.kind == "word"


def _month_in_name(tokens: list[_Tok], j: int) -> bool:
    """"Theresa May" but not "Khan in May 2022"."""
    nxt = tokens[j + 1] if j + 1 < len(tokens) else None
    return (
        tokens[j].lower in ("may", "march", "august", "june")
        and not (nxt is not None and nxt.text[:1].isdigit())
        and tokens[j - 1].kind == "word"
    )


def _connector_allowed(tokens: list[_Tok], i: int, j: int, group: list[str], seen: set[str]) -> bool:
    """Whether the connector words ``group`` at ``j`` may join the name begun at ``i``."""
    words = [t.lower for t in tokens[i:j]]
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
    if first == "upon":
        return False
    return True


def _split_titles(tokens: list[_Tok], i: int, j: int) -> Iterator[tuple[int, int, str | None]]:
    """Take titles out of a run: "U.S. President Donald Trump" is "U.S." and a person
    "Donald Trump"; "Prosecutor of the International Criminal Court" is the court."""
    k = i
    while k < j:
        low = tokens[k].lower.rstrip(".")
        if low in _OFFICE_TITLES and k + 1 < j:
            nxt = tokens[k + 1]
            if nxt.lower in ("of", "for"):
                if k > i:
                    yield (i, k, None)
                # Skip "of the" and go on with what the office is of.
                m = k + 1
                while m < j and tokens[m].lower in _CONNECTORS:
                    m += 1
                yield from _split_titles(tokens, m, j) if m < j else iter(())
                return
            if nxt.capitalised and nxt.lower not in _CONNECTORS and low in _PERSON_TITLES:
                if k > i:
                    yield (i, k, None)
                m = k + 1
                while m < j and tokens[m].lower.rstrip(".") in _PERSON_TITLES and m + 1 < j:
                    m += 1  # "Prime Minister", "Foreign Minister"
                yield (m, j, "person")
                return
        k += 1
    yield (i, j, None)


def _guess_type(
    tokens: list[_Tok], i: int, j: int, words: list[str], people_surnames: set[str]
) -> str:
    lows = [w.lower().strip("'’.,") for w in words]
    parts = {p for w in lows for p in re.split(r"[-‐‑]", w)}
    if i > 0 and tokens[i - 1].kind == "title":
        return "person"
    if parts & _ORG_WORDS or {"for", "against"} & set(lows):
        return "organization"
    if parts & _PLACE_WORDS:
        return "place"
    if len(words) == 1 and tokens[i].kind == "abbr":
        return "place" if words[0].replace(".", "") in ("US", "UK", "USA", "UAE") else "organization"
    if len(words) == 1 and words[0].isupper() and len(words[0]) >= 2:
        return "organization"
    before = tokens[i - 1].lower if i > 0 else ""
    if before == "the" and i > 1:
        before = tokens[i - 2].lower
    if len(words) == 1 and words[0] in people_surnames:
        return "person"
    if before in _PLACE_CUES and len(words) <= 3:
        return "place"
    if 2 <= len(words) <= 3 and all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words):
        if before != "the":
            return "person"
    return "other"


@factlint.hookimpl
def factlint_register_extractors() -> list[type[factlint.Extractor]]:
    """Register the entity extractor."""
    return [EntitiesExtractor]

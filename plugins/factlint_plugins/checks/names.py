"""Name checks: one entity spelled two ways in an article, and spellings the
newsroom's registry does not use.

Both rules compare names with :mod:`factlint_plugins.checks.name_matching`, which
aligns names word by word and folds transliteration choices together, so "Tora
Tzedek" and "Turat Zedek" match while "Human Rights Watch" and "Human Rights First"
never do.
"""

from __future__ import annotations

import re
import weakref
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

import factlint
from factlint_plugins._patterns import lazy_compile

from .._english import MONTHS, WEEKDAYS
from .name_matching import (
    TITLES,
    NameIndex,
    compare,
    contains,
    group_names,
    name_tokens,
    normalize,
    slip,
    slip_blocks,
    spelling_convention,
)

__all__ = ["NameRegistryRule", "NameVariantRule"]


def _fix(span: factlint.Span, replacement: str) -> factlint.Fix:
    return factlint.Fix(
        description=f"Replace with '{replacement}'",
        edits=(factlint.Edit(span=span, replacement=replacement),),
        safety="unsafe",
    )


def _mentions(context: factlint.CheckContext) -> list[factlint.EntityClaim]:
    return [
        c
        for c in context.claims.of_kind("entity", factlint.EntityClaim)
        if isinstance(c, factlint.EntityClaim) and not _GLUED_DATE.search(c.name)
    ]


# A name run into a weekday or month by a lost line break ("Mumbai IndiansTuesday",
# from a fixtures table): not a spelling of anything. "May" is left out: it is a name
# and a word as well as a month.
_GLUED_DATE = lazy_compile("[a-z](?:" + "|".join([*WEEKDAYS, *(m for m in MONTHS if m != "May")]) + ")")


@dataclass
class _Spelling:
    """Every mention of one spelling (letters, not case or punctuation)."""

    tokens: tuple[str, ...]
    mentions: list[factlint.EntityClaim] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.mentions[0].name

    @property
    def first(self) -> int:
        return self.mentions[0].span.start


class VariantOptions(BaseModel):
    """Options of ``name/variant``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    single_words: bool = Field(
        True,
        description="Also compare one-word names (surnames, one-word organizations) and flag "
        "slips in a word that no neighbouring word of the name confirms. "
        "Turn off if an archive often names two people whose surnames differ by a letter.",
    )


class NameVariantRule(factlint.Rule[VariantOptions]):
    """Flags one name spelled two ways in the same article.

    ## What it flags

    Two mentions that are the same name written with different letters: a
    transliteration variant ("Tora Tzedek" in the lead, "Turat Zedek" later), a
    dropped or doubled letter ("Adala" / "Adalah"), swapped letters ("Kahn" / "Khan").
    The finding sits on the less used spelling and points at the other one.

    A slip in one word of a name is also caught when the two spellings sit in names
    of different shapes ("Heathruw Airport" and "the Heathrow Airport Expansion
    Board") or in one-word names ("Pakisatn" once, "Pakistan" twice). Such a word is
    flagged only when it is written once, the article uses the other spelling at
    least as often, the word has five letters or more and keeps its first and last
    letters, and either a neighbouring word of the name agrees ("Donald Trmup" /
    "Donald Trump") or the change is a typing slip (swapped or doubled letters, a
    transliteration; a changed vowel only in a one-word name) of a name the article
    also writes on its own. "Ireland" and "Iceland", "Colombia" and "District of
    Columbia", or "Defence Forces" and "Defense Forces" of two armies stay apart.

    A surname written alone is compared with the last word of the people the
    article names in full ("Major Tom Stallard ... Major Stalard"): one changed
    vowel, one letter dropped, added, doubled or swapped, or another
    transliteration, when that is the only close name word, the word stands alone
    (a title before it is fine, another name is not) and is not a place or an
    organization. A one-word name written several times also catches one dropped
    or added letter ("Kyrgystan" beside two "Kyrgyzstan"), and two one-word names
    followed by the same place ("Tblisi, Georgia" and "Tbilisi, Georgia") are one
    place. A four-letter name the article writes at least four times, twice alone,
    catches a one-off spelling with a letter dropped, added, doubled or swapped
    ("Meyer" beside five "Myer"), unless the two have different titles or the
    slip another place after it. A surname with a final "e" or "s" added or dropped
    is flagged only where the article names that one person in full: as a titled
    later reference ("Mr Clarke's comments" after "Greg Clark"), as the full name
    written once beside lone references ("Mark McDaniels" ... "McDaniel"), or in a
    double-barrelled surname ("Zaghari-Ratcliff"). An acronym written with
    its letters in another order than the one the article spells out ("Rapid
    Support Forces (RSF)" ... "the RFS") is flagged too, unless that order is
    spelled out as well (two organizations).

    Names are compared word by word, and every word has to match. Short forms are not
    variants: a surname alone ("Chomsky"), a title with a surname ("Professor
    Chomsky"), an acronym ("ICC"), or a name without "the". Different entities that
    share words are never merged: "Human Rights Watch" and "Human Rights First",
    "Yesh Din" and "Yesh Gvul", "George Bush" and "George W. Bush", "Physicians for
    Human Rights" and "Physicians for Human Rights – Israel". Differences of case,
    accents or punctuation alone are left to house style.

    ## Why it matters

    Readers take two spellings for two people or two groups, and search engines and
    archives split the coverage of one entity in two. One of the spellings is usually
    a slip made while copying from a translated source.

    ## Example

    ```
    The letter was signed by Tora Tzedek and nine other groups.
    ...
    They are: B'Tselem, Yesh Din, Adalah and Turat Zedek.
    ```

    ## Use instead

    One spelling throughout, preferably the registry's canonical name:

    ```
    The letter was signed by Torat Tzedek and nine other groups.
    ...
    They are: B'Tselem, Yesh Din, Adalah and Torat Tzedek.
    ```

    The suggestion is the registry's canonical name when the registry knows the
    entity, otherwise the spelling the article uses at least twice as often, counting
    its uses inside longer names ("Rodwell" in "Jim Rodwell"). When the counts are
    closer (once each, three against two) there is no suggestion and no fix, and the
    message says so. A fix is offered only when the usual spelling is used three times
    or more: two against one is suggested, not written. A spelling the registry
    accepts is never flagged.

    ## Fix safety

    Unsafe: the rule cannot know which spelling is right, and two people can have
    names one letter apart. An editor should confirm before the fix is applied.

    ## Options

    - `single_words` (default true): also compare one-word names, and flag a slip in
      a word that no neighbouring word confirms.
    """

    id = "name/variant"
    summary = "One name spelled two different ways in the same article."
    severity = factlint.Severity.WARNING
    requires = frozenset({"entity"})
    Options = VariantOptions
    fix_safety = "unsafe"

    def check(self, context: factlint.CheckContext) -> Iterator[factlint.Finding]:
        spellings = self._spellings(context)
        counter = _UseCounter(spellings)
        reported: set[str] = set()
        for cluster in _cluster(spellings, self.options.single_words):
            if len(cluster) > 1:
                reported.update(m.id for s in cluster for m in s.mentions)
                yield from self._report(context, cluster, counter)
        yield from _slip_findings(context, reported, self.options.single_words)
        if self.options.single_words:
            yield from _short_majority_findings(context, reported)
            yield from _final_letter_findings(context, reported)
        yield from _acronym_findings(context)

    @staticmethod
    def _spellings(context: factlint.CheckContext) -> list[_Spelling]:
        by_tokens: dict[tuple[str, ...], _Spelling] = {}
        for claim in _mentions(context):
            tokens = name_tokens(claim.name)
            if not tokens or sum(len(t) for t in tokens) < 3:
                continue
            by_tokens.setdefault(tokens, _Spelling(tokens)).mentions.append(claim)
        return sorted(by_tokens.values(), key=lambda s: s.first)

    def _report(
        self, context: factlint.CheckContext, cluster: list[_Spelling], counter: _UseCounter
    ) -> Iterator[factlint.Finding]:
        registry = context.registry
        uses = {id(s): counter.uses(s) for s in cluster}
        preferred, suggestion, settled = _preferred(cluster, registry, uses)
        doubt = None
        support = uses[id(preferred)] if preferred is not None else 0
        if preferred is None:
            flagged = cluster[1:]
        else:
            flagged = [s for s in cluster if s is not preferred]
            if not settled:
                doubt = _count_doubt(uses[id(preferred)], max(uses[id(s)] for s in flagged))
            if doubt is not None and len(cluster) == 2:
                # Too close as whole names: the one word they differ in may still be
                # settled by its other uses ("United" of "United States" beside
                # "United Nations" and "Untied Nations").
                by_word = _by_word(cluster, counter)
                if by_word is not None:
                    (preferred, support), doubt = by_word, None
                    suggestion = preferred.name
                    flagged = [s for s in cluster if s is not preferred]
        # A spelling the registry accepts is right, whatever the article does elsewhere.
        flagged = [s for s in flagged if not (registry and any(registry.accepted(m.name) for m in s.mentions))]
        if doubt is not None or preferred is None:
            suggestion = None
        elif suggestion is not None:
            suggestion = _untitled(suggestion)  # "Major Stallard" -> "Stallard": titles are kept as written
        thin = not settled and support < _FIX_SUPPORT
        for spelling in flagged:
            others = [s for s in cluster if s is not spelling]
            score = min(compare(spelling.name, o.name).score for o in others)
            confidence = 0.5 + 0.45 * (score - 0.85) / 0.15
            if len(spelling.tokens) == 1:
                confidence -= 0.1  # one word carries less evidence than a full name
            if suggestion is None:
                confidence -= 0.1  # the article does not say which spelling is right
            quoted = " and ".join(f'"{_untitled(o.name)}"' for o in others)
            for mention in spelling.mentions:
                span, written = _core(context, mention)
                message = f'"{written}" is spelled {quoted} elsewhere in this article'
                if doubt is not None:
                    message += f": use one spelling. {doubt}"
                elif suggestion is None or any(o.name == suggestion for o in others):
                    message += ": use one spelling."
                    if suggestion is not None and thin:
                        message += f" {_THIN}"
                else:
                    message += f'; the registry spells it "{suggestion}".'
                related = [context.related(o.mentions[0].span, f'also spelled "{o.name}" here') for o in others]
                fix = _fix(span, suggestion) if suggestion and suggestion != written and not thin else None
                yield context.finding(
                    span,
                    message,
                    related=related,
                    suggestion=suggestion,
                    fix=fix,
                    confidence=max(0.3, min(0.95, confidence)),
                )


def _written_alone(mention: factlint.EntityClaim, tokens: tuple[str, ...]) -> bool:
    """A one-word name written as one word: "Smith", "Mr Smith" or "al-Assad", but
    not "Al Arabiya", whose particle the matcher sets aside."""
    return len(tokens) == 1 and " " not in _untitled(mention.name)


def _neighbours_disagree(tokens: list[tuple[str, ...]], k: int, i: int, others: list[tuple[int, int]]) -> bool:
    """Whether word ``i`` of name ``k`` and the other spelling, where it stands in a
    longer name, have different words beside them on the same side ("John Smyth",
    "Jane Smith"): two names that share a near-identical word."""
    mine = tokens[k]
    for k2, j in others:
        theirs = tokens[k2]
        if len(theirs) < 2:
            continue
        if i > 0 and j > 0 and mine[i - 1] != theirs[j - 1]:
            return True
        if i + 1 < len(mine) and j + 1 < len(theirs) and mine[i + 1] != theirs[j + 1]:
            return True
    return False


def _untitled(name: str) -> str:
    """``name`` without the titles and the leading "the" that :func:`name_tokens`
    sets aside ("Major Stallard" -> "Stallard"), so a fix never drops or repeats them."""
    words = name.split(" ")
    while len(words) > 1 and words[0].lower().rstrip(".") in _LEADING:
        words = words[1:]
    return " ".join(words)


_LEADING = TITLES | {"the", "a", "an"}


def _core(context: factlint.CheckContext, mention: factlint.EntityClaim) -> tuple[factlint.Span, str]:
    """The span and text of ``mention`` without leading titles (see :func:`_untitled`)."""
    core = _untitled(mention.name)
    if core == mention.name:
        return mention.span, mention.name
    start = mention.span.start + len(mention.name) - len(core)
    return context.document.span(start, start + len(core)), core


class _UseCounter:
    """How often the article's names use a spelling or a word. Every cluster asks,
    so the answers come from tables built once per length of spelling asked about:
    counting afresh for each cluster took time quadratic in the number of names."""

    def __init__(self, spellings: list[_Spelling]) -> None:
        self._spellings = spellings
        # By length n: each run of n words, with the mentions of the names holding it.
        self._runs: dict[int, Counter[tuple[str, ...]]] = {}
        self._words: Counter[str] | None = None

    def uses(self, spelling: _Spelling) -> int:
        """Mentions that write ``spelling``, alone or inside a longer name ("Smith" in
        "Jane Smith"): a spelling's weight in deciding which one is usual."""
        n = len(spelling.tokens)
        runs = self._runs.get(n)
        if runs is None:
            runs = Counter()
            for other in self._spellings:
                tokens = other.tokens
                if len(tokens) >= n:
                    # A name counts once however often it holds the run.
                    for run in {tokens[i : i + n] for i in range(len(tokens) - n + 1)}:
                        runs[run] += len(other.mentions)
            self._runs[n] = runs
        return runs[spelling.tokens]

    def word(self, word: str) -> int:
        """How often ``word`` is written in the article's names, counted in every name."""
        if self._words is None:
            self._words = Counter()
            for spelling in self._spellings:
                for token in spelling.tokens:
                    self._words[token] += len(spelling.mentions)
        return self._words[word]


def _by_word(pair: list[_Spelling], counter: _UseCounter) -> tuple[_Spelling, int] | None:
    """Of two names differing in one word, the one whose word the article's names
    use at least twice as often (counted in every name), with that count; or None."""
    a, b = pair
    if len(a.tokens) != len(b.tokens):
        return None
    diff = [i for i, (x, y) in enumerate(zip(a.tokens, b.tokens, strict=True)) if x != y]
    if len(diff) != 1:
        return None
    wa, wb = a.tokens[diff[0]], b.tokens[diff[0]]
    na, nb = counter.word(wa), counter.word(wb)
    if na >= 2 * nb:
        return a, na
    if nb >= 2 * na:
        return b, nb
    return None


# The usual spelling must be used at least this often before a fix rewrites the others:
# two uses against one is a majority to suggest, too thin to write (an article that
# misspells a name twice and gets it right once is not rare).
_FIX_SUPPORT = 3
_THIN = "Two uses against one: no fix is offered, check the suggestion."


def _count_doubt(usual: int, other: int) -> str | None:
    """Why the counts of two spellings do not settle which is right, or None when
    they do: the usual one must be used at least twice as often."""
    if usual >= 2 * other:
        return None
    if usual == other:
        times = "once" if usual == 1 else f"{usual} times"
        return f"Each spelling is used {times}, so there is no suggestion: check which is right."
    return f"The spellings are used {usual} and {other} times, too close to suggest one: check which is right."


def _cluster(spellings: list[_Spelling], single_words: bool) -> list[list[_Spelling]]:
    """Group spellings that all match one another (see :func:`group_names`); one-word
    spellings only when ``single_words``."""
    kept = [s for s in spellings if single_words or len(s.tokens) > 1]
    groups = group_names([s.name for s in kept], lambda i, j: _same(kept[i], kept[j]))
    return [[kept[i] for i in group] for group in groups]


SLIP_MIN_LENGTH = 5
"""Shorter words are too often other names one letter apart (Iran/Iraq, Gaza/Giza)."""

# Small words inside names that say nothing about which entity a name is.
_CONNECTORS = frozenset("of for the and de del da di du la le van von in on at y al el bin ibn".split())
_WORD = lazy_compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_POSSESSIVE = lazy_compile(r"['’]s$")


@dataclass
class _Slip:
    """A word of one mention that looks like a slip for a word used elsewhere."""

    mention: factlint.EntityClaim
    rare: str
    common: str
    kind: str
    support: bool
    rank: tuple
    # Where the mention is in the list of mentions (looking it up there by equality
    # took time linear in the mentions for every finding).
    index: int


def _slip_findings(
    context: factlint.CheckContext, reported: set[str], single_words: bool
) -> Iterator[factlint.Finding]:
    """Words of names misspelled once where the article spells them another way.

    Whole names are compared by :func:`_cluster`; this catches the slip when the two
    spellings sit in names of different shapes ("Heathruw Airport" / "Expansion of
    Heathrow Airport") or in one-word names ("Ukrainne" / "Ukraine"). A slip is
    believed on evidence: a slip-shaped difference (see
    :func:`~factlint_plugins.checks.name_matching.slip`), a word long enough, the rare
    spelling used once and no more than the other, and either a neighbouring word
    the two names share ("Donald Trmup" / "Donald Trump") or, for a word standing
    alone, a typing slip rather than another name.
    """
    mentions = [m for m in _mentions(context)]
    tokens = [name_tokens(m.name) for m in mentions]
    partners = _slip_partners(tokens)
    if not partners:
        return  # most articles: no two name words one slip apart, so skip counting words
    text = context.document.text
    lower = set(re.findall(r"\b[a-z]+\b", text))
    counts = _capitalised_counts(text)
    where: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for k, toks in enumerate(tokens):
        for i, tok in enumerate(toks):
            if len(tok) >= SLIP_MIN_LENGTH and tok.isalpha() and counts[tok]:
                where[tok].append((k, i))
    # First and last words of people's full names: "Wierzbicki" of "Tomasz
    # Wierzbicki", which later references write alone.
    people = [toks for k, toks in enumerate(tokens) if len(toks) >= 2 and mentions[k].entity_type == "person"]
    surnames = ({toks[-1] for toks in people}, {toks[0] for toks in people})
    best: dict[int, _Slip] = {}
    for rare in where:
        if rare in lower or counts[rare] != 1:
            continue  # a word the article also writes in lower case is no slip
        for common, kind in sorted(partners.get(rare, {}).items()):
            if common not in where or not _more_used(rare, common, counts, where, mentions):
                continue
            alone = any(_written_alone(mentions[k], tokens[k]) for k, _ in where[common])
            for k, i in where[rare]:
                if common in tokens[k] or mentions[k].id in reported:
                    continue
                shared = _shared_words(tokens, k, i, where[common])
                if kind == "key" and spelling_convention(rare, common):
                    support = shared >= 2  # Defence/Defense: a house style, unless the names agree
                elif kind == "ending":
                    # A changed last vowel is another word as often as a slip
                    # (Argentina/Argentine): only in a person's surname.
                    support = shared >= 1 and mentions[k].entity_type == "person" and i == len(tokens[k]) - 1
                else:
                    support = shared >= 1
                one_word = _written_alone(mentions[k], tokens[k])
                if not support and one_word and _same_qualifier(text, mentions[k], mentions, where[common]):
                    support = True  # "Tblisi, Georgia" beside "Tbilisi, Georgia": one place
                if not support and len(tokens[k]) > 1 and _neighbours_disagree(tokens, k, i, where[common]):
                    continue  # "John Smyth" beside "Jane Smith": two people
                if not support and len(tokens[k]) == 1 and not one_word:
                    continue  # "Al Arabiya" beside "Arabia": a particle makes another name
                if one_word and not support and _after_other_name(text, mentions[k]):
                    continue  # "Hassan Sheikh Mohamud": the end of a longer name, not a name alone
                if not support and not (
                    single_words
                    and (
                        _alone_is_slip(kind, one_word, alone)
                        or (
                            one_word
                            and _second_reference(rare, common, kind, partners, surnames)
                            and _lone_reference(mentions[k])
                        )
                        or (one_word and alone and _dropped_letter(rare, common, kind) and counts[common] >= 2)
                        or (alone and _surname_of_full_name(mentions[k], tokens[k], i, kind))
                    )
                ):
                    continue
                found = _Slip(mentions[k], rare, common, kind, support, (support, counts[common], kind != "vowel"), k)
                if k not in best or found.rank > best[k].rank:
                    best[k] = found
    for k in sorted(best):
        yield _slip_finding(context, best[k], mentions, tokens, where, counts)


@lru_cache(maxsize=2)
def _capitalised_counts(text: str) -> Counter[str]:
    """How often each capitalised word of ``text`` is written (normalised), acronyms
    apart: "ASEAN" is not "Asean".

    Cached for the article being checked, which three checks count: read the
    answer, never change it."""
    counts: Counter[str] = Counter()
    for word, n in Counter(_WORD.findall(text)).items():
        if not word[0].isupper():
            continue  # most words; the possessive below never changes the first letter
        word = _POSSESSIVE.sub("", word)  # "Everado's" is a use of "Everado"
        if not word.isupper():
            counts[word.lower() if word.isascii() and word.isalpha() else normalize(word)] += n
    return counts


SHORT_MAJORITY = 4
"""A four-letter name word must be written this many times (twice at least alone)
before a one-off spelling one slip from it is taken for a slip ("Myer" five times,
"Meyer" once): short words are too often other names one letter apart."""

# Slips that turn a short word into another: a letter dropped or added ("edit"
# across lengths), doubled, swapped, or another transliteration. A changed vowel or
# letter is another name as often as not (Gaza/Giza, Iran/Iron, Sean/Seal).
_SHORT_SLIPS = frozenset({"swap", "double", "key", "edit"})


def _short_majority_findings(context: factlint.CheckContext, reported: set[str]) -> Iterator[factlint.Finding]:
    """A one-word name written once, one slip from a four-letter name the article
    writes alone at least :data:`SHORT_MAJORITY` times ("Meyer have teamed up" beside
    five "Myer"; "Mr Oudah" beside "Mr Odah"). The majority must be overwhelming and
    the two must be used alike: the slip alone, the other alone at least twice (not
    only inside a longer name, as "Kong" of "Hong Kong"), under the same title when
    the slip has one, and without a place after the slip that the other never has
    ("Lagos, Nigeria" beside "Laos")."""
    mentions = _mentions(context)
    tokens = [name_tokens(m.name) for m in mentions]
    uses = Counter(t for toks in tokens for t in toks)
    shorts = sorted(t for t, n in uses.items() if n >= SHORT_MAJORITY - 1 and len(t) == 4 and t.isalpha())
    if not shorts:
        return  # most articles: no short name word written that often
    text = context.document.text
    counts = _capitalised_counts(text)
    lower = set(re.findall(r"\b[a-z]+\b", text))
    for common in shorts:
        if counts[common] < SHORT_MAJORITY:
            continue
        at = [k for k, toks in enumerate(tokens) if common in toks]
        if sum(_alone_here(text, mentions[k], tokens[k]) for k in at) < 2:
            continue  # "Hong Kong": a word of a longer name, not a name of its own
        for k, toks in enumerate(tokens):
            if len(toks) != 1 or mentions[k].id in reported:
                continue
            rare = toks[0]
            if not 4 <= len(rare) <= 5 or not rare.isalpha() or counts[rare] != 1 or rare in lower:
                continue
            kind = slip(rare, common)
            if kind not in _SHORT_SLIPS or (kind == "edit" and len(rare) == len(common)):
                continue
            if not _alone_here(text, mentions[k], toks):
                continue
            title = _title_before(text, mentions[k])
            if title and all(_title_before(text, mentions[j]) != title for j in at):
                continue  # "Dr Odeh" beside "Mr Odah": another person
            qualifier = _qualifier_after(text, mentions[k])
            if qualifier and all(_qualifier_after(text, mentions[j]) != qualifier for j in at):
                continue  # "Lagos, Nigeria" beside "Laos": another place
            where = {common: [(j, 0) for j in at]}
            found = _Slip(mentions[k], rare, common, kind, False, (), k)
            yield _slip_finding(context, found, mentions, tokens, where, counts, confidence=0.5)


def _same_qualifier(
    text: str, mention: factlint.EntityClaim, mentions: list[factlint.EntityClaim], others: list[tuple[int, int]]
) -> bool:
    """Whether ``mention`` and a one-word mention of the other spelling are followed
    by the same word after a comma, as a place by its state or country ("Witley,
    Surrey" and "Whitley, Surrey"): the two name one place."""
    mine = _qualifier_after(text, mention)
    return mine is not None and any(
        _qualifier_after(text, mentions[k]) == mine and _written_alone(mentions[k], name_tokens(mentions[k].name))
        for k, _ in others
    )


# Endings of words for peoples and events, whose plurals are no surname slip:
# Australian(s), Israeli(s), Olympic(s), Alawite(s), Houthi(s).
_GROUP_ENDINGS = ("an", "ish", "ese", "i", "ic", "ite")


def _final_letter_findings(context: factlint.CheckContext, reported: set[str]) -> Iterator[factlint.Finding]:
    """A person's surname with a final "e" or "s" added or dropped in one mention,
    where the article names that person in full and nobody else by either spelling:
    "Mr Clarke's comments" after "Greg Clark" (a titled later reference), or "Mark
    McDaniels" once beside "McDaniel" alone. A different ending is otherwise another
    name (Clark and Clarke are two people as often as not), so the evidence must be
    a title on the lone reference or the full name written only that once, and a
    family ("the Smiths", "the Prudhams") or a people ("Australians") is never one."""
    mentions = _mentions(context)
    tokens = [name_tokens(m.name) for m in mentions]
    words = {t for toks in tokens for t in toks}
    pairs = sorted(
        (w, w[:-1]) for w in words if w[-1:] in ("e", "s") and len(w) >= 5 and w[:-1] in words and w.isalpha()
    )
    if not pairs:
        return  # most articles: no name word that is another plus "e" or "s"
    text = context.document.text
    counts = _capitalised_counts(text)
    people = [k for k, toks in enumerate(tokens) if len(toks) >= 2 and mentions[k].entity_type == "person"]
    for longer, shorter in pairs:
        if shorter.endswith(_GROUP_ENDINGS):
            continue
        for rare, common in ((shorter, longer), (longer, shorter)):
            if counts[rare] != 1 or counts[common] < 1:
                continue
            at_rare = [k for k, toks in enumerate(tokens) if rare in toks]
            at_common = [k for k, toks in enumerate(tokens) if common in toks]
            if len(at_rare) == 1 and _same_first_part(text, mentions, tokens, at_rare[0], rare, common, at_common):
                k = at_rare[0]
                if mentions[k].id not in reported:
                    where = {common: [(j, len(tokens[j]) - 1) for j in at_common]}
                    found = _Slip(mentions[k], rare, common, "final", True, (), k)
                    yield _slip_finding(context, found, mentions, tokens, where, counts, confidence=0.6)
                break
            full = [k for k in people if tokens[k][-1] in (rare, common)]
            if len({tokens[k] for k in full}) != 1:
                continue  # no full name, or two people ("Lee Clark", "Steve Clarke")
            k_full = full[0]
            if len(at_rare) != 1 or any(len(tokens[k]) > 1 and k not in full for k in at_rare + at_common):
                continue  # a word of other names too
            k = at_rare[0]
            if mentions[k].id in reported:
                continue
            if tokens[k_full][-1] == common and len(tokens[k]) == 1:
                # A later reference: only with a personal title ("Mr Clarke").
                if not (_lone_reference(mentions[k]) and _title_before(text, mentions[k])):
                    continue
            elif k == k_full and rare == longer:
                # The full name itself, once, beside lone references to the other
                # spelling ("Mark McDaniels" ... "accused McDaniel"), never a family.
                lone = [j for j in at_common if len(tokens[j]) == 1 and not _sentence_initial(text, mentions[j])]
                if not lone or any(_plural_family(text, mentions[j]) for j in lone):
                    continue
            else:
                continue
            where = {common: [(j, len(tokens[j]) - 1) for j in at_common]}
            found = _Slip(mentions[k], rare, common, "final", False, (), k)
            yield _slip_finding(context, found, mentions, tokens, where, counts, confidence=0.45)
            break  # one finding for one pair of spellings


def _same_first_part(
    text: str,
    mentions: list[factlint.EntityClaim],
    tokens: list[tuple[str, ...]],
    k: int,
    rare: str,
    common: str,
    at_common: list[int],
) -> bool:
    """Whether mention ``k`` ends with a double-barrelled surname whose second part is
    ``rare``, after the same first part as a mention ending with ``common``
    ("Zaghari-Ratcliff" beside "Zaghari-Ratcliffe")."""
    mine = tokens[k]
    if len(mine) < 2 or mine[-1] != rare:
        return False
    if re.search(r"\w[-‐‑]\w+$", mentions[k].name) is None:
        return False  # "Nobel Prize" / "Nobel Prizes": other words in a name are no surname
    return any(len(tokens[j]) >= 2 and tokens[j][-1] == common and tokens[j][-2] == mine[-2] for j in at_common)


def _sentence_initial(text: str, mention: factlint.EntityClaim) -> bool:
    """Whether ``mention`` opens a sentence, a line or the text (a heading's
    "Science" is no reference to anyone)."""
    before = text[max(0, mention.span.start - 3) : mention.span.start].rstrip(" \t\"“‘'")
    return not before or before[-1] in ".!?:\n"


_THE_BEFORE = lazy_compile(r"\b[Tt]he[ \t]+$")


def _plural_family(text: str, mention: factlint.EntityClaim) -> bool:
    """ "the Smiths": a family, not a reference to one person."""
    return _THE_BEFORE.search(text, max(0, mention.span.start - 5), mention.span.start) is not None


def _alone_here(text: str, mention: factlint.EntityClaim, tokens: tuple[str, ...]) -> bool:
    """A one-word mention that stands alone: no other name word before it (a title is
    fine) and none run into it."""
    return _written_alone(mention, tokens) and not _after_other_name(text, mention)


_TITLE_BEFORE = lazy_compile(r"\b([A-Z][a-z]{1,9})\.?[ \t]+$")


def _title_before(text: str, mention: factlint.EntityClaim) -> str | None:
    """The title written before ``mention`` or in it ("Mr" of "Mr Odah"), lower case."""
    words = mention.name.split()
    if len(words) > 1 and words[0].lower().rstrip(".") in _TITLE_WORDS:
        return words[0].lower().rstrip(".")
    before = _TITLE_BEFORE.search(text, max(0, mention.span.start - 12), mention.span.start)
    if before is not None and before.group(1).lower() in _TITLE_WORDS:
        return before.group(1).lower()
    return None


_QUALIFIER = lazy_compile(r",[ \t]+([A-Z][\w'’-]+)")


def _qualifier_after(text: str, mention: factlint.EntityClaim) -> str | None:
    """The capitalised word after a comma right after ``mention`` ("Georgia" of
    "Tbilisi, Georgia"), or None."""
    m = _QUALIFIER.match(text, mention.span.end)
    return m.group(1) if m is not None else None


def _slip_partners(tokens: list[tuple[str, ...]]) -> dict[str, dict[str, str]]:
    """For each name word long enough for a slip, the other name words one slip from
    it, with the kind of slip (:func:`slip` of the word and the other). Only words
    sharing a block can be one slip apart, so only those are tried: the same answer
    as trying every pair. Most articles have none (Russia/Russian share a block but
    are no slip)."""
    by_block: dict[tuple[str, str], list[str]] = {}
    partners: dict[str, dict[str, str]] = defaultdict(dict)
    for tok in sorted({t for toks in tokens for t in toks if len(t) >= SLIP_MIN_LENGTH and t.isalpha()}):
        for block in slip_blocks(tok):
            sharing = by_block.get(block)
            if sharing is None:
                by_block[block] = [tok]
                continue
            for other in sharing:
                for a, b in ((tok, other), (other, tok)):
                    kind = slip(a, b) or ("ending" if _final_vowel(a, b) else None)
                    if kind is not None:
                        partners[a][b] = kind
            sharing.append(tok)
    return partners


def _more_used(rare: str, common: str, counts: Counter, where: dict, mentions: list) -> bool:
    """The other spelling is used more, or as often and first."""
    if counts[rare] != counts[common]:
        return counts[rare] < counts[common]
    first = min(mentions[k].span.start for k, _ in where[rare])
    return first > min(mentions[k].span.start for k, _ in where[common])


def _shared_words(tokens: list[tuple[str, ...]], k: int, i: int, others: list[tuple[int, int]]) -> int:
    """How many content words next to word ``i`` of name ``k`` also stand next to the
    other spelling somewhere ("Donald" in "Donald Trmup" and "Donald Trump")."""
    mine = tokens[k]
    best = 0
    for k2, j in others:
        theirs = tokens[k2]
        shared = 0
        step = 1
        while i - step >= 0 and j - step >= 0 and mine[i - step] == theirs[j - step]:
            shared += mine[i - step] not in _CONNECTORS
            step += 1
        step = 1
        while i + step < len(mine) and j + step < len(theirs) and mine[i + step] == theirs[j + step]:
            shared += mine[i + step] not in _CONNECTORS
            step += 1
        best = max(best, shared)
    return best


def _surname_of_full_name(mention: factlint.EntityClaim, toks: tuple[str, ...], i: int, kind: str) -> bool:
    """The last word of a person's full name, its last vowel away from a surname
    the article writes alone ("Emmerson Mnangagwe" beside "Mnangagwa said"). Inner
    vowels and letters are left alone: Mohamed and Mohamud, Matar and Mantar are
    names of their own."""
    return len(toks) >= 2 and i == len(toks) - 1 and mention.entity_type == "person" and kind == "ending"


def _final_vowel(a: str, b: str) -> bool:
    """Two long words that differ in their last letter only, both vowels:
    Mnangagwa/Mnangagwe. Shorter words are too often two forms of one word."""
    return len(a) == len(b) >= 7 and a[:-1] == b[:-1] and a[-1] != b[-1] and a[-1] in "aeiou" and b[-1] in "aeiou"


_ACRONYM = lazy_compile(r"\b[A-Z]{3,6}\b")
_EXPANSION_WORD = lazy_compile(r"[A-Za-z][\w’'-]*")


def _acronym_findings(context: factlint.CheckContext) -> Iterator[factlint.Finding]:
    """An acronym written with its letters in another order than the acronym the
    article spells out ("United Nations High Commissioner for Refugees (UNHCR)" ...
    "UNHRC"). Only when the other order is never spelled out itself: then it is a
    slip, not a second organization."""
    text = context.document.text
    uses: dict[str, list[re.Match[str]]] = defaultdict(list)
    for m in _ACRONYM.finditer(text):
        uses[m.group()].append(m)
    by_letters: dict[str, list[str]] = defaultdict(list)
    for acronym in sorted(uses):
        by_letters["".join(sorted(acronym))].append(acronym)
    groups = [g for g in by_letters.values() if len(g) > 1]
    if not groups:
        return  # most articles: no two acronyms with the same letters
    for group in groups:
        expanded = {a: e for a in group if (e := _expansion(text, a, uses[a])) is not None}
        if len(expanded) != 1:
            continue  # none spelled out, or two organizations each spelled out
        (right, expansion), = expanded.items()
        for wrong in group:
            if wrong == right or len(uses[wrong]) > len(uses[right]):
                continue
            first = uses[right][0]
            for m in uses[wrong]:
                span = context.document.span(m.start(), m.end())
                yield context.finding(
                    span,
                    f'"{wrong}" is written "{right}" elsewhere in this article, the initials of '
                    f'"{expansion}": use one spelling.',
                    related=[context.related(context.document.span(first.start(), first.end()), f'"{right}" here')],
                    suggestion=right,
                    fix=_fix(span, right),
                    confidence=0.6,
                )


def _expansion(text: str, acronym: str, uses: list[re.Match[str]]) -> str | None:
    """The words an article spells ``acronym`` out with, "Full Name (ACRONYM)", or None."""
    for m in uses:
        if text[m.start() - 1 : m.start()] != "(" or text[m.end() : m.end() + 1] != ")":
            continue
        words = _EXPANSION_WORD.findall(text, max(0, m.start() - 120), m.start() - 1)
        for n in range(1, min(len(words), 12) + 1):
            tail = words[-n:]
            if not tail[0][0].isupper():
                continue
            for skip_small in (True, False):
                initials = "".join(
                    w if w.isupper() else w[0].upper() for w in tail if not (skip_small and w.islower())
                )
                if initials == acronym:
                    return " ".join(tail)
    return None


def _dropped_letter(rare: str, common: str, kind: str) -> bool:
    """One letter left out or added (Kyrgystan/Kyrgyzstan, Bevis/Beavis), as opposed
    to one changed (Ireland/Iceland), which makes another name as often as a slip."""
    return kind == "edit" and len(rare) != len(common)


def _second_reference(
    rare: str, common: str, kind: str, partners: dict[str, dict[str, str]], surnames: tuple[set[str], set[str]]
) -> bool:
    """A word written alone once that is one slip from the last word of a person's
    full name in the article, and from no other name word: a later reference to
    that person ("Tomasz Wierzbicki ... Wierzbiki said"). Against a first name only
    a typing slip counts: Giorgia (Meloni) and Georgia are two names."""
    last, first = surnames
    if len(partners.get(rare, ())) != 1:
        return False
    if common in last:
        return kind in ("swap", "double", "key", "vowel", "ending") or _dropped_letter(rare, common, kind)
    return common in first and kind in ("swap", "double")


# A capitalised word, maybe a title, right before a mention: "Hassan Sheikh |Mohamud".
_NAME_BEFORE = lazy_compile(r"[A-Z][\w'’-]*\.?[ \t]+(?:[A-Z][\w'’-]*\.?[ \t]+)?$")


def _lone_reference(mention: factlint.EntityClaim) -> bool:
    """Whether ``mention`` can be a later reference to a person: one word (after a
    title, as in "Mr Bevis"), not a place or an organization."""
    words = mention.name.split()
    if words and words[0].lower().rstrip(".") in _TITLE_WORDS:
        words = words[1:]  # "Major Stallard" is read as one run
    return len(words) == 1 and mention.entity_type not in ("place", "organization")


def _after_other_name(text: str, mention: factlint.EntityClaim) -> bool:
    """Whether the word of a one-word mention follows other capitalised name words
    (a title alone, or a word that starts a sentence, does not count)."""
    name_words = mention.name.split()
    start = mention.span.start + max(0, mention.name.rfind(name_words[-1])) if name_words else mention.span.start
    before = _NAME_BEFORE.search(text, max(0, start - 40), start)
    if before is None:
        return False
    words = [w.rstrip(".").lower() for w in before.group().split()]
    if words[-1] in _SENTENCE_OPENERS:
        return False  # "... Utah The Bloomnigton arrow": a sentence begins
    return not (len(words) == 1 and words[0] in _TITLE_WORDS)


# Capitalised words before a name that start a sentence rather than a longer name.
_SENTENCE_OPENERS = frozenset(
    "the a an in on at of for and but by from to with as after before when while if "
    "said says told added".split()
)


_TITLE_WORDS = frozenset(
    "mr mrs ms miss dr prof professor sir dame lord lady major captain general colonel "
    "sergeant inspector detective judge justice president senator governor mayor sheriff".split()
)


def _alone_is_slip(kind: str, one_word: bool, common_alone: bool) -> bool:
    """Without a shared neighbour, only a typing slip of a name the article also uses
    on its own counts. A changed vowel must sit in a one-word name too, since
    Colombia/Columbia ("District of Columbia") and Mohamed/Mohamud are other names;
    any other changed letter is another name (Ireland/Iceland, Ahmed/Armed)."""
    if kind in ("edit", "ending") or not common_alone:
        return False
    if kind == "vowel":
        return one_word
    return True


def _slip_finding(
    context: factlint.CheckContext,
    found: _Slip,
    mentions: list[factlint.EntityClaim],
    tokens: list[tuple[str, ...]],
    where: dict[str, list[tuple[int, int]]],
    counts: Counter,
    confidence: float | None = None,
) -> factlint.Finding:
    """The finding for ``found``; ``confidence`` overrides the one its kind of slip gives."""
    mention = found.mention
    span, written = _word_span(context, mention, found.rare)
    first = min((mentions[k] for k, _ in where[found.common]), key=lambda m: m.span.start)
    first_span, suggestion = _word_span(context, first, found.common)
    n = counts[found.common]
    times = "once" if n == 1 else f"{n} times"
    doubt = _count_doubt(n, counts[found.rare])
    thin = n < _FIX_SUPPORT
    if doubt is None:
        message = f'"{written}" is spelled "{suggestion}" elsewhere in this article ({times}): use one spelling.'
        if thin:
            message += f" {_THIN}"
    else:
        message = f'"{written}" is spelled "{suggestion}" elsewhere in this article: use one spelling. {doubt}'
    if confidence is None and found.support:
        confidence = 0.8 if found.kind != "vowel" else 0.7
    elif confidence is None:
        confidence = {"swap": 0.65, "double": 0.6, "key": 0.55}.get(found.kind, 0.45)
        if len(tokens[found.index]) > 1:
            confidence -= 0.05
    if doubt is not None:
        confidence -= 0.1
    return context.finding(
        span,
        message,
        related=[context.related(first_span, f'spelled "{suggestion}" here')],
        suggestion=None if doubt else suggestion,
        fix=None if doubt or thin else _fix(span, suggestion),
        confidence=confidence,
    )


def _word_span(context: factlint.CheckContext, mention: factlint.EntityClaim, token: str) -> tuple[factlint.Span, str]:
    """Where normalised ``token`` is written inside ``mention``, and how."""
    for m in _WORD.finditer(mention.text):
        if normalize(m.group()) == token:
            start = mention.span.start + m.start()
            return context.document.span(start, start + len(m.group())), m.group()
    return mention.span, mention.text


SINGLE_WORD_SCORE = 0.96
"""One-word names need a closer match: alone, "Giza" and "Gaza" or "Borno" and
"Borneo" are other places, so only a transliteration spelling (Adala/Adalah,
Zelensky/Zelenskyy) counts."""


def _same(a: _Spelling, b: _Spelling) -> bool:
    m = compare(a.name, b.name)
    if not m.same or m.identical:
        return False
    if len(a.tokens) == len(b.tokens) == 1 and not all(
        _written_alone(m, s.tokens) for s in (a, b) for m in s.mentions
    ):
        return False  # "Al Arabiya", a broadcaster, is no respelling of "Arabia"
    if len(a.tokens) == len(b.tokens) == 1 and (
        a.tokens[0][0] != b.tokens[0][0]
        or (spelling_convention(a.tokens[0], b.tokens[0]) and slip(a.tokens[0], b.tokens[0]) != "double")
    ):
        # Alone, a different first letter is another name (Sarah and the Zara shop),
        # and British and American spellings of a word are house styles (Defence).
        return False
    return m.score >= SINGLE_WORD_SCORE or min(len(a.tokens), len(b.tokens)) > 1


def _preferred(
    cluster: list[_Spelling], registry: factlint.Registry, uses: dict[int, int]
) -> tuple[_Spelling | None, str | None, bool]:
    """The spelling the others should follow, the suggestion to make, and whether
    the registry settles it (else the article's counts do; ``uses`` by ``id``)."""
    entries = {}
    accepted = []
    for s in cluster:
        for m in s.mentions:
            entry = registry.accepted(m.name) if registry else None
            if entry is not None:
                accepted.append(s)
            entry = entry or (registry.avoided(m.name) if registry else None)
            if entry is not None:
                entries[entry.canonical] = entry
    if len(entries) == 1:
        canonical = next(iter(entries))
        if accepted:
            return accepted[0], canonical, True
        return _by_use(cluster, uses)[0], canonical, True
    return (*_by_use(cluster, uses), False)


def _by_use(cluster: list[_Spelling], uses: dict[int, int]) -> tuple[_Spelling | None, str | None]:
    ranked = sorted(cluster, key=lambda s: (-uses[id(s)], s.first))
    top = [s for s in ranked if uses[id(s)] == uses[id(ranked[0])]]
    if len(top) > 2:
        return None, None
    return ranked[0], ranked[0].name


class RegistryOptions(BaseModel):
    """Options of ``name/registry``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    resemblance: bool = Field(
        True,
        description="Also flag a name that closely resembles a registry name without "
        "being one of its accepted spellings (at lower confidence).",
    )


class NameRegistryRule(factlint.Rule[RegistryOptions]):
    """Flags a name the newsroom's registry spells differently.

    ## What it flags

    A mention of a person, organization or place that the registry lists as a
    spelling to avoid ("Turat Zedek" for Torat Tzedek, "Fighters for Peace" for
    Combatants for Peace), and, at lower confidence, a mention that closely resembles
    a registry name without being one of its accepted spellings (a respelling the
    registry did not foresee: "Tora Tsedek"). Accepted aliases ("PCATI", "the court")
    are fine.

    A spelling to avoid that is only part of the canonical name ("Center for the
    Defense of the Individual" for "HaMoked: Center for the Defence of the
    Individual") is reported at info severity: the group is recognisable, the house
    style asks for its full name, and a desk may accept the short form by adding it
    to the aliases. A name written as the registry writes it is never flagged, even
    when part of it is close to a spelling to avoid ("HaMoked: Center for the Defence
    of the Individual"), and a name the text splits at a colon or dash is checked
    whole, so a fix replaces all of it.

    ## Why it matters

    The registry is how the newsroom agreed to write a name: usually the entity's own
    English name. Translated or transliterated copy brings in other spellings
    ("Parents Against Child Arrest" for Parents Against Child Detention) that readers
    and archives will not connect with the group.

    ## Example

    With `Torat Tzedek` in the registry, `avoid: [Turat Zedek]`:

    ```
    They are: B'Tselem, Yesh Din and Turat Zedek (Torah of Truth).
    ```

    ## Use instead

    ```
    They are: B'Tselem, Yesh Din and Torat Tzedek (Torah of Justice).
    ```

    ## Fix safety

    Unsafe: replacing the name is right when the mention is the registry's entity,
    and only a person can be sure of that, especially for a name that merely
    resembles a registry entry. The fix changes the name only, not the text around it.

    ## Options

    - `resemblance` (default true): also flag names that closely resemble a registry
      name without being listed.
    """

    id = "name/registry"
    summary = "A name the registry spells differently."
    severity = factlint.Severity.WARNING
    requires = frozenset({"entity"})
    Options = RegistryOptions
    fix_safety = "unsafe"

    def check(self, context: factlint.CheckContext) -> Iterator[factlint.Finding]:
        registry = context.registry
        if not registry:
            return
        text = context.document.text
        mentions = sorted(_mentions(context), key=lambda m: m.span.start)
        done: set[int] = set()  # mentions already inside a flagged longer name
        for k, mention in enumerate(mentions):
            if k in done or registry.accepted(mention.name) is not None:
                continue
            runs = _joined_runs(text, mentions, k)
            if any(registry.accepted(text[s:e]) is not None for s, e, _ in runs):
                continue  # part of an accepted name as written ("HaMoked: Center for ...")
            for start, end, members in runs:
                # A longer name the extractor split at a colon or dash: flag it whole,
                # so that a fix replaces all of it and never repeats a part.
                joined = context.document.span(start, end)
                finding = self._flag(context, joined, text[start:end], registry)
                if finding is not None:
                    done.update(members)
                    yield finding
                    break
            else:
                finding = self._flag(context, mention.span, mention.name, registry)
                if finding is not None:
                    yield finding

    def _flag(
        self, context: factlint.CheckContext, span: factlint.Span, name: str, registry: factlint.Registry
    ) -> factlint.Finding | None:
        entry = registry.avoided(name)
        if entry is not None:
            return self._avoided(context, span, name, entry)
        if self.options.resemblance:
            return self._resembling(context, span, name, registry)
        return None

    @staticmethod
    def _avoided(
        context: factlint.CheckContext, span: factlint.Span, name: str, entry: factlint.RegistryEntry
    ) -> factlint.Finding:
        canonical = entry.canonical
        if contains(canonical, name):
            message = f'"{name}" is part of the registry\'s name for this group: write "{canonical}".'
            severity = factlint.Severity.INFO
        else:
            message = f'"{name}" is not how the registry spells it: write "{canonical}".'
            severity = None
        return context.finding(
            span,
            message,
            suggestion=canonical,
            fix=_fix(span, canonical),
            confidence=0.95,
            severity=severity,
        )

    @staticmethod
    def _resembling(
        context: factlint.CheckContext, span: factlint.Span, name: str, registry: factlint.Registry
    ) -> factlint.Finding | None:
        best = _registry_index(registry).closest(name)
        if best is None:
            return None
        score, entry, known = best
        canonical = entry.canonical
        if score == 1.0:
            if _fold(name) != _fold(known):
                return None  # a title or "the" more or less: not a spelling matter
            # Same letters, different case or punctuation: "Yesh din".
            message = f'"{name}" is not written as in the registry: write "{canonical}".'
            confidence = 0.7
        elif known in entry.avoid and _exact_part(canonical, name):
            # Close to a spelling to avoid, but letter for letter a part of the
            # canonical name: the short form, not a respelling.
            return context.finding(
                span,
                f'"{name}" is part of the registry\'s name for this group: write "{canonical}".',
                suggestion=canonical,
                fix=_fix(span, canonical),
                confidence=0.9,
                severity=factlint.Severity.INFO,
            )
        else:
            message = f'"{name}" looks like a respelling of "{known}": the registry writes "{canonical}".'
            confidence = 0.4 + 0.4 * (score - 0.85) / 0.15
        return context.finding(
            span,
            message,
            suggestion=canonical,
            fix=_fix(span, canonical),
            confidence=max(0.3, min(0.8, confidence)),
        )


# What may stand between two parts of one name that the extractor takes apart:
# "HaMoked: Center for the Defence of the Individual", "Torat Tzedek – Torah of Justice".
_NAME_JOINER = lazy_compile(r"[ \t]*[:\-–—][ \t]*|[ \t]+")


def _joined_runs(text: str, mentions: list[factlint.EntityClaim], k: int) -> list[tuple[int, int, tuple[int, ...]]]:
    """Runs of two or three neighbouring mentions, one of them mention ``k``, that
    only a colon, a dash or blanks separate: ``(start, end, members)``, longest first.
    ``mentions`` are in text order."""
    def joined(a: int, b: int) -> bool:
        return _NAME_JOINER.fullmatch(text, mentions[a].span.end, mentions[b].span.start) is not None

    left = k
    while left > max(0, k - 2) and joined(left - 1, left):
        left -= 1
    right = k
    while right < min(len(mentions) - 1, k + 2) and joined(right, right + 1):
        right += 1
    if left == right:
        return []  # most mentions: no neighbour joined to them
    runs = [
        (mentions[a].span.start, mentions[b].span.end, tuple(range(a, b + 1)))
        for a in range(left, k + 1)
        for b in range(k, right + 1)
        if 0 < b - a <= 2
    ]
    return sorted(runs, key=lambda r: (r[0] - r[1], r[0]))


def _exact_part(long: str, short: str) -> bool:
    """``short`` is a run of whole words of ``long``, letter for letter."""
    tl, ts = name_tokens(long), name_tokens(short)
    return 0 < len(ts) < len(tl) and any(tl[i : i + len(ts)] == ts for i in range(len(tl) - len(ts) + 1))


def _fold(name: str) -> str:
    return " ".join(name.replace("’", "'").casefold().split())


class _RegistryIndex:
    """The registry's names in a :class:`NameIndex`, so a mention is compared only
    with the names it could match."""

    def __init__(self, registry: factlint.Registry) -> None:
        self.names: list[tuple[factlint.RegistryEntry, str]] = []
        self.index = NameIndex()
        self._closest: dict[str, tuple[float, factlint.RegistryEntry, str] | None] = {}
        for entry in registry.entries:
            for known in (*entry.accepted, *entry.avoid):
                self.index.add(known)
                self.names.append((entry, known))

    def candidates(self, name: str) -> list[tuple[factlint.RegistryEntry, str]]:
        """The registry names that could match ``name``, in registry order."""
        return [self.names[i] for i in self.index.candidates(name)]

    def closest(self, name: str) -> tuple[float, factlint.RegistryEntry, str] | None:
        """The registry name ``name`` matches best, ``(score, entry, name)``, or None
        when it matches none or two entries equally well. Kept for the next use of
        ``name`` (up to _CLOSEST_KEPT names): a name recurs within an article and
        across an archive."""
        if name in self._closest:
            return self._closest[name]
        # Candidates come in registry order, as a full scan would visit them, so ties
        # and ambiguity come out the same.
        best = _best_registry_match(name, self.candidates(name))
        if len(self._closest) >= _CLOSEST_KEPT:
            self._closest.clear()
        self._closest[name] = best
        return best


_CLOSEST_KEPT = 1 << 14


def _best_registry_match(
    name: str, known_names: Iterable[tuple[factlint.RegistryEntry, str]]
) -> tuple[float, factlint.RegistryEntry, str] | None:
    """The registry name among ``known_names`` (``(entry, name)`` pairs in registry
    order) that ``name`` matches best, ``(score, entry, name)``; None when it matches
    none, or two entries equally well."""
    best: tuple[float, factlint.RegistryEntry, str] | None = None
    ambiguous = False
    for entry, known in known_names:
        m = compare(name, known)
        if not m.same:
            continue
        score = 1.0 if m.identical else m.score
        if best is None or score > best[0]:
            ambiguous = best is not None and best[1].canonical != entry.canonical and best[0] == score
            best = (score, entry, known)
        elif score == best[0] and entry.canonical != best[1].canonical:
            ambiguous = True
    return None if ambiguous else best


_INDEXES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _registry_index(registry: factlint.Registry) -> _RegistryIndex:
    index = _INDEXES.get(registry)
    if index is None:
        index = _INDEXES[registry] = _RegistryIndex(registry)
    return index


@factlint.hookimpl
def factlint_register_rules() -> list[type[factlint.Rule]]:
    """Register the name rules."""
    return [NameVariantRule, NameRegistryRule]

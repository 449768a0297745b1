"""name/reference: a well-known name misspelled in its only mention."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

import factlint
from factlint_plugins._patterns import lazy_compile
from factlint_plugins.reference import fold, towns

from ..name_matching import TITLES, name_tokens, slip
from ._common import ascii_name, facts_of
from .titles import titled_mentions

__all__ = ["NameReferenceRule"]

# Small words inside place names that the entity extractor does not join across
# ("Dar es Salaam", "Rio de Janeiro").
_JOINERS = frozenset("es de da do del la le el al as ad of du des".split())
_LOWER_WORD = lazy_compile(r"\b[a-z][a-z'’-]*\b")
_WORD_BEFORE = lazy_compile(r"([A-Za-z.]+)\s+$")
# Articles of other languages before a name: the name is written as that language does.
_FOREIGN_ARTICLE = lazy_compile(r"\b(?:la|il|le|lo|el|der|die|das|het|de|los|las|les|al)\s+$", re.IGNORECASE)


@dataclass(frozen=True)
class _Mention:
    name: str
    start: int
    end: int
    entity_type: str


class ReferenceOptions(BaseModel):
    """Options of ``name/reference``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min_word_length: int = Field(
        5, ge=4, description="The shortest word a slip is looked for in, in a name of several words; one more "
        "letter for a name of one word. Shorter words are too often other names."
    )


class NameReferenceRule(factlint.Rule[ReferenceOptions]):
    """Flags a well-known name misspelled in its only mention.

    ## What it flags

    A name written once in the article that is not itself a known name, but is one
    slip from exactly one name of the reference facts (countries, capitals and
    cities, office holders, and the names of ``--facts`` files): a letter doubled or
    dropped, two letters swapped, one letter changed inside a long word, or another
    transliteration, with every other word of the name the same ("Vladivostock" for
    Vladivostok, "Dar es Salam" for Dar es Salaam). The message quotes the known
    name and its source.

    It is silent for names the facts know (every city of 15,000 people or more has
    one), for a spelling the article writes more than once (a consistent spelling is
    a choice, or a different place), for two spellings in one article (that is
    ``name/variant``'s finding), for words the article also writes in lower case,
    for a person's name against a place, for a place's adjective ("Serbian"), for a
    vowel or an "h" more or less in a short word (transliterations: "Khan Younis"),
    and for short words. A name of one word is checked only where the article writes
    it as a place ("in Vladivostock"), and only against a place of 100,000 people or
    more: one word one letter from some town somewhere is most often another word.

    ## Why it matters

    A misspelled place or leader in a story's only mention of it goes unnoticed by
    the other checks, which compare the article with itself, and readers notice it
    at once.

    ## Example

    ```
    The delegation flew on to Vladivostock for the summit.
    ```

    ## Use instead

    ```
    The delegation flew on to Vladivostok for the summit.
    ```

    ## Fix safety

    Unsafe: a small town or a person may bear the spelling as written; an editor
    should confirm which is meant.

    ## Options

    - `min_word_length` (default 5): the shortest word a slip is looked for in, in a
      name of several words; a name of one word needs one letter more.
    """

    id = "name/reference"
    summary = "A well-known name misspelled in its only mention."
    severity = factlint.Severity.WARNING
    requires = frozenset({"entity"})
    Options = ReferenceOptions
    fix_safety = "unsafe"

    def check(self, context: factlint.CheckContext) -> Iterator[factlint.Finding]:
        facts = facts_of(context)
        text = context.document.text
        mentions = _mentions(context)
        spellings = Counter(name_tokens(m.name) for m in mentions)
        words = Counter(t for m in mentions for t in name_tokens(m.name))
        lower: set[str] | None = None
        # A name after an office title is fact/holder's to judge, against the holder then.
        titled = {t.mention.span.end for t in titled_mentions(context, facts)}
        for mention in mentions:
            tokens = name_tokens(mention.name)
            if mention.end in titled or not tokens or spellings[tokens] > 1:
                continue
            if not any(len(t) >= self.options.min_word_length for t in tokens):
                continue
            if len(tokens) == 1 and mention.entity_type != "place":
                continue  # one word not written as a place ("Cameron said", "Moderna's"): a name of its own
            if facts.known_name(mention.name) is not None or facts.terms_for_person(mention.name):
                continue
            if fold(mention.name) in towns():
                continue  # a town of the built-in data: a real place
            if _FOREIGN_ARTICLE.search(text, max(0, mention.start - 4), mention.start):
                continue  # "la Repubblica", "Die Zeit": a name in its own language
            before = _WORD_BEFORE.search(text, max(0, mention.start - 20), mention.start)
            person = mention.entity_type == "person" or (
                before is not None and before.group(1).lower().rstrip(".") in TITLES
            )
            found = self._nearest(facts, mention, tokens, person)
            if found is None:
                continue
            known, written, rare, common = found
            if words[common] or words[rare] > 1:
                continue  # both spellings in the article: name/variant's call
            if lower is None:
                lower = {w.lower() for w in _LOWER_WORD.findall(text)}
            if rare in lower:
                continue  # a word of the language, capitalised here
            if _adjective_of_known(facts, rare):
                continue  # "Serbian": the adjective of a known name, not a slip for "Serian"
            if mention.name.isascii():
                written = ascii_name(written)
            span = context.document.span(mention.start, mention.end)
            message = (
                f'"{mention.name}" is one slip from "{written}" ({known.kind}, {known.source}), and the '
                "article names it only here: check the spelling."
            )
            fix = factlint.Fix(
                description=f"Replace with '{written}'",
                edits=(factlint.Edit(span=span, replacement=written),),
                safety="unsafe",
            )
            confidence = 0.75 if len(tokens) > 1 else 0.65
            yield context.finding(span, message, suggestion=written, fix=fix, confidence=confidence)

    def _nearest(
        self, facts: Any, mention: _Mention, tokens: tuple[str, ...], person: bool
    ) -> tuple[Any, str, str, str] | None:
        """The one known name the mention is a slip of: (record, spelling, the
        mention's word, the known word); None when there is none or several."""
        found: dict[str, tuple[Any, str, str, str]] = {}
        for known in facts.names_near(mention.name):
            if person and known.kind != "person":
                continue
            for spelling in (known.name, *known.aliases):
                theirs = name_tokens(spelling)
                if len(theirs) != len(tokens):
                    continue
                diff = [(a, b) for a, b in zip(tokens, theirs, strict=True) if a != b]
                if len(diff) != 1:
                    continue
                rare, common = diff[0]
                shortest = self.options.min_word_length + (len(tokens) == 1)
                if min(len(rare), len(common)) < shortest or not rare.isalpha():
                    continue
                kind = slip(rare, common)
                if kind is None or not _typing_slip(kind, rare, common):
                    continue
                found.setdefault(known.name, (known, spelling, rare, common))
                break
        return next(iter(found.values())) if len(found) == 1 else None


def _typing_slip(kind: str, rare: str, common: str) -> bool:
    """Whether a slip is one of the keyboard rather than another name: letters
    swapped, a letter doubled, or a consonant dropped or added (a vowel only in a
    word of eight letters or more). One letter changed makes another name as often
    as not (Labour/Latour, Misrata/Mislata); another vowel, a vowel more or less in
    a shorter word, an "h" after a consonant, or another transliteration is a choice
    of spelling (Mohammed/Mohammad, Younis/Yunis, Gujarat/Gujrat,
    Bhubaneshwar/Bhubaneswar, Syrian/Sirjan)."""
    if kind in ("swap", "double"):
        return True
    short, long = sorted((rare, common), key=len)
    if len(long) != len(short) + 1:
        return False
    for i in range(1, len(long) - 1):
        if long[:i] + long[i + 1 :] == short:
            letter = long[i]
            transliterated = letter == "h" and long[i - 1] not in _VOWELS  # kh, sh, gh
            return not (transliterated or (letter in _VOWELS and len(long) < 9))
    return False


_VOWELS = frozenset("aeiouy")
# Endings that make an adjective or a people of a place: Serbia -> Serbian, Iraq -> Iraqi.
_ADJECTIVE_ENDINGS = ("ian", "an", "n", "ese", "i", "ish", "ic", "s")


def _adjective_of_known(facts: Any, word: str) -> bool:
    """Whether ``word`` is a known name with an adjective ending ("Serbian")."""
    for ending in _ADJECTIVE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            stem = word[: -len(ending)]
            if any(facts.known_name(stem + tail) is not None for tail in ("", "a", "ia", "e")):
                return True
    return False


def _mentions(context: factlint.CheckContext) -> list[_Mention]:
    """The article's names, with runs the extractor split at a small word joined
    again ("Dar" "es" "Salam" -> "Dar es Salam")."""
    text = context.document.text
    claims = sorted(
        (c for c in context.claims.of_kind("entity", factlint.EntityClaim) if isinstance(c, factlint.EntityClaim)),
        key=lambda c: c.span.start,
    )
    out: list[_Mention] = []
    joined: set[int] = set()
    for i, claim in enumerate(claims):
        if i in joined:
            continue
        start, end, name = claim.span.start, claim.span.end, claim.name
        j = i + 1
        while j < len(claims):
            gap = text[end : claims[j].span.start]
            m = re.fullmatch(r" ([a-z]{1,3}) ", gap)
            if m is None or m.group(1) not in _JOINERS:
                break
            name = f"{name}{gap}{claims[j].name}"
            end = claims[j].span.end
            joined.add(j)
            j += 1
        if text[start:end] != name:
            continue  # the extractor left a title or "the" out: keep to what is written
        out.append(_Mention(name, start, end, claim.entity_type))
    return out

"""Name mutations: one mention of a name respelled with a typing or transliteration slip."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable, Iterator, Sequence

from factlint import ClaimBase, Mutation
from factlint_plugins._patterns import lazy_compile

__all__ = ["name_mutations", "respellings"]

_NAME = lazy_compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|the|for|and|de|al|la|von|van|du|del|da|bin|el))*$")


def respellings(word: str) -> list[str]:
    """Realistic slips of ``word``, its first letter kept: a letter doubled or
    undoubled, a vowel swapped, two adjacent letters swapped, tz/ts, ph/f, y/i."""
    out: set[str] = set()
    for i in range(1, len(word) - 1):
        a, b = word[i], word[i + 1]
        if a.isalpha() and a == b:
            out.add(word[:i] + word[i + 1 :])
        elif a.isalpha() and a.lower() not in "aeiou" and b != a and (i == 1 or word[i - 1] != a):
            out.add(word[: i + 1] + a + word[i + 1 :])
        if a.isalpha() and b.isalpha() and a != b and i + 2 <= len(word) - 1:
            out.add(word[:i] + b + a + word[i + 2 :])
    swaps = {"a": "e", "e": "a", "i": "e", "o": "u", "u": "o"}
    for i in range(1, len(word) - 1):
        if word[i] in swaps:
            out.add(word[:i] + swaps[word[i]] + word[i + 1 :])
    for x, y in (("tz", "ts"), ("ts", "tz"), ("ph", "f"), ("y", "i"), ("i", "y")):
        j = word.find(x, 1)
        if j > 0:
            out.add(word[:j] + y + word[j + len(x) :])
    out.discard(word)
    return sorted(o for o in out if o[1:].isalpha() or "-" in o)


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text)]


def name_mutations(
    doc_id: str,
    text: str,
    published: dt.date | None,
    claims: Sequence[ClaimBase],
    rng: random.Random,
    *,
    names: Iterable[str] | None = None,
) -> Iterator[Mutation]:
    """``name-respell`` mutations: one mention of a name used twice or more respelled.

    The names are ``names`` if given (the benchmark passes the corpus's own entity
    annotations), else the names of the ``entity`` claims.
    """
    if names is None:
        names = [getattr(c, "name", c.text) for c in claims if c.kind == "entity"]
    words_in_text = {w.lower() for w in re.findall(r"[\w'’-]+", text)}
    picked = {
        n.strip() for n in names
        if _NAME.match(n.strip()) and any(len(w) >= 5 and w.isalpha() for w in n.split())
    }
    candidates = sorted(n for n in picked if len(_occurrences(text, n)) >= 2)
    for name in candidates:
        if any(name != other and name in other for other in candidates):
            continue  # "Gaza" inside "Gaza Strip": respell the longer name instead
        occ = _occurrences(text, name)
        words = [(m.start(), m.group()) for m in re.finditer(r"[A-Za-z][\w'’-]*", name)]
        words = [(s, w) for s, w in words if len(w) >= 5 and w.isalpha() and w[0].isupper()]
        if not words:
            continue
        w_start, word = rng.choice(words)
        options = [o for o in respellings(word) if o.lower() not in words_in_text]
        if not options:
            continue
        new_word = rng.choice(options)
        o_start, _ = rng.choice(occ)
        a = o_start + w_start
        mut = Mutation("name-respell", doc_id, a, a + len(word), new_word, [], f"{name!r}: {word} -> {new_word}")
        mut.expected = [(mut.shift(s), mut.shift(e)) if s != o_start else (s, e + mut.delta) for s, e in occ]
        yield mut

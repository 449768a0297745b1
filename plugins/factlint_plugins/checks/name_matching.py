"""Transliteration-aware comparison of two spellings of a name.

Plain edit distance cannot tell a respelling from a different name: "Tora Tzedek" and
"Turat Zedek" (one organization) are further apart by ``fuzz.ratio`` than "Human Rights
Watch" and "Human Rights First" (two). This module compares names token by token:

1. Both names are normalised (case, diacritics, apostrophes, hyphens and dashes), and
   what does not tell names apart is dropped: a leading "the", personal titles
   ("Professor Chomsky" is "Chomsky"), and the Arabic article "al-"/"el-".
2. Each token gets a spelling key that folds the usual transliteration choices
   together (tz/ts/z/s, ph/f, kh/ch/k, q/k/c/g at the start, dh/d, th/t, w/v, y/i/j,
   doubled letters, an h after a vowel), and a consonant skeleton (vowels reduced).
3. Tokens are aligned one to one. Two names are the same entity only if they have as
   many tokens and *every* aligned pair matches: a single content word that differs
   ("Watch"/"First", "Din"/"Gvul") means two different entities. A name with one
   extra token ("George W. Bush", "Physicians for Human Rights – Israel") is a
   different name, not a respelling; only a token split differently ("Abdul Rahman"
   / "Abdulrahman") is accepted there.

The entry points are :func:`compare` (two names) and :func:`contains` (a name inside a
longer one, token-aligned).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from factlint_plugins._patterns import lazy_compile

__all__ = [
    "NameGroups", "NameIndex", "NameMatch", "compare", "contains", "group_names", "name_tokens", "normalize", "slip",
    "slip_blocks", "spelling_convention", "token_signatures", "token_similarity",
]

TOKEN_THRESHOLD = 0.85
"""The lowest token score that still counts as the same word spelled differently."""

# Personal titles and honorifics: "Professor Chomsky" and "Chomsky" are one name.
TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor president sir dame lord lady sen senator rep
    representative gov governor gen general judge justice king queen prince princess pope
    sheikh shaikh sheik rabbi imam father reverend rev bishop archbishop cardinal minister
    chancellor ambassador mayor chairman chairwoman chair director prosecutor captain capt
    lt lieutenant col colonel sgt sergeant major commander admiral emir sultan ayatollah
    mullah premier secretary dean saint st coach officer detective inspector constable
    chief sheriff""".split()
)

# Articles that transliterations attach to a name or leave out ("al-Assad" / "Assad").
_PARTICLES = frozenset({"al", "el", "ul"})

# A token that is the other plus one of these endings is another word, not a
# respelling: Israel/Israeli, Niger/Nigeria, Paul/Paula, Korea/Korean, Syria/Syrians.
_WORD_ENDINGS = frozenset(
    """s es os i is n an ian ians ans ese ish ic ics ical a e o ia ias er ers ist ists ism ite
    ites y ie ies ine ines ns ois ais""".split()
)

_APOSTROPHES = "'’‘ʼʻ`´ʿʾ"
_SEPARATORS = lazy_compile(r"[\s\-‐‑‒–—―/:,.;()\[\]\"“”«»&+]+")


@dataclass(frozen=True)
class NameMatch:
    """The outcome of comparing two names.

    ``same`` says whether they name one entity as far as spelling can tell;
    ``identical`` whether they are the same letters once case, diacritics,
    punctuation, titles and a leading "the" are set aside; ``score`` (0 to 1) is how
    close the least similar aligned pair of tokens is.
    """

    same: bool
    identical: bool
    score: float


def normalize(name: str) -> str:
    """Lower case, no diacritics, no apostrophes, hyphens and dashes as spaces."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("œ", "oe").replace("ł", "l")
    text = text.casefold()
    for ch in _APOSTROPHES:
        text = text.replace(ch, "")
    return " ".join(_SEPARATORS.split(text)).strip()


@lru_cache(maxsize=1 << 14)
def name_tokens(name: str) -> tuple[str, ...]:
    """The normalised tokens that identify a name (no leading "the", title or "al")."""
    tokens = normalize(re.sub(r"['’]s\b", "", name)).split()
    while len(tokens) > 1 and tokens[0] in ("the", "a", "an"):
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[0] in TITLES:
        tokens = tokens[1:]
    kept = [t for i, t in enumerate(tokens) if not (t in _PARTICLES and i + 1 < len(tokens))]
    return tuple(kept)


_SPELLING_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"dzh|dj", "j"),
        (r"(?<=[ao])u(?=sk|n[ao]$|$)", "v"),  # Belarusian ў: Barsukou/Barsukov, Zimouski/Zimovski
        (r"sch|sh|sz", "s"),
        (r"zh", "z"),
        (r"tz|ts|z", "s"),
        (r"ph", "f"),
        (r"kh|ch|ck|tj$", "k"),  # -vitj: a Scandinavian spelling of -vich
        (r"gh", "g"),
        (r"dh", "d"),
        (r"th", "t"),
        (r"q", "k"),
        (r"c(?=[eiy])", "s"),
        (r"c", "k"),
        (r"x", "ks"),
        (r"^g", "k"),
        (r"w", "v"),
        (r"j", "y"),
        (r"y", "i"),
        (r"ou|oo", "u"),
        (r"ee", "i"),
        (r"(?<=[aeiou])h$", ""),
        (r"(.)\1+", r"\1"),
    )
)

_VOWELS = frozenset("aeiou")


@lru_cache(maxsize=1 << 14)
def spelling_key(token: str) -> str:
    """Fold the usual transliteration choices of one normalised token together:
    Tzedek/Zedek, Qadhafi/Gaddafi, Kahn/Khan, Adalah/Adala."""
    key = token
    for pattern, repl in _SPELLING_RULES:
        key = pattern.sub(repl, key)
    return key


def _skeleton_of_key(key: str) -> str:
    """The consonants of a spelling key, with a leading vowel kept as "a"."""
    if not key:
        return ""
    head = "a" if key[0] in _VOWELS else key[0]
    return head + "".join(ch for ch in key[1:] if ch not in _VOWELS)


def _other_word_form(a: str, b: str) -> bool:
    """Two forms of one word rather than two spellings of one name: Argentina/Argentine,
    Poles/Polish, Texas/Texans, Comedy/Comedic, Colombia/Colombo."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    if n < 3:
        return False
    ea, eb = a[n:], b[n:]
    return ea != eb and ea in _WORD_ENDINGS | {""} and eb in _WORD_ENDINGS | {""}


@lru_cache(maxsize=1 << 15)
def token_similarity(a: str, b: str) -> float:
    """How likely two normalised tokens are one word spelled two ways (0 to 1).

    1.0 for identical tokens; about 0.97 when only transliteration digraphs differ;
    0.9 to 0.94 when only vowels differ in a token long enough to carry them;
    0.88 for a Semitic construct ending ("Tora"/"Torat"); 0 for anything else.
    """
    if a == b:
        return 1.0
    if any(ch.isdigit() for ch in a + b):
        return 0.0
    ka, kb = spelling_key(a), spelling_key(b)
    kshort, klong = sorted((ka, kb), key=len)
    if ka == kb:
        # Different letters, same sound: only trust it when there are letters to
        # compare ("Din"/"Dyn" is fine, but a two-letter key says little).
        return 0.97 if len(ka) >= 3 else 0.0
    # Israel/Israeli, Argentina/Argentine: an ending makes another word.
    if _other_word_form(a, b):
        return 0.0
    if a[0] != b[0]:
        # A different first sound is only a transliteration (Qadhafi/Gaddafi) when
        # nothing else differs; Ghana/China and Giza/Gaza are other places.
        return 0.0
    if ka[-1] != kb[-1] and ka[-1] in _VOWELS and kb[-1] in _VOWELS and not _free_final_vowel(a, b, ka, kb):
        return 0.0  # India/Indio, Korea/Korei: a different final vowel is another word
    if len(a) == len(b) and _transposed(a, b):
        # Two neighbouring letters swapped: Kahn/Khan, Untied/United.
        return 0.9
    score = _key_similarity(ka, kb)
    if score == 0.0 and kshort[-1:] in _VOWELS and klong[-2:-1] in _VOWELS and klong.endswith("t"):
        # Hebrew and Arabic construct forms: Tora/Torat, Tora/Turat, Hamza/Hamzat.
        score = 0.97 * _key_similarity(kshort, klong[:-1]) if klong[:-1] != kshort else 0.88
    return score


def _free_final_vowel(a: str, b: str, ka: str, kb: str) -> bool:
    """A final vowel that transliterations choose freely: an Arabic or Persian ending
    written with an "h" (Saleh/Salih/Salah, Haniyeh/Haniya), or the Belarusian
    -enka for the Ukrainian and Russian -enko (Lukashenka/Lukashenko)."""
    if a[-1] == "h" or b[-1] == "h":
        return True
    return ka[-4:-1] == kb[-4:-1] == "enk"


def _key_similarity(ka: str, kb: str) -> float:
    """Score two different spelling keys: vowels only, or one letter in a long word."""
    if min(len(ka), len(kb)) <= 3:
        return 0.0
    closeness = fuzz.ratio(ka, kb) / 100
    if _skeleton_of_key(ka) == _skeleton_of_key(kb) and _shape(ka) == _shape(kb):
        # Only the vowels differ, in the same places: Torat/Turat, Omar/Umar, but not
        # Mali/Mila or Abdu/Abud.
        return 0.8 + 0.14 * closeness if closeness >= 0.7 else 0.0
    if len(ka) == len(kb) and _transposed(ka, kb):
        # Two neighbouring letters swapped: Kahn/Khan, Untied/United.
        return 0.9
    if min(len(ka), len(kb)) >= 5 and closeness >= 0.8 and _one_edit(ka, kb):
        # One letter dropped, added or changed in a long word: Syrskyi/Syrsky.
        return 0.86
    return 0.0


def _shape(key: str) -> str:
    """Consonant/vowel pattern of a key, a run of vowels counted once: "torat" is CVCVC."""
    return re.sub("V+", "V", "".join("V" if ch in _VOWELS else "C" for ch in key))


def _transposed(a: str, b: str) -> bool:
    """Two neighbouring letters swapped, not the first; in a short word only around
    an "h" (Kahn/Khan), since Abdu/Abud are two names."""
    # Callers compare words of one length; a longer one's tail is not a swap.
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
    if len(diff) != 2 or diff[1] != diff[0] + 1 or diff[0] == 0:
        return False
    i, j = diff
    swapped = a[i] == b[j] and a[j] == b[i]
    return swapped and (len(a) >= 5 or "h" in (a[i], a[j]))


def _one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one inserted, deleted or replaced letter
    that is not the first one (first letters are seldom the typo)."""
    if a[0] != b[0]:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) != 1:
        return False
    return any(long[:i] + long[i + 1 :] == short for i in range(1, len(long)))


_SLIP_VOWELS = frozenset("aeiouy")

# British and American spellings of one word: both are correct, and official names
# use either ("Israel Defense Forces", "South Sudan People's Defence Forces").
_SPELLING_CONVENTIONS = (("c", "s"), ("s", "z"), ("our", "or"), ("re", "er"), ("mme", "m"), ("ll", "l"))


def slip(a: str, b: str) -> str | None:
    """The kind of slip of the pen that turns one normalised token into the other.

    ``"swap"`` (two neighbouring letters exchanged: Trump/Trmup), ``"double"`` (a
    letter doubled or undoubled: China/Chinna), ``"key"`` (another transliteration
    of the same sounds: Israeli/Israely, Zelensky/Zelenskyy), ``"vowel"`` (one vowel
    for another: Greek/Greak), ``"edit"`` (any other one-letter change), or None.
    First and last letters never change in a slip: readers and writers notice them,
    and a different ending makes another word (Hamas/Hamad, Niger/Nigeria).
    """
    if a == b or not a or not b or a[0] != b[0]:
        return None
    kind = _plain_slip(a, b)
    if kind in (None, "vowel", "edit") and len(a) >= 4 and spelling_key(a) == spelling_key(b):
        return "key"
    if kind is not None and _other_word_form(a, b):
        return None
    return kind


def _plain_slip(a: str, b: str) -> str | None:
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return "swap" if diff[1] < len(a) - 1 else None
        if len(diff) == 1 and diff[0] < len(a) - 1:
            i = diff[0]
            return "vowel" if a[i] in _SLIP_VOWELS and b[i] in _SLIP_VOWELS else "edit"
        return None
    short, long = sorted((a, b), key=len)
    if len(long) - len(short) != 1:
        return None
    kinds = {
        "double" if long[i] in (long[i - 1], long[i + 1]) else "edit"
        for i in range(1, len(long) - 1)
        if long[:i] + long[i + 1 :] == short
    }
    return "double" if "double" in kinds else ("edit" if kinds else None)


def spelling_convention(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are one word in British and American spelling
    (Defence/Defense, Centre/Center, Organisation/Organization)."""
    for x, y in _SPELLING_CONVENTIONS:
        for old, new in ((x, y), (y, x)):
            start = a.find(old)
            while start >= 0:
                if a[:start] + new + a[start + len(old) :] == b:
                    return True
                start = a.find(old, start + 1)
    return False


@lru_cache(maxsize=1 << 14)
@lru_cache(maxsize=1 << 12)
def slip_blocks(token: str) -> tuple[tuple[str, str], ...]:
    """Keys that a token shares with every token :func:`slip` relates it to: the
    token with one letter left out (or none), and its spelling key.

    Cached: name words recur within an article and across an archive."""
    dropped = dict.fromkeys(token[:i] + token[i + 1 :] for i in range(1, len(token)))
    return (("k", spelling_key(token)), ("d", token), *(("d", d) for d in dropped))


@lru_cache(maxsize=1 << 14)
def compare(a: str, b: str) -> NameMatch:
    """Compare two names as written. See the module docstring for the method.

    Cached: a name recurs within an article and across a repository, and the answer
    (an immutable :class:`NameMatch`) depends on the two strings alone."""
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return NameMatch(False, False, 0.0)
    if ta == tb:
        return NameMatch(True, True, 1.0)
    if len(ta) != len(tb):
        # One name split into more words than the other: Abdulrahman/Abdul Rahman.
        ja, jb = _joined_key(ta), _joined_key(tb)
        if abs(len(ta) - len(tb)) == 1 and ja == jb and len(ja) >= 6:
            return NameMatch(True, "".join(ta) == "".join(tb), 0.9)
        return NameMatch(False, False, 0.0)
    scores = [token_similarity(x, y) for x, y in zip(ta, tb, strict=True)]
    low = min(scores)
    if low < TOKEN_THRESHOLD:
        return NameMatch(False, False, low)
    return NameMatch(True, False, low)


@lru_cache(maxsize=1 << 14)
def token_signatures(token: str) -> frozenset[tuple]:
    """Keys that ``token`` shares with every token :func:`token_similarity` scores at
    or above :data:`TOKEN_THRESHOLD` against it (and with itself).

    Each way a score can reach the threshold leaves a trace both tokens share: the
    same spelling key; the same letters (two swapped); the same consonant skeleton
    and shape of key (only vowels differ); the same key letters (two swapped in the
    key); the same key once one letter after the first is left out of either or both
    (one edit in a long key); or, for a construct form ending in a vowel and "t", the
    key without that "t".

    The one-edit keys name the edit itself: keys that share only a long prefix ("Anderson"
    followed by other letters) share none of them, so a document of thousands of such
    names does not make every one a candidate for every other.
    """
    key = spelling_key(token)
    signatures: set[tuple] = {("k", key)}
    if any(map(str.isdigit, token)):
        return frozenset(signatures)  # digits: only the same token matches
    signatures.add(("t", "".join(sorted(token))))
    stems = [key]
    if len(key) >= 2 and key.endswith("t") and key[-2] in _VOWELS:
        stems.append(key[:-1])
        signatures.add(("k", key[:-1]))
    for stem in stems:
        if len(stem) > 3:
            signatures.add(("s", _skeleton_of_key(stem), _shape(stem)))
            signatures.add(("tk", "".join(sorted(stem))))
    # One edit, not of the first letter, in keys of five letters or more: a letter
    # changed leaves both keys the same without it; a letter added leaves the longer
    # key, without it, equal to the shorter one.
    if len(key) >= 5:
        signatures.add(("d", key))
        signatures.update(("d", key[:i] + key[i + 1 :]) for i in range(1, len(key)))
    return frozenset(signatures)


class NameIndex:
    """Names filed so that :meth:`candidates` returns, for a query name, every filed
    name :func:`compare` could call the same (and few others).

    Two names of as many tokens match only if each aligned pair of tokens shares a
    :func:`token_signatures` key, so the candidates are the names sharing a key at
    *every* position; names one token apart match only on equal joined spelling
    keys. Comparing the candidates alone gives the answers of comparing all.
    """

    def __init__(self, tokenize: Callable[[str], tuple[str, ...]] = name_tokens) -> None:
        """``tokenize`` gives a name's tokens (:func:`name_tokens`, unless the caller
        already knows them)."""
        self._tokenize = tokenize
        # (token count, position) -> signature -> numbers of the names filed there.
        # Most signatures belong to one name or a few: a tuple holds them in a quarter
        # of a set's memory, and a set takes over when there are many (see _file).
        self._by_position: dict[tuple[int, int], dict[tuple, tuple[int, ...] | set[int]]] = {}
        self._by_joined: dict[str, tuple[int, ...] | set[int]] = {}
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def add(self, name: str) -> int:
        """File ``name``; returns its number (0, 1, 2, ... in the order added)."""
        number = self._size
        self._size += 1
        tokens = self._tokenize(name)
        if not tokens:
            return number
        n = len(tokens)
        for i, token in enumerate(tokens):
            filed = self._by_position.get((n, i))
            if filed is None:
                filed = self._by_position[(n, i)] = {}
            for signature in token_signatures(token):
                _file(filed, signature, number)
        _file(self._by_joined, _joined_key(tokens), number)
        return number

    def candidates(self, name: str) -> list[int]:
        """Numbers of the filed names that could match ``name``, in the order filed."""
        tokens = self._tokenize(name)
        if not tokens:
            return []
        n = len(tokens)
        # The numbers filed under a signature of each token; a position with none
        # leaves no candidate (the usual answer, so it is found before any union).
        positions: list[tuple[int, list[tuple[int, ...] | set[int]]]] = []
        for i, token in enumerate(tokens):
            filed = self._by_position.get((n, i))
            sets = [] if filed is None else [numbers for sig in token_signatures(token) if (numbers := filed.get(sig))]
            if not sets:
                positions = []
                break
            positions.append((sum(map(len, sets)), sets))
        found: set[int] = set()
        if positions:
            positions.sort(key=lambda p: p[0])  # narrowest first
            found = set().union(*positions[0][1])
            for _, sets in positions[1:]:
                if not found:
                    break
                # Keep the names filed at this position too; cheaper than uniting big sets.
                found = {number for number in found if any(number in numbers for numbers in sets)}
        joined = self._by_joined.get(_joined_key(tokens))
        return sorted(found.union(joined) if joined else found)


_SMALL = 8
"""Up to this many numbers under one key are kept in a tuple, more in a set."""


def _file(index: dict, key: Hashable, number: int) -> None:
    """Add ``number`` to the numbers filed under ``key``."""
    numbers = index.get(key)
    if numbers is None:
        index[key] = (number,)
    elif type(numbers) is tuple:
        index[key] = (*numbers, number) if len(numbers) < _SMALL else {*numbers, number}
    else:
        numbers.add(number)


class NameGroups:
    """Names grouped as they arrive, so that every two names of a group are the same
    (complete linkage: "A ~ B" and "B ~ C" do not pull A and C together unless
    ``same`` says so of them too).

    Each name :meth:`add` is given joins the first group, in order of creation,
    whose members all match it (``same(name, member)``, by the numbers :meth:`add`
    returns), else starts a group. Only groups holding a name that could match it
    (see :class:`NameIndex`) are tried: the answer of trying every group, without
    comparing every pair. ``tokenize`` is as for the index.
    """

    def __init__(
        self, same: Callable[[int, int], bool], tokenize: Callable[[str], tuple[str, ...]] = name_tokens
    ) -> None:
        self._same = same
        self._index = NameIndex(tokenize)
        self._group_of: list[int] = []
        self.groups: list[list[int]] = []
        """Each group's names, by number, in the order they joined it."""

    def add(self, name: str) -> int:
        """Group the next name; returns its number (0, 1, 2, ... in the order added)."""
        number = len(self._group_of)
        for g in sorted({self._group_of[j] for j in self._index.candidates(name)}):
            if all(self._same(number, member) for member in self.groups[g]):
                self.groups[g].append(number)
                self._group_of.append(g)
                break
        else:
            self._group_of.append(len(self.groups))
            self.groups.append([number])
        self._index.add(name)
        return number


def group_names(
    names: Sequence[str],
    same: Callable[[int, int], bool],
    *,
    tokenize: Callable[[str], tuple[str, ...]] = name_tokens,
) -> list[list[int]]:
    """``names`` grouped in order by :class:`NameGroups` (``same`` compares two of
    them by position)."""
    grouping = NameGroups(same, tokenize)
    for name in names:
        grouping.add(name)
    return grouping.groups


@lru_cache(maxsize=1 << 14)
def _joined_key(tokens: tuple[str, ...]) -> str:
    return "".join(spelling_key(t) for t in tokens)


def contains(long: str, short: str) -> float:
    """How well ``short`` matches a run of whole tokens inside ``long`` (0 if it does
    not): "Center for the Defense of the Individual" inside "HaMoked: Center for the
    Defence of the Individual"."""
    tl, ts = name_tokens(long), name_tokens(short)
    if not ts or len(ts) >= len(tl):
        return 0.0
    best = 0.0
    for i in range(len(tl) - len(ts) + 1):
        scores = [token_similarity(x, y) for x, y in zip(tl[i : i + len(ts)], ts, strict=True)]
        low = min(scores)
        if low >= TOKEN_THRESHOLD:
            best = max(best, low)
    return best

"""Stated counts ("10 organizations", "a dozen groups", "more than 20 countries") and
the lists they introduce.

A count is a cardinal number with the noun it counts. Numbers that are not counts of
things (years, dates, times, money, percentages, ordinals, ages, ranges, measurements,
numbers inside names) yield nothing. A list is attached only when it plainly
enumerates things of the counted noun: after a colon, a dash or an opening
parenthesis, as an apposition of names ("two groups, Zochrot and New Profile,"), in
the next sentence ("They are: ..."), as the bulleted list that follows, or after
"including", "such as" and the like (then the list is ``partial``). When in doubt, no
list is attached, so the count check stays quiet.

An item may carry a quantity of its own, when the list gives the parts of the whole
("three people: two men and a woman", a run of games with its wins and draws, "the
three days (April 9 - 11)"): the check then adds the parts up.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import factlint
from factlint import Block, ClaimSet, CountClaim, CountItem, Document, Extractor

__all__ = ["CountsExtractor", "extract_counts"]

# ----------------------------------------------------------------------------- words

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}

_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
}

# Nouns that measure rather than count things that could be listed: time, money,
# distance, area, weight, volume, rates.
_MEASURES = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "night",
    "nights", "week", "weeks", "weekend", "weekends", "month", "months", "year", "years",
    "decade", "decades", "century", "centuries", "millennia", "times", "time", "a.m.",
    "p.m.", "am", "pm", "o'clock", "gmt", "utc", "bc", "bce", "ad", "ce",
    "percent", "per", "percentage", "pc", "cents", "cent", "dollars", "dollar", "euros",
    "euro", "pounds", "pound", "rubles", "roubles", "ruble", "yen", "yuan", "rupees",
    "rupee", "shekels", "francs", "pesos", "lira", "liras", "dinars", "riyals", "rand",
    "naira", "won", "baht", "usd", "eur", "gbp", "bn", "m", "k",
    "km", "kms", "kilometres", "kilometers", "kilometre", "kilometer", "miles", "mile",
    "metres", "meters", "metre", "meter", "m2", "km2", "feet", "foot", "ft", "inches",
    "inch", "in", "cm", "mm", "yards", "yd", "mi", "nm", "nautical", "square", "sq",
    "cubic", "acres", "acre", "hectares", "hectare", "ha", "kg", "kilograms", "kilos",
    "grams", "g", "mg", "lb", "lbs", "ounces", "oz", "tonnes", "tons", "tonne", "ton",
    "litres", "liters", "litre", "liter", "gallons", "barrels", "bpd", "degrees", "degree",
    "°c", "°f", "celsius", "fahrenheit", "mph", "kph", "km/h", "knots", "mw", "gw", "kw",
    "kwh", "megawatts", "gigawatts", "volts", "mb", "gb", "tb", "points", "point", "pts",
    "votes-to", "magnitude", "storeys", "stories", "floors", "laps", "innings", "overs",
    "runs", "yards", "goals-to",
}

# Words after which a number is part of a name or an identifier ("page 10",
# "aged 45", "No. 5").
_IDENTIFIER_BEFORE = {
    "no", "no.", "nos", "number", "num", "#", "aged", "age", "ages", "page", "pages",
    "p.", "pp.", "room", "flight", "route", "highway", "channel", "episode", "season",
    "round", "stage", "chapter", "article", "section", "clause", "paragraph", "rule",
    "resolution", "platform", "gate", "lane", "row", "seat", "level", "grade", "phase",
    "step", "version", "v", "vol", "volume", "issue", "week", "day", "game", "match",
    "race", "heat", "term", "district", "ward", "precinct", "unit", "block", "apartment",
    "suite", "floor", "exit", "junction", "mile", "kilometre", "kilometer", "km", "bus",
    "line", "tier", "category", "class", "size", "top", "under-", "year", "years",
    "per",
}

# Capitalised words that may open a sentence right before a count ("All 16 charges").
_OPENERS = {"another", "only", "just", "some", "all", "roughly", "nearly", "almost", "over", "around", "about"}

_QUALIFIERS: list[tuple[tuple[str, ...], str]] = [
    (("in", "excess", "of"), "more_than"),
    (("no", "fewer", "than"), "at_least"),
    (("no", "less", "than"), "at_least"),
    (("not", "less", "than"), "at_least"),
    (("a", "minimum", "of"), "at_least"),
    (("no", "more", "than"), "at_most"),
    (("not", "more", "than"), "at_most"),
    (("a", "maximum", "of"), "at_most"),
    (("more", "than"), "more_than"),
    (("upwards", "of"), "more_than"),
    (("just", "over"), "about"),
    (("just", "under"), "about"),
    (("at", "least"), "at_least"),
    (("as", "many", "as"), "at_most"),
    (("up", "to"), "at_most"),
    (("at", "most"), "at_most"),
    (("fewer", "than"), "fewer_than"),
    (("less", "than"), "fewer_than"),
    (("close", "to"), "about"),
    (("an", "estimated"), "about"),
    (("over",), "more_than"),
    (("under",), "fewer_than"),
    (("about",), "about"),
    (("around",), "about"),
    (("approximately",), "about"),
    (("approx.",), "about"),
    (("roughly",), "about"),
    (("some",), "about"),
    (("nearly",), "about"),
    (("almost",), "about"),
    (("estimated",), "about"),
    (("circa",), "about"),
    (("c.",), "about"),
    (("~",), "about"),
]

# Words that end a count's noun phrase: the noun comes before any of these.
_PHRASE_STOP = {
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for",
    "from", "by", "with", "without", "into", "onto", "over", "under", "after", "before",
    "since", "during", "across", "against", "among", "amongst", "between", "through",
    "throughout", "near", "inside", "outside", "per", "via", "as", "than", "like",
    "including", "such", "who", "whom", "whose", "which", "that", "this", "these", "those",
    "there", "here", "where", "when", "while", "if", "because", "so", "then", "also",
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having",
    "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might",
    "must", "it", "its", "they", "them", "their", "he", "she", "his", "her", "we", "our",
    "you", "your", "i", "me", "my", "us", "each", "all", "both", "either", "neither",
    "not", "no", "yet", "still", "already", "only", "just", "even", "more", "less",
    "about", "around", "up", "down", "out", "off", "away", "back", "ago", "later",
    "earlier", "today", "yesterday", "tomorrow", "respectively", "apiece", "altogether",
    "total", "combined", "among", "said", "says", "say", "according", "reportedly",
    "allegedly", "namely", "overall",
}

_IRREGULAR_PLURALS = {
    "people", "men", "women", "children", "police", "personnel", "staff", "crew",
    "cattle", "sheep", "deer", "fish", "aircraft", "clergy", "youth", "feet", "teeth",
    "mice", "geese", "media", "data", "criteria", "phenomena", "offspring", "livestock",
    "militia", "infantry", "troops", "seamen", "firemen", "policemen", "fishermen",
    "gunmen", "servicemen", "congressmen", "chairmen", "spokesmen", "businessmen",
    "countrymen", "tribesmen", "kinsmen", "statesmen", "clansmen", "militiamen",
    "policewomen", "businesswomen", "spokeswomen", "congresswomen", "grandchildren",
    "schoolchildren", "alumni", "cacti", "fungi", "nuclei", "bacteria", "species",
    "series", "headquarters", "crossroads", "means",
}

# Words that introduce only some of the things counted.
_PARTIAL_MARKERS = [
    ("including",), ("among", "them"), ("among", "whom"), ("among", "which"),
    ("among", "those"), ("among", "others"), ("such", "as"), ("e.g.",), ("eg",),
    ("like",), ("notably",), ("in", "particular"), ("particularly",), ("especially",),
    ("mainly",), ("mostly",), ("chiefly",), ("primarily",), ("incl.",),
]
_EXACT_MARKERS = [("namely",), ("i.e.",), ("specifically",), ("viz.",), ("that", "is")]

# Lowercase words that may sit inside a name ("Committee Against Torture in Israel").
_NAME_CONNECTORS = {
    "of", "the", "for", "and", "in", "on", "at", "de", "del", "della", "di", "da", "do",
    "dos", "das", "du", "des", "la", "le", "les", "el", "al", "bin", "ibn", "bint", "van",
    "von", "der", "den", "ten", "ter", "y", "e", "to", "against", "without", "&", "und",
    "et", "upon", "sur", "sans", "an", "a", "with", "over", "under", "from", "by",
}

# Names with "and" inside them, which a list must not split.
_AND_NAMES = [
    "Bosnia and Herzegovina", "Trinidad and Tobago", "Antigua and Barbuda",
    "Saint Kitts and Nevis", "St Kitts and Nevis", "Saint Vincent and the Grenadines",
    "St Vincent and the Grenadines", "Sao Tome and Principe", "São Tomé and Príncipe",
    "Turks and Caicos", "Heard Island and McDonald Islands", "Wallis and Futuna",
    "Jammu and Kashmir", "Dadra and Nagar Haveli", "Daman and Diu",
    "Andaman and Nicobar", "Papua and West Papua", "Marks and Spencer",
    "Procter and Gamble", "Johnson and Johnson", "Simon and Schuster", "Ernst and Young",
    "Tom and Jerry", "Arts and Sciences", "Search and Rescue",
    "Alcohol, Tobacco, Firearms and Explosives",
]
_AND_NAME_RE = re.compile("|".join(re.escape(n) for n in sorted(_AND_NAMES, key=len, reverse=True)))

# Abbreviations whose period does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cpt",
    "maj", "adm", "rep", "sen", "gov", "prof", "rev", "fr", "hon", "pres", "inc", "ltd",
    "co", "corp", "bros", "vs", "v", "no", "nos", "mt", "ft", "ave", "blvd", "rd", "dept",
    "univ", "est", "approx", "etc", "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "u.n", "e.u", "a.m",
    "p.m", "d.c", "viz", "incl", "cf", "op", "pp", "p",
}

_INTRO_GENERIC = {
    "signatories", "signers", "signees", "names", "members", "participants", "recipients",
    "winners", "nominees", "finalists", "laureates", "honorees", "inductees", "victims",
    "dead", "others", "rest", "remainder",
}

# ----------------------------------------------------------------------------- tokens

# A token (group 1). Each match also takes the blanks before its token, so the
# search does not stop at every blank. The lookaheads only let the regex engine give
# up early on a word: a number starts with a digit and an abbreviation with two
# letters and periods.
_TOKEN = re.compile(
    r"\s*("
    r"(?=\d)(?:\d{1,3}(?:,\d{3})+(?![,\d]*\d)"  # 1,200
    r"|\d+(?:\.\d+)?)"  # 10, 6.3
    r"|(?=[A-Za-z]\.[A-Za-z]\.)(?:[A-Za-z]\.){2,}"  # U.S., a.m.
    r"|[^\W\d_][\w'’]*(?:-(?=\w)[\w'’]*)*"  # words, with inner hyphens and apostrophes
    r"|\S"
    r")",
)


class _Tokens:
    """The tokens of one block: their ``match`` objects and, as parallel lists,
    their ``text`` and ``low`` (lowercased text). Lists are much cheaper to build than
    one object per token; offsets are read from the matches of the few tokens
    around a number."""

    __slots__ = ("match", "text", "low")

    def __init__(self, matches: list[re.Match[str]]) -> None:
        self.match = matches
        self.text = [m[1] for m in matches]
        self.low = [t.lower() for t in self.text]

    def start(self, k: int) -> int:
        """Where token ``k`` starts (its match starts at the blanks before it)."""
        return self.match[k].end() - len(self.text[k])

    def end(self, k: int) -> int:
        """Where token ``k`` ends."""
        return self.match[k].end()


def _tokens(text: str, start: int, end: int) -> _Tokens:
    """Tokenize ``text[start:end]`` (offsets are into ``text``)."""
    # finditer with pos/endpos sees the same string as a slice would (no token
    # pattern looks behind), without copying the block. Without trailing blanks
    # every match attempt finds a token after the blanks it takes, so the search
    # stays linear however long a run of blanks is.
    while end > start and text[end - 1].isspace():
        end -= 1
    return _Tokens(list(_TOKEN.finditer(text, start, end)))


@lru_cache(maxsize=4096)
def _is_plural(word: str) -> bool:
    low = word.lower().replace("’", "'")
    if low in _IRREGULAR_PLURALS or low == "others":
        return True
    if low.endswith("'s") or low.endswith("s'"):
        return False
    return (
        len(low) > 2
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is", "ous", "ics"))
    )


# ----------------------------------------------------------------------------- counts


@dataclass
class _Count:
    value: int
    qualifier: str
    num_start: int
    num_end: int
    noun: str
    noun_end: int
    # "three of the injured": a count of some of a group, kept only with its list.
    partitive: bool = False


# Lowercase tokens that may start a number written in words. "a" starts one only
# before "dozen", so it is a candidate only in blocks that say "dozen".
_NUMBER_WORDS = frozenset(_UNITS) | frozenset(_TENS) | {"dozen"}
_NUMBER_WORDS_WITH_A = _NUMBER_WORDS | {"a"}
# Substrings of the lowercased text that every number word contains ("teen" covers
# thirteen to nineteen; "six", "seven", "eight" and "nine" cover their tens).
_NUMBER_WORD_PARTS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "teen", "twenty", "thirty", "forty", "fifty", "dozen",
)
_ASCII_DIGIT = re.compile(r"[0-9]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _may_hold_count(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a digit or a number word; without one it
    states no count, and tokenizing it would be wasted work."""
    if _ASCII_DIGIT.search(text, start, end):
        return True
    piece = text[start:end]
    low = piece.lower()
    if any(part in low for part in _NUMBER_WORD_PARTS):
        return True
    # Other digits, including "²", which str.isdigit takes for one but \d does not.
    return not piece.isascii() and any(ch.isdigit() for ch in _NON_ASCII.findall(piece))


def _word_value(toks: _Tokens, i: int) -> tuple[int, int] | None:
    """The value of a number written in words at token ``i`` and the index after it."""
    lows = toks.low
    n = len(lows)
    low = lows[i]
    value: int | None = None
    j = i + 1
    if low in _UNITS:
        value = _UNITS[low]
    elif low in _TENS:
        value = _TENS[low]
        if j < n and lows[j] in _UNITS and _UNITS[lows[j]] < 10:
            if toks.start(j) == toks.end(i) + 1:  # "twenty one", one space apart
                value += _UNITS[lows[j]]
                j += 1
    elif "-" in low:
        tens, _, unit = low.partition("-")
        if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
            value = _TENS[tens] + _UNITS[unit]
    elif low == "dozen" and i > 0 and lows[i - 1] in ("a", "one"):
        return 12, j
    if value is None:
        return None
    if j < n and lows[j] == "dozen":
        return value * 12, j + 1
    if j < n and lows[j] in ("hundred", "thousand"):
        value *= _MULTIPLIERS[lows[j]]
        j += 1
        k = j + (1 if j < n and lows[j] == "and" else 0)
        if k < n:
            rest = _word_value(toks, k) if lows[k] not in ("dozen",) else None
            if rest and rest[0] < 100:
                value += rest[0]
                j = rest[1]
    return value, j


def _sentence_start(toks: _Tokens, i: int, text: str) -> bool:
    """Whether token ``i`` opens a sentence (or its block)."""
    if i == 0:
        return True
    prev = toks.text[i - 1]
    return prev in (".", "!", "?", ":", ";", '"', "“", "(", "—", "–", "-") or (
        prev in (".", ":") and text.find("\n", toks.end(i - 1), toks.start(i)) != -1
    )


def _scan_counts(text: str, block: Block) -> Iterator[_Count]:
    """Yield each count in ``block``."""
    if not _may_hold_count(text, block.start, block.end):
        return
    toks = _tokens(text, block.start, block.end)
    words, lows = toks.text, toks.low
    n = len(words)
    starters = _NUMBER_WORDS_WITH_A if "dozen" in lows else _NUMBER_WORDS
    # Only tokens that start with a digit or are a number word (or a hyphenated
    # one, "twenty-one") can start a number; every other token is passed over.
    # (Lowercasing leaves digits alone, so low[0] is a digit just when the text's is.)
    # isdecimal, not isdigit: "²" is a digit to Python but no number to int() or \d.
    candidates = [k for k, low in enumerate(lows) if low in starters or "-" in low or low[0].isdecimal()]
    i = 0  # the first token not yet consumed by a number
    for c in candidates:
        if c < i:
            continue  # part of the number before ("twenty one", "2 million")
        i = c
        word = words[i]
        parsed: tuple[int, int] | None = None
        words_style = False
        if word[0].isdecimal():
            scale = _MULTIPLIERS.get(lows[i + 1], 0) if i + 1 < n else 0
            if scale:  # "2 million people", "1.5 billion"
                parsed = (int(float(word.replace(",", "")) * scale), i + 2)
            elif "." in word:
                i += 1
                continue
            else:
                parsed = (int(word.replace(",", "")), i + 1)
        elif word[0].isalpha():
            if lows[i] == "a" and i + 1 < n and lows[i + 1] == "dozen":
                parsed = (12, i + 2)
                words_style = True
            else:
                parsed = _word_value(toks, i)
                words_style = parsed is not None
        if parsed is None:
            i += 1
            continue
        value, j = parsed
        count = _as_count(text, toks, i, j, value, words_style, block)
        if count is not None:
            yield count
        i = max(j, i + 1)


_GLUED_BEFORE = frozenset("$€£¥₹#-–—/.:+'’")
_GLUED_AFTER = frozenset("%‰-–—/:+°'’")
_ORDINAL_SUFFIX = re.compile(r"\s*(?:st|nd|rd|th)\b")
_RANGE_WORDS = frozenset(("to", "or", "and", "-", "–", "—", "/", "x", "by", "out"))
_ONE_AFTER = frozenset(("no", "the", "this", "that", "any", "every", "each", "which", "only", "last", "next", "someone"))


# Capitalised determiners before a number written in words that open a sentence even
# where no period ends the one before (captions run into the text).
_GLUED_DETERMINERS = frozenset(("the", "these", "those", "all", "its", "their"))


def _as_count(
    text: str, toks: _Tokens, i: int, j: int, value: int, words_style: bool, block: Block
) -> _Count | None:
    """The count a number at tokens ``i`` to ``j`` states, or None when it is not a count."""
    words, lows = toks.text, toks.low
    n = len(words)
    word = words[i]
    start = toks.start(i)
    number_end = toks.end(j - 1)

    # Glued to other characters: "$10", "COVID-19", "10%", "10th", "10:30", "10-year-old",
    # "3–2", "10/12", "G7".
    if start > block.start:
        ch = text[start - 1]
        if ch.isalnum() or ch in _GLUED_BEFORE:
            return None
    if number_end < block.end:
        ch = text[number_end]
        if ch.isalnum() or ch in _GLUED_AFTER:
            return None
    if word[0].isdecimal():
        # A year, not a count: "in 2015", "its 2025 inductees".
        if "," not in word and len(word) == 4 and 1000 <= value <= 2100:
            return None
        if _ORDINAL_SUFFIX.match(text, number_end, block.end):
            return None
    if words_style and word[0].isupper() and not _sentence_start(toks, i, text):
        return None  # "Group of Seven", "the Chicago Seven"
    next_low = lows[j] if j < n else None
    # Ranges and alternatives: "10 to 12", "between 10 and 12", "one or two".
    if next_low in _RANGE_WORDS:
        k = j + 1
        if k < n and (words[k][0].isdecimal() or _word_value(toks, k) is not None):
            return None
    if next_low == "of":
        # "three of the injured: A, B and C" counts the list; "one of", "three of
        # them" and the rest count nothing that follows.
        return _partitive(toks, i, j, value)
    if i > 0:
        plow = lows[i - 1]
        if plow in _IDENTIFIER_BEFORE or plow in _MONTHS or plow.rstrip(".") in _MONTHS:
            return None
        if plow in ("and", "or", "to", "–", "-") and i >= 2 and words[i - 2][0].isdecimal():
            return None  # second number of a range or a score
        if value == 1 and plow in _ONE_AFTER:
            return None
        # A number after a capitalised word inside a sentence is part of a name:
        # "Apollo 13 astronauts", "Section 21 notices".
        prev = words[i - 1]
        if prev[0].isalpha() and prev[0].isupper():
            # "time The four judges": a caption glued to the next sentence, no name.
            glued = words_style and word[0].islower() and plow in _GLUED_DETERMINERS
            if not glued and not (_sentence_start(toks, i - 1, text) and (plow in _PHRASE_STOP or plow in _OPENERS)):
                if plow not in _QUALIFIER_ENDS:
                    return None
    if next_low is not None and (next_low in _MONTHS or next_low.rstrip(".") in _MONTHS):
        return None

    qualifier = _qualifier(toks, i)
    # "10 or more", "20 or so"
    if next_low == "or" and j + 1 < n:
        if lows[j + 1] == "more":
            qualifier, j = "at_least", j + 2
        elif lows[j + 1] == "so":
            qualifier, j = "about", j + 2
    noun = _noun(toks, j, value)
    if noun is None:
        return None
    return _Count(
        value=value,
        qualifier=qualifier,
        num_start=start,
        num_end=toks.end(j - 1),
        noun=words[noun],
        noun_end=toks.end(noun),
    )


# Determiners of the group a partitive count is taken from ("three of the injured").
_PARTITIVE_DETERMINERS = frozenset(("the", "its", "their", "his", "her", "those"))
# Adjectives that name people in news once "the" comes before them ("the injured").
_ADJECTIVE_GROUPS = frozenset(("injured", "wounded", "dead", "accused", "missing", "deceased", "detained"))


def _partitive(toks: _Tokens, i: int, j: int, value: int) -> _Count | None:
    """The count of "three of the injured" (tokens ``i`` to ``j`` are the number,
    ``j`` is "of"); None for "one of", "three of them" and any unqualified use."""
    lows = toks.low
    n = len(lows)
    k = j + 1
    if value < 2 or k >= n or lows[k] not in _PARTITIVE_DETERMINERS:
        return None
    if _qualifier(toks, i) != "exact":
        return None  # "about three of the men": not meant to be exact
    k += 1
    if k < n and (lows[k][0].isdecimal() or lows[k] in _NUMBER_WORDS):
        k += 1  # "three of the five victims"
    if k < n and (lows[k] in _ADJECTIVE_GROUPS or (lows[k - 1] == "those" and lows[k].endswith("ed"))):
        noun = k  # "three of the injured", "three of those charged"
    else:
        noun = _noun(toks, k, value)
    if noun is None:
        return None
    return _Count(
        value=value,
        qualifier="exact",
        num_start=toks.start(i),
        num_end=toks.end(j - 1),
        noun=toks.text[noun],
        noun_end=toks.end(noun),
        partitive=True,
    )


def _by_last_word(qualifiers: list[tuple[tuple[str, ...], str]]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    grouped: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, qual in qualifiers:
        grouped.setdefault(words[-1], []).append((words, qual))
    return grouped


# The qualifiers by their last word, each group in the order of _QUALIFIERS: the
# word before a number picks the few that can match.
_QUALIFIERS_BY_LAST = _by_last_word(_QUALIFIERS)
_QUALIFIER_ENDS = frozenset(_QUALIFIERS_BY_LAST)


def _qualifier(toks: _Tokens, i: int) -> str:
    """The qualifier ("more than", "about") of the number at token ``i``."""
    if i == 0:
        return "exact"
    lows = toks.low
    for words, qual in _QUALIFIERS_BY_LAST.get(lows[i - 1], ()):
        n = len(words)
        if i >= n and tuple(lows[i - n : i]) == words:
            return qual
    return "exact"


# Verbs that often follow a counted noun in news ("ten groups sent a letter").
_COMMON_VERBS = {
    "sent", "met", "took", "went", "gave", "made", "won", "lost", "left", "came", "held",
    "told", "wrote", "signed", "joined", "fled", "died", "remain", "remained", "face",
    "faced", "include", "included", "attend", "attended", "voted", "agreed", "urged",
}


def _noun(toks: _Tokens, j: int, value: int) -> int | None:
    """The index of the head noun of the phrase after a number: the last plural among
    up to five modifier and noun words ("10 Israeli human rights organizations")."""
    words, lows = toks.text, toks.low
    n = len(words)
    phrase: list[int] = []
    plural_seen = False
    k = j
    while k < n and len(phrase) < 6:
        word, low = words[k], lows[k]
        if not word[0].isalpha() or low in _PHRASE_STOP:
            break
        # Once a plural has been seen, a verb ends the phrase: "Four countries sent
        # observers" counts countries, not observers.
        if plural_seen and (low in _COMMON_VERBS or (low.endswith("ed") and len(low) > 4)):
            break
        phrase.append(k)
        plural_seen = plural_seen or _is_plural(word)
        k += 1
    if not phrase:
        return None
    first = lows[phrase[0]]
    if first in _MEASURES or first.rstrip(".") in _MEASURES:
        return None
    if value == 1:
        head = phrase[0] if len(phrase) == 1 else None
        for t in phrase[:3]:
            low = lows[t]
            if low.endswith("ly") or low in _MEASURES:
                break
            head = t
            if words[t][0].islower() and not low.endswith(("ish", "ese", "an", "ic", "al", "ed", "ing")):
                break
        if head is None or lows[head] in _MEASURES or lows[head].endswith("ly"):
            return None
        return head
    head = None
    for m, t in enumerate(phrase):
        if _is_plural(words[t]):
            # A capitalised word ending in s inside a run is as likely a place
            # ("Hamas", "Texas") as a plural; trust it only at the end of the run.
            if words[t][0].isupper() and m + 1 < len(phrase) and lows[t] not in ("others",):
                continue
            head = t
    if head is None or lows[head] in _MEASURES:
        return None
    return head


# ----------------------------------------------------------------------------- lists


@dataclass
class _List:
    items: list[tuple[int, int, str]]  # start, end, text (gloss removed)
    start: int
    end: int
    partial: bool
    confidence: float
    # How many things each item stands for ("two men and a woman": 2, 1); None: one each.
    quantities: list[int] | None = None


_OPEN = {"(": ")", "[": "]"}
_QUOTES = {'"': '"', "“": "”"}


_NON_BLANK = re.compile(r"\S")
_WORD_BEFORE_PERIOD = re.compile(r"([\w.]+)\.$")
_AFTER_PERIOD = " \t\n\"”’')"
_FIRST_AFTER_PERIOD = re.compile(r"[^ \t\n\"”’')]")


def _is_sentence_end(text: str, k: int, limit: int) -> bool:
    """Whether the ``.``/``!``/``?`` at ``k`` ends a sentence."""
    ch = text[k]
    if ch in "!?":
        return True
    if ch != ".":
        return False
    m = _WORD_BEFORE_PERIOD.search(text[max(0, k - 20) : k + 1])
    word = (m.group(1) if m else "").lower()
    if k + 1 < limit and text[k + 1] not in _AFTER_PERIOD:
        return False  # "U.S.A", "3.5"
    if word.rstrip(".") in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        # An abbreviation at the very end of a block or before a capital may still end
        # a sentence; treat it as ending one only at the end of the block.
        return _NON_BLANK.search(text, k + 1, limit) is None
    nxt = _FIRST_AFTER_PERIOD.search(text, k + 1, limit)
    return nxt is None or not nxt.group().islower()


# The characters _region_end acts on; it jumps over everything else.
_REGION_STOPS = '"“([)];—.!?\n'
_REGION_STOP = re.compile(r'["“(\[)\];—.!?\n]')


@lru_cache(maxsize=8)
def _region_stop(close: str | None) -> re.Pattern[str]:
    if close is None or close in _REGION_STOPS:
        return _REGION_STOP
    return re.compile("[" + re.escape(_REGION_STOPS + close) + "]")


def _region_end(text: str, start: int, limit: int, *, close: str | None = None) -> int:
    """Where a list starting at ``start`` must end at the latest: the end of its
    sentence, a semicolon, an em dash, the closing bracket ``close``, or ``limit``."""
    search = _region_stop(close).search
    depth = 0
    k = start
    while True:
        m = search(text, k, limit)
        if m is None:
            return limit
        k = m.start()
        ch = text[k]
        if ch in _QUOTES and depth == 0:
            # Nothing inside a quotation ends the region: go on after it.
            k = text.find(_QUOTES[ch], k + 1, limit)
            if k == -1:
                return limit
        elif ch in _OPEN:
            depth += 1
        elif ch in ")]":
            if depth == 0:
                return k
            depth -= 1
        elif depth == 0:
            if close and ch == close:
                return k
            if ch == ";" or ch == "—":
                return k
            if ch in ".!?" and _is_sentence_end(text, k, limit):
                return k
            if text.startswith("\n\n", k):
                return k
        k += 1


def _top_level_commas(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` at commas outside brackets and quotes: (start, end) pieces."""
    pieces = []
    depth = 0
    quote: str | None = None
    piece_start = start
    for k in range(start, end):
        ch = text[k]
        if quote:
            if ch == quote:
                quote = None
        elif ch in _QUOTES:
            quote = _QUOTES[ch]
        elif ch in _OPEN:
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            pieces.append((piece_start, k))
            piece_start = k + 1
    pieces.append((piece_start, end))
    return pieces


_CONJ_START = re.compile(r"\s*(?:and|or|as well as|plus|and also)\s+", re.I)
# Patterns that open with a run of blanks start only where the run starts (the
# lookbehind): the leftmost match is the same, and a long run of blanks is not
# rescanned from each of its characters.
_BARE_CONJ = re.compile(r"(?<!\s)\s+(?:and|or|as well as)\s+")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "*_"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:*_"):
        end -= 1
    return start, end


def _bare_conjunctions(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The " and "/" or " splits of a piece, outside brackets, quotes and names that
    contain "and" ("Bosnia and Herzegovina")."""
    piece = text[start:end]
    masked = list(piece)
    for m in _AND_NAME_RE.finditer(piece):
        for k in range(m.start(), m.end()):
            masked[k] = "x"
    depth = 0
    quote = None
    for k, ch in enumerate(piece):
        if quote:
            if ch == quote:
                quote = None
            masked[k] = "x"
        elif ch in _QUOTES:
            quote = _QUOTES[ch]
        elif ch in _OPEN:
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
            masked[k] = "x"
        if depth:
            masked[k] = "x"
    return list(_BARE_CONJ.finditer("".join(masked)))


# An age after a name ("John Smith, 31, of Leeds"), with an optional gloss; the same
# age before the "and" of the next item ("B, 45 and C"); where the person is from.
_AGE_PIECE = re.compile(r"\s*(?:aged\s+)?\d{1,3}(?:\s*\([^()]*\))?\s*$")
_AGE_BEFORE_AND = re.compile(r"\s*(?:aged\s+)?\d{1,3}(?:\s*\([^()]*\))?(?=\s+(?:and|or)\s)")
_HOME_PIECE = re.compile(r"\s*(?:of|from)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s*$")
_NAME_PIECE = re.compile(r"\s*(?:(?:and|or)\s+)?[\"“]?[A-Z]")


def _without_details(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop the ages and home towns that follow names in a comma list ("A, 31, of
    Leeds, B, 45, and C, 28"): they describe an item, they are not items."""
    kept: list[tuple[int, int]] = []
    after_age = False
    for ps, pe in pieces:
        person = bool(kept) and _NAME_PIECE.match(text, *kept[-1]) is not None
        if person and _AGE_PIECE.match(text, ps, pe):
            after_age = True
            continue
        if after_age and _HOME_PIECE.match(text, ps, pe):
            continue
        after_age = False
        if person:
            m = _AGE_BEFORE_AND.match(text, ps, pe)
            if m:
                ps = m.end()
        kept.append((ps, pe))
    return kept


def _split_items(
    text: str, start: int, end: int, *, open_ended: bool = False, trim_last: bool = False
) -> tuple[list[tuple[int, int]], int, bool] | None:
    """Split a list region into item ranges.

    Returns the items, where the list really ends (a clause after the last item is
    not part of it) and whether the split was ambiguous; None if it is no list. An
    ``open_ended`` list ("including A, B") needs no closing "and".
    """
    pieces = _without_details(text, _top_level_commas(text, start, end))
    if open_ended:
        # "including a child, and three others are injured": the clause after the
        # list is not an item.
        for n, (ps, pe) in enumerate(pieces[1:], start=1):
            if _looks_like_clause(text[ps:pe]):
                pieces = pieces[:n]
                break
    # With a serial comma (", and X"), a bare "and" inside an item belongs to a name.
    final = None
    for n, (ps, pe) in enumerate(pieces):
        if n > 0 and _CONJ_START.match(text, ps, pe):
            final = n
    ambiguous = False
    items: list[tuple[int, int]] = []
    if final is not None:
        for n, (ps, pe) in enumerate(pieces[: final + 1]):
            if n == final:
                m = _CONJ_START.match(text, ps, pe)
                assert m is not None
                ps = m.end()
            items.append((ps, pe))
        list_end = pieces[final][1]
    else:
        for n, (ps, pe) in enumerate(pieces):
            conj = _bare_conjunctions(text, ps, pe)
            if not conj:
                items.append((ps, pe))
                continue
            # With several conjunctions ("A and B and C") the split is a guess.
            ambiguous = len(conj) > 1
            m = conj[0]
            items.append((ps, ps + m.start()))
            items.append((ps + m.end(), pe))
            list_end = pe
            break
        else:
            if not open_ended:
                return None  # no conjunction: not a closed list
            # Without a closing "and", a comma more likely ends the clause than
            # separates items: "including two officers, in an attack".
            items = [pieces[0]]
            list_end = pieces[0][1]
    items = [_strip(text, s, e) for s, e in items]
    if any(s >= e for s, e in items):
        return None
    # A list of names may run on into the clause after its last name ("Nacho and
    # Dani Carvajal have decent minutes"): the caller trims that name (``trim_last``).
    checked = items[:-1] if trim_last else items
    if not open_ended and any(_looks_like_clause(text[s:e]) for s, e in checked):
        return None
    return items, list_end, ambiguous


_CLAUSE_WORDS = {
    "are", "is", "was", "were", "have", "has", "had", "will", "would", "be", "been",
    "when", "while", "who", "which", "whom", "whose", "after", "before", "according",
    "amid", "says", "said", "say", "reportedly", "allegedly",
}
_CLAUSE_OPENERS = {
    "in", "at", "on", "during", "from", "to", "by", "with", "for", "as", "amid", "across",
    "near", "over", "under", "into", "while", "when", "where", "after", "before", "but",
    "according", "then", "that", "if", "because", "since", "until",
}


def _looks_like_clause(piece: str) -> bool:
    """Whether a comma-separated piece reads as a clause rather than a list item:
    it has a finite verb or a relative word, or opens with a preposition."""
    words = re.findall(r"[\w'’-]+", piece)
    if words and words[0].lower() in ("and", "or"):
        words = words[1:]
    if not words:
        return False
    if words[0] in _CLAUSE_OPENERS:
        return True
    return any(w in _CLAUSE_WORDS for w in words)


_GLOSS = re.compile(r"(?<!\s)\s*[(\[][^()\[\]]*[)\]]")
_FINAL_GLOSS = re.compile(r"(?<!\s)\s*[(\[][^()\[\]]*[)\]]\s*$")


def _item_text(text: str, start: int, end: int) -> tuple[int, int, str]:
    """An item's span and text, without a parenthetical gloss ("Turat Zedek (Torah of
    Truth)" is the item "Turat Zedek")."""
    raw = text[start:end]
    m = _FINAL_GLOSS.search(raw)
    if m and m.start() > 0:
        end = start + m.start()
        raw = raw[: m.start()]
    clean = _GLOSS.sub("", raw)
    clean = re.sub(r"\s+", " ", clean).strip()
    clean = re.sub(r"^(?:both|either)\s+", "", clean, flags=re.I)
    return start, end, clean


def _name_like(item: str) -> bool:
    """Whether an item reads as a name, optionally after a few lowercase descriptors
    ("English band Bad Company", "the Public Committee Against Torture in Israel")."""
    words = re.findall(r"[^\s]+", item.strip("\"“”'‘’ "))
    if not words:
        return False
    lead = 0
    while lead < len(words) and words[lead][:1].islower():
        # Descriptors before a name ("English band", "president-elect"), but not a
        # clause ("operated by", "in Khan Yunis").
        w = words[lead].lower()
        if (lead or w not in ("the", "a", "an")) and (
            w in _PHRASE_STOP or w in _NAME_CONNECTORS or w.endswith(("ed", "ing", "ly"))
        ):
            return False
        lead += 1
    if lead == len(words) or lead > 3:
        return False
    for w in words[lead:]:
        w = w.strip("\"“”'‘’(),")
        if not w:
            continue
        if w[0].isupper() or w[0].isdigit() or w.lower() in _NAME_CONNECTORS:
            continue
        if re.match(r"(?:al|el|ad|as|ash|at|az|ar|bin|ibn|de|di|da|van|von|le|la|d|l)[-’']", w):
            continue
        return False
    return True


def _names_several(item: str) -> bool:
    """Whether an item names several things under a plural descriptor ("artists Cyndi
    Lauper and Carol Kaye")."""
    plural = False
    for w in item.split():
        if w[:1].isupper():
            return plural
        # Only the word before the name: "news editor Chris Pharo" is one person.
        plural = _is_plural(w.strip(",;"))
    return False


def _starts_with_number(item: str) -> bool:
    """Whether an item is itself a quantity ("two men"): then the list counts subgroups."""
    first = item.split(" ", 1)[0].lower().strip("\"“")
    return first[:1].isdigit() or first in _UNITS or first.split("-")[0] in _TENS


_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})*")
# Words after a number that make it no part of the whole: "two of them", "one or two".
_NOT_A_PART = frozenset(("of", "dozen", "or", "to", "and", "percent"))


def _number_value(word: str) -> int | None:
    """The value of a number in digits or in words ("12", "three", "twenty-one")."""
    low = word.lower()
    if _DIGITS.fullmatch(low):
        return int(low.replace(",", ""))
    if low in _UNITS:
        return _UNITS[low]
    if low in _TENS:
        return _TENS[low]
    tens, _, unit = low.partition("-")
    if tens in _TENS and unit in _UNITS and _UNITS[unit] < 10:
        return _TENS[tens] + _UNITS[unit]
    return None


def _leading_quantity(item: str) -> int | None:
    """How many things a part of a list stands for, when it opens with a quantity
    and then a word that is no unit: "two men" 2, "a woman" 1, "three focusing on
    ..." 3, "the other two" 2, "another in September" 1; None for "25" (an age),
    "10 years", "two of them", "12-year-old Amy" or a name."""
    words = item.strip("\"“").split()
    if not words:
        return None
    low = [w.lower() for w in words]
    if low[0] in ("a", "an"):
        value, k = 1, 1
    elif low[0] == "another" or low[:2] == ["the", "other"]:
        k = 1 if low[0] == "another" else 2
        more = _number_value(words[k]) if k < len(words) else None
        value, k = (more, k + 1) if more is not None else (1, k)
    else:
        number = _number_value(words[0])
        if number is None:
            return None
        value, k = number, 1
    if k >= len(words):
        return value if k > 1 and low[0] != "a" else None  # "the other two", not "a"
    nxt = low[k].strip(",;")
    if not nxt[:1].isalpha() or (nxt in _MEASURES and nxt != "in") or nxt in _MULTIPLIERS or nxt in _NOT_A_PART:
        return None  # "two years", "two million", "two of them", "one or two"
    return value


def _part_quantities(items: list[tuple[int, int, str]]) -> list[int] | None:
    """The quantities of a list of parts ("two pilots, three medical personnel and a
    patient"): every item must open with one, and one of them must be more than one."""
    quantities = [_leading_quantity(t) for _, _, t in items]
    if any(q is None for q in quantities) or all(q == 1 for q in quantities):
        return None
    return quantities  # type: ignore[return-value]


def _parse_list(
    text: str,
    start: int,
    limit: int,
    *,
    partial: bool,
    names_only: bool,
    base: float,
    close: str | None = None,
    min_items: int = 2,
    parts: bool = False,
) -> _List | None:
    """Parse the list that begins at ``start``; None when there is none to trust.
    With ``parts``, a list whose items each open with a quantity ("two men and a
    woman") is kept, with those quantities."""
    region_end = _region_end(text, start, limit, close=close)
    s, e = _strip(text, start, region_end)
    if s >= e:
        return None
    split = _split_items(text, s, e, open_ended=partial, trim_last=names_only and not partial)
    if split is None:
        return None
    ranges, list_end, ambiguous = split
    items = [_item_text(text, a, b) for a, b in ranges]
    if not ambiguous and len(items) > 2:
        # "policing the poaching, smuggling and sale, and reducing demand": an "and"
        # inside an item of common nouns may join two of the things counted.
        ambiguous = any(
            not _name_like(t) and _bare_conjunctions(text, a, b) for a, b, t in items[:-1]
        )
    confidence = base - (0.35 if ambiguous else 0.0)
    if not partial:
        # "A, B and others", "A and B among them": only some of the things are named.
        tail = text[items[-1][1] : region_end]
        if _OPEN_TAIL.match(items[-1][2]) and len(items) > 1:
            items, partial = items[:-1], True
        elif _OPEN_AFTER.match(tail):
            partial = True
        else:
            last_s, last_e, last_text = items[-1]
            m = _OPEN_AFTER_INSIDE.search(text[last_s:last_e])
            if m and m.start() > 0:
                items[-1], partial = _item_text(text, last_s, last_s + m.start()), True
    if not partial:
        # The last item runs to the end of the clause; keep only its name.
        last_s, last_e, last_text = items[-1]
        if names_only:
            trimmed = _trim_name(text, last_s, last_e)
            if trimmed is None:
                return None
            items[-1] = _item_text(text, last_s, trimmed)
        if any(_starts_with_number(t) for _, _, t in items):
            # "three people: two men and a woman" counts subgroups: their sum is
            # checked where the list plainly sets out the parts of the whole.
            quantities = _part_quantities(items) if parts else None
            if quantities is None:
                return None
            end = max(b for _, b, _ in items)
            return _List(items=items, start=items[0][0], end=end, partial=False,
                         confidence=confidence - 0.1, quantities=quantities)
        if names_only and not all(_name_like(t) for _, _, t in items):
            return None
        if any(_names_several(t) for _, _, t in items):
            return None  # "American groups Outkast and Soundgarden" is two items in one
        named = [_name_like(t) for _, _, t in items]
        if not any(named):
            confidence -= 0.1  # common-noun phrases split less surely than names
        elif not all(named):
            # "Yesh Din, a legal aid group, Adalah and B'Tselem": a description
            # between names reads like one more item.
            confidence -= 0.35
    else:
        # "including a former councillor are shot dead": the verb ends the list.
        last_s, last_e, _ = items[-1]
        verb = re.search(r"\s(?:are|is|was|were|has|have|had|will)\s", text[last_s:last_e])
        if verb:
            items[-1] = _item_text(text, last_s, last_s + verb.start())
    if len(items) < min_items:
        return None
    end = max(b for _, b, _ in items)
    return _List(items=items, start=items[0][0], end=end, partial=partial, confidence=confidence)


# An item or words after a list saying that the list is not complete.
_OPEN_TAIL = re.compile(r"(?:more|others|many (?:more|others)|several others|so on|etc\.?|other\b.*)$", re.I)
_OPEN_AFTER = re.compile(
    r"[\s,]*(?:among (?:them|others|those|other\b)|and (?:others|other\b|more|so on)|etc\b"
    r"|to name (?:but )?a few|in particular|among other)",
    re.I,
)
# The same words inside the last item, searched for from where a run of blanks and
# commas starts (see _BARE_CONJ).
_OPEN_AFTER_INSIDE = re.compile(r"(?<![\s,])" + _OPEN_AFTER.pattern, re.I)

_CLAUSE_AFTER_NAMES = {
    "who", "whom", "whose", "which", "that", "both", "all", "each", "were", "are", "was",
    "is", "have", "had", "has", "will", "would", "respectively", "together", "alike",
    "among", "as", "in", "on", "at", "from", "to", "for", "by", "with", "after", "before",
    "during", "since", "until", "when", "while", "where", "amid", "over", "into", "near",
    "across", "of", "and",
}


def _trim_name(text: str, start: int, end: int) -> int | None:
    """End the last item of a name list where its name ends; None when what follows
    the name is not a clause boundary (then the words were not a list of names)."""
    k = start
    last_end = start
    for m in re.finditer(r"\S+", text[start:end]):
        w = m.group().strip("\"“”‘’")
        if not w:
            continue
        if w[0].isupper() or w[0].isdigit() or w[0] in "(\"“[" or last_end == start:
            last_end = start + m.end()
            k = last_end
            continue
        if w.lower() in _NAME_CONNECTORS and w.lower() not in ("and",):
            # Only a connector when a capitalised word follows ("Torture in Israel").
            nxt = _NON_BLANK.search(text, start + m.end(), end)
            if nxt is not None and nxt.group().isupper():
                continue
        if re.match(r"(?:al|el|ad|bin|ibn|de|van|von)[-’']", w):
            last_end = start + m.end()
            continue
        first = w.lower().strip(",.;")
        if first not in _CLAUSE_AFTER_NAMES:
            return None
        break
    return last_end if last_end > start else None


# ------------------------------------------------------------------- list attachment


def _next_nonspace(text: str, k: int, limit: int) -> int:
    while k < limit and text[k] in " \t\n\r":
        k += 1
    return k


@lru_cache(maxsize=64)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(w) for w in words) + r"(?![\w])", re.I)


def _match_words(text: str, k: int, words: tuple[str, ...]) -> int | None:
    """If ``text[k:]`` starts with ``words`` (case-insensitive), the offset after them."""
    m = _words_pattern(words).match(text, k)
    return m.end() if m else None


def _first_words(markers: list[tuple[str, ...]]) -> re.Pattern[str]:
    """One pattern that matches the first of ``markers`` (in their order) that
    ``_match_words`` would match; group ``n`` is set when it is ``markers[n - 1]``."""
    return re.compile("|".join(f"({_words_pattern(words).pattern})" for words in markers), re.I)


_PARTIAL_MARKER = _first_words(_PARTIAL_MARKERS)
_EXACT_MARKER = _first_words(_EXACT_MARKERS)
_LIKE = _PARTIAL_MARKERS.index(("like",)) + 1


_INTRO = re.compile(
    r"(?P<subj>They|These|Those|Th(?:e|ose|ese)\s+(?P<np>(?:[\w'’-]+\s+){0,3}?(?P<head>[\w'’-]+)))"
    r"\s+(?P<verb>(?:have\s+been|had\s+been|were|are)\s+(?:named|identified)(?:\s+as)?"
    r"|are|were|include|included|includes)\b\s*(?P<colon>:)?\s*"
    r"|(?P<among>Among\s+(?:them|those|these|the\s+[\w'’-]+)\s+(?:are|were))\b\s*:?\s*"
    r"|(?P<namely>Namely|Specifically|They are as follows)\s*[,:]\s*"
)


_FIRST_WORD = re.compile(r"[\w'’-]+")

# Family members, whom an article often names right after their count, without a
# comma ("two sons Michael and Sam").
_KIN = frozenset((
    "sons", "daughters", "children", "kids", "brothers", "sisters", "siblings", "grandchildren",
    "grandsons", "granddaughters", "stepchildren", "stepsons", "stepdaughters", "twins",
))

# Places and bodies that "of" names, as in "the island of Viti Levu". Districts and
# areas are left out: "the districts of Kabul" are in Kabul.
_NAMED_BY_OF = frozenset((
    "islands", "cities", "towns", "villages", "countries", "nations", "states", "provinces",
    "regions", "counties", "boroughs", "neighbourhoods", "neighborhoods", "territories",
    "republics", "municipalities", "teams", "clubs", "parties", "companies", "firms",
))

_SUBSET_BEFORE = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|both|all|none|each|most|some|"
    r"many|several|half|either|neither))\s+of\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+|our\s+|these\s+|those\s+)?$",
    re.I,
)


def _attach(
    document: Document,
    blocks: list[Block],
    bi: int,
    count: _Count,
    counts_in_block: list[_Count],
    starts: list[int] | None = None,
) -> _List | None:
    """The list ``count`` introduces, if one plainly follows it."""
    text = document.text
    block = blocks[bi]
    limit = block.end
    p = count.noun_end
    k = _next_nonspace(text, p, limit)
    ch = text[k] if k < limit else ""
    if _SUBSET_BEFORE.search(text, max(block.start, count.num_start - 40), count.num_start):
        return None  # "two of the three countries, France and Spain": the list is of the two
    # The first count after this one, found without listing them all (one list per
    # count would be quadratic in a long block); by bisection when the counts'
    # ``starts`` are given in order.
    if starts is not None:
        k_next = bisect.bisect_left(starts, count.noun_end)
        next_count_at = starts[k_next] if k_next < len(starts) else limit
    else:
        next_count_at = next((c.num_start for c in counts_in_block if c.num_start >= count.noun_end), limit)

    def partial_after(at: int) -> _List | None:
        marker = _PARTIAL_MARKER.match(text, at)
        if marker is None:
            return None
        end = marker.end()
        if marker.lastindex == _LIKE and text[at - 2 : at].strip() != ",":
            return None  # "10 organizations like ours" is not a list
        start = _next_nonspace(text, end, limit)
        first = _FIRST_WORD.match(text, start, limit)
        if first and first.group() in _CLAUSE_OPENERS:
            return None  # "including in Kisumu": places, not the things counted
        return _parse_list(text, end, limit, partial=True, names_only=False, base=0.8, min_items=1)

    def exact_marker_after(at: int) -> int | None:
        marker = _EXACT_MARKER.match(text, at)
        if marker is None:
            return None
        end = marker.end()
        return _next_nonspace(text, end + (1 if text[end : end + 1] in ",:" else 0), limit)

    # "signed by 10 organizations: A, B and C", or a colon before bullets or a
    # paragraph of names.
    if ch == ":":
        ones = _one_list(text, _next_nonspace(text, k + 1, limit), limit)
        return ones or _after_colon(document, blocks, bi, k + 1, base=0.9)
    if ch == "(":
        inner = k + 1
        partial = partial_after(_next_nonspace(text, inner, limit))
        if partial is not None:
            return partial
        return _parse_list(text, inner, limit, partial=False, names_only=True, base=0.85, close=")")
    if ch == "—" or _SPACED_DASH.match(text, k - 1) or text.startswith("--", k):
        start = _next_nonspace(text, k + (2 if text.startswith("--", k) else 1), limit)
        return _dash_list(text, start, limit)
    if ch == ",":
        after_comma = _next_nonspace(text, k + 1, limit)
        partial = partial_after(after_comma)
        if partial is not None:
            return partial
        exact_at = exact_marker_after(after_comma)
        if exact_at is not None:
            return _parse_list(text, exact_at, limit, partial=False, names_only=False, base=0.85)
        ones = _one_list(text, after_comma, limit) or _parts_list(text, after_comma, limit)
        if ones is not None:
            return ones
        # An apposition of names: "two groups, Zochrot and New Profile, that ..."
        return _parse_list(text, after_comma, limit, partial=False, names_only=True, base=0.8)
    partial = partial_after(k)
    if partial is not None:
        return partial
    if (
        count.noun.lower() in _NAMED_BY_OF
        and text.startswith("of ", k)
        and text[max(block.start, count.num_start - 4) : count.num_start].lower() == "the "
    ):
        # "the two main islands of Viti Levu and Vanua Levu": "of" names them, as in
        # "the city of London"; "three islands of Indonesia" is where they are.
        return _parse_list(text, k + 3, limit, partial=False, names_only=True, base=0.7)
    if ch.isupper() and count.noun.lower() in _KIN:
        # "who also have two sons Michael and Sam, have been": family named at once,
        # without a comma.
        return _parse_list(text, k, limit, partial=False, names_only=True, base=0.7)
    if ch in ".;" or k >= limit:
        return _next_sentence(document, blocks, bi, k + 1 if ch else k, count, counts_in_block)
    # A list a few words later in the clause: "... 29 cartel members to the United
    # States, including ...", "10 organizations signed the letter: A, B ...".
    clause_end = _region_end(text, k, min(limit, next_count_at))
    clause = text[k:clause_end]
    if '"' in clause or "“" in clause:
        return None
    described = False
    for m in re.finditer(r",\s*|:\s*|\s[-–]\s+", clause):
        if described:
            # "four persons of interest in the case, all with ties to organized crime:
            # A, B, and C": after a description of all of them, their names.
            if m.group().startswith(":"):
                return _parse_list(text, k + m.end(), limit, partial=False, names_only=True, base=0.7)
            continue
        gap = clause[: m.start()].split()
        if any(w[0].islower() and _is_plural(w) for w in gap):
            # "two countries in multiple areas, including ...": the list is of areas.
            # People's full names can only be the people counted: "the two best
            # drivers in the world in their cars, Ayrton Senna and Alain Prost, ...".
            # Not when the clause names other people ("two suspects in the murder of
            # teenagers, A and B": the names may be theirs).
            plurals = [w.lower().strip(",;") for w in gap if w[0].islower() and _is_plural(w)]
            if (
                count.noun.lower() in _PEOPLE
                and m.group().startswith(",")
                and len(gap) <= 8
                and not any(w in _PEOPLE or w in _IRREGULAR_PLURALS or w.endswith(_AGENT_ENDINGS) for w in plurals)
            ):
                return _full_names(text, k + m.end(), limit)
            break
        at = k + m.end()
        if len(gap) > 8:
            # Parts with no noun of their own can only be of the things counted, so
            # they may follow a longer clause: "Six further stamps have been released
            # for the head of state's 90th birthday, three focusing on ...".
            if len(gap) <= 14 and m.group().startswith(","):
                return _parts_list(text, at, limit)
            break
        if m.group()[0].isspace():
            # "Three of those charged in the complaint - A, B and C - were stopped",
            # "six men in 2002 - namely A, B and C"
            found = partial_after(at)
            if found is not None:
                return found
            exact_at = exact_marker_after(at)
            return _dash_list(text, at if exact_at is None else exact_at, limit, names_only=exact_at is None)
        if m.group().startswith(":"):
            found = _after_colon(document, blocks, bi, k + m.start() + 1, base=0.75)
            return found
        if _ALL_OF_THEM.match(text, at):
            described = True
            continue
        found = partial_after(at) or _one_list(text, at, limit) or _parts_list(text, at, limit)
        if found is not None:
            return found
    else:
        # No list in the clause, which ends its sentence: "three officers were injured
        # on Monday. The injured were ..."
        if clause_end < limit and text[clause_end] == "." and clause_end < next_count_at:
            # "They" might be any plural after the count: "Three officers arrested the
            # suspects. They are ..."; "The injured were" and named people are not.
            after_noun = re.findall(r"\b[a-z][\w'’-]*", clause)
            return _next_sentence(
                document, blocks, bi, clause_end + 1, count, counts_in_block,
                allow_they=not any(_is_plural(w) for w in after_noun),
            )
    return None


# Endings of plural nouns for people ("teenagers", "journalists", "residents").
_AGENT_ENDINGS = ("ers", "ors", "ists", "ians", "ents", "ants", "ees", "ives", "ites")


def _full_names(text: str, start: int, limit: int) -> _List | None:
    """An apposition of people's full names (two words or more each), which ends
    its clause: "Ayrton Senna and Alain Prost, they won"."""
    found = _parse_list(text, start, limit, partial=False, names_only=True, base=0.7)
    if found is None or any(len(t.split()) < 2 for _, _, t in found.items):
        return None
    if text[found.end : found.end + 1] not in (",", ".", ";"):
        return None  # the names run on into the clause: who they are is less sure
    return found


# A description of every one of the things counted: "..., all with ties to ...".
_ALL_OF_THEM = re.compile(r"(?:all|both|each)\s+(?:with|of\s+(?:them|whom)|from|aged|in|linked|connected|members)\b")

# A dash that opens or closes an inserted list: spaced hyphen or en dash, or an em dash.
_SPACED_DASH = re.compile(r"\s[-–]\s")
_CLOSING_DASH = re.compile(r"\s[-–]\s|—|\s--\s")


def _dash_list(text: str, start: int, limit: int, *, names_only: bool = True) -> _List | None:
    """The list between dashes: "three journalists – A, B and C – still face trial"."""
    close = _CLOSING_DASH.search(text, start, _region_end(text, start, limit))
    end = close.start() if close else limit
    return _parse_list(text, start, end, partial=False, names_only=names_only, base=0.8, close="—")


# "one from the ruling party and one independent": each item opens with "one" (or
# "another", "the other"); "one of whom" describes, it does not enumerate.
_ONE_ITEM = re.compile(r"(?:one|another|the other)\b(?!\s+of\b)(?!-)", re.I)
_ONE_SEPARATOR = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?=(?:one|another|the other)\b)", re.I)


_ONE_DESCRIBED = re.compile(
    r"(?:one|another|the other)\s+(?:"
    r"(?:from|in|at|on|with|without|by|for|to|who|which|that|aged|near|inside|outside|under|over|"
    r"made|run|held|born|built|left|sent|shot|hit|found|seen|taken|known|led|owned|still|now|"
    r"a|an|the|his|her|their|its)\b"
    r"|\d|[a-z][\w-]*(?:ed|ing)\b"
    # a lone adjective for the elided noun ("one national", "one independent"); not
    # "one civilian" or "one Egyptian", which count other people
    r"|[a-z][\w-]*(?:al|ese|ish|ic|ent|ant|ive|ous|ary)\s*$)"
)


def _describes_one(text: str, start: int, end: int) -> bool:
    """Whether a "one ..." item describes one of the things counted ("one from
    BirGün", "one national") rather than counting something else ("one assist")."""
    return _ONE_DESCRIBED.match(text, start, end) is not None


def _one_list(text: str, start: int, limit: int) -> _List | None:
    """The items of "two candidates, one from the ruling party and one independent"."""
    if not text.startswith(("one ", "One "), start):
        return None
    region_end = _region_end(text, start, limit)
    seps = [m for m in _ONE_SEPARATOR.finditer(text, start, region_end) if _ONE_ITEM.match(text, m.end())]
    if not seps or not any(re.search(r"\band\b|\bor\b", m.group()) for m in seps):
        return None  # a closed list needs its "and": "two goals, one in each half"
    items = []
    at = start
    for m in seps:
        items.append((at, m.start()))
        at = m.end()
    # The last item ends at the next comma: "one from BirGün and one from Cumhuriyet, and raid ..."
    comma = text.find(",", at, region_end)
    items.append((at, comma if comma != -1 else region_end))
    if not all(_ONE_ITEM.match(text, s) for s, _ in items) or any(text.find(",", s, e) != -1 for s, e in items):
        return None
    ranges = [_strip(text, s, e) for s, e in items]
    if any(e - s < 5 for s, e in ranges):
        return None  # "one or two": no description, no item
    if not all(_describes_one(text, s, e) for s, e in ranges):
        return None  # "two goals, one in each half and one assist": an assist is no goal
    listed = [_item_text(text, s, e) for s, e in ranges]
    return _List(items=listed, start=listed[0][0], end=listed[-1][1], partial=False, confidence=0.75)


# A part of the whole with no noun of its own, so that it can only be some of the
# things counted: "three focusing on ...", "nine from South Africa", "two injured".
_PART_DESCRIBED = re.compile(
    r"(?:(?:the\s+other|another)\s+)?"
    rf"(?:\d{{1,3}}|(?:{'|'.join(_TENS)})(?:-[a-z]+)?|{'|'.join(sorted(_UNITS, key=len, reverse=True))})\s+(?:"
    r"(?:from|in|at|on|with|without|by|for|who|which|that|aged|near|inside|outside|under|over)\b"
    r"|(?P<participle>[a-z][\w-]*(?:ed|ing))\b(?!-))",
    re.I,
)
_WORD_AFTER = re.compile(r"\s+([a-z][\w'’-]*)")
_PART_SEPARATOR = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


def _describes_part(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens with a quantity described without a noun of
    its own: "three focusing on", not "28 suspected cases"."""
    m = _PART_DESCRIBED.match(text, start, end)
    if m is None:
        return False
    if m.group("participle"):
        nxt = _WORD_AFTER.match(text, m.end(), end)
        if nxt and nxt.group(1) not in _PHRASE_STOP and _is_plural(nxt.group(1)):
            return False  # an adjective before the noun: "six suspected deaths"
    return True


def _parts_list(text: str, start: int, limit: int) -> _List | None:
    """The parts of "six further stamps ..., three focusing on family life and three
    honouring her official role": each opens with its quantity and describes some of
    the things counted, with no noun of its own ("two civilians and 22 gunmen" after
    "eleven soldiers," are more people killed, not the soldiers)."""
    first = _FIRST_WORD.match(text, start, limit)
    if first is None or _number_value(first.group()) is None:
        return None
    region_end = _region_end(text, start, limit)
    items: list[tuple[int, int]] = []
    closed = False
    at = start
    for m in _PART_SEPARATOR.finditer(text, start, region_end):
        if m.start() <= at or not _describes_part(text, m.end(), region_end):
            continue
        items.append((at, m.start()))
        closed = "and" in m.group()
        at = m.end()
    if not items or not closed:
        return None  # a closed list needs its "and"
    # The last part ends at the next comma: "..., three in Sweden and two at Seattle, as ..."
    comma = text.find(",", at, region_end)
    items.append((at, comma if comma != -1 else region_end))
    ranges = [_strip(text, s, e) for s, e in items]
    if any(text.find(",", s, e) != -1 or not _describes_part(text, s, e) for s, e in ranges):
        return None
    listed = [_item_text(text, s, e) for s, e in ranges]
    quantities = _part_quantities(listed)
    if quantities is None:
        return None
    return _List(items=listed, start=listed[0][0], end=listed[-1][1], partial=False, confidence=0.7,
                 quantities=quantities)


def _after_colon(document: Document, blocks: list[Block], bi: int, at: int, *, base: float) -> _List | None:
    """The list after a colon: in the same block, or as the bullets or the paragraph
    that follow it."""
    text = document.text
    block = blocks[bi]
    start = _next_nonspace(text, at, block.end)
    if start < block.end:
        if text[start] in "\"“":
            return None  # a quotation, not a list
        return _parse_list(text, start, block.end, partial=False, names_only=False, base=base, parts=True)
    if bi + 1 >= len(blocks):
        return None
    nxt = blocks[bi + 1]
    if nxt.kind == "list_item":
        return _bullets(document, blocks, bi + 1, base=base - 0.05)
    if nxt.kind in ("paragraph", "quote"):
        return _parse_list(text, nxt.start, nxt.end, partial=False, names_only=True, base=base - 0.1)
    return None


# Where a bullet goes on to describe its item, and a conjunction ending it (see
# _BARE_CONJ for the lookbehinds).
_ITEM_GLOSS_START = re.compile(r"(?<!\s)\s+[—–-]\s+|:\s|\.\s|\n")
_TRAILING_CONJ = re.compile(r"(?<!\s)(?:\s*(?:;|,)?\s*(?:and|or))$")


def _bullets(document: Document, blocks: list[Block], first: int, *, base: float, partial: bool = False) -> _List | None:
    """The items of the bulleted list starting at ``blocks[first]``."""
    text = document.text
    group = blocks[first].group
    items = []
    for b in blocks[first:]:
        if b.kind != "list_item" or b.group != group:
            if b.kind == "list_item" and b.group != group and items:
                continue  # a nested list under an item
            break
        s, e = _strip(text, b.start, b.end)
        # An item may go on to describe the thing: "B'Tselem - a group that ..."
        m = _ITEM_GLOSS_START.search(text[s:e])
        if m:
            e = s + m.start()
        s, e = _strip(text, s, e)
        for ps, pe in _top_level_commas(text, s, e)[1:]:
            if _looks_like_clause(text[ps:pe]) or re.match(r"\s*(?:which|who|whose|where)\b", text[ps:pe]):
                e = ps - 1  # "Yesh Din, which documents settler violence"
                break
        s, e = _strip(text, s, e)
        e = _TRAILING_CONJ.sub("", text[s:e]).__len__() + s
        s, e = _strip(text, s, e)
        if s >= e:
            return None
        items.append(_item_text(text, s, e))
    if len(items) < 2:
        return None
    return _List(items=items, start=items[0][0], end=items[-1][1], partial=partial, confidence=base)


# What the people a count was said of are called afterwards: "killed three men ...
# The dead were ...".
_GROUP_OF_VERB = {"dead": ("killed", "died", "dead"), "victims": ("killed", "injured", "wounded", "attacked")}


def _said_of(head: str, text: str, block_start: int, count: _Count, end: int) -> bool:
    """Whether "The <head>" of the next sentence names the counted people by what the
    count's sentence says of them ("injured three officers ... The injured were")."""
    verbs = _GROUP_OF_VERB.get(head, (head,) if head.endswith("ed") else ())
    if not verbs:
        return False
    # The verb governs the count itself: "injured three officers", "three officers
    # were injured"; not "three officers ... in an attack that injured two".
    alternatives = "|".join(verbs)
    before = re.compile(rf"\b(?:{alternatives})\s+(?:(?:at\s+least|more\s+than|another)\s+)?$", re.I)
    after = re.compile(rf"\s+(?:were|are|was|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:{alternatives})\b", re.I)
    return bool(
        before.search(text, max(block_start, count.num_start - 40), count.num_start)
        or after.match(text, count.noun_end, end)
    )


def _next_sentence(
    document: Document,
    blocks: list[Block],
    bi: int,
    at: int,
    count: _Count,
    counts_in_block: list[_Count],
    *,
    allow_they: bool = True,
) -> _List | None:
    """A list in the sentence after the count's: "They are: ...", "They include ..."."""
    text = document.text
    block = blocks[bi]
    k = _next_nonspace(text, at, block.end)
    target = bi
    if k >= block.end:
        if bi + 1 >= len(blocks) or blocks[bi + 1].kind not in ("paragraph", "quote"):
            return None
        target = bi + 1
        k = _next_nonspace(text, blocks[target].start, blocks[target].end)
    m = _INTRO.match(text, k)
    if not m:
        return _introduced_names(text, k, blocks[target].end)
    if not allow_they and not m.group("np"):
        return None
    limit = blocks[target].end
    partial = bool(m.group("among")) or (m.group("verb") or "").startswith("include")
    if m.group("np"):
        head = m.group("head").lower()
        if head != count.noun.lower() and head not in _INTRO_GENERIC and not _said_of(head, text, block.start, count, at):
            return None
    base = 0.9 if m.group("colon") or m.group("namely") else 0.8
    start = m.end()
    if start >= limit and not partial and target + 1 < len(blocks) and blocks[target + 1].kind == "list_item":
        return _bullets(document, blocks, target + 1, base=base - 0.05)
    if partial:
        return _parse_list(text, start, limit, partial=True, names_only=False, base=0.8, min_items=1)
    return _parse_list(text, start, limit, partial=False, names_only=not m.group("colon"), base=base)


# A sentence that opens by introducing people with their ages and says they are
# all the ones counted: "Jamie Jewitt, 24, and Henry Rogers, 22, both admit ...".
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|bin|al))*"
_AGED_NAMES = re.compile(
    rf"(?P<items>{_NAME},\s+\d{{1,3}},\s+(?:{_NAME},\s+\d{{1,3}},\s+)*(?:and\s+){_NAME},\s+\d{{1,3}},?)"
    r"\s+(?:were\s+|are\s+|have\s+|had\s+)?(?:both|all|each)\b"
)


def _introduced_names(text: str, start: int, limit: int) -> _List | None:
    """The people a sentence opens with, each with an age, when the sentence then says
    "both" or "all" of them: the list of those the sentence before counted."""
    m = _AGED_NAMES.match(text, start, limit)
    if m is None:
        return None
    found = _parse_list(text, start, m.end("items"), partial=False, names_only=True, base=0.7)
    if found is None or len(found.items) < 2:
        return None
    return found


# ------------------------------------------------------- a later list of the same noun

# A short name: up to three capitalised words on one line ("Adelaide City",
# "Al-Hasakah"); a period only inside a word, so that no name runs past a sentence.
_NAME_WORD = r"[A-Z][\w'’-]*(?:\.[\w'’-]+)*"
_SHORT_NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}}"
_NAMES_RUN = rf"{_SHORT_NAME}(?:[ \t]*,[ \t]*{_SHORT_NAME})*,?[ \t]+and[ \t]+{_SHORT_NAME}"
# "each of the Melbourne, Sydney and Adelaide City stores": the names come before
# their noun, one thing each.
_NAMES_BEFORE_NOUN = re.compile(
    rf"\b(?:(?:[Ee]ach|[Aa]ll|[Bb]oth)\s+of\s+)?[Tt]he\s+(?P<items>{_NAMES_RUN})[ \t]+(?P<noun>[a-z][a-z-]+)\b(?!-)"
)
# "the schools in Leeds, York and Hull": at least one of the things in each place.
_NOUN_IN_PLACES = re.compile(rf"\b[Tt]he\s+(?P<noun>[a-z][a-z-]+)\s+(?:in|at)[ \t]+(?P<items>{_NAMES_RUN})")
# How far after a count its things may be named again.
_LATER_LIST_REACH = 1500


def _later_lists(document: Document, counts: list[_Count], taken: set[tuple[int, int]]) -> dict[int, _List]:
    """Lists that name the things of an earlier count again, by the same noun: "five
    of their stores ... each of the Melbourne, Sydney, Perth, Brisbane and Adelaide
    City stores", or the bullets under a heading "Victims" after "five victims";
    keyed by the count's ``num_start``.

    A count gets one only when it is the only count of that noun before the list, and
    the list the only one of that noun after the count. A later list in a sentence may
    name only some of the things ("the stores in Leeds and York"), so one shorter than
    the count is kept as partial: only a list with more things than the count is
    checked. A headed list is the list of them, checked either way.
    """
    text = document.text
    nouns = {c.noun.lower() for c in counts if c.noun[:1].islower() and _is_plural(c.noun)}
    if not nouns:
        return {}
    first = min(c.noun_end for c in counts)
    low = text.lower()
    if not any(low.find(noun, first) != -1 for noun in nouns):
        return {}
    # noun -> (where the list starts, the list, whether it may name only some)
    found: dict[str, list[tuple[int, _List, bool]]] = {}
    for pattern, base in ((_NAMES_BEFORE_NOUN, 0.7), (_NOUN_IN_PLACES, 0.65)):
        for m in pattern.finditer(text, first):
            noun = m.group("noun")
            if noun not in nouns:
                continue
            if pattern is _NAMES_BEFORE_NOUN:
                end = m.end("items")
            else:
                end = _region_end(text, m.start("items"), len(text))
            lst = _parse_list(text, m.start("items"), end, partial=False, names_only=True, base=base)
            if lst is not None and (lst.start, lst.end) not in taken:
                found.setdefault(noun, []).append((m.start(), lst, True))
    for noun, at, lst in _headed_lists(document, nouns, first):
        if (lst.start, lst.end) not in taken:
            found.setdefault(noun, []).append((at, lst, False))
    lists: dict[int, _List] = {}
    for noun, later in found.items():
        for at, lst, some in later:
            before = [c for c in counts if c.noun.lower() == noun and c.noun_end <= at]
            if len(before) != 1 or len(later) != 1:
                continue  # which count the list names again is unclear
            count = before[0]
            if at - count.noun_end > _LATER_LIST_REACH:
                continue
            here, there = document.block_at(count.num_start), document.block_at(at)
            if here != there and any(b is not None and b.kind == "list_item" for b in (here, there)):
                continue  # items of a bulleted digest are separate stories
            if some and len(lst.items) < count.value:
                lst.partial = True  # "the schools in Leeds and York" may be some of them
            lists[count.num_start] = lst
    return lists


# A heading that names what its bulleted list holds: "Victims", "The victims".
_LIST_HEADING = re.compile(r"\s*(?:the\s+)?(?P<noun>[a-z][a-z-]+)\s*:?\s*$", re.I)


def _headed_lists(document: Document, nouns: set[str], after: int) -> Iterator[tuple[str, int, _List]]:
    """The bulleted lists after ``after`` under a heading that is one of ``nouns``
    ("## Victims" and its items): the noun, where the heading starts, the list."""
    blocks = [b for b in document.blocks if b.kind != "other"]
    for hi, heading in enumerate(blocks[:-1]):
        if heading.kind != "heading" or heading.start < after or blocks[hi + 1].kind != "list_item":
            continue
        m = _LIST_HEADING.match(document.text, heading.start, heading.end)
        if m is None or m.group("noun").lower() not in nouns:
            continue
        lst = _bullets(document, blocks, hi + 1, base=0.75)
        # Short items name things; sentences under "Sports" are a digest's stories.
        if lst is not None and all(len(t.split()) <= 6 for _, _, t in lst.items):
            yield m.group("noun").lower(), heading.start, lst


# ------------------------------------------------------------------ results of a run

# A number of games in digits or words.
_GAMES = rf"(?:\d{{1,3}}|(?:{'|'.join(_TENS)})(?:-[a-z]+)?|{'|'.join(sorted(_UNITS, key=len, reverse=True))})"
# "(W3 D2 L1)": wins, draws and losses in brackets.
_RESULTS_BRACKET = r"\s*\((?P<bracket>[WDL]\d{1,3}(?:[\s,]+[WDL]\d{1,3}){0,2})\)"
# "losing two and drawing the other": the results of the run, as participles.
_RESULT_PART = rf"(?:winning|losing|drawing)\s+(?:{_GAMES}|the\s+other(?:\s+{_GAMES})?)\b(?!\s+(?:of|games|matches))"
_RESULTS_PARTS = rf",\s+(?P<parts>{_RESULT_PART}(?:,\s+{_RESULT_PART})*,?\s+and\s+{_RESULT_PART})"
# "won three of their last six ... (D2 L1)"; "winless in three against the Potters,
# losing two and drawing the other"; "unbeaten in six (W4 D2)".
_RESULTS = re.compile(
    rf"\b(?:(?P<verb>won|lost|drawn|drew)\s+(?:only\s+|just\s+)?(?P<part>{_GAMES})\s+of\s+"
    rf"(?:their|his|her|its|the)\s+(?:last|past|previous|first|opening)\s+"
    rf"|(?P<run>winless|unbeaten|undefeated|without\s+a\s+(?:win|victory|defeat|loss))\s+in\s+"
    rf"(?:(?:their|his|her|its)\s+)?(?:(?:last|past|previous)\s+)?)"
    rf"(?P<total>{_GAMES})\b(?P<rest>[^.,;:()\n]{{0,80}}?)(?:{_RESULTS_BRACKET}|{_RESULTS_PARTS})",
    re.I,
)
# Where _RESULTS can start: matching it only there is much cheaper than searching.
_RESULTS_TRIGGER = re.compile(r"\b(?:[Ww]on|[Ll]ost|[Dd]rawn|[Dd]rew|[Ww]inless|[Uu]nbeaten|[Uu]ndefeated|[Ww]ithout)\s")
_RESULT_LETTER = {"won": "W", "lost": "L", "drawn": "D", "drew": "D", "winning": "W", "losing": "L", "drawing": "D"}
# The result a run rules out: "winless" has no win in it.
_RUN_EXCLUDES = {"winless": "W", "unbeaten": "L", "undefeated": "L", "win": "W", "victory": "W", "defeat": "L", "loss": "L"}
_RESULT_PART_RE = re.compile(rf"(?P<what>winning|losing|drawing)\s+(?P<how>{_GAMES}|the\s+other(?:\s+{_GAMES})?)\b", re.I)
_BRACKET_PART = re.compile(r"(?P<what>[WDL])(?P<how>\d{1,3})")


def _results(text: str, block: Block) -> Iterator[tuple[_Count, _List]]:
    """A run of games and its results, which add up to it: "won three of their last
    six against the Hammers (D2 L1)", "winless in three, losing two and drawing the
    other". Yields the count of games (its noun is the one written, if any) with
    the results as the parts of a list."""
    for trigger in _RESULTS_TRIGGER.finditer(text, block.start, block.end):
        m = _RESULTS.match(text, trigger.start(), block.end)
        if m is None:
            continue
        parts: list[tuple[str, int, int, int]] = []  # result letter, quantity, start, end
        if m.group("verb"):
            part = _number_value(m.group("part"))
            if part is None:
                continue
            parts.append((_RESULT_LETTER[m.group("verb").lower()], part, m.start("verb"), m.end("part")))
        if m.group("bracket"):
            inside = [(p.group("what"), int(p.group("how")), m.start("bracket") + p.start(), m.start("bracket") + p.end())
                      for p in _BRACKET_PART.finditer(m.group("bracket"))]
            if parts and any(letter == parts[0][0] for letter, *_ in inside):
                # "won just one of the last 38 (L27 D10 W1)": the brackets hold every result.
                if (parts[0][0], parts[0][1]) not in {(letter, q) for letter, q, *_ in inside}:
                    continue
                parts = []
            parts += inside
        else:
            for p in _RESULT_PART_RE.finditer(text, m.start("parts"), m.end("parts")):
                how = p.group("how").lower()
                if how.startswith("the"):
                    rest = how.split()[2:]
                    quantity = _number_value(rest[0]) if rest else 1  # "drawing the other"
                else:
                    quantity = _number_value(how)
                if quantity is None:
                    parts = []
                    break
                parts.append((_RESULT_LETTER[p.group("what").lower()], quantity, p.start(), p.end()))
        letters = [letter for letter, *_ in parts]
        if len(parts) < 2 or len(set(letters)) != len(letters):
            continue  # each kind of result once
        run = (m.group("run") or "").lower().split()
        if run and _RUN_EXCLUDES.get(run[-1]) in letters:
            continue  # "winless ..., winning one": not a reading to trust
        total_start, total_end = m.start("total"), m.end("total")
        value = _number_value(m.group("total"))
        if value is None:
            continue
        noun = re.match(r"\s+((?:[A-Z][\w'’-]*\s+){0,3}(?:games|matches|fixtures|meetings|encounters|outings))\b", m.group("rest"))
        noun_end = total_end + (noun.end() if noun else 0)
        count = _Count(value=value, qualifier="exact", num_start=total_start, num_end=total_end,
                       noun=noun.group(1).split()[-1] if noun else "", noun_end=noun_end)
        items = [(s, e, text[s:e]) for _, _, s, e in parts]
        yield count, _List(items=items, start=parts[0][2], end=parts[-1][3], partial=False, confidence=0.8,
                           quantities=[q for _, q, _, _ in parts])


# ------------------------------------------------------------- days and their dates

# The month words of _MONTHS, longest first (matched with re.I).
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=lambda m: (-len(m), m)))
_DAY = r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_TO = r"\s*(?:-|–|—|to)\s*"
# "April 9 - 11", "9-11 April": one month's days, both ends given.
_DAY_RANGE = (
    rf"(?:(?P<month>{_MONTH_NAMES})\.?\s+(?P<first>{_DAY}){_TO}(?P<last>{_DAY})"
    rf"|(?P<first2>{_DAY}){_TO}(?P<last2>{_DAY})\s+(?P<month2>{_MONTH_NAMES}))(?![\w-])"
)
# "the three days of the Grand National Festival (April 9 - 11)": a number of days
# and, in brackets in the same clause, the dates they run over.
_DAYS_AND_DATES = re.compile(
    rf"(?<![\w-])(?P<number>{_GAMES})\s+(?P<days>days)\b(?P<between>(?:\s+(?:of|at|in)\s+[^.;:,()\d\n]{{1,60}}?)?)"
    rf"\s*\((?P<range>{_DAY_RANGE})\)",
    re.I,
)
_DAYS_WORD = re.compile(r"\s+days\b")
_WORD_BEFORE = re.compile(r"[\w-]+$")
# Words before the number that make the days some of the dates ("the first two days
# (April 9 - 11)") or not meant exactly ("about three days").
_SOME_OF_THE_DAYS = frozenset((
    "first", "last", "final", "opening", "closing", "other", "remaining", "next", "past", "previous",
    "extra", "additional", "further", "about", "around", "nearly", "almost", "some", "over", "under",
    "than", "least", "most", "to", "or", "and", "within",
))


def _days_and_dates(text: str, block: Block) -> Iterator[tuple[_Count, _List]]:
    """A number of days given with the dates they run over, both ends inclusive:
    "during the three days of the festival (April 9 - 11)". Yields the count of days
    with the dates as one part, standing for as many days as they cover. Nights are
    left alone: "three nights (April 9 - 11)" is counted both ways."""
    for days in _DAYS_WORD.finditer(text, block.start, block.end):
        # Match from the word before "days" only: a search from every character of
        # the block for a number word would cost more than the rest of the block.
        word = _WORD_BEFORE.search(text, max(block.start, days.start() - 20), days.start())
        m = _DAYS_AND_DATES.match(text, word.start(), block.end) if word else None
        if m is None:
            continue
        before = text[max(block.start, m.start() - 20) : m.start()].split()
        if before and before[-1].lower() in _SOME_OF_THE_DAYS:
            continue
        if m.group("number")[0].isupper() and before and not before[-1].endswith((".", ":")):
            continue  # "the Three Days (...)": a name
        first = int(re.match(r"\d+", m.group("first") or m.group("first2")).group())
        last = int(re.match(r"\d+", m.group("last") or m.group("last2")).group())
        value = _number_value(m.group("number"))
        if value is None or last <= first:
            continue
        count = _Count(value=value, qualifier="exact", num_start=m.start("number"), num_end=m.end("number"),
                       noun=m.group("days"), noun_end=m.end("days"))
        s, e = m.start("range"), m.end("range")
        yield count, _List(items=[(s, e, text[s:e])], start=s, end=e, partial=False, confidence=0.8,
                           quantities=[last - first + 1])


# ------------------------------------------------------------ collective numbers

# Words that count the people they name: "Williams pair Felipe Massa and Valtteri
# Bottas", "a quartet of high class Americans in Jordan Spieth, ...". Lowercase
# only: "Cuban Quartet Calle Cuba" is a name.
_COLLECTIVES = {"pair": 2, "duo": 2, "trio": 3, "quartet": 4, "quintet": 5}
_COLLECTIVE = re.compile(
    r"\b(?P<word>pair|duo|trio|quartet|quintet)\s+"
    r"(?:of\s+(?:[a-z][\w'’-]*\s+){0,4}(?P<head>[\w'’-]+)\s+(?P<sep>in|:|,|[-–])\s+)?"
    r"(?=[A-Z])"
)
# People a collective "of" may count before their names follow ("a trio of
# strikers in ..."); a capitalised plural is a demonym ("Americans", "Spaniards").
_PEOPLE = frozenset((
    "players", "stars", "men", "women", "riders", "drivers", "golfers", "strikers",
    "forwards", "defenders", "midfielders", "batsmen", "bowlers", "runners", "athletes",
    "singers", "actors", "actresses", "brothers", "sisters", "friends", "suspects",
    "officers", "ministers", "candidates", "veterans", "youngsters", "signings",
)) | _KIN


def _collectives(text: str, block: Block) -> Iterator[tuple[_Count, _List]]:
    """A pair, duo, trio or quartet with the names of its members right after it:
    "Williams pair Felipe Massa and Valtteri Bottas", "a quartet of high class
    Americans in Jordan Spieth, Patrick Reed, Rickie Fowler and Phil Mickelson".
    "The quartet of A, B and C" is left alone: "came into the quartet of A, B and C"
    names the three others."""
    for m in _COLLECTIVE.finditer(text, block.start, block.end):
        head = m.group("head")
        if head is not None:
            # "a pair of goals in Leeds and York" names places, not the goals.
            if not _is_plural(head) or not (head[0].isupper() or head.lower() in _PEOPLE):
                continue
        lst = _parse_list(text, m.end(), block.end, partial=False, names_only=True, base=0.7, close=":")
        if lst is None or lst.quantities is not None:
            continue
        # After "in", each name must be a person's full name ("in Leeds and York" are places).
        if m.group("sep") == "in" and any(len(t.split()) < 2 for _, _, t in lst.items):
            continue
        noun_end = m.end("head") if head is not None else m.end("word")
        start = m.start("word")
        if text[max(block.start, start - 2) : start].lower() == "a ":
            start -= 2  # "a quartet"
        count = _Count(value=_COLLECTIVES[m.group("word")], qualifier="exact", num_start=start,
                       num_end=m.end("word"), noun=head or m.group("word"), noun_end=noun_end)
        yield count, lst


# Words without one of which a block states no run of results.
_RESULT_WORDS = ("won ", "lost ", "drew ", "drawn ", "winless", "nbeaten", "ndefeated", "without a ")


def _part_shapes(text: str) -> tuple[bool, bool, bool]:
    """Whether ``text`` holds anywhere the words of :func:`_days_and_dates`,
    :func:`_results` and :func:`_collectives`: most articles hold none of them, and
    then no block of theirs needs the tests."""
    return (
        "(" in text and "days" in text,
        any(word in text for word in _RESULT_WORDS),
        any(word in text for word in _COLLECTIVES),
    )


def _parts_of_counts(
    text: str, block: Block, shapes: tuple[bool, bool, bool] = (True, True, True)
) -> Iterator[tuple[_Count, _List]]:
    """The counts that :func:`_results`, :func:`_days_and_dates` and
    :func:`_collectives` find in ``block``, each with its parts or names. Their words
    are rare, so a few substring tests come first, in the whole text (``shapes``,
    from :func:`_part_shapes`) and then in the block."""
    start, end = block.start, block.end
    days, results, collectives = shapes
    if days and text.find("(", start, end) != -1 and text.find("days", start, end) != -1:
        yield from _days_and_dates(text, block)
    if results and any(text.find(word, start, end) != -1 for word in _RESULT_WORDS):
        yield from _results(text, block)
    if collectives and any(text.find(word, start, end) != -1 for word in _COLLECTIVES):
        yield from _collectives(text, block)


# ----------------------------------------------------------------------------- claims


def extract_counts(document: Document) -> Iterator[CountClaim]:
    """Yield the counts stated in ``document``, each with the list it introduces."""
    text = document.text
    blocks = [b for b in document.blocks if b.kind != "other"]
    attached: list[tuple[_Count, _List | None]] = []
    shapes = _part_shapes(text)
    for bi, block in enumerate(blocks):
        counts = list(_scan_counts(text, block))
        # A run of games is stated with its results, which are the parts of the run.
        results: dict[int, _List] = {}
        at = {c.num_start for c in counts}
        for count, lst in _parts_of_counts(text, block, shapes):
            results[count.num_start] = lst
            if count.num_start not in at:
                at.add(count.num_start)
                counts.append(count)
        if not counts:
            continue
        if results:
            counts.sort(key=lambda c: c.num_start)
        starts = [c.num_start for c in counts]
        in_order = all(a <= b for a, b in zip(starts, starts[1:]))
        claimed: set[tuple[int, int]] = set()
        for count in counts:
            lst = results.get(count.num_start) or _attach(
                document, blocks, bi, count, counts, starts if in_order else None
            )
            if lst is not None:
                key = (lst.start, lst.end)
                if key in claimed:
                    lst = None  # one list belongs to one count
                else:
                    claimed.add(key)
            attached.append((count, lst))
    if any(lst is None for _, lst in attached):
        taken = {(lst.start, lst.end) for _, lst in attached if lst is not None}
        later = _later_lists(document, [c for c, _ in attached], taken)
        attached = [(c, lst if lst is not None else later.get(c.num_start)) for c, lst in attached]
    for count, lst in attached:
        if count.partitive and (lst is None or lst.partial):
            continue  # "two of the victims" says nothing checkable without its list
        yield _claim(document, count, lst)


def _claim(document: Document, count: _Count, lst: _List | None) -> CountClaim:
    start, end = count.num_start, count.noun_end
    items: tuple[CountItem, ...] = ()
    list_span = None
    confidence = 0.9
    partial = False
    if lst is not None:
        quantities = lst.quantities or [1] * len(lst.items)
        items = tuple(
            CountItem(text=t, span=document.span(s, e), quantity=q)
            for (s, e, t), q in zip(lst.items, quantities, strict=True)
        )
        list_span = document.span(lst.start, lst.end)
        confidence = max(0.0, min(1.0, lst.confidence))
        partial = lst.partial
    return CountClaim(
        id=f"count:{start}-{end}",
        text=document.text[start:end],
        span=document.span(start, end),
        confidence=round(confidence, 3),
        value=count.value,
        noun=count.noun or None,
        qualifier=count.qualifier,  # type: ignore[arg-type]
        partial=partial,
        items=items,
        list_span=list_span,
    )


class CountsExtractor(Extractor):
    """Stated counts ("10 organizations", "a dozen groups", "more than 20 countries"),
    with their noun, qualifier and the list each one introduces."""

    name = "counts"
    produces = frozenset({"count"})

    def extract(self, document: Document, claims: ClaimSet) -> Iterable[CountClaim]:
        """Yield a :class:`factlint.CountClaim` for every count in ``document``."""
        return list(extract_counts(document))


@factlint.hookimpl
def factlint_register_extractors() -> list[type[Extractor]]:
    """Register the counts extractor."""
    return [CountsExtractor]

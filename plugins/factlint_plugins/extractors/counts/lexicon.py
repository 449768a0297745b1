"""The words the count extractor reads counts and lists by: nouns that measure rather
than count, qualifiers, the words that end a noun phrase, plurals, collective nouns,
markers of a partial list, and the like. Number, month and weekday words are not
here: they come from :mod:`factlint_plugins._english`, shared with the other
built-ins.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from factlint_plugins._patterns import lazy_compile

from ..._english import MONTH_ABBREVIATIONS

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
    "runs", "goals-to",
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

# The values of CountClaim.qualifier.
_Qualifier = Literal["exact", "at_least", "more_than", "at_most", "fewer_than", "about"]

_QUALIFIERS: list[tuple[tuple[str, ...], _Qualifier]] = [
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
    "total", "combined", "said", "says", "say", "according", "reportedly",
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
_AND_NAME_RE = lazy_compile("|".join(re.escape(n) for n in sorted(_AND_NAMES, key=len, reverse=True)))

# Abbreviations whose period does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "cpt",
    "maj", "adm", "rep", "sen", "gov", "prof", "rev", "fr", "hon", "pres", "inc", "ltd",
    "co", "corp", "bros", "vs", "v", "no", "nos", "mt", "ft", "ave", "blvd", "rd", "dept",
    "univ", "est", "approx", "etc", "al", *MONTH_ABBREVIATIONS, "e.g", "i.e", "u.s", "u.k",
    "u.n", "e.u", "a.m", "p.m", "d.c", "viz", "incl", "cf", "op", "pp", "p",
}

# Nouns that may name the things of any count in the sentence after it ("The
# signatories are ...").
_INTRO_GENERIC = {
    "signatories", "signers", "signees", "names", "members", "participants", "recipients",
    "winners", "nominees", "finalists", "laureates", "honorees", "inductees", "victims",
    "dead", "others", "rest", "remainder",
}

# Verbs that often follow a counted noun in news ("ten groups sent a letter").
_COMMON_VERBS = {
    "sent", "met", "took", "went", "gave", "made", "won", "lost", "left", "came", "held",
    "told", "wrote", "signed", "joined", "fled", "died", "remain", "remained", "face",
    "faced", "include", "included", "attend", "attended", "voted", "agreed", "urged",
}

# Words that make a piece of a list a clause (a finite verb, a relative word), and
# the words a clause, not an item, opens with.
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

# Words after the last name of a list that open the clause it ends in.
_CLAUSE_AFTER_NAMES = {
    "who", "whom", "whose", "which", "that", "both", "all", "each", "were", "are", "was",
    "is", "have", "had", "has", "will", "would", "respectively", "together", "alike",
    "among", "as", "in", "on", "at", "from", "to", "for", "by", "with", "after", "before",
    "during", "since", "until", "when", "while", "where", "amid", "over", "into", "near",
    "across", "of", "and",
}

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

# Endings of plural nouns for people ("teenagers", "journalists", "residents").
_AGENT_ENDINGS = ("ers", "ors", "ists", "ians", "ents", "ants", "ees", "ives", "ites")

# People a collective "of" may count before their names follow ("a trio of
# strikers in ..."); a capitalised plural is a demonym ("Americans", "Spaniards").
_PEOPLE = frozenset((
    "players", "stars", "men", "women", "riders", "drivers", "golfers", "strikers",
    "forwards", "defenders", "midfielders", "batsmen", "bowlers", "runners", "athletes",
    "singers", "actors", "actresses", "brothers", "sisters", "friends", "suspects",
    "officers", "ministers", "candidates", "veterans", "youngsters", "signings",
)) | _KIN

# Collective nouns for people and how many each counts ("Williams pair Felipe Massa
# and Valtteri Bottas").
_COLLECTIVES = {"pair": 2, "duo": 2, "trio": 3, "quartet": 4, "quintet": 5}


@lru_cache(maxsize=4096)
def _is_plural(word: str) -> bool:
    """Whether ``word`` reads as a plural noun ("groups", "people"; not the possessive "group's")."""
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

"""Lists set right after a count, in its own clause: an apposition of full names,
a list between dashes, "one from ... and one ..." and parts that describe some of
the things counted ("three focusing on ... and three honouring ...").
"""

from __future__ import annotations

import re

from factlint_plugins._patterns import lazy_compile

from .lexicon import _PHRASE_STOP, _is_plural
from .lists import _FIRST_WORD, _item_text, _List, _parse_list, _part_quantities, _region_end, _strip
from .numbers import _NUMBER, _number_value


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
_ALL_OF_THEM = lazy_compile(r"(?:all|both|each)\s+(?:with|of\s+(?:them|whom)|from|aged|in|linked|connected|members)\b")

# A dash that opens or closes an inserted list: spaced hyphen or en dash, or an em dash.
_SPACED_DASH = lazy_compile(r"\s[-–]\s")
_CLOSING_DASH = lazy_compile(r"\s[-–]\s|—|\s--\s")


def _dash_list(text: str, start: int, limit: int, *, names_only: bool = True) -> _List | None:
    """The list between dashes: "three journalists – A, B and C – still face trial"."""
    close = _CLOSING_DASH.search(text, start, _region_end(text, start, limit))
    end = close.start() if close else limit
    return _parse_list(text, start, end, partial=False, names_only=names_only, base=0.8, close="—")


# "one from the ruling party and one independent": each item opens with "one" (or
# "another", "the other"); "one of whom" describes, it does not enumerate.
_ONE_ITEM = lazy_compile(r"(?:one|another|the other)\b(?!\s+of\b)(?!-)", re.I)
_ONE_SEPARATOR = lazy_compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?=(?:one|another|the other)\b)", re.I)


_ONE_DESCRIBED = lazy_compile(
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
_PART_DESCRIBED = lazy_compile(
    r"(?:(?:the\s+other|another)\s+)?"
    rf"{_NUMBER}\s+(?:"
    r"(?:from|in|at|on|with|without|by|for|who|which|that|aged|near|inside|outside|under|over)\b"
    r"|(?P<participle>[a-z][\w-]*(?:ed|ing))\b(?!-))",
    re.I,
)
_WORD_AFTER = lazy_compile(r"\s+([a-z][\w'’-]*)")
_PART_SEPARATOR = lazy_compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")


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

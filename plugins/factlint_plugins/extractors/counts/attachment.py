"""Which list a count introduces: after a colon, a bracket, a dash or a comma, after
"including" or "namely", in the sentence that follows ("They are: ..."), as the
bullets below it, or named again later by the same noun.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from factlint import Block, Document
from factlint_plugins._patterns import lazy_compile

from ..._english import number_words
from .appositions import _ALL_OF_THEM, _SPACED_DASH, _dash_list, _full_names, _one_list, _parts_list
from .lexicon import (
    _AGENT_ENDINGS,
    _CLAUSE_OPENERS,
    _EXACT_MARKERS,
    _INTRO_GENERIC,
    _IRREGULAR_PLURALS,
    _KIN,
    _NAMED_BY_OF,
    _PARTIAL_MARKERS,
    _PEOPLE,
    _is_plural,
)
from .lists import (
    _FIRST_WORD,
    _item_text,
    _List,
    _looks_like_clause,
    _parse_list,
    _region_end,
    _strip,
    _top_level_commas,
)
from .scan import _Count


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

# The opening of a sentence that sets out the things the sentence before counted:
# "They are:", "The victims were", "Among them were", "Namely,".
_INTRO = lazy_compile(
    r"(?P<subj>They|These|Those|Th(?:e|ose|ese)\s+(?P<np>(?:[\w'’-]+\s+){0,3}?(?P<head>[\w'’-]+)))"
    r"\s+(?P<verb>(?:have\s+been|had\s+been|were|are)\s+(?:named|identified)(?:\s+as)?"
    r"|are|were|include|included|includes)\b\s*(?P<colon>:)?\s*"
    r"|(?P<among>Among\s+(?:them|those|these|the\s+[\w'’-]+)\s+(?:are|were))\b\s*:?\s*"
    r"|(?P<namely>Namely|Specifically|They are as follows)\s*[,:]\s*"
)

# Words before a count that take some of the things it counts: "two of the" three
# countries, "both of its".
_SUBSET_BEFORE = lazy_compile(
    rf"(?:\d|\b(?:{'|'.join(number_words(10)[1:])}|both|all|none|each|most|some|"
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
_ITEM_GLOSS_START = lazy_compile(r"(?<!\s)\s+[—–-]\s+|:\s|\.\s|\n")
_TRAILING_CONJ = lazy_compile(r"(?<!\s)(?:\s*(?:;|,)?\s*(?:and|or))$")


def _bullets(
    document: Document, blocks: list[Block], first: int, *, base: float, partial: bool = False
) -> _List | None:
    """The items of the bulleted list starting at ``blocks[first]``."""
    text = document.text
    group = blocks[first].group
    items: list[tuple[int, int, str]] = []
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
        if (
            head != count.noun.lower()
            and head not in _INTRO_GENERIC
            and not _said_of(head, text, block.start, count, at)
        ):
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
_AGED_NAMES = lazy_compile(
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
_NAMES_BEFORE_NOUN = lazy_compile(
    rf"\b(?:(?:[Ee]ach|[Aa]ll|[Bb]oth)\s+of\s+)?[Tt]he\s+(?P<items>{_NAMES_RUN})[ \t]+(?P<noun>[a-z][a-z-]+)\b(?!-)"
)
# "the schools in Leeds, York and Hull": at least one of the things in each place.
_NOUN_IN_PLACES = lazy_compile(rf"\b[Tt]he\s+(?P<noun>[a-z][a-z-]+)\s+(?:in|at)[ \t]+(?P<items>{_NAMES_RUN})")
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
            end = m.end("items") if pattern is _NAMES_BEFORE_NOUN else _region_end(text, m.start("items"), len(text))
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
_LIST_HEADING = lazy_compile(r"\s*(?:the\s+)?(?P<noun>[a-z][a-z-]+)\s*:?\s*$", re.I)


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

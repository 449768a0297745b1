"""The extractor: where each acronym is spelled out, and where it is used."""

from __future__ import annotations

import re
from collections.abc import Iterator

from factlint import ClaimSet, Document, Extractor

from .claims import AcronymDefinition, AcronymUse

__all__ = ["AcronymExtractor", "long_form"]

# Two capitals or more (an ampersand inside, as in S&P), an optional plural "s".
# Not inside a dotted form ("U.S.") or a designation ("MQ-9", "F-16", "COVID-19").
_TOKEN = re.compile(r"(?<![\w&.’'/@#])([A-Z][A-Z&]*[A-Z])(s)?(?![\w&]|\.[A-Za-z]|-\d| \d)")
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# "Words (ACR)", with "known as" and the like allowed inside the parentheses.
_PAREN_ACRONYM = re.compile(
    r"\(\s*(?:(?:also |commonly |hereafter |henceforth )?(?:known as|called|or)\s+)?(?:the\s+)?"
    r"([A-Z][A-Z&]*[A-Z])s?\s*[),;]"
)
# "ACR (Words)"
_ACRONYM_PAREN = re.compile(r"([A-Z][A-Z&]*[A-Z])s?\s+\(([^()\n]{3,120})\)")
_CLAUSE_START = re.compile(r"[.;:!?\n(,\"“”—–]")
_WORD = re.compile(r"[\w&'’-]+")
# Ordinary words set in capitals for emphasis ("high quality AND comprehensive").
_EMPHASIS = {
    "AND", "THE", "NOT", "ALL", "BUT", "YES", "NOW", "NEW", "FREE", "STOP", "HELP", "NEVER", "ONLY",
    "VERY", "MUST", "WILL", "CAN", "HUGE", "UNLESS", "EVER", "ANY", "NOTE", "WARNING", "UPDATE",
}
_CALENDAR = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
}
# Minor words an expansion may skip when its initials spell the acronym.
_MINOR = {"of", "the", "for", "and", "in", "on", "at", "to", "de", "du", "des", "la", "le", "el", "al", "y", "&"}


def long_form(short: str, candidate: str) -> str | None:
    """The end of ``candidate`` that ``short`` abbreviates, or None.

    Each letter of the acronym, right to left, must be found in the candidate in
    order, and the first one at the start of a word (the method of Schwartz and
    Hearst, 2003), so "Public Committee Against Torture in Israel" gives "PCATI"
    and "COronaVIrus Disease" gives "COVID".
    """
    s, i = len(short) - 1, len(candidate) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while i >= 0 and (candidate[i].lower() != c or (s == 0 and i > 0 and candidate[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    start = max(candidate.rfind(" ", 0, i + 1), candidate.rfind("-", 0, i + 1)) + 1
    found = candidate[start:].strip()
    words = _WORD.findall(found)
    # Every major word should stand for a letter; a long tail of unused words means
    # the letters were picked out of ordinary prose.
    if len([w for w in words if w.lower() not in _MINOR]) > len(short.replace("&", "")) + 1:
        return None
    return found or None


def _spells(acronym: str, words: list[str]) -> bool:
    """Whether the words' initials spell ``acronym``: every major word gives its
    first letter, a minor word ("of", "the") may or may not ("ECOWAS")."""
    letters = acronym.replace("&", "")
    ends: set[int] = {0}
    for w in words:
        minor = w.lower() in _MINOR or not w[0].isalpha()
        nxt = {i + 1 for i in ends if i < len(letters) and w[0].upper() == letters[i]}
        ends = nxt | ends if minor else nxt
        if not ends:
            return False
    return len(letters) in ends


def _shouting(text: str, at: int) -> bool:
    """True when the line around ``at`` is mostly capitals (a headline or a slogan)."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = [w for w in re.findall(r"[A-Za-z]{2,}", text[start : end if end >= 0 else len(text)])]
    upper = sum(1 for w in words if w.isupper())
    return upper >= 3 and upper >= 0.6 * len(words)


def _after_name(text: str, at: int) -> bool:
    """True when the word before ``at`` is a capitalised word inside a sentence
    ("Sunderland AFC", "Dplus KIA") or another acronym ("CMA CGM"): the acronym is
    part of a name."""
    window = text[max(0, at - 60) : at]
    m = re.search(r"(\S+) $", window)
    if m is None:
        return False
    word = m.group(1)
    if re.fullmatch(r"[A-Z][A-Z&]*[A-Z]", word):
        return True
    if not re.fullmatch(r"[A-Z][a-z][\w&]*", word) or word in _CALENDAR:
        return False
    lead = window[: m.start()].rstrip()
    return not (lead == "" or lead.endswith((".", "!", "?", ":", "-", "–", "\n")))


class AcronymExtractor(Extractor):
    """Finds acronym definitions (``acronym.definition``) and uses (``acronym.use``)."""

    name = "acronyms"
    produces = frozenset({"acronym.definition", "acronym.use"})

    def extract(self, document: Document, claims: ClaimSet) -> Iterator[AcronymDefinition | AcronymUse]:
        """Yield every definition, then every use not inside a definition."""
        text = document.text
        taken: list[tuple[int, int]] = []
        explicit: set[str] = set()
        n = 0
        for d in self._definitions(document):
            n += 1
            taken.append((d.span.start, d.span.end))
            explicit.add(d.acronym)
            yield d.model_copy(update={"id": f"acronym-def-{n}"})
        used: set[str] = set()
        uses: list[AcronymUse] = []
        for m in _TOKEN.finditer(text):
            acronym = m.group(1)
            if any(a <= m.start() < b for a, b in taken) or _ROMAN.fullmatch(acronym) or acronym in _EMPHASIS:
                continue
            if _shouting(text, m.start()):
                continue
            block = document.block_at(m.start())
            after = re.match(r" ([A-Z][\w&]*)", text[m.end() : m.end() + 40])
            in_name = bool(after and after.group(1) not in _CALENDAR and after.group(1) != "I") or _after_name(
                text, m.start()
            ) or text[m.end() : m.end() + 1] in ("-", "–") or text[m.start() - 1 : m.start()] in ("-", "–")
            n += 1
            used.add(acronym)
            uses.append(
                AcronymUse(
                    id=f"acronym-use-{n}",
                    text=m.group(0),
                    span=document.span(m.start(), m.end()),
                    acronym=acronym,
                    heading=block is not None and block.kind == "heading",
                    in_name=in_name,
                )
            )
        yield from uses
        yield from self._implicit(document, used - explicit, n)

    def _definitions(self, document: Document) -> Iterator[AcronymDefinition]:
        text = document.text
        for m in _PAREN_ACRONYM.finditer(text):
            acronym = m.group(1)
            if _ROMAN.fullmatch(acronym):
                continue
            clause = max((c.end() for c in _CLAUSE_START.finditer(text, 0, m.start())), default=0)
            before = text[clause : m.start()].rstrip()
            limit = min(len(acronym) + 5, 2 * len(acronym))
            words = list(_WORD.finditer(before))[-limit:]
            candidate = before[words[0].start() :] if words else ""
            found = long_form(acronym, candidate) if candidate else None
            if found is not None:
                start = clause + len(before) - len(found)
                matched = True
            else:
                # A translation or nickname ("Doctors Without Borders (MSF)"): still a
                # definition for the reader, but not one to compare letters with.
                caps = re.search(r"(?:[A-Z][\w&'’-]*\s+(?:(?:of|the|for|and|de|in)\s+)*)*[A-Z][\w&'’-]*$", before)
                if caps is None:
                    yield self._claim(document, m.start(1), m.end(1), acronym, None, None, False, "expansion-first")
                    continue
                start, found, matched = clause + caps.start(), caps.group(), False
            yield self._claim(document, m.start(1), m.end(1), acronym, start, start + len(found), matched, "expansion-first")
        for m in _ACRONYM_PAREN.finditer(text):
            acronym, inside = m.group(1), m.group(2).strip()
            if _ROMAN.fullmatch(acronym):
                continue
            if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "&.-"):
                continue
            found = long_form(acronym, inside)
            matched = found is not None and found == inside
            # "CEI (Italian Episcopal Conference)": a translated name still tells the
            # reader what it is; "RSF (Sudan)" or "CPI (Maoist)" is only a gloss.
            named = re.fullmatch(r"[A-Z][\w'’-]*(?:\s+(?:of|the|for|and|de|in|on)?\s*[A-Z][\w'’-]*)+", inside)
            if not (matched and len(_WORD.findall(inside)) >= 2) and named is None:
                continue
            start = m.start(2) + m.group(2).index(inside)
            yield self._claim(document, m.start(1), m.start(1) + len(acronym), acronym, start, start + len(inside), matched, "acronym-first")

    def _implicit(self, document: Document, acronyms: set[str], n: int) -> Iterator[AcronymDefinition]:
        """Runs of capitalised words whose initials spell a used acronym: the article
        names the thing in full somewhere, even if not next to the acronym."""
        if not acronyms:
            return
        text = document.text
        run = re.compile(r"[A-Z][\w&'’-]*(?:\s+(?:(?:of|the|for|and|de|in|on|la|al)\s+)*[A-Z][\w&'’-]*)+")
        for m in run.finditer(text):
            words = list(re.finditer(r"\S+", m.group()))
            # Any stretch of the run may be the name: "the new Rapid Support Forces
            # Commander" holds "Rapid Support Forces".
            for i in range(len(words)):
                if words[i].group().lower() in _MINOR:
                    continue
                for j in range(len(words), i + 1, -1):
                    phrase_words = [w.group() for w in words[i:j]]
                    letters = next((a for a in sorted(acronyms) if _spells(a, phrase_words)), None)
                    if letters is not None:
                        start = m.start() + words[i].start()
                        phrase = text[start : m.start() + words[j - 1].end()]
                        n += 1
                        yield AcronymDefinition(
                            id=f"acronym-def-{n}",
                            text=phrase,
                            span=document.span(start, start + len(phrase)),
                            acronym=letters,
                            expansion=phrase,
                            expansion_span=document.span(start, start + len(phrase)),
                            matched=True,
                            style="implicit",
                        )

    @staticmethod
    def _claim(document: Document, a: int, b: int, acronym: str, es: int | None, ee: int | None,
               matched: bool, style: str) -> AcronymDefinition:
        expansion_span = document.span(es, ee) if es is not None and ee is not None else None
        return AcronymDefinition(
            id="acronym-def",
            text=document.text[a:b],
            span=document.span(a, b),
            acronym=acronym,
            expansion=document.text[es:ee] if expansion_span is not None else None,
            expansion_span=expansion_span,
            matched=matched,
            style=style,  # type: ignore[arg-type]
        )

"""fact/event: a recorded event told as not having happened, or dated wrongly."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import factlint
from factlint_plugins._patterns import lazy_compile

from ..sources.align import document_sentences
from ._common import facts_of, format_day, period_text, published_period, sentence_periods

__all__ = ["EventRule"]

# Words that, shortly before the action, deny it happened or put it in the future.
_NEGATIONS = frozenset({"not", "never", "n't", "no"})
_FUTURE = frozenset({"will", "'ll", "shall"})
_AUXILIARIES = frozenset("do does did has have had is are was were will would can could".split())
_FUTURE_PHRASES = lazy_compile(
    r"\b(?:(?:has|have|had)\s+yet\s+to|yet\s+to|is\s+(?:yet\s+)?to|are\s+to|plans?\s+to|planning\s+to|"
    r"(?:is|are)\s+(?:expected|set|due|going|poised|preparing|likely)\s+to|intends?\s+to|aims?\s+to)\s+$",
    re.IGNORECASE,
)
# Tenses that set the denial in a past the sentence speaks of: "had not yet opened".
_PAST_PERFECT = lazy_compile(r"\bhad\b", re.IGNORECASE)
_WORD = lazy_compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# The words that may stand between the denial and the action: "did not officially announce".
_GAP = 3


def _forms(lemma: str) -> frozenset[str]:
    """Inflections and nouns of an action: announce, announces, announced,
    announcing, announcement."""
    lemma = lemma.lower()
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    ends = "es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s"
    past = lemma + "d" if lemma.endswith("e") else lemma + "ed"
    return frozenset({lemma, lemma + ends, past, stem + "ing", lemma + "ment", lemma + "ments"})


@dataclass(frozen=True)
class _Claim:
    """Where a sentence tells of an event."""

    event: Any
    sentence: tuple[int, int]
    action: tuple[int, int]
    end: int
    cue: tuple[int, int] | None
    """The denial or future before the action, if any."""
    perfect: bool


class EventRule(factlint.Rule[factlint.NoOptions]):
    """Flags a recorded event told as not having happened, or dated wrongly.

    ## What it flags

    A sentence that names an event of the reference facts (an actor, an action, the
    object acted on and, when the record has one, its scope, all in the one
    sentence) and either says it has not happened ("did not announce", "has yet to
    open", "will launch") in an article published after the recorded day, or dates
    it to a period that does not hold that day ("announced in February 2021" for 3
    March 2021). The message quotes the record's day and source.

    A denial set in an earlier past with "had" ("by then it had not opened one") is
    left alone; one the sentence dates before the event ("In February 2021 ... did
    not announce") is flagged with less confidence, since it was true then but no
    longer when the article appeared.

    ## Why it matters

    An article that says something has not happened, when it has, misinforms the
    reader about the state of affairs; wrong dates of well-documented events are
    checkable and embarrassing.

    ## Example

    ```
    ---
    published: 2022-12
    ---
    The International Criminal Court declared its jurisdiction over the occupied
    Palestinian territories but did not announce the launch of an investigation.
    ```

    (With a facts file recording that the Prosecutor announced the opening of the
    investigation in the situation in Palestine on 3 March 2021.)

    ## Use instead

    ```
    The International Criminal Court declared its jurisdiction over the occupied
    Palestinian territories in February 2021, and its Prosecutor announced the
    opening of an investigation on 3 March 2021.
    ```

    ## Fix safety

    No fix: the sentence needs rewriting, not a word changed.

    ## Options

    None. The events come from ``--facts`` files and ``facts`` in the configuration.
    """

    id = "fact/event"
    summary = "A recorded event told as not having happened, or dated wrongly."
    severity = factlint.Severity.WARNING
    requires = frozenset({"entity", "date"})

    def check(self, context: factlint.CheckContext) -> Iterator[factlint.Finding]:
        facts = facts_of(context)
        published = published_period(context)
        text = context.document.text
        mentions = [c for c in context.claims.of_kind("entity", factlint.EntityClaim)
                    if isinstance(c, factlint.EntityClaim)]
        reported: set[tuple[int, int]] = set()
        for sentence in document_sentences(context.document):
            names = {m.name for m in mentions if sentence[0] <= m.span.start and m.span.end <= sentence[1]}
            events = {e.id: e for name in sorted(names) for e in facts.events_for_actor(name)}
            for event in events.values():
                claim = _told(text, sentence, event)
                if claim is None or sentence in reported:
                    continue
                finding = self._judge(context, claim, published)
                if finding is not None:
                    reported.add(sentence)
                    yield finding

    def _judge(
        self, context: factlint.CheckContext, claim: _Claim, published: tuple[dt.date, dt.date] | None
    ) -> factlint.Finding | None:
        event = claim.event
        day: dt.date = event.date
        record = f"{_describe(event)} on {format_day(day)} (source: {event.source})"
        dated = sentence_periods(context, claim.sentence)
        if claim.cue is not None:
            if claim.perfect or published is None or published[0] <= day:
                return None
            if event.valid_through is not None and published[0] > event.valid_through:
                return None
            span = context.document.span(claim.cue[0], claim.end)
            earlier = [c for p, c in dated if p[1] < day]
            if earlier:
                when = context.document.text[earlier[0].span.start : earlier[0].span.end]
                message = (
                    f'True of "{when}", but not when the article was published ({period_text(published)}): '
                    f"the record has {record}. Say that it has happened since."
                )
                confidence = 0.6
            else:
                message = (
                    f"This says it has not happened, but the record has {record}, before the article was "
                    f"published ({period_text(published)})."
                )
                confidence = 0.8
            return context.finding(span, message, confidence=confidence)
        wrong = [(p, c) for p, c in dated if not p[0] <= day <= p[1] and c.anchor == "absolute"]
        if not wrong or len(wrong) != len(dated):
            return None
        _, date_claim = wrong[0]
        span = date_claim.span
        written = context.document.text[span.start : span.end]
        message = f'"{written}" does not hold the day of this event: the record has {record}.'
        return context.finding(span, message, confidence=0.75)


def _describe(event: Any) -> str:
    """An event as its record gives it: "icc-palestine-investigation-opened
    (International Criminal Court: announce investigation, Palestine)"."""
    actor = event.actors[0] if event.actors else ""
    what = " ".join(x for x in (event.actions[:1] + event.objects[:1]))
    scope = f", {event.scope[0]}" if event.scope else ""
    return f"{event.id} ({actor}: {what}{scope})"


def _words(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(m.group().lower().replace("’", "'"), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def _told(text: str, sentence: tuple[int, int], event: Any) -> _Claim | None:
    """Where ``sentence`` tells of ``event`` (action, object and scope all there), or None."""
    words = _words(text, *sentence)
    lower = [w for w, _, _ in words]
    actions = frozenset().union(*(_forms(a) for a in event.actions)) if event.actions else frozenset()
    objects = [o.lower().split() for o in event.objects]
    if not actions or not any(_has_phrase(lower, o) for o in objects):
        return None
    if event.scope and not any(_in_scope(lower, s) for s in event.scope):
        return None
    hits = [i for i, w in enumerate(lower) if w in actions]
    if not hits:
        return None
    last_object = max((j for o in objects for j in _phrase_ends(lower, o)), default=-1)
    for i in hits:
        cue = _cue(text, words, i, sentence[0])
        if cue is not None:
            end = words[last_object][2] if last_object > i else words[i][2]
            perfect = bool(_PAST_PERFECT.search(text, max(sentence[0], cue[0] - 12), cue[1]))
            return _Claim(event, sentence, (words[i][1], words[i][2]), end, cue, perfect)
    i = hits[0]
    return _Claim(event, sentence, (words[i][1], words[i][2]), words[i][2], None, False)


def _cue(text: str, words: list[tuple[str, int, int]], i: int, floor: int) -> tuple[int, int] | None:
    """The denial or future marker at most :data:`_GAP` words before action ``i``, in the
    same clause: "did not (officially) announce", "will open", "has yet to launch"."""
    for k in range(i - 1, max(-1, i - 2 - _GAP), -1):
        word, start, end = words[k]
        between = text[end : words[i][1]]
        if "," in between or ";" in between:
            break
        if word in _NEGATIONS or word.endswith("n't") or word in _FUTURE:
            if word in _NEGATIONS and k > 0 and words[k - 1][0] in _AUXILIARIES:
                start = words[k - 1][1]  # "did not", "has not": the whole verb
            return start, end
    m = _FUTURE_PHRASES.search(text, max(floor, words[i][1] - 40), words[i][1])
    return (m.start(), m.end()) if m is not None else None


def _has_phrase(words: list[str], phrase: list[str]) -> bool:
    return bool(_phrase_ends(words, phrase))


def _phrase_ends(words: list[str], phrase: list[str]) -> list[int]:
    """Indexes of the last word of each occurrence of ``phrase`` (a plural "s" allowed
    on its last word)."""
    n = len(phrase)
    out = []
    for i in range(len(words) - n + 1):
        head, last = words[i : i + n - 1], words[i + n - 1]
        if head == phrase[:-1] and last in (phrase[-1], phrase[-1] + "s", phrase[-1] + "es"):
            out.append(i + n - 1)
    return out


def _in_scope(words: list[str], scope: str) -> bool:
    """Whether every content word of ``scope`` starts a word of the sentence, allowing
    another ending ("Palestine" in "Palestinian")."""
    content = [w for w in re.findall(r"[a-z]+", scope.lower()) if len(w) >= 4 and w not in ("situation", "with")]
    if not content:
        return True
    for word in content:
        stem = word[: max(5, len(word) - 2)]
        if not any(w.startswith(stem) for w in words):
            return False
    return True

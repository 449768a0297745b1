"""The rules: ``acronym/undefined`` and ``acronym/redefined``."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from factlint import CheckContext, Edit, Finding, Fix, Rule, Severity

from .claims import AcronymDefinition, AcronymUse
from .known import BUILT_IN_KNOWN

__all__ = ["AcronymRedefined", "AcronymUndefined", "UndefinedOptions"]


class UndefinedOptions(BaseModel):
    """Options of ``acronym/undefined``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    known: tuple[str, ...] = Field(
        (), description="Acronyms your readers know without an expansion, added to the built-in list."
    )
    built_in_known: bool = Field(True, description="Use the built-in list of well-known acronyms (NATO, FBI, COVID ...).")
    min_length: int = Field(3, ge=2, description="Ignore acronyms shorter than this (two-letter forms are rarely obscure).")


def _definitions(context: CheckContext) -> dict[str, list[AcronymDefinition]]:
    out: dict[str, list[AcronymDefinition]] = {}
    for claim in context.claims.of_kind("acronym.definition"):
        if isinstance(claim, AcronymDefinition):
            out.setdefault(claim.acronym, []).append(claim)
    return out


class AcronymUndefined(Rule):
    """An acronym used before it is spelled out, or never spelled out at all.

    ## What it flags

    The first use of an acronym ("PCATI said ...") when the article spells it out
    only further down, or nowhere. An article spells an acronym out with "Public
    Committee Against Torture in Israel (PCATI)", "PCATI (Public Committee Against
    Torture in Israel)", or by naming the group in full anywhere in the text.

    Acronyms readers know better than their expansions (NATO, FBI, COVID, UNICEF,
    CEO, BBC and about 150 more), forms shorter than three letters (US, UK, EU, UN),
    Roman numerals, designations such as "MQ-9", acronyms that open a longer name
    ("CMA CGM"), headings and all-capital lines are never flagged.

    ## Why it matters

    A reader who meets "PCATI" with no explanation has to guess, or stops reading.
    When the expansion comes later, it arrives after the reader needed it, usually
    because paragraphs were moved in editing.

    ## Example

    ```
    PCATI said the law was unjust. The Public Committee Against Torture in Israel
    (PCATI) has opposed it since 2019.
    ```

    ## Use instead

    ```
    The Public Committee Against Torture in Israel (PCATI) said the law was unjust.
    PCATI has opposed it since 2019.
    ```

    ## Fix safety

    No fix is offered: moving an expansion means rewriting two sentences. When the
    article spells the acronym out later, the suggestion is that expansion.

    ## Options

    - `known` (list of strings, default empty): acronyms your readers know, added to
      the built-in list (a sports desk might add "EFL" and "WTA").
    - `built_in_known` (bool, default true): set to false to check every acronym.
    - `min_length` (int, default 3): ignore acronyms shorter than this.
    """

    id = "acronym/undefined"
    summary = "An acronym used before it is spelled out, or never spelled out."
    severity = Severity.WARNING
    requires = frozenset({"acronym.definition", "acronym.use"})
    Options = UndefinedOptions
    fix_safety = None

    def check(self, context: CheckContext) -> Iterator[Finding]:
        """Flag the first use of each acronym not spelled out before it."""
        options: UndefinedOptions = self.options  # type: ignore[assignment]
        known = {k.upper() for k in options.known}
        if options.built_in_known:
            known |= BUILT_IN_KNOWN
        definitions = _definitions(context)
        seen: set[str] = set()
        for use in context.claims.of_kind("acronym.use"):
            if not isinstance(use, AcronymUse) or use.acronym in seen:
                continue
            acronym = use.acronym
            if use.heading or use.in_name or len(acronym.replace("&", "")) < options.min_length:
                continue
            seen.add(acronym)
            if acronym in known:
                continue
            found = definitions.get(acronym, [])
            explicit = [d for d in found if d.style != "implicit"]
            if explicit:
                first = explicit[0]
                if first.span.start < use.span.start:
                    continue
                related = [context.related(first.span, "spelled out here")]
                if first.expansion_span is not None:
                    related.insert(0, context.related(first.expansion_span, "the expansion"))
                yield context.finding(
                    use.span,
                    f'"{acronym}" is used before it is spelled out further down.',
                    related=related,
                    suggestion=f"{first.expansion} ({acronym})" if first.expansion else None,
                    confidence=0.9,
                )
            elif not found:
                yield context.finding(
                    use.span,
                    f'"{acronym}" is never spelled out; give its full name the first time it is used.',
                    confidence=0.6,
                )


def _normalise(expansion: str) -> str:
    words = re.findall(r"[a-z0-9]+", expansion.lower().replace("&", " and "))
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


class AcronymRedefined(Rule):
    """An acronym spelled out two different ways in one article.

    ## What it flags

    A second expansion of an acronym that disagrees with the first: "Rapid Support
    Forces (RSF)" in the lead and "Rapid Security Forces (RSF)" further down. Only
    expansions whose letters spell the acronym are compared, so a translation
    ("Doctors Without Borders (MSF)") is never set against the original name.
    Expansions that differ only in capitals, "the", punctuation or a small
    spelling variant ("Organisation"/"Organization") are not flagged.

    ## Why it matters

    Two expansions mean one of them is wrong, or that the acronym stands for two
    things in one article; either way the reader cannot tell which is meant.

    ## Example

    ```
    The Rapid Support Forces (RSF) took the town. Later, the Rapid Security Forces
    (RSF) withdrew.
    ```

    ## Use instead

    ```
    The Rapid Support Forces (RSF) took the town. Later, the RSF withdrew.
    ```

    ## Fix safety

    The fix replaces the second expansion with the first, and is unsafe: the first
    may be the wrong one, and only the reporter knows.

    ## Options

    None.
    """

    id = "acronym/redefined"
    summary = "An acronym spelled out two different ways in one article."
    severity = Severity.WARNING
    requires = frozenset({"acronym.definition"})
    fix_safety = "unsafe"

    def check(self, context: CheckContext) -> Iterator[Finding]:
        """Compare each later expansion of an acronym with its first one."""
        for acronym, found in _definitions(context).items():
            spelled = [d for d in found if d.style != "implicit" and d.matched and d.expansion_span is not None]
            if len(spelled) < 2:
                continue
            first = spelled[0]
            for later in spelled[1:]:
                a, b = _normalise(first.expansion or ""), _normalise(later.expansion or "")
                if a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.9:
                    continue
                assert later.expansion_span is not None and first.expansion_span is not None
                yield context.finding(
                    later.expansion_span,
                    f'"{acronym}" is spelled out as "{later.expansion}" here but as "{first.expansion}" earlier.',
                    related=[context.related(first.expansion_span, "the first expansion")],
                    suggestion=first.expansion,
                    fix=Fix(
                        description=f"Replace with {first.expansion!r}",
                        edits=(Edit(span=later.expansion_span, replacement=first.expansion or ""),),
                        safety="unsafe",
                    ),
                    confidence=0.9,
                )

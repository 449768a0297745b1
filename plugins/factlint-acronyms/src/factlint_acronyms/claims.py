"""The claim kinds this plugin adds: where an acronym is spelled out, and where it is used."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from factlint import ClaimBase, Span

__all__ = ["AcronymDefinition", "AcronymUse"]


class AcronymDefinition(ClaimBase):
    """An acronym introduced with its expansion: "Public Committee Against Torture
    in Israel (PCATI)" or "PCATI (Public Committee Against Torture in Israel)".

    ``span`` is the acronym; ``expansion_span`` the words spelling it out.
    """

    kind: Literal["acronym.definition"] = "acronym.definition"
    acronym: str = Field(description="The acronym, singular, as written ('PCATI').")
    expansion: str | None = Field(None, description="The words it stands for, as written.")
    expansion_span: Span | None = Field(None, description="Where the expansion is.")
    matched: bool = Field(
        False, description="True when the expansion's letters spell the acronym (not a translation or a nickname)."
    )
    style: Literal["expansion-first", "acronym-first", "implicit"] = Field(
        "expansion-first",
        description="expansion-first: 'Words (ACR)'; acronym-first: 'ACR (Words)'; implicit: the "
        "words appear in the article without the acronym next to them.",
    )


class AcronymUse(ClaimBase):
    """An acronym used in the prose ("PCATI said ..."), not where it is defined."""

    kind: Literal["acronym.use"] = "acronym.use"
    acronym: str = Field(description="The acronym, singular ('NGO' for 'NGOs').")
    heading: bool = Field(False, description="True in a heading, where house style often allows bare acronyms.")
    in_name: bool = Field(
        False, description="True when it opens a longer proper name ('CMA CGM', 'AFC Bournemouth')."
    )

"""The data that flows through factlint: documents, claims, findings and reports.

Every model is a frozen pydantic model that rejects unknown fields, so a plugin can
pass them around freely and a claims file with a typo in a key is an error, not a
silently ignored value.

    path/bytes --load--> Document --extract--> [Claim] --check--> [Finding] --> Report
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any, ClassVar, Literal, TypeVar, overload

from pydantic import BaseModel, ConfigDict, Field, SerializeAsAny, model_serializer, model_validator

__all__ = [
    "Block",
    "Claim",
    "ClaimBase",
    "ClaimSet",
    "CountClaim",
    "CountItem",
    "DateClaim",
    "Document",
    "Edit",
    "EntityClaim",
    "Finding",
    "Fix",
    "InputError",
    "InputFormat",
    "Metadata",
    "Model",
    "PublishedDate",
    "Related",
    "Report",
    "RuleInfo",
    "Severity",
    "Source",
    "SourceDocument",
    "SourceMap",
    "Span",
    "Summary",
    "TemporalRelationClaim",
]


class Model(BaseModel):
    """Base of every factlint model: immutable, and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Severity(str, Enum):  # noqa: UP042 (a StrEnum would print differently to plugins)
    """How serious a finding is. Ordered: info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error: for comparisons such as ``--fail-on``."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Span(Model):
    """A stretch of a document.

    ``start`` and ``end`` are character offsets into :attr:`Document.text` (end
    exclusive). ``line``/``column`` and ``end_line``/``end_column`` are the 1-based
    position of the same stretch in the *source file* (``end_column`` is the column
    just past the last character, as in SARIF). A claims file may omit the positions;
    its loader fills them in.
    """

    start: int = Field(ge=0, description="Offset of the first character in the document text.")
    end: int = Field(ge=0, description="Offset just past the last character in the document text.")
    line: int = Field(0, ge=0, description="1-based source line of the first character.")
    column: int = Field(0, ge=0, description="1-based source column of the first character.")
    end_line: int = Field(0, ge=0, description="1-based source line of the last character.")
    end_column: int = Field(0, ge=0, description="1-based source column just past the last character.")

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


class SourceMap(Model):
    """Maps offsets in :attr:`Document.text` back to offsets in the source file.

    ``breakpoints`` is a sorted list of ``(text_offset, source_offset)`` pairs: from
    each breakpoint on, text and source advance together until the next one. An
    empty list means the text and the source line up character for character (the
    Markdown and plain-text loaders mask markup with spaces to keep it that way).
    ``line_starts`` holds the source offset at which each source line begins.
    """

    line_starts: tuple[int, ...] = (0,)
    breakpoints: tuple[tuple[int, int], ...] = ()

    @classmethod
    def for_source(cls, source: str, breakpoints: tuple[tuple[int, int], ...] = ()) -> SourceMap:
        """Build the map of ``source``, with optional text-to-source breakpoints."""
        starts = [0]
        starts.extend(m.end() for m in _NEWLINE.finditer(source))
        return cls(line_starts=tuple(starts), breakpoints=breakpoints)

    def to_source(self, offset: int) -> int:
        """The source offset of document-text ``offset``."""
        if not self.breakpoints:
            return offset
        i = bisect.bisect_right(self.breakpoints, (offset, float("inf"))) - 1
        if i < 0:
            return offset
        text_at, source_at = self.breakpoints[i]
        return source_at + (offset - text_at)

    def position(self, source_offset: int) -> tuple[int, int]:
        """The 1-based ``(line, column)`` of a source offset."""
        i = bisect.bisect_right(self.line_starts, source_offset) - 1
        return i + 1, source_offset - self.line_starts[i] + 1


_NEWLINE = re.compile(r"\r\n|\r|\n")


class Block(Model):
    """A block of prose in the document: a paragraph, heading, list item or quote.

    Extractors use blocks to know where a paragraph ends and which lines form one
    bulleted list: list items of one list share a ``group``.
    """

    kind: Literal["paragraph", "heading", "list_item", "quote", "table_cell", "other"] = Field(
        description="What sort of block this is."
    )
    start: int = Field(ge=0, description="Offset of the block's first character in the text.")
    end: int = Field(ge=0, description="Offset just past the block's last character.")
    group: int | None = Field(None, description="List items of one list share this number.")


_PUBLISHED = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


class PublishedDate(Model):
    """The publication date of an article, with its precision.

    Written as ``2022-12-05`` (day), ``2022-12`` (month) or ``2022`` (year); a claims
    file or front matter may give it in any of those forms.
    """

    value: _dt.date = Field(description="The first day of the period the article was published in.")
    precision: Literal["day", "month", "year"] = Field(description="How much of the date is known.")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, data: Any) -> Any:
        if isinstance(data, _dt.datetime):
            return {"value": data.date(), "precision": "day"}
        if isinstance(data, _dt.date):
            return {"value": data, "precision": "day"}
        if isinstance(data, int) and not isinstance(data, bool):
            data = str(data)
        if isinstance(data, str):
            return cls._parse_parts(data)
        return data

    @staticmethod
    def _parse_parts(text: str) -> dict[str, Any]:
        m = _PUBLISHED.match(text)
        if not m:
            raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
        year, month, day = m.group(1), m.group(2), m.group(3)
        try:
            value = _dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError as exc:
            raise ValueError(f"{text!r} is not a real date: {exc}") from None
        precision = "day" if day else "month" if month else "year"
        return {"value": value, "precision": precision}

    @classmethod
    def parse(cls, text: str) -> PublishedDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raises ``ValueError`` otherwise."""
        return cls.model_validate(cls._parse_parts(text))

    @property
    def last_day(self) -> _dt.date:
        """The last day of the period (the same day for day precision)."""
        v = self.value
        if self.precision == "day":
            return v
        if self.precision == "month":
            nxt = _dt.date(v.year + (v.month == 12), v.month % 12 + 1, 1)
            return nxt - _dt.timedelta(days=1)
        return _dt.date(v.year, 12, 31)

    def __str__(self) -> str:
        v = self.value
        if self.precision == "day":
            return v.isoformat()
        if self.precision == "month":
            return f"{v.year:04d}-{v.month:02d}"
        return f"{v.year:04d}"

    @model_serializer(mode="plain")
    def _serialize(self) -> str:
        return str(self)

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict[str, Any]:
        # Written and read as a string, whatever the model looks like inside.
        return {
            "type": "string",
            "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$",
            "description": "A date with its precision: YYYY, YYYY-MM or YYYY-MM-DD.",
        }


class Metadata(Model):
    """What is known about a document besides its text."""

    title: str | None = Field(None, description="The headline, if known.")
    published: PublishedDate | None = Field(
        None, description="Publication date (YYYY, YYYY-MM or YYYY-MM-DD)."
    )
    language: str = Field("en", description="BCP 47 language tag of the text.")
    extra: dict[str, Any] = Field(
        default_factory=dict, description="Other front-matter keys, kept for plugins."
    )


class Document(Model):
    """One article, as the loaders hand it to extractors and rules.

    ``text`` is the prose: markup, code blocks and front matter are not part of it
    (the Markdown loader blanks them out with spaces so offsets stay put; the HTML
    loader drops tags and decodes entities and records where in ``source_map``).
    """

    path: str = Field(description="Where the document came from, as given on the command line.")
    format: str = Field(description="The loader's format name: markdown, html, text, claims, ...")
    text: str = Field(description="The prose of the document.")
    source: str = Field(description="The source file's text, for quoting flagged spans.")
    metadata: Metadata = Field(default_factory=Metadata, description="Title, publication date, language.")
    blocks: tuple[Block, ...] = Field((), description="Paragraphs, headings and list items, in order.")
    source_map: SourceMap = Field(
        default_factory=SourceMap, description="Maps text offsets to source lines and columns."
    )
    comments: tuple[tuple[int, int], ...] = Field(
        (),
        description="Source offsets (start, end) of the format's comments, such as HTML comments in "
        "Markdown and HTML; not those shown inside code. Inline suppressions are read from these only.",
    )
    claims: tuple[SerializeAsAny[ClaimBase], ...] | None = Field(
        None,
        description="Claims the source brings with it (a claims file). When set, the extractors do not "
        "run and the rules check these.",
    )

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        path: str = "<text>",
        published: str | PublishedDate | None = None,
        title: str | None = None,
        blocks: tuple[Block, ...] | None = None,
    ) -> Document:
        """A plain-text document whose text is its source: handy for tests and plugins.

        Paragraphs are split at blank lines unless ``blocks`` are given.
        """
        if blocks is None:
            blocks = tuple(
                Block(kind="paragraph", start=m.start(), end=m.end())
                for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text)
            )
        pub = PublishedDate.model_validate(published) if published is not None else None
        return cls(
            path=path,
            format="text",
            text=text,
            source=text,
            metadata=Metadata(title=title, published=pub),
            blocks=blocks,
            source_map=SourceMap.for_source(text),
        )

    def source_offset(self, offset: int) -> int:
        """The source-file offset of a text offset."""
        return self.source_map.to_source(offset)

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` for ``text[start:end]`` with its source line and column."""
        s = self.source_map.to_source(start)
        e = self.source_map.to_source(end) if end > start else s
        line, col = self.source_map.position(s)
        if e > s:
            end_line, last_col = self.source_map.position(e - 1)
            end_col = last_col + 1
        else:
            end_line, end_col = line, col
        return Span(start=start, end=end, line=line, column=col, end_line=end_line, end_column=end_col)

    def source_text(self, span: Span) -> str:
        """The source text under ``span``, markup included."""
        return self.source[self.source_map.to_source(span.start) : self.source_map.to_source(span.end)]

    def block_at(self, offset: int) -> Block | None:
        """The block containing ``offset``, if any."""
        starts = [b.start for b in self.blocks]
        i = bisect.bisect_right(starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None


# --------------------------------------------------------------------------- claims


class ClaimBase(Model):
    """What every claim has. A plugin adds a claim kind by subclassing this with a
    namespaced ``kind`` literal (``acme.quote``)."""

    kind: str = Field(description="The claim kind: entity, count, date, temporal-relation, or a plugin's.")
    id: str = Field(description="Unique within the document; other claims refer to it by this id.")
    text: str = Field(description="The words of the claim as they appear in the document.")
    span: Span = Field(description="Where the claim is.")
    confidence: float = Field(1.0, ge=0, le=1, description="How sure the extractor is (0 to 1).")


EntityType = Literal["person", "organization", "place", "other"]


class EntityClaim(ClaimBase):
    """A mention of a named person, organization or place."""

    kind: Literal["entity"] = "entity"
    name: str = Field(description="The name as written, without a leading 'the' or trailing possessive.")
    entity_type: EntityType = Field("other", description="person, organization, place or other.")


class CountItem(Model):
    """One item of an enumerated list that a count introduces."""

    text: str = Field(description="The item as written, without its parenthetical gloss.")
    span: Span = Field(description="Where the item is.")
    quantity: int = Field(
        1,
        ge=0,
        description="How many of the counted things the item stands for: 1 for a named thing, "
        "2 for 'two men' in 'three people: two men and a woman'. A list's total is the sum.",
    )


CountQualifier = Literal["exact", "at_least", "more_than", "at_most", "fewer_than", "about"]


class CountClaim(ClaimBase):
    """A stated number of things ("10 organizations", "a dozen groups") and the list it
    introduces, if any."""

    kind: Literal["count"] = "count"
    value: int = Field(ge=0, description="The number stated.")
    noun: str | None = Field(None, description="What is counted, as written ('organizations').")
    qualifier: CountQualifier = Field("exact", description="exact, at_least, more_than, at_most, fewer_than or about.")
    partial: bool = Field(
        False, description="True when the list is only some of them ('including', 'such as', 'among them')."
    )
    items: tuple[CountItem, ...] = Field((), description="The enumerated items, in order.")
    list_span: Span | None = Field(None, description="Where the enumerated list is, if there is one.")


Granularity = Literal["day", "week", "month", "season", "quarter", "year", "decade", "century"]
Anchor = Literal["absolute", "publication", "claim"]


class RelativeShift(Model):
    """What a relative date counts from its anchor, as data: "last week" is the week
    before the publication week (``unit="week", offset=-1``), "three years ago" three
    years back (``unit="year", offset=-3, counted=True``), "last March" the latest March
    before it (``unit="month", offset=-1, month=3``)."""

    unit: Literal["day", "weekday", "week", "weekend", "month", "season", "year", "century"] = Field(
        description="What is counted: days, weeks, weekends, months, seasons, years or centuries; "
        "'weekday', a season, or a month with `month` set counts the occurrences of the one named "
        "(the weekday is the claim's `weekday`)."
    )
    offset: int | None = Field(
        None,
        description="How many units from the anchor's own: -1 for 'yesterday' and 'last week', 0 for "
        "'this month', 1 for 'next year', -3 for 'three days ago'. None when the tense or a preposition "
        "picks the nearest one ('on Monday', 'in March').",
    )
    anchor: Literal["publication", "claim"] = Field(
        "publication",
        description="What it counts from: the publication date, or a date of the story told before "
        "('the next Tuesday').",
    )
    counted: bool = Field(
        False,
        description="True for a number of units counted back or ahead ('three years ago', 'in two "
        "weeks'), which writers round; False for a period named outright ('last year').",
    )
    month: int | None = Field(
        None, ge=1, le=12, description="The month named (1 = January): 'last March', 'November last year'."
    )


class DateClaim(ClaimBase):
    """A temporal expression resolved to an interval of days (``start`` to ``end``,
    both inclusive)."""

    kind: Literal["date"] = "date"
    start: _dt.date | None = Field(None, description="First day of the interval (None if unresolved).")
    end: _dt.date | None = Field(None, description="Last day of the interval, inclusive.")
    granularity: Granularity = Field("day", description="day, week, month, season, quarter, year, decade or century.")
    anchor: Anchor = Field(
        "absolute",
        description="absolute (a calendar date), publication (relative to the publication date) "
        "or claim (relative to another date claim).",
    )
    relative: str | None = Field(
        None, description="The relative expression, normalised ('yesterday', 'this month', 'last week')."
    )
    shift: RelativeShift | None = Field(
        None,
        description="What the relative expression counts, as data; None for an absolute date, and where "
        "the words leave the count open ('this past month': this month or the last).",
    )
    weekday: int | None = Field(
        None, ge=0, le=6, description="A weekday named with the date (0 = Monday), if any."
    )
    weekday_span: Span | None = Field(None, description="Where the weekday is named.")
    apposition: _dt.date | None = Field(
        None,
        description="For 'earlier this month (December)': the first day of the period named in apposition.",
    )
    apposition_granularity: Granularity | None = Field(None, description="Granularity of the apposition.")
    apposition_span: Span | None = Field(None, description="Where the apposition is.")
    year_explicit: bool = Field(True, description="False when the year was inferred ('Dec. 5').")


class TemporalRelationClaim(ClaimBase):
    """An explicit ordering between two dated events: ``subject`` comes ``relation``
    ``object`` ("the letter was sent *after* the speech")."""

    kind: Literal["temporal-relation"] = "temporal-relation"
    relation: Literal["before", "after", "since"] = Field(description="before, after or since.")
    cue: str = Field(description="The words that state the order ('in the wake of', 'following').")
    subject: str = Field(description="Id of the date claim of the event being placed.")
    object: str = Field(description="Id of the date claim it is placed against.")


Claim = Annotated[
    EntityClaim | CountClaim | DateClaim | TemporalRelationClaim,
    Field(discriminator="kind"),
]
"""A built-in claim, told apart by its ``kind``."""


# ------------------------------------------------------------------------- findings


class Related(Model):
    """Another place a finding involves: the other spelling, the items counted."""

    span: Span = Field(description="Where it is.")
    message: str = Field(description="Why it is related, in a few words.")
    text: str = Field("", description="The source text there.")
    path: str | None = Field(None, description="The other document, when it is not the finding's own.")


class Edit(Model):
    """Replace the text under ``span`` with ``replacement``."""

    span: Span = Field(description="What to replace.")
    replacement: str = Field(description="What to put there.")


class Fix(Model):
    """Text edits that resolve a finding."""

    description: str = Field(description="What the fix does, e.g. \"Replace with 'Torat Tzedek'\".")
    edits: tuple[Edit, ...] = Field(description="The edits, applied together.")
    safety: Literal["safe", "unsafe"] = Field(
        "unsafe", description="safe: cannot change meaning; unsafe: a person should look first."
    )


class Finding(Model):
    """Something a rule flags."""

    rule: str = Field(description="The rule id, family/name.")
    severity: Severity = Field(description="error, warning or info.")
    message: str = Field(description="What is wrong, in plain newsroom English.")
    path: str = Field(description="The document's path.")
    span: Span = Field(description="The flagged place.")
    text: str = Field("", description="The flagged source text.")
    related: tuple[Related, ...] = Field((), description="Every other place involved.")
    suggestion: str | None = Field(None, description="What to write instead, if there is one answer.")
    fix: Fix | None = Field(None, description="Edits that apply the suggestion.")
    confidence: float = Field(1.0, ge=0, le=1, description="How sure the rule is, 0 to 1.")
    fingerprint: str = Field("", description="Stable id that survives edits elsewhere in the file.")
    plugin: str = Field("", description="The plugin that raised it.")

    def json_data(self) -> dict[str, Any]:
        """This finding as the versioned JSON report writes it (``--format json``,
        the server's ``/v1/check``)."""
        fix = None
        if self.fix is not None:
            fix = {
                "description": self.fix.description,
                "safety": self.fix.safety,
                "edits": [{**_span_data(e.span), "replacement": e.replacement} for e in self.fix.edits],
            }
        return {
            "path": self.path,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            **_span_data(self.span),
            "text": self.text,
            "suggestion": self.suggestion,
            "confidence": self.confidence,
            "related": [
                {"path": r.path or self.path, **_span_data(r.span), "text": r.text, "message": r.message}
                for r in self.related
            ],
            "fix": fix,
            "plugin": self.plugin,
            "fingerprint": self.fingerprint,
        }


def _span_data(span: Span) -> dict[str, Any]:
    """The position fields every located thing carries in the JSON report."""
    return {
        "line": span.line,
        "column": span.column,
        "end_line": span.end_line,
        "end_column": span.end_column,
        "start": span.start,
        "end": span.end,
    }


class InputError(Model):
    """A file that could not be read or a usage problem: factlint's ``engine/input-error``."""

    path: str = Field(description="The file, or '<command line>'.")
    line: int | None = Field(None, description="1-based line of the problem, if known.")
    column: int | None = Field(None, description="1-based column of the problem, if known.")
    message: str = Field(description="What is wrong and what was expected.")

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class Summary(Model):
    """Totals for a run."""

    documents: int = 0
    findings: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    input_errors: int = 0
    plugin_errors: int = 0
    skipped: int = Field(0, description="Special files (FIFOs, devices, sockets) in checked folders, not opened.")


class Report(Model):
    """Everything a run found, in a deterministic order."""

    SCHEMA_VERSION: ClassVar[int] = 1

    findings: tuple[Finding, ...] = ()
    errors: tuple[InputError, ...] = ()
    documents: tuple[str, ...] = Field((), description="Paths of the documents checked.")
    summary: Summary = Field(default_factory=Summary)

    def by_rule(self, rule: str) -> list[Finding]:
        """The findings of one rule id."""
        return [f for f in self.findings if f.rule == rule]

    def json_data(self) -> dict[str, Any]:
        """The whole report as the versioned JSON document (``--format json``, the
        server's ``/v1/check``): ``schema_version``, findings, errors, summary."""
        return {
            "schema_version": self.SCHEMA_VERSION,
            "findings": [f.json_data() for f in self.findings],
            "errors": [
                {"path": e.path, "line": e.line, "column": e.column, "rule": "engine/input-error", "message": e.message}
                for e in self.errors
            ],
            "summary": self.summary.model_dump(),
        }


class RuleInfo(Model):
    """A rule's metadata, as ``factlint rules`` prints it."""

    id: str
    summary: str
    severity: Severity
    plugin: str
    requires: tuple[str, ...]
    fix: str | None = None
    explanation: str = ""


@dataclass(frozen=True)
class Source:
    """A file to check, read and decoded: what a loader receives."""

    path: str
    """The path as given (or found under a directory given)."""
    suffix: str
    """Lower-case extension with the dot: ``.md``."""
    text: str
    """The decoded text (UTF-8, a byte-order mark removed)."""
    digest: str = ""
    """Hash of the bytes read, to refuse writing fixes over a file changed since."""


class InputFormat(Model):
    """An input format a plugin reads, as its loader declares it.

    The engine finds files by these suffixes in the directories it is given (unless
    the config lists its own ``include`` globs), and the Python API and the server
    turn a format name into the suffix its loader answers to.
    """

    name: str = Field(description="What users call the format: markdown, html, text, claims, ...")
    suffixes: tuple[str, ...] = Field(
        description="Lower-case file suffixes with the dot, the usual one first: ('.md', '.markdown')."
    )
    prose: bool = Field(
        True,
        description="Whether its files are articles to read; False for a format of claims extracted "
        "elsewhere (claims files), which the test kit does not add as a loader of text.",
    )


C = TypeVar("C", bound=ClaimBase)


class ClaimSet(Sequence[ClaimBase]):
    """The claims extracted from one document, in document order."""

    def __init__(self, claims: Iterable[ClaimBase] = ()) -> None:
        self._claims = sorted(claims, key=lambda c: (c.span.start, c.span.end, c.kind, c.id))
        self._by_id = {c.id: c for c in self._claims}

    @overload
    def __getitem__(self, index: int) -> ClaimBase: ...
    @overload
    def __getitem__(self, index: slice) -> list[ClaimBase]: ...
    def __getitem__(self, index: int | slice) -> ClaimBase | list[ClaimBase]:
        return self._claims[index]

    def __len__(self) -> int:
        return len(self._claims)

    def __iter__(self) -> Iterator[ClaimBase]:
        return iter(self._claims)

    def of_kind(self, kind: str, cls: type[C] = ClaimBase) -> list[C]:  # type: ignore[assignment]
        """The claims of one kind, in document order."""
        return [c for c in self._claims if c.kind == kind]  # type: ignore[misc]

    def get(self, claim_id: str) -> ClaimBase | None:
        """The claim with this id, or None."""
        return self._by_id.get(claim_id)

    def kinds(self) -> set[str]:
        """Every kind present."""
        return {c.kind for c in self._claims}


@dataclass(frozen=True)
class SourceDocument:
    """A document an article was written from (the letter, the press release, the
    transcript), loaded and with its claims extracted, as rules see it in
    :attr:`factlint.rules.CheckContext.sources`."""

    document: Document
    """The source, loaded by the same loaders as articles; its own publication date
    (if its front matter has one) resolves its relative dates."""
    claims: ClaimSet
    """The claims the same extractors found in it."""


Document.model_rebuild()

"""Reference facts: who held which office when, when things happened, and how
well-known names are spelt, for the rules that check an article against them.

A newsroom keeps its facts in YAML or CSV files (``--facts``, ``facts = [...]`` in
the config); plugins ship theirs through ``factlint_register_fact_files``. Every file
is validated into the models below and compiled into one SQLite file in the user
cache folder, named after the files and rebuilt when any of them changes, so a run
whose facts did not change opens a ready index instead of reading them again.

Rules read the facts as ``ctx.facts``, a :class:`FactStore`; its lookups fold case
and diacritics, and :meth:`FactStore.names_near` finds the names one or two slips
away from a spelling through a partition index (see :func:`_segments`).
"""

from __future__ import annotations

import contextlib
import csv
import datetime
import hashlib
import io
import json
import os
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, ValidationError, ValidationInfo, field_validator

from .models import Model
from .reading import NotRead, files_digest, read_bounded

if TYPE_CHECKING:
    import sqlite3

__all__ = [
    "DatedEvent",
    "FactProblem",
    "FactStore",
    "KnownName",
    "OfficeTerm",
    "fold_name",
    "read_fact_files",
    "source_digest",
]

# The compiled file's layout; a cache written with another is rebuilt.
_SCHEMA = "factlint-facts-5"
_MAX_FACTS_BYTES = 512 * 1024 * 1024  # far past any newsroom's file: a bound, not a size
_INDEXED_DISTANCE = 2  # names_near finds every name this many edits away, or fewer
_PARTS = _INDEXED_DISTANCE + 1  # so that a near name keeps at least one part whole
# Names this short are filed by their deletion neighbourhood instead: cut into parts of
# a letter or two, they would match half the index.
_SHORT = 8
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
# Letters NFKD does not take apart, as a reader would spell them without the mark.
_UNMARKED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "æ": "ae",
                           "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th", "’": "'", "‘": "'", "ʼ": "'"})


def fold_name(text: str) -> str:
    """The form every lookup compares: diacritics dropped, case folded, runs of
    spaces made one (``"Recep Tayyip Erdoğan"`` -> ``"recep tayyip erdogan"``)."""
    if text.isascii():  # most names: nothing to take apart
        return " ".join(text.casefold().split())
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNMARKED))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


# ------------------------------------------------------------------ models


class _Fact(Model):
    source: str = Field(min_length=1, description="Where the fact comes from: a URL or a citation.")
    valid_through: datetime.date | None = Field(
        None, description="The last date the fact was checked to hold; past it, rules say nothing about it."
    )

    @field_validator("source")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("expected a URL or a citation, found an empty text")
        return value

    @field_validator("*", mode="before")
    @classmethod
    def _one_text_is_a_list(cls, value: Any, info: ValidationInfo) -> Any:
        # ``aliases: Vladivostoc`` means a list of one.
        if isinstance(value, str) and info.field_name in _LIST_FIELDS:
            return (value,)
        return value


class OfficeTerm(_Fact):
    """One person's term in one office."""

    person: str = Field(min_length=1, description="The office holder's name as usually written.")
    aliases: tuple[str, ...] = Field((), description="Other names of the person: surname, other spellings.")
    office: str = Field(
        min_length=1, description='The office\'s canonical name: "Prime Minister of the United Kingdom".'
    )
    titles: tuple[str, ...] = Field(
        (), description='Title forms an article may use: "Prime Minister", "British Prime Minister", "PM".'
    )
    jurisdiction: str = Field("", description='The country or body of the office: "United Kingdom".')
    start: datetime.date = Field(description="First day in office.")
    end: datetime.date | None = Field(None, description="Last day in office; None while the term goes on.")
    precision: Literal["day", "year"] = Field(
        "day", description="How exactly start and end are known: to the day, or only the year."
    )



class DatedEvent(_Fact):
    """Something that happened on a known day, and who did it."""

    id: str = Field(
        min_length=1, description="A name for the event, unique across the facts: icc-palestine-investigation."
    )
    actors: tuple[str, ...] = Field(
        min_length=1, description='Who did it, with every usual name: "the Prosecutor", "the ICC", "Fatou Bensouda".'
    )
    actions: tuple[str, ...] = Field(min_length=1, description='What they did, as verb lemmas: "announce", "open".')
    objects: tuple[str, ...] = Field((), description='What it was done to: "investigation".')
    scope: tuple[str, ...] = Field((), description='What it was about: "Palestine", "the situation in Palestine".')
    date: datetime.date = Field(description="The day it happened.")



class KnownName(_Fact):
    """A well-known name and its accepted spellings."""

    name: str = Field(min_length=1, description='The usual spelling: "Vladivostok", "Emmanuel Macron".')
    kind: Literal["place", "organisation", "person"] = Field(description="What the name names.")
    aliases: tuple[str, ...] = Field((), description="Other accepted spellings and short forms.")



_KINDS: dict[str, type[_Fact]] = {"office_terms": OfficeTerm, "events": DatedEvent, "names": KnownName}
_MODEL_KIND = {model: kind for kind, model in _KINDS.items()}
_DATE_FIELDS = {"start", "end", "date", "valid_through"}
_LIST_FIELDS = {"aliases", "titles", "actors", "actions", "objects", "scope"}


@dataclass(frozen=True)
class FactProblem:
    """Why one fact (or one file) was not used; ``str()`` gives the one line the
    command prints: ``facts.yaml:12: office_terms[3].start: expected a date
    YYYY-MM-DD, found 'March'``."""

    path: str
    line: int | None
    """Line of the YAML entry or field, or of the CSV row; None for the whole file."""
    field: str
    """Where in the file: ``office_terms[3].start``, ``row 4: start``; empty for the whole file."""
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


# ------------------------------------------------------------------ reading files


def source_digest(paths: Sequence[str | Path]) -> str:
    """One digest of the files' bytes (and of their order): what names a compiled
    store's contents. A file that cannot be read counts as its error."""
    return files_digest(paths, _SCHEMA, _MAX_FACTS_BYTES, "a facts file")


def _read_facts(path: Path) -> tuple[list[_Fact], list[FactProblem]]:
    """The valid facts of one file and a problem for each entry that is not."""
    name = str(path)
    if path.suffix.lower() in (".sqlite", ".db", ".sqlite3"):
        return _read_compiled(path)
    try:
        raw = read_bounded(path, _MAX_FACTS_BYTES, "a facts file")
    except NotRead as exc:
        return [], [FactProblem(name, None, "", f"cannot read facts: {exc}")]
    except OSError as exc:
        return [], [FactProblem(name, None, "", f"cannot read facts: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [FactProblem(name, None, "", f"facts file is not valid UTF-8 (byte {exc.start})")]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(name, text)
    if suffix in (".yaml", ".yml", ".json"):
        return _read_yaml(name, text)
    wanted = "expected a .yaml, .yml, .json, .csv or .sqlite file"
    return [], [FactProblem(name, None, "", f"{wanted}, found {suffix or 'no suffix'!r}")]


def _read_yaml(name: str, text: str) -> tuple[list[_Fact], list[FactProblem]]:
    import yaml

    try:
        data = yaml.load(text, Loader=_LineLoader)  # a bounded safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        return [], [FactProblem(name, line, "", f"not valid YAML: {problem}")]
    if data is None:
        return [], []
    if not isinstance(data, dict):
        return [], [FactProblem(name, 1, "", f"expected a mapping with {', '.join(_KINDS)}, found {_kind_of(data)}")]
    facts: list[_Fact] = []
    problems: list[FactProblem] = []
    defaults = {k: data[k] for k in ("source", "valid_through") if k in data}
    for key, value in data.items():
        line = _line_of(data, key)
        if key in ("source", "valid_through"):
            continue
        if key not in _KINDS:
            known = ", ".join([*_KINDS, "source", "valid_through"])
            problems.append(FactProblem(name, line, str(key), f"unknown key; expected one of {known}"))
            continue
        if value is None:
            continue
        if not isinstance(value, list):
            problems.append(FactProblem(name, line, str(key), f"expected a list of entries, found {_kind_of(value)}"))
            continue
        for index, entry in enumerate(value):
            where = f"{key}[{index}]"
            entry_line = getattr(entry, "line", line)
            if not isinstance(entry, dict):
                problems.append(FactProblem(name, entry_line, where, f"expected a mapping, found {_kind_of(entry)}"))
                continue
            located = lambda f, e=entry: _line_of(e, f)  # noqa: E731
            fact, problem = _validate(_KINDS[key], {**defaults, **entry}, name, where, located)
            if fact is not None:
                facts.append(fact)
            if problem is not None:
                problems.append(problem)
    return facts, problems


def _read_csv(name: str, text: str) -> tuple[list[_Fact], list[FactProblem]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    model = _csv_kind(header)
    if model is None:
        return [], [
            FactProblem(
                name, 1, "header",
                "expected the columns of office terms (person, office, start, source, ...), events "
                "(id, actors, actions, date, source, ...) or names (name, kind, source, ...), "
                f"found {', '.join(header) or 'none'}",
            )
        ]
    unknown = [h for h in header if h not in model.model_fields]
    if unknown:
        return [], [FactProblem(name, 1, "header", f"unknown column {unknown[0]!r} for {_MODEL_KIND[model]}; "
                                f"expected some of {', '.join(model.model_fields)}")]
    facts: list[_Fact] = []
    problems: list[FactProblem] = []
    for number, row in enumerate(reader, start=1):
        line = reader.line_num
        if None in row:
            problems.append(FactProblem(name, line, f"row {number}", f"expected {len(header)} columns, found more"))
            continue
        values: dict[str, Any] = {}
        for key, cell in row.items():
            cell = (cell or "").strip()
            if not cell:
                continue  # an empty cell: the field's default
            values[key] = tuple(p.strip() for p in cell.split("|") if p.strip()) if key in _LIST_FIELDS else cell
        fact, problem = _validate(model, values, name, f"row {number}", lambda _f, n=line: n)
        if fact is not None:
            facts.append(fact)
        if problem is not None:
            problems.append(problem)
    return facts, problems


def _csv_kind(header: list[str]) -> type[_Fact] | None:
    columns = set(header)
    if {"person", "office"} <= columns:
        return OfficeTerm
    if {"actors", "actions"} <= columns:
        return DatedEvent
    if {"name", "kind"} <= columns:
        return KnownName
    return None


def _read_compiled(path: Path) -> tuple[list[_Fact], list[FactProblem]]:
    """The facts of a compiled store (as ``factlint facts build --output`` writes)."""
    import sqlite3

    name = str(path)
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            rows = db.execute("SELECT id, kind, body FROM facts ORDER BY id").fetchall()
    except sqlite3.Error as exc:
        return [], [FactProblem(name, None, "", f"not a compiled facts file: {exc}")]
    facts: list[_Fact] = []
    problems: list[FactProblem] = []
    for row_id, kind, body in rows:
        model = _KINDS.get(kind)
        if model is None:
            problems.append(FactProblem(name, row_id, f"row {row_id}", f"unknown kind {kind!r}"))
            continue
        try:
            facts.append(model.model_validate_json(body))
        except ValidationError as exc:
            problems.append(FactProblem(name, row_id, f"row {row_id}", _message(exc.errors()[0])))
    return facts, problems


def _validate(
    model: type[_Fact], values: dict[str, Any], name: str, where: str, line_of: Any
) -> tuple[_Fact | None, FactProblem | None]:
    """One entry as its model, or the first thing wrong with it, with its line."""
    for key in _DATE_FIELDS & values.keys():
        value = values[key]
        if value is None and key in ("end", "valid_through"):
            continue
        # YAML reads 2021 as a number and pydantic would take it for a timestamp: only
        # a calendar date, or its YYYY-MM-DD text, is a date here.
        if isinstance(value, datetime.datetime) or not (
            isinstance(value, datetime.date) or (isinstance(value, str) and _DATE.match(value.strip()))
        ):
            found = f"expected a date YYYY-MM-DD, found {_shown(value)}"
            return None, FactProblem(name, line_of(key), f"{where}.{key}", found)
    try:
        fact = model.model_validate(dict(values))
    except ValidationError as exc:
        err = exc.errors()[0]
        field = str(err["loc"][0]) if err["loc"] else ""
        return None, FactProblem(name, line_of(field), f"{where}.{field}" if field else where, _message(err))
    if isinstance(fact, OfficeTerm) and fact.end is not None and fact.end < fact.start:
        found = f"expected a date on or after start ({fact.start}), found {fact.end}"
        return None, FactProblem(name, line_of("end"), f"{where}.end", found)
    return fact, None


def _message(err: Any) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return "required, but missing"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind.startswith("date"):
        return f"expected a date YYYY-MM-DD, found {_shown(value)}"
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"expected {expected}, found {_shown(value)}"
    if kind in ("too_short", "string_too_short"):
        return f"expected at least one value, found {_shown(value)}"
    return f"{err['msg'][0].lower()}{err['msg'][1:]}, found {_shown(value)}"


def _shown(value: Any) -> str:
    text = repr(value.isoformat() if isinstance(value, datetime.date) else value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind_of(value: Any) -> str:
    names: dict[type, str] = {dict: "a mapping", _Located: "a mapping", list: "a list", str: "a text"}
    return names.get(type(value), type(value).__name__)


def _line_of(mapping: Any, key: str) -> int | None:
    lines = getattr(mapping, "key_lines", {})
    return lines.get(key, getattr(mapping, "line", None))


class _Located(dict[Any, Any]):
    """A YAML mapping that remembers its line and each key's line."""

    line: int | None = None
    key_lines: dict[str, int]


def _line_loader() -> type:
    from .yaml_safety import BoundedSafeLoader

    class LineLoader(BoundedSafeLoader):
        def construct_located(self, node: Any) -> Iterator[_Located]:
            data = _Located()
            data.line = node.start_mark.line + 1
            data.key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
            yield data
            data.update(self.construct_mapping(node))

    LineLoader.add_constructor("tag:yaml.org,2002:map", LineLoader.construct_located)
    # Dates stay text until validated: PyYAML raises on 2021-02-30 with no place to report.
    LineLoader.add_constructor("tag:yaml.org,2002:timestamp", LineLoader.construct_scalar)
    return LineLoader


class _LazyLoader:
    """Builds the line-keeping loader class on first use (yaml imports are not free)."""

    cls: type | None = None

    def __call__(self, stream: str) -> Any:
        if _LazyLoader.cls is None:
            _LazyLoader.cls = _line_loader()
        return _LazyLoader.cls(stream)


_LineLoader: Any = _LazyLoader()


# ------------------------------------------------------------------ the index


def _segments(length: int) -> list[tuple[int, int]]:
    """``(start, size)`` of the :data:`_PARTS` parts a name of ``length`` characters
    is cut into.

    ``d`` edits (:data:`_INDEXED_DISTANCE`) can break at most ``d`` of the parts, so
    any spelling within ``d`` edits of a name still holds at least ``_PARTS - d`` of
    them whole, each moved by at most ``d`` places (the pigeonhole principle, as in
    Li et al.'s Pass-Join). Looking the parts up finds every such name and few
    others, which the edit distance then weeds out.
    """
    size, extra = divmod(length, _PARTS)
    out: list[tuple[int, int]] = []
    start = 0
    for i in range(_PARTS):
        n = size + (1 if i >= _PARTS - extra else 0)
        out.append((start, n))
        start += n
    return out


def _segment_keys(form: str) -> list[str]:
    """The keys filing one folded name longer than :data:`_SHORT`."""
    return [f"{len(form)}\x1f{i}\x1f{form[s:s + n]}" for i, (s, n) in enumerate(_segments(len(form)))]


def _probe_keys(query: str) -> set[str]:
    """Every key a name within :data:`_INDEXED_DISTANCE` edits of ``query`` may be
    filed under: for each length such a name can have, each of its parts at every
    place in ``query`` it can have moved to (no further than the edits before it
    and after it, given the difference in length, allow)."""
    keys: set[str] = set()
    d = _INDEXED_DISTANCE
    for length in range(max(_SHORT + 1, len(query) - d), len(query) + d + 1):
        delta = len(query) - length
        for i, (start, size) in enumerate(_segments(length)):
            low = max(start - d, start + delta - d, 0)
            high = min(start + d, start + delta + d, len(query) - size)
            for at in range(low, high + 1):
                keys.add(f"{length}\x1f{i}\x1f{query[at:at + size]}")
    return keys


def _deletions(form: str) -> set[str]:
    """``form`` with up to :data:`_INDEXED_DISTANCE` characters left out, each way.

    Two spellings within ``d`` edits of each other become one string after at most
    ``d`` deletions from each (a change is a deletion from both), so a short name is
    filed under every one of these and found through the query's own.
    """
    found = {form}
    edge = {form}
    for _ in range(_INDEXED_DISTANCE):
        edge = {text[:i] + text[i + 1:] for text in edge for i in range(len(text))}
        found |= edge
    return found


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance counting a swap of two neighbouring characters as one edit
    (optimal string alignment); anything past ``limit`` is reported as ``limit + 1``."""
    global _osa
    if _osa is None:
        from rapidfuzz.distance import OSA

        _osa = OSA.distance
    return int(_osa(a, b, score_cutoff=limit))


_osa: Any = None  # rapidfuzz's, imported on the first comparison


_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE facts (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE keys (what TEXT NOT NULL, key TEXT NOT NULL, fact INTEGER NOT NULL);
CREATE TABLE near (key TEXT, form TEXT, fact INTEGER, PRIMARY KEY (key, form, fact)) WITHOUT ROWID;
CREATE TABLE close (key TEXT, form TEXT, fact INTEGER, PRIMARY KEY (key, form, fact)) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX keys_by_key ON keys (what, key);
"""


def _compile(target: Path, facts: list[_Fact], problems: list[FactProblem], digest: str) -> None:
    """Write the store to ``target`` atomically: a temporary file beside it, renamed."""
    import sqlite3

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".facts-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as db:
            # A file renamed into place only once complete needs no journal to be safe.
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
            db.executescript(_TABLES)
            key_rows: list[tuple[str, str, int]] = []
            # Each index row holds the name it files, so a lookup reads one run of the
            # index per key and nothing else.
            near_rows: list[tuple[str, str, int]] = []
            close_rows: list[tuple[str, str, int]] = []
            fact_rows: list[tuple[int, str, str]] = []
            for fact_id, fact in enumerate(facts, 1):
                fact_rows.append((fact_id, _MODEL_KIND[type(fact)], fact.model_dump_json()))
                for what, text in _keys_of(fact):
                    key_rows.append((what, fold_name(text), fact_id))
                if isinstance(fact, KnownName):
                    for form in dict.fromkeys(fold_name(n) for n in (fact.name, *fact.aliases)):
                        if len(form) > _SHORT:
                            near_rows.extend((key, form, fact_id) for key in _segment_keys(form))
                        else:
                            close_rows.extend((key, form, fact_id) for key in _deletions(form))
            db.executemany("INSERT INTO facts VALUES (?, ?, ?)", fact_rows)
            db.executemany("INSERT INTO keys VALUES (?, ?, ?)", key_rows)
            # In key order: a table kept in its primary key's order fills fastest so.
            db.executemany("INSERT OR IGNORE INTO near VALUES (?, ?, ?)", sorted(near_rows))
            db.executemany("INSERT OR IGNORE INTO close VALUES (?, ?, ?)", sorted(close_rows))
            db.executescript(_INDEXES)
            meta = {
                "schema": _SCHEMA,
                "digest": digest,
                "problems": json.dumps([[p.path, p.line, p.field, p.message] for p in problems]),
            }
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            db.commit()
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _keys_of(fact: _Fact) -> Iterator[tuple[str, str]]:
    if isinstance(fact, OfficeTerm):
        for name in (fact.person, *fact.aliases):
            yield "person", name
        for title in (fact.office, *fact.titles):
            yield "title", title
    elif isinstance(fact, DatedEvent):
        for actor in fact.actors:
            yield "actor", actor
    elif isinstance(fact, KnownName):
        for name in (fact.name, *fact.aliases):
            yield "name", name


# ------------------------------------------------------------------ the store


_ANSWERS_KEPT = 65_536


class FactStore:
    """Reference facts, compiled and indexed; what rules see as ``ctx.facts``.

    Build one with :meth:`load` (files) or :meth:`empty`. Lookups fold case and
    diacritics, return facts in the order of their files, and are safe from many
    threads; a store passed to another process opens its files again there.
    """

    def __init__(self, paths: Sequence[Path] = ()) -> None:
        self._paths = tuple(paths)
        self._local = threading.local()
        self._parsed: dict[tuple[int, int], Any] = {}
        # Answers by (what, folded key): a store never changes, and rules ask the same
        # title or name again and again (every capitalised word before a name).
        self._answers: dict[tuple[str, str], tuple[Any, ...]] = {}

    # -------------------------------------------------------------- building

    @classmethod
    def empty(cls) -> FactStore:
        """A store that knows nothing: every lookup comes back empty."""
        return cls(())

    @classmethod
    def load(
        cls, paths: Sequence[str | Path], *, cache_dir: str | Path | None = None, rebuild: bool = False
    ) -> tuple[FactStore, list[FactProblem]]:
        """Read fact files (YAML, CSV, or compiled SQLite) into one store.

        A SQLite file compiled by this version (``factlint facts build --output``,
        as a plugin ships it) is used where it lies, first; every other file is
        compiled once into a store in ``cache_dir`` (default: ``facts`` in the user
        cache folder), reused until one of those files changes (or ``rebuild`` is
        true). Returns the store of every valid fact and one problem for each fact or
        file that was left out."""
        ready: list[Path] = []
        problems: list[FactProblem] = []
        rest: list[str | Path] = []
        for path in paths:
            recorded = _compiled_problems(Path(path))
            if recorded is None:
                rest.append(path)
            else:
                ready.append(Path(path))
                problems.extend(recorded)
        if not rest:
            return cls(ready), problems
        target = _cache_file(rest, cache_dir)
        digest = source_digest(rest)
        cached = None if rebuild else _cached_problems(target, digest)
        if cached is None:
            facts, cached = _read_all(rest)
            try:
                _compile(target, facts, cached, digest)
            except OSError:
                # The cache folder is not writable: a private temporary folder will do.
                target = _cache_file(rest, Path(tempfile.gettempdir()) / f"factlint-facts-{_user()}")
                _compile(target, facts, cached, digest)
        return cls([*ready, target]), problems + cached

    @classmethod
    def compile(cls, paths: Sequence[str | Path], output: str | Path) -> list[FactProblem]:
        """Write the valid facts of ``paths`` to ``output``, a SQLite file a plugin can
        ship and list in ``factlint_register_fact_files``; returns the problems."""
        facts, problems = _read_all(paths)
        _compile(Path(output), facts, problems, source_digest(paths))
        return problems

    @property
    def paths(self) -> tuple[Path, ...]:
        """The compiled SQLite files the store reads; empty for an empty store."""
        return self._paths

    # -------------------------------------------------------------- lookups

    def terms_for_person(self, name: str) -> list[OfficeTerm]:
        """The terms of the person named (by name or alias)."""
        return self._by_key("person", name)

    def terms_for_title(self, title: str) -> list[OfficeTerm]:
        """The terms of every office with this title form (or canonical office name)."""
        return self._by_key("title", title)

    def events_for_actor(self, name: str) -> list[DatedEvent]:
        """The events this actor (by any of its names) took part in."""
        return self._by_key("actor", name)

    def known_name(self, name: str) -> KnownName | None:
        """The known name spelt exactly so (after folding case and diacritics), or None."""
        found = self._by_key("name", name)
        return found[0] if found else None

    def names_near(self, name: str, *, max_distance: int = 2) -> list[KnownName]:
        """Known names within ``max_distance`` edits of ``name`` (an edit: a character
        added, dropped or changed, or two neighbours swapped), nearest first, leaving
        out names that ``name`` spells exactly. Every name within two edits that are
        not swaps is found, and so is one with a single swap; one with a swap and
        another edit may be missed."""
        query = fold_name(name)
        if not self._paths or not query or max_distance < 1:
            return []
        limit = min(max_distance, _INDEXED_DISTANCE)
        # Either way the keys are far fewer than SQLite's bound on parameters: at most
        # (2d + 1) lengths x parts x (2d + 1) places, or the deletions of a short text.
        parts = list(_probe_keys(query))
        deletions = list(_deletions(query)) if len(query) - _INDEXED_DISTANCE <= _SHORT else []
        best: dict[tuple[int, int], int] = {}
        exact: set[tuple[int, int]] = set()
        distances: dict[str, int] = {}
        for number, db in enumerate(self._dbs()):
            rows: list[tuple[str, int]] = []
            for table, keys in (("near", parts), ("close", deletions)):
                if keys:
                    marks = ",".join("?" * len(keys))
                    rows += db.execute(f"SELECT form, fact FROM {table} WHERE key IN ({marks})", keys).fetchall()
            for form, fact_id in rows:
                distance = distances.get(form)
                if distance is None:
                    distance = distances[form] = _distance(query, form, limit)
                key = (number, fact_id)
                if distance == 0:
                    exact.add(key)
                elif distance <= limit and distance < best.get(key, limit + 1):
                    best[key] = distance
        chosen = sorted((d, key) for key, d in best.items() if key not in exact)
        dbs = self._dbs()
        return [self._fact(number, dbs[number], fact_id) for _, (number, fact_id) in chosen]

    def coverage(self) -> list[tuple[str, int, datetime.date | None]]:
        """``(kind, count, valid through)`` for office_terms, events and names: how
        many facts of each kind there are, and the earliest ``valid_through`` among
        them (None when none of them has one)."""
        out: list[tuple[str, int, datetime.date | None]] = []
        for kind in _KINDS:
            count, through = 0, None
            for db in self._dbs():
                count += db.execute("SELECT count(*) FROM facts WHERE kind = ?", (kind,)).fetchone()[0]
                first = db.execute(
                    "SELECT min(json_extract(body, '$.valid_through')) FROM facts WHERE kind = ?", (kind,)
                ).fetchone()[0]
                if first and (through is None or first < through):
                    through = first
            out.append((kind, count, datetime.date.fromisoformat(through) if through else None))
        return out

    def __len__(self) -> int:
        """How many facts the store holds."""
        return sum(int(db.execute("SELECT count(*) FROM facts").fetchone()[0]) for db in self._dbs())

    def __iter__(self) -> Iterator[OfficeTerm | DatedEvent | KnownName]:
        """Every fact, in the order of their files."""
        for number, db in enumerate(self._dbs()):
            for (fact_id,) in db.execute("SELECT id FROM facts ORDER BY id").fetchall():
                yield self._fact(number, db, fact_id)

    # -------------------------------------------------------------- plumbing

    def _by_key(self, what: str, text: str) -> list[Any]:
        key = fold_name(text)
        known = self._answers.get((what, key))
        if known is not None:
            return list(known)
        found: list[Any] = []
        for number, db in enumerate(self._dbs()):
            rows = db.execute(
                "SELECT DISTINCT fact FROM keys WHERE what = ? AND key = ? ORDER BY fact", (what, key)
            ).fetchall()
            found.extend(self._fact(number, db, fact_id) for (fact_id,) in rows)
        if len(self._answers) >= _ANSWERS_KEPT:
            self._answers.clear()  # bounded: a long run over many articles starts afresh
        self._answers[what, key] = tuple(found)
        return found

    def _fact(self, number: int, db: sqlite3.Connection, fact_id: int) -> Any:
        fact = self._parsed.get((number, fact_id))
        if fact is None:
            kind, body = db.execute("SELECT kind, body FROM facts WHERE id = ?", (fact_id,)).fetchone()
            fact = self._parsed[number, fact_id] = _KINDS[kind].model_validate_json(body)
        return fact

    def _dbs(self) -> list[sqlite3.Connection]:
        """This thread's read-only connections (a process that inherited the store
        by fork opens its own: SQLite connections do not survive a fork)."""
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            import sqlite3

            local.dbs = [
                sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False) for path in self._paths
            ]
            local.pid = os.getpid()
        dbs: list[sqlite3.Connection] = local.dbs
        return dbs

    def __getstate__(self) -> dict[str, Any]:
        return {"paths": self._paths}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["paths"])  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"FactStore({', '.join(map(str, self._paths)) or 'empty'})"


def _compiled_problems(path: Path) -> list[FactProblem] | None:
    """The problems recorded in ``path`` if it is a store compiled by this version,
    to be read where it lies; None for any other file."""
    if path.suffix.lower() not in (".sqlite", ".db", ".sqlite3") or not path.is_file():
        return None
    return _cached_problems(path, None)


def read_fact_files(paths: Iterable[str | Path]) -> tuple[list[OfficeTerm | DatedEvent | KnownName], list[FactProblem]]:
    """Read and validate fact files without compiling them: the valid facts, in
    order, and one problem for each fact or file left out."""
    facts, problems = _read_all(paths)
    return [f for f in facts if isinstance(f, (OfficeTerm, DatedEvent, KnownName))], problems


def _read_all(paths: Iterable[str | Path]) -> tuple[list[_Fact], list[FactProblem]]:
    facts: list[_Fact] = []
    problems: list[FactProblem] = []
    seen_ids: dict[str, str] = {}
    for path in paths:
        found, bad = _read_facts(Path(path))
        problems.extend(bad)
        for fact in found:
            if isinstance(fact, DatedEvent):
                if fact.id in seen_ids:
                    problems.append(FactProblem(str(path), None, f"events: {fact.id}",
                                                f"id already used in {seen_ids[fact.id]}"))
                    continue
                seen_ids[fact.id] = str(path)
            facts.append(fact)
    return facts, problems


def _cache_file(paths: Sequence[str | Path], cache_dir: str | Path | None) -> Path:
    if cache_dir is None:
        from .cache import default_cache_dir

        cache_dir = default_cache_dir() / "facts"
    # Named after the files, not their contents: a changed file rebuilds the same
    # cache in place instead of leaving the old one behind.
    names = "\n".join(str(Path(p).resolve()) for p in paths)
    return Path(cache_dir) / f"{hashlib.sha256(names.encode()).hexdigest()[:24]}.sqlite"


def _cached_problems(target: Path, digest: str | None) -> list[FactProblem] | None:
    """The problems recorded in a usable store compiled from files of ``digest`` (None:
    whatever the files); None when there is no such store (missing, stale, or corrupt:
    a corrupt cache is deleted, a file of the user's only left alone)."""
    import sqlite3

    if not target.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as db:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            db.execute("SELECT id, kind, body FROM facts LIMIT 1").fetchall()
            db.execute("SELECT key, form, fact FROM near LIMIT 1").fetchall()
            db.execute("SELECT key, form, fact FROM close LIMIT 1").fetchall()
        if meta.get("schema") != _SCHEMA or (digest is not None and meta.get("digest") != digest):
            return None
        return [FactProblem(p, line, field, message) for p, line, field, message in json.loads(meta["problems"])]
    except (sqlite3.Error, KeyError, ValueError, TypeError):
        if digest is not None:
            with contextlib.suppress(OSError):
                target.unlink()
        return None


def _user() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid is not None else os.environ.get("USERNAME", "user")

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
from .reading import NotRead, read_bounded

if TYPE_CHECKING:
    import sqlite3

__all__ = [
    "DatedEvent",
    "FactProblem",
    "FactStore",
    "KnownName",
    "OfficeTerm",
    "fold_name",
    "source_digest",
]

# The compiled file's layout; a cache written with another is rebuilt.
_SCHEMA = "factlint-facts-1"
_MAX_FACTS_BYTES = 512 * 1024 * 1024  # far past any newsroom's file: a bound, not a size
_INDEXED_DISTANCE = 2  # names_near finds every name this many edits away, or fewer
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
# Letters NFKD does not take apart, as a reader would spell them without the mark.
_UNMARKED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "æ": "ae",
                           "Æ": "AE", "œ": "oe", "Œ": "OE", "ð": "d", "þ": "th", "’": "'", "‘": "'", "ʼ": "'"})


def fold_name(text: str) -> str:
    """The form every lookup compares: diacritics dropped, case folded, runs of
    spaces made one (``"Recep Tayyip Erdoğan"`` -> ``"recep tayyip erdogan"``)."""
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
    digest = hashlib.sha256(_SCHEMA.encode())
    for path in paths:
        digest.update(str(path).encode() + b"\0")
        try:
            digest.update(hashlib.sha256(Path(path).read_bytes()).digest())
        except OSError as exc:
            digest.update(f"unreadable: {exc.strerror}".encode())
    return digest.hexdigest()


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
    """``(start, size)`` of the parts a name of ``length`` characters is cut into.

    Any spelling within :data:`_INDEXED_DISTANCE` edits of a name keeps at least one
    of its ``_INDEXED_DISTANCE + 1`` parts whole, shifted by at most that many
    places (the pigeonhole principle): so looking the parts up finds every such
    name, and only a few others, which the edit distance then weeds out.
    """
    parts = _INDEXED_DISTANCE + 1
    size, extra = divmod(length, parts)
    out: list[tuple[int, int]] = []
    start = 0
    for i in range(parts):
        n = size + (1 if i >= parts - extra else 0)
        out.append((start, n))
        start += n
    return out


def _segment_keys(form: str) -> list[str]:
    if len(form) <= _INDEXED_DISTANCE:
        return [f"{len(form)}\x1f*"]  # too short to cut: found by length alone
    return [f"{len(form)}\x1f{i}\x1f{form[s:s + n]}" for i, (s, n) in enumerate(_segments(len(form)))]


def _probe_keys(query: str) -> set[str]:
    """Every key a name within :data:`_INDEXED_DISTANCE` edits of ``query`` is filed under."""
    keys: set[str] = set()
    d = _INDEXED_DISTANCE
    for length in range(max(1, len(query) - d), len(query) + d + 1):
        if length <= d:
            keys.add(f"{length}\x1f*")
            continue
        for i, (start, size) in enumerate(_segments(length)):
            for shift in range(-d, d + 1):
                at = start + shift
                if at >= 0 and at + size <= len(query):
                    keys.add(f"{length}\x1f{i}\x1f{query[at:at + size]}")
    return keys


def _distance(a: str, b: str, limit: int) -> int:
    """Edit distance counting a swap of two neighbouring characters as one edit;
    anything past ``limit`` is reported as ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE facts (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE keys (what TEXT NOT NULL, key TEXT NOT NULL, fact INTEGER NOT NULL);
CREATE TABLE forms (id INTEGER PRIMARY KEY, form TEXT NOT NULL, fact INTEGER NOT NULL);
CREATE TABLE near (key TEXT NOT NULL, form INTEGER NOT NULL);
"""
_INDEXES = """
CREATE INDEX keys_by_key ON keys (what, key);
CREATE INDEX near_by_key ON near (key);
"""


def _compile(target: Path, facts: list[_Fact], problems: list[FactProblem], digest: str) -> None:
    """Write the store to ``target`` atomically: a temporary file beside it, renamed."""
    import sqlite3

    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".facts-", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        with contextlib.closing(sqlite3.connect(tmp)) as db:
            db.executescript(_TABLES)
            key_rows: list[tuple[str, str, int]] = []
            form_rows: list[tuple[int, str, int]] = []
            near_rows: list[tuple[str, int]] = []
            fact_rows: list[tuple[int, str, str]] = []
            for fact_id, fact in enumerate(facts, 1):
                fact_rows.append((fact_id, _MODEL_KIND[type(fact)], fact.model_dump_json()))
                for what, text in _keys_of(fact):
                    key_rows.append((what, fold_name(text), fact_id))
                if isinstance(fact, KnownName):
                    for form in dict.fromkeys(fold_name(n) for n in (fact.name, *fact.aliases)):
                        form_id = len(form_rows) + 1
                        form_rows.append((form_id, form, fact_id))
                        near_rows.extend((key, form_id) for key in _segment_keys(form))
            db.executemany("INSERT INTO facts VALUES (?, ?, ?)", fact_rows)
            db.executemany("INSERT INTO keys VALUES (?, ?, ?)", key_rows)
            db.executemany("INSERT INTO forms VALUES (?, ?, ?)", form_rows)
            db.executemany("INSERT INTO near VALUES (?, ?)", near_rows)
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


class FactStore:
    """Reference facts, compiled and indexed; what rules see as ``ctx.facts``.

    Build one with :meth:`load` (files) or :meth:`empty`. Lookups fold case and
    diacritics, return facts in the order of their files, and are safe from many
    threads; a store passed to another process opens its file again there.
    """

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._local = threading.local()
        self._parsed: dict[int, Any] = {}

    # -------------------------------------------------------------- building

    @classmethod
    def empty(cls) -> FactStore:
        """A store that knows nothing: every lookup comes back empty."""
        return cls(None)

    @classmethod
    def load(
        cls, paths: Sequence[str | Path], *, cache_dir: str | Path | None = None
    ) -> tuple[FactStore, list[FactProblem]]:
        """Read fact files (YAML, CSV, or compiled SQLite), compiled once into a store
        in ``cache_dir`` (default: ``facts`` in the user cache folder) and reused
        until one of the files changes. Returns the store of every valid fact and one
        problem for each fact or file that was left out."""
        if not paths:
            return cls.empty(), []
        target = _cache_file(paths, cache_dir)
        digest = source_digest(paths)
        problems = _cached_problems(target, digest)
        if problems is None:
            facts, problems = _read_all(paths)
            try:
                _compile(target, facts, problems, digest)
            except OSError:
                # The cache folder is not writable: a private temporary folder will do.
                target = _cache_file(paths, Path(tempfile.gettempdir()) / f"factlint-facts-{_user()}")
                _compile(target, facts, problems, digest)
        return cls(target), problems

    @classmethod
    def compile(cls, paths: Sequence[str | Path], output: str | Path) -> list[FactProblem]:
        """Write the valid facts of ``paths`` to ``output``, a SQLite file a plugin can
        ship and list in ``factlint_register_fact_files``; returns the problems."""
        facts, problems = _read_all(paths)
        _compile(Path(output), facts, problems, source_digest(paths))
        return problems

    @property
    def path(self) -> Path | None:
        """The compiled SQLite file; None for an empty store."""
        return self._path

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
        not swaps is found; one with a swap and another edit may be missed."""
        db = self._db()
        query = fold_name(name)
        if db is None or not query or max_distance < 1:
            return []
        limit = min(max_distance, _INDEXED_DISTANCE)
        keys = list(_probe_keys(query))
        rows: list[tuple[str, int]] = []
        for chunk in range(0, len(keys), 500):  # under SQLite's bound on parameters
            part = keys[chunk:chunk + 500]
            rows += db.execute(
                "SELECT DISTINCT forms.form, forms.fact FROM near JOIN forms ON forms.id = near.form "
                f"WHERE near.key IN ({','.join('?' * len(part))})",
                part,
            ).fetchall()
        best: dict[int, int] = {}
        exact: set[int] = set()
        for form, fact_id in rows:
            distance = _distance(query, form, limit)
            if distance == 0:
                exact.add(fact_id)
            elif distance <= limit and distance < best.get(fact_id, limit + 1):
                best[fact_id] = distance
        chosen = sorted((d, i) for i, d in best.items() if i not in exact)
        return [self._fact(db, i) for _, i in chosen]

    def coverage(self) -> list[tuple[str, int, datetime.date | None]]:
        """``(kind, count, valid through)`` for office_terms, events and names: how
        many facts of each kind there are, and the earliest ``valid_through`` among
        them (None when none of them has one)."""
        db = self._db()
        out: list[tuple[str, int, datetime.date | None]] = []
        for kind in _KINDS:
            count, through = 0, None
            if db is not None:
                count = db.execute("SELECT count(*) FROM facts WHERE kind = ?", (kind,)).fetchone()[0]
                through = db.execute(
                    "SELECT min(json_extract(body, '$.valid_through')) FROM facts WHERE kind = ?", (kind,)
                ).fetchone()[0]
            out.append((kind, count, datetime.date.fromisoformat(through) if through else None))
        return out

    def __len__(self) -> int:
        """How many facts the store holds."""
        db = self._db()
        return 0 if db is None else int(db.execute("SELECT count(*) FROM facts").fetchone()[0])

    def __iter__(self) -> Iterator[OfficeTerm | DatedEvent | KnownName]:
        """Every fact, in the order of their files."""
        db = self._db()
        if db is None:
            return
        for (fact_id,) in db.execute("SELECT id FROM facts ORDER BY id").fetchall():
            yield self._fact(db, fact_id)

    # -------------------------------------------------------------- plumbing

    def _by_key(self, what: str, text: str) -> list[Any]:
        db = self._db()
        if db is None:
            return []
        rows = db.execute(
            "SELECT DISTINCT fact FROM keys WHERE what = ? AND key = ? ORDER BY fact", (what, fold_name(text))
        ).fetchall()
        return [self._fact(db, fact_id) for (fact_id,) in rows]

    def _fact(self, db: sqlite3.Connection, fact_id: int) -> Any:
        fact = self._parsed.get(fact_id)
        if fact is None:
            kind, body = db.execute("SELECT kind, body FROM facts WHERE id = ?", (fact_id,)).fetchone()
            fact = self._parsed[fact_id] = _KINDS[kind].model_validate_json(body)
        return fact

    def _db(self) -> sqlite3.Connection | None:
        """This thread's read-only connection (a process that inherited the store
        by fork opens its own: SQLite connections do not survive a fork)."""
        if self._path is None:
            return None
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            import sqlite3

            local.db = sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False)
            local.pid = os.getpid()
        db: sqlite3.Connection = local.db
        return db

    def __getstate__(self) -> dict[str, Any]:
        return {"path": self._path}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"FactStore({str(self._path) if self._path else 'empty'})"


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


def _cached_problems(target: Path, digest: str) -> list[FactProblem] | None:
    """The problems recorded in a usable cache for ``digest``; None when there is no
    such cache (missing, stale, or corrupt: a corrupt one is deleted)."""
    import sqlite3

    if not target.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{target}?mode=ro", uri=True)) as db:
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            db.execute("SELECT id, kind, body FROM facts LIMIT 1").fetchall()
            db.execute("SELECT key, form FROM near LIMIT 1").fetchall()
        if meta.get("schema") != _SCHEMA or meta.get("digest") != digest:
            return None
        return [FactProblem(p, line, field, message) for p, line, field, message in json.loads(meta["problems"])]
    except (sqlite3.Error, KeyError, ValueError, TypeError):
        with contextlib.suppress(OSError):
            target.unlink()
        return None


def _user() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid is not None else os.environ.get("USERNAME", "user")

"""The newsroom's reference list of entities: canonical names, aliases, spellings to avoid.

A registry file is YAML or CSV. YAML is a list of entries (or a mapping with an
``entities`` list)::

    - canonical: Torat Tzedek
      type: organization
      aliases: [Torat Tzedek – Torah of Justice]
      avoid: [Tora Tzedek, Turat Zedek]

CSV has the columns ``canonical,type,aliases,avoid``, lists separated by ``;``.
Several files merge in order; an entry named twice is an error naming both files.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, ValidationError, field_validator

from .models import EntityType, Model
from .reading import NotRead, read_bounded
from .yaml_safety import BoundedSafeLoader

__all__ = ["Registry", "RegistryEntry", "RegistryError", "as_registry", "load_registries", "load_registry"]

# A run of digits longer than Python converts to an integer (sys.get_int_max_str_digits).
_LONG_DIGITS = re.compile(rf"\d{{{sys.get_int_max_str_digits() + 1},}}")


class RegistryError(ValueError):
    """A registry file that cannot be read; the message names the file and the place."""

    def __init__(self, message: str, *, path: str = "", line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        return f"{where}: {self.message}" if where else self.message


class RegistryEntry(Model):
    """One entity the newsroom knows."""

    canonical: str = Field(min_length=1, description="The name as the house writes it.")
    type: EntityType = Field("organization", description="person, organization, place or other.")
    aliases: tuple[str, ...] = Field((), description="Other names an editor accepts.")
    avoid: tuple[str, ...] = Field((), description="Spellings to flag, with the canonical name as the fix.")
    source: str = Field("", description="The registry file this entry came from.")

    @field_validator("aliases", "avoid", mode="before")
    @classmethod
    def _split(cls, value: Any) -> Any:
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(";") if v.strip())
        return value

    @property
    def accepted(self) -> tuple[str, ...]:
        """The canonical name and every alias."""
        return (self.canonical, *self.aliases)


class Registry:
    """Merged registry entries, looked up by any of their names."""

    def __init__(self, entries: Iterable[RegistryEntry] = ()) -> None:
        self.entries: tuple[RegistryEntry, ...] = tuple(entries)
        self._accepted: dict[str, RegistryEntry] = {}
        self._avoid: dict[str, RegistryEntry] = {}
        for entry in self.entries:
            for name in entry.accepted:
                self._accepted.setdefault(_key(name), entry)
            for name in entry.avoid:
                self._avoid.setdefault(_key(name), entry)

    def __len__(self) -> int:
        return len(self.entries)

    def __bool__(self) -> bool:
        return bool(self.entries)

    def accepted(self, name: str) -> RegistryEntry | None:
        """The entry whose canonical name or alias is ``name`` (case-sensitive on letters,
        loose on whitespace and apostrophe style)."""
        return self._accepted.get(_key(name))

    def avoided(self, name: str) -> RegistryEntry | None:
        """The entry that lists ``name`` as a spelling to avoid."""
        return self._avoid.get(_key(name))

    def fingerprint(self) -> str:
        """A stable digest of the content, for caches."""
        import hashlib

        h = hashlib.sha256()
        for e in self.entries:
            h.update(e.model_dump_json().encode())
        return h.hexdigest()[:16]


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").replace("‘", "'").split())


def as_registry(value: Registry | str | Path | Iterable[str | Path] | Iterable[RegistryEntry] | None) -> Registry:
    """A Registry from what a caller has: one already, a file, several files, a list
    of entries, or None (empty)."""
    if value is None:
        return Registry()
    if isinstance(value, Registry):
        return value
    if isinstance(value, (str, Path)):
        return load_registry([value])
    items = list(value)
    if items and all(isinstance(i, RegistryEntry) for i in items):
        return Registry(items)  # type: ignore[arg-type]
    return load_registry(items)  # type: ignore[arg-type]


def load_registry(paths: Sequence[str | Path]) -> Registry:
    """Read and merge registry files; raises :class:`RegistryError` on the first problem."""
    registry, problems = load_registries(paths)
    if problems:
        raise problems[0]
    return registry


def load_registries(paths: Sequence[str | Path]) -> tuple[Registry, list[RegistryError]]:
    """Read and merge registry files, keeping the good ones: returns the merged
    registry and one error for each file that could not be used."""
    entries: list[RegistryEntry] = []
    seen: dict[str, str] = {}
    problems: list[RegistryError] = []
    for path in paths:
        try:
            file_entries = _read_file(Path(path))
            for entry in file_entries:
                k = _key(entry.canonical)
                if k in seen and seen[k] != str(path):
                    raise RegistryError(f"entry {entry.canonical!r} is also defined in {seen[k]}", path=str(path))
        except RegistryError as exc:
            problems.append(exc)
            continue
        for entry in file_entries:
            seen.setdefault(_key(entry.canonical), str(path))
            entries.append(entry)
    return Registry(entries), problems


_MAX_REGISTRY_BYTES = 512 * 1024 * 1024  # far past any newsroom's list: a bound, not a size


def _read_file(path: Path) -> list[RegistryEntry]:
    try:
        raw = read_bounded(path, _MAX_REGISTRY_BYTES, "a registry")
    except NotRead as exc:
        raise RegistryError(f"cannot read registry: {exc}", path=str(path)) from None
    except OSError as exc:
        raise RegistryError(f"cannot read registry: {exc.strerror or exc}", path=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegistryError(f"registry is not valid UTF-8 (byte {exc.start})", path=str(path)) from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path, text)
    if suffix in (".yaml", ".yml", ".json"):
        return _read_yaml(path, text)
    raise RegistryError("registry must be .yaml, .yml, .json or .csv", path=str(path))


def _read_yaml(path: Path, text: str) -> list[RegistryEntry]:
    # libyaml's loader when PyYAML has it: a newsroom registry can be 100,000 entries.
    # Only text with an alias ("*name") needs the bounded loader, written in Python.
    # Nor can the libyaml loader's integers grow too long: the limit is on decimal
    # text, which it hands to the same Python constructor, so a text with a long run
    # of digits takes the bounded loader as well.
    fast = "*" not in text and not _LONG_DIGITS.search(text)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader) if fast else BoundedSafeLoader
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise RegistryError(
            f"registry is not valid YAML: {problem}",
            path=str(path),
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    if isinstance(data, dict) and "entities" in data:
        data = data["entities"]
    if not isinstance(data, list):
        raise RegistryError("expected a list of entries (or a mapping with an 'entities' list)", path=str(path))
    out = []
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            raise RegistryError(f"entry {i + 1}: expected a mapping with 'canonical', got {item!r}", path=str(path))
        out.append(_entry(path, f"entry {i + 1}", {**item, "source": str(path)}))
    return out


def _read_csv(path: Path, text: str) -> list[RegistryEntry]:
    try:
        return _csv_entries(path, text)
    except csv.Error as exc:  # e.g. a field over the csv module's limit: a broken file
        raise RegistryError(f"registry is not valid CSV: {exc}", path=str(path)) from None


def _csv_entries(path: Path, text: str) -> list[RegistryEntry]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "canonical" not in reader.fieldnames:
        raise RegistryError("expected a header with 'canonical' (and type, aliases, avoid)", path=str(path), line=1)
    out = []
    for row in reader:
        clean = {k: (v or "").strip() for k, v in row.items() if k}
        if not any(clean.values()):
            continue
        clean = {k: v for k, v in clean.items() if v or k == "canonical"}
        out.append(_entry(path, f"line {reader.line_num}", {**clean, "source": str(path)}))
    return out


def _entry(path: Path, where: str, data: dict[str, Any]) -> RegistryEntry:
    try:
        return RegistryEntry.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"]) or "entry"
        raise RegistryError(f"{where}: {loc}: {err['msg']}", path=str(path)) from None

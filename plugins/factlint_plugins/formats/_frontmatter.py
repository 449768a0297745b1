"""Front matter and publication dates, shared by the format loaders.

Markdown keeps its metadata in a YAML block at the top of the file, HTML in ``<meta>``
tags, a claims file in its ``document`` part. They all end up here, so a date is read
the same way whichever format it came in, and a bad one is reported the same way.

Every YAML document is read with :class:`SafeLoader`, factlint's
:class:`~factlint.BoundedSafeLoader`: aliases that expand too far, recursive aliases,
integers longer than Python converts and nesting too deep are each a
:class:`~factlint.LoadError` naming its line, never minutes or gigabytes of loading.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

import yaml

from factlint import BoundedSafeLoader, LoadError, PublishedDate
from factlint_plugins._patterns import lazy_compile

DEFAULT_DATE_KEYS = ("published", "date", "pubdate")
"""Front-matter keys tried, in order, for the publication date when the config names none."""

_FENCE = lazy_compile(r"---[ \t]*(?:\r\n|\r|\n|$)")
# A closing fence alone on its line, whichever line break ends it (not only "\n", as "$" would).
_CLOSE = lazy_compile(r"(?<=[\r\n])(?:---|\.\.\.)[ \t]*(?=[\r\n]|\Z)")
# An ISO timestamp ("2015-05-18T09:30:00Z", as <meta> tags usually carry): its day is enough.
_TIMESTAMP = lazy_compile(r"^\s*(\d{4}-\d{2}-\d{2})[T ]\d")


@dataclass(frozen=True)
class FrontMatter:
    """A YAML front-matter block at the top of a file.

    ``end`` is the offset just past the block's closing fence (the block starts at 0),
    so a loader can blank it out; ``data`` is the parsed mapping and ``lines`` the
    1-based source line of each top-level key.
    """

    end: int
    data: dict[str, Any]
    lines: dict[str, int]


def split_front_matter(text: str) -> FrontMatter | None:
    """Find and parse a ``---`` ... ``---`` block that opens ``text`` on its first line.

    Returns None when the text does not start with ``---``. Raises :class:`LoadError`
    when the block is never closed, is not valid YAML, or is not a mapping.
    """
    opening = _FENCE.match(text)
    if not opening:
        return None
    body_start = opening.end()
    closing = _CLOSE.search(text, body_start)
    if closing is None:
        raise LoadError(
            "front matter opened with '---' on line 1 is never closed: expected a line '---' after it",
            line=1,
            column=1,
        )
    body = text[body_start : closing.start()]
    end = closing.end()
    # Swallow the closing fence's line break so the block covers whole lines.
    for newline in ("\r\n", "\n", "\r"):
        if text.startswith(newline, end):
            end += len(newline)
            break
    data, lines = _parse_yaml_mapping(body, first_line=2)
    return FrontMatter(end=end, data=data, lines=lines)


class SafeLoader(BoundedSafeLoader):
    """The engine's bounded loader (see the module's docstring). A date that does not
    exist (``2022-13-40``) stays text instead of raising, so the error can name its key
    and line."""

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date, or its text when no such day exists."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", SafeLoader.construct_yaml_timestamp)


def yaml_loader(text: str, *, problem: str, first_line: int = 1) -> SafeLoader:
    """A :class:`SafeLoader` for ``text``. PyYAML refuses a character YAML does not
    allow (a control character, U+FFFE) as it is built, before any parsing, and with
    no line: that is a :class:`~factlint.LoadError` starting with ``problem`` at the
    character's line (``text`` begins on line ``first_line``) and column."""
    try:
        return SafeLoader(text)
    except yaml.reader.ReaderError as exc:
        at = exc.position
        raise LoadError(
            f"{problem}: character U+{exc.character:04X} is not allowed in YAML",
            line=text.count("\n", 0, at) + first_line,
            column=at - text.rfind("\n", 0, at),
        ) from None


def _parse_yaml_mapping(body: str, *, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    loader = yaml_loader(body, problem="front matter is not valid YAML", first_line=first_line)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else None
        raise LoadError(f"front matter is not valid YAML: {problem}", line=line, column=column) from None
    except yaml.YAMLError as exc:
        raise LoadError(f"front matter is not valid YAML: {exc}", line=first_line) from None
    finally:
        loader.dispose()
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise LoadError(
            f"front matter must be a mapping of keys to values, got {type(data).__name__}",
            line=first_line,
            column=1,
        )
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                lines.setdefault(key_node.value, key_node.start_mark.line + first_line)
    return {str(k): v for k, v in data.items()}, lines


def parse_published(value: Any, *, what: str, line: int | None = None, column: int | None = None) -> PublishedDate:
    """Read a publication date given as a date, a year, or ``YYYY[-MM[-DD]]`` text.

    An ISO timestamp counts as its day. ``what`` names where the value came from
    (``front matter key 'date'``) for the error message.
    """
    if isinstance(value, str):
        stamp = _TIMESTAMP.match(value)
        if stamp:
            value = stamp.group(1)
    try:
        return PublishedDate.model_validate(value)
    except ValueError:
        raise LoadError(
            f"{what} is not a publication date: expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}",
            line=line,
            column=column,
        ) from None


def date_keys(config: Any) -> tuple[str, ...]:
    """The front-matter keys to try for the publication date under ``config``."""
    key = getattr(config, "front_matter_date_key", None)
    return (key,) if key else DEFAULT_DATE_KEYS


def plain_value(value: Any) -> Any:
    """``value`` with dates turned into ISO strings, so metadata stays JSON-friendly."""
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): plain_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_value(v) for v in value]
    return value

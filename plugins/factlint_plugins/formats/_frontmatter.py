"""Front matter and publication dates, shared by the format loaders.

Markdown keeps its metadata in a YAML block at the top of the file, HTML in ``<meta>``
tags, a claims file in its ``document`` part. They all end up here, so a date is read
the same way whichever format it came in, and a bad one is reported the same way.

Every YAML document is read with :class:`SafeLoader`, which refuses what would let a few
bytes of input take minutes or gigabytes to load: aliases that expand to more than
:data:`MAX_ALIAS_NODES` nodes in all (a "billion laughs"), an alias inside the node it
names (a recursive value), integers longer than Python converts (4,300 digits) and
nesting deeper than :data:`MAX_DEPTH`. Each is a :class:`~factlint.LoadError` naming its
line. Anchors and aliases within those bounds are still read: a front-matter block has
little use for them, but refusing them outright would break files that share a value.
"""

from __future__ import annotations

import datetime as _dt
import sys
from dataclasses import dataclass
from typing import Any

import yaml

from factlint import LoadError, PublishedDate
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


MAX_ALIAS_NODES = 10_000
"""How many nodes the aliases of one YAML document may add, counted after expansion."""

MAX_DEPTH = 100
"""How deeply YAML collections may nest: PyYAML composes them by recursion."""


class SafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader, bounded against hostile input (see the module's docstring).

    A date that does not exist (``2022-13-40``) stays text instead of raising, so the
    error can name its key and line.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._parents: list[int] = []  # ids of the collections being composed, outermost first
        self._sizes: dict[int, int] = {}  # id of a finished node -> its node count once expanded
        self._expanded = 0  # nodes the aliases read so far add

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        """Compose one node, counting what an alias adds and refusing a recursive one."""
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            target = self.anchors.get(event.anchor)
            if target is not None:
                self._count_alias(event.anchor, event.start_mark, target, parent)
            return super().compose_node(parent, index)
        if parent is not None:
            self._parents.append(id(parent))
        try:
            if len(self._parents) >= MAX_DEPTH:
                raise yaml.composer.ComposerError(
                    None, None, f"collections nest more than {MAX_DEPTH} deep", self.peek_event().start_mark
                )
            return super().compose_node(parent, index)
        finally:
            if parent is not None:
                self._parents.pop()

    def _count_alias(self, anchor: str, mark: Any, target: yaml.Node, parent: yaml.Node | None) -> None:
        """Refuse an alias to a node still open around it, or one that makes the
        document's aliases expand past :data:`MAX_ALIAS_NODES` nodes."""
        if target is parent or id(target) in self._parents:
            raise yaml.composer.ComposerError(
                None, None, f"alias *{anchor} is inside the node it names: a recursive value", mark
            )
        self._expanded += _expanded_size(target, self._sizes)
        if self._expanded > MAX_ALIAS_NODES:
            raise yaml.composer.ComposerError(
                None,
                None,
                f"aliases expand to more than {MAX_ALIAS_NODES:,} nodes (at alias *{anchor})",
                mark,
            )

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        """An integer, or a YAML error at its place when it is too long to convert."""
        try:
            return super().construct_yaml_int(node)
        except ValueError:
            # Python refuses to convert decimal strings past a limit (4,300 digits).
            digits = sum(char.isdigit() for char in node.value)
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"integer of {digits:,} digits is longer than the {sys.get_int_max_str_digits():,} that can be read",
                node.start_mark,
            ) from None

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date, or its text when no such day exists."""
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


SafeLoader.add_constructor("tag:yaml.org,2002:int", SafeLoader.construct_yaml_int)
SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", SafeLoader.construct_yaml_timestamp)


def _expanded_size(root: yaml.Node, sizes: dict[int, int]) -> int:
    """How many nodes ``root`` stands for with every alias in it expanded.

    Iterative and memoised in ``sizes``, so a chain of aliases to aliases costs the
    number of distinct nodes, not of expanded ones. Only finished nodes are passed in,
    and those hold no cycle: the composer refused it when the alias was read.
    """
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = _children(node)
        if children_done:
            sizes[id(node)] = 1 + sum(sizes[id(child)] for child in children)
        else:
            stack.append((node, True))
            stack.extend((child, False) for child in children)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _parse_yaml_mapping(body: str, *, first_line: int) -> tuple[dict[str, Any], dict[str, int]]:
    loader = SafeLoader(body)
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

"""YAML read with its costs bounded: the one loader for every YAML factlint reads
(front matter, claims files, registries), and for plugins that read YAML of their own.

PyYAML's safe loader still lets a few bytes take minutes or gigabytes to load, or
crash. :class:`BoundedSafeLoader` refuses, each as a YAML error at its place: aliases
that expand to more than :data:`MAX_ALIAS_NODES` nodes in all (a "billion laughs"), an
alias inside the node it names (a recursive value), integers longer than Python
converts (4,300 digits) and nesting deeper than :data:`MAX_DEPTH`. Anchors and aliases
within those bounds are still read: refusing them outright would break files that
share a value. A ``\\u`` escape of half a UTF-16 surrogate pair is read with its other
half as the character the pair encodes, and refused alone: it is no character, and
any output holding it could not be written as UTF-8.
"""

from __future__ import annotations

import re
import sys
from typing import Any

import yaml

__all__ = ["MAX_ALIAS_NODES", "MAX_DEPTH", "BoundedSafeLoader"]

MAX_ALIAS_NODES = 10_000
"""How many nodes the aliases of one YAML document may add, counted after expansion."""

MAX_DEPTH = 100
"""How deeply YAML collections may nest: PyYAML composes them by recursion."""

_SURROGATE = re.compile("[\ud800-\udfff]")


class BoundedSafeLoader(yaml.SafeLoader):
    """PyYAML's safe loader, bounded against hostile input (see :mod:`factlint.yaml_safety`)."""

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

    def construct_scalar(self, node: yaml.Node) -> Any:
        """A scalar's value; escaped surrogate pairs joined, a lone surrogate a YAML error."""
        value = super().construct_scalar(node)  # type: ignore[arg-type]
        if isinstance(value, str) and _SURROGATE.search(value):
            try:
                value = value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
            except UnicodeDecodeError:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    "a \\u escape names half of a UTF-16 surrogate pair, which is no character",
                    node.start_mark,
                ) from None
        return value


BoundedSafeLoader.add_constructor("tag:yaml.org,2002:int", BoundedSafeLoader.construct_yaml_int)


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

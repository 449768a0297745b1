"""The plain-text loader: ``.txt`` files.

The text is the file itself. Paragraphs end at blank lines; a line that starts with a
bullet (``-``, ``*``, ``•``) or a number (``1.``, ``2)``) starts a list item, and items
in an unbroken run (blank lines allowed between them) form one list. An indented line
after an item continues it. The publication date can only come from the config.
"""

from __future__ import annotations

from typing import Any

import factlint
from factlint import Block, Document, Metadata, SourceMap
from factlint_plugins._patterns import lazy_compile

SUFFIXES = (".txt",)

_LINE = lazy_compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_BULLET = lazy_compile(r"[ \t]*(?:([-*•])|(\d{1,3})[.)])[ \t]+(?=\S)")


@factlint.hookimpl
def factlint_register_formats() -> list[factlint.InputFormat]:
    """The text format and the suffixes its loader reads."""
    return [factlint.InputFormat(name="text", suffixes=(".txt",))]


@factlint.hookimpl
def factlint_load_document(source: Any, config: Any) -> Document | None:
    """Load a plain-text file; None for any other suffix."""
    if source.suffix not in SUFFIXES:
        return None
    return load_text(source.text, path=source.path, config=config)


def load_text(text: str, *, path: str = "<text>", config: Any = None) -> Document:
    """Build the :class:`~factlint.Document` of plain ``text``."""
    return Document(
        path=path,
        format="text",
        text=text,
        source=text,
        metadata=Metadata(),
        blocks=text_blocks(text),
        source_map=SourceMap.for_source(text),
    )


def text_blocks(text: str) -> tuple[Block, ...]:
    """Split plain text into paragraph and list-item blocks.

    Each block runs from its first to its last non-blank character; a list item
    starts after its bullet or number.
    """
    blocks: list[Block] = []
    groups = 0
    list_style: str | None = None  # "bullet" or "number" while a list is running
    current: list[Any] | None = None  # [kind, start, end, group]

    def flush() -> None:
        nonlocal current
        if current is not None:
            blocks.append(Block(kind=current[0], start=current[1], end=current[2], group=current[3]))
            current = None

    for line in _LINE.finditer(text):
        if line.start() == len(text) and line.end() == len(text):
            break
        body = line.group().rstrip("\r\n")
        content_end = line.start() + len(body.rstrip())
        if not body.strip():
            flush()
            continue
        bullet = _BULLET.match(body)
        if bullet:
            style = "bullet" if bullet.group(1) else "number"
            flush()
            if list_style != style:
                groups += 1
                list_style = style
            current = ["list_item", line.start() + bullet.end(), content_end, groups]
        elif current is not None and (current[0] != "list_item" or body[:1] in " \t"):
            current[2] = content_end  # the paragraph, or an indented continuation of an item
        else:
            flush()
            list_style = None
            start = line.start() + len(body) - len(body.lstrip())
            current = ["paragraph", start, content_end, None]
    flush()
    return tuple(blocks)

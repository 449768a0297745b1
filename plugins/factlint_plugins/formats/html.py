"""The HTML loader: ``.html`` and ``.htm`` files.

The document text is what a reader sees: the character data of the page body with
entities decoded and runs of white space collapsed to one space, each block (paragraph,
heading, list item, quote, table cell) separated from the next by a blank line. Scripts,
styles, the ``<head>``, templates, ``<noscript>``, code and preformatted text are left
out. Because the text no longer lines up with the file, the loader records a
:class:`~factlint.SourceMap` breakpoint wherever the two drift apart (a tag dropped, an
entity decoded, white space collapsed), so every span still points at its exact
characters in the source.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, Literal

import factlint
from factlint import Block, Document, Metadata, PublishedDate, SourceMap
from factlint_plugins._patterns import lazy_compile

from ._frontmatter import parse_published

SUFFIXES = (".html", ".htm")

# The kinds of Block this format makes: every kind but "other".
# What Python's parser needs after "<![" (a marked section such as CDATA or IF).
_DECLARATION_NAME = lazy_compile(r"[a-zA-Z]")
_BlockKind = Literal["paragraph", "heading", "list_item", "quote", "table_cell"]

# Elements whose content is not prose.
_SKIPPED = {
    "head", "script", "style", "template", "noscript", "pre", "code", "kbd", "samp",
    "svg", "math", "iframe", "object", "textarea", "select", "title",
}  # fmt: skip
# Elements that have no end tag.
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
    "param", "source", "track", "wbr",
}  # fmt: skip
# Elements whose start or end ends the block of prose before them.
_BLOCK_LEVEL = {
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_LISTS = {"ul", "ol", "menu"}
# A start tag of one of these closes an open <p> (the HTML end-tag omission rules).
_CLOSES_P = _BLOCK_LEVEL - {
    "br", "body", "html", "td", "th", "tr", "tbody", "thead", "tfoot", "caption", "li", "dd", "dt"
}
_ENDS_HEAD = _BLOCK_LEVEL - {"html"}
_BLOCK_BUT_P = _BLOCK_LEVEL - {"p"}
# The elements that give a block its kind, innermost first wins (see _block_kind).
_KIND_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "td", "th")

_DATE_METAS = {"date", "pubdate", "publish-date", "publish_date", "article:published_time", "dc.date", "dcterms.date"}
_SPACE = lazy_compile(r"[ \t\n\r\f]+")
_BLOCK_SEPARATOR = "\n\n"


@factlint.hookimpl
def factlint_register_formats() -> list[factlint.InputFormat]:
    """The html format and the suffixes its loader reads."""
    return [factlint.InputFormat(name="html", suffixes=(".html", ".htm"))]


@factlint.hookimpl
def factlint_load_document(source: Any, config: Any) -> Document | None:
    """Load an HTML file; None for any other suffix."""
    if source.suffix not in SUFFIXES:
        return None
    return load_html(source.text, path=source.path, config=config)


def load_html(text: str, *, path: str = "<html>", config: Any = None) -> Document:
    """Build the :class:`~factlint.Document` of HTML ``text``."""
    reader = _Reader(text)
    reader.feed(text)
    reader.close()
    reader.end_block()

    published = reader.published
    title = reader.meta_title or reader.title
    return Document(
        path=path,
        format="html",
        text="".join(reader.out),
        source=text,
        metadata=Metadata(
            title=" ".join(title.split()) if title else None,
            published=published,
            language=reader.language or "en",
        ),
        blocks=tuple(reader.blocks),
        comments=tuple(reader.comments),
        source_map=SourceMap.for_source(text, tuple(reader.breakpoints)),
    )


@dataclass
class _Open:
    tag: str
    group: int | None = None  # the list number of a <ul>/<ol>


class _Reader(HTMLParser):
    """Collects the visible text, blocks and metadata of a page, with source offsets."""

    def __init__(self, source: str) -> None:
        # Entities are decoded here, not by the parser, so their source length is known.
        super().__init__(convert_charrefs=False)
        self.source = source
        # HTMLParser counts lines at '\n' only; so must the offsets computed from them.
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.out: list[str] = []
        self.length = 0
        self.breakpoints: list[tuple[int, int]] = []
        self.blocks: list[Block] = []
        self.stack: list[_Open] = []
        # Where each tag is open in the stack, innermost last: the parser asks for
        # the innermost open element of a tag at every tag, and walking the stack
        # for it took quadratic time on deeply nested or unclosed markup.
        self.open_at: dict[str, list[int]] = {}
        self.skipping = 0
        self.groups = 0
        self.block_start: int | None = None
        self.pending_space = False
        self.opened = False  # a start tag came after the last prose
        self.title: str | None = None
        self.meta_title: str | None = None
        self.published: PublishedDate | None = None
        self.language: str | None = None
        self._title_parts: list[str] | None = None
        self.comments: list[tuple[int, int]] = []

    def handle_comment(self, data: str) -> None:
        # The parser reports real comments only (not text inside <script> or <style>).
        start = self._offset()
        self.comments.append((start, start + len(data) + len("<!---->")))

    def parse_html_declaration(self, i: int) -> int:
        """As HTMLParser's, except that ``<![`` with no name after it (``<![/p>``), on
        which Python's parser raises AssertionError, is skipped up to its ``>`` as the
        bogus comment a browser reads it as."""
        rawdata = self.rawdata
        if rawdata.startswith("<![", i) and i + 3 < len(rawdata) and not _DECLARATION_NAME.match(rawdata, i + 3):
            end = rawdata.find(">", i + 3)
            return -1 if end < 0 else end + 1
        return super().parse_html_declaration(i)

    # ------------------------------------------------------------ positions and text

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def _mapped(self, text_offset: int) -> int:
        if not self.breakpoints:
            return text_offset
        text_at, source_at = self.breakpoints[-1]
        return source_at + (text_offset - text_at)

    def _mark(self, source_offset: int) -> None:
        """Make the next text character map to ``source_offset``."""
        if self._mapped(self.length) == source_offset:
            return
        if self.breakpoints and self.breakpoints[-1][0] == self.length:
            self.breakpoints[-1] = (self.length, source_offset)
        else:
            self.breakpoints.append((self.length, source_offset))

    def _emit(self, piece: str, start: int, end: int, *, absorb: bool = False) -> None:
        """Append ``piece``, which stands for ``source[start:end]``.

        With ``absorb``, the first character also stands for the markup between the
        text before it and ``start``.
        """
        if not absorb:
            self._mark(start)
        self.out.append(piece)
        if absorb and len(piece) > 1 and end - start == len(piece):
            self.length += 1
            self._mark(start + 1)
            self.length += len(piece) - 1
        else:
            self.length += len(piece)
        self._mark(end)

    def _prose(self, piece: str, start: int, end: int) -> None:
        """Append prose, starting a block if none is open, and settling spaces."""
        absorb = False
        if self.block_start is None:
            if self.length:
                self._gap(_BLOCK_SEPARATOR)
            self.block_start = self.length
        elif self.pending_space:
            self._gap(" ")
        else:
            # Only end tags since the last word ("Name</a>, said"): they go with the
            # character after them, so the span of the word before stops at the word.
            # After a start tag ("(<a>Name"), the word's span must start clean instead.
            absorb = not self.opened
        self.pending_space = False
        self.opened = False
        self._emit(piece, start, end, absorb=absorb)

    def _gap(self, filler: str) -> None:
        # A separator or collapsed space stands where the text before it ended, so a
        # span that stops at a word followed by a closing tag ("Name</a> said") maps
        # to the word alone, not to the tag after it.
        here = self._mapped(self.length)
        self._emit(filler, here, here)

    def end_block(self) -> None:
        """Close the block of prose being collected, if any."""
        self.pending_space = False
        if self.block_start is None:
            return
        kind, group = self._block_kind()
        self.blocks.append(Block(kind=kind, start=self.block_start, end=self.length, group=group))
        self.block_start = None

    def _innermost(self, tags: Iterable[str]) -> int:
        """The stack index of the innermost open element among ``tags``; -1 if none is open."""
        open_at = self.open_at
        return max((open_at[tag][-1] for tag in tags if tag in open_at), default=-1)

    def _block_kind(self) -> tuple[_BlockKind, int | None]:
        inner = self._innermost(_KIND_TAGS)
        if inner < 0:
            return "paragraph", None
        tag = self.stack[inner].tag
        if tag in _HEADINGS:
            return "heading", None
        if tag == "li":
            lists = self._innermost(_LISTS)
            return "list_item", self.stack[lists].group if lists >= 0 else None
        if tag == "blockquote":
            return "quote", None
        return "table_cell", None

    # ----------------------------------------------------------------- parser events

    def handle_data(self, data: str) -> None:
        if self._title_parts is not None:
            self._title_parts.append(data)
        if self.skipping:
            return
        start = self._offset()
        pos = 0
        for space in _SPACE.finditer(data):
            if space.start() > pos:
                self._prose(data[pos : space.start()], start + pos, start + space.start())
            self.pending_space = self.block_start is not None
            pos = space.end()
        if pos < len(data):
            self._prose(data[pos:], start + pos, start + len(data))

    def _reference(self, raw_length: int) -> None:
        start = self._offset()
        end = start + raw_length
        if self.source.startswith(";", end):
            end += 1
        # Decode the reference as written: "&T" in "AT&T" is no entity and stays as is.
        decoded = html.unescape(self.source[start:end])
        if self._title_parts is not None:
            self._title_parts.append(decoded)
        if self.skipping:
            return
        if decoded.isspace():
            # &nbsp; and friends separate words as any other white space does.
            self.pending_space = self.block_start is not None
            return
        self._prose(decoded, start, end)

    def handle_entityref(self, name: str) -> None:
        self._reference(1 + len(name))

    def handle_charref(self, name: str) -> None:
        self._reference(2 + len(name))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self_closing=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, self_closing: bool) -> None:
        values = {name: value or "" for name, value in attrs}
        self.opened = True
        if tag == "meta":
            self._meta(values)
        elif tag == "html" and values.get("lang"):
            self.language = values["lang"].strip()
        elif tag == "title" and self.title is None:
            self._title_parts = []

        if tag in _ENDS_HEAD:
            # Body content ends a <head> left open.
            self._pop_to("head", stop=())
        self._close_implied(tag)
        if tag in _BLOCK_LEVEL and not self.skipping:
            self.end_block()
        if tag in _VOID or self_closing:
            return
        node = _Open(tag)
        if tag in _LISTS:
            self.groups += 1
            node.group = self.groups
        self.open_at.setdefault(tag, []).append(len(self.stack))
        self.stack.append(node)
        if tag in _SKIPPED:
            self.skipping += 1

    def _close_implied(self, tag: str) -> None:
        """Close elements whose end tag HTML lets an author leave out."""
        if tag in _CLOSES_P or tag == "p":
            self._pop_to("p", stop=_BLOCK_BUT_P)
        if tag == "li":
            self._pop_to("li", stop=_LISTS)
        elif tag in ("dt", "dd"):
            self._pop_to("dt", stop={"dl"}) or self._pop_to("dd", stop={"dl"})
        elif tag in ("td", "th"):
            self._pop_to("td", stop={"tr", "table"}) or self._pop_to("th", stop={"tr", "table"})
        elif tag == "tr":
            self._pop_to("tr", stop={"table", "thead", "tbody", "tfoot"})

    def _pop_to(self, tag: str, *, stop: Iterable[str]) -> bool:
        """Close the innermost open ``tag`` and all inside it, unless an element of
        ``stop`` is open inside it (or no ``tag`` is open); whether it was closed."""
        at = self.open_at.get(tag)
        if not at or at[-1] < self._innermost(stop):
            return False
        self._close_from(at[-1])
        return True

    def _close_from(self, index: int) -> None:
        closing = self.stack[index:]
        if any(n.tag in _BLOCK_LEVEL for n in closing) and not self.skipping:
            self.end_block()
        for node in closing:
            if node.tag in _SKIPPED:
                self.skipping -= 1
            if node.tag == "title" and self._title_parts is not None:
                self.title = "".join(self._title_parts)
                self._title_parts = None
            at = self.open_at[node.tag]
            at.pop()
            if not at:
                del self.open_at[node.tag]
        del self.stack[index:]

    def handle_endtag(self, tag: str) -> None:
        if tag == "br":
            # A stray </br> is read as <br> by browsers.
            self._start("br", [], self_closing=True)
            return
        at = self.open_at.get(tag)
        if at:
            self._close_from(at[-1])
            return
        if tag == "p":
            # "</p>" with no open <p> still ends a paragraph.
            self.end_block()

    def _meta(self, values: dict[str, str]) -> None:
        name = (values.get("name") or values.get("property") or values.get("itemprop") or "").strip().lower()
        content = values.get("content", "")
        if name == "og:title" and content.strip():
            self.meta_title = content
        elif name in _DATE_METAS and content.strip() and self.published is None:
            line, column = self.getpos()
            self.published = parse_published(
                content.strip(), what=f'<meta {name}> content', line=line, column=column + 1
            )

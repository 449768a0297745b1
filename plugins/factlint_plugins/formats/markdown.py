"""The Markdown loader: ``.md`` and ``.markdown`` files, with optional YAML front matter.

The document text has exactly the length of the source: prose characters are kept and
everything else (front matter, code, HTML, link destinations, emphasis markers, list
bullets, heading and quote markers, table pipes) becomes a space, line breaks staying
where they are. Offsets into the text are therefore offsets into the file, and no
source map breakpoints are needed.

Block structure comes from markdown-it-py (CommonMark plus tables and strikethrough).
Inline tokens carry no positions, so each token's source form is found again in the
block's content, in order, starting where the previous one ended.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

import factlint
from factlint import Block, Document, Metadata, SourceMap
from factlint_plugins._patterns import lazy_compile

from ._frontmatter import date_keys, parse_published, plain_value, split_front_matter

SUFFIXES = (".md", ".markdown")

# The kinds of Block this format makes: every kind but "other".
_BlockKind = Literal["paragraph", "heading", "list_item", "quote", "table_cell"]

_EMPHASIS = {"em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close"}
_CELLS = {"th_open", "td_open"}


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Keep escapes and entities as their own tokens: their source form differs from
    # their content, and joining them into the text around them would hide that.
    md.disable("text_join")
    block = _NestingBoundedBlock()
    block.ruler = md.block.ruler
    md.block = block
    return md


# Block rules that open containers, and so nest: the ones refused past the nesting limit.
_NESTING_RULES = ("list", "blockquote")


class _NestingBoundedBlock(ParserBlock):
    """markdown-it's block parser, except past its nesting limit.

    There markdown-it skips everything to the end of the enclosing container, which for
    a list item is the end of the file: a list nested ten deep (twenty levels of list
    and item) hid the rest of the article from every check. Here, past the limit,
    containers are no longer opened: the too-deep lines are read as flat blocks
    (paragraphs, headings, code), and the lines after them as usual. The limit is kept,
    as it bounds the recursion of nested containers.
    """

    def __init__(self) -> None:
        super().__init__()
        self._flat_rules: list[Any] | None = None

    def tokenize(self, state: StateBlock, startLine: int, endLine: int) -> None:
        """Tokenize lines ``[startLine, endLine)``, flat when nested past the limit."""
        if state.level < state.md.options.maxNesting:
            super().tokenize(state, startLine, endLine)
            return
        rules = self._flat()
        line = startLine
        while line < endLine:
            line = state.line = state.skipEmptyLines(line)
            if line >= endLine or state.sCount[line] < state.blkIndent:
                break  # the end of the container this call was made for
            # The paragraph rule takes any line, so one rule always moves on.
            if not any(rule(state, line, endLine, False) for rule in rules):
                raise RuntimeError("no block rule matched")
            line = state.line

    def _flat(self) -> list[Any]:
        """The active block rules that open no container, in their order."""
        if self._flat_rules is None:
            flat = ParserBlock()
            active = [name for name in self.ruler.get_active_rules() if name not in _NESTING_RULES]
            flat.ruler.enableOnly(active)
            self._flat_rules = list(flat.ruler.getRules(""))
        return self._flat_rules


_MD = _parser()


@factlint.hookimpl
def factlint_register_formats() -> list[factlint.InputFormat]:
    """The markdown format and the suffixes its loader reads."""
    return [factlint.InputFormat(name="markdown", suffixes=(".md", ".markdown"))]


@factlint.hookimpl
def factlint_load_document(source: Any, config: Any) -> Document | None:
    """Load a Markdown file; None for any other suffix."""
    if source.suffix not in SUFFIXES:
        return None
    return load_markdown(source.text, path=source.path, config=config)


def load_markdown(text: str, *, path: str = "<markdown>", config: Any = None) -> Document:
    """Build the :class:`~factlint.Document` of Markdown ``text``."""
    front = split_front_matter(text)
    front_end = front.end if front else 0
    masked = _mask(text)
    # markdown-it sees the front matter as blank lines, so its line numbers stay ours.
    parse_input = masked[:front_end] + text[front_end:] if front_end else text
    source_map = SourceMap.for_source(text)
    masker = _Masker(text, source_map.line_starts, masked)
    masker.walk(_MD.parse(parse_input))

    metadata = _metadata(front, masker.first_heading, config)
    code = sorted(masker.code)
    comments = tuple(span for span in _html_comments(text, front_end) if not any(a <= span[0] < b for a, b in code))
    return Document(
        path=path,
        format="markdown",
        text=masker.text(0, len(text)),
        source=text,
        metadata=metadata,
        blocks=tuple(masker.blocks),
        source_map=source_map,
        comments=comments,
    )


def _html_comments(text: str, start: int) -> Iterable[tuple[int, int]]:
    """The spans of ``<!-- ... -->`` comments in ``text`` from ``start``, each closed by
    the first ``-->`` after its opening.

    Once a ``<!--`` has no ``-->`` after it, no later one has either: the search ends
    there. (The pattern ``<!--.*?-->`` went on to try every later ``<!--`` up to the end
    of the file, so a file of unclosed openers took time quadratic in its length.)
    """
    opened = text.find("<!--", start)
    while opened >= 0:
        closed = text.find("-->", opened + 4)
        if closed < 0:
            return
        yield opened, closed + 3
        opened = text.find("<!--", closed + 3)


_NOT_BREAKS = lazy_compile(r"[^\r\n]+")


def _mask(text: str) -> str:
    """``text`` with every character except line breaks turned into a space."""
    return _NOT_BREAKS.sub(lambda m: " " * (m.end() - m.start()), text)


def _metadata(front: Any, first_heading: str | None, config: Any) -> Metadata:
    data = dict(front.data) if front else {}
    lines = front.lines if front else {}
    published = None
    for key in date_keys(config):
        if key in data and data[key] is not None:
            published = parse_published(data.pop(key), what=f"front matter key '{key}'", line=lines.get(key))
            break

    title = data.pop("title", None)
    if title is not None and not isinstance(title, str):
        raise factlint.LoadError(
            f"front matter key 'title' should be text, got {plain_value(title)!r}", line=lines.get("title")
        )
    language = data.pop("language", None)
    if language is None:
        language = data.pop("lang", None)
    if language is not None and not isinstance(language, str):
        raise factlint.LoadError(
            f"front matter key 'language' should be a language tag such as 'en', got {language!r}",
            line=lines.get("language", lines.get("lang")),
        )
    return Metadata(
        title=title if title is not None else first_heading,
        published=published,
        language=language or "en",
        extra={key: plain_value(value) for key, value in data.items()},
    )


@dataclass
class _Container:
    kind: str  # "list", "item" or "quote"
    group: int | None = None


# Where a block's inline content sits in the source, as runs of content indices
# ``(start, end, delta, fixed)``: index ``i`` in ``[start, end)`` comes from source
# offset ``i + delta``, or from ``fixed`` when that is not None (content the source
# does not hold character for character, pinned to one offset).
_Run = tuple[int, int, int, "int | None"]


def _source_at(runs: Sequence[_Run], index: int) -> int:
    """The source offset of content ``index``."""
    for start, end, delta, fixed in runs:
        if start <= index < end:
            return index + delta if fixed is None else fixed
    raise IndexError("list index out of range")


@dataclass
class _Masker:
    """Walks markdown-it's tokens and copies prose characters from the source."""

    source: str
    line_starts: Sequence[int]
    masked: str  # the source with everything but line breaks blanked
    copied: list[tuple[int, int]] = field(default_factory=list)  # source ranges the text shows as they are
    blocks: list[Block] = field(default_factory=list)
    code: list[tuple[int, int]] = field(default_factory=list)  # source ranges shown as code
    first_heading: str | None = None
    _groups: int = 0

    def text(self, start: int, end: int) -> str:
        """The document text from source offset ``start`` to ``end``, as shown so far."""
        pieces = []
        at = start
        for a, b in sorted(self.copied):
            a, b = max(a, at), min(b, end)
            if b > a:
                pieces.append(self.masked[at:a])
                pieces.append(self.source[a:b])
                at = b
        pieces.append(self.masked[at:end])
        return "".join(pieces)

    # ------------------------------------------------------------------ block level

    def walk(self, tokens: Sequence[Token]) -> None:
        stack: list[_Container] = []
        parent = ""
        cell_cursor: dict[int, int] = {}  # source line of a table row -> where the next cell is sought
        block: _BlockKind
        for tok in tokens:
            kind = tok.type
            if kind == "inline":  # the commonest token, so tried first
                if tok.map is None:
                    continue
                if parent in _CELLS:
                    row = tok.map[0]
                    runs, cell_cursor[row] = self._cell_runs(tok.content, row, cell_cursor.get(row))
                    block, group = "table_cell", None
                else:
                    runs = self._lines_runs(tok.content, tok.map[0], heading=parent == "heading_open")
                    block, group = self._kind(parent, stack)
                self._inline(tok, runs, block, group)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                self._groups += 1
                stack.append(_Container("list", self._groups))
            elif kind == "list_item_open":
                stack.append(_Container("item", stack[-1].group if stack else None))
            elif kind == "blockquote_open":
                stack.append(_Container("quote"))
            elif kind in ("bullet_list_close", "ordered_list_close", "list_item_close", "blockquote_close"):
                stack.pop()
            elif kind in ("fence", "code_block") and tok.map is not None:
                first, last = tok.map  # lines [first, last)
                end = self.line_starts[last] if last < len(self.line_starts) else len(self.source)
                self.code.append((self.line_starts[first], end))
            elif tok.nesting == 1:
                parent = kind

    @staticmethod
    def _kind(parent: str, stack: list[_Container]) -> tuple[_BlockKind, int | None]:
        if parent == "heading_open":
            return "heading", None
        for container in reversed(stack):
            if container.kind == "item":
                return "list_item", container.group
            if container.kind == "quote":
                return "quote", None
        return "paragraph", None

    def _line(self, index: int) -> tuple[int, str]:
        """The source offset and text (without its line break) of 0-based line ``index``."""
        start = self.line_starts[index]
        end = self.line_starts[index + 1] if index + 1 < len(self.line_starts) else len(self.source)
        return start, self.source[start:end].rstrip("\r\n")

    def _lines_runs(self, content: str, first_line: int, *, heading: bool) -> list[_Run]:
        """Where each character of a block's inline content sits in the source.

        Line ``i`` of the content is the end of source line ``first_line + i`` with
        the container prefix (quote markers, list indentation) removed, and trailing
        blanks trimmed on the last line; an ATX heading also loses its closing ``#``s.
        Each ``\\n`` of the content is the line break of the source line before it.
        A content line longer than its place in the source is pinned to the line's
        ends where it overhangs them.
        """
        runs: list[_Run] = []
        offset = 0  # content index of the current line
        line_start, line = 0, ""
        for i, piece in enumerate(content.split("\n")):
            if i:
                # The line break ending the previous line.
                runs.append((offset, offset + 1, 0, line_start + len(line)))
                offset += 1
            line_start, line = self._line(first_line + i)
            core = piece.rstrip()
            at = len(line.rstrip()) - len(core)
            if line[at : at + len(core)] != core:
                # A closing '#' run, or a tab expanded while removing indentation:
                # look for the words after the line's markers instead.
                prefix = len(line) - len(line.lstrip(" \t>#" if heading else " \t>"))
                found = line.find(core.strip(), prefix)
                if found >= 0:
                    at = found - (len(core) - len(core.lstrip()))
            # Piece index j comes from line index at + j, kept within [0, len(line)].
            length = len(piece)
            low = min(length, max(0, -at))
            high = max(low, min(length, len(line) - at))
            if low:
                runs.append((offset, offset + low, 0, line_start))
            if high > low:
                runs.append((offset + low, offset + high, line_start + at - offset, None))
            if length > high:
                runs.append((offset + high, offset + length, 0, line_start + len(line)))
            offset += length
        return runs

    def _cell_runs(self, content: str, row: int, cursor: int | None) -> tuple[list[_Run], int]:
        """Map a table cell's content into its row, the cell after the one at ``cursor``.

        Returns the runs and where the next cell starts.
        """
        line_start, line = self._line(row)
        if cursor is None:
            # Past a quote marker or list indentation, and the row's leading pipe.
            pos = len(line) - len(line.lstrip(" \t>"))
            if line.startswith("|", pos):
                pos += 1
        else:
            pos = cursor
        end = pos
        while end < len(line) and line[end] != "|":
            end += 2 if line[end] == "\\" else 1
        end = min(end, len(line))
        cell = line[pos:end]
        lead = len(cell) - len(cell.lstrip())

        runs: list[_Run] = []
        width = len(line)

        def add(start: int, stop: int, shift: int) -> None:
            # Content index i comes from line index i + shift, kept within the line.
            split = min(stop, max(start, width - shift))
            if split > start:
                runs.append((start, split, line_start + shift, None))
            if stop > split:
                runs.append((split, stop, 0, line_start + width))

        start, shift = 0, pos + lead
        bar = content.find("|")
        while bar >= 0:
            # The table rule turns "\|" into "|": skip the backslash.
            if line.startswith("\\|", bar + shift):
                add(start, bar, shift)
                start, shift = bar, shift + 1
            bar = content.find("|", bar + 1)
        add(start, len(content), shift)
        return runs, end + 1

    # ----------------------------------------------------------------- inline level

    def _inline(self, tok: Token, runs: list[_Run], kind: _BlockKind, group: int | None) -> None:
        content, source, copied = tok.content, self.source, self.copied
        cursor = _InlineCursor(content)
        shown: list[tuple[int, int]] = []
        cursor.run(tok.children or [], shown)
        for a, b in cursor.code:
            if b > a:
                self.code.append((_source_at(runs, a), _source_at(runs, b - 1) + 1))

        first = last = -1  # source offsets of the first and last prose characters shown
        ranges = _union(shown) if len(shown) > 1 else shown
        if ranges and ranges[-1][1] > len(content):
            # The cursor lost its place: fail as indexing past the content would.
            raise IndexError("list index out of range")
        run_index, run_count = 0, len(runs)
        for a, b in ranges:
            if b <= a:
                continue
            # The ranges are in order, so runs that end before this one are done with.
            while runs[run_index][1] <= a:
                run_index += 1
            for start, end, delta, fixed in itertools.islice(runs, run_index, run_count):
                if start >= b:
                    break
                lo = a if a > start else start
                hi = b if b < end else end
                if fixed is None:
                    src_lo, src_hi = lo + delta, hi + delta
                    text = source[src_lo:src_hi]
                    if content[lo:hi] == text:
                        # The usual case: the whole stretch is the source's own text.
                        copied.append((src_lo, src_hi))
                        stripped = text.lstrip()
                        if stripped:
                            head = src_hi - len(stripped)
                            tail = src_lo + len(text.rstrip()) - 1
                            if first < 0 or head < first:
                                first = head
                            if tail > last:
                                last = tail
                        continue
                for i in range(lo, hi):
                    src = i + delta if fixed is None else fixed
                    char = content[i]
                    if char == source[src] and char not in "\r\n":
                        copied.append((src, src + 1))
                        if not char.isspace():
                            if first < 0 or src < first:
                                first = src
                            if src > last:
                                last = src
        if first < 0:
            return
        start, end = first, last + 1
        self.blocks.append(Block(kind=kind, start=start, end=end, group=group))
        if kind == "heading" and self.first_heading is None:
            self.first_heading = " ".join(self.text(start, end).split())


def _union(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping ranges covering the same indices as ``ranges``."""
    merged: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if b <= a:
            continue
        if merged and a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


class _InlineCursor:
    """Finds, in order, where each inline token's source form sits in the content.

    ``run`` appends to ``shown`` the content ranges ``(start, end)`` of prose; everything
    else the tokens cover (markers, destinations, tags, code) stays hidden.
    """

    def __init__(self, content: str) -> None:
        self.content = content
        self.pos = 0
        self.code: list[tuple[int, int]] = []  # content ranges of inline code spans

    def _seek(self, needle: str) -> int:
        """Move past ``needle`` (found at or after the cursor); return where it started."""
        if not needle:
            return self.pos
        at = self.content.find(needle, self.pos)
        if at < 0:
            return self.pos
        self.pos = at + len(needle)
        return at

    def run(self, tokens: Iterable[Token], shown: list[tuple[int, int]], visible: bool = True) -> None:
        tokens = list(tokens)
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "text":
                at = self._seek(tok.content)
                if visible:
                    shown.append((at, at + len(tok.content)))
            elif kind == "text_special":
                at = self._seek(tok.markup)
                if visible:
                    if tok.info == "escape":
                        shown.append((at + 1, at + 2))  # the escaped character, not its backslash
                    else:
                        shown.append((at, at + len(tok.markup)))
            elif kind in ("softbreak", "hardbreak"):
                self._seek("\n")
            elif kind == "code_inline":
                opened = self._seek(tok.markup)
                self._seek(tok.markup)
                self.code.append((opened, self.pos))
            elif kind == "html_inline":
                self._seek(tok.content)
            elif kind in _EMPHASIS:
                self._seek(tok.markup)
            elif kind == "link_open" and tok.markup == "autolink":
                self._seek("<")
                while i < len(tokens) and tokens[i].type != "link_close":
                    i += 1
                self._seek(">")
            elif kind == "link_open":
                self._seek("[")
            elif kind == "link_close":
                self._seek("]")
                self._link_tail()
            elif kind == "image":
                self._seek("![")
                self.run(tok.children or [], shown, visible=False)
                self._seek("]")
                self._link_tail()
            i += 1

    def _link_tail(self) -> None:
        """Skip what follows a link's ']': ``(dest "title")``, ``[label]`` or nothing."""
        text, pos = self.content, self.pos
        if text.startswith("(", pos):
            end = len(text)
            pos = _skip_space(text, pos + 1)
            dest = parseLinkDestination(text, pos, end)
            if dest.ok:
                pos = _skip_space(text, dest.pos)
                title = parseLinkTitle(text, pos, end)
                if title.ok:
                    pos = _skip_space(text, title.pos)
            if text.startswith(")", pos):
                self.pos = pos + 1
        elif text.startswith("[", pos):
            close = pos + 1
            while close < len(text) and text[close] != "]":
                close += 2 if text[close] == "\\" else 1
            if close < len(text):
                self.pos = close + 1


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    return pos

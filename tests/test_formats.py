"""The format loaders: Markdown, HTML, plain text and claims files.

The article under tests/data/formats is a Wikinews text (CC BY 2.5, see the README
there) marked up in each format.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from markdown_it import MarkdownIt

import factlint
from factlint import CountClaim, DateClaim, Document, LoadError, PublishedDate, TemporalRelationClaim
from factlint.checker import Checker
from factlint.config import Config
from factlint.models import Source
from factlint.plugins import PluginHost
from factlint.registry import Registry
from factlint_plugins.formats import claims, html, markdown, text

DATA = Path(__file__).parent / "data" / "formats"


def config(**overrides: object) -> SimpleNamespace:
    values = {"published": None, "front_matter_date_key": None}
    values.update(overrides)
    return SimpleNamespace(**values)


def source(name: str, content: str | None = None) -> SimpleNamespace:
    path = DATA / name
    return SimpleNamespace(
        path=str(path),
        suffix=path.suffix.lower(),
        text=content if content is not None else path.read_text(encoding="utf-8"),
    )


def load(module, name: str, content: str | None = None, **config_values: object) -> Document:
    """Load through the engine with only ``module``'s loader, as a run does: the
    config's publication date, if any, then replaces the document's own."""
    given = source(name, content)
    checker = Checker(
        Config(**{k: v for k, v in config_values.items() if v is not None}),
        host=PluginHost([(module.__name__, module)]),
        registry=Registry(),
    )
    document, crashes, error = checker.load(Source(path=given.path, suffix=given.suffix, text=given.text))
    assert document is not None, (crashes, error)
    return document


def blocks(document: Document) -> list[tuple[str, int | None, str]]:
    return [(b.kind, b.group, document.text[b.start : b.end]) for b in document.blocks]


def load_error(module, name: str, content: str, **config_values: object) -> LoadError:
    with pytest.raises(LoadError) as info:
        module.factlint_load_document(source(name, content), config(**config_values))
    return info.value


# ------------------------------------------------------------------------- markdown


def assert_masked(document: Document) -> None:
    """The Markdown contract: same length, line breaks in place, prose copied verbatim."""
    assert len(document.text) == len(document.source)
    assert document.source_map.breakpoints == ()
    for i, char in enumerate(document.text):
        if char in "\r\n" or document.source[i] in "\r\n" or char != " ":
            assert char == document.source[i], i


def test_markdown_article_blocks_and_metadata() -> None:
    document = load(markdown, "asylum.md")
    assert_masked(document)
    assert document.format == "markdown"
    meta = document.metadata
    assert meta.title == "Over 900 asylum seekers rescued off Indonesian coast"
    assert meta.published == PublishedDate(value=dt.date(2015, 5, 18), precision="day")
    assert meta.language == "en"
    assert meta.extra == {"author": "Wikinews", "categories": ["Indonesia", "Malaysia", "Myanmar"]}

    kinds = [(kind, group) for kind, group, _ in blocks(document)]
    assert kinds == [
        ("heading", None),
        ("paragraph", None),
        ("paragraph", None),
        ("paragraph", None),
        ("paragraph", None),
        ("quote", None),
        ("paragraph", None),
        ("list_item", 1),
        ("list_item", 1),
        ("list_item", 2),
        ("list_item", 2),
        ("table_cell", None),
        ("table_cell", None),
        ("table_cell", None),
        ("table_cell", None),
        ("heading", None),
        ("list_item", 3),
    ]
    texts = [t for _, _, t in blocks(document)]
    assert texts[0] == "Over 900 asylum seekers rescued off Indonesian coast"
    assert texts[1] == "Monday, May 18, 2015"
    assert texts[9:11] == ["first and foremost,", "to save the lives of migrants now at sea."]
    assert texts[11:15] == ["Estimate", "Migrants", "At sea", "8000"]
    assert texts[5].startswith('"We are in contact')
    assert "\n  — Najib Razak" in texts[5]  # the quote marker of its second line is blanked


def test_markdown_markup_is_not_prose() -> None:
    document = load(markdown, "asylum.md")
    prose = document.text
    for markup in (
        "---",
        "published:",
        "https://",
        "Aceh province",
        "factlint-disable",
        "embed",
        "`",
        "**",
        "|",
        "#",
        ">",
    ):
        assert markup not in prose, markup
    assert "coast of  Aceh " in prose  # the link text stays, its brackets and destination go
    assert " Rohingya  " in prose
    assert "urged                                 to work together" in prose


def test_markdown_spans_map_to_what_a_reader_sees() -> None:
    document = load(markdown, "asylum.md")
    for block in document.blocks:
        span = document.span(block.start, block.end)
        line_start = document.source_map.line_starts[span.line - 1]
        assert line_start + span.column - 1 == block.start
        quoted = document.source_text(span)
        assert quoted[0] == document.text[block.start] and quoted[-1] == document.text[block.end - 1]
    first = document.blocks[0]
    span = document.span(first.start, first.end)
    assert (span.line, span.column, span.end_line, span.end_column) == (8, 3, 8, 55)
    start = document.text.index("Untied Nations")
    span = document.span(start, start + len("Untied Nations"))
    assert document.source_text(span) == "Untied Nations"
    line = document.source.splitlines()[16]
    assert (span.line, span.column) == (17, line.index("Untied") + 1)


MARKUP = """\
Escaped \\*stars\\* and 5 * 3 and snake_case_name and a_b_.
![Chart *of* boats](boats.png "Boats") <http://example.org> <span class="x">inline</span> <!-- note -->
A [reference][ref] and a [shortcut] and `code` with a hard\\
break and ~~struck~~ text.

## Closing hashes ##

Setext *heading*
----------------

> - quoted item
>   > quoted paragraph

1. first
2. second

- other list

| Name | Note \\| aside |
|------|---------------|
| A    | b             |

    indented code

<div>
block html
</div>

[ref]: https://example.org/ref
[shortcut]: https://example.org/short "Title"
"""


def test_markdown_inline_markup() -> None:
    document = load(markdown, "markup.md", MARKUP)
    assert_masked(document)
    assert blocks(document) == [
        (
            "paragraph",
            None,
            "Escaped  *stars * and 5 * 3 and snake_case_name and a_b_.\n"
            + " " * 76
            + "inline"
            + " " * 21
            + "\nA  reference       and a  shortcut  and        with a hard \nbreak and   struck   text.",
        ),
        ("heading", None, "Closing hashes"),
        ("heading", None, "Setext  heading"),
        ("list_item", 1, "quoted item"),
        ("quote", None, "quoted paragraph"),
        ("list_item", 2, "first"),
        ("list_item", 2, "second"),
        ("list_item", 3, "other list"),
        ("table_cell", None, "Name"),
        ("table_cell", None, "Note  | aside"),
        ("table_cell", None, "A"),
        ("table_cell", None, "b"),
    ]
    for hidden in ("boats", "Chart", "example.org", "span", "note", "code", "block html", "https"):
        assert hidden not in document.text, hidden


def test_markdown_title_falls_back_to_first_heading_and_crlf_keeps_offsets() -> None:
    content = "Intro line\r\n\r\n# The *headline*\r\n\r\n- one\r\n- two\r\n"
    document = load(markdown, "crlf.md", content)
    assert_masked(document)
    assert document.metadata.title == "The headline"
    assert blocks(document) == [
        ("paragraph", None, "Intro line"),
        ("heading", None, "The  headline"),
        ("list_item", 1, "one"),
        ("list_item", 1, "two"),
    ]
    item = document.blocks[3]
    span = document.span(item.start, item.end)
    assert (span.line, span.column) == (6, 3)


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("published: 2022-12", PublishedDate(value=dt.date(2022, 12, 1), precision="month")),
        ("published: 2022", PublishedDate(value=dt.date(2022, 1, 1), precision="year")),
        ("date: 2022-12-05 10:30:00", PublishedDate(value=dt.date(2022, 12, 5), precision="day")),
        ("pubdate: '2022-12-05T10:30:00Z'", PublishedDate(value=dt.date(2022, 12, 5), precision="day")),
        ("title: No date", None),
    ],
)
def test_markdown_front_matter_dates(front: str, expected: PublishedDate | None) -> None:
    document = load(markdown, "dated.md", f"---\n{front}\n---\nText.\n")
    assert document.metadata.published == expected
    assert_masked(document)
    assert document.text.strip() == "Text."


def test_markdown_date_key_and_override() -> None:
    content = "---\npublished: 2020-01-01\nupdated: 2021-03-04\n---\nText.\n"
    keyed = load(markdown, "keyed.md", content, front_matter_date_key="updated")
    assert keyed.metadata.published == PublishedDate.parse("2021-03-04")
    assert keyed.metadata.extra == {"published": "2020-01-01"}
    override = PublishedDate.parse("2019-07")
    assert load(markdown, "keyed.md", content, published=override).metadata.published == override


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ("---\ntitle: One\npublished: 2022-13-40\n---\nText.\n", 3, "front matter key 'published'"),
        ("---\ntitle: One\ndate: next week\n---\nText.\n", 3, "front matter key 'date'"),
        ("---\ntitle: One\n  bad: [indent\n---\nText.\n", 3, "not valid YAML"),
        ("---\ntitle: [unclosed\n---\nText.\n", 3, "not valid YAML"),
        ("---\n- a list\n---\nText.\n", 2, "must be a mapping"),
        ("---\ntitle: never closed\n\nText.\n", 1, "never closed"),
        ("---\ntitle: [1, 2]\n---\nText.\n", 2, "'title' should be text"),
    ],
)
def test_markdown_broken_front_matter(content: str, line: int, words: str) -> None:
    error = load_error(markdown, "broken.md", content)
    assert words in error.message
    assert error.line == line


def test_loaders_ignore_other_suffixes() -> None:
    other = SimpleNamespace(path="x.rst", suffix=".rst", text="Title\n=====\n")
    for module in (markdown, html, text, claims):
        assert module.factlint_load_document(other, config()) is None


# ----------------------------------------------------------------------------- html


def visible(fragment: str) -> str:
    """What a browser shows of a fragment of body HTML (enough for these tests)."""
    fragment = re.sub(r"<!--.*?-->|<[^>]*>", "", fragment, flags=re.S)
    return " ".join(html_lib.unescape(fragment).split())


def test_html_article_blocks_and_metadata() -> None:
    document = load(html, "asylum.html")
    assert document.format == "html"
    meta = document.metadata
    assert meta.title == "Over 900 asylum seekers rescued off Indonesian coast"
    assert meta.published == PublishedDate(value=dt.date(2015, 5, 18), precision="day")
    assert meta.language == "en"
    assert blocks(document) == [
        ("heading", None, "Over 900 asylum seekers rescued off Indonesian coast"),
        ("paragraph", None, "Monday, May 18, 2015"),
        (
            "paragraph",
            None,
            "On Friday, fishermen rescued over 700 asylum seekers whose boat sank, and the Indonesian "
            "Navy reportedly saved 200 more after they were found swimming along the coast of Aceh, Indonesia.",
        ),
        (
            "paragraph",
            None,
            "Major general Fuad Basya, spokesman for the Indonesian military, said fisherman first noticed "
            "the people. The rescued members included Bangladeshis and Rohingya, a stateless minority of "
            "Muslims from Myanmar.",
        ),
        (
            "paragraph",
            None,
            "Malaysia and Indonesia have maintained a policy of turning away boats of migrants which, "
            "according to AFP, the Untied Nations and United States have both criticised.",
        ),
        (
            "quote",
            None,
            "\u201cWe are in contact with all relevant parties\u201d, "
            "said Malaysia\u2019s Prime Minister, Najib Razak.",
        ),
        ("paragraph", None, "The US State Department said:"),
        ("list_item", 1, "John Kerry, the Secretary of State, contacted Thailand\u2019s foreign minister."),
        ("list_item", 1, "Jeff Rathke urged the governments of the region to work together:"),
        ("list_item", 2, "first and foremost,"),
        ("list_item", 2, "to save the lives of migrants now at sea."),
        ("table_cell", None, "Estimate"),
        ("table_cell", None, "Migrants"),
        ("table_cell", None, "At sea"),
        ("table_cell", None, "8000"),
    ]
    # Blocks are separated by a blank line, and nothing else is in the text.
    assert document.text == "\n\n".join(t for _, _, t in blocks(document))


def test_html_skips_what_is_not_prose() -> None:
    document = load(html, "asylum.html")
    for hidden in ("Wikinews", "max-width", "analytics", "not prose", "factlint-disable", "embed", "<", "&"):
        assert hidden not in document.text, hidden


def test_html_spans_map_back_to_the_source() -> None:
    document = load(html, "asylum.html")
    for block in document.blocks:
        span = document.span(block.start, block.end)
        quoted = document.source_text(span)
        assert visible(quoted) == document.text[block.start : block.end]
        line_start = document.source_map.line_starts[span.line - 1]
        assert document.source_offset(block.start) == line_start + span.column - 1
    # Every character of the text comes from the source character(s) it maps to.
    for i, char in enumerate(document.text):
        if char.isspace():
            continue
        assert visible(document.source_text(document.span(i, i + 1))) == char, i


@pytest.mark.parametrize("markdown_source", [MARKUP, (DATA / "asylum.md").read_text(encoding="utf-8")])
def test_html_rendered_from_markdown_maps_back(markdown_source: str) -> None:
    rendered = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(markdown_source)
    document = load(html, "rendered.html", rendered)
    assert document.blocks
    for i, char in enumerate(document.text):
        if char.isspace():
            continue
        quoted = document.source_text(document.span(i, i + 1))
        # A character right after end tags stands for them too ("</a>,").
        assert html_lib.unescape(re.sub(r"^(</\w+>)+", "", quoted)) == char, (i, quoted)


def test_html_entities_decode_and_map_back() -> None:
    content = (
        "<p>The group B&rsquo;Tselem &amp; <a href='#'>Torat Tzedek</a> said AT&T &#x2019;s&nbsp;fine"
        " (<i>Acme</i>), <b>B&rsquo;</b>s</p>"
    )
    document = load(html, "entities.html", content)
    assert document.text == "The group B\u2019Tselem & Torat Tzedek said AT&T \u2019s fine (Acme), B\u2019s"
    start = document.text.index("B\u2019Tselem")
    span = document.span(start, start + len("B\u2019Tselem"))
    assert document.source_text(span) == "B&rsquo;Tselem"
    assert (span.line, span.column, span.end_column) == (1, 14, 28)
    start = document.text.index("Torat")
    # A word that ends at a closing tag maps to the word alone.
    assert document.source_text(document.span(start, start + len("Torat Tzedek"))) == "Torat Tzedek"
    # Markup between two words goes with neither word.
    start = document.text.index("Acme")
    assert document.source_text(document.span(start, start + 4)) == "Acme"
    start = document.text.index("B\u2019s")
    assert document.source_text(document.span(start, start + 2)) == "B&rsquo;"
    start = document.text.index("AT&T")
    assert document.source_text(document.span(start, start + 4)) == "AT&T"


def test_html_implied_end_tags_and_lists() -> None:
    content = (
        "<html><head><title>Page &amp; title</title><body>"
        "<p>One<p>Two<ul><li>a<li>b</ul><ol><li>c</ol>"
        "<blockquote>Said<br>twice</blockquote><dl><dt>Term<dd>Meaning</dl>"
    )
    document = load(html, "implied.html", content)
    assert document.metadata.title == "Page & title"
    assert blocks(document) == [
        ("paragraph", None, "One"),
        ("paragraph", None, "Two"),
        ("list_item", 1, "a"),
        ("list_item", 1, "b"),
        ("list_item", 2, "c"),
        ("quote", None, "Said"),
        ("quote", None, "twice"),
        ("paragraph", None, "Term"),
        ("paragraph", None, "Meaning"),
    ]


def test_html_date_override_and_bad_date() -> None:
    content = '<html>\n<head>\n<meta name="date" content="2015-05-18">\n</head><p>Text</p>'
    override = PublishedDate.parse("2016")
    assert load(html, "dated.html", content, published=override).metadata.published == override
    error = load_error(html, "bad.html", content.replace("2015-05-18", "May 2015"))
    assert error.line == 3
    assert "<meta date>" in error.message and "YYYY-MM-DD" in error.message


# ----------------------------------------------------------------------------- text


def test_text_blocks_and_lists() -> None:
    document = load(text, "asylum.txt")
    assert document.text == document.source
    assert document.format == "text"
    assert [(kind, group) for kind, group, _ in blocks(document)] == [
        ("paragraph", None),
        ("paragraph", None),
        ("paragraph", None),
        ("paragraph", None),
        ("list_item", 1),
        ("list_item", 1),
        ("list_item", 2),
        ("list_item", 2),
        ("paragraph", None),
    ]
    texts = [t for _, _, t in blocks(document)]
    assert texts[4] == "John Kerry, the Secretary of State, contacted Thailand's foreign minister."
    assert texts[5] == "Jeff Rathke urged the governments of the region to work together,\n  first and foremost."
    assert texts[6:8] == ["Malaysia", "Indonesia"]
    item = document.blocks[6]
    span = document.span(item.start, item.end)
    assert (span.line, span.column) == (14, 4)
    assert document.metadata.published is None


def test_text_bullets_and_config_date() -> None:
    content = "Intro:\n\u2022 one\n\n\u2022 two\n* three\nAfter the list.\n"
    document = load(text, "bullets.txt", content, published=PublishedDate.parse("2020-02"))
    assert blocks(document) == [
        ("paragraph", None, "Intro:"),
        ("list_item", 1, "one"),
        ("list_item", 1, "two"),
        ("list_item", 1, "three"),
        ("paragraph", None, "After the list."),
    ]
    assert str(document.metadata.published) == "2020-02"


# --------------------------------------------------------------------------- claims


def test_claims_json() -> None:
    document = load(claims, "asylum.claims.json")
    assert document.format == "claims"
    assert document.text == document.source
    assert document.text.startswith("Over 900 asylum seekers")
    assert document.metadata.title == "Over 900 asylum seekers rescued off Indonesian coast"
    assert str(document.metadata.published) == "2015-05-18"
    assert document.metadata.extra["document_path"] == "asylum.md"
    count, date, entity = document.claims
    assert isinstance(count, CountClaim) and count.value == 900 and count.qualifier == "more_than"
    assert isinstance(date, DateClaim) and date.start == dt.date(2015, 5, 15)
    # Missing positions are filled from document.text; given ones are kept.
    assert (date.span.line, date.span.column, date.span.end_line, date.span.end_column) == (3, 1, 3, 10)
    assert document.text[date.span.start : date.span.end] == "On Friday"
    assert (entity.span.line, entity.span.column) == (1, 37)
    assert [b.kind for b in document.blocks] == ["paragraph", "paragraph"]


def test_claims_yaml_without_text() -> None:
    document = load(claims, "asylum.claims.yaml", published=None)
    assert document.text == ""
    assert str(document.metadata.published) == "2015-05"
    found = document.claims
    assert [c.kind for c in found] == ["count", "date", "date", "temporal-relation"]
    assert isinstance(found[3], TemporalRelationClaim)
    span = found[0].span
    assert (span.line, span.column, span.end_line, span.end_column) == (1, 31, 1, 54)
    override = PublishedDate.parse("2015-05-18")
    assert load(claims, "asylum.claims.yaml", published=override).metadata.published == override


def claims_json(*claim_list: str, extra: str = "") -> str:
    joined = ",\n  ".join(claim_list)
    return f'{{"schema_version": 1,{extra}\n "claims": [\n  {joined}\n ]}}'


ENTITY = '{"kind": "entity", "id": "e%d", "text": "AFP", "name": "AFP", "span": {"start": 0, "end": 3}}'


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        (
            claims_json(ENTITY % 1, ENTITY % 2, ENTITY % 3, ENTITY.replace('"end": 3', '"end": -3') % 4),
            "claims[3].span.end: Input should be greater than or equal to 0",
            6,
        ),
        (
            claims_json(ENTITY % 1, ENTITY.replace('"name": "AFP", ', "") % 2),
            "claims[1].name: Field required",
            4,
        ),
        (
            claims_json(ENTITY.replace('"entity"', '"person"') % 1),
            "claims[0].kind: Input tag 'person' found using 'kind' does not match",
            3,
        ),
        (
            claims_json(ENTITY.replace('"name"', '"typo": 1, "name"') % 1),
            "claims[0].typo: Extra inputs are not permitted",
            3,
        ),
        (
            claims_json(ENTITY % 1, extra=' "document": {"published": "last week"},'),
            "document.published: Value error, expected a date as YYYY, YYYY-MM or YYYY-MM-DD",
            1,
        ),
        (claims_json(ENTITY % 1, ENTITY % 1), "claims[1].id: 'e1' is already the id of claims[0]", 4),
        (
            claims_json(
                ENTITY % 1,
                '{"kind": "temporal-relation", "id": "t1", "text": "after", "relation": "after", '
                '"cue": "after", "subject": "e1", "object": "d9", "span": {"start": 0, "end": 5}}',
            ),
            "claims[1].object: no claim has the id 'd9'",
            4,
        ),
        (
            claims_json(ENTITY % 1, extra=' "document": {"text": "AF"},'),
            "claims[0].span.end: 3 is past the end of document.text (2 characters)",
            3,
        ),
        (
            claims_json(ENTITY % 1).replace('"schema_version": 1', '"schema_version": 2'),
            "schema_version: expected 1, found 2",
            1,
        ),
        (claims_json(ENTITY % 1).replace('"schema_version": 1,', ""), "schema_version: expected 1, found missing", 1),
        (claims_json(ENTITY % 1).replace('"AFP",', '"AFP",,', 1), "not valid JSON: Expecting property name", 3),
    ],
)
def test_claims_errors(content: str, message: str, line: int | None) -> None:
    error = load_error(claims, "bad.json", content)
    assert error.message.startswith(message), error.message
    assert error.line == line


def test_claims_yaml_errors() -> None:
    error = load_error(claims, "bad.yaml", "schema_version: 1\nclaims:\n  - kind: entity\n   id: e1\n")
    assert error.message.startswith("not valid YAML")
    assert (error.line, error.column) == (4, 4)
    content = (
        "schema_version: 1\nclaims:\n  - kind: count\n    id: c1\n    text: ten\n    value: ten\n"
        "    span: {start: 0, end: 3}\n"
    )
    error = load_error(claims, "bad.yml", content)
    assert error.message.startswith("claims[0].value: Input should be a valid integer")
    assert (error.line, error.column) == (6, 12)


def test_json_that_is_not_a_claims_file_is_left_to_others() -> None:
    assert claims.factlint_load_document(source("registry.json", '{"entities": []}'), config()) is None
    assert claims.factlint_load_document(source("list.yaml", "- a\n- b\n"), config()) is None


def test_claims_file_schema() -> None:
    schema = factlint.claims_file_schema()
    assert schema["title"] == "factlint claims file"
    assert set(schema["properties"]) == {"schema_version", "document", "claims"}
    assert schema["additionalProperties"] is False
    assert "CountClaim" in schema["$defs"]

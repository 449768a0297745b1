"""Front matter, YAML, JSON and Markdown built to hang, exhaust memory or crash a loader.

An alias bomb, a recursive alias, an integer too long to convert, a list nested past
markdown-it's limit, front matter with CRLF line breaks, a file of unclosed ``<!--``.
Each must be read in milliseconds, or refused as one ``engine/input-error`` naming the
file and line, never reported as a plugin crash. What could hang or fill the memory runs
in a child process with a time limit and an address-space limit.
"""

from __future__ import annotations

import io
import json
import re
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import pytest

from factlint import LoadError
from factlint.cli import main
from factlint.registry import RegistryError, load_registry
from factlint_plugins.formats import _frontmatter, claims, markdown

CHILD_TIMEOUT = 20  # seconds; each case here takes well under 3, most of it start-up
MEMORY_LIMIT = 1 << 30  # bytes of address space for the child: a bomb would need far more
MISCOUNT = "The three groups met: Alpha, Beta, Gamma and Delta.\n"


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_child(*argv: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """``factlint`` in its own process, limited in time and memory; and its seconds."""
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "factlint", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=False,
        preexec_fn=_limit_memory,
    )
    return done, time.monotonic() - started


def error_lines(done: subprocess.CompletedProcess[str]) -> list[str]:
    """The lines naming a finding or an error: everything but the closing summary."""
    lines = (done.stdout + done.stderr).splitlines()
    return [line for line in lines if line.strip() and not line.startswith(("No findings", "Found "))]


def alias_bomb(levels: int, width: int = 9, *, indent: str = "") -> str:
    """YAML mapping lines whose last alias stands for ``width ** levels`` scalars."""
    lines = [f"{indent}a0: &a0 [{', '.join(['lol'] * width)}]"]
    for level in range(1, levels):
        lines.append(f"{indent}a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * width)}]")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ alias bombs, CLI


def test_a_front_matter_alias_bomb_is_one_input_error_in_a_child(tmp_path: Path) -> None:
    # 3 KB: 48 levels of nine aliases each, 9**48 scalars once expanded. Before the
    # bound, eight levels (450 bytes) took 77 s and 1.2 GB to be reported as clean.
    bomb = alias_bomb(48)
    assert 2_500 < len(bomb) < 3_500
    (tmp_path / "bomb.md").write_text("---\ntitle: Bomb\n" + bomb + "---\n\n" + MISCOUNT, encoding="utf-8")
    done, seconds = run_child("check", "--no-cache", "bomb.md", cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    [line] = error_lines(done)
    # Line 7 holds a4, whose nine *a3 aliases pass 10,000 nodes (9 + 81 + 729 + 6561 * 2).
    assert line.startswith("bomb.md:7:"), line
    assert "engine/input-error" in line and "aliases expand to more than 10,000 nodes" in line
    assert "plugin-error" not in done.stdout + done.stderr
    assert seconds < 10


def test_a_claims_file_alias_bomb_is_one_input_error_in_a_child(tmp_path: Path) -> None:
    text = "schema_version: 1\ndocument:\n  extra:\n" + alias_bomb(30, indent="    ") + "claims: []\n"
    (tmp_path / "bomb.claims.yaml").write_text(text, encoding="utf-8")
    done, seconds = run_child("check", "--no-cache", "bomb.claims.yaml", cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    [line] = error_lines(done)
    assert line.startswith("bomb.claims.yaml:8:"), line
    assert "engine/input-error" in line and "aliases expand" in line
    assert seconds < 10


def test_a_registry_alias_bomb_is_one_input_error_in_a_child(tmp_path: Path) -> None:
    text = alias_bomb(30) + "entities:\n  - canonical: Torat Tzedek\n    aliases: *a29\n"
    (tmp_path / "names.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "a.md").write_text(MISCOUNT, encoding="utf-8")
    done, seconds = run_child("check", "--no-cache", "--registry", "names.yaml", "a.md", cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    [line] = [line for line in error_lines(done) if "names.yaml" in line]
    assert line.startswith("names.yaml:5:"), line
    assert "engine/input-error" in line and "aliases expand to more than 10,000 nodes" in line
    assert seconds < 10


def test_the_server_refuses_a_front_matter_bomb_as_an_input_error() -> None:
    pytest.importorskip("fastapi", reason="the server extra is not installed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Starlette's note about the httpx fork
        from fastapi.testclient import TestClient
    from factlint.server.app import Desk, create_app, load_config

    text = "---\ntitle: Bomb\n" + alias_bomb(48) + "---\n\n" + MISCOUNT
    with TestClient(create_app(desk=Desk(load_config(None)))) as client:
        started = time.monotonic()
        reply = client.post("/v1/check", json={"text": text, "format": "markdown"})
        seconds = time.monotonic() - started
    assert reply.status_code == 200
    [error] = reply.json()["errors"]
    assert (error["rule"], error["line"]) == ("engine/input-error", 7)
    assert "aliases expand to more than 10,000 nodes" in error["message"]
    assert seconds < 5


# ------------------------------------------------- front matter: each refusal, placed


def front_matter_error(body: str) -> LoadError:
    with pytest.raises(LoadError) as caught:
        markdown.load_markdown(f"---\n{body}---\n\n{MISCOUNT}", path="a.md")
    return caught.value


def test_a_recursive_alias_is_an_input_error_at_its_line() -> None:
    error = front_matter_error("title: x\nloop: &a [1, *a]\n")
    assert "alias *a is inside the node it names" in str(error)
    assert (error.line, error.column) == (3, 14)


def test_a_recursive_merge_key_is_an_input_error() -> None:
    error = front_matter_error("title: x\nloop: &a\n  key: 1\n  <<: *a\n")
    assert "alias *a is inside the node it names" in str(error)
    assert error.line == 5


def test_an_integer_past_the_conversion_limit_is_an_input_error() -> None:
    error = front_matter_error("title: x\nviews: " + "7" * 5_000 + "\n")
    assert "integer of 5,000 digits is longer than the 4,300 that can be read" in str(error)
    assert (error.line, error.column) == (3, 8)


def test_collections_nested_past_the_bound_are_an_input_error() -> None:
    error = front_matter_error("deep: " + "[" * 5_000 + "]" * 5_000 + "\n")
    assert "nest more than 100 deep" in str(error)
    assert error.line == 2


def test_aliases_within_the_bound_are_still_read() -> None:
    body = "title: x\nbyline: &who [Ann, Bo]\neditors: *who\n" + alias_bomb(4)  # 9**4 = 6,561 nodes
    document = markdown.load_markdown(f"---\n{body}---\n\n{MISCOUNT}", path="a.md")
    assert document.metadata.extra["editors"] == ["Ann", "Bo"]
    assert len(document.metadata.extra["a3"]) == 9


def test_the_bound_counts_nodes_not_distinct_nodes() -> None:
    # Aliases to aliases: few distinct nodes, more than 10,000 once expanded.
    with pytest.raises(LoadError, match="aliases expand to more than 10,000 nodes"):
        _frontmatter.split_front_matter("---\n" + alias_bomb(6, width=5) + "---\n")


# ------------------------------------------------------------- claims and registries


def test_a_json_integer_past_the_conversion_limit_is_an_input_error() -> None:
    text = '{"schema_version": 1,\n "claims": [], "n": ' + "1" * 5_000 + "}\n"
    with pytest.raises(LoadError) as caught:
        claims._parse(text, yaml_syntax=False)
    assert "integer of 5,000 digits is longer than the 4,300 that can be read" in str(caught.value)
    assert (caught.value.line, caught.value.column) == (2, 21)


def test_json_nested_past_the_interpreter_stack_is_an_input_error() -> None:
    text = '{"schema_version": 1, "claims": [], "n": ' + "[" * 100_000 + "]" * 100_000 + "}"
    with pytest.raises(LoadError, match="nest too deeply"):
        claims._parse(text, yaml_syntax=False)


def test_a_recursive_claims_file_is_an_input_error() -> None:
    with pytest.raises(LoadError, match=r"alias \*c is inside the node it names") as caught:
        claims._parse("schema_version: 1\nclaims: &c [*c]\n", yaml_syntax=True)
    assert caught.value.line == 2


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("- &a\n  canonical: x\n  aliases: *a\n", "alias *a is inside the node it names", 3),
        ("- canonical: x\n  n: " + "1" * 5_000 + "\n", "integer of 5,000 digits", 2),
        (alias_bomb(8) + "- canonical: x\n", "aliases expand to more than 10,000 nodes", 5),
    ],
    ids=["recursive", "long-integer", "bomb"],
)
def test_a_hostile_registry_is_a_registry_error_at_its_line(
    tmp_path: Path, text: str, message: str, line: int
) -> None:
    path = tmp_path / "names.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry([path])
    assert message in caught.value.message
    assert caught.value.line == line


def test_a_registry_with_aliases_within_the_bound_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "names.yaml"
    path.write_text(
        "- canonical: Torat Tzedek\n  avoid: &bad [Tora Tzedek]\n- canonical: Bnei Adam\n  avoid: [Bnei Adem]\n"
        "- canonical: Rabbis for Human Rights\n  aliases: *bad\n",
        encoding="utf-8",
    )
    registry = load_registry([path])
    assert registry.accepted("Tora Tzedek") is not None
    assert registry.avoided("Tora Tzedek") is not None


# ------------------------------------------------------------------- CRLF front matter


def check_json(path: Path) -> Any:
    out, err = io.StringIO(), io.StringIO()
    code = main(["check", "--no-cache", "--format", "json", str(path)], out=out, err=err)
    assert code == 1, err.getvalue()
    return json.loads(out.getvalue())


def test_crlf_front_matter_is_read_like_lf_with_the_same_places(tmp_path: Path) -> None:
    lf = "---\ntitle: Letter\npublished: 2022-01-01\n---\n\nA note.\n" + MISCOUNT
    crlf = lf.replace("\n", "\r\n")
    (tmp_path / "lf.md").write_bytes(lf.encode())
    (tmp_path / "crlf.md").write_bytes(crlf.encode())

    document = markdown.load_markdown(crlf, path="crlf.md")
    assert document.metadata.title == "Letter"
    assert str(document.metadata.published) == "2022-01-01"

    [lf_finding] = check_json(tmp_path / "lf.md")["findings"]
    [crlf_finding] = check_json(tmp_path / "crlf.md")["findings"]
    assert crlf_finding["rule"] == "count/mismatch"
    places = ("line", "column", "end_line", "end_column")
    # The golden places: "three groups" on line 7, columns 5 to 17.
    assert [crlf_finding[key] for key in places] == [7, 5, 7, 17]
    assert [crlf_finding[key] for key in places] == [lf_finding[key] for key in places]
    # Offsets count the carriage returns, and still point at the words.
    assert crlf[crlf_finding["start"] : crlf_finding["end"]] == "three groups"
    for related, lf_related in zip(crlf_finding["related"], lf_finding["related"], strict=True):
        assert [related[key] for key in places] == [lf_related[key] for key in places]
        assert crlf[related["start"] : related["end"]] == related["text"]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_front_matter_closes_on_any_line_break(newline: str) -> None:
    text = newline.join(["---", "title: x", "date: 2022-01-02", "...", "", "Body."])
    front = _frontmatter.split_front_matter(text)
    assert front is not None
    assert front.data["title"] == "x"
    assert front.lines == {"title": 2, "date": 3}
    assert text[front.end :] == newline + "Body."


def test_an_unclosed_crlf_front_matter_is_still_an_error() -> None:
    with pytest.raises(LoadError, match="never closed"):
        _frontmatter.split_front_matter("---\r\ntitle: x\r\n----\r\nBody.\r\n")


# ------------------------------------------------------------ deeply nested Markdown


@pytest.mark.parametrize("depth", [10, 11, 40, 300])
def test_the_text_after_a_deeply_nested_list_is_still_checked(depth: int) -> None:
    items = [("  " * level) + f"- item {level}" for level in range(depth)]
    text = "# Title\n\n" + "\n".join(items) + "\n\n" + MISCOUNT
    document = markdown.load_markdown(text, path="a.md")
    start = text.index("The three groups")
    assert document.text[start:] == text[start:]
    assert any(block.start == start for block in document.blocks)

    out, err = io.StringIO(), io.StringIO()
    code = _check_text(text, out, err)
    assert code == 1, err.getvalue()
    [finding] = json.loads(out.getvalue())["findings"]
    assert finding["rule"] == "count/mismatch"
    assert finding["line"] == depth + 4


def test_the_text_after_deeply_nested_quotes_is_still_checked() -> None:
    text = "\n".join(("> " * level) + "quoted" for level in range(1, 40)) + "\n\n" + MISCOUNT
    document = markdown.load_markdown(text, path="a.md")
    start = text.index("The three groups")
    assert document.text[start:] == text[start:]


def _check_text(text: str, out: io.StringIO, err: io.StringIO) -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.md"
        path.write_text(text, encoding="utf-8")
        return main(["check", "--no-cache", "--format", "json", str(path)], out=out, err=err)


def test_a_list_within_the_limit_is_parsed_as_before() -> None:
    # Nine levels stay under markdown-it's limit: list items, not flattened text.
    items = [("  " * level) + f"- item {level}" for level in range(9)]
    document = markdown.load_markdown("\n".join(items) + "\n", path="a.md")
    assert [block.kind for block in document.blocks] == ["list_item"] * 9
    assert "-" not in document.text


# ------------------------------------------------------------- unclosed HTML comments


COMMENT_CHILD = """
import sys, time
from factlint_plugins.formats.markdown import load_markdown
text = "The three groups met.\\n\\n" + "<!--" * (int(sys.argv[1]) // 4) + "\\n"
started = time.monotonic()
document = load_markdown(text, path="a.md")
print(len(document.comments), round(time.monotonic() - started, 3))
"""


@pytest.mark.parametrize("size", [64 * 1024, 256 * 1024])
def test_unclosed_comment_openers_load_in_linear_time(size: int) -> None:
    # The pattern <!--.*?--> took 18 s on 64 KB of openers and over 120 s on 256 KB.
    done = subprocess.run(
        [sys.executable, "-c", COMMENT_CHILD, str(size)],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=True,
        preexec_fn=_limit_memory,
    )
    count, seconds = done.stdout.split()
    assert count == "0"
    assert float(seconds) < 3


@pytest.mark.parametrize(
    "text",
    [
        "A <!-- one --> b <!----> c <!--> d --> e <!-- unclosed <!-- also -->",
        "<!-- a --><!-- b -->",
        "x <!-- never closed",
        "<!-- closed --> then <!-- not",
        "--> <!-- - -- --->",
    ],
)
def test_comments_are_found_as_the_pattern_found_them(text: str) -> None:
    expected = [m.span() for m in re.finditer(r"<!--.*?-->", text, re.DOTALL)]
    assert list(markdown._html_comments(text, 0)) == expected

"""The checking page of ``factlint serve`` in real headless Chromium.

The server runs as its own process on a free loopback port, as an editor would start
it; Playwright drives the page the way an editor would: paste, date, check, choose,
accept, dismiss, download, and the keyboard.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from _chromium import CHROMIUM, FLAGS

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (Debian: apt-get install chromium)", allow_module_level=True)
pytest.importorskip("fastapi", reason="the server extra is not installed: pip install 'factlint[server]'")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (test extra)")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_30fba8cf1e1c4e60.txt"
REGISTRY = ROOT / "seeds" / "registry.yaml"

SEED_FINDINGS = {
    "Center for the Defense of the Individual": "info",
    "Parents Against Child Arrest": "warning",
    "Fighters for Peace": "warning",
    "Turat Zedek": "warning",
}

HOSTILE = """Groups protest

<script>window.__pwned = 1; document.title = 'PWNED'</script>
The letter was signed by four groups: Alpha, Beta and Gamma. <img src=x onerror="window.__pwned = 2; document.title = 'PWNED'">
Fighters for Peace said so. <svg onload="window.__pwned = 3"></svg>
"""  # noqa: E501 (the article as pasted, one paragraph a line)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _serving(folder: Path, *args: str) -> Iterator[str]:
    """``factlint serve ARGS`` as a subprocess started in ``folder``; yields its address."""
    port = _free_port()
    log = (folder / "server.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "factlint.server", "--host", "127.0.0.1", "--port", str(port), *args],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as r:
                    if json.load(r)["status"] == "ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the server did not start:\n{(folder / 'server.log').read_text()}")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``factlint serve`` with a config naming the seed registry."""
    folder = tmp_path_factory.mktemp("serve")
    config = folder / "factlint.toml"
    config.write_text(f"registries = [{json.dumps(str(REGISTRY))}]\n", encoding="utf-8")
    with _serving(folder, "--config", str(config)) as base:
        yield base


@pytest.fixture(scope="module")
def bare_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``factlint serve`` started where no config is found: no registry."""
    folder = tmp_path_factory.mktemp("bare")
    with _serving(folder) as base:
        yield base


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """``factlint serve --registry-writable`` with a copy of the seed registry; yields
    the address and the copy."""
    folder = tmp_path_factory.mktemp("writable")
    registry = folder / "registry.yaml"
    shutil.copyfile(REGISTRY, registry)
    (folder / "factlint.toml").write_text('registries = ["registry.yaml"]\n', encoding="utf-8")
    with _serving(folder, "--registry-writable") as base:
        yield base, registry


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=list(FLAGS))
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, server: str):
    context = browser.new_context()
    page = context.new_page()
    page.on("dialog", lambda d: pytest.fail(f"the page opened a dialog: {d.message}"))
    response = page.goto(server + "/")
    assert response is not None and response.ok
    yield page
    context.close()


def _run_check(page, text: str, fmt: str, published: str = "") -> None:
    if page.is_visible("#edit"):  # after a check the article shows marked, not in its text box
        page.click("#edit")
    page.fill("#article", text)
    page.select_option("#format", fmt)
    page.fill("#published", published)
    page.click("#run")
    # A locator wait: the page's CSP forbids the string eval a predicate would need.
    sync_api.expect(page.locator("#status")).to_contain_text("finding", timeout=30_000)


def test_an_editor_checks_the_seed_and_accepts_a_suggestion(page, server: str, tmp_path: Path) -> None:
    csp = page.evaluate("() => fetch('/').then(r => r.headers.get('content-security-policy'))")
    assert "default-src 'none'" in csp

    _run_check(page, SEED.read_text(encoding="utf-8"), "text", "2022-12")
    assert page.text_content("#status") == "4 findings: 3 warnings, 1 info."
    marks = page.eval_on_selector_all("#rendered mark", "ms => ms.map(m => [m.textContent, m.className])")
    assert {text: cls.split()[1].removeprefix("sev-") for text, cls in marks} == SEED_FINDINGS
    assert page.locator("#findings li").count() == 4
    page.locator("#rendered mark").first.scroll_into_view_if_needed()
    shot = tmp_path / "checked-seed.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot of the checked seed: {shot}")

    # Choosing a finding scrolls to its span and selects it.
    turat = page.locator("#findings li", has_text="Turat Zedek")
    turat.locator("button.choose").click()
    assert page.evaluate("() => window.getSelection().toString()") == "Turat Zedek"
    assert page.locator("#rendered mark.current").text_content() == "Turat Zedek"
    assert "Suggestion: Torat Tzedek" in turat.text_content()
    assert "confidence 95%" in turat.text_content()

    turat.locator("button.accept").click()
    corrected = page.input_value("#article")
    assert "Torat Tzedek" in corrected and "Turat Zedek" not in corrected
    assert "Torat Tzedek" in page.text_content("#rendered")
    assert page.text_content("#status").startswith("Accepted “Torat Tzedek”. 3 findings")
    # The other highlights still sit on their names after the text changed length.
    marks = page.eval_on_selector_all("#rendered mark", "ms => ms.map(m => m.textContent)")
    assert sorted(marks) == sorted(k for k in SEED_FINDINGS if k != "Turat Zedek")

    # The corrected text downloads as it now reads.
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_text(encoding="utf-8") == corrected

    # Dismiss hides a finding for this session; it can be shown again.
    page.locator("#findings li", has_text="Fighters for Peace").locator("button.dismiss").click()
    assert page.locator("#findings li").count() == 2
    assert "Fighters for Peace" not in page.eval_on_selector_all("#rendered mark", "ms => ms.map(m => m.textContent)")
    page.click("#restore")
    assert page.locator("#findings li").count() == 3


def test_the_keyboard_moves_between_findings(page) -> None:
    _run_check(page, SEED.read_text(encoding="utf-8"), "text", "2022-12")
    page.focus("#results-heading")
    page.keyboard.press("j")
    assert page.evaluate("() => document.activeElement.textContent") == "“Center for the Defense of the Individual”"
    page.keyboard.press("j")
    assert page.evaluate("() => window.getSelection().toString()") == "Parents Against Child Arrest"
    page.keyboard.press("k")
    page.keyboard.press("k")
    assert page.evaluate("() => document.activeElement.textContent") == "“Turat Zedek”"
    # Enter on a focused finding works as a click; the focus ring is visible.
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    # Typing j into the article does not move between findings.
    page.click("#edit")
    page.focus("#article")
    page.keyboard.press("End")
    page.keyboard.press("j")
    assert page.input_value("#article").endswith("j")


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_article_markup_is_shown_never_run(page, fmt: str) -> None:
    title = page.title()
    _run_check(page, HOSTILE, fmt, "2022-12")
    page.wait_for_timeout(300)  # give a stray onerror time to fire
    assert page.evaluate("() => window.__pwned") is None
    assert page.title() == title
    assert page.locator("#rendered script, #rendered img, #rendered svg").count() == 0
    shown = page.text_content("#rendered")
    assert "<script>window.__pwned = 1;" in shown and 'onerror="window.__pwned = 2;' in shown
    assert "Fighters for Peace" in page.eval_on_selector_all("#rendered mark", "ms => ms.map(m => m.textContent)")


def test_the_control_page_shows_the_browser_would_run_that_markup(browser) -> None:
    """Without factlint in between, the same markup does run here: so the clean result
    above means the page kept it inert, not that this browser runs nothing."""
    page = browser.new_page()
    try:
        page.set_content(f"<body>{HOSTILE}</body>")
        page.wait_for_function("() => window.__pwned !== undefined")
        assert page.evaluate("() => window.__pwned") in (1, 2, 3)
    finally:
        page.close()


def test_a_bad_date_is_refused_in_the_page(page) -> None:
    page.fill("#article", "Some text.")
    page.fill("#published", "last week")
    page.click("#run")
    assert page.text_content("#form-error") == "Write the publication date as YYYY, YYYY-MM or YYYY-MM-DD."
    assert page.evaluate("() => document.activeElement.id") == "published"


def test_no_request_leaves_the_server(page, server: str) -> None:
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url))
    page.reload()
    _run_check(page, SEED.read_text(encoding="utf-8"), "text", "2022-12")
    assert seen and all(url.startswith(server + "/") for url in seen), seen


LETTER = "Dear editor,\nThe statement was signed by Combatants for Peace and by Yesh Din.\n"
LETTER_ARTICLE = "Groups speak out\n\nThe statement was signed by Combatants for Piece and by Yesh Din.\n"


def _add_pasted_source(page, name: str, text: str, fmt: str = "text") -> None:
    page.fill("#source-text", text)
    page.fill("#source-name", name)
    page.select_option("#source-format", fmt)
    page.click("#add-source")


def _source_finding(page):
    return page.locator("#findings li", has_text="source/name")


def test_a_pasted_source_is_sent_with_each_check_and_quoted_in_its_findings(page, tmp_path: Path) -> None:
    sent: list[dict] = []
    page.on("request", lambda r: sent.append(json.loads(r.post_data)) if "/v1/check" in r.url else None)
    assert page.text_content("#source-status") == "No sources added."
    page.click("#add-source")
    assert page.text_content("#source-error") == "Paste the source's text first, or add it from a file."
    assert page.evaluate("() => document.activeElement.id") == "source-text"

    _add_pasted_source(page, "letter.txt", LETTER)
    assert page.text_content("#source-status") == "Added letter.txt. 1 source sent with each check (at most 20)."
    assert page.input_value("#source-text") == "" and page.input_value("#source-name") == ""
    item = page.locator("#source-list li")
    assert item.count() == 1 and item.locator(".source-name").text_content() == "letter.txt"
    assert "Plain text" in item.text_content()
    item.locator("summary").click()
    assert item.locator("pre").text_content() == LETTER

    _run_check(page, LETTER_ARTICLE, "text")
    assert sent[-1]["sources"] == [{"name": "letter.txt", "text": LETTER, "format": "text"}]
    finding = _source_finding(page)
    assert finding.count() == 1
    related = finding.locator("p.related")
    assert related.text_content() == "in letter.txt: “Combatants for Peace” (the source's spelling, line 2)"
    # The article's own passage is highlighted; the source's is only quoted.
    assert "Combatants for Piece" in page.eval_on_selector_all("#rendered mark", "ms => ms.map(m => m.textContent)")
    assert "Combatants for Peace" not in page.text_content("#rendered")
    shot = tmp_path / "checked-with-source.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot of a check with a source: {shot}")

    # Accepting the source's spelling puts it in the article.
    finding.locator("button.accept").click()
    assert "Combatants for Peace and by Yesh Din" in page.input_value("#article")

    # A second source of the same name is told apart; removing sources takes them out of the next check.
    _add_pasted_source(page, "letter.txt", "<p>Yesh Din said so.</p>", "html")
    names = page.eval_on_selector_all("#source-list .source-name", "ns => ns.map(n => n.textContent)")
    assert names == ["letter.txt", "letter.txt (2)"]
    page.locator("#source-list li", has_text="letter.txt (2)").locator("button.remove").click()
    assert page.text_content("#source-status") == "Removed letter.txt (2). 1 source sent with each check (at most 20)."
    page.get_by_role("button", name="Remove the source letter.txt").click()
    assert page.text_content("#source-status") == "Removed letter.txt. No sources added."
    assert page.evaluate("() => document.activeElement.id") == "source-text"
    _run_check(page, LETTER_ARTICLE, "text")
    assert sent[-1]["sources"] == []
    assert _source_finding(page).count() == 0


def test_sources_are_uploaded_from_files(page) -> None:
    letter = {"name": "letter.md", "mimeType": "text/markdown", "buffer": ("\ufeff" + LETTER).encode("utf-8")}
    notes = {"name": "notes.rtf", "mimeType": "text/plain", "buffer": b"Yesh Din, on the phone."}
    empty = {"name": "blank.txt", "mimeType": "text/plain", "buffer": b"  \n"}
    page.select_option("#source-format", "text")
    page.set_input_files("#source-file", files=[letter, notes, empty])
    sync_api.expect(page.locator("#source-status")).to_have_text(
        "Added letter.md, notes.rtf. 2 sources sent with each check (at most 20)."
    )
    assert page.text_content("#source-error") == "blank.txt is empty."
    metas = page.eval_on_selector_all("#source-list summary .meta", "ms => ms.map(m => m.textContent)")
    # The format follows a known extension; an unknown one takes the format chosen in the form.
    assert [m.split(" · ")[0] for m in metas] == ["Markdown", "Plain text"]
    _run_check(page, LETTER_ARTICLE, "text")
    related = _source_finding(page).locator("p.related")
    assert related.text_content().startswith("in letter.md: “Combatants for Peace”")

    # At most 20 sources: the page says so and adds no more.
    many = [{"name": f"s{i}.txt", "mimeType": "text/plain", "buffer": b"Yesh Din."} for i in range(20)]
    page.set_input_files("#source-file", files=many)
    sync_api.expect(page.locator("#source-list li")).to_have_count(20)
    assert page.text_content("#source-error") == "2 files not added: a check takes at most 20 sources."
    assert page.text_content("#source-status").endswith("20 sources sent with each check (the most one check takes).")
    _add_pasted_source(page, "one more", "Yesh Din.")
    assert page.text_content("#source-error") == "A check takes at most 20 sources: remove one to add another."
    assert page.input_value("#source-text") == "Yesh Din."
    _run_check(page, LETTER_ARTICLE, "text")
    assert page.text_content("#form-error") == ""


def test_playwright_is_using_the_system_chromium() -> None:
    assert shutil.which(str(CHROMIUM))


# ------------------------------------------------------------------ what the page checks against

UNIONS = """---
published: 2022-12-05
---
# Unions meet

Last year the four unions, Alpha, Beta and Gamma, met Combatants for Piece.
"""


@contextlib.contextmanager
def _page_on(browser, base: str) -> Iterator[object]:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("dialog", lambda d: pytest.fail(f"the page opened a dialog: {d.message}"))
        page.goto(base + "/")
        yield page
    finally:
        context.close()


def _setup_rows(page) -> dict[str, str]:
    sync_api.expect(page.locator("#setup-list dt").first).to_be_visible()
    terms = page.eval_on_selector_all("#setup-list dt", "ns => ns.map(n => n.textContent)")
    values = page.eval_on_selector_all("#setup-list dd", "ns => ns.map(n => n.textContent)")
    return dict(zip(terms, values, strict=True))


def _finding(page, rule: str):
    return page.locator("#findings li", has_text=rule)


def test_the_page_says_what_it_checks_against(page) -> None:
    rows = _setup_rows(page)
    assert rows["Config"] == "factlint.toml"
    assert rows["Registry"] == "registry.yaml (12 entries)"
    assert "names.csv (built in)" in rows["Facts"]  # the fact files plugins ship
    assert rows["Publication date"] == "from each article (the date field, else its own)"
    assert "date/relative needs a publication date" in rows["Rules"]
    assert page.locator("#setup-warning").is_hidden()
    # The full path is there for whoever hovers it.
    assert page.get_attribute("#setup-list dd code", "title").endswith("factlint.toml")


def test_without_a_registry_the_page_says_so(browser, bare_server: str) -> None:
    with _page_on(browser, bare_server) as page:
        rows = _setup_rows(page)
        assert rows["Config"] == "no config: defaults"
        assert rows["Registry"] == "none"
        warning = page.locator("#setup-warning")
        sync_api.expect(warning).to_be_visible()
        assert warning.text_content() == "No registry: names are checked only against each other."
        # The seed's misspelt names are then only compared with each other.
        _run_check(page, SEED.read_text(encoding="utf-8"), "text", "2022-12")
        assert _finding(page, "name/registry").count() == 0


def test_auto_reads_front_matter_as_markdown_and_finds_its_date(page) -> None:
    assert page.input_value("#format") == "auto"
    _run_check(page, UNIONS, "auto")
    info = page.eval_on_selector_all("#document-info li", "ns => ns.map(n => n.textContent)")
    assert info == ["Read as Markdown (detected: front matter).", "Publication date: 2022-12-05, found in the article."]
    # The front matter is not prose: the heading and the paragraph are checked.
    assert _finding(page, "count/mismatch").count() == 1

    # Plain text and no date: the date rules that stayed silent are named.
    _run_check(page, "The two groups, Alpha and Beta, met last year.", "auto")
    info = page.eval_on_selector_all("#document-info li", "ns => ns.map(n => n.textContent)")
    assert info[0] == "Read as Plain text (detected: no markup)."
    assert info[1] == "Publication date: none, so date/relative stayed silent. Give one in the date field."

    # The date field wins, and says so.
    _run_check(page, UNIONS, "auto", "2023-01")
    assert page.text_content("#document-info li.published") == "Publication date: 2023-01, from the date field."


def test_the_article_shows_once_beside_the_findings(page) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    _run_check(page, UNIONS, "auto")
    assert page.is_hidden("#article") and page.is_visible("#rendered")
    article, findings = page.locator("#rendered").bounding_box(), page.locator("#findings").bounding_box()
    assert findings["x"] > article["x"] + article["width"] - 1  # side by side
    page.click("#edit")
    assert page.is_visible("#article") and page.is_hidden("#rendered")
    assert page.evaluate("() => document.activeElement.id") == "article"
    # On a narrow screen the findings come under the article.
    page.set_viewport_size({"width": 600, "height": 900})
    page.click("#run")
    sync_api.expect(page.locator("#rendered")).to_be_visible()
    article, findings = page.locator("#rendered").bounding_box(), page.locator("#findings").bounding_box()
    assert findings["y"] > article["y"] + article["height"] - 1


def test_typing_in_the_text_puts_the_findings_out_of_date(page) -> None:
    _run_check(page, UNIONS, "auto")
    page.click("#edit")
    assert page.locator("#findings li").count() == 2
    page.press("#article", "Control+End")
    page.keyboard.type(" More.")
    # An Accept now would write over the typing: the findings wait for the next check.
    assert page.locator("#findings li").count() == 0
    assert page.text_content("#status") == "The text was edited: check it again to see its findings."
    page.click("#run")
    sync_api.expect(page.locator("#findings li")).to_have_count(2)
    assert page.input_value("#article").endswith("More.")


def test_why_opens_the_rules_explanation_as_text(page) -> None:
    _run_check(page, UNIONS, "auto")
    why = _finding(page, "name/registry").locator("details.why")
    assert why.locator(".why-text").is_hidden()
    why.locator("summary").click()
    text = why.locator(".why-text")
    sync_api.expect(text).to_contain_text("Flags a name the newsroom's registry spells differently.")
    # Text, not markup: the documentation's own line breaks are kept, no element is made.
    assert text.evaluate("n => n.children.length") == 0


def test_accept_applies_a_suggestion_without_a_fix(page) -> None:
    _run_check(page, UNIONS, "auto")
    unions = _finding(page, "count/mismatch")
    assert "Suggestion: three unions" in unions.text_content()
    unions.locator("button.accept").click()
    assert "Last year the three unions, Alpha" in page.input_value("#article")
    assert page.text_content("#status").startswith("Accepted “three unions”.")
    # The other finding's highlight still sits on its name.
    marks = page.eval_on_selector_all("#rendered mark", "ms => ms.map(m => m.textContent)")
    assert marks == ["Combatants for Piece"]
    _run_check(page, page.input_value("#article"), "auto")
    assert _finding(page, "count/mismatch").count() == 0


def test_keep_this_writes_a_suppression_with_its_reason(page) -> None:
    _run_check(page, UNIONS, "auto")
    unions = _finding(page, "count/mismatch")
    unions.locator("button.keep").click()
    assert unions.locator("button.keep").get_attribute("aria-expanded") == "true"
    assert page.evaluate("() => document.activeElement.className") == "reason"
    unions.locator("button.add-suppression").click()
    assert unions.locator(".keep-form .error").text_content() == "Say why, so the next editor knows."
    unions.locator("input.reason").fill("a fourth union asked --> not to be named")
    unions.locator("button.add-suppression").click()
    lines = page.input_value("#article").splitlines()
    at = lines.index("Last year the four unions, Alpha, Beta and Gamma, met Combatants for Piece.")
    assert lines[at - 1] == "<!-- factlint-disable-next-line count/mismatch -- a fourth union asked not to be named -->"
    assert page.text_content("#status").startswith("Suppression added above line 6 for count/mismatch.")
    assert _finding(page, "count/mismatch").count() == 0
    # The next check agrees: the finding is suppressed, and the comment is used.
    _run_check(page, page.input_value("#article"), "auto")
    rules = page.eval_on_selector_all("#findings li .meta", "ms => ms.map(m => m.textContent)")
    assert not any("count/mismatch" in r or "engine/unused-suppression" in r for r in rules), rules
    assert _finding(page, "name/registry").count() == 1


def test_a_suppression_in_plain_text_switches_the_format_to_markdown(page) -> None:
    _run_check(page, "The two unions, Alpha, Beta and Gamma, met.", "text")
    finding = _finding(page, "count/mismatch")
    finding.locator("button.keep").click()
    finding.locator("input.reason").fill("as the union wrote it")
    finding.locator("button.add-suppression").click()
    assert page.input_value("#format") == "markdown"
    _run_check(page, page.input_value("#article"), "markdown")
    assert page.text_content("#status") == "No findings: nothing flagged."


def test_no_registry_option_without_registry_writable(page) -> None:
    _run_check(page, UNIONS, "auto")
    assert page.locator("button.add-spelling").count() == 0


def test_a_spelling_is_added_to_a_writable_registry(browser, writable: tuple[str, Path]) -> None:
    base, registry = writable
    before = registry.read_text(encoding="utf-8")
    with _page_on(browser, base) as page:
        rows = _setup_rows(page)
        assert rows["Registry"] == "registry.yaml (12 entries); spellings can be added from a finding"
        _run_check(page, UNIONS, "auto")
        # A name the registry lists to avoid is refused, and the file is left as it was.
        _run_check(page, "Fighters for Peace met Combatants for Piece on Monday.", "auto")
        _finding(page, "Fighters for Peace").locator("button.add-spelling").click()
        sync_api.expect(page.locator("#status")).to_contain_text("The registry was not changed:")
        assert "listed to avoid" in page.text_content("#status")
        assert registry.read_text(encoding="utf-8") == before

        piece = _finding(page, "Combatants for Piece").first
        piece.locator("button.add-spelling").click()
        sync_api.expect(page.locator("#status")).to_contain_text(
            "Added “Combatants for Piece” to registry.yaml as a spelling of “Combatants for Peace”."
        )
        after = registry.read_text(encoding="utf-8")
        # One line more; the comments and the rest of the file as they were.
        assert after.replace('  aliases: ["Combatants for Piece"]\n', "", 1) == before
        _run_check(page, "Fighters for Peace met Combatants for Piece on Monday.", "auto")
        assert _finding(page, "Combatants for Piece").count() == 0
        assert _finding(page, "Fighters for Peace").count() >= 1


def test_a_screenshot_of_the_page(page, tmp_path: Path) -> None:
    """The page after a check, one finding's explanation open; docs/images/page.png is
    this picture (FACTLINT_PAGE_SCREENSHOT=docs/images/page.png writes it there too)."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    # The seed's headline and its list of signatories, as a Markdown story with its date.
    lines = SEED.read_text(encoding="utf-8").splitlines()
    article = "\n".join(["---", "published: 2022-12-05", "---", f"# {lines[0]}", "", *lines[12:]])
    _run_check(page, article + "\n", "auto")
    first = page.locator("#findings li").first
    first.locator("details.why summary").click()
    sync_api.expect(first.locator(".why-text")).not_to_have_text("Loading…")
    # The findings and the page at their tops.
    page.locator(".results").evaluate("r => { r.scrollTop = 0; }")
    page.evaluate("() => window.scrollTo(0, 0)")
    shot = tmp_path / "page.png"
    page.screenshot(path=str(shot))
    print(f"screenshot of the page: {shot}")
    assert shot.stat().st_size > 10_000
    wanted = os.environ.get("FACTLINT_PAGE_SCREENSHOT")
    if wanted:
        shutil.copyfile(shot, ROOT / wanted)

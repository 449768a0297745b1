"""The html report as a real browser renders it: highlights present, article markup inert.

The unit tests in test_reporters.py read the page as text; this one opens it in headless
Chromium, which runs scripts and fires event handlers, and reads the DOM it ends up
with. A control page holding the same hostile markup unescaped shows that the browser
here really would run it, so a clean result means the report kept it inert.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest

from _chromium import CHROMIUM, FLAGS
from factlint.cli import main

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} is missing (Debian: apt-get install chromium; .ci/run installs it)",
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "000_30fba8cf1e1c4e60.txt"
REGISTRY = SEEDS / "registry.yaml"

# The seed's four registry findings: flagged text and severity.
SEED_FINDINGS = {
    "Center for the Defense of the Individual": "info",
    "Parents Against Child Arrest": "warning",
    "Fighters for Peace": "warning",
    "Turat Zedek": "warning",
}

SCRIPT_LINE = "<script>window.__pwned = 1; document.title='PWNED'</script>"
IMG_LINE = "<img src=x onerror=\"document.title='PWNED'\">"
HOSTILE = f"""Groups protest

{SCRIPT_LINE}
The letter was signed by four groups: Alpha, Beta and Gamma. {IMG_LINE}
"""



def _chromium(tmp_path: Path, url: str, *args: str) -> str:
    profile = Path(tempfile.mkdtemp(prefix="profile-", dir=tmp_path))
    try:
        done = subprocess.run(
            [str(CHROMIUM), "--headless", *FLAGS, f"--user-data-dir={profile}", *args, url],
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class _Element:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: _Element | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.parts: list[str] = []

    def within(self, other: _Element) -> bool:
        node = self.parent
        while node is not None and node is not other:
            node = node.parent
        return node is other

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _Dom(HTMLParser):
    """Every element of a serialized DOM, in document order, with its text content."""

    VOID: ClassVar[set[str]] = {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[_Element] = []
        self._open: list[_Element] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, dict(attrs), self._open[-1] if self._open else None)
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(_Element(tag, dict(attrs), self._open[-1] if self._open else None))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.parts.append(data)

    def all(self, tag: str) -> list[_Element]:
        return [e for e in self.elements if e.tag == tag]


@pytest.fixture(scope="module")
def report_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("html-report")
    (work / "seed.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (work / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    page = work / "report.html"
    out, err = io.StringIO(), io.StringIO()
    code = main(
        [
            "check", str(work / "seed.txt"), str(work / "hostile.txt"),
            "--published", "2022-12", "--registry", str(REGISTRY),
            "--format", "html", "--output", str(page), "--no-cache", "-q",
        ],
        out=out,
        err=err,
    )
    assert code == 1, err.getvalue()  # findings, and no input error
    return page


@pytest.fixture(scope="module")
def rendered(report_page: Path, tmp_path_factory: pytest.TempPathFactory) -> _Dom:
    return _Dom(_chromium(tmp_path_factory.mktemp("chromium"), report_page.as_uri(), "--dump-dom"))


@pytest.mark.parametrize("markup", [SCRIPT_LINE, IMG_LINE], ids=["script", "img-onerror"])
def test_control_page_shows_this_browser_runs_the_hostile_markup(tmp_path: Path, markup: str) -> None:
    page = tmp_path / "control.html"
    page.write_text(
        f"<!DOCTYPE html><html><head><title>control</title></head><body>{markup}</body></html>", encoding="utf-8"
    )
    dom = _Dom(_chromium(tmp_path, page.as_uri(), "--dump-dom"))
    assert [t.text for t in dom.all("title")] == ["PWNED"]


def test_seed_registry_findings_are_highlighted(rendered: _Dom) -> None:
    items = {e.attrs["id"]: e for e in rendered.all("li") if "finding" in e.classes}
    flagged = {
        q.text: fid
        for fid, li in items.items()
        if li.attrs.get("data-rule") == "name/registry"
        for q in rendered.all("q")
        if q.within(li) and q.text in SEED_FINDINGS
    }
    assert flagged.keys() == SEED_FINDINGS.keys()
    marks = rendered.all("mark")
    for text, fid in flagged.items():
        mine = [m for m in marks if fid in (m.attrs.get("data-f") or "").split()]
        # A flagged stretch may be cut where other findings overlap it; joined, it is the name.
        assert "".join(m.text for m in mine) == text
        assert {c for m in mine for c in m.classes} == {f"sev-{SEED_FINDINGS[text]}"}
        assert items[fid].attrs.get("data-severity") == SEED_FINDINGS[text]


def test_hostile_article_is_reported_and_its_markup_stays_text(rendered: _Dom) -> None:
    assert [t.text for t in rendered.all("title")] == ["factlint report"]
    # The article's markup is shown to the editor, as text.
    sources = "".join(p.text for p in rendered.all("pre") if "source" in p.classes)
    assert SCRIPT_LINE in sources and IMG_LINE in sources
    # ... and none of it became an element.
    assert rendered.all("img") == []
    scripts = rendered.all("script")
    assert len(scripts) == 1 and "__pwned" not in scripts[0].text
    handlers = [(e.tag, name) for e in rendered.elements for name in e.attrs if name.startswith("on")]
    assert handlers == []
    # Its miscount is still highlighted, with the listed names as related places.
    marks = rendered.all("mark")
    assert [m.text for m in marks if "sev-warning" in m.classes and m.text == "four groups"] == ["four groups"]
    assert [m.text for m in marks if "rel" in m.classes] == ["Alpha", "Beta", "Gamma"]


def test_screenshot(report_page: Path, tmp_path: Path, record_property: pytest.RecordProperty) -> None:
    shot = tmp_path / "report.png"
    _chromium(tmp_path, report_page.as_uri(), f"--screenshot={shot}", "--window-size=1280,1600", "--hide-scrollbars")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    record_property("screenshot", str(shot))
    print(f"screenshot of the html report: {shot}")


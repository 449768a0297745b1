"""Writing fixes keeps the file whole: an edit saved meanwhile, links, mode, owner, a
byte-order mark; never a temporary file left behind; never a plugin's unusable edits."""

from __future__ import annotations

import codecs
import os
import re
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import factlint
from factlint import Rule, Severity
from factlint import fixes as fixes_module
from factlint.checker import Checker
from factlint.config import Config
from factlint.discovery import discover
from factlint.fixes import TEMP_SUFFIX, FixesNotWritten, digest, write_atomically
from factlint.plugins import PluginHost
from factlint.registry import Registry
from factlint.run import Run, RunOutcome
from factlint.testing import builtin_plugins

TEXT = "Kyrgystan is far.\n"
FIXED = "Kyrgyzstan is far.\n"
LATE = "An editor's late change.\n"


class Misspelt(Rule):
    """Flags "Kyrgystan" and offers "Kyrgyzstan"."""

    id = "test/misspelt"
    summary = "A fix that holds"
    severity = Severity.WARNING

    def check(self, context):
        for m in re.finditer(r"\bKyrgystan\b", context.document.text):
            span = context.document.span(m.start(), m.end())
            fix = factlint.Fix(
                description="Spell it Kyrgyzstan",
                edits=(factlint.Edit(span=span, replacement="Kyrgyzstan"),),
                safety="safe",
            )
            yield context.finding(span, "Misspelt.", fix=fix)


class EditsWhileChecked(Rule):
    """Saves an edit to the file on disk while it is being checked, as an editor would."""

    id = "test/late-edit"
    summary = "Changes the file during the check"
    severity = Severity.WARNING

    def check(self, context):
        path = Path(context.document.path)
        if "Late" in context.document.text and LATE not in path.read_text(encoding="utf-8"):
            with path.open("a", encoding="utf-8") as fh:
                fh.write(LATE)
        return ()


class Unusable(Rule):
    """Offers fixes whose edits cannot be applied: each trigger word names one kind."""

    id = "test/unusable"
    summary = "Unusable edits"
    severity = Severity.WARNING

    def check(self, context):
        doc = context.document
        for word, edits in (
            ("Overlap", lambda at: [(at, at + 5, "A"), (at + 2, at + 7, "B")]),
            ("Beyond", lambda at: [(at, len(doc.text) + 10, "")]),
            ("Wipe", lambda at: [(0, len(doc.text) + 1, "")]),
            ("Fivefold", lambda at: [(at, at, "Again ")] * 5),
            ("Twice", lambda at: [(at, at + 5, "Once"), (at, at + 5, "Once")]),
        ):
            at = doc.text.find(word)
            if at < 0:
                continue
            spans = [
                factlint.Span.model_construct(start=s, end=e, line=1, column=1, end_line=1, end_column=1)
                for s, e, _ in edits(at)
            ]
            fix = factlint.Fix(
                description="bad",
                edits=tuple(
                    factlint.Edit(span=s, replacement=r) for s, (_, _, r) in zip(spans, edits(at), strict=True)
                ),
                safety="safe",
            )
            yield context.finding(doc.span(at, at + len(word)), f"{word}.", fix=fix)


class Rules:
    @factlint.hookimpl
    def factlint_register_rules(self):
        return [Misspelt, EditsWhileChecked, Unusable]


def _fix(*paths: Path, loader: str = "text") -> RunOutcome:
    host = PluginHost([*builtin_plugins((loader,)), ("rules", Rules())])
    checker = Checker(Config(fix="safe"), host=host, registry=Registry())
    return Run(checker=checker).execute([str(p) for p in paths])


def _errors(outcome: RunOutcome) -> list[str]:
    return [e.message for e in outcome.report.errors]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX))


# ---------------------------------------------------------------- an edit saved meanwhile


def test_an_edit_saved_while_the_file_is_checked_is_kept(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Late: " + TEXT, encoding="utf-8")
    outcome = _fix(article)
    assert article.read_text(encoding="utf-8") == "Late: " + TEXT + LATE
    assert _errors(outcome) == ["fixes not written: the file changed while it was checked"]
    assert outcome.fixed == [] and _leftovers(tmp_path) == []


def test_an_edit_saved_while_the_fix_is_written_is_kept(tmp_path: Path, monkeypatch) -> None:
    """The file is checked again after the temporary file is written, just before the rename."""
    article = tmp_path / "a.txt"
    article.write_text(TEXT + "A plain line.\n\n" * 100_000, encoding="utf-8")  # 1.5 MB of short paragraphs
    write_temp = fixes_module._write_temp

    def then_edit(*args, **kwargs):
        tmp = write_temp(*args, **kwargs)
        with article.open("a", encoding="utf-8") as fh:
            fh.write(LATE)
        return tmp

    monkeypatch.setattr(fixes_module, "_write_temp", then_edit)
    outcome = _fix(article)
    assert article.read_text(encoding="utf-8").endswith(LATE)
    assert _errors(outcome) == ["fixes not written: the file changed while it was checked"]
    assert _leftovers(tmp_path) == []


def test_a_file_replaced_by_a_rename_while_the_fix_is_written_is_kept(tmp_path: Path, monkeypatch) -> None:
    """Editors save by renaming a new file over the old one: the same bytes, another file."""
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    write_temp = fixes_module._write_temp

    def then_save(*args, **kwargs):
        tmp = write_temp(*args, **kwargs)
        saved = tmp_path / "saved"
        saved.write_text(TEXT, encoding="utf-8")
        os.replace(saved, article)
        return tmp

    monkeypatch.setattr(fixes_module, "_write_temp", then_save)
    outcome = _fix(article)
    assert article.read_text(encoding="utf-8") == TEXT
    assert _errors(outcome) == ["fixes not written: the file changed while it was checked"]


def test_an_edit_saved_while_a_linked_file_is_checked_is_kept(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Late: " + TEXT, encoding="utf-8")
    os.link(article, tmp_path / "b.txt")
    outcome = _fix(article)
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "Late: " + TEXT + LATE
    assert _errors(outcome) == ["fixes not written: the file changed while it was checked"]


def test_a_linked_file_saved_over_by_a_rename_while_it_is_hashed_is_kept(tmp_path: Path, monkeypatch) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    os.link(article, tmp_path / "b.txt")
    real_digest = fixes_module.digest

    def then_save(data: bytes) -> str:
        saved = tmp_path / "saved"
        saved.write_text(TEXT, encoding="utf-8")
        os.replace(saved, article)
        return real_digest(data)

    monkeypatch.setattr(fixes_module, "digest", then_save)
    outcome = _fix(article)
    assert _errors(outcome) == ["fixes not written: the file changed while it was checked"]
    assert article.read_text(encoding="utf-8") == TEXT
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == TEXT


def test_write_atomically_raises_a_runtime_error_saying_why(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    seen = digest(article.read_bytes())
    article.write_text(TEXT + LATE, encoding="utf-8")
    with pytest.raises(FixesNotWritten) as raised:
        write_atomically(str(article), FIXED, expected_digest=seen)
    assert isinstance(raised.value, RuntimeError)
    assert raised.value.reason == "fixes not written: the file changed while it was checked"


# ------------------------------------------------------------------ what the file is


def test_a_symlink_stays_a_link_and_its_target_is_fixed(tmp_path: Path) -> None:
    real = tmp_path / "store" / "real.txt"
    real.parent.mkdir()
    real.write_text(TEXT, encoding="utf-8")
    link = tmp_path / "a.txt"
    link.symlink_to(Path("store") / "real.txt")
    outcome = _fix(link)
    assert _errors(outcome) == []
    assert link.is_symlink() and os.readlink(link) == os.path.join("store", "real.txt")
    assert real.read_text(encoding="utf-8") == FIXED
    assert _leftovers(tmp_path) == [] and _leftovers(real.parent) == []


def test_hard_links_keep_seeing_one_fixed_file(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    other = tmp_path / "b.txt"
    os.link(article, other)
    inode = article.stat().st_ino
    outcome = _fix(article)
    assert _errors(outcome) == []
    assert article.stat().st_ino == inode and article.stat().st_nlink == 2
    assert other.read_text(encoding="utf-8") == FIXED
    assert _leftovers(tmp_path) == []


def test_a_read_only_file_is_not_replaced(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    article.chmod(0o444)
    inode = article.stat().st_ino
    outcome = _fix(article)
    assert _errors(outcome) == ["is read-only: fixes not written"]
    assert article.read_text(encoding="utf-8") == TEXT and article.stat().st_ino == inode
    assert stat.S_IMODE(article.stat().st_mode) == 0o444


def test_the_mode_is_kept(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    article.chmod(0o640)
    _fix(article)
    assert article.read_text(encoding="utf-8") == FIXED
    assert stat.S_IMODE(article.stat().st_mode) == 0o640


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_the_owner_is_kept(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    os.chown(article, 4321, 4322)
    _fix(article)
    assert article.read_text(encoding="utf-8") == FIXED
    assert (article.stat().st_uid, article.stat().st_gid) == (4321, 4322)


@pytest.mark.parametrize("links", [1, 2], ids=["replaced", "in-place"])
def test_a_byte_order_mark_is_written_back(tmp_path: Path, links: int) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(codecs.BOM_UTF8 + TEXT.encode())
    if links == 2:
        os.link(article, tmp_path / "b.txt")
    _fix(article)
    assert article.read_bytes() == codecs.BOM_UTF8 + FIXED.encode()


def test_no_byte_order_mark_is_added(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    _fix(article)
    assert article.read_bytes() == FIXED.encode()


# ------------------------------------------------------------------ temporary files


def test_the_temporary_file_is_hidden_recognisable_and_beside_the_file(tmp_path: Path, monkeypatch) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    seen: list[str] = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append(str(src))
        real_replace(src, dst)

    monkeypatch.setattr(fixes_module.os, "replace", spy)
    _fix(article)
    [tmp] = seen
    assert Path(tmp).parent == tmp_path
    assert Path(tmp).name.startswith(".a.txt.") and tmp.endswith(TEMP_SUFFIX)
    assert article.read_text(encoding="utf-8") == FIXED and _leftovers(tmp_path) == []


@pytest.mark.parametrize("failing", ["replace", "fsync", "chmod"])
def test_no_temporary_file_is_left_after_a_failure(tmp_path: Path, monkeypatch, failing: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixes_module.os, failing, fail)
    outcome = _fix(article)
    assert _errors(outcome) == ["fixes not written: No space left on device"]
    assert article.read_text(encoding="utf-8") == TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_a_linked_file_whose_write_fails_keeps_its_text(tmp_path: Path, monkeypatch) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    os.link(article, tmp_path / "b.txt")
    real_fsync, calls = os.fsync, []

    def fail_once(fd):
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(fixes_module.os, "fsync", fail_once)
    outcome = _fix(article)
    assert _errors(outcome) == ["fixes not written: No space left on device"]
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == TEXT and len(calls) == 2


_KILLED_WRITER = """
import sys, time
from factlint import fixes
from factlint.fixes import digest, write_atomically

def stall(fd):
    print("written", flush=True)
    time.sleep(30)

fixes.os.fsync = stall
path = sys.argv[1]
with open(path, "rb") as fh:
    seen = digest(fh.read())
write_atomically(path, "Kyrgyzstan is far.\\n", expected_digest=seen)
"""


def test_a_writer_killed_mid_write_leaves_the_file_and_a_hidden_skipped_temporary(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(TEXT, encoding="utf-8")
    child = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(article)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline() == "written\n"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=5)
    [left] = _leftovers(tmp_path)
    assert left.startswith(".a.md.")
    assert article.read_text(encoding="utf-8") == TEXT
    assert list(discover([str(tmp_path)], Config(), include=["*"])) == [str(article)]


def test_discovery_skips_a_temporary_file_left_by_a_killed_run(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / f".a.md.k2j4l9{TEMP_SUFFIX}").write_text(TEXT, encoding="utf-8")
    (tmp_path / f"b.md{TEMP_SUFFIX}").write_text(TEXT, encoding="utf-8")
    found = list(discover([str(tmp_path)], Config(), include=["*"]))
    assert found == [str(tmp_path / "a.md")]


# ------------------------------------------------------------------ unusable edits


@pytest.mark.parametrize(
    ("word", "why"),
    [
        ("Overlap", "its edits overlap"),
        ("Beyond", "an edit falls outside the text"),
        ("Wipe", "an edit falls outside the text"),
        ("Fivefold", "two of its edits start at the same place"),
        ("Twice", "two of its edits start at the same place"),
    ],
)
def test_unusable_plugin_edits_are_refused_saying_why(tmp_path: Path, word: str, why: str) -> None:
    article = tmp_path / "a.md"
    text = f"---\ntitle: Front matter\n---\n\n{word} here. {TEXT}"
    article.write_text(text, encoding="utf-8")
    outcome = _fix(article, loader="markdown")
    assert article.read_text(encoding="utf-8") == text.replace("Kyrgystan", "Kyrgyzstan")
    [finding] = [f for f in outcome.report.findings if f.rule == "test/unusable"]
    assert finding.fix is None and finding.suggestion is None
    assert finding.message == f"{word}. No fix is offered: {why}."

"""Files and arguments that must not hang, exhaust memory, destroy an article or end
in a traceback: special files in a checked folder, huge files, unreadable folders,
outputs written where articles are read, damaged cache entries, git refs that look
like options, and broken baselines and registries.

What could hang or fill the memory runs in a child process with a time limit.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from factlint.cache import FindingsCache
from factlint.cli import main
from factlint.discovery import read_source
from factlint.errors import ExitCode
from factlint.models import ClaimBase, InputError, Source

MISCOUNT = "The letter was signed by four groups: Alpha, Beta and Gamma.\n"
CHILD_TIMEOUT = 20  # seconds; each case here takes well under 2


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def run_child(*argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command in its own process: a hang is a TimeoutExpired, not a stuck suite."""
    return subprocess.run(
        [sys.executable, "-m", "factlint", *argv],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=False,
    )


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


def folder_with_article(tmp_path: Path) -> Path:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "a.md").write_text(MISCOUNT, encoding="utf-8")
    return folder


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero on this platform")


# ----------------------------------------------------------------- special files


@needs_fifo
def test_a_fifo_in_a_checked_folder_is_skipped_not_opened(tmp_path: Path) -> None:
    folder = folder_with_article(tmp_path)
    os.mkfifo(folder / "pipe.md")  # opening it for reading blocks until a writer comes
    proc = run_child("check", "--no-cache", "-j", "1", "--format", "json", str(folder), cwd=tmp_path)
    assert proc.returncode == ExitCode.FINDINGS, proc.stderr
    data = json.loads(proc.stdout)
    assert [Path(f["path"]).name for f in data["findings"]] == ["a.md"]
    assert data["errors"] == []
    assert data["summary"]["skipped"] == 1


@needs_fifo
def test_a_skipped_special_file_is_counted_and_named_with_verbose(tmp_path: Path) -> None:
    folder = folder_with_article(tmp_path)
    os.mkfifo(folder / "pipe.md")
    quiet = run_child("check", "--no-cache", str(folder), cwd=tmp_path)
    assert quiet.stdout.splitlines()[-1].endswith("in 1 document; 1 special file skipped.")
    assert "pipe.md" not in quiet.stderr
    told = run_child("check", "--no-cache", "--verbose", str(folder), cwd=tmp_path)
    assert f"note: {folder / 'pipe.md'}: a named pipe (FIFO), not an article: skipped without opening it" in (
        told.stderr.splitlines()
    )


@needs_fifo
def test_a_fifo_named_on_the_command_line_is_an_input_error(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.md")
    proc = run_child("check", "--no-cache", "-q", "pipe.md", cwd=tmp_path)
    assert proc.returncode == ExitCode.INPUT_ERROR
    assert error_lines(proc.stderr) == [
        "pipe.md:1:1: error engine/input-error is not a regular file (a FIFO, device or socket); not read"
    ]


@needs_fifo
def test_a_fifo_given_as_the_registry_is_never_opened(tmp_path: Path) -> None:
    folder = folder_with_article(tmp_path)
    os.mkfifo(tmp_path / "names.yaml")
    proc = run_child("check", "--no-cache", "-q", "--no-config", "--registry", "names.yaml", str(folder), cwd=tmp_path)
    assert proc.returncode == ExitCode.INPUT_ERROR
    expected = "names.yaml:1:1: error engine/input-error registry not used: cannot read registry: is not a regular"
    assert expected in proc.stderr


@needs_fifo
def test_a_fifo_given_as_the_config_is_never_opened(tmp_path: Path) -> None:
    folder = folder_with_article(tmp_path)
    os.mkfifo(tmp_path / "factlint.toml")
    proc = run_child("check", "--no-cache", "-q", "--config", "factlint.toml", str(folder), cwd=tmp_path)
    assert proc.returncode == ExitCode.INPUT_ERROR
    assert error_lines(proc.stderr) == [
        "factlint: error: factlint.toml: cannot read config: is not a regular file (a FIFO, device or socket); "
        "not read"
    ]


@needs_dev_zero
def test_a_link_to_dev_zero_is_never_read(tmp_path: Path) -> None:
    folder = folder_with_article(tmp_path)
    os.symlink("/dev/zero", folder / "zero.md")  # an endless file: reading it fills the memory
    proc = run_child("check", "--no-cache", "-j", "1", "--format", "json", str(folder), cwd=tmp_path)
    assert proc.returncode == ExitCode.FINDINGS, proc.stderr
    assert json.loads(proc.stdout)["errors"] == []

    proc = run_child("check", "--no-cache", "-q", str(folder / "zero.md"), cwd=tmp_path)
    assert proc.returncode == ExitCode.INPUT_ERROR
    assert error_lines(proc.stderr) == [
        f"{folder / 'zero.md'}:1:1: error engine/input-error is not a regular file (a FIFO, device or socket); not read"
    ]


def test_a_file_over_the_bound_is_refused_without_being_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as f:  # sparse: 21 MB on paper, nothing on disk
        f.truncate(21 * 1024 * 1024)
    proc = run_child("check", "--no-cache", "-q", "big.md", cwd=tmp_path)
    assert proc.returncode == ExitCode.INPUT_ERROR
    assert error_lines(proc.stderr) == [
        "big.md:1:1: error engine/input-error too large for an article (over 20 MB); not read"
    ]


def test_the_bound_is_on_bytes_and_an_article_at_it_is_read(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(MISCOUNT, encoding="utf-8")
    size = len(MISCOUNT.encode())
    assert isinstance(read_source(str(article), limit=size), Source)
    refused = read_source(str(article), limit=size - 1)
    assert isinstance(refused, InputError) and refused.message.startswith("too large for an article")


# ----------------------------------------------------------- unreadable folders


def test_an_unreadable_folder_inside_a_checked_one_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_with_article(tmp_path)
    (folder / "locked").mkdir()
    (folder / "locked" / "b.md").write_text(MISCOUNT, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    # What a folder without read permission does, also when the tests run as root.
    monkeypatch.setattr(os, "scandir", scandir)
    code, out, _ = run("check", "--no-cache", "-j", "1", "--format", "json", str(folder))
    assert code == ExitCode.INPUT_ERROR
    data = json.loads(out)
    assert [Path(f["path"]).name for f in data["findings"]] == ["a.md"]
    assert [(e["path"], e["message"]) for e in data["errors"]] == [
        (str(folder / "locked"), "cannot read this folder: Permission denied")
    ]


def test_a_named_folder_without_read_permission_is_an_input_error(tmp_path: Path) -> None:
    folder = folder_with_article(tmp_path)
    folder.chmod(0)
    try:
        if os.access(folder, os.R_OK):
            pytest.skip("permissions do not apply to this user (root)")
        code, _, err = run("check", "--no-cache", "-j", "1", "-q", str(folder))
    finally:
        folder.chmod(stat.S_IRWXU)
    assert code == ExitCode.INPUT_ERROR
    assert f"{folder}:1:1: error engine/input-error cannot read this folder: Permission denied" in err
    assert "no articles found" not in err


# ----------------------------------------------------------------------- outputs


def test_output_onto_an_article_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    article = tmp_path / "d1.md"
    article.write_text(MISCOUNT, encoding="utf-8")
    code, out, err = run("check", "--no-cache", "--format", "json", "--output", str(article), str(article))
    assert code == ExitCode.INPUT_ERROR and out == ""
    assert error_lines(err) == [
        f"factlint: error: --output: {article} is an article this run checks; write it elsewhere"
    ]
    assert article.read_text(encoding="utf-8") == MISCOUNT
    # The same file by another spelling of its path.
    other = tmp_path / "sub" / ".." / "d1.md"
    (tmp_path / "sub").mkdir()
    assert run("check", "--no-cache", "--format", "json", "--output", str(other), str(article))[0] == 2
    assert article.read_text(encoding="utf-8") == MISCOUNT


def test_output_inside_a_checked_folder_is_refused_unless_excluded(tmp_path: Path) -> None:
    folder = folder_with_article(tmp_path)
    report = folder / "reports" / "report.html"
    report.parent.mkdir()
    code, _, err = run("check", "--no-cache", "--format", "html", "--output", str(report), str(folder))
    assert code == ExitCode.INPUT_ERROR
    assert error_lines(err) == [
        f"factlint: error: --output: {report} is inside {folder}, which is checked, and would be read "
        "as an article; write it elsewhere or --exclude it"
    ]
    assert not report.exists()
    # Not an article where it is, it may be written there.
    code, _, _ = run(
        "check", "--no-cache", "-q", "--exclude", "reports", "--format", "html", "--output", str(report), str(folder)
    )
    assert code == ExitCode.FINDINGS and report.exists()
    json_report = folder / "report.json"  # not an input format: not read
    assert run("check", "--no-cache", "--format", "json", "--output", str(json_report), str(folder))[0] == 1


def test_write_baseline_onto_an_article_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(MISCOUNT, encoding="utf-8")
    code, _, err = run("check", "--no-cache", "--write-baseline", str(article), str(article))
    assert code == ExitCode.INPUT_ERROR
    assert error_lines(err) == [
        f"factlint: error: --write-baseline: {article} is an article this run checks; write it elsewhere"
    ]
    assert article.read_text(encoding="utf-8") == MISCOUNT


def test_outputs_that_cannot_be_written_are_one_line(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(MISCOUNT, encoding="utf-8")
    code, _, err = run("check", "--no-cache", "-q", "--write-baseline", str(tmp_path), str(article))
    assert code == ExitCode.INPUT_ERROR
    assert error_lines(err)[-1] == f"factlint: error: --write-baseline: cannot write {tmp_path}: Is a directory"
    if os.path.exists("/dev/full"):
        for flag in (("--format", "json", "--output"), ("-q", "--write-baseline")):
            code, _, err = run("check", "--no-cache", *flag, "/dev/full", str(article))
            assert code == ExitCode.INPUT_ERROR
            assert error_lines(err)[-1].endswith("cannot write /dev/full: No space left on device")


# ------------------------------------------------------------------------- cache


def _archive(folder: Path) -> None:
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.md").write_text(
            f"---\npublished: 2024-03-0{i + 1}\n---\nPresident Volodymyr Zelenskyy met Human Rights Watch in Kyiv.\n",
            encoding="utf-8",
        )
    (folder / "today.md").write_text(
        "---\npublished: 2024-03-09\n---\nPresident Volodymyr Zelensky met Human Rights First in Kyiv.\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda entry: '{"findings": [], "claims": [{"kind": "no-such-kind"}]}', id="claim-kind"),
        pytest.param(lambda entry: json.dumps({**entry, "claims": [{"kind": "name"}]}), id="claim-fields"),
        pytest.param(lambda entry: json.dumps({**entry, "claims": "abc"}), id="claims-a-string"),
        pytest.param(lambda entry: json.dumps({**entry, "claims": [1, 2]}), id="claims-not-objects"),
        pytest.param(lambda entry: json.dumps({**entry, "findings": {"a": 1}}), id="findings-a-mapping"),
        pytest.param(lambda entry: json.dumps([entry]), id="entry-a-list"),
        pytest.param(lambda entry: json.dumps(entry)[:20], id="cut-short"),
        pytest.param(lambda entry: "[" * 100_000, id="nested-deep"),
    ],
)
def test_a_damaged_cache_entry_is_rebuilt_with_repo_consistency(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "archive"
    _archive(folder)
    cache = tmp_path / "cache"
    argv = ("check", "--repo-consistency", "-j", "1", "--cache-dir", str(cache), "--format", "json", str(folder))
    first = run(*argv)
    assert first[0] == ExitCode.FINDINGS
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 4
    for file in entries:
        file.write_text(damage(json.loads(file.read_text(encoding="utf-8"))), encoding="utf-8")
    assert run(*argv) == first  # checked again, not a crash
    rebuilt = sorted(cache.rglob("*.json"))
    assert rebuilt == entries
    assert all(isinstance(json.loads(f.read_text(encoding="utf-8"))["claims"], list) for f in rebuilt)
    assert run(*argv) == first  # and now from the cache again


def test_a_damaged_entry_is_deleted_and_counts_as_a_miss(tmp_path: Path) -> None:
    cache = FindingsCache(tmp_path, "salt")
    key = cache.key("a.md", "digest")
    cache.put(key, [], [{"kind": "x"}])
    file = tmp_path / key[:2] / f"{key}.json"

    def refuse(data: dict) -> ClaimBase:
        raise RuntimeError("a plugin's validator failing in its own way")

    assert cache.get(key, refuse) is None
    assert not file.exists() and (cache.hits, cache.misses) == (0, 1)
    cache.put(key, [], None)
    assert cache.get(key) == ([], None) and cache.hits == 1


# --------------------------------------------------------------------------- git


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_changed_since_never_passes_an_option_to_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / "a.md").write_text(MISCOUNT, encoding="utf-8")
    subprocess.run([*git, "add", "a.md"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "a"], cwd=tmp_path, check=True)
    victim = tmp_path / "keep.txt"
    victim.write_text("precious\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for ref in ("--output=keep.txt", "-p"):
        code, _, err = run("check", "--no-cache", f"--changed-since={ref}", ".")
        assert code == ExitCode.INPUT_ERROR
        assert error_lines(err) == [
            f"factlint: error: --changed-since: {ref!r} is not a git ref (a branch, tag or commit)"
        ]
    assert victim.read_text(encoding="utf-8") == "precious\n"
    code, _, err = run("check", "--no-cache", "--changed-since=no-such-ref", ".")
    assert code == ExitCode.INPUT_ERROR and len(error_lines(err)) == 1


# --------------------------------------------------------- baselines, registries


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"schema_version": 1, "findings": [', "baseline is not valid JSON"),
        (b"\xff\xfe\x00garbage", "baseline is not valid JSON"),
        (b"[1, 2]", "expected a baseline written by --write-baseline"),
        (b'{"schema_version": 1, "findings": [1]}', "each baseline finding needs"),
        (b'{"schema_version": 1, "findings": [{"path": [1], "rule": 2, "fingerprint": {}}]}', "each baseline"),
        (b'{"schema_version": "1", "findings": []}', "expected a baseline written by --write-baseline"),
        (b"[" * 100_000, "baseline is not valid JSON: nested too deeply"),
        (b"", "baseline is not valid JSON"),
    ],
)
def test_a_broken_baseline_is_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    article = tmp_path / "a.md"
    article.write_text(MISCOUNT, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    baseline.write_bytes(content)
    code, out, err = run("check", "--no-cache", "--baseline", str(baseline), str(article))
    assert code == ExitCode.INPUT_ERROR and out == ""
    assert len(error_lines(err)) == 1 and error_lines(err)[0].startswith(f"factlint: error: {baseline}: {message}")


@needs_fifo
@needs_dev_zero
def test_a_baseline_that_is_not_a_regular_file_is_never_read(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(MISCOUNT, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.json")
    for baseline in ("pipe.json", "/dev/zero"):
        proc = run_child("check", "--no-cache", "--baseline", baseline, "a.md", cwd=tmp_path)
        assert proc.returncode == ExitCode.INPUT_ERROR
        assert error_lines(proc.stderr) == [
            f"factlint: error: {baseline}: cannot read baseline: "
            "is not a regular file (a FIFO, device or socket); not read"
        ]
    code, _, err = run("check", "--no-cache", "--baseline", str(tmp_path), str(tmp_path / "a.md"))
    assert code == ExitCode.INPUT_ERROR
    assert error_lines(err) == [f"factlint: error: {tmp_path}: cannot read baseline: is a directory"]


def test_a_csv_registry_the_csv_module_refuses_is_one_error(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(MISCOUNT, encoding="utf-8")
    registry = tmp_path / "names.csv"
    registry.write_text("canonical,type\n" + "x" * 200_000 + ",person\n", encoding="utf-8")
    code, _, err = run("check", "--no-cache", "-q", "--registry", str(registry), str(article))
    assert code == ExitCode.INPUT_ERROR
    assert "Traceback" not in err
    assert f"{registry}:1:1: error engine/input-error registry not used: registry is not valid CSV: field larger" in err


# ----------------------------------------------------------- one endless paragraph


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (1024 * 1024 * 1024, 1024 * 1024 * 1024))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="memory limits as Linux sets them")
def test_a_5_mb_article_on_one_line_is_one_input_error_in_bounded_time_and_memory(tmp_path: Path) -> None:
    """Reported: a 5 MB single-line article peaked at 1.2 GB; later it ran past the
    document timeout. No article has a paragraph that long."""
    words = "the minister said on Monday, March 3, 2021 that 1,200 people and three groups: Alpha, Beta and Gamma met"
    line = (words + " ") * (5 * 1024 * 1024 // (len(words) + 1) + 1)
    (tmp_path / "big.txt").write_text(line, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "factlint", "check", "--no-cache", "big.txt"],
        cwd=tmp_path, capture_output=True, text=True, timeout=CHILD_TIMEOUT, preexec_fn=_limit_memory, check=False,
    )
    assert done.returncode == ExitCode.INPUT_ERROR, done.stderr
    assert error_lines(done.stderr) == [
        f"big.txt:1:1: error engine/input-error a paragraph of {len(line.rstrip()):,} characters, longer than any "
        "article's (200,000 at most, max-paragraph-chars): not checked; break the text into paragraphs"
    ]

"""factlint as others run it: the pre-commit hook this repository publishes.

``pre-commit try-repo`` installs the project from a git repository into a fresh
virtualenv, as a user's pre-commit would, so it catches a broken hook manifest or
packaging, not only a broken linter. That takes a minute or two, so each outcome is
tried once.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CLEAN = """---
title: Council meets
published: 2023-03-07
---

The council met on Tuesday to discuss the budget.
"""

BAD = """---
title: Groups speak out
published: 2023-03-07
---

The letter was signed by four groups: Alpha, Beta and Gamma.
"""


def _env(tmp_path: Path) -> dict[str, str]:
    # Git variables set by an outer hook (GIT_DIR, GIT_INDEX_FILE, ...) would point the
    # commands below at the wrong repository.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
        GIT_AUTHOR_NAME="factlint tests",
        GIT_AUTHOR_EMAIL="tests@factlint.invalid",
        GIT_COMMITTER_NAME="factlint tests",
        GIT_COMMITTER_EMAIL="tests@factlint.invalid",
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


def _project_files(env: dict[str, str]) -> list[Path]:
    """The working tree as it is now: tracked and new files, not ignored ones."""
    if (ROOT / ".git").exists():
        listed = _git(ROOT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
        return [ROOT / p for p in listed.split("\0") if p and (ROOT / p).is_file()]
    skip = {".git", ".venv", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", "build", "dist"}
    return [p for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]


def _snapshot(tmp_path: Path, env: dict[str, str]) -> Path:
    """A one-commit repository of the current working tree.

    try-repo takes HEAD plus changes to tracked files, but leaves out files not yet
    added (the hook manifest itself, while it is new), so it gets a copy instead.
    """
    snap = tmp_path / "factlint-snapshot"
    for src in _project_files(env):
        dest = snap / src.relative_to(ROOT)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
    assert (snap / ".pre-commit-hooks.yaml").is_file()
    _git(snap, env, "init", "-q")
    _git(snap, env, "add", "-A")
    _git(snap, env, "commit", "-q", "-m", "snapshot")
    return snap


def _try_repo(articles: Path, snap: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(snap), "factlint", "--all-files", "--color", "never"],
        cwd=articles,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed")
@pytest.mark.slow
def test_pre_commit_hook_fails_on_a_miscount_and_passes_clean_articles(tmp_path: Path) -> None:
    env = _env(tmp_path)
    snap = _snapshot(tmp_path, env)

    articles = tmp_path / "articles"
    articles.mkdir()
    _git(articles, env, "init", "-q")
    (articles / "clean.md").write_text(CLEAN, encoding="utf-8")
    (articles / "bad.md").write_text(BAD, encoding="utf-8")
    # Not articles: the hook's file filter must keep them from factlint (which would
    # exit 2 on them, failing the clean run below).
    (articles / "LICENSE").write_text("Copyright the newsroom.\n", encoding="utf-8")
    (articles / "build.py").write_text("print('not an article')\n", encoding="utf-8")
    _git(articles, env, "add", "-A")
    _git(articles, env, "commit", "-q", "-m", "articles")

    started = time.monotonic()
    failed = _try_repo(articles, snap, env)
    print(f"pre-commit try-repo (with a miscount) took {time.monotonic() - started:.1f}s")
    out = failed.stdout + failed.stderr
    assert failed.returncode == 1, out
    assert "bad.md:6:26: warning count/mismatch States 4 groups but lists 3." in out
    assert "clean.md:" not in out

    _git(articles, env, "rm", "-q", "bad.md")
    _git(articles, env, "commit", "-q", "-m", "drop the miscount")
    started = time.monotonic()
    passed = _try_repo(articles, snap, env)
    print(f"pre-commit try-repo (clean) took {time.monotonic() - started:.1f}s")
    out = passed.stdout + passed.stderr
    assert passed.returncode == 0, out
    assert "factlint" in out and "Passed" in out

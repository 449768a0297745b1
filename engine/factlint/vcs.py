"""Which articles changed since a git ref, for ``--changed-since``."""

from __future__ import annotations

from pathlib import Path

from .errors import UsageError

__all__ = ["changed_files"]


def _git(args: list[str], cwd: Path) -> str:
    import subprocess  # here: only --changed-since runs git

    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError("--changed-since needs git, which is not installed") from None
    if proc.returncode != 0:
        # git's first line says what is wrong; the rest is advice on git's own syntax.
        message = (proc.stderr.strip().splitlines() or ["failed"])[0]
        raise UsageError(f"--changed-since: git {' '.join(args)}: {message}")
    return proc.stdout


def _check_ref(ref: str) -> None:
    """Refuse a ref that git would take for an option (``--output=FILE`` would make
    ``git diff`` write over FILE) or that cannot be a ref at all."""
    if not ref.strip() or ref.startswith("-") or any(c in ref for c in "\0\n\r"):
        raise UsageError(f"--changed-since: {ref!r} is not a git ref (a branch, tag or commit)")


def changed_files(ref: str, cwd: Path | None = None) -> set[Path]:
    """Absolute paths of files added, copied, modified or renamed since ``ref``
    (committed or not), plus untracked files that are not ignored."""
    _check_ref(ref)
    cwd = cwd or Path.cwd()
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd).strip())
    names = _git(["diff", "--name-only", "--diff-filter=ACMR", ref, "--"], top).splitlines()
    names += _git(["ls-files", "--others", "--exclude-standard"], top).splitlines()
    return {(top / n).resolve() for n in names if n}

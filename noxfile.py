"""Developer sessions, one per job: ``nox -l`` lists them.

``nox`` alone runs the fast loop (``lint``, ``types``, ``tests``); ``nox -s slow`` runs
the tests that build virtual environments or take many seconds, and ``nox -s wheel``
checks the package as a user installs it. ``lint`` and ``types`` take paths after
``--`` (``nox -s lint -- engine/factlint/cache.py``) to check only those.

The tool versions are read from the ``dev`` extra in pyproject.toml, so a session
runs the same ruff and mypy as a developer's ``pip install -e '.[dev]'``.
"""

from __future__ import annotations

import json
import re
import tomllib
import zipfile
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SEED = "seeds/000_30fba8cf1e1c4e60.txt"
SEED_EXPECTED = ROOT / "seeds" / "expected-2023-01-10.json"

nox.options.sessions = ["lint", "types", "tests"]
nox.options.reuse_venv = "yes"


def _dev(name: str) -> str:
    """The requirement for ``name`` as the ``dev`` extra pins it (``ruff>=0.17``)."""
    for requirement in PYPROJECT["project"]["optional-dependencies"]["dev"]:
        if re.split(r"[\s<>=!~\[;]", requirement, maxsplit=1)[0].lower() == name.lower():
            return requirement
    raise LookupError(f"{name} is not in the dev extra of pyproject.toml")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check, with the rules configured in pyproject.toml."""
    session.install(_dev("ruff"))
    session.run("ruff", "check", *(session.posargs or ["."]))


@nox.session
def types(session: nox.Session) -> None:
    """mypy on the engine and the built-in plugins (the files listed in pyproject.toml)."""
    # With the test extra: it holds fastapi and distributed (the server and the Dask
    # executor are checked against their own types) and pytest (the test kit).
    session.install("-e", ".[dev,test]")
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


@nox.session(reuse_venv=False)
def wheel(session: nox.Session) -> None:
    """Build the wheel, install it (not editable) in a fresh environment and use it.

    Checks that the wheel carries the py.typed markers and the licence, that the
    installed version is the one in version.py, and that the seed article gives the
    recorded findings: the rules, loaders and reporter all arrive through the
    installed entry points, as they do for a user.
    """
    dist = Path(session.create_tmp()) / "dist"
    for old in dist.glob("*.whl"):
        old.unlink()
    session.run("python", "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT))
    (built,) = dist.glob("factlint-*.whl")

    names = zipfile.ZipFile(built).namelist()
    for required in ("factlint/py.typed", "factlint_plugins/py.typed"):
        if required not in names:
            session.error(f"{built.name} lacks {required}")
    if not any(re.fullmatch(r"factlint-[^/]+\.dist-info/(licenses/)?LICENSE", n) for n in names):
        session.error(f"{built.name} has no LICENSE in its dist-info")

    session.install(str(built))
    # Run from the checkout so that the report's paths match the recorded ones; the
    # package itself lives under engine/ and plugins/, so nothing here shadows the
    # installed copy, and this proves it.
    where = session.run("python", "-c", "import factlint; print(factlint.__file__)", silent=True) or ""
    if str(ROOT / "engine") in where:
        session.error(f"factlint was imported from the checkout, not the wheel: {where.strip()}")

    version_file = (ROOT / "engine" / "factlint" / "version.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', version_file, re.MULTILINE)
    if match is None:
        session.error("engine/factlint/version.py has no __version__")
    expected_version = match.group(1)
    shown = (session.run("factlint", "--version", silent=True) or "").strip()
    metadata = (
        session.run("python", "-c", "import importlib.metadata as m; print(m.version('factlint'))", silent=True) or ""
    ).strip()
    if shown != f"factlint {expected_version}" or metadata != expected_version:
        session.error(f"version.py says {expected_version}, factlint --version {shown!r}, metadata {metadata!r}")

    out = session.run(
        "factlint", "check", SEED, "--published", "2023-01-10", "--registry", "seeds/registry.yaml",
        "--format", "json", "--no-cache",
        silent=True, success_codes=[1],  # 1: there are findings, as recorded
    ) or ""
    got = [_rule_and_span(f) for f in json.loads(out)["findings"]]
    want = [_rule_and_span(f) for f in json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))["findings"]]
    if got != want:
        session.error(f"the installed wheel's findings on {SEED} differ:\n got  {got}\n want {want}")
    session.log(f"{built.name}: py.typed, LICENSE, version {expected_version}, {len(got)} seed findings as recorded")


def _rule_and_span(finding: dict[str, object]) -> tuple[object, ...]:
    """What identifies a finding across builds: its rule and where it is."""
    keys = ("path", "rule", "line", "column", "end_line", "end_column", "start", "end")
    return tuple(finding[k] for k in keys)

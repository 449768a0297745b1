"""The package as a user installs it: build the wheel, install it (not editable) in a
fresh environment and check the seed with it.

The rules, loaders and reporters then arrive through the wheel's own entry points, and
nothing is imported from this checkout: a module, data file or entry point left out
of the wheel fails here, not on a user's machine.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = "seeds/000_30fba8cf1e1c4e60.txt"
SEED_EXPECTED = ROOT / "seeds" / "expected-2023-01-10.json"

pytestmark = pytest.mark.slow


def _rule_and_span(finding: dict) -> tuple[str, int, int, int, int]:
    return (finding["rule"], finding["line"], finding["column"], finding["end_line"], finding["end_column"])


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        check=True,
        timeout=600,
    )
    (built,) = dist.glob("factlint-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh environment with the wheel installed."""
    env = tmp_path_factory.mktemp("wheel-venv")
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True, timeout=300)
    subprocess.run([str(env / "bin" / "pip"), "install", "-q", str(wheel)], check=True, timeout=600)
    return env / "bin"


def test_the_wheel_carries_the_type_markers_and_the_licence(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "factlint/py.typed" in names and "factlint_plugins/py.typed" in names
    assert any(re.fullmatch(r"factlint-[^/]+\.dist-info/(licenses/)?LICENSE", n) for n in names)


def test_the_installed_wheel_reports_the_seed_as_recorded(installed: Path) -> None:
    where = subprocess.run(
        [str(installed / "python"), "-c", "import factlint; print(factlint.__file__)"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    assert str(ROOT / "engine") not in where, f"imported from the checkout: {where}"
    version = re.search(r'^__version__ = "([^"]+)"', (ROOT / "engine" / "factlint" / "version.py").read_text(), re.M)
    assert version is not None
    shown = subprocess.run([str(installed / "factlint"), "--version"], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == f"factlint {version.group(1)}"
    done = subprocess.run(
        [str(installed / "factlint"), "check", SEED, "--published", "2023-01-10", "--registry",
         "seeds/registry.yaml", "--format", "json", "--no-cache", "--no-config"],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert done.returncode == 1, done.stderr  # 1: findings, as recorded
    got = [_rule_and_span(f) for f in json.loads(done.stdout)["findings"]]
    want = [_rule_and_span(f) for f in json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))["findings"]]
    assert got == want

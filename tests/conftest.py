"""Shared test setup."""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--factlint-update",
        action="store_true",
        default=False,
        help="rewrite the expected findings of golden fixtures (read the diff before committing)",
    )


@pytest.fixture
def update_fixtures(request: pytest.FixtureRequest) -> bool:
    """True when expectations should be rewritten instead of compared."""
    return bool(request.config.getoption("--factlint-update") or os.environ.get("FACTLINT_UPDATE_FIXTURES"))


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the command's findings cache out of the user's cache folder."""
    os.environ["FACTLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("factlint-cache"))

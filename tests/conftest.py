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

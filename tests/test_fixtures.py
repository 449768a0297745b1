"""The golden fixtures: every input under fixtures/ beside the findings expected of it.

A new case is a new pair of files, never new test code. After changing a rule, run
``pytest tests/test_fixtures.py --factlint-update`` and read the diff of the
``*.expected.json`` files before committing it.

Markdown cases also state the rule ids a person expects in the front-matter key
``expect``; the runner checks the findings against it, so an update can never
silently bless a wrong result. The runner is :mod:`factlint.testing`'s, the same one
plugin authors use.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint.testing import GoldenCase, check_golden, golden_cases

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CASES = golden_cases(FIXTURES)


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 60, f"only {len(CASES)} golden fixtures"


@pytest.mark.parametrize("case", CASES, ids=[str(c.path.relative_to(FIXTURES)) for c in CASES])
def test_fixture(case: GoldenCase, update_fixtures: bool) -> None:
    check_golden(case, update=update_fixtures)

"""Text made of dates, or of what looks like them, must take time linear in its length.

Each shape below once took time growing with the square of its length in the date
extractor or the date rules: every date compared with every other one of its
sentence, the text before each date searched again. Each case runs the extractor
and the three date rules in a child process, at 64 KB and at 256 KB, and asserts
that four times the text takes less than six times the CPU time (linear time takes
four, quadratic sixteen) and that 256 KB takes a few seconds.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# The child builds each text from a piece written again and again, or from a numbered one.
CHILD = r"""
import json, sys, time
from factlint import CheckContext, ClaimSet, Document, Registry
from factlint_plugins.checks.dates import DateOrderRule, RelativeDateRule, WeekdayRule
from factlint_plugins.extractors.dates import DatesExtractor

piece, numbered = sys.argv[1], sys.argv[2] == "numbered"

def make(size):
    if not numbered:
        return piece * (size // len(piece) + 1)
    parts, total, i = [], 0, 0
    while total < size:
        parts.append(piece.format(day=i % 28 + 1, year=1500 + i % 600))
        total += len(parts[-1])
        i += 1
    return "".join(parts)

seconds = {}
for kb in (64, 256):
    doc = Document.from_text(make(kb * 1024), published="2022-12-05")
    start = time.process_time()
    claims = ClaimSet(DatesExtractor().extract(doc, ClaimSet()))
    for rule in (RelativeDateRule, DateOrderRule, WeekdayRule):
        ctx = CheckContext(document=doc, claims=claims, registry=Registry(), rule_id=rule.id,
                           severity=rule.severity, plugin="date-checks", options=rule.Options())
        list(rule().check(ctx))
    seconds[kb] = time.process_time() - start
print(json.dumps(seconds))
"""

SHAPES = {
    "weekdays": ("Monday, ", "repeated"),
    "full-dates": ("March 3, 2021. ", "repeated"),
    "weekday-with-date-in-apposition": ("on Monday (March 3) ", "repeated"),
    "one-sentence-of-dates": ("the council met on {day} March {year} and then ", "numbered"),
    "after-the-vote": ("after the 2019 vote, ", "repeated"),
    "years-in-a-line": ("{year} ", "numbered"),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_dates_take_linear_time(shape: str) -> None:
    piece, how = SHAPES[shape]
    try:
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, piece, how], capture_output=True, text=True, timeout=60, check=True
        )
    except subprocess.TimeoutExpired:
        pytest.fail("64 KB and 256 KB of dates were not checked within 60 s")
    seconds = {int(kb): s for kb, s in json.loads(proc.stdout.strip().splitlines()[-1]).items()}
    small, large = seconds[64], seconds[256]
    assert large < 6 * max(small, 0.05), f"64 KB: {small:.2f} s, 256 KB: {large:.2f} s"
    assert large < 8, f"256 KB: {large:.2f} s of CPU"

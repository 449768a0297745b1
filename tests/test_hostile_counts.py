"""Hostile text must be checked for counts and names in time linear in its size.
The count tokenizer once read the whole of a run of digits and commas ("1,000,1,000,
...") from every number in it, so 256 KB of that took minutes; a list whose sentence
never seems to end was once split up to the end of the text. Each case checks 64
KB and 256 KB with the count and name rules in a child process with a time limit;
four times the input may take about four times the CPU, not sixteen."""

from __future__ import annotations

import pytest

from _growth import cpu_seconds_at_64_and_256_kb

# Each shape is one unit repeated to the size asked for, then a tail.
SHAPES = {
    "thousands-no-spaces": ("1,000,", ""),
    "thousands-with-spaces": ("1,000, ", ""),
    # One number of 65,000 groups that runs on into one more digit.
    "thousands-groups-run-on": (",000", "1"),
    "capitalised-words": ("Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel ", ""),
    # "C." may be an initial, so no sentence ends: every list once ran to the end.
    "lists-whose-sentences-do-not-end": ("Three groups: A, B and C. ", ""),
    # A bracket that never closes: every list once scanned to the end for it.
    "lists-in-an-unclosed-bracket": ("Two groups (A and B. ", ""),
}

CHECK = """
import sys, time
from factlint import Config, check_text
# One paragraph of 256 KB: past the paragraph bound, which these tests look behind.
CONFIG = Config(max_paragraph_chars=10**7)
unit, tail = sys.argv[1:3]
spent = []
for kb in (64, 256):
    size = kb * 1024
    text = (unit * (size // len(unit) + 1))[:size] + tail
    start = time.process_time()
    report = check_text(text, format="text", select=["count/mismatch", "name/variant"], config=CONFIG)
    spent.append(time.process_time() - start)
    assert not report.errors, report.errors
    assert not [f for f in report.findings if f.rule.startswith("engine/")], report.findings
print(f"64KB {spent[0]:.3f} 256KB {spent[1]:.3f}")
"""


@pytest.mark.parametrize(("unit", "tail"), SHAPES.values(), ids=SHAPES.keys())
def test_hostile_counts_and_names_check_in_linear_time(unit: str, tail: str) -> None:
    small, large = cpu_seconds_at_64_and_256_kb(CHECK, unit, tail, timeout=30, doing="checking this text")
    # Lists in a bracket that never closes each read their whole bounded region: linear,
    # but about 30 µs a byte (8 s at 256 KB); a real paragraph is far shorter.
    assert large < (12 if unit.startswith("Two groups (") else 4), (small, large)
    # Below 0.05 s the ratio is mostly noise.
    assert large / max(small, 0.05) < 6, (small, large)

"""Thousands of distinct names must be checked in time linear in their number.

Names that share a long beginning ("Andersonabc", "Andersonabd", ...) were once all
candidates for one another in the name rules' grouping: the index that keeps the
comparisons to plausible pairs filed every long name under the first half of its
spelling key, so 64 KB of such names took over a minute. Each case checks 64 KB and
256 KB in a child process with a time limit; four times the input may take about
four times the CPU, not sixteen."""

from __future__ import annotations

import pytest

from _growth import cpu_seconds_at_64_and_256_kb

CHECK = """
import sys, time
from factlint import Config, check_text
# One paragraph of 256 KB: past the paragraph bound, which these tests look behind.
CONFIG = Config(max_paragraph_chars=10**7)

shape = sys.argv[1]
LETTERS = "abcdefghijklmnopqrstuvwxyz"
FIRST = ["Alice", "Bob", "Carol", "David", "Erin", "Frank", "Grace", "Heidi"]

def spelled(n, width):
    return "".join(LETTERS[n // 26**k % 26] for k in range(width))

def sentence(i):
    if shape == "one-stem":
        # Distinct names, the same eight letters first.
        return f"Anderson{spelled(i * 2654435761 % 26**5, 5)} said. "
    # Distinct surnames, each beside a respelling one vowel apart.
    surname = spelled(i * 2654435761 % 26**6, 6).capitalize()
    variant = surname[:3] + ("e" if surname[3] == "a" else "a") + surname[4:]
    return f"{FIRST[i % 8]} {surname} met {FIRST[i % 8]} {variant}. "

spent = []
for kb in (64, 256):
    parts, size, i = [], 0, 0
    while size < kb * 1024:
        parts.append(sentence(i))
        size += len(parts[-1])
        i += 1
    text = "".join(parts)
    start = time.process_time()
    report = check_text(text, format="text", select=["name/variant"], config=CONFIG)
    spent.append(time.process_time() - start)
    assert not report.errors, report.errors
    assert not [f for f in report.findings if f.rule.startswith("engine/")], report.findings
print(f"64KB {spent[0]:.3f} 256KB {spent[1]:.3f}")
"""


@pytest.mark.parametrize("shape", ["one-stem", "near-variants"])
def test_many_distinct_names_check_in_linear_time(shape: str) -> None:
    small, large = cpu_seconds_at_64_and_256_kb(CHECK, shape, timeout=60, doing="checking these names")
    assert large < 8, (small, large)
    # Below 0.05 s the ratio is mostly noise. Past about 15,000 distinct names the name
    # matcher's bounded caches overflow, so one shared stem grows a little faster than
    # the text (x6 to x7 for x4): bounded and far from all-pairs (x16), but measured.
    assert large / max(small, 0.05) < (8 if shape == "one-stem" else 6), (small, large)

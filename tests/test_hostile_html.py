"""Hostile HTML must load in time linear in its size: thousands of nested elements
left open, paragraphs never closed, inline tag soup with stray end tags, one huge
text node. The loader once looked through its whole stack of open elements at every
tag, so 20,000 unclosed ``<div>`` took minutes. Each case loads 64 KB and 256 KB in
a child process with a time limit; four times the input may take about four times
the CPU, not sixteen."""

from __future__ import annotations

import pytest

from _growth import cpu_seconds_at_64_and_256_kb

# Each shape is one unit repeated to the size asked for.
SHAPES = {
    "nested-div": "<div>x ",
    "nested-div-no-text": "<div>",
    "unclosed-p": "<p>word ",
    "inline-soup": "<b><i>x</u> ",
    "list-soup": "<ul><li>x<td>y ",
    "one-text-node": "word ",
}

LOAD = """
import sys, time
from factlint_plugins.formats.html import load_html
unit = sys.argv[1]
spent = []
for kb in (64, 256):
    size = kb * 1024
    text = "<p>" + (unit * (size // len(unit) + 1))[:size]
    start = time.process_time()
    load_html(text)
    spent.append(time.process_time() - start)
print(f"64KB {spent[0]:.3f} 256KB {spent[1]:.3f}")
"""


@pytest.mark.parametrize("unit", SHAPES.values(), ids=SHAPES.keys())
def test_hostile_html_loads_in_linear_time(unit: str) -> None:
    small, large = cpu_seconds_at_64_and_256_kb(LOAD, unit, timeout=30, doing="loading this HTML")
    assert large < 4, (small, large)
    # Below 0.05 s the ratio is mostly noise.
    assert large / max(small, 0.05) < 6, (small, large)

"""Hostile HTML must load in time linear in its size: thousands of nested elements
left open, paragraphs never closed, inline tag soup with stray end tags, one huge
text node. The loader once looked through its whole stack of open elements at every
tag, so 20,000 unclosed ``<div>`` took minutes. Each case loads 64 KB and 256 KB in
a child process with a time limit; four times the input may take about four times
the CPU, not sixteen."""

from __future__ import annotations

import subprocess
import sys

import pytest

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
    try:
        proc = subprocess.run(
            [sys.executable, "-c", LOAD, unit], capture_output=True, text=True, timeout=30, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail("loading 64 KB and 256 KB of this HTML did not finish within 30 s")
    assert proc.returncode == 0, proc.stderr
    words = proc.stdout.split()
    assert words[0::2] == ["64KB", "256KB"], proc.stdout
    small, large = float(words[1]), float(words[3])
    assert large < 4, proc.stdout
    # Below 0.05 s the ratio is mostly noise.
    assert large / max(small, 0.05) < 6, proc.stdout

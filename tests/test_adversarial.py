"""Pathological text must not hang a check: long runs of mixed blanks (what masked
markup leaves behind), separators and half-formed dates, names and lists after the
words the extractors key on. A regular expression that backtracks exponentially
turns one odd article into a stalled CI job, so each case runs in a child process
with a time limit."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

CUES = ["in", "since", "early", "mid", "late", "the start of", "on", "last", "next", "10", "March",
        "Tuesday,", "signed by 10 organizations:", "The Human Rights", "B'Tselem", "(", "including"]
BLANKS = [" " * 40, " \n" * 20, "\t \u00a0" * 15, " - " * 15, "-" * 40, ", " * 20, " and" * 15]
TAILS = ["x", "12", "Alpha", ")", "."]

CHECK = """
import json, sys, time
from factlint import check_text
text = open(sys.argv[1], encoding="utf-8").read()
out = {}
for fmt in ("markdown", "text"):
    start = time.perf_counter()
    report = check_text(text, published="2022-12-05", format=fmt)
    out[fmt] = {"seconds": time.perf_counter() - start, "errors": len(report.errors)}
print(json.dumps(out))
"""


@pytest.mark.parametrize("blank", BLANKS, ids=[f"blank{i}" for i in range(len(BLANKS))])
def test_long_blank_runs_after_every_cue_finish_quickly(blank: str, tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "\n\n".join(cue + blank + tail for cue, tail in itertools.product(CUES, TAILS)), encoding="utf-8"
    )
    try:
        proc = subprocess.run(
            [sys.executable, "-c", CHECK, str(article)], capture_output=True, text=True, timeout=60, check=True
        )
    except subprocess.TimeoutExpired:
        pytest.fail("checking the article did not finish within 60 s")
    result = json.loads(proc.stdout)
    for fmt, seen in result.items():
        assert seen["errors"] == 0
        assert seen["seconds"] < 5, f"{fmt}: {seen['seconds']:.1f} s"

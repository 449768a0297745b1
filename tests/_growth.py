"""Time a script at two input sizes in a child process, for the linear-time tests.

The script prints ``64KB <cpu seconds> 256KB <cpu seconds>``; a child process keeps a
runaway case from taking the test run with it, and CPU time keeps other work on the
machine out of the figures."""

from __future__ import annotations

import subprocess
import sys

import pytest


def cpu_seconds_at_64_and_256_kb(script: str, *args: str, timeout: float, doing: str) -> tuple[float, float]:
    """The CPU seconds ``script`` reports for 64 KB and 256 KB; the test fails naming
    ``doing`` ("loading this HTML") when the child does not finish within ``timeout``."""
    try:
        proc = subprocess.run(
            [sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{doing} at 64 KB and 256 KB did not finish within {timeout:g} s")
    assert proc.returncode == 0, proc.stderr
    words = proc.stdout.split()
    assert words[0::2] == ["64KB", "256KB"], proc.stdout
    return float(words[1]), float(words[3])

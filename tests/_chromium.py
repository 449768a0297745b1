"""The Chromium the browser tests drive, and the flags every run of it gets."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium (``.ci/run`` installs it when it is missing)."""

FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""No sandbox (containers run as root), no GPU, and nothing that reaches the network
on its own: a test run must not depend on, or talk to, anything outside."""

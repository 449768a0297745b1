"""Sweeps beyond one process: worker pools and a Dask cluster give the serial report."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from factlint.cli import main

MISCOUNT = "The letter was signed by four groups: Alpha, Beta and Gamma.\n"
MISSPELT = "---\npublished: 2022-12-05\n---\nThe statement came from Turat Zedek and Yesh Din.\n"
REGISTRY = Path(__file__).resolve().parent.parent / "seeds" / "registry.yaml"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    for i in range(150):
        text = (MISCOUNT, MISSPELT, f"Article {i} names no count and no one.\n")[i % 3]
        (tmp_path / f"a{i:03d}.md").write_text(text, encoding="utf-8")
    (tmp_path / "broken.md").write_bytes(b"\xff not utf-8")
    return tmp_path


def test_dask_local_cluster_with_two_workers_gives_the_serial_report(articles: Path) -> None:
    pytest.importorskip("distributed")
    common = ("check", "--no-cache", "--format", "json", "--registry", str(REGISTRY), str(articles))
    serial = run(*common[:1], "-j", "1", *common[1:])
    dask = run(*common[:1], "--executor", "dask", "-j", "2", *common[1:])
    assert dask[0] == serial[0] == 2  # the broken file is an input error in both
    assert dask[1] == serial[1]
    data = json.loads(dask[1])
    assert data["summary"]["documents"] == 150
    assert {f["rule"] for f in data["findings"]} == {"count/mismatch", "name/registry"}


def test_dask_refuses_fixes(articles: Path) -> None:
    pytest.importorskip("distributed")
    code, _, err = run("check", "--executor", "dask", "--fix", str(articles))
    assert code == 2 and "cannot apply fixes" in err

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


def _archive(folder: Path) -> None:
    for i in range(6):
        (folder / f"a{i}.md").write_text(
            f"---\npublished: 2024-03-0{i + 1}\n---\nPresident Volodymyr Zelenskyy met Human Rights Watch in Kyiv.\n",
            encoding="utf-8",
        )
    (folder / "today.md").write_text(
        "---\npublished: 2024-03-09\n---\nPresident Volodymyr Zelensky met Human Rights First in Kyiv.\n",
        encoding="utf-8",
    )


def test_repo_consistency_flags_the_minority_spelling_with_the_others_as_related(tmp_path: Path) -> None:
    _archive(tmp_path)
    cache = tmp_path.parent / f"{tmp_path.name}-cache"
    argv = ("check", "--repo-consistency", "--cache-dir", str(cache), "--format", "json", str(tmp_path))
    first = run(*argv)
    data = json.loads(first[1])
    assert [(Path(f["path"]).name, f["rule"], f["text"], f["suggestion"]) for f in data["findings"]] == [
        ("today.md", "name/repository", "Volodymyr Zelensky", "Volodymyr Zelenskyy")
    ]
    assert [Path(r["path"]).name for r in data["findings"][0]["related"]] == ["a0.md", "a1.md", "a2.md", "a3.md", "a4.md"]
    assert run(*argv) == first  # the second pass works from the cached claims
    assert json.loads(run("check", "--no-cache", "--format", "json", str(tmp_path))[1])["findings"] == []


def test_repo_consistency_is_the_same_on_dask(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    _archive(tmp_path)
    serial = run("check", "--no-cache", "--repo-consistency", "-j", "1", "--format", "json", str(tmp_path))
    dask = run("check", "--no-cache", "--repo-consistency", "--executor", "dask", "-j", "2", "--format", "json", str(tmp_path))
    assert serial == dask

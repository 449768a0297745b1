"""Sweeps beyond one process: worker pools and a Dask cluster give the serial report."""

from __future__ import annotations

import io
import json
import threading
from pathlib import Path

import pytest

from factlint import EntityClaim, Span
from factlint.claim_store import ClaimStore
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
    assert [Path(r["path"]).name for r in data["findings"][0]["related"]] == [
        "a0.md",
        "a1.md",
        "a2.md",
        "a3.md",
        "a4.md",
    ]
    assert run(*argv) == first  # the second pass works from the cached claims
    assert json.loads(run("check", "--no-cache", "--format", "json", str(tmp_path))[1])["findings"] == []


def test_repo_consistency_is_the_same_on_dask(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    _archive(tmp_path)
    serial = run("check", "--no-cache", "--repo-consistency", "-j", "1", "--format", "json", str(tmp_path))
    dask = run(
        "check", "--no-cache", "--repo-consistency", "--executor", "dask", "-j", "2", "--format", "json", str(tmp_path)
    )
    assert serial == dask


def test_repo_consistency_is_the_same_in_worker_processes(tmp_path: Path) -> None:
    _archive(tmp_path)
    for i in range(6, 12):  # enough articles for two workers
        (tmp_path / f"b{i}.md").write_text(f"Article {i} names no one.\n", encoding="utf-8")
    serial = run("check", "--no-cache", "--repo-consistency", "-j", "1", "--format", "json", str(tmp_path))
    pooled = run("check", "--no-cache", "--repo-consistency", "-j", "2", "--format", "json", str(tmp_path))
    assert serial == pooled
    assert [f["rule"] for f in json.loads(pooled[1])["findings"]] == ["name/repository"]


def _entity(name: str) -> EntityClaim:
    return EntityClaim(id="e1", text=name, name=name, span=Span(start=0, end=len(name)), entity_type="person")


def test_claim_store_is_read_while_it_grows_and_again_once_sealed() -> None:
    with ClaimStore() as store:
        read: list[tuple[str, list[str]]] = []
        reader = threading.Thread(target=lambda: read.extend((p, [c.name for c in cs]) for p, cs in store))
        reader.start()
        added = [(f"a{i}.md", [f"Person {i}"]) for i in range(40)]
        for path, names in added:
            store.add(path, [_entity(n) for n in names])
        reader.join(timeout=0.2)
        assert reader.is_alive()  # the reader waits for more until the store is sealed
        store.seal()
        reader.join(timeout=30)
        assert not reader.is_alive()
        assert read == added
        assert len(store) == 40
        assert [(p, [c.name for c in cs]) for p, cs in store] == added  # and again, from the start
        with pytest.raises(ValueError, match="sealed"):
            store.add("late.md", [])


def test_claim_store_length_waits_for_the_seal() -> None:
    with ClaimStore() as store:
        store.add("a.md", [])
        lengths: list[int] = []
        counter = threading.Thread(target=lambda: lengths.append(len(store)))
        counter.start()
        counter.join(timeout=0.2)
        assert lengths == []
        store.add("b.md", [])
        store.seal()
        counter.join(timeout=30)
        assert lengths == [2]

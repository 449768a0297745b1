"""A gate's workflow: config files, baselines, fixes and the cache, with their edge cases."""

from __future__ import annotations

import io
import json
import os
import stat
from pathlib import Path

import pytest

from factlint.cli import main
from factlint.errors import ExitCode

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "seeds" / "registry.yaml"
MISCOUNT = "The letter was signed by four groups: Alpha, Beta and Gamma.\n"
MISSPELT = "---\npublished: 2022-12-05\n---\nThe statement came from Turat Zedek and Yesh Din.\n"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def rules_found(out: str) -> list[str]:
    return [f["rule"] for f in json.loads(out)["findings"]]


# ------------------------------------------------------------------------ config


def test_config_file_is_found_by_walking_up(tmp_path: Path) -> None:
    (tmp_path / "factlint.toml").write_text('ignore = ["count/"]\n', encoding="utf-8")
    (tmp_path / "desk").mkdir()
    article = tmp_path / "desk" / "a.md"
    article.write_text(MISCOUNT, encoding="utf-8")
    assert rules_found(run("check", "--format", "json", str(article))[1]) == []
    assert rules_found(run("check", "--no-config", "--format", "json", str(article))[1]) == ["count/mismatch"]


def test_pyproject_tool_table_and_relative_registry(tmp_path: Path) -> None:
    (tmp_path / "reg.yaml").write_text(REGISTRY.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.factlint]\nregistries = ["reg.yaml"]\nselect = ["name/registry"]\n',
        encoding="utf-8",
    )
    article = tmp_path / "a.md"
    article.write_text(MISSPELT, encoding="utf-8")
    code, out, _ = run("check", "--format", "json", str(article))
    assert rules_found(out) == ["name/registry"] and code == ExitCode.FINDINGS


def test_unknown_config_key_names_the_closest_valid_one(tmp_path: Path) -> None:
    (tmp_path / "factlint.toml").write_text('fail_onn = "error"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(MISCOUNT, encoding="utf-8")
    code, _, err = run("check", str(tmp_path / "a.md"))
    assert code == ExitCode.INPUT_ERROR
    assert "unknown key 'fail_onn'; did you mean 'fail-on'?" in err


def test_rule_options_are_validated_against_the_rule(tmp_path: Path) -> None:
    (tmp_path / "factlint.toml").write_text('[options."count/mismatch"]\nbogus = 1\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(MISCOUNT, encoding="utf-8")
    code, _, err = run("check", str(tmp_path / "a.md"))
    assert code == ExitCode.INPUT_ERROR and "count/mismatch" in err and "bogus" in err


def test_per_path_overrides(tmp_path: Path) -> None:
    (tmp_path / "factlint.toml").write_text(
        '[[overrides]]\nfiles = ["archive/*"]\nignore = ["count/mismatch"]\n'
        '[[overrides]]\nfiles = ["news/*"]\nseverity = { "count/mismatch" = "error" }\n',
        encoding="utf-8",
    )
    for folder in ("archive", "news"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text(MISCOUNT, encoding="utf-8")
    data = json.loads(run("check", "--format", "json", str(tmp_path))[1])
    assert [(Path(f["path"]).parent.name, f["severity"]) for f in data["findings"]] == [("news", "error")]


def test_per_path_overrides_reach_the_engine_s_suppression_findings(tmp_path: Path) -> None:
    (tmp_path / "factlint.toml").write_text(
        '[[overrides]]\nfiles = ["archive/*"]\nignore = ["engine/unused-suppression"]\n'
        '[[overrides]]\nfiles = ["news/*"]\nseverity = { "engine/unused-suppression" = "error" }\n',
        encoding="utf-8",
    )
    stale = "<!-- factlint-disable-next-line count/mismatch -->\nNothing to count here.\n"
    for folder in ("archive", "news"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.md").write_text(stale, encoding="utf-8")
    data = json.loads(run("check", "--format", "json", str(tmp_path))[1])
    assert [(Path(f["path"]).parent.name, f["rule"], f["severity"]) for f in data["findings"]] == [
        ("news", "engine/unused-suppression", "error")
    ]


def test_init_writes_a_config_that_loads(tmp_path: Path) -> None:
    target = tmp_path / "factlint.toml"
    assert run("init", str(target))[0] == ExitCode.OK
    (tmp_path / "a.md").write_text(MISCOUNT, encoding="utf-8")
    assert run("check", str(tmp_path / "a.md"))[0] == ExitCode.FINDINGS
    assert run("init", str(target))[0] == ExitCode.INPUT_ERROR  # never overwrites


# ---------------------------------------------------------------------- baseline


def test_baseline_reports_only_new_findings_and_survives_an_insert_above(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(MISCOUNT, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    run("check", "--write-baseline", str(baseline), str(article))
    article.write_text(
        "A new paragraph.\n\n" + MISCOUNT + "\nThey named two cities: Paris, Rome and Oslo.\n", encoding="utf-8"
    )
    code, out, _ = run("check", "--format", "json", "--baseline", str(baseline), str(article))
    findings = json.loads(out)["findings"]
    assert [f["text"] for f in findings] == ["two cities"]
    assert code == ExitCode.FINDINGS


@pytest.mark.parametrize("where", ["subfolder", "absolute", "elsewhere"])
def test_a_baseline_matches_however_the_files_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """Written from the repository root, read from a subfolder, with absolute paths,
    or from another folder altogether: the same findings are known."""
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.md").write_text(MISCOUNT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run("check", "--no-cache", "--write-baseline", "baseline.json", "news")
    rows = json.loads((tmp_path / "baseline.json").read_text(encoding="utf-8"))
    assert rows["paths"] == "relative to this file" and rows["findings"][0]["path"] == "news/a.md"
    if where == "subfolder":
        monkeypatch.chdir(tmp_path / "news")
        code, out, _ = run("check", "--no-cache", "--format", "json", "--baseline", "../baseline.json", "a.md")
    elif where == "absolute":
        args = ["--baseline", str(tmp_path / "baseline.json"), str(tmp_path / "news")]
        code, out, _ = run("check", "--no-cache", "--format", "json", *args)
    else:
        monkeypatch.chdir(tmp_path.parent)
        args = ["--baseline", f"{tmp_path.name}/baseline.json", f"{tmp_path.name}/news/a.md"]
        code, out, _ = run("check", "--no-cache", "--format", "json", *args)
    assert json.loads(out)["findings"] == []
    assert code == ExitCode.OK


def test_a_baseline_written_before_relative_paths_still_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ci").mkdir()
    (tmp_path / "a.md").write_text(MISCOUNT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run("check", "--no-cache", "--write-baseline", "ci/baseline.json", "a.md")
    data = json.loads((tmp_path / "ci" / "baseline.json").read_text(encoding="utf-8"))
    # The older form: no "paths" key, paths as typed from the folder the run started in.
    old = {"schema_version": 1, "findings": [{**row, "path": "a.md"} for row in data["findings"]]}
    (tmp_path / "ci" / "baseline.json").write_text(json.dumps(old), encoding="utf-8")
    code, out, _ = run("check", "--no-cache", "--format", "json", "--baseline", "ci/baseline.json", "a.md")
    assert json.loads(out)["findings"] == [] and code == ExitCode.OK


def test_a_broken_baseline_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text("{", encoding="utf-8")
    (tmp_path / "a.md").write_text(MISCOUNT, encoding="utf-8")
    code, _, err = run("check", "--baseline", str(tmp_path / "b.json"), str(tmp_path / "a.md"))
    assert code == ExitCode.INPUT_ERROR and "b.json" in err


# -------------------------------------------------------------------------- fixes


def test_nothing_is_written_without_fix(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(MISSPELT, encoding="utf-8")
    run("check", "--registry", str(REGISTRY), str(article))
    assert article.read_text(encoding="utf-8") == MISSPELT


def test_registry_fixes_are_unsafe_and_need_unsafe_fixes(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(MISSPELT, encoding="utf-8")
    article.chmod(0o640)
    run("check", "--fix", "--registry", str(REGISTRY), str(article))
    assert article.read_text(encoding="utf-8") == MISSPELT
    _code, out, err = run(
        "check", "--fix", "--unsafe-fixes", "--format", "json", "--registry", str(REGISTRY), str(article)
    )
    assert "Torat Tzedek and Yesh Din" in article.read_text(encoding="utf-8")
    assert "Fixed 1 finding" in err and rules_found(out) == []
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left behind
    before = article.read_text(encoding="utf-8")
    run("check", "--fix", "--unsafe-fixes", "--registry", str(REGISTRY), str(article))
    assert article.read_text(encoding="utf-8") == before  # idempotent


def test_fix_safety_can_be_configured_per_rule(tmp_path: Path) -> None:
    (tmp_path / "factlint.toml").write_text('[fix-safety]\n"name/registry" = "safe"\n', encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text(MISSPELT, encoding="utf-8")
    run("check", "--fix", "--registry", str(REGISTRY), str(article))
    assert "Torat Tzedek" in article.read_text(encoding="utf-8")


def test_diff_prints_and_writes_nothing(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(MISSPELT, encoding="utf-8")
    code, out, _ = run("check", "--diff", "--unsafe-fixes", "--registry", str(REGISTRY), str(article))
    assert "-The statement came from Turat Zedek" in out and "+The statement came from Torat Tzedek" in out
    assert article.read_text(encoding="utf-8") == MISSPELT and code == ExitCode.FINDINGS


def test_fix_is_refused_on_a_file_changed_after_it_was_read(tmp_path: Path) -> None:
    from factlint.fixes import digest, write_atomically

    article = tmp_path / "a.md"
    article.write_text(MISSPELT, encoding="utf-8")
    seen = digest(article.read_bytes())
    article.write_text(MISSPELT + "An editor's late change.\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="changed after it was read"):
        write_atomically(str(article), "fixed text", expected_digest=seen)
    assert article.read_text(encoding="utf-8").endswith("An editor's late change.\n")


# -------------------------------------------------------------------------- cache


def test_cache_reports_the_same_findings_and_is_invalidated_by_a_registry_change(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    article = tmp_path / "a.md"
    article.write_text(MISSPELT, encoding="utf-8")
    registry = tmp_path / "reg.yaml"
    registry.write_text(REGISTRY.read_text(encoding="utf-8"), encoding="utf-8")
    argv = ("check", "--format", "json", "--cache-dir", str(cache), "--registry", str(registry), str(article))
    first = run(*argv)[1]
    assert any(cache.rglob("*.json"))
    assert run(*argv)[1] == first  # from the cache, byte for byte
    registry.write_text(REGISTRY.read_text(encoding="utf-8").replace("Turat Zedek, ", ""), encoding="utf-8")
    third = json.loads(run(*argv)[1])
    assert third != json.loads(first)


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(MISCOUNT, encoding="utf-8")
    run("check", "--no-cache", "--cache-dir", str(tmp_path / "c"), str(article))
    assert not (tmp_path / "c").exists()


def test_changed_since_checks_only_changed_articles(tmp_path: Path) -> None:
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "desk@example.org")
    git("config", "user.name", "Desk")
    (tmp_path / "old.md").write_text(MISCOUNT, encoding="utf-8")
    git("add", ".")
    git("commit", "-qm", "old")
    (tmp_path / "new.md").write_text(MISCOUNT, encoding="utf-8")
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        data = json.loads(run("check", "--format", "json", "--changed-since", "HEAD", ".")[1])
    finally:
        os.chdir(cwd)
    assert [Path(f["path"]).name for f in data["findings"]] == ["new.md"]


# ------------------------------------------------------------------------- jobs


def test_parallel_run_gives_the_same_report_byte_for_byte(tmp_path: Path) -> None:
    for i in range(12):
        text = MISCOUNT if i % 3 == 0 else f"Article {i} names no count at all.\n"
        (tmp_path / f"a{i:02d}.md").write_text(text, encoding="utf-8")
    (tmp_path / "broken.md").write_bytes(b"\xff\xfe bad")
    serial = run("check", "--no-cache", "-j", "1", "--format", "json", str(tmp_path))
    parallel = run("check", "--no-cache", "-j", "2", "--format", "json", str(tmp_path))
    assert serial == parallel
    data = json.loads(serial[1])
    assert data["summary"]["documents"] == 12 and len(data["errors"]) == 1
    assert [Path(f["path"]).name for f in data["findings"]] == ["a00.md", "a03.md", "a06.md", "a09.md"]


def test_a_configured_severity_applies_to_every_finding_of_the_rule(tmp_path: Path) -> None:
    # name/registry reports a shortened house name at info; the user's severity wins.
    (tmp_path / "factlint.toml").write_text('[severity]\n"name/registry" = "error"\n', encoding="utf-8")
    article = tmp_path / "a.md"
    article.write_text(
        "---\npublished: 2022-12-05\n---\n"
        "The letter came from the Center for the Defense of the Individual, Yesh Din and Turat Zedek.\n",
        encoding="utf-8",
    )
    data = json.loads(run("check", "--format", "json", "--registry", str(REGISTRY), str(article))[1])
    assert [(f["text"], f["severity"]) for f in data["findings"]] == [
        ("Center for the Defense of the Individual", "error"),
        ("Turat Zedek", "error"),
    ]


# ------------------------------------------------------- saying what was done


def test_fix_and_diff_say_what_they_left_alone(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(MISCOUNT, encoding="utf-8")
    _, _, err = run("check", "--no-cache", "--fix", str(article))
    assert err == "No fixes applied. 1 finding has a suggestion to apply by hand.\n"
    _, out, err = run("check", "--no-cache", "--diff", str(article))
    assert out == "" and err == "0 findings would be fixed in 0 files. 1 finding has a suggestion to apply by hand.\n"


def test_diff_names_the_unsafe_fixes_it_left_out() -> None:
    root = Path(__file__).resolve().parent.parent
    seed = ["--published", "2022-12", "--registry", str(root / "seeds" / "registry.yaml")]
    _, _, err = run("check", "--no-cache", "--diff", *seed, str(root / "seeds" / "000_30fba8cf1e1c4e60.txt"))
    assert err == "0 findings would be fixed in 0 files. 4 findings have unsafe fixes: read, then add " \
        "--unsafe-fixes to apply.\n"


def test_a_report_written_to_a_file_is_named_with_its_totals(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text(MISCOUNT, encoding="utf-8")
    report = tmp_path / "out" / "r.html"
    report.parent.mkdir()
    code, out, err = run("check", "--no-cache", "--format", "html", "--output", str(report), str(article))
    assert code == ExitCode.FINDINGS and out == ""
    assert err == f"Wrote the html report to {report}: 1 finding in 1 document.\n"
    _, _, err = run("check", "--no-cache", "-q", "--format", "html", "--output", str(report), str(article))
    assert err == ""

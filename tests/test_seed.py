"""The seed article: exactly what a careful desk editor would flag in it.

The expectations come from the reference notes that came with the article: four
registry findings in the last list, nothing on the count (10 stated, 10 listed), and
nothing on the dates for December 2022; a date finding if it were published in
January 2023.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factlint import check_text
from factlint.cli import main

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
ARTICLE = SEEDS / "000_30fba8cf1e1c4e60.txt"
REGISTRY = SEEDS / "registry.yaml"
TEXT = ARTICLE.read_text(encoding="utf-8")

REGISTRY_FINDINGS = {
    "Turat Zedek": "Torat Tzedek",
    "Fighters for Peace": "Combatants for Peace",
    "Parents Against Child Arrest": "Parents Against Child Detention",
    "Center for the Defense of the Individual": "HaMoked: Center for the Defence of the Individual",
}


def _check(text: str = TEXT, published: str = "2022-12"):
    return check_text(text, published=published, registry=str(REGISTRY), format="text", path=str(ARTICLE))


def test_seed_report_is_what_an_editor_would_flag() -> None:
    report = _check()
    assert not report.errors
    found = {f.text: f.suggestion for f in report.findings}
    assert [f.rule for f in report.findings] == ["name/registry"] * 4
    assert found == REGISTRY_FINDINGS
    for f in report.findings:
        assert f.fix is not None and f.fix.safety == "unsafe"
        assert f.fix.edits[0].replacement == f.suggestion


def test_seed_published_in_january_flags_earlier_this_month_december() -> None:
    report = _check(published="2023-01-10")
    dates = report.by_rule("date/relative")
    assert len(dates) == 1
    assert "earlier this month" in TEXT[dates[0].span.start - 40 : dates[0].span.end + 20]
    assert not [f for f in report.findings if f.rule.startswith("count/")]


@pytest.mark.parametrize(
    "old,new",
    [
        ("10 Israeli human rights organizations", "11 Israeli human rights organizations"),
        ("signed by 10 organizations", "signed by 11 organizations"),
        ("Yesh Din, ", ""),
    ],
    ids=["lead says 11", "letter says 11", "one item dropped"],
)
def test_a_broken_count_is_flagged(old: str, new: str) -> None:
    assert old in TEXT
    report = _check(TEXT.replace(old, new, 1))
    assert len(report.by_rule("count/mismatch")) == 1


def test_a_second_spelling_of_torat_tzedek_is_a_name_variant() -> None:
    text = TEXT + "\n\nTora Tzedek said it would publish the letter in full.\n"
    report = _check(text)
    variants = report.by_rule("name/variant")
    assert len(variants) == 1
    involved = {variants[0].text, *(r.text for r in variants[0].related)}
    assert involved == {"Tora Tzedek", "Turat Zedek"}
    registry = {f.text for f in report.by_rule("name/registry")}
    assert {"Tora Tzedek", "Turat Zedek"} <= registry


@pytest.mark.parametrize("published", ["2022-12", "2023-01-10"])
def test_seed_report_matches_the_recorded_expected_report(published: str, capsys: pytest.CaptureFixture) -> None:
    expected = json.loads((SEEDS / f"expected-{published}.json").read_text(encoding="utf-8"))
    code = main(["check", "--format", "json", "--published", published, "--registry", str(REGISTRY), str(ARTICLE)])
    actual = json.loads(capsys.readouterr().out)
    for data in (actual, expected):
        for f in data["findings"]:
            f["path"] = Path(f["path"]).name
            for r in f["related"]:
                r["path"] = Path(r["path"]).name
    assert actual == expected
    assert code == 1

"""The pure parts of ``bench/sources.py``: exact ROC AUC, what an edit changed, the tables.

The changed-span cases are sentences of real BUMP pairs (``tests/data/bump_pairs.json``
says where they come from); the checker is a stand-in, so nothing here needs the
datasets or the source/ rules.
"""

from __future__ import annotations

import itertools
import json
import random
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from sources import (  # noqa: E402
    Checked,
    Flag,
    bump_rows,
    lexical_check,
    print_by_rule,
    reviewed_real,
    row,
    span_hits,
    write_review_list,
)
from sources_data import (  # noqa: E402
    BUMP_METRICS,
    BumpPair,
    MissingData,
    auc,
    bump_type,
    change_between,
    grounding_dir,
    stretch_kind,
)

PAIRS = json.loads((ROOT / "tests" / "data" / "bump_pairs.json").read_text(encoding="utf-8"))["pairs"]


# --- AUC ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("positives", "negatives", "expected"),
    [
        ([1, 2, 3], [0], 1.0),  # every pair ordered right
        ([0], [1, 2, 3], 0.0),  # every pair ordered wrong
        ([1], [1], 0.5),  # one tie: half
        ([0.5, 0.5], [0.5, 0.2], 0.75),  # (tie .5 + win 1) twice, over 4 pairs
        ([1, 2], [2, 3], 0.125),  # only 2 against 2 ties: 0.5 over 4 pairs
        ([3, 3, 1], [3, 2], 0.5),  # 3|3 tie twice (1), 3>2 twice (2), 1 loses both: 3 of 6
        ([1, 1, 1], [1, 1], 0.5),  # all ties
    ],
)
def test_auc_by_hand(positives, negatives, expected):
    assert auc(positives, negatives) == pytest.approx(expected)


def test_auc_matches_counting_every_pair():
    rng = random.Random(7)
    for _ in range(50):
        pos = [rng.randint(0, 5) for _ in range(rng.randint(1, 12))]
        neg = [rng.randint(0, 5) for _ in range(rng.randint(1, 12))]
        wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p, n in itertools.product(pos, neg))
        assert auc(pos, neg) == pytest.approx(wins / (len(pos) * len(neg)))


def test_auc_needs_both_sides():
    assert auc([], [1.0]) is None
    assert auc([1.0], []) is None


def test_metric_auc_is_of_minus_the_consistency_score():
    # A metric that scores every edited summary lower than its reference separates them.
    r = row("x", [True], [False], {"m": [0.1, 0.2]}, {"m": [0.8, 0.9]})
    assert r.metric_auc["m"] == 1.0
    assert r.detection == 1.0 and r.false_alarm_rate == 0.0 and r.balanced_accuracy == 1.0


# --- What an edit changed -------------------------------------------------------------------


@pytest.mark.parametrize("case", PAIRS, ids=[p["pair"] for p in PAIRS])
def test_changed_span_of_real_pairs(case):
    change = change_between(case["reference"], case["edited"], case.get("article", ""))
    assert case["edited"][change.start:change.end] == case["changed"]
    assert change.kind == case["kind"]


def test_a_title_case_word_is_a_name_only_when_the_article_never_writes_it_lower():
    case = next(p for p in PAIRS if p["pair"] == "t1:658")
    assert change_between(case["reference"], case["edited"]).kind == "name"
    assert change_between(case["reference"], case["edited"], case["article"]).kind is None


@pytest.mark.parametrize(
    ("stretch", "kind"),
    [
        (["Bank", "of", "England"], "name"),
        (["He"], None),
        (["three"], "number"),
        (["$", "5", "million"], "number"),
        (["March", "3", ",", "2015"], "date"),
        (["last", "week"], "date"),
        (["two", "years", "ago"], "date"),
        (["1990s"], "date"),
        (["the"], None),
        (["more"], None),
    ],
)
def test_stretch_kind(stretch, kind):
    assert stretch_kind(stretch) == kind


def test_a_deletion_is_found_where_it_was_made():
    change = change_between("He arrived on Monday at noon .", "He arrived at noon .")
    assert change.start == change.end == len("He arrived ")
    assert change.kind == "date"
    assert change.overlaps(3, 10 + 1) and not change.overlaps(0, 2)


def test_a_name_changed_twice_is_two_parts():
    edited = "Mike Ford will join Bath . Ford scored 36 tries ."
    change = change_between("Jeff Williams will join Bath . Williams scored 36 tries .", edited)
    assert change.kind == "name"
    assert change.text(edited) == "Mike Ford \u2026 Ford"
    join = edited.index("join")
    assert not change.overlaps(join, join + 4)
    assert change.overlaps(edited.index(". Ford") + 2, edited.index(". Ford") + 6)


def test_punctuation_alone_is_no_change():
    change = change_between("He left , then .", "He left ; then .")
    assert change.kind is None


def test_bump_type_reads_both_tasks_labels():
    assert bump_type("Intrinsic Entity Error") == bump_type("Intrinsic Entity") == "Intrinsic Entity"


def test_missing_data_is_named(tmp_path):
    with pytest.raises(MissingData, match="source_grounding"):
        grounding_dir(tmp_path)


# --- Tables with a stand-in checker ---------------------------------------------------------


def _pair(case: dict, n: int) -> BumpPair:
    scores = {m: (0.9, 0.1 * n) for m in BUMP_METRICS}
    article = case["reference"]
    return BumpPair(1, n, n, article, case["reference"], case["edited"], case["type"], scores)


def test_tables_and_span_accuracy_with_the_lexical_stand_in():
    pairs = [_pair(c, n) for n, c in enumerate(PAIRS)]
    checked = Checked(lexical_check, 0.0)
    rows = {r.label: r for r in bump_rows(pairs, checked)}
    # The article is the reference itself: no reference is flagged, and only edits that
    # bring in a new capitalised word or figure are.
    assert rows["All"].false_alarms == 0
    assert rows["All"].detected == 6  # Brian, Los Angeles-based, 55,000, Wednesday, 1840, January
    assert rows["Coreference"].detected == 0
    changes = [(p, change_between(p.reference, p.edited)) for p in pairs]
    assert span_hits(changes, checked) == (6, 6)


def test_threshold_drops_findings_less_sure():
    def unsure(summary: str, article: str) -> list[Flag]:
        return [Flag("x/y", 0.4, 0, 2, summary[:2], "unsure")]

    assert Checked(unsure, 0.0).flagged("He left .", "")
    assert not Checked(unsure, 0.5).flagged("He left .", "")


def test_review_list_quotes_finding_and_source(tmp_path):
    flag = Flag("source/name", 0.9, 0, 5, "Brian", "not in the source", related="Stephen Hawking said")
    out = tmp_path / "review.md"
    write_review_list(out, [("BUMP", "t1:7", "Brian Cox is a cosmologist .", [flag])], 0.0)
    text = out.read_text(encoding="utf-8")
    assert "## BUMP t1:7" in text and "> Brian Cox is a cosmologist ." in text
    assert "`source/name` (0.90)" in text and "Stephen Hawking said" in text


def test_by_rule_counts_edits_on_the_change(capsys):
    pairs = [_pair(c, n) for n, c in enumerate(PAIRS)]
    changes = [(p, change_between(p.reference, p.edited)) for p in pairs]
    print_by_rule(changes, Checked(lexical_check, 0.0))
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("lexical/unknown"))
    assert line.split()[1:] == ["6", "6", "6", "0"]


def test_a_reference_read_as_really_wrong_is_no_false_alarm():
    def pair(article_id: int) -> BumpPair:
        return BumpPair(1, 0, article_id, "He helped England win the Tokyo Sevens.", "He helped win in Toyko .",
                        "He helped win in Tokyo .", "Extrinsic Circumstance")

    checked = Checked(lexical_check, 0.0)
    assert reviewed_real([pair(3177)], checked) == 1  # "Toyko", read by hand for article 3177
    assert reviewed_real([pair(1)], checked) == 0

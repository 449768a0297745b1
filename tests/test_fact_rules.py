"""The reference-fact rules (fact/title, fact/holder, fact/event, name/reference) and
the built-in facts they ship with."""

from __future__ import annotations

from pathlib import Path

import pytest

from factlint import Config, FactStore, check_text
from factlint_plugins.reference import factlint_register_fact_files, towns

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_30fba8cf1e1c4e60.txt"
SEED_FACTS = ROOT / "seeds" / "facts.yaml"

# A small world of our own, so that the tests do not depend on the built-in data.
FACTS = """
source: test records
office_terms:
  - person: Alice Example
    office: Prime Minister of Testland
    titles: [Prime Minister, Testland Prime Minister]
    jurisdiction: Testland
    start: 2019-07-24
    end: 2022-09-06
  - person: Bernard Sample
    office: Prime Minister of Testland
    titles: [Prime Minister, Testland Prime Minister]
    jurisdiction: Testland
    start: 2022-09-06
    valid_through: 2024-12-31
  - person: Carla Yearly
    office: President of Yearland
    titles: [President, Yearland President]
    jurisdiction: Yearland
    start: 2017-01-01
    end: 2021-12-31
    precision: year
events:
  - id: widget-act-signed
    date: 2021-03-03
    actors: [Widget Council, the Council]
    actions: [sign, adopt]
    objects: [treaty]
    scope: [Widgetania]
names:
  - name: Vladivostok
    kind: place
  - name: Dar es Salaam
    kind: place
"""


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("facts") / "facts.yaml"
    path.write_text(FACTS, encoding="utf-8")
    return str(path)


def check(text: str, published: str | None, facts: str, rule: str) -> list:
    config = Config.model_validate({"facts": [facts]})
    return list(check_text(text, published=published, format="text", select=[rule], config=config).findings)


# ------------------------------------------------------------------ fact/title


def test_a_title_held_no_longer_is_flagged_with_the_record(facts: str) -> None:
    (f,) = check("Prime Minister Alice Example said the plan would go ahead.", "2023-03-01", facts, "fact/title")
    assert f.text == "Prime Minister Alice Example"
    assert "6 September 2022" in f.message and "test records" in f.message
    assert 'Write "former Prime Minister"' in f.message and "Bernard Sample" in f.message
    assert f.suggestion == "former Prime Minister Alice Example" and f.fix is None


def test_a_title_not_yet_held_names_the_holder_then(facts: str) -> None:
    (f,) = check("Prime Minister Bernard Sample spoke.", "2021-05-01", facts, "fact/title")
    assert "not yet" in f.message and "Alice Example" in f.message


@pytest.mark.parametrize(
    "text",
    [
        "Former Prime Minister Alice Example said the plan would go ahead.",
        "The then-Prime Minister Alice Example said the plan would go ahead.",
        "The ex-Prime Minister Alice Example said so.",
        "The late Prime Minister Alice Example said so.",
        "In 2020, Prime Minister Alice Example said the plan would go ahead.",
        "Deputy Prime Minister Alice Example said so.",
        "Prime Minister Zed Unknown said so.",
    ],
    ids=["former", "then-", "ex-", "late", "dated in term", "another office", "unknown person"],
)
def test_title_is_silent_when_the_writer_knows_or_the_facts_do_not(facts: str, text: str) -> None:
    assert check(text, "2023-03-01", facts, "fact/title") == []


def test_the_publication_date_decides_not_a_date_in_the_sentence(facts: str) -> None:
    # The publication date decides; a year in the sentence may be another event's.
    (f,) = check("In 2015, Prime Minister Alice Example said so.", "2016-01-01", facts, "fact/title")
    assert "not yet" in f.message and "published 1 January 2016" in f.message
    assert check("Prime Minister Alice Example recalled the riots of 2011.", "2020-01-01", facts, "fact/title") == []


def test_title_needs_a_date_and_stays_within_valid_through(facts: str) -> None:
    assert check("Prime Minister Alice Example said so.", None, facts, "fact/title") == []
    # Bernard Sample's record is valid through 2024: in 2026 the rule says nothing.
    assert check("Prime Minister Alice Example said so.", "2026-01-01", facts, "fact/title") == []


def test_year_precision_edges_are_silent(facts: str) -> None:
    assert check("President Carla Yearly said so.", "2021-12-01", facts, "fact/title") == []
    assert check("President Carla Yearly said so.", "2017-01-02", facts, "fact/title") == []
    assert len(check("President Carla Yearly said so.", "2023-01-02", facts, "fact/title")) == 1


# ------------------------------------------------------------------ fact/holder


def test_a_holder_one_slip_off_is_flagged_with_a_fix(facts: str) -> None:
    (f,) = check("Prime Minister Bernard Smaple spoke.", "2023-03-01", facts, "fact/holder")
    assert f.text == "Bernard Smaple" and f.suggestion == "Bernard Sample"
    assert f.fix is not None and f.fix.safety == "unsafe" and f.confidence >= 0.9


@pytest.mark.parametrize(
    "text,flagged",
    [
        ("Prime Minister Bernard Sample spoke.", False),
        ("Prime Minister Bernard Simple spoke.", True),
        ("Prime Minister Bert Sample spoke.", False),
    ],
    ids=["the holder", "one vowel changed", "another first name"],
)
def test_holder_flags_slips_only(facts: str, text: str, flagged: bool) -> None:
    assert len(check(text, "2023-03-01", facts, "fact/holder")) == flagged


def test_holder_leaves_transliterated_h_alone_but_not_a_dropped_h(facts: str) -> None:
    config = Config.model_validate({"facts": []})
    found = check_text("Prime Minister Boris Jonson spoke.", published="2021-05-01", format="text",
                       select=["fact/holder"], config=config).findings
    assert [f.suggestion for f in found] == ["Boris Johnson"]
    found = check_text("Georgian Prime Minister Irakli Garibashvili spoke.", published="2021-05-01", format="text",
                       select=["fact/holder"], config=config).findings
    assert found == ()


def test_holder_is_compared_with_the_holder_of_the_time(facts: str) -> None:
    # In 2020 the holder was Alice Example: "Bernard Smaple" is nobody's slip then.
    assert check("Prime Minister Bernard Smaple spoke.", "2020-03-01", facts, "fact/holder") == []


# ------------------------------------------------------------------ fact/event


def test_an_event_denied_after_it_happened_is_flagged_with_date_and_source(facts: str) -> None:
    text = "The Widget Council has yet to sign the treaty on Widgetania."
    (f,) = check(text, "2022-12", facts, "fact/event")
    assert f.text == "has yet to sign the treaty"
    assert "3 March 2021" in f.message and "test records" in f.message


@pytest.mark.parametrize(
    "text,published",
    [
        ("The Widget Council has yet to sign the treaty on Widgetania.", "2021-01-10"),
        ("By 2020 the Widget Council had not signed the treaty on Widgetania.", "2022-12"),
        ("The Widget Council has yet to sign the treaty on Gadgetland.", "2022-12"),
        ("The Widget Council signed the treaty on Widgetania on 3 March 2021.", "2022-12"),
        ("The Widget Council has yet to sign the treaty on Widgetania.", None),
    ],
    ids=["before it happened", "past perfect", "another scope", "dated right", "no date"],
)
def test_event_is_silent_when_the_sentence_holds(facts: str, text: str, published: str | None) -> None:
    assert check(text, published, facts, "fact/event") == []


def test_an_event_dated_wrongly_is_flagged_on_the_date(facts: str) -> None:
    text = "In February 2021, the Widget Council signed the treaty on Widgetania."
    (f,) = check(text, "2022-12", facts, "fact/event")
    assert f.text == "February 2021" and "3 March 2021" in f.message


def test_the_seed_article_flags_the_undeclared_investigation() -> None:
    config = Config.model_validate({"facts": [str(SEED_FACTS)]})
    report = check_text(SEED.read_text(encoding="utf-8"), published="2022-12", format="text", config=config,
                        select=["fact/"])
    (f,) = report.findings
    assert f.rule == "fact/event" and f.text.startswith("did not officially announce")
    assert "3 March 2021" in f.message
    assert "https://www.icc-cpi.int/news/statement-icc-prosecutor-fatou-bensouda" in f.message


# ------------------------------------------------------------------ name/reference


def test_a_well_known_name_misspelled_once_is_flagged(facts: str) -> None:
    (f,) = check("The delegation flew on to Vladivostock for the summit.", None, facts, "name/reference")
    assert f.suggestion == "Vladivostok" and f.fix is not None and f.fix.safety == "unsafe"
    (g,) = check("They had been in Dar es Salam the week before.", None, facts, "name/reference")
    assert g.text == "Dar es Salam" and g.suggestion == "Dar es Salaam"


@pytest.mark.parametrize(
    "text",
    [
        "The delegation flew on to Vladivostok for the summit.",
        "Vladivostock was quiet. Later Vladivostock was loud.",
        "Vladivostock and Vladivostok are both written here.",
        "Mr Vladivostock, a banker, said so.",
    ],
    ids=["the real name", "written twice alike", "both spellings (name/variant)", "a person"],
)
def test_reference_is_silent_for_real_and_consistent_names(facts: str, text: str) -> None:
    assert check(text, None, facts, "name/reference") == []


# ------------------------------------------------------------------ built-in data


def test_the_built_in_facts_load_without_problems(tmp_path: Path) -> None:
    store, problems = FactStore.load(factlint_register_fact_files(), cache_dir=tmp_path)
    assert problems == []
    kinds = {kind: count for kind, count, _ in store.coverage()}
    assert sum(kinds.values()) > 7_000
    johnson = [t for t in store.terms_for_person("Boris Johnson") if "Prime Minister" in t.office]
    assert [(t.start.isoformat(), t.end and t.end.isoformat()) for t in johnson] == [("2019-07-24", "2022-09-06")]
    assert store.known_name("Vladivostok") is not None
    assert "les escaldes" in towns() and "vladivostok" not in towns()


def test_the_built_in_facts_flag_a_stale_title() -> None:
    report = check_text("Prime Minister Boris Johnson said the plan would go ahead.", published="2023-03-01",
                        format="text", select=["fact/title"])
    (f,) = report.findings
    assert "Institute for Government" in f.message and "Rishi Sunak" in f.message

"""The value checks against sources: numbers, dates and quotations read, compared and
reported (source/number, source/date, source/quote)."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest

from factlint import DateClaim, Source, Span
from factlint.api import check_text
from factlint.config import Config
from factlint_plugins.checks.sources.dates import date_conflict
from factlint_plugins.checks.sources.numbers import (
    Quantity,
    absent_numbers,
    compatible,
    find_quantities,
    number_conflicts,
    same_slot,
    source_values,
)
from factlint_plugins.checks.sources.quotes import find_quotations, fold, quotation_span


def one(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------ reading numbers


@pytest.mark.parametrize(
    ("text", "value", "kind", "unit"),
    [
        ("estimated at more than $105 million.", 105_000_000, "money", "USD"),
        ("he paid £32.8m for it", 32_800_000, "money", "GBP"),
        ("a fee of 1,200,000 dollars", 1_200_000, "money", "USD"),
        ("fourteen people were killed", 14, "count", ""),
        ("twenty-one dogs barked", 21, "count", ""),
        ("one hundred and five men", 105, "count", ""),
        ("a dozen eggs", 12, "count", ""),
        ("turnout rose 45% overall", 45, "percent", "%"),
        ("turnout rose 3 per cent", 3, "percent", "%"),
        ("a 19-year-old student", 19, "age", ""),
        ("plunged to just 1,100ft above", 1_100, "measure", "foot"),
        ("nearly 250 kilograms of cocaine", 250, "measure", "kg"),
        ("Two-thirds of new fathers", 2 / 3, "fraction", ""),
        ("for the 10th time", 10, "ordinal", ""),
    ],
)
def test_reads_values_kinds_and_units(text: str, value: float, kind: str, unit: str) -> None:
    q = one(text)
    assert q.value == pytest.approx(value, rel=1e-3)
    assert (q.kind, q.unit) == (kind, unit)


def test_hedges_and_counted_nouns() -> None:
    about, more, citizens = find_quantities("About 40 people died, more than 2 tons, two Spanish citizens")
    assert about.qualifier == "about" and about.noun == "people"
    assert more.qualifier == "more_than"
    assert citizens.noun == "citizen"


def test_apposition_age_names_its_holder() -> None:
    q = one("Kevin Bollaert, 28, was convicted")
    assert (q.kind, q.value, q.noun) == ("age", 28, "kevin bollaert")


@pytest.mark.parametrize(
    "text",
    ["It happened in 2011 again", "on May 22 at the Apollo", "at 10:30 local time", "a 2-1 win", "Flight 370 vanished"],
)
def test_years_dates_times_scores_and_labels_are_not_numbers(text: str) -> None:
    assert find_quantities(text) == []


def test_date_spans_are_skipped() -> None:
    text = "tickets for the 22nd show"
    assert find_quantities(text, skip=[(16, 20)]) == []


# --------------------------------------------------------------------- comparing


def test_rounding_and_hedges_are_fair() -> None:
    source = one("41 people died")
    assert compatible(one("about 40 people died"), source)
    assert compatible(one("40 people died"), source)
    assert not compatible(one("14 people died"), source)
    assert compatible(one("$1.2 million was paid"), one("$1,193,000 was paid"))


def test_opposite_bounds_conflict() -> None:
    assert not compatible(one("less than $105 million"), one("more than $105 million"))
    assert compatible(one("more than $100 million"), one("$105 million"))


def test_slots_need_the_same_unit_and_noun() -> None:
    assert not same_slot(one("14 killed"), one("41 injured"))
    assert same_slot(one("14 killed"), one("41 killed"))
    assert not same_slot(one("250 kilograms of cocaine"), one("550 pounds of cocaine"))


def test_conflict_in_the_aligned_sentence() -> None:
    source = "Officers arrested one Venezuelan and two Spanish citizens on the boat."
    aligned = [(find_quantities(source), 0.9, source)]
    found = number_conflicts(find_quantities("Officers arrested one Venezuelan and four Spanish citizens."), aligned)
    assert len(found) == 1
    assert (found[0].quantity.value, found[0].source.value, found[0].certain) == (4, 2, True)


def test_a_figure_moved_to_another_slot_of_the_sentence() -> None:
    source = (
        "The jet was falling at 9,500ft a minute and fell to just 1,100ft above the ocean "
        "before the pilot recovered."
    )
    aligned = [(find_quantities(source), 0.7, source)]
    found = number_conflicts(find_quantities("It fell to just 9,500ft above the ocean before the pilot recovered."),
                             aligned)
    assert [(c.quantity.value, c.source.value) for c in found] == [(9_500, 1_100)]
    # Its own neighbourhood: no conflict.
    assert number_conflicts(find_quantities("It was falling at 9,500ft a minute."), aligned) == []


def test_a_total_given_in_parts_is_no_conflict() -> None:
    source = "He was convicted of 21 counts of identity theft and six counts of extortion."
    aligned = [(find_quantities(source), 0.8, source)]
    assert number_conflicts(find_quantities("He was found guilty of 27 counts."), aligned) == []


def test_absent_numbers() -> None:
    source = "Lisa spends seven hours a week on the internet."
    quantities = find_quantities(source)
    values = source_values(source, quantities)
    assert [q.value for q in absent_numbers(find_quantities("She spends fourteen hours a week."), quantities,
                                            values)] == [14]
    assert absent_numbers(find_quantities("She spends about seven hours a week."), quantities, values) == []
    assert absent_numbers(find_quantities("She has two cats."), quantities, values) == []  # small tallies


# ------------------------------------------------------------------------- dates


def _date(text: str, start: dt.date | None, end: dt.date | None, **kw: Any) -> DateClaim:
    return DateClaim.model_validate(
        {"id": f"date:{text}", "text": text, "span": Span(start=0, end=len(text)), "start": start, "end": end, **kw}
    )


def test_disjoint_dates_conflict_and_meeting_ones_do_not() -> None:
    ours = _date("June 2015", dt.date(2015, 6, 1), dt.date(2015, 6, 30), granularity="month")
    theirs = _date("June 2011", dt.date(2011, 6, 1), dt.date(2011, 6, 30), granularity="month")
    conflict = date_conflict(ours, [(theirs, None, 0.8)], [], True)  # type: ignore[list-item]
    assert conflict is not None and conflict.what == "date" and conflict.certain
    day = _date("June 14, 2011", dt.date(2011, 6, 14), dt.date(2011, 6, 14))
    assert date_conflict(day, [(theirs, None, 0.8)], [], True) is None  # type: ignore[list-item]


def test_weekdays_and_relative_words() -> None:
    thursday = _date("Thursday", None, None, weekday=3, anchor="publication", relative="weekday")
    tuesday = _date("Tuesday", None, None, weekday=1, anchor="publication", relative="weekday")
    found = date_conflict(thursday, [(tuesday, None, 0.8)], [], True)  # type: ignore[list-item]
    assert found is not None and found.what == "weekday"
    today = _date("today", None, None, anchor="publication", relative="today")
    tomorrow = _date("tomorrow", None, None, anchor="publication", relative="tomorrow")
    assert date_conflict(today, [(tomorrow, None, 0.8)], [], True) is not None  # type: ignore[list-item]
    # Published on different days, the same day is named with different words.
    assert date_conflict(today, [(tomorrow, None, 0.8)], [], False) is None  # type: ignore[list-item]


def test_a_less_aligned_sentence_may_bear_a_date_out() -> None:
    ours = _date("2011", dt.date(2011, 1, 1), dt.date(2011, 12, 31), granularity="year")
    theirs = _date("2013", dt.date(2013, 1, 1), dt.date(2013, 12, 31), granularity="year")
    other = _date("June 2011", dt.date(2011, 6, 1), dt.date(2011, 6, 30), granularity="month")
    assert date_conflict(ours, [(theirs, None, 0.8)], [other], True) is None  # type: ignore[list-item]


# -------------------------------------------------------------------- quotations


def test_folding_and_patterns() -> None:
    assert fold("“We’re HERE,” she said.") == "we re here she said"
    assert fold("i 'm f -- ing done") == fold("I'm f---ing done")
    source = fold("The plan is, frankly, simply not working for anyone here.")
    assert quotation_span("The plan is ... not working for anyone", source)
    assert quotation_span("The [government's] plan is, frankly, simply not working", source)
    assert quotation_span("The plan ... simply ... for anyone here", source) == (0, len(source))
    assert quotation_span("The plan is working for anyone", source) is None
    assert quotation_span("simply ... The plan", source) is None  # in order only


def test_a_hostile_quotation_is_matched_in_linear_time() -> None:
    source = fold("the " * 20_000)
    quote = " ... ".join(["the [x] the"] * 40) + " missing"
    started = time.process_time()
    assert quotation_span(quote, source) is None
    assert time.process_time() - started < 2.0


def test_quotations_and_their_speakers() -> None:
    text = (
        '"We cannot keep the old bridge open," council leader Maria Okafor said. '
        'Tom Reyes said: "It will take two years." A "short" note.'
    )
    quotes = find_quotations(text)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("We cannot keep the old bridge open,", "Maria Okafor"),
        ("It will take two years.", "Tom Reyes"),
    ]


# ------------------------------------------------------------------ through the API


def _check(article: str, source: str, rule: str, attributed: str = "quoted") -> list[str]:
    config = Config(options={rule: {"attributed": attributed}})
    report = check_text(article, format="text", sources=[Source(path="s.txt", suffix=".txt", text=source)],
                        select=[rule], config=config)
    assert not report.errors
    return [f.message for f in report.findings]


def test_absent_only_when_attributed_or_all() -> None:
    source = "Lisa Courtney spends seven hours a week on the internet browsing for new Pokemon releases."
    article = "Lisa Courtney spends fourteen hours a week on the internet browsing for Pokemon releases."
    # The slot conflicts: reported in both modes.
    assert _check(article, source, "source/number") == [
        "States fourteen hours where the source says seven hours."
    ]
    other = "Lisa Courtney spends seven hours a week on the internet browsing for 300 new Pokemon releases."
    assert _check(other, source, "source/number") == []
    assert _check(other, source, "source/number", "all") == [
        "States 300 new Pokemon releases, which the sources nowhere give."
    ]


def test_silent_without_sources() -> None:
    report = check_text("Officers arrested four Spanish citizens.", format="text",
                        select=["source/number", "source/date", "source/quote"])
    assert report.findings == ()


def test_relative_dates_resolve_against_each_documents_own_date() -> None:
    source = Source(path="s.md", suffix=".md",
                    text="---\npublished: 2015-04-21\n---\nThe council voted today to close the old bridge.\n")

    def dates(article: str, published: str) -> list[str]:
        report = check_text(article, format="text", published=published, sources=[source], select=["source/date"])
        return [f.message for f in report.findings]

    assert dates("The council voted yesterday to close the old bridge.", "2015-04-22") == []
    assert dates("The council voted on Tuesday to close the old bridge.", "2015-04-22") == []
    assert dates("The council voted yesterday to close the old bridge.", "2015-04-23") == [
        'Says "yesterday" (April 22, 2015) where the source says "today" (April 21, 2015).'
    ]

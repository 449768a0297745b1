"""The dates extractor and the date/relative, date/order and date/weekday rules."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path

import pytest

from factlint import CheckContext, ClaimSet, DateClaim, Document, Registry, Severity, TemporalRelationClaim
from factlint.rules import RULE_DOC_HEADINGS
from factlint_plugins.checks.dates import DateOrderRule, RelativeDateRule, WeekdayRule
from factlint_plugins.extractors.dates import DatesExtractor

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_30fba8cf1e1c4e60.txt"
D = dt.date


def extract(text: str, published: str | None = None) -> list:
    doc = Document.from_text(text, published=published)
    return list(DatesExtractor().extract(doc, ClaimSet()))


def dates(text: str, published: str | None = None) -> list[DateClaim]:
    return [c for c in extract(text, published) if isinstance(c, DateClaim)]


def only(text: str, published: str | None = None) -> DateClaim:
    found = dates(text, published)
    assert len(found) == 1, [c.text for c in found]
    return found[0]


def findings(rule_cls, text: str, published: str | None = None):
    doc = Document.from_text(text, published=published)
    claims = ClaimSet(DatesExtractor().extract(doc, ClaimSet()))
    ctx = CheckContext(
        document=doc, claims=claims, registry=Registry(), rule_id=rule_cls.id,
        severity=rule_cls.severity, plugin="date-checks", options=rule_cls.Options(),
    )
    return list(rule_cls().check(ctx))


# ------------------------------------------------------------------ absolute dates


@pytest.mark.parametrize(
    ("text", "start", "end", "granularity"),
    [
        ("It happened on 5 February 2021 in Paris.", D(2021, 2, 5), D(2021, 2, 5), "day"),
        ("It happened on February 5, 2021 in Paris.", D(2021, 2, 5), D(2021, 2, 5), "day"),
        ("It happened on Feb. 5, 2021 in Paris.", D(2021, 2, 5), D(2021, 2, 5), "day"),
        ("It happened in February 2021 in Paris.", D(2021, 2, 1), D(2021, 2, 28), "month"),
        ("Palestine joined it in 2015 to provide updates.", D(2015, 1, 1), D(2015, 12, 31), "year"),
        ("2015's budget was larger.", D(2015, 1, 1), D(2015, 12, 31), "year"),
        ("Prices rose in the 1990s.", D(1990, 1, 1), D(1999, 12, 31), "decade"),
        ("The assembly met from 5 to 10 December 2022.", D(2022, 12, 5), D(2022, 12, 10), "day"),
        ("The poll came in late September 2013.", D(2013, 9, 21), D(2013, 9, 30), "month"),
    ],
)
def test_absolute_dates_resolve_to_their_interval(text, start, end, granularity):
    claim = only(text, "2023-01-10")
    assert (claim.start, claim.end, claim.granularity, claim.anchor) == (start, end, granularity, "absolute")
    assert claim.id == f"date:{claim.span.start}-{claim.span.end}"


def test_day_without_year_takes_the_year_from_publication():
    claim = only("The strike began on Dec. 5 and ended on the 9th.", "2023-01-10")
    assert (claim.start, claim.year_explicit) == (D(2022, 12, 5), False)


def test_future_tense_moves_a_yearless_month_forward():
    claim = only("Magicians will meet in Mexico in January.", "2013-10-09")
    assert claim.start == D(2014, 1, 1)


@pytest.mark.parametrize(
    "text",
    [
        "The flood displaced 2015 people across the region.",
        "The protest drew 2,015 people.",
        "Officials may 2015 review the figures.",
        "The protest march drew thousands.",
        "They may decide soon.",
        "Flight 2015 landed safely.",
    ],
)
def test_numbers_and_words_that_are_not_dates(text):
    assert dates(text, "2022-12-01") == []


def test_weekday_written_with_a_date_is_kept_apart():
    claim = only("Tuesday, September 1, 2015", "2015-09-01")
    assert claim.weekday == 1 and claim.start == D(2015, 9, 1)
    assert claim.weekday_span is not None and claim.weekday_span.end - claim.weekday_span.start == len("Tuesday")


# ----------------------------------------------------------------- relative dates


@pytest.mark.parametrize(
    ("text", "relative", "start", "end"),
    [
        ("It rained yesterday.", "yesterday", D(2023, 1, 9), D(2023, 1, 9)),
        ("They vote tomorrow.", "tomorrow", D(2023, 1, 11), D(2023, 1, 11)),
        ("Talks ended last week.", "last week", D(2023, 1, 2), D(2023, 1, 8)),
        ("Talks ended last month.", "last month", D(2022, 12, 1), D(2022, 12, 31)),
        ("It was founded two years ago.", "2 years ago", D(2021, 1, 1), D(2021, 12, 31)),
        ("It said so earlier this month.", "earlier this month", D(2023, 1, 1), D(2023, 1, 10)),
        ("The minister resigned on Friday.", "on Friday", D(2023, 1, 6), D(2023, 1, 6)),
        ("The minister resigned last Tuesday.", "last Tuesday", D(2023, 1, 3), D(2023, 1, 3)),
    ],
)
def test_relative_dates_resolve_against_the_publication_day(text, relative, start, end):
    claim = only(text, "2023-01-10")  # a Tuesday
    assert (claim.relative, claim.start, claim.end, claim.anchor) == (relative, start, end, "publication")


def test_on_weekday_in_future_context_looks_forward():
    claim = only("The committee will meet on Friday.", "2023-01-10")
    assert claim.start == D(2023, 1, 13)


def test_relative_date_without_publication_date_is_unresolved():
    claim = only("It rained yesterday.")
    assert claim.relative == "yesterday" and claim.start is None and claim.end is None


def test_month_precision_widens_the_interval_honestly():
    claim = only("It rained yesterday.", "2022-12")
    assert (claim.start, claim.end) == (D(2022, 11, 30), D(2022, 12, 30))
    assert claim.confidence < 1


def test_apposition_is_read_and_not_extracted_twice():
    claim = only("We welcome your statement earlier this month (December) that ...", "2023-01-10")
    assert claim.apposition == D(2022, 12, 1) and claim.apposition_granularity == "month"
    yesterday = only("They met yesterday (Monday).", "2023-01-12")
    assert yesterday.weekday == 0


# -------------------------------------------------------------------- relations


def test_ordering_cue_between_two_dates_becomes_a_relation():
    claims = extract("The ban, imposed in March 2020, followed the election in May 2020.", "2022-01-10")
    rel = [c for c in claims if isinstance(c, TemporalRelationClaim)]
    by_id = {c.id: c for c in claims}
    assert len(rel) == 1 and rel[0].relation == "after"
    assert (by_id[rel[0].subject].text, by_id[rel[0].object].text) == ("March 2020", "May 2020")


@pytest.mark.parametrize(
    "text",
    [
        "English serial killer Steven Wright, who killed five women in 2006, receives another life "
        "sentence after he admitted to murdering a girl in 1999.",
        "The suspect, arrested on Monday, had appeared before a judge in 2019 on a separate charge.",
        "After the vote, the party split.",
    ],
)
def test_no_relation_without_two_dates_tied_to_the_cue(text):
    assert not [c for c in extract(text, "2023-01-10") if isinstance(c, TemporalRelationClaim)]


# ------------------------------------------------------------------------- rules


def test_seed_is_clean_when_published_in_december_2022():
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else _SEED_DATES
    for rule in (RelativeDateRule, DateOrderRule, WeekdayRule):
        assert findings(rule, text, "2022-12") == []


def test_seed_flags_earlier_this_month_when_published_in_january():
    text = SEED.read_text(encoding="utf-8") if SEED.exists() else _SEED_DATES
    (f,) = findings(RelativeDateRule, text, "2023-01-10")
    assert f.text == "December" and f.suggestion == "January"
    assert f.fix is not None and f.fix.safety == "unsafe" and f.fix.edits[0].replacement == "January"
    assert [r.text for r in f.related] == ["earlier this month"]
    assert findings(DateOrderRule, text, "2023-01-10") == findings(WeekdayRule, text, "2023-01-10") == []


_SEED_DATES = (
    'B\'Tselem said in a statement, "Yesterday, a group of human rights organizations sent a joint letter."\n\n'
    '"We welcome your statement earlier this month (December) '
    'that one of your goals for 2023 is to visit Palestine."\n\n'
    "In February 2021, the court declared its jurisdiction. Palestine joined it in 2015.\n"
)


def test_yesterday_with_the_wrong_weekday():
    (f,) = findings(RelativeDateRule, "They met yesterday (Monday) in Geneva.", "2023-01-12")
    assert f.text == "Monday" and f.suggestion == "Wednesday"
    assert "Wednesday" in f.message and "Monday" in f.message


def test_month_precision_flags_only_what_is_certain():
    assert findings(RelativeDateRule, "They met yesterday (Monday) in Geneva.", "2023-01") == []
    (f,) = findings(RelativeDateRule, "It was announced earlier this month (November).", "2022-12")
    assert f.suggestion == "December"


def test_next_year_with_the_wrong_year():
    (f,) = findings(RelativeDateRule, "The summit will be held next year (2024).", "2022-06-01")
    assert f.suggestion == "2023"
    assert findings(RelativeDateRule, "The summit will be held next year (2024).", "2023-06-01") == []


def test_relative_rule_is_silent_without_publication_date():
    assert findings(RelativeDateRule, "It was announced earlier this month (November).") == []


def test_weekday_rule_names_both_places_and_assumes_neither_wrong():
    (f,) = findings(WeekdayRule, "The court met on Tuesday, September 2, 2015, to hear the case.", "2015-09-10")
    assert f.text == "Tuesday" and f.message == "September 2, 2015 was a Wednesday, not a Tuesday."
    assert [r.text for r in f.related] == ["September 2, 2015"]
    assert f.suggestion is None and f.fix is None
    assert findings(WeekdayRule, "The court met on Wednesday, September 2, 2015.", "2015-09-10") == []


def test_weekday_rule_checks_a_date_in_apposition():
    (f,) = findings(WeekdayRule, "A storm on Sunday night (March 5) caused a mass exodus.", "2007-03-06")
    assert f.text == "Sunday" and f.confidence < 1
    assert findings(WeekdayRule, "A storm on Sunday night (March 4) caused a mass exodus.", "2007-03-05") == []


def test_order_rule_flags_a_reversed_order_and_points_at_the_other_date():
    (f,) = findings(DateOrderRule, "The ban, imposed in March 2020, followed the election in May 2020.", "2022-01-10")
    assert f.text == "March 2020" and f.related[0].text == "May 2020"
    assert f.severity == Severity.WARNING


def test_order_rule_is_quiet_when_dates_overlap_or_agree():
    assert findings(DateOrderRule, "In 2020, after the March 2020 vote, the party split.", "2022-01-10") == []
    assert (
        findings(DateOrderRule, "The ban, imposed in June 2020, followed the election in May 2020.", "2022-01-10") == []
    )


@pytest.mark.parametrize("rule", [RelativeDateRule, DateOrderRule, WeekdayRule])
def test_rule_documentation_has_every_heading_in_order(rule):
    headings = re.findall(r"^\s*## (.+)$", rule.__doc__ or "", re.MULTILINE)
    assert headings == list(RULE_DOC_HEADINGS)
    assert rule.id.startswith("date/") and rule.summary and "date" in rule.requires


# ------------------------------------------------------------- wider reading, links


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        ("October is National Magic Month in the United States.", "2013-10-09", D(2013, 10, 1), D(2013, 10, 31)),
        (
            "It is remarkable in the light of the history of the past century.",
            "2009-04-04",
            D(1900, 1, 1),
            D(1999, 12, 31),
        ),
        (
            "They are looking at mandatory guidelines by the end of the year.",
            "2006-02-23",
            D(2006, 12, 31),
            D(2006, 12, 31),
        ),
        ("The effort to clear the backlog by year end continues.", "2023-02-23", D(2023, 12, 31), D(2023, 12, 31)),
        ("The theme of this years lantern festival is the zodiac.", "2007-03-05", D(2007, 1, 1), D(2007, 12, 31)),
        ('"[Ten] years ago, a browser was born."', "2011-03-08", D(2001, 1, 1), D(2001, 12, 31)),
        ("The first referendum is to be held from November 20.", "2015-05-07", D(2015, 11, 20), D(2015, 11, 20)),
        (
            "On Wednesday, Mohamed and his father are to travel to the United Nations.",
            "2015-09-22",
            D(2015, 9, 23),
            D(2015, 9, 23),
        ),
        ("The floor, shortly after opening Friday.", "2016-09-07", D(2016, 9, 2), D(2016, 9, 2)),
        ("Prices will fall over the coming week.", "2013-02-12", D(2013, 2, 18), D(2013, 2, 24)),
    ],
)
def test_phrases_read_and_resolved(text, published, start, end):
    claim = only(text, published)
    assert (claim.start, claim.end) == (start, end)


def test_the_next_weekday_of_a_story_is_not_resolved_against_publication():
    claim = only("I went back the next Tuesday night and there was no one there.", "2007-03-05")
    assert claim.start is None


def test_a_day_without_a_year_takes_the_year_written_in_its_sentence():
    found = dates("The court met on 28 December 2019 after the hearing on December 20 was postponed.", "2025-08-01")
    assert [c.start for c in found] == [D(2019, 12, 28), D(2019, 12, 20)]


def _relation_texts(text: str, published: str) -> list[tuple[str, str, str]]:
    claims = extract(text, published)
    by_id = {c.id: c for c in claims}
    return [(by_id[r.subject].text, r.relation, by_id[r.object].text)
            for r in claims if isinstance(r, TemporalRelationClaim)]


@pytest.mark.parametrize(
    ("text", "published", "want"),
    [
        # a name or place between the cue and its date
        ("He turned himself in on October 6 after travelling back from Florida on October 14.", "2024-10-20",
         ("October 6", "after", "October 14")),
        # a place between the subject date and the cue
        ("17 people were killed late Wednesday in the border town of Tiné following a drone attack on March 25.",
         "2026-03-19", ("Wednesday", "after", "March 25")),
        # a date opening the sentence dates its main clause
        ("On Friday, fishermen rescued 700 people, and the navy saved 200 more after they were found on May 16.",
         "2015-05-18", ("Friday", "after", "May 16")),
        # a cue opening the sentence, the other event dated later in it
        ("Following the vote on 5 May, the council met on 3 May.", "2023-06-01", ("3 May", "after", "5 May")),
    ],
)
def test_order_cues_linked_across_names_and_clauses(text, published, want):
    assert _relation_texts(text, published) == [want]


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("On Monday, officials said the vote will take place after talks on Wednesday.", "2023-06-07"),
        ("Gas prices fall below $4 for the first time since March 30 after rising on April 8.", "2026-06-18"),
        ("The March 23 Movement agrees to release prisoners following talks on March 30.", "2026-04-19"),
        ("Endeavour, which will launch on April 29, will be sent to Los Angeles following its retirement on May 1.",
         "2011-04-13"),
        ("The curfew, imposed on September 9, is lifted after the appointment on September 13.", "2025-09-13"),
        ("After the vote on 5 May, the party, founded on 1 March, split.", "2023-06-01"),
        ("The conclave will start on May 7 to elect a successor after his death on April 21.", "2025-04-28"),
    ],
)
def test_order_cues_not_linked_when_the_date_belongs_elsewhere(text, published):
    assert _relation_texts(text, published) == []


# --------------------------------------------------------------------- long input


def _timed_relative_check(text: str, published: str) -> tuple[float, list]:
    """Seconds date/relative takes on ``text`` (its dates extracted beforehand), and its findings."""
    doc = Document.from_text(text, published=published)
    claims = ClaimSet(DatesExtractor().extract(doc, ClaimSet()))
    ctx = CheckContext(
        document=doc, claims=claims, registry=Registry(), rule_id=RelativeDateRule.id,
        severity=RelativeDateRule.severity, plugin="date-checks", options=RelativeDateRule.Options(),
    )
    start = time.perf_counter()
    found = list(RelativeDateRule().check(ctx))
    return time.perf_counter() - start, found


@pytest.mark.slow
def test_one_day_and_month_given_many_times_is_checked_quickly():
    # Every day meets every earlier one with the same day and month.
    text = "He left on October 14 this year. " * 20_000 + "On October 14 last year, he was driving."
    seconds, found = _timed_relative_check(text, "2022-12-01")
    assert len(found) == 1 and found[0].span.start == text.rindex("October 14")
    assert seconds < 5, f"{seconds:.1f} s"


@pytest.mark.slow
def test_one_event_dated_many_times_is_checked_quickly():
    # Every relative date meets every absolute one, each told in the same words.
    text = "The heist sparked widespread outrage 20 years ago. The heist sparked widespread outrage in 2002. " * 10_000
    seconds, found = _timed_relative_check(text, "2022-12-01")
    assert found == []
    assert seconds < 5, f"{seconds:.1f} s"
    text += "The heist sparked widespread outrage in 1990."
    seconds, found = _timed_relative_check(text, "2022-12-01")
    assert len(found) == 10_000 and {f.related[0].span.start for f in found} == {text.rindex("1990")}
    assert seconds < 5, f"{seconds:.1f} s"


@pytest.mark.slow
def test_a_month_told_as_past_many_times_without_sentence_ends_is_checked_quickly():
    # No ". " or line end: each date's sentence, as the check cuts it, is the whole text.
    text = "He was jailed in November this year.\tHe " * 20_000
    seconds, found = _timed_relative_check(text, "2022-03-01")
    assert len(found) == 20_000
    assert seconds < 5, f"{seconds:.1f} s"

"""The counts extractor and the count/mismatch rule."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from factlint import Block, CheckContext, ClaimSet, CountClaim, Document, Registry, Severity
from factlint.rules import RULE_DOC_HEADINGS
from factlint_plugins.checks import counts as count_checks
from factlint_plugins.checks.counts import CountMismatch
from factlint_plugins.extractors import counts as count_extractors
from factlint_plugins.extractors.counts import CountsExtractor, extract_counts

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_30fba8cf1e1c4e60.txt"
SEED_LIST = (
    "They are: B'Tselem, the Public Committee Against Torture in Israel, the Center for the "
    "Defense of the Individual, Parents Against Child Arrest, the Human Rights Defenders Fund, "
    "Yesh Din, Fighters for Peace, Adalah, Physicians for Human Rights-Israel, and Turat Zedek "
    "(Torah of Truth)."
)
SEED_EXCERPT = (
    "10 Israeli human rights organizations have pledged to assist the Prosecutor of the "
    "International Criminal Court in The Hague, Karim Khan.\n\n"
    "The letter was signed by 10 organizations;\n\n" + SEED_LIST + "\n"
)


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8") if SEED.exists() else SEED_EXCERPT


def counts(text: str, **kwargs) -> list[CountClaim]:
    return list(extract_counts(Document.from_text(text, published="2022-12", **kwargs)))


def listed(text: str, **kwargs) -> CountClaim:
    """The one count in ``text`` that has a list."""
    with_items = [c for c in counts(text, **kwargs) if c.items]
    assert len(with_items) == 1, with_items
    return with_items[0]


def check(text: str, *, blocks: tuple[Block, ...] | None = None, **options):
    document = Document.from_text(text, published="2022-12", blocks=blocks)
    claims = ClaimSet(CountsExtractor().extract(document, ClaimSet()))
    rule = CountMismatch(CountMismatch.Options(**options))
    context = CheckContext(
        document=document,
        claims=claims,
        registry=Registry(),
        rule_id=rule.id,
        severity=rule.severity,
        plugin="count-checks",
        options=rule.options,
    )
    return list(rule.check(context))


# ------------------------------------------------------------------------- the seed


def test_seed_article_count_matches_its_list():
    text = seed_text()
    claim = listed(text)
    assert claim.value == 10 and claim.noun == "organizations" and not claim.partial
    assert [i.text for i in claim.items][-2:] == ["Physicians for Human Rights-Israel", "Turat Zedek"]
    assert len(claim.items) == 10
    assert check(text) == []


def test_seed_gloss_is_not_an_item_and_its_span_stops_before_it():
    text = seed_text()
    last = listed(text).items[-1]
    assert text[last.span.start : last.span.end] == "Turat Zedek"


def test_seed_signed_count_changed_flags_with_every_item_related():
    text = seed_text().replace("signed by 10 organizations", "signed by 11 organizations")
    [finding] = check(text)
    assert finding.rule == "count/mismatch"
    assert finding.message == "States 11 organizations but lists 10."
    assert finding.text == "11 organizations"
    assert finding.suggestion == "10 organizations"
    assert finding.fix is None
    assert len(finding.related) == 10
    assert finding.related[-1].text == "Turat Zedek"


def test_seed_lead_count_changed_flags_the_lead():
    text = seed_text().replace("10 Israeli human rights", "11 Israeli human rights")
    [finding] = check(text)
    assert finding.text == "11 Israeli human rights organizations"
    assert "10" in finding.message and "11" in finding.message
    assert finding.related[0].text == "10 organizations"
    # A mention elsewhere in the article is less certain to mean the same list.
    assert finding.confidence < 0.8


def test_seed_lead_comparison_can_be_switched_off():
    text = seed_text().replace("10 Israeli human rights", "11 Israeli human rights")
    assert check(text, check_other_mentions=False) == []


def test_seed_item_dropped_flags():
    text = seed_text().replace("Fighters for Peace, ", "")
    [finding] = check(text)
    assert finding.message == "States 10 organizations but lists 9."
    assert finding.suggestion == "9 organizations"


# ---------------------------------------------------------------------- extraction


@pytest.mark.parametrize(
    ("text", "value", "noun"),
    [
        ("She met 10 Israeli human rights organizations.", 10, "organizations"),
        ("She met ten groups.", 10, "groups"),
        ("She met a dozen groups.", 12, "groups"),
        ("She met two dozen groups.", 24, "groups"),
        ("She met twenty-one groups.", 21, "groups"),
        ("She met 1,200 delegates.", 1200, "delegates"),
        ("Police freed 16 Indian nationals found in a van.", 16, "nationals"),
        ("Fourteen people were hurt.", 14, "people"),
    ],
)
def test_numbers_in_digits_and_words(text, value, noun):
    [claim] = counts(text)
    assert (claim.value, claim.noun) == (value, noun)
    assert claim.id == f"count:{claim.span.start}-{claim.span.end}"


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("It names 10 groups.", "exact"),
        ("It names more than 10 groups.", "more_than"),
        ("It names over 10 groups.", "more_than"),
        ("It names at least 10 groups.", "at_least"),
        ("It names no fewer than 10 groups.", "at_least"),
        ("It names 10 or more groups.", "at_least"),
        ("It names up to 10 groups.", "at_most"),
        ("It names fewer than 10 groups.", "fewer_than"),
        ("It names about 10 groups.", "about"),
        ("It names around 10 groups.", "about"),
        ("It names some 10 groups.", "about"),
        ("It names nearly 10 groups.", "about"),
        ("It names almost 10 groups.", "about"),
        ("It names approximately 10 groups.", "about"),
        ("It names roughly 10 groups.", "about"),
    ],
)
def test_qualifiers(text, qualifier):
    [claim] = counts(text)
    assert claim.qualifier == qualifier


@pytest.mark.parametrize(
    "text",
    [
        "The court was founded in 2002 by states.",
        "Palestine joined it in 2015 to provide updates.",
        "The fund paid $5 million to groups.",
        "Turnout rose 3 percent among voters.",
        "Turnout rose 3% among voters.",
        "A 10-year-old boy and his sister were rescued.",
        "Between 10 and 12 people were hurt.",
        "Some 10 to 12 people were hurt.",
        "One of the groups left.",
        "Three of the groups left.",
        "The storm moved 12 miles inland.",
        "It lasted 20 years in all.",
        "Apollo 13 astronauts returned.",
        "She finished 10th among runners.",
        "It happened on 5 January near towns.",
        "It happened on January 5 near towns.",
        "The meeting began at 10:30 with delegates.",
        "Victims of COVID-19 patients wards.",
        "The vote was 136–27 in favour.",
        "Section 21 notices are banned.",
        "The Group of Seven leaders met.",
    ],
)
def test_numbers_that_are_not_counts(text):
    assert counts(text) == []


def test_a_number_without_a_noun_is_no_count():
    assert counts("The vote passed 52 to 48, and 3 abstained.") == []


# -------------------------------------------------------------------------- lists


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("It spread to four states: Illinois, Kansas, Oklahoma, and Pennsylvania.",
         ["Illinois", "Kansas", "Oklahoma", "Pennsylvania"]),
        ("Funding for two Israeli human rights groups, Zochrot and New Profile, was cut.",
         ["Zochrot", "New Profile"]),
        ("She won four Academy Awards (Best Picture, Best Director, Best Original Screenplay, "
         "and Best Film Editing) for a single film.",
         ["Best Picture", "Best Director", "Best Original Screenplay", "Best Film Editing"]),
        ("It suspends three groups—the Union of Democratic Forces, the Rally of the People, "
         "and the Union of Republican Forces—for failing to comply.",
         ["the Union of Democratic Forces", "the Rally of the People", "the Union of Republican Forces"]),
        ("Talks involve three countries: Serbia, Bosnia and Herzegovina, and Croatia.",
         ["Serbia", "Bosnia and Herzegovina", "Croatia"]),
        ("Talks involve three countries: Croatia, Bosnia and Herzegovina and Serbia.",
         ["Croatia", "Bosnia and Herzegovina", "Serbia"]),
        ("Three tribes, the Cheyenne and Arapaho Tribes, the Prairie Band Potawatomi Nation, "
         "and the Pueblo of Isleta, file a lawsuit.",
         ["the Cheyenne and Arapaho Tribes", "the Prairie Band Potawatomi Nation", "the Pueblo of Isleta"]),
        ("Two groups, Doctors Without Borders and Amnesty International, condemned it.",
         ["Doctors Without Borders", "Amnesty International"]),
        ("It field two teenagers, Lamine Yamal and Pau Cubarsí, both 19-year-olds, in the final.",
         ["Lamine Yamal", "Pau Cubarsí"]),
        ("The ministers of three countries met: France, Spain and Italy, officials said.",
         ["France", "Spain", "Italy"]),
    ],
)
def test_lists_are_split_into_items(text, items):
    claim = listed(text)
    assert [i.text for i in claim.items] == items
    assert not claim.partial
    for item in claim.items:
        assert text[item.span.start : item.span.end] == item.text


def test_list_in_the_next_sentence_and_paragraph():
    claim = listed("The letter was signed by three groups.\n\nThey are: Yesh Din, Adalah and B'Tselem.")
    assert [i.text for i in claim.items] == ["Yesh Din", "Adalah", "B'Tselem"]
    claim = listed("The letter was signed by three groups. The signatories were Yesh Din, Adalah and B'Tselem.")
    assert len(claim.items) == 3


def test_list_after_a_colon_in_the_next_paragraph():
    claim = listed("The letter was signed by three groups:\n\nYesh Din, Adalah and B'Tselem.")
    assert len(claim.items) == 3


def test_bulleted_list_after_the_count():
    text = (
        "It was signed by the following three groups:\n"
        "- Yesh Din — a monitor\n- Adalah (Justice)\n- B'Tselem, which documents abuses\nMore text."
    )
    starts = [m.start() for m in re.finditer(r"(?<=- )\S", text)]
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    blocks = (
        Block(kind="paragraph", start=0, end=lines[0][1]),
        *(Block(kind="list_item", start=s, end=lines[n + 1][1], group=1) for n, s in enumerate(starts)),
        Block(kind="paragraph", start=lines[4][0], end=lines[4][1]),
    )
    claim = listed(text, blocks=blocks)
    assert [i.text for i in claim.items] == ["Yesh Din", "Adalah", "B'Tselem"]
    assert check(text, blocks=blocks) == []
    assert len(check(text.replace("three", "four"), blocks=blocks)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "A man injures 35 others, including two police officers, in an attack.",
        "Mexico extradites 29 cartel members to the United States, "
        "including Rafael Caro Quintero and Omar Treviño Morales.",
        "It was signed by 10 groups, such as Yesh Din and Adalah.",
        "It was signed by 10 groups, among them Yesh Din and Adalah.",
        "It was signed by 10 groups. They include Yesh Din and Adalah.",
        "It was signed by 10 groups. Among them are Yesh Din and Adalah.",
    ],
)
def test_partial_lists_are_marked_and_never_flag(text):
    assert listed(text).partial
    assert check(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # sub-groups with nouns of their own after a comma: more things, not parts
        "Eleven soldiers, two civilians and 22 gunmen are killed in a mass shooting.",
        "Officials report nine confirmed cases, 28 suspected cases, and six suspected deaths.",
        # ages, not parts
        "Police arrest two men: 25 and 31.",
        # a clause, not a list of vessels
        "Two cargo vessels, the Star Gwyneth, operated by Star Bulk Carriers, "
        "and the ONE Majesty, operated by Mitsui, are struck.",
        # names of the reporting outlets, not of the men
        "Police arrest three men, Reuters and AP report.",
        # several names under one plural descriptor
        "It names five inductees: English band Bad Company, American groups Outkast and Soundgarden, "
        "and artists Cyndi Lauper and Carol Kaye.",
        # a list of places, not of the migrants
        "Status ends for about 89,000 migrants from Honduras, Nepal, and Nicaragua.",
        # the list names some of the five
        "Five countries, France and Germany among them, backed the plan.",
        "The hall names five inductees: Bad Company, Outkast, Soundgarden, and more.",
        # a quotation after the colon
        'The report names 3 suspects and says: "We know Smith, Jones and Brown."',
    ],
)
def test_no_list_or_no_finding_when_unsure(text):
    assert all(not c.items or c.partial for c in counts(text))
    assert check(text) == []


@pytest.mark.parametrize(
    ("text", "quantities"),
    [
        ("Three people were injured: two men and a woman.", [2, 1]),
        ("Five people, four from Norway and one from Switzerland, are killed.", [4, 1]),
        ("West Ham are winless in three against the Potters, losing two and drawing the other.", [2, 1]),
        ("Stoke have won three of their last six against the Hammers (D2 L1).", [3, 2, 1]),
        ("Villa have won just one of the last 38 games against United (L27 D10 W1).", [27, 10, 1]),
    ],
)
def test_parts_with_their_own_quantities_add_up(text, quantities):
    claim = next(c for c in counts(text) if c.items)
    assert [item.quantity for item in claim.items] == quantities
    assert sum(quantities) == claim.value and check(text) == []


def test_parts_that_do_not_add_up_are_flagged_with_their_sum():
    findings = check("Four people were injured: two men and a woman.")
    assert [f.message for f in findings] == ["States 4 people but the parts add up to 3."]
    assert [r.message for r in findings[0].related] == ["part 1 of 2: 2", "part 2 of 2: 1"]


def test_a_partitive_count_owns_its_list():
    text = "Two of the three countries, France and Spain, backed the plan."
    claim = listed(text)
    assert (claim.value, claim.noun, claim.text) == (2, "countries", "Two of the three countries")
    assert [i.text for i in claim.items] == ["France", "Spain"]
    assert check(text) == []
    [finding] = check(text.replace("Two of", "Four of"))
    assert finding.message == "States 4 countries but lists 2."


@pytest.mark.parametrize(
    "text",
    [
        "Two of the victims were named.",
        "About three of the injured, John Smith, Jane Doe and Bob Brown, were treated.",
        "One of the injured, John Smith, was treated.",
        "Three of them, John Smith, Jane Doe and Bob Brown, were treated.",
    ],
)
def test_partitive_counts_without_a_checkable_list_say_nothing(text):
    assert [c for c in counts(text) if " of " in c.text] == []


def test_a_partitive_list_is_not_the_whole_group():
    # Three of the five are named: the five elsewhere is no mismatch.
    text = "Five victims died.\n\nPolice named three of the victims: John Smith, Jane Doe and Bob Brown."
    assert check(text) == []


def test_ages_and_home_towns_after_names_are_not_items():
    text = "Police named three of the injured: John Smith, 31, of Leeds, Jane Doe, 45 and Bob Brown, 28, from York."
    assert [i.text for i in listed(text).items] == ["John Smith", "Jane Doe", "Bob Brown"]
    assert check(text.replace("three of", "four of")) != []


@pytest.mark.parametrize(
    "text",
    [
        "He scored three goals, one in each half and one assist.",
        "Three people were hurt, one seriously.",
        "Three children were found, one of whom was hurt and one was not.",
        "Three boats sank, one or two of them overnight.",
        # other people, each with a noun of their own (Wikipedia, Current events)
        "Five South Sudanese soldiers, one Ugandan soldier, and one civilian are killed in a shooting.",
        "Munich police arrest five men, including three Moroccans, one Egyptian, and one Syrian.",
    ],
)
def test_one_and_one_needs_every_item_to_describe_one_of_them(text):
    assert check(text) == []


def test_one_and_one_items_are_counted():
    text = "There are three candidates, one from the ruling party and one independent."
    assert [i.text for i in listed(text).items] == ["one from the ruling party", "one independent"]
    [finding] = check(text)
    assert finding.message == "States 3 candidates but lists 2."


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("A gunman injured three officers on Monday. The injured were John Smith, 31, Jane Doe, 45, "
         "and Bob Brown, 28.", ["John Smith", "Jane Doe", "Bob Brown"]),
        ("Four men were killed in the crash. The dead were named as John Smith, 31, and Bob Brown, 28.",
         ["John Smith", "Bob Brown"]),
        ("Three officers were injured on Monday. They have been named as John Smith and Bob Brown.",
         ["John Smith", "Bob Brown"]),
    ],
)
def test_list_in_the_next_sentence_named_by_what_happened(text, items):
    assert [i.text for i in listed(text).items] == items


@pytest.mark.parametrize(
    "text",
    [
        # "They" could be the suspects
        "Three officers arrested the suspects on Monday. They are John Smith, Jane Doe and Bob Brown.",
        # the injured are not the arrested
        "Four men were arrested in the raid. The injured were John Smith and Bob Brown.",
        # some of the five, named without "both" or "all"
        "Five people were arrested. John Smith, 24, and Jane Doe, 22, were charged with murder.",
        # the verb is said of another count
        "Three officers were hurt in an attack on two stations. The injured were John Smith and Bob Brown.",
    ],
)
def test_next_sentence_lists_of_other_people_are_not_attached(text):
    assert all(not c.items for c in counts(text))


def test_a_caption_run_into_the_next_sentence_does_not_hide_its_count():
    text = (
        "Fines rise for drivers over their allotted time "
        "The four judges – Lord Justice Patten and Sir Timothy Lloyd – agreed."
    )
    [finding] = check(text)
    assert finding.message == "States 4 judges but lists 2."
    assert counts("He met The Three Tenors and The 39 Steps cast.") == []


def test_description_between_names_is_too_unsure_to_flag():
    text = "It was signed by three organizations: Yesh Din, a legal aid group, Adalah and B'Tselem."
    assert listed(text).confidence < 0.6
    assert check(text) == []


def test_list_of_common_noun_phrases():
    text = "The plan has three demands: an end to the war, the release of hostages, and aid access."
    assert [i.text for i in listed(text).items] == ["an end to the war", "the release of hostages", "aid access"]
    assert check(text) == []
    assert len(check(text.replace("three", "four"))) == 1



@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            "Three provinces were hit. Fighting went on in the Helmand, Kandahar, and Zabul provinces.",
            ["Helmand", "Kandahar", "Zabul"],
        ),
        (
            "Two schools were closed. The schools in Leeds, York and Hull will reopen.",
            ["Leeds", "York", "Hull"],
        ),
    ],
)
def test_a_later_list_of_the_same_noun(text, items):
    claim = listed(text)
    assert [i.text for i in claim.items] == items and not claim.partial


def test_a_later_list_shorter_than_the_count_may_name_only_some():
    text = "Five schools were closed. The schools in Leeds and York will reopen."
    assert listed(text).partial
    assert check(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # Two counts of the noun before the list: which one it names is unclear.
        "Two schools closed and three schools opened. The schools in Leeds, York, Hull and Bath are new.",
        # Two lists of the noun after the count.
        "Two schools closed. The Leeds, York and Hull schools and the Bath and Ely schools are new.",
        # Another noun.
        "Two schools closed. The Leeds, York and Hull hospitals are new.",
    ],
)
def test_a_later_list_needs_one_count_and_one_list_of_its_noun(text):
    assert check(text) == []



def _headed(heading: str) -> tuple[str, tuple[Block, ...]]:
    lines = ["Police named the four victims.", heading, "Anna Smith", "Bob Jones", "Carl Day"]
    text = "\n".join(lines)
    blocks, at = [], 0
    for k, line in enumerate(lines):
        kind = "paragraph" if k == 0 else "heading" if k == 1 else "list_item"
        blocks.append(Block(kind=kind, start=at, end=at + len(line), group=1 if kind == "list_item" else None))
        at += len(line) + 1
    return text, tuple(blocks)


def test_a_headed_list_of_the_counted_noun_is_their_list():
    text, blocks = _headed("Victims")
    [finding] = check(text, blocks=blocks)
    assert finding.message == "States 4 victims but lists 3."
    text, blocks = _headed("Suspects")
    assert check(text, blocks=blocks) == []



@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("She has two sons Michael and Sam, who live in Leeds.", ["Michael", "Sam"]),
        ("They have three children Jack, Lily and Mia Brown.", ["Jack", "Lily", "Mia Brown"]),
        # Other nouns need a comma or a colon before their names.
        ("He beat two rivals Arsenal and Chelsea fans feared.", None),
        # The names must end the clause.
        ("He has two sons Michael and Sam Smith coached.", None),
    ],
)
def test_family_named_right_after_their_count(text, items):
    found = [c for c in counts(text) if c.items]
    assert [[i.text for i in c.items] for c in found] == ([items] if items else [])



def test_names_after_a_description_of_all_of_them():
    text = "Police named three suspects in the case, all with ties to gangs: Ann Lee, Bo Day and Cy Roe."
    assert [i.text for i in listed(text).items] == ["Ann Lee", "Bo Day", "Cy Roe"]
    # After the description only names are taken for the list.
    text = "Police arrested three men in Leeds, all from the city: officers said Smith and Jones agreed."
    assert [c for c in counts(text) if c.items] == []


# --------------------------------------------------------------------------- rule


def test_at_least_flags_only_too_few_items_with_lower_confidence():
    [finding] = check("Officials said at least five countries had signed: France, Spain and Italy.")
    assert finding.message == "States at least 5 countries but lists 3."
    assert finding.confidence < 0.6
    assert finding.suggestion is None
    assert check("Officials said at least three countries had signed: France, Spain and Italy.") == []
    assert check("Officials said at least two countries had signed: France, Spain and Italy.") == []


def test_more_than_flags_when_the_list_does_not_exceed_the_bound():
    assert len(check("More than three countries signed: France, Spain and Italy.")) == 1
    assert check("More than two countries signed: France, Spain and Italy.") == []


def test_approximate_counts_never_flag():
    assert check("About ten countries signed: France, Spain and Italy.") == []
    assert check("Nearly five countries signed: France, Spain and Italy.") == []


def test_suggestion_keeps_the_number_style():
    [finding] = check("Four countries signed: France, Spain and Italy.")
    assert finding.suggestion == "Three countries"
    [finding] = check("It was signed by a dozen countries: France, Spain and Italy.")
    assert finding.suggestion == "three countries"
    [finding] = check("It was signed by 1,200 countries: France, Spain and Italy.")
    assert finding.suggestion == "3 countries"


def test_generic_nouns_elsewhere_are_not_compared():
    text = "Two people were killed in the attack: a guard and a driver.\n\nThree people were injured."
    assert check(text) == []


def test_different_modifiers_are_different_things():
    text = "The letter was signed by two Israeli groups: Yesh Din and Adalah.\n\nThree Palestinian groups refused."
    assert check(text) == []


def test_low_confidence_lists_are_not_checked():
    # Several bare "and"s: where one item ends is a guess.
    text = "Two groups, Peace and Justice and Truth Now, signed."
    claim = listed(text)
    assert claim.confidence < 0.6
    assert check(text) == []


def test_rule_metadata_and_documentation():
    assert CountMismatch.id == "count/mismatch"
    assert CountMismatch.severity is Severity.WARNING
    assert CountMismatch.requires == frozenset({"count"})
    assert CountMismatch.fix_safety is None
    doc = CountMismatch.__doc__ or ""
    positions = [doc.find(f"## {h}") for h in RULE_DOC_HEADINGS]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)


def test_plugins_register_through_the_hooks():
    assert count_extractors.factlint_register_extractors() == [CountsExtractor]
    assert count_checks.factlint_register_rules() == [CountMismatch]
    assert CountsExtractor.produces == frozenset({"count"})


# --------------------------------------------------------------------- long input


def _timed_check(text: str) -> tuple[float, list]:
    """Seconds the count check takes on ``text`` (its counts extracted beforehand), and its findings."""
    document = Document.from_text(text, published="2022-12")
    claims = ClaimSet(CountsExtractor().extract(document, ClaimSet()))
    rule = CountMismatch(CountMismatch.Options())
    context = CheckContext(
        document=document, claims=claims, registry=Registry(), rule_id=rule.id,
        severity=rule.severity, plugin="count-checks", options=rule.options,
    )
    start = time.perf_counter()
    found = list(rule.check(context))
    return time.perf_counter() - start, found


@pytest.mark.slow
def test_one_sentence_repeated_many_times_is_checked_quickly():
    # Every copy has the same noun, so each would meet every earlier one.
    same = "The police found 3 cats in the yard near the old town hall on Monday. " * 20_000
    seconds, found = _timed_check(same)
    assert found == []
    assert seconds < 5, f"{seconds:.1f} s"
    # One copy changed is still found, against the first copy.
    changed = same + "The police found 4 cats in the yard near the old town hall on Monday."
    seconds, found = _timed_check(changed)
    assert [f.message for f in found] == ["States 4 cats where the same sentence elsewhere says 3 cats."]
    assert found[0].related[0].span.start == same.index("3 cats")
    assert seconds < 5, f"{seconds:.1f} s"


@pytest.mark.slow
def test_many_counts_with_parts_in_one_block_are_extracted_quickly():
    text = "The team stayed 3 days (April 9 - 11) in town. " * 20_000
    start = time.perf_counter()
    found = counts(text)
    seconds = time.perf_counter() - start
    assert len(found) == 20_000
    assert seconds < 5, f"{seconds:.1f} s"

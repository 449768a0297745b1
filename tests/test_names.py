"""The entity extractor, the name matcher and the name rules."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

import factlint
from factlint.registry import load_registry
from factlint.rules import RULE_DOC_HEADINGS
from factlint_plugins.checks.name_matching import compare, contains, slip, slip_blocks, spelling_convention
from factlint_plugins.checks.names import NameRegistryRule, NameVariantRule
from factlint_plugins.extractors.entities import EntitiesExtractor

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_30fba8cf1e1c4e60.txt"
REGISTRY = ROOT / "fixtures" / "name" / "registry.yaml"


def entities(text: str) -> list[factlint.EntityClaim]:
    doc = factlint.Document.from_text(text, published="2022-12")
    return list(EntitiesExtractor().extract(doc, factlint.ClaimSet()))


def names(text: str) -> list[str]:
    return [c.name for c in entities(text)]


def check(rule_cls, text: str, registry: factlint.Registry | None = None, **options):
    doc = factlint.Document.from_text(text, published="2022-12")
    claims = factlint.ClaimSet(EntitiesExtractor().extract(doc, factlint.ClaimSet()))
    opts = rule_cls.Options(**options)
    context = factlint.CheckContext(
        document=doc,
        claims=claims,
        registry=registry if registry is not None else factlint.Registry(),
        rule_id=rule_cls.id,
        severity=rule_cls.severity,
        plugin="name-checks",
        options=opts,
    )
    return list(rule_cls(opts).check(context))


@pytest.fixture(scope="module")
def registry() -> factlint.Registry:
    return load_registry([REGISTRY])


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


# ---------------------------------------------------------------- the matcher


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tora Tzedek", "Turat Zedek"),
        ("Tora Tzedek", "Torat Tzedek"),
        ("Turat Zedek", "Torat Tzedek"),
        ("Karim Kahn", "Karim Khan"),
        ("Adala", "Adalah"),
        ("Muammar Qadhafi", "Muammar Gaddafi"),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy"),
        ("Mohamed Salah", "Muhammad Salah"),
        ("Center for the Defense of the Individual", "Center for the Defence of the Individual"),
    ],
)
def test_respellings_match(a, b):
    m = compare(a, b)
    assert m.same and not m.identical
    assert compare(b, a).same


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Human Rights Watch", "Human Rights First"),
        ("Yesh Din", "Yesh Gvul"),
        ("Physicians for Human Rights", "Physicians for Human Rights – Israel"),
        ("George Bush", "George W. Bush"),
        ("Kim Jong-il", "Kim Jong-un"),
        ("Israel", "Israeli"),
        ("Argentina", "Argentine"),
        ("Ghana", "China"),
        ("Austria", "Australia"),
        ("Mahmud Abbas", "Muhammad Abbas"),
    ],
)
def test_different_entities_do_not_match(a, b):
    assert not compare(a, b).same


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Professor Chomsky", "Chomsky"),
        ("the United Nations", "United Nations"),
        ("Physicians for Human Rights-Israel", "Physicians for Human Rights – Israel"),
        ("al-Assad", "Assad"),
        ("B’Tselem", "B'Tselem"),
    ],
)
def test_short_forms_and_punctuation_are_identical_not_variants(a, b):
    assert compare(a, b).identical


def test_plain_edit_distance_would_get_the_seed_pairs_wrong():
    # The reason the matcher exists: the respelling scores lower than the trap.
    from rapidfuzz import fuzz

    assert fuzz.ratio("Tora Tzedek", "Turat Zedek") < fuzz.ratio("Human Rights Watch", "Human Rights First")
    assert compare("Tora Tzedek", "Turat Zedek").same
    assert not compare("Human Rights Watch", "Human Rights First").same


def test_contains_finds_a_name_inside_a_longer_one():
    assert contains("HaMoked: Center for the Defence of the Individual", "Center for the Defense of the Individual")
    assert not contains("Combatants for Peace", "Fighters for Peace")


# ---------------------------------------------------------------- the extractor


def test_seed_list_items_are_whole_names(seed):
    found = names(seed)
    for expected in (
        "B'Tselem",
        "Public Committee Against Torture in Israel",
        "Center for the Defense of the Individual",
        "Parents Against Child Arrest",
        "Human Rights Defenders Fund",
        "Yesh Din",
        "Fighters for Peace",
        "Adalah",
        "Physicians for Human Rights-Israel",
        "Turat Zedek",
        "International Criminal Court",
        "Karim Khan",
    ):
        assert expected in found, expected


def test_sentence_initial_common_words_are_not_names(seed):
    found = names(seed)
    for word in ("Yesterday", "According", "Human", "They", "The", "In", "Israeli Information"):
        assert not any(n == word or n.startswith(word + " rights") for n in found), word
    assert "Human rights organizations" not in found


def test_gloss_is_not_glued_onto_the_name():
    found = names("It was signed by Yesh Din and Turat Zedek (Torah of Truth).")
    assert "Turat Zedek" in found
    assert not any("(" in n or n.startswith("Turat Zedek ") for n in found)


def test_leading_the_and_possessive_are_left_out():
    claims = entities("Officials met the Human Rights Defenders Fund. Khan's visit was welcome.")
    by_name = {c.name: c for c in claims}
    assert "Human Rights Defenders Fund" in by_name
    assert "Khan" in by_name
    assert by_name["Khan"].text == "Khan"
    fund = by_name["Human Rights Defenders Fund"]
    assert fund.entity_type == "organization"
    assert fund.id == f"entity:{fund.span.start}-{fund.span.end}"


def test_sentence_initial_name_that_continues_is_kept():
    assert "Human Rights Watch" in names("Human Rights Watch said the arrests were arbitrary.")


def test_titles_are_split_off_and_mark_a_person():
    claims = {c.name: c for c in entities("U.S. President Donald Trump spoke. Dr. Jane Goodall replied.")}
    assert claims["Donald Trump"].entity_type == "person"
    assert claims["Jane Goodall"].entity_type == "person"
    assert "U.S." in claims


def test_office_title_of_an_organization_yields_the_organization():
    found = names("She wrote to the Prosecutor of the International Criminal Court last week.")
    assert "International Criminal Court" in found
    assert not any(n.startswith("Prosecutor") for n in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US Secretary of State Antony Blinken spoke.", ["US", "Antony Blinken"]),
        ("Secretary of Defense Lloyd Austin met the Defence Minister of Australia.", ["Lloyd Austin", "Australia"]),
        ("Minister for Foreign Affairs Penny Wong met President-elect Donald Trump.", ["Penny Wong", "Donald Trump"]),
        ("Prime Minister Theresa May met District Attorney Cyrus Vance.", ["Theresa May", "Cyrus Vance"]),
        ("With U.S. Attorney Andrew M Luger to the left.", ["U.S.", "Andrew M Luger"]),
    ],
)
def test_portfolios_and_titles_stay_out_of_names(text, expected):
    assert names(text) == expected


def test_months_and_weekdays_are_not_names():
    found = names("The vote was held on Tuesday, 5 December, and again in March 2023 by the Knesset.")
    assert found == ["Knesset"]


# ---------------------------------------------------------------- name/variant


def test_variant_reported_at_the_minority_spelling():
    text = (
        "Forces loyal to Muammar Gaddafi shelled the port.\n\n"
        "Rebels said Muammar Qadhafi had lost the east.\n\n"
        "A spokesman for Muammar Gaddafi denied it.\n"
    )
    (finding,) = check(NameVariantRule, text + "Muammar Gaddafi has not been seen since.\n")
    assert finding.text == "Muammar Qadhafi"
    assert finding.suggestion == "Muammar Gaddafi"
    assert [r.text for r in finding.related] == ["Muammar Gaddafi"]
    assert finding.fix is not None and finding.fix.safety == "unsafe"
    assert finding.fix.edits[0].replacement == "Muammar Gaddafi"
    assert 0 < finding.confidence < 1
    # Two uses against one: the suggestion stands, but no fix writes it.
    (finding,) = check(NameVariantRule, text)
    assert finding.suggestion == "Muammar Gaddafi" and finding.fix is None
    assert "Two uses against one: no fix is offered" in finding.message


def test_variant_suggests_the_registry_canonical(seed, registry):
    text = seed + "\n\nTora Tzedek said it would also write to the court.\n"
    (finding,) = check(NameVariantRule, text, registry)
    assert finding.text == "Tora Tzedek"
    assert finding.suggestion == "Torat Tzedek"
    assert [r.text for r in finding.related] == ["Turat Zedek"]


def test_tie_is_flagged_without_a_suggestion_or_fix():
    text = "Arbel Yahud was held in Gaza.\n\nIsrael says Arbel Yehud must be freed first.\n"
    # Flagged where a slip is likelier (the later spelling), with nothing to apply.
    (finding,) = check(NameVariantRule, text)
    assert finding.text == "Arbel Yehud"
    assert finding.suggestion is None and finding.fix is None
    assert "used once" in finding.message


def test_uses_inside_longer_names_settle_the_direction():
    # "Rodwell" is written alone once and inside the full name once: two against one.
    text = "Board member Jim Rodwell left. As Rodwel cannot stay, the clubs chose Rodwell and Watkins."
    (finding,) = check(NameVariantRule, text)
    assert finding.text == "Rodwel" and finding.suggestion == "Rodwell"
    assert finding.fix is None  # two against one: suggested, not written
    (finding,) = check(NameVariantRule, text + " Rodwell said so.")
    assert finding.text == "Rodwel" and finding.fix.edits[0].replacement == "Rodwell"


def test_near_tie_gets_no_fix():
    text = "Smyth spoke. Smyth left. Smith said so. Smith agreed. Smyth came back."
    (finding, *rest) = check(NameVariantRule, text)
    assert {f.text for f in (finding, *rest)} == {"Smith"}
    assert all(f.fix is None and f.suggestion is None and "too close" in f.message for f in (finding, *rest))


def test_a_spelling_the_registry_accepts_is_never_flagged(registry):
    text = "Adala said so. Adalah filed. Adala agreed. Adala left."
    findings = check(NameVariantRule, text, registry)
    assert findings and all(f.text == "Adala" for f in findings)


@pytest.mark.parametrize(
    "text",
    [
        "Noam Chomsky spoke. Professor Chomsky said the media had failed. Chomsky left.",
        "Human Rights Watch and Human Rights First both criticised the law.",
        "Yesh Din and Yesh Gvul signed the letter.",
        "George W. Bush thanked his father, George Bush.",
        "Kim Jong-il died; Kim Jong-un succeeded him.",
        "A fire in Giza; strikes on Gaza. Ghana and China signed a deal.",
        "The Argentine peso fell as Argentina's president spoke.",
    ],
)
def test_no_variant_for_short_forms_and_distinct_entities(text):
    assert check(NameVariantRule, text) == []


def test_single_words_option_turns_off_one_word_comparison():
    text = "Adalah filed the petition. A lawyer for Adala spoke."
    assert len(check(NameVariantRule, text)) == 1
    assert check(NameVariantRule, text, single_words=False) == []


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("trmup", "trump", "swap"),
        ("chinna", "china", "double"),
        ("israely", "israeli", "key"),
        ("greak", "greek", "vowel"),
        ("armed", "ahmed", "edit"),
        ("hamad", "hamas", None),  # a different last letter makes another word
        ("nigeria", "niger", None),
        ("giza", "gaza", "vowel"),  # a slip in shape; the rule leaves short words alone
        ("ghana", "china", None),
    ],
)
def test_slip_kinds(a, b, kind):
    assert slip(a, b) == kind
    assert slip(b, a) == kind


def test_slip_blocks_hold_every_slip_pair():
    # The rule compares only words sharing a block: every slip must share one.
    words = ["trump", "trmup", "china", "chinna", "israeli", "israely", "greek", "greak", "ahmed", "armed",
             "heathrow", "heathruw", "zealand", "zealland", "defence", "defense", "pakistan", "pakisatn"]
    for a in words:
        for b in words:
            if slip(a, b) is not None:
                assert set(slip_blocks(a)) & set(slip_blocks(b)), (a, b)


def test_spelling_conventions():
    assert spelling_convention("defence", "defense")
    assert spelling_convention("organisation", "organization")
    assert not spelling_convention("untied", "united")


@pytest.mark.parametrize(
    ("text", "flagged", "suggestion"),
    [
        ("Pakistan closed the border. Officials in Pakistan said Pakisatn would reopen it.", "Pakisatn", "Pakistan"),
        (
            "Donald Trump spoke. Later Donald Trump left, and U.S. President-elect Donald Trmup flew home.",
            "Donald Trmup",
            "Donald Trump",
        ),
        (
            "The Expansion of Heathrow Airport was approved. Heathrow welcomed it. "
            "Residents near Heathruw Airport protested.",
            "Heathruw",
            "Heathrow",
        ),
    ],
)
def test_slip_in_a_word_of_a_name(text, flagged, suggestion):
    (finding,) = check(NameVariantRule, text)
    assert finding.text == flagged
    assert finding.suggestion == suggestion
    assert [r.text for r in finding.related] == [suggestion]
    assert finding.fix is None  # the right spelling is used twice: suggested, not written
    # A third use of the right spelling makes the fix certain enough to write.
    (finding,) = check(NameVariantRule, f"{text} {suggestion} is the name.")
    assert finding.text == flagged and finding.fix.edits[0].replacement == suggestion


@pytest.mark.parametrize(
    "text",
    [
        "Ireland and Iceland signed the deal. Ireland paid more.",
        "Colombia recalled its envoy. Colombia protested to a court in the District of Columbia.",
        "Mohammed bin Salman met Mohamed bin Zayed. Mohammed bin Salman left.",
        "Ahmed al-Sharaa said the Syrian Armed Forces would withdraw. The Armed Forces agreed.",
        "The South Sudan People's Defence Forces deployed. The Israel Defense Forces opened an inquiry.",
        "A fire in Giza. Strikes on Gaza. More strikes on Gaza.",
        "Hamas and Hamad met. Hamas said no.",
    ],
)
def test_no_slip_for_other_names_one_letter_apart(text):
    assert check(NameVariantRule, text) == []


@pytest.mark.parametrize(
    ("text", "flagged", "suggestion"),
    [
        ("Emmerson Mnangagwe won. Mnangagwa said it was fair. Mnangagwa left.", "Mnangagwe", "Mnangagwa"),
        ("Kyrgystan closed the border. Kyrgyzstan said so. Kyrgyzstan left.", "Kyrgystan", "Kyrgyzstan"),
        ("Major Tom Stallard planned it. Stallard said so. Major Stalard survived.", "Stalard", "Stallard"),
    ],
)
def test_surname_and_one_word_slips(text, flagged, suggestion):
    (finding,) = check(NameVariantRule, text)
    assert (finding.text, finding.suggestion) == (flagged, suggestion)


@pytest.mark.parametrize(
    "text",
    [
        "The Argentine peso fell. Argentina said so. Argentina left.",
        "Hassan Sheikh Mohamud spoke. Mohamed Abdullahi Mohamed replied. Mohamed left.",
        "Giorgia Meloni visited. Georgia's president said so.",
        "Protesters gathered at Jantar Mantar. Omar Matar said so. Matar left.",
        "Jane Smith said so. John Smyth, her neighbour, agreed. Smith added.",
        "Saudi Arabia said so, Al Arabiya reported. Saudi Arabia denied it. Arabia was quiet.",
    ],
)
def test_no_surname_slip_for_other_names(text):
    assert check(NameVariantRule, text) == []


def test_single_words_option_turns_off_unsupported_slips():
    text = "Pakistan closed the border. Officials in Pakistan said Pakisatn would reopen it."
    assert check(NameVariantRule, text, single_words=False) == []
    text = "Donald Trump spoke. Donald Trump left, and President-elect Donald Trmup flew home."
    assert len(check(NameVariantRule, text, single_words=False)) == 1


# ---------------------------------------------------------------- name/registry


def test_seed_registry_findings(seed, registry):
    findings = check(NameRegistryRule, seed, registry)
    got = {f.text: (f.suggestion, f.severity.value) for f in findings}
    assert got == {
        "Turat Zedek": ("Torat Tzedek", "warning"),
        "Fighters for Peace": ("Combatants for Peace", "warning"),
        "Parents Against Child Arrest": ("Parents Against Child Detention", "warning"),
        "Center for the Defense of the Individual": ("HaMoked: Center for the Defence of the Individual", "info"),
    }
    turat = next(f for f in findings if f.text == "Turat Zedek")
    assert turat.message == '"Turat Zedek" is not how the registry spells it: write "Torat Tzedek".'
    assert turat.fix.edits[0].replacement == "Torat Tzedek"
    assert turat.fix.safety == "unsafe"


def test_seed_fixed_twice_equals_the_registry_spelling(tmp_path):
    from factlint.cli import main

    article = tmp_path / "seed.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    argv = ["check", "--published", "2022-12", "--registry", str(ROOT / "seeds" / "registry.yaml"),
            "--fix", "--unsafe-fixes", "--no-cache", "--quiet", str(article)]
    main(argv, out=io.StringIO(), err=io.StringIO())
    fixed = article.read_text(encoding="utf-8")
    assert "the HaMoked: Center for the Defence of the Individual, Parents Against Child Detention" in fixed
    assert fixed.count("HaMoked") == 1
    main(argv, out=io.StringIO(), err=io.StringIO())
    assert article.read_text(encoding="utf-8") == fixed


def test_a_name_split_at_a_colon_is_checked_whole(registry):
    quiet = "Lawyers at HaMoked: Center for the Defence of the Individual said so."
    assert check(NameRegistryRule, quiet, registry) == []
    (finding,) = check(NameRegistryRule, quiet.replace("Defence", "Defense"), registry)
    assert finding.text == "HaMoked: Center for the Defense of the Individual"
    assert finding.fix.edits[0].replacement == "HaMoked: Center for the Defence of the Individual"
    # A part of the canonical name, letter for letter, is a short form: info, not a respelling.
    (short,) = check(NameRegistryRule, "Lawyers at the Center for the Defence of the Individual said so.", registry)
    assert short.severity.value == "info" and "part of the registry's name" in short.message


def test_registry_resemblance_is_less_confident(registry):
    (finding,) = check(NameRegistryRule, "The group Torat Tsedek joined the appeal.", registry)
    assert finding.suggestion == "Torat Tzedek"
    assert finding.confidence < 0.9
    assert check(NameRegistryRule, "The group Torat Tsedek joined.", registry, resemblance=False) == []


def test_accepted_aliases_and_empty_registry_are_quiet(seed, registry):
    text = "B’Tselem, PCATI, HaMoked and Physicians for Human Rights-Israel wrote to the ICC."
    assert check(NameRegistryRule, text, registry) == []
    assert check(NameRegistryRule, seed) == []


# ---------------------------------------------------------------- docs


@pytest.mark.parametrize("rule", [NameVariantRule, NameRegistryRule])
def test_rule_docs_have_every_heading_in_order(rule):
    headings = re.findall(r"^\s*## (.+)$", rule.__doc__, flags=re.M)
    assert headings == list(RULE_DOC_HEADINGS)


def _sample_words() -> list[str]:
    """Capitalised words of the real articles in the quality sample, normalised."""
    import json

    from factlint_plugins.checks.name_matching import normalize

    sample = json.loads((ROOT / "fixtures" / "quality" / "sample.json").read_text(encoding="utf-8"))
    words = {normalize(w) for a in sample["articles"] for w in re.findall(r"\b[A-Z][a-z]{2,}\b", a["text"])}
    return sorted(words)[:200]


def _respellings(word: str) -> set[str]:
    """Every one-letter edit, swap, doubling and construct ending of ``word``, plus
    the usual transliteration swaps: the shapes the matcher may accept."""
    letters = "aeioubdhkstyz"
    out = {word + "t", word[:-1] if len(word) > 1 else word}
    for i in range(len(word)):
        out.add(word[:i] + word[i + 1 :])
        out.add(word[:i] + word[i] + word[i:])
        for ch in letters:
            out.add(word[:i] + ch + word[i + 1 :])
            out.add(word[:i] + ch + word[i:])
        if i + 1 < len(word):
            out.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    for old, new in (("z", "tz"), ("f", "ph"), ("k", "kh"), ("d", "dh"), ("s", "sh"), ("i", "y"), ("u", "ou")):
        out.add(word.replace(old, new))
    out.discard("")
    return out


def test_token_signatures_are_shared_by_every_accepted_respelling():
    # The name index compares only names sharing a signature at every position, so
    # every token pair the matcher accepts must share one.
    from factlint_plugins.checks.name_matching import TOKEN_THRESHOLD, token_signatures, token_similarity

    accepted = 0
    for word in _sample_words():
        for other in _respellings(word):
            if token_similarity(word, other) >= TOKEN_THRESHOLD:
                accepted += 1
                assert token_signatures(word) & token_signatures(other), (word, other)
    assert accepted > 1000  # the check must have seen many accepted respellings


def test_name_index_finds_every_name_compare_matches():
    from factlint_plugins.checks.name_matching import NameIndex

    words = _sample_words()
    names = [" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(0, len(words) - n, 7)]
    names += [" ".join(sorted(_respellings(w))[k] for w in name.split()) for k in (0, 5, 9) for name in names[::5]]
    names += ["Abdul Rahman Ali", "Abdulrahman Ali", "Tora Tzedek", "Turat Zedek", "al-Qadhafi", "Gaddafi"]
    # Many names sharing a first word, and their respellings: keys with many names.
    names += [f"{first} {word}" for first in ("Mohammed", "Muhammad") for word in words[:40]]
    index = NameIndex()
    for name in names:
        index.add(name)
    matched = 0
    for query in names[::3]:
        found = set(index.candidates(query))
        for number, name in enumerate(names):
            if compare(query, name).same:
                matched += 1
                assert number in found, (query, name)
    assert matched > len(names[::3])  # more than each name matching itself


# ---------------------------------------------------------------- name/repository


def test_repository_slip_found_with_the_usual_spelling_in_two_other_articles(tmp_path):
    import json

    from factlint.cli import main

    for i in range(2):
        (tmp_path / f"a{i}.md").write_text(
            f"---\npublished: 2024-03-0{i + 1}\n---\nUS Secretary of State Antony Blinken arrived in Kyiv.\n",
            encoding="utf-8",
        )
    (tmp_path / "today.md").write_text(
        "---\npublished: 2024-03-09\n---\nSecretary of State Antony Blinkin met the Human Rights Watch team.\n",
        encoding="utf-8",
    )
    (tmp_path / "other.md").write_text(
        "---\npublished: 2024-03-10\n---\nAntony Blinkin spoke once; Marco Rubio twice.\n", encoding="utf-8"
    )
    out = io.StringIO()
    main(
        ["check", "--no-cache", "--repo-consistency", "-j", "1", "--format", "json", str(tmp_path)],
        out=out,
        err=io.StringIO(),
    )
    found = [(Path(f["path"]).name, f["text"], f["suggestion"]) for f in json.loads(out.getvalue())["findings"]]
    # Two articles against two: no usual spelling. Drop one slip and two against one is enough.
    assert found == []
    (tmp_path / "other.md").unlink()
    out = io.StringIO()
    main(
        ["check", "--no-cache", "--repo-consistency", "-j", "1", "--format", "json", str(tmp_path)],
        out=out,
        err=io.StringIO(),
    )
    found = [(Path(f["path"]).name, f["text"], f["suggestion"]) for f in json.loads(out.getvalue())["findings"]]
    assert found == [("today.md", "Antony Blinkin", "Antony Blinken")]


def test_repository_needs_three_articles_for_a_looser_resemblance(tmp_path):
    """Two letters apart is as often two people (the Cuban Antonio Guiteras, the UN's
    António Guterres): two articles with the other spelling are not enough."""
    import json

    from factlint.cli import main

    for i in range(2):
        (tmp_path / f"a{i}.md").write_text(
            f"---\npublished: 2024-03-0{i + 1}\n---\nAntónio Guterres spoke in Geneva on Monday.\n",
            encoding="utf-8",
        )
    (tmp_path / "cuba.md").write_text(
        "---\npublished: 2024-03-09\n---\nThe Antonio Guiteras power plant in Matanzas failed again.\n",
        encoding="utf-8",
    )

    def findings() -> list[str]:
        out = io.StringIO()
        main(["check", "--no-cache", "--repo-consistency", "-j", "1", "--format", "json", str(tmp_path)],
             out=out, err=io.StringIO())
        return [f["text"] for f in json.loads(out.getvalue())["findings"]]

    assert findings() == []
    (tmp_path / "a2.md").write_text(
        "---\npublished: 2024-03-03\n---\nAntónio Guterres said so in New York.\n", encoding="utf-8"
    )
    assert findings() == ["Antonio Guiteras"]  # three articles: flagged, for a person to judge


def test_a_hyphened_modifier_is_not_part_of_the_name():
    names = [e.name for e in entities("The United States-based group met Kremlin-backed forces and al-Assad's men.")]
    assert "United States" in names and "Kremlin" in names
    assert not [n for n in names if n.endswith(("-based", "-backed"))]
    assert any(n.startswith("al-Assad") for n in names)

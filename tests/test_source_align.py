"""The alignment of article sentences with the sentences of their sources."""

from __future__ import annotations

import time
from pathlib import Path

from factlint import ClaimSet, CountItem, Document, SourceDocument, Span, check_text
from factlint_plugins.checks.sources.align import content_tokens, source_index
from factlint_plugins.checks.sources.lists import _pair_items, item_relation

LETTER = (
    "We, the undersigned organizations, write to you in support of your visit. "
    "The letter was signed by ten organizations on December 14. "
    "Our position is that crimes have already been committed in Palestine. "
    "Karim Khan, the Prosecutor of the International Criminal Court, spoke to the Assembly of States Parties."
)


def _source(text: str, path: str = "letter.txt") -> SourceDocument:
    return SourceDocument(document=Document.from_text(text, path=path), claims=ClaimSet())


def test_tokens_drop_function_words_and_normalise_numbers() -> None:
    keys = [t.key for t in content_tokens("The letter was signed by 10 of the 1,000 groups, ten said.")]
    assert keys == ["letter", "sign", "#10", "#1000", "group", "#10"]


def test_names_keep_their_letters() -> None:
    tokens = list(content_tokens("Yesterday Stephen Hawking sang."))
    expected = [("yesterday", False), ("stephen", True), ("hawking", True), ("sang", False)]
    assert [(t.key, t.salient) for t in tokens] == expected


def test_the_supporting_sentence_comes_first() -> None:
    index = source_index((_source(LETTER),))
    best = index.align("The letter was signed by 11 organizations, it said.")[0]
    assert best.sentence.text.startswith("The letter was signed by ten organizations")
    assert set(best.shared) == {"letter", "sign", "organization"}
    assert 0.5 < best.score < 1


def test_a_close_spelling_still_aligns() -> None:
    index = source_index((_source(LETTER),))
    best = index.align("Karim Kahn spoke to the Assembly of States Parties.")[0]
    assert "Karim Khan" in best.sentence.text
    assert ("kahn", "khan") in best.matches


def test_align_span_widens_a_claim_to_its_sentence() -> None:
    article = Document.from_text("Khan's office got it. The letter was signed by 11 organizations on Dec. 14.")
    index = source_index((_source(LETTER),))
    start = article.text.index("11")
    best = index.align_span(article, start, start + 2)[0]
    assert best.sentence.text.startswith("The letter was signed")
    source = best.sentence.source.document.text
    assert source[best.sentence.start : best.sentence.end] == best.sentence.text


def test_the_index_is_built_once_per_sources_tuple() -> None:
    sources = (_source(LETTER), _source("Another source.", "other.txt"))
    assert source_index(sources) is source_index(tuple(sources))
    assert source_index(sources) is not source_index(sources[:1])
    assert [s.source.document.path for s in source_index(sources).sentences][-1] == "other.txt"


def test_no_shared_word_no_alignment() -> None:
    index = source_index((_source(LETTER),))
    assert index.align("Bananas grow quickly.") == []
    assert source_index(()).align("The letter was signed.") == []


def test_an_article_against_ten_thousand_words_of_sources_is_fast() -> None:
    sentence = "Officials in {0} said {1} people were hurt when the {2} bridge collapsed on Tuesday. "
    source = "".join(sentence.format(f"Town{i}", i, f"River{i % 50}") for i in range(700))
    article = Document.from_text("".join(sentence.format(f"Town{i}", i + 1, "Old") for i in range(0, 700, 12)))
    index = source_index((_source(source),))
    spans = [(m, m + 5) for m in range(0, len(article.text), 90)]
    started = time.process_time()
    for lo, hi in spans:
        index.align_span(article, lo, hi)
    assert time.process_time() - started < 0.5


SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FINDINGS = {
    "the Center for the Defense of the Individual": (
        "source/name", "HaMoked: Center for the Defence of the Individual"
    ),
    "Parents Against Child Arrest": ("source/list", "Parents Against Child Detention"),
    "Fighters for Peace": ("source/list", "Combatants for Peace"),
    "Turat Zedek": ("source/name", "Torat Tzedek"),
}


def test_the_seed_against_its_letter_needs_no_registry() -> None:
    article = SEEDS / "000_30fba8cf1e1c4e60.txt"
    report = check_text(
        article.read_text(encoding="utf-8"), published="2022-12", format="text", path=str(article),
        sources=[str(SEEDS / "letter-reconstruction.md")],
    )
    assert not report.errors
    assert {f.text: (f.rule, f.suggestion) for f in report.findings} == SEED_FINDINGS
    for f in report.findings:
        assert f.fix is not None and f.fix.safety == "unsafe"
        assert [r.path for r in f.related] == [str(SEEDS / "letter-reconstruction.md")]


def test_the_seed_reconstruction_says_what_it_is() -> None:
    text = (SEEDS / "letter-reconstruction.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: \"RECONSTRUCTION")
    assert "NOT THE ORIGINAL DOCUMENTS" in text[:400]


def test_list_items_relate_by_words_then_spelling() -> None:
    assert item_relation("the Human Rights Defenders Fund", "Human Rights Defenders Fund") == "same"
    assert item_relation("B'Tselem", "B'Tselem – The Israeli Information Center") == "part"
    assert item_relation("Turat Zedek", "Torat Tzedek") == "respelled"
    assert item_relation("the Center for the Defense of the Individual",
                         "HaMoked: Center for the Defence of the Individual") == "respelled"
    assert item_relation("Fighters for Peace", "Combatants for Peace") == "different"
    assert item_relation("Yesh Din", "Yesh Gvul") == "different"


def test_leftover_items_pair_by_place_only_between_the_same_pairs() -> None:
    def items(*names: str) -> list[CountItem]:
        return [CountItem(text=n, span=Span(start=i, end=i + 1)) for i, n in enumerate(names)]

    article = items("Adalah", "Fighters for Peace", "Yesh Din")
    pairs = _pair_items(article, items("Adalah", "Combatants for Peace", "Yesh Din"))
    assert pairs is not None
    assert [(p.article.text, p.source.text, p.relation) for p in pairs][1] == (
        "Fighters for Peace", "Combatants for Peace", "different"
    )
    # Mostly other items: two lists, not one.
    assert _pair_items(items("A One", "B Two", "C Three"), items("D Four", "E Five", "A One")) is None


def test_a_source_is_folded_as_names_are() -> None:
    from factlint_plugins.checks.name_matching import name_tokens
    from factlint_plugins.checks.sources.names import _fold

    text = "Zürich’s mayor met B'Tselem – and Łódź's Müller-Lüdenscheidt; ÆTHER Straße."
    assert _fold(text) == "zurich mayor met btselem and łodz muller ludenscheidt æther strasse"
    for name in ("Zürich", "B'Tselem", "Müller-Lüdenscheidt", "Straße", "Łódź", "ÆTHER"):
        assert " " + " ".join(name_tokens(name)) + " " in " " + _fold(text) + " "


def test_attribution_is_a_verb_of_saying_a_document_or_a_quotation() -> None:
    from factlint_plugins.checks.sources.align import attributed

    for sentence in ("The letter was signed by ten groups.", "Police said two people died.",
                     'He called it "a first".', "According to B'Tselem, it was sent."):
        assert attributed(sentence, 0, len(sentence)), sentence
    plain = "The court declared its jurisdiction in 2021."
    assert not attributed(plain, 0, len(plain))

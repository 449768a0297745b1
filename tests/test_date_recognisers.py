"""The date extractor's prefilters change nothing it finds.

A prefilter is a cheap test that keeps a recogniser's pattern off a sentence it cannot
match, and the extractor's gate skips sentences that hold neither a digit nor a cue
word of any recogniser. Both are only worth having if they are exact. Here every
recogniser runs with and without its prefilter, and the whole extractor with and
without all of them, over every fixture article (read by the loader of its format),
the articles of the quality sample, the seed, and, when ``../shared/corpus`` is
present, the date gold data ``bench/date_gold.py`` reads (the GUM Wikinews texts and
the Duckling phrases); the dates found must be the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import pytest

from factlint import ClaimSet, Document
from factlint_plugins.extractors.dates import DatesExtractor
from factlint_plugins.extractors.dates.recognisers import RECOGNISERS, Recogniser
from factlint_plugins.extractors.dates.scanner import may_hold_date
from factlint_plugins.extractors.dates.sentences import Sentence, sentence_spans
from factlint_plugins.formats.html import load_html
from factlint_plugins.formats.markdown import load_markdown
from factlint_plugins.formats.text import load_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = ROOT / "seeds" / "000_30fba8cf1e1c4e60.txt"
LOADERS: dict[str, Callable[..., Document]] = {".md": load_markdown, ".txt": load_text, ".html": load_html}
# Duckling's phrases are read against its reference day, as bench/date_gold.py reads them.
DUCKLING_DAY = "2013-02-12"


def _fixtures() -> Iterator[tuple[str, Document]]:
    for path in sorted(FIXTURES.rglob("*")):
        if path.suffix in LOADERS and path.is_file():
            name = str(path.relative_to(FIXTURES))
            text = path.read_text(encoding="utf-8")
            document = LOADERS[path.suffix](text, path=name)
            yield name, document
            # The same words again with a publication date, so that every relative date resolves.
            yield f"{name} (2023-01-10)", Document.from_text(document.text, published="2023-01-10")


def _samples() -> Iterator[tuple[str, Document]]:
    for name in ("sample.json", "fix_sample.json"):
        sample = json.loads((FIXTURES / "quality" / name).read_text(encoding="utf-8"))
        for article in sample["articles"]:
            yield f"{name} {article['id']}", Document.from_text(article["text"], published=article["published"])
    seed = SEED.read_text(encoding="utf-8")
    for published in ("2022-12", "2023-01-10"):
        yield f"seed ({published})", Document.from_text(seed, published=published)


# Sentences for each recogniser, each with few other dates, in the shapes its prefilter
# must let through: other cases, line breaks, non-breaking spaces, no digit at all.
EXAMPLES = (
    "It happened on Tuesday, 5 February 2021 in Paris.",
    "It happened on the 6th of FEBRUARY 2021.",
    "It happened on February 5, 2021.",
    "It happened on Sept. 9,\n2022.",
    "The assembly met from 5 to 10 December 2022.",
    "They meet on December 12\u00a0-\u00a014.",
    "The poll came in late September 2013.",
    "It ended at the end of May 2020.",
    "He left on Feb. 5.",
    "He came back on Tuesday, 9 May.",
    "Results: Monday, 29 MayFinal.",
    "It rained in March.",
    "It has rained since mid-April.",
    "It rained last\nJune.",
    "Palestine joined it in 2015.",
    "2015's budget was larger.",
    "The 2016 election followed.",
    "Prices rose in the 1990s.",
    "Prices rose in the '80s.",
    "Prices rose in the sixties.",
    "Prices rose in the twenty-first century.",
    "He arrived yesterday.",
    "He leaves the day after tomorrow.",
    "TONIGHT he sleeps.",
    "He spoke this morning.",
    "It rose last week.",
    "It rose earlier this\nmonth.",
    "It opens the coming weekend.",
    "It began two days ago.",
    "It began a decade\u00a0ago.",
    "It will end in three weeks' time.",
    "The vote was on Tuesday.",
    "The vote was last\nFRIDAY.",
    "It was hot last summer.",
    "It was cold in the winter of 2019.",
    "October is National Magic Month.",
    "He was jailed in November last year.",
    "He was jailed in November last\nyear.",
    "He was jailed in May this\u00a0year.",
    "Results: Monday, 29 SeptFinal.",
    "He was freed on October 14 this year.",
    "The deal should close by the end of the year.",
    "It is due at year-end.",
    "It changed in the past century.",
)


def _examples() -> Iterator[tuple[str, Document]]:
    for text in EXAMPLES:
        yield repr(text), Document.from_text(text, published="2023-01-10")
        yield f"{text!r} (unpublished)", Document.from_text(text)


def _gum() -> Iterator[tuple[str, Document]]:
    for line in (CORPUS / "gum_wikinews" / "gum_wikinews.jsonl").open(encoding="utf-8"):
        doc = json.loads(line)
        yield doc["id"], Document.from_text(doc["text"], published=doc["date_created"])


def _duckling() -> Iterator[tuple[str, Document]]:
    for line in (CORPUS / "duckling_en_time" / "duckling_en_time.jsonl").open(encoding="utf-8"):
        phrase = json.loads(line)["phrase"]
        yield phrase, Document.from_text(phrase, published=DUCKLING_DAY)
        yield f"It happened {phrase}.", Document.from_text(f"It happened {phrase}.", published=DUCKLING_DAY)


SOURCES: dict[str, tuple[Callable[[], Iterator[tuple[str, Document]]], Path | None]] = {
    "examples": (_examples, None),
    "fixtures": (_fixtures, None),
    "samples": (_samples, None),
    "gum": (_gum, CORPUS / "gum_wikinews" / "gum_wikinews.jsonl"),
    "duckling": (_duckling, CORPUS / "duckling_en_time" / "duckling_en_time.jsonl"),
}


@cache
def _documents(source: str) -> tuple[tuple[str, Document], ...]:
    read, needs = SOURCES[source]
    if needs is not None and not needs.exists():
        pytest.skip(f"no {needs}")
    return tuple(read())


@cache
def _sentences(source: str) -> tuple[tuple[str, Sentence], ...]:
    """Every sentence the extractor would scan, the gate ignored."""
    out = []
    for name, document in _documents(source):
        text, pub = document.text, document.metadata.published
        for block in [(b.start, b.end) for b in document.blocks] or [(0, len(text))]:
            for span in sentence_spans(text, *block):
                out.append((name, Sentence.of(text, span, pub)))
    return tuple(out)


def _claims(extractor: DatesExtractor, document: Document) -> list[dict]:
    return [c.model_dump(mode="json") for c in extractor.extract(document, ClaimSet())]


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_the_extractor_finds_the_same_claims_without_prefilters(source: str) -> None:
    with_filters, without = DatesExtractor(), DatesExtractor(prefilters=False)
    differ = []
    for name, document in _documents(source):
        fast, slow = _claims(with_filters, document), _claims(without, document)
        if fast != slow:
            only_slow = [c["text"] for c in slow if c not in fast]
            only_fast = [c["text"] for c in fast if c not in slow]
            differ.append(f"{name}: without prefilters {only_slow}, with them {only_fast}")
    assert not differ, f"{len(differ)} documents differ:\n" + "\n".join(differ[:10])


def _missed(recogniser: Recogniser, sentences: tuple[tuple[str, Sentence], ...],
            skipped: Callable[[Sentence], bool]) -> list[str]:
    """What ``recogniser`` finds in the sentences that ``skipped`` keeps from it."""
    out = []
    for name, sentence in sentences:
        if skipped(sentence):
            for f in recogniser.find(sentence, prefilter=False):
                out.append(f"{name}: {sentence.text[f.start : f.end]!r} in {sentence.words.strip()[:120]!r}")
    return out


@pytest.mark.parametrize("recogniser", RECOGNISERS, ids=[r.name for r in RECOGNISERS])
@pytest.mark.parametrize("source", sorted(SOURCES))
def test_a_prefilter_skips_only_sentences_its_recogniser_reads_nothing_in(source: str, recogniser: Recogniser) -> None:
    missed = _missed(recogniser, _sentences(source), lambda s: not recogniser.prefilter(s))
    assert not missed, f"the {recogniser.name} prefilter skips {len(missed)} dates:\n" + "\n".join(missed[:10])


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_the_gate_skips_only_sentences_no_recogniser_reads_anything_in(source: str) -> None:
    def gated(s: Sentence) -> bool:
        return not may_hold_date(s.text, s.span, s.words, s.folded)

    sentences = _sentences(source)
    missed = [m for r in RECOGNISERS for m in _missed(r, sentences, gated)]
    assert not missed, f"the gate skips {len(missed)} dates:\n" + "\n".join(missed[:10])


def test_every_recogniser_reads_something_in_the_examples() -> None:
    # A recogniser that finds nothing here would make its prefilter test vacuous.
    sentences = _sentences("examples")
    silent = [r.name for r in RECOGNISERS if not any(next(r.find(s), None) for _, s in sentences)]
    assert not silent, f"no example sentence exercises {silent}"

"""Plant labelled errors in real articles, deterministically.

    python bench/mutations.py [--corpus DIR] [--seed N] [--out FILE]

Each mutation is one text edit to one real article (GUM Wikinews or a Wikipedia
current-events day), the rule family expected to notice it, and the spans where a
finding is expected. The unmutated article is its negative. The mutations themselves are
factlint's built-in mutators (``factlint_plugins.mutators``, registered as the groups
``count``, ``date`` and ``name``), the same ones plugin authors run through
``factlint.testing``; this script feeds them the corpus. What is real and what is inserted:

- ``count-number`` (a real count and its real list; the number changed to n+1 or
  n-1 in the same style, digits or words) and ``count-item`` (the last item of a real
  list of three or more dropped: "A, B and C" -> "A and B"). Adding an item would
  mean inventing one, so it is not done. Only lists the count extractor reads as
  complete and that agree with their count are used; the corpus has few of them
  (most real lists are partial: "including ...").
- ``date-weekday``: a real full date; its weekday is changed, or a wrong weekday is
  inserted in front of it ("Tuesday, March 5, 2024").
- ``date-relative``: a real "yesterday", "last month", "this year" ...; an apposition
  naming the neighbouring day, month or year is inserted after it ("last month
  (February)" in an article that means January).
- ``date-order``: a real date and a real "after"/"following"/"before" later in the
  same sentence; a date for the other event is inserted after the cue's phrase, on the
  wrong side of the real date ("on May 7 after his death on May 12").
- ``name-respell``: a real name mentioned at least twice; one mention is respelled
  with a typing or transliteration slip (doubled or undoubled letter, vowel swap,
  adjacent letters swapped, tz/ts, ph/f, y/i) in a word of five letters or more.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from dataclasses import asdict, dataclass
from pathlib import Path

from factlint.checker import Checker
from factlint.config import Config
from factlint.models import Source
from factlint.mutations import Mutation
from factlint.registry import Registry
from factlint_plugins.mutators import FAMILY, count_mutations, date_mutations, name_mutations

__all__ = ["Article", "Mutation", "entity_names", "generate", "load_articles", "make_engine", "source_of"]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"



@dataclass(frozen=True)
class Article:
    """One real article: its id, text and publication date (YYYY-MM-DD)."""

    id: str
    text: str
    published: str
    source: str  # "gum" or "wcep"


# --------------------------------------------------------------------------- corpus


def load_articles(corpus: Path) -> tuple[list[Article], list[str]]:
    """The real articles of the corpus, and what is missing from it."""
    articles: list[Article] = []
    missing: list[str] = []
    gum = corpus / "gum_wikinews" / "gum_wikinews.jsonl"
    days = corpus / "wikipedia_current_events" / "current_events_days.jsonl"
    if gum.exists():
        for line in gum.open(encoding="utf-8"):
            d = json.loads(line)
            articles.append(Article(d["id"], d["text"], d["date_created"], "gum"))
    else:
        missing.append(str(gum))
    if days.exists():
        for line in days.open(encoding="utf-8"):
            d = json.loads(line)
            articles.append(Article(d["id"], d["text"], d["date"], "wcep"))
    else:
        missing.append(str(days))
    return articles, missing


def front_matter(published: str) -> str:
    """The Markdown front matter every article is checked with."""
    return f"---\npublished: {published}\n---\n"


def source_of(article_id: str, text: str, published: str) -> tuple[Source, int]:
    """The Markdown source of an article, and how far its body is shifted by the front matter."""
    fm = front_matter(published)
    return Source(path=f"{article_id}.md", suffix=".md", text=fm + text), len(fm)


def make_engine() -> Checker:
    """One engine for every article: every rule, no registry."""
    return Checker(Config(), registry=Registry())


def claims_of(engine: Checker, article: Article) -> list:
    """The claims the extractors find, with spans in article-text offsets."""
    source, shift = source_of(article.id, article.text, article.published)
    document, _, _ = engine.load(source)
    claims, _ = engine.extract(document)
    return [_unshift(c, shift) for c in claims]


def _unshift(claim, shift: int):
    """``claim`` with every span moved back by ``shift`` characters."""
    def move(span):
        return span.model_copy(update={"start": span.start - shift, "end": span.end - shift})

    update = {"span": move(claim.span)}
    for key in ("weekday_span", "apposition_span", "list_span"):
        if getattr(claim, key, None) is not None:
            update[key] = move(getattr(claim, key))
    if getattr(claim, "items", None):
        update["items"] = tuple(i.model_copy(update={"span": move(i.span)}) for i in claim.items)
    return claim.model_copy(update=update)


# --------------------------------------------------------------------------- driver

def entity_names(corpus: Path) -> dict[str, list[str]]:
    """Real names per article: GUM's entity mentions and the link anchors of the Wikipedia days."""
    out: dict[str, list[str]] = {}
    gum = corpus / "gum_wikinews" / "gum_wikinews.jsonl"
    if gum.exists():
        for line in gum.open(encoding="utf-8"):
            d = json.loads(line)
            out[d["id"]] = [e["text"] for e in d["entities"] if e["etype"] in ("person", "organization", "place")]
    days = corpus / "wikipedia_current_events" / "current_events_days.jsonl"
    if days.exists():
        for line in days.open(encoding="utf-8"):
            d = json.loads(line)
            out[d["id"]] = [link["surface"] for item in d["items"] for link in item["links"]]
    return out


def generate(
    articles: list[Article], names: dict[str, list[str]], *, seed: int = 0, engine: Checker | None = None,
    per_kind: int | None = None,
) -> list[Mutation]:
    """Every mutation the articles allow (at most ``per_kind`` of each kind, sampled with ``seed``)."""
    engine = engine or make_engine()
    rng = random.Random(seed)
    found: dict[str, list[Mutation]] = {k: [] for k in FAMILY}
    for article in articles:
        claims = claims_of(engine, article)
        published = dt.date.fromisoformat(article.published)
        for mut in (
            *count_mutations(article.id, article.text, published, claims, rng),
            *date_mutations(article.id, article.text, published, claims, rng),
            *name_mutations(article.id, article.text, published, claims, rng, names=names.get(article.id, ())),
        ):
            found[mut.kind].append(mut)
    out: list[Mutation] = []
    for kind in FAMILY:
        rows = found[kind]
        if per_kind is not None and len(rows) > per_kind:
            rows = sorted(random.Random(f"{seed}-{kind}").sample(rows, per_kind), key=lambda m: (m.doc_id, m.start))
        out.extend(rows)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write the mutations as JSON")
    args = parser.parse_args()
    articles, missing = load_articles(args.corpus)
    for m in missing:
        print(f"missing: {m}")
    muts = generate(articles, entity_names(args.corpus), seed=args.seed)
    counts: dict[str, int] = {}
    for m in muts:
        counts[m.kind] = counts.get(m.kind, 0) + 1
    print(counts)
    if args.out:
        args.out.write_text(json.dumps([asdict(m) for m in muts], indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()

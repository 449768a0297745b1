"""Plant labelled errors in real articles, deterministically.

    python bench/mutations.py [--corpus DIR] [--seed N] [--out FILE]

Each mutation is one text edit to one real article (GUM Wikinews or a Wikipedia
current-events day), the rule family expected to notice it, and the spans where a
finding is expected. The unmutated article is its negative. What is real and what is
inserted:

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
import calendar
import datetime as dt
import json
import random
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from factlint.config import Config
from factlint.pipeline import Engine, Source
from factlint.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"

FAMILY = {
    "count-number": "count",
    "count-item": "count",
    "date-weekday": "date",
    "date-relative": "date",
    "date-order": "date",
    "name-respell": "name",
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = tuple(calendar.month_name)[1:]


@dataclass(frozen=True)
class Article:
    """One real article: its id, text and publication date (YYYY-MM-DD)."""

    id: str
    text: str
    published: str
    source: str  # "gum" or "wcep"


@dataclass
class Mutation:
    """One planted error: replace ``text[start:end]`` with ``replacement``.

    ``expected`` holds the ``[start, end)`` spans, in the mutated text, where a
    finding of ``family`` counts as a detection.
    """

    kind: str
    doc_id: str
    start: int
    end: int
    replacement: str
    expected: list[tuple[int, int]]
    note: str
    family: str = field(default="")

    def __post_init__(self) -> None:
        self.family = self.family or FAMILY[self.kind]

    def apply(self, text: str) -> str:
        """The mutated text."""
        return text[: self.start] + self.replacement + text[self.end :]

    @property
    def delta(self) -> int:
        """How far text after the edit moves."""
        return len(self.replacement) - (self.end - self.start)

    def shift(self, offset: int) -> int:
        """Where an offset of the original text is in the mutated text."""
        return offset + self.delta if offset >= self.end else offset


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


def make_engine() -> Engine:
    """One engine for every article: every rule, no registry."""
    return Engine(Config(), registry=Registry())


def claims_of(engine: Engine, article: Article) -> list:
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


# --------------------------------------------------------------------------- counts

_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen", "twenty"]


def _restyle(number_text: str, n: int) -> str | None:
    """``n`` written the way ``number_text`` is (digits or words, capitalised or not)."""
    if number_text.isdigit():
        return str(n)
    if n >= len(_WORDS) or n < 2:
        return None
    word = _WORDS[n]
    return word.capitalize() if number_text[0].isupper() else word


def _count_mutations(article: Article, claims: list) -> Iterator[Mutation]:
    text = article.text
    for c in claims:
        if c.kind != "count" or not c.items or c.partial or c.qualifier != "exact" or len(c.items) != c.value:
            continue  # only lists that agree with their count in the real text
        start, end = c.span.start, c.span.end
        m = re.match(r"\d+|[A-Za-z]+", text[start:end])
        if not m:
            continue
        num_start, num_end = start + m.start(), start + m.end()
        items = [(i.span.start, i.span.end) for i in c.items]
        for n in (c.value + 1, c.value - 1):
            new = _restyle(m.group(), n)
            if new is None:
                continue
            mut = Mutation("count-number", article.id, num_start, num_end, new, [], f"{m.group()} -> {new}")
            mut.expected = [(num_start, num_start + len(new))] + [(mut.shift(a), mut.shift(b)) for a, b in items]
            yield mut
        # Drop the last item with its separator: "A, B and C" -> "A and B"; "A and B" -> "A".
        if len(items) >= 3:
            (pa, pb), (la, lb) = items[-2], items[-1]
            sep = text[pb:la]
            if re.fullmatch(r",?\s+and\s+", sep):
                prev_sep_start = items[-3][1]
                # "A, B and C" -> "A and B": replace ", B and C" by " and B".
                replacement = " and " + text[pa:pb]
                mut = Mutation("count-item", article.id, prev_sep_start, lb, replacement, [],
                               f"dropped {text[la:lb]!r}")
                mut.expected = [(start, end)] + [(mut.shift(a), mut.shift(b)) for a, b in items[:-3]]
                mut.expected.append((prev_sep_start, prev_sep_start + len(replacement)))
                yield mut


# --------------------------------------------------------------------------- dates

_RELATIVE_DAY = {"yesterday": -1, "today": 0, "tomorrow": 1}
_RELATIVE_MONTH = {"last month": -1, "this month": 0, "earlier this month": 0, "later this month": 0, "next month": 1}
_RELATIVE_YEAR = {"last year": -1, "this year": 0, "earlier this year": 0, "later this year": 0, "next year": 1}


def _weekday_mutations(article: Article, claims: list, rng: random.Random) -> Iterator[Mutation]:
    text = article.text
    pub = dt.date.fromisoformat(article.published)
    for c in claims:
        if c.kind != "date" or c.anchor != "absolute" or c.relative is not None:
            continue
        if c.granularity != "day" or c.start is None or c.start != c.end:
            continue
        if not c.year_explicit and not (c.start.year == pub.year and c.start <= pub):
            continue  # a year-less date whose year is not plainly the publication year
        wrong = (c.start.weekday() + rng.choice((-2, -1, 1, 2))) % 7
        if c.weekday is not None and c.weekday_span is not None:
            a, b = c.weekday_span.start, c.weekday_span.end
            written = text[a:b]
            if not written.isalpha():
                continue
            new = WEEKDAYS[wrong] if len(written) > 3 else WEEKDAYS[wrong][:3]
            mut = Mutation("date-weekday", article.id, a, b, new, [], f"{written} -> {new} ({c.start})")
            mut.expected = [(a, mut.shift(c.span.end))]
            yield mut
        else:
            a = c.span.start
            if not re.match(r"[A-Z]", text[a : a + 1]) and not re.match(r"\d{1,2} [A-Z]", text[a : a + 4]):
                continue
            if re.search(r"\b(?:of|the)\s+$", text[max(0, a - 5) : a]):
                continue
            new = f"{WEEKDAYS[wrong]}, "
            mut = Mutation("date-weekday", article.id, a, a, new, [], f"inserted {new.strip()} before {c.text!r} ({c.start})")
            mut.expected = [(a, mut.shift(c.span.end))]
            yield mut


def _relative_mutations(article: Article, claims: list, rng: random.Random) -> Iterator[Mutation]:
    text = article.text
    pub = dt.date.fromisoformat(article.published)
    for c in claims:
        if c.kind != "date" or c.anchor != "publication" or c.relative is None:
            continue
        rel = c.relative.lower()
        end = c.span.end
        if text[c.span.start:end].lower() != rel and not text[c.span.start:end].lower().endswith(rel):
            continue
        if end < len(text) and (text[end].isalnum() or text[end] in "'’(" or text[end : end + 2] == " ("):
            continue  # "yesterday's", or an apposition already there
        if rel in _RELATIVE_DAY:
            day = pub + dt.timedelta(days=_RELATIVE_DAY[rel] + rng.choice((-1, 1)))
            named = WEEKDAYS[day.weekday()]
        elif rel in _RELATIVE_MONTH:
            month = (pub.month - 1 + _RELATIVE_MONTH[rel] + rng.choice((-1, 1))) % 12
            named = MONTHS[month]
        elif rel in _RELATIVE_YEAR:
            named = str(pub.year + _RELATIVE_YEAR[rel] + rng.choice((-1, 1)))
        else:
            continue
        new = f" ({named})"
        mut = Mutation("date-relative", article.id, end, end, new, [], f"{text[c.span.start:end]!r} + {new.strip()}")
        mut.expected = [(c.span.start, end + len(new))]
        yield mut


_ORDER_CUE = re.compile(r"\b(after|following|in the wake of|before|ahead of|prior to)\s+", re.I)


def _order_mutations(article: Article, claims: list, rng: random.Random) -> Iterator[Mutation]:
    text = article.text
    dates = sorted((c for c in claims if c.kind == "date" and c.start is not None), key=lambda c: c.span.start)
    for i, c in enumerate(dates):
        if c.granularity != "day" or c.start != c.end:
            continue
        # The rest of the sentence after the date.
        stop = re.compile(r"[.;:!?](?:\s|$)|\n").search(text, c.span.end)
        sent_end = stop.start() if stop else len(text)
        starts = [m.end() for m in re.compile(r"[.;:!?]\s|\n").finditer(text, 0, c.span.start)]
        sent_start = starts[-1] if starts else 0
        if any(d is not c and d.span.start < sent_end and d.span.end > sent_start for d in dates):
            continue  # another date already in the sentence
        # The cue after the date ("arrested on May 5 after the attack"), or opening
        # the sentence ("Following the attack, ... on May 5").
        cue = _ORDER_CUE.search(text, c.span.end, sent_end)
        if cue is not None and cue.start() - c.span.end <= 120:
            limit = sent_end
        else:
            cue = _ORDER_CUE.match(text, sent_start)
            limit = c.span.start
            if cue is None:
                continue
        # The cue's phrase runs to the next comma, clause or sentence end.
        phrase_end = re.compile(r",|\s+(?:and|but|which|who|where|while|as|in|at)\s|\s+[–—(]").search(text, cue.end(), limit)
        at = phrase_end.start() if phrase_end else limit
        if at == c.span.start:
            continue
        if at - cue.end() < 3 or at - cue.end() > 60:
            continue
        later = cue.group(1).lower() in ("after", "following", "in the wake of")
        k = rng.randint(2, 9)
        other = c.start + dt.timedelta(days=k if later else -k)
        new = f" on {MONTHS[other.month - 1]} {other.day}"
        if other.year != c.start.year:
            new += f", {other.year}"
        mut = Mutation("date-order", article.id, at, at, new, [],
                       f"{c.text!r} {cue.group(1)} ... + {new.strip()!r}")
        mut.expected = [(mut.shift(c.span.start), mut.shift(c.span.end)), (at, at + len(new))]
        yield mut


# --------------------------------------------------------------------------- names

_PARTICLES = {"of", "the", "for", "and", "de", "al", "al-", "la", "le", "von", "van", "du", "del", "da", "bin", "el"}
_NAME = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|the|for|and|de|al|la|von|van|du|del|da|bin|el))*$")


def _respellings(word: str) -> list[str]:
    """Realistic slips of ``word`` (the first letter kept)."""
    out: set[str] = set()
    low = word
    for i in range(1, len(low) - 1):
        a, b = low[i], low[i + 1]
        if a.isalpha() and a == b:
            out.add(low[:i] + low[i + 1 :])  # undouble
        elif a.isalpha() and a.lower() not in "aeiou" and b != a and (i == 1 or low[i - 1] != a):
            out.add(low[: i + 1] + a + low[i + 1 :])  # double
        if a.isalpha() and b.isalpha() and a != b and i + 2 <= len(low) - 1:
            out.add(low[:i] + b + a + low[i + 2 :])  # adjacent letters swapped (not the last)
    swaps = {"a": "e", "e": "a", "i": "e", "o": "u", "u": "o"}
    for i in range(1, len(low) - 1):
        if low[i] in swaps:
            out.add(low[:i] + swaps[low[i]] + low[i + 1 :])
    for x, y in (("tz", "ts"), ("ts", "tz"), ("ph", "f"), ("y", "i"), ("i", "y")):
        j = low.find(x, 1)
        if j > 0:
            out.add(low[:j] + y + low[j + len(x) :])
    out.discard(word)
    return sorted(o for o in out if o[1:].isalpha() or "-" in o)


def _name_candidates(article: Article, extra: dict) -> list[str]:
    """Names an editor would expect spelled one way: real names used twice or more."""
    names: set[str] = set()
    for name in extra.get(article.id, ()):
        name = name.strip()
        if _NAME.match(name) and any(len(w) >= 5 and w.isalpha() for w in name.split()):
            names.add(name)
    return sorted(n for n in names if len(_occurrences(article.text, n)) >= 2)


def _occurrences(text: str, name: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text)]


def _name_mutations(article: Article, extra: dict, rng: random.Random) -> Iterator[Mutation]:
    text = article.text
    words_in_text = {w.lower() for w in re.findall(r"[\w'’-]+", text)}
    candidates = _name_candidates(article, extra)
    for name in candidates:
        if any(name != other and name in other for other in candidates):
            continue  # "Gaza" inside "Gaza Strip": respell the longer name instead
        occ = _occurrences(text, name)
        words = [(m.start(), m.group()) for m in re.finditer(r"[A-Za-z][\w'’-]*", name)]
        words = [(s, w) for s, w in words if len(w) >= 5 and w.isalpha() and w[0].isupper()]
        if not words:
            continue
        w_start, word = rng.choice(words)
        options = [o for o in _respellings(word) if o.lower() not in words_in_text]
        if not options:
            continue
        new_word = rng.choice(options)
        o_start, o_end = rng.choice(occ)
        a = o_start + w_start
        b = a + len(word)
        mut = Mutation("name-respell", article.id, a, b, new_word, [], f"{name!r}: {word} -> {new_word}")
        mut.expected = [(mut.shift(s), mut.shift(e)) if s != o_start else (s, e + mut.delta) for s, e in occ]
        yield mut


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
    articles: list[Article], names: dict[str, list[str]], *, seed: int = 0, engine: Engine | None = None,
    per_kind: int | None = None,
) -> list[Mutation]:
    """Every mutation the articles allow (at most ``per_kind`` of each kind, sampled with ``seed``)."""
    engine = engine or make_engine()
    rng = random.Random(seed)
    found: dict[str, list[Mutation]] = {k: [] for k in FAMILY}
    for article in articles:
        claims = claims_of(engine, article)
        for mut in (
            *_count_mutations(article, claims),
            *_weekday_mutations(article, claims, rng),
            *_relative_mutations(article, claims, rng),
            *_order_mutations(article, claims, rng),
            *_name_mutations(article, names, rng),
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

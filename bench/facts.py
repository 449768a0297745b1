"""Measure the reference-fact rules: generated cases from the built-in facts, and false
alarms on clean articles.

    .venv/bin/python bench/facts.py [--corpus DIR] [--json FILE] [--show N]

1. Generated cases (``fact/title``, ``fact/holder``). For every term of the UK Prime
   Minister, Chancellor, Foreign and Home Secretary and of every US President in the
   built-in facts, a sentence "TITLE PERSON said the plan would go ahead." is checked
   with every title form of the office, published: in the middle of the term, on its
   first and last day, the day before and after, and a year before and after. The
   expected answer comes from the records themselves: a finding is due when the day
   is outside every term of that person in that office and within the records'
   ``valid_through``. The same sentences with "former" and "then-", and with the term's
   middle year written in the sentence, must stay silent; the person's surname with two
   letters swapped, in the middle of the term, must get ``fact/holder``.
2. False alarms: every ``fact/`` and ``name/reference`` finding on the clean corpus
   (the GUM Wikinews articles and Wikipedia current-events days with their dates, and
   the distinct BUMP and FRANK source articles, undated), per 100 articles, each listed
   for review; findings in ``bench/known_real_findings.yaml`` count as real slips.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from factlint import FactStore
from factlint.checker import Checker
from factlint.config import Config
from factlint.models import Source
from factlint_plugins.reference import factlint_register_fact_files

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
KNOWN = Path(__file__).resolve().parent / "known_real_findings.yaml"
RULES = ("fact/title", "fact/holder", "fact/event", "name/reference")
OFFICES = (
    "Prime Minister of the United Kingdom",
    "Chancellor of the Exchequer",
    "Foreign Secretary of the United Kingdom",
    "Home Secretary of the United Kingdom",
    "President of the United States",
)


@dataclass
class Tally:
    """Findings against expectations for one kind of generated case."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    def add(self, expected: bool, found: bool, label: str) -> None:
        if expected and found:
            self.tp += 1
        elif expected:
            self.fn += 1
            self.misses.append(label)
        elif found:
            self.fp += 1
            self.wrong.append(label)
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def row(self, name: str) -> str:
        return (f"{name:<26}{self.tp:>6}{self.fp:>6}{self.fn:>6}{self.tn:>7}"
                f"{self.precision:>11.3f}{self.recall:>8.3f}")


def _engine(rules: tuple[str, ...]) -> Checker:
    return Checker(Config.model_validate({"select": rules}))


def _check(engine: Checker, text: str, published: str | None, path: str = "case.md") -> list[Any]:
    front = f"---\npublished: {published}\n---\n" if published else ""
    result = engine.check_source(Source(path=path, suffix=".md", text=front + text))
    return [f for f in result.findings if f.rule in RULES]


def _outside(terms: list[Any], day: dt.date) -> bool:
    return not any(t.start <= day <= (t.end or dt.date.max) for t in terms)


def _swap(word: str) -> str:
    """The word with two different neighbouring letters swapped near its middle (a
    typing slip), never the first or the last."""
    for i in sorted(range(1, len(word) - 2), key=lambda k: abs(k - len(word) // 2)):
        if word[i] != word[i + 1]:
            return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word


def generated(store: FactStore, engine: Checker) -> dict[str, Tally]:
    """Score the generated title and holder cases."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    terms = [t for t in store if getattr(t, "office", None) in OFFICES]
    by_office: dict[str, list[Any]] = defaultdict(list)
    for t in terms:
        by_office[t.office].append(t)
    for term in sorted(terms, key=lambda t: (t.office, t.start)):
        mine = [t for t in by_office[term.office] if t.person == term.person]
        through = min((t.valid_through for t in by_office[term.office] if t.valid_through), default=dt.date.max)
        end = term.end or min(through, dt.date(2026, 1, 1))
        middle = term.start + (end - term.start) / 2
        days = {
            "middle": middle, "first day": term.start, "last day": end, "day before": term.start - dt.timedelta(1),
            "day after": end + dt.timedelta(1), "year before": term.start - dt.timedelta(365),
            "year after": end + dt.timedelta(365),
        }
        for form in term.titles:
            for label, day in days.items():
                if day > through:
                    continue
                expected = _outside(mine, day)
                found = any(f.rule == "fact/title" for f in
                            _check(engine, f"{form} {term.person} said the plan would go ahead.", day.isoformat()))
                tallies["title: " + label].add(expected, found, f"{form} {term.person} @ {day}")
                if expected:
                    for qualifier in ("Former", "The then-"):
                        text = f"{qualifier} {form} {term.person} said the plan would go ahead."
                        found = any(f.rule == "fact/title" for f in _check(engine, text, day.isoformat()))
                        tallies["title: " + qualifier.split()[-1].lower()].add(False, found, f"{text} @ {day}")
            text = f"In {middle.year}, {form} {term.person} said the plan would go ahead."
            later = min(end + dt.timedelta(400), through)
            found = any(f.rule == "fact/title" for f in _check(engine, text, later.isoformat()))
            tallies["title: dated in term"].add(False, found, f"{text} @ {later}")
            first, *rest = term.person.split()
            if rest and len(rest[-1]) >= 5:
                slipped = " ".join([first, *rest[:-1], _swap(rest[-1])])
                text = f"{form} {slipped} said the plan would go ahead."
                found = any(f.rule == "fact/holder" and f.suggestion == term.person
                            for f in _check(engine, text, middle.isoformat()))
                tallies["holder: swapped letters"].add(True, found, f"{text} @ {middle}")
    return tallies


def _articles(corpus: Path) -> list[tuple[str, str, str | None]]:
    """(id, text, published) of the clean corpus."""
    out: list[tuple[str, str, str | None]] = []
    gum = corpus / "gum_wikinews" / "gum_wikinews.jsonl"
    if gum.exists():
        for line in gum.open(encoding="utf-8"):
            d = json.loads(line)
            out.append((d["id"], d["text"], d["date_created"]))
    days = corpus / "wikipedia_current_events" / "current_events_days.jsonl"
    if days.exists():
        for line in days.open(encoding="utf-8"):
            d = json.loads(line)
            out.append((d["id"], d["text"], d["date"]))
    seen: set[str] = set()
    for name, key in (("bump/task1_dev.jsonl", "article"), ("bump/task2_dev.jsonl", "article"),
                      ("frank/frank_joined.jsonl", "article")):
        path = corpus / "source_grounding" / name
        if not path.exists():
            continue
        for line in path.open(encoding="utf-8"):
            text = json.loads(line)[key]
            if text not in seen:
                seen.add(text)
                out.append((f"{name.split('/')[0]}-{len(seen)}", text, None))
    return out


def false_alarms(corpus: Path, engine: Checker) -> tuple[int, list[dict], list[dict]]:
    """Articles checked, findings that are known real slips, and the others."""
    known = {(k["id"], k["rule"], k["text"]) for k in yaml.safe_load(KNOWN.read_text(encoding="utf-8")) or []}
    articles = _articles(corpus)
    real, other = [], []
    for article_id, text, published in articles:
        for f in _check(engine, text, published, f"{article_id}.md"):
            row = {"id": article_id, "rule": f.rule, "text": f.text, "message": f.message,
                   "confidence": f.confidence}
            (real if (article_id, f.rule, f.text) in known else other).append(row)
    return len(articles), real, other


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="write the figures and every finding here")
    parser.add_argument("--show", type=int, default=50, help="list this many findings on clean text")
    args = parser.parse_args(argv)

    store, problems = FactStore.load(factlint_register_fact_files())
    if problems:
        print(f"{len(problems)} problems in the built-in facts, first: {problems[0]}")
    engine = _engine(RULES)
    started = time.perf_counter()
    tallies = generated(store, engine)
    took = time.perf_counter() - started
    total = Tally()
    print(f"{'generated cases':<26}{'TP':>6}{'FP':>6}{'FN':>6}{'TN':>7}{'precision':>11}{'recall':>8}")
    for name in sorted(tallies):
        t = tallies[name]
        print(t.row(name))
        for k in ("tp", "fp", "fn", "tn"):
            setattr(total, k, getattr(total, k) + getattr(t, k))
    print(total.row("all"))
    print(f"({sum(t.tp + t.fp + t.fn + t.tn for t in tallies.values())} checks in {took:.0f} s)")
    for name in sorted(tallies):
        for label in tallies[name].misses[:3]:
            print(f"  missed [{name}] {label}")
        for label in tallies[name].wrong[:3]:
            print(f"  wrong  [{name}] {label}")

    n, real, other = false_alarms(args.corpus, engine)
    per_rule = Counter(r["rule"] for r in other)
    print(f"\nclean corpus: {n} articles; {len(real)} known real slips found; {len(other)} other findings "
          f"({100 * len(other) / max(n, 1):.2f} per 100 articles): {dict(sorted(per_rule.items()))}")
    for row in other[: args.show]:
        print(f"  {row['id']} {row['rule']} {row['text']!r}: {row['message'][:160]}")
    for row in real:
        print(f"  real: {row['id']} {row['rule']} {row['text']!r}")
    if args.json:
        args.json.write_text(json.dumps({
            "generated": {k: {"tp": v.tp, "fp": v.fp, "fn": v.fn, "tn": v.tn, "misses": v.misses,
                              "wrong": v.wrong} for k, v in tallies.items()},
            "clean": {"articles": n, "real": real, "other": other},
        }, indent=1, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

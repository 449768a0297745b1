"""Measure detection quality on real articles.

    .venv/bin/python bench/quality.py [--corpus DIR] [--json FILE] [--seed N] [--per-kind N] [--show N]

What it measures (corpus default: ``<repo>/../shared/corpus``; anything missing is
named and its part skipped):

- clean text: the 43 GUM Wikinews articles (published = date_created) and the 601
  Wikipedia current-events days (published = date), checked unmodified with every
  rule. A finding listed in ``bench/known_real_findings.yaml`` is a real problem of
  the source (a true positive); any other is a false alarm.
- mutations (``bench/mutations.py``): errors planted in those articles. A finding on
  a mutated article is a detection when its family matches and its span or one of
  its related spans overlaps an expected span; any other finding that the
  unmutated article did not have is a false positive.
- gold dates (GUM) and the Duckling phrases: ``bench/date_gold.py``.
- name pairs (OFAC and GUM chains): ``bench/name_pairs.py``.
- errors planted by hand in real CNN, Daily Mail and BBC articles (the measuring half)
  and every finding on the 648 clean originals: ``bench/handmade/evaluate.py``.

Per family (count, date, name): TP, FP, FN, precision, recall, F1; false alarms per
100 clean articles; time per article; and how often findings in each confidence bin
are right.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mutations import (
    DEFAULT_CORPUS,
    Article,
    Mutation,
    entity_names,
    generate,
    load_articles,
    make_engine,
    source_of,
)

FAMILIES = ("count", "date", "name")
BINS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 1.01))
KNOWN = Path(__file__).resolve().parent / "known_real_findings.yaml"


@dataclass
class Found:
    """A finding with offsets into the article text (front matter removed)."""

    rule: str
    start: int
    end: int
    related: list[tuple[int, int]]
    text: str
    message: str
    confidence: float

    @property
    def family(self) -> str:
        return self.rule.split("/")[0]

    def overlaps(self, spans: list[tuple[int, int]]) -> bool:
        mine = [(self.start, self.end), *self.related]
        return any((a < d and c < b) or (a == b and c <= a <= d) for a, b in mine for c, d in spans)


@dataclass
class Tally:
    """Counts of one family."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    clean_tp: int = 0
    clean_fp: int = 0

    def scores(self, *, clean: bool = True) -> tuple[float, float, float]:
        tp = self.tp + (self.clean_tp if clean else 0)
        fp = self.fp + (self.clean_fp if clean else 0)
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + self.fn) if tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Results:
    """Everything measured, for the tables and for ``--json``."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {f: Tally() for f in FAMILIES})
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)
    reliability: list[list[int]] = field(default_factory=lambda: [[0, 0] for _ in BINS])
    false_alarms: list[dict] = field(default_factory=list)
    known_found: list[dict] = field(default_factory=list)
    known_missed: list[dict] = field(default_factory=list)
    mutation_fps: list[dict] = field(default_factory=list)
    misses: list[dict] = field(default_factory=list)
    clean_articles: int = 0
    seconds: list[float] = field(default_factory=list)

    def rate(self, confidence: float, right: bool) -> None:
        for i, (lo, hi) in enumerate(BINS):
            if lo <= confidence < hi:
                self.reliability[i][0] += 1
                self.reliability[i][1] += right


def check(engine, article_id: str, text: str, published: str) -> list[Found]:
    """Findings on one article, with offsets into ``text``."""
    source, shift = source_of(article_id, text, published)
    result = engine.check_source(source)
    findings, error = result.findings, result.error
    if error is not None:
        raise RuntimeError(f"{article_id}: {error}")
    return [
        Found(
            f.rule, f.span.start - shift, f.span.end - shift,
            [(r.span.start - shift, r.span.end - shift) for r in f.related],
            f.text, f.message, f.confidence,
        )
        for f in findings
    ]


def context_of(text: str, start: int, end: int, width: int = 70) -> str:
    """The flagged text with some of what is around it, on one line."""
    out = text[max(0, start - width) : start] + "[[" + text[start:end] + "]]" + text[end : end + width]
    return " ".join(out.split())


def run_clean(engine, articles: list[Article], known: list[dict], res: Results) -> dict[str, list[Found]]:
    """Check every article as it is; return the findings per article."""
    wanted = {(k["id"], k["rule"], k["text"]) for k in known}
    seen = set()
    baseline: dict[str, list[Found]] = {}
    for article in articles:
        t0 = time.perf_counter()
        found = check(engine, article.id, article.text, article.published)
        res.seconds.append(time.perf_counter() - t0)
        baseline[article.id] = found
        for f in found:
            if f.family not in res.tallies:
                continue
            key = (article.id, f.rule, f.text)
            row = {"id": article.id, "rule": f.rule, "text": f.text, "confidence": f.confidence,
                   "message": f.message, "context": context_of(article.text, f.start, f.end)}
            if key in wanted:
                seen.add(key)
                res.tallies[f.family].clean_tp += 1
                res.known_found.append(row)
            else:
                res.tallies[f.family].clean_fp += 1
                res.false_alarms.append(row)
            res.rate(f.confidence, key in wanted)
    res.clean_articles = len(articles)
    res.known_missed = [k for k in known if (k["id"], k["rule"], k["text"]) not in seen]
    return baseline


def run_mutations(engine, articles: list[Article], mutations: list[Mutation],
                  baseline: dict[str, list[Found]], res: Results) -> None:
    """Check each mutated article; score its new findings."""
    by_id = {a.id: a for a in articles}
    for mut in mutations:
        article = by_id[mut.doc_id]
        text = mut.apply(article.text)
        old = {(f.rule, mut.shift(f.start), mut.shift(f.end)) for f in baseline.get(mut.doc_id, [])}
        new = [f for f in check(engine, article.id, text, article.published) if (f.rule, f.start, f.end) not in old]
        kind = res.by_kind.setdefault(mut.kind, {"mutations": 0, "detected": 0, "fp": 0})
        kind["mutations"] += 1
        hits = [f for f in new if f.family == mut.family and f.overlaps(mut.expected)]
        for f in new:
            if f.family not in res.tallies:
                continue
            right = f in hits
            res.rate(f.confidence, right)
            if not right:
                res.tallies[f.family].fp += 1
                kind["fp"] += 1
                res.mutation_fps.append({"kind": mut.kind, "id": mut.doc_id, "rule": f.rule, "note": mut.note,
                                         "confidence": f.confidence, "message": f.message,
                                         "context": context_of(text, f.start, f.end)})
        if hits:
            res.tallies[mut.family].tp += 1
            kind["detected"] += 1
        else:
            res.tallies[mut.family].fn += 1
            a, b = mut.expected[0]
            res.misses.append({"kind": mut.kind, "id": mut.doc_id, "note": mut.note,
                               "context": context_of(text, a, b)})


def captured(func, *args) -> str:
    """What a bench function prints."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        func(*args)
    return buf.getvalue()


def print_tables(res: Results, mutations: list[Mutation], extra: dict[str, str], show: int) -> dict:
    out: dict = {"families": {}, "by_kind": res.by_kind}
    print("\nPer family: mutations + clean text (clean TP = reviewed real problems, clean FP = false alarms)")
    print(
        f"{'family':8} {'TP':>5} {'FP':>5} {'FN':>5} {'P':>6} {'R':>6} {'F1':>6}   "
        f"{'mut P':>6} {'clean TP':>8} {'clean FP':>8}"
    )
    for fam in FAMILIES:
        t = res.tallies[fam]
        p, r, f = t.scores()
        mp, _, _ = t.scores(clean=False)
        print(
            f"{fam:8} {t.tp + t.clean_tp:5} {t.fp + t.clean_fp:5} {t.fn:5} {p:6.3f} {r:6.3f} {f:6.3f}   "
            f"{mp:6.3f} {t.clean_tp:8} {t.clean_fp:8}"
        )
        out["families"][fam] = {
            "tp": t.tp + t.clean_tp, "fp": t.fp + t.clean_fp, "fn": t.fn, "precision": p, "recall": r,
            "f1": f, "mutation_tp": t.tp, "mutation_fp": t.fp, "clean_tp": t.clean_tp,
            "clean_false_alarms": t.clean_fp,
        }
    print("\nPer mutation kind")
    print(f"{'kind':15} {'mutations':>9} {'detected':>8} {'recall':>7} {'new FP':>7}")
    for kind, k in res.by_kind.items():
        recall = k["detected"] / max(k["mutations"], 1)
        print(f"{kind:15} {k['mutations']:9} {k['detected']:8} {recall:7.3f} {k['fp']:7}")
    n = res.clean_articles
    alarms = len(res.false_alarms)
    per100 = 100 * alarms / n if n else 0.0
    print(f"\nClean text: {n} articles, {alarms} false alarms = {per100:.2f} per 100 articles; "
          f"{len(res.known_found)} of {len(res.known_found) + len(res.known_missed)} reviewed real problems found")
    for k in res.known_missed:
        print(f"  reviewed problem not found: {k['id']} {k['rule']} {k['text']!r}")
    secs = res.seconds
    if secs:
        print(f"Time per article: mean {1000 * statistics.mean(secs):.1f} ms, "
              f"median {1000 * statistics.median(secs):.1f} ms, max {1000 * max(secs):.0f} ms")
    out["clean"] = {"articles": n, "false_alarms": alarms, "false_alarms_per_100": per100,
                    "known_found": len(res.known_found), "known_missed": res.known_missed,
                    "ms_per_article_mean": 1000 * statistics.mean(secs) if secs else None,
                    "ms_per_article_median": 1000 * statistics.median(secs) if secs else None}
    print("\nConfidence reliability (every finding scored above)")
    print(f"{'bin':12} {'findings':>8} {'right':>6} {'share':>6}")
    out["reliability"] = []
    for (lo, hi), (count, right) in zip(BINS, res.reliability, strict=True):  # one tally per bin
        label = f"[{lo:.1f}, {min(hi, 1.0):.1f}{']' if hi > 1 else ')'}"
        share = right / count if count else 0.0
        print(f"{label:12} {count:8} {right:6} {share:6.3f}")
        out["reliability"].append({"low": lo, "high": min(hi, 1.0), "findings": count, "right": right, "share": share})
    if res.false_alarms:
        print("\nFalse alarms on clean text")
        for fa in res.false_alarms[: show * 4]:
            print(f"  {fa['id']} {fa['rule']} ({fa['confidence']}) {fa['context']}\n      {fa['message']}")
    if res.mutation_fps:
        print("\nFalse positives on mutated articles (examples)")
        for fp in res.mutation_fps[:show]:
            print(f"  {fp['kind']} {fp['id']} {fp['rule']} ({fp['confidence']}) [{fp['note']}] {fp['context']}")
    if res.misses:
        print("\nMisses (examples per kind)")
        shown: dict[str, int] = defaultdict(int)
        for m in res.misses:
            if shown[m["kind"]] < show:
                shown[m["kind"]] += 1
                print(f"  {m['kind']} {m['id']} [{m['note']}] {m['context']}")
    for title, text in extra.items():
        print(f"\n{title}\n{text.rstrip()}")
    out.update({"false_alarms": res.false_alarms, "known_found": res.known_found, "mutation_fps": res.mutation_fps,
                "misses": res.misses, "other_benches": extra, "mutation_count": len(mutations)})
    return out


SAMPLE_GUM = ("GUM_interview_cyclone", "GUM_news_asylum", "GUM_news_warhol", "GUM_news_nasa", "GUM_news_defector")
SAMPLE_DAYS = ("wcep-2025-01-25", "wcep-2025-11-27", "wcep-2026-07-24", "wcep-2025-03-02", "wcep-2026-06-20",
               "wcep-2025-03-07", "wcep-2025-11-03", "wcep-2026-07-20", "wcep-2025-01-06", "wcep-2026-04-01",
               # and every 40th day of 2025-2026, for enough planted errors of each kind
               "wcep-2025-02-10", "wcep-2025-04-11", "wcep-2025-05-21", "wcep-2025-06-30", "wcep-2025-08-09",
               "wcep-2025-09-18", "wcep-2025-10-28", "wcep-2025-12-07", "wcep-2026-01-16", "wcep-2026-02-25")
LICENSES = {"gum": "Wikinews, CC BY 2.5 (via the GUM corpus, amir-zeldes/gum)",
            "wcep": "Wikipedia contributors, Portal:Current events, CC BY-SA 4.0"}


def write_sample(corpus: Path, out: Path, seed: int, per_kind: int = 200) -> None:
    """Write the small fixed sample the test suite measures (articles and their mutations)."""
    articles, _ = load_articles(corpus)
    wanted = set(SAMPLE_GUM + SAMPLE_DAYS)
    chosen = [a for a in articles if a.id in wanted]
    known = yaml.safe_load(KNOWN.read_text(encoding="utf-8")) or []
    mutations = generate(chosen, entity_names(corpus), seed=seed, per_kind=per_kind)
    data = {
        "seed": seed,
        "articles": [{"id": a.id, "published": a.published, "source": a.source, "license": LICENSES[a.source],
                      "text": a.text} for a in chosen],
        "known": [k for k in known if k["id"] in wanted],
        "mutations": [asdict(m) for m in mutations],
    }
    out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out}: {len(chosen)} articles, {len(mutations)} mutations")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="also write every number here")
    parser.add_argument("--seed", type=int, default=0, help="seed of the mutations")
    parser.add_argument("--per-kind", type=int, default=400, help="at most this many mutations of each kind")
    parser.add_argument("--show", type=int, default=8, help="examples of each problem to print")
    parser.add_argument("--write-sample", type=Path, metavar="FILE",
                        help="write the test suite's fixed sample (fixtures/quality/sample.json) and stop")
    args = parser.parse_args(argv)
    if args.write_sample:
        write_sample(args.corpus, args.write_sample, args.seed)
        return 0

    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"corpus folder not found: {corpus} (give --corpus DIR)")
        return 2
    articles, missing = load_articles(corpus)
    for m in missing:
        print(f"missing, so skipped: {m}")
    known = yaml.safe_load(KNOWN.read_text(encoding="utf-8")) or []
    engine = make_engine()
    res = Results()
    t0 = time.perf_counter()
    baseline = run_clean(engine, articles, known, res)
    print(f"clean text checked in {time.perf_counter() - t0:.1f} s")
    t0 = time.perf_counter()
    mutations = generate(articles, entity_names(corpus), seed=args.seed, engine=engine, per_kind=args.per_kind)
    run_mutations(engine, articles, mutations, baseline, res)
    print(f"{len(mutations)} mutations generated and checked in {time.perf_counter() - t0:.1f} s")

    import date_gold
    import name_pairs

    handmade = Path(__file__).resolve().parent / "handmade"
    sys.path.insert(0, str(handmade))
    import evaluate as hand_planted

    extra: dict[str, str] = {}
    if (corpus / "gum_wikinews" / "gum_wikinews.jsonl").exists():
        extra["Gold dates (bench/date_gold.py)"] = captured(date_gold.gum, corpus, False)
    if (corpus / "duckling_en_time" / "duckling_en_time.jsonl").exists():
        extra["Duckling phrases (bench/date_gold.py)"] = captured(date_gold.duckling, corpus, False)
    else:
        print(f"missing, so skipped: {corpus / 'duckling_en_time' / 'duckling_en_time.jsonl'}")
    if (corpus / "ofac_sdn_name_variants" / "sdn_name_variants.jsonl").exists() and (corpus / "gum_wikinews").exists():
        extra["Name pairs (bench/name_pairs.py)"] = captured(name_pairs.main, ["--corpus", str(corpus), "--show", "3"])
    else:
        print("missing, so skipped: ofac_sdn_name_variants (name pairs)")
    if (corpus / "source_grounding" / "frank" / "frank_joined.jsonl").exists():
        # Errors a person planted by hand in real CNN, Daily Mail and BBC articles: the
        # figure to quote, beside the generated ones above, which overstate recall.
        hand_json = Path(tempfile.mkstemp(suffix=".json")[1])
        extra["Hand-planted errors in real articles (bench/handmade/evaluate.py)"] = captured(
            hand_planted.main,
            [
                "--corpus", str(corpus), "--half", "measuring", "--clean",
                "--show", str(args.show), "--json", str(hand_json),
            ],
        )
        hand = json.loads(hand_json.read_text(encoding="utf-8"))
        hand_json.unlink()
    else:
        hand = None
        print("missing, so skipped: source_grounding (hand-planted errors)")
    out = print_tables(res, mutations, extra, args.show)
    out["hand_planted"] = hand
    out["seed"] = args.seed
    if args.json:
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""factlint's source/ rules measured on the field's summary-consistency benchmarks.

    .venv/bin/python bench/sources.py [--corpus DIR] [--min-confidence X] [--limit N]
        [--list-flagged-consistent FILE] [--list-missed FILE] [--json FILE] [--speed]
        [--checker factlint|lexical] [--summaries] [--option RULE:KEY=VALUE ...]

Each summary is checked against the article it was written from, given as its source
(``check_text(summary, format="text", sources=[article], select=["source"])``). A summary
is flagged when it has a finding at or above ``--min-confidence`` (default: the
configuration's own ``min_confidence``, what ``factlint check`` reports).

- BUMP (task 1 and task 2, development split): for each error type and overall, the share
  of edited summaries flagged (detection), the share of their consistent reference
  summaries flagged (false alarms), balanced accuracy (their mean: for a yes/no flag, the
  ROC AUC), and beside it the exact ROC AUC of each of the 12 metrics BUMP stores, on the
  same pairs (the edited summary is the positive; a metric scores consistency, so its AUC
  is that of minus the score). Then the same on the in-scope pairs, those whose edit
  changed a name, a number or a date (``sources_data.change_between``), and span accuracy:
  of the edited summaries flagged, the share with a finding on the changed words. Targets
  against the published QAFactEval figures are printed PASS or MISS with their margin.
- FRANK: the same by FRANK's error labels (a summary has an error type when its label is
  under 1; the negatives are the summaries without any error), with its five baselines.
- SummEdits (news): one table, label 0 the positive.

``--list-flagged-consistent FILE`` writes every flagged consistent summary, with the
finding and the source text it points at, as Markdown to read by hand;
``--list-missed FILE`` the in-scope BUMP edits no finding covers.
``--speed`` times the rules instead: an 800-word article against sources of 1,000 to
20,000 words made of real articles, median CPU time of ``check_text`` with the sources
minus without, 7 repeats.

``--summaries`` sets the rules' ``attributed`` option to ``all``, as their docs advise
for a summary checked against the article it summarises (by default a name, number,
date or quotation the sources lack is reported only where the text attributes it);
``--option RULE:KEY=VALUE`` sets any rule option.

``--checker lexical`` swaps factlint for a baseline that flags any capitalised word or
figure of the summary the article never writes: what plain string matching gets, and
a way to run the bench where the source/ rules are not installed.

The data is read from ``<repo>/../shared/corpus/source_grounding`` (``--corpus`` names
the folder holding ``source_grounding``); nothing of it is copied here. The tables on
standard output are the same on every run; the time taken goes to standard error.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import factlint
from factlint.api import check_text
from factlint.config import Config
from factlint.errors import UsageError
from sources_data import (
    BUMP_METRICS,
    BUMP_TYPES,
    DEFAULT_CORPUS,
    FRANK_METRICS,
    FRANK_TYPES,
    REVIEWED_REAL,
    BumpPair,
    Change,
    FrankItem,
    MissingData,
    SummEditsItem,
    auc,
    change_between,
    load_bump,
    load_frank,
    load_summedits,
    tokens,
)

SELECT = ("source",)
"""The rules measured: the source/ family."""

SOURCE_PATH = "article.txt"
"""The name the article is given as the summary's source."""

PUBLISHED_QAFACTEVAL = {
    "Extrinsic Entity": 78.4,
    "Intrinsic Entity": 77.7,
    "Extrinsic Circumstance": 73.9,
    "Intrinsic Circumstance": 71.3,
}
"""QAFactEval's ROC AUC per BUMP error type (BUMP paper, task 1): the bar per type."""
SHORT_NAMES = {"QAFactEval": "QAFactEv", "BertScore P Art": "BERTS-art", "Dep Entail": "DAE"}
"""Column heads for metric names too long for a column."""

PUBLISHED_BUMP = "QAFactEval 71.5 overall (best of 12), SummaC 55.9, FactCC 57.2"
PUBLISHED_SUMMEDITS = "QAFactEval 74.4, SummaC-Conv 61.9, DAE 60.9, human 90.0"

MAX_FALSE_ALARMS = 0.10
"""Target: at most this share of consistent BUMP summaries flagged."""
MIN_SPAN_ACCURACY = 0.90
"""Target: of the in-scope edited summaries flagged, this share flagged on the change."""

SPEED_WORDS = (1_000, 2_500, 5_000, 10_000, 20_000)
SPEED_ARTICLE_WORDS = 800
SPEED_REPEATS = 7
SPEED_TARGET_MS = 50.0
"""Target: extra CPU time per article with a 10,000-word source."""


@dataclass(frozen=True)
class Flag:
    """One finding on a summary, reduced to what the bench reads."""

    rule: str
    confidence: float
    start: int
    """Offset of the flagged words in the summary."""
    end: int
    text: str
    message: str
    related: str = ""
    """The source text the finding points at, if any."""


Check = Callable[[str, str], list[Flag]]
"""A checker: (summary, article) to every finding on the summary, whatever its confidence."""


def factlint_check(summary: str, article: str, options: dict[str, dict[str, Any]] | None = None) -> list[Flag]:
    """factlint's source/ rules on ``summary``, with ``article`` as its one source and
    ``options`` as the rules' options (none: their defaults)."""
    report = check_text(
        summary,
        format="text",
        sources=[factlint.Source(path=SOURCE_PATH, suffix=".txt", text=article)],
        select=SELECT,
        config=Config(options=options or {}),
    )
    if report.errors:
        raise RuntimeError(f"factlint could not read a summary or its article: {report.errors[0].message}")
    flags = []
    for f in report.findings:
        related = next((r.text for r in f.related if r.path == SOURCE_PATH and r.text), "")
        flags.append(Flag(f.rule, f.confidence, f.span.start, f.span.end, f.text, f.message, related))
    return flags


_FIGURE = re.compile(r"\d")


def lexical_check(summary: str, article: str) -> list[Flag]:
    """The string-matching baseline: a capitalised word (not a sentence's first) or a
    word with a digit that the article never writes, compared case-sensitively."""
    known = {t for t, _, _ in tokens(article)}
    flags = []
    previous = "."
    for word, start, end in tokens(summary):
        name = word[:1].isupper() and previous not in (".", "!", "?", '"', ":")
        if (name or _FIGURE.search(word)) and word not in known:
            flags.append(Flag("lexical/unknown", 1.0, start, end, word, f"{word!r} is not in the article"))
        previous = word
    return flags


CHECKERS: dict[str, Check] = {"factlint": factlint_check, "lexical": lexical_check}

SUMMARY_OPTIONS: dict[str, dict[str, Any]] = {
    rule: {"attributed": "all"} for rule in ("source/date", "source/name", "source/number", "source/quote")
}
"""``--summaries``: what the rules' docs advise for a summary checked against the article
it summarises: a name, number, date or quotation the sources lack is reported wherever
it stands, not only in a sentence that attributes what it says."""


def parse_option(text: str) -> tuple[str, str, Any]:
    """``RULE:KEY=VALUE`` as (rule, key, value); the value is read as JSON when it can
    be (``0.3``, ``true``), else kept as a string (``all``)."""
    rule, sep, rest = text.partition(":")
    key, eq, value = rest.partition("=")
    if not (sep and eq and rule and key):
        raise argparse.ArgumentTypeError(f"expected RULE:KEY=VALUE, got {text!r}")
    try:
        return rule, key, json.loads(value)
    except ValueError:
        return rule, key, value


class Checked:
    """Every summary's findings, each distinct (summary, article) checked once."""

    def __init__(self, check: Check, threshold: float) -> None:
        self.check = check
        self.threshold = threshold
        self._done: dict[tuple[str, str], list[Flag]] = {}
        self.seconds = 0.0

    def flags(self, summary: str, article: str) -> list[Flag]:
        """The findings on ``summary`` at or above the threshold."""
        key = (summary, article)
        if key not in self._done:
            began = time.process_time()
            self._done[key] = self.check(summary, article)
            self.seconds += time.process_time() - began
        return [f for f in self._done[key] if f.confidence >= self.threshold]

    def flagged(self, summary: str, article: str) -> bool:
        """Whether ``summary`` has a finding at or above the threshold."""
        return bool(self.flags(summary, article))

    def surest(self, summary: str, article: str) -> float:
        """The highest confidence of any finding on ``summary``, 0 without one: a
        graded score, whose ROC AUC stands beside the metrics'."""
        self.flags(summary, article)
        return max((f.confidence for f in self._done[(summary, article)]), default=0.0)

    def at(self, threshold: float) -> Checked:
        """The same findings read at another threshold (nothing is checked again)."""
        other = Checked(self.check, threshold)
        other._done = self._done
        return other

    @property
    def checked(self) -> int:
        """How many distinct summaries were checked."""
        return len(self._done)


# --- Scores ---------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of a table: a group of positives (with an error) and negatives (without)."""

    label: str
    positives: int
    negatives: int
    detected: int
    false_alarms: int
    metric_auc: dict[str, float | None]

    @property
    def detection(self) -> float | None:
        """Share of positives flagged."""
        return self.detected / self.positives if self.positives else None

    @property
    def false_alarm_rate(self) -> float | None:
        """Share of negatives flagged."""
        return self.false_alarms / self.negatives if self.negatives else None

    @property
    def balanced_accuracy(self) -> float | None:
        """Mean of detection and 1 - false-alarm rate: the flag's ROC AUC."""
        d, f = self.detection, self.false_alarm_rate
        return None if d is None or f is None else (d + 1 - f) / 2

    def json_data(self) -> dict:
        """The row as plain data."""
        return {
            "label": self.label, "positives": self.positives, "negatives": self.negatives,
            "detected": self.detected, "false_alarms": self.false_alarms,
            "detection": self.detection, "false_alarm_rate": self.false_alarm_rate,
            "balanced_accuracy": self.balanced_accuracy, "auc": self.metric_auc,
        }


def row(label: str, positive_flags: Sequence[bool], negative_flags: Sequence[bool],
        positive_scores: dict[str, list[float]], negative_scores: dict[str, list[float]]) -> Row:
    """A table row from the flags and the metric scores (consistency scores: the AUC
    is that of minus the score, positives being the inconsistent summaries)."""
    aucs = {m: auc([-s for s in positive_scores[m]], [-s for s in negative_scores.get(m, [])])
            for m in positive_scores}
    return Row(label, len(positive_flags), len(negative_flags), sum(positive_flags), sum(negative_flags), aucs)


def bump_rows(pairs: Sequence[BumpPair], checked: Checked) -> list[Row]:
    """Per error type (both tasks), then all pairs per task and overall."""
    groups: list[tuple[str, list[BumpPair]]] = [(t, [p for p in pairs if p.error_type == t]) for t in BUMP_TYPES]
    others = [p for p in pairs if p.error_type not in BUMP_TYPES]
    if others:
        groups.append(("Other", others))
    for task in (1, 2):
        groups.append((f"All, task {task}", [p for p in pairs if p.task == task]))
    groups.append(("All", list(pairs)))
    rows = []
    for label, group in groups:
        if not group:
            continue
        edited = [checked.flagged(p.edited, p.article) for p in group]
        reference = [checked.flagged(p.reference, p.article) for p in group]
        rows.append(row(label, edited, reference,
                        {m: [p.scores[m][1] for p in group] for m in BUMP_METRICS},
                        {m: [p.scores[m][0] for p in group] for m in BUMP_METRICS}))
    return rows


def span_hits(pairs: Iterable[tuple[BumpPair, Change]], checked: Checked) -> tuple[int, int]:
    """Of the edited summaries flagged, how many have a finding on the changed words:
    (on the change, flagged)."""
    hit = flagged = 0
    for pair, change in pairs:
        flags = checked.flags(pair.edited, pair.article)
        if flags:
            flagged += 1
            hit += any(change.overlaps(f.start, f.end) for f in flags)
    return hit, flagged


def print_by_rule(changes: Sequence[tuple[BumpPair, Change]], checked: Checked) -> None:
    """For each rule: BUMP edited summaries it flags (and of those, on the changed
    words, and in scope), and reference summaries it flags."""
    counts: dict[str, list[int]] = {}
    for pair, change in changes:
        edited_rules: dict[str, bool] = {}
        for f in checked.flags(pair.edited, pair.article):
            edited_rules[f.rule] = edited_rules.get(f.rule, False) or change.overlaps(f.start, f.end)
        for rule, on_change in edited_rules.items():
            c = counts.setdefault(rule, [0, 0, 0, 0])
            c[0] += 1
            c[1] += on_change
            c[2] += change.kind is not None
        for rule in {f.rule for f in checked.flags(pair.reference, pair.article)}:
            counts.setdefault(rule, [0, 0, 0, 0])[3] += 1
    print("\nBUMP by rule (pairs; a summary counts once per rule)")
    print(f"{'rule':24} {'edited':>6} {'on change':>9} {'in scope':>8} {'reference':>9}")
    for rule in sorted(counts):
        e, on, scoped, ref = counts[rule]
        print(f"{rule:24} {e:6d} {on:9d} {scoped:8d} {ref:9d}")


SWEEP = (0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
"""The thresholds the BUMP figures are also shown at."""


def print_sweep(in_scope: Sequence[tuple[BumpPair, Change]], pairs: Sequence[BumpPair], checked: Checked) -> None:
    """BUMP's overall and in-scope figures at each threshold of :data:`SWEEP`, and the
    ROC AUC of the surest finding's confidence as a graded score."""
    print("\nBUMP by min-confidence (all pairs | in scope)")
    print(f"{'min-conf':>8} {'detect':>6} {'false':>6} {'bal.acc':>7} | {'detect':>6} {'false':>6} {'bal.acc':>7} "
          f"{'span':>6}")
    scoped = [p for p, _ in in_scope]
    for threshold in sorted({*SWEEP, checked.threshold}):
        at = checked.at(threshold)
        whole, part = bump_rows(pairs, at)[-1], bump_rows(scoped, at)[-1] if scoped else None
        hit, flagged = span_hits(in_scope, at)
        span = f"{hit / flagged:6.3f}" if flagged else f"{'-':>6}"
        tail = f"{pct(part.detection)} {pct(part.false_alarm_rate)} {pct(part.balanced_accuracy, 7)}" if part else ""
        print(f"{threshold:8.2f} {pct(whole.detection)} {pct(whole.false_alarm_rate)} "
              f"{pct(whole.balanced_accuracy, 7)} | {tail} {span}")
    graded = auc([checked.surest(p.edited, p.article) for p in pairs],
                 [checked.surest(p.reference, p.article) for p in pairs])
    graded_scoped = auc([checked.surest(p.edited, p.article) for p in scoped],
                        [checked.surest(p.reference, p.article) for p in scoped])
    print(f"ROC AUC of the surest finding's confidence: all pairs {pct(graded, 0).strip()}, "
          f"in scope {pct(graded_scoped, 0).strip()}")


def frank_rows(items: Sequence[FrankItem], checked: Checked) -> list[Row]:
    """Per FRANK error type against the consistent summaries, then any error, then any
    error on the cased summaries, on CNN/DM and on BBC (XSum) alone."""
    groups: list[tuple[str, Callable[[FrankItem], bool], Callable[[FrankItem], bool]]] = [
        (t, (lambda i, t=t: i.has(t)), (lambda i: True)) for t in FRANK_TYPES
    ]
    groups += [
        ("Any error", lambda i: True, lambda i: True),
        ("Any error, cased", lambda i: i.cased, lambda i: i.cased),
        ("Any error, CNN/DM", lambda i: i.source == "cnndm", lambda i: i.source == "cnndm"),
        ("Any error, BBC", lambda i: i.source != "cnndm", lambda i: i.source != "cnndm"),
    ]
    consistent = [i for i in items if i.consistent]
    wrong = [i for i in items if not i.consistent]
    rows = []
    for label, is_positive, keep in groups:
        pos = [i for i in wrong if keep(i) and is_positive(i)]
        neg = [i for i in consistent if keep(i)]
        if not pos:
            continue
        rows.append(row(label,
                        [checked.flagged(i.summary, i.article) for i in pos],
                        [checked.flagged(i.summary, i.article) for i in neg],
                        {m: [i.metrics[m] for i in pos if m in i.metrics] for m in FRANK_METRICS},
                        {m: [i.metrics[m] for i in neg if m in i.metrics] for m in FRANK_METRICS}))
    return rows


def summedits_rows(items: Sequence[SummEditsItem], checked: Checked) -> list[Row]:
    """All inconsistent items against the consistent ones, then per edit type (as a
    language model labelled them)."""
    consistent = [i for i in items if i.consistent]
    negatives = [checked.flagged(i.summary, i.article) for i in consistent]
    wrong = [i for i in items if not i.consistent]
    groups = [("All", wrong)] + [
        (kind, [i for i in wrong if kind in i.edit_types])
        for kind in sorted({k for i in wrong for k in i.edit_types})
    ]
    return [row(label, [checked.flagged(i.summary, i.article) for i in group], negatives, {}, {})
            for label, group in groups if group]


# --- Printing -------------------------------------------------------------------------------


def pct(x: float | None, width: int = 6) -> str:
    """A share as a percentage with one decimal, or a dash."""
    return f"{'-':>{width}}" if x is None else f"{100 * x:{width}.1f}"


def print_table(title: str, rows: Sequence[Row], metrics: Sequence[str]) -> None:
    """A table: n, detection, false alarms, balanced accuracy, then each metric's AUC."""
    print(f"\n{title}")
    short = [SHORT_NAMES.get(m, m)[:9] for m in metrics]
    head = f"{'':28} {'n+':>4} {'n-':>4} {'detect':>6} {'false':>6} {'bal.acc':>7}"
    print(head + "".join(f" {m:>9}" for m in short))
    for r in rows:
        line = f"{r.label[:28]:28} {r.positives:4d} {r.negatives:4d} {pct(r.detection)} {pct(r.false_alarm_rate)} " \
               f"{pct(r.balanced_accuracy, 7)}"
        print(line + "".join(f" {pct(r.metric_auc.get(m), 9)}" for m in metrics))


def verdict(ok: bool, margin: str) -> str:
    """``PASS (+2.1)`` or ``MISS (-3.0)``."""
    return f"{'PASS' if ok else 'MISS'} ({margin})"


def targets(scoped: Sequence[Row], overall: Row, span: tuple[int, int]) -> list[tuple[str, bool, str]]:
    """Each target: its description, whether it is met, and the margin."""
    out = []
    by_label = {r.label: r for r in scoped}
    for kind, bar in PUBLISHED_QAFACTEVAL.items():
        r = by_label.get(kind)
        if r is None or r.balanced_accuracy is None:
            out.append((f"{kind}: in-scope balanced accuracy > QAFactEval {bar}", False, "no pairs"))
            continue
        got = 100 * r.balanced_accuracy
        out.append((f"{kind}: in-scope balanced accuracy {got:.1f} > QAFactEval {bar} (n={r.positives})",
                    got > bar, f"{got - bar:+.1f}"))
    fa = overall.false_alarm_rate or 0.0
    out.append((f"False alarms on consistent summaries {100 * fa:.1f}% <= {100 * MAX_FALSE_ALARMS:.0f}%",
                fa <= MAX_FALSE_ALARMS, f"{100 * (MAX_FALSE_ALARMS - fa):+.1f} points"))
    hit, flagged = span
    acc = hit / flagged if flagged else 0.0
    out.append((f"Span accuracy, in-scope {acc:.3f} ({hit}/{flagged}) >= {MIN_SPAN_ACCURACY}",
                flagged > 0 and acc >= MIN_SPAN_ACCURACY, f"{acc - MIN_SPAN_ACCURACY:+.3f}"))
    return out


def reviewed_real(pairs: Sequence[BumpPair], checked: Checked) -> int:
    """How many pairs' flagged reference summaries were read as really wrong or
    unsupported: every finding on them is on words :data:`REVIEWED_REAL` lists."""
    count = 0
    for p in pairs:
        flags = checked.flags(p.reference, p.article)
        known = REVIEWED_REAL.get(p.article_id, frozenset())
        count += bool(flags) and all(f.text in known for f in flags)
    return count


# --- Listing for review -----------------------------------------------------------------------


def flagged_consistent(bump: Sequence[BumpPair], frank: Sequence[FrankItem], summedits: Sequence[SummEditsItem],
                       checked: Checked) -> list[tuple[str, str, str, list[Flag]]]:
    """Every consistent summary flagged: (dataset, id, summary, findings), each
    distinct BUMP reference summary once."""
    out = []
    seen = set()
    for p in bump:
        if (p.reference, p.article) in seen:
            continue
        seen.add((p.reference, p.article))
        flags = checked.flags(p.reference, p.article)
        if flags:
            out.append(("BUMP", f"{p.key} (article {p.article_id})", p.reference, flags))
    for i in frank:
        if i.consistent and (flags := checked.flags(i.summary, i.article)):
            out.append(("FRANK", i.key, i.summary, flags))
    for s in summedits:
        if s.consistent and (flags := checked.flags(s.summary, s.article)):
            out.append(("SummEdits", s.key, s.summary, flags))
    return out


def write_review_list(path: Path, listed: Sequence[tuple[str, str, str, list[Flag]]], threshold: float) -> None:
    """The flagged consistent summaries as Markdown, one section each."""
    lines = [
        "# Consistent summaries flagged by the source/ rules",
        "",
        f"Each summary below is labelled consistent with its article; at min-confidence {threshold}, "
        "factlint flagged it. Read each: a false alarm, or an error the labels missed?",
        "",
    ]
    for dataset, key, summary, flags in listed:
        lines += [f"## {dataset} {key}", "", "> " + summary.replace("\n", " "), ""]
        for f in flags:
            lines.append(f"- `{f.rule}` ({f.confidence:.2f}) on \u201c{f.text}\u201d: {f.message}")
            if f.related:
                lines.append(f"  - source: \u201c{' '.join(f.related.split())}\u201d")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def write_missed_list(path: Path, in_scope: Sequence[tuple[BumpPair, Change]], checked: Checked) -> int:
    """The in-scope BUMP edits no finding covers (unflagged, or flagged elsewhere), as
    Markdown: the pair, its type, the words changed, and any finding it did get.
    Returns how many were written."""
    lines = ["# In-scope BUMP edits the source/ rules miss", ""]
    missed = 0
    for pair, change in in_scope:
        flags = checked.flags(pair.edited, pair.article)
        if any(change.overlaps(f.start, f.end) for f in flags):
            continue
        missed += 1
        was = " ".join(change.removed) or "(nothing)"
        now = change.text(pair.edited).strip() or "(deleted)"
        lines += [f"## {pair.key} (article {pair.article_id}), {pair.error_type}, {change.kind}", "",
                  f"\u201c{was}\u201d \u2192 \u201c{now}\u201d", "", "> " + pair.edited.replace("\n", " "), ""]
        lines += [f"- elsewhere: `{f.rule}` ({f.confidence:.2f}) on \u201c{f.text}\u201d: {f.message}" for f in flags]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return missed


# --- Speed ----------------------------------------------------------------------------------


def _speed_texts(corpus: Path) -> tuple[str, list[str]]:
    """The article the speed runs check (the first 800 words of the first BUMP article
    that long) and the words its sources are cut from: that article, then other BUMP
    and FRANK articles, up to the largest size."""
    articles = [p.article for p in load_bump(corpus)] + [i.article for i in load_frank(corpus)]
    distinct = list(dict.fromkeys(articles))
    first = next(a for a in distinct if len(a.split()) >= SPEED_ARTICLE_WORDS)
    pool: list[str] = []
    for a in [first] + [a for a in distinct if a != first]:
        pool += a.split()
        if len(pool) >= max(SPEED_WORDS):
            break
    return " ".join(first.split()[:SPEED_ARTICLE_WORDS]), pool


def speed(corpus: Path, check_with: Callable[[str, list[str]], object]) -> list[tuple[int, float]]:
    """(source words, median extra CPU ms) for each size of :data:`SPEED_WORDS`.

    The article checked is the first 800 words of the first BUMP article that long;
    its source is that article followed by other BUMP and FRANK articles, cut at the
    size. Each repeat gives the source a different last line, so nothing built from
    one repeat's source is reused by the next.
    """
    article, pool = _speed_texts(corpus)
    check_with(article, [])
    check_with(article, [" ".join(pool[:SPEED_WORDS[0]])])  # load every plugin once
    out = []
    for size in SPEED_WORDS:
        source = " ".join(pool[:size])
        extra = []
        for n in range(SPEED_REPEATS):
            began = time.process_time()
            check_with(article, [f"{source}\n\nRepeat {size}.{n}."])
            with_sources = time.process_time() - began
            began = time.process_time()
            check_with(article, [])
            extra.append(1000 * (with_sources - (time.process_time() - began)))
        out.append((size, statistics.median(extra)))
    return out


def factlint_with_sources(article: str, sources: list[str]) -> object:
    """``check_text`` of ``article`` (plain text) with ``sources``, the source/ rules only."""
    if not sources:
        return check_text(article, format="text", select=SELECT)
    return check_text(
        article, format="text", select=SELECT,
        sources=[factlint.Source(path=f"source{i}.txt", suffix=".txt", text=s)
                 for i, s in enumerate(sources)],
    )


def speed_loaded(corpus: Path) -> list[tuple[int, float]]:
    """As :func:`speed`, but with the source already loaded and extracted by the same
    checker (a run with ``--source`` over many articles, the editor's page checking a
    draft again): what each further article costs."""
    from factlint.checker import Checker
    from factlint.config import Config

    article, pool = _speed_texts(corpus)
    checker = Checker(Config(select=tuple(SELECT)))

    def draft(n: int) -> factlint.Source:
        return factlint.Source(path=f"draft{n}.txt", suffix=".txt", text=f"{article}\n\nDraft {n}.")

    checker.check_source(draft(0))
    out = []
    for size in SPEED_WORDS:
        source = factlint.Source(path="source.txt", suffix=".txt", text=" ".join(pool[:size]))
        checker.check_source(draft(1), [source])  # reads and extracts the source, once
        extra = []
        for n in range(SPEED_REPEATS):
            began = time.process_time()
            checker.check_source(draft(n + 2), [source])
            with_sources = time.process_time() - began
            began = time.process_time()
            checker.check_source(draft(n + 2))
            extra.append(1000 * (with_sources - (time.process_time() - began)))
        out.append((size, statistics.median(extra)))
    return out


def print_speed(results: Sequence[tuple[int, float]], what: str = "with its source") -> bool:
    """The timings, how each grows from the size before, and the target; True when met."""
    print(f"\nSpeed: an {SPEED_ARTICLE_WORDS}-word article, median extra CPU ms {what} "
          f"({SPEED_REPEATS} repeats)")
    print(f"{'source words':>12} {'ms':>8} {'growth':>8} {'size x':>7}")
    previous = None
    for size, ms in results:
        growth = f"{ms / previous[1]:8.2f}" if previous and previous[1] > 0 else f"{'-':>8}"
        ratio = f"{size / previous[0]:7.1f}" if previous else f"{'-':>7}"
        print(f"{size:12,d} {ms:8.1f} {growth} {ratio}")
        previous = (size, ms)
    at = dict(results).get(10_000)
    met = at is not None and at < SPEED_TARGET_MS
    margin = f"{SPEED_TARGET_MS - at:+.1f} ms" if at is not None else "not measured"
    print(f"Target: < {SPEED_TARGET_MS:.0f} ms at 10,000 words: {verdict(met, margin)}")
    return met


# --- Main -----------------------------------------------------------------------------------


def run(corpus: Path, check: Check, threshold: float, limit: int | None,
        review: Path | None, json_out: Path | None, missed_out: Path | None = None) -> int:
    """Load the datasets, check every summary, print the tables."""
    bump = load_bump(corpus)
    frank = load_frank(corpus)
    summedits = load_summedits(corpus)
    if limit is not None:
        bump = [p for task in (1, 2) for p in [p for p in bump if p.task == task][:limit]]
        frank, summedits = frank[:limit], summedits[:limit]
    checked = Checked(check, threshold)
    print(f"min-confidence {threshold}; BUMP {len(bump)} pairs, FRANK {len(frank)} summaries, "
          f"SummEdits {len(summedits)} summaries")

    rows = bump_rows(bump, checked)
    print_table("BUMP, all pairs (detect: edited summaries flagged %; false: reference summaries flagged %; "
                "metrics: ROC AUC x100)", rows, BUMP_METRICS)
    print(f"Published ROC AUC, task 1 (BUMP paper): {PUBLISHED_BUMP}; per type "
          + ", ".join(f"{k} {v}" for k, v in PUBLISHED_QAFACTEVAL.items()))

    changes = [(p, change_between(p.reference, p.edited, p.article)) for p in bump]
    in_scope = [(p, c) for p, c in changes if c.kind is not None]
    scoped_rows = bump_rows([p for p, _ in in_scope], checked)
    print_table("BUMP, in scope (the edit changed a name, a number or a date)", scoped_rows, BUMP_METRICS)
    kinds = []
    for kind in ("name", "number", "date"):
        group = [p for p, c in in_scope if c.kind == kind]
        if group:
            r = bump_rows(group, checked)[-1]
            r.label = f"changed a {kind}"
            kinds.append(r)
    print_table("BUMP, in scope by what changed", kinds, BUMP_METRICS)

    print("\nSpan accuracy (of the edited summaries flagged, those with a finding on the changed words)")
    span_all = span_hits(changes, checked)
    span_scoped = span_hits(in_scope, checked)
    for label, (hit, flagged) in (("all pairs", span_all), ("in scope", span_scoped)):
        share = f"{hit / flagged:.3f}" if flagged else "-"
        print(f"  {label:10} {share} ({hit}/{flagged})")

    print_by_rule(changes, checked)
    print_sweep(in_scope, bump, checked)

    overall = rows[-1]
    print(f"\nTargets (QAFactEval, published ROC AUC per type; min-confidence {threshold})")
    goals = targets(scoped_rows, overall, span_scoped)
    for text, ok, margin in goals:
        print(f"  {verdict(ok, margin):18} {text}")
    real = reviewed_real(bump, checked)
    left = overall.false_alarms - real
    share = pct(left / max(overall.negatives, 1), 0).strip()
    print(f"  After review (bench/sources_review.md): {real} of the {overall.false_alarms} flagged reference pairs "
          f"are real; false alarms {left}/{overall.negatives} = {share}%")

    f_rows = frank_rows(frank, checked)
    print_table("FRANK (positives: summaries with that error; negatives: summaries with no error)",
                f_rows, FRANK_METRICS)
    s_rows = summedits_rows(summedits, checked)
    print_table("SummEdits, news (positives: label 0; negatives: label 1)", s_rows, ())
    print(f"Published balanced accuracy, news: {PUBLISHED_SUMMEDITS}")

    print(f"\nChecked {checked.checked} distinct summaries in {checked.seconds:.1f} s of CPU "
          f"({1000 * checked.seconds / max(checked.checked, 1):.1f} ms each)", file=sys.stderr)

    if review is not None:
        listed = flagged_consistent(bump, frank, summedits, checked)
        write_review_list(review, listed, threshold)
        print(f"Wrote {len(listed)} flagged consistent summaries to {review}")
    if missed_out is not None:
        n = write_missed_list(missed_out, in_scope, checked)
        print(f"Wrote {n} missed in-scope edits to {missed_out}")
    if json_out is not None:
        data = {
            "min_confidence": threshold,
            "bump": [r.json_data() for r in rows],
            "bump_in_scope": [r.json_data() for r in scoped_rows],
            "bump_in_scope_by_kind": [r.json_data() for r in kinds],
            "span_accuracy": {"all": list(span_all), "in_scope": list(span_scoped)},
            "targets": [{"target": t, "met": ok, "margin": m} for t, ok, m in goals],
            "reference_pairs_flagged_real_after_review": real,
            "frank": [r.json_data() for r in f_rows],
            "summedits": [r.json_data() for r in s_rows],
        }
        json_out.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="the folder holding source_grounding/ (default: ../shared/corpus)")
    parser.add_argument("--min-confidence", type=float, default=Config().min_confidence,
                        help="flag a summary with a finding at least this sure (default: %(default)s)")
    parser.add_argument("--limit", type=int, default=None,
                        help="only the first N items of each dataset (of each BUMP task)")
    parser.add_argument("--list-flagged-consistent", type=Path, default=None, metavar="FILE",
                        help="write every flagged consistent summary to FILE (Markdown)")
    parser.add_argument("--list-missed", type=Path, default=None, metavar="FILE",
                        help="write every in-scope BUMP edit no finding covers to FILE (Markdown)")
    parser.add_argument("--json", type=Path, default=None, metavar="FILE", help="write the tables as JSON")
    parser.add_argument("--speed", action="store_true", help="time the rules against growing sources instead")
    parser.add_argument("--checker", choices=sorted(CHECKERS), default="factlint",
                        help="factlint's source/ rules, or the string-matching baseline")
    parser.add_argument("--summaries", action="store_true",
                        help="report names, numbers, dates and quotations the article lacks wherever they stand "
                             "(attributed=all, as the rules advise for summaries)")
    parser.add_argument("--option", type=parse_option, action="append", default=[], metavar="RULE:KEY=VALUE",
                        help="a rule option, e.g. source/number:min_alignment=0.4 (repeatable)")
    args = parser.parse_args(argv)
    corpus = args.corpus.resolve()
    options: dict[str, dict[str, Any]] = {r: dict(o) for r, o in SUMMARY_OPTIONS.items()} if args.summaries else {}
    for rule, key, value in args.option:
        options.setdefault(rule, {})[key] = value
    check = CHECKERS[args.checker]
    if check is factlint_check and options:
        check = functools.partial(factlint_check, options=options)
        print("options: " + "; ".join(f"{r} {k}={v}" for r, o in sorted(options.items()) for k, v in o.items()))
    try:
        if args.speed:
            print_speed(speed(corpus, factlint_with_sources), "with its source, read and extracted each time")
            print_speed(speed_loaded(corpus), "with its source already loaded (many articles, or a draft again)")
            return 0
        return run(corpus, check, args.min_confidence, args.limit,
                   args.list_flagged_consistent, args.json, args.list_missed)
    except MissingData as exc:
        print(f"bench/sources.py: {exc}", file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"bench/sources.py: {exc}\n(are the source/ rules installed? --checker lexical runs without them)",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

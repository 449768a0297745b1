"""The source-grounding datasets ``bench/sources.py`` measures on, and the pure parts of it.

The data stays in ``../shared/corpus/source_grounding`` (its ``SOURCE.md`` gives origins
and licences); nothing here copies it. Three datasets, each a summary to check against
the article it was written from:

- BUMP (Ma et al., 2023): a reference summary consistent with its CNN/DailyMail article
  and a copy of it with exactly one error planted by a person, typed Intrinsic/Extrinsic x
  Entity/Circumstance/Predicate or Coreference; 12 published metrics' scores for both.
- FRANK (Pagnoni et al., 2021): model summaries of CNN/DM and BBC articles with per-type
  error labels (1.0 means no error of that type) and five baseline metrics' outputs.
- SummEdits, news (Laban et al., 2023): edited summaries of 25 news documents, label 0
  when inconsistent.

Also here, because they need no checker: the exact ROC AUC (Mann-Whitney, ties counted
half) and the diff that finds what an edited BUMP summary changed and whether that change
is a name, a number or a date.
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from factlint_plugins._english import (
    MONTH_WORDS,
    MULTIPLIER_WORDS,
    ORDINAL_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_NAMES,
)

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
"""``<repo>/../shared/corpus``: where the evaluation data lives beside the repository."""

GROUNDING = "source_grounding"

BUMP_TYPES: tuple[str, ...] = (
    "Extrinsic Entity",
    "Intrinsic Entity",
    "Extrinsic Circumstance",
    "Intrinsic Circumstance",
    "Extrinsic Predicate",
    "Intrinsic Predicate",
    "Coreference",
)
"""BUMP's error types, as this bench names them (task 2 writes them without "Error")."""

BUMP_METRICS: tuple[str, ...] = (
    "QAFactEval", "Q2", "DAE", "QuestEval", "BARTScore", "FactCC",
    "CoCo", "SummaC", "BLEURT", "BERTScore", "ROUGE-2", "BLEU",
)
"""The 12 metrics whose scores BUMP stores as ``<metric>_reference`` and ``<metric>_edited``."""

FRANK_TYPES: tuple[str, ...] = ("EntE", "CircE", "OutE", "RelE", "CorefE", "LinkE", "GramE", "Other")
"""FRANK's error categories: entity, circumstance, out-of-article, relation (predicate),
coreference, discourse link, grammar, other."""

FRANK_METRICS: tuple[str, ...] = ("FactCC", "FEQA", "Dep Entail", "QAGS", "BertScore P Art")
"""The baselines FRANK stores per summary, each scoring consistency (higher: more faithful).
``BertScore P Art`` is BERTScore precision against the article."""


class MissingData(Exception):
    """A dataset file is not where the bench looks for it."""


def grounding_dir(corpus: Path) -> Path:
    """The ``source_grounding`` folder of ``corpus``, or :class:`MissingData` naming it."""
    folder = corpus / GROUNDING
    if not (folder / "SOURCE.md").is_file():
        raise MissingData(
            f"source-grounding data not found in {folder} (expected SOURCE.md, bump/, frank/, "
            "summedits/ there; give --corpus DIR, the folder holding source_grounding/)"
        )
    return folder


def _jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise MissingData(f"dataset file not found: {path}")
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


# --- BUMP ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BumpPair:
    """One BUMP pair: an article, its consistent reference summary and the edited copy."""

    task: int
    """1 or 2 (BUMP's two collection tasks)."""
    id: int
    """The pair's id within its task."""
    article_id: int
    article: str
    reference: str
    """The reference summary, consistent with the article."""
    edited: str
    """The reference with one error planted."""
    error_type: str
    """One of :data:`BUMP_TYPES`, or ``"Other"`` (three pairs of task 2)."""
    scores: dict[str, tuple[float, float]] = field(default_factory=dict, compare=False)
    """Metric name to its (reference, edited) scores; a metric scores consistency."""

    @property
    def key(self) -> str:
        """A stable label: ``t1:7``."""
        return f"t{self.task}:{self.id}"


def bump_type(label: str) -> str:
    """BUMP's error-type label in this bench's form: ``"Intrinsic Entity Error"`` and
    ``"Intrinsic Entity"`` both give ``"Intrinsic Entity"``."""
    label = label.strip()
    return label[: -len(" Error")] if label.endswith(" Error") else label


def load_bump(corpus: Path) -> list[BumpPair]:
    """Task 1's and task 2's development pairs, in file order. Task 1 is typed by its
    ``corrected_error_type`` (the label after BUMP's second annotation pass)."""
    folder = grounding_dir(corpus) / "bump"
    pairs = []
    for task in (1, 2):
        for row in _jsonl(folder / f"task{task}_dev.jsonl"):
            raw = row.get("corrected_error_type") or row["error_type"]
            scores = {m: (float(row["scores"][f"{m}_reference"]), float(row["scores"][f"{m}_edited"]))
                      for m in BUMP_METRICS}
            pairs.append(BumpPair(task, int(row["id"]), int(row["article_id"]), row["article"],
                                  row["reference_summary"], row["edited_summary"], bump_type(raw), scores))
    return pairs


REVIEWED_REAL: dict[int, frozenset[str]] = {
    3177: frozenset({"Toyko"}),
    3514: frozenset({"Jos Buttler"}),
    3996: frozenset({"Louis van Gaal"}),
    4293: frozenset({"Jeff Powell"}),
    4310: frozenset({"Phil Neville"}),
    466: frozenset({"Sally Kohn"}),
    7159: frozenset({"Disneyland"}),
    10999: frozenset({"£570m"}),
    11024: frozenset({"six months"}),
    11094: frozenset({"Brisbane"}),
    11183: frozenset({"more than £8,030"}),
    11402: frozenset({"Pacific Ocean"}),
}
"""BUMP reference summaries (by article id) read by hand (``bench/sources_review.md``):
the flagged words found to be wrong or absent from the stored article. A reference
whose every finding is on such words is no false alarm."""


# --- FRANK --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrankItem:
    """One FRANK summary with its human labels and the stored baselines."""

    hash: str
    model: str
    source: str
    """``cnndm`` or ``xsum`` (BBC)."""
    article: str
    summary: str
    cased: bool
    """Whether the summary keeps its capitals (most FRANK outputs are lower-cased)."""
    labels: dict[str, float] = field(compare=False)
    metrics: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> str:
        """A stable label: the first 10 characters of the article hash and the model."""
        return f"{self.hash[:10]}/{self.model}"

    @property
    def consistent(self) -> bool:
        """No error of any kind (``Factuality`` is 1)."""
        return self.labels["Factuality"] >= 1

    def has(self, kind: str) -> bool:
        """Whether annotators found an error of ``kind`` (its score is under 1)."""
        return self.labels[kind] < 1


def load_frank(corpus: Path) -> list[FrankItem]:
    """Every annotated FRANK summary (test and validation), in file order, joined with the
    baseline metrics by article hash and model."""
    folder = grounding_dir(corpus) / "frank"
    baselines_path = folder / "baseline_factuality_metrics_outputs.json"
    if not baselines_path.is_file():
        raise MissingData(f"dataset file not found: {baselines_path}")
    baselines = {(b["hash"], b["model_name"]): b for b in json.loads(baselines_path.read_text(encoding="utf-8"))}
    items = []
    for row in _jsonl(folder / "frank_joined.jsonl"):
        stored = baselines.get((row["hash"], row["model_name"]), {})
        metrics = {m: float(stored[m]) for m in FRANK_METRICS if stored.get(m) is not None}
        items.append(FrankItem(row["hash"], row["model_name"], row["dataset"], row["article"], row["summary"],
                               bool(row["summary_is_cased"]), dict(row["labels"]), metrics))
    return items


# --- SummEdits ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SummEditsItem:
    """One SummEdits news summary; ``consistent`` is its label 1."""

    id: str
    article: str
    summary: str
    consistent: bool
    edit_types: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The dataset's own id."""
        return self.id


def load_summedits(corpus: Path) -> list[SummEditsItem]:
    """SummEdits' news items, in file order."""
    path = grounding_dir(corpus) / "summedits" / "summedits_news.json"
    if not path.is_file():
        raise MissingData(f"dataset file not found: {path}")
    return [SummEditsItem(str(r["id"]), r["doc"], r["summary"], int(r["label"]) == 1, tuple(r.get("edit_types") or ()))
            for r in json.loads(path.read_text(encoding="utf-8"))]


# --- ROC AUC ------------------------------------------------------------------------------


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float | None:
    """ROC AUC of a score that should be higher on ``positives``: the share of
    (positive, negative) pairs the score orders right, a tie counting half (the
    Mann-Whitney U statistic over the number of pairs). None when either side is empty.

    Exact, in O(n log n): each positive counts the negatives below it and half of those
    equal to it, found by bisecting the sorted negatives.
    """
    if not positives or not negatives:
        return None
    ordered = sorted(negatives)
    wins = 0.0
    for p in positives:
        below = bisect.bisect_left(ordered, p)
        equal = bisect.bisect_right(ordered, p) - below
        wins += below + equal / 2
    return wins / (len(positives) * len(negatives))


# --- What an edit changed -----------------------------------------------------------------

_TOKEN = re.compile(r"\w+(?:[-.,'’]\w+)*|[^\w\s]")

RELATIVE_DATE_WORDS = frozenset({
    "yesterday", "today", "tomorrow", "tonight", "ago", "last", "next", "earlier", "later",
    "this", "week", "weeks", "weekend", "month", "months", "year", "years", "day", "days",
    "morning", "afternoon", "evening", "night", "decade", "decades", "century", "recently",
    "previous", "following", "past", "coming",
})
"""Words of a relative date ("last week", "two years ago"); a changed span counts as a
date only when it also holds a date word proper or it is made of these alone."""

_STRONG_RELATIVE = frozenset({"yesterday", "today", "tomorrow", "tonight", "ago", "weekend", "week", "month",
                              "year", "decade", "century", "morning", "afternoon", "evening", "night"})

NUMBER_WORDS = frozenset(UNIT_WORDS) | frozenset(TENS_WORDS) | frozenset(MULTIPLIER_WORDS) | frozenset(
    ORDINAL_WORDS) | {"dozen", "dozens", "half", "hundreds", "thousands", "millions", "billions", "trillion", "once",
                      "twice", "percent", "per", "cent", "%", "$", "£", "€", "a"}
"""Number words, and the signs and words written with a number ("$", "per cent")."""

_CONNECTORS = frozenset({"of", "the", "de", "van", "von", "al", "bin", "and", "'s", "’s", "s", "'", "’", "-", ".",
                         ",", "&", "in", "on", "at"})
"""Words a changed name or date may hold between its proper tokens ("Bank of England",
"March 3, 2015")."""

_NOT_NAMES = frozenset({
    "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our", "my", "your", "him", "them",
    "the", "a", "an", "this", "that", "these", "those", "there", "here", "but", "and", "or", "if", "when", "while",
    "after", "before", "in", "on", "at", "of", "for", "to", "from", "with", "by", "as", "is", "was", "are", "were",
    "has", "had", "have", "will", "would", "can", "could", "not", "no", "one", "some", "all", "many", "most",
    "police", "officials", "authorities", "mr", "mrs", "ms", "dr",
})
"""Capitalised words that are no names: a sentence's first word, a title."""


def tokens(text: str) -> list[tuple[str, int, int]]:
    """``text``'s words and punctuation marks, each with its start and end offsets."""
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class Change:
    """What an edited summary changed from its reference, token by token."""

    removed: tuple[str, ...]
    """The reference's tokens replaced or deleted."""
    added: tuple[str, ...]
    """The edited summary's tokens inserted or put in their place."""
    start: int
    """Where the change starts in the edited summary (offset)."""
    end: int
    """Where it ends (offset, exclusive). An empty range for a pure deletion."""
    kind: str | None
    """``"name"``, ``"number"`` or ``"date"`` when every changed stretch on both sides is
    one of those kinds; None otherwise (the pair is out of scope)."""
    parts: tuple[tuple[int, int], ...] = ()
    """Each changed stretch of the edited summary (start, end): a name changed in two
    places is two parts, and the words between them are not part of the change."""

    def overlaps(self, start: int, end: int) -> bool:
        """Whether the range ``start``..``end`` of the edited summary overlaps a changed
        stretch (for a deletion: touches the place it was made)."""
        for s, e in self.parts or ((self.start, self.end),):
            if (start <= s <= end) if s == e else (start < e and s < end):
                return True
        return False

    def text(self, edited: str) -> str:
        """The changed stretches of ``edited``, joined by " … "."""
        return " \u2026 ".join(edited[s:e] for s, e in self.parts)


def change_between(reference: str, edited: str, article: str = "") -> Change:
    """The token diff (:mod:`difflib`) from ``reference`` to ``edited``: every stretch
    changed (punctuation alone is no change), their extent, and its kind (see :func:`stretch_kind`). A capitalised word
    the ``article`` also writes in lower case ("Increases" in a title-case summary) is
    no name."""
    old, new = tokens(reference), tokens(edited)
    common = frozenset(t[0] for t in tokens(article) if t[0].islower())
    matcher = difflib.SequenceMatcher(None, [t[0] for t in old], [t[0] for t in new], autojunk=False)
    removed: list[str] = []
    added: list[str] = []
    kinds: list[str | None] = []
    parts: list[tuple[int, int]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        gone = [t[0] for t in old[i1:i2]]
        put = [t[0] for t in new[j1:j2]]
        removed += gone
        added += put
        # A stretch of punctuation alone ("," to ".") carries no fact.
        if not any(_is_word(t) for t in gone + put):
            continue
        sides = [s for s in (gone, put) if any(_is_word(t) for t in s)]
        side_kinds = {stretch_kind(s, common) for s in sides}
        kinds.append(side_kinds.pop() if len(side_kinds) == 1 else _mixed(side_kinds))
        if j2 > j1:
            s, e = new[j1][1], new[j2 - 1][2]
        else:
            s = e = new[j1][1] if j1 < len(new) else len(edited)
        parts.append((s, e))
    if not parts:
        return Change(tuple(removed), tuple(added), 0, 0, None)
    kind = kinds[0] if kinds and all(k is not None for k in kinds) and len(set(kinds)) == 1 else None
    return Change(tuple(removed), tuple(added), parts[0][0], parts[-1][1], kind, tuple(parts))


def _mixed(kinds: set[str | None]) -> str | None:
    # "Monday" for "March 3": both dates. A number for a date ("2014" for "last year") is
    # a date change; anything with an out-of-scope side stays out.
    if None in kinds:
        return None
    if kinds == {"number", "date"}:
        return "date"
    return None


def _is_word(token: str) -> bool:
    return any(c.isalnum() for c in token)


def _is_number(token: str) -> bool:
    low = token.lower()
    return any(c.isdigit() for c in token) or low in NUMBER_WORDS or all(
        part in NUMBER_WORDS for part in low.split("-"))


def _is_year(token: str) -> bool:
    if token.isdigit() and len(token) == 4:
        return 1800 <= int(token) <= 2100
    return bool(re.fullmatch(r"(?:19|20)\d0s", token))


def _is_date_word(token: str) -> bool:
    low = token.lower().rstrip(".")
    return low in MONTH_WORDS or low in WEEKDAY_NAMES or low in WEEKDAY_ABBREVIATIONS or _is_year(token) or (
        low.endswith("s") and low[:-1] in WEEKDAY_NAMES)


def _is_name(token: str, common: frozenset[str]) -> bool:
    return token[:1].isupper() and token.lower() not in _NOT_NAMES and token.lower() not in common


def stretch_kind(stretch: Iterable[str], common: frozenset[str] = frozenset()) -> str | None:
    """The kind of one side of a changed stretch: ``"date"`` (a month, weekday or year,
    or relative date words such as "last week"), ``"number"`` (digits or number words),
    ``"name"`` (capitalised words, "of"/"the" between them, at least one of them not in
    ``common``, the words known in lower case: "New York" but not "Increases"), else None."""
    words = [t for t in stretch if _is_word(t) or t in ("$", "%", "£", "€")]
    if not words:
        return None
    if any(_is_date_word(t) for t in words) and all(
        _is_date_word(t) or _is_number(t) or t.lower() in RELATIVE_DATE_WORDS or t.lower() in _CONNECTORS
        for t in words
    ):
        return "date"
    if any(t.lower() in _STRONG_RELATIVE for t in words) and all(
        t.lower() in RELATIVE_DATE_WORDS or _is_number(t) for t in words
    ):
        return "date"
    if all(_is_number(t) for t in words) and any(t.lower() not in ("a", "per", "$", "%", "£", "€") for t in words):
        return "number"
    # One proper name word is enough; the words around it need only be capitalised.
    if any(_is_name(t, common) for t in words) and all(
        _is_name(t, frozenset()) or t.lower() in _CONNECTORS for t in words
    ):
        return "name"
    return None
